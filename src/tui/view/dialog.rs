//! The small windows of keeping the data true: «Повідомити про помилку» (the field, a short
//! note), the maintainer's name asked once, and a write that failed; how a small window with a
//! line to type is drawn (the first-start window draws the same way).

use super::text::{clean, truncate, width, wrap_field};
use super::theme::Theme;
use crate::maintain::corrections;
use crate::tui::layout::{Areas, Mode, centered, list_offset};
use crate::tui::line_input::LineInput;
use crate::tui::state::{Dialog, DialogKind, State};
use crate::tui::strings::Msg;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The dialog's width inside its frame (with the margin), for a window `w` columns wide.
fn inner_width(w: u16) -> u16 {
    w.saturating_sub(4)
}

/// Where the dialog goes: as tall as its contents, at most the usual window.
pub(super) fn dialog_rect(state: &State, d: &Dialog, r: Rect, a: Areas) -> Rect {
    if a.mode == Mode::Compact {
        return r;
    }
    let w = r.width.min(76);
    let lines = dialog_lines(state, d, inner_width(w), usize::MAX).0.len() as u16;
    centered(r, w, (lines + 2).min(r.height))
}

/// The title on the dialog's frame.
pub(super) fn dialog_title(state: &State, d: &Dialog) -> String {
    let lang = state.lang();
    let named = |msg: Msg, id: &str| match state.dir.agency(id) {
        Some(a) => format!("{}: {}", msg.text(lang), clean(a.display_name())),
        None => msg.text(lang).to_string(),
    };
    match &d.kind {
        DialogKind::Report { agency, .. } => named(Msg::ReportTitle, agency),
        DialogKind::Maintainer { agency } => named(Msg::MaintainerTitle, agency),
        DialogKind::Failed { title, .. } => title.text(lang).to_string(),
    }
}

/// The line to type in, with its label; returns it and the cursor's column.
pub(super) fn input_line(
    label: &str,
    input: &LineInput,
    w: u16,
    t: Theme,
) -> (Line<'static>, usize) {
    let room = (w as usize).saturating_sub(width(label) + 1).max(1);
    let window = input.window(room);
    let line = Line::from(vec![
        Span::styled(label.to_string(), t.dim()),
        Span::styled(clean(window.text), t.bold()),
    ]);
    (line, width(label) + window.cursor)
}

/// The dialog's lines for width `w`, the field list cut to fit `room` lines, and where the
/// cursor goes (line, column).
fn dialog_lines(
    state: &State,
    d: &Dialog,
    w: u16,
    room: usize,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let lang = state.lang();
    let t = Theme::of(state);
    let mut out = Vec::new();
    let mut cursor = None;
    match &d.kind {
        DialogKind::Report { field, .. } => {
            out.push(Line::styled(Msg::ReportField.text(lang), t.bold()));
            let fields = corrections::FIELDS.len();
            // Below the list: the note, the hint, an error.
            let below = 3 + usize::from(d.error.is_some());
            let shown = fields.min(room.saturating_sub(1 + below).max(1));
            let from = list_offset(0, *field, shown);
            for i in (from..fields).take(shown) {
                let label = corrections::field_label(corrections::FIELDS[i].0, lang);
                let (mark, style) = if i == *field {
                    ("▶ ", t.selected())
                } else {
                    ("  ", Style::new())
                };
                let text = truncate(&format!("{mark}{label}"), w as usize);
                let pad = (w as usize).saturating_sub(width(&text));
                out.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
            }
            let (line, col) = input_line(Msg::ReportNote.text(lang), &d.input, w, t);
            cursor = Some((out.len(), col));
            out.push(line);
            wrap_field(
                &mut out,
                None,
                Msg::ReportNoVisitor.text(lang),
                t.dim(),
                t.dim(),
                w,
                0,
                0,
            );
        }
        DialogKind::Maintainer { .. } => {
            let prompt = Msg::MaintainerPrompt.text(lang);
            wrap_field(&mut out, None, prompt, Style::new(), Style::new(), w, 0, 0);
            let (line, col) = input_line(Msg::MaintainerName.text(lang), &d.input, w, t);
            cursor = Some((out.len(), col));
            out.push(line);
        }
        DialogKind::Failed { message, .. } => {
            wrap_field(&mut out, None, message, t.warn(), t.warn(), w, 0, 2);
        }
    }
    if let Some(e) = d.error {
        out.push(Line::styled(truncate(e.text(lang), w as usize), t.warn()));
    }
    (out, cursor)
}

/// Draws the dialog into the window's inside; returns the cursor's place.
pub(super) fn draw_dialog(
    state: &State,
    f: &mut Frame,
    area: Rect,
    d: &Dialog,
) -> Option<Position> {
    let (lines, cursor) = dialog_lines(state, d, area.width, area.height as usize);
    draw_lines(f, area, lines, cursor)
}

/// Draws a small window's lines into its inside, scrolled so that the line with the cursor
/// (line, column) shows; returns the cursor's place.
pub(super) fn draw_lines(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    cursor: Option<(usize, usize)>,
) -> Option<Position> {
    let top = cursor
        .map(|(line, _)| (line + 1).saturating_sub(area.height as usize))
        .unwrap_or(0);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(area.height as usize)
        .collect();
    f.render_widget(Paragraph::new(visible), area);
    cursor.map(|(line, col)| {
        Position::new(
            (area.x + col as u16).min(area.right().saturating_sub(1)),
            area.y + (line - top) as u16,
        )
    })
}

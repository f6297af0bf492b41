//! The first-start window: what it is for, the four lines to type, the printer chosen with
//! ←→, what is wrong with a line, and the keys.

use super::dialog::{draw_lines, input_line};
use super::text::{clean, width, wrap_field};
use super::theme::Theme;
use crate::tui::layout::{Areas, Mode, centered};
use crate::tui::state::{SetupDialog, SetupField, State};
use crate::tui::strings::Msg;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Where the window goes: as tall as its contents, at most the usual window.
pub(super) fn setup_rect(state: &State, s: &SetupDialog, r: Rect, a: Areas) -> Rect {
    if a.mode == Mode::Compact {
        return r;
    }
    let w = r.width.min(76);
    // The frame and the column of margin on each side.
    let lines = setup_lines(state, s, w.saturating_sub(4)).0.len() as u16;
    centered(r, w, (lines + 2).min(r.height))
}

fn label(field: SetupField) -> Msg {
    match field {
        SetupField::Name => Msg::SetupName,
        SetupField::Address => Msg::SetupAddress,
        SetupField::Phone => Msg::SetupPhone,
        SetupField::Locality => Msg::SetupLocality,
        SetupField::Printer => Msg::SetupPrinter,
    }
}

/// The window's lines for width `w`, and where the cursor goes (line, column).
fn setup_lines(
    state: &State,
    s: &SetupDialog,
    w: u16,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let lang = state.lang();
    let t = Theme::of(state);
    let mut out = Vec::new();
    let mut cursor = None;
    let intro = Msg::SetupIntro.text(lang);
    wrap_field(&mut out, None, intro, Style::new(), Style::new(), w, 0, 0);
    out.push(Line::default());
    // The labels in one column, the focused line marked.
    let label_w = SetupField::ALL
        .iter()
        .map(|f| width(label(*f).text(lang)))
        .max()
        .unwrap_or(0);
    for field in SetupField::ALL {
        let name = label(field).text(lang);
        let mark = if s.focus == field { "▶ " } else { "  " };
        let pad = " ".repeat(label_w - width(name));
        let head = format!("{mark}{name}:{pad} ");
        match s.line(field) {
            Some(input) => {
                let (line, col) = input_line(&head, input, w, t);
                if s.focus == field {
                    cursor = Some((out.len(), col));
                }
                out.push(line);
            }
            None => out.push(printer_line(state, s, head, t)),
        }
    }
    if s.printers.as_ref().is_some_and(Vec::is_empty) {
        let none = Msg::SetupNoPrinters.text(lang);
        wrap_field(&mut out, None, none, t.dim(), t.dim(), w, 0, 0);
    }
    if let Some((_, e)) = &s.error {
        wrap_field(&mut out, None, e, t.warn(), t.warn(), w, 0, 2);
    }
    out.push(Line::default());
    let keys = Msg::SetupKeys.text(lang);
    wrap_field(&mut out, None, keys, t.dim(), t.dim(), w, 0, 0);
    (out, cursor)
}

/// «Принтер: ◀ типовий принтер ▶», with a note while the system's printers are listed.
fn printer_line(state: &State, s: &SetupDialog, head: String, t: Theme) -> Line<'static> {
    let lang = state.lang();
    let name = match &s.printer {
        Some(p) => clean(p),
        None => Msg::DefaultPrinter.text(lang).to_string(),
    };
    let mut spans = vec![Span::styled(head, t.dim())];
    if s.focus == SetupField::Printer {
        spans.push(Span::styled(format!("◀ {name} ▶"), t.bold()));
    } else {
        spans.push(Span::raw(name));
    }
    if s.printers.is_none() {
        spans.push(Span::styled(
            format!(" · {}", Msg::SetupListingPrinters.text(lang)),
            t.dim(),
        ));
    }
    Line::from(spans)
}

/// Draws the window into its inside; returns the cursor's place (none on the printer line).
pub(super) fn draw_setup(
    state: &State,
    f: &mut Frame,
    area: Rect,
    s: &SetupDialog,
) -> Option<Position> {
    let (lines, cursor) = setup_lines(state, s, area.width);
    draw_lines(f, area, lines, cursor)
}

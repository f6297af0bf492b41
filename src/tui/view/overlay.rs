//! The top window: its frame and title, then its contents by kind.

use super::dialog::{dialog_rect, dialog_title, draw_dialog};
use super::form::{draw_form, form_title};
use super::help::help_lines;
use super::mouse::Hits;
use super::picker::draw_picker;
use super::preview::{draw_preview_overlay, preview_rect};
use super::problems::draw_problems;
use super::qr::{draw_qr, qr_layout};
use super::setup::{draw_setup, setup_rect};
use super::stats::stats_lines;
use super::text::{clean, truncate, wrap_field};
use super::theme::Theme;
use crate::tui::layout::{Areas, Mode, help_width, overlay_rect, padded};
use crate::tui::msg::Viewport;
use crate::tui::state::{DialogKind, Overlay, PickerKind, State};
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws the top overlay; returns the cursor position when it has a text field.
pub(super) fn draw_overlay(
    state: &State,
    f: &mut Frame,
    a: Areas,
    t: Theme,
    hits: &mut Hits,
    viewport: &mut Viewport,
) -> Option<Position> {
    let top = state.overlays.last()?;
    let r = overlay_area(state, top, a);
    if r.width < 3 || r.height < 3 {
        return None;
    }
    hits.overlay = Some(r);
    hits.rows.clear();
    hits.services.clear();
    let title = overlay_title(state, top);
    let border = match top {
        Overlay::Notice(_) => t.warn(),
        Overlay::Dialog(d) if matches!(d.kind, DialogKind::Failed { .. }) => t.warn(),
        _ => t.accent(),
    };
    let block = Block::bordered()
        .border_style(border)
        .title_top(Line::styled(
            format!(" {} ", truncate(&title, r.width.saturating_sub(4) as usize)),
            t.bold(),
        ));
    let inner = block.inner(r);
    f.render_widget(Clear, r);
    f.render_widget(block, r);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    // Reading windows get a column of margin inside the frame.
    let padded = padded(inner);
    match top {
        Overlay::Help { scroll } => {
            // Reading text: a column of margin inside the frame, like the other windows.
            let lines = help_lines(state, help_width(r));
            viewport.help_lines = Some(lines.len());
            let max = lines.len().saturating_sub(padded.height as usize);
            let visible: Vec<Line> = lines.into_iter().skip((*scroll).min(max)).collect();
            f.render_widget(Paragraph::new(visible), padded);
            None
        }
        Overlay::Problems { selected } => {
            draw_problems(state, f, inner, *selected, t);
            None
        }
        Overlay::Picker(p) => Some(draw_picker(state, f, inner, p, t, hits)),
        Overlay::Preview(p) => {
            let (cursor, drawn) = draw_preview_overlay(state, f, padded, p, t, hits);
            viewport.preview = Some(drawn);
            Some(cursor)
        }
        Overlay::Qr { agency } => {
            draw_qr(state, f, inner, agency, a);
            None
        }
        Overlay::Stats(v) => {
            f.render_widget(
                Paragraph::new(stats_lines(state, v, padded.width, t)),
                padded,
            );
            None
        }
        Overlay::Dialog(d) => draw_dialog(state, f, padded, d),
        Overlay::Setup(s) => draw_setup(state, f, padded, s),
        Overlay::Form(form) => draw_form(state, f, padded, form),
        Overlay::Note(n) => {
            let label = Msg::NoteLabel.text(state.lang());
            let lw = super::text::width(label);
            let window = n
                .input
                .window((padded.width as usize).saturating_sub(lw + 1).max(1));
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    ratatui::text::Span::styled(label, t.dim()),
                    ratatui::text::Span::styled(clean(window.text), t.bold()),
                ])),
                padded,
            );
            Some(Position::new(
                (padded.x + (lw + window.cursor) as u16).min(padded.right().saturating_sub(1)),
                padded.y,
            ))
        }
        Overlay::Notice(text) => {
            let mut lines = Vec::new();
            wrap_field(
                &mut lines,
                None,
                text,
                Style::new(),
                Style::new(),
                padded.width,
                0,
                2,
            );
            f.render_widget(Paragraph::new(lines), padded);
            None
        }
    }
}

/// Where a window goes: the usual box, or one sized to what it holds.
fn overlay_area(state: &State, top: &Overlay, a: Areas) -> Rect {
    let mut r = overlay_rect(a);
    match top {
        Overlay::Picker(p) if a.mode != Mode::Compact => {
            // A list of short names needs no more room than it has items.
            let w = r.width.min(60);
            let h = r.height.min(p.items.len() as u16 + 3);
            r = Rect::new(r.x + (r.width - w) / 2, r.y, w, h);
        }
        Overlay::Preview(_) => r = preview_rect(state, a),
        Overlay::Qr { agency } => {
            // Too small: the usual box, with a note saying what size is needed.
            if let Ok(q) = qr_layout(state, agency, a) {
                r = q.rect;
            }
        }
        Overlay::Dialog(d) => r = dialog_rect(state, d, r, a),
        Overlay::Setup(s) => r = setup_rect(state, s, r, a),
        Overlay::Note(_) => {
            let w = r.width.min(72);
            let h = r.height.min(3);
            r = Rect::new(r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h);
        }
        Overlay::Notice(_) if a.mode != Mode::Compact => {
            let w = r.width.min(72);
            let h = r.height.min(12);
            r = Rect::new(r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h);
        }
        _ => {}
    }
    r
}

fn overlay_title(state: &State, top: &Overlay) -> String {
    let lang = state.lang();
    match top {
        Overlay::Help { .. } => Msg::HelpTitle.text(lang).into(),
        Overlay::Problems { .. } => Msg::ProblemsTitle.text(lang).into(),
        Overlay::Picker(p) => match p.kind {
            PickerKind::Category => Msg::PickCategory.text(lang).into(),
            PickerKind::Locality => Msg::PickLocality.text(lang).into(),
            PickerKind::Field { key, .. } => key.full_label(lang),
        },
        Overlay::Preview(p) if p.plan => format!(
            "{}: {}",
            Msg::PreviewTitle.text(lang),
            strings::plan_title(lang, state.plan.len())
        ),
        Overlay::Preview(p) => match state.dir.agency(&p.agency) {
            Some(ag) => format!(
                "{}: {}",
                Msg::PreviewTitle.text(lang),
                clean(ag.display_name())
            ),
            None => Msg::PreviewTitle.text(lang).into(),
        },
        Overlay::Qr { agency } => match state.dir.agency(agency) {
            Some(ag) => format!("{} · {}", Msg::QrTitle.text(lang), clean(ag.display_name())),
            None => Msg::QrTitle.text(lang).into(),
        },
        Overlay::Stats(_) => format!(
            "{}: {}",
            Msg::StatsTitle.text(lang),
            strings::month_year(lang, state.now.date())
        ),
        Overlay::Notice(_) => Msg::NoticeTitle.text(lang).into(),
        Overlay::Dialog(d) => dialog_title(state, d),
        Overlay::Setup(_) => Msg::SetupTitle.text(lang).into(),
        Overlay::Form(form) => form_title(state, form),
        Overlay::Note(n) => match lang {
            crate::i18n::Lang::Uk => format!("Примітка до кроку {}", n.step + 1),
            crate::i18n::Lang::En => format!("Note on step {}", n.step + 1),
        },
    }
}

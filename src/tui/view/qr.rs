//! The QR code window (F6).

use super::text::{clean, truncate, width, wrap_field};
use crate::referral::{Card, qr, vcard};
use crate::tui::layout::Areas;
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// What the F6 code holds: the `tel:` URI of the first phone, else a minimal vCard (name and
/// phones).
pub fn qr_payload(card: &Card) -> String {
    vcard::tel_uri(card).unwrap_or_else(|| vcard::minimal(card))
}

pub(super) struct QrLayout {
    pub(super) rect: Rect,
    pub(super) lines: Vec<String>,
    pub(super) caption: String,
}

/// Where the QR overlay goes, or (Err) the size it needs when the terminal is smaller.
pub(super) fn qr_layout(state: &State, agency: &str, a: Areas) -> Result<QrLayout, (u16, u16)> {
    let Some(ag) = state.dir.agency(agency) else {
        return Err((0, 0));
    };
    let card = Card::new(&state.dir, ag, state.lang());
    let lines = qr::terminal_lines(&qr_payload(&card));
    let caption = match card.phones().first() {
        Some(p) => clean(&Card::phone_line(p)),
        None => Msg::QrNoPhone.text(state.lang()).to_string(),
    };
    let qw = lines.first().map(|l| l.chars().count()).unwrap_or(0) as u16;
    let qh = lines.len() as u16;
    // The frame, one column of margin each side, the caption under the code.
    let need_w = qw + 4;
    let need_h = qh + 3;
    let full = a.full;
    if lines.is_empty() || full.width < need_w || full.height < need_h {
        return Err((need_w, need_h));
    }
    let w = need_w
        .max((width(&caption) as u16).saturating_add(4))
        .min(full.width);
    let h = (need_h + 1).min(full.height);
    Ok(QrLayout {
        rect: Rect::new((full.width - w) / 2, (full.height - h) / 2, w, h),
        lines,
        caption,
    })
}

pub(super) fn draw_qr(state: &State, f: &mut Frame, area: Rect, agency: &str, a: Areas) {
    let lang = state.lang();
    let q = match qr_layout(state, agency, a) {
        Ok(q) => q,
        Err((w, h)) => {
            let msg = strings::qr_too_small(lang, w, h, a.full.width, a.full.height);
            let mut lines = Vec::new();
            wrap_field(
                &mut lines,
                None,
                &msg,
                Style::new(),
                Style::new(),
                area.width,
                0,
                0,
            );
            f.render_widget(Paragraph::new(lines), area);
            return;
        }
    };
    // Dark modules on a light ground, whatever the terminal's theme: a scanner needs the
    // contrast the right way round, so this is the one place colours are fixed.
    let paper = Style::new().fg(Color::Black).bg(Color::White);
    let qw = q.lines.first().map(|l| l.chars().count()).unwrap_or(0) as u16;
    let x = area.x + area.width.saturating_sub(qw) / 2;
    for (i, l) in q.lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        f.render_widget(
            Paragraph::new(Line::styled(l.clone(), paper)),
            Rect::new(x, y, qw.min(area.width), 1),
        );
    }
    let cy = area.y + q.lines.len() as u16;
    if cy < area.bottom() {
        let cap = truncate(&q.caption, area.width as usize);
        let cx = area.x + area.width.saturating_sub(width(&cap) as u16) / 2;
        f.render_widget(
            Paragraph::new(Line::styled(cap, Style::new().add_modifier(Modifier::BOLD))),
            Rect::new(cx, cy, area.width - (cx - area.x), 1),
        );
    }
}

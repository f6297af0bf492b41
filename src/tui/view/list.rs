//! The result list: two lines per agency (one on a compact screen), highlights, marks.

use super::mouse::Hits;
use super::text::{clean, fit, marked, pad_line, width, window_at_match, wrap_field};
use super::theme::Theme;
use crate::directory::Agency;
use crate::referral::Card;
use crate::search::Hit;
use crate::tui::layout::{Areas, Mode, list_offset, row_height};
use crate::tui::msg::RowMarks;
use crate::tui::state::{Marks, Screen, State};
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn empty_message(state: &State) -> Option<&'static str> {
    if state.dir.agencies.is_empty() {
        return Some(if state.dir.diagnostics.is_empty() {
            Msg::EmptyDirectory.text(state.lang())
        } else {
            Msg::EmptyDirectoryWithProblems.text(state.lang())
        });
    }
    match &state.shown {
        Some(s) if s.hits.is_empty() => Some(Msg::NothingFound.text(state.lang())),
        _ => None,
    }
}

pub(super) fn draw_list(state: &State, f: &mut Frame, a: Areas, t: Theme, hits: &mut Hits) {
    let area = a.list;
    if area.height == 0 || area.width == 0 {
        return;
    }
    if let Some(msg) = empty_message(state) {
        draw_empty(state, f, area, t, msg);
        return;
    }
    let compact = a.mode == Mode::Compact;
    let rh = row_height(a.mode);
    let cap = state.list_capacity();
    let offset = list_offset(state.offset, state.selected, cap);
    let w = area.width as usize;
    let lang = state.lang();
    let Some(shown) = &state.shown else { return };
    let in_card = matches!(state.screen, Screen::Card(_));
    for (i, row) in (offset..shown.hits.len()).take(cap).enumerate() {
        let hit = &shown.hits[row];
        let Some(ag) = state.dir.agencies.get(hit.agency) else {
            continue;
        };
        let selected = row == state.selected;
        let sel = if selected {
            if in_card {
                t.bold().add_modifier(Modifier::UNDERLINED)
            } else {
                t.selected()
            }
        } else {
            Style::new()
        };
        let marks = match shown.marks.get(row) {
            Some(Marks::Known(m)) => Some(m),
            _ => None,
        };
        let card = Card::new(&state.dir, ag, lang);
        let st = card.open_state(state.now);
        let loc = clean(ag.locality_or_country());
        let mut name = marked(
            ag.display_name(),
            marks.map(|m| m.name.as_slice()).unwrap_or(&[]),
            sel,
            t.matched(),
        );
        name.splice(0..0, name_marks(state, ag, sel, t));
        let stale = ag.is_stale(state.now.date());
        let y = area.y + i as u16 * rh;
        let mut spans = vec![
            Span::styled(" ", sel),
            Span::styled(strings::open_mark(st).to_string(), sel.patch(t.mark(st))),
            Span::styled(" ", sel),
        ];
        let line1 = if compact {
            let mut name = name;
            if stale {
                name.push(Span::styled(
                    format!(" {}", strings::STALE_MARK),
                    sel.patch(t.stale()),
                ));
            }
            name.push(Span::styled(format!(" · {loc}"), sel.patch(t.dim())));
            let (name, used) = fit(name, w.saturating_sub(3));
            spans.extend(name);
            pad_line(spans, used + 3, w, sel)
        } else {
            let lw = width(&loc);
            let show_loc = w >= 3 + 8 + lw + 2;
            let room = if show_loc {
                w - 3 - lw - 2
            } else {
                w.saturating_sub(3)
            };
            let (name, used) = fit(name, room);
            spans.extend(name);
            let mut used = used + 3;
            if show_loc {
                let pad = w.saturating_sub(used + lw + 1);
                spans.push(Span::styled(" ".repeat(pad), sel));
                spans.push(Span::styled(loc, sel.patch(t.dim())));
                used += pad + lw;
            }
            pad_line(spans, used, w, sel)
        };
        f.render_widget(Paragraph::new(line1), Rect::new(area.x, y, area.width, 1));
        if !compact {
            let row = RowStyle { sel, marks, t };
            let line2 = second_line(state, hit, &card, row, w);
            f.render_widget(
                Paragraph::new(line2),
                Rect::new(area.x, y + 1, area.width, 1),
            );
        }
        hits.rows.push((Rect::new(area.x, y, area.width, rh), row));
    }
}

/// The marks before a result's name: ✓ already given in this visit (not to be given twice),
/// ! an alert (seen before the agency is chosen).
fn name_marks(state: &State, ag: &Agency, sel: Style, t: Theme) -> Vec<Span<'static>> {
    let mut marks = Vec::new();
    if state.visit.has(&ag.id) {
        marks.push(Span::styled(
            format!("{} ", strings::GIVEN_MARK),
            sel.patch(t.accent()),
        ));
    }
    if ag.alert.as_deref().is_some_and(|s| !s.trim().is_empty()) {
        marks.push(Span::styled(
            format!("{} ", strings::ALERT_MARK),
            sel.patch(t.warn()),
        ));
    }
    marks
}

/// The width of a result row's "verified long ago" note on a row `w` wide; 0 when there is
/// none or no room for it.
pub(super) fn note_width(state: &State, ag: &Agency, w: usize) -> usize {
    if !ag.is_stale(state.now.date()) {
        return 0;
    }
    let nw = width(&format!(
        "{} {}",
        strings::STALE_MARK,
        strings::stale_short(state.lang(), ag.verified)
    ));
    if w >= 4 + 12 + nw + 2 { nw } else { 0 }
}

/// A message in place of the list, with suggestions when there are any: never empty-handed,
/// what is near is plainly labelled as suggestions.
fn draw_empty(state: &State, f: &mut Frame, area: Rect, t: Theme, msg: &str) {
    let mut lines = Vec::new();
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(2),
        area.height,
    );
    wrap_field(&mut lines, None, msg, t.bold(), t.bold(), inner.width, 0, 0);
    // Never empty-handed: what is near, plainly labelled as suggestions.
    if let Some(s) = state.shown.as_ref().and_then(|s| s.suggestions.as_ref()) {
        for l in s.lines(&state.dir, state.lang()) {
            let indent = l.len() - l.trim_start().len();
            let style = if indent == 0 {
                t.caution()
            } else {
                Style::default()
            };
            wrap_field(
                &mut lines,
                None,
                &clean(l.trim_start()),
                style,
                style,
                inner.width,
                indent,
                2,
            );
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// How a result row is drawn: its selection style, its highlights, the theme.
#[derive(Clone, Copy)]
struct RowStyle<'a> {
    sel: Style,
    marks: Option<&'a RowMarks>,
    t: Theme,
}

/// The row's second line says why this agency is here: the matching service, else where it
/// is; a stale entry says when it was last verified, at the right (dropped first when the row
/// is narrow).
fn second_line(state: &State, hit: &Hit, card: &Card, row: RowStyle, w: usize) -> Line<'static> {
    let RowStyle { sel, marks, t } = row;
    let (ag, lang) = (card.agency, state.lang());
    let stale = ag.is_stale(state.now.date());
    // The second line says why this agency is here: the matching service, else where
    // it is.
    let note_w = note_width(state, ag, w);
    let room = w.saturating_sub(4 + if note_w > 0 { note_w + 2 } else { 0 });
    let second = match hit.service.and_then(|s| ag.services.get(s)) {
        Some(svc) => {
            // A long service name whose matched part would be cut off shows the part
            // around the match instead, so the row says why it is here.
            let (text, svc_marks) = window_at_match(
                &svc.name,
                marks.map(|m| m.service.as_slice()).unwrap_or(&[]),
                room,
            );
            marked(&text, &svc_marks, sel.patch(t.dim()), t.matched())
        }
        None => vec![Span::styled(
            clean(
                &card
                    .address()
                    .unwrap_or_else(|| card.category_label.to_string()),
            ),
            sel.patch(t.dim()),
        )],
    };
    // A stale entry says when it was last verified, at the right (dropped first when
    // the row is narrow).
    let note = stale.then(|| {
        format!(
            "{} {}",
            strings::STALE_MARK,
            strings::stale_short(lang, ag.verified)
        )
    });
    let (second, used) = fit(second, room);
    let mut spans = vec![Span::styled("   ", sel)];
    spans.extend(second);
    let mut used = used + 3;
    if let (Some(note), true) = (note, note_w > 0) {
        let pad = w.saturating_sub(used + note_w + 1);
        spans.push(Span::styled(" ".repeat(pad), sel));
        spans.push(Span::styled(note, sel.patch(t.stale())));
        used += pad + note_w;
    }
    pad_line(spans, used, w, sel)
}

//! The visit's plan: the panel with its steps in order (under the card, or under the list on a
//! narrow screen), and — while the panel has the keyboard — the whole plan's text to read
//! aloud, in the card's place.

use super::card::phrase_box;
use super::text::{clean, fit, pad_line};
use super::theme::Theme;
use crate::referral::plan::{self, Stop};
use crate::referral::slip::IssuingOffice;
use crate::tui::layout::list_offset;
use crate::tui::msg::Scrolled;
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// The panel's lines at width `w`, `rows` high: its title, then the steps that fit, scrolled
/// to keep the selected one in view.
pub fn plan_lines(state: &State, w: u16, rows: u16) -> Vec<Line<'static>> {
    let t = Theme::of(state);
    let lang = state.lang();
    let w = w as usize;
    let focused = state.plan_cursor.is_some();
    let head = format!("─ {} ", strings::plan_title(lang, state.plan.len()));
    let head_style = if focused { t.accent() } else { t.dim() };
    let (spans, used) = fit(vec![Span::styled(head, head_style)], w);
    let fill = "─".repeat(w.saturating_sub(used));
    let mut spans = spans;
    spans.push(Span::styled(fill, head_style));
    let mut out = vec![Line::from(spans)];
    let room = rows.saturating_sub(1) as usize;
    let cursor = state.plan_cursor.unwrap_or(0);
    let first = list_offset(0, cursor, room);
    for (i, step) in state.plan.steps().iter().enumerate().skip(first).take(room) {
        let sel = if state.plan_cursor == Some(i) {
            t.selected()
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(format!(" {}. ", i + 1), sel.patch(t.bold()))];
        match &step.stop {
            Stop::Agency(target) => {
                if state.visit.has(&target.agency) {
                    spans.push(Span::styled(
                        format!("{} ", strings::GIVEN_MARK),
                        sel.patch(t.accent()),
                    ));
                }
                let name = match state.dir.agency(&target.agency) {
                    Some(a) => clean(a.display_name()),
                    // A reload took it away: the slip leaves the step out, the panel says so.
                    None => format!("{} ({})", target.agency, lang.pick("немає", "gone")),
                };
                spans.push(Span::styled(name, sel));
                if let Some(s) = target.service.one().and_then(|i| {
                    state
                        .dir
                        .agency(&target.agency)
                        .and_then(|a| a.services.get(i))
                }) {
                    spans.push(Span::styled(
                        format!(" · {}", clean(&s.name)),
                        sel.patch(t.dim()),
                    ));
                }
            }
            Stop::Office => {
                let office = IssuingOffice::from_config(&state.settings.config.office);
                spans.push(Span::styled(
                    format!(
                        "{}: {}",
                        Msg::PlanReturnStep.text(lang),
                        clean(&office.name)
                    ),
                    sel,
                ));
            }
        }
        if let Some(n) = &step.note {
            spans.push(Span::styled(
                format!(" — {}", clean(n.text())),
                sel.patch(t.caution()),
            ));
        }
        let (spans, used) = fit(spans, w);
        out.push(pad_line(spans, used, w, sel));
    }
    out
}

pub(super) fn draw_plan(state: &State, f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(plan_lines(state, area.width, area.height)),
        area,
    );
}

/// The whole plan said as one text, in a box at the top of `area`, scrolled by PgUp/PgDn and
/// stopped at its end.
pub(super) fn draw_plan_phrase(state: &State, f: &mut Frame, area: Rect) -> Option<Scrolled> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let t = Theme::of(state);
    let (steps, _) = plan::resolve(&state.plan, &state.dir, crate::i18n::Lang::Uk);
    let office = IssuingOffice::from_config(&state.settings.config.office);
    let said = plan::phrase::phrase(&steps, &office);
    let mut lines = Vec::new();
    phrase_box(
        &mut lines,
        Msg::PlanReadAloud.text(state.lang()),
        &said,
        area.width,
        t,
    );
    let max = lines.len().saturating_sub(area.height as usize);
    let top = state.plan_scroll.min(max);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(area.height as usize)
        .collect();
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(visible), area);
    Some(Scrolled { top, max_top: max })
}

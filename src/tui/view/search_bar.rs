//! The query line with its filter chips, and the counts line under it.

use super::mouse::Hits;
use super::text::{clean, fit, truncate, width};
use super::theme::Theme;
use crate::i18n;
use crate::tui::keymap::Command;
use crate::tui::layout::{Areas, Mode};
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the query line with the filter chips; returns where the cursor goes.
pub(super) fn draw_search(
    state: &State,
    f: &mut Frame,
    a: Areas,
    t: Theme,
    hits: &mut Hits,
) -> Position {
    let area = a.search;
    let lang = state.lang();
    let compact = a.mode == Mode::Compact;
    let label = if compact {
        "› "
    } else {
        Msg::SearchLabel.text(lang)
    };
    let cat_label = state
        .filters
        .category
        .as_ref()
        .map(|c| {
            state
                .dir
                .category(c)
                .map(|x| x.label(lang).to_string())
                .unwrap_or_else(|| c.clone())
        })
        .unwrap_or_else(|| Msg::AllCategories.text(lang).to_string());
    let loc_label = match state.filters.locality.as_deref() {
        Some(crate::search::NATIONWIDE) => Msg::Nationwide.text(lang).to_string(),
        Some(l) => l.to_string(),
        None => Msg::AllLocalities.text(lang).to_string(),
    };
    let chips_all = [
        (
            format!("[{}]", clean(&cat_label)),
            Command::CategoryFilter,
            state.filters.category.is_some(),
        ),
        (
            format!("[{}]", clean(&loc_label)),
            Command::LocalityFilter,
            state.filters.locality.is_some(),
        ),
        (
            format!(
                "[{}] {}",
                if state.filters.open_now { "✓" } else { " " },
                Msg::OpenNowOnly.text(lang)
            ),
            Command::ToggleOpenNow,
            state.filters.open_now,
        ),
    ];
    let min_query = 16;
    let avail = (area.width as usize).saturating_sub(width(label) + min_query);
    // Active filters are always shown (truncated if need be); inactive ones only when there is
    // room, so the query keeps its space on narrow screens.
    let mut chips: Vec<(String, Command, bool)> = Vec::new();
    let mut used = 0;
    for active_pass in [true, false] {
        for (text, c, active) in &chips_all {
            // A compact screen has no room for chips that say nothing.
            if *active != active_pass || (compact && !active) {
                continue;
            }
            let wd = width(text) + 1;
            if used + wd <= avail {
                chips.push((text.clone(), *c, *active));
                used += wd;
            } else if *active && avail > used + 4 {
                let tx = truncate(text, avail - used - 1);
                used += width(&tx) + 1;
                chips.push((tx, *c, true));
            }
        }
    }
    chips.sort_by_key(|(_, c, _)| chips_all.iter().position(|(_, x, _)| x == c));
    let chips_w: usize = chips.iter().map(|(s, _, _)| width(s) + 1).sum();
    let qw = (area.width as usize)
        .saturating_sub(width(label) + chips_w)
        .max(1);
    // Scrolled so the cursor stays in view.
    let window = state.query.window(qw);
    let shown = clean(window.text);
    let mut spans = vec![
        Span::styled(label.to_string(), t.dim()),
        Span::raw(shown.clone()),
    ];
    let pad = qw.saturating_sub(width(&shown));
    spans.push(Span::raw(" ".repeat(pad)));
    let mut x = area.x + (width(label) + qw) as u16;
    for (text, c, active) in &chips {
        spans.push(Span::raw(" "));
        x += 1;
        let wd = width(text) as u16;
        spans.push(Span::styled(
            text.clone(),
            if *active { t.accent() } else { t.dim() },
        ));
        if state.overlays.is_empty() {
            hits.commands.push((Rect::new(x, area.y, wd, 1), *c));
        }
        x += wd;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    Position::new(
        (area.x + (width(label) + window.cursor) as u16).min(area.right().saturating_sub(1)),
        area.y,
    )
}

pub(super) fn draw_info(state: &State, f: &mut Frame, area: Rect, t: Theme) {
    let lang = state.lang();
    let mut left: Vec<Span<'static>> = Vec::new();
    match &state.shown {
        None => left.push(Span::styled(Msg::Searching.text(lang), t.dim())),
        Some(s) => {
            left.push(Span::styled(
                strings::count(lang, i18n::RESULT, s.total),
                t.dim(),
            ));
            if state.filters.any() {
                left.push(Span::styled(
                    format!(" ({})", Msg::Filters.text(lang)),
                    t.dim(),
                ));
            }
            if let Some(note) = strings::reading_note(lang, &s.reading) {
                left.push(Span::raw(" · "));
                left.push(Span::styled(clean(&note), t.caution()));
            }
            // The words of the need the selected agency does not cover.
            if let Some(h) = s.hits.get(state.selected) {
                let unused: Vec<&str> = s
                    .words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| h.matched & 1 << i == 0)
                    .map(|(_, w)| w.as_str())
                    .collect();
                if !unused.is_empty() {
                    left.push(Span::raw(" · "));
                    left.push(Span::styled(
                        clean(&format!(
                            "{}: {}",
                            Msg::NotUsed.text(lang),
                            unused.join(", ")
                        )),
                        t.caution(),
                    ));
                }
            }
        }
    }
    let status = state.status.as_deref().map(clean).unwrap_or_default();
    let sw = width(&status);
    let room = (area.width as usize).saturating_sub(if sw > 0 { sw + 2 } else { 0 });
    let (mut spans, used) = fit(left, room);
    if sw > 0 {
        let sw = sw.min(area.width as usize);
        let pad = (area.width as usize).saturating_sub(used + sw);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(truncate(&status, sw), t.accent()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

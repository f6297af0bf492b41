//! The problems window: changes from live reloads, the maintenance lines (the verification
//! queue, open correction reports, the git audit line), then load problems.

use super::text::wrap_field;
use super::theme::Theme;
use crate::directory::Severity;
use crate::tui::state::State;
use crate::tui::strings::Msg;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Changes from live reloads (newest first, marked ↻ with the time), then the load problems.
pub(super) fn problem_entries(state: &State, t: Theme) -> Vec<(String, Style)> {
    let lang = state.lang();
    let mut v: Vec<(String, Style)> = state
        .changes
        .iter()
        .map(|(at, c)| {
            let style = if c.is_warning() {
                t.caution()
            } else {
                Style::new()
            };
            (
                format!("↻ {} {}", at.strftime("%H:%M"), c.message(lang)),
                style,
            )
        })
        .collect();
    // What keeping the data true asks for: the queue, the open reports, the git history.
    for line in state.maintenance_lines() {
        v.push((line, t.accent()));
    }
    for d in &state.dir.diagnostics {
        let sev = if d.severity == Severity::Error {
            t.warn()
        } else {
            t.caution()
        };
        v.push((d.render(lang), sev));
    }
    v
}

pub(super) fn draw_problems(state: &State, f: &mut Frame, area: Rect, selected: usize, t: Theme) {
    let lang = state.lang();
    let entries = problem_entries(state, t);
    if entries.is_empty() {
        f.render_widget(Paragraph::new(Msg::NoProblems.text(lang)), area);
        return;
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::new();
    for (i, (text, sev)) in entries.iter().enumerate() {
        starts.push(lines.len());
        let mut one = Vec::new();
        wrap_field(&mut one, None, text, *sev, Style::new(), area.width, 0, 4);
        if i == selected {
            for l in &mut one {
                *l = l.clone().patch_style(t.selected());
            }
        }
        lines.extend(one);
    }
    starts.push(lines.len());
    let h = area.height as usize;
    let sel = selected.min(entries.len() - 1);
    let (a, b) = (starts[sel], starts[sel + 1]);
    let scroll = if b > h { (b - h).min(a) } else { 0 };
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(visible), area);
}

//! The hint bar: the keys that do something here, shortened or dropped to fit.

use super::mouse::Hits;
use super::preview::choosable;
use super::text::{fit, width};
use super::theme::Theme;
use crate::tui::keymap::{self, Command, HintContext, Show};
use crate::tui::state::{DialogKind, Overlay, SetupField, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn draw_hints(state: &State, f: &mut Frame, area: Rect, t: Theme, hits: &mut Hits) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let mut items = hint_items(state);
    fit_hints(&mut items, area.width as usize);
    let item_w = |k: &str, l: &str| width(k) + 1 + width(l);
    let mut spans = Vec::new();
    let mut x = area.x;
    for (i, (k, l, _, c, _)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
            x += 2;
        }
        spans.push(Span::styled(k.clone(), t.accent()));
        spans.push(Span::raw(format!(" {l}")));
        let wd = item_w(k, l) as u16;
        let r = Rect::new(x, area.y, wd, 1).intersection(area);
        hits.commands.push((r, *c));
        x = x.saturating_add(wd);
    }
    let (spans, _) = fit(spans, area.width as usize);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A hint: key, label, shorter label for a tight bar, command, priority.
type Hint = (String, String, Option<String>, Command, u8);

/// The hints for what is on screen now, in display order.
fn hint_items(state: &State) -> Vec<Hint> {
    let lang = state.lang();
    let scope = state.scope();
    let cx = hint_context(state);
    let mut items: Vec<Hint> = Vec::new();
    for (c, prio) in keymap::hint_commands(scope) {
        let Some(key) = keymap::keys_for(*c, scope).next() else {
            continue;
        };
        let key = keymap::hint_key(*c).map_or_else(|| keymap::key_label(key), String::from);
        let (label, short) = match keymap::hint_show(*c, scope, &cx) {
            Some(Show::Hide) => continue,
            Some(Show::Label { long, short }) => (
                lang.pick(long.0, long.1).to_string(),
                short.map(|(uk, en)| lang.pick(uk, en).to_string()),
            ),
            None => (c.hint(lang).to_string(), None),
        };
        items.push((key, label, short, *c, *prio));
    }
    items
}

/// What the hint rules look at, from the state.
fn hint_context(state: &State) -> HintContext {
    let preview = match state.overlays.last() {
        Some(Overlay::Preview(p)) => Some(p),
        _ => None,
    };
    let setup = match state.overlays.last() {
        Some(Overlay::Setup(s)) => Some(s),
        _ => None,
    };
    HintContext {
        query_empty: state.query.is_empty(),
        nothing_selected: state.selected_hit().is_none(),
        no_results: state.hits().is_empty(),
        visit_blank: state.visit_is_blank(),
        no_problems: state.problem_count() == 0,
        service_unchosen: preview.is_some_and(|p| state.needs_service(p)),
        no_service_choice: preview.is_none_or(|p| choosable(state, p).is_none()),
        saves: preview.is_some_and(|p| p.dest.saves()),
        nothing_to_scroll: matches!(
            state.overlays.last(),
            Some(Overlay::Qr { .. } | Overlay::Stats(_) | Overlay::Notice(_))
        ),
        nothing_to_choose: matches!(
            state.overlays.last(),
            Some(Overlay::Dialog(d)) if !matches!(d.kind, DialogKind::Report { .. })
        ),
        first_start: setup.is_some(),
        more_lines: setup.is_some_and(|s| s.focus != SetupField::Printer),
        plan_empty: state.plan.is_empty(),
        plan_has_return: state.plan.has_return(),
        nothing_counted: state.visit.is_empty(),
        free_line: match state.overlays.last() {
            Some(Overlay::Form(f)) => f
                .fields
                .get(f.focus)
                .is_none_or(|x| !f.can_choose(x.key, &state.dir)),
            _ => true,
        },
        nothing_to_merge: !matches!(
            state.overlays.last(),
            Some(Overlay::Form(f)) if f.disk.as_ref().is_some_and(|d| d.blocked.is_none())
        ),
    }
}

/// Too wide for `room` columns: drop the least needed hints; when only the essential ones are
/// left (the main action, the way back, quit), shorten their labels before dropping any of them.
fn fit_hints(items: &mut Vec<Hint>, room: usize) {
    let item_w = |k: &str, l: &str| width(k) + 1 + width(l);
    let total = |items: &[Hint]| {
        items
            .iter()
            .map(|(k, l, _, _, _)| item_w(k, l) + 2)
            .sum::<usize>()
    };
    while total(items) > room + 2 {
        let droppable = |items: &[Hint], min: u8| {
            items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.4 < min)
                .min_by_key(|(i, it)| (it.4, usize::MAX - i))
                .map(|(i, _)| i)
        };
        if let Some(i) = droppable(items, 9) {
            items.remove(i);
        } else if let Some(it) = items.iter_mut().find(|it| it.2.is_some()) {
            // One at a time, in display order, until the bar fits.
            if let Some(s) = it.2.take() {
                it.1 = s;
            }
        } else if let Some(i) = droppable(items, 10) {
            items.remove(i);
        } else {
            break;
        }
    }
}

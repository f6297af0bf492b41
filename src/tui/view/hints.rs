//! The hint bar: the keys that do something here, shortened or dropped to fit.

use super::mouse::Hits;
use super::preview::choosable;
use super::text::{fit, width};
use super::theme::Theme;
use crate::tui::keymap::{self, Command, Scope};
use crate::tui::state::{Overlay, State};
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
    let mut items: Vec<Hint> = Vec::new();
    for (c, prio) in keymap::hint_commands(scope) {
        let mut short = None;
        let Some(key) = keymap::keys_for(*c, scope).next() else {
            continue;
        };
        let mut key = keymap::key_label(key);
        let label = match (c, scope) {
            (Command::Back, Scope::List) => {
                if state.query.is_empty() {
                    continue;
                }
                lang.pick("очистити", "clear").to_string()
            }
            (Command::Back, Scope::Picker | Scope::Pager) => {
                lang.pick("закрити", "close").to_string()
            }
            (Command::Back, Scope::Preview) => {
                short = Some(lang.pick("назад", "back").to_string());
                lang.pick("скасувати", "cancel").to_string()
            }
            // Nothing prints until the service is chosen: Tab is the way on.
            (Command::Open, Scope::Preview) if matches!(state.overlays.last(), Some(Overlay::Preview(p)) if state.needs_service(p)) =>
            {
                continue;
            }
            (Command::Open, Scope::Preview) => {
                let saves =
                    matches!(state.overlays.last(), Some(Overlay::Preview(p)) if p.dest.saves());
                if saves {
                    lang.pick("зберегти", "save").to_string()
                } else {
                    short = Some(lang.pick("друк", "print").to_string());
                    lang.pick("друкувати", "print").to_string()
                }
            }
            // Output commands need an agency: with nothing selected they would only say so.
            (
                Command::Print | Command::Copy | Command::ShowQr | Command::MarkReferred,
                Scope::List,
            ) if state.selected_hit().is_none() => continue,
            (Command::Open, Scope::Picker) => lang.pick("вибрати", "choose").to_string(),
            // Tab in the print window only where there is a service to choose.
            (Command::NextService, Scope::Preview)
                if !matches!(
                    state.overlays.last(),
                    Some(Overlay::Preview(p)) if choosable(state, p).is_some()
                ) =>
            {
                continue;
            }
            (Command::Open, Scope::List) if state.hits().is_empty() => continue,
            // Nothing to forget yet: the start screen keeps its room for the other keys.
            (Command::NextVisitor, _) if state.visit_is_blank() => continue,
            (Command::Problems, _)
                if state.dir.diagnostics.is_empty() && state.changes.is_empty() =>
            {
                continue;
            }
            // The QR code, the statistics and a notice have nothing to move through.
            (Command::Up, Scope::Pager)
                if matches!(
                    state.overlays.last(),
                    Some(Overlay::Qr { .. } | Overlay::Stats(_) | Overlay::Notice(_))
                ) =>
            {
                continue;
            }
            (Command::Up, Scope::Preview) => {
                key = "↑↓".into();
                lang.pick("прокрутити", "scroll").to_string()
            }
            (Command::Up, _) => {
                key = "↑↓".into();
                c.hint(lang).to_string()
            }
            _ => c.hint(lang).to_string(),
        };
        items.push((key, label, short, *c, *prio));
    }
    items
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

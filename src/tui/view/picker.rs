//! The category and locality pickers (F3, F4).

use super::mouse::Hits;
use super::text::{clean, fit, truncate, width};
use super::theme::Theme;
use crate::tui::layout::list_offset;
use crate::tui::state::{Picker, State};
use crate::tui::strings::Msg;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn draw_picker(
    state: &State,
    f: &mut Frame,
    area: Rect,
    p: &Picker,
    t: Theme,
    hits: &mut Hits,
) -> Position {
    let lang = state.lang();
    let label = Msg::PickerFilter.text(lang);
    let filter = clean(p.filter.text());
    let shown = truncate(
        &filter,
        (area.width as usize).saturating_sub(width(label) + 1),
    );
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, t.dim()),
            Span::raw(shown.clone()),
        ])),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let cursor = Position::new(
        (area.x + (width(label) + width(&shown)) as u16).min(area.right().saturating_sub(1)),
        area.y,
    );
    let list = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let visible = p.visible();
    let cap = list.height as usize;
    if cap == 0 {
        return cursor;
    }
    let offset = list_offset(0, p.selected, cap);
    let w = list.width as usize;
    for (i, idx) in (offset..visible.len()).take(cap).enumerate() {
        let item = visible[idx];
        let sel = if idx == p.selected {
            t.selected()
        } else {
            Style::new()
        };
        let count = format!(" {} ", item.count);
        let (name, used) = fit(
            vec![Span::styled(format!(" {}", clean(&item.label)), sel)],
            w.saturating_sub(width(&count) + 1),
        );
        let mut spans = name;
        let pad = w.saturating_sub(used + width(&count));
        spans.push(Span::styled(" ".repeat(pad), sel));
        spans.push(Span::styled(count, sel.patch(t.dim())));
        let y = list.y + i as u16;
        let r = Rect::new(list.x, y, list.width, 1);
        f.render_widget(Paragraph::new(Line::from(spans)), r);
        hits.picker_rows.push((r, idx));
    }
    cursor
}

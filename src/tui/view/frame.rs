//! The frame around the screen and its title.

use super::text::{clean, truncate, width};
use super::theme::Theme;
use crate::tui::layout::Areas;
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::merge::MergeStrategy;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

pub(super) fn draw_frame(state: &State, f: &mut Frame, a: Areas, t: Theme) {
    let (w, h) = (a.full.width, a.full.height);
    let lang = state.lang();
    let dir = &state.dir;
    let closed = dir
        .agencies
        .iter()
        .filter(|a| a.status == crate::directory::Status::Closed)
        .count();
    let right = format!(
        " {} ",
        strings::title_counts(
            lang,
            // Only what can be offered: closed agencies are kept for history, never listed;
            // the title says how many there are.
            dir.agencies.len() - closed,
            closed,
            dir.error_count(),
            dir.warning_count()
        )
    );
    let room = (w as usize).saturating_sub(4);
    let (right, left_max) = if width(&right) + 12 <= room {
        (Some(right.clone()), room - width(&right) - 1)
    } else {
        (None, room)
    };
    let demo = dir.meta.demo.then(|| Msg::DemoData.text(lang));
    let left = title_spans(
        Msg::AppTitle.text(lang),
        state.settings.office.as_deref().map(clean).as_deref(),
        demo,
        left_max.saturating_sub(2),
        t,
    );
    let mut top = Block::bordered()
        .merge_borders(MergeStrategy::Exact)
        .title_top(Line::from(left));
    if let Some(r) = right {
        let style = if dir.error_count() > 0 {
            t.warn()
        } else if dir.warning_count() > 0 {
            t.caution()
        } else {
            Style::new()
        };
        top = top.title_top(Line::styled(r, style).right_aligned());
    }
    f.render_widget(top, Rect::new(0, 0, w, 4));
    let body = |x: u16, wd: u16| Rect::new(x, 3, wd, h - 5);
    let block = || Block::bordered().merge_borders(MergeStrategy::Exact);
    match a.split {
        Some(split) => {
            f.render_widget(block(), body(0, split + 1));
            f.render_widget(block(), body(split, w - split));
        }
        None => f.render_widget(block(), body(0, w)),
    }
    f.render_widget(block(), Rect::new(0, h - 3, w, 3));
}

/// The title's left side in at most `max` columns (plus a space each side): the app's name,
/// the office, the demo marker. The demo marker is what must never be lost, so the office is cut
/// first, then dropped, then the app's name.
pub(super) fn title_spans(
    app: &str,
    office: Option<&str>,
    demo: Option<&str>,
    max: usize,
    t: Theme,
) -> Vec<Span<'static>> {
    let sep = " · ";
    let demo_w = demo.map(|d| width(sep) + width(d)).unwrap_or(0);
    let mut head = app.to_string();
    if let Some(o) = office {
        // Room for the office after the name and the marker; a stub of a name is no use.
        let office_room = max.saturating_sub(width(app) + width(sep) + demo_w);
        if width(o) <= office_room {
            head = format!("{app}{sep}{o}");
        } else if office_room >= 8 {
            head = format!("{app}{sep}{}", truncate(o, office_room));
        }
    }
    let mut spans = vec![Span::raw(" ")];
    match demo {
        Some(d) => {
            let head_room = max.saturating_sub(demo_w);
            if width(app) <= head_room {
                spans.push(Span::styled(truncate(&head, head_room), t.bold()));
                spans.push(Span::styled(sep, t.bold()));
                spans.push(Span::styled(d.to_string(), t.demo()));
            } else {
                spans.push(Span::styled(truncate(d, max), t.demo()));
            }
        }
        None => spans.push(Span::styled(truncate(&head, max), t.bold())),
    }
    spans.push(Span::raw(" "));
    spans
}

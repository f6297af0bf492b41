//! Where each part of the screen goes, from the terminal's size alone: no state, no content.
//! `update` pages by these numbers and the view draws into these areas, so both agree without
//! either asking the other. What depends on content (how long the card is) is measured while
//! drawing instead ([`super::msg::Viewport`]).

use ratatui::layout::{Constraint, Layout, Margin, Rect};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// ≥ 100 columns: the list and a preview side by side.
    Wide,
    /// One pane; the card opens over the list.
    Narrow,
    /// Below 60×15: one line per result, no frame.
    Compact,
    /// Below 20×5: only a note.
    TooSmall,
}

pub fn mode(width: u16, height: u16) -> Mode {
    if width < 20 || height < 5 {
        Mode::TooSmall
    } else if width < 60 || height < 15 {
        Mode::Compact
    } else if width >= 100 {
        Mode::Wide
    } else {
        Mode::Narrow
    }
}

/// Where each part goes for a terminal size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    pub full: Rect,
    pub search: Rect,
    pub info: Option<Rect>,
    pub list: Rect,
    /// Wide mode: the preview / card pane.
    pub side: Option<Rect>,
    /// Where the card is drawn when open.
    pub card: Rect,
    pub hints: Rect,
    /// Wide mode: the column of the divider.
    pub split: Option<u16>,
    /// The visit's plan panel, when the plan has steps: under the card in the side pane
    /// (wide), under the list (narrow); none on a compact screen.
    pub plan: Option<Rect>,
}

pub fn areas(width: u16, height: u16) -> Areas {
    let full = Rect::new(0, 0, width, height);
    let m = mode(width, height);
    match m {
        Mode::TooSmall => Areas {
            mode: m,
            full,
            search: Rect::default(),
            info: None,
            list: Rect::default(),
            side: None,
            card: Rect::default(),
            hints: Rect::default(),
            split: None,
            plan: None,
        },
        Mode::Compact => compact(full),
        Mode::Wide | Mode::Narrow => framed(full, m),
    }
}

/// One line each for the query, the counts (when there is room) and the hints; no frame.
fn compact(full: Rect) -> Areas {
    let info_h = u16::from(full.height >= 8);
    let [search, info, list, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(info_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(full);
    let [_, card, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(full);
    Areas {
        mode: Mode::Compact,
        full,
        search,
        info: (info_h > 0).then_some(info),
        list,
        side: None,
        card,
        hints,
        split: None,
        plan: None,
    }
}

/// The framed screen: a title box with the query and the counts, the body (one pane, or the
/// list and the side pane split by a divider), a box for the hints. Borders are shared.
fn framed(full: Rect, m: Mode) -> Areas {
    let [_, search, info, _, body, _, hints, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(full);
    // One column of padding inside the frame, except for result rows, which carry their own so
    // the selection bar reaches the border.
    let text = Margin::new(2, 0);
    let mut a = Areas {
        mode: m,
        full,
        search: search.inner(text),
        info: Some(info.inner(text)),
        list: body.inner(Margin::new(1, 0)),
        side: None,
        card: body.inner(text),
        hints: hints.inner(text),
        split: None,
        plan: None,
    };
    if m == Mode::Wide {
        // u32: a very wide terminal must not overflow the multiplication.
        let split = ((u32::from(full.width) * 42 / 100) as u16).max(40);
        let [_, list, _divider, _, side, _] = Layout::horizontal([
            Constraint::Length(1),
            Constraint::Length(split - 1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(body);
        a.list = list;
        a.side = Some(side);
        a.card = side;
        a.split = Some(split);
    }
    a
}

/// The areas with room for a plan of `steps` steps: a title line and a line a step, at most
/// half of the pane it is taken from (the rest scrolls in the panel).
pub fn areas_with_plan(width: u16, height: u16, steps: usize) -> Areas {
    let mut a = areas(width, height);
    if steps == 0 || !matches!(a.mode, Mode::Wide | Mode::Narrow) {
        return a;
    }
    let rows = |pane: Rect| {
        (u16::try_from(steps).unwrap_or(u16::MAX).saturating_add(1)).min(pane.height / 2)
    };
    match a.side {
        Some(side) => {
            let h = rows(side);
            let [top, panel] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(side);
            a.side = Some(top);
            a.card = top;
            a.plan = Some(panel);
        }
        None => {
            let h = rows(a.list);
            let [list, _] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(a.list);
            let [card, panel] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(a.card);
            a.list = list;
            a.card = card;
            a.plan = Some(panel);
        }
    }
    a
}

/// How many results fit in the list of these areas.
pub fn capacity(a: &Areas) -> usize {
    (a.list.height / row_height(a.mode)) as usize
}

/// Lines one result takes: one on a compact screen, else two (the name, then why it is here).
pub fn row_height(m: Mode) -> u16 {
    if m == Mode::Compact { 1 } else { 2 }
}

/// How many results fit on a screen of this size.
pub fn list_capacity(size: (u16, u16)) -> usize {
    let a = areas(size.0, size.1);
    (a.list.height / row_height(a.mode)) as usize
}

/// Lines of card text that fit on a screen of this size.
pub fn card_page(size: (u16, u16)) -> usize {
    areas(size.0, size.1).card.height as usize
}

/// The first row to show so that `selected` is visible, moving `offset` as little as possible.
pub fn list_offset(offset: usize, selected: usize, cap: usize) -> usize {
    if cap == 0 {
        return selected;
    }
    let mut off = offset.min(selected);
    if selected >= off + cap {
        off = selected + 1 - cap;
    }
    off
}

/// `w`×`h` centred in `area` (rounded towards the top left), never larger than it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The window overlays open in: most of the screen, at most 90×40, above the hint line.
pub fn overlay_rect(a: Areas) -> Rect {
    match a.mode {
        Mode::TooSmall => Rect::default(),
        Mode::Compact => Rect::new(0, 0, a.full.width, a.full.height - 1),
        Mode::Wide | Mode::Narrow => {
            let above_hints = Rect::new(0, 0, a.full.width, a.full.height.saturating_sub(1));
            let w = a.full.width.saturating_sub(4).min(90);
            let h = a.full.height.saturating_sub(4).min(40);
            centered(above_hints, w, h)
        }
    }
}

/// An overlay's inside with one column of margin each side, when there is room for it.
pub fn padded(inner: Rect) -> Rect {
    if inner.width >= 24 {
        inner.inner(Margin::new(1, 0))
    } else {
        inner
    }
}

/// A window's inside: within its one-cell frame.
pub fn framed_inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// The help's text width in its window `r`: inside the frame and the margin.
pub fn help_width(r: Rect) -> u16 {
    padded(Rect::new(0, 0, r.width.saturating_sub(2), 1)).width
}

/// The print preview's window for a slip `slip_width` columns wide: room for the slip, the
/// frame and a margin, never narrower than the header needs.
pub fn preview_rect(a: Areas, slip_width: usize) -> Rect {
    let base = overlay_rect(a);
    if matches!(a.mode, Mode::Compact | Mode::TooSmall) {
        return base;
    }
    let want = u16::try_from(slip_width)
        .unwrap_or(u16::MAX)
        .saturating_add(4)
        .max(84);
    let w = base.width.min(want);
    Rect::new(base.x + (base.width - w) / 2, base.y, w, base.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_the_size_thresholds() {
        assert_eq!(mode(120, 40), Mode::Wide);
        assert_eq!(mode(100, 15), Mode::Wide);
        assert_eq!(mode(99, 40), Mode::Narrow);
        assert_eq!(mode(60, 15), Mode::Narrow);
        assert_eq!(mode(59, 40), Mode::Compact);
        assert_eq!(mode(100, 14), Mode::Compact);
        assert_eq!(mode(20, 5), Mode::Compact);
        assert_eq!(mode(19, 5), Mode::TooSmall);
        assert_eq!(mode(1, 1), Mode::TooSmall);
        assert_eq!(mode(0, 0), Mode::TooSmall);
    }

    /// The plan panel takes the bottom of the side pane (wide) or of the body (narrow): a title
    /// line and a line a step, never more than half, and nothing on a compact screen.
    #[test]
    fn the_plan_panel_takes_the_bottom_of_its_pane() {
        let a = areas_with_plan(120, 40, 3);
        assert_eq!(a.plan, Some(Rect::new(52, 33, 66, 4)));
        assert_eq!(a.side, Some(Rect::new(52, 4, 66, 29)));
        assert_eq!(a.card, Rect::new(52, 4, 66, 29));
        assert_eq!(a.list, areas(120, 40).list, "the list keeps its room");
        let n = areas_with_plan(80, 24, 3);
        assert_eq!(n.plan, Some(Rect::new(2, 17, 76, 4)));
        assert_eq!(n.list, Rect::new(1, 4, 78, 13));
        assert_eq!(capacity(&n), 6);
        assert_eq!(areas_with_plan(80, 24, 40).plan.map(|p| p.height), Some(8));
        assert_eq!(areas_with_plan(40, 12, 3).plan, None);
        assert_eq!(areas_with_plan(80, 24, 0), areas(80, 24));
    }

    #[test]
    fn list_offset_keeps_the_selection_visible() {
        assert_eq!(list_offset(0, 0, 5), 0);
        assert_eq!(list_offset(0, 7, 5), 3);
        assert_eq!(list_offset(3, 7, 5), 3);
        assert_eq!(list_offset(6, 2, 5), 2);
        assert_eq!(list_offset(0, 4, 0), 4);
    }

    /// The framed layouts at the sizes the snapshots use, cell for cell: the frame's borders are
    /// shared, the texts keep a column of padding, the divider sits at 42 % (at least 40).
    #[test]
    fn framed_areas_sit_inside_the_borders() {
        let a = areas(120, 40);
        assert_eq!(a.search, Rect::new(2, 1, 116, 1));
        assert_eq!(a.info, Some(Rect::new(2, 2, 116, 1)));
        assert_eq!(a.split, Some(50));
        assert_eq!(a.list, Rect::new(1, 4, 49, 33));
        assert_eq!(a.side, Some(Rect::new(52, 4, 66, 33)));
        assert_eq!(a.hints, Rect::new(2, 38, 116, 1));
        let n = areas(80, 24);
        assert_eq!(n.list, Rect::new(1, 4, 78, 17));
        assert_eq!(n.card, Rect::new(2, 4, 76, 17));
        assert_eq!(n.side, None);
        let c = areas(40, 12);
        assert_eq!(
            (c.search, c.info, c.list, c.card, c.hints),
            (
                Rect::new(0, 0, 40, 1),
                Some(Rect::new(0, 1, 40, 1)),
                Rect::new(0, 2, 40, 9),
                Rect::new(0, 1, 40, 10),
                Rect::new(0, 11, 40, 1)
            )
        );
        assert_eq!(areas(20, 5).info, None);
        assert_eq!(areas(20, 5).list, Rect::new(0, 1, 20, 3));
    }

    /// Every area stays on the screen at every size a terminal can have.
    #[test]
    fn areas_stay_on_the_screen() {
        let widths = (0..24).chain([39, 40, 59, 60, 61, 99, 100, 101, 140, 259, 1000]);
        for w in widths {
            for h in (0..20).chain([39, 40, 69, 300]) {
                let a = areas(w, h);
                for r in [a.search, a.list, a.card, a.hints]
                    .into_iter()
                    .chain(a.info)
                    .chain(a.side)
                {
                    assert!(
                        r.right() <= w && r.bottom() <= h,
                        "{w}×{h}: {r:?} is off the screen"
                    );
                }
                let o = overlay_rect(a);
                assert!(o.right() <= w && o.bottom() <= h);
            }
        }
    }
}

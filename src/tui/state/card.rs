//! The open card: scrolling (stopped at the end the last frame measured) and service choice.

use super::{CardView, Screen, State};
use crate::tui::msg::Viewport;

impl State {
    pub(super) fn card_mut(&mut self) -> Option<&mut CardView> {
        match &mut self.screen {
            Screen::Card(c) => Some(c),
            Screen::List => None,
        }
    }

    /// Scrolls the open card, no further than its end as last drawn (when it has not been drawn
    /// since it changed, the view stops it at the end instead).
    pub(super) fn scroll_card(&mut self, delta: isize) {
        let max = self.viewport.card.map_or(usize::MAX, |s| s.max_top);
        if let Some(c) = self.card_mut() {
            c.scroll = c.scroll.saturating_add_signed(delta).min(max);
        }
    }

    pub(super) fn scroll_preview(&mut self, delta: isize) {
        let max = self.viewport.preview.map_or(usize::MAX, |s| s.max_top);
        if let Some(p) = self.preview_mut() {
            p.scroll = p.scroll.saturating_add_signed(delta).min(max);
        }
    }

    /// Takes what the last frame measured: scrolling stops at the ends drawn, and the card and
    /// the preview keep the first line the view showed (it brings a chosen service into view
    /// and stops at the end; see [`CardView::reveal_service`]).
    pub fn measured(&mut self, viewport: Viewport) {
        self.viewport = viewport;
        if let (Some(drawn), Some(c)) = (viewport.card, self.card_mut()) {
            c.scroll = drawn.top;
            c.reveal_service = false;
        }
        if let (Some(drawn), Some(p)) = (viewport.preview, self.preview_mut()) {
            p.scroll = drawn.top;
        }
        if let Some(drawn) = viewport.plan_phrase {
            self.plan_scroll = drawn.top;
        }
    }

    pub(super) fn cycle_service(&mut self, forward: bool) {
        let dir = self.dir.clone();
        let Some(c) = self.card_mut() else { return };
        let n = dir.agency(&c.agency).map(|a| a.services.len()).unwrap_or(0);
        if n == 0 {
            return;
        }
        c.service = Some(match (c.service, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
        c.reveal_service = true;
    }

    /// Tab in the print preview: service 1, 2, …, «усі послуги», 1, …
    pub(super) fn cycle_preview_service(&mut self, forward: bool) {
        let dir = self.dir.clone();
        if let Some(p) = self.preview_mut()
            && let Some(a) = dir.agency(&p.agency)
        {
            p.service = p.service.step(a, forward);
            p.scroll = 0;
        }
    }
}

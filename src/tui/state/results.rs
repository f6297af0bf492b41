//! The results on screen: the search request for the query, the replies, the selection
//! and the rows whose highlights are still to come; the query line; the visit as a whole.

use super::{CardView, DOUBLE_CLICK_MS, Filters, Screen, State};
use crate::search::{Hit, Reading, SearchOptions};
use crate::tui::keymap::Command;
use crate::tui::layout;
use crate::tui::line_input::LineInput;
use crate::tui::msg::{Effect, MAX_RESULTS, MarksRequest, RowMarks, SearchRequest};
use crate::tui::strings::Msg;

/// Highlights of one row: not asked for yet, asked for, or known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marks {
    Missing,
    Asked,
    Known(RowMarks),
}

/// The results currently on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub generation: u64,
    /// The query and filters these results answer.
    pub query: String,
    pub filters: Filters,
    pub hits: Vec<Hit>,
    pub total: usize,
    pub reading: Reading,
    pub marks: Vec<Marks>,
    /// The text highlights are computed for (the query as the engine read it).
    pub marks_text: String,
    /// The query's words that count; a hit's `matched` bits refer to them.
    pub words: Vec<String>,
    /// When nothing fits: what to offer instead.
    pub suggestions: Option<Box<crate::search::Suggestions>>,
}

impl State {
    pub fn hits(&self) -> &[Hit] {
        self.shown
            .as_ref()
            .map(|s| s.hits.as_slice())
            .unwrap_or(&[])
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits().get(self.selected)
    }

    /// The request for the current query and filters.
    pub fn search_request(&self) -> SearchRequest {
        SearchRequest {
            generation: self.generation,
            query: self.query.text().to_string(),
            opts: SearchOptions {
                limit: MAX_RESULTS,
                near: self.settings.home_locality.clone(),
                category: self.filters.category.clone(),
                locality: self.filters.locality.clone(),
            },
            open_at: self.filters.open_now.then_some(self.now),
            mark_rows: self.list_capacity().max(1),
        }
    }

    pub(super) fn research(&mut self) -> Effect {
        self.generation += 1;
        Effect::Search(self.search_request())
    }

    /// Highlights the event loop should ask the worker for: visible rows not yet asked for.
    /// Marks them as asked.
    pub fn take_marks_request(&mut self) -> Option<MarksRequest> {
        let cap = self.list_capacity();
        let offset = layout::list_offset(self.offset, self.selected, cap);
        let shown = self.shown.as_mut()?;
        let end = (offset + cap).min(shown.hits.len());
        let mut rows = Vec::new();
        for row in offset..end {
            if shown.marks[row] == Marks::Missing {
                shown.marks[row] = Marks::Asked;
                rows.push((row, shown.hits[row].clone()));
            }
        }
        (!rows.is_empty()).then(|| MarksRequest {
            generation: shown.generation,
            text: shown.marks_text.clone(),
            rows,
        })
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let n = self.hits().len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let cap = self.list_capacity();
        self.offset = layout::list_offset(self.offset, self.selected, cap);
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let n = self.hits().len();
        if n == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
        self.keep_selection_visible();
    }

    pub(super) fn open_selected(&mut self) {
        if let Some(h) = self.selected_hit()
            && let Some(a) = self.dir.agencies.get(h.agency)
        {
            self.screen = Screen::Card(CardView {
                agency: a.id.clone(),
                service: h.service,
                scroll: 0,
                reveal_service: false,
            });
        }
    }

    /// True when nothing about a visit is on the screen or in this state: on start, and after
    /// [`Command::NextVisitor`].
    pub fn visit_is_blank(&self) -> bool {
        self.query.is_empty()
            && !self.filters.any()
            && self.screen == Screen::List
            && self.selected == 0
            && self.overlays.is_empty()
            && self.plan.is_empty()
            && self.visit.is_empty()
    }

    /// «Наступний відвідувач»: everything about this visit goes — the query and its cursor,
    /// the filters, the results for them, the selection, the card with its service, every
    /// window (the print preview, and the name typed into its «Для:» field, with it) — and the
    /// list starts again as on start. The texts are dropped, not hidden. What belongs to the
    /// desk stays: the directory, the settings, the reload history, slips still printing, the
    /// first-start window and the edit form, whose unsaved edits are no visitor's.
    pub(super) fn next_visitor(&mut self) -> Effect {
        self.query = LineInput::default();
        self.filters = Filters::default();
        // The results hold the query and the filters too.
        self.shown = None;
        self.selected = 0;
        self.offset = 0;
        self.last_click = None;
        self.screen = Screen::List;
        self.close_windows();
        // The plan (its steps and notes) and what this visit counted: the marks of what was
        // given go with them. The counts stay in the log; only the visit forgets them.
        self.plan.clear();
        self.plan_cursor = None;
        self.visit.clear();
        self.status = Some(Msg::VisitCleared.text(self.lang()).to_string());
        self.generation += 1;
        Effect::NextVisitor(self.search_request())
    }

    pub(super) fn insert_str(&mut self, text: &str) -> Effect {
        self.query.insert(text);
        self.research()
    }

    pub(super) fn edit(&mut self, c: Command) -> Effect {
        if self.query.edit(c) {
            self.research()
        } else {
            Effect::None
        }
    }

    pub(super) fn apply_results(&mut self, r: crate::tui::msg::SearchReply) {
        let keep = self.shown.as_ref().and_then(|old| {
            (old.query == self.query.text() && old.filters == self.filters)
                .then(|| old.hits.get(self.selected).map(|h| h.agency))
                .flatten()
        });
        let n = r.results.hits.len();
        let mut marks = vec![Marks::Missing; n];
        for (i, m) in r.marks.into_iter().enumerate().take(n) {
            marks[i] = Marks::Known(m);
        }
        let marks_text = crate::tui::msg::marks_text(self.query.text(), &r.results);
        self.shown = Some(Shown {
            generation: r.generation,
            query: self.query.text().to_string(),
            filters: self.filters.clone(),
            total: r.results.total,
            reading: r.results.reading,
            hits: r.results.hits,
            marks,
            marks_text,
            words: r.results.words,
            suggestions: r.results.suggestions,
        });
        // A refresh of the same question keeps the agency the user was on; a new question
        // starts from its best answer.
        self.selected = keep
            .and_then(|a| self.hits().iter().position(|h| h.agency == a))
            .unwrap_or(0);
        if keep.is_none() {
            self.offset = 0;
        }
        self.keep_selection_visible();
    }

    pub(super) fn click_row(&mut self, row: usize, at_ms: u64) {
        if row >= self.hits().len() {
            return;
        }
        let double = self
            .last_click
            .is_some_and(|(r, t)| r == row && at_ms.saturating_sub(t) <= DOUBLE_CLICK_MS);
        self.close_windows();
        self.selected = row;
        self.keep_selection_visible();
        if double {
            self.last_click = None;
            self.open_selected();
        } else {
            self.last_click = Some((row, at_ms));
            self.screen = Screen::List;
        }
    }
}

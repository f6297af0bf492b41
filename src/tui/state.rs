//! The screen's whole state, the actions that change it, and the pure `update` that applies one
//! action. Nothing here touches the terminal, the clock or a thread: the event loop turns events
//! into [`Action`]s and carries out the [`Effect`] that `update` returns, so every key sequence
//! can be tested without a terminal.

use super::keymap::{self, Command, Scope};
use super::strings::Msg;
use super::view;
use super::worker::{MAX_RESULTS, MarksRequest, Reply, RowMarks, SearchRequest};
use crate::directory::{Directory, Status};
use crate::i18n::Lang;
use crate::search::{Hit, Reading, SearchOptions};
use crossterm::event::KeyEvent;
use jiff::civil::DateTime;
use std::collections::HashMap;
use std::sync::Arc;

/// Two clicks on the same row within this many milliseconds open it.
pub const DOUBLE_CLICK_MS: u64 = 400;

/// What the desk's settings and the environment decide about the screen.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub lang: Lang,
    /// The office's name for the title.
    pub office: Option<String>,
    /// Ranked first among equals.
    pub home_locality: Option<String>,
    /// False when `NO_COLOR` is set: emphasis by bold, underline and reverse only.
    pub color: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub category: Option<String>,
    pub locality: Option<String>,
    pub open_now: bool,
}

impl Filters {
    pub fn any(&self) -> bool {
        self.category.is_some() || self.locality.is_some() || self.open_now
    }
}

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardView {
    /// Index into `Directory::agencies`.
    pub agency: usize,
    /// Index into that agency's services.
    pub service: Option<usize>,
    /// First content line shown.
    pub scroll: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Card(CardView),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Category,
    Locality,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// None is "all".
    pub value: Option<String>,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: String,
    pub items: Vec<PickItem>,
    /// Index into [`Picker::visible`].
    pub selected: usize,
}

impl Picker {
    /// The items matching the filter; "all" always stays.
    pub fn visible(&self) -> Vec<&PickItem> {
        let f = self.filter.to_lowercase();
        self.items
            .iter()
            .filter(|i| i.value.is_none() || f.is_empty() || i.label.to_lowercase().contains(&f))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Problems { selected: usize },
    Picker(Picker),
}

/// A stubbed output the event loop may carry out (the referral work provides the real calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Print,
    Copy,
    Qr,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    Search(SearchRequest),
    Output {
        kind: Output,
        agency: usize,
        service: Option<usize>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Cmd(Command),
    Insert(char),
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
    /// The minute changed (or "now" was set).
    Tick(DateTime),
    Reply(Reply),
    /// A left click on result row `row`, at `at_ms` milliseconds on a monotonic clock.
    ClickRow {
        row: usize,
        at_ms: u64,
    },
    ClickPicker(usize),
    ClickService(usize),
    Wheel {
        down: bool,
    },
}

pub struct State {
    pub dir: Arc<Directory>,
    pub settings: Settings,
    pub now: DateTime,
    pub size: (u16, u16),
    pub query: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub filters: Filters,
    /// The newest search asked for; replies for older ones are dropped.
    pub generation: u64,
    pub shown: Option<Shown>,
    pub selected: usize,
    /// First result row on screen.
    pub offset: usize,
    pub screen: Screen,
    /// Topmost last.
    pub overlays: Vec<Overlay>,
    pub status: Option<String>,
    last_click: Option<(usize, u64)>,
}

impl State {
    pub fn new(dir: Arc<Directory>, settings: Settings, now: DateTime) -> State {
        // A directory where nothing could be read opens on its problems, so the person who
        // maintains it sees at once what to fix.
        let overlays = if dir.agencies.is_empty() && !dir.diagnostics.is_empty() {
            vec![Overlay::Problems { selected: 0 }]
        } else {
            Vec::new()
        };
        State {
            dir,
            settings,
            now,
            size: (80, 24),
            query: String::new(),
            cursor: 0,
            filters: Filters::default(),
            generation: 0,
            shown: None,
            selected: 0,
            offset: 0,
            screen: Screen::List,
            overlays,
            status: None,
            last_click: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The first search, listing everything; call once when the screen opens.
    pub fn start(&mut self) -> Effect {
        self.research()
    }

    pub fn scope(&self) -> Scope {
        match self.overlays.last() {
            Some(Overlay::Picker(_)) => Scope::Picker,
            Some(_) => Scope::Pager,
            None => match self.screen {
                Screen::Card(_) => Scope::Card,
                Screen::List => Scope::List,
            },
        }
    }

    /// The action a key press asks for here, if any.
    pub fn key_action(&self, key: &KeyEvent) -> Option<Action> {
        if let Some(c) = keymap::lookup(self.scope(), key) {
            return Some(Action::Cmd(c));
        }
        keymap::typed_char(key).map(Action::Insert)
    }

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
            query: self.query.clone(),
            opts: SearchOptions {
                limit: MAX_RESULTS,
                near: self.settings.home_locality.clone(),
                category: self.filters.category.clone(),
                locality: self.filters.locality.clone(),
            },
            open_at: self.filters.open_now.then_some(self.now),
            mark_rows: view::list_capacity(self).max(1),
        }
    }

    fn research(&mut self) -> Effect {
        self.generation += 1;
        Effect::Search(self.search_request())
    }

    /// Highlights the event loop should ask the worker for: visible rows not yet asked for.
    /// Marks them as asked.
    pub fn take_marks_request(&mut self) -> Option<MarksRequest> {
        let cap = view::list_capacity(self);
        let offset = view::list_offset(self.offset, self.selected, cap);
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

    fn keep_selection_visible(&mut self) {
        let n = self.hits().len();
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        let cap = view::list_capacity(self);
        self.offset = view::list_offset(self.offset, self.selected, cap);
    }

    fn move_selection(&mut self, delta: isize) {
        let n = self.hits().len();
        if n == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
        self.keep_selection_visible();
    }

    fn open_selected(&mut self) {
        if let Some(h) = self.selected_hit() {
            self.screen = Screen::Card(CardView {
                agency: h.agency,
                service: h.service,
                scroll: 0,
            });
        }
    }

    /// The (agency, service) an output command acts on.
    fn target(&self) -> Option<(usize, Option<usize>)> {
        match self.screen {
            Screen::Card(c) => Some((c.agency, c.service)),
            Screen::List => self.selected_hit().map(|h| (h.agency, h.service)),
        }
    }

    fn output(&mut self, kind: Output) -> Effect {
        match self.target() {
            Some((agency, service)) => {
                let msg = match kind {
                    Output::Print => Msg::PrintSoon,
                    Output::Copy => Msg::CopySoon,
                    Output::Qr => Msg::QrSoon,
                };
                self.status = Some(msg.text(self.lang()).to_string());
                Effect::Output {
                    kind,
                    agency,
                    service,
                }
            }
            None => {
                self.status = Some(Msg::NothingSelected.text(self.lang()).to_string());
                Effect::None
            }
        }
    }

    // --- the query line -------------------------------------------------------------------

    fn byte_at(s: &str, char_idx: usize) -> usize {
        s.char_indices()
            .nth(char_idx)
            .map(|(b, _)| b)
            .unwrap_or(s.len())
    }

    fn insert_str(&mut self, text: &str) -> Effect {
        let at = Self::byte_at(&self.query, self.cursor);
        self.query.insert_str(at, text);
        self.cursor += text.chars().count();
        self.research()
    }

    fn edit(&mut self, c: Command) -> Effect {
        let len = self.query.chars().count();
        match c {
            Command::Left => self.cursor = self.cursor.saturating_sub(1),
            Command::Right => self.cursor = (self.cursor + 1).min(len),
            Command::Home => self.cursor = 0,
            Command::End => self.cursor = len,
            Command::DeleteBack if self.cursor > 0 => {
                let b = Self::byte_at(&self.query, self.cursor - 1);
                self.query.remove(b);
                self.cursor -= 1;
                return self.research();
            }
            Command::DeleteForward if self.cursor < len => {
                let b = Self::byte_at(&self.query, self.cursor);
                self.query.remove(b);
                return self.research();
            }
            Command::DeleteWord if self.cursor > 0 => {
                let chars: Vec<char> = self.query.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (a, b) = (
                    Self::byte_at(&self.query, start),
                    Self::byte_at(&self.query, self.cursor),
                );
                self.query.replace_range(a..b, "");
                self.cursor = start;
                return self.research();
            }
            Command::ClearQuery if !self.query.is_empty() => {
                self.query.clear();
                self.cursor = 0;
                return self.research();
            }
            _ => {}
        }
        Effect::None
    }

    // --- the card ---------------------------------------------------------------------------

    fn card_mut(&mut self) -> Option<&mut CardView> {
        match &mut self.screen {
            Screen::Card(c) => Some(c),
            Screen::List => None,
        }
    }

    fn scroll_card(&mut self, delta: isize) {
        let max = view::card_max_scroll(self);
        if let Some(c) = self.card_mut() {
            c.scroll = c.scroll.saturating_add_signed(delta).min(max);
        }
    }

    /// After Tab: when the selected service's heading is above the view or in its lower half
    /// (its details would be cut off), scroll it to the top.
    fn scroll_card_to_service(&mut self) {
        let line = view::card_service_line(self);
        let max = view::card_max_scroll(self);
        let page = view::card_page(self);
        if let (Some(line), Some(c)) = (line, self.card_mut())
            && (line < c.scroll || line >= c.scroll + page / 2)
        {
            c.scroll = line.min(max);
        }
    }

    fn cycle_service(&mut self, forward: bool) {
        let dir = self.dir.clone();
        let Some(c) = self.card_mut() else { return };
        let n = dir
            .agencies
            .get(c.agency)
            .map(|a| a.services.len())
            .unwrap_or(0);
        if n == 0 {
            return;
        }
        c.service = Some(match (c.service, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
        self.scroll_card_to_service();
    }

    // --- overlays ---------------------------------------------------------------------------

    fn toggle_overlay(&mut self, o: Overlay) {
        let same = |top: &Overlay| std::mem::discriminant(top) == std::mem::discriminant(&o);
        if self.overlays.last().is_some_and(same) {
            self.overlays.pop();
        } else {
            self.overlays.retain(|x| !same(x));
            self.overlays.push(o);
        }
    }

    fn open_picker(&mut self, kind: PickerKind) {
        let dir = self.dir.clone();
        let lang = self.lang();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in dir.agencies.iter().filter(|a| a.status != Status::Closed) {
            let key = match kind {
                PickerKind::Category => Some(a.category.as_str()),
                PickerKind::Locality => a.locality.as_deref(),
            };
            if let Some(k) = key {
                *counts.entry(k).or_default() += 1;
            }
        }
        let mut items: Vec<PickItem> = counts
            .into_iter()
            .map(|(value, count)| PickItem {
                value: Some(value.to_string()),
                label: match kind {
                    PickerKind::Category => dir
                        .category(value)
                        .map(|c| c.label(lang).to_string())
                        .unwrap_or_else(|| value.to_string()),
                    PickerKind::Locality => value.to_string(),
                },
                count,
            })
            .collect();
        // Most used first: the desk's own town and the busiest categories are at the top.
        items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let (all, current) = match kind {
            PickerKind::Category => (Msg::AllCategories, &self.filters.category),
            PickerKind::Locality => (Msg::AllLocalities, &self.filters.locality),
        };
        items.insert(
            0,
            PickItem {
                value: None,
                label: all.text(lang).to_string(),
                count: dir
                    .agencies
                    .iter()
                    .filter(|a| a.status != Status::Closed)
                    .count(),
            },
        );
        let selected = items.iter().position(|i| &i.value == current).unwrap_or(0);
        let p = Picker {
            kind,
            filter: String::new(),
            items,
            selected,
        };
        self.overlays.retain(|o| !matches!(o, Overlay::Picker(_)));
        self.overlays.push(Overlay::Picker(p));
    }

    fn picker_mut(&mut self) -> Option<&mut Picker> {
        match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => Some(p),
            _ => None,
        }
    }

    fn pick(&mut self) -> Effect {
        let Some(Overlay::Picker(p)) = self.overlays.pop() else {
            return Effect::None;
        };
        let Some(item) = p.visible().get(p.selected).map(|i| i.value.clone()) else {
            return Effect::None;
        };
        let slot = match p.kind {
            PickerKind::Category => &mut self.filters.category,
            PickerKind::Locality => &mut self.filters.locality,
        };
        if *slot == item {
            return Effect::None;
        }
        *slot = item;
        self.research()
    }

    fn picker_edit(&mut self, c: Command) {
        let Some(p) = self.picker_mut() else { return };
        match c {
            Command::DeleteBack => {
                p.filter.pop();
            }
            Command::DeleteWord | Command::ClearQuery => p.filter.clear(),
            // The filter has no cursor to move, so Home and End go to the first and last item.
            Command::Home => {
                p.selected = 0;
                return;
            }
            Command::End => {
                p.selected = p.visible().len().saturating_sub(1);
                return;
            }
            _ => return,
        }
        p.selected = 0;
    }

    fn move_overlay(&mut self, delta: isize) {
        let help_len = view::help_line_count(self);
        let problems = self.dir.diagnostics.len();
        match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => {
                let n = p.visible().len();
                p.selected = p
                    .selected
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
            Some(Overlay::Help { scroll }) => {
                *scroll = scroll
                    .saturating_add_signed(delta)
                    .min(help_len.saturating_sub(1));
            }
            Some(Overlay::Problems { selected }) => {
                *selected = selected
                    .saturating_add_signed(delta)
                    .min(problems.saturating_sub(1));
            }
            None => {}
        }
    }

    // --- commands ---------------------------------------------------------------------------

    fn command(&mut self, c: Command) -> Effect {
        use Command::*;
        let scope = self.scope();
        let page = view::list_capacity(self).max(1) as isize;
        let card_page = view::card_page(self).max(1) as isize;
        match c {
            Quit => return Effect::Quit,
            Help => self.toggle_overlay(Overlay::Help { scroll: 0 }),
            Problems => self.toggle_overlay(Overlay::Problems { selected: 0 }),
            CategoryFilter => self.open_picker(PickerKind::Category),
            LocalityFilter => self.open_picker(PickerKind::Locality),
            ToggleOpenNow => {
                self.filters.open_now = !self.filters.open_now;
                return self.research();
            }
            Print => return self.output(Output::Print),
            Copy => return self.output(Output::Copy),
            ShowQr => return self.output(Output::Qr),
            Back => match scope {
                Scope::Picker | Scope::Pager => {
                    self.overlays.pop();
                }
                Scope::Card => self.screen = Screen::List,
                Scope::List => return self.edit(ClearQuery),
            },
            Open => match scope {
                Scope::Picker => return self.pick(),
                Scope::Pager => {
                    self.overlays.pop();
                }
                Scope::List => self.open_selected(),
                // Enter on the card (on a phone, on the phrase) does nothing rather than
                // something unexpected.
                Scope::Card => {}
            },
            Up | Down | PageUp | PageDown => {
                let sign = if matches!(c, Up | PageUp) { -1 } else { 1 };
                let paged = matches!(c, PageUp | PageDown);
                match scope {
                    Scope::List => self.move_selection(sign * if paged { page } else { 1 }),
                    Scope::Card => self.scroll_card(sign * if paged { card_page } else { 1 }),
                    Scope::Picker | Scope::Pager => {
                        self.move_overlay(sign * if paged { 10 } else { 1 })
                    }
                }
            }
            NextService | PrevService => self.cycle_service(c == NextService),
            DeleteBack | DeleteForward | DeleteWord | ClearQuery | Left | Right | Home | End => {
                match scope {
                    Scope::Picker => self.picker_edit(c),
                    Scope::List => return self.edit(c),
                    Scope::Card | Scope::Pager => {}
                }
            }
        }
        Effect::None
    }

    fn insert(&mut self, text: &str) -> Effect {
        match self.scope() {
            Scope::Picker => {
                if let Some(p) = self.picker_mut() {
                    p.filter.push_str(text);
                    p.selected = 0;
                }
                Effect::None
            }
            // Typing always searches: from the card or a help window it goes back to the list.
            Scope::Pager | Scope::Card | Scope::List => {
                self.overlays.clear();
                self.screen = Screen::List;
                self.insert_str(text)
            }
        }
    }

    fn apply_results(&mut self, r: super::worker::SearchReply) {
        let keep = self.shown.as_ref().and_then(|old| {
            (old.query == self.query && old.filters == self.filters)
                .then(|| old.hits.get(self.selected).map(|h| h.agency))
                .flatten()
        });
        let n = r.results.hits.len();
        let mut marks = vec![Marks::Missing; n];
        for (i, m) in r.marks.into_iter().enumerate().take(n) {
            marks[i] = Marks::Known(m);
        }
        let marks_text = super::worker::marks_text(&self.query, &r.results);
        self.shown = Some(Shown {
            generation: r.generation,
            query: self.query.clone(),
            filters: self.filters.clone(),
            total: r.results.total,
            reading: r.results.reading,
            hits: r.results.hits,
            marks,
            marks_text,
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

    fn click_row(&mut self, row: usize, at_ms: u64) {
        if row >= self.hits().len() {
            return;
        }
        let double = self
            .last_click
            .is_some_and(|(r, t)| r == row && at_ms.saturating_sub(t) <= DOUBLE_CLICK_MS);
        self.overlays.clear();
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

/// Applies one action. Pure apart from `state`: no I/O, no clock, no threads.
pub fn update(state: &mut State, action: Action) -> Effect {
    match action {
        Action::Cmd(c) => {
            state.status = None;
            state.command(c)
        }
        Action::Insert(c) => {
            state.status = None;
            if c.is_control() {
                return Effect::None;
            }
            state.insert(c.encode_utf8(&mut [0; 4]))
        }
        Action::Paste(text) => {
            state.status = None;
            // A pasted line break or tab becomes a space; other control characters are dropped,
            // so the query never holds anything the terminal could interpret.
            let clean: String = text
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            let clean = clean.trim_end_matches(' ');
            if clean.is_empty() {
                return Effect::None;
            }
            state.insert(clean)
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.keep_selection_visible();
            let max = view::card_max_scroll(state);
            if let Some(c) = state.card_mut() {
                c.scroll = c.scroll.min(max);
            }
            Effect::None
        }
        Action::Tick(now) => {
            state.now = now;
            // Who is open changes with the clock; the plain list does not.
            if state.filters.open_now {
                state.research()
            } else {
                Effect::None
            }
        }
        Action::Reply(Reply::Search(r)) => {
            if r.generation == state.generation {
                state.apply_results(r);
            }
            Effect::None
        }
        // The event loop ends the screen on this; nothing to show.
        Action::Reply(Reply::Failed) => Effect::None,
        Action::Reply(Reply::Marks(m)) => {
            if let Some(shown) = state
                .shown
                .as_mut()
                .filter(|s| s.generation == m.generation)
            {
                for (row, marks) in m.marks {
                    if let Some(slot) = shown.marks.get_mut(row) {
                        *slot = Marks::Known(marks);
                    }
                }
            }
            Effect::None
        }
        Action::ClickRow { row, at_ms } => {
            state.click_row(row, at_ms);
            Effect::None
        }
        Action::ClickPicker(i) => {
            if let Some(p) = state.picker_mut()
                && i < p.visible().len()
            {
                p.selected = i;
                return state.pick();
            }
            Effect::None
        }
        Action::ClickService(i) => {
            let dir = state.dir.clone();
            if let Some(c) = state.card_mut()
                && dir
                    .agencies
                    .get(c.agency)
                    .is_some_and(|a| i < a.services.len())
            {
                c.service = Some(i);
            }
            Effect::None
        }
        Action::Wheel { down } => {
            let sign = if down { 1 } else { -1 };
            match state.scope() {
                Scope::List => state.move_selection(sign),
                Scope::Card => state.scroll_card(3 * sign),
                Scope::Picker | Scope::Pager => state.move_overlay(sign),
            }
            Effect::None
        }
    }
}

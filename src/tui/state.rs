//! The screen's whole state, the actions that change it, and the pure `update` that applies one
//! action. Nothing here touches the terminal, the clock or a thread: the event loop turns events
//! into [`Action`]s and carries out the [`Effect`] that `update` returns, so every key sequence
//! can be tested without a terminal.

use super::keymap::{self, Command, Scope};
use super::strings::{self, Msg};
use super::view;
use super::worker::{MAX_RESULTS, MarksRequest, Reply, RowMarks, SearchRequest};
use crate::directory::watch::{Change, WatchEvent};
use crate::directory::{Directory, Status};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::card::ServiceChoice;
use crate::referral::clipboard;
use crate::referral::slip::{self, SlipContext};
use crate::search::{Hit, Reading, SearchOptions};
use crate::stats::{How, LogContents, Record};
use crossterm::event::KeyEvent;
use jiff::civil::{Date, DateTime};
use std::collections::HashMap;
use std::path::PathBuf;
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
    /// The desk's settings: the office and printer for slips.
    pub config: crate::config::Config,
    /// Where saved slips go, shown in the print preview.
    pub save_dir: Option<PathBuf>,
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
    /// The query's words that count; a hit's `matched` bits refer to them.
    pub words: Vec<String>,
    /// When nothing fits: what to offer instead.
    pub suggestions: Option<Box<crate::search::Suggestions>>,
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

    /// Where the highlight goes after the filter changed: with a filter typed, on the first
    /// real match (so Enter takes what was typed for), not on "all"; without one, on "all".
    pub fn first_match(&self) -> usize {
        if self.filter.is_empty() {
            return 0;
        }
        self.visible()
            .iter()
            .position(|i| i.value.is_some())
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Problems {
        selected: usize,
    },
    Picker(Picker),
    /// F2: the slip as it will be printed, with the «Для:» field and the output choice.
    Preview(Preview),
    /// F6: a `tel:` QR code for the agency (index into `Directory::agencies`).
    Qr {
        agency: usize,
    },
    /// F9: this month's referrals.
    Stats(StatsView),
    /// A message too important for the status line (a slip that could not be printed).
    Notice(String),
}

/// Where the print preview sends the slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlipDest {
    /// The printer from the settings (`[printer]`), else the CUPS default.
    #[default]
    Printer,
    /// A PDF file in the data folder, without the visitor's name.
    SavePdf,
    /// A text file in the data folder, without the visitor's name.
    SaveText,
}

impl SlipDest {
    pub const ALL: [SlipDest; 3] = [SlipDest::Printer, SlipDest::SavePdf, SlipDest::SaveText];

    /// The next output, round the three.
    fn next(self) -> SlipDest {
        let i = Self::ALL.iter().position(|d| *d == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// A file is written: the visitor's name is left out of it.
    pub fn saves(self) -> bool {
        self != SlipDest::Printer
    }
}

/// The print preview's state. The visitor's name lives here and in the print job only: it is
/// dropped when the preview closes, and never written anywhere but on the printed slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub agency: usize,
    /// The service the slip is for; Tab changes it. Never printed while unchosen for an
    /// agency with several services.
    pub service: ServiceChoice,
    pub for_name: String,
    /// Cursor position in the name, in characters.
    pub cursor: usize,
    pub dest: SlipDest,
    /// First slip line shown.
    pub scroll: usize,
}

impl Preview {
    /// The name as it goes on the slip: trimmed, `None` when empty or when the slip is saved
    /// to a file (a file is not the visitor's paper, and nothing about the visitor is stored).
    pub fn printed_name(&self) -> Option<String> {
        let n = self.for_name.trim();
        (!n.is_empty() && !self.dest.saves()).then(|| n.to_string())
    }
}

/// The longest name the «Для:» field takes; a slip line is not a letter.
pub const MAX_NAME_CHARS: usize = 80;

/// The statistics overlay: waiting for the log, or what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsView {
    Loading,
    Loaded(LogContents),
    Failed(String),
}

/// A shared directory in an effect or action. Compared by identity: two handles are equal when
/// they point at the same loaded directory.
#[derive(Clone)]
pub struct DirHandle(pub Arc<Directory>);

impl PartialEq for DirHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for DirHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Directory({} agencies)", self.0.agencies.len())
    }
}

/// A slip to print or save, handed to a background thread.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintJob {
    pub dir: DirHandle,
    pub agency: usize,
    pub service: ServiceChoice,
    /// Printed on the slip, then forgotten; always `None` when saving to a file.
    pub for_name: Option<String>,
    pub dest: SlipDest,
    pub now: DateTime,
    /// Appended to the statistics once the slip is printed or saved.
    pub record: Record,
    pub lang: Lang,
}

/// What became of a print job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintOutcome {
    /// Sent to the printer; the message names it.
    Printed { message: String },
    /// Saved to a file as asked.
    Saved { path: PathBuf },
    /// Printing failed and the slip (without the name) was saved instead; the message says
    /// why and where.
    SavedInstead { message: String },
    /// Printing (or saving) failed and nothing was kept.
    Lost { message: String },
}

/// The state of live reloading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reloading {
    /// A reload is running on a background thread.
    pub running: bool,
    /// Files changed again while it ran: reload once more when it is done.
    pub again: bool,
}

/// The most reload changes the problems list keeps.
pub const MAX_CHANGES: usize = 100;

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    Quit,
    Search(SearchRequest),
    /// Print or save a slip on a background thread; answer with [`Action::PrintDone`].
    Print(PrintJob),
    /// Put text on the clipboard (the display's, where there is one, and OSC 52 through the
    /// terminal); answer with [`Action::Copied`].
    Copy {
        text: String,
        record: Record,
    },
    /// Append a referral to the statistics log; answer with [`Action::Recorded`] on failure.
    Record(Record),
    /// Read the statistics log; answer with [`Action::StatsLoaded`].
    LoadStats,
    /// Load the data path again and merge it into `old`; answer with [`Action::Reloaded`].
    Reload {
        old: DirHandle,
        today: Date,
    },
    /// Give the search thread a reloaded directory, then search with it.
    Swap {
        dir: DirHandle,
        search: SearchRequest,
    },
    /// «Наступний відвідувач»: make the search thread forget every query it remembers, repaint
    /// the whole terminal, then search as on start.
    NextVisitor(SearchRequest),
    /// Several effects, in order.
    Batch(Vec<Effect>),
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
    /// A print job finished.
    PrintDone {
        outcome: PrintOutcome,
        record: Record,
    },
    /// The text reached the clipboard (which ways), or no way worked.
    Copied {
        result: Result<clipboard::Copied, String>,
        record: Record,
    },
    /// Appending to the statistics log failed.
    Recorded(Result<(), String>),
    StatsLoaded(Result<LogContents, String>),
    /// The data files changed on disk.
    Watch(WatchEvent),
    /// A reload finished: the merged directory and what changed.
    Reloaded {
        dir: DirHandle,
        changes: Vec<Change>,
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
    /// What live reloads changed, newest first, with the time of the reload.
    pub changes: Vec<(DateTime, Change)>,
    pub reloading: Reloading,
    /// Print jobs running in the background.
    pub printing: usize,
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
            changes: Vec::new(),
            reloading: Reloading::default(),
            printing: 0,
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
            Some(Overlay::Preview(_)) => Scope::Preview,
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

    fn nothing_selected(&mut self) -> Effect {
        self.status = Some(Msg::NothingSelected.text(self.lang()).to_string());
        Effect::None
    }

    /// The card a slip is made from. Slips are always Ukrainian: they are the visitor's
    /// document, whatever the screen's language.
    pub fn slip_card(&self, agency: usize, service: ServiceChoice) -> Option<Card<'_>> {
        let a = self.dir.agencies.get(agency)?;
        Some(Card::new(&self.dir, a, Lang::Uk).with_choice(service))
    }

    /// The preview is for an agency with several services and none chosen: nothing prints
    /// until Tab chooses one (or all).
    pub fn needs_service(&self, p: &Preview) -> bool {
        self.dir
            .agencies
            .get(p.agency)
            .is_some_and(|a| p.service.missing(a))
    }

    /// The slip context from the settings, dated today.
    pub fn slip_context(&self, for_name: Option<String>) -> SlipContext {
        let mut ctx = SlipContext::new(&self.settings.config, self.now.date());
        ctx.for_name = for_name;
        ctx
    }

    /// The statistics record for a referral: agency, category, service, time — never anything
    /// typed at the desk.
    fn record(&self, how: How, agency: usize, service: Option<usize>) -> Option<Record> {
        let a = self.dir.agencies.get(agency)?;
        Some(Record::new(
            how,
            a,
            service.and_then(|i| a.services.get(i)),
            self.now,
        ))
    }

    fn open_preview(&mut self) -> Effect {
        let Some((agency, service)) = self.target() else {
            return self.nothing_selected();
        };
        self.overlays
            .retain(|o| !matches!(o, Overlay::Preview(_) | Overlay::Qr { .. }));
        let Some(a) = self.dir.agencies.get(agency) else {
            return Effect::None;
        };
        self.overlays.push(Overlay::Preview(Preview {
            agency,
            service: ServiceChoice::initial(a, service),
            for_name: String::new(),
            cursor: 0,
            dest: SlipDest::default(),
            scroll: 0,
        }));
        Effect::None
    }

    fn preview_mut(&mut self) -> Option<&mut Preview> {
        match self.overlays.last_mut() {
            Some(Overlay::Preview(p)) => Some(p),
            _ => None,
        }
    }

    /// Enter in the preview: the preview closes (and the name with it) and the slip goes to a
    /// background thread.
    fn print_from_preview(&mut self) -> Effect {
        let Some(Overlay::Preview(p)) = self.overlays.last() else {
            return Effect::None;
        };
        // A slip without the procedure is no referral: the preview stays open and asks.
        if self.needs_service(p) {
            self.status = Some(Msg::ServiceNotChosen.text(self.lang()).to_string());
            return Effect::None;
        }
        let Some(Overlay::Preview(p)) = self.overlays.pop() else {
            return Effect::None;
        };
        let Some(record) = self.record(How::Printed, p.agency, p.service.one()) else {
            return Effect::None;
        };
        self.printing += 1;
        let msg = if p.dest.saves() {
            Msg::Saving
        } else {
            Msg::Printing
        };
        self.status = Some(msg.text(self.lang()).to_string());
        Effect::Print(PrintJob {
            dir: DirHandle(self.dir.clone()),
            agency: p.agency,
            service: p.service,
            for_name: p.printed_name(),
            dest: p.dest,
            now: self.now,
            record,
            lang: self.lang(),
        })
    }

    fn print_done(&mut self, outcome: PrintOutcome, record: Record) -> Effect {
        self.printing = self.printing.saturating_sub(1);
        let lang = self.lang();
        match outcome {
            PrintOutcome::Printed { message } => {
                self.status = Some(message);
                Effect::Record(record)
            }
            PrintOutcome::Saved { path } => {
                self.status = Some(format!("{} {}", Msg::SavedTo.text(lang), path.display()));
                Effect::Record(record)
            }
            // The referral was given (the slip waits in a file); the reason must be read, so
            // it gets a window rather than the status line.
            PrintOutcome::SavedInstead { message } => {
                self.status = Some(Msg::NotPrintedSaved.text(lang).to_string());
                self.overlays.push(Overlay::Notice(message));
                Effect::Record(record)
            }
            PrintOutcome::Lost { message } => {
                self.status = Some(Msg::NotPrinted.text(lang).to_string());
                self.overlays.push(Overlay::Notice(message));
                Effect::None
            }
        }
    }

    fn copy(&mut self) -> Effect {
        let Some((agency, service)) = self.target() else {
            return self.nothing_selected();
        };
        let Some(a) = self.dir.agencies.get(agency) else {
            return Effect::None;
        };
        // No window to ask in: the service chosen, else every service (the clipboard costs no
        // paper, and the frontliner can cut what is not needed).
        let choice = match ServiceChoice::initial(a, service) {
            ServiceChoice::Unchosen => ServiceChoice::All,
            c => c,
        };
        let text = match self.slip_card(agency, choice) {
            Some(card) => slip::render_text(&card, &self.slip_context(None)),
            None => return Effect::None,
        };
        match self.record(How::Copied, agency, service) {
            Some(record) => Effect::Copy { text, record },
            None => Effect::None,
        }
    }

    fn mark_referred(&mut self) -> Effect {
        let Some(record) = self
            .target()
            .and_then(|(a, s)| self.record(How::Read, a, s))
        else {
            return self.nothing_selected();
        };
        self.status = Some(Msg::ReferralCounted.text(self.lang()).to_string());
        Effect::Record(record)
    }

    fn open_qr(&mut self) {
        match self.target() {
            Some((agency, _)) => self.toggle_overlay(Overlay::Qr { agency }),
            None => {
                self.nothing_selected();
            }
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
    }

    /// «Наступний відвідувач»: everything about this visit goes — the query and its cursor,
    /// the filters, the results for them, the selection, the card with its service, every
    /// window (the print preview, and the name typed into its «Для:» field, with it) — and the
    /// list starts again as on start. The texts are dropped, not hidden. What belongs to the
    /// desk stays: the directory, the settings, the reload history, slips still printing.
    fn next_visitor(&mut self) -> Effect {
        self.query = String::new();
        self.cursor = 0;
        self.filters = Filters::default();
        // The results hold the query and the filters too.
        self.shown = None;
        self.selected = 0;
        self.offset = 0;
        self.last_click = None;
        self.screen = Screen::List;
        self.overlays.clear();
        self.status = Some(Msg::VisitCleared.text(self.lang()).to_string());
        self.generation += 1;
        Effect::NextVisitor(self.search_request())
    }

    fn open_stats(&mut self) -> Effect {
        if matches!(self.overlays.last(), Some(Overlay::Stats(_))) {
            self.overlays.pop();
            return Effect::None;
        }
        self.overlays.retain(|o| !matches!(o, Overlay::Stats(_)));
        self.overlays.push(Overlay::Stats(StatsView::Loading));
        Effect::LoadStats
    }

    // --- live reload ------------------------------------------------------------------------

    fn files_changed(&mut self) -> Effect {
        if self.reloading.running {
            self.reloading.again = true;
            return Effect::None;
        }
        self.reloading.running = true;
        Effect::Reload {
            old: DirHandle(self.dir.clone()),
            today: self.now.date(),
        }
    }

    fn reloaded(&mut self, dir: DirHandle, changes: Vec<Change>) -> Effect {
        let lang = self.lang();
        self.reloading.running = false;
        let warning = changes
            .iter()
            .find(|c| c.is_warning())
            .map(|c| c.message(lang));
        self.status = Some(match warning {
            Some(w) => w,
            None if changes.is_empty() => Msg::ReloadedNoChanges.text(lang).to_string(),
            None => format!(
                "{}: {} (F8)",
                Msg::Reloaded.text(lang),
                strings::count(lang, strings::CHANGE, changes.len())
            ),
        });
        let mut all: Vec<(DateTime, Change)> = changes.into_iter().map(|c| (self.now, c)).collect();
        all.append(&mut self.changes);
        all.truncate(MAX_CHANGES);
        self.changes = all;
        self.swap_directory(dir.0.clone());
        self.generation += 1;
        let swap = Effect::Swap {
            dir,
            search: self.search_request(),
        };
        if self.reloading.again {
            self.reloading.again = false;
            self.reloading.running = true;
            Effect::Batch(vec![
                swap,
                Effect::Reload {
                    old: DirHandle(self.dir.clone()),
                    today: self.now.date(),
                },
            ])
        } else {
            swap
        }
    }

    /// Puts a reloaded directory in place. Everything that points into the directory by index
    /// (results, the open card, the preview, the QR code) is moved to the same agency by id,
    /// and the same service by name; what no longer exists is closed.
    fn swap_directory(&mut self, new: Arc<Directory>) {
        let old = std::mem::replace(&mut self.dir, new.clone());
        let ids: HashMap<&str, usize> = new
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let agency = |i: usize| {
            old.agencies
                .get(i)
                .and_then(|a| ids.get(a.id.as_str()).copied())
        };
        let service = |old_a: usize, new_a: usize, s: Option<usize>| {
            let name = &old.agencies.get(old_a)?.services.get(s?)?.name;
            new.agencies
                .get(new_a)?
                .services
                .iter()
                .position(|x| &x.name == name)
        };
        let selected = self.selected;
        if let Some(shown) = self.shown.as_mut() {
            let keep = shown.hits.get(selected).and_then(|h| agency(h.agency));
            let before = shown.hits.len();
            shown.hits = shown
                .hits
                .iter()
                .filter_map(|h| {
                    let a = agency(h.agency)?;
                    Some(Hit {
                        agency: a,
                        service: service(h.agency, a, h.service),
                        ..h.clone()
                    })
                })
                .collect();
            shown.total = shown.total.saturating_sub(before - shown.hits.len());
            shown.marks = vec![Marks::Missing; shown.hits.len()];
            self.selected = keep
                .and_then(|a| shown.hits.iter().position(|h| h.agency == a))
                .unwrap_or(selected.min(shown.hits.len().saturating_sub(1)));
        }
        if let Screen::Card(c) = self.screen {
            self.screen = match agency(c.agency) {
                Some(a) => Screen::Card(CardView {
                    agency: a,
                    service: service(c.agency, a, c.service),
                    scroll: c.scroll,
                }),
                None => Screen::List,
            };
        }
        let problems = self.changes.len() + new.diagnostics.len();
        self.overlays.retain_mut(|o| match o {
            Overlay::Preview(p) => match agency(p.agency) {
                Some(a) => {
                    // A service that is gone leaves nothing chosen: the preview asks again.
                    p.service = match p.service {
                        ServiceChoice::One(i) => service(p.agency, a, Some(i))
                            .map_or(ServiceChoice::Unchosen, ServiceChoice::One),
                        other => other,
                    };
                    p.agency = a;
                    true
                }
                None => false,
            },
            Overlay::Qr { agency: i } => match agency(*i) {
                Some(a) => {
                    *i = a;
                    true
                }
                None => false,
            },
            Overlay::Problems { selected } => {
                *selected = (*selected).min(problems.saturating_sub(1));
                true
            }
            _ => true,
        });
        self.keep_selection_visible();
        let max = view::card_max_scroll(self);
        if let Some(c) = self.card_mut() {
            c.scroll = c.scroll.min(max);
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

    fn scroll_preview(&mut self, delta: isize) {
        let max = view::preview_max_scroll(self);
        if let Some(p) = self.preview_mut() {
            p.scroll = p.scroll.saturating_add_signed(delta).min(max);
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

    /// Tab in the print preview: service 1, 2, …, «усі послуги», 1, …
    fn cycle_preview_service(&mut self, forward: bool) {
        let dir = self.dir.clone();
        if let Some(p) = self.preview_mut()
            && let Some(a) = dir.agencies.get(p.agency)
        {
            p.service = p.service.step(a, forward);
            p.scroll = 0;
        }
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
        if kind == PickerKind::Locality {
            // The lines that serve the whole country: a town filter keeps them anyway, this
            // choice shows them alone.
            let remote = dir
                .agencies
                .iter()
                .filter(|a| a.remote && a.status != Status::Closed)
                .count();
            if remote > 0 {
                items.insert(
                    1,
                    PickItem {
                        value: Some(crate::search::NATIONWIDE.to_string()),
                        label: Msg::Nationwide.text(lang).to_string(),
                        count: remote,
                    },
                );
            }
        }
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
        p.selected = p.first_match();
    }

    fn move_overlay(&mut self, delta: isize) {
        let help_len = view::help_line_count(self);
        let problems = self.changes.len() + self.dir.diagnostics.len();
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
            Some(
                Overlay::Preview(_) | Overlay::Qr { .. } | Overlay::Stats(_) | Overlay::Notice(_),
            )
            | None => {}
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
            Print => return self.open_preview(),
            Copy => return self.copy(),
            ShowQr => self.open_qr(),
            MarkReferred => return self.mark_referred(),
            Stats => return self.open_stats(),
            NextVisitor => return self.next_visitor(),
            NextOutput => {
                if let Some(p) = self.preview_mut() {
                    p.dest = p.dest.next();
                    p.scroll = 0;
                }
            }
            Back => match scope {
                Scope::Picker | Scope::Pager | Scope::Preview => {
                    self.overlays.pop();
                }
                Scope::Card => self.screen = Screen::List,
                Scope::List => return self.edit(ClearQuery),
            },
            Open => match scope {
                Scope::Picker => return self.pick(),
                Scope::Preview => return self.print_from_preview(),
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
                    Scope::Preview => self.scroll_preview(sign * if paged { card_page } else { 1 }),
                }
            }
            NextService | PrevService if scope == Scope::Preview => {
                self.cycle_preview_service(c == NextService)
            }
            NextService | PrevService => self.cycle_service(c == NextService),
            DeleteBack | DeleteForward | DeleteWord | ClearQuery | Left | Right | Home | End => {
                match scope {
                    Scope::Picker => self.picker_edit(c),
                    Scope::List => return self.edit(c),
                    Scope::Preview => {
                        if let Some(p) = self.preview_mut() {
                            edit_line(&mut p.for_name, &mut p.cursor, c);
                        }
                    }
                    Scope::Card | Scope::Pager => {}
                }
            }
        }
        Effect::None
    }

    fn insert(&mut self, text: &str) -> Effect {
        match self.scope() {
            Scope::Preview => {
                if let Some(p) = self.preview_mut() {
                    insert_line(&mut p.for_name, &mut p.cursor, text, MAX_NAME_CHARS);
                }
                Effect::None
            }
            Scope::Picker => {
                if let Some(p) = self.picker_mut() {
                    p.filter.push_str(text);
                    p.selected = p.first_match();
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
#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
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
                Scope::Preview => state.scroll_preview(3 * sign),
            }
            Effect::None
        }
        Action::PrintDone { outcome, record } => state.print_done(outcome, record),
        Action::Copied { result, record } => match result {
            Ok(how) => {
                state.status = Some(strings::copied(state.lang(), &how));
                Effect::Record(record)
            }
            Err(e) => {
                state.status = Some(format!("{}: {e}", Msg::CopyFailed.text(state.lang())));
                Effect::None
            }
        },
        Action::Recorded(Ok(())) => Effect::None,
        Action::Recorded(Err(e)) => {
            // The referral itself was given; only the count is missing. Say so, keep going.
            state.status = Some(format!("{}: {e}", Msg::RecordFailed.text(state.lang())));
            Effect::None
        }
        Action::StatsLoaded(r) => {
            for o in &mut state.overlays {
                if let Overlay::Stats(v) = o {
                    *v = match &r {
                        Ok(c) => StatsView::Loaded(c.clone()),
                        Err(e) => StatsView::Failed(e.clone()),
                    };
                }
            }
            Effect::None
        }
        Action::Watch(WatchEvent::Changed(_)) => state.files_changed(),
        Action::Watch(WatchEvent::Error(e)) => {
            state.status = Some(format!("{}: {e}", Msg::WatchFailed.text(state.lang())));
            Effect::None
        }
        Action::Reloaded { dir, changes } => state.reloaded(dir, changes),
    }
}

/// Applies an editing command to a one-line field; true when the text changed.
fn edit_line(text: &mut String, cursor: &mut usize, c: Command) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    *cursor = (*cursor).min(len);
    let byte = |i: usize| {
        text.char_indices()
            .nth(i)
            .map(|(b, _)| b)
            .unwrap_or(text.len())
    };
    match c {
        Command::Left => *cursor = cursor.saturating_sub(1),
        Command::Right => *cursor = (*cursor + 1).min(len),
        Command::Home => *cursor = 0,
        Command::End => *cursor = len,
        Command::DeleteBack if *cursor > 0 => {
            let b = byte(*cursor - 1);
            text.remove(b);
            *cursor -= 1;
            return true;
        }
        Command::DeleteForward if *cursor < len => {
            let b = byte(*cursor);
            text.remove(b);
            return true;
        }
        Command::DeleteWord if *cursor > 0 => {
            let mut start = *cursor;
            while start > 0 && chars[start - 1].is_whitespace() {
                start -= 1;
            }
            while start > 0 && !chars[start - 1].is_whitespace() {
                start -= 1;
            }
            let (a, b) = (byte(start), byte(*cursor));
            text.replace_range(a..b, "");
            *cursor = start;
            return true;
        }
        Command::ClearQuery if !text.is_empty() => {
            text.clear();
            *cursor = 0;
            return true;
        }
        _ => {}
    }
    false
}

/// Inserts text at the cursor of a one-line field, up to `max` characters in all.
fn insert_line(text: &mut String, cursor: &mut usize, insert: &str, max: usize) {
    let room = max.saturating_sub(text.chars().count());
    let insert: String = insert.chars().take(room).collect();
    let at = text
        .char_indices()
        .nth(*cursor)
        .map(|(b, _)| b)
        .unwrap_or(text.len());
    text.insert_str(at, &insert);
    *cursor += insert.chars().count();
}

//! The screen's whole state and the pure `update` that applies one action. Nothing here touches
//! the terminal, the clock or a thread, and nothing here asks the view: the event loop turns
//! events into [`Action`]s, carries out the [`Effect`] that `update` returns and, after each
//! frame, hands back what the view measured ([`State::measured`]). Every key sequence can be
//! tested without a terminal.
//!
//! `update` dispatches; each concern keeps its transitions in its own file.

mod card;
mod edit;
pub mod form;
mod maintain;
mod overlays;
mod plan;
mod referral;
mod reload;
mod results;
mod setup;

pub use form::{
    Blocked, Conflict, DiskChanges, FieldChange, FieldKey, FieldProblem, Form, FormField, Merged,
};
pub use maintain::{DUE_WITHIN_DAYS, Dialog, DialogKind, MAX_NOTE_CHARS};
pub use overlays::{Overlay, PickItem, Picker, PickerKind, StatsView};
pub use plan::NoteEdit;
pub use referral::{MAX_NAME_CHARS, Preview};
pub use reload::{MAX_CHANGES, Reloading};
pub use results::{Marks, Shown};
pub use setup::{MAX_SETUP_CHARS, SetupDialog, SetupField};

use crate::directory::Directory;
use crate::directory::watch::{Change, WatchEvent};
use crate::i18n::Lang;
use crate::tui::keymap::{self, Command, Scope};
use crate::tui::layout;
use crate::tui::line_input::LineInput;
use crate::tui::msg::{Action, AgencyId, Effect, Reply, Viewport};
use crate::tui::strings::{self, Msg};
use crossterm::event::KeyEvent;
use jiff::civil::DateTime;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    pub agency: AgencyId,
    /// Index into that agency's services.
    pub service: Option<usize>,
    /// First content line shown.
    pub scroll: usize,
    /// A service was just chosen: the view scrolls its heading to the top when it is above the
    /// view or in its lower half (its details would be cut off), then reports where it went.
    pub reveal_service: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    List,
    Card(CardView),
}

pub struct State {
    pub dir: Arc<Directory>,
    pub settings: Settings,
    pub now: DateTime,
    pub size: (u16, u16),
    /// The query line.
    pub query: LineInput,
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
    /// The correction reports in the data folder (open and closed), as last read.
    pub corrections: Vec<crate::maintain::corrections::Correction>,
    /// The data folder's git audit (last commit, uncommitted files), as last read (F8).
    pub audit: Option<crate::maintain::audit::Audit>,
    /// The visit's plan («План візиту»): the agencies in order, and the step back to us.
    pub plan: crate::referral::plan::Plan,
    /// The step selected in the plan panel while it has the keyboard (Ctrl-T).
    pub plan_cursor: Option<usize>,
    /// First line shown of the plan's text read aloud.
    pub plan_scroll: usize,
    /// What this visit has counted in the statistics: once per agency, the last undoable.
    pub visit: crate::stats::Visit,
    last_click: Option<(usize, u64)>,
    /// What the last frame measured.
    viewport: Viewport,
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
            query: LineInput::default(),
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
            corrections: Vec::new(),
            audit: None,
            plan: crate::referral::plan::Plan::new(),
            plan_cursor: None,
            plan_scroll: 0,
            visit: crate::stats::Visit::new(),
            last_click: None,
            viewport: Viewport::default(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Where things go at the terminal's size, with room for the plan panel.
    pub fn areas(&self) -> layout::Areas {
        layout::areas_with_plan(self.size.0, self.size.1, self.plan.len())
    }

    /// How many results fit in the list now.
    pub fn list_capacity(&self) -> usize {
        layout::capacity(&self.areas())
    }

    /// The first search, listing everything; call once when the screen opens.
    pub fn start(&mut self) -> Effect {
        self.research()
    }

    pub fn scope(&self) -> Scope {
        match self.overlays.last() {
            Some(Overlay::Picker(_)) => Scope::Picker,
            Some(Overlay::Preview(_)) => Scope::Preview,
            Some(Overlay::Dialog(_) | Overlay::Setup(_)) => Scope::Dialog,
            Some(Overlay::Form(_)) => Scope::Form,
            Some(Overlay::Note(_)) => Scope::Note,
            Some(_) => Scope::Pager,
            None if self.plan_cursor.is_some() => Scope::Plan,
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

    pub(super) fn command(&mut self, c: Command) -> Effect {
        use Command::*;
        let scope = self.scope();
        let page = self.list_capacity().max(1) as isize;
        let card_page = self.areas().card.height.max(1) as isize;
        if let Some(effect) = self.maintain_command(c) {
            return effect;
        }
        match (scope, c) {
            (Scope::Plan, Up | Down | PageUp | PageDown | Open)
            | (Scope::Plan, StepUp | StepDown | RemoveStep | NextNote | PrevNote) => {
                return self.plan_command(c);
            }
            (Scope::Note, Open) => {
                self.keep_note();
                return Effect::None;
            }
            _ => {}
        }
        match c {
            Quit if scope == Scope::Form => return self.form_quit(),
            Quit => return Effect::Quit,
            AddToPlan => return self.add_to_plan(),
            AddReturn => return self.add_return(),
            FocusPlan => return self.focus_plan(),
            UndoCount => return self.undo_count(),
            StepUp | StepDown | RemoveStep | NextNote | PrevNote => {}
            Help => self.toggle_overlay(Overlay::Help { scroll: 0 }),
            // Taken by `maintain_command` above.
            Problems | Report | Verify | Edit | NewAgency | Save | NextField | PrevField
            | Merge | Choose => {}
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
                Scope::Dialog if self.setup_skip() => {}
                Scope::Picker | Scope::Pager | Scope::Preview | Scope::Dialog | Scope::Note => {
                    self.overlays.pop();
                }
                Scope::Form => self.form_back(),
                Scope::Plan => self.plan_cursor = None,
                Scope::Card => self.screen = Screen::List,
                Scope::List => return self.edit(ClearQuery),
            },
            Open => match scope {
                Scope::Picker => return self.pick(),
                Scope::Preview => return self.print_from_preview(),
                Scope::Dialog => return self.dialog_send(),
                Scope::Form => self.form_move(1),
                Scope::Pager => {
                    self.overlays.pop();
                }
                Scope::List => self.open_selected(),
                Scope::Plan | Scope::Note => {}
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
                    Scope::Dialog => self.dialog_move(sign * if paged { 5 } else { 1 }),
                    Scope::Form if paged => self.form_section(sign > 0),
                    Scope::Form => self.form_move(sign),
                    Scope::Plan | Scope::Note => {}
                }
            }
            NextService | PrevService if scope == Scope::Preview => {
                self.cycle_preview_service(c == NextService)
            }
            NextService | PrevService => self.cycle_service(c == NextService),
            DeleteBack | DeleteForward | DeleteWord | ClearQuery | Left | Right | Home | End => {
                return self.edit_line(scope, c);
            }
        }
        Effect::None
    }

    /// An editing key, in the line the keyboard is in.
    fn edit_line(&mut self, scope: Scope, c: Command) -> Effect {
        match scope {
            Scope::Picker => self.picker_edit(c),
            Scope::List => return self.edit(c),
            Scope::Preview => {
                if let Some(p) = self.preview_mut() {
                    p.for_name.edit(c);
                }
            }
            Scope::Dialog => self.dialog_edit(c),
            Scope::Form => self.form_edit(c),
            Scope::Note => {
                if let Some(n) = self.note_mut() {
                    n.input.edit(c);
                }
            }
            Scope::Card | Scope::Pager | Scope::Plan => {}
        }
        Effect::None
    }

    pub(super) fn insert(&mut self, text: &str) -> Effect {
        match self.scope() {
            Scope::Preview => {
                if let Some(p) = self.preview_mut() {
                    p.for_name.insert(text);
                }
                Effect::None
            }
            Scope::Picker => {
                if let Some(p) = self.picker_mut() {
                    p.filter.insert(text);
                    p.selected = p.first_match();
                }
                Effect::None
            }
            Scope::Dialog => {
                self.dialog_type(text);
                Effect::None
            }
            Scope::Form => {
                self.form_type(text);
                Effect::None
            }
            Scope::Note => {
                if let Some(n) = self.note_mut() {
                    n.input.insert(text);
                }
                Effect::None
            }
            // A window over the edit form (its help): typing goes back to the form's line.
            Scope::Pager if self.overlays.iter().any(|o| matches!(o, Overlay::Form(_))) => {
                while !matches!(self.overlays.last(), Some(Overlay::Form(_))) {
                    self.overlays.pop();
                }
                self.form_type(text);
                Effect::None
            }
            // Typing always searches: from the card, the plan panel or a help window it goes
            // back to the list (the plan stays, beside it).
            Scope::Pager | Scope::Card | Scope::List | Scope::Plan => {
                self.plan_cursor = None;
                self.close_windows();
                self.screen = Screen::List;
                self.insert_str(text)
            }
        }
    }
}

/// Applies one action. Pure apart from `state`: no I/O, no clock, no threads.
pub fn update(state: &mut State, action: Action) -> Effect {
    // What the last frame measured holds until something other than scrolling changes what
    // is drawn.
    let scrolls = matches!(
        action,
        Action::Wheel { .. }
            | Action::Cmd(Command::Up | Command::Down | Command::PageUp | Command::PageDown)
    );
    if !scrolls {
        state.viewport = Viewport::default();
    }
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
            state.paste(&text)
        }
        Action::Resize { width, height } => {
            state.size = (width, height);
            // The card and the preview stop at their new ends when next drawn.
            state.keep_selection_visible();
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
        Action::Reply(r) => {
            state.reply(r);
            Effect::None
        }
        Action::ClickRow { .. }
        | Action::ClickPicker(_)
        | Action::ClickService(_)
        | Action::Wheel { .. } => state.pointer(action),
        answer => state.answer(answer),
    }
}

impl State {
    /// Pasted text goes where typing goes. A line break or tab becomes a space; other control
    /// characters are dropped, so the query never holds anything the terminal could interpret.
    fn paste(&mut self, text: &str) -> Effect {
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
        self.insert(clean)
    }

    /// An answer from the search thread.
    fn reply(&mut self, r: Reply) {
        match r {
            Reply::Search(r) => {
                if r.generation == self.generation {
                    self.apply_results(r);
                }
            }
            // The event loop ends the screen on this; nothing to show.
            Reply::Failed => {}
            Reply::Marks(m) => {
                if let Some(shown) = self.shown.as_mut().filter(|s| s.generation == m.generation) {
                    for (row, marks) in m.marks {
                        if let Some(slot) = shown.marks.get_mut(row) {
                            *slot = Marks::Known(marks);
                        }
                    }
                }
            }
        }
    }

    /// Clicks and the wheel, already placed on what was drawn under them.
    fn pointer(&mut self, action: Action) -> Effect {
        match action {
            Action::ClickRow { row, at_ms } => self.click_row(row, at_ms),
            Action::ClickPicker(i) => {
                if let Some(p) = self.picker_mut()
                    && i < p.visible().len()
                {
                    p.selected = i;
                    return self.pick();
                }
            }
            Action::ClickService(i) => {
                let dir = self.dir.clone();
                if let Some(c) = self.card_mut()
                    && dir.agency(&c.agency).is_some_and(|a| i < a.services.len())
                {
                    c.service = Some(i);
                }
            }
            Action::Wheel { down } => {
                let sign = if down { 1 } else { -1 };
                match self.scope() {
                    Scope::List => self.move_selection(sign),
                    Scope::Card => self.scroll_card(3 * sign),
                    Scope::Picker | Scope::Pager => self.move_overlay(sign),
                    Scope::Preview => self.scroll_preview(3 * sign),
                    Scope::Dialog => self.dialog_move(sign),
                    Scope::Form => self.form_move(sign),
                    Scope::Plan | Scope::Note => {}
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// Answers from background jobs: printing, the clipboard, the log, the file watcher.
    fn answer(&mut self, action: Action) -> Effect {
        let lang = self.lang();
        match action {
            Action::PrintDone { outcome, given } => self.print_done(outcome, &given),
            Action::Copied { result, given } => match result {
                Ok(how) => {
                    self.status = Some(strings::copied(lang, &how));
                    self.count_given(crate::stats::How::Copied, &given)
                }
                Err(e) => {
                    // The reasons are the terminal's and the display's own words.
                    self.status = Some(format!("{}: {e}", Msg::CopyFailed.text(lang)));
                    Effect::None
                }
            },
            Action::Recorded { record, error } => {
                // The referral itself was given; only the count is missing. Say so, keep going.
                self.record_failed(&record, &error);
                Effect::None
            }
            Action::TakenBack { record, result } => {
                self.taken_back(record, result);
                Effect::None
            }
            Action::StatsLoaded(r) => {
                for o in &mut self.overlays {
                    if let Overlay::Stats(v) = o {
                        *v = match &r {
                            Ok(c) => StatsView::Loaded(c.clone()),
                            Err(e) => StatsView::Failed(e.message(lang)),
                        };
                    }
                }
                Effect::None
            }
            Action::Watch(WatchEvent::Changed(paths)) => {
                // The corrections file holds no agency: it is read again on its own.
                let is_reports = |p: &PathBuf| {
                    p.file_name()
                        .is_some_and(|n| n == crate::maintain::corrections::FILE_NAME)
                };
                let reports = Effect::Maintain(crate::tui::msg::MaintainJob::LoadCorrections);
                match (paths.iter().any(is_reports), paths.iter().all(is_reports)) {
                    (true, true) => reports,
                    (true, false) => Effect::Batch(vec![self.files_changed(), reports]),
                    (false, _) => self.files_changed(),
                }
            }
            Action::Watch(WatchEvent::Error(e)) => {
                self.status = Some(format!("{}: {e}", Msg::WatchFailed.text(lang)));
                Effect::None
            }
            Action::Reloaded { dir, changes } => self.reloaded(dir, changes),
            Action::Maintained(done) => self.maintained(done),
            _ => Effect::None,
        }
    }
}

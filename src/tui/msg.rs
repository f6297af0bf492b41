//! The screen's message vocabulary, below both the state and the view: what the event loop
//! feeds `update` ([`Action`]), what `update` asks the runtime to do ([`Effect`]), what the
//! search thread is asked and answers ([`Request`], [`Reply`]), and what drawing measured and
//! hands back ([`Viewport`]). Types only, so state, view, worker and runtime all depend on this
//! file and on nothing of each other's.

use super::keymap::Command;
use crate::directory::Directory;
use crate::directory::watch::{Change, WatchEvent};
use crate::maintain::audit::Audit;
use crate::maintain::edit::SaveError;
use crate::referral::card::ServiceChoice;
use crate::referral::clipboard;
use crate::referral::plan::{Plan, Target};
use crate::referral::print::PrintReport;
use crate::search::{Hit, Reading, Results, SearchOptions};
use crate::stats::{LogContents, Record, StatsError};
use jiff::civil::{Date, DateTime};
use std::path::PathBuf;
use std::sync::Arc;

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
    pub fn next(self) -> SlipDest {
        let i = Self::ALL.iter().position(|d| *d == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// A file is written: the visitor's name is left out of it.
    pub fn saves(self) -> bool {
        self != SlipDest::Printer
    }
}

/// The query text highlights are computed for: what the engine understood.
pub fn marks_text(query: &str, results: &Results) -> String {
    match &results.reading {
        Reading::AsTyped => query.to_string(),
        Reading::Layout { text } | Reading::Translit { text } => text.clone(),
    }
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

/// An agency's id from the data. Whatever outlives a frame (the open card, a window, a print
/// job) names its agency by id: ids survive reloads and threads, positions in the directory do
/// not.
pub type AgencyId = String;

/// A slip to print or save, handed to a background thread.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintJob {
    pub dir: DirHandle,
    pub agency: AgencyId,
    pub service: ServiceChoice,
    /// Printed on the slip, then forgotten; always `None` when saving to a file.
    pub for_name: Option<String>,
    pub dest: SlipDest,
    pub now: DateTime,
    /// The visit's plan, when the slip is the whole plan's (then `agency` is its first
    /// agency, for the saved file's name).
    pub plan: Option<Plan>,
    /// The agencies the slip gives, counted (once per visit) when it is printed or saved.
    pub given: Vec<Target>,
}

/// What became of a print job, as data: the screen words it in its language.
#[derive(Debug)]
pub enum PrintOutcome {
    /// Sent to the printer, or printing failed and the slip (without the name) was saved
    /// instead, or that failed too: what printing reports.
    Printer(PrintReport),
    /// Saved to a file as asked.
    Saved { path: PathBuf },
    /// Saving to a file as asked failed (rendering or writing); nothing was kept.
    NotSaved(std::io::Error),
    /// A reload took the agency out of the directory before the job ran.
    Gone,
}

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
        /// The agencies the text gives, counted once it reached the clipboard.
        given: Vec<Target>,
    },
    /// Append a referral to the statistics log; answer with [`Action::Recorded`] on failure.
    Record(Record),
    /// Take the visit's last count back out of the statistics log; answer with
    /// [`Action::TakenBack`].
    TakeBack(Record),
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
    /// Keeping the directory true: a correction report, «перевірено сьогодні», the settings'
    /// maintainer name, the corrections file, the git audit line; answer with
    /// [`Action::Maintained`].
    Maintain(MaintainJob),
    /// Several effects, in order.
    Batch(Vec<Effect>),
}

/// A job that writes to or reads from the data folder (or the settings file): run off the
/// screen's thread, each answered with [`Action::Maintained`].
#[derive(Debug, Clone, PartialEq)]
pub enum MaintainJob {
    /// Read `corrections.toml`: the card's warning and F8's list.
    LoadCorrections,
    /// Append a report to `corrections.toml`.
    Report(crate::maintain::corrections::NewReport),
    /// Set `verified` = `today` and `verified_by` = `by` in the agency's file.
    Verify {
        dir: DirHandle,
        agency: AgencyId,
        by: String,
        today: Date,
    },
    /// Write `maintainer = …` into the settings file, asked once.
    SaveMaintainer(String),
    /// The first start: write the desk's answers into the settings file (the runtime's own
    /// copy of the settings, which prints the slips, takes them at once).
    SaveSetup(crate::setup::DeskSetup),
    /// The system's printers by name, for the first-start dialog (runs `lpstat` or asks the
    /// Windows spooler).
    ListPrinters,
    /// The data folder's last git commit and uncommitted files (runs git, up to seconds).
    Audit,
    /// «Редагувати»: read agency `agency`'s file for the edit form.
    OpenEdit { dir: DirHandle, agency: AgencyId },
    /// «Нова установа»: the file a new agency goes to — `near`'s file, else the data file, else
    /// a new file in the data folder.
    OpenNew {
        dir: DirHandle,
        near: Option<AgencyId>,
    },
    /// Save the form's edits over the snapshot it was opened on (refused if the file changed).
    SaveEdit {
        snapshot: crate::maintain::edit::Snapshot,
        agency: AgencyId,
        edits: EditList,
        new: bool,
    },
}

/// The form's edits in an effect. `Edit` holds TOML values, which do not compare; two lists
/// are equal when they print alike (effects are compared only in tests).
#[derive(Debug, Clone)]
pub struct EditList(pub Vec<crate::maintain::edit::Edit>);

impl PartialEq for EditList {
    fn eq(&self, other: &Self) -> bool {
        format!("{:?}", self.0) == format!("{:?}", other.0)
    }
}

/// Why a save did not happen (the screen words it in its language), and — when the file
/// changed on disk since the form opened — the file as it is now, for the form to show what
/// changed in it and to carry the edits over onto it.
#[derive(Debug)]
pub struct SaveRefused {
    pub error: SaveError,
    pub on_disk: Option<crate::maintain::edit::Snapshot>,
}

/// Why the settings file (the maintainer's name, the first start's answers) was not written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsNotSaved {
    /// No settings file given and no configuration folder to put one in.
    #[error("there is no place for the settings file")]
    NoPlace,
    #[error(transparent)]
    Write(#[from] crate::setup::SettingsError),
}

/// What became of a [`MaintainJob`], as data: the screen words errors in its language.
#[derive(Debug)]
pub enum MaintainDone {
    Corrections(Vec<crate::maintain::corrections::Correction>),
    Reported(Result<(), SaveError>),
    Verified {
        agency: AgencyId,
        result: Result<(), SaveError>,
    },
    MaintainerSaved(Result<(), SettingsNotSaved>),
    /// The settings file the first-start answers were written to, or why not.
    SetupSaved(Result<PathBuf, SettingsNotSaved>),
    /// The system's printers (none when they could not be listed).
    Printers(Vec<String>),
    Audit(Option<Audit>),
    /// The file read for the form (`new`: a new agency), or why not.
    EditOpened {
        agency: AgencyId,
        new: bool,
        result: Result<crate::maintain::edit::Snapshot, SaveError>,
    },
    EditSaved(Result<(), SaveRefused>),
}

/// What `update` is told. Answers from jobs outside the screen carry the errors those jobs
/// produce, typed; the state and the view word them in the screen's language.
#[derive(Debug)]
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
        given: Vec<Target>,
    },
    /// The text reached the clipboard (which ways), or no way worked.
    Copied {
        result: Result<clipboard::Copied, clipboard::CopyError>,
        given: Vec<Target>,
    },
    /// Appending `record` to the statistics log failed: it is not counted, so a retry counts.
    Recorded {
        record: Record,
        error: StatsError,
    },
    /// The undo of a count: the record is out of the log, or it could not be taken out.
    TakenBack {
        record: Record,
        result: Result<(), StatsError>,
    },
    StatsLoaded(Result<LogContents, StatsError>),
    /// The data files changed on disk.
    Watch(WatchEvent),
    /// A reload finished: the merged directory and what changed.
    Reloaded {
        dir: DirHandle,
        changes: Vec<Change>,
    },
    /// A maintenance job finished.
    Maintained(MaintainDone),
}

/// The most results the screen keeps; the count shown is the real total.
pub const MAX_RESULTS: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub opts: SearchOptions,
    /// "Open now" filter: keep only agencies open at this local time.
    pub open_at: Option<DateTime>,
    /// Compute highlights for this many rows from the top right away.
    pub mark_rows: usize,
}

/// Highlight positions (character indices) for one result row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMarks {
    /// In the agency's display name.
    pub name: Vec<usize>,
    /// In the matching service's name.
    pub service: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarksRequest {
    pub generation: u64,
    /// The text to highlight: the query as the engine read it.
    pub text: String,
    /// (row, hit) pairs.
    pub rows: Vec<(usize, Hit)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchReply {
    pub generation: u64,
    pub results: Results,
    /// Marks for rows `0..marks.len()`.
    pub marks: Vec<RowMarks>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarksReply {
    pub generation: u64,
    pub marks: Vec<(usize, RowMarks)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Search(SearchRequest),
    Marks(MarksRequest),
    /// A reloaded directory: search it from now on.
    Swap(DirHandle),
    /// The next visitor: forget every query the engine remembers (its result cache, the last
    /// query it narrows from), and any search still queued for the visit that ended.
    Forget,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Search(SearchReply),
    Marks(MarksReply),
    /// The search thread panicked and stopped; the screen must not go on without it.
    Failed,
}

/// What drawing measured and hands back to the state after every frame (gitui's
/// `VerticalScroll`, helix's `completion_height`): how long the scrolling contents turned out at
/// the size they were drawn. `update` clamps scrolling with it and never lays anything out
/// itself; `None` means "not drawn since it last changed", and then the view clamps instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// The open card as drawn.
    pub card: Option<Scrolled>,
    /// The print preview's slip as drawn.
    pub preview: Option<Scrolled>,
    /// Lines in the help at the width it was drawn.
    pub help_lines: Option<usize>,
    /// The plan's text read aloud as drawn.
    pub plan_phrase: Option<Scrolled>,
}

/// A scrolled text as drawn: the first line shown and the furthest it can go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scrolled {
    pub top: usize,
    pub max_top: usize,
}

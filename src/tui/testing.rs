//! The test harness: the real [`Runtime`] (update, the one effect executor, the view) on a
//! `TestBackend`, with ports that answer at once. Searches run to completion when asked, so
//! tests see exactly what a person would see once results arrive; a frame is drawn after every
//! action, as the screen draws after every batch of input.
//!
//! Effects that reach outside stay in memory: referrals go to [`MemoryPorts::records`], print
//! jobs wait in [`MemoryPorts::print_jobs`] until a test finishes them with
//! [`Harness::finish_print`], copied text is kept in [`MemoryPorts::copied`], and reload requests
//! are counted (tests deliver `Action::Reloaded` themselves).

use super::effects::Ports;
use super::msg::{
    Action, DirHandle, Effect, MaintainJob, MarksReply, PrintJob, PrintOutcome, Reply, Request,
};
use super::runtime::Runtime;
use super::state::{Settings, State};
use super::worker;
use crate::directory::Directory;
use crate::i18n::Lang;
use crate::referral::clipboard;
use crate::referral::plan::Target;
use crate::search::Engine;
use crate::stats::{LogContents, Record};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use jiff::civil::{Date, DateTime};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Ports that answer in memory: the search engine runs here, on the caller's thread.
pub struct MemoryPorts {
    engine: Engine,
    /// Answers not yet handed to `update`, oldest first.
    answers: VecDeque<Action>,
    pub records: Vec<Record>,
    pub print_jobs: Vec<PrintJob>,
    pub copied: Vec<String>,
    pub reload_requests: usize,
    /// The data path maintenance jobs write to (a copy in a temporary folder); `None`, as for
    /// the built-in demo, writes nothing.
    pub data: Option<PathBuf>,
    /// The settings file the maintainer's name is written to.
    pub config_path: Option<PathBuf>,
    /// Every maintenance job asked for, in order.
    pub maintain_jobs: Vec<MaintainJob>,
}

impl Ports for MemoryPorts {
    fn search(&mut self, req: Request) {
        match req {
            Request::Search(req) => {
                let generation = AtomicU64::new(req.generation);
                if let Some(reply) = worker::run_search(&mut self.engine, &req, &generation) {
                    self.answers.push_back(Action::Reply(Reply::Search(reply)));
                }
            }
            Request::Marks(m) => {
                let marks = worker::compute_marks(&self.engine, &m.text, &m.rows);
                self.answers
                    .push_back(Action::Reply(Reply::Marks(MarksReply {
                        generation: m.generation,
                        marks,
                    })));
            }
            Request::Swap(dir) => self.engine = Engine::new(dir.0),
            Request::Forget => self.engine.clear_cache(),
        }
    }

    fn print(&mut self, job: PrintJob) {
        self.print_jobs.push(job);
    }

    fn copy(&mut self, text: String, given: Vec<Target>) {
        self.copied.push(text);
        self.answers.push_back(Action::Copied {
            result: Ok(clipboard::Copied::Osc52 { system: None }),
            given,
        });
    }

    fn record(&mut self, record: Record) {
        self.records.push(record);
    }

    fn take_back(&mut self, record: Record) {
        // As the real log does: a line already gone is taken back all the same.
        if let Some(i) = self.records.iter().rposition(|r| *r == record) {
            self.records.remove(i);
        }
        self.answers.push_back(Action::TakenBack {
            record,
            result: Ok(()),
        });
    }

    fn load_stats(&mut self) {
        let contents = LogContents {
            records: self.records.clone(),
            damaged: Vec::new(),
        };
        self.answers.push_back(Action::StatsLoaded(Ok(contents)));
    }

    fn reload(&mut self, _old: DirHandle, _today: Date) {
        self.reload_requests += 1;
    }

    /// Runs the real job at once, against [`MemoryPorts::data`].
    fn maintain(&mut self, job: MaintainJob, lang: Lang) {
        self.maintain_jobs.push(job.clone());
        let done =
            super::maintain_io::run(job, self.data.as_deref(), self.config_path.as_deref(), lang);
        self.answers.push_back(Action::Maintained(done));
    }
}

/// Drives the real state, update, effects and view synchronously on a [`TestBackend`].
pub struct Harness {
    rt: Runtime<TestBackend, MemoryPorts>,
    clock_ms: u64,
}

impl std::ops::Deref for Harness {
    type Target = Runtime<TestBackend, MemoryPorts>;
    fn deref(&self) -> &Self::Target {
        &self.rt
    }
}

impl std::ops::DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.rt
    }
}

/// A `TestBackend` never fails.
fn sure<T>(r: Result<T, std::convert::Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(e) => match e {},
    }
}

impl Harness {
    pub fn new(dir: Directory, settings: Settings, now: DateTime, width: u16, height: u16) -> Self {
        let dir = Arc::new(dir);
        let ports = MemoryPorts {
            engine: Engine::new(dir.clone()),
            answers: VecDeque::new(),
            records: Vec::new(),
            print_jobs: Vec::new(),
            copied: Vec::new(),
            reload_requests: 0,
            data: None,
            config_path: None,
            maintain_jobs: Vec::new(),
        };
        let terminal = sure(Terminal::new(TestBackend::new(width, height)));
        let state = State::new(dir, settings, now);
        let mut h = Harness {
            rt: Runtime::new(terminal, state, ports),
            clock_ms: 0,
        };
        h.act(Action::Resize { width, height });
        let first = h.rt.state.start();
        h.carry_out(first);
        h
    }

    /// Carries out an effect, hands every answer to `update` in turn (carrying out theirs),
    /// then draws, as the screen does after a batch.
    fn carry_out(&mut self, effect: Effect) {
        sure(self.rt.carry_out(effect));
        while let Some(a) = self.rt.ports.answers.pop_front() {
            sure(self.rt.handle(a));
        }
        sure(self.rt.draw());
    }

    /// A harness whose maintenance jobs read and write the data at `data` (a copy in a
    /// temporary folder) and the settings file `config`, as the screen started with
    /// `--data data --config config` would; the corrections file is read as on start.
    pub fn with_data(
        dir: Directory,
        settings: Settings,
        now: DateTime,
        size: (u16, u16),
        data: PathBuf,
        config: Option<PathBuf>,
    ) -> Self {
        let mut h = Harness::new(dir, settings, now, size.0, size.1);
        h.rt.ports.data = Some(data);
        h.rt.ports.config_path = config;
        h.carry_out(Effect::Maintain(MaintainJob::LoadCorrections));
        h
    }

    /// Opens the first-start window, as the screen does on real data without an office; the
    /// system's printers are listed at once.
    pub fn first_start(&mut self) {
        let ask = self.rt.state.open_setup();
        self.carry_out(ask);
    }

    /// The search engine the harness searches with, as the search thread would hold it.
    pub fn engine(&self) -> &Engine {
        &self.rt.ports.engine
    }

    /// Finishes the oldest print job as if the printer answered with `outcome`.
    pub fn finish_print(&mut self, outcome: PrintOutcome) -> Effect {
        assert!(
            !self.rt.ports.print_jobs.is_empty(),
            "no print job to finish"
        );
        let job = self.rt.ports.print_jobs.remove(0);
        self.act(Action::PrintDone {
            outcome,
            given: job.given,
        })
    }

    /// Applies an action and carries out its effect; returns the effect.
    pub fn act(&mut self, action: Action) -> Effect {
        if let Action::Resize { width, height } = action {
            self.rt.terminal.backend_mut().resize(width, height);
        }
        let e = super::state::update(&mut self.rt.state, action);
        self.carry_out(e.clone());
        e
    }

    /// A key press as the terminal would report it.
    pub fn key(&mut self, key: KeyEvent) -> Effect {
        match self.rt.state.key_action(&key) {
            Some(a) => self.act(a),
            None => Effect::None,
        }
    }

    pub fn press(&mut self, code: KeyCode) -> Effect {
        self.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    pub fn ctrl(&mut self, c: char) -> Effect {
        self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    /// Types text key by key.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// A mouse event against the last drawn frame; `after_ms` is the time since the previous
    /// mouse event.
    pub fn mouse(&mut self, ev: MouseEvent, after_ms: u64) -> Effect {
        self.clock_ms += after_ms;
        match self.rt.mouse_action(&ev, self.clock_ms) {
            Some(a) => self.act(a),
            None => Effect::None,
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.act(Action::Resize { width, height });
    }

    /// Draws the current state; returns the drawn buffer.
    pub fn render_buffer(&mut self) -> ratatui::buffer::Buffer {
        self.carry_out(Effect::None);
        self.rt.terminal.backend().buffer().clone()
    }

    /// Draws the current state; returns the buffer as text, one quoted line per row.
    pub fn render(&mut self) -> String {
        let buffer = self.render_buffer();
        if buffer.area.width == 0 || buffer.area.height == 0 {
            // TestBackend cannot print an empty buffer.
            return String::new();
        }
        self.rt.terminal.backend().to_string()
    }

    /// The screen's text without the quoting, for `contains` checks.
    pub fn screen(&mut self) -> String {
        self.render()
            .lines()
            .map(|l| {
                let l = l.strip_prefix('"').unwrap_or(l);
                l.rsplit_once('"').map(|(a, _)| a).unwrap_or(l).to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

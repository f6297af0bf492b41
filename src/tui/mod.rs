//! The interactive screen (`refdesk` with no subcommand), in the Elm architecture: terminal
//! events become [`Action`]s, a pure [`update`] changes the [`State`] and names any side effect,
//! and [`view::draw`] paints the state and returns the hit areas the mouse is tested against.
//!
//! Threads: this one draws and handles input; one reads terminal events; one searches
//! ([`worker`]). Nothing the visitor says (the query) is ever written anywhere.

pub mod keymap;
pub mod output;
pub mod state;
pub mod strings;
pub mod terminal;
pub mod view;
pub mod worker;

pub use state::{Action, Effect, Settings, State, update};

use crate::app::{App, Setup};
use crate::config::Config;
use crate::directory::Directory;
use crate::i18n::Lang;
use crate::referral::clipboard;
use crate::search::Engine;
use crate::stats::{LogContents, Record};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use jiff::civil::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use state::{DirHandle, PrintJob, PrintOutcome};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use worker::{Reply, Request, Worker};

/// How long quitting waits for the input thread to notice.
const INPUT_WAIT_AT_EXIT: Duration = Duration::from_millis(500);

/// How long quitting waits for slips still being printed.
const PRINT_WAIT_AT_EXIT: Duration = Duration::from_secs(30);

/// The screen's settings from the desk's configuration and the environment.
pub fn settings(app: &App) -> Settings {
    Settings {
        lang: app.lang,
        office: app.config.office.name.clone(),
        home_locality: app.config.home_locality.clone(),
        // https://no-color.org: set and non-empty means no colour.
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        config: app.config.clone(),
        save_dir: Some(crate::referral::print::unprinted_dir()),
    }
}

enum Msg {
    Term(Event),
    Reply(Reply),
    InputFailed(std::io::Error),
    /// The terminal is gone (its window closed, the pane killed, the line hung up): nobody is
    /// left to type, so the screen ends through the normal quit path.
    InputEnded,
    /// An answer from a background job (printing, the log, a reload, the file watcher).
    Action(Action),
    /// A background thread panicked; the screen ends rather than go on half-working.
    Failed(&'static str),
    /// SIGTERM, SIGHUP or SIGINT: leave through the normal quit path, so the terminal guard
    /// restores the terminal, and exit with 128 + the signal's number.
    Signal(i32),
}

/// Turns termination signals into [`Msg::Signal`] on the event channel; the returned handle
/// stops the forwarding once the screen is closed.
#[cfg(unix)]
fn forward_signals(tx: &Sender<Msg>) -> std::io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    let tx = tx.clone();
    std::thread::Builder::new()
        .name("refdesk-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if tx.send(Msg::Signal(sig)).is_err() {
                    return;
                }
            }
        })?;
    Ok(handle)
}

/// What carrying out effects needs besides the state: the settings, the data path for
/// reloads, and the channel background jobs answer on.
struct Outside {
    config: Arc<Config>,
    data: Option<PathBuf>,
    lang: Lang,
    tx: Sender<Msg>,
    /// Print jobs, waited for at exit so a slip is never cut off half-way.
    printing: Vec<JoinHandle<()>>,
    /// The display's clipboard, held for as long as the screen is open: on X11 the copied text
    /// lives in this process and is gone when the connection is dropped (see
    /// [`clipboard::SystemClipboard`]).
    system_clipboard: clipboard::SystemClipboard,
}

impl Outside {
    fn send(&self, a: Action) {
        // The receiver lives as long as the screen; after that nobody is left to tell.
        let _ = self.tx.send(Msg::Action(a));
    }

    /// Runs `job` on a named thread and delivers its answer.
    fn spawn(
        &self,
        name: &'static str,
        job: impl FnOnce() -> Action + Send + 'static,
    ) -> Option<JoinHandle<()>> {
        let tx = self.tx.clone();
        std::thread::Builder::new()
            .name(format!("refdesk-{name}"))
            .spawn(move || {
                let msg = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)) {
                    Ok(a) => Msg::Action(a),
                    Err(_) => Msg::Failed(name),
                };
                let _ = tx.send(msg);
            })
            .ok()
    }
}

/// Runs the screen until the user quits. `data` is the directory's file or folder from
/// `--data`, watched for changes; `None` is the built-in demo directory. Returns the process
/// exit code.
pub fn run(setup: Setup, data: Option<PathBuf>) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(setup.lang.pick(
            "екран потребує термінала; для скриптів є `refdesk search …` і `refdesk show …`",
            "the screen needs a terminal; scripts can use `refdesk search …` and `refdesk show …`",
        ));
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    #[cfg(unix)]
    let signals = forward_signals(&tx)?;
    // Windows: closing the console window, logging off, Ctrl-C take the same quit path.
    #[cfg(windows)]
    let console = {
        let tx = std::sync::Mutex::new(tx.clone());
        crate::console::forward_ctrl_events(move |sig| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(Msg::Signal(sig));
            }
        })?
    };
    let mut guard = terminal::TerminalGuard::enter()?;
    // A big directory takes seconds to read: say so rather than show a blank screen.
    let lang = setup.lang;
    guard.terminal.draw(|f| view::draw_loading(lang, f))?;
    let app = App::load(setup);
    let settings = settings(&app);
    // "now" may have been injected (REFDESK_NOW); keep the same offset from the clock
    // so the screen's time still moves on, minute by minute.
    let wall = || jiff::ZonedDateTime::now().datetime();
    let offset = app.now.duration_since(wall());
    let clock = move || wall().checked_add(offset).unwrap_or_else(|_| wall());
    let config_note = app.config_error.as_ref().map(|e| e.render(app.lang));
    let lang = app.lang;
    let config = Arc::new(app.config);
    let dir = Arc::new(app.dir);
    let mut state = State::new(dir.clone(), settings, app.now);
    state.status = config_note;

    let reply_tx = tx.clone();
    let worker = Worker::spawn(dir, move |r| reply_tx.send(Msg::Reply(r)).is_ok())?;
    // Live reload: the watcher's events come in on the same channel as keys.
    let _watcher = match &data {
        None => None,
        Some(path) => match crate::directory::watch::watch_channel(path) {
            Ok((w, events)) => {
                let tx = tx.clone();
                std::thread::Builder::new()
                    .name("refdesk-watch-forward".into())
                    .spawn(move || {
                        for ev in events {
                            if tx.send(Msg::Action(Action::Watch(ev))).is_err() {
                                return;
                            }
                        }
                    })?;
                Some(w)
            }
            Err(e) => {
                let note = format!(
                    "{}: {}",
                    strings::Msg::WatchFailed.text(lang),
                    output::describe(&e, lang)
                );
                state.status = Some(match state.status.take() {
                    Some(s) => format!("{s} · {note}"),
                    None => note,
                });
                None
            }
        },
    };
    let mut outside = Outside {
        config,
        data,
        lang,
        tx: tx.clone(),
        printing: Vec::new(),
        system_clipboard: clipboard::SystemClipboard::new(),
    };
    let size = guard.terminal.size()?;
    update(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );

    let stop = Arc::new(AtomicBool::new(false));
    let input = {
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("refdesk-input".into())
            .spawn(move || read_input(&tx, &stop))?
    };
    let result = event_loop(&mut guard, &mut state, &worker, &rx, clock, &mut outside);
    stop.store(true, Ordering::SeqCst);
    drop(guard);
    #[cfg(unix)]
    signals.close();
    // The input thread sees `stop` within one poll; one stuck in the terminal library (a tty
    // that went away under it) must not keep the process alive, so it is not waited for long.
    let start = Instant::now();
    while !input.is_finished() && start.elapsed() < INPUT_WAIT_AT_EXIT {
        std::thread::sleep(Duration::from_millis(10));
    }
    wait_for_printing(&mut outside.printing, lang);
    // The console is restored and print jobs are done: a close or logoff may end the process.
    #[cfg(windows)]
    drop(console);
    result
}

/// A slip half-sent when the program ends could be lost: give running print jobs a while.
fn wait_for_printing(jobs: &mut Vec<JoinHandle<()>>, lang: Lang) {
    jobs.retain(|j| !j.is_finished());
    if jobs.is_empty() {
        return;
    }
    eprintln!(
        "refdesk: {}",
        lang.pick(
            "чекаю, поки завершиться друк…",
            "waiting for printing to finish…"
        )
    );
    let start = Instant::now();
    while start.elapsed() < PRINT_WAIT_AT_EXIT {
        jobs.retain(|j| !j.is_finished());
        if jobs.is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read_input(tx: &mpsc::Sender<Msg>, stop: &AtomicBool) {
    // Polling with a timeout (instead of a blocking read) lets the thread notice the screen has
    // closed, so it never swallows a keystroke meant for the shell.
    while !stop.load(Ordering::SeqCst) {
        if terminal_gone(Duration::from_millis(50)) {
            let _ = tx.send(Msg::InputEnded);
            return;
        }
        // Everything the terminal library holds (keys it already read, a resize) is taken now,
        // not one event per wait.
        loop {
            let msg = match event::poll(Duration::ZERO) {
                Ok(false) => break,
                Ok(true) => match event::read() {
                    Ok(ev) => Msg::Term(ev),
                    Err(e) => Msg::InputFailed(e),
                },
                Err(e) => Msg::InputFailed(e),
            };
            let failed = matches!(msg, Msg::InputFailed(_));
            if tx.send(msg).is_err() || failed {
                return;
            }
        }
    }
}

/// Waits up to `wait` for input; true when the terminal is gone (hung up, closed, failed) and
/// no key will ever come. On Unix the wait happens here rather than in crossterm, which never
/// reports a hang-up: on a dead tty its read returns 0 or EIO and it retries forever at full
/// speed. crossterm is then asked without waiting, which also picks up a window resize (it
/// arrives on crossterm's own signal pipe) within one wait.
#[cfg(unix)]
fn terminal_gone(wait: Duration) -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = wait.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, its count, and a timeout; poll only writes `revents`.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        return std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted;
    }
    fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
fn terminal_gone(wait: Duration) -> bool {
    // The answer is picked up by the caller's own poll.
    let _ = event::poll(wait);
    false
}

/// Debug builds only: panics when the query equals `REFDESK_TEST_PANIC_ON`, so that the
/// end-to-end test can prove the terminal is restored after a crash mid-session. Release builds
/// carry no such trigger.
fn crash_for_test(state: &State) {
    #[cfg(debug_assertions)]
    if std::env::var("REFDESK_TEST_PANIC_ON").is_ok_and(|q| !q.is_empty() && q == state.query) {
        panic!("test panic requested by REFDESK_TEST_PANIC_ON");
    }
    #[cfg(not(debug_assertions))]
    let _ = state;
}

fn event_loop(
    guard: &mut terminal::TerminalGuard,
    state: &mut State,
    worker: &Worker,
    rx: &mpsc::Receiver<Msg>,
    clock: impl Fn() -> DateTime,
    outside: &mut Outside,
) -> anyhow::Result<u8> {
    let started = Instant::now();
    let mut hits = view::Hits::default();
    let first = state.start();
    if carry_out(first, state, worker, outside, guard.terminal.backend_mut()) {
        return Ok(0);
    }
    let mut dirty = true;
    loop {
        // Mouse motion and other ignored events change nothing: no frame for them.
        if dirty {
            guard.terminal.draw(|f| hits = view::draw(state, f))?;
            dirty = false;
        }
        crash_for_test(state);
        // Sleep until something happens or the minute turns (open/closed marks depend on it).
        let wait =
            Duration::from_secs(60 - u64::from(clock().second().clamp(0, 59).unsigned_abs()));
        let first = match rx.recv_timeout(wait) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(0),
        };
        // Handle everything already queued before drawing again: a burst of keys or a reply
        // arriving with a key costs one frame, not several.
        for msg in first.into_iter().chain(rx.try_iter()) {
            let action = match msg {
                Msg::Term(Event::Key(k)) => state.key_action(&k),
                Msg::Term(Event::Mouse(m)) => {
                    view::mouse_action(&hits, &m, started.elapsed().as_millis() as u64)
                }
                Msg::Term(Event::Resize(width, height)) => Some(Action::Resize { width, height }),
                Msg::Term(Event::Paste(s)) => Some(Action::Paste(s)),
                Msg::Term(_) => None,
                // The panic message is already printed; the terminal is restored on return.
                Msg::Reply(Reply::Failed) => anyhow::bail!("the search thread stopped"),
                Msg::Failed(what) => anyhow::bail!("the {what} thread stopped"),
                Msg::Reply(r) => Some(Action::Reply(r)),
                Msg::Action(a) => Some(a),
                Msg::InputFailed(e) => return Err(e.into()),
                Msg::InputEnded => return Ok(0),
                Msg::Signal(sig) => return Ok(128u8.saturating_add(sig.clamp(0, 127) as u8)),
            };
            if let Some(a) = action {
                let effect = update(state, a);
                dirty = true;
                // Ctrl-L's old meaning too: the next frame repaints every cell, whatever
                // the terminal holds.
                if matches!(effect, Effect::NextVisitor(_)) {
                    guard.terminal.clear()?;
                }
                if carry_out(effect, state, worker, outside, guard.terminal.backend_mut()) {
                    return Ok(0);
                }
            }
        }
        let now = clock();
        let minute = |t: DateTime| (t.date(), t.hour(), t.minute());
        if minute(now) != minute(state.now) {
            let effect = update(state, Action::Tick(now));
            dirty = true;
            if carry_out(effect, state, worker, outside, guard.terminal.backend_mut()) {
                return Ok(0);
            }
        }
    }
}

/// Carries out an effect; true means quit. `term` is the terminal's output, for OSC 52.
fn carry_out(
    effect: Effect,
    state: &mut State,
    worker: &Worker,
    outside: &mut Outside,
    term: &mut dyn Write,
) -> bool {
    match effect {
        Effect::Quit => return true,
        Effect::None => {}
        Effect::Search(req) => worker.send(Request::Search(req)),
        Effect::Swap { dir, search } => {
            worker.send(Request::Swap(dir));
            worker.send(Request::Search(search));
        }
        Effect::NextVisitor(search) => {
            worker.send(Request::Forget);
            worker.send(Request::Search(search));
        }
        Effect::Print(job) => {
            let config = outside.config.clone();
            let record = job.record.clone();
            if let Some(h) = outside.spawn("print", move || Action::PrintDone {
                outcome: output::print_job(&job, &config),
                record,
            }) {
                outside.printing.retain(|j| !j.is_finished());
                outside.printing.push(h);
            }
        }
        Effect::Copy { text, record } => {
            let result = clipboard::copy_everywhere(&mut outside.system_clipboard, term, &text);
            outside.send(Action::Copied { result, record });
        }
        // One short append: done here, so it is on disk before the next key is handled.
        Effect::Record(r) => {
            if let Err(e) = output::record(&r, state.lang()) {
                outside.send(Action::Recorded(Err(e)));
            }
        }
        Effect::LoadStats => {
            let lang = state.lang();
            outside.spawn("stats", move || {
                Action::StatsLoaded(output::load_stats(lang))
            });
        }
        Effect::Reload { old, today } => {
            if let Some(path) = outside.data.clone() {
                let lang = outside.lang;
                outside.spawn("reload", move || {
                    let (dir, changes) = output::reload(&old.0, &path, today, lang);
                    Action::Reloaded {
                        dir: DirHandle(Arc::new(dir)),
                        changes,
                    }
                });
            }
        }
        Effect::Batch(effects) => {
            for e in effects {
                if carry_out(e, state, worker, outside, term) {
                    return true;
                }
            }
        }
    }
    if let Some(m) = state.take_marks_request() {
        worker.send(Request::Marks(m));
    }
    false
}

/// Drives the real state, update and view synchronously on a [`TestBackend`]: searches run
/// to completion at once, so tests see exactly what a person would see once results arrive.
///
/// Effects that reach outside are not carried out: referrals go to an in-memory log
/// ([`Harness::records`]), print jobs wait in [`Harness::print_jobs`] until a test finishes
/// them with [`Harness::finish_print`], copied text is kept in [`Harness::copied`], and reload
/// requests are counted (tests deliver [`Action::Reloaded`] themselves).
pub struct Harness {
    pub state: State,
    engine: Engine,
    pub hits: view::Hits,
    clock_ms: u64,
    pub records: Vec<Record>,
    pub print_jobs: Vec<PrintJob>,
    pub copied: Vec<String>,
    pub reload_requests: usize,
}

impl Harness {
    pub fn new(dir: Directory, settings: Settings, now: DateTime, width: u16, height: u16) -> Self {
        let dir = Arc::new(dir);
        let mut h = Harness {
            state: State::new(dir.clone(), settings, now),
            engine: Engine::new(dir),
            hits: view::Hits::default(),
            clock_ms: 0,
            records: Vec::new(),
            print_jobs: Vec::new(),
            copied: Vec::new(),
            reload_requests: 0,
        };
        h.act(Action::Resize { width, height });
        let e = h.state.start();
        h.carry_out(e);
        h
    }

    fn search(&mut self, req: &worker::SearchRequest) {
        let generation = AtomicU64::new(req.generation);
        if let Some(reply) = worker::run_search(&mut self.engine, req, &generation) {
            update(&mut self.state, Action::Reply(Reply::Search(reply)));
        }
    }

    fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::None | Effect::Quit => {}
            Effect::Search(req) => self.search(&req),
            Effect::Swap { dir, search } => {
                self.engine = Engine::new(dir.0);
                self.search(&search);
            }
            Effect::NextVisitor(search) => {
                self.engine.clear_cache();
                self.search(&search);
            }
            Effect::Print(job) => self.print_jobs.push(job),
            Effect::Copy { text, record } => {
                self.copied.push(text);
                self.act(Action::Copied {
                    result: Ok(clipboard::Copied::Osc52 { system: None }),
                    record,
                });
            }
            Effect::Record(r) => self.records.push(r),
            Effect::LoadStats => {
                let contents = LogContents {
                    records: self.records.clone(),
                    damaged: Vec::new(),
                };
                self.act(Action::StatsLoaded(Ok(contents)));
            }
            Effect::Reload { .. } => self.reload_requests += 1,
            Effect::Batch(effects) => {
                for e in effects {
                    self.carry_out(e);
                }
            }
        }
        while let Some(m) = self.state.take_marks_request() {
            let marks = worker::compute_marks(&self.engine, &m.text, &m.rows);
            update(
                &mut self.state,
                Action::Reply(Reply::Marks(worker::MarksReply {
                    generation: m.generation,
                    marks,
                })),
            );
        }
    }

    /// The search engine the harness searches with, as the search thread would hold it.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Finishes the oldest print job as if the printer answered with `outcome`.
    pub fn finish_print(&mut self, outcome: PrintOutcome) -> Effect {
        assert!(!self.print_jobs.is_empty(), "no print job to finish");
        let job = self.print_jobs.remove(0);
        self.act(Action::PrintDone {
            outcome,
            record: job.record,
        })
    }

    /// Applies an action and carries out its effect; returns the effect.
    pub fn act(&mut self, action: Action) -> Effect {
        let e = update(&mut self.state, action);
        self.carry_out(e.clone());
        e
    }

    /// A key press as the terminal would report it.
    pub fn key(&mut self, key: KeyEvent) -> Effect {
        match self.state.key_action(&key) {
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
        match view::mouse_action(&self.hits, &ev, self.clock_ms) {
            Some(a) => self.act(a),
            None => Effect::None,
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.act(Action::Resize { width, height });
    }

    /// Draws the current state; returns the drawn buffer.
    pub fn render_buffer(&mut self) -> ratatui::buffer::Buffer {
        let (w, h) = self.state.size;
        let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
            Ok(t) => t,
            Err(e) => match e {},
        };
        let mut hits = view::Hits::default();
        let state = &self.state;
        match terminal.draw(|f| hits = view::draw(state, f)) {
            Ok(_) => {}
            Err(e) => match e {},
        }
        self.hits = hits;
        self.carry_out(Effect::None);
        terminal.backend().buffer().clone()
    }

    /// Draws the current state; returns the buffer as text, one quoted line per row.
    pub fn render(&mut self) -> String {
        let (w, h) = self.state.size;
        let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
            Ok(t) => t,
            Err(e) => match e {},
        };
        let mut hits = view::Hits::default();
        let state = &self.state;
        match terminal.draw(|f| hits = view::draw(state, f)) {
            Ok(_) => {}
            Err(e) => match e {},
        }
        self.hits = hits;
        // Drawing may reveal rows whose highlights are not known yet.
        self.carry_out(Effect::None);
        if w == 0 || h == 0 {
            // TestBackend cannot print an empty buffer.
            return String::new();
        }
        terminal.backend().to_string()
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

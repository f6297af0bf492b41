//! The interactive screen (`refdesk` with no subcommand), in the Elm architecture: terminal
//! events become [`Action`]s, a pure [`update`] changes the [`State`] and names any side effect,
//! and [`view::draw`] paints the state and returns the hit areas the mouse is tested against.
//!
//! Threads: this one draws and handles input; one reads terminal events; one searches
//! ([`worker`]). Nothing the visitor says (the query) is ever written anywhere.

pub mod keymap;
pub mod state;
pub mod strings;
pub mod terminal;
pub mod view;
pub mod worker;

pub use state::{Action, Effect, Settings, State, update};

use crate::app::App;
use crate::directory::Directory;
use crate::search::Engine;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use jiff::civil::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};
use worker::{Reply, Request, Worker};

/// The screen's settings from the desk's configuration and the environment.
pub fn settings(app: &App) -> Settings {
    Settings {
        lang: app.lang,
        office: app.config.office.name.clone(),
        home_locality: app.config.home_locality.clone(),
        // https://no-color.org: set and non-empty means no colour.
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

enum Msg {
    Term(Event),
    Reply(Reply),
    InputFailed(std::io::Error),
}

/// Runs the screen until the user quits. Returns the process exit code.
pub fn run(app: App) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(app.lang.pick(
            "екран потребує термінала; для скриптів є `refdesk search …` і `refdesk show …`",
            "the screen needs a terminal; scripts can use `refdesk search …` and `refdesk show …`",
        ));
    }
    let settings = settings(&app);
    // "now" may have been injected (--now / REFDESK_NOW); keep the same offset from the clock
    // so the screen's time still moves on, minute by minute.
    let wall = || jiff::ZonedDateTime::now().datetime();
    let offset = app.now.duration_since(wall());
    let clock = move || wall().checked_add(offset).unwrap_or_else(|_| wall());
    let config_note = app.config_error.as_ref().map(|e| e.to_string());
    let dir = Arc::new(app.dir);
    let mut state = State::new(dir.clone(), settings, app.now);
    state.status = config_note;

    let (tx, rx) = mpsc::channel::<Msg>();
    let reply_tx = tx.clone();
    let worker = Worker::spawn(dir, move |r| reply_tx.send(Msg::Reply(r)).is_ok())?;
    let mut guard = terminal::TerminalGuard::enter()?;
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
    let result = event_loop(&mut guard, &mut state, &worker, &rx, clock);
    stop.store(true, Ordering::SeqCst);
    drop(guard);
    let _ = input.join();
    result
}

fn read_input(tx: &mpsc::Sender<Msg>, stop: &AtomicBool) {
    // Polling with a timeout (instead of a blocking read) lets the thread notice the screen has
    // closed, so it never swallows a keystroke meant for the shell.
    while !stop.load(Ordering::SeqCst) {
        let msg = match event::poll(Duration::from_millis(50)) {
            Ok(false) => continue,
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

fn event_loop(
    guard: &mut terminal::TerminalGuard,
    state: &mut State,
    worker: &Worker,
    rx: &mpsc::Receiver<Msg>,
    clock: impl Fn() -> DateTime,
) -> anyhow::Result<u8> {
    let started = Instant::now();
    let mut hits = view::Hits::default();
    let mut effect = state.start();
    let mut dirty = true;
    loop {
        if carry_out(std::mem::replace(&mut effect, Effect::None), state, worker) {
            return Ok(0);
        }
        // Mouse motion and other ignored events change nothing: no frame for them.
        if dirty {
            guard.terminal.draw(|f| hits = view::draw(state, f))?;
            dirty = false;
        }
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
            if carry_out(std::mem::replace(&mut effect, Effect::None), state, worker) {
                return Ok(0);
            }
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
                Msg::Reply(r) => Some(Action::Reply(r)),
                Msg::InputFailed(e) => return Err(e.into()),
            };
            if let Some(a) = action {
                effect = update(state, a);
                dirty = true;
            }
        }
        let now = clock();
        let minute = |t: DateTime| (t.date(), t.hour(), t.minute());
        if minute(now) != minute(state.now) {
            if carry_out(std::mem::replace(&mut effect, Effect::None), state, worker) {
                return Ok(0);
            }
            effect = update(state, Action::Tick(now));
            dirty = true;
        }
    }
}

/// Carries out an effect; true means quit.
fn carry_out(effect: Effect, state: &mut State, worker: &Worker) -> bool {
    match effect {
        Effect::Quit => return true,
        Effect::Search(req) => worker.send(Request::Search(req)),
        // The referral work provides printing, copying and the QR code; `update` has already
        // told the user these are not available yet.
        Effect::Output { .. } | Effect::None => {}
    }
    if let Some(m) = state.take_marks_request() {
        worker.send(Request::Marks(m));
    }
    false
}

/// Drives the real state, update and view synchronously on a [`TestBackend`]: searches run
/// to completion at once, so tests see exactly what a person would see once results arrive.
pub struct Harness {
    pub state: State,
    engine: Engine,
    pub hits: view::Hits,
    clock_ms: u64,
}

impl Harness {
    pub fn new(dir: Directory, settings: Settings, now: DateTime, width: u16, height: u16) -> Self {
        let dir = Arc::new(dir);
        let mut h = Harness {
            state: State::new(dir.clone(), settings, now),
            engine: Engine::new(dir),
            hits: view::Hits::default(),
            clock_ms: 0,
        };
        h.act(Action::Resize { width, height });
        let e = h.state.start();
        h.carry_out(e);
        h
    }

    fn carry_out(&mut self, effect: Effect) {
        if let Effect::Search(req) = &effect {
            let generation = AtomicU64::new(req.generation);
            if let Some(reply) = worker::run_search(&mut self.engine, req, &generation) {
                update(&mut self.state, Action::Reply(Reply::Search(reply)));
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

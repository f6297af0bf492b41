//! The screen's loop: one inbox fed by the input, signal, watcher, search and background-job
//! threads; everything queued is handled, then one frame is drawn. [`Runtime`] is that loop's
//! state and is generic over the ratatui backend and the effect [`Ports`], so the test harness
//! drives the very same update → effects → draw cycle on a `TestBackend`.

use super::effects::{self, Ports};
use super::msg::{Action, DirHandle, Effect, MaintainJob, PrintJob, Reply, Request};
use super::output;
use super::state::{State, update};
use super::view::{self, Hits};
use super::worker::Worker;
use crate::config::Config;
use crate::i18n::Lang;
use crate::referral::clipboard;
use crate::referral::plan::Target;
use crate::stats::Record;
use crossterm::event::{Event, MouseEvent};
use jiff::civil::{Date, DateTime};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What reaches the loop.
pub enum Inbox {
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

/// The screen's state with its terminal and its ports: update, carry out, draw.
pub struct Runtime<B: Backend, P: Ports> {
    pub terminal: Terminal<B>,
    pub state: State,
    pub ports: P,
    /// Where the last frame drew things, for the mouse.
    pub hits: Hits,
}

impl<B: Backend, P: Ports> Runtime<B, P> {
    pub fn new(terminal: Terminal<B>, state: State, ports: P) -> Self {
        Runtime {
            terminal,
            state,
            ports,
            hits: Hits::default(),
        }
    }

    /// Applies an action and carries out its effect; true means quit.
    pub fn handle(&mut self, action: Action) -> Result<bool, B::Error> {
        let effect = update(&mut self.state, action);
        self.carry_out(effect)
    }

    /// Carries out an effect; true means quit.
    pub fn carry_out(&mut self, effect: Effect) -> Result<bool, B::Error> {
        // Ctrl-L's old meaning too: the next frame repaints every cell, whatever the terminal
        // holds.
        if matches!(effect, Effect::NextVisitor(_)) {
            self.terminal.clear()?;
        }
        Ok(effects::carry_out(effect, &mut self.state, &mut self.ports))
    }

    /// Draws a frame and hands what it measured back to the state.
    pub fn draw(&mut self) -> Result<(), B::Error> {
        let mut drawn = view::Drawn::default();
        let state = &self.state;
        self.terminal.draw(|f| drawn = view::draw(state, f))?;
        self.state.measured(drawn.viewport);
        self.hits = drawn.hits;
        Ok(())
    }

    /// The action a mouse event asks for, against the last frame.
    pub fn mouse_action(&self, ev: &MouseEvent, at_ms: u64) -> Option<Action> {
        view::mouse_action(&self.hits, ev, at_ms)
    }
}

/// The running screen's ports: the search thread, background threads for slow jobs, the
/// system's clipboard and the statistics log.
pub struct ThreadPorts {
    pub worker: Worker,
    pub config: Arc<Config>,
    /// The data path, reloaded when it changes; `None` for the built-in directory.
    pub data: Option<PathBuf>,
    /// The settings file, where the maintainer's name and the first start's answers go.
    pub config_path: Option<PathBuf>,
    pub lang: Lang,
    pub tx: Sender<Inbox>,
    /// Print jobs, waited for at exit so a slip is never cut off half-way.
    pub printing: Vec<JoinHandle<()>>,
    /// The display's clipboard, held for as long as the screen is open: on X11 the copied text
    /// lives in this process and is gone when the connection is dropped (see
    /// [`clipboard::SystemClipboard`]).
    pub system_clipboard: clipboard::SystemClipboard,
}

impl ThreadPorts {
    fn send(&self, a: Action) {
        // The receiver lives as long as the screen; after that nobody is left to tell.
        let _ = self.tx.send(Inbox::Action(a));
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
                    Ok(a) => Inbox::Action(a),
                    Err(_) => Inbox::Failed(name),
                };
                let _ = tx.send(msg);
            })
            .ok()
    }
}

impl Ports for ThreadPorts {
    fn search(&mut self, req: Request) {
        self.worker.send(req);
    }

    fn print(&mut self, job: PrintJob) {
        let config = self.config.clone();
        let given = job.given.clone();
        if let Some(h) = self.spawn("print", move || Action::PrintDone {
            outcome: output::print_job(&job, &config),
            given,
        }) {
            self.printing.retain(|j| !j.is_finished());
            self.printing.push(h);
        }
    }

    fn copy(&mut self, text: String, given: Vec<Target>) {
        // OSC 52 goes to the terminal the screen is drawn on.
        let result =
            clipboard::copy_everywhere(&mut self.system_clipboard, &mut std::io::stdout(), &text);
        self.send(Action::Copied { result, given });
    }

    // One short append: done here, so it is on disk before the next key is handled.
    fn record(&mut self, record: Record) {
        if let Err(error) = output::record(&record, &self.config) {
            self.send(Action::Recorded { record, error });
        }
    }

    // As short, and done here for the same reason: an undo follows the append it undoes.
    fn take_back(&mut self, record: Record) {
        let result = output::take_back(&record, &self.config);
        self.send(Action::TakenBack { record, result });
    }

    fn load_stats(&mut self) {
        let config = self.config.clone();
        self.spawn("stats", move || {
            Action::StatsLoaded(output::load_stats(&config))
        });
    }

    fn reload(&mut self, old: DirHandle, today: Date) {
        if let Some(path) = self.data.clone() {
            let lang = self.lang;
            self.spawn("reload", move || {
                let (dir, changes) = output::reload(&old.0, &path, today, lang);
                Action::Reloaded {
                    dir: DirHandle(Arc::new(dir)),
                    changes,
                }
            });
        }
    }

    fn maintain(&mut self, job: MaintainJob, lang: Lang) {
        // The first start's answers print the next slip, whether or not the file is written.
        if let MaintainJob::SaveSetup(answers) = &job {
            let mut config = (*self.config).clone();
            answers.apply(&mut config);
            self.config = Arc::new(config);
        }
        let (data, config) = (self.data.clone(), self.config_path.clone());
        self.spawn("maintain", move || {
            Action::Maintained(super::maintain_io::run(
                job,
                data.as_deref(),
                config.as_deref(),
                lang,
            ))
        });
    }
}

/// Debug builds only: panics when the query equals `REFDESK_TEST_PANIC_ON`, so that the
/// end-to-end test can prove the terminal is restored after a crash mid-session. Release builds
/// carry no such trigger.
fn crash_for_test(state: &State) {
    #[cfg(debug_assertions)]
    if std::env::var("REFDESK_TEST_PANIC_ON")
        .is_ok_and(|q| !q.is_empty() && q == state.query.text())
    {
        panic!("test panic requested by REFDESK_TEST_PANIC_ON");
    }
    #[cfg(not(debug_assertions))]
    let _ = state;
}

/// What one inbox message means: an action, nothing, or the end with an exit code.
enum Step {
    Act(Action),
    Skip,
    End(u8),
}

fn step<B: Backend, P: Ports>(rt: &Runtime<B, P>, msg: Inbox, ms: u64) -> anyhow::Result<Step> {
    Ok(match msg {
        Inbox::Term(Event::Key(k)) => rt.state.key_action(&k).map_or(Step::Skip, Step::Act),
        Inbox::Term(Event::Mouse(m)) => rt.mouse_action(&m, ms).map_or(Step::Skip, Step::Act),
        Inbox::Term(Event::Resize(width, height)) => Step::Act(Action::Resize { width, height }),
        Inbox::Term(Event::Paste(s)) => Step::Act(Action::Paste(s)),
        Inbox::Term(_) => Step::Skip,
        // The panic message is already printed; the terminal is restored on return.
        Inbox::Reply(Reply::Failed) => anyhow::bail!("the search thread stopped"),
        Inbox::Failed(what) => anyhow::bail!("the {what} thread stopped"),
        Inbox::Reply(r) => Step::Act(Action::Reply(r)),
        Inbox::Action(a) => Step::Act(a),
        Inbox::InputFailed(e) => return Err(e.into()),
        Inbox::InputEnded => Step::End(0),
        Inbox::Signal(sig) => Step::End(128u8.saturating_add(sig.clamp(0, 127) as u8)),
    })
}

/// Runs until the user quits, the terminal goes away or a signal comes; returns the exit code.
/// `clock` is the desk's "now", read for the minute marks.
pub fn event_loop<B, P>(
    rt: &mut Runtime<B, P>,
    rx: &mpsc::Receiver<Inbox>,
    clock: impl Fn() -> DateTime,
) -> anyhow::Result<u8>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    P: Ports,
{
    let started = Instant::now();
    let first = rt.state.start();
    if rt.carry_out(first)? {
        return Ok(0);
    }
    let mut dirty = true;
    loop {
        // Mouse motion and other ignored events change nothing: no frame for them.
        if dirty {
            rt.draw()?;
            dirty = false;
        }
        crash_for_test(&rt.state);
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
            match step(rt, msg, started.elapsed().as_millis() as u64)? {
                Step::Skip => {}
                Step::End(code) => return Ok(code),
                Step::Act(a) => {
                    dirty = true;
                    if rt.handle(a)? {
                        return Ok(0);
                    }
                }
            }
        }
        let now = clock();
        let minute = |t: DateTime| (t.date(), t.hour(), t.minute());
        if minute(now) != minute(rt.state.now) {
            dirty = true;
            if rt.handle(Action::Tick(now))? {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{LoadOptions, load_demo};
    use crate::tui::state::Settings;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;

    /// The real loop with the real ports (the search thread, background jobs) runs on a test
    /// backend: typed keys reach the query, a signal ends the loop with 128 + its number, and
    /// the first frame was drawn.
    #[test]
    fn the_event_loop_runs_on_any_backend() {
        let now = jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0);
        let dir = Arc::new(load_demo(&LoadOptions {
            today: now.date(),
            lang: Lang::Uk,
        }));
        let (tx, rx) = mpsc::channel::<Inbox>();
        let reply_tx = tx.clone();
        let worker = Worker::spawn(dir.clone(), None, move |r| {
            reply_tx.send(Inbox::Reply(r)).is_ok()
        })
        .expect("search thread");
        let ports = ThreadPorts {
            worker,
            config: Arc::new(Config::default()),
            data: None,
            config_path: None,
            lang: Lang::Uk,
            tx: tx.clone(),
            printing: Vec::new(),
            system_clipboard: clipboard::SystemClipboard::new(),
        };
        let settings = Settings {
            lang: Lang::Uk,
            ..Settings::default()
        };
        let mut state = State::new(dir, settings, now);
        update(
            &mut state,
            Action::Resize {
                width: 80,
                height: 24,
            },
        );
        let terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        let mut rt = Runtime::new(terminal, state, ports);
        for c in "пенсія".chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            tx.send(Inbox::Term(Event::Key(key))).expect("inbox");
        }
        tx.send(Inbox::Signal(15)).expect("inbox");
        let code = event_loop(&mut rt, &rx, || now).expect("the loop ends cleanly");
        assert_eq!(code, 143);
        assert_eq!(rt.state.query.text(), "пенсія");
        let screen = rt.terminal.backend().to_string();
        assert!(
            screen.contains("Пошук"),
            "the first frame was drawn:\n{screen}"
        );
    }
}

//! The interactive screen (`refdesk` with no subcommand), in the Elm architecture: terminal
//! events become [`Action`]s, a pure [`update`] changes the [`State`] and names any side effect,
//! [`effects::carry_out`] does it, and [`view::draw`] paints the state and hands back where
//! things went (for the mouse) and what it measured (for scrolling).
//!
//! Layers, top down: `runtime`, `effects`, `testing` → `state`, `view` → `msg`, `layout`,
//! `keymap`, `strings`. `state` never imports `view`.
//!
//! Threads: this one draws and handles input; one reads terminal events; one searches
//! ([`worker`]). Nothing the visitor says (the query) is ever written anywhere.

pub mod effects;
pub mod keymap;
pub mod layout;
pub mod line_input;
pub mod maintain_io;
pub mod msg;
pub mod output;
pub mod runtime;
pub mod state;
pub mod strings;
pub mod terminal;
// The harness is for tests and benches (this crate's own turn it on through a self
// dev-dependency in Cargo.toml), so the program carries no TestBackend and no in-memory ports.
#[cfg(feature = "testing")]
pub mod testing;
pub mod view;
pub mod worker;

pub use msg::{Action, Effect};
pub use state::{Settings, State, update};
#[cfg(feature = "testing")]
pub use testing::Harness;

use crate::app::{App, Setup};
use crate::i18n::Lang;
use crate::referral::clipboard;
use crossterm::event;
use runtime::{Inbox, Runtime, ThreadPorts};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use worker::Worker;

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

/// Turns termination signals into [`Inbox::Signal`] on the event channel; the returned handle
/// stops the forwarding once the screen is closed.
#[cfg(unix)]
fn forward_signals(tx: &Sender<Inbox>) -> std::io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let handle = signals.handle();
    let tx = tx.clone();
    std::thread::Builder::new()
        .name("refdesk-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if tx.send(Inbox::Signal(sig)).is_err() {
                    return;
                }
            }
        })?;
    Ok(handle)
}

/// Windows: Ctrl-C, closing the console window and logging off become [`Inbox::Signal`], the
/// same quit path as the Unix signals; the guard holds back the end of the process until it is
/// dropped (the console restored).
#[cfg(windows)]
fn forward_console_events(tx: &Sender<Inbox>) -> std::io::Result<crate::console::CtrlGuard> {
    let tx = tx.clone();
    crate::console::forward_ctrl_events(move |sig| {
        let _ = tx.send(Inbox::Signal(sig));
    })
}

/// Watches the data folder, forwarding its events on the screen's channel. A folder that cannot
/// be watched is said on the status line; the screen still works, without live reload.
fn watch_data(
    path: &std::path::Path,
    tx: &Sender<Inbox>,
    state: &mut State,
    lang: Lang,
) -> std::io::Result<Option<crate::directory::watch::DirWatcher>> {
    match crate::directory::watch::watch_channel(path) {
        Ok((w, events)) => {
            let tx = tx.clone();
            std::thread::Builder::new()
                .name("refdesk-watch-forward".into())
                .spawn(move || {
                    for ev in events {
                        if tx.send(Inbox::Action(Action::Watch(ev))).is_err() {
                            return;
                        }
                    }
                })?;
            Ok(Some(w))
        }
        Err(e) => {
            let note = format!(
                "{}: {}",
                strings::Msg::WatchFailed.text(lang),
                crate::i18n::describe(&e, lang)
            );
            state.status = Some(match state.status.take() {
                Some(s) => format!("{s} · {note}"),
                None => note,
            });
            Ok(None)
        }
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
    let (tx, rx) = mpsc::channel::<Inbox>();
    #[cfg(unix)]
    let signals = forward_signals(&tx)?;
    #[cfg(windows)]
    let console = forward_console_events(&tx)?;
    let (guard, mut term) = terminal::TerminalGuard::enter()?;
    // A big directory takes seconds to read: say so rather than show a blank screen.
    let lang = setup.lang;
    let config_path = setup.config_path.clone();
    term.draw(|f| view::draw_loading(lang, f))?;
    let app = App::load(setup);
    let settings = settings(&app);
    // "now" may have been injected (REFDESK_NOW); keep the same offset from the clock
    // so the screen's time still moves on, minute by minute.
    let wall = || jiff::ZonedDateTime::now().datetime();
    let offset = app.now.duration_since(wall());
    let clock = move || wall().checked_add(offset).unwrap_or_else(|_| wall());
    let config_note = app.config_error.as_ref().map(|e| e.render(app.lang));
    let first_start = crate::setup::needs_setup(&app.config, data.as_deref());
    let lang = app.lang;
    let config = Arc::new(app.config);
    let dir = Arc::new(app.dir);
    let mut state = State::new(dir.clone(), settings, app.now);
    state.status = config_note;

    let reply_tx = tx.clone();
    let worker = Worker::spawn(dir, app.cache, move |r| {
        reply_tx.send(Inbox::Reply(r)).is_ok()
    })?;
    // Live reload: the watcher's events come in on the same channel as keys.
    let _watcher = match &data {
        Some(path) => watch_data(path, &tx, &mut state, lang)?,
        None => None,
    };
    let ports = ThreadPorts {
        worker,
        config,
        data,
        config_path,
        lang,
        tx: tx.clone(),
        printing: Vec::new(),
        system_clipboard: clipboard::SystemClipboard::new(),
    };
    let size = term.size()?;
    update(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut rt = Runtime::new(term, state, ports);
    // The open correction reports, for the card's warning and F8.
    if rt.ports.data.is_some() {
        rt.carry_out(Effect::Maintain(msg::MaintainJob::LoadCorrections))?;
    }
    // Real data and no office in the settings: ask for it, in the screen, before anything.
    if first_start {
        let ask = rt.state.open_setup();
        rt.carry_out(ask)?;
    }

    let stop = Arc::new(AtomicBool::new(false));
    let input = {
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("refdesk-input".into())
            .spawn(move || read_input(&tx, &stop))?
    };
    let result = runtime::event_loop(&mut rt, &rx, clock);
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
    wait_for_printing(&mut rt.ports.printing, lang);
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

fn read_input(tx: &mpsc::Sender<Inbox>, stop: &AtomicBool) {
    // Polling with a timeout (instead of a blocking read) lets the thread notice the screen has
    // closed, so it never swallows a keystroke meant for the shell.
    while !stop.load(Ordering::SeqCst) {
        if terminal_gone(Duration::from_millis(50)) {
            let _ = tx.send(Inbox::InputEnded);
            return;
        }
        // Everything the terminal library holds (keys it already read, a resize) is taken now,
        // not one event per wait.
        loop {
            let msg = match event::poll(Duration::ZERO) {
                Ok(false) => break,
                Ok(true) => match event::read() {
                    Ok(ev) => Inbox::Term(ev),
                    Err(e) => Inbox::InputFailed(e),
                },
                Err(e) => Inbox::InputFailed(e),
            };
            let failed = matches!(msg, Inbox::InputFailed(_));
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

#[cfg(test)]
mod tests {
    /// The screen's layers point one way: the state, the messages, the layout and the line
    /// input never import the view (sizes come from `layout`, content extents come back from
    /// drawing as a `Viewport`), and the search thread imports no state.
    #[test]
    fn update_never_imports_the_view() {
        let below_the_view = [
            ("state/mod.rs", include_str!("state/mod.rs")),
            ("state/card.rs", include_str!("state/card.rs")),
            ("state/maintain.rs", include_str!("state/maintain.rs")),
            ("state/edit.rs", include_str!("state/edit.rs")),
            ("state/form/mod.rs", include_str!("state/form/mod.rs")),
            ("state/form/fields.rs", include_str!("state/form/fields.rs")),
            ("state/form/key.rs", include_str!("state/form/key.rs")),
            ("state/form/values.rs", include_str!("state/form/values.rs")),
            ("state/form/read.rs", include_str!("state/form/read.rs")),
            ("state/form/write.rs", include_str!("state/form/write.rs")),
            ("state/form/merge.rs", include_str!("state/form/merge.rs")),
            (
                "state/form/choices.rs",
                include_str!("state/form/choices.rs"),
            ),
            ("state/form/place.rs", include_str!("state/form/place.rs")),
            ("state/overlays.rs", include_str!("state/overlays.rs")),
            ("state/referral.rs", include_str!("state/referral.rs")),
            ("state/reload.rs", include_str!("state/reload.rs")),
            ("state/results.rs", include_str!("state/results.rs")),
            ("state/setup.rs", include_str!("state/setup.rs")),
            ("msg.rs", include_str!("msg.rs")),
            ("layout.rs", include_str!("layout.rs")),
            ("line_input.rs", include_str!("line_input.rs")),
            ("worker.rs", include_str!("worker.rs")),
        ];
        for (file, text) in below_the_view {
            for forbidden in ["tui::view", "super::view", "view::"] {
                assert!(!text.contains(forbidden), "{file} names «{forbidden}»");
            }
        }
        for (file, text) in [
            ("worker.rs", include_str!("worker.rs")),
            ("msg.rs", include_str!("msg.rs")),
        ] {
            for forbidden in ["tui::state", "super::state"] {
                assert!(!text.contains(forbidden), "{file} names «{forbidden}»");
            }
        }
    }
}

//! Windows: the console's own way to say "stop" — Ctrl-C, Ctrl-Break, closing the console
//! window, logging off, shutting down — becomes the screen's ordinary quit (the same path as
//! SIGTERM/SIGHUP on Unix), so the console is restored and nothing is lost.
//!
//! Windows runs the handler on a thread of its own and ends the process as soon as the handler
//! returns from a close, logoff or shutdown event (and in any case after about five seconds),
//! so the handler waits until the screen says the console has been restored.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;
use windows_sys::Win32::System::Console::{
    CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
    SetConsoleCtrlHandler,
};

/// How long the handler holds back the end of the process: under the five seconds Windows
/// gives a console program after a close, logoff or shutdown.
const WAIT_FOR_RESTORE: Duration = Duration::from_millis(4500);

type Notify = Box<dyn Fn(i32) + Send>;

struct Shared {
    notify: Mutex<Option<Notify>>,
    restored: Mutex<bool>,
    cv: Condvar,
}

fn shared() -> &'static Shared {
    static S: OnceLock<Shared> = OnceLock::new();
    S.get_or_init(|| Shared {
        notify: Mutex::new(None),
        restored: Mutex::new(false),
        cv: Condvar::new(),
    })
}

/// The Unix signal number an event stands for, so the exit code says the same on both
/// (130 for Ctrl-C, 129 for a closed window or a logoff, 143 for a shutdown).
fn signal_of(event: u32) -> Option<i32> {
    match event {
        CTRL_C_EVENT | CTRL_BREAK_EVENT => Some(2),
        CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT => Some(1),
        CTRL_SHUTDOWN_EVENT => Some(15),
        _ => None,
    }
}

unsafe extern "system" fn handler(event: u32) -> windows_sys::core::BOOL {
    let Some(sig) = signal_of(event) else {
        return 0;
    };
    let s = shared();
    if let Ok(n) = s.notify.lock()
        && let Some(f) = n.as_ref()
    {
        f(sig);
    } else {
        return 0;
    }
    if matches!(event, CTRL_C_EVENT | CTRL_BREAK_EVENT) {
        // The process goes on; the screen quits through its own path.
        return 1;
    }
    if let Ok(done) = s.restored.lock() {
        let _ = s.cv.wait_timeout_while(done, WAIT_FOR_RESTORE, |d| !*d);
    }
    1
}

/// Forwards console events to `notify` (with the matching Unix signal number) until the guard
/// is dropped; dropping it says the console has been restored.
pub struct CtrlGuard(());

pub fn forward_ctrl_events(notify: impl Fn(i32) + Send + 'static) -> std::io::Result<CtrlGuard> {
    let s = shared();
    *s.notify
        .lock()
        .map_err(|_| std::io::Error::other("poisoned"))? = Some(Box::new(notify));
    if let Ok(mut d) = s.restored.lock() {
        *d = false;
    }
    // SAFETY: a handler with the signature Windows expects, valid for the whole process.
    if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(CtrlGuard(()))
}

impl Drop for CtrlGuard {
    fn drop(&mut self) {
        let s = shared();
        if let Ok(mut d) = s.restored.lock() {
            *d = true;
        }
        s.cv.notify_all();
        if let Ok(mut n) = s.notify.lock() {
            *n = None;
        }
        // SAFETY: removes the handler added above.
        unsafe { SetConsoleCtrlHandler(Some(handler), 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_event_maps_to_the_unix_signal_the_exit_code_reports() {
        assert_eq!(signal_of(CTRL_C_EVENT), Some(2));
        assert_eq!(signal_of(CTRL_BREAK_EVENT), Some(2));
        assert_eq!(signal_of(CTRL_CLOSE_EVENT), Some(1));
        assert_eq!(signal_of(CTRL_LOGOFF_EVENT), Some(1));
        assert_eq!(signal_of(CTRL_SHUTDOWN_EVENT), Some(15));
        assert_eq!(signal_of(99), None);
    }

    #[test]
    fn a_close_event_is_forwarded_and_waits_for_the_restore() {
        let (tx, rx) = std::sync::mpsc::channel();
        let guard = forward_ctrl_events(move |sig| {
            let _ = tx.send(sig);
        })
        .expect("handler set");
        let start = std::time::Instant::now();
        let t = std::thread::spawn(|| {
            // SAFETY: calling our own handler as Windows would.
            unsafe { handler(CTRL_CLOSE_EVENT) }
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(2)), Ok(1));
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            !t.is_finished(),
            "the handler holds the process until the restore"
        );
        drop(guard);
        assert_eq!(t.join().expect("handler"), 1);
        assert!(start.elapsed() < WAIT_FOR_RESTORE);
    }
}

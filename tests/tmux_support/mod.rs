//! The real binary in a real terminal: one tmux server per test, on its own socket, with
//! waits that poll the pane against a deadline (nothing relies on a fixed sleep). Without tmux
//! a test is skipped with a message, except in CI (`CI` set), where tmux is required.
//!
//! The program starts with a fixed "now", Ukrainian, no cache and the settings in
//! `tests/fixtures/tui/office.toml` (an office is named, so real data opens no first-start
//! window); a test's own variables replace these, and an empty value unsets one.
#![allow(dead_code)] // each test file uses its part
#![cfg(unix)] // tmux is a Unix terminal multiplexer

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(20);

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Returns false (and says why) when the test cannot run here.
pub fn require_tmux() -> bool {
    if tmux_available() {
        return true;
    }
    assert!(!in_ci(), "tmux is required for the end-to-end test in CI");
    eprintln!("skipping: tmux is not installed (set CI=true to make this a failure)");
    false
}

/// One tmux server on its own socket, killed when dropped, so parallel tests never meet.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(name: &str, args: &[&str]) -> Tmux {
        Tmux::start_with(name, args, &[])
    }

    /// Starts the program with environment variables of its own: each replaces the default
    /// of the same name, and an empty one unsets it.
    pub fn start_with(name: &str, args: &[&str], env: &[(&str, &Path)]) -> Tmux {
        let socket = format!("refdesk-e2e-{}-{name}", std::process::id());
        let t = Tmux { socket };
        let bin = env!("CARGO_BIN_EXE_refdesk");
        let office = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/office.toml");
        let defaults = [
            ("REFDESK_NOW", Path::new("2026-11-25T10:30")),
            ("REFDESK_CONFIG", office.as_path()),
            ("REFDESK_LANG", Path::new("uk")),
            ("REFDESK_NO_CACHE", Path::new("1")),
        ];
        let given = |k: &str| env.iter().any(|(g, _)| *g == k);
        let all: Vec<(&str, &Path)> = defaults
            .into_iter()
            .filter(|(k, _)| !given(k))
            .chain(env.iter().copied())
            .collect();
        // A shell around the program reports its exit status and whether the terminal is back
        // in cooked mode, then stays, so the pane can be inspected after the program is gone.
        let quoted: Vec<String> = std::iter::once(bin)
            .chain(args.iter().copied())
            .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
            .collect();
        let unset: Vec<&str> = std::iter::once("REFDESK_DATA")
            .chain(
                all.iter()
                    .filter(|(_, v)| v.as_os_str().is_empty())
                    .map(|(k, _)| *k),
            )
            .collect();
        let script = format!(
            "unset {}; {}; echo \"EXIT:$?\"; if stty -a | grep -q -- '-icanon'; then echo RAW-MODE-LEFT-ON; else echo COOKED-MODE; fi; exec sleep 600",
            unset.join(" "),
            quoted.join(" ")
        );
        let env: Vec<String> = all
            .iter()
            .filter(|(_, v)| !v.as_os_str().is_empty())
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect();
        let mut cmd = vec!["new-session", "-d", "-x", "100", "-y", "30", "-s", "main"];
        for e in &env {
            cmd.push("-e");
            cmd.push(e);
        }
        cmd.extend(["sh", "-c", &script]);
        let out = t.run(&cmd);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    pub fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "main"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success());
    }

    pub fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "main", "-l", text])
                .status
                .success()
        );
    }

    pub fn format(&self, f: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "main", f]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Polls the pane until `ok` holds; fails with the last screen at the deadline.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; the screen was:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The first result row: the first line with an open-state mark after the search line.
pub fn first_result(screen: &str) -> Option<&str> {
    screen.lines().find(|l| {
        ['●', '◐', '○', '✕']
            .iter()
            .any(|m| l.contains(&format!(" {m} ")))
    })
}

/// Polls until `ok` gives a value; fails with `what` at the deadline.
pub fn poll<T>(what: &str, mut ok: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = ok() {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

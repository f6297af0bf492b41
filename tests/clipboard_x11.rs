//! The system clipboard for real, on an X server of its own (Xvfb on a free display number):
//! text is copied with [`SystemClipboard`] and read back with `xclip`, as another program on
//! the desktop would paste it.
//!
//! `arboard` takes the display from the environment only, and changing this process's
//! environment while other threads run is unsound, so the copying happens in a child: this
//! test binary run again with just the ignored `holder` test, `DISPLAY` pointing at the
//! server. The child keeps its clipboard alive while the parent pastes, as the screen does.
//!
//! Without Xvfb or xclip the X11 test is skipped with a message, except under CI (`CI=true`),
//! where it fails: .ci/run installs both.

// Linux only: the X11 clipboard (Xvfb, xclip) exists only on Unix desktops.
#![cfg(unix)]

use refdesk::referral::clipboard::{self, Copied, SystemClipboard};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// Tells the child what to do: `hold` (copy each text, wait for a line before the next) or
/// `unreachable` (copy with a display that is not there).
const MODE: &str = "REFDESK_TEST_CLIPBOARD_MODE";
/// The texts for `hold`, separated by [`SEP`].
const TEXTS: &str = "REFDESK_TEST_CLIPBOARD_TEXTS";
const SEP: char = '\u{1e}';

const FIRST: &str = "Направлення: Центр «Надія», вул. Київська, 24, Житомир\n\
                     тел. (0412) 42-05-10 — ґ є ї ʼ №";
const SECOND: &str = "Бердичів, УПСЗН: з понеділка по четвер з 9:00 до 18:00";

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A display number with neither a socket nor a lock file, starting at `from`.
fn free_display(from: u32) -> u32 {
    (from..from + 500)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .expect("a free X display number")
}

/// An Xvfb server, killed when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        let mut from = 90 + std::process::id() % 400;
        for _ in 0..5 {
            let n = free_display(from);
            let mut child = Command::new("Xvfb")
                .arg(format!(":{n}"))
                .args(["-nolisten", "tcp", "-screen", "0", "640x480x24"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb");
            let socket = format!("/tmp/.X11-unix/X{n}");
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if Path::new(&socket).exists() {
                    return Xvfb {
                        child,
                        display: format!(":{n}"),
                    };
                }
                // Another server took the number first: try the next one.
                if child.try_wait().expect("Xvfb status").is_some() {
                    break;
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("Xvfb :{n} did not open {socket} within 20 s");
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            from = n + 1;
        }
        panic!("could not start Xvfb on a free display");
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its socket and lock file; SIGKILL only if it will not go.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Whatever it left behind is ours: the server on this number was this one.
        let n = &self.display[1..];
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
        let _ = std::fs::remove_file(format!("/tmp/.X{n}-lock"));
    }
}

/// This test binary again, running only `holder`, with `DISPLAY` set to `display`.
fn child(display: &str, mode: &str, texts: &[&str]) -> Child {
    let me = std::env::current_exe().expect("own path");
    Command::new(me)
        .args(["--exact", "holder", "--ignored", "--nocapture", "--quiet"])
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env(MODE, mode)
        .env(TEXTS, texts.join(&SEP.to_string()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the holder")
}

/// Reads the child's output up to a line starting with `want`; panics with its stderr if it
/// ended first.
fn expect_line(out: &mut impl BufRead, child: &mut Child, want: &str) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).expect("child output") == 0 {
            let status = child.wait().expect("child status");
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            panic!("the holder ended ({status}) before {want:?}:\n{err}");
        }
        if line.starts_with(want) {
            return line.trim_end().to_string();
        }
    }
}

fn paste(display: &str) -> String {
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run xclip");
    assert!(
        out.status.success(),
        "xclip -o failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 from the clipboard")
}

#[test]
fn copied_text_can_be_pasted_from_the_x11_clipboard_while_the_screen_holds_it() {
    let missing: Vec<_> = ["Xvfb", "xclip"]
        .into_iter()
        .filter(|p| !on_path(p))
        .collect();
    if !missing.is_empty() {
        assert!(
            !under_ci(),
            "CI needs {missing:?} for the X11 clipboard test (.ci/run installs them)"
        );
        eprintln!("skipped: {missing:?} not installed (apt-get install xvfb xclip)");
        return;
    }
    let x = Xvfb::start();
    let mut holder = child(&x.display, "hold", &[FIRST, SECOND]);
    let mut stdin: ChildStdin = holder.stdin.take().expect("stdin");
    let mut out = BufReader::new(holder.stdout.take().expect("stdout"));

    expect_line(&mut out, &mut holder, "COPIED 0");
    // The copy call has returned; the text is still there because the clipboard is held.
    assert_eq!(paste(&x.display), FIRST);
    assert_eq!(paste(&x.display), FIRST, "a second paste gets it too");

    // The same held clipboard takes the next copy.
    writeln!(stdin, "next").expect("tell the holder");
    expect_line(&mut out, &mut holder, "COPIED 1");
    assert_eq!(paste(&x.display), SECOND);

    drop(stdin);
    let status = holder.wait().expect("holder status");
    assert!(status.success(), "the holder failed: {status}");
}

#[test]
fn an_unreachable_display_still_copies_by_osc52_with_a_note() {
    // A display number nobody serves: the connection is refused at once.
    let display = format!(":{}", free_display(600 + std::process::id() % 300));
    let mut c = child(&display, "unreachable", &[FIRST]);
    let mut out = BufReader::new(c.stdout.take().expect("stdout"));
    expect_line(&mut out, &mut c, "OSC52 ONLY");
    let status = c.wait().expect("child status");
    assert!(status.success(), "the child failed: {status}");
}

/// Not a test of its own: the child process the tests above run (see the module comment).
/// Run without them it has nothing to do.
#[test]
#[ignore = "run as a child process by the clipboard tests in this file"]
fn holder() {
    let Ok(mode) = std::env::var(MODE) else {
        eprintln!("holder: run by the other tests in tests/clipboard_x11.rs");
        return;
    };
    let texts = std::env::var(TEXTS).expect("texts");
    let texts: Vec<&str> = texts.split(SEP).collect();
    let mut stdout = std::io::stdout();
    match mode.as_str() {
        "hold" => {
            let mut system = SystemClipboard::new();
            let mut stdin = std::io::stdin().lock();
            for (i, text) in texts.iter().enumerate() {
                // What F5 does: the display's clipboard and OSC 52 to the terminal.
                let mut term = Vec::new();
                let got = clipboard::copy_everywhere(&mut system, &mut term, text);
                assert_eq!(got, Ok(Copied::Both), "copy {i}");
                let osc = clipboard::copy_osc52(text).expect("short text");
                assert_eq!(term, osc.as_bytes(), "OSC 52 for copy {i}");
                writeln!(stdout, "COPIED {i}").expect("stdout");
                stdout.flush().expect("stdout");
                // Hold the clipboard until the parent has pasted.
                let mut line = String::new();
                stdin.read_line(&mut line).expect("stdin");
            }
        }
        "unreachable" => {
            let mut system = SystemClipboard::new();
            let mut term = Vec::new();
            let got = clipboard::copy_everywhere(&mut system, &mut term, texts[0]);
            assert!(
                matches!(got, Ok(Copied::Osc52 { system: Some(_) })),
                "{got:?}"
            );
            let osc = clipboard::copy_osc52(texts[0]).expect("short text");
            assert_eq!(term, osc.as_bytes(), "OSC 52 went out all the same");
            writeln!(stdout, "OSC52 ONLY").expect("stdout");
        }
        other => panic!("unknown mode {other}"),
    }
}

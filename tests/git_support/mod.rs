//! git for the tests of the audit line: run in a folder as a fixed author, never asking.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `git -C dir ARGS` as «Петренко О.»; whether it ran and succeeded.
pub fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Петренко О.")
        .env("GIT_AUTHOR_EMAIL", "p@example.org")
        .env("GIT_COMMITTER_NAME", "Петренко О.")
        .env("GIT_COMMITTER_EMAIL", "p@example.org")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Makes `dir` a git working copy; `false` (the test skips, saying so) when there is no git.
/// Under CI git is required — except on Windows, where it is Git for Windows' git.exe on PATH,
/// which the Wine test run has not.
pub fn init_or_skip(dir: &Path) -> bool {
    if git(dir, &["init", "-q"]) {
        return true;
    }
    assert!(
        cfg!(windows) || std::env::var("CI").map_or(true, |v| v != "true"),
        "git is needed for this test under CI"
    );
    eprintln!("SKIPPED: git is not installed");
    false
}

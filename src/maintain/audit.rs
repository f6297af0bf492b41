//! The data folder's audit trail: when the folder is a git working copy (a regional
//! maintainer keeps the directory in git and the desks pull it), its last commit — date,
//! author, message — and whether there are edits not yet committed.
//!
//! Read with the `git` command when it is installed, with a time limit so a slow network
//! share never holds up `validate` or the screen; no git, no repository or a timeout is
//! simply `None`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The last commit and the state of the working copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// `2026-11-25 14:03` (the committer's local time).
    pub date: String,
    pub author: String,
    /// The commit message's first line.
    pub message: String,
    /// Files under the data folder changed or added since the last commit.
    pub uncommitted: usize,
}

/// How long one git command may take.
const LIMIT: Duration = Duration::from_secs(3);

/// Runs git in `folder`; its standard output when it succeeds within [`LIMIT`].
fn git(folder: &Path, args: &[&str]) -> Option<String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        // Never ask for credentials or open an editor, never page.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if started.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take()?, &mut out).ok()?;
    Some(out)
}

/// The audit line's facts for the data path (a folder, or a file inside a working copy).
pub fn audit(data: &Path) -> Option<Audit> {
    let folder = if data.is_dir() { data } else { data.parent()? };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let log = git(
        folder,
        &[
            "log",
            "-1",
            "--format=%cd%x1f%an%x1f%s",
            "--date=format-local:%Y-%m-%d %H:%M",
            "--",
            ".",
        ],
    )?;
    let mut parts = log.trim_end_matches('\n').splitn(3, '\u{1f}');
    let (date, author, message) = (parts.next()?, parts.next()?, parts.next()?);
    if date.is_empty() {
        return None;
    }
    // Saves' lock file is no edit of the directory's.
    let not_lock = format!(":(exclude,glob)**/{}", super::edit::LOCK_FILE);
    let status = git(
        folder,
        &[
            "status",
            "--porcelain",
            "--untracked-files=all",
            "--",
            ".",
            &not_lock,
        ],
    )?;
    Some(Audit {
        date: date.to_string(),
        author: author.to_string(),
        message: message.to_string(),
        uncommitted: status.lines().filter(|l| !l.trim().is_empty()).count(),
    })
}

impl Audit {
    /// «Історія даних (git): останній коміт 2026-11-25 14:03, Петренко О. — «Нові телефони
    /// ЦНАП»; зміни, ще не внесені в git: 2 файли».
    pub fn line(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let files = crate::i18n::FILE.count(lang, self.uncommitted as u64);
        match lang {
            Lang::Uk => {
                let state = match self.uncommitted {
                    0 => "усі зміни внесено в git".to_string(),
                    _ => format!("зміни, ще не внесені в git: {files}"),
                };
                format!(
                    "Історія даних (git): останній коміт {}, {} — «{}»; {state}",
                    self.date, self.author, self.message
                )
            }
            Lang::En => {
                let state = match self.uncommitted {
                    0 => "everything is committed".to_string(),
                    _ => format!("uncommitted changes in {files}"),
                };
                format!(
                    "Data history (git): last commit {}, {} — \"{}\"; {state}",
                    self.date, self.author, self.message
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Петренко О.")
            .env("GIT_AUTHOR_EMAIL", "p@example.org")
            .env("GIT_COMMITTER_NAME", "Петренко О.")
            .env("GIT_COMMITTER_EMAIL", "p@example.org")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn a_folder_outside_git_has_no_audit() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.toml"), "").unwrap();
        assert_eq!(audit(tmp.path()), None);
        assert_eq!(audit(&tmp.path().join("nowhere")), None);
    }

    #[test]
    fn the_last_commit_and_uncommitted_edits_are_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        if !run(d, &["init", "-q"]) {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "git is needed under CI"
            );
            eprintln!("skipped: no git");
            return;
        }
        std::fs::write(d.join("a.toml"), "# 1\n").unwrap();
        assert!(run(d, &["add", "."]));
        assert!(run(d, &["commit", "-q", "-m", "Нові телефони ЦНАП"]));
        let a = audit(d).expect("a working copy");
        assert_eq!(a.author, "Петренко О.");
        assert_eq!(a.message, "Нові телефони ЦНАП");
        assert_eq!(a.uncommitted, 0);
        assert_eq!(a.date.len(), "2026-11-25 14:03".len(), "{}", a.date);
        std::fs::write(d.join("a.toml"), "# 2\n").unwrap();
        std::fs::write(d.join("b.toml"), "# new\n").unwrap();
        std::fs::write(d.join(crate::maintain::edit::LOCK_FILE), "").unwrap();
        let a = audit(d).unwrap();
        assert_eq!(a.uncommitted, 2, "the saves' lock file is not an edit");
        assert!(
            a.line(crate::i18n::Lang::Uk)
                .ends_with("зміни, ще не внесені в git: 2 файли"),
            "{}",
            a.line(crate::i18n::Lang::Uk)
        );
    }
}

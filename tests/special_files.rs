//! Issue 10, item 4: only regular files are read, with a size limit. A FIFO named `*.toml`, a
//! symbolic link to `/dev/zero` or an oversized file in the data folder is reported, and
//! every command (and the screen's reload) goes on with the rest instead of blocking.
#![cfg(unix)]

use assert_cmd::Command;
use refdesk::directory::{LoadOptions, load_path, watch};
use refdesk::i18n::Lang;
use std::path::Path;
use std::time::Duration;

/// A command that hangs fails the test instead of the suite.
const LIMIT: Duration = Duration::from_secs(60);

const GOOD: &str = r#"
[[agency]]
id = "archive"
name = "Державний архів Житомирської області"
category = "administrative-services"
locality = "Житомир"
address = "вул. Київська, 1"
phones = ["+380 412 00 00 00"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01
"#;

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// A data folder with one good file and the three traps.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("a.toml"), GOOD).unwrap();
    mkfifo(&d.join("fifo.toml"));
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.toml")).unwrap();
    // Sparse: 65 MB long, nothing written.
    let big = std::fs::File::create(d.join("big.toml")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    dir
}

fn refdesk(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("refdesk").expect("binary");
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_NO_CACHE", "1")
        .env("REFDESK_DATA", dir.join("data"))
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", "/dev/null")
        .env("REFDESK_STATS_FILE", dir.join("stats.log"))
        .timeout(LIMIT);
    c
}

#[test]
fn validate_reports_each_special_file_and_loads_the_rest() {
    let dir = data_dir();
    let out = refdesk(dir.path()).arg("validate").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["fifo.toml", "zero.toml"] {
        assert!(
            text.lines()
                .any(|l| l.contains(name) && l.contains("не звичайний файл")),
            "{name}:\n{text}"
        );
    }
    assert!(
        text.lines()
            .any(|l| l.contains("big.toml") && l.contains("більший за 64 МБ")),
        "{text}"
    );
    assert!(text.contains("1 установа"), "{text}");
}

#[test]
fn search_show_and_export_finish() {
    let dir = data_dir();
    refdesk(dir.path())
        .args(["search", "архів"])
        .assert()
        .success();
    refdesk(dir.path())
        .args(["show", "archive"])
        .assert()
        .success();
    let out = dir.path().join("hsds");
    refdesk(dir.path())
        .args(["export", "hsds", "-o"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn the_reload_reads_past_special_files() {
    let dir = data_dir();
    let d = dir.path().join("data");
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let old = load_path(&d, &opts);
        let (new, _) = watch::reload_from(&old, &d, &opts);
        let _ = tx.send(new.agencies.len());
    });
    assert_eq!(rx.recv_timeout(LIMIT), Ok(1), "the reload finishes");
}

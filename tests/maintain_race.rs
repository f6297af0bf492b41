//! Two processes saving the same agency at the same moment, both having read the file before
//! either wrote (as two desks whose forms were open at once): one wins, the other is told
//! («the file changed on disk», or «another program is saving it»), and the file on disk is
//! always one whole version — never torn, never a mix of the two.
//!
//! The processes are this test binary run again as [`race_child`] (the writer the screen's
//! form and `refdesk verify` use, `maintain::edit::save`): each reads the file, says it is
//! ready, and saves the moment the parent lets both go, so the race is real and between
//! processes, and the timing that matters (both read before either wrote) is certain. The
//! command-line `verify` racing itself is in `maintain_cli`.

use refdesk::maintain::edit::{self, Edit, FieldValue, SaveError, Snapshot};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILE: &str = r#"# Довідник — коментар лишається
[[agency]]
id = "a"
name = "Перша установа"   # назва з вивіски
phones = ["+380 412 42 61 30"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-01-10

[[agency]]
id = "b"
name = "Друга установа"
verified = 2025-05-01
"#;

/// How long the parent and a child wait for each other before failing.
const PATIENCE: Duration = Duration::from_secs(120);

fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < PATIENCE, "waited too long for {what}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// One of the two racing processes; run only by the test below (it is ignored otherwise).
#[test]
#[ignore = "a child process of two_processes_saving_the_same_agency_at_once"]
fn race_child() {
    let var = |k: &str| std::env::var(k).unwrap_or_else(|_| panic!("{k} is not set"));
    let file = PathBuf::from(var("RACE_FILE"));
    let signals = PathBuf::from(var("RACE_SIGNALS"));
    let who = var("RACE_WHO");
    let snapshot = Snapshot::read(&file).expect("read");
    std::fs::write(signals.join(format!("ready-{who}")), "").expect("ready");
    wait_for("the go", || signals.join("go").exists());
    let edits = [Edit::agency("name", FieldValue::Text(who.clone()))];
    let result = match edit::save(&snapshot, "a", &edits) {
        Ok(_) => "saved".to_string(),
        Err(SaveError::Changed { .. }) => "changed".to_string(),
        Err(SaveError::Busy { .. }) => "busy".to_string(),
        Err(e) => format!("failed: {e}"),
    };
    println!("RESULT {result}");
}

fn child(file: &Path, signals: &Path, who: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--ignored", "--exact", "race_child", "--nocapture"])
        .env("RACE_FILE", file)
        .env("RACE_SIGNALS", signals)
        .env("RACE_WHO", who)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn")
}

#[test]
fn two_processes_saving_the_same_agency_at_once_one_wins_and_the_other_is_told() {
    for round in 0..6 {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path().join("data");
        let signals = tmp.path().join("signals");
        std::fs::create_dir(&data).unwrap();
        std::fs::create_dir(&signals).unwrap();
        let file = data.join("dir.toml");
        std::fs::write(&file, FILE).unwrap();
        let who = ["перша", "друга"];
        let children: Vec<_> = who.iter().map(|w| child(&file, &signals, w)).collect();
        // Both have read the file before either may write.
        wait_for("both children to read the file", || {
            who.iter()
                .all(|w| signals.join(format!("ready-{w}")).exists())
        });
        std::fs::write(signals.join("go"), "").unwrap();
        let results: Vec<(&str, String)> = who
            .iter()
            .zip(children)
            .map(|(w, c)| {
                let out = c.wait_with_output().expect("wait");
                let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                assert!(
                    out.status.success(),
                    "round {round}, {w}: {stdout}{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let result = stdout
                    .lines()
                    .find_map(|l| l.strip_prefix("RESULT "))
                    .unwrap_or_else(|| panic!("round {round}, {w}: no result in {stdout}"))
                    .to_string();
                (*w, result)
            })
            .collect();
        let won: Vec<&str> = results
            .iter()
            .filter(|(_, r)| r == "saved")
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(won.len(), 1, "round {round}: exactly one wins: {results:?}");
        assert!(
            results.iter().any(|(_, r)| r == "changed" || r == "busy"),
            "round {round}: the other is told: {results:?}"
        );
        let on_disk = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            on_disk,
            FILE.replace("\"Перша установа\"", &format!("\"{}\"", won[0])),
            "round {round}: one whole version"
        );
        let left: Vec<_> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".refdesk-save-"))
            .collect();
        assert!(
            left.is_empty(),
            "round {round}: temporary files left: {left:?}"
        );
    }
}

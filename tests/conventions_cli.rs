//! Conventions of a well-behaved command-line tool: shell completions and a manual page
//! generated from the clap definitions, and `validate --stale` for entries nobody has checked
//! for a year.

use assert_cmd::Command;
use std::path::PathBuf;

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        // Tests never leave a parsed-directory cache in the real cache folder.
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", fixture("cli/none.toml"));
    c
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const SUBCOMMANDS: &[&str] = &[
    "search",
    "show",
    "validate",
    "slip",
    "print",
    "stats",
    "import",
    "export",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef refdesk"),
        ("fish", "complete -c refdesk"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let text = stdout(refdesk().args(["completions", shell]));
        assert!(text.contains(marker), "{shell}: no {marker:?}");
        for sub in SUBCOMMANDS {
            assert!(text.contains(sub), "{shell} completion lacks {sub}");
        }
        // fish writes options as `-l stale`, the others as `--stale`.
        assert!(text.contains("stale"), "{shell}: options are completed too");
        // The test clock (REFDESK_NOW) is not an option a user should be offered.
        assert!(
            !text.contains("now"),
            "{shell} completion offers the test clock"
        );
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    refdesk().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_generated_from_the_command_line() {
    let text = stdout(refdesk().arg("man"));
    assert!(
        text.starts_with(".ie") || text.contains(".TH refdesk"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert!(text.contains(".TH refdesk"));
    // Ukrainian by default (tests/help_lang.rs checks both languages).
    assert!(text.contains(".SH НАЗВА"));
    assert!(text.contains(".SH КОМАНДИ") || text.contains("refdesk\\-export"));
    for sub in ["validate", "stats", "export", "import"] {
        assert!(text.contains(sub), "the manual names {sub}");
    }
    // Where the settings, the log and the environment are is part of the manual.
    for name in [
        "REFDESK_STATS_FILE",
        "REFDESK_NO_CACHE",
        "refdesk.toml",
        "referrals.log",
    ] {
        assert!(text.contains(name), "the manual names {name}");
    }
}

#[test]
fn every_command_has_the_manual_page_the_main_page_refers_to() {
    let text = stdout(refdesk().args(["man", "stats"]));
    assert!(text.contains(".TH refdesk\\-stats") || text.contains(".TH refdesk-stats"));
    assert!(text.contains("\\-\\-from"), "{text}");
    refdesk()
        .args(["man", "no-such-command"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("stats"));
}

#[test]
fn stale_lists_old_entries_oldest_first_with_who_verified_them() {
    let text = stdout(
        refdesk()
            .arg("--data")
            .arg(fixture("stale/dir.toml"))
            .args(["validate", "--stale"]),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("01.06.2024  zt-long-ago  ГУ ДПС — хто перевіряв: не вказано"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("10.01.2025  zt-last-year  Управління соціального захисту населення — хто перевіряв: Петренко О."),
        "{text}"
    );
    assert!(
        lines[1].ends_with("dir.toml:15)"),
        "the place in the file: {text}"
    );
    assert_eq!(lines[2], "Не перевірялися понад 12 місяців: 2 установи");
    assert!(!text.contains("zt-fresh"));
    assert!(
        !text.contains("zt-just-within"),
        "exactly 12 months is not yet stale"
    );
}

#[test]
fn stale_as_json_is_oldest_first() {
    let text = stdout(
        refdesk()
            .arg("--data")
            .arg(fixture("stale/dir.toml"))
            .args(["validate", "--stale", "--json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["zt-long-ago", "zt-last-year"]);
    assert_eq!(v[1]["verified_by"], "Петренко О.");
    assert_eq!(v[0]["verified_by"], serde_json::Value::Null);
}

#[test]
fn plain_validate_warns_about_stale_entries() {
    let out = refdesk()
        .arg("--data")
        .arg(fixture("stale/dir.toml"))
        .arg("validate")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let stale: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("понад 12 місяців тому"))
        .collect();
    assert_eq!(stale.len(), 2, "{text}");
    assert!(stale.iter().any(|l| l.contains("01.06.2024")));
}

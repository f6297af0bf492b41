//! Issue 10, item 2: control characters in directory data never reach the terminal — ESC
//! sequences, OSC 52 / 0 / 8, C1 codes and bidirectional overrides, in every command that
//! prints directory text, and in file names that `validate` reports.

use assert_cmd::Command;
use std::path::Path;

/// Each class, written into a different field of one agency.
/// TOML escapes (`\u001b`) for the C0 codes it does not allow raw; C1 codes and bidi marks
/// are allowed raw and are put in for the `<…>` names by [`data_text`].
const DATA: &str = r#"
[[agency]]
id = "archive"
name = "Державний архів\u001b[31m Житомирської області"
short_name = "Архів<RLO>вихра"
category = "administrative-services"
locality = "Житомир<RLI>"
address = "вул. Київська, 1\u001b]0;pwned title\u0007"
description = "Довідки про стаж \u001b]8;;https://evil.example\u001b\\тут\u001b]8;;\u001b\\"
alert = "Увага\u001b]52;c;cm0gLXJmIH4=\u0007 ремонт"
notes = "C1: <CSI>31m <OSC>0;t<ST>"
phones = ["+380 412 00 00 00"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01
head = { name = "Коваленко\u001b[2J Ірина Петрівна" }

[[agency.service]]
name = "Архівна довідка\u001b[5m"
documents = ["паспорт\u009b2J"]
"#;

fn refdesk(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("refdesk").expect("binary");
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_NO_CACHE", "1")
        .env("REFDESK_DATA", dir.join("data"))
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", dir.join("none.conf"))
        .env("REFDESK_STATS_FILE", dir.join("stats.log"));
    c
}

/// What must never be in output bound for a terminal.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn output(dir: &Path, args: &[&str]) -> String {
    let out = refdesk(dir).args(args).output().expect("runs");
    let all = [out.stdout, out.stderr].concat();
    String::from_utf8(all).expect("UTF-8 output")
}

/// The data file's text with the raw C1 codes and bidi marks in place.
fn data_text() -> String {
    DATA.replace("<CSI>", "\u{9b}")
        .replace("<OSC>", "\u{9d}")
        .replace("<ST>", "\u{9c}")
        .replace("<RLO>", "\u{202E}")
        .replace("<RLI>", "\u{2067}")
}

fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.conf"), "").unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("a.toml"), data_text()).unwrap();
    dir
}

#[test]
fn show_search_and_the_text_slip_print_no_control_characters() {
    let dir = data_dir();
    for args in [
        vec!["show", "archive"],
        vec!["show", "archive", "--script"],
        vec!["show", "archive", "--json"],
        vec!["search", "архів"],
        vec!["search", "архів", "--json"],
        vec!["slip", "archive", "--format", "text"],
        vec!["slip", "archive", "-s", "1", "--format", "text"],
        vec!["validate"],
    ] {
        let out = output(dir.path(), &args);
        let shown = if args[0] == "validate" {
            "U+001B"
        } else {
            "рхів"
        };
        assert!(out.contains(shown), "{args:?} shows the agency:\n{out}");
        assert_eq!(unsafe_chars(&out), Vec::<char>::new(), "{args:?}:\n{out:?}");
    }
}

#[test]
fn json_keeps_the_data_exact_as_escapes() {
    let dir = data_dir();
    let out = refdesk(dir.path())
        .args(["show", "archive", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["short_name"], "Архів\u{202E}вихра");
    assert!(v["notes"].as_str().unwrap().contains('\u{9b}'));
}

/// A file name holding an escape sequence and a line break cannot forge a diagnostic line.
#[cfg(unix)]
#[test]
fn validate_prints_file_names_safely() {
    let dir = data_dir();
    let forged = "b\u{1b}]0;pwned\u{7}\nforged.toml:1:1: помилка: підроблений рядок.toml";
    std::fs::write(
        dir.path().join("data").join(forged),
        "[[agency]]\nid = \"x\"\nunknown_field = 1\n",
    )
    .unwrap();
    let out = output(dir.path(), &["validate"]);
    assert_eq!(unsafe_chars(&out), Vec::<char>::new(), "{out:?}");
    assert!(
        !out.lines().any(|l| l.starts_with("forged.toml")),
        "a forged line:\n{out}"
    );
    assert!(out.contains("підроблений рядок.toml"), "{out}");
}

/// F5 copies the slip: the clipboard is pasted into other programs, terminals among them.
#[test]
fn f5_copies_no_control_characters() {
    use crossterm::event::KeyCode;
    use refdesk::i18n::Lang;
    use refdesk::tui::{Effect, Harness, Settings};
    let dir = data_dir();
    let now = jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0);
    let opts = refdesk::directory::LoadOptions {
        today: now.date(),
        lang: Lang::Uk,
    };
    let loaded = refdesk::directory::load_path(&dir.path().join("data"), &opts);
    let settings = Settings {
        lang: Lang::Uk,
        office: Some("Бюро".into()),
        home_locality: None,
        color: false,
        config: Default::default(),
        save_dir: None,
    };
    let mut h = Harness::new(loaded, settings, now, 120, 40);
    h.type_text("архів");
    let Effect::Copy { text, .. } = h.press(KeyCode::F(5)) else {
        panic!("F5 must copy");
    };
    assert!(text.contains("рхів"), "{text}");
    assert_eq!(unsafe_chars(&text), Vec::<char>::new(), "{text:?}");
}

//! Keeping the directory true from the command line: `verify`, `corrections`, `due` (with the
//! PDF call sheet read back by pdftotext), and `validate`'s maintenance lines.

use assert_cmd::Command;
use refdesk::i18n::Lang;
use refdesk::maintain::corrections::{self, NewReport};
use std::path::{Path, PathBuf};

mod git_support;
#[path = "referral_support/mod.rs"]
mod support;
use git_support::git;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/maintain/dir.toml")
}

/// A data folder of its own holding the fixture, outside any git working copy.
fn data_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(), tmp.path().join("dir.toml")).unwrap();
    tmp
}

fn refdesk(home: &Path) -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_NO_CACHE", "1")
        .env("REFDESK_CONFIG", home.join("none.toml"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env_remove("REFDESK_LANG")
        .env_remove("REFDESK_DATA");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn verify_writes_the_date_and_the_name_and_changes_nothing_else() {
    let d = data_folder();
    let (code, out, err) = run(refdesk(d.path()).args([
        "--data",
        d.path().to_str().unwrap(),
        "verify",
        "zt-cnap",
        "--by",
        "Петренко О.",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("ЦНАП (zt-cnap): перевірено 25.11.2026, хто перевіряв: Петренко О."),
        "{out}"
    );
    let after = std::fs::read_to_string(d.path().join("dir.toml")).unwrap();
    let before = std::fs::read_to_string(fixture()).unwrap();
    assert_eq!(
        after,
        before.replace(
            "# перевіряли дзвінком\nverified = 2025-10-01\n",
            "# перевіряли дзвінком\nverified = 2026-11-25\nverified_by = \"Петренко О.\"\n"
        )
    );
    // The settings' maintainer name when --by is not given; an existing verified_by replaced.
    std::fs::write(
        d.path().join("refdesk.toml"),
        "maintainer = \"Бондар Н.\"\n",
    )
    .unwrap();
    let (code, _, err) = run(refdesk(d.path())
        .env("REFDESK_CONFIG", d.path().join("refdesk.toml"))
        .args(["--data", d.path().to_str().unwrap(), "verify", "zt-cnap"]));
    assert_eq!(code, 0, "{err}");
    let again = std::fs::read_to_string(d.path().join("dir.toml")).unwrap();
    assert_eq!(again, after.replace("\"Петренко О.\"", "\"Бондар Н.\""));
    // The file still loads cleanly, and the entry is no longer stale.
    let (code, out, _) =
        run(refdesk(d.path()).args(["--data", d.path().to_str().unwrap(), "validate", "--stale"]));
    assert_eq!(code, 0);
    assert!(!out.contains("zt-cnap"), "{out}");
}

#[test]
fn verify_without_a_name_or_on_demo_data_is_refused() {
    let d = data_folder();
    let (code, _, err) =
        run(refdesk(d.path()).args(["--data", d.path().to_str().unwrap(), "verify", "zt-cnap"]));
    assert_eq!(code, 2);
    assert!(err.contains("хто перевірив? Вкажіть --by"), "{err}");
    let (code, _, err) = run(refdesk(d.path()).args(["verify", "zt-dps-cop", "--by", "Я"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("демонстраційні дані, їх не можна змінювати"),
        "{err}"
    );
    let (code, _, err) = run(refdesk(d.path()).args([
        "--lang",
        "en",
        "--data",
        d.path().to_str().unwrap(),
        "verify",
        "zt-cnapp",
        "--by",
        "Me",
    ]));
    assert_eq!(code, 1);
    assert!(
        err.contains("no agency with id \"zt-cnapp\"; did you mean: zt-cnap"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("dir.toml")).unwrap(),
        std::fs::read_to_string(fixture()).unwrap(),
        "nothing written"
    );
}

#[test]
fn corrections_are_listed_closed_and_shown_by_validate() {
    let d = data_folder();
    let path = corrections::path_for(d.path());
    for (id, field, note) in [
        ("zt-cnap", "phones", "телефон не відповідає"),
        ("zt-dps", "address", "переїхали на Київську, 5"),
    ] {
        corrections::append(
            &path,
            &NewReport {
                agency: id.into(),
                field: field.into(),
                note: note.into(),
                date: jiff::civil::date(2026, 11, 24),
                desk: Some("Вікно 1".into()),
            },
        )
        .unwrap();
    }
    let data = d.path().to_str().unwrap();
    let (code, out, err) = run(refdesk(d.path()).args(["--data", data, "corrections"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1. 24.11.2026 zt-cnap (ЦНАП) — телефони: «телефон не відповідає» (Вікно 1)"),
        "{out}"
    );
    assert!(
        out.contains("2. 24.11.2026 zt-dps (ГУ ДПС) — адреса: «переїхали на Київську, 5»"),
        "{out}"
    );
    assert!(
        out.ends_with("Відкриті повідомлення про помилки: 2 повідомлення\n"),
        "{out}"
    );
    // validate lists them, and never reads corrections.toml as agencies.
    let (code, out, _) = run(refdesk(d.path()).args(["--data", data, "validate"]));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("corrections.toml:"), "{out}");
    assert!(
        out.contains(
            "Відкриті повідомлення про помилки (2; закрити: refdesk corrections --resolve N):"
        ),
        "{out}"
    );
    let (code, out, _) =
        run(refdesk(d.path()).args(["--data", data, "corrections", "--resolve", "1"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Повідомлення 1 закрито: zt-cnap — «телефон не відповідає»"),
        "{out}"
    );
    let (_, out, _) = run(refdesk(d.path()).args(["--lang", "en", "--data", data, "corrections"]));
    assert!(
        out.contains("1. 24.11.2026 zt-dps (ГУ ДПС) — address: «переїхали на Київську, 5»"),
        "{out}"
    );
    assert!(
        out.ends_with("Open correction reports: 1 report\n"),
        "{out}"
    );
    let (code, _, err) =
        run(refdesk(d.path()).args(["--data", data, "corrections", "--resolve", "5"]));
    assert_eq!(code, 1);
    assert!(err.contains("відкритого повідомлення № 5 немає"), "{err}");
    let (_, all_diags) = corrections::load(&path, Lang::Uk);
    assert!(all_diags.is_empty());
}

#[test]
fn a_damaged_corrections_file_is_located_by_validate() {
    let d = data_folder();
    std::fs::write(
        d.path().join("corrections.toml"),
        "[[correction]]\nagency = \"zt-cnap\"\nfield = \"phones\"\nnote = \"x\"\ndate = \"учора\"\n",
    )
    .unwrap();
    let (_, out, _) =
        run(refdesk(d.path()).args(["--data", d.path().to_str().unwrap(), "validate"]));
    assert!(
        out.contains("corrections.toml:5:8: помилка: поле \"date\" має бути датою (2026-11-25)"),
        "{out}"
    );
}

#[test]
fn due_lists_the_oldest_first_with_phone_and_person() {
    let d = data_folder();
    let data = d.path().to_str().unwrap();
    let (code, out, err) = run(refdesk(d.path()).args(["--data", data, "due"]));
    assert_eq!(code, 0, "{err}");
    let expected = "1. ЦНАП (zt-cnap)\n   Перевірено: 01.10.2025; строк минув 01.10.2026\n   Телефон: (0412) 42-05-10 (приймальня)\n   Запитати: Олійник Тарас Ігорович, адміністратор, вікно 3\n";
    assert!(out.starts_with(expected), "{out}");
    assert!(
        out.contains("2. ГУ ДПС (zt-dps)\n   Перевірено: 15.12.2025; строк — 15.12.2026\n"),
        "{out}"
    );
    assert!(out.contains("   Запитати: Коваль Ігор Петрович\n"), "{out}");
    assert!(
        out.ends_with("Час перевірити (строк до 25.12.2026 включно): 2 установи\n"),
        "{out}"
    );
    let (_, out, _) = run(refdesk(d.path()).args(["--data", data, "due", "--within", "0d"]));
    assert!(
        out.ends_with("Час перевірити (строк до 25.11.2026 включно): 1 установа\n"),
        "{out}"
    );
    let (code, _, err) = run(refdesk(d.path()).args(["--data", data, "due", "--within", "рік"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn the_call_sheet_pdf_reads_back_with_every_entry() {
    if !support::have_tool("pdftotext") {
        return;
    }
    let d = data_folder();
    let pdf = d.path().join("sheet.pdf");
    let (code, out, err) = run(refdesk(d.path()).args([
        "--data",
        d.path().to_str().unwrap(),
        "due",
        "-o",
        pdf.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Аркуш для обдзвону (2 установи) записано"),
        "{out}"
    );
    let text = support::pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "АРКУШ ДЛЯ ОБДЗВОНУ",
        "1. ЦНАП (zt-cnap)",
        "Телефон: (0412) 42-05-10 (приймальня)",
        "Запитати: Олійник Тарас Ігорович, адміністратор, вікно 3",
        "2. ГУ ДПС (zt-dps)",
        "строк — 15.12.2026",
        "дані правильні",
    ] {
        assert!(flat.contains(want), "{want:?} in {flat}");
    }
    assert!(!flat.contains("QR"), "no QR code on a call sheet: {flat}");
}

#[test]
fn two_desks_count_in_their_own_files_and_stats_sums_both() {
    let d = data_folder();
    let shared = d.path().join("спільна");
    std::fs::create_dir(&shared).unwrap();
    for desk in ["Вікно 1", "Вікно 2"] {
        let config = d.path().join(format!("{desk}.toml"));
        std::fs::write(
            &config,
            format!(
                "desk = \"{desk}\"\nstats_folder = {:?}\n",
                shared.to_str().unwrap()
            ),
        )
        .unwrap();
        let slip = d.path().join("slip.txt");
        let (code, _, err) = run(refdesk(d.path())
            .env("REFDESK_CONFIG", &config)
            .env_remove("REFDESK_STATS_FILE")
            .args(["--data", d.path().to_str().unwrap(), "slip", "zt-dps", "-o"])
            .arg(&slip));
        assert_eq!(code, 0, "{err}");
    }
    assert!(shared.join("referrals-Вікно-1.log").is_file());
    assert!(shared.join("referrals-Вікно-2.log").is_file());
    let (code, out, err) = run(refdesk(d.path())
        .env("REFDESK_CONFIG", d.path().join("Вікно 1.toml"))
        .env_remove("REFDESK_STATS_FILE")
        .args(["stats", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 2, "{out}");
    assert_eq!(v["by_agency"][0]["id"], "zt-dps");
}

#[test]
fn validate_shows_the_data_folders_last_commit_and_uncommitted_edits() {
    let d = data_folder();
    if !git_support::init_or_skip(d.path()) {
        return;
    }
    assert!(
        git(d.path(), &["add", "."]) && git(d.path(), &["commit", "-q", "-m", "Довідник Житомира"])
    );
    let data = d.path().to_str().unwrap();
    let (_, out, _) =
        run(refdesk(d.path()).args(["--data", data, "verify", "zt-cnap", "--by", "Я"]));
    assert!(out.contains("перевірено"), "{out}");
    let (_, out, _) = run(refdesk(d.path()).args(["--data", data, "validate"]));
    let line = out.lines().last().unwrap();
    assert!(
        line.starts_with("Історія даних (git): останній коміт "),
        "{out}"
    );
    assert!(
        line.ends_with(", Петренко О. — «Довідник Житомира»; зміни, ще не внесені в git: 1 файл"),
        "{out}"
    );
    let (_, out, _) = run(refdesk(d.path()).args(["--data", data, "validate", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["git"]["uncommitted"], 1);
    assert_eq!(v["git"]["message"], "Довідник Житомира");
}

/// Two `verify` processes on one file at the same moment, round after round: whatever the
/// timing, the file is always one whole version (never torn or merged), and a process that
/// did not write says why. (That exactly one wins when both read before either wrote is
/// checked in `maintain::edit`'s unit tests, where the timing can be forced.)
#[test]
fn two_processes_saving_at_once_never_tear_the_file() {
    let d = data_folder();
    let data = d.path().to_str().unwrap();
    let file = d.path().join("dir.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    for round in 0..8 {
        let children: Vec<_> = ["Перша К.", "Друга Л."]
            .into_iter()
            .map(|who| {
                let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("refdesk"));
                c.env("REFDESK_NOW", "2026-11-25T10:30")
                    .env("REFDESK_NO_CACHE", "1")
                    .env("REFDESK_CONFIG", d.path().join("none.toml"))
                    .env_remove("REFDESK_LANG")
                    .args(["--data", data, "verify", "zt-cnap", "--by", who])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped());
                (who, c.spawn().unwrap())
            })
            .collect();
        let mut written = Vec::new();
        for (who, child) in children {
            let o = child.wait_with_output().unwrap();
            let err = String::from_utf8(o.stderr).unwrap();
            match o.status.code() {
                Some(0) => written.push(who),
                _ => assert!(
                    err.contains("змінився на диску") || err.contains("саме записує"),
                    "round {round}: {err}"
                ),
            }
        }
        assert!(!written.is_empty(), "round {round}: someone wrote");
        let after = std::fs::read_to_string(&file).unwrap();
        let whole = ["Перша К.", "Друга Л."].iter().any(|who| {
            after
                == before.replace(
                    "verified = 2025-10-01\n",
                    &format!("verified = 2026-11-25\nverified_by = \"{who}\"\n"),
                )
        });
        assert!(whole, "round {round}: {after}");
        std::fs::write(&file, &before).unwrap();
    }
}

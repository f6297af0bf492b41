//! The rest of the interface in the user's language: `--help` of the program and of every
//! command, `refdesk man`, completions, clap's usage errors, `stats` on a damaged log and
//! `validate` on a bad phone — Ukrainian by default, English with `--lang en` / REFDESK_LANG=en.

use assert_cmd::Command;
use std::path::PathBuf;

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", fixture("cli/none.toml"));
    c
}

fn run(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const COMMANDS: &[&str] = &[
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

/// clap's own English words, which Ukrainian help must not contain.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "[env:",
    "[default:",
    "[possible values",
    "[OPTIONS]",
];

#[test]
fn help_is_ukrainian_by_default_for_the_program_and_every_command() {
    let (code, top, _) = run(refdesk().arg("--help"));
    assert_eq!(code, Some(0));
    for want in [
        "Використання: refdesk [ПАРАМЕТРИ] [КОМАНДА]",
        "Команди:",
        "Параметри:",
        "Пошук у довіднику, як на екрані",
        "Показати довідку",
        "Змінні середовища:",
        "Коди завершення:",
    ] {
        assert!(top.contains(want), "{want:?} not in:\n{top}");
    }
    for (name, args) in [("-h", vec!["-h"]), ("help", vec!["help"])] {
        let (_, text, _) = run(refdesk().args(&args));
        assert!(text.contains("Використання:"), "{name}:\n{text}");
    }
    for cmd in COMMANDS {
        let (code, text, _) = run(refdesk().args([cmd, "--help"]));
        assert_eq!(code, Some(0), "{cmd}");
        assert!(text.contains("Використання: refdesk"), "{cmd}:\n{text}");
        assert!(text.contains("Параметри:"), "{cmd}:\n{text}");
        for en in CLAP_ENGLISH {
            assert!(!text.contains(en), "{cmd} --help has {en:?}:\n{text}");
        }
    }
    let (_, slip, _) = run(refdesk().args(["slip", "--help"]));
    for want in [
        "--all-services",
        "Направлення для всіх послуг установи",
        "--for <ІМ'Я>",
        "якщо послуг кілька, вкажіть --service або --all-services",
    ] {
        assert!(slip.contains(want), "{want:?} not in:\n{slip}");
    }
    let (_, print, _) = run(refdesk().args(["print", "--help"]));
    assert!(print.contains("типовий принтер"), "{print}");
}

#[test]
fn help_is_english_with_lang_en_or_refdesk_lang() {
    for c in [
        refdesk().args(["--lang", "en", "--help"]),
        refdesk().args(["--help", "--lang=en"]),
        refdesk().env("REFDESK_LANG", "en").arg("--help"),
    ] {
        let (code, text, _) = run(c);
        assert_eq!(code, Some(0));
        assert!(
            text.contains("Usage: refdesk [OPTIONS] [COMMAND]"),
            "{text}"
        );
        assert!(
            text.contains("Search the directory as the screen does"),
            "{text}"
        );
        assert!(!text.contains("Використання"), "{text}");
    }
    let (_, text, _) = run(refdesk().args(["--lang", "en", "slip", "--help"]));
    assert!(
        text.contains("The slip for every service of the agency"),
        "{text}"
    );
}

#[test]
fn the_manual_is_in_the_interface_language() {
    let (_, uk, _) = run(refdesk().arg("man"));
    for want in [
        ".SH НАЗВА",
        ".SH ОГЛЯД",
        ".SH ОПИС",
        ".SH ПАРАМЕТРИ",
        ".SH КОМАНДИ",
    ] {
        assert!(uk.contains(want), "{want} not in the Ukrainian page");
    }
    assert!(
        uk.contains("Змінні середовища"),
        "the environment is described"
    );
    assert!(!uk.contains(".SH OPTIONS"));
    let (_, stats, _) = run(refdesk().args(["man", "stats"]));
    assert!(stats.contains("Перший день, що враховується"), "{stats}");
    let (_, en, _) = run(refdesk().args(["--lang", "en", "man"]));
    for want in [".SH NAME", ".SH OPTIONS", "Environment:"] {
        assert!(en.contains(want), "{want} not in the English page");
    }
    let (code, _, err) = run(refdesk().args(["man", "nosuch"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("команди «nosuch» немає"), "{err}");
}

#[test]
fn completions_describe_commands_in_the_interface_language() {
    let (_, zsh, _) = run(refdesk().args(["completions", "zsh"]));
    assert!(zsh.contains("Пошук у довіднику"), "Ukrainian descriptions");
    let (_, fish, _) = run(refdesk().args(["--lang", "en", "completions", "fish"]));
    assert!(
        fish.contains("Search the directory"),
        "English descriptions"
    );
}

#[test]
fn usage_errors_are_in_ukrainian_with_exit_2() {
    let cases: [(&[&str], &str); 5] = [
        (&["sllip"], "невідома команда «sllip»; можливо, «slip»?"),
        (
            &["search", "--limitt", "3", "x"],
            "невідомий параметр «--limitt»",
        ),
        (
            &["slip", "x", "--format", "docx"],
            "неприпустиме значення «docx» для «--format <ФОРМАТ>»; можливі: text, pdf, escpos",
        ),
        (&["slip"], "бракує обов'язкового аргументу: <ID>"),
        (
            &["slip", "x", "-s", "1", "--all-services"],
            "не можна вказувати разом з",
        ),
    ];
    for (args, want) in cases {
        let (code, _, err) = run(refdesk().args(args));
        assert_eq!(code, Some(2), "{args:?}");
        assert!(err.contains(want), "{args:?}: {want:?} not in:\n{err}");
        assert!(!err.contains("error:"), "{args:?}: clap's English:\n{err}");
    }
    let (code, _, err) = run(refdesk().args(["--lang", "en", "sllip"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("unrecognized subcommand"), "{err}");
}

#[test]
fn stats_never_shows_a_parser_message() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("referrals.log");
    std::fs::write(
        &log,
        concat!(
            r#"{"at":"2026-11-02T09:00","id":"a","category":"tax","how":"printed"}"#,
            "\n",
            r#"{"at":"2026-11-02T09:05","id":"b","category":"tax","how":"oral"}"#,
            "\n",
            r#"{"at":"2026-11-02T09:06","id":"c","category":"tax"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (code, out, err) = run(refdesk().env("REFDESK_STATS_FILE", &log).arg("stats"));
    assert_eq!(code, Some(0));
    assert!(out.contains("1 направлення"), "{out}");
    assert!(
        err.contains(
            "запис 2 пошкоджено, пропущено (невідомий спосіб «oral» у полі \"how\"; можливі: printed, copied, read)"
        ),
        "{err}"
    );
    assert!(
        err.contains("запис 3 пошкоджено, пропущено (бракує поля \"how\")"),
        "{err}"
    );
    for raw in [
        "unknown variant",
        "expected one of",
        "missing field",
        "at line",
    ] {
        assert!(!err.contains(raw), "raw parser message {raw:?}:\n{err}");
    }
}

#[test]
fn validate_says_a_bad_phone_once_and_names_the_field_in_quotes() {
    let (_, out, _) = run(refdesk()
        .args(["validate", "--data"])
        .arg(fixture("validate/invalid-phone.toml")));
    let line = out
        .lines()
        .find(|l| l.contains("+380 44 12"))
        .unwrap_or_else(|| panic!("no phone problem in:\n{out}"));
    assert!(
        line.contains("поле \"phones\": \"+380 44 12\" не є правильним номером телефону"),
        "{line}"
    );
    assert_eq!(line.matches("правильн").count(), 1, "said twice: {line}");
    assert!(!line.contains("неправильний номер"), "said twice: {line}");
}

#[test]
fn system_errors_are_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("slip.txt");
    let (code, _, err) = run(refdesk()
        .args(["slip", "zt-dps-cop", "-s", "1", "-o"])
        .arg(&missing));
    assert_eq!(code, Some(2));
    assert!(err.contains("не вдалося записати"), "{err}");
    assert!(err.contains("немає такого файлу чи теки"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    let (_, _, err) = run(refdesk()
        .args(["import", "hsds"])
        .arg(dir.path().join("no-package"))
        .arg("-o")
        .arg(dir.path().join("out.toml")));
    assert!(err.contains("немає такого файлу чи теки"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_bad_settings_line_is_reported_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("refdesk.toml");
    std::fs::write(&cfg, "lang = \"de\"\n[office]\nname = 5\n").unwrap();
    let (code, _, err) = run(refdesk()
        .env("REFDESK_CONFIG", &cfg)
        .args(["search", "паспорт"]));
    assert_eq!(
        code,
        Some(0),
        "a bad settings line never stops the program: {err}"
    );
    assert!(
        err.contains(":1:8: невідоме значення \"de\"; можливі: uk, en — цей рядок пропущено"),
        "{err}"
    );
    assert!(
        err.contains("3:8: неправильний тип значення: число 5"),
        "{err}"
    );
    for english in ["unknown variant", "expected", "invalid type", "ignored"] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }
    let (_, _, err) =
        run(refdesk()
            .env("REFDESK_CONFIG", &cfg)
            .args(["--lang", "en", "search", "паспорт"]));
    assert!(
        err.contains("unknown variant `de`") && err.contains("this line was ignored"),
        "{err}"
    );
}

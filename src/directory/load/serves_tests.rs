//! `serves` and `[directory] province`: what they load as, and their diagnostics with the
//! exact place in the file.

use crate::directory::{Directory, LoadOptions, Serves, Severity, load_texts};
use crate::i18n::Lang;

fn load(files: &[(&str, &str)]) -> Directory {
    load_texts(
        files,
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::En,
        },
    )
}

/// An agency with `extra` lines after `category`.
fn agency(id: &str, extra: &str) -> String {
    format!(
        r#"
[[agency]]
id = "{id}"
name = "Державний архів Житомирської області"
category = "other"
{extra}
locality = "Житомир"
address = "вул. Театральна, 7"
phones = ["+380 412 42 05 10"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01
head = {{ name = "Коваленко Ірина Петрівна" }}
"#
    )
}

/// The diagnostics of `code` as (severity, line, column).
fn found(dir: &Directory, code: &str) -> Vec<(Severity, usize, usize)> {
    dir.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.severity, d.line, d.column))
        .collect()
}

#[test]
fn serves_loads_country_oblast_and_a_list() {
    let text = [
        agency("a", r#"serves = "country""#),
        agency(
            "b",
            "serves = \"oblast\"\nprovince = \"Житомирська область\"",
        ),
        agency("c", r#"serves = ["Бердичів", "с. Семенівка"]"#),
        agency("d", ""),
    ]
    .concat();
    let dir = load(&[("a.toml", &text)]);
    assert_eq!(dir.error_count(), 0, "{:#?}", dir.diagnostics);
    assert_eq!(dir.agency("a").unwrap().serves, Some(Serves::Country));
    assert!(dir.agency("a").unwrap().serves_country());
    assert_eq!(dir.agency("b").unwrap().serves, Some(Serves::Oblast));
    assert_eq!(
        dir.agency("c").unwrap().serves,
        Some(Serves::Localities(vec![
            "Бердичів".into(),
            "с. Семенівка".into()
        ]))
    );
    assert_eq!(dir.agency("d").unwrap().serves, None);
    assert!(!dir.agency("d").unwrap().serves_country());
    assert!(found(&dir, "unknown-field").is_empty());
    assert!(found(&dir, "no-oblast").is_empty());
}

#[test]
fn a_remote_service_serves_the_country_unless_it_says_less() {
    let text = [
        agency("line", "remote = true"),
        agency(
            "oblast-line",
            "remote = true\nserves = \"oblast\"\nprovince = \"Житомирська область\"",
        ),
    ]
    .concat();
    let dir = load(&[("a.toml", &text)]);
    assert!(dir.agency("line").unwrap().serves_country());
    assert!(!dir.agency("oblast-line").unwrap().serves_country());
}

#[test]
fn a_wrong_serves_is_an_error_at_its_value_and_the_rest_loads() {
    // Line 6 of each agency is `serves`; its value starts at column 10.
    let text = [
        agency("good", ""),
        agency("word", r#"serves = "raion""#),
        agency("number", "serves = 3"),
        agency("empty", "serves = []"),
        agency("items", r#"serves = ["Бердичів", 5]"#),
    ]
    .concat();
    let dir = load(&[("a.toml", &text)]);
    assert!(dir.agency("good").is_some());
    for id in ["word", "number", "empty", "items"] {
        assert!(dir.agency(id).is_none(), "{id} is skipped");
    }
    let invalid = found(&dir, "invalid-value");
    let wrong = found(&dir, "wrong-type");
    // Each entry is 12 lines long (after the blank first one).
    assert!(invalid.contains(&(Severity::Error, 18, 10)), "{invalid:?}");
    assert!(wrong.contains(&(Severity::Error, 30, 10)), "{wrong:?}");
    assert!(invalid.contains(&(Severity::Error, 42, 10)), "{invalid:?}");
    assert!(wrong.contains(&(Severity::Error, 54, 23)), "{wrong:?}");
    let m = dir
        .diagnostics
        .iter()
        .find(|d| d.line == 18)
        .unwrap()
        .render(Lang::En);
    assert!(m.starts_with("a.toml:18:10:"), "{m}");
    assert!(m.contains("\"country\", \"oblast\""), "{m}");
}

#[test]
fn an_oblast_office_without_its_oblast_is_a_warning_at_serves() {
    let dir = load(&[("a.toml", &agency("arch", r#"serves = "oblast""#))]);
    assert_eq!(found(&dir, "no-oblast"), [(Severity::Warning, 6, 10)]);
    assert!(dir.agency("arch").is_some(), "a warning: it loads");
    let m = dir.diagnostics[0].render(Lang::En);
    assert!(m.contains("province"), "{m}");
}

#[test]
fn the_directory_province_names_the_oblast_from_any_file() {
    let meta = "[directory]\nprovince = \"Житомирська область\"\n";
    // The [directory] table may come after the agency, in another file.
    let dir = load(&[
        ("a.toml", &agency("arch", r#"serves = "oblast""#)),
        ("z.toml", meta),
    ]);
    assert!(
        found(&dir, "no-oblast").is_empty(),
        "{:#?}",
        dir.diagnostics
    );
    assert_eq!(dir.meta.province.as_deref(), Some("Житомирська область"));
    let a = dir.agency("arch").unwrap();
    assert_eq!(a.province, None, "the default is not copied onto the card");
    assert_eq!(dir.oblast_of(a), Some("Житомирська область"));
    assert!(found(&dir, "unknown-field").is_empty());
}

//! One fixture per error and warning class of schema v1, each asserting the exact place
//! (file:line:column) of the problem and that everything else in the file still loads.

use refdesk::directory::{Directory, LoadOptions, Severity, load_path};
use refdesk::i18n::Lang;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/validate")
        .join(name)
}

/// The tests' "today" and language.
fn opts() -> LoadOptions {
    LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::En,
    }
}

fn load(name: &str) -> Directory {
    load_path(&fixture(name), &opts())
}

/// Asserts exactly one diagnostic of `code`, at `line:column`, and returns its message.
fn expect(
    name: &str,
    code: &str,
    sev: Severity,
    line: usize,
    column: usize,
) -> (Directory, String) {
    let dir = load(name);
    let found: Vec<_> = dir.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "{name}: expected one {code}, got {:#?}",
        dir.diagnostics
    );
    let d = found[0];
    assert_eq!(d.severity, sev, "{name}");
    assert!(d.file.ends_with(name), "{name}: file is {}", d.file);
    assert_eq!(
        (d.line, d.column),
        (line, column),
        "{name}: {}",
        d.render(Lang::En)
    );
    // The valid entry in front of the broken one always loads.
    assert!(
        dir.agency("good").is_some(),
        "{name}: the valid entry must still load"
    );
    let loaded_bad = dir.agency("bad").is_some();
    assert_eq!(
        loaded_bad,
        sev == Severity::Warning,
        "{name}: an error skips the entry, a warning doesn't"
    );
    (dir.clone(), d.message.clone())
}

fn error(name: &str, code: &str, line: usize, column: usize) -> String {
    expect(name, code, Severity::Error, line, column).1
}

fn warning(name: &str, code: &str, line: usize, column: usize) -> String {
    expect(name, code, Severity::Warning, line, column).1
}

#[test]
fn missing_required_field_is_reported_at_the_entry_header() {
    let m = error("missing-field.toml", "missing-field", 18, 1);
    assert!(m.contains("\"hours\""), "{m}");
}

#[test]
fn missing_locality_on_a_non_remote_agency_is_an_error_that_mentions_remote() {
    let m = error("missing-locality.toml", "missing-field", 18, 1);
    assert!(m.contains("\"locality\"") && m.contains("remote"), "{m}");
}

#[test]
fn duplicate_id_names_the_first_definition() {
    let dir = load("duplicate-id.toml");
    let d = dir
        .diagnostics
        .iter()
        .find(|d| d.code == "duplicate-id")
        .expect("duplicate-id");
    assert_eq!((d.line, d.column), (19, 6));
    assert!(d.message.contains("duplicate-id.toml:1"), "{}", d.message);
    // The first definition wins and stays.
    assert_eq!(dir.agency("good").unwrap().origin.line, 1);
    assert_eq!(dir.agencies.len(), 1);
}

#[test]
fn unknown_category_suggests_the_nearest_one() {
    let m = error("unknown-category.toml", "unknown-category", 23, 12);
    assert!(m.contains("\"social-protection\""), "{m}");
}

#[test]
fn unparsable_hours_point_inside_the_string() {
    let m = error("invalid-hours.toml", "invalid-hours", 27, 10);
    assert!(m.contains("\"hours\""), "{m}");
}

#[test]
fn unparsable_lunch_is_an_error() {
    let m = error("invalid-lunch.toml", "invalid-hours", 30, 16);
    assert!(m.contains("\"lunch\"") && m.contains("\"д\""), "{m}");
}

#[test]
fn unparsable_reception_is_an_error() {
    error("invalid-reception.toml", "invalid-hours", 30, 14);
}

#[test]
fn invalid_phone_is_an_error_at_the_number() {
    let m = error("invalid-phone.toml", "invalid-phone", 26, 11);
    assert!(m.contains("+380 44 12"), "{m}");
}

#[test]
fn verified_in_the_future_is_an_error() {
    error("future-verified.toml", "future-verified", 29, 12);
}

#[test]
fn wrong_type_says_what_type_is_expected() {
    let m = error("wrong-type.toml", "wrong-type", 26, 10);
    assert!(m.contains("array of phones"), "{m}");
}

#[test]
fn invalid_enum_value_lists_the_allowed_values() {
    let m = error("invalid-value.toml", "invalid-value", 22, 10);
    assert!(m.contains("\"pl\""), "{m}");
}

#[test]
fn syntax_error_loses_only_the_broken_entry() {
    let dir = load("syntax.toml");
    let syntax: Vec<_> = dir
        .diagnostics
        .iter()
        .filter(|d| d.code == "syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{:#?}", dir.diagnostics);
    assert_eq!(syntax[0].line, 25, "{}", syntax[0].render(Lang::En));
    assert!(dir.agency("good").is_some());
    assert!(
        dir.agency("after").is_some(),
        "the entry after the broken one must load"
    );
    assert!(dir.agency("bad").is_none());
}

#[test]
fn no_head_and_no_contacts_is_a_warning() {
    warning("no-contact.toml", "no-contact", 18, 1);
}

#[test]
fn entry_older_than_twelve_months_is_stale() {
    let m = warning("stale.toml", "stale", 18, 1);
    assert!(m.contains("2025-09-30"), "{m}");
}

#[test]
fn unknown_field_suggests_the_known_one() {
    let m = warning("unknown-field.toml", "unknown-field", 25, 1);
    assert_eq!(m, "unknown field \"adress\" — did you mean \"address\"?");
}

#[test]
fn service_without_documents_or_steps_is_a_warning() {
    warning("no-documents-or-steps.toml", "no-documents-or-steps", 31, 1);
}

#[test]
fn name_without_genitive_or_known_head_noun_is_a_warning() {
    warning("no-genitive.toml", "no-genitive", 18, 1);
}

#[test]
fn same_name_and_address_twice_is_a_warning() {
    let m = warning("duplicate-agency.toml", "duplicate-agency", 18, 1);
    assert!(m.contains("duplicate-agency.toml:1"), "{m}");
}

#[test]
fn control_character_in_text_is_a_warning_at_its_column() {
    warning("control-character.toml", "control-character", 25, 27);
}

#[test]
fn folder_is_read_recursively_in_sorted_order_and_one_bad_file_hides_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("b-sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(fixture("syntax.toml"), tmp.path().join("a.toml")).unwrap();
    std::fs::copy(fixture("stale.toml"), sub.join("c.toml")).unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "not a directory file").unwrap();
    let opts = opts();
    let dir = load_path(tmp.path(), &opts);
    assert_eq!(dir.files.len(), 2);
    assert!(dir.files[0].ends_with("a.toml") && dir.files[1].ends_with("c.toml"));
    // a.toml defines good/after (bad is broken); c.toml's "good" is a duplicate of a.toml's.
    let dup = dir
        .diagnostics
        .iter()
        .find(|d| d.code == "duplicate-id")
        .unwrap();
    assert!(
        dup.file.ends_with("c.toml") && dup.message.contains("a.toml:1"),
        "{}",
        dup.message
    );
    assert!(dir.agency("after").is_some() && dir.agency("bad").is_some());
}

#[test]
fn file_that_is_not_utf8_is_an_error_at_the_first_bad_byte_and_other_files_load() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("stale.toml"), tmp.path().join("a.toml")).unwrap();
    // Windows-1251 bytes on line 2, as an editor set to the wrong encoding writes them.
    std::fs::write(
        tmp.path().join("b.toml"),
        b"# ok\nname = \"\xcf\xf0\xe8\"\n",
    )
    .unwrap();
    let opts = opts();
    let dir = load_path(tmp.path(), &opts);
    // The file that could not be read still counts as a file of the directory.
    assert_eq!(dir.files.len(), 2, "{:?}", dir.files);
    let d = dir
        .diagnostics
        .iter()
        .find(|d| d.code == "encoding")
        .expect("encoding error");
    assert!(d.file.ends_with("b.toml"));
    assert_eq!((d.line, d.column), (2, 9));
    assert!(d.message.contains("UTF-8"), "{}", d.message);
    assert!(dir.agency("good").is_some() && dir.agency("bad").is_some());
}

/// A complete agency entry with `extra` lines added (id "x").
fn entry(extra: &str) -> String {
    format!(
        "[[agency]]\nid = \"x\"\nname = \"Відділ тестування\"\nname_genitive = \"Відділу тестування\"\n\
         gender = \"m\"\ncategory = \"other\"\nlocality = \"Житомир\"\naddress = \"вул. Тестова, 1\"\n\
         head = {{ name = \"Тестенко Іван Петрович\" }}\nverified = 2026-10-01\n{extra}\n"
    )
}

fn load_one(text: &str) -> Directory {
    refdesk::directory::load_texts(&[("t.toml", text)], &opts())
}

fn only(dir: &Directory, code: &str) -> (usize, usize, String) {
    let found: Vec<_> = dir.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "one {code}: {:#?}", dir.diagnostics);
    (found[0].line, found[0].column, found[0].message.clone())
}

#[test]
fn control_character_after_escapes_is_reported_where_it_stands_in_the_file() {
    // Line 11: description = "\u00e9\u00e9\u00e9\t" — the \t escape starts at column 34.
    let dir = load_one(&entry(
        "description = \"\\u00e9\\u00e9\\u00e9\\t\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"",
    ));
    let (line, column, _) = only(&dir, "control-character");
    assert_eq!((line, column), (11, 34));
}

#[test]
fn control_character_inside_a_multiline_string_is_reported_on_its_own_line() {
    let dir = load_one(&entry(
        "description = \"\"\"\nперший рядок\nдругий\tрядок\"\"\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"",
    ));
    let (line, column, _) = only(&dir, "control-character");
    assert_eq!((line, column), (13, 7));
}

#[test]
fn windows_line_endings_are_not_control_characters() {
    let text = entry(
        "description = \"\"\"\nперший рядок\nдругий рядок\"\"\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"",
    )
    .replace('\n', "\r\n");
    let dir = load_one(&text);
    assert!(
        dir.diagnostics
            .iter()
            .all(|d| d.code != "control-character"),
        "{:#?}",
        dir.diagnostics
    );
    let a = dir.agency("x").expect("loads");
    assert_eq!(a.description.as_deref(), Some("перший рядок\nдругий рядок"));
}

#[test]
fn bidirectional_override_is_reported_like_a_control_character() {
    let dir = load_one(&entry(
        "description = \"вхід\u{202E}зліва\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"",
    ));
    let (line, column, m) = only(&dir, "control-character");
    assert_eq!((line, column), (11, 20));
    assert!(m.contains("U+202E"), "{m}");
}

#[test]
fn hours_error_inside_an_escaped_string_points_at_the_error() {
    // hours = "\u041f\u043d-\u041f\u0442 09:00-1x:00": the bad time starts at column 47.
    let dir = load_one(&entry(
        "phones = [\"+380 412 42 05 10\"]\nhours = \"\\u041f\\u043d-\\u041f\\u0442 09:00-1x:00\"",
    ));
    let (line, column, _) = only(&dir, "invalid-hours");
    assert_eq!(line, 12);
    let src_line = "hours = \"\\u041f\\u043d-\\u041f\\u0442 09:00-1x:00\"";
    let bad = src_line.find("1x").unwrap() + 1;
    assert_eq!(column, bad, "column {column}, the bad time is at {bad}");
}

#[test]
fn an_empty_phone_list_is_reported_even_when_the_entry_has_other_errors() {
    let dir = load_one(&entry(
        "topics = [1]\nphones = []\nhours = \"Пн-Пт 09:00-18:00\"",
    ));
    let missing: Vec<_> = dir
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-field")
        .collect();
    assert!(
        missing.iter().any(|d| d.message.contains("\"phones\"")),
        "{:#?}",
        dir.diagnostics
    );
    let (_, _, m) = only(&dir, "wrong-type");
    assert!(m.contains("every item a quoted string"), "{m}");
}

#[test]
fn plural_top_level_table_suggests_the_right_name() {
    let text = entry("phones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"")
        .replace("[[agency]]", "[[agencies]]");
    let dir = load_one(&text);
    let (line, column, m) = only(&dir, "unknown-field");
    assert_eq!((line, column), (1, 3));
    assert!(m.contains("did you mean \"agency\""), "{m}");
}

#[test]
fn an_error_only_the_whole_file_has_is_still_reported_and_the_entries_load() {
    let text = format!(
        "[directory]\nname = \"a\"\n\n{}\n[directory]\nname = \"b\"\n",
        entry("phones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"")
    );
    let dir = load_one(&text);
    let syntax: Vec<_> = dir
        .diagnostics
        .iter()
        .filter(|d| d.code == "syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{:#?}", dir.diagnostics);
    assert!(syntax[0].line > 1, "{:?}", syntax[0]);
    assert!(dir.agency("x").is_some());
}

#[test]
fn an_empty_folder_is_an_error_not_a_clean_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("readme.txt"), "not data").unwrap();
    let opts = opts();
    let dir = load_path(tmp.path(), &opts);
    let d = dir
        .diagnostics
        .iter()
        .find(|d| d.code == "no-files")
        .expect("no-files");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("--data"), "{}", d.message);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_back_up_the_tree_does_not_load_files_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("d");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(fixture("stale.toml"), tmp.path().join("a.toml")).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let opts = opts();
    let dir = load_path(tmp.path(), &opts);
    assert_eq!(dir.files.len(), 1, "{:?}", dir.files);
    assert!(
        dir.diagnostics.iter().all(|d| d.code != "duplicate-id"),
        "{:#?}",
        dir.diagnostics
    );
}

/// An entry skipped for a missing required field is still checked through: its unknown
/// category, future date and wrong field types are all reported in the same run.
#[test]
fn a_skipped_entry_reports_every_problem_at_once() {
    let text = r#"
[[agency]]
id = "bad"
category = "taxx"
locality = "Житомир"
address = "вул. Київська, 1"
phones = ["+380 412 42 05 10"]
hours = "Пн-Пт 09:00-18:00"
remote = "так"
verified = 2027-01-01
"#;
    let dir = refdesk::directory::load_texts(&[("x.toml", text)], &opts());
    let codes: Vec<(&str, usize, usize)> = dir
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.line, d.column))
        .collect();
    for (code, line, column) in [
        ("missing-field", 2, 1),
        ("unknown-category", 4, 12),
        ("wrong-type", 9, 10),
        ("future-verified", 10, 12),
    ] {
        assert!(
            codes.contains(&(code, line, column)),
            "{code} at {line}:{column}: {:#?}",
            dir.diagnostics
        );
    }
    assert!(dir.agencies.is_empty());
}

//! The office's spreadsheet: the demo directory goes out as a workbook and comes back card for
//! card; a workbook made by another program (other column order, extra columns, bad cells)
//! imports with its mapping printed and every unusable cell located.

use assert_cmd::Command;
use refdesk::app::App;
use refdesk::commands::show::render_text;
use refdesk::config::Config;
use refdesk::directory::{Directory, LoadOptions, Severity, load_demo, load_texts};
use refdesk::i18n::Lang;
use refdesk::maintain::sheet;
use refdesk::referral::Card;
use std::collections::HashMap;
use std::path::Path;

fn now() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0)
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    }
}

fn cards(dir: Directory) -> HashMap<String, String> {
    let app = App {
        dir,
        cache: None,
        config: Config::default(),
        config_error: None,
        lang: Lang::Uk,
        now: now(),
    };
    app.dir
        .agencies
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                render_text(&app, &Card::new(&app.dir, a, app.lang)),
            )
        })
        .collect()
}

fn content(dir: &Directory) -> HashMap<String, serde_json::Value> {
    dir.agencies
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap();
            v.as_object_mut().unwrap().remove("origin");
            (a.id.clone(), v)
        })
        .collect()
}

#[test]
fn demo_directory_survives_export_and_import_card_for_card() {
    let demo = load_demo(&opts());
    assert_eq!(demo.error_count(), 0);
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("довідник.xlsx");
    let (agencies, services) = sheet::export::export(&demo, &book).unwrap();
    assert_eq!(agencies, demo.agencies.len());
    assert_eq!(
        services,
        demo.agencies
            .iter()
            .map(|a| a.services.len())
            .sum::<usize>()
    );
    let imported = sheet::import::import(&book, now().date(), Lang::Uk).unwrap();
    assert!(imported.problems.is_empty(), "{:#?}", imported.problems);
    assert!(
        imported.mapping.iter().all(|m| m.field.is_some()),
        "every column of our own workbook is recognised: {:#?}",
        imported.mapping
    );
    // The workbook holds agencies and services; the directory's own table and abbreviations
    // stay in their files, as they do in a data folder the import writes into.
    let mut files: Vec<(&str, &str)> = refdesk::demo::FILES
        .iter()
        .filter(|(_, text)| !text.contains("[[agency]]"))
        .copied()
        .collect();
    files.push(("imported.toml", imported.toml.as_str()));
    let back = load_texts(&files, &opts());
    let errors: Vec<_> = back
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(Lang::Uk))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        back.warning_count(),
        demo.warning_count(),
        "no new warnings"
    );
    let (before, after) = (cards(demo.clone()), cards(back.clone()));
    assert_eq!(before.len(), after.len());
    for (id, card) in &before {
        assert_eq!(Some(card), after.get(id), "the card of {id} changed");
    }
    let (b, a) = (content(&demo), content(&back));
    for (id, v) in &b {
        assert_eq!(Some(v), a.get(id), "the data of {id} changed");
    }
}

/// An office's own list, as another program writes it: its own column order and headers,
/// columns refdesk has no field for, a bad phone, unreadable hours and a row without a name.
fn office_workbook(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Лист1").unwrap();
    let rows: [[&str; 10]; 4] = [
        [
            "Примітки",
            "Телефон",
            "Найменування",
            "Колір",
            "Адреса",
            "Місто",
            "Режим роботи",
            "Керівник",
            "Контактна особа",
            "Категорія",
        ],
        [
            "дзвонити зранку",
            "(0412) 42-05-10; (0412) 42-05-11",
            "Центр надання адміністративних послуг",
            "зелений",
            "вул. Приклад, 1",
            "Житомир",
            "Пн-Пт 09:00-18:00",
            "Іваненко Марія Петрівна, директорка",
            "Олійник Тарас Ігорович, адміністратор, каб. 3, тел. (0412) 42-05-12",
            "ЦНАП, адмінпослуги",
        ],
        [
            "",
            "12-34",
            "Служба у справах дітей",
            "",
            "вул. Приклад, 2",
            "Житомир",
            "з дев'ятої до шостої",
            "Коваль Ірина Петрівна",
            "",
            "Діти",
        ],
        [
            "без назви",
            "(0412) 42-05-19",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    ws.write_number(1, 10, 4.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn an_office_list_imports_with_its_mapping_printed_and_bad_cells_located() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("список.xlsx");
    office_workbook(&book);
    let out_file = tmp.path().join("out.toml");
    let o = Command::cargo_bin("refdesk")
        .unwrap()
        .env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_CONFIG", tmp.path().join("none.toml"))
        .env_remove("REFDESK_LANG")
        .args([
            "import",
            "sheet",
            book.to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    );
    for line in [
        "Лист1!A «Примітки» → notes",
        "Лист1!B «Телефон» → phones",
        "Лист1!C «Найменування» → name",
        "Лист1!D «Колір» — не використано",
        "Лист1!G «Режим роботи» → hours",
        "Лист1!I «Контактна особа» → contacts",
        "Лист1!K «» — не використано",
    ] {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    let b = book.display();
    for problem in [
        format!(
            "{b}:Лист1!D1: стовпець «Колір» не розпізнано — його не перенесено (1 клітинка із даними)"
        ),
        format!(
            "{b}:Лист1!K1: стовпець «» не розпізнано — його не перенесено (1 клітинка із даними)"
        ),
        format!("{b}:Лист1!B3: «12-34» — не телефонний номер"),
        format!("{b}:Лист1!G3: «з дев'ятої до шостої» — графік не розпізнано"),
        format!("{b}:Лист1!J3: категорію «Діти» не знайдено"),
        format!("{b}:Лист1!A4: у рядку немає назви установи — рядок не перенесено"),
    ] {
        assert!(err.contains(&problem), "{problem:?} in {err}");
    }
    assert!(out.contains("Імпортовано 2 установи і 0 послуг"), "{out}");
    let text = std::fs::read_to_string(&out_file).unwrap();
    let dir = load_texts(&[("out.toml", &text)], &opts());
    let cnap = dir
        .agency("tsentr-nadannia-administratyvnykh-posluh")
        .expect(&text);
    assert_eq!(cnap.category, "administrative-services");
    assert_eq!(cnap.phones.len(), 2);
    assert_eq!(
        cnap.head.as_ref().unwrap().title.as_deref(),
        Some("директорка")
    );
    let c = &cnap.contacts[0];
    assert_eq!(c.name, "Олійник Тарас Ігорович");
    assert_eq!(c.room.as_deref(), Some("каб. 3"));
    assert_eq!(c.phone.as_ref().unwrap().raw, "(0412) 42-05-12");
    assert_eq!(cnap.notes.as_deref(), Some("дзвонити зранку"));
    // The second entry keeps what it could not use in the file, where validate finds it.
    assert!(text.contains("# категорія в таблиці: Діти"), "{text}");
    assert!(text.contains("# з таблиці: Лист1, рядок 3\n"), "{text}");
    assert!(text.contains("hours = \"з дев'ятої до шостої\""), "{text}");
    assert!(dir.diagnostics.iter().any(|d| d.code == "invalid-hours"));
}

#[test]
fn a_csv_list_with_semicolons_is_read_too() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("list.csv");
    std::fs::write(
        &csv,
        "\u{feff}Назва;Адреса;Місто;Телефони;Графік;Перевірено\n\
         Пенсійний фонд, сервісний центр;вул. Приклад, 4;Житомир;0412 42 05 13;Пн-Пт 08:00-17:00;01.11.2026\n",
    )
    .unwrap();
    let imported = sheet::import::import(&csv, now().date(), Lang::Uk).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.mapping[3].column, "D");
    let dir = load_texts(&[("o.toml", &imported.toml)], &opts());
    assert_eq!(dir.error_count(), 0, "{:?}", dir.diagnostics);
    let a = &dir.agencies[0];
    assert_eq!(a.verified, jiff::civil::date(2026, 11, 1));
    assert_eq!(a.category, "other");
}

/// A workbook exported from a directory with broken entries says they were left out, as the
/// HSDS export does (one message for both).
#[test]
fn an_export_with_broken_entries_says_they_were_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/broken");
    for format in ["sheet", "hsds"] {
        let out_path = tmp.path().join(format!("out-{format}"));
        let out_path = if format == "sheet" {
            out_path.with_extension("xlsx")
        } else {
            out_path
        };
        let o = Command::cargo_bin("refdesk")
            .unwrap()
            .env("REFDESK_NOW", "2026-11-25T10:30")
            .env("REFDESK_CONFIG", tmp.path().join("none.toml"))
            .env("REFDESK_NO_CACHE", "1")
            .env_remove("REFDESK_LANG")
            .arg("--data")
            .arg(&data)
            .args(["export", format, "-o"])
            .arg(&out_path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{format}: {err}");
        assert!(
            err.contains("записи з помилками не експортовано"),
            "{format}: {err}"
        );
    }
}

//! HSDS 3.0 export and import: the demo directory goes out and comes back without loss, the
//! package has the HSDS field names, and schedules map between weekly rows and opening_hours.

use refdesk::app::App;
use refdesk::commands::show::render_text;
use refdesk::config::Config;
use refdesk::directory::{Directory, LoadOptions, load_demo, load_path, load_texts};
use refdesk::hsds;
use refdesk::i18n::Lang;
use refdesk::referral::Card;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn now() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0)
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    }
}

fn app(dir: Directory) -> App {
    App {
        dir,
        cache: None,
        config: Config::default(),
        config_error: None,
        lang: Lang::Uk,
        now: now(),
    }
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

/// Exports `dir`, imports the package, and loads the TOML the import wrote.
fn round_trip(dir: &Directory, tmp: &Path) -> (hsds::Imported, Directory) {
    let pkg = tmp.join("package");
    hsds::export(dir, &pkg, now()).expect("export");
    let imported = hsds::import(&pkg, now().date(), Lang::Uk).expect("import");
    let back = load_texts(&[("imported.toml", &imported.toml)], &opts());
    (imported, back)
}

/// Every agency's full `show` card, by id.
fn cards(dir: Directory) -> HashMap<String, String> {
    let app = app(dir);
    app.dir
        .agencies
        .iter()
        .map(|a| {
            let card = Card::new(&app.dir, a, app.lang);
            (a.id.clone(), render_text(&app, &card))
        })
        .collect()
}

/// An agency's data as JSON, without its place in the file.
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
    assert!(demo.agencies.len() >= 40, "the demo directory is loaded");
    assert_eq!(demo.error_count(), 0);
    let tmp = tempfile::tempdir().unwrap();
    let (imported, back) = round_trip(&demo, tmp.path());
    let errors: Vec<_> = back
        .diagnostics
        .iter()
        .filter(|d| d.severity == refdesk::directory::Severity::Error)
        .map(|d| d.render(Lang::Uk))
        .collect();
    assert!(
        errors.is_empty(),
        "the imported file loads cleanly: {errors:#?}"
    );
    assert!(
        imported.unmapped.is_empty(),
        "a refdesk package maps completely: {:?}",
        imported.unmapped
    );
    assert_eq!(
        back.warning_count(),
        demo.warning_count(),
        "no new warnings"
    );
    assert!(back.meta.demo, "the demo flag travels too");
    let (before, after) = (cards(demo.clone()), cards(back.clone()));
    assert_eq!(before.len(), after.len());
    for (id, card) in &before {
        assert_eq!(Some(card), after.get(id), "the card of {id} changed");
    }
    // Stronger than the cards: every field, including the raw text of hours and phones.
    let (b, a) = (content(&demo), content(&back));
    for (id, v) in &b {
        assert_eq!(Some(v), a.get(id), "the data of {id} changed");
    }
}

#[test]
fn every_field_of_format_v1_survives_the_round_trip() {
    let dir = load_path(&fixture("cli/full.toml"), &opts());
    assert_eq!(dir.error_count(), 0);
    let tmp = tempfile::tempdir().unwrap();
    let (_, back) = round_trip(&dir, tmp.path());
    assert_eq!(back.error_count(), 0);
    assert_eq!(content(&dir), content(&back));
    assert_eq!(back.meta.name.as_deref(), Some("Тестовий довідник"));
}

/// Reads a CSV written by the export as (headers, rows as maps).
fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect();
    (headers, rows)
}

#[test]
fn package_has_hsds_tables_and_field_names_declared_in_datapackage_json() {
    let dir = load_path(&fixture("cli/full.toml"), &opts());
    let tmp = tempfile::tempdir().unwrap();
    hsds::export(&dir, tmp.path(), now()).unwrap();
    let expect: &[(&str, &[&str])] = &[
        ("organizations.csv", &["id", "name", "alternate_name"]),
        (
            "services.csv",
            &[
                "application_process",
                "fees_description",
                "assured_date",
                "eligibility_description",
                "alert",
                "status",
            ],
        ),
        ("locations.csv", &["location_type", "latitude", "longitude"]),
        ("service_at_location.csv", &["service_id", "location_id"]),
        ("addresses.csv", &["address_1", "city", "postal_code"]),
        ("phones.csv", &["number", "description"]),
        ("contacts.csv", &["name", "title", "email"]),
        ("schedules.csv", &["byday", "opens_at", "closes_at", "freq"]),
        ("required_documents.csv", &["service_id", "document"]),
        ("accessibility.csv", &["location_id", "description"]),
        ("attributes.csv", &["link_id", "taxonomy_term_id"]),
        ("taxonomy_terms.csv", &["code", "name"]),
        ("taxonomies.csv", &["name"]),
    ];
    let dp: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(dp["profile"], "tabular-data-package");
    let resources = dp["resources"].as_array().unwrap();
    for (file, cols) in expect {
        let (headers, _) = read_csv(&tmp.path().join(file));
        for c in *cols {
            assert!(headers.iter().any(|h| h == c), "{file} lacks {c}");
        }
        let res = resources
            .iter()
            .find(|r| r["path"] == *file)
            .unwrap_or_else(|| panic!("{file} is not declared"));
        let declared: Vec<&str> = res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            declared, headers,
            "{file}: every column is declared, in order"
        );
        for f in res["schema"]["fields"].as_array().unwrap() {
            let name = f["name"].as_str().unwrap();
            if name.starts_with("refdesk_") {
                assert!(
                    f["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "extension column {file}:{name} says what it holds"
                );
            }
        }
    }
    let (_, docs) = read_csv(&tmp.path().join("required_documents.csv"));
    let docs: Vec<&str> = docs.iter().map(|r| r["document"].as_str()).collect();
    assert_eq!(
        docs,
        [
            "паспорт громадянина України",
            "РНОКПП (ідентифікаційний код)",
            "паспорт"
        ]
    );
    let (_, services) = read_csv(&tmp.path().join("services.csv"));
    assert_eq!(services[0]["fees_description"], "безоплатно");
    assert_eq!(services[0]["assured_date"], "2026-10-15");
    assert_eq!(
        services[0]["application_process"],
        "1. подати запит\n2. отримати відомості"
    );
    let (_, contacts) = read_csv(&tmp.path().join("contacts.csv"));
    assert!(
        contacts
            .iter()
            .any(|c| c["name"] == "Кравчук Світлана Олександрівна"
                && c["title"] == "головний державний інспектор")
    );
    let (_, phones) = read_csv(&tmp.path().join("phones.csv"));
    assert!(
        phones
            .iter()
            .any(|p| p["number"] == "0 800 213 103" && p["description"] == "безкоштовно")
    );
}

#[test]
fn lunch_break_gives_two_weekly_rows_per_day() {
    // hours = "Пн-Чт 09:00-18:00; Пт 09:00-16:45", lunch = "13:00-13:45",
    // reception = "Вт,Чт 09:00-12:00".
    let dir = load_path(&fixture("cli/full.toml"), &opts());
    let tmp = tempfile::tempdir().unwrap();
    hsds::export(&dir, tmp.path(), now()).unwrap();
    let (_, rows) = read_csv(&tmp.path().join("schedules.csv"));
    let at_location: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .filter(|r| !r["location_id"].is_empty())
        .map(|r| {
            (
                r["description"].as_str(),
                r["byday"].as_str(),
                r["opens_at"].as_str(),
                r["closes_at"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        at_location,
        [
            (
                hsds::SCHEDULE_HOURS,
                "MO,TU,WE,TH,FR",
                "09:00:00",
                "13:00:00"
            ),
            (hsds::SCHEDULE_HOURS, "FR", "13:45:00", "16:45:00"),
            (hsds::SCHEDULE_HOURS, "MO,TU,WE,TH", "13:45:00", "18:00:00"),
            (hsds::SCHEDULE_RECEPTION, "TU,TH", "09:00:00", "12:00:00"),
        ]
    );
    assert!(
        rows.iter()
            .filter(|r| r["description"] == hsds::SCHEDULE_HOURS)
            .all(
                |r| r["notes"] == "під час повітряної тривоги прийом не ведеться"
                    && r["freq"] == "WEEKLY"
            )
    );
}

/// Removes every `refdesk_*` column and `datapackage.json`: what another HSDS tool that drops
/// unknown columns would hand back.
fn strip_extensions(pkg: &Path) {
    std::fs::remove_file(pkg.join("datapackage.json")).unwrap();
    for e in std::fs::read_dir(pkg).unwrap() {
        let p = e.unwrap().path();
        let (headers, rows) = read_csv(&p);
        let keep: Vec<&String> = headers
            .iter()
            .filter(|h| !h.starts_with("refdesk_"))
            .collect();
        let mut w = csv::Writer::from_path(&p).unwrap();
        w.write_record(keep.iter().map(|h| h.as_str())).unwrap();
        for r in &rows {
            w.write_record(keep.iter().map(|h| r[*h].as_str())).unwrap();
        }
        w.flush().unwrap();
    }
}

#[test]
fn hours_are_rebuilt_from_weekly_rows_alone() {
    let demo = load_demo(&opts());
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("p");
    hsds::export(&demo, &pkg, now()).unwrap();
    strip_extensions(&pkg);
    let imported = hsds::import(&pkg, now().date(), Lang::Uk).unwrap();
    let back = load_texts(&[("rows.toml", &imported.toml)], &opts());
    assert_eq!(back.error_count(), 0);
    let mut with_lunch = 0;
    for a in &demo.agencies {
        let b = back.agency(&a.id).unwrap_or_else(|| {
            panic!(
                "{} came back under its id (location.external_identifier)",
                a.id
            )
        });
        let lunch = |x: &refdesk::directory::Agency| x.lunch.as_ref().map(|l| l.parsed);
        assert_eq!(
            hsds::split_lunch(&a.hours.parsed.weekly(), lunch(a).as_ref()),
            hsds::split_lunch(&b.hours.parsed.weekly(), lunch(b).as_ref()),
            "{}: the same open intervals",
            a.id
        );
        assert_eq!(
            a.hours.parsed.display(Lang::Uk),
            b.hours.parsed.display(Lang::Uk),
            "{}: hours read the same",
            a.id
        );
        if a.lunch.is_some() {
            with_lunch += 1;
            assert_eq!(
                lunch(a),
                lunch(b),
                "{}: the lunch break is found again",
                a.id
            );
        }
        assert_eq!(
            a.reception.as_ref().map(|r| r.parsed.weekly()),
            b.reception.as_ref().map(|r| r.parsed.weekly()),
            "{}: reception hours",
            a.id
        );
        assert_eq!(a.hours_note, b.hours_note, "{}: hours note", a.id);
        for (sa, sb) in a.services.iter().zip(&b.services) {
            assert_eq!(
                sa.hours.as_ref().map(|h| h.parsed.weekly()),
                sb.hours.as_ref().map(|h| h.parsed.weekly()),
                "{}: hours of {}",
                a.id,
                sa.name
            );
        }
    }
    assert!(with_lunch > 0, "the demo has agencies with a lunch break");
}

#[test]
fn rows_edited_by_another_tool_win_over_the_exact_text() {
    let dir = load_path(&fixture("cli/full.toml"), &opts());
    let tmp = tempfile::tempdir().unwrap();
    hsds::export(&dir, tmp.path(), now()).unwrap();
    // Someone moved Friday's afternoon closing to 17:00 in a spreadsheet.
    let path = tmp.path().join("schedules.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        ",FR,,,,Графік роботи,13:45:00,16:45:00",
        ",FR,,,,Графік роботи,13:45:00,17:00:00",
    );
    assert_ne!(text, edited, "the Friday row was found");
    std::fs::write(&path, edited).unwrap();
    let imported = hsds::import(tmp.path(), now().date(), Lang::Uk).unwrap();
    let back = load_texts(&[("x.toml", &imported.toml)], &opts());
    let a = back.agency("zt-test-cop").unwrap();
    let fri = &a.hours.parsed.weekly()[4];
    assert_eq!(
        fri.last().map(|iv| iv.1),
        Some(jiff::civil::time(17, 0, 0, 0))
    );
    assert_eq!(
        a.lunch.as_ref().map(|l| l.raw.as_str()),
        Some("13:00-13:45")
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("refdesk_hours")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn exporting_twice_gives_identical_files() {
    let demo = load_demo(&opts());
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    hsds::export(&demo, a.path(), now()).unwrap();
    hsds::export(&demo, b.path(), now()).unwrap();
    for e in std::fs::read_dir(a.path()).unwrap() {
        let name = e.unwrap().file_name();
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

#[test]
fn quoted_text_and_hours_that_vary_through_the_year_survive_the_round_trip() {
    let text = r#"
[[agency]]
id = "season"
name = "Відділ сезонного прийому"
short_name = '"Право на захист"'
name_genitive = "Відділу сезонного прийому"
gender = "m"
category = "other"
locality = "Житомир"
address = "вул. Тестова, 1"
phones = ["+380 412 42 05 10"]
hours = "Jun-Aug Пн-Пт 09:00-18:00; Пн[1] 10:00-12:00"
lunch = "13:00-13:45"
hours_note = "під час тривоги прийом не ведеться"
head = { name = "Тестенко Іван Петрович" }
verified = 2026-10-01

[[agency.service]]
name = '"Юрист поруч"'
documents = ['"Паспорт"']
steps = ['"Записатися"']
hours = "Jun-Aug Вт 10:00-12:00"
"#;
    let dir = load_texts(&[("season.toml", text)], &opts());
    assert_eq!(dir.error_count(), 0, "{:#?}", dir.diagnostics);
    let tmp = tempfile::tempdir().unwrap();
    let (imported, back) = round_trip(&dir, tmp.path());
    assert_eq!(back.error_count(), 0, "{}", imported.toml);
    assert_eq!(content(&dir), content(&back), "{}", imported.toml);

    // Other tools get no weekly rows that would be false most of the year, but the text.
    let (_, rows) = read_csv(&tmp.path().join("package/schedules.csv"));
    assert!(rows.iter().all(|r| r["byday"].is_empty()), "{rows:#?}");
    assert!(
        rows.iter().any(|r| r["notes"]
            .starts_with("Jun–Aug Пн–Пт 09:00–18:00; Пн[1] 10:00–12:00; перерва 13:00–13:45")),
        "{rows:#?}"
    );
}

#[test]
fn every_organization_has_the_description_hsds_requires() {
    let dir = load_path(&fixture("cli/full.toml"), &opts());
    let mut no_description = dir.clone();
    for a in &mut no_description.agencies {
        a.description = None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (_, back) = round_trip(&no_description, tmp.path());
    let (_, rows) = read_csv(&tmp.path().join("package/organizations.csv"));
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| !r["description"].is_empty()),
        "{rows:#?}"
    );
    // …and the stand-in does not come back as a description.
    assert!(back.agencies.iter().all(|a| a.description.is_none()));
}

#[test]
fn the_area_an_agency_serves_survives_the_round_trip() {
    let agency = |id: &str, extra: &str| {
        format!(
            "[[agency]]\nid = \"{id}\"\nname = \"Державний архів Житомирської області\"\ncategory = \"other\"\n{extra}\nlocality = \"Житомир\"\naddress = \"вул. Театральна, 7\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"\nverified = 2026-10-01\nhead = {{ name = \"Коваленко Ірина Петрівна\" }}\n\n"
        )
    };
    let text = [
        "[directory]\nprovince = \"Житомирська область\"\n\n".to_string(),
        agency("oblast", "serves = \"oblast\""),
        agency(
            "own-oblast",
            "serves = \"oblast\"\nprovince = \"Київська область\"",
        ),
        agency("country", "serves = \"country\""),
        agency("list", "serves = [\"Бердичів\", \"с. Семенівка\"]"),
        agency("none", ""),
    ]
    .concat();
    let dir = load_texts(&[("a.toml", &text)], &opts());
    assert_eq!(dir.error_count(), 0);
    let tmp = tempfile::tempdir().unwrap();
    let (imported, back) = round_trip(&dir, tmp.path());
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    assert_eq!(back.error_count(), 0);
    assert_eq!(back.warning_count(), dir.warning_count());
    assert!(!back.diagnostics.iter().any(|d| d.code == "no-oblast"));
    assert_eq!(back.meta.province.as_deref(), Some("Житомирська область"));
    assert_eq!(content(&dir), content(&back));
    assert!(
        back.agency("list")
            .is_some_and(|a| a.serves.is_some() && !a.serves_country())
    );
}

//! HSDS import faults found by fuzzing and by hand (issue 10, items 10–15), one test each: an
//! empty id is no join key, sites of one organization keep their own contacts, foreign
//! addresses and numbers survive, descriptor paths stay inside the package, and `import -o`
//! never overwrites a file unasked.

use assert_cmd::Command;
use refdesk::directory::{Directory, LoadOptions, Severity, load_demo, load_texts};
use refdesk::hsds;
use refdesk::i18n::Lang;
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

fn load(toml: &str) -> Directory {
    load_texts(&[("imported.toml", toml)], &opts())
}

fn errors(dir: &Directory) -> Vec<String> {
    dir.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(Lang::Uk))
        .collect()
}

fn import(pkg: &Path) -> hsds::Imported {
    hsds::import(pkg, now().date(), Lang::Uk).expect("import")
}

/// Writes CSV tables (file name, rows with the header first) into `dir`.
fn write_tables(dir: &Path, tables: &[(&str, &[&[&str]])]) {
    std::fs::create_dir_all(dir).unwrap();
    for (file, rows) in tables {
        let mut w = csv::Writer::from_path(dir.join(file)).unwrap();
        for r in *rows {
            w.write_record(*r).unwrap();
        }
        w.flush().unwrap();
    }
}

/// Empties the given columns of a table the export wrote.
fn blank_columns(pkg: &Path, file: &str, cols: &[&str]) {
    let p = pkg.join(file);
    let mut r = csv::Reader::from_path(&p).unwrap();
    let headers = r.headers().unwrap().clone();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .zip(headers.iter())
                .map(|(v, h)| if cols.contains(&h) { "" } else { v }.to_string())
                .collect()
        })
        .collect();
    let mut w = csv::Writer::from_path(&p).unwrap();
    w.write_record(&headers).unwrap();
    for row in rows {
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
}

fn unmapped(imp: &hsds::Imported, what: &str) -> Option<usize> {
    imp.unmapped
        .iter()
        .find(|(w, _)| w == what)
        .map(|(_, n)| *n)
}

// Item 10.

#[test]
fn an_empty_id_joins_nothing() {
    let demo = load_demo(&opts());
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    hsds::export(&demo, &pkg, now()).unwrap();
    // Another tool left the link table's own ids empty: every phone and contact has an empty
    // service_at_location_id too, which must not make them the phones of every service.
    blank_columns(&pkg, "service_at_location.csv", &["id"]);
    let imp = import(&pkg);
    let back = load(&imp.toml);
    assert_eq!(errors(&back), Vec::<String>::new());
    for a in &demo.agencies {
        let b = back.agencies.iter().find(|b| b.id == a.id).unwrap();
        assert_eq!(b.phones.len(), a.phones.len(), "phones of {}", a.id);
        assert_eq!(b.contacts.len(), a.contacts.len(), "contacts of {}", a.id);
        assert_eq!(b.hours.raw, a.hours.raw, "hours of {}", a.id);
    }
}

#[test]
fn rows_whose_links_are_all_empty_are_counted_as_unlinked() {
    let demo = load_demo(&opts());
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    hsds::export(&demo, &pkg, now()).unwrap();
    blank_columns(&pkg, "phones.csv", &["location_id", "organization_id"]);
    let agency_phones: usize = demo.agencies.iter().map(|a| a.phones.len()).sum();
    let imp = import(&pkg);
    let back = load(&imp.toml);
    // The contacts' own phones keep their link; the agencies' phones link nowhere.
    assert!(back.agencies.iter().all(|a| a.phones.is_empty()));
    assert_eq!(
        unmapped(&imp, "phones — рядки, у яких усі посилання порожні"),
        Some(agency_phones),
        "{:?}",
        imp.unmapped
    );
    let rows = hsds::ROW.count(Lang::Uk, agency_phones as u64);
    let line =
        format!("не вдалося перенести: phones — рядки, у яких усі посилання порожні ({rows})");
    assert!(
        imp.unmapped_lines(Lang::Uk).contains(&line),
        "{:?}",
        imp.unmapped_lines(Lang::Uk)
    );
}

// Item 11.

const ORG: &str = "00000000-0000-4000-8000-000000000001";
const LOC_A: &str = "00000000-0000-4000-8000-0000000000a1";
const LOC_B: &str = "00000000-0000-4000-8000-0000000000b1";
const SVC: &str = "00000000-0000-4000-8000-0000000000c1";

/// One organization with two sites that have names of their own; its contacts carry the
/// organization's id as well as their site's (as many exporters write them).
#[allow(clippy::too_many_lines)] // a fixture written out in full
fn two_sites(dir: &Path) {
    write_tables(
        dir,
        &[
            (
                "organizations.csv",
                &[
                    &["id", "name", "description"],
                    &[
                        ORG,
                        "Координаційний центр з надання правничої допомоги",
                        "Безоплатна правнича допомога.",
                    ],
                ],
            ),
            (
                "locations.csv",
                &[
                    &["id", "location_type", "organization_id", "name"],
                    &[
                        LOC_A,
                        "physical",
                        ORG,
                        "Житомирське бюро правничої допомоги",
                    ],
                    &[
                        LOC_B,
                        "physical",
                        ORG,
                        "Бердичівське бюро правничої допомоги",
                    ],
                ],
            ),
            (
                "addresses.csv",
                &[
                    &[
                        "id",
                        "location_id",
                        "address_1",
                        "city",
                        "country",
                        "address_type",
                    ],
                    &[
                        "ad-1",
                        LOC_A,
                        "вул. Вигадана, 7",
                        "Житомир",
                        "UA",
                        "physical",
                    ],
                    &["ad-2", LOC_B, "вул. Уявна, 3", "Бердичів", "UA", "physical"],
                ],
            ),
            (
                "services.csv",
                &[
                    &["id", "organization_id", "name", "status"],
                    &[SVC, ORG, "Консультація юриста", "active"],
                ],
            ),
            (
                "service_at_location.csv",
                &[
                    &["id", "service_id", "location_id"],
                    &["sal-a", SVC, LOC_A],
                    &["sal-b", SVC, LOC_B],
                ],
            ),
            (
                "contacts.csv",
                &[
                    &["id", "organization_id", "location_id", "service_id", "name"],
                    &["c-a", ORG, LOC_A, "", "Коваленко Ірина Петрівна"],
                    &["c-b", ORG, LOC_B, "", "Мельник Андрій Олегович"],
                    &["c-org", ORG, "", "", "Бондар Олена Василівна"],
                    &["c-svc-b", "", LOC_B, SVC, "Шевчук Тарас Іванович"],
                ],
            ),
            (
                "phones.csv",
                &[
                    &[
                        "id",
                        "location_id",
                        "organization_id",
                        "service_id",
                        "contact_id",
                        "number",
                    ],
                    &["p-a", LOC_A, ORG, "", "", "+380 412 55 01 01"],
                    &["p-b", LOC_B, ORG, "", "", "+380 4143 2 10 10"],
                    &["p-org", "", ORG, "", "", "0 800 213 103"],
                    &["p-svc-b", LOC_B, "", SVC, "", "+380 4143 2 10 11"],
                ],
            ),
            (
                "schedules.csv",
                &[
                    &[
                        "id",
                        "location_id",
                        "freq",
                        "byday",
                        "opens_at",
                        "closes_at",
                    ],
                    &["s-a", LOC_A, "WEEKLY", "MO,TU,WE,TH,FR", "09:00", "18:00"],
                    &["s-b", LOC_B, "WEEKLY", "TU,TH", "10:00", "15:00"],
                ],
            ),
        ],
    );
}

#[test]
fn each_site_of_an_organization_keeps_its_own_name_contacts_and_phones() {
    let tmp = tempfile::tempdir().unwrap();
    two_sites(tmp.path());
    let imp = import(tmp.path());
    let dir = load(&imp.toml);
    assert_eq!(errors(&dir), Vec::<String>::new(), "{}", imp.toml);
    let names: Vec<&str> = dir.agencies.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Житомирське бюро правничої допомоги",
            "Бердичівське бюро правничої допомоги"
        ]
    );
    let people = |i: usize| -> Vec<&str> {
        let a = &dir.agencies[i];
        a.contacts.iter().map(|p| p.name.as_str()).collect()
    };
    // The organization's own person serves at both sites; a site's person only at hers.
    assert_eq!(
        people(0),
        ["Коваленко Ірина Петрівна", "Бондар Олена Василівна"]
    );
    assert_eq!(
        people(1),
        ["Мельник Андрій Олегович", "Бондар Олена Василівна"]
    );
    let phones = |i: usize| -> Vec<&str> {
        dir.agencies[i]
            .phones
            .iter()
            .map(|p| p.raw.as_str())
            .collect()
    };
    assert_eq!(phones(0), ["+380 412 55 01 01", "0 800 213 103"]);
    assert_eq!(
        phones(1),
        ["+380 4143 2 10 10", "0 800 213 103", "+380 4143 2 10 11"]
    );
    // The service's specialist at Berdychiv is not the Zhytomyr service's.
    assert!(dir.agencies[0].services[0].contacts.is_empty());
    assert_eq!(
        dir.agencies[1].services[0].contacts[0].name,
        "Шевчук Тарас Іванович"
    );
    // The organization's name is not lost: it is written above the entry.
    assert!(
        imp.toml
            .contains("Координаційний центр з надання правничої допомоги"),
        "the organization's name is kept for the maintainer: {}",
        imp.toml
    );
}

// Item 12.

/// An American, a British and a Ukrainian office, numbers written the way each country does.
fn three_countries(dir: &Path) {
    write_tables(
        dir,
        &[
            (
                "organizations.csv",
                &[
                    &["id", "name", "description"],
                    &["o-us", "Legal Aid Society", "Free legal help."],
                    &["o-gb", "Citizens Advice Westminster", "Free advice."],
                    &["o-ua", "Благодійний фонд «Приклад»", "Консультації."],
                ],
            ),
            (
                "locations.csv",
                &[
                    &["id", "location_type", "organization_id"],
                    &["l-us", "physical", "o-us"],
                    &["l-gb", "physical", "o-gb"],
                    &["l-ua", "physical", "o-ua"],
                ],
            ),
            (
                "addresses.csv",
                &[
                    &[
                        "id",
                        "location_id",
                        "address_1",
                        "city",
                        "region",
                        "state_province",
                        "postal_code",
                        "country",
                        "address_type",
                    ],
                    &[
                        "a-us",
                        "l-us",
                        "350 Fifth Avenue",
                        "New York",
                        "",
                        "NY",
                        "10118",
                        "US",
                        "physical",
                    ],
                    &[
                        "a-gb",
                        "l-gb",
                        "21a Conduit Street",
                        "London",
                        "",
                        "",
                        "W1S 2XP",
                        "GB",
                        "physical",
                    ],
                    &[
                        "a-ua",
                        "l-ua",
                        "вул. Вигадана, 7",
                        "Житомир",
                        "Житомирський район",
                        "Житомирська область",
                        "10014",
                        "UA",
                        "physical",
                    ],
                ],
            ),
            (
                "phones.csv",
                &[
                    &["id", "location_id", "number"],
                    &["p-us", "l-us", "(212) 736-5000"],
                    &["p-gb", "l-gb", "020 7219 3000"],
                    &["p-ua", "l-ua", "(0412) 55-01-01"],
                ],
            ),
            (
                "schedules.csv",
                &[
                    &[
                        "id",
                        "location_id",
                        "freq",
                        "byday",
                        "opens_at",
                        "closes_at",
                    ],
                    &["s-us", "l-us", "WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00"],
                    &["s-gb", "l-gb", "WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00"],
                    &["s-ua", "l-ua", "WEEKLY", "MO,TU,WE,TH,FR", "09:00", "18:00"],
                ],
            ),
        ],
    );
}

#[test]
fn foreign_numbers_country_and_state_survive_import_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    three_countries(&pkg);
    let imp = import(&pkg);
    let dir = load(&imp.toml);
    assert_eq!(errors(&dir), Vec::<String>::new(), "{}", imp.toml);
    let by_id = |id: &str| dir.agencies.iter().find(|a| a.id == id).unwrap();
    let us = by_id("legal-aid-society");
    assert_eq!(
        us.phones[0].raw, "+1 212-736-5000",
        "kept, in the international format"
    );
    assert_eq!(us.locality.as_deref(), Some("New York"));
    assert_eq!(us.province.as_deref(), Some("NY"));
    assert_eq!(us.country.as_deref(), Some("US"));
    let gb = by_id("citizens-advice-westminster");
    assert_eq!(gb.phones[0].raw, "+44 20 7219 3000");
    assert_eq!(gb.country.as_deref(), Some("GB"));
    let ua = by_id("blahodiinyi-fond-pryklad");
    assert_eq!(ua.district.as_deref(), Some("Житомирський район"));
    assert_eq!(ua.province.as_deref(), Some("Житомирська область"));
    assert_eq!(ua.country, None, "Ukraine is the default");

    // The card and the slip write a foreign address the way it is written there.
    let card = refdesk::referral::Card::new(&dir, us, Lang::Uk);
    assert_eq!(
        card.address().as_deref(),
        Some("350 Fifth Avenue, New York, NY, US")
    );
    let ctx = refdesk::referral::slip::SlipContext::new(
        &refdesk::config::Config::default(),
        now().date(),
    );
    let slip = refdesk::referral::slip::render_text(&card, &ctx);
    assert!(
        slip.contains("350 Fifth Avenue, New York, NY, US"),
        "{slip}"
    );
    let card = refdesk::referral::Card::new(&dir, ua, Lang::Uk);
    assert_eq!(card.address().as_deref(), Some("Житомир, вул. Вигадана, 7"));

    // Exported again: the country and the state are where HSDS has them.
    let out = tmp.path().join("again");
    hsds::export(&dir, &out, now()).unwrap();
    let mut r = csv::Reader::from_path(out.join("addresses.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |rec: &csv::StringRecord, name: &str| {
        rec[h.iter().position(|x| x == name).unwrap()].to_string()
    };
    let rows: Vec<(String, String, String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                col(&rec, "city"),
                col(&rec, "region"),
                col(&rec, "state_province"),
                col(&rec, "country"),
            )
        })
        .collect();
    let row = |city: &str| rows.iter().find(|r| r.0 == city).unwrap().clone();
    assert_eq!(
        row("New York"),
        ("New York".into(), "".into(), "NY".into(), "US".into())
    );
    assert_eq!(row("London").3, "GB");
    assert_eq!(
        row("Житомир"),
        (
            "Житомир".into(),
            "Житомирський район".into(),
            "Житомирська область".into(),
            "UA".into()
        )
    );
}

#[test]
fn country_is_a_two_letter_code_and_ukraine_is_the_default() {
    let entry = |country: &str| {
        format!(
            "[[agency]]\nid = \"x\"\nname = \"Legal Aid Society\"\ncategory = \"legal-aid\"\n\
             locality = \"New York\"\naddress = \"350 Fifth Avenue\"\nprovince = \"NY\"\n\
             country = \"{country}\"\nphones = [\"+1 212-736-5000\"]\nhours = \"Mo-Fr 09:00-17:00\"\n\
             verified = 2026-11-01\n"
        )
    };
    let dir = load(&entry("us"));
    assert_eq!(errors(&dir), Vec::<String>::new());
    assert_eq!(dir.agencies[0].country.as_deref(), Some("US"));
    assert_eq!(load(&entry("UA")).agencies[0].country, None);
    let bad = load(&entry("USA"));
    assert!(bad.agencies.is_empty());
    assert!(
        bad.diagnostics
            .iter()
            .any(|d| d.code == "invalid-value" && d.render(Lang::Uk).contains("\"country\"")),
        "{:?}",
        errors(&bad)
    );
}

// Item 13.

/// A descriptor naming `resources` as (name, path).
fn descriptor(dir: &Path, resources: &[(&str, &str)]) {
    let res: Vec<serde_json::Value> = resources
        .iter()
        .map(|(n, p)| serde_json::json!({"name": n, "path": p}))
        .collect();
    let d = serde_json::json!({"profile": "tabular-data-package", "resources": res});
    std::fs::write(dir.join("datapackage.json"), d.to_string()).unwrap();
}

#[test]
fn descriptor_paths_outside_the_package_are_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    // Beside the package: a file that must stay unread.
    let secret = tmp.path().join("secret.csv");
    std::fs::write(
        &secret,
        "id,name,description\nx,SECRET-MARKER,SECRET-MARKER\n",
    )
    .unwrap();
    let pkg = tmp.path().join("pkg");
    write_tables(
        &pkg,
        &[(
            "locations.csv",
            &[
                &["id", "location_type", "name"],
                &["l1", "physical", "Офіс"],
            ],
        )],
    );
    let absolute = secret.to_string_lossy().into_owned();
    descriptor(
        &pkg,
        &[
            ("organization", "../secret.csv"),
            ("service", absolute.as_str()),
            ("funding", absolute.as_str()),
            ("programs", "../secret.csv"),
        ],
    );
    let imp = import(&pkg);
    let everything = format!("{}{:?}{:?}", imp.toml, imp.notes, imp.unmapped);
    assert!(!everything.contains("SECRET-MARKER"), "{everything}");
    assert!(
        !imp.unmapped.iter().any(|(w, _)| w.contains("secret")),
        "nothing outside was counted: {:?}",
        imp.unmapped
    );
    assert!(
        imp.notes
            .iter()
            .any(|n| n.contains("../secret.csv") && n.contains("за межі пакета")),
        "{:?}",
        imp.notes
    );
}

#[test]
fn a_descriptor_naming_missing_files_is_reported_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path();
    write_tables(
        pkg,
        &[(
            "orgs.csv",
            &[&["id", "name", "description"], &["o1", "Фонд", "Опис"]],
        )],
    );
    descriptor(pkg, &[("organization", "data/orgs.csv")]);
    let err = hsds::import(pkg, now().date(), Lang::Uk).unwrap_err();
    let uk = err.message(Lang::Uk);
    assert!(!uk.contains("немає ні datapackage.json"), "{uk}");
    assert!(uk.contains("data/orgs.csv"), "{uk}");
    assert!(uk.contains("datapackage.json називає"), "{uk}");
    let en = err.message(Lang::En);
    assert!(en.contains("datapackage.json names"), "{en}");
}

// Item 15.

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env(
            "REFDESK_CONFIG",
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/none.toml"),
        );
    c
}

#[test]
fn import_never_overwrites_an_existing_file_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    three_countries(&pkg);
    let file = tmp.path().join("mine.toml");
    std::fs::write(&file, "# my own work\n").unwrap();
    let out = refdesk()
        .args(["import", "hsds"])
        .arg(&pkg)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("вже існує"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# my own work\n");

    let out = refdesk()
        .args(["--lang", "en", "import", "hsds"])
        .arg(&pkg)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("already exists")
    );

    refdesk()
        .args(["import", "hsds", "--force"])
        .arg(&pkg)
        .arg("-o")
        .arg(&file)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("[[agency]]")
    );
}

/// What the import says on stderr quotes the package (a rejected number, a column name): its
/// control characters never reach the terminal.
#[test]
fn import_messages_carry_no_control_characters_from_the_package() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    write_tables(
        &pkg,
        &[
            (
                "locations.csv",
                &[
                    &["id", "location_type", "name", "x\u{1b}]0;title\u{7}"],
                    &["l1", "physical", "Офіс", "value"],
                ],
            ),
            (
                "phones.csv",
                &[
                    &["id", "location_id", "number"],
                    &["p1", "l1", "\u{1b}[2J044"],
                ],
            ),
        ],
    );
    let out = refdesk()
        .args(["import", "hsds"])
        .arg(&pkg)
        .arg("-o")
        .arg(tmp.path().join("out.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("не розпізнано"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

//! Importing HSDS packages written by other tools: the specification's official example and a
//! hand-written Ukrainian package laid out the same way.

use assert_cmd::Command;
use refdesk::directory::{Directory, LoadOptions, Severity, load_texts};
use refdesk::hsds;
use refdesk::i18n::Lang;
use std::path::PathBuf;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 25)
}

fn load(toml: &str) -> Directory {
    let opts = LoadOptions {
        today: today(),
        lang: Lang::Uk,
    };
    load_texts(&[("imported.toml", toml)], &opts)
}

fn errors(dir: &Directory) -> Vec<String> {
    dir.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(Lang::Uk))
        .collect()
}

/// The official example package, vendored with its licence in `tests/fixtures/hsds/official-example`.
fn official_example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/official-example")
}

fn uk_package() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/uk-package")
}

fn unmapped(imp: &hsds::Imported, what: &str) -> Option<usize> {
    imp.unmapped
        .iter()
        .find(|(w, _)| w == what)
        .map(|(_, n)| *n)
}

#[test]
fn official_example_imports_and_loads_without_errors() {
    let imp = hsds::import(&official_example(), today(), Lang::Uk).unwrap();
    let dir = load(&imp.toml);
    assert_eq!(errors(&dir), Vec::<String>::new(), "{}", imp.toml);
    assert_eq!(dir.agencies.len(), 1);
    let a = &dir.agencies[0];
    assert_eq!(a.name, "Example Organization Inc.");
    assert_eq!(a.short_name.as_deref(), Some("Example Org"));
    assert_eq!(a.category, "other");
    // The number was stored with quotes inside the field; the extension goes to the note.
    assert_eq!(a.phones.len(), 1);
    assert_eq!(a.phones[0].raw, "+44 1234 234567");
    assert!(
        a.phones[0]
            .note
            .as_deref()
            .unwrap()
            .starts_with("доб. 100; Our main reception")
    );
    // Times without a zone, on Thursdays and Fridays, taken from the service's schedule.
    let week = a.hours.parsed.weekly();
    let ten_to_six = vec![(
        jiff::civil::time(10, 0, 0, 0),
        jiff::civil::time(18, 0, 0, 0),
    )];
    assert_eq!(week[3], ten_to_six);
    assert_eq!(week[4], ten_to_six);
    assert!(week[0].is_empty());
    assert!(
        a.hours_note
            .as_deref()
            .unwrap()
            .contains("not available on public holidays")
    );
    // The service's assurance date and assurer.
    assert_eq!(a.verified, jiff::civil::date(2005, 1, 1));
    assert_eq!(a.verified_by.as_deref(), Some("email@example.com"));
    assert!(
        a.alert
            .as_deref()
            .unwrap()
            .starts_with("Following COVID-19")
    );
    // A foreign address keeps its country and state (issue 10, item 12).
    assert_eq!(a.locality.as_deref(), Some("MyCity"));
    assert_eq!(a.district.as_deref(), Some("MyRegion"));
    assert_eq!(a.province.as_deref(), Some("MyState"));
    assert_eq!(a.country.as_deref(), Some("US"));
    assert_eq!(a.coordinates, None, "latitude 100 is impossible");
    let s = &a.services[0];
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(s.documents.len(), 1);
    assert!(s.fee.as_deref().unwrap().contains("£50 per hour"));
    assert_eq!(s.contacts[0].name, "Ann Persona");
    assert_eq!(
        s.contacts[0].title.as_deref(),
        Some("Reception Manager, Reception")
    );
    assert_eq!(
        s.contacts[0].phone.as_ref().map(|p| p.raw.as_str()),
        Some("+44 1234 234567")
    );
}

#[test]
fn official_example_reports_everything_it_could_not_map() {
    let imp = hsds::import(&official_example(), today(), Lang::Uk).unwrap();
    for table in [
        "programs.csv",
        "funding.csv",
        "service_areas.csv",
        "languages.csv",
        "cost_options.csv",
        "organization_identifiers.csv",
        "metadata.csv",
        "meta_table_descriptions.csv",
    ] {
        assert_eq!(
            unmapped(&imp, &format!("таблиця {table}")),
            Some(1),
            "{table}: {:?}",
            imp.unmapped
        );
    }
    for col in [
        "services.url",
        "services.interpretation_services",
        "services.minimum_age",
        "services.fees",
        "schedules.byweekno",
        "schedules.valid_from",
        "locations.latitude/longitude",
        "locations.external_identifier",
        "organizations.legal_status",
        "addresses.attention",
        "required_documents.uri",
        "accessibility.url",
        "attributes — рядки без зв'язку з установою чи послугою",
    ] {
        assert_eq!(unmapped(&imp, col), Some(1), "{col}: {:?}", imp.unmapped);
    }
    assert!(
        imp.unmapped_lines(Lang::Uk)
            .contains(&"не вдалося перенести: services.url (1 рядок)".to_string())
    );
    assert!(
        imp.notes.iter().any(|n| n.contains("\"other\"")),
        "{:?}",
        imp.notes
    );
    assert!(
        imp.notes.iter().any(|n| n.contains("985e4a42")),
        "the location's organization points nowhere: {:?}",
        imp.notes
    );
    // Guesses are written above the entry for the maintainer.
    assert!(
        imp.toml
            .contains("# example-organization-inc: категорію не визначено")
    );
}

#[test]
fn handwritten_ukrainian_package_imports_with_lunch_and_two_offices() {
    let imp = hsds::import(&uk_package(), today(), Lang::Uk).unwrap();
    let dir = load(&imp.toml);
    assert_eq!(errors(&dir), Vec::<String>::new(), "{}", imp.toml);
    let ids: Vec<&str> = dir.agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "zhytomyrskyi-ofis-fondu-pryklad",
            "berdychivskyi-ofis-fondu-pryklad"
        ]
    );
    // Two sites of one organization: each is named as its sign says.
    assert_eq!(dir.agencies[0].name, "Житомирський офіс фонду «Приклад»");
    let zt = &dir.agencies[0];
    // Rows 09–13 Mon–Fri, 14–18 Mon–Thu, 14–16 Fri: one lunch break.
    assert_eq!(zt.hours.raw, "Mo-Th 09:00-18:00; Fr 09:00-16:00");
    assert_eq!(
        zt.lunch.as_ref().map(|l| l.raw.as_str()),
        Some("13:00-14:00")
    );
    assert_eq!(zt.hours_note.as_deref(), Some("Приймаємо за живою чергою."));
    let phones: Vec<(&str, Option<&str>)> = zt
        .phones
        .iter()
        .map(|p| (p.raw.as_str(), p.note.as_deref()))
        .collect();
    assert_eq!(
        phones,
        [
            ("+380 412 55 01 01", Some("приймальня")),
            ("0 800 213 103", Some("гаряча лінія"))
        ]
    );
    assert_eq!(zt.coordinates, Some((50.2547, 28.6587)), "quoted numbers");
    assert_eq!(zt.address_note.as_deref(), Some("вхід з двору, 2 поверх"));
    assert_eq!(zt.contacts[0].name, "Коваленко Ірина Петрівна");
    assert_eq!(
        zt.contacts[0].phone.as_ref().map(|p| p.raw.as_str()),
        Some("+380 67 000 11 22")
    );
    assert_eq!(zt.verified, jiff::civil::date(2026, 9, 1));
    assert_eq!(zt.verified_by.as_deref(), Some("verify@example.org"));
    let names: Vec<&str> = zt.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Консультація щодо статусу ВПО",
            "Видача продуктових наборів"
        ]
    );
    let s = &zt.services[0];
    assert_eq!(
        s.steps,
        [
            "зателефонувати на гарячу лінію",
            "прийти на консультацію з документами"
        ]
    );
    assert_eq!(
        s.documents,
        ["паспорт громадянина України", "довідка ВПО (якщо є)"]
    );
    assert_eq!(s.contacts[0].name, "Мельник Андрій Олегович");
    // The paused service's notice is about that service, so it names it.
    assert_eq!(
        zt.alert.as_deref(),
        Some("Видача продуктових наборів: Видачу призупинено до надходження нової партії.")
    );

    let bd = &dir.agencies[1];
    assert_eq!(bd.locality.as_deref(), Some("Бердичів"));
    assert_eq!(bd.hours.raw, "Tu,Th 10:00-15:00");
    assert!(bd.lunch.is_none());
    assert_eq!(bd.services.len(), 1, "the service offered at both offices");
    assert_eq!(
        bd.phones[1].raw, "0 800 213 103",
        "the organization's line is at both"
    );

    // Optional tables missing is fine; what is there but unmapped is reported.
    assert_eq!(unmapped(&imp, "schedules.byweekno"), Some(1));
    assert_eq!(unmapped(&imp, "services.status"), Some(1));
    assert_eq!(
        unmapped(&imp, "services.last_modified"),
        Some(1),
        "a service offered at two offices counts once"
    );
    assert_eq!(
        unmapped(
            &imp,
            "service_at_location — рядки з посиланням на відсутню послугу чи локацію"
        ),
        Some(1)
    );
}

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        // Tests never leave a parsed-directory cache in the real cache folder.
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
fn import_command_writes_toml_and_reports_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let out_file = tmp.path().join("imported.toml");
    let out = refdesk()
        .args(["import", "hsds"])
        .arg(official_example())
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("Імпортовано 1 установу і 1 послугу"),
        "{stdout}"
    );
    assert!(stdout.contains("0 помилок"), "{stdout}");
    assert!(
        stderr.contains("не вдалося перенести: таблиця funding.csv (1 рядок)"),
        "{stderr}"
    );
    let toml = std::fs::read_to_string(&out_file).unwrap();
    assert!(toml.contains("id = \"example-organization-inc\""));
    // The written file is a directory refdesk reads.
    refdesk()
        .arg("--data")
        .arg(&out_file)
        .args(["show", "example-organization-inc"])
        .assert()
        .success();
}

#[test]
fn export_command_then_import_command_give_the_same_show_output() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    let out = refdesk()
        .args(["export", "hsds", "-o"])
        .arg(&pkg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("Записано ")
    );
    let file = tmp.path().join("demo.toml");
    refdesk()
        .args(["import", "hsds"])
        .arg(&pkg)
        .arg("-o")
        .arg(&file)
        .assert()
        .success()
        .stderr("");
    let show = |data: Option<&PathBuf>| {
        let mut c = refdesk();
        if let Some(d) = data {
            c.arg("--data").arg(d);
        }
        c.args(["show", "zt-cnap"]).output().unwrap().stdout
    };
    let before = show(None);
    assert!(!before.is_empty());
    assert_eq!(before, show(Some(&file)));
}

#[test]
fn a_folder_without_hsds_tables_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "nothing").unwrap();
    let out = refdesk()
        .args(["import", "hsds"])
        .arg(tmp.path())
        .args(["-o"])
        .arg(tmp.path().join("x.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("це не пакет HSDS")
    );
    assert!(!tmp.path().join("x.toml").exists());
}

/// A clone has nothing beside it: the official example is vendored with its licence, and no
/// test or source file reads from the workspace's shared folder (issue 10, item 16).
#[test]
fn the_official_example_is_vendored_with_its_licence() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert!(official_example().starts_with(&root));
    assert!(official_example().join("services.csv").is_file());
    let readme = std::fs::read_to_string(official_example().join("README.md")).unwrap();
    assert!(readme.contains("CC BY-SA 4.0"), "{readme}");
    assert!(readme.contains("openreferral/specification"), "{readme}");
    let outside = ["..", "/shared"].concat();
    let mut stack = vec![root.join("src"), root.join("tests")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                assert!(!text.contains(&outside), "{} reads {outside}", p.display());
            }
        }
    }
}

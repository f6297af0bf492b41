use super::*;
use crate::i18n::Lang;

const FILE: &str = r#"# Довідник бюро — коментар на початку файлу
[[agency]]
id = "a"   # ключ не змінювати
name = "Перша установа"
# телефони перевірено дзвінком
phones = ["+380 412 42 61 30"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-01-10  # коли дзвонили
notes = 'одинарні лапки лишаються'

[[agency.service]]
name = "Послуга"   # коментар послуги
fee = "безоплатно"

# друга установа
[[agency]]
id = "b"
name = "Друга установа"
verified = 2025-05-01
"#;

fn snapshot(dir: &Path, text: &str) -> Snapshot {
    let p = dir.join("d.toml");
    std::fs::write(&p, text).unwrap();
    Snapshot::read(&p).unwrap()
}

#[test]
fn only_the_changed_value_differs_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let edits = [Edit::agency(
        "verified",
        FieldValue::Date(jiff::civil::date(2026, 11, 25)),
    )];
    let out = apply(&s, "a", &edits).unwrap();
    assert_eq!(
        out,
        FILE.replace(
            "verified = 2026-01-10  # коли дзвонили",
            "verified = 2026-11-25  # коли дзвонили"
        )
    );
    // A phone list replaced: the comment above it and the rest stay.
    let edits = [Edit::agency(
        "phones",
        FieldValue::Texts(vec!["+380 412 00 00 00".into()]),
    )];
    let out = apply(&s, "a", &edits).unwrap();
    assert_eq!(
        out,
        FILE.replace("[\"+380 412 42 61 30\"]", "[\"+380 412 00 00 00\"]")
    );
}

#[test]
fn a_new_agency_is_added_at_the_end_and_a_new_file_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let edits = [
        Edit::agency("name", FieldValue::Text("Третя установа".into())),
        Edit::agency(
            "verified",
            FieldValue::Date(jiff::civil::date(2026, 11, 25)),
        ),
    ];
    let saved = save_new(&s, "c", &edits).unwrap();
    assert_eq!(
        std::fs::read_to_string(&s.path).unwrap(),
        format!(
            "{FILE}\n[[agency]]\nid = \"c\"\nname = \"Третя установа\"\nverified = 2026-11-25\n"
        )
    );
    assert!(matches!(
        save_new(&saved, "a", &[]),
        Err(SaveError::Exists { .. })
    ));
    let fresh = Snapshot::open_or_create(&tmp.path().join("нові.toml")).unwrap();
    let out = apply_new(&fresh, "d", &edits[..1]).unwrap();
    assert_eq!(out, "\n[[agency]]\nid = \"d\"\nname = \"Третя установа\"\n");
}

#[test]
fn a_byte_order_mark_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), &format!("\u{feff}{FILE}"));
    let out = apply(
        &s,
        "b",
        &[Edit::agency("name", FieldValue::Text("Б".into()))],
    )
    .unwrap();
    assert_eq!(
        out,
        format!("\u{feff}{}", FILE.replace("\"Друга установа\"", "\"Б\""))
    );
}

#[test]
fn a_new_field_goes_beside_its_neighbour_and_services_are_reached() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let edits = [
        Edit::agency("verified_by", FieldValue::Text("Петренко О.".into())),
        Edit {
            service: Some(0),
            field: "fee".into(),
            value: FieldValue::Text("85 грн".into()),
        },
    ];
    let out = apply(&s, "a", &edits).unwrap();
    let expected = FILE
        .replace(
            "verified = 2026-01-10  # коли дзвонили\n",
            "verified = 2026-01-10  # коли дзвонили\nverified_by = \"Петренко О.\"\n",
        )
        .replace("fee = \"безоплатно\"", "fee = \"85 грн\"");
    assert_eq!(out, expected);
    // The second agency, and a removal.
    let out = apply(&s, "b", &[Edit::agency("verified", FieldValue::Remove)]).unwrap();
    assert_eq!(out, FILE.replace("verified = 2025-05-01\n", ""));
    assert!(matches!(
        apply(&s, "zz", &[]),
        Err(SaveError::NotFound { .. })
    ));
    assert!(matches!(
        apply(
            &s,
            "a",
            &[Edit {
                service: Some(3),
                field: "fee".into(),
                value: FieldValue::Remove
            }]
        ),
        Err(SaveError::NoService { .. })
    ));
}

#[test]
fn a_file_changed_meanwhile_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let theirs = FILE.replace("Перша установа", "Перша установа (змінено на іншому місці)");
    std::fs::write(&s.path, &theirs).unwrap();
    let edits = [Edit::agency("name", FieldValue::Text("Моя назва".into()))];
    let e = save(&s, "a", &edits).unwrap_err();
    assert!(matches!(e, SaveError::Changed { .. }), "{e:?}");
    assert!(e.message(Lang::Uk).contains("змінився на диску"));
    assert_eq!(std::fs::read_to_string(&s.path).unwrap(), theirs);
    // Read again, the same save goes through, and its result is the next snapshot.
    let s = Snapshot::read(&s.path).unwrap();
    let next = save(&s, "a", &edits).unwrap();
    let on_disk = std::fs::read_to_string(&s.path).unwrap();
    assert!(on_disk.contains("name = \"Моя назва\""));
    assert!(next.unchanged_on_disk().unwrap());
    // No temporary file is left behind; the folder's lock file stays, by design.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != super::LOCK_FILE)
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn the_form_sees_the_problems_and_what_someone_else_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let opts = crate::directory::LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    };
    let bad = [Edit::agency(
        "hours",
        FieldValue::Text("Пн-Пт 9-18 години".into()),
    )];
    let problems = check(&s, "a", &bad, &opts).unwrap();
    assert!(
        problems.iter().any(|d| d.code == "invalid-hours"),
        "{problems:?}"
    );
    let phones = [
        (
            "+380 412 42 61 30".to_string(),
            Some("канцелярія".to_string()),
        ),
        ("0 800 501 007".to_string(), None),
    ];
    let out = apply(&s, "a", &[Edit::agency("phones", phones_value(&phones))]).unwrap();
    assert!(
        out.contains(
            "phones = [{ number = \"+380 412 42 61 30\", note = \"канцелярія\" }, \"0 800 501 007\"]"
        ),
        "{out}"
    );
    // Someone else changes the phone and a service's fee; a comment change is no change.
    let theirs = FILE
        .replace("+380 412 42 61 30", "+380 412 42 61 99")
        .replace("fee = \"безоплатно\"", "fee = \"10 грн\"")
        .replace("# телефони перевірено дзвінком", "# інший коментар");
    std::fs::write(&s.path, theirs).unwrap();
    let now = Snapshot::read(&s.path).unwrap();
    let changed = changed_keys(&s, &now, "a").unwrap().unwrap();
    assert_eq!(changed, ["phones", "service.1.fee"]);
    assert_eq!(
        changed_keys(&s, &now, "b").unwrap().unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(changed_keys(&s, &now, "zz").unwrap(), None);
}

/// Two saves of one file from two snapshots taken before either wrote, at the same moment
/// (separate open files, so the lock is contended as between two processes): one wins, the
/// other is told, and the file is always one whole version.
#[test]
fn two_saves_at_once_one_wins_and_the_other_is_told() {
    let tmp = tempfile::tempdir().unwrap();
    for round in 0..20 {
        let s = snapshot(tmp.path(), FILE);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = ["перша", "друга"]
            .into_iter()
            .map(|who| {
                let (s, barrier) = (s.clone(), barrier.clone());
                std::thread::spawn(move || {
                    let edits = [Edit::agency("name", FieldValue::Text(who.into()))];
                    barrier.wait();
                    save(&s, "a", &edits).map(|_| who)
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(won.len(), 1, "round {round}: {results:?}");
        let lost = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(
            matches!(lost, SaveError::Changed { .. } | SaveError::Busy { .. }),
            "{lost:?}"
        );
        let on_disk = std::fs::read_to_string(&s.path).unwrap();
        let winner = FILE.replace("\"Перша установа\"", &format!("\"{}\"", won[0]));
        assert_eq!(on_disk, winner, "round {round}: a whole file");
    }
}

/// New fields go where the format lists them, a new service after the agency's last one (and
/// before the next agency's header), and everything else stays byte for byte.
#[test]
fn new_fields_and_a_new_service_go_in_their_places() {
    let tmp = tempfile::tempdir().unwrap();
    let s = snapshot(tmp.path(), FILE);
    let text = |v: &str| FieldValue::Text(v.into());
    let edits = [
        Edit::agency("email", text("a@example.org")),
        Edit::agency("topics", FieldValue::Texts(vec!["пенсія".into()])),
        Edit::agency("status", text("temporarily-closed")),
        Edit::agency("remote", FieldValue::Bool(false)),
        Edit {
            service: Some(0),
            field: "appointment".into(),
            value: text("none"),
        },
        Edit {
            service: Some(1),
            field: "name".into(),
            value: text("Нова послуга"),
        },
        Edit {
            service: Some(1),
            field: "documents".into(),
            value: FieldValue::Texts(vec!["паспорт".into()]),
        },
    ];
    let out = apply(&s, "a", &edits).unwrap();
    let expected = FILE
        .replace(
            "name = \"Перша установа\"\n",
            "name = \"Перша установа\"\ntopics = [\"пенсія\"]\nremote = false\n",
        )
        .replace(
            "phones = [\"+380 412 42 61 30\"]\n",
            "phones = [\"+380 412 42 61 30\"]\nemail = \"a@example.org\"\n",
        )
        .replace(
            "verified = 2026-01-10  # коли дзвонили\n",
            "verified = 2026-01-10  # коли дзвонили\nstatus = \"temporarily-closed\"\n",
        )
        .replace(
            "name = \"Послуга\"   # коментар послуги\n",
            "name = \"Послуга\"   # коментар послуги\nappointment = \"none\"\n",
        )
        .replace(
            "fee = \"безоплатно\"\n",
            "fee = \"безоплатно\"\n\n[[agency.service]]\nname = \"Нова послуга\"\ndocuments = [\"паспорт\"]\n",
        );
    assert_eq!(out, expected);
}

/// The entry cut out and written back gives the same file as the whole document read and
/// written: for each agency of two files, with fields set, removed, and a new service.
#[test]
fn an_entry_edited_alone_gives_the_same_file_as_the_whole_document() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = include_str!("../../../tests/fixtures/tui/good/zhytomyr.toml");
    let edits = [
        Edit::agency("name", FieldValue::Text("Нова назва".into())),
        Edit::agency("notes", FieldValue::Remove),
        Edit::agency("email", FieldValue::Text("x@example.org".into())),
        Edit {
            service: Some(0),
            field: "fee".into(),
            value: FieldValue::Text("1 грн".into()),
        },
    ];
    for text in [FILE, fixture] {
        let s = snapshot(tmp.path(), text);
        let doc = s.document().unwrap();
        let ids: Vec<String> = doc["agency"]
            .as_array_of_tables()
            .unwrap()
            .iter()
            .filter_map(|t| t.get("id")?.as_str().map(str::to_string))
            .collect();
        assert!(ids.len() > 1);
        for id in &ids {
            let (range, _) = s.entry(id).unwrap();
            assert!(range.is_some(), "{id}: cut out");
            let services = doc["agency"]
                .as_array_of_tables()
                .unwrap()
                .iter()
                .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
                .and_then(|t| t.get("service")?.as_array_of_tables().map(|a| a.len()))
                .unwrap_or(0);
            let edits = &edits[..if services > 0 { 4 } else { 3 }];
            let mut whole = doc.clone();
            edit_in(&mut whole, &s.path, id, edits).unwrap();
            assert_eq!(apply(&s, id, edits).unwrap(), whole.to_string(), "{id}");
            let new = [Edit {
                service: Some(services),
                field: "name".into(),
                value: FieldValue::Text("Нова послуга".into()),
            }];
            let mut whole = doc.clone();
            edit_in(&mut whole, &s.path, id, &new).unwrap();
            assert_eq!(
                apply(&s, id, &new).unwrap(),
                whole.to_string(),
                "{id}: new service"
            );
        }
    }
}

//! Every field of an agency and of a service in the edit form (docs/data-format.md): each new
//! one checked as it is typed with the loader's own diagnostics and refused when wrong, each
//! saved in place — where the format lists it, comments and order kept byte for byte outside
//! the changed values — and read back by the loader; choices shown and typed as words; F3 picks
//! from the directory's own categories and topics; lists, persons and services grow as typed.

mod form_support;
mod tui_support;

use crossterm::event::KeyCode;
use form_support::*;
use refdesk::directory::{Appointment, Serves, Severity, Status, load_path};
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::state::{FieldKey, Overlay};
use tui_support::*;

/// A data folder holding only `text` as `dir.toml`, and a harness on it.
fn desk_with(text: &str) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::write(data.join("dir.toml"), text).expect("write");
    let dir = load_path(&data, &opts());
    // A warning only: the head's `note`, a key the format does not know, which a save keeps.
    assert_eq!(dir.error_count(), 0, "{:?}", dir.diagnostics);
    let h = Harness::with_data(dir, settings(Lang::Uk), now(), (120, 40), data, None);
    (tmp, h)
}

/// A file with comments beside and between the fields, and fields in an order of its own.
const COMMENTED: &str = r#"# Довідник бюро — коментар на початку
[[agency]]
id = "pfu"
name = "Сервісний центр Пенсійного фонду"   # як на вивісці
category = "pension"
# опис писала Петренко О.
description = "Призначає пенсії."   # перевірено
locality = "Житомир"
address = "вул. Вигадана, 12"
phones = ["+380 412 42 11 00"]  # канцелярія
hours = "Пн-Пт 08:00-17:00"
head = { name = "Бондар Олег Іванович", title = "начальник", note = "поле, якого форма не знає" }
verified = 2026-09-01

# послуги
[[agency.service]]
name = "Довідка про пенсію"   # найчастіша
fee = "безоплатно"  # за законом
documents = ["паспорт"]

[[agency]]
id = "other"
name = "Інша установа"
category = "other"
locality = "Житомир"
address = "вул. Інша, 1"
phones = ["+380 412 42 11 01"]
hours = "Пн-Пт 08:00-17:00"
head = { name = "Коваль Іван Петрович" }
verified = 2026-09-01
"#;

fn dir_file(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    tmp.path().join("data").join("dir.toml")
}

/// Each new field with a value the loader refuses: the error is beside that field, with the
/// loader's message, and the save is refused with the focus there; nothing is written.
#[test]
fn every_new_field_is_checked_as_it_is_typed() {
    let service = |k| FieldKey::of_service(0, k);
    let cases: &[(FieldKey, &str, &str)] = &[
        (FieldKey::agency("remote"), "можливо", "remote"),
        (
            FieldKey::agency("coordinates"),
            "50.2; північ",
            "coordinates",
        ),
        (FieldKey::agency("serves"), ",", "serves"),
        (FieldKey::agency("country"), "Польща", "country"),
        (FieldKey::agency("status"), "відкрито", "status"),
        (FieldKey::agency("verified"), "2027-01-01", ""),
        (FieldKey::head("phone"), "12-34", "12-34"),
        (FieldKey::head("title"), "", ""),
        (FieldKey::contact(1, "name"), "", ""),
        (service("appointment"), "іноді", "appointment"),
        (service("hours"), "щодня", ""),
    ];
    for (key, typed, mentions) in cases {
        let (tmp, mut h) = desk_with(COMMENTED);
        let before = std::fs::read_to_string(dir_file(&tmp)).unwrap();
        open_form(&mut h);
        assert!(
            !form(&h).unwrap().has_errors(),
            "{:?}",
            form(&h).unwrap().problems
        );
        if *key == FieldKey::head("title") {
            // The head without a name: the name line is where the problem is.
            retype(&mut h, FieldKey::head("name"), "");
            retype(&mut h, *key, "начальниця");
        } else if *key == FieldKey::contact(1, "name") {
            // A new contact with a title but no name.
            retype(&mut h, FieldKey::contact(0, "name"), "Петренко Олена");
            retype(&mut h, FieldKey::contact(0, "name"), "");
            retype(&mut h, FieldKey::contact(0, "title"), "юристка");
        } else {
            retype(&mut h, *key, typed);
        }
        let f = form(&h).unwrap();
        let errors: Vec<_> = f
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(
            !errors.is_empty(),
            "{key:?} = «{typed}»: no error: {:?}",
            f.problems
        );
        // Beside the line typed into; a person without a name, beside its name line.
        let at = match *key {
            k if k == FieldKey::head("title") => FieldKey::head("name"),
            k if k == FieldKey::contact(1, "name") => FieldKey::contact(0, "name"),
            k => k,
        };
        assert!(
            errors
                .iter()
                .any(|p| p.field == Some(at) && p.message.contains(mentions)),
            "{key:?}: {errors:?}"
        );
        let at = errors[0].field.unwrap();
        h.ctrl('s');
        let f = form(&h).expect("the form stays open");
        assert_eq!(
            f.fields[f.focus].key, at,
            "{key:?}: the focus goes to the problem"
        );
        assert!(
            h.screen()
                .contains("не збережено: спершу виправте позначені поля")
        );
        assert_eq!(std::fs::read_to_string(dir_file(&tmp)).unwrap(), before);
    }
}

/// The problem of a person's part is put beside that part of that person.
#[test]
fn a_persons_problem_is_beside_its_part() {
    let (_tmp, mut h) = desk_with(COMMENTED);
    open_form(&mut h);
    retype(
        &mut h,
        FieldKey::contact(0, "name"),
        "Петренко Олена Іванівна",
    );
    retype(&mut h, FieldKey::contact(0, "phone"), "12-34");
    let f = form(&h).unwrap();
    let at: Vec<_> = f
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.field)
        .collect();
    assert_eq!(
        at,
        [Some(FieldKey::contact(0, "phone"))],
        "{:?}",
        f.problems
    );
}

/// Every new field typed and saved: the file changes only by those values, each written where
/// the format lists it (after the nearest field before it that the entry has), the comments
/// and the order of everything else byte for byte; the loader reads every value back.
#[test]
#[allow(clippy::too_many_lines)] // one file, every field, checked byte for byte
fn every_new_field_is_saved_in_place_and_read_back() {
    let (tmp, mut h) = desk_with(COMMENTED);
    open_form(&mut h);
    let service = |k| FieldKey::of_service(0, k);
    fill(
        &mut h,
        &[
            (FieldKey::agency("topics"), "пенсія, перерахунок пенсії"),
            (
                FieldKey::agency("description"),
                "Призначає й перераховує пенсії.",
            ),
            (FieldKey::agency("district"), "Корольовський район"),
            (FieldKey::agency("postcode"), "10003"),
            (FieldKey::agency("province"), "Житомирська область"),
            (FieldKey::agency("accessibility"), "пандус"),
            (FieldKey::agency("coordinates"), "50,2519; 28,6631"),
            (FieldKey::agency("serves"), "уся область"),
            (FieldKey::agency("email"), "pfu@example.org"),
            (FieldKey::agency("website"), "https://example.org"),
            (
                FieldKey::agency("hours_note"),
                "під час тривоги прийом не ведеться",
            ),
            (FieldKey::head("room"), "каб. 1"),
            (FieldKey::agency("status"), "тимчасово не працює"),
            (FieldKey::agency("alert"), "з 01.12 прийом у вікні 5"),
            (FieldKey::agency("notes"), "краще телефонувати зранку"),
            (FieldKey::agency("verified_by"), "Петренко О."),
            (service("description"), "Довідка про розмір пенсії."),
            (service("topics"), "довідка про пенсію"),
            (service("appointment"), "не потрібен"),
            (service("booking"), "за телефоном"),
            (service("eligibility"), "пенсіонери"),
            (service("fee"), "85 грн"),
            (service("duration"), "у день звернення"),
            (service("online"), "вебпортал ПФУ"),
            (service("hours"), "Пн-Пт 09:00-12:00"),
        ],
    );
    save_clean(&mut h);
    let after = std::fs::read_to_string(dir_file(&tmp)).unwrap();
    let expected = COMMENTED
        .replace(
            "category = \"pension\"\n",
            "category = \"pension\"\ntopics = [\"пенсія\", \"перерахунок пенсії\"]\n",
        )
        .replace(
            "description = \"Призначає пенсії.\"   # перевірено\n",
            "description = \"Призначає й перераховує пенсії.\"   # перевірено\nserves = \"oblast\"\n",
        )
        .replace(
            "locality = \"Житомир\"\naddress = \"вул. Вигадана, 12\"\n",
            "locality = \"Житомир\"\ndistrict = \"Корольовський район\"\nprovince = \"Житомирська область\"\naddress = \"вул. Вигадана, 12\"\npostcode = \"10003\"\naccessibility = \"пандус\"\ncoordinates = [50.2519, 28.6631]\n",
        )
        .replace(
            "phones = [\"+380 412 42 11 00\"]  # канцелярія\n",
            "phones = [\"+380 412 42 11 00\"]  # канцелярія\nemail = \"pfu@example.org\"\nwebsite = \"https://example.org\"\n",
        )
        .replace(
            "hours = \"Пн-Пт 08:00-17:00\"\nhead = { name = \"Бондар Олег Іванович\", title = \"начальник\", note = \"поле, якого форма не знає\" }\nverified = 2026-09-01\n",
            "hours = \"Пн-Пт 08:00-17:00\"\nhours_note = \"під час тривоги прийом не ведеться\"\nhead = { name = \"Бондар Олег Іванович\", title = \"начальник\", note = \"поле, якого форма не знає\", room = \"каб. 1\" }\nverified = 2026-09-01\nverified_by = \"Петренко О.\"\nstatus = \"temporarily-closed\"\nalert = \"з 01.12 прийом у вікні 5\"\nnotes = \"краще телефонувати зранку\"\n",
        )
        .replace(
            "name = \"Довідка про пенсію\"   # найчастіша\nfee = \"безоплатно\"  # за законом\ndocuments = [\"паспорт\"]\n",
            "name = \"Довідка про пенсію\"   # найчастіша\ndescription = \"Довідка про розмір пенсії.\"\ntopics = [\"довідка про пенсію\"]\nappointment = \"none\"\nbooking = \"за телефоном\"\nfee = \"85 грн\"  # за законом\nduration = \"у день звернення\"\nonline = \"вебпортал ПФУ\"\nhours = \"Пн-Пт 09:00-12:00\"\ndocuments = [\"паспорт\"]\neligibility = \"пенсіонери\"\n",
        );
    assert_eq!(after, expected);
    let dir = load_path(&tmp.path().join("data"), &opts());
    let a = dir.agency("pfu").expect("the entry loads");
    assert_eq!(a.topics, ["пенсія", "перерахунок пенсії"]);
    assert_eq!(a.serves, Some(Serves::Oblast));
    assert_eq!(a.coordinates, Some((50.2519, 28.6631)));
    assert_eq!(a.status, Status::TemporarilyClosed);
    assert_eq!(a.email.as_deref(), Some("pfu@example.org"));
    assert_eq!(a.head.as_ref().unwrap().room.as_deref(), Some("каб. 1"));
    let s = &a.services[0];
    assert_eq!(s.appointment, Some(Appointment::None));
    assert_eq!(s.fee.as_deref(), Some("85 грн"));
    assert!(s.hours.is_some());
}

/// Removing a value (emptying its line) removes the field and its line, comments elsewhere
/// stay; a value changed keeps the comment beside it.
#[test]
fn an_emptied_line_removes_its_field() {
    let (tmp, mut h) = desk_with(COMMENTED);
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("description"), "");
    retype(&mut h, FieldKey::of_service(0, "fee"), "10 грн");
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    assert_eq!(
        std::fs::read_to_string(dir_file(&tmp)).unwrap(),
        COMMENTED
            .replace(
                "# опис писала Петренко О.\ndescription = \"Призначає пенсії.\"   # перевірено\n",
                ""
            )
            .replace("fee = \"безоплатно\"", "fee = \"10 грн\"")
    );
}

/// Choices are shown as words and typed as words: the file keeps the format's codes.
#[test]
fn choices_are_words_on_screen_and_codes_in_the_file() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    assert_eq!(text_at(form(&h).unwrap(), FieldKey::agency("gender")), "ч");
    retype(&mut h, FieldKey::agency("gender"), "жіночий");
    retype(&mut h, FieldKey::agency("remote"), "ні");
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    let after = std::fs::read_to_string(&path).unwrap();
    let pfu = before.find("id = \"pfu-zhytomyr\"").unwrap();
    let (head, tail) = before.split_at(pfu);
    // `remote` goes after the nearest field the format lists before it that the entry has:
    // the category (no topics, no description).
    let tail = tail
        .replacen("gender = \"m\"", "gender = \"f\"", 1)
        .replacen(
            "category = \"pension\"\n",
            "category = \"pension\"\nremote = false\n",
            1,
        );
    assert_eq!(after, format!("{head}{tail}"));
}

/// F3 on the category lists the directory's categories; on the topics it adds the picked one
/// to the list; on a choice it puts the word; on a free line it says there is nothing to pick.
#[test]
fn f3_picks_from_what_the_directory_knows() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    focus(&mut h, FieldKey::agency("category"));
    h.press(KeyCode::F(3));
    assert!(matches!(h.state.overlays.last(), Some(Overlay::Picker(_))));
    h.type_text("податки");
    h.press(KeyCode::Enter);
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("category")),
        "tax"
    );
    // Topics: the directory's, picked one after another into the list.
    focus(&mut h, FieldKey::agency("topics"));
    for topic in ["РНОКПП", "ОК-5"] {
        h.press(KeyCode::F(3));
        h.type_text(topic);
        h.press(KeyCode::Enter);
    }
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("topics")),
        "РНОКПП, ОК-5"
    );
    // A choice: its words.
    focus(&mut h, FieldKey::agency("status"));
    h.press(KeyCode::F(3));
    let s = h.screen();
    assert!(s.contains("закрита — не пропонується"), "{s}");
    h.type_text("тимчасово");
    h.press(KeyCode::Enter);
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("status")),
        "тимчасово не працює"
    );
    // A free line.
    focus(&mut h, FieldKey::agency("address"));
    h.press(KeyCode::F(3));
    assert!(h.screen().contains("у цьому полі вибирати нема з чого"));
    h.ctrl('s');
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains(
            "category = \"tax\"\ntopics = [\"РНОКПП\", \"ОК-5\"]\nlocality = \"Житомир\"\naddress = \"вул. Вигадана, 12\""
        ),
        "{after}"
    );
    assert!(after.contains("status = \"temporarily-closed\""), "{after}");
}

/// Lists grow as typed: a second new phone, a new contact with every part, and a new service
/// with its document — all saved, read back by the loader.
#[test]
fn lists_persons_and_services_grow_as_they_are_typed() {
    let (tmp, mut h) = desk((120, 40));
    open_form(&mut h);
    let n = form(&h).unwrap().fields.len();
    retype(&mut h, FieldKey::phone(1), "0 800 501 007");
    retype(&mut h, FieldKey::phone(2), "+380 412 42 11 02 — факс");
    retype(
        &mut h,
        FieldKey::contact(1, "name"),
        "Петренко Олена Іванівна",
    );
    retype(&mut h, FieldKey::contact(1, "room"), "вікно 2");
    retype(
        &mut h,
        FieldKey::of_service(1, "name"),
        "Перерахунок пенсії",
    );
    retype(&mut h, FieldKey::document(1, 0), "паспорт");
    retype(&mut h, FieldKey::document(1, 1), "трудова книжка");
    let f = form(&h).unwrap();
    // Two phone lines, four parts and a name line of the next contact, a new service's lines
    // (12 after its name, with one document, one step, a contact's name) and the next's name,
    // and a document line after each of the two typed.
    assert_eq!(f.fields.len(), n + 2 + 5 + 13 + 2);
    save_clean(&mut h);
    let dir = load_path(&tmp.path().join("data"), &opts());
    let a = dir.agency("pfu-zhytomyr").unwrap();
    assert_eq!(a.phones.len(), 3);
    assert_eq!(a.phones[2].note.as_deref(), Some("факс"));
    assert_eq!(a.contacts.len(), 2);
    assert_eq!(a.contacts[1].room.as_deref(), Some("вікно 2"));
    assert_eq!(a.services.len(), 2);
    assert_eq!(a.services[1].name, "Перерахунок пенсії");
    assert_eq!(a.services[1].documents, ["паспорт", "трудова книжка"]);
    // The next agency in the file is untouched and still has its own services.
    let cnap = dir.agency("cnap-zhytomyr").unwrap();
    assert!(!cnap.services.is_empty());
}

/// A new agency with a service, from the empty form: saved, read back.
#[test]
fn a_new_agency_gets_a_service_too() {
    let (tmp, mut h) = desk((120, 40));
    h.type_text("пенсію");
    h.press(KeyCode::Enter);
    h.ctrl('x');
    fill(
        &mut h,
        &[
            (FieldKey::Id, "zt-bpd"),
            (
                FieldKey::agency("name"),
                "Центр безоплатної правничої допомоги",
            ),
            (FieldKey::agency("category"), "legal-aid"),
            (FieldKey::agency("topics"), "правова допомога, адвокат"),
            (FieldKey::agency("locality"), "Житомир"),
            (FieldKey::agency("address"), "вул. Вигадана, 20"),
            (FieldKey::phone(0), "+380 412 40 00 01"),
            (FieldKey::agency("hours"), "Пн-Пт 09:00-18:00"),
            (FieldKey::head("name"), "Вигаданий Петро Іванович"),
            (FieldKey::of_service(0, "name"), "Консультація юриста"),
            (FieldKey::of_service(0, "appointment"), "бажано"),
            (FieldKey::step(0, 0), "зателефонувати й записатися"),
        ],
    );
    save_clean(&mut h);
    let dir = load_path(&tmp.path().join("data"), &opts());
    let a = dir.agency("zt-bpd").expect("loads");
    assert_eq!(a.topics, ["правова допомога", "адвокат"]);
    assert_eq!(a.services.len(), 1);
    assert_eq!(a.services[0].appointment, Some(Appointment::Recommended));
    assert_eq!(a.services[0].steps, ["зателефонувати й записатися"]);
}

/// A closed agency names its successor, picked from the directory (F3) though it is in another
/// file: no warning that it is missing, as `validate` over the whole directory would say.
#[test]
fn a_successor_in_another_file_is_known() {
    let (tmp, mut h) = desk((120, 40));
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("status"), "закрита");
    let warned = |h: &Harness| {
        form(h)
            .unwrap()
            .problems
            .iter()
            .any(|p| p.message.contains("successor"))
    };
    assert!(
        warned(&h),
        "closed without a successor: {:?}",
        form(&h).unwrap().problems
    );
    focus(&mut h, FieldKey::agency("successor"));
    h.press(KeyCode::F(3));
    h.type_text("upszn-berdychiv");
    h.press(KeyCode::Enter);
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("successor")),
        "upszn-berdychiv"
    );
    assert!(!warned(&h), "{:?}", form(&h).unwrap().problems);
    h.ctrl('s');
    let dir = load_path(&tmp.path().join("data"), &opts());
    let a = dir.agency("pfu-zhytomyr").unwrap();
    assert_eq!(a.status, Status::Closed);
    assert_eq!(a.successor.as_deref(), Some("upszn-berdychiv"));
    assert!(
        !dir.diagnostics.iter().any(|d| d.code == "successor"),
        "{:?}",
        dir.diagnostics
    );
}

/// A new agency's id the directory already has — in the same file or in another — is an
/// error beside the id line, and the save is refused.
#[test]
fn a_taken_id_is_refused_for_a_new_agency() {
    for taken in ["pfu-zhytomyr", "upszn-berdychiv"] {
        let (_tmp, mut h) = desk((120, 40));
        h.type_text("пенсію");
        h.press(KeyCode::Enter);
        h.ctrl('x');
        retype(&mut h, FieldKey::Id, taken);
        let f = form(&h).unwrap();
        assert!(
            f.problems.iter().any(|p| p.field == Some(FieldKey::Id)
                && p.severity == Severity::Error
                && p.message.contains("у довіднику вже є")),
            "{taken}: {:?}",
            f.problems
        );
    }
}

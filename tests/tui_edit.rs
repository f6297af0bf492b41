//! The edit form from the screen («Редагувати» Ctrl-E, «Нова установа» Ctrl-X): every field
//! checked as it is typed with the loader's own diagnostics, shown beside the field; saving
//! refused while a field has an error, and refused — nothing written — when the file changed on
//! disk since the form opened; a save that goes through keeps the file's comments and layout.

mod tui_support;

use crossterm::event::KeyCode;
use refdesk::directory::{LoadOptions, Severity, load_demo, load_path};
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::state::{FieldKey, Form, Overlay};
use std::path::{Path, PathBuf};
use tui_support::*;

/// A copy of the good fixture in a temporary folder, and a harness whose jobs write there.
fn desk(size: (u16, u16)) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    let src = Path::new("tests/fixtures/tui/good");
    for f in ["zhytomyr.toml", "berdychiv.toml"] {
        std::fs::copy(src.join(f), data.join(f)).expect("copy");
    }
    let dir = load_path(&data, &opts());
    let h = Harness::with_data(dir, settings(Lang::Uk), now(), size, data, None);
    (tmp, h)
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    }
}

fn file(tmp: &tempfile::TempDir, name: &str) -> PathBuf {
    tmp.path().join("data").join(name)
}

/// The pension office's card, then the form.
fn open_form(h: &mut Harness) {
    h.type_text("пенсію");
    h.press(KeyCode::Enter);
    h.ctrl('e');
    assert!(form(h).is_some(), "the form opened:\n{}", h.screen());
}

fn form(h: &Harness) -> Option<&Form> {
    match h.state.overlays.last() {
        Some(Overlay::Form(f)) => Some(f),
        _ => None,
    }
}

/// Moves the focus to `key` with Tab / Shift-Tab.
fn focus(h: &mut Harness, key: FieldKey) {
    let f = form(h).expect("form");
    let want = f.fields.iter().position(|x| x.key == key).expect("field");
    let (from, code) = (
        f.focus,
        if want > f.focus {
            KeyCode::Tab
        } else {
            KeyCode::BackTab
        },
    );
    for _ in 0..want.abs_diff(from) {
        h.press(code);
    }
    assert_eq!(form(h).unwrap().focus, want);
}

/// Replaces the focused field's text as a person would: Ctrl-U, then typing.
fn retype(h: &mut Harness, key: FieldKey, text: &str) {
    focus(h, key);
    h.ctrl('u');
    h.type_text(text);
}

/// The problems the form shows beside `key`.
fn problems_at(h: &Harness, key: FieldKey) -> Vec<(Severity, String)> {
    form(h)
        .unwrap()
        .problems
        .iter()
        .filter(|p| p.field == Some(key))
        .map(|p| (p.severity, p.message.clone()))
        .collect()
}

/// Each field is checked as typed, and its problem is shown beside it: the loader's own
/// message, an error for what would leave the entry out, and the save is refused with the
/// focus on the first field at fault.
#[test]
fn every_field_is_checked_as_it_is_typed() {
    let cases: &[(FieldKey, &str, &str)] = &[
        (FieldKey::Name, "", "name"),
        (FieldKey::Gender, "щось", "gender"),
        (FieldKey::Category, "nonsense", "категор"),
        (FieldKey::Locality, "", "locality"),
        (FieldKey::Address, "", "address"),
        (FieldKey::Phone(0), "12-34", "12-34"),
        (FieldKey::Hours, "Пн-Пт 9-18 години", ""),
        (FieldKey::Lunch, "обід", ""),
        (FieldKey::Reception, "щодня", ""),
        (FieldKey::Verified, "2027-01-01", ""),
        (FieldKey::Verified, "вчора", ""),
    ];
    for (key, typed, mentions) in cases {
        let (tmp, mut h) = desk((120, 40));
        let before = std::fs::read_to_string(file(&tmp, "zhytomyr.toml")).unwrap();
        open_form(&mut h);
        assert!(
            !form(&h).unwrap().has_errors(),
            "the entry as it is has no error: {:?}",
            form(&h).unwrap().problems
        );
        retype(&mut h, *key, typed);
        let problems = problems_at(&h, *key);
        let errors: Vec<_> = problems
            .iter()
            .filter(|(s, _)| *s == Severity::Error)
            .collect();
        assert!(
            !errors.is_empty(),
            "{key:?} = «{typed}»: no error beside the field; all: {:?}",
            form(&h).unwrap().problems
        );
        assert!(
            errors.iter().any(|(_, m)| m.contains(mentions)),
            "{key:?}: {errors:?}"
        );
        let screen = h.screen();
        let first_line: String = errors[0].1.chars().take(30).collect();
        assert!(
            screen.contains(&format!("⚠ {first_line}")),
            "{key:?}: the problem is drawn:\n{screen}"
        );
        // Saving is refused, the focus goes to the field, nothing is written.
        focus(&mut h, FieldKey::VerifiedBy);
        h.ctrl('s');
        assert!(
            h.screen()
                .contains("не збережено: спершу виправте позначені поля")
        );
        let f = form(&h).expect("the form stays open");
        assert_eq!(f.fields[f.focus].key, *key);
        assert!(
            h.ports
                .maintain_jobs
                .iter()
                .all(|j| !matches!(j, refdesk::tui::msg::MaintainJob::SaveEdit { .. }))
        );
        assert_eq!(
            std::fs::read_to_string(file(&tmp, "zhytomyr.toml")).unwrap(),
            before
        );
    }
}

/// What the program would derive is shown as a suggestion, and the hours as it reads them.
#[test]
fn suggestions_and_the_parsed_hours_are_shown_live() {
    let (_tmp, mut h) = desk((120, 40));
    open_form(&mut h);
    retype(&mut h, FieldKey::Genitive, "");
    retype(&mut h, FieldKey::Gender, "");
    retype(&mut h, FieldKey::Hours, "Пн-Пт 09:00-18:00");
    retype(&mut h, FieldKey::Lunch, "13:00-13:45");
    let s = h.screen();
    assert!(
        s.contains("програма пропонує: Сервісного центру Головного управління"),
        "{s}"
    );
    assert!(s.contains("програма пропонує: ч"), "{s}");
    assert!(
        s.contains("програма читає так: Пн–Пт 09:00–18:00; перерва 13:00–13:45"),
        "{s}"
    );
    // A warning (no genitive) does not stop the save.
    assert!(
        !form(&h).unwrap().has_errors(),
        "{:?}",
        form(&h).unwrap().problems
    );
}

/// A phone edited and saved: only that value changes in the file, the form closes and says
/// the directory will reload.
#[test]
fn a_saved_phone_changes_only_its_value() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::Phone(0), "+380 412 42 11 77 — приймальня");
    retype(&mut h, FieldKey::Phone(1), "0 800 501 007");
    h.ctrl('s');
    assert!(form(&h).is_none(), "the form closed:\n{}", h.screen());
    assert!(
        h.screen()
            .contains("збережено — довідник оновиться за мить")
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace(
            "phones = [\"+380 412 42 11 00\"]",
            "phones = [{ number = \"+380 412 42 11 77\", note = \"приймальня\" }, \"0 800 501 007\"]"
        )
    );
    let reloaded = load_path(&tmp.path().join("data"), &opts());
    let a = reloaded.agency("pfu-zhytomyr").unwrap();
    assert_eq!(a.phones.len(), 2);
    assert_eq!(a.phones[0].note.as_deref(), Some("приймальня"));
}

/// The file changed on disk while the form was open: the save is refused, the other desk's
/// change stays on disk untouched, and the form says what they changed.
#[test]
fn a_file_changed_meanwhile_is_not_overwritten_through_the_form() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("+380 412 42 11 00", "+380 412 42 11 99");
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::Address, "вул. Нова, 1");
    h.ctrl('s');
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let f = form(&h).expect("the form stays open with the edit");
    let refused = f.refused.as_ref().expect("refused");
    assert_eq!(
        refused.changed.as_deref(),
        Some(&["phones".to_string()][..])
    );
    assert_eq!(
        f.fields
            .iter()
            .find(|x| x.key == FieldKey::Address)
            .unwrap()
            .text(),
        "вул. Нова, 1"
    );
    // The message starts with the file's path, so where it wraps depends on the platform.
    let s = h.screen();
    assert!(s.contains("файл змінився"), "{s}");
    assert!(s.contains("Інше робоче місце змінило: phones"), "{s}");
}

/// Esc with unsaved changes asks once; the second Esc closes without writing.
#[test]
fn esc_with_changes_asks_before_closing() {
    let (tmp, mut h) = desk((80, 24));
    let before = std::fs::read_to_string(file(&tmp, "zhytomyr.toml")).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::ShortName, "ПФУ");
    h.press(KeyCode::Esc);
    assert!(form(&h).is_some());
    assert!(h.screen().contains("є незбережені зміни"));
    h.press(KeyCode::Esc);
    assert!(form(&h).is_none());
    assert_eq!(
        std::fs::read_to_string(file(&tmp, "zhytomyr.toml")).unwrap(),
        before
    );
}

/// «Нова установа»: the same form, the id suggested from the name, saved at the end of the
/// file of the agency on screen.
#[test]
fn a_new_agency_is_added_from_the_form() {
    let (tmp, mut h) = desk((120, 40));
    h.type_text("пенсію");
    h.press(KeyCode::Enter);
    h.ctrl('x');
    assert!(form(&h).is_some_and(|f| f.new), "{}", h.screen());
    retype(
        &mut h,
        FieldKey::Name,
        "Центр безоплатної правничої допомоги",
    );
    assert!(
        h.screen()
            .contains("програма пропонує: tsentr-bezoplatnoi-pravnychoi-dopomohy"),
        "{}",
        h.screen()
    );
    for (key, text) in [
        (FieldKey::Id, "zt-bpd"),
        (FieldKey::Category, "legal-aid"),
        (FieldKey::Locality, "Житомир"),
        (FieldKey::Address, "вул. Вигадана, 20"),
        (FieldKey::Phone(0), "+380 412 40 00 01"),
        (FieldKey::Hours, "Пн-Пт 09:00-18:00"),
        (FieldKey::HeadName, "Вигаданий Петро Іванович"),
    ] {
        retype(&mut h, key, text);
    }
    assert!(
        !form(&h).unwrap().has_errors(),
        "{:?}",
        form(&h).unwrap().problems
    );
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    let reloaded = load_path(&tmp.path().join("data"), &opts());
    let a = reloaded.agency("zt-bpd").expect("the new agency loads");
    assert_eq!(a.verified, now().date());
    assert!(a.origin.file.ends_with("zhytomyr.toml"));
    assert!(reloaded.agency("pfu-zhytomyr").is_some());
}

#[test]
fn demo_data_opens_no_form() {
    let dir = load_demo(&opts());
    let mut h = Harness::new(dir, settings(Lang::Uk), now(), 120, 40);
    h.type_text("пенсія");
    h.press(KeyCode::Enter);
    for key in ['e', 'x'] {
        h.ctrl(key);
        assert!(h.screen().contains("це демонстраційні дані"), "Ctrl-{key}");
        assert!(h.state.overlays.is_empty());
    }
}

#[test]
fn the_form_snapshots() {
    for size in [(120, 40), (80, 24)] {
        let (_tmp, mut h) = desk(size);
        open_form(&mut h);
        retype(&mut h, FieldKey::Hours, "Пн-Пт 08:00-17:00");
        retype(&mut h, FieldKey::Lunch, "12:00-12:45");
        retype(&mut h, FieldKey::Phone(0), "12-34");
        // The temporary folder's path differs by run and platform, and a long one wraps: the
        // form is shown as if the file were at one fixed path (the path is only shown here).
        if let Some(Overlay::Form(f)) = h.state.overlays.last_mut() {
            f.snapshot.path = "/tmp/desk______/data/zhytomyr.toml".into();
        }
        let shown = h.render();
        insta::assert_snapshot!(format!("edit_form_{}x{}", size.0, size.1), shown);
    }
}

/// A service's documents and steps are lines of the form too: a document added on the empty
/// line is saved into that service's list, and a service's problem is shown at its own line.
#[test]
fn a_services_document_is_added_and_its_problems_are_placed() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::ServiceName(0), "");
    let at_name = problems_at(&h, FieldKey::ServiceName(0));
    assert!(
        at_name.iter().any(|(s, _)| *s == Severity::Error),
        "{:?}",
        form(&h).unwrap().problems
    );
    assert!(problems_at(&h, FieldKey::Name).is_empty());
    retype(&mut h, FieldKey::ServiceName(0), "Довідка про пенсію");
    retype(&mut h, FieldKey::ServiceDoc(0, 1), "трудова книжка");
    retype(&mut h, FieldKey::ServiceStep(0, 0), "звернутися до вікна 2");
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace(
            "documents = [\"паспорт\"]",
            "documents = [\"паспорт\", \"трудова книжка\"]\nsteps = [\"звернутися до вікна 2\"]"
        )
    );
}

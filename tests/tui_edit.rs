//! The edit form from the screen («Редагувати» Ctrl-E, «Нова установа» Ctrl-X): every field
//! checked as it is typed with the loader's own diagnostics, shown beside the field; saving
//! refused while a field has an error, and refused — nothing written — when the file changed on
//! disk since the form opened; a save that goes through keeps the file's comments and layout.

mod form_support;
mod tui_support;

use crossterm::event::KeyCode;
use form_support::*;
use refdesk::directory::{Severity, load_demo, load_path};
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::state::FieldKey;
use tui_support::*;

/// Each field is checked as typed, and its problem is shown beside it: the loader's own
/// message, an error for what would leave the entry out, and the save is refused with the
/// focus on the first field at fault.
#[test]
fn every_field_is_checked_as_it_is_typed() {
    let cases: &[(FieldKey, &str, &str)] = &[
        (FieldKey::agency("name"), "", "name"),
        (FieldKey::agency("gender"), "щось", "gender"),
        (FieldKey::agency("category"), "nonsense", "категор"),
        (FieldKey::agency("locality"), "", "locality"),
        (FieldKey::agency("address"), "", "address"),
        (FieldKey::phone(0), "12-34", "12-34"),
        (FieldKey::agency("hours"), "Пн-Пт 9-18 години", ""),
        (FieldKey::agency("lunch"), "обід", ""),
        (FieldKey::agency("reception"), "щодня", ""),
        (FieldKey::agency("verified"), "2027-01-01", ""),
        (FieldKey::agency("verified"), "вчора", ""),
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
        focus(&mut h, FieldKey::agency("verified_by"));
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
    retype(&mut h, FieldKey::agency("name_genitive"), "");
    retype(&mut h, FieldKey::agency("gender"), "");
    let s = h.screen();
    assert!(
        s.contains("програма пропонує: Сервісного центру Головного управління"),
        "{s}"
    );
    assert!(s.contains("програма пропонує: ч"), "{s}");
    retype(&mut h, FieldKey::agency("hours"), "Пн-Пт 09:00-18:00");
    retype(&mut h, FieldKey::agency("lunch"), "13:00-13:45");
    let s = h.screen();
    let read = "програма читає так: Пн–Пт 09:00–18:00; перерва 13:00–13:45";
    assert!(s.contains(read), "{s}");
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
    retype(&mut h, FieldKey::phone(0), "+380 412 42 11 77 — приймальня");
    retype(&mut h, FieldKey::phone(1), "0 800 501 007");
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

/// Esc with unsaved changes asks once; the second Esc closes without writing.
#[test]
fn esc_with_changes_asks_before_closing() {
    let (tmp, mut h) = desk((80, 24));
    let before = std::fs::read_to_string(file(&tmp, "zhytomyr.toml")).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("short_name"), "ПФУ");
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
        FieldKey::agency("name"),
        "Центр безоплатної правничої допомоги",
    );
    assert!(
        h.screen()
            .contains("програма пропонує: tsentr-bezoplatnoi-pravnychoi-dopomohy"),
        "{}",
        h.screen()
    );
    fill(
        &mut h,
        &[
            (FieldKey::Id, "zt-bpd"),
            (FieldKey::agency("category"), "legal-aid"),
            (FieldKey::agency("locality"), "Житомир"),
            (FieldKey::agency("address"), "вул. Вигадана, 20"),
            (FieldKey::phone(0), "+380 412 40 00 01"),
            (FieldKey::agency("hours"), "Пн-Пт 09:00-18:00"),
            (FieldKey::head("name"), "Вигаданий Петро Іванович"),
        ],
    );
    save_clean(&mut h);
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

/// The form with a problem beside a phone, and the focus on a line F3 picks for: the
/// sections' headings, the hint under the line and on the bar.
#[test]
fn the_form_snapshots() {
    for size in [(120, 40), (80, 24)] {
        let (tmp, mut h) = desk(size);
        open_form(&mut h);
        retype(&mut h, FieldKey::agency("hours"), "Пн-Пт 08:00-17:00");
        retype(&mut h, FieldKey::agency("lunch"), "12:00-12:45");
        retype(&mut h, FieldKey::phone(0), "12-34");
        focus(&mut h, FieldKey::agency("gender"));
        insta::assert_snapshot!(
            format!("edit_form_{}x{}", size.0, size.1),
            shown(&mut h, &tmp)
        );
    }
}

/// A save refused for a change on disk: why, the way on, and what changed, field by field.
#[test]
fn the_refused_save_snapshot() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("+380 412 42 11 00", "+380 412 42 11 99")
        .replace("вул. Вигадана, 12", "вул. Інша, 3");
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.ctrl('s');
    insta::assert_snapshot!("edit_form_refused_120x40", shown(&mut h, &tmp));
}

/// F3 on the category: the directory's categories, most used first, to pick from.
#[test]
fn the_category_list_snapshot() {
    let (tmp, mut h) = desk((80, 24));
    open_form(&mut h);
    focus(&mut h, FieldKey::agency("category"));
    h.press(KeyCode::F(3));
    insta::assert_snapshot!("edit_form_categories_80x24", shown(&mut h, &tmp));
}

/// A service's documents and steps are lines of the form too: a document added on the empty
/// line is saved into that service's list, and a service's problem is shown at its own line.
#[test]
fn a_services_document_is_added_and_its_problems_are_placed() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::of_service(0, "name"), "");
    let at_name = problems_at(&h, FieldKey::of_service(0, "name"));
    assert!(
        at_name.iter().any(|(s, _)| *s == Severity::Error),
        "{:?}",
        form(&h).unwrap().problems
    );
    assert!(problems_at(&h, FieldKey::agency("name")).is_empty());
    retype(
        &mut h,
        FieldKey::of_service(0, "name"),
        "Довідка про пенсію",
    );
    retype(&mut h, FieldKey::document(0, 1), "трудова книжка");
    retype(&mut h, FieldKey::step(0, 0), "звернутися до вікна 2");
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

/// PgDn goes from section to section, and the section's heading stays in view above its first
/// line however far down the form is scrolled.
#[test]
fn pgdn_goes_to_the_next_section_with_its_heading_in_view() {
    let (_tmp, mut h) = desk((80, 24));
    open_form(&mut h);
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    let f = form_support::form(&h).unwrap();
    assert_eq!(f.fields[f.focus].key, FieldKey::phone(0));
    let s = h.screen();
    assert!(s.contains("── Зв'язок"), "{s}");
    h.press(KeyCode::PageDown);
    let f = form_support::form(&h).unwrap();
    assert_eq!(f.fields[f.focus].key, FieldKey::agency("hours"));
    assert!(h.screen().contains("── Графік"), "{}", h.screen());
    h.press(KeyCode::PageUp);
    let f = form_support::form(&h).unwrap();
    assert_eq!(f.fields[f.focus].key, FieldKey::phone(0));
}

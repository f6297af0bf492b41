//! The edit form from the screen («Редагувати» Ctrl-E, «Нова установа» Ctrl-X): every field
//! checked as it is typed with the loader's own diagnostics, shown beside the field; saving
//! refused while a field has an error, and refused — nothing written — when the file changed on
//! disk since the form opened; a save that goes through keeps the file's comments and layout.

mod tui_support;

use crossterm::event::KeyCode;
use refdesk::directory::{LoadOptions, Severity, load_demo, load_path};
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::msg::Effect;
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

/// The file changed on disk while the form was open: the save is refused, the other desk's
/// change stays on disk untouched, the form stays open with every edit and says, field by
/// field, what changed on disk; saving again without taking that version is refused again.
/// Ctrl-R takes the version on disk and carries the edits over onto it: the next save writes
/// both — theirs and ours.
#[test]
fn a_refused_save_keeps_the_edits_and_ctrl_r_merges_them_onto_the_disk() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    let theirs = before.replace("+380 412 42 11 00", "+380 412 42 11 99");
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    retype(&mut h, FieldKey::agency("short_name"), "ПФУ");
    h.ctrl('s');
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let f = form(&h).expect("the form stays open with the edits");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    assert_eq!(text_at(f, FieldKey::agency("short_name")), "ПФУ");
    let disk = f.disk.as_ref().expect("what changed on disk");
    let changes: Vec<_> = disk
        .fields
        .iter()
        .map(|c| (c.key, c.before.as_str(), c.now.as_str(), c.mine.as_deref()))
        .collect();
    assert_eq!(
        changes,
        [(
            FieldKey::phone(0),
            "+380 412 42 11 00",
            "+380 412 42 11 99",
            None
        )]
    );
    let s = h.screen();
    assert!(s.contains("файл змінився на диску"), "{s}");
    assert!(s.contains("ваші зміни лишаються у формі"), "{s}");
    assert!(
        s.contains("Телефон 1: було «+380 412 42 11 00», тепер «+380 412 42 11 99»"),
        "{s}"
    );
    assert!(
        s.contains("Ctrl-R перенести зміни"),
        "the hint bar offers it:\n{s}"
    );
    // Saving again on the old version is refused again; nothing is written, nothing is lost.
    h.ctrl('s');
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("address")),
        "вул. Нова, 1"
    );
    // Ctrl-R: the version on disk, with our two fields on top.
    h.ctrl('r');
    let f = form(&h).expect("still the form");
    assert!(f.disk.is_none() && f.refused.is_none());
    assert_eq!(text_at(f, FieldKey::phone(0)), "+380 412 42 11 99");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    assert_eq!(text_at(f, FieldKey::agency("short_name")), "ПФУ");
    assert_eq!(f.merged.as_ref().map(|m| m.carried), Some(2));
    assert!(f.merged.as_ref().unwrap().conflicts.is_empty());
    let s = h.screen();
    assert!(
        s.contains("Узято версію з диска й перенесено ваші зміни (2 поля)"),
        "{s}"
    );
    assert!(
        !s.contains("Ctrl-R перенести"),
        "nothing more to merge:\n{s}"
    );
    h.ctrl('s');
    assert!(form(&h).is_none(), "saved:\n{}", h.screen());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs
            .replace(
                "address = \"вул. Вигадана, 12\"",
                "address = \"вул. Нова, 1\""
            )
            .replace(
                "short_name = \"Сервісний центр ПФУ\"",
                "short_name = \"ПФУ\""
            )
    );
}

/// A field both sides changed: the refusal says what we typed beside what is on disk now; the
/// merge keeps our value, marks the field and shows the disk's value under it.
#[test]
fn a_field_both_sides_changed_keeps_ours_and_shows_theirs() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("вул. Вигадана, 12", "вул. Інша, 3");
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains(
            "Адреса: було «вул. Вигадана, 12», тепер «вул. Інша, 3»; ви ввели «вул. Нова, 1»"
        ),
        "{s}"
    );
    h.ctrl('r');
    let f = form(&h).unwrap();
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    let conflicts = &f.merged.as_ref().unwrap().conflicts;
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].key, FieldKey::agency("address"));
    assert_eq!(conflicts[0].theirs, "вул. Інша, 3");
    let s = h.screen();
    assert!(s.contains("Ці поля змінили і ви, і на диску"), "{s}");
    assert!(s.contains("на диску: «вул. Інша, 3»"), "{s}");
    h.ctrl('s');
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs.replace("вул. Інша, 3", "вул. Нова, 1")
    );
}

/// A list merges as a whole: a phone the other desk added stays when we add a document, and
/// when we change the phones too, our list wins and theirs is shown.
#[test]
fn lists_merge_as_a_whole() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    let theirs = std::fs::read_to_string(&path).unwrap().replace(
        "phones = [\"+380 412 42 11 00\"]",
        "phones = [\"0 800 501 007\", \"+380 412 42 11 00\"]",
    );
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::document(0, 1), "трудова книжка");
    h.ctrl('s');
    h.ctrl('r');
    let f = form(&h).unwrap();
    assert_eq!(text_at(f, FieldKey::phone(0)), "0 800 501 007");
    assert_eq!(text_at(f, FieldKey::phone(1)), "+380 412 42 11 00");
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        theirs.replace(
            "documents = [\"паспорт\"]",
            "documents = [\"паспорт\", \"трудова книжка\"]"
        )
    );
    // Both change the phones: ours stays, theirs is shown under the first phone. (The card is
    // still open.)
    h.ctrl('e');
    let theirs = after.replace(
        "phones = [\"0 800 501 007\", \"+380 412 42 11 00\"]",
        "phones = [\"+380 412 42 11 00\"]",
    );
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::phone(0), "0 800 501 008");
    h.ctrl('s');
    h.ctrl('r');
    let f = form(&h).unwrap();
    let c = &f.merged.as_ref().unwrap().conflicts;
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (c[0].key, c[0].theirs.as_str()),
        (FieldKey::phone(0), "+380 412 42 11 00")
    );
    h.ctrl('s');
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("phones = [\"0 800 501 008\", \"+380 412 42 11 00\"]")
    );
}

/// The entry was removed from the file meanwhile: the refusal says so, Ctrl-R has nothing to
/// carry the edits onto, and the edits stay in the form.
#[test]
fn an_entry_removed_on_disk_keeps_the_edits_in_the_form() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    open_form(&mut h);
    let text = std::fs::read_to_string(&path).unwrap();
    let from = text.find("[[agency]]\nid = \"pfu-zhytomyr\"").unwrap();
    let to = text.find("[[agency]]\nid = \"cnap-zhytomyr\"").unwrap();
    let theirs = format!("{}{}", &text[..from], &text[to..]);
    std::fs::write(&path, &theirs).unwrap();
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.ctrl('s');
    assert!(
        h.screen()
            .contains("Цієї установи у файлі на диску вже немає")
    );
    h.ctrl('r');
    let f = form(&h).expect("the form stays");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    assert!(
        h.screen().contains("нема чого переносити"),
        "{}",
        h.screen()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

/// The file is half-edited on disk (not valid TOML) when the save comes: the refusal says so
/// and what is wrong; once the file is fixed, the next save is refused for the change and
/// Ctrl-R carries the edits over.
#[test]
fn a_file_broken_on_disk_meanwhile_is_waited_for() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    std::fs::write(
        &path,
        before.replace("hours = \"Пн-Пт 08:00-17:00\"", "hours = "),
    )
    .unwrap();
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("Файл на диску тепер не є правильним TOML"),
        "{s}"
    );
    h.ctrl('r');
    assert_eq!(
        text_at(form(&h).unwrap(), FieldKey::agency("address")),
        "вул. Нова, 1"
    );
    let fixed = before.replace("Пн-Пт 08:00-17:00", "Пн-Пт 08:00-16:00");
    std::fs::write(&path, &fixed).unwrap();
    h.ctrl('s');
    h.ctrl('r');
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed.replace("вул. Вигадана, 12", "вул. Нова, 1")
    );
}

/// «Нова установа» while another desk changed the same file: the refusal says no field of this
/// entry changed, and Ctrl-R adds the new agency to the file as it is now.
#[test]
fn a_new_agency_refused_for_a_change_elsewhere_in_the_file_is_merged() {
    let (tmp, mut h) = desk((120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    h.type_text("пенсію");
    h.press(KeyCode::Enter);
    h.ctrl('x');
    for (key, text) in [
        (FieldKey::Id, "zt-bpd"),
        (
            FieldKey::agency("name"),
            "Центр безоплатної правничої допомоги",
        ),
        (FieldKey::agency("category"), "legal-aid"),
        (FieldKey::agency("locality"), "Житомир"),
        (FieldKey::agency("address"), "вул. Вигадана, 20"),
        (FieldKey::phone(0), "+380 412 40 00 01"),
        (FieldKey::agency("hours"), "Пн-Пт 09:00-18:00"),
    ] {
        retype(&mut h, key, text);
    }
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("+380 412 42 11 00", "+380 412 42 11 99");
    std::fs::write(&path, &theirs).unwrap();
    h.ctrl('s');
    assert!(
        h.screen()
            .contains("у цьому записі нічого не змінилося — змінено інші записи того самого файлу"),
        "{}",
        h.screen()
    );
    h.ctrl('r');
    assert_eq!(form(&h).unwrap().merged.as_ref().unwrap().carried, 8);
    h.ctrl('s');
    assert!(form(&h).is_none(), "{}", h.screen());
    let reloaded = load_path(&tmp.path().join("data"), &opts());
    assert!(reloaded.agency("zt-bpd").is_some());
    assert!(std::fs::read_to_string(&path).unwrap().starts_with(&theirs));
}

/// Neither the next visitor (Ctrl-L) nor a single F10 takes unsaved edits with them: the form
/// is the maintainer's work, not the visit's, and quitting asks once, as closing does.
#[test]
fn the_next_visitor_and_one_quit_key_keep_the_edits() {
    let (_tmp, mut h) = desk((120, 40));
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.ctrl('l');
    let f = form(&h).expect("the form stays after Ctrl-L");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    assert!(h.state.query.is_empty());
    let first = h.press(KeyCode::F(10));
    assert!(!matches!(first, Effect::Quit), "the first F10 only warns");
    assert!(h.screen().contains("F10 ще раз — вийти без збереження"));
    assert!(
        matches!(h.press(KeyCode::F(10)), Effect::Quit),
        "the second quits"
    );
}

fn text_at(f: &Form, key: FieldKey) -> &str {
    f.fields
        .iter()
        .find(|x| x.key == key)
        .unwrap_or_else(|| panic!("{key:?}"))
        .text()
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
    for (key, text) in [
        (FieldKey::Id, "zt-bpd"),
        (FieldKey::agency("category"), "legal-aid"),
        (FieldKey::agency("locality"), "Житомир"),
        (FieldKey::agency("address"), "вул. Вигадана, 20"),
        (FieldKey::phone(0), "+380 412 40 00 01"),
        (FieldKey::agency("hours"), "Пн-Пт 09:00-18:00"),
        (FieldKey::head("name"), "Вигаданий Петро Іванович"),
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

/// The screen with the temporary folder's name (it changes each run) written as the same
/// number of characters, always the same.
fn shown(h: &mut Harness, tmp: &tempfile::TempDir) -> String {
    let path = tmp.path().display().to_string();
    let same: String = "/tmp/desk"
        .chars()
        .chain(std::iter::repeat('_'))
        .take(path.chars().count())
        .collect();
    h.render().replace(&path, &same)
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

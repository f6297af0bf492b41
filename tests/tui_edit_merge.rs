//! A save refused because the file changed on disk since the form opened never loses the
//! edits: the form stays with them, says what changed on disk field by field, and Ctrl-R opens
//! it again on the disk's version with the user's changed fields carried over (a merge); the
//! next visitor (Ctrl-L) and a single F10 keep them too.

mod form_support;
mod tui_support;

use crossterm::event::KeyCode;
use form_support::*;
use refdesk::directory::load_path;
use refdesk::tui::msg::Effect;
use refdesk::tui::state::FieldKey;

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
    // The refusal starts with the file's path: where the screen wraps it depends on the
    // platform, so its words are read from the form.
    let refused = form(&h).and_then(|f| f.refused.clone()).expect("refused");
    assert!(refused.contains("файл змінився на диску"), "{refused}");
    let s = h.screen();
    assert!(s.contains("змінився"), "{s}");
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
    fill(
        &mut h,
        &[
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
        ],
    );
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
    assert!(
        h.screen()
            .contains("ще раз F10 (Ctrl-Q) — вийти без збереження")
    );
    assert!(
        matches!(h.press(KeyCode::F(10)), Effect::Quit),
        "the second quits"
    );
}

/// Help opened over the form, then a letter typed: the help closes and the letter goes into
/// the form's line — the form and its edits are not swept away with the window.
#[test]
fn typing_in_the_help_over_the_form_goes_back_to_the_form() {
    let (_tmp, mut h) = desk((120, 40));
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    h.press(KeyCode::F(1));
    assert!(form(&h).is_none(), "the help is on top");
    h.type_text("А");
    let f = form(&h).expect("the form is back on top");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1А");
    assert_eq!(
        h.state.query.text(),
        "пенсію",
        "nothing went into the search"
    );
}

/// With --lang en a refused save says why in English: another program holds the data folder's
/// lock for the whole wait, so the save gives up, writes nothing and keeps the edits.
#[test]
fn a_refused_save_says_why_in_english() {
    let (tmp, mut h) = desk_in(refdesk::i18n::Lang::En, (120, 40));
    let path = file(&tmp, "zhytomyr.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    open_form(&mut h);
    retype(&mut h, FieldKey::agency("address"), "вул. Нова, 1");
    let lock = std::fs::File::create(
        tmp.path()
            .join("data")
            .join(refdesk::maintain::edit::LOCK_FILE),
    )
    .unwrap();
    lock.lock().unwrap();
    h.ctrl('s');
    drop(lock);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let f = form(&h).expect("the form stays open with the edits");
    assert_eq!(text_at(f, FieldKey::agency("address")), "вул. Нова, 1");
    // The message starts with the file's path, so where the screen wraps it depends on the
    // platform: it is read from the form, and the screen is checked for one word of it.
    let refused = f.refused.as_ref().expect("refused");
    assert!(
        refused.contains("another program is saving this file right now"),
        "{refused}"
    );
    let s = h.screen();
    assert!(s.contains("another"), "{s}");
    assert!(s.contains("not saved"), "the status line:\n{s}");
    assert!(!s.contains("інша програма"), "no Ukrainian:\n{s}");
}

//! Keeping the data true from the screen: «Повідомити про помилку» (Ctrl-F), «Перевірено
//! сьогодні» (Ctrl-G, asking the maintainer's name once) and F8's maintenance lines, through the
//! real state, effects and view, writing into a copy of the fixture in a temporary folder.

mod git_support;
mod tui_support;
use git_support::git;

use crossterm::event::KeyCode;
use refdesk::directory::{LoadOptions, load_demo, load_path};
use refdesk::i18n::Lang;
use refdesk::maintain::corrections;
use refdesk::tui::Harness;
use std::path::{Path, PathBuf};
use tui_support::*;

/// A copy of the good fixture in a temporary folder, and a harness whose jobs write there.
fn desk(size: (u16, u16), config: Option<PathBuf>) -> (tempfile::TempDir, Harness) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    copy_good_fixture(&data);
    let dir = load_path(
        &data,
        &LoadOptions {
            today: now().date(),
            lang: Lang::Uk,
        },
    );
    let mut s = settings(Lang::Uk);
    s.config.desk = Some("Вікно 1".into());
    let h = Harness::with_data(dir, s, now(), size, data, config);
    (tmp, h)
}

/// Opens the card of the first result for `query`.
fn open_card(h: &mut Harness, query: &str) {
    h.type_text(query);
    h.press(KeyCode::Enter);
}

#[test]
fn a_report_is_appended_and_the_card_and_f8_show_it() {
    let (tmp, mut h) = desk((120, 40), None);
    open_card(&mut h, "пенсію");
    assert!(h.screen().contains("Сервісний центр"), "{}", h.screen());
    h.ctrl('f');
    let s = h.screen();
    assert!(s.contains("Повідомити про помилку"), "{s}");
    assert!(s.contains("▶ інше"), "«інше» is chosen first:\n{s}");
    // Up from «інше» to «телефони»: FIELDS runs name, address, phones, …
    let others = corrections::FIELDS.len() - 1;
    for _ in 0..others - 2 {
        h.press(KeyCode::Up);
    }
    assert!(h.screen().contains("▶ телефони"), "{}", h.screen());
    // An empty note is not sent.
    h.press(KeyCode::Enter);
    assert!(h.screen().contains("напишіть коротко, що не так"));
    assert!(
        h.ports
            .maintain_jobs
            .iter()
            .all(|j| !matches!(j, refdesk::tui::msg::MaintainJob::Report(_)))
    );
    h.type_text("телефон не відповідає");
    h.press(KeyCode::Enter);
    let file = tmp.path().join("data").join(corrections::FILE_NAME);
    let (all, diags) = corrections::load(&file, Lang::Uk);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(
        (c.agency.as_str(), c.field.as_str(), c.note.as_str()),
        ("pfu-zhytomyr", "phones", "телефон не відповідає")
    );
    assert_eq!(c.date, now().date());
    assert_eq!(c.desk.as_deref(), Some("Вікно 1"));
    let s = h.screen();
    assert!(s.contains("повідомлення про помилку записано"), "{s}");
    assert!(
        s.contains("⚠ є повідомлення про помилку: телефони — «телефон не відповідає»"),
        "the card warns:\n{s}"
    );
    // The phrase stays as the data says.
    assert!(
        s.contains("+380 412 42 11 00") || s.contains("42 11 00"),
        "{s}"
    );
    h.press(KeyCode::F(8));
    let s = h.screen();
    assert!(
        s.contains("Відкриті повідомлення про помилки: 1 повідомлення"),
        "F8 lists the open reports:\n{s}"
    );
    assert!(s.contains("1. 25.11.2026"), "{s}");
    // Another agency's card has no warning.
    h.press(KeyCode::Esc);
    h.ctrl('u');
    open_card(&mut h, "субсидія");
    assert!(!h.screen().contains("є повідомлення про помилку"));
}

#[test]
fn demo_data_takes_no_report_and_no_verification() {
    let dir = load_demo(&LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    });
    let mut h = Harness::new(dir, settings(Lang::Uk), now(), 120, 40);
    h.type_text("пенсія");
    h.press(KeyCode::Enter);
    for key in ['f', 'g'] {
        h.ctrl(key);
        let s = h.screen();
        assert!(
            s.contains("це демонстраційні дані, їх не можна змінювати"),
            "Ctrl-{key}:\n{s}"
        );
        assert!(h.state.overlays.is_empty(), "no dialog opens");
    }
    assert!(h.ports.maintain_jobs.is_empty());
}

#[test]
fn verified_today_asks_the_name_once_and_writes_the_date() {
    let tmp_cfg = tempfile::tempdir().expect("tempdir");
    let cfg = tmp_cfg.path().join("refdesk.toml");
    std::fs::write(&cfg, "# налаштування бюро\nhome_locality = \"Житомир\"\n").expect("write");
    let (tmp, mut h) = desk((120, 40), Some(cfg.clone()));
    h.state.settings.config.maintainer = None;
    open_card(&mut h, "пенсію");
    h.ctrl('g');
    let s = h.screen();
    assert!(
        s.contains("Хто перевіряє дані на цьому робочому місці?"),
        "{s}"
    );
    // Enter with no name asks for one.
    h.press(KeyCode::Enter);
    assert!(h.screen().contains("напишіть ім'я"));
    h.type_text("Петренко О.");
    h.press(KeyCode::Enter);
    let file = std::fs::read_to_string(tmp.path().join("data").join("zhytomyr.toml")).unwrap();
    let entry = &file[file.find("id = \"pfu-zhytomyr\"").unwrap()..];
    let entry = &entry[..entry.find("[[agency]]").unwrap_or(entry.len())];
    assert!(entry.contains("verified = 2026-11-25"), "{entry}");
    assert!(entry.contains("verified_by = \"Петренко О.\""), "{entry}");
    assert_eq!(
        std::fs::read_to_string(&cfg).unwrap(),
        "# налаштування бюро\nhome_locality = \"Житомир\"\nmaintainer = \"Петренко О.\"\n"
    );
    let s = h.screen();
    assert!(
        s.contains("перевірено 25.11.2026, хто перевіряв: Петренко О."),
        "{s}"
    );
    // The second time the name is known: no question.
    h.press(KeyCode::Esc);
    h.ctrl('u');
    open_card(&mut h, "субсидія");
    h.ctrl('g');
    assert!(h.state.overlays.is_empty(), "asked again");
    let file = std::fs::read_to_string(tmp.path().join("data").join("berdychiv.toml")).unwrap();
    assert!(file.contains("verified_by = \"Петренко О.\""), "{file}");
}

#[test]
fn a_failed_verification_is_shown_in_a_window() {
    let (tmp, mut h) = desk((120, 40), None);
    h.state.settings.config.maintainer = Some("Петренко О.".into());
    open_card(&mut h, "пенсію");
    // Someone deletes the file meanwhile: nothing is written, the window says why.
    std::fs::remove_file(tmp.path().join("data").join("zhytomyr.toml")).unwrap();
    h.ctrl('g');
    let s = h.screen();
    assert!(s.contains("Позначку «перевірено» не записано"), "{s}");
    assert!(s.contains("zhytomyr.toml"), "{s}");
    assert!(!tmp.path().join("data").join("zhytomyr.toml").exists());
    h.press(KeyCode::Enter);
    assert!(h.state.overlays.is_empty());
}

#[test]
fn f8_shows_the_verification_queue() {
    // 2027-06-20: every fixture entry verified in 2026 before 20.07 is due within 30 days.
    let (_tmp, mut h) = desk((120, 40), None);
    h.act(refdesk::tui::msg::Action::Tick(
        jiff::civil::date(2027, 6, 20).at(10, 0, 0, 0),
    ));
    h.press(KeyCode::F(8));
    let s = h.screen();
    assert!(
        s.contains("Черга перевірки (строк минув або настане за 30 днів): 2 установи"),
        "{s}"
    );
}

#[test]
fn the_report_dialog_snapshots() {
    for size in [(120, 40), (80, 24)] {
        let (_tmp, mut h) = desk(size, None);
        open_card(&mut h, "пенсію");
        h.ctrl('f');
        h.press(KeyCode::Up);
        h.type_text("переїхали на Київську, 5");
        insta::assert_snapshot!(format!("report_dialog_{}x{}", size.0, size.1), h.render());
    }
    let (_tmp, mut h) = desk((80, 24), None);
    h.state.settings.config.maintainer = None;
    open_card(&mut h, "пенсію");
    h.ctrl('g');
    h.type_text("Петренко О.");
    insta::assert_snapshot!("maintainer_dialog_80x24", h.render());
}

/// When the data folder is a git working copy, F8 shows its last commit and the files not yet
/// committed, read by git in the background.
#[test]
fn f8_shows_the_git_audit_line() {
    let (tmp, mut h) = desk((120, 40), None);
    let data = tmp.path().join("data");
    if !git_support::init_or_skip(&data) {
        return;
    }
    assert!(git(&data, &["add", "."]) && git(&data, &["commit", "-qm", "Нові телефони ЦНАП"]));
    std::fs::write(data.join("extra.toml"), "").unwrap();
    h.press(KeyCode::F(8));
    let s = h.screen();
    assert!(
        s.contains("Історія даних (git): останній коміт") && s.contains("«Нові телефони"),
        "{s}"
    );
    assert!(s.contains("зміни, ще не внесені в git: 1 файл"), "{s}");
}

/// A change to the corrections file alone (another desk's report) is read again without
/// reloading the agencies.
#[test]
fn another_desks_report_is_read_without_a_reload() {
    use refdesk::directory::watch::WatchEvent;
    use refdesk::tui::msg::{Action, Effect, MaintainJob};
    let (tmp, mut h) = desk((120, 40), None);
    let file = tmp.path().join("data").join(corrections::FILE_NAME);
    let report = corrections::NewReport {
        agency: "cnap-zhytomyr".into(),
        field: "address".into(),
        note: "переїхали на Київську, 5".into(),
        date: now().date(),
        desk: Some("Вікно 2".into()),
    };
    corrections::append(&file, &report).unwrap();
    let e = h.act(Action::Watch(WatchEvent::Changed(vec![file.clone()])));
    assert_eq!(e, Effect::Maintain(MaintainJob::LoadCorrections));
    assert_eq!(h.ports.reload_requests, 0);
    open_card(&mut h, "реєстрація місця проживання");
    let s = h.screen();
    assert!(
        s.contains("є повідомлення про помилку: адреса — «переїхали на Київську, 5»"),
        "{s}"
    );
}

/// English with --lang en: the report dialog and its result.
#[test]
fn the_report_dialog_speaks_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        Path::new("tests/fixtures/tui/good/zhytomyr.toml"),
        data.join("zhytomyr.toml"),
    )
    .unwrap();
    let dir = load_path(
        &data,
        &LoadOptions {
            today: now().date(),
            lang: Lang::En,
        },
    );
    let mut h = Harness::with_data(dir, settings(Lang::En), now(), (120, 40), data, None);
    open_card(&mut h, "пенсію");
    h.ctrl('f');
    let s = h.screen();
    assert!(
        s.contains("Report an error") && s.contains("▶ other"),
        "{s}"
    );
    h.type_text("the phone does not answer");
    h.press(KeyCode::Enter);
    let s = h.screen();
    assert!(s.contains("the error report was saved"), "{s}");
    assert!(s.contains("an error has been reported: other"), "{s}");
}

/// Without a data path (as for the built-in demo) nothing is written, even for a directory
/// read from files: the repository's fixture stays as it is.
#[test]
fn without_a_data_path_nothing_is_written() {
    let fixture = Path::new("tests/fixtures/tui/good/zhytomyr.toml");
    let before = std::fs::read(fixture).unwrap();
    let mut h = harness(120, 40);
    h.state.settings.config.maintainer = Some("Петренко О.".into());
    open_card(&mut h, "пенсію");
    h.ctrl('g');
    assert!(
        h.screen().contains("це демонстраційні дані"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Enter);
    h.ctrl('e');
    assert!(h.screen().contains("Форму не відкрито"), "{}", h.screen());
    assert_eq!(std::fs::read(fixture).unwrap(), before);
}

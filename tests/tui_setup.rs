//! The first start on real data: the window that asks for the office's name, address and
//! phone, the home town and the printer — its lines, what it refuses, Esc, and what Enter on the
//! last line sets going — through the real state, effects and view, writing the settings file
//! into a temporary folder.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use refdesk::config::Config;
use refdesk::directory::{LoadOptions, load_path};
use refdesk::i18n::Lang;
use refdesk::setup::DeskSetup;
use refdesk::tui::msg::{Action, Effect, MaintainDone, MaintainJob};
use refdesk::tui::state::{Overlay, SetupDialog, SetupField};
use refdesk::tui::{Harness, Settings};
use std::path::PathBuf;
use tui_support::{copy_good_fixture, now};

/// The printers the tests offer, in place of whatever this machine has.
fn printers() -> Vec<String> {
    vec!["Front Desk".into(), "XP-58".into()]
}

/// A copy of the good fixture in a temporary folder, settings without an office, and the
/// first-start window open with [`printers`]; the settings file's path.
fn first_start(
    size: (u16, u16),
    lang: Lang,
    config: Config,
) -> (tempfile::TempDir, Harness, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    copy_good_fixture(&data);
    let dir = load_path(
        &data,
        &LoadOptions {
            today: now().date(),
            lang,
        },
    );
    let settings = Settings {
        lang,
        office: None,
        home_locality: None,
        color: false,
        config,
        save_dir: Some(PathBuf::from("/home/desk/.local/share/refdesk/unprinted")),
    };
    let file = tmp.path().join("config").join("refdesk.toml");
    let mut h = Harness::with_data(dir, settings, now(), size, data, Some(file.clone()));
    h.first_start();
    h.act(Action::Maintained(MaintainDone::Printers(printers())));
    (tmp, h, file)
}

fn window(h: &Harness) -> &SetupDialog {
    match h.state.overlays.last() {
        Some(Overlay::Setup(s)) => s,
        other => panic!("the first-start window is not on top: {other:?}"),
    }
}

fn shift_tab(h: &mut Harness) {
    h.key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
}

fn save_jobs(h: &Harness) -> Vec<&DeskSetup> {
    h.ports
        .maintain_jobs
        .iter()
        .filter_map(|j| match j {
            MaintainJob::SaveSetup(a) => Some(a),
            _ => None,
        })
        .collect()
}

#[test]
fn typing_fills_the_line_the_keyboard_is_in_and_enter_tab_and_arrows_move() {
    let (_tmp, mut h, _) = first_start((120, 40), Lang::Uk, Config::default());
    let s = h.screen();
    assert!(s.contains("Налаштування бюро"), "{s}");
    assert!(s.contains("▶ Назва бюро:"), "{s}");
    assert_eq!(window(&h).focus, SetupField::Name);
    h.type_text("Бюро у м. Коростень");
    h.press(KeyCode::Enter);
    assert_eq!(window(&h).focus, SetupField::Address);
    h.type_text("вул. Грушевського, 5");
    h.press(KeyCode::Tab);
    assert_eq!(window(&h).focus, SetupField::Phone);
    shift_tab(&mut h);
    assert_eq!(window(&h).focus, SetupField::Address);
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    assert_eq!(window(&h).focus, SetupField::Locality);
    h.type_text("Коростень");
    let w = window(&h);
    let text = |f| w.line(f).expect("a typed line").text().to_string();
    assert_eq!(text(SetupField::Name), "Бюро у м. Коростень");
    assert_eq!(text(SetupField::Address), "вул. Грушевського, 5");
    assert_eq!(text(SetupField::Phone), "");
    assert_eq!(text(SetupField::Locality), "Коростень");
    // The last line is the printer, and the lines do not wrap round.
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    assert_eq!(window(&h).focus, SetupField::Printer);
    assert!(h.screen().contains("◀ типовий принтер ▶"), "{}", h.screen());
    // Letters typed on the printer line go nowhere.
    h.type_text("x");
    assert_eq!(window(&h).printer, None);
}

#[test]
fn the_printer_is_chosen_from_the_system_list_round_and_round() {
    let (_tmp, mut h, _) = first_start((120, 40), Lang::Uk, Config::default());
    for _ in 0..4 {
        h.press(KeyCode::Down);
    }
    assert_eq!(window(&h).focus, SetupField::Printer);
    let mut seen = Vec::new();
    for _ in 0..3 {
        h.press(KeyCode::Right);
        seen.push(window(&h).printer.clone());
    }
    assert_eq!(
        seen,
        [Some("Front Desk".into()), Some("XP-58".into()), None],
        "the system default, then each printer, then round"
    );
    h.press(KeyCode::Left);
    assert_eq!(window(&h).printer.as_deref(), Some("XP-58"));
    assert!(h.screen().contains("◀ XP-58 ▶"), "{}", h.screen());

    // A printer the settings already name is offered first and kept unless another is
    // chosen; it is not listed twice.
    let mut config = Config::default();
    config.printer.name = Some("XP-58".into());
    let (_tmp, h, _) = first_start((120, 40), Lang::Uk, config);
    let w = window(&h);
    assert_eq!(w.printer.as_deref(), Some("XP-58"));
    assert_eq!(
        w.choices(),
        [Some("XP-58".to_string()), Some("Front Desk".to_string())]
    );
}

#[test]
fn the_office_needs_a_name_and_a_phone_the_directory_would_take() {
    let (_tmp, mut h, file) = first_start((120, 40), Lang::Uk, Config::default());
    h.press(KeyCode::Enter);
    assert_eq!(window(&h).focus, SetupField::Name, "no name, no next line");
    assert!(
        h.screen()
            .contains("напишіть назву бюро — вона буде на направленнях"),
        "{}",
        h.screen()
    );
    h.type_text("Бюро у м. Коростень");
    assert_eq!(window(&h).error, None, "typing clears the complaint");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(
        window(&h).focus,
        SetupField::Phone,
        "an address may stay empty"
    );
    h.type_text("0412 42 05");
    h.press(KeyCode::Enter);
    let said = refdesk::phone::parse("0412 42 05")
        .expect_err("too few digits")
        .message(Lang::Uk);
    assert_eq!(
        window(&h).error,
        Some((SetupField::Phone, said.clone())),
        "the directory's own words about the number"
    );
    assert_eq!(window(&h).focus, SetupField::Phone);
    assert!(h.screen().contains("замало цифр"), "{said}\n{}", h.screen());
    h.ctrl('u');
    h.type_text("(0412) 42-05-10");
    h.press(KeyCode::Enter);
    assert_eq!(window(&h).focus, SetupField::Locality);
    // The name taken away again: Enter on the last line checks every line and goes back to
    // the one that is wrong.
    for _ in 0..3 {
        h.press(KeyCode::Up);
    }
    h.ctrl('u');
    for _ in 0..4 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    assert_eq!(window(&h).focus, SetupField::Name);
    assert!(
        save_jobs(&h).is_empty(),
        "nothing is saved while a line is wrong"
    );
    assert!(!file.exists());
}

#[test]
fn esc_skips_writes_nothing_and_says_the_next_start_asks_again() {
    let (_tmp, mut h, file) = first_start((120, 40), Lang::Uk, Config::default());
    h.type_text("Бюро у м. Коростень");
    h.press(KeyCode::Esc);
    assert!(h.state.overlays.is_empty(), "{:?}", h.state.overlays);
    assert!(
        h.screen()
            .contains("налаштування пропущено — програма спитає знову наступного разу"),
        "{}",
        h.screen()
    );
    assert!(save_jobs(&h).is_empty());
    assert!(!file.exists());
    assert_eq!(h.state.settings.office, None);
    assert_eq!(h.state.settings.config.office.name, None);
}

#[test]
fn the_next_visitor_and_a_query_leave_the_window_open() {
    let (_tmp, mut h, _) = first_start((120, 40), Lang::Uk, Config::default());
    h.type_text("Бюро");
    h.ctrl('l');
    let w = window(&h);
    assert_eq!(w.line(SetupField::Name).expect("name").text(), "Бюро");
    // Help over the window, then a letter: the query takes it, the window stays.
    h.press(KeyCode::F(1));
    h.type_text("п");
    assert_eq!(h.state.query.text(), "п");
    window(&h);
}

#[test]
fn enter_on_the_last_line_writes_the_settings_and_the_screen_uses_them_at_once() {
    let (_tmp, mut h, file) = first_start((120, 40), Lang::Uk, Config::default());
    for (line, text) in [
        (SetupField::Name, "Бюро правничої допомоги у м. Коростень"),
        (SetupField::Address, "вул. Грушевського, 5"),
        (SetupField::Phone, "(0412) 42-05-10"),
        (SetupField::Locality, "Коростень"),
    ] {
        assert_eq!(window(&h).focus, line);
        h.type_text(text);
        h.press(KeyCode::Enter);
    }
    h.press(KeyCode::Right);
    let effect = h.press(KeyCode::Enter);
    let answers = DeskSetup {
        office_name: Some("Бюро правничої допомоги у м. Коростень".into()),
        office_address: Some("вул. Грушевського, 5".into()),
        office_phone: Some("(0412) 42-05-10".into()),
        home_locality: Some("Коростень".into()),
        printer: Some("Front Desk".into()),
        maintainer: None,
    };
    // The file is written by the runtime, and the search is asked again with the home town.
    let Effect::Batch(effects) = &effect else {
        panic!("{effect:?}")
    };
    assert_eq!(
        effects[0],
        Effect::Maintain(MaintainJob::SaveSetup(answers))
    );
    let Effect::Search(search) = &effects[1] else {
        panic!("{effects:?}")
    };
    assert_eq!(search.opts.near.as_deref(), Some("Коростень"));
    assert!(h.state.overlays.is_empty());

    let text = std::fs::read_to_string(&file).expect("the settings file");
    let c = Config::parse("refdesk.toml", &text).expect("valid settings");
    assert_eq!(
        c.office.name.as_deref(),
        Some("Бюро правничої допомоги у м. Коростень")
    );
    assert_eq!(c.office.phone.as_deref(), Some("(0412) 42-05-10"));
    assert_eq!(c.home_locality.as_deref(), Some("Коростень"));
    assert_eq!(c.printer.name.as_deref(), Some("Front Desk"));
    assert_eq!(
        h.state.status.as_deref(),
        Some(format!("налаштування записано: {}", file.display()).as_str())
    );
    // The title and the slip name the office from now on.
    let s = h.screen();
    assert!(s.contains("Бюро правничої допомоги у м. Коростень"), "{s}");
    h.type_text("пенсію");
    h.press(KeyCode::F(2));
    let s = h.screen();
    assert!(s.contains("Для:"), "{s}");
    assert!(
        s.matches("Бюро правничої допомоги у м. Коростень").count() >= 2,
        "the office on the slip, besides the title:\n{s}"
    );
}

#[test]
fn a_settings_file_that_cannot_be_written_is_said_and_the_answers_still_serve() {
    let (tmp, mut h, file) = first_start((120, 40), Lang::Uk, Config::default());
    // The settings folder is a file: nothing can be written under it.
    std::fs::write(tmp.path().join("config"), "").expect("a file in the way");
    h.type_text("Бюро у м. Коростень");
    for _ in 0..4 {
        h.press(KeyCode::Enter);
    }
    h.press(KeyCode::Enter);
    let s = h.screen();
    assert!(
        s.contains("Налаштування не записано у файл (до кінця роботи програма їх пам'ятає)"),
        "{s}"
    );
    assert!(!file.exists());
    assert_eq!(
        h.state.settings.config.office.name.as_deref(),
        Some("Бюро у м. Коростень")
    );
}

#[test]
fn the_first_start_window_snapshots() {
    let (_tmp, mut h, _) = first_start((80, 24), Lang::Uk, Config::default());
    h.type_text("Бюро правничої допомоги у м. Коростень");
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("first_start_80x24", h.render());
    h.press(KeyCode::Enter);
    h.type_text("0412 42 05");
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("first_start_wrong_phone_80x24", h.render());
    let (_tmp, mut h, _) = first_start((80, 24), Lang::En, Config::default());
    for _ in 0..4 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Right);
    insta::assert_snapshot!("first_start_en_80x24", h.render());
}

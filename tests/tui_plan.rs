//! The visit's plan on the screen (issue 12): Ctrl-D adds the selected agency, Ctrl-O the step
//! back to us, Ctrl-T moves into the plan panel where ↑↓ choose a step, Ctrl-↑/↓ move it, Del
//! removes it, Tab picks a common note and Enter types one. F2 and F5 give the whole plan; the
//! statistics count each agency once per visit, Ctrl-Z takes the last count back, and the
//! agencies given are marked. Key sequences → state and screen, through the real keymap,
//! update, view and search engine.

mod sink_support;
mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use refdesk::i18n::Lang;
use refdesk::referral::card::ServiceChoice;
use refdesk::referral::plan::{self, Plan, StepNote, Stop, Target};
use refdesk::referral::print::PrintReport;
use refdesk::referral::slip::SlipContext;
use refdesk::stats::{How, StatsError};
use refdesk::tui::Harness;
use refdesk::tui::msg::{Action, Effect, PrintOutcome};
use refdesk::tui::state::{Overlay, Screen};
use refdesk::tui::view::plan_lines;
use tui_support::*;

const PFU: &str = "pfu-zhytomyr";
const TAX: &str = "dps-cop-zhytomyr";
const NAME: &str = "Остап Вишня";

/// The agency ids of the plan's steps, «office» for the step back to us.
fn steps(h: &Harness) -> Vec<String> {
    h.state
        .plan
        .steps()
        .iter()
        .map(|s| match &s.stop {
            Stop::Agency(t) => t.agency.clone(),
            Stop::Office => "office".into(),
        })
        .collect()
}

fn notes(h: &Harness) -> Vec<Option<String>> {
    h.state
        .plan
        .steps()
        .iter()
        .map(|s| s.note.as_ref().map(|n| n.text().to_string()))
        .collect()
}

fn key(h: &mut Harness, code: KeyCode, mods: KeyModifiers) -> Effect {
    h.key(KeyEvent::new(code, mods))
}

/// The handbook's chain at the desk: a search, Ctrl-D; another search, Ctrl-D; Ctrl-O.
fn two_agencies_and_back(h: &mut Harness) {
    h.type_text("пенсію");
    assert_eq!(row_id(h, 0), PFU);
    h.ctrl('d');
    h.ctrl('u');
    h.type_text("довідка про доходи");
    assert_eq!(row_id(h, 0), TAX);
    h.ctrl('d');
    h.ctrl('o');
}

#[test]
fn ctrl_d_adds_from_the_list_and_the_card_and_ctrl_o_adds_the_way_back_last() {
    let mut h = harness(120, 40);
    h.type_text("пенсію");
    h.ctrl('d');
    assert_eq!(steps(&h), [PFU]);
    assert_eq!(
        h.state.status.as_deref(),
        Some("додано до плану: крок 1 з 1")
    );
    // The same agency and service again is the same step.
    h.ctrl('d');
    assert_eq!(steps(&h), [PFU]);
    assert_eq!(h.state.status.as_deref(), Some("ця установа вже є в плані"));
    h.ctrl('o');
    // From the card, with the service chosen there: before the step back, which stays last.
    h.ctrl('u');
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    h.ctrl('d');
    assert_eq!(steps(&h), [PFU, TAX, "office"]);
    let Stop::Agency(t) = &h.state.plan.steps()[1].stop else {
        panic!("an agency step");
    };
    assert_eq!(
        t.service,
        ServiceChoice::One(1),
        "the service chosen on the card"
    );
    // One step back to us at most.
    h.ctrl('o');
    assert_eq!(steps(&h), [PFU, TAX, "office"]);
    // Nothing selected: nothing added, and the status says so.
    let mut empty = harness(80, 24);
    empty.type_text("жжжжжж");
    empty.ctrl('d');
    assert!(empty.state.plan.is_empty());
    assert_eq!(
        empty.state.status.as_deref(),
        Some("спершу виберіть установу")
    );
}

#[test]
fn the_plan_panel_moves_removes_and_annotates_steps() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.ctrl('t');
    assert_eq!(h.state.plan_cursor, Some(0));
    // Ctrl-↓ moves the first step down; the cursor goes with it.
    key(&mut h, KeyCode::Down, KeyModifiers::CONTROL);
    assert_eq!(steps(&h), [TAX, PFU, "office"]);
    assert_eq!(h.state.plan_cursor, Some(1));
    // The step back to us stays last.
    key(&mut h, KeyCode::Down, KeyModifiers::ALT);
    assert_eq!(steps(&h), [TAX, PFU, "office"]);
    key(&mut h, KeyCode::Up, KeyModifiers::ALT);
    assert_eq!(steps(&h), [PFU, TAX, "office"]);
    assert_eq!(h.state.plan_cursor, Some(0));
    // Tab: «спочатку», then the next common note; Shift-Tab back.
    h.press(KeyCode::Tab);
    assert_eq!(notes(&h)[0].as_deref(), Some("спочатку"));
    h.press(KeyCode::Tab);
    h.press(KeyCode::BackTab);
    assert_eq!(notes(&h)[0].as_deref(), Some("спочатку"));
    // Enter types the step's own note: typing goes into it, not into the search.
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert!(matches!(h.state.overlays.last(), Some(Overlay::Note(_))));
    h.type_text("коли отримаєте паспорт");
    h.press(KeyCode::Enter);
    assert!(h.state.overlays.is_empty());
    assert_eq!(
        h.state.plan.steps()[1].note,
        Some(StepNote::Typed("коли отримаєте паспорт".into()))
    );
    assert_eq!(h.state.query.text(), "довідка про доходи");
    // Esc in the note line keeps the note as it was.
    h.press(KeyCode::Enter);
    h.ctrl('u');
    h.type_text("інше");
    h.press(KeyCode::Esc);
    assert_eq!(notes(&h)[1].as_deref(), Some("коли отримаєте паспорт"));
    // Del removes the selected step; the last one removed leaves the panel.
    h.press(KeyCode::Delete);
    assert_eq!(steps(&h), [PFU, "office"]);
    assert_eq!(h.state.status.as_deref(), Some("крок вилучено з плану"));
    h.press(KeyCode::Delete);
    h.press(KeyCode::Delete);
    assert!(h.state.plan.is_empty());
    assert_eq!(h.state.plan_cursor, None);
}

#[test]
fn typing_in_the_plan_panel_searches_and_esc_leaves_it() {
    let mut h = harness(80, 24);
    two_agencies_and_back(&mut h);
    h.ctrl('t');
    h.press(KeyCode::Esc);
    assert_eq!(h.state.plan_cursor, None);
    h.ctrl('t');
    h.ctrl('u');
    assert_eq!(
        h.state.plan_cursor,
        Some(0),
        "Ctrl-U is not bound in the panel"
    );
    h.type_text("пенс");
    assert_eq!(h.state.plan_cursor, None, "typing always searches");
    assert!(h.state.query.text().ends_with("пенс"));
    assert_eq!(steps(&h), [PFU, TAX, "office"], "the plan stays");
}

/// The plan's text read aloud is the one `refdesk show --script` says for the same plan.
#[test]
fn the_panel_reads_the_whole_plan_aloud() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.ctrl('t');
    let screen = h.screen();
    assert!(
        screen.contains("Прочитайте відвідувачу весь план"),
        "{screen}"
    );
    let (resolved, missing) = plan::resolve(&h.state.plan, &h.state.dir, Lang::Uk);
    assert!(missing.is_empty());
    let office = refdesk::referral::slip::IssuingOffice::from_config(&config().office);
    let said = plan::phrase::phrase(&resolved, &office);
    assert!(
        said.starts_with("Спочатку Вам слід звернутися до"),
        "{said}"
    );
    assert!(said.contains("поверніться, будь ласка, до нас"), "{said}");
    // The first words of the text are on screen, in the box.
    let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Спочатку Вам слід звернутися до"), "{screen}");
}

#[test]
fn f2_on_a_plan_prints_the_plan_with_the_name_once_and_counts_each_agency_once() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.press(KeyCode::F(2));
    let Some(Overlay::Preview(p)) = h.state.overlays.last() else {
        panic!("F2 opens the preview");
    };
    assert!(p.plan, "the preview is the plan's");
    h.type_text(NAME);
    let screen = h.screen();
    assert!(screen.contains("План візиту: 3 кроки"), "{screen}");
    assert!(screen.contains("КРОК 1"), "{screen}");
    // The preview is exactly the plan's slip with the name.
    let mut ctx = SlipContext::new(&config(), now().date());
    ctx.for_name = Some(NAME.into());
    let (resolved, _) = plan::resolve(&h.state.plan, &h.state.dir, Lang::Uk);
    let want = plan::slip::render_text(&resolved, &ctx);
    assert_eq!(want.matches(NAME).count(), 1, "the name once:\n{want}");
    let preview: Vec<String> = refdesk::tui::view::preview_slip(
        &h.state,
        match h.state.overlays.last() {
            Some(Overlay::Preview(p)) => p,
            _ => unreachable!(),
        },
    )
    .into_iter()
    .map(|l| l.text)
    .collect();
    assert_eq!(preview.join("\n") + "\n", want);

    let e = h.press(KeyCode::Enter);
    let Effect::Print(job) = e else {
        panic!("Enter prints: {e:?}");
    };
    assert_eq!(job.plan.as_ref().map(Plan::len), Some(3));
    assert_eq!(job.for_name.as_deref(), Some(NAME));
    assert_eq!(
        job.given
            .iter()
            .map(|t| t.agency.as_str())
            .collect::<Vec<_>>(),
        [PFU, TAX]
    );
    // Nothing counts until the slip is printed (or saved for later).
    assert!(h.ports.records.is_empty());
    h.finish_print(printed_on("front"));
    let ids: Vec<(&str, Option<u32>)> = h
        .ports
        .records
        .iter()
        .map(|r| (r.id.as_str(), r.step))
        .collect();
    assert_eq!(
        ids,
        [(PFU, Some(1)), (TAX, Some(2))],
        "one line per agency step"
    );
    // A reprint and a copy in the same visit count nothing more.
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    h.finish_print(printed_on("front"));
    h.press(KeyCode::F(5));
    assert_eq!(h.ports.records.len(), 2);
    assert!(h.ports.copied[0].contains("План візиту: 3 кроки"));
    assert!(!h.ports.copied[0].contains(NAME), "a copy has no name");
    // The name lived in the preview only.
    assert!(!format!("{:?}", h.state.overlays).contains(NAME));
}

#[test]
fn a_failed_print_is_not_counted_and_the_retry_is() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    h.finish_print(lost("принтер не відповідає"));
    assert!(h.ports.records.is_empty());
    assert!(h.state.visit.is_empty());
    h.press(KeyCode::Esc);
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    h.finish_print(saved_instead("принтер не відповідає", "/tmp/plan.pdf"));
    assert_eq!(h.ports.records.len(), 2);
    assert!(h.ports.records.iter().all(|r| r.how == How::Printed));
}

#[test]
fn ctrl_z_takes_back_the_last_count_and_says_what() {
    let mut h = harness(120, 40);
    h.ctrl('z');
    assert_eq!(
        h.state.status.as_deref(),
        Some("у цьому візиті ще нічого не враховано")
    );
    h.type_text("пенсію");
    h.ctrl('r');
    h.ctrl('u');
    h.type_text("доходи");
    h.press(KeyCode::F(5));
    assert_eq!(h.ports.records.len(), 2);
    let e = h.ctrl('z');
    assert!(matches!(e, Effect::TakeBack(ref r) if r.id == TAX), "{e:?}");
    assert_eq!(h.ports.records.len(), 1);
    assert_eq!(h.ports.records[0].id, PFU);
    assert_eq!(
        h.state.status.as_deref(),
        Some(
            "Скасовано останнє направлення: ЦОП ДПС, Житомир (скопійовано) — у статистиці його немає"
        )
    );
    // Taken back, it can be given (and counted) again.
    h.press(KeyCode::F(5));
    assert_eq!(h.ports.records.len(), 2);
    // English.
    let mut en = harness_lang(120, 40, Lang::En);
    en.type_text("пенсію");
    en.ctrl('r');
    en.ctrl('z');
    let status = en.state.status.clone().unwrap_or_default();
    assert!(status.starts_with("Last referral taken back:"), "{status}");
    assert!(status.contains("(by word of mouth)"), "{status}");
}

#[test]
fn an_undo_the_log_refused_keeps_the_count_and_says_why() {
    for (lang, want) in [
        (
            Lang::Uk,
            "не вдалося скасувати облік: /ro/referrals.log: немає дозволу на доступ",
        ),
        (Lang::En, "/ro/referrals.log: permission denied"),
    ] {
        let mut h = harness_lang(120, 40, lang);
        h.type_text("пенсію");
        h.ctrl('r');
        let record = h.ports.records[0].clone();
        // The log could not be written: the count stays, in the log and in the visit.
        h.act(Action::TakenBack {
            record,
            result: Err(StatsError::Io {
                path: "/ro/referrals.log".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            }),
        });
        let status = h.state.status.clone().unwrap_or_default();
        assert!(status.contains(want), "{lang:?}: {status}");
        assert!(!h.state.visit.is_empty(), "still counted in this visit");
    }
}

#[test]
fn agencies_already_given_are_marked_until_the_next_visitor() {
    let mut h = harness(120, 40);
    h.type_text("пенсію");
    assert!(!h.screen().contains('✓'));
    h.ctrl('r');
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("Сервісний центр ПФУ"))
        .expect("the row");
    assert!(row.contains("✓ Сервісний центр ПФУ"), "{row}");
    h.press(KeyCode::Enter);
    assert!(
        h.screen().contains("✓ уже видано цьому відвідувачу"),
        "{}",
        h.screen()
    );
    h.ctrl('l');
    h.type_text("пенсію");
    assert!(!h.screen().contains('✓'), "{}", h.screen());
}

#[test]
fn next_visitor_forgets_the_plan_the_counts_and_the_marks() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.ctrl('t');
    h.press(KeyCode::Tab);
    h.ctrl('r');
    assert_eq!(h.ports.records.len(), 2);
    h.ctrl('l');
    assert!(h.state.plan.is_empty());
    assert_eq!(h.state.plan_cursor, None);
    assert!(h.state.visit.is_empty());
    assert!(h.state.visit_is_blank());
    let screen = h.screen();
    assert!(!screen.contains("План візиту"), "{screen}");
    // What was counted stays counted; Ctrl-Z has nothing of the old visit to take back.
    h.ctrl('z');
    assert_eq!(h.ports.records.len(), 2);
}

#[test]
fn plan_keys_are_in_the_help_and_on_the_bar_in_both_languages() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    let help = refdesk::tui::view::help_lines(&h.state, 120)
        .into_iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "План візиту",
        "Ctrl-D",
        "Ctrl-O",
        "Ctrl-T",
        "Ctrl-↑",
        "Ctrl-Z",
        "уже видано цьому відвідувачу",
    ] {
        assert!(help.contains(want), "{want}:\n{help}");
    }
    h.ctrl('t');
    let bar = h.screen();
    for want in [
        "Esc до списку",
        "Ctrl-↑ перемістити",
        "Del вилучити",
        "F2 друк плану",
    ] {
        assert!(bar.contains(want), "{want}:\n{bar}");
    }
    let mut en = harness_lang(120, 40, Lang::En);
    two_agencies_and_back(&mut en);
    assert!(
        en.screen().contains("Visit plan · 3 steps"),
        "{}",
        en.screen()
    );
}

/// Plurals in the panel's title: 1 крок, 2 кроки, 5 кроків.
#[test]
fn the_panel_title_counts_steps_with_plural_forms() {
    let mut h = harness(120, 40);
    h.type_text("пенсію");
    h.ctrl('d');
    assert!(h.screen().contains("План візиту · 1 крок"));
    h.ctrl('o');
    assert!(h.screen().contains("План візиту · 2 кроки"));
    let mut p = Plan::new();
    for id in [
        PFU,
        TAX,
        "dms-berdychiv",
        "cnap-zhytomyr",
        "upszn-berdychiv",
    ] {
        p.add(Target::new(id, ServiceChoice::All));
    }
    h.state.plan = p;
    let lines: Vec<String> = plan_lines(&h.state, 60, 8)
        .into_iter()
        .map(|l| l.to_string())
        .collect();
    assert!(lines[0].contains("План візиту · 5 кроків"), "{lines:?}");
}

#[test]
fn snapshots_of_the_plan_panel() {
    for (w, hgt) in [(120, 40), (80, 24)] {
        let mut h = harness(w, hgt);
        two_agencies_and_back(&mut h);
        h.ctrl('t');
        h.press(KeyCode::Tab);
        insta::assert_snapshot!(format!("plan_focused_{w}x{hgt}"), h.render());
        h.press(KeyCode::Esc);
        h.ctrl('u');
        h.type_text("пенсію");
        h.ctrl('r');
        insta::assert_snapshot!(format!("plan_beside_the_list_{w}x{hgt}"), h.render());
    }
}

/// At every size the plan and its panel never panic; with the screen on a card too.
#[test]
fn the_plan_draws_at_every_size() {
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.press(KeyCode::Enter);
    for (w, hgt) in [
        (120, 40),
        (100, 15),
        (80, 24),
        (60, 15),
        (59, 14),
        (40, 12),
        (20, 5),
    ] {
        h.resize(w, hgt);
        h.render();
        h.ctrl('t');
        h.render();
        h.press(KeyCode::PageDown);
        h.render();
        h.ctrl('t');
        assert!(matches!(h.state.screen, Screen::Card(_) | Screen::List));
    }
}

/// The plan's print job through a printer command: what is printed is the plan's slip the
/// preview showed, with the name once.
#[test]
fn a_plan_print_job_prints_the_previewed_plan() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("printed.txt");
    let mut cfg = config();
    // The printer command is the Rust stand-in (tests/sink_support), not `cp`: the same on
    // every platform.
    let mut command = sink_support::sink(&["copy-file", &out.display().to_string()]);
    command.push("{file}".into());
    cfg.printer.command = Some(command);
    cfg.printer.format = Some(refdesk::referral::slip::SlipFormat::Text);
    let mut h = harness(120, 40);
    two_agencies_and_back(&mut h);
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    h.press(KeyCode::Enter);
    let job = h.ports.print_jobs.first().expect("a print job").clone();
    let outcome = refdesk::tui::output::print_job(&job, &cfg);
    assert!(
        matches!(outcome, PrintOutcome::Printer(PrintReport::Printed { .. })),
        "{outcome:?}"
    );
    let printed = std::fs::read_to_string(&out).expect("the command got the slip");
    let mut ctx = SlipContext::new(&cfg, now().date());
    ctx.for_name = Some(NAME.into());
    let (resolved, _) = plan::resolve(&h.state.plan, &h.state.dir, Lang::Uk);
    assert_eq!(printed, plan::slip::render_text(&resolved, &ctx));
    assert_eq!(printed.matches(NAME).count(), 1);
    assert!(
        printed.contains("КРОК 3") && printed.contains("вул. Тестова, 5"),
        "{printed}"
    );
}

/// The screen writes to this desk's own log when the settings name the desk, and F9 reads
/// every desk's log in the folder; an undo takes the line out of the desk's log.
#[test]
fn the_screen_counts_in_the_desks_own_log_and_f9_sums_the_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let desk = |name: &str| refdesk::config::Config {
        desk: Some(name.into()),
        stats_folder: Some(tmp.path().to_path_buf()),
        ..config()
    };
    let (one, two) = (desk("Вікно 1"), desk("Вікно 2"));
    let mut h = harness(120, 40);
    h.type_text("пенсію");
    h.ctrl('r');
    let r = h.ports.records[0].clone();
    refdesk::tui::output::record(&r, &one).expect("written");
    refdesk::tui::output::record(&r, &two).expect("written");
    assert!(tmp.path().join("referrals-Вікно-1.log").exists());
    let all = refdesk::tui::output::load_stats(&one).expect("read");
    assert_eq!(all.records.len(), 2, "both desks' lines");
    refdesk::tui::output::take_back(&r, &one).expect("taken back");
    let all = refdesk::tui::output::load_stats(&two).expect("read");
    assert_eq!(all.records.len(), 1);
    let left = std::fs::read_to_string(tmp.path().join("referrals-Вікно-1.log")).expect("log");
    assert!(left.is_empty(), "{left}");
}

/// Issue 12's «done when»: the handbook's example on the built-in demo directory — after the
/// two searches, two agencies and the way back, the note, the text read aloud, one slip with
/// the name once — in under 30 keystrokes (the README's table, key for key).
#[test]
fn the_handbook_example_takes_under_30_keystrokes_after_the_searches() {
    let dir = refdesk::directory::load_demo(&refdesk::directory::LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    });
    let mut h = Harness::new(dir, settings(Lang::Uk), now(), 120, 40);
    let mut keys = 0;
    let mut press = |h: &mut Harness, code: KeyCode, mods: KeyModifiers| {
        keys += 1;
        h.key(KeyEvent::new(code, mods))
    };
    let ctrl = KeyModifiers::CONTROL;
    let none = KeyModifiers::NONE;
    h.type_text("звільнився з колонії");
    assert_eq!(row_id(&h, 0), "zt-resocializacia");
    press(&mut h, KeyCode::Char('d'), ctrl);
    press(&mut h, KeyCode::Char('u'), ctrl);
    h.type_text("втратив паспорт");
    assert_eq!(row_id(&h, 0), "zt-dms");
    press(&mut h, KeyCode::Char('d'), ctrl);
    press(&mut h, KeyCode::Char('o'), ctrl);
    press(&mut h, KeyCode::Char('t'), ctrl);
    press(&mut h, KeyCode::Down, none);
    press(&mut h, KeyCode::Down, none);
    press(&mut h, KeyCode::Tab, none);
    press(&mut h, KeyCode::Tab, none);
    let (resolved, _) = plan::resolve(&h.state.plan, &h.state.dir, Lang::Uk);
    let office = refdesk::referral::slip::IssuingOffice::from_config(&config().office);
    let said = plan::phrase::phrase(&resolved, &office);
    assert!(
        said.starts_with("Спочатку Вам слід звернутися до"),
        "{said}"
    );
    assert!(
        said.contains("Коли отримаєте документ, поверніться, будь ласка, до нас"),
        "{said}"
    );
    assert!(h.screen().contains("Прочитайте відвідувачу весь план"));
    press(&mut h, KeyCode::F(2), none);
    h.type_text(NAME);
    let e = press(&mut h, KeyCode::Enter, none);
    let Effect::Print(job) = e else {
        panic!("printed: {e:?}");
    };
    assert_eq!(job.plan.as_ref().map(Plan::len), Some(3));
    assert_eq!(job.for_name.as_deref(), Some(NAME));
    assert_eq!(keys, 11, "the README's count");
    assert!(keys + NAME.chars().count() < 30, "even with the name typed");
}

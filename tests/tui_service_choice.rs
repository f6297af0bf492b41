//! F2 never prints a slip without the procedure: with several services and none chosen, the
//! print preview starts on «усі послуги» when there are a few (up to three) and asks which one
//! when there are more; Tab / Shift-Tab change it. Also the title's count of closed agencies.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use refdesk::directory::{Directory, Status};
use refdesk::i18n::Lang;
use refdesk::referral::card::ServiceChoice;
use refdesk::tui::Harness;
use refdesk::tui::msg::Effect;
use refdesk::tui::state::Overlay;
use refdesk::tui::view::preview_slip;
use tui_support::*;

const TAX: &str = "dps-cop-zhytomyr";

fn preview(h: &Harness) -> &refdesk::tui::state::Preview {
    match h.state.overlays.last() {
        Some(Overlay::Preview(p)) => p,
        o => panic!("expected the print preview, got {o:?}"),
    }
}

fn shift_tab(h: &mut Harness) {
    h.key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
}

/// The preview's slip as text, whole (not only what fits on the screen).
fn slip(h: &Harness) -> String {
    preview_slip(&h.state, preview(h))
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Moves the selection to `id`'s row in the full list (nothing typed: no service chosen).
fn select(h: &mut Harness, id: &str) {
    let row = (0..h.state.hits().len())
        .find(|&r| row_id(h, r) == id)
        .unwrap_or_else(|| panic!("{id} is listed"));
    for _ in 0..row {
        h.press(KeyCode::Down);
    }
    assert_eq!(h.state.selected_hit().and_then(|hit| hit.service), None);
}

/// The fixture with the tax office's two services made `n` (copies with their own names).
fn with_services(n: usize) -> Directory {
    let mut dir = load("good", Lang::Uk);
    let a = dir
        .agencies
        .iter_mut()
        .find(|a| a.id == TAX)
        .expect("fixture");
    let first = a.services[0].clone();
    for k in a.services.len()..n {
        let mut s = first.clone();
        s.name = format!("Додаткова послуга номер {}", k + 1);
        a.services.push(s);
    }
    dir
}

#[test]
fn f2_with_a_few_services_and_none_chosen_starts_on_all_of_them() {
    let mut h = harness(120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).service, ServiceChoice::All);
    assert!(h.screen().contains("Послуга (Tab): усі послуги (2)"));
    let text = slip(&h);
    let first = text.find("Питання: Видача відомостей про доходи");
    let second = text.find("Питання: Реєстрація платника податків");
    assert!(
        first.is_some() && second.is_some() && first < second,
        "{text}"
    );
    assert!(text.contains("[ ] РНОКПП (ідентифікаційний код)"), "{text}");

    // Tab: 1, 2, all, 1 …; Shift-Tab goes back.
    h.press(KeyCode::Tab);
    assert_eq!(preview(&h).service, ServiceChoice::One(0));
    assert!(
        h.screen()
            .contains("Послуга (Tab): 1/2 · Видача відомостей про доходи")
    );
    assert!(!slip(&h).contains("Реєстрація платника податків"));
    h.press(KeyCode::Tab);
    assert_eq!(preview(&h).service, ServiceChoice::One(1));
    h.press(KeyCode::Tab);
    assert_eq!(preview(&h).service, ServiceChoice::All);
    shift_tab(&mut h);
    assert_eq!(preview(&h).service, ServiceChoice::One(1));

    h.press(KeyCode::Enter);
    let job = h.ports.print_jobs.first().expect("printed");
    assert_eq!(job.service, ServiceChoice::One(1));
    h.finish_print(printed_on("front"));
    assert_eq!(
        h.ports.records[0].service.as_deref(),
        Some("Реєстрація платника податків (РНОКПП)")
    );
}

#[test]
fn a_slip_for_all_services_is_counted_for_the_agency() {
    let mut h = harness(120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    assert_eq!(
        h.ports.print_jobs.first().map(|j| j.service),
        Some(ServiceChoice::All)
    );
    h.finish_print(printed_on("front"));
    assert_eq!(h.ports.records[0].id, TAX);
    assert_eq!(h.ports.records[0].service, None);
}

#[test]
fn f2_with_many_services_and_none_chosen_asks_and_will_not_print_until_told() {
    let mut h = Harness::new(with_services(5), settings(Lang::Uk), now(), 120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).service, ServiceChoice::Unchosen);
    let screen = h.screen();
    assert!(screen.contains("Для якої послуги направлення?"), "{screen}");
    assert!(
        screen.contains("1. Видача відомостей про доходи"),
        "{screen}"
    );
    assert!(screen.contains("5. Додаткова послуга номер 5"), "{screen}");
    assert!(
        !screen.contains("НАПРАВЛЕННЯ"),
        "no slip without the service:\n{screen}"
    );
    assert!(screen.contains("Tab послуга"), "{screen}");
    assert!(
        !screen.contains("Enter друкувати"),
        "the bar promises no printing:\n{screen}"
    );

    assert_eq!(h.press(KeyCode::Enter), Effect::None);
    assert!(h.ports.print_jobs.is_empty());
    assert_eq!(
        h.state.status.as_deref(),
        Some("спершу виберіть послугу: Tab")
    );
    assert_eq!(preview(&h).service, ServiceChoice::Unchosen, "still open");

    // Shift-Tab from nothing is «all», Tab from nothing the first.
    shift_tab(&mut h);
    assert_eq!(preview(&h).service, ServiceChoice::All);
    assert!(slip(&h).contains("Питання: Додаткова послуга номер 4"));
    h.press(KeyCode::Tab);
    assert_eq!(preview(&h).service, ServiceChoice::One(0));
    let screen = h.screen();
    assert!(screen.contains("НАПРАВЛЕННЯ"), "{screen}");
    assert!(screen.contains("Enter друкувати"), "{screen}");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.ports.print_jobs.first().map(|j| j.service),
        Some(ServiceChoice::One(0))
    );
}

#[test]
fn clicking_the_service_line_changes_the_service() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut h = harness(120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    h.render();
    let (rect, _) = *h
        .hits
        .commands
        .iter()
        .find(|(_, c)| *c == refdesk::tui::keymap::Command::NextService)
        .expect("the service line is clickable");
    h.mouse(
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: rect.x + 2,
            row: rect.y,
            modifiers: KeyModifiers::NONE,
        },
        1000,
    );
    assert_eq!(preview(&h).service, ServiceChoice::One(0));
}

#[test]
fn f5_without_a_chosen_service_copies_every_procedure() {
    let mut h = Harness::new(with_services(5), settings(Lang::Uk), now(), 120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(5));
    let text = h.ports.copied.first().expect("copied");
    assert!(
        text.contains("Питання: Видача відомостей про доходи"),
        "{text}"
    );
    assert!(
        text.contains("Питання: Додаткова послуга номер 5"),
        "{text}"
    );
}

#[test]
fn snapshots_of_the_service_choice() {
    let mut h = Harness::new(with_services(5), settings(Lang::Uk), now(), 80, 24);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    insta::assert_snapshot!("preview_asks_for_the_service_80x24", h.render());
    let mut h = harness(120, 40);
    select(&mut h, TAX);
    h.press(KeyCode::F(2));
    insta::assert_snapshot!("preview_all_services_120x40", h.render());
}

#[test]
fn the_title_says_how_many_closed_agencies_are_hidden() {
    let mut dir = load("good", Lang::Uk);
    dir.agencies[0].status = Status::Closed;
    let mut h = Harness::new(dir, settings(Lang::Uk), now(), 120, 40);
    let title = h.screen().lines().next().unwrap_or("").to_string();
    assert!(title.contains("5 установ, ще 1 закрита"), "{title}");
    insta::assert_snapshot!("title_with_a_closed_agency_120x40", h.render());

    let mut dir = load("good", Lang::En);
    dir.agencies[0].status = Status::Closed;
    dir.agencies[1].status = Status::Closed;
    let mut h = Harness::new(dir, settings(Lang::En), now(), 120, 40);
    let title = h.screen().lines().next().unwrap_or("").to_string();
    assert!(title.contains("4 agencies, 2 more closed"), "{title}");
}

//! «Наступний відвідувач» (Ctrl-L): one key forgets everything about the visit — the query, the
//! filters, the card and its service, every window, the name typed for the slip — and the
//! screen is the start screen again. Key sequences → state, through the real keymap, update,
//! view and search engine.

mod tui_support;

use crossterm::event::KeyCode;
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::msg::Effect;
use refdesk::tui::state::{Filters, Overlay, Screen};
use tui_support::*;

const NAME: &str = "Соломія Крушельницька";
const QUERY: &str = "доходи";

/// The hint bar: the screen's last line but one (the last is the frame).
fn hint_bar(h: &mut Harness) -> String {
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2].to_string()
}

/// Everything the state holds about what was searched, shown and typed, as text.
fn visit_text(h: &Harness) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?}",
        h.state.query.text(),
        h.state.shown,
        h.state.overlays,
        h.state.screen,
        h.state.status
    )
}

/// Every screen line except the information line (the result count, with the status on
/// its right).
fn without_info_line(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 2)
        .map(|(_, l)| l)
        .collect()
}

#[test]
fn ctrl_l_forgets_the_query_filters_card_preview_and_name() {
    let mut h = harness(120, 40);
    let mut fresh = harness(120, 40);
    let start = fresh.screen();

    // A whole visit: a query, the category, the town, open now, a card with its second
    // service, the print preview with the visitor's name, a slip printed, help on top.
    h.type_text(QUERY);
    h.press(KeyCode::Left);
    h.press(KeyCode::F(3));
    h.type_text("подат");
    h.press(KeyCode::Enter);
    h.press(KeyCode::F(4));
    h.type_text("житом");
    h.press(KeyCode::Enter);
    h.press(KeyCode::F(7));
    assert_eq!(h.state.query.text(), QUERY);
    assert_eq!(h.state.query.cursor(), QUERY.chars().count() - 1);
    assert_eq!(
        h.state.filters,
        Filters {
            category: Some("tax".into()),
            locality: Some("Житомир".into()),
            open_now: true,
        }
    );
    assert_eq!(row_id(&h, 0), "dps-cop-zhytomyr");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    let Screen::Card(card) = h.state.screen.clone() else {
        panic!("Enter opens the card");
    };
    assert!(card.service.is_some(), "Tab chose a service");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    h.press(KeyCode::Enter);
    h.finish_print(printed_on("front"));
    assert_eq!(h.ports.records.len(), 1, "the referral was counted");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    h.press(KeyCode::F(1));
    assert!(matches!(
        h.state.overlays.as_slice(),
        [Overlay::Preview(p), Overlay::Help { .. }] if p.for_name.text() == NAME
    ));

    assert!(
        h.engine()
            .remembered_queries()
            .iter()
            .any(|q| q.contains("доход")),
        "the engine remembers the visit's query until Ctrl-L"
    );

    let e = h.ctrl('l');

    assert!(matches!(e, Effect::NextVisitor(_)), "{e:?}");
    assert_eq!(h.state.query.text(), "");
    assert_eq!(h.state.query.cursor(), 0);
    assert_eq!(h.state.filters, Filters::default());
    assert_eq!(h.state.screen, Screen::List);
    assert!(h.state.overlays.is_empty(), "{:?}", h.state.overlays);
    assert_eq!((h.state.selected, h.state.offset), (0, 0));
    assert_eq!(
        h.state.status.as_deref(),
        Some("екран очищено для нового відвідувача")
    );
    // Nowhere in the state: not the name, not the query, not the printer's report.
    let left = visit_text(&h);
    for gone in [NAME, "Крушельницька", QUERY, "доход", "надіслано", "tax"]
    {
        assert!(!left.contains(gone), "«{gone}» is still held: {left}");
    }
    // Nor in the search engine, which remembers recent queries to answer them fast.
    let remembered = h.engine().remembered_queries();
    assert!(
        remembered.iter().all(|q| !q.contains("доход")),
        "{remembered:?}"
    );
    // The start screen again, to the cell, apart from the note that it was cleared.
    let now = h.screen();
    assert_eq!(without_info_line(&now), without_info_line(&start), "{now}");
    assert!(!now.contains(NAME) && !now.contains(QUERY), "{now}");
    assert_eq!(h.state.hits(), fresh.state.hits());
    // A new slip starts with an empty «Для:» field.
    h.press(KeyCode::F(2));
    let Some(Overlay::Preview(p)) = h.state.overlays.last() else {
        panic!("F2 opens the preview");
    };
    assert_eq!((p.for_name.text(), p.for_name.cursor()), ("", 0));
    // What belongs to the desk stays: the referral given is still counted.
    assert_eq!(h.ports.records.len(), 1);
}

#[test]
fn ctrl_l_closes_every_window() {
    let windows: [(&str, &[KeyCode]); 6] = [
        ("category picker", &[KeyCode::F(3)]),
        ("town picker", &[KeyCode::F(4)]),
        ("QR code", &[KeyCode::F(6)]),
        ("statistics", &[KeyCode::F(9)]),
        ("problems", &[KeyCode::F(8)]),
        ("help", &[KeyCode::F(1)]),
    ];
    for (what, keys) in windows {
        let mut h = harness(80, 24);
        h.type_text(QUERY);
        for k in keys {
            h.press(*k);
        }
        assert!(!h.state.overlays.is_empty(), "{what} opened");
        // Typed into a picker's filter, scrolled in a pager: Ctrl-L is never text.
        h.type_text("ж");
        h.ctrl('l');
        assert!(
            h.state.overlays.is_empty(),
            "{what}: {:?}",
            h.state.overlays
        );
        assert_eq!(h.state.query.text(), "", "{what}");
        assert!(h.state.visit_is_blank(), "{what}");
    }
}

#[test]
fn ctrl_l_on_the_start_screen_changes_nothing_but_the_note() {
    let mut h = harness(80, 24);
    let start = h.screen();
    assert!(h.state.visit_is_blank());
    h.ctrl('l');
    assert!(h.state.visit_is_blank());
    assert_eq!(without_info_line(&h.screen()), without_info_line(&start));
    // The next key clears the note, as any status.
    h.press(KeyCode::Down);
    h.press(KeyCode::Up);
    assert_eq!(h.screen(), start);
}

#[test]
fn the_hint_shows_while_there_is_a_visit_to_forget() {
    const HINT: &str = "Ctrl-L новий візит";
    for width in [120, 100] {
        let mut h = harness(width, 30);
        assert!(
            !hint_bar(&mut h).contains("Ctrl-L"),
            "{width}: nothing to forget yet"
        );
        h.type_text(QUERY);
        let bar = hint_bar(&mut h);
        assert!(bar.contains(HINT), "{width}: {bar}");
        // The keys without another way in stay: the filters, and at 120 the statistics.
        for kept in ["F3 категорія", "F4 місто", "F1 довідка", "F10 вихід"]
        {
            assert!(bar.contains(kept), "{width}: {kept} in {bar}");
        }
        if width == 120 {
            // The visit's plan is built from here: its key outranks the monthly figures
            // (F9, in the help) while a visitor is at the desk.
            assert!(bar.contains("Ctrl-D до плану"), "{bar}");
        }
        h.ctrl('l');
        assert!(!hint_bar(&mut h).contains("Ctrl-L"), "{width}: forgotten");
        // A filter alone is a visit too.
        h.press(KeyCode::F(7));
        assert!(hint_bar(&mut h).contains(HINT), "{width}");
    }
    // On the card at 120 columns the giving keys fit, adding to the plan first (the
    // word-of-mouth count, Ctrl-R, gives way to it and stays in the help).
    let mut h = harness(120, 40);
    h.type_text(QUERY);
    h.press(KeyCode::Enter);
    let bar = hint_bar(&mut h);
    for want in [HINT, "Ctrl-D до плану", "F6 QR", "F5 копіювати"] {
        assert!(bar.contains(want), "{want}: {bar}");
    }
    // At 80 columns the filters keep their place on the list's bar; help still has the key.
    let mut h = harness(80, 24);
    h.type_text(QUERY);
    let bar = hint_bar(&mut h);
    assert!(
        bar.contains("F3 категорія") && bar.contains("F4 місто"),
        "{bar}"
    );
    let help = refdesk::tui::view::help_lines(&h.state, 80)
        .into_iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        help.contains("Ctrl-L") && help.contains("новий візит: забути все про попередній"),
        "{help}"
    );
}

#[test]
fn the_key_and_its_note_in_english() {
    let mut h = harness_lang(120, 40, Lang::En);
    h.type_text(QUERY);
    assert!(hint_bar(&mut h).contains("Ctrl-L next visitor"));
    h.ctrl('l');
    assert_eq!(
        h.state.status.as_deref(),
        Some("screen cleared for the next visitor")
    );
    let help = refdesk::tui::view::help_lines(&h.state, 120)
        .into_iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(help.contains("next visitor: forget everything"), "{help}");
}

/// The visit's plan, its notes, its counts and the marks of what was given are the visit's
/// too: Ctrl-L forgets them all, also from inside the plan panel and its note line; the
/// counts already written stay in the log.
#[test]
fn ctrl_l_forgets_the_plan_its_notes_the_counts_and_the_marks() {
    let mut h = harness(120, 40);
    let start = h.screen();
    h.type_text("пенсію");
    h.ctrl('d');
    h.ctrl('u');
    h.type_text(QUERY);
    h.ctrl('d');
    h.ctrl('o');
    h.ctrl('r');
    h.ctrl('t');
    h.press(KeyCode::Enter);
    h.type_text("коли отримаєте паспорт");
    assert_eq!(h.state.plan.len(), 3);
    assert!(!h.state.visit.is_empty());
    assert!(matches!(h.state.overlays.last(), Some(Overlay::Note(_))));
    h.ctrl('l');
    assert!(h.state.plan.is_empty());
    assert_eq!(h.state.plan_cursor, None);
    assert!(h.state.visit.is_empty());
    assert!(h.state.overlays.is_empty());
    assert!(h.state.visit_is_blank());
    let now = h.screen();
    assert_eq!(without_info_line(&now), without_info_line(&start), "{now}");
    for gone in ["План візиту", "паспорт", "✓"] {
        assert!(!now.contains(gone), "{gone}: {now}");
    }
    assert_eq!(h.ports.records.len(), 1, "what was counted stays counted");
}

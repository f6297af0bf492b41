//! The screen's behaviour as key sequences → state, through the real keymap, update and (for
//! what is on screen) view, without a terminal.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use refdesk::directory::Directory;
use refdesk::i18n::Lang;
use refdesk::search::{Hit, Reading, Results};
use refdesk::tui::keymap::Command;
use refdesk::tui::msg::{Action, Effect};
use refdesk::tui::msg::{Reply, SearchReply};
use refdesk::tui::state::{Overlay, Screen};
use refdesk::tui::{Harness, State, update};
use std::sync::Arc;
use tui_support::*;

fn click(x: u16, y: u16) -> MouseEvent {
    MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }
}

/// Where on screen a text first appears (column, row), counting columns as cells.
fn find(h: &mut Harness, needle: &str) -> Option<(u16, u16)> {
    let screen = h.screen();
    screen.lines().enumerate().find_map(|(y, line)| {
        line.find(needle).map(|b| {
            let x = unicode_width::UnicodeWidthStr::width(&line[..b]);
            (x as u16, y as u16)
        })
    })
}

#[test]
fn the_search_line_has_focus_from_the_first_frame() {
    let mut h = harness(120, 40);
    assert_eq!(h.state.screen, Screen::List);
    assert!(h.state.overlays.is_empty());
    h.type_text("доходи");
    assert_eq!(h.state.query.text(), "доходи");
    assert_eq!(row_id(&h, 0), "dps-cop-zhytomyr");
    assert_eq!(
        h.state.hits()[0].service,
        Some(0),
        "the match came from a service"
    );
}

#[test]
fn no_letter_is_ever_a_command() {
    let mut h = harness(120, 40);
    let text = "qQjJkKnNpPwWuUcC hjkl ФІВА їґє 019 ?/";
    for c in text.chars() {
        let e = h.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert!(!matches!(e, Effect::Quit), "{c:?} quit");
    }
    assert_eq!(h.state.query.text(), text);
    assert_eq!(h.state.screen, Screen::List);
    assert!(h.state.overlays.is_empty());
    let shifted = KeyEvent::new(KeyCode::Char('Ї'), KeyModifiers::SHIFT);
    h.key(shifted);
    assert!(h.state.query.text().ends_with('Ї'));
}

#[test]
fn editing_keys_change_the_query_at_the_cursor() {
    let mut h = harness(80, 24);
    h.type_text("довідка про доходи");
    h.press(KeyCode::Backspace);
    assert_eq!(h.state.query.text(), "довідка про доход");
    h.ctrl('w');
    assert_eq!(h.state.query.text(), "довідка про ");
    h.ctrl('w');
    assert_eq!(h.state.query.text(), "довідка ");
    h.press(KeyCode::Home);
    h.type_text("а ");
    assert_eq!(h.state.query.text(), "а довідка ");
    h.press(KeyCode::End);
    h.press(KeyCode::Left);
    h.press(KeyCode::Left);
    h.press(KeyCode::Right);
    h.type_text("!");
    assert_eq!(h.state.query.text(), "а довідка! ");
    h.press(KeyCode::Left);
    h.press(KeyCode::Delete);
    assert_eq!(h.state.query.text(), "а довідка ");
    h.ctrl('u');
    assert_eq!(h.state.query.text(), "");
    assert_eq!(h.state.query.cursor(), 0);
}

#[test]
fn every_edit_starts_a_new_search_generation() {
    let mut h = harness(80, 24);
    let g0 = h.state.generation;
    let e = h.key(KeyEvent::new(KeyCode::Char('д'), KeyModifiers::NONE));
    let Effect::Search(req) = e else {
        panic!("typing must search, got {e:?}");
    };
    assert_eq!(req.generation, g0 + 1);
    assert_eq!(req.query, "д");
    assert_eq!(req.opts.near.as_deref(), Some("Житомир"));
    // Moving the cursor does not search again.
    assert_eq!(h.press(KeyCode::Left), Effect::None);
}

#[test]
fn movement_keys_move_the_selection_and_stop_at_the_ends() {
    let mut h = harness(80, 24);
    let n = h.state.hits().len();
    assert!(n >= 5, "fixture lists {n}");
    h.press(KeyCode::Down);
    assert_eq!(h.state.selected, 1);
    h.ctrl('n');
    h.ctrl('j');
    assert_eq!(h.state.selected, 3);
    h.ctrl('p');
    h.ctrl('k');
    h.press(KeyCode::Up);
    assert_eq!(h.state.selected, 0);
    h.press(KeyCode::Up);
    assert_eq!(h.state.selected, 0);
    h.press(KeyCode::PageDown);
    h.press(KeyCode::PageDown);
    assert_eq!(h.state.selected, n - 1);
    h.press(KeyCode::PageUp);
    h.press(KeyCode::PageUp);
    assert_eq!(h.state.selected, 0);
}

#[test]
fn a_small_screen_scrolls_to_keep_the_selection_visible() {
    let mut h = harness(40, 6);
    // Compact: search line, 4 rows, hints; a 6-line terminal shows 4 results.
    let n = h.state.hits().len();
    for _ in 0..n {
        h.press(KeyCode::Down);
    }
    let last = h.state.dir.agencies[h.state.hits()[n - 1].agency]
        .display_name()
        .to_string();
    let screen = h.screen();
    assert!(
        screen.contains(&last.chars().take(8).collect::<String>()),
        "{last} not on\n{screen}"
    );
}

#[test]
fn enter_opens_the_card_and_esc_goes_back_then_clears_and_never_quits() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("Enter must open the card");
    };
    assert_eq!(c.agency, "dps-cop-zhytomyr");
    assert_eq!(c.service, Some(0), "the card opens on the matching service");
    assert!(h.screen().contains("З цим питанням"));
    assert_eq!(h.press(KeyCode::Esc), Effect::None);
    assert_eq!(h.state.screen, Screen::List);
    assert_eq!(h.state.query.text(), "доходи");
    h.press(KeyCode::Esc);
    assert_eq!(h.state.query.text(), "");
    for _ in 0..5 {
        assert_ne!(h.press(KeyCode::Esc), Effect::Quit);
    }
}

#[test]
fn enter_on_the_card_does_nothing() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    let before = h.state.screen.clone();
    assert_eq!(h.press(KeyCode::Enter), Effect::None);
    assert_eq!(h.state.screen, before);
    assert!(h.state.overlays.is_empty());
}

#[test]
fn quit_keys_quit_from_every_screen() {
    let quits: [fn(&mut Harness) -> Effect; 3] = [
        |h| h.press(KeyCode::F(10)),
        |h| h.ctrl('q'),
        |h| h.ctrl('c'),
    ];
    for quit in quits {
        let mut h = harness(80, 24);
        assert_eq!(quit(&mut h), Effect::Quit, "list");
        h.type_text("доходи");
        h.press(KeyCode::Enter);
        assert_eq!(quit(&mut h), Effect::Quit, "card");
        h.press(KeyCode::F(1));
        assert_eq!(quit(&mut h), Effect::Quit, "help");
        h.press(KeyCode::F(3));
        assert_eq!(quit(&mut h), Effect::Quit, "picker");
    }
}

#[test]
fn esc_closes_the_overlay_before_leaving_the_card() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::F(1));
    assert!(matches!(
        h.state.overlays.last(),
        Some(Overlay::Help { .. })
    ));
    h.press(KeyCode::Esc);
    assert!(h.state.overlays.is_empty());
    assert!(matches!(h.state.screen, Screen::Card(_)));
    h.press(KeyCode::Esc);
    assert_eq!(h.state.screen, Screen::List);
    assert_eq!(h.state.query.text(), "доходи");
}

#[test]
fn help_is_generated_from_the_key_map() {
    let mut h = harness(120, 40);
    h.press(KeyCode::F(1));
    // The whole help, page by page.
    let mut screen = h.screen();
    for _ in 0..5 {
        h.press(KeyCode::PageDown);
        screen.push_str(&h.screen());
    }
    for key in ["F10, Ctrl-Q, Ctrl-C", "Ctrl-W", "F3", "F7", "Shift-Tab"] {
        assert!(screen.contains(key), "{key} missing from help:\n{screen}");
    }
    h.press(KeyCode::F(1));
    assert!(h.state.overlays.is_empty(), "F1 again closes help");
}

#[test]
fn category_picker_filters_by_typing_and_sets_the_filter() {
    let mut h = harness(80, 24);
    h.press(KeyCode::F(3));
    let Some(Overlay::Picker(p)) = h.state.overlays.last() else {
        panic!("F3 opens the category picker");
    };
    assert_eq!(p.visible()[0].value, None, "«all» comes first");
    h.type_text("подат");
    assert_eq!(
        h.state.query.text(),
        "",
        "picker typing does not touch the query"
    );
    // Typing moves the highlight onto the first match: Enter takes what was typed for.
    h.press(KeyCode::Enter);
    assert!(h.state.overlays.is_empty());
    assert_eq!(h.state.filters.category.as_deref(), Some("tax"));
    let hits = h.state.hits();
    assert!(!hits.is_empty());
    for hit in hits {
        assert_eq!(h.state.dir.agencies[hit.agency].category, "tax");
    }
    assert!(h.screen().contains("[Податки, ДПС]"));
    // Back to all.
    h.press(KeyCode::F(3));
    h.press(KeyCode::Home);
    h.press(KeyCode::Up);
    h.press(KeyCode::Enter);
    assert_eq!(h.state.filters.category, None);
}

#[test]
fn locality_picker_limits_results_to_the_town() {
    let mut h = harness(80, 24);
    h.press(KeyCode::F(4));
    h.type_text("берд");
    h.press(KeyCode::Enter);
    assert_eq!(h.state.filters.locality.as_deref(), Some("Бердичів"));
    assert!(!h.state.hits().is_empty());
    // The town's agencies, and the lines that serve the whole country (a town never hides
    // them).
    let mut remote = 0;
    for hit in h.state.hits() {
        let a = &h.state.dir.agencies[hit.agency];
        if a.remote {
            remote += 1;
        } else {
            assert_eq!(a.locality.as_deref(), Some("Бердичів"));
        }
    }
    assert!(remote > 0, "the national lines stay under a town filter");
    assert!(h.screen().contains("[Бердичів]"));
}

#[test]
fn locality_picker_offers_all_ukraine_online() {
    let mut h = harness(100, 24);
    h.press(KeyCode::F(4));
    h.type_text("онлайн");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.state.filters.locality.as_deref(),
        Some(refdesk::search::NATIONWIDE)
    );
    assert!(!h.state.hits().is_empty());
    for hit in h.state.hits() {
        assert!(h.state.dir.agencies[hit.agency].remote);
    }
    assert!(
        h.screen().contains("[Уся Україна / онлайн]"),
        "{}",
        h.screen()
    );
}

/// Regression: typing a filter left the highlight on «all», so Enter kept every category.
#[test]
fn typing_in_a_picker_selects_the_first_match_and_clearing_goes_back_to_all() {
    for (key, typed) in [(KeyCode::F(3), "пода"), (KeyCode::F(4), "берд")] {
        let mut h = harness(80, 24);
        h.press(key);
        h.type_text(typed);
        let Some(Overlay::Picker(p)) = h.state.overlays.last() else {
            panic!("{key:?} opens a picker");
        };
        let chosen = p.visible()[p.selected];
        assert!(
            chosen.value.is_some(),
            "{key:?}: still on «all» after typing"
        );
        assert!(chosen.label.to_lowercase().contains(typed));
        // Deleting the filter entirely returns to «all».
        h.ctrl('u');
        let Some(Overlay::Picker(p)) = h.state.overlays.last() else {
            panic!("the picker stays open");
        };
        assert_eq!(p.visible()[p.selected].value, None);
        // Backspace to a shorter filter still selects a match.
        h.type_text(typed);
        h.press(KeyCode::Backspace);
        let Some(Overlay::Picker(p)) = h.state.overlays.last() else {
            panic!("the picker stays open");
        };
        assert!(p.visible()[p.selected].value.is_some());
    }
}

#[test]
fn esc_in_a_picker_closes_it_without_changing_filters() {
    let mut h = harness(80, 24);
    h.press(KeyCode::F(4));
    h.type_text("берд");
    h.press(KeyCode::Esc);
    assert!(h.state.overlays.is_empty());
    assert_eq!(h.state.filters.locality, None);
}

#[test]
fn open_now_toggle_drops_temporarily_closed_agencies() {
    let mut h = harness(80, 24);
    let closed = |h: &Harness| {
        h.state
            .hits()
            .iter()
            .any(|x| h.state.dir.agencies[x.agency].id == "dms-berdychiv")
    };
    assert!(closed(&h), "listed without the filter");
    h.press(KeyCode::F(7));
    assert!(h.state.filters.open_now);
    assert!(!closed(&h), "a temporarily closed agency is never open now");
    assert!(h.screen().contains("[✓] лише відчинені"));
    h.press(KeyCode::F(7));
    assert!(closed(&h));
}

#[test]
fn f8_lists_problems_with_file_and_line() {
    let mut h = harness(120, 40);
    h.press(KeyCode::F(8));
    let screen = h.screen();
    assert!(
        screen.contains("berdychiv.toml:16:"),
        "no file:line in\n{screen}"
    );
}

#[test]
fn output_keys_with_nothing_selected_explain_why() {
    let mut h = harness(120, 40);
    h.type_text("жодної такої установи немає");
    assert!(h.state.hits().is_empty());
    assert_eq!(h.press(KeyCode::F(2)), Effect::None);
    assert!(h.screen().contains("спершу виберіть установу"));
}

/// The hint bar offers only what can be done now: with nothing found there is nothing to
/// print, copy, show as QR or count.
#[test]
fn output_hints_are_hidden_when_nothing_is_selected() {
    let hints = |h: &mut Harness| {
        let screen = h.screen();
        let bar = screen.lines().rev().find(|l| l.contains("F10 "));
        bar.unwrap_or_else(|| panic!("no hint bar:\n{screen}"))
            .to_string()
    };
    let mut h = harness(120, 40);
    let bar = hints(&mut h);
    // (F6 gives way to the plan's Ctrl-D on the list; it is on the card's bar.)
    for k in ["F2 ", "F5 ", "Ctrl-D "] {
        assert!(bar.contains(k), "{k} shown with a selection: {bar}");
    }
    h.type_text("жодної такої установи немає");
    assert!(h.state.hits().is_empty());
    let bar = hints(&mut h);
    for k in ["F2 ", "F5 ", "F6 ", "Ctrl-R", "Ctrl-D", "Enter "] {
        assert!(!bar.contains(k), "{k} shown with nothing selected: {bar}");
    }
    assert!(bar.contains("F10 "), "{bar}");
}

/// On a small screen the way out of a window (Esc) survives before help does.
#[test]
fn a_tight_hint_bar_keeps_esc_before_f1() {
    let hints = |h: &mut Harness| {
        let screen = h.screen();
        let bar = screen.lines().rev().find(|l| l.contains("F10 "));
        bar.unwrap_or_else(|| panic!("no hint bar:\n{screen}"))
            .to_string()
    };
    for lang in [Lang::Uk, Lang::En] {
        let mut h = harness_lang(40, 12, lang);
        h.type_text("доходи");
        h.press(KeyCode::F(2));
        let bar = hints(&mut h);
        assert!(bar.contains("Esc "), "print preview without Esc: {bar}");
        assert!(bar.contains("Enter "), "print preview without Enter: {bar}");
        assert!(bar.contains("F10 "), "{bar}");
        h.press(KeyCode::Tab);
        let bar = hints(&mut h);
        assert!(bar.contains("Esc ") && bar.contains("Enter "), "{bar}");
        h.press(KeyCode::Esc);
        h.press(KeyCode::F(3));
        let bar = hints(&mut h);
        assert!(bar.contains("Esc "), "picker without Esc: {bar}");
    }
}

#[test]
fn tab_and_shift_tab_select_services_and_show_their_documents() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("card");
    };
    assert_eq!(c.service, Some(1));
    let screen = h.screen();
    assert!(screen.contains("▶ 2. Реєстрація платника"), "{screen}");
    assert!(screen.contains("– паспорт громадянина України"), "{screen}");
    h.press(KeyCode::Tab);
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("card");
    };
    assert_eq!(c.service, Some(0), "Tab wraps around");
    h.key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("card");
    };
    assert_eq!(c.service, Some(1));
}

#[test]
fn the_card_marks_internal_notes_as_internal() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Черга найменша"))
        .expect("the note is shown");
    assert!(line.contains('▌'), "{line}");
    assert!(screen.contains("ВНУТРІШНЯ ПРИМІТКА"));
}

#[test]
fn card_scrolls_within_its_length() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    for _ in 0..200 {
        h.press(KeyCode::Down);
    }
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("card");
    };
    let at_end = c.scroll;
    assert!(at_end > 0, "a long card scrolls");
    h.press(KeyCode::Up);
    let Screen::Card(c) = h.state.screen.clone() else {
        panic!("card");
    };
    assert_eq!(
        c.scroll,
        at_end - 1,
        "one Up undoes one step, not an overshoot"
    );
}

#[test]
fn typing_on_the_card_goes_back_to_searching() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.type_text(" ц");
    assert_eq!(h.state.screen, Screen::List);
    assert_eq!(h.state.query.text(), "доходи ц");
}

#[test]
fn mouse_click_selects_double_click_opens_wheel_scrolls() {
    let mut h = harness(120, 40);
    h.render();
    let (x, y) = find(&mut h, "ЦНАП Житомир").expect("on screen");
    let row = h
        .state
        .hits()
        .iter()
        .position(|x| h.state.dir.agencies[x.agency].id == "cnap-zhytomyr")
        .unwrap();
    h.mouse(click(x, y), 1000);
    assert_eq!(h.state.selected, row);
    assert_eq!(h.state.screen, Screen::List);
    // A second click long after is another single click.
    h.render();
    h.mouse(click(x, y), 2000);
    assert_eq!(h.state.screen, Screen::List);
    h.render();
    h.mouse(click(x, y), 150);
    assert!(
        matches!(h.state.screen, Screen::Card(_)),
        "double-click opens"
    );
    h.press(KeyCode::Esc);
    h.press(KeyCode::Home);
    let before = h.state.selected;
    h.render();
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 6,
        modifiers: KeyModifiers::NONE,
    };
    h.mouse(wheel, 10);
    assert_eq!(h.state.selected, (before + 1).min(h.state.hits().len() - 1));
}

#[test]
fn clicking_a_hint_runs_it() {
    let mut h = harness(120, 40);
    h.render();
    let (x, y) = find(&mut h, "F1 довідка").expect("hint shown");
    h.mouse(click(x + 1, y), 10);
    assert!(matches!(
        h.state.overlays.last(),
        Some(Overlay::Help { .. })
    ));
    h.render();
    let (x, y) = find(&mut h, "F10 вихід").expect("hint shown");
    assert_eq!(h.mouse(click(x, y), 10), Effect::Quit);
}

#[test]
fn clicking_a_filter_chip_opens_its_picker_and_a_picked_row_applies() {
    let mut h = harness(120, 40);
    h.render();
    let (x, y) = find(&mut h, "[Усі міста]").expect("chip shown");
    h.mouse(click(x + 2, y), 10);
    assert!(matches!(h.state.overlays.last(), Some(Overlay::Picker(_))));
    h.render();
    let (x, y) = find(&mut h, "│ Бердичів").expect("item shown");
    h.mouse(click(x + 3, y), 10);
    assert_eq!(h.state.filters.locality.as_deref(), Some("Бердичів"));
}

#[test]
fn results_for_an_older_query_are_dropped() {
    let dir = Arc::new(load("good", Lang::Uk));
    let mut s = State::new(dir, settings(Lang::Uk), now());
    let Effect::Search(first) = s.start() else {
        panic!("start searches");
    };
    update(&mut s, Action::Insert('д'));
    let stale = SearchReply {
        generation: first.generation,
        results: Results {
            hits: vec![Hit {
                agency: 0,
                service: None,
                score: 0,
                tier: None,
                temporarily_closed: false,
                matched: 0,
            }],
            reading: Reading::AsTyped,
            total: 1,
            ..Default::default()
        },
        marks: vec![],
    };
    update(&mut s, Action::Reply(Reply::Search(stale)));
    assert!(
        s.shown.is_none(),
        "a late answer to an old query is not shown"
    );
}

#[test]
fn a_corrected_reading_is_announced() {
    let dir = Arc::new(load("good", Lang::Uk));
    let mut h = Harness::new(
        Arc::try_unwrap(dir).unwrap(),
        settings(Lang::Uk),
        now(),
        120,
        40,
    );
    h.type_text("ljdslrf");
    let reply = SearchReply {
        generation: h.state.generation,
        results: Results {
            hits: vec![Hit {
                agency: 0,
                service: None,
                score: 1,
                tier: None,
                temporarily_closed: false,
                matched: 0,
            }],
            reading: Reading::Layout {
                text: "довідка".into(),
            },
            total: 1,
            ..Default::default()
        },
        marks: vec![],
    };
    h.act(Action::Reply(Reply::Search(reply)));
    assert!(h.screen().contains("розкладку виправлено: довідка"));
}

#[test]
fn paste_goes_into_the_query_without_control_characters() {
    let mut h = harness(80, 24);
    h.act(Action::Paste("довідка\u{1b}[2J\nпро доходи\t".into()));
    assert_eq!(h.state.query.text(), "довідка[2J про доходи");
}

#[test]
fn data_control_characters_are_drawn_harmlessly() {
    let mut h = harness(120, 40);
    h.type_text("субсидії");
    h.press(KeyCode::Enter);
    let screen = h.render();
    assert!(!screen.contains('\u{1b}'), "ESC reached the screen");
    assert!(screen.contains('\u{FFFD}'), "the bad character is visible");
}

#[test]
fn an_empty_directory_opens_with_a_clear_message() {
    let mut h = Harness::new(Directory::default(), settings(Lang::Uk), now(), 80, 24);
    assert!(h.state.overlays.is_empty());
    let screen = h.screen();
    assert!(screen.contains("Довідник порожній"), "{screen}");
    assert!(screen.contains("0 установ"));
}

#[test]
fn a_directory_where_everything_is_broken_opens_on_its_problems() {
    let mut h = Harness::new(load("broken", Lang::Uk), settings(Lang::Uk), now(), 120, 40);
    assert!(matches!(
        h.state.overlays.last(),
        Some(Overlay::Problems { .. })
    ));
    let screen = h.screen();
    assert!(screen.contains("broken.toml:3:"), "{screen}");
    h.press(KeyCode::Esc);
    let screen = h.screen();
    assert!(
        screen.contains("Жодну установу не вдалося прочитати"),
        "{screen}"
    );
    assert!(screen.contains("2 помилки"), "{screen}");
}

#[test]
fn title_counts_agencies_with_the_right_plural() {
    let mut h = harness(120, 40);
    assert!(h.screen().contains("6 установ · 1 попередження (F8)"));
    let mut h = harness_lang(120, 40, Lang::En);
    let screen = h.screen();
    assert!(screen.contains("6 agencies · 1 warning (F8)"), "{screen}");
    assert!(screen.contains("F10 quit"));
}

/// The title counts the agencies that can be offered (not closed ones), the same number an
/// empty query lists.
#[test]
fn title_count_matches_the_listed_agencies_on_the_demo_directory() {
    let opts = refdesk::directory::LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    };
    let dir = refdesk::directory::load_demo(&opts);
    let closed = dir
        .agencies
        .iter()
        .filter(|a| a.status == refdesk::directory::Status::Closed)
        .count();
    assert!(closed > 0, "the demo has a closed agency to test with");
    let mut h = Harness::new(dir, settings(Lang::Uk), now(), 120, 40);
    let listed = h.state.shown.as_ref().map(|s| s.total).unwrap_or(0);
    let want = refdesk::i18n::AGENCY.count(Lang::Uk, listed as u64);
    let screen = h.screen();
    let title = screen.lines().next().unwrap_or("");
    assert!(title.contains(&want), "want «{want}» in the title: {title}");
}

fn demo_harness(width: u16, height: u16, lang: Lang, office: &str) -> Harness {
    let opts = refdesk::directory::LoadOptions {
        today: now().date(),
        lang,
    };
    let mut s = settings(lang);
    s.office = Some(office.into());
    Harness::new(
        refdesk::directory::load_demo(&opts),
        s,
        now(),
        width,
        height,
    )
}

/// The demo marker survives any width: the office name is cut first; the compact layout,
/// which has no title, says «ДЕМО» on its hint line.
#[test]
fn the_demo_marker_survives_a_long_office_name_and_the_compact_layout() {
    let office = "Оболонське бюро правової допомоги";
    for (lang, marker, short) in [
        (Lang::Uk, "демонстраційні дані", "ДЕМО"),
        (Lang::En, "demo data", "DEMO"),
    ] {
        for (w, ht) in [(120, 40), (100, 30), (80, 24), (60, 15)] {
            let mut h = demo_harness(w, ht, lang, office);
            let screen = h.screen();
            let title = screen.lines().next().unwrap_or("");
            assert!(title.contains(marker), "{w}x{ht}: {title}");
        }
        // With room, the whole office; at 120 columns the Ukrainian title's counts (closed
        // agencies, warnings) leave room for most of it.
        let mut h = demo_harness(140, 40, lang, office);
        let screen = h.screen();
        assert!(screen.lines().next().unwrap_or("").contains(office));
        let mut h = demo_harness(120, 40, lang, office);
        let screen = h.screen();
        assert!(
            screen
                .lines()
                .next()
                .unwrap_or("")
                .contains("Оболонське бюро прав")
        );
        for (w, ht) in [(59, 14), (40, 12), (20, 5)] {
            let mut h = demo_harness(w, ht, lang, office);
            let screen = h.screen();
            assert!(screen.contains(short), "{w}x{ht}:\n{screen}");
        }
    }
}

/// A long service name whose match is at its end shows a window around the match, highlighted,
/// instead of a start that says nothing about the query.
#[test]
fn a_service_matched_at_its_end_is_shown_around_the_match() {
    for (w, ht) in [(120, 40), (80, 24)] {
        let mut h = demo_harness(w, ht, Lang::Uk, "Бюро");
        h.type_text("довідка про доходи");
        let buf = h.render_buffer();
        let screen = h.screen();
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("…") && l.contains("(довідка про доходи"))
            .unwrap_or_else(|| panic!("{w}x{ht}: no windowed service line:\n{screen}"));
        let b = line.find("довідка").unwrap_or(0);
        let x = unicode_width::UnicodeWidthStr::width(&line[..b]) as u16;
        let cell = &buf[(x, y as u16)];
        assert!(
            cell.modifier.contains(ratatui::style::Modifier::UNDERLINED),
            "{w}x{ht}: the match is not highlighted: {line}"
        );
    }
}

/// The help explains every mark the list uses, and its text keeps a column off the frame.
#[test]
fn help_explains_the_marks_and_keeps_off_the_border() {
    for lang in [Lang::Uk, Lang::En] {
        let mut h = harness_lang(120, 40, lang);
        h.press(KeyCode::F(1));
        let mut seen = String::new();
        // To the help's end (the plan's keys made it longer).
        for _ in 0..20 {
            seen.push_str(&h.screen());
            h.press(KeyCode::PageDown);
        }
        for (mark, meaning) in refdesk::tui::strings::mark_legend(lang) {
            assert!(
                seen.contains(&format!("{mark} ")) && seen.contains(meaning),
                "{lang:?}: «{mark}» not explained"
            );
        }
        // Every text row of the help window starts one column in from its left frame.
        h.press(KeyCode::Home);
        let screen = h.screen();
        let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
        let title = if lang == Lang::Uk {
            "Довідка"
        } else {
            "Help"
        };
        let (top, x) = rows
            .iter()
            .enumerate()
            .find_map(|(y, r)| {
                let line: String = r.iter().collect();
                line.contains(title)
                    .then(|| r.iter().position(|&c| c == '┌').map(|x| (y, x)))
                    .flatten()
            })
            .expect("the help window's frame");
        let mut checked = 0;
        for r in rows.iter().skip(top + 1) {
            if r.get(x) != Some(&'│') {
                break;
            }
            assert_eq!(
                r.get(x + 1),
                Some(&' '),
                "text touches the border: {}",
                r.iter().collect::<String>()
            );
            checked += 1;
        }
        assert!(checked > 5);
    }
}

#[test]
fn narrow_screens_open_the_card_over_the_list() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    let name = "● ЦОП ДПС, Житомир";
    assert!(h.screen().contains(name));
    h.press(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("З цим питанням"));
    assert!(!screen.contains(name), "the list is hidden under the card");
}

#[test]
fn resizing_keeps_state_and_selection_valid() {
    let mut h = harness(120, 40);
    h.press(KeyCode::PageDown);
    for (w, hgt) in [(20, 5), (1, 1), (0, 0), (200, 60), (60, 15), (80, 24)] {
        h.resize(w, hgt);
        h.render();
        assert!(h.state.selected < h.state.hits().len().max(1));
    }
    let Some(cmd) = h.hits.commands.iter().find(|(_, c)| *c == Command::Quit) else {
        panic!("quit hint after resizing back");
    };
    assert!(cmd.0.width > 0);
}

#[test]
fn words_the_result_does_not_use_are_shown() {
    let mut h = harness(120, 24);
    h.type_text("паспорт бабусею");
    assert!(
        !h.state.hits().is_empty(),
        "«бабусею» does not make results disappear"
    );
    assert!(
        h.screen().contains("не враховано: бабусею"),
        "{}",
        h.screen()
    );
}

#[test]
fn nothing_found_shows_suggestions_labelled_as_such() {
    let mut h = harness(120, 30);
    h.type_text("пвпвпвпв");
    assert!(h.state.hits().is_empty());
    let screen = h.screen();
    assert!(screen.contains("Нічого не знайдено"), "{screen}");
    assert!(screen.contains("Точних збігів немає. Підказки"), "{screen}");
    assert!(screen.contains("загальнонаціональні лінії"), "{screen}");
}

//! Screen snapshots on a TestBackend at the sizes the screen promises to handle. The fixture
//! directory and "now" are fixed; snapshots change when the search, phrase or hours
//! implementations change, and are then reviewed and re-accepted (`cargo insta review`).

mod tui_support;

use crossterm::event::KeyCode;
use refdesk::directory::watch::reload;
use refdesk::i18n::Lang;
use refdesk::stats::{How, Record};
use refdesk::tui::Harness;
use refdesk::tui::msg::{Action, DirHandle};
use std::sync::Arc;
use tui_support::*;

const SIZES: [(u16, u16); 4] = [(120, 40), (80, 24), (40, 12), (20, 5)];

fn snap(name: &str, h: &mut Harness) {
    let (w, ht) = h.state.size;
    let screen = h.render();
    // The problems list names fixture files as the platform writes paths
    // (`tests/fixtures/tui\good\…` on Windows); one snapshot serves both.
    let screen = if cfg!(windows) {
        screen.replace('\\', "/")
    } else {
        screen
    };
    insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
}

#[test]
fn main_screen_with_a_query() {
    for (w, ht) in SIZES {
        let mut h = harness(w, ht);
        h.type_text("довідка");
        snap("main_query", &mut h);
    }
}

#[test]
fn main_screen_on_start() {
    for (w, ht) in SIZES {
        let mut h = harness(w, ht);
        snap("main_start", &mut h);
    }
}

#[test]
fn card_screen() {
    for (w, ht) in SIZES {
        let mut h = harness(w, ht);
        h.type_text("доходи");
        h.press(KeyCode::Enter);
        snap("card", &mut h);
    }
}

#[test]
fn card_with_the_second_service_selected() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    snap("card_tab", &mut h);
}

#[test]
fn help_overlay() {
    for (w, ht) in SIZES {
        let mut h = harness(w, ht);
        h.press(KeyCode::F(1));
        snap("help", &mut h);
    }
}

#[test]
fn category_picker() {
    for (w, ht) in [(120, 40), (80, 24), (40, 12)] {
        let mut h = harness(w, ht);
        h.press(KeyCode::F(3));
        snap("picker_category", &mut h);
    }
}

#[test]
fn filters_on_the_search_line() {
    for (w, ht) in [(120, 40), (80, 24), (40, 12)] {
        let mut h = harness(w, ht);
        h.press(KeyCode::F(4));
        h.type_text("житомир");
        h.press(KeyCode::Down);
        h.press(KeyCode::Enter);
        h.press(KeyCode::F(7));
        snap("filters", &mut h);
    }
}

#[test]
fn problems_of_a_broken_directory() {
    for (w, ht) in [(120, 40), (80, 24), (40, 12)] {
        let mut h = Harness::new(load("broken", Lang::Uk), settings(Lang::Uk), now(), w, ht);
        snap("broken", &mut h);
    }
}

#[test]
fn english_interface() {
    let mut h = harness_lang(80, 24, Lang::En);
    h.type_text("доходи");
    snap("english", &mut h);
}

#[test]
fn nothing_found() {
    let mut h = harness(80, 24);
    h.type_text("жодної такої установи");
    snap("nothing_found", &mut h);
}

#[test]
fn print_preview_with_a_name() {
    for (w, ht) in [(120, 40), (80, 24), (40, 12)] {
        let mut h = harness(w, ht);
        h.type_text("доходи");
        h.press(KeyCode::F(2));
        h.type_text("Тарас Шевченко");
        snap("print_preview", &mut h);
    }
}

#[test]
fn print_preview_saving_to_a_file() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.type_text("Тарас Шевченко");
    h.press(KeyCode::F(2));
    snap("print_preview_save", &mut h);
}

#[test]
fn qr_code_of_the_phone() {
    for (w, ht) in [(80, 24), (40, 12)] {
        let mut h = harness(w, ht);
        h.type_text("доходи");
        h.press(KeyCode::F(6));
        snap("qr", &mut h);
    }
}

#[test]
fn statistics_of_the_month() {
    let mut h = harness(80, 24);
    for (id, how, n) in [
        ("dps-cop-zhytomyr", How::Printed, 5),
        ("cnap-zhytomyr", How::Read, 3),
        ("upszn-berdychiv", How::Copied, 1),
    ] {
        for _ in 0..n {
            let a = h.state.dir.agency(id).expect("fixture").clone();
            h.ports.records.push(Record::new(how, &a, None, now()));
        }
    }
    h.press(KeyCode::F(9));
    snap("stats", &mut h);
}

#[test]
fn problems_after_a_reload() {
    let mut h = harness(120, 40);
    let old = h.state.dir.clone();
    let mut new = (*old).clone();
    new.agencies.retain(|a| a.id != "pfu-zhytomyr");
    if let Some(a) = new.agencies.iter_mut().find(|a| a.id == "cnap-zhytomyr") {
        a.address = Some("майдан Умовний, 6".into());
    }
    let (dir, changes) = reload(&old, new);
    h.act(Action::Reloaded {
        dir: DirHandle(Arc::new(dir)),
        changes,
    });
    h.press(KeyCode::F(8));
    snap("problems_reload", &mut h);
}

#[test]
fn stale_agency_card() {
    let later = jiff::civil::date(2027, 7, 5).at(10, 30, 0, 0);
    let mut h = Harness::new(load("good", Lang::Uk), settings(Lang::Uk), later, 120, 40);
    h.type_text("субсидії");
    snap("stale_list", &mut h);
    h.press(KeyCode::Enter);
    snap("stale_card", &mut h);
}

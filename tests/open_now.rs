//! Issue 10, item 5: "open now" follows reception hours where the data has them, and an office
//! on its lunch break says when it opens again and is kept by the open-now filter.

mod tui_support;

use crossterm::event::KeyCode;
use jiff::civil::{DateTime, Weekday, date, time};
use refdesk::directory::{LoadOptions, load_texts};
use refdesk::hours::OpenState;
use refdesk::i18n::Lang;
use refdesk::tui::Harness;
use refdesk::tui::strings::open_state;

const DIR: &str = r#"
[[agency]]
id = "pfu"
name = "Сервісний центр ПФУ"
category = "social-services"
topics = ["пенсія"]
locality = "Житомир"
address = "вул. Київська, 1"
phones = ["+380 412 00 00 01"]
hours = "Пн-Пт 09:00-18:00"
reception = "Вт,Чт 09:00-12:00"
verified = 2026-10-01

[[agency]]
id = "uszn"
name = "Управління соціального захисту населення"
category = "social-services"
topics = ["пенсія"]
locality = "Житомир"
address = "вул. Київська, 2"
phones = ["+380 412 00 00 02"]
hours = "Пн-Пт 09:00-18:00"
lunch = "13:00-13:45"
verified = 2026-10-01
"#;

/// Monday 23 November 2026 at `h:m`; Tuesday is the 24th.
fn monday(h: i8, m: i8) -> DateTime {
    date(2026, 11, 23).at(h, m, 0, 0)
}

fn dir(now: DateTime) -> refdesk::directory::Directory {
    let opts = LoadOptions {
        today: now.date(),
        lang: Lang::Uk,
    };
    load_texts(&[("a.toml", DIR)], &opts)
}

#[test]
fn reception_days_decide_the_open_state() {
    let d = dir(monday(10, 0));
    let pfu = d.agency("pfu").unwrap();
    let state = pfu.open_state(monday(10, 0));
    assert_eq!(
        state,
        Some(OpenState::NoReceptionToday {
            opens: Some((Weekday::Tuesday, time(9, 0, 0, 0)))
        })
    );
    assert_eq!(
        open_state(Lang::Uk, state),
        "прийом сьогодні не ведеться · наступний вт о 09:00"
    );
    let tuesday = date(2026, 11, 24).at(10, 0, 0, 0);
    assert_eq!(
        open_state(Lang::Uk, pfu.open_state(tuesday)),
        "відчинено до 12:00"
    );
}

#[test]
fn lunch_says_when_it_opens_and_the_open_now_filter_keeps_it() {
    let now = monday(13, 35);
    let d = dir(now);
    let uszn = d.agency("uszn").unwrap();
    assert_eq!(
        open_state(Lang::Uk, uszn.open_state(now)),
        "перерва · відчиниться о 13:45"
    );
    let mut h = Harness::new(d, tui_support::settings(Lang::Uk), now, 120, 40);
    h.type_text("пенсія");
    h.press(KeyCode::F(7));
    assert!(h.state.filters.open_now);
    let ids: Vec<String> = (0..h.state.hits().len())
        .map(|r| tui_support::row_id(&h, r))
        .collect();
    assert_eq!(
        ids,
        ["uszn"],
        "on lunch: kept; no reception today: left out"
    );
    assert!(h.screen().contains("відчиниться о 13:45"), "{}", h.screen());
}

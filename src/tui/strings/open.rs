//! Whether an agency is open now, as the list and the card mark it.

use super::{GIVEN_MARK, Msg};
use crate::hours::OpenState;
use crate::i18n::Lang;
use jiff::civil::Weekday;

fn weekday_short(lang: Lang, d: Weekday) -> &'static str {
    let i = d.to_monday_zero_offset() as usize;
    match lang {
        Lang::Uk => ["пн", "вт", "ср", "чт", "пт", "сб", "нд"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// "відчинено до 18:00", "перерва · відчиниться о 13:45", "зачинено · відчиниться пн о 09:00",
/// "прийом сьогодні не ведеться · наступний чт о 09:00".
pub fn open_state(lang: Lang, s: Option<OpenState>) -> String {
    let hm = |t: jiff::civil::Time| t.strftime("%H:%M").to_string();
    match (s, lang) {
        (None, _) => Msg::TemporarilyClosed.text(lang).to_string(),
        (Some(OpenState::Open { until: Some(t) }), Lang::Uk) => format!("відчинено до {}", hm(t)),
        (Some(OpenState::Open { until: Some(t) }), Lang::En) => format!("open until {}", hm(t)),
        (Some(OpenState::Open { until: None }), _) => Msg::Open.text(lang).to_string(),
        (Some(OpenState::Lunch { until }), Lang::Uk) => {
            format!("перерва · відчиниться о {}", hm(until))
        }
        (Some(OpenState::Lunch { until }), Lang::En) => {
            format!("lunch break · opens at {}", hm(until))
        }
        (Some(OpenState::NoReceptionToday { opens }), Lang::Uk) => match opens {
            Some((d, t)) => format!(
                "прийом сьогодні не ведеться · наступний {} о {}",
                weekday_short(lang, d),
                hm(t)
            ),
            None => "прийом сьогодні не ведеться".to_string(),
        },
        (Some(OpenState::NoReceptionToday { opens }), Lang::En) => match opens {
            Some((d, t)) => format!(
                "no reception today · next {} at {}",
                weekday_short(lang, d),
                hm(t)
            ),
            None => "no reception today".to_string(),
        },
        (
            Some(OpenState::Closed {
                opens: Some((d, t)),
            }),
            Lang::Uk,
        ) => {
            format!(
                "зачинено · відчиниться {} о {}",
                weekday_short(lang, d),
                hm(t)
            )
        }
        (
            Some(OpenState::Closed {
                opens: Some((d, t)),
            }),
            Lang::En,
        ) => {
            format!("closed · opens {} at {}", weekday_short(lang, d), hm(t))
        }
        (Some(OpenState::Closed { opens: None }), Lang::Uk) => "зачинено".to_string(),
        (Some(OpenState::Closed { opens: None }), Lang::En) => "closed".to_string(),
    }
}

/// The mark in front of a result's name when the agency has an alert.
pub const ALERT_MARK: char = '!';
/// The mark of data verified more than a year ago.
pub const STALE_MARK: char = '⚠';

/// The help's legend of the marks in the result list: (mark, what it means).
pub fn mark_legend(lang: Lang) -> Vec<(char, &'static str)> {
    let t = jiff::civil::time(9, 0, 0, 0);
    vec![
        (
            open_mark(Some(OpenState::Open { until: None })),
            Msg::Open.text(lang),
        ),
        (
            open_mark(Some(OpenState::Lunch { until: t })),
            lang.pick("перерва", "lunch break"),
        ),
        (
            open_mark(Some(OpenState::Closed { opens: None })),
            lang.pick("зачинено зараз", "closed now"),
        ),
        (open_mark(None), Msg::TemporarilyClosed.text(lang)),
        (
            ALERT_MARK,
            lang.pick(
                "важливе повідомлення установи (у картці)",
                "the agency has an important notice (see the card)",
            ),
        ),
        (
            STALE_MARK,
            lang.pick(
                "дані перевірено понад рік тому",
                "data last verified more than a year ago",
            ),
        ),
        (GIVEN_MARK, Msg::Given.text(lang)),
    ]
}

/// The one-character mark in front of a result: ● open, ◐ lunch, ○ closed, ✕ temporarily closed.
pub fn open_mark(s: Option<OpenState>) -> char {
    match s {
        Some(OpenState::Open { .. }) => '●',
        Some(OpenState::Lunch { .. }) => '◐',
        Some(OpenState::Closed { .. } | OpenState::NoReceptionToday { .. }) => '○',
        None => '✕',
    }
}

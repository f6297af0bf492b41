//! Tests of the hours module: parsing and every message (`parse`), the week, its display,
//! reading aloud and the state at a moment (`week`).

mod parse;
mod week;

pub(super) use super::diagnose::with_colon;
use super::*;
pub(super) use crate::i18n::Lang;
use jiff::civil::{DateTime, Weekday, date, time};
use proptest::prelude::*;

fn hours(src: &str) -> Hours {
    parse(src).unwrap_or_else(|e| panic!("{src:?} should parse: {e} (at {})", e.offset))
}

fn error(src: &str) -> HoursError {
    match parse(src) {
        Ok(h) => panic!("{src:?} should not parse, got {:?}", h.weekly()),
        Err(e) => e,
    }
}

fn t(h: i8, m: i8) -> Time {
    time(h, m, 0, 0)
}

/// A week well away from the reference week: Monday 23 November 2026.
fn at(weekday: Weekday, h: i8, m: i8) -> DateTime {
    let monday = date(2026, 11, 23);
    assert_eq!(monday.weekday(), Weekday::Monday);
    let offset = i64::from(weekday.to_monday_zero_offset());
    monday
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
        .at(h, m, 0, 0)
}

const OFFICE: &str = "Пн-Чт 08:00-17:00; Пт 08:00-15:45";

fn lunch() -> Lunch {
    parse_lunch("13:00-13:45").unwrap()
}

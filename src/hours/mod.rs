//! Working hours: parsing, display, reading aloud and "open now" evaluation.
//!
//! The `hours`, `reception` and service `hours` fields use the OpenStreetMap
//! `opening_hours` syntax, with Ukrainian day names (`Пн Вт Ср Чт Пт Сб Нд`, any
//! case) accepted as well as `Mo Tu We Th Fr Sa Su`, and an en or em dash accepted
//! as a range dash. The text is normalised character for character (so error
//! offsets stay valid for the original string) and handed to the `opening-hours`
//! crate, which does all parsing and evaluation.
//!
//! Decisions worth knowing:
//!
//! * **Holidays.** No holiday calendar is loaded, so `PH` rules parse but never
//!   match. This keeps [`Hours::weekly`] a plain regular week, and matches
//!   current Ukrainian practice: under martial law public holidays are working
//!   days (art. 73 of the Labour Code is suspended since 2022).
//! * **`unknown` rules** (`Mo 10:00-12:00 unknown`) count as not open.
//! * **Midnight.** An interval that runs to the end of a day ends at
//!   [`END_OF_DAY`] (`23:59:59.999999999`), which is shown as `24:00`. Overnight
//!   intervals (`Пт 22:00-02:00`) are split at midnight in [`Hours::weekly`].
//! * **`OpenState::Open { until }`** is the next change of state: the start of
//!   the lunch break if one comes first, else the closing time. It is `None`
//!   when the next change is more than 24 hours away (e.g. `24/7`).
//! * **`OpenState::Closed { opens }`** is the next opening within 7 days
//!   (after any lunch break), else `None`.
//!
//! The module's rooms: [`week`] (the weekly model and the one week formatter, which the HSDS
//! export uses too), `diagnose` (normalisation and what is wrong where), `error` (the typed [`HoursError`] and its words in each language), `speak` (display and
//! reading aloud), `chrono_bridge` (evaluation over the crate's chrono API: the only file that
//! names chrono).

mod chrono_bridge;
mod diagnose;
mod error;
mod speak;
#[cfg(test)]
mod tests;
pub mod week;

use std::str::FromStr;

use jiff::civil::{DateTime, Time, Weekday};
use opening_hours::OpeningHours;

use diagnose::{diagnose, is_dash, normalize, read_time};
use error::LUNCH_EXAMPLE;
pub use error::{
    Expect, Expected, HoursError, LunchProblem, PlacedWord, Problem, SyntaxProblem, TimeProblem,
    ValueProblem, WordProblem,
};
pub use week::{END_OF_DAY, Lunch, Week};

/// Parsed working hours (`hours`, `reception`, service `hours`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    source: String,
    expr: OpeningHours,
    weekly: Week,
    /// The same every week (see [`Hours::is_weekly`]).
    regular: bool,
}

/// Whether an office is open at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    /// Open now. `until` is the next change (lunch break start or closing
    /// time); `None` if it is more than 24 hours away.
    Open { until: Option<Time> },
    /// In the lunch break, which ends at `until`.
    Lunch { until: Time },
    /// Closed now. `opens` is the next opening within a week, if any.
    Closed { opens: Option<(Weekday, Time)> },
    /// The office keeps reception hours and has none today; `opens` is the next reception
    /// within a week, if any.
    NoReceptionToday { opens: Option<(Weekday, Time)> },
}

impl OpenState {
    /// Whether a visitor sent now finds the office open, or open again within its lunch
    /// break: what the open-now filter keeps.
    pub fn receives_visitors(self) -> bool {
        matches!(self, OpenState::Open { .. } | OpenState::Lunch { .. })
    }
}

/// Parses `hours` / `reception` / service `hours`.
pub fn parse(src: &str) -> Result<Hours, HoursError> {
    if src.trim().is_empty() {
        return Err(HoursError::new(0, Problem::Empty));
    }
    let normalized = normalize(src)?;
    match OpeningHours::from_str(&normalized) {
        Ok(expr) => {
            let weekly = chrono_bridge::compute_weekly(&expr);
            let regular = is_regular(&expr);
            Ok(Hours {
                source: src.to_owned(),
                expr,
                weekly,
                regular,
            })
        }
        Err(err) => Err(diagnose(src, &normalized, &err)),
    }
}

/// Parses a lunch break: `"13:00-13:45"` (an en dash and spaces around the dash
/// are accepted). The start must be before the end.
pub fn parse_lunch(src: &str) -> Result<Lunch, HoursError> {
    let chars: Vec<char> = src.chars().collect();
    let skip_spaces = |mut i: usize| {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip_spaces(0);
    if i == chars.len() {
        return Err(HoursError::new(0, LunchProblem::Empty));
    }
    let start_at = i;
    let (start, next) = read_time(&chars, i, LUNCH_EXAMPLE)?;
    i = skip_spaces(next);
    match chars.get(i) {
        Some(c) if is_dash(*c) => i = skip_spaces(i + 1),
        Some(c) => return Err(HoursError::new(i, LunchProblem::Separator(*c))),
        None => return Err(HoursError::new(i, LunchProblem::NoEnd)),
    }
    if i == chars.len() {
        return Err(HoursError::new(i, LunchProblem::NoEnd));
    }
    let end_at = i;
    let (end, next) = read_time(&chars, i, LUNCH_EXAMPLE)?;
    i = skip_spaces(next);
    if i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let rest = rest.trim_end().to_owned();
        return Err(HoursError::new(i, LunchProblem::Trailing(rest)));
    }
    if start == end {
        return Err(HoursError::new(start_at, LunchProblem::Zero(start)));
    }
    if start > end {
        return Err(HoursError::new(
            end_at,
            LunchProblem::Inverted { start, end },
        ));
    }
    Ok(Lunch { start, end })
}

impl Hours {
    /// The string as written in the directory.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Open round the clock every day of a regular week (`24/7`, or an
    /// equivalent such as `Mo-Su 00:00-24:00`).
    pub fn is_24_7(&self) -> bool {
        week::is_round_the_clock(&self.weekly)
    }

    /// Per ISO weekday (index 0 = Monday … 6 = Sunday) the open intervals of a
    /// regular week (no holidays), sorted. An interval that lasts until
    /// midnight ends at [`END_OF_DAY`].
    ///
    /// Derived by evaluating the week of Monday 2026-01-05 with the crate, so
    /// rules restricted to particular dates, months or weeks of the year are
    /// seen as they apply to that week.
    pub fn weekly(&self) -> Week {
        self.weekly.clone()
    }

    /// True when the hours are the same every week: no months, weeks, dates, nth weekdays
    /// (`Пн[1]`), day offsets, sunrise/sunset, open ends or comments. Only then do
    /// [`Hours::weekly`], [`Hours::display`] and [`Hours::spoken_uk`] summarise them as a
    /// week; otherwise they give the text as written, which says more than any one week.
    /// (`PH` rules don't count: holidays are working days, see the module note.)
    pub fn is_weekly(&self) -> bool {
        self.regular
    }

    /// Whether these hours open at all on `at`'s day (a reception held on some days only).
    pub fn opens_on_day_of(&self, at: DateTime) -> bool {
        chrono_bridge::opens_on_day_of(&self.expr, at)
    }

    /// The state at a local civil date-time, with an optional lunch break cut
    /// out of every open day. Evaluation is the crate's (its interval iterator,
    /// on which its `state` and `next_change` are built); this only subtracts
    /// the lunch break and converts the result.
    pub fn state_at(&self, lunch: Option<&Lunch>, at: DateTime) -> OpenState {
        chrono_bridge::state_at(&self.expr, lunch, at)
    }
}

/// See [`Hours::is_weekly`]. The syntax tree's selectors are read through their canonical
/// text, which names every irregular construct plainly.
fn is_regular(expr: &OpeningHours) -> bool {
    expr.get_expression().rules.iter().all(|rule| {
        let days = &rule.day_selector;
        let holiday_only = !days.weekday.is_empty()
            && days.weekday.iter().all(|w| {
                let t = w.to_string();
                t.starts_with("PH") || t.starts_with("SH")
            });
        if holiday_only {
            return true;
        }
        days.year.is_empty()
            && days.monthday.is_empty()
            && days.week.is_empty()
            && days.weekday.iter().all(|w| {
                // «Mo[1]» (nth weekday), «Mo +1 day» (offset)
                let t = w.to_string();
                !t.contains('[') && !t.contains("day")
            })
            && rule.comment.is_empty()
            && !rule.time_selector.spans.iter().any(|span| {
                let t = span.to_string();
                span.open_end || span.repeats.is_some() || t.chars().any(|c| c.is_alphabetic())
            })
    })
}

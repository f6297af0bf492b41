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

use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use jiff::civil::{DateTime, Time, Weekday};
use opening_hours::{OpeningHours, RuleKind};

use crate::i18n::Lang;

/// The end of an interval that lasts until midnight (displayed as `24:00`).
pub const END_OF_DAY: Time = Time::MAX;

/// The day names accepted in place of the OSM ones, in ISO order.
const UK_DAYS_INPUT: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "нд"];
const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const UK_DAYS_SHORT: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"];
const EN_DAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// «з понеділка»
const UK_DAYS_GENITIVE: [&str; 7] = [
    "понеділка",
    "вівторка",
    "середи",
    "четверга",
    "п'ятниці",
    "суботи",
    "неділі",
];
/// «по понеділок», «у понеділок»
const UK_DAYS_ACCUSATIVE: [&str; 7] = [
    "понеділок",
    "вівторок",
    "середу",
    "четвер",
    "п'ятницю",
    "суботу",
    "неділю",
];

const DAY_HINT: &str = "use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su";
const DAYS_UK: &str = "Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
const DAY_HINT_UK: &str = "пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
const EXAMPLE: &str = "Пн-Пт 09:00-18:00";

/// The crate's parse error type (`opening_hours_syntax::Error`), named through
/// `FromStr` so that we do not need a direct dependency on the syntax crate.
type SyntaxError = <OpeningHours as FromStr>::Err;

/// Parsed working hours (`hours`, `reception`, service `hours`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    source: String,
    expr: OpeningHours,
    weekly: [Vec<(Time, Time)>; 7],
    /// The same every week (see [`Hours::is_weekly`]).
    regular: bool,
}

/// Why a `hours` or `lunch` string could not be read.
///
/// The message is built in both languages up front: data maintainers see it in
/// the UI language, and `Display` (logs, `?` at the edges) stays English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HoursError {
    /// Character (not byte) offset into the original string where the problem is.
    pub offset: usize,
    /// What is wrong and how to fix it (English).
    pub message: String,
    /// The same in Ukrainian.
    pub message_uk: String,
}

impl HoursError {
    fn new(offset: usize, message: impl Into<String>, message_uk: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
            message_uk: message_uk.into(),
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        lang.pick(&self.message_uk, &self.message)
    }
}

/// A lunch break that applies to every open day (`lunch = "13:00-13:45"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lunch {
    pub start: Time,
    pub end: Time,
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
        return Err(HoursError::new(
            0,
            format!("hours are empty — write them like {EXAMPLE}, or 24/7 for round the clock"),
            format!(
                "години роботи не вказано — пишіть так: {EXAMPLE}, а для цілодобової роботи — 24/7"
            ),
        ));
    }
    let normalized = normalize(src)?;
    match OpeningHours::from_str(&normalized) {
        Ok(expr) => {
            let weekly = compute_weekly(&expr);
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
    const LUNCH_EXAMPLE: &str = "13:00-13:45";
    let chars: Vec<char> = src.chars().collect();
    let skip_spaces = |mut i: usize| {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip_spaces(0);
    if i == chars.len() {
        return Err(HoursError::new(
            0,
            format!("lunch break is empty — write it like {LUNCH_EXAMPLE}"),
            format!("обідню перерву не вказано — пишіть так: {LUNCH_EXAMPLE}"),
        ));
    }
    let start_at = i;
    let (start, next) = read_time(&chars, i, LUNCH_EXAMPLE)?;
    i = skip_spaces(next);
    match chars.get(i) {
        Some(c) if is_dash(*c) => i = skip_spaces(i + 1),
        Some(c) => {
            return Err(HoursError::new(
                i,
                format!(
                    "unexpected \"{c}\" — separate the start and the end of the lunch break with \"-\", e.g. {LUNCH_EXAMPLE}"
                ),
                format!(
                    "неочікуваний символ \"{c}\" — розділіть початок і кінець перерви знаком \"-\", наприклад {LUNCH_EXAMPLE}"
                ),
            ));
        }
        None => {
            return Err(HoursError::new(
                i,
                format!("the lunch break has no end time — write it like {LUNCH_EXAMPLE}"),
                format!(
                    "не вказано, коли закінчується обідня перерва — пишіть так: {LUNCH_EXAMPLE}"
                ),
            ));
        }
    }
    if i == chars.len() {
        return Err(HoursError::new(
            i,
            format!("the lunch break has no end time — write it like {LUNCH_EXAMPLE}"),
            format!("не вказано, коли закінчується обідня перерва — пишіть так: {LUNCH_EXAMPLE}"),
        ));
    }
    let end_at = i;
    let (end, next) = read_time(&chars, i, LUNCH_EXAMPLE)?;
    i = skip_spaces(next);
    if i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        return Err(HoursError::new(
            i,
            format!(
                "unexpected \"{}\" after the lunch break — write one break like {LUNCH_EXAMPLE}",
                rest.trim_end()
            ),
            format!(
                "зайвий текст \"{}\" після обідньої перерви — вкажіть одну перерву, наприклад {LUNCH_EXAMPLE}",
                rest.trim_end()
            ),
        ));
    }
    if start == end {
        return Err(HoursError::new(
            start_at,
            format!(
                "the lunch break starts and ends at {} — write it like {LUNCH_EXAMPLE}",
                hhmm(start)
            ),
            format!(
                "обідня перерва починається й закінчується о {} — пишіть так: {LUNCH_EXAMPLE}",
                hhmm(start)
            ),
        ));
    }
    if start > end {
        return Err(HoursError::new(
            end_at,
            format!(
                "the lunch break ends ({}) before it starts ({}) — write the earlier time first, e.g. {LUNCH_EXAMPLE}",
                hhmm(end),
                hhmm(start)
            ),
            format!(
                "обідня перерва закінчується ({}) раніше, ніж починається ({}) — спершу пишіть раніший час, наприклад {LUNCH_EXAMPLE}",
                hhmm(end),
                hhmm(start)
            ),
        ));
    }
    Ok(Lunch { start, end })
}

impl Lunch {
    /// `"13:00–13:45"`
    pub fn display(&self) -> String {
        format!("{}–{}", hhmm(self.start), hhmm(self.end))
    }

    /// `"з 13:00 до 13:45"` (no leading zero on the hour: `"з 9:30 до 10:00"`)
    pub fn spoken_uk(&self) -> String {
        format!("з {} до {}", h_mm(self.start), h_mm(self.end))
    }
}

impl Hours {
    /// The string as written in the directory.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Open round the clock every day of a regular week (`24/7`, or an
    /// equivalent such as `Mo-Su 00:00-24:00`).
    pub fn is_24_7(&self) -> bool {
        self.weekly
            .iter()
            .all(|day| day.as_slice() == [(Time::MIN, END_OF_DAY)])
    }

    /// Per ISO weekday (index 0 = Monday … 6 = Sunday) the open intervals of a
    /// regular week (no holidays), sorted. An interval that lasts until
    /// midnight ends at [`END_OF_DAY`].
    ///
    /// Derived by evaluating the week of Monday 2026-01-05 with the crate, so
    /// rules restricted to particular dates, months or weeks of the year are
    /// seen as they apply to that week.
    pub fn weekly(&self) -> [Vec<(Time, Time)>; 7] {
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

    /// The text as written, trimmed, with Ukrainian (or English) day names and dashes, for
    /// hours that are not the same every week.
    fn as_written(&self, lang: Lang) -> String {
        let names = match lang {
            Lang::Uk => &UK_DAYS_SHORT,
            Lang::En => &EN_DAYS_SHORT,
        };
        let mut out = String::with_capacity(self.source.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower = word.to_lowercase();
            let day = OSM_DAYS
                .iter()
                .position(|d| d.eq_ignore_ascii_case(word))
                .or_else(|| UK_DAYS_INPUT.iter().position(|d| *d == lower));
            match day {
                Some(i) => out.push_str(names[i]),
                None => out.push_str(word),
            }
            word.clear();
        };
        let mut in_comment = false;
        for c in self.source.trim().chars() {
            if c.is_alphabetic() && !in_comment {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            in_comment ^= c == '"';
            out.push(if c == '-' && !in_comment { '–' } else { c });
        }
        flush(&mut word, &mut out);
        out
    }

    /// Compact display of the open days: `"Пн–Чт 09:00–18:00, Пт 09:00–16:45"`,
    /// `"цілодобово"`; in English `"Mon–Thu 09:00–18:00, Fri 09:00–16:45"`,
    /// `"24/7"`. Days with identical intervals are grouped (`"Пн, Ср 09:00–13:00"`);
    /// closed days are not listed. With no open day at all: `"зачинено"` / `"closed"`.
    pub fn display(&self, lang: Lang) -> String {
        let (names, round_the_clock, closed) = match lang {
            Lang::Uk => (&UK_DAYS_SHORT, "цілодобово", "зачинено"),
            Lang::En => (&EN_DAYS_SHORT, "24/7", "closed"),
        };
        if !self.regular {
            return self.as_written(lang);
        }
        if self.is_24_7() {
            return round_the_clock.to_owned();
        }
        let groups = day_groups(&self.weekly);
        if groups.is_empty() {
            return closed.to_owned();
        }
        groups
            .iter()
            .map(|(days, intervals)| {
                let days = day_runs(days)
                    .into_iter()
                    // Two days read better listed than as a range: «Пн, Вт, Чт», not «Пн–Вт, Чт».
                    .map(|(a, b)| match b - a {
                        0 => names[a].to_owned(),
                        1 => format!("{}, {}", names[a], names[b]),
                        _ => format!("{}–{}", names[a], names[b]),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let times = intervals
                    .iter()
                    .map(|&(s, e)| format!("{}–{}", hhmm(s), hhmm(e)))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{days} {times}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Ukrainian for reading aloud: `"з понеділка по четвер з 9:00 до 18:00, у
    /// п'ятницю з 9:00 до 16:45"`, `"щодня з 9:00 до 18:00"`, `"у понеділок,
    /// середу та п'ятницю з 9:00 до 13:00"`, `"цілодобово"`.
    pub fn spoken_uk(&self) -> String {
        if !self.regular {
            return self.as_written(Lang::Uk);
        }
        if self.is_24_7() {
            return "цілодобово".to_owned();
        }
        let groups = day_groups(&self.weekly);
        if groups.is_empty() {
            return "зачинено".to_owned();
        }
        groups
            .iter()
            .map(|(days, intervals)| {
                let days = if days.len() == 7 {
                    "щодня".to_owned()
                } else {
                    spoken_days(days)
                };
                let times = if intervals.as_slice() == [(Time::MIN, END_OF_DAY)] {
                    "цілодобово".to_owned()
                } else {
                    intervals
                        .iter()
                        .map(|&(s, e)| format!("з {} до {}", h_mm(s), h_mm(e)))
                        .collect::<Vec<_>>()
                        .join(" та ")
                };
                format!("{days} {times}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether these hours open at all on `at`'s day (a reception held on some days only).
    pub fn opens_on_day_of(&self, at: DateTime) -> bool {
        let Some(day) = to_naive(at.date().at(0, 0, 0, 0)) else {
            return false;
        };
        self.expr
            .iter_range(day, day + TimeDelta::days(1))
            .any(|r| r.kind == RuleKind::Open && r.range.start < r.range.end)
    }

    /// The state at a local civil date-time, with an optional lunch break cut
    /// out of every open day. Evaluation is the crate's (its interval iterator,
    /// on which its `state` and `next_change` are built); this only subtracts
    /// the lunch break and converts the result.
    pub fn state_at(&self, lunch: Option<&Lunch>, at: DateTime) -> OpenState {
        let Some(now) = to_naive(at) else {
            return OpenState::Closed { opens: None };
        };
        let horizon = now + TimeDelta::days(7);
        let raw: Vec<(NaiveDateTime, NaiveDateTime)> = self
            .expr
            .iter_range(now, horizon)
            .filter(|r| r.kind == RuleKind::Open)
            .map(|r| (r.range.start, r.range.end))
            .filter(|(s, e)| s < e)
            .collect();
        let effective = match lunch {
            Some(lunch) => subtract_lunch(&raw, lunch),
            None => raw.clone(),
        };

        if let Some(&(_, end)) = effective.iter().find(|(s, e)| *s <= now && now < *e) {
            let until = (end < horizon && end - now <= TimeDelta::hours(24))
                .then(|| from_naive_time(end.time()));
            return OpenState::Open { until };
        }

        if let Some(lunch) = lunch {
            let day = now.date();
            let lunch_start = day.and_time(to_naive_time(lunch.start));
            let lunch_end = day.and_time(to_naive_time(lunch.end));
            let open_at = |t: NaiveDateTime| raw.iter().any(|&(s, e)| s <= t && t < e);
            if lunch_start <= now && now < lunch_end && open_at(now) && open_at(lunch_end) {
                return OpenState::Lunch { until: lunch.end };
            }
        }

        let opens = effective
            .iter()
            .find(|(s, _)| *s > now)
            .map(|&(s, _)| (from_chrono_weekday(s.weekday()), from_naive_time(s.time())));
        OpenState::Closed { opens }
    }
}

// -- Normalisation and diagnostics ------------------------------------------

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '−')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘' | '´')
}

/// Maps Ukrainian day names to OSM ones and typographic dashes / no-break
/// spaces to ASCII, one char for one char, outside `"comments"`. Rejects any
/// other Cyrillic word with a specific message.
fn normalize(src: &str) -> Result<String, HoursError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut in_comment = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_comment = !in_comment;
            out.push(c);
            i += 1;
            continue;
        }
        if in_comment {
            out.push(c);
            i += 1;
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphabetic()
                    || (is_apostrophe(chars[i])
                        && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())))
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.is_ascii() {
                out.push_str(&word);
            } else {
                let lower = word.to_lowercase();
                match UK_DAYS_INPUT.iter().position(|d| *d == lower) {
                    Some(day) => out.push_str(OSM_DAYS[day]),
                    None => return Err(unknown_word(&word, start)),
                }
            }
            continue;
        }
        out.push(match c {
            c if is_dash(c) => '-',
            '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
            c => c,
        });
        i += 1;
    }
    debug_assert_eq!(out.chars().count(), chars.len());
    Ok(out)
}

/// The error for a word (outside a comment) that is not a day name.
fn unknown_word(word: &str, offset: usize) -> HoursError {
    let lower: String = word
        .to_lowercase()
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    let has_ascii = word.chars().any(|c| c.is_ascii_alphabetic());
    let has_other = word.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    let (en, uk) = if has_ascii && has_other {
        (
            format!("\"{word}\" mixes Cyrillic and Latin letters — retype it: {DAY_HINT}"),
            format!(
                "у \"{word}\" змішано кириличні й латинські літери — наберіть слово заново; {DAY_HINT_UK}"
            ),
        )
    } else if matches!(
        lower.as_str(),
        "щодня" | "щоденно" | "кожного" | "кожен" | "щоднини"
    ) {
        (
            format!(
                "\"{word}\" is not understood — for every day write Пн-Нд 09:00-18:00 (or Mo-Su 09:00-18:00)"
            ),
            format!("замість \"{word}\" пишіть Пн-Нд 09:00-18:00 (або Mo-Su 09:00-18:00)"),
        )
    } else if lower.starts_with("цілодоб") || lower == "доба" {
        (
            format!("\"{word}\" is not understood — write 24/7 for round the clock"),
            format!("замість \"{word}\" пишіть 24/7"),
        )
    } else if lower.starts_with("вихідн")
        || matches!(lower.as_str(), "зачинено" | "закрито" | "не" | "працює")
    {
        (
            format!(
                "\"{word}\" is not understood — days that are not listed are closed; to mark days closed explicitly write off, e.g. Сб-Нд off"
            ),
            format!(
                "слово \"{word}\" тут не потрібне — дні, яких немає в записі, і так вихідні; щоб позначити вихідні явно, пишіть off, наприклад Сб-Нд off"
            ),
        )
    } else if lower.starts_with("перерв") || lower.starts_with("обід") {
        (
            format!(
                "\"{word}\" is not understood — give the break in the field \"lunch\" (lunch = \"13:00-13:45\") or split the hours: Пн-Пт 09:00-13:00,13:45-18:00"
            ),
            format!(
                "слово \"{word}\" тут не підходить — вкажіть перерву в полі \"lunch\" (lunch = \"13:00-13:45\") або розбийте час на два проміжки: Пн-Пт 09:00-13:00,13:45-18:00"
            ),
        )
    } else if lower == "вс" || lower.starts_with("воскр") {
        (
            format!("unknown day \"{word}\" — Sunday is Нд; {DAY_HINT}"),
            format!("невідомий день \"{word}\" — неділя позначається Нд; {DAY_HINT_UK}"),
        )
    } else if matches!(
        lower.as_str(),
        "з" | "із"
            | "зі"
            | "від"
            | "до"
            | "по"
            | "о"
            | "об"
            | "год"
            | "годин"
            | "і"
            | "та"
            | "й"
    ) {
        (
            format!(
                "\"{word}\" is not understood — write days and times without words, e.g. {EXAMPLE}"
            ),
            format!("слово \"{word}\" тут зайве — пишіть дні й час без слів, наприклад {EXAMPLE}"),
        )
    } else if looks_like_day(&lower) {
        (
            format!("unknown day \"{word}\" — {DAY_HINT}"),
            format!("невідомий день \"{word}\" — {DAY_HINT_UK}"),
        )
    } else {
        (
            format!(
                "unknown word \"{word}\" — write day names ({DAY_HINT}) and times like 09:00-18:00; put remarks in the field \"hours_note\""
            ),
            format!(
                "невідоме слово \"{word}\" — пишіть лише дні ({DAYS_UK}) і час, як-от 09:00-18:00; примітки пишіть у поле \"hours_note\""
            ),
        )
    };
    HoursError::new(offset, en, uk)
}

/// A word that was probably meant as a day name.
fn looks_like_day(lower: &str) -> bool {
    const PREFIXES: [&str; 23] = [
        "по", "пон", "ві", "вв", "се", "ср", "че", "чт", "п'", "пя", "пят", "пт", "су", "сб", "не",
        "нд", "mo", "tu", "we", "th", "fr", "sa", "su",
    ];
    let cyrillic = !lower.is_ascii();
    (cyrillic && lower.chars().count() <= 3) || PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Latin words of the OSM syntax that are valid somewhere.
fn is_osm_keyword(lower: &str) -> bool {
    const KEYWORDS: [&str; 24] = [
        "off", "closed", "open", "unknown", "ph", "sh", "week", "easter", "sunrise", "sunset",
        "dawn", "dusk", "day", "days", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
        "sep", "oct",
    ];
    KEYWORDS.contains(&lower) || matches!(lower, "nov" | "dec")
}

/// Turns a crate parse error into an offset in the original string and an
/// actionable message.
fn diagnose(src: &str, normalized: &str, err: &SyntaxError) -> HoursError {
    let chars: Vec<char> = src.chars().collect();
    match err {
        SyntaxError::Syntax(pest_err) => {
            let byte = match pest_err.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((p, _)) => p,
            };
            let offset = normalized
                .get(..byte)
                .map_or(chars.len(), |s| s.chars().count())
                .min(chars.len());
            let expected = match &pest_err.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => {
                    let names: Vec<String> = positives.iter().map(|r| format!("{r:?}")).collect();
                    describe_expected(&names)
                }
                pest::error::ErrorVariant::CustomError { .. } => describe_expected(&[]),
            };
            diagnose_at(&chars, offset, &expected)
        }
        other => {
            // Errors without a position (numbers out of range, inverted ranges…).
            let (offset, uk) = match other {
                SyntaxError::InvalidExtendedTime { hour, minutes } => {
                    let needle = format!("{hour:02}:{minutes:02}");
                    let offset = find_char_offset(normalized, &needle).unwrap_or(0);
                    (offset, format!("неправильний час {needle}"))
                }
                SyntaxError::Overflow {
                    value,
                    expected_bounds,
                } => (
                    0,
                    format!(
                        "число {value} завелике: має бути від {} до {}",
                        expected_bounds.start(),
                        expected_bounds.end()
                    ),
                ),
                // Rare and technical (year/week ranges, unsupported features):
                // the crate's own English wording is the most precise we have.
                _ => (0, format!("запис не вдалося прочитати ({other})")),
            };
            HoursError::new(
                offset,
                format!("{other} — write hours like {EXAMPLE}; {DAY_HINT}"),
                format!("{uk} — пишіть години так: {EXAMPLE} (дні: {DAYS_UK})"),
            )
        }
    }
}

fn find_char_offset(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .find(needle)
        .map(|byte| haystack[..byte].chars().count())
}

/// What the parser expected at an error, in both languages.
struct Expected {
    en: String,
    /// Nominative, to follow «тут має бути».
    uk: String,
}

/// Human words for the grammar rules the crate expected at the error, most
/// useful first.
fn describe_expected(rules: &[String]) -> Expected {
    const WORDS: [(&[&str], &str, &str); 4] = [
        (
            &[
                "timespan",
                "time_selector",
                "time",
                "extended_time",
                "hour_minutes",
            ],
            "a time range like 09:00-18:00",
            "проміжок часу, як-от 09:00-18:00",
        ),
        (
            &[
                "wday",
                "weekday_selector",
                "weekday_range",
                "weekday_sequence",
            ],
            "a day such as Пн or Mo",
            "день, як-от Пн або Mo",
        ),
        (
            &["any_rule_separator"],
            "\";\" before the next rule",
            "\";\" перед наступним правилом",
        ),
        (
            &["rules_modifier"],
            "off (or a \"comment\")",
            "off (чи \"коментар\")",
        ),
    ];
    let matched: Vec<(&str, &str)> = WORDS
        .iter()
        .filter(|(names, _, _)| rules.iter().any(|r| names.contains(&r.as_str())))
        .map(|(_, en, uk)| (*en, *uk))
        .collect();
    let join = |parts: Vec<&str>, or: &str| match parts.split_last() {
        None => None,
        Some((last, [])) => Some((*last).to_owned()),
        Some((last, rest)) => Some(format!("{} {or} {last}", rest.join(", "))),
    };
    let en = join(matched.iter().map(|p| p.0).collect(), "or");
    let uk = join(matched.iter().map(|p| p.1).collect(), "або");
    Expected {
        en: en.unwrap_or_else(|| format!("a rule like {EXAMPLE}")),
        uk: uk.unwrap_or_else(|| format!("правило, як-от {EXAMPLE}")),
    }
}

/// Looks at what the original string has at `offset` and explains it.
fn diagnose_at(chars: &[char], offset: usize, expected: &Expected) -> HoursError {
    let Expected {
        en: expected,
        uk: expected_uk,
    } = expected;
    let Some(&c) = chars.get(offset) else {
        // The input ended too early.
        let last = chars.iter().rposition(|c| !c.is_whitespace());
        return match last.map(|i| chars[i]) {
            Some(sep @ (';' | ',')) => HoursError::new(
                last.unwrap_or(offset),
                format!(
                    "nothing follows the final \"{sep}\" — remove it or add another rule after it"
                ),
                format!(
                    "після останнього \"{sep}\" нічого немає — приберіть його або допишіть після нього ще одне правило"
                ),
            ),
            _ => HoursError::new(
                offset,
                format!("the hours end too early — expected {expected}"),
                format!("запис обривається надто рано — далі має бути {expected_uk}"),
            ),
        };
    };

    if c.is_ascii_digit() || c == ':' || c == '.' {
        let mut start = offset;
        while start > 0 && is_time_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = offset;
        while end < chars.len() && is_time_char(chars[end]) {
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        if let Some((en, uk)) = explain_time_token(&token, "09:00-18:00") {
            return HoursError::new(start, en, uk);
        }
        return HoursError::new(
            offset,
            format!("unexpected \"{token}\" — expected {expected}"),
            format!("неочікуваний запис \"{token}\" — тут має бути {expected_uk}"),
        );
    }

    if c == ' ' {
        let prev = chars[..offset].iter().rev().find(|c| **c != ' ');
        let next = chars[offset..].iter().find(|c| **c != ' ');
        let (en, uk) =
            if chars.get(offset + 1) == Some(&' ') || offset > 0 && chars[offset - 1] == ' ' {
                (
                    "extra space — use a single space between days and times".to_owned(),
                    "зайвий пробіл — між днями й часом ставте один пробіл".to_owned(),
                )
            } else if next.is_some_and(|c| is_dash(*c)) || prev.is_some_and(|c| is_dash(*c)) {
                (
                    "no spaces around \"-\" between days — write Пн-Пт".to_owned(),
                    "між днями пишіть \"-\" без пробілів: Пн-Пт".to_owned(),
                )
            } else {
                (
                    format!("unexpected space — expected {expected}"),
                    format!("неочікуваний пробіл — тут має бути {expected_uk}"),
                )
            };
        return HoursError::new(offset, en, uk);
    }

    if is_dash(c) && offset > 0 && chars[offset - 1] == ' ' {
        return HoursError::new(
            offset,
            "no spaces around \"-\" between days — write Пн-Пт",
            "між днями пишіть \"-\" без пробілів: Пн-Пт",
        );
    }

    if c.is_alphabetic() {
        let mut start = offset;
        while start > 0 && chars[start - 1].is_alphabetic() {
            start -= 1;
        }
        let mut end = offset;
        while end < chars.len() && chars[end].is_alphabetic() {
            end += 1;
        }
        let word: String = chars[start..end].iter().collect();
        let lower = word.to_lowercase();
        let is_day = UK_DAYS_INPUT.contains(&lower.as_str())
            || OSM_DAYS.iter().any(|d| d.eq_ignore_ascii_case(&lower));
        let after_time = chars[..start]
            .iter()
            .rev()
            .find(|c| **c != ' ')
            .is_some_and(char::is_ascii_digit);
        let (en, uk) = if is_day && after_time {
            (
                format!(
                    "day \"{word}\" starts a new rule — put \";\" before it, e.g. Пн-Пт 09:00-18:00; Сб 10:00-14:00"
                ),
                format!(
                    "день \"{word}\" починає нове правило — поставте перед ним \";\", наприклад Пн-Пт 09:00-18:00; Сб 10:00-14:00"
                ),
            )
        } else if is_day {
            (
                format!(
                    "day \"{word}\" is out of place — join days with \",\" or \"-\" (Пн,Ср or Пн-Пт), then a space and the times, e.g. {EXAMPLE}"
                ),
                format!(
                    "день \"{word}\" стоїть не на місці — дні пишіть через \",\" або \"-\" (Пн,Ср чи Пн-Пт), далі пробіл і час, наприклад {EXAMPLE}"
                ),
            )
        } else if (lower == "ph" || lower == "sh") && word != word.to_uppercase() {
            let upper = word.to_uppercase();
            (
                format!("write \"{word}\" in capitals: {upper}, e.g. {EXAMPLE}; {upper} off"),
                format!(
                    "пишіть \"{word}\" великими літерами: {upper}, наприклад {EXAMPLE}; {upper} off"
                ),
            )
        } else if is_osm_keyword(&lower) {
            (
                format!("\"{word}\" is out of place here — expected {expected}"),
                format!("\"{word}\" тут не на місці — тут має бути {expected_uk}"),
            )
        } else if looks_like_day(&lower) {
            (
                format!("unknown day \"{word}\" — {DAY_HINT}"),
                format!("невідомий день \"{word}\" — {DAY_HINT_UK}"),
            )
        } else {
            (
                format!("unexpected \"{word}\" — expected {expected}"),
                format!("неочікуване слово \"{word}\" — тут має бути {expected_uk}"),
            )
        };
        return HoursError::new(start, en, uk);
    }

    HoursError::new(
        offset,
        format!("unexpected \"{c}\" — expected {expected}"),
        format!("неочікуваний символ \"{c}\" — тут має бути {expected_uk}"),
    )
}

fn is_time_char(c: char) -> bool {
    c.is_ascii_digit() || c == ':' || c == '.'
}

/// A specific message (English, Ukrainian) for a malformed time such as `9`,
/// `0900`, `09.00` or `25:00`.
fn explain_time_token(token: &str, example: &str) -> Option<(String, String)> {
    if token.contains('.') && token.chars().any(|c| c.is_ascii_digit()) {
        return Some((
            format!("time \"{token}\" — write times with a colon, e.g. 09:00"),
            format!("час \"{token}\" — пишіть час через двокрапку, наприклад 09:00"),
        ));
    }
    if !token.contains(':') {
        let en = format!("time \"{token}\" needs minutes — write times as HH:MM, e.g. {example}");
        // Show the maintainer their own time corrected when it is obvious
        // what was meant: 9 → 09:00, 0900 → 09:00.
        let uk = match with_colon(token) {
            Some(fixed) if token.len() <= 2 => {
                format!("час без хвилин — пишіть {fixed}, а не {token}")
            }
            Some(fixed) => format!("час без двокрапки — пишіть {fixed}, а не {token}"),
            None => {
                format!("час \"{token}\" без хвилин — пишіть час як ГГ:ХХ, наприклад {example}")
            }
        };
        return Some((en, uk));
    }
    let (h, m) = token.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if h == 24 && m == 0 {
        return Some((
            "24:00 can only end a time range — start the day at 00:00".to_owned(),
            "24:00 може лише завершувати проміжок — початок доби пишіть як 00:00".to_owned(),
        ));
    }
    if h > 23 || m > 59 {
        return Some((
            format!(
                "\"{token}\" is not a valid time — hours go from 00 to 23 and minutes from 00 to 59 (24:00 only ends a range)"
            ),
            format!(
                "\"{token}\" — неможливий час: години бувають від 00 до 23, хвилини — від 00 до 59 (24:00 — лише як кінець проміжку)"
            ),
        ));
    }
    None
}

/// `9` → `09:00`, `18` → `18:00`, `900` → `09:00`, `0900` → `09:00`; `None`
/// when the digits do not make a valid time.
fn with_colon(token: &str) -> Option<String> {
    if !token.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match token.len() {
        1 | 2 => (token, "00"),
        3 | 4 => token.split_at(token.len() - 2),
        _ => return None,
    };
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59 || h == 24 && m == 0).then(|| format!("{h:02}:{m:02}"))
}

/// Reads `H:MM` or `HH:MM` at `i`; returns the time and the index after it.
fn read_time(chars: &[char], i: usize, example: &str) -> Result<(Time, usize), HoursError> {
    let mut end = i;
    while end < chars.len() && is_time_char(chars[end]) {
        end += 1;
    }
    let token: String = chars[i..end].iter().collect();
    if token.is_empty() {
        return Err(HoursError::new(
            i,
            format!(
                "unexpected \"{}\" — expected a time, e.g. {example}",
                chars[i]
            ),
            format!(
                "неочікуваний символ \"{}\" — тут має бути час, наприклад {example}",
                chars[i]
            ),
        ));
    }
    if let Some((en, uk)) = explain_time_token(&token, example) {
        return Err(HoursError::new(i, en, uk));
    }
    let parsed = token.split_once(':').and_then(|(h, m)| {
        let ok = (1..=2).contains(&h.len()) && m.len() == 2;
        let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
        ok.then(|| Time::new(h, m, 0, 0).ok()).flatten()
    });
    match parsed {
        Some(time) => Ok((time, end)),
        None => Err(HoursError::new(
            i,
            format!("\"{token}\" is not a time — write times as HH:MM, e.g. {example}"),
            format!("\"{token}\" — це не час; пишіть час як ГГ:ХХ, наприклад {example}"),
        )),
    }
}

// -- Weekly schedule and grouping -------------------------------------------

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

/// The Monday of the reference week used by [`Hours::weekly`].
fn reference_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date")
}

fn compute_weekly(expr: &OpeningHours) -> [Vec<(Time, Time)>; 7] {
    let monday = reference_monday();
    let from = monday.and_time(NaiveTime::MIN);
    let to = from + TimeDelta::days(7);
    let mut week: [Vec<(Time, Time)>; 7] = Default::default();
    for range in expr.iter_range(from, to) {
        if range.kind != RuleKind::Open {
            continue;
        }
        let (mut start, end) = (range.range.start, range.range.end);
        while start < end {
            let day = (start.date() - monday).num_days();
            let next_midnight = start.date().and_time(NaiveTime::MIN) + TimeDelta::days(1);
            let piece_end = end.min(next_midnight);
            let end_time = if piece_end == next_midnight {
                END_OF_DAY
            } else {
                from_naive_time(piece_end.time())
            };
            if let Some(slot) = usize::try_from(day).ok().and_then(|d| week.get_mut(d)) {
                slot.push((from_naive_time(start.time()), end_time));
            }
            start = piece_end;
        }
    }
    for day in &mut week {
        day.sort();
        // Merge touching intervals (the crate already merges equal states).
        let mut merged: Vec<(Time, Time)> = Vec::with_capacity(day.len());
        for &(s, e) in day.iter() {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *day = merged;
    }
    week
}

/// Open intervals of one day.
type Intervals = Vec<(Time, Time)>;

/// Open days grouped by identical intervals, in order of their first day.
fn day_groups(week: &[Intervals; 7]) -> Vec<(Vec<usize>, &Intervals)> {
    let mut groups: Vec<(Vec<usize>, &Intervals)> = Vec::new();
    for (day, intervals) in week.iter().enumerate() {
        if intervals.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, iv)| *iv == intervals) {
            Some((days, _)) => days.push(day),
            None => groups.push((vec![day], intervals)),
        }
    }
    groups
}

/// Runs of consecutive days: `[0, 1, 2, 4]` → `[(0, 2), (4, 4)]`.
fn day_runs(days: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == d => run.1 = d,
            _ => runs.push((d, d)),
        }
    }
    runs
}

/// «з понеділка по четвер», «у понеділок, середу та п'ятницю»,
/// «з понеділка по середу та у п'ятницю». Runs of two days are read as two
/// single days («у суботу та неділю»).
fn spoken_days(days: &[usize]) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut previous_single = false;
    for (a, b) in day_runs(days) {
        if b >= a + 2 {
            items.push(format!(
                "з {} по {}",
                UK_DAYS_GENITIVE[a], UK_DAYS_ACCUSATIVE[b]
            ));
            previous_single = false;
        } else {
            for name in &UK_DAYS_ACCUSATIVE[a..=b] {
                // Consecutive single days share one «у».
                items.push(if previous_single {
                    (*name).to_owned()
                } else {
                    format!("у {name}")
                });
                previous_single = true;
            }
        }
    }
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} та {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Subtracts the lunch window of every day from the open intervals.
fn subtract_lunch(
    open: &[(NaiveDateTime, NaiveDateTime)],
    lunch: &Lunch,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let (ls, le) = (to_naive_time(lunch.start), to_naive_time(lunch.end));
    let mut out = Vec::with_capacity(open.len() + 8);
    for &(start, end) in open {
        let mut cursor = start;
        let mut day = start.date();
        while cursor < end {
            let (w_start, w_end) = (day.and_time(ls), day.and_time(le));
            if w_start >= end {
                break;
            }
            if w_end > cursor {
                if w_start > cursor {
                    out.push((cursor, w_start));
                }
                cursor = cursor.max(w_end);
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        if cursor < end {
            out.push((cursor, end));
        }
    }
    out
}

// -- Formatting and conversions ---------------------------------------------

/// `09:05`, `24:00` for [`END_OF_DAY`].
fn hhmm(t: Time) -> String {
    if t == END_OF_DAY {
        "24:00".to_owned()
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

/// `9:05`, `24:00` for [`END_OF_DAY`].
fn h_mm(t: Time) -> String {
    if t == END_OF_DAY {
        "24:00".to_owned()
    } else {
        format!("{}:{:02}", t.hour(), t.minute())
    }
}

fn to_naive(at: DateTime) -> Option<NaiveDateTime> {
    let date = NaiveDate::from_ymd_opt(
        i32::from(at.year()),
        u32::try_from(at.month()).ok()?,
        u32::try_from(at.day()).ok()?,
    )?;
    Some(date.and_time(to_naive_time(at.time())))
}

fn to_naive_time(t: Time) -> NaiveTime {
    // Both types are always in range; the fallback is unreachable.
    NaiveTime::from_hms_nano_opt(
        t.hour().unsigned_abs().into(),
        t.minute().unsigned_abs().into(),
        t.second().unsigned_abs().into(),
        t.subsec_nanosecond().unsigned_abs(),
    )
    .unwrap_or(NaiveTime::MIN)
}

fn from_naive_time(t: NaiveTime) -> Time {
    // `hour()` etc. are < 24 / 60 / 60; nanoseconds may exceed 1e9 only on a
    // leap second, which the crate never produces.
    let narrow = |v: u32| i8::try_from(v).unwrap_or(0);
    Time::new(
        narrow(t.hour()),
        narrow(t.minute()),
        narrow(t.second()),
        i32::try_from(t.nanosecond().min(999_999_999)).unwrap_or(0),
    )
    .unwrap_or(Time::MIN)
}

fn from_chrono_weekday(w: chrono::Weekday) -> Weekday {
    match w {
        chrono::Weekday::Mon => Weekday::Monday,
        chrono::Weekday::Tue => Weekday::Tuesday,
        chrono::Weekday::Wed => Weekday::Wednesday,
        chrono::Weekday::Thu => Weekday::Thursday,
        chrono::Weekday::Fri => Weekday::Friday,
        chrono::Weekday::Sat => Weekday::Saturday,
        chrono::Weekday::Sun => Weekday::Sunday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    // -- parsing ------------------------------------------------------------

    #[test]
    fn all_documented_examples_parse() {
        for src in [
            "Пн-Чт 08:00-17:00; Пт 08:00-15:45",
            "Mo-Fr 09:00-18:00",
            "Пн,Вт,Чт 08:00-17:00; Ср 08:00-20:00; Пт 08:00-16:00; Сб 08:00-15:00",
            "Вт,Чт 09:00-12:00",
            "24/7",
            "Пн-Пт 08:00-20:00; Сб 09:00-18:00",
            "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
            "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
        ] {
            assert_eq!(hours(src).source(), src);
        }
    }

    #[test]
    fn ukrainian_lowercase_and_en_dash_mean_the_same_as_osm() {
        let osm = hours("Mo-Fr 09:00-18:00").weekly();
        for src in [
            "Пн-Пт 09:00-18:00",
            "пн-пт 09:00-18:00",
            "ПН-ПТ 09:00-18:00",
            "Пн–Пт 09:00–18:00",
            "Пн—Пт 09:00—18:00",
            "Пн-Пт\u{a0}09:00-18:00",
            "mo-fr 09:00-18:00",
        ] {
            assert_eq!(hours(src).weekly(), osm, "{src}");
        }
    }

    #[test]
    fn cyrillic_inside_a_comment_is_left_alone_and_shown() {
        let h = hours("Пн-Пт 09:00-18:00 \"прийом за записом, Сб - ні\"");
        assert!(!h.is_weekly());
        assert_eq!(
            h.display(Lang::Uk),
            "Пн–Пт 09:00–18:00 \"прийом за записом, Сб - ні\""
        );
    }

    #[test]
    fn hours_that_change_through_the_year_are_shown_as_written_not_as_one_week() {
        for (src, uk, en) in [
            (
                "Jun-Aug Mo 10:00-12:00",
                "Jun–Aug Пн 10:00–12:00",
                "Jun–Aug Mon 10:00–12:00",
            ),
            (
                "Пн[1] 10:00-12:00",
                "Пн[1] 10:00–12:00",
                "Mon[1] 10:00–12:00",
            ),
            (
                "week 1-53/2 Пн 10:00-12:00",
                "week 1–53/2 Пн 10:00–12:00",
                "week 1–53/2 Mon 10:00–12:00",
            ),
            ("Mo-Fr 10:00+", "Пн–Пт 10:00+", "Mon–Fri 10:00+"),
            (
                "Mo-Fr sunrise-sunset",
                "Пн–Пт sunrise–sunset",
                "Mon–Fri sunrise–sunset",
            ),
        ] {
            let h = hours(src);
            assert!(!h.is_weekly(), "{src}");
            assert_eq!(h.display(Lang::Uk), uk, "{src}");
            assert_eq!(h.display(Lang::En), en, "{src}");
            assert_eq!(h.spoken_uk(), uk, "{src}");
        }
    }

    #[test]
    fn a_plain_week_and_holiday_rules_are_weekly() {
        for src in [
            OFFICE,
            "24/7",
            "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
            "Пн-Пт 09:00-18:00; Сб 09:00-13:00",
            "Пт 22:00-02:00",
        ] {
            assert!(hours(src).is_weekly(), "{src}");
        }
    }

    #[test]
    fn unknown_day_points_at_the_word() {
        let e = error("Пон-Чт 09:00-18:00");
        assert_eq!(e.offset, 0);
        assert_eq!(
            e.message,
            "unknown day \"Пон\" — use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su"
        );
        assert_eq!(e.to_string(), e.message);

        let e = error("Mon-Fri 09:00-18:00");
        assert_eq!(e.offset, 0);
        assert!(
            e.message.starts_with("unknown day \"Mon\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn time_without_minutes() {
        let e = error("Пн-Чт 9-18");
        assert_eq!(e.offset, 6);
        assert!(
            e.message.contains("time \"9\" needs minutes"),
            "{}",
            e.message
        );
        assert!(e.message.contains("09:00-18:00"), "{}", e.message);

        let e = error("Пн-Пт 09:00-18");
        assert_eq!(e.offset, 12);
        assert!(e.message.contains("\"18\" needs minutes"), "{}", e.message);

        let e = error("Пн-Пт 0900-1800");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("\"0900\""), "{}", e.message);
    }

    #[test]
    fn hour_out_of_range_is_reported_at_the_time() {
        // The crate's grammar only accepts hours 00-23 at the start of a
        // range, so it fails at "25"; we name the time.
        let e = error("Пн-Пт 08:00-17:00; Сб 25:00-26:00");
        assert_eq!(e.offset, 22);
        assert!(
            e.message.contains("\"25:00\" is not a valid time"),
            "{}",
            e.message
        );

        let e = error("Пн-Пт 24:00-18:00");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("24:00 can only end"), "{}", e.message);
    }

    #[test]
    fn error_without_a_crate_position_still_points_at_the_time() {
        // Extended times go up to 48:00; the crate reports 48:30 without a position.
        let e = error("Mo-Fr 09:00-48:30");
        assert_eq!(e.offset, 12);
        assert!(e.message.contains("48:30"), "{}", e.message);
    }

    #[test]
    fn empty_hours() {
        for src in ["", "   "] {
            let e = error(src);
            assert_eq!(e.offset, 0);
            assert!(e.message.starts_with("hours are empty"), "{}", e.message);
            assert!(e.message.contains("24/7"), "{}", e.message);
        }
    }

    #[test]
    fn words_get_specific_hints() {
        let e = error("щодня");
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("\"щодня\""), "{}", e.message);
        assert!(e.message.contains("Пн-Нд 09:00-18:00"), "{}", e.message);

        let e = error("Пн-Пт 09:00-18:00 цілодобово");
        assert_eq!(e.offset, 18);
        assert!(e.message.contains("24/7"), "{}", e.message);

        let e = error("Пн-Пт 08:00-17:00 (перерва 13:00-14:00)");
        assert_eq!(e.offset, 19);
        assert!(e.message.contains("lunch"), "{}", e.message);

        let e = error("Пн-Пт з 9:00 до 18:00");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("\"з\""), "{}", e.message);

        let e = error("Сб-Нд вихідний");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("off"), "{}", e.message);
    }

    #[test]
    fn offsets_are_chars_not_bytes() {
        // "Пн-Пт 09:00-18:00; " is 19 chars but 23 bytes.
        let e = error("Пн-Пт 09:00-18:00; Вс off");
        assert_eq!(e.offset, 19);
        assert!(e.message.contains("\"Вс\""), "{}", e.message);
        assert!(e.message.contains("Нд"), "{}", e.message);

        // An en dash is 3 bytes; the crate's byte position is mapped back.
        let e = error("Пн–Пт 09:00–18:00; Сб 25:00-26:00");
        assert_eq!(e.offset, 22);
    }

    #[test]
    fn layout_mistakes() {
        let e = error("Пн-Пт 09:00-18:00;");
        assert_eq!(e.offset, 17, "points at the trailing separator");
        assert!(e.message.contains("final \";\""), "{}", e.message);

        let e = error("Пн-Пт  09:00-18:00");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("extra space"), "{}", e.message);

        let e = error("Пн - Пт 09:00-18:00");
        assert_eq!(e.offset, 3);
        assert!(
            e.message.contains("no spaces around \"-\""),
            "{}",
            e.message
        );

        let e = error("Пн Пт 10:00-12:00");
        assert_eq!(e.offset, 3);
        assert!(
            e.message.contains("day \"Пт\" is out of place"),
            "{}",
            e.message
        );

        let e = error("Пн-Пт 10:00-12:00 Сб 10:00-12:00");
        assert_eq!(e.offset, 18);
        assert!(e.message.contains("put \";\" before it"), "{}", e.message);

        let e = error("Пн-Пт 09.00-18.00");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("colon"), "{}", e.message);

        let e = error("Пн-Пт 09:00-18:00; ph off");
        assert_eq!(e.offset, 19);
        assert!(e.message.contains("capitals: PH"), "{}", e.message);

        let e = error("ПH-Пт 09:00-18:00"); // Latin H
        assert_eq!(e.offset, 0);
        assert!(
            e.message.contains("mixes Cyrillic and Latin"),
            "{}",
            e.message
        );
    }

    // -- lunch --------------------------------------------------------------

    #[test]
    fn lunch_parses_and_displays() {
        for src in ["13:00-13:45", "13:00–13:45", " 13:00 - 13:45 "] {
            let l = parse_lunch(src).unwrap();
            assert_eq!((l.start, l.end), (t(13, 0), t(13, 45)), "{src}");
            assert_eq!(l.display(), "13:00–13:45");
            assert_eq!(l.spoken_uk(), "з 13:00 до 13:45");
        }
        let l = parse_lunch("9:30-10:00").unwrap();
        assert_eq!(l.display(), "09:30–10:00");
        assert_eq!(l.spoken_uk(), "з 9:30 до 10:00");
    }

    #[test]
    fn lunch_errors() {
        let e = parse_lunch("13:45-13:00").unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(
            e.message.contains("ends (13:00) before it starts (13:45)"),
            "{}",
            e.message
        );

        let e = parse_lunch("13:00-13:00").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(
            e.message.contains("starts and ends at 13:00"),
            "{}",
            e.message
        );

        let e = parse_lunch("13-14").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("\"13\" needs minutes"), "{}", e.message);

        let e = parse_lunch("").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("empty"), "{}", e.message);

        let e = parse_lunch("13:00").unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(e.message.contains("no end time"), "{}", e.message);

        let e = parse_lunch("13:00-25:00").unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("\"25:00\""), "{}", e.message);

        let e = parse_lunch("13:00-13:45, 15:00-15:15").unwrap_err();
        assert_eq!(e.offset, 11);

        let e = parse_lunch("обід 13:00-13:45").unwrap_err();
        assert_eq!(e.offset, 0);
    }

    // -- Ukrainian messages --------------------------------------------------

    fn error_uk(src: &str) -> String {
        error(src).message_in(Lang::Uk).to_owned()
    }

    #[test]
    fn ukrainian_message_for_an_unknown_day() {
        let e = error("Пон-Чт 09:00-18:00");
        assert_eq!(
            e.message_in(Lang::Uk),
            "невідомий день \"Пон\" — пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su"
        );
        assert_eq!(e.message_in(Lang::En), e.message);
        // Display stays English for logs and `?` at the edges.
        assert_eq!(e.to_string(), e.message);
        assert_eq!(
            error_uk("Пн-Пт 09:00-18:00; Вс off"),
            "невідомий день \"Вс\" — неділя позначається Нд; пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su"
        );
    }

    #[test]
    fn ukrainian_message_for_a_time_without_minutes_shows_the_fix() {
        let e = error("Пн-Чт 9-18");
        assert_eq!(e.offset, 6);
        assert_eq!(
            e.message_in(Lang::Uk),
            "час без хвилин — пишіть 09:00, а не 9"
        );
        let e = error("Пн-Пт 09:00-18");
        assert_eq!(e.message_uk, "час без хвилин — пишіть 18:00, а не 18");
        let e = error("Пн-Пт 0900-1800");
        assert_eq!(e.offset, 6);
        assert_eq!(e.message_uk, "час без двокрапки — пишіть 09:00, а не 0900");
        let e = parse_lunch("13-14").unwrap_err();
        assert_eq!(e.message_uk, "час без хвилин — пишіть 13:00, а не 13");
        // No correction is offered when the digits are not a time.
        let e = error("Пн-Пт 2500-1800");
        assert_eq!(
            e.message_uk,
            "час \"2500\" без хвилин — пишіть час як ГГ:ХХ, наприклад 09:00-18:00"
        );
    }

    #[test]
    fn with_colon_only_suggests_valid_times() {
        assert_eq!(with_colon("9").as_deref(), Some("09:00"));
        assert_eq!(with_colon("18").as_deref(), Some("18:00"));
        assert_eq!(with_colon("930").as_deref(), Some("09:30"));
        assert_eq!(with_colon("1345").as_deref(), Some("13:45"));
        assert_eq!(with_colon("24").as_deref(), Some("24:00"));
        assert_eq!(with_colon("25"), None);
        assert_eq!(with_colon("0960"), None);
        assert_eq!(with_colon("12345"), None);
        assert_eq!(with_colon(""), None);
    }

    #[test]
    fn ukrainian_message_for_words_like_z_and_do() {
        let e = error("Пн-Пт з 9:00 до 18:00");
        assert_eq!(e.offset, 6);
        assert_eq!(
            e.message_uk,
            "слово \"з\" тут зайве — пишіть дні й час без слів, наприклад Пн-Пт 09:00-18:00"
        );
        assert_eq!(
            error_uk("Пн-Пт 09:00-18:00 цілодобово"),
            "замість \"цілодобово\" пишіть 24/7"
        );
    }

    #[test]
    fn ukrainian_message_for_a_trailing_semicolon() {
        let e = error("Пн-Пт 09:00-18:00;");
        assert_eq!(e.offset, 17);
        assert_eq!(
            e.message_uk,
            "після останнього \";\" нічого немає — приберіть його або допишіть після нього ще одне правило"
        );
    }

    #[test]
    fn ukrainian_messages_for_layout_mistakes() {
        assert_eq!(
            error_uk("Пн - Пт 09:00-18:00"),
            "між днями пишіть \"-\" без пробілів: Пн-Пт"
        );
        assert_eq!(
            error_uk("Пн-Пт  09:00-18:00"),
            "зайвий пробіл — між днями й часом ставте один пробіл"
        );
        assert!(
            error_uk("Пн-Пт 10:00-12:00 Сб 10:00-12:00")
                .starts_with("день \"Сб\" починає нове правило — поставте перед ним \";\""),
        );
        assert_eq!(
            parse_lunch("13:45-13:00").unwrap_err().message_uk,
            "обідня перерва закінчується (13:00) раніше, ніж починається (13:45) — спершу пишіть раніший час, наприклад 13:00-13:45"
        );
    }

    /// Every error kind the tests above exercise has a Ukrainian message with no
    /// English prose left in it.
    #[test]
    fn every_error_has_a_ukrainian_message() {
        const HOURS: &[&str] = &[
            "",
            "   ",
            "Пон-Чт 09:00-18:00",
            "Mon-Fri 09:00-18:00",
            "Пн-Чт 9-18",
            "Пн-Пт 09:00-18",
            "Пн-Пт 0900-1800",
            "Пн-Пт 08:00-17:00; Сб 25:00-26:00",
            "Пн-Пт 24:00-18:00",
            "Mo-Fr 09:00-48:30",
            "щодня",
            "Пн-Пт 09:00-18:00 цілодобово",
            "Пн-Пт 08:00-17:00 (перерва 13:00-14:00)",
            "Пн-Пт з 9:00 до 18:00",
            "Сб-Нд вихідний",
            "Пн-Пт 09:00-18:00; Вс off",
            "Пн-Пт 09:00-18:00;",
            "Пн-Пт 09:00-18:00,",
            "Пн-Пт 09:00-",
            "Пн-Пт  09:00-18:00",
            "Пн - Пт 09:00-18:00",
            "Пн Пт 10:00-12:00",
            "Пн-Пт 10:00-12:00 Сб 10:00-12:00",
            "Пн-Пт 09.00-18.00",
            "Пн-Пт 09:00-18:00; ph off",
            "ПH-Пт 09:00-18:00",
            "Пн-Пт 09:00-18:00 off off",
            "Пн-Пт 09:00-18:00 прийом",
            "Пн-Пт 09:00-18:00 @",
            "Пн-Пт 09:00-18:00 Пт",
        ];
        const LUNCH: &[&str] = &[
            "",
            "13:45-13:00",
            "13:00-13:00",
            "13-14",
            "13:00",
            "13:00-",
            "13:00 13:45",
            "13:00-25:00",
            "13:00-13:45, 15:00-15:15",
            "обід 13:00-13:45",
            "13:00-13:4",
        ];
        let errors = HOURS.iter().map(|src| (*src, error(src))).chain(
            LUNCH
                .iter()
                .map(|src| (*src, parse_lunch(src).unwrap_err())),
        );
        for (src, e) in errors {
            let uk = &e.message_uk;
            assert!(
                uk.chars().any(|c| ('а'..='я').contains(&c)),
                "{src:?}: {uk}"
            );
            for english in [
                "write",
                "expected",
                "unexpected",
                "the ",
                " or ",
                "e.g.",
                "use ",
                "day ",
                "time",
                "needs",
                "is not",
            ] {
                assert!(!uk.contains(english), "{src:?}: {english:?} in {uk}");
            }
            assert_ne!(uk, &e.message, "{src:?}");
        }
    }

    // -- weekly -------------------------------------------------------------

    #[test]
    fn weekly_keeps_split_intervals() {
        let week = hours("Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off").weekly();
        let split = vec![(t(8, 0), t(13, 0)), (t(13, 45), t(17, 0))];
        assert_eq!(week[0], split);
        assert_eq!(week[3], split);
        assert_eq!(week[4], vec![(t(8, 0), t(15, 45))]);
        assert!(week[5].is_empty() && week[6].is_empty());
    }

    #[test]
    fn weekly_splits_overnight_intervals_at_midnight() {
        let week = hours("Пт 22:00-02:00; Нд 23:00-01:00").weekly();
        assert_eq!(week[4], vec![(t(22, 0), END_OF_DAY)]);
        assert_eq!(week[5], vec![(t(0, 0), t(2, 0))]);
        assert_eq!(week[6], vec![(t(23, 0), END_OF_DAY)]);
        // Sunday night spills into Monday of the same regular week.
        assert_eq!(week[0], vec![(t(0, 0), t(1, 0))]);
    }

    #[test]
    fn round_the_clock() {
        for src in ["24/7", "Mo-Su 00:00-24:00", "Пн-Нд 00:00-24:00"] {
            let h = hours(src);
            assert!(h.is_24_7(), "{src}");
            assert_eq!(h.display(Lang::Uk), "цілодобово");
            assert_eq!(h.display(Lang::En), "24/7");
            assert_eq!(h.spoken_uk(), "цілодобово");
            assert!(h.weekly().iter().all(|d| d == &[(Time::MIN, END_OF_DAY)]));
        }
        assert!(!hours("Пн-Сб 00:00-24:00").is_24_7());
        assert!(!hours("Пн-Нд 08:00-20:00").is_24_7());
    }

    // -- display ------------------------------------------------------------

    #[test]
    fn display_groups_days() {
        let cases = [
            (
                "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
                "Пн–Чт 09:00–18:00, Пт 09:00–16:45",
                "Mon–Thu 09:00–18:00, Fri 09:00–16:45",
            ),
            (
                "Пн-Чт 08:00-17:00; Пт 08:00-15:45",
                "Пн–Чт 08:00–17:00, Пт 08:00–15:45",
                "Mon–Thu 08:00–17:00, Fri 08:00–15:45",
            ),
            (
                "Пн,Вт,Чт 08:00-17:00; Ср 08:00-20:00; Пт 08:00-16:00; Сб 08:00-15:00",
                "Пн, Вт, Чт 08:00–17:00, Ср 08:00–20:00, Пт 08:00–16:00, Сб 08:00–15:00",
                "Mon, Tue, Thu 08:00–17:00, Wed 08:00–20:00, Fri 08:00–16:00, Sat 08:00–15:00",
            ),
            (
                "Вт,Чт 09:00-12:00",
                "Вт, Чт 09:00–12:00",
                "Tue, Thu 09:00–12:00",
            ),
            (
                "Пн-Пт 08:00-20:00; Сб 09:00-18:00",
                "Пн–Пт 08:00–20:00, Сб 09:00–18:00",
                "Mon–Fri 08:00–20:00, Sat 09:00–18:00",
            ),
            (
                "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
                "Пн–Чт 08:00–13:00, 13:45–17:00, Пт 08:00–15:45",
                "Mon–Thu 08:00–13:00, 13:45–17:00, Fri 08:00–15:45",
            ),
            (
                "Пн,Ср,Пт 09:00-13:00",
                "Пн, Ср, Пт 09:00–13:00",
                "Mon, Wed, Fri 09:00–13:00",
            ),
            (
                "Пн-Нд 09:00-18:00",
                "Пн–Нд 09:00–18:00",
                "Mon–Sun 09:00–18:00",
            ),
            (
                "Сб-Нд 10:00-14:00",
                "Сб, Нд 10:00–14:00",
                "Sat, Sun 10:00–14:00",
            ),
            (
                "Пн-Пт 09:00-18:00; Сб 00:00-24:00",
                "Пн–Пт 09:00–18:00, Сб 00:00–24:00",
                "Mon–Fri 09:00–18:00, Sat 00:00–24:00",
            ),
            ("Пн-Пт off", "зачинено", "closed"),
        ];
        for (src, uk, en) in cases {
            let h = hours(src);
            assert_eq!(h.display(Lang::Uk), uk, "{src}");
            assert_eq!(h.display(Lang::En), en, "{src}");
            assert_eq!(h.display(Lang::default()), uk, "Ukrainian is the default");
        }
    }

    #[test]
    fn spoken_ukrainian() {
        let cases = [
            (
                "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
                "з понеділка по четвер з 9:00 до 18:00, у п'ятницю з 9:00 до 16:45",
            ),
            (
                "Mo-Fr 09:00-18:00",
                "з понеділка по п'ятницю з 9:00 до 18:00",
            ),
            ("Пн-Нд 09:00-18:00", "щодня з 9:00 до 18:00"),
            (
                "Пн,Ср,Пт 09:00-13:00",
                "у понеділок, середу та п'ятницю з 9:00 до 13:00",
            ),
            ("Вт,Чт 09:00-12:00", "у вівторок та четвер з 9:00 до 12:00"),
            (
                "Пн-Ср,Пт 10:00-12:00",
                "з понеділка по середу та у п'ятницю з 10:00 до 12:00",
            ),
            (
                "Пн,Ср-Пт 10:00-12:00",
                "у понеділок та з середи по п'ятницю з 10:00 до 12:00",
            ),
            ("Сб-Нд 10:00-14:00", "у суботу та неділю з 10:00 до 14:00"),
            ("Вт-Чт 10:00-12:00", "з вівторка по четвер з 10:00 до 12:00"),
            ("Чт-Сб 10:00-12:00", "з четверга по суботу з 10:00 до 12:00"),
            ("Пт-Нд 10:00-12:00", "з п'ятниці по неділю з 10:00 до 12:00"),
            (
                "Пн-Ср 10:00-12:00",
                "з понеділка по середу з 10:00 до 12:00",
            ),
            ("Ср-Пт 10:00-12:00", "з середи по п'ятницю з 10:00 до 12:00"),
            ("Сб 10:00-12:00", "у суботу з 10:00 до 12:00"),
            ("Нд 10:00-12:00", "у неділю з 10:00 до 12:00"),
            ("Вт 10:00-12:00", "у вівторок з 10:00 до 12:00"),
            ("Ср 10:00-12:00", "у середу з 10:00 до 12:00"),
            ("Чт 10:00-12:00", "у четвер з 10:00 до 12:00"),
            (
                "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
                "з понеділка по четвер з 8:00 до 13:00 та з 13:45 до 17:00, у п'ятницю з 8:00 до 15:45",
            ),
            (
                "Пн-Пт 09:00-18:00; Сб 00:00-24:00",
                "з понеділка по п'ятницю з 9:00 до 18:00, у суботу цілодобово",
            ),
            ("24/7", "цілодобово"),
        ];
        for (src, spoken) in cases {
            assert_eq!(hours(src).spoken_uk(), spoken, "{src}");
        }
    }

    // -- state --------------------------------------------------------------

    #[test]
    fn typical_office_with_lunch() {
        let h = hours(OFFICE);
        let l = lunch();
        let state = |w, hh, mm| h.state_at(Some(&l), at(w, hh, mm));

        // `until` is the next change: lunch comes before closing time.
        assert_eq!(
            state(Weekday::Monday, 10, 0),
            OpenState::Open {
                until: Some(t(13, 0))
            }
        );
        assert_eq!(
            state(Weekday::Monday, 13, 0),
            OpenState::Lunch { until: t(13, 45) }
        );
        assert_eq!(
            state(Weekday::Monday, 13, 10),
            OpenState::Lunch { until: t(13, 45) }
        );
        assert_eq!(
            state(Weekday::Monday, 13, 45),
            OpenState::Open {
                until: Some(t(17, 0))
            }
        );
        assert_eq!(
            state(Weekday::Monday, 7, 59),
            OpenState::Closed {
                opens: Some((Weekday::Monday, t(8, 0)))
            }
        );
        assert_eq!(
            state(Weekday::Monday, 17, 0),
            OpenState::Closed {
                opens: Some((Weekday::Tuesday, t(8, 0)))
            }
        );
        assert_eq!(
            state(Weekday::Friday, 15, 0),
            OpenState::Open {
                until: Some(t(15, 45))
            }
        );
        for (w, hh, mm) in [
            (Weekday::Friday, 16, 0),
            (Weekday::Saturday, 10, 0),
            (Weekday::Saturday, 13, 10),
            (Weekday::Sunday, 23, 59),
        ] {
            assert_eq!(
                state(w, hh, mm),
                OpenState::Closed {
                    opens: Some((Weekday::Monday, t(8, 0)))
                },
                "{w:?} {hh}:{mm}"
            );
        }

        // Without the lunch break the crate's own intervals decide.
        assert_eq!(
            h.state_at(None, at(Weekday::Monday, 10, 0)),
            OpenState::Open {
                until: Some(t(17, 0))
            }
        );
        assert_eq!(
            h.state_at(None, at(Weekday::Monday, 13, 10)),
            OpenState::Open {
                until: Some(t(17, 0))
            }
        );
    }

    #[test]
    fn state_is_exact_to_the_second() {
        let h = hours(OFFICE);
        let just_before = at(Weekday::Monday, 12, 59)
            .with()
            .second(59)
            .subsec_nanosecond(500_000_000)
            .build()
            .unwrap();
        assert_eq!(
            h.state_at(Some(&lunch()), just_before),
            OpenState::Open {
                until: Some(t(13, 0))
            }
        );
    }

    #[test]
    fn round_the_clock_is_open_without_end() {
        let h = hours("24/7");
        assert_eq!(
            h.state_at(None, at(Weekday::Sunday, 3, 0)),
            OpenState::Open { until: None }
        );
        // A lunch break is honoured even on a 24/7 line.
        assert_eq!(
            h.state_at(Some(&lunch()), at(Weekday::Sunday, 13, 30)),
            OpenState::Lunch { until: t(13, 45) }
        );
        assert_eq!(
            h.state_at(Some(&lunch()), at(Weekday::Sunday, 12, 0)),
            OpenState::Open {
                until: Some(t(13, 0))
            }
        );
        // Open all week days: the next change is days away.
        assert_eq!(
            hours("Пн-Пт 00:00-24:00").state_at(None, at(Weekday::Monday, 10, 0)),
            OpenState::Open { until: None }
        );
    }

    #[test]
    fn lunch_that_runs_past_closing_time_is_closed() {
        let h = hours("Пн-Пт 09:00-18:00; Сб 09:00-13:30");
        let l = lunch();
        assert_eq!(
            h.state_at(Some(&l), at(Weekday::Saturday, 12, 0)),
            OpenState::Open {
                until: Some(t(13, 0))
            }
        );
        assert_eq!(
            h.state_at(Some(&l), at(Weekday::Saturday, 13, 10)),
            OpenState::Closed {
                opens: Some((Weekday::Monday, t(9, 0)))
            }
        );
    }

    #[test]
    fn split_hours_without_lunch_field() {
        let h = hours("Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off");
        assert_eq!(
            h.state_at(None, at(Weekday::Monday, 13, 10)),
            OpenState::Closed {
                opens: Some((Weekday::Monday, t(13, 45)))
            }
        );
    }

    #[test]
    fn overnight_hours() {
        let h = hours("Пт 22:00-02:00");
        assert_eq!(
            h.state_at(None, at(Weekday::Friday, 23, 0)),
            OpenState::Open {
                until: Some(t(2, 0))
            }
        );
        assert_eq!(
            h.state_at(None, at(Weekday::Saturday, 1, 0)),
            OpenState::Open {
                until: Some(t(2, 0))
            }
        );
        assert_eq!(
            h.state_at(None, at(Weekday::Saturday, 2, 0)),
            OpenState::Closed {
                opens: Some((Weekday::Friday, t(22, 0)))
            }
        );
    }

    #[test]
    fn public_holidays_are_not_applied() {
        // 24 August 2026 (Independence Day) is a Monday; `PH off` never matches.
        let day = date(2026, 8, 24);
        assert_eq!(day.weekday(), Weekday::Monday);
        let h = hours("Mo-Fr 09:00-18:00; PH off");
        assert_eq!(
            h.state_at(None, day.at(10, 0, 0, 0)),
            OpenState::Open {
                until: Some(t(18, 0))
            }
        );
    }

    #[test]
    fn closed_without_an_opening_in_the_next_week() {
        assert_eq!(
            hours("Пн-Пт off").state_at(None, at(Weekday::Monday, 10, 0)),
            OpenState::Closed { opens: None }
        );
        // Only open in January: nothing within 7 days of late November.
        assert_eq!(
            hours("Jan Mo-Fr 10:00-12:00").state_at(None, at(Weekday::Monday, 10, 0)),
            OpenState::Closed { opens: None }
        );
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let h = hours(OFFICE);
        for dt in [
            DateTime::MIN,
            DateTime::MAX,
            date(1899, 12, 31).at(12, 0, 0, 0),
        ] {
            let _ = h.state_at(Some(&lunch()), dt);
        }
        assert_eq!(
            h.state_at(None, DateTime::MIN),
            OpenState::Closed { opens: None }
        );
    }

    // -- properties ---------------------------------------------------------

    fn check_parse(src: &str) {
        match parse(src) {
            Ok(h) => {
                let _ = (h.display(Lang::Uk), h.display(Lang::En), h.spoken_uk());
                let _ = h.state_at(Some(&lunch()), at(Weekday::Wednesday, 13, 30));
                for day in h.weekly() {
                    assert!(day.windows(2).all(|w| w[0].1 < w[1].0), "sorted, disjoint");
                    assert!(day.iter().all(|(s, e)| s < e));
                }
            }
            Err(e) => assert!(
                e.offset <= src.chars().count(),
                "offset {} beyond {src:?}",
                e.offset
            ),
        }
        if let Err(e) = parse_lunch(src) {
            assert!(e.offset <= src.chars().count());
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_any_text(src in "\\PC{0,60}") {
            check_parse(&src);
        }

        #[test]
        fn parse_never_panics_on_hours_like_text(
            src in "[ПнВтСрЧтПтСбНдMoTuWeFrSaSuPHoff0-9:;,\\-–— \"/+]{0,40}"
        ) {
            check_parse(&src);
        }

        #[test]
        fn state_at_never_panics(
            idx in 0usize..4,
            y in 1i16..=9999, mo in 1i8..=12, d in 1i8..=28,
            h in 0i8..=23, mi in 0i8..=59,
            with_lunch in any::<bool>(),
        ) {
            let src = [OFFICE, "24/7", "Пт 22:00-02:00", "Mo-Th 08:00-13:00,13:45-17:00; PH off"][idx];
            let hrs = hours(src);
            let l = lunch();
            let state = hrs.state_at(with_lunch.then_some(&l), date(y, mo, d).at(h, mi, 0, 0));
            if !with_lunch {
                let in_lunch = matches!(state, OpenState::Lunch { .. });
                prop_assert!(!in_lunch, "lunch state without a lunch break");
            }
        }
    }
}

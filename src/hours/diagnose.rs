//! Normalisation of the hours text for the crate (Ukrainian day names, typographic dashes) and
//! the diagnosis of everything it cannot read: an offset into the original string and a message
//! that says what is wrong and how to fix it.

use std::str::FromStr;

use jiff::civil::Time;
use opening_hours::OpeningHours;

use super::error::{
    Expect, Expected, HoursError, PlacedWord, Problem, SyntaxProblem, TimeProblem, ValueProblem,
    WordProblem,
};
use super::week::{OSM_DAYS, UK_DAYS_INPUT};

/// The crate's parse error type (`opening_hours_syntax::Error`), named through
/// `FromStr` so that we do not need a direct dependency on the syntax crate.
type SyntaxError = <OpeningHours as FromStr>::Err;

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '−')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘' | '´')
}

/// Maps Ukrainian day names to OSM ones and typographic dashes / no-break
/// spaces to ASCII, one char for one char, outside `"comments"`. Rejects any
/// other Cyrillic word with a specific message.
pub(super) fn normalize(src: &str) -> Result<String, HoursError> {
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
    let word = word.to_owned();
    let problem = if has_ascii && has_other {
        WordProblem::MixedScripts(word)
    } else if matches!(
        lower.as_str(),
        "щодня" | "щоденно" | "кожного" | "кожен" | "щоднини"
    ) {
        WordProblem::EveryDay(word)
    } else if lower.starts_with("цілодоб") || lower == "доба" {
        WordProblem::RoundTheClock(word)
    } else if lower.starts_with("вихідн")
        || matches!(lower.as_str(), "зачинено" | "закрито" | "не" | "працює")
    {
        WordProblem::Closed(word)
    } else if lower.starts_with("перерв") || lower.starts_with("обід") {
        WordProblem::Break(word)
    } else if lower == "вс" || lower.starts_with("воскр") {
        WordProblem::Sunday(word)
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
        WordProblem::Filler(word)
    } else if looks_like_day(&lower) {
        WordProblem::UnknownDay(word)
    } else {
        WordProblem::Unknown(word)
    };
    HoursError::new(offset, problem)
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

/// Turns a crate parse error into an offset in the original string and what is wrong there.
pub(super) fn diagnose(src: &str, normalized: &str, err: &SyntaxError) -> HoursError {
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
            diagnose_at(&chars, offset, expected)
        }
        other => {
            // Errors without a position (numbers out of range, inverted ranges…).
            let (offset, value) = match other {
                SyntaxError::InvalidExtendedTime { hour, minutes } => {
                    let needle = format!("{hour:02}:{minutes:02}");
                    let offset = find_char_offset(normalized, &needle).unwrap_or(0);
                    (offset, ValueProblem::Time(needle))
                }
                SyntaxError::Overflow {
                    value,
                    expected_bounds,
                } => (
                    0,
                    ValueProblem::Overflow {
                        value: value.to_string(),
                        min: expected_bounds.start().to_string(),
                        max: expected_bounds.end().to_string(),
                    },
                ),
                // Rare and technical (year/week ranges, unsupported features):
                // the crate's own English wording is the most precise we have.
                _ => (0, ValueProblem::Other),
            };
            HoursError::new(
                offset,
                Problem::Value {
                    detail: other.to_string(),
                    value,
                },
            )
        }
    }
}

fn find_char_offset(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .find(needle)
        .map(|byte| haystack[..byte].chars().count())
}

/// What the grammar rules the crate expected at the error mean to a maintainer, most useful
/// first.
fn describe_expected(rules: &[String]) -> Expected {
    const WORDS: [(&[&str], Expect); 4] = [
        (
            &[
                "timespan",
                "time_selector",
                "time",
                "extended_time",
                "hour_minutes",
            ],
            Expect::TimeRange,
        ),
        (
            &[
                "wday",
                "weekday_selector",
                "weekday_range",
                "weekday_sequence",
            ],
            Expect::Day,
        ),
        (&["any_rule_separator"], Expect::Separator),
        (&["rules_modifier"], Expect::Modifier),
    ];
    Expected(
        WORDS
            .iter()
            .filter(|(names, _)| rules.iter().any(|r| names.contains(&r.as_str())))
            .map(|(_, e)| *e)
            .collect(),
    )
}

/// Looks at what the original string has at `offset` and explains it.
fn diagnose_at(chars: &[char], offset: usize, expected: Expected) -> HoursError {
    let Some(&c) = chars.get(offset) else {
        // The input ended too early.
        let last = chars.iter().rposition(|c| !c.is_whitespace());
        return match last.map(|i| chars[i]) {
            Some(sep @ (';' | ',')) => HoursError::new(
                last.unwrap_or(offset),
                SyntaxProblem::TrailingSeparator(sep),
            ),
            _ => HoursError::new(offset, SyntaxProblem::EndsEarly(expected)),
        };
    };
    if c.is_ascii_digit() || c == ':' || c == '.' {
        return time_at(chars, offset, expected);
    }
    if c == ' ' {
        return HoursError::new(offset, space_at(chars, offset, expected));
    }
    if is_dash(c) && offset > 0 && chars[offset - 1] == ' ' {
        return HoursError::new(offset, SyntaxProblem::SpacedDash);
    }
    if c.is_alphabetic() {
        return word_at(chars, offset, expected);
    }
    HoursError::new(offset, SyntaxProblem::UnexpectedChar(c, expected))
}

/// The error at a time (digits, `:` or `.`).
fn time_at(chars: &[char], offset: usize, expected: Expected) -> HoursError {
    let mut start = offset;
    while start > 0 && is_time_char(chars[start - 1]) {
        start -= 1;
    }
    let mut end = offset;
    while end < chars.len() && is_time_char(chars[end]) {
        end += 1;
    }
    let token: String = chars[start..end].iter().collect();
    if let Some(problem) = explain_time_token(&token, "09:00-18:00") {
        return HoursError::new(start, problem);
    }
    HoursError::new(offset, SyntaxProblem::UnexpectedToken(token, expected))
}

/// The error at a space.
fn space_at(chars: &[char], offset: usize, expected: Expected) -> SyntaxProblem {
    let prev = chars[..offset].iter().rev().find(|c| **c != ' ');
    let next = chars[offset..].iter().find(|c| **c != ' ');
    if chars.get(offset + 1) == Some(&' ') || offset > 0 && chars[offset - 1] == ' ' {
        SyntaxProblem::ExtraSpace
    } else if next.is_some_and(|c| is_dash(*c)) || prev.is_some_and(|c| is_dash(*c)) {
        SyntaxProblem::SpacedDash
    } else {
        SyntaxProblem::UnexpectedSpace(expected)
    }
}

/// The error at a word the grammar did not expect there.
fn word_at(chars: &[char], offset: usize, expected: Expected) -> HoursError {
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
    let problem: Problem = if is_day && after_time {
        PlacedWord::DayStartsRule(word).into()
    } else if is_day {
        PlacedWord::DayOutOfPlace(word).into()
    } else if (lower == "ph" || lower == "sh") && word != word.to_uppercase() {
        PlacedWord::Lowercase(word).into()
    } else if is_osm_keyword(&lower) {
        PlacedWord::KeywordOutOfPlace(word, expected).into()
    } else if looks_like_day(&lower) {
        WordProblem::UnknownDay(word).into()
    } else {
        PlacedWord::Unexpected(word, expected).into()
    };
    HoursError::new(start, problem)
}

fn is_time_char(c: char) -> bool {
    c.is_ascii_digit() || c == ':' || c == '.'
}

/// What is wrong with a malformed time such as `9`, `0900`, `09.00` or `25:00`.
fn explain_time_token(token: &str, example: &'static str) -> Option<TimeProblem> {
    if token.contains('.') && token.chars().any(|c| c.is_ascii_digit()) {
        return Some(TimeProblem::Dotted(token.to_owned()));
    }
    if !token.contains(':') {
        return Some(TimeProblem::NoMinutes {
            token: token.to_owned(),
            fixed: with_colon(token),
            example,
        });
    }
    let (h, m) = token.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if h == 24 && m == 0 {
        return Some(TimeProblem::StartsAt24);
    }
    if h > 23 || m > 59 {
        return Some(TimeProblem::OutOfRange(token.to_owned()));
    }
    None
}

/// `9` → `09:00`, `18` → `18:00`, `900` → `09:00`, `0900` → `09:00`; `None`
/// when the digits do not make a valid time.
pub(super) fn with_colon(token: &str) -> Option<String> {
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
pub(super) fn read_time(
    chars: &[char],
    i: usize,
    example: &'static str,
) -> Result<(Time, usize), HoursError> {
    let mut end = i;
    while end < chars.len() && is_time_char(chars[end]) {
        end += 1;
    }
    let token: String = chars[i..end].iter().collect();
    if token.is_empty() {
        return Err(HoursError::new(i, TimeProblem::Expected(chars[i], example)));
    }
    if let Some(problem) = explain_time_token(&token, example) {
        return Err(HoursError::new(i, problem));
    }
    let parsed = token.split_once(':').and_then(|(h, m)| {
        let ok = (1..=2).contains(&h.len()) && m.len() == 2;
        let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
        ok.then(|| Time::new(h, m, 0, 0).ok()).flatten()
    });
    match parsed {
        Some(time) => Ok((time, end)),
        None => Err(HoursError::new(i, TimeProblem::NotATime(token, example))),
    }
}

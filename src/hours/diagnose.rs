//! Normalisation of the hours text for the crate (Ukrainian day names, typographic dashes) and
//! the diagnosis of everything it cannot read: an offset into the original string and a message
//! that says what is wrong and how to fix it.

use std::str::FromStr;

use jiff::civil::Time;
use opening_hours::OpeningHours;

use super::week::{OSM_DAYS, UK_DAYS_INPUT};
use crate::i18n::Lang;

const DAY_HINT: &str = "use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su";
const DAYS_UK: &str = "Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
const DAY_HINT_UK: &str = "пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
pub(super) const EXAMPLE: &str = "Пн-Пт 09:00-18:00";

/// The crate's parse error type (`opening_hours_syntax::Error`), named through
/// `FromStr` so that we do not need a direct dependency on the syntax crate.
type SyntaxError = <OpeningHours as FromStr>::Err;

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
    pub(super) fn new(
        offset: usize,
        message: impl Into<String>,
        message_uk: impl Into<String>,
    ) -> Self {
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
#[allow(clippy::too_many_lines)] // one decision table over what stands at the error; it shrinks when messages become typed variants
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
    example: &str,
) -> Result<(Time, usize), HoursError> {
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

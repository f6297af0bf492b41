//! A field's text as the form shows it, from the value in the file, and the value written back
//! from what was typed. What cannot be read as the kind asks (a word no choice has, «50.2;x»
//! for coordinates) is written as typed, so the loader's own check says what is wrong with it
//! beside the field, as `validate` would.

use super::fields::{Kind, choices_of, find_choice};
use crate::i18n::Lang;
use crate::maintain::edit::FieldValue;
use toml_edit::{Item, Value};

/// A value's text as written in the file, for what the form has no better reading of.
fn raw(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// A string field's text, or the value as written when it is not a string.
pub(super) fn string_text(item: Option<&Item>) -> String {
    match item.and_then(Item::as_value) {
        Some(Value::String(s)) => s.value().clone(),
        Some(v) => raw(v),
        None => String::new(),
    }
}

/// A list of strings' items; other values as written.
pub(super) fn list_items(item: Option<&Item>) -> Vec<String> {
    match item.and_then(Item::as_array) {
        Some(a) => a
            .iter()
            .map(|v| v.as_str().map_or_else(|| raw(v), str::to_string))
            .collect(),
        None => string_text(item)
            .split('\n')
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// How a one-line field of `kind` shows the value `item` in `lang`.
pub(super) fn shown(kind: Kind, item: Option<&Item>, lang: Lang) -> String {
    let Some(v) = item.and_then(Item::as_value) else {
        return String::new();
    };
    let word = |code: &str| {
        find_choice(choices_of(kind), code)
            .filter(|c| c.code == code)
            .map(|c| lang.pick(c.word.0, c.word.1).to_string())
    };
    match (kind, v) {
        (Kind::Choice(_) | Kind::Serves, Value::String(s)) => {
            word(s.value()).unwrap_or_else(|| s.value().clone())
        }
        (Kind::YesNo, Value::Boolean(b)) => word(&b.value().to_string()).unwrap_or_default(),
        (Kind::Commas | Kind::Serves, Value::Array(_)) => list_items(item).join(", "),
        (Kind::Coordinates, Value::Array(a)) => a.iter().map(raw).collect::<Vec<_>>().join(", "),
        (Kind::Date, Value::Datetime(d)) => d.value().to_string(),
        _ => string_text(item),
    }
}

/// The value to write for a one-line field of `kind` typed as `text`.
pub(super) fn written(kind: Kind, text: &str) -> FieldValue {
    let text = text.trim();
    if text.is_empty() {
        return FieldValue::Remove;
    }
    let as_typed = || FieldValue::Text(text.to_string());
    match kind {
        Kind::Choice(choices) => {
            find_choice(choices, text).map_or_else(as_typed, |c| FieldValue::Text(c.code.into()))
        }
        Kind::YesNo => match find_choice(choices_of(kind), text).map(|c| c.code) {
            Some("true") => FieldValue::Bool(true),
            Some("false") => FieldValue::Bool(false),
            _ => as_typed(),
        },
        Kind::Serves => match find_choice(choices_of(kind), text) {
            Some(c) => FieldValue::Text(c.code.into()),
            None => FieldValue::Texts(commas(text)),
        },
        Kind::Commas => FieldValue::Texts(commas(text)),
        Kind::Coordinates => coordinates(text).map_or_else(as_typed, |(lat, lon)| {
            let mut a = toml_edit::Array::new();
            a.push(lat);
            a.push(lon);
            FieldValue::Toml(Value::Array(a))
        }),
        Kind::Date => parse_date(text).map_or_else(as_typed, FieldValue::Date),
        Kind::Text | Kind::Lines | Kind::Person | Kind::Persons => as_typed(),
    }
}

/// «а, б ,в» → ["а", "б", "в"].
pub(super) fn commas(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// «50.2519, 28.6631», «50.2519 28.6631», «50,2519; 28,6631» or «50,2519, 28,6631» (decimal
/// commas, as a Ukrainian keyboard types them).
pub(super) fn coordinates(text: &str) -> Option<(f64, f64)> {
    let num = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
    let parts: Vec<&str> = if text.contains(';') {
        text.split(';').collect()
    } else {
        let commas: Vec<&str> = text.split(',').collect();
        match commas.len() {
            2 => commas,
            4 => {
                let (a, b) = text
                    .match_indices(',')
                    .nth(1)
                    .map(|(i, _)| text.split_at(i))?;
                vec![a, &b[1..]]
            }
            _ => text.split_whitespace().collect(),
        }
    };
    match parts.as_slice() {
        [a, b] => Some((num(a)?, num(b)?)),
        _ => None,
    }
}

/// A date as typed: 2026-11-25 or 25.11.2026.
pub(super) fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let mut p = s.split('.');
    let (d, m, y) = (p.next()?, p.next()?, p.next()?);
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// A phone as the form writes it: «номер — примітка».
pub(super) fn phone_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::InlineTable(t) => {
            let number = t.get("number").and_then(|n| n.as_str()).unwrap_or_default();
            match t.get("note").and_then(|n| n.as_str()) {
                Some(note) => format!("{number}{}{note}", crate::maintain::sheet::NOTE_SEP),
                None => number.to_string(),
            }
        }
        _ => raw(v),
    }
}

/// «0412 42 61 30 — канцелярія» → (number, note).
pub(super) fn parse_phone(line: &str) -> (String, Option<String>) {
    match line.split_once(crate::maintain::sheet::NOTE_SEP.trim()) {
        Some((n, note)) if !note.trim().is_empty() => {
            (n.trim().to_string(), Some(note.trim().to_string()))
        }
        Some((n, _)) => (n.trim().to_string(), None),
        None => (line.trim().to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fields::{APPOINTMENTS, GENDERS, STATUSES};
    use super::*;

    fn item(toml: &str) -> Item {
        let doc: toml_edit::DocumentMut = format!("v = {toml}").parse().unwrap();
        doc["v"].clone()
    }

    #[test]
    fn phones_and_dates_read_as_typed() {
        assert_eq!(
            parse_phone("0412 42 61 30 — канцелярія"),
            ("0412 42 61 30".into(), Some("канцелярія".into()))
        );
        assert_eq!(
            parse_phone(" 0 800 501 007 "),
            ("0 800 501 007".into(), None)
        );
        assert_eq!(
            parse_date("25.11.2026"),
            Some(jiff::civil::date(2026, 11, 25))
        );
    }

    #[test]
    fn every_kind_shows_and_writes_back_the_same_value() {
        let cases: &[(Kind, &str, &str)] = &[
            (Kind::Choice(GENDERS), "\"f\"", "ж"),
            (
                Kind::Choice(STATUSES),
                "\"temporarily-closed\"",
                "тимчасово не працює",
            ),
            (Kind::Choice(APPOINTMENTS), "\"none\"", "не потрібен"),
            (Kind::YesNo, "true", "так"),
            (Kind::Serves, "\"oblast\"", "уся область"),
            (
                Kind::Serves,
                "[\"Бердичів\", \"с. Семенівка\"]",
                "Бердичів, с. Семенівка",
            ),
            (
                Kind::Commas,
                "[\"субсидія\", \"пільги\"]",
                "субсидія, пільги",
            ),
            (Kind::Coordinates, "[50.2519, 28.6631]", "50.2519, 28.6631"),
            (Kind::Date, "2026-10-15", "2026-10-15"),
        ];
        for (kind, toml, text) in cases {
            let it = item(toml);
            assert_eq!(shown(*kind, Some(&it), Lang::Uk), *text, "{toml}");
            let back = match written(*kind, text) {
                FieldValue::Text(s) => format!("{s:?}"),
                FieldValue::Bool(b) => b.to_string(),
                FieldValue::Date(d) => d.to_string(),
                FieldValue::Texts(v) => format!("{v:?}").replace(',', ", ").replace(",  ", ", "),
                FieldValue::Toml(v) => v.to_string(),
                FieldValue::Remove => String::new(),
            };
            assert_eq!(back.replace(", ", ","), toml.replace(", ", ","), "{text}");
        }
        // Not a value of the kind: written as typed, for the check to say why.
        assert!(matches!(written(Kind::YesNo, "можливо"), FieldValue::Text(t) if t == "можливо"));
        assert!(matches!(
            written(Kind::Coordinates, "50.2; x"),
            FieldValue::Text(_)
        ));
        assert!(matches!(written(Kind::Commas, "  "), FieldValue::Remove));
    }

    #[test]
    fn coordinates_are_read_however_they_are_typed() {
        for typed in [
            "50.2519, 28.6631",
            "50.2519 28.6631",
            "50,2519; 28,6631",
            "50,2519, 28,6631",
        ] {
            assert_eq!(coordinates(typed), Some((50.2519, 28.6631)), "{typed}");
        }
        assert_eq!(coordinates("50.25"), None);
    }
}

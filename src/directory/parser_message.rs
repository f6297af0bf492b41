//! A parser's message (TOML syntax, or serde's words for a value of the wrong kind) in the
//! interface language. The parsers write English; a frontliner reading «unknown variant `de`,
//! expected `uk` or `en`» learns nothing, so the known shapes are said in Ukrainian and an
//! unknown one is passed through as written rather than guessed at.

use crate::i18n::Lang;
use toml::Spanned;
use toml::de::DeTable;

/// A side file of the data folder (the thesaurus, the correction reports) read as TOML: its
/// table and the byte offset of the table's text in `text` (after a BOM, which Windows editors
/// write), or where the syntax error is (a byte offset into `text`) and what it is, in `lang`.
pub fn parse_side_file(
    text: &str,
    lang: Lang,
) -> Result<(Spanned<DeTable<'_>>, usize), (usize, String)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    DeTable::parse(body).map(|t| (t, base)).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start) + base;
        (at, parser_message(e.message(), lang))
    })
}

/// `message` from the TOML parser or from serde, in `lang`, on one line.
pub fn parser_message(message: &str, lang: Lang) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if lang == Lang::En {
        return message;
    }
    serde_uk(&message).unwrap_or_else(|| super::load::toml_message(&message, lang))
}

/// serde's data errors: unknown key or value, wrong type, value out of range.
fn serde_uk(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, expected) = quoted_then(rest)?;
        return Some(format!(
            "невідомий ключ \"{name}\"{}",
            choices(expected).map_or(String::new(), |c| format!("; можливі: {c}"))
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, expected) = quoted_then(rest)?;
        return Some(format!(
            "невідоме значення \"{name}\"{}",
            choices(expected).map_or(String::new(), |c| format!("; можливі: {c}"))
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "неправильний тип значення: {}, а має бути {}",
            found_uk(found),
            expected_uk(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "неправильне значення: {}, а має бути {}",
            found_uk(found),
            expected_uk(expected)
        ));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let (name, _) = quoted_then(rest)?;
        return Some(format!("бракує ключа \"{name}\""));
    }
    None
}

/// "`x`, expected …" → ("x", "expected …").
fn quoted_then(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('`')?;
    let (name, rest) = s.split_once('`')?;
    Some((name, rest.trim_start_matches(',').trim()))
}

/// "expected one of `a`, `b`" or "expected `a` or `b`" → "a, b".
fn choices(expected: &str) -> Option<String> {
    let list: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// What serde found: "integer `5`", "string \"x\"", "boolean `true`", "sequence", "map"…
fn found_uk(found: &str) -> String {
    let value = |s: &str| s.trim().trim_matches('`').to_string();
    if let Some(v) = found.strip_prefix("integer ") {
        format!("число {}", value(v))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("дробове число {}", value(v))
    } else if let Some(v) = found.strip_prefix("string ") {
        format!("текст {}", v.trim())
    } else if let Some(v) = found.strip_prefix("boolean ") {
        format!("логічне значення {}", value(v))
    } else {
        match found {
            "sequence" => "масив".into(),
            "map" => "таблиця".into(),
            other => other.into(),
        }
    }
}

/// What serde expected: "a string", "u8", "a sequence", "struct Office"…
fn expected_uk(expected: &str) -> String {
    let integer = |max: u64| format!("ціле число від 0 до {max}");
    match expected.trim() {
        "a string" | "a borrowed string" => "текст".into(),
        "u8" => integer(u8::MAX.into()),
        "u16" => integer(u16::MAX.into()),
        "u32" | "usize" | "u64" => "ціле невід'ємне число".into(),
        "a boolean" => "true або false".into(),
        "a sequence" => "масив [\"…\", \"…\"]".into(),
        e if e.starts_with("struct ") || e == "a map" => "таблиця".into(),
        e => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_said_in_ukrainian() {
        let uk = |m: &str| parser_message(m, Lang::Uk);
        assert_eq!(
            uk("unknown variant `de`, expected `uk` or `en`"),
            "невідоме значення \"de\"; можливі: uk, en"
        );
        assert_eq!(
            uk("unknown field `phon`, expected one of `name`, `address`, `phone`"),
            "невідомий ключ \"phon\"; можливі: name, address, phone"
        );
        assert_eq!(
            uk("invalid type: integer `5`, expected a string"),
            "неправильний тип значення: число 5, а має бути текст"
        );
        assert_eq!(
            uk("invalid value: integer `300`, expected u8"),
            "неправильне значення: число 300, а має бути ціле число від 0 до 255"
        );
        assert_eq!(
            uk("invalid type: string \"сорок\", expected usize"),
            "неправильний тип значення: текст \"сорок\", а має бути ціле невід'ємне число"
        );
        // TOML syntax goes to the syntax table; English stays English.
        assert_eq!(
            uk("unclosed table, expected `]`"),
            "заголовок […] не закрито, бракує `]`"
        );
        assert_eq!(
            parser_message("unknown variant `de`, expected `uk` or `en`", Lang::En),
            "unknown variant `de`, expected `uk` or `en`"
        );
    }
}

//! The one place that makes directory text safe to show: on the screen, in the command line's
//! output, on a slip and in the clipboard.
//!
//! Directory files come from many hands (and from HSDS imports); a field holding an ESC
//! sequence, an OSC 52 (set the clipboard), OSC 0 (set the title) or OSC 8 (a hidden link), a C1
//! code (U+0080–U+009F, which some terminals obey like ESC) or a bidirectional override (which
//! makes text read differently from how it is stored) must never reach a terminal or a printer.
//! Each such character becomes U+FFFD, one for one, so the damage stays visible and positions
//! computed on the original text still line up.

/// A character that would act on a terminal or reorder text instead of being shown.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Bidirectional embeddings, overrides, isolates and marks.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            // Line and paragraph separators: line breaks to some terminals.
            | '\u{2028}' | '\u{2029}')
}

/// [`line`] for one character.
pub fn line_char(c: char) -> char {
    match c {
        '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
        c if unsafe_char(c) => '\u{FFFD}',
        c => c,
    }
}

/// One line of output (a field on the screen, a file name in a diagnostic): line breaks and
/// tabs become spaces, so nothing can start a forged line; everything else unsafe becomes
/// U+FFFD. One character in, one character out.
pub fn line(s: &str) -> String {
    s.chars().map(line_char).collect()
}

/// A block of output the program laid out in lines itself (a card, a phrase, a slip): line
/// breaks and tabs stay, everything else unsafe becomes U+FFFD.
pub fn text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if unsafe_char(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// JSON output (`--json`): unsafe characters are written as `\uXXXX` escapes, so the data a
/// script reads is exact while the bytes are safe to print. Valid because such characters can
/// only occur inside JSON strings (serde_json already escapes C0 controls there).
pub fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c != '\n' && unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each class the issue names, as it would be written into a field.
    const CLASSES: &[(&str, &str)] = &[
        ("CSI colour", "\u{1b}[31mчервоний\u{1b}[0m"),
        ("OSC 52 clipboard", "\u{1b}]52;c;cm0gLXJmIH4=\u{7}"),
        ("OSC 0 title", "\u{1b}]0;pwned\u{1b}\\"),
        (
            "OSC 8 link",
            "\u{1b}]8;;https://evil.example\u{1b}\\тут\u{1b}]8;;\u{1b}\\",
        ),
        ("C1 CSI", "\u{9b}31m"),
        ("C1 OSC", "\u{9d}0;title\u{9c}"),
        ("bidi override", "abc\u{202E}fed"),
        ("bidi isolate", "\u{2067}abc\u{2069}"),
        ("DEL and BEL", "a\u{7f}b\u{7}"),
    ];

    fn clean_of_controls(s: &str) -> bool {
        !s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
    }

    #[test]
    fn every_class_is_neutralised_in_every_mode() {
        for (class, s) in CLASSES {
            assert!(clean_of_controls(&line(s)), "{class}: {:?}", line(s));
            assert!(clean_of_controls(&text(s)), "{class}: {:?}", text(s));
            assert!(clean_of_controls(&json(s)), "{class}: {:?}", json(s));
            assert!(!line(s).contains('\n'));
            assert_eq!(line(s).chars().count(), s.chars().count(), "{class}");
        }
    }

    #[test]
    fn a_line_cannot_forge_another_line_but_a_block_keeps_its_lines() {
        let name = "a.toml\n/etc/x.toml:1:1: помилка: підроблено";
        assert_eq!(line(name).lines().count(), 1);
        assert_eq!(text("рядок 1\nрядок 2\r"), "рядок 1\nрядок 2\u{FFFD}");
        assert_eq!(line("a\u{1b}[31mb\tc"), "a\u{FFFD}[31mb c");
    }

    #[test]
    fn json_escapes_keep_the_data_exact() {
        let raw = "x\u{202E}y\u{9b}";
        let escaped = json(&serde_json::to_string(raw).unwrap());
        assert_eq!(escaped, "\"x\\u202ey\\u009b\"");
        assert_eq!(serde_json::from_str::<String>(&escaped).unwrap(), raw);
        assert_eq!(json("{\n  \"a\": 1\n}"), "{\n  \"a\": 1\n}");
    }
}

//! The wrong keyboard layout: a query typed with the US layout active while meaning Ukrainian
//! (`ljdslrf ghj lj[jlb` = «довідка про доходи»), with the Russian layout active (its ы э ъ ё
//! keys sit where Ukrainian has і є ї and the apostrophe), and the reverse.

/// US key → Ukrainian (ЙЦУКЕН, xkb `ua`, Windows "Ukrainian (Enhanced)").
const US_TO_UA: &[(char, char)] = &[
    ('`', '\''),
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ї'),
    ('a', 'ф'),
    ('s', 'і'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'є'),
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
    ('/', '.'),
    ('\\', 'ґ'),
    // Shifted keys that give letters.
    ('{', 'Х'),
    ('}', 'Ї'),
    (':', 'Ж'),
    ('"', 'Є'),
    ('<', 'Б'),
    ('>', 'Ю'),
    ('|', 'Ґ'),
    ('~', '\''),
];

fn us_to_ua(c: char) -> Option<char> {
    let lower = c.to_ascii_lowercase();
    let mapped = US_TO_UA
        .iter()
        .find(|(k, _)| *k == lower)
        .map(|(_, v)| *v)?;
    // Shift gives the capital; the search key lowercases anyway, but the corrected query is
    // shown to the user.
    Some(if c.is_ascii_uppercase() {
        mapped.to_uppercase().next().unwrap_or(mapped)
    } else {
        mapped
    })
}

fn ua_to_us(c: char) -> Option<char> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let lower = match lower {
        // The Russian layout's letters on the same keys.
        'ы' => 'і',
        'э' => 'є',
        'ъ' => 'ї',
        'ё' => '\'',
        'ґ' => 'ґ',
        l => l,
    };
    if lower == '\'' {
        return Some('`');
    }
    let mapped = US_TO_UA
        .iter()
        .find(|(_, v)| *v == lower)
        .map(|(k, _)| *k)?;
    Some(if c.is_uppercase() {
        mapped.to_ascii_uppercase()
    } else {
        mapped
    })
}

/// Whether `text` looks typed on the US layout: it has Latin letters and no Cyrillic.
pub fn looks_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
        && !text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The Ukrainian text meant by a query typed on the US layout. Characters that are not on a
/// letter key (digits, spaces) stay.
pub fn latin_to_ukrainian(text: &str) -> String {
    text.chars().map(|c| us_to_ua(c).unwrap_or(c)).collect()
}

/// The Ukrainian text meant by a query typed on the Russian layout: only the four keys that
/// differ are changed. None when there is nothing to change.
pub fn russian_to_ukrainian(text: &str) -> Option<String> {
    let mut changed = false;
    let out = text
        .chars()
        .map(|c| {
            let m = match c {
                'ы' => 'і',
                'Ы' => 'І',
                'э' => 'є',
                'Э' => 'Є',
                'ъ' => 'ї',
                'Ъ' => 'Ї',
                'ё' | 'Ё' => '\'',
                c => c,
            };
            changed |= m != c;
            m
        })
        .collect();
    changed.then_some(out)
}

/// The Latin text meant by a query typed on the Ukrainian (or Russian) layout. None when the
/// text has no Cyrillic letter.
pub fn ukrainian_to_latin(text: &str) -> Option<String> {
    if !text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
        return None;
    }
    Some(text.chars().map(|c| ua_to_us(c).unwrap_or(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_layout_reads_as_ukrainian() {
        assert_eq!(
            latin_to_ukrainian("ljdslrf ghj lj[jlb"),
            "довідка про доходи"
        );
        assert_eq!(latin_to_ukrainian("j,]pyf"), "обїзна");
        assert_eq!(latin_to_ukrainian("Wyfg"), "Цнап");
        assert_eq!(latin_to_ukrainian("gfcgjhn 12"), "паспорт 12");
    }

    #[test]
    fn russian_layout_keys_read_as_ukrainian() {
        assert_eq!(russian_to_ukrainian("довыдка").as_deref(), Some("довідка"));
        assert_eq!(russian_to_ukrainian("объзна").as_deref(), Some("обїзна"));
        assert_eq!(russian_to_ukrainian("эдина").as_deref(), Some("єдина"));
        assert_eq!(russian_to_ukrainian("довідка"), None);
    }

    #[test]
    fn reverse_layout_reads_as_latin() {
        assert_eq!(ukrainian_to_latin("сфкшефі").as_deref(), Some("caritas"));
        assert_eq!(ukrainian_to_latin("abc"), None);
    }

    #[test]
    fn layouts_round_trip() {
        let s = "довідка про доходи";
        let typed = ukrainian_to_latin(s).unwrap();
        assert_eq!(latin_to_ukrainian(&typed), s);
    }

    #[test]
    fn latin_detection() {
        assert!(looks_latin("ljdslrf"));
        assert!(!looks_latin("довідка"));
        assert!(!looks_latin("12 34"));
    }
}

//! Official Ukrainian transliteration (Cabinet of Ministers resolution No. 55 of 27.01.2010):
//! «Житомир» → `zhytomyr`, «довідка про доходи» → `dovidka pro dokhody`.
//!
//! Matching compares a Latin query with the transliteration of each indexed word, both passed
//! through [`fold`], which forgives the variants people actually type (`ye`/`ie`, `yi`/`i`,
//! `yu`/`iu`, `ya`/`ia`, `c` for `ts`, `x` for `kh`).

/// The official transliteration of a normalised (lowercase, no apostrophes) key.
pub fn to_latin(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + key.len() / 2);
    let mut prev_letter = false;
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let initial = !prev_letter;
        let s: &str = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => {
                // «зг» is written «zgh» so that it is not read as «ж».
                "h"
            }
            'ґ' => "g",
            'д' => "d",
            'е' => "e",
            'є' if initial => "ye",
            'є' => "ie",
            'ж' => "zh",
            'з' if chars.peek() == Some(&'г') => "zg",
            'з' => "z",
            'и' => "y",
            'і' => "i",
            'ї' if initial => "yi",
            'ї' => "i",
            'й' if initial => "y",
            'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ь' => "",
            'ю' if initial => "yu",
            'ю' => "iu",
            'я' if initial => "ya",
            'я' => "ia",
            _ => {
                out.push(c);
                prev_letter = c.is_alphanumeric();
                continue;
            }
        };
        out.push_str(s);
        prev_letter = true;
    }
    out
}

/// Forgives the transliteration variants people type; applied to both sides of a comparison.
pub fn fold(latin: &str) -> String {
    let b = latin.as_bytes();
    let mut out = String::with_capacity(latin.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (s, n): (&str, usize) = if rest.starts_with(b"ye") || rest.starts_with(b"ie") {
            ("ie", 2)
        } else if rest.starts_with(b"yi") {
            ("i", 2)
        } else if rest.starts_with(b"yu") || rest.starts_with(b"iu") {
            ("iu", 2)
        } else if rest.starts_with(b"ya") || rest.starts_with(b"ia") {
            ("ia", 2)
        } else if rest.starts_with(b"ch") {
            ("ch", 2)
        } else if rest.starts_with(b"c") {
            ("ts", 1)
        } else if rest.starts_with(b"x") {
            ("kh", 1)
        } else if rest.starts_with(b"w") {
            ("v", 1)
        } else if rest.starts_with(b"j") {
            ("i", 1)
        } else {
            // Non-ASCII chars are copied whole.
            let ch_len = latin[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&latin[i..i + ch_len]);
            i += ch_len;
            continue;
        };
        out.push_str(s);
        i += n;
    }
    out
}

/// A Cyrillic reading of a Latin transliteration, to show the user what their query was read
/// as («dovidka pro dokhody» → «довідка про доходи»). Best effort: the official scheme is not
/// one-to-one (`y` is и or й), matching itself never relies on this.
pub fn to_cyrillic(latin: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("shch", "щ"),
        ("zgh", "зг"),
        ("kh", "х"),
        ("zh", "ж"),
        ("ts", "ц"),
        ("ch", "ч"),
        ("sh", "ш"),
        ("ye", "є"),
        ("yi", "ї"),
        ("yu", "ю"),
        ("ya", "я"),
        ("iu", "ю"),
        ("ia", "я"),
        ("ie", "є"),
        ("a", "а"),
        ("b", "б"),
        ("v", "в"),
        ("h", "г"),
        ("g", "ґ"),
        ("d", "д"),
        ("e", "е"),
        ("z", "з"),
        ("y", "и"),
        ("i", "і"),
        ("k", "к"),
        ("l", "л"),
        ("m", "м"),
        ("n", "н"),
        ("o", "о"),
        ("p", "п"),
        ("r", "р"),
        ("s", "с"),
        ("t", "т"),
        ("u", "у"),
        ("f", "ф"),
        ("c", "ц"),
        ("x", "х"),
        ("w", "в"),
        ("j", "й"),
    ];
    let mut out = String::with_capacity(latin.len() * 2);
    let mut i = 0;
    'outer: while i < latin.len() {
        let rest = &latin[i..];
        let lower = rest.to_ascii_lowercase();
        for (l, c) in TABLE {
            if let Some(after) = lower.strip_prefix(l) {
                // A word-final «i»/«y» after a vowel is «й» («Zhytomyrskyi», «Yurii»).
                let word_end = !after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic());
                let after_vowel = out.chars().last().is_some_and(|p| "аеиіоуяюєї".contains(p));
                if (*l == "i" || *l == "y") && word_end && after_vowel {
                    out.push('й');
                } else {
                    out.push_str(c);
                }
                i += l.len();
                continue 'outer;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_examples() {
        assert_eq!(to_latin("житомир"), "zhytomyr");
        assert_eq!(to_latin("довідка про доходи"), "dovidka pro dokhody");
        assert_eq!(to_latin("згорани"), "zghorany");
        assert_eq!(to_latin("єнакієве"), "yenakiieve");
        assert_eq!(to_latin("їжакевич"), "yizhakevych");
        assert_eq!(to_latin("юрій"), "yurii");
        assert_eq!(to_latin("яготин"), "yahotyn");
        assert_eq!(to_latin("щербухи"), "shcherbukhy");
    }

    #[test]
    fn fold_forgives_common_variants() {
        assert_eq!(fold(&to_latin("єнакієве")), fold("ienakiyeve"));
        assert_eq!(fold(&to_latin("цнап")), fold("cnap"));
        assert_eq!(fold(&to_latin("юрій")), fold("iurii"));
    }

    #[test]
    fn cyrillic_reading_for_display() {
        assert_eq!(to_cyrillic("dovidka pro dokhody"), "довідка про доходи");
        assert_eq!(to_cyrillic("zhytomyr"), "житомир");
        assert_eq!(to_cyrillic("subsydiia"), "субсидія");
        assert_eq!(to_cyrillic("tsnap"), "цнап");
    }
}

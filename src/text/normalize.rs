//! One normal form for every searchable field and for the query (the search's and the data
//! checks': a thesaurus phrase made only of function words is reported when it is loaded).
//!
//! People write the same Ukrainian word in many ways: with any of five apostrophes or none
//! («об'їзна», «Об’їзна», «обїзна»), with ґ or г, with a Latin «i» or «o» that slipped in from
//! the other layout, decomposed «й» from a copy-paste. Matching works on a key where all of
//! these are one; `fuzzy-matcher` and friends fold ASCII case only, so the key is lowercased
//! here with full Unicode rules.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Characters that are apostrophes in Ukrainian text; they are dropped from the key.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}' | '\u{00B4}' | '\u{02B9}' | '\u{2032}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// A Latin letter that looks like a Cyrillic one, as it sits inside a Cyrillic word.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'i' => 'і',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        _ => return None,
    })
}

/// `char::is_alphanumeric` with fast paths for ASCII and Cyrillic, which is nearly all the
/// text here (the general lookup dominated index building).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0400}'..='\u{0481}').contains(&c) || ('\u{048A}'..='\u{04FF}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Part of a word for the look-alike rule (apostrophes join the parts of «об'їзна»).
fn is_word_char(c: char) -> bool {
    is_alnum(c) || is_apostrophe(c) || c == '\u{0306}' || c == '\u{0308}'
}

/// Normalises `text` into `out`; for every char pushed, `map` (when given) receives the char
/// index in `text` it came from.
fn normalize_into(text: &str, out: &mut String, mut map: Option<&mut Vec<u32>>) {
    // NFC only when needed: composing is the slow part and almost all text is already NFC.
    // Otherwise each base char with its combining marks is composed on its own, so that
    // every composed char still knows which char of the original text it started at.
    let (chars, origin): (Vec<char>, Option<Vec<u32>>) =
        if unicode_normalization::is_nfc_quick(text.chars()) == IsNormalized::Yes {
            (text.chars().collect(), None)
        } else {
            let src: Vec<char> = text.chars().collect();
            let mut chars = Vec::with_capacity(src.len());
            let mut origin = Vec::with_capacity(src.len());
            let mut s = 0;
            while s < src.len() {
                let mut e = s + 1;
                while e < src.len() && canonical_combining_class(src[e]) != 0 {
                    e += 1;
                }
                for c in src[s..e].iter().copied().nfc() {
                    chars.push(c);
                    origin.push(s as u32);
                }
                s = e;
            }
            (chars, Some(origin))
        };
    let mut i = 0;
    while i < chars.len() {
        // One word (or one separator) at a time: look-alikes are mapped only inside words that
        // have a Cyrillic letter, so «ok-5» and «Caritas» stay Latin.
        let start = i;
        if is_word_char(chars[i]) {
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
        let word = &chars[start..i];
        let cyr = word.iter().any(|&c| is_cyrillic(c));
        for (k, &c0) in word.iter().enumerate() {
            let c = if cyr {
                cyrillic_lookalike(c0).unwrap_or(c0)
            } else {
                c0
            };
            let src = match &origin {
                Some(o) => o[start + k],
                None => (start + k) as u32,
            };
            let mut push = |ch: char| {
                out.push(ch);
                if let Some(m) = map.as_deref_mut() {
                    m.push(src);
                }
            };
            if is_apostrophe(c) || c == '\u{00AD}' {
                continue;
            }
            if is_dash(c) {
                push('-');
                continue;
            }
            if c.is_whitespace() {
                push(' ');
                continue;
            }
            if c.is_ascii() {
                push(c.to_ascii_lowercase());
                continue;
            }
            for l in c.to_lowercase() {
                push(if l == 'ґ' { 'г' } else { l });
            }
        }
    }
}

/// The search key of a text.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out, None);
    out
}

/// The search key of a text and, for every char of the key, the index of the char of `text`
/// it came from — for highlighting matches in the displayed text.
pub fn normalize_mapped(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    normalize_into(text, &mut out, Some(&mut map));
    (out, map)
}

/// A token of a normalised key: its text and its char range in the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Char index of the first char in the key.
    pub start: usize,
}

/// Splits a key into words: runs of letters and digits. Hyphens and punctuation separate.
pub fn tokens(key: &str) -> impl Iterator<Item = Token<'_>> {
    let mut chars = key.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        loop {
            let (ci, (bi, c)) = chars.next()?;
            if !is_alnum(c) {
                continue;
            }
            let mut end = bi + c.len_utf8();
            while let Some(&(_, (b, c))) = chars.peek() {
                if !is_alnum(c) {
                    break;
                }
                end = b + c.len_utf8();
                chars.next();
            }
            return Some(Token {
                text: &key[bi..end],
                start: ci,
            });
        }
    })
}

/// Function words that carry no meaning for finding an agency. In the query they are optional
/// («стати на облік як безробітний» must not require «як» in the entry); in entries they are
/// not indexed.
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "в" | "у"
            | "з"
            | "із"
            | "зі"
            | "до"
            | "на"
            | "за"
            | "про"
            | "для"
            | "по"
            | "та"
            | "і"
            | "й"
            | "а"
            | "чи"
            | "що"
            | "як"
            | "від"
            | "при"
            | "після"
            | "або"
            | "не"
            | "це"
            | "мені"
            | "треба"
            | "потрібно"
            | "потрібна"
            | "потрібен"
            | "хоче"
            | "хочу"
            | "де"
            | "куди"
            | "о"
            | "об"
            | "же"
            | "ж"
            | "вже"
            | "м"
            | "с"
            | "смт"
            // What visitors say around a need («мені взагалі треба…», «нема де…»); Russian
            // fillers too. Never a reason for a result to disappear.
            | "нема"
            | "немає"
            | "взагалі"
            | "можна"
            | "якщо"
            | "щоб"
            | "шо"
            | "я"
            | "ми"
            | "нам"
            | "хочемо"
            | "хотів"
            | "хотіла"
            | "будь"
            | "ласка"
            | "підкажіть"
            | "скажіть"
            | "робити"
            | "куда"
            | "где"
            | "нужно"
            | "нужна"
            | "нужен"
            | "надо"
            | "мне"
            | "как"
            | "что"
            | "если"
            | "можно"
            | "и"
            | "из"
            | "от"
    )
}

/// A looser key that also accepts Russian spelling of Ukrainian words: «субсидия» =
/// «субсидія», «пенсийний» = «пенсійний», «обьезд»… The vowels that the two spellings swap
/// are folded into one, soft and hard signs dropped.
pub fn loose(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        match c {
            'і' | 'ї' | 'ы' | 'й' => out.push('и'),
            'є' | 'э' | 'ё' => out.push('е'),
            'ь' | 'ъ' => {}
            c => out.push(c),
        }
    }
    out
}

/// The words of a phrase as matched: normalised, function words left out (they are optional in
/// a query and not indexed in entries). The thesaurus file's checks and the search's lookup
/// both read a phrase through this.
pub fn key_words(phrase: &str) -> Vec<String> {
    let key = normalize(phrase);
    tokens(&key)
        .map(|t| t.text)
        .filter(|w| !is_stopword(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_variants_are_one_word() {
        let forms = [
            "обїзна",
            "об'їзна",
            "Об’їзна",
            "обʼїзна",
            "об`їзна",
            "об‘їзна",
        ];
        for f in forms {
            assert_eq!(normalize(f), "обїзна", "{f}");
        }
    }

    #[test]
    fn unicode_lowercase_and_g_with_upturn() {
        assert_eq!(normalize("ДОВІДКА Ґанок"), "довідка ганок");
        assert_eq!(normalize("ЇЖАК Єва"), "їжак єва");
    }

    #[test]
    fn decomposed_short_i_is_composed() {
        // «й» as и + combining breve, as some PDFs and Macs produce.
        let decomposed = "Київськии\u{0306}";
        assert_eq!(normalize(decomposed), "київський");
    }

    #[test]
    fn dashes_and_nbsp_unified() {
        assert_eq!(normalize("Пн–Чт\u{00A0}9:00—18:00"), "пн-чт 9:00-18:00");
    }

    #[test]
    fn latin_lookalikes_inside_cyrillic_words_become_cyrillic() {
        // Latin «o», «i», «C» typed inside Cyrillic words.
        assert_eq!(normalize("дoвiдка"), "довідка");
        assert_eq!(normalize("ЦНАП Cтарий"), "цнап старий");
        // A Latin word keeps its letters.
        assert_eq!(normalize("Caritas OK-5"), "caritas ok-5");
    }

    #[test]
    fn mapping_points_back_into_decomposed_text() {
        // «й» stored as и + U+0306: the key has one char where the text has two.
        let (key, map) = normalize_mapped("йод");
        assert_eq!(key, "йод");
        let (key2, map2) = normalize_mapped("и\u{0306}од");
        assert_eq!(key2, key);
        assert_eq!(map, [0, 1, 2]);
        assert_eq!(map2, [0, 2, 3]);
    }

    #[test]
    fn mapping_points_back_to_the_displayed_chars() {
        let (key, map) = normalize_mapped("Об’їзна 5");
        assert_eq!(key, "обїзна 5");
        // «ї» is the 3rd char of the key and the 4th of the text (after the apostrophe).
        assert_eq!(map[2], 3);
        assert_eq!(map.len(), key.chars().count());
        assert_eq!(*map.last().unwrap(), 8);
    }

    #[test]
    fn tokens_split_on_punctuation_with_char_offsets() {
        let t: Vec<_> = tokens("вул. київська, 16-є").collect();
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["вул", "київська", "16", "є"]);
        assert_eq!(t[1].start, 5);
        assert_eq!(t[3].start, 18);
    }

    #[test]
    fn loose_folds_russian_spelling() {
        assert_eq!(loose("субсидия"), loose("субсидія"));
        assert_eq!(loose("пенсийний"), loose("пенсійний"));
        assert_ne!(loose("пенсія"), loose("пенсар"));
    }
}

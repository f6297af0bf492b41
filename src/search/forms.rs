//! How two words are recognised as forms of one word. Two rules, measured against each other
//! on both relevance suites (`cargo run --release --example word_forms`, figures in the
//! README): the shared-beginning rule the engine uses, and a light Ukrainian stemmer that strips
//! one inflectional ending from a list. No Ukrainian stemmer or lemmatiser exists as a Rust
//! crate (the Snowball family has none); a word-form dictionary would be tens of megabytes.

/// Which rule finds another form of a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordForms {
    /// Forms share the query word's first letters, fewer the longer it is
    /// ([`super::score::stem_len`]): «віднов|ити» ~ «віднов|лення».
    #[default]
    SharedBeginning,
    /// Forms have the same stem once one ending of [`ENDINGS`] is stripped:
    /// «паспорт|а» ~ «паспорт|ом», but not «віднов|ити» ~ «віднов|лення».
    Endings,
}

/// Inflectional endings of Ukrainian nouns, adjectives, verbs and participles, and the common
/// verb → noun suffixes, longest first when matched.
const ENDINGS: &[&str] = &[
    "а",
    "я",
    "у",
    "ю",
    "і",
    "ї",
    "о",
    "е",
    "є",
    "и",
    "ь",
    "й",
    "в",
    "ам",
    "ям",
    "ах",
    "ях",
    "ом",
    "ем",
    "єм",
    "ою",
    "ею",
    "єю",
    "ів",
    "їв",
    "ей",
    "ові",
    "еві",
    "єві",
    "ами",
    "ями",
    "ьми",
    "ий",
    "ій",
    "ої",
    "ого",
    "ому",
    "им",
    "ім",
    "их",
    "іх",
    "ими",
    "іми",
    "ую",
    "юю",
    "ая",
    "ти",
    "ть",
    "ся",
    "сь",
    "тися",
    "тись",
    "ла",
    "ло",
    "ли",
    "лася",
    "лось",
    "лися",
    "вся",
    "вши",
    "учи",
    "ючи",
    "ачи",
    "ячи",
    "еш",
    "єш",
    "ить",
    "ять",
    "ать",
    "уть",
    "ють",
    "ємо",
    "емо",
    "имо",
    "ете",
    "єте",
    "ите",
    "ння",
    "ення",
    "ання",
    "іння",
    "лення",
    "ний",
    "на",
    "не",
    "ні",
    "ного",
    "ній",
    "ному",
    "ної",
    "ну",
    "ною",
    "ка",
    "ки",
    "ці",
    "ку",
    "кою",
];

/// The stem: the word without its longest ending, at least three letters left.
pub fn stem(word: &str) -> &str {
    let n = word.chars().count();
    let mut best = word;
    for e in ENDINGS {
        if let Some(s) = word.strip_suffix(e)
            && n - e.chars().count() >= 3
            && s.len() < best.len()
        {
            best = s;
        }
    }
    best
}

/// Whether `rest` (what follows a stem) is nothing or one ending.
pub fn is_ending(rest: &str) -> bool {
    rest.is_empty() || ENDINGS.contains(&rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_one_ending() {
        assert_eq!(stem("паспорта"), "паспорт");
        assert_eq!(stem("свідоцтва"), "свідоцтв");
        assert_eq!(stem("розлучення"), "розлуч");
        assert_eq!(stem("суд"), "суд");
        assert!(is_ending("ом"));
        assert!(!is_ending("имість"));
    }
}

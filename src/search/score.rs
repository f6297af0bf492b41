//! How well one query word matches one indexed word, and how much a match is worth in each
//! field. The tiers and weights were tuned on the relevance suite
//! (`tests/fixtures/search/relevance.toml`).

use serde::{Deserialize, Serialize};

/// How a query word matched an indexed word, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// The same word.
    Exact,
    /// The query word is the beginning of the word (typing in progress, abbreviations).
    Prefix,
    /// Another form of the same word: «відновити» ~ «відновлення», «тюрми» ~ «тюрма».
    WordForm,
    /// Russian spelling of the Ukrainian word: «субсидия», «пенсийний».
    Russian,
    /// Through the thesaurus of needs: «загубив» → «втрата», «прописка» → «реєстрація місця
    /// проживання».
    Thesaurus,
    /// One letter wrong, missing, extra or swapped: «довітка».
    Typo,
    /// The query word occurs inside a longer word or number (phone digits, compounds).
    Fallback,
}

impl Tier {
    /// Points before the field's weight.
    pub const fn points(self) -> u32 {
        match self {
            Tier::Exact => 20,
            Tier::Prefix => 16,
            Tier::WordForm => 14,
            Tier::Russian => 11,
            Tier::Thesaurus => 10,
            Tier::Typo => 8,
            Tier::Fallback => 2,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Prefix => "prefix",
            Tier::WordForm => "word-form",
            Tier::Russian => "russian",
            Tier::Thesaurus => "thesaurus",
            Tier::Typo => "typo",
            Tier::Fallback => "fallback",
        }
    }

    pub(crate) fn from_u8(v: u8) -> Option<Tier> {
        Some(match v {
            1 => Tier::Exact,
            2 => Tier::Prefix,
            3 => Tier::WordForm,
            4 => Tier::Russian,
            5 => Tier::Thesaurus,
            6 => Tier::Typo,
            7 => Tier::Fallback,
            _ => return None,
        })
    }

    pub(crate) const fn to_u8(self) -> u8 {
        self as u8 + 1
    }
}

/// How the words' matches add up to an agency's score (measured against each other on the
/// relevance suites: `cargo run --release --example word_forms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scoring {
    /// Each word counts its best match: the match tier's points × the field's weight (BM25F
    /// with binary term frequency and equal word weights), plus small bonuses for a word in
    /// several fields and several words in one field.
    #[default]
    BestField,
    /// As `BestField`, each word weighted by its inverse document frequency (BM25's idf,
    /// relative to the query's mean): rare words count more than «допомога».
    Idf,
}

/// BM25's inverse document frequency of a word found in `df` of `n` agencies.
pub fn idf(df: usize, n: usize) -> f64 {
    let (df, n) = (df.min(n) as f64, n as f64);
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

/// Which field of an entry a word is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum FieldKind {
    Name,
    ShortName,
    Topic,
    Description,
    Category,
    Locality,
    District,
    Address,
    Person,
    Phone,
    ServiceName,
    ServiceTopic,
    ServiceDescription,
    ServicePerson,
}

impl FieldKind {
    /// The weight of a match in this field.
    pub fn weight(self) -> u32 {
        match self {
            FieldKind::Name | FieldKind::ShortName => 10,
            FieldKind::ServiceName => 10,
            FieldKind::Topic | FieldKind::ServiceTopic => 9,
            FieldKind::Person | FieldKind::ServicePerson => 9,
            FieldKind::Phone => 9,
            FieldKind::Locality => 7,
            FieldKind::Category => 6,
            FieldKind::District => 5,
            FieldKind::Address => 6,
            FieldKind::Description | FieldKind::ServiceDescription => 4,
        }
    }

    /// A stable name, for `--json` and `--explain`.
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Name => "name",
            FieldKind::ShortName => "short-name",
            FieldKind::Topic => "topic",
            FieldKind::Description => "description",
            FieldKind::Category => "category",
            FieldKind::Locality => "locality",
            FieldKind::District => "district",
            FieldKind::Address => "address",
            FieldKind::Person => "person",
            FieldKind::Phone => "phone",
            FieldKind::ServiceName => "service-name",
            FieldKind::ServiceTopic => "service-topic",
            FieldKind::ServiceDescription => "service-description",
            FieldKind::ServicePerson => "service-person",
        }
    }

    pub fn is_locality(self) -> bool {
        matches!(self, FieldKind::Locality | FieldKind::District)
    }
}

/// Length of the common prefix, in chars.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How many leading chars two forms of one word share at least, by the query word's length:
/// Ukrainian endings are one to three letters («паспорт|а», «віднов|ити», «віднов|лення»).
pub fn stem_len(query_chars: usize) -> usize {
    match query_chars {
        0..=3 => usize::MAX,
        4..=5 => 4,
        6..=7 => query_chars - 2,
        _ => query_chars - 3,
    }
}

/// Whether `query` is within one edit (substitution, insertion, deletion or swap of
/// neighbours) of `word` or of a beginning of `word` at least as long as `query` minus one.
/// Both are char slices.
#[cfg(test)]
pub fn within_one_edit_of_prefix(query: &[char], word: &[char]) -> bool {
    one_edit_prefix_len(query, word).is_some()
}

/// Like [`within_one_edit_of_prefix`], giving how many chars of `word` the query covers.
fn one_edit_prefix_len(query: &[char], word: &[char]) -> Option<usize> {
    // Walk both while equal; at the first difference try the four edits on the rests.
    let n = query.iter().zip(word).take_while(|(a, b)| a == b).count();
    if n == query.len() {
        // A prefix (or equal); not a typo.
        return Some(n);
    }
    let q = &query[n..];
    let w = &word[n..];
    let is_prefix = |q: &[char], w: &[char]| w.len() >= q.len() && w[..q.len()] == *q;
    let k = query.len();
    // Substitution.
    if !w.is_empty() && is_prefix(&q[1..], &w[1..]) {
        return Some(k);
    }
    // Extra char in the query.
    if is_prefix(&q[1..], w) {
        return Some(k - 1);
    }
    // Missing char in the query.
    if !w.is_empty() && is_prefix(q, &w[1..]) {
        return Some(k + 1);
    }
    // Swapped neighbours.
    (q.len() >= 2 && w.len() >= 2 && q[0] == w[1] && q[1] == w[0] && is_prefix(&q[2..], &w[2..]))
        .then_some(k)
}

/// A typo match worth making: one edit away from the whole word, or from a beginning of it of
/// at least five letters. «житло» is one letter off «жито|мир»'s first four, and no typo of it.
pub fn typo_match(query: &[char], word: &[char]) -> bool {
    one_edit_prefix_len(query, word).is_some_and(|k| k == word.len() || k >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit_against_word_beginnings() {
        assert!(within_one_edit_of_prefix(&c("довітка"), &c("довідка")));
        assert!(within_one_edit_of_prefix(&c("довдка"), &c("довідка")));
        assert!(within_one_edit_of_prefix(&c("доввідка"), &c("довідка")));
        assert!(within_one_edit_of_prefix(&c("довідак"), &c("довідка")));
        // Typing in progress with a typo.
        assert!(within_one_edit_of_prefix(&c("довіт"), &c("довідка")));
        assert!(!within_one_edit_of_prefix(&c("довітко"), &c("довідка")));
        assert!(!within_one_edit_of_prefix(&c("паспорт"), &c("пенсія")));
    }

    #[test]
    fn a_typo_needs_five_letters_of_the_word_or_all_of_it() {
        // «житло» ≠ «Житомир»: «жит(л)о» covers only «жито».
        assert!(!typo_match(&c("житло"), &c("житомир")));
        assert!(!typo_match(&c("житло"), &c("житомирської")));
        assert!(typo_match(&c("житла"), &c("житло")));
        assert!(typo_match(&c("довітка"), &c("довідка")));
        assert!(typo_match(&c("довіт"), &c("довідка")));
    }

    #[test]
    fn word_forms_share_a_stem() {
        let ok = |q: &str, w: &str| common_prefix(q, w) >= stem_len(q.chars().count());
        assert!(ok("відновити", "відновлення"));
        assert!(ok("тюрми", "тюрма"));
        assert!(ok("паспорта", "паспорт"));
        assert!(ok("втратив", "втрата"));
        assert!(!ok("довідка", "довіреність"));
        assert!(!ok("суд", "судимість"));
    }

    #[test]
    fn tiers_are_ordered_by_points() {
        let all = [
            Tier::Exact,
            Tier::Prefix,
            Tier::WordForm,
            Tier::Russian,
            Tier::Thesaurus,
            Tier::Typo,
            Tier::Fallback,
        ];
        for w in all.windows(2) {
            assert!(w[0] < w[1]);
            assert!(w[0].points() > w[1].points());
        }
        for t in all {
            assert_eq!(Tier::from_u8(t.to_u8()), Some(t));
        }
    }
}

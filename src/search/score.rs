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
    /// One letter wrong, missing, extra or swapped: «довітка».
    Typo,
    /// The query word occurs inside a longer word or number (phone digits, compounds).
    Fallback,
}

impl Tier {
    /// Points before the field's weight.
    pub fn points(self) -> u32 {
        match self {
            Tier::Exact => 10,
            Tier::Prefix => 8,
            Tier::WordForm => 7,
            Tier::Russian => 5,
            Tier::Typo => 4,
            Tier::Fallback => 1,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Prefix => "prefix",
            Tier::WordForm => "word-form",
            Tier::Russian => "russian",
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
            5 => Tier::Typo,
            6 => Tier::Fallback,
            _ => return None,
        })
    }

    pub(crate) fn to_u8(self) -> u8 {
        self as u8 + 1
    }
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
pub fn within_one_edit_of_prefix(query: &[char], word: &[char]) -> bool {
    // Walk both while equal; at the first difference try the four edits on the rests.
    let n = query.iter().zip(word).take_while(|(a, b)| a == b).count();
    if n == query.len() {
        // A prefix (or equal); not a typo.
        return true;
    }
    let q = &query[n..];
    let w = &word[n..];
    let is_prefix = |q: &[char], w: &[char]| w.len() >= q.len() && w[..q.len()] == *q;
    // Substitution.
    (!w.is_empty() && is_prefix(&q[1..], &w[1..]))
        // Extra char in the query.
        || is_prefix(&q[1..], w)
        // Missing char in the query.
        || (!w.is_empty() && is_prefix(q, &w[1..]))
        // Swapped neighbours.
        || (q.len() >= 2 && w.len() >= 2 && q[0] == w[1] && q[1] == w[0] && is_prefix(&q[2..], &w[2..]))
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

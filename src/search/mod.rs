//! Search: normalisation, alternative readings of the query, the index, scoring and ranking.
//! Pure: no I/O, no UI.
//!
//! How a query is answered:
//! 1. The query is normalised ([`normalize`], in `text::normalize`: the data checks use it too) and split into words; function words and filler
//!    («про», «на», «треба», «де», «нужно») neither hide nor rank a result. The other words
//!    match anywhere in an agency — its own fields or one of its services — in any order.
//! 2. It is read as typed and, when it looks like it, as typed on the wrong keyboard layout
//!    ([`layout`]) and as official transliteration ([`translit`]); the reading whose best hit
//!    covers most words and scores highest wins and is reported.
//! 3. Each query word is matched against the sorted vocabulary of the directory: exact word,
//!    beginning of a word, another form of the word (shared stem), Russian spelling, the
//!    thesaurus of needs ([`thesaurus`]: a phrase counts where one field holds all of it), one
//!    typo, and as a last resort a piece inside a longer word ([`score::Tier`]). A word that
//!    names a town (in any case form) matches only the town — or an agency that serves the
//!    whole country. A word that matches nothing is left out and reported as unused.
//! 4. Candidates come from the inverted lists of the matched words: first the agencies having
//!    every word; when they are few, also those covering at least half of the need, ranked
//!    below. A candidate is scored by walking its fields once: a word's best match (tier
//!    points × field weight), summed over the words, per service, so the best-matching service
//!    is named. When only the top N are asked for, the postings bound every candidate's score
//!    first and only those that can reach the top N are scored ([`topk`]); the others are
//!    counted.
//! 5. Temporarily closed agencies go last; then more words covered before fewer; `near`'s
//!    agencies go first among equals; only the top N are sorted. When nothing fits at all,
//!    [`Suggestions`] say what is near.

mod candidates;
mod engine;
mod explain;
mod forms;
mod highlight;
mod index;
mod layout;
mod matching;
pub mod open_now;
mod postings;
mod query;
mod rank;
mod score;
mod suggest;
pub mod thesaurus;
mod topk;
mod translit;

pub use crate::text::normalize::{normalize, normalize_mapped};
pub use engine::Engine;
pub use explain::WordMatch;
pub use forms::WordForms;
pub use index::Index;
pub use score::{FieldKind, Scoring, Tier};
pub use suggest::Suggestions;
pub use translit::to_latin as transliterate;

/// Filters and preferences for one search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchOptions {
    /// At most this many hits (0 = no limit).
    pub limit: usize,
    /// Rank this locality's agencies first among equals.
    pub near: Option<String>,
    /// Only this category id.
    pub category: Option<String>,
    /// Only this locality (and the agencies that serve the whole country, which a town never
    /// hides); [`NATIONWIDE`] for those alone.
    pub locality: Option<String>,
}

/// The locality filter's value for «уся Україна / онлайн»: only remote agencies.
pub const NATIONWIDE: &str = "*";

/// How the query was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Reading {
    #[default]
    AsTyped,
    /// Typed on the other keyboard layout; `text` is what was meant.
    Layout { text: String },
    /// Latin transliteration of Ukrainian; `text` is the Cyrillic reading.
    Translit { text: String },
}

impl Reading {
    /// `as-typed`, `layout` or `translit` (for JSON).
    pub fn code(&self) -> &'static str {
        match self {
            Reading::AsTyped => "as-typed",
            Reading::Layout { .. } => "layout",
            Reading::Translit { .. } => "translit",
        }
    }

    /// The corrected query, when it was not read as typed.
    pub fn text(&self) -> Option<&str> {
        match self {
            Reading::AsTyped => None,
            Reading::Layout { text } | Reading::Translit { text } => Some(text),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Directory::agencies`.
    pub agency: usize,
    /// Index into that agency's services when the match came from a service.
    pub service: Option<usize>,
    pub score: i64,
    /// The weakest way any query word matched (None for an empty query).
    pub tier: Option<Tier>,
    /// The agency is temporarily closed (it ranks last; mark it).
    pub temporarily_closed: bool,
    /// Which of [`Results::words`] this agency matched (bit i for word i); the others were
    /// not used for it.
    pub matched: u16,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub reading: Reading,
    /// Matches before the limit was applied.
    pub total: usize,
    /// The query's words that count (not filler like «треба», «для»), as read.
    pub words: Vec<String>,
    /// When nothing fits: what to offer instead (see [`Suggestions`]).
    pub suggestions: Option<Box<Suggestions>>,
}

impl Results {
    /// The words of the query `hit` did not use («не враховано: бабусею»).
    pub fn unused(&self, hit: &Hit) -> Vec<&str> {
        self.words
            .iter()
            .enumerate()
            .filter(|(i, _)| hit.matched & 1 << i == 0)
            .map(|(_, w)| w.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_coverage;

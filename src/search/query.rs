//! The query as read: its words (filler marked optional, digit groups joined), and the other
//! ways it may have been meant — typed on the wrong keyboard layout, or transliterated.

use super::{Reading, layout, translit};
use crate::text::normalize;

/// At most this many query words take part (the rest of a pasted paragraph is ignored).
pub(super) const MAX_WORDS: usize = 8;

/// One word of the query in one reading.
#[derive(Debug, Clone)]
pub(super) struct QWord {
    pub(super) text: String,
    pub(super) chars: Vec<char>,
    pub(super) optional: bool,
    pub(super) digits: bool,
    /// The word being typed (the last one, no space after it yet): its beginning may be a
    /// longer word's.
    pub(super) typing: bool,
}

/// A reading of the query: its words, and whether they are Latin transliteration.
#[derive(Debug, Clone)]
pub(super) struct ReadingQuery {
    pub(super) reading: Reading,
    pub(super) words: Vec<QWord>,
    pub(super) latin: bool,
}

/// Splits a normalised query into words; digit groups written with spaces or dashes
/// («42 05 10», «(0412) 42-05-10») are one number.
pub(super) fn query_words(raw: &str, typing: bool) -> Vec<QWord> {
    let key = normalize::normalize(raw);
    let mut out: Vec<QWord> = Vec::new();
    let mut prev_digits = false;
    for t in normalize::tokens(&key) {
        let digits = t.text.bytes().all(|b| b.is_ascii_digit());
        if digits
            && prev_digits
            && let Some(last) = out.last_mut()
        {
            last.text.push_str(t.text);
            last.chars = last.text.chars().collect();
            continue;
        }
        prev_digits = digits;
        out.push(QWord {
            text: t.text.to_string(),
            chars: t.text.chars().collect(),
            optional: normalize::is_stopword(t.text),
            digits,
            typing: false,
        });
    }
    if typing && let Some(last) = out.last_mut() {
        last.typing = true;
    }
    // A query of function words only («на») still has to match them.
    if out.iter().all(|w| w.optional) {
        out.iter_mut().for_each(|w| w.optional = false);
    }
    // Keep the first MAX_WORDS required words and the optional ones among them.
    let mut required = 0;
    out.retain(|w| {
        if !w.optional {
            required += 1;
        }
        required <= MAX_WORDS && !(w.optional && required >= MAX_WORDS)
    });
    out
}

/// `raw` as typed, and as it may have been meant. A space after the last word says it is
/// complete.
pub(super) fn readings(raw: &str, has_latin: bool) -> Vec<ReadingQuery> {
    let typing = !raw.ends_with(char::is_whitespace);
    let raw = raw.trim();
    let query_words = |q: &str| query_words(q, typing);
    let mut out = vec![ReadingQuery {
        reading: Reading::AsTyped,
        words: query_words(raw),
        latin: false,
    }];
    if layout::looks_latin(raw) {
        let text = layout::latin_to_ukrainian(raw);
        out.push(ReadingQuery {
            words: query_words(&text),
            reading: Reading::Layout { text },
            latin: false,
        });
        let folded = translit::fold(&raw.to_lowercase());
        let words = query_words(&folded)
            .into_iter()
            .map(|mut w| {
                // «pro», «na» are function words in Cyrillic too.
                w.optional = normalize::is_stopword(&translit::to_cyrillic(&w.text));
                w
            })
            .collect();
        out.push(ReadingQuery {
            reading: Reading::Translit {
                text: translit::to_cyrillic(&raw.to_lowercase()),
            },
            words,
            latin: true,
        });
    } else {
        if let Some(text) = layout::russian_to_ukrainian(raw) {
            out.push(ReadingQuery {
                words: query_words(&text),
                reading: Reading::Layout { text },
                latin: false,
            });
        }
        if has_latin && let Some(text) = layout::ukrainian_to_latin(raw) {
            out.push(ReadingQuery {
                words: query_words(&text),
                reading: Reading::Layout { text },
                latin: false,
            });
        }
    }
    out
}

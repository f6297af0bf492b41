//! Where a query matches a displayed text, for highlighting the visible rows: the same tiers
//! as matching, on one text, mapped back to the displayed characters.

use super::engine::Engine;
use super::query::{QWord, readings};
use super::score;
use super::translit;
use crate::text::normalize;

impl Engine {
    /// Character indices of `query`'s matches in `text` (for highlighting visible rows).
    pub fn match_indices(&self, text: &str, query: &str) -> Vec<usize> {
        let (key, map) = normalize::normalize_mapped(text);
        for rq in readings(query, self.index.has_latin) {
            let mut out: Vec<usize> = Vec::new();
            for t in normalize::tokens(&key) {
                let tchars: Vec<char> = t.text.chars().collect();
                let latin = rq
                    .latin
                    .then(|| translit::fold(&translit::to_latin(t.text)));
                for w in &rq.words {
                    let Some((from, len)) = highlight(w, t.text, &tchars, latin.as_deref()) else {
                        continue;
                    };
                    for k in from..(from + len).min(tchars.len()) {
                        if let Some(&m) = map.get(t.start + k) {
                            out.push(m as usize);
                        }
                    }
                }
            }
            if !out.is_empty() {
                out.sort_unstable();
                out.dedup();
                return out;
            }
        }
        Vec::new()
    }
}

/// Where in one word of the text a query word matches: (first char, length), for
/// highlighting. Mirrors the tiers of [`match_word`].
fn highlight(
    w: &QWord,
    token: &str,
    tchars: &[char],
    latin: Option<&str>,
) -> Option<(usize, usize)> {
    let n = w.chars.len();
    if let Some(lat) = latin {
        let lat_chars = lat.chars().count().max(1);
        // The Latin form is longer; highlight the proportion of the word that matched.
        let scale = |k: usize| (k * tchars.len()).div_ceil(lat_chars);
        if lat.starts_with(&w.text) {
            return Some((0, scale(n)));
        }
        let cp = score::common_prefix(lat, &w.text);
        if cp >= score::stem_len(n) {
            return Some((0, scale(cp)));
        }
        return None;
    }
    if token.starts_with(&w.text) {
        return Some((0, n));
    }
    if w.digits {
        return token
            .find(&w.text)
            .filter(|_| n >= 3)
            .map(|b| (token[..b].chars().count(), n));
    }
    let cp = score::common_prefix(token, &w.text);
    if cp >= score::stem_len(n) {
        return Some((0, cp));
    }
    if n >= 4 {
        let lt = normalize::loose(token);
        let lw = normalize::loose(&w.text);
        let lcp = score::common_prefix(&lt, &lw);
        if lt.starts_with(&lw) || lcp >= score::stem_len(lw.chars().count()) {
            return Some((0, n.min(tchars.len())));
        }
    }
    if n >= 5 && tchars.first() == w.chars.first() && score::typo_match(&w.chars, tchars) {
        return Some((0, n.min(tchars.len())));
    }
    if n >= 4
        && let Some(b) = token.find(&w.text)
    {
        return Some((token[..b].chars().count(), n));
    }
    None
}

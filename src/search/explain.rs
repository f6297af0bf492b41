//! Why a result ranks: for each word of the query, which field of the agency it matched, the
//! directory's word it matched, and how (exact, word form, thesaurus entry, typo…), so that a
//! maintainer can fix the data or the thesaurus instead of guessing.

use super::index::NO_SERVICE;
use super::query::{ReadingQuery, readings};
use super::score::Tier;
use super::{Engine, Hit, Results};
use serde::Serialize;

/// How one word of the query matched one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordMatch {
    /// The query word, as read.
    pub word: String,
    /// `exact`, `prefix`, `word-form`, `russian`, `thesaurus`, `typo`, `fallback`;
    /// `nationwide` (a town, and the agency serves the whole country); `area` (a town the
    /// agency serves from elsewhere: its oblast, or listed in `serves`); `unused`.
    pub how: &'static str,
    /// The field it matched in ([`super::FieldKind::code`]), when it did.
    pub field: Option<&'static str>,
    /// The directory's word it matched.
    pub found: Option<String>,
    /// The thesaurus entry that bridged it: «need (file:line)».
    pub thesaurus: Option<String>,
}

impl Engine {
    /// Explains `hit`, one of `results` for `query`.
    pub fn explain(&mut self, query: &str, results: &Results, hit: &Hit) -> Vec<WordMatch> {
        self.explain_hits(query, results, std::slice::from_ref(hit))
            .pop()
            .unwrap_or_default()
    }

    /// Explains each of `hits` (of `results` for `query`), matching the query's words once.
    pub fn explain_hits(
        &mut self,
        query: &str,
        results: &Results,
        hits: &[Hit],
    ) -> Vec<Vec<WordMatch>> {
        let rqs = readings(query, self.index.has_latin);
        let Some(rq) = rqs
            .iter()
            .find(|r| r.reading == results.reading)
            .or(rqs.first())
        else {
            return vec![Vec::new(); hits.len()];
        };
        self.match_words(rq);
        hits.iter().map(|h| self.explain_one(rq, h)).collect()
    }

    /// One hit, the query's words already matched.
    fn explain_one(&self, rq: &ReadingQuery, hit: &Hit) -> Vec<WordMatch> {
        let a = hit.agency;
        let service = hit.service.map_or(NO_SERVICE, |s| s as u32);
        let mut out = Vec::new();
        for (wi, w) in rq.words.iter().enumerate() {
            if w.optional {
                continue;
            }
            let ws = &self.words[wi];
            let locality_only = !ws.localities.is_empty();
            // Best match over the agency's own fields and the named service's.
            let mut best: Option<(u32, Tier, &'static str, u32)> = None;
            for f in self.index.agency_fields(a) {
                if f.service != NO_SERVICE && f.service != service {
                    continue;
                }
                if locality_only && f.kind != super::FieldKind::Locality {
                    continue;
                }
                // A thesaurus phrase counts only where the field holds all of it.
                let got = self
                    .index
                    .field_words(f)
                    .iter()
                    .filter_map(|&t| ws.phrase_bits(t))
                    .fold(0, |m, b| m | b);
                let whole = ws.completes_phrase(got);
                for &tok in self.index.field_words(f) {
                    let Some(tier) = Tier::from_u8(ws.tiers[tok as usize]) else {
                        continue;
                    };
                    if tier == Tier::Thesaurus && !whole {
                        continue;
                    }
                    let v = tier.points() * f.kind.weight();
                    if best.is_none_or(|b| v > b.0) {
                        best = Some((v, tier, f.kind.code(), tok));
                    }
                }
            }
            let m = match best {
                Some((_, tier, field, tok)) => {
                    let found = self.index.vocab[tok as usize].clone();
                    let thesaurus = (tier == Tier::Thesaurus)
                        .then(|| self.bridge(wi, &found))
                        .flatten();
                    WordMatch {
                        word: w.text.clone(),
                        how: tier.code(),
                        field: Some(field),
                        found: Some(found),
                        thesaurus,
                    }
                }
                None => WordMatch {
                    word: w.text.clone(),
                    how: match locality_only && self.serves_town(a as u32, wi) {
                        true if self.index.agencies[a].nationwide => "nationwide",
                        true => "area",
                        false => "unused",
                    },
                    field: None,
                    found: None,
                    thesaurus: None,
                },
            };
            out.push(m);
        }
        out
    }

    /// The thesaurus entry through which query word `wi` reached the directory's `found`.
    fn bridge(&self, wi: usize, found: &str) -> Option<String> {
        self.entries[wi].iter().find_map(|&e| {
            let hit = self.thesaurus.expansions(e).iter().flatten().any(|t| {
                let n = t.chars().count();
                let stem: String = t.chars().take(super::score::stem_len(n).min(n)).collect();
                found.starts_with(&stem)
            });
            hit.then(|| {
                let entry = self.thesaurus.entry(e);
                format!("{} ({})", entry.name, entry.origin)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::directory::{LoadOptions, load_demo};
    use crate::i18n::Lang;
    use crate::search::{Engine, SearchOptions};
    use std::sync::Arc;

    #[test]
    fn explains_each_word_with_field_and_tier() {
        let dir = load_demo(&LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        });
        let mut e = Engine::new(Arc::new(dir));
        let q = "посіяла паспорт бабусею";
        let r = e.search(q, &SearchOptions::default());
        let top = r.hits[0].clone();
        let x = e.explain(q, &r, &top);
        let words: Vec<(&str, &str)> = x.iter().map(|m| (m.word.as_str(), m.how)).collect();
        assert_eq!(
            words,
            [
                ("посіяла", "thesaurus"),
                ("паспорт", "exact"),
                ("бабусею", "unused")
            ],
            "{x:#?}"
        );
        assert!(
            x[0].thesaurus
                .as_deref()
                .is_some_and(|t| t.starts_with("втрата документа (data/thesaurus.toml:")),
            "{x:#?}"
        );
        assert_eq!(r.unused(&top), ["бабусею"]);
    }
}

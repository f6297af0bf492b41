//! The top N without scoring every candidate. At 100,000 agencies the first letters of a query
//! match nearly all of them, and walking each one's fields is what costs. Instead, each matched
//! word's postings say, per agency, the best field weight the word has there and in how many
//! fields it is ([`PostInfo`]); one pass over them (term at a time) bounds from above what
//! every agency can score. Candidates are then scored in full best bound first, and scoring
//! stops once no bound can reach the N-th best (the MaxScore idea), so the ranking is exactly
//! the one scoring everything would give.
//!
//! The count of matches stays exact too: the postings say for sure that an agency has every
//! word — except where a word matches it only through a thesaurus phrase, which counts only
//! when one field holds the whole phrase. Those agencies are scored in full.

use super::engine::Engine;
use super::postings::{OWN, PostInfo};
use super::rank::{
    FIELDS_BONUS, How, RankKey, Scored, TIER_POINTS, TOGETHER_BONUS, bits, rank_key,
    served_town_value,
};
use super::score::Tier;
use std::collections::BinaryHeap;

/// A word's bound in one agency, packed in 32 bits: its best points × field weight (at most
/// 20 × 10), in how many fields (up to 7; more earn no more), the places (as in
/// [`PostInfo::weight_places`]) where it matches for sure, and those where it may match
/// (through a thesaurus phrase, which counts only whole in one field).
const VALUE: u32 = 0xFF;
const FIELDS_SHIFT: u32 = 8;
const MAX_FIELDS: u32 = 7;
const SURE_SHIFT: u32 = 11;
const ANY_SHIFT: u32 = 18;
const PLACES: u32 = 0x7F;
/// Choices of service for a hit: none (place 0, the agency's own fields) or one of its first
/// five (places 1 to 5) are told apart; place 6 stands for every later service.
const PLACE_CHOICES: usize = 7;
const EXACT_CHOICES: usize = 6;

/// [`Tier::Thesaurus`] as stored per vocabulary word.
const THESAURUS: u8 = Tier::Thesaurus.to_u8();

/// What the caller ranks by: the best `limit` hits (0 = all) with `near`'s agencies first
/// among equals.
#[derive(Debug, Clone, Copy)]
pub(super) struct Goal {
    pub(super) limit: usize,
    pub(super) near: Option<u32>,
}

/// The hits of one run.
#[derive(Debug, Default)]
pub(super) struct Top {
    /// Hits scored in full: among them every hit that can be in the top `limit`, and the one
    /// covering most words with the highest score.
    pub(super) scored: Vec<Scored>,
    /// Every hit, scored or not.
    pub(super) hits: Vec<u32>,
}

/// Per query word, per agency, its packed bound (see [`VALUE`]); empty until needed.
#[derive(Default)]
pub(super) struct Bounds {
    acc: Vec<Vec<u32>>,
    /// Whether `acc` holds the current run's words.
    filled: bool,
}

impl Bounds {
    /// Forgets the words of the previous run.
    pub(super) fn reset(&mut self) {
        self.filled = false;
    }
}

/// What the postings say about one candidate.
enum Judged {
    /// Not a hit: a word it needs is missing.
    Out,
    /// A hit for sure, ranking at best as `key`; `best` bounds its (words covered, score).
    Sure { key: RankKey, best: (u8, u32) },
    /// Maybe a hit: only scoring it tells.
    Maybe,
}

impl Engine {
    /// The hits among `cand` (scored with `how`), added to `top`: the ones that can rank in the
    /// top `goal.limit` scored in full, the others only counted. None when cancelled.
    pub(super) fn score_top(
        &mut self,
        cand: &[u32],
        how: &How,
        goal: Goal,
        mut top: Top,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Top> {
        if goal.limit == 0 || cand.len() <= goal.limit {
            // Every hit is needed.
            let scored = self.score_many(cand, how, cancelled)?;
            top.hits.extend(scored.iter().map(|s| s.agency));
            top.scored.extend(scored);
            return Some(top);
        }
        if !self.bounds.filled {
            self.fill_bounds(how);
        }
        let mut sure: Vec<(RankKey, (u8, u32))> = Vec::new();
        let mut maybe: Vec<u32> = Vec::new();
        for &a in cand {
            match self.judge(a, how, goal) {
                Judged::Out => {}
                Judged::Sure { key, best } => {
                    top.hits.push(a);
                    sure.push((key, best));
                }
                Judged::Maybe => maybe.push(a),
            }
        }
        if cancelled() {
            return None;
        }
        let scored = self.score_many(&maybe, how, cancelled)?;
        top.hits.extend(scored.iter().map(|s| s.agency));
        top.scored.extend(scored);

        // The `limit` best keys so far, worst on top.
        let key = |s: &Scored| rank_key(&self.index, goal.near, s.agency, s.covered, s.score);
        let mut best: BinaryHeap<RankKey> = BinaryHeap::with_capacity(goal.limit + 1);
        let keep = |best: &mut BinaryHeap<RankKey>, k: RankKey| {
            best.push(k);
            if best.len() > goal.limit {
                best.pop();
            }
        };
        for s in &top.scored {
            keep(&mut best, key(s));
        }
        // Best bound first, in growing batches (most queries need only the first).
        let mut rest = &mut sure[..];
        let mut batch = (goal.limit * 2).max(32);
        let mut done = 0;
        'batches: while !rest.is_empty() {
            let m = batch.min(rest.len());
            if m < rest.len() {
                rest.select_nth_unstable_by_key(m, |c| c.0);
            }
            let (head, tail) = rest.split_at_mut(m);
            head.sort_unstable_by_key(|c| c.0);
            for (i, c) in head.iter().enumerate() {
                if best.len() == goal.limit && best.peek().is_some_and(|k| c.0 > *k) {
                    // No bound from here on reaches the top `limit`.
                    done += i;
                    break 'batches;
                }
                let s = self.score_agency(c.0.3, how);
                debug_assert!(s.is_some(), "agency {} matches for sure", c.0.3);
                if let Some(s) = s {
                    keep(&mut best, key(&s));
                    top.scored.push(s);
                }
            }
            done += m;
            rest = tail;
            batch *= 2;
            if cancelled() {
                return None;
            }
        }
        // The reading whose best hit covers most words and scores highest wins: make sure
        // that hit is scored too, whatever its rank.
        let mut most = top.scored.iter().map(|s| (s.covered, s.score)).max();
        let unscored = if done < sure.len() {
            &sure[done..]
        } else {
            &[][..]
        };
        for c in unscored {
            if most.is_none_or(|m| c.1 > m)
                && let Some(s) = self.score_agency(c.0.3, how)
            {
                most = most.max(Some((s.covered, s.score)));
                top.scored.push(s);
            }
        }
        Some(top)
    }

    /// One pass over the postings of every vocabulary word the required words match: per
    /// word and agency, the best points × field weight, the fields, the places sure or maybe.
    fn fill_bounds(&mut self, how: &How) {
        let n = self.index.agencies.len();
        let mut acc = std::mem::take(&mut self.bounds.acc);
        if acc.len() < how.len {
            acc.resize_with(how.len, Vec::new);
        }
        for wi in bits(how.required) {
            let acc = &mut acc[wi];
            acc.clear();
            acc.resize(n, 0);
            let town = how.town & 1 << wi != 0;
            let ws = &self.words[wi];
            for &t in &ws.touched {
                let tier = ws.tiers[t as usize];
                let word = Word {
                    points: TIER_POINTS[tier as usize],
                    sure: tier != THESAURUS,
                    town,
                    digits: how.has_digits,
                };
                let (post, info) = self.index.postings_info(t);
                word.add(acc, post, info);
            }
            if town {
                // A town in the query does not hide an agency that serves it from elsewhere.
                let v = served_town_value();
                let places = u32::from(OWN) << SURE_SHIFT | u32::from(OWN) << ANY_SHIFT;
                let idx = &self.index;
                let near = ws.localities.iter().flat_map(|&l| idx.local_agencies(l));
                for r in idx.nationwide.iter().copied().chain(near) {
                    if self.serves_town(r, wi) {
                        let e = &mut acc[r as usize];
                        *e = (*e & !VALUE) | (*e & VALUE).max(v) | places;
                    }
                }
            }
        }
        self.bounds.acc = acc;
        self.bounds.filled = true;
    }

    /// What the postings say about agency `a`. The scorer takes every word from the agency's
    /// own fields and one of its services: a hit needs one choice of service that has them.
    fn judge(&self, a: u32, how: &How, goal: Goal) -> Judged {
        // Per choice of service (0: none), the words found for sure / maybe.
        let mut sure = [0u32; PLACE_CHOICES];
        let mut any = [0u32; PLACE_CHOICES];
        let mut score = 0u32;
        for wi in bits(how.required) {
            let e = self.bounds.acc[wi][a as usize];
            let maybe_at = e >> ANY_SHIFT & PLACES;
            if maybe_at == 0 {
                continue;
            }
            let sure_at = e >> SURE_SHIFT & PLACES;
            for c in 0..PLACE_CHOICES {
                let choice = u32::from(OWN) | 1 << c;
                if maybe_at & choice != 0 {
                    any[c] |= 1 << wi;
                }
                if sure_at & choice != 0 {
                    sure[c] |= 1 << wi;
                }
            }
            let fields = (e >> FIELDS_SHIFT & MAX_FIELDS).saturating_sub(1).min(6);
            score += (e & VALUE) * how.weights[wi] / 100 + FIELDS_BONUS * fields;
        }
        let town = u32::from(how.town) & how.required;
        let content = how.required & !town;
        let is_hit = |got: u32| match how.partial {
            None => got == how.required,
            Some(min) => {
                got & town == town && got.count_ones() >= u32::from(min) && got & content != 0
            }
        };
        if !any.iter().any(|&g| is_hit(g)) {
            return Judged::Out;
        }
        // The last place stands for several services: it never makes a hit sure.
        if !sure[..EXACT_CHOICES].iter().any(|&g| is_hit(g)) {
            return Judged::Maybe;
        }
        let most = any.iter().map(|g| g.count_ones()).max().unwrap_or(0);
        score += TOGETHER_BONUS * most.saturating_sub(1);
        let covered = most as u8;
        Judged::Sure {
            key: rank_key(&self.index, goal.near, a, covered, score),
            best: (covered, score),
        }
    }
}

/// One vocabulary word matched by one query word, as it adds to the query word's bounds.
struct Word {
    points: u32,
    /// Not through the thesaurus (which counts only for a whole phrase in one field).
    sure: bool,
    town: bool,
    digits: bool,
}

impl Word {
    fn add(&self, acc: &mut [u32], post: &[u32], info: &[PostInfo]) {
        for (&a, &i) in post.iter().zip(info) {
            let (w, sure_at, maybe_at) = i.weight_places(self.town, self.digits);
            if w == 0 {
                continue;
            }
            let e = &mut acc[a as usize];
            let value = (*e & VALUE).max(self.points * w);
            let fields = ((*e >> FIELDS_SHIFT & MAX_FIELDS) + i.fields()).min(MAX_FIELDS);
            let mut places = *e & (PLACES << SURE_SHIFT | PLACES << ANY_SHIFT);
            places |= u32::from(maybe_at) << ANY_SHIFT;
            if self.sure {
                places |= u32::from(sure_at) << SURE_SHIFT;
            }
            *e = places | fields << FIELDS_SHIFT | value;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::directory::{LoadOptions, load_demo};
    use crate::i18n::Lang;
    use crate::search::{Engine, SearchOptions};
    use std::sync::Arc;

    /// The relevance suites' queries, typed letter by letter.
    fn typed() -> Vec<String> {
        let mut out = Vec::new();
        for text in [
            include_str!("../../tests/fixtures/search/relevance.toml"),
            include_str!("../../tests/fixtures/search/needs.toml"),
        ] {
            let suite: toml::Table = toml::from_str(text).expect("the suite parses");
            let cases = suite["case"].as_array().expect("cases");
            for q in cases.iter().filter_map(|c| c["query"].as_str()) {
                let chars: Vec<char> = q.chars().collect();
                out.extend((1..=chars.len()).map(|k| chars[..k].iter().collect::<String>()));
                out.push(format!("{q} "));
            }
        }
        out
    }

    #[test]
    fn a_short_list_is_the_head_of_the_whole_list_with_the_same_count() {
        let opts = LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        };
        let mut e = Engine::new(Arc::new(load_demo(&opts)));
        let mut cut = 0;
        for q in typed() {
            for near in [None, Some("Житомир".to_string())] {
                let o = |limit| SearchOptions {
                    limit,
                    near: near.clone(),
                    ..Default::default()
                };
                let all = e.search(&q, &o(0));
                for limit in [1, 3] {
                    let short = e.search(&q, &o(limit));
                    let head = &all.hits[..limit.min(all.hits.len())];
                    assert_eq!(short.hits, head, "{q:?}, limit {limit}, near {near:?}");
                    assert_eq!(short.total, all.total, "{q:?}, limit {limit}");
                    assert_eq!(short.reading, all.reading, "{q:?}, limit {limit}");
                    cut += usize::from(all.total > limit);
                }
            }
        }
        // Many short lists were cut from more hits (what the bounds decide).
        assert!(cut > 1000, "{cut}");
    }
}

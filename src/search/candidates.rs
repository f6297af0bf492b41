//! Which agencies are scored: those having every word that matches anything (from the inverted
//! lists, rarest word first, or within the previous keystroke's hits when the new query can only
//! narrow them), and when those are few, the agencies covering part of the need.

use super::engine::Engine;
use super::index::Index;
use super::query::{QWord, ReadingQuery};
use super::rank::Scored;
use super::topk::{Goal, Top};
use super::{Reading, index::NO_SERVICE};

/// Fewer full matches than this, and agencies that cover part of the need are looked for too.
const PARTIAL_BELOW: usize = 10;

/// A query whose hits a longer query can be searched within: every agency the longer query
/// matches is among them (see [`Previous::narrows_to`]).
pub(super) struct Previous {
    pub(super) words: Vec<(String, bool)>,
    pub(super) filter: (Option<u32>, Option<u32>),
    pub(super) hits: Vec<u32>,
    pub(super) had_locality: bool,
    /// The thesaurus entries of each word: a word that joins a phrase («не платить» →
    /// «не платить аліменти») can match more, and then the new query does not narrow.
    pub(super) entries: Vec<Vec<u32>>,
}

impl Previous {
    /// Whether `new` can only match agencies the previous query matched: the same words, the
    /// last one possibly longer, more words after. Matching is monotone in a word's length
    /// once it has five letters (all length thresholds are below that) and begins some word
    /// (no last-resort pass), and locality words could widen when they stop being one.
    fn narrows_to(
        &self,
        new: &[QWord],
        entries: &[Vec<u32>],
        filter: &Filter,
        last_begins_some: bool,
    ) -> bool {
        let n = self.words.len();
        if n == 0 || entries.len() < n {
            return false;
        }
        let same_entries = self.entries[..n - 1] == entries[..n - 1]
            && entries[n - 1]
                .iter()
                .all(|e| self.entries[n - 1].contains(e));
        if !same_entries
            || self.had_locality
            || self.filter != (filter.locality, filter.category)
            || self.words.is_empty()
            || new.len() < self.words.len()
            || self.words.iter().all(|w| w.1)
        {
            return false;
        }
        self.words
            .iter()
            .zip(new)
            .enumerate()
            .all(|(i, ((t, opt), w))| {
                if *t == w.text && *opt == w.optional {
                    return true;
                }
                i == n - 1
                    && !opt
                    && !w.optional
                    && w.text.starts_with(t.as_str())
                    && t.chars().count() >= 5
                    && (n == new.len() && last_begins_some || n < new.len())
            })
    }
}

pub(super) struct Filter {
    /// A locality (`NO_LOCALITY` for «уся Україна / онлайн»).
    pub(super) locality: Option<u32>,
    pub(super) category: Option<u32>,
}

impl Filter {
    /// Closed agencies never; a town filter keeps the agencies that serve the town without
    /// being there (the whole country, its oblast, or the town by name).
    pub(super) fn admits(&self, idx: &Index, a: u32) -> bool {
        let r = &idx.agencies[a as usize];
        !r.closed
            && self
                .locality
                .is_none_or(|l| r.locality == l || idx.serves(a, l))
            && self.category.is_none_or(|c| r.category == c)
    }
}

impl Engine {
    /// Every agency the filter admits (an empty query).
    pub(super) fn list_all(&self, filter: &Filter) -> Vec<Scored> {
        (0..self.index.agencies.len() as u32)
            .filter(|&a| filter.admits(&self.index, a))
            .map(|a| Scored {
                agency: a,
                service: NO_SERVICE,
                score: 0,
                worst: 0,
                matched: 0,
                covered: 0,
            })
            .collect()
    }

    /// All hits of one reading: every agency that matches all the query's words that match
    /// anything, and when those are few, the agencies that cover part of the need — those that
    /// can rank in `goal`'s top scored, the others counted. None when cancelled.
    pub(super) fn run(
        &mut self,
        rq: &ReadingQuery,
        filter: &Filter,
        goal: Goal,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Top> {
        let last_begins_some = self.match_words(rq);
        let mut stretches = 0u32;
        for ws in &self.words[..rq.words.len()] {
            for &t in &ws.touched {
                stretches |= self.index.stretch_bit(t);
            }
        }
        if cancelled() {
            return None;
        }
        // A word that matches nothing anywhere is left out («не враховано»); the others count.
        let unused: u32 = (0..rq.words.len())
            .filter(|&i| {
                let ws = &self.words[i];
                !rq.words[i].optional && ws.touched.is_empty() && ws.localities.is_empty()
            })
            .fold(0, |m, i| m | 1 << i);
        let required: Vec<usize> = (0..rq.words.len())
            .filter(|&i| !rq.words[i].optional && unused & 1 << i == 0)
            .collect();
        if required.is_empty() {
            return Some(Top::default());
        }
        let as_typed = matches!(rq.reading, Reading::AsTyped);
        let restrict = match &self.last {
            Some(p)
                if as_typed
                    && unused == 0
                    && p.narrows_to(&rq.words, &self.entries, filter, last_begins_some) =>
            {
                Some(
                    std::mem::take(&mut self.last)
                        .map(|p| p.hits)
                        .unwrap_or_default(),
                )
            }
            _ => None,
        };

        let weights = self.word_weights(&required);
        self.bounds.reset();
        let cand = self.candidates(&required, restrict.as_deref(), filter, cancelled)?;
        let how = self.how(rq, unused, None, stretches, &weights);
        let mut top = self.score_top(&cand, &how, goal, Top::default(), cancelled)?;
        let strict_hits = top.hits.len();
        let content = required
            .iter()
            .filter(|&&i| self.words[i].localities.is_empty())
            .count();
        if strict_hits < PARTIAL_BELOW && content >= 2 {
            // Few agencies have every word: add those that cover at least half of the need
            // (a town alone is not part of it), ranked below.
            let min = required.len().div_ceil(2) as u8;
            let cand = self.union_candidates(&required, &top.hits, filter);
            let how = self.how(rq, unused, Some(min), stretches, &weights);
            top = self.score_top(&cand, &how, goal, top, cancelled)?;
        }
        if as_typed {
            let mut hits = top.hits.clone();
            hits.sort_unstable();
            self.last = Some(Previous {
                words: rq
                    .words
                    .iter()
                    .map(|w| (w.text.clone(), w.optional))
                    .collect(),
                filter: (filter.locality, filter.category),
                hits,
                had_locality: self.words[..rq.words.len()]
                    .iter()
                    .any(|w| !w.localities.is_empty()),
                entries: self.entries.clone(),
            });
        }
        Some(top)
    }

    /// Whether agency `a` serves a town query word `wi` names without being there: a town
    /// never hides the agencies that serve it.
    pub(super) fn serves_town(&self, a: u32, wi: usize) -> bool {
        self.words[wi]
            .localities
            .iter()
            .any(|&l| self.index.serves(a, l))
    }

    /// The agencies a query word can match: through its matched words, or the localities it
    /// names plus the agencies that serve them from elsewhere (the whole country, their
    /// oblast, or them by name).
    fn word_agencies(&self, wi: usize, mut mark: impl FnMut(u32)) {
        let ws = &self.words[wi];
        if ws.localities.is_empty() {
            for &t in &ws.touched {
                for &a in self.index.postings(t) {
                    mark(a);
                }
            }
        } else {
            for &l in &ws.localities {
                self.index.local_agencies(l).for_each(&mut mark);
            }
            for &a in &self.index.nationwide {
                mark(a);
            }
        }
    }

    /// Candidates having every word of `required`, starting from the rarest word.
    fn candidates(
        &mut self,
        required: &[usize],
        restrict: Option<&[u32]>,
        filter: &Filter,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<u32>> {
        let mut est: Vec<(usize, usize)> = required
            .iter()
            .map(|&wi| {
                let ws = &self.words[wi];
                let n = if ws.localities.is_empty() {
                    ws.touched
                        .iter()
                        .map(|&t| self.index.postings(t).len())
                        .sum()
                } else {
                    ws.localities
                        .iter()
                        .map(|&l| self.index.local_count(l))
                        .sum::<usize>()
                        + self.index.nationwide.len()
                };
                (n, wi)
            })
            .collect();
        est.sort_unstable();
        if est.first().is_none_or(|e| e.0 == 0) {
            return Some(Vec::new());
        }
        let mut cand: Vec<u32> = Vec::new();
        for (k, &(n, wi)) in est.iter().enumerate() {
            if k > 0 && n > 8 * cand.len() {
                // Cheaper to check this word while scoring the few candidates.
                break;
            }
            let stamp = self.next_stamp();
            let mut marks = std::mem::take(&mut self.marks);
            self.word_agencies(wi, |a| marks[a as usize] = stamp);
            self.marks = marks;
            if k == 0 {
                cand = match restrict {
                    Some(r) => r
                        .iter()
                        .copied()
                        .filter(|&a| self.marks[a as usize] == stamp)
                        .collect(),
                    None => (0..self.index.agencies.len() as u32)
                        .filter(|&a| self.marks[a as usize] == stamp)
                        .filter(|&a| filter.admits(&self.index, a))
                        .collect(),
                };
            } else {
                cand.retain(|&a| self.marks[a as usize] == stamp);
            }
            if cancelled() {
                return None;
            }
        }
        Some(cand)
    }

    /// Agencies having any word of `required`, except those already in `found`.
    fn union_candidates(&mut self, required: &[usize], found: &[u32], filter: &Filter) -> Vec<u32> {
        let stamp = self.next_stamp();
        let mut marks = std::mem::take(&mut self.marks);
        for &wi in required {
            if self.words[wi].localities.is_empty() {
                self.word_agencies(wi, |a| marks[a as usize] = stamp);
            }
        }
        for &a in found {
            marks[a as usize] = 0;
        }
        self.marks = marks;
        (0..self.index.agencies.len() as u32)
            .filter(|&a| self.marks[a as usize] == stamp && filter.admits(&self.index, a))
            .collect()
    }

    /// A fresh mark for `marks` (cleared when the counter wraps).
    fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.marks.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
        self.stamp
    }
}

//! The engine over one loaded directory: it reads a query in its possible readings, runs each,
//! keeps the best, ranks the top N and remembers recent queries (for backspace and narrowing).

use super::candidates::{Filter, Previous};
use super::index::{self, Index, NO_LOCALITY, NO_SERVICE};
use super::matching::{QueryTokens, WordScratch};
use super::query::{ReadingQuery, readings};
use super::rank::{Scored, rank_key};
use super::thesaurus::Thesaurus;
use super::topk::{Bounds, Goal, Top};
use super::{
    Hit, NATIONWIDE, Reading, Results, Scoring, SearchOptions, WordForms, layout, score, suggest,
};
use crate::directory::Directory;
use crate::directory::cache::CacheHandle;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many recent queries are remembered (for backspace).
const CACHE_SIZE: usize = 64;

/// The search engine over one loaded directory.
pub struct Engine {
    pub(super) dir: Arc<Directory>,
    pub(super) index: Index,
    pub(super) words: Vec<WordScratch>,
    pub(super) marks: Vec<u32>,
    pub(super) stamp: u32,
    pub(super) cache: HashMap<(String, SearchOptions), Results>,
    /// The last query read as typed and every agency it matched, to narrow from.
    pub(super) last: Option<Previous>,
    /// Bit per vocabulary word: does any query word match it (skips most words fast).
    pub(super) any: Vec<u64>,
    /// The matches of every vocabulary word any query word matches, for scoring.
    pub(super) tokens: QueryTokens,
    pub(super) thesaurus: Thesaurus,
    /// Per query word of the current run, the thesaurus entries it takes part in.
    pub(super) entries: Vec<Vec<u32>>,
    pub(super) forms: WordForms,
    pub(super) scoring: Scoring,
    /// Per query word and agency, what it can score there (for the top N without scoring all).
    pub(super) bounds: Bounds,
    /// Searching for a suggestion: a corrected query that finds nothing offers none itself
    /// (two words each other's nearest, «житло» ↔ «житла», would otherwise recurse forever).
    pub(super) suggesting: bool,
}

impl Engine {
    /// An engine over `dir`, building its index.
    pub fn new(dir: Arc<Directory>) -> Engine {
        Engine::cached(dir, None)
    }

    /// An engine over `dir`. When the directory came through the parsed-directory cache
    /// (`cache` is its handle), its index is read from beside it (building one takes ~6 s at
    /// 100k agencies) or built and stored there.
    pub fn cached(dir: Arc<Directory>, cache: Option<&CacheHandle>) -> Engine {
        let index = match cache {
            Some(cache) => {
                let n = dir.agencies.len();
                let fits = |i: &Index| i.agencies.len() == n && i.field_off.len() == n + 1;
                cache
                    .derived("index", index::FORMAT_VERSION, fits, || Index::build(&dir))
                    .0
            }
            None => Index::build(&dir),
        };
        Engine::with_index(dir, index)
    }

    /// An engine over an index built before (e.g. kept in a cache with the directory).
    /// `index` must have been built from `dir`.
    pub fn with_index(dir: Arc<Directory>, index: Index) -> Engine {
        let n = index.agencies.len();
        let thesaurus = Thesaurus::new(&dir.thesaurus);
        Engine {
            dir,
            index,
            words: Vec::new(),
            marks: vec![0; n],
            stamp: 0,
            cache: HashMap::new(),
            last: None,
            any: Vec::new(),
            tokens: QueryTokens::default(),
            thesaurus,
            entries: Vec::new(),
            forms: WordForms::default(),
            scoring: Scoring::default(),
            bounds: Bounds::default(),
            suggesting: false,
        }
    }

    /// Chooses how word matches add up (for measuring the models against each other).
    pub fn set_scoring(&mut self, scoring: Scoring) {
        self.scoring = scoring;
        self.clear_cache();
    }

    /// Chooses how word forms are recognised (for measuring the rules against each other).
    pub fn set_word_forms(&mut self, forms: WordForms) {
        self.forms = forms;
        self.clear_cache();
    }

    pub fn thesaurus(&self) -> &Thesaurus {
        &self.thesaurus
    }

    pub fn directory(&self) -> &Arc<Directory> {
        &self.dir
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Forgets remembered queries and their results: the screen's next visitor, and benchmarks
    /// that measure real searches.
    pub fn clear_cache(&mut self) {
        self.cache.clear();
        self.last = None;
    }

    /// Every piece of query text the engine remembers: the queries it keeps results for, how
    /// it read them, and the words of the last query it narrows from.
    pub fn remembered_queries(&self) -> Vec<&str> {
        let cached = self.cache.iter().flat_map(|((q, _), r)| {
            let read = match &r.reading {
                Reading::AsTyped => None,
                Reading::Layout { text } | Reading::Translit { text } => Some(text.as_str()),
            };
            std::iter::once(q.as_str()).chain(read)
        });
        let last = self
            .last
            .iter()
            .flat_map(|p| p.words.iter().map(|(w, _)| w.as_str()));
        cached.chain(last).collect()
    }

    /// Runs a query. An empty query lists every offered agency.
    pub fn search(&mut self, query: &str, opts: &SearchOptions) -> Results {
        let never = AtomicU64::new(0);
        // Unreachable `None`: nobody else holds `never`; an empty result is still correct.
        self.search_cancellable(query, opts, &never, 0)
            .unwrap_or_default()
    }

    /// The filter `opts` asks for, in index terms.
    fn filter(&self, opts: &SearchOptions) -> Filter {
        let locality = match opts.locality.as_deref() {
            // Agencies without a locality are the remote ones.
            Some(NATIONWIDE) => Some(NO_LOCALITY),
            Some(l) => Some(self.index.locality_id(l).unwrap_or(NO_LOCALITY - 1)),
            None => None,
        };
        let category = opts
            .category
            .as_deref()
            .map(|c| self.index.category_id(c).unwrap_or(u32::MAX));
        Filter { locality, category }
    }

    /// Like [`Engine::search`], but gives up (None) as soon as `generation` no longer equals
    /// `mine`: the screen bumps the counter on every keystroke.
    pub fn search_cancellable(
        &mut self,
        query: &str,
        opts: &SearchOptions,
        generation: &AtomicU64,
        mine: u64,
    ) -> Option<Results> {
        // A space after the last word counts: it says the word is complete.
        let key = (query.trim_start().to_string(), opts.clone());
        if let Some(r) = self.cache.get(&key) {
            return Some(r.clone());
        }
        let cancelled = || generation.load(Ordering::Relaxed) != mine;
        let near = opts.near.as_deref().and_then(|n| self.index.locality_id(n));
        let filter = self.filter(opts);

        let rqs = readings(query, self.index.has_latin);
        let goal = Goal {
            limit: opts.limit,
            near,
        };
        let (ri, top) = self.best_reading(query, &rqs, &filter, goal, &cancelled)?;
        let rq = &rqs[ri];
        if cancelled() {
            return None;
        }

        // Every hit counts; only those that can rank in the top `limit` were scored.
        let total = top.hits.len();
        let mut scored = top.scored;
        let idx = &self.index;
        let sort_key = |s: &Scored| rank_key(idx, near, s.agency, s.covered, s.score);
        let limit = if opts.limit == 0 {
            scored.len()
        } else {
            opts.limit
        };
        if limit < scored.len() {
            scored.select_nth_unstable_by_key(limit, sort_key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(sort_key);
        // Bits over all the reading's words → bits over the words that count.
        let counted: Vec<usize> = (0..rq.words.len())
            .filter(|&i| !rq.words[i].optional)
            .collect();
        let hits = scored
            .iter()
            .map(|s| Hit {
                agency: s.agency as usize,
                service: (s.service != NO_SERVICE).then_some(s.service as usize),
                score: i64::from(s.score),
                tier: score::Tier::from_u8(s.worst),
                temporarily_closed: idx.agencies[s.agency as usize].temporarily_closed,
                matched: counted
                    .iter()
                    .enumerate()
                    .filter(|(_, wi)| s.matched & 1 << **wi != 0)
                    .fold(0, |m, (k, _)| m | 1 << k),
            })
            .collect();
        let mut results = Results {
            hits,
            reading: rq.reading.clone(),
            total,
            words: counted.iter().map(|&i| rq.words[i].text.clone()).collect(),
            suggestions: None,
        };
        if results.hits.is_empty() && !results.words.is_empty() && !self.suggesting {
            let s = suggest::suggest(self, &results.words, opts, &cancelled)?;
            results.suggestions = Some(Box::new(s));
        }
        if self.cache.len() >= CACHE_SIZE {
            self.cache.clear();
        }
        if results.hits.len() <= 1000 {
            self.cache.insert(key, results.clone());
        }
        Some(results)
    }

    /// Runs each reading of the query and keeps the one whose best hit covers most words and
    /// scores highest: its index in `rqs` and its hits. None when cancelled.
    fn best_reading(
        &mut self,
        query: &str,
        rqs: &[ReadingQuery],
        filter: &Filter,
        goal: Goal,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<(usize, Top)> {
        let mut best: Option<(usize, Top, (u8, u32))> = None;
        for (ri, rq) in rqs.iter().enumerate() {
            if rq.words.is_empty() {
                if matches!(rq.reading, Reading::AsTyped) {
                    let scored = self.list_all(filter);
                    let hits = scored.iter().map(|s| s.agency).collect();
                    best = Some((ri, Top { scored, hits }, (u8::MAX, u32::MAX)));
                    break;
                }
                continue;
            }
            // Reading a Cyrillic query as Latin typed on the wrong layout is a last resort.
            let reverse =
                matches!(rq.reading, Reading::Layout { .. }) && !layout::looks_latin(query);
            if reverse
                && rq.words.iter().all(|w| w.text.is_ascii())
                && best.as_ref().is_some_and(|b| !b.1.hits.is_empty())
            {
                continue;
            }
            let hits = self.run(rq, filter, goal, cancelled)?;
            let top = hits
                .scored
                .iter()
                .map(|h| (h.covered, h.score))
                .max()
                .unwrap_or((0, 0));
            if best.as_ref().is_none_or(|b| top > b.2) {
                best = Some((ri, hits, top));
            }
        }
        Some(best.map_or((0, Top::default()), |(ri, hits, _)| (ri, hits)))
    }
}

//! Search: normalisation, alternative readings of the query, the index, scoring and ranking.
//! Pure: no I/O, no UI.
//!
//! How a query is answered:
//! 1. The query is normalised ([`normalize`]) and split into words; function words («про»,
//!    «на», «як») are optional, every other word must match somewhere in the same agency — in
//!    its own fields or in one of its services — in any order.
//! 2. It is read as typed and, when it looks like it, as typed on the wrong keyboard layout
//!    ([`layout`]) and as official transliteration ([`translit`]); the reading whose best hit
//!    scores highest wins and is reported.
//! 3. Each query word is matched against the sorted vocabulary of the directory: exact word,
//!    beginning of a word, another form of the word (shared stem), Russian spelling, one typo,
//!    and as a last resort a piece inside a longer word ([`score::Tier`]).
//! 4. Candidates come from the inverted lists of the matched words; each candidate is scored by
//!    walking its fields once: a word's best match (tier points × field weight), summed over
//!    the words, per service, so the best-matching service is named.
//! 5. Temporarily closed agencies go last; `near`'s agencies go first among equals; only the
//!    top N are sorted.

mod index;
mod layout;
mod normalize;
mod score;
mod translit;

pub use index::Index;
pub use normalize::{normalize, normalize_mapped};
pub use score::{FieldKind, Tier};
pub use translit::to_latin as transliterate;

use crate::directory::Directory;
use index::{NO_LOCALITY, NO_SERVICE, prefix_range};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Filters and preferences for one search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchOptions {
    /// At most this many hits (0 = no limit).
    pub limit: usize,
    /// Rank this locality's agencies first among equals.
    pub near: Option<String>,
    /// Only this category id.
    pub category: Option<String>,
    /// Only this locality.
    pub locality: Option<String>,
}

/// How the query was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    AsTyped,
    /// Typed on the other keyboard layout; `text` is what was meant.
    Layout {
        text: String,
    },
    /// Latin transliteration of Ukrainian; `text` is the Cyrillic reading.
    Translit {
        text: String,
    },
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub reading: Reading,
    /// Matches before the limit was applied.
    pub total: usize,
}

/// At most this many query words take part (the rest of a pasted paragraph is ignored).
const MAX_WORDS: usize = 8;
/// Agencies in the `near` locality get 1/NEAR_SHARE of their score added: enough to put them
/// first among near-equals, less than the gap between an exact and a prefix match.
const NEAR_SHARE: u32 = 8;
/// Per extra field a word is found in (up to six).
const FIELDS_BONUS: u32 = 2;
/// Per extra required word found in the same field as another.
const TOGETHER_BONUS: u32 = 20;
/// From this many candidates on, scoring is split over two threads.
const PARALLEL_FROM: usize = 4096;
/// How many recent queries are remembered (for backspace).
const CACHE_SIZE: usize = 64;

/// One word of the query in one reading.
#[derive(Debug, Clone)]
struct QWord {
    text: String,
    chars: Vec<char>,
    optional: bool,
    digits: bool,
}

/// A reading of the query: its words, and whether they are Latin transliteration.
#[derive(Debug, Clone)]
struct ReadingQuery {
    reading: Reading,
    words: Vec<QWord>,
    latin: bool,
}

/// Splits a normalised query into words; digit groups written with spaces or dashes
/// («42 05 10», «(0412) 42-05-10») are one number.
fn query_words(raw: &str) -> Vec<QWord> {
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
        });
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

fn readings(raw: &str, has_latin: bool) -> Vec<ReadingQuery> {
    let raw = raw.trim();
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

/// Per-word scratch: the tier of every vocabulary word (0 = no match) and which were set.
#[derive(Default)]
struct WordScratch {
    tiers: Vec<u8>,
    touched: Vec<u32>,
    /// Localities this word names (then it matches only the locality field).
    localities: Vec<u32>,
}

impl WordScratch {
    fn set(&mut self, id: u32, tier: score::Tier) {
        let t = &mut self.tiers[id as usize];
        let v = tier.to_u8();
        if *t == 0 {
            self.touched.push(id);
            *t = v;
        } else if v < *t {
            *t = v;
        }
    }

    fn clear(&mut self) {
        for &id in &self.touched {
            self.tiers[id as usize] = 0;
        }
        self.touched.clear();
        self.localities.clear();
    }
}

/// What one agency (or one of its services) has matched so far, per query word.
#[derive(Default)]
struct Ctx {
    /// Best packed value per word.
    best: [u32; MAX_WORDS * 2],
    /// In how many fields each word matched.
    fields: [u8; MAX_WORDS * 2],
    /// Most required words matched within a single field.
    together: u32,
}

/// A candidate's outcome.
#[derive(Debug, Clone, Copy)]
struct Scored {
    agency: u32,
    service: u32,
    score: u32,
    worst: u8,
}

/// The search engine over one loaded directory.
pub struct Engine {
    dir: Arc<Directory>,
    index: Index,
    words: Vec<WordScratch>,
    marks: Vec<u32>,
    stamp: u32,
    cache: HashMap<(String, SearchOptions), Results>,
    /// The last query read as typed and every agency it matched, to narrow from.
    last: Option<Previous>,
    /// Bit per vocabulary word: does any query word match it (skips most words fast).
    any: Vec<u64>,
}

/// A query whose hits a longer query can be searched within: every agency the longer query
/// matches is among them (see [`Previous::narrows_to`]).
struct Previous {
    words: Vec<(String, bool)>,
    filter: (Option<u32>, Option<u32>),
    hits: Vec<u32>,
    had_locality: bool,
}

impl Previous {
    /// Whether `new` can only match agencies the previous query matched: the same words, the
    /// last one possibly longer, more words after. Matching is monotone in a word's length
    /// once it has five letters (all length thresholds are below that) and begins some word
    /// (no last-resort pass), and locality words could widen when they stop being one.
    fn narrows_to(&self, new: &[QWord], filter: &Filter, last_begins_some: bool) -> bool {
        if self.had_locality
            || self.filter != (filter.locality, filter.category)
            || self.words.is_empty()
            || new.len() < self.words.len()
            || self.words.iter().all(|w| w.1)
        {
            return false;
        }
        let n = self.words.len();
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

impl Engine {
    /// An engine over `dir`. When the directory came through the parsed-directory cache, its
    /// index is read from beside it (building one takes ~6 s at 100k agencies) or built and
    /// stored there.
    pub fn new(dir: Arc<Directory>) -> Engine {
        let index = match &dir.cache {
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
        Engine {
            dir,
            index,
            words: Vec::new(),
            marks: vec![0; n],
            stamp: 0,
            cache: HashMap::new(),
            last: None,
            any: Vec::new(),
        }
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
        match self.search_cancellable(query, opts, &never, 0) {
            Some(r) => r,
            // Unreachable: nobody else holds `never`; an empty result is still correct.
            None => Results {
                hits: Vec::new(),
                reading: Reading::AsTyped,
                total: 0,
            },
        }
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
        let key = (query.trim().to_string(), opts.clone());
        if let Some(r) = self.cache.get(&key) {
            return Some(r.clone());
        }
        let cancelled = || generation.load(Ordering::Relaxed) != mine;
        let near = opts.near.as_deref().and_then(|n| self.index.locality_id(n));
        let only_locality = match opts.locality.as_deref() {
            Some(l) => Some(self.index.locality_id(l).unwrap_or(NO_LOCALITY - 1)),
            None => None,
        };
        let only_category = match opts.category.as_deref() {
            Some(c) => Some(self.index.category_id(c).unwrap_or(u32::MAX)),
            None => None,
        };
        let filter = Filter {
            locality: only_locality,
            category: only_category,
        };

        let rqs = readings(query, self.index.has_latin);
        let mut best: Option<(Reading, Vec<Scored>, u32)> = None;
        for rq in &rqs {
            if rq.words.is_empty() {
                if matches!(rq.reading, Reading::AsTyped) {
                    best = Some((Reading::AsTyped, self.list_all(&filter), u32::MAX));
                    break;
                }
                continue;
            }
            // Reading a Cyrillic query as Latin typed on the wrong layout is a last resort.
            let reverse =
                matches!(rq.reading, Reading::Layout { .. }) && !layout::looks_latin(query);
            if reverse
                && rq.words.iter().all(|w| w.text.is_ascii())
                && best.as_ref().is_some_and(|b| !b.1.is_empty())
            {
                continue;
            }
            let hits = self.run(rq, &filter, &cancelled)?;
            let top = hits.iter().map(|h| h.score).max().unwrap_or(0);
            if best.as_ref().is_none_or(|b| top > b.2) {
                best = Some((rq.reading.clone(), hits, top));
            }
        }
        let (reading, mut scored, _) = best.unwrap_or((Reading::AsTyped, Vec::new(), 0));
        if cancelled() {
            return None;
        }

        let total = scored.len();
        let idx = &self.index;
        let sort_key = |s: &Scored| {
            let rec = &idx.agencies[s.agency as usize];
            let bonus = if near.is_some() && near == Some(rec.locality) {
                s.score / NEAR_SHARE
            } else {
                0
            };
            (
                rec.temporarily_closed,
                std::cmp::Reverse(s.score.saturating_add(bonus)),
                s.agency,
            )
        };
        let limit = if opts.limit == 0 { total } else { opts.limit };
        if limit < scored.len() {
            scored.select_nth_unstable_by_key(limit, sort_key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(sort_key);
        let hits = scored
            .iter()
            .map(|s| Hit {
                agency: s.agency as usize,
                service: (s.service != NO_SERVICE).then_some(s.service as usize),
                score: i64::from(s.score),
                tier: score::Tier::from_u8(s.worst),
                temporarily_closed: idx.agencies[s.agency as usize].temporarily_closed,
            })
            .collect();
        let results = Results {
            hits,
            reading,
            total,
        };
        if self.cache.len() >= CACHE_SIZE {
            self.cache.clear();
        }
        if results.hits.len() <= 1000 {
            self.cache.insert(key, results.clone());
        }
        Some(results)
    }

    fn list_all(&self, filter: &Filter) -> Vec<Scored> {
        (0..self.index.agencies.len() as u32)
            .filter(|&a| filter.admits(&self.index, a))
            .map(|a| Scored {
                agency: a,
                service: NO_SERVICE,
                score: 0,
                worst: 0,
            })
            .collect()
    }

    /// All hits of one reading, unsorted. None when cancelled.
    fn run(
        &mut self,
        rq: &ReadingQuery,
        filter: &Filter,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Scored>> {
        let nv = self.index.vocab.len();
        while self.words.len() < rq.words.len() {
            self.words.push(WordScratch::default());
        }
        for ws in &mut self.words {
            ws.clear();
            if ws.tiers.len() != nv {
                ws.tiers = vec![0; nv];
            }
        }
        if self.any.len() != nv.div_ceil(64) {
            self.any = vec![0; nv.div_ceil(64)];
        } else {
            self.any.iter_mut().for_each(|b| *b = 0);
        }
        let mut last_begins_some = false;
        let mut initials = 0u32;
        for (wi, w) in rq.words.iter().enumerate() {
            let ws = &mut self.words[wi];
            last_begins_some = match_word(&self.index, w, rq.latin, ws);
            if !w.optional {
                find_localities(&self.index, w, ws);
            }
            for &t in &ws.touched {
                self.any[t as usize >> 6] |= 1 << (t & 63);
                initials |= index::first_letter_bit(&self.index.vocab[t as usize]);
            }
        }
        if cancelled() {
            return None;
        }
        let as_typed = matches!(rq.reading, Reading::AsTyped);
        let restrict = match &self.last {
            Some(p) if as_typed && p.narrows_to(&rq.words, filter, last_begins_some) => Some(
                std::mem::take(&mut self.last)
                    .map(|p| p.hits)
                    .unwrap_or_default(),
            ),
            _ => None,
        };

        // Candidates: agencies having every required word, starting from the rarest word.
        let required: Vec<usize> = (0..rq.words.len())
            .filter(|&i| !rq.words[i].optional)
            .collect();
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
                        .map(|&l| self.index.localities[l as usize].agencies.len())
                        .sum()
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
            let ws = &self.words[wi];
            let marks = &mut self.marks;
            let mut mark = |a: u32| {
                marks[a as usize] = stamp;
            };
            if ws.localities.is_empty() {
                for &t in &ws.touched {
                    for &a in self.index.postings(t) {
                        mark(a);
                    }
                }
            } else {
                for &l in &ws.localities {
                    for &a in &self.index.localities[l as usize].agencies {
                        mark(a);
                    }
                }
            }
            if k == 0 {
                cand = match &restrict {
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

        let has_digits = rq.words.iter().any(|w| w.digits);
        let this = &*self;
        let score_all = |part: &[u32]| -> Option<Vec<Scored>> {
            let mut out = Vec::new();
            for (i, &a) in part.iter().enumerate() {
                if i % 1024 == 1023 && cancelled() {
                    return None;
                }
                if let Some(s) = this.score_agency(a, rq, has_digits, initials) {
                    out.push(s);
                }
            }
            Some(out)
        };
        // Many candidates (the first letters of a query in a national directory): score them
        // on two threads — the office PCs have two cores and the screen thread waits anyway.
        let out = if cand.len() >= PARALLEL_FROM {
            let (a, b) = cand.split_at(cand.len() / 2);
            let (ra, rb) = std::thread::scope(|sc| {
                let h = sc.spawn(|| score_all(b));
                let ra = score_all(a);
                (ra, h.join().ok().flatten())
            });
            let mut out = ra?;
            out.extend(rb?);
            out
        } else {
            score_all(&cand)?
        };
        if as_typed {
            let mut hits: Vec<u32> = out.iter().map(|s| s.agency).collect();
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
            });
        }
        Some(out)
    }

    fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.marks.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
        self.stamp
    }

    /// Walks one agency's fields once. A word's value is packed as points × 8 + (7 − tier) so
    /// that the maximum is the best score and, among equal scores, the better tier.
    ///
    /// Beyond each word's best match, two small bonuses separate near-equals: a word found in
    /// several fields (the agency is *about* it, not mentioning it once), and several words
    /// found in one field («відновлення паспорта» as one topic beats «відновлення» here and
    /// «паспорт» there).
    fn score_agency(
        &self,
        a: u32,
        rq: &ReadingQuery,
        has_digits: bool,
        initials: u32,
    ) -> Option<Scored> {
        let nw = rq.words.len();
        let words = &self.words[..nw];
        let locality_only: Vec<bool> = words.iter().map(|w| !w.localities.is_empty()).collect();
        let required: u32 = rq
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| !w.optional)
            .fold(0, |m, (i, _)| m | 1 << i);
        let mut own = Ctx::default();
        let mut cur = Ctx::default();
        let mut cur_service = NO_SERVICE;

        let finish = |own: &Ctx, cur: Option<&Ctx>| -> Option<(u32, u8, usize)> {
            let mut total = 0;
            let mut worst = 0u8;
            let mut in_service = 0;
            for (wi, w) in rq.words.iter().enumerate() {
                let o = own.best[wi];
                let c = cur.map_or(0, |c| c.best[wi]);
                let v = o.max(c);
                if v == 0 {
                    if w.optional {
                        continue;
                    }
                    return None;
                }
                if c > 0 && c >= o {
                    in_service += 1;
                }
                let fields = u32::from(own.fields[wi]) + cur.map_or(0, |c| u32::from(c.fields[wi]));
                total += (v >> 3) + FIELDS_BONUS * fields.saturating_sub(1).min(6);
                if !w.optional {
                    worst = worst.max(7 - (v & 7) as u8);
                }
            }
            let together = own.together.max(cur.map_or(0, |c| c.together));
            total += TOGETHER_BONUS * together.saturating_sub(1);
            Some((total, worst, in_service))
        };
        // The ranking score takes each word's best match from the agency or the service; the
        // service named is the one that itself matches most (words, then points), so that
        // «довідка про доходи» names the service about income certificates even when the
        // agency's own topics already cover both words.
        let mut ranked: Option<(u32, u8)> = None;
        let mut named: Option<(usize, u32, u32)> = None;
        let mut consider = |svc: u32, cur: &Ctx, own: &Ctx| {
            let Some((total, worst, _)) = finish(own, Some(cur)) else {
                return;
            };
            if ranked.is_none_or(|r| total > r.0) {
                ranked = Some((total, worst));
            }
            let mut covered = 0;
            let mut points = 0;
            for (wi, w) in rq.words.iter().enumerate() {
                let c = cur.best[wi];
                if c == 0 || w.optional {
                    continue;
                }
                points += c >> 3;
                if 7 - (c & 7) as u8 != Tier::Fallback.to_u8() {
                    covered += 1;
                }
            }
            points += TOGETHER_BONUS * cur.together.saturating_sub(1);
            if covered > 0 && named.is_none_or(|n| (covered, points) > (n.0, n.1)) {
                named = Some((covered, points, svc));
            }
        };

        for f in self.index.agency_fields(a as usize) {
            if f.service != cur_service {
                if cur_service != NO_SERVICE {
                    consider(cur_service, &cur, &own);
                    cur = Ctx::default();
                }
                cur_service = f.service;
            }
            if f.initials & initials == 0 || (f.kind == FieldKind::Phone && !has_digits) {
                continue;
            }
            let weight = f.kind.weight();
            let target = if f.service == NO_SERVICE {
                &mut own
            } else {
                &mut cur
            };
            let mut in_field = 0u32;
            for &tok in self.index.field_words(f) {
                if self.any[tok as usize >> 6] & 1 << (tok & 63) == 0 {
                    continue;
                }
                for (wi, ws) in words.iter().enumerate() {
                    let t = ws.tiers[tok as usize];
                    if t == 0 || (locality_only[wi] && f.kind != FieldKind::Locality) {
                        continue;
                    }
                    in_field |= 1 << wi;
                    let tier = score::Tier::from_u8(t).unwrap_or(Tier::Fallback);
                    let v = (tier.points() * weight) << 3 | (7 - u32::from(t));
                    if v > target.best[wi] {
                        target.best[wi] = v;
                    }
                }
            }
            if in_field != 0 {
                for wi in 0..nw {
                    if in_field & 1 << wi != 0 {
                        target.fields[wi] = target.fields[wi].saturating_add(1);
                    }
                }
                target.together = target.together.max((in_field & required).count_ones());
            }
        }
        if cur_service != NO_SERVICE {
            consider(cur_service, &cur, &own);
        }
        let agency_only = finish(&own, None).map(|(t, w, _)| (t, w));
        let (score, worst) = match (agency_only, ranked) {
            (Some(a), Some(r)) => {
                if a.0 >= r.0 {
                    a
                } else {
                    r
                }
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        // A service is named only when every required word is found in the agency or in it.
        let service = match named {
            Some((_, _, svc)) if ranked.is_some() => svc,
            _ => NO_SERVICE,
        };
        Some(Scored {
            agency: a,
            service,
            score,
            worst,
        })
    }

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

struct Filter {
    locality: Option<u32>,
    category: Option<u32>,
}

impl Filter {
    fn admits(&self, idx: &Index, a: u32) -> bool {
        let r = &idx.agencies[a as usize];
        !r.closed
            && self.locality.is_none_or(|l| r.locality == l)
            && self.category.is_none_or(|c| r.category == c)
    }
}

/// Finds every vocabulary word `w` matches and its tier, into `ws`. Returns whether `w`
/// begins some word (then the last-resort pass was not needed).
fn match_word(idx: &Index, w: &QWord, latin: bool, ws: &mut WordScratch) -> bool {
    let n = w.chars.len();
    if latin {
        let r = prefix_range(&idx.latin, &w.text);
        for e in &idx.latin[r] {
            ws.set(
                e.1,
                if e.0 == w.text {
                    Tier::Exact
                } else {
                    Tier::Prefix
                },
            );
        }
        // Latin spells some letters with two, so the stem is a little longer.
        let stem = score::stem_len(n);
        if stem < n {
            let p: String = w.chars[..stem].iter().collect();
            for e in &idx.latin[prefix_range(&idx.latin, &p)] {
                ws.set(e.1, Tier::WordForm);
            }
        }
        if n >= 5 {
            typo_scan(&idx.latin, |_, e| e.1, w, ws);
        }
        return true;
    }
    let r = prefix_range(&idx.vocab, &w.text);
    for id in r {
        let tier = if idx.vocab[id] == w.text {
            Tier::Exact
        } else {
            Tier::Prefix
        };
        ws.set(id as u32, tier);
    }
    if w.digits {
        // Phone numbers: the digits anywhere in a number.
        if n >= 3 {
            let finder = memchr::memmem::Finder::new(w.text.as_bytes());
            let digits_end = idx
                .vocab
                .partition_point(|v| v.as_bytes()[0].is_ascii_digit());
            for id in 0..digits_end {
                if finder.find(idx.vocab[id].as_bytes()).is_some() {
                    ws.set(id as u32, Tier::Prefix);
                }
            }
        }
        return true;
    }
    let stem = score::stem_len(n);
    if stem < n {
        let p: String = w.chars[..stem].iter().collect();
        for id in prefix_range(&idx.vocab, &p) {
            ws.set(id as u32, Tier::WordForm);
        }
    }
    if n >= 4 {
        let lw = normalize::loose(&w.text);
        for e in &idx.loose[prefix_range(&idx.loose, &lw)] {
            ws.set(e.1, Tier::Russian);
        }
        let lchars = lw.chars().count();
        let lstem = score::stem_len(lchars);
        if lstem < lchars {
            let p: String = lw.chars().take(lstem).collect();
            for e in &idx.loose[prefix_range(&idx.loose, &p)] {
                ws.set(e.1, Tier::Russian);
            }
        }
    }
    if n >= 5 {
        typo_scan(&idx.vocab, |i, _| i as u32, w, ws);
    }
    // A piece inside a longer word, only as a last resort: when the word begins no word of
    // the directory (it is the slowest step, a pass over the whole vocabulary).
    let begins_some = !prefix_range(&idx.vocab, &w.text).is_empty();
    if n >= 4 && !begins_some {
        let finder = memchr::memmem::Finder::new(w.text.as_bytes());
        // Numbers sort first; a letter word cannot be inside them.
        let digits_end = idx
            .vocab
            .partition_point(|v| v.as_bytes()[0].is_ascii_digit());
        for (id, v) in idx.vocab.iter().enumerate().skip(digits_end) {
            if v.len() > w.text.len() && finder.find(v.as_bytes()).is_some() {
                ws.set(id as u32, Tier::Fallback);
            }
        }
    }
    begins_some
}

/// Typo matches among the entries of a sorted array that start with the word's first char.
fn typo_scan<T: index::Keyed>(
    arr: &[T],
    id: impl Fn(usize, &T) -> u32,
    w: &QWord,
    ws: &mut WordScratch,
) {
    let first: String = w.chars[..1].iter().collect();
    let mut buf = Vec::with_capacity(32);
    let n = w.chars.len();
    let r = prefix_range(arr, &first);
    let start = r.start;
    for (i, e) in arr[r].iter().enumerate() {
        buf.clear();
        buf.extend(e.key().chars());
        if buf.len() + 1 >= n && score::within_one_edit_of_prefix(&w.chars, &buf) {
            ws.set(id(start + i, e), Tier::Typo);
        }
    }
}

/// Records the localities a required word names: the whole name, or another form of it
/// («Бердичеві» for «Бердичів»), or at least five letters of its beginning.
fn find_localities(idx: &Index, w: &QWord, ws: &mut WordScratch) {
    if w.chars.len() < 4 || w.digits {
        return;
    }
    for (li, l) in idx.localities.iter().enumerate() {
        let names = l.words.iter().any(|&id| {
            score::Tier::from_u8(ws.tiers[id as usize]).is_some_and(|t| match t {
                Tier::Exact | Tier::WordForm => true,
                Tier::Prefix => w.chars.len() >= 5,
                _ => false,
            })
        });
        if names {
            ws.localities.push(li as u32);
        }
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
    if n >= 5
        && tchars.first() == w.chars.first()
        && score::within_one_edit_of_prefix(&w.chars, tchars)
    {
        return Some((0, n.min(tchars.len())));
    }
    if n >= 4
        && let Some(b) = token.find(&w.text)
    {
        return Some((token[..b].chars().count(), n));
    }
    None
}

#[cfg(test)]
mod tests;

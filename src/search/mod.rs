//! Search: normalisation, alternative readings of the query, the index, scoring and ranking.
//! Pure: no I/O, no UI.
//!
//! How a query is answered:
//! 1. The query is normalised ([`normalize`]) and split into words; function words and filler
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
//!    below. Each candidate is scored by walking its fields once: a word's best match (tier
//!    points × field weight), summed over the words, per service, so the best-matching service
//!    is named.
//! 5. Temporarily closed agencies go last; then more words covered before fewer; `near`'s
//!    agencies go first among equals; only the top N are sorted. When nothing fits at all,
//!    [`Suggestions`] say what is near.

mod explain;
mod forms;
mod index;
mod layout;
mod normalize;
mod score;
mod suggest;
pub mod thesaurus;
mod translit;

pub use explain::WordMatch;
pub use forms::WordForms;
pub use index::Index;
pub use normalize::{normalize, normalize_mapped};
pub use score::{FieldKind, Scoring, Tier};
pub use suggest::Suggestions;
pub use translit::to_latin as transliterate;

use crate::directory::Directory;
use index::{NO_LOCALITY, NO_SERVICE, prefix_range};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use thesaurus::Thesaurus;

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

/// At most this many query words take part (the rest of a pasted paragraph is ignored).
const MAX_WORDS: usize = 8;
/// Agencies in the `near` locality get 1/NEAR_SHARE of their score added: enough to put them
/// first among near-equals, less than the gap between an exact and a prefix match.
const NEAR_SHARE: u32 = 8;
/// Per extra field a word is found in (up to six).
const FIELDS_BONUS: u32 = 2;
/// Per extra required word found in the same field as another.
const TOGETHER_BONUS: u32 = 20;
/// [`Tier::Thesaurus`] as stored per vocabulary word.
const THESAURUS: u8 = Tier::Thesaurus.to_u8();
/// Fewer full matches than this, and agencies that cover part of the need are looked for too.
const PARTIAL_BELOW: usize = 10;
/// What a town in the query is worth to an agency that serves the whole country: less than
/// the town's own agencies get for it, so they come first.
const REMOTE_TOWN_POINTS: u32 = 8;
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
    /// The word being typed (the last one, no space after it yet): its beginning may be a
    /// longer word's.
    typing: bool,
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
fn query_words(raw: &str, typing: bool) -> Vec<QWord> {
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
fn readings(raw: &str, has_latin: bool) -> Vec<ReadingQuery> {
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

/// Per-word scratch: the tier of every vocabulary word (0 = no match) and which were set.
#[derive(Default)]
struct WordScratch {
    tiers: Vec<u8>,
    touched: Vec<u32>,
    /// Localities this word names (then it matches only the locality field).
    localities: Vec<u32>,
    /// Thesaurus phrases: the bits (one per phrase word) each phrase needs in one field.
    phrases: Vec<u64>,
    /// (vocabulary word, the thesaurus phrase words it is a form of), sorted by word once
    /// filled.
    phrase_words: Vec<(u32, u64)>,
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
        self.phrases.clear();
        self.phrase_words.clear();
    }

    /// The thesaurus phrase words vocabulary word `id` is a form of.
    fn phrase_bits(&self, id: u32) -> Option<u64> {
        self.phrase_words
            .binary_search_by_key(&id, |e| e.0)
            .ok()
            .map(|i| self.phrase_words[i].1)
    }

    /// Whether the phrase words found in one field (`got`) complete a thesaurus phrase.
    fn completes_phrase(&self, got: u64) -> bool {
        got != 0 && self.phrases.iter().any(|&m| m & !got == 0)
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
    /// Bit per query word (of the reading's words) that matched.
    matched: u16,
    /// How many of the query's words that count matched: all-words matches rank first.
    covered: u8,
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
    thesaurus: Thesaurus,
    /// Per query word of the current run, the thesaurus entries it takes part in.
    entries: Vec<Vec<u32>>,
    forms: WordForms,
    scoring: Scoring,
    /// Searching for a suggestion: a corrected query that finds nothing offers none itself
    /// (two words each other's nearest, «житло» ↔ «житла», would otherwise recurse forever).
    suggesting: bool,
}

/// A query whose hits a longer query can be searched within: every agency the longer query
/// matches is among them (see [`Previous::narrows_to`]).
struct Previous {
    words: Vec<(String, bool)>,
    filter: (Option<u32>, Option<u32>),
    hits: Vec<u32>,
    had_locality: bool,
    /// The thesaurus entries of each word: a word that joins a phrase («не платить» →
    /// «не платить аліменти») can match more, and then the new query does not narrow.
    entries: Vec<Vec<u32>>,
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
            thesaurus,
            entries: Vec::new(),
            forms: WordForms::default(),
            scoring: Scoring::default(),
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
        let mut best: Option<(&ReadingQuery, Vec<Scored>, (u8, u32))> = None;
        for rq in &rqs {
            if rq.words.is_empty() {
                if matches!(rq.reading, Reading::AsTyped) {
                    best = Some((rq, self.list_all(&filter), (u8::MAX, u32::MAX)));
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
            let top = hits
                .iter()
                .map(|h| (h.covered, h.score))
                .max()
                .unwrap_or((0, 0));
            if best.as_ref().is_none_or(|b| top > b.2) {
                best = Some((rq, hits, top));
            }
        }
        let (rq, mut scored) = match best {
            Some((rq, hits, _)) => (rq, hits),
            None => (&rqs[0], Vec::new()),
        };
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
                std::cmp::Reverse(s.covered),
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

    fn list_all(&self, filter: &Filter) -> Vec<Scored> {
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

    /// Matches every word of `rq` against the vocabulary, through the thesaurus too, into the
    /// per-word scratch. Returns whether the last word begins some word of the directory.
    fn match_words(&mut self, rq: &ReadingQuery) -> bool {
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
        self.entries = if rq.latin {
            vec![Vec::new(); rq.words.len()]
        } else {
            let content: Vec<Option<&str>> = rq
                .words
                .iter()
                .map(|w| (!w.optional && !w.digits).then_some(w.text.as_str()))
                .collect();
            self.thesaurus.lookup(&content)
        };
        let mut last_begins_some = false;
        for (wi, w) in rq.words.iter().enumerate() {
            let ws = &mut self.words[wi];
            last_begins_some = match_word(&self.index, w, rq.latin, self.forms, ws);
            let mut bit = 0;
            'entries: for &e in &self.entries[wi] {
                for phrase in self.thesaurus.expansions(e) {
                    if bit + phrase.len() > 64 {
                        break 'entries;
                    }
                    let mut mask = 0u64;
                    for t in phrase {
                        match_expansion(&self.index, t, 1 << bit, ws);
                        mask |= 1 << bit;
                        bit += 1;
                    }
                    ws.phrases.push(mask);
                }
            }
            // One entry per vocabulary word, sorted for lookup while scoring.
            ws.phrase_words.sort_unstable_by_key(|e| e.0);
            ws.phrase_words.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 |= b.1;
                }
                same
            });
            if !w.optional {
                find_localities(&self.index, w, ws);
            }
            for &t in &ws.touched {
                self.any[t as usize >> 6] |= 1 << (t & 63);
            }
        }
        last_begins_some
    }

    /// All hits of one reading, unsorted: every agency that matches all the query's words that
    /// match anything, and when those are few, the agencies that cover part of the need. None
    /// when cancelled.
    fn run(
        &mut self,
        rq: &ReadingQuery,
        filter: &Filter,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Scored>> {
        let last_begins_some = self.match_words(rq);
        let mut initials = 0u32;
        for ws in &self.words[..rq.words.len()] {
            for &t in &ws.touched {
                initials |= index::first_letter_bit(&self.index.vocab[t as usize]);
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
            return Some(Vec::new());
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
        let cand = self.candidates(&required, restrict.as_deref(), filter, cancelled)?;
        let mut out = self.score_many(&cand, rq, unused, None, initials, &weights, cancelled)?;
        let strict_hits = out.len();
        let content = required
            .iter()
            .filter(|&&i| self.words[i].localities.is_empty())
            .count();
        if strict_hits < PARTIAL_BELOW && content >= 2 {
            // Few agencies have every word: add those that cover at least half of the need
            // (a town alone is not part of it), ranked below.
            let min = required.len().div_ceil(2) as u8;
            let cand = self.union_candidates(&required, &out, filter);
            out.extend(self.score_many(
                &cand,
                rq,
                unused,
                Some(min),
                initials,
                &weights,
                cancelled,
            )?);
        }
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
                entries: self.entries.clone(),
            });
        }
        Some(out)
    }

    /// The agencies a query word can match: through its matched words, or the localities it
    /// names plus the agencies that serve the whole country.
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
                for &a in &self.index.localities[l as usize].agencies {
                    mark(a);
                }
            }
            for &a in &self.index.remote {
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
                        .map(|&l| self.index.localities[l as usize].agencies.len())
                        .sum::<usize>()
                        + self.index.remote.len()
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
    fn union_candidates(
        &mut self,
        required: &[usize],
        found: &[Scored],
        filter: &Filter,
    ) -> Vec<u32> {
        let stamp = self.next_stamp();
        let mut marks = std::mem::take(&mut self.marks);
        for &wi in required {
            if self.words[wi].localities.is_empty() {
                self.word_agencies(wi, |a| marks[a as usize] = stamp);
            }
        }
        for s in found {
            marks[s.agency as usize] = 0;
        }
        self.marks = marks;
        (0..self.index.agencies.len() as u32)
            .filter(|&a| self.marks[a as usize] == stamp && filter.admits(&self.index, a))
            .collect()
    }

    /// Per word, its weight in percent (100 = neutral): with [`Scoring::Idf`], rare words
    /// weigh more.
    fn word_weights(&self, required: &[usize]) -> [u32; MAX_WORDS * 2] {
        let mut w = [100; MAX_WORDS * 2];
        if self.scoring != Scoring::Idf {
            return w;
        }
        let n = self.index.agencies.len();
        let idf: Vec<(usize, f64)> = required
            .iter()
            .filter(|&&wi| self.words[wi].localities.is_empty())
            .map(|&wi| {
                let df: usize = self.words[wi]
                    .touched
                    .iter()
                    .map(|&t| self.index.postings(t).len())
                    .sum();
                (wi, score::idf(df, n))
            })
            .collect();
        let mean = idf.iter().map(|x| x.1).sum::<f64>() / idf.len().max(1) as f64;
        for (wi, x) in idf {
            if mean > 0.0 {
                w[wi] = (100.0 * x / mean).round().clamp(25.0, 400.0) as u32;
            }
        }
        w
    }

    /// Scores candidates; `partial` = Some(least words covered) lets words be missing.
    #[allow(clippy::too_many_arguments)]
    fn score_many(
        &self,
        cand: &[u32],
        rq: &ReadingQuery,
        unused: u32,
        partial: Option<u8>,
        initials: u32,
        weights: &[u32; MAX_WORDS * 2],
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Scored>> {
        let has_digits = rq.words.iter().any(|w| w.digits);
        let score_all = |part: &[u32]| -> Option<Vec<Scored>> {
            let mut out = Vec::new();
            for (i, &a) in part.iter().enumerate() {
                if i % 1024 == 1023 && cancelled() {
                    return None;
                }
                let how = How {
                    has_digits,
                    initials,
                    unused,
                    partial,
                    weights,
                };
                if let Some(s) = self.score_agency(a, rq, &how) {
                    out.push(s);
                }
            }
            Some(out)
        };
        // Many candidates (the first letters of a query in a national directory): score them
        // on two threads — the office PCs have two cores and the screen thread waits anyway.
        if cand.len() >= PARALLEL_FROM {
            let (a, b) = cand.split_at(cand.len() / 2);
            let (ra, rb) = std::thread::scope(|sc| {
                let h = sc.spawn(|| score_all(b));
                let ra = score_all(a);
                (ra, h.join().ok().flatten())
            });
            let mut out = ra?;
            out.extend(rb?);
            Some(out)
        } else {
            score_all(cand)
        }
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
    fn score_agency(&self, a: u32, rq: &ReadingQuery, how: &How) -> Option<Scored> {
        let nw = rq.words.len();
        let words = &self.words[..nw];
        let locality_only: Vec<bool> = words.iter().map(|w| !w.localities.is_empty()).collect();
        let required: u32 = rq
            .words
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.optional && how.unused & 1 << i == 0)
            .fold(0, |m, (i, _)| m | 1 << i);
        let mut own = Ctx::default();
        if self.index.agencies[a as usize].remote {
            // A town in the query does not hide a line that serves the whole country.
            let v = (REMOTE_TOWN_POINTS * FieldKind::Locality.weight()) << 3
                | (7 - u32::from(Tier::WordForm.to_u8()));
            for (best, &town) in own.best.iter_mut().zip(&locality_only) {
                if town {
                    *best = v;
                }
            }
        }
        let mut cur = Ctx::default();
        let mut cur_service = NO_SERVICE;

        // (score, worst tier, words matched, how many of the required ones)
        let finish = |own: &Ctx, cur: Option<&Ctx>| -> Option<(u32, u8, u32, u8)> {
            let mut total = 0;
            let mut worst = 0u8;
            let mut matched = 0u32;
            let mut content = false;
            for (wi, w) in rq.words.iter().enumerate() {
                let o = own.best[wi];
                let c = cur.map_or(0, |c| c.best[wi]);
                let v = o.max(c);
                if v == 0 {
                    // Partial matches may miss words of the need, never the town it names.
                    let may_miss = how.partial.is_some() && !locality_only[wi];
                    if w.optional || required & 1 << wi == 0 || may_miss {
                        continue;
                    }
                    return None;
                }
                if w.optional {
                    // Filler («де», «можна», «треба») neither hides nor ranks a result.
                    continue;
                }
                matched |= 1 << wi;
                content |= required & 1 << wi != 0 && !locality_only[wi];
                let fields = u32::from(own.fields[wi]) + cur.map_or(0, |c| u32::from(c.fields[wi]));
                total += (v >> 3) * how.weights[wi] / 100
                    + FIELDS_BONUS * fields.saturating_sub(1).min(6);
                if !w.optional {
                    worst = worst.max(7 - (v & 7) as u8);
                }
            }
            let covered = (matched & required).count_ones() as u8;
            if how.partial.is_some_and(|min| covered < min || !content) {
                return None;
            }
            let together = own.together.max(cur.map_or(0, |c| c.together));
            total += TOGETHER_BONUS * together.saturating_sub(1);
            Some((total, worst, matched, covered))
        };
        // The ranking score takes each word's best match from the agency or the service; the
        // service named is the one that itself matches most (words, then points), so that
        // «довідка про доходи» names the service about income certificates even when the
        // agency's own topics already cover both words.
        let mut ranked: Option<(u8, u32, u8, u32)> = None;
        let mut named: Option<(usize, u32, u32)> = None;
        let mut consider = |svc: u32, cur: &Ctx, own: &Ctx| {
            let Some((total, worst, matched, covered)) = finish(own, Some(cur)) else {
                return;
            };
            if ranked.is_none_or(|r| (covered, total) > (r.0, r.1)) {
                ranked = Some((covered, total, worst, matched));
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
            if f.initials & how.initials == 0 || (f.kind == FieldKind::Phone && !how.has_digits) {
                continue;
            }
            let weight = f.kind.weight();
            let target = if f.service == NO_SERVICE {
                &mut own
            } else {
                &mut cur
            };
            let mut in_field = 0u32;
            // Thesaurus phrase words found in this field, per query word.
            let mut phrase_got = [0u64; MAX_WORDS * 2];
            for &tok in self.index.field_words(f) {
                if self.any[tok as usize >> 6] & 1 << (tok & 63) == 0 {
                    continue;
                }
                for (wi, ws) in words.iter().enumerate() {
                    let t = ws.tiers[tok as usize];
                    if t == 0 || (locality_only[wi] && f.kind != FieldKind::Locality) {
                        continue;
                    }
                    if !ws.phrase_words.is_empty()
                        && let Some(b) = ws.phrase_bits(tok)
                    {
                        phrase_got[wi] |= b;
                    }
                    if t == THESAURUS {
                        // Counted below, if the field holds a whole phrase.
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
            for (wi, ws) in words.iter().enumerate() {
                if ws.completes_phrase(phrase_got[wi]) {
                    in_field |= 1 << wi;
                    let v = (Tier::Thesaurus.points() * weight) << 3 | (7 - u32::from(THESAURUS));
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
        let agency_only = finish(&own, None).map(|(t, w, m, c)| (c, t, w, m));
        let (covered, score, worst, matched) = match (agency_only, ranked) {
            (Some(a), Some(r)) => {
                if (a.0, a.1) >= (r.0, r.1) {
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
            matched: matched as u16,
            covered,
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

/// What one scoring pass needs to know besides the query.
struct How<'a> {
    has_digits: bool,
    /// First-letter buckets of every matched word (fields without any are skipped).
    initials: u32,
    /// Words that matched nothing anywhere: not required.
    unused: u32,
    /// Some(least words covered): words may be missing (agencies covering part of the need).
    partial: Option<u8>,
    /// Per word, its weight in percent.
    weights: &'a [u32; MAX_WORDS * 2],
}

struct Filter {
    /// A locality (`NO_LOCALITY` for «уся Україна / онлайн»).
    locality: Option<u32>,
    category: Option<u32>,
}

impl Filter {
    /// Closed agencies never; a town filter keeps the agencies that serve the whole country.
    fn admits(&self, idx: &Index, a: u32) -> bool {
        let r = &idx.agencies[a as usize];
        !r.closed
            && self.locality.is_none_or(|l| r.locality == l || r.remote)
            && self.category.is_none_or(|c| r.category == c)
    }
}

/// Finds every vocabulary word `w` matches and its tier, into `ws`. Returns whether `w`
/// begins some word (then the last-resort pass was not needed).
fn match_word(idx: &Index, w: &QWord, latin: bool, forms: WordForms, ws: &mut WordScratch) -> bool {
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
        } else if w.typing || n >= 5 || idx.vocab[id].chars().count() <= n + 3 {
            Tier::Prefix
        } else {
            // A short complete word («суд», «код») is not the beginning of a longer, different
            // word («судимість», «кодекс»); its forms («суду», «коду») still are.
            continue;
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
    match forms {
        WordForms::SharedBeginning => {
            let stem = score::stem_len(n);
            if stem < n {
                let p: String = w.chars[..stem].iter().collect();
                for id in prefix_range(&idx.vocab, &p) {
                    ws.set(id as u32, Tier::WordForm);
                }
            }
        }
        WordForms::Endings => {
            let p = forms::stem(&w.text);
            if p.len() < w.text.len() || n >= 4 {
                for id in prefix_range(&idx.vocab, p) {
                    if forms::is_ending(&idx.vocab[id][p.len()..]) {
                        ws.set(id as u32, Tier::WordForm);
                    }
                }
            }
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
        if buf.len() + 1 >= n && score::typo_match(&w.chars, &buf) {
            ws.set(id(start + i, e), Tier::Typo);
        }
    }
}

/// The directory's words a thesaurus word stands for: the word and its forms («втрата» →
/// «втрати», «втраченого»), at the thesaurus tier.
fn match_expansion(idx: &Index, t: &str, bit: u64, ws: &mut WordScratch) {
    let n = t.chars().count();
    let stem = score::stem_len(n).min(n);
    let p: String = t.chars().take(stem).collect();
    for id in prefix_range(&idx.vocab, &p) {
        if idx.vocab[id].chars().count() <= n + 4 {
            ws.set(id as u32, Tier::Thesaurus);
            ws.phrase_words.push((id as u32, bit));
        }
    }
}

/// Records the localities a required word names: the whole name, or another form of it
/// («Бердичеві», «з Бердичева», «бердичівський» for «Бердичів»), or at least five letters
/// of its beginning.
fn find_localities(idx: &Index, w: &QWord, ws: &mut WordScratch) {
    if w.chars.len() < 4 || w.digits {
        return;
    }
    let n = w.chars.len();
    for (li, l) in idx.localities.iter().enumerate() {
        let names = l.words.iter().any(|&id| {
            score::Tier::from_u8(ws.tiers[id as usize]).is_some_and(|t| match t {
                Tier::Exact | Tier::WordForm => true,
                Tier::Prefix => n >= 5,
                _ => false,
            })
        });
        // One-word names change their last letters in cases and adjectives: «з Бердичева»,
        // «бердичівський».
        let k = l.key.chars().count();
        let form = !names
            && !l.key.contains(' ')
            && n >= 5
            && k >= 5
            && score::common_prefix(&w.text, &l.key) >= (k - 2).max(5);
        if form {
            for &id in &l.words {
                ws.set(id, Tier::WordForm);
            }
        }
        if names || form {
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

#[cfg(test)]
mod tests;

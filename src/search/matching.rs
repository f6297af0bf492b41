//! Matching the query's words against the directory's sorted vocabulary, once per query: each
//! word's matching vocabulary words with their tier (exact, prefix, word form, Russian spelling,
//! thesaurus, typo, a piece inside a longer word), the localities it names, and the thesaurus
//! phrases it stands for.

use super::engine::Engine;
use super::forms::{self, WordForms};
use super::index::{self, Index, prefix_range};
use super::query::{MAX_WORDS, QWord, ReadingQuery};
use super::score::{self, Tier};
use crate::text::normalize;

/// Per-word scratch: the tier of every vocabulary word (0 = no match) and which were set.
#[derive(Default)]
pub(super) struct WordScratch {
    pub(super) tiers: Vec<u8>,
    pub(super) touched: Vec<u32>,
    /// Localities this word names (then it matches only the locality field).
    pub(super) localities: Vec<u32>,
    /// Thesaurus phrases: the bits (one per phrase word) each phrase needs in one field.
    pub(super) phrases: Vec<u64>,
    /// (vocabulary word, the thesaurus phrase words it is a form of), sorted by word once
    /// filled.
    pub(super) phrase_words: Vec<(u32, u64)>,
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
    pub(super) fn phrase_bits(&self, id: u32) -> Option<u64> {
        self.phrase_words
            .binary_search_by_key(&id, |e| e.0)
            .ok()
            .map(|i| self.phrase_words[i].1)
    }

    /// Whether the phrase words found in one field (`got`) complete a thesaurus phrase.
    pub(super) fn completes_phrase(&self, got: u64) -> bool {
        got != 0 && self.phrases.iter().any(|&m| m & !got == 0)
    }
}

/// What the query's words make of one vocabulary word, all words at once: scoring reads this
/// once per token instead of one per-word table per query word.
#[derive(Debug, Clone, Copy)]
pub(super) struct TokenMatch {
    /// Per query word, its tier here (0 = none).
    pub(super) tiers: [u8; MAX_WORDS * 2],
    /// Bit per query word with a tier here.
    pub(super) words: u16,
    /// Bit per query word whose tier here is the thesaurus one (counted only as a phrase).
    pub(super) thesaurus: u16,
    /// Index into [`QueryTokens::phrase`], or `NO_PHRASE`.
    pub(super) phrase: u32,
}

pub(super) const NO_PHRASE: u32 = u32::MAX;

/// Every vocabulary word any query word matches, found by rank in a bitset: one block of 64
/// words holds their bits and how many matched words come before it, so a token costs one
/// look-up whether it matches or not.
#[derive(Default)]
pub(super) struct QueryTokens {
    pub(super) blocks: Vec<Block>,
    pub(super) matches: Vec<TokenMatch>,
    /// Per query word, the thesaurus phrase words this vocabulary word is a form of.
    pub(super) phrase: Vec<[u64; MAX_WORDS * 2]>,
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Block {
    pub(super) bits: u64,
    pub(super) rank: u32,
}

impl QueryTokens {
    fn fill(&mut self, any: &[u64], words: &[WordScratch]) {
        self.blocks.clear();
        self.matches.clear();
        self.phrase.clear();
        for (bi, &bits) in any.iter().enumerate() {
            self.blocks.push(Block {
                bits,
                rank: self.matches.len() as u32,
            });
            let mut rest = bits;
            while rest != 0 {
                let id = (bi as u32) << 6 | rest.trailing_zeros();
                rest &= rest - 1;
                let m = self.token(id, words);
                self.matches.push(m);
            }
        }
    }

    fn token(&mut self, id: u32, words: &[WordScratch]) -> TokenMatch {
        let mut m = TokenMatch {
            tiers: [0; MAX_WORDS * 2],
            words: 0,
            thesaurus: 0,
            phrase: NO_PHRASE,
        };
        let mut phrase = [0u64; MAX_WORDS * 2];
        for (wi, ws) in words.iter().enumerate() {
            let t = ws.tiers[id as usize];
            if t == 0 {
                continue;
            }
            m.tiers[wi] = t;
            m.words |= 1 << wi;
            if t == Tier::Thesaurus.to_u8() {
                m.thesaurus |= 1 << wi;
            }
            if !ws.phrase_words.is_empty() {
                phrase[wi] = ws.phrase_bits(id).unwrap_or(0);
            }
        }
        if phrase.iter().any(|&b| b != 0) {
            m.phrase = self.phrase.len() as u32;
            self.phrase.push(phrase);
        }
        m
    }

    /// The query's matches of vocabulary word `tok`, if any.
    #[inline]
    pub(super) fn get(&self, tok: u32) -> Option<&TokenMatch> {
        let b = self.blocks.get(tok as usize >> 6)?;
        let bit = 1u64 << (tok & 63);
        if b.bits & bit == 0 {
            return None;
        }
        self.matches
            .get((b.rank + (b.bits & (bit - 1)).count_ones()) as usize)
    }
}

impl Engine {
    /// Matches every word of `rq` against the vocabulary, through the thesaurus too, into the
    /// per-word scratch. Returns whether the last word begins some word of the directory.
    pub(super) fn match_words(&mut self, rq: &ReadingQuery) -> bool {
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
        self.tokens.fill(&self.any, &self.words[..rq.words.len()]);
        last_begins_some
    }
}

/// Finds every vocabulary word `w` matches and its tier, into `ws`. Returns whether `w`
/// begins some word (then the last-resort pass was not needed).
fn match_word(idx: &Index, w: &QWord, latin: bool, forms: WordForms, ws: &mut WordScratch) -> bool {
    let n = w.chars.len();
    if latin {
        match_latin(idx, w, ws);
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
        match_digits(idx, w, ws);
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

/// A number: the digits anywhere in a number of the directory (phones), from three digits on.
fn match_digits(idx: &Index, w: &QWord, ws: &mut WordScratch) {
    let n = w.chars.len();
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
}

/// A Latin (transliterated) query word against the directory's words in transliteration:
/// the same, its beginning, its stem, one typo.
fn match_latin(idx: &Index, w: &QWord, ws: &mut WordScratch) {
    let n = w.chars.len();
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

//! The index, built once per directory: every searchable field normalised and split into
//! words, the distinct words sorted (so a query word's matches are a binary search plus a
//! short scan, not a pass over the whole directory), an inverted list word → agencies (to find
//! candidates), and the words of each agency in field order (to score candidates).

use super::postings::{self, PostInfo};
use super::score::FieldKind;
use super::translit;
use crate::directory::{Agency, Directory, Serves, Status};
use crate::text::normalize::{self, is_stopword};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A field of one agency: its kind, the service it belongs to, its words in `Index::words`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct FieldRec {
    pub kind: FieldKind,
    /// Service index, or `NO_SERVICE` for the agency's own fields.
    pub service: u32,
    pub start: u32,
    pub end: u32,
    /// Which of the vocabulary's 32 stretches ([`Index::stretch`]) its words are in: a field
    /// with no word in a stretch of any matched word is skipped without reading its words.
    pub stretches: u32,
}

/// The index's serialised shape, for the cache kept beside the parsed directory: bump it when
/// `Index` or how it is built changes.
pub const FORMAT_VERSION: u32 = 5;

pub const NO_SERVICE: u32 = u32::MAX;
pub const NO_LOCALITY: u32 = u32::MAX;
/// No oblast: not known, or not served as a whole.
pub const NO_OBLAST: u32 = u32::MAX;

/// What ranking needs to know about an agency without touching the directory.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct AgencyRec {
    /// Closed for good: never offered.
    pub closed: bool,
    /// Temporarily closed: ranked last and marked.
    pub temporarily_closed: bool,
    pub locality: u32,
    pub category: u32,
    /// Serves the whole country (`serves = "country"`, or `remote` naming no narrower area):
    /// a town never hides it.
    pub nationwide: bool,
    /// The oblast it serves as a whole (`serves = "oblast"`), or [`NO_OBLAST`]: a town of
    /// that oblast never hides it.
    pub oblast: u32,
}

/// A locality as it can be named in a query («Бердичів», «смт Ружин» → «ружин»).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Locality {
    pub key: String,
    pub agencies: Vec<u32>,
    /// Word ids of the key's words.
    pub words: Vec<u32>,
    /// The oblast it is in, as its agencies or the directory say ([`NO_OBLAST`]: unknown).
    pub oblast: u32,
    /// Agencies elsewhere that list it in `serves`, ascending.
    pub served: Vec<u32>,
}

/// An oblast some agency serves as a whole (`serves = "oblast"`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Oblast {
    /// «житомирська» for «Житомирська область», «Житомирська обл.».
    pub key: String,
    /// The agencies serving all of it, ascending.
    pub agencies: Vec<u32>,
}

/// The key an oblast is known by: «Житомирська область» → «житомирська».
pub fn oblast_key(name: &str) -> String {
    let key = normalize::normalize(name);
    ["область", "обл.", "обл"]
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .map_or(key.clone(), |k| k.trim_end().to_string())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    /// Distinct normalised words, sorted; a word's id is its position.
    pub vocab: Vec<String>,
    /// (Russian-tolerant key, word id), sorted by key.
    pub loose: Vec<(String, u32)>,
    /// (folded official transliteration, word id), sorted by key.
    pub latin: Vec<(String, u32)>,
    /// Word id → agencies containing it: `post[post_off[w]..post_off[w + 1]]`, ascending.
    pub post_off: Vec<u32>,
    pub post: Vec<u32>,
    /// Beside each of `post`, what the word is in that agency.
    pub post_info: Vec<PostInfo>,
    /// Agency → its fields: `fields[field_off[a]..field_off[a + 1]]`, agency fields first,
    /// then each service's fields in order.
    pub field_off: Vec<u32>,
    pub fields: Vec<FieldRec>,
    /// Word ids of all fields, in order.
    pub words: Vec<u32>,
    pub agencies: Vec<AgencyRec>,
    pub localities: Vec<Locality>,
    pub categories: Vec<String>,
    /// The agencies that serve the whole country, ascending.
    pub nationwide: Vec<u32>,
    /// The oblasts agencies serve as a whole.
    pub oblasts: Vec<Oblast>,
    /// Per word id, which of 32 consecutive stretches of the sorted vocabulary it is in, each
    /// holding about as many of the directory's words as the others. A query word's matches are
    /// mostly ranges of the sorted vocabulary (a beginning and its forms), so they fall in few
    /// stretches, and fields without a word in them are skipped unread.
    pub stretch: Vec<u8>,
    /// Whether any indexed word is Latin (only then is a Cyrillic query also read as typed on
    /// the wrong layout for Latin).
    pub has_latin: bool,
}

/// Prefixes of locality names that people leave out.
const LOCALITY_PREFIXES: &[&str] = &["м.", "місто", "смт", "с.", "село", "селище", "сел."];

/// The key a locality is known by: «смт Ружин» → «ружин».
pub fn locality_key(name: &str) -> String {
    let mut s = name.trim();
    for p in LOCALITY_PREFIXES {
        if let Some(rest) = s.strip_prefix(p)
            && (rest.starts_with(' ') || p.ends_with('.'))
        {
            s = rest.trim_start();
            break;
        }
    }
    normalize::normalize(s)
}

/// Digits of a phone as written, in the forms people type: international and national.
fn phone_tokens(raw: &str) -> Vec<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let mut out = vec![];
    if let Some(rest) = digits.strip_prefix("380") {
        out.push(format!("0{rest}"));
    }
    out.push(digits);
    out
}

struct Builder {
    ids: HashMap<String, u32>,
    vocab: Vec<String>,
    fields: Vec<FieldRec>,
    words: Vec<u32>,
    key: String,
}

impl Builder {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(w.to_string());
        self.ids.insert(w.to_string(), id);
        id
    }

    fn field(&mut self, kind: FieldKind, service: u32, text: &str) {
        let start = self.words.len() as u32;
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.push_str(&normalize::normalize(text));
        // Numbers written in groups («0 800 213 103») are also indexed whole, as a query
        // types them.
        let mut run = String::new();
        let mut run_parts = 0;
        for t in normalize::tokens(&key) {
            let w = t.text;
            if w.bytes().all(|b| b.is_ascii_digit()) {
                run.push_str(w);
                run_parts += 1;
            } else {
                self.flush_number(&mut run, &mut run_parts);
            }
            // Single letters and function words would match everything and mean nothing.
            let single_letter = w.chars().nth(1).is_none() && !w.as_bytes()[0].is_ascii_digit();
            if single_letter || is_stopword(w) {
                continue;
            }
            let id = self.id(w);
            self.words.push(id);
        }
        self.flush_number(&mut run, &mut run_parts);
        self.key = key;
        let end = self.words.len() as u32;
        if end > start {
            // Set once the vocabulary is sorted (see `Index::stretch`).
            let stretches = 0;
            self.fields.push(FieldRec {
                kind,
                service,
                start,
                end,
                stretches,
            });
        }
    }

    fn flush_number(&mut self, run: &mut String, parts: &mut usize) {
        if *parts > 1 && run.len() >= 5 {
            let id = self.id(run);
            self.words.push(id);
        }
        run.clear();
        *parts = 0;
    }

    fn phones(&mut self, kind: FieldKind, service: u32, raws: &[&str]) {
        let start = self.words.len() as u32;
        for raw in raws {
            for t in phone_tokens(raw) {
                if t.len() >= 3 {
                    let id = self.id(&t);
                    self.words.push(id);
                }
            }
        }
        let end = self.words.len() as u32;
        if end > start {
            // Set once the vocabulary is sorted (see `Index::stretch`).
            let stretches = 0;
            self.fields.push(FieldRec {
                kind,
                service,
                start,
                end,
                stretches,
            });
        }
    }

    fn agency(&mut self, a: &Agency, category_label: &str) {
        use FieldKind::*;
        self.field(Name, NO_SERVICE, &a.name);
        if let Some(s) = &a.short_name {
            self.field(ShortName, NO_SERVICE, s);
        }
        for t in &a.topics {
            self.field(Topic, NO_SERVICE, t);
        }
        self.field(Category, NO_SERVICE, category_label);
        if let Some(l) = &a.locality {
            self.field(Locality, NO_SERVICE, l);
        }
        if let Some(d) = &a.district {
            self.field(District, NO_SERVICE, d);
        }
        if let Some(s) = &a.address {
            self.field(Address, NO_SERVICE, s);
        }
        for p in a.head.iter().chain(&a.contacts) {
            self.field(Person, NO_SERVICE, &p.name);
        }
        let mut phones: Vec<&str> = a.phones.iter().map(|p| p.raw.as_str()).collect();
        phones.extend(
            a.head
                .iter()
                .chain(&a.contacts)
                .filter_map(|p| p.phone.as_ref().map(|p| p.raw.as_str())),
        );
        self.phones(Phone, NO_SERVICE, &phones);
        if let Some(d) = &a.description {
            self.field(Description, NO_SERVICE, d);
        }
        for (si, s) in a.services.iter().enumerate().take(NO_SERVICE as usize) {
            let si = si as u32;
            self.field(ServiceName, si, &s.name);
            for t in &s.topics {
                self.field(ServiceTopic, si, t);
            }
            for p in &s.contacts {
                self.field(ServicePerson, si, &p.name);
            }
            let phones: Vec<&str> = s
                .contacts
                .iter()
                .filter_map(|p| p.phone.as_ref().map(|p| p.raw.as_str()))
                .collect();
            self.phones(Phone, si, &phones);
            if let Some(d) = &s.description {
                self.field(ServiceDescription, si, d);
            }
        }
    }
}

impl Index {
    #[allow(clippy::too_many_lines)] // speed splits src/search/ (issue 11)
    pub fn build(dir: &Directory) -> Index {
        let mut b = Builder {
            ids: HashMap::new(),
            vocab: Vec::new(),
            fields: Vec::new(),
            words: Vec::new(),
            key: String::new(),
        };
        let mut field_off = Vec::with_capacity(dir.agencies.len() + 1);
        let mut agencies = Vec::with_capacity(dir.agencies.len());
        let mut loc_ids: HashMap<String, u32> = HashMap::new();
        let mut localities: Vec<Locality> = Vec::new();
        let mut categories: Vec<String> = Vec::new();
        let mut cat_ids: HashMap<&str, u32> = HashMap::new();
        for (ai, a) in dir.agencies.iter().enumerate() {
            field_off.push(b.fields.len() as u32);
            let label = dir
                .category(&a.category)
                .map_or(a.category.as_str(), |c| c.name.as_str());
            b.agency(a, label);
            let locality = match &a.locality {
                Some(l) => {
                    let id = locality_id(&mut localities, &mut loc_ids, l);
                    localities[id as usize].agencies.push(ai as u32);
                    id
                }
                None => NO_LOCALITY,
            };
            let category = *cat_ids.entry(a.category.as_str()).or_insert_with(|| {
                categories.push(a.category.clone());
                (categories.len() - 1) as u32
            });
            agencies.push(AgencyRec {
                closed: a.status == Status::Closed,
                temporarily_closed: a.status == Status::TemporarilyClosed,
                locality,
                category,
                nationwide: a.serves_country(),
                oblast: NO_OBLAST,
            });
        }
        field_off.push(b.fields.len() as u32);
        let oblasts = coverage(dir, &mut localities, &mut loc_ids, &mut agencies);

        // Sort the vocabulary and renumber.
        let mut order: Vec<u32> = (0..b.vocab.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.vocab[x as usize].cmp(&b.vocab[y as usize]));
        let mut remap = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let mut old_vocab: Vec<Option<String>> = b.vocab.into_iter().map(Some).collect();
        let vocab: Vec<String> = order
            .iter()
            .map(|&o| old_vocab[o as usize].take().unwrap_or_default())
            .collect();
        let mut words = b.words;
        for w in &mut words {
            *w = remap[*w as usize];
        }
        let stretch = stretches(vocab.len(), &words);
        let mut fields = b.fields;
        for f in &mut fields {
            f.stretches = words[f.start as usize..f.end as usize]
                .iter()
                .fold(0, |m, &w| m | 1 << stretch[w as usize]);
        }

        let (post_off, post, post_info) = postings::build(&fields, &field_off, &words, vocab.len());

        let mut loose: Vec<(String, u32)> = vocab
            .iter()
            .enumerate()
            .map(|(i, v)| (normalize::loose(v), i as u32))
            .collect();
        loose.sort_unstable();
        let mut latin: Vec<(String, u32)> = vocab
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.bytes().all(|b| b.is_ascii_digit()))
            .map(|(i, v)| (translit::fold(&translit::to_latin(v)), i as u32))
            .collect();
        latin.sort_unstable();
        for l in &mut localities {
            l.words = l
                .key
                .split(' ')
                .filter_map(|part| vocab.binary_search_by(|v| v.as_str().cmp(part)).ok())
                .map(|i| i as u32)
                .collect();
        }
        let nationwide = (0..agencies.len() as u32)
            .filter(|&a| agencies[a as usize].nationwide)
            .collect();
        let has_latin = vocab
            .iter()
            .any(|v| v.bytes().any(|b| b.is_ascii_lowercase()));

        Index {
            vocab,
            loose,
            latin,
            post_off,
            post,
            post_info,
            field_off,
            fields,
            words,
            agencies,
            localities,
            categories,
            nationwide,
            oblasts,
            stretch,
            has_latin,
        }
    }

    /// The bit of word `id`'s stretch, as in [`FieldRec::stretches`].
    #[inline]
    pub fn stretch_bit(&self, id: u32) -> u32 {
        1 << self.stretch[id as usize]
    }

    pub fn postings(&self, word: u32) -> &[u32] {
        &self.post[self.post_off[word as usize] as usize..self.post_off[word as usize + 1] as usize]
    }

    /// The agencies holding `word`, and what it is in each.
    pub fn postings_info(&self, word: u32) -> (&[u32], &[PostInfo]) {
        let r = self.post_off[word as usize] as usize..self.post_off[word as usize + 1] as usize;
        (&self.post[r.clone()], &self.post_info[r])
    }

    pub fn agency_fields(&self, a: usize) -> &[FieldRec] {
        &self.fields[self.field_off[a] as usize..self.field_off[a + 1] as usize]
    }

    pub fn field_words(&self, f: &FieldRec) -> &[u32] {
        &self.words[f.start as usize..f.end as usize]
    }

    pub fn locality_id(&self, name: &str) -> Option<u32> {
        let key = locality_key(name);
        self.localities
            .iter()
            .position(|l| l.key == key)
            .map(|i| i as u32)
    }

    /// Whether agency `a` serves locality `l` without being there: the whole country, the
    /// locality's oblast, or the locality by name.
    pub fn serves(&self, a: u32, l: u32) -> bool {
        let r = &self.agencies[a as usize];
        if r.nationwide {
            return true;
        }
        let Some(loc) = self.localities.get(l as usize) else {
            return false;
        };
        (r.oblast != NO_OBLAST && r.oblast == loc.oblast) || loc.served.binary_search(&a).is_ok()
    }

    /// The agencies a visitor of locality `l` can go to, but those serving the whole country:
    /// the ones there, those listing it in `serves`, and those serving its oblast (an agency
    /// may come twice).
    pub fn local_agencies(&self, l: u32) -> impl Iterator<Item = u32> + '_ {
        let loc = &self.localities[l as usize];
        let oblast = self
            .oblasts
            .get(loc.oblast as usize)
            .map_or(&[][..], |o| o.agencies.as_slice());
        loc.agencies
            .iter()
            .chain(&loc.served)
            .chain(oblast)
            .copied()
    }

    /// How many agencies [`Index::local_agencies`] yields.
    pub fn local_count(&self, l: u32) -> usize {
        let loc = &self.localities[l as usize];
        let oblast = self
            .oblasts
            .get(loc.oblast as usize)
            .map_or(0, |o| o.agencies.len());
        loc.agencies.len() + loc.served.len() + oblast
    }

    pub fn category_id(&self, id: &str) -> Option<u32> {
        self.categories
            .iter()
            .position(|c| c == id)
            .map(|i| i as u32)
    }
}

/// The id of the locality named `name`, added when new.
fn locality_id(localities: &mut Vec<Locality>, ids: &mut HashMap<String, u32>, name: &str) -> u32 {
    let key = locality_key(name);
    *ids.entry(key.clone()).or_insert_with(|| {
        localities.push(Locality {
            key,
            agencies: Vec::new(),
            words: Vec::new(),
            oblast: NO_OBLAST,
            served: Vec::new(),
        });
        (localities.len() - 1) as u32
    })
}

/// Who serves more than their own locality (`serves`), and which oblast each locality is in:
/// the first of its agencies to say (by `province` or the directory's), else that of the
/// first agency listing it in `serves`. Fills `AgencyRec::oblast` and `Locality::served`, and
/// returns the oblasts.
fn coverage(
    dir: &Directory,
    localities: &mut Vec<Locality>,
    loc_ids: &mut HashMap<String, u32>,
    agencies: &mut [AgencyRec],
) -> Vec<Oblast> {
    let mut oblasts: Vec<Oblast> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let own: Vec<Option<u32>> = dir
        .agencies
        .iter()
        .map(|a| {
            dir.oblast_of(a).map(|name| {
                let key = oblast_key(name);
                *ids.entry(key.clone()).or_insert_with(|| {
                    oblasts.push(Oblast {
                        key,
                        agencies: Vec::new(),
                    });
                    (oblasts.len() - 1) as u32
                })
            })
        })
        .collect();
    for (rec, &o) in agencies.iter().zip(&own) {
        if let (Some(o), Some(loc)) = (o, localities.get_mut(rec.locality as usize))
            && loc.oblast == NO_OBLAST
        {
            loc.oblast = o;
        }
    }
    for (ai, a) in dir.agencies.iter().enumerate() {
        let rec = &mut agencies[ai];
        match (&a.serves, own[ai]) {
            (Some(Serves::Oblast), Some(o)) => {
                rec.oblast = o;
                oblasts[o as usize].agencies.push(ai as u32);
            }
            (Some(Serves::Localities(names)), o) => {
                for name in names {
                    let l = locality_id(localities, loc_ids, name);
                    let loc = &mut localities[l as usize];
                    if loc.oblast == NO_OBLAST {
                        loc.oblast = o.unwrap_or(NO_OBLAST);
                    }
                    if l != rec.locality && loc.served.last() != Some(&(ai as u32)) {
                        loc.served.push(ai as u32);
                    }
                }
            }
            _ => {}
        }
    }
    oblasts
}

/// Cuts the sorted vocabulary into 32 stretches holding about equally many of the directory's
/// words (`words`: every occurrence), so that field signatures are equally selective.
fn stretches(n_words: usize, words: &[u32]) -> Vec<u8> {
    let mut count = vec![0u64; n_words];
    for &w in words {
        count[w as usize] += 1;
    }
    let total = words.len().max(1) as u64;
    let mut seen = 0u64;
    count
        .iter()
        .map(|&c| {
            let s = (seen * 32 / total).min(31) as u8;
            seen += c;
            s
        })
        .collect()
}

/// An entry of a sorted word list.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for String {
    fn key(&self) -> &str {
        self
    }
}

impl Keyed for (String, u32) {
    fn key(&self) -> &str {
        &self.0
    }
}

impl Keyed for &str {
    fn key(&self) -> &str {
        self
    }
}

/// The range of sorted `keys` that start with `prefix`.
pub fn prefix_range<T: Keyed>(keys: &[T], prefix: &str) -> std::ops::Range<usize> {
    let start = keys.partition_point(|k| k.key() < prefix);
    let len = keys[start..].partition_point(|k| k.key().starts_with(prefix));
    start..start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locality_prefixes_are_dropped() {
        assert_eq!(locality_key("смт Ружин"), "ружин");
        assert_eq!(locality_key("м. Житомир"), "житомир");
        assert_eq!(locality_key("с.Тетерівка"), "тетерівка");
        assert_eq!(locality_key("Бердичів"), "бердичів");
        assert_eq!(locality_key("Селезнівка"), "селезнівка");
    }

    #[test]
    fn oblast_names_compare_without_the_word_oblast() {
        let k = oblast_key("Житомирська область");
        assert_eq!(k, "житомирська");
        assert_eq!(oblast_key("житомирська обл."), k);
        assert_eq!(oblast_key("ЖИТОМИРСЬКА ОБЛ"), k);
        assert_ne!(oblast_key("Київська область"), k);
    }

    #[test]
    fn phone_digits_in_both_forms() {
        assert_eq!(
            phone_tokens("+380 412 42-05-10"),
            ["0412420510", "380412420510"]
        );
        assert_eq!(phone_tokens("1545"), ["1545"]);
    }

    #[test]
    fn prefix_range_finds_all_and_only_prefixed() {
        let keys = ["аб", "до", "довідка", "доходи", "дп", "е"];
        let r = prefix_range(&keys, "до");
        assert_eq!(&keys[r], ["до", "довідка", "доходи"]);
        let r = prefix_range(&keys, "я");
        assert!(r.is_empty());
    }
}

//! When nothing fits: never leave the frontliner empty-handed. The closest matches for the
//! query with its mistyped words corrected ("did you mean"), the categories nearest to its
//! words, and the national hotlines — always offered as suggestions, never as results.

use super::index::{Index, prefix_range};
use super::{Engine, FieldKind, SearchOptions};
use crate::directory::Directory;
use crate::i18n::Lang;
use crate::text::normalize;

/// What to offer when a query finds nothing. Every part may be empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestions {
    /// "Did you mean": (the word as typed, the nearest word of the directory).
    pub did_you_mean: Vec<(String, String)>,
    /// The corrected query, when a word was corrected.
    pub corrected: Option<String>,
    /// Agencies the corrected query finds (indices into `Directory::agencies`), best first.
    pub closest: Vec<usize>,
    /// Category ids nearest to the query's words, nearest first.
    pub categories: Vec<String>,
    /// Agencies that serve the whole country, those of `categories` first.
    pub hotlines: Vec<usize>,
}

impl Suggestions {
    /// The suggestions as text lines, plainly labelled as suggestions (the screen and
    /// `refdesk search` show the same).
    pub fn lines(&self, dir: &Directory, lang: Lang) -> Vec<String> {
        let mut out = vec![
            lang.pick(
                "Точних збігів немає. Підказки (це лише схожі варіанти, перевірте їх):",
                "No match. Suggestions (only similar options, check them):",
            )
            .to_string(),
        ];
        if !self.did_you_mean.is_empty() {
            let pairs: Vec<String> = self
                .did_you_mean
                .iter()
                .map(|(from, to)| format!("{from} → {to}"))
                .collect();
            out.push(format!(
                "  {}: {}",
                lang.pick("можливо, ви мали на увазі", "did you mean"),
                pairs.join(", ")
            ));
        }
        let list = |out: &mut Vec<String>, title: &str, ids: &[usize]| {
            if ids.is_empty() {
                return;
            }
            out.push(format!("  {title}:"));
            for &a in ids {
                let a = &dir.agencies[a];
                out.push(format!(
                    "    – {} — {}",
                    a.display_name(),
                    a.locality_or_country()
                ));
            }
        };
        if let Some(c) = &self.corrected {
            let title = format!("{} «{c}»", lang.pick("знайдено за", "found for"));
            list(&mut out, &title, &self.closest);
        }
        if !self.categories.is_empty() {
            let names: Vec<&str> = self
                .categories
                .iter()
                .map(|c| dir.category(c).map_or(c.as_str(), |x| x.label(lang)))
                .collect();
            out.push(format!(
                "  {}: {}",
                lang.pick("найближчі категорії", "nearest categories"),
                names.join("; ")
            ));
        }
        let title = lang.pick("загальнонаціональні лінії", "national hotlines");
        list(&mut out, title, &self.hotlines);
        out
    }
}

/// How many agencies each part offers at most.
const MAX_OFFERED: usize = 5;

pub(super) fn suggest(
    engine: &mut Engine,
    words: &[String],
    opts: &SearchOptions,
    cancelled: &dyn Fn() -> bool,
) -> Option<Suggestions> {
    let mut out = Suggestions::default();
    for w in words {
        if let Some(near) = nearest_word(engine, w) {
            out.did_you_mean.push((w.clone(), near));
        }
    }
    if cancelled() {
        return None;
    }
    if !out.did_you_mean.is_empty() {
        let corrected: Vec<&str> = words
            .iter()
            .map(|w| {
                out.did_you_mean
                    .iter()
                    .find(|(from, _)| from == w)
                    .map_or(w.as_str(), |(_, to)| to.as_str())
            })
            .collect();
        let corrected = corrected.join(" ");
        let o = SearchOptions {
            limit: MAX_OFFERED,
            ..opts.clone()
        };
        engine.suggesting = true;
        let r = engine.search(&format!("{corrected} "), &o);
        engine.suggesting = false;
        out.closest = r.hits.iter().map(|h| h.agency).collect();
        out.corrected = Some(corrected);
    }
    let dir = engine.directory().clone();
    // Categories: those of the closest matches, then those whose names are nearest in spelling.
    for &a in &out.closest {
        let c = &dir.agencies[a].category;
        if !out.categories.contains(c) {
            out.categories.push(c.clone());
        }
    }
    let mut by_name: Vec<(f64, &str)> = dir
        .categories
        .iter()
        .filter(|c| dir.agencies.iter().any(|a| a.category == c.id))
        .map(|c| {
            let key = normalize::normalize(&c.name);
            let best = normalize::tokens(&key)
                .flat_map(|t| words.iter().map(move |w| strsim::jaro_winkler(w, t.text)))
                .fold(0.0, f64::max);
            (best, c.id.as_str())
        })
        .filter(|(s, _)| *s >= 0.8)
        .collect();
    by_name.sort_by(|a, b| b.0.total_cmp(&a.0));
    let by_words = categories_by_words(&engine.index, words, cancelled)?;
    let by_words = by_words
        .iter()
        .map(|&c| engine.index.categories[c as usize].as_str());
    for c in by_name.into_iter().map(|x| x.1).chain(by_words) {
        if !out.categories.iter().any(|x| x == c) {
            out.categories.push(c.to_string());
        }
    }
    out.categories.truncate(3);
    // National lines: of the nearest categories first, then the others.
    let mut lines: Vec<usize> = engine
        .index
        .nationwide
        .iter()
        .map(|&a| a as usize)
        .collect();
    lines.retain(|&a| !engine.index.agencies[a].closed);
    lines.sort_by_key(|&a| {
        let c = &dir.agencies[a].category;
        out.categories
            .iter()
            .position(|x| x == c)
            .unwrap_or(usize::MAX)
    });
    lines.truncate(MAX_OFFERED);
    out.hotlines = lines;
    Some(out)
}

/// How similar a directory word must be to a query word, by shared pairs of letters
/// (Sørensen–Dice), to lead to its categories: «помогите» ~ «допомога» (0.57), and how many
/// pairs they must share at least (three make chance likenesses: «собака» ~ «особам»).
const NEAR_WORDS: f64 = 0.5;
const NEAR_PAIRS: usize = 4;
/// How many agencies of a near word are looked at for its categories.
const AGENCIES_PER_WORD: usize = 200;

/// Sørensen–Dice similarity of a word given by its letter pairs and another word: twice the
/// pairs they share over how many both have (strsim's `sorensen_dice` divides by the words'
/// lengths in bytes, twice their letters in Cyrillic).
fn dice(pairs: &[String], v: &str) -> (usize, f64) {
    let chars: Vec<char> = v.chars().collect();
    let mut theirs: Vec<String> = chars.windows(2).map(|p| p.iter().collect()).collect();
    let total = pairs.len() + theirs.len();
    let mut shared = 0;
    for p in pairs {
        if let Some(i) = theirs.iter().position(|t| t == p) {
            theirs.swap_remove(i);
            shared += 1;
        }
    }
    (shared, (2 * shared) as f64 / total.max(1) as f64)
}

/// Fields that say what an agency does, not who works there or where it is.
fn says_what(k: FieldKind) -> bool {
    matches!(
        k,
        FieldKind::Name
            | FieldKind::ShortName
            | FieldKind::Topic
            | FieldKind::Description
            | FieldKind::Category
            | FieldKind::ServiceName
            | FieldKind::ServiceTopic
            | FieldKind::ServiceDescription
    )
}

/// The agencies (of the first [`AGENCIES_PER_WORD`]) where word `id` says what they do.
fn agencies_doing(idx: &Index, id: u32) -> impl Iterator<Item = u32> + '_ {
    idx.postings(id)
        .iter()
        .take(AGENCIES_PER_WORD)
        .copied()
        .filter(move |&a| {
            idx.agency_fields(a as usize)
                .iter()
                .any(|f| says_what(f.kind) && idx.field_words(f).contains(&id))
        })
}

/// Categories (ids into `Index::categories`) whose words are nearest to the query's when
/// nothing matched them: every directory word sharing at least [`NEAR_PAIRS`] letter pairs
/// and a similarity of [`NEAR_WORDS`] with a query word of five letters or more leads to the
/// categories of the agencies it describes; nearest first, then by how many agencies. None
/// when cancelled.
fn categories_by_words(
    idx: &Index,
    words: &[String],
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<u32>> {
    // Per category: the best similarity, and in how many agencies.
    let mut best: Vec<(f64, usize)> = vec![(0.0, 0); idx.categories.len()];
    for w in words {
        let n = w.chars().count();
        if n < 5 || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let chars: Vec<char> = w.chars().collect();
        let pairs: Vec<String> = chars.windows(2).map(|p| p.iter().collect()).collect();
        for (id, v) in idx.vocab.iter().enumerate() {
            if id % 4096 == 4095 && cancelled() {
                return None;
            }
            // Cheap filters first: a similar length, and enough of the letter pairs.
            let vn = v.chars().count();
            if vn * 2 < n
                || vn > n * 2
                || pairs.iter().filter(|p| v.contains(p.as_str())).count() < NEAR_PAIRS
            {
                continue;
            }
            let (shared, sim) = dice(&pairs, v);
            if shared < NEAR_PAIRS || sim < NEAR_WORDS {
                continue;
            }
            for a in agencies_doing(idx, id as u32) {
                let c = &mut best[idx.agencies[a as usize].category as usize];
                if sim > c.0 {
                    *c = (sim, 0);
                }
                if sim >= c.0 {
                    c.1 += 1;
                }
            }
        }
    }
    let mut found: Vec<u32> = (0..best.len() as u32)
        .filter(|&c| best[c as usize].0 > 0.0)
        .collect();
    found.sort_by(|&x, &y| {
        let (x, y) = (best[x as usize], best[y as usize]);
        y.0.total_cmp(&x.0).then(y.1.cmp(&x.1))
    });
    Some(found)
}

/// The directory's word nearest to a mistyped one: at most two edits away (one for short
/// words), starting with the same letter; the most widespread among equals. Two edits away
/// only a word that says what agencies do: «собака» is not a mistyped surname «Сорока».
fn nearest_word(engine: &Engine, w: &str) -> Option<String> {
    let n = w.chars().count();
    if n < 3 || w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let max = if n <= 4 { 1 } else { 2 };
    let first: String = w.chars().take(1).collect();
    let idx = &engine.index;
    let mut best: Option<(usize, std::cmp::Reverse<usize>, usize)> = None;
    for id in prefix_range(&idx.vocab, &first) {
        let v = &idx.vocab[id];
        let vn = v.chars().count();
        if vn + max < n || vn > n + max {
            continue;
        }
        let d = strsim::damerau_levenshtein(w, v);
        if d == 0 || d > max || d > 1 && agencies_doing(idx, id as u32).next().is_none() {
            continue;
        }
        let key = (d, std::cmp::Reverse(idx.postings(id as u32).len()), id);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    best.map(|(_, _, id)| idx.vocab[id].clone())
}

#[cfg(test)]
mod tests {
    use crate::directory::{LoadOptions, load_demo};
    use crate::i18n::Lang;
    use crate::search::{Engine, SearchOptions};
    use std::sync::Arc;

    fn engine() -> Engine {
        let dir = load_demo(&LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        });
        Engine::new(Arc::new(dir))
    }

    #[test]
    fn nothing_found_offers_did_you_mean_closest_and_hotlines() {
        let mut e = engine();
        // Two letters wrong: too far for the typo tier, near enough for a suggestion.
        let r = e.search("пинсєя", &SearchOptions::default());
        assert!(r.hits.is_empty(), "{:?}", r.hits);
        let s = r.suggestions.expect("suggestions when nothing fits");
        assert_eq!(
            s.did_you_mean,
            [("пинсєя".to_string(), "пенсія".to_string())]
        );
        let dir = e.directory().clone();
        assert!(
            s.closest.iter().any(|&a| dir.agencies[a].id == "zt-pfu-sc"),
            "{:?}",
            s.closest
        );
        assert_eq!(s.categories.first().map(String::as_str), Some("pension"));
        assert_eq!(dir.agencies[s.hotlines[0]].id, "ua-pfu-0800");
        assert!(s.hotlines.iter().all(|&a| dir.agencies[a].remote));
    }

    #[test]
    fn words_nearest_to_each_other_do_not_suggest_forever() {
        // No national line about housing: «житло» suggests «житла», whose search finds
        // nothing either and must not suggest «житло» back (it once recursed until the stack
        // overflowed — a crash from the F4 filter «уся Україна / онлайн»).
        let mut e = engine();
        let o = SearchOptions {
            locality: Some(crate::search::NATIONWIDE.into()),
            ..Default::default()
        };
        let r = e.search("житло", &o);
        assert!(r.hits.is_empty(), "{:?}", r.hits);
        let s = r.suggestions.expect("suggestions when nothing fits");
        assert_eq!(s.did_you_mean, [("житло".into(), "житла".into())], "{s:?}");
    }

    #[test]
    fn a_visitor_word_nothing_matches_suggests_the_categories_of_words_like_it() {
        // Russian «помогите» matches nothing, but is spelt like «допомога», «допомоги».
        let mut e = engine();
        for q in ["помогите", "помогите пожалуйста бабушке"] {
            let r = e.search(q, &SearchOptions::default());
            assert!(r.hits.is_empty(), "{q}: {:?}", r.hits);
            let s = r.suggestions.expect("suggestions when nothing fits");
            assert!(
                s.categories.iter().any(|c| c == "legal-aid"),
                "{q}: {:?}",
                s.categories
            );
            assert!(s.categories.len() <= 3);
            // National lines of those categories come first.
            let dir = e.directory().clone();
            let first = &dir.agencies[s.hotlines[0]].category;
            assert!(s.categories.contains(first), "{q}: {first}");
            let lines = s.lines(&dir, Lang::Uk);
            assert!(lines[0].contains("Підказки"), "{lines:?}");
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains("найближчі категорії") && l.contains("Правова допомога")),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_chance_likeness_suggests_no_category_and_no_surname() {
        // «собака» shares three letter pairs with «особам» and is two letters from the
        // surname «Сорока»: neither is a suggestion; the national lines still are.
        let mut e = engine();
        for q in ["собака вкусила", "бабушка"] {
            let r = e.search(q, &SearchOptions::default());
            assert!(r.hits.is_empty(), "{q}: {:?}", r.hits);
            let s = r.suggestions.expect("suggestions when nothing fits");
            assert!(s.did_you_mean.is_empty(), "{q}: {:?}", s.did_you_mean);
            assert!(s.categories.is_empty(), "{q}: {:?}", s.categories);
            assert!(!s.hotlines.is_empty());
        }
    }

    #[test]
    fn results_have_no_suggestions() {
        let mut e = engine();
        let r = e.search("пенсія", &SearchOptions::default());
        assert!(!r.hits.is_empty());
        assert!(r.suggestions.is_none());
    }
}

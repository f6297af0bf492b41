//! Scoring candidates: each agency's fields walked once, every query word's best match (tier
//! points × field weight) per service, and the outcome that ranks it.

use super::engine::Engine;
use super::index::{FieldRec, Index, NO_SERVICE};
use super::matching::NO_PHRASE;
use super::query::{MAX_WORDS, ReadingQuery};
use super::score::{self, FieldKind, Scoring, Tier};
use std::cmp::Reverse;

/// Per extra field a word is found in (up to six).
pub(super) const FIELDS_BONUS: u32 = 2;
/// Per extra required word found in the same field as another.
pub(super) const TOGETHER_BONUS: u32 = 20;
/// [`Tier::Thesaurus`] as stored per vocabulary word.
const THESAURUS: u8 = Tier::Thesaurus.to_u8();
/// What a town in the query is worth to an agency that serves the whole country: less than
/// the town's own agencies get for it, so they come first.
const REMOTE_TOWN_POINTS: u32 = 8;
/// From this many candidates on, scoring is split over two threads.
const PARALLEL_FROM: usize = 4096;
/// Agencies in the `near` locality get 1/NEAR_SHARE of their score added: enough to put them
/// first among near-equals, less than the gap between an exact and a prefix match.
const NEAR_SHARE: u32 = 8;

/// How a hit ranks, best first: open before temporarily closed, then more words covered, then
/// the higher score (`near`'s agencies get a share more), then the directory's order.
pub(super) type RankKey = (bool, Reverse<u8>, Reverse<u32>, u32);

/// The rank of `agency` covering `covered` words with `score`. Never lower for more covered
/// or a higher score: a bound on those gives a bound on the rank.
pub(super) fn rank_key(
    idx: &Index,
    near: Option<u32>,
    agency: u32,
    covered: u8,
    score: u32,
) -> RankKey {
    let rec = &idx.agencies[agency as usize];
    let bonus = if near.is_some() && near == Some(rec.locality) {
        score / NEAR_SHARE
    } else {
        0
    };
    (
        rec.temporarily_closed,
        Reverse(covered),
        Reverse(score.saturating_add(bonus)),
        agency,
    )
}

/// What a town in the query is worth to an agency that serves it from elsewhere (points × the
/// locality's weight).
pub(super) fn served_town_value() -> u32 {
    REMOTE_TOWN_POINTS * FieldKind::Locality.weight()
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
pub(super) struct Scored {
    pub(super) agency: u32,
    pub(super) service: u32,
    pub(super) score: u32,
    pub(super) worst: u8,
    /// Bit per query word (of the reading's words) that matched.
    pub(super) matched: u16,
    /// How many of the query's words that count matched: all-words matches rank first.
    pub(super) covered: u8,
}

/// What one scoring pass needs to know besides the index, computed once per query.
pub(super) struct How<'a> {
    /// How many words the reading has.
    pub(super) len: usize,
    pub(super) has_digits: bool,
    /// Vocabulary stretches of every matched word (fields with no word in them are skipped).
    pub(super) stretches: u32,
    /// Bit per word that must match: not filler, and not a word that matches nothing
    /// anywhere.
    pub(super) required: u32,
    /// Bit per filler word.
    pub(super) optional: u32,
    /// Bit per word naming a town (it matches only the locality field).
    pub(super) town: u16,
    /// Bit per word standing for thesaurus phrases.
    pub(super) phrased: u16,
    /// Some(least words covered): words may be missing (agencies covering part of the need).
    pub(super) partial: Option<u8>,
    /// Per word, its weight in percent.
    pub(super) weights: &'a [u32; MAX_WORDS * 2],
}

impl Engine {
    /// Per word, its weight in percent (100 = neutral): with [`Scoring::Idf`], rare words
    /// weigh more.
    pub(super) fn word_weights(&self, required: &[usize]) -> [u32; MAX_WORDS * 2] {
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

    /// How one scoring pass scores; `partial` = Some(least words covered) lets words be
    /// missing.
    pub(super) fn how<'a>(
        &self,
        rq: &ReadingQuery,
        unused: u32,
        partial: Option<u8>,
        stretches: u32,
        weights: &'a [u32; MAX_WORDS * 2],
    ) -> How<'a> {
        let mask = |f: &dyn Fn(usize) -> bool| -> u32 {
            (0..rq.words.len())
                .filter(|&i| f(i))
                .fold(0, |m, i| m | 1 << i)
        };
        How {
            len: rq.words.len(),
            has_digits: rq.words.iter().any(|w| w.digits),
            stretches,
            required: mask(&|i| !rq.words[i].optional && unused & 1 << i == 0),
            optional: mask(&|i| rq.words[i].optional),
            town: mask(&|i| !self.words[i].localities.is_empty()) as u16,
            phrased: mask(&|i| !self.words[i].phrases.is_empty()) as u16,
            partial,
            weights,
        }
    }

    /// Scores candidates: the hits among them.
    pub(super) fn score_many(
        &self,
        cand: &[u32],
        how: &How,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Scored>> {
        let score_all = |part: &[u32]| -> Option<Vec<Scored>> {
            let mut out = Vec::new();
            for (i, &a) in part.iter().enumerate() {
                if i % 1024 == 1023 && cancelled() {
                    return None;
                }
                if let Some(s) = self.score_agency(a, how) {
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

    /// Walks one agency's fields once. A word's value is packed as points × 8 + (7 − tier) so
    /// that the maximum is the best score and, among equal scores, the better tier.
    ///
    /// Beyond each word's best match, two small bonuses separate near-equals: a word found in
    /// several fields (the agency is *about* it, not mentioning it once), and several words
    /// found in one field («відновлення паспорта» as one topic beats «відновлення» here and
    /// «паспорт» there).
    pub(super) fn score_agency(&self, a: u32, how: &How) -> Option<Scored> {
        let mut own = Ctx::default();
        // A town in the query does not hide an agency that serves it from elsewhere: a line
        // for the whole country, an oblast office.
        let v = served_town_value() << 3 | (7 - u32::from(Tier::WordForm.to_u8()));
        for wi in bits(how.town) {
            if self.serves_town(a, wi) {
                own.best[wi] = v;
            }
        }
        let mut cur = Ctx::default();
        let mut cur_service = NO_SERVICE;
        // The ranking score takes each word's best match from the agency or the service; the
        // service named is the one that itself matches most (words, then points), so that
        // «довідка про доходи» names the service about income certificates even when the
        // agency's own topics already cover both words.
        let mut ranked: Option<Outcome> = None;
        let mut named: Option<(u32, u32, u32)> = None;
        let mut consider = |svc: u32, cur: &Ctx, own: &Ctx| {
            let Some(o) = how.finish(own, Some(cur)) else {
                return;
            };
            if ranked.is_none_or(|r| (o.covered, o.score) > (r.covered, r.score)) {
                ranked = Some(o);
            }
            let (covered, points) = how.service_points(cur);
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
            if f.stretches & how.stretches == 0 || (f.kind == FieldKind::Phone && !how.has_digits) {
                continue;
            }
            let target = if f.service == NO_SERVICE {
                &mut own
            } else {
                &mut cur
            };
            self.walk_field(f, target, how);
        }
        if cur_service != NO_SERVICE {
            consider(cur_service, &cur, &own);
        }
        let best = match (how.finish(&own, None), ranked) {
            (Some(a), Some(r)) => {
                if (a.covered, a.score) >= (r.covered, r.score) {
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
            score: best.score,
            worst: best.worst,
            matched: best.matched as u16,
            covered: best.covered,
        })
    }

    /// Adds one field's matches to `target`: each word's best value, in how many fields it is
    /// found, and how many required words it holds together.
    fn walk_field(&self, f: &FieldRec, target: &mut Ctx, how: &How) {
        let weight = f.kind.weight();
        // Words naming a town match only the locality field.
        let allowed = if f.kind == FieldKind::Locality {
            u16::MAX
        } else {
            !how.town
        };
        let mut in_field = 0u16;
        let mut phrase_seen = false;
        // Thesaurus phrase words found in this field, per query word.
        let mut phrase_got = [0u64; MAX_WORDS * 2];
        for &tok in self.index.field_words(f) {
            let Some(m) = self.tokens.get(tok) else {
                continue;
            };
            let here = m.words & allowed;
            if m.phrase != NO_PHRASE && here != 0 {
                let p = &self.tokens.phrase[m.phrase as usize];
                for wi in bits(here) {
                    phrase_got[wi] |= p[wi];
                }
                phrase_seen = true;
            }
            // Thesaurus matches count below, if the field holds a whole phrase.
            let counted = here & !m.thesaurus;
            in_field |= counted;
            for wi in bits(counted) {
                let t = m.tiers[wi];
                let v = (TIER_POINTS[t as usize] * weight) << 3 | (7 - u32::from(t));
                if v > target.best[wi] {
                    target.best[wi] = v;
                }
            }
        }
        if phrase_seen {
            for wi in bits(how.phrased) {
                if self.words[wi].completes_phrase(phrase_got[wi]) {
                    in_field |= 1 << wi;
                    let v = (Tier::Thesaurus.points() * weight) << 3 | (7 - u32::from(THESAURUS));
                    if v > target.best[wi] {
                        target.best[wi] = v;
                    }
                }
            }
        }
        if in_field != 0 {
            for wi in bits(in_field) {
                target.fields[wi] = target.fields[wi].saturating_add(1);
            }
            target.together = target
                .together
                .max((u32::from(in_field) & how.required).count_ones());
        }
    }
}

/// A tier's points by its stored number (0 = none).
pub(super) const TIER_POINTS: [u32; 8] = [
    0,
    Tier::Exact.points(),
    Tier::Prefix.points(),
    Tier::WordForm.points(),
    Tier::Russian.points(),
    Tier::Thesaurus.points(),
    Tier::Typo.points(),
    Tier::Fallback.points(),
];

/// The positions of the set bits of `mask`, lowest first.
pub(super) fn bits(mask: impl Into<u32>) -> impl Iterator<Item = usize> {
    let mut m: u32 = mask.into();
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            i
        })
    })
}

/// How an agency (or one of its services) ranks.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    covered: u8,
    score: u32,
    worst: u8,
    matched: u32,
}

impl How<'_> {
    /// The outcome of the agency's own matches and those of one service (or none): None when
    /// a word it needs is missing.
    fn finish(&self, own: &Ctx, cur: Option<&Ctx>) -> Option<Outcome> {
        let mut total = 0;
        let mut worst = 0u8;
        let mut matched = 0u32;
        let mut content = false;
        for wi in 0..self.len {
            let bit = 1u32 << wi;
            let o = own.best[wi];
            let c = cur.map_or(0, |c| c.best[wi]);
            let v = o.max(c);
            let optional = self.optional & bit != 0;
            let town = u32::from(self.town) & bit != 0;
            if v == 0 {
                // Partial matches may miss words of the need, never the town it names.
                let may_miss = self.partial.is_some() && !town;
                if optional || self.required & bit == 0 || may_miss {
                    continue;
                }
                return None;
            }
            if optional {
                // Filler («де», «можна», «треба») neither hides nor ranks a result.
                continue;
            }
            matched |= bit;
            content |= self.required & bit != 0 && !town;
            let fields = u32::from(own.fields[wi]) + cur.map_or(0, |c| u32::from(c.fields[wi]));
            total +=
                (v >> 3) * self.weights[wi] / 100 + FIELDS_BONUS * fields.saturating_sub(1).min(6);
            worst = worst.max(7 - (v & 7) as u8);
        }
        let covered = (matched & self.required).count_ones() as u8;
        if self.partial.is_some_and(|min| covered < min || !content) {
            return None;
        }
        let together = own.together.max(cur.map_or(0, |c| c.together));
        total += TOGETHER_BONUS * together.saturating_sub(1);
        Some(Outcome {
            covered,
            score: total,
            worst,
            matched,
        })
    }

    /// How well a service matches by itself: words found other than as a piece of a longer
    /// word, and points.
    fn service_points(&self, cur: &Ctx) -> (u32, u32) {
        let mut covered = 0;
        let mut points = 0;
        for wi in 0..self.len {
            let c = cur.best[wi];
            if c == 0 || self.optional & 1 << wi != 0 {
                continue;
            }
            points += c >> 3;
            if 7 - (c & 7) as u8 != Tier::Fallback.to_u8() {
                covered += 1;
            }
        }
        points += TOGETHER_BONUS * cur.together.saturating_sub(1);
        (covered, points)
    }
}

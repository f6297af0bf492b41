//! The inverted lists: per word of the directory, the agencies holding it (ascending), and
//! for each what the word is there ([`PostInfo`]) — enough to bound an agency's score and to
//! know that it matches without reading its fields (see `topk`).

use super::index::{FieldRec, NO_SERVICE};
use super::score::FieldKind;
use serde::{Deserialize, Serialize};

/// What one word is in one agency, in 16 bits: the best weight of a field holding it (phones
/// apart: they count only for a query with a number), in how many fields it is (up to 7),
/// whether a phone or the locality holds it, and where — the agency's own fields or which of
/// its services (the scorer takes every word from the agency itself and one service).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostInfo(u16);

const WEIGHT: u16 = 0xF;
const FIELDS_SHIFT: u16 = 4;
const MAX_FIELDS: u16 = 7;
const PHONE: u16 = 1 << 7;
const LOCALITY: u16 = 1 << 8;
/// Where, from this bit on: the agency's own fields, then services 0 to 4, then any service
/// after those (one bit for all of them).
const PLACE_SHIFT: u16 = 9;

/// Places, as [`PostInfo::places`] gives them: bit 0 the agency's own fields, bits 1 to 5 its
/// services 0 to 4, bit 6 any later service.
pub const OWN: u8 = 1;
/// Every place: where a word in a phone is (phones are not told apart).
pub const ANYWHERE: u8 = 0x7F;
/// How many services have a place of their own.
pub const SERVICE_PLACES: u32 = 5;

impl PostInfo {
    /// Records one more field holding the word.
    fn add(&mut self, f: &FieldRec) {
        let mut v = self.0;
        if f.kind == FieldKind::Phone {
            v |= PHONE;
        } else {
            let w = f.kind.weight() as u16;
            if w > v & WEIGHT {
                v = v & !WEIGHT | w;
            }
            let place = match f.service {
                NO_SERVICE => 0,
                s => 1 + s.min(SERVICE_PLACES) as u16,
            };
            v |= 1 << (PLACE_SHIFT + place);
        }
        if f.kind == FieldKind::Locality {
            v |= LOCALITY;
        }
        let fields = (v >> FIELDS_SHIFT & MAX_FIELDS) + 1;
        v = v & !(MAX_FIELDS << FIELDS_SHIFT) | fields.min(MAX_FIELDS) << FIELDS_SHIFT;
        self.0 = v;
    }

    /// In how many fields the word is (up to 7).
    #[inline]
    pub fn fields(self) -> u32 {
        u32::from(self.0 >> FIELDS_SHIFT & MAX_FIELDS)
    }

    /// The best weight of a field where the word counts, and the places it counts in for sure
    /// (the second set is every place where it may count): a word naming a town counts only
    /// in the locality, phones only for a query with a number.
    #[inline]
    pub fn weight_places(self, town: bool, digits: bool) -> (u32, u8, u8) {
        if town {
            return if self.0 & LOCALITY != 0 {
                (FieldKind::Locality.weight(), OWN, OWN)
            } else {
                (0, 0, 0)
            };
        }
        let places = (self.0 >> PLACE_SHIFT) as u8;
        let weight = u32::from(self.0 & WEIGHT);
        if digits && self.0 & PHONE != 0 {
            (weight.max(FieldKind::Phone.weight()), places, ANYWHERE)
        } else {
            (weight, places, places)
        }
    }
}

/// The inverted lists of the words of every agency's fields (`words` indexed by the fields'
/// ranges): offsets per word into the agencies holding it and what it is in each.
pub fn build(
    fields: &[FieldRec],
    field_off: &[u32],
    words: &[u32],
    n_words: usize,
) -> (Vec<u32>, Vec<u32>, Vec<PostInfo>) {
    let n_agencies = field_off.len().saturating_sub(1);
    let agency_words = |a: usize| {
        fields[field_off[a] as usize..field_off[a + 1] as usize]
            .iter()
            .enumerate()
            .flat_map(move |(i, f)| {
                let fi = field_off[a] as usize + i;
                words[f.start as usize..f.end as usize]
                    .iter()
                    .map(move |&w| (fi, f, w))
            })
    };
    // Counting sort of (word, agency) pairs with duplicates removed.
    let mut counts = vec![0u32; n_words + 1];
    let mut seen = vec![u32::MAX; n_words];
    for a in 0..n_agencies {
        for (_, _, w) in agency_words(a) {
            if seen[w as usize] != a as u32 {
                seen[w as usize] = a as u32;
                counts[w as usize + 1] += 1;
            }
        }
    }
    for i in 0..n_words {
        counts[i + 1] += counts[i];
    }
    let post_off = counts.clone();
    let mut fill = counts;
    let total = post_off[n_words] as usize;
    let mut post = vec![0u32; total];
    let mut info = vec![PostInfo::default(); total];
    // Per word: the last field it was counted in (a word twice in a field counts once).
    let mut last_field = vec![usize::MAX; n_words];
    seen.iter_mut().for_each(|s| *s = u32::MAX);
    for a in 0..n_agencies {
        for (fi, f, w) in agency_words(a) {
            let w = w as usize;
            if seen[w] != a as u32 {
                seen[w] = a as u32;
                post[fill[w] as usize] = a as u32;
                fill[w] += 1;
            }
            if last_field[w] != fi {
                last_field[w] = fi;
                info[fill[w] as usize - 1].add(f);
            }
        }
    }
    (post_off, post, info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, service: u32) -> FieldRec {
        FieldRec {
            kind,
            service,
            start: 0,
            end: 0,
            stretches: 0,
        }
    }

    #[test]
    fn info_keeps_best_weight_places_and_fields() {
        let mut i = PostInfo::default();
        i.add(&field(FieldKind::Description, NO_SERVICE));
        i.add(&field(FieldKind::ServiceName, 1));
        i.add(&field(FieldKind::ServiceTopic, 7));
        i.add(&field(FieldKind::Phone, 0));
        assert_eq!(i.fields(), 4);
        assert_eq!(
            i.weight_places(false, false),
            (10, OWN | 1 << 2 | 1 << 6, OWN | 1 << 2 | 1 << 6)
        );
        // A query with a number also counts phones, wherever they are.
        assert_eq!(
            i.weight_places(false, true),
            (10, OWN | 1 << 2 | 1 << 6, ANYWHERE)
        );
        // A town counts only in the locality.
        assert_eq!(i.weight_places(true, false), (0, 0, 0));
        i.add(&field(FieldKind::Locality, NO_SERVICE));
        assert_eq!(i.weight_places(true, false), (7, OWN, OWN));
        for _ in 0..10 {
            i.add(&field(FieldKind::Topic, NO_SERVICE));
        }
        assert_eq!(i.fields(), 7);
    }

    #[test]
    fn every_weight_fits() {
        use FieldKind::*;
        for k in [
            Name,
            ShortName,
            Topic,
            Description,
            Category,
            Locality,
            District,
            Address,
            Person,
            Phone,
            ServiceName,
            ServiceTopic,
            ServiceDescription,
            ServicePerson,
        ] {
            assert!(k.weight() > 0 && k.weight() <= u32::from(WEIGHT), "{k:?}");
        }
    }
}

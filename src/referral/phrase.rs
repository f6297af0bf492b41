//! TEMPORARY stub of the read-out phrase; the referral work replaces it.
use super::Card;

/// The sentence the frontliner reads aloud.
pub fn phrase(card: &Card) -> String {
    format!(
        "З цим питанням Вам слід звернутися сюди: {}.",
        card.agency.name
    )
}

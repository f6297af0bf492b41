//! The referral: the card model, and everything that carries it out of the office.

pub mod card;

pub use card::{Card, Field};
pub mod phrase;

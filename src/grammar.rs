//! TEMPORARY stub: Ukrainian noun-phrase grammar for agency names (genitive and gender of
//! the head noun); the real implementation arrives with the referral work.
use crate::directory::Gender;

/// The gender of the name's head noun, when the program knows the noun.
pub fn head_gender(_name: &str) -> Option<Gender> {
    None
}

/// The name declined into the genitive («звернутися до …»), when it can be done reliably.
pub fn genitive(_name: &str) -> Option<String> {
    None
}

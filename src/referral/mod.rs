//! The referral: the card model, and everything that carries it out of the office — the
//! read-out phrase, slips (text, PDF, ESC/POS), their QR code, printing and the clipboard.

pub mod card;
pub mod clipboard;
pub mod phrase;
pub mod plan;
pub mod print;
pub mod qr;
pub mod slip;
pub mod vcard;
#[cfg(windows)]
pub mod winprint;

pub use card::{Card, Field};
// The renderers live under `slip/`; their old paths stay valid.
pub use slip::{escpos, pdf};

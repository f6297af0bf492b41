//! Text shared by every output: wrapping lines for the screen and for paper.

pub mod wrap;

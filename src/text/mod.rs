//! Text shared by every layer: wrapping lines for the screen and for paper, and the one normal
//! form of words that the search and the data checks compare.

pub mod normalize;
pub mod wrap;

//! Keeping the directory true: saving an agency's fields in place, verification, correction
//! reports from the desk, the re-verification queue, the office's spreadsheet, and the data
//! folder's git history. Pure functions and small types that the command line calls now and
//! the screen's edit form will call too.

pub mod audit;
pub mod corrections;
pub mod due;
pub mod edit;
pub mod sheet;
pub mod verify;

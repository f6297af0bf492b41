//! One module per subcommand; each returns the process exit code (0 ok, 1 nothing found or
//! validation errors, 2 usage or I/O error).

pub mod export;
pub mod import;
pub mod print;
pub mod show;
pub mod slip;
pub mod stats;
pub mod validate;

/// Exit code for "nothing found" / "the data has errors".
pub const NOT_FOUND: u8 = 1;
/// Exit code for usage and I/O errors.
pub const USAGE: u8 = 2;

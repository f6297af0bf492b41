//! The directory: data model, loading with diagnostics, validation. The only code that reads
//! directory files.

pub mod cache;
mod diagnostic;
mod load;
mod model;
mod parser_message;
pub mod thesaurus;
pub mod watch;

pub use diagnostic::{Diagnostic, FileReport, LineIndex, Severity};
#[cfg(test)]
pub(crate) use load::PERSON_FIELDS;
pub(crate) use load::{AGENCY_FIELDS, SERVICE_FIELDS};
pub use load::{CORRECTIONS_FILE, LoadOptions, load_demo, load_path, load_texts};
pub use model::*;
pub use parser_message::{parse_side_file, parser_message};

//! «Перевірено сьогодні»: `verified` = today and `verified_by` = who, written into the
//! agency's own file through [`super::edit`], comments and layout kept.

use super::edit::{Edit, FieldValue, SaveError, Snapshot, save};
use crate::directory::Directory;
use jiff::civil::Date;
use std::path::Path;

/// The file agency `id` was read from, ready to be edited; refused for demo data and for an
/// id the directory does not have (an entry left out for its errors must be fixed by hand).
pub fn open_agency(dir: &Directory, id: &str) -> Result<Snapshot, SaveError> {
    if dir.meta.demo {
        return Err(SaveError::Demo);
    }
    let a = dir
        .agency(id)
        .ok_or_else(|| SaveError::UnknownId(id.to_string()))?;
    Snapshot::read(Path::new(&a.origin.file))
}

/// The edits that mark an entry verified on `today` by `by`.
pub fn verified_edits(today: Date, by: &str) -> Vec<Edit> {
    vec![
        Edit::agency("verified", FieldValue::Date(today)),
        Edit::agency("verified_by", FieldValue::Text(by.trim().to_string())),
    ]
}

/// Marks agency `id` verified on `today` by `by`, in its file.
pub fn verify(dir: &Directory, id: &str, by: &str, today: Date) -> Result<Snapshot, SaveError> {
    let snapshot = open_agency(dir, id)?;
    save(&snapshot, id, &verified_edits(today, by))
}

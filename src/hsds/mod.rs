//! Open Referral HSDS 3.0 (Human Services Data Specification), the standard exchange format of
//! community resource directories, as a tabular data package: `datapackage.json` plus one CSV
//! file per table.
//!
//! The mapping (documented for users in the README):
//!
//! * one agency → one `organization` + one `location` (its `external_identifier` is the refdesk
//!   id, `external_identifier_type` = `refdesk`) + its `address`, `accessibility`, `phones`,
//!   `contacts` and weekly `schedules`; each `[[agency.service]]` → one `service` +
//!   one `service_at_location`, its `required_documents`, contacts and schedules;
//! * category and topics → `attributes` pointing at `taxonomy_terms` of two refdesk taxonomies
//!   (`refdesk-category`: one term per category; `refdesk-topic`: one term whose attributes carry
//!   each topic word as `value`);
//! * hours → weekly schedule rows (`freq=WEEKLY`, `byday`, `opens_at`, `closes_at`), several rows
//!   for a day with a lunch break; reception hours are rows whose `description` is
//!   [`SCHEDULE_RECEPTION`]; the hours note is the rows' `notes`;
//! * fields HSDS has no place for travel in extension columns named `refdesk_*`, declared with a
//!   description in `datapackage.json` (a tabular data package may carry extra declared
//!   columns; HSDS tools ignore them). The exact `opening_hours` text is one of them: the import
//!   takes it only while it still agrees with the schedule rows, so an edit made with another
//!   HSDS tool wins.

mod error;
pub mod export;
pub mod import;
mod schedule;
mod schema;

use crate::hours::Lunch;
use crate::hours::week::{END_OF_DAY, Week, to_osm_text};
use crate::i18n::Noun;
use jiff::civil::Time;

pub use error::HsdsError;
pub use export::{ExportSummary, export};
pub use import::{Imported, import};
pub use schedule::*;
pub use schema::*;

/// "1 рядок, 2 рядки, 5 рядків" for import reports.
pub const ROW: Noun = Noun {
    uk: ["рядок", "рядки", "рядків"],
    en: ["row", "rows"],
};

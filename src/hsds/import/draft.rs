//! The agency being built: what the mapping fills in and the writer turns into TOML.

use jiff::civil::Date;

#[derive(Debug, Default)]
pub(super) struct DPhone {
    pub(super) number: String,
    pub(super) note: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct DPerson {
    pub(super) name: String,
    pub(super) title: Option<String>,
    pub(super) phone: Option<DPhone>,
    pub(super) room: Option<String>,
    pub(super) email: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct DService {
    pub(super) name: String,
    pub(super) description: Option<String>,
    pub(super) topics: Vec<String>,
    pub(super) appointment: Option<String>,
    pub(super) booking: Option<String>,
    pub(super) documents: Vec<String>,
    pub(super) steps: Vec<String>,
    pub(super) eligibility: Option<String>,
    pub(super) fee: Option<String>,
    pub(super) duration: Option<String>,
    pub(super) online: Option<String>,
    pub(super) contacts: Vec<DPerson>,
    pub(super) hours: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct DAgency {
    /// Comments written above the entry.
    pub(super) remarks: Vec<String>,
    pub(super) id: String,
    pub(super) name: String,
    pub(super) short_name: Option<String>,
    pub(super) name_genitive: Option<String>,
    pub(super) gender: Option<String>,
    pub(super) category: String,
    pub(super) topics: Vec<String>,
    pub(super) description: Option<String>,
    pub(super) remote: bool,
    pub(super) locality: Option<String>,
    pub(super) district: Option<String>,
    pub(super) province: Option<String>,
    /// ISO 3166-1 code; `None` in Ukraine.
    pub(super) country: Option<String>,
    pub(super) address: Option<String>,
    pub(super) postcode: Option<String>,
    pub(super) address_note: Option<String>,
    pub(super) accessibility: Option<String>,
    pub(super) coordinates: Option<(f64, f64)>,
    pub(super) phones: Vec<DPhone>,
    pub(super) email: Option<String>,
    pub(super) website: Option<String>,
    pub(super) hours: Option<String>,
    pub(super) lunch: Option<String>,
    pub(super) reception: Option<String>,
    pub(super) hours_note: Option<String>,
    pub(super) head: Option<DPerson>,
    pub(super) contacts: Vec<DPerson>,
    pub(super) verified: Option<Date>,
    pub(super) verified_by: Option<String>,
    pub(super) status: Option<String>,
    pub(super) successor: Option<String>,
    pub(super) alert: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) services: Vec<DService>,
}

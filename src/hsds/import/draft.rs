//! The agency being built: what the mapping fills in and the writer turns into TOML.

use jiff::civil::Date;

#[derive(Debug, Default)]
pub(crate) struct DPhone {
    pub(crate) number: String,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct DPerson {
    pub(crate) name: String,
    pub(crate) title: Option<String>,
    pub(crate) phone: Option<DPhone>,
    pub(crate) room: Option<String>,
    pub(crate) email: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct DService {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) topics: Vec<String>,
    pub(crate) appointment: Option<String>,
    pub(crate) booking: Option<String>,
    pub(crate) documents: Vec<String>,
    pub(crate) steps: Vec<String>,
    pub(crate) eligibility: Option<String>,
    pub(crate) fee: Option<String>,
    pub(crate) duration: Option<String>,
    pub(crate) online: Option<String>,
    pub(crate) contacts: Vec<DPerson>,
    pub(crate) hours: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct DAgency {
    /// Comments written above the entry.
    pub(crate) remarks: Vec<String>,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) short_name: Option<String>,
    pub(crate) name_genitive: Option<String>,
    pub(crate) gender: Option<String>,
    pub(crate) category: String,
    pub(crate) topics: Vec<String>,
    pub(crate) description: Option<String>,
    pub(crate) remote: bool,
    /// `refdesk_serves` as written: "country", "oblast" or localities separated by "; ".
    pub(crate) serves: Option<String>,
    pub(crate) locality: Option<String>,
    pub(crate) district: Option<String>,
    pub(crate) province: Option<String>,
    /// ISO 3166-1 code; `None` in Ukraine.
    pub(crate) country: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) postcode: Option<String>,
    pub(crate) address_note: Option<String>,
    pub(crate) accessibility: Option<String>,
    pub(crate) coordinates: Option<(f64, f64)>,
    pub(crate) phones: Vec<DPhone>,
    pub(crate) email: Option<String>,
    pub(crate) website: Option<String>,
    pub(crate) hours: Option<String>,
    pub(crate) lunch: Option<String>,
    pub(crate) reception: Option<String>,
    pub(crate) hours_note: Option<String>,
    pub(crate) head: Option<DPerson>,
    pub(crate) contacts: Vec<DPerson>,
    pub(crate) verified: Option<Date>,
    pub(crate) verified_by: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) successor: Option<String>,
    pub(crate) alert: Option<String>,
    pub(crate) notes: Option<String>,
    pub(crate) services: Vec<DService>,
}

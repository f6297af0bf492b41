//! The HSDS 3.0 tables refdesk reads and writes: every column with its type, and the few
//! constants that mark what refdesk wrote. Data tables only; no logic.

/// External identifier type marking a location written by refdesk.
pub const ID_SCHEME: &str = "refdesk";
/// The taxonomy of refdesk categories (term code = category id).
pub const TAXONOMY_CATEGORY: &str = "refdesk-category";
/// The taxonomy of topics (one term; each attribute's `value` is a topic word).
pub const TAXONOMY_TOPIC: &str = "refdesk-topic";
/// `schedule.description` of working-hours rows.
pub const SCHEDULE_HOURS: &str = "Графік роботи";
/// `schedule.description` of reception-hours rows (прийом відвідувачів).
pub const SCHEDULE_RECEPTION: &str = "Прийом відвідувачів";
/// `schedule.description` of a service's own rows.
pub const SCHEDULE_SERVICE: &str = "Графік послуги";

/// Between the localities of `refdesk_serves`.
pub const SERVES_SEPARATOR: &str = "; ";

/// Table Schema field types used by HSDS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Str,
    Uuid,
    Email,
    Uri,
    Number,
    Date,
    Time,
    DateTime,
}

impl Ty {
    pub(super) fn schema(self) -> (&'static str, Option<&'static str>) {
        match self {
            Ty::Str => ("string", None),
            Ty::Uuid => ("string", Some("uuid")),
            Ty::Email => ("string", Some("email")),
            Ty::Uri => ("string", Some("uri")),
            Ty::Number => ("number", None),
            Ty::Date => ("date", None),
            Ty::Time => ("time", None),
            Ty::DateTime => ("datetime", None),
        }
    }
}

/// One column: its HSDS name and type, whether HSDS requires it, and — for a refdesk extension
/// column — what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub ext: Option<&'static str>,
}

const fn c(name: &'static str, ty: Ty) -> Col {
    Col {
        name,
        ty,
        required: false,
        ext: None,
    }
}
const fn req(name: &'static str, ty: Ty) -> Col {
    Col {
        name,
        ty,
        required: true,
        ext: None,
    }
}
const fn ext(name: &'static str, what: &'static str) -> Col {
    Col {
        name,
        ty: Ty::Str,
        required: false,
        ext: Some(what),
    }
}

/// One table of the package.
#[derive(Debug)]
pub struct Table {
    /// The resource name in `datapackage.json`.
    pub resource: &'static str,
    pub file: &'static str,
    pub cols: &'static [Col],
    /// (column, referenced resource) for `foreignKeys`.
    pub refs: &'static [(&'static str, &'static str)],
}

use Ty::*;

pub const ORGANIZATION: Table = Table {
    resource: "organization",
    file: "organizations.csv",
    cols: &[
        req("id", Uuid),
        req("name", Str),
        c("alternate_name", Str),
        req("description", Str),
        c("email", Email),
        c("website", Uri),
        c("tax_status", Str),
        c("tax_id", Str),
        c("year_incorporated", Number),
        c("legal_status", Str),
        c("logo", Str),
        c("uri", Uri),
        c("parent_organization_id", Uuid),
        ext(
            "refdesk_name_genitive",
            "refdesk: the name in the genitive case, as it follows «звернутися до …»",
        ),
        ext(
            "refdesk_gender",
            "refdesk: grammatical gender of the name's head noun: m, f, n or pl",
        ),
    ],
    refs: &[],
};

pub const SERVICE: Table = Table {
    resource: "service",
    file: "services.csv",
    cols: &[
        req("id", Uuid),
        req("organization_id", Uuid),
        c("program_id", Uuid),
        req("name", Str),
        c("alternate_name", Str),
        c("description", Str),
        c("url", Uri),
        c("email", Email),
        req("status", Str),
        c("interpretation_services", Str),
        c("application_process", Str),
        c("fees_description", Str),
        c("wait_time", Str),
        c("fees", Str),
        c("accreditations", Str),
        c("eligibility_description", Str),
        c("minimum_age", Number),
        c("maximum_age", Number),
        c("assured_date", Date),
        c("assurer_email", Email),
        c("licenses", Str),
        c("alert", Str),
        c("last_modified", DateTime),
        ext(
            "refdesk_appointment",
            "refdesk: pre-registration: required, recommended or none",
        ),
        ext("refdesk_booking", "refdesk: how to book an appointment"),
        ext(
            "refdesk_online",
            "refdesk: the online alternative to visiting in person",
        ),
        ext(
            "refdesk_hours",
            "refdesk: the service's hours exactly as written (OpenStreetMap opening_hours); used while it agrees with the schedule rows",
        ),
    ],
    refs: &[("organization_id", "organization")],
};

pub const LOCATION: Table = Table {
    resource: "location",
    file: "locations.csv",
    cols: &[
        req("id", Uuid),
        req("location_type", Str),
        c("url", Uri),
        c("organization_id", Uuid),
        c("name", Str),
        c("alternate_name", Str),
        c("description", Str),
        c("transportation", Str),
        c("latitude", Number),
        c("longitude", Number),
        c("external_identifier", Str),
        c("external_identifier_type", Str),
        ext(
            "refdesk_hours",
            "refdesk: working hours exactly as written (OpenStreetMap opening_hours); used while it agrees with the schedule rows",
        ),
        ext(
            "refdesk_lunch",
            "refdesk: lunch break HH:MM-HH:MM applied to every open day",
        ),
        ext(
            "refdesk_reception",
            "refdesk: visiting hours exactly as written (OpenStreetMap opening_hours)",
        ),
        ext(
            "refdesk_verified",
            "refdesk: the date the entry was last checked (YYYY-MM-DD)",
        ),
        ext("refdesk_verified_by", "refdesk: who checked it"),
        ext(
            "refdesk_status",
            "refdesk: active, temporarily-closed or closed",
        ),
        ext(
            "refdesk_successor",
            "refdesk: the id of the agency that took over from a closed one",
        ),
        ext(
            "refdesk_alert",
            "refdesk: a temporary notice about the whole agency",
        ),
        ext(
            "refdesk_serves",
            "refdesk: the area served beyond the agency's own locality: country, oblast (its state_province or the package's), or localities separated by \"; \"",
        ),
        ext(
            "refdesk_notes",
            "refdesk: internal notes for staff, never printed on a referral slip",
        ),
    ],
    refs: &[("organization_id", "organization")],
};

pub const SERVICE_AT_LOCATION: Table = Table {
    resource: "service_at_location",
    file: "service_at_location.csv",
    cols: &[
        req("id", Uuid),
        req("service_id", Uuid),
        req("location_id", Uuid),
        c("description", Str),
    ],
    refs: &[("service_id", "service"), ("location_id", "location")],
};

pub const ADDRESS: Table = Table {
    resource: "address",
    file: "addresses.csv",
    cols: &[
        req("id", Uuid),
        c("location_id", Uuid),
        c("attention", Str),
        req("address_1", Str),
        c("address_2", Str),
        req("city", Str),
        c("region", Str),
        req("state_province", Str),
        req("postal_code", Str),
        req("country", Str),
        req("address_type", Str),
    ],
    refs: &[("location_id", "location")],
};

pub const PHONE: Table = Table {
    resource: "phone",
    file: "phones.csv",
    cols: &[
        req("id", Uuid),
        c("location_id", Uuid),
        c("service_id", Uuid),
        c("organization_id", Uuid),
        c("contact_id", Uuid),
        c("service_at_location_id", Uuid),
        req("number", Str),
        c("extension", Number),
        c("type", Str),
        c("description", Str),
    ],
    refs: &[
        ("location_id", "location"),
        ("organization_id", "organization"),
        ("contact_id", "contact"),
    ],
};

pub const CONTACT: Table = Table {
    resource: "contact",
    file: "contacts.csv",
    cols: &[
        req("id", Uuid),
        c("organization_id", Uuid),
        c("service_id", Uuid),
        c("service_at_location_id", Uuid),
        c("location_id", Uuid),
        c("name", Str),
        c("title", Str),
        c("department", Str),
        c("email", Email),
        ext(
            "refdesk_role",
            "refdesk: head (the head of the agency) or contact (a specialist to ask for)",
        ),
        ext(
            "refdesk_room",
            "refdesk: room, office or window number (каб. 12, вікно 3)",
        ),
    ],
    refs: &[
        ("organization_id", "organization"),
        ("service_id", "service"),
        ("location_id", "location"),
    ],
};

pub const SCHEDULE: Table = Table {
    resource: "schedule",
    file: "schedules.csv",
    cols: &[
        req("id", Uuid),
        c("service_id", Uuid),
        c("location_id", Uuid),
        c("service_at_location_id", Uuid),
        c("valid_from", Date),
        c("valid_to", Date),
        c("dtstart", Date),
        c("timezone", Number),
        c("until", Date),
        c("count", Number),
        c("wkst", Str),
        c("freq", Str),
        c("interval", Number),
        c("byday", Str),
        c("byweekno", Str),
        c("bymonthday", Str),
        c("byyearday", Str),
        c("description", Str),
        c("opens_at", Time),
        c("closes_at", Time),
        c("schedule_link", Uri),
        c("attending_type", Str),
        c("notes", Str),
    ],
    refs: &[
        ("service_id", "service"),
        ("location_id", "location"),
        ("service_at_location_id", "service_at_location"),
    ],
};

pub const REQUIRED_DOCUMENT: Table = Table {
    resource: "required_document",
    file: "required_documents.csv",
    cols: &[
        req("id", Uuid),
        c("service_id", Uuid),
        c("document", Str),
        c("uri", Uri),
    ],
    refs: &[("service_id", "service")],
};

pub const ACCESSIBILITY: Table = Table {
    resource: "accessibility",
    file: "accessibility.csv",
    cols: &[
        req("id", Uuid),
        c("location_id", Uuid),
        c("description", Str),
        c("details", Str),
        c("url", Uri),
    ],
    refs: &[("location_id", "location")],
};

pub const TAXONOMY: Table = Table {
    resource: "taxonomy",
    file: "taxonomies.csv",
    cols: &[
        req("id", Uuid),
        req("name", Str),
        req("description", Str),
        c("uri", Uri),
        c("version", Str),
    ],
    refs: &[],
};

pub const TAXONOMY_TERM: Table = Table {
    resource: "taxonomy_term",
    file: "taxonomy_terms.csv",
    cols: &[
        req("id", Uuid),
        c("code", Str),
        req("name", Str),
        req("description", Str),
        c("parent_id", Uuid),
        c("taxonomy", Str),
        c("language", Str),
        c("taxonomy_id", Uuid),
        c("term_uri", Uri),
    ],
    refs: &[("taxonomy_id", "taxonomy")],
};

pub const ATTRIBUTE: Table = Table {
    resource: "attribute",
    file: "attributes.csv",
    cols: &[
        req("id", Uuid),
        req("link_id", Uuid),
        req("taxonomy_term_id", Uuid),
        c("link_type", Str),
        req("link_entity", Str),
        c("value", Str),
    ],
    refs: &[("taxonomy_term_id", "taxonomy_term")],
};

/// Every table refdesk writes, in the order of the official package.
pub const TABLES: &[&Table] = &[
    &ORGANIZATION,
    &SERVICE,
    &ATTRIBUTE,
    &SERVICE_AT_LOCATION,
    &LOCATION,
    &PHONE,
    &CONTACT,
    &ADDRESS,
    &SCHEDULE,
    &REQUIRED_DOCUMENT,
    &ACCESSIBILITY,
    &TAXONOMY_TERM,
    &TAXONOMY,
];

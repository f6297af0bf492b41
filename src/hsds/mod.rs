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

pub mod export;
pub mod import;

use crate::hours::Lunch;
use crate::hours::week::{END_OF_DAY, Week, to_osm_text};
use crate::i18n::Noun;
use jiff::civil::Time;

pub use export::{ExportSummary, export};
pub use import::{Imported, import};

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

/// Why a package could not be read or written. [`HsdsError::message`] says it in the user's
/// language; `Display` is the Ukrainian message.
#[derive(Debug)]
pub enum HsdsError {
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Csv {
        path: std::path::PathBuf,
        source: csv::Error,
    },
    Json {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
    /// A file of the package over the size limit.
    TooBig {
        path: std::path::PathBuf,
        limit: u64,
    },
    /// A file that was replaced by a FIFO, a device or a folder while the package was read.
    NotAFile(std::path::PathBuf),
    /// No descriptor and none of the main tables.
    NotAPackage(std::path::PathBuf),
    /// A descriptor that names none of the main tables, and none lies in the folder.
    NoTables(std::path::PathBuf),
    /// A descriptor whose paths lead to no file in the package (missing, or outside it).
    MissingFiles {
        dir: std::path::PathBuf,
        paths: Vec<String>,
    },
}

/// The CSV reader's error in Ukrainian (the crate's own words are English), with its line.
fn csv_uk(e: &csv::Error) -> String {
    let line =
        |p: Option<&csv::Position>| p.map_or(String::new(), |p| format!(" (рядок {})", p.line()));
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::i18n::io_error(io, crate::i18n::Lang::Uk),
        csv::ErrorKind::Utf8 { pos, .. } => {
            format!(
                "текст не в кодуванні UTF-8 — збережіть файл як UTF-8{}",
                line(pos.as_ref())
            )
        }
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            const FIELD: crate::i18n::Noun = crate::i18n::Noun {
                uk: ["поле", "поля", "полів"],
                en: ["field", "fields"],
            };
            let uk = crate::i18n::Lang::Uk;
            format!(
                "у рядку {}, а в заголовку {}{}",
                FIELD.count(uk, *len),
                FIELD.count(uk, *expected_len),
                line(pos.as_ref())
            )
        }
        _ => format!("файл пошкоджено{}", line(e.position())),
    }
}

impl HsdsError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::{En, Uk};
        match (self, lang) {
            (HsdsError::Io { path, source }, _) => {
                format!(
                    "{}: {}",
                    path.display(),
                    crate::i18n::io_error(source, lang)
                )
            }
            (HsdsError::Csv { path, source }, Uk) => {
                format!(
                    "{}: не вдалося прочитати CSV: {}",
                    path.display(),
                    csv_uk(source)
                )
            }
            (HsdsError::Csv { path, source }, En) => {
                format!("{}: cannot read the CSV: {source}", path.display())
            }
            (HsdsError::Json { path, source }, Uk) => {
                use serde_json::error::Category;
                let what = match source.classify() {
                    Category::Eof => "файл обірвано",
                    Category::Syntax => "синтаксична помилка",
                    Category::Data => "неочікуване значення",
                    Category::Io => "помилка читання",
                };
                format!(
                    "{}: це не правильний JSON — {what} (рядок {}, позиція {})",
                    path.display(),
                    source.line(),
                    source.column()
                )
            }
            (HsdsError::Json { path, source }, En) => {
                format!("{}: not valid JSON: {source}", path.display())
            }
            (HsdsError::TooBig { path, limit }, Uk) => format!(
                "{}: файл більший за {} МБ — такий пакет не імпортується",
                path.display(),
                limit / (1024 * 1024)
            ),
            (HsdsError::TooBig { path, limit }, En) => format!(
                "{}: the file is larger than {} MB — such a package is not imported",
                path.display(),
                limit / (1024 * 1024)
            ),
            (HsdsError::NotAFile(p), Uk) => format!("{}: не звичайний файл", p.display()),
            (HsdsError::NotAFile(p), En) => format!("{}: not a regular file", p.display()),
            (HsdsError::NotAPackage(d), Uk) => format!(
                "{}: це не пакет HSDS — немає ні datapackage.json, ні organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::NotAPackage(d), En) => format!(
                "{}: not an HSDS package — there is neither datapackage.json nor organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::NoTables(d), Uk) => format!(
                "{}: datapackage.json не називає таблиць organization, location чи service, і файлів organizations.csv / locations.csv / services.csv немає",
                d.display()
            ),
            (HsdsError::NoTables(d), En) => format!(
                "{}: datapackage.json names no organization, location or service table, and there is no organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::MissingFiles { dir, paths }, Uk) => format!(
                "{}: datapackage.json називає файли, яких у пакеті немає: {} — виправте шляхи (path) у datapackage.json або покладіть файли туди, куди вони вказують",
                dir.display(),
                paths.join(", ")
            ),
            (HsdsError::MissingFiles { dir, paths }, En) => format!(
                "{}: datapackage.json names files that are not in the package: {} — correct the paths in datapackage.json or put the files where they point",
                dir.display(),
                paths.join(", ")
            ),
        }
    }
}

impl std::fmt::Display for HsdsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::Uk))
    }
}

/// The cause is part of the message, so `{e:#}` doesn't say it twice.
impl std::error::Error for HsdsError {}

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
    fn schema(self) -> (&'static str, Option<&'static str>) {
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

/// "1 рядок, 2 рядки, 5 рядків" for import reports.
pub const ROW: Noun = Noun {
    uk: ["рядок", "рядки", "рядків"],
    en: ["row", "rows"],
};

/// iCalendar day codes, Monday first (index = ISO weekday − 1).
pub const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
/// The schedule note that stands in for weekly rows when hours are not the same every week
/// (months, nth weekdays, comments): their text as shown, with the lunch break, so that other
/// tools show the truth. The import recognises it by [`without_hours_note`].
pub fn irregular_note(hours: &crate::hours::Hours, lunch: Option<&Lunch>) -> String {
    let text = hours.display(crate::i18n::Lang::Uk);
    match lunch {
        Some(l) => format!("{text}; перерва {}", l.display()),
        None => text,
    }
}

/// A schedule's free text without the [`irregular_note`] the export put in front of it.
pub fn without_hours_note(text: Option<String>, note: &str) -> Option<String> {
    let text = text?;
    let rest = match text.strip_prefix(note) {
        Some(r) => r.strip_prefix(". ").unwrap_or(r).trim(),
        None => text.as_str(),
    };
    Some(rest.to_string()).filter(|r| !r.is_empty())
}

/// Removes the lunch break from every open interval it falls into.
pub fn split_lunch(week: &Week, lunch: Option<&Lunch>) -> Week {
    let Some(l) = lunch else {
        return week.clone();
    };
    let mut out: Week = Default::default();
    for (d, day) in week.iter().enumerate() {
        for &(s, e) in day {
            if l.end <= s || l.start >= e || l.start >= l.end {
                out[d].push((s, e));
                continue;
            }
            if s < l.start {
                out[d].push((s, l.start));
            }
            if l.end < e {
                out[d].push((l.end, e));
            }
        }
    }
    out
}

/// Finds a lunch break in rows written with breaks: every day with two intervals has the same
/// gap between them (at most two hours), and no single-interval day spans that gap. Returns the
/// break and the week with the two halves joined, which [`split_lunch`] turns back into `week`.
pub fn detect_lunch(week: &Week) -> Option<(Lunch, Week)> {
    let mut gap: Option<(Time, Time)> = None;
    for day in week {
        match day.as_slice() {
            [] | [_] => {}
            [a, b] => {
                let g = (a.1, b.0);
                if gap.is_some_and(|x| x != g) {
                    return None;
                }
                gap = Some(g);
            }
            _ => return None,
        }
    }
    let (start, end) = gap?;
    let len = start.until(end).ok()?;
    if start >= end || len.total(jiff::Unit::Minute).ok()? > 120.0 {
        return None;
    }
    let mut joined: Week = Default::default();
    for (d, day) in week.iter().enumerate() {
        match day.as_slice() {
            [a, b] => joined[d].push((a.0, b.1)),
            [a] if a.0 < start && end < a.1 => return None,
            other => joined[d].extend_from_slice(other),
        }
    }
    Some((Lunch { start, end }, joined))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    fn t(h: i8, m: i8) -> Time {
        time(h, m, 0, 0)
    }

    #[test]
    fn csv_and_json_faults_are_said_in_ukrainian_with_their_line() {
        let csv_fault = |text: &str| {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let e = r.records().find_map(Result::err).expect("a fault");
            HsdsError::Csv {
                path: "t.csv".into(),
                source: e,
            }
            .message(crate::i18n::Lang::Uk)
        };
        assert_eq!(
            csv_fault("id,name\n1,a,b\n"),
            "t.csv: не вдалося прочитати CSV: у рядку 3 поля, а в заголовку 2 поля (рядок 2)"
        );
        let json = HsdsError::Json {
            path: "d.json".into(),
            source: serde_json::from_str::<serde_json::Value>("{bad").unwrap_err(),
        };
        let uk = json.message(crate::i18n::Lang::Uk);
        assert_eq!(
            uk,
            "d.json: це не правильний JSON — синтаксична помилка (рядок 1, позиція 2)"
        );
        assert!(
            json.message(crate::i18n::Lang::En)
                .contains("key must be a string")
        );
    }

    fn office_week() -> Week {
        let mut w: Week = Default::default();
        for d in w.iter_mut().take(4) {
            d.push((t(9, 0), t(18, 0)));
        }
        w[4].push((t(9, 0), t(16, 45)));
        w[5].push((t(9, 0), t(13, 0)));
        w
    }

    #[test]
    fn lunch_splits_open_days_and_is_found_again() {
        let lunch = Lunch {
            start: t(13, 0),
            end: t(13, 45),
        };
        let split = split_lunch(&office_week(), Some(&lunch));
        assert_eq!(split[0], vec![(t(9, 0), t(13, 0)), (t(13, 45), t(18, 0))]);
        assert_eq!(
            split[5],
            vec![(t(9, 0), t(13, 0))],
            "Saturday ends at lunch"
        );
        assert!(split[6].is_empty());
        let (found, joined) = detect_lunch(&split).unwrap();
        assert_eq!(found, lunch);
        assert_eq!(joined, office_week());
    }

    #[test]
    fn different_gaps_are_not_a_lunch_break() {
        let mut w: Week = Default::default();
        w[0] = vec![(t(9, 0), t(12, 0)), (t(13, 0), t(18, 0))];
        w[1] = vec![(t(9, 0), t(13, 0)), (t(14, 0), t(18, 0))];
        assert!(detect_lunch(&w).is_none());
        let mut long: Week = Default::default();
        long[0] = vec![(t(8, 0), t(10, 0)), (t(15, 0), t(18, 0))];
        assert!(
            detect_lunch(&long).is_none(),
            "a five-hour gap is two shifts"
        );
    }
}

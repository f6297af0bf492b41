//! HSDS 3.0 tabular data package → a directory file in format v1.
//!
//! Reads packages written by [`super::export`] without loss, and packages written by other
//! tools the way the specification's own example is laid out: any subset of the tables, extra
//! quotes around values (`"+44 1234 234567"`), times without a zone, references that point
//! nowhere. Every value that has no place in format v1 is counted and reported by
//! `table.column`, and every guess (a category, a verification date) is reported and written as
//! a comment above the entry, so nothing is lost silently.

use super::*;
use crate::directory::{Appointment, BUILTIN_CATEGORIES, Gender, Status};
use crate::i18n::Lang;
use crate::{hours, phone};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// The result of an import: the TOML text, and what the maintainer should know about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub toml: String,
    pub agencies: usize,
    pub services: usize,
    /// What could not be carried over, as `table.column` (or a whole table's file) and the
    /// number of rows that had a value there.
    pub unmapped: Vec<(String, usize)>,
    /// Decisions worth checking (a guessed category, a date set to today, a dangling reference).
    pub notes: Vec<String>,
}

impl Imported {
    /// One line per unmapped item: `не вдалося перенести: services.url (1 рядок)`.
    pub fn unmapped_lines(&self, lang: Lang) -> Vec<String> {
        self.unmapped
            .iter()
            .map(|(what, n)| {
                let rows = ROW.count(lang, *n as u64);
                match lang {
                    Lang::Uk => format!("не вдалося перенести: {what} ({rows})"),
                    Lang::En => format!("could not map: {what} ({rows})"),
                }
            })
            .collect()
    }
}

type Row = HashMap<String, String>;

/// One CSV table as read.
#[derive(Debug, Default)]
struct Tab {
    /// File name without `.csv`, for reports (`services.url`).
    stem: String,
    headers: Vec<String>,
    rows: Vec<Row>,
}

impl Tab {
    fn has(&self, col: &str) -> bool {
        self.headers.iter().any(|h| h == col)
    }
}

fn g<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

fn o(r: &Row, k: &str) -> Option<String> {
    Some(g(r, k).to_string()).filter(|s| !s.is_empty())
}

/// Trims a cell and drops one pair of quotes around a number, which some exporters add to keep
/// a phone number from being read as a number (`"+44 1234 234567"` in the official example).
/// Quotes around text are the text's own (`"Юрист поруч"`) and stay.
fn clean(v: &str) -> String {
    let t = v.trim();
    let t = match t.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner)
            if inner.chars().any(|c| c.is_ascii_digit())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c)) =>
        {
            inner.trim()
        }
        _ => t,
    };
    t.to_string()
}

/// A schedule's free text without the note the export writes for `hours` that are not the same
/// every week (see [`irregular_note`]): that note says `hours_text` again, which the hours
/// field already holds.
fn free_schedule_text(
    text: Option<String>,
    hours_text: Option<&str>,
    lunch: Option<&str>,
) -> Option<String> {
    match hours_text.and_then(|h| hours::parse(h).ok()) {
        Some(h) if !h.is_weekly() => {
            let lunch = lunch.and_then(|l| hours::parse_lunch(l).ok());
            without_hours_note(text, &irregular_note(&h, lunch.as_ref()))
        }
        _ => text,
    }
}

/// Columns the import carries over (possibly only in some cases, which are then reported one
/// by one); any other column with a value is reported as not mapped.
fn understood(resource: &str) -> &'static [&'static str] {
    match resource {
        "organization" => &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "refdesk_name_genitive",
            "refdesk_gender",
        ],
        "service" => &[
            "id",
            "organization_id",
            "name",
            "description",
            "status",
            "application_process",
            "fees_description",
            "fees",
            "wait_time",
            "eligibility_description",
            "assured_date",
            "assurer_email",
            "alert",
            "last_modified",
            "refdesk_appointment",
            "refdesk_booking",
            "refdesk_online",
            "refdesk_hours",
        ],
        "location" => &[
            "id",
            "location_type",
            "organization_id",
            "name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
            "refdesk_hours",
            "refdesk_lunch",
            "refdesk_reception",
            "refdesk_verified",
            "refdesk_verified_by",
            "refdesk_status",
            "refdesk_alert",
            "refdesk_notes",
        ],
        "service_at_location" => &["id", "service_id", "location_id"],
        "address" => &[
            "id",
            "location_id",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        "phone" => &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
        "contact" => &[
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "location_id",
            "name",
            "title",
            "department",
            "email",
            "refdesk_role",
            "refdesk_room",
        ],
        "schedule" => &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "wkst",
            "freq",
            "interval",
            "byday",
            "description",
            "opens_at",
            "closes_at",
            "notes",
        ],
        "required_document" => &["id", "service_id", "document"],
        "accessibility" => &["id", "location_id", "description", "details"],
        // Taxonomies and terms describe the classification itself; what they classify is in
        // the attributes.
        "taxonomy" => &["id", "name", "description", "uri", "version"],
        "taxonomy_term" => &[
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ],
        "attribute" => &[
            "id",
            "link_id",
            "taxonomy_term_id",
            "link_type",
            "link_entity",
            "value",
        ],
        _ => &[],
    }
}

/// The tables the import reads, by resource name, with their usual file names.
const READ: &[(&str, &str)] = &[
    ("organization", "organizations.csv"),
    ("service", "services.csv"),
    ("location", "locations.csv"),
    ("service_at_location", "service_at_location.csv"),
    ("address", "addresses.csv"),
    ("phone", "phones.csv"),
    ("contact", "contacts.csv"),
    ("schedule", "schedules.csv"),
    ("required_document", "required_documents.csv"),
    ("accessibility", "accessibility.csv"),
    ("taxonomy", "taxonomies.csv"),
    ("taxonomy_term", "taxonomy_terms.csv"),
    ("attribute", "attributes.csv"),
];

#[derive(Debug, Default)]
struct DPhone {
    number: String,
    note: Option<String>,
}

#[derive(Debug, Default)]
struct DPerson {
    name: String,
    title: Option<String>,
    phone: Option<DPhone>,
    room: Option<String>,
    email: Option<String>,
}

#[derive(Debug, Default)]
struct DService {
    name: String,
    description: Option<String>,
    topics: Vec<String>,
    appointment: Option<String>,
    booking: Option<String>,
    documents: Vec<String>,
    steps: Vec<String>,
    eligibility: Option<String>,
    fee: Option<String>,
    duration: Option<String>,
    online: Option<String>,
    contacts: Vec<DPerson>,
    hours: Option<String>,
}

#[derive(Debug, Default)]
struct DAgency {
    /// Comments written above the entry.
    remarks: Vec<String>,
    id: String,
    name: String,
    short_name: Option<String>,
    name_genitive: Option<String>,
    gender: Option<String>,
    category: String,
    topics: Vec<String>,
    description: Option<String>,
    remote: bool,
    locality: Option<String>,
    district: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
    address_note: Option<String>,
    accessibility: Option<String>,
    coordinates: Option<(f64, f64)>,
    phones: Vec<DPhone>,
    email: Option<String>,
    website: Option<String>,
    hours: Option<String>,
    lunch: Option<String>,
    reception: Option<String>,
    hours_note: Option<String>,
    head: Option<DPerson>,
    contacts: Vec<DPerson>,
    verified: Option<Date>,
    verified_by: Option<String>,
    status: Option<String>,
    alert: Option<String>,
    notes: Option<String>,
    services: Vec<DService>,
}

/// One agency to build: an organization at a location (either may be missing in a foreign
/// package), and the services offered there.
#[derive(Debug, Clone, Default)]
struct Slot {
    org: Option<usize>,
    loc: Option<usize>,
    services: Vec<usize>,
}

struct Imp {
    lang: Lang,
    today: Date,
    tabs: HashMap<&'static str, Tab>,
    /// What could not be carried over → the rows it was in.
    unmapped: BTreeMap<String, HashSet<String>>,
    notes: Vec<String>,
    used_attributes: HashSet<usize>,
    used_phones: HashSet<usize>,
    used_contacts: HashSet<usize>,
    used_schedules: HashSet<usize>,
}

/// Reads the package in `dir`. `today` dates entries that carry no verification date.
pub fn import(dir: &Path, today: Date, lang: Lang) -> Result<Imported, HsdsError> {
    let mut imp = Imp {
        lang,
        today,
        tabs: HashMap::new(),
        unmapped: BTreeMap::new(),
        notes: Vec::new(),
        used_attributes: HashSet::new(),
        used_phones: HashSet::new(),
        used_contacts: HashSet::new(),
        used_schedules: HashSet::new(),
    };
    let descriptor = read_descriptor(dir)?;
    let mut paths: HashMap<String, String> = HashMap::new();
    if let Some(res) = descriptor
        .as_ref()
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.as_array())
    {
        for r in res {
            if let (Some(n), Some(p)) = (
                r.get("name").and_then(|v| v.as_str()),
                r.get("path").and_then(|v| v.as_str()),
            ) {
                paths.insert(n.to_string(), p.to_string());
            }
        }
    }
    let mut claimed: HashSet<String> = HashSet::new();
    for (res, default) in READ {
        let file = paths
            .get(*res)
            .cloned()
            .unwrap_or_else(|| default.to_string());
        let path = dir.join(&file);
        claimed.insert(file.clone());
        if path.is_file() {
            let tab = imp.read_table(&path)?;
            imp.tabs.insert(res, tab);
        }
    }
    if !["organization", "location", "service"]
        .iter()
        .any(|r| imp.tabs.contains_key(r))
    {
        return Err(HsdsError::NotAPackage(dir.to_path_buf()));
    }
    imp.report_other_tables(dir, &paths, &claimed)?;
    imp.report_unknown_columns();
    let meta = descriptor.as_ref().and_then(|d| d.get("refdesk")).cloned();
    Ok(imp.build(meta, dir))
}

fn read_descriptor(dir: &Path) -> Result<Option<serde_json::Value>, HsdsError> {
    let p = dir.join("datapackage.json");
    match std::fs::read(&p) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| HsdsError::Json { path: p, source }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if dir.is_dir() {
                Ok(None)
            } else {
                Err(HsdsError::Io { path: p, source: e })
            }
        }
        Err(source) => Err(HsdsError::Io { path: p, source }),
    }
}

fn count_rows(path: &Path) -> Result<usize, HsdsError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|source| HsdsError::Csv {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(r.byte_records().filter_map(Result::ok).count())
}

impl Imp {
    fn pick(&self, uk: &str, en: &str) -> String {
        self.lang.pick(uk, en).to_string()
    }

    fn note(&mut self, uk: String, en: String) -> String {
        let m = match self.lang {
            Lang::Uk => uk,
            Lang::En => en,
        };
        self.notes.push(m.clone());
        m
    }

    /// A note that is also written as a comment above the agency.
    fn remark(&mut self, uk: String, en: String, remarks: &mut Vec<String>) {
        let m = self.note(uk, en);
        remarks.push(m);
    }

    /// Something in row `row` (its id) could not be carried over; a row met twice (a service
    /// offered at two locations) counts once.
    fn lost(&mut self, what: impl Into<String>, row: impl Into<String>) {
        self.unmapped
            .entry(what.into())
            .or_default()
            .insert(row.into());
    }

    /// `n` further rows of `what` could not be carried over.
    fn lost_rows(&mut self, what: String, n: usize) {
        let set = self.unmapped.entry(what).or_default();
        let start = set.len();
        set.extend((start..start + n).map(|i| format!("#{i}")));
    }

    fn tab(&self, res: &str) -> Option<&Tab> {
        self.tabs.get(res)
    }

    fn rows(&self, res: &str) -> &[Row] {
        self.tab(res).map(|t| t.rows.as_slice()).unwrap_or(&[])
    }

    fn stem(&self, res: &str) -> String {
        self.tab(res)
            .map(|t| t.stem.clone())
            .unwrap_or_else(|| res.to_string())
    }

    fn read_table(&mut self, path: &Path) -> Result<Tab, HsdsError> {
        let bytes = std::fs::read(path).map_err(|source| HsdsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Spreadsheets on Ukrainian Windows save CSV as Windows-1251.
                let (t, _, _) = encoding_rs::WINDOWS_1251.decode(e.as_bytes());
                let f = path.display();
                self.note(
                    format!("{f}: файл не в UTF-8 — прочитано як Windows-1251"),
                    format!("{f}: not UTF-8 — read as Windows-1251"),
                );
                t.into_owned()
            }
        };
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let csv_err = |source| HsdsError::Csv {
            path: path.to_path_buf(),
            source,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(body.as_bytes());
        let headers: Vec<String> = rdr
            .headers()
            .map_err(csv_err)?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let mut rows = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(csv_err)?;
            let row: Row = headers.iter().cloned().zip(rec.iter().map(clean)).collect();
            if row.values().any(|v| !v.is_empty()) {
                rows.push(row);
            }
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Tab {
            stem,
            headers,
            rows,
        })
    }

    /// Tables refdesk has no place for (programs, funding, languages, …), named in the
    /// descriptor or lying in the folder.
    fn report_other_tables(
        &mut self,
        dir: &Path,
        paths: &HashMap<String, String>,
        claimed: &HashSet<String>,
    ) -> Result<(), HsdsError> {
        let mut files: Vec<String> = paths
            .values()
            .filter(|p| !claimed.contains(*p))
            .cloned()
            .collect();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".csv") && !claimed.contains(&name) && !files.contains(&name) {
                    files.push(name);
                }
            }
        }
        files.sort();
        for f in files {
            let p = dir.join(&f);
            if !p.is_file() {
                continue;
            }
            let n = count_rows(&p)?;
            if n > 0 {
                let what = match self.lang {
                    Lang::Uk => format!("таблиця {f}"),
                    Lang::En => format!("table {f}"),
                };
                self.lost_rows(what, n);
            }
        }
        Ok(())
    }

    fn report_unknown_columns(&mut self) {
        let mut found = Vec::new();
        for (res, tab) in &self.tabs {
            let known = understood(res);
            for h in &tab.headers {
                if known.contains(&h.as_str()) {
                    continue;
                }
                let n = tab.rows.iter().filter(|r| !g(r, h).is_empty()).count();
                if n > 0 {
                    found.push((format!("{}.{h}", tab.stem), n));
                }
            }
        }
        for (what, n) in found {
            self.lost_rows(what, n);
        }
    }

    /// Index of the row of `res` whose `id` is `id`.
    fn find(&self, res: &str, id: &str) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        self.rows(res).iter().position(|r| g(r, "id") == id)
    }

    fn slots(&mut self) -> Vec<Slot> {
        let n_org = self.rows("organization").len();
        let n_loc = self.rows("location").len();
        let mut slots: Vec<Slot> = (0..n_loc)
            .map(|l| Slot {
                org: None,
                loc: Some(l),
                services: Vec::new(),
            })
            .collect();
        let mut placed: HashSet<usize> = HashSet::new();
        let sal: Vec<(String, String)> = self
            .rows("service_at_location")
            .iter()
            .map(|r| {
                (
                    g(r, "service_id").to_string(),
                    g(r, "location_id").to_string(),
                )
            })
            .collect();
        let sal_stem = self.stem("service_at_location");
        for (svc_id, loc_id) in sal {
            match (
                self.find("service", &svc_id),
                self.find("location", &loc_id),
            ) {
                (Some(s), Some(l)) => {
                    if !slots[l].services.contains(&s) {
                        slots[l].services.push(s);
                    }
                    placed.insert(s);
                }
                _ => {
                    let m = self.pick(
                        "рядки з посиланням на відсутню послугу чи локацію",
                        "rows pointing to a missing service or location",
                    );
                    self.lost(format!("{sal_stem} — {m}"), format!("{svc_id}>{loc_id}"));
                }
            }
        }
        // The organization of each location.
        for (l, slot) in slots.iter_mut().enumerate().take(n_loc) {
            let org_ref = g(&self.rows("location")[l], "organization_id").to_string();
            let org = match self.find("organization", &org_ref) {
                Some(o) => Some(o),
                None => {
                    let by_service: HashSet<usize> = slot
                        .services
                        .iter()
                        .filter_map(|&s| {
                            let id = g(&self.rows("service")[s], "organization_id").to_string();
                            self.find("organization", &id)
                        })
                        .collect();
                    let guess = if by_service.len() == 1 {
                        by_service.into_iter().next()
                    } else if n_org == 1 {
                        Some(0)
                    } else {
                        None
                    };
                    if !org_ref.is_empty() && guess.is_some() {
                        self.note(
                            format!(
                                "locations.organization_id «{org_ref}» немає в organizations — узято організацію, що надає послуги в цій локації"
                            ),
                            format!(
                                "locations.organization_id \"{org_ref}\" is not in organizations — used the organization whose services are offered there"
                            ),
                        );
                    }
                    guess
                }
            };
            slot.org = org;
        }
        // Services offered at no location: with their organization's first agency, else as a
        // remote agency of that organization.
        let n_svc = self.rows("service").len();
        for s in 0..n_svc {
            if placed.contains(&s) {
                continue;
            }
            let org_ref = g(&self.rows("service")[s], "organization_id").to_string();
            let org = self
                .find("organization", &org_ref)
                .or((n_org == 1).then_some(0));
            match slots
                .iter_mut()
                .find(|sl| sl.org.is_some() && sl.org == org)
            {
                Some(sl) => sl.services.push(s),
                None => slots.push(Slot {
                    org,
                    loc: None,
                    services: vec![s],
                }),
            }
        }
        for org in 0..n_org {
            if !slots.iter().any(|s| s.org == Some(org)) {
                slots.push(Slot {
                    org: Some(org),
                    loc: None,
                    services: Vec::new(),
                });
            }
        }
        slots
    }

    /// Term id → (taxonomy name, code, name, description).
    fn terms(&self) -> HashMap<String, (String, String, String, String)> {
        let tax: HashMap<&str, &str> = self
            .rows("taxonomy")
            .iter()
            .map(|r| (g(r, "id"), g(r, "name")))
            .collect();
        self.rows("taxonomy_term")
            .iter()
            .map(|r| {
                let taxonomy = match g(r, "taxonomy") {
                    "" => tax.get(g(r, "taxonomy_id")).copied().unwrap_or(""),
                    t => t,
                };
                (
                    g(r, "id").to_string(),
                    (
                        taxonomy.to_string(),
                        g(r, "code").to_string(),
                        g(r, "name").to_string(),
                        g(r, "description").to_string(),
                    ),
                )
            })
            .collect()
    }

    /// Categories to declare: refdesk category terms that are not built in as they are.
    fn categories(
        &self,
        terms: &HashMap<String, (String, String, String, String)>,
    ) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for r in self.rows("taxonomy_term") {
            let Some((tax, code, name, descr)) = terms.get(g(r, "id")) else {
                continue;
            };
            if tax != TAXONOMY_CATEGORY || code.is_empty() || name.is_empty() {
                continue;
            }
            let en = Some(descr.clone()).filter(|d| !d.is_empty() && d != name);
            let builtin = BUILTIN_CATEGORIES
                .iter()
                .any(|(id, uk, e)| id == code && uk == name && Some(*e) == en.as_deref());
            if !builtin {
                out.push((code.clone(), name.clone(), en));
            }
        }
        out
    }

    /// Category and topics attached to any of `links`; foreign terms become topics.
    fn classification(
        &mut self,
        links: &[&str],
        terms: &HashMap<String, (String, String, String, String)>,
    ) -> (Option<String>, Vec<String>) {
        let mut category = None;
        let mut topics: Vec<String> = Vec::new();
        let attrs: Vec<(usize, String, String)> = self
            .rows("attribute")
            .iter()
            .enumerate()
            .filter(|(_, r)| links.contains(&g(r, "link_id")) && !g(r, "link_id").is_empty())
            .map(|(i, r)| {
                (
                    i,
                    g(r, "taxonomy_term_id").to_string(),
                    g(r, "value").to_string(),
                )
            })
            .collect();
        for (i, term_id, value) in attrs {
            let Some((tax, code, name, _)) = terms.get(&term_id) else {
                continue;
            };
            self.used_attributes.insert(i);
            let topic = if tax == TAXONOMY_CATEGORY {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else if tax == TAXONOMY_TOPIC {
                Some(value)
            } else if BUILTIN_CATEGORIES.iter().any(|(id, _, _)| id == code) {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else {
                Some(name.clone())
            };
            if let Some(t) = topic.filter(|t| !t.is_empty() && !topics.contains(t)) {
                topics.push(t);
            }
        }
        (category, topics)
    }

    fn phone_entry(&mut self, r: &Row, prefix: Option<&str>) -> Option<DPhone> {
        let number = g(r, "number").to_string();
        if number.is_empty() {
            return None;
        }
        if let Err(e) = phone::parse(&number) {
            self.note(
                format!("телефон «{number}» не розпізнано ({e}) — пропущено"),
                format!("phone \"{number}\" not recognised ({e}) — skipped"),
            );
            let stem = self.stem("phone");
            self.lost(format!("{stem}.number"), g(r, "id"));
            return None;
        }
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = prefix {
            parts.push(p.to_string());
        }
        if let Some(x) = o(r, "extension") {
            parts.push(format!("{} {x}", self.pick("доб.", "ext.")));
        }
        match g(r, "type").to_lowercase().as_str() {
            "" | "voice" | "cell" => {}
            "fax" => parts.push(self.pick("факс", "fax")),
            "text" => parts.push("SMS".into()),
            other => parts.push(other.to_string()),
        }
        parts.extend(o(r, "description"));
        Some(DPhone {
            number,
            note: Some(parts.join("; ")).filter(|s| !s.is_empty()),
        })
    }

    fn person(&mut self, ci: usize) -> Option<DPerson> {
        let r = self.rows("contact")[ci].clone();
        self.used_contacts.insert(ci);
        let Some(name) = o(&r, "name") else {
            let stem = self.stem("contact");
            let m = self.pick("контакти без імені", "contacts without a name");
            self.lost(format!("{stem} — {m}"), g(&r, "id"));
            return None;
        };
        let title: Vec<String> = [o(&r, "title"), o(&r, "department")]
            .into_iter()
            .flatten()
            .collect();
        let id = g(&r, "id").to_string();
        let phone_rows: Vec<(usize, Row)> = self
            .rows("phone")
            .iter()
            .enumerate()
            .filter(|(_, p)| !id.is_empty() && g(p, "contact_id") == id)
            .map(|(i, p)| (i, p.clone()))
            .collect();
        let mut phone = None;
        for (i, p) in phone_rows {
            if phone.is_none() {
                phone = self.phone_entry(&p, None);
                self.used_phones.insert(i);
            }
        }
        Some(DPerson {
            name,
            title: Some(title.join(", ")).filter(|t| !t.is_empty()),
            phone,
            room: o(&r, "refdesk_room"),
            email: o(&r, "email"),
        })
    }

    /// Weekly intervals from schedule rows; rows refdesk cannot express are reported.
    fn week(&mut self, rows: &[usize]) -> (Week, bool) {
        let mut week: Week = Default::default();
        let mut any = false;
        let stem = self.stem("schedule");
        for &i in rows {
            let r = self.rows("schedule")[i].clone();
            let (Some(opens), Some(closes)) = (
                parse_time(g(&r, "opens_at")),
                parse_time(g(&r, "closes_at")),
            ) else {
                if !g(&r, "opens_at").is_empty() || !g(&r, "closes_at").is_empty() {
                    self.lost(format!("{stem}.opens_at/closes_at"), i.to_string());
                }
                continue;
            };
            let freq = g(&r, "freq").to_uppercase();
            let interval = g(&r, "interval");
            if !(freq.is_empty() || freq == "WEEKLY") {
                self.lost(format!("{stem}.freq={freq}"), i.to_string());
                continue;
            }
            if !(interval.is_empty() || interval == "1") {
                self.lost(format!("{stem}.interval={interval}"), i.to_string());
                continue;
            }
            let days: Option<Vec<usize>> = g(&r, "byday")
                .split(',')
                .map(|d| d.trim().to_uppercase())
                .filter(|d| !d.is_empty())
                .map(|d| DAYS.iter().position(|x| *x == d))
                .collect();
            let days = match days {
                Some(d) if !d.is_empty() => d,
                _ => {
                    self.lost(format!("{stem}.byday"), i.to_string());
                    continue;
                }
            };
            any = true;
            for d in days {
                if opens < closes {
                    week[d].push((opens, closes));
                } else {
                    // Overnight: split at midnight, as `Hours::weekly` does.
                    week[d].push((opens, END_OF_DAY));
                    if closes > Time::MIN {
                        week[(d + 1) % 7].push((Time::MIN, closes));
                    }
                }
            }
        }
        for day in week.iter_mut() {
            day.sort();
            let mut merged: Vec<(Time, Time)> = Vec::new();
            for &(s, e) in day.iter() {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            *day = merged;
        }
        (week, any)
    }

    /// Free text of schedule rows (descriptions other than refdesk's markers, and notes).
    fn schedule_text(&self, rows: &[usize]) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        for &i in rows {
            let r = &self.rows("schedule")[i];
            let d = g(r, "description");
            let markers = [SCHEDULE_HOURS, SCHEDULE_RECEPTION, SCHEDULE_SERVICE];
            for t in [d, g(r, "notes")] {
                if !t.is_empty() && !markers.contains(&t) && !parts.contains(&t) {
                    parts.push(t);
                }
            }
        }
        Some(parts.join(" ")).filter(|s| !s.is_empty())
    }

    fn build(mut self, meta: Option<serde_json::Value>, dir: &Path) -> Imported {
        let terms = self.terms();
        let slots = self.slots();
        let loc_has = |c: &str| self.tab("location").is_some_and(|t| t.has(c));
        let (has_status, has_alert) = (loc_has("refdesk_status"), loc_has("refdesk_alert"));
        let mut agencies: Vec<DAgency> = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        for slot in &slots {
            let shared_org = slot.org.is_some()
                && slots
                    .iter()
                    .filter(|s| s.org == slot.org && s.loc.is_some())
                    .count()
                    > 1;
            let a = self.agency(slot, &terms, has_status, has_alert, shared_org, &mut ids);
            agencies.push(a);
        }
        self.report_unused();
        let categories = self.categories(&terms);
        let services = agencies.iter().map(|a| a.services.len()).sum();
        let toml = write_toml(&agencies, &categories, meta.as_ref(), dir, self.lang);
        Imported {
            toml,
            agencies: agencies.len(),
            services,
            unmapped: self
                .unmapped
                .into_iter()
                .map(|(k, rows)| (k, rows.len()))
                .collect(),
            notes: self.notes,
        }
    }

    fn report_unused(&mut self) {
        let unlinked = self.pick(
            "рядки без зв'язку з установою чи послугою",
            "rows linked to no agency or service",
        );
        let mut found = Vec::new();
        for (res, used) in [
            ("attribute", &self.used_attributes),
            ("phone", &self.used_phones),
            ("contact", &self.used_contacts),
            ("schedule", &self.used_schedules),
        ] {
            let Some(t) = self.tabs.get(res) else {
                continue;
            };
            let n = (0..t.rows.len()).filter(|i| !used.contains(i)).count();
            if n > 0 {
                found.push((format!("{} — {unlinked}", t.stem), n));
            }
        }
        for (what, n) in found {
            self.lost_rows(what, n);
        }
    }

    fn agency(
        &mut self,
        slot: &Slot,
        terms: &HashMap<String, (String, String, String, String)>,
        has_status: bool,
        has_alert: bool,
        shared_org: bool,
        ids: &mut HashSet<String>,
    ) -> DAgency {
        let org: Row = slot
            .org
            .map(|i| self.rows("organization")[i].clone())
            .unwrap_or_default();
        let loc: Row = slot
            .loc
            .map(|i| self.rows("location")[i].clone())
            .unwrap_or_default();
        let svcs: Vec<Row> = slot
            .services
            .iter()
            .map(|&i| self.rows("service")[i].clone())
            .collect();
        let org_id = g(&org, "id").to_string();
        let loc_id = g(&loc, "id").to_string();
        let mut a = DAgency::default();

        // Names.
        let org_name = g(&org, "name").to_string();
        let loc_name = g(&loc, "name").to_string();
        a.name = match (org_name.is_empty(), loc_name.is_empty()) {
            (false, _) => org_name.clone(),
            (true, false) => loc_name.clone(),
            (true, true) => svcs
                .first()
                .map(|s| g(s, "name").to_string())
                .unwrap_or_default(),
        };
        a.short_name = o(&org, "alternate_name");
        a.name_genitive = o(&org, "refdesk_name_genitive");
        a.gender = o(&org, "refdesk_gender").filter(|g| Gender::parse(g).is_some());
        if a.name.is_empty() {
            a.name = self.pick("Без назви", "Untitled");
            self.remark(
                "назви немає ні в організації, ні в локації — впишіть \"name\"".into(),
                "neither the organization nor the location has a name — fill in \"name\"".into(),
                &mut a.remarks,
            );
        }

        // Identity.
        let ext_id = (g(&loc, "external_identifier_type") == ID_SCHEME)
            .then(|| g(&loc, "external_identifier").to_string())
            .filter(|id| valid_id(id));
        if ext_id.is_none() && !g(&loc, "external_identifier").is_empty() {
            let stem = self.stem("location");
            self.lost(format!("{stem}.external_identifier"), loc_id.clone());
        }
        let base = ext_id.unwrap_or_else(|| {
            // Offices of one organization are told apart by their town.
            let city = self
                .rows("address")
                .iter()
                .find(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
                .map(|r| g(r, "city").to_string())
                .unwrap_or_default();
            if shared_org && !city.is_empty() {
                slug(&format!("{} {city}", a.name))
            } else {
                slug(&a.name)
            }
        });
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(id.clone());
        a.id = id;

        // Classification.
        let (cat, topics) = self.classification(&[&loc_id, &org_id], terms);
        a.topics = topics;
        let svc_ids: Vec<String> = svcs.iter().map(|s| g(s, "id").to_string()).collect();
        let mut svc_cat = None;
        for sid in &svc_ids {
            let (c, _) = self.classification(&[sid.as_str()], terms);
            if svc_cat.is_none() {
                svc_cat = c;
            }
        }
        a.category = match cat.or(svc_cat) {
            Some(c) => c,
            None => {
                self.remark(
                    format!(
                        "{}: категорію не визначено — поставлено \"other\"; виберіть точнішу",
                        a.id
                    ),
                    format!(
                        "{}: no category found — set to \"other\"; choose a better one",
                        a.id
                    ),
                    &mut a.remarks,
                );
                "other".into()
            }
        };

        // Description, place.
        // HSDS requires an organization description; refdesk's export writes the name where
        // the agency has none, which is no description at all.
        let org_descr = o(&org, "description").filter(|d| *d != g(&org, "name"));
        let descr: Vec<String> = [org_descr, o(&loc, "description")]
            .into_iter()
            .flatten()
            .collect();
        a.description = Some(join_sentences(&descr)).filter(|d| !d.is_empty());
        a.remote = slot.loc.is_none() || g(&loc, "location_type") == "virtual";
        a.email = o(&org, "email");
        a.website = o(&org, "website");
        let mut how_to_find: Vec<String> = Vec::new();
        if !loc_name.is_empty() && loc_name != a.name {
            how_to_find.push(loc_name.clone());
        }
        how_to_find.extend(o(&loc, "transportation"));
        a.address_note = Some(how_to_find.join("; ")).filter(|s| !s.is_empty());
        a.coordinates = match (
            g(&loc, "latitude").parse::<f64>(),
            g(&loc, "longitude").parse::<f64>(),
        ) {
            (Ok(la), Ok(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
                Some((la, lo))
            }
            (Ok(la), Ok(lo)) => {
                self.remark(
                    format!("{}: координати {la}, {lo} неможливі — пропущено", a.id),
                    format!("{}: coordinates {la}, {lo} are impossible — skipped", a.id),
                    &mut a.remarks,
                );
                let stem = self.stem("location");
                self.lost(format!("{stem}.latitude/longitude"), loc_id.clone());
                None
            }
            _ => None,
        };
        self.address(&loc_id, &mut a);
        let acc: Vec<String> = self
            .rows("accessibility")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .map(|r| {
                [o(r, "description"), o(r, "details")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        a.accessibility = Some(acc.join("; ")).filter(|s| !s.is_empty());

        // Phones of the agency: linked to its location, to its organization, or to one of its
        // services (with the service's name in the note).
        let sal_ids: HashMap<String, usize> = self
            .rows("service_at_location")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .filter_map(|r| {
                let s = svc_ids.iter().position(|x| x == g(r, "service_id"))?;
                Some((g(r, "id").to_string(), s))
            })
            .collect();
        let phone_rows: Vec<(usize, Row)> =
            self.rows("phone").iter().cloned().enumerate().collect();
        let contact_ids: HashSet<String> = self
            .rows("contact")
            .iter()
            .map(|r| g(r, "id").to_string())
            .collect();
        for (i, p) in phone_rows {
            let at_loc = !loc_id.is_empty() && g(&p, "location_id") == loc_id;
            let at_org = !org_id.is_empty()
                && g(&p, "organization_id") == org_id
                && g(&p, "location_id").is_empty();
            let svc = svc_ids
                .iter()
                .position(|s| !s.is_empty() && g(&p, "service_id") == s)
                .or_else(|| sal_ids.get(g(&p, "service_at_location_id")).copied());
            let of_contact = contact_ids.contains(g(&p, "contact_id"));
            let entry = if at_loc || at_org {
                self.phone_entry(&p, None)
            } else if let (Some(s), false) = (svc, of_contact) {
                let name = g(&svcs[s], "name").to_string();
                self.phone_entry(&p, Some(&name))
            } else {
                continue;
            };
            self.used_phones.insert(i);
            a.phones.extend(entry);
        }
        if a.phones.is_empty() {
            self.remark(
                format!(
                    "{}: немає жодного телефону — додайте \"phones\", інакше запис не завантажиться",
                    a.id
                ),
                format!(
                    "{}: no phone at all — add \"phones\", or the entry will not load",
                    a.id
                ),
                &mut a.remarks,
            );
        }

        // People.
        let contacts: Vec<(usize, Row)> =
            self.rows("contact").iter().cloned().enumerate().collect();
        let mut service_people: Vec<Vec<DPerson>> = svcs.iter().map(|_| Vec::new()).collect();
        for (ci, c) in contacts {
            let svc = svc_ids
                .iter()
                .position(|s| !s.is_empty() && g(&c, "service_id") == s)
                .or_else(|| sal_ids.get(g(&c, "service_at_location_id")).copied());
            let at_agency = (!loc_id.is_empty() && g(&c, "location_id") == loc_id)
                || (!org_id.is_empty() && g(&c, "organization_id") == org_id);
            if let Some(s) = svc {
                service_people[s].extend(self.person(ci));
            } else if at_agency {
                let Some(p) = self.person(ci) else { continue };
                if g(&c, "refdesk_role") == "head" && a.head.is_none() {
                    a.head = Some(p);
                } else {
                    a.contacts.push(p);
                }
            }
        }

        // Hours.
        let sched: Vec<(usize, Row)> = self.rows("schedule").iter().cloned().enumerate().collect();
        let is_service_row = |r: &Row| {
            svc_ids
                .iter()
                .any(|s| !s.is_empty() && g(r, "service_id") == s)
                || sal_ids.contains_key(g(r, "service_at_location_id"))
        };
        let (mut hours_rows, mut reception_rows) = (Vec::new(), Vec::new());
        for (i, r) in &sched {
            let at_loc = !loc_id.is_empty()
                && g(r, "location_id") == loc_id
                && g(r, "service_id").is_empty()
                && g(r, "service_at_location_id").is_empty();
            if at_loc {
                self.used_schedules.insert(*i);
                if g(r, "description") == SCHEDULE_RECEPTION {
                    reception_rows.push(*i);
                } else {
                    hours_rows.push(*i);
                }
            }
        }
        let service_rows: Vec<Vec<usize>> = svcs
            .iter()
            .enumerate()
            .map(|(s, _)| {
                sched
                    .iter()
                    .filter(|(_, r)| {
                        is_service_row(r)
                            && (g(r, "service_id") == svc_ids[s]
                                || sal_ids.get(g(r, "service_at_location_id")) == Some(&s))
                    })
                    .map(|(i, _)| *i)
                    .collect()
            })
            .collect();
        for rows in &service_rows {
            self.used_schedules.extend(rows.iter().copied());
        }
        let mut borrowed_from: Option<usize> = None;
        if hours_rows.is_empty() && g(&loc, "refdesk_hours").is_empty() {
            // A foreign package often gives hours per service only: take the agency's hours
            // from the first service that has any.
            if let Some(s) = service_rows.iter().position(|r| !r.is_empty()) {
                hours_rows = service_rows[s].clone();
                borrowed_from = Some(s);
                let name = g(&svcs[s], "name").to_string();
                self.remark(
                    format!(
                        "{}: графік установи взято з розкладу послуги «{name}» — перевірте",
                        a.id
                    ),
                    format!(
                        "{}: the agency's hours were taken from the schedule of the service \"{name}\" — check them",
                        a.id
                    ),
                &mut a.remarks,
            );
            }
        }
        let (week, any) = self.week(&hours_rows);
        let (hours, lunch, mismatch) = choose(
            o(&loc, "refdesk_hours"),
            o(&loc, "refdesk_lunch"),
            &week,
            any,
            Break::Find,
        );
        if mismatch {
            self.remark(
                format!(
                    "{}: графік у schedules відрізняється від refdesk_hours — узято з schedules",
                    a.id
                ),
                format!(
                    "{}: the schedule rows differ from refdesk_hours — took the rows",
                    a.id
                ),
                &mut a.remarks,
            );
        }
        a.hours = hours;
        a.lunch = lunch;
        if a.hours.is_none() {
            self.remark(
                format!(
                    "{}: графік роботи не вказано — додайте \"hours\", інакше запис не завантажиться",
                    a.id
                ),
                format!(
                    "{}: no working hours — add \"hours\", or the entry will not load",
                    a.id
                ),
                &mut a.remarks,
            );
        }
        a.hours_note = free_schedule_text(
            self.schedule_text(&hours_rows),
            a.hours.as_deref(),
            a.lunch.as_deref(),
        );
        let (rweek, rany) = self.week(&reception_rows);
        a.reception = choose(
            o(&loc, "refdesk_reception"),
            None,
            &rweek,
            rany,
            Break::Keep,
        )
        .0;
        let lunch_parsed = a.lunch.as_deref().and_then(|l| hours::parse_lunch(l).ok());

        // Verification, status, notices.
        a.verified = o(&loc, "refdesk_verified").and_then(|d| d.parse::<Date>().ok());
        a.verified_by = o(&loc, "refdesk_verified_by");
        let mut from_last_modified = false;
        if a.verified.is_none() {
            let best = svcs
                .iter()
                .filter_map(|s| Some((g(s, "assured_date").parse::<Date>().ok()?, s)))
                // The latest check; among equals, one that says who checked.
                .max_by_key(|(d, s)| (*d, !g(s, "assurer_email").is_empty()));
            if let Some((d, s)) = best {
                a.verified = Some(d);
                a.verified_by = o(s, "assurer_email");
            } else if let Some(d) = svcs
                .iter()
                .filter_map(|s| g(s, "last_modified").get(..10)?.parse::<Date>().ok())
                .max()
            {
                a.verified = Some(d);
                from_last_modified = true;
            }
        }
        let stem = self.stem("service");
        for s in &svcs {
            if !g(s, "assurer_email").is_empty()
                && a.verified_by.as_deref() != Some(g(s, "assurer_email"))
            {
                self.lost(format!("{stem}.assurer_email"), g(s, "id"));
            }
            if !g(s, "last_modified").is_empty() && !from_last_modified {
                self.lost(format!("{stem}.last_modified"), g(s, "id"));
            }
        }
        match a.verified {
            None => {
                a.verified = Some(self.today);
                self.remark(
                    format!(
                        "{}: дати перевірки немає — поставлено сьогоднішню; перевірте запис",
                        a.id
                    ),
                    format!(
                        "{}: no verification date — set to today; check the entry",
                        a.id
                    ),
                    &mut a.remarks,
                );
            }
            Some(d) if d > self.today => {
                a.verified = Some(self.today);
                self.remark(
                    format!(
                        "{}: дата перевірки {d} ще не настала — поставлено сьогоднішню",
                        a.id
                    ),
                    format!(
                        "{}: verification date {d} is in the future — set to today",
                        a.id
                    ),
                    &mut a.remarks,
                );
            }
            Some(_) => {}
        }
        let statuses: Vec<Status> = svcs
            .iter()
            .map(|s| match g(s, "status").to_lowercase().as_str() {
                "temporarily closed" | "temporarily-closed" => Status::TemporarilyClosed,
                "inactive" | "defunct" => Status::Closed,
                _ => Status::Active,
            })
            .collect();
        let status = if has_status {
            o(&loc, "refdesk_status").and_then(|s| Status::parse(&s))
        } else if statuses.is_empty() || statuses.contains(&Status::Active) {
            None
        } else if statuses.contains(&Status::TemporarilyClosed) {
            Some(Status::TemporarilyClosed)
        } else {
            Some(Status::Closed)
        };
        let agency_status = status.unwrap_or_default();
        for (s, st) in svcs.iter().zip(&statuses) {
            if *st != agency_status {
                self.lost(format!("{stem}.status"), g(s, "id"));
            }
        }
        a.status = status
            .filter(|s| *s != Status::Active)
            .map(|s| s.code().into());
        a.alert = if has_alert {
            o(&loc, "refdesk_alert")
        } else {
            let with_alert: Vec<(String, String)> = svcs
                .iter()
                .filter_map(|s| Some((g(s, "name").to_string(), o(s, "alert")?)))
                .collect();
            match with_alert.as_slice() {
                [] => None,
                // Said of the whole agency only when it offers nothing else.
                [(_, one)] if svcs.len() == 1 => Some(one.clone()),
                many => Some(
                    many.iter()
                        .map(|(n, t)| format!("{n}: {t}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            }
        };
        a.notes = o(&loc, "refdesk_notes");

        // Services.
        for (s, row) in svcs.iter().enumerate() {
            let mut svc = DService {
                name: g(row, "name").to_string(),
                description: o(row, "description"),
                appointment: o(row, "refdesk_appointment")
                    .filter(|x| Appointment::parse(x).is_some()),
                booking: o(row, "refdesk_booking"),
                eligibility: o(row, "eligibility_description"),
                duration: o(row, "wait_time"),
                online: o(row, "refdesk_online"),
                contacts: std::mem::take(&mut service_people[s]),
                ..Default::default()
            };
            let (_, topics) = self.classification(&[svc_ids[s].as_str()], terms);
            svc.topics = topics;
            svc.fee = o(row, "fees_description").or_else(|| o(row, "fees"));
            if o(row, "fees").is_some()
                && o(row, "fees_description").is_some()
                && o(row, "fees") != o(row, "fees_description")
            {
                self.lost(format!("{stem}.fees"), g(row, "id"));
            }
            svc.steps = steps(g(row, "application_process"));
            let sid = svc_ids[s].clone();
            svc.documents = self
                .rows("required_document")
                .iter()
                .filter(|r| !sid.is_empty() && g(r, "service_id") == sid)
                .filter_map(|r| o(r, "document"))
                .collect();
            if borrowed_from != Some(s) {
                let (w, any) = self.week(&service_rows[s]);
                let brk = match &lunch_parsed {
                    Some(l) => Break::SplitBy(l),
                    None => Break::Keep,
                };
                let (h, _, mismatch) = choose(o(row, "refdesk_hours"), None, &w, any, brk);
                if mismatch {
                    self.remark(
                        format!(
                            "{}: графік послуги «{}» у schedules відрізняється від refdesk_hours — узято з schedules",
                            a.id, svc.name
                        ),
                        format!(
                            "{}: the schedule rows of the service \"{}\" differ from refdesk_hours — took the rows",
                            a.id, svc.name
                        ),
                        &mut a.remarks,
                    );
                }
                let text = free_schedule_text(
                    self.schedule_text(&service_rows[s]),
                    h.as_deref(),
                    a.lunch.as_deref(),
                );
                svc.hours = h;
                if text.is_some() {
                    let st = self.stem("schedule");
                    self.lost(format!("{st}.description/notes"), svc_ids[s].clone());
                }
            }
            if svc.name.is_empty() {
                let m = self.pick("послуги без назви", "services without a name");
                self.lost(format!("{stem} — {m}"), svc_ids[s].clone());
                continue;
            }
            a.services.push(svc);
        }
        a
    }

    fn address(&mut self, loc_id: &str, a: &mut DAgency) {
        let mut rows: Vec<Row> = self
            .rows("address")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .cloned()
            .collect();
        if rows.is_empty() {
            return;
        }
        // The visiting address first.
        rows.sort_by_key(|r| g(r, "address_type") != "physical");
        let r = rows.remove(0);
        let stem = self.stem("address");
        if !rows.is_empty() {
            let m = self.pick(
                "додаткові адреси локації",
                "further addresses of a location",
            );
            self.lost_rows(format!("{stem} — {m}"), rows.len());
        }
        let street: Vec<String> = [o(&r, "address_1"), o(&r, "address_2")]
            .into_iter()
            .flatten()
            .collect();
        a.address = Some(street.join(", ")).filter(|s| !s.is_empty());
        a.locality = o(&r, "city");
        let district: Vec<String> = [o(&r, "region"), o(&r, "state_province")]
            .into_iter()
            .flatten()
            .collect();
        a.district = Some(district.join(", ")).filter(|s| !s.is_empty());
        a.postcode = o(&r, "postal_code");
        if let Some(c) = o(&r, "country").filter(|c| !c.eq_ignore_ascii_case("UA")) {
            match &mut a.locality {
                Some(l) => *l = format!("{l} ({c})"),
                None => self.lost(format!("{stem}.country"), g(&r, "id")),
            }
        }
    }
}

/// What breaks in the schedule rows mean.
#[derive(Debug, Clone, Copy)]
enum Break<'a> {
    /// Working hours: a common gap on every open day is the lunch break.
    Find,
    /// A service's rows, split by the agency's lunch break when exported: join them back.
    SplitBy(&'a Lunch),
    /// Reception hours: a gap is a gap.
    Keep,
}

/// The hours text (and lunch break): the exact refdesk text while it agrees with the rows,
/// else one rebuilt from the rows. The third value is true when the exact text was overruled
/// by rows edited elsewhere.
fn choose(
    exact: Option<String>,
    exact_lunch: Option<String>,
    rows: &Week,
    any_rows: bool,
    brk: Break,
) -> (Option<String>, Option<String>, bool) {
    if let Some(text) = &exact {
        let lunch = match (exact_lunch.as_deref().map(hours::parse_lunch), brk) {
            (Some(Ok(l)), _) => Some(l),
            (_, Break::SplitBy(l)) => Some(*l),
            _ => None,
        };
        if let Ok(h) = hours::parse(text)
            && (!any_rows || split_lunch(&h.weekly(), lunch.as_ref()) == *rows)
        {
            return (exact, exact_lunch, false);
        }
    }
    if !any_rows {
        return (exact, exact_lunch, false);
    }
    let overruled = exact.is_some();
    match (brk, detect_lunch(rows)) {
        (Break::Find, Some((l, joined))) => (
            opening_hours_text(&joined),
            Some(format!(
                "{}-{}",
                l.start.strftime("%H:%M"),
                l.end.strftime("%H:%M")
            )),
            overruled,
        ),
        (Break::SplitBy(l), Some((found, joined))) if found == *l => {
            (opening_hours_text(&joined), None, overruled)
        }
        _ => (opening_hours_text(rows), None, overruled),
    }
}

/// Texts joined into one paragraph, with a full stop where a text has none.
fn join_sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?', '…']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `HH:MM` or `HH:MM:SS`, with an optional zone (`Z`, `+02:00`), which is dropped: refdesk's
/// hours are local time. `24:00` and `23:59:59` mean the end of the day.
fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    let s = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let s = match s.get(5..).and_then(|rest| rest.find(['+', '-'])) {
        Some(i) => &s[..5 + i],
        None => s,
    };
    if s == "24:00" || s == "24:00:00" || s == "23:59:59" {
        return Some(END_OF_DAY);
    }
    let mut it = s.split(':');
    let h: i8 = it.next()?.parse().ok()?;
    let m: i8 = it.next()?.parse().ok()?;
    let sec: i8 = match it.next() {
        Some(x) => x.split('.').next()?.parse().ok()?,
        None => 0,
    };
    Time::new(h, m, sec, 0).ok()
}

/// Steps from `application_process`: lines numbered `1. …` `2. …` are separate steps; any
/// other text is one step.
fn steps(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let numbered: Option<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let prefix = format!("{}.", i + 1);
            l.strip_prefix(&prefix)
                .or_else(|| l.strip_prefix(&format!("{})", i + 1)))
                .map(|rest| rest.trim().to_string())
        })
        .collect();
    match numbered {
        Some(v) if v.len() > 1 => v,
        _ => vec![text.to_string()],
    }
}

fn valid_id(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A Latin id from a name: Ukrainian letters transliterated by the official table (Cabinet of
/// Ministers resolution No. 55, 2010), everything else that is not a letter or digit a hyphen.
pub fn slug(name: &str) -> String {
    let key: String = name
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
        .collect();
    let out: String = crate::search::transliterate(&key)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut s = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !s.is_empty() && s.len() + part.len() + 1 > 48 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(part);
    }
    if s.is_empty() {
        "agency".to_string()
    } else {
        s
    }
}

/// A TOML string literal, escaped by the `toml` crate.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn arr(items: &[String]) -> String {
    let v: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", v.join(", "))
}

fn phone_value(p: &DPhone) -> String {
    match &p.note {
        Some(n) => format!("{{ number = {}, note = {} }}", q(&p.number), q(n)),
        None => q(&p.number),
    }
}

fn person_value(p: &DPerson) -> String {
    let mut parts = vec![format!("name = {}", q(&p.name))];
    if let Some(t) = &p.title {
        parts.push(format!("title = {}", q(t)));
    }
    if let Some(ph) = &p.phone {
        parts.push(format!("phone = {}", phone_value(ph)));
    }
    if let Some(r) = &p.room {
        parts.push(format!("room = {}", q(r)));
    }
    if let Some(e) = &p.email {
        parts.push(format!("email = {}", q(e)));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn write_toml(
    agencies: &[DAgency],
    categories: &[(String, String, Option<String>)],
    meta: Option<&serde_json::Value>,
    dir: &Path,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}: {}\n",
        lang.pick(
            "Імпортовано з пакета Open Referral HSDS 3.0 командою `refdesk import hsds`",
            "Imported from an Open Referral HSDS 3.0 package with `refdesk import hsds`"
        ),
        comment(&dir.display().to_string())
    );
    if let Some(m) = meta {
        let name = m.get("name").and_then(|v| v.as_str());
        let demo = m.get("demo").and_then(|v| v.as_bool()).unwrap_or(false);
        let note = m.get("note").and_then(|v| v.as_str());
        if name.is_some() || demo || note.is_some() {
            s.push_str("[directory]\n");
            if let Some(n) = name {
                let _ = writeln!(s, "name = {}", q(n));
            }
            if demo {
                s.push_str("demo = true\n");
            }
            if let Some(n) = note {
                let _ = writeln!(s, "note = {}", q(n));
            }
            s.push('\n');
        }
    }
    for (id, name, en) in categories {
        let _ = writeln!(s, "[[category]]\nid = {}\nname = {}", q(id), q(name));
        if let Some(e) = en {
            let _ = writeln!(s, "name_en = {}", q(e));
        }
        s.push('\n');
    }
    for a in agencies {
        for r in &a.remarks {
            let _ = writeln!(s, "# {}", comment(r));
        }
        s.push_str("[[agency]]\n");
        let mut kv = |k: &str, v: String| {
            let _ = writeln!(s, "{k} = {v}");
        };
        kv("id", q(&a.id));
        kv("name", q(&a.name));
        let strs = |v: &Option<String>| v.as_deref().map(q);
        let fields: [(&str, Option<String>); 4] = [
            ("short_name", strs(&a.short_name)),
            ("name_genitive", strs(&a.name_genitive)),
            ("gender", strs(&a.gender)),
            ("category", Some(q(&a.category))),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                kv(k, v);
            }
        }
        if !a.topics.is_empty() {
            kv("topics", arr(&a.topics));
        }
        if let Some(d) = &a.description {
            kv("description", q(d));
        }
        if a.remote {
            kv("remote", "true".into());
        }
        for (k, v) in [
            ("locality", &a.locality),
            ("district", &a.district),
            ("address", &a.address),
            ("postcode", &a.postcode),
            ("address_note", &a.address_note),
            ("accessibility", &a.accessibility),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
        if let Some((la, lo)) = a.coordinates {
            kv("coordinates", format!("[{la:?}, {lo:?}]"));
        }
        if !a.phones.is_empty() {
            let v: Vec<String> = a.phones.iter().map(phone_value).collect();
            kv("phones", format!("[{}]", v.join(", ")));
        }
        for (k, v) in [
            ("email", &a.email),
            ("website", &a.website),
            ("hours", &a.hours),
            ("lunch", &a.lunch),
            ("reception", &a.reception),
            ("hours_note", &a.hours_note),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
        if let Some(h) = &a.head {
            kv("head", person_value(h));
        }
        if !a.contacts.is_empty() {
            let v: Vec<String> = a.contacts.iter().map(person_value).collect();
            kv("contacts", format!("[{}]", v.join(", ")));
        }
        if let Some(d) = a.verified {
            kv("verified", d.to_string());
        }
        for (k, v) in [
            ("verified_by", &a.verified_by),
            ("status", &a.status),
            ("alert", &a.alert),
            ("notes", &a.notes),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
        for svc in &a.services {
            s.push_str("\n[[agency.service]]\n");
            let mut kv = |k: &str, v: String| {
                let _ = writeln!(s, "{k} = {v}");
            };
            kv("name", q(&svc.name));
            if let Some(d) = &svc.description {
                kv("description", q(d));
            }
            if !svc.topics.is_empty() {
                kv("topics", arr(&svc.topics));
            }
            for (k, v) in [("appointment", &svc.appointment), ("booking", &svc.booking)] {
                if let Some(v) = v {
                    kv(k, q(v));
                }
            }
            if !svc.documents.is_empty() {
                kv("documents", arr(&svc.documents));
            }
            if !svc.steps.is_empty() {
                kv("steps", arr(&svc.steps));
            }
            for (k, v) in [
                ("eligibility", &svc.eligibility),
                ("fee", &svc.fee),
                ("duration", &svc.duration),
                ("online", &svc.online),
            ] {
                if let Some(v) = v {
                    kv(k, q(v));
                }
            }
            if !svc.contacts.is_empty() {
                let v: Vec<String> = svc.contacts.iter().map(person_value).collect();
                kv("contacts", format!("[{}]", v.join(", ")));
            }
            if let Some(h) = &svc.hours {
                kv("hours", q(h));
            }
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn a_common_gap_is_lunch_in_working_hours_but_not_in_reception_hours() {
        let t = |h, m| time(h, m, 0, 0);
        let mut w: Week = Default::default();
        w[1] = vec![(t(9, 0), t(12, 0)), (t(13, 0), t(16, 0))];
        w[3] = w[1].clone();
        let (h, l, _) = choose(None, None, &w, true, Break::Find);
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-16:00"));
        assert_eq!(l.as_deref(), Some("12:00-13:00"));
        let (h, l, _) = choose(None, None, &w, true, Break::Keep);
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-12:00,13:00-16:00"));
        assert_eq!(l, None);
        let lunch = Lunch {
            start: t(12, 0),
            end: t(13, 0),
        };
        let (h, _, _) = choose(None, None, &w, true, Break::SplitBy(&lunch));
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-16:00"), "joined back");
    }

    #[test]
    fn exact_text_is_kept_while_it_agrees_with_the_rows() {
        let t = |h, m| time(h, m, 0, 0);
        let mut w: Week = Default::default();
        for d in w.iter_mut().take(5) {
            *d = vec![(t(9, 0), t(13, 0)), (t(13, 45), t(18, 0))];
        }
        let exact = Some("Пн-Пт 09:00-18:00".to_string());
        let lunch = Some("13:00-13:45".to_string());
        let (h, l, overruled) = choose(exact.clone(), lunch.clone(), &w, true, Break::Find);
        assert_eq!((h, l, overruled), (exact.clone(), lunch.clone(), false));
        w[4] = vec![(t(9, 0), t(13, 0)), (t(13, 45), t(17, 0))];
        let (h, l, overruled) = choose(exact, lunch.clone(), &w, true, Break::Find);
        assert_eq!(h.as_deref(), Some("Mo-Th 09:00-18:00; Fr 09:00-17:00"));
        assert_eq!(l, lunch);
        assert!(overruled);
    }

    #[test]
    fn quoted_numbers_lose_their_quotes_quoted_text_keeps_them() {
        assert_eq!(clean(" \"+44 1234 234567\" "), "+44 1234 234567");
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("\""), "\"");
        // Quotes that belong to the text are kept.
        assert_eq!(clean("\"Юрист поруч\""), "\"Юрист поруч\"");
        assert_eq!(clean("\"за домовленістю\""), "\"за домовленістю\"");
    }

    #[test]
    fn times_with_and_without_zones() {
        assert_eq!(parse_time("10:00:00"), Some(time(10, 0, 0, 0)));
        assert_eq!(parse_time("09:30"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30Z"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30-05:00"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30:00+02:00"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("24:00"), Some(END_OF_DAY));
        assert_eq!(parse_time("23:59:59"), Some(END_OF_DAY));
        assert_eq!(parse_time("soon"), None);
    }

    #[test]
    fn numbered_lines_are_steps_and_prose_is_one_step() {
        assert_eq!(
            steps("1. подати заяву\n2. отримати"),
            ["подати заяву", "отримати"]
        );
        assert_eq!(steps("Ring our reception."), ["Ring our reception."]);
        assert_eq!(steps("1. one\n3. three"), ["1. one\n3. three"]);
        assert!(steps("").is_empty());
    }

    #[test]
    fn slug_transliterates_ukrainian_names() {
        assert_eq!(
            slug("Центр надання адміністративних послуг"),
            "tsentr-nadannia-administratyvnykh-posluh"
        );
        assert_eq!(slug("Єдине вікно"), "yedyne-vikno");
        assert_eq!(
            slug("Example Organization Inc."),
            "example-organization-inc"
        );
        assert_eq!(slug("!!!"), "agency");
        assert!(slug(&"дуже довга назва ".repeat(10)).len() <= 48);
    }

    #[test]
    fn toml_strings_are_escaped() {
        let v: toml::Value = toml::from_str(&format!("x = {}", q("a \"b\"\nc\\d"))).unwrap();
        assert_eq!(v["x"].as_str(), Some("a \"b\"\nc\\d"));
    }
}

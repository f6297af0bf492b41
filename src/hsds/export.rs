//! Directory → HSDS 3.0 tabular data package.
//!
//! Identifiers are name-based UUIDs (version 5) of the agency id and the row's place in it, so
//! exporting the same directory twice gives the same files and a diff shows only what changed.

use super::*;
use crate::directory::{Agency, Directory, Person, PhoneEntry, Serves, Service, Status};
use crate::hours::{Hours, Lunch};
use serde_json::json;
use std::path::Path;

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub agencies: usize,
    pub services: usize,
    pub files: Vec<&'static str>,
}

/// One table's rows, cells in the table's column order.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub table: &'static Table,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    fn new(table: &'static Table) -> Sheet {
        Sheet {
            table,
            rows: Vec::new(),
        }
    }

    /// Adds a row from (column, value) pairs; unnamed columns stay empty.
    fn push(&mut self, cells: &[(&str, String)]) {
        let mut row = vec![String::new(); self.table.cols.len()];
        for (k, v) in cells {
            match self.table.cols.iter().position(|c| c.name == *k) {
                Some(i) => row[i] = v.clone(),
                None => debug_assert!(false, "{} has no column {k}", self.table.file),
            }
        }
        self.rows.push(row);
    }

    /// The value of `col` in row `i` (for tests and inspection).
    pub fn get(&self, i: usize, col: &str) -> Option<&str> {
        let c = self.table.cols.iter().position(|c| c.name == col)?;
        self.rows.get(i).map(|r| r[c].as_str())
    }
}

/// All tables of a package, in memory.
#[derive(Debug, Clone)]
pub struct Package {
    pub sheets: Vec<Sheet>,
    pub descriptor: serde_json::Value,
}

impl Package {
    pub fn sheet(&self, resource: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.table.resource == resource)
    }
}

fn uid(name: &str) -> String {
    let ns = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:refdesk:hsds");
    uuid::Uuid::new_v5(&ns, name.as_bytes()).to_string()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// `refdesk_serves`: the format's word, or the localities separated by "; ".
fn serves_cell(s: Option<&Serves>) -> String {
    match s {
        None => String::new(),
        Some(Serves::Localities(l)) => l.join(SERVES_SEPARATOR),
        Some(s) => s.code().unwrap_or_default().to_string(),
    }
}

fn time_cell(t: Time) -> String {
    // 24:00 is not a valid Table Schema time; the last second of the day stands for midnight.
    t.strftime("%H:%M:%S").to_string()
}

/// HSDS `service.status` for an agency's status (HSDS has no status for a location).
fn service_status(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::TemporarilyClosed => "temporarily closed",
        Status::Closed => "defunct",
    }
}

/// Weekly rows for a week: one row per distinct interval, listing the days that have it.
pub fn week_rows(week: &Week) -> Vec<(String, Time, Time)> {
    let mut intervals: Vec<(Time, Time)> = week.iter().flatten().copied().collect();
    intervals.sort();
    intervals.dedup();
    intervals
        .into_iter()
        .map(|iv| {
            let days: Vec<&str> = (0..7)
                .filter(|&d| week[d].contains(&iv))
                .map(|d| DAYS[d])
                .collect();
            (days.join(","), iv.0, iv.1)
        })
        .collect()
}

struct Builder<'d> {
    dir: &'d Directory,
    org: Sheet,
    svc: Sheet,
    attr: Sheet,
    sal: Sheet,
    loc: Sheet,
    phone: Sheet,
    contact: Sheet,
    addr: Sheet,
    sched: Sheet,
    doc: Sheet,
    access: Sheet,
    term: Sheet,
    tax: Sheet,
}

const TOPIC_TERM: &str = "taxonomy_term/topic";

impl<'d> Builder<'d> {
    fn new(dir: &'d Directory) -> Self {
        Builder {
            dir,
            org: Sheet::new(&ORGANIZATION),
            svc: Sheet::new(&SERVICE),
            attr: Sheet::new(&ATTRIBUTE),
            sal: Sheet::new(&SERVICE_AT_LOCATION),
            loc: Sheet::new(&LOCATION),
            phone: Sheet::new(&PHONE),
            contact: Sheet::new(&CONTACT),
            addr: Sheet::new(&ADDRESS),
            sched: Sheet::new(&SCHEDULE),
            doc: Sheet::new(&REQUIRED_DOCUMENT),
            access: Sheet::new(&ACCESSIBILITY),
            term: Sheet::new(&TAXONOMY_TERM),
            tax: Sheet::new(&TAXONOMY),
        }
    }

    fn taxonomies(&mut self) {
        let cat_tax = uid("taxonomy/category");
        let topic_tax = uid("taxonomy/topic");
        self.tax.push(&[
            ("id", cat_tax.clone()),
            ("name", TAXONOMY_CATEGORY.into()),
            (
                "description",
                "refdesk categories of agencies (code = category id)".into(),
            ),
        ]);
        self.tax.push(&[
            ("id", topic_tax.clone()),
            ("name", TAXONOMY_TOPIC.into()),
            (
                "description",
                "refdesk search topics: each attribute's value is one topic word".into(),
            ),
        ]);
        // Every category in use, and every one declared with [[category]] (those that differ
        // from the built-in list), so that the import can declare them again.
        for c in &self.dir.categories {
            let builtin = BUILTIN_CATEGORY_SET.iter().any(|(id, uk, en)| {
                *id == c.id && *uk == c.name && Some(*en) == c.name_en.as_deref()
            });
            let used = self.dir.agencies.iter().any(|a| a.category == c.id);
            if builtin && !used {
                continue;
            }
            self.term.push(&[
                ("id", uid(&format!("taxonomy_term/category/{}", c.id))),
                ("code", c.id.clone()),
                ("name", c.name.clone()),
                (
                    "description",
                    c.name_en.clone().unwrap_or_else(|| c.name.clone()),
                ),
                ("taxonomy", TAXONOMY_CATEGORY.into()),
                ("language", "uk".into()),
                ("taxonomy_id", cat_tax.clone()),
            ]);
        }
        self.term.push(&[
            ("id", uid(TOPIC_TERM)),
            ("code", "topic".into()),
            ("name", "тема".into()),
            (
                "description",
                "a word people use for what is handled here".into(),
            ),
            ("taxonomy", TAXONOMY_TOPIC.into()),
            ("language", "uk".into()),
            ("taxonomy_id", topic_tax),
        ]);
    }

    fn classify(
        &mut self,
        key: &str,
        link_id: &str,
        entity: &str,
        category: &str,
        topics: &[String],
    ) {
        self.attr.push(&[
            ("id", uid(&format!("{key}/attribute/category"))),
            ("link_id", link_id.into()),
            (
                "taxonomy_term_id",
                uid(&format!("taxonomy_term/category/{category}")),
            ),
            ("link_type", "category".into()),
            ("link_entity", entity.into()),
        ]);
        for (k, t) in topics.iter().enumerate() {
            self.attr.push(&[
                ("id", uid(&format!("{key}/attribute/topic/{k}"))),
                ("link_id", link_id.into()),
                ("taxonomy_term_id", uid(TOPIC_TERM)),
                ("link_type", "topic".into()),
                ("link_entity", entity.into()),
                ("value", t.clone()),
            ]);
        }
    }

    fn phone_row(&mut self, key: &str, p: &PhoneEntry, links: &[(&str, String)]) {
        let mut cells = vec![
            ("id", uid(key)),
            ("number", p.raw.clone()),
            ("type", "voice".to_string()),
            ("description", opt(&p.note)),
        ];
        cells.extend(links.iter().cloned());
        self.phone.push(&cells);
    }

    fn person(&mut self, key: &str, p: &Person, role: &str, links: &[(&str, String)]) {
        let id = uid(key);
        let mut cells = vec![
            ("id", id.clone()),
            ("name", p.name.clone()),
            ("title", opt(&p.title)),
            ("email", opt(&p.email)),
            ("refdesk_role", role.to_string()),
            ("refdesk_room", opt(&p.room)),
        ];
        cells.extend(links.iter().cloned());
        self.contact.push(&cells);
        if let Some(ph) = &p.phone {
            self.phone_row(&format!("{key}/phone"), ph, &[("contact_id", id)]);
        }
    }

    /// Schedule rows for `hours` (with `lunch` cut out). Hours that are not the same every week
    /// (months, nth weekdays, comments) get no weekly rows, which would be false most weeks,
    /// but their text as written in `notes`, so other tools show the truth.
    fn schedule(
        &mut self,
        key: &str,
        hours: &Hours,
        lunch: Option<&Lunch>,
        description: &str,
        notes: Option<&str>,
        links: &[(&str, String)],
    ) {
        let (rows, notes) = if hours.is_weekly() {
            (
                week_rows(&split_lunch(&hours.weekly(), lunch)),
                notes.map(str::to_string),
            )
        } else {
            let text = irregular_note(hours, lunch);
            let text = match notes {
                Some(n) => format!("{text}. {n}"),
                None => text,
            };
            (Vec::new(), Some(text))
        };
        let notes = notes.as_deref();
        if rows.is_empty() && notes.is_none() {
            return;
        }
        let base = |id: String| {
            let mut cells = vec![
                ("id", id),
                ("description", description.to_string()),
                ("notes", notes.unwrap_or_default().to_string()),
            ];
            cells.extend(links.iter().cloned());
            cells
        };
        if rows.is_empty() {
            // Nothing weekly to say (e.g. hours only on given dates), but the note must travel.
            self.sched.push(&base(uid(&format!("{key}/0"))));
        }
        for (k, (byday, opens, closes)) in rows.into_iter().enumerate() {
            let mut cells = base(uid(&format!("{key}/{k}")));
            cells.extend([
                ("freq", "WEEKLY".to_string()),
                ("wkst", "MO".to_string()),
                ("interval", "1".to_string()),
                ("byday", byday),
                ("opens_at", time_cell(opens)),
                ("closes_at", time_cell(closes)),
            ]);
            self.sched.push(&cells);
        }
    }

    /// One agency's rows in every table, in the order the tables are filled.
    fn agency(&mut self, a: &Agency) {
        let k = &a.id;
        let org_id = uid(&format!("{k}/organization"));
        let loc_id = uid(&format!("{k}/location"));
        self.organization(a, &org_id);
        self.location(a, &org_id, &loc_id);
        self.agency_people_and_hours(a, &org_id, &loc_id);
        let lunch = a.lunch.as_ref().map(|l| &l.parsed);
        for (j, s) in a.services.iter().enumerate() {
            self.service(a, j, s, (&org_id, &loc_id), lunch);
        }
    }

    fn organization(&mut self, a: &Agency, org_id: &str) {
        self.org.push(&[
            ("id", org_id.to_owned()),
            ("name", a.name.clone()),
            ("alternate_name", opt(&a.short_name)),
            // Required by HSDS: the name stands in where there is no description (the import
            // drops it again).
            (
                "description",
                a.description.clone().unwrap_or_else(|| a.name.clone()),
            ),
            ("email", opt(&a.email)),
            ("website", opt(&a.website)),
            ("refdesk_name_genitive", opt(&a.name_genitive)),
            (
                "refdesk_gender",
                a.gender.map(|g| g.code().to_string()).unwrap_or_default(),
            ),
        ]);
    }

    /// The location row, its address and its accessibility.
    fn location(&mut self, a: &Agency, org_id: &str, loc_id: &str) {
        let k = &a.id;
        let (lat, lon) = match a.coordinates {
            Some((la, lo)) => (la.to_string(), lo.to_string()),
            None => Default::default(),
        };
        self.loc.push(&[
            ("id", loc_id.to_owned()),
            (
                "location_type",
                if a.remote { "virtual" } else { "physical" }.into(),
            ),
            ("organization_id", org_id.to_owned()),
            ("name", a.name.clone()),
            ("transportation", opt(&a.address_note)),
            ("latitude", lat),
            ("longitude", lon),
            ("external_identifier", a.id.clone()),
            ("external_identifier_type", ID_SCHEME.into()),
            ("refdesk_hours", a.hours.raw.clone()),
            (
                "refdesk_lunch",
                a.lunch.as_ref().map(|l| l.raw.clone()).unwrap_or_default(),
            ),
            (
                "refdesk_reception",
                a.reception
                    .as_ref()
                    .map(|r| r.raw.clone())
                    .unwrap_or_default(),
            ),
            ("refdesk_verified", a.verified.to_string()),
            ("refdesk_verified_by", opt(&a.verified_by)),
            ("refdesk_status", a.status.code().into()),
            ("refdesk_successor", opt(&a.successor)),
            ("refdesk_alert", opt(&a.alert)),
            ("refdesk_serves", serves_cell(a.serves.as_ref())),
            ("refdesk_notes", opt(&a.notes)),
        ]);
        if a.address.is_some()
            || a.locality.is_some()
            || a.postcode.is_some()
            || a.district.is_some()
            || a.province.is_some()
        {
            self.addr.push(&[
                ("id", uid(&format!("{k}/address"))),
                ("location_id", loc_id.to_owned()),
                ("address_1", opt(&a.address)),
                ("city", opt(&a.locality)),
                ("region", opt(&a.district)),
                ("state_province", opt(&a.province)),
                ("postal_code", opt(&a.postcode)),
                ("country", a.country.clone().unwrap_or_else(|| "UA".into())),
                (
                    "address_type",
                    if a.remote { "postal" } else { "physical" }.into(),
                ),
            ]);
        }
        if let Some(acc) = &a.accessibility {
            self.access.push(&[
                ("id", uid(&format!("{k}/accessibility"))),
                ("location_id", loc_id.to_owned()),
                ("description", acc.clone()),
            ]);
        }
    }

    /// The agency's phones, people, hours and classification.
    fn agency_people_and_hours(&mut self, a: &Agency, org_id: &str, loc_id: &str) {
        let k = &a.id;
        let at_agency = [
            ("organization_id", org_id.to_owned()),
            ("location_id", loc_id.to_owned()),
        ];
        for (n, p) in a.phones.iter().enumerate() {
            self.phone_row(&format!("{k}/phone/{n}"), p, &at_agency);
        }
        if let Some(h) = &a.head {
            self.person(&format!("{k}/head"), h, "head", &at_agency);
        }
        for (n, p) in a.contacts.iter().enumerate() {
            self.person(&format!("{k}/contact/{n}"), p, "contact", &at_agency);
        }
        let lunch = a.lunch.as_ref().map(|l| &l.parsed);
        let at_location = [("location_id", loc_id.to_owned())];
        self.schedule(
            &format!("{k}/hours"),
            &a.hours.parsed,
            lunch,
            SCHEDULE_HOURS,
            a.hours_note.as_deref(),
            &at_location,
        );
        if let Some(r) = &a.reception {
            self.schedule(
                &format!("{k}/reception"),
                &r.parsed,
                None,
                SCHEDULE_RECEPTION,
                None,
                &at_location,
            );
        }
        self.classify(k, loc_id, "location", &a.category, &a.topics);
    }

    /// One service's rows: the service, where it is given, its documents, people and hours.
    fn service(
        &mut self,
        a: &Agency,
        j: usize,
        s: &Service,
        (org_id, loc_id): (&str, &str),
        lunch: Option<&Lunch>,
    ) {
        let sk = format!("{}/service/{j}", a.id);
        let svc_id = uid(&sk);
        let sal_id = uid(&format!("{sk}/at"));
        let steps = match s.steps.as_slice() {
            [one] => one.clone(),
            many => many
                .iter()
                .enumerate()
                .map(|(i, st)| format!("{}. {st}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        self.svc.push(&[
            ("id", svc_id.clone()),
            ("organization_id", org_id.to_owned()),
            ("name", s.name.clone()),
            ("description", opt(&s.description)),
            ("status", service_status(a.status).into()),
            ("application_process", steps),
            ("fees_description", opt(&s.fee)),
            ("wait_time", opt(&s.duration)),
            ("eligibility_description", opt(&s.eligibility)),
            ("assured_date", a.verified.to_string()),
            ("alert", opt(&a.alert)),
            (
                "refdesk_appointment",
                s.appointment
                    .map(|x| x.code().to_string())
                    .unwrap_or_default(),
            ),
            ("refdesk_booking", opt(&s.booking)),
            ("refdesk_online", opt(&s.online)),
            (
                "refdesk_hours",
                s.hours.as_ref().map(|h| h.raw.clone()).unwrap_or_default(),
            ),
        ]);
        self.sal.push(&[
            ("id", sal_id.clone()),
            ("service_id", svc_id.clone()),
            ("location_id", loc_id.to_owned()),
        ]);
        for (n, d) in s.documents.iter().enumerate() {
            self.doc.push(&[
                ("id", uid(&format!("{sk}/document/{n}"))),
                ("service_id", svc_id.clone()),
                ("document", d.clone()),
            ]);
        }
        for (n, p) in s.contacts.iter().enumerate() {
            self.person(
                &format!("{sk}/contact/{n}"),
                p,
                "contact",
                &[("service_id", svc_id.clone())],
            );
        }
        if let Some(h) = &s.hours {
            self.schedule(
                &format!("{sk}/hours"),
                &h.parsed,
                lunch,
                SCHEDULE_SERVICE,
                None,
                &[
                    ("service_id", svc_id.clone()),
                    ("service_at_location_id", sal_id.clone()),
                ],
            );
        }
        self.classify(&sk, &svc_id, "service", &a.category, &s.topics);
    }

    fn finish(self) -> Vec<Sheet> {
        let mut by_resource = vec![
            self.org,
            self.svc,
            self.attr,
            self.sal,
            self.loc,
            self.phone,
            self.contact,
            self.addr,
            self.sched,
            self.doc,
            self.access,
            self.term,
            self.tax,
        ];
        // Keep the order of TABLES.
        by_resource.sort_by_key(|s| TABLES.iter().position(|t| t.resource == s.table.resource));
        by_resource
    }
}

const BUILTIN_CATEGORY_SET: &[(&str, &str, &str)] = crate::directory::BUILTIN_CATEGORIES;

fn schema(t: &Table) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = t
        .cols
        .iter()
        .map(|c| {
            let (ty, format) = c.ty.schema();
            let mut f = json!({
                "name": c.name,
                "type": ty,
                "constraints": {"required": c.required},
            });
            if let Some(fm) = format {
                f["format"] = fm.into();
            }
            if let Some(what) = c.ext {
                f["description"] = what.into();
            }
            f
        })
        .collect();
    let fks: Vec<serde_json::Value> = t
        .refs
        .iter()
        .map(|(col, res)| json!({"fields": col, "reference": {"resource": res, "fields": "id"}}))
        .collect();
    json!({"fields": fields, "primaryKey": "id", "foreignKeys": fks})
}

/// `datapackage.json`: a Frictionless tabular data package declaring every column, with
/// refdesk's own properties under `refdesk`.
fn descriptor(dir: &Directory, created: jiff::civil::DateTime) -> serde_json::Value {
    let resources: Vec<serde_json::Value> = TABLES
        .iter()
        .map(|t| {
            json!({
                "name": t.resource,
                "path": t.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(t),
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "refdesk-directory",
        "title": dir.meta.name.clone().unwrap_or_else(|| "refdesk directory".into()),
        "description": "Open Referral HSDS 3.0 tabular data package written by refdesk",
        "homepage": "https://docs.openreferral.org",
        "created": created.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        "hsds_version": "3.0",
        "refdesk": {
            "format": "refdesk directory v1",
            "name": dir.meta.name,
            "demo": dir.meta.demo,
            "note": dir.meta.note,
            "province": dir.meta.province,
        },
        "resources": resources,
    })
}

/// The whole package in memory.
pub fn build(dir: &Directory, created: jiff::civil::DateTime) -> Package {
    let mut b = Builder::new(dir);
    b.taxonomies();
    for a in &dir.agencies {
        b.agency(a);
    }
    Package {
        sheets: b.finish(),
        descriptor: descriptor(dir, created),
    }
}

/// Writes the package into the folder `out` (created if needed; the package's own files are
/// replaced, anything else in it is left alone).
pub fn export(
    dir: &Directory,
    out: &Path,
    created: jiff::civil::DateTime,
) -> Result<ExportSummary, HsdsError> {
    let io = |path: &Path, source| HsdsError::Io {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let pkg = build(dir, created);
    let mut files = vec!["datapackage.json"];
    for s in &pkg.sheets {
        let path = out.join(s.table.file);
        let csv_err = |source| HsdsError::Csv {
            path: path.clone(),
            source,
        };
        let mut w = csv::Writer::from_path(&path).map_err(csv_err)?;
        w.write_record(s.table.cols.iter().map(|c| c.name))
            .map_err(csv_err)?;
        for r in &s.rows {
            w.write_record(r).map_err(csv_err)?;
        }
        w.flush().map_err(|e| io(&path, e))?;
        files.push(s.table.file);
    }
    let dp = out.join("datapackage.json");
    let text = serde_json::to_string_pretty(&pkg.descriptor).map_err(|source| HsdsError::Json {
        path: dp.clone(),
        source,
    })?;
    std::fs::write(&dp, text + "\n").map_err(|e| io(&dp, e))?;
    let services = pkg.sheet("service").map_or(0, |s| s.rows.len());
    Ok(ExportSummary {
        agencies: dir.agencies.len(),
        services,
        files,
    })
}

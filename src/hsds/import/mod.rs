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
use std::path::Path;

mod draft;
mod map;
mod read;
mod schedule;
mod write;

use draft::*;
use read::*;
use schedule::*;
use write::*;

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
}

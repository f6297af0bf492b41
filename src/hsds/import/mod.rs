//! HSDS 3.0 tabular data package → a directory file in format v1.
//!
//! Reads packages written by [`super::export`] without loss, and packages written by other
//! tools the way the specification's own example is laid out: any subset of the tables, extra
//! quotes around values (`"+44 1234 234567"`), times without a zone, references that point
//! nowhere. Every value that has no place in format v1 is counted and reported by
//! `table.column`, and every guess (a category, a verification date) is reported and written as
//! a comment above the entry, so nothing is lost silently.

use super::*;
use crate::directory::{Appointment, BUILTIN_CATEGORIES, Gender, Status, country_code};
use crate::i18n::Lang;
use crate::{hours, phone};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub(crate) mod draft;
mod map;
mod read;
mod schedule;
mod services;
mod taxonomy;
pub(crate) mod write;

use draft::*;
use map::*;
use read::*;
use schedule::*;
use taxonomy::*;
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
    idx: Index,
    /// What could not be carried over → the rows it was in.
    unmapped: BTreeMap<String, HashSet<String>>,
    notes: Vec<String>,
    used_attributes: HashSet<usize>,
    used_phones: HashSet<usize>,
    used_contacts: HashSet<usize>,
    used_schedules: HashSet<usize>,
}

/// Reads the package in `dir`. `today` dates entries that carry no verification date.
/// Only files inside `dir` are read, whatever `datapackage.json` names.
pub fn import(dir: &Path, today: Date, lang: Lang) -> Result<Imported, HsdsError> {
    let mut imp = Imp {
        lang,
        today,
        tabs: HashMap::new(),
        idx: Index::default(),
        unmapped: BTreeMap::new(),
        notes: Vec::new(),
        used_attributes: HashSet::new(),
        used_phones: HashSet::new(),
        used_contacts: HashSet::new(),
        used_schedules: HashSet::new(),
    };
    let folder = Folder::new(dir);
    let descriptor = read_descriptor(&folder, &mut imp)?;
    let named = descriptor_paths(descriptor.as_ref());
    let (broken, claimed) = imp.read_tables(&folder, &named)?;
    if !["organization", "location", "service"]
        .iter()
        .any(|r| imp.tabs.contains_key(r))
    {
        let dir = dir.to_path_buf();
        return Err(match (&descriptor, broken.is_empty()) {
            (None, _) => HsdsError::NotAPackage(dir),
            (Some(_), true) => HsdsError::NoTables(dir),
            (Some(_), false) => HsdsError::MissingFiles { dir, paths: broken },
        });
    }
    imp.idx = Index::build(&imp.tabs);
    imp.report_other_tables(&folder, &named, &claimed)?;
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

    /// The row of `res` whose `id` is `id` (the first, if several are).
    fn find(&self, res: &'static str, id: &str) -> Option<usize> {
        self.idx.rows(res, "id", id).first().copied()
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
        let mut offered: HashSet<(usize, usize)> = HashSet::new();
        let sal_stem = self.stem("service_at_location");
        for i in 0..self.rows("service_at_location").len() {
            let r = &self.rows("service_at_location")[i];
            let (svc_id, loc_id) = (g(r, "service_id"), g(r, "location_id"));
            match (self.find("service", svc_id), self.find("location", loc_id)) {
                (Some(s), Some(l)) => {
                    if offered.insert((l, s)) {
                        slots[l].services.push(s);
                    }
                    placed.insert(s);
                }
                _ => {
                    let row = format!("{svc_id}>{loc_id}");
                    let m = self.pick(
                        "рядки з посиланням на відсутню послугу чи локацію",
                        "rows pointing to a missing service or location",
                    );
                    self.lost(format!("{sal_stem} — {m}"), row);
                }
            }
        }
        for (l, slot) in slots.iter_mut().enumerate() {
            slot.org = self.org_of_location(l, &slot.services, n_org);
        }
        // Services offered at no location: with their organization's first agency, else as a
        // remote agency of that organization.
        let mut first_of_org: HashMap<usize, usize> = HashMap::new();
        for (i, sl) in slots.iter().enumerate() {
            if let Some(o) = sl.org {
                first_of_org.entry(o).or_insert(i);
            }
        }
        for s in 0..self.rows("service").len() {
            if placed.contains(&s) {
                continue;
            }
            let org_ref = g(&self.rows("service")[s], "organization_id");
            let org = self
                .find("organization", org_ref)
                .or((n_org == 1).then_some(0));
            match org.and_then(|o| first_of_org.get(&o)) {
                Some(&i) => slots[i].services.push(s),
                None => {
                    if let Some(o) = org {
                        first_of_org.insert(o, slots.len());
                    }
                    slots.push(Slot {
                        org,
                        loc: None,
                        services: vec![s],
                    });
                }
            }
        }
        for org in 0..n_org {
            if !first_of_org.contains_key(&org) {
                slots.push(Slot {
                    org: Some(org),
                    loc: None,
                    services: Vec::new(),
                });
            }
        }
        slots
    }

    /// The organization of location `l`: the one it names, else the one whose services it
    /// offers, else the package's only one.
    fn org_of_location(&mut self, l: usize, services: &[usize], n_org: usize) -> Option<usize> {
        let org_ref = g(&self.rows("location")[l], "organization_id").to_string();
        if let Some(o) = self.find("organization", &org_ref) {
            return Some(o);
        }
        let by_service: HashSet<usize> = services
            .iter()
            .filter_map(|&s| {
                self.find(
                    "organization",
                    g(&self.rows("service")[s], "organization_id"),
                )
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

    fn build(mut self, meta: Option<serde_json::Value>, dir: &Path) -> Imported {
        let terms = self.terms();
        let slots = self.slots();
        let loc_has = |c: &str| self.tab("location").is_some_and(|t| t.has(c));
        let has = LocColumns {
            status: loc_has("refdesk_status"),
            alert: loc_has("refdesk_alert"),
        };
        let mut agencies: Vec<DAgency> = Vec::new();
        let mut ids = Ids::default();
        let mut sites: HashMap<usize, usize> = HashMap::new();
        for sl in slots.iter().filter(|s| s.loc.is_some()) {
            if let Some(o) = sl.org {
                *sites.entry(o).or_default() += 1;
            }
        }
        for slot in &slots {
            let shared_org = slot
                .org
                .is_some_and(|o| sites.get(&o).is_some_and(|&n| n > 1));
            let a = self.agency(slot, &terms, has, shared_org, &mut ids);
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

    /// Rows of the linking tables that went to no agency: those whose links are all empty
    /// (an empty id joins nothing), and those whose links point elsewhere.
    fn report_unused(&mut self) {
        let (unlinked, empty) = match self.lang {
            Lang::Uk => (
                "рядки без зв'язку з установою чи послугою",
                "рядки, у яких усі посилання порожні",
            ),
            Lang::En => (
                "rows linked to no agency or service",
                "rows whose links are all empty",
            ),
        };
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
            let links: &[&str] = KEYS
                .iter()
                .find(|(r, _)| *r == res)
                .map_or(&[], |(_, cols)| *cols);
            let (mut blank, mut elsewhere) = (0, 0);
            for (i, r) in t.rows.iter().enumerate() {
                if used.contains(&i) {
                    continue;
                }
                if links
                    .iter()
                    .filter(|c| **c != "id")
                    .all(|c| g(r, c).is_empty())
                {
                    blank += 1;
                } else {
                    elsewhere += 1;
                }
            }
            for (n, what) in [(blank, empty), (elsewhere, unlinked)] {
                if n > 0 {
                    found.push((format!("{} — {what}", t.stem), n));
                }
            }
        }
        for (what, n) in found {
            self.lost_rows(what, n);
        }
    }
}

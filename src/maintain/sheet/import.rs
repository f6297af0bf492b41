//! Reading a spreadsheet into a directory file: refdesk's own workbook, or the one-sheet list
//! an office keeps (name, address, phones, hours, head, contact, notes), with the columns
//! recognised by their headers ([`super::column_for`]) and the mapping shown to the maintainer.
//!
//! Nothing is dropped silently: a column that is not used, a cell that cannot be read as its
//! field and a row that cannot become an entry are each reported at `FILE.xlsx:Аркуш!C12`. A
//! value that does not check (hours, a phone) is written as it is, so that `validate` points
//! at it in the file; a value that has no place (an unknown category) is kept in a comment
//! above the entry.

use super::{Column, NOTE_SEP, PART_SEP, SERVICES_SHEET, Sheet, column_for, column_letters};
use crate::directory::BUILTIN_CATEGORIES;
use crate::hsds::import::draft::{DAgency, DPerson, DPhone, DService};
use crate::i18n::Lang;
use jiff::civil::Date;
use std::collections::HashSet;
use std::path::Path;

mod read;
mod rows;

use read::{Table, read_tables};
use rows::{agency_row, service_row};

/// How one column of one sheet was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// «Установи!C» or «C» for a CSV file.
    pub column: String,
    pub header: String,
    /// The field it went to, or `None`: not used (and reported).
    pub field: Option<&'static str>,
}

/// What the import made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub toml: String,
    pub agencies: usize,
    pub services: usize,
    pub mapping: Vec<Mapping>,
    /// `FILE.xlsx:Аркуш!C12: …` for every cell, column or row that could not be used as it is.
    pub problems: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{0}")]
    Read(String),
}

struct Ctx<'a> {
    file: String,
    lang: Lang,
    today: Date,
    problems: Vec<String>,
    mapping: Vec<Mapping>,
    table: Option<&'a Table>,
}

impl Ctx<'_> {
    /// `FILE:Аркуш!C12` for a cell at row `r` and column `c` of the current table.
    fn at(&self, r: usize, c: usize) -> String {
        let t = self.table.expect("a table is being read");
        let cell = format!(
            "{}{}",
            column_letters(t.origin.1 as usize + c),
            t.origin.0 as usize + r + 1
        );
        match &t.name {
            Some(n) => format!("{}:{n}!{cell}", self.file),
            None => format!("{}:{cell}", self.file),
        }
    }
    /// «з таблиці: Лист1, рядок 12» (a CSV file has no sheet).
    fn row_words(&self, r: usize) -> String {
        let t = self.table.expect("a table is being read");
        let row = t.origin.0 as usize + r + 1;
        match (&t.name, self.lang) {
            (Some(n), Lang::Uk) => format!("з таблиці: {n}, рядок {row}"),
            (Some(n), Lang::En) => format!("from the sheet: {n}, row {row}"),
            (None, Lang::Uk) => format!("з таблиці: рядок {row}"),
            (None, Lang::En) => format!("from the sheet: row {row}"),
        }
    }
    fn problem(&mut self, r: usize, c: usize, uk: String, en: String) {
        let at = self.at(r, c);
        self.problems
            .push(format!("{at}: {}", self.lang.pick(&uk, &en)));
    }
}

/// Reads `path` (.xlsx, .xlsm, .xls, .ods or .csv). `today` dates entries the sheet gives no
/// verification date.
pub fn import(path: &Path, today: Date, lang: Lang) -> Result<Imported, SheetError> {
    let tables = read_tables(path, lang)?;
    let mut cx = Ctx {
        file: path.display().to_string(),
        lang,
        today,
        problems: Vec::new(),
        mapping: Vec::new(),
        table: None,
    };
    let mut agencies: Vec<DAgency> = Vec::new();
    let mut services: Vec<(String, DService, String)> = Vec::new();
    for t in &tables {
        cx.table = Some(t);
        let Some(header_row) = t
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        else {
            continue;
        };
        let kind = sheet_kind(t, &t.rows[header_row]);
        let columns = map_columns(&mut cx, t, header_row, kind);
        if columns.iter().all(Option::is_none) {
            let name = t.name.clone().unwrap_or_default();
            cx.problems.push(format!(
                "{}:{name}: {}",
                cx.file,
                lang.pick(
                    "жодного стовпця не розпізнано за заголовком — аркуш не прочитано",
                    "no column recognised by its header — the sheet was not read"
                )
            ));
            continue;
        }
        for (r, row) in t.rows.iter().enumerate().skip(header_row + 1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cells: Vec<(usize, &'static Column, &str)> = columns
                .iter()
                .enumerate()
                .filter_map(|(c, col)| {
                    let v = row.get(c).map(|s| s.trim()).filter(|s| !s.is_empty())?;
                    col.map(|col| (c, col, v))
                })
                .collect();
            match kind {
                Sheet::Agencies => {
                    if let Some(a) = agency_row(&mut cx, r, &cells) {
                        agencies.push(a);
                    }
                }
                Sheet::Services => {
                    if let Some(s) = service_row(&mut cx, r, &cells) {
                        services.push(s);
                    }
                }
            }
        }
    }
    cx.table = None;
    settle_ids(&mut agencies, &mut cx);
    let mut service_count = 0;
    for (agency, service, at) in services {
        match agencies.iter_mut().find(|a| a.id == agency) {
            Some(a) => {
                a.services.push(service);
                service_count += 1;
            }
            None => cx.problems.push(format!(
                "{at}: {}",
                match lang {
                    Lang::Uk => format!("установи «{agency}» на аркуші установ немає — послугу не перенесено"),
                    Lang::En => format!("there is no agency \"{agency}\" on the agencies sheet — the service was not carried over"),
                }
            )),
        }
    }
    let mut toml = format!(
        "# {}: {}\n\n",
        lang.pick(
            "Імпортовано з електронної таблиці командою `refdesk import sheet`",
            "Imported from a spreadsheet with `refdesk import sheet`"
        ),
        cx.file.replace(['\n', '\r'], " ")
    );
    toml.push_str(&crate::hsds::import::write::body_toml(&agencies, &[], None));
    Ok(Imported {
        toml,
        agencies: agencies.len(),
        services: service_count,
        mapping: cx.mapping,
        problems: cx.problems,
    })
}

/// A services sheet is refdesk's «Послуги», or any sheet whose columns name a service and its
/// agency but no address or phone.
fn sheet_kind(t: &Table, headers: &[String]) -> Sheet {
    if t.name.as_deref() == Some(SERVICES_SHEET) {
        return Sheet::Services;
    }
    let on = |sheet, field| {
        headers
            .iter()
            .any(|h| column_for(sheet, h).is_some_and(|c| c.field == field))
    };
    let service_only = on(Sheet::Services, "name")
        && on(Sheet::Services, "agency")
        && !on(Sheet::Agencies, "phones")
        && !on(Sheet::Agencies, "address");
    if service_only {
        Sheet::Services
    } else {
        Sheet::Agencies
    }
}

/// The column each cell of the header row names; a column named twice is used once.
fn map_columns(
    cx: &mut Ctx,
    t: &Table,
    header_row: usize,
    kind: Sheet,
) -> Vec<Option<&'static Column>> {
    let mut used = HashSet::new();
    let headers = &t.rows[header_row];
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let header = headers.get(c).map(|h| h.trim().to_string()).unwrap_or_default();
            let filled = t.rows.iter().skip(header_row + 1).filter(|r| r.get(c).is_some_and(|v| !v.trim().is_empty())).count();
            if header.is_empty() && filled == 0 {
                return None;
            }
            let col = column_for(kind, &header).filter(|col| used.insert(col.field));
            let letters = column_letters(t.origin.1 as usize + c);
            cx.mapping.push(Mapping {
                column: match &t.name {
                    Some(n) => format!("{n}!{letters}"),
                    None => letters,
                },
                header: header.clone(),
                field: col.map(|c| c.field),
            });
            if col.is_none() && filled > 0 {
                let n = crate::i18n::Noun { uk: ["клітинка", "клітинки", "клітинок"], en: ["cell", "cells"] }
                    .count(cx.lang, filled as u64);
                cx.problem(
                    header_row,
                    c,
                    format!("стовпець «{header}» не розпізнано — його не перенесено ({n} із даними); перейменуйте заголовок, щоб його прочитати"),
                    format!("column \"{header}\" was not recognised — not carried over ({n} with data); rename its header to read it"),
                );
            }
            col
        })
        .collect()
}

/// Gives every agency a valid, unique id: its own, or one made from its name.
fn settle_ids(agencies: &mut [DAgency], cx: &mut Ctx) {
    let valid = |id: &str| {
        id.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    let mut seen: HashSet<String> = agencies
        .iter()
        .filter(|a| valid(&a.id))
        .map(|a| a.id.clone())
        .collect();
    let mut given = HashSet::new();
    for a in agencies.iter_mut() {
        if valid(&a.id) && given.insert(a.id.clone()) {
            continue;
        }
        let base = slug(a.short_name.as_deref().unwrap_or(&a.name));
        let mut id = base.clone();
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let note = match (a.id.is_empty(), cx.lang) {
            (true, Lang::Uk) => format!("id утворено з назви: {id}"),
            (true, Lang::En) => format!("id made from the name: {id}"),
            (false, Lang::Uk) => format!(
                "id «{}» неправильний або повторюється — замінено на {id}",
                a.id
            ),
            (false, Lang::En) => {
                format!("id \"{}\" is invalid or repeated — replaced by {id}", a.id)
            }
        };
        if !a.id.is_empty() {
            cx.problems.push(format!("{}: {}: {note}", cx.file, a.name));
        }
        a.remarks.push(note);
        seen.insert(id.clone());
        given.insert(id.clone());
        a.id = id;
    }
}

/// An id from a name: transliterated, lower case, words joined by «-», at most 40 letters.
pub fn slug(name: &str) -> String {
    let latin = crate::search::transliterate(&name.to_lowercase());
    let mut out = String::new();
    for ch in latin.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "agency".into() } else { out }
}

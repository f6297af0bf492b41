//! Reading a spreadsheet into a directory file: refdesk's own workbook, or the one-sheet list
//! an office keeps (name, address, phones, hours, head, contact, notes), with the columns
//! recognised by their headers ([`super::column_for`]) and the mapping shown to the maintainer.
//!
//! Nothing is dropped silently: a column that is not used, a cell that cannot be read as its
//! field and a row that cannot become an entry are each reported at `FILE.xlsx:Аркуш!C12`. A
//! value that does not check (hours, a phone) is written as it is, so that `validate` points
//! at it in the file; a value that has no place (an unknown category) is kept in a comment
//! above the entry.

use super::{
    COLUMNS, Column, NOTE_SEP, PART_SEP, SERVICES_SHEET, Sheet, column_for, column_letters,
};
use crate::directory::BUILTIN_CATEGORIES;
use crate::hsds::import::draft::{DAgency, DPerson, DPhone, DService};
use crate::i18n::Lang;
use calamine::{Data, Reader};
use jiff::civil::Date;
use std::collections::HashSet;
use std::path::Path;

/// A sheet read into text cells; `name` is `None` for a CSV file.
struct Table {
    name: Option<String>,
    rows: Vec<Vec<String>>,
    /// The sheet's first row and column (0-based): cells are named from them.
    origin: (u32, u32),
}

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

fn lines(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A phone cell line «0412 42 61 30 — канцелярія».
fn phone(v: &str) -> DPhone {
    match v.split_once(NOTE_SEP) {
        Some((n, note)) => DPhone {
            number: n.trim().into(),
            note: Some(note.trim().into()),
        },
        None => DPhone {
            number: v.trim().into(),
            note: None,
        },
    }
}

/// Phones of a cell: one per line (or separated by «;» or «,» in an office's list).
fn phones(cx: &mut Ctx, r: usize, c: usize, v: &str) -> Vec<DPhone> {
    let mut out = Vec::new();
    for line in lines(v) {
        let p = phone(&line);
        if crate::phone::parse(&p.number).is_ok() {
            out.push(p);
            continue;
        }
        let parts: Vec<&str> = p
            .number
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|n| crate::phone::parse(n).is_ok()) {
            out.extend(parts.into_iter().map(|n| DPhone {
                number: n.into(),
                note: None,
            }));
            continue;
        }
        cx.problem(
            r,
            c,
            format!("«{}» — не телефонний номер, який можна прочитати; записано як є — виправте у файлі", p.number),
            format!("\"{}\" is not a readable phone number; written as it is — fix it in the file", p.number),
        );
        out.push(p);
    }
    out
}

/// A person cell line: refdesk's «Ім'я | посада: … | телефон: …», or an office's «Ім'я,
/// посада, тел. …».
fn person(cx: &mut Ctx, r: usize, c: usize, v: &str) -> DPerson {
    let mut p = DPerson::default();
    if v.contains(PART_SEP.trim()) {
        let mut parts = v.split(PART_SEP.trim()).map(str::trim);
        p.name = parts.next().unwrap_or_default().to_string();
        for part in parts {
            let known = super::PERSON_PARTS.iter().find_map(|(field, label)| {
                part.strip_prefix(label)
                    .and_then(|rest| rest.trim_start().strip_prefix(':'))
                    .map(|rest| (*field, rest.trim()))
            });
            match known {
                Some(("title", t)) => p.title = Some(t.into()),
                Some(("phone", t)) => p.phone = Some(phone(t)),
                Some(("room", t)) => p.room = Some(t.into()),
                Some((_, t)) => p.email = Some(t.into()),
                None => {
                    cx.problem(
                        r,
                        c,
                        format!("«{part}» — незрозуміла частина опису особи (бувають посада:, телефон:, кабінет:, e-mail:); додано до посади"),
                        format!("\"{part}\" is not a known part of a person (title:, phone:, room:, e-mail: are); added to the title"),
                    );
                    p.title = Some(match p.title.take() {
                        Some(t) => format!("{t}, {part}"),
                        None => part.to_string(),
                    });
                }
            }
        }
        return p;
    }
    let mut parts = v.split(',').map(str::trim).filter(|s| !s.is_empty());
    p.name = parts.next().unwrap_or_default().to_string();
    let mut title = Vec::new();
    for part in parts {
        let lower = part.to_lowercase();
        if let Some(n) = lower
            .strip_prefix("тел.")
            .or(lower.strip_prefix("тел:"))
            .or(lower.strip_prefix("тел "))
        {
            p.phone = Some(DPhone {
                number: n.trim().into(),
                note: None,
            });
        } else if lower.starts_with("каб") || lower.starts_with("вікно") {
            p.room = Some(part.into());
        } else if part.contains('@') {
            p.email = Some(part.into());
        } else {
            title.push(part);
        }
    }
    if !title.is_empty() {
        p.title = Some(title.join(", "));
    }
    p
}

fn opt(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// A date as written: 2026-10-15 or 15.10.2026.
fn date(v: &str) -> Option<Date> {
    v.parse::<Date>().ok().or_else(|| {
        let mut it = v.split('.').map(|p| p.trim().parse::<i16>().ok());
        let (d, m, y) = (it.next()??, it.next()??, it.next()??);
        Date::new(y, m as i8, d as i8).ok()
    })
}

/// Checks hours-like text; a value that does not parse is kept as written and reported.
fn check_hours(cx: &mut Ctx, r: usize, c: usize, v: &str, lunch: bool) {
    let bad = if lunch {
        crate::hours::parse_lunch(v).is_err()
    } else {
        crate::hours::parse(v).is_err()
    };
    if bad {
        cx.problem(
            r,
            c,
            format!("«{v}» — графік не розпізнано; записано як є — виправте у файлі (refdesk validate покаже, що саме)"),
            format!("\"{v}\" — the hours could not be read; written as they are — fix them in the file (refdesk validate says what is wrong)"),
        );
    }
}

fn agency_row(cx: &mut Ctx, r: usize, cells: &[(usize, &'static Column, &str)]) -> Option<DAgency> {
    let mut a = DAgency::default();
    for &(c, col, v) in cells {
        let v = v.to_string();
        match col.field {
            "id" => a.id = v,
            "name" => a.name = v,
            "short_name" => a.short_name = opt(&v),
            "name_genitive" => a.name_genitive = opt(&v),
            "gender" => match v.as_str() {
                "m" | "f" | "n" | "pl" => a.gender = Some(v),
                _ => {
                    cx.problem(r, c, format!("рід «{v}» — буває m, f, n або pl; збережено в коментарі"), format!("gender \"{v}\" — it is m, f, n or pl; kept in a comment"));
                    a.remarks.push(format!("рід у таблиці: {v}"));
                }
            },
            "category" => a.category = category(cx, r, c, &v, &mut a.remarks),
            "topics" => a.topics = lines(&v),
            "description" => a.description = opt(&v),
            "remote" => match v.to_lowercase().as_str() {
                "так" | "true" | "yes" | "1" | "+" | "да" => a.remote = true,
                "ні" | "false" | "no" | "0" | "-" | "нет" => {}
                _ => cx.problem(r, c, format!("«{v}» — тут буває «так» або «ні»; вважаємо «ні»"), format!("\"{v}\" — this is «так» (yes) or «ні» (no); taken as no")),
            },
            "locality" => a.locality = opt(&v),
            "district" => a.district = opt(&v),
            "province" => a.province = opt(&v),
            "country" => a.country = opt(&v),
            "address" => a.address = opt(&v),
            "postcode" => a.postcode = Some(if v.len() < 5 && v.bytes().all(|b| b.is_ascii_digit()) { format!("{v:0>5}") } else { v }),
            "address_note" => a.address_note = opt(&v),
            "accessibility" => a.accessibility = opt(&v),
            "coordinates" => {
                let parsed = v.split_once(',').and_then(|(la, lo)| Some((la.trim().parse().ok()?, lo.trim().parse().ok()?)));
                match parsed {
                    Some(p) => a.coordinates = Some(p),
                    None => {
                        cx.problem(r, c, format!("координати «{v}» не прочитано (має бути «50.2519, 28.6631»); збережено в коментарі"), format!("coordinates \"{v}\" could not be read (write «50.2519, 28.6631»); kept in a comment"));
                        a.remarks.push(format!("координати в таблиці: {v}"));
                    }
                }
            }
            "phones" => a.phones = phones(cx, r, c, &v),
            "email" => a.email = opt(&v),
            "website" => a.website = opt(&v),
            "hours" => {
                check_hours(cx, r, c, &v, false);
                a.hours = opt(&v);
            }
            "lunch" => {
                check_hours(cx, r, c, &v, true);
                a.lunch = opt(&v);
            }
            "reception" => {
                check_hours(cx, r, c, &v, false);
                a.reception = opt(&v);
            }
            "hours_note" => a.hours_note = opt(&v),
            "head" => a.head = Some(person(cx, r, c, &v)),
            "contacts" => a.contacts = lines(&v).iter().map(|l| person(cx, r, c, l)).collect(),
            "verified" => match date(&v) {
                Some(d) => a.verified = Some(d),
                None => cx.problem(r, c, format!("дата «{v}» не прочитана (2026-10-15 або 15.10.2026) — поставлено день імпорту"), format!("date \"{v}\" could not be read (2026-10-15 or 15.10.2026) — the import's day was set")),
            },
            "verified_by" => a.verified_by = opt(&v),
            "status" => a.status = status(cx, r, c, &v),
            "successor" => a.successor = opt(&v),
            "alert" => a.alert = opt(&v),
            "notes" => a.notes = opt(&v),
            _ => {}
        }
    }
    if a.name.trim().is_empty() {
        cx.problem(
            r,
            0,
            "у рядку немає назви установи — рядок не перенесено; впишіть назву й імпортуйте знову".into(),
            "the row has no agency name — it was not carried over; fill in the name and import again".into(),
        );
        return None;
    }
    if a.category.is_empty() {
        a.category = "other".into();
        a.remarks.push(
            cx.lang
                .pick(
                    "категорію не вказано — поставлено «other» (Інше)",
                    "no category given — set to \"other\"",
                )
                .into(),
        );
    }
    if a.verified.is_none() {
        a.verified = Some(cx.today);
        a.remarks.push(
            cx.lang
                .pick(
                    "дату перевірки не вказано — поставлено день імпорту",
                    "no verification date — set to the import's day",
                )
                .into(),
        );
    }
    // Where the row came from, for the maintainer checking the file against the sheet.
    a.remarks.insert(0, cx.row_words(r));
    Some(a)
}

fn category(cx: &mut Ctx, r: usize, c: usize, v: &str, remarks: &mut Vec<String>) -> String {
    let lower = v.to_lowercase();
    if let Some((id, _, _)) = BUILTIN_CATEGORIES
        .iter()
        .find(|(id, uk, en)| *id == v || uk.to_lowercase() == lower || en.to_lowercase() == lower)
    {
        return id.to_string();
    }
    // A category id of the directory's own `[[category]]`: kept, `validate` checks it.
    if v.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return v.to_string();
    }
    cx.problem(
        r,
        c,
        format!(
            "категорію «{v}» не знайдено — поставлено «other» (Інше), назву збережено в коментарі"
        ),
        format!("category \"{v}\" not found — set to \"other\", the name kept in a comment"),
    );
    remarks.push(format!("категорія в таблиці: {v}"));
    "other".into()
}

fn status(cx: &mut Ctx, r: usize, c: usize, v: &str) -> Option<String> {
    match v.to_lowercase().as_str() {
        "active" | "працює" => None,
        "temporarily-closed" | "тимчасово не працює" | "тимчасово закрита" => {
            Some("temporarily-closed".into())
        }
        "closed" | "закрита" | "не працює" | "ліквідована" => {
            Some("closed".into())
        }
        _ => {
            cx.problem(r, c, format!("стан «{v}» — буває порожньо, temporarily-closed або closed; вважаємо, що установа працює"), format!("status \"{v}\" — it is empty, temporarily-closed or closed; taken as active"));
            None
        }
    }
}

fn service_row(
    cx: &mut Ctx,
    r: usize,
    cells: &[(usize, &'static Column, &str)],
) -> Option<(String, DService, String)> {
    let mut s = DService::default();
    let mut agency = String::new();
    for &(c, col, v) in cells {
        let v = v.to_string();
        match col.field {
            "agency" => agency = v,
            "name" => s.name = v,
            "description" => s.description = opt(&v),
            "topics" => s.topics = lines(&v),
            "appointment" => match v.as_str() {
                "required" | "recommended" | "none" => s.appointment = Some(v),
                _ => cx.problem(r, c, format!("«{v}» — попередній запис буває required, recommended або none; не перенесено"), format!("\"{v}\" — pre-registration is required, recommended or none; not carried over")),
            },
            "booking" => s.booking = opt(&v),
            "documents" => s.documents = lines(&v),
            "steps" => s.steps = lines(&v),
            "eligibility" => s.eligibility = opt(&v),
            "fee" => s.fee = opt(&v),
            "duration" => s.duration = opt(&v),
            "online" => s.online = opt(&v),
            "contacts" => s.contacts = lines(&v).iter().map(|l| person(cx, r, c, l)).collect(),
            "hours" => {
                check_hours(cx, r, c, &v, false);
                s.hours = opt(&v);
            }
            _ => {}
        }
    }
    if agency.is_empty() || s.name.is_empty() {
        cx.problem(
            r,
            0,
            "у рядку послуги бракує установи (id) або назви послуги — рядок не перенесено".into(),
            "the service row lacks its agency (id) or the service's name — it was not carried over"
                .into(),
        );
        return None;
    }
    Some((agency, s, cx.at(r, 0)))
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
fn slug(name: &str) -> String {
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

/// A cell's text: numbers without a needless «.0», dates as 2026-10-15.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "так" } else { "ні" }.into(),
        Data::DateTime(dt) => {
            // Excel counts days from 30 December 1899.
            let days = dt.as_f64().floor() as i64;
            jiff::civil::date(1899, 12, 30)
                .checked_add(jiff::Span::new().days(days))
                .map(|d| d.to_string())
                .unwrap_or_default()
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_tables(path: &Path, lang: Lang) -> Result<Vec<Table>, SheetError> {
    let shown = path.display();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let bytes = std::fs::read(path).map_err(|e| {
            SheetError::Read(format!("{shown}: {}", crate::i18n::io_error(&e, lang)))
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            // Spreadsheets on Ukrainian Windows save CSV as Windows-1251.
            Err(e) => encoding_rs::WINDOWS_1251
                .decode(e.as_bytes())
                .0
                .into_owned(),
        };
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let first = body.lines().next().unwrap_or_default();
        // Excel with Ukrainian settings separates with «;».
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body.as_bytes());
        let mut rows = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                SheetError::Read(format!(
                    "{shown}: {}",
                    crate::i18n::io_error(&std::io::Error::other(e.to_string()), lang)
                ))
            })?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        return Ok(vec![Table {
            name: None,
            rows,
            origin: (0, 0),
        }]);
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
        SheetError::Read(match lang {
            Lang::Uk => format!(
                "{shown}: не вдалося прочитати електронну таблицю (.xlsx, .xls, .ods або .csv): {e}"
            ),
            Lang::En => {
                format!("{shown}: cannot read the spreadsheet (.xlsx, .xls, .ods or .csv): {e}")
            }
        })
    })?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let origin = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        out.push(Table {
            name: Some(name),
            rows,
            origin,
        });
    }
    Ok(out)
}

/// The columns the import knows, for the help: «Назва», «Телефони», ….
pub fn known_headers(sheet: Sheet) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .filter(|c| c.sheet == sheet)
        .map(|c| c.header)
        .collect()
}

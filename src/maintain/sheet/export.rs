//! Writing the directory as an .xlsx workbook (rust_xlsxwriter).

use super::{AGENCIES_SHEET, COLUMNS, Column, NOTE_SEP, PART_SEP, SERVICES_SHEET, Sheet};
use crate::directory::{Agency, Directory, Person, PhoneEntry, Serves, Service};
use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// A phone as a cell line: «0412 42 61 30 — канцелярія» (the number as written).
pub fn phone_cell(p: &PhoneEntry) -> String {
    match &p.note {
        Some(n) => format!("{}{NOTE_SEP}{n}", p.raw),
        None => p.raw.clone(),
    }
}

/// A person as a cell line: the name, then « | посада: …» and the other parts given.
pub fn person_cell(p: &Person) -> String {
    let mut out = p.name.clone();
    let phone = p.phone.as_ref().map(phone_cell);
    for (field, label) in super::PERSON_PARTS {
        let v = match *field {
            "title" => p.title.clone(),
            "phone" => phone.clone(),
            "room" => p.room.clone(),
            _ => p.email.clone(),
        };
        if let Some(v) = v {
            out.push_str(&format!("{PART_SEP}{label}: {v}"));
        }
    }
    out
}

fn lines(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("\n")
}

/// The text of an agency's cell in `column`.
fn agency_cell(a: &Agency, field: &str) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        "id" => a.id.clone(),
        "name" => a.name.clone(),
        "short_name" => o(&a.short_name),
        "name_genitive" => o(&a.name_genitive),
        "gender" => a.gender.map(|g| g.code().to_string()).unwrap_or_default(),
        "category" => a.category.clone(),
        "topics" => lines(a.topics.iter().cloned()),
        "description" => o(&a.description),
        "remote" => if a.remote { "так" } else { "" }.to_string(),
        "serves" => match &a.serves {
            None => String::new(),
            Some(Serves::Country) => "уся Україна".into(),
            Some(Serves::Oblast) => "уся область".into(),
            Some(Serves::Localities(l)) => l.join("; "),
        },
        "locality" => o(&a.locality),
        "district" => o(&a.district),
        "province" => o(&a.province),
        "country" => o(&a.country),
        "address" => o(&a.address),
        "postcode" => o(&a.postcode),
        "address_note" => o(&a.address_note),
        "accessibility" => o(&a.accessibility),
        "coordinates" => a
            .coordinates
            .map(|(la, lo)| format!("{la:?}, {lo:?}"))
            .unwrap_or_default(),
        "phones" => lines(a.phones.iter().map(phone_cell)),
        "email" => o(&a.email),
        "website" => o(&a.website),
        "hours" => a.hours.raw.clone(),
        "lunch" => a.lunch.as_ref().map(|l| l.raw.clone()).unwrap_or_default(),
        "reception" => a
            .reception
            .as_ref()
            .map(|r| r.raw.clone())
            .unwrap_or_default(),
        "hours_note" => o(&a.hours_note),
        "head" => a.head.as_ref().map(person_cell).unwrap_or_default(),
        "contacts" => lines(a.contacts.iter().map(person_cell)),
        "verified" => a.verified.to_string(),
        "verified_by" => o(&a.verified_by),
        "status" => match a.status {
            crate::directory::Status::Active => String::new(),
            s => s.code().to_string(),
        },
        "successor" => o(&a.successor),
        "alert" => o(&a.alert),
        "notes" => o(&a.notes),
        _ => String::new(),
    }
}

fn service_cell(a: &Agency, s: &Service, field: &str) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        "agency" => a.id.clone(),
        "name" => s.name.clone(),
        "description" => o(&s.description),
        "topics" => lines(s.topics.iter().cloned()),
        "appointment" => s
            .appointment
            .map(|x| x.code().to_string())
            .unwrap_or_default(),
        "booking" => o(&s.booking),
        "documents" => lines(s.documents.iter().cloned()),
        "steps" => lines(s.steps.iter().cloned()),
        "eligibility" => o(&s.eligibility),
        "fee" => o(&s.fee),
        "duration" => o(&s.duration),
        "online" => o(&s.online),
        "contacts" => lines(s.contacts.iter().map(person_cell)),
        "hours" => s.hours.as_ref().map(|h| h.raw.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Headers (bold, with a note each), text format for every column — so that Excel keeps
/// «04205» and «0412 42 61 30» as written — and the header row frozen.
fn headers(ws: &mut Worksheet, columns: &[&Column]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    let text = Format::new()
        .set_num_format("@")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for (i, c) in columns.iter().enumerate() {
        let col = i as u16;
        ws.set_column_format(col, &text)?;
        let wide = matches!(
            c.field,
            "name"
                | "description"
                | "address"
                | "phones"
                | "hours"
                | "head"
                | "contacts"
                | "documents"
                | "steps"
                | "notes"
        );
        ws.set_column_width(col, if wide { 40 } else { 18 })?;
        ws.write_string_with_format(0, col, c.header, &bold)?;
        ws.insert_note(0, col, &Note::new(c.note).set_author("refdesk"))?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes `dir`'s agencies and services to `path` (an existing file is replaced). Returns the
/// number of agencies and services written.
pub fn export(dir: &Directory, path: &Path) -> Result<(usize, usize), XlsxError> {
    let mut wb = Workbook::new();
    let agency_cols: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| c.sheet == Sheet::Agencies)
        .collect();
    let service_cols: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| c.sheet == Sheet::Services)
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(AGENCIES_SHEET)?;
    headers(ws, &agency_cols)?;
    for (r, a) in dir.agencies.iter().enumerate() {
        for (i, c) in agency_cols.iter().enumerate() {
            let v = agency_cell(a, c.field);
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, i as u16, v)?;
            }
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(SERVICES_SHEET)?;
    headers(ws, &service_cols)?;
    let mut row = 1u32;
    for a in &dir.agencies {
        for s in &a.services {
            for (i, c) in service_cols.iter().enumerate() {
                let v = service_cell(a, s, c.field);
                if !v.is_empty() {
                    ws.write_string(row, i as u16, v)?;
                }
            }
            row += 1;
        }
    }
    wb.save(path)?;
    Ok((dir.agencies.len(), row as usize - 1))
}

//! Reading a spreadsheet file into tables of text cells: workbooks through calamine, CSV
//! through the csv crate (`,` or `;`, UTF-8 or Windows-1251).

use super::*;
use calamine::{Data, Reader};

/// A sheet read into text cells; `name` is `None` for a CSV file.
pub(super) struct Table {
    pub(super) name: Option<String>,
    pub(super) rows: Vec<Vec<String>>,
    /// The sheet's first row and column (0-based): cells are named from them.
    pub(super) origin: (u32, u32),
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

pub(super) fn read_tables(path: &Path, lang: Lang) -> Result<Vec<Table>, SheetError> {
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

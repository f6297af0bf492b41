//! Correction reports: what a frontliner noticed is wrong in an entry («телефон не
//! відповідає», «переїхали на Київську, 5»), kept in `corrections.toml` in the data folder
//! until a maintainer has fixed the entry and closed the report.
//!
//! A report holds the agency's id, the field, the note, the date and the desk's name — never
//! anything about a visitor. The file is TOML a maintainer can read and edit; reports are
//! appended and closed through [`super::edit`]'s checked, atomic write, so two desks sharing
//! the folder never lose each other's report.

use super::edit::{SaveError, Snapshot, date_value, passing_refusal, write_checked};
use crate::directory::{Diagnostic, FileReport, Severity};
use crate::i18n::Lang;
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The file's name in the data folder; the directory owns it because the loader skips it.
pub use crate::directory::CORRECTIONS_FILE as FILE_NAME;

/// The fields a report can be about, as the screen offers them: (field, Ukrainian, English).
/// `other` is «інше».
pub const FIELDS: &[(&str, &str, &str)] = &[
    ("name", "назва", "name"),
    ("address", "адреса", "address"),
    ("phones", "телефони", "phones"),
    ("hours", "графік роботи", "working hours"),
    ("head", "керівник", "head"),
    ("contacts", "контактні особи", "contact persons"),
    ("email", "електронна пошта", "email"),
    ("website", "сайт", "website"),
    ("service", "послуги", "services"),
    ("status", "установа не працює", "the agency is closed"),
    ("other", "інше", "other"),
];

/// The label of a report's field in `lang` (the field as written when it is not in [`FIELDS`]).
pub fn field_label(field: &str, lang: Lang) -> &str {
    FIELDS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map(|(_, uk, en)| lang.pick(uk, en))
        .unwrap_or(field)
}

/// One report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub agency: String,
    pub field: String,
    pub note: String,
    pub date: Date,
    pub desk: Option<String>,
    pub resolved: Option<Date>,
    pub resolved_by: Option<String>,
    /// The line of its `[[correction]]` header.
    pub line: usize,
}

impl Correction {
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }
}

/// A new report, as the screen's «Повідомити про помилку» builds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub agency: String,
    pub field: String,
    pub note: String,
    pub date: Date,
    pub desk: Option<String>,
}

/// The corrections file of a data path (`--data`): in the folder, or beside the single file.
pub fn path_for(data: &Path) -> PathBuf {
    if data.is_dir() {
        data.join(FILE_NAME)
    } else {
        data.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(FILE_NAME)
    }
}

/// Every report in the file (none when there is no file), and every problem as a diagnostic
/// at its `file:line:column`; a bad report is left out, the rest are read.
pub fn load(path: &Path, lang: Lang) -> (Vec<Correction>, Vec<Diagnostic>) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            parse(&path.display().to_string(), &text, lang)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(e) => {
            let d = Diagnostic {
                severity: Severity::Error,
                file: path.display().to_string(),
                line: 1,
                column: 1,
                code: "corrections-io",
                message: crate::i18n::io_error(&e, lang),
                agency: None,
            };
            (Vec::new(), vec![d])
        }
    }
}

struct Reader<'a> {
    r: FileReport<'a>,
}

impl Reader<'_> {
    fn report(
        &mut self,
        severity: Severity,
        at: usize,
        code: &'static str,
        uk: String,
        en: String,
    ) {
        let message = match self.r.lang {
            Lang::Uk => uk,
            Lang::En => en,
        };
        self.r.report(severity, at, code, message);
    }
}

/// [`load`] on a text; `file` names it in diagnostics.
pub fn parse(file: &str, text: &str, lang: Lang) -> (Vec<Correction>, Vec<Diagnostic>) {
    let mut r = Reader {
        r: FileReport::new(file, text, lang),
    };
    let (table, base) = match crate::directory::parse_side_file(text, lang) {
        Ok(t) => t,
        Err((at, what)) => {
            r.report(
                Severity::Error,
                at,
                "corrections-syntax",
                format!("синтаксична помилка TOML: {what} — виправте цей рядок; повідомлення з цього файлу не прочитано"),
                format!("TOML syntax error: {what} — fix this line; no report in this file was read"),
            );
            return (Vec::new(), r.r.diags);
        }
    };
    let mut out = Vec::new();
    for (key, value) in table.get_ref().iter() {
        let at = key.span().start + base;
        let name = key.get_ref().as_ref();
        let items = match value.get_ref() {
            DeValue::Array(items) if name == "correction" => items,
            _ => {
                r.report(
                    Severity::Warning,
                    at,
                    "corrections-unknown-field",
                    format!("невідомий ключ \"{name}\" — у файлі бувають лише записи [[correction]]; його пропущено"),
                    format!("unknown key \"{name}\" — the file holds only [[correction]] entries; it was skipped"),
                );
                continue;
            }
        };
        for item in items.iter() {
            let at = item.span().start + base;
            match item.get_ref() {
                DeValue::Table(t) => {
                    if let Some(c) = entry(&mut r, t, at, base) {
                        out.push(c);
                    }
                }
                _ => r.report(
                    Severity::Error,
                    at,
                    "corrections-wrong-type",
                    "кожне повідомлення має бути таблицею [[correction]]; його пропущено".into(),
                    "every report must be a [[correction]] table; it was skipped".into(),
                ),
            }
        }
    }
    (out, r.r.diags)
}

/// One `[[correction]]` table.
fn entry(r: &mut Reader, t: &DeTable, at: usize, base: usize) -> Option<Correction> {
    unknown_fields(r, t, base);
    let mut e = Entry {
        r: &mut *r,
        t,
        at,
        base,
        ok: true,
    };
    let agency = e.text("agency", true);
    let field = e.text("field", true);
    let note = e.text("note", true);
    let desk = e.text("desk", false);
    let resolved_by = e.text("resolved_by", false);
    let date = e.date("date", true);
    let resolved = e.date("resolved", false);
    if !e.ok {
        return None;
    }
    Some(Correction {
        agency: agency?,
        field: field?,
        note: note?,
        date: date?,
        desk,
        resolved,
        resolved_by,
        line: r.r.line(at),
    })
}

/// Warns about every field a report does not have.
fn unknown_fields(r: &mut Reader, t: &DeTable, base: usize) {
    const KNOWN: [&str; 7] = [
        "agency",
        "field",
        "note",
        "date",
        "desk",
        "resolved",
        "resolved_by",
    ];
    for (k, _) in t.iter() {
        let name = k.get_ref().as_ref();
        if !KNOWN.contains(&name) {
            r.report(
                Severity::Warning,
                k.span().start + base,
                "corrections-unknown-field",
                format!("невідоме поле \"{name}\" — його пропущено"),
                format!("unknown field \"{name}\" — it was skipped"),
            );
        }
    }
}

/// Reading one report's fields; `ok` turns false at the first field that skips the report.
struct Entry<'r, 'a, 't, 'd> {
    r: &'r mut Reader<'a>,
    t: &'t DeTable<'d>,
    /// Where the table starts, for a missing field.
    at: usize,
    /// Where the table's text starts in the file.
    base: usize,
    ok: bool,
}

impl Entry<'_, '_, '_, '_> {
    /// A non-empty text field.
    fn text(&mut self, field: &str, required: bool) -> Option<String> {
        match self
            .t
            .get(field)
            .map(|v| (v.span().start + self.base, v.get_ref()))
        {
            Some((_, DeValue::String(s))) if !s.trim().is_empty() => Some(s.to_string()),
            Some((at, _)) => {
                self.r.report(
                    Severity::Error,
                    at,
                    "corrections-wrong-type",
                    format!("поле \"{field}\" має бути непорожнім текстом; повідомлення пропущено"),
                    format!("the field \"{field}\" must be non-empty text; the report was skipped"),
                );
                self.ok = false;
                None
            }
            None if required => self.missing(field),
            None => None,
        }
    }

    /// A date field: a TOML date or a text 2026-11-25.
    fn date(&mut self, field: &str, required: bool) -> Option<Date> {
        let v = self.t.get(field);
        let parsed = v.and_then(|v| match v.get_ref() {
            DeValue::Datetime(d) => d.date.and_then(|d| {
                jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
            }),
            DeValue::String(s) => s.parse::<Date>().ok(),
            _ => None,
        });
        match (v, parsed) {
            (_, Some(d)) => Some(d),
            (Some(v), None) => {
                self.r.report(
                    Severity::Error,
                    v.span().start + self.base,
                    "corrections-wrong-type",
                    format!("поле \"{field}\" має бути датою (2026-11-25); повідомлення пропущено"),
                    format!(
                        "the field \"{field}\" must be a date (2026-11-25); the report was skipped"
                    ),
                );
                self.ok = false;
                None
            }
            (None, None) if required => self.missing(field),
            (None, None) => None,
        }
    }

    /// A required field that is not there: the report is skipped.
    fn missing<T>(&mut self, field: &str) -> Option<T> {
        self.r.report(
            Severity::Error,
            self.at,
            "corrections-missing",
            format!("бракує поля \"{field}\"; повідомлення пропущено"),
            format!("the field \"{field}\" is missing; the report was skipped"),
        );
        self.ok = false;
        None
    }
}

/// The header a new corrections file starts with.
const HEADER: &str = "# Повідомлення про помилки в довіднику (refdesk).\n\
# Робочі місця додають їх самі; закрите повідомлення має resolved = дата.\n\
# Відкриті: refdesk corrections; закрити: refdesk corrections --resolve N.\n";

/// How many times a write is retried when another desk wrote the file in between.
const RETRIES: usize = 5;

/// Reads the file (an empty one with [`HEADER`] when there is none yet), changes it with `f`,
/// and writes it back with the on-disk check, retrying when another desk wrote in between.
fn update(
    path: &Path,
    f: impl Fn(&mut toml_edit::DocumentMut) -> Result<(), SaveError>,
) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut last = None;
    for _ in 0..RETRIES {
        if !path.exists() {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(mut file) => {
                    std::io::Write::write_all(&mut file, HEADER.as_bytes()).map_err(io)?
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
        }
        let snapshot = read_when_free(path)?;
        let mut doc = snapshot.document()?;
        f(&mut doc)?;
        match write_checked(&snapshot, doc.to_string().into_bytes()) {
            Ok(_) => return Ok(()),
            Err(e @ (SaveError::Changed { .. } | SaveError::Busy { .. })) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(SaveError::Busy {
        path: path.to_path_buf(),
    }))
}

/// Reads the file, waiting out a refusal while another desk's save replaces it (Windows).
fn read_when_free(path: &Path) -> Result<Snapshot, SaveError> {
    let started = std::time::Instant::now();
    loop {
        match Snapshot::read(path) {
            Err(SaveError::Io { ref source, .. })
                if passing_refusal(source) && started.elapsed() < super::edit::LOCK_WAIT => {}
            other => return other,
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Appends a report to the corrections file at `path` (created when missing).
pub fn append(path: &Path, report: &NewReport) -> Result<(), SaveError> {
    update(path, |doc| {
        let mut t = toml_edit::Table::new();
        t.insert("agency", toml_edit::value(report.agency.trim()));
        t.insert("field", toml_edit::value(report.field.trim()));
        t.insert("note", toml_edit::value(report.note.trim()));
        t.insert("date", toml_edit::value(date_value(report.date)));
        if let Some(d) = report
            .desk
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            t.insert("desk", toml_edit::value(d));
        }
        t.decor_mut().set_prefix("\n");
        match doc
            .get_mut("correction")
            .and_then(|i| i.as_array_of_tables_mut())
        {
            Some(a) => a.push(t),
            None => {
                // The file's opening comments are the document's trailing text until it has a
                // table: they go above the first report, not below it.
                let head = doc.trailing().as_str().unwrap_or_default().to_string();
                doc.set_trailing("");
                t.decor_mut().set_prefix(head);
                let mut a = toml_edit::ArrayOfTables::new();
                a.push(t);
                doc.insert("correction", toml_edit::Item::ArrayOfTables(a));
            }
        }
        Ok(())
    })
}

/// Why a report could not be closed.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no open report {0}")]
    NoSuch(usize),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Closes the `n`th open report (1-based, in file order, as [`load`] lists them): sets
/// `resolved` = `today` and `resolved_by`. Returns the report closed.
pub fn resolve(
    path: &Path,
    n: usize,
    today: Date,
    by: Option<&str>,
    lang: Lang,
) -> Result<Correction, ResolveError> {
    let (all, _) = load(path, lang);
    let open: Vec<&Correction> = all.iter().filter(|c| c.is_open()).collect();
    let target = n
        .checked_sub(1)
        .and_then(|i| open.get(i))
        .copied()
        .cloned()
        .ok_or(ResolveError::NoSuch(n))?;
    update(path, |doc| {
        // The same report in the file: the open one with the same content, counted in order
        // (a report added meanwhile by another desk comes after it).
        let tables = doc
            .get_mut("correction")
            .and_then(|i| i.as_array_of_tables_mut());
        let found = tables.and_then(|a| {
            a.iter_mut().find(|t| {
                let s = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::trim);
                !t.contains_key("resolved")
                    && s("agency") == Some(target.agency.as_str())
                    && s("field") == Some(target.field.as_str())
                    && s("note") == Some(target.note.trim())
            })
        });
        let Some(t) = found else {
            return Err(SaveError::Changed {
                path: path.to_path_buf(),
            });
        };
        t.insert("resolved", toml_edit::value(date_value(today)));
        if let Some(by) = by.map(str::trim).filter(|b| !b.is_empty()) {
            t.insert("resolved_by", toml_edit::value(by));
        }
        Ok(())
    })?;
    Ok(Correction {
        resolved: Some(today),
        resolved_by: by.map(str::to_string),
        ..target
    })
}

/// The open reports about agency `id`: the card's «є повідомлення про помилку».
pub fn open_for<'a>(all: &'a [Correction], id: &str) -> Vec<&'a Correction> {
    all.iter()
        .filter(|c| c.is_open() && c.agency == id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn report(agency: &str, note: &str) -> NewReport {
        NewReport {
            agency: agency.into(),
            field: "phones".into(),
            note: note.into(),
            date: date(2026, 11, 25),
            desk: Some("Вікно 1".into()),
        }
    }

    #[test]
    fn reports_are_appended_read_back_and_closed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(FILE_NAME);
        append(&path, &report("zt-dps-cop", "телефон не відповідає")).unwrap();
        append(&path, &report("zt-cnap", "переїхали на Київську, 5")).unwrap();
        let (all, diags) = load(&path, Lang::Uk);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].agency, "zt-dps-cop");
        assert_eq!(all[0].desk.as_deref(), Some("Вікно 1"));
        assert_eq!(all[1].note, "переїхали на Київську, 5");
        assert!(std::fs::read_to_string(&path).unwrap().starts_with(HEADER));
        // A maintainer's comment in the file survives the next append.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("# перевірено по телефону\n");
        std::fs::write(&path, &text).unwrap();
        let closed = resolve(&path, 1, date(2026, 11, 26), Some("Петренко О."), Lang::Uk).unwrap();
        assert_eq!(closed.agency, "zt-dps-cop");
        let (all, _) = load(&path, Lang::Uk);
        assert_eq!(all[0].resolved, Some(date(2026, 11, 26)));
        assert!(all[1].is_open());
        assert_eq!(open_for(&all, "zt-cnap").len(), 1);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("# перевірено по телефону")
        );
        // Number 2 no longer exists: only one report is open.
        assert!(matches!(
            resolve(&path, 2, date(2026, 11, 26), None, Lang::Uk),
            Err(ResolveError::NoSuch(2))
        ));
    }

    #[test]
    fn a_bad_report_is_located_and_the_rest_are_read() {
        let text = "[[correction]]\nagency = \"a\"\nfield = \"phones\"\nnote = \"x\"\ndate = 2026-11-25\n\n\
                    [[correction]]\nagency = \"b\"\nfield = \"hours\"\ndate = \"вчора\"\nnote = \"y\"\ncolour = 1\n";
        let (all, diags) = parse("corrections.toml", text, Lang::Uk);
        assert_eq!(all.len(), 1);
        let shown: Vec<String> = diags.iter().map(|d| d.render(Lang::Uk)).collect();
        assert!(
            shown
                .iter()
                .any(|d| d.starts_with("corrections.toml:10:8: помилка: поле \"date\"")),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .any(|d| d
                    .starts_with("corrections.toml:12:1: попередження: невідоме поле \"colour\"")),
            "{shown:#?}"
        );
        let (none, diags) = parse("c.toml", "[[correction]\n", Lang::Uk);
        assert!(none.is_empty());
        assert_eq!(diags[0].code, "corrections-syntax");
    }

    #[test]
    fn two_desks_appending_at_once_both_keep_their_report() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(FILE_NAME);
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || append(&path, &report("a", &format!("нотатка {i}"))))
            })
            .collect();
        for h in handles {
            h.join().unwrap().unwrap();
        }
        let (all, diags) = load(&path, Lang::Uk);
        assert!(diags.is_empty(), "{diags:?}");
        let mut notes: Vec<_> = all.iter().map(|c| c.note.clone()).collect();
        notes.sort();
        assert_eq!(notes, ["нотатка 0", "нотатка 1", "нотатка 2", "нотатка 3"]);
    }
}

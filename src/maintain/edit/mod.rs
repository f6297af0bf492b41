//! Saving an agency's fields back into its TOML file, in place.
//!
//! The file is edited with `toml_edit`, so everything outside the changed values — comments,
//! the order of keys, blank lines, the quoting of other strings — stays byte for byte. A save
//! never loses someone else's edit: the file's bytes as they were read are kept in a
//! [`Snapshot`], and the save is refused when the file on disk no longer has them (another
//! desk, an editor or a `git pull` changed it). The new text goes to a temporary file in the
//! same folder, which is then renamed over the old one, so a reader sees the old file or the
//! new one, never half of each; the folder's lock file ([`LOCK_FILE`]) makes the check and the
//! rename one step between two processes saving at once.
//!
//! Only the agency's own entry is read and written again ([`entry`]: its `[[agency]]` header to
//! the next header not its own); the rest of the file is copied as it is, so an edit takes the
//! time of the entry, not of the file.
//!
//! Rooms: this file (applying edits, the checked write), `entry` (cutting an entry out),
//! `error` ([`SaveError`]), `tests`.

use crate::directory::{AGENCY_FIELDS, SERVICE_FIELDS};
use jiff::civil::Date;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use toml_edit::{DocumentMut, Item, Table};

mod entry;
mod error;
pub use error::SaveError;
use error::io;

/// A directory file as it was read for editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    /// The exact bytes read: the save compares the file on disk with them.
    bytes: Vec<u8>,
}

/// The new value of one field.
#[derive(Debug, Clone)]
pub enum FieldValue {
    Text(String),
    Date(Date),
    Bool(bool),
    Texts(Vec<String>),
    /// Any TOML value (a phone table, a list of persons), as the form builds it.
    Toml(toml_edit::Value),
    /// Remove the field.
    Remove,
}

/// One field to change: of the agency itself, or of its service number `service` (0-based,
/// in file order).
#[derive(Debug, Clone)]
pub struct Edit {
    pub service: Option<usize>,
    pub field: String,
    pub value: FieldValue,
}

impl Edit {
    /// A field of the agency itself.
    pub fn agency(field: &str, value: FieldValue) -> Edit {
        Edit {
            service: None,
            field: field.to_string(),
            value,
        }
    }
}

/// `text` (from the file at `path`) as an editable document.
fn parse_document(text: &str, path: &Path) -> Result<DocumentMut, SaveError> {
    text.parse()
        .map_err(|e: toml_edit::TomlError| SaveError::Syntax {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })
}

impl Snapshot {
    /// The snapshot's text as an editable document, comments and formatting kept.
    pub(crate) fn document(&self) -> Result<DocumentMut, SaveError> {
        parse_document(&self.text(), &self.path)
    }

    /// Reads `path` for editing.
    pub fn read(path: &Path) -> Result<Snapshot, SaveError> {
        let bytes = crate::files::read_regular(path, crate::files::DATA_FILE_LIMIT).map_err(
            |e| match e {
                crate::files::ReadError::Io(e) => io(path)(e),
                other => io(path)(std::io::Error::other(other.to_string())),
            },
        )?;
        Ok(Snapshot {
            path: path.to_path_buf(),
            bytes,
        })
    }

    /// A file to add new entries to: read, or created empty when it does not exist yet (never
    /// replacing one that appears meanwhile).
    pub fn open_or_create(path: &Path) -> Result<Snapshot, SaveError> {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io(path)(e)),
        }
        Snapshot::read(path)
    }

    /// The text as read.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Whether the file on disk still holds exactly what was read.
    pub fn unchanged_on_disk(&self) -> Result<bool, SaveError> {
        match std::fs::read(&self.path) {
            Ok(now) => Ok(now == self.bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io(&self.path)(e)),
        }
    }
}

impl Snapshot {
    /// The text, a byte order mark from a Windows editor apart (it stays where it was).
    fn split_text(&self) -> Result<(&'static str, &str), SaveError> {
        let text = std::str::from_utf8(&self.bytes).map_err(|e| SaveError::Syntax {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        })
    }

    /// A document holding agency `id`: its entry alone, with where it is in the text (see
    /// [`entry`]), or — when it cannot be cut out cleanly — the whole text.
    pub(crate) fn entry(&self, id: &str) -> Result<(Option<Range<usize>>, DocumentMut), SaveError> {
        let (_, text) = self.split_text()?;
        if let entry::Cut::Found(r) = entry::find(text, id)
            && let Ok(mut doc) = text[r.clone()].parse::<DocumentMut>()
            && doc.len() == 1
            && doc
                .get("agency")
                .and_then(Item::as_array_of_tables)
                .is_some_and(|a| a.len() == 1)
            && find_agency(&mut doc, id).is_some()
        {
            return Ok((Some(r), doc));
        }
        Ok((None, parse_document(text, &self.path)?))
    }

    /// Agency `id`'s entry alone, as a snapshot of its own (the same path): what the form
    /// checks on every keystroke without going through the whole file again. The whole
    /// snapshot when the entry cannot be cut out; an empty one for a new agency (`None`).
    pub fn entry_alone(&self, id: Option<&str>) -> Result<Snapshot, SaveError> {
        let bytes = match id.map(|id| self.entry(id)).transpose()? {
            None => Vec::new(),
            Some((Some(r), _)) => self.split_text()?.1.as_bytes()[r].to_vec(),
            Some((None, _)) => return Ok(self.clone()),
        };
        Ok(Snapshot {
            path: self.path.clone(),
            bytes,
        })
    }
}

/// Applies `edits` to agency `id` in `doc`.
fn edit_in(doc: &mut DocumentMut, path: &Path, id: &str, edits: &[Edit]) -> Result<(), SaveError> {
    let agency = find_agency(doc, id).ok_or_else(|| SaveError::NotFound {
        path: path.to_path_buf(),
        id: id.to_string(),
    })?;
    for e in edits {
        let (table, order) = match e.service {
            None => (&mut *agency, AGENCY_FIELDS),
            Some(n) => (
                service_table(agency, n).ok_or_else(|| SaveError::NoService {
                    path: path.to_path_buf(),
                    id: id.to_string(),
                    number: n,
                })?,
                SERVICE_FIELDS,
            ),
        };
        set_field(table, &e.field, &e.value, order);
    }
    Ok(())
}

/// The snapshot's text with `edits` applied to agency `id`; nothing is written. The screen can
/// show it, and [`save`] writes it. Only the entry is read and written again; the text before
/// and after it is copied as it is.
pub fn apply(snapshot: &Snapshot, id: &str, edits: &[Edit]) -> Result<String, SaveError> {
    let (bom, text) = snapshot.split_text()?;
    let (range, mut doc) = snapshot.entry(id)?;
    edit_in(&mut doc, &snapshot.path, id, edits)?;
    Ok(match range {
        Some(r) => format!("{bom}{}{doc}{}", &text[..r.start], &text[r.end..]),
        None => format!("{bom}{doc}"),
    })
}

/// Agency `id`'s entry alone with `edits` applied (the whole file's text when the entry cannot
/// be cut out): what the form checks on every keystroke.
pub fn apply_entry(snapshot: &Snapshot, id: &str, edits: &[Edit]) -> Result<String, SaveError> {
    let (_, mut doc) = snapshot.entry(id)?;
    edit_in(&mut doc, &snapshot.path, id, edits)?;
    Ok(doc.to_string())
}

/// A new entry: `[[agency]]` with its `id`, then `edits`, as its own document.
fn new_entry(path: &Path, id: &str, edits: &[Edit]) -> Result<DocumentMut, SaveError> {
    let mut t = Table::new();
    t.insert("id", toml_edit::value(id));
    t.decor_mut().set_prefix("\n");
    let mut list = toml_edit::ArrayOfTables::new();
    list.push(t);
    let mut doc = DocumentMut::new();
    doc.insert("agency", Item::ArrayOfTables(list));
    edit_in(&mut doc, path, id, edits)?;
    Ok(doc)
}

/// «Нова установа»: the snapshot's text with a new `[[agency]]` (its `id`, then `edits`)
/// appended; refused when the file already has that id. The whole file is read first: text
/// added after a string left open would be swallowed by it.
pub fn apply_new(snapshot: &Snapshot, id: &str, edits: &[Edit]) -> Result<String, SaveError> {
    let path = &snapshot.path;
    let (bom, text) = snapshot.split_text()?;
    if find_agency(&mut parse_document(text, path)?, id).is_some() {
        return Err(SaveError::Exists {
            path: path.clone(),
            id: id.to_string(),
        });
    }
    let entry = new_entry(path, id, edits)?;
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Ok(format!("{bom}{text}{sep}{entry}"))
}

/// The new entry alone, as [`apply_new`] would add it to the file at `path`: what the form
/// checks (whether the id is taken is the directory's to say, and the save's).
pub fn apply_new_entry(path: &Path, id: &str, edits: &[Edit]) -> Result<String, SaveError> {
    Ok(new_entry(path, id, edits)?.to_string())
}

/// Adds a new agency to the file (see [`apply_new`]) with the same checked, atomic write as
/// [`save`].
pub fn save_new(snapshot: &Snapshot, id: &str, edits: &[Edit]) -> Result<Snapshot, SaveError> {
    let text = apply_new(snapshot, id, edits)?;
    write_checked(snapshot, text.into_bytes())
}

/// The problems `validate` would report for agency `id` once `edits` are applied, for the
/// form to show beside each field before saving. The file is checked on its own, so checks
/// that need the other files (a duplicate id elsewhere, a category declared in another file)
/// are left to `validate`.
pub fn check(
    snapshot: &Snapshot,
    id: &str,
    edits: &[Edit],
    opts: &crate::directory::LoadOptions,
) -> Result<Vec<crate::directory::Diagnostic>, SaveError> {
    let text = apply_entry(snapshot, id, edits)?;
    let name = snapshot.path.display().to_string();
    let dir = crate::directory::load_texts(&[(name.as_str(), text.as_str())], opts);
    Ok(dir
        .diagnostics
        .into_iter()
        .filter(|d| d.agency.as_deref() == Some(id))
        .collect())
}

/// The fields of agency `id` (`service.2.fee` for a service's) that differ between two
/// versions of its file, `before` and `now`, formatting and comments aside. `None` when the
/// agency is not in `now`.
pub fn changed_keys(
    before: &Snapshot,
    now: &Snapshot,
    id: &str,
) -> Result<Option<Vec<String>>, SaveError> {
    let (mut old, mut new) = (before.entry(id)?.1, now.entry(id)?.1);
    let Some(new_t) = find_agency(&mut new, id) else {
        return Ok(None);
    };
    let empty = Table::new();
    let old_t = find_agency(&mut old, id).map(|t| &*t).unwrap_or(&empty);
    let mut out = Vec::new();
    diff_tables(old_t, new_t, "", &mut out);
    Ok(Some(out))
}

/// Field names whose values differ (formatting and comments aside), services by number.
fn diff_tables(old: &Table, new: &Table, prefix: &str, out: &mut Vec<String>) {
    let value = |t: &Table, k: &str| t.get(k).map(|i| i.to_string().trim().to_string());
    let mut keys: Vec<String> = old.iter().map(|(k, _)| k.to_string()).collect();
    keys.extend(
        new.iter()
            .map(|(k, _)| k.to_string())
            .filter(|k| !old.contains_key(k)),
    );
    for k in keys {
        if k == "service" {
            let list = |t: &Table| {
                t.get("service")
                    .and_then(|i| i.as_array_of_tables())
                    .map(|a| a.iter().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            let (o, n) = (list(old), list(new));
            let empty = Table::new();
            for i in 0..o.len().max(n.len()) {
                let p = format!("{prefix}service.{}.", i + 1);
                diff_tables(
                    o.get(i).unwrap_or(&empty),
                    n.get(i).unwrap_or(&empty),
                    &p,
                    out,
                );
            }
        } else if value(old, &k) != value(new, &k) {
            out.push(format!("{prefix}{k}"));
        }
    }
}

/// A list of phones as the file writes them: a plain string, or `{ number, note }`.
pub fn phones_value(phones: &[(String, Option<String>)]) -> FieldValue {
    let mut a = toml_edit::Array::new();
    for (number, note) in phones {
        match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(note) => {
                let mut t = toml_edit::InlineTable::new();
                t.insert("number", number.trim().into());
                t.insert("note", note.into());
                a.push(toml_edit::Value::InlineTable(t));
            }
            None => {
                a.push(number.trim());
            }
        }
    }
    FieldValue::Toml(toml_edit::Value::Array(a))
}

/// A person as the file writes it: `{ name = …, title = …, phone = …, room = …, email = … }`,
/// empty parts left out.
pub fn person_value(name: &str, parts: &[(&str, &str)]) -> toml_edit::Value {
    let mut t = toml_edit::InlineTable::new();
    t.insert("name", name.trim().into());
    for (k, v) in parts {
        if !v.trim().is_empty() {
            t.insert(*k, v.trim().into());
        }
    }
    toml_edit::Value::InlineTable(t)
}

/// Applies `edits` to agency `id` and writes the file atomically — unless it changed on disk
/// since `snapshot` was read. Returns the new snapshot (the file as now written).
pub fn save(snapshot: &Snapshot, id: &str, edits: &[Edit]) -> Result<Snapshot, SaveError> {
    let text = apply(snapshot, id, edits)?;
    write_checked(snapshot, text.into_bytes())
}

/// How long a save waits for another process's save of the same file to finish.
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Windows refuses to replace (or open) a file that another program has open at that moment
/// without sharing it — a desk reading it, an antivirus scan, a save on a network share — and
/// the refusal passes within moments; it is tried again for up to [`LOCK_WAIT`].
pub(crate) fn passing_refusal(e: &std::io::Error) -> bool {
    cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied
}

/// The lock file beside the data files: saves of any file in the folder take turns on it.
/// It is a file of its own, never the data file, because Windows refuses to rename over a file
/// that is open and locked; it is never deleted (deleting a lock file races with a process that
/// has just opened it). Its name starts with a dot, so the loader and the watcher pass it by.
pub const LOCK_FILE: &str = ".refdesk.lock";

/// Writes `bytes` over the snapshot's file through a temporary file and a rename, holding the
/// folder's lock ([`LOCK_FILE`]) from the check to the rename.
pub(crate) fn write_checked(snapshot: &Snapshot, bytes: Vec<u8>) -> Result<Snapshot, SaveError> {
    let path = &snapshot.path;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(LOCK_FILE))
        .map_err(io(path))?;
    let started = Instant::now();
    loop {
        match held.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(SaveError::Busy { path: path.clone() });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(path)(e)),
        }
    }
    // Checked under the lock: a save that renamed its file in before this one took the lock
    // has changed the bytes at `path`.
    if !snapshot.unchanged_on_disk()? {
        return Err(SaveError::Changed { path: path.clone() });
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".refdesk-save-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io(path))?;
    tmp.write_all(&bytes).map_err(io(path))?;
    tmp.as_file().sync_all().map_err(io(path))?;
    // Keep the file's permissions (a shared folder's group write bit).
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    let started = Instant::now();
    let mut tmp = tmp;
    while let Err(e) = tmp.persist(path) {
        if !passing_refusal(&e.error) || started.elapsed() >= LOCK_WAIT {
            return Err(io(path)(e.error));
        }
        tmp = e.file;
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(held);
    Ok(Snapshot {
        path: path.clone(),
        bytes,
    })
}

/// The `[[agency]]` table whose `id` is `id`.
fn find_agency<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    doc.get_mut("agency")?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
}

/// The agency's `n`th `[[agency.service]]` table; the one past the last is a new service,
/// added at the end of the agency.
fn service_table(agency: &mut Table, n: usize) -> Option<&mut Table> {
    let list = agency
        .entry("service")
        .or_insert(Item::ArrayOfTables(toml_edit::ArrayOfTables::new()))
        .as_array_of_tables_mut()?;
    if n == list.len() {
        let mut t = Table::new();
        t.decor_mut().set_prefix("\n");
        list.push(t);
    }
    list.get_mut(n)
}

fn to_value(v: &FieldValue) -> Option<toml_edit::Value> {
    Some(match v {
        FieldValue::Text(s) => s.as_str().into(),
        FieldValue::Bool(b) => (*b).into(),
        FieldValue::Date(d) => date_value(*d),
        FieldValue::Texts(items) => {
            let mut a = toml_edit::Array::new();
            for i in items {
                a.push(i.as_str());
            }
            toml_edit::Value::Array(a)
        }
        FieldValue::Toml(v) => v.clone(),
        FieldValue::Remove => return None,
    })
}

/// Sets (or removes) one field, keeping the decor — leading comment, spacing, trailing
/// comment — of the value it replaces. A new field goes where the format lists it (`order`):
/// after the nearest field before it in that order that the table has.
fn set_field(table: &mut Table, field: &str, value: &FieldValue, order: &[&str]) {
    let Some(mut new) = to_value(value) else {
        table.remove(field);
        return;
    };
    if let Some(Item::Value(old)) = table.get_mut(field) {
        let decor = old.decor().clone();
        *new.decor_mut() = decor;
        *old = new;
        return;
    }
    table.insert(field, Item::Value(new));
    let before = order
        .iter()
        .position(|k| *k == field)
        .map_or(&[][..], |i| &order[..i]);
    if let Some(after) = before.iter().rev().find(|k| table.contains_key(k)) {
        move_after(table, field, after);
    }
}

/// Moves key `field` to just after key `after`, keeping every key's formatting.
fn move_after(table: &mut Table, field: &str, after: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let Some(pos) = keys.iter().position(|k| k == after) else {
        return;
    };
    let tail: Vec<&String> = keys[pos + 1..].iter().filter(|k| *k != field).collect();
    let Some(moved) = table.remove_entry(field) else {
        return;
    };
    let mut rest = Vec::new();
    for k in tail {
        if let Some(e) = table.remove_entry(k) {
            rest.push(e);
        }
    }
    table.insert_formatted(&moved.0, moved.1);
    for (k, v) in rest {
        table.insert_formatted(&k, v);
    }
}

/// A TOML date (no time, no offset).
pub(crate) fn date_value(d: Date) -> toml_edit::Value {
    toml_edit::Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

#[cfg(test)]
mod tests;

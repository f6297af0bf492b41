//! Reading the package: the descriptor, the CSV tables (UTF-8 or Windows-1251), and what in
//! them has no place in format v1.

use super::*;
use crate::files::{DATA_FILE_LIMIT, ReadError, read_regular};
use std::path::{Component, PathBuf};

pub(super) type Row = HashMap<String, String>;

/// One CSV table as read.
#[derive(Debug, Default)]
pub(super) struct Tab {
    /// File name without `.csv`, for reports (`services.url`).
    pub(super) stem: String,
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Row>,
}

impl Tab {
    pub(super) fn has(&self, col: &str) -> bool {
        self.headers.iter().any(|h| h == col)
    }
}

pub(super) fn g<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

pub(super) fn o(r: &Row, k: &str) -> Option<String> {
    Some(g(r, k).to_string()).filter(|s| !s.is_empty())
}

/// Trims a cell and drops one pair of quotes around a number, which some exporters add to keep
/// a phone number from being read as a number (`"+44 1234 234567"` in the official example).
/// Quotes around text are the text's own (`"Юрист поруч"`) and stay.
pub(super) fn clean(v: &str) -> String {
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

/// Columns the import carries over (possibly only in some cases, which are then reported one
/// by one); any other column with a value is reported as not mapped.
#[allow(clippy::too_many_lines)] // a table of column names (data)
pub(super) fn understood(resource: &str) -> &'static [&'static str] {
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
            "refdesk_successor",
            "refdesk_alert",
            "refdesk_serves",
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
pub(super) const READ: &[(&str, &str)] = &[
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

/// Where a path named in the package leads.
#[derive(Debug)]
pub(super) enum Place {
    File(PathBuf),
    Missing,
    /// Absolute, `..`, a URL, or a link to a file outside the package folder.
    Outside,
    /// A folder, a FIFO, a device: never read (a FIFO would block the import).
    NotAFile,
}

/// The package folder. Every path the import reads goes through [`Folder::resolve`], so nothing
/// outside the folder is ever opened, whatever `datapackage.json` says.
pub(super) struct Folder {
    pub(super) dir: PathBuf,
    canon: Option<PathBuf>,
}

impl Folder {
    pub(super) fn new(dir: &Path) -> Folder {
        Folder {
            dir: dir.to_path_buf(),
            canon: dir.canonicalize().ok(),
        }
    }

    pub(super) fn resolve(&self, rel: &str) -> Place {
        let plain = !rel.is_empty()
            && !rel.contains("://")
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !plain {
            return Place::Outside;
        }
        let full = self.dir.join(rel);
        match std::fs::metadata(&full) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Place::Missing,
            Ok(m) if !m.is_file() => return Place::NotAFile,
            // Readable or not, it is a file: reading it reports what is wrong.
            _ => {}
        }
        match (full.canonicalize(), &self.canon) {
            (Ok(c), Some(base)) if c.starts_with(base) => Place::File(full),
            _ => Place::Outside,
        }
    }
}

/// `datapackage.json`, if the package has one as a file inside it.
pub(super) fn read_descriptor(
    folder: &Folder,
    imp: &mut Imp,
) -> Result<Option<serde_json::Value>, HsdsError> {
    const NAME: &str = "datapackage.json";
    match folder.resolve(NAME) {
        Place::File(p) => {
            let bytes = read_file(&p)?;
            serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|source| HsdsError::Json { path: p, source })
        }
        Place::Missing if folder.dir.is_dir() => Ok(None),
        Place::Missing => Err(HsdsError::Io {
            path: folder.dir.clone(),
            source: std::io::ErrorKind::NotFound.into(),
        }),
        place => {
            imp.path_problem(None, NAME, &place);
            Ok(None)
        }
    }
}

/// (resource name, path) of every resource the descriptor names with one path.
pub(super) fn descriptor_paths(descriptor: Option<&serde_json::Value>) -> Vec<(String, String)> {
    let Some(res) = descriptor
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.as_array())
    else {
        return Vec::new();
    };
    res.iter()
        .filter_map(|r| {
            let name = r.get("name")?.as_str()?;
            let path = match r.get("path")? {
                serde_json::Value::String(p) => p.as_str(),
                // A resource in one chunk may be written as a list of one path.
                serde_json::Value::Array(a) if a.len() == 1 => a[0].as_str()?,
                _ => return None,
            };
            Some((name.to_string(), path.to_string()))
        })
        .collect()
}

/// A file of the package: a regular file only (whatever replaced it since it was resolved), at
/// most [`DATA_FILE_LIMIT`] bytes, opened without blocking.
fn read_file(path: &Path) -> Result<Vec<u8>, HsdsError> {
    read_regular(path, DATA_FILE_LIMIT).map_err(|e| match e {
        ReadError::Io(source) => HsdsError::Io {
            path: path.to_path_buf(),
            source,
        },
        ReadError::TooBig { limit } => HsdsError::TooBig {
            path: path.to_path_buf(),
            limit,
        },
        ReadError::NotRegular => HsdsError::NotAFile(path.to_path_buf()),
    })
}

pub(super) fn count_rows(path: &Path) -> Result<usize, HsdsError> {
    let bytes = read_file(path)?;
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    Ok(r.byte_records().filter_map(Result::ok).count())
}

impl Imp {
    pub(super) fn read_table(&mut self, path: &Path) -> Result<Tab, HsdsError> {
        let bytes = read_file(path)?;
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

    /// Reads the tables the import knows: from the descriptor's paths, else (or where a path
    /// leads nowhere) from their usual file names. Returns the descriptor's paths that led
    /// nowhere, and every file name claimed by a known table.
    pub(super) fn read_tables(
        &mut self,
        folder: &Folder,
        named: &[(String, String)],
    ) -> Result<(Vec<String>, HashSet<String>), HsdsError> {
        let mut broken = Vec::new();
        let mut claimed = HashSet::new();
        for (res, default) in READ {
            let mut file = None;
            let path = named.iter().find(|(n, _)| n == res).map(|(_, p)| p);
            if let Some(p) = path {
                claimed.insert(p.clone());
                match folder.resolve(p) {
                    Place::File(f) => file = Some(f),
                    place => {
                        self.path_problem(Some(res), p, &place);
                        broken.push(p.clone());
                    }
                }
            }
            if file.is_none() {
                claimed.insert(default.to_string());
                if let Place::File(f) = folder.resolve(default) {
                    file = Some(f);
                }
            }
            if let Some(f) = file {
                let tab = self.read_table(&f)?;
                self.tabs.insert(res, tab);
            }
        }
        Ok((broken, claimed))
    }

    /// A path that cannot be read, said in a note. `res` is the resource the descriptor names
    /// it for; `None` for a file found in the folder.
    pub(super) fn path_problem(&mut self, res: Option<&str>, path: &str, place: &Place) {
        let (uk, en) = match (place, res) {
            (Place::File(_), _) | (Place::Missing, None) => return,
            (Place::Missing, Some(r)) => (
                format!("datapackage.json називає для «{r}» файл {path}, якого в пакеті немає"),
                format!("datapackage.json names {path} for \"{r}\", which is not in the package"),
            ),
            (Place::Outside, Some(r)) => (
                format!(
                    "datapackage.json: шлях {path} для «{r}» веде за межі пакета — не прочитано"
                ),
                format!(
                    "datapackage.json: the path {path} for \"{r}\" leads outside the package — not read"
                ),
            ),
            (Place::Outside, None) => (
                format!("{path} — посилання за межі пакета, не прочитано"),
                format!("{path} links outside the package — not read"),
            ),
            (Place::NotAFile, _) => (
                format!("{path} — не звичайний файл, не прочитано"),
                format!("{path} is not a regular file — not read"),
            ),
        };
        self.note(uk, en);
    }

    /// Tables refdesk has no place for (programs, funding, languages, …), named in the
    /// descriptor or lying in the folder.
    pub(super) fn report_other_tables(
        &mut self,
        folder: &Folder,
        named: &[(String, String)],
        claimed: &HashSet<String>,
    ) -> Result<(), HsdsError> {
        // (resource name if the descriptor names it, path)
        let mut files: Vec<(Option<String>, String)> = named
            .iter()
            .filter(|(_, p)| !claimed.contains(p))
            .map(|(n, p)| (Some(n.clone()), p.clone()))
            .collect();
        if let Ok(entries) = std::fs::read_dir(&folder.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".csv")
                    && !claimed.contains(&name)
                    && !files.iter().any(|(_, p)| *p == name)
                {
                    files.push((None, name));
                }
            }
        }
        files.sort_by(|a, b| a.1.cmp(&b.1));
        for (res, f) in files {
            let p = match folder.resolve(&f) {
                Place::File(p) => p,
                place => {
                    self.path_problem(res.as_deref(), &f, &place);
                    continue;
                }
            };
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

    pub(super) fn report_unknown_columns(&mut self) {
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
}

/// The columns the import joins on, per table: its own `id` and its references.
pub(super) const KEYS: &[(&str, &[&str])] = &[
    ("organization", &["id"]),
    ("service", &["id"]),
    ("location", &["id"]),
    ("service_at_location", &["id", "service_id", "location_id"]),
    ("address", &["location_id"]),
    (
        "phone",
        &[
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
        ],
    ),
    (
        "contact",
        &[
            "id",
            "organization_id",
            "service_id",
            "service_at_location_id",
            "location_id",
        ],
    ),
    (
        "schedule",
        &["service_id", "location_id", "service_at_location_id"],
    ),
    ("required_document", &["service_id"]),
    ("accessibility", &["location_id"]),
    ("attribute", &["link_id"]),
];

/// Every table's rows by the value of each column in [`KEYS`], built once, so that a join is a
/// lookup and the import takes time linear in the package's size. An empty cell is no key: it
/// joins nothing.
#[derive(Debug, Default)]
pub(super) struct Index(HashMap<(&'static str, &'static str), HashMap<String, Vec<usize>>>);

impl Index {
    pub(super) fn build(tabs: &HashMap<&'static str, Tab>) -> Index {
        let mut by = HashMap::new();
        for (res, cols) in KEYS {
            let Some(tab) = tabs.get(res) else { continue };
            for col in *cols {
                let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, r) in tab.rows.iter().enumerate() {
                    let key = g(r, col);
                    if !key.is_empty() {
                        rows.entry(key.to_string()).or_default().push(i);
                    }
                }
                by.insert((*res, *col), rows);
            }
        }
        Index(by)
    }

    /// The rows of `res` whose `col` is `key`, in file order; none for an empty key.
    pub(super) fn rows(&self, res: &'static str, col: &'static str, key: &str) -> &[usize] {
        if key.is_empty() {
            return &[];
        }
        self.0
            .get(&(res, col))
            .and_then(|m| m.get(key))
            .map_or(&[], Vec::as_slice)
    }

    /// The rows of `res` whose `col` is any of `keys`, in file order, each once.
    pub(super) fn rows_any<'k>(
        &self,
        res: &'static str,
        col: &'static str,
        keys: impl IntoIterator<Item = &'k str>,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = keys
            .into_iter()
            .flat_map(|k| self.rows(res, col, k).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_numbers_lose_their_quotes_quoted_text_keeps_them() {
        assert_eq!(clean(" \"+44 1234 234567\" "), "+44 1234 234567");
        assert_eq!(clean("plain"), "plain");
        assert_eq!(clean("\""), "\"");
        // Quotes that belong to the text are kept.
        assert_eq!(clean("\"Юрист поруч\""), "\"Юрист поруч\"");
        assert_eq!(clean("\"за домовленістю\""), "\"за домовленістю\"");
    }
}

//! Reading the package: the descriptor, the CSV tables (UTF-8 or Windows-1251), and what in
//! them has no place in format v1.

use super::*;

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
            "refdesk_alert",
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

pub(super) fn read_descriptor(dir: &Path) -> Result<Option<serde_json::Value>, HsdsError> {
    let p = dir.join("datapackage.json");
    match std::fs::read(&p) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| HsdsError::Json { path: p, source }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if dir.is_dir() {
                Ok(None)
            } else {
                Err(HsdsError::Io { path: p, source: e })
            }
        }
        Err(source) => Err(HsdsError::Io { path: p, source }),
    }
}

pub(super) fn count_rows(path: &Path) -> Result<usize, HsdsError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|source| HsdsError::Csv {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(r.byte_records().filter_map(Result::ok).count())
}

impl Imp {
    pub(super) fn read_table(&mut self, path: &Path) -> Result<Tab, HsdsError> {
        let bytes = std::fs::read(path).map_err(|source| HsdsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
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

    /// Tables refdesk has no place for (programs, funding, languages, …), named in the
    /// descriptor or lying in the folder.
    pub(super) fn report_other_tables(
        &mut self,
        dir: &Path,
        paths: &HashMap<String, String>,
        claimed: &HashSet<String>,
    ) -> Result<(), HsdsError> {
        let mut files: Vec<String> = paths
            .values()
            .filter(|p| !claimed.contains(*p))
            .cloned()
            .collect();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.ends_with(".csv") && !claimed.contains(&name) && !files.contains(&name) {
                    files.push(name);
                }
            }
        }
        files.sort();
        for f in files {
            let p = dir.join(&f);
            if !p.is_file() {
                continue;
            }
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

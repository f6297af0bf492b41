//! Why a package could not be read or written, said in the user's language (the CSV and JSON
//! readers' own words are English).

/// Why a package could not be read or written. [`HsdsError::message`] says it in the user's
/// language; `Display` is the Ukrainian message.
#[derive(Debug)]
pub enum HsdsError {
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    Csv {
        path: std::path::PathBuf,
        source: csv::Error,
    },
    Json {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
    /// A file of the package over the size limit.
    TooBig {
        path: std::path::PathBuf,
        limit: u64,
    },
    /// A file that was replaced by a FIFO, a device or a folder while the package was read.
    NotAFile(std::path::PathBuf),
    /// No descriptor and none of the main tables.
    NotAPackage(std::path::PathBuf),
    /// A descriptor that names none of the main tables, and none lies in the folder.
    NoTables(std::path::PathBuf),
    /// A descriptor whose paths lead to no file in the package (missing, or outside it).
    MissingFiles {
        dir: std::path::PathBuf,
        paths: Vec<String>,
    },
}

/// The CSV reader's error in Ukrainian (the crate's own words are English), with its line.
fn csv_uk(e: &csv::Error) -> String {
    let line =
        |p: Option<&csv::Position>| p.map_or(String::new(), |p| format!(" (рядок {})", p.line()));
    match e.kind() {
        csv::ErrorKind::Io(io) => crate::i18n::io_error(io, crate::i18n::Lang::Uk),
        csv::ErrorKind::Utf8 { pos, .. } => {
            format!(
                "текст не в кодуванні UTF-8 — збережіть файл як UTF-8{}",
                line(pos.as_ref())
            )
        }
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            const FIELD: crate::i18n::Noun = crate::i18n::Noun {
                uk: ["поле", "поля", "полів"],
                en: ["field", "fields"],
            };
            let uk = crate::i18n::Lang::Uk;
            format!(
                "у рядку {}, а в заголовку {}{}",
                FIELD.count(uk, *len),
                FIELD.count(uk, *expected_len),
                line(pos.as_ref())
            )
        }
        _ => format!("файл пошкоджено{}", line(e.position())),
    }
}

impl HsdsError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::{En, Uk};
        match (self, lang) {
            (HsdsError::Io { path, source }, _) => {
                format!(
                    "{}: {}",
                    path.display(),
                    crate::i18n::io_error(source, lang)
                )
            }
            (HsdsError::Csv { path, source }, Uk) => {
                format!(
                    "{}: не вдалося прочитати CSV: {}",
                    path.display(),
                    csv_uk(source)
                )
            }
            (HsdsError::Csv { path, source }, En) => {
                format!("{}: cannot read the CSV: {source}", path.display())
            }
            (HsdsError::Json { path, source }, Uk) => {
                use serde_json::error::Category;
                let what = match source.classify() {
                    Category::Eof => "файл обірвано",
                    Category::Syntax => "синтаксична помилка",
                    Category::Data => "неочікуване значення",
                    Category::Io => "помилка читання",
                };
                format!(
                    "{}: це не правильний JSON — {what} (рядок {}, позиція {})",
                    path.display(),
                    source.line(),
                    source.column()
                )
            }
            (HsdsError::Json { path, source }, En) => {
                format!("{}: not valid JSON: {source}", path.display())
            }
            (HsdsError::TooBig { path, limit }, Uk) => format!(
                "{}: файл більший за {} МБ — такий пакет не імпортується",
                path.display(),
                limit / (1024 * 1024)
            ),
            (HsdsError::TooBig { path, limit }, En) => format!(
                "{}: the file is larger than {} MB — such a package is not imported",
                path.display(),
                limit / (1024 * 1024)
            ),
            (HsdsError::NotAFile(p), Uk) => format!("{}: не звичайний файл", p.display()),
            (HsdsError::NotAFile(p), En) => format!("{}: not a regular file", p.display()),
            (HsdsError::NotAPackage(d), Uk) => format!(
                "{}: це не пакет HSDS — немає ні datapackage.json, ні organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::NotAPackage(d), En) => format!(
                "{}: not an HSDS package — there is neither datapackage.json nor organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::NoTables(d), Uk) => format!(
                "{}: datapackage.json не називає таблиць organization, location чи service, і файлів organizations.csv / locations.csv / services.csv немає",
                d.display()
            ),
            (HsdsError::NoTables(d), En) => format!(
                "{}: datapackage.json names no organization, location or service table, and there is no organizations.csv / locations.csv / services.csv",
                d.display()
            ),
            (HsdsError::MissingFiles { dir, paths }, Uk) => format!(
                "{}: datapackage.json називає файли, яких у пакеті немає: {} — виправте шляхи (path) у datapackage.json або покладіть файли туди, куди вони вказують",
                dir.display(),
                paths.join(", ")
            ),
            (HsdsError::MissingFiles { dir, paths }, En) => format!(
                "{}: datapackage.json names files that are not in the package: {} — correct the paths in datapackage.json or put the files where they point",
                dir.display(),
                paths.join(", ")
            ),
        }
    }
}

impl std::fmt::Display for HsdsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::Uk))
    }
}

/// The cause is part of the message, so `{e:#}` doesn't say it twice.
impl std::error::Error for HsdsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_json_faults_are_said_in_ukrainian_with_their_line() {
        let csv_fault = |text: &str| {
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let e = r.records().find_map(Result::err).expect("a fault");
            HsdsError::Csv {
                path: "t.csv".into(),
                source: e,
            }
            .message(crate::i18n::Lang::Uk)
        };
        assert_eq!(
            csv_fault("id,name\n1,a,b\n"),
            "t.csv: не вдалося прочитати CSV: у рядку 3 поля, а в заголовку 2 поля (рядок 2)"
        );
        let json = HsdsError::Json {
            path: "d.json".into(),
            source: serde_json::from_str::<serde_json::Value>("{bad").unwrap_err(),
        };
        let uk = json.message(crate::i18n::Lang::Uk);
        assert_eq!(
            uk,
            "d.json: це не правильний JSON — синтаксична помилка (рядок 1, позиція 2)"
        );
        assert!(
            json.message(crate::i18n::Lang::En)
                .contains("key must be a string")
        );
    }
}

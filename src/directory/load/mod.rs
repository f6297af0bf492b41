//! Reading directory files into the model, with a diagnostic for every problem.
//!
//! The TOML is parsed into spanned values (`toml::de::DeTable`) and walked by hand rather than
//! deserialised with serde, because a data maintainer needs every problem at once, each at its
//! own line and column, and one bad entry must never hide the others. When a file is not even
//! valid TOML, it is split at its `[[agency]]` / `[[category]]` headers and each part is parsed
//! on its own, so only the broken entry is lost.
//!
//! Rooms: this file reads files and folders and walks each document; `entries` builds the
//! agencies, categories and the `[directory]` table and checks them against the whole
//! directory; `fields` is the typed field reader over a `DeTable`; `values` reads the composite
//! values (phones, people, hours, services, abbreviations) through it; `messages` holds the
//! texts that are more than one line of a match.

use super::diagnostic::{Diagnostic, LineIndex, Severity};
use super::model::*;
use crate::files::{DATA_FILE_LIMIT, ReadError, read_regular};
use crate::i18n::Lang;
use crate::{grammar, hours, phone};
use jiff::civil::Date;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod entries;
/// The fields the format knows, in its order: a field the edit form adds goes in its place.
pub(crate) use entries::{AGENCY_FIELDS, PERSON_FIELDS, SERVICE_FIELDS};
mod fields;
mod messages;
#[cfg(test)]
mod serves_tests;
mod values;

use entries::*;
use fields::*;
pub(in crate::directory) use messages::toml_message;
use messages::*;

/// The desks' correction reports in a data folder (maintain reads and writes them); never read
/// as agencies.
pub const CORRECTIONS_FILE: &str = "corrections.toml";

/// Whether `path` names the correction reports.
fn is_corrections_file(path: &str) -> bool {
    Path::new(path)
        .file_name()
        .is_some_and(|n| n == CORRECTIONS_FILE)
}

/// What the loader needs to know about the world: today's date (injected, so that tests never
/// depend on the clock) and the language of the messages.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub today: Date,
    pub lang: Lang,
}

/// Loads a folder (recursively, `*.toml` in sorted path order) or a single file.
pub fn load_path(path: &Path, opts: &LoadOptions) -> Directory {
    let mut dir = load_path_undated(path, opts.lang);
    check_dates(&mut dir, opts.today, opts.lang);
    dir
}

/// [`load_path`] without the checks that depend on today's date: what the parsed-directory
/// cache keeps.
pub(crate) fn load_path_undated(path: &Path, lang: Lang) -> Directory {
    let mut files = Vec::new();
    let mut io_problems = Vec::new();
    if path.is_dir() {
        collect_toml(path, &mut files, &mut io_problems, lang);
        files.sort();
        if files.is_empty() && io_problems.is_empty() {
            io_problems.push(Diagnostic {
                severity: Severity::Error,
                file: path.display().to_string(),
                line: 1,
                column: 1,
                code: "no-files",
                message: lang
                    .pick(
                        "у цій теці немає жодного файлу *.toml — перевірте шлях у --data або REFDESK_DATA",
                        "there is no *.toml file in this folder — check the path given with --data or REFDESK_DATA",
                    )
                    .to_string(),
                agency: None,
            });
        }
    } else {
        files.push(path.to_path_buf());
    }
    let mut texts = Vec::new();
    for f in &files {
        match read_regular(f, DATA_FILE_LIMIT) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => texts.push((f.display().to_string(), t)),
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let text = String::from_utf8_lossy(valid);
                    let idx = LineIndex::new(&text);
                    let (line, column) = idx.line_col(&text, text.len());
                    io_problems.push(Diagnostic {
                        severity: Severity::Error,
                        file: f.display().to_string(),
                        line,
                        column,
                        code: "encoding",
                        message: lang
                            .pick(
                                "файл не в кодуванні UTF-8 — збережіть його в кодуванні UTF-8",
                                "the file is not UTF-8 — save it as UTF-8",
                            )
                            .to_string(),
                        agency: None,
                    })
                }
            },
            Err(e) => io_problems.push(Diagnostic {
                severity: Severity::Error,
                file: f.display().to_string(),
                line: 1,
                column: 1,
                code: match e {
                    ReadError::NotRegular => "not-a-file",
                    ReadError::TooBig { .. } => "too-big",
                    ReadError::Io(_) => "io",
                },
                message: read_error_message(&e, lang),
                agency: None,
            }),
        }
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut dir = load_texts_undated(&refs, lang);
    // Every file found counts, also one that could not be read: it is reported below.
    dir.files = files.iter().map(|f| f.display().to_string()).collect();
    dir.diagnostics.extend(io_problems);
    sort_diagnostics(&mut dir.diagnostics);
    dir
}

/// The files `load_path` would read, in the same order (the parsed-directory cache keys on
/// them).
pub(crate) fn source_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut files = Vec::new();
        collect_toml(path, &mut files, &mut Vec::new(), Lang::En);
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>, lang: Lang) {
    let mut seen = std::collections::HashSet::new();
    collect_toml_in(dir, out, problems, lang, &mut seen);
}

/// `seen` holds the real paths of the folders already walked, so that a symbolic link back up
/// the tree is not followed round and round.
fn collect_toml_in(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
    lang: Lang,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    if let Ok(real) = dir.canonicalize()
        && !seen.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Diagnostic {
                severity: Severity::Error,
                file: dir.display().to_string(),
                line: 1,
                column: 1,
                code: "io",
                message: format!(
                    "{}: {}",
                    lang.pick(
                        "не вдалося прочитати теку — перевірте, що вона існує і доступна для читання",
                        "cannot read the folder — check that it exists and is readable"
                    ),
                    crate::i18n::io_error(&e, lang)
                ),
                agency: None,
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            collect_toml_in(&p, out, problems, lang, seen);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// The built-in demo directory, compiled into the binary from `data/`.
pub fn load_demo(opts: &LoadOptions) -> Directory {
    load_texts(crate::demo::FILES, opts)
}

/// Loads named texts as one directory, in the order given.
pub fn load_texts(files: &[(&str, &str)], opts: &LoadOptions) -> Directory {
    let mut dir = load_texts_undated(files, opts.lang);
    check_dates(&mut dir, opts.today, opts.lang);
    dir
}

/// The checks that depend on today, made on a loaded directory: an entry verified more than a
/// year ago is stale (a warning); one "verified" in the future is an error, and the entry is
/// left out as if the date were missing. True when an entry was left out (so values derived
/// from the directory before, such as a cached search index, no longer match it).
pub fn check_dates(dir: &mut Directory, today: Date, lang: Lang) -> bool {
    let mut future = Vec::new();
    for (i, a) in dir.agencies.iter().enumerate() {
        let (line, column, severity, code, message) = if a.verified > today {
            future.push(i);
            let (l, c) = a.origin.verified;
            let m = future_message(a.verified, lang);
            (l, c, Severity::Error, "future-verified", m)
        } else if a.is_stale(today) {
            let m = match lang {
                Lang::Uk => format!(
                    "дані перевірено {} — понад 12 місяців тому; перевірте запис і оновіть \"verified\"",
                    a.verified.strftime("%d.%m.%Y")
                ),
                Lang::En => format!(
                    "last verified {} — more than 12 months ago; check the entry and update \"verified\"",
                    a.verified
                ),
            };
            (a.origin.line, 1, Severity::Warning, "stale", m)
        } else {
            continue;
        };
        dir.diagnostics.push(Diagnostic {
            severity,
            file: a.origin.file.clone(),
            line,
            column,
            code,
            message,
            agency: Some(a.id.clone()),
        });
    }
    for s in &dir.skipped_dates {
        if s.date > today {
            dir.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                file: s.file.clone(),
                line: s.at.0,
                column: s.at.1,
                code: "future-verified",
                message: future_message(s.date, lang),
                agency: s.agency.clone(),
            });
        }
    }
    let left_out = !future.is_empty();
    if left_out {
        let mut keep = vec![true; dir.agencies.len()];
        for i in future {
            keep[i] = false;
        }
        let mut keep = keep.into_iter();
        dir.agencies.retain(|_| keep.next().unwrap_or(true));
    }
    sort_diagnostics(&mut dir.diagnostics);
    left_out
}

/// [`load_texts`] without the checks that depend on today's date.
fn load_texts_undated(files: &[(&str, &str)], lang: Lang) -> Directory {
    let mut loader = Loader {
        lang,
        skipped_categories: Vec::new(),
        skipped_dates: Vec::new(),
        diags: Vec::new(),
        agencies: Vec::new(),
        declared: Vec::new(),
        meta: DirectoryMeta::default(),
        thesaurus: Vec::new(),
    };
    for (name, text) in files {
        loader.file(name, text);
    }
    let mut dir = loader.finish();
    dir.files = files.iter().map(|(n, _)| n.to_string()).collect();
    dir
}

fn sort_diagnostics(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
}

/// An agency read from a file, before the checks that need the whole directory.
struct Pending {
    agency: Agency,
    category_at: Pos,
    id_at: Pos,
    serves_at: Pos,
}

#[derive(Clone, Copy, Debug)]
struct Pos {
    line: usize,
    column: usize,
}

struct Loader {
    lang: Lang,
    /// Category, its position, file and id of entries left out for other errors.
    skipped_categories: Vec<(String, Pos, String, Option<String>)>,
    skipped_dates: Vec<SkippedDate>,
    diags: Vec<Diagnostic>,
    agencies: Vec<Pending>,
    declared: Vec<(Category, String, Pos)>,
    meta: DirectoryMeta,
    thesaurus: Vec<crate::directory::thesaurus::Entry>,
}

/// One source text (or a part of one) being walked.
struct Src<'a> {
    name: &'a str,
    text: &'a str,
    index: LineIndex,
    /// Byte offset of the parsed part within `text`.
    base: usize,
}

impl Src<'_> {
    fn pos(&self, span: &Range<usize>) -> Pos {
        let (line, column) = self.index.line_col(self.text, self.base + span.start);
        Pos { line, column }
    }
}

impl Loader {
    fn msg(&self, uk: &str, en: &str) -> String {
        self.lang.pick(uk, en).to_string()
    }

    fn push(
        &mut self,
        sev: Severity,
        src: &Src,
        at: Pos,
        code: &'static str,
        message: String,
        agency: Option<&str>,
    ) {
        // A diagnostic is one `file:line:column: …` line, whatever a parser's message holds.
        let message = if message.contains(['\n', '\r']) {
            message.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            message
        };
        self.diags.push(Diagnostic {
            severity: sev,
            file: src.name.to_string(),
            line: at.line,
            column: at.column,
            code,
            message,
            agency: agency.map(str::to_string),
        });
    }

    fn file(&mut self, name: &str, text: &str) {
        // The desks' correction reports are not agencies: `refdesk corrections` and `validate`
        // read them (maintain::corrections, which takes the name from here).
        if is_corrections_file(name) {
            return;
        }
        // A data folder's thesaurus is words, not agencies.
        if crate::directory::thesaurus::is_thesaurus_file(name) {
            let (entries, diags) = crate::directory::thesaurus::parse(name, text, self.lang);
            self.thesaurus.extend(entries);
            self.diags.extend(diags);
            return;
        }
        // A BOM is common from Windows editors and harmless.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let base = text.len() - body.len();
        match DeTable::parse(body) {
            Ok(table) => {
                let src = Src {
                    name,
                    text,
                    index: LineIndex::new(text),
                    base,
                };
                self.document(&src, table.get_ref());
            }
            Err(whole) => {
                // Parse each entry on its own so that one syntax error loses only its entry.
                let index = LineIndex::new(text);
                let mut part_failed = false;
                for part in split_entries(body) {
                    let chunk = &body[part.clone()];
                    let src = Src {
                        name,
                        text,
                        index: index.clone(),
                        base: base + part.start,
                    };
                    match DeTable::parse(chunk) {
                        Ok(table) => self.document(&src, table.get_ref()),
                        Err(e) => {
                            part_failed = true;
                            let at = src.pos(&e.span().unwrap_or(0..0));
                            let what = toml_message(e.message(), self.lang);
                            let message = match self.lang {
                                Lang::Uk => format!(
                                    "синтаксична помилка TOML: {what} — виправте цей рядок; запис, що його містить, пропущено, решту файлу завантажено"
                                ),
                                Lang::En => format!(
                                    "TOML syntax error: {what} — fix this line; the entry containing it was skipped, the rest of the file was loaded"
                                ),
                            };
                            self.push(Severity::Error, &src, at, "syntax", message, None);
                        }
                    }
                }
                if !part_failed {
                    // Each entry is fine alone; the file as a whole is not (e.g. a table
                    // defined twice). The entries are loaded, and the error still shown.
                    let src = Src {
                        name,
                        text,
                        index,
                        base,
                    };
                    let at = src.pos(&whole.span().unwrap_or(0..0));
                    let what = toml_message(whole.message(), self.lang);
                    let message = match self.lang {
                        Lang::Uk => {
                            format!("синтаксична помилка TOML: {what} — виправте цей рядок")
                        }
                        Lang::En => format!("TOML syntax error: {what} — fix this line"),
                    };
                    self.push(Severity::Error, &src, at, "syntax", message, None);
                }
            }
        }
    }

    fn document(&mut self, src: &Src, table: &DeTable) {
        for (key, value) in table.iter() {
            let k = key.get_ref().as_ref();
            match k {
                "agency" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items.iter() {
                            match item.get_ref() {
                                DeValue::Table(t) => self.agency(src, t, item.span()),
                                _ => {
                                    self.wrong_type(src, item.span(), "agency", "[[agency]]", None)
                                }
                            }
                        }
                    }
                    _ => self.wrong_type(src, value.span(), "agency", "[[agency]]", None),
                },
                "category" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items.iter() {
                            match item.get_ref() {
                                DeValue::Table(t) => self.category(src, t, item.span()),
                                _ => self.wrong_type(
                                    src,
                                    item.span(),
                                    "category",
                                    "[[category]]",
                                    None,
                                ),
                            }
                        }
                    }
                    _ => self.wrong_type(src, value.span(), "category", "[[category]]", None),
                },
                "directory" => match value.get_ref() {
                    DeValue::Table(t) => self.directory_meta(src, t, value.span()),
                    _ => self.wrong_type(src, value.span(), "directory", "[directory]", None),
                },
                _ => self.unknown_field(src, key, TOP_LEVEL, None),
            }
        }
    }

    fn wrong_type(
        &mut self,
        src: &Src,
        span: Range<usize>,
        field: &str,
        expected: &str,
        agency: Option<&str>,
    ) {
        let at = src.pos(&span);
        let message = match self.lang {
            Lang::Uk => format!("поле \"{field}\" має бути {expected}"),
            Lang::En => format!("field \"{field}\" must be {expected}"),
        };
        self.push(Severity::Error, src, at, "wrong-type", message, agency);
    }

    fn unknown_field(
        &mut self,
        src: &Src,
        key: &Spanned<toml::de::DeString>,
        known: &[&str],
        agency: Option<&str>,
    ) {
        let k = key.get_ref().as_ref();
        // A near miss by edit distance, or a plural or shortened form («agencies», «phone»).
        let stem = |w: &str| -> String {
            let w = w.trim_end_matches('s');
            w.strip_suffix("ie")
                .unwrap_or(w)
                .trim_end_matches('y')
                .to_string()
        };
        let best = known
            .iter()
            .map(|c| (strsim::damerau_levenshtein(k, c), *c))
            .min()
            .filter(|(d, c)| *d <= 2.max(c.len() / 4))
            .or_else(|| {
                known
                    .iter()
                    .find(|c| c.len() >= 4 && stem(k) == stem(c))
                    .map(|c| (0, *c))
            });
        let at = src.pos(&key.span());
        let message = match (self.lang, best) {
            (Lang::Uk, Some((_, c))) => format!("невідоме поле \"{k}\" — можливо, \"{c}\"?"),
            (Lang::En, Some((_, c))) => format!("unknown field \"{k}\" — did you mean \"{c}\"?"),
            (Lang::Uk, None) => format!(
                "невідоме поле \"{k}\" — його буде проігноровано; допустимі поля: {}",
                known.join(", ")
            ),
            (Lang::En, None) => format!(
                "unknown field \"{k}\" — it is ignored; known fields: {}",
                known.join(", ")
            ),
        };
        self.push(Severity::Warning, src, at, "unknown-field", message, agency);
    }
}

/// Splits a document at its top-level `[[agency]]`, `[[category]]` and `[directory]` headers.
fn split_entries(text: &str) -> Vec<Range<usize>> {
    let mut cuts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let header = ["[[agency]]", "[[category]]", "[directory]"]
            .iter()
            .any(|h| t.starts_with(h));
        if header && offset > 0 {
            cuts.push(offset);
        }
        offset += line.len();
    }
    cuts.push(text.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

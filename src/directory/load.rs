//! Reading directory files into the model, with a diagnostic for every problem.
//!
//! The TOML is parsed into spanned values (`toml::de::DeTable`) and walked by hand rather than
//! deserialised with serde, because a data maintainer needs every problem at once, each at its
//! own line and column, and one bad entry must never hide the others. When a file is not even
//! valid TOML, it is split at its `[[agency]]` / `[[category]]` headers and each part is parsed
//! on its own, so only the broken entry is lost.

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

/// What the loader needs to know about the world: today's date (injected, so that tests never
/// depend on the clock) and the language of the messages.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub today: Date,
    pub lang: Lang,
}

/// A loaded directory: every agency that could be read, and every problem found.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub meta: DirectoryMeta,
    pub agencies: Vec<Agency>,
    pub categories: Vec<Category>,
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, in load order.
    pub files: Vec<String>,
    /// Where values derived from this directory (the search index) may be cached: set only
    /// when it was loaded through the parsed-directory cache and has not been changed since.
    /// Whoever edits a loaded directory in memory must clear it.
    pub cache: Option<super::cache::CacheHandle>,
    /// The dates of entries left out for other errors, for [`check_dates`].
    pub skipped_dates: Vec<SkippedDate>,
    /// The data folder's own thesaurus entries (`thesaurus.toml`), added to the built-in ones.
    pub thesaurus: Vec<crate::search::thesaurus::Entry>,
}

impl Directory {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// Ids closest to `id` by edit distance, for "did you mean" on an unknown id.
    /// The ids most like `id`, best first; a name or short name that holds `id` (`ДПС`) counts
    /// as near too.
    pub fn nearest_ids(&self, id: &str, n: usize) -> Vec<&str> {
        let lower = id.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .agencies
            .iter()
            .map(|a| {
                let mut s = strsim::jaro_winkler(id, &a.id);
                if a.id.contains(id) {
                    s += 0.5;
                }
                let named = |t: &str| t.to_lowercase().contains(&lower);
                if !lower.is_empty()
                    && (named(&a.name) || a.short_name.as_deref().is_some_and(named))
                {
                    s += 0.6;
                }
                (s, a.id.as_str())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(n).map(|(_, id)| id).collect()
    }
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

/// What to do about a file that could not be read.
fn read_error_message(e: &ReadError, lang: Lang) -> String {
    match e {
        ReadError::NotRegular => lang
            .pick(
                "це не звичайний файл (канал, пристрій чи сокет) — довідник читається лише зі звичайних файлів *.toml; приберіть його з теки",
                "not a regular file (a pipe, device or socket) — the directory is read only from regular *.toml files; remove it from the folder",
            )
            .to_string(),
        ReadError::TooBig { limit } => match lang {
            Lang::Uk => format!(
                "файл більший за {} МБ — розділіть його на кілька файлів *.toml",
                limit / (1024 * 1024)
            ),
            Lang::En => format!(
                "the file is larger than {} MB — split it into several *.toml files",
                limit / (1024 * 1024)
            ),
        },
        ReadError::Io(e) => format!(
            "{}: {}",
            lang.pick(
                "не вдалося прочитати файл — перевірте права доступу до нього",
                "cannot read the file — check its permissions"
            ),
            crate::i18n::io_error(e, lang)
        ),
    }
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
/// left out as if the date were missing.
pub fn check_dates(dir: &mut Directory, today: Date, lang: Lang) {
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
    if !future.is_empty() {
        let mut keep = vec![true; dir.agencies.len()];
        for i in future {
            keep[i] = false;
        }
        let mut keep = keep.into_iter();
        dir.agencies.retain(|_| keep.next().unwrap_or(true));
        // Values derived from the cached directory no longer match this one.
        dir.cache = None;
    }
    sort_diagnostics(&mut dir.diagnostics);
}

fn future_message(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!(
            "дата перевірки {date} ще не настала — вкажіть день, коли запис справді перевірили"
        ),
        Lang::En => format!(
            "verification date {date} is in the future — give the day the entry was actually checked"
        ),
    }
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
    thesaurus: Vec<crate::search::thesaurus::Entry>,
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

const AGENCY_FIELDS: &[&str] = &[
    "id",
    "name",
    "short_name",
    "name_genitive",
    "gender",
    "category",
    "topics",
    "description",
    "remote",
    "locality",
    "district",
    "province",
    "country",
    "address",
    "postcode",
    "address_note",
    "accessibility",
    "coordinates",
    "phones",
    "email",
    "website",
    "hours",
    "lunch",
    "reception",
    "hours_note",
    "head",
    "contacts",
    "verified",
    "verified_by",
    "status",
    "successor",
    "alert",
    "notes",
    "service",
];
const SERVICE_FIELDS: &[&str] = &[
    "name",
    "description",
    "topics",
    "appointment",
    "booking",
    "documents",
    "steps",
    "eligibility",
    "fee",
    "duration",
    "online",
    "contacts",
    "hours",
];
const PERSON_FIELDS: &[&str] = &["name", "title", "phone", "room", "email"];
const PHONE_FIELDS: &[&str] = &["number", "note"];
const CATEGORY_FIELDS: &[&str] = &["id", "name", "name_en"];
const DIRECTORY_FIELDS: &[&str] = &["name", "demo", "note", "abbreviation"];
const ABBREVIATION_FIELDS: &[&str] = &["short", "full", "genitive", "locative", "accusative"];
const TOP_LEVEL: &[&str] = &["agency", "category", "directory"];

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
        // read them (crate::maintain::corrections).
        if crate::maintain::corrections::is_corrections_file(name) {
            return;
        }
        // A data folder's thesaurus is words, not agencies.
        if crate::search::thesaurus::is_thesaurus_file(name) {
            let (entries, diags) = crate::search::thesaurus::parse(name, text, self.lang);
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

    fn directory_meta(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let mut f = Fields::new(self, src, t, span, DIRECTORY_FIELDS, None);
        let name = f.opt_str("name");
        let demo = f.opt_bool("demo");
        let note = f.opt_str("note");
        let abbreviations = f.abbreviations("abbreviation");
        f.finish();
        self.meta.abbreviations.extend(abbreviations);
        if name.is_some() {
            self.meta.name = name;
        }
        if let Some(d) = demo {
            self.meta.demo |= d;
        }
        if note.is_some() {
            self.meta.note = note;
        }
    }

    fn category(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let at = src.pos(&span);
        let mut f = Fields::new(self, src, t, span, CATEGORY_FIELDS, None);
        let id = f.req_str("id");
        let name = f.req_str("name");
        let name_en = f.opt_str("name_en");
        let ok = f.finish();
        if let (true, Some(id), Some(name)) = (ok, id, name) {
            self.declared
                .push((Category { id, name, name_en }, src.name.to_string(), at));
        }
    }

    fn agency(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let origin_at = src.pos(&span);
        let id_hint = t
            .iter()
            .find(|(k, _)| k.get_ref() == "id")
            .and_then(|(_, v)| match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            });
        let mut f = Fields::new(self, src, t, span.clone(), AGENCY_FIELDS, id_hint.clone());
        let id = f.req_str("id");
        let id_at = f.pos_of("id").unwrap_or(origin_at);
        if let Some(id) = &id {
            let valid = id
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                let m = f.l.msg(
                    "ідентифікатор має складатися з малих латинських літер, цифр і дефісів і починатися з літери чи цифри, напр. \"zt-dps-cop\"",
                    "id must be lowercase Latin letters, digits and hyphens, starting with a letter or digit, e.g. \"zt-dps-cop\"",
                );
                f.error_at("id", "invalid-value", m);
            }
        }
        let name = f.req_str("name");
        let short_name = f.opt_str("short_name");
        let name_genitive = f.opt_str("name_genitive");
        let gender = f.opt_enum("gender", Gender::parse, "\"m\", \"f\", \"n\", \"pl\"");
        let category = f.req_str("category");
        let category_at = f.pos_of("category").unwrap_or(origin_at);
        let topics = f.str_array("topics");
        let description = f.opt_str("description");
        let remote = f.opt_bool("remote").unwrap_or(false);
        let (locality, address) = if remote {
            (f.opt_str("locality"), f.opt_str("address"))
        } else {
            (
                f.req_str_because("locality", true),
                f.req_str_because("address", true),
            )
        };
        let district = f.opt_str("district");
        let province = f.opt_str("province");
        let country = f
            .opt_enum(
                "country",
                country_code,
                "\"PL\", \"US\", \"GB\" … (ISO 3166-1)",
            )
            .filter(|c| c != "UA");
        let postcode = f.opt_str("postcode");
        let address_note = f.opt_str("address_note");
        let accessibility = f.opt_str("accessibility");
        let coordinates = f.coordinates("coordinates");
        let phones = f.phones("phones");
        let email = f.opt_str("email");
        let website = f.opt_str("website");
        let hours = f.hours("hours", true);
        let lunch = f.lunch("lunch");
        let reception = f.hours("reception", false);
        let hours_note = f.opt_str("hours_note");
        let head = f.person("head");
        let contacts = f.persons("contacts");
        let verified = f.date("verified");
        let verified_at = f.get("verified").map_or(origin_at, |v| src.pos(&v.span()));
        let verified_by = f.opt_str("verified_by");
        let status = f
            .opt_enum(
                "status",
                Status::parse,
                "\"active\", \"temporarily-closed\", \"closed\"",
            )
            .unwrap_or_default();
        let successor = f.opt_str("successor");
        let alert = f.opt_str("alert");
        let notes = f.opt_str("notes");
        let services = f.services("service");
        let ok = f.finish();
        let complete = ok && name.is_some() && hours.is_some();
        let (Some(id), Some(name), Some(category), Some(hours), Some(verified), true) = (
            id.clone(),
            name,
            category.clone(),
            hours,
            verified,
            complete,
        ) else {
            // Left out, but still checked against the whole directory and the date, so that
            // every problem of the entry is reported in one run.
            if let Some(c) = category {
                self.skipped_categories
                    .push((c, category_at, src.name.to_string(), id.clone()));
            }
            if let Some(date) = verified {
                self.skipped_dates.push(SkippedDate {
                    file: src.name.to_string(),
                    at: (verified_at.line, verified_at.column),
                    date,
                    agency: id,
                });
            }
            return;
        };
        let agency = Agency {
            id,
            name,
            short_name,
            name_genitive,
            gender,
            category,
            topics,
            description,
            remote,
            locality,
            district,
            province,
            country,
            address,
            postcode,
            address_note,
            accessibility,
            coordinates,
            phones,
            email,
            website,
            hours,
            lunch,
            reception,
            hours_note,
            head,
            contacts,
            verified,
            verified_by,
            status,
            successor,
            alert,
            notes,
            services,
            origin: Origin {
                file: src.name.to_string(),
                line: origin_at.line,
                verified: (verified_at.line, verified_at.column),
            },
        };
        self.entry_warnings(src, &agency, origin_at);
        self.agencies.push(Pending {
            agency,
            category_at,
            id_at,
        });
    }

    /// Warnings that concern a whole, otherwise valid entry.
    fn entry_warnings(&mut self, src: &Src, a: &Agency, at: Pos) {
        let id = Some(a.id.as_str());
        if a.head.is_none() && a.contacts.is_empty() {
            let m = self.msg(
                "немає ні \"head\", ні \"contacts\" — додайте керівника або фахівця з ПІБ і телефоном: настанова вимагає називати конкретну особу",
                "neither \"head\" nor \"contacts\" — add the head or a specialist with full name and phone: a referral should name a person",
            );
            self.push(Severity::Warning, src, at, "no-contact", m, id);
        }
        let latin = visible_texts(a)
            .into_iter()
            .flat_map(|(field, text)| {
                grammar::latin_words(text)
                    .into_iter()
                    .map(move |w| format!("\"{w}\" ({field})"))
            })
            .collect::<Vec<_>>();
        if !latin.is_empty() {
            let m = match self.lang {
                Lang::Uk => format!(
                    "англійські слова в тексті, який бачить або чує відвідувач: {} — напишіть українською",
                    latin.join(", ")
                ),
                Lang::En => format!(
                    "English words in text the visitor sees or hears: {} — write it in Ukrainian",
                    latin.join(", ")
                ),
            };
            self.push(Severity::Warning, src, at, "english-word", m, id);
        }
        let has_genitive = a.name_genitive.is_some() || grammar::genitive(&a.name).is_some();
        let has_gender = a.gender.is_some() || grammar::head_gender(&a.name).is_some();
        if !(has_genitive && has_gender) {
            let m = self.msg(
                "фразу для зачитування не можна побудувати граматично — додайте \"name_genitive\" (назва після «звернутися до …») і \"gender\" (\"m\", \"f\", \"n\" або \"pl\")",
                "the read-out phrase cannot be built grammatically — add \"name_genitive\" (the name after «звернутися до …») and \"gender\" (\"m\", \"f\", \"n\" or \"pl\")",
            );
            self.push(Severity::Warning, src, at, "no-genitive", m, id);
        }
    }

    /// A closed agency should name where its visitors go now: the phrase and the slip send
    /// them there, and never to the closed address.
    fn successor_warnings(&mut self, agencies: &[Agency]) {
        for a in agencies {
            let (uk, en) = match (&a.successor, a.status) {
                (None, Status::Closed) => (
                    "установу закрито, але не вказано, куди звертатися замість неї — додайте \"successor\" з ідентифікатором установи, що її замінила".to_string(),
                    "the agency is closed but names no successor — add \"successor\" with the id of the agency that replaced it".to_string(),
                ),
                (Some(s), _) => match agencies.iter().find(|b| b.id == *s) {
                    None => (
                        format!("\"successor\": установи \"{s}\" в довіднику немає — вкажіть ідентифікатор наявної установи"),
                        format!("\"successor\": there is no agency \"{s}\" in the directory — give the id of an existing one"),
                    ),
                    Some(b) if b.status != Status::Active => (
                        format!("\"successor\": установа \"{s}\" теж не працює — вкажіть чинну"),
                        format!("\"successor\": agency \"{s}\" is not active either — name an active one"),
                    ),
                    Some(_) => continue,
                },
                _ => continue,
            };
            let message = self.lang.pick(&uk, &en).to_string();
            self.diags.push(Diagnostic {
                severity: Severity::Warning,
                file: a.origin.file.clone(),
                line: a.origin.line,
                column: 1,
                code: "successor",
                message,
                agency: Some(a.id.clone()),
            });
        }
    }

    fn finish(mut self) -> Directory {
        let mut categories: Vec<Category> = BUILTIN_CATEGORIES
            .iter()
            .map(|(id, uk, en)| Category {
                id: id.to_string(),
                name: uk.to_string(),
                name_en: Some(en.to_string()),
            })
            .collect();
        for (c, _, _) in std::mem::take(&mut self.declared) {
            match categories.iter_mut().find(|x| x.id == c.id) {
                Some(existing) => *existing = c,
                None => categories.push(c),
            }
        }

        let mut agencies = Vec::new();
        let mut first_seen: HashMap<String, Origin> = HashMap::new();
        let mut name_addr: HashMap<(String, String), Origin> = HashMap::new();
        for p in std::mem::take(&mut self.agencies) {
            let a = p.agency;
            let src_name = a.origin.file.clone();
            let diag = |sev, at: Pos, code, message: String| Diagnostic {
                severity: sev,
                file: src_name.clone(),
                line: at.line,
                column: at.column,
                code,
                message,
                agency: Some(a.id.clone()),
            };
            if let Some(first) = first_seen.get(&a.id) {
                let m = match self.lang {
                    Lang::Uk => format!(
                        "повторний ідентифікатор \"{}\", уперше визначений у {first} — дайте цьому запису інший \"id\"",
                        a.id
                    ),
                    Lang::En => format!(
                        "duplicate id \"{}\", first defined at {first} — give this entry another \"id\"",
                        a.id
                    ),
                };
                self.diags
                    .push(diag(Severity::Error, p.id_at, "duplicate-id", m));
                continue;
            }
            if let Some(m) = unknown_category(&categories, &a.category, self.lang) {
                self.diags
                    .push(diag(Severity::Error, p.category_at, "unknown-category", m));
                continue;
            }
            if let Some(addr) = &a.address {
                let key = (a.name.trim().to_lowercase(), addr.trim().to_lowercase());
                if let Some(first) = name_addr.get(&key) {
                    let m = match self.lang {
                        Lang::Uk => format!(
                            "установа з такою самою назвою та адресою вже є у {first} — можливо, це дублікат"
                        ),
                        Lang::En => format!(
                            "an agency with the same name and address is already at {first} — possibly a duplicate"
                        ),
                    };
                    let at = Pos {
                        line: a.origin.line,
                        column: 1,
                    };
                    self.diags
                        .push(diag(Severity::Warning, at, "duplicate-agency", m));
                } else {
                    name_addr.insert(key, a.origin.clone());
                }
            }
            first_seen.insert(a.id.clone(), a.origin.clone());
            agencies.push(a);
        }
        self.successor_warnings(&agencies);
        sort_diagnostics(&mut self.diags);
        for (category, at, file, agency) in std::mem::take(&mut self.skipped_categories) {
            if let Some(message) = unknown_category(&categories, &category, self.lang) {
                self.diags.push(Diagnostic {
                    severity: Severity::Error,
                    file,
                    line: at.line,
                    column: at.column,
                    code: "unknown-category",
                    message,
                    agency,
                });
            }
        }
        sort_diagnostics(&mut self.diags);
        Directory {
            meta: self.meta,
            agencies,
            categories,
            diagnostics: self.diags,
            files: Vec::new(),
            cache: None,
            skipped_dates: self.skipped_dates,
            thesaurus: self.thesaurus,
        }
    }
}

/// The message for a category that is neither built in nor declared, with the nearest one.
fn unknown_category(categories: &[Category], category: &str, lang: Lang) -> Option<String> {
    if categories.iter().any(|c| c.id == category) {
        return None;
    }
    let nearest = categories
        .iter()
        .map(|c| (strsim::damerau_levenshtein(category, &c.id), c.id.as_str()))
        .min()
        .map(|(_, c)| c)
        .unwrap_or("other");
    Some(match lang {
        Lang::Uk => format!(
            "невідома категорія \"{category}\" — можливо, \"{nearest}\"? Власну категорію оголосіть через [[category]]"
        ),
        Lang::En => format!(
            "unknown category \"{category}\" — did you mean \"{nearest}\"? Declare your own with [[category]]"
        ),
    })
}

/// The TOML parser's message, in Ukrainian where its parts are known (they are English in the
/// parser); an unknown part stays as the parser wrote it.
pub(super) fn toml_message(message: &str, lang: Lang) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if lang == Lang::En {
        return message;
    }
    const PARTS: &[(&str, &str)] = &[
        ("string values must be quoted", "текст треба взяти в лапки"),
        ("expected literal string", ""),
        ("invalid basic string", "рядок не закрито лапками"),
        ("invalid literal string", "рядок не закрито лапками"),
        (
            "invalid multi-line basic string",
            "багаторядковий рядок не закрито",
        ),
        (
            "invalid multi-line literal string",
            "багаторядковий рядок не закрито",
        ),
        ("unclosed array table", "заголовок [[…]] не закрито"),
        ("unclosed inline table", "таблицю { … } не закрито"),
        ("unclosed table", "заголовок […] не закрито"),
        ("unclosed array", "масив [ … ] не закрито"),
        ("duplicate key", "такий ключ у цій таблиці вже є"),
        ("key with no value", "ключ без значення"),
        ("invalid date", "неправильна дата"),
        (
            "expected month between 01 and 12",
            "місяць має бути від 01 до 12",
        ),
        ("invalid fraction", "неправильне дробове число"),
        ("expected digits", "бракує цифр"),
    ];
    message
        .split(", ")
        .filter_map(|part| {
            if let Some((_, uk)) = PARTS.iter().find(|(en, _)| *en == part) {
                return Some(uk.to_string()).filter(|s| !s.is_empty());
            }
            match part.strip_prefix("expected ") {
                Some(what) => Some(format!("бракує {what}")),
                None => Some(part.to_string()),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byte offset, within a TOML string's source `raw` (quotes included), of the character at
/// `index` (counted in characters) of its value: escapes, a line-ending backslash and the line
/// break after opening triple quotes are walked over as the TOML parser reads them.
fn string_offset(raw: &str, index: usize) -> usize {
    let (delim, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return 0;
    };
    let rest = |i: usize| raw.get(i..).unwrap_or("");
    let mut i = delim;
    if delim == 3 {
        if rest(i).starts_with("\r\n") {
            i += 2;
        } else if rest(i).starts_with('\n') {
            i += 1;
        }
    }
    let mut n = 0;
    while let Some(c) = rest(i).chars().next() {
        let next = rest(i + 1).chars().next();
        if basic && c == '\\' && matches!(next, Some(' ' | '\t' | '\r' | '\n')) {
            // A line-ending backslash: it and the whitespace up to the next text are no part
            // of the value.
            i += 1;
            i += rest(i).len() - rest(i).trim_start().len();
            continue;
        }
        if n == index {
            return i;
        }
        if basic && c == '\\' {
            match next {
                Some('u') => i += 6,
                Some('U') => i += 10,
                Some(e) => i += 1 + e.len_utf8(),
                None => return i,
            }
        } else {
            i += c.len_utf8();
        }
        n += 1;
    }
    i.min(raw.len())
}

/// The agency's texts a visitor sees on a slip or hears in the phrase, with their field names.
fn visible_texts(a: &Agency) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = vec![("name", &a.name)];
    fn opt<'a>(out: &mut Vec<(&'static str, &'a str)>, f: &'static str, v: &'a Option<String>) {
        if let Some(v) = v {
            out.push((f, v.as_str()));
        }
    }
    fn people<'a>(out: &mut Vec<(&'static str, &'a str)>, ps: impl Iterator<Item = &'a Person>) {
        for p in ps {
            out.extend(p.title.as_deref().map(|t| ("title", t)));
            out.extend(p.room.as_deref().map(|t| ("room", t)));
        }
    }
    opt(&mut out, "address", &a.address);
    opt(&mut out, "address_note", &a.address_note);
    opt(&mut out, "hours_note", &a.hours_note);
    opt(&mut out, "alert", &a.alert);
    out.extend(
        a.phones
            .iter()
            .filter_map(|p| p.note.as_deref().map(|n| ("phones", n))),
    );
    people(&mut out, a.head.iter().chain(&a.contacts));
    for s in &a.services {
        out.push(("service.name", &s.name));
        opt(&mut out, "booking", &s.booking);
        opt(&mut out, "fee", &s.fee);
        opt(&mut out, "online", &s.online);
        out.extend(s.documents.iter().map(|d| ("documents", d.as_str())));
        out.extend(s.steps.iter().map(|d| ("steps", d.as_str())));
        people(&mut out, s.contacts.iter());
    }
    out
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

/// Reads the fields of one table, remembering which were used so that the rest can be reported
/// as unknown, and counting errors so that the caller can skip a broken entry.
struct Fields<'l, 's, 't, 'i> {
    l: &'l mut Loader,
    src: &'s Src<'s>,
    table: &'t DeTable<'i>,
    span: Range<usize>,
    known: &'static [&'static str],
    errors: usize,
    agency: Option<String>,
}

impl<'l, 's, 't, 'i> Fields<'l, 's, 't, 'i> {
    fn new(
        l: &'l mut Loader,
        src: &'s Src<'s>,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        known: &'static [&'static str],
        agency: Option<String>,
    ) -> Self {
        Fields {
            l,
            src,
            table,
            span,
            known,
            errors: 0,
            agency,
        }
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn pos_of(&self, key: &str) -> Option<Pos> {
        self.get(key).map(|v| self.src.pos(&v.span()))
    }

    fn report(&mut self, sev: Severity, at: Pos, code: &'static str, message: String) {
        if sev == Severity::Error {
            self.errors += 1;
        }
        let agency = self.agency.clone();
        self.l
            .push(sev, self.src, at, code, message, agency.as_deref());
    }

    fn error_at(&mut self, key: &str, code: &'static str, message: String) {
        let at = self.pos_of(key).unwrap_or_else(|| self.src.pos(&self.span));
        self.report(Severity::Error, at, code, message);
    }

    fn missing(&mut self, key: &str, extra: bool) {
        let at = self.src.pos(&self.span);
        let m = match (self.l.lang, extra) {
            (Lang::Uk, false) => format!(
                "бракує обов'язкового поля \"{key}\" — додайте його до цього запису; запис пропущено"
            ),
            (Lang::En, false) => format!(
                "missing required field \"{key}\" — add it to this entry; the entry was skipped"
            ),
            (Lang::Uk, true) => format!(
                "бракує поля \"{key}\", обов'язкового для установи з фізичною адресою — додайте його або вкажіть remote = true для телефонної чи онлайн-служби; запис пропущено"
            ),
            (Lang::En, true) => format!(
                "missing field \"{key}\", required unless the agency is remote — add it, or set remote = true for a phone or online service; the entry was skipped"
            ),
        };
        self.report(Severity::Error, at, "missing-field", m);
    }

    fn type_error(
        &mut self,
        v: &Spanned<DeValue>,
        key: &str,
        expected_uk: &str,
        expected_en: &str,
    ) {
        let at = self.src.pos(&v.span());
        let m = match self.l.lang {
            Lang::Uk => format!("поле \"{key}\" має бути {expected_uk}; запис пропущено"),
            Lang::En => format!("field \"{key}\" must be {expected_en}; the entry was skipped"),
        };
        self.report(Severity::Error, at, "wrong-type", m);
    }

    /// Where the `index`-th character of the string value `v` stands in the file, seeing through
    /// quotes, escapes and multi-line strings.
    fn pos_in_string(&self, v: &Spanned<DeValue>, index: usize) -> Pos {
        let span = v.span();
        let raw = self
            .src
            .text
            .get(self.src.base + span.start..self.src.base + span.end)
            .unwrap_or("");
        let at = span.start + string_offset(raw, index);
        self.src.pos(&(at..at))
    }

    fn check_text(&mut self, v: &Spanned<DeValue>, s: &str) {
        // A line break in a multi-line string is text, also as CRLF from a Windows editor.
        // Bidirectional overrides are invisible and reorder what is shown around them.
        let bad = s.char_indices().find(|&(i, c)| {
            (c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
                && c != '\n'
                && !(c == '\r' && s[i + 1..].starts_with('\n'))
        });
        if let Some((i, c)) = bad {
            let at = self.pos_in_string(v, s[..i].chars().count());
            let m = match self.l.lang {
                Lang::Uk => format!(
                    "керівний символ U+{:04X} у тексті — приберіть його: на екрані й у друці він не відображається",
                    c as u32
                ),
                Lang::En => format!(
                    "control character U+{:04X} in the text — remove it: it cannot be shown or printed",
                    c as u32
                ),
            };
            self.report(Severity::Warning, at, "control-character", m);
        }
    }

    fn str_value(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                self.check_text(v, s);
                Some(s.replace("\r\n", "\n"))
            }
            _ => {
                self.type_error(v, key, "рядком у лапках", "a quoted string");
                None
            }
        }
    }

    fn opt_str(&mut self, key: &str) -> Option<String> {
        let v = self.get(key)?;
        let s = self.str_value(v, key)?;
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    }

    fn req_str(&mut self, key: &str) -> Option<String> {
        self.req_str_because(key, false)
    }

    fn req_str_because(&mut self, key: &str, remote_rule: bool) -> Option<String> {
        match self.get(key) {
            None => {
                self.missing(key, remote_rule);
                None
            }
            Some(v) => {
                let s = self.str_value(v, key)?;
                if s.trim().is_empty() {
                    self.missing(key, remote_rule);
                    return None;
                }
                Some(s.trim().to_string())
            }
        }
    }

    fn opt_bool(&mut self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(v, key, "true або false", "true or false");
                None
            }
        }
    }

    fn opt_enum<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> Option<T> {
        let v = self.get(key)?;
        let s = self.str_value(v, key)?;
        match parse(s.trim()) {
            Some(t) => Some(t),
            None => {
                let at = self.src.pos(&v.span());
                let m = match self.l.lang {
                    Lang::Uk => {
                        format!("недопустиме значення \"{s}\" поля \"{key}\" — можливі: {allowed}")
                    }
                    Lang::En => {
                        format!("invalid value \"{s}\" for \"{key}\" — use one of {allowed}")
                    }
                };
                self.report(Severity::Error, at, "invalid-value", m);
                None
            }
        }
    }

    fn str_array(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    if !matches!(item.get_ref(), DeValue::String(_)) {
                        self.type_error(
                            item,
                            key,
                            "масивом рядків: кожен елемент — рядок у лапках",
                            "an array of strings: every item a quoted string",
                        );
                        continue;
                    }
                    if let Some(s) = self.str_value(item, key) {
                        let s = s.trim().to_string();
                        if !s.is_empty() {
                            out.push(s);
                        }
                    }
                }
                out
            }
            _ => {
                self.type_error(
                    v,
                    key,
                    "масивом рядків, напр. [\"паспорт\", \"РНОКПП\"]",
                    "an array of strings, e.g. [\"passport\", \"tax number\"]",
                );
                Vec::new()
            }
        }
    }

    fn coordinates(&mut self, key: &str) -> Option<(f64, f64)> {
        let v = self.get(key)?;
        let nums: Option<Vec<f64>> = match v.get_ref() {
            DeValue::Array(items) if items.len() == 2 => items
                .iter()
                .map(|i| match i.get_ref() {
                    DeValue::Float(f) => f.as_str().parse().ok(),
                    DeValue::Integer(n) => n.as_str().parse().ok(),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match nums.as_deref() {
            Some(&[lat, lon])
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some((lat, lon))
            }
            _ => {
                self.type_error(
                    v,
                    key,
                    "парою чисел [широта, довгота], напр. [50.2547, 28.6587]",
                    "a pair [lat, lon], e.g. [50.2547, 28.6587]",
                );
                None
            }
        }
    }

    fn phone_value(&mut self, v: &Spanned<DeValue>, key: &str, raw: &str) -> Option<phone::Phone> {
        match phone::parse(raw) {
            Ok(p) => Some(p),
            Err(e) => {
                let at = self.src.pos(&v.span());
                let lang = self.l.lang;
                let e = e.message_in(lang);
                let m = match lang {
                    Lang::Uk => format!("поле \"{key}\": {e}"),
                    Lang::En => format!("field \"{key}\": {e}"),
                };
                self.report(Severity::Error, at, "invalid-phone", m);
                None
            }
        }
    }

    fn phone_entry(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<PhoneEntry> {
        match v.get_ref() {
            DeValue::String(s) => {
                let raw = s.trim().to_string();
                let number = self.phone_value(v, key, &raw)?;
                Some(PhoneEntry {
                    raw,
                    number,
                    note: None,
                })
            }
            DeValue::Table(t) => {
                let mut sub = Fields::new(
                    self.l,
                    self.src,
                    t,
                    v.span(),
                    PHONE_FIELDS,
                    self.agency.clone(),
                );
                let raw = sub.req_str("number");
                let note = sub.opt_str("note");
                let number = match (&raw, sub.get("number")) {
                    (Some(r), Some(nv)) => sub.phone_value(nv, key, r),
                    _ => None,
                };
                let ok = sub.finish();
                self.errors += usize::from(!ok);
                Some(PhoneEntry {
                    raw: raw?,
                    number: number?,
                    note,
                })
            }
            _ => {
                self.type_error(
                    v,
                    key,
                    "рядком \"+380 44 123 45 67\" або таблицею { number = \"…\", note = \"…\" }",
                    "a string \"+380 44 123 45 67\" or a table { number = \"…\", note = \"…\" }",
                );
                None
            }
        }
    }

    fn phones(&mut self, key: &str) -> Vec<PhoneEntry> {
        let Some(v) = self.get(key) else {
            self.missing(key, false);
            return Vec::new();
        };
        let items: Vec<&Spanned<DeValue>> = match v.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            // A single phone written without brackets is accepted: it is obvious what was meant.
            DeValue::String(_) | DeValue::Table(_) => vec![v],
            _ => {
                self.type_error(v, key, "масивом телефонів", "an array of phones");
                return Vec::new();
            }
        };
        let errors_before = self.errors;
        let out: Vec<PhoneEntry> = items
            .into_iter()
            .filter_map(|i| self.phone_entry(i, key))
            .collect();
        if out.is_empty() && self.errors == errors_before {
            self.missing(key, false);
        }
        out
    }

    fn hours(&mut self, key: &str, required: bool) -> Option<HoursField> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(key, false);
            }
            return None;
        };
        let raw = self.str_value(v, key)?;
        match hours::parse(&raw) {
            Ok(parsed) => Some(HoursField { raw, parsed }),
            Err(e) => {
                self.hours_error(v, key, e);
                None
            }
        }
    }

    fn hours_error(&mut self, v: &Spanned<DeValue>, key: &str, e: hours::HoursError) {
        let at = self.pos_in_string(v, e.offset);
        // The parser's message already says what is wrong and how to write it.
        let lang = self.l.lang;
        let m = match lang {
            Lang::Uk => format!("поле \"{key}\" не розпізнано: {}", e.message_in(lang)),
            Lang::En => format!("cannot read \"{key}\": {}", e.message_in(lang)),
        };
        self.report(Severity::Error, at, "invalid-hours", m);
    }

    fn lunch(&mut self, key: &str) -> Option<LunchField> {
        let v = self.get(key)?;
        let raw = self.str_value(v, key)?;
        match hours::parse_lunch(&raw) {
            Ok(parsed) => Some(LunchField { raw, parsed }),
            Err(e) => {
                self.hours_error(v, key, e);
                None
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let Some(v) = self.get(key) else {
            self.missing(key, false);
            return None;
        };
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
                _ => None,
            },
            DeValue::String(s) => s.trim().parse::<Date>().ok(),
            _ => None,
        };
        let Some(date) = parsed else {
            self.type_error(
                v,
                key,
                "датою у форматі РРРР-ММ-ДД, напр. 2026-10-15",
                "a date YYYY-MM-DD, e.g. 2026-10-15",
            );
            return None;
        };
        Some(date)
    }

    fn person_value(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<Person> {
        let DeValue::Table(t) = v.get_ref() else {
            self.type_error(
                v,
                key,
                "таблицею { name = \"Прізвище Ім'я По батькові\", title = \"…\", phone = \"…\" }",
                "a table { name = \"…\", title = \"…\", phone = \"…\" }",
            );
            return None;
        };
        let mut sub = Fields::new(
            self.l,
            self.src,
            t,
            v.span(),
            PERSON_FIELDS,
            self.agency.clone(),
        );
        let name = sub.req_str("name");
        let title = sub.opt_str("title");
        let phone = match sub.get("phone") {
            Some(pv) => sub.phone_entry(pv, "phone"),
            None => None,
        };
        let room = sub.opt_str("room");
        let email = sub.opt_str("email");
        let ok = sub.finish();
        if !ok {
            self.errors += 1;
            return None;
        }
        Some(Person {
            name: name?,
            title,
            phone,
            room,
            email,
        })
    }

    fn person(&mut self, key: &str) -> Option<Person> {
        let v = self.get(key)?;
        self.person_value(v, key)
    }

    fn persons(&mut self, key: &str) -> Vec<Person> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| self.person_value(i, key))
                .collect(),
            DeValue::Table(_) => self.person_value(v, key).into_iter().collect(),
            _ => {
                self.type_error(
                    v,
                    key,
                    "масивом осіб [{ name = \"…\" }]",
                    "an array of people [{ name = \"…\" }]",
                );
                Vec::new()
            }
        }
    }

    /// The tables of the array of tables `key` (written `[[header]]`), each with its value
    /// for positions; a value that is not an array, or an item that is not a table, is
    /// reported and left out.
    fn tables(
        &mut self,
        key: &str,
        header: &str,
    ) -> Vec<(&'t Spanned<DeValue<'i>>, &'t DeTable<'i>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(
                v,
                key,
                &format!("масивом таблиць [[{header}]]"),
                &format!("an array of tables [[{header}]]"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((item, t)),
                _ => self.type_error(
                    item,
                    key,
                    &format!("таблицею [[{header}]]"),
                    &format!("a table [[{header}]]"),
                ),
            }
        }
        out
    }

    fn services(&mut self, key: &str) -> Vec<Service> {
        let mut out = Vec::new();
        for (item, t) in self.tables(key, "agency.service") {
            let at = self.src.pos(&item.span());
            let mut sub = Fields::new(
                self.l,
                self.src,
                t,
                item.span(),
                SERVICE_FIELDS,
                self.agency.clone(),
            );
            let name = sub.req_str("name");
            let description = sub.opt_str("description");
            let topics = sub.str_array("topics");
            let appointment = sub.opt_enum(
                "appointment",
                Appointment::parse,
                "\"required\", \"recommended\", \"none\"",
            );
            let booking = sub.opt_str("booking");
            let documents = sub.str_array("documents");
            let steps = sub.str_array("steps");
            let eligibility = sub.opt_str("eligibility");
            let fee = sub.opt_str("fee");
            let duration = sub.opt_str("duration");
            let online = sub.opt_str("online");
            let contacts = sub.persons("contacts");
            let hours = sub.hours("hours", false);
            let ok = sub.finish();
            if !ok {
                self.errors += 1;
                continue;
            }
            let Some(name) = name else { continue };
            if documents.is_empty() && steps.is_empty() {
                let m = match self.l.lang {
                    Lang::Uk => format!(
                        "послуга \"{name}\" не має ні \"documents\", ні \"steps\" — додайте, що взяти з собою або що робити: без цього направлення неповне"
                    ),
                    Lang::En => format!(
                        "service \"{name}\" has neither \"documents\" nor \"steps\" — say what to bring or what to do: the referral is incomplete without it"
                    ),
                };
                self.report(Severity::Warning, at, "no-documents-or-steps", m);
            }
            out.push(Service {
                name,
                description,
                topics,
                appointment,
                booking,
                documents,
                steps,
                eligibility,
                fee,
                duration,
                online,
                contacts,
                hours,
            });
        }
        out
    }

    /// `[[directory.abbreviation]]`: what the read-out phrase says for an abbreviation.
    fn abbreviations(&mut self, key: &str) -> Vec<Abbreviation> {
        let mut out = Vec::new();
        for (item, t) in self.tables(key, "directory.abbreviation") {
            let mut sub = Fields::new(self.l, self.src, t, item.span(), ABBREVIATION_FIELDS, None);
            let short = sub.req_str("short");
            let full = sub.req_str("full");
            let genitive = sub.opt_str("genitive");
            let locative = sub.opt_str("locative");
            let accusative = sub.opt_str("accusative");
            if let (true, Some(short), Some(full)) = (sub.finish(), short, full) {
                out.push(Abbreviation {
                    short,
                    full,
                    genitive,
                    locative,
                    accusative,
                });
            }
        }
        out
    }

    /// Reports unknown fields; true when the table had no errors.
    fn finish(self) -> bool {
        let unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.known.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| k)
            .collect();
        for k in unknown {
            self.l
                .unknown_field(self.src, k, self.known, self.agency.as_deref());
        }
        self.errors == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_are_ukrainian_where_their_parts_are_known() {
        assert_eq!(
            toml_message("unclosed table, expected `]`", Lang::Uk),
            "заголовок […] не закрито, бракує `]`"
        );
        assert_eq!(
            toml_message(
                "string values must be quoted, expected literal string",
                Lang::Uk
            ),
            "текст треба взяти в лапки"
        );
        // An unknown part stays as the parser wrote it; English stays English, on one line.
        assert_eq!(
            toml_message("something new,\n expected `x`", Lang::Uk),
            "something new, бракує `x`"
        );
        assert_eq!(
            toml_message("unclosed table,\nexpected `]`", Lang::En),
            "unclosed table, expected `]`"
        );
    }

    #[test]
    fn string_offset_walks_escapes_and_multiline_openings() {
        // "a\tb": the value's 'b' (index 2) is at byte 4 of the source.
        assert_eq!(string_offset(r#""a\tb""#, 2), 4);
        assert_eq!(string_offset(r#""\u00e9x""#, 1), 7);
        assert_eq!(string_offset("'''\nab'''", 1), 5);
        assert_eq!(string_offset("\"\"\"\\\n   x\"\"\"", 0), 8);
        // Past the end, or not a string: never out of bounds.
        assert_eq!(string_offset(r#""ab""#, 10), 4);
        assert_eq!(string_offset("12", 1), 0);
    }
}

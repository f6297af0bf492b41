//! The desk's settings: `refdesk.toml` in the platform config directory, or `--config FILE`.
//!
//! No file means sensible defaults; a bad line is reported as `file:line:column: …` and left
//! out, and the program starts with everything else the file says, because a typo in the
//! settings must never keep the front desk from working.

use crate::directory::{LineIndex, parser_message};
use crate::i18n::Lang;
use crate::referral::slip::{
    DEFAULT_WIDTH, DEMO_OFFICE_NAME, IssuingOffice, MAX_WIDTH, MIN_WIDTH, Output, Paper,
    SlipContext, SlipFormat,
};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The `[printer]` table: it chooses among the slip's formats, so it lives with them.
pub use crate::referral::slip::Printer;

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub office: Office,
    #[serde(default)]
    pub printer: Printer,
    /// The office's home locality: ranked first among equals in search.
    pub home_locality: Option<String>,
    pub lang: Option<Lang>,
    /// This desk's name («Вікно 1», «Бердичів, приймальня»): names its statistics file and
    /// the correction reports it sends, so desks sharing one data folder never write one file.
    pub desk: Option<String>,
    /// Who verifies entries at this desk: written as `verified_by` by «перевірено сьогодні».
    pub maintainer: Option<String>,
    /// A folder shared by the desks for the statistics (a network share): each named desk
    /// writes its own file there, and `stats` sums them.
    pub stats_folder: Option<PathBuf>,
}

// Settings → what a slip needs, one way: the referral layer knows nothing of the settings.

impl IssuingOffice {
    /// The office from the settings, or a placeholder that says it is not configured.
    pub fn from_config(o: &Office) -> IssuingOffice {
        let clean = |s: &Option<String>| {
            s.as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        IssuingOffice {
            name: clean(&o.name).unwrap_or_else(|| DEMO_OFFICE_NAME.to_string()),
            address: clean(&o.address),
            // Written the Ukrainian way when it parses; as typed otherwise.
            phone: clean(&o.phone).map(|p| match crate::phone::parse(&p) {
                Ok(n) => n.display(),
                Err(_) => p,
            }),
        }
    }
}

impl SlipContext {
    /// A context from the settings: the office, the configured width (else
    /// [`DEFAULT_WIDTH`]), no visitor name.
    pub fn new(config: &Config, date: jiff::civil::Date) -> SlipContext {
        SlipContext {
            office: IssuingOffice::from_config(&config.office),
            date,
            for_name: None,
            width: config
                .printer
                .width
                .unwrap_or(DEFAULT_WIDTH)
                .clamp(MIN_WIDTH, MAX_WIDTH),
        }
    }
}

impl Output {
    /// The output for `format`, the rest from the settings (paper A6, Windows-1251 with the
    /// Epson `ESC t 46` unless configured).
    pub fn from_config(config: &Config, format: SlipFormat, paper: Option<Paper>) -> Output {
        Output::for_printer(&config.printer, format, paper)
    }
}

/// What is wrong with a line of the settings (or with the file as a whole). Kept as data and
/// said in the interface language by [`ConfigError::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotUtf8,
    KeySetTwice(String),
    /// The TOML parser's or serde's own (English) words, said by [`parser_message`].
    Parser(String),
    NotAFile,
    TooBig(u64),
    Io(std::io::ErrorKind),
}

/// A problem at a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

/// The settings lines that could not be used, the first located like a compiler error and the
/// rest listed after it (at most [`LISTED`], then a count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub first: Located,
    pub also: Vec<Located>,
    pub more: usize,
}

/// Further problems named in the message; a file of broken lines is summed up.
const LISTED: usize = 10;

impl Problem {
    fn text(&self, lang: Lang) -> String {
        match self {
            Problem::NotUtf8 => lang
                .pick(
                    "рядок не в кодуванні UTF-8 — збережіть файл у кодуванні UTF-8",
                    "the line is not UTF-8 — save the file as UTF-8",
                )
                .to_string(),
            Problem::KeySetTwice(key) => match lang {
                Lang::Uk => format!("ключ \"{key}\" уже задано вище — залиште одне значення"),
                Lang::En => format!("the key \"{key}\" is already set above — keep one value"),
            },
            Problem::Parser(m) => parser_message(m, lang),
            Problem::NotAFile => lang
                .pick(
                    "це не звичайний файл — вкажіть файл налаштувань",
                    "not a regular file — name a settings file",
                )
                .to_string(),
            Problem::TooBig(limit) => match lang {
                Lang::Uk => format!("файл більший за {limit} байтів — це не файл налаштувань"),
                Lang::En => format!("the file is larger than {limit} bytes — not a settings file"),
            },
            Problem::Io(kind) => crate::i18n::io_error(&std::io::Error::from(*kind), lang),
        }
    }
}

impl ConfigError {
    /// `file:line:column: what — this line was ignored, the rest applies; also …`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let Located {
            line,
            column,
            problem,
        } = &self.first;
        let mut out = format!(
            "{}:{line}:{column}: {} — {}",
            crate::sanitize::line(&self.file),
            problem.text(lang),
            lang.pick(
                "цей рядок пропущено, решту налаштувань застосовано",
                "this line was ignored, the rest applies"
            )
        );
        let mut rest: Vec<String> = self
            .also
            .iter()
            .map(|l| format!("{}:{}: {}", l.line, l.column, l.problem.text(lang)))
            .collect();
        if self.more > 0 {
            rest.push(match lang {
                Lang::Uk => format!("ще {}", self.more),
                Lang::En => format!("{} more", self.more),
            });
        }
        if !rest.is_empty() {
            out.push_str(lang.pick("; також ", "; also "));
            out.push_str(&rest.join("; "));
        }
        out
    }
}

impl Config {
    /// The default location: `refdesk.toml` in the platform config directory.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("refdesk.toml"))
    }

    /// Parses settings text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        match Self::parse_lenient(file, text) {
            (c, None) => Ok(c),
            (_, Some(e)) => Err(e),
        }
    }

    /// Parses settings text keeping everything that can be used: a line at fault is left out
    /// (and reported, with any further ones), the rest applies — a typo in one key must not
    /// put the demo office's name on a real referral or lose the printer.
    pub fn parse_lenient(file: &str, text: &str) -> (Config, Option<ConfigError>) {
        Self::parse_bytes(file, text.as_bytes())
    }

    /// [`Config::parse_lenient`] on the file's bytes: a line that is not UTF-8 is left out like
    /// any other bad line.
    ///
    /// Each statement (a line, or the lines of a value that spans several, such as an array
    /// written one item per line) is parsed and checked against the settings on its own, under
    /// the table header above it, so a fault is located exactly and costs only its statement;
    /// the good ones are merged. Every line is parsed a bounded number of times, so recovery
    /// takes time in proportion to the file, however many lines are broken.
    pub fn parse_bytes(file: &str, bytes: &[u8]) -> (Config, Option<ConfigError>) {
        let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
        let lines: Vec<Result<&str, usize>> = bytes
            .split(|&b| b == b'\n')
            .map(|l| {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                std::str::from_utf8(l).map_err(|e| {
                    String::from_utf8_lossy(&l[..e.valid_up_to()])
                        .chars()
                        .count()
                        + 1
                })
            })
            .collect();
        let mut r = Recovery {
            errors: Vec::new(),
            merged: toml::Table::new(),
            header: Header::Root,
        };
        let mut i = 0;
        while i < lines.len() {
            i = r.statement(&lines, i);
        }
        let config = match toml::Value::Table(std::mem::take(&mut r.merged)).try_into::<Config>() {
            Ok(c) => c,
            Err(e) => {
                // Every piece was checked on its own; a whole that still fails is reported.
                r.errors
                    .push(located(1, 1, Problem::Parser(e.message().to_string())));
                Config::default()
            }
        };
        (config, Self::combine(file, r.errors))
    }

    /// One error that names every line left out, the first as its position.
    fn combine(file: &str, mut errors: Vec<Located>) -> Option<ConfigError> {
        if errors.is_empty() {
            return None;
        }
        let more = errors.len().saturating_sub(1 + LISTED);
        let also = errors.drain(1..).take(LISTED).collect();
        Some(ConfigError {
            file: file.to_string(),
            first: errors.remove(0),
            also,
            more,
        })
    }

    /// Loads `explicit` or the default file. A missing default file is not an error; a missing
    /// explicit file is. On error the defaults are returned along with the error.
    pub fn load(explicit: Option<&Path>) -> (Config, Option<ConfigError>) {
        let (path, must_exist) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match Self::default_path() {
                Some(p) => (p, false),
                None => return (Config::default(), None),
            },
        };
        let shown = path.display().to_string();
        match crate::files::read_any(&path, SETTINGS_LIMIT) {
            Ok(bytes) => Self::parse_bytes(&shown, &bytes),
            Err(crate::files::ReadError::Io(e))
                if e.kind() == std::io::ErrorKind::NotFound && !must_exist =>
            {
                (Config::default(), None)
            }
            Err(e) => {
                let problem = match e {
                    crate::files::ReadError::NotRegular => Problem::NotAFile,
                    crate::files::ReadError::TooBig { limit } => Problem::TooBig(limit),
                    crate::files::ReadError::Io(e) => Problem::Io(e.kind()),
                };
                (
                    Config::default(),
                    Self::combine(&shown, vec![located(1, 1, problem)]),
                )
            }
        }
    }
}

/// A value may run over this many lines (an array written one item per line); a longer
/// unfinished statement is reported at its first line.
const MAX_STATEMENT_LINES: usize = 64;

/// The largest settings file read.
const SETTINGS_LIMIT: u64 = 1024 * 1024;

#[cfg(test)]
thread_local! {
    /// Bytes handed to the TOML parser, for the test that recovery is linear.
    static PARSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The table the next keys belong to.
enum Header<'a> {
    Root,
    /// `[office]` as written, and its line.
    Table(&'a str),
    /// A header that is broken or names no settings table: its keys are left out with it.
    Broken,
}

/// Why a statement did not check.
enum Fault {
    /// The text ended inside a value: the statement may go on on the next line.
    Unfinished(String),
    At(Located),
}

fn located(line: usize, column: usize, problem: Problem) -> Located {
    Located {
        line,
        column,
        problem,
    }
}

/// The state of [`Config::parse_bytes`].
struct Recovery<'a> {
    errors: Vec<Located>,
    merged: toml::Table,
    header: Header<'a>,
}

/// Whether a line starts a statement of its own (a table header or `key =`), so an unfinished
/// statement above it cannot run on into it.
fn starts_statement(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('[') {
        return true;
    }
    let key: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '"' | '\''))
        .collect();
    !key.trim().is_empty() && t[key.len()..].starts_with('=')
}

impl<'a> Recovery<'a> {
    /// Reads the statement starting at line index `start`; returns the index after it.
    fn statement(&mut self, lines: &[Result<&'a str, usize>], start: usize) -> usize {
        let first = match lines[start] {
            Ok(l) => l,
            Err(column) => {
                self.errors
                    .push(located(start + 1, column, Problem::NotUtf8));
                return start + 1;
            }
        };
        if first.trim().is_empty() {
            return start + 1;
        }
        if first.trim_start().starts_with('[') {
            self.header = match self.check(first, "", start) {
                Ok(_) => Header::Table(first),
                Err(Fault::At(e)) => {
                    self.errors.push(e);
                    Header::Broken
                }
                // A header is checked alone, so never unfinished.
                Err(Fault::Unfinished(_)) => Header::Broken,
            };
            return start + 1;
        }
        let header = match self.header {
            Header::Root => "",
            Header::Table(h) => h,
            // Already reported at the header.
            Header::Broken => return start + 1,
        };
        let mut text = first.to_string();
        let mut end = start + 1;
        loop {
            match self.check(header, &text, start) {
                Ok(table) => {
                    self.merge(table, start);
                    return end;
                }
                Err(Fault::At(e)) => {
                    self.errors.push(e);
                    return end;
                }
                Err(Fault::Unfinished(message)) => match lines.get(end).and_then(|l| l.ok()) {
                    Some(n) if end - start < MAX_STATEMENT_LINES && !starts_statement(n) => {
                        text.push('\n');
                        text.push_str(n);
                        end += 1;
                    }
                    _ => {
                        let column = first.chars().count() + 1;
                        self.errors
                            .push(located(start + 1, column, Problem::Parser(message)));
                        // It costs only its first line: what follows is read on its own.
                        return start + 1;
                    }
                },
            }
        }
    }

    /// Parses `statement` under `header` and checks it against the settings. An error is
    /// located in the file (the statement starts at line index `start`), except one at the
    /// very end of the text, which may only mean the statement goes on.
    fn check(&self, header: &str, statement: &str, start: usize) -> Result<toml::Table, Fault> {
        let doc = if header.is_empty() {
            statement.to_string()
        } else {
            format!("{header}\n{statement}")
        };
        let skip = if header.is_empty() {
            0
        } else {
            header.len() + 1
        };
        #[cfg(test)]
        PARSED.with(|p| p.set(p.get() + 2 * doc.len()));
        let parsed = toml::from_str::<toml::Table>(&doc)
            .and_then(|t| toml::from_str::<Config>(&doc).map(|_| t));
        parsed.map_err(|e| {
            let message = e.message().to_string();
            let offset = e.span().map_or(0, |s| s.start);
            if offset >= doc.trim_end().len() && !statement.is_empty() {
                return Fault::Unfinished(message);
            }
            // A fault in the header is found only when the header is checked on its own line.
            let (text, at) = if skip == 0 {
                (doc.as_str(), offset)
            } else if offset >= skip {
                (statement, offset - skip)
            } else {
                (header, offset)
            };
            let (line, column) = LineIndex::new(text).line_col(text, at);
            Fault::At(located(start + line, column, Problem::Parser(message)))
        })
    }

    /// Adds a checked statement's values; a key set twice keeps its first value.
    fn merge(&mut self, table: toml::Table, start: usize) {
        fn merge_into(into: &mut toml::Table, from: toml::Table) -> Result<(), String> {
            for (k, v) in from {
                match (into.get_mut(&k), v) {
                    (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge_into(a, b)?,
                    (Some(_), _) => return Err(k),
                    (None, v) => {
                        into.insert(k, v);
                    }
                }
            }
            Ok(())
        }
        let mut candidate = self.merged.clone();
        match merge_into(&mut candidate, table) {
            Ok(()) => self.merged = candidate,
            Err(key) => {
                self.errors
                    .push(located(start + 1, 1, Problem::KeySetTwice(key)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referral::slip::Encoding;

    #[test]
    fn full_config_parses() {
        let c = Config::parse(
            "refdesk.toml",
            r#"
home_locality = "Житомир"
lang = "en"
[office]
name = "Житомирське бюро правової допомоги"
phone = "+380 412 00 00 00"
[printer]
name = "front-desk"
format = "escpos"
width = 42
escpos_codepage = 73
"#,
        )
        .unwrap();
        assert_eq!(c.home_locality.as_deref(), Some("Житомир"));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.printer.escpos_codepage, Some(73));
        assert_eq!(c.printer.width, Some(42));
    }

    #[test]
    fn unknown_key_is_reported_at_its_line() {
        let e = Config::parse("r.toml", "[office]\nname = \"x\"\nphon = \"1\"\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.first.line), ("r.toml", 3));
        assert!(
            e.render(Lang::Uk).contains("phon"),
            "{}",
            e.render(Lang::Uk)
        );
    }

    #[test]
    fn bad_line_is_left_out_and_the_rest_of_the_file_applies() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(
            &p,
            "[office]\nname = \"Оболонське бюро\"\nphon = \"1\"\n[printer]\nwidth = \"wide\"\nname = \"front-desk\"\n",
        )
        .unwrap();
        let (c, err) = Config::load(Some(&p));
        // The office's name and the printer survive the two bad lines.
        assert_eq!(c.office.name.as_deref(), Some("Оболонське бюро"));
        assert_eq!(c.printer.name.as_deref(), Some("front-desk"));
        assert_eq!(c.printer.width, None);
        let err = err.expect("reported");
        assert_eq!((err.first.line, err.first.column), (3, 1));
        assert!(
            err.render(Lang::Uk).contains("phon"),
            "{}",
            err.render(Lang::Uk)
        );
        assert!(
            err.render(Lang::Uk).contains("5:9"),
            "the second bad line: {}",
            err.render(Lang::Uk)
        );
    }

    #[test]
    fn a_syntax_error_loses_only_its_line() {
        let (c, err) = Config::parse_lenient(
            "r.toml",
            "home_locality = \"Житомир\"\n[office\nname = \"x\"\n",
        );
        assert_eq!(c.home_locality.as_deref(), Some("Житомир"));
        assert_eq!(err.expect("reported").first.line, 2);
    }

    #[test]
    fn printer_enums_parse_and_bad_values_are_located() {
        let c = Config::parse(
            "r.toml",
            "[printer]\nformat = \"pdf\"\npaper = \"a5\"\nescpos_encoding = \"cp866\"\ncommand = [\"lp\", \"-d\", \"x\", \"{file}\"]\n",
        )
        .unwrap();
        assert_eq!(c.printer.format, Some(SlipFormat::Pdf));
        assert_eq!(c.printer.paper, Some(Paper::A5));
        assert_eq!(c.printer.escpos_encoding, Some(Encoding::Cp866));
        assert_eq!(c.printer.command.as_ref().map(Vec::len), Some(4));
        let e = Config::parse("r.toml", "[printer]\nname = \"a\"\nformat = \"pfd\"\n").unwrap_err();
        assert_eq!(e.first.line, 3);
        assert!(
            e.render(Lang::Uk).contains("pfd") || e.render(Lang::Uk).contains("variant"),
            "{}",
            e.render(Lang::Uk)
        );
    }

    /// A file whose every setting is good, with `bad` put in as line 3 (inside `[office]`).
    fn with_bad_line(bad: &[u8]) -> Vec<u8> {
        let mut f = b"lang = \"en\"\n[office]\n".to_vec();
        f.extend_from_slice(bad);
        f.extend_from_slice(
            "\nname = \"Оболонське бюро\"\n[printer]\nname = \"front-desk\"\n".as_bytes(),
        );
        f
    }

    fn assert_good_settings_kept(c: &Config) {
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.office.name.as_deref(), Some("Оболонське бюро"));
        assert_eq!(c.printer.name.as_deref(), Some("front-desk"));
    }

    #[test]
    fn one_bad_line_of_any_kind_costs_only_itself() {
        let deep = format!("{} = 1", vec!["a"; 600].join("."));
        let cases: [(&str, &[u8]); 5] = [
            ("invalid UTF-8", b"phone = \"0412 \xff\""),
            ("control character in a comment", b"# \x01 note"),
            ("leftover triple quote", b"\"\"\""),
            ("too-deep dotted key", deep.as_bytes()),
            ("unfinished array", b"phones = ["),
        ];
        for (what, bad) in cases {
            let (c, err) = Config::parse_bytes("r.toml", &with_bad_line(bad));
            assert_good_settings_kept(&c);
            let err = err.unwrap_or_else(|| panic!("{what}: reported"));
            assert_eq!(err.first.line, 3, "{what}: {err:?}");
            assert!(
                !err.render(Lang::Uk).contains("також"),
                "{what}: only one line: {err:?}"
            );
        }
        let (_, err) = Config::parse_bytes("r.toml", &with_bad_line(cases[0].1));
        assert_eq!(err.unwrap().first.column, 15, "the bad byte's column");
    }

    #[test]
    fn a_bad_key_is_reported_at_its_own_line() {
        let mut text = String::from("[office]\n");
        for i in 0..19 {
            text.push_str(&format!("# коментар {i}\n"));
        }
        text.push_str("nmae = \"x\"\nname = \"Бюро\"\n");
        let (c, err) = Config::parse_lenient("r.toml", &text);
        let err = err.expect("reported");
        assert_eq!((err.first.line, err.first.column), (21, 1), "{err:?}");
        assert_eq!(c.office.name.as_deref(), Some("Бюро"));
    }

    #[test]
    fn a_value_over_several_lines_is_one_statement() {
        let (c, err) = Config::parse_lenient(
            "r.toml",
            "[printer]\ncommand = [\n  \"lp\",\n  \"{file}\",\n]\nwidth = 42\n",
        );
        assert_eq!(err, None);
        assert_eq!(c.printer.command.map(|v| v.len()), Some(2));
        assert_eq!(c.printer.width, Some(42));
    }

    #[test]
    fn a_key_set_twice_keeps_the_first_value() {
        let (c, err) =
            Config::parse_lenient("r.toml", "[office]\nname = \"А\"\n[office]\nname = \"Б\"\n");
        assert_eq!(c.office.name.as_deref(), Some("А"));
        assert_eq!(err.expect("reported").first.line, 4);
    }

    #[test]
    fn recovery_reads_each_line_a_bounded_number_of_times() {
        let mut text = String::from("home_locality = \"Житомир\"\n");
        for i in 0..8000 {
            text.push_str(&format!("bad{i} = \"x\"\n"));
        }
        text.push_str("[office]\nname = \"Бюро\"\n");
        PARSED.with(|p| p.set(0));
        let (c, err) = Config::parse_lenient("r.toml", &text);
        let parsed = PARSED.with(|p| p.get());
        assert_eq!(c.home_locality.as_deref(), Some("Житомир"));
        assert_eq!(c.office.name.as_deref(), Some("Бюро"));
        assert!(err.expect("reported").render(Lang::Uk).contains("ще 7989"));
        assert!(
            parsed < 4 * text.len(),
            "{parsed} bytes parsed for a {}-byte file",
            text.len()
        );
    }

    #[test]
    fn every_problem_is_said_in_the_interface_language() {
        let text = "lang = \"de\"\n[office]\nname = 5\nname = \"x\"\n[printer]\nwidth = \"forty\"\nnam = 1\n";
        let (_, err) = Config::parse_lenient("r.toml", text);
        let err = err.expect("reported");
        let uk = err.render(Lang::Uk);
        for english in ["unknown", "expected", "invalid", "ignored", "also", " / "] {
            assert!(!uk.contains(english), "{english:?} in {uk}");
        }
        assert!(
            uk.starts_with(
                "r.toml:1:8: невідоме значення \"de\"; можливі: uk, en — цей рядок пропущено"
            ),
            "{uk}"
        );
        assert!(
            uk.contains("3:8: неправильний тип значення: число 5, а має бути текст"),
            "{uk}"
        );
        let en = err.render(Lang::En);
        assert!(
            en.contains("unknown variant `de`") && en.contains("this line was ignored"),
            "{en}"
        );
        assert!(!en.chars().any(|c| ('а'..='я').contains(&c)), "{en}");
    }
}

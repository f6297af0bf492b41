//! The desk's settings: `refdesk.toml` in the platform config directory, or `--config FILE`.
//!
//! No file means sensible defaults; a bad line is reported as `file:line:column: …` and left
//! out, and the program starts with everything else the file says, because a typo in the
//! settings must never keep the front desk from working.

use crate::cli::{Paper, SlipFormat};
use crate::directory::LineIndex;
use crate::i18n::Lang;
use crate::referral::escpos::Encoding;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Printer {
    /// CUPS queue name for `lp -d`; empty means the system default.
    pub name: Option<String>,
    /// A command given as an argument list, run directly (never through a shell). An argument
    /// `{file}` is replaced by the path of a temporary file holding the slip, deleted as soon
    /// as the command ends; without `{file}` the slip is written to the command's standard
    /// input, so it never touches the disk.
    pub command: Option<Vec<String>>,
    /// A device file for raw ESC/POS bytes, e.g. /dev/usb/lp0.
    pub device: Option<PathBuf>,
    /// Slip format sent to the printer: "text", "pdf" or "escpos" (default: "escpos" for a
    /// device, "pdf" otherwise).
    pub format: Option<SlipFormat>,
    /// Characters per line for text and ESC/POS slips.
    pub width: Option<usize>,
    /// The `ESC t n` code page number (Windows-1251: Epson 46, many XPrinter models 73).
    pub escpos_codepage: Option<u8>,
    /// The text encoding for ESC/POS: "cp1251" (default) or "cp866".
    pub escpos_encoding: Option<Encoding>,
    /// PDF paper: "a6" or "a5".
    pub paper: Option<Paper>,
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
}

/// A settings file that could not be used, located like a compiler error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Config {
    /// The default location: `refdesk.toml` in the platform config directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("ua", "refdesk", "refdesk")
            .map(|d| d.config_dir().join("refdesk.toml"))
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
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut errors: Vec<ConfigError> = Vec::new();
        // Each round comments out one more line; a file has only so many.
        for _ in 0..=lines.len() {
            let current = lines.join("\n");
            let e = match toml::from_str::<Config>(&current) {
                Ok(c) => return (c, Self::combine(errors)),
                Err(e) => e,
            };
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            // Lines keep their numbers (a commented line stays a line), so the line in the
            // edited text is the line in the file; the column is on an untouched line.
            let (line, column) = LineIndex::new(&current).line_col(&current, offset);
            errors.push(ConfigError {
                file: file.to_string(),
                line,
                column,
                message: e.message().trim().to_string(),
            });
            match lines.get_mut(line - 1) {
                Some(l) if !l.starts_with('#') => *l = format!("# {l}"),
                _ => break,
            }
        }
        (Config::default(), Self::combine(errors))
    }

    /// One error that names every line left out, the first as its position.
    fn combine(mut errors: Vec<ConfigError>) -> Option<ConfigError> {
        if errors.is_empty() {
            return None;
        }
        let rest: Vec<String> = errors
            .drain(1..)
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect();
        let mut first = errors.remove(0);
        first.message = format!(
            "{} — цей рядок пропущено, решту налаштувань застосовано / this line was ignored, the rest applies",
            first.message
        );
        if !rest.is_empty() {
            first.message = format!("{}; також / also {}", first.message, rest.join("; "));
        }
        Some(first)
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
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse_lenient(&shown, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                (Config::default(), None)
            }
            Err(e) => (
                Config::default(),
                Some(ConfigError {
                    file: shown,
                    line: 1,
                    column: 1,
                    message: e.to_string(),
                }),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!((e.file.as_str(), e.line), ("r.toml", 3));
        assert!(e.message.contains("phon"), "{}", e.message);
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
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("phon"), "{}", err.message);
        assert!(
            err.message.contains("5:9"),
            "the second bad line: {}",
            err.message
        );
    }

    #[test]
    fn a_syntax_error_loses_only_its_line() {
        let (c, err) = Config::parse_lenient(
            "r.toml",
            "home_locality = \"Житомир\"\n[office\nname = \"x\"\n",
        );
        assert_eq!(c.home_locality.as_deref(), Some("Житомир"));
        assert_eq!(err.expect("reported").line, 2);
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
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("pfd") || e.message.contains("variant"),
            "{}",
            e.message
        );
    }
}

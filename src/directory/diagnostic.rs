//! Problems found while loading a directory, reported like a compiler's:
//! `file:line:column: error: message`, where the message says what to do.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. `line` and `column` are 1-based; the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// A stable class name (`unknown-field`, `duplicate-id`, …) for tools and tests.
    #[serde(deserialize_with = "de_code")]
    pub code: Code,
    pub message: String,
    /// The agency the problem belongs to, when known.
    pub agency: Option<String>,
}

/// A diagnostic class name. An alias rather than `&'static str` in the field, because serde's
/// derive would otherwise borrow it from the input and demand `'de: 'static`.
pub type Code = &'static str;

/// Codes are `&'static str` so that the loader never allocates one; a code read back from the
/// cache is interned, so each distinct code is leaked once per process, not once per diagnostic.
fn de_code<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let s = String::deserialize(d)?;
    let mut set = CODES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(c) = set.get(s.as_str()) {
        return Ok(c);
    }
    let c: &'static str = Box::leak(s.into_boxed_str());
    set.insert(c);
    Ok(c)
}

impl Diagnostic {
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }

    /// `file:line:column: error: message` in the chosen language.
    pub fn render(&self, lang: Lang) -> String {
        let sev = match (self.severity, lang) {
            (Severity::Error, Lang::Uk) => "помилка",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Uk) => "попередження",
            (Severity::Warning, Lang::En) => "warning",
        };
        // A file name or message carrying a line break or an escape sequence must not forge
        // a diagnostic line or act on the terminal.
        crate::sanitize::line(&format!("{}: {sev}: {}", self.location(), self.message))
    }
}

/// Where a side file's diagnostics go (the thesaurus, the correction reports): each located by a
/// byte offset into the file's text and named by the file.
pub struct FileReport<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub index: LineIndex,
    pub lang: Lang,
    pub diags: Vec<Diagnostic>,
}

impl<'a> FileReport<'a> {
    pub fn new(file: &'a str, text: &'a str, lang: Lang) -> Self {
        FileReport {
            file,
            text,
            index: LineIndex::new(text),
            lang,
            diags: Vec::new(),
        }
    }

    /// The 1-based line of byte offset `at`.
    pub fn line(&self, at: usize) -> usize {
        self.index.line_col(self.text, at).0
    }

    pub fn report(&mut self, severity: Severity, at: usize, code: &'static str, message: String) {
        let (line, column) = self.index.line_col(self.text, at);
        self.diags.push(Diagnostic {
            severity,
            file: self.file.to_string(),
            line,
            column,
            code,
            message,
            agency: None,
        });
    }
}

/// Maps byte offsets of one source text to 1-based line and character column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_cyrillic_columns_in_characters() {
        let text = "a = 1\nім'я = \"x\"\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 9));
        assert_eq!(idx.line_col(text, text.len()), (3, 1));
    }
}

//! The thesaurus file format: how visitors name a need («загубив паспорт», «прописка»,
//! «справка», «ЗАГС») → the words the directory uses for it («втрата», «реєстрація місця
//! проживання», «довідка», «РАЦС»), as the 211/AIRS taxonomy's "use references" do for referrers.
//!
//! Data, not code: the built-in Ukrainian file `data/thesaurus.toml` is compiled in; a data
//! folder may add its own `thesaurus.toml` (same format), which the loader reads here instead of
//! as agencies. Every problem is a `file:line:column` diagnostic, and a bad entry is skipped
//! without losing the others. The entries are data for the search (`search::thesaurus`), which
//! builds its lookup from them; this module knows nothing of matching.

use super::{Diagnostic, FileReport, Severity, parse_side_file};
use crate::i18n::Lang;
use crate::text::normalize::key_words;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use toml::de::{DeTable, DeValue};

/// The name a thesaurus file has in a data folder.
pub const FILE_NAME: &str = "thesaurus.toml";

/// The built-in thesaurus, as shipped.
const BUILTIN: &str = include_str!("../../data/thesaurus.toml");
const BUILTIN_NAME: &str = "data/thesaurus.toml";

/// One `[[need]]`: the ways people say it and what the directory calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The need, for maintainers (`--explain` shows it).
    pub name: String,
    /// Words and phrases visitors use.
    pub say: Vec<String>,
    /// Words and phrases the directory uses for the same need.
    pub means: Vec<String>,
    /// `file:line` where it is written.
    pub origin: String,
}

/// Whether a directory file is a thesaurus (by its name), not agencies.
pub fn is_thesaurus_file(path: &str) -> bool {
    std::path::Path::new(path)
        .file_name()
        .is_some_and(|n| n == FILE_NAME)
}

/// The built-in entries (parsed once; the file is checked by a test to have no problems).
pub fn builtin() -> &'static [Entry] {
    static B: OnceLock<Vec<Entry>> = OnceLock::new();
    B.get_or_init(|| parse(BUILTIN_NAME, BUILTIN, Lang::En).0)
}

/// Reads one thesaurus file: its entries, and a diagnostic for every problem.
pub fn parse(file: &str, text: &str, lang: Lang) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut p = Parser {
        r: FileReport::new(file, text, lang),
    };
    let (table, base) = match parse_side_file(text, lang) {
        Ok(t) => t,
        Err((at, what)) => {
            let m = match lang {
                Lang::Uk => format!(
                    "синтаксична помилка TOML: {what} — виправте цей рядок; слова цього файлу не враховано, вбудований тезаурус працює"
                ),
                Lang::En => format!(
                    "TOML syntax error: {what} — fix this line; this file's words were not used, the built-in thesaurus still works"
                ),
            };
            p.report(Severity::Error, at, "thesaurus-syntax", m);
            return (Vec::new(), p.r.diags);
        }
    };
    let mut out = Vec::new();
    for (key, value) in table.get_ref().iter() {
        let at = key.span().start + base;
        if key.get_ref().as_ref() != "need" {
            let m = match lang {
                Lang::Uk => format!(
                    "невідома таблиця \"{}\" — у файлі тезауруса бувають лише записи [[need]]; її пропущено",
                    key.get_ref()
                ),
                Lang::En => format!(
                    "unknown table \"{}\" — a thesaurus file holds only [[need]] entries; it was skipped",
                    key.get_ref()
                ),
            };
            p.report(Severity::Warning, at, "thesaurus-unknown-field", m);
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            p.wrong_type(at, "need", "[[need]]", "[[need]]");
            continue;
        };
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => {
                    let span = item.span();
                    if let Some(e) = p.entry(t, span.start + base, base) {
                        out.push(e);
                    }
                }
                _ => p.wrong_type(item.span().start + base, "need", "[[need]]", "[[need]]"),
            }
        }
    }
    p.r.diags.sort_by_key(|d| (d.line, d.column));
    (out, p.r.diags)
}

struct Parser<'a> {
    r: FileReport<'a>,
}

impl Parser<'_> {
    fn report(&mut self, severity: Severity, at: usize, code: &'static str, message: String) {
        self.r.report(severity, at, code, message);
    }

    fn wrong_type(&mut self, at: usize, field: &str, uk: &str, en: &str) {
        let m = match self.r.lang {
            Lang::Uk => format!("поле \"{field}\" має бути {uk}; запис пропущено"),
            Lang::En => format!("field \"{field}\" must be {en}; the entry was skipped"),
        };
        self.report(Severity::Error, at, "thesaurus-wrong-type", m);
    }

    fn entry(&mut self, t: &DeTable, at: usize, base: usize) -> Option<Entry> {
        let mut name = None;
        let mut say = None;
        let mut means = None;
        let mut ok = true;
        for (k, v) in t.iter() {
            let kat = k.span().start + base;
            match k.get_ref().as_ref() {
                "name" => match v.get_ref() {
                    DeValue::String(s) => name = Some(s.trim().to_string()),
                    _ => {
                        self.wrong_type(kat, "name", "рядком у лапках", "a quoted string");
                        ok = false;
                    }
                },
                "say" => say = self.words(v, "say", base, &mut ok),
                "means" => means = self.words(v, "means", base, &mut ok),
                other => {
                    let m = match self.r.lang {
                        Lang::Uk => format!(
                            "невідоме поле \"{other}\" — у записі [[need]] бувають name, say, means; поле пропущено"
                        ),
                        Lang::En => format!(
                            "unknown field \"{other}\" — a [[need]] has name, say, means; the field was skipped"
                        ),
                    };
                    self.report(Severity::Warning, kat, "thesaurus-unknown-field", m);
                }
            }
        }
        for (field, value) in [("say", &say), ("means", &means)] {
            if value.as_ref().is_none_or(|v| v.is_empty()) && ok {
                let m = match self.r.lang {
                    Lang::Uk => format!(
                        "у записі [[need]] бракує поля \"{field}\" (непорожнього масиву слів) — додайте його; запис пропущено"
                    ),
                    Lang::En => format!(
                        "this [[need]] lacks \"{field}\" (a non-empty array of words) — add it; the entry was skipped"
                    ),
                };
                self.report(Severity::Error, at, "thesaurus-missing", m);
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let line = self.r.line(at);
        Some(Entry {
            name: name.unwrap_or_default(),
            say: say.unwrap_or_default(),
            means: means.unwrap_or_default(),
            origin: format!("{}:{line}", self.r.file),
        })
    }

    /// An array of words or phrases; a word that is only function words («для», «на») is
    /// reported and left out.
    fn words(
        &mut self,
        v: &toml::Spanned<DeValue>,
        field: &str,
        base: usize,
        ok: &mut bool,
    ) -> Option<Vec<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(
                v.span().start + base,
                field,
                "масивом рядків, напр. [\"прописка\", \"прописатися\"]",
                "an array of strings, e.g. [\"propyska\", \"прописатися\"]",
            );
            *ok = false;
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let at = item.span().start + base;
            let DeValue::String(s) = item.get_ref() else {
                self.wrong_type(
                    at,
                    field,
                    "масивом рядків: кожен елемент — рядок у лапках",
                    "an array of strings: every item a quoted string",
                );
                *ok = false;
                return None;
            };
            if key_words(s).is_empty() {
                let m = match self.r.lang {
                    Lang::Uk => format!(
                        "«{s}» не містить жодного значущого слова (лише службові слова чи порожньо) — приберіть його або допишіть слово; його пропущено"
                    ),
                    Lang::En => format!(
                        "\"{s}\" holds no meaningful word (empty or function words only) — remove it or add a word; it was skipped"
                    ),
                };
                self.report(Severity::Warning, at, "thesaurus-empty", m);
                continue;
            }
            if field == "say" && s.split_whitespace().count() > 1 && key_words(s).len() == 1 {
                let m = match self.r.lang {
                    Lang::Uk => format!(
                        "«{s}» шукатиметься як одне слово «{}»: службові слова («не», «нема», «для»…) у запиті не враховуються — запишіть саме значуще слово або іншу фразу",
                        key_words(s)[0]
                    ),
                    Lang::En => format!(
                        "\"{s}\" is searched as the one word \"{}\": function words («не», «нема», «для»…) do not count in a query — write that word alone or another phrase",
                        key_words(s)[0]
                    ),
                };
                self.report(Severity::Warning, at, "thesaurus-function-words", m);
            }
            out.push(s.trim().to_string());
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_thesaurus_loads_without_problems() {
        let (entries, diags) = parse(BUILTIN_NAME, BUILTIN, Lang::En);
        assert!(diags.is_empty(), "{diags:#?}");
        assert!(entries.len() >= 100, "{} needs", entries.len());
        let words: usize = entries.iter().map(|e| e.say.len()).sum();
        assert!(words >= 500, "{words} words people say");
    }

    #[test]
    fn diagnostics_name_file_line_and_column() {
        let text = "[[need]]\nname = \"x\"\nsay = [\"прописка\", 5]\nmeans = [\"реєстрація\"]\n\n[[need]]\nsay = [\"загубив\"]\n\n[[need]]\nname = \"ок\"\nsay = [\"біржа\", \"для\"]\nmeans = [\"центр зайнятості\"]\ncolour = \"red\"\n";
        let (entries, diags) = parse("офіс/thesaurus.toml", text, Lang::Uk);
        let at: Vec<(usize, usize, &str)> =
            diags.iter().map(|d| (d.line, d.column, d.code)).collect();
        assert_eq!(
            at,
            [
                (3, 20, "thesaurus-wrong-type"),
                (6, 1, "thesaurus-missing"),
                (11, 17, "thesaurus-empty"),
                (13, 1, "thesaurus-unknown-field"),
            ],
            "{diags:#?}"
        );
        assert!(diags.iter().all(|d| d.file == "офіс/thesaurus.toml"));
        assert!(diags[1].message.contains("means"), "{}", diags[1].message);
        // The good entry still loads, without the function word.
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].say, ["біржа"]);
        assert_eq!(entries[0].origin, "офіс/thesaurus.toml:9");
    }

    #[test]
    fn a_syntax_error_is_reported_where_it_is() {
        let (entries, diags) = parse("t/thesaurus.toml", "[[need]]\nsay = [\"a\"\n", Lang::En);
        assert!(entries.is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "thesaurus-syntax");
        assert_eq!(diags[0].line, 2, "{:?}", diags[0]);
        assert!(diags[0].message.contains("fix this line"));
    }
}

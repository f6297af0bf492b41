//! The typed field reader: one table's fields read by key, each problem reported at its own
//! line and column, the fields that were not read reported as unknown.

use super::*;

/// Byte offset, within a TOML string's source `raw` (quotes included), of the character at
/// `index` (counted in characters) of its value: escapes, a line-ending backslash and the line
/// break after opening triple quotes are walked over as the TOML parser reads them.
pub(super) fn string_offset(raw: &str, index: usize) -> usize {
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

/// Reads the fields of one table, remembering which were used so that the rest can be reported
/// as unknown, and counting errors so that the caller can skip a broken entry.
pub(super) struct Fields<'l, 's, 't, 'i> {
    pub(super) l: &'l mut Loader,
    pub(super) src: &'s Src<'s>,
    pub(super) table: &'t DeTable<'i>,
    pub(super) span: Range<usize>,
    pub(super) known: &'static [&'static str],
    pub(super) errors: usize,
    pub(super) agency: Option<String>,
}

impl<'l, 's, 't, 'i> Fields<'l, 's, 't, 'i> {
    pub(super) fn new(
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

    pub(super) fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    pub(super) fn pos_of(&self, key: &str) -> Option<Pos> {
        self.get(key).map(|v| self.src.pos(&v.span()))
    }

    pub(super) fn report(&mut self, sev: Severity, at: Pos, code: &'static str, message: String) {
        if sev == Severity::Error {
            self.errors += 1;
        }
        let agency = self.agency.clone();
        self.l
            .push(sev, self.src, at, code, message, agency.as_deref());
    }

    pub(super) fn error_at(&mut self, key: &str, code: &'static str, message: String) {
        let at = self.pos_of(key).unwrap_or_else(|| self.src.pos(&self.span));
        self.report(Severity::Error, at, code, message);
    }

    pub(super) fn missing(&mut self, key: &str, extra: bool) {
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

    pub(super) fn type_error(
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
    pub(super) fn pos_in_string(&self, v: &Spanned<DeValue>, index: usize) -> Pos {
        let span = v.span();
        let raw = self
            .src
            .text
            .get(self.src.base + span.start..self.src.base + span.end)
            .unwrap_or("");
        let at = span.start + string_offset(raw, index);
        self.src.pos(&(at..at))
    }

    pub(super) fn check_text(&mut self, v: &Spanned<DeValue>, s: &str) {
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

    pub(super) fn str_value(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<String> {
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

    pub(super) fn opt_str(&mut self, key: &str) -> Option<String> {
        let v = self.get(key)?;
        let s = self.str_value(v, key)?;
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    }

    pub(super) fn req_str(&mut self, key: &str) -> Option<String> {
        self.req_str_because(key, false)
    }

    pub(super) fn req_str_because(&mut self, key: &str, remote_rule: bool) -> Option<String> {
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

    pub(super) fn opt_bool(&mut self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(v, key, "true або false", "true or false");
                None
            }
        }
    }

    pub(super) fn opt_enum<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Option<T> {
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

    pub(super) fn str_array(&mut self, key: &str) -> Vec<String> {
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

    pub(super) fn coordinates(&mut self, key: &str) -> Option<(f64, f64)> {
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

    pub(super) fn date(&mut self, key: &str) -> Option<Date> {
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

    /// The tables of the array of tables `key` (written `[[header]]`), each with its value
    /// for positions; a value that is not an array, or an item that is not a table, is
    /// reported and left out.
    pub(super) fn tables(
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

    /// Reports unknown fields; true when the table had no errors.
    pub(super) fn finish(self) -> bool {
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

//! Anonymous referral statistics: an append-only log of referrals given, and the monthly
//! figures computed from it.
//!
//! One JSON object per line in `referrals.log` in the platform data directory
//! (`REFDESK_STATS_FILE` overrides the path):
//! `{"at":"2026-11-25T10:31","id":"zt-dps-cop","category":"tax","service":"…","how":"printed"}`.
//! A record holds only what the office's report needs — when, which agency, its category, the
//! service and how the referral was given. The type has no field for the query or a visitor's
//! name, so neither can ever reach the disk.
//!
//! Crash safety: each record is one `write_all` of the whole line to a file opened with
//! `O_APPEND`, so a crash can only leave the *last* line torn. Before appending, a missing final
//! newline (a torn record) is closed off, so the torn bytes never glue onto the next record. A
//! line that does not parse is reported and skipped; every other record still counts.

pub mod desk;
mod visit;

pub use visit::{Visit, undone_message};

use crate::directory::{Agency, Directory, Service};
use crate::i18n::Lang;
use crate::referral::Card;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// The environment variable that overrides the log's location (tests, shared desks).
pub const FILE_ENV: &str = "REFDESK_STATS_FILE";

/// How a referral was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// A slip printed or saved (`slip`, `print`, F2 in the screen).
    Printed,
    /// A card copied to the clipboard (F5).
    Copied,
    /// Read out and marked "referred" with a key in the screen.
    Read,
}

impl How {
    pub const ALL: [How; 3] = [How::Printed, How::Copied, How::Read];

    pub fn code(self) -> &'static str {
        match self {
            How::Printed => "printed",
            How::Copied => "copied",
            How::Read => "read",
        }
    }
}

/// One referral given. Deliberately without any free text typed at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Local date and time, to the minute.
    #[serde(with = "minute")]
    pub at: DateTime,
    /// The agency's id.
    pub id: String,
    /// The agency's category id.
    pub category: String,
    /// The service's name as in the directory, when the referral was for one service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    pub how: How,
    /// Which agency of its visit this was: 1 for the first agency a visitor was given, 2 for
    /// the second… ([`Visit`]). `stats` counts the visits that needed two or more agencies by
    /// the records with step 2 — without any id that would tie a visit's records together.
    /// Records written before steps were counted have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
}

mod minute {
    use jiff::civil::DateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(dt: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&dt.strftime("%Y-%m-%dT%H:%M"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Record {
    pub fn new(how: How, agency: &Agency, service: Option<&Service>, now: DateTime) -> Record {
        Record {
            // Seconds are dropped: the report needs no more, and less is less identifying.
            at: now
                .with()
                .second(0)
                .subsec_nanosecond(0)
                .build()
                .unwrap_or(now),
            id: agency.id.clone(),
            category: agency.category.clone(),
            service: service.map(|s| s.name.clone()),
            how,
            step: None,
        }
    }

    /// The record as one log line, newline included.
    pub fn to_line(&self) -> String {
        // Serialising plain strings and an enum cannot fail.
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// Why the statistics log could not be read or written. `Display` (logs, `?` at the edges)
/// is English; people read [`StatsError::message`] in the interface language.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("the user's data folder could not be determined — set the path in {FILE_ENV}")]
    NoDataDir,
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl StatsError {
    /// One line in `lang` ("/path/referrals.log: немає дозволу на доступ"), the system's I/O
    /// error worded by [`crate::i18n::io_error`].
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StatsError::NoDataDir => match lang {
                Lang::Uk => format!(
                    "не вдалося визначити каталог даних користувача — задайте шлях у {FILE_ENV}"
                ),
                Lang::En => format!(
                    "the user's data folder could not be determined — set the path in {FILE_ENV}"
                ),
            },
            StatsError::Io { path, source } => format!(
                "{}: {}",
                crate::sanitize::line(&path.display().to_string()),
                crate::i18n::io_error(source, lang)
            ),
        }
    }
}

/// A line of the log that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// 1-based line number.
    pub line: usize,
    pub reason: Damage,
}

/// What is wrong with a damaged line, in words a person can act on (never a parser's own
/// message: the log is read by staff, not by the program's authors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    NotUtf8,
    /// The line ends mid-record: the program stopped while writing it.
    Torn,
    NotJson,
    Missing(&'static str),
    NotText(&'static str),
    BadTime(String),
    BadHow(String),
    BadStep(String),
    UnknownField(String),
}

impl Damage {
    pub fn message(&self, lang: Lang) -> String {
        use Damage::*;
        let ways = How::ALL.map(How::code).join(", ");
        match (self, lang) {
            (NotUtf8, Lang::Uk) => "рядок не є текстом UTF-8".into(),
            (NotUtf8, Lang::En) => "the line is not UTF-8 text".into(),
            (Torn, Lang::Uk) => "запис обірвано — мабуть, програму зупинили під час запису".into(),
            (Torn, Lang::En) => {
                "the record is cut short — the program was probably stopped while writing it".into()
            }
            (NotJson, Lang::Uk) => "рядок не є записом журналу (JSON)".into(),
            (NotJson, Lang::En) => "the line is not a log record (JSON)".into(),
            (Missing(f), Lang::Uk) => format!("бракує поля \"{f}\""),
            (Missing(f), Lang::En) => format!("the field \"{f}\" is missing"),
            (NotText(f), Lang::Uk) => format!("поле \"{f}\" має бути текстом"),
            (NotText(f), Lang::En) => format!("the field \"{f}\" must be text"),
            (BadTime(v), Lang::Uk) => {
                format!("неправильний час «{v}» у полі \"at\" (має бути РРРР-ММ-ДДTГГ:ХХ)")
            }
            (BadTime(v), Lang::En) => {
                format!("bad time «{v}» in the field \"at\" (it must be YYYY-MM-DDTHH:MM)")
            }
            (BadHow(v), Lang::Uk) => {
                format!("невідомий спосіб «{v}» у полі \"how\"; можливі: {ways}")
            }
            (BadHow(v), Lang::En) => {
                format!("unknown way «{v}» in the field \"how\"; it is one of: {ways}")
            }
            (BadStep(v), Lang::Uk) => {
                format!("неправильний крок «{v}» у полі \"step\" (має бути число від 1)")
            }
            (BadStep(v), Lang::En) => {
                format!("bad step «{v}» in the field \"step\" (it must be a number from 1)")
            }
            (UnknownField(f), Lang::Uk) => format!("невідоме поле \"{f}\""),
            (UnknownField(f), Lang::En) => format!("unknown field \"{f}\""),
        }
    }
}

impl Damaged {
    /// "запис 7 пошкоджено, пропущено (бракує поля "how")".
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason.message(lang);
        match lang {
            Lang::Uk => format!("запис {} пошкоджено, пропущено ({reason})", self.line),
            Lang::En => format!("record {} is damaged, skipped ({reason})", self.line),
        }
    }
}

/// One log line as a [`Record`], or what is wrong with it. Checked field by field so that the
/// reason names the field and the value, whatever the JSON parser would have said.
fn parse_record(line: &[u8]) -> Result<Record, Damage> {
    use serde_json::Value;
    let text = std::str::from_utf8(line).map_err(|_| Damage::NotUtf8)?;
    let value: Value = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => Damage::Torn,
        _ => Damage::NotJson,
    })?;
    let Value::Object(map) = &value else {
        return Err(Damage::NotJson);
    };
    const FIELDS: [&str; 6] = ["at", "id", "category", "service", "how", "step"];
    if let Some(k) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(Damage::UnknownField(k.clone()));
    }
    for f in FIELDS {
        match map.get(f) {
            None if f == "service" || f == "step" => {}
            None => return Err(Damage::Missing(f)),
            Some(Value::Number(n)) if f == "step" => {
                if !n.as_u64().is_some_and(|n| n >= 1 && n <= u32::MAX as u64) {
                    return Err(Damage::BadStep(n.to_string()));
                }
            }
            Some(v) if f == "step" => return Err(Damage::BadStep(v.to_string())),
            Some(Value::String(_)) => {}
            Some(_) => return Err(Damage::NotText(f)),
        }
    }
    let text_of = |f: &str| map.get(f).and_then(Value::as_str).unwrap_or_default();
    let at = text_of("at");
    if at.parse::<DateTime>().is_err() {
        return Err(Damage::BadTime(at.to_string()));
    }
    let how = text_of("how");
    if !How::ALL.iter().any(|h| h.code() == how) {
        return Err(Damage::BadHow(how.to_string()));
    }
    // Every field checked: what is left for serde cannot fail, and if it did, the line is
    // still not a record.
    serde_json::from_value(value).map_err(|_| Damage::NotJson)
}

/// Everything read from a log: the good records in order, and the damaged lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogContents {
    pub records: Vec<Record>,
    pub damaged: Vec<Damaged>,
}

/// The referral log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    pub path: PathBuf,
}

impl Log {
    pub fn at(path: impl Into<PathBuf>) -> Log {
        Log { path: path.into() }
    }

    /// `$REFDESK_STATS_FILE`, else `referrals.log` in the platform data directory
    /// ([`crate::paths::data_dir`]).
    pub fn default_location() -> Result<Log, StatsError> {
        if let Some(p) = std::env::var_os(FILE_ENV).filter(|p| !p.is_empty()) {
            return Ok(Log::at(p));
        }
        crate::paths::data_dir()
            .map(|d| Log::at(d.join("referrals.log")))
            .ok_or(StatsError::NoDataDir)
    }

    fn io(&self, source: std::io::Error) -> StatsError {
        StatsError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Appends one record as a single write of the whole line.
    pub fn append(&self, record: &Record) -> Result<(), StatsError> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| self.io(e))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&self.path)
            .map_err(|e| self.io(e))?;
        let mut line = record.to_line();
        if !ends_with_newline(&mut f).map_err(|e| self.io(e))? {
            // A previous append was torn: end its line so this record stays whole.
            line.insert(0, '\n');
        }
        f.write_all(line.as_bytes()).map_err(|e| self.io(e))?;
        f.flush().map_err(|e| self.io(e))
    }

    /// Takes back a record (the undo of the last count of a visit): removes the last line
    /// that is exactly this record. When it is the log's final line — the usual case — the
    /// file is only shortened; otherwise (another desk wrote since) the log is rewritten
    /// through a temporary file renamed over it, so a crash leaves the old or the new log,
    /// never half of one. `false` when the log has no such line.
    pub fn remove_last(&self, record: &Record) -> Result<bool, StatsError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(self.io(e)),
        };
        let line = record.to_line();
        let line = line.as_bytes();
        let found = (0..=bytes.len().saturating_sub(line.len()))
            .rev()
            .find(|&i| bytes[i..].starts_with(line) && (i == 0 || bytes[i - 1] == b'\n'));
        let Some(at) = found else {
            return Ok(false);
        };
        if at + line.len() == bytes.len() {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .map_err(|e| self.io(e))?;
            f.set_len(at as u64).map_err(|e| self.io(e))?;
            return Ok(true);
        }
        let dir = self.path.parent().filter(|d| !d.as_os_str().is_empty());
        let mut tmp = tempfile::NamedTempFile::new_in(dir.unwrap_or(std::path::Path::new(".")))
            .map_err(|e| self.io(e))?;
        tmp.write_all(&bytes[..at]).map_err(|e| self.io(e))?;
        tmp.write_all(&bytes[at + line.len()..])
            .map_err(|e| self.io(e))?;
        tmp.as_file().sync_all().map_err(|e| self.io(e))?;
        tmp.persist(&self.path).map_err(|e| self.io(e.error))?;
        Ok(true)
    }

    /// Reads every record; a missing file is an empty log.
    pub fn read(&self) -> Result<LogContents, StatsError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(parse_log(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LogContents::default()),
            Err(e) => Err(self.io(e)),
        }
    }
}

fn ends_with_newline(f: &mut std::fs::File) -> std::io::Result<bool> {
    let len = f.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok(true);
    }
    f.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Parses a log's bytes: one record per line; blank lines are ignored.
pub fn parse_log(bytes: &[u8]) -> LogContents {
    let mut out = LogContents::default();
    // A log opened and saved in an editor may have gained a UTF-8 byte order mark; it is not
    // part of the first record.
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_record(line) {
            Ok(r) => out.records.push(r),
            Err(reason) => out.damaged.push(Damaged {
                line: i + 1,
                reason,
            }),
        }
    }
    out
}

/// Records a referral in the default log (`stats::record(How::Read, agency, service, app.now)`).
pub fn record(
    how: How,
    agency: &Agency,
    service: Option<&Service>,
    now: DateTime,
) -> Result<(), StatsError> {
    Log::default_location()?.append(&Record::new(how, agency, service, now))
}

/// Records the referral a card stands for: what `slip` and `print` call after the slip was
/// written or sent to the printer. The visitor's name given with `--for` is not part of a card
/// and so cannot be recorded.
pub fn record_referral(card: &Card, how: How, now: DateTime) -> Result<(), StatsError> {
    record_referral_to(&Log::default_location()?, card, how, now)
}

/// [`record_referral`] into a given log.
pub fn record_referral_to(
    log: &Log,
    card: &Card,
    how: How,
    now: DateTime,
) -> Result<(), StatsError> {
    log.append(&Record::new(
        how,
        card.agency,
        card.service.map(|(_, s)| s),
        now,
    ))
}

/// A count for one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// Totals over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: u64,
    /// Most referrals first; ties by id.
    pub by_category: Vec<Count>,
    pub by_agency: Vec<Count>,
    /// Visits that needed two or more agencies (records with step 2).
    pub multi_step_visits: u64,
}

/// Counts the records whose date lies in `from..=to` (either end open when `None`).
pub fn summarize(records: &[Record], from: Option<Date>, to: Option<Date>) -> Summary {
    let mut cat: HashMap<&str, u64> = HashMap::new();
    let mut ag: HashMap<&str, u64> = HashMap::new();
    let mut total = 0;
    let mut multi_step_visits = 0;
    for r in records {
        let d = r.at.date();
        if from.is_some_and(|f| d < f) || to.is_some_and(|t| d > t) {
            continue;
        }
        total += 1;
        multi_step_visits += u64::from(r.step == Some(2));
        *cat.entry(&r.category).or_default() += 1;
        *ag.entry(&r.id).or_default() += 1;
    }
    Summary {
        total,
        by_category: ranked(cat),
        by_agency: ranked(ag),
        multi_step_visits,
    }
}

fn ranked(m: HashMap<&str, u64>) -> Vec<Count> {
    let mut v: Vec<Count> = m
        .into_iter()
        .map(|(k, n)| Count {
            key: k.to_string(),
            count: n,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    v
}

/// The first and last day of the month `day` falls in.
pub fn month_bounds(day: Date) -> (Date, Date) {
    (day.first_of_month(), day.last_of_month())
}

/// One bar of the screen's chart: a category's label and its referrals this month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub category: String,
    pub label: String,
    pub count: u64,
}

/// Referrals by category in the month of `today`, most first, labelled for the screen's bar
/// chart (ratatui's `BarChart` takes `(label, count)` pairs).
pub fn month_by_category(records: &[Record], dir: &Directory, today: Date, lang: Lang) -> Vec<Bar> {
    let (from, to) = month_bounds(today);
    summarize(records, Some(from), Some(to))
        .by_category
        .into_iter()
        .map(|c| Bar {
            label: dir
                .category(&c.key)
                .map(|cat| cat.label(lang).to_string())
                .unwrap_or_else(|| c.key.clone()),
            category: c.key,
            count: c.count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_error_is_worded_in_the_interface_language() {
        let e = StatsError::Io {
            path: "/desk/referrals.log".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert_eq!(
            e.message(Lang::Uk),
            "/desk/referrals.log: немає дозволу на доступ"
        );
        assert_eq!(
            e.message(Lang::En),
            "/desk/referrals.log: permission denied"
        );
        assert!(StatsError::NoDataDir.message(Lang::En).contains(FILE_ENV));
        assert!(
            StatsError::NoDataDir
                .message(Lang::Uk)
                .starts_with("не вдалося")
        );
    }
    use jiff::civil::date;

    fn rec(at: &str, id: &str, cat: &str) -> Record {
        Record {
            at: at.parse().unwrap(),
            id: id.into(),
            category: cat.into(),
            service: None,
            how: How::Printed,
            step: None,
        }
    }

    #[test]
    fn summary_counts_by_category_and_agency_most_first() {
        let rs = vec![
            rec("2026-11-02T09:00", "a", "tax"),
            rec("2026-11-03T09:00", "b", "pension"),
            rec("2026-11-04T09:00", "c", "tax"),
            rec("2026-11-05T09:00", "a", "tax"),
        ];
        let s = summarize(&rs, None, None);
        assert_eq!(s.total, 4);
        assert_eq!(
            s.by_category,
            vec![
                Count {
                    key: "tax".into(),
                    count: 3
                },
                Count {
                    key: "pension".into(),
                    count: 1
                }
            ]
        );
        assert_eq!(s.by_agency[0].key, "a");
        assert_eq!(s.by_agency[0].count, 2);
        assert_eq!(s.by_agency[1].key, "b", "ties are ordered by id");
    }

    #[test]
    fn date_filter_includes_both_ends() {
        let rs = vec![
            rec("2026-10-31T23:59", "a", "tax"),
            rec("2026-11-01T00:00", "a", "tax"),
            rec("2026-11-30T23:59", "b", "tax"),
            rec("2026-12-01T00:00", "b", "tax"),
        ];
        let s = summarize(&rs, Some(date(2026, 11, 1)), Some(date(2026, 11, 30)));
        assert_eq!(s.total, 2);
        assert_eq!(summarize(&rs, Some(date(2026, 11, 1)), None).total, 3);
        assert_eq!(summarize(&rs, None, Some(date(2026, 10, 31))).total, 1);
    }

    #[test]
    fn a_damaged_line_says_what_is_wrong_in_the_users_words() {
        let line = |s: &str| parse_log(format!("{s}\n").as_bytes()).damaged[0].message(Lang::Uk);
        let good = r#""at":"2026-11-02T09:00","id":"a","category":"tax""#;
        let cases = [
            (
                format!(r#"{{{good},"how":"oral"}}"#),
                "невідомий спосіб «oral» у полі \"how\"; можливі: printed, copied, read",
            ),
            (format!("{{{good}}}"), "бракує поля \"how\""),
            (
                format!(r#"{{{good},"how":"read","who":"x"}}"#),
                "невідоме поле \"who\"",
            ),
            (
                r#"{"at":"вчора","id":"a","category":"tax","how":"read"}"#.to_string(),
                "неправильний час «вчора» у полі \"at\" (має бути РРРР-ММ-ДДTГГ:ХХ)",
            ),
            (
                format!(r#"{{{good},"how":7}}"#),
                "поле \"how\" має бути текстом",
            ),
            ("не json".to_string(), "рядок не є записом журналу (JSON)"),
            (
                format!(r#"{{{good},"how":"#),
                "запис обірвано — мабуть, програму зупинили під час запису",
            ),
        ];
        for (text, want) in cases {
            let m = line(&text);
            assert_eq!(
                m,
                format!("запис 1 пошкоджено, пропущено ({want})"),
                "{text}"
            );
            // Never the parser's own words.
            for raw in ["unknown variant", "expected", "at line", "column"] {
                assert!(!m.contains(raw), "{m}");
            }
        }
        assert!(
            parse_log(format!(r#"{{{good},"how":"oral"}}"#).as_bytes()).damaged[0]
                .message(Lang::En)
                .contains("unknown way «oral» in the field \"how\"")
        );
    }

    #[test]
    fn torn_final_record_is_reported_and_skipped() {
        let good = rec("2026-11-02T09:00", "a", "tax").to_line();
        let text = format!("{good}{good}{{\"at\":\"2026-11-0");
        let c = parse_log(text.as_bytes());
        assert_eq!(c.records.len(), 2);
        assert_eq!(c.damaged.len(), 1);
        assert_eq!(c.damaged[0].line, 3);
        assert!(
            c.damaged[0]
                .message(Lang::Uk)
                .starts_with("запис 3 пошкоджено, пропущено")
        );
    }

    #[test]
    fn a_byte_order_mark_does_not_cost_the_first_record() {
        let good = rec("2026-11-02T09:00", "a", "tax").to_line();
        let text = format!("\u{FEFF}{good}{good}");
        let c = parse_log(text.as_bytes());
        assert_eq!((c.records.len(), c.damaged.len()), (2, 0));
    }

    #[test]
    fn append_after_a_torn_record_keeps_the_new_record_whole() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::at(dir.path().join("sub/referrals.log"));
        log.append(&rec("2026-11-02T09:00", "a", "tax")).unwrap();
        // Simulate a crash half-way through the second append.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&log.path)
            .unwrap();
        f.write_all(b"{\"at\":\"2026-11-03T1").unwrap();
        drop(f);
        log.append(&rec("2026-11-04T09:00", "b", "pension"))
            .unwrap();
        let c = log.read().unwrap();
        let ids: Vec<_> = c.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(c.damaged.len(), 1);
        assert_eq!(c.damaged[0].line, 2);
    }

    #[test]
    fn missing_log_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let c = Log::at(dir.path().join("none.log")).read().unwrap();
        assert_eq!(c, LogContents::default());
    }

    #[test]
    fn record_line_has_only_the_five_report_fields() {
        let mut r = rec("2026-11-25T10:31", "zt-dps-cop", "tax");
        r.service = Some("Довідка про доходи".into());
        let v: serde_json::Value = serde_json::from_str(r.to_line().trim_end()).unwrap();
        let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["at", "category", "how", "id", "service"]);
        assert_eq!(v["at"], "2026-11-25T10:31");
        assert_eq!(v["how"], "printed");
    }

    #[test]
    fn month_bounds_cover_the_whole_month() {
        assert_eq!(
            month_bounds(date(2026, 2, 14)),
            (date(2026, 2, 1), date(2026, 2, 28))
        );
    }
}

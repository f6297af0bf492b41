//! The directory's data model: what a loaded, validated entry looks like.
//!
//! Everything here is already checked by the loader: phones and hours are parsed, required
//! fields are present. Consumers (search, card, slips) never see raw TOML.

use super::diagnostic::{Diagnostic, Severity};
use crate::hours::{Hours, Lunch, OpenState};
use crate::phone::Phone;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

/// Where an entry was defined, for diagnostics and for "first defined at …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    /// Where the `verified` date's value is written (line, column): the checks that depend on
    /// today (stale, in the future) are made after loading, so the parsed-directory cache never
    /// depends on the date, and still point at it.
    pub verified: (usize, usize),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The grammatical gender is grammar's; the model names it as its own.
pub use crate::grammar::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Active,
    TemporarilyClosed,
    Closed,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "active" => Status::Active,
            "temporarily-closed" => Status::TemporarilyClosed,
            "closed" => Status::Closed,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::TemporarilyClosed => "temporarily-closed",
            Status::Closed => "closed",
        }
    }
}

/// Pre-registration (попередній запис) for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Appointment {
    Required,
    Recommended,
    None,
}

impl Appointment {
    pub fn parse(s: &str) -> Option<Appointment> {
        Some(match s {
            "required" => Appointment::Required,
            "recommended" => Appointment::Recommended,
            "none" => Appointment::None,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Appointment::Required => "required",
            Appointment::Recommended => "recommended",
            Appointment::None => "none",
        }
    }
}

/// A phone number as written in the file, parsed, with its optional note.
///
/// Serialised two ways: human-readable formats (the JSON outputs) get `{raw, note}`; compact
/// binary ones (the parsed-directory cache) also carry the parsed number, because re-parsing
/// every number is most of the cost of a warm start. Serde's `is_human_readable` tells them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneEntry {
    /// As the maintainer wrote it.
    pub raw: String,
    pub number: Phone,
    pub note: Option<String>,
}

impl PhoneEntry {
    /// The number formatted the Ukrainian way.
    pub fn display(&self) -> String {
        self.number.display()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<PhoneEntry>,
    pub room: Option<String>,
    pub email: Option<String>,
}

/// Hours as written plus their parsed form (deserialising re-parses `raw`, as for phones).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "RawText")]
pub struct HoursField {
    pub raw: String,
    #[serde(skip)]
    pub parsed: Hours,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "RawText")]
pub struct LunchField {
    pub raw: String,
    #[serde(skip)]
    pub parsed: Lunch,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub description: Option<String>,
    pub topics: Vec<String>,
    pub appointment: Option<Appointment>,
    pub booking: Option<String>,
    pub documents: Vec<String>,
    pub steps: Vec<String>,
    pub eligibility: Option<String>,
    pub fee: Option<String>,
    pub duration: Option<String>,
    pub online: Option<String>,
    pub contacts: Vec<Person>,
    pub hours: Option<HoursField>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub name_genitive: Option<String>,
    pub gender: Option<Gender>,
    pub category: String,
    pub topics: Vec<String>,
    pub description: Option<String>,
    pub remote: bool,
    /// Where it takes visitors from beyond its own locality (`serves`); None: its locality,
    /// or the whole country for a remote service.
    #[serde(default)]
    pub serves: Option<Serves>,
    pub locality: Option<String>,
    pub district: Option<String>,
    /// The oblast, or a foreign address's state or province (HSDS `state_province`).
    pub province: Option<String>,
    /// The ISO 3166-1 code of a foreign address's country (`US`); `None` in Ukraine.
    pub country: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub address_note: Option<String>,
    pub accessibility: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    pub phones: Vec<PhoneEntry>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub hours: HoursField,
    pub lunch: Option<LunchField>,
    pub reception: Option<HoursField>,
    pub hours_note: Option<String>,
    pub head: Option<Person>,
    pub contacts: Vec<Person>,
    #[serde(serialize_with = "ser_date", deserialize_with = "de_date")]
    pub verified: Date,
    pub verified_by: Option<String>,
    pub status: Status,
    /// The id of the agency that took over from a closed (or temporarily closed) one: the
    /// phrase, card and slip send the visitor there.
    #[serde(default)]
    pub successor: Option<String>,
    pub alert: Option<String>,
    pub notes: Option<String>,
    pub services: Vec<Service>,
    pub origin: Origin,
}

/// The area an agency serves beyond its own locality (`serves`): a town in the query or the
/// screen's town filter never hides it from a visitor of that area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Serves {
    /// The whole country.
    Country,
    /// The whole oblast: the agency's `province`, or the directory's.
    Oblast,
    /// These localities, as written (its own one need not be listed).
    Localities(Vec<String>),
}

impl Serves {
    /// `"country"`, `"oblast"`: the format's words (a list has none).
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Serves::Country => Some("country"),
            Serves::Oblast => Some("oblast"),
            Serves::Localities(_) => None,
        }
    }

    pub fn parse(s: &str) -> Option<Serves> {
        match s {
            "country" => Some(Serves::Country),
            "oblast" => Some(Serves::Oblast),
            _ => None,
        }
    }
}

/// The `verified` date of an entry left out for other errors: the date checks made after loading
/// report a future date on it too, so every problem of a skipped entry shows in one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDate {
    pub file: String,
    /// Line and column of the date's value.
    pub at: (usize, usize),
    #[serde(serialize_with = "ser_date", deserialize_with = "de_date")]
    pub date: Date,
    pub agency: Option<String>,
}

fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

/// The human-readable shape of [`PhoneEntry`].
#[derive(Serialize, Deserialize)]
#[serde(rename = "PhoneEntry")]
struct ReadablePhoneEntry<R, N> {
    raw: R,
    note: N,
}

impl Serialize for PhoneEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            ReadablePhoneEntry {
                raw: &self.raw,
                note: &self.note,
            }
            .serialize(s)
        } else {
            (&self.raw, &self.number, &self.note).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for PhoneEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let r = ReadablePhoneEntry::<String, Option<String>>::deserialize(d)?;
            let number = crate::phone::parse(&r.raw).map_err(serde::de::Error::custom)?;
            Ok(PhoneEntry {
                raw: r.raw,
                number,
                note: r.note,
            })
        } else {
            let (raw, number, note) = <(String, Phone, Option<String>)>::deserialize(d)?;
            Ok(PhoneEntry { raw, number, note })
        }
    }
}

thread_local! {
    /// Parsed hours by their text while a cache is read: a directory repeats a few dozen
    /// schedules thousands of times, and parsing one costs ~20 µs.
    static HOURS_MEMO: std::cell::RefCell<Option<std::collections::HashMap<String, Hours>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a deserialisation) with hours parsed once per distinct text.
pub(crate) fn with_hours_memo<R>(f: impl FnOnce() -> R) -> R {
    HOURS_MEMO.with(|m| *m.borrow_mut() = Some(Default::default()));
    let r = f();
    HOURS_MEMO.with(|m| *m.borrow_mut() = None);
    r
}

fn parse_hours_memo(raw: &str) -> Result<Hours, crate::hours::HoursError> {
    let hit = HOURS_MEMO.with(|m| m.borrow().as_ref().and_then(|m| m.get(raw).cloned()));
    if let Some(h) = hit {
        return Ok(h);
    }
    let h = crate::hours::parse(raw)?;
    HOURS_MEMO.with(|m| {
        if let Some(m) = m.borrow_mut().as_mut() {
            m.insert(raw.to_string(), h.clone());
        }
    });
    Ok(h)
}

/// The serialised shape of [`HoursField`] and [`LunchField`].
#[derive(Deserialize)]
struct RawText {
    raw: String,
}

impl TryFrom<RawText> for HoursField {
    type Error = crate::hours::HoursError;
    fn try_from(r: RawText) -> Result<Self, Self::Error> {
        Ok(HoursField {
            parsed: parse_hours_memo(&r.raw)?,
            raw: r.raw,
        })
    }
}

impl TryFrom<RawText> for LunchField {
    type Error = crate::hours::HoursError;
    fn try_from(r: RawText) -> Result<Self, Self::Error> {
        Ok(LunchField {
            parsed: crate::hours::parse_lunch(&r.raw)?,
            raw: r.raw,
        })
    }
}

impl Agency {
    /// What lists show: the short name when there is one.
    pub fn display_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Serves the whole country: `serves = "country"`, or a remote service that names no
    /// narrower area.
    pub fn serves_country(&self) -> bool {
        match &self.serves {
            Some(s) => *s == Serves::Country,
            None => self.remote,
        }
    }

    /// The oblast it is in: its own `province`, or in Ukraine `default` (the directory's).
    pub fn oblast<'a>(&'a self, default: Option<&'a str>) -> Option<&'a str> {
        self.province
            .as_deref()
            .or_else(|| default.filter(|_| self.country.is_none()))
    }

    /// The locality as shown; a remote service without one reads as «вся Україна», or as its
    /// `province` when it serves only that oblast.
    pub fn locality_or_country(&self) -> &str {
        match (&self.locality, &self.serves, &self.province) {
            (Some(l), _, _) => l,
            (None, Some(Serves::Oblast), Some(p)) => p,
            _ => "вся Україна",
        }
    }

    /// Whether a visitor finds the office open at a local time: by its reception hours when
    /// the data has them (a visitor is received only then), else by its working hours; the
    /// lunch break is cut out of either. `None` when it is temporarily or for good closed.
    pub fn open_state(&self, at: DateTime) -> Option<OpenState> {
        if self.status != Status::Active {
            return None;
        }
        let lunch = self.lunch.as_ref().map(|l| &l.parsed);
        let Some(reception) = &self.reception else {
            return Some(self.hours.parsed.state_at(lunch, at));
        };
        let state = reception.parsed.state_at(lunch, at);
        Some(match state {
            OpenState::Closed { opens } if !reception.parsed.opens_on_day_of(at) => {
                OpenState::NoReceptionToday { opens }
            }
            s => s,
        })
    }

    /// Verified more than 12 months before `today`.
    pub fn is_stale(&self, today: Date) -> bool {
        today
            .checked_sub(jiff::Span::new().months(12))
            .is_ok_and(|limit| self.verified < limit)
    }
}

/// A category: built-in or declared with `[[category]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub name_en: Option<String>,
}

impl Category {
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => self.name_en.as_deref().unwrap_or(&self.name),
            crate::i18n::Lang::Uk => &self.name,
        }
    }
}

/// The built-in categories of schema v1: (id, Ukrainian label, English label).
pub const BUILTIN_CATEGORIES: &[(&str, &str, &str)] = &[
    (
        "social-protection",
        "Соціальний захист",
        "Social protection",
    ),
    (
        "pension",
        "Пенсії та соцвиплати, ПФУ",
        "Pensions and benefits",
    ),
    ("tax", "Податки, ДПС", "Taxes"),
    (
        "migration",
        "Паспорти та реєстрація, ДМС",
        "Passports and registration",
    ),
    (
        "administrative-services",
        "ЦНАП, адмінпослуги",
        "Administrative services",
    ),
    ("employment", "Зайнятість", "Employment"),
    ("children", "Захист прав дітей", "Children's rights"),
    ("social-services", "Соціальні послуги", "Social services"),
    ("health", "Медицина", "Health"),
    ("police", "Поліція", "Police"),
    (
        "courts",
        "Суди та виконавча служба",
        "Courts and enforcement",
    ),
    ("notary", "Нотаріат", "Notaries"),
    ("civil-registry", "ДРАЦС", "Civil registry"),
    (
        "housing",
        "Житло та комунальні послуги",
        "Housing and utilities",
    ),
    (
        "rehabilitation",
        "Реабілітація та ресоціалізація",
        "Rehabilitation and resocialisation",
    ),
    ("probation", "Пробація", "Probation"),
    ("veterans", "Ветерани", "Veterans"),
    (
        "idp",
        "Внутрішньо переміщені особи",
        "Internally displaced persons",
    ),
    ("humanitarian", "Гуманітарна допомога", "Humanitarian aid"),
    ("legal-aid", "Правова допомога", "Legal aid"),
    ("education", "Освіта", "Education"),
    ("other", "Інше", "Other"),
];

/// The optional top-level `[directory]` table (an extension of schema v1): the directory's own
/// name and whether it is demo data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryMeta {
    pub name: Option<String>,
    pub demo: bool,
    pub note: Option<String>,
    /// The oblast the directory's localities are in, unless an agency names its own
    /// `province` (for `serves = "oblast"`: which towns an oblast office serves).
    #[serde(default)]
    pub province: Option<String>,
    /// Abbreviations the read-out phrase expands (`[[directory.abbreviation]]`), in addition
    /// to the built-in table.
    #[serde(default)]
    pub abbreviations: Vec<Abbreviation>,
}

/// An abbreviation a visitor may not know («ГУНП»), with the words said instead, in the cases
/// the phrase needs: after a noun or «з», «до» (genitive), after «у», «в» (locative), after
/// «через», «на» (accusative), elsewhere the nominative. A missing form falls back to the
/// nominative (accusative) or leaves the abbreviation as written (genitive, locative).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbreviation {
    pub short: String,
    pub full: String,
    pub genitive: Option<String>,
    pub locative: Option<String>,
    pub accusative: Option<String>,
}

/// A country code as the format takes it: two Latin letters (ISO 3166-1 alpha-2), any case.
pub fn country_code(s: &str) -> Option<String> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
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
    /// The dates of entries left out for other errors, for [`super::load::check_dates`].
    pub skipped_dates: Vec<SkippedDate>,
    /// The data folder's own thesaurus entries (`thesaurus.toml`), added to the built-in ones.
    pub thesaurus: Vec<super::thesaurus::Entry>,
}

impl Directory {
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    /// The oblast an agency is in: its own `province`, or in Ukraine the directory's.
    pub fn oblast_of<'a>(&'a self, a: &'a Agency) -> Option<&'a str> {
        a.oblast(self.meta.province.as_deref())
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

//! The verification queue: which agencies are due to be checked again, oldest first, with the
//! number to call and the person to ask for — as a list and as a printable call sheet.
//!
//! An entry is due a year after its `verified` date (the age at which `validate` calls it
//! stale); `within` brings forward those that fall due soon, so a maintainer can call them in
//! the same round. Closed agencies are never offered and so are never due.

use crate::directory::{Agency, Directory, Status};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::slip::{Item, Slip};
use jiff::civil::Date;

/// How far ahead to look: `30d`, `2w`, `3m` (a bare number is days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Within {
    pub amount: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Months,
}

/// A `--within` that is not a number of days, weeks or months; the text shows the forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{0}»: 30d, 2w, 3m")]
pub struct WithinError(String);

impl std::str::FromStr for Within {
    type Err = WithinError;
    fn from_str(s: &str) -> Result<Within, WithinError> {
        let s = s.trim();
        let (number, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((i, _)) => (&s[..i], &s[i..]),
            None => (s, "d"),
        };
        let unit = match unit.trim() {
            "d" | "д" => Unit::Days,
            "w" | "т" => Unit::Weeks,
            "m" | "м" => Unit::Months,
            _ => return Err(WithinError(s.to_owned())),
        };
        let amount = number
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 3650)
            .ok_or_else(|| WithinError(s.to_owned()))?;
        Ok(Within { amount, unit })
    }
}

impl Within {
    /// The last day included, counted from `today`.
    pub fn until(self, today: Date) -> Date {
        let span = match self.unit {
            Unit::Days => jiff::Span::new().days(self.amount as i64),
            Unit::Weeks => jiff::Span::new().weeks(self.amount as i64),
            Unit::Months => jiff::Span::new().months(self.amount as i64),
        };
        today.checked_add(span).unwrap_or(today)
    }
}

/// When an entry verified on `verified` is due again.
pub fn due_date(verified: Date) -> Date {
    verified
        .checked_add(jiff::Span::new().months(12))
        .unwrap_or(verified)
}

/// One agency to call.
#[derive(Debug, Clone)]
pub struct DueEntry<'a> {
    pub agency: &'a Agency,
    pub due: Date,
    /// The number to call, formatted, with its note.
    pub phone: Option<String>,
    /// Whom to ask for: the first contact person, else the head.
    pub ask_for: Option<String>,
}

impl DueEntry<'_> {
    pub fn overdue(&self, today: Date) -> bool {
        self.due <= today
    }
}

/// The agencies due by `until`, least recently verified first (ties by id).
pub fn due<'a>(dir: &'a Directory, until: Date, lang: Lang) -> Vec<DueEntry<'a>> {
    let mut out: Vec<DueEntry> = dir
        .agencies
        .iter()
        .filter(|a| a.status != Status::Closed && due_date(a.verified) <= until)
        .map(|a| {
            let card = Card::new(dir, a, lang);
            let person = a.contacts.first().or(a.head.as_ref());
            DueEntry {
                agency: a,
                due: due_date(a.verified),
                phone: a.phones.first().map(Card::phone_line),
                ask_for: person.map(|p| card.person_line(p)),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.agency
            .verified
            .cmp(&b.agency.verified)
            .then_with(|| a.agency.id.cmp(&b.agency.id))
    });
    out
}

fn date(d: Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

/// «строк минув 12.06.2026» / «строк — 03.01.2027».
pub fn due_words(e: &DueEntry, today: Date, lang: Lang) -> String {
    match (e.overdue(today), lang) {
        (true, Lang::Uk) => format!("строк минув {}", date(e.due)),
        (true, Lang::En) => format!("overdue since {}", date(e.due)),
        (false, Lang::Uk) => format!("строк — {}", date(e.due)),
        (false, Lang::En) => format!("due {}", date(e.due)),
    }
}

/// The lines of one entry as the text list and the call sheet show them: (label, value).
pub fn entry_fields(e: &DueEntry, today: Date, lang: Lang) -> Vec<(&'static str, String)> {
    let a = e.agency;
    let mut by = date(a.verified);
    if let Some(who) = &a.verified_by {
        by.push_str(&format!(" ({who})"));
    }
    let mut out = vec![(
        lang.pick("Перевірено", "Verified"),
        format!("{by}; {}", due_words(e, today, lang)),
    )];
    let none = lang.pick("не вказано", "not given").to_string();
    out.push((
        lang.pick("Телефон", "Phone"),
        e.phone.clone().unwrap_or(none.clone()),
    ));
    out.push((
        lang.pick("Запитати", "Ask for"),
        e.ask_for.clone().unwrap_or(none),
    ));
    out.push((lang.pick("Запис", "Entry"), a.origin.to_string()));
    out
}

/// The call sheet as slip items, for [`crate::referral::pdf::render_titled`]. Ukrainian, as
/// it is printed for the office's own staff.
pub fn call_sheet(entries: &[DueEntry], today: Date, until: Date, demo: bool) -> Slip {
    let lang = Lang::Uk;
    let mut items = vec![Item::Title {
        title: "АРКУШ ДЛЯ ОБДЗВОНУ".into(),
        date: date(today),
    }];
    if demo {
        items.push(Item::Notice(
            "ДЕМОНСТРАЦІЙНІ ДАНІ — адреси, імена й телефони вигадані".into(),
        ));
    }
    items.push(Item::Text(format!(
        "Час перевірити до {} включно: {}, від найдавніше перевірених. Подзвоніть, звірте \
         адресу, телефони, графік і контактних осіб, потім позначте запис перевіреним: \
         refdesk verify ID.",
        date(until),
        crate::i18n::AGENCY.count(lang, entries.len() as u64)
    )));
    for (i, e) in entries.iter().enumerate() {
        items.push(Item::Rule);
        items.push(Item::Heading(format!(
            "{}. {} ({})",
            i + 1,
            e.agency.display_name(),
            e.agency.id
        )));
        for (label, value) in entry_fields(e, today, lang) {
            items.push(Item::Field {
                label: label.into(),
                value,
            });
        }
        items.push(Item::Check("дані правильні".into()));
        items.push(Item::Check(
            "є зміни: ______________________________".into(),
        ));
    }
    Slip {
        items,
        qr: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn within_reads_days_weeks_and_months() {
        let w: Within = "30d".parse().unwrap();
        assert_eq!(w.until(d(2026, 11, 25)), d(2026, 12, 25));
        let w: Within = "2w".parse().unwrap();
        assert_eq!(w.until(d(2026, 11, 25)), d(2026, 12, 9));
        let w: Within = "3m".parse().unwrap();
        assert_eq!(w.until(d(2026, 11, 30)), d(2027, 2, 28));
        let w: Within = "7".parse().unwrap();
        assert_eq!(w.until(d(2026, 11, 25)), d(2026, 12, 2));
        assert!("3y".parse::<Within>().is_err());
        assert!("d".parse::<Within>().is_err());
    }

    #[test]
    fn due_lists_the_oldest_first_with_phone_and_person_and_leaves_closed_out() {
        let text = r#"
[[agency]]
id = "new"
name = "Нова"
category = "tax"
locality = "Житомир"
address = "вул. Київська, 1"
phones = ["+380 412 42 61 30"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-11-01

[[agency]]
id = "old"
name = "Стара"
category = "tax"
locality = "Житомир"
address = "вул. Київська, 2"
phones = [{ number = "+380 412 42 61 31", note = "приймальня" }]
hours = "Пн-Пт 09:00-18:00"
head = { name = "Коваль Ірина Петрівна", title = "начальниця" }
verified = 2025-06-01
verified_by = "Петренко О."

[[agency]]
id = "soon"
name = "Скоро"
category = "tax"
locality = "Житомир"
address = "вул. Київська, 3"
phones = ["+380 412 42 61 32"]
hours = "Пн-Пт 09:00-18:00"
contacts = [{ name = "Олійник Тарас Ігорович", title = "інспектор" }]
verified = 2025-12-10

[[agency]]
id = "closed"
name = "Закрита"
category = "tax"
locality = "Житомир"
address = "вул. Київська, 4"
phones = ["+380 412 42 61 33"]
hours = "Пн-Пт 09:00-18:00"
verified = 2024-01-01
status = "closed"
"#;
        let today = d(2026, 11, 25);
        let opts = crate::directory::LoadOptions {
            today,
            lang: Lang::Uk,
        };
        let dir = crate::directory::load_texts(&[("t.toml", text)], &opts);
        let now: Vec<&str> = due(&dir, today, Lang::Uk)
            .iter()
            .map(|e| e.agency.id.as_str())
            .collect();
        assert_eq!(now, ["old"]);
        let month = due(
            &dir,
            "30d".parse::<Within>().unwrap().until(today),
            Lang::Uk,
        );
        let ids: Vec<&str> = month.iter().map(|e| e.agency.id.as_str()).collect();
        assert_eq!(ids, ["old", "soon"]);
        assert_eq!(
            month[0].phone.as_deref(),
            Some("(0412) 42-61-31 (приймальня)")
        );
        assert_eq!(
            month[0].ask_for.as_deref(),
            Some("Коваль Ірина Петрівна, начальниця")
        );
        assert_eq!(
            month[1].ask_for.as_deref(),
            Some("Олійник Тарас Ігорович, інспектор")
        );
        assert_eq!(
            due_words(&month[0], today, Lang::Uk),
            "строк минув 01.06.2026"
        );
        assert_eq!(due_words(&month[1], today, Lang::Uk), "строк — 10.12.2026");
    }
}

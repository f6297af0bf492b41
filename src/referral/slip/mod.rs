//! The referral slip: what the visitor takes away.
//!
//! [`build`] turns a [`Card`] into a list of [`Item`]s once; the text, PDF and ESC/POS formats
//! only lay those items out, so every format says the same thing. Internal notes never reach an
//! item. The slip is always in Ukrainian: it is the visitor's document.
//!
//! Rooms: this file is the model ([`SlipContext`], [`Item`], [`build`]); `format` the plain
//! output choices; `text`, `pdf` and `escpos` the renderers; `render` the one dispatcher. The
//! settings build a [`SlipContext`] and an [`Output`] (in `config.rs`); nothing here reads them.

pub mod escpos;
mod format;
pub mod pdf;
mod render;
mod text;

pub use format::{Encoding, EscPosOptions, Output, Paper, Printer, SlipFormat};
pub use render::{SlipError, render};
pub use text::{TextLine, layout_text, render_text};

use super::Card;
use super::phrase::after_colon;
use crate::directory::{Appointment, Person, Status};
use crate::i18n::Lang;
use jiff::civil::Date;

/// The national free legal aid line, printed in every slip's footer.
pub const FREE_LEGAL_AID_LINE: &str = "0 800 213 103";

/// The office printed on slips when the settings name none (`[office]` in refdesk.toml).
pub const DEMO_OFFICE_NAME: &str = "Демонстраційне бюро правничої допомоги";

/// Narrowest and widest text slips (`--width`).
pub const MIN_WIDTH: usize = 20;
pub const MAX_WIDTH: usize = 200;

/// Text width when neither `--width` nor the settings give one: 48 columns, an 80 mm receipt.
pub const DEFAULT_WIDTH: usize = 48;

/// What a slip needs beyond the card: who issues it, when, for whom, and how wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipContext {
    pub office: IssuingOffice,
    pub date: Date,
    /// The visitor's name: printed on this slip, never stored.
    pub for_name: Option<String>,
    /// Columns, for the text and ESC/POS formats.
    pub width: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuingOffice {
    pub name: String,
    pub address: Option<String>,
    /// As it should be printed («(0412) 42-05-10»).
    pub phone: Option<String>,
}

impl IssuingOffice {
    /// «Бюро, вул. Київська, 1, тел. (0412) 11-22-33».
    pub fn line(&self) -> String {
        let mut back = self.name.clone();
        if let Some(addr) = &self.address {
            back.push_str(&format!(", {addr}"));
        }
        if let Some(p) = &self.phone {
            back.push_str(&format!(", тел. {p}"));
        }
        back
    }
}

/// One element of a slip, before layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// «НАПРАВЛЕННЯ» and the date.
    Title { title: String, date: String },
    /// A paragraph.
    Text(String),
    /// A notice that must stand out (demo data, a closed agency).
    Notice(String),
    /// «Label: value»; a `\n` in the value starts a continuation line.
    Field { label: String, value: String },
    /// A line introducing a checklist.
    Heading(String),
    /// A tick box.
    Check(String),
    /// A horizontal rule.
    Rule,
}

/// A built slip: its items and the QR payload (a vCard of the agency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub items: Vec<Item>,
    pub qr: String,
}

pub fn field(label: &str, value: impl Into<String>) -> Item {
    Item::Field {
        label: label.to_string(),
        value: value.into(),
    }
}

/// The slip for a card: the ONE list of what is printed, in order.
pub fn build(card: &Card, ctx: &SlipContext) -> Slip {
    let mut items = header(ctx, card.demo);
    items.extend(notices(card));
    items.push(Item::Rule);
    items.extend(agency_items(card));
    items.extend(footer(&ctx.office, true));
    items.push(verified(card));
    finish(items, card)
}

/// The slip's top: «НАПРАВЛЕННЯ» and the date, the issuing office, «Для:» the visitor's name
/// (once, however many agencies follow) and the demo-data notice.
pub fn header(ctx: &SlipContext, demo: bool) -> Vec<Item> {
    let office = &ctx.office;
    let mut items = vec![Item::Title {
        title: "НАПРАВЛЕННЯ".to_string(),
        date: ctx.date.strftime("%d.%m.%Y").to_string(),
    }];
    items.push(Item::Text(match &office.phone {
        Some(p) => format!("{} · тел. {p}", office.name),
        None => office.name.clone(),
    }));
    if let Some(n) = ctx
        .for_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        items.push(field("Для", n));
    }
    if demo {
        items.push(Item::Notice(
            "ДЕМОНСТРАЦІЙНІ ДАНІ — не для справжніх направлень".to_string(),
        ));
    }
    items
}

/// What must stand out about the agency before anything else: it is closed, or replaced, or
/// has a temporary notice.
pub fn notices(closed: &Card) -> Vec<Item> {
    let a = closed.destination().agency;
    let mut items = Vec::new();
    match (closed.agency.status, closed.successor.is_some()) {
        (Status::Active, _) => {}
        (Status::TemporarilyClosed, false) => {
            items.push(Item::Notice("УВАГА: ТИМЧАСОВО НЕ ПРАЦЮЄ".into()))
        }
        (Status::Closed, false) => items.push(Item::Notice("УВАГА: УСТАНОВУ ЗАКРИТО".into())),
        (_, true) => items.push(Item::Notice(format!(
            "«{}» не працює — направляємо до установи, що її замінила",
            closed.agency.display_name()
        ))),
    }
    if let Some(alert) = &closed.agency.alert {
        items.push(Item::Notice(format!("Увага: {}", after_colon(alert))));
    }
    if closed.successor.is_some()
        && let Some(alert) = &a.alert
    {
        items.push(Item::Notice(format!("Увага: {}", after_colon(alert))));
    }
    items
}

/// The complete referral to one agency, from «Куди:» to «Сайт:»: address, phones, hours with
/// the lunch break, whom to ask for, and the chosen service's (or every service's) booking,
/// fee and documents. A closed agency that names a successor sends the visitor there.
pub fn agency_items(closed: &Card) -> Vec<Item> {
    let card = &closed.destination();
    let a = card.agency;
    let mut items = Vec::new();
    items.push(field("Куди", a.name.clone()));
    match card.address_with_note() {
        Some(addr) => items.push(field("Адреса", addr)),
        None => items.push(field("Де", "дистанційно (телефон / онлайн), вся Україна")),
    }
    let phones: Vec<String> = card.phones().iter().map(Card::phone_line).collect();
    if !phones.is_empty() {
        let label = if phones.len() == 1 {
            "Телефон"
        } else {
            "Телефони"
        };
        items.push(field(label, phones.join("; ")));
    }
    let mut hours = card.hours().display(Lang::Uk);
    if let Some(l) = card.lunch() {
        hours.push_str(&format!("\nперерва {}", l.display()));
    }
    items.push(field("Графік", hours));
    if let Some(r) = &a.reception {
        items.push(field("Прийом", r.parsed.display(Lang::Uk)));
    }
    if let Some(n) = &a.hours_note {
        items.push(field("Зверніть увагу", after_colon(n)));
    }
    let contacts = card.contacts();
    if contacts.is_empty()
        && let Some(h) = &a.head
    {
        items.push(field("Керівник", card.person_line(h)));
    }
    for p in contacts {
        items.push(contact_field(card, p));
    }

    // The chosen service's procedure, or each one's when the slip is for all of them: a slip
    // never sends the visitor off without how to book and what to bring. (The steps stay on
    // the card and in the phrase: with them, long slips no longer fit one A6 sheet.)
    for (_, s) in card.slip_services() {
        items.push(field("Питання", s.name.clone()));
        let appointment = s
            .appointment
            .map(|ap| super::card::appointment_label(ap, Lang::Uk));
        match (appointment, &s.booking) {
            (Some(ap), Some(b)) if s.appointment != Some(Appointment::None) => {
                items.push(field("Попередній запис", format!("{ap} — {b}")))
            }
            (Some(ap), _) => items.push(field("Попередній запис", ap)),
            (None, Some(b)) => items.push(field("Як записатися", b.clone())),
            (None, None) => {}
        }
        if let Some(f) = &s.fee {
            items.push(field("Вартість", f.clone()));
        }
        if let Some(d) = &s.duration {
            items.push(field("Строк", d.clone()));
        }
        if !s.documents.is_empty() {
            items.push(Item::Heading("Візьміть із собою:".to_string()));
            items.extend(s.documents.iter().map(|d| Item::Check(d.clone())));
        }
        if let Some(o) = &s.online {
            items.push(field("Онлайн", o.clone()));
        }
    }
    if let Some(w) = &a.website {
        items.push(field("Сайт", w.clone()));
    }
    items
}

/// The office's footer: a rule, then (with `come_back`) «Якщо питання не вирішено —
/// поверніться до нас:» with the office's name, address and phone, and the national free legal
/// aid line.
pub fn footer(office: &IssuingOffice, come_back: bool) -> Vec<Item> {
    let mut items = vec![Item::Rule];
    if come_back {
        items.push(Item::Text(
            "Якщо питання не вирішено — поверніться до нас:".to_string(),
        ));
        items.push(Item::Text(office.line()));
    }
    items.push(Item::Text(format!(
        "Безоплатна правнича допомога: {FREE_LEGAL_AID_LINE}"
    )));
    items
}

/// «Дані перевірено 15.10.2026» for the agency the visitor goes to.
pub fn verified(closed: &Card) -> Item {
    Item::Text(format!(
        "Дані перевірено {}",
        closed.destination().agency.verified.strftime("%d.%m.%Y")
    ))
}

/// The items made safe to print, and the QR payload (a vCard of the agency the visitor goes
/// to).
pub fn finish(mut items: Vec<Item>, card: &Card) -> Slip {
    // Every format prints these texts: no escape sequence may reach a terminal (text slip) or
    // command a receipt printer (ESC/POS); and one apostrophe, ’, on paper.
    items.iter_mut().for_each(Item::sanitize);
    Slip {
        items,
        qr: super::vcard::vcard(&card.destination()),
    }
}

/// «Зверніться до Кравчук Світлани Олександрівни (головний державний інспектор, вікно 3)»: the
/// name in the genitive after «до»; a name that cannot be declined with certainty goes under
/// «Контактна особа:», which needs no case.
fn contact_field(card: &Card, p: &Person) -> Item {
    let rest = card.person_line(&Person {
        name: String::new(),
        ..p.clone()
    });
    let rest = rest.trim_start_matches(", ");
    match crate::grammar::person::genitive(&p.name) {
        Some(g) if rest.is_empty() => field("Зверніться до", g),
        Some(g) => field("Зверніться до", format!("{g} ({rest})")),
        None => field("Контактна особа", card.person_line(p)),
    }
}

/// One apostrophe on paper, ’, whatever the data uses (' ʼ ` between letters).
fn paper_apostrophes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between = i > 0
                && chars[i - 1].is_alphabetic()
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if between && matches!(c, '\'' | 'ʼ' | '`' | '‘') {
                '’'
            } else {
                c
            }
        })
        .collect()
}

impl Item {
    /// No control characters, and ’ for every apostrophe.
    pub fn sanitize(&mut self) {
        use crate::sanitize::{line, text};
        match self {
            Item::Title { title, date } => {
                *title = paper_apostrophes(&line(title));
                *date = line(date);
            }
            Item::Text(t) | Item::Notice(t) | Item::Heading(t) | Item::Check(t) => {
                *t = paper_apostrophes(&line(t))
            }
            Item::Field { label, value } => {
                *label = line(label);
                // Its line breaks are the slip's own continuation lines.
                *value = paper_apostrophes(&text(value));
            }
            Item::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Directory, LoadOptions, load_texts};
    use unicode_width::UnicodeWidthStr;

    fn dir() -> Directory {
        load_texts(
            &[(
                "agencies.toml",
                include_str!("../../../tests/fixtures/referral/agencies.toml"),
            )],
            &LoadOptions {
                today: jiff::civil::date(2026, 11, 25),
                lang: Lang::Uk,
            },
        )
    }

    fn ctx(width: usize) -> SlipContext {
        SlipContext {
            office: IssuingOffice {
                name: "Житомирське бюро правової допомоги".into(),
                address: Some("вул. Київська, 1".into()),
                phone: Some("(0412) 11-22-33".into()),
            },
            date: jiff::civil::date(2026, 11, 25),
            for_name: Some("Шевченко Тарас".into()),
            width,
        }
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let d = dir();
        for id in ["zt-cop", "zt-pfu", "zt-cnap", "hotline", "bd-fund"] {
            let a = d.agency(id).expect("fixture");
            let mut card = Card::new(&d, a, Lang::Uk);
            if !a.services.is_empty() {
                card = card.with_service("1").expect("service");
            }
            for width in [20, 32, 42, 48, 64, 80] {
                let text = render_text(&card, &ctx(width));
                for l in text.lines() {
                    assert!(
                        UnicodeWidthStr::width(l) <= width,
                        "{id} at {width}: {l:?} is {} wide",
                        UnicodeWidthStr::width(l)
                    );
                }
            }
        }
    }

    #[test]
    fn words_are_wrapped_not_cut() {
        let d = dir();
        let card = Card::new(&d, d.agency("zt-cop").expect("fixture"), Lang::Uk)
            .with_service("1")
            .expect("service");
        let text = render_text(&card, &ctx(32));
        let words_in = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().count() < 26)
                .map(str::to_string)
                .collect::<std::collections::BTreeSet<_>>()
        };
        // Every word of the card's name survives whole somewhere in the slip.
        let slip_words = words_in(&text);
        for w in words_in(&card.agency.name) {
            assert!(slip_words.contains(&w), "{w} cut in:\n{text}");
        }
    }

    #[test]
    fn slip_has_every_section_in_order_and_no_internal_notes() {
        let d = dir();
        let card = Card::new(&d, d.agency("zt-cop").expect("fixture"), Lang::Uk)
            .with_service("1")
            .expect("service");
        let text = render_text(&card, &ctx(64));
        let order = [
            "НАПРАВЛЕННЯ",
            "25.11.2026",
            "Житомирське бюро правової допомоги · тел. (0412) 11-22-33",
            "Для: Шевченко Тарас",
            "Куди: Центр обслуговування платників",
            "Адреса: Житомир, вул. Велика Бердичівська, 24, каб. 105 (вхід з",
            "Телефони: ",
            "Графік: ",
            "перерва 13:00–13:45",
            "Зверніть увагу: під час повітряної тривоги",
            "Контактна особа: Ґудзь Євгенія Їжакова, головний державний",
            "Питання: Видача відомостей",
            "Попередній запис: бажано — за телефоном центру",
            "Вартість: безоплатно",
            "Візьміть із собою:",
            "  [ ] паспорт громадянина України",
            "  [ ] РНОКПП (ідентифікаційний код)",
            "Онлайн: Електронний кабінет платника",
            "Сайт: https://zt.example.org",
            "Якщо питання не вирішено — поверніться до нас:",
            "Житомирське бюро правової допомоги, вул. Київська, 1,\nтел. (0412) 11-22-33",
            "Безоплатна правнича допомога: 0 800 213 103",
            "Дані перевірено 15.10.2026",
        ];
        let mut at = 0;
        for want in order {
            match text[at..].find(want) {
                Some(i) => at += i + want.len(),
                None => panic!("{want:?} missing or out of order in:\n{text}"),
            }
        }
        assert!(!text.contains("ВНУТРІШНЄ"), "internal notes never printed");
        assert_eq!(text.matches(&"-".repeat(64)).count(), 2);
    }

    #[test]
    fn demo_directory_slip_says_so_and_unconfigured_office_is_named() {
        let mut d = dir();
        d.meta.demo = true;
        let card = Card::new(&d, d.agency("hotline").expect("fixture"), Lang::Uk);
        let c = SlipContext::new(
            &crate::config::Config::default(),
            jiff::civil::date(2026, 11, 25),
        );
        assert_eq!(c.width, DEFAULT_WIDTH);
        let text = render_text(&card, &c);
        assert!(text.contains("ДЕМОНСТРАЦІЙНІ ДАНІ"), "{text}");
        assert!(text.contains(DEMO_OFFICE_NAME), "{text}");
        assert!(text.contains("Де: дистанційно"), "{text}");
        assert!(!text.contains("Для:"));
    }
}

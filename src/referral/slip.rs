//! The referral slip: what the visitor takes away.
//!
//! [`build`] turns a [`Card`] into a list of [`Item`]s once; the text, PDF and ESC/POS formats
//! only lay those items out, so every format says the same thing. Internal notes never reach an
//! item. The slip is always in Ukrainian: it is the visitor's document.

use super::Card;
use super::escpos::EscPosOptions;
use super::pdf::PdfError;
use super::phrase::after_colon;
use crate::cli::{Paper, SlipFormat};
use crate::config::{Config, Office};
use crate::directory::{Appointment, Person, Status};
use crate::i18n::Lang;
use jiff::civil::Date;
use unicode_width::UnicodeWidthStr;

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
    pub fn new(config: &Config, date: Date) -> SlipContext {
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

/// Which bytes to produce: the format, the PDF paper, the ESC/POS printer's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    pub format: SlipFormat,
    pub paper: Paper,
    pub escpos: EscPosOptions,
}

impl Output {
    /// The output for `format`, the rest from the settings (paper A6, Windows-1251 with the
    /// Epson `ESC t 46` unless configured).
    pub fn from_config(config: &Config, format: SlipFormat, paper: Option<Paper>) -> Output {
        let p = &config.printer;
        let encoding = p.escpos_encoding.unwrap_or_default();
        Output {
            format,
            paper: paper.or(p.paper).unwrap_or(Paper::A6),
            escpos: EscPosOptions {
                encoding,
                codepage: p.escpos_codepage.unwrap_or(encoding.default_codepage()),
                width: p.width.unwrap_or(DEFAULT_WIDTH),
            },
        }
    }

    /// The file name extension for this format.
    pub fn extension(&self) -> &'static str {
        match self.format {
            SlipFormat::Text => "txt",
            SlipFormat::Pdf => "pdf",
            SlipFormat::Escpos => "bin",
        }
    }
}

/// The slip in the requested format: UTF-8 text, PDF or ESC/POS bytes. Text and ESC/POS are
/// laid out at `ctx.width` columns.
pub fn render(card: &Card, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, PdfError> {
    let slip = build(card, ctx);
    Ok(match out.format {
        SlipFormat::Text => {
            let mut s = String::new();
            for l in layout_text(&slip, ctx.width) {
                s.push_str(&l.text);
                s.push('\n');
            }
            s.into_bytes()
        }
        SlipFormat::Pdf => super::pdf::render(&slip, out.paper)?,
        SlipFormat::Escpos => super::escpos::render(
            &slip,
            &EscPosOptions {
                width: ctx.width,
                ..out.escpos
            },
        ),
    })
}

/// A laid-out line of a monospaced slip (text, ESC/POS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub text: String,
    /// Printed emphasised where the format can (the title, notices).
    pub bold: bool,
}

/// The slip as plain text, no line wider than `ctx.width` terminal columns.
pub fn render_text(card: &Card, ctx: &SlipContext) -> String {
    let mut s = String::new();
    for l in layout_text(&build(card, ctx), ctx.width) {
        s.push_str(&l.text);
        s.push('\n');
    }
    s
}

/// Lays the items out in `width` columns (measured as a terminal does: `unicode-width`).
pub fn layout_text(slip: &Slip, width: usize) -> Vec<TextLine> {
    let width = width.max(MIN_WIDTH);
    // Continuation lines of a field: a hanging indent, smaller on narrow receipts.
    let indent = if width >= 48 { 8 } else { 2 };
    let cols = |s: &str| UnicodeWidthStr::width(s) as f32;
    let mut out = Vec::new();
    let mut push = |text: String, bold: bool| out.push(TextLine { text, bold });
    for item in &slip.items {
        match item {
            Item::Title { title, date } => {
                let (tw, dw) = (cols(title) as usize, cols(date) as usize);
                if tw + 1 + dw <= width {
                    push(
                        format!("{title}{}{date}", " ".repeat(width - tw - dw)),
                        true,
                    );
                } else {
                    push(title.clone(), true);
                    push(date.clone(), false);
                }
            }
            Item::Text(t) | Item::Heading(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, false);
                }
            }
            Item::Notice(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, true);
                }
            }
            Item::Field { label, value } => {
                let pad = " ".repeat(indent);
                for (i, part) in value.split('\n').enumerate() {
                    let (text, first) = if i == 0 {
                        (format!("{label}: {part}"), width as f32)
                    } else {
                        (part.to_string(), (width - indent) as f32)
                    };
                    for (j, l) in wrap(&text, first, (width - indent) as f32, &cols)
                        .into_iter()
                        .enumerate()
                    {
                        if i == 0 && j == 0 {
                            push(l, false);
                        } else {
                            push(format!("{pad}{l}"), false);
                        }
                    }
                }
            }
            Item::Check(t) => {
                let lines = wrap(t, (width - 6) as f32, (width - 6) as f32, &cols);
                for (j, l) in lines.into_iter().enumerate() {
                    let lead = if j == 0 { "  [ ] " } else { "      " };
                    push(format!("{lead}{l}"), false);
                }
            }
            Item::Rule => push("-".repeat(width), false),
        }
    }
    out
}

/// Short words that belong with the next one: «м. Київ», «тел. (044) …», «№ 5».
const LEADING: &[&str] = &[
    "м.",
    "с.",
    "смт",
    "тел.",
    "вул.",
    "просп.",
    "пл.",
    "бул.",
    "пров.",
    "буд.",
    "каб.",
    "кімн.",
    "корп.",
    "№",
];

/// The words of `text`, with a phone number's digit groups («0 800 213 103», «+380 67 123 45
/// 67», «(0412) 42-05-10») kept together as one unbreakable unit.
fn units(text: &str) -> Vec<String> {
    let is_digits = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-'))
    };
    let mut out: Vec<String> = Vec::new();
    let mut prev_digits = false;
    let mut glue_next = false;
    for w in text.split_whitespace() {
        // A trailing comma or full stop ends the number but still belongs to it.
        let core = w.trim_end_matches([',', ';', '.']);
        let d = is_digits(core) && !core.is_empty();
        match out.last_mut() {
            Some(last) if (prev_digits && d) || glue_next => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        prev_digits = d && core.len() == w.len();
        glue_next = LEADING.contains(&w.trim_start_matches(['(', '«']));
    }
    out
}

/// Greedy word wrap on spaces: the first line at most `first` wide, the others `rest`, widths
/// measured by `measure`. Words are never cut unless one alone is wider than a line (a long
/// URL), which is then broken between characters.
pub fn wrap(text: &str, first: f32, rest: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
    let mut queue: std::collections::VecDeque<String> = units(text).into();
    while let Some(word) = queue.pop_front() {
        let word = word.as_str();
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= limit(&lines) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(word) <= limit(&lines) {
            line = word.to_string();
            continue;
        }
        // An abbreviation glued to what follows, too wide together: apart, then.
        if let Some((abbr, after)) = word.split_once(' ')
            && LEADING.contains(&abbr.trim_start_matches(['(', '«']))
        {
            queue.push_front(after.to_string());
            queue.push_front(abbr.to_string());
            continue;
        }
        // A word wider than a whole line (a long URL): break it after the last «/», «.» or
        // «-» that fits, else between characters.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if measure(&next) > limit(&lines) && !line.is_empty() {
                let cut = line
                    .char_indices()
                    .filter(|&(i, ch)| i > 0 && matches!(ch, '/' | '.' | '-'))
                    .map(|(i, ch)| i + ch.len_utf8())
                    .next_back()
                    .filter(|&i| i < line.len());
                match cut {
                    Some(i) => {
                        let tail = line.split_off(i);
                        lines.push(std::mem::replace(&mut line, tail));
                        line.push(c);
                    }
                    None => {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Directory, LoadOptions, load_texts};

    fn dir() -> Directory {
        load_texts(
            &[(
                "agencies.toml",
                include_str!("../../tests/fixtures/referral/agencies.toml"),
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
        let c = SlipContext::new(&Config::default(), jiff::civil::date(2026, 11, 25));
        assert_eq!(c.width, DEFAULT_WIDTH);
        let text = render_text(&card, &c);
        assert!(text.contains("ДЕМОНСТРАЦІЙНІ ДАНІ"), "{text}");
        assert!(text.contains(DEMO_OFFICE_NAME), "{text}");
        assert!(text.contains("Де: дистанційно"), "{text}");
        assert!(!text.contains("Для:"));
    }

    #[test]
    fn wrap_breaks_only_overlong_words() {
        let cols = |s: &str| UnicodeWidthStr::width(s) as f32;
        assert_eq!(
            wrap("один два три чотири", 9.0, 9.0, &cols),
            vec!["один два", "три", "чотири"]
        );
        // A URL wider than a line breaks after «/» or «.», not in the middle of a word.
        assert_eq!(
            wrap("https://example.org/abc", 10.0, 10.0, &cols),
            vec!["https://", "example.", "org/abc"]
        );
        // Abbreviations stay with the word they belong to.
        assert_eq!(
            wrap("Оболонське бюро, м. Київ", 18.0, 18.0, &cols),
            vec!["Оболонське бюро,", "м. Київ"]
        );
        assert_eq!(wrap("", 10.0, 10.0, &cols), vec![""]);
        // Phone numbers are not split between their digit groups.
        assert_eq!(
            wrap("Безоплатна допомога: 0 800 213 103", 24.0, 24.0, &cols),
            vec!["Безоплатна допомога:", "0 800 213 103"]
        );
        assert_eq!(
            wrap("тел. (0412) 42-05-10, 24 год", 16.0, 16.0, &cols),
            vec!["тел.", "(0412) 42-05-10,", "24 год"]
        );
    }
}

//! The read-out phrase: what the frontliner says aloud, in correct Ukrainian.
//!
//! «З цим питанням Вам слід звернутися до <genitive>, який/яка/яке/які розташован… за адресою:
//! …» when the name's genitive and gender are known (from the data or [`crate::grammar`]);
//! otherwise «… звернутися сюди: <name>. Адреса: …», which needs no agreement. A private
//! notary or another person named as the agency «приймає» and agrees with the person. Then the
//! head (the handbook's «керівник — …»), phones, hours, whom to ask for, and for a service what
//! it costs, how to book, what to bring, what to do, and where to do it online. A closed agency
//! sends the visitor to its successor and never to its own address. Everything is taken from
//! the [`Card`], then made speakable by [`spoken`]. The phrase is always Ukrainian: it is said
//! to the visitor.

pub mod abbreviations;
mod spoken;
mod words;

pub use spoken::{has_url, sentence, spoken};

use super::Card;
use crate::directory::{Abbreviation, Appointment, Gender, Person, Service, Status};
use crate::grammar::person::{self, Sex};

/// How the single-agency phrase starts: «З цим питанням Вам слід звернутися до …».
pub const LEAD: &str = "З цим питанням Вам слід звернутися";

/// The sentence the frontliner reads aloud.
pub fn phrase(card: &Card) -> String {
    finish(&card_sentences(card, LEAD), card.abbreviations)
}

/// The phrase's sentences for one card, unjoined, the opening starting with `lead` («З цим
/// питанням Вам слід звернутися», «Після цього зверніться»), which is followed by «до» and
/// the genitive. The plan's phrase ([`crate::referral::plan::phrase`]) strings several
/// together.
pub fn card_sentences(card: &Card, lead: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let target = match (card.agency.status, card.successor) {
        (Status::Active, _) => Some(*card),
        (_, Some(_)) => {
            out.push(closure_notice(card));
            Some(card.destination())
        }
        (Status::Closed, None) => {
            out.push(closure_notice(card));
            out.push(
                "Куди звертатися замість неї, у довіднику не вказано — уточніть, будь ласка"
                    .to_string(),
            );
            None
        }
        (Status::TemporarilyClosed, None) => {
            out.push(closure_notice(card));
            Some(*card)
        }
    };
    if let Some(t) = target {
        out.extend(agency_sentences(
            &t,
            t.agency.status == Status::Active,
            lead,
        ));
    }
    if let Some(s) = card.selected_service() {
        out.extend(service_sentences(s));
    }
    out
}

/// Sentences joined into what is read aloud: each one ended, abbreviations said in full (the
/// card's directory's own too), no word twice in a row.
pub fn finish(sentences: &[String], own: &[Abbreviation]) -> String {
    let text = sentences
        .iter()
        .map(|s| sentence(s))
        .collect::<Vec<_>>()
        .join(" ");
    dedupe_adjacent(&abbreviations::expand(&text, own))
}

/// «Увага: ця установа тимчасово не працює — <alert>» / «<alert>» for a closed one.
fn closure_notice(card: &Card) -> String {
    let alert = card
        .agency
        .alert
        .as_deref()
        .map(|a| after_colon(&spoken(a)));
    match (card.agency.status, alert) {
        (Status::TemporarilyClosed, Some(a)) => {
            format!("Увага: ця установа тимчасово не працює — {}", no_colons(&a))
        }
        (Status::TemporarilyClosed, None) => "Увага: ця установа тимчасово не працює".into(),
        (_, Some(a)) => format!("Увага: {}", no_colons(&a)),
        (_, None) => "Увага: ця установа закрита".into(),
    }
}

/// Everything about the agency the visitor goes to. `with_alert` is false when the alert was
/// already said in the closure notice.
fn agency_sentences(card: &Card, with_alert: bool, lead: &str) -> Vec<String> {
    let a = card.agency;
    let mut out: Vec<String> = Vec::new();
    out.push(opening(card, lead));
    if with_alert && let Some(alert) = &a.alert {
        out.push(format!(
            "Увага: {}",
            no_colons(&after_colon(&spoken(alert)))
        ));
    }

    let round_the_clock = card.hours().is_24_7();
    let phones = card.phones();
    if !phones.is_empty() {
        let list: Vec<String> = phones
            .iter()
            .map(|p| {
                // «Графік роботи: цілодобово» follows; the note need not say it again.
                let note = p.note.as_deref().map(spoken).map(|n| {
                    if round_the_clock {
                        n.replace(", цілодобово", "").replace("цілодобово, ", "")
                    } else {
                        n
                    }
                });
                match note.filter(|n| !n.is_empty() && n != "цілодобово") {
                    Some(n) => format!("{} ({})", p.number.spoken(), no_colons(&n)),
                    None => p.number.spoken(),
                }
            })
            .collect();
        let label = if phones.len() == 1 {
            "Телефон"
        } else {
            "Телефони"
        };
        out.push(format!("{label}: {}", list.join(", ")));
    }

    let mut hours = format!("Графік роботи: {}", card.hours().spoken_uk());
    if let Some(l) = card.lunch() {
        hours.push_str(&format!(", перерва {}", l.spoken_uk()));
    }
    out.push(hours);
    if let Some(r) = &a.reception {
        out.push(format!("Прийом громадян: {}", r.parsed.spoken_uk()));
    }
    if let Some(n) = &a.hours_note {
        out.push(format!(
            "Зверніть увагу: {}",
            no_colons(&after_colon(&spoken(n)))
        ));
    }

    // The handbook's «керівник — …», unless the head is the person the agency is named after
    // (a private notary).
    let head = a
        .head
        .as_ref()
        .filter(|h| !a.name.contains(h.name.as_str()));
    if let Some(h) = head {
        // «Голова суду — Голуб Артем Вікторович», «Керівник — …» when there is no title (and
        // never «Керівник — …, керівник сервісного центру»).
        let said = match h.title.as_deref().map(spoken) {
            Some(t) if !t.contains(',') && !t.contains('(') => format!(
                "{} — {}",
                capitalised(&t),
                spoken_person(&Person {
                    title: None,
                    ..h.clone()
                })
            ),
            _ => format!("Керівник — {}", spoken_person(h)),
        };
        out.push(said);
    }
    let contacts: Vec<&Person> = card
        .contacts()
        .iter()
        .filter(|p| a.head.as_ref().is_none_or(|h| h.name != p.name))
        .collect();
    if !contacts.is_empty() {
        let label = if contacts.len() == 1 {
            "Контактна особа — "
        } else {
            "Контактні особи: "
        };
        let list: Vec<String> = contacts.iter().map(|p| spoken_person(p)).collect();
        out.push(format!("{label}{}", list.join("; ")));
    }
    out
}

/// «<lead> до …, який розташований за адресою: …».
fn opening(card: &Card, lead: &str) -> String {
    let a = card.agency;
    let address = card.address().map(|addr| {
        let mut s = spoken(&addr);
        if let Some(note) = &a.address_note {
            s = format!("{s}; {}", no_colons(&spoken(note)));
        }
        s
    });
    let genitive = card.name_genitive();
    let opening = lead;
    // A person named as the agency: «… Ковальчук Оксани Вікторівни, яка приймає за адресою».
    let person_sex = person_in_name(&a.name);
    match (genitive, person_sex, card.gender(), &address) {
        (Some(g), Some(sex), _, Some(addr)) => {
            let who = match sex {
                Sex::Male => "який",
                Sex::Female => "яка",
            };
            format!(
                "{opening} до {}, {who} приймає за адресою: {addr}",
                spoken(&g)
            )
        }
        (Some(g), None, Some(gender), Some(addr)) => {
            format!(
                "{opening} до {}, {} за адресою: {addr}",
                spoken(&g),
                located(gender)
            )
        }
        // No address (a phone line): nothing needs to agree with the name.
        (Some(g), _, _, None) => format!("{opening} до {}", spoken(&g)),
        (None, _, _, None) => format!("{opening} сюди: {}", a.name),
        (_, _, _, Some(addr)) => format!("{opening} сюди: {}. Адреса: {addr}", a.name),
    }
}

/// The sex of a person whose full name ends the agency's name («Приватний нотаріус …
/// Ковальчук Оксана Вікторівна»).
fn person_in_name(name: &str) -> Option<Sex> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last3 = words.get(words.len().checked_sub(3)?..)?.join(" ");
    person::sex(&last3)
}

/// The selected service: the fee first (a visitor asks «how much» first), then booking,
/// documents, the procedure and the online way.
pub fn service_sentences(s: &Service) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &s.fee {
        let f = spoken(f);
        out.push(match f.strip_prefix("безоплатно") {
            Some(rest) => format!("Це безоплатно{}", no_colons(rest)),
            None => format!("Вартість: {}", no_colons(&f)),
        });
    }
    let booking = s.booking.as_deref().map(booking_words);
    let url_note = |raw: Option<&str>| {
        if raw.is_some_and(has_url) {
            " — адреса сайту є на направленні"
        } else {
            ""
        }
    };
    let booking_note = url_note(s.booking.as_deref());
    match (s.appointment, booking) {
        (Some(Appointment::Required), Some(b)) => {
            out.push(format!("Потрібно попередньо записатися {b}{booking_note}"))
        }
        (Some(Appointment::Required), None) => out.push("Потрібно попередньо записатися".into()),
        (Some(Appointment::Recommended), Some(b)) => {
            out.push(format!("Бажано попередньо записатися {b}{booking_note}"))
        }
        (Some(Appointment::Recommended), None) => out.push("Бажано попередньо записатися".into()),
        (Some(Appointment::None), _) => out.push("Попередній запис не потрібен".into()),
        (None, Some(b)) => out.push(format!("Записатися можна {b}{booking_note}")),
        (None, None) => {}
    }
    if !s.documents.is_empty() {
        let docs: Vec<String> = s.documents.iter().map(|d| no_colons(&spoken(d))).collect();
        // «документи не обов'язкові» is a sentence of its own, not an item of a list.
        match docs.as_slice() {
            [only] if only.starts_with("документи не") => out.push(capitalised(only)),
            _ => out.push(format!("Потрібні документи: {}", docs.join(", "))),
        }
    }
    if !s.steps.is_empty() {
        let steps: Vec<String> = s.steps.iter().map(|d| no_colons(&spoken(d))).collect();
        let sep = if steps.iter().any(|s| s.contains(',')) {
            "; "
        } else {
            ", "
        };
        out.push(format!("Порядок дій: {}", steps.join(sep)));
    }
    if let Some(o) = &s.online {
        let note = url_note(Some(o));
        let how = spoken(o);
        out.push(if how.is_empty() {
            format!("Також можна звернутися онлайн{note}")
        } else {
            format!(
                "Також можна звернутися онлайн через {}{note}",
                no_colons(&accusative_lead(&how))
            )
        });
    }
    out
}

/// How to book, after «записатися»: «за телефоном …», «через …» as written; a noun phrase
/// («електронна черга на сайті ДМС») gets «через» and the accusative.
fn booking_words(b: &str) -> String {
    let b = spoken(b);
    let first = b.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        first.as_str(),
        "за" | "через" | "у" | "в" | "на" | "онлайн" | "особисто" | "телефоном" | "до"
    ) {
        no_colons(&b)
    } else {
        format!("через {}", no_colons(&accusative_lead(&b)))
    }
}

/// The leading adjectives and noun of a feminine noun phrase in the accusative («електронна
/// черга на сайті» → «електронну чергу на сайті»); masculine and neuter inanimate nouns are
/// the same as the nominative, so everything else stays.
fn accusative_lead(text: &str) -> String {
    let mut done = false;
    text.split(' ')
        .map(|w| {
            if done {
                return w.to_string();
            }
            let core = w.trim_end_matches([',', ';', ')']);
            let tail = &w[core.len()..];
            let is_word = core.chars().count() > 2 && core.chars().all(char::is_alphabetic);
            if is_word && core.ends_with('а') {
                format!("{}у{tail}", &core[..core.len() - 'а'.len_utf8()])
            } else if is_word && core.ends_with('я') {
                format!("{}ю{tail}", &core[..core.len() - 'я'.len_utf8()])
            } else {
                done = true;
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// «який розташований / яка розташована / яке розташоване / які розташовані».
pub fn located(g: Gender) -> &'static str {
    match g {
        Gender::Masculine => "який розташований",
        Gender::Feminine => "яка розташована",
        Gender::Neuter => "яке розташоване",
        Gender::Plural => "які розташовані",
    }
}

/// «Іваненко Марія Петрівна, головний спеціаліст, кабінет 12, телефон 0412 42 05 11».
fn spoken_person(p: &Person) -> String {
    let mut parts = vec![p.name.clone()];
    parts.extend(p.title.as_deref().map(spoken));
    parts.extend(p.room.as_deref().map(spoken));
    if let Some(ph) = &p.phone {
        parts.push(format!("телефон {}", ph.number.spoken()));
    }
    no_colons(&parts.join(", "))
}

/// A colon inside a labelled sentence would chain («Зверніть увагу: …: …»); a dash reads the
/// same and keeps one colon per sentence. Times («10:00») are untouched.
pub fn no_colons(text: &str) -> String {
    text.replace(": ", " — ")
}

pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text after a colon in the middle of the phrase starts with a small letter, unless it starts
/// with an abbreviation or a name in capitals («ЦНАП», «ПФУ»).
pub fn after_colon(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second))
            if first.is_uppercase() && (second.is_lowercase() || second.is_whitespace()) =>
        {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// No word twice in a row («реєстратура; реєстратура — праворуч»): the second is dropped
/// with the punctuation between them.
fn dedupe_adjacent(text: &str) -> String {
    let core = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut out: Vec<String> = Vec::new();
    for w in text.split(' ') {
        let c = core(w);
        // Only a repeat with nothing or «;» between: «в бюро, бюро передає» is two clauses.
        let repeated = out
            .last()
            .is_some_and(|prev| core(prev) == c && !prev.ends_with(','))
            && c.chars().any(char::is_alphabetic);
        if repeated && let Some(prev) = out.last_mut() {
            // «реєстратура; реєстратура —» → «реєстратура —»: the first word's punctuation
            // goes, the second's stays.
            let stem_len = prev.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            prev.truncate(stem_len);
            prev.push_str(&w[w.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..]);
            continue;
        }
        out.push(w.to_string());
    }
    out.join(" ")
}

#[cfg(test)]
mod tests;

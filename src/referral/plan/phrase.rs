//! The plan read aloud as one text: «Спочатку Вам слід звернутися до …, який розташований за
//! адресою … Після цього зверніться до … Коли отримаєте паспорт, поверніться, будь ласка, до
//! нас: …».
//!
//! Every agency step is the single-agency phrase ([`crate::referral::phrase`]) with its own
//! opening words, so the grammar (the genitive after «до», agreement, spoken addresses, phones
//! and dates, no URL) is the same; each step keeps its pre-registration and documents.

use super::{Resolved, ResolvedStop, StepNote};
use crate::referral::Card;
use crate::referral::phrase::{self, after_colon, capitalised, no_colons, spoken};
use crate::referral::slip::IssuingOffice;

/// The whole plan as the frontliner says it.
pub fn phrase(steps: &[Resolved], office: &IssuingOffice) -> String {
    let agencies = steps
        .iter()
        .filter(|s| matches!(s.stop, ResolvedStop::Agency(_)))
        .count();
    let mut out: Vec<String> = Vec::new();
    let mut seen_agency = false;
    for (i, step) in steps.iter().enumerate() {
        let next_is_office = matches!(steps.get(i + 1).map(|s| s.stop), Some(ResolvedStop::Office));
        match step.stop {
            ResolvedStop::Agency(card) => {
                let (lead, remark) = agency_lead(step.note, !seen_agency, agencies);
                out.extend(step_sentences(&card, &lead));
                out.extend(remark);
                if step.note == Some(&StepNote::ThenReturn) && !next_is_office {
                    out.push(format!("Потім {RETURN}"));
                }
                seen_agency = true;
            }
            ResolvedStop::Office => {
                let (lead, remark) = office_lead(step.note, seen_agency);
                out.extend(remark);
                out.extend(office_sentences(office, &lead));
            }
        }
    }
    // Every card of a plan comes from the same directory: its own abbreviations apply.
    let own = steps
        .iter()
        .find_map(|s| match s.stop {
            ResolvedStop::Agency(c) => Some(c.abbreviations),
            ResolvedStop::Office => None,
        })
        .unwrap_or(&[]);
    phrase::finish(&out, own)
}

const RETURN: &str = "поверніться, будь ласка, до нас";

/// A typed note that reads as the start of the sentence («коли отримаєте паспорт, …»);
/// anything else is said after the step as «Зверніть увагу: …».
fn clause(note: &str) -> Option<String> {
    const OPENERS: [&str; 7] = [
        "коли ",
        "після того",
        "якщо ",
        "як тільки ",
        "щойно ",
        "у разі ",
        "в разі ",
    ];
    let t = note.trim().trim_end_matches(['.', ',', ';', ':', '!']);
    let lower = t.to_lowercase();
    OPENERS
        .iter()
        .any(|o| lower.starts_with(o))
        .then(|| capitalised(&spoken(t)))
}

/// The words before «до <genitive>» for an agency step, and a remark to say after it.
fn agency_lead(note: Option<&StepNote>, first: bool, agencies: usize) -> (String, Option<String>) {
    let plain = if !first {
        "Після цього зверніться"
    } else if agencies > 1 {
        "Спочатку Вам слід звернутися"
    } else {
        phrase::LEAD
    };
    match note {
        Some(StepNote::First) => ("Спочатку Вам слід звернутися".into(), None),
        Some(StepNote::WhenDocument) => ("Коли отримаєте документ, зверніться".into(), None),
        Some(StepNote::Typed(t)) => match clause(t) {
            Some(c) => (format!("{c}, зверніться"), None),
            None => (plain.into(), Some(remark(t))),
        },
        Some(StepNote::ThenReturn) | None => (plain.into(), None),
    }
}

/// «Коли отримаєте паспорт, поверніться, будь ласка, до нас» and a remark to say before it.
fn office_lead(note: Option<&StepNote>, after_agency: bool) -> (String, Option<String>) {
    let plain = if after_agency {
        format!("Після цього {RETURN}")
    } else {
        capitalised(RETURN)
    };
    match note {
        Some(StepNote::WhenDocument) => (format!("Коли отримаєте документ, {RETURN}"), None),
        Some(StepNote::Typed(t)) => match clause(t) {
            Some(c) => (format!("{c}, {RETURN}"), None),
            None => (plain, Some(remark(t))),
        },
        Some(StepNote::ThenReturn) => (format!("Потім {RETURN}"), None),
        Some(StepNote::First) | None => (plain, None),
    }
}

fn remark(note: &str) -> String {
    format!(
        "Зверніть увагу: {}",
        no_colons(&after_colon(&spoken(note.trim())))
    )
}

/// One agency's sentences; for a referral to all its services, each service's in turn, named.
fn step_sentences(card: &Card, lead: &str) -> Vec<String> {
    let mut out = phrase::card_sentences(card, lead);
    if card.all_services {
        for (_, s) in card.slip_services() {
            let mut said = phrase::service_sentences(s);
            if let Some(first) = said.first_mut() {
                *first = format!(
                    "Щодо послуги «{}» — {}",
                    no_colons(&spoken(&s.name)),
                    after_colon(first)
                );
            }
            out.extend(said);
        }
    }
    out
}

/// «…, поверніться, будь ласка, до нас: <office>, <address>. Наш телефон: …».
fn office_sentences(office: &IssuingOffice, lead: &str) -> Vec<String> {
    let mut first = format!("{lead}: {}", no_colons(&office.name));
    if let Some(a) = &office.address {
        first.push_str(&format!(", {}", no_colons(&spoken(a))));
    }
    let mut out = vec![first];
    if let Some(p) = &office.phone {
        let said = match crate::phone::parse(p) {
            Ok(n) => n.spoken(),
            // Not a number refdesk can say digit group by digit group: as written, without
            // the country code a visitor never dials.
            Err(_) => spoken(p).replace("+380", "0").replace("+38", ""),
        };
        out.push(format!("Наш телефон: {said}"));
    }
    out
}

#[cfg(test)]
mod tests;

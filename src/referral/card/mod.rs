//! The card: what a complete referral says for an (agency, optional service) pair.
//!
//! `show`, the screen, the read-out phrase and every slip format take their facts from here, so
//! they can never disagree about an address, a phone or who to ask for.

use crate::directory::{
    Abbreviation, Agency, Appointment, Directory, Gender, Person, PhoneEntry, Serves, Service,
    Status,
};
use crate::hours::{Hours, Lunch, OpenState};
use crate::i18n::Lang;
use jiff::civil::DateTime;

mod choice;
pub use choice::{FEW_SERVICES, ServiceChoice, ServiceNotFound, Target, numbered_services};

/// A labelled line of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// An agency, optionally narrowed to one of its services (numbered from 1 as `show` lists them).
#[derive(Debug, Clone, Copy)]
pub struct Card<'a> {
    pub agency: &'a Agency,
    pub service: Option<(usize, &'a Service)>,
    /// The referral is for every service (`--all-services`, «усі послуги» in the print
    /// preview): the slip gives each one's booking, fee and documents. `service` is `None`.
    pub all_services: bool,
    pub category_label: &'a str,
    /// The directory is demo data: every output says so.
    pub demo: bool,
    pub lang: Lang,
    /// Where a closed (or temporarily closed) agency sends its visitors: its `successor`,
    /// when that is in the directory and working.
    pub successor: Option<&'a Agency>,
    /// The directory's own abbreviations for the read-out phrase (the built-in ones apply
    /// too).
    pub abbreviations: &'a [Abbreviation],
    /// The directory's oblast (`[directory] province`), for an agency that names none.
    pub default_oblast: Option<&'a str>,
}

/// Pre-registration in a word, the same on the card, in `show` and on the slip (which is
/// always Ukrainian).
pub fn appointment_label(a: Appointment, lang: Lang) -> &'static str {
    match a {
        Appointment::Required => lang.pick("обов'язковий", "required"),
        Appointment::Recommended => lang.pick("бажано", "recommended"),
        Appointment::None => lang.pick("не потрібен", "not needed"),
    }
}

impl<'a> Card<'a> {
    pub fn new(dir: &'a Directory, agency: &'a Agency, lang: Lang) -> Self {
        let category_label = dir
            .category(&agency.category)
            .map(|c| c.label(lang))
            .unwrap_or(agency.category.as_str());
        let successor = match agency.status {
            Status::Active => None,
            _ => agency
                .successor
                .as_deref()
                .and_then(|id| dir.agency(id))
                .filter(|s| s.status == Status::Active),
        };
        Card {
            agency,
            service: None,
            all_services: false,
            category_label,
            demo: dir.meta.demo,
            lang,
            successor,
            abbreviations: &dir.meta.abbreviations,
            default_oblast: dir.meta.province.as_deref(),
        }
    }

    /// The card for a target — the one way from "this agency, this service" to what a
    /// referral says, for the screen, the command line and the slips alike. `None` when the
    /// directory has no such agency; a service index out of range chooses nothing.
    pub fn for_target(dir: &'a Directory, target: Target<'_>, lang: Lang) -> Option<Self> {
        let agency = dir.agency(target.agency)?;
        Some(Card::new(dir, agency, lang).with_choice(target.service))
    }

    /// The card the visitor is actually sent to: the successor's for a closed agency that
    /// names one (keeping the chosen service), else this one.
    pub fn destination(&self) -> Card<'a> {
        match self.successor {
            Some(s) => Card {
                agency: s,
                successor: None,
                ..*self
            },
            None => *self,
        }
    }

    /// Narrows the card to a service given as its number (1, 2, …) or a fragment of its name
    /// ([`ServiceChoice::named`]).
    pub fn with_service(self, which: &str) -> Result<Self, ServiceNotFound> {
        Ok(self.with_choice(ServiceChoice::named(self.agency, which)?))
    }

    /// The card for a [`ServiceChoice`]; an index out of range chooses nothing.
    pub fn with_choice(mut self, choice: ServiceChoice) -> Self {
        let services = &self.agency.services;
        self.service = choice
            .one()
            .and_then(|i| services.get(i).map(|s| (i + 1, s)));
        self.all_services = choice == ServiceChoice::All && !services.is_empty();
        self
    }

    /// Every service (`--all-services`).
    pub fn with_all_services(self) -> Self {
        self.with_choice(ServiceChoice::All)
    }

    /// The services a slip gives the procedure of, numbered from 1: the chosen one, or all of
    /// them.
    pub fn slip_services(&self) -> Vec<(usize, &'a Service)> {
        if self.all_services {
            self.agency
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| (i + 1, s))
                .collect()
        } else {
            self.service.into_iter().collect()
        }
    }

    fn t(&self, uk: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(uk, en)
    }

    /// "Житомир, вул. Велика Бердичівська, 24, каб. 105" — the locality first, as ux.md's slip
    /// shows it (unless the address already names it).
    pub fn address(&self) -> Option<String> {
        let a = self.agency;
        let addr = a.address.as_deref()?;
        if let Some(country) = &a.country {
            // Abroad, as it is written there: street, town, state, country.
            let rest = [&a.locality, &a.province]
                .into_iter()
                .flatten()
                .filter(|x| !addr.contains(x.as_str()));
            let parts: Vec<&str> = std::iter::once(addr)
                .chain(rest.map(String::as_str))
                .chain([country.as_str()])
                .collect();
            return Some(parts.join(", "));
        }
        let mut s = addr.to_string();
        if let Some(l) = a.locality.as_ref().filter(|l| !addr.contains(l.as_str())) {
            s = format!("{l}, {s}");
        }
        Some(s)
    }

    /// The area the agency takes visitors from beyond its own locality, when `serves` says:
    /// «уся Україна», «Житомирська область», «Бердичів, с. Семенівка».
    pub fn serves_area(&self) -> Option<String> {
        let a = self.agency;
        match a.serves.as_ref()? {
            Serves::Country => Some(self.t("уся Україна", "all of Ukraine").to_string()),
            Serves::Oblast => a.oblast(self.default_oblast).map(str::to_string),
            Serves::Localities(l) => Some(l.join(", ")),
        }
    }

    /// The address with its note: "Житомир, вул. …, каб. 105 (вхід з двору)".
    pub fn address_with_note(&self) -> Option<String> {
        let a = self.address()?;
        Some(match &self.agency.address_note {
            Some(n) => format!("{a} ({n})"),
            None => a,
        })
    }

    pub fn phones(&self) -> &'a [PhoneEntry] {
        &self.agency.phones
    }

    /// "(0412) 42-05-10 (приймальня)".
    pub fn phone_line(p: &PhoneEntry) -> String {
        match &p.note {
            Some(n) => format!("{} ({n})", p.display()),
            None => p.display(),
        }
    }

    /// All phones on one line, separated the way ux.md shows them.
    pub fn phones_line(&self) -> String {
        self.phones()
            .iter()
            .map(Self::phone_line)
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The selected service, if any.
    pub fn selected_service(&self) -> Option<&'a Service> {
        self.service.map(|(_, s)| s)
    }

    /// The name as it follows «звернутися до …»: the data's `name_genitive`, else derived from
    /// a known head noun ([`crate::grammar`]); `None` when neither is possible.
    pub fn name_genitive(&self) -> Option<String> {
        self.agency
            .name_genitive
            .clone()
            .or_else(|| crate::grammar::genitive(&self.agency.name))
    }

    /// The gender of the name's head noun: the data's `gender`, else derived.
    pub fn gender(&self) -> Option<Gender> {
        self.agency
            .gender
            .or_else(|| crate::grammar::head_gender(&self.agency.name))
    }

    /// The hours that apply: the selected service's own, else the agency's.
    pub fn hours(&self) -> &'a Hours {
        match self.service.and_then(|(_, s)| s.hours.as_ref()) {
            Some(h) => &h.parsed,
            None => &self.agency.hours.parsed,
        }
    }

    pub fn lunch(&self) -> Option<&'a Lunch> {
        self.agency.lunch.as_ref().map(|l| &l.parsed)
    }

    /// "Пн–Чт 09:00–18:00, Пт 09:00–16:45; перерва 13:00–13:45".
    pub fn hours_line(&self) -> String {
        let mut s = self.hours().display(self.lang);
        if let Some(l) = self.lunch() {
            s.push_str(&format!("; {} {}", self.t("перерва", "break"), l.display()));
        }
        s
    }

    /// The documents to bring for the selected service (none without a service).
    pub fn documents(&self) -> &'a [String] {
        self.selected_service()
            .map_or(&[], |s| s.documents.as_slice())
    }

    /// Internal notes are for staff only: every visitor-facing output asks this, so that a
    /// future field marked internal is excluded everywhere at once.
    pub fn internal_notes(&self) -> Option<&'a str> {
        self.agency.notes.as_deref()
    }

    pub fn reception_line(&self) -> Option<String> {
        self.agency
            .reception
            .as_ref()
            .map(|r| r.parsed.display(self.lang))
    }

    /// Who to ask for: the service's own contacts, else the agency's.
    pub fn contacts(&self) -> &'a [Person] {
        match self.service {
            Some((_, s)) if !s.contacts.is_empty() => &s.contacts,
            _ => &self.agency.contacts,
        }
    }

    /// "Іваненко Марія Петрівна, головний спеціаліст, каб. 12, тел. (0412) 42-05-11".
    pub fn person_line(&self, p: &Person) -> String {
        let mut parts = vec![p.name.clone()];
        parts.extend(p.title.clone());
        parts.extend(p.room.clone());
        if let Some(ph) = &p.phone {
            parts.push(format!(
                "{} {}",
                self.t("тел.", "tel."),
                Self::phone_line(ph)
            ));
        }
        parts.extend(p.email.clone());
        parts.join(", ")
    }

    /// The open state at a local time ([`crate::directory::Agency::open_state`]).
    pub fn open_state(&self, at: DateTime) -> Option<OpenState> {
        self.agency.open_state(at)
    }

    pub fn appointment_text(&self, a: Appointment) -> &'static str {
        appointment_label(a, self.lang)
    }

    pub fn status_text(&self) -> Option<&'static str> {
        match self.agency.status {
            Status::Active => None,
            Status::TemporarilyClosed => Some(self.t("ТИМЧАСОВО НЕ ПРАЦЮЄ", "TEMPORARILY CLOSED")),
            Status::Closed => Some(self.t(
                "ЗАКРИТО (запис збережено для історії)",
                "CLOSED (kept for history)",
            )),
        }
    }

    /// The agency's own fields, in the order a frontliner reads them. `internal` includes the
    /// staff-only notes (screen and `show`); slips pass false.
    pub fn agency_fields(&self, internal: bool) -> Vec<Field> {
        let a = self.agency;
        let mut f = Vec::new();
        let mut push = |label: &'static str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                f.push(Field { label, value: v });
            }
        };
        let t = |uk, en| self.lang.pick(uk, en);
        push(t("Увага", "Notice"), a.alert.clone());
        push(t("Стан", "Status"), self.status_text().map(str::to_string));
        push(
            t("Звертатися натомість", "Go instead to"),
            self.successor.map(|s| {
                let card = self.destination();
                match card.address() {
                    Some(addr) => format!("{} ({addr})", s.display_name()),
                    None => s.display_name().to_string(),
                }
            }),
        );
        push(t("Коротко", "Short name"), a.short_name.clone());
        push(
            t("Категорія", "Category"),
            Some(self.category_label.to_string()),
        );
        push(t("Опис", "About"), a.description.clone());
        if a.remote {
            let area = match (&a.locality, self.serves_area()) {
                (Some(l), _) => l.clone(),
                (None, Some(area)) => area,
                (None, None) => t("вся Україна", "all of Ukraine").to_string(),
            };
            push(
                t("Де", "Where"),
                Some(format!(
                    "{}, {area}",
                    t("дистанційно (телефон / онлайн)", "remote (phone / online)")
                )),
            );
        }
        if !a.remote || a.locality.is_some() {
            push(t("Обслуговує", "Serves"), self.serves_area());
        }
        push(t("Адреса", "Address"), self.address());
        push(t("Район", "District"), a.district.clone());
        // A foreign address has its state in the address line already.
        let oblast = a.province.clone().filter(|_| a.country.is_none());
        push(t("Область", "Region"), oblast);
        push(t("Індекс", "Postcode"), a.postcode.clone());
        push(t("Як знайти", "How to find"), a.address_note.clone());
        push(t("Доступність", "Accessibility"), a.accessibility.clone());
        push(
            t("Координати", "Coordinates"),
            a.coordinates.map(|(la, lo)| format!("{la}, {lo}")),
        );
        let phones_label = if self.phones().len() == 1 {
            t("Телефон", "Phone")
        } else {
            t("Телефони", "Phones")
        };
        push(phones_label, Some(self.phones_line()));
        push(t("Ел. пошта", "Email"), a.email.clone());
        push(t("Сайт", "Website"), a.website.clone());
        push(t("Графік", "Hours"), Some(self.hours_line()));
        push(t("Прийом", "Reception"), self.reception_line());
        push(t("Примітка до графіка", "Hours note"), a.hours_note.clone());
        push(
            t("Керівник", "Head"),
            a.head.as_ref().map(|p| self.person_line(p)),
        );
        for p in &a.contacts {
            push(t("Контакт", "Contact"), Some(self.person_line(p)));
        }
        push(t("Теми", "Topics"), Some(a.topics.join(", ")));
        push(
            t("Перевірено", "Verified"),
            Some(match &a.verified_by {
                Some(by) => format!("{} ({by})", a.verified.strftime("%d.%m.%Y")),
                None => a.verified.strftime("%d.%m.%Y").to_string(),
            }),
        );
        if internal {
            push(
                t(
                    "Внутрішня примітка (не друкується)",
                    "Internal note (never printed)",
                ),
                a.notes.clone(),
            );
        }
        f
    }

    /// The fields of one service.
    pub fn service_fields(&self, s: &Service) -> Vec<Field> {
        let mut f = Vec::new();
        let t = |uk, en| self.lang.pick(uk, en);
        let mut push = |label: &'static str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                f.push(Field { label, value: v });
            }
        };
        push(t("Опис", "About"), s.description.clone());
        push(
            t("Попередній запис", "Pre-registration"),
            s.appointment.map(|a| self.appointment_text(a).to_string()),
        );
        push(t("Як записатися", "How to book"), s.booking.clone());
        push(
            t("Графік послуги", "Service hours"),
            s.hours.as_ref().map(|h| h.parsed.display(self.lang)),
        );
        push(t("Хто може отримати", "Eligibility"), s.eligibility.clone());
        push(t("Вартість", "Fee"), s.fee.clone());
        push(t("Строк", "Duration"), s.duration.clone());
        push(t("Онлайн", "Online"), s.online.clone());
        for p in &s.contacts {
            push(t("Контакт", "Contact"), Some(self.person_line(p)));
        }
        push(t("Теми", "Topics"), Some(s.topics.join(", ")));
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_card_says_whom_an_agency_serves_beyond_its_town() {
        let dir = crate::directory::load_demo(&crate::directory::LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        });
        let card = |id: &str| Card::new(&dir, dir.agency(id).unwrap(), Lang::Uk);
        // The oblast comes from `[directory] province`: the archive names none itself.
        assert_eq!(dir.agency("zt-archive").unwrap().province, None);
        assert_eq!(
            card("zt-archive").serves_area().as_deref(),
            Some("Житомирська область")
        );
        assert_eq!(card("zt-cnap").serves_area(), None);
        let mut a = dir.agency("zt-cnap").unwrap().clone();
        a.serves = Some(Serves::Localities(vec![
            "Бердичів".into(),
            "с. Семенівка".into(),
        ]));
        let c = Card {
            agency: &a,
            ..card("zt-cnap")
        };
        assert_eq!(c.serves_area().as_deref(), Some("Бердичів, с. Семенівка"));
    }
}

//! The edit form's field table: every field of an agency and of a service (docs/data-format.md),
//! in the order the form shows them, each with its label, its section and how its text is read
//! and written — one line of text, a choice shown as words, a comma-separated list, a list one
//! item a line, a person's parts. The form, its check and its edits all go by this table.

use crate::i18n::Lang;

pub use super::key::FieldKey;

/// How a field's text is read from the file and written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string; an empty line removes the field.
    Text,
    /// One of a few values, shown and typed as words, written as the format's code.
    Choice(&'static [Choice]),
    /// `true` / `false`, shown and typed as «так» / «ні».
    YesNo,
    /// A list of short strings on one line, separated by commas (topics).
    Commas,
    /// `"country"`, `"oblast"`, or localities separated by commas.
    Serves,
    /// `[latitude, longitude]`, typed «50.2519, 28.6631».
    Coordinates,
    /// A date: 2026-11-25 or 25.11.2026.
    Date,
    /// A list written one item a line (phones, documents, steps); the empty line at its end
    /// takes a new item, and another empty line appears once it is typed into.
    Lines,
    /// A person table (the head): a line per part.
    Person,
    /// A list of persons (contacts): a line per part of each, and a name line for a new one.
    Persons,
}

/// One value of a choice: the format's code, the word shown for it, what it means (in the
/// list F3 opens), and other words typed for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub word: (&'static str, &'static str),
    pub about: (&'static str, &'static str),
    pub aliases: &'static [&'static str],
}

const fn choice(
    code: &'static str,
    word: (&'static str, &'static str),
    about: (&'static str, &'static str),
    aliases: &'static [&'static str],
) -> Choice {
    Choice {
        code,
        word,
        about,
        aliases,
    }
}

pub const GENDERS: &[Choice] = &[
    choice(
        "m",
        ("ч", "m"),
        (
            "чоловічий: центр, відділ, суд",
            "masculine: центр, відділ, суд",
        ),
        &["чол", "чоловічий"],
    ),
    choice(
        "f",
        ("ж", "f"),
        (
            "жіночий: служба, лікарня, рада",
            "feminine: служба, лікарня, рада",
        ),
        &["жін", "жіночий"],
    ),
    choice(
        "n",
        ("с", "n"),
        ("середній: управління, бюро", "neuter: управління, бюро"),
        &["сер", "середній"],
    ),
    choice(
        "pl",
        ("мн", "pl"),
        ("множина: курси, служби", "plural: курси, служби"),
        &["множина"],
    ),
];

pub const STATUSES: &[Choice] = &[
    choice(
        "active",
        ("працює", "active"),
        ("пропонується відвідувачам", "offered to visitors"),
        &["діє", "активна"],
    ),
    choice(
        "temporarily-closed",
        ("тимчасово не працює", "temporarily closed"),
        (
            "лишається в довіднику з позначкою на картці",
            "stays listed, marked on the card",
        ),
        &["тимчасово зачинена", "temporarily-closed"],
    ),
    choice(
        "closed",
        ("закрита", "closed"),
        (
            "не пропонується; запис лишається для історії",
            "never offered; the entry stays for history",
        ),
        &["закрито", "зачинена"],
    ),
];

/// The words are the card's own ([`crate::referral::card::appointment_label`]).
pub const APPOINTMENTS: &[Choice] = &[
    choice(
        "required",
        ("обов'язковий", "required"),
        ("без запису не приймають", "no visit without booking"),
        &["обовʼязковий", "обов’язковий", "потрібен", "так"],
    ),
    choice(
        "recommended",
        ("бажано", "recommended"),
        (
            "приймають і без запису, але краще записатися",
            "walk-ins too, but booking is better",
        ),
        &["бажаний", "рекомендовано"],
    ),
    choice(
        "none",
        ("не потрібен", "not needed"),
        ("приймають у порядку черги", "walk-in"),
        &["ні", "не потрібно", "без запису"],
    ),
];

/// The words for `remote`.
pub const YES_NO: &[Choice] = &[
    choice(
        "true",
        ("так", "yes"),
        (
            "телефонна лінія чи онлайн-послуга: адреса не обов'язкова",
            "a phone line or online service: no address needed",
        ),
        &["true", "1"],
    ),
    choice(
        "false",
        ("ні", "no"),
        ("установа з адресою", "an office with an address"),
        &["false", "0"],
    ),
];

/// The words for `serves` (a list of localities is typed as it is).
pub const SERVES: &[Choice] = &[
    choice(
        "country",
        ("уся країна", "whole country"),
        (
            "приймає людей з усієї країни",
            "takes visitors from the whole country",
        ),
        &["вся країна", "вся україна", "уся україна", "країна"],
    ),
    choice(
        "oblast",
        ("уся область", "whole oblast"),
        (
            "приймає людей з усієї своєї області (поле «Область» чи область довідника)",
            "takes visitors from its whole oblast (its own or the directory's)",
        ),
        &["вся область", "область"],
    ),
];

/// Where the values F3 offers for a field come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    None,
    /// The choice's own values.
    Choices,
    /// The directory's categories (built in and declared).
    Categories,
    /// The topics the directory's agencies and services use; a pick is added to the list.
    Topics,
    /// The directory's localities (for `serves`, a pick is added to the list).
    Localities,
    /// The oblasts the directory names.
    Provinces,
    /// The directory's agencies, by id (a successor).
    Agencies,
}

/// The form's sections, each under its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Name,
    Place,
    Contact,
    Hours,
    People,
    Record,
    /// Service `s` (the one past the last: a new service).
    Service(usize),
}

impl Section {
    pub fn heading(self, lang: Lang, existing_services: usize) -> String {
        let l = |uk: &str, en: &str| lang.pick(uk, en).to_string();
        match self {
            Section::Name => l("Назва й категорія", "Name and category"),
            Section::Place => l("Де це", "Where"),
            Section::Contact => l("Зв'язок", "Contact"),
            Section::Hours => l("Графік", "Hours"),
            Section::People => l("Люди", "People"),
            Section::Record => l("Стан запису", "The entry"),
            Section::Service(s) if s >= existing_services => l(
                "Нова послуга (впишіть назву)",
                "New service (type its name)",
            ),
            Section::Service(s) => format!("{} {}", lang.pick("Послуга", "Service"), s + 1),
        }
    }
}

/// One field of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub key: &'static str,
    /// The label (for a list, of one item: «Телефон», numbered on the line).
    pub label: (&'static str, &'static str),
    pub kind: Kind,
    pub known: Known,
    pub section: Section,
}

const fn spec(
    key: &'static str,
    label: (&'static str, &'static str),
    kind: Kind,
    known: Known,
    section: Section,
) -> Spec {
    Spec {
        key,
        label,
        kind,
        known,
        section,
    }
}

const fn text(key: &'static str, label: (&'static str, &'static str), section: Section) -> Spec {
    spec(key, label, Kind::Text, Known::None, section)
}

/// The agency's fields, in the form's order (services come after them).
pub const AGENCY: &[Spec] = {
    use Kind::*;
    use Section::*;
    &[
        text("name", ("Назва", "Name"), Name),
        text("short_name", ("Коротка назва", "Short name"), Name),
        text(
            "name_genitive",
            ("До кого? (назва)", "Name after «до»"),
            Name,
        ),
        spec(
            "gender",
            ("Рід", "Gender"),
            Choice(GENDERS),
            Known::Choices,
            Name,
        ),
        spec(
            "category",
            ("Категорія", "Category"),
            Text,
            Known::Categories,
            Name,
        ),
        spec("topics", ("Теми", "Topics"), Commas, Known::Topics, Name),
        text("description", ("Опис", "Description"), Name),
        spec(
            "locality",
            ("Населений пункт", "Locality"),
            Text,
            Known::Localities,
            Place,
        ),
        text("address", ("Адреса", "Address"), Place),
        text("address_note", ("Як знайти", "How to find it"), Place),
        text("district", ("Район", "District"), Place),
        text("postcode", ("Поштовий індекс", "Postcode"), Place),
        spec(
            "province",
            ("Область", "Oblast"),
            Text,
            Known::Provinces,
            Place,
        ),
        text(
            "country",
            ("Країна (за кордоном)", "Country (abroad)"),
            Place,
        ),
        text("accessibility", ("Доступність", "Accessibility"), Place),
        spec(
            "coordinates",
            ("Координати", "Coordinates"),
            Coordinates,
            Known::None,
            Place,
        ),
        spec(
            "remote",
            ("Дистанційно", "Remote"),
            YesNo,
            Known::Choices,
            Place,
        ),
        spec(
            "serves",
            ("Обслуговує також", "Also serves"),
            Serves,
            Known::Localities,
            Place,
        ),
        spec("phones", ("Телефон", "Phone"), Lines, Known::None, Contact),
        text("email", ("Ел. пошта", "E-mail"), Contact),
        text("website", ("Вебсайт", "Website"), Contact),
        text("hours", ("Графік", "Hours"), Hours),
        text("lunch", ("Перерва", "Lunch break"), Hours),
        text("reception", ("Прийом", "Reception"), Hours),
        text("hours_note", ("Примітка до графіка", "Hours note"), Hours),
        spec("head", ("Керівник", "Head"), Person, Known::None, People),
        spec(
            "contacts",
            ("Контакт", "Contact"),
            Persons,
            Known::None,
            People,
        ),
        spec(
            "status",
            ("Стан", "Status"),
            Choice(STATUSES),
            Known::Choices,
            Record,
        ),
        spec(
            "successor",
            ("Наступник (id)", "Successor (id)"),
            Text,
            Known::Agencies,
            Record,
        ),
        text("alert", ("Оголошення", "Alert"), Record),
        text("notes", ("Внутрішні нотатки", "Internal notes"), Record),
        spec(
            "verified",
            ("Перевірено", "Verified"),
            Date,
            Known::None,
            Record,
        ),
        text("verified_by", ("Хто перевіряв", "Verified by"), Record),
    ]
};

/// A service's fields, in the form's order; their section is the service's own.
pub const SERVICE: &[Spec] = {
    use Kind::*;
    let s = Section::Service(0);
    &[
        text("name", ("Назва", "Name"), s),
        text("description", ("Опис", "Description"), s),
        spec("topics", ("Теми", "Topics"), Commas, Known::Topics, s),
        spec(
            "appointment",
            ("Попередній запис", "Booking needed"),
            Choice(APPOINTMENTS),
            Known::Choices,
            s,
        ),
        text("booking", ("Як записатися", "How to book"), s),
        spec("documents", ("Документ", "Document"), Lines, Known::None, s),
        spec("steps", ("Крок", "Step"), Lines, Known::None, s),
        text("eligibility", ("Хто може отримати", "Who can get it"), s),
        text("fee", ("Вартість", "Fee"), s),
        text("duration", ("Строк", "How long"), s),
        text("online", ("Онлайн", "Online"), s),
        text("hours", ("Години послуги", "Service hours"), s),
        spec("contacts", ("Контакт", "Contact"), Persons, Known::None, s),
    ]
};

/// A person's parts, each a line.
pub const PERSON: &[(&str, (&str, &str))] = &[
    ("name", ("ім'я", "name")),
    ("title", ("посада", "title")),
    ("phone", ("телефон", "phone")),
    ("room", ("кабінет/вікно", "room")),
    ("email", ("ел. пошта", "e-mail")),
];

/// The choice `typed` names (its code, word in either language, or another word for it).
pub fn find_choice(choices: &'static [Choice], typed: &str) -> Option<&'static Choice> {
    let t = typed.trim().trim_end_matches('.').to_lowercase();
    choices.iter().find(|c| {
        c.code == t || c.word.0 == t || c.word.1 == t || c.aliases.iter().any(|a| *a == t)
    })
}

/// The choices a kind has (none for free text).
pub fn choices_of(kind: Kind) -> &'static [Choice] {
    match kind {
        Kind::Choice(c) => c,
        Kind::YesNo => YES_NO,
        Kind::Serves => SERVES,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the loader knows is in the table, and nothing else: the form edits the
    /// whole format.
    #[test]
    fn the_table_covers_every_field_of_the_format() {
        let mut agency: Vec<&str> = AGENCY.iter().map(|s| s.key).collect();
        agency.extend(["id", "service"]);
        agency.sort_unstable();
        let mut known = crate::directory::AGENCY_FIELDS.to_vec();
        known.sort_unstable();
        assert_eq!(agency, known);
        let mut service: Vec<&str> = SERVICE.iter().map(|s| s.key).collect();
        service.sort_unstable();
        let mut known = crate::directory::SERVICE_FIELDS.to_vec();
        known.sort_unstable();
        assert_eq!(service, known);
        let parts: Vec<&str> = PERSON.iter().map(|(k, _)| *k).collect();
        assert_eq!(parts, crate::directory::PERSON_FIELDS);
    }

    #[test]
    fn choices_are_found_by_any_of_their_words() {
        assert_eq!(find_choice(GENDERS, "Ж").map(|c| c.code), Some("f"));
        assert_eq!(find_choice(GENDERS, "мн.").map(|c| c.code), Some("pl"));
        assert_eq!(find_choice(GENDERS, "щось"), None);
        assert_eq!(
            find_choice(STATUSES, "Тимчасово не працює").map(|c| c.code),
            Some("temporarily-closed")
        );
        assert_eq!(
            find_choice(APPOINTMENTS, "бажано").map(|c| c.code),
            Some("recommended")
        );
        assert_eq!(
            find_choice(SERVES, "вся країна").map(|c| c.code),
            Some("country")
        );
        assert_eq!(
            FieldKey::contact(1, "room").label(Lang::Uk),
            "Контакт 2: кабінет/вікно"
        );
        assert_eq!(
            FieldKey::document(0, 2).full_label(Lang::Uk),
            "Послуга 1: документ 3"
        );
    }
}

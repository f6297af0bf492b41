//! The read-out phrase: what the frontliner says aloud, in correct Ukrainian.
//!
//! «З цим питанням Вам слід звернутися до <genitive>, який/яка/яке/які розташован… за адресою:
//! …» when the name's genitive and gender are known (from the data or [`crate::grammar`]);
//! otherwise «… звернутися сюди: <name>. Адреса: …», which needs no agreement. Everything is
//! taken from the [`Card`], then made speakable: abbreviations expanded, hours and phone
//! numbers in their spoken forms. The phrase is always Ukrainian: it is said to the visitor.

use super::Card;
use crate::directory::{Appointment, Gender, Person};

/// The sentence the frontliner reads aloud.
pub fn phrase(card: &Card) -> String {
    let a = card.agency;
    let mut out: Vec<String> = Vec::new();
    if let Some(status) = status_notice(card) {
        out.push(status.to_string());
    }

    let address = card.address().map(|addr| {
        let mut s = spoken(&addr);
        if let Some(note) = &a.address_note {
            s = format!("{s}; {}", spoken(note));
        }
        s
    });
    let genitive = card.name_genitive();
    let gender = card.gender();
    let opening = "З цим питанням Вам слід звернутися";
    out.push(match (genitive, gender, &address) {
        (Some(g), Some(gender), Some(addr)) => {
            format!(
                "{opening} до {}, {} за адресою: {addr}",
                spoken(&g),
                located(gender)
            )
        }
        // No address (a phone line): nothing needs to agree with the name.
        (Some(g), _, None) => format!("{opening} до {}", spoken(&g)),
        (None, _, None) => format!("{opening} сюди: {}", a.name),
        (_, _, Some(addr)) => format!("{opening} сюди: {}. Адреса: {addr}", a.name),
    });

    if let Some(alert) = &a.alert {
        out.push(format!("Увага: {}", after_colon(&spoken(alert))));
    }

    let phones = card.phones();
    if !phones.is_empty() {
        let list: Vec<String> = phones
            .iter()
            .map(|p| match &p.note {
                Some(n) => format!("{} ({n})", p.number.spoken()),
                None => p.number.spoken(),
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
        out.push(format!("Зверніть увагу: {}", after_colon(&spoken(n))));
    }

    let contacts = card.contacts();
    if !contacts.is_empty() {
        let label = if contacts.len() == 1 {
            "Контактна особа"
        } else {
            "Контактні особи"
        };
        let list: Vec<String> = contacts.iter().map(spoken_person).collect();
        out.push(format!("{label}: {}", list.join("; ")));
    } else if let Some(h) = &a.head {
        out.push(format!("Керівник: {}", spoken_person(h)));
    }

    if let Some(s) = card.selected_service() {
        let booking = s.booking.as_deref().map(spoken);
        match (s.appointment, booking) {
            (Some(Appointment::Required), Some(b)) => {
                out.push(format!("Потрібно попередньо записатися: {b}"))
            }
            (Some(Appointment::Required), None) => {
                out.push("Потрібно попередньо записатися".to_string())
            }
            (Some(Appointment::Recommended), Some(b)) => {
                out.push(format!("Бажано попередньо записатися: {b}"))
            }
            (Some(Appointment::Recommended), None) => {
                out.push("Бажано попередньо записатися".to_string())
            }
            (Some(Appointment::None), _) => out.push("Попередній запис не потрібен".to_string()),
            (None, Some(b)) => out.push(format!("Як записатися: {b}")),
            (None, None) => {}
        }
        if !s.documents.is_empty() {
            // «Потрібні документи:» takes the list as written (nominative); «Візьміть із собою:»
            // would need every item in the accusative («заяву», «трудову книжку»).
            let docs: Vec<String> = s.documents.iter().map(|d| spoken(d)).collect();
            out.push(format!("Потрібні документи: {}", docs.join(", ")));
        }
        if let Some(o) = &s.online {
            out.push(format!("Також можна звернутися онлайн: {o}"));
        }
    }

    out.iter()
        .map(|s| sentence(s))
        .collect::<Vec<_>>()
        .join(" ")
}

fn status_notice(card: &Card) -> Option<&'static str> {
    use crate::directory::Status;
    match card.agency.status {
        Status::Active => None,
        Status::TemporarilyClosed => Some("Увага: ця установа тимчасово не працює"),
        Status::Closed => Some("Увага: ця установа закрита"),
    }
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
    parts.extend(p.title.clone());
    parts.extend(p.room.as_deref().map(spoken));
    if let Some(ph) = &p.phone {
        parts.push(format!("телефон {}", ph.number.spoken()));
    }
    parts.join(", ")
}

/// Text after a colon in the middle of the phrase starts with a small letter, unless it starts
/// with an abbreviation or a name in capitals («ЦНАП», «ПФУ»).
fn after_colon(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        // «З 01.12 …», «Під час …» → «з 01.12 …», «під час …»; «ЦНАП …» stays.
        (Some(first), Some(second))
            if first.is_uppercase() && (second.is_lowercase() || second.is_whitespace()) =>
        {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// Ends a sentence with one full stop (text from the data may already end with one).
fn sentence(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    if s.ends_with(['?', '!', '…']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// Abbreviations read as whole words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("вул.", "вулиця"),
    ("просп.", "проспект"),
    ("пр-т", "проспект"),
    ("пл.", "площа"),
    ("бул.", "бульвар"),
    ("б-р", "бульвар"),
    ("пров.", "провулок"),
    ("буд.", "будинок"),
    ("корп.", "корпус"),
    ("каб.", "кабінет"),
    ("кімн.", "кімната"),
    ("оф.", "офіс"),
    ("кв.", "квартира"),
    ("пов.", "поверх"),
    ("м.", "місто"),
    ("смт", "селище міського типу"),
    ("с.", "село"),
    ("сел.", "селище"),
    ("обл.", "область"),
    ("р-н", "район"),
    ("р-ну", "району"),
    ("ім.", "імені"),
    ("наб.", "набережна"),
    ("майд.", "майдан"),
    ("туп.", "тупик"),
    ("узв.", "узвіз"),
    ("№", "номер"),
];

/// After a preposition that takes the genitive («вхід з вул. Хлібної», «біля пл. Соборної»).
const GENITIVE: &[(&str, &str)] = &[
    ("вул.", "вулиці"),
    ("просп.", "проспекту"),
    ("пр-т", "проспекту"),
    ("пл.", "площі"),
    ("бул.", "бульвару"),
    ("б-р", "бульвару"),
    ("пров.", "провулку"),
    ("буд.", "будинку"),
    ("корп.", "корпусу"),
    ("каб.", "кабінету"),
    ("пов.", "поверху"),
    ("м.", "міста"),
    ("смт", "селища міського типу"),
    ("с.", "села"),
    ("обл.", "області"),
    ("р-н", "району"),
    ("наб.", "набережної"),
    ("майд.", "майдану"),
];

/// Prepositions (and «з боку») after which a place word is in the genitive.
const GENITIVE_PREPOSITIONS: &[&str] = &[
    "з",
    "із",
    "зі",
    "від",
    "біля",
    "до",
    "навпроти",
    "поруч",
    "поблизу",
    "вздовж",
    "боку",
    "посеред",
    "після",
    "коло",
];

/// After «у»/«в» a settlement type is in the locative: «у м. Житомирі» → «у місті Житомирі».
const LOCATIVE: &[(&str, &str)] = &[
    ("м.", "місті"),
    ("смт", "селищі міського типу"),
    ("с.", "селі"),
    ("обл.", "області"),
];

/// Words after which a bare number is a house number: «вулиця Київська, 24» → «…, будинок 24».
const STREET_WORDS: &[&str] = &[
    "вулиця",
    "проспект",
    "площа",
    "бульвар",
    "провулок",
    "майдан",
    "набережна",
    "тупик",
    "узвіз",
    "шосе",
    "алея",
    "проїзд",
];

const ORDINALS: &[&str] = &[
    "перший",
    "другий",
    "третій",
    "четвертий",
    "п'ятий",
    "шостий",
    "сьомий",
    "восьмий",
    "дев'ятий",
    "десятий",
];

/// Text from the data made speakable: abbreviations expanded («вул.» → «вулиця», «у м.» → «у
/// місті», «Житомирської обл.» → «Житомирської області»), a bare number after a street name
/// read as «будинок N», «1 поверх» as «перший поверх». Anything not recognised stays as written.
pub fn spoken(text: &str) -> String {
    text.split(',')
        .map(|seg| spoken_segment(seg.trim()))
        .fold(Vec::<String>::new(), |mut acc, seg| {
            let after_street = acc.last().is_some_and(|prev| {
                prev.split_whitespace()
                    .any(|w| STREET_WORDS.contains(&w.to_lowercase().as_str()))
            });
            if after_street && is_house_number(&seg) {
                acc.push(format!("будинок {seg}"));
            } else {
                acc.push(seg);
            }
            acc
        })
        .join(", ")
}

fn spoken_segment(seg: &str) -> String {
    // Split «вул.Київська» into «вул.» «Київська» so that the abbreviation is seen.
    let mut words: Vec<String> = Vec::new();
    for w in seg.split_whitespace() {
        match ABBREVIATIONS
            .iter()
            .find(|(abbr, _)| abbr.ends_with('.') && w.len() > abbr.len() && w.starts_with(abbr))
        {
            Some((abbr, _)) => {
                words.push(abbr.to_string());
                words.push(w[abbr.len()..].to_string());
            }
            None => words.push(w.to_string()),
        }
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        // «(м. Київ)»: the abbreviation is seen through an opening bracket or quote.
        let lead_len = word.len() - word.trim_start_matches(['(', '«', '"', '[']).len();
        let (lead, w) = word.split_at(lead_len);
        let push = |out: &mut Vec<String>, s: &str| out.push(format!("{lead}{s}"));
        let prev = out.last().map(|p| p.to_lowercase());
        let after_preposition = matches!(prev.as_deref(), Some("у" | "в"));
        let after_genitive = prev
            .as_deref()
            .is_some_and(|p| GENITIVE_PREPOSITIONS.contains(&p));
        // «с.» and «м.» are only settlement types before a capitalised name; otherwise (an
        // initial, the end of a sentence) leave them alone.
        let next_capital = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        let bare = matches!(w, "м." | "с.") && !next_capital;
        if after_genitive
            && !bare
            && let Some((_, genitive)) = GENITIVE.iter().find(|(a, _)| *a == w)
        {
            push(&mut out, genitive);
            continue;
        }
        if w == "хв" || w == "хв." {
            // «через 30 хв» → «через 30 хвилин»
            let n = prev.as_deref().and_then(|p| p.parse::<u64>().ok());
            if let Some(n) = n {
                let form = match crate::i18n::plural_uk(n) {
                    crate::i18n::Plural::One => "хвилину",
                    crate::i18n::Plural::Few => "хвилини",
                    crate::i18n::Plural::Many => "хвилин",
                };
                push(&mut out, form);
                continue;
            }
        }
        // «Житомирської обл.» / «в Житомирській обл.»: the case is the adjective's.
        if w == "обл."
            && prev
                .as_deref()
                .is_some_and(|p| p.ends_with("ої") || p.ends_with("ій"))
        {
            push(&mut out, "області");
            continue;
        }
        if after_preposition && let Some((_, loc)) = LOCATIVE.iter().find(|(a, _)| *a == w) {
            push(&mut out, loc);
            continue;
        }
        if !bare && let Some((_, full)) = ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            push(&mut out, full);
            continue;
        }
        out.push(word.clone());
    }
    spoken_floor(&out.join(" "))
}

/// «1 поверх», «1-й поверх», «поверх 2» → «перший поверх», «другий поверх».
fn spoken_floor(seg: &str) -> String {
    let words: Vec<&str> = seg.split_whitespace().collect();
    let ordinal = |n: &str| {
        let digits = n.trim_end_matches("-й").trim_end_matches("-ий");
        digits
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=ORDINALS.len()).contains(n))
            .map(|n| ORDINALS[n - 1])
    };
    match words.as_slice() {
        [n, "поверх"] | ["поверх", n] => match ordinal(n) {
            Some(o) => format!("{o} поверх"),
            None => seg.to_string(),
        },
        _ => seg.to_string(),
    }
}

/// «24», «16-Є», «4/2», «7а», «12 А».
fn is_house_number(seg: &str) -> bool {
    let mut chars = seg.chars().peekable();
    if !chars.peek().is_some_and(char::is_ascii_digit) {
        return false;
    }
    let rest: String = chars.skip_while(char::is_ascii_digit).collect();
    let rest = rest.trim_start_matches(['-', '/', ' ']);
    rest.chars().count() <= 3 && rest.chars().all(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Directory, LoadOptions, load_texts};
    use crate::i18n::Lang;

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

    fn card<'a>(d: &'a Directory, id: &str) -> Card<'a> {
        let a = d
            .agency(id)
            .unwrap_or_else(|| panic!("fixture agency {id}"));
        Card::new(d, a, Lang::Uk)
    }

    #[test]
    fn a_service_fragment_must_name_exactly_one_service() {
        let d = dir();
        // «ст» is in «відомостей» and in «Реєстрація»: ambiguous, so no slip for either.
        let e = card(&d, "zt-cop")
            .with_service("ст")
            .expect_err("ambiguous");
        assert!(e.0.contains("1. ") && e.0.contains("2. "), "{}", e.0);
        assert!(card(&d, "zt-cop").with_service("  ").is_err());
        let c = card(&d, "zt-cop")
            .with_service("рнокпп")
            .expect("one match");
        assert_eq!(
            c.selected_service().map(|s| s.name.as_str()),
            Some("Реєстрація РНОКПП")
        );
    }

    #[test]
    fn abbreviations_are_read_as_whole_words() {
        let cases = [
            (
                "вул. Велика Бердичівська, 24, каб. 105",
                "вулиця Велика Бердичівська, будинок 24, кабінет 105",
            ),
            (
                "просп. Миру, 5, корп. 2",
                "проспект Миру, будинок 5, корпус 2",
            ),
            ("пл. Соборна, 1", "площа Соборна, будинок 1"),
            ("бул. Польський, 16-Є", "бульвар Польський, будинок 16-Є"),
            ("пров. Шкільний, 4/2", "провулок Шкільний, будинок 4/2"),
            (
                "м. Житомир, вул.Київська, 7а",
                "місто Житомир, вулиця Київська, будинок 7а",
            ),
            ("смт Гришківці", "селище міського типу Гришківці"),
            (
                "с. Тетерівка, Житомирський р-н",
                "село Тетерівка, Житомирський район",
            ),
            ("Житомирська обл.", "Житомирська область"),
            ("Житомирської обл.", "Житомирської області"),
            ("у м. Житомирі", "у місті Житомирі"),
            ("в смт Гришківці", "в селищі міського типу Гришківці"),
            ("вхід з двору, 1 поверх", "вхід з двору, перший поверх"),
            ("пов. 2", "другий поверх"),
            ("3-й поверх", "третій поверх"),
            ("каб. № 5", "кабінет номер 5"),
            // After a preposition that takes the genitive, the place word follows it.
            ("вхід з вул. Хлібної", "вхід з вулиці Хлібної"),
            ("біля пл. Соборної", "біля площі Соборної"),
            ("з боку просп. Миру", "з боку проспекту Миру"),
            ("до м. Бердичева", "до міста Бердичева"),
            ("(м. Київ)", "(місто Київ)"),
            ("відновлюється через 30 хв", "відновлюється через 30 хвилин"),
            ("через 2 хв", "через 2 хвилини"),
            // Not an address: left as written.
            ("Іваненко М. П.", "Іваненко М. П."),
            ("вікно 3", "вікно 3"),
        ];
        for (written, said) in cases {
            assert_eq!(spoken(written), said, "{written}");
        }
    }

    #[test]
    fn full_phrase_uses_genitive_gender_and_spoken_forms() {
        let d = dir();
        let c = card(&d, "zt-cop").with_service("1").expect("service 1");
        let p = phrase(&c);
        assert!(
            p.starts_with(
                "З цим питанням Вам слід звернутися до Центру обслуговування платників \
                 Головного управління ДПС у Житомирській області, який розташований за адресою: \
                 Житомир, вулиця Велика Бердичівська, будинок 24, кабінет 105; вхід з двору, \
                 перший поверх."
            ),
            "{p}"
        );
        assert!(p.contains(&c.phones()[0].number.spoken()), "{p}");
        assert!(p.contains(&format!("{} (безкоштовно)", c.phones()[1].number.spoken())));
        let hours = c.hours().spoken_uk();
        let lunch = c.lunch().expect("lunch").spoken_uk();
        assert!(
            p.contains(&format!("Графік роботи: {hours}, перерва {lunch}.")),
            "{p}"
        );
        assert!(p.contains(
            "Контактна особа: Ґудзь Євгенія Їжакова, головний державний інспектор, вікно 3."
        ));
        assert!(p.contains(
            "Бажано попередньо записатися: за телефоном центру або через електронну чергу."
        ));
        assert!(p.contains(
            "Потрібні документи: паспорт громадянина України, РНОКПП (ідентифікаційний код)."
        ));
        assert!(!p.contains(".."), "{p}");
        assert!(
            !p.contains("ВНУТРІШНЄ"),
            "internal notes are never read out"
        );
    }

    #[test]
    fn notes_and_notices_are_spoken_and_go_on_in_small_letters() {
        // Over the demo directory: real notes, alerts and documents.
        let d = crate::directory::load_demo(&LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        });
        let mut with_services = Vec::new();
        for a in &d.agencies {
            let c = Card::new(&d, a, Lang::Uk);
            for n in 1..=a.services.len() {
                with_services.push(phrase(&c.with_service(&n.to_string()).unwrap()));
            }
        }
        for (a, p) in d
            .agencies
            .iter()
            .map(|a| (a.id.as_str(), phrase(&Card::new(&d, a, Lang::Uk))))
            .chain(with_services.into_iter().map(|p| ("service", p)))
        {
            for marker in ["Зверніть увагу: ", "Увага: "] {
                if let Some((_, rest)) = p.split_once(marker) {
                    let mut c = rest.chars();
                    let (first, second) = (c.next().unwrap(), c.next().unwrap());
                    assert!(
                        !(first.is_uppercase() && (second.is_lowercase() || second == ' ')),
                        "{a}: {p}"
                    );
                }
            }
            for abbr in [" вул. ", " каб. ", "(м. ", " хв ", " з вулиця "] {
                assert!(!p.contains(abbr), "{a}: «{abbr}» in {p}");
            }
        }
    }

    #[test]
    fn derived_genitive_agrees_with_a_neuter_head() {
        let d = dir();
        let p = phrase(&card(&d, "zt-pfu"));
        assert!(
            p.starts_with(
                "З цим питанням Вам слід звернутися до Головного управління Пенсійного фонду \
                 України в Житомирській області, яке розташоване за адресою: Житомир, проспект \
                 Миру, будинок 5, корпус 2."
            ),
            "{p}"
        );
        assert!(p.contains(
            "Контактна особа: Мельник Олена Степанівна, головний спеціаліст, кабінет 12."
        ));
    }

    #[test]
    fn unknown_head_uses_wording_without_agreement() {
        let d = dir();
        let p = phrase(&card(&d, "zt-cnap"));
        assert!(
            p.starts_with(
                "З цим питанням Вам слід звернутися сюди: ЦНАП Житомирської міської ради. \
                 Адреса: Житомир, майдан Рад, будинок 4/2, другий поверх."
            ),
            "{p}"
        );
        assert!(!p.contains("розташован"), "{p}");
        assert!(p.contains("Керівник: Бондар Ігор Миколайович."), "{p}");
    }

    #[test]
    fn remote_line_needs_no_address() {
        let d = dir();
        let p = phrase(&card(&d, "hotline"));
        assert!(
            p.starts_with(
                "З цим питанням Вам слід звернутися до Урядової контактної лінії. Телефон: "
            ),
            "{p}"
        );
        assert!(!p.contains("Адреса"), "{p}");
    }

    #[test]
    fn required_and_not_needed_appointments() {
        let d = dir();
        let p = phrase(&card(&d, "zt-cop").with_service("2").expect("service 2"));
        assert!(
            p.contains("Потрібно попередньо записатися: через Дію."),
            "{p}"
        );
        let p = phrase(&card(&d, "bd-fund").with_service("1").expect("service 1"));
        assert!(p.contains("Попередній запис не потрібен."), "{p}");
        assert!(p.starts_with("З цим питанням Вам слід звернутися до Благодійного фонду «Надія», який розташований за адресою: Бердичів, провулок Вʼячеслава Чорновола, будинок 7а, офіс 3."), "{p}");
        assert!(p.contains("Увага: з 01.12 прийом лише за записом"), "{p}");
    }

    #[test]
    fn relative_clause_agrees_with_every_gender() {
        assert_eq!(located(Gender::Masculine), "який розташований");
        assert_eq!(located(Gender::Feminine), "яка розташована");
        assert_eq!(located(Gender::Neuter), "яке розташоване");
        assert_eq!(located(Gender::Plural), "які розташовані");
    }
}

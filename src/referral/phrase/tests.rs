use super::*;
use crate::directory::{Directory, LoadOptions, load_texts};
use crate::i18n::Lang;

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
    let m = e.message(Lang::Uk);
    assert!(m.contains("1. ") && m.contains("2. "), "{m}");
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
        // Where something is, and where to go: after a verb of motion «в»/«у» is a direction.
        ("подати заяву в каб. 14", "подати заяву в кабінеті 14"),
        ("прийти в каб. 305", "прийти до кабінету 305"),
        ("зверніться у вікно 3", "зверніться до вікна 3"),
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
        "Контактна особа — Ґудзь Євгенія Їжакова, головний державний інспектор, вікно 3."
    ));
    assert!(
        p.contains("Бажано попередньо записатися за телефоном центру або через електронну чергу.")
    );
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
    assert!(
        p.contains("Контактна особа — Мельник Олена Степанівна, головний спеціаліст, кабінет 12.")
    );
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
    assert!(p.contains("Керівник — Бондар Ігор Миколайович."), "{p}");
}

#[test]
fn remote_line_needs_no_address() {
    let d = dir();
    let p = phrase(&card(&d, "hotline"));
    assert!(
        p.starts_with("З цим питанням Вам слід звернутися до Урядової контактної лінії. Телефон: "),
        "{p}"
    );
    assert!(!p.contains("Адреса"), "{p}");
}

#[test]
fn required_and_not_needed_appointments() {
    let d = dir();
    let p = phrase(&card(&d, "zt-cop").with_service("2").expect("service 2"));
    assert!(
        p.contains("Потрібно попередньо записатися через Дію."),
        "{p}"
    );
    let p = phrase(&card(&d, "bd-fund").with_service("1").expect("service 1"));
    assert!(p.contains("Попередній запис не потрібен."), "{p}");
    assert!(p.starts_with("З цим питанням Вам слід звернутися до Благодійного фонду «Надія», який розташований за адресою: Бердичів, провулок Вʼячеслава Чорновола, будинок 7а, офіс 3."), "{p}");
    assert!(
        p.contains("Увага: з 1 грудня прийом лише за записом"),
        "{p}"
    );
}

#[test]
fn relative_clause_agrees_with_every_gender() {
    assert_eq!(located(Gender::Masculine), "який розташований");
    assert_eq!(located(Gender::Feminine), "яка розташована");
    assert_eq!(located(Gender::Neuter), "яке розташоване");
    assert_eq!(located(Gender::Plural), "які розташовані");
}

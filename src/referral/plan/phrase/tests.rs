use super::super::tests::demo;
use super::super::{Plan, StepNote, Target, resolve};
use super::*;
use crate::i18n::Lang;
use crate::referral::card::ServiceChoice;

fn office() -> IssuingOffice {
    IssuingOffice {
        name: "Житомирське бюро правничої допомоги".into(),
        address: Some("Житомир, вул. Київська, 1".into()),
        phone: Some("+380 412 11 22 33".into()),
    }
}

/// The handbook's example: the rehabilitation centre, the migration service for the passport,
/// then back to the office once the passport is ready.
fn handbook_plan() -> Plan {
    let mut p = Plan::new();
    p.add(Target::new("zt-resocializacia", ServiceChoice::One(0)));
    p.add(Target::new("zt-dms", ServiceChoice::One(0)));
    let back = p.add_return();
    p.set_note(back, StepNote::typed("коли отримаєте паспорт"));
    p
}

fn said(p: &Plan) -> String {
    let d = demo();
    let (steps, missing) = resolve(p, &d, Lang::Uk);
    assert!(missing.is_empty());
    phrase(&steps, &office())
}

/// Where `needle` is, or a failure that shows the whole text.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} missing in:\n{text}"))
}

#[test]
fn the_handbook_chain_is_said_in_order_with_the_right_case_after_every_preposition() {
    let text = said(&handbook_plan());
    let first = at(
        &text,
        "Спочатку Вам слід звернутися до Комунального закладу «Житомирський центр соціальної \
         адаптації осіб, звільнених з місць позбавлення волі», який розташований за адресою: \
         Житомир, вулиця Об’їзна, будинок 12",
    );
    let second = at(
        &text,
        "Після цього зверніться до Житомирського міського відділу Управління Державної \
         міграційної служби України в Житомирській області, який розташований за адресою: \
         Житомир, вулиця Перемоги, будинок 10",
    );
    let back = at(
        &text,
        "Коли отримаєте паспорт, поверніться, будь ласка, до нас: Житомирське бюро правничої \
         допомоги, Житомир, вулиця Київська, будинок 1. Наш телефон: 0412 11 22 33.",
    );
    assert!(first < second && second < back, "{text}");
    // Each step's pre-registration and documents, in its own part of the text.
    let booking1 = at(&text, "Бажано попередньо записатися за телефоном чергового");
    let docs1 = at(&text, "Потрібні документи: довідка про звільнення");
    assert!(
        first < booking1 && booking1 < second && docs1 < second,
        "{text}"
    );
    let booking2 = at(&text, "Бажано попередньо записатися через електронну чергу");
    let docs2 = at(&text, "Потрібні документи: заява про втрату");
    assert!(
        second < booking2 && booking2 < back && docs2 < back,
        "{text}"
    );
}

#[test]
fn the_plan_is_fit_to_be_read_aloud() {
    let text = said(&handbook_plan());
    assert!(!phrase::has_url(&text), "no URL: {text}");
    assert!(!text.contains("+380") && !text.contains("+38"), "{text}");
    // No date in digits («14.11.2026»), no abbreviation left unsaid.
    let chars: Vec<char> = text.chars().collect();
    let digit_date = chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit());
    assert!(!digit_date, "{text}");
    for abbr in [" вул. ", " буд. ", " каб. ", " м. "] {
        assert!(!text.contains(abbr), "{abbr} in {text}");
    }
    // «до» is always followed by the genitive, never by «цього» agreement errors.
    assert!(!text.contains("до нас: до"), "{text}");
    assert!(text.ends_with('.'), "{text}");
}

#[test]
fn step_notes_choose_the_opening_words() {
    let mut p = Plan::new();
    p.add(Target::new("zt-resocializacia", ServiceChoice::One(0)));
    p.add(Target::new("zt-dms", ServiceChoice::One(0)));
    p.set_note(1, Some(StepNote::WhenDocument));
    let text = said(&p);
    at(
        &text,
        "Коли отримаєте документ, зверніться до Житомирського міського відділу",
    );
    assert!(!text.contains("Після цього"), "{text}");

    // A note that is not the start of a sentence is said after the step, as a remark.
    p.set_note(1, StepNote::typed("візьміть із собою ручку"));
    let text = said(&p);
    let step = at(
        &text,
        "Після цього зверніться до Житомирського міського відділу",
    );
    assert!(
        at(&text, "Зверніть увагу: візьміть із собою ручку.") > step,
        "{text}"
    );

    // «потім поверніться до нас» on the last agency step, with no return step.
    p.set_note(1, Some(StepNote::ThenReturn));
    let text = said(&p);
    assert!(
        text.ends_with("Потім поверніться, будь ласка, до нас."),
        "{text}"
    );
    // With the return step after it, the return is said once.
    p.add_return();
    let text = said(&p);
    assert_eq!(
        text.matches("поверніться, будь ласка, до нас").count(),
        1,
        "{text}"
    );
}

#[test]
fn one_agency_reads_like_the_single_phrase_and_an_office_without_a_phone_is_said_without_one() {
    let d = demo();
    let mut p = Plan::new();
    p.add(Target::new("zt-dms", ServiceChoice::One(0)));
    let (steps, _) = resolve(&p, &d, Lang::Uk);
    let single = crate::referral::phrase::phrase(
        &super::super::card(&d, &p.targets().next().expect("a step").1.clone(), Lang::Uk)
            .expect("card"),
    );
    assert_eq!(phrase(&steps, &office()), single);

    p.add_return();
    let (steps, _) = resolve(&p, &d, Lang::Uk);
    let bare = IssuingOffice {
        name: "Бюро".into(),
        address: None,
        phone: None,
    };
    let text = phrase(&steps, &bare);
    assert!(
        text.ends_with("Після цього поверніться, будь ласка, до нас: Бюро."),
        "{text}"
    );
}

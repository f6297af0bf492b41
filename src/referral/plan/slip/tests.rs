use super::super::tests::demo;
use super::super::{Plan, StepNote, Target, resolve};
use super::*;
use crate::i18n::Lang;
use crate::referral::card::ServiceChoice;
use crate::referral::slip::IssuingOffice;
use unicode_width::UnicodeWidthStr;

fn ctx(width: usize) -> SlipContext {
    SlipContext {
        office: IssuingOffice {
            name: "Житомирське бюро правничої допомоги".into(),
            address: Some("Житомир, вул. Київська, 1".into()),
            phone: Some("(0412) 11-22-33".into()),
        },
        date: jiff::civil::date(2026, 11, 25),
        for_name: Some("Шевченко Тарас".into()),
        width,
    }
}

/// The handbook's chain: the rehabilitation centre first, the passport, then back to us.
fn handbook_plan() -> Plan {
    let mut p = Plan::new();
    p.add(Target::new("zt-resocializacia", ServiceChoice::One(0)));
    p.set_note(0, Some(StepNote::First));
    p.add(Target::new("zt-dms", ServiceChoice::One(0)));
    let back = p.add_return();
    p.set_note(back, StepNote::typed("коли отримаєте паспорт"));
    p
}

fn text(p: &Plan, width: usize) -> String {
    let d = demo();
    let (steps, missing) = resolve(p, &d, Lang::Uk);
    assert!(missing.is_empty());
    render_text(&steps, &ctx(width))
}

#[test]
fn text_slip_of_a_three_step_plan() {
    let t = text(&handbook_plan(), 64);
    insta::assert_snapshot!(t);
}

#[test]
fn the_name_and_the_office_are_printed_once_and_steps_in_order() {
    let t = text(&handbook_plan(), 48);
    assert_eq!(t.matches("Для: Шевченко Тарас").count(), 1, "{t}");
    // The office: in the heading and as the last step — the footer does not repeat it.
    assert!(!t.contains("Якщо питання не вирішено"), "{t}");
    assert_eq!(t.matches("Житомир, вул. Київська, 1").count(), 1, "{t}");
    assert_eq!(t.matches("0 800 213 103").count(), 1, "{t}");
    let order = [
        "План візиту: 3 кроки",
        "КРОК 1 — спочатку",
        "Куди: Комунальний заклад",
        "Адреса: Житомир, вул. Об’їзна, 12",
        "Візьміть із собою:",
        "КРОК 2",
        "Куди: Житомирський міський відділ",
        "перерва 13:00–13:45",
        "Попередній запис: бажано",
        "[ ] заява про втрату",
        "КРОК 3 — коли отримаєте паспорт",
        "Поверніться до нас: Житомирське бюро",
        "Телефон: (0412) 11-22-33",
    ];
    let mut at = 0;
    for want in order {
        match t[at..].find(want) {
            Some(i) => at += i + want.len(),
            None => panic!("{want:?} missing or out of order in:\n{t}"),
        }
    }
    for l in t.lines() {
        assert!(UnicodeWidthStr::width(l) <= 48, "{l:?}");
    }
}

#[test]
fn without_a_return_step_the_footer_gives_the_office() {
    let mut p = handbook_plan();
    p.remove(2);
    // «потім поверніться до нас» closes its step rather than heading it.
    p.set_note(1, Some(StepNote::ThenReturn));
    let t = text(&p, 64);
    let step2 = t.find("КРОК 2\n").unwrap_or_else(|| panic!("{t}"));
    let back = t
        .find("Після цього поверніться до нас")
        .unwrap_or_else(|| panic!("{t}"));
    let checked = t.rfind("Дані перевірено").unwrap_or_else(|| panic!("{t}"));
    assert!(step2 < back && back < checked, "{t}");
    let t = text(&p, 48)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(t.contains("План візиту: 2 кроки"), "{t}");
    assert!(
        t.contains("Якщо питання не вирішено — поверніться до нас:"),
        "{t}"
    );
    assert_eq!(t.matches("Житомир, вул. Київська, 1").count(), 1, "{t}");
}

#[test]
fn every_step_knows_its_items_and_only_agencies_have_a_code() {
    let d = demo();
    let p = handbook_plan();
    let (steps, _) = resolve(&p, &d, Lang::Uk);
    let plan = build(&steps, &ctx(48));
    assert_eq!(plan.steps.len(), 3);
    for (s, want) in plan.steps.iter().zip(["КРОК 1", "КРОК 2", "КРОК 3"]) {
        match &plan.slip.items[s.items.start] {
            Item::Notice(n) => assert!(n.starts_with(want), "{n}"),
            other => panic!("a step starts with its heading, not {other:?}"),
        }
    }
    // Steps do not overlap and the footer comes after the last.
    assert!(plan.steps[0].items.end <= plan.steps[1].items.start);
    assert!(plan.steps[2].items.end < plan.slip.items.len());
    let fn_of = |q: &Option<String>| {
        q.as_deref()
            .and_then(|v| v.lines().find(|l| l.starts_with("FN:")))
            .map(str::to_string)
    };
    assert!(fn_of(&plan.steps[0].qr).is_some_and(|f| f.contains("соціальної адаптації")));
    assert!(fn_of(&plan.steps[1].qr).is_some_and(|f| f.contains("міграційної")));
    assert_eq!(plan.steps[2].qr, None);
    // The receipt's code is the first step's.
    assert_eq!(Some(plan.slip.qr.clone()), plan.steps[0].qr);
}

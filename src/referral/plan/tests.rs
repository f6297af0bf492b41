use super::*;
use crate::directory::{LoadOptions, load_demo};

pub(super) fn demo() -> Directory {
    load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    })
}

fn t(id: &str) -> Target {
    Target::new(id, ServiceChoice::One(0))
}

fn ids(p: &Plan) -> Vec<String> {
    p.steps()
        .iter()
        .map(|s| match &s.stop {
            Stop::Agency(t) => t.agency.clone(),
            Stop::Office => "НАЗАД".to_string(),
        })
        .collect()
}

#[test]
fn agencies_are_added_in_order_before_the_return_step() {
    let mut p = Plan::new();
    assert!(p.is_empty());
    assert_eq!(p.add(t("a")), 0);
    assert_eq!(p.add_return(), 1);
    // Added after the return step, it still goes before it.
    assert_eq!(p.add(t("b")), 1);
    assert_eq!(ids(&p), ["a", "b", "НАЗАД"]);
    // One return step only; the same agency and service twice is one step.
    assert_eq!(p.add_return(), 2);
    assert_eq!(p.add(t("a")), 0);
    assert_eq!(p.len(), 3);
    // Another service of the same agency is another step.
    assert_eq!(p.add(Target::new("a", ServiceChoice::One(1))), 2);
    assert_eq!(p.len(), 4);
    assert!(p.contains("a") && !p.contains("c") && p.has_return());
}

#[test]
fn steps_move_up_and_down_but_the_return_step_stays_last() {
    let mut p = Plan::new();
    for id in ["a", "b", "c"] {
        p.add(t(id));
    }
    p.add_return();
    assert_eq!(p.move_up(2), 1);
    assert_eq!(ids(&p), ["a", "c", "b", "НАЗАД"]);
    assert_eq!(p.move_down(0), 1);
    assert_eq!(ids(&p), ["c", "a", "b", "НАЗАД"]);
    // The first cannot go up, the last agency cannot pass the return step, and the return
    // step does not move.
    assert_eq!(p.move_up(0), 0);
    assert_eq!(p.move_down(2), 2);
    assert_eq!(p.move_up(3), 3);
    assert_eq!(p.move_down(3), 3);
    assert_eq!(p.move_down(9), 3, "an index past the end stays in range");
    assert_eq!(ids(&p), ["c", "a", "b", "НАЗАД"]);
    // Without a return step the last agency step is the end.
    p.remove(3);
    assert_eq!(p.move_down(1), 2);
    assert_eq!(ids(&p), ["c", "b", "a"]);
}

#[test]
fn steps_are_removed_noted_and_cleared() {
    let mut p = Plan::new();
    p.add(t("a"));
    p.add(t("b"));
    p.add_return();
    assert!(p.set_note(0, Some(StepNote::First)));
    assert!(p.set_note(2, StepNote::typed("коли отримаєте паспорт")));
    assert!(!p.set_note(5, Some(StepNote::First)));
    assert_eq!(p.steps()[0].note, Some(StepNote::First));
    assert_eq!(
        p.steps()[2].note.as_ref().map(StepNote::text),
        Some("коли отримаєте паспорт")
    );
    assert!(p.set_service(1, ServiceChoice::All));
    assert!(
        !p.set_service(2, ServiceChoice::All),
        "the office has no services"
    );
    let removed = p.remove(0).expect("a step");
    assert_eq!(removed.note, Some(StepNote::First));
    assert_eq!(p.remove(7), None);
    assert_eq!(ids(&p), ["b", "НАЗАД"]);
    p.remove(1);
    assert!(!p.has_return());
    p.clear();
    assert!(p.is_empty());
}

#[test]
fn a_typed_note_is_one_short_line_and_a_common_one_is_recognised() {
    assert_eq!(StepNote::typed("  "), None);
    assert_eq!(StepNote::typed("Спочатку."), Some(StepNote::First));
    assert_eq!(
        StepNote::typed("коли отримаєте документ"),
        Some(StepNote::WhenDocument)
    );
    let n = StepNote::typed("після\nобіду\u{1b}").expect("note");
    assert!(
        !n.text().contains('\n') && !n.text().contains('\u{1b}'),
        "{n:?}"
    );
    let long = "д".repeat(200);
    let n = StepNote::typed(&long).expect("note");
    assert_eq!(n.text().chars().count(), StepNote::MAX_CHARS);
}

#[test]
fn resolving_numbers_the_steps_and_reports_agencies_gone_from_the_directory() {
    let d = demo();
    let mut p = Plan::new();
    p.add(t("zt-resocializacia"));
    p.add(t("no-such-agency"));
    p.add(Target::new("zt-dms", ServiceChoice::One(0)));
    p.add_return();
    let (steps, missing) = resolve(&p, &d, Lang::Uk);
    assert_eq!(missing, ["no-such-agency"]);
    let numbers: Vec<usize> = steps.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    match steps[1].stop {
        ResolvedStop::Agency(c) => {
            assert_eq!(c.agency.id, "zt-dms");
            assert_eq!(c.service.map(|(n, _)| n), Some(1));
        }
        ResolvedStop::Office => panic!("the second step is the migration service"),
    }
    assert!(matches!(steps[2].stop, ResolvedStop::Office));
}

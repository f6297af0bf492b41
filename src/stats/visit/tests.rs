use super::*;
use crate::directory::{Directory, LoadOptions, load_demo};
use crate::stats::{parse_log, summarize};

fn demo() -> Directory {
    load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    })
}

fn card<'a>(d: &'a Directory, id: &str) -> Card<'a> {
    Card::new(d, d.agency(id).expect("demo agency"), Lang::Uk)
}

fn now(minute: i8) -> DateTime {
    jiff::civil::date(2026, 11, 25).at(10, minute, 0, 0)
}

fn lines(log: &Log) -> Vec<Record> {
    let c = log.read().expect("log");
    assert!(c.damaged.is_empty(), "{:?}", c.damaged);
    c.records
}

#[test]
fn print_reprint_and_copy_in_one_visit_count_once_per_agency() {
    let d = demo();
    let tmp = tempfile::tempdir().expect("tmp");
    let log = Log::at(tmp.path().join("referrals.log"));
    let mut v = Visit::new();
    let dms = card(&d, "zt-dms").with_service("1").expect("service");
    let shelter = card(&d, "zt-nichlih");
    assert!(
        v.give(&log, &dms, How::Printed, now(1))
            .expect("ok")
            .is_some()
    );
    // A reprint, a copy after the print, a retry: the same agency again.
    assert!(
        v.give(&log, &dms, How::Printed, now(2))
            .expect("ok")
            .is_none()
    );
    assert!(
        v.give(&log, &dms, How::Copied, now(3))
            .expect("ok")
            .is_none()
    );
    assert!(
        v.give(&log, &card(&d, "zt-dms"), How::Read, now(4))
            .expect("ok")
            .is_none()
    );
    assert!(
        v.give(&log, &shelter, How::Copied, now(5))
            .expect("ok")
            .is_some()
    );
    let written = lines(&log);
    let ids: Vec<(&str, Option<u32>, How)> = written
        .iter()
        .map(|r| (r.id.as_str(), r.step, r.how))
        .collect();
    assert_eq!(
        ids,
        [
            ("zt-dms", Some(1), How::Printed),
            ("zt-nichlih", Some(2), How::Copied)
        ]
    );
    assert!(v.has("zt-dms") && v.has("zt-nichlih") && !v.has("zt-cnap"));
    assert_eq!(v.given().collect::<Vec<_>>(), ["zt-dms", "zt-nichlih"]);
    // The next visitor: the same agency counts again, as a first step.
    v.clear();
    let again = v.give(&log, &dms, How::Printed, now(9)).expect("ok");
    assert_eq!(again.and_then(|r| r.step), Some(1));
    assert_eq!(lines(&log).len(), 3);
}

#[test]
fn undo_takes_back_the_last_count_of_the_visit_from_the_log() {
    let d = demo();
    let tmp = tempfile::tempdir().expect("tmp");
    let log = Log::at(tmp.path().join("referrals.log"));
    let mut v = Visit::new();
    assert_eq!(v.take_back(&log).expect("ok"), None, "nothing to undo");
    v.give(&log, &card(&d, "zt-nichlih"), How::Printed, now(1))
        .expect("ok");
    v.give(&log, &card(&d, "zt-cnap"), How::Read, now(2))
        .expect("ok");
    let undone = v.take_back(&log).expect("ok").expect("a record");
    assert_eq!((undone.id.as_str(), undone.how), ("zt-cnap", How::Read));
    assert_eq!(
        lines(&log)
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["zt-nichlih"]
    );
    // Once undone, the agency can be counted again, as the same step.
    let r = v
        .give(&log, &card(&d, "zt-cnap"), How::Printed, now(3))
        .expect("ok")
        .expect("counted");
    assert_eq!(r.step, Some(2));
    let msg = undone_message(&undone, "ЦНАП", Lang::Uk);
    assert_eq!(
        msg,
        "Скасовано останнє направлення: ЦНАП (усно) — у статистиці його немає"
    );
}

#[test]
fn undo_keeps_what_another_desk_wrote_after_it() {
    let d = demo();
    let tmp = tempfile::tempdir().expect("tmp");
    let log = Log::at(tmp.path().join("referrals.log"));
    let mut here = Visit::new();
    let mut there = Visit::new();
    here.give(&log, &card(&d, "zt-nichlih"), How::Printed, now(1))
        .expect("ok");
    // The same agency at the same minute from the other desk: an identical-looking line,
    // but it is written after ours.
    there
        .give(&log, &card(&d, "zt-cnap"), How::Printed, now(1))
        .expect("ok");
    here.take_back(&log).expect("ok").expect("undone");
    let left: Vec<String> = lines(&log).into_iter().map(|r| r.id).collect();
    assert_eq!(left, ["zt-cnap"]);
}

#[test]
fn a_count_that_could_not_be_written_is_not_counted() {
    let d = demo();
    let tmp = tempfile::tempdir().expect("tmp");
    // A folder where the log file should be: the append fails.
    let blocked = Log::at(tmp.path());
    let mut v = Visit::new();
    assert!(
        v.give(&blocked, &card(&d, "zt-cnap"), How::Printed, now(1))
            .is_err()
    );
    assert!(v.is_empty());
    let log = Log::at(tmp.path().join("referrals.log"));
    assert!(
        v.give(&log, &card(&d, "zt-cnap"), How::Printed, now(2))
            .expect("ok")
            .is_some()
    );
}

#[test]
fn stats_count_the_visits_that_needed_two_or_more_agencies() {
    let text = [
        r#"{"at":"2026-11-02T09:00","id":"a","category":"tax","how":"printed","step":1}"#,
        r#"{"at":"2026-11-02T09:01","id":"b","category":"tax","how":"printed","step":2}"#,
        r#"{"at":"2026-11-02T09:01","id":"c","category":"tax","how":"printed","step":3}"#,
        r#"{"at":"2026-11-03T09:00","id":"a","category":"tax","how":"read","step":1}"#,
        r#"{"at":"2026-11-04T09:00","id":"a","category":"tax","how":"read"}"#,
        r#"{"at":"2026-11-05T09:00","id":"a","category":"tax","how":"read","step":1}"#,
        r#"{"at":"2026-11-05T09:02","id":"d","category":"tax","how":"copied","step":2}"#,
    ]
    .join("\n");
    let c = parse_log(text.as_bytes());
    assert!(c.damaged.is_empty(), "{:?}", c.damaged);
    let s = summarize(&c.records, None, None);
    assert_eq!((s.total, s.multi_step_visits), (7, 2));
    let nov5 = jiff::civil::date(2026, 11, 5);
    assert_eq!(summarize(&c.records, Some(nov5), None).multi_step_visits, 1);
}

#[test]
fn a_bad_step_is_reported_as_such() {
    for bad in [r#""2""#, "0", "-1", "1.5"] {
        let line = format!(
            r#"{{"at":"2026-11-02T09:00","id":"a","category":"tax","how":"read","step":{bad}}}"#
        );
        let c = parse_log(line.as_bytes());
        assert_eq!(c.records.len(), 0, "{bad}");
        assert!(
            c.damaged[0].message(Lang::Uk).contains("неправильний крок"),
            "{bad}: {}",
            c.damaged[0].message(Lang::Uk)
        );
    }
}

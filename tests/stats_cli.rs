//! `refdesk stats`: monthly referral figures from the anonymous log — counting, date filters,
//! a torn final record, the JSON shape, plurals; and what a record may contain.

use assert_cmd::Command;
use refdesk::directory::{LoadOptions, load_demo};
use refdesk::i18n::Lang;
use refdesk::referral::Card;
use refdesk::stats::{self, How, Log};
use std::path::PathBuf;

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

/// The fixture log: six good records (Oct–Dec 2026), a blank line, and a torn eighth line.
fn refdesk_with(log: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        // Tests never leave a parsed-directory cache in the real cache folder.
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", fixture("cli/none.toml"))
        .env("REFDESK_STATS_FILE", log);
    c
}

fn refdesk() -> Command {
    refdesk_with(&fixture("stats/referrals.log"))
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = refdesk()
        .arg("stats")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn json_totals_by_category_and_agency_skip_the_torn_record() {
    let out = refdesk().args(["stats", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "total": 6,
            "multi_step_visits": 0,
            "by_category": [
                {"category": "tax", "count": 3},
                {"category": "social-protection", "count": 2},
                {"category": "administrative-services", "count": 1},
            ],
            "by_agency": [
                {"id": "zt-dps-cop", "count": 3},
                {"id": "zt-upszn", "count": 2},
                {"id": "zt-cnap", "count": 1},
            ],
        })
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("запис 8 пошкоджено, пропущено"), "{err}");
    assert_eq!(err.lines().count(), 1, "only the torn record: {err}");
}

#[test]
fn date_filters_include_both_days() {
    let v = json(&["--from", "2026-11-01", "--to", "2026-11-30"]);
    assert_eq!(v["total"], 4);
    assert_eq!(
        v["by_category"][0],
        serde_json::json!({"category": "tax", "count": 2})
    );
    assert_eq!(
        v["by_agency"],
        serde_json::json!([
            {"id": "zt-dps-cop", "count": 2},
            {"id": "zt-cnap", "count": 1},
            {"id": "zt-upszn", "count": 1},
        ])
    );
    assert_eq!(json(&["--from", "2026-12-01"])["total"], 1);
    assert_eq!(json(&["--to", "2026-10-30"])["total"], 1);
    assert_eq!(json(&["--from", "2027-01-01"])["total"], 0);
}

#[test]
fn text_report_uses_labels_names_and_ukrainian_plurals() {
    let out = refdesk().arg("stats").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Направлення за весь час: усього 6 направлень\n"),
        "{text}"
    );
    assert!(text.contains("  Податки, ДПС: 3 направлення\n"), "{text}");
    assert!(
        text.contains("  ЦНАП, адмінпослуги: 1 направлення\n"),
        "{text}"
    );
    // An agency present in the directory is named; one no longer there keeps its id.
    assert!(text.contains(" (zt-dps-cop): 3 направлення\n"), "{text}");
    assert!(text.contains("  zt-upszn: 2 направлення\n"), "{text}");
    let out = refdesk()
        .args(["stats", "--from", "2026-11-01", "--to", "2026-11-30"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Направлення з 01.11.2026 по 30.11.2026: усього 4 направлення\n"),
        "{text}"
    );
    let out = refdesk()
        .args(["--lang", "en", "stats", "--to", "2026-10-31"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Referrals, until 31.10.2026: 1 referral in total\n"),
        "{text}"
    );
}

#[test]
fn csv_report_has_one_row_per_total_category_and_agency() {
    let out = refdesk().args(["stats", "--csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "group,id,name,count");
    assert_eq!(lines[1], "total,,,6");
    assert_eq!(lines[2], "multi_step_visits,,,0");
    assert_eq!(lines[3], "category,tax,\"Податки, ДПС\",3");
    assert!(lines.contains(&"agency,zt-upszn,,2"), "{text}");
    assert_eq!(lines.len(), 1 + 2 + 3 + 3);
}

#[test]
fn no_log_yet_means_no_referrals() {
    let tmp = tempfile::tempdir().unwrap();
    let out = refdesk_with(&tmp.path().join("none.log"))
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"total": 0, "multi_step_visits": 0, "by_category": [], "by_agency": []})
    );
    // The keys come in the documented order, total first.
    let text = String::from_utf8(out.stdout).unwrap();
    let at = |k: &str| text.find(&format!("\"{k}\"")).expect(k);
    assert!(at("total") < at("by_category") && at("by_category") < at("by_agency"));
}

#[test]
fn log_lives_in_the_platform_data_directory() {
    let tmp = tempfile::tempdir().unwrap();
    // REFDESK_HOME moves the platform folders (the data folder is `data` inside it).
    let dir = tmp.path().join("data");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("stats/referrals.log"), dir.join("referrals.log")).unwrap();
    let out = refdesk()
        .env_remove("REFDESK_STATS_FILE")
        .env("REFDESK_HOME", tmp.path())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 6);
}

#[test]
fn from_after_to_is_a_usage_error() {
    refdesk()
        .args(["stats", "--from", "2026-12-01", "--to", "2026-11-01"])
        .assert()
        .code(2);
}

#[test]
fn a_referral_record_holds_the_report_fields_and_nothing_else() {
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    };
    let dir = load_demo(&opts);
    let agency = dir.agency("zt-dps-cop").expect("demo tax office");
    let card = Card::new(&dir, agency, Lang::Uk).with_service("1").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let log = Log::at(tmp.path().join("referrals.log"));
    let now = jiff::civil::date(2026, 11, 25).at(10, 31, 42, 0);
    stats::record_referral_to(&log, &card, How::Printed, now).unwrap();
    stats::record_referral_to(&log, &Card::new(&dir, agency, Lang::Uk), How::Read, now).unwrap();
    let text = std::fs::read_to_string(&log.path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({
            "at": "2026-11-25T10:31",
            "id": "zt-dps-cop",
            "category": agency.category,
            "service": agency.services[0].name,
            "how": "printed",
        })
    );
    assert_eq!(
        lines[1],
        serde_json::json!({"at": "2026-11-25T10:31", "id": "zt-dps-cop",
            "category": agency.category, "how": "read"})
    );
    let read = log.read().unwrap();
    assert_eq!(read.records.len(), 2);
    assert!(read.damaged.is_empty());
}

#[test]
fn slip_counts_one_printed_referral_without_the_visitor_name() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("referrals.log");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("refdesk")
            .unwrap()
            .env("REFDESK_NOW", "2026-11-25T10:30")
            // Tests never leave a parsed-directory cache in the real cache folder.
            .env("REFDESK_NO_CACHE", "1")
            .env("REFDESK_STATS_FILE", &log)
            .env("REFDESK_HOME", tmp.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "slip",
        "zt-dps-cop",
        "--service",
        "1",
        "--for",
        "Шевченко Тарас",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("\"zt-dps-cop\"") && text.contains("\"printed\""),
        "{text}"
    );
    assert!(!text.contains("Шевченко"), "{text}");
    let out = run(&["stats", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["by_agency"][0]["id"], "zt-dps-cop");
    assert_eq!(v["by_category"][0]["category"], "tax");
}

//! `refdesk search` end to end over the built-in demo directory.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A home of this test run's own: nothing the machine or another test keeps in HOME, the XDG
/// folders (settings, cache) or the statistics log can reach these runs, nor they it.
fn home() -> &'static Path {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temporary home"))
        .path()
}

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").expect("binary");
    let home = home();
    // REFDESK_HOME: settings, data and cache in the temporary home on every platform.
    c.env("HOME", home)
        .env("REFDESK_HOME", home)
        .env("REFDESK_STATS_FILE", home.join("referrals.log"))
        .env_remove("NO_COLOR")
        .env("REFDESK_NOW", "2026-11-25T10:30")
        // Tests never leave a parsed-directory cache in the real cache folder.
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        // No settings file: the temporary home has none.
        .env_remove("REFDESK_CONFIG");
    c
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = refdesk()
        .arg("search")
        .args(args)
        .arg("--json")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON array")
}

#[test]
fn text_lists_agency_locality_and_matching_service() {
    let out = refdesk()
        .args(["search", "довідка", "про", "доходи"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("ДЕМОНСТРАЦІЙНІ ДАНІ"), "{text}");
    assert_eq!(
        lines[1].trim_start(),
        "1. ЦОП ДПС (податкова) — Житомир",
        "{text}"
    );
    assert!(lines[2].contains("довідка про доходи"), "{text}");
}

#[test]
fn wrong_layout_is_noted() {
    refdesk()
        .args(["search", "ljdslrf ghj lj[jlb"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "розкладку виправлено: довідка про доходи",
        ))
        .stdout(predicate::str::contains("ЦОП ДПС"));
}

#[test]
fn json_has_the_fields_and_the_reading() {
    let hits = json(&["dovidka pro dokhody"]);
    let h = &hits[0];
    assert_eq!(h["id"], "zt-dps-cop");
    assert_eq!(h["short_name"], "ЦОП ДПС (податкова)");
    assert_eq!(h["locality"], "Житомир");
    assert_eq!(h["category"], "tax");
    assert!(h["service"].as_str().unwrap().contains("доходи"));
    assert!(h["score"].as_i64().unwrap() > 0);
    assert_eq!(h["reading"], "translit");
    assert_eq!(h["corrected"], "довідка про доходи");
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1])
            || hits.iter().any(|h| h["temporarily_closed"] == true)
    );
}

#[test]
fn service_is_null_when_the_agency_itself_matched() {
    let hits = json(&["цоп"]);
    assert_eq!(hits[0]["id"], "zt-dps-cop");
    assert!(hits[0]["service"].is_null());
    assert_eq!(hits[0]["reading"], "as-typed");
    assert!(hits[0].get("corrected").is_none());
}

#[test]
fn nothing_found_exits_1() {
    refdesk()
        .args(["search", "щзщзщзщз"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("нічого не знайдено"));
}

#[test]
fn nothing_found_with_json_is_an_empty_array_and_exit_1() {
    let out = refdesk()
        .args(["search", "--json", "щзщзщзщз"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn closed_agencies_never_appear_and_temporarily_closed_are_marked() {
    let hits = json(&["корольовський", "--limit", "0"]);
    assert!(hits.iter().all(|h| h["id"] != "zt-pfu-korolov-old"));
    let tc: Vec<_> = hits
        .iter()
        .filter(|h| h["temporarily_closed"] == true)
        .collect();
    assert_eq!(tc.len(), 1);
    assert_eq!(tc[0]["id"], "zt-cnap-korolov");
    assert_eq!(hits.last().unwrap()["id"], "zt-cnap-korolov");
    refdesk()
        .args(["search", "корольовський", "--limit", "0"])
        .assert()
        .stdout(predicate::str::contains(
            "ЦНАП, підрозділ «Корольовський» — Житомир (тимчасово не працює)",
        ));
}

#[test]
fn limit_caps_the_list_and_reports_the_total() {
    let hits = json(&["паспорт", "--limit", "2"]);
    assert_eq!(hits.len(), 2);
    refdesk()
        .args(["search", "паспорт", "--limit", "2"])
        .assert()
        .stdout(predicate::str::contains("показано 2; усього"));
}

#[test]
fn near_defaults_to_the_home_locality() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("refdesk.toml");
    std::fs::write(&cfg, "home_locality = \"Бердичів\"\n").unwrap();
    let out = refdesk()
        .env("REFDESK_CONFIG", &cfg)
        .args(["search", "цнап", "--json"])
        .output()
        .unwrap();
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "brd-cnap");
    // --near overrides the setting.
    let hits = json(&["цнап", "--near", "Житомир"]);
    assert_eq!(hits[0]["id"], "zt-cnap");
}

#[test]
fn english_messages() {
    refdesk()
        .args(["--lang", "en", "search", "ljdslrf"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "keyboard layout corrected: довідка",
        ));
}

#[test]
fn an_agencys_alert_is_shown_wherever_it_appears() {
    let hits = json(&["соцзахист", "Корольовського"]);
    let a = hits
        .iter()
        .find(|h| h["alert"].is_string())
        .expect("the social protection office with the lift notice");
    assert!(a["alert"].as_str().unwrap().contains("ремонт ліфта"));
    let out = refdesk()
        .args(["search", "соцзахист", "Корольовського"])
        .output()
        .unwrap();
    // A failed run says why (its status and stderr), not just "empty output".
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("! Через ремонт ліфта"), "{text}");
}

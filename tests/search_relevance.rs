//! The relevance suite: realistic queries over the demo directory, each with the agencies that
//! are right answers. Prints top-1 and top-3 rates per kind; fails below 95 % top-3 overall.
//! Run with `cargo test --test search_relevance -- --nocapture` to see the table.

use refdesk::directory::{LoadOptions, load_demo};
use refdesk::i18n::Lang;
use refdesk::search::{Engine, SearchOptions};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    query: String,
    expect: Vec<String>,
    kind: String,
    near: Option<String>,
}

const KINDS: &[&str] = &[
    "plain",
    "layout",
    "translit",
    "word-form",
    "typo",
    "russian",
    "person",
    "address",
    "apostrophe",
    "locality",
];

#[test]
fn relevance_suite_top3_at_least_95_percent() {
    let text = include_str!("fixtures/search/relevance.toml");
    let suite: Suite = toml::from_str(text).expect("relevance.toml parses");
    assert!(suite.case.len() >= 60, "at least 60 cases");
    let dir = load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    });
    assert_eq!(dir.error_count(), 0, "the demo directory loads cleanly");
    let mut engine = Engine::new(Arc::new(dir));

    // kind → (cases, top-1, top-3)
    let mut table: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut second = Vec::new();
    for c in &suite.case {
        assert!(KINDS.contains(&c.kind.as_str()), "unknown kind {}", c.kind);
        for id in &c.expect {
            assert!(
                engine.directory().agency(id).is_some(),
                "{:?} expects unknown agency {id}",
                c.query
            );
        }
        let opts = SearchOptions {
            limit: 3,
            near: Some(c.near.clone().unwrap_or_else(|| "Житомир".into())),
            ..Default::default()
        };
        let r = engine.search(&c.query, &opts);
        let got: Vec<&str> = r
            .hits
            .iter()
            .map(|h| engine.directory().agencies[h.agency].id.as_str())
            .collect();
        let e = table.entry(c.kind.as_str()).or_default();
        e.0 += 1;
        if got.first().copied() == c.expect.first().map(String::as_str) {
            e.1 += 1;
        } else {
            second.push(format!(
                "  [{}] {:?}: best {:?}, got {:?}",
                c.kind, c.query, c.expect[0], got
            ));
        }
        if got.iter().any(|g| c.expect.iter().any(|x| x == g)) {
            e.2 += 1;
        } else {
            misses.push(format!(
                "  [{}] {:?}: expected {:?}, got {:?}",
                c.kind, c.query, c.expect, got
            ));
        }
    }

    let (mut n, mut t1, mut t3) = (0, 0, 0);
    println!(
        "\n{:<12} {:>5} {:>7} {:>7}",
        "kind", "cases", "top-1", "top-3"
    );
    for k in KINDS {
        if let Some(&(c, a, b)) = table.get(k) {
            println!(
                "{k:<12} {c:>5} {:>6.0}% {:>6.0}%",
                100.0 * a as f64 / c as f64,
                100.0 * b as f64 / c as f64
            );
            n += c;
            t1 += a;
            t3 += b;
        }
    }
    let rate3 = t3 as f64 / n as f64;
    println!(
        "{:<12} {n:>5} {:>6.0}% {:>6.1}%",
        "overall",
        100.0 * t1 as f64 / n as f64,
        100.0 * rate3
    );
    if !second.is_empty() {
        println!("best answer not first:\n{}", second.join("\n"));
    }
    if !misses.is_empty() {
        println!("not in the top 3:\n{}", misses.join("\n"));
    }
    assert!(
        rate3 >= 0.95,
        "top-3 rate {:.1} % is below 95 %",
        100.0 * rate3
    );
}

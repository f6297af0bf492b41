//! The relevance suites' harness: runs every case over the demo directory and prints, per
//! kind, the top-1 and top-3 rates and precision — how many wrong agencies rank above the
//! first right one.

use refdesk::directory::{LoadOptions, load_demo};
use refdesk::i18n::Lang;
use refdesk::search::{Engine, Scoring, SearchOptions, WordForms};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
pub struct Suite {
    pub case: Vec<Case>,
}

#[derive(Deserialize)]
pub struct Case {
    pub query: String,
    pub expect: Vec<String>,
    pub kind: String,
    pub near: Option<String>,
}

/// Per kind: cases, top-1, top-3, wrong agencies above the first right one (summed), cases
/// where no right agency was found at all.
#[derive(Default, Clone, Copy)]
struct Row {
    cases: usize,
    top1: usize,
    top3: usize,
    wrong_above: usize,
    absent: usize,
}

/// Overall figures of one run.
#[allow(dead_code)]
pub struct Overall {
    pub top1: f64,
    pub top3: f64,
    /// Mean wrong agencies above the first right one.
    pub wrong_above: f64,
}

/// Runs `suite` (TOML text) and returns the overall top-3 rate; prints the table and every
/// case that missed.
#[allow(dead_code)]
pub fn run(text: &str, kinds: &[&str], min_cases: usize) -> f64 {
    run_with(
        text,
        kinds,
        min_cases,
        (WordForms::default(), Scoring::default()),
        true,
    )
    .top3
}

/// [`run`] with a choice of word-form rule and scoring model; `verbose` prints the table and the misses.
#[allow(clippy::too_many_lines)] // the relevance report in one pass (speed's file)
pub fn run_with(
    text: &str,
    kinds: &[&str],
    min_cases: usize,
    (forms, scoring): (WordForms, Scoring),
    verbose: bool,
) -> Overall {
    let suite: Suite = toml::from_str(text).expect("the suite parses");
    assert!(suite.case.len() >= min_cases, "at least {min_cases} cases");
    let dir = load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    });
    assert_eq!(dir.error_count(), 0, "the demo directory loads cleanly");
    let mut engine = Engine::new(Arc::new(dir));
    engine.set_word_forms(forms);
    engine.set_scoring(scoring);

    let mut table: BTreeMap<&str, Row> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut second = Vec::new();
    for c in &suite.case {
        assert!(kinds.contains(&c.kind.as_str()), "unknown kind {}", c.kind);
        for id in &c.expect {
            assert!(
                engine.directory().agency(id).is_some(),
                "{:?} expects unknown agency {id}",
                c.query
            );
        }
        let opts = SearchOptions {
            limit: 0,
            near: Some(c.near.clone().unwrap_or_else(|| "Житомир".into())),
            ..Default::default()
        };
        let r = engine.search(&c.query, &opts);
        let got: Vec<&str> = r
            .hits
            .iter()
            .map(|h| engine.directory().agencies[h.agency].id.as_str())
            .collect();
        let right = |g: &&str| c.expect.iter().any(|x| x == g);
        let e = table.entry(c.kind.as_str()).or_default();
        e.cases += 1;
        match got.iter().position(right) {
            Some(p) => e.wrong_above += p,
            None => e.absent += 1,
        }
        if got.first().copied() == c.expect.first().map(String::as_str) {
            e.top1 += 1;
        } else {
            second.push(format!(
                "  [{}] {:?}: best {:?}, got {:?}",
                c.kind,
                c.query,
                c.expect[0],
                &got[..got.len().min(3)]
            ));
        }
        if got.iter().take(3).any(right) {
            e.top3 += 1;
        } else {
            misses.push(format!(
                "  [{}] {:?}: expected {:?}, got {:?}",
                c.kind,
                c.query,
                c.expect,
                &got[..got.len().min(3)]
            ));
        }
    }

    let mut all = Row::default();
    for r in table.values() {
        all.cases += r.cases;
        all.top1 += r.top1;
        all.top3 += r.top3;
        all.wrong_above += r.wrong_above;
        all.absent += r.absent;
    }
    let overall = Overall {
        top1: all.top1 as f64 / all.cases as f64,
        top3: all.top3 as f64 / all.cases as f64,
        wrong_above: all.wrong_above as f64 / (all.cases - all.absent).max(1) as f64,
    };
    if !verbose {
        return overall;
    }
    println!(
        "\n{:<13} {:>5} {:>7} {:>7} {:>12} {:>7}",
        "kind", "cases", "top-1", "top-3", "wrong above", "absent"
    );
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    let line = |k: &str, r: &Row| {
        println!(
            "{k:<13} {:>5} {:>6.0}% {:>6.1}% {:>12.2} {:>7}",
            r.cases,
            pct(r.top1, r.cases),
            pct(r.top3, r.cases),
            r.wrong_above as f64 / (r.cases - r.absent).max(1) as f64,
            r.absent
        )
    };
    for k in kinds {
        if let Some(r) = table.get(k) {
            line(k, r);
        }
    }
    line("overall", &all);
    println!("(wrong above: mean number of wrong agencies ranked above the first right one)");
    if !second.is_empty() {
        println!("best answer not first:\n{}", second.join("\n"));
    }
    if !misses.is_empty() {
        println!("not in the top 3:\n{}", misses.join("\n"));
    }
    overall
}

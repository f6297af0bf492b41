//! Prints every result of every relevance-suite query, typed letter by letter, over the demo
//! directory and a generated one — hits, scores, tiers, unused words, suggestions, explanations
//! and highlights — so that a change meant only to make search faster can be shown to change no
//! result: run it before and after, and compare the outputs.
//!
//! `cargo run --release --example search_dump -- [AGENCIES] > before.txt`
//! (AGENCIES: size of the generated directory, default 2000).

use refdesk::directory::{Directory, LoadOptions, load_demo, load_texts};
use refdesk::i18n::Lang;
use refdesk::search::{Engine, NATIONWIDE, SearchOptions};
use serde::Deserialize;
use std::fmt::Write as _;
use std::sync::Arc;

#[path = "gen_directory.rs"]
#[allow(dead_code)]
mod gen_directory;

#[derive(Deserialize)]
struct Suite {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    query: String,
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    }
}

fn queries() -> Vec<String> {
    let mut out = vec![
        "довідка про доходи".to_string(),
        "коваленко".into(),
        "ljdslrf ghj lj[jlb".into(),
        "dovidka".into(),
        "довітка".into(),
        "пинсєя".into(),
        "Бердичів юридична допомога".into(),
        "0412".into(),
        "житло".into(),
    ];
    for text in [
        include_str!("../tests/fixtures/search/relevance.toml"),
        include_str!("../tests/fixtures/search/needs.toml"),
    ] {
        let suite: Suite = toml::from_str(text).expect("the suite parses");
        out.extend(suite.case.into_iter().map(|c| c.query));
    }
    out
}

fn dump(out: &mut String, engine: &mut Engine, q: &str, o: &SearchOptions) {
    if std::env::var_os("SEARCH_DUMP_TRACE").is_some() {
        eprintln!("{q:?}");
    }
    let r = engine.search(q, o);
    let dir = engine.directory().clone();
    let _ = writeln!(
        out,
        "Q {q:?} {:?} read={} corrected={:?} total={} words={:?}",
        (&o.locality, &o.category, o.limit),
        r.reading.code(),
        r.reading.text(),
        r.total,
        r.words
    );
    for h in &r.hits {
        let _ = writeln!(
            out,
            "  {} svc={:?} score={} tier={:?} closed={} unused={:?}",
            dir.agencies[h.agency].id,
            h.service,
            h.score,
            h.tier,
            h.temporarily_closed,
            r.unused(h)
        );
    }
    if let Some(s) = &r.suggestions {
        let _ = writeln!(out, "  suggestions {s:?}");
    }
    let top: Vec<_> = r.hits.iter().take(3).cloned().collect();
    for (h, x) in top.iter().zip(engine.explain_hits(q, &r, &top)) {
        let name = &dir.agencies[h.agency].name;
        let _ = writeln!(
            out,
            "  explain {} {x:?} marks={:?}",
            dir.agencies[h.agency].id,
            engine.match_indices(name, q)
        );
    }
}

fn run(label: &str, dir: Directory, out: &mut String) {
    let mut engine = Engine::new(Arc::new(dir));
    let idx = engine.index();
    eprintln!(
        "{label}: {} words, {} tokens, {} fields",
        idx.vocab.len(),
        idx.words.len(),
        idx.fields.len()
    );
    let qs = queries();
    let near = SearchOptions {
        limit: 0,
        near: Some("Житомир".into()),
        ..Default::default()
    };
    let top = SearchOptions {
        limit: 10,
        ..near.clone()
    };
    let variants = [
        near.clone(),
        SearchOptions {
            limit: 20,
            locality: Some("Бердичів".into()),
            ..Default::default()
        },
        SearchOptions {
            limit: 20,
            locality: Some(NATIONWIDE.into()),
            ..Default::default()
        },
    ];
    let _ = writeln!(out, "== {label}");
    for q in &qs {
        // Typed letter by letter, narrowing from the previous keystroke as the screen does.
        engine.clear_cache();
        let chars: Vec<char> = q.chars().collect();
        for k in 1..=chars.len() {
            let typed: String = chars[..k].iter().collect();
            dump(out, &mut engine, &typed, &near);
            // A short list, as the screen and `search` ask for: the engine may then skip
            // agencies that cannot reach it.
            dump(out, &mut engine, &typed, &top);
        }
        for o in &variants[1..] {
            engine.clear_cache();
            dump(out, &mut engine, q, o);
        }
        engine.clear_cache();
        dump(out, &mut engine, &format!("{q} "), &near);
    }
}

fn main() {
    // Debug builds recurse deeply in the TOML parser: give them room.
    let t = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(dump_all);
    if let Ok(t) = t {
        let _ = t.join();
    }
}

fn dump_all() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let mut out = String::new();
    run("demo", load_demo(&opts()), &mut out);
    let files = gen_directory::generate(n, 42, 1000);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    run(
        &format!("generated {n}"),
        load_texts(&refs, &opts()),
        &mut out,
    );
    print!("{out}");
}

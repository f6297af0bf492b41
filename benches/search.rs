//! Search and loading benchmarks on generated directories of 1k, 10k and 100k agencies.
//!
//! `cargo bench --bench search` (all sizes; 100k takes a few minutes to generate and load)
//! `REFDESK_BENCH_SIZES=1000,10000 cargo bench --bench search` for a subset.
//!
//! Besides criterion's figures, the typing benchmark prints the median and worst latency per
//! keystroke, which is what the performance targets are about. It asks for the top 50;
//! `REFDESK_BENCH_LIMIT=1000` asks for as many as the screen does.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use refdesk::directory::{Directory, LoadOptions, load_texts};
use refdesk::i18n::Lang;
use refdesk::search::{Engine, SearchOptions};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../examples/gen_directory.rs"]
#[allow(dead_code)]
mod gen_directory;

const TYPED: &str = "довідка про доходи";

fn sizes() -> Vec<usize> {
    std::env::var("REFDESK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    }
}

fn load(n: usize) -> (Vec<(String, String)>, Directory) {
    let files = gen_directory::generate(n, 42, 1000);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = load_texts(&refs, &opts());
    assert_eq!(dir.error_count(), 0, "generated data loads cleanly");
    (files, dir)
}

/// Every prefix of the query, as typed letter by letter.
fn keystrokes() -> Vec<String> {
    let chars: Vec<char> = TYPED.chars().collect();
    (1..=chars.len())
        .map(|k| chars[..k].iter().collect())
        .collect()
}

/// How many hits the typing benchmark asks for.
fn limit() -> usize {
    std::env::var("REFDESK_BENCH_LIMIT")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(50)
}

fn per_keystroke_report(n: usize, engine: &mut Engine) {
    let keys = keystrokes();
    let o = SearchOptions {
        limit: limit(),
        near: None,
        ..Default::default()
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut first: Vec<Duration> = Vec::new();
    let mut per_key: Vec<Vec<Duration>> = vec![Vec::new(); keys.len()];
    for _ in 0..20 {
        engine.clear_cache();
        for (i, k) in keys.iter().enumerate() {
            let t = Instant::now();
            black_box(engine.search(k, &o));
            let d = t.elapsed();
            times.push(d);
            per_key[i].push(d);
            if i == 0 {
                first.push(d);
            }
        }
    }
    times.sort();
    first.sort();
    let (slow_key, slow) = per_key
        .iter_mut()
        .enumerate()
        .map(|(i, v)| {
            v.sort();
            (i, v[v.len() / 2])
        })
        .max_by_key(|x| x.1)
        .unwrap_or((0, Duration::ZERO));
    eprintln!(
        "  slowest keystroke {:?}: median {:.3} ms",
        keys[slow_key],
        slow.as_secs_f64() * 1e3
    );
    eprintln!(
        "typing {TYPED:?} at {n} agencies, top {}: per keystroke median {:.3} ms, worst {:.3} ms; first letter median {:.3} ms",
        o.limit,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        first[first.len() / 2].as_secs_f64() * 1e3,
    );
}

fn benches(c: &mut Criterion) {
    for n in sizes() {
        let t = Instant::now();
        let (files, dir) = load(n);
        eprintln!(
            "generated and loaded {n} agencies in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let dir = Arc::new(dir);

        let mut g = c.benchmark_group(format!("search-{n}"));
        if n >= 100_000 {
            g.sample_size(10);
        }
        let mut engine = Engine::new(dir.clone());
        per_keystroke_report(n, &mut engine);
        let o = SearchOptions {
            limit: 50,
            ..Default::default()
        };
        g.bench_function("typing-whole-query", |b| {
            let keys = keystrokes();
            b.iter(|| {
                engine.clear_cache();
                for k in &keys {
                    black_box(engine.search(k, &o));
                }
            })
        });
        for q in [
            "д",
            "довідка про доходи",
            "ljdslrf ghj lj[jlb",
            "dovidka",
            "довітка",
            "коваленко",
        ] {
            g.bench_with_input(BenchmarkId::new("query", q), q, |b, q| {
                b.iter(|| {
                    engine.clear_cache();
                    black_box(engine.search(q, &o))
                })
            });
        }
        g.bench_function("build-index", |b| {
            b.iter(|| black_box(Engine::new(dir.clone())))
        });
        if n <= 10_000 {
            let refs: Vec<(&str, &str)> = files
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            g.bench_function("load-toml", |b| {
                b.iter(|| black_box(load_texts(&refs, &opts())))
            });
        }
        g.finish();
    }
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);

//! `refdesk import hsds` on generated packages of 1,000 and 10,000 services (issue 10: the import
//! used to grow with the square of the package's size).
//!
//! `cargo bench --bench hsds_import` (both sizes)
//! `REFDESK_BENCH_SERVICES=1000 cargo bench --bench hsds_import` for a subset.
//!
//! The package is the generated directory (`examples/gen_directory.rs`, fixed seed) exported by
//! `refdesk export hsds`, so every table and every kind of link is there, in realistic numbers.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use refdesk::directory::{Directory, LoadOptions, load_texts};
use refdesk::hsds;
use refdesk::i18n::Lang;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

#[path = "../examples/gen_directory.rs"]
#[allow(dead_code)]
mod gen_directory;

fn sizes() -> Vec<usize> {
    std::env::var("REFDESK_BENCH_SERVICES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000])
}

fn now() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0)
}

fn directory(agencies: usize) -> Directory {
    let files = gen_directory::generate(agencies, 42, 1000);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let opts = LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    };
    let dir = load_texts(&refs, &opts);
    assert_eq!(dir.error_count(), 0, "generated data loads cleanly");
    dir
}

/// A package of about `services` services, written into `out`; returns the exact number.
fn package(services: usize, out: &Path) -> usize {
    let sample = directory(200);
    let per_agency = sample
        .agencies
        .iter()
        .map(|a| a.services.len())
        .sum::<usize>() as f64
        / 200.0;
    let dir = directory((services as f64 / per_agency).round().max(1.0) as usize);
    hsds::export(&dir, out, now()).expect("export").services
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("hsds import");
    g.sample_size(10);
    for target in sizes() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let pkg = tmp.path().join("package");
        let services = package(target, &pkg);
        // One timed run first: the figure for the README, and a warning sign long before
        // criterion's samples would end.
        let t = Instant::now();
        let imp = hsds::import(&pkg, now().date(), Lang::Uk).expect("import");
        println!(
            "hsds import: {} agencies, {services} services: first run {:.2} s",
            imp.agencies,
            t.elapsed().as_secs_f64()
        );
        assert_eq!(imp.services, services);
        g.bench_with_input(BenchmarkId::from_parameter(services), &pkg, |b, pkg| {
            b.iter(|| black_box(hsds::import(pkg, now().date(), Lang::Uk).expect("import")))
        });
    }
    g.finish();
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);

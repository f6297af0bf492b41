//! The edit form on a big data file: one generated file of 1,000 and of 10,000 agencies
//! (`examples/gen_directory.rs`, fixed seed; 10,000 is about 30 MB), an agency in its middle.
//!
//! - open: what Ctrl-E does before the form shows — the file read (the snapshot a save is
//!   checked against) and the form's lines built from the agency's table;
//! - keystroke: the check run on every change of a line, with the loader's own diagnostics;
//! - save: Ctrl-S — the edits applied in place with `toml_edit`, the file checked unchanged
//!   on disk under its lock, written to a temporary file and renamed over it.
//!
//! `cargo bench --bench edit_form`; `REFDESK_BENCH_SIZES=10000 cargo bench --bench edit_form`
//! for one size.

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use refdesk::directory::{LoadOptions, load_path};
use refdesk::i18n::Lang;
use refdesk::maintain::edit::{self, Snapshot};
use refdesk::tui::state::{FieldKey, Form};
use std::hint::black_box;
use std::time::Duration;

#[path = "../examples/gen_directory.rs"]
#[allow(dead_code)]
mod gen_directory;

fn sizes() -> Vec<usize> {
    std::env::var("REFDESK_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000])
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    }
}

/// Replaces line `key`'s text, as typing would.
fn set(form: &mut Form, key: FieldKey, text: &str) {
    let f = form.fields.iter_mut().find(|f| f.key == key).expect("line");
    f.input.clear();
    f.input.insert(text);
}

fn edit_form(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit form");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for n in sizes() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let files = gen_directory::generate(n, 42, n);
        let (name, text) = &files[0];
        let path = tmp.path().join(name);
        std::fs::write(&path, text).expect("write");
        let dir = load_path(tmp.path(), &opts());
        assert_eq!(dir.error_count(), 0, "generated data loads cleanly");
        let id = dir.agencies[n / 2].id.clone();
        eprintln!(
            "{n} agencies: one file of {:.1} MB",
            text.len() as f64 / 1e6
        );

        group.bench_function(BenchmarkId::new("open", n), |b| {
            b.iter(|| {
                let snap = Snapshot::read(&path).expect("read");
                black_box(Form::open(snap, &id, false, opts().today, Lang::Uk).expect("form"))
            })
        });

        let snap = Snapshot::read(&path).expect("read");
        let mut form = Form::open(snap, &id, false, opts().today, Lang::Uk).expect("form");
        let mut k = 0;
        group.bench_function(BenchmarkId::new("keystroke", n), |b| {
            b.iter(|| {
                k += 1;
                set(
                    &mut form,
                    FieldKey::agency("address"),
                    &format!("вул. Нова, {k}"),
                );
                form.check(&dir, &opts());
                black_box(&form.problems);
            })
        });
        assert!(!form.has_errors(), "{:?}", form.problems);

        let edits = form.edits();
        group.bench_function(BenchmarkId::new("save", n), |b| {
            b.iter_batched(
                || {
                    std::fs::write(&path, text).expect("reset");
                    Snapshot::read(&path).expect("read")
                },
                |snap| black_box(edit::save(&snap, &id, &edits).expect("saved")),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, edit_form);
criterion_main!(benches);

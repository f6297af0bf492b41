//! Reading a settings file with 8,000 broken lines (issue 10: the old recovery re-parsed the
//! whole file once per bad line, seconds before every command). Recovery is line by line, so
//! this should take time in proportion to the file.

use criterion::{Criterion, criterion_group, criterion_main};
use refdesk::config::Config;

fn broken_settings(c: &mut Criterion) {
    let mut text = String::from("home_locality = \"Житомир\"\n[office]\nname = \"Бюро\"\n");
    for i in 0..8000 {
        text.push_str(&format!("bad{i} = \"x\"\n"));
    }
    c.bench_function("settings with 8000 broken lines", |b| {
        b.iter(|| Config::parse_lenient("refdesk.toml", std::hint::black_box(&text)))
    });
}

criterion_group!(benches, broken_settings);
criterion_main!(benches);

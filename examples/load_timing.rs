//! Where a start-up goes: parse, cache read, index build, one query. Usage:
//! `cargo run --release --example load_timing -- DATA_PATH QUERY`.
use refdesk::directory::{LoadOptions, cache, load_path};
use refdesk::search::{Engine, Index, SearchOptions};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("DATA_PATH"));
    let query = args.next().unwrap_or_else(|| "житомир".into());
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: refdesk::i18n::Lang::Uk,
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let dir = load_path(&path, &opts);
    println!("parse      {:>8.3} s", t.elapsed().as_secs_f64());
    drop(dir);
    let t = Instant::now();
    let (_, o) = cache::load_path_cached_in(&path, &opts, tmp.path());
    println!("parse+write{:>8.3} s  {o:?}", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let (loaded, o) = cache::load_path_cached_in(&path, &opts, tmp.path());
    let dir = loaded.dir;
    println!("cache read {:>8.3} s  {o:?}", t.elapsed().as_secs_f64());
    // What a cache hit would cost if it re-parsed phones and hours instead of storing them.
    reparse_cost(&dir);
    let t = Instant::now();
    let index = Index::build(&dir);
    println!("index      {:>8.3} s", t.elapsed().as_secs_f64());
    let mut engine = Engine::with_index(Arc::new(dir), index);
    let t = Instant::now();
    let r = engine.search(&query, &SearchOptions::default());
    println!(
        "query      {:>8.3} s  {} hits",
        t.elapsed().as_secs_f64(),
        r.hits.len()
    );
}

fn reparse_cost(dir: &refdesk::directory::Directory) {
    let t = Instant::now();
    let mut n = 0;
    for a in &dir.agencies {
        let _ = refdesk::hours::parse(&a.hours.raw);
        n += 1;
        for s in &a.services {
            if let Some(h) = &s.hours {
                let _ = refdesk::hours::parse(&h.raw);
                n += 1;
            }
        }
    }
    println!("hours parse{:>8.3} s  {n}", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut n = 0;
    for a in &dir.agencies {
        for p in &a.phones {
            let _ = refdesk::phone::parse(&p.raw);
            n += 1;
        }
        for c in a
            .contacts
            .iter()
            .chain(a.services.iter().flat_map(|s| &s.contacts))
        {
            if let Some(p) = &c.phone {
                let _ = refdesk::phone::parse(&p.raw);
                n += 1;
            }
        }
    }
    println!("phone parse{:>8.3} s  {n}", t.elapsed().as_secs_f64());
}

//! The parsed-directory cache: a hit gives exactly what a fresh parse gives, any change to the
//! sources or the cache file itself means a fresh parse, it can be switched off, and it never
//! holds a query.

use assert_cmd::Command;
use refdesk::directory::cache::{CacheOutcome, cache_file_name, load_path_cached_in};
use refdesk::directory::{Directory, LoadOptions, load_path};
use refdesk::i18n::Lang;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The directory of a load through the cache in `cache_dir`, and what the cache did.
fn load_cached_in(path: &Path, opts: &LoadOptions, cache_dir: &Path) -> (Directory, CacheOutcome) {
    let (loaded, outcome) = load_path_cached_in(path, opts, cache_dir);
    (loaded.dir, outcome)
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    }
}

/// Sets a file's modification time `secs_ago` seconds in the past (a file modified in the last
/// moments is deliberately not cached).
fn age(p: &Path, secs_ago: u64) {
    let t = SystemTime::now() - Duration::from_secs(secs_ago);
    std::fs::File::options()
        .write(true)
        .open(p)
        .expect("open")
        .set_modified(t)
        .expect("set mtime");
}

/// The demo data plus every validation fixture (so there are errors, warnings, stale entries,
/// phones, hours, lunches and services to round-trip), all dated an hour ago.
fn data_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = env!("CARGO_MANIFEST_DIR");
    for (from, prefix) in [("data", "demo-"), ("tests/fixtures/validate", "bad-")] {
        for e in std::fs::read_dir(Path::new(root).join(from)).expect("fixtures") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "toml") {
                let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
                let to = tmp.path().join(name);
                std::fs::copy(&p, &to).expect("copy");
                age(&to, 3600);
            }
        }
    }
    tmp
}

/// Everything observable about a loaded directory: its JSON (which leaves out parsed phones
/// and hours) plus the parsed phones and hours themselves, in their display forms.
fn fingerprint(d: &Directory) -> String {
    let mut s = serde_json::to_string(&(
        &d.meta,
        &d.agencies,
        &d.categories,
        &d.diagnostics,
        &d.files,
    ))
    .expect("json");
    for a in &d.agencies {
        s.push_str(&format!("\n{} {:?}", a.id, a.hours.parsed));
        s.push_str(&format!(" {:?}", a.lunch.as_ref().map(|l| l.parsed)));
        s.push_str(&format!(" {:?}", a.reception.as_ref().map(|h| &h.parsed)));
        let people = a
            .head
            .iter()
            .chain(&a.contacts)
            .chain(a.services.iter().flat_map(|s| &s.contacts));
        for p in a
            .phones
            .iter()
            .chain(people.filter_map(|p| p.phone.as_ref()))
        {
            s.push_str(&format!(" {:?}|{}", p.number, p.display()));
        }
        for sv in &a.services {
            s.push_str(&format!(" {:?}", sv.hours.as_ref().map(|h| &h.parsed)));
        }
    }
    s
}

fn cache_file(cache: &Path, data: &Path) -> PathBuf {
    cache.join(cache_file_name(data))
}

#[test]
fn a_cache_hit_is_identical_to_a_fresh_parse() {
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    let fresh = load_path(data.path(), &opts());
    assert!(fresh.agencies.len() > 40, "the demo data is loaded");
    assert!(fresh.error_count() > 0 && fresh.warning_count() > 0);
    assert!(fresh.agencies.iter().any(|a| a.lunch.is_some()));

    let (first, o1) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o1, CacheOutcome::Miss);
    let (second, o2) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o2, CacheOutcome::Hit);
    assert_eq!(fingerprint(&first), fingerprint(&fresh));
    assert_eq!(fingerprint(&second), fingerprint(&fresh));
}

#[test]
fn changing_a_file_or_adding_one_invalidates_the_cache() {
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    let (_, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::Miss);

    // Only the modification time changes.
    let f = data.path().join("demo-hotlines.toml");
    age(&f, 1800);
    let (_, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::Rebuilt);

    // The content (and so the size) changes, the modification time is put back as it was.
    let before = std::fs::metadata(&f)
        .expect("meta")
        .modified()
        .expect("mtime");
    let text = std::fs::read_to_string(&f).expect("read");
    let first_name = fresh_names(data.path())[0].clone();
    let edited = text.replacen(&first_name, "Перейменована установа тест", 1);
    assert_ne!(edited, text, "the hotline file names an agency");
    std::fs::write(&f, &edited).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&f)
        .expect("open")
        .set_modified(before)
        .expect("mtime");
    let (d, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::Rebuilt);
    assert!(
        d.agencies
            .iter()
            .any(|a| a.name == "Перейменована установа тест")
    );
    assert_eq!(
        fingerprint(&d),
        fingerprint(&load_path(data.path(), &opts()))
    );

    // A new file.
    let extra = data.path().join("zz-extra.toml");
    std::fs::write(&extra, "# nothing yet\n").expect("write");
    age(&extra, 600);
    let (d, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::Rebuilt);
    assert!(d.files.iter().any(|n| n.ends_with("zz-extra.toml")));
    let (_, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::Hit);
}

fn fresh_names(p: &Path) -> Vec<String> {
    let d = load_path(&p.join("demo-hotlines.toml"), &opts());
    d.agencies.iter().map(|a| a.name.clone()).collect()
}

/// The language is part of the key (diagnostics are localised); today's date is not: the
/// first start of a new day reads the cache, and the date checks are made on what it holds.
#[test]
fn the_language_is_part_of_the_key_and_the_date_is_not() {
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    load_cached_in(data.path(), &opts(), cache.path());
    let en = LoadOptions {
        lang: Lang::En,
        ..opts()
    };
    let (d, o) = load_cached_in(data.path(), &en, cache.path());
    assert_eq!(o, CacheOutcome::Rebuilt);
    assert_eq!(fingerprint(&d), fingerprint(&load_path(data.path(), &en)));
    let later = LoadOptions {
        today: jiff::civil::date(2028, 1, 1),
        ..en
    };
    let (d, o) = load_cached_in(data.path(), &later, cache.path());
    assert_eq!(o, CacheOutcome::Hit);
    let stale = |d: &Directory| d.diagnostics.iter().filter(|x| x.code == "stale").count();
    assert!(stale(&d) > stale(&load_path(data.path(), &en)));
    assert_eq!(
        fingerprint(&d),
        fingerprint(&load_path(data.path(), &later))
    );
}

#[test]
fn a_corrupt_or_truncated_cache_is_rebuilt_never_trusted() {
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    let fresh = fingerprint(&load_path(data.path(), &opts()));
    load_cached_in(data.path(), &opts(), cache.path());
    let file = cache_file(cache.path(), data.path());
    let good = std::fs::read(&file).expect("cache written");

    let truncated = &good[..good.len() / 2];
    let mut flipped = good.clone();
    let mid = flipped.len() * 3 / 4;
    flipped[mid] ^= 0x55;
    let mut old_version = good.clone();
    old_version[8] ^= 0xff;
    let cases: [(&str, &[u8]); 5] = [
        ("truncated", truncated),
        ("flipped byte", &flipped),
        ("other format version", &old_version),
        ("empty", b""),
        ("garbage", b"not a cache at all"),
    ];
    for (what, bytes) in cases {
        std::fs::write(&file, bytes).expect("write");
        let (d, o) = load_cached_in(data.path(), &opts(), cache.path());
        assert_eq!(o, CacheOutcome::Rebuilt, "{what}");
        assert_eq!(fingerprint(&d), fresh, "{what}");
        assert_eq!(std::fs::read(&file).expect("rewritten"), good, "{what}");
    }
}

#[test]
fn a_file_changed_moments_ago_is_not_cached() {
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    std::fs::write(data.path().join("new.toml"), "# just saved\n").expect("write");
    let (_, o) = load_cached_in(data.path(), &opts(), cache.path());
    assert_eq!(o, CacheOutcome::NotWritten);
    assert!(!cache_file(cache.path(), data.path()).exists());
}

fn refdesk(xdg: &Path) -> Command {
    let mut c = Command::cargo_bin("refdesk").expect("binary");
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env_remove("REFDESK_NO_CACHE")
        .env_remove("REFDESK_CONFIG")
        // Settings (none), data and cache under `xdg` on every platform.
        .env("REFDESK_HOME", xdg);
    c
}

fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn refdesk_no_cache_writes_nothing_and_the_default_writes_under_xdg_cache_home() {
    let data = data_dir();
    let xdg = tempfile::tempdir().expect("tempdir");
    let out = refdesk(xdg.path())
        .env("REFDESK_NO_CACHE", "1")
        .args(["--data"])
        .arg(data.path())
        .args(["search", "податкова"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all_files(xdg.path()).is_empty());

    let cached = refdesk(xdg.path())
        .arg("--data")
        .arg(data.path())
        .args(["search", "податкова"])
        .output()
        .expect("runs");
    assert_eq!(cached.stdout, out.stdout);
    // The parsed directory and, because this command searched, its index.
    let mut files = all_files(xdg.path());
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| f.starts_with(xdg.path().join("cache")))
    );
    assert!(files[1].to_string_lossy().ends_with(".index.bin"));

    // The second run reads the cache and answers the same.
    let again = refdesk(xdg.path())
        .arg("--data")
        .arg(data.path())
        .args(["search", "податкова"])
        .output()
        .expect("runs");
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn the_cache_never_holds_a_query() {
    const QUERY: &str = "аліменти квітчастий-запит-5512";
    let data = data_dir();
    let xdg = tempfile::tempdir().expect("tempdir");
    for _ in 0..2 {
        refdesk(xdg.path())
            .arg("--data")
            .arg(data.path())
            .args(["search", QUERY])
            .output()
            .expect("runs");
    }
    let files = all_files(xdg.path());
    assert!(
        !files.is_empty(),
        "the cache was written, so the search is meaningful"
    );
    let needles = [QUERY, "квітчастий", "5512"];
    for f in files {
        let bytes = std::fs::read(&f).expect("read");
        for n in needles {
            let n = n.as_bytes();
            assert!(
                !bytes.windows(n.len()).any(|w| w == n),
                "{} holds {:?}",
                f.display(),
                String::from_utf8_lossy(n)
            );
        }
    }
}

/// (agency, service, score) of every hit, for comparing engines.
fn hits(e: &mut refdesk::search::Engine, q: &str) -> Vec<(usize, Option<usize>, i64)> {
    let r = e.search(q, &refdesk::search::SearchOptions::default());
    r.hits
        .iter()
        .map(|h| (h.agency, h.service, h.score))
        .collect()
}

#[test]
fn the_search_index_is_cached_beside_the_directory_and_answers_the_same() {
    use refdesk::search::Engine;
    use std::sync::Arc;
    let data = data_dir();
    let cache = tempfile::tempdir().expect("tempdir");
    let queries = [
        "податкова",
        "житомир пенсія",
        "0412",
        "cnfg",
        "ЦНАП бердичів",
        "алімен",
    ];
    let mut fresh = Engine::new(Arc::new(load_path(data.path(), &opts())));
    let want: Vec<_> = queries.iter().map(|q| hits(&mut fresh, q)).collect();
    assert!(want.iter().filter(|h| !h.is_empty()).count() >= 4);

    let index_files = || {
        all_files(cache.path())
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".index.bin"))
            .collect::<Vec<_>>()
    };
    for round in 0..3 {
        let (d, _) = load_path_cached_in(data.path(), &opts(), cache.path());
        assert!(d.cache.is_some());
        let mut e = Engine::cached(Arc::new(d.dir), d.cache.as_ref());
        let got: Vec<_> = queries.iter().map(|q| hits(&mut e, q)).collect();
        assert_eq!(got, want, "round {round}");
        assert_eq!(index_files().len(), 1, "round {round}");
        if round == 1 {
            // A damaged index file is rebuilt, not trusted.
            let f = &index_files()[0];
            let mut b = std::fs::read(f).expect("read");
            let n = b.len();
            b[n - 10] ^= 0xff;
            std::fs::write(f, &b).expect("write");
        }
    }
    // An uncached directory (the demo, a live reload) builds its index and writes nothing.
    let before = all_files(cache.path()).len();
    let mut e = Engine::new(Arc::new(load_path(data.path(), &opts())));
    assert_eq!(hits(&mut e, "податкова"), want[0]);
    assert_eq!(all_files(cache.path()).len(), before);
}

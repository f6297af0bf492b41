//! A fuzzer for `refdesk import hsds`, run by `cargo test` with a short budget: random and
//! malformed packages (any subset of the tables, random columns, ids that are empty or shared,
//! broken quoting, bytes that are not UTF-8, descriptors whose paths lead anywhere) never make
//! the import panic, never make it read a file outside the package, and what it writes is always
//! TOML that the loader reads without panicking.
//!
//! `PROPTEST_CASES=2000 cargo test --test hsds_fuzz` for a longer run.

use proptest::prelude::*;
use refdesk::directory::{LoadOptions, load_texts};
use refdesk::hsds;
use refdesk::i18n::Lang;
use std::path::Path;

/// Written beside the package, in CSV shape, so that reading it would show.
const SECRET: &str = "SECRET-MARKER";

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

/// Cell values: ids from a small pool (so rows join, or join wrongly), empty cells, numbers,
/// times, days, quotes, line breaks, text in both scripts.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        4 => prop::sample::select(vec!["a", "b", "c", "1", " a ", "A"]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "+380 412 55 01 01",
            "\"+44 1234 234567\"",
            "(212) 736-5000",
            "0 800 213 103",
            "1545",
            "12",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "09:00", "18:00:00", "24:00", "23:59:59", "9", "25:61", "10:00Z",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec!["MO,TU", "FR", "XX", "WEEKLY", "MONTHLY", "1", "2"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "refdesk", "head", "physical", "virtual", "US", "UA", "USA", "2026-01-01", "100",
            "-91.5", "refdesk-category", "refdesk-topic", "other", "health",
        ])
        .prop_map(str::to_string),
        2 => "\\PC{0,12}",
        1 => "[\"\n\r,;]{1,4}",
    ]
}

/// One table: its file name, and a header row of its own columns (some missing, some foreign)
/// followed by rows that may be short or long.
fn table(t: &'static hsds::Table) -> impl Strategy<Value = (String, Vec<Vec<String>>)> {
    let names: Vec<String> = t.cols.iter().map(|c| c.name.to_string()).collect();
    let extra = prop::option::of(prop::sample::select(vec!["unknown", "ID", " name ", ""]));
    let header = (
        prop::sample::subsequence(names.clone(), 0..=names.len()),
        extra,
    )
        .prop_map(|(mut h, extra)| {
            h.extend(extra.map(str::to_string));
            h
        });
    (
        header,
        prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..5),
    )
        .prop_map(move |(h, rows)| {
            let mut all = vec![h];
            all.extend(rows);
            (t.file.to_string(), all)
        })
}

/// Stands for the secret file's absolute path in a drawn descriptor.
const ABSOLUTE: &str = "<absolute path of the secret>";

/// Descriptor paths: the usual names, other names inside, and every way out of the folder.
fn path() -> impl Strategy<Value = serde_json::Value> {
    let mut names: Vec<serde_json::Value> = [
        "organizations.csv",
        "locations.csv",
        "services.csv",
        "phones.csv",
        "data/services.csv",
        "../secret.csv",
        "./../secret.csv",
        "x/../../secret.csv",
        "secret-link.csv",
        "",
        "https://example.org/secret.csv",
        "nothing.csv",
    ]
    .iter()
    .map(|s| serde_json::json!(s))
    .collect();
    names.push(serde_json::json!(ABSOLUTE));
    names.push(serde_json::json!(["../secret.csv"]));
    names.push(serde_json::json!(42));
    prop::sample::select(names)
}

fn descriptor() -> impl Strategy<Value = Option<serde_json::Value>> {
    let resources = prop::collection::vec(
        (
            prop::sample::select(vec![
                "organization",
                "location",
                "service",
                "phone",
                "funding",
                "programs",
            ]),
            path(),
        ),
        0..6,
    );
    prop_oneof![
        1 => Just(None),
        3 => resources.prop_map(|r| {
            let res: Vec<serde_json::Value> = r
                .into_iter()
                .map(|(n, p)| serde_json::json!({"name": n, "path": p}))
                .collect();
            Some(serde_json::json!({"resources": res, "refdesk": {"name": "Тест"}}))
        }),
    ]
}

/// Damage done to a table's bytes after writing: none, bytes that are not UTF-8, an unclosed
/// quote, a byte order mark.
fn damage() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)]
}

fn write_table(dir: &Path, file: &str, rows: &[Vec<String>], damage: u8) {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    let mut bytes = w.into_inner().unwrap();
    match damage {
        1 => bytes.extend_from_slice(b"\xff\xfe,\xc3\n"),
        2 => bytes.extend_from_slice(b"\"a,b\n"),
        3 => bytes.splice(0..0, [0xEF, 0xBB, 0xBF]).for_each(drop),
        _ => {}
    }
    std::fs::write(dir.join(file), bytes).unwrap();
}

/// A symbolic link out of the package, where the platform lets tests make one.
fn link_out(target: &Path, link: &Path) {
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink(target, link);
    #[cfg(not(unix))]
    let _ = (target, link);
}

/// A drawn table: file name, rows (header first), damage.
type Drawn = (String, Vec<Vec<String>>, u8);

/// The tables of a package, and whether it has a link out of the folder.
fn package() -> impl Strategy<Value = (Vec<Drawn>, bool)> {
    let tables: Vec<_> = hsds::TABLES
        .iter()
        .map(|t| prop::option::weighted(0.6, (table(t), damage())))
        .collect();
    (tables, any::<bool>()).prop_map(|(ts, link)| {
        let ts = ts
            .into_iter()
            .flatten()
            .map(|((f, rows), d)| (f, rows, d))
            .collect();
        (ts, link)
    })
}

fn check(
    tables: &[Drawn],
    link: bool,
    desc: Option<serde_json::Value>,
    root: &Path,
) -> Result<(), TestCaseError> {
    let pkg = root.join("pkg");
    std::fs::create_dir_all(pkg.join("data")).unwrap();
    for (file, rows, d) in tables {
        write_table(&pkg, file, rows, *d);
    }
    if link {
        link_out(&root.join("secret.csv"), &pkg.join("secret-link.csv"));
    }
    if let Some(d) = desc {
        let secret = serde_json::json!(root.join("secret.csv").to_string_lossy());
        let text = d
            .to_string()
            .replace(&format!("\"{ABSOLUTE}\""), &secret.to_string());
        std::fs::write(pkg.join("datapackage.json"), text).unwrap();
    }
    let today = jiff::civil::date(2026, 11, 25);
    let Ok(imp) = hsds::import(&pkg, today, Lang::Uk) else {
        return Ok(());
    };
    let said = format!("{}{:?}{:?}", imp.toml, imp.notes, imp.unmapped);
    prop_assert!(!said.contains(SECRET), "read outside the package: {said}");
    prop_assert!(
        !imp.unmapped.iter().any(|(w, _)| w.contains("secret")),
        "counted a file outside the package: {:?}",
        imp.unmapped
    );
    prop_assert!(
        toml::from_str::<toml::Table>(&imp.toml).is_ok(),
        "not TOML: {}",
        imp.toml
    );
    let opts = LoadOptions {
        today,
        lang: Lang::Uk,
    };
    let dir = load_texts(&[("imported.toml", &imp.toml)], &opts);
    prop_assert!(dir.agencies.len() <= imp.agencies);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_packages_never_panic_nor_read_outside_the_package(
        (tables, link) in package(),
        desc in descriptor(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("secret.csv"),
            format!("id,name,description,number\n{SECRET},{SECRET},{SECRET},{SECRET}\n"),
        )
        .unwrap();
        check(&tables, link, desc, tmp.path())?;
    }
}

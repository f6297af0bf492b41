//! The layers point one way (issue 11, README "For developers"): the command line and the
//! screen → referral, search, hsds, stats, config (and `setup`, `maintain`) → directory → hours,
//! phone, grammar, text, i18n (and the small helpers `sanitize`, `files`, `paths`, `console`).
//! Inside the screen, `update` (tui::state) never imports the view. This test reads every file
//! under `src/`, resolves each `crate::`, `super::` and `self::` path outside the tests to the
//! module it names, and fails on an arrow that points the wrong way, and on a module that is on
//! no floor. Pure Rust, no tools: it runs wherever `cargo test` runs.

use std::collections::BTreeSet;
use std::path::Path;

/// Floors, lowest first. A module may use its own floor and the floors below it.
const FLOORS: &[&[&str]] = &[
    &[
        "hours", "phone", "grammar", "text", "i18n", "sanitize", "files", "paths", "console",
        "demo",
    ],
    &["directory"],
    &[
        "referral", "search", "hsds", "stats", "config", "setup", "maintain",
    ],
    &["main", "app", "cli", "cli_uk", "commands", "tui"],
];

/// Arrows forbidden although they stay on one floor: (from, to), module paths.
const FORBIDDEN: &[(&str, &str, &str)] = &[
    (
        "referral",
        "config",
        "the settings build a SlipContext/Output (config → referral), never the other way",
    ),
    (
        "referral::slip",
        "referral::print",
        "the slip model is below printing",
    ),
    ("tui::state", "tui::view", "update never asks the view"),
    (
        "tui::worker",
        "tui::state",
        "the worker's messages live below both (tui::msg)",
    ),
];

/// Arrows that break a rule today, each with the helper who removes it. An entry that no longer
/// happens fails the test too, so this list can only shrink.
const PENDING: &[(&str, &str, &str)] = &[];

fn floor(top: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&top))
}

/// The module path of a source file: `src/hours/week.rs` → `hours::week`,
/// `src/hours/mod.rs` → `hours`, `src/main.rs` → `main`.
fn module_of(rel: &str) -> Vec<String> {
    let rel = rel.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every path a file names (in `use` items, braces expanded, and inline), as written.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use` items (a line that starts one, up to its `;`), with their brace groups expanded.
    let mut item: Option<String> = None;
    for line in code.lines() {
        let t = line.trim_start();
        if item.is_none() {
            let t = match t.strip_prefix("pub") {
                Some(r) if r.starts_with('(') => r.split_once(')').map_or("", |x| x.1).trim_start(),
                Some(r) => r.trim_start(),
                None => t,
            };
            if let Some(r) = t.strip_prefix("use ") {
                item = Some(String::new());
                if let Some(i) = item.as_mut() {
                    i.push_str(r);
                }
            }
        } else if let Some(i) = item.as_mut() {
            i.push(' ');
            i.push_str(t);
        }
        if let Some(i) = item.take_if(|i| i.contains(';')) {
            expand("", &i[..i.find(';').unwrap_or(i.len())], &mut out);
        }
    }
    // Inline paths: `crate::x::y`, `super::x`.
    let bytes: Vec<char> = code.chars().collect();
    let text: String = bytes.iter().collect();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            let before_ok = at == 0
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let len = text[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(text.len() - at);
            if before_ok {
                out.push(text[at..at + len].trim_end_matches(':').to_string());
            }
            from = at + len.max(1);
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let path = tree.split(" as ").next().unwrap_or(tree).trim();
            out.push(format!("{prefix}{path}"));
        }
        Some(open) => {
            let head = &tree[..open];
            let close = tree.rfind('}').filter(|&c| c > open).unwrap_or(tree.len());
            let inner = &tree[open + 1..close];
            let mut depth = 0;
            let mut last = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&format!("{prefix}{head}"), &inner[last..i], out);
                        last = i + 1;
                    }
                    _ => {}
                }
            }
            if !inner[last..].trim().is_empty() {
                expand(&format!("{prefix}{head}"), &inner[last..], out);
            }
        }
    }
}

/// Resolves a path named in module `here` to the absolute module path it names (`crate`
/// paths and relative ones); `None` for paths into other crates.
fn resolve(here: &[String], path: &str) -> Option<Vec<String>> {
    let mut parts = path.split("::").filter(|p| !p.is_empty());
    let first = parts.next()?;
    let mut abs: Vec<String> = match first {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => here[..here.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    for p in parts {
        if p == "super" {
            abs.pop();
        } else if p != "self" {
            abs.push(p.to_string());
        }
    }
    Some(abs)
}

/// Whether `module` is `prefix` or inside it (`tui::state::card` is inside `tui::state`).
fn inside(module: &[String], prefix: &str) -> bool {
    let p: Vec<&str> = prefix.split("::").collect();
    module.len() >= p.len() && module.iter().zip(&p).all(|(a, b)| a == b)
}

/// The code a rule applies to: comments dropped, and nothing from the first
/// `#[cfg(test)]` on (tests may reach across layers to set things up).
fn production_code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every arrow that points the wrong way, as `(from, to, why)`, from `(path under src, text)`.
fn violations(files: &[(String, String)]) -> BTreeSet<(String, String, String)> {
    let mut found = BTreeSet::new();
    // Arrows between the top-level modules of one floor, to find circles.
    let mut across: BTreeSet<(String, String)> = BTreeSet::new();
    for (rel, text) in files {
        let here = module_of(rel);
        // Whole test files (`tests.rs`, `tests/…`) are tests.
        if here.iter().any(|p| p == "tests") {
            continue;
        }
        let Some(top) = here.first() else { continue };
        for path in paths(&production_code(text)) {
            let Some(to) = resolve(&here, &path) else {
                continue;
            };
            let Some(to_top) = to.first() else { continue };
            if to_top == top {
                // Inside one top-level module: only the named arrows.
                for (from, target, why) in FORBIDDEN {
                    if inside(&here, from) && inside(&to, target) {
                        found.insert((from.to_string(), target.to_string(), why.to_string()));
                    }
                }
                continue;
            }
            across.insert((top.clone(), to_top.clone()));
            if let (Some(a), Some(b)) = (floor(top), floor(to_top))
                && b > a
            {
                found.insert((
                    top.clone(),
                    to_top.clone(),
                    format!("floor {a} must not use floor {b}"),
                ));
            }
            for (from, target, why) in FORBIDDEN {
                if inside(&here, from) && inside(&to, target) {
                    found.insert((from.to_string(), target.to_string(), why.to_string()));
                }
            }
        }
    }
    for (a, b) in &across {
        if a < b && across.contains(&(b.clone(), a.clone())) {
            found.insert((a.clone(), b.clone(), format!("a circle: {b} uses {a} too")));
        }
    }
    found
}

fn read_tree(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_tree(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).expect("under root");
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), std::fs::read_to_string(&p).expect("read")));
        }
    }
}

#[test]
fn layers_point_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_tree(&root.join("src"), root, &mut files);
    assert!(files.len() > 40, "read the source tree");
    // A module on no floor would escape every rule: each one is placed.
    let unplaced: BTreeSet<String> = files
        .iter()
        .filter_map(|(rel, _)| module_of(rel).first().cloned())
        .filter(|top| floor(top).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules on no floor (add them to FLOORS): {unplaced:?}"
    );
    let found = violations(&files);
    let pending: BTreeSet<(String, String)> = PENDING
        .iter()
        .map(|(a, b, _)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = found
        .iter()
        .filter(|(a, b, _)| !pending.contains(&(a.clone(), b.clone())))
        .collect();
    assert!(new.is_empty(), "arrows that point the wrong way: {new:#?}");
    for (a, b, who) in PENDING {
        assert!(
            found.iter().any(|(x, y, _)| x == a && y == b),
            "{a} → {b} no longer happens: delete it from PENDING ({who})"
        );
    }
}

#[test]
fn a_wrong_arrow_is_caught() {
    let f = |path: &str, text: &str| (path.to_string(), text.to_string());
    let broken = [
        f(
            "src/hours/week.rs",
            "use crate::{i18n::Lang, directory::Agency};\n",
        ),
        f(
            "src/referral/slip/mod.rs",
            "fn x() { crate::config::Config::default(); }\n",
        ),
        f("src/tui/state.rs", "use super::view;\n"),
        f("src/tui/state/card.rs", "use super::super::view::card;\n"),
        f("src/search/mod.rs", "use crate::stats::Log;\n"),
        f("src/stats.rs", "pub(crate) use crate::search::Engine;\n"),
    ];
    let found = violations(&broken);
    let arrows: Vec<(&str, &str)> = found
        .iter()
        .map(|(a, b, _)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        arrows,
        [
            ("hours", "directory"),
            ("referral", "config"),
            ("search", "stats"),
            ("tui::state", "tui::view"),
        ]
    );
    // The same arrows, pointing the right way, or only in tests, are fine.
    let fine = [
        f("src/directory/model.rs", "use crate::hours::Hours;\n"),
        f("src/config.rs", "use crate::referral::slip::SlipContext;\n"),
        f("src/tui/view.rs", "use super::state::State;\n"),
        f(
            "src/hours/mod.rs",
            "// crate::directory in a comment\n#[cfg(test)]\nmod t { use crate::directory::Agency; }\n",
        ),
    ];
    assert!(violations(&fine).is_empty(), "{:?}", violations(&fine));
}

//! A printer command for tests, written in Rust so the tests run the same on Linux and Windows
//! (no `cat`, `cp`, `tee`, `false`). The test executable itself is the command: libtest runs
//! only the ignored helper [`print_sink`] when asked by its exact name, and the helper reads what
//! to do from the filter arguments after its name (filters that match no other test).
//!
//! `sink(&[…])` gives the argument list for `[printer] command`:
//! - `copy-stdin OUT` — copies standard input to `OUT`;
//! - `copy-file OUT FILE` — copies `FILE` (the `{file}` placeholder) to `OUT` and writes
//!   `FILE`'s own path to `OUT.path`;
//! - `drain [ARG…]` — reads standard input and succeeds;
//! - `fail MESSAGE` — says `MESSAGE` on standard error and exits non-zero.

#![allow(dead_code)]

use std::io::Read;

const NAME: &str = "sink_support::print_sink";

/// The argument list that runs [`print_sink`] with `args`.
pub fn sink(args: &[&str]) -> Vec<String> {
    let exe = std::env::current_exe().expect("the test executable");
    let mut v = vec![
        exe.display().to_string(),
        "--exact".into(),
        "--ignored".into(),
        "--nocapture".into(),
        "--quiet".into(),
        "--test-threads=1".into(),
        NAME.into(),
    ];
    v.extend(args.iter().map(|a| a.to_string()));
    v
}

/// The same as a TOML array, for a settings file.
pub fn sink_toml(args: &[&str]) -> String {
    let items: Vec<String> = sink(args)
        .iter()
        .map(|a| toml::Value::String(a.clone()).to_string())
        .collect();
    format!("[{}]", items.join(", "))
}

#[test]
#[ignore = "a printer command run by other tests through sink(), not a test itself"]
fn print_sink() {
    let args: Vec<String> = std::env::args().collect();
    let Some(at) = args.iter().position(|a| a == NAME) else {
        panic!("run through sink()");
    };
    let rest = &args[at + 1..];
    match rest
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["copy-stdin", out] => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).expect("stdin");
            std::fs::write(out, bytes).expect("write OUT");
        }
        ["copy-file", out, file] => {
            std::fs::copy(file, out).expect("copy FILE to OUT");
            std::fs::write(format!("{out}.path"), file).expect("write OUT.path");
        }
        ["drain", ..] => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).expect("stdin");
        }
        ["fail", message] => {
            eprintln!("{message}");
            std::process::exit(3);
        }
        other => panic!("sink: unknown arguments {other:?}"),
    }
}

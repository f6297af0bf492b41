//! Nothing about the visitor is ever written: a name typed for a slip and a search query must
//! not be found anywhere under the program's home, config, data, cache, state and temporary
//! directories — also when printing fails and the slip is saved for later.

mod referral_support;
mod sink_support;

use referral_support::*;
use sink_support::sink_toml;
use std::path::Path;

const NAME: &str = "Шевченко Тарас";
const SURNAME: &str = "Шевченко";
const QUERY: &str = "аліменти на дитину квітчастий-запит-7391";

/// Every file under `root`, with its bytes and, for a PDF, its extracted text (the text of a
/// PDF is compressed glyph codes, invisible to a byte search).
fn contents(root: &Path, pdftotext: bool) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("readable").flatten() {
            let p = e.path();
            let ft = e.file_type().expect("file type");
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                let bytes = std::fs::read(&p).expect("readable file");
                if pdftotext && bytes.starts_with(b"%PDF") {
                    out.push((format!("{} (text)", p.display()), pdf_text(&p).into_bytes()));
                }
                out.push((p.display().to_string(), bytes));
            }
        }
    }
    out
}

fn find(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    hay.windows(n.len()).any(|w| w == n)
}

fn assert_absent(sb: &Sandbox, pdftotext: bool) -> Vec<(String, Vec<u8>)> {
    let files = contents(sb.root.path(), pdftotext);
    for (path, bytes) in &files {
        for secret in [NAME, SURNAME, QUERY] {
            assert!(!find(bytes, secret), "«{secret}» was written to {path}");
        }
        // The Windows-1251 form a thermal printer would get.
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(SURNAME);
        assert!(
            !bytes.windows(cp.len()).any(|w| w == &cp[..]),
            "the name in Windows-1251 was written to {path}"
        );
    }
    files
}

#[test]
fn visitor_name_and_queries_are_never_written() {
    let sb = Sandbox::new();
    let pdftotext = have_tool("pdftotext");

    // Searching.
    sb.refdesk().args(["search", QUERY]).output().expect("runs");
    sb.refdesk()
        .args(["search", "--json", QUERY])
        .output()
        .expect("runs");

    // A slip for a named visitor, to standard output: printed, not stored.
    for format in ["text", "pdf", "escpos"] {
        let out = sb
            .refdesk()
            .args([
                "slip", "zt-cop", "-s", "1", "--format", format, "--for", NAME,
            ])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{format}");
        if format == "text" {
            assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("Для: {NAME}")));
        }
    }

    // A visit's plan for a named visitor — three steps, the name once — shown, written to
    // standard output in every format, and read aloud.
    for format in ["text", "pdf", "escpos"] {
        let out = sb
            .refdesk()
            .args([
                "slip", "zt-cop:1", "bd-fund", "--return", "--format", format,
            ])
            .args(["--note", "2=коли отримаєте довідку", "--for", NAME])
            .output()
            .expect("runs");
        assert!(out.status.success(), "plan {format}");
        if format == "text" {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(&format!("Для: {NAME}")) && text.contains("КРОК 3"));
        }
    }

    // Printing through a command that reads the slip on standard input, and one that takes a
    // temporary file (which must be gone afterwards).
    for command in [sink_toml(&["drain"]), sink_toml(&["drain", "{file}"])] {
        sb.write_config(&format!("[printer]\ncommand = {command}\n"));
        let out = sb
            .refdesk()
            .args(["print", "zt-cop", "-s", "1", "--for", NAME])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // A plan printed: one slip for the visit, the name on it, and nothing of it kept.
    sb.write_config(&format!("[printer]\ncommand = {}\n", sink_toml(&["drain"])));
    let out = sb
        .refdesk()
        .args(["print", "zt-cop:1", "bd-fund", "--return", "--for", NAME])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // It was given: its two agencies are counted (anonymously, as the check below shows).
    let log = std::fs::read_to_string(sb.path("data").join("referrals.log")).expect("log");
    assert!(
        log.lines()
            .any(|l| l.contains("\"bd-fund\"") && l.contains("\"step\":2"))
    );

    // Printing that fails: the slip is saved for later, without the name.
    for format in ["text", "pdf"] {
        sb.write_config(&format!(
            "[printer]\ncommand = {}\nformat = \"{format}\"\n",
            sink_toml(&["fail", "немає паперу"])
        ));
        let out = sb
            .refdesk()
            .args(["print", "zt-cop", "-s", "1", "--for", NAME])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "a failed print is an error");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Направлення збережено у файл"), "{err}");
        assert!(err.contains("без імені відвідувача"), "{err}");
    }

    let files = assert_absent(&sb, pdftotext);
    // The fallback really saved the slips where the user will find them — and the search
    // above would have seen the name in them (the address is there, in plain text).
    let saved: Vec<_> = files
        .iter()
        .filter(|(p, _)| p.contains("unprinted") && !p.ends_with("(text)"))
        .collect();
    assert_eq!(
        saved.len(),
        2,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let txt = saved
        .iter()
        .find(|(p, _)| p.ends_with(".txt"))
        .expect("text fallback");
    assert!(txt.0.starts_with(&sb.path("data").display().to_string()));
    assert!(find(&txt.1, "Житомир, вул. Велика Бердичівська, 24"));
}

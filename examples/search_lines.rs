//! Writes a directory as one line per agency holding the text `refdesk search` searches (names,
//! topics, category, locality, district, address, people, phones, descriptions, services), for
//! comparing with `fzf --filter` on the same text:
//!
//! `cargo run --release --example search_lines -- DIR > lines.txt`

use refdesk::directory::{LoadOptions, load_path};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: search_lines DIR")?;
    let dir = load_path(
        std::path::Path::new(&path),
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: refdesk::i18n::Lang::Uk,
        },
    );
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for a in &dir.agencies {
        let mut parts: Vec<&str> = vec![&a.name];
        parts.extend(a.short_name.as_deref());
        parts.extend(a.topics.iter().map(String::as_str));
        parts.push(&a.category);
        parts.extend(a.locality.as_deref());
        parts.extend(a.district.as_deref());
        parts.extend(a.address.as_deref());
        parts.extend(a.head.iter().chain(&a.contacts).map(|p| p.name.as_str()));
        parts.extend(a.phones.iter().map(|p| p.raw.as_str()));
        parts.extend(a.description.as_deref());
        for s in &a.services {
            parts.push(&s.name);
            parts.extend(s.topics.iter().map(String::as_str));
            parts.extend(s.description.as_deref());
        }
        writeln!(out, "{}", parts.join(" | "))?;
    }
    Ok(())
}

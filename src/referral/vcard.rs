//! vCard 3.0 (RFC 2426) of an agency, for the QR code on slips: a visitor scans it and saves
//! the office as a contact with its address, phones and hours.

use super::Card;
use crate::i18n::Lang;

/// The full vCard: name, address, phones, e-mail, website, hours (and break) as a note.
/// Lines end with CRLF as the RFC asks; no line folding, to keep the QR code small (phones
/// read long lines fine).
pub fn vcard(card: &Card) -> String {
    let a = card.agency;
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        // N is required by 3.0; the short name keeps the code small, FN is what phones show.
        format!("N:{};;;;", escape(a.display_name())),
        format!("FN:{}", escape(&a.name)),
    ];
    if let Some(addr) = &a.address {
        // ADR: post office box; extended address; street; locality; region; postcode; country.
        lines.push(format!(
            "ADR;TYPE=WORK:;{};{};{};{};{};{}",
            escape(a.address_note.as_deref().unwrap_or("")),
            escape(addr),
            escape(a.locality.as_deref().unwrap_or("")),
            escape(a.province.as_deref().unwrap_or("")),
            escape(a.postcode.as_deref().unwrap_or("")),
            escape(a.country.as_deref().unwrap_or("Україна")),
        ));
    }
    for p in card.phones() {
        lines.push(format!("TEL;TYPE=WORK,VOICE:{}", tel_value(&p.number)));
    }
    if let Some(e) = &a.email {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(e)));
    }
    if let Some(w) = &a.website {
        lines.push(format!("URL:{}", escape(w)));
    }
    let mut note = format!("Графік: {}", card.hours().display(Lang::Uk));
    if let Some(l) = card.lunch() {
        note.push_str(&format!("; перерва {}", l.display()));
    }
    lines.push(format!("NOTE:{}", escape(&note)));
    lines.push("END:VCARD".to_string());
    let mut s = lines.join("\r\n");
    s.push_str("\r\n");
    s
}

/// A minimal vCard (name and phones only) for a code small enough for a terminal.
pub fn minimal(card: &Card) -> String {
    let a = card.agency;
    let mut s = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:{0};;;;\r\nFN:{0}\r\n",
        escape(a.display_name())
    );
    for p in card.phones() {
        s.push_str(&format!("TEL:{}\r\n", tel_value(&p.number)));
    }
    s.push_str("END:VCARD\r\n");
    s
}

/// A minimal vCard made from a full one ([`vcard`]): the short name (N, also as FN), the
/// address (without its note) and the first phone — what a visitor needs to find and call the office. For a
/// printer that cannot print the full code large enough to scan (ESC/POS on a narrow head);
/// the hours and e-mail are on the slip itself.
pub fn minimal_from(full: &str) -> String {
    let lines: Vec<&str> = full.lines().collect();
    let first = |prefix: &str| lines.iter().find(|l| l.starts_with(prefix)).copied();
    let mut out = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    let short = first("N:")
        .and_then(|n| n.strip_prefix("N:"))
        .map(|n| components(n)[0]);
    match short {
        Some(name) => {
            out.push(format!("N:{name};;;;"));
            out.push(format!("FN:{name}"));
        }
        None => out.extend(first("FN:").map(str::to_string)),
    }
    // The address without its note (the entrance, the queue): that is on the slip.
    out.extend(first("ADR").and_then(|adr| {
        let (name, value) = adr.split_once(':')?;
        let mut parts = components(value);
        if parts.len() > 1 {
            parts[1] = "";
        }
        Some(format!("{name}:{}", parts.join(";")))
    }));
    out.extend(first("TEL").map(str::to_string));
    out.push("END:VCARD".to_string());
    let mut s = out.join("\r\n");
    s.push_str("\r\n");
    s
}

/// The components of a structured value, split at unescaped `;`.
fn components(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            ';' if !escaped => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    out.push(&value[start..]);
    out
}

/// The `tel:` URI of the agency's first phone, for the on-screen QR code (F6).
pub fn tel_uri(card: &Card) -> Option<String> {
    card.phones().first().map(|p| p.number.tel_uri())
}

/// `+380412420510`, or the short number itself (`1545`).
fn tel_value(p: &crate::phone::Phone) -> String {
    p.e164().unwrap_or_else(|| p.digits())
}

/// Text value escaping of RFC 2426 §4: backslash, comma, semicolon, newline.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{LoadOptions, load_texts};

    #[test]
    fn vcard_holds_name_address_phones_and_hours() {
        let d = load_texts(
            &[(
                "a.toml",
                include_str!("../../tests/fixtures/referral/agencies.toml"),
            )],
            &LoadOptions {
                today: jiff::civil::date(2026, 11, 25),
                lang: Lang::Uk,
            },
        );
        let a = d.agency("zt-cop").expect("fixture");
        let card = Card::new(&d, a, Lang::Uk);
        let v = vcard(&card);
        assert!(v.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));
        assert!(v.ends_with("END:VCARD\r\n"));
        assert!(v.contains(
            "\r\nFN:Центр обслуговування платників Головного управління ДПС у Житомирській області\r\n"
        ));
        assert!(v.contains(
            "\r\nADR;TYPE=WORK:;вхід з двору\\, 1 поверх;вул. Велика Бердичівська\\, 24\\, каб. 105;Житомир;;10014;Україна\r\n"
        ));
        for p in card.phones() {
            let want = format!("TEL;TYPE=WORK,VOICE:{}", tel_value(&p.number));
            assert!(v.contains(&want), "{want}");
        }
        let hours = escape(&card.hours().display(Lang::Uk));
        assert!(
            v.contains(&format!("NOTE:Графік: {hours}\\; перерва 13:00–13:45")),
            "{v}"
        );
        assert!(!v.contains("ВНУТРІШНЄ"));
        assert!(minimal(&card).contains("\r\nFN:ЦОП ДПС\\, Житомир\r\n"));
        assert_eq!(tel_uri(&card), Some(card.phones()[0].number.tel_uri()));

        let small = minimal_from(&v);
        assert_eq!(
            small,
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nN:ЦОП ДПС\\, Житомир;;;;\r\n\
                 FN:ЦОП ДПС\\, Житомир\r\n\
                 ADR;TYPE=WORK:;;вул. Велика Бердичівська\\, 24\\, \
                 каб. 105;Житомир;;10014;Україна\r\n\
                 TEL;TYPE=WORK,VOICE:{}\r\nEND:VCARD\r\n",
                tel_value(&card.phones()[0].number)
            )
        );
        assert!(small.len() < v.len() / 2, "{} of {}", small.len(), v.len());
    }

    #[test]
    fn escaping_follows_rfc_2426() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}

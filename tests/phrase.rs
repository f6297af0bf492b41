//! The read-out phrase over the whole demo directory: a golden file of phrases read and
//! checked by hand (`tests/fixtures/phrase/golden.txt`), and properties every agency and
//! service phrase must have.
//!
//! When the phrase builder changes, this test prints each phrase that differs. Read the new
//! phrase aloud as the frontliner would, and only then copy it into the golden file: it is
//! never regenerated wholesale.

use refdesk::directory::{Directory, LoadOptions, Status, load_demo};
use refdesk::i18n::Lang;
use refdesk::referral::Card;
use refdesk::referral::phrase::{phrase, spoken};

fn demo() -> Directory {
    load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    })
}

/// Every phrase of the demo directory: (key, phrase), the key `ID` or `ID #N`.
fn all_phrases(d: &Directory) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in &d.agencies {
        let card = Card::new(d, a, Lang::Uk);
        out.push((a.id.clone(), phrase(&card)));
        for n in 1..=a.services.len() {
            let c = card.with_service(&n.to_string()).expect("numbered service");
            out.push((format!("{} #{n}", a.id), phrase(&c)));
        }
    }
    out
}

fn golden() -> Vec<(String, String)> {
    let text = include_str!("fixtures/phrase/golden.txt");
    let mut out = Vec::new();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    while let Some(head) = lines.next() {
        let key = head.strip_prefix("== ").expect("«== key» line").to_string();
        let phrase = lines.next().expect("a phrase after its key").to_string();
        out.push((key, phrase));
    }
    out
}

#[test]
fn golden_phrases_are_said_exactly_as_written() {
    let d = demo();
    let all = all_phrases(&d);
    let golden = golden();
    assert!(golden.len() >= 60, "{} golden phrases", golden.len());
    assert!(
        golden.iter().any(|(k, _)| k.contains('#')),
        "service phrases too"
    );
    assert!(
        golden.iter().any(|(k, _)| !k.contains('#')),
        "agency phrases too"
    );
    let mut wrong = Vec::new();
    for (key, want) in &golden {
        let got = all.iter().find(|(k, _)| k == key).map(|(_, p)| p.as_str());
        if got != Some(want.as_str()) {
            wrong.push(format!(
                "== {key}\nwant: {want}\ngot:  {}",
                got.unwrap_or("(no such agency or service)")
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} phrases differ:\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

/// A word said twice in a row («реєстратура; реєстратура», «цілодобово. Графік роботи:
/// цілодобово» is caught by the schedule check). Two items of a list may share a word across
/// a comma («пенсійне посвідчення, посвідчення багатодітної сім’ї»): that is not a repeat.
fn repeated_word(text: &str) -> Option<String> {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let core = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    ws.windows(2).find_map(|pair| {
        let (a, b) = (core(pair[0]), core(pair[1]));
        (a == b && a.chars().any(char::is_alphabetic) && !pair[0].ends_with(',')).then_some(a)
    })
}

/// The phrase's sentences: split after «. » before a capital letter.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        if text[i + 2..].chars().next().is_some_and(char::is_uppercase) {
            out.push(&text[start..=i]);
            start = i + 2;
        }
    }
    out.push(&text[start..]);
    out
}

fn has_numeric_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b'.'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
            && w[5] == b'.'
            && w[6..].iter().all(u8::is_ascii_digit)
    })
}

#[test]
fn every_demo_phrase_can_be_read_aloud() {
    let d = demo();
    let all = all_phrases(&d);
    assert!(all.len() >= 150, "{} phrases", all.len());
    let mut problems = Vec::new();
    for (key, p) in &all {
        let mut bad = |what: &str| problems.push(format!("{key}: {what}\n  {p}"));
        if p.contains("http") || p.contains("www.") {
            bad("a web address");
        }
        if p.contains("+380") {
            bad("«+380»");
        }
        if has_numeric_date(p) {
            bad("a date in digits");
        }
        for prep in ["в", "у"] {
            for noun in ["кабінет", "поверх", "вікно", "корпус"] {
                let pat = format!(" {prep} {noun} ");
                if p.match_indices(&pat)
                    .any(|(i, _)| p[i + pat.len()..].starts_with(|c: char| c.is_ascii_digit()))
                {
                    bad(&format!("«{prep} {noun} N» in the nominative"));
                }
            }
        }
        if let Some(w) = repeated_word(p) {
            bad(&format!("«{w}» twice in a row"));
        }
        if p.contains("цілодобово)") && p.contains("Графік роботи: цілодобово")
        {
            bad("«цілодобово» said twice");
        }
        for s in sentences(p) {
            // Times («10:00») are not colons of the sentence.
            if s.matches(": ").count() > 1 {
                bad(&format!("a chain of colons in «{s}»"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_head_is_named_and_a_closed_agency_is_never_sent_to() {
    let d = demo();
    let mut closed = 0;
    for a in &d.agencies {
        let card = Card::new(&d, a, Lang::Uk);
        let p = phrase(&card);
        let dest = card.destination();
        if let Some(h) = &dest.agency.head {
            let surname = h.name.split_whitespace().next().unwrap_or_default();
            assert!(
                p.contains(surname),
                "{}: head «{surname}» not named:\n{p}",
                a.id
            );
        }
        if a.status == Status::Closed {
            closed += 1;
            let own = card.address().map(|s| spoken(&s)).unwrap_or_default();
            let street = own.split(", ").nth(1).unwrap_or(&own);
            assert!(
                !p.contains(street),
                "{}: own address «{street}» in\n{p}",
                a.id
            );
            assert!(
                card.successor.is_some(),
                "{}: a demo closed agency names a successor",
                a.id
            );
        }
    }
    assert!(closed >= 1, "the demo directory has a closed agency");
}

#[test]
fn validate_warns_of_english_words_and_a_closed_agency_without_successor() {
    let toml = r#"
[[agency]]
id = "old"
name = "Відділ обслуговування громадян"
category = "pension"
locality = "Житомир"
address = "вул. Лесі Українки, 12"
phones = ["+380 412 43 40 20"]
hours = "Пн-Пт 09:00-18:00"
hours_note = "поліклініка — за розкладом прийому (reception)"
head = { name = "Юрченко Галина Василівна" }
verified = 2026-03-05
status = "closed"

[[agency]]
id = "moved"
name = "Відділ обслуговування громадян № 2"
category = "pension"
locality = "Житомир"
address = "вул. Лесі Українки, 14"
phones = ["+380 412 43 40 21"]
hours = "Пн-Пт 09:00-18:00"
head = { name = "Юрченко Галина Василівна" }
verified = 2026-03-05
status = "closed"
successor = "nowhere"
"#;
    let d = refdesk::directory::load_texts(
        &[("t.toml", toml)],
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        },
    );
    let codes: Vec<(&str, Option<&str>, &str)> = d
        .diagnostics
        .iter()
        .map(|x| (x.code, x.agency.as_deref(), x.message.as_str()))
        .collect();
    let has = |code: &str, id: &str, text: &str| {
        codes
            .iter()
            .any(|(c, a, m)| *c == code && *a == Some(id) && m.contains(text))
    };
    assert!(
        has("english-word", "old", "\"reception\" (hours_note)"),
        "{codes:?}"
    );
    assert!(has("successor", "old", "\"successor\""), "{codes:?}");
    assert!(has("successor", "moved", "\"nowhere\""), "{codes:?}");
    assert!(!has("english-word", "moved", ""), "{codes:?}");
    // Without a successor, the phrase says the agency is closed and gives no address.
    let card = Card::new(&d, d.agency("old").unwrap(), Lang::Uk);
    let p = phrase(&card);
    assert!(p.starts_with("Увага: ця установа закрита."), "{p}");
    assert!(!p.contains("Лесі Українки"), "{p}");
}

//! The fuzzers that found issue 10's faults, kept as property tests so the next regression is
//! caught by `cargo test`: the directory loader, the settings file and the screen's keys.
//! The default budget is small (`PROPTEST_CASES=5000 cargo test --test fuzz` for a long run).

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use refdesk::config::Config;
use refdesk::directory::{LoadOptions, load_texts};
use refdesk::i18n::Lang;

/// `cases` by default; `PROPTEST_CASES` in the environment for a longer run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// --- the loader -----------------------------------------------------------------------------

/// Lines a directory file is made of, good and broken, and some raw noise.
fn directory_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[[agency]]".to_string()),
        Just("[[agency.service]]".to_string()),
        Just("[[category]]".to_string()),
        Just("id = \"a\"".to_string()),
        Just("id = \"b-1\"".to_string()),
        Just("name = \"Центр надання адміністративних послуг\"".to_string()),
        Just("category = \"tax\"".to_string()),
        Just("category = \"taxx\"".to_string()),
        Just("locality = \"Житомир\"".to_string()),
        Just("address = \"вул. Київська, 1\"".to_string()),
        Just("phones = [\"+380 412 42 05 10\"]".to_string()),
        Just("phones = [\"12\"]".to_string()),
        Just("hours = \"Пн-Пт 09:00-18:00\"".to_string()),
        Just("hours = \"Пн-Пт 25:00-18:00\"".to_string()),
        Just("reception = \"Вт,Чт 09:00-12:00\"".to_string()),
        Just("lunch = \"13:00-13:45\"".to_string()),
        Just("verified = 2026-10-01".to_string()),
        Just("verified = 2099-10-01".to_string()),
        Just("remote = true".to_string()),
        Just("documents = [\"паспорт\"]".to_string()),
        Just("name = \"\"\"".to_string()),
        Just("alert = \"\\u001b]52;c;eA==\\u0007\"".to_string()),
        Just("head = { name = \"Коваленко Ірина\" }".to_string()),
        "[ -~а-яіїєґ\\[\\]\"=.{},#]{0,40}",
    ]
}

proptest! {
    #![proptest_config(config(64))]

    /// Any text loads without a panic; every problem points at a line of the file, and every
    /// loaded agency has an id.
    #[test]
    fn the_loader_takes_any_text(lines in prop::collection::vec(directory_line(), 0..40)) {
        let text = lines.join("\n");
        let opts = LoadOptions { today: jiff::civil::date(2026, 11, 25), lang: Lang::Uk };
        let dir = load_texts(&[("f.toml", &text)], &opts);
        let last = text.lines().count().max(1) + 1;
        for d in &dir.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= last, "{} of {last} lines", d.render(Lang::En));
            prop_assert!(d.column >= 1);
        }
        for a in &dir.agencies {
            prop_assert!(!a.id.is_empty());
        }
    }
}

// --- the settings file ----------------------------------------------------------------------

/// A line that is broken in one of the ways found (or just unknown).
fn junk_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"phone = \"\xff\"".to_vec()),
        Just(b"# \x01 note".to_vec()),
        Just(b"\"\"\"".to_vec()),
        Just(b"width = \"wide\"".to_vec()),
        Just(b"colour = 1".to_vec()),
        Just(b"command = [".to_vec()),
        Just(b"x = '''".to_vec()),
        Just(format!("{} = 1", vec!["a"; 300].join(".")).into_bytes()),
        "[a-z =\"'\\[\\]{}#.]{1,20}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 1..20),
    ]
    .prop_filter("not a good line or a table header", |l| {
        let s = String::from_utf8_lossy(l);
        let t = s.trim_start();
        !t.starts_with('[')
            && !t.is_empty()
            && !s.contains('\n')
            && toml::from_str::<Config>(&s).is_err()
    })
}

proptest! {
    #![proptest_config(config(128))]

    /// Junk lines anywhere among good settings cost only themselves: every good setting is
    /// kept, and every problem is reported on a junk line.
    #[test]
    fn the_settings_keep_every_good_line(
        junk in prop::collection::vec((0usize..8, junk_line()), 0..12),
    ) {
        let good: [&[u8]; 7] = [
            b"home_locality = \"\xd0\x96\"",
            b"[office]",
            b"name = \"Office\"",
            b"phone = \"+380 412 00 00 00\"",
            b"[printer]",
            b"name = \"front-desk\"",
            b"width = 42",
        ];
        let mut lines: Vec<(bool, Vec<u8>)> = Vec::new();
        for (i, g) in good.iter().enumerate() {
            for (at, j) in &junk {
                // Junk in front of a header belongs to the table above it: still junk.
                if *at == i {
                    lines.push((true, j.clone()));
                }
            }
            lines.push((false, g.to_vec()));
        }
        for (at, j) in &junk {
            if *at >= good.len() {
                lines.push((true, j.clone()));
            }
        }
        let text = lines.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>().join(&b'\n');
        let (c, err) = Config::parse_bytes("r.toml", &text);
        prop_assert_eq!(c.home_locality.as_deref(), Some("Ж"));
        prop_assert_eq!(c.office.name.as_deref(), Some("Office"));
        prop_assert_eq!(c.office.phone.as_deref(), Some("+380 412 00 00 00"));
        prop_assert_eq!(c.printer.name.as_deref(), Some("front-desk"));
        prop_assert_eq!(c.printer.width, Some(42));
        prop_assert_eq!(err.is_some(), !junk.is_empty());
        if let Some(e) = err {
            prop_assert!(lines[e.first.line - 1].0, "reported at a good line: {:?}", e);
        }
    }
}

// --- the screen -----------------------------------------------------------------------------

fn key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => prop::sample::select(vec!['д', 'о', 'в', 'і', 'к', ' ', 'l', 'j', '[', '1', '\u{1b}', '\u{202E}']).prop_map(KeyCode::Char),
        1 => (1u8..13).prop_filter("F10 quits", |f| *f != 10).prop_map(KeyCode::F),
        2 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up,
            KeyCode::Down, KeyCode::PageDown, KeyCode::Home, KeyCode::End, KeyCode::Backspace,
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
    ]);
    (code, mods).prop_map(|(c, m)| KeyEvent::new(c, m))
}

proptest! {
    #![proptest_config(config(24))]

    /// Any key sequence: no panic, and no control character or bidi override on the screen.
    #[test]
    fn the_screen_takes_any_keys(keys in prop::collection::vec(key(), 0..60), wide in any::<bool>()) {
        let (w, h) = if wide { (120, 40) } else { (50, 12) };
        let mut harness = tui_support::harness(w, h);
        for k in keys {
            harness.key(k);
        }
        let screen = harness.screen();
        prop_assert!(
            !screen.chars().any(|c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c)),
            "{}", screen
        );
    }
}

// --- the statistics log ---------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Any bytes read as a log: no panic, and every line is a record, damaged, or blank.
    #[test]
    fn the_statistics_log_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let c = refdesk::stats::parse_log(&bytes);
        let lines = bytes.split(|&b| b == b'\n').count();
        prop_assert!(c.records.len() + c.damaged.len() <= lines);
    }
}

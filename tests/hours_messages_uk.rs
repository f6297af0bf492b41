//! The loader shows hours and phone errors in the UI language: Ukrainian by
//! default, English with `--lang en`.

use refdesk::directory::{LoadOptions, load_texts};
use refdesk::i18n::Lang;

const AGENCY: &str = r#"
[[agency]]
id = "bad"
name = "Відділ тестування"
name_genitive = "Відділу тестування"
gender = "m"
category = "other"
locality = "Житомир"
address = "вул. Тестова, 2"
phones = ["+380 44 12", "044 ABC 45 67"]
hours = "Пон-Чт 09:00-18:00"
lunch = "13-14"
head = { name = "Тестенко Іван Петрович" }
verified = 2026-10-01
"#;

fn messages(lang: Lang, code: &str) -> Vec<String> {
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang,
    };
    let dir = load_texts(&[("bad.toml", AGENCY)], &opts);
    dir.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn hours_errors_are_in_ukrainian() {
    assert_eq!(
        messages(Lang::Uk, "invalid-hours"),
        [
            "поле \"hours\" не розпізнано: невідомий день \"Пон\" — пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su",
            "поле \"lunch\" не розпізнано: час без хвилин — пишіть 13:00, а не 13",
        ]
    );
}

#[test]
fn hours_errors_are_in_english_with_lang_en() {
    assert_eq!(
        messages(Lang::En, "invalid-hours"),
        [
            "cannot read \"hours\": unknown day \"Пон\" — use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su",
            "cannot read \"lunch\": time \"13\" needs minutes — write times as HH:MM, e.g. 13:00-13:45",
        ]
    );
}

#[test]
fn phone_errors_are_in_ukrainian() {
    let m = messages(Lang::Uk, "invalid-phone");
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(
        m[0].starts_with(
            "поле \"phones\": \"+380 44 12\" не є правильним номером телефону (замало цифр: "
        ),
        "{}",
        m[0]
    );
    assert!(
        m[1].starts_with("поле \"phones\": у \"044 ABC 45 67\" є літери"),
        "{}",
        m[1]
    );
}

#[test]
fn phone_errors_are_in_english_with_lang_en() {
    let m = messages(Lang::En, "invalid-phone");
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(
        m[0].starts_with(
            "field \"phones\": \"+380 44 12\" is not a valid phone number (too few digits: "
        ),
        "{}",
        m[0]
    );
    assert!(m[1].contains("contains letters"), "{}", m[1]);
}

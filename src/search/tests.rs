//! Engine behaviour on a small hand-written directory. The relevance suite on the demo
//! directory is `tests/search_relevance.rs`.

use super::*;
use crate::directory::{LoadOptions, load_texts};
use crate::i18n::Lang;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

const DIR: &str = r#"
[[agency]]
id = "dps-cop"
name = "Центр обслуговування платників ГУ ДПС у Житомирській області"
short_name = "ЦОП ДПС"
category = "tax"
topics = ["податковий номер", "РНОКПП"]
locality = "Житомир"
address = "вул. Об’їзна, 7"
phones = ["+380 412 42 05 10"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01
head = { name = "Коваленко Ірина Петрівна" }

[[agency.service]]
name = "Видача відомостей про суми виплачених доходів (довідка про доходи)"
topics = ["довідка про доходи", "ОК-5"]
documents = ["паспорт"]

[[agency.service]]
name = "Реєстрація платника податків"
documents = ["паспорт"]

[[agency]]
id = "cnap-zhytomyr"
name = "Центр надання адміністративних послуг Житомирської міської ради"
short_name = "ЦНАП Житомир"
category = "administrative-services"
locality = "Житомир"
address = "майдан Корольова, 4/2"
phones = ["+380 412 48 12 00"]
hours = "Пн-Пт 08:00-17:00"
verified = 2026-10-01
head = { name = "Мельник Олег Іванович" }

[[agency.service]]
name = "Оформлення паспорта громадянина України"
topics = ["паспорт", "ID-картка", "втрата паспорта"]
documents = ["фото"]

[[agency]]
id = "cnap-berdychiv"
name = "Центр надання адміністративних послуг Бердичівської міської ради"
short_name = "ЦНАП Бердичів"
category = "administrative-services"
locality = "Бердичів"
address = "вул. Європейська, 29"
phones = ["+380 4143 2 10 10"]
hours = "Пн-Пт 08:00-17:00"
verified = 2026-10-01
head = { name = "Шевчук Анна Олегівна" }

[[agency.service]]
name = "Оформлення паспорта громадянина України"
topics = ["паспорт"]
documents = ["фото"]

[[agency]]
id = "upszn-old"
name = "Управління соціального захисту населення (старе приміщення)"
category = "social-protection"
locality = "Житомир"
address = "вул. Стара, 1"
phones = ["+380 412 40 00 00"]
hours = "Пн-Пт 08:00-17:00"
verified = 2026-10-01
status = "closed"
topics = ["субсидія"]
head = { name = "Петренко Петро" }

[[agency]]
id = "upszn"
name = "Управління соціального захисту населення Житомирської міської ради"
short_name = "УСЗН Житомир"
category = "social-protection"
locality = "Житомир"
address = "вул. Нова, 2"
phones = ["+380 412 40 11 11"]
hours = "Пн-Пт 08:00-17:00"
verified = 2026-10-01
topics = ["субсидія", "пільги", "пенсійний вік"]
head = { name = "Бондар Оксана Ігорівна" }

[[agency.service]]
name = "Відновлення документів після звільнення з місць позбавлення волі"
topics = ["тюрма", "звільнення"]
documents = ["довідка про звільнення"]

[[agency]]
id = "employment-berdychiv"
name = "Бердичівська філія обласного центру зайнятості"
category = "employment"
locality = "Бердичів"
address = "вул. Житомирська, 5"
phones = ["+380 4143 2 20 20"]
hours = "Пн-Пт 08:00-17:00"
verified = 2026-10-01
status = "temporarily-closed"
topics = ["безробіття", "статус безробітного"]
head = { name = "Ткаченко Ніна" }

[[agency.service]]
name = "Реєстрація безробітних"
topics = ["стати на облік", "паспорт для реєстрації"]
documents = ["паспорт"]
"#;

fn engine() -> Engine {
    let dir = load_texts(
        &[("t.toml", DIR)],
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        },
    );
    assert_eq!(dir.error_count(), 0, "{:?}", dir.diagnostics);
    Engine::new(Arc::new(dir))
}

fn ids(e: &mut Engine, q: &str) -> Vec<String> {
    let r = e.search(q, &SearchOptions::default());
    r.hits
        .iter()
        .map(|h| e.directory().agencies[h.agency].id.clone())
        .collect()
}

fn top(e: &mut Engine, q: &str) -> Option<String> {
    ids(e, q).into_iter().next()
}

#[test]
fn plain_query_finds_the_service_and_names_it() {
    let mut e = engine();
    let r = e.search("довідка про доходи", &SearchOptions::default());
    let h = &r.hits[0];
    let a = &e.directory().agencies[h.agency];
    assert_eq!(a.id, "dps-cop");
    assert_eq!(h.service, Some(0));
    assert_eq!(r.reading, Reading::AsTyped);
    assert_eq!(h.tier, Some(Tier::Exact));
}

#[test]
fn capitals_and_apostrophes_do_not_matter() {
    let mut e = engine();
    for q in ["ДОВІДКА", "обїзна", "об'їзна", "Об’їзна", "ОБʼЇЗНА"]
    {
        assert_eq!(top(&mut e, q).as_deref(), Some("dps-cop"), "{q}");
    }
}

#[test]
fn words_match_in_any_order_across_agency_and_service() {
    let mut e = engine();
    // «ЦОП» is in the agency's short name, «доходи» in a service.
    assert_eq!(top(&mut e, "доходи цоп").as_deref(), Some("dps-cop"));
    // No agency has both: what is found covers part of the need, and says which word it left
    // out.
    let r = e.search("доходи безробітних", &SearchOptions::default());
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| r.unused(h).len() == 1), "{r:?}");
}

#[test]
fn wrong_layout_is_read_and_reported() {
    let mut e = engine();
    let r = e.search("ljdslrf ghj lj[jlb", &SearchOptions::default());
    assert_eq!(
        r.reading,
        Reading::Layout {
            text: "довідка про доходи".into()
        }
    );
    assert_eq!(e.directory().agencies[r.hits[0].agency].id, "dps-cop");
}

#[test]
fn russian_layout_keys_are_read() {
    let mut e = engine();
    let r = e.search("довыдка", &SearchOptions::default());
    assert_eq!(r.reading.text(), Some("довідка"));
    assert_eq!(e.directory().agencies[r.hits[0].agency].id, "dps-cop");
}

#[test]
fn transliteration_is_read_and_reported() {
    let mut e = engine();
    let r = e.search("dovidka pro dokhody", &SearchOptions::default());
    assert_eq!(
        r.reading,
        Reading::Translit {
            text: "довідка про доходи".into()
        }
    );
    assert_eq!(e.directory().agencies[r.hits[0].agency].id, "dps-cop");
}

#[test]
fn word_forms_typos_and_russian_spelling() {
    let mut e = engine();
    assert_eq!(top(&mut e, "відновити документи").as_deref(), Some("upszn"));
    assert_eq!(top(&mut e, "після тюрми").as_deref(), Some("upszn"));
    assert_eq!(
        top(&mut e, "довітка про доходи").as_deref(),
        Some("dps-cop")
    );
    assert_eq!(top(&mut e, "субсидия").as_deref(), Some("upszn"));
    assert_eq!(top(&mut e, "пенсийний").as_deref(), Some("upszn"));
}

#[test]
fn exact_matches_rank_above_typo_matches() {
    let mut e = engine();
    let r = e.search("паспорта", &SearchOptions::default());
    let tiers: Vec<_> = r.hits.iter().map(|h| h.tier).collect();
    let mut sorted = tiers.clone();
    sorted.sort();
    assert_eq!(tiers[0], Some(Tier::Exact));
    // The temporarily closed agency aside, better tiers come first.
    let open: Vec<_> = r
        .hits
        .iter()
        .filter(|h| !h.temporarily_closed)
        .map(|h| h.score)
        .collect();
    assert!(open.windows(2).all(|w| w[0] >= w[1]), "{open:?}");
}

#[test]
fn a_locality_word_narrows_to_that_locality() {
    let mut e = engine();
    assert_eq!(ids(&mut e, "ЦНАП Бердичів"), ["cnap-berdychiv"]);
    assert_eq!(ids(&mut e, "цнап житомир"), ["cnap-zhytomyr"]);
    // The street «вул. Житомирська» in Бердичів does not make it a Житомир agency.
    assert!(!ids(&mut e, "житомир").contains(&"employment-berdychiv".to_string()));
}

#[test]
fn near_ranks_its_locality_first_among_equals() {
    let mut e = engine();
    let mut opts = SearchOptions {
        near: Some("Бердичів".into()),
        ..Default::default()
    };
    let r = e.search("оформлення паспорта", &opts);
    assert_eq!(
        e.directory().agencies[r.hits[0].agency].id,
        "cnap-berdychiv"
    );
    opts.near = Some("Житомир".into());
    let r = e.search("оформлення паспорта", &opts);
    assert_eq!(e.directory().agencies[r.hits[0].agency].id, "cnap-zhytomyr");
}

#[test]
fn closed_never_and_temporarily_closed_last_and_marked() {
    let mut e = engine();
    let all = e.search("", &SearchOptions::default());
    let dir = e.directory().clone();
    assert!(
        all.hits
            .iter()
            .all(|h| dir.agencies[h.agency].id != "upszn-old")
    );
    assert_eq!(all.total, 5);
    let last = all.hits.last().unwrap();
    assert_eq!(dir.agencies[last.agency].id, "employment-berdychiv");
    assert!(last.temporarily_closed);
    // «паспорт» matches the employment centre's service too, but it goes last.
    let r = e.search("паспорт", &SearchOptions::default());
    assert!(r.hits.last().unwrap().temporarily_closed);
    assert!(
        r.hits[..r.hits.len() - 1]
            .iter()
            .all(|h| !h.temporarily_closed)
    );
    assert!(!ids(&mut e, "субсидія").contains(&"upszn-old".to_string()));
}

#[test]
fn person_phone_and_address() {
    let mut e = engine();
    assert_eq!(top(&mut e, "Коваленко").as_deref(), Some("dps-cop"));
    assert_eq!(top(&mut e, "42-05-10").as_deref(), Some("dps-cop"));
    assert_eq!(top(&mut e, "0412420510").as_deref(), Some("dps-cop"));
    assert_eq!(top(&mut e, "корольова").as_deref(), Some("cnap-zhytomyr"));
}

#[test]
fn limit_and_total() {
    let mut e = engine();
    let r = e.search(
        "паспорт",
        &SearchOptions {
            limit: 1,
            ..Default::default()
        },
    );
    assert_eq!(r.hits.len(), 1);
    assert!(r.total >= 3, "{}", r.total);
}

#[test]
fn filters_by_category_and_locality() {
    let mut e = engine();
    let only = |cat: Option<&str>, loc: Option<&str>| SearchOptions {
        category: cat.map(str::to_string),
        locality: loc.map(str::to_string),
        ..Default::default()
    };
    let r = e.search("паспорт", &only(Some("administrative-services"), None));
    assert_eq!(r.total, 2);
    let r = e.search("паспорт", &only(None, Some("Бердичів")));
    assert!(
        r.hits
            .iter()
            .all(|h| e.directory().agencies[h.agency].locality.as_deref() == Some("Бердичів"))
    );
    assert_eq!(r.total, 2);
}

#[test]
fn cancelled_search_returns_none() {
    let mut e = engine();
    let g = AtomicU64::new(5);
    assert!(
        e.search_cancellable("паспорт", &SearchOptions::default(), &g, 4)
            .is_none()
    );
    assert!(
        e.search_cancellable("паспорт", &SearchOptions::default(), &g, 5)
            .is_some()
    );
}

#[test]
fn repeated_query_gives_the_same_results() {
    let mut e = engine();
    let a = e.search("довідка", &SearchOptions::default());
    let _ = e.search("довідка про", &SearchOptions::default());
    let b = e.search("довідка", &SearchOptions::default());
    assert_eq!(a, b);
}

#[test]
fn highlight_indices_point_into_the_displayed_text() {
    let e = engine();
    let text = "вул. Об’їзна, 7";
    let idx = e.match_indices(text, "обїзна");
    let chars: Vec<char> = text.chars().collect();
    let got: String = idx.iter().map(|&i| chars[i]).collect();
    assert_eq!(got, "Обїзна");
    let idx = e.match_indices("Довідка про доходи", "довід дох");
    assert_eq!(idx, [0, 1, 2, 3, 4, 12, 13, 14]);
    // Wrong layout highlights what was meant.
    let idx = e.match_indices("Довідка", "ljdslrf");
    assert_eq!(idx, [0, 1, 2, 3, 4, 5, 6]);
    assert!(e.match_indices("Довідка", "паспорт").is_empty());
}

#[test]
fn typing_letter_by_letter_gives_the_same_results_as_fresh_searches() {
    // Narrowing from the previous hits must never lose a hit: compare with a fresh engine.
    let dir = Arc::new(crate::directory::load_demo(&LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    }));
    let mut typing = Engine::new(dir.clone());
    let opts = SearchOptions::default();
    for query in [
        "довідка про доходи",
        "довітка про доходи",
        "субсидия бердичів",
        "стати на облік як безробітний",
        "пенсыя",
        "0 800 503 753",
        "житомирська область",
    ] {
        let chars: Vec<char> = query.chars().collect();
        for k in 1..=chars.len() {
            let q: String = chars[..k].iter().collect();
            let got = typing.search(&q, &opts);
            let want = Engine::new(dir.clone()).search(&q, &opts);
            assert_eq!(got, want, "after typing {q:?}");
        }
    }
}

//! Coverage: a town in the query or the town filter never hides an agency that serves the
//! town from elsewhere (the whole country, its oblast, or the town by name), and keeps hiding
//! the other towns' and oblasts' agencies.

use super::*;
use crate::directory::{LoadOptions, load_texts};
use crate::i18n::Lang;
use std::sync::Arc;

/// One agency; `extra` goes after `category`.
fn agency(id: &str, name: &str, category: &str, locality: &str, extra: &str) -> String {
    format!(
        r#"
[[agency]]
id = "{id}"
name = "{name}"
category = "{category}"
{extra}
locality = "{locality}"
address = "вул. Центральна, 1"
phones = ["+380 412 42 05 10"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01
head = {{ name = "Коваленко Ірина Петрівна" }}
"#
    )
}

fn engine() -> Engine {
    let zhytomyr = [
        "[directory]\nprovince = \"Житомирська область\"\n".to_string(),
        agency(
            "zt-archive",
            "Державний архів Житомирської області",
            "other",
            "Житомир",
            r#"serves = "oblast""#,
        ),
        agency(
            "zt-cnap",
            "Центр надання адміністративних послуг Житомирської міської ради",
            "administrative-services",
            "Житомир",
            "",
        ),
        agency(
            "brd-cnap",
            "Центр надання адміністративних послуг Бердичівської міської ради",
            "administrative-services",
            "Бердичів",
            "",
        ),
        agency(
            "brd-sud",
            "Бердичівський міськрайонний суд",
            "courts",
            "Бердичів",
            r#"serves = ["Бердичів", "с. Семенівка"]"#,
        ),
    ]
    .concat();
    let kyiv = [
        agency(
            "kv-archive",
            "Державний архів Київської області",
            "other",
            "Київ",
            "serves = \"oblast\"\nprovince = \"Київська область\"",
        ),
        agency(
            "bc-cnap",
            "Центр надання адміністративних послуг Білоцерківської міської ради",
            "administrative-services",
            "Біла Церква",
            "province = \"Київська область\"",
        ),
    ]
    .concat();
    let line = agency(
        "ua-line",
        "Урядова контактна лінія",
        "other",
        "Київ",
        "remote = true",
    );
    let dir = load_texts(
        &[
            ("zhytomyr.toml", &zhytomyr),
            ("kyiv.toml", &kyiv),
            ("line.toml", &line),
        ],
        &LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        },
    );
    assert_eq!(dir.error_count(), 0, "{:#?}", dir.diagnostics);
    Engine::new(Arc::new(dir))
}

fn ids(e: &mut Engine, q: &str, locality: Option<&str>) -> Vec<String> {
    let o = SearchOptions {
        locality: locality.map(str::to_string),
        ..Default::default()
    };
    let r = e.search(q, &o);
    r.hits
        .iter()
        .map(|h| e.directory().agencies[h.agency].id.clone())
        .collect()
}

#[test]
fn a_town_in_the_query_keeps_the_oblast_office_of_its_oblast_only() {
    let mut e = engine();
    for q in ["Бердичів архів", "архів у Бердичеві", "архів з Бердичева"]
    {
        let got = ids(&mut e, q, None);
        assert_eq!(got.first().map(String::as_str), Some("zt-archive"), "{q}");
        assert!(!got.contains(&"kv-archive".to_string()), "{q}: {got:?}");
    }
    let got = ids(&mut e, "Біла Церква архів", None);
    assert_eq!(got.first().map(String::as_str), Some("kv-archive"));
    assert!(!got.contains(&"zt-archive".to_string()), "{got:?}");
}

#[test]
fn the_town_filter_keeps_the_agencies_serving_the_town() {
    let mut e = engine();
    let mut got = ids(&mut e, "", Some("Бердичів"));
    got.sort();
    assert_eq!(got, ["brd-cnap", "brd-sud", "ua-line", "zt-archive"]);
    assert_eq!(ids(&mut e, "архів", Some("Бердичів")), ["zt-archive"]);
    let mut got = ids(&mut e, "", Some("Біла Церква"));
    got.sort();
    assert_eq!(got, ["bc-cnap", "kv-archive", "ua-line"]);
    // The oblast's own town too.
    assert!(ids(&mut e, "архів", Some("Житомир")).contains(&"zt-archive".to_string()));
}

#[test]
fn the_town_own_agencies_rank_before_those_serving_it_from_elsewhere() {
    let mut e = engine();
    let got = ids(&mut e, "Бердичів центр", None);
    let own = got.iter().position(|id| id == "brd-cnap").unwrap();
    let oblast = got.iter().position(|id| id == "zt-archive");
    assert!(oblast.is_none_or(|o| own < o), "{got:?}");
    assert!(!got.contains(&"zt-cnap".to_string()), "{got:?}");
}

#[test]
fn a_locality_named_in_serves_finds_the_agency_in_the_query_and_the_filter() {
    let mut e = engine();
    assert_eq!(ids(&mut e, "Семенівка суд", None), ["brd-sud"]);
    let mut got = ids(&mut e, "", Some("с. Семенівка"));
    got.sort();
    assert_eq!(got, ["brd-sud", "ua-line", "zt-archive"]);
    assert!(!ids(&mut e, "", Some("Житомир")).contains(&"brd-sud".to_string()));
}

#[test]
fn explain_says_the_town_is_served_from_elsewhere() {
    let mut e = engine();
    let o = SearchOptions::default();
    let r = e.search("Бердичів архів", &o);
    let how = e.explain("Бердичів архів", &r, &r.hits[0]);
    assert_eq!(how[0].word, "бердичів");
    assert_eq!(how[0].how, "area", "{how:?}");
    let r = e.search("Бердичів лінія", &o);
    let how = e.explain("Бердичів лінія", &r, &r.hits[0]);
    assert_eq!(how[0].how, "nationwide", "{how:?}");
}

//! Issue 10, item 7: a service at any index the loader accepts can be found.

use refdesk::directory::{LoadOptions, load_texts};
use refdesk::i18n::Lang;
use refdesk::search::{Engine, SearchOptions};
use std::sync::Arc;

const AGENCY: &str = r#"
[[agency]]
id = "archive"
name = "Державний архів Житомирської області"
category = "administrative-services"
locality = "Житомир"
address = "вул. Київська, 1"
phones = ["+380 412 00 00 00"]
hours = "Пн-Пт 09:00-18:00"
verified = 2026-10-01

[[agency.service]]
name = "Консультація"
documents = ["паспорт"]
"#;

#[test]
fn a_service_past_index_65535_is_found() {
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: Lang::Uk,
    };
    let mut dir = load_texts(&[("a.toml", AGENCY)], &opts);
    let services = &mut dir.agencies[0].services;
    let plain = services[0].clone();
    services.resize(70_000, plain);
    services[66_000].name = "Видача архівної довідки про стаж".to_string();
    let mut engine = Engine::new(Arc::new(dir));
    let r = engine.search("архівна довідка про стаж", &SearchOptions::default());
    let hit = r.hits.first().expect("the agency is found");
    assert_eq!(hit.service, Some(66_000), "the matching service is named");
}

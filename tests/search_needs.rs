//! The second relevance suite: needs as visitors say them (`tests/fixtures/search/needs.toml`),
//! written from the visitor's side of the desk before the engine was tuned. Prints top-1,
//! top-3 and precision per kind; fails below 90 % top-3 overall.
//! `cargo test --test search_needs -- --nocapture` shows the table.

mod relevance_support;

const KINDS: &[&str] = &[
    "colloquial",
    "filler",
    "russian",
    "surzhyk",
    "place",
    "abbreviation",
    "legal-lay",
];

#[test]
fn needs_as_visitors_say_them_top3_at_least_90_percent() {
    let rate = relevance_support::run(include_str!("fixtures/search/needs.toml"), KINDS, 150);
    assert!(
        rate >= 0.90,
        "top-3 rate {:.1} % is below 90 %",
        100.0 * rate
    );
}

/// The ten needs of issue 9's first paragraph, which once found nothing: each finds a right
/// agency in the top three.
#[test]
fn the_first_ten_needs_find_a_right_agency_in_the_top_three() {
    let text = include_str!("fixtures/search/needs.toml");
    let head: String = text
        .split("# ── colloquial")
        .next()
        .expect("the suite starts with the issue's needs")
        .to_string()
        + "]\n";
    let rate = relevance_support::run(&head, KINDS, 10);
    assert_eq!(rate, 1.0, "every one of the ten in the top three");
}

mod engine {
    use refdesk::directory::{LoadOptions, load_demo, load_path};
    use refdesk::i18n::Lang;
    use refdesk::search::{Engine, NATIONWIDE, SearchOptions};
    use std::sync::Arc;

    fn opts() -> LoadOptions {
        LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        }
    }

    fn engine() -> Engine {
        Engine::new(Arc::new(load_demo(&opts())))
    }

    fn ids(e: &mut Engine, q: &str, o: &SearchOptions) -> Vec<String> {
        let r = e.search(q, o);
        r.hits
            .iter()
            .map(|h| e.directory().agencies[h.agency].id.clone())
            .collect()
    }

    #[test]
    fn oblast_offices_are_never_hidden_by_a_town_of_their_oblast() {
        // The oblast archive is in Житомир and serves all of Житомирська область
        // (`serves = "oblast"`): a visitor from Бердичів is sent there.
        let mut e = engine();
        for q in [
            "Бердичів архів",
            "архівна довідка про стаж у Бердичеві",
            "довідка зі стажем з архіву бердичів",
        ] {
            let top3 = ids(
                &mut e,
                q,
                &SearchOptions {
                    limit: 3,
                    ..Default::default()
                },
            );
            assert!(top3.contains(&"zt-archive".to_string()), "{q}: {top3:?}");
        }
        let town = SearchOptions {
            locality: Some("Бердичів".into()),
            ..Default::default()
        };
        let all = ids(&mut e, "", &town);
        for id in ["zt-archive", "zt-oblhosp", "zt-derzhpratsi", "brd-cnap"] {
            assert!(all.contains(&id.to_string()), "{id}: {all:?}");
        }
        // Житомир's own offices stay hidden from a Бердичів visitor.
        for id in ["zt-cnap", "zt-dms", "zt-bpd-mc"] {
            assert!(!all.contains(&id.to_string()), "{id}: {all:?}");
        }
        assert!(ids(&mut e, "архів", &town).contains(&"zt-archive".to_string()));
    }

    #[test]
    fn national_lines_are_never_hidden_by_a_town() {
        let mut e = engine();
        // A town filter (F4) keeps the lines that serve the whole country.
        let town = SearchOptions {
            locality: Some("Бердичів".into()),
            ..Default::default()
        };
        let got = ids(&mut e, "юридична допомога", &town);
        assert!(got.contains(&"brd-bpd-buro".to_string()), "{got:?}");
        assert!(got.contains(&"ua-bpd-0800".to_string()), "{got:?}");
        assert!(!got.contains(&"zt-bpd-mc".to_string()), "{got:?}");
        // A town in the query, in any case form, does the same.
        for q in [
            "Бердичів юридична допомога",
            "юридична допомога в Бердичеві",
            "юрист з Бердичева",
        ] {
            let top3 = ids(
                &mut e,
                q,
                &SearchOptions {
                    limit: 3,
                    ..Default::default()
                },
            );
            assert!(top3.contains(&"ua-bpd-0800".to_string()), "{q}: {top3:?}");
            assert!(!top3.contains(&"zt-bpd-mc".to_string()), "{q}: {top3:?}");
        }
        // «Уся Україна / онлайн»: the remote lines alone.
        let nationwide = SearchOptions {
            locality: Some(NATIONWIDE.into()),
            ..Default::default()
        };
        let r = e.search("", &nationwide);
        assert!(!r.hits.is_empty());
        assert!(
            r.hits
                .iter()
                .all(|h| e.directory().agencies[h.agency].remote)
        );
    }

    #[test]
    fn zhytlo_is_not_zhytomyr() {
        let mut e = engine();
        let q = "житло ";
        let r = e.search(q, &SearchOptions::default());
        assert!(!r.hits.is_empty());
        for h in r.hits.clone() {
            for m in e.explain(q, &r, &h) {
                let found = m.found.unwrap_or_default();
                assert!(
                    !found.starts_with("житомир"),
                    "«житло» matched «{found}» ({}) in {}",
                    m.how,
                    e.directory().agencies[h.agency].id
                );
            }
        }
        // Nor is a short complete word the beginning of a longer, different one.
        let r = e.search("суд ", &SearchOptions::default());
        for h in r.hits.clone() {
            for m in e.explain("суд ", &r, &h) {
                let found = m.found.unwrap_or_default();
                assert!(!found.starts_with("судим"), "«суд» matched «{found}»");
            }
        }
    }

    #[test]
    fn all_words_matches_rank_above_partial_ones() {
        let mut e = engine();
        for q in [
            "довідка про доходи бабусею",
            "паспорт забрали",
            "субсидія пенсіонерка бабусею",
            "аліменти квартира",
        ] {
            let r = e.search(q, &SearchOptions::default());
            let covered: Vec<u32> = r
                .hits
                .iter()
                .filter(|h| !h.temporarily_closed)
                .map(|h| h.matched.count_ones())
                .collect();
            assert!(covered.windows(2).all(|w| w[0] >= w[1]), "{q}: {covered:?}");
        }
    }

    #[test]
    fn filler_words_never_make_results_disappear() {
        let mut e = engine();
        for (need, said) in [
            ("субсидія", "мені треба субсидія взагалі"),
            ("паспорт", "де можна паспорт"),
            ("пенсія", "нужно где пенсия"),
            ("аліменти", "хочу як аліменти після"),
        ] {
            let base = ids(&mut e, need, &SearchOptions::default());
            let with = ids(&mut e, said, &SearchOptions::default());
            assert!(!with.is_empty(), "{said}");
            assert_eq!(base.first(), with.first(), "{said}");
        }
    }

    #[test]
    fn a_data_folder_thesaurus_is_merged_validated_and_not_read_as_agencies() {
        let d = tempfile::tempdir().expect("temp dir");
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for f in ["00-directory.toml", "tax-pension.toml"] {
            std::fs::copy(demo.join(f), d.path().join(f)).expect("copy");
        }
        std::fs::write(
            d.path().join("thesaurus.toml"),
            "[[need]]\nname = \"місцеве слово\"\nsay = [\"податківці\"]\nmeans = [\"ДПС\"]\n\n[[need]]\nsay = \"не масив\"\nmeans = [\"x\"]\n",
        )
        .expect("write");
        let dir = load_path(d.path(), &opts());
        assert!(
            dir.agencies.iter().all(|a| a.id.starts_with("zt-")),
            "no agency from the thesaurus"
        );
        let problems: Vec<(String, usize, usize, &str)> = dir
            .diagnostics
            .iter()
            .filter(|x| x.file.ends_with("thesaurus.toml"))
            .map(|x| (x.file.clone(), x.line, x.column, x.code))
            .collect();
        assert_eq!(problems.len(), 1, "{:#?}", dir.diagnostics);
        assert_eq!((problems[0].1, problems[0].2), (7, 7));
        assert_eq!(problems[0].3, "thesaurus-wrong-type");
        assert_eq!(dir.thesaurus.len(), 1);
        let mut e = Engine::new(Arc::new(dir));
        let got = ids(&mut e, "податківці", &SearchOptions::default());
        assert_eq!(got.first().map(String::as_str), Some("zt-dps-cop"));
    }
}

use super::*;

// -- parsing ------------------------------------------------------------

#[test]
fn all_documented_examples_parse() {
    for src in [
        "Пн-Чт 08:00-17:00; Пт 08:00-15:45",
        "Mo-Fr 09:00-18:00",
        "Пн,Вт,Чт 08:00-17:00; Ср 08:00-20:00; Пт 08:00-16:00; Сб 08:00-15:00",
        "Вт,Чт 09:00-12:00",
        "24/7",
        "Пн-Пт 08:00-20:00; Сб 09:00-18:00",
        "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
        "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
    ] {
        assert_eq!(hours(src).source(), src);
    }
}

#[test]
fn ukrainian_lowercase_and_en_dash_mean_the_same_as_osm() {
    let osm = hours("Mo-Fr 09:00-18:00").weekly();
    for src in [
        "Пн-Пт 09:00-18:00",
        "пн-пт 09:00-18:00",
        "ПН-ПТ 09:00-18:00",
        "Пн–Пт 09:00–18:00",
        "Пн—Пт 09:00—18:00",
        "Пн-Пт\u{a0}09:00-18:00",
        "mo-fr 09:00-18:00",
    ] {
        assert_eq!(hours(src).weekly(), osm, "{src}");
    }
}

#[test]
fn cyrillic_inside_a_comment_is_left_alone_and_shown() {
    let h = hours("Пн-Пт 09:00-18:00 \"прийом за записом, Сб - ні\"");
    assert!(!h.is_weekly());
    assert_eq!(
        h.display(Lang::Uk),
        "Пн–Пт 09:00–18:00 \"прийом за записом, Сб - ні\""
    );
}

#[test]
fn hours_that_change_through_the_year_are_shown_as_written_not_as_one_week() {
    for (src, uk, en) in [
        (
            "Jun-Aug Mo 10:00-12:00",
            "Jun–Aug Пн 10:00–12:00",
            "Jun–Aug Mon 10:00–12:00",
        ),
        (
            "Пн[1] 10:00-12:00",
            "Пн[1] 10:00–12:00",
            "Mon[1] 10:00–12:00",
        ),
        (
            "week 1-53/2 Пн 10:00-12:00",
            "week 1–53/2 Пн 10:00–12:00",
            "week 1–53/2 Mon 10:00–12:00",
        ),
        ("Mo-Fr 10:00+", "Пн–Пт 10:00+", "Mon–Fri 10:00+"),
        (
            "Mo-Fr sunrise-sunset",
            "Пн–Пт sunrise–sunset",
            "Mon–Fri sunrise–sunset",
        ),
    ] {
        let h = hours(src);
        assert!(!h.is_weekly(), "{src}");
        assert_eq!(h.display(Lang::Uk), uk, "{src}");
        assert_eq!(h.display(Lang::En), en, "{src}");
        assert_eq!(h.spoken_uk(), uk, "{src}");
    }
}

#[test]
fn a_plain_week_and_holiday_rules_are_weekly() {
    for src in [
        OFFICE,
        "24/7",
        "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
        "Пн-Пт 09:00-18:00; Сб 09:00-13:00",
        "Пт 22:00-02:00",
    ] {
        assert!(hours(src).is_weekly(), "{src}");
    }
}

#[test]
fn unknown_day_points_at_the_word() {
    let e = error("Пон-Чт 09:00-18:00");
    assert_eq!(e.offset, 0);
    assert_eq!(
        e.message(Lang::En),
        "unknown day \"Пон\" — use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su"
    );
    assert_eq!(e.to_string(), e.message(Lang::En));

    let e = error("Mon-Fri 09:00-18:00");
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).starts_with("unknown day \"Mon\""),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn time_without_minutes() {
    let e = error("Пн-Чт 9-18");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("time \"9\" needs minutes"),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::En).contains("09:00-18:00"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 09:00-18");
    assert_eq!(e.offset, 12);
    assert!(
        e.message(Lang::En).contains("\"18\" needs minutes"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 0900-1800");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("\"0900\""),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn hour_out_of_range_is_reported_at_the_time() {
    // The crate's grammar only accepts hours 00-23 at the start of a
    // range, so it fails at "25"; we name the time.
    let e = error("Пн-Пт 08:00-17:00; Сб 25:00-26:00");
    assert_eq!(e.offset, 22);
    assert!(
        e.message(Lang::En)
            .contains("\"25:00\" is not a valid time"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 24:00-18:00");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("24:00 can only end"),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn error_without_a_crate_position_still_points_at_the_time() {
    // Extended times go up to 48:00; the crate reports 48:30 without a position.
    let e = error("Mo-Fr 09:00-48:30");
    assert_eq!(e.offset, 12);
    assert!(
        e.message(Lang::En).contains("48:30"),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn empty_hours() {
    for src in ["", "   "] {
        let e = error(src);
        assert_eq!(e.offset, 0);
        assert!(
            e.message(Lang::En).starts_with("hours are empty"),
            "{}",
            e.message(Lang::En)
        );
        assert!(
            e.message(Lang::En).contains("24/7"),
            "{}",
            e.message(Lang::En)
        );
    }
}

#[test]
fn words_get_specific_hints() {
    let e = error("щодня");
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).contains("\"щодня\""),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::En).contains("Пн-Нд 09:00-18:00"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 09:00-18:00 цілодобово");
    assert_eq!(e.offset, 18);
    assert!(
        e.message(Lang::En).contains("24/7"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 08:00-17:00 (перерва 13:00-14:00)");
    assert_eq!(e.offset, 19);
    assert!(
        e.message(Lang::En).contains("lunch"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт з 9:00 до 18:00");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("\"з\""),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Сб-Нд вихідний");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("off"),
        "{}",
        e.message(Lang::En)
    );
}

#[test]
fn offsets_are_chars_not_bytes() {
    // "Пн-Пт 09:00-18:00; " is 19 chars but 23 bytes.
    let e = error("Пн-Пт 09:00-18:00; Вс off");
    assert_eq!(e.offset, 19);
    assert!(
        e.message(Lang::En).contains("\"Вс\""),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::En).contains("Нд"),
        "{}",
        e.message(Lang::En)
    );

    // An en dash is 3 bytes; the crate's byte position is mapped back.
    let e = error("Пн–Пт 09:00–18:00; Сб 25:00-26:00");
    assert_eq!(e.offset, 22);
}

#[test]
fn layout_mistakes() {
    let e = error("Пн-Пт 09:00-18:00;");
    assert_eq!(e.offset, 17, "points at the trailing separator");
    assert!(
        e.message(Lang::En).contains("final \";\""),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт  09:00-18:00");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("extra space"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн - Пт 09:00-18:00");
    assert_eq!(e.offset, 3);
    assert!(
        e.message(Lang::En).contains("no spaces around \"-\""),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн Пт 10:00-12:00");
    assert_eq!(e.offset, 3);
    assert!(
        e.message(Lang::En).contains("day \"Пт\" is out of place"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 10:00-12:00 Сб 10:00-12:00");
    assert_eq!(e.offset, 18);
    assert!(
        e.message(Lang::En).contains("put \";\" before it"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 09.00-18.00");
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("colon"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("Пн-Пт 09:00-18:00; ph off");
    assert_eq!(e.offset, 19);
    assert!(
        e.message(Lang::En).contains("capitals: PH"),
        "{}",
        e.message(Lang::En)
    );

    let e = error("ПH-Пт 09:00-18:00"); // Latin H
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).contains("mixes Cyrillic and Latin"),
        "{}",
        e.message(Lang::En)
    );
}

// -- lunch --------------------------------------------------------------

#[test]
fn lunch_parses_and_displays() {
    for src in ["13:00-13:45", "13:00–13:45", " 13:00 - 13:45 "] {
        let l = parse_lunch(src).unwrap();
        assert_eq!((l.start, l.end), (t(13, 0), t(13, 45)), "{src}");
        assert_eq!(l.display(), "13:00–13:45");
        assert_eq!(l.spoken_uk(), "з 13:00 до 13:45");
    }
    let l = parse_lunch("9:30-10:00").unwrap();
    assert_eq!(l.display(), "09:30–10:00");
    assert_eq!(l.spoken_uk(), "з 9:30 до 10:00");
}

#[test]
fn lunch_errors() {
    let e = parse_lunch("13:45-13:00").unwrap_err();
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En)
            .contains("ends (13:00) before it starts (13:45)"),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("13:00-13:00").unwrap_err();
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).contains("starts and ends at 13:00"),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("13-14").unwrap_err();
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).contains("\"13\" needs minutes"),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("").unwrap_err();
    assert_eq!(e.offset, 0);
    assert!(
        e.message(Lang::En).contains("empty"),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("13:00").unwrap_err();
    assert_eq!(e.offset, 5);
    assert!(
        e.message(Lang::En).contains("no end time"),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("13:00-25:00").unwrap_err();
    assert_eq!(e.offset, 6);
    assert!(
        e.message(Lang::En).contains("\"25:00\""),
        "{}",
        e.message(Lang::En)
    );

    let e = parse_lunch("13:00-13:45, 15:00-15:15").unwrap_err();
    assert_eq!(e.offset, 11);

    let e = parse_lunch("обід 13:00-13:45").unwrap_err();
    assert_eq!(e.offset, 0);
}

// -- Ukrainian messages --------------------------------------------------

fn error_uk(src: &str) -> String {
    error(src).message(Lang::Uk)
}

#[test]
fn ukrainian_message_for_an_unknown_day() {
    let e = error("Пон-Чт 09:00-18:00");
    assert_eq!(
        e.message(Lang::Uk),
        "невідомий день \"Пон\" — пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su"
    );
    // The error is typed: the word is data, worded only at the edge.
    assert_eq!(
        e.problem,
        Problem::Word(WordProblem::UnknownDay("Пон".to_owned()))
    );
    // Display stays English for logs and `?` at the edges.
    assert_eq!(e.to_string(), e.message(Lang::En));
    assert_eq!(
        error_uk("Пн-Пт 09:00-18:00; Вс off"),
        "невідомий день \"Вс\" — неділя позначається Нд; пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su"
    );
}

#[test]
fn ukrainian_message_for_a_time_without_minutes_shows_the_fix() {
    let e = error("Пн-Чт 9-18");
    assert_eq!(e.offset, 6);
    assert_eq!(e.message(Lang::Uk), "час без хвилин — пишіть 09:00, а не 9");
    let e = error("Пн-Пт 09:00-18");
    assert_eq!(
        e.message(Lang::Uk),
        "час без хвилин — пишіть 18:00, а не 18"
    );
    let e = error("Пн-Пт 0900-1800");
    assert_eq!(e.offset, 6);
    assert_eq!(
        e.message(Lang::Uk),
        "час без двокрапки — пишіть 09:00, а не 0900"
    );
    let e = parse_lunch("13-14").unwrap_err();
    assert_eq!(
        e.message(Lang::Uk),
        "час без хвилин — пишіть 13:00, а не 13"
    );
    // No correction is offered when the digits are not a time.
    let e = error("Пн-Пт 2500-1800");
    assert_eq!(
        e.message(Lang::Uk),
        "час \"2500\" без хвилин — пишіть час як ГГ:ХХ, наприклад 09:00-18:00"
    );
}

#[test]
fn with_colon_only_suggests_valid_times() {
    assert_eq!(with_colon("9").as_deref(), Some("09:00"));
    assert_eq!(with_colon("18").as_deref(), Some("18:00"));
    assert_eq!(with_colon("930").as_deref(), Some("09:30"));
    assert_eq!(with_colon("1345").as_deref(), Some("13:45"));
    assert_eq!(with_colon("24").as_deref(), Some("24:00"));
    assert_eq!(with_colon("25"), None);
    assert_eq!(with_colon("0960"), None);
    assert_eq!(with_colon("12345"), None);
    assert_eq!(with_colon(""), None);
}

#[test]
fn ukrainian_message_for_words_like_z_and_do() {
    let e = error("Пн-Пт з 9:00 до 18:00");
    assert_eq!(e.offset, 6);
    assert_eq!(
        e.message(Lang::Uk),
        "слово \"з\" тут зайве — пишіть дні й час без слів, наприклад Пн-Пт 09:00-18:00"
    );
    assert_eq!(
        error_uk("Пн-Пт 09:00-18:00 цілодобово"),
        "замість \"цілодобово\" пишіть 24/7"
    );
}

#[test]
fn ukrainian_message_for_a_trailing_semicolon() {
    let e = error("Пн-Пт 09:00-18:00;");
    assert_eq!(e.offset, 17);
    assert_eq!(
        e.message(Lang::Uk),
        "після останнього \";\" нічого немає — приберіть його або допишіть після нього ще одне правило"
    );
}

#[test]
fn ukrainian_messages_for_layout_mistakes() {
    assert_eq!(
        error_uk("Пн - Пт 09:00-18:00"),
        "між днями пишіть \"-\" без пробілів: Пн-Пт"
    );
    assert_eq!(
        error_uk("Пн-Пт  09:00-18:00"),
        "зайвий пробіл — між днями й часом ставте один пробіл"
    );
    assert!(
        error_uk("Пн-Пт 10:00-12:00 Сб 10:00-12:00")
            .starts_with("день \"Сб\" починає нове правило — поставте перед ним \";\""),
    );
    assert_eq!(
        parse_lunch("13:45-13:00").unwrap_err().message(Lang::Uk),
        "обідня перерва закінчується (13:00) раніше, ніж починається (13:45) — спершу пишіть раніший час, наприклад 13:00-13:45"
    );
}

/// Every error kind the tests above exercise has a Ukrainian message with no
/// English prose left in it.
#[test]
fn every_error_has_a_ukrainian_message() {
    const HOURS: &[&str] = &[
        "",
        "   ",
        "Пон-Чт 09:00-18:00",
        "Mon-Fri 09:00-18:00",
        "Пн-Чт 9-18",
        "Пн-Пт 09:00-18",
        "Пн-Пт 0900-1800",
        "Пн-Пт 08:00-17:00; Сб 25:00-26:00",
        "Пн-Пт 24:00-18:00",
        "Mo-Fr 09:00-48:30",
        "щодня",
        "Пн-Пт 09:00-18:00 цілодобово",
        "Пн-Пт 08:00-17:00 (перерва 13:00-14:00)",
        "Пн-Пт з 9:00 до 18:00",
        "Сб-Нд вихідний",
        "Пн-Пт 09:00-18:00; Вс off",
        "Пн-Пт 09:00-18:00;",
        "Пн-Пт 09:00-18:00,",
        "Пн-Пт 09:00-",
        "Пн-Пт  09:00-18:00",
        "Пн - Пт 09:00-18:00",
        "Пн Пт 10:00-12:00",
        "Пн-Пт 10:00-12:00 Сб 10:00-12:00",
        "Пн-Пт 09.00-18.00",
        "Пн-Пт 09:00-18:00; ph off",
        "ПH-Пт 09:00-18:00",
        "Пн-Пт 09:00-18:00 off off",
        "Пн-Пт 09:00-18:00 прийом",
        "Пн-Пт 09:00-18:00 @",
        "Пн-Пт 09:00-18:00 Пт",
    ];
    const LUNCH: &[&str] = &[
        "",
        "13:45-13:00",
        "13:00-13:00",
        "13-14",
        "13:00",
        "13:00-",
        "13:00 13:45",
        "13:00-25:00",
        "13:00-13:45, 15:00-15:15",
        "обід 13:00-13:45",
        "13:00-13:4",
    ];
    let errors = HOURS.iter().map(|src| (*src, error(src))).chain(
        LUNCH
            .iter()
            .map(|src| (*src, parse_lunch(src).unwrap_err())),
    );
    for (src, e) in errors {
        let uk = &e.message(Lang::Uk);
        assert!(
            uk.chars().any(|c| ('а'..='я').contains(&c)),
            "{src:?}: {uk}"
        );
        for english in [
            "write",
            "expected",
            "unexpected",
            "the ",
            " or ",
            "e.g.",
            "use ",
            "day ",
            "time",
            "needs",
            "is not",
        ] {
            assert!(!uk.contains(english), "{src:?}: {english:?} in {uk}");
        }
        assert_ne!(uk, &e.message(Lang::En), "{src:?}");
    }
}

// -- properties ---------------------------------------------------------

fn check_parse(src: &str) {
    match parse(src) {
        Ok(h) => {
            let _ = (h.display(Lang::Uk), h.display(Lang::En), h.spoken_uk());
            let _ = h.state_at(Some(&lunch()), at(Weekday::Wednesday, 13, 30));
            for day in h.weekly() {
                assert!(day.windows(2).all(|w| w[0].1 < w[1].0), "sorted, disjoint");
                assert!(day.iter().all(|(s, e)| s < e));
            }
        }
        Err(e) => assert!(
            e.offset <= src.chars().count(),
            "offset {} beyond {src:?}",
            e.offset
        ),
    }
    if let Err(e) = parse_lunch(src) {
        assert!(e.offset <= src.chars().count());
    }
}

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(src in "\\PC{0,60}") {
        check_parse(&src);
    }

    #[test]
    fn parse_never_panics_on_hours_like_text(
        src in "[ПнВтСрЧтПтСбНдMoTuWeFrSaSuPHoff0-9:;,\\-–— \"/+]{0,40}"
    ) {
        check_parse(&src);
    }

    #[test]
    fn state_at_never_panics(
        idx in 0usize..4,
        y in 1i16..=9999, mo in 1i8..=12, d in 1i8..=28,
        h in 0i8..=23, mi in 0i8..=59,
        with_lunch in any::<bool>(),
    ) {
        let src = [OFFICE, "24/7", "Пт 22:00-02:00", "Mo-Th 08:00-13:00,13:45-17:00; PH off"][idx];
        let hrs = hours(src);
        let l = lunch();
        let state = hrs.state_at(with_lunch.then_some(&l), date(y, mo, d).at(h, mi, 0, 0));
        if !with_lunch {
            let in_lunch = matches!(state, OpenState::Lunch { .. });
            prop_assert!(!in_lunch, "lunch state without a lunch break");
        }
    }
}

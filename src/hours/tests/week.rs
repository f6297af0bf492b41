use super::*;

// -- weekly -------------------------------------------------------------

#[test]
fn weekly_keeps_split_intervals() {
    let week = hours("Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off").weekly();
    let split = vec![(t(8, 0), t(13, 0)), (t(13, 45), t(17, 0))];
    assert_eq!(week[0], split);
    assert_eq!(week[3], split);
    assert_eq!(week[4], vec![(t(8, 0), t(15, 45))]);
    assert!(week[5].is_empty() && week[6].is_empty());
}

#[test]
fn weekly_splits_overnight_intervals_at_midnight() {
    let week = hours("Пт 22:00-02:00; Нд 23:00-01:00").weekly();
    assert_eq!(week[4], vec![(t(22, 0), END_OF_DAY)]);
    assert_eq!(week[5], vec![(t(0, 0), t(2, 0))]);
    assert_eq!(week[6], vec![(t(23, 0), END_OF_DAY)]);
    // Sunday night spills into Monday of the same regular week.
    assert_eq!(week[0], vec![(t(0, 0), t(1, 0))]);
}

#[test]
fn round_the_clock() {
    for src in ["24/7", "Mo-Su 00:00-24:00", "Пн-Нд 00:00-24:00"] {
        let h = hours(src);
        assert!(h.is_24_7(), "{src}");
        assert_eq!(h.display(Lang::Uk), "цілодобово");
        assert_eq!(h.display(Lang::En), "24/7");
        assert_eq!(h.spoken_uk(), "цілодобово");
        assert!(h.weekly().iter().all(|d| d == &[(Time::MIN, END_OF_DAY)]));
    }
    assert!(!hours("Пн-Сб 00:00-24:00").is_24_7());
    assert!(!hours("Пн-Нд 08:00-20:00").is_24_7());
}

// -- display ------------------------------------------------------------

#[test]
fn display_groups_days() {
    let cases = [
        (
            "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
            "Пн–Чт 09:00–18:00, Пт 09:00–16:45",
            "Mon–Thu 09:00–18:00, Fri 09:00–16:45",
        ),
        (
            "Пн-Чт 08:00-17:00; Пт 08:00-15:45",
            "Пн–Чт 08:00–17:00, Пт 08:00–15:45",
            "Mon–Thu 08:00–17:00, Fri 08:00–15:45",
        ),
        (
            "Пн,Вт,Чт 08:00-17:00; Ср 08:00-20:00; Пт 08:00-16:00; Сб 08:00-15:00",
            "Пн, Вт, Чт 08:00–17:00, Ср 08:00–20:00, Пт 08:00–16:00, Сб 08:00–15:00",
            "Mon, Tue, Thu 08:00–17:00, Wed 08:00–20:00, Fri 08:00–16:00, Sat 08:00–15:00",
        ),
        (
            "Вт,Чт 09:00-12:00",
            "Вт, Чт 09:00–12:00",
            "Tue, Thu 09:00–12:00",
        ),
        (
            "Пн-Пт 08:00-20:00; Сб 09:00-18:00",
            "Пн–Пт 08:00–20:00, Сб 09:00–18:00",
            "Mon–Fri 08:00–20:00, Sat 09:00–18:00",
        ),
        (
            "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
            "Пн–Чт 08:00–13:00, 13:45–17:00, Пт 08:00–15:45",
            "Mon–Thu 08:00–13:00, 13:45–17:00, Fri 08:00–15:45",
        ),
        (
            "Пн,Ср,Пт 09:00-13:00",
            "Пн, Ср, Пт 09:00–13:00",
            "Mon, Wed, Fri 09:00–13:00",
        ),
        (
            "Пн-Нд 09:00-18:00",
            "Пн–Нд 09:00–18:00",
            "Mon–Sun 09:00–18:00",
        ),
        (
            "Сб-Нд 10:00-14:00",
            "Сб, Нд 10:00–14:00",
            "Sat, Sun 10:00–14:00",
        ),
        (
            "Пн-Пт 09:00-18:00; Сб 00:00-24:00",
            "Пн–Пт 09:00–18:00, Сб 00:00–24:00",
            "Mon–Fri 09:00–18:00, Sat 00:00–24:00",
        ),
        ("Пн-Пт off", "зачинено", "closed"),
    ];
    for (src, uk, en) in cases {
        let h = hours(src);
        assert_eq!(h.display(Lang::Uk), uk, "{src}");
        assert_eq!(h.display(Lang::En), en, "{src}");
        assert_eq!(h.display(Lang::default()), uk, "Ukrainian is the default");
    }
}

#[test]
fn spoken_ukrainian() {
    let cases = [
        (
            "Пн-Чт 09:00-18:00; Пт 09:00-16:45",
            "з понеділка по четвер з 9:00 до 18:00, у п'ятницю з 9:00 до 16:45",
        ),
        (
            "Mo-Fr 09:00-18:00",
            "з понеділка по п'ятницю з 9:00 до 18:00",
        ),
        ("Пн-Нд 09:00-18:00", "щодня з 9:00 до 18:00"),
        (
            "Пн,Ср,Пт 09:00-13:00",
            "у понеділок, середу та п'ятницю з 9:00 до 13:00",
        ),
        ("Вт,Чт 09:00-12:00", "у вівторок та четвер з 9:00 до 12:00"),
        (
            "Пн-Ср,Пт 10:00-12:00",
            "з понеділка по середу та у п'ятницю з 10:00 до 12:00",
        ),
        (
            "Пн,Ср-Пт 10:00-12:00",
            "у понеділок та з середи по п'ятницю з 10:00 до 12:00",
        ),
        ("Сб-Нд 10:00-14:00", "у суботу та неділю з 10:00 до 14:00"),
        ("Вт-Чт 10:00-12:00", "з вівторка по четвер з 10:00 до 12:00"),
        ("Чт-Сб 10:00-12:00", "з четверга по суботу з 10:00 до 12:00"),
        ("Пт-Нд 10:00-12:00", "з п'ятниці по неділю з 10:00 до 12:00"),
        (
            "Пн-Ср 10:00-12:00",
            "з понеділка по середу з 10:00 до 12:00",
        ),
        ("Ср-Пт 10:00-12:00", "з середи по п'ятницю з 10:00 до 12:00"),
        ("Сб 10:00-12:00", "у суботу з 10:00 до 12:00"),
        ("Нд 10:00-12:00", "у неділю з 10:00 до 12:00"),
        ("Вт 10:00-12:00", "у вівторок з 10:00 до 12:00"),
        ("Ср 10:00-12:00", "у середу з 10:00 до 12:00"),
        ("Чт 10:00-12:00", "у четвер з 10:00 до 12:00"),
        (
            "Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off",
            "з понеділка по четвер з 8:00 до 13:00 та з 13:45 до 17:00, у п'ятницю з 8:00 до 15:45",
        ),
        (
            "Пн-Пт 09:00-18:00; Сб 00:00-24:00",
            "з понеділка по п'ятницю з 9:00 до 18:00, у суботу цілодобово",
        ),
        ("24/7", "цілодобово"),
    ];
    for (src, spoken) in cases {
        assert_eq!(hours(src).spoken_uk(), spoken, "{src}");
    }
}

// -- state --------------------------------------------------------------

#[test]
fn typical_office_with_lunch() {
    let h = hours(OFFICE);
    let l = lunch();
    let state = |w, hh, mm| h.state_at(Some(&l), at(w, hh, mm));

    // `until` is the next change: lunch comes before closing time.
    assert_eq!(
        state(Weekday::Monday, 10, 0),
        OpenState::Open {
            until: Some(t(13, 0))
        }
    );
    assert_eq!(
        state(Weekday::Monday, 13, 0),
        OpenState::Lunch { until: t(13, 45) }
    );
    assert_eq!(
        state(Weekday::Monday, 13, 10),
        OpenState::Lunch { until: t(13, 45) }
    );
    assert_eq!(
        state(Weekday::Monday, 13, 45),
        OpenState::Open {
            until: Some(t(17, 0))
        }
    );
    assert_eq!(
        state(Weekday::Monday, 7, 59),
        OpenState::Closed {
            opens: Some((Weekday::Monday, t(8, 0)))
        }
    );
    assert_eq!(
        state(Weekday::Monday, 17, 0),
        OpenState::Closed {
            opens: Some((Weekday::Tuesday, t(8, 0)))
        }
    );
    assert_eq!(
        state(Weekday::Friday, 15, 0),
        OpenState::Open {
            until: Some(t(15, 45))
        }
    );
    for (w, hh, mm) in [
        (Weekday::Friday, 16, 0),
        (Weekday::Saturday, 10, 0),
        (Weekday::Saturday, 13, 10),
        (Weekday::Sunday, 23, 59),
    ] {
        assert_eq!(
            state(w, hh, mm),
            OpenState::Closed {
                opens: Some((Weekday::Monday, t(8, 0)))
            },
            "{w:?} {hh}:{mm}"
        );
    }

    // Without the lunch break the crate's own intervals decide.
    assert_eq!(
        h.state_at(None, at(Weekday::Monday, 10, 0)),
        OpenState::Open {
            until: Some(t(17, 0))
        }
    );
    assert_eq!(
        h.state_at(None, at(Weekday::Monday, 13, 10)),
        OpenState::Open {
            until: Some(t(17, 0))
        }
    );
}

#[test]
fn state_is_exact_to_the_second() {
    let h = hours(OFFICE);
    let just_before = at(Weekday::Monday, 12, 59)
        .with()
        .second(59)
        .subsec_nanosecond(500_000_000)
        .build()
        .unwrap();
    assert_eq!(
        h.state_at(Some(&lunch()), just_before),
        OpenState::Open {
            until: Some(t(13, 0))
        }
    );
}

#[test]
fn round_the_clock_is_open_without_end() {
    let h = hours("24/7");
    assert_eq!(
        h.state_at(None, at(Weekday::Sunday, 3, 0)),
        OpenState::Open { until: None }
    );
    // A lunch break is honoured even on a 24/7 line.
    assert_eq!(
        h.state_at(Some(&lunch()), at(Weekday::Sunday, 13, 30)),
        OpenState::Lunch { until: t(13, 45) }
    );
    assert_eq!(
        h.state_at(Some(&lunch()), at(Weekday::Sunday, 12, 0)),
        OpenState::Open {
            until: Some(t(13, 0))
        }
    );
    // Open all week days: the next change is days away.
    assert_eq!(
        hours("Пн-Пт 00:00-24:00").state_at(None, at(Weekday::Monday, 10, 0)),
        OpenState::Open { until: None }
    );
}

#[test]
fn lunch_that_runs_past_closing_time_is_closed() {
    let h = hours("Пн-Пт 09:00-18:00; Сб 09:00-13:30");
    let l = lunch();
    assert_eq!(
        h.state_at(Some(&l), at(Weekday::Saturday, 12, 0)),
        OpenState::Open {
            until: Some(t(13, 0))
        }
    );
    assert_eq!(
        h.state_at(Some(&l), at(Weekday::Saturday, 13, 10)),
        OpenState::Closed {
            opens: Some((Weekday::Monday, t(9, 0)))
        }
    );
}

#[test]
fn split_hours_without_lunch_field() {
    let h = hours("Mo-Th 08:00-13:00,13:45-17:00; Fr 08:00-15:45; PH off");
    assert_eq!(
        h.state_at(None, at(Weekday::Monday, 13, 10)),
        OpenState::Closed {
            opens: Some((Weekday::Monday, t(13, 45)))
        }
    );
}

#[test]
fn overnight_hours() {
    let h = hours("Пт 22:00-02:00");
    assert_eq!(
        h.state_at(None, at(Weekday::Friday, 23, 0)),
        OpenState::Open {
            until: Some(t(2, 0))
        }
    );
    assert_eq!(
        h.state_at(None, at(Weekday::Saturday, 1, 0)),
        OpenState::Open {
            until: Some(t(2, 0))
        }
    );
    assert_eq!(
        h.state_at(None, at(Weekday::Saturday, 2, 0)),
        OpenState::Closed {
            opens: Some((Weekday::Friday, t(22, 0)))
        }
    );
}

#[test]
fn public_holidays_are_not_applied() {
    // 24 August 2026 (Independence Day) is a Monday; `PH off` never matches.
    let day = date(2026, 8, 24);
    assert_eq!(day.weekday(), Weekday::Monday);
    let h = hours("Mo-Fr 09:00-18:00; PH off");
    assert_eq!(
        h.state_at(None, day.at(10, 0, 0, 0)),
        OpenState::Open {
            until: Some(t(18, 0))
        }
    );
}

#[test]
fn closed_without_an_opening_in_the_next_week() {
    assert_eq!(
        hours("Пн-Пт off").state_at(None, at(Weekday::Monday, 10, 0)),
        OpenState::Closed { opens: None }
    );
    // Only open in January: nothing within 7 days of late November.
    assert_eq!(
        hours("Jan Mo-Fr 10:00-12:00").state_at(None, at(Weekday::Monday, 10, 0)),
        OpenState::Closed { opens: None }
    );
}

#[test]
fn extreme_dates_do_not_panic() {
    let h = hours(OFFICE);
    for dt in [
        DateTime::MIN,
        DateTime::MAX,
        date(1899, 12, 31).at(12, 0, 0, 0),
    ] {
        let _ = h.state_at(Some(&lunch()), dt);
    }
    assert_eq!(
        h.state_at(None, DateTime::MIN),
        OpenState::Closed { opens: None }
    );
}

#[test]
fn osm_text_groups_days_into_ranges() {
    use crate::hours::week::{Week, to_osm_text};
    let mut w: Week = Default::default();
    for d in w.iter_mut().take(4) {
        d.push((t(9, 0), t(18, 0)));
    }
    w[4].push((t(9, 0), t(16, 45)));
    w[5].push((t(9, 0), t(13, 0)));
    assert_eq!(
        to_osm_text(&w).unwrap(),
        "Mo-Th 09:00-18:00; Fr 09:00-16:45; Sa 09:00-13:00"
    );
    let mut w: Week = Default::default();
    w[1] = vec![(t(9, 0), t(12, 0))];
    w[3] = vec![(t(9, 0), t(12, 0))];
    w[4] = vec![(t(10, 0), t(11, 0)), (t(14, 0), END_OF_DAY)];
    assert_eq!(
        to_osm_text(&w).unwrap(),
        "Tu,Th 09:00-12:00; Fr 10:00-11:00,14:00-24:00"
    );
    assert_eq!(to_osm_text(&Week::default()), None);
    let all_day: Week = std::array::from_fn(|_| vec![(Time::MIN, END_OF_DAY)]);
    assert_eq!(to_osm_text(&all_day).unwrap(), "24/7");
}

use super::*;
use crate::hours::OpenState;
use jiff::civil::Weekday;

#[test]
fn title_counts_use_plural_forms() {
    assert_eq!(title_counts(Lang::Uk, 1, 0, 0, 0), "1 установа");
    assert_eq!(
        title_counts(Lang::Uk, 124, 0, 0, 2),
        "124 установи · 2 попередження (F8)"
    );
    assert_eq!(
        title_counts(Lang::Uk, 11, 0, 5, 21),
        "11 установ · 5 помилок, 21 попередження (F8)"
    );
    assert_eq!(
        title_counts(Lang::En, 1, 0, 1, 0),
        "1 agency · 1 error (F8)"
    );
}

#[test]
fn the_title_counts_closed_agencies_with_plural_forms() {
    let cases = [
        (52, 1, "52 установи, ще 1 закрита"),
        (1, 2, "1 установа, ще 2 закриті"),
        (5, 4, "5 установ, ще 4 закриті"),
        (21, 5, "21 установа, ще 5 закритих"),
        (3, 11, "3 установи, ще 11 закритих"),
        (12, 12, "12 установ, ще 12 закритих"),
        (40, 21, "40 установ, ще 21 закрита"),
        (0, 22, "0 установ, ще 22 закриті"),
        (2, 111, "2 установи, ще 111 закритих"),
    ];
    for (open, closed, want) in cases {
        assert_eq!(title_counts(Lang::Uk, open, closed, 0, 0), want);
    }
    assert_eq!(
        title_counts(Lang::Uk, 52, 1, 0, 2),
        "52 установи, ще 1 закрита · 2 попередження (F8)"
    );
    assert_eq!(
        title_counts(Lang::En, 52, 1, 0, 0),
        "52 agencies, 1 more closed"
    );
}

#[test]
fn change_counts_and_month_names() {
    assert_eq!(count(Lang::Uk, CHANGE, 1), "1 зміна");
    assert_eq!(count(Lang::Uk, CHANGE, 3), "3 зміни");
    assert_eq!(count(Lang::Uk, CHANGE, 11), "11 змін");
    assert_eq!(count(Lang::Uk, i18n::REFERRAL, 12), "12 направлень");
    assert_eq!(count(Lang::Uk, i18n::REFERRAL, 21), "21 направлення");
    assert_eq!(
        month_year(Lang::Uk, jiff::civil::date(2026, 11, 25)),
        "листопад 2026"
    );
    assert_eq!(
        month_year(Lang::En, jiff::civil::date(2027, 1, 1)),
        "January 2027"
    );
    assert_eq!(how_counts(Lang::Uk, 5, 0, 4), "надруковано 5 · усно 4");
    assert_eq!(
        stale_note(Lang::Uk, jiff::civil::date(2025, 6, 12)),
        "Дані перевірено понад рік тому: 12.06.2025"
    );
}

#[test]
fn reading_note_names_the_corrected_text() {
    let r = Reading::Layout {
        text: "довідка про доходи".into(),
    };
    assert_eq!(
        reading_note(Lang::Uk, &r).as_deref(),
        Some("розкладку виправлено: довідка про доходи")
    );
    assert_eq!(reading_note(Lang::Uk, &Reading::AsTyped), None);
}

#[test]
fn open_marks_distinguish_every_state() {
    use jiff::civil::time;
    let marks = [
        open_mark(Some(OpenState::Open { until: None })),
        open_mark(Some(OpenState::Lunch {
            until: time(13, 45, 0, 0),
        })),
        open_mark(Some(OpenState::Closed { opens: None })),
        open_mark(None),
    ];
    assert_eq!(marks, ['●', '◐', '○', '✕']);
    assert_eq!(
        open_state(
            Lang::Uk,
            Some(OpenState::Lunch {
                until: time(13, 45, 0, 0)
            })
        ),
        "перерва · відчиниться о 13:45"
    );
    assert_eq!(
        open_state(
            Lang::Uk,
            Some(OpenState::Closed {
                opens: Some((Weekday::Monday, time(9, 0, 0, 0)))
            })
        ),
        "зачинено · відчиниться пн о 09:00"
    );
}

#[test]
fn a_settings_file_that_could_not_be_written_is_worded_per_language() {
    use crate::tui::msg::SettingsNotSaved;
    let e = SettingsNotSaved::Write(crate::setup::SettingsError::Io {
        file: "/etc/refdesk.toml".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    });
    assert_eq!(
        settings_not_saved(Lang::Uk, &e),
        "/etc/refdesk.toml: немає дозволу на доступ"
    );
    assert_eq!(
        settings_not_saved(Lang::En, &e),
        "/etc/refdesk.toml: permission denied"
    );
    assert_eq!(
        settings_not_saved(Lang::Uk, &SettingsNotSaved::NoPlace),
        "не знайдено, де зберігати налаштування"
    );
}

//! Weekly schedule rows ↔ refdesk hours, shared by the export and the import: the note that
//! stands in for hours that are not the same every week, and the lunch break cut out of rows
//! and found in them again. (Writing a week as `opening_hours` text is `hours::week`'s.)

use crate::hours::Lunch;
use crate::hours::week::Week;
use jiff::civil::Time;

/// iCalendar day codes, Monday first (index = ISO weekday − 1).
pub const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The schedule note that stands in for weekly rows when hours are not the same every week
/// (months, nth weekdays, comments): their text as shown, with the lunch break, so that other
/// tools show the truth. The import recognises it by [`without_hours_note`].
pub fn irregular_note(hours: &crate::hours::Hours, lunch: Option<&Lunch>) -> String {
    let text = hours.display(crate::i18n::Lang::Uk);
    match lunch {
        Some(l) => format!("{text}; перерва {}", l.display()),
        None => text,
    }
}

/// A schedule's free text without the [`irregular_note`] the export put in front of it.
pub fn without_hours_note(text: Option<String>, note: &str) -> Option<String> {
    let text = text?;
    let rest = match text.strip_prefix(note) {
        Some(r) => r.strip_prefix(". ").unwrap_or(r).trim(),
        None => text.as_str(),
    };
    Some(rest.to_string()).filter(|r| !r.is_empty())
}

/// Removes the lunch break from every open interval it falls into.
pub fn split_lunch(week: &Week, lunch: Option<&Lunch>) -> Week {
    let Some(l) = lunch else {
        return week.clone();
    };
    let mut out: Week = Default::default();
    for (d, day) in week.iter().enumerate() {
        for &(s, e) in day {
            if l.end <= s || l.start >= e || l.start >= l.end {
                out[d].push((s, e));
                continue;
            }
            if s < l.start {
                out[d].push((s, l.start));
            }
            if l.end < e {
                out[d].push((l.end, e));
            }
        }
    }
    out
}

/// Finds a lunch break in rows written with breaks: every day with two intervals has the same
/// gap between them (at most two hours), and no single-interval day spans that gap. Returns the
/// break and the week with the two halves joined, which [`split_lunch`] turns back into `week`.
pub fn detect_lunch(week: &Week) -> Option<(Lunch, Week)> {
    let mut gap: Option<(Time, Time)> = None;
    for day in week {
        match day.as_slice() {
            [] | [_] => {}
            [a, b] => {
                let g = (a.1, b.0);
                if gap.is_some_and(|x| x != g) {
                    return None;
                }
                gap = Some(g);
            }
            _ => return None,
        }
    }
    let (start, end) = gap?;
    let len = start.until(end).ok()?;
    if start >= end || len.total(jiff::Unit::Minute).ok()? > 120.0 {
        return None;
    }
    let mut joined: Week = Default::default();
    for (d, day) in week.iter().enumerate() {
        match day.as_slice() {
            [a, b] => joined[d].push((a.0, b.1)),
            [a] if a.0 < start && end < a.1 => return None,
            other => joined[d].extend_from_slice(other),
        }
    }
    Some((Lunch { start, end }, joined))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    fn t(h: i8, m: i8) -> Time {
        time(h, m, 0, 0)
    }

    fn office_week() -> Week {
        let mut w: Week = Default::default();
        for d in w.iter_mut().take(4) {
            d.push((t(9, 0), t(18, 0)));
        }
        w[4].push((t(9, 0), t(16, 45)));
        w[5].push((t(9, 0), t(13, 0)));
        w
    }

    #[test]
    fn lunch_splits_open_days_and_is_found_again() {
        let lunch = Lunch {
            start: t(13, 0),
            end: t(13, 45),
        };
        let split = split_lunch(&office_week(), Some(&lunch));
        assert_eq!(split[0], vec![(t(9, 0), t(13, 0)), (t(13, 45), t(18, 0))]);
        assert_eq!(
            split[5],
            vec![(t(9, 0), t(13, 0))],
            "Saturday ends at lunch"
        );
        assert!(split[6].is_empty());
        let (found, joined) = detect_lunch(&split).unwrap();
        assert_eq!(found, lunch);
        assert_eq!(joined, office_week());
    }

    #[test]
    fn different_gaps_are_not_a_lunch_break() {
        let mut w: Week = Default::default();
        w[0] = vec![(t(9, 0), t(12, 0)), (t(13, 0), t(18, 0))];
        w[1] = vec![(t(9, 0), t(13, 0)), (t(14, 0), t(18, 0))];
        assert!(detect_lunch(&w).is_none());
        let mut long: Week = Default::default();
        long[0] = vec![(t(8, 0), t(10, 0)), (t(15, 0), t(18, 0))];
        assert!(
            detect_lunch(&long).is_none(),
            "a five-hour gap is two shifts"
        );
    }
}

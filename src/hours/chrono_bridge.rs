//! Evaluation over the `opening-hours` crate, whose interface speaks chrono while refdesk
//! speaks jiff: the weekly intervals of the reference week, the state at a moment, the lunch
//! break cut out, and the conversions. The only file that names chrono.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};
use jiff::civil::{DateTime, Time, Weekday};
use opening_hours::{OpeningHours, RuleKind};

use super::{END_OF_DAY, Lunch, OpenState, week::Week};

/// Whether `expr` opens at all on `at`'s day.
pub(super) fn opens_on_day_of(expr: &OpeningHours, at: DateTime) -> bool {
    let Some(day) = to_naive(at.date().at(0, 0, 0, 0)) else {
        return false;
    };
    expr.iter_range(day, day + TimeDelta::days(1))
        .any(|r| r.kind == RuleKind::Open && r.range.start < r.range.end)
}

/// See [`super::Hours::state_at`].
pub(super) fn state_at(expr: &OpeningHours, lunch: Option<&Lunch>, at: DateTime) -> OpenState {
    let Some(now) = to_naive(at) else {
        return OpenState::Closed { opens: None };
    };
    let horizon = now + TimeDelta::days(7);
    let raw: Vec<(NaiveDateTime, NaiveDateTime)> = expr
        .iter_range(now, horizon)
        .filter(|r| r.kind == RuleKind::Open)
        .map(|r| (r.range.start, r.range.end))
        .filter(|(s, e)| s < e)
        .collect();
    let effective = match lunch {
        Some(lunch) => subtract_lunch(&raw, lunch),
        None => raw.clone(),
    };

    if let Some(&(_, end)) = effective.iter().find(|(s, e)| *s <= now && now < *e) {
        let until = (end < horizon && end - now <= TimeDelta::hours(24))
            .then(|| from_naive_time(end.time()));
        return OpenState::Open { until };
    }

    if let Some(lunch) = lunch {
        let day = now.date();
        let lunch_start = day.and_time(to_naive_time(lunch.start));
        let lunch_end = day.and_time(to_naive_time(lunch.end));
        let open_at = |t: NaiveDateTime| raw.iter().any(|&(s, e)| s <= t && t < e);
        if lunch_start <= now && now < lunch_end && open_at(now) && open_at(lunch_end) {
            return OpenState::Lunch { until: lunch.end };
        }
    }

    let opens = effective
        .iter()
        .find(|(s, _)| *s > now)
        .map(|&(s, _)| (from_chrono_weekday(s.weekday()), from_naive_time(s.time())));
    OpenState::Closed { opens }
}

/// The Monday of the reference week used by [`Hours::weekly`].
fn reference_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date")
}

/// The open intervals of a regular week: see [`super::Hours::weekly`].
pub(super) fn compute_weekly(expr: &OpeningHours) -> Week {
    let monday = reference_monday();
    let from = monday.and_time(NaiveTime::MIN);
    let to = from + TimeDelta::days(7);
    let mut week: Week = Default::default();
    for range in expr.iter_range(from, to) {
        if range.kind != RuleKind::Open {
            continue;
        }
        let (mut start, end) = (range.range.start, range.range.end);
        while start < end {
            let day = (start.date() - monday).num_days();
            let next_midnight = start.date().and_time(NaiveTime::MIN) + TimeDelta::days(1);
            let piece_end = end.min(next_midnight);
            let end_time = if piece_end == next_midnight {
                END_OF_DAY
            } else {
                from_naive_time(piece_end.time())
            };
            if let Some(slot) = usize::try_from(day).ok().and_then(|d| week.get_mut(d)) {
                slot.push((from_naive_time(start.time()), end_time));
            }
            start = piece_end;
        }
    }
    for day in &mut week {
        day.sort();
        // Merge touching intervals (the crate already merges equal states).
        let mut merged: Vec<(Time, Time)> = Vec::with_capacity(day.len());
        for &(s, e) in day.iter() {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *day = merged;
    }
    week
}

/// Subtracts the lunch window of every day from the open intervals.
fn subtract_lunch(
    open: &[(NaiveDateTime, NaiveDateTime)],
    lunch: &Lunch,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let (ls, le) = (to_naive_time(lunch.start), to_naive_time(lunch.end));
    let mut out = Vec::with_capacity(open.len() + 8);
    for &(start, end) in open {
        let mut cursor = start;
        let mut day = start.date();
        while cursor < end {
            let (w_start, w_end) = (day.and_time(ls), day.and_time(le));
            if w_start >= end {
                break;
            }
            if w_end > cursor {
                if w_start > cursor {
                    out.push((cursor, w_start));
                }
                cursor = cursor.max(w_end);
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        if cursor < end {
            out.push((cursor, end));
        }
    }
    out
}

fn to_naive(at: DateTime) -> Option<NaiveDateTime> {
    let date = NaiveDate::from_ymd_opt(
        i32::from(at.year()),
        u32::try_from(at.month()).ok()?,
        u32::try_from(at.day()).ok()?,
    )?;
    Some(date.and_time(to_naive_time(at.time())))
}

fn to_naive_time(t: Time) -> NaiveTime {
    // Both types are always in range; the fallback is unreachable.
    NaiveTime::from_hms_nano_opt(
        t.hour().unsigned_abs().into(),
        t.minute().unsigned_abs().into(),
        t.second().unsigned_abs().into(),
        t.subsec_nanosecond().unsigned_abs(),
    )
    .unwrap_or(NaiveTime::MIN)
}

fn from_naive_time(t: NaiveTime) -> Time {
    // `hour()` etc. are < 24 / 60 / 60; nanoseconds may exceed 1e9 only on a
    // leap second, which the crate never produces.
    let narrow = |v: u32| i8::try_from(v).unwrap_or(0);
    Time::new(
        narrow(t.hour()),
        narrow(t.minute()),
        narrow(t.second()),
        i32::try_from(t.nanosecond().min(999_999_999)).unwrap_or(0),
    )
    .unwrap_or(Time::MIN)
}

fn from_chrono_weekday(w: chrono::Weekday) -> Weekday {
    match w {
        chrono::Weekday::Mon => Weekday::Monday,
        chrono::Weekday::Tue => Weekday::Tuesday,
        chrono::Weekday::Wed => Weekday::Wednesday,
        chrono::Weekday::Thu => Weekday::Thursday,
        chrono::Weekday::Fri => Weekday::Friday,
        chrono::Weekday::Sat => Weekday::Saturday,
        chrono::Weekday::Sun => Weekday::Sunday,
    }
}

//! The weekly model: open intervals per weekday, the end of a day, day names, the lunch break,
//! and the one week formatter, which groups days with the same intervals into runs
//! (`Пн–Чт 09:00–18:00, Пт 09:00–16:45` on the card, `Mo-Th 09:00-18:00; Fr 09:00-16:45` as
//! `opening_hours` text for the HSDS import).

use jiff::civil::Time;

/// The end of an interval that lasts until midnight (displayed as `24:00`).
pub const END_OF_DAY: Time = Time::MAX;

/// An open interval within one day.
pub type Interval = (Time, Time);
/// Open intervals per weekday, Monday first (index = ISO weekday − 1), sorted.
pub type Week = [Vec<Interval>; 7];

/// The day names accepted in place of the OSM ones, in ISO order.
pub(super) const UK_DAYS_INPUT: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "нд"];
/// OpenStreetMap day codes, Monday first.
pub const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
pub(super) const UK_DAYS_SHORT: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд"];
pub(super) const EN_DAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A lunch break that applies to every open day (`lunch = "13:00-13:45"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lunch {
    pub start: Time,
    pub end: Time,
}

/// How a week is written: day names, the dash of a range, the separator of a list (of days and
/// of intervals) and the separator of groups.
pub(super) struct Style {
    names: &'static [&'static str; 7],
    dash: &'static str,
    list: &'static str,
    groups: &'static str,
}

pub(super) const DISPLAY_UK: Style = Style {
    names: &UK_DAYS_SHORT,
    dash: "–",
    list: ", ",
    groups: ", ",
};
pub(super) const DISPLAY_EN: Style = Style {
    names: &EN_DAYS_SHORT,
    ..DISPLAY_UK
};
const OSM: Style = Style {
    names: &OSM_DAYS,
    dash: "-",
    list: ",",
    groups: "; ",
};

/// Open round the clock every day.
pub fn is_round_the_clock(week: &Week) -> bool {
    week.iter()
        .all(|day| day.as_slice() == [(Time::MIN, END_OF_DAY)])
}

/// Days with the same intervals grouped, consecutive days written as ranges (two days read
/// better listed than as a range: «Пн, Вт, Чт», not «Пн–Вт, Чт»); closed days are not
/// listed. `None` when no day is open.
pub(super) fn write(week: &Week, style: &Style) -> Option<String> {
    let groups = day_groups(week);
    if groups.is_empty() {
        return None;
    }
    let names = style.names;
    let rules: Vec<String> = groups
        .iter()
        .map(|(days, intervals)| {
            let days = day_runs(days)
                .into_iter()
                .map(|(a, b)| match b - a {
                    0 => names[a].to_owned(),
                    1 => format!("{}{}{}", names[a], style.list, names[b]),
                    _ => format!("{}{}{}", names[a], style.dash, names[b]),
                })
                .collect::<Vec<_>>()
                .join(style.list);
            let times = intervals
                .iter()
                .map(|&(s, e)| format!("{}{}{}", hhmm(s), style.dash, hhmm(e)))
                .collect::<Vec<_>>()
                .join(style.list);
            format!("{days} {times}")
        })
        .collect();
    Some(rules.join(style.groups))
}

/// An `opening_hours` text for a week: `Mo-Th 09:00-18:00; Fr 09:00-16:45`, `24/7`. A week
/// with no open day gives `None`.
pub fn to_osm_text(week: &Week) -> Option<String> {
    if is_round_the_clock(week) {
        return Some("24/7".to_owned());
    }
    write(week, &OSM)
}

/// Open days grouped by identical intervals, in order of their first day.
pub(super) fn day_groups(week: &Week) -> Vec<(Vec<usize>, &[Interval])> {
    let mut groups: Vec<(Vec<usize>, &[Interval])> = Vec::new();
    for (day, intervals) in week.iter().enumerate() {
        if intervals.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, iv)| *iv == intervals) {
            Some((days, _)) => days.push(day),
            None => groups.push((vec![day], intervals.as_slice())),
        }
    }
    groups
}

/// Runs of consecutive days: `[0, 1, 2, 4]` → `[(0, 2), (4, 4)]`.
pub(super) fn day_runs(days: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == d => run.1 = d,
            _ => runs.push((d, d)),
        }
    }
    runs
}

/// `09:05`, `24:00` for [`END_OF_DAY`].
pub(super) fn hhmm(t: Time) -> String {
    if t == END_OF_DAY {
        "24:00".to_owned()
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

/// `9:05`, `24:00` for [`END_OF_DAY`].
pub(super) fn h_mm(t: Time) -> String {
    if t == END_OF_DAY {
        "24:00".to_owned()
    } else {
        format!("{}:{:02}", t.hour(), t.minute())
    }
}

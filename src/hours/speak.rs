//! The hours said to people: the compact display of a week on the card and the slip
//! (`Пн–Чт 09:00–18:00`), and the Ukrainian sentence read aloud (`з понеділка по четвер з 9:00
//! до 18:00`).

use jiff::civil::Time;

use super::week::{
    self, DISPLAY_EN, DISPLAY_UK, EN_DAYS_SHORT, OSM_DAYS, UK_DAYS_INPUT, UK_DAYS_SHORT,
    day_groups, day_runs, h_mm, hhmm,
};
use super::{END_OF_DAY, Hours, Lunch};
use crate::i18n::Lang;

/// «з понеділка»
const UK_DAYS_GENITIVE: [&str; 7] = [
    "понеділка",
    "вівторка",
    "середи",
    "четверга",
    "п'ятниці",
    "суботи",
    "неділі",
];
/// «по понеділок», «у понеділок»
const UK_DAYS_ACCUSATIVE: [&str; 7] = [
    "понеділок",
    "вівторок",
    "середу",
    "четвер",
    "п'ятницю",
    "суботу",
    "неділю",
];

impl Lunch {
    /// `"13:00–13:45"`
    pub fn display(&self) -> String {
        format!("{}–{}", hhmm(self.start), hhmm(self.end))
    }

    /// `"з 13:00 до 13:45"` (no leading zero on the hour: `"з 9:30 до 10:00"`)
    pub fn spoken_uk(&self) -> String {
        format!("з {} до {}", h_mm(self.start), h_mm(self.end))
    }
}

impl Hours {
    /// The text as written, trimmed, with Ukrainian (or English) day names and dashes, for
    /// hours that are not the same every week.
    fn as_written(&self, lang: Lang) -> String {
        let names = match lang {
            Lang::Uk => &UK_DAYS_SHORT,
            Lang::En => &EN_DAYS_SHORT,
        };
        let mut out = String::with_capacity(self.source.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower = word.to_lowercase();
            let day = OSM_DAYS
                .iter()
                .position(|d| d.eq_ignore_ascii_case(word))
                .or_else(|| UK_DAYS_INPUT.iter().position(|d| *d == lower));
            match day {
                Some(i) => out.push_str(names[i]),
                None => out.push_str(word),
            }
            word.clear();
        };
        let mut in_comment = false;
        for c in self.source.trim().chars() {
            if c.is_alphabetic() && !in_comment {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            in_comment ^= c == '"';
            out.push(if c == '-' && !in_comment { '–' } else { c });
        }
        flush(&mut word, &mut out);
        out
    }

    /// Compact display of the open days: `"Пн–Чт 09:00–18:00, Пт 09:00–16:45"`,
    /// `"цілодобово"`; in English `"Mon–Thu 09:00–18:00, Fri 09:00–16:45"`,
    /// `"24/7"`. Days with identical intervals are grouped (`"Пн, Ср 09:00–13:00"`);
    /// closed days are not listed. With no open day at all: `"зачинено"` / `"closed"`.
    pub fn display(&self, lang: Lang) -> String {
        let (style, round_the_clock, closed) = match lang {
            Lang::Uk => (&DISPLAY_UK, "цілодобово", "зачинено"),
            Lang::En => (&DISPLAY_EN, "24/7", "closed"),
        };
        if !self.regular {
            return self.as_written(lang);
        }
        if self.is_24_7() {
            return round_the_clock.to_owned();
        }
        week::write(&self.weekly, style).unwrap_or_else(|| closed.to_owned())
    }

    /// Ukrainian for reading aloud: `"з понеділка по четвер з 9:00 до 18:00, у
    /// п'ятницю з 9:00 до 16:45"`, `"щодня з 9:00 до 18:00"`, `"у понеділок,
    /// середу та п'ятницю з 9:00 до 13:00"`, `"цілодобово"`.
    pub fn spoken_uk(&self) -> String {
        if !self.regular {
            return self.as_written(Lang::Uk);
        }
        if self.is_24_7() {
            return "цілодобово".to_owned();
        }
        let groups = day_groups(&self.weekly);
        if groups.is_empty() {
            return "зачинено".to_owned();
        }
        groups
            .iter()
            .map(|(days, intervals)| {
                let days = if days.len() == 7 {
                    "щодня".to_owned()
                } else {
                    spoken_days(days)
                };
                let times = if *intervals == [(Time::MIN, END_OF_DAY)] {
                    "цілодобово".to_owned()
                } else {
                    intervals
                        .iter()
                        .map(|&(s, e)| format!("з {} до {}", h_mm(s), h_mm(e)))
                        .collect::<Vec<_>>()
                        .join(" та ")
                };
                format!("{days} {times}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// «з понеділка по четвер», «у понеділок, середу та п'ятницю»,
/// «з понеділка по середу та у п'ятницю». Runs of two days are read as two
/// single days («у суботу та неділю»).
fn spoken_days(days: &[usize]) -> String {
    let mut items: Vec<String> = Vec::new();
    let mut previous_single = false;
    for (a, b) in day_runs(days) {
        if b >= a + 2 {
            items.push(format!(
                "з {} по {}",
                UK_DAYS_GENITIVE[a], UK_DAYS_ACCUSATIVE[b]
            ));
            previous_single = false;
        } else {
            for name in &UK_DAYS_ACCUSATIVE[a..=b] {
                // Consecutive single days share one «у».
                items.push(if previous_single {
                    (*name).to_owned()
                } else {
                    format!("у {name}")
                });
                previous_single = true;
            }
        }
    }
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} та {last}", rest.join(", ")),
        None => String::new(),
    }
}

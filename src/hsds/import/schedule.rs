//! Schedule rows ↔ the hours text: weekly rows become `opening_hours`, a common gap the lunch
//! break, and refdesk's exact text wins while it still agrees with the rows.

use super::*;

/// A schedule's free text without the note the export writes for `hours` that are not the same
/// every week (see [`irregular_note`]): that note says `hours_text` again, which the hours
/// field already holds.
pub(super) fn free_schedule_text(
    text: Option<String>,
    hours_text: Option<&str>,
    lunch: Option<&str>,
) -> Option<String> {
    match hours_text.and_then(|h| hours::parse(h).ok()) {
        Some(h) if !h.is_weekly() => {
            let lunch = lunch.and_then(|l| hours::parse_lunch(l).ok());
            without_hours_note(text, &irregular_note(&h, lunch.as_ref()))
        }
        _ => text,
    }
}

impl Imp {
    /// Weekly intervals from schedule rows; rows refdesk cannot express are reported.
    pub(super) fn week(&mut self, rows: &[usize]) -> (Week, bool) {
        let mut week: Week = Default::default();
        let mut any = false;
        let stem = self.stem("schedule");
        for &i in rows {
            let r = self.rows("schedule")[i].clone();
            let (Some(opens), Some(closes)) = (
                parse_time(g(&r, "opens_at")),
                parse_time(g(&r, "closes_at")),
            ) else {
                if !g(&r, "opens_at").is_empty() || !g(&r, "closes_at").is_empty() {
                    self.lost(format!("{stem}.opens_at/closes_at"), i.to_string());
                }
                continue;
            };
            let freq = g(&r, "freq").to_uppercase();
            let interval = g(&r, "interval");
            if !(freq.is_empty() || freq == "WEEKLY") {
                self.lost(format!("{stem}.freq={freq}"), i.to_string());
                continue;
            }
            if !(interval.is_empty() || interval == "1") {
                self.lost(format!("{stem}.interval={interval}"), i.to_string());
                continue;
            }
            let days: Option<Vec<usize>> = g(&r, "byday")
                .split(',')
                .map(|d| d.trim().to_uppercase())
                .filter(|d| !d.is_empty())
                .map(|d| DAYS.iter().position(|x| *x == d))
                .collect();
            let days = match days {
                Some(d) if !d.is_empty() => d,
                _ => {
                    self.lost(format!("{stem}.byday"), i.to_string());
                    continue;
                }
            };
            any = true;
            for d in days {
                if opens < closes {
                    week[d].push((opens, closes));
                } else {
                    // Overnight: split at midnight, as `Hours::weekly` does.
                    week[d].push((opens, END_OF_DAY));
                    if closes > Time::MIN {
                        week[(d + 1) % 7].push((Time::MIN, closes));
                    }
                }
            }
        }
        for day in week.iter_mut() {
            day.sort();
            let mut merged: Vec<(Time, Time)> = Vec::new();
            for &(s, e) in day.iter() {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            *day = merged;
        }
        (week, any)
    }

    /// Free text of schedule rows (descriptions other than refdesk's markers, and notes).
    pub(super) fn schedule_text(&self, rows: &[usize]) -> Option<String> {
        let mut parts: Vec<&str> = Vec::new();
        for &i in rows {
            let r = &self.rows("schedule")[i];
            let d = g(r, "description");
            let markers = [SCHEDULE_HOURS, SCHEDULE_RECEPTION, SCHEDULE_SERVICE];
            for t in [d, g(r, "notes")] {
                if !t.is_empty() && !markers.contains(&t) && !parts.contains(&t) {
                    parts.push(t);
                }
            }
        }
        Some(parts.join(" ")).filter(|s| !s.is_empty())
    }
}

/// What breaks in the schedule rows mean.
#[derive(Debug, Clone, Copy)]
pub(super) enum Break<'a> {
    /// Working hours: a common gap on every open day is the lunch break.
    Find,
    /// A service's rows, split by the agency's lunch break when exported: join them back.
    SplitBy(&'a Lunch),
    /// Reception hours: a gap is a gap.
    Keep,
}

/// The hours text (and lunch break): the exact refdesk text while it agrees with the rows,
/// else one rebuilt from the rows. The third value is true when the exact text was overruled
/// by rows edited elsewhere.
pub(super) fn choose(
    exact: Option<String>,
    exact_lunch: Option<String>,
    rows: &Week,
    any_rows: bool,
    brk: Break,
) -> (Option<String>, Option<String>, bool) {
    if let Some(text) = &exact {
        let lunch = match (exact_lunch.as_deref().map(hours::parse_lunch), brk) {
            (Some(Ok(l)), _) => Some(l),
            (_, Break::SplitBy(l)) => Some(*l),
            _ => None,
        };
        if let Ok(h) = hours::parse(text)
            && (!any_rows || split_lunch(&h.weekly(), lunch.as_ref()) == *rows)
        {
            return (exact, exact_lunch, false);
        }
    }
    if !any_rows {
        return (exact, exact_lunch, false);
    }
    let overruled = exact.is_some();
    match (brk, detect_lunch(rows)) {
        (Break::Find, Some((l, joined))) => (
            to_osm_text(&joined),
            Some(format!(
                "{}-{}",
                l.start.strftime("%H:%M"),
                l.end.strftime("%H:%M")
            )),
            overruled,
        ),
        (Break::SplitBy(l), Some((found, joined))) if found == *l => {
            (to_osm_text(&joined), None, overruled)
        }
        _ => (to_osm_text(rows), None, overruled),
    }
}

/// `HH:MM` or `HH:MM:SS`, with an optional zone (`Z`, `+02:00`), which is dropped: refdesk's
/// hours are local time. `24:00` and `23:59:59` mean the end of the day.
pub(super) fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    let s = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let s = match s.get(5..).and_then(|rest| rest.find(['+', '-'])) {
        Some(i) => &s[..5 + i],
        None => s,
    };
    if s == "24:00" || s == "24:00:00" || s == "23:59:59" {
        return Some(END_OF_DAY);
    }
    let mut it = s.split(':');
    let h: i8 = it.next()?.parse().ok()?;
    let m: i8 = it.next()?.parse().ok()?;
    let sec: i8 = match it.next() {
        Some(x) => x.split('.').next()?.parse().ok()?,
        None => 0,
    };
    Time::new(h, m, sec, 0).ok()
}

/// The schedule rows of each service of an agency, and what the agency's hours took from them.
pub(super) struct ServiceRows {
    pub(super) rows: Vec<Vec<usize>>,
    /// The service whose rows became the agency's hours (a foreign package often gives hours
    /// per service only).
    pub(super) borrowed_from: Option<usize>,
    /// The agency's lunch break, which the export cut out of the services' rows too.
    pub(super) lunch: Option<Lunch>,
}

impl Imp {
    /// Working and reception hours of the agency, from its location's rows (or, failing
    /// those, a service's); returns the rows of each service.
    pub(super) fn hours(&mut self, site: &Site, a: &mut DAgency) -> ServiceRows {
        let mut rows = self
            .idx
            .rows_any("schedule", "location_id", [site.loc_id.as_str()]);
        for s in &site.svc_ids {
            rows.extend(self.idx.rows("schedule", "service_id", s));
        }
        for sal in site.sal_ids.keys() {
            rows.extend(self.idx.rows("schedule", "service_at_location_id", sal));
        }
        rows.sort_unstable();
        rows.dedup();
        let (mut hours_rows, mut reception_rows) = (Vec::new(), Vec::new());
        let mut service_rows: Vec<Vec<usize>> = site.svcs.iter().map(|_| Vec::new()).collect();
        for i in rows {
            let r = &self.rows("schedule")[i];
            if self.elsewhere(site, r) {
                continue;
            }
            let of_service =
                !g(r, "service_id").is_empty() || !g(r, "service_at_location_id").is_empty();
            if let Some(s) = site.service_of(r) {
                service_rows[s].push(i);
            } else if of_service || site.loc_id.is_empty() || g(r, "location_id") != site.loc_id {
                continue;
            } else if g(r, "description") == SCHEDULE_RECEPTION {
                reception_rows.push(i);
            } else {
                hours_rows.push(i);
            }
            self.used_schedules.insert(i);
        }
        let mut borrowed_from: Option<usize> = None;
        if hours_rows.is_empty()
            && g(&site.loc, "refdesk_hours").is_empty()
            && let Some(s) = service_rows.iter().position(|r| !r.is_empty())
        {
            hours_rows = service_rows[s].clone();
            borrowed_from = Some(s);
            let name = g(&site.svcs[s], "name").to_string();
            self.remark(
                format!(
                    "{}: графік установи взято з розкладу послуги «{name}» — перевірте",
                    a.id
                ),
                format!(
                    "{}: the agency's hours were taken from the schedule of the service \"{name}\" — check them",
                    a.id
                ),
                &mut a.remarks,
            );
        }
        self.working_hours(site, &hours_rows, a);
        let (rweek, rany) = self.week(&reception_rows);
        a.reception = choose(
            o(&site.loc, "refdesk_reception"),
            None,
            &rweek,
            rany,
            Break::Keep,
        )
        .0;
        ServiceRows {
            rows: service_rows,
            borrowed_from,
            lunch: a.lunch.as_deref().and_then(|l| hours::parse_lunch(l).ok()),
        }
    }

    fn working_hours(&mut self, site: &Site, rows: &[usize], a: &mut DAgency) {
        let (week, any) = self.week(rows);
        let (hours, lunch, mismatch) = choose(
            o(&site.loc, "refdesk_hours"),
            o(&site.loc, "refdesk_lunch"),
            &week,
            any,
            Break::Find,
        );
        if mismatch {
            self.remark(
                format!(
                    "{}: графік у schedules відрізняється від refdesk_hours — узято з schedules",
                    a.id
                ),
                format!(
                    "{}: the schedule rows differ from refdesk_hours — took the rows",
                    a.id
                ),
                &mut a.remarks,
            );
        }
        a.hours = hours;
        a.lunch = lunch;
        if a.hours.is_none() {
            self.remark(
                format!(
                    "{}: графік роботи не вказано — додайте \"hours\", інакше запис не завантажиться",
                    a.id
                ),
                format!(
                    "{}: no working hours — add \"hours\", or the entry will not load",
                    a.id
                ),
                &mut a.remarks,
            );
        }
        a.hours_note = free_schedule_text(
            self.schedule_text(rows),
            a.hours.as_deref(),
            a.lunch.as_deref(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn a_common_gap_is_lunch_in_working_hours_but_not_in_reception_hours() {
        let t = |h, m| time(h, m, 0, 0);
        let mut w: Week = Default::default();
        w[1] = vec![(t(9, 0), t(12, 0)), (t(13, 0), t(16, 0))];
        w[3] = w[1].clone();
        let (h, l, _) = choose(None, None, &w, true, Break::Find);
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-16:00"));
        assert_eq!(l.as_deref(), Some("12:00-13:00"));
        let (h, l, _) = choose(None, None, &w, true, Break::Keep);
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-12:00,13:00-16:00"));
        assert_eq!(l, None);
        let lunch = Lunch {
            start: t(12, 0),
            end: t(13, 0),
        };
        let (h, _, _) = choose(None, None, &w, true, Break::SplitBy(&lunch));
        assert_eq!(h.as_deref(), Some("Tu,Th 09:00-16:00"), "joined back");
    }

    #[test]
    fn exact_text_is_kept_while_it_agrees_with_the_rows() {
        let t = |h, m| time(h, m, 0, 0);
        let mut w: Week = Default::default();
        for d in w.iter_mut().take(5) {
            *d = vec![(t(9, 0), t(13, 0)), (t(13, 45), t(18, 0))];
        }
        let exact = Some("Пн-Пт 09:00-18:00".to_string());
        let lunch = Some("13:00-13:45".to_string());
        let (h, l, overruled) = choose(exact.clone(), lunch.clone(), &w, true, Break::Find);
        assert_eq!((h, l, overruled), (exact.clone(), lunch.clone(), false));
        w[4] = vec![(t(9, 0), t(13, 0)), (t(13, 45), t(17, 0))];
        let (h, l, overruled) = choose(exact, lunch.clone(), &w, true, Break::Find);
        assert_eq!(h.as_deref(), Some("Mo-Th 09:00-18:00; Fr 09:00-17:00"));
        assert_eq!(l, lunch);
        assert!(overruled);
    }

    #[test]
    fn times_with_and_without_zones() {
        assert_eq!(parse_time("10:00:00"), Some(time(10, 0, 0, 0)));
        assert_eq!(parse_time("09:30"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30Z"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30-05:00"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("09:30:00+02:00"), Some(time(9, 30, 0, 0)));
        assert_eq!(parse_time("24:00"), Some(END_OF_DAY));
        assert_eq!(parse_time("23:59:59"), Some(END_OF_DAY));
        assert_eq!(parse_time("soon"), None);
    }
}

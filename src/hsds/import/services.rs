//! The agency's verification, status and notices, which HSDS keeps per service, and its
//! services.

use super::*;

impl Imp {
    /// The date the entry was checked: refdesk's own, else the services' latest assurance (or
    /// modification) date, else today — said in a remark.
    pub(super) fn verification(&mut self, site: &Site, a: &mut DAgency) {
        let (loc, svcs) = (&site.loc, &site.svcs);
        a.verified = o(loc, "refdesk_verified").and_then(|d| d.parse::<Date>().ok());
        a.verified_by = o(loc, "refdesk_verified_by");
        let mut from_last_modified = false;
        if a.verified.is_none() {
            let best = svcs
                .iter()
                .filter_map(|s| Some((g(s, "assured_date").parse::<Date>().ok()?, s)))
                // The latest check; among equals, one that says who checked.
                .max_by_key(|(d, s)| (*d, !g(s, "assurer_email").is_empty()));
            if let Some((d, s)) = best {
                a.verified = Some(d);
                a.verified_by = o(s, "assurer_email");
            } else if let Some(d) = svcs
                .iter()
                .filter_map(|s| g(s, "last_modified").get(..10)?.parse::<Date>().ok())
                .max()
            {
                a.verified = Some(d);
                from_last_modified = true;
            }
        }
        let stem = self.stem("service");
        for s in svcs {
            if !g(s, "assurer_email").is_empty()
                && a.verified_by.as_deref() != Some(g(s, "assurer_email"))
            {
                self.lost(format!("{stem}.assurer_email"), g(s, "id"));
            }
            if !g(s, "last_modified").is_empty() && !from_last_modified {
                self.lost(format!("{stem}.last_modified"), g(s, "id"));
            }
        }
        match a.verified {
            None => {
                a.verified = Some(self.today);
                self.remark(
                    format!(
                        "{}: дати перевірки немає — поставлено сьогоднішню; перевірте запис",
                        a.id
                    ),
                    format!(
                        "{}: no verification date — set to today; check the entry",
                        a.id
                    ),
                    &mut a.remarks,
                );
            }
            Some(d) if d > self.today => {
                a.verified = Some(self.today);
                self.remark(
                    format!(
                        "{}: дата перевірки {d} ще не настала — поставлено сьогоднішню",
                        a.id
                    ),
                    format!(
                        "{}: verification date {d} is in the future — set to today",
                        a.id
                    ),
                    &mut a.remarks,
                );
            }
            Some(_) => {}
        }
    }

    /// Status, notice and internal notes: refdesk's columns where the package has them, else
    /// what the services' statuses and alerts say of the whole agency.
    pub(super) fn status(&mut self, site: &Site, has: LocColumns, a: &mut DAgency) {
        let (loc, svcs) = (&site.loc, &site.svcs);
        let statuses: Vec<Status> = svcs
            .iter()
            .map(|s| match g(s, "status").to_lowercase().as_str() {
                "temporarily closed" | "temporarily-closed" => Status::TemporarilyClosed,
                "inactive" | "defunct" => Status::Closed,
                _ => Status::Active,
            })
            .collect();
        let status = if has.status {
            o(loc, "refdesk_status").and_then(|s| Status::parse(&s))
        } else if statuses.is_empty() || statuses.contains(&Status::Active) {
            None
        } else if statuses.contains(&Status::TemporarilyClosed) {
            Some(Status::TemporarilyClosed)
        } else {
            Some(Status::Closed)
        };
        let agency_status = status.unwrap_or_default();
        let stem = self.stem("service");
        for (s, st) in svcs.iter().zip(&statuses) {
            if *st != agency_status {
                self.lost(format!("{stem}.status"), g(s, "id"));
            }
        }
        a.status = status
            .filter(|s| *s != Status::Active)
            .map(|s| s.code().into());
        a.successor = o(loc, "refdesk_successor");
        a.serves = o(loc, "refdesk_serves");
        a.alert = if has.alert {
            o(loc, "refdesk_alert")
        } else {
            let with_alert: Vec<(String, String)> = svcs
                .iter()
                .filter_map(|s| Some((g(s, "name").to_string(), o(s, "alert")?)))
                .collect();
            match with_alert.as_slice() {
                [] => None,
                // Said of the whole agency only when it offers nothing else.
                [(_, one)] if svcs.len() == 1 => Some(one.clone()),
                many => Some(
                    many.iter()
                        .map(|(n, t)| format!("{n}: {t}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            }
        };
        a.notes = o(loc, "refdesk_notes");
    }

    /// Service `s` of the site (`None` for a service without a name, which is reported), and
    /// the remarks to write above the agency.
    pub(super) fn service(
        &mut self,
        site: &Site,
        s: usize,
        a: &DAgency,
        terms: &Terms,
        contacts: Vec<DPerson>,
        sched: &ServiceRows,
    ) -> (Option<DService>, Vec<String>) {
        let row = &site.svcs[s];
        let sid = site.svc_ids[s].clone();
        let stem = self.stem("service");
        let mut remarks = Vec::new();
        let mut svc = DService {
            name: g(row, "name").to_string(),
            description: o(row, "description"),
            appointment: o(row, "refdesk_appointment").filter(|x| Appointment::parse(x).is_some()),
            booking: o(row, "refdesk_booking"),
            eligibility: o(row, "eligibility_description"),
            duration: o(row, "wait_time"),
            online: o(row, "refdesk_online"),
            contacts,
            ..Default::default()
        };
        let (_, topics) = self.classification(&[sid.as_str()], terms);
        svc.topics = topics;
        svc.fee = o(row, "fees_description").or_else(|| o(row, "fees"));
        if o(row, "fees").is_some()
            && o(row, "fees_description").is_some()
            && o(row, "fees") != o(row, "fees_description")
        {
            self.lost(format!("{stem}.fees"), g(row, "id"));
        }
        svc.steps = steps(g(row, "application_process"));
        svc.documents = self
            .idx
            .rows("required_document", "service_id", &sid)
            .iter()
            .filter_map(|&i| o(&self.rows("required_document")[i], "document"))
            .collect();
        if sched.borrowed_from != Some(s) {
            let (w, any) = self.week(&sched.rows[s]);
            let brk = match &sched.lunch {
                Some(l) => Break::SplitBy(l),
                None => Break::Keep,
            };
            let (h, _, mismatch) = choose(o(row, "refdesk_hours"), None, &w, any, brk);
            if mismatch {
                self.remark(
                    format!(
                        "{}: графік послуги «{}» у schedules відрізняється від refdesk_hours — узято з schedules",
                        a.id, svc.name
                    ),
                    format!(
                        "{}: the schedule rows of the service \"{}\" differ from refdesk_hours — took the rows",
                        a.id, svc.name
                    ),
                    &mut remarks,
                );
            }
            let text = free_schedule_text(
                self.schedule_text(&sched.rows[s]),
                h.as_deref(),
                a.lunch.as_deref(),
            );
            svc.hours = h;
            if text.is_some() {
                let st = self.stem("schedule");
                self.lost(format!("{st}.description/notes"), sid.clone());
            }
        }
        if svc.name.is_empty() {
            let m = self.pick("послуги без назви", "services without a name");
            self.lost(format!("{stem} — {m}"), sid);
            return (None, remarks);
        }
        (Some(svc), remarks)
    }
}

/// Steps from `application_process`: lines numbered `1. …` `2. …` are separate steps; any
/// other text is one step.
pub(super) fn steps(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let numbered: Option<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let prefix = format!("{}.", i + 1);
            l.strip_prefix(&prefix)
                .or_else(|| l.strip_prefix(&format!("{})", i + 1)))
                .map(|rest| rest.trim().to_string())
        })
        .collect();
    match numbered {
        Some(v) if v.len() > 1 => v,
        _ => vec![text.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_are_steps_and_prose_is_one_step() {
        assert_eq!(
            steps("1. подати заяву\n2. отримати"),
            ["подати заяву", "отримати"]
        );
        assert_eq!(steps("Ring our reception."), ["Ring our reception."]);
        assert_eq!(steps("1. one\n3. three"), ["1. one\n3. three"]);
        assert!(steps("").is_empty());
    }
}

//! One package's organization, location and services → one agency draft.

use super::*;

impl Imp {
    /// Term id → (taxonomy name, code, name, description).
    pub(super) fn terms(&self) -> HashMap<String, (String, String, String, String)> {
        let tax: HashMap<&str, &str> = self
            .rows("taxonomy")
            .iter()
            .map(|r| (g(r, "id"), g(r, "name")))
            .collect();
        self.rows("taxonomy_term")
            .iter()
            .map(|r| {
                let taxonomy = match g(r, "taxonomy") {
                    "" => tax.get(g(r, "taxonomy_id")).copied().unwrap_or(""),
                    t => t,
                };
                (
                    g(r, "id").to_string(),
                    (
                        taxonomy.to_string(),
                        g(r, "code").to_string(),
                        g(r, "name").to_string(),
                        g(r, "description").to_string(),
                    ),
                )
            })
            .collect()
    }

    /// Categories to declare: refdesk category terms that are not built in as they are.
    pub(super) fn categories(
        &self,
        terms: &HashMap<String, (String, String, String, String)>,
    ) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for r in self.rows("taxonomy_term") {
            let Some((tax, code, name, descr)) = terms.get(g(r, "id")) else {
                continue;
            };
            if tax != TAXONOMY_CATEGORY || code.is_empty() || name.is_empty() {
                continue;
            }
            let en = Some(descr.clone()).filter(|d| !d.is_empty() && d != name);
            let builtin = BUILTIN_CATEGORIES
                .iter()
                .any(|(id, uk, e)| id == code && uk == name && Some(*e) == en.as_deref());
            if !builtin {
                out.push((code.clone(), name.clone(), en));
            }
        }
        out
    }

    /// Category and topics attached to any of `links`; foreign terms become topics.
    pub(super) fn classification(
        &mut self,
        links: &[&str],
        terms: &HashMap<String, (String, String, String, String)>,
    ) -> (Option<String>, Vec<String>) {
        let mut category = None;
        let mut topics: Vec<String> = Vec::new();
        let attrs: Vec<(usize, String, String)> = self
            .rows("attribute")
            .iter()
            .enumerate()
            .filter(|(_, r)| links.contains(&g(r, "link_id")) && !g(r, "link_id").is_empty())
            .map(|(i, r)| {
                (
                    i,
                    g(r, "taxonomy_term_id").to_string(),
                    g(r, "value").to_string(),
                )
            })
            .collect();
        for (i, term_id, value) in attrs {
            let Some((tax, code, name, _)) = terms.get(&term_id) else {
                continue;
            };
            self.used_attributes.insert(i);
            let topic = if tax == TAXONOMY_CATEGORY {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else if tax == TAXONOMY_TOPIC {
                Some(value)
            } else if BUILTIN_CATEGORIES.iter().any(|(id, _, _)| id == code) {
                if category.is_none() {
                    category = Some(code.clone());
                }
                None
            } else {
                Some(name.clone())
            };
            if let Some(t) = topic.filter(|t| !t.is_empty() && !topics.contains(t)) {
                topics.push(t);
            }
        }
        (category, topics)
    }

    pub(super) fn phone_entry(&mut self, r: &Row, prefix: Option<&str>) -> Option<DPhone> {
        let number = g(r, "number").to_string();
        if number.is_empty() {
            return None;
        }
        if let Err(e) = phone::parse(&number) {
            self.note(
                format!("телефон «{number}» не розпізнано ({e}) — пропущено"),
                format!("phone \"{number}\" not recognised ({e}) — skipped"),
            );
            let stem = self.stem("phone");
            self.lost(format!("{stem}.number"), g(r, "id"));
            return None;
        }
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = prefix {
            parts.push(p.to_string());
        }
        if let Some(x) = o(r, "extension") {
            parts.push(format!("{} {x}", self.pick("доб.", "ext.")));
        }
        match g(r, "type").to_lowercase().as_str() {
            "" | "voice" | "cell" => {}
            "fax" => parts.push(self.pick("факс", "fax")),
            "text" => parts.push("SMS".into()),
            other => parts.push(other.to_string()),
        }
        parts.extend(o(r, "description"));
        Some(DPhone {
            number,
            note: Some(parts.join("; ")).filter(|s| !s.is_empty()),
        })
    }

    pub(super) fn person(&mut self, ci: usize) -> Option<DPerson> {
        let r = self.rows("contact")[ci].clone();
        self.used_contacts.insert(ci);
        let Some(name) = o(&r, "name") else {
            let stem = self.stem("contact");
            let m = self.pick("контакти без імені", "contacts without a name");
            self.lost(format!("{stem} — {m}"), g(&r, "id"));
            return None;
        };
        let title: Vec<String> = [o(&r, "title"), o(&r, "department")]
            .into_iter()
            .flatten()
            .collect();
        let id = g(&r, "id").to_string();
        let phone_rows: Vec<(usize, Row)> = self
            .rows("phone")
            .iter()
            .enumerate()
            .filter(|(_, p)| !id.is_empty() && g(p, "contact_id") == id)
            .map(|(i, p)| (i, p.clone()))
            .collect();
        let mut phone = None;
        for (i, p) in phone_rows {
            if phone.is_none() {
                phone = self.phone_entry(&p, None);
                self.used_phones.insert(i);
            }
        }
        Some(DPerson {
            name,
            title: Some(title.join(", ")).filter(|t| !t.is_empty()),
            phone,
            room: o(&r, "refdesk_room"),
            email: o(&r, "email"),
        })
    }

    pub(super) fn agency(
        &mut self,
        slot: &Slot,
        terms: &HashMap<String, (String, String, String, String)>,
        has_status: bool,
        has_alert: bool,
        shared_org: bool,
        ids: &mut HashSet<String>,
    ) -> DAgency {
        let org: Row = slot
            .org
            .map(|i| self.rows("organization")[i].clone())
            .unwrap_or_default();
        let loc: Row = slot
            .loc
            .map(|i| self.rows("location")[i].clone())
            .unwrap_or_default();
        let svcs: Vec<Row> = slot
            .services
            .iter()
            .map(|&i| self.rows("service")[i].clone())
            .collect();
        let org_id = g(&org, "id").to_string();
        let loc_id = g(&loc, "id").to_string();
        let mut a = DAgency::default();

        // Names.
        let org_name = g(&org, "name").to_string();
        let loc_name = g(&loc, "name").to_string();
        a.name = match (org_name.is_empty(), loc_name.is_empty()) {
            (false, _) => org_name.clone(),
            (true, false) => loc_name.clone(),
            (true, true) => svcs
                .first()
                .map(|s| g(s, "name").to_string())
                .unwrap_or_default(),
        };
        a.short_name = o(&org, "alternate_name");
        a.name_genitive = o(&org, "refdesk_name_genitive");
        a.gender = o(&org, "refdesk_gender").filter(|g| Gender::parse(g).is_some());
        if a.name.is_empty() {
            a.name = self.pick("Без назви", "Untitled");
            self.remark(
                "назви немає ні в організації, ні в локації — впишіть \"name\"".into(),
                "neither the organization nor the location has a name — fill in \"name\"".into(),
                &mut a.remarks,
            );
        }

        // Identity.
        let ext_id = (g(&loc, "external_identifier_type") == ID_SCHEME)
            .then(|| g(&loc, "external_identifier").to_string())
            .filter(|id| valid_id(id));
        if ext_id.is_none() && !g(&loc, "external_identifier").is_empty() {
            let stem = self.stem("location");
            self.lost(format!("{stem}.external_identifier"), loc_id.clone());
        }
        let base = ext_id.unwrap_or_else(|| {
            // Offices of one organization are told apart by their town.
            let city = self
                .rows("address")
                .iter()
                .find(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
                .map(|r| g(r, "city").to_string())
                .unwrap_or_default();
            if shared_org && !city.is_empty() {
                slug(&format!("{} {city}", a.name))
            } else {
                slug(&a.name)
            }
        });
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(id.clone());
        a.id = id;

        // Classification.
        let (cat, topics) = self.classification(&[&loc_id, &org_id], terms);
        a.topics = topics;
        let svc_ids: Vec<String> = svcs.iter().map(|s| g(s, "id").to_string()).collect();
        let mut svc_cat = None;
        for sid in &svc_ids {
            let (c, _) = self.classification(&[sid.as_str()], terms);
            if svc_cat.is_none() {
                svc_cat = c;
            }
        }
        a.category = match cat.or(svc_cat) {
            Some(c) => c,
            None => {
                self.remark(
                    format!(
                        "{}: категорію не визначено — поставлено \"other\"; виберіть точнішу",
                        a.id
                    ),
                    format!(
                        "{}: no category found — set to \"other\"; choose a better one",
                        a.id
                    ),
                    &mut a.remarks,
                );
                "other".into()
            }
        };

        // Description, place.
        // HSDS requires an organization description; refdesk's export writes the name where
        // the agency has none, which is no description at all.
        let org_descr = o(&org, "description").filter(|d| *d != g(&org, "name"));
        let descr: Vec<String> = [org_descr, o(&loc, "description")]
            .into_iter()
            .flatten()
            .collect();
        a.description = Some(join_sentences(&descr)).filter(|d| !d.is_empty());
        a.remote = slot.loc.is_none() || g(&loc, "location_type") == "virtual";
        a.email = o(&org, "email");
        a.website = o(&org, "website");
        let mut how_to_find: Vec<String> = Vec::new();
        if !loc_name.is_empty() && loc_name != a.name {
            how_to_find.push(loc_name.clone());
        }
        how_to_find.extend(o(&loc, "transportation"));
        a.address_note = Some(how_to_find.join("; ")).filter(|s| !s.is_empty());
        a.coordinates = match (
            g(&loc, "latitude").parse::<f64>(),
            g(&loc, "longitude").parse::<f64>(),
        ) {
            (Ok(la), Ok(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
                Some((la, lo))
            }
            (Ok(la), Ok(lo)) => {
                self.remark(
                    format!("{}: координати {la}, {lo} неможливі — пропущено", a.id),
                    format!("{}: coordinates {la}, {lo} are impossible — skipped", a.id),
                    &mut a.remarks,
                );
                let stem = self.stem("location");
                self.lost(format!("{stem}.latitude/longitude"), loc_id.clone());
                None
            }
            _ => None,
        };
        self.address(&loc_id, &mut a);
        let acc: Vec<String> = self
            .rows("accessibility")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .map(|r| {
                [o(r, "description"), o(r, "details")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        a.accessibility = Some(acc.join("; ")).filter(|s| !s.is_empty());

        // Phones of the agency: linked to its location, to its organization, or to one of its
        // services (with the service's name in the note).
        let sal_ids: HashMap<String, usize> = self
            .rows("service_at_location")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .filter_map(|r| {
                let s = svc_ids.iter().position(|x| x == g(r, "service_id"))?;
                Some((g(r, "id").to_string(), s))
            })
            .collect();
        let phone_rows: Vec<(usize, Row)> =
            self.rows("phone").iter().cloned().enumerate().collect();
        let contact_ids: HashSet<String> = self
            .rows("contact")
            .iter()
            .map(|r| g(r, "id").to_string())
            .collect();
        for (i, p) in phone_rows {
            let at_loc = !loc_id.is_empty() && g(&p, "location_id") == loc_id;
            let at_org = !org_id.is_empty()
                && g(&p, "organization_id") == org_id
                && g(&p, "location_id").is_empty();
            let svc = svc_ids
                .iter()
                .position(|s| !s.is_empty() && g(&p, "service_id") == s)
                .or_else(|| sal_ids.get(g(&p, "service_at_location_id")).copied());
            let of_contact = contact_ids.contains(g(&p, "contact_id"));
            let entry = if at_loc || at_org {
                self.phone_entry(&p, None)
            } else if let (Some(s), false) = (svc, of_contact) {
                let name = g(&svcs[s], "name").to_string();
                self.phone_entry(&p, Some(&name))
            } else {
                continue;
            };
            self.used_phones.insert(i);
            a.phones.extend(entry);
        }
        if a.phones.is_empty() {
            self.remark(
                format!(
                    "{}: немає жодного телефону — додайте \"phones\", інакше запис не завантажиться",
                    a.id
                ),
                format!(
                    "{}: no phone at all — add \"phones\", or the entry will not load",
                    a.id
                ),
                &mut a.remarks,
            );
        }

        // People.
        let contacts: Vec<(usize, Row)> =
            self.rows("contact").iter().cloned().enumerate().collect();
        let mut service_people: Vec<Vec<DPerson>> = svcs.iter().map(|_| Vec::new()).collect();
        for (ci, c) in contacts {
            let svc = svc_ids
                .iter()
                .position(|s| !s.is_empty() && g(&c, "service_id") == s)
                .or_else(|| sal_ids.get(g(&c, "service_at_location_id")).copied());
            let at_agency = (!loc_id.is_empty() && g(&c, "location_id") == loc_id)
                || (!org_id.is_empty() && g(&c, "organization_id") == org_id);
            if let Some(s) = svc {
                service_people[s].extend(self.person(ci));
            } else if at_agency {
                let Some(p) = self.person(ci) else { continue };
                if g(&c, "refdesk_role") == "head" && a.head.is_none() {
                    a.head = Some(p);
                } else {
                    a.contacts.push(p);
                }
            }
        }

        // Hours.
        let sched: Vec<(usize, Row)> = self.rows("schedule").iter().cloned().enumerate().collect();
        let is_service_row = |r: &Row| {
            svc_ids
                .iter()
                .any(|s| !s.is_empty() && g(r, "service_id") == s)
                || sal_ids.contains_key(g(r, "service_at_location_id"))
        };
        let (mut hours_rows, mut reception_rows) = (Vec::new(), Vec::new());
        for (i, r) in &sched {
            let at_loc = !loc_id.is_empty()
                && g(r, "location_id") == loc_id
                && g(r, "service_id").is_empty()
                && g(r, "service_at_location_id").is_empty();
            if at_loc {
                self.used_schedules.insert(*i);
                if g(r, "description") == SCHEDULE_RECEPTION {
                    reception_rows.push(*i);
                } else {
                    hours_rows.push(*i);
                }
            }
        }
        let service_rows: Vec<Vec<usize>> = svcs
            .iter()
            .enumerate()
            .map(|(s, _)| {
                sched
                    .iter()
                    .filter(|(_, r)| {
                        is_service_row(r)
                            && (g(r, "service_id") == svc_ids[s]
                                || sal_ids.get(g(r, "service_at_location_id")) == Some(&s))
                    })
                    .map(|(i, _)| *i)
                    .collect()
            })
            .collect();
        for rows in &service_rows {
            self.used_schedules.extend(rows.iter().copied());
        }
        let mut borrowed_from: Option<usize> = None;
        if hours_rows.is_empty() && g(&loc, "refdesk_hours").is_empty() {
            // A foreign package often gives hours per service only: take the agency's hours
            // from the first service that has any.
            if let Some(s) = service_rows.iter().position(|r| !r.is_empty()) {
                hours_rows = service_rows[s].clone();
                borrowed_from = Some(s);
                let name = g(&svcs[s], "name").to_string();
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
        }
        let (week, any) = self.week(&hours_rows);
        let (hours, lunch, mismatch) = choose(
            o(&loc, "refdesk_hours"),
            o(&loc, "refdesk_lunch"),
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
            self.schedule_text(&hours_rows),
            a.hours.as_deref(),
            a.lunch.as_deref(),
        );
        let (rweek, rany) = self.week(&reception_rows);
        a.reception = choose(
            o(&loc, "refdesk_reception"),
            None,
            &rweek,
            rany,
            Break::Keep,
        )
        .0;
        let lunch_parsed = a.lunch.as_deref().and_then(|l| hours::parse_lunch(l).ok());

        // Verification, status, notices.
        a.verified = o(&loc, "refdesk_verified").and_then(|d| d.parse::<Date>().ok());
        a.verified_by = o(&loc, "refdesk_verified_by");
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
        for s in &svcs {
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
        let statuses: Vec<Status> = svcs
            .iter()
            .map(|s| match g(s, "status").to_lowercase().as_str() {
                "temporarily closed" | "temporarily-closed" => Status::TemporarilyClosed,
                "inactive" | "defunct" => Status::Closed,
                _ => Status::Active,
            })
            .collect();
        let status = if has_status {
            o(&loc, "refdesk_status").and_then(|s| Status::parse(&s))
        } else if statuses.is_empty() || statuses.contains(&Status::Active) {
            None
        } else if statuses.contains(&Status::TemporarilyClosed) {
            Some(Status::TemporarilyClosed)
        } else {
            Some(Status::Closed)
        };
        let agency_status = status.unwrap_or_default();
        for (s, st) in svcs.iter().zip(&statuses) {
            if *st != agency_status {
                self.lost(format!("{stem}.status"), g(s, "id"));
            }
        }
        a.status = status
            .filter(|s| *s != Status::Active)
            .map(|s| s.code().into());
        a.alert = if has_alert {
            o(&loc, "refdesk_alert")
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
        a.notes = o(&loc, "refdesk_notes");

        // Services.
        for (s, row) in svcs.iter().enumerate() {
            let mut svc = DService {
                name: g(row, "name").to_string(),
                description: o(row, "description"),
                appointment: o(row, "refdesk_appointment")
                    .filter(|x| Appointment::parse(x).is_some()),
                booking: o(row, "refdesk_booking"),
                eligibility: o(row, "eligibility_description"),
                duration: o(row, "wait_time"),
                online: o(row, "refdesk_online"),
                contacts: std::mem::take(&mut service_people[s]),
                ..Default::default()
            };
            let (_, topics) = self.classification(&[svc_ids[s].as_str()], terms);
            svc.topics = topics;
            svc.fee = o(row, "fees_description").or_else(|| o(row, "fees"));
            if o(row, "fees").is_some()
                && o(row, "fees_description").is_some()
                && o(row, "fees") != o(row, "fees_description")
            {
                self.lost(format!("{stem}.fees"), g(row, "id"));
            }
            svc.steps = steps(g(row, "application_process"));
            let sid = svc_ids[s].clone();
            svc.documents = self
                .rows("required_document")
                .iter()
                .filter(|r| !sid.is_empty() && g(r, "service_id") == sid)
                .filter_map(|r| o(r, "document"))
                .collect();
            if borrowed_from != Some(s) {
                let (w, any) = self.week(&service_rows[s]);
                let brk = match &lunch_parsed {
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
                        &mut a.remarks,
                    );
                }
                let text = free_schedule_text(
                    self.schedule_text(&service_rows[s]),
                    h.as_deref(),
                    a.lunch.as_deref(),
                );
                svc.hours = h;
                if text.is_some() {
                    let st = self.stem("schedule");
                    self.lost(format!("{st}.description/notes"), svc_ids[s].clone());
                }
            }
            if svc.name.is_empty() {
                let m = self.pick("послуги без назви", "services without a name");
                self.lost(format!("{stem} — {m}"), svc_ids[s].clone());
                continue;
            }
            a.services.push(svc);
        }
        a
    }

    pub(super) fn address(&mut self, loc_id: &str, a: &mut DAgency) {
        let mut rows: Vec<Row> = self
            .rows("address")
            .iter()
            .filter(|r| !loc_id.is_empty() && g(r, "location_id") == loc_id)
            .cloned()
            .collect();
        if rows.is_empty() {
            return;
        }
        // The visiting address first.
        rows.sort_by_key(|r| g(r, "address_type") != "physical");
        let r = rows.remove(0);
        let stem = self.stem("address");
        if !rows.is_empty() {
            let m = self.pick(
                "додаткові адреси локації",
                "further addresses of a location",
            );
            self.lost_rows(format!("{stem} — {m}"), rows.len());
        }
        let street: Vec<String> = [o(&r, "address_1"), o(&r, "address_2")]
            .into_iter()
            .flatten()
            .collect();
        a.address = Some(street.join(", ")).filter(|s| !s.is_empty());
        a.locality = o(&r, "city");
        let district: Vec<String> = [o(&r, "region"), o(&r, "state_province")]
            .into_iter()
            .flatten()
            .collect();
        a.district = Some(district.join(", ")).filter(|s| !s.is_empty());
        a.postcode = o(&r, "postal_code");
        if let Some(c) = o(&r, "country").filter(|c| !c.eq_ignore_ascii_case("UA")) {
            match &mut a.locality {
                Some(l) => *l = format!("{l} ({c})"),
                None => self.lost(format!("{stem}.country"), g(&r, "id")),
            }
        }
    }
}

/// Texts joined into one paragraph, with a full stop where a text has none.
pub(super) fn join_sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?', '…']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(p);
    }
    out
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

pub(super) fn valid_id(id: &str) -> bool {
    id.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A Latin id from a name: Ukrainian letters transliterated by the official table (Cabinet of
/// Ministers resolution No. 55, 2010), everything else that is not a letter or digit a hyphen.
pub fn slug(name: &str) -> String {
    let key: String = name
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
        .collect();
    let out: String = crate::search::transliterate(&key)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut s = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !s.is_empty() && s.len() + part.len() + 1 > 48 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(part);
    }
    if s.is_empty() {
        "agency".to_string()
    } else {
        s
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

    #[test]
    fn slug_transliterates_ukrainian_names() {
        assert_eq!(
            slug("Центр надання адміністративних послуг"),
            "tsentr-nadannia-administratyvnykh-posluh"
        );
        assert_eq!(slug("Єдине вікно"), "yedyne-vikno");
        assert_eq!(
            slug("Example Organization Inc."),
            "example-organization-inc"
        );
        assert_eq!(slug("!!!"), "agency");
        assert!(slug(&"дуже довга назва ".repeat(10)).len() <= 48);
    }
}

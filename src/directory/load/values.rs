//! The directory's composite values read through [`Fields`]: phones, people, hours and the
//! lunch break, services, abbreviations, the area served.

use super::*;

impl Fields<'_, '_, '_, '_> {
    pub(super) fn phone_value(
        &mut self,
        v: &Spanned<DeValue>,
        key: &str,
        raw: &str,
    ) -> Option<phone::Phone> {
        match phone::parse(raw) {
            Ok(p) => Some(p),
            Err(e) => {
                let at = self.src.pos(&v.span());
                let lang = self.l.lang;
                let e = e.message(lang);
                let m = match lang {
                    Lang::Uk => format!("поле \"{key}\": {e}"),
                    Lang::En => format!("field \"{key}\": {e}"),
                };
                self.report(Severity::Error, at, "invalid-phone", m);
                None
            }
        }
    }

    pub(super) fn phone_entry(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<PhoneEntry> {
        match v.get_ref() {
            DeValue::String(s) => {
                let raw = s.trim().to_string();
                let number = self.phone_value(v, key, &raw)?;
                Some(PhoneEntry {
                    raw,
                    number,
                    note: None,
                })
            }
            DeValue::Table(t) => {
                let mut sub = Fields::new(
                    self.l,
                    self.src,
                    t,
                    v.span(),
                    PHONE_FIELDS,
                    self.agency.clone(),
                );
                let raw = sub.req_str("number");
                let note = sub.opt_str("note");
                let number = match (&raw, sub.get("number")) {
                    (Some(r), Some(nv)) => sub.phone_value(nv, key, r),
                    _ => None,
                };
                let ok = sub.finish();
                self.errors += usize::from(!ok);
                Some(PhoneEntry {
                    raw: raw?,
                    number: number?,
                    note,
                })
            }
            _ => {
                self.type_error(
                    v,
                    key,
                    "рядком \"+380 44 123 45 67\" або таблицею { number = \"…\", note = \"…\" }",
                    "a string \"+380 44 123 45 67\" or a table { number = \"…\", note = \"…\" }",
                );
                None
            }
        }
    }

    /// `serves`: `"country"`, `"oblast"`, or an array of localities.
    pub(super) fn serves(&mut self, key: &str) -> Option<Serves> {
        let v = self.get(key)?;
        if matches!(v.get_ref(), DeValue::String(_)) {
            return self.opt_enum(
                key,
                Serves::parse,
                "\"country\", \"oblast\" or a list of localities [\"Бердичів\", \"с. Семенівка\"]",
            );
        }
        if !matches!(v.get_ref(), DeValue::Array(_)) {
            self.type_error(
                v,
                key,
                "\"country\", \"oblast\" або масивом населених пунктів, напр. [\"Бердичів\", \"с. Семенівка\"]",
                "\"country\", \"oblast\" or an array of localities, e.g. [\"Бердичів\", \"с. Семенівка\"]",
            );
            return None;
        }
        let list = self.str_array(key);
        if list.is_empty() {
            let m = self.l.msg(
                "порожній список \"serves\" — назвіть населені пункти, які обслуговує установа, або приберіть поле",
                "an empty \"serves\" list — name the localities the agency serves, or remove the field",
            );
            self.error_at(key, "invalid-value", m);
            return None;
        }
        Some(Serves::Localities(list))
    }

    pub(super) fn phones(&mut self, key: &str) -> Vec<PhoneEntry> {
        let Some(v) = self.get(key) else {
            self.missing(key, false);
            return Vec::new();
        };
        let items: Vec<&Spanned<DeValue>> = match v.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            // A single phone written without brackets is accepted: it is obvious what was meant.
            DeValue::String(_) | DeValue::Table(_) => vec![v],
            _ => {
                self.type_error(v, key, "масивом телефонів", "an array of phones");
                return Vec::new();
            }
        };
        let errors_before = self.errors;
        let out: Vec<PhoneEntry> = items
            .into_iter()
            .filter_map(|i| self.phone_entry(i, key))
            .collect();
        if out.is_empty() && self.errors == errors_before {
            self.missing(key, false);
        }
        out
    }

    pub(super) fn hours(&mut self, key: &str, required: bool) -> Option<HoursField> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(key, false);
            }
            return None;
        };
        let raw = self.str_value(v, key)?;
        match hours::parse(&raw) {
            Ok(parsed) => Some(HoursField { raw, parsed }),
            Err(e) => {
                self.hours_error(v, key, e);
                None
            }
        }
    }

    pub(super) fn hours_error(&mut self, v: &Spanned<DeValue>, key: &str, e: hours::HoursError) {
        let at = self.pos_in_string(v, e.offset);
        // The parser's message already says what is wrong and how to write it.
        let lang = self.l.lang;
        let m = match lang {
            Lang::Uk => format!("поле \"{key}\" не розпізнано: {}", e.message(lang)),
            Lang::En => format!("cannot read \"{key}\": {}", e.message(lang)),
        };
        self.report(Severity::Error, at, "invalid-hours", m);
    }

    pub(super) fn lunch(&mut self, key: &str) -> Option<LunchField> {
        let v = self.get(key)?;
        let raw = self.str_value(v, key)?;
        match hours::parse_lunch(&raw) {
            Ok(parsed) => Some(LunchField { raw, parsed }),
            Err(e) => {
                self.hours_error(v, key, e);
                None
            }
        }
    }

    pub(super) fn person_value(&mut self, v: &Spanned<DeValue>, key: &str) -> Option<Person> {
        let DeValue::Table(t) = v.get_ref() else {
            self.type_error(
                v,
                key,
                "таблицею { name = \"Прізвище Ім'я По батькові\", title = \"…\", phone = \"…\" }",
                "a table { name = \"…\", title = \"…\", phone = \"…\" }",
            );
            return None;
        };
        let mut sub = Fields::new(
            self.l,
            self.src,
            t,
            v.span(),
            PERSON_FIELDS,
            self.agency.clone(),
        );
        let name = sub.req_str("name");
        let title = sub.opt_str("title");
        let phone = match sub.get("phone") {
            Some(pv) => sub.phone_entry(pv, "phone"),
            None => None,
        };
        let room = sub.opt_str("room");
        let email = sub.opt_str("email");
        let ok = sub.finish();
        if !ok {
            self.errors += 1;
            return None;
        }
        Some(Person {
            name: name?,
            title,
            phone,
            room,
            email,
        })
    }

    pub(super) fn person(&mut self, key: &str) -> Option<Person> {
        let v = self.get(key)?;
        self.person_value(v, key)
    }

    pub(super) fn persons(&mut self, key: &str) -> Vec<Person> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| self.person_value(i, key))
                .collect(),
            DeValue::Table(_) => self.person_value(v, key).into_iter().collect(),
            _ => {
                self.type_error(
                    v,
                    key,
                    "масивом осіб [{ name = \"…\" }]",
                    "an array of people [{ name = \"…\" }]",
                );
                Vec::new()
            }
        }
    }

    pub(super) fn services(&mut self, key: &str) -> Vec<Service> {
        let mut out = Vec::new();
        for (item, t) in self.tables(key, "agency.service") {
            let at = self.src.pos(&item.span());
            let mut sub = Fields::new(
                self.l,
                self.src,
                t,
                item.span(),
                SERVICE_FIELDS,
                self.agency.clone(),
            );
            let name = sub.req_str("name");
            let description = sub.opt_str("description");
            let topics = sub.str_array("topics");
            let appointment = sub.opt_enum(
                "appointment",
                Appointment::parse,
                "\"required\", \"recommended\", \"none\"",
            );
            let booking = sub.opt_str("booking");
            let documents = sub.str_array("documents");
            let steps = sub.str_array("steps");
            let eligibility = sub.opt_str("eligibility");
            let fee = sub.opt_str("fee");
            let duration = sub.opt_str("duration");
            let online = sub.opt_str("online");
            let contacts = sub.persons("contacts");
            let hours = sub.hours("hours", false);
            let ok = sub.finish();
            if !ok {
                self.errors += 1;
                continue;
            }
            let Some(name) = name else { continue };
            if documents.is_empty() && steps.is_empty() {
                let m = match self.l.lang {
                    Lang::Uk => format!(
                        "послуга \"{name}\" не має ні \"documents\", ні \"steps\" — додайте, що взяти з собою або що робити: без цього направлення неповне"
                    ),
                    Lang::En => format!(
                        "service \"{name}\" has neither \"documents\" nor \"steps\" — say what to bring or what to do: the referral is incomplete without it"
                    ),
                };
                self.report(Severity::Warning, at, "no-documents-or-steps", m);
            }
            out.push(Service {
                name,
                description,
                topics,
                appointment,
                booking,
                documents,
                steps,
                eligibility,
                fee,
                duration,
                online,
                contacts,
                hours,
            });
        }
        out
    }

    /// `[[directory.abbreviation]]`: what the read-out phrase says for an abbreviation.
    pub(super) fn abbreviations(&mut self, key: &str) -> Vec<Abbreviation> {
        let mut out = Vec::new();
        for (item, t) in self.tables(key, "directory.abbreviation") {
            let mut sub = Fields::new(self.l, self.src, t, item.span(), ABBREVIATION_FIELDS, None);
            let short = sub.req_str("short");
            let full = sub.req_str("full");
            let genitive = sub.opt_str("genitive");
            let locative = sub.opt_str("locative");
            let accusative = sub.opt_str("accusative");
            if let (true, Some(short), Some(full)) = (sub.finish(), short, full) {
                out.push(Abbreviation {
                    short,
                    full,
                    genitive,
                    locative,
                    accusative,
                });
            }
        }
        out
    }
}

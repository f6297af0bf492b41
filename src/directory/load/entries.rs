//! Building the entries of a document — agencies, categories, the `[directory]` table — and
//! the checks that need the whole directory (categories, successors, duplicate ids).

use super::*;

pub(crate) const AGENCY_FIELDS: &[&str] = &[
    "id",
    "name",
    "short_name",
    "name_genitive",
    "gender",
    "category",
    "topics",
    "description",
    "remote",
    "serves",
    "locality",
    "district",
    "province",
    "country",
    "address",
    "postcode",
    "address_note",
    "accessibility",
    "coordinates",
    "phones",
    "email",
    "website",
    "hours",
    "lunch",
    "reception",
    "hours_note",
    "head",
    "contacts",
    "verified",
    "verified_by",
    "status",
    "successor",
    "alert",
    "notes",
    "service",
];
pub(crate) const SERVICE_FIELDS: &[&str] = &[
    "name",
    "description",
    "topics",
    "appointment",
    "booking",
    "documents",
    "steps",
    "eligibility",
    "fee",
    "duration",
    "online",
    "contacts",
    "hours",
];
pub(crate) const PERSON_FIELDS: &[&str] = &["name", "title", "phone", "room", "email"];
pub(super) const PHONE_FIELDS: &[&str] = &["number", "note"];
pub(super) const CATEGORY_FIELDS: &[&str] = &["id", "name", "name_en"];
pub(super) const DIRECTORY_FIELDS: &[&str] = &["name", "demo", "note", "province", "abbreviation"];
pub(super) const ABBREVIATION_FIELDS: &[&str] =
    &["short", "full", "genitive", "locative", "accusative"];
pub(super) const TOP_LEVEL: &[&str] = &["agency", "category", "directory"];

impl Loader {
    pub(super) fn directory_meta(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let mut f = Fields::new(self, src, t, span, DIRECTORY_FIELDS, None);
        let name = f.opt_str("name");
        let demo = f.opt_bool("demo");
        let note = f.opt_str("note");
        let province = f.opt_str("province");
        let abbreviations = f.abbreviations("abbreviation");
        f.finish();
        self.meta.abbreviations.extend(abbreviations);
        if name.is_some() {
            self.meta.name = name;
        }
        if let Some(d) = demo {
            self.meta.demo |= d;
        }
        if note.is_some() {
            self.meta.note = note;
        }
        if province.is_some() {
            self.meta.province = province;
        }
    }

    pub(super) fn category(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let at = src.pos(&span);
        let mut f = Fields::new(self, src, t, span, CATEGORY_FIELDS, None);
        let id = f.req_str("id");
        let name = f.req_str("name");
        let name_en = f.opt_str("name_en");
        let ok = f.finish();
        if let (true, Some(id), Some(name)) = (ok, id, name) {
            self.declared
                .push((Category { id, name, name_en }, src.name.to_string(), at));
        }
    }

    /// Reads an `[[agency]]` entry in file order; a complete one joins the directory, an
    /// incomplete one is still checked against the whole directory.
    pub(super) fn agency(&mut self, src: &Src, t: &DeTable, span: Range<usize>) {
        let origin_at = src.pos(&span);
        let mut f = Fields::new(self, src, t, span.clone(), AGENCY_FIELDS, id_hint(t));
        let id = f.req_str("id");
        let id_at = f.pos_of("id").unwrap_or(origin_at);
        if let Some(id) = &id {
            check_id(&mut f, id);
        }
        let name = f.req_str("name");
        let short_name = f.opt_str("short_name");
        let name_genitive = f.opt_str("name_genitive");
        let gender = f.opt_enum("gender", Gender::parse, "\"m\", \"f\", \"n\", \"pl\"");
        let category = f.req_str("category");
        let category_at = f.pos_of("category").unwrap_or(origin_at);
        let topics = f.str_array("topics");
        let description = f.opt_str("description");
        let remote = f.opt_bool("remote").unwrap_or(false);
        let serves = f.serves("serves");
        let serves_at = f.pos_of("serves").unwrap_or(origin_at);
        let place = place(&mut f, remote);
        let phones = f.phones("phones");
        let email = f.opt_str("email");
        let website = f.opt_str("website");
        let hours = f.hours("hours", true);
        let lunch = f.lunch("lunch");
        let reception = f.hours("reception", false);
        let hours_note = f.opt_str("hours_note");
        let head = f.person("head");
        let contacts = f.persons("contacts");
        let verified = f.date("verified");
        let verified_at = f.get("verified").map_or(origin_at, |v| src.pos(&v.span()));
        let verified_by = f.opt_str("verified_by");
        let status = status(&mut f);
        let successor = f.opt_str("successor");
        let alert = f.opt_str("alert");
        let notes = f.opt_str("notes");
        let services = f.services("service");
        let ok = f.finish();
        let complete = ok && name.is_some() && hours.is_some();
        let (Some(id), Some(name), Some(category), Some(hours), Some(verified), true) = (
            id.clone(),
            name,
            category.clone(),
            hours,
            verified,
            complete,
        ) else {
            self.skipped(src, id, (category, category_at), (verified, verified_at));
            return;
        };
        let agency = Agency {
            id,
            name,
            short_name,
            name_genitive,
            gender,
            category,
            topics,
            description,
            remote,
            serves,
            locality: place.locality,
            district: place.district,
            province: place.province,
            country: place.country,
            address: place.address,
            postcode: place.postcode,
            address_note: place.address_note,
            accessibility: place.accessibility,
            coordinates: place.coordinates,
            phones,
            email,
            website,
            hours,
            lunch,
            reception,
            hours_note,
            head,
            contacts,
            verified,
            verified_by,
            status,
            successor,
            alert,
            notes,
            services,
            origin: Origin {
                file: src.name.to_string(),
                line: origin_at.line,
                verified: (verified_at.line, verified_at.column),
            },
        };
        self.entry_warnings(src, &agency, origin_at);
        self.agencies.push(Pending {
            agency,
            category_at,
            id_at,
            serves_at,
        });
    }

    /// An entry left out, but still checked against the whole directory and the date, so
    /// that every problem of the entry is reported in one run.
    fn skipped(
        &mut self,
        src: &Src,
        id: Option<String>,
        category: (Option<String>, Pos),
        verified: (Option<Date>, Pos),
    ) {
        if let (Some(c), at) = category {
            self.skipped_categories
                .push((c, at, src.name.to_string(), id.clone()));
        }
        if let (Some(date), at) = verified {
            self.skipped_dates.push(SkippedDate {
                file: src.name.to_string(),
                at: (at.line, at.column),
                date,
                agency: id,
            });
        }
    }

    /// Warnings that concern a whole, otherwise valid entry.
    pub(super) fn entry_warnings(&mut self, src: &Src, a: &Agency, at: Pos) {
        let id = Some(a.id.as_str());
        if a.head.is_none() && a.contacts.is_empty() {
            let m = self.msg(
                "немає ні \"head\", ні \"contacts\" — додайте керівника або фахівця з ПІБ і телефоном: настанова вимагає називати конкретну особу",
                "neither \"head\" nor \"contacts\" — add the head or a specialist with full name and phone: a referral should name a person",
            );
            self.push(Severity::Warning, src, at, "no-contact", m, id);
        }
        let latin = visible_texts(a)
            .into_iter()
            .flat_map(|(field, text)| {
                grammar::latin_words(text)
                    .into_iter()
                    .map(move |w| format!("\"{w}\" ({field})"))
            })
            .collect::<Vec<_>>();
        if !latin.is_empty() {
            let m = match self.lang {
                Lang::Uk => format!(
                    "англійські слова в тексті, який бачить або чує відвідувач: {} — напишіть українською",
                    latin.join(", ")
                ),
                Lang::En => format!(
                    "English words in text the visitor sees or hears: {} — write it in Ukrainian",
                    latin.join(", ")
                ),
            };
            self.push(Severity::Warning, src, at, "english-word", m, id);
        }
        let has_genitive = a.name_genitive.is_some() || grammar::genitive(&a.name).is_some();
        let has_gender = a.gender.is_some() || grammar::head_gender(&a.name).is_some();
        if !(has_genitive && has_gender) {
            let m = self.msg(
                "фразу для зачитування не можна побудувати граматично — додайте \"name_genitive\" (назва після «звернутися до …») і \"gender\" (\"m\", \"f\", \"n\" або \"pl\")",
                "the read-out phrase cannot be built grammatically — add \"name_genitive\" (the name after «звернутися до …») and \"gender\" (\"m\", \"f\", \"n\" or \"pl\")",
            );
            self.push(Severity::Warning, src, at, "no-genitive", m, id);
        }
    }

    /// A closed agency should name where its visitors go now: the phrase and the slip send
    /// them there, and never to the closed address.
    pub(super) fn successor_warnings(&mut self, agencies: &[Agency]) {
        for a in agencies {
            let (uk, en) = match (&a.successor, a.status) {
                (None, Status::Closed) => (
                    "установу закрито, але не вказано, куди звертатися замість неї — додайте \"successor\" з ідентифікатором установи, що її замінила".to_string(),
                    "the agency is closed but names no successor — add \"successor\" with the id of the agency that replaced it".to_string(),
                ),
                (Some(s), _) => match agencies.iter().find(|b| b.id == *s) {
                    None => (
                        format!("\"successor\": установи \"{s}\" в довіднику немає — вкажіть ідентифікатор наявної установи"),
                        format!("\"successor\": there is no agency \"{s}\" in the directory — give the id of an existing one"),
                    ),
                    Some(b) if b.status != Status::Active => (
                        format!("\"successor\": установа \"{s}\" теж не працює — вкажіть чинну"),
                        format!("\"successor\": agency \"{s}\" is not active either — name an active one"),
                    ),
                    Some(_) => continue,
                },
                _ => continue,
            };
            let message = self.lang.pick(&uk, &en).to_string();
            self.diags.push(Diagnostic {
                severity: Severity::Warning,
                file: a.origin.file.clone(),
                line: a.origin.line,
                column: 1,
                code: "successor",
                message,
                agency: Some(a.id.clone()),
            });
        }
    }

    /// An oblast office must say which oblast: its `province`, or the directory's (known only
    /// once every file is read).
    fn oblast_warnings(&mut self) {
        let unsaid: Vec<(String, Pos, String)> = self
            .agencies
            .iter()
            .filter(|p| {
                let a = &p.agency;
                a.serves == Some(Serves::Oblast)
                    && a.oblast(self.meta.province.as_deref()).is_none()
            })
            .map(|p| {
                (
                    p.agency.origin.file.clone(),
                    p.serves_at,
                    p.agency.id.clone(),
                )
            })
            .collect();
        for (file, at, id) in unsaid {
            let message = self.msg(
                "serves = \"oblast\", але не сказано, яка це область — додайте \"province\" (напр. \"Житомирська область\") до установи або до [directory] для всього довідника; доти установа обслуговує лише свій населений пункт",
                "serves = \"oblast\", but which oblast is not said — add \"province\" (e.g. \"Житомирська область\") to the agency, or to [directory] for the whole directory; until then it serves its own locality only",
            );
            self.diags.push(Diagnostic {
                severity: Severity::Warning,
                file,
                line: at.line,
                column: at.column,
                code: "no-oblast",
                message,
                agency: Some(id),
            });
        }
    }

    pub(super) fn finish(mut self) -> Directory {
        self.oblast_warnings();
        let mut categories: Vec<Category> = BUILTIN_CATEGORIES
            .iter()
            .map(|(id, uk, en)| Category {
                id: id.to_string(),
                name: uk.to_string(),
                name_en: Some(en.to_string()),
            })
            .collect();
        for (c, _, _) in std::mem::take(&mut self.declared) {
            match categories.iter_mut().find(|x| x.id == c.id) {
                Some(existing) => *existing = c,
                None => categories.push(c),
            }
        }

        let mut agencies = Vec::new();
        let mut first_seen: HashMap<String, Origin> = HashMap::new();
        let mut name_addr: HashMap<(String, String), Origin> = HashMap::new();
        for p in std::mem::take(&mut self.agencies) {
            let a = p.agency;
            let src_name = a.origin.file.clone();
            let diag = |sev, at: Pos, code, message: String| Diagnostic {
                severity: sev,
                file: src_name.clone(),
                line: at.line,
                column: at.column,
                code,
                message,
                agency: Some(a.id.clone()),
            };
            if let Some(first) = first_seen.get(&a.id) {
                let m = match self.lang {
                    Lang::Uk => format!(
                        "повторний ідентифікатор \"{}\", уперше визначений у {first} — дайте цьому запису інший \"id\"",
                        a.id
                    ),
                    Lang::En => format!(
                        "duplicate id \"{}\", first defined at {first} — give this entry another \"id\"",
                        a.id
                    ),
                };
                self.diags
                    .push(diag(Severity::Error, p.id_at, "duplicate-id", m));
                continue;
            }
            if let Some(m) = unknown_category(&categories, &a.category, self.lang) {
                self.diags
                    .push(diag(Severity::Error, p.category_at, "unknown-category", m));
                continue;
            }
            if let Some(addr) = &a.address {
                let key = (a.name.trim().to_lowercase(), addr.trim().to_lowercase());
                if let Some(first) = name_addr.get(&key) {
                    let m = match self.lang {
                        Lang::Uk => format!(
                            "установа з такою самою назвою та адресою вже є у {first} — можливо, це дублікат"
                        ),
                        Lang::En => format!(
                            "an agency with the same name and address is already at {first} — possibly a duplicate"
                        ),
                    };
                    let at = Pos {
                        line: a.origin.line,
                        column: 1,
                    };
                    self.diags
                        .push(diag(Severity::Warning, at, "duplicate-agency", m));
                } else {
                    name_addr.insert(key, a.origin.clone());
                }
            }
            first_seen.insert(a.id.clone(), a.origin.clone());
            agencies.push(a);
        }
        self.successor_warnings(&agencies);
        sort_diagnostics(&mut self.diags);
        for (category, at, file, agency) in std::mem::take(&mut self.skipped_categories) {
            if let Some(message) = unknown_category(&categories, &category, self.lang) {
                self.diags.push(Diagnostic {
                    severity: Severity::Error,
                    file,
                    line: at.line,
                    column: at.column,
                    code: "unknown-category",
                    message,
                    agency,
                });
            }
        }
        sort_diagnostics(&mut self.diags);
        Directory {
            meta: self.meta,
            agencies,
            categories,
            diagnostics: self.diags,
            files: Vec::new(),
            skipped_dates: self.skipped_dates,
            thesaurus: self.thesaurus,
        }
    }
}

/// The agency's texts a visitor sees on a slip or hears in the phrase, with their field names.
pub(super) fn visible_texts(a: &Agency) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = vec![("name", &a.name)];
    pub(super) fn opt<'a>(
        out: &mut Vec<(&'static str, &'a str)>,
        f: &'static str,
        v: &'a Option<String>,
    ) {
        if let Some(v) = v {
            out.push((f, v.as_str()));
        }
    }
    pub(super) fn people<'a>(
        out: &mut Vec<(&'static str, &'a str)>,
        ps: impl Iterator<Item = &'a Person>,
    ) {
        for p in ps {
            out.extend(p.title.as_deref().map(|t| ("title", t)));
            out.extend(p.room.as_deref().map(|t| ("room", t)));
        }
    }
    opt(&mut out, "address", &a.address);
    opt(&mut out, "address_note", &a.address_note);
    opt(&mut out, "hours_note", &a.hours_note);
    opt(&mut out, "alert", &a.alert);
    out.extend(
        a.phones
            .iter()
            .filter_map(|p| p.note.as_deref().map(|n| ("phones", n))),
    );
    people(&mut out, a.head.iter().chain(&a.contacts));
    for s in &a.services {
        out.push(("service.name", &s.name));
        opt(&mut out, "booking", &s.booking);
        opt(&mut out, "fee", &s.fee);
        opt(&mut out, "online", &s.online);
        out.extend(s.documents.iter().map(|d| ("documents", d.as_str())));
        out.extend(s.steps.iter().map(|d| ("steps", d.as_str())));
        people(&mut out, s.contacts.iter());
    }
    out
}

/// An id is lowercase Latin letters, digits and hyphens, starting with a letter or digit.
fn check_id(f: &mut Fields, id: &str) {
    let valid = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        let m = f.l.msg(
            "ідентифікатор має складатися з малих латинських літер, цифр і дефісів і починатися з літери чи цифри, напр. \"zt-dps-cop\"",
            "id must be lowercase Latin letters, digits and hyphens, starting with a letter or digit, e.g. \"zt-dps-cop\"",
        );
        f.error_at("id", "invalid-value", m);
    }
}

/// Where an agency is: the address fields, read in file order.
struct Place {
    locality: Option<String>,
    address: Option<String>,
    district: Option<String>,
    province: Option<String>,
    country: Option<String>,
    postcode: Option<String>,
    address_note: Option<String>,
    accessibility: Option<String>,
    coordinates: Option<(f64, f64)>,
}

/// Reads the place; a remote agency needs no locality or address.
fn place(f: &mut Fields, remote: bool) -> Place {
    let (locality, address) = if remote {
        (f.opt_str("locality"), f.opt_str("address"))
    } else {
        (
            f.req_str_because("locality", true),
            f.req_str_because("address", true),
        )
    };
    Place {
        locality,
        address,
        district: f.opt_str("district"),
        province: f.opt_str("province"),
        country: f
            .opt_enum(
                "country",
                country_code,
                "\"PL\", \"US\", \"GB\" … (ISO 3166-1)",
            )
            .filter(|c| c != "UA"),
        postcode: f.opt_str("postcode"),
        address_note: f.opt_str("address_note"),
        accessibility: f.opt_str("accessibility"),
        coordinates: f.coordinates("coordinates"),
    }
}

/// The entry's id as written, to name the agency in messages about its other fields.
fn id_hint(t: &DeTable) -> Option<String> {
    t.iter()
        .find(|(k, _)| k.get_ref() == "id")
        .and_then(|(_, v)| match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => None,
        })
}

fn status(f: &mut Fields) -> Status {
    f.opt_enum(
        "status",
        Status::parse,
        "\"active\", \"temporarily-closed\", \"closed\"",
    )
    .unwrap_or_default()
}

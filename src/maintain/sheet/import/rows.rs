//! One row of a sheet into a draft agency or service, cell by cell: what each field accepts,
//! and the problem said at the cell when a value cannot be used as it is.

use super::*;

fn lines(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A phone cell line «0412 42 61 30 — канцелярія».
fn phone(v: &str) -> DPhone {
    match v.split_once(NOTE_SEP) {
        Some((n, note)) => DPhone {
            number: n.trim().into(),
            note: Some(note.trim().into()),
        },
        None => DPhone {
            number: v.trim().into(),
            note: None,
        },
    }
}

/// Phones of a cell: one per line (or separated by «;» or «,» in an office's list).
fn phones(cx: &mut Ctx, r: usize, c: usize, v: &str) -> Vec<DPhone> {
    let mut out = Vec::new();
    for line in lines(v) {
        let p = phone(&line);
        if crate::phone::parse(&p.number).is_ok() {
            out.push(p);
            continue;
        }
        let parts: Vec<&str> = p
            .number
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if parts.len() > 1 && parts.iter().all(|n| crate::phone::parse(n).is_ok()) {
            out.extend(parts.into_iter().map(|n| DPhone {
                number: n.into(),
                note: None,
            }));
            continue;
        }
        cx.problem(
            r,
            c,
            format!("«{}» — не телефонний номер, який можна прочитати; записано як є — виправте у файлі", p.number),
            format!("\"{}\" is not a readable phone number; written as it is — fix it in the file", p.number),
        );
        out.push(p);
    }
    out
}

/// A person cell line: refdesk's «Ім'я | посада: … | телефон: …», or an office's «Ім'я,
/// посада, тел. …».
fn person(cx: &mut Ctx, r: usize, c: usize, v: &str) -> DPerson {
    let mut p = DPerson::default();
    if v.contains(PART_SEP.trim()) {
        let mut parts = v.split(PART_SEP.trim()).map(str::trim);
        p.name = parts.next().unwrap_or_default().to_string();
        for part in parts {
            let known = crate::maintain::sheet::PERSON_PARTS
                .iter()
                .find_map(|(field, label)| {
                    part.strip_prefix(label)
                        .and_then(|rest| rest.trim_start().strip_prefix(':'))
                        .map(|rest| (*field, rest.trim()))
                });
            match known {
                Some(("title", t)) => p.title = Some(t.into()),
                Some(("phone", t)) => p.phone = Some(phone(t)),
                Some(("room", t)) => p.room = Some(t.into()),
                Some((_, t)) => p.email = Some(t.into()),
                None => {
                    cx.problem(
                        r,
                        c,
                        format!("«{part}» — незрозуміла частина опису особи (бувають посада:, телефон:, кабінет:, e-mail:); додано до посади"),
                        format!("\"{part}\" is not a known part of a person (title:, phone:, room:, e-mail: are); added to the title"),
                    );
                    p.title = Some(match p.title.take() {
                        Some(t) => format!("{t}, {part}"),
                        None => part.to_string(),
                    });
                }
            }
        }
        return p;
    }
    let mut parts = v.split(',').map(str::trim).filter(|s| !s.is_empty());
    p.name = parts.next().unwrap_or_default().to_string();
    let mut title = Vec::new();
    for part in parts {
        let lower = part.to_lowercase();
        if let Some(n) = lower
            .strip_prefix("тел.")
            .or(lower.strip_prefix("тел:"))
            .or(lower.strip_prefix("тел "))
        {
            p.phone = Some(DPhone {
                number: n.trim().into(),
                note: None,
            });
        } else if lower.starts_with("каб") || lower.starts_with("вікно") {
            p.room = Some(part.into());
        } else if part.contains('@') {
            p.email = Some(part.into());
        } else {
            title.push(part);
        }
    }
    if !title.is_empty() {
        p.title = Some(title.join(", "));
    }
    p
}

fn opt(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// A date as written: 2026-10-15 or 15.10.2026.
fn date(v: &str) -> Option<Date> {
    v.parse::<Date>().ok().or_else(|| {
        let mut it = v.split('.').map(|p| p.trim().parse::<i16>().ok());
        let (d, m, y) = (it.next()??, it.next()??, it.next()??);
        Date::new(y, m as i8, d as i8).ok()
    })
}

/// Checks hours-like text; a value that does not parse is kept as written and reported.
fn check_hours(cx: &mut Ctx, r: usize, c: usize, v: &str, lunch: bool) {
    let bad = if lunch {
        crate::hours::parse_lunch(v).is_err()
    } else {
        crate::hours::parse(v).is_err()
    };
    if bad {
        cx.problem(
            r,
            c,
            format!("«{v}» — графік не розпізнано; записано як є — виправте у файлі (refdesk validate покаже, що саме)"),
            format!("\"{v}\" — the hours could not be read; written as they are — fix them in the file (refdesk validate says what is wrong)"),
        );
    }
}

/// The agency's plain text field `field`, if it is one.
fn text_slot<'a>(a: &'a mut DAgency, field: &str) -> Option<&'a mut Option<String>> {
    Some(match field {
        "short_name" => &mut a.short_name,
        "name_genitive" => &mut a.name_genitive,
        "description" => &mut a.description,
        "locality" => &mut a.locality,
        "district" => &mut a.district,
        "province" => &mut a.province,
        "country" => &mut a.country,
        "address" => &mut a.address,
        "address_note" => &mut a.address_note,
        "accessibility" => &mut a.accessibility,
        "email" => &mut a.email,
        "website" => &mut a.website,
        "hours_note" => &mut a.hours_note,
        "verified_by" => &mut a.verified_by,
        "successor" => &mut a.successor,
        "alert" => &mut a.alert,
        "notes" => &mut a.notes,
        _ => return None,
    })
}

pub(super) fn agency_row(
    cx: &mut Ctx,
    r: usize,
    cells: &[(usize, &'static Column, &str)],
) -> Option<DAgency> {
    let mut a = DAgency::default();
    for &(c, col, v) in cells {
        let v = v.to_string();
        if let Some(slot) = text_slot(&mut a, col.field) {
            *slot = Some(v);
            continue;
        }
        match col.field {
            "id" => a.id = v,
            "name" => a.name = v,
            "gender" => match v.as_str() {
                "m" | "f" | "n" | "pl" => a.gender = Some(v),
                _ => {
                    cx.problem(r, c, format!("рід «{v}» — буває m, f, n або pl; збережено в коментарі"), format!("gender \"{v}\" — it is m, f, n or pl; kept in a comment"));
                    a.remarks.push(format!("рід у таблиці: {v}"));
                }
            },
            "category" => a.category = category(cx, r, c, &v, &mut a.remarks),
            "topics" => a.topics = lines(&v),
            "remote" => match v.to_lowercase().as_str() {
                "так" | "true" | "yes" | "1" | "+" | "да" => a.remote = true,
                "ні" | "false" | "no" | "0" | "-" | "нет" => {}
                _ => cx.problem(r, c, format!("«{v}» — тут буває «так» або «ні»; вважаємо «ні»"), format!("\"{v}\" — this is «так» (yes) or «ні» (no); taken as no")),
            },
            "serves" => {
                a.serves = Some(match v.to_lowercase().as_str() {
                    "уся україна" | "вся україна" | "україна" | "country" => "country".into(),
                    "уся область" | "вся область" | "область" | "oblast" => "oblast".into(),
                    _ => v.split([';', '\n']).map(str::trim).filter(|x| !x.is_empty()).collect::<Vec<_>>().join("; "),
                })
            }
            "postcode" => a.postcode = Some(if v.len() < 5 && v.bytes().all(|b| b.is_ascii_digit()) { format!("{v:0>5}") } else { v }),
            "coordinates" => {
                let parsed = v.split_once(',').and_then(|(la, lo)| Some((la.trim().parse().ok()?, lo.trim().parse().ok()?)));
                match parsed {
                    Some(p) => a.coordinates = Some(p),
                    None => {
                        cx.problem(r, c, format!("координати «{v}» не прочитано (має бути «50.2519, 28.6631»); збережено в коментарі"), format!("coordinates \"{v}\" could not be read (write «50.2519, 28.6631»); kept in a comment"));
                        a.remarks.push(format!("координати в таблиці: {v}"));
                    }
                }
            }
            "phones" => a.phones = phones(cx, r, c, &v),
            "hours" => {
                check_hours(cx, r, c, &v, false);
                a.hours = opt(&v);
            }
            "lunch" => {
                check_hours(cx, r, c, &v, true);
                a.lunch = opt(&v);
            }
            "reception" => {
                check_hours(cx, r, c, &v, false);
                a.reception = opt(&v);
            }
            "head" => a.head = Some(person(cx, r, c, &v)),
            "contacts" => a.contacts = lines(&v).iter().map(|l| person(cx, r, c, l)).collect(),
            "verified" => match date(&v) {
                Some(d) => a.verified = Some(d),
                None => cx.problem(r, c, format!("дата «{v}» не прочитана (2026-10-15 або 15.10.2026) — поставлено день імпорту"), format!("date \"{v}\" could not be read (2026-10-15 or 15.10.2026) — the import's day was set")),
            },
            "status" => a.status = status(cx, r, c, &v),
            _ => {}
        }
    }
    if a.name.trim().is_empty() {
        cx.problem(
            r,
            0,
            "у рядку немає назви установи — рядок не перенесено; впишіть назву й імпортуйте знову".into(),
            "the row has no agency name — it was not carried over; fill in the name and import again".into(),
        );
        return None;
    }
    if a.category.is_empty() {
        a.category = "other".into();
        a.remarks.push(
            cx.lang
                .pick(
                    "категорію не вказано — поставлено «other» (Інше)",
                    "no category given — set to \"other\"",
                )
                .into(),
        );
    }
    if a.verified.is_none() {
        a.verified = Some(cx.today);
        a.remarks.push(
            cx.lang
                .pick(
                    "дату перевірки не вказано — поставлено день імпорту",
                    "no verification date — set to the import's day",
                )
                .into(),
        );
    }
    // Where the row came from, for the maintainer checking the file against the sheet.
    a.remarks.insert(0, cx.row_words(r));
    Some(a)
}

fn category(cx: &mut Ctx, r: usize, c: usize, v: &str, remarks: &mut Vec<String>) -> String {
    let lower = v.to_lowercase();
    if let Some((id, _, _)) = BUILTIN_CATEGORIES
        .iter()
        .find(|(id, uk, en)| *id == v || uk.to_lowercase() == lower || en.to_lowercase() == lower)
    {
        return id.to_string();
    }
    // A category id of the directory's own `[[category]]`: kept, `validate` checks it.
    if v.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return v.to_string();
    }
    cx.problem(
        r,
        c,
        format!(
            "категорію «{v}» не знайдено — поставлено «other» (Інше), назву збережено в коментарі"
        ),
        format!("category \"{v}\" not found — set to \"other\", the name kept in a comment"),
    );
    remarks.push(format!("категорія в таблиці: {v}"));
    "other".into()
}

fn status(cx: &mut Ctx, r: usize, c: usize, v: &str) -> Option<String> {
    match v.to_lowercase().as_str() {
        "active" | "працює" => None,
        "temporarily-closed" | "тимчасово не працює" | "тимчасово закрита" => {
            Some("temporarily-closed".into())
        }
        "closed" | "закрита" | "не працює" | "ліквідована" => {
            Some("closed".into())
        }
        _ => {
            cx.problem(r, c, format!("стан «{v}» — буває порожньо, temporarily-closed або closed; вважаємо, що установа працює"), format!("status \"{v}\" — it is empty, temporarily-closed or closed; taken as active"));
            None
        }
    }
}

pub(super) fn service_row(
    cx: &mut Ctx,
    r: usize,
    cells: &[(usize, &'static Column, &str)],
) -> Option<(String, DService, String)> {
    let mut s = DService::default();
    let mut agency = String::new();
    for &(c, col, v) in cells {
        let v = v.to_string();
        match col.field {
            "agency" => agency = v,
            "name" => s.name = v,
            "description" => s.description = opt(&v),
            "topics" => s.topics = lines(&v),
            "appointment" => match v.as_str() {
                "required" | "recommended" | "none" => s.appointment = Some(v),
                _ => cx.problem(r, c, format!("«{v}» — попередній запис буває required, recommended або none; не перенесено"), format!("\"{v}\" — pre-registration is required, recommended or none; not carried over")),
            },
            "booking" => s.booking = opt(&v),
            "documents" => s.documents = lines(&v),
            "steps" => s.steps = lines(&v),
            "eligibility" => s.eligibility = opt(&v),
            "fee" => s.fee = opt(&v),
            "duration" => s.duration = opt(&v),
            "online" => s.online = opt(&v),
            "contacts" => s.contacts = lines(&v).iter().map(|l| person(cx, r, c, l)).collect(),
            "hours" => {
                check_hours(cx, r, c, &v, false);
                s.hours = opt(&v);
            }
            _ => {}
        }
    }
    if agency.is_empty() || s.name.is_empty() {
        cx.problem(
            r,
            0,
            "у рядку послуги бракує установи (id) або назви послуги — рядок не перенесено".into(),
            "the service row lacks its agency (id) or the service's name — it was not carried over"
                .into(),
        );
        return None;
    }
    Some((agency, s, cx.at(r, 0)))
}

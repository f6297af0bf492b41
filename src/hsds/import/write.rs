//! The imported directory as TOML text, with the import's remarks as comments above each entry.

use super::*;
use std::fmt::Write as _;

/// A TOML string literal, escaped by the `toml` crate.
pub(super) fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

pub(super) fn arr(items: &[String]) -> String {
    let v: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", v.join(", "))
}

pub(super) fn phone_value(p: &DPhone) -> String {
    match &p.note {
        Some(n) => format!("{{ number = {}, note = {} }}", q(&p.number), q(n)),
        None => q(&p.number),
    }
}

pub(super) fn person_value(p: &DPerson) -> String {
    let mut parts = vec![format!("name = {}", q(&p.name))];
    if let Some(t) = &p.title {
        parts.push(format!("title = {}", q(t)));
    }
    if let Some(ph) = &p.phone {
        parts.push(format!("phone = {}", phone_value(ph)));
    }
    if let Some(r) = &p.room {
        parts.push(format!("room = {}", q(r)));
    }
    if let Some(e) = &p.email {
        parts.push(format!("email = {}", q(e)));
    }
    format!("{{ {} }}", parts.join(", "))
}

pub(super) fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

pub(super) fn write_toml(
    agencies: &[DAgency],
    categories: &[(String, String, Option<String>)],
    meta: Option<&serde_json::Value>,
    dir: &Path,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}: {}\n",
        lang.pick(
            "Імпортовано з пакета Open Referral HSDS 3.0 командою `refdesk import hsds`",
            "Imported from an Open Referral HSDS 3.0 package with `refdesk import hsds`"
        ),
        comment(&dir.display().to_string())
    );
    s.push_str(&body_toml(agencies, categories, meta));
    s
}

/// The entries as TOML, without a header: `[directory]` from `meta`, the categories, then
/// each agency with its remarks as comments above it. The spreadsheet import writes with it.
pub(crate) fn body_toml(
    agencies: &[DAgency],
    categories: &[(String, String, Option<String>)],
    meta: Option<&serde_json::Value>,
) -> String {
    let mut s = String::new();
    if let Some(m) = meta {
        directory_toml(&mut s, m);
    }
    for (id, name, en) in categories {
        let _ = writeln!(s, "[[category]]\nid = {}\nname = {}", q(id), q(name));
        if let Some(e) = en {
            let _ = writeln!(s, "name_en = {}", q(e));
        }
        s.push('\n');
    }
    for a in agencies {
        for r in &a.remarks {
            let _ = writeln!(s, "# {}", comment(r));
        }
        s.push_str("[[agency]]\n");
        agency_place_toml(&mut s, a);
        agency_contacts_toml(&mut s, a);
        for svc in &a.services {
            s.push_str("\n[[agency.service]]\n");
            service_toml(&mut s, svc);
        }
        s.push('\n');
    }
    s
}

/// A `key = "text"` line for each text that is there.
fn texts(kv: &mut impl FnMut(&str, String), fields: &[(&str, &Option<String>)]) {
    for (k, v) in fields {
        if let Some(v) = v {
            kv(k, q(v));
        }
    }
}

/// One `key = value` line.
fn kv(s: &mut String, k: &str, v: String) {
    let _ = writeln!(s, "{k} = {v}");
}

/// `[directory]`, when `meta` says anything.
fn directory_toml(s: &mut String, m: &serde_json::Value) {
    let name = m.get("name").and_then(|v| v.as_str());
    let demo = m.get("demo").and_then(|v| v.as_bool()).unwrap_or(false);
    let note = m.get("note").and_then(|v| v.as_str());
    let province = m.get("province").and_then(|v| v.as_str());
    if name.is_some() || demo || note.is_some() || province.is_some() {
        s.push_str("[directory]\n");
        if let Some(n) = name {
            let _ = writeln!(s, "name = {}", q(n));
        }
        if demo {
            s.push_str("demo = true\n");
        }
        if let Some(n) = note {
            let _ = writeln!(s, "note = {}", q(n));
        }
        if let Some(p) = province {
            let _ = writeln!(s, "province = {}", q(p));
        }
        s.push('\n');
    }
}

/// The agency's names, category and place, in the file's order.
fn agency_place_toml(s: &mut String, a: &DAgency) {
    let mut kv = |k: &str, v: String| kv(s, k, v);
    kv("id", q(&a.id));
    kv("name", q(&a.name));
    let strs = |v: &Option<String>| v.as_deref().map(q);
    let fields: [(&str, Option<String>); 4] = [
        ("short_name", strs(&a.short_name)),
        ("name_genitive", strs(&a.name_genitive)),
        ("gender", strs(&a.gender)),
        ("category", Some(q(&a.category))),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            kv(k, v);
        }
    }
    if !a.topics.is_empty() {
        kv("topics", arr(&a.topics));
    }
    if let Some(d) = &a.description {
        kv("description", q(d));
    }
    if a.remote {
        kv("remote", "true".into());
    }
    match a.serves.as_deref() {
        None => {}
        Some(v @ ("country" | "oblast")) => kv("serves", q(v)),
        Some(list) => {
            let l: Vec<String> = list
                .split(SERVES_SEPARATOR.trim())
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect();
            kv("serves", arr(&l));
        }
    }
    texts(
        &mut kv,
        &[
            ("locality", &a.locality),
            ("district", &a.district),
            ("province", &a.province),
            ("country", &a.country),
            ("address", &a.address),
            ("postcode", &a.postcode),
            ("address_note", &a.address_note),
            ("accessibility", &a.accessibility),
        ],
    );
    if let Some((la, lo)) = a.coordinates {
        kv("coordinates", format!("[{la:?}, {lo:?}]"));
    }
}

/// The agency's phones, e-mail, hours, people and status, in the file's order.
fn agency_contacts_toml(s: &mut String, a: &DAgency) {
    let mut kv = |k: &str, v: String| kv(s, k, v);
    if !a.phones.is_empty() {
        let v: Vec<String> = a.phones.iter().map(phone_value).collect();
        kv("phones", format!("[{}]", v.join(", ")));
    }
    texts(
        &mut kv,
        &[
            ("email", &a.email),
            ("website", &a.website),
            ("hours", &a.hours),
            ("lunch", &a.lunch),
            ("reception", &a.reception),
            ("hours_note", &a.hours_note),
        ],
    );
    if let Some(h) = &a.head {
        kv("head", person_value(h));
    }
    if !a.contacts.is_empty() {
        let v: Vec<String> = a.contacts.iter().map(person_value).collect();
        kv("contacts", format!("[{}]", v.join(", ")));
    }
    if let Some(d) = a.verified {
        kv("verified", d.to_string());
    }
    texts(
        &mut kv,
        &[
            ("verified_by", &a.verified_by),
            ("status", &a.status),
            ("successor", &a.successor),
            ("alert", &a.alert),
            ("notes", &a.notes),
        ],
    );
}

/// One `[[agency.service]]`'s fields.
fn service_toml(s: &mut String, svc: &DService) {
    let mut kv = |k: &str, v: String| kv(s, k, v);
    kv("name", q(&svc.name));
    if let Some(d) = &svc.description {
        kv("description", q(d));
    }
    if !svc.topics.is_empty() {
        kv("topics", arr(&svc.topics));
    }
    for (k, v) in [("appointment", &svc.appointment), ("booking", &svc.booking)] {
        if let Some(v) = v {
            kv(k, q(v));
        }
    }
    if !svc.documents.is_empty() {
        kv("documents", arr(&svc.documents));
    }
    if !svc.steps.is_empty() {
        kv("steps", arr(&svc.steps));
    }
    texts(
        &mut kv,
        &[
            ("eligibility", &svc.eligibility),
            ("fee", &svc.fee),
            ("duration", &svc.duration),
            ("online", &svc.online),
        ],
    );
    if !svc.contacts.is_empty() {
        let v: Vec<String> = svc.contacts.iter().map(person_value).collect();
        kv("contacts", format!("[{}]", v.join(", ")));
    }
    if let Some(h) = &svc.hours {
        kv("hours", q(h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        let v: toml::Value = toml::from_str(&format!("x = {}", q("a \"b\"\nc\\d"))).unwrap();
        assert_eq!(v["x"].as_str(), Some("a \"b\"\nc\\d"));
    }
}

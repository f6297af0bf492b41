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
#[allow(clippy::too_many_lines)] // to become a toml_edit document (redesign §2.8)
pub(crate) fn body_toml(
    agencies: &[DAgency],
    categories: &[(String, String, Option<String>)],
    meta: Option<&serde_json::Value>,
) -> String {
    let mut s = String::new();
    if let Some(m) = meta {
        let name = m.get("name").and_then(|v| v.as_str());
        let demo = m.get("demo").and_then(|v| v.as_bool()).unwrap_or(false);
        let note = m.get("note").and_then(|v| v.as_str());
        if name.is_some() || demo || note.is_some() {
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
            s.push('\n');
        }
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
        let mut kv = |k: &str, v: String| {
            let _ = writeln!(s, "{k} = {v}");
        };
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
        for (k, v) in [
            ("locality", &a.locality),
            ("district", &a.district),
            ("province", &a.province),
            ("country", &a.country),
            ("address", &a.address),
            ("postcode", &a.postcode),
            ("address_note", &a.address_note),
            ("accessibility", &a.accessibility),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
        if let Some((la, lo)) = a.coordinates {
            kv("coordinates", format!("[{la:?}, {lo:?}]"));
        }
        if !a.phones.is_empty() {
            let v: Vec<String> = a.phones.iter().map(phone_value).collect();
            kv("phones", format!("[{}]", v.join(", ")));
        }
        for (k, v) in [
            ("email", &a.email),
            ("website", &a.website),
            ("hours", &a.hours),
            ("lunch", &a.lunch),
            ("reception", &a.reception),
            ("hours_note", &a.hours_note),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
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
        for (k, v) in [
            ("verified_by", &a.verified_by),
            ("status", &a.status),
            ("successor", &a.successor),
            ("alert", &a.alert),
            ("notes", &a.notes),
        ] {
            if let Some(v) = v {
                kv(k, q(v));
            }
        }
        for svc in &a.services {
            s.push_str("\n[[agency.service]]\n");
            let mut kv = |k: &str, v: String| {
                let _ = writeln!(s, "{k} = {v}");
            };
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
            for (k, v) in [
                ("eligibility", &svc.eligibility),
                ("fee", &svc.fee),
                ("duration", &svc.duration),
                ("online", &svc.online),
            ] {
                if let Some(v) = v {
                    kv(k, q(v));
                }
            }
            if !svc.contacts.is_empty() {
                let v: Vec<String> = svc.contacts.iter().map(person_value).collect();
                kv("contacts", format!("[{}]", v.join(", ")));
            }
            if let Some(h) = &svc.hours {
                kv("hours", q(h));
            }
        }
        s.push('\n');
    }
    s
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

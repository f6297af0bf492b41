//! The form's lines, read from the agency's table by the field table: one line per one-line
//! field, a line per item of a list (and an empty one for a new item), a line per part of each
//! person (and a name line for a new one), every service's lines, and a name line for a new
//! service. Lists, persons and services grow as the empty line at their end is typed into.

use super::fields::{AGENCY, FieldKey, Kind, PERSON, SERVICE, Spec};
use super::values::{list_items, phone_text, shown};
use super::{Form, FormField};
use crate::i18n::Lang;
use toml_edit::{Item, TableLike, Value};

/// Person `i` of `key` (`"head"`, `"contacts"`) of the agency or service `s`, as written.
pub(super) type PersonId = (Option<usize>, &'static str, usize);

/// The form's lines for `table` (the agency's; empty for a new one), and the person tables as
/// written, so the parts no line shows stay when a person is saved.
pub(super) fn lines(
    table: &dyn TableLike,
    lang: Lang,
) -> (Vec<FormField>, Vec<(PersonId, String)>) {
    let mut out = Lines {
        fields: Vec::new(),
        people: Vec::new(),
        lang,
    };
    out.table(None, AGENCY, table);
    let services = table.get("service").and_then(Item::as_array_of_tables);
    let mut count = 0;
    for (s, t) in services.into_iter().flat_map(|a| a.iter()).enumerate() {
        out.table(Some(s), SERVICE, t);
        count = s + 1;
    }
    out.fields
        .push(FormField::new(FieldKey::of_service(count, "name"), ""));
    (out.fields, out.people)
}

struct Lines {
    fields: Vec<FormField>,
    people: Vec<(PersonId, String)>,
    lang: Lang,
}

impl Lines {
    fn table(&mut self, service: Option<usize>, specs: &[Spec], table: &dyn TableLike) {
        for spec in specs {
            let item = table.get(spec.key);
            match spec.kind {
                Kind::Lines => {
                    let items: Vec<String> = match (spec.key, item.and_then(Item::as_array)) {
                        ("phones", Some(a)) => a.iter().map(phone_text).collect(),
                        _ => list_items(item),
                    };
                    for (i, text) in items.iter().chain([&String::new()]).enumerate() {
                        let key = FieldKey::Item(service, spec.key, i);
                        self.fields.push(FormField::new(key, text));
                    }
                }
                Kind::Person => {
                    let src = item.and_then(person_source);
                    self.person((service, spec.key, 0), src, true);
                }
                Kind::Persons => {
                    let people = persons(item);
                    let n = people.len();
                    for (i, src) in people.into_iter().enumerate() {
                        self.person((service, spec.key, i), Some(src), true);
                    }
                    self.person((service, spec.key, n), None, false);
                }
                kind => {
                    let key = FieldKey::Field(service, spec.key);
                    self.fields
                        .push(FormField::new(key, &shown(kind, item, self.lang)));
                }
            }
        }
    }

    /// A person's lines (`all`: every part; else only the name, for a new one).
    fn person(&mut self, id: PersonId, src: Option<String>, all: bool) {
        let table = src
            .as_deref()
            .and_then(|s| s.parse::<Value>().ok())
            .and_then(|v| v.as_inline_table().cloned())
            .unwrap_or_default();
        let (service, key, i) = id;
        for (part, _) in PERSON.iter().take(if all { PERSON.len() } else { 1 }) {
            let text = table.get(part).and_then(|v| v.as_str()).unwrap_or_default();
            let line = FieldKey::Person(service, key, i, part);
            self.fields.push(FormField::new(line, text));
        }
        if let Some(src) = src {
            self.people.push((id, src));
        }
    }
}

/// A person table written inline, from a table however it was written.
fn person_source(item: &Item) -> Option<String> {
    let t = item.as_table_like()?;
    let mut inline = toml_edit::InlineTable::new();
    for (k, v) in t.iter() {
        if let Some(v) = v.as_value() {
            inline.insert(k, v.clone());
        }
    }
    Some(Value::InlineTable(inline).to_string())
}

/// The persons of a list, each written inline.
fn persons(item: Option<&Item>) -> Vec<String> {
    match item {
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(|v| {
                v.as_inline_table()
                    .map(|t| Value::InlineTable(t.clone()).to_string())
            })
            .collect(),
        Some(Item::ArrayOfTables(a)) => a
            .iter()
            .filter_map(|t| person_source(&Item::Table(t.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

impl Form {
    /// Line `i` was typed into: when it is the empty line at the end of a list, a new
    /// person's name or a new service's name, the lines for the next one appear after it.
    pub(super) fn grow(&mut self, i: usize) {
        let Some(f) = self.fields.get(i) else { return };
        if f.text().trim().is_empty() {
            return;
        }
        let exists = |k: FieldKey| self.fields.iter().any(|x| x.key == k);
        let new: Vec<FieldKey> = match f.key {
            FieldKey::Item(s, k, j) if !exists(FieldKey::Item(s, k, j + 1)) => {
                vec![FieldKey::Item(s, k, j + 1)]
            }
            FieldKey::Person(s, k, j, "name") if !exists(FieldKey::Person(s, k, j, "title")) => {
                let mut v: Vec<FieldKey> = PERSON[1..]
                    .iter()
                    .map(|(p, _)| FieldKey::Person(s, k, j, p))
                    .collect();
                if k == "contacts" {
                    v.push(FieldKey::Person(s, k, j + 1, "name"));
                }
                v
            }
            FieldKey::Field(Some(s), "name")
                if !self
                    .fields
                    .iter()
                    .any(|x| x.key.service() == Some(s) && x.key != f.key) =>
            {
                new_service(s)
            }
            _ => return,
        };
        let lines = new.into_iter().map(|k| FormField::new(k, ""));
        self.fields.splice(i + 1..i + 1, lines);
    }
}

/// The lines of new service `s` after its name, and the name line of the one after it.
fn new_service(s: usize) -> Vec<FieldKey> {
    let mut v = Vec::new();
    for spec in &SERVICE[1..] {
        v.push(match spec.kind {
            Kind::Lines => FieldKey::Item(Some(s), spec.key, 0),
            Kind::Person | Kind::Persons => FieldKey::Person(Some(s), spec.key, 0, "name"),
            _ => FieldKey::Field(Some(s), spec.key),
        });
    }
    v.push(FieldKey::of_service(s + 1, "name"));
    v
}

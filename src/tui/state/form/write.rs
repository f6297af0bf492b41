//! The edits the form's changed lines make, one per field: a one-line field's value as its
//! kind writes it, a list rewritten from its lines, a person from its parts over the table as
//! written (so a part no line shows stays).

use super::fields::{FieldKey, Kind, PERSON};
use super::values::{parse_phone, written};
use super::{Form, FormField};
use crate::maintain::edit::{self, Edit, FieldValue};
use toml_edit::Value;

impl Form {
    /// The edits the changed lines make, field by field in the form's order.
    pub fn edits(&self) -> Vec<Edit> {
        let mut groups: Vec<(Option<usize>, &'static str)> = Vec::new();
        for f in self
            .fields
            .iter()
            .filter(|f| f.changed() && f.key != FieldKey::Id)
        {
            let g = (f.key.service(), f.key.toml_key());
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
        groups
            .into_iter()
            .filter_map(|(service, key)| {
                let value = self.value(service, key)?;
                Some(Edit {
                    service,
                    field: key.to_string(),
                    value,
                })
            })
            .collect()
    }

    /// The value field `key` of the agency or service `service` is written with.
    fn value(&self, service: Option<usize>, key: &'static str) -> Option<FieldValue> {
        let lines: Vec<&FormField> = self
            .fields
            .iter()
            .filter(|f| f.key.service() == service && f.key.toml_key() == key)
            .collect();
        let items = || -> Vec<&str> {
            lines
                .iter()
                .map(|f| f.text().trim())
                .filter(|t| !t.is_empty())
                .collect()
        };
        let kind = lines.first()?.key.spec()?.kind;
        Some(match kind {
            Kind::Lines if items().is_empty() => FieldValue::Remove,
            Kind::Lines if key == "phones" => {
                let phones: Vec<(String, Option<String>)> =
                    items().into_iter().map(parse_phone).collect();
                edit::phones_value(&phones)
            }
            Kind::Lines => FieldValue::Texts(items().into_iter().map(str::to_string).collect()),
            Kind::Person => self
                .person((service, key, 0))
                .map_or(FieldValue::Remove, FieldValue::Toml),
            Kind::Persons => {
                let mut a = toml_edit::Array::new();
                let count = lines
                    .iter()
                    .filter_map(|f| match f.key {
                        FieldKey::Person(_, _, i, _) => Some(i + 1),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                for i in 0..count {
                    if let Some(p) = self.person((service, key, i)) {
                        a.push(p);
                    }
                }
                if a.is_empty() {
                    FieldValue::Remove
                } else {
                    FieldValue::Toml(Value::Array(a))
                }
            }
            kind => written(kind, lines[0].text()),
        })
    }

    /// A person from its part lines, over the table as written (its other keys kept); `None`
    /// when every line is empty.
    fn person(&self, id: super::read::PersonId) -> Option<Value> {
        let (service, key, i) = id;
        let part = |p: &'static str| {
            self.fields
                .iter()
                .find(|f| f.key == FieldKey::Person(service, key, i, p))
                .map(|f| f.text().trim().to_string())
                .unwrap_or_default()
        };
        let parts: Vec<(&str, String)> = PERSON.iter().map(|(p, _)| (*p, part(p))).collect();
        if parts.iter().all(|(_, v)| v.is_empty()) {
            return None;
        }
        let mut t = self
            .people
            .iter()
            .find(|(p, _)| *p == id)
            .and_then(|(_, s)| s.parse::<Value>().ok())
            .and_then(|v| v.as_inline_table().cloned())
            .unwrap_or_default();
        for (k, v) in parts {
            if v.is_empty() {
                t.remove(k);
            } else {
                t.insert(k, v.into());
            }
        }
        t.fmt();
        Some(Value::InlineTable(t))
    }
}

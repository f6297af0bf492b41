//! The edit form's people: the head's and each contact person's name and title lines, read
//! from the person tables as written, so the parts the form does not show (phone, room,
//! e-mail) stay when a name or title changes.

use super::form::{FieldKey, FormField, text_of};
use toml_edit::{Item, Value};

/// A person table written inline, from a table however it was written.
pub(super) fn person_source(item: &Item) -> Option<String> {
    let t = item.as_table_like()?;
    let mut inline = toml_edit::InlineTable::new();
    for (k, v) in t.iter() {
        if let Some(v) = v.as_value() {
            inline.insert(k, v.clone());
        }
    }
    Some(Value::InlineTable(inline).to_string())
}

/// The head's and the contact persons' lines (a name and a title each, and one empty pair
/// for a new contact); returns the person tables as written.
pub(super) fn person_fields(
    table: &dyn toml_edit::TableLike,
    fields: &mut Vec<FormField>,
) -> (Option<String>, Vec<String>) {
    use FieldKey::*;
    let head = table.get("head").and_then(person_source);
    let person = |src: &Option<String>, key: &str| {
        src.as_deref()
            .and_then(|s| s.parse::<Value>().ok())
            .and_then(|v| v.as_inline_table().map(|t| text_of(t, key)))
            .unwrap_or_default()
    };
    fields.push(FormField::new(HeadName, &person(&head, "name")));
    fields.push(FormField::new(HeadTitle, &person(&head, "title")));
    let contacts: Vec<String> = match table.get("contacts") {
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
    };
    for i in 0..=contacts.len() {
        let src = contacts.get(i).cloned();
        fields.push(FormField::new(ContactName(i), &person(&src, "name")));
        fields.push(FormField::new(ContactTitle(i), &person(&src, "title")));
    }
    (head, contacts)
}

//! The edit form's service lines: each service's name, its documents and its steps, one a
//! line (an empty line at the end of each list adds one, emptying a line removes it), and
//! where in the file a service's problem is.

use super::form::{FieldKey, FormField};
use crate::maintain::edit::{Edit, FieldValue};
use toml_edit::TableLike;

/// The lines of every `[[agency.service]]` of the agency's table.
pub(super) fn service_fields(table: &dyn TableLike) -> Vec<FormField> {
    let mut out = Vec::new();
    let Some(services) = table.get("service").and_then(|s| s.as_array_of_tables()) else {
        return out;
    };
    let list = |t: &toml_edit::Table, key: &str| -> Vec<String> {
        t.get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (s, t) in services.iter().enumerate() {
        let name = t.get("name").and_then(|v| v.as_str()).unwrap_or_default();
        out.push(FormField::new(FieldKey::ServiceName(s), name));
        let documents = list(t, "documents");
        for (j, d) in documents.iter().chain([&String::new()]).enumerate() {
            out.push(FormField::new(FieldKey::ServiceDoc(s, j), d));
        }
        let steps = list(t, "steps");
        for (j, d) in steps.iter().chain([&String::new()]).enumerate() {
            out.push(FormField::new(FieldKey::ServiceStep(s, j), d));
        }
    }
    out
}

/// The edits the changed service lines make: a name, or a whole list rewritten.
pub(super) fn service_edits(fields: &[FormField]) -> Vec<Edit> {
    let mut out = Vec::new();
    let services = fields
        .iter()
        .filter_map(|f| f.key.service())
        .max()
        .map_or(0, |n| n + 1);
    for s in 0..services {
        let edit = |field: &str, value| Edit {
            service: Some(s),
            field: field.to_string(),
            value,
        };
        if let Some(f) = fields
            .iter()
            .find(|f| f.key == FieldKey::ServiceName(s) && f.changed())
        {
            out.push(edit("name", FieldValue::Text(f.text().trim().to_string())));
        }
        type Pick = fn(FieldKey, usize) -> bool;
        let lists: [(&str, Pick); 2] = [
            (
                "documents",
                |k, s| matches!(k, FieldKey::ServiceDoc(x, _) if x == s),
            ),
            (
                "steps",
                |k, s| matches!(k, FieldKey::ServiceStep(x, _) if x == s),
            ),
        ];
        for (key, pick) in lists {
            let lines: Vec<&FormField> = fields.iter().filter(|f| pick(f.key, s)).collect();
            if !lines.iter().any(|f| f.changed()) {
                continue;
            }
            let items: Vec<String> = lines
                .iter()
                .map(|f| f.text().trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            let value = if items.is_empty() {
                FieldValue::Remove
            } else {
                FieldValue::Texts(items)
            };
            out.push(edit(key, value));
        }
    }
    out
}

/// Where 1-based line `line` of the file is: the service (its number in the agency, when the
/// line is in an `[[agency.service]]` table) and the key whose statement holds it (none on a
/// table's header line).
pub(super) fn place<'a>(lines: &[&'a str], line: usize) -> (Option<usize>, Option<&'a str>) {
    let upto = &lines[..line.min(lines.len())];
    let mut key = None;
    let mut header = None;
    for (i, l) in upto.iter().enumerate().rev() {
        let t = l.trim_start();
        if t.starts_with('[') {
            header = Some(i);
            break;
        }
        let k = t.split('=').next().unwrap_or_default().trim();
        if key.is_none()
            && t.contains('=')
            && !k.is_empty()
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            key = Some(k);
        }
    }
    let is = |i: usize, h: &str| lines[i].trim().starts_with(h);
    let service = header.filter(|&h| is(h, "[[agency.service]]")).map(|h| {
        (0..h)
            .rev()
            .take_while(|&i| !is(i, "[[agency]]"))
            .filter(|&i| is(i, "[[agency.service]]"))
            .count()
    });
    (service, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_placed_in_its_service() {
        let lines = [
            "[[agency]]",
            "id = \"a\"",
            "phones = [",
            "  \"x\",",
            "]",
            "[[agency.service]]",
            "name = \"перша\"",
            "[[agency.service]]",
            "name = \"друга\"",
            "documents = [\"паспорт\"]",
        ];
        assert_eq!(place(&lines, 4), (None, Some("phones")));
        assert_eq!(place(&lines, 1), (None, None));
        assert_eq!(place(&lines, 7), (Some(0), Some("name")));
        assert_eq!(place(&lines, 10), (Some(1), Some("documents")));
        assert_eq!(place(&lines, 8), (Some(1), None));
    }
}

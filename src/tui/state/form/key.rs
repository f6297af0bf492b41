//! Which line of the form is which: a one-line field, an item of a list, a part of a person —
//! of the agency or of one of its services — with its label.

use super::fields::{AGENCY, PERSON, SERVICE, Section, Spec};
use crate::i18n::Lang;

/// Which field of the agency a line edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    /// A new agency's id.
    Id,
    /// A one-line field of the agency (`None`) or of service `s`: its TOML key.
    Field(Option<usize>, &'static str),
    /// Line `i` of a list written one item a line.
    Item(Option<usize>, &'static str, usize),
    /// Part `part` of person `i` of `key` (`"head"`, always 0, or `"contacts"`).
    Person(Option<usize>, &'static str, usize, &'static str),
}

impl FieldKey {
    /// A field of the agency: `FieldKey::agency("address")`.
    pub const fn agency(key: &'static str) -> FieldKey {
        FieldKey::Field(None, key)
    }
    /// Field `key` of service `s`.
    pub const fn of_service(s: usize, key: &'static str) -> FieldKey {
        FieldKey::Field(Some(s), key)
    }
    /// Phone line `i`.
    pub const fn phone(i: usize) -> FieldKey {
        FieldKey::Item(None, "phones", i)
    }
    /// Service `s`'s document line `j`.
    pub const fn document(s: usize, j: usize) -> FieldKey {
        FieldKey::Item(Some(s), "documents", j)
    }
    /// Service `s`'s step line `j`.
    pub const fn step(s: usize, j: usize) -> FieldKey {
        FieldKey::Item(Some(s), "steps", j)
    }
    /// The head's part (`"name"`, `"title"`, `"phone"`, `"room"`, `"email"`).
    pub const fn head(part: &'static str) -> FieldKey {
        FieldKey::Person(None, "head", 0, part)
    }
    /// Contact person `i`'s part.
    pub const fn contact(i: usize, part: &'static str) -> FieldKey {
        FieldKey::Person(None, "contacts", i, part)
    }

    /// The TOML key the line belongs to.
    pub fn toml_key(self) -> &'static str {
        match self {
            FieldKey::Id => "id",
            FieldKey::Field(_, k) | FieldKey::Item(_, k, _) | FieldKey::Person(_, k, _, _) => k,
        }
    }

    /// The service the line belongs to; `None` for the agency's own fields.
    pub fn service(self) -> Option<usize> {
        match self {
            FieldKey::Id => None,
            FieldKey::Field(s, _) | FieldKey::Item(s, _, _) | FieldKey::Person(s, _, _, _) => s,
        }
    }

    /// The table entry of the field the line belongs to (none for the id).
    pub fn spec(self) -> Option<&'static Spec> {
        let table = if self.service().is_some() {
            SERVICE
        } else {
            AGENCY
        };
        table.iter().find(|s| s.key == self.toml_key())
    }

    pub fn section(self) -> Section {
        match (self.service(), self.spec()) {
            (Some(s), _) => Section::Service(s),
            (None, Some(spec)) => spec.section,
            (None, None) => Section::Name,
        }
    }

    /// The line's label in its section: «Телефон 2», «Контакт 1: посада», «Документ 3».
    pub fn label(self, lang: Lang) -> String {
        let Some(spec) = self.spec() else {
            return lang.pick("Ідентифікатор (id)", "Id").to_string();
        };
        let base = lang.pick(spec.label.0, spec.label.1);
        match self {
            FieldKey::Id | FieldKey::Field(..) => base.to_string(),
            FieldKey::Item(_, _, i) => format!("{base} {}", i + 1),
            FieldKey::Person(_, key, i, part) => {
                let part = PERSON
                    .iter()
                    .find(|(k, _)| *k == part)
                    .map_or(part, |(_, l)| lang.pick(l.0, l.1));
                match key {
                    "head" => format!("{base}: {part}"),
                    _ => format!("{base} {}: {part}", i + 1),
                }
            }
        }
    }

    /// The label where the section heading is not beside it: «Послуга 2: документ 1».
    pub fn full_label(self, lang: Lang) -> String {
        match self.service() {
            Some(s) => format!(
                "{} {}: {}",
                lang.pick("Послуга", "Service"),
                s + 1,
                lowercase_first(&self.label(lang))
            ),
            None => self.label(lang),
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

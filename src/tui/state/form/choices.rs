//! F3 in the form: the values a field can take, picked rather than typed blindly — a choice's
//! own words, the directory's categories, the topics its agencies use (a pick is added to the
//! list), its localities, oblasts and agencies (for a successor) — most used first.

use super::fields::{Known, choices_of, find_choice};
use super::values::commas;
use super::{FieldKey, Form};
use crate::directory::Directory;
use crate::tui::state::PickItem;
use std::collections::HashMap;

/// What F3 offers for a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    pub items: Vec<PickItem>,
    /// A pick is added to the line's comma-separated list, not put in its place.
    pub append: bool,
}

/// Values with how many agencies use each, most used first, then by name.
fn counted<'a>(
    values: impl Iterator<Item = &'a str>,
    label: impl Fn(&str) -> String,
) -> Vec<PickItem> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values.filter(|v| !v.trim().is_empty()) {
        *counts.entry(v).or_default() += 1;
    }
    let mut items: Vec<PickItem> = counts
        .into_iter()
        .map(|(v, count)| PickItem {
            value: Some(v.to_string()),
            label: label(v),
            count,
        })
        .collect();
    items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    items
}

impl Form {
    /// What F3 offers for line `key`, from the directory on screen; `None` for a free line.
    pub fn choices(&self, key: FieldKey, dir: &Directory) -> Option<Choices> {
        let spec = key.spec()?;
        if !matches!(key, FieldKey::Field(..)) {
            return None;
        }
        let lang = self.lang;
        let agencies = || dir.agencies.iter();
        let (items, append) = match spec.known {
            Known::None => return None,
            Known::Choices => {
                let items = choices_of(spec.kind)
                    .iter()
                    .map(|c| PickItem {
                        value: Some(lang.pick(c.word.0, c.word.1).to_string()),
                        label: format!(
                            "{} — {}",
                            lang.pick(c.word.0, c.word.1),
                            lang.pick(c.about.0, c.about.1)
                        ),
                        count: 0,
                    })
                    .collect();
                (items, false)
            }
            Known::Categories => {
                let used = counted(agencies().map(|a| a.category.as_str()), str::to_string);
                let count = |id: &str| {
                    used.iter()
                        .find(|i| i.value.as_deref() == Some(id))
                        .map_or(0, |i| i.count)
                };
                let mut items: Vec<PickItem> = dir
                    .categories
                    .iter()
                    .map(|c| PickItem {
                        value: Some(c.id.clone()),
                        label: format!("{} ({})", c.label(lang), c.id),
                        count: count(&c.id),
                    })
                    .collect();
                items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
                (items, false)
            }
            Known::Topics => {
                let topics = agencies().flat_map(|a| {
                    a.topics
                        .iter()
                        .chain(a.services.iter().flat_map(|s| s.topics.iter()))
                        .map(String::as_str)
                });
                (counted(topics, str::to_string), true)
            }
            Known::Localities => {
                let towns = agencies().filter_map(|a| a.locality.as_deref());
                (counted(towns, str::to_string), key.toml_key() == "serves")
            }
            Known::Provinces => {
                let provinces = agencies()
                    .filter_map(|a| a.province.as_deref())
                    .chain(dir.meta.province.as_deref());
                (counted(provinces, str::to_string), false)
            }
            Known::Agencies => {
                let ids = agencies()
                    .filter(|a| a.id != self.agency)
                    .map(|a| a.id.as_str());
                let name = |id: &str| {
                    dir.agency(id)
                        .map_or(id.to_string(), |a| format!("{} ({id})", a.display_name()))
                };
                (counted(ids, name), false)
            }
        };
        Some(Choices { items, append })
    }

    /// Whether F3 has anything to offer for line `key`: asked on every frame, so it stops at
    /// the first value found rather than counting them all.
    pub fn can_choose(&self, key: FieldKey, dir: &Directory) -> bool {
        let Some(spec) = key.spec().filter(|_| matches!(key, FieldKey::Field(..))) else {
            return false;
        };
        let mut agencies = dir.agencies.iter();
        match spec.known {
            Known::None => false,
            Known::Choices => !choices_of(spec.kind).is_empty(),
            Known::Categories => !dir.categories.is_empty(),
            Known::Topics => agencies
                .any(|a| !a.topics.is_empty() || a.services.iter().any(|s| !s.topics.is_empty())),
            Known::Localities => agencies.any(|a| a.locality.is_some()),
            Known::Provinces => {
                dir.meta.province.is_some() || agencies.any(|a| a.province.is_some())
            }
            Known::Agencies => agencies.any(|a| a.id != self.agency),
        }
    }

    /// Puts `value`, picked for the focused line, in its place — or, for a list, adds it to
    /// the list (once). Returns whether the line changed.
    pub(in crate::tui::state) fn choose(&mut self, value: &str, append: bool) -> bool {
        let focus = self.focus;
        let Some(f) = self.fields.get_mut(focus) else {
            return false;
        };
        let kind = f.key.spec().map(|s| s.kind);
        let current = f.text().to_string();
        // «уся область» is a choice, not a list to add a town to.
        let is_choice = kind.is_some_and(|k| find_choice(choices_of(k), &current).is_some());
        let text = if append && !is_choice {
            let mut items = commas(&current);
            if items.iter().any(|i| i == value) {
                return false;
            }
            items.push(value.to_string());
            items.join(", ")
        } else {
            value.to_string()
        };
        if text == current {
            return false;
        }
        f.input.clear();
        f.input.insert(&text);
        self.typed(focus);
        true
    }
}

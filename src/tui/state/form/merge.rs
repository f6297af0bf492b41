//! After a save refused because the file changed on disk since the form opened: what changed
//! there, field by field against what the form opened with, and the way on without losing a
//! keystroke — the form opened again on the file as it is now, with every field the user
//! changed carried over on top (a merge). A field both sides changed keeps the user's value
//! and is marked, with the value from disk beside it, so nothing is overwritten unseen.
//!
//! A list written one item a line (the phones, a service's documents or steps, the contact
//! persons) merges as a whole: lines are not matched one by one, since the other side may have
//! added or removed one above.

use super::{FieldKey, Form, FormField};
use crate::maintain::edit::{self, Snapshot};

/// What changed on disk, shown when a save was refused for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskChanges {
    /// The file as it is on disk now: the merge opens the form on it.
    pub snapshot: Snapshot,
    pub fields: Vec<FieldChange>,
    /// The agency's TOML keys changed on disk that no line of the form shows (an unknown
    /// field someone added in an editor).
    pub other: Vec<String>,
    /// Why there is nothing to merge into, if so.
    pub blocked: Option<Blocked>,
}

/// Why the edits cannot be carried over onto the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// The agency is no longer in the file (removed, or its id changed).
    Gone,
    /// The file on disk is not valid TOML now (someone's edit in progress): what is wrong.
    Unreadable(String),
}

/// One line of the form whose value on disk is no longer what the form opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub key: FieldKey,
    pub before: String,
    pub now: String,
    /// What the user typed into the same line, when it differs from the value on disk: in a
    /// merge it wins, and is marked.
    pub mine: Option<String>,
}

/// A field both sides changed: the user's value stays, the disk's is shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The first line of the field (of the list, for a list).
    pub key: FieldKey,
    /// The value on disk the user's value replaces (a list's items joined by «; »).
    pub theirs: String,
}

/// What a merge did: how many fields were carried over, and which of them both sides changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub carried: usize,
    pub conflicts: Vec<Conflict>,
}

/// The field a line belongs to: a list's lines are one field.
fn group(key: FieldKey) -> (Option<usize>, &'static str) {
    (key.service(), key.toml_key())
}

/// A field's items as compared: trimmed, empty lines left out.
fn items<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    lines.map(str::trim).filter(|s| !s.is_empty()).collect()
}

impl Form {
    /// What changed between the file the form opened on and `now`, field by field.
    pub fn disk_changes(&self, now: Snapshot, today: jiff::civil::Date) -> DiskChanges {
        let blocked = |why| DiskChanges {
            snapshot: now.clone(),
            fields: Vec::new(),
            other: Vec::new(),
            blocked: Some(why),
        };
        // A new entry is added at the end whatever the rest holds; an entry of the file must
        // read (its own entry, or the whole file where it cannot be cut out).
        if !self.new {
            match now.entry(&self.agency) {
                Err(edit::SaveError::Syntax { message, .. }) => {
                    return blocked(Blocked::Unreadable(message));
                }
                Err(e) => return blocked(Blocked::Unreadable(e.to_string())),
                Ok(_) => {}
            }
        }
        let Ok(theirs) = Form::open(now.clone(), &self.agency, self.new, today, self.lang) else {
            return blocked(Blocked::Gone);
        };
        let fields = self.field_changes(&theirs);
        // A new entry is in neither version: only what this form holds is compared.
        let other = if self.new {
            Vec::new()
        } else {
            self.other_changes(&theirs, &now)
        };
        DiskChanges {
            snapshot: now,
            fields,
            other,
            blocked: None,
        }
    }

    /// The lines whose value in `theirs` (the form on the file as it is now) is not what this
    /// form opened with.
    fn field_changes(&self, theirs: &Form) -> Vec<FieldChange> {
        let mut keys: Vec<FieldKey> = self.fields.iter().map(|f| f.key).collect();
        for f in &theirs.fields {
            if !keys.contains(&f.key) {
                keys.push(f.key);
            }
        }
        let original = |form: &Form, key| {
            form.fields
                .iter()
                .find(|f| f.key == key)
                .map_or(String::new(), |f| f.original.trim().to_string())
        };
        let mut fields = Vec::new();
        for key in keys {
            let (before, now) = (original(self, key), original(theirs, key));
            if before == now {
                continue;
            }
            let mine = self
                .fields
                .iter()
                .find(|f| f.key == key && f.changed() && f.text().trim() != now)
                .map(|f| f.text().trim().to_string());
            fields.push(FieldChange {
                key,
                before,
                now,
                mine,
            });
        }
        fields
    }

    /// The agency's keys changed in `now` that no line of either form shows.
    fn other_changes(&self, theirs: &Form, now: &Snapshot) -> Vec<String> {
        let shown = |k: &str| {
            let (service, key) = match k.strip_prefix("service.").and_then(|r| r.split_once('.')) {
                Some((n, key)) => (n.parse::<usize>().ok().map(|n| n - 1), key),
                None => (None, k),
            };
            self.fields
                .iter()
                .chain(&theirs.fields)
                .any(|f| group(f.key) == (service, key))
        };
        match edit::changed_keys(&self.snapshot, now, &self.agency) {
            Ok(Some(keys)) => keys.into_iter().filter(|k| !shown(k)).collect(),
            _ => Vec::new(),
        }
    }

    /// The form opened again on `now`, the file as it is on disk, with every field the user
    /// changed carried over on top; what it did is in [`Form::merged`].
    pub fn merge_onto(&self, now: Snapshot, today: jiff::civil::Date) -> Result<Form, String> {
        let mut out = Form::open(now, &self.agency, self.new, today, self.lang)?;
        let mut groups: Vec<(Option<usize>, &'static str)> = Vec::new();
        for f in self.fields.iter().filter(|f| f.changed()) {
            if !groups.contains(&group(f.key)) {
                groups.push(group(f.key));
            }
        }
        let mut conflicts = Vec::new();
        for g in &groups {
            let mine: Vec<&FormField> = self.fields.iter().filter(|f| group(f.key) == *g).collect();
            let at: Vec<usize> = (0..out.fields.len())
                .filter(|&i| group(out.fields[i].key) == *g)
                .collect();
            let theirs: Vec<String> = at.iter().map(|&i| out.fields[i].original.clone()).collect();
            let disk_changed = items(mine.iter().map(|f| f.original.as_str()))
                != items(theirs.iter().map(String::as_str));
            let same =
                items(mine.iter().map(|f| f.text())) == items(theirs.iter().map(String::as_str));
            if disk_changed && !same {
                conflicts.push(Conflict {
                    key: mine[0].key,
                    theirs: items(theirs.iter().map(String::as_str)).join("; "),
                });
            }
            let lines = mine.iter().enumerate().map(|(i, f)| FormField {
                key: f.key,
                input: f.input.clone(),
                original: theirs.get(i).cloned().unwrap_or_default(),
            });
            // The disk's lines of the field give way to the user's, in the same place; a
            // field the disk's version lacks (a service removed there) goes at the end.
            let place = at.first().copied().unwrap_or(out.fields.len());
            let end = at.last().map_or(place, |&i| i + 1);
            out.fields.splice(place..end, lines);
        }
        let focused = self.fields.get(self.focus).map(|f| f.key);
        out.focus = out
            .fields
            .iter()
            .position(|f| Some(f.key) == focused)
            .unwrap_or(self.focus)
            .min(out.fields.len().saturating_sub(1));
        out.merged = Some(Merged {
            carried: groups.len(),
            conflicts,
        });
        Ok(out)
    }

    /// The value on disk the user's value replaced in the last merge, shown under the field.
    pub fn conflict(&self, key: FieldKey) -> Option<&Conflict> {
        self.merged
            .as_ref()?
            .conflicts
            .iter()
            .find(|c| c.key == key)
    }
}

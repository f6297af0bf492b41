//! The edit form's model («Редагувати», «Нова установа»): one line per field, read from the
//! agency's table in its file (the text as written, not as parsed) by the field table
//! ([`fields`]), the edits the changed lines make, and the check of those edits with the
//! loader's own diagnostics, each put beside the field it is about. Pure: the snapshot is read
//! and the file written by effects.
//!
//! Rooms: `fields` (the field table), `key` (which line is which), `values` (a line's text ↔ the value in
//! the file), `read` (the lines from the file; lists growing), `write` (the edits), `place`
//! (where a problem is), `merge` (after a save refused for changes on disk), `choices` (F3).

mod choices;
pub mod fields;
mod key;
mod merge;
mod place;
mod read;
mod values;
mod write;

pub use choices::Choices;
pub use fields::{FieldKey, Kind, Section};
pub use merge::{Blocked, Conflict, DiskChanges, FieldChange, Merged};

use crate::directory::{Directory, LoadOptions, Severity, load_texts};
use crate::grammar;
use crate::i18n::Lang;
use crate::maintain::edit::{self, Snapshot};
use crate::referral::Card;
use crate::tui::line_input::LineInput;
use crate::tui::msg::AgencyId;
use toml_edit::DocumentMut;

/// The longest line a field takes.
pub const MAX_FIELD_CHARS: usize = 400;

/// One line of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub key: FieldKey,
    pub input: LineInput,
    /// The text as read, to tell what changed.
    pub original: String,
}

impl FormField {
    pub(super) fn new(key: FieldKey, text: &str) -> FormField {
        let mut input = LineInput::with_limit(MAX_FIELD_CHARS);
        input.insert(text);
        FormField {
            key,
            input,
            original: text.to_string(),
        }
    }

    pub fn text(&self) -> &str {
        self.input.text()
    }

    pub fn changed(&self) -> bool {
        self.input.text().trim() != self.original.trim()
    }
}

/// A problem the check found, beside its field (`None`: about the entry as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Option<FieldKey>,
    pub severity: Severity,
    pub message: String,
}

/// The edit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The agency edited; for a new one, what the id line says.
    pub agency: AgencyId,
    pub new: bool,
    /// The language the choices are shown in.
    pub lang: Lang,
    /// The file as read when the form opened: the save is refused if it changed since.
    pub snapshot: Snapshot,
    /// The agency's entry alone, cut from the snapshot once: what every keystroke checks.
    entry: Snapshot,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// How many services the entry had when read (the next one is a new service).
    pub services: usize,
    pub problems: Vec<FieldProblem>,
    /// The hours as the program reads them, live: «Пн–Пт 09:00–18:00; перерва 13:00–13:45».
    pub parsed_hours: Option<String>,
    pub parsed_reception: Option<String>,
    /// Why the last save did not happen.
    pub refused: Option<String>,
    /// The last save was refused because the file changed on disk: what changed there.
    pub disk: Option<DiskChanges>,
    /// The form was opened again on the file as changed on disk, the edits carried over.
    pub merged: Option<Merged>,
    /// Esc was pressed once with unsaved changes: a second Esc closes without saving.
    pub confirm_close: bool,
    /// The same for quitting the program.
    pub confirm_quit: bool,
    /// A save is under way.
    pub saving: bool,
    /// What the last key did not do, said at the top of the form (unsaved changes, errors).
    pub notice: Option<String>,
    /// The person tables as written (`{ name = …, phone = … }`), so a part no line shows
    /// stays when the person is saved.
    people: Vec<(read::PersonId, String)>,
}

impl Form {
    /// The form for agency `id` in `snapshot` (or, `new`, for a new agency to add to it),
    /// dated `today` for a new one's `verified`, its choices shown in `lang`.
    pub fn open(
        snapshot: Snapshot,
        id: &str,
        new: bool,
        today: jiff::civil::Date,
        lang: Lang,
    ) -> Result<Form, String> {
        // Only the agency's own entry is read, however big the file.
        let entry = snapshot
            .entry_alone(Some(id).filter(|_| !new))
            .map_err(|e| e.message(lang))?;
        let doc = if new {
            DocumentMut::new()
        } else {
            entry.entry(id).map_err(|e| e.message(lang))?.1
        };
        let empty = toml_edit::Table::new();
        let table: &dyn toml_edit::TableLike = if new {
            &empty
        } else {
            doc.get("agency")
                .and_then(|a| a.as_array_of_tables())
                .and_then(|a| {
                    a.iter()
                        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
                })
                .map(|t| t as &dyn toml_edit::TableLike)
                .ok_or_else(|| {
                    edit::SaveError::NotFound {
                        path: snapshot.path.clone(),
                        id: id.to_string(),
                    }
                    .message(lang)
                })?
        };
        let (mut fields, people) = read::lines(table, lang);
        if new {
            fields.insert(0, FormField::new(FieldKey::Id, ""));
            // A new entry's date is an edit of its own, so it is written.
            if let Some(f) = fields
                .iter_mut()
                .find(|f| f.key == FieldKey::agency("verified"))
            {
                f.input.insert(&today.to_string());
            }
        }
        let services = fields
            .iter()
            .filter_map(|f| f.key.service())
            .max()
            .unwrap_or(0);
        Ok(Form {
            agency: id.to_string(),
            new,
            lang,
            snapshot,
            entry,
            fields,
            focus: 0,
            services,
            problems: Vec::new(),
            parsed_hours: None,
            parsed_reception: None,
            refused: None,
            disk: None,
            merged: None,
            confirm_close: false,
            confirm_quit: false,
            saving: false,
            notice: None,
            people,
        })
    }

    /// The id the edits are for: the agency's, or what a new one's id line says.
    pub fn id(&self) -> String {
        match self.fields.iter().find(|f| f.key == FieldKey::Id) {
            Some(f) => f.text().trim().to_string(),
            None => self.agency.clone(),
        }
    }

    pub fn changed(&self) -> bool {
        self.fields.iter().any(FormField::changed)
    }

    /// Line `i` was typed into: a pending «press again to close» is off, the notice goes, and
    /// a list the line ends grows.
    pub(super) fn typed(&mut self, i: usize) {
        self.confirm_close = false;
        self.confirm_quit = false;
        self.notice = None;
        self.grow(i);
    }

    fn field(&self, key: FieldKey) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value that the program would derive, shown under the field as a suggestion: the
    /// genitive and the gender from the name's head noun, a new agency's id from its name.
    pub fn suggestion(&self, key: FieldKey) -> Option<String> {
        let name = self.field(FieldKey::agency("name"))?.text();
        match key {
            FieldKey::Field(None, "name_genitive") => grammar::genitive(name),
            FieldKey::Field(None, "gender") => grammar::head_gender(name).and_then(|g| {
                fields::find_choice(fields::GENDERS, g.code())
                    .map(|c| self.lang.pick(c.word.0, c.word.1).to_string())
            }),
            FieldKey::Id if self.new => {
                Some(crate::maintain::sheet::import::slug(name)).filter(|_| !name.trim().is_empty())
            }
            _ => None,
        }
    }

    /// Checks the edits as `validate` would — the entry with them applied, loaded on its own,
    /// so a keystroke takes the time of the entry, not of its file — and puts each problem
    /// beside its field. `known` is the directory on screen, which answers what needs the rest
    /// of it: the categories declared elsewhere, a successor in another file, the directory's
    /// oblast, a new id already taken (the file's own ids too: a new entry is checked alone).
    pub fn check(&mut self, known: &Directory, opts: &LoadOptions) {
        let id = self.id();
        let edits = self.edits();
        let applied = if self.new {
            edit::apply_new_entry(&self.snapshot.path, &id, &edits)
        } else {
            edit::apply_entry(&self.entry, &id, &edits)
        };
        self.parsed_hours = None;
        self.parsed_reception = None;
        let text = match applied {
            Ok(t) => t,
            Err(e) => {
                self.problems = vec![FieldProblem {
                    field: None,
                    severity: Severity::Error,
                    message: e.message(opts.lang),
                }];
                return;
            }
        };
        let name = self.snapshot.path.display().to_string();
        let checked = load_texts(&[(name.as_str(), text.as_str())], opts);
        let lines: Vec<&str> = text.lines().collect();
        let text_of = |key| {
            self.field(FieldKey::agency(key))
                .map(|f| f.text().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let (category, successor) = (text_of("category"), text_of("successor"));
        self.problems = checked
            .diagnostics
            .iter()
            .filter(|d| {
                d.agency.as_deref() == Some(id.as_str()) || (self.new && d.agency.is_none())
            })
            // A category another file declares, or a successor in another file, is known to
            // the directory on screen.
            .filter(|d| {
                !(d.code == "unknown-category"
                    && category
                        .as_deref()
                        .is_some_and(|c| known.category(c).is_some()))
            })
            .filter(|d| !(d.code == "no-oblast" && known.meta.province.is_some()))
            .filter(|d| {
                !(d.code == "successor"
                    && successor.as_deref().is_some_and(|s| {
                        known
                            .agency(s)
                            .is_some_and(|a| a.status == crate::directory::Status::Active)
                    }))
            })
            .map(|d| (d, self.line_of(&lines, d)))
            .map(|(d, field)| FieldProblem {
                field,
                severity: d.severity,
                message: crate::sanitize::line(&d.message),
            })
            .collect();
        // A new id the directory already has, in this file or another (the new entry is
        // checked alone; the save refuses an id its file has, whatever the directory on
        // screen knows).
        if let Some(other) = known.agency(&id).filter(|_| self.new) {
            self.problems.insert(
                0,
                FieldProblem {
                    field: Some(FieldKey::Id),
                    severity: Severity::Error,
                    message: crate::tui::strings::form::id_taken(
                        opts.lang,
                        &id,
                        &other.origin.file,
                    ),
                },
            );
        }
        if let Some(a) = checked.agency(&id) {
            let card = Card::new(&checked, a, opts.lang);
            self.parsed_hours = Some(card.hours_line());
            self.parsed_reception = card.reception_line();
        } else {
            // The entry is left out for an error elsewhere: the hours are still read on
            // their own, joined as the card joins them.
            self.parse_hours_alone(opts.lang);
        }
    }

    /// The hours, lunch and reception lines read one by one, when the entry as a whole is not.
    fn parse_hours_alone(&mut self, lang: Lang) {
        let text = |k| {
            self.field(k)
                .map(|f| f.text().trim().to_string())
                .unwrap_or_default()
        };
        let (hours, lunch, reception) = (
            text(FieldKey::agency("hours")),
            text(FieldKey::agency("lunch")),
            text(FieldKey::agency("reception")),
        );
        self.parsed_hours = crate::hours::parse(&hours).ok().map(|h| {
            let mut s = h.display(lang);
            if let Ok(l) = crate::hours::parse_lunch(&lunch) {
                s.push_str(&format!(
                    "; {} {}",
                    lang.pick("перерва", "break"),
                    l.display()
                ));
            }
            s
        });
        self.parsed_reception = crate::hours::parse(&reception)
            .ok()
            .map(|h| h.display(lang));
    }

    /// The line of the form a problem is about: the field its line in the file is in (for a
    /// person, the part the message names, of the person it is in), else the field the message
    /// names (a missing field is reported at its table's header).
    fn line_of(&self, lines: &[&str], d: &crate::directory::Diagnostic) -> Option<FieldKey> {
        let at = place::place(lines, d.line);
        let key = at.key.or_else(|| self.quoted_key(&d.message))?;
        let first = self.first_field_of(at.service, key)?;
        let FieldKey::Person(service, key, _, _) = first else {
            return Some(first);
        };
        let i = match (key, at.key) {
            ("contacts", Some(_)) => place::person_at(lines, at.key_line, d.line, d.column),
            _ => 0,
        };
        let part = fields::PERSON
            .iter()
            .map(|(p, _)| *p)
            .find(|p| d.message.contains(&format!("\"{p}\"")))
            .unwrap_or("name");
        let line = FieldKey::Person(service, key, i, part);
        Some(if self.field(line).is_some() {
            line
        } else {
            first
        })
    }

    /// The first of the form's keys that `message` names in quotes (`"name"`).
    fn quoted_key(&self, message: &str) -> Option<&'static str> {
        self.fields
            .iter()
            .map(|f| f.key.toml_key())
            .find(|k| message.contains(&format!("\"{k}\"")))
    }

    /// The first line of the form that edits TOML key `key` of service `service` (or of the
    /// agency itself).
    fn first_field_of(&self, service: Option<usize>, key: &str) -> Option<FieldKey> {
        self.fields
            .iter()
            .map(|f| f.key)
            .find(|k| k.service() == service && k.toml_key() == key)
    }

    /// Whether a problem stops the save.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

//! The edit form's transitions: opening it («Редагувати» on the card, «Нова установа»),
//! typing with the check run on every change, moving between fields, saving (refused while
//! a field has an error, and by the write itself when the file changed on disk), closing.

use super::form::{FieldKey, Form};
use super::{Overlay, Picker, PickerKind, State};
use crate::directory::LoadOptions;
use crate::maintain::edit::{SaveError, Snapshot};
use crate::tui::keymap::Command;
use crate::tui::msg::{DirHandle, EditList, Effect, MaintainJob, SaveRefused};
use crate::tui::strings::Msg;
use crate::tui::strings::form as form_text;

impl State {
    pub(super) fn form_mut(&mut self) -> Option<&mut Form> {
        match self.overlays.last_mut() {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// Ctrl-E: the file of the agency on the card (or selected) is read for the form.
    pub(super) fn open_edit(&mut self) -> Effect {
        let Some((agency, _)) = self.target() else {
            return self.nothing_selected();
        };
        if self.refuse_demo() {
            return Effect::None;
        }
        Effect::Maintain(MaintainJob::OpenEdit {
            dir: DirHandle(self.dir.clone()),
            agency,
        })
    }

    /// Ctrl-X: a new agency, in the file of the one on screen (else the data file or folder).
    pub(super) fn open_new(&mut self) -> Effect {
        if self.refuse_demo() {
            return Effect::None;
        }
        Effect::Maintain(MaintainJob::OpenNew {
            dir: DirHandle(self.dir.clone()),
            near: self.target().map(|(a, _)| a),
        })
    }

    /// The file was read: the form opens on it, checked once.
    pub(super) fn edit_opened(
        &mut self,
        agency: String,
        new: bool,
        result: Result<Snapshot, SaveError>,
    ) {
        let lang = self.lang();
        let form = result
            .map_err(|e| e.message(lang))
            .and_then(|snap| Form::open(snap, &agency, new, self.now.date(), lang));
        match form {
            Ok(form) => {
                self.overlays.retain(|o| !matches!(o, Overlay::Form(_)));
                self.overlays.push(Overlay::Form(Box::new(form)));
                self.recheck();
            }
            Err(message) => self.failed(Msg::FormOpenFailed, message),
        }
    }

    fn recheck(&mut self) {
        let opts = LoadOptions {
            today: self.now.date(),
            lang: self.lang(),
        };
        let dir = self.dir.clone();
        if let Some(f) = self.form_mut() {
            f.check(&dir, &opts);
        }
    }

    pub(super) fn form_type(&mut self, text: &str) {
        let Some(f) = self.form_mut() else { return };
        let focus = f.focus;
        if let Some(field) = f.fields.get_mut(focus)
            && field.input.insert(text)
        {
            f.typed(focus);
            self.recheck();
        }
    }

    pub(super) fn form_edit(&mut self, c: Command) {
        let Some(f) = self.form_mut() else { return };
        let focus = f.focus;
        if let Some(field) = f.fields.get_mut(focus)
            && field.input.edit(c)
        {
            f.typed(focus);
            self.recheck();
        }
    }

    /// Tab, Enter and the arrows move between fields.
    pub(super) fn form_move(&mut self, delta: isize) {
        if let Some(f) = self.form_mut() {
            let last = f.fields.len().saturating_sub(1);
            f.focus = f.focus.saturating_add_signed(delta).min(last);
        }
    }

    /// PgDn / PgUp: the first line of the next section, or of this one (the one before, from
    /// its first line).
    pub(super) fn form_section(&mut self, down: bool) {
        let Some(f) = self.form_mut() else { return };
        let section = |i: usize| f.fields[i].key.section();
        let starts: Vec<usize> = (0..f.fields.len())
            .filter(|&i| i == 0 || section(i) != section(i - 1))
            .collect();
        let to = if down {
            starts.iter().find(|&&i| i > f.focus).copied()
        } else {
            starts.iter().rev().find(|&&i| i < f.focus).copied()
        };
        f.focus = to.unwrap_or(if down {
            f.fields.len().saturating_sub(1)
        } else {
            0
        });
    }

    /// F3 on a line with known values: the list to pick from (the directory's categories,
    /// topics, localities…, or the choice's words).
    pub(super) fn form_choices(&mut self) {
        let lang = self.lang();
        let dir = self.dir.clone();
        let Some(f) = self.form_mut() else { return };
        let Some(key) = f.fields.get(f.focus).map(|x| x.key) else {
            return;
        };
        match f.choices(key, &dir) {
            Some(c) if !c.items.is_empty() => {
                self.overlays.push(Overlay::Picker(Picker {
                    kind: PickerKind::Field {
                        key,
                        append: c.append,
                    },
                    filter: crate::tui::line_input::LineInput::default(),
                    items: c.items,
                    selected: 0,
                }));
            }
            Some(_) => f.notice = Some(form_text::no_choices(lang).to_string()),
            None => f.notice = Some(form_text::free_line(lang).to_string()),
        }
    }

    /// A value picked for the form's line: in its place, or added to its list.
    pub(super) fn form_chosen(&mut self, key: FieldKey, value: &str, append: bool) {
        let Some(f) = self.form_mut() else { return };
        if let Some(i) = f.fields.iter().position(|x| x.key == key) {
            f.focus = i;
            if f.choose(value, append) {
                self.recheck();
            }
        }
    }

    /// Esc: closes the form; with unsaved changes, the first Esc only says so.
    pub(super) fn form_back(&mut self) {
        let lang = self.lang();
        let Some(f) = self.form_mut() else { return };
        if f.changed() && !f.confirm_close {
            f.confirm_close = true;
            f.notice = Some(Msg::FormUnsaved.text(lang).to_string());
            self.status = Some(Msg::FormUnsaved.text(lang).to_string());
            return;
        }
        self.overlays.pop();
    }

    /// Ctrl-S: refused while a field has an error (the focus goes to the first), else the
    /// write is asked for.
    pub(super) fn form_save(&mut self) -> Effect {
        let lang = self.lang();
        let Some(f) = self.form_mut() else {
            return Effect::None;
        };
        if f.saving {
            return Effect::None;
        }
        if f.has_errors() {
            let first = f
                .problems
                .iter()
                .filter(|p| p.severity == crate::directory::Severity::Error)
                .find_map(|p| p.field)
                .and_then(|k| f.fields.iter().position(|x| x.key == k));
            if let Some(i) = first {
                f.focus = i;
            }
            f.notice = Some(Msg::FormHasErrors.text(lang).to_string());
            self.status = Some(Msg::FormHasErrors.text(lang).to_string());
            return Effect::None;
        }
        f.saving = true;
        f.refused = None;
        f.notice = None;
        let job = MaintainJob::SaveEdit {
            snapshot: f.snapshot.clone(),
            agency: f.id(),
            edits: EditList(f.edits()),
            new: f.new,
        };
        self.status = Some(Msg::Saving.text(lang).to_string());
        Effect::Maintain(job)
    }

    /// The write's answer: saved (the form closes; the watcher reloads the file), or refused
    /// (the form stays with every edit, saying why; when the file changed on disk, also what
    /// changed there, field by field, and that Ctrl-R carries the edits over onto it).
    pub(super) fn edit_saved(&mut self, result: Result<(), SaveRefused>) {
        let lang = self.lang();
        let today = self.now.date();
        match result {
            Ok(()) => {
                self.overlays.retain(|o| !matches!(o, Overlay::Form(_)));
                self.status = Some(Msg::FormSaved.text(lang).to_string());
            }
            Err(refused) => {
                self.status = Some(Msg::NotSaved.text(lang).to_string());
                match self.form_mut() {
                    Some(f) => {
                        f.saving = false;
                        f.disk = refused.on_disk.map(|now| f.disk_changes(now, today));
                        f.refused = Some(refused.error.message(lang));
                    }
                    None => self.failed(Msg::FormOpenFailed, refused.error.message(lang)),
                }
            }
        }
    }

    /// Ctrl-R after a save refused for changes on disk: the form opens again on the file as
    /// it is now, with the user's changed fields carried over on top, checked; the next Ctrl-S
    /// saves over that version.
    pub(super) fn form_merge(&mut self) {
        let lang = self.lang();
        let today = self.now.date();
        let Some(f) = self.form_mut() else { return };
        let Some(disk) = f.disk.as_ref().filter(|d| d.blocked.is_none()) else {
            f.notice = Some(form_text::nothing_to_merge(lang).to_string());
            return;
        };
        match f.merge_onto(disk.snapshot.clone(), today) {
            Ok(merged) => {
                *f = merged;
                self.recheck();
            }
            Err(e) => f.refused = Some(e),
        }
    }

    /// F10 (Ctrl-Q, Ctrl-C) in the form: with unsaved changes the first press only says so,
    /// as Esc does; the second quits.
    pub(super) fn form_quit(&mut self) -> Effect {
        let lang = self.lang();
        match self.form_mut() {
            Some(f) if f.changed() && !f.confirm_quit => {
                f.confirm_quit = true;
                f.notice = Some(Msg::FormUnsavedQuit.text(lang).to_string());
                self.status = Some(Msg::FormUnsavedQuit.text(lang).to_string());
                Effect::None
            }
            _ => Effect::Quit,
        }
    }
}

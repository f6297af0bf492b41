//! Keeping the directory true from the desk: «Повідомити про помилку» (a dialog: the field and
//! a short note), «Перевірено сьогодні» (asking the maintainer's name once), the open reports
//! the card warns about, and F8's maintenance lines (the verification queue, the open reports,
//! the git audit line). The writing itself is an effect ([`MaintainJob`]).

use super::{Overlay, State};
use crate::maintain::corrections::{self, Correction, NewReport};
use crate::maintain::due::{self, Unit, Within};
use crate::maintain::edit::SaveError;
use crate::tui::keymap::{Command, Scope};
use crate::tui::line_input::LineInput;
use crate::tui::msg::{AgencyId, DirHandle, Effect, MaintainDone, MaintainJob};
use crate::tui::strings::{self, Msg};

/// The longest note a report takes: a short note, not a letter.
pub const MAX_NOTE_CHARS: usize = 200;
/// The longest maintainer's name.
pub const MAX_MAINTAINER_CHARS: usize = 80;
/// F8 counts the agencies due for their yearly check within this many days.
pub const DUE_WITHIN_DAYS: u32 = 30;

/// A small window over the card with one line to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub kind: DialogKind,
    /// The note, or the maintainer's name.
    pub input: LineInput,
    /// Why Enter did not send (an empty note), shown under the line.
    pub error: Option<Msg>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    /// «Повідомити про помилку»: `field` indexes [`corrections::FIELDS`].
    Report { agency: AgencyId, field: usize },
    /// The maintainer's name, asked once before agency `agency` is marked verified.
    Maintainer { agency: AgencyId },
    /// What went wrong with a write, to be read (a file changed on disk, no permission).
    Failed { title: Msg, message: String },
}

impl State {
    /// F8 and the keys of keeping the data true (the report, verify, the edit form); `None`
    /// for every other command.
    pub(super) fn maintain_command(&mut self, c: Command) -> Option<Effect> {
        Some(match c {
            Command::Problems => self.open_problems(),
            Command::Report => self.open_report(),
            Command::Verify => self.verify_today(),
            Command::Edit => self.open_edit(),
            Command::NewAgency => self.open_new(),
            Command::Save => self.form_save(),
            Command::Merge => {
                self.form_merge();
                Effect::None
            }
            Command::Choose => {
                self.form_choices();
                Effect::None
            }
            Command::NextField | Command::PrevField => {
                let delta = if c == Command::NextField { 1 } else { -1 };
                if self.scope() == Scope::Dialog {
                    self.dialog_move(delta);
                } else {
                    self.form_move(delta);
                }
                Effect::None
            }
            _ => return None,
        })
    }

    /// The agency the card shows, else the selected result's.
    fn maintain_target(&self) -> Option<AgencyId> {
        self.target().map(|(a, _)| a)
    }

    /// The built-in demo (or a folder marked `demo = true`) is never written: say so.
    pub(super) fn refuse_demo(&mut self) -> bool {
        if self.dir.meta.demo {
            self.status = Some(SaveError::Demo.message(self.lang()));
        }
        self.dir.meta.demo
    }

    pub(super) fn open_report(&mut self) -> Effect {
        let Some(agency) = self.maintain_target() else {
            return self.nothing_selected();
        };
        if self.refuse_demo() {
            return Effect::None;
        }
        let other = corrections::FIELDS.len() - 1;
        self.push_dialog(DialogKind::Report {
            agency,
            field: other,
        });
        Effect::None
    }

    fn push_dialog(&mut self, kind: DialogKind) {
        let limit = match kind {
            DialogKind::Maintainer { .. } => MAX_MAINTAINER_CHARS,
            _ => MAX_NOTE_CHARS,
        };
        self.overlays.retain(|o| !matches!(o, Overlay::Dialog(_)));
        self.overlays.push(Overlay::Dialog(Dialog {
            kind,
            input: LineInput::with_limit(limit),
            error: None,
        }));
    }

    pub(super) fn verify_today(&mut self) -> Effect {
        let Some(agency) = self.maintain_target() else {
            return self.nothing_selected();
        };
        if self.refuse_demo() {
            return Effect::None;
        }
        match self.maintainer() {
            Some(by) => self.verify_job(agency, by),
            None => {
                self.push_dialog(DialogKind::Maintainer { agency });
                Effect::None
            }
        }
    }

    /// The maintainer's name from the settings, when given.
    fn maintainer(&self) -> Option<String> {
        self.settings
            .config
            .maintainer
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_string)
    }

    fn verify_job(&mut self, agency: AgencyId, by: String) -> Effect {
        self.status = Some(Msg::Saving.text(self.lang()).to_string());
        Effect::Maintain(MaintainJob::Verify {
            dir: DirHandle(self.dir.clone()),
            agency,
            by,
            today: self.now.date(),
        })
    }

    pub(super) fn dialog_mut(&mut self) -> Option<&mut Dialog> {
        match self.overlays.last_mut() {
            Some(Overlay::Dialog(d)) => Some(d),
            _ => None,
        }
    }

    /// Typing and editing keys in the dialog go into its line.
    pub(super) fn dialog_type(&mut self, text: &str) {
        if self.setup_type(text) {
            return;
        }
        if let Some(d) = self.dialog_mut() {
            d.input.insert(text);
            d.error = None;
        }
    }

    pub(super) fn dialog_edit(&mut self, c: Command) {
        if self.setup_edit(c) {
            return;
        }
        if let Some(d) = self.dialog_mut() {
            d.input.edit(c);
        }
    }

    /// ↑↓ in the report dialog choose the field, in the first-start window the line.
    pub(super) fn dialog_move(&mut self, delta: isize) {
        if self.setup_move(delta) {
            return;
        }
        if let Some(Dialog {
            kind: DialogKind::Report { field, .. },
            ..
        }) = self.dialog_mut()
        {
            let last = corrections::FIELDS.len() - 1;
            *field = field.saturating_add_signed(delta).min(last);
        }
    }

    /// Enter: the report is sent, the name is kept (and the agency marked verified), a failure
    /// window closes.
    pub(super) fn dialog_send(&mut self) -> Effect {
        if let Some(effect) = self.setup_enter() {
            return effect;
        }
        let Some(Overlay::Dialog(d)) = self.overlays.last() else {
            return Effect::None;
        };
        let text = d.input.text().trim().to_string();
        if text.is_empty() && !matches!(d.kind, DialogKind::Failed { .. }) {
            let missing = match d.kind {
                DialogKind::Maintainer { .. } => Msg::NameMissing,
                _ => Msg::NoteMissing,
            };
            if let Some(d) = self.dialog_mut() {
                d.error = Some(missing);
            }
            return Effect::None;
        }
        let Some(Overlay::Dialog(d)) = self.overlays.pop() else {
            return Effect::None;
        };
        match d.kind {
            DialogKind::Report { agency, field } => {
                self.status = Some(Msg::Saving.text(self.lang()).to_string());
                Effect::Maintain(MaintainJob::Report(NewReport {
                    agency,
                    field: corrections::FIELDS[field].0.to_string(),
                    note: text,
                    date: self.now.date(),
                    desk: self.settings.config.desk.clone(),
                }))
            }
            DialogKind::Maintainer { agency } => {
                // Kept for this session at once; the settings file keeps it for the next.
                self.settings.config.maintainer = Some(text.clone());
                Effect::Batch(vec![
                    Effect::Maintain(MaintainJob::SaveMaintainer(text.clone())),
                    self.verify_job(agency, text),
                ])
            }
            DialogKind::Failed { .. } => Effect::None,
        }
    }

    pub(super) fn failed(&mut self, title: Msg, message: String) {
        self.status = Some(Msg::NotSaved.text(self.lang()).to_string());
        self.push_dialog(DialogKind::Failed { title, message });
    }

    /// A maintenance job's answer.
    pub(super) fn maintained(&mut self, done: MaintainDone) -> Effect {
        let lang = self.lang();
        match done {
            MaintainDone::Corrections(all) => self.corrections = all,
            MaintainDone::Reported(Ok(())) => {
                self.status = Some(Msg::Reported.text(lang).to_string());
                return Effect::Maintain(MaintainJob::LoadCorrections);
            }
            MaintainDone::Reported(Err(e)) => self.failed(Msg::ReportFailed, e.message(lang)),
            MaintainDone::Verified { agency, result } => match result {
                Ok(()) => {
                    let name = self
                        .dir
                        .agency(&agency)
                        .map_or(agency.clone(), |a| a.display_name().to_string());
                    self.status = Some(strings::verified_today(
                        lang,
                        &name,
                        self.now.date(),
                        self.maintainer().as_deref().unwrap_or_default(),
                    ));
                }
                Err(e) => self.failed(Msg::VerifyFailed, e.message(lang)),
            },
            MaintainDone::MaintainerSaved(Ok(())) => {}
            MaintainDone::MaintainerSaved(Err(e)) => {
                // The name still serves this session; the next one asks again.
                self.failed(
                    Msg::MaintainerNotSaved,
                    strings::settings_not_saved(lang, &e),
                );
            }
            MaintainDone::SetupSaved(result) => self.setup_saved(result),
            MaintainDone::Printers(list) => self.printers_listed(list),
            MaintainDone::Audit(audit) => self.audit = audit,
            MaintainDone::EditOpened {
                agency,
                new,
                result,
            } => self.edit_opened(agency, new, result),
            MaintainDone::EditSaved(result) => self.edit_saved(result),
        }
        Effect::None
    }

    /// The open correction reports about agency `id`: the card warns about each.
    pub fn open_reports(&self, id: &str) -> Vec<&Correction> {
        corrections::open_for(&self.corrections, id)
    }

    /// F8's maintenance lines, before the data problems: how many agencies are due for their
    /// check within [`DUE_WITHIN_DAYS`], the open correction reports (numbered as `refdesk
    /// corrections` numbers them), and the data folder's git audit line.
    pub fn maintenance_lines(&self) -> Vec<String> {
        let lang = self.lang();
        let today = self.now.date();
        let mut out = Vec::new();
        let within = Within {
            amount: DUE_WITHIN_DAYS,
            unit: Unit::Days,
        };
        let due = due::due(&self.dir, within.until(today), lang).len();
        if due > 0 {
            out.push(strings::due_count(lang, due, DUE_WITHIN_DAYS));
        }
        let open: Vec<&Correction> = self.corrections.iter().filter(|c| c.is_open()).collect();
        if !open.is_empty() {
            out.push(strings::open_reports_head(lang, open.len()));
            for (i, c) in open.iter().enumerate() {
                let name = self.dir.agency(&c.agency).map(|a| a.display_name());
                out.push(strings::report_line(lang, i + 1, c, name));
            }
        }
        out.extend(self.audit.as_ref().map(|a| a.line(lang)));
        out
    }

    /// F8 opens: the list, and the git audit line asked for afresh (it runs git, so off this
    /// thread); the corrections file is read again too, as another desk may have written it.
    pub(super) fn open_problems(&mut self) -> Effect {
        let opening = !matches!(self.overlays.last(), Some(Overlay::Problems { .. }));
        self.toggle_overlay(Overlay::Problems { selected: 0 });
        if opening && self.screen_is_real_data() {
            Effect::Batch(vec![
                Effect::Maintain(MaintainJob::LoadCorrections),
                Effect::Maintain(MaintainJob::Audit),
            ])
        } else {
            Effect::None
        }
    }

    fn screen_is_real_data(&self) -> bool {
        !self.dir.meta.demo
    }
}

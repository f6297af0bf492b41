//! The first start on real data: a window over the screen asks once for the office's name,
//! address and phone, the home town and the printer. Enter goes to the next line and, on the
//! last, saves: the runtime writes the settings file ([`MaintainJob::SaveSetup`], through
//! [`crate::setup::write_settings`]) and the screen takes the answers at once — the office on
//! slips, the home town first in search. Esc skips for this run; the next start asks again.
//! The system's printers are listed off this thread ([`MaintainJob::ListPrinters`]).

use super::{Overlay, State};
use crate::i18n::Lang;
use crate::setup::DeskSetup;
use crate::tui::keymap::Command;
use crate::tui::line_input::LineInput;
use crate::tui::msg::{Effect, MaintainJob};
use crate::tui::strings::{self, Msg};

/// The longest answer a line takes: an office's full name is long, but it is one line.
pub const MAX_SETUP_CHARS: usize = 160;

/// The window's lines, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    Name,
    Address,
    Phone,
    Locality,
    /// Chosen with ←→ from the system's printers, not typed.
    Printer,
}

impl SetupField {
    pub const ALL: [SetupField; 5] = [
        SetupField::Name,
        SetupField::Address,
        SetupField::Phone,
        SetupField::Locality,
        SetupField::Printer,
    ];

    fn index(self) -> usize {
        SetupField::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// The first-start window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupDialog {
    /// The typed lines: the name, the address, the phone, the home town.
    pub lines: [LineInput; 4],
    pub focus: SetupField,
    /// The printer the settings already name: offered first, and kept unless another is chosen.
    pub configured: Option<String>,
    /// The system's printers; `None` while they are being listed.
    pub printers: Option<Vec<String>>,
    /// The printer chosen; `None` is the system's default printer.
    pub printer: Option<String>,
    /// What is wrong with a line, said under the lines until it is edited.
    pub error: Option<(SetupField, String)>,
}

impl SetupDialog {
    /// The window filled in with what the settings already say.
    pub fn new(from: &DeskSetup) -> SetupDialog {
        let line = |v: &Option<String>| {
            let mut l = LineInput::with_limit(MAX_SETUP_CHARS);
            l.insert(v.as_deref().unwrap_or_default().trim());
            l
        };
        SetupDialog {
            lines: [
                line(&from.office_name),
                line(&from.office_address),
                line(&from.office_phone),
                line(&from.home_locality),
            ],
            focus: SetupField::Name,
            configured: from.printer.clone(),
            printers: None,
            printer: from.printer.clone(),
            error: None,
        }
    }

    /// The typed line of `field` (`None` for the printer).
    pub fn line(&self, field: SetupField) -> Option<&LineInput> {
        self.lines.get(field.index())
    }

    /// The printers to choose from, in order: the one the settings name (else the system
    /// default, `None`), then the system's others.
    pub fn choices(&self) -> Vec<Option<String>> {
        let mut out = vec![self.configured.clone()];
        for p in self.printers.iter().flatten() {
            if self.configured.as_ref() != Some(p) {
                out.push(Some(p.clone()));
            }
        }
        out
    }

    /// ←→ on the printer line: the next printer, round the list.
    fn cycle_printer(&mut self, forward: bool) {
        let choices = self.choices();
        let n = choices.len();
        let at = choices.iter().position(|c| *c == self.printer).unwrap_or(0);
        let next = if forward { at + 1 } else { at + n - 1 };
        self.printer = choices[next % n].clone();
    }

    /// ↑↓, Tab: another line; the lines do not wrap round.
    fn move_focus(&mut self, delta: isize) {
        let last = SetupField::ALL.len() - 1;
        let to = self.focus.index().saturating_add_signed(delta).min(last);
        self.focus = SetupField::ALL[to];
    }

    fn type_text(&mut self, text: &str) {
        if let Some(l) = self.lines.get_mut(self.focus.index()) {
            l.insert(text);
            self.error = None;
        }
    }

    fn edit(&mut self, c: Command) {
        match self.lines.get_mut(self.focus.index()) {
            Some(l) => {
                if l.edit(c) {
                    self.error = None;
                }
            }
            None => match c {
                Command::Left | Command::Right => self.cycle_printer(c == Command::Right),
                _ => {}
            },
        }
    }

    /// What is wrong with `field` as typed: the name is needed (without it the next start
    /// asks again), and a phone must be one the directory would take.
    fn problem(&self, field: SetupField, lang: Lang) -> Option<String> {
        let text = self.line(field)?.text().trim();
        match field {
            SetupField::Name if text.is_empty() => {
                Some(Msg::OfficeNameMissing.text(lang).to_string())
            }
            SetupField::Phone if !text.is_empty() => {
                crate::phone::parse(text).err().map(|e| e.message(lang))
            }
            _ => None,
        }
    }

    /// The answers as the settings file takes them.
    pub fn answers(&self) -> DeskSetup {
        let text = |i: usize| Some(self.lines[i].text().trim().to_string());
        DeskSetup {
            office_name: text(0),
            office_address: text(1),
            office_phone: text(2),
            home_locality: text(3),
            printer: self.printer.clone(),
            maintainer: None,
        }
    }
}

impl State {
    /// Opens the first-start window (the runtime decides when: [`crate::setup::needs_setup`])
    /// and asks for the system's printers.
    pub fn open_setup(&mut self) -> Effect {
        let from = DeskSetup::from_config(&self.settings.config);
        self.overlays
            .push(Overlay::Setup(Box::new(SetupDialog::new(&from))));
        Effect::Maintain(MaintainJob::ListPrinters)
    }

    /// The first-start window, when it is the top one (the keyboard is in it).
    pub(super) fn setup_mut(&mut self) -> Option<&mut SetupDialog> {
        match self.overlays.last_mut() {
            Some(Overlay::Setup(s)) => Some(s),
            _ => None,
        }
    }

    /// Typing and editing keys go into the line; ←→ on the printer line choose the printer.
    /// False when the window is not open.
    pub(super) fn setup_type(&mut self, text: &str) -> bool {
        let Some(s) = self.setup_mut() else {
            return false;
        };
        s.type_text(text);
        true
    }

    pub(super) fn setup_edit(&mut self, c: Command) -> bool {
        let Some(s) = self.setup_mut() else {
            return false;
        };
        s.edit(c);
        true
    }

    pub(super) fn setup_move(&mut self, delta: isize) -> bool {
        let Some(s) = self.setup_mut() else {
            return false;
        };
        s.move_focus(delta);
        true
    }

    /// Esc: nothing is written; the next start asks again, and the status line says so.
    pub(super) fn setup_skip(&mut self) -> bool {
        if self.setup_mut().is_none() {
            return false;
        }
        self.overlays.pop();
        self.status = Some(Msg::SetupSkipped.text(self.lang()).to_string());
        true
    }

    /// Enter: the line is checked and the next one taken; on the last line every line is
    /// checked and the answers are saved. `None` when the window is not open.
    pub(super) fn setup_enter(&mut self) -> Option<Effect> {
        let lang = self.lang();
        let s = self.setup_mut()?;
        if let Some(e) = s.problem(s.focus, lang) {
            s.error = Some((s.focus, e));
            return Some(Effect::None);
        }
        if s.focus != SetupField::Printer {
            s.move_focus(1);
            return Some(Effect::None);
        }
        let wrong = SetupField::ALL
            .into_iter()
            .find_map(|f| s.problem(f, lang).map(|e| (f, e)));
        if let Some((field, e)) = wrong {
            s.focus = field;
            s.error = Some((field, e));
            return Some(Effect::None);
        }
        let answers = s.answers();
        self.overlays.pop();
        Some(self.apply_setup(answers))
    }

    /// The answers serve this run at once, written or not: the office on slips and in the
    /// title, the home town in the search (asked again now).
    fn apply_setup(&mut self, answers: DeskSetup) -> Effect {
        answers.apply(&mut self.settings.config);
        self.settings.office = self.settings.config.office.name.clone();
        self.settings.home_locality = self.settings.config.home_locality.clone();
        self.status = Some(Msg::Saving.text(self.lang()).to_string());
        Effect::Batch(vec![
            Effect::Maintain(MaintainJob::SaveSetup(answers)),
            self.research(),
        ])
    }

    /// The system's printers arrived: the window offers them (wherever it is in the stack).
    pub(super) fn printers_listed(&mut self, printers: Vec<String>) {
        for o in &mut self.overlays {
            if let Overlay::Setup(s) = o {
                s.printers = Some(printers.clone());
            }
        }
    }

    /// The settings file was written (the status line says where), or it was not: a window
    /// says why; the answers still serve until the program ends.
    pub(super) fn setup_saved(
        &mut self,
        result: Result<std::path::PathBuf, crate::tui::msg::SettingsNotSaved>,
    ) {
        let lang = self.lang();
        match result {
            Ok(path) => self.status = Some(strings::setup_saved(lang, &path)),
            Err(e) => self.failed(Msg::SetupNotSaved, strings::settings_not_saved(lang, &e)),
        }
    }
}

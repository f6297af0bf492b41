//! The visit's plan on the screen: adding agencies and the step back to the office, the plan
//! panel (choosing, moving, removing and annotating steps), and taking back the visit's last
//! count. The plan itself ([`crate::referral::plan::Plan`]) and the counting
//! ([`crate::stats::Visit`]) are owned below the screen; this file only wires keys to them.

use super::{Overlay, State};
use crate::referral::card::ServiceChoice;
use crate::referral::plan::{StepNote, Target};
use crate::stats::{Record, StatsError, undone_message};
use crate::tui::keymap::Command;
use crate::tui::line_input::LineInput;
use crate::tui::msg::Effect;
use crate::tui::strings::{self, Msg};

/// Typing a step's own note (Enter in the plan panel). The note is about the order of the
/// visit, never about the visitor, and lives in the plan only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    /// Index into the plan's steps.
    pub step: usize,
    pub input: LineInput,
}

impl State {
    /// Ctrl-D: the selected agency, with the service chosen on the card or found by the
    /// search, goes to the plan (before the step back to the office). An agency with several
    /// services and none chosen goes with all of them, as F5 copies it.
    pub(super) fn add_to_plan(&mut self) -> Effect {
        let Some((agency, service)) = self.target() else {
            return self.nothing_selected();
        };
        let Some(a) = self.dir.agency(&agency) else {
            return Effect::None;
        };
        let choice = match ServiceChoice::initial(a, service) {
            ServiceChoice::Unchosen => ServiceChoice::All,
            c => c,
        };
        let before = self.plan.len();
        let at = self.plan.add(Target::new(agency, choice));
        let lang = self.lang();
        self.status = Some(if self.plan.len() == before {
            Msg::AlreadyInPlan.text(lang).to_string()
        } else {
            strings::added_to_plan(lang, at + 1, self.plan.len())
        });
        if let Some(c) = self.plan_cursor.as_mut() {
            *c = at;
        }
        Effect::None
    }

    /// Ctrl-O: the last step, back to this office (at most one).
    pub(super) fn add_return(&mut self) -> Effect {
        let at = self.plan.add_return();
        self.status = Some(Msg::ReturnAdded.text(self.lang()).to_string());
        if let Some(c) = self.plan_cursor.as_mut() {
            *c = at;
        }
        Effect::None
    }

    /// Ctrl-T: into the plan panel, or back out of it. An empty plan says how to fill it.
    pub(super) fn focus_plan(&mut self) -> Effect {
        if self.plan_cursor.is_some() {
            self.plan_cursor = None;
        } else if self.plan.is_empty() {
            self.status = Some(Msg::PlanHint.text(self.lang()).to_string());
        } else {
            self.plan_cursor = Some(0);
            self.plan_scroll = 0;
        }
        Effect::None
    }

    /// The plan panel's commands; the selected step is `plan_cursor`.
    pub(super) fn plan_command(&mut self, c: Command) -> Effect {
        let Some(i) = self.plan_cursor else {
            return Effect::None;
        };
        let last = self.plan.len().saturating_sub(1);
        let to = match c {
            Command::Up => i.saturating_sub(1),
            Command::Down => (i + 1).min(last),
            // PgUp / PgDn scroll the plan's text read aloud, beside or above the panel.
            Command::PageUp | Command::PageDown => {
                let page = self.areas().card.height.max(1) as usize;
                let max = self.viewport.plan_phrase.map_or(usize::MAX, |s| s.max_top);
                self.plan_scroll = if c == Command::PageUp {
                    self.plan_scroll.saturating_sub(page)
                } else {
                    self.plan_scroll.saturating_add(page).min(max)
                };
                i
            }
            Command::StepUp => self.plan.move_up(i),
            Command::StepDown => self.plan.move_down(i),
            Command::RemoveStep => {
                self.plan.remove(i);
                self.status = Some(Msg::StepRemoved.text(self.lang()).to_string());
                if self.plan.is_empty() {
                    self.plan_cursor = None;
                    return Effect::None;
                }
                i.min(self.plan.len() - 1)
            }
            Command::NextNote | Command::PrevNote => {
                let note = self.plan.steps().get(i).and_then(|s| s.note.clone());
                self.plan
                    .set_note(i, cycle_note(note.as_ref(), c == Command::NextNote));
                i
            }
            Command::Open => {
                let typed = match self.plan.steps().get(i).and_then(|s| s.note.as_ref()) {
                    Some(n) => n.text().to_string(),
                    None => String::new(),
                };
                let mut input = LineInput::with_limit(StepNote::MAX_CHARS);
                input.insert(&typed);
                self.overlays
                    .push(Overlay::Note(NoteEdit { step: i, input }));
                i
            }
            _ => i,
        };
        self.plan_cursor = Some(to);
        Effect::None
    }

    /// Enter in the note line: the typed note goes on its step (blank removes the note).
    pub(super) fn keep_note(&mut self) {
        if let Some(Overlay::Note(n)) = self.overlays.pop() {
            self.plan.set_note(n.step, StepNote::typed(n.input.text()));
        }
    }

    pub(super) fn note_mut(&mut self) -> Option<&mut NoteEdit> {
        match self.overlays.last_mut() {
            Some(Overlay::Note(n)) => Some(n),
            _ => None,
        }
    }

    /// Ctrl-Z: the visit's last count comes out of the statistics. The visit forgets it at
    /// once; if the log cannot be changed, [`State::taken_back`] puts it back.
    pub(super) fn undo_count(&mut self) -> Effect {
        match self.visit.undo() {
            Some(r) => Effect::TakeBack(r),
            None => {
                self.status = Some(Msg::NothingToUndo.text(self.lang()).to_string());
                Effect::None
            }
        }
    }

    /// The answer to an undo: the status line says what was taken back, or why it was not.
    pub(super) fn taken_back(&mut self, record: Record, result: Result<(), StatsError>) {
        let lang = self.lang();
        match result {
            Ok(()) => {
                let name = self
                    .dir
                    .agency(&record.id)
                    .map_or(record.id.as_str(), |a| a.display_name());
                self.status = Some(undone_message(&record, name, lang));
            }
            Err(e) => {
                let why = e.message(lang);
                self.status = Some(format!("{}: {why}", Msg::UndoFailed.text(lang)));
                self.visit.restore(record);
            }
        }
    }

    /// A count whose line could not be written is not counted: a retry counts it.
    pub(super) fn record_failed(&mut self, record: &Record, error: &StatsError) {
        self.visit.forget(record);
        let lang = self.lang();
        let why = error.message(lang);
        self.status = Some(format!("{}: {why}", Msg::RecordFailed.text(lang)));
    }
}

/// Tab in the plan: no note → «спочатку» → «коли отримаєте документ» → «потім поверніться до
/// нас» → no note; a typed note goes to no note.
fn cycle_note(note: Option<&StepNote>, forward: bool) -> Option<StepNote> {
    let mut ring: Vec<Option<StepNote>> = vec![None];
    ring.extend(StepNote::COMMON.into_iter().map(Some));
    let pos = match note {
        None => 0,
        Some(n) => match ring.iter().position(|r| r.as_ref() == Some(n)) {
            Some(p) => p,
            // A typed note: the next is none, the previous the last common one.
            None => return if forward { None } else { ring.pop().flatten() },
        },
    };
    let n = ring.len();
    let next = if forward {
        (pos + 1) % n
    } else {
        (pos + n - 1) % n
    };
    ring.swap_remove(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cycles_the_common_notes_and_leaves_a_typed_one() {
        let mut n = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            n = cycle_note(n.as_ref(), true);
            seen.push(n.as_ref().map(|n| n.text().to_string()));
        }
        assert_eq!(
            seen,
            [
                Some("спочатку".to_string()),
                Some("коли отримаєте документ".to_string()),
                Some("потім поверніться до нас".to_string()),
                None
            ]
        );
        assert_eq!(
            cycle_note(None, false),
            Some(StepNote::ThenReturn),
            "backwards from none is the last common note"
        );
        let typed = StepNote::Typed("коли отримаєте паспорт".into());
        assert_eq!(cycle_note(Some(&typed), true), None);
        assert_eq!(cycle_note(Some(&typed), false), Some(StepNote::ThenReturn));
    }
}

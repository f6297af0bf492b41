//! The plan of a visit («План візиту»): several referrals in the order the visitor should go,
//! each with an optional step note, and optionally a last step back to this office.
//!
//! The handbook's own example is a chain: first the rehabilitation centre, then the migration
//! service for a passport, then back to the legal aid office. The plan is pure data (agency ids,
//! service choices, notes) — never anything the visitor said — and lives only in memory for the
//! length of one visit. [`resolve`] turns it into cards; [`phrase`] reads it aloud and [`slip`]
//! prints it.

use super::Card;
pub mod phrase;
pub mod slip;

use super::card::ServiceChoice;
use crate::directory::Directory;
use crate::i18n::Lang;

/// What one step sends the visitor to: an agency and the service chosen there.
///
/// This is the same pair the screen and the command line build a [`Card`] from; [`card`] is the
/// one place the plan turns it into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub agency: String,
    pub service: ServiceChoice,
}

impl Target {
    pub fn new(agency: impl Into<String>, service: ServiceChoice) -> Target {
        Target {
            agency: agency.into(),
            service,
        }
    }
}

/// The card for a target, or `None` when the directory no longer has the agency (a reload
/// removed it while the plan was open). The plan's single use of the card constructor.
pub fn card<'a>(dir: &'a Directory, target: &Target, lang: Lang) -> Option<Card<'a>> {
    let target = crate::referral::card::Target {
        agency: &target.agency,
        service: target.service,
    };
    Card::for_target(dir, target, lang)
}

/// A short note on a step: one of the common ones, or typed at the desk. It is about the order
/// of the visit («коли отримаєте документ»), never about the visitor — and like the plan it is
/// never written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepNote {
    /// «спочатку»
    First,
    /// «коли отримаєте документ»
    WhenDocument,
    /// «потім поверніться до нас»
    ThenReturn,
    /// Typed by the frontliner («коли отримаєте паспорт»).
    Typed(String),
}

impl StepNote {
    /// The common notes, in the order the screen offers them.
    pub const COMMON: [StepNote; 3] = [
        StepNote::First,
        StepNote::WhenDocument,
        StepNote::ThenReturn,
    ];

    /// The longest typed note kept: a step note is a few words, not a letter.
    pub const MAX_CHARS: usize = 80;

    /// The note as printed after the step's number.
    pub fn text(&self) -> &str {
        match self {
            StepNote::First => "спочатку",
            StepNote::WhenDocument => "коли отримаєте документ",
            StepNote::ThenReturn => "потім поверніться до нас",
            StepNote::Typed(t) => t,
        }
    }

    /// A typed note: one line without control characters, at most [`Self::MAX_CHARS`]
    /// characters; a common note typed out is that note; blank is no note.
    pub fn typed(text: &str) -> Option<StepNote> {
        let line = crate::sanitize::line(text);
        let t: String = line.trim().chars().take(Self::MAX_CHARS).collect();
        let t = t.trim_end();
        if t.is_empty() {
            return None;
        }
        let lower = t.to_lowercase();
        Some(
            Self::COMMON
                .into_iter()
                .find(|c| c.text() == lower.trim_end_matches(['.', '!']))
                .unwrap_or_else(|| StepNote::Typed(t.to_string())),
        )
    }
}

/// Where a step sends the visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    Agency(Target),
    /// Back to this office (the office in the settings, with its address and phone).
    Office,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub stop: Stop,
    pub note: Option<StepNote>,
}

/// The steps of one visit, in order. The step back to the office, when there is one, is
/// always the last: agencies added after it go before it, and it does not move.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    steps: Vec<Step>,
}

impl Plan {
    pub fn new() -> Plan {
        Plan::default()
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The agency steps, with their index in [`Self::steps`].
    pub fn targets(&self) -> impl Iterator<Item = (usize, &Target)> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match &s.stop {
                Stop::Agency(t) => Some((i, t)),
                Stop::Office => None,
            })
    }

    /// Whether the plan already sends the visitor to this agency (any service).
    pub fn contains(&self, agency: &str) -> bool {
        self.targets().any(|(_, t)| t.agency == agency)
    }

    pub fn has_return(&self) -> bool {
        self.steps.last().is_some_and(|s| s.stop == Stop::Office)
    }

    /// Adds an agency before the return step (if any) and returns its index. The same agency
    /// and service twice is one step: its index is returned and nothing changes.
    pub fn add(&mut self, target: Target) -> usize {
        if let Some((i, _)) = self.targets().find(|(_, t)| **t == target) {
            return i;
        }
        let at = self.steps.len() - usize::from(self.has_return());
        self.steps.insert(
            at,
            Step {
                stop: Stop::Agency(target),
                note: None,
            },
        );
        at
    }

    /// Adds the step back to the office, last; a plan has at most one. Returns its index.
    pub fn add_return(&mut self) -> usize {
        if !self.has_return() {
            self.steps.push(Step {
                stop: Stop::Office,
                note: None,
            });
        }
        self.steps.len() - 1
    }

    /// The index of the last step that can move: the return step stays last.
    fn movable_end(&self) -> usize {
        self.steps.len() - usize::from(self.has_return())
    }

    /// Moves step `i` one up; returns where it is now (the same index when it cannot move).
    pub fn move_up(&mut self, i: usize) -> usize {
        if i == 0 || i >= self.movable_end() {
            return i.min(self.steps.len().saturating_sub(1));
        }
        self.steps.swap(i - 1, i);
        i - 1
    }

    /// Moves step `i` one down; returns where it is now.
    pub fn move_down(&mut self, i: usize) -> usize {
        if i + 1 >= self.movable_end() {
            return i.min(self.steps.len().saturating_sub(1));
        }
        self.steps.swap(i, i + 1);
        i + 1
    }

    /// Removes step `i`; `None` when there is no such step.
    pub fn remove(&mut self, i: usize) -> Option<Step> {
        (i < self.steps.len()).then(|| self.steps.remove(i))
    }

    /// Sets (or with `None` clears) step `i`'s note; false when there is no such step.
    pub fn set_note(&mut self, i: usize, note: Option<StepNote>) -> bool {
        match self.steps.get_mut(i) {
            Some(s) => {
                s.note = note;
                true
            }
            None => false,
        }
    }

    /// Changes the service of agency step `i`; false when it is not an agency step.
    pub fn set_service(&mut self, i: usize, service: ServiceChoice) -> bool {
        match self.steps.get_mut(i).map(|s| &mut s.stop) {
            Some(Stop::Agency(t)) => {
                t.service = service;
                true
            }
            _ => false,
        }
    }

    /// Forgets every step (the next visitor).
    pub fn clear(&mut self) {
        self.steps.clear();
    }
}

/// A step ready to be said and printed.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// 1-based, as printed.
    pub number: usize,
    pub stop: ResolvedStop<'a>,
    pub note: Option<&'a StepNote>,
}

#[derive(Debug, Clone, Copy)]
pub enum ResolvedStop<'a> {
    Agency(Card<'a>),
    Office,
}

/// The plan's steps as cards, numbered in order, and the ids of agencies the directory no
/// longer has (those steps are left out and the numbering closes up, so the paper never shows
/// a gap — the caller says which were dropped).
pub fn resolve<'a>(
    plan: &'a Plan,
    dir: &'a Directory,
    lang: Lang,
) -> (Vec<Resolved<'a>>, Vec<&'a str>) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for step in &plan.steps {
        let stop = match &step.stop {
            Stop::Agency(t) => match card(dir, t, lang) {
                Some(c) => ResolvedStop::Agency(c),
                None => {
                    missing.push(t.agency.as_str());
                    continue;
                }
            },
            Stop::Office => ResolvedStop::Office,
        };
        out.push(Resolved {
            number: out.len() + 1,
            stop,
            note: step.note.as_ref(),
        });
    }
    (out, missing)
}

#[cfg(test)]
mod tests;

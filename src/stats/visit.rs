//! The visit in progress, as the statistics see it: which agencies it has counted, in order.
//!
//! A referral counts once per agency per visit: a reprint, a copy after a print, a retry after
//! a failed print do not count again. The last count of the visit can be taken back. Each
//! record carries its step in the visit (1, 2, …), from which `stats` tells how many visits
//! needed two or more agencies. The visit holds only the records it wrote (agency, category,
//! service, time) — nothing about the visitor — and is forgotten with the next visitor.

use super::{How, Log, Record, StatsError};
use crate::directory::{Agency, Service};
use crate::i18n::Lang;
use crate::referral::Card;
use jiff::civil::DateTime;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visit {
    counted: Vec<Record>,
}

impl Visit {
    pub fn new() -> Visit {
        Visit::default()
    }

    /// The record to write for giving `agency` now, numbered as the visit's next step; `None`
    /// when the visit has already counted this agency (for whatever service and however given).
    pub fn count(
        &mut self,
        how: How,
        agency: &Agency,
        service: Option<&Service>,
        now: DateTime,
    ) -> Option<Record> {
        if self.has(&agency.id) {
            return None;
        }
        let mut r = Record::new(how, agency, service, now);
        r.step = Some(self.counted.len() as u32 + 1);
        self.counted.push(r.clone());
        Some(r)
    }

    /// Whether the visit has counted this agency (the screen marks it as already given).
    pub fn has(&self, agency_id: &str) -> bool {
        self.counted.iter().any(|r| r.id == agency_id)
    }

    /// The agencies counted, in order.
    pub fn given(&self) -> impl Iterator<Item = &str> {
        self.counted.iter().map(|r| r.id.as_str())
    }

    /// The count an undo would take back.
    pub fn last(&self) -> Option<&Record> {
        self.counted.last()
    }

    /// Forgets the last count (pure; [`Visit::take_back`] also removes it from the log).
    pub fn undo(&mut self) -> Option<Record> {
        self.counted.pop()
    }

    pub fn is_empty(&self) -> bool {
        self.counted.is_empty()
    }

    /// Forgets one count whose line could not be written (the screen writes on another
    /// thread, after [`Visit::count`]), so a retry counts it; false when it is not here.
    pub fn forget(&mut self, r: &Record) -> bool {
        match self.counted.iter().rposition(|c| c == r) {
            Some(i) => {
                self.counted.remove(i);
                true
            }
            None => false,
        }
    }

    /// Puts back a count [`Visit::undo`] took when its line could not be taken out of the
    /// log, so the undo can be tried again.
    pub fn restore(&mut self, r: Record) {
        self.counted.push(r);
    }

    /// The next visitor: nothing counted.
    pub fn clear(&mut self) {
        self.counted.clear();
    }

    /// Counts the referral a card stands for and appends it to `log`; `Ok(None)` when the
    /// visit had already counted the agency. A record that could not be written is not
    /// counted, so that a retry counts it.
    pub fn give(
        &mut self,
        log: &Log,
        card: &Card,
        how: How,
        now: DateTime,
    ) -> Result<Option<Record>, StatsError> {
        let Some(r) = self.count(how, card.agency, card.selected_service(), now) else {
            return Ok(None);
        };
        match log.append(&r) {
            Ok(()) => Ok(Some(r)),
            Err(e) => {
                self.counted.pop();
                Err(e)
            }
        }
    }

    /// Takes back the visit's last count, from the log too; `Ok(None)` when there is none.
    /// When the log cannot be changed the count stays, so the undo can be tried again.
    pub fn take_back(&mut self, log: &Log) -> Result<Option<Record>, StatsError> {
        let Some(r) = self.counted.pop() else {
            return Ok(None);
        };
        match log.remove_last(&r) {
            Ok(_) => Ok(Some(r)),
            Err(e) => {
                self.counted.push(r);
                Err(e)
            }
        }
    }
}

/// What the status line says after an undo: «Скасовано останнє направлення: ЦОП ДПС
/// (надруковано)». `name` is the agency's display name.
pub fn undone_message(r: &Record, name: &str, lang: Lang) -> String {
    let how = match (r.how, lang) {
        (How::Printed, Lang::Uk) => "надруковано",
        (How::Copied, Lang::Uk) => "скопійовано",
        (How::Read, Lang::Uk) => "усно",
        (How::Printed, Lang::En) => "printed",
        (How::Copied, Lang::En) => "copied",
        (How::Read, Lang::En) => "by word of mouth",
    };
    match lang {
        Lang::Uk => {
            format!("Скасовано останнє направлення: {name} ({how}) — у статистиці його немає")
        }
        Lang::En => {
            format!("Last referral taken back: {name} ({how}) — no longer in the statistics")
        }
    }
}

#[cfg(test)]
mod tests;

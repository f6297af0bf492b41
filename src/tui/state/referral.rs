//! Giving a referral: the print preview, printing, copying, counting and the QR code.

use super::{Overlay, Screen, State};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::card::{ServiceChoice, Target};
use crate::referral::slip::{self, SlipContext};
use crate::stats::{How, Record};
use crate::tui::line_input::LineInput;
use crate::tui::msg::{AgencyId, DirHandle, Effect, PrintJob, PrintOutcome, SlipDest};
use crate::tui::strings::Msg;

/// The print preview's state. The visitor's name lives here and in the print job only: it is
/// dropped when the preview closes, and never written anywhere but on the printed slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub agency: AgencyId,
    /// The service the slip is for; Tab changes it. Never printed while unchosen for an
    /// agency with several services.
    pub service: ServiceChoice,
    /// The «Для:» field: the visitor's name, at most [`MAX_NAME_CHARS`].
    pub for_name: LineInput,
    pub dest: SlipDest,
    /// First slip line shown.
    pub scroll: usize,
}

impl Preview {
    /// The name as it goes on the slip: trimmed, `None` when empty or when the slip is saved
    /// to a file (a file is not the visitor's paper, and nothing about the visitor is stored).
    pub fn printed_name(&self) -> Option<String> {
        let n = self.for_name.text().trim();
        (!n.is_empty() && !self.dest.saves()).then(|| n.to_string())
    }
}

/// The longest name the «Для:» field takes; a slip line is not a letter.
pub const MAX_NAME_CHARS: usize = 80;

impl State {
    /// The (agency, service) an output command acts on.
    pub(super) fn target(&self) -> Option<(AgencyId, Option<usize>)> {
        match &self.screen {
            Screen::Card(c) => Some((c.agency.clone(), c.service)),
            Screen::List => {
                let h = self.selected_hit()?;
                Some((self.dir.agencies.get(h.agency)?.id.clone(), h.service))
            }
        }
    }

    pub(super) fn nothing_selected(&mut self) -> Effect {
        self.status = Some(Msg::NothingSelected.text(self.lang()).to_string());
        Effect::None
    }

    /// The card a slip is made from. Slips are always Ukrainian: they are the visitor's
    /// document, whatever the screen's language.
    pub fn slip_card(&self, agency: &str, service: ServiceChoice) -> Option<Card<'_>> {
        self.card_for(agency, service, Lang::Uk)
    }

    /// The card the screen shows for an agency and the service chosen on it.
    pub fn card(&self, agency: &str, service: Option<usize>, lang: Lang) -> Option<Card<'_>> {
        let choice = service.map_or(ServiceChoice::Unchosen, ServiceChoice::One);
        self.card_for(agency, choice, lang)
    }

    fn card_for(&self, agency: &str, service: ServiceChoice, lang: Lang) -> Option<Card<'_>> {
        Card::for_target(&self.dir, Target { agency, service }, lang)
    }

    /// The preview is for an agency with several services and none chosen: nothing prints
    /// until Tab chooses one (or all).
    pub fn needs_service(&self, p: &Preview) -> bool {
        self.dir
            .agency(&p.agency)
            .is_some_and(|a| p.service.missing(a))
    }

    /// The slip context from the settings, dated today.
    pub fn slip_context(&self, for_name: Option<String>) -> SlipContext {
        let mut ctx = SlipContext::new(&self.settings.config, self.now.date());
        ctx.for_name = for_name;
        ctx
    }

    /// The statistics record for a referral: agency, category, service, time — never anything
    /// typed at the desk.
    pub(super) fn record(&self, how: How, agency: &str, service: Option<usize>) -> Option<Record> {
        let a = self.dir.agency(agency)?;
        Some(Record::new(
            how,
            a,
            service.and_then(|i| a.services.get(i)),
            self.now,
        ))
    }

    pub(super) fn open_preview(&mut self) -> Effect {
        let Some((agency, service)) = self.target() else {
            return self.nothing_selected();
        };
        self.overlays
            .retain(|o| !matches!(o, Overlay::Preview(_) | Overlay::Qr { .. }));
        let Some(a) = self.dir.agency(&agency) else {
            return Effect::None;
        };
        self.overlays.push(Overlay::Preview(Preview {
            agency,
            service: ServiceChoice::initial(a, service),
            for_name: LineInput::with_limit(MAX_NAME_CHARS),
            dest: SlipDest::default(),
            scroll: 0,
        }));
        Effect::None
    }

    pub(super) fn preview_mut(&mut self) -> Option<&mut Preview> {
        match self.overlays.last_mut() {
            Some(Overlay::Preview(p)) => Some(p),
            _ => None,
        }
    }

    /// Enter in the preview: the preview closes (and the name with it) and the slip goes to a
    /// background thread.
    pub(super) fn print_from_preview(&mut self) -> Effect {
        let Some(Overlay::Preview(p)) = self.overlays.last() else {
            return Effect::None;
        };
        // A slip without the procedure is no referral: the preview stays open and asks.
        if self.needs_service(p) {
            self.status = Some(Msg::ServiceNotChosen.text(self.lang()).to_string());
            return Effect::None;
        }
        let Some(Overlay::Preview(p)) = self.overlays.pop() else {
            return Effect::None;
        };
        let Some(record) = self.record(How::Printed, &p.agency, p.service.one()) else {
            return Effect::None;
        };
        self.printing += 1;
        let msg = if p.dest.saves() {
            Msg::Saving
        } else {
            Msg::Printing
        };
        self.status = Some(msg.text(self.lang()).to_string());
        Effect::Print(PrintJob {
            dir: DirHandle(self.dir.clone()),
            agency: p.agency.clone(),
            service: p.service,
            for_name: p.printed_name(),
            dest: p.dest,
            now: self.now,
            record,
            lang: self.lang(),
        })
    }

    pub(super) fn print_done(&mut self, outcome: PrintOutcome, record: Record) -> Effect {
        self.printing = self.printing.saturating_sub(1);
        let lang = self.lang();
        match outcome {
            PrintOutcome::Printed { message } => {
                self.status = Some(message);
                Effect::Record(record)
            }
            PrintOutcome::Saved { path } => {
                self.status = Some(format!("{} {}", Msg::SavedTo.text(lang), path.display()));
                Effect::Record(record)
            }
            // The referral was given (the slip waits in a file); the reason must be read, so
            // it gets a window rather than the status line.
            PrintOutcome::SavedInstead { message } => {
                self.status = Some(Msg::NotPrintedSaved.text(lang).to_string());
                self.overlays.push(Overlay::Notice(message));
                Effect::Record(record)
            }
            PrintOutcome::Lost { message } => {
                self.status = Some(Msg::NotPrinted.text(lang).to_string());
                self.overlays.push(Overlay::Notice(message));
                Effect::None
            }
        }
    }

    pub(super) fn copy(&mut self) -> Effect {
        let Some((agency, service)) = self.target() else {
            return self.nothing_selected();
        };
        let Some(a) = self.dir.agency(&agency) else {
            return Effect::None;
        };
        // No window to ask in: the service chosen, else every service (the clipboard costs no
        // paper, and the frontliner can cut what is not needed).
        let choice = match ServiceChoice::initial(a, service) {
            ServiceChoice::Unchosen => ServiceChoice::All,
            c => c,
        };
        let text = match self.slip_card(&agency, choice) {
            Some(card) => slip::render_text(&card, &self.slip_context(None)),
            None => return Effect::None,
        };
        match self.record(How::Copied, &agency, service) {
            Some(record) => Effect::Copy { text, record },
            None => Effect::None,
        }
    }

    pub(super) fn mark_referred(&mut self) -> Effect {
        let Some(record) = self
            .target()
            .and_then(|(a, s)| self.record(How::Read, &a, s))
        else {
            return self.nothing_selected();
        };
        self.status = Some(Msg::ReferralCounted.text(self.lang()).to_string());
        Effect::Record(record)
    }

    pub(super) fn open_qr(&mut self) {
        match self.target() {
            Some((agency, _)) => self.toggle_overlay(Overlay::Qr { agency }),
            None => {
                self.nothing_selected();
            }
        }
    }
}

//! Giving a referral: the print preview, printing, copying, counting and the QR code.

use super::{Overlay, Screen, State};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::card::{ServiceChoice, Target};
use crate::referral::plan;
use crate::referral::print::PrintReport;
use crate::referral::slip::{self, SlipContext};
use crate::stats::How;
use crate::tui::line_input::LineInput;
use crate::tui::msg::{AgencyId, DirHandle, Effect, PrintJob, PrintOutcome, SlipDest};
use crate::tui::strings::{self, Msg};

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
    /// The slip is the visit's whole plan (F2 on a plan with steps): one «Для:» for all.
    pub plan: bool,
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
        !p.plan
            && self
                .dir
                .agency(&p.agency)
                .is_some_and(|a| p.service.missing(a))
    }

    /// The slip context from the settings, dated today.
    pub fn slip_context(&self, for_name: Option<String>) -> SlipContext {
        let mut ctx = SlipContext::new(&self.settings.config, self.now.date());
        ctx.for_name = for_name;
        ctx
    }

    /// Counts what was given, once per agency per visit: an effect appending a line for each
    /// agency the visit had not counted yet (a reprint, a copy after a print, a retry after a
    /// failed print add nothing). Never anything typed at the desk.
    pub(super) fn count_given(&mut self, how: How, given: &[plan::Target]) -> Effect {
        let dir = self.dir.clone();
        let mut effects: Vec<Effect> = given
            .iter()
            .filter_map(|t| {
                let a = dir.agency(&t.agency)?;
                let service = t.service.one().and_then(|i| a.services.get(i));
                self.visit.count(how, a, service, self.now)
            })
            .map(Effect::Record)
            .collect();
        match effects.len() {
            0 => Effect::None,
            1 => effects.remove(0),
            _ => Effect::Batch(effects),
        }
    }

    /// The plan's agencies, in order, for counting.
    pub(super) fn plan_given(&self) -> Vec<plan::Target> {
        self.plan.targets().map(|(_, t)| t.clone()).collect()
    }

    /// The plan's slip text as copied (a step whose agency a reload removed is left out).
    fn plan_text(&self) -> String {
        let (steps, _) = plan::resolve(&self.plan, &self.dir, Lang::Uk);
        plan::slip::render_text(&steps, &self.slip_context(None))
    }

    /// What the status line says about steps whose agency a reload removed, if any.
    fn plan_missing(&self) -> Option<String> {
        let (_, missing) = plan::resolve(&self.plan, &self.dir, Lang::Uk);
        (!missing.is_empty()).then(|| strings::plan_missing(self.lang(), &missing))
    }

    pub(super) fn open_preview(&mut self) -> Effect {
        // F2 on a plan with steps prints the plan: one slip, the name typed once.
        if !self.plan.is_empty() {
            self.overlays
                .retain(|o| !matches!(o, Overlay::Preview(_) | Overlay::Qr { .. }));
            let first = self.plan.targets().next().map(|(_, t)| t.agency.clone());
            self.overlays.push(Overlay::Preview(Preview {
                agency: first.unwrap_or_default(),
                service: ServiceChoice::All,
                for_name: LineInput::with_limit(MAX_NAME_CHARS),
                dest: SlipDest::default(),
                scroll: 0,
                plan: true,
            }));
            return Effect::None;
        }
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
            plan: false,
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
        let (plan, given) = if p.plan {
            (Some(self.plan.clone()), self.plan_given())
        } else {
            (None, vec![plan::Target::new(p.agency.clone(), p.service)])
        };
        self.printing += 1;
        let msg = if p.dest.saves() {
            Msg::Saving
        } else {
            Msg::Printing
        };
        self.status = Some(msg.text(self.lang()).to_string());
        if let Some(m) = self.plan_missing().filter(|_| p.plan) {
            self.status = Some(format!("{} · {m}", msg.text(self.lang())));
        }
        Effect::Print(PrintJob {
            dir: DirHandle(self.dir.clone()),
            agency: p.agency.clone(),
            service: p.service,
            for_name: p.printed_name(),
            dest: p.dest,
            now: self.now,
            plan,
            given,
        })
    }

    pub(super) fn print_done(&mut self, outcome: PrintOutcome, given: &[plan::Target]) -> Effect {
        self.printing = self.printing.saturating_sub(1);
        let lang = self.lang();
        match outcome {
            PrintOutcome::Printer(report) => {
                let message = report.message(lang);
                match report {
                    PrintReport::Printed { .. } => {
                        self.status = Some(message);
                        self.count_given(How::Printed, given)
                    }
                    // The referral was given (the slip waits in a file); the reason must be
                    // read, so it gets a window rather than the status line.
                    PrintReport::Saved { .. } => {
                        self.status = Some(Msg::NotPrintedSaved.text(lang).to_string());
                        self.overlays.push(Overlay::Notice(message));
                        self.count_given(How::Printed, given)
                    }
                    PrintReport::Lost { .. } => self.not_printed(message),
                }
            }
            PrintOutcome::Saved { path } => {
                self.status = Some(format!("{} {}", Msg::SavedTo.text(lang), path.display()));
                self.count_given(How::Printed, given)
            }
            PrintOutcome::NotSaved(e) => self.not_printed(strings::slip_not_saved(lang, &e)),
            PrintOutcome::Gone => self.not_printed(Msg::AgencyGone.text(lang).to_string()),
        }
    }

    /// Nothing was printed or kept: the reason in a window; nothing is counted.
    fn not_printed(&mut self, why: String) -> Effect {
        self.status = Some(Msg::NotPrinted.text(self.lang()).to_string());
        self.overlays.push(Overlay::Notice(why));
        Effect::None
    }

    pub(super) fn copy(&mut self) -> Effect {
        // F5 on a plan with steps copies the plan's slip.
        if !self.plan.is_empty() {
            // A step whose agency a reload removed is marked in the panel and left out.
            return Effect::Copy {
                text: self.plan_text(),
                given: self.plan_given(),
            };
        }
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
        Effect::Copy {
            text,
            given: vec![plan::Target::new(
                agency,
                service.map_or(ServiceChoice::Unchosen, ServiceChoice::One),
            )],
        }
    }

    /// Ctrl-R: the referral was said aloud. In the plan panel, every agency of the plan.
    pub(super) fn mark_referred(&mut self) -> Effect {
        let given = if self.scope() == crate::tui::keymap::Scope::Plan {
            self.plan_given()
        } else {
            match self.target() {
                Some((a, s)) => vec![plan::Target::new(
                    a,
                    s.map_or(ServiceChoice::Unchosen, ServiceChoice::One),
                )],
                None => return self.nothing_selected(),
            }
        };
        let e = self.count_given(How::Read, &given);
        let msg = if e == Effect::None {
            Msg::AlreadyCounted
        } else {
            Msg::ReferralCounted
        };
        self.status = Some(msg.text(self.lang()).to_string());
        e
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

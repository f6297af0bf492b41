//! The plan's slip: one paper for the whole visit — the office and «Для:» once, then the
//! numbered steps, each the complete referral the single slip gives (address, phones, hours
//! with the lunch break, whom to ask for, pre-registration, documents), then the office's
//! footer once.
//!
//! It is an ordinary [`Slip`] — the text and ESC/POS formats lay it out unchanged, the receipt
//! with the first step's QR code — plus where each step's items are, so the PDF keeps a step
//! on one page and draws each step's own QR code beside it.

use super::{Resolved, ResolvedStop, StepNote};
use crate::i18n::Noun;
use crate::referral::slip::EscPosOptions;
use crate::referral::slip::SlipError;
use crate::referral::slip::SlipFormat;
use crate::referral::slip::{self, Item, Output, Slip, SlipContext, field};
use std::ops::Range;

/// A plan's slip: its items, and each step's range of them with its QR payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSlip {
    /// Everything printed, in order; `qr` is the first agency's vCard (the receipt's code).
    pub slip: Slip,
    pub steps: Vec<StepItems>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepItems {
    /// The step's items in [`PlanSlip::slip`], from its heading to its last line.
    pub items: Range<usize>,
    /// The agency's vCard; none for the step back to the office.
    pub qr: Option<String>,
}

const STEP: Noun = Noun {
    uk: ["крок", "кроки", "кроків"],
    en: ["step", "steps"],
};

/// The plan's slip: the ONE list of what is printed for a plan.
pub fn build(steps: &[Resolved], ctx: &SlipContext) -> PlanSlip {
    let cards = || {
        steps.iter().filter_map(|s| match s.stop {
            ResolvedStop::Agency(c) => Some(c),
            ResolvedStop::Office => None,
        })
    };
    let demo = cards().any(|c| c.demo);
    let mut items = slip::header(ctx, demo);
    items.push(Item::Notice(format!(
        "План візиту: {}",
        STEP.count(crate::i18n::Lang::Uk, steps.len() as u64)
    )));
    let mut ranges = Vec::new();
    let mut back = false;
    for step in steps {
        items.push(Item::Rule);
        let start = items.len();
        // «потім поверніться до нас» is about what comes after the step: it is printed at the
        // step's end, not as its heading (where it would read as the step itself).
        let then_return = step.note == Some(&StepNote::ThenReturn);
        items.push(Item::Notice(match step.note {
            Some(n) if !then_return => format!("КРОК {} — {}", step.number, n.text()),
            _ => format!("КРОК {}", step.number),
        }));
        let qr = match step.stop {
            ResolvedStop::Agency(card) => {
                items.extend(slip::notices(&card));
                items.extend(slip::agency_items(&card));
                if then_return {
                    items.push(Item::Notice("Після цього поверніться до нас".into()));
                }
                items.push(slip::verified(&card));
                Some(crate::referral::vcard::vcard(&card.destination()))
            }
            ResolvedStop::Office => {
                back = true;
                let o = &ctx.office;
                items.push(field("Поверніться до нас", o.name.clone()));
                if let Some(a) = &o.address {
                    items.push(field("Адреса", a.clone()));
                }
                if let Some(p) = &o.phone {
                    items.push(field("Телефон", p.clone()));
                }
                None
            }
        };
        ranges.push(StepItems {
            items: start..items.len(),
            qr,
        });
    }
    // The office once: as the last step, or in the footer.
    items.extend(slip::footer(&ctx.office, !back));
    let slip = match cards().next() {
        Some(first) => slip::finish(items, &first),
        None => {
            items.iter_mut().for_each(Item::sanitize);
            Slip {
                items,
                qr: String::new(),
            }
        }
    };
    PlanSlip {
        slip,
        steps: ranges,
    }
}

/// The plan's slip as text, no line wider than `ctx.width` columns.
pub fn render_text(steps: &[Resolved], ctx: &SlipContext) -> String {
    text_of(&build(steps, ctx).slip, ctx.width)
}

fn text_of(slip: &Slip, width: usize) -> String {
    let mut s = String::new();
    for l in slip::layout_text(slip, width) {
        s.push_str(&l.text);
        s.push('\n');
    }
    s
}

/// The plan's slip as a printer takes it: bytes in a format, or laid out for drawing (a Windows
/// office printer).
impl crate::referral::print::Printable for Vec<Resolved<'_>> {
    fn render(&self, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError> {
        render(self, ctx, out)
    }

    fn lay_out(
        &self,
        ctx: &SlipContext,
        paper: crate::referral::slip::Paper,
    ) -> Option<Result<crate::referral::pdf::Laid, SlipError>> {
        Some(crate::referral::pdf::lay_out_plan(&build(self, ctx), paper).map_err(SlipError::from))
    }
}

/// The plan's slip in the requested format: UTF-8 text, PDF (a QR code beside each agency
/// step) or ESC/POS (the first agency's QR code at the end, captioned).
pub fn render(steps: &[Resolved], ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError> {
    let plan = build(steps, ctx);
    Ok(match out.format {
        SlipFormat::Text => text_of(&plan.slip, ctx.width).into_bytes(),
        SlipFormat::Pdf => crate::referral::pdf::render_plan(&plan, out.paper)?,
        SlipFormat::Escpos => {
            let mut receipt = plan.slip.clone();
            if !receipt.qr.is_empty() {
                let first = steps
                    .iter()
                    .find(|s| matches!(s.stop, ResolvedStop::Agency(_)))
                    .map_or(1, |s| s.number);
                receipt.items.push(Item::Text(format!(
                    "QR-код нижче — установа кроку {first}: назва, адреса, телефони"
                )));
            }
            crate::referral::escpos::render(
                &receipt,
                &EscPosOptions {
                    width: ctx.width,
                    ..out.escpos
                },
            )
        }
    })
}

#[cfg(test)]
mod tests;

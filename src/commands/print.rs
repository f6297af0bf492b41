//! `refdesk print ID`: send the slip to the configured printer; on failure save it (without
//! the visitor's name) and say where.

use crate::app::App;
use crate::cli::PrintArgs;
use crate::referral::print::{PrintRequest, print_rendered};
use crate::referral::slip::{Output, SlipContext};
use std::io::Write;

pub fn run(
    app: &App,
    args: &PrintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let o = &args.slip;
    let mut plan = None;
    let single = |err: &mut dyn Write| super::slip::slip_card(app, "print", o, err);
    let pa = super::plan::PlanArgs::of_slip("print", o);
    let referral = match super::plan::referral(app, &pa, single, &mut plan, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let ctx = match super::slip::context(app, o) {
        Ok(c) => c,
        Err(m) => {
            writeln!(err, "refdesk: {m}")?;
            return Ok(super::USAGE);
        }
    };
    let req = PrintRequest {
        format: o.format,
        paper: o.paper,
        printer: args.printer.clone(),
    };
    let render = |ctx: &SlipContext, out: &Output| referral.render(ctx, out);
    let stem = referral.file_stem();
    let report = print_rendered(&render, &stem, &ctx, &app.config, &req, app.now);
    // Printed or saved for printing later: either way the referral was given.
    if !matches!(report, crate::referral::print::PrintReport::Lost { .. }) {
        super::record_referrals(app, &referral.cards(), crate::stats::How::Printed, err)?;
    }
    if report.printed() {
        writeln!(out, "{}", report.message(app.lang))?;
        Ok(0)
    } else {
        writeln!(err, "refdesk: {}", report.message(app.lang))?;
        Ok(super::USAGE)
    }
}

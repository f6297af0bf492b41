//! `refdesk print ID`: send the slip to the configured printer; on failure save it (without
//! the visitor's name) and say where.

use crate::app::App;
use crate::cli::PrintArgs;
use crate::referral::print::{PrintRequest, print_card};
use std::io::Write;

pub fn run(
    app: &App,
    args: &PrintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let o = &args.slip;
    let card = match super::slip_card(app, "print", o, err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let ctx = match super::context(app, o, err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let req = PrintRequest {
        format: o.format.map(Into::into),
        paper: o.paper.map(Into::into),
        printer: args.printer.clone(),
    };
    let report = print_card(&card, &ctx, &app.config.printer, &req, app.now);
    // Printed or saved for printing later: either way the referral was given.
    if !matches!(report, crate::referral::print::PrintReport::Lost { .. }) {
        super::record_referral(app, &card, crate::stats::How::Printed, err)?;
    }
    if report.printed() {
        writeln!(out, "{}", report.message(app.lang))?;
        Ok(0)
    } else {
        writeln!(err, "refdesk: {}", report.message(app.lang))?;
        Ok(super::USAGE)
    }
}

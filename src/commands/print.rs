//! `refdesk print ID`: send the slip to the configured printer; on failure save it (without
//! the visitor's name) and say where.

use crate::app::App;
use crate::cli::PrintArgs;
use crate::referral::print::{PrintRequest, print_printable};
use std::io::Write;

pub fn run(
    app: &App,
    args: &PrintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    if args.list_printers {
        return list_printers(app, out, err);
    }
    let Some(o) = &args.slip else {
        writeln!(
            err,
            "refdesk print: {}",
            app.lang.pick(
                "вкажіть ідентифікатор (id) установи",
                "name the agency's id"
            )
        )?;
        return Ok(super::USAGE);
    };
    let mut plan = None;
    let single = |err: &mut dyn Write| super::target::slip_card(app, "print", o, err);
    let pa = super::plan::PlanArgs::of_slip("print", o);
    let referral = match super::plan::referral(app, &pa, single, &mut plan, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let ctx = match super::target::context(app, o, err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let req = PrintRequest {
        format: o.format.map(Into::into),
        paper: o.paper.map(Into::into),
        printer: args.printer.clone(),
    };
    let stem = referral.file_stem();
    let report = print_printable(&referral, &stem, &ctx, &app.config.printer, &req, app.now);
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

/// `refdesk print --list-printers`: one printer a line, the default marked.
fn list_printers(app: &App, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    use crate::referral::print::{default_printer, list_printers};
    match list_printers() {
        Ok(names) if names.is_empty() => {
            writeln!(
                err,
                "refdesk: {}",
                app.lang
                    .pick("у системі немає принтерів", "the system has no printers")
            )?;
            Ok(super::NOT_FOUND)
        }
        Ok(names) => {
            let default = default_printer().ok();
            for n in names {
                if default.as_deref() == Some(n.as_str()) {
                    writeln!(out, "{n}\t{}", app.lang.pick("(типовий)", "(default)"))?;
                } else {
                    writeln!(out, "{n}")?;
                }
            }
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "refdesk: {}", e.message(app.lang))?;
            Ok(super::USAGE)
        }
    }
}

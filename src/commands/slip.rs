//! `refdesk slip ID`: the referral slip as text, PDF or ESC/POS bytes, to standard output or a
//! file.

use super::plan::PlanArgs;
use crate::app::App;
use crate::cli::SlipArgs;
use crate::referral::print::Printable;
use crate::referral::slip::{Output, Paper, SlipFormat};
use std::io::{IsTerminal, Write};

pub fn run(
    app: &App,
    args: &SlipArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let o = &args.slip;
    let mut plan = None;
    let single = |err: &mut dyn Write| super::target::slip_card(app, "slip", o, err);
    let pa = PlanArgs::of_slip("slip", o);
    let referral = match super::plan::referral(app, &pa, single, &mut plan, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let ctx = match super::target::context(app, o, err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let format = o
        .format
        .map(SlipFormat::from)
        .or(app.config.printer.format)
        .unwrap_or(SlipFormat::Text);
    let output = Output::from_config(&app.config, format, o.paper.map(Paper::from));
    if args.output.is_none() && format != SlipFormat::Text && std::io::stdout().is_terminal() {
        writeln!(
            err,
            "refdesk: {}",
            app.lang.pick(
                "це двійкові дані — вкажіть файл: -o НАЗВА (або перенаправте вивід)",
                "this is binary data — give a file with -o NAME (or redirect the output)"
            )
        )?;
        return Ok(super::USAGE);
    }
    let bytes = referral.render(&ctx, &output)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes).map_err(|e| {
                anyhow::anyhow!(
                    "{} {}: {}",
                    app.lang.pick("не вдалося записати", "could not write"),
                    path.display(),
                    crate::i18n::io_error(&e, app.lang)
                )
            })?;
            if ctx.for_name.is_some() {
                writeln!(
                    err,
                    "{}",
                    app.lang.pick(
                        "Увага: файл містить ім'я відвідувача — видаліть його після друку.",
                        "Note: the file holds the visitor's name — delete it after printing."
                    )
                )?;
            }
        }
        None => out.write_all(&bytes)?,
    }
    // A slip shown on the terminal is a preview; written to a file or piped on (to a printer,
    // say) it is given.
    if given(args.output.is_some(), std::io::stdout().is_terminal()) {
        super::record_referrals(app, &referral.cards(), crate::stats::How::Printed, err)?;
    }
    Ok(0)
}

/// Whether `slip` gave the visitor a referral: written to a file (`-o`) or sent on through a
/// pipe, yes; printed on the terminal it is a preview, and the statistics do not count it.
pub fn given(to_file: bool, stdout_is_terminal: bool) -> bool {
    to_file || !stdout_is_terminal
}

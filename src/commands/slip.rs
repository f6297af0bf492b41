//! `refdesk slip ID`: the referral slip as text, PDF or ESC/POS bytes, to standard output or a
//! file.

use crate::app::App;
use crate::cli::SlipArgs;
use crate::referral::slip::{self, Output, Paper, SlipFormat};
use std::io::{IsTerminal, Write};

pub fn run(
    app: &App,
    args: &SlipArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let o = &args.slip;
    let card = match super::slip_card(app, "slip", o, err)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let ctx = match super::context(app, o, err)? {
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
    let bytes = slip::render(&card, &ctx, &output)?;
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
    super::record_referral(app, &card, crate::stats::How::Printed, err)?;
    Ok(0)
}

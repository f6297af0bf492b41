//! `refdesk slip ID`: the referral slip as text, PDF or ESC/POS bytes, to standard output or a
//! file.

use super::plan::PlanArgs;
use crate::app::App;
use crate::cli::{SlipArgs, SlipFormat, SlipOptions};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::slip::{MAX_WIDTH, MIN_WIDTH, Output, SlipContext};
use std::io::{IsTerminal, Write};

/// The card for `id` (and `--service`), or `None` after telling the user what exists.
pub fn card_for<'a>(
    app: &'a App,
    id: &str,
    service: Option<&str>,
    err: &mut dyn Write,
) -> anyhow::Result<Option<Card<'a>>> {
    let Some(agency) = app.dir.agency(id) else {
        let near = app.dir.nearest_ids(id, 3);
        match (app.lang, near.is_empty()) {
            (Lang::Uk, false) => writeln!(
                err,
                "установи з id \"{id}\" немає; можливо: {}",
                near.join(", ")
            )?,
            (Lang::En, false) => writeln!(
                err,
                "no agency with id \"{id}\"; did you mean: {}",
                near.join(", ")
            )?,
            (Lang::Uk, true) => writeln!(
                err,
                "установи з id \"{id}\" немає: довідник порожній (перевірте refdesk validate)"
            )?,
            (Lang::En, true) => writeln!(
                err,
                "no agency with id \"{id}\": the directory is empty (see refdesk validate)"
            )?,
        }
        return Ok(None);
    };
    let card = Card::new(&app.dir, agency, app.lang);
    // An agency with one service: that service is what the referral is about, so the phrase
    // and the slip say how to book and what to bring without being asked.
    let service = service.or((agency.services.len() == 1).then_some("1"));
    match service {
        None => Ok(Some(card)),
        Some(s) => match card.with_service(s) {
            Ok(c) => Ok(Some(c)),
            Err(e) => {
                // The message lists the agency's services, which come from the data.
                writeln!(err, "{}", crate::sanitize::text(&e.to_string()))?;
                Ok(None)
            }
        },
    }
}

/// `ID` or `ID:SERVICE` (the service's number or a fragment of its name).
pub fn split_target(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once(':') {
        Some((id, service)) => (id.trim(), Some(service)),
        None => (arg.trim(), None),
    }
}

/// The card a slip is made from: `--service`, `--all-services`, or the only service. An
/// agency with several services and neither option gets no slip: it would send the visitor off
/// without the procedure. `Err` carries the exit code after the user was told why.
pub fn slip_card<'a>(
    app: &'a App,
    command: &str,
    opts: &SlipOptions,
    err: &mut dyn Write,
) -> anyhow::Result<Result<Card<'a>, u8>> {
    let (id, inline) = split_target(opts.ids.first().map_or("", String::as_str));
    let service = inline.or(opts.service.as_deref());
    let ask = Ask::Option { command };
    target_card(app, id, service, opts.all_services, ask, err)
}

/// How to tell the user to name a service: `--service N` for one agency, `ID:N` in a plan.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    Option { command: &'a str },
    Colon { command: &'a str },
}

/// [`slip_card`] for one agency of the command line.
pub fn target_card<'a>(
    app: &'a App,
    id: &str,
    service: Option<&str>,
    all_services: bool,
    ask: Ask,
    err: &mut dyn Write,
) -> anyhow::Result<Result<Card<'a>, u8>> {
    let Some(card) = card_for(app, id, service, err)? else {
        return Ok(Err(super::NOT_FOUND));
    };
    if all_services && service.is_none() {
        return Ok(Ok(card.with_all_services()));
    }
    if card.service.is_some() {
        return Ok(Ok(card));
    }
    if card.agency.services.len() > 1 {
        let list = card.numbered_services("\n  ");
        let name = card.agency.display_name();
        let message = match (app.lang, ask) {
            (Lang::Uk, Ask::Option { command }) => format!(
                "у «{name}» кілька послуг — вкажіть, для якої направлення: \
                 --service НОМЕР (або частина назви) чи --all-services (усі):\n  {list}\n\
                 Наприклад: refdesk {command} {id} --service 1"
            ),
            (Lang::En, Ask::Option { command }) => format!(
                "\"{name}\" has several services — say which one the slip is for: \
                 --service N (or a part of its name) or --all-services:\n  {list}\n\
                 For example: refdesk {command} {id} --service 1"
            ),
            (Lang::Uk, Ask::Colon { command }) => format!(
                "у «{name}» кілька послуг — вкажіть після id і двокрапки, для якої направлення: \
                 ID:НОМЕР (або частина назви), чи --all-services (усі):\n  {list}\n\
                 Наприклад: refdesk {command} {id}:1 …"
            ),
            (Lang::En, Ask::Colon { command }) => format!(
                "\"{name}\" has several services — give the one the slip is for after the id \
                 and a colon: ID:N (or a part of its name), or --all-services:\n  {list}\n\
                 For example: refdesk {command} {id}:1 …"
            ),
        };
        writeln!(err, "refdesk: {message}")?;
        return Ok(Err(super::USAGE));
    }
    Ok(Ok(card))
}

/// The slip context from the settings and the command line; `Err` carries a usage message.
pub fn context(app: &App, opts: &SlipOptions) -> Result<SlipContext, String> {
    let mut ctx = SlipContext::new(&app.config, app.now.date());
    if let Some(w) = opts.width {
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&w) {
            return Err(match app.lang {
                Lang::Uk => format!(
                    "--width {w}: ширина має бути від {MIN_WIDTH} до {MAX_WIDTH} символів (32, 42, 48 для чекових стрічок 58/80 мм; 64–80 для A5/A4)"
                ),
                Lang::En => format!(
                    "--width {w}: the width must be {MIN_WIDTH} to {MAX_WIDTH} characters (32, 42, 48 for 58/80 mm receipts; 64–80 for A5/A4)"
                ),
            });
        }
        ctx.width = w;
    }
    ctx.for_name = opts
        .for_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    Ok(ctx)
}

pub fn run(
    app: &App,
    args: &SlipArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let o = &args.slip;
    let mut plan = None;
    let single = |err: &mut dyn Write| slip_card(app, "slip", o, err);
    let pa = PlanArgs::of_slip("slip", o);
    let referral = match super::plan::referral(app, &pa, single, &mut plan, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let ctx = match context(app, o) {
        Ok(c) => c,
        Err(m) => {
            writeln!(err, "refdesk: {m}")?;
            return Ok(super::USAGE);
        }
    };
    let format = o
        .format
        .or(app.config.printer.format)
        .unwrap_or(SlipFormat::Text);
    let output = Output::from_config(&app.config, format, o.paper);
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

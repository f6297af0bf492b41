//! What a command works on: the card for `ID[:SERVICE]` (with "did you mean" when the id is
//! unknown, and a question when the agency has several services) and the slip's context from
//! the settings and the command line. Shared by `show`, `slip`, `print` and the visit's plan.

use crate::app::App;
use crate::cli::SlipOptions;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::slip::{MAX_WIDTH, MIN_WIDTH, SlipContext};
use std::io::Write;

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

/// The slip context from the settings and the command line. `Err` carries the exit code after
/// the user was told why (a `--width` out of range).
pub fn context(
    app: &App,
    opts: &SlipOptions,
    err: &mut dyn Write,
) -> anyhow::Result<Result<SlipContext, u8>> {
    let mut ctx = SlipContext::new(&app.config, app.now.date());
    if let Some(w) = opts.width {
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&w) {
            match app.lang {
                Lang::Uk => writeln!(
                    err,
                    "refdesk: --width {w}: ширина має бути від {MIN_WIDTH} до {MAX_WIDTH} символів (32, 42, 48 для чекових стрічок 58/80 мм; 64–80 для A5/A4)"
                )?,
                Lang::En => writeln!(
                    err,
                    "refdesk: --width {w}: the width must be {MIN_WIDTH} to {MAX_WIDTH} characters (32, 42, 48 for 58/80 mm receipts; 64–80 for A5/A4)"
                )?,
            }
            return Ok(Err(super::USAGE));
        }
        ctx.width = w;
    }
    ctx.for_name = opts
        .for_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    Ok(Ok(ctx))
}

//! What a command works on: the target `ID[:SERVICE]` names (with "did you mean" when the id is
//! unknown, and a question when the agency has several services), its card — made by
//! `Card::for_target`, as on the screen and in the plan — and the slip's context from the
//! settings and the command line. Shared by `show`, `slip`, `print` and the visit's plan.

use crate::app::App;
use crate::cli::SlipOptions;
use crate::directory::Agency;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::card::{ServiceChoice, Target, numbered_services};
use crate::referral::slip::{MAX_WIDTH, MIN_WIDTH, SlipContext};
use std::io::Write;

/// The card for `id` (and `--service`), or `None` after telling the user what exists.
pub fn card_for<'a>(
    app: &'a App,
    id: &str,
    service: Option<&str>,
    err: &mut dyn Write,
) -> anyhow::Result<Option<Card<'a>>> {
    let Some(agency) = agency_for(app, id, err)? else {
        return Ok(None);
    };
    let Some(service) = service_for(app, agency, service, err)? else {
        return Ok(None);
    };
    Ok(card(app, agency, service))
}

/// The card for a target the command line has resolved: the one constructor the screen and
/// the plan use too.
fn card<'a>(app: &'a App, agency: &Agency, service: ServiceChoice) -> Option<Card<'a>> {
    let target = Target {
        agency: &agency.id,
        service,
    };
    Card::for_target(&app.dir, target, app.lang)
}

/// The agency with `id`, or `None` after saying which ids are near.
fn agency_for<'a>(
    app: &'a App,
    id: &str,
    err: &mut dyn Write,
) -> anyhow::Result<Option<&'a Agency>> {
    if let Some(agency) = app.dir.agency(id) {
        return Ok(Some(agency));
    }
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
    Ok(None)
}

/// The service `--service` (or `ID:SERVICE`) names, or `None` after listing the agency's
/// services. An agency with one service: that service is what the referral is about, so the
/// phrase and the slip say how to book and what to bring without being asked.
fn service_for(
    app: &App,
    agency: &Agency,
    service: Option<&str>,
    err: &mut dyn Write,
) -> anyhow::Result<Option<ServiceChoice>> {
    match service {
        None if agency.services.len() == 1 => Ok(Some(ServiceChoice::One(0))),
        None => Ok(Some(ServiceChoice::Unchosen)),
        Some(s) => match ServiceChoice::named(agency, s) {
            Ok(c) => Ok(Some(c)),
            Err(e) => {
                // The message lists the agency's services, which come from the data.
                writeln!(err, "{}", crate::sanitize::text(&e.message(app.lang)))?;
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
    Ok(target(app, id, service, opts.all_services, ask, err)?
        .and_then(|(agency, choice)| card(app, agency, choice).ok_or(super::NOT_FOUND)))
}

/// How to tell the user to name a service: `--service N` for one agency, `ID:N` in a plan.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    Option { command: &'a str },
    Colon { command: &'a str },
}

/// What one agency of the command line is a referral for: the agency and its service, from
/// `--service`/`ID:SERVICE`, `--all-services` or its only service. An agency with several
/// services and none named gets no slip: it would send the visitor off without the procedure.
/// `Err` carries the exit code after the user was told why.
pub fn target<'a>(
    app: &'a App,
    id: &str,
    service: Option<&str>,
    all_services: bool,
    ask: Ask,
    err: &mut dyn Write,
) -> anyhow::Result<Result<(&'a Agency, ServiceChoice), u8>> {
    let Some(agency) = agency_for(app, id, err)? else {
        return Ok(Err(super::NOT_FOUND));
    };
    let choice = if all_services && service.is_none() {
        ServiceChoice::All
    } else {
        match service_for(app, agency, service, err)? {
            Some(c) => c,
            None => return Ok(Err(super::NOT_FOUND)),
        }
    };
    if choice.missing(agency) {
        let list = numbered_services(agency, "\n  ");
        let name = agency.display_name();
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
    Ok(Ok((agency, choice)))
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

//! One module per subcommand; each returns the process exit code (0 ok, 1 nothing found or
//! validation errors, 2 usage or I/O error).

pub mod export;
pub mod import;
pub mod print;
pub mod search;
pub mod show;
pub mod slip;
pub mod stats;
pub mod validate;

use crate::app::App;
use crate::cli::SlipOptions;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::slip::{MAX_WIDTH, MIN_WIDTH, SlipContext};
use std::io::Write;

/// Exit code for "nothing found" / "the data has errors".
pub const NOT_FOUND: u8 = 1;
/// Exit code for usage and I/O errors.
pub const USAGE: u8 = 2;

/// Counts a referral for the anonymous statistics. A log that can't be written must never cost
/// the visitor the referral, so a failure is only a warning.
pub fn record_referral(
    app: &crate::app::App,
    card: &crate::referral::Card,
    how: crate::stats::How,
    err: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match crate::stats::record_referral(card, how, app.now) {
        Ok(()) => Ok(()),
        Err(e) => writeln!(
            err,
            "refdesk: {}: {e}",
            app.lang.pick(
                "направлення не враховано у статистиці",
                "the referral was not counted in the statistics"
            )
        ),
    }
}

// -- Shared by `show`, `slip` and `print` -------------------------------------------------

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

/// The card a slip is made from: `--service`, `--all-services`, or the only service. An
/// agency with several services and neither option gets no slip: it would send the visitor off
/// without the procedure. `Err` carries the exit code after the user was told why.
pub fn slip_card<'a>(
    app: &'a App,
    command: &str,
    opts: &SlipOptions,
    err: &mut dyn Write,
) -> anyhow::Result<Result<Card<'a>, u8>> {
    let Some(card) = card_for(app, &opts.id, opts.service.as_deref(), err)? else {
        return Ok(Err(NOT_FOUND));
    };
    if opts.all_services {
        return Ok(Ok(card.with_all_services()));
    }
    if card.service.is_none() && card.agency.services.len() > 1 {
        let list = card.numbered_services("\n  ");
        let id = &opts.id;
        match app.lang {
            Lang::Uk => writeln!(
                err,
                "refdesk: у «{}» кілька послуг — вкажіть, для якої направлення: \
                 --service НОМЕР (або частина назви) чи --all-services (усі):\n  {list}\n\
                 Наприклад: refdesk {command} {id} --service 1",
                card.agency.display_name()
            )?,
            Lang::En => writeln!(
                err,
                "refdesk: \"{}\" has several services — say which one the slip is for: \
                 --service N (or a part of its name) or --all-services:\n  {list}\n\
                 For example: refdesk {command} {id} --service 1",
                card.agency.display_name()
            )?,
        }
        return Ok(Err(USAGE));
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
            return Ok(Err(USAGE));
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

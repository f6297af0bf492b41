//! The effects that reach outside the screen: printing and saving slips, the statistics log and
//! reloading the data. `carry_out` runs the slow ones on background threads; each function here
//! is plain and synchronous, so it can be tested on its own.

use super::msg::{PrintJob, PrintOutcome, SlipDest};
use crate::config::Config;
use crate::directory::watch::{Change, reload_from};
use crate::directory::{Directory, LoadOptions};
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::card::Target;
use crate::referral::plan;
use crate::referral::print::{PrintRequest, Printable, print_printable, save_unprinted};
use crate::referral::slip::{Output, SlipContext, SlipFormat};
use crate::stats::{LogContents, Record, StatsError, desk};
use std::path::Path;

/// Prints or saves the job's slip. Printing goes through [`print_printable`], which saves the slip
/// (without the visitor's name) when the printer fails; saving writes a file without the name.
pub fn print_job(job: &PrintJob, config: &Config) -> PrintOutcome {
    let dir = &job.dir.0;
    if let Some(p) = &job.plan {
        // The plan's steps as the preview showed them (a step whose agency a reload removed
        // is left out, and the numbering closes up).
        let (steps, _) = plan::resolve(p, dir, Lang::Uk);
        return deliver(job, config, &steps, &format!("plan-{}", job.agency));
    }
    // The same card and context as the preview: the slip is Ukrainian, dated the job's day.
    let target = Target {
        agency: &job.agency,
        service: job.service,
    };
    let Some(card) = Card::for_target(dir, target, Lang::Uk) else {
        return PrintOutcome::Gone;
    };
    deliver(job, config, &card, &card.agency.id)
}

/// Prints or saves a slip (one agency's or a plan's); `stem` names a saved file. A Windows
/// office printer gets the slip drawn from its layout, like `refdesk print`.
fn deliver(job: &PrintJob, config: &Config, slip: &dyn Printable, stem: &str) -> PrintOutcome {
    let mut ctx = SlipContext::new(config, job.now.date());
    match job.dest {
        SlipDest::Printer => {
            ctx.for_name = job.for_name.clone();
            PrintOutcome::Printer(print_printable(
                slip,
                stem,
                &ctx,
                &config.printer,
                &PrintRequest::default(),
                job.now,
            ))
        }
        SlipDest::SavePdf | SlipDest::SaveText => {
            // A file is not the visitor's paper: never a name in it, whatever the job says.
            ctx.for_name = None;
            let format = if job.dest == SlipDest::SavePdf {
                SlipFormat::Pdf
            } else {
                SlipFormat::Text
            };
            let output = Output::from_config(config, format, None);
            let saved = slip
                .render(&ctx, &output)
                .map_err(std::io::Error::other)
                .and_then(|bytes| save_unprinted(&bytes, output.extension(), stem, job.now));
            match saved {
                Ok(path) => PrintOutcome::Saved { path },
                Err(e) => PrintOutcome::NotSaved(e),
            }
        }
    }
}

/// Appends a referral to this desk's statistics log (its own file when the settings name the
/// desk; else `REFDESK_STATS_FILE` or the data folder's).
pub fn record(r: &Record, config: &Config) -> Result<(), StatsError> {
    desk::log_for(config).and_then(|log| log.append(r))
}

/// Takes a record back out of this desk's log (the undo of the visit's last count).
pub fn take_back(r: &Record, config: &Config) -> Result<(), StatsError> {
    // A line already gone (the log was emptied meanwhile) is taken back all the same.
    desk::log_for(config)
        .and_then(|log| log.remove_last(r))
        .map(|_| ())
}

/// Reads every desk's log in the statistics folder, as one.
pub fn load_stats(config: &Config) -> Result<LogContents, StatsError> {
    let all = desk::read_all(config)?;
    let mut out = LogContents {
        records: Vec::new(),
        damaged: Vec::new(),
    };
    for (_, c) in all {
        out.records.extend(c.records);
        out.damaged.extend(c.damaged);
    }
    Ok(out)
}

/// Loads the data path again and merges it into `old` (a file that no longer parses keeps its
/// last good entries).
pub fn reload(
    old: &Directory,
    path: &Path,
    today: jiff::civil::Date,
    lang: Lang,
) -> (Directory, Vec<Change>) {
    reload_from(old, path, &LoadOptions { today, lang })
}

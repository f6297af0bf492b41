//! `refdesk export hsds -o DIR`: the directory as an Open Referral HSDS 3.0 data package.

use crate::app::App;
use crate::cli::ExportCmd;
use crate::hsds;
use crate::i18n::{self, Lang};
use std::io::Write;

pub fn run(
    app: &App,
    cmd: &ExportCmd,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let output = match cmd {
        ExportCmd::Hsds { output } => output,
        ExportCmd::Sheet { output } => return super::sheet::export(app, output, out, err),
    };
    warn_entries_left_out(app, err)?;
    let summary = hsds::export(&app.dir, output, app.now)
        .map_err(|e| anyhow::anyhow!(e.message(app.lang)))?;
    let a = i18n::AGENCY_ACC.count(app.lang, summary.agencies as u64);
    let s = i18n::SERVICE_ACC.count(app.lang, summary.services as u64);
    let f = i18n::FILE.count(app.lang, summary.files.len() as u64);
    match app.lang {
        Lang::Uk => writeln!(
            out,
            "Записано {a} і {s} у {} ({f}: datapackage.json і таблиці CSV HSDS 3.0)",
            output.display()
        )?,
        Lang::En => writeln!(
            out,
            "Wrote {a} and {s} to {} ({f}: datapackage.json and HSDS 3.0 CSV tables)",
            output.display()
        )?,
    }
    Ok(0)
}

/// Says on stderr that entries with errors were left out of an export (HSDS or a workbook).
pub(super) fn warn_entries_left_out(app: &App, err: &mut dyn Write) -> std::io::Result<()> {
    let errors = app.dir.error_count();
    if errors > 0 {
        let n = i18n::ERROR.count(app.lang, errors as u64);
        match app.lang {
            Lang::Uk => writeln!(
                err,
                "refdesk: у довіднику {n} — записи з помилками не експортовано (див. refdesk validate)"
            )?,
            Lang::En => writeln!(
                err,
                "refdesk: the directory has {n} — entries with errors were not exported (see refdesk validate)"
            )?,
        }
    }
    Ok(())
}

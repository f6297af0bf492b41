//! `refdesk export sheet -o FILE.xlsx` and `refdesk import sheet FILE -o FILE.toml`.

use crate::app::App;
use crate::i18n::{self, Lang};
use crate::maintain::sheet;
use crate::sanitize;
use std::io::Write;
use std::path::Path;

pub fn export(
    app: &App,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    super::export::warn_entries_left_out(app, err)?;
    let (agencies, services) = sheet::export::export(&app.dir, output)
        .map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
    let a = i18n::AGENCY_ACC.count(app.lang, agencies as u64);
    let s = i18n::SERVICE_ACC.count(app.lang, services as u64);
    match app.lang {
        Lang::Uk => writeln!(
            out,
            "Записано {a} і {s} у {} (аркуші «{}» і «{}»)",
            output.display(),
            sheet::AGENCIES_SHEET,
            sheet::SERVICES_SHEET
        )?,
        Lang::En => writeln!(
            out,
            "Wrote {a} and {s} to {} (sheets «{}» and «{}»)",
            output.display(),
            sheet::AGENCIES_SHEET,
            sheet::SERVICES_SHEET
        )?,
    }
    Ok(0)
}

pub fn import(
    app: &App,
    file: &Path,
    output: &Path,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    if !force && output.exists() {
        super::import::refuse_overwrite(output, app.lang, err)?;
        return Ok(super::USAGE);
    }
    let imported = sheet::import::import(file, app.now.date(), app.lang)
        .map_err(|e| anyhow::anyhow!(sanitize::line(&e.to_string())))?;
    // The mapping first: the maintainer checks that each column went where it should.
    writeln!(
        out,
        "{}",
        app.lang.pick("Стовпці таблиці:", "Columns of the sheet:")
    )?;
    for m in &imported.mapping {
        let to = match m.field {
            Some(f) => format!("→ {f}"),
            None => app.lang.pick("— не використано", "— not used").to_string(),
        };
        writeln!(
            out,
            "  {}",
            sanitize::line(&format!("{} «{}» {to}", m.column, m.header))
        )?;
    }
    match super::import::write_output(output, &imported.toml, force) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            super::import::refuse_overwrite(output, app.lang, err)?;
            return Ok(super::USAGE);
        }
        Err(e) => {
            return Err(anyhow::anyhow!(
                "{}: {}",
                output.display(),
                i18n::io_error(&e, app.lang)
            ));
        }
    }
    for p in &imported.problems {
        writeln!(err, "{}", sanitize::line(p))?;
    }
    super::import::report_written(
        app,
        output,
        &imported.toml,
        imported.agencies,
        imported.services,
        out,
    )
}

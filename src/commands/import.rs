//! `refdesk import hsds DIR -o FILE.toml`: an HSDS 3.0 data package into a directory file, with
//! a report of everything that could not be carried over.

use crate::app::App;
use crate::cli::ImportCmd;
use crate::directory::{LoadOptions, load_texts};
use crate::hsds;
use crate::i18n::{self, Lang};
use std::io::Write;
use std::path::Path;

pub fn run(
    app: &App,
    cmd: &ImportCmd,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let (dir, output, force) = match cmd {
        ImportCmd::Hsds { dir, output, force } => (dir, output, force),
        ImportCmd::Sheet {
            file,
            output,
            force,
        } => return super::sheet::import(app, file, output, *force, out, err),
    };
    if !force && output.exists() {
        refuse_overwrite(output, app.lang, err)?;
        return Ok(super::USAGE);
    }
    let imported = hsds::import(dir, app.now.date(), app.lang)
        // The message may quote paths from the package's descriptor.
        .map_err(|e| anyhow::anyhow!(crate::sanitize::line(&e.message(app.lang))))?;
    match write_output(output, &imported.toml, *force) {
        Ok(()) => {}
        // Created by someone else while the package was read.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            refuse_overwrite(output, app.lang, err)?;
            return Ok(super::USAGE);
        }
        Err(e) => return Err(anyhow::anyhow!("{}: {e}", output.display())),
    }
    for line in imported.unmapped_lines(app.lang) {
        // Column and table names come from the package: never a control character out.
        writeln!(err, "refdesk: {}", crate::sanitize::line(&line))?;
    }
    for n in &imported.notes {
        let n = crate::sanitize::line(n);
        writeln!(err, "refdesk: {}: {n}", app.lang.pick("увага", "note"))?;
    }
    report_written(
        app,
        output,
        &imported.toml,
        imported.agencies,
        imported.services,
        out,
    )
}

/// Checks the file written the way the desk will read it and says what was imported; the exit
/// code is 1 when the file has errors.
pub(super) fn report_written(
    app: &App,
    output: &Path,
    toml: &str,
    agencies: usize,
    services: usize,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let name = output.display().to_string();
    let opts = LoadOptions {
        today: app.now.date(),
        lang: app.lang,
    };
    let loaded = load_texts(&[(name.as_str(), toml)], &opts);
    let l = app.lang;
    let a = i18n::AGENCY_ACC.count(l, agencies as u64);
    let s = i18n::SERVICE_ACC.count(l, services as u64);
    let e = i18n::ERROR.count(l, loaded.error_count() as u64);
    let w = i18n::WARNING.count(l, loaded.warning_count() as u64);
    match l {
        Lang::Uk => writeln!(
            out,
            "Імпортовано {a} і {s} у {name}; перевірка: {e}, {w} (подробиці: refdesk --data {name} validate)"
        )?,
        Lang::En => writeln!(
            out,
            "Imported {a} and {s} into {name}; check: {e}, {w} (details: refdesk --data {name} validate)"
        )?,
    }
    Ok(if loaded.error_count() > 0 {
        super::NOT_FOUND
    } else {
        0
    })
}

/// Writes the file; without `force` only a new one (never replacing a file that appeared since
/// the check).
pub(super) fn write_output(path: &Path, text: &str, force: bool) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!force)
        .truncate(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

pub(super) fn refuse_overwrite(
    path: &Path,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    let p = path.display();
    match lang {
        Lang::Uk => writeln!(
            err,
            "refdesk: {p} вже існує — файл не перезаписано; вкажіть інший файл або додайте --force, щоб замінити його"
        ),
        Lang::En => writeln!(
            err,
            "refdesk: {p} already exists — not overwritten; choose another file or add --force to replace it"
        ),
    }
}

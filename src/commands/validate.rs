//! `refdesk validate`: every problem as `file:line:column: severity: message`, then a summary.

use crate::app::App;
use crate::cli::ValidateArgs;
use crate::i18n::{self, Lang};
use crate::sanitize;
use std::io::Write;

pub fn run(app: &App, args: &ValidateArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let dir = &app.dir;
    let errors = dir.error_count();
    let warnings = dir.warning_count();
    if args.stale {
        return stale(app, args, out);
    }
    if args.json {
        let v = serde_json::json!({
            "demo": dir.meta.demo,
            "files": dir.files.len(),
            "agencies": dir.agencies.len(),
            "errors": errors,
            "warnings": warnings,
            "diagnostics": dir.diagnostics,
        });
        writeln!(
            out,
            "{}",
            sanitize::json(&serde_json::to_string_pretty(&v)?)
        )?;
    } else {
        if let Some(b) = app.demo_banner() {
            writeln!(out, "{b}")?;
        }
        for d in &dir.diagnostics {
            writeln!(out, "{}", d.render(app.lang))?;
        }
        let l = app.lang;
        let (e, w) = (
            i18n::ERROR.count(l, errors as u64),
            i18n::WARNING.count(l, warnings as u64),
        );
        let a = i18n::AGENCY.count(l, dir.agencies.len() as u64);
        let f = i18n::FILE.count(l, dir.files.len() as u64);
        match l {
            // A list after a colon keeps every count in the nominative: «1 файл, 1 установа».
            Lang::Uk => writeln!(out, "Перевірено: {f}, {a} — {e}, {w}")?,
            Lang::En => writeln!(out, "Checked: {f}, {a} — {e}, {w}")?,
        }
    }
    Ok(if errors > 0 { super::NOT_FOUND } else { 0 })
}

/// `--stale`: entries verified more than 12 months ago, oldest first, with who verified them.
fn stale(app: &App, args: &ValidateArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let today = app.now.date();
    let mut stale: Vec<_> = app
        .dir
        .agencies
        .iter()
        .filter(|a| a.is_stale(today))
        .collect();
    stale.sort_by_key(|a| a.verified);
    if args.json {
        let v: Vec<_> = stale
            .iter()
            .map(|a| {
                serde_json::json!({
                    "id": a.id, "name": a.name, "verified": a.verified.to_string(),
                    "verified_by": a.verified_by, "file": a.origin.file, "line": a.origin.line,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            sanitize::json(&serde_json::to_string_pretty(&v)?)
        )?;
    } else {
        for a in &stale {
            let by = a
                .verified_by
                .as_deref()
                .unwrap_or(app.lang.pick("не вказано", "not given"));
            let line = format!(
                "{}  {}  {} — {}: {by}  ({})",
                a.verified.strftime("%d.%m.%Y"),
                a.id,
                a.display_name(),
                // «хто перевіряв», not «перевірив»: the verifier may be a woman.
                app.lang.pick("хто перевіряв", "verified by"),
                a.origin
            );
            writeln!(out, "{}", sanitize::line(&line))?;
        }
        let n = i18n::AGENCY.count(app.lang, stale.len() as u64);
        match app.lang {
            Lang::Uk => writeln!(out, "Не перевірялися понад 12 місяців: {n}")?,
            Lang::En => writeln!(out, "Not verified for more than 12 months: {n}")?,
        }
    }
    Ok(0)
}

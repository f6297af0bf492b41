//! `refdesk validate`: every problem as `file:line:column: severity: message`, then a summary.

use crate::app::App;
use crate::cli::ValidateArgs;
use crate::i18n::{self, Lang};
use crate::sanitize;
use std::io::Write;

pub fn run(
    app: &App,
    args: &ValidateArgs,
    data: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
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
        let mut v = v;
        maintenance_json(app, data, &mut v);
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
        maintenance_text(app, data, out)?;
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

/// After the check, for a directory of one's own: the open correction reports and, in a git
/// working copy, the last commit and whether edits are uncommitted.
fn maintenance_text(
    app: &App,
    data: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let Some(data) = data.filter(|_| !app.dir.meta.demo) else {
        return Ok(());
    };
    let path = crate::maintain::corrections::path_for(data);
    if path.exists() {
        let mut lines = Vec::new();
        let mut problems = Vec::new();
        let n = super::corrections::list(app, &path, &mut lines, &mut problems)?;
        out.write_all(&problems)?;
        if n > 0 {
            let head = match app.lang {
                Lang::Uk => format!(
                    "Відкриті повідомлення про помилки ({n}; закрити: refdesk corrections --resolve N):"
                ),
                Lang::En => format!(
                    "Open correction reports ({n}; close one: refdesk corrections --resolve N):"
                ),
            };
            writeln!(out, "{head}")?;
            out.write_all(&lines)?;
        }
    }
    if let Some(a) = crate::maintain::audit::audit(data) {
        writeln!(out, "{}", sanitize::line(&a.line(app.lang)))?;
    }
    Ok(())
}

/// The same for `--json`: `corrections` (the open reports) and `git` (or null).
fn maintenance_json(app: &App, data: Option<&std::path::Path>, v: &mut serde_json::Value) {
    let Some(data) = data.filter(|_| !app.dir.meta.demo) else {
        return;
    };
    let (all, _) =
        crate::maintain::corrections::load(&crate::maintain::corrections::path_for(data), app.lang);
    v["corrections"] = all
        .iter()
        .filter(|c| c.is_open())
        .map(|c| {
            serde_json::json!({
                "agency": c.agency, "field": c.field, "note": c.note,
                "date": c.date.to_string(), "desk": c.desk, "line": c.line,
            })
        })
        .collect();
    v["git"] = match crate::maintain::audit::audit(data) {
        Some(a) => serde_json::json!({
            "date": a.date, "author": a.author, "message": a.message,
            "uncommitted": a.uncommitted,
        }),
        None => serde_json::Value::Null,
    };
}

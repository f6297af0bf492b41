//! `refdesk due [--within 30d] [-o FILE.pdf]`: the agencies to call for re-verification,
//! oldest first, as a list or a printable call sheet.

use crate::app::App;
use crate::cli::DueArgs;
use crate::i18n::{self, Lang};
use crate::maintain::due;
use crate::referral::slip::Paper;
use crate::sanitize;
use std::io::Write;

pub fn run(app: &App, args: &DueArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let today = app.now.date();
    let until = args.within.until(today);
    let entries = due::due(&app.dir, until, app.lang);
    let l = app.lang;
    let n = i18n::AGENCY.count(l, entries.len() as u64);
    let until_text = until.strftime("%d.%m.%Y");
    if let Some(path) = &args.output {
        let sheet = due::call_sheet(&entries, today, until, app.dir.meta.demo);
        let pdf = crate::referral::pdf::render_titled(&sheet, Paper::A5, "Аркуш для обдзвону")
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        std::fs::write(path, pdf)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), i18n::io_error(&e, l)))?;
        match l {
            Lang::Uk => writeln!(
                out,
                "Аркуш для обдзвону ({n}) записано у {}",
                path.display()
            )?,
            Lang::En => writeln!(out, "Call sheet ({n}) written to {}", path.display())?,
        }
        return Ok(0);
    }
    if let Some(b) = app.demo_banner() {
        writeln!(out, "{b}")?;
    }
    for (i, e) in entries.iter().enumerate() {
        let head = format!("{}. {} ({})", i + 1, e.agency.display_name(), e.agency.id);
        writeln!(out, "{}", sanitize::line(&head))?;
        for (label, value) in due::entry_fields(e, today, l) {
            writeln!(out, "   {}", sanitize::line(&format!("{label}: {value}")))?;
        }
    }
    match l {
        Lang::Uk => writeln!(out, "Час перевірити (строк до {until_text} включно): {n}")?,
        Lang::En => writeln!(out, "Due for verification (by {until_text}): {n}")?,
    }
    Ok(0)
}

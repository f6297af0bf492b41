//! `refdesk corrections [--resolve N]`: the open correction reports of the data folder, or one
//! of them closed.

use crate::app::App;
use crate::cli::CorrectionsArgs;
use crate::i18n::{Lang, Noun};
use crate::maintain::corrections::{self, Correction};
use crate::sanitize;
use std::io::Write;
use std::path::Path;

const REPORT: Noun = Noun {
    uk: ["повідомлення", "повідомлення", "повідомлень"],
    en: ["report", "reports"],
};

/// One open report as a line: «1. 25.11.2026 zt-dps-cop (ЦОП ДПС) — телефони: «…» (Вікно 1)».
pub fn report_line(app: &App, n: usize, c: &Correction) -> String {
    let name = app
        .dir
        .agency(&c.agency)
        .map(|a| format!(" ({})", a.display_name()))
        .unwrap_or_default();
    let desk = c
        .desk
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    sanitize::line(&format!(
        "{n}. {} {}{name} — {}: «{}»{desk}",
        c.date.strftime("%d.%m.%Y"),
        c.agency,
        corrections::field_label(&c.field, app.lang),
        c.note
    ))
}

/// The open reports with their numbers, and the file's problems, for `corrections` and
/// `validate`. Returns the number of open reports.
pub fn list(
    app: &App,
    path: &Path,
    out: &mut dyn Write,
    problems: &mut dyn Write,
) -> anyhow::Result<usize> {
    let (all, diags) = corrections::load(path, app.lang);
    for d in &diags {
        writeln!(problems, "{}", d.render(app.lang))?;
    }
    let open: Vec<&Correction> = all.iter().filter(|c| c.is_open()).collect();
    for (i, c) in open.iter().enumerate() {
        writeln!(out, "{}", report_line(app, i + 1, c))?;
    }
    Ok(open.len())
}

fn demo_refusal(app: &App, err: &mut dyn Write) -> anyhow::Result<u8> {
    writeln!(
        err,
        "refdesk: {}",
        app.lang.pick(
            "повідомлення про помилки зберігаються в теці власного довідника; демонстраційні дані лише для читання — вкажіть --data",
            "correction reports are kept in your own directory's folder; the demo data is read-only — give --data"
        )
    )?;
    Ok(super::USAGE)
}

pub fn run(
    app: &App,
    data: Option<&Path>,
    args: &CorrectionsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let Some(data) = data.filter(|_| !app.dir.meta.demo) else {
        return demo_refusal(app, err);
    };
    let path = corrections::path_for(data);
    let l = app.lang;
    if let Some(n) = args.resolve {
        let by = app.config.maintainer.as_deref();
        return match corrections::resolve(&path, n, app.now.date(), by, l) {
            Ok(c) => {
                let what = format!("{} — «{}»", c.agency, c.note);
                match l {
                    Lang::Uk => {
                        writeln!(out, "Повідомлення {n} закрито: {}", sanitize::line(&what))?
                    }
                    Lang::En => writeln!(out, "Report {n} closed: {}", sanitize::line(&what))?,
                }
                Ok(0)
            }
            Err(corrections::ResolveError::NoSuch(n)) => {
                match l {
                    Lang::Uk => writeln!(
                        err,
                        "refdesk: відкритого повідомлення № {n} немає — подивіться номери: refdesk corrections"
                    )?,
                    Lang::En => writeln!(
                        err,
                        "refdesk: there is no open report {n} — see the numbers: refdesk corrections"
                    )?,
                }
                Ok(super::NOT_FOUND)
            }
            Err(corrections::ResolveError::Save(e)) => {
                writeln!(err, "refdesk: {}", e.message(l))?;
                Ok(super::USAGE)
            }
        };
    }
    let n = list(app, &path, out, err)?;
    let count = REPORT.count(l, n as u64);
    match l {
        Lang::Uk => writeln!(out, "Відкриті повідомлення про помилки: {count}")?,
        Lang::En => writeln!(out, "Open correction reports: {count}")?,
    }
    Ok(0)
}

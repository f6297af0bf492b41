//! `refdesk stats [--from DATE] [--to DATE] [--json|--csv]`: referral totals for the office's
//! report, by category and by agency, from the anonymous referral log.

use crate::app::App;
use crate::cli::StatsArgs;
use crate::i18n::{self, Lang};
use crate::sanitize;
use crate::stats::{self, Summary};
use std::io::Write;

pub fn run(
    app: &App,
    args: &StatsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        match app.lang {
            Lang::Uk => writeln!(err, "refdesk: --from {f} пізніше за --to {t}")?,
            Lang::En => writeln!(err, "refdesk: --from {f} is after --to {t}")?,
        }
        return Ok(super::USAGE);
    }
    // Every desk's log in the folder counts (stats::desk).
    let mut records = Vec::new();
    // Worded here, in the interface language (the error's Display is English).
    let all =
        stats::desk::read_all(&app.config).map_err(|e| anyhow::anyhow!(e.message(app.lang)))?;
    for (log, contents) in all {
        for d in &contents.damaged {
            writeln!(
                err,
                "refdesk: {}: {}",
                log.path.display(),
                d.message(app.lang)
            )?;
        }
        records.extend(contents.records);
    }
    let summary = stats::summarize(&records, args.from, args.to);
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json(&summary))?)?;
    } else if args.csv {
        write_csv(app, &summary, out)?;
    } else {
        write_text(app, args, &summary, out)?;
    }
    Ok(0)
}

/// `{"total": N, "multi_step_visits": N, "by_category": [{"category": ID, "count": N}, …],
/// "by_agency": [{"id": ID, "count": N}, …]}`.
pub fn json(s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "total": s.total,
        "multi_step_visits": s.multi_step_visits,
        "by_category": s.by_category.iter()
            .map(|c| serde_json::json!({"category": c.key, "count": c.count}))
            .collect::<Vec<_>>(),
        "by_agency": s.by_agency.iter()
            .map(|c| serde_json::json!({"id": c.key, "count": c.count}))
            .collect::<Vec<_>>(),
    })
}

fn category_label<'a>(app: &'a App, id: &'a str) -> &'a str {
    app.dir
        .category(id)
        .map(|c| c.label(app.lang))
        .unwrap_or(id)
}

/// The agency's short name; an id no longer in the directory is shown as it is.
fn agency_name<'a>(app: &'a App, id: &str) -> Option<&'a str> {
    app.dir.agency(id).map(|a| a.display_name())
}

fn write_text(app: &App, args: &StatsArgs, s: &Summary, out: &mut dyn Write) -> anyhow::Result<()> {
    let l = app.lang;
    let d = |d: jiff::civil::Date| d.strftime("%d.%m.%Y").to_string();
    let period = match (args.from, args.to, l) {
        (None, None, Lang::Uk) => "за весь час".to_string(),
        (None, None, Lang::En) => "all time".to_string(),
        (Some(f), None, Lang::Uk) => format!("з {}", d(f)),
        (Some(f), None, Lang::En) => format!("from {}", d(f)),
        (None, Some(t), Lang::Uk) => format!("по {}", d(t)),
        (None, Some(t), Lang::En) => format!("until {}", d(t)),
        (Some(f), Some(t), Lang::Uk) => format!("з {} по {}", d(f), d(t)),
        (Some(f), Some(t), Lang::En) => format!("{} to {}", d(f), d(t)),
    };
    let total = i18n::REFERRAL.count(l, s.total);
    match l {
        Lang::Uk => writeln!(out, "Направлення {period}: усього {total}")?,
        Lang::En => writeln!(out, "Referrals, {period}: {total} in total")?,
    }
    if s.total == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "{}: {}",
        l.pick(
            "Візити, яким знадобилися дві й більше установи",
            "Visits that needed two or more agencies"
        ),
        s.multi_step_visits
    )?;
    writeln!(out, "\n{}:", l.pick("За категоріями", "By category"))?;
    for c in &s.by_category {
        writeln!(
            out,
            "  {}: {}",
            sanitize::line(category_label(app, &c.key)),
            i18n::REFERRAL.count(l, c.count)
        )?;
    }
    writeln!(out, "\n{}:", l.pick("За установами", "By agency"))?;
    for c in &s.by_agency {
        let n = i18n::REFERRAL.count(l, c.count);
        match agency_name(app, &c.key) {
            Some(name) => writeln!(
                out,
                "  {}: {n}",
                sanitize::line(&format!("{name} ({})", c.key))
            )?,
            None => writeln!(out, "  {}: {n}", sanitize::line(&c.key))?,
        }
    }
    Ok(())
}

fn write_csv(app: &App, s: &Summary, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["group", "id", "name", "count"])?;
    w.write_record(["total", "", "", &s.total.to_string()])?;
    w.write_record([
        "multi_step_visits",
        "",
        "",
        &s.multi_step_visits.to_string(),
    ])?;
    for c in &s.by_category {
        w.write_record([
            "category",
            &c.key,
            category_label(app, &c.key),
            &c.count.to_string(),
        ])?;
    }
    for c in &s.by_agency {
        w.write_record([
            "agency",
            &c.key,
            agency_name(app, &c.key).unwrap_or(""),
            &c.count.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

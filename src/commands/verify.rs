//! `refdesk verify ID [--by NAME]`: the entry checked today — `verified` and `verified_by`
//! written into its file in place.

use crate::app::App;
use crate::cli::VerifyArgs;
use crate::i18n::Lang;
use crate::maintain::verify;
use crate::sanitize;
use std::io::Write;

pub fn run(
    app: &App,
    args: &VerifyArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let by = args
        .by
        .as_deref()
        .or(app.config.maintainer.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let Some(by) = by else {
        writeln!(
            err,
            "refdesk: {}",
            app.lang.pick(
                "хто перевірив? Вкажіть --by ІМ'Я або maintainer = \"Прізвище І.\" у налаштуваннях (refdesk.toml)",
                "who verified it? Give --by NAME or maintainer = \"Name\" in the settings (refdesk.toml)"
            )
        )?;
        return Ok(super::USAGE);
    };
    if !app.dir.meta.demo && super::target::card_for(app, &args.id, None, err)?.is_none() {
        return Ok(super::NOT_FOUND);
    }
    let today = app.now.date();
    match verify::verify(&app.dir, &args.id, by, today) {
        Ok(saved) => {
            let name = app
                .dir
                .agency(&args.id)
                .map(|a| a.display_name())
                .unwrap_or("");
            let file = saved.path.display();
            let line = match app.lang {
                Lang::Uk => format!(
                    "{name} ({}): перевірено {}, хто перевіряв: {by} — записано у {file}",
                    args.id,
                    today.strftime("%d.%m.%Y")
                ),
                Lang::En => format!(
                    "{name} ({}): verified {today} by {by} — written to {file}",
                    args.id
                ),
            };
            writeln!(out, "{}", sanitize::line(&line))?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "refdesk: {}", e.message(app.lang))?;
            Ok(super::USAGE)
        }
    }
}

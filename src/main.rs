//! refdesk: parse the command line, dispatch, map errors to exit codes. Nothing else.

use clap::FromArgMatches;
use refdesk::app::App;
use refdesk::cli::{Cli, Command};
use refdesk::cli_uk;
use refdesk::commands;
use refdesk::i18n::Lang;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Help and usage errors are rendered while parsing: the language must be known first.
    let lang = cli_uk::prescan_lang(&args);
    let parsed = cli_uk::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return cli_uk::exit_on_usage_error(&e, lang),
    };
    match run(cli, lang) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`refdesk search … | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // As anyhow's `{:#}` would, with the system's English I/O errors in `lang`.
            eprintln!("refdesk: {}", refdesk::i18n::describe(e.as_ref(), lang));
            ExitCode::from(commands::USAGE)
        }
    }
}

fn run(cli: Cli, lang: Lang) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            use clap_complete::Generator;
            let mut cmd = cli_uk::command(lang);
            cmd.build();
            // Not `clap_complete::generate`, which panics on a closed pipe.
            shell.try_generate(&cmd, &mut out)?;
            return Ok(0);
        }
        Some(Command::Man { command }) => {
            let mut top = cli_uk::command(lang);
            top.build();
            let page = match command {
                None => top,
                Some(name) => match top.find_subcommand(name) {
                    // Named as the main page refers to it: refdesk-stats(1).
                    Some(sub) => sub.clone().name(format!("refdesk-{name}")),
                    None => {
                        let names: Vec<&str> =
                            top.get_subcommands().map(|c| c.get_name()).collect();
                        match lang {
                            Lang::Uk => writeln!(
                                err,
                                "refdesk man: команди «{name}» немає; є: {}",
                                names.join(", ")
                            )?,
                            Lang::En => writeln!(
                                err,
                                "refdesk man: no command \"{name}\"; commands: {}",
                                names.join(", ")
                            )?,
                        }
                        return Ok(commands::USAGE);
                    }
                },
            };
            out.write_all(&cli_uk::man_page(page, lang)?)?;
            return Ok(0);
        }
        Some(Command::Setup) => {
            let stdin = std::io::stdin();
            return commands::setup::run(
                cli.config.as_deref(),
                lang,
                &mut stdin.lock(),
                &mut out,
                &mut err,
            );
        }
        _ => {}
    }
    let Some(command) = &cli.command else {
        // The screen reads the directory itself, after showing that it is loading.
        let setup = App::setup(&cli)?;
        if let Some(e) = &setup.config_error {
            writeln!(err, "refdesk: {}", e.render(setup.lang))?;
        }
        return refdesk::tui::run(setup, cli.data.clone());
    };
    let app = App::from_cli(&cli)?;
    if let Some(e) = &app.config_error {
        writeln!(err, "refdesk: {}", e.render(app.lang))?;
    }
    let code = match command {
        Command::Search(a) => commands::search::run(app, a, &mut out, &mut err)?,
        Command::Validate(a) => commands::validate::run(&app, a, cli.data.as_deref(), &mut out)?,
        Command::Show(a) => commands::show::run(&app, a, &mut out, &mut err)?,
        Command::Slip(a) => commands::slip::run(&app, a, &mut out, &mut err)?,
        Command::Print(a) => commands::print::run(&app, a, &mut out, &mut err)?,
        Command::Stats(a) => commands::stats::run(&app, a, &mut out, &mut err)?,
        Command::Verify(a) => commands::verify::run(&app, a, &mut out, &mut err)?,
        Command::Corrections(a) => {
            commands::corrections::run(&app, cli.data.as_deref(), a, &mut out, &mut err)?
        }
        Command::Due(a) => commands::due::run(&app, a, &mut out)?,
        Command::Export(c) => commands::export::run(&app, c, &mut out, &mut err)?,
        Command::Import(c) => commands::import::run(&app, c, &mut out, &mut err)?,
        _ => {
            writeln!(
                err,
                "refdesk: {}",
                lang.pick("цю команду ще не реалізовано", "not implemented yet")
            )?;
            commands::USAGE
        }
    };
    out.flush()?;
    Ok(code)
}

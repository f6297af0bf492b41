//! refdesk: parse the command line, dispatch, map errors to exit codes. Nothing else.

use clap::{CommandFactory, Parser};
use refdesk::app::App;
use refdesk::cli::{Cli, Command};
use refdesk::commands;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`refdesk search … | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("refdesk: {e:#}");
            ExitCode::from(commands::USAGE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "refdesk", &mut out);
            return Ok(0);
        }
        Some(Command::Man { command }) => {
            let top = Cli::command();
            let page = match command {
                None => top,
                Some(name) => match top.find_subcommand(name) {
                    // Named as the main page refers to it: refdesk-stats(1).
                    Some(sub) => sub.clone().name(format!("refdesk-{name}")),
                    None => {
                        let names: Vec<&str> =
                            top.get_subcommands().map(|c| c.get_name()).collect();
                        writeln!(
                            err,
                            "refdesk man: no command \"{name}\"; commands: {}",
                            names.join(", ")
                        )?;
                        return Ok(commands::USAGE);
                    }
                },
            };
            clap_mangen::Man::new(page).render(&mut out)?;
            return Ok(0);
        }
        _ => {}
    }
    let Some(command) = &cli.command else {
        // The screen reads the directory itself, after showing that it is loading.
        let setup = App::setup(&cli)?;
        if let Some(e) = &setup.config_error {
            writeln!(err, "refdesk: {e}")?;
        }
        return refdesk::tui::run(setup, cli.data.clone());
    };
    let app = App::from_cli(&cli)?;
    if let Some(e) = &app.config_error {
        writeln!(err, "refdesk: {e}")?;
    }
    let code = match command {
        Command::Search(a) => commands::search::run(app, a, &mut out, &mut err)?,
        Command::Validate(a) => commands::validate::run(&app, a, &mut out)?,
        Command::Show(a) => commands::show::run(&app, a, &mut out, &mut err)?,
        Command::Slip(a) => commands::slip::run(&app, a, &mut out, &mut err)?,
        Command::Print(a) => commands::print::run(&app, a, &mut out, &mut err)?,
        Command::Stats(a) => commands::stats::run(&app, a, &mut out, &mut err)?,
        Command::Export(c) => commands::export::run(&app, c, &mut out, &mut err)?,
        Command::Import(c) => commands::import::run(&app, c, &mut out, &mut err)?,
        _ => {
            writeln!(err, "refdesk: not implemented yet")?;
            commands::USAGE
        }
    };
    out.flush()?;
    Ok(code)
}

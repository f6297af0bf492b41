//! What every command and the screen start from: the loaded directory, the settings, the
//! language and the current local time (injectable, so that output is reproducible).

use crate::cli::Cli;
use crate::config::{Config, ConfigError};
use crate::directory::{self, Directory, LoadOptions};
use crate::i18n::Lang;
use jiff::civil::DateTime;

pub struct App {
    pub dir: Directory,
    pub config: Config,
    pub config_error: Option<ConfigError>,
    pub lang: Lang,
    pub now: DateTime,
}

impl App {
    /// Loads everything the command line names. A `--data` path that does not exist is the one
    /// hard error: every problem inside the data is a diagnostic instead.
    pub fn from_cli(cli: &Cli) -> anyhow::Result<App> {
        let (config, config_error) = Config::load(cli.config.as_deref());
        let lang = cli.lang.or(config.lang).unwrap_or_default();
        // REFDESK_NOW (e.g. 2026-11-25T10:30) replaces the clock for tests and reproducible
        // output. It is an environment variable, not a flag, so that it never shows in help or
        // shell completions.
        let now = match std::env::var("REFDESK_NOW") {
            Ok(v) if !v.trim().is_empty() => v
                .trim()
                .parse::<DateTime>()
                .map_err(|e| anyhow::anyhow!("REFDESK_NOW={v}: {e}"))?,
            _ => jiff::ZonedDateTime::now().datetime(),
        };
        let opts = LoadOptions {
            today: now.date(),
            lang,
        };
        let dir = match &cli.data {
            Some(p) if !p.exists() => anyhow::bail!(
                "{}: {}",
                p.display(),
                lang.pick(
                    "немає такого файлу чи теки з довідником (--data / REFDESK_DATA)",
                    "no such directory file or folder (--data / REFDESK_DATA)"
                )
            ),
            // Only real data goes through the cache; the demo is compiled in and parses fast.
            Some(p) => directory::cache::load_path_cached(p, &opts).0,
            None => directory::load_demo(&opts),
        };
        Ok(App {
            dir,
            config,
            config_error,
            lang,
            now,
        })
    }

    /// The banner every output carries when the directory is demo data.
    pub fn demo_banner(&self) -> Option<&'static str> {
        self.dir.meta.demo.then(|| {
            self.lang.pick(
                "ДЕМОНСТРАЦІЙНІ ДАНІ — адреси, імена й телефони вигадані",
                "DEMO DATA — addresses, names and phone numbers are invented",
            )
        })
    }
}

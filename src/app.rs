//! What every command and the screen start from: the loaded directory, the settings, the
//! language and the current local time (injectable, so that output is reproducible).

use crate::cli::Cli;
use crate::config::{Config, ConfigError};
use crate::directory::cache::{CacheHandle, LoadedDirectory};
use crate::directory::{self, Directory, LoadOptions};
use crate::i18n::Lang;
use jiff::civil::DateTime;

pub struct App {
    pub dir: Directory,
    /// Where values derived from `dir` (the search index) may be cached: set only when it came
    /// through the parsed-directory cache.
    pub cache: Option<CacheHandle>,
    pub config: Config,
    pub config_error: Option<ConfigError>,
    pub lang: Lang,
    pub now: DateTime,
}

/// Everything but the directory: quick to read, so the screen can show itself before the
/// (possibly slow) directory load.
pub struct Setup {
    pub config: Config,
    pub config_error: Option<ConfigError>,
    pub lang: Lang,
    pub now: DateTime,
    /// The settings file read (`--config`, else the default place), whether or not it exists:
    /// the screen writes the maintainer's name there when it asks for it.
    pub config_path: Option<std::path::PathBuf>,
    data: Option<std::path::PathBuf>,
}

impl App {
    /// Loads everything the command line names. A `--data` path that does not exist is the one
    /// hard error: every problem inside the data is a diagnostic instead.
    pub fn from_cli(cli: &Cli) -> anyhow::Result<App> {
        Ok(App::load(App::setup(cli)?))
    }

    /// The settings, language and time from the command line, and a check that `--data`
    /// exists; the directory itself is read by [`App::load`].
    pub fn setup(cli: &Cli) -> anyhow::Result<Setup> {
        let (config, config_error) = Config::load(cli.config.as_deref());
        let lang = cli.lang.map(Lang::from).or(config.lang).unwrap_or_default();
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
        if let Some(p) = cli.data.as_ref().filter(|p| !p.exists()) {
            anyhow::bail!(
                "{}: {}",
                p.display(),
                lang.pick(
                    "немає такого файлу чи теки з довідником (--data / REFDESK_DATA)",
                    "no such directory file or folder (--data / REFDESK_DATA)"
                )
            );
        }
        Ok(Setup {
            config,
            config_error,
            lang,
            now,
            config_path: cli.config.clone().or_else(Config::default_path),
            data: cli.data.clone(),
        })
    }

    /// Reads the directory (`--data`, else the built-in demo).
    pub fn load(s: Setup) -> App {
        let opts = LoadOptions {
            today: s.now.date(),
            lang: s.lang,
        };
        let LoadedDirectory { dir, cache } = match &s.data {
            // Only real data goes through the cache; the demo is compiled in and parses fast.
            Some(p) => directory::cache::load_path_cached(p, &opts).0,
            None => LoadedDirectory::uncached(directory::load_demo(&opts)),
        };
        App {
            dir,
            cache,
            config: s.config,
            config_error: s.config_error,
            lang: s.lang,
            now: s.now,
        }
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

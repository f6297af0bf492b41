//! The command line (clap derive): global options and one subcommand enum.

use crate::i18n::Lang;
use crate::referral::slip::{Paper, SlipFormat};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Where the files live, as `--help` and the manual page list them (see [`crate::paths`]).
#[cfg(not(windows))]
macro_rules! files_en {
    () => {
        "Files (Linux):
  ~/.config/refdesk/refdesk.toml           settings: office, printer, home locality, language
  ~/.local/share/refdesk/referrals.log     anonymous referral log (never a query or a name)
  ~/.local/share/refdesk/unprinted/        slips saved when printing failed (never the name)
  ~/.cache/refdesk/                        parsed-directory cache; safe to delete
"
    };
}
#[cfg(windows)]
macro_rules! files_en {
    () => {
        "Files (Windows):
  %APPDATA%\\refdesk\\refdesk\\config\\refdesk.toml      settings: office, printer, home locality, language
  %APPDATA%\\refdesk\\refdesk\\data\\referrals.log       anonymous referral log (never a query or a name)
  %APPDATA%\\refdesk\\refdesk\\data\\unprinted\\          slips saved when printing failed (never the name)
  %LOCALAPPDATA%\\refdesk\\refdesk\\cache\\              parsed-directory cache; safe to delete
"
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "refdesk",
    // Help and errors say `refdesk`, not the file's name (`refdesk.exe` on Windows).
    bin_name = "refdesk",
    version,
    // English here; the Ukrainian help (the default) is in `cli_uk`.
    about = "Referral directory for the front desk of free legal aid offices",
    long_about = "refdesk finds the agency that can solve a visitor's problem and gives a complete referral: \
address, phones, hours, head and specialist, pre-registration and documents — read out as a sentence \
and printed as a slip. Without a subcommand it opens the interactive screen. Without --data it uses \
the built-in demo directory (invented data).",
    after_long_help = concat!("Environment:
  REFDESK_DATA, REFDESK_CONFIG, REFDESK_LANG   defaults for --data, --config, --lang
  REFDESK_STATS_FILE   the anonymous referral log (default: referrals.log in the data folder)
  REFDESK_HOME         keep settings, data and cache in this one folder (config, data, cache)
  REFDESK_NO_CACHE=1   do not read or write the parsed-directory cache
  NO_COLOR             no colours on the screen

", files_en!(), "
Exit codes: 0 ok, 1 nothing found or validation errors, 2 usage or I/O error.
Manual pages of the commands: refdesk man COMMAND (e.g. refdesk man stats).")
)]
pub struct Cli {
    /// Directory of agencies: a folder of *.toml files or one file (default: the built-in demo).
    #[arg(long, global = true, env = "REFDESK_DATA", value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// Settings file (default: refdesk.toml in the platform config directory).
    #[arg(long, global = true, env = "REFDESK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Language of the interface and messages.
    #[arg(long, global = true, value_enum, env = "REFDESK_LANG")]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the directory as the screen does; best match first.
    Search(SearchArgs),
    /// Print the complete card of one agency.
    Show(ShowArgs),
    /// Check the directory and report every problem as file:line:column.
    Validate(ValidateArgs),
    /// Produce a referral slip (text, PDF or ESC/POS bytes).
    Slip(SlipArgs),
    /// Print a referral slip on the configured printer.
    Print(PrintArgs),
    /// Anonymous referral statistics for the office's report.
    Stats(StatsArgs),
    /// Mark an agency as verified today: sets `verified` and `verified_by` in its file.
    Verify(VerifyArgs),
    /// Correction reports sent from the desks: list the open ones, or close one.
    Corrections(CorrectionsArgs),
    /// Agencies due for re-verification, oldest first, with the phone to call.
    Due(DueArgs),
    /// Import a directory from another format.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Export the directory to another format.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Set up the desk: office, home town and printer, written to the settings file.
    Setup,
    /// Print the manual page (roff); with a command name, that command's page.
    Man {
        /// A command, e.g. `stats` or `import` (default: the main page).
        command: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What the visitor needs, as typed: "довідка про доходи", "паспорт втратив", a surname…
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Print JSON (an array, best match first).
    #[arg(long)]
    pub json: bool,
    /// How many results at most (0: all of them).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Rank this locality's agencies first among equals.
    #[arg(long, value_name = "LOCALITY")]
    pub near: Option<String>,
    /// Show for each result how every query word matched: field, word, tier, thesaurus entry.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The agency's id; several (each as ID or ID:SERVICE) for a visit's plan, in order.
    #[arg(required = true, num_args = 1.., value_name = "ID")]
    pub ids: Vec<String>,
    /// A service: its number as `show` lists it, or a fragment of its name.
    #[arg(long, short)]
    pub service: Option<String>,
    /// Print JSON.
    #[arg(long, conflicts_with = "script")]
    pub json: bool,
    /// Print only the read-out phrase.
    #[arg(long)]
    pub script: bool,
    /// A note on step N of a plan («коли отримаєте документ»); repeatable.
    #[arg(long = "note", value_name = "N=TEXT")]
    pub notes: Vec<String>,
    /// End the plan with the step back to this office (its address and phone).
    #[arg(long = "return")]
    pub back: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// List entries not verified for more than 12 months, oldest first.
    #[arg(long)]
    pub stale: bool,
}

/// `--format`: the slip's format ([`crate::referral::slip::SlipFormat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Pdf,
    Escpos,
}

impl From<FormatArg> for SlipFormat {
    fn from(f: FormatArg) -> SlipFormat {
        match f {
            FormatArg::Text => SlipFormat::Text,
            FormatArg::Pdf => SlipFormat::Pdf,
            FormatArg::Escpos => SlipFormat::Escpos,
        }
    }
}

/// `--paper`: PDF paper ([`crate::referral::slip::Paper`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A6,
    A5,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Paper {
        match p {
            PaperArg::A6 => Paper::A6,
            PaperArg::A5 => Paper::A5,
        }
    }
}

/// `--lang`: the interface language ([`crate::i18n::Lang`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Uk,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Uk => Lang::Uk,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Args, Clone)]
pub struct SlipOptions {
    /// The agency's id; several (each as ID or ID:SERVICE) for one slip with the visit's plan,
    /// in order.
    #[arg(required = true, num_args = 1.., value_name = "ID")]
    pub ids: Vec<String>,
    /// A service: its number as `show` lists it, or a fragment of its name (needed when the
    /// agency has several services).
    #[arg(long, short)]
    pub service: Option<String>,
    /// The slip for every service of the agency: each one's booking, fee and documents.
    #[arg(long, conflicts_with = "service")]
    pub all_services: bool,
    /// Output format (default from the settings, else text).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Line width in characters for text and ESC/POS (32, 42, 48 for receipt paper; 64–80 for A5/A4).
    #[arg(long)]
    pub width: Option<usize>,
    /// Paper size for PDF.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// The visitor's name, printed on this slip only and never stored.
    #[arg(long = "for", value_name = "NAME")]
    pub for_name: Option<String>,
    /// A note on step N of a plan («коли отримаєте документ»); repeatable.
    #[arg(long = "note", value_name = "N=TEXT")]
    pub notes: Vec<String>,
    /// End the plan with the step back to this office (its address and phone).
    #[arg(long = "return")]
    pub back: bool,
}

#[derive(Debug, Args)]
pub struct SlipArgs {
    #[command(flatten)]
    pub slip: SlipOptions,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// `None` only with --list-printers, which takes no agency.
    #[command(flatten)]
    pub slip: Option<SlipOptions>,
    /// Printer name (CUPS on Linux, Windows on Windows; default: from the settings, else the
    /// system default).
    #[arg(long, short = 'd')]
    pub printer: Option<String>,
    /// List the system's printers (Windows or CUPS) and exit.
    #[arg(long, exclusive = true)]
    pub list_printers: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// First day included (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<jiff::civil::Date>,
    /// Last day included (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<jiff::civil::Date>,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The agency's id.
    pub id: String,
    /// Who verified it (default: `maintainer` in the settings).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct CorrectionsArgs {
    /// Close the open report with this number (as the list shows it).
    #[arg(long, value_name = "N")]
    pub resolve: Option<usize>,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Also list agencies that fall due within this time: 30d, 2w, 3m (days, weeks, months).
    #[arg(long, default_value = "30d", value_name = "TIME")]
    pub within: crate::maintain::due::Within,
    /// Write a printable PDF call sheet to this file.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Read an Open Referral HSDS 3.0 tabular data package into a v1 TOML file.
    Hsds {
        /// The package folder (with datapackage.json or the CSV files).
        dir: PathBuf,
        /// The TOML file to write (an existing file is kept unless --force).
        #[arg(long, short)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read a spreadsheet (.xlsx, .ods, .xls or .csv) — refdesk's own workbook or an office's
    /// list of agencies — into a v1 TOML file.
    Sheet {
        /// The spreadsheet file.
        file: PathBuf,
        /// The TOML file to write (an existing file is kept unless --force).
        #[arg(long, short)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Write the directory as an Open Referral HSDS 3.0 tabular data package.
    Hsds {
        /// The folder to write.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Write the directory as a workbook (.xlsx): a sheet of agencies and one of services.
    Sheet {
        /// The .xlsx file to write.
        #[arg(long, short)]
        output: PathBuf,
    },
}

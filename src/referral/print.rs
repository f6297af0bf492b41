//! Sending a slip to the printer, and never losing it when that fails.
//!
//! Destinations, in order of precedence: a printer named on the command line; a device from
//! the settings (raw ESC/POS to a thermal printer); a command from the settings, run as an
//! argument list (never through a shell); a printer named in the settings; the system's default
//! printer. On Linux a printer is a CUPS queue (`lp`, `lpstat -d`), on Windows a spooler queue
//! (the Windows API, [`super::winprint`]: ESC/POS as a RAW job, anything else drawn with GDI),
//! and a device on Windows is the receipt printer's spooler queue name. The slip goes to `lp`,
//! the spooler and commands on standard input, so the program itself never writes it to disk
//! (a command that asks for `{file}` gets a private temporary file, removed once it finished).
//! The print job's title never contains the visitor's name (CUPS and the Windows spooler keep
//! job titles in their history).
//!
//! When printing fails, [`print_printable`] saves the slip — rebuilt without the visitor's name — to
//! a file and says where, so that the referral is never lost and nothing about the visitor is
//! stored.

use super::Card;
use super::pdf::Laid;
use super::slip::{self, Output, Paper, Printer, SlipContext, SlipError, SlipFormat};
use crate::i18n::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where a slip is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A printer: a CUPS queue (`lp -d NAME`) on Linux, a spooler queue on Windows.
    Queue(String),
    /// A program and its arguments; `{file}` stands for a temporary file with the slip.
    Command(Vec<String>),
    /// A device file that takes raw bytes (a thermal printer on USB or a serial port); on
    /// Windows the receipt printer's spooler queue, which gets them as a RAW job.
    Device(PathBuf),
}

impl Destination {
    /// The format a destination gets unless the settings say otherwise: ESC/POS for a raw
    /// device, PDF for everything else (CUPS renders it on any printer).
    pub fn default_format(&self) -> SlipFormat {
        match self {
            Destination::Device(_) => SlipFormat::Escpos,
            _ => SlipFormat::Pdf,
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Destination::Queue(p) => format!("{} «{p}»", lang.pick("принтер", "printer")),
            Destination::Command(c) => {
                format!("{} «{}»", lang.pick("команда", "command"), c.join(" "))
            }
            Destination::Device(d) => {
                format!("{} {}", lang.pick("пристрій", "device"), d.display())
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("no default printer is set")]
    NoDefaultPrinter,
    #[error("the CUPS client ({0}) is not installed")]
    CupsMissing(&'static str),
    #[error("the printer command is empty")]
    EmptyCommand,
    #[error("could not start {program}: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} failed (exit code {}): {stderr}", code.map_or("?".to_string(), |c| c.to_string()))]
    Failed {
        program: String,
        /// `None` when killed by a signal.
        code: Option<i32>,
        stderr: String,
    },
    #[error("could not write to {path}: {source}")]
    Device {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not create a temporary file for the printer command: {0}")]
    TempFile(std::io::Error),
    #[error("could not produce the slip: {0}")]
    Render(#[from] SlipError),
    /// A Windows API call failed (`printer` empty when listing printers).
    #[error("Windows could not print on «{printer}» ({call}): {source}")]
    Windows {
        printer: String,
        call: &'static str,
        source: std::io::Error,
    },
}

/// Windows' code for a printer name it does not know.
const ERROR_INVALID_PRINTER_NAME: i32 = 1801;

impl PrintError {
    /// What the frontliner reads: what went wrong and what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PrintError::NoDefaultPrinter, Lang::Uk) if cfg!(windows) => "принтер не вибрано: у Windows не призначено типового принтера — вкажіть його (--printer НАЗВА або [printer] name у refdesk.toml; назви показує refdesk print --list-printers) чи призначте типовий у «Параметри → Принтери та сканери»".into(),
            (PrintError::NoDefaultPrinter, Lang::En) if cfg!(windows) => "no printer chosen: Windows has no default printer — name one (--printer NAME or [printer] name in refdesk.toml; refdesk print --list-printers shows the names) or set a default in Settings → Printers & scanners".into(),
            (PrintError::NoDefaultPrinter, Lang::Uk) => "принтер не вибрано: у CUPS немає типового принтера — вкажіть його (--printer НАЗВА або [printer] name у refdesk.toml) чи призначте: lpoptions -d НАЗВА".into(),
            (PrintError::NoDefaultPrinter, Lang::En) => "no printer chosen: CUPS has no default printer — name one (--printer NAME or [printer] name in refdesk.toml) or set one: lpoptions -d NAME".into(),
            (PrintError::Windows { printer, source, .. }, Lang::Uk) if source.raw_os_error() == Some(ERROR_INVALID_PRINTER_NAME) => format!("у Windows немає принтера «{printer}»: назви показує refdesk print --list-printers"),
            (PrintError::Windows { printer, source, .. }, Lang::En) if source.raw_os_error() == Some(ERROR_INVALID_PRINTER_NAME) => format!("Windows has no printer «{printer}»: refdesk print --list-printers shows the names"),
            (PrintError::Windows { printer, call, source }, Lang::Uk) if printer.is_empty() => format!("Windows не дав списку принтерів ({call}): {}", crate::i18n::io_error(source, Lang::Uk)),
            (PrintError::Windows { printer, call, source }, Lang::Uk) => format!("Windows не прийняв друку на «{printer}» ({call}): {}", crate::i18n::io_error(source, Lang::Uk)),
            (PrintError::CupsMissing(p), Lang::Uk) => format!("не знайдено програми {p} (клієнт CUPS): встановіть cups-client або налаштуйте [printer] command чи device у refdesk.toml"),
            (PrintError::CupsMissing(p), Lang::En) => format!("{p} (the CUPS client) was not found: install cups-client or set [printer] command or device in refdesk.toml"),
            (PrintError::EmptyCommand, Lang::Uk) => "[printer] command у refdesk.toml порожній".into(),
            (PrintError::EmptyCommand, Lang::En) => "[printer] command in refdesk.toml is empty".into(),
            (PrintError::Spawn { program, source }, Lang::Uk) => format!("не вдалося запустити {program}: {}", crate::i18n::io_error(source, Lang::Uk)),
            (PrintError::Failed { program, code, stderr }, Lang::Uk) => format!("{program} завершився з помилкою (код {}): {stderr}", code.map_or("?".to_string(), |c| c.to_string())),
            (PrintError::Device { path, source }, Lang::Uk) => format!("не вдалося записати на {}: {}", path.display(), crate::i18n::io_error(source, Lang::Uk)),
            (PrintError::TempFile(e), Lang::Uk) => format!("не вдалося створити тимчасовий файл для команди друку: {}", crate::i18n::io_error(e, Lang::Uk)),
            (PrintError::Render(e), Lang::Uk) => format!("не вдалося підготувати направлення: {e}"),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// Chooses the destination; `printer` is a CUPS queue named on the command line.
pub fn resolve(cfg: &Printer, printer: Option<&str>) -> Result<Destination, PrintError> {
    if let Some(p) = printer {
        return Ok(Destination::Queue(p.to_string()));
    }
    if let Some(d) = &cfg.device {
        return Ok(Destination::Device(d.clone()));
    }
    if let Some(c) = &cfg.command {
        if c.is_empty() || c[0].trim().is_empty() {
            return Err(PrintError::EmptyCommand);
        }
        return Ok(Destination::Command(c.clone()));
    }
    if let Some(n) = cfg.name.as_deref().filter(|n| !n.trim().is_empty()) {
        return Ok(Destination::Queue(n.to_string()));
    }
    default_printer().map(Destination::Queue)
}

/// The system's default printer: the Windows default, or the CUPS default from `lpstat -d`.
pub fn default_printer() -> Result<String, PrintError> {
    #[cfg(windows)]
    return super::winprint::default_printer();
    #[cfg(not(windows))]
    default_cups_printer()
}

/// The printers the system has, by name: the Windows printers, or CUPS' (`lpstat -e`).
pub fn list_printers() -> Result<Vec<String>, PrintError> {
    #[cfg(windows)]
    return super::winprint::printers();
    #[cfg(not(windows))]
    {
        let out = lpstat(&["-e"])?;
        Ok(out
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }
}

/// Runs `lpstat ARGS` in the C locale (its output is parsed) and returns what it printed.
#[cfg(not(windows))]
fn lpstat(args: &[&str]) -> Result<String, PrintError> {
    let out = Command::new("lpstat")
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PrintError::CupsMissing("lpstat"),
            _ => PrintError::Spawn {
                program: "lpstat".into(),
                source: e,
            },
        })?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The CUPS default destination from `lpstat -d`.
#[cfg(not(windows))]
fn default_cups_printer() -> Result<String, PrintError> {
    parse_lpstat_default(&lpstat(&["-d"])?).ok_or(PrintError::NoDefaultPrinter)
}

/// «system default destination: NAME» → NAME; «no system default destination» → None.
#[cfg_attr(windows, allow(dead_code))]
fn parse_lpstat_default(out: &str) -> Option<String> {
    out.lines().find_map(|l| {
        l.trim()
            .strip_prefix("system default destination:")
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
    })
}

/// Sends the slip's bytes in `output`'s format to a destination. ESC/POS bytes reach CUPS
/// untouched (`-o raw`); a Windows queue takes every byte as a RAW job (an office printer on
/// Windows gets the drawn slip instead, from [`print_printable`]).
pub fn send(dest: &Destination, bytes: &[u8], output: &Output) -> Result<(), PrintError> {
    match dest {
        #[cfg(windows)]
        Destination::Device(path) => super::winprint::raw_job(&path.to_string_lossy(), bytes),
        #[cfg(windows)]
        Destination::Queue(name) => super::winprint::raw_job(name, bytes),
        #[cfg(not(windows))]
        Destination::Device(path) => {
            // A device node exists; never create a regular file by mistake.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|source| PrintError::Device {
                    path: path.clone(),
                    source,
                })?;
            f.write_all(bytes)
                .and_then(|_| f.flush())
                .map_err(|source| PrintError::Device {
                    path: path.clone(),
                    source,
                })
        }
        #[cfg(not(windows))]
        Destination::Queue(name) => {
            let mut args = vec![
                "-d".to_string(),
                name.clone(),
                "-t".to_string(),
                "Направлення".to_string(),
            ];
            if output.format == SlipFormat::Escpos {
                args.extend(["-o".to_string(), "raw".to_string()]);
            }
            run("lp", &args, Some(bytes)).map_err(|e| match e {
                PrintError::Spawn { source, .. }
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    PrintError::CupsMissing("lp")
                }
                e => e,
            })
        }
        Destination::Command(argv) => {
            let (program, args) = argv.split_first().ok_or(PrintError::EmptyCommand)?;
            if args.iter().any(|a| a.contains("{file}")) {
                // The command wants a file: a private temporary one with the format's extension
                // (programs, Windows' above all, go by it), deleted once the command finished.
                let suffix = format!(".{}", output.extension());
                let mut tmp = tempfile::Builder::new()
                    .prefix("refdesk-slip-")
                    .suffix(&suffix)
                    .tempfile()
                    .map_err(PrintError::TempFile)?;
                tmp.write_all(bytes)
                    .and_then(|_| tmp.flush())
                    .map_err(PrintError::TempFile)?;
                let path = tmp.path().display().to_string();
                let args: Vec<String> = args.iter().map(|a| a.replace("{file}", &path)).collect();
                run(program, &args, None)
            } else {
                run(program, args, Some(bytes))
            }
        }
    }
}

/// Runs a program directly (no shell), feeding `stdin` if given; a non-zero exit is an error
/// carrying the program's own message.
fn run(program: &str, args: &[String], stdin: Option<&[u8]>) -> Result<(), PrintError> {
    let spawn_err = |source| PrintError::Spawn {
        program: program.to_string(),
        source,
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn_err)?;
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A program that exits without reading everything closes the pipe; its exit status
        // below says whether that was a failure.
        let _ = pipe.write_all(bytes);
    }
    let out = child.wait_with_output().map_err(spawn_err)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(PrintError::Failed {
            program: program.to_string(),
            code: out.status.code(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

/// What happened to a slip sent to the printer.
#[derive(Debug)]
pub enum PrintReport {
    Printed {
        destination: Destination,
    },
    /// Printing failed; the slip (without the visitor's name) was saved to `path`.
    Saved {
        error: PrintError,
        path: PathBuf,
        /// The visitor's name was on the slip and left out of the saved copy.
        name_omitted: bool,
    },
    /// Printing failed and so did saving the slip.
    Lost {
        error: PrintError,
        save_error: std::io::Error,
    },
}

impl PrintReport {
    pub fn printed(&self) -> bool {
        matches!(self, PrintReport::Printed { .. })
    }

    /// One or two lines for the frontliner.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrintReport::Printed { destination } => format!(
                "{} {}",
                // «Надіслано: команда «…»» — the colon keeps every destination in the
                // nominative («на команду» would need its own case).
                lang.pick("Направлення надіслано:", "Slip sent to"),
                destination.describe(lang)
            ),
            PrintReport::Saved {
                error,
                path,
                name_omitted,
            } => {
                let mut s = format!(
                    "{}: {}\n{}: {}",
                    lang.pick("Не вдалося надрукувати", "Printing failed"),
                    error.message(lang),
                    lang.pick("Направлення збережено у файл", "The slip was saved to"),
                    path.display()
                );
                if *name_omitted {
                    s.push_str(lang.pick(
                        " (без імені відвідувача — ім'я не зберігається)",
                        " (without the visitor's name, which is never stored)",
                    ));
                }
                s
            }
            PrintReport::Lost { error, save_error } => format!(
                "{}: {}\n{}: {}",
                lang.pick("Не вдалося надрукувати", "Printing failed"),
                error.message(lang),
                lang.pick(
                    "Не вдалося й зберегти направлення у файл",
                    "Saving the slip to a file failed too"
                ),
                crate::i18n::io_error(save_error, lang)
            ),
        }
    }
}

/// What to print: overrides from the command line or the print preview.
#[derive(Debug, Clone, Default)]
pub struct PrintRequest {
    pub format: Option<SlipFormat>,
    pub paper: Option<slip::Paper>,
    /// A CUPS queue, overriding the settings.
    pub printer: Option<String>,
}

/// A slip the printer can be given, made on demand — with the visitor's name for the printer,
/// and again without it for the copy saved when printing fails: as bytes in any format, and
/// laid out for drawing where it can be (a Windows office printer, through GDI).
pub trait Printable {
    fn render(&self, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError>;
    /// `None` when only bytes can be made: a Windows office printer then gets the PDF's bytes
    /// as they are, which only printers that understand PDF print.
    fn lay_out(&self, _ctx: &SlipContext, _paper: Paper) -> Option<Result<Laid, SlipError>> {
        None
    }
}

impl Printable for Card<'_> {
    fn render(&self, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError> {
        slip::render(self, ctx, out)
    }

    fn lay_out(&self, ctx: &SlipContext, paper: Paper) -> Option<Result<Laid, SlipError>> {
        Some(super::pdf::lay_out(&slip::build(self, ctx), paper).map_err(SlipError::from))
    }
}

/// Prints a slip (one agency's or a plan's); on any failure saves it (without the visitor's name)
/// and reports where; `name` goes into the saved copy's file name. `F2` in the screen and
/// `refdesk print` both come here.
pub fn print_printable(
    what: &dyn Printable,
    name: &str,
    ctx: &SlipContext,
    printer: &Printer,
    req: &PrintRequest,
    now: jiff::civil::DateTime,
) -> PrintReport {
    let dest = resolve(printer, req.printer.as_deref());
    let format = req
        .format
        .or(printer.format)
        .unwrap_or_else(|| match &dest {
            Ok(d) => d.default_format(),
            Err(_) => SlipFormat::Pdf,
        });
    let output = Output::for_printer(printer, format, req.paper);
    let result = dest.and_then(|d| {
        deliver(what, ctx, &output, &d)?;
        Ok(d)
    });
    let error = match result {
        Ok(destination) => return PrintReport::Printed { destination },
        Err(e) => e,
    };
    // The saved copy is for a person to print later: a PDF unless text was asked for.
    let saved_output = Output {
        format: match format {
            SlipFormat::Text => SlipFormat::Text,
            _ => SlipFormat::Pdf,
        },
        ..output
    };
    let anonymous = SlipContext {
        for_name: None,
        ..ctx.clone()
    };
    let saved = what
        .render(&anonymous, &saved_output)
        .map_err(std::io::Error::other)
        .and_then(|bytes| save_unprinted(&bytes, saved_output.extension(), name, now));
    match saved {
        Ok(path) => PrintReport::Saved {
            error,
            path,
            name_omitted: ctx
                .for_name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty()),
        },
        Err(save_error) => PrintReport::Lost { error, save_error },
    }
}

/// Produces the slip for `dest` and sends it. A Windows printer that is not a receipt printer
/// gets the slip drawn with GDI from the PDF's layout rather than bytes it may not understand.
fn deliver(
    what: &dyn Printable,
    ctx: &SlipContext,
    output: &Output,
    dest: &Destination,
) -> Result<(), PrintError> {
    #[cfg(windows)]
    if let Destination::Queue(name) = dest
        && output.format != SlipFormat::Escpos
        && let Some(laid) = what.lay_out(ctx, output.paper)
    {
        return super::winprint::draw_job(name, &laid?);
    }
    let bytes = what.render(ctx, output)?;
    send(dest, &bytes, output)
}

/// The folder for slips that could not be printed: `unprinted` in the platform data
/// directory, else in the temporary directory.
pub fn unprinted_dir() -> PathBuf {
    crate::paths::data_dir()
        .map(|d| d.join("unprinted"))
        .unwrap_or_else(|| std::env::temp_dir().join("refdesk-unprinted"))
}

/// Saves a slip that could not be printed; the file name says which agency and when.
pub fn save_unprinted(
    bytes: &[u8],
    extension: &str,
    agency_id: &str,
    now: jiff::civil::DateTime,
) -> std::io::Result<PathBuf> {
    let name = format!(
        "napravlennia-{agency_id}-{}.{extension}",
        now.strftime("%Y%m%d-%H%M%S")
    );
    let primary = unprinted_dir();
    match write_new(&primary, &name, bytes) {
        Ok(p) => Ok(p),
        Err(_) => write_new(
            &std::env::temp_dir().join("refdesk-unprinted"),
            &name,
            bytes,
        ),
    }
}

/// Writes `bytes` to `dir/name`, or `dir/name-2`, … so that an earlier slip is never
/// overwritten.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..1000 {
        let file = if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(file);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many unprinted slips with the same name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(windows))]
    fn lpstat_default_is_parsed() {
        assert_eq!(
            parse_lpstat_default("system default destination: front-desk\n").as_deref(),
            Some("front-desk")
        );
        assert_eq!(
            parse_lpstat_default("no system default destination\n"),
            None
        );
        assert_eq!(parse_lpstat_default(""), None);
    }

    #[test]
    fn destination_precedence() {
        let mut cfg = Printer {
            name: Some("queue".into()),
            command: Some(vec!["cat".into()]),
            device: Some("/dev/usb/lp0".into()),
            ..Printer::default()
        };
        assert_eq!(
            resolve(&cfg, Some("cli")).ok(),
            Some(Destination::Queue("cli".into()))
        );
        assert_eq!(
            resolve(&cfg, None).ok(),
            Some(Destination::Device("/dev/usb/lp0".into()))
        );
        cfg.device = None;
        assert_eq!(
            resolve(&cfg, None).ok(),
            Some(Destination::Command(vec!["cat".into()]))
        );
        cfg.command = None;
        assert_eq!(
            resolve(&cfg, None).ok(),
            Some(Destination::Queue("queue".into()))
        );
        cfg.command = Some(vec![]);
        assert!(matches!(resolve(&cfg, None), Err(PrintError::EmptyCommand)));
    }

    // Printer commands are tested with a Rust stand-in in tests/print_command.rs.

    #[cfg(not(windows))]
    fn escpos() -> Output {
        Output::for_printer(&Printer::default(), SlipFormat::Escpos, None)
    }

    #[test]
    #[cfg(not(windows))]
    fn device_must_exist() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("lp0");
        assert!(matches!(
            send(&Destination::Device(missing.clone()), b"x", &escpos()),
            Err(PrintError::Device { .. })
        ));
        assert!(
            !missing.exists(),
            "no regular file created in place of a device"
        );
        std::fs::write(&missing, b"").expect("create");
        send(&Destination::Device(missing.clone()), b"\x1b@", &escpos()).expect("write");
        assert_eq!(std::fs::read(&missing).expect("read"), b"\x1b@");
    }

    #[test]
    fn unprinted_slips_never_overwrite_each_other() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = write_new(dir.path(), "n-x.pdf", b"1").expect("first");
        let b = write_new(dir.path(), "n-x.pdf", b"2").expect("second");
        assert_ne!(a, b);
        assert_eq!(std::fs::read(&a).expect("a"), b"1");
        assert_eq!(b.file_name().and_then(|n| n.to_str()), Some("n-x-2.pdf"));
    }
}

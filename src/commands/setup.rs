//! `refdesk setup`: asks for the office's name, address and phone, the home town and the
//! printer (from the system's list), one answer a line on standard input, writes the settings
//! file and says where. An empty answer keeps what the settings have (or the system default
//! printer). Works from a script as well: `refdesk setup < answers.txt`.

use crate::config::Config;
use crate::i18n::Lang;
use crate::setup::{DeskSetup, write_settings};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

pub fn run(
    config_path: Option<&Path>,
    lang: Lang,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let Some(path) = config_path
        .map(Path::to_path_buf)
        .or_else(Config::default_path)
    else {
        writeln!(
            err,
            "refdesk: {}",
            lang.pick(
                "не вдалося визначити теку налаштувань; вкажіть файл: --config ФАЙЛ",
                "no settings folder could be found; name a file: --config FILE"
            )
        )?;
        return Ok(super::USAGE);
    };
    let current = read_current(&path);
    writeln!(
        out,
        "{} {}",
        lang.pick("Налаштування бюро. Файл:", "Setting up the desk. File:"),
        path.display()
    )?;
    writeln!(
        out,
        "{}",
        lang.pick(
            "Порожня відповідь залишає те, що в дужках.",
            "An empty answer keeps what is in brackets."
        )
    )?;
    let o = &current.office;
    let mut answers = DeskSetup {
        office_name: ask(
            input,
            out,
            lang.pick("Назва бюро", "Office name"),
            o.name.as_deref(),
        )?,
        office_address: ask(
            input,
            out,
            lang.pick("Адреса бюро", "Office address"),
            o.address.as_deref(),
        )?,
        office_phone: ask(
            input,
            out,
            lang.pick("Телефон бюро", "Office phone"),
            o.phone.as_deref(),
        )?,
        home_locality: ask(
            input,
            out,
            lang.pick("Свій населений пункт", "Home town"),
            current.home_locality.as_deref(),
        )?,
        ..DeskSetup::default()
    };
    answers.printer = ask_printer(input, out, lang, current.printer.name.as_deref())?;
    write_settings(&path, &answers).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    writeln!(
        out,
        "{} {}",
        lang.pick("Налаштування записано у файл", "Settings written to"),
        path.display()
    )?;
    Ok(0)
}

/// The settings as they are, or the defaults when there is no file or it cannot be read.
fn read_current(path: &PathBuf) -> Config {
    std::fs::read_to_string(path)
        .map(|t| Config::parse_lenient(&path.display().to_string(), &t).0)
        .unwrap_or_default()
}

/// Asks one question; `None` for an empty answer or the end of the input.
fn ask(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    question: &str,
    current: Option<&str>,
) -> std::io::Result<Option<String>> {
    match current.filter(|c| !c.is_empty()) {
        Some(c) => write!(out, "{question} [{c}]: ")?,
        None => write!(out, "{question}: ")?,
    }
    out.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let answer = line.trim();
    Ok((!answer.is_empty()).then(|| answer.to_string()))
}

/// Lists the system's printers and asks for one, by number or by name.
fn ask_printer(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    lang: Lang,
    current: Option<&str>,
) -> std::io::Result<Option<String>> {
    let printers = crate::referral::print::list_printers().unwrap_or_default();
    if printers.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick(
                "Система не показала жодного принтера; можна ввести назву.",
                "The system listed no printers; a name can be typed."
            )
        )?;
    } else {
        writeln!(
            out,
            "{}",
            lang.pick("Принтери системи:", "The system's printers:")
        )?;
        for (i, p) in printers.iter().enumerate() {
            writeln!(out, "  {}. {p}", i + 1)?;
        }
    }
    let fallback = lang.pick("типовий принтер системи", "the system default");
    let answer = ask(
        input,
        out,
        lang.pick("Принтер (номер або назва)", "Printer (number or name)"),
        Some(current.unwrap_or(fallback)),
    )?;
    Ok(answer.map(|a| match a.parse::<usize>() {
        Ok(n) if (1..=printers.len()).contains(&n) => printers[n - 1].clone(),
        _ => a,
    }))
}

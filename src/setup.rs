//! Setting up the desk: the office's name, address and phone, the home town and the printer,
//! written into the settings file. `refdesk setup` asks on the command line; the first-start
//! dialog of the screen (a later wave) asks when [`needs_setup`], starts from
//! [`DeskSetup::from_config`], offers the system's printers
//! ([`crate::referral::print::list_printers`]: CUPS on Linux, the spooler on Windows) and calls
//! the same [`settings_text`] and [`write_settings`].
//!
//! An existing settings file keeps everything else — other keys, comments, order — because it
//! is edited in place (toml_edit), not rewritten.

use crate::config::Config;
use std::path::Path;

/// The answers: each `None` (or empty) leaves that setting as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskSetup {
    pub office_name: Option<String>,
    pub office_address: Option<String>,
    pub office_phone: Option<String>,
    pub home_locality: Option<String>,
    /// A printer by its system name (CUPS queue or Windows printer).
    pub printer: Option<String>,
}

impl DeskSetup {
    /// What the settings say now: the first-start dialog starts from it.
    pub fn from_config(config: &Config) -> DeskSetup {
        DeskSetup {
            office_name: config.office.name.clone(),
            office_address: config.office.address.clone(),
            office_phone: config.office.phone.clone(),
            home_locality: config.home_locality.clone(),
            printer: config.printer.name.clone(),
        }
    }
}

/// Whether the screen asks for the office on start: real data (`data` is the `--data` path;
/// `None` is the built-in demo, which keeps working without questions) and no office named in
/// the settings.
pub fn needs_setup(config: &Config, data: Option<&Path>) -> bool {
    data.is_some()
        && config
            .office
            .name
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
}

/// The settings file could not be read as TOML, so it is not touched.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NotToml(String);

/// The settings text with the answers set, from the current text (`""` for a new file). Pure:
/// the screen's first-start dialog and `refdesk setup` both come here.
pub fn settings_text(current: &str, answers: &DeskSetup) -> Result<String, NotToml> {
    let mut doc: toml_edit::DocumentMut = current
        .parse()
        .map_err(|e: toml_edit::TomlError| NotToml(e.to_string()))?;
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(v) = clean(&answers.home_locality) {
        doc["home_locality"] = toml_edit::value(v);
    }
    for (table, key, v) in [
        ("office", "name", &answers.office_name),
        ("office", "address", &answers.office_address),
        ("office", "phone", &answers.office_phone),
        ("printer", "name", &answers.printer),
    ] {
        if let Some(v) = clean(v) {
            if !doc.contains_table(table) {
                doc[table] = toml_edit::table();
            }
            doc[table][key] = toml_edit::value(v);
        }
    }
    let mut text = doc.to_string();
    // A text file ends with a newline (toml_edit leaves a new table's last line open).
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Writes the answers into the settings file at `path` (created with its folder when missing),
/// replacing it atomically so a crash never leaves half a file.
pub fn write_settings(path: &Path, answers: &DeskSetup) -> anyhow::Result<()> {
    let current = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(anyhow::Error::new(e).context(path.display().to_string())),
    };
    let text =
        settings_text(&current, answers).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers() -> DeskSetup {
        DeskSetup {
            office_name: Some("Бюро правничої допомоги у м. Коростень".into()),
            office_address: Some("вул. Грушевського, 5, Коростень".into()),
            office_phone: Some("0 800 213 103".into()),
            home_locality: Some("Коростень".into()),
            printer: Some("Front Desk".into()),
        }
    }

    #[test]
    fn a_new_file_holds_every_answer_and_reads_back_as_settings() {
        let text = settings_text("", &answers()).expect("text");
        assert!(text.ends_with('\n'), "{text:?}");
        let c = Config::parse("refdesk.toml", &text).expect("valid settings");
        assert_eq!(c.office.name, answers().office_name);
        assert_eq!(c.office.address, answers().office_address);
        assert_eq!(c.office.phone, answers().office_phone);
        assert_eq!(c.home_locality.as_deref(), Some("Коростень"));
        assert_eq!(c.printer.name.as_deref(), Some("Front Desk"));
    }

    #[test]
    fn an_existing_file_keeps_its_comments_and_other_settings() {
        let current = "# бюро\nlang = \"en\"\n[printer]\nformat = \"escpos\" # чек\n";
        let text = settings_text(current, &answers()).expect("text");
        assert!(text.contains("# бюро") && text.contains("# чек"), "{text}");
        let c = Config::parse("refdesk.toml", &text).expect("valid");
        assert_eq!(c.lang, Some(crate::i18n::Lang::En));
        assert_eq!(
            c.printer.format,
            Some(crate::referral::slip::SlipFormat::Escpos)
        );
        assert_eq!(c.printer.name.as_deref(), Some("Front Desk"));
    }

    #[test]
    fn empty_answers_leave_settings_as_they_were() {
        let current = "[office]\nname = \"Старе бюро\"\n";
        let blank = DeskSetup {
            office_name: Some("  ".into()),
            ..DeskSetup::default()
        };
        assert_eq!(settings_text(current, &blank).expect("text"), current);
    }

    #[test]
    fn a_file_that_is_not_toml_is_not_touched() {
        assert!(settings_text("[office\nname = 1", &answers()).is_err());
    }

    #[test]
    fn only_real_data_without_an_office_asks_for_one() {
        let data = Path::new("agencies");
        let mut c = Config::default();
        assert!(needs_setup(&c, Some(data)));
        assert!(!needs_setup(&c, None), "the demo asks nothing");
        c.office.name = Some("  ".into());
        assert!(needs_setup(&c, Some(data)), "a blank name is no office");
        c.office.name = Some("Бюро правничої допомоги у м. Коростень".into());
        assert!(!needs_setup(&c, Some(data)));
    }

    #[test]
    fn the_dialog_starts_from_the_settings_and_writes_them_back_unchanged() {
        let text = settings_text("", &answers()).expect("text");
        let c = Config::parse("refdesk.toml", &text).expect("valid");
        assert_eq!(DeskSetup::from_config(&c), answers());
        assert_eq!(
            settings_text(&text, &DeskSetup::from_config(&c)).expect("again"),
            text
        );
    }
}

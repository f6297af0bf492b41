//! Setting up the desk: the office's name, address and phone, the home town and the printer,
//! written into the settings file. `refdesk setup` asks on the command line; the screen's
//! first-start dialog (`tui::state::setup`) asks when [`needs_setup`], starts from
//! [`DeskSetup::from_config`], offers the system's printers
//! ([`crate::referral::print::list_printers`]: CUPS on Linux, the spooler on Windows) and calls
//! the same [`write_settings`]. The maintainer's name the screen asks for before «перевірено
//! сьогодні» is written here too: this module is the one writer of the settings file.
//!
//! An existing settings file keeps everything else — other keys, comments, order, the comment
//! after a value that changes — because it is edited in place (toml_edit), not rewritten.

use crate::config::Config;
use crate::i18n::Lang;
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
    /// Who verifies entries at this desk (`maintainer`), asked once by the screen.
    pub maintainer: Option<String>,
}

/// An answer with its spaces trimmed; `None` when nothing is left.
fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
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
            maintainer: config.maintainer.clone(),
        }
    }

    /// The answers applied to settings already read, as [`settings_text`] writes them into the
    /// file: the running screen uses them at once.
    pub fn apply(&self, config: &mut Config) {
        for (slot, v) in [
            (&mut config.office.name, &self.office_name),
            (&mut config.office.address, &self.office_address),
            (&mut config.office.phone, &self.office_phone),
            (&mut config.home_locality, &self.home_locality),
            (&mut config.printer.name, &self.printer),
            (&mut config.maintainer, &self.maintainer),
        ] {
            if let Some(v) = clean(v) {
                *slot = Some(v);
            }
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

/// The settings file could not be read as TOML, so it is not touched: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct NotToml {
    pub line: usize,
    pub column: usize,
    /// The TOML parser's own (English) words.
    pub message: String,
}

/// Why the settings file was not written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{file}:{not_toml}")]
    NotToml { file: String, not_toml: NotToml },
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

impl SettingsError {
    /// What went wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SettingsError::NotToml { file, not_toml: e } => format!(
                "{}:{}:{}: {} — {}",
                crate::sanitize::line(file),
                e.line,
                e.column,
                crate::directory::parser_message(&e.message, lang),
                lang.pick(
                    "файл налаштувань не змінено: спершу виправте цей рядок",
                    "the settings file was left as it is: fix this line first"
                )
            ),
            SettingsError::Io { file, source } => format!(
                "{}: {}",
                crate::sanitize::line(file),
                crate::i18n::io_error(source, lang)
            ),
        }
    }
}

/// Sets `key` (in the table `table`, else at the top) to `v`. An old value keeps the comment
/// after it; a table written inline (`office = { … }`) stays inline.
fn set(doc: &mut toml_edit::DocumentMut, table: Option<&str>, key: &str, v: &str) {
    let t: &mut dyn toml_edit::TableLike = match table {
        None => doc.as_table_mut(),
        Some(name) => {
            // `office = 5` is not settings anyone could keep: a table takes its place.
            if !doc.get(name).is_some_and(toml_edit::Item::is_table_like) {
                doc.insert(name, toml_edit::table());
            }
            match doc
                .get_mut(name)
                .and_then(toml_edit::Item::as_table_like_mut)
            {
                Some(t) => t,
                None => return,
            }
        }
    };
    match t.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = v.into();
            *old.decor_mut() = decor;
        }
        None => {
            t.insert(key, toml_edit::value(v));
        }
    }
}

/// The settings text with the answers set, from the current text (`""` for a new file). Pure:
/// the screen's dialogs and `refdesk setup` all come here.
pub fn settings_text(current: &str, answers: &DeskSetup) -> Result<String, NotToml> {
    let mut doc: toml_edit::DocumentMut = current.parse().map_err(|e: toml_edit::TomlError| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, column) = crate::directory::LineIndex::new(current).line_col(current, at);
        NotToml {
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    for (table, key, v) in [
        (None, "home_locality", &answers.home_locality),
        (None, "maintainer", &answers.maintainer),
        (Some("office"), "name", &answers.office_name),
        (Some("office"), "address", &answers.office_address),
        (Some("office"), "phone", &answers.office_phone),
        (Some("printer"), "name", &answers.printer),
    ] {
        if let Some(v) = clean(v) {
            set(&mut doc, table, key, &v);
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
/// replacing it through a temporary file beside it, so a crash never leaves half a file.
pub fn write_settings(path: &Path, answers: &DeskSetup) -> Result<(), SettingsError> {
    let file = path.display().to_string();
    let io = |source: std::io::Error| SettingsError::Io {
        file: file.clone(),
        source,
    };
    let current = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e)),
    };
    let text = settings_text(&current, answers).map_err(|not_toml| SettingsError::NotToml {
        file: file.clone(),
        not_toml,
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".refdesk-settings-")
        .tempfile_in(dir)
        .map_err(io)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
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
            maintainer: None,
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
    fn a_file_that_is_not_toml_is_not_touched_and_the_line_is_named() {
        let e = settings_text("lang = \"uk\"\n[office\nname = 1", &answers()).unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("refdesk.toml");
        std::fs::write(&path, "lang = \"uk\"\n[office\nname = 1").expect("write");
        let err = write_settings(&path, &answers()).unwrap_err();
        let uk = err.message(Lang::Uk);
        assert!(
            uk.contains("refdesk.toml:2:") && uk.contains("не змінено"),
            "{uk}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "lang = \"uk\"\n[office\nname = 1"
        );
    }

    #[test]
    fn a_changed_value_keeps_its_comment_and_an_inline_table_stays_inline() {
        let current = "home_locality = \"Житомир\"  # місто\noffice = { name = \"Старе\", address = \"вул. Київська, 1\" }\n";
        let new = DeskSetup {
            office_name: Some("Нове бюро".into()),
            home_locality: Some("Коростень".into()),
            ..DeskSetup::default()
        };
        let text = settings_text(current, &new).expect("text");
        assert_eq!(
            text,
            "home_locality = \"Коростень\"  # місто\noffice = { name = \"Нове бюро\", address = \"вул. Київська, 1\" }\n"
        );
    }

    #[test]
    fn the_maintainer_is_written_and_the_rest_of_the_file_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("sub").join("refdesk.toml");
        let by = |name: &str| DeskSetup {
            maintainer: Some(name.into()),
            ..DeskSetup::default()
        };
        write_settings(&path, &by(" Петренко О. ")).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "maintainer = \"Петренко О.\"\n"
        );
        let text = "# бюро\nhome_locality = \"Житомир\"  # місто\n\n[office]\nname = \"Бюро\"\n";
        std::fs::write(&path, text).unwrap();
        write_settings(&path, &by("Іваненко М.")).unwrap();
        let out = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            out,
            "# бюро\nhome_locality = \"Житомир\"  # місто\nmaintainer = \"Іваненко М.\"\n\n[office]\nname = \"Бюро\"\n"
        );
        let (c, e) = Config::parse_lenient("x", &out);
        assert!(e.is_none());
        assert_eq!(c.maintainer.as_deref(), Some("Іваненко М."));
        // Only the settings file is left in the folder: the temporary file became it.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["refdesk.toml"]);
    }

    #[test]
    fn the_answers_apply_to_the_running_settings_as_they_are_written() {
        let mut c = Config::default();
        c.office.address = Some("вул. Стара, 1".into());
        c.lang = Some(Lang::En);
        let blank_address = DeskSetup {
            office_address: Some(" ".into()),
            ..answers()
        };
        blank_address.apply(&mut c);
        let written = Config::parse(
            "refdesk.toml",
            &settings_text(
                "lang = \"en\"\n[office]\naddress = \"вул. Стара, 1\"\n",
                &blank_address,
            )
            .expect("text"),
        )
        .expect("valid");
        assert_eq!(c, written);
        assert_eq!(c.office.address.as_deref(), Some("вул. Стара, 1"));
        assert_eq!(c.office.name, answers().office_name);
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

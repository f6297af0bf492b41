//! The command line in the user's language: `--help`, every subcommand's help, `refdesk man`,
//! shell completions and clap's own usage errors.
//!
//! The clap definitions in [`crate::cli`] carry the English texts; the Ukrainian ones live here
//! in tables keyed by the command path and the argument's id, applied to the built command
//! before clap renders anything. The language has to be known before parsing, so
//! [`prescan_lang`] reads it from the arguments, `REFDESK_LANG` and the settings file. A test
//! walks the whole command tree so that no argument is left without its Ukrainian text.

use crate::cli::Cli;
use crate::i18n::Lang;
use clap::CommandFactory;
use std::ffi::OsString;
use std::path::PathBuf;

/// The interface language before clap has parsed anything: `--lang X` / `--lang=X` (the last
/// one wins, as clap does), else `REFDESK_LANG`, else `lang` in the settings file (`--config`,
/// `REFDESK_CONFIG` or the default), else Ukrainian. An unknown value is left for clap to
/// reject, in Ukrainian.
pub fn prescan_lang(args: &[OsString]) -> Lang {
    let parse = |v: &str| match v.trim() {
        "en" => Some(Lang::En),
        "uk" => Some(Lang::Uk),
        _ => None,
    };
    let mut from_args = None;
    let mut config: Option<PathBuf> = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            from_args = it.next().and_then(|v| parse(&v)).or(from_args);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            from_args = parse(v).or(from_args);
        } else if a == "--config" {
            config = it.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = a.strip_prefix("--config=") {
            config = Some(PathBuf::from(v));
        }
    }
    from_args
        .or_else(|| std::env::var("REFDESK_LANG").ok().and_then(|v| parse(&v)))
        .or_else(|| {
            let config = config.or_else(|| std::env::var_os("REFDESK_CONFIG").map(PathBuf::from));
            crate::config::Config::load(config.as_deref()).0.lang
        })
        .unwrap_or_default()
}

/// The clap command in `lang`: the derive's English as it is, or with every text Ukrainian.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Uk => {
            let cmd = cmd
                .about(TOP_ABOUT)
                .long_about(TOP_LONG_ABOUT)
                .after_long_help(TOP_AFTER)
                .after_help(TOP_AFTER_SHORT);
            // Long descriptions before the build: clap decides then whether --help is long.
            let mut cmd = abouts(cmd, "");
            cmd.build();
            localize(cmd, "")
        }
    }
}

/// Prints clap's help, version or usage error — a usage error in `lang` — and gives the exit
/// code (0 for help and version, 2 for a usage error).
pub fn exit_on_usage_error(e: &clap::Error, lang: Lang) -> std::process::ExitCode {
    use clap::error::ErrorKind;
    let code = std::process::ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        // Help is already in `lang`; English errors are clap's own.
        let _ = e.print();
        return code;
    }
    eprintln!("{}", usage_error_uk(e));
    code
}

/// A clap usage error in Ukrainian: what is wrong, a suggestion when clap has one, the usage
/// line and where to read more.
fn usage_error_uk(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("невідомий параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "невідома команда «{}»",
                get(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("після «{arg}» бракує значення"),
        ErrorKind::InvalidValue => format!(
            "неприпустиме значення «{value}» для «{arg}»; можливі: {}",
            get(ContextKind::ValidValue).unwrap_or_default()
        ),
        ErrorKind::ValueValidation => {
            format!("неправильне значення «{value}» для «{arg}»")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("бракує обов'язкового аргументу: {arg}")
        }
        ErrorKind::MissingSubcommand => format!(
            "бракує команди; можливі: {}",
            get(ContextKind::ValidSubcommand).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!(
            "«{arg}» не можна вказувати разом з «{}»",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("неправильна кількість значень для «{arg}»")
        }
        _ => "неправильний командний рядок".to_string(),
    };
    if let Some(s) = get(ContextKind::SuggestedArg).or(get(ContextKind::SuggestedSubcommand)) {
        msg.push_str(&format!("; можливо, «{s}»?"));
    }
    let mut out = format!("refdesk: {msg}");
    if let Some(u) = get(ContextKind::Usage) {
        let u = u.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n\nВикористання: {u}"));
    }
    out.push_str("\n\nДокладніше: refdesk --help");
    out
}

/// The manual page (roff) of `cmd`, its section headings in `lang`.
pub fn man_page(cmd: clap::Command, lang: Lang) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    if lang == Lang::En {
        return Ok(out);
    }
    // clap_mangen writes its section names in English; the page is otherwise ours.
    let text = String::from_utf8_lossy(&out).into_owned();
    let text = text
        .lines()
        .map(
            |l| match MAN_SECTIONS.iter().find(|(en, _)| l == format!(".SH {en}")) {
                Some((_, uk)) => format!(".SH {uk}"),
                None => l.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    Ok(format!("{text}\n").into_bytes())
}

/// clap_mangen's section headings and the ones Ukrainian manual pages use.
const MAN_SECTIONS: &[(&str, &str)] = &[
    ("NAME", "НАЗВА"),
    ("SYNOPSIS", "ОГЛЯД"),
    ("DESCRIPTION", "ОПИС"),
    ("OPTIONS", "ПАРАМЕТРИ"),
    ("SUBCOMMANDS", "КОМАНДИ"),
    // The subcommands' heading, as the help names it.
    ("Команди", "КОМАНДИ"),
    ("EXTRA", "ДОДАТКОВО"),
    ("VERSION", "ВЕРСІЯ"),
    ("AUTHORS", "АВТОРИ"),
];

/// The path of a subcommand: "slip", "import hsds".
fn sub_path(path: &str, name: &str) -> String {
    format!("{path} {name}").trim().to_string()
}

/// The descriptions of every command of the tree, recursively.
fn abouts(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some((about, long)) = command_text(path) {
        cmd = cmd.about(about).long_about(long);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let p = sub_path(path, &name);
        cmd = cmd.mut_subcommand(name.as_str(), |s| abouts(s, &p));
    }
    cmd
}

/// One built command of the tree (`path` is "" for the top, "import hsds" for a nested one)
/// and its subcommands, recursively: arguments, headings, usage, and the about of the `help`
/// subcommands the build added.
fn localize(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some((about, _)) = command_text(path) {
        cmd = cmd.about(about);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Команди")
        .subcommand_value_name("КОМАНДА");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_help(path, &id);
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let heading = if a.is_positional() {
                "Аргументи"
            } else {
                "Параметри"
            };
            let names: Vec<String> = a
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|n| value_name(n.as_str()).to_string())
                .collect();
            let mut a = a
                .help_heading(heading)
                .hide_env(true)
                .hide_default_value(true)
                .hide_possible_values(true);
            if !names.is_empty() {
                a = a.value_names(names);
            }
            match help {
                Some(h) => a.help(h).long_help(None::<&str>),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let p = sub_path(path, &name);
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize(s, &p));
    }
    // The usage line with clap's «[OPTIONS]» in Ukrainian; clap adds no heading of its own to
    // an overridden usage, the template gives it.
    let usage = cmd
        .render_usage()
        .to_string()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[ПАРАМЕТРИ]")
        .replace("<COMMAND>", "<КОМАНДА>")
        .replace("[COMMAND]", "[КОМАНДА]");
    cmd.override_usage(usage)
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nВикористання: {usage}\n\n{all-args}{after-help}";

const TOP_ABOUT: &str =
    "Довідник установ для цільової переадресації відвідувачів бюро правничої допомоги";

const TOP_LONG_ABOUT: &str = "refdesk знаходить установу, яка може розв'язати питання відвідувача, \
і дає повне направлення: адресу, телефони, графік, керівника й фахівця, попередній запис і \
документи — фразою, яку можна прочитати вголос, і направленням для друку. Без команди відкриває \
інтерактивний екран. Без --data працює з вбудованим демонстраційним довідником (вигадані дані).";

const TOP_AFTER_SHORT: &str =
    "Докладніше: refdesk --help; сторінки посібника: refdesk man КОМАНДА.";

/// Where the files live, per platform (see [`crate::paths`]).
#[cfg(not(windows))]
macro_rules! files_uk {
    () => {
        "Файли (Linux):
  ~/.config/refdesk/refdesk.toml           налаштування: бюро, принтер, свій населений пункт, мова
  ~/.local/share/refdesk/referrals.log     анонімний журнал направлень (ніколи не запит і не ім'я)
  ~/.local/share/refdesk/unprinted/        направлення, збережені, коли друк не вдався (без імені)
  ~/.cache/refdesk/                        кеш прочитаного довідника; його можна видалити
"
    };
}
#[cfg(windows)]
macro_rules! files_uk {
    () => {
        "Файли (Windows):
  %APPDATA%\\refdesk\\refdesk\\config\\refdesk.toml      налаштування: бюро, принтер, свій населений пункт, мова
  %APPDATA%\\refdesk\\refdesk\\data\\referrals.log       анонімний журнал направлень (ніколи не запит і не ім'я)
  %APPDATA%\\refdesk\\refdesk\\data\\unprinted\\          направлення, збережені, коли друк не вдався (без імені)
  %LOCALAPPDATA%\\refdesk\\refdesk\\cache\\              кеш прочитаного довідника; його можна видалити
"
    };
}

const TOP_AFTER: &str = concat!(
    "Змінні середовища:
  REFDESK_DATA, REFDESK_CONFIG, REFDESK_LANG   типові значення для --data, --config, --lang
  REFDESK_STATS_FILE   анонімний журнал направлень (типово: referrals.log у теці даних)
  REFDESK_HOME         тримати налаштування, дані й кеш в одній теці (config, data, cache)
  REFDESK_NO_CACHE=1   не читати й не записувати кеш прочитаного довідника
  NO_COLOR             без кольорів на екрані

",
    files_uk!(),
    "
Коди завершення: 0 — гаразд, 1 — нічого не знайдено або в даних є помилки, 2 — помилка
використання чи введення-виведення.
Сторінки посібника для команд: refdesk man КОМАНДА (наприклад, refdesk man stats)."
);

/// The about (and long about) of each subcommand, by path.
fn command_text(path: &str) -> Option<(&'static str, Option<&'static str>)> {
    Some(match path {
        "" => return None,
        "search" => (
            "Пошук у довіднику, як на екрані; найкращий збіг першим",
            None,
        ),
        "show" => ("Повна картка однієї установи", None),
        "validate" => (
            "Перевірити довідник і показати кожну проблему як файл:рядок:стовпець",
            None,
        ),
        "slip" => (
            "Направлення: текст, PDF або байти ESC/POS",
            Some(
                "Направлення для відвідувача: текст, PDF або байти ESC/POS. Направлення — для \
                 однієї послуги установи: як записатися, вартість, які документи взяти. Єдину \
                 послугу установи вибрано без запитання; якщо послуг кілька, вкажіть --service \
                 або --all-services, інакше команда покаже пронумерований список і завершиться з \
                 кодом 2.",
            ),
        ),
        "print" => (
            "Надрукувати направлення на налаштованому принтері",
            Some(
                "Надрукувати направлення на принтері з налаштувань (інакше — на типовому принтері \
                 системи: Windows чи CUPS). Якщо друк не вдався, направлення (без імені відвідувача) зберігається у \
                 файл, і команда каже куди. Послугу вибирають так само, як для slip.",
            ),
        ),
        "stats" => ("Анонімна статистика направлень для звіту бюро", None),
        "verify" => (
            "Позначити установу перевіреною сьогодні: записати verified і verified_by у її файл",
            None,
        ),
        "corrections" => (
            "Повідомлення про помилки з робочих місць: показати відкриті або закрити одне",
            None,
        ),
        "due" => (
            "Установи, які час перевірити знову, від найдавніше перевірених, з телефоном для дзвінка",
            None,
        ),
        "import sheet" => (
            "Прочитати електронну таблицю (.xlsx, .ods, .xls або .csv) — книгу refdesk чи \
             список установ бюро — у файл TOML формату v1",
            None,
        ),
        "export sheet" => (
            "Записати довідник як книгу .xlsx: аркуш установ і аркуш послуг",
            None,
        ),
        "import" => ("Імпортувати довідник з іншого формату", None),
        "import hsds" => (
            "Прочитати табличний пакет Open Referral HSDS 3.0 у файл TOML формату v1",
            None,
        ),
        "export" => ("Експортувати довідник в інший формат", None),
        "export hsds" => (
            "Записати довідник як табличний пакет Open Referral HSDS 3.0",
            None,
        ),
        "completions" => ("Вивести скрипт автодоповнення для оболонки", None),
        "setup" => (
            "Налаштувати бюро: назва, адреса, телефон, свій населений пункт і принтер",
            Some(
                "Питає назву, адресу й телефон бюро, свій населений пункт і принтер (зі списку \
                 принтерів системи), по одній відповіді в рядку, і записує файл налаштувань \
                 (решту налаштувань і коментарі зберігає). Порожня відповідь залишає те, що \
                 було.",
            ),
        ),
        "man" => (
            "Вивести сторінку посібника (roff); з назвою команди — сторінку цієї команди",
            None,
        ),
        // clap's `help` subcommand, at every level (and inside itself, for completion).
        p if p == "help" || p.ends_with(" help") => {
            ("Показати цю довідку або довідку вказаної команди", None)
        }
        _ => return None,
    })
}

/// The Ukrainian help of an argument: first the one for this command path, then the one for
/// every command (the global options, `--help`).
fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .or_else(|| ARGS.iter().find(|(p, i, _)| *p == "*" && *i == id))
        .map(|(_, _, h)| *h)
}

/// (command path or "*" for every command, argument id, help).
const ARGS: &[(&str, &str, &str)] = &[
    (
        "*",
        "data",
        "Довідник установ: тека з файлами *.toml або один файл (типово: вбудований \
         демонстраційний); змінна REFDESK_DATA",
    ),
    (
        "*",
        "config",
        "Файл налаштувань (типово: refdesk.toml у теці налаштувань системи); змінна \
         REFDESK_CONFIG",
    ),
    (
        "*",
        "lang",
        "Мова інтерфейсу й повідомлень: uk (типово) або en; змінна REFDESK_LANG",
    ),
    ("*", "help", "Показати довідку"),
    ("*", "version", "Показати версію"),
    ("*", "json", "Вивести JSON"),
    (
        "search",
        "query",
        "Що потрібно відвідувачеві, як набрано: «довідка про доходи», «паспорт втратив», \
         прізвище…",
    ),
    (
        "search",
        "json",
        "Вивести JSON (масив, найкращий збіг першим)",
    ),
    (
        "search",
        "limit",
        "Щонайбільше стільки результатів (0 — усі; типово 10)",
    ),
    (
        "search",
        "near",
        "Установи цього населеного пункту — першими серед рівних",
    ),
    (
        "search",
        "explain",
        "Показати для кожного результату, як збіглося кожне слово запиту: поле, слово, рівень, \
         статтю тезауруса",
    ),
    (
        "show",
        "ids",
        "Ідентифікатор (id) установи; кілька (ID або ID:ПОСЛУГА) — план візиту, по черзі",
    ),
    (
        "show",
        "service",
        "Послуга: її номер, як у списку show, або частина назви",
    ),
    ("show", "script", "Вивести лише фразу, яку читають уголос"),
    (
        "validate",
        "stale",
        "Записи, не перевірені понад 12 місяців, від найстаріших",
    ),
    (
        "*",
        "ids",
        "Ідентифікатор (id) установи; кілька (ID або ID:ПОСЛУГА) — одне направлення з планом \
         візиту, по черзі",
    ),
    (
        "*",
        "notes",
        "Примітка до кроку N плану («коли отримаєте документ»); можна кілька разів",
    ),
    (
        "*",
        "back",
        "Останній крок плану — повернутися до нас (адреса й телефон бюро з налаштувань)",
    ),
    (
        "*",
        "service",
        "Послуга: її номер, як у списку show, або частина назви (потрібна, якщо в установи \
         кілька послуг)",
    ),
    (
        "*",
        "all_services",
        "Направлення для всіх послуг установи: для кожної — як записатися, вартість і \
         документи",
    ),
    (
        "*",
        "format",
        "Формат: text, pdf або escpos (типово — з налаштувань, інакше text)",
    ),
    (
        "*",
        "width",
        "Ширина рядка в символах для тексту й ESC/POS (32, 42, 48 для чекової стрічки; 64–80 \
         для A5/A4)",
    ),
    ("*", "paper", "Розмір паперу для PDF: a6 (типово) або a5"),
    (
        "*",
        "for_name",
        "Ім'я відвідувача: друкується лише на цьому направленні й ніде не зберігається",
    ),
    (
        "slip",
        "output",
        "Записати у цей файл замість стандартного виводу",
    ),
    (
        "print",
        "printer",
        "Назва принтера (CUPS у Linux, Windows у Windows; типово — з налаштувань, інакше \
         типовий принтер системи)",
    ),
    (
        "print",
        "list_printers",
        "Показати принтери системи (Windows чи CUPS) і завершити",
    ),
    ("stats", "from", "Перший день, що враховується (РРРР-ММ-ДД)"),
    ("stats", "to", "Останній день, що враховується (РРРР-ММ-ДД)"),
    ("stats", "csv", "Вивести CSV"),
    (
        "import hsds",
        "dir",
        "Тека пакета (з datapackage.json або файлами CSV)",
    ),
    (
        "import hsds",
        "output",
        "Файл TOML, який буде записано (наявний файл не замінюється без --force)",
    ),
    ("import hsds", "force", "Замінити файл, якщо він уже є"),
    ("export hsds", "output", "Тека, яку буде записано"),
    ("verify", "id", "Ідентифікатор (id) установи"),
    (
        "verify",
        "by",
        "Хто перевірив (типово — maintainer у налаштуваннях)",
    ),
    (
        "corrections",
        "resolve",
        "Закрити відкрите повідомлення з цим номером (як у списку)",
    ),
    (
        "due",
        "within",
        "Також установи, строк перевірки яких настане протягом цього часу: 30d, 2w, 3m (дні, \
         тижні, місяці; типово 30d)",
    ),
    (
        "due",
        "output",
        "Записати аркуш для обдзвону у файл PDF для друку",
    ),
    ("import sheet", "file", "Файл електронної таблиці"),
    (
        "import sheet",
        "output",
        "Файл TOML, який буде записано (наявний файл не замінюється без --force)",
    ),
    ("import sheet", "force", "Замінити файл, якщо він уже є"),
    ("export sheet", "output", "Файл .xlsx, який буде записано"),
    (
        "completions",
        "shell",
        "Оболонка: bash, elvish, fish, powershell або zsh",
    ),
    (
        "man",
        "command",
        "Команда, наприклад stats чи import (типово — головна сторінка)",
    ),
    ("help", "subcommand", "Команда, довідку якої показати"),
    (
        "import help",
        "subcommand",
        "Команда, довідку якої показати",
    ),
    (
        "export help",
        "subcommand",
        "Команда, довідку якої показати",
    ),
];

/// Placeholders in the usage and option lines.
fn value_name(en: &str) -> &str {
    match en {
        "PATH" => "ШЛЯХ",
        "FILE" | "OUTPUT" => "ФАЙЛ",
        "LANG" => "МОВА",
        "QUERY" => "ЗАПИТ",
        "LIMIT" => "КІЛЬКІСТЬ",
        "LOCALITY" => "НАСЕЛЕНИЙ_ПУНКТ",
        "SERVICE" => "ПОСЛУГА",
        "N=TEXT" => "НОМЕР=ТЕКСТ",
        "FORMAT" => "ФОРМАТ",
        "WIDTH" => "ШИРИНА",
        "PAPER" => "ПАПІР",
        "NAME" => "ІМ'Я",
        "PRINTER" => "ПРИНТЕР",
        "FROM" | "TO" => "ДАТА",
        "DIR" => "ТЕКА",
        "SHELL" => "ОБОЛОНКА",
        "COMMAND" => "КОМАНДА",
        "N" => "НОМЕР",
        "TIME" => "СТРОК",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        assert_eq!(
            prescan_lang(&args(&["refdesk", "--lang", "en", "stats"])),
            Lang::En
        );
        assert_eq!(
            prescan_lang(&args(&["refdesk", "stats", "--lang=en"])),
            Lang::En
        );
        assert_eq!(
            prescan_lang(&args(&["refdesk", "--lang", "en", "--lang", "uk"])),
            Lang::Uk
        );
        // After «--» it is a value, not an option.
        assert_eq!(
            prescan_lang(&args(&[
                "refdesk", "--lang", "uk", "search", "--", "--lang", "en"
            ])),
            Lang::Uk
        );
    }

    /// Every command and argument of the tree, with its help, in Ukrainian.
    #[test]
    fn every_command_and_argument_has_its_ukrainian_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            if !about.chars().any(|c| ('а'..='я').contains(&c)) {
                missing.push(format!("{path:?}: about {about:?}"));
            }
            for a in cmd.get_arguments() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !help.chars().any(|c| ('а'..='я').contains(&c)) {
                    missing.push(format!("{path:?} {}: {help:?}", a.get_id()));
                }
                let names = match a.get_action().takes_values() {
                    true => a.get_value_names().unwrap_or_default(),
                    false => &[],
                };
                for n in names {
                    if n.chars().any(|c| c.is_ascii_alphabetic()) && n.as_str() != "ID" {
                        missing.push(format!("{path:?} {}: value name {n}", a.get_id()));
                    }
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &sub_path(path, s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&command(Lang::Uk), "", &mut missing);
        assert!(missing.is_empty(), "not in Ukrainian: {missing:#?}");
    }

    #[test]
    fn ukrainian_man_page_headings() {
        let page = man_page(command(Lang::Uk), Lang::Uk).expect("renders");
        let page = String::from_utf8(page).expect("UTF-8");
        assert!(page.contains(".SH НАЗВА\n"), "{page}");
        assert!(page.contains(".SH ПАРАМЕТРИ\n"), "{page}");
        assert!(!page.contains(".SH OPTIONS"), "{page}");
    }
}

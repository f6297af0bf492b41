//! The loader's longer texts, in both languages: I/O problems, dates, unknown categories and
//! the TOML parser's own messages said in Ukrainian.

use super::*;

/// What to do about a file that could not be read.
pub(super) fn read_error_message(e: &ReadError, lang: Lang) -> String {
    match e {
        ReadError::NotRegular => lang
            .pick(
                "це не звичайний файл (канал, пристрій чи сокет) — довідник читається лише зі звичайних файлів *.toml; приберіть його з теки",
                "not a regular file (a pipe, device or socket) — the directory is read only from regular *.toml files; remove it from the folder",
            )
            .to_string(),
        ReadError::TooBig { limit } => match lang {
            Lang::Uk => format!(
                "файл більший за {} МБ — розділіть його на кілька файлів *.toml",
                limit / (1024 * 1024)
            ),
            Lang::En => format!(
                "the file is larger than {} MB — split it into several *.toml files",
                limit / (1024 * 1024)
            ),
        },
        ReadError::Io(e) => format!(
            "{}: {}",
            lang.pick(
                "не вдалося прочитати файл — перевірте права доступу до нього",
                "cannot read the file — check its permissions"
            ),
            crate::i18n::io_error(e, lang)
        ),
    }
}

pub(super) fn future_message(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!(
            "дата перевірки {date} ще не настала — вкажіть день, коли запис справді перевірили"
        ),
        Lang::En => format!(
            "verification date {date} is in the future — give the day the entry was actually checked"
        ),
    }
}

/// The message for a category that is neither built in nor declared, with the nearest one.
pub(super) fn unknown_category(
    categories: &[Category],
    category: &str,
    lang: Lang,
) -> Option<String> {
    if categories.iter().any(|c| c.id == category) {
        return None;
    }
    let nearest = categories
        .iter()
        .map(|c| (strsim::damerau_levenshtein(category, &c.id), c.id.as_str()))
        .min()
        .map(|(_, c)| c)
        .unwrap_or("other");
    Some(match lang {
        Lang::Uk => format!(
            "невідома категорія \"{category}\" — можливо, \"{nearest}\"? Власну категорію оголосіть через [[category]]"
        ),
        Lang::En => format!(
            "unknown category \"{category}\" — did you mean \"{nearest}\"? Declare your own with [[category]]"
        ),
    })
}

/// The TOML parser's message, in Ukrainian where its parts are known (they are English in the
/// parser); an unknown part stays as the parser wrote it.
pub(in crate::directory) fn toml_message(message: &str, lang: Lang) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if lang == Lang::En {
        return message;
    }
    const PARTS: &[(&str, &str)] = &[
        ("string values must be quoted", "текст треба взяти в лапки"),
        ("expected literal string", ""),
        ("invalid basic string", "рядок не закрито лапками"),
        ("invalid literal string", "рядок не закрито лапками"),
        (
            "invalid multi-line basic string",
            "багаторядковий рядок не закрито",
        ),
        (
            "invalid multi-line literal string",
            "багаторядковий рядок не закрито",
        ),
        ("unclosed array table", "заголовок [[…]] не закрито"),
        ("unclosed inline table", "таблицю { … } не закрито"),
        ("unclosed table", "заголовок […] не закрито"),
        ("unclosed array", "масив [ … ] не закрито"),
        ("duplicate key", "такий ключ у цій таблиці вже є"),
        ("key with no value", "ключ без значення"),
        ("invalid date", "неправильна дата"),
        (
            "expected month between 01 and 12",
            "місяць має бути від 01 до 12",
        ),
        ("invalid fraction", "неправильне дробове число"),
        ("expected digits", "бракує цифр"),
    ];
    message
        .split(", ")
        .filter_map(|part| {
            if let Some((_, uk)) = PARTS.iter().find(|(en, _)| *en == part) {
                return Some(uk.to_string()).filter(|s| !s.is_empty());
            }
            match part.strip_prefix("expected ") {
                Some(what) => Some(format!("бракує {what}")),
                None => Some(part.to_string()),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_are_ukrainian_where_their_parts_are_known() {
        assert_eq!(
            toml_message("unclosed table, expected `]`", Lang::Uk),
            "заголовок […] не закрито, бракує `]`"
        );
        assert_eq!(
            toml_message(
                "string values must be quoted, expected literal string",
                Lang::Uk
            ),
            "текст треба взяти в лапки"
        );
        // An unknown part stays as the parser wrote it; English stays English, on one line.
        assert_eq!(
            toml_message("something new,\n expected `x`", Lang::Uk),
            "something new, бракує `x`"
        );
        assert_eq!(
            toml_message("unclosed table,\nexpected `]`", Lang::En),
            "unclosed table, expected `]`"
        );
    }
}

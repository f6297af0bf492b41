//! The directory as a spreadsheet an office maintainer can read and edit: a sheet of agencies
//! (one row each) and a sheet of services (one row each, tied to its agency by id), Ukrainian
//! column headers with a note on each, lists as lines within a cell.
//!
//! [`COLUMNS`] is the one description of both sheets: the export writes its headers and notes,
//! and the import recognises a column by the same header — or by the words offices use in
//! their own lists («Установа», «Телефон», «Графік», «Керівник», …) — so a workbook written
//! by refdesk and an office's simple list are read by the same code.

pub mod export;
pub mod import;

/// Which sheet a column belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Agencies,
    Services,
}

/// A column: the field of format v1 it holds, its header, the note under the header, and other
/// headers that mean the same (compared in lower case, without punctuation).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub sheet: Sheet,
    pub field: &'static str,
    pub header: &'static str,
    pub note: &'static str,
    pub aliases: &'static [&'static str],
}

const fn a(
    field: &'static str,
    header: &'static str,
    note: &'static str,
    aliases: &'static [&'static str],
) -> Column {
    Column {
        sheet: Sheet::Agencies,
        field,
        header,
        note,
        aliases,
    }
}

const fn s(
    field: &'static str,
    header: &'static str,
    note: &'static str,
    aliases: &'static [&'static str],
) -> Column {
    Column {
        sheet: Sheet::Services,
        field,
        header,
        note,
        aliases,
    }
}

/// The sheets' names.
pub const AGENCIES_SHEET: &str = "Установи";
pub const SERVICES_SHEET: &str = "Послуги";

/// How a person is written in a cell: the name, then labelled parts after « | ».
pub const PERSON_NOTE: &str =
    "Прізвище Ім'я По батькові | посада: … | телефон: … | кабінет: … | e-mail: …";

/// Every column of both sheets, in the order the export writes them.
pub const COLUMNS: &[Column] = &[
    a(
        "id",
        "Ідентифікатор",
        "Обов'язково. Латинські малі літери, цифри й дефіс (zt-dps-cop); унікальний у всьому довіднику; не змінюйте його. Порожній — буде утворено з назви.",
        &["id", "код"],
    ),
    a(
        "name",
        "Назва",
        "Обов'язково. Повна офіційна назва, як на вивісці.",
        &[
            "назва установи",
            "установа",
            "організація",
            "найменування",
            "назва організації",
        ],
    ),
    a(
        "short_name",
        "Коротка назва",
        "Як установу називають люди; показується в списках (ЦОП ДПС).",
        &["скорочена назва"],
    ),
    a(
        "name_genitive",
        "Назва в родовому відмінку",
        "Назва після «звернутися до …» (Центру обслуговування платників …).",
        &[],
    ),
    a(
        "gender",
        "Рід",
        "Рід головного слова назви: m (центр, відділ), f (служба), n (управління), pl (множина).",
        &[],
    ),
    a(
        "category",
        "Категорія",
        "Обов'язково. Ідентифікатор категорії (tax, pension, social-protection…) або її назва (Податки, ДПС). Порожня — «Інше».",
        &["категорія", "напрям", "сфера"],
    ),
    a(
        "topics",
        "Теми",
        "Слова, якими відвідувачі й працівники називають питання; кожне з нового рядка клітинки.",
        &["ключові слова", "теги"],
    ),
    a(
        "description",
        "Опис",
        "Одне-два речення: чим установа займається.",
        &["чим займається", "послуги установи"],
    ),
    a(
        "remote",
        "Дистанційно",
        "«так» — гаряча лінія чи онлайн-послуга без адреси; інакше порожньо або «ні».",
        &["онлайн"],
    ),
    a(
        "serves",
        "Обслуговує",
        "Кого ще приймає, крім свого населеного пункту: «уся Україна», «уся область» (її називає «Область» або довідник) або населені пункти через «;»: Бердичів; с. Семенівка.",
        &["територія обслуговування"],
    ),
    a(
        "locality",
        "Населений пункт",
        "Обов'язково, якщо не дистанційно: Житомир, смт Гришківці, с. Тетерівка.",
        &["місто", "нас. пункт", "населений пункт громада"],
    ),
    a("district", "Район", "Район міста або області.", &[]),
    a(
        "province",
        "Область",
        "Область; за кордоном — штат чи провінція.",
        &[],
    ),
    a(
        "country",
        "Країна",
        "Лише для адреси за кордоном: код ISO 3166-1 (PL, US).",
        &[],
    ),
    a(
        "address",
        "Адреса",
        "Обов'язково, якщо не дистанційно: вул. Київська, 1, каб. 105.",
        &["місцезнаходження", "адреса установи"],
    ),
    a(
        "postcode",
        "Індекс",
        "Поштовий індекс: 10003.",
        &["поштовий індекс"],
    ),
    a(
        "address_note",
        "Як знайти",
        "Вхід, поверх, орієнтир.",
        &["як дістатися", "орієнтир"],
    ),
    a(
        "accessibility",
        "Доступність",
        "Пандус, ліфт, туалет.",
        &["безбар'єрність"],
    ),
    a(
        "coordinates",
        "Координати",
        "Широта, довгота: 50.2519, 28.6631.",
        &[],
    ),
    a(
        "phones",
        "Телефони",
        "Обов'язково. Кожен номер з нового рядка клітинки; примітка — після « — »: 0412 42 61 30 — канцелярія.",
        &[
            "телефон",
            "тел",
            "номер телефону",
            "контактний телефон",
            "телефони установи",
        ],
    ),
    a(
        "email",
        "Електронна пошта",
        "e-mail установи.",
        &["email", "e-mail", "ел пошта", "електронна адреса"],
    ),
    a(
        "website",
        "Сайт",
        "Адреса сайту.",
        &["вебсайт", "веб-сайт", "сторінка"],
    ),
    a(
        "hours",
        "Графік роботи",
        "Обов'язково. Пн-Чт 09:00-18:00; Пт 09:00-16:45 (синтаксис OpenStreetMap, дні Пн Вт Ср Чт Пт Сб Нд); 24/7 — цілодобово.",
        &[
            "графік",
            "години роботи",
            "режим роботи",
            "час роботи",
            "розклад",
        ],
    ),
    a(
        "lunch",
        "Перерва",
        "Обідня перерва щодня: 13:00-13:45.",
        &["обід", "обідня перерва"],
    ),
    a(
        "reception",
        "Прийом",
        "Години прийому відвідувачів, якщо вужчі за графік: Вт,Чт 09:00-12:00.",
        &["години прийому", "прийом громадян"],
    ),
    a(
        "hours_note",
        "Примітка до графіка",
        "Те, чого не скаже графік: під час повітряної тривоги прийом не ведеться.",
        &[],
    ),
    a(
        "head",
        "Керівник",
        PERSON_NOTE,
        &[
            "керівник установи",
            "начальник",
            "директор",
            "голова",
            "очільник",
        ],
    ),
    a(
        "contacts",
        "Контактні особи",
        "Фахівці, до яких звертатися; кожна особа з нового рядка клітинки: Прізвище Ім'я По батькові | посада: … | телефон: … | кабінет: … | e-mail: …",
        &[
            "контактна особа",
            "контакт",
            "контакти",
            "відповідальна особа",
            "до кого звертатися",
        ],
    ),
    a(
        "verified",
        "Перевірено",
        "Обов'язково. День, коли запис перевірили: 2026-10-15 або 15.10.2026. Порожньо — день імпорту.",
        &["дата перевірки", "актуально на"],
    ),
    a(
        "verified_by",
        "Хто перевіряв",
        "Хто перевірив запис.",
        &["перевірив", "перевірила"],
    ),
    a(
        "status",
        "Стан",
        "Порожньо — працює; temporarily-closed — тимчасово не працює; closed — закрита.",
        &["статус"],
    ),
    a(
        "successor",
        "Наступник",
        "Для закритої установи: ідентифікатор тієї, що її замінила.",
        &[],
    ),
    a(
        "alert",
        "Оголошення",
        "Тимчасове повідомлення, яке видно одразу: з 01.12 переїзд на вул. …",
        &["увага"],
    ),
    a(
        "notes",
        "Службові примітки",
        "Для працівників: видно на екрані, ніколи не друкується на направленні.",
        &["примітки", "примітка", "коментар", "коментарі", "нотатки"],
    ),
    s(
        "agency",
        "Установа",
        "Обов'язково. Ідентифікатор установи з аркуша «Установи».",
        &["id установи", "установа id"],
    ),
    s(
        "name",
        "Послуга",
        "Обов'язково. Назва послуги.",
        &["назва послуги"],
    ),
    s("description", "Опис послуги", "Коротко про послугу.", &[]),
    s(
        "topics",
        "Теми послуги",
        "Слова для пошуку саме цієї послуги; кожне з нового рядка.",
        &[],
    ),
    s(
        "appointment",
        "Попередній запис",
        "required — обов'язковий; recommended — бажаний; none — не потрібен.",
        &["запис"],
    ),
    s(
        "booking",
        "Як записатися",
        "за телефоном …, через Дію, онлайн: https://…",
        &[],
    ),
    s(
        "documents",
        "Документи",
        "Що взяти із собою; кожен документ з нового рядка.",
        &["необхідні документи"],
    ),
    s(
        "steps",
        "Порядок дій",
        "Кроки по черзі; кожен з нового рядка.",
        &["кроки"],
    ),
    s(
        "eligibility",
        "Хто може отримати",
        "Хто має право на послугу.",
        &[],
    ),
    s("fee", "Вартість", "безоплатно, 85 грн.", &["плата", "ціна"]),
    s("duration", "Строк", "до 5 робочих днів.", &["термін"]),
    s(
        "online",
        "Онлайн",
        "Онлайн-спосіб: Електронний кабінет платника: https://cabinet.tax.gov.ua",
        &[],
    ),
    s(
        "contacts",
        "Контактні особи послуги",
        "Фахівці саме цієї послуги; кожна особа з нового рядка, як на аркуші «Установи».",
        &[],
    ),
    s(
        "hours",
        "Графік послуги",
        "Якщо послуга доступна вужчий час: Пн-Пт 09:00-12:00.",
        &[],
    ),
];

/// A header as compared: lower case, letters and digits only, apostrophes dropped.
pub fn header_key(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column a header names on `sheet`.
pub fn column_for(sheet: Sheet, header: &str) -> Option<&'static Column> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|c| {
        c.sheet == sheet
            && (header_key(c.header) == key
                || header_key(c.field) == key
                || c.aliases.iter().any(|a| header_key(a) == key))
    })
}

/// `C` for column index 2, `AA` for 26.
pub fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The separator between a phone number and its note in a cell.
pub const NOTE_SEP: &str = " — ";
/// The separator between a person's labelled parts in a cell.
pub const PART_SEP: &str = " | ";

/// A person's labelled parts: (field, label).
pub const PERSON_PARTS: &[(&str, &str)] = &[
    ("title", "посада"),
    ("phone", "телефон"),
    ("room", "кабінет"),
    ("email", "e-mail"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_by_our_words_and_the_offices() {
        assert_eq!(
            column_for(Sheet::Agencies, "Телефони").unwrap().field,
            "phones"
        );
        assert_eq!(
            column_for(Sheet::Agencies, " ТЕЛ. ").unwrap().field,
            "phones"
        );
        assert_eq!(
            column_for(Sheet::Agencies, "Режим роботи").unwrap().field,
            "hours"
        );
        assert_eq!(
            column_for(Sheet::Agencies, "Найменування").unwrap().field,
            "name"
        );
        assert_eq!(
            column_for(Sheet::Services, "Послуга").unwrap().field,
            "name"
        );
        assert!(column_for(Sheet::Agencies, "Колір").is_none());
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(26), "AA");
    }

    #[test]
    fn every_header_and_alias_names_one_column_only() {
        for sheet in [Sheet::Agencies, Sheet::Services] {
            let mut seen = std::collections::HashMap::new();
            for c in COLUMNS.iter().filter(|c| c.sheet == sheet) {
                for h in std::iter::once(&c.header).chain(c.aliases) {
                    if let Some(other) = seen.insert(header_key(h), c.field) {
                        assert_eq!(other, c.field, "{h:?} names two columns");
                    }
                }
            }
        }
    }
}

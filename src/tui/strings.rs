//! Every piece of text the screen shows that does not come from the directory, in Ukrainian and
//! English. Counted nouns go through [`crate::i18n`] so plurals are right in both languages.

use crate::hours::OpenState;
use crate::i18n::{self, Lang, Noun};
use crate::search::Reading;
use jiff::civil::Weekday;

/// Fixed UI phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    AppTitle,
    DemoData,
    SearchLabel,
    AllCategories,
    AllLocalities,
    OpenNowOnly,
    NothingFound,
    Searching,
    EmptyDirectory,
    EmptyDirectoryWithProblems,
    ReadAloud,
    Services,
    ServicesHint,
    Documents,
    Steps,
    Internal,
    Stale,
    PrintSoon,
    CopySoon,
    QrSoon,
    NothingSelected,
    HelpTitle,
    HelpTyping,
    HelpGroupSearch,
    HelpGroupList,
    HelpGroupCard,
    HelpGroupGlobal,
    HelpGroupMouse,
    HelpMouse,
    ProblemsTitle,
    NoProblems,
    PickCategory,
    PickLocality,
    PickerFilter,
    TooSmall,
    TemporarilyClosed,
    Open,
    DemoBanner,
    Filters,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        use Msg::*;
        let (uk, en) = match self {
            AppTitle => ("Довідник установ", "Referral directory"),
            DemoData => ("демонстраційні дані", "demo data"),
            SearchLabel => ("Пошук: ", "Search: "),
            AllCategories => ("Усі категорії", "All categories"),
            AllLocalities => ("Усі міста", "All towns"),
            OpenNowOnly => ("лише відчинені", "open now only"),
            NothingFound => ("Нічого не знайдено", "Nothing found"),
            Searching => ("шукаю…", "searching…"),
            EmptyDirectory => (
                "Довідник порожній: у теці даних немає жодної установи. Додайте файли *.toml з установами.",
                "The directory is empty: there is no agency in the data folder. Add *.toml files with agencies.",
            ),
            EmptyDirectoryWithProblems => (
                "Жодну установу не вдалося прочитати. Список проблем — F8.",
                "No agency could be read. The list of problems is under F8.",
            ),
            ReadAloud => ("Прочитайте відвідувачу", "Read this to the visitor"),
            Services => ("Послуги", "Services"),
            ServicesHint => ("Tab / Shift-Tab — вибрати", "Tab / Shift-Tab to select"),
            Documents => ("Документи", "Documents"),
            Steps => ("Порядок дій", "Steps"),
            Internal => (
                "ВНУТРІШНЯ ПРИМІТКА — лише для працівників, не друкується",
                "INTERNAL NOTE — staff only, never printed",
            ),
            Stale => (
                "не перевірялося понад 12 місяців",
                "not verified for more than 12 months",
            ),
            PrintSoon => ("друк: незабаром", "printing: coming soon"),
            CopySoon => ("копіювання: незабаром", "copying: coming soon"),
            QrSoon => ("QR-код: незабаром", "QR code: coming soon"),
            NothingSelected => ("спершу виберіть установу", "select an agency first"),
            HelpTitle => ("Довідка: клавіші", "Help: keys"),
            HelpTyping => (
                "будь-які літери й цифри (кирилиця чи латиниця) — одразу в рядок пошуку",
                "any letters and digits (Cyrillic or Latin) go straight into the search line",
            ),
            HelpGroupSearch => ("Рядок пошуку", "Search line"),
            HelpGroupList => ("Список і картка", "List and card"),
            HelpGroupCard => ("Дії з установою", "With the agency"),
            HelpGroupGlobal => ("Загальні", "General"),
            HelpGroupMouse => ("Миша", "Mouse"),
            HelpMouse => (
                "клік — вибрати, подвійний клік — відкрити картку, коліщатко — прокрутити, клік на підказці внизу — виконати",
                "click selects, double-click opens the card, the wheel scrolls, clicking a hint below runs it",
            ),
            ProblemsTitle => ("Проблеми в даних", "Data problems"),
            NoProblems => ("Проблем у даних немає.", "The data has no problems."),
            PickCategory => ("Категорія", "Category"),
            PickLocality => ("Місто", "Town"),
            PickerFilter => ("Фільтр: ", "Filter: "),
            TooSmall => ("Замале вікно", "Window too small"),
            TemporarilyClosed => ("тимчасово не працює", "temporarily closed"),
            Open => ("відчинено", "open"),
            DemoBanner => (
                "ДЕМОНСТРАЦІЙНІ ДАНІ — адреси, імена й телефони вигадані",
                "DEMO DATA — addresses, names and phone numbers are invented",
            ),
            Filters => ("діють фільтри", "filters are on"),
        };
        lang.pick(uk, en)
    }
}

/// "12 результатів".
pub fn count(lang: Lang, noun: Noun, n: usize) -> String {
    noun.count(lang, n as u64)
}

/// The title's right side: "124 установи · 2 попередження (F8)".
pub fn title_counts(lang: Lang, agencies: usize, errors: usize, warnings: usize) -> String {
    let mut s = count(lang, i18n::AGENCY, agencies);
    let mut problems = Vec::new();
    if errors > 0 {
        problems.push(count(lang, i18n::ERROR, errors));
    }
    if warnings > 0 {
        problems.push(count(lang, i18n::WARNING, warnings));
    }
    if !problems.is_empty() {
        s.push_str(" · ");
        s.push_str(&problems.join(", "));
        s.push_str(" (F8)");
    }
    s
}

/// The note shown when the query was not read as typed.
pub fn reading_note(lang: Lang, reading: &Reading) -> Option<String> {
    match reading {
        Reading::AsTyped => None,
        Reading::Layout { text } => Some(match lang {
            Lang::Uk => format!("розкладку виправлено: {text}"),
            Lang::En => format!("keyboard layout corrected: {text}"),
        }),
        Reading::Translit { text } => Some(match lang {
            Lang::Uk => format!("прочитано як транслітерацію: {text}"),
            Lang::En => format!("read as transliteration: {text}"),
        }),
    }
}

fn weekday_short(lang: Lang, d: Weekday) -> &'static str {
    let i = d.to_monday_zero_offset() as usize;
    match lang {
        Lang::Uk => ["пн", "вт", "ср", "чт", "пт", "сб", "нд"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// "відчинено до 18:00", "перерва до 13:45", "зачинено · відчиниться пн о 09:00".
pub fn open_state(lang: Lang, s: Option<OpenState>) -> String {
    let hm = |t: jiff::civil::Time| t.strftime("%H:%M").to_string();
    match (s, lang) {
        (None, _) => Msg::TemporarilyClosed.text(lang).to_string(),
        (Some(OpenState::Open { until: Some(t) }), Lang::Uk) => format!("відчинено до {}", hm(t)),
        (Some(OpenState::Open { until: Some(t) }), Lang::En) => format!("open until {}", hm(t)),
        (Some(OpenState::Open { until: None }), _) => Msg::Open.text(lang).to_string(),
        (Some(OpenState::Lunch { until }), Lang::Uk) => format!("перерва до {}", hm(until)),
        (Some(OpenState::Lunch { until }), Lang::En) => format!("lunch break until {}", hm(until)),
        (
            Some(OpenState::Closed {
                opens: Some((d, t)),
            }),
            Lang::Uk,
        ) => {
            format!(
                "зачинено · відчиниться {} о {}",
                weekday_short(lang, d),
                hm(t)
            )
        }
        (
            Some(OpenState::Closed {
                opens: Some((d, t)),
            }),
            Lang::En,
        ) => {
            format!("closed · opens {} at {}", weekday_short(lang, d), hm(t))
        }
        (Some(OpenState::Closed { opens: None }), Lang::Uk) => "зачинено".to_string(),
        (Some(OpenState::Closed { opens: None }), Lang::En) => "closed".to_string(),
    }
}

/// The one-character mark in front of a result: ● open, ◐ lunch, ○ closed, ✕ temporarily closed.
pub fn open_mark(s: Option<OpenState>) -> char {
    match s {
        Some(OpenState::Open { .. }) => '●',
        Some(OpenState::Lunch { .. }) => '◐',
        Some(OpenState::Closed { .. }) => '○',
        None => '✕',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_counts_use_plural_forms() {
        assert_eq!(title_counts(Lang::Uk, 1, 0, 0), "1 установа");
        assert_eq!(
            title_counts(Lang::Uk, 124, 0, 2),
            "124 установи · 2 попередження (F8)"
        );
        assert_eq!(
            title_counts(Lang::Uk, 11, 5, 21),
            "11 установ · 5 помилок, 21 попередження (F8)"
        );
        assert_eq!(title_counts(Lang::En, 1, 1, 0), "1 agency · 1 error (F8)");
    }

    #[test]
    fn reading_note_names_the_corrected_text() {
        let r = Reading::Layout {
            text: "довідка про доходи".into(),
        };
        assert_eq!(
            reading_note(Lang::Uk, &r).as_deref(),
            Some("розкладку виправлено: довідка про доходи")
        );
        assert_eq!(reading_note(Lang::Uk, &Reading::AsTyped), None);
    }

    #[test]
    fn open_marks_distinguish_every_state() {
        use jiff::civil::time;
        let marks = [
            open_mark(Some(OpenState::Open { until: None })),
            open_mark(Some(OpenState::Lunch {
                until: time(13, 45, 0, 0),
            })),
            open_mark(Some(OpenState::Closed { opens: None })),
            open_mark(None),
        ];
        assert_eq!(marks, ['●', '◐', '○', '✕']);
        assert_eq!(
            open_state(
                Lang::Uk,
                Some(OpenState::Lunch {
                    until: time(13, 45, 0, 0)
                })
            ),
            "перерва до 13:45"
        );
        assert_eq!(
            open_state(
                Lang::Uk,
                Some(OpenState::Closed {
                    opens: Some((Weekday::Monday, time(9, 0, 0, 0)))
                })
            ),
            "зачинено · відчиниться пн о 09:00"
        );
    }
}

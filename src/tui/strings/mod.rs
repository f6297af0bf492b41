//! Every piece of text the screen shows that does not come from the directory, in Ukrainian and
//! English. Counted nouns go through [`crate::i18n`] so plurals are right in both languages.

use crate::i18n::{self, Lang, Noun};
use crate::referral::clipboard::Copied;
use crate::search::Reading;
use crate::tui::msg::SettingsNotSaved;

pub mod form;
mod maintain;
mod open;

pub use maintain::*;
pub use open::*;

/// Fixed UI phrases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    AppTitle,
    DemoData,
    DemoShort,
    Loading,
    SearchLabel,
    AllCategories,
    AllLocalities,
    Nationwide,
    NotUsed,
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
    NothingSelected,
    Printing,
    Saving,
    SavedTo,
    NotPrinted,
    NotPrintedSaved,
    SlipNotSaved,
    AgencyGone,
    NoticeTitle,
    CopiedBoth,
    CopiedOsc52,
    CopiedSystem,
    SystemClipboardUnavailable,
    Osc52NotSent,
    CopyFailed,
    RecordFailed,
    ReferralCounted,
    VisitCleared,
    WatchFailed,
    Reloaded,
    ReloadedNoChanges,
    PreviewTitle,
    ForLabel,
    OutputLabel,
    ServiceLabel,
    AllServices,
    ChooseService,
    ServiceNotChosen,
    NotChosen,
    DestPdf,
    DestText,
    DefaultPrinter,
    NameNotSaved,
    SaveFolder,
    Alert,
    QrTitle,
    QrNoPhone,
    StatsTitle,
    StatsLoading,
    StatsFailed,
    StatsEmpty,
    StatsTotal,
    HelpGroupPreview,
    HelpGroupPlan,
    PlanTitle,
    PlanReturnStep,
    PlanReadAloud,
    PlanHint,
    NoteLabel,
    AlreadyInPlan,
    StepRemoved,
    ReturnAdded,
    AlreadyCounted,
    NothingToUndo,
    UndoFailed,
    Given,
    HelpTitle,
    HelpTyping,
    HelpGroupSearch,
    HelpGroupList,
    HelpGroupCard,
    HelpGroupGlobal,
    HelpGroupMouse,
    HelpGroupMarks,
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
    ReportTitle,
    ReportField,
    ReportNote,
    ReportNoVisitor,
    MaintainerTitle,
    MaintainerPrompt,
    MaintainerName,
    NoteMissing,
    NameMissing,
    Reported,
    ReportFailed,
    VerifyFailed,
    MaintainerNotSaved,
    NoSettingsPlace,
    NotSaved,
    ReportOnCard,
    HelpGroupForm,
    FormTitle,
    NewTitle,
    FormFile,
    FormSaved,
    FormHasErrors,
    FormUnsaved,
    FormUnsavedQuit,
    FormSuggestion,
    FormParsed,
    FormOpenFailed,
    SetupTitle,
    SetupIntro,
    SetupName,
    SetupAddress,
    SetupPhone,
    SetupLocality,
    SetupPrinter,
    SetupListingPrinters,
    SetupNoPrinters,
    SetupKeys,
    OfficeNameMissing,
    SetupSkipped,
    SetupNotSaved,
}

impl Msg {
    #[allow(clippy::too_many_lines)] // a table of phrases (data), one arm per phrase
    pub fn text(self, lang: Lang) -> &'static str {
        use Msg::*;
        let (uk, en) = match self {
            AppTitle => ("Довідник установ", "Referral directory"),
            DemoData => ("демонстраційні дані", "demo data"),
            DemoShort => ("ДЕМО", "DEMO"),
            Loading => ("Завантаження довідника…", "Loading the directory…"),
            SearchLabel => ("Пошук: ", "Search: "),
            AllCategories => ("Усі категорії", "All categories"),
            AllLocalities => ("Усі міста", "All towns"),
            Nationwide => ("Уся Україна / онлайн", "All Ukraine / online"),
            NotUsed => ("не враховано", "not used"),
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
            NothingSelected => ("спершу виберіть установу", "select an agency first"),
            Printing => ("друкую…", "printing…"),
            Saving => ("зберігаю…", "saving…"),
            SavedTo => ("Направлення збережено у файл", "The slip was saved to"),
            NotPrinted => ("не надруковано", "not printed"),
            NotPrintedSaved => (
                "не надруковано — направлення збережено у файл",
                "not printed — the slip was saved to a file",
            ),
            SlipNotSaved => ("Не вдалося зберегти направлення", "Could not save the slip"),
            AgencyGone => (
                "установи вже немає в довіднику",
                "the agency is no longer in the directory",
            ),
            NoticeTitle => ("Друк не вдався", "Printing failed"),
            CopiedBoth => (
                "скопійовано (буфер обміну системи і через термінал)",
                "copied (system clipboard and through the terminal)",
            ),
            CopiedOsc52 => (
                "скопійовано (через термінал)",
                "copied (through the terminal)",
            ),
            CopiedSystem => (
                "скопійовано (буфер обміну системи)",
                "copied (system clipboard)",
            ),
            SystemClipboardUnavailable => (
                "буфер обміну системи недоступний",
                "system clipboard unavailable",
            ),
            // The mechanism's name stays where something went wrong: it is what to search for.
            Osc52NotSent => (
                "через термінал не надіслано (OSC 52)",
                "not sent through the terminal (OSC 52)",
            ),
            CopyFailed => ("не вдалося скопіювати", "could not copy"),
            RecordFailed => (
                "не вдалося записати до статистики",
                "could not add to the statistics",
            ),
            ReferralCounted => ("направлення враховано", "referral counted"),
            VisitCleared => (
                "екран очищено для нового відвідувача",
                "screen cleared for the next visitor",
            ),
            WatchFailed => ("стеження за файлами даних", "watching the data files"),
            Reloaded => ("довідник оновлено", "directory reloaded"),
            ReloadedNoChanges => (
                "довідник перечитано: змін немає",
                "directory reread: no changes",
            ),
            PreviewTitle => ("Направлення", "Referral slip"),
            ForLabel => ("Для: ", "For: "),
            OutputLabel => ("Спосіб (F2): ", "Output (F2): "),
            ServiceLabel => ("Послуга (Tab): ", "Service (Tab): "),
            AllServices => ("усі послуги", "all services"),
            ChooseService => (
                "Для якої послуги направлення? Tab / Shift-Tab — вибрати (або всі):",
                "Which service is the slip for? Tab / Shift-Tab to choose (or all):",
            ),
            ServiceNotChosen => (
                "спершу виберіть послугу: Tab",
                "choose a service first: Tab",
            ),
            NotChosen => ("не вибрано", "not chosen"),
            DestPdf => ("PDF-файл", "PDF file"),
            DestText => ("текстовий файл", "text file"),
            DefaultPrinter => ("типовий принтер", "default printer"),
            NameNotSaved => (
                "ім'я у файл не записується — лише на друкованому направленні",
                "the name is never saved to a file — only printed",
            ),
            SaveFolder => ("тека", "folder"),
            Alert => ("Увага", "Notice"),
            QrTitle => ("QR-код: телефон", "QR code: phone"),
            QrNoPhone => (
                "телефону немає — у коді назва установи",
                "no phone number — the code holds the agency's name",
            ),
            StatsTitle => ("Направлення", "Referrals"),
            StatsLoading => ("читаю журнал…", "reading the log…"),
            StatsFailed => (
                "не вдалося прочитати журнал направлень",
                "could not read the referral log",
            ),
            StatsEmpty => (
                "Ще немає направлень цього місяця.",
                "No referrals this month yet.",
            ),
            StatsTotal => ("Усього", "Total"),
            HelpGroupPreview => ("Вікно друку (F2)", "Print window (F2)"),
            HelpGroupPlan => ("План візиту", "The visit's plan"),
            PlanTitle => ("План візиту", "Visit plan"),
            PlanReturnStep => ("Повернутися до нас", "Back to us"),
            PlanReadAloud => (
                "Прочитайте відвідувачу весь план",
                "Read the whole plan to the visitor",
            ),
            PlanHint => (
                "Ctrl-D додає установу до плану, Ctrl-O — крок «повернутися до нас»",
                "Ctrl-D adds the agency to the plan, Ctrl-O the step back to us",
            ),
            NoteLabel => ("Примітка до кроку: ", "Step note: "),
            AlreadyInPlan => (
                "ця установа вже є в плані",
                "this agency is already in the plan",
            ),
            StepRemoved => ("крок вилучено з плану", "step removed from the plan"),
            ReturnAdded => (
                "додано останній крок: повернутися до нас",
                "added the last step: back to us",
            ),
            AlreadyCounted => (
                "уже враховано в цьому візиті — повторно не рахується",
                "already counted in this visit — not counted again",
            ),
            NothingToUndo => (
                "у цьому візиті ще нічого не враховано",
                "nothing has been counted in this visit",
            ),
            UndoFailed => (
                "не вдалося скасувати облік",
                "could not take the count back",
            ),
            Given => (
                "уже видано цьому відвідувачу",
                "already given to this visitor",
            ),
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
            HelpGroupMarks => ("Позначки у списку", "Marks in the list"),
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
            ReportTitle => ("Повідомити про помилку", "Report an error"),
            ReportField => (
                "Що неправильно (↑↓ — вибрати):",
                "What is wrong (↑↓ to choose):",
            ),
            ReportNote => ("Примітка: ", "Note: "),
            ReportNoVisitor => (
                "Коротко, що не так («телефон не відповідає», «переїхали на Київську, 5») — нічого про відвідувача.",
                "Briefly, what is wrong («the phone does not answer», «moved to 5 Kyivska St») — nothing about the visitor.",
            ),
            MaintainerTitle => ("Перевірено сьогодні", "Verified today"),
            MaintainerPrompt => (
                "Хто перевіряє дані на цьому робочому місці? Ім'я запишеться біля дати перевірки і збережеться в налаштуваннях — більше програма не питатиме.",
                "Who verifies the data at this desk? The name is written beside the verification date and kept in the settings — you will not be asked again.",
            ),
            MaintainerName => ("Ім'я: ", "Name: "),
            NoteMissing => ("напишіть коротко, що не так", "say briefly what is wrong"),
            NameMissing => ("напишіть ім'я", "type a name"),
            Reported => (
                "повідомлення про помилку записано — його побачить упорядник",
                "the error report was saved — the maintainer will see it",
            ),
            ReportFailed => ("Повідомлення не записано", "The report was not saved"),
            VerifyFailed => (
                "Позначку «перевірено» не записано",
                "The «verified» mark was not written",
            ),
            MaintainerNotSaved => (
                "Ім'я не збережено в налаштуваннях (до кінця роботи програма його пам'ятає)",
                "The name was not kept in the settings (the program remembers it until it quits)",
            ),
            NoSettingsPlace => (
                "не знайдено, де зберігати налаштування",
                "there is no place for the settings file",
            ),
            NotSaved => ("не записано", "not saved"),
            ReportOnCard => ("є повідомлення про помилку", "an error has been reported"),
            HelpGroupForm => (
                "Форма редагування (Ctrl-E, Ctrl-X)",
                "Edit form (Ctrl-E, Ctrl-X)",
            ),
            FormTitle => ("Редагування", "Editing"),
            NewTitle => ("Нова установа", "New agency"),
            FormFile => ("Файл", "File"),
            FormSaved => (
                "збережено — довідник оновиться за мить",
                "saved — the directory reloads in a moment",
            ),
            FormHasErrors => (
                "не збережено: спершу виправте позначені поля",
                "not saved: first fix the marked fields",
            ),
            FormUnsaved => (
                "є незбережені зміни: Esc ще раз — закрити без збереження, Ctrl-S — зберегти",
                "there are unsaved changes: Esc again closes without saving, Ctrl-S saves",
            ),
            FormUnsavedQuit => (
                "є незбережені зміни: ще раз F10 (Ctrl-Q) — вийти без збереження, Ctrl-S — зберегти",
                "there are unsaved changes: F10 (Ctrl-Q) again quits without saving, Ctrl-S saves",
            ),
            FormSuggestion => ("програма пропонує", "suggested"),
            FormParsed => ("програма читає так", "read as"),
            FormOpenFailed => ("Форму не відкрито", "The form did not open"),
            SetupTitle => ("Налаштування бюро", "Setting up the desk"),
            SetupIntro => (
                "Перший запуск на цих даних. Назва, адреса й телефон бюро будуть на кожному направленні, а установи вашого населеного пункту\u{a0}— першими в пошуку.",
                "First start on this data. The office's name, address and phone go on every slip, and the agencies of your town come first in search.",
            ),
            SetupName => ("Назва бюро", "Office name"),
            SetupAddress => ("Адреса", "Address"),
            SetupPhone => ("Телефон", "Phone"),
            SetupLocality => ("Населений пункт", "Home town"),
            SetupPrinter => ("Принтер", "Printer"),
            SetupListingPrinters => ("шукаю принтери…", "looking for printers…"),
            SetupNoPrinters => (
                "Система не показала жодного принтера: направлення, яке не вдасться надрукувати, буде збережено у файл.",
                "The system lists no printers: a slip that cannot be printed is saved to a file.",
            ),
            SetupKeys => (
                "Enter\u{a0}— далі, на останньому рядку\u{a0}— зберегти; ←→\u{a0}— вибрати принтер; Esc\u{a0}— пропустити (програма спитає знову під час наступного запуску).",
                "Enter: next, on the last line save; ←→: choose the printer; Esc: skip (asked again at the next start).",
            ),
            OfficeNameMissing => (
                "напишіть назву бюро — вона буде на направленнях",
                "type the office's name — it goes on the slips",
            ),
            SetupSkipped => (
                "налаштування пропущено — програма спитає знову наступного разу",
                "setup skipped — refdesk asks again next time",
            ),
            SetupNotSaved => (
                "Налаштування не записано у файл (до кінця роботи програма їх пам'ятає)",
                "The settings were not written (the program keeps them until it quits)",
            ),
        };
        lang.pick(uk, en)
    }
}

/// A change found by a live reload.
pub const CHANGE: Noun = Noun {
    uk: ["зміна", "зміни", "змін"],
    en: ["change", "changes"],
};

/// A step of the visit's plan.
pub const STEP: Noun = Noun {
    uk: ["крок", "кроки", "кроків"],
    en: ["step", "steps"],
};

/// The plan panel's title: «План візиту · 3 кроки».
pub fn plan_title(lang: Lang, steps: usize) -> String {
    format!(
        "{} · {}",
        Msg::PlanTitle.text(lang),
        count(lang, STEP, steps)
    )
}

/// «додано до плану: крок 2 з 3».
pub fn added_to_plan(lang: Lang, step: usize, of: usize) -> String {
    match lang {
        Lang::Uk => format!("додано до плану: крок {step} з {of}"),
        Lang::En => format!("added to the plan: step {step} of {of}"),
    }
}

/// «установи вже немає в довіднику, її крок пропущено: zt-dms».
pub fn plan_missing(lang: Lang, ids: &[&str]) -> String {
    let list = ids.join(", ");
    match (lang, ids.len()) {
        (Lang::Uk, 1) => format!("установи вже немає в довіднику, її крок пропущено: {list}"),
        (Lang::Uk, _) => format!("установ уже немає в довіднику, їхні кроки пропущено: {list}"),
        (Lang::En, _) => format!("no longer in the directory, left out of the plan: {list}"),
    }
}

/// The mark beside an agency already given in this visit.
pub const GIVEN_MARK: char = '✓';

/// The status after a copy: which ways it went, and why a way was missed where that is news
/// (a display that was there but refused; OSC 52 that could not be sent).
pub fn copied(lang: Lang, how: &Copied) -> String {
    match how {
        Copied::Both => Msg::CopiedBoth.text(lang).to_string(),
        Copied::Osc52 { system: None } => Msg::CopiedOsc52.text(lang).to_string(),
        Copied::Osc52 { system: Some(e) } => format!(
            "{}; {}: {e}",
            Msg::CopiedOsc52.text(lang),
            Msg::SystemClipboardUnavailable.text(lang)
        ),
        Copied::System { osc52 } => format!(
            "{}; {}: {osc52}",
            Msg::CopiedSystem.text(lang),
            Msg::Osc52NotSent.text(lang)
        ),
    }
}

/// Why a slip asked to be saved to a file was not: the system's error in `lang`.
pub fn slip_not_saved(lang: Lang, e: &std::io::Error) -> String {
    format!(
        "{}: {}",
        Msg::SlipNotSaved.text(lang),
        crate::i18n::io_error(e, lang)
    )
}

/// Why the settings file (the maintainer's name, the first start's answers) was not written.
pub fn settings_not_saved(lang: Lang, e: &SettingsNotSaved) -> String {
    match e {
        SettingsNotSaved::NoPlace => Msg::NoSettingsPlace.text(lang).to_string(),
        SettingsNotSaved::Write(e) => e.message(lang),
    }
}

/// "надруковано 5 · скопійовано 3 · усно 4" (only the ways that occur).
pub fn how_counts(lang: Lang, printed: u64, copied: u64, read: u64) -> String {
    let parts = [
        (printed, lang.pick("надруковано", "printed")),
        (copied, lang.pick("скопійовано", "copied")),
        (read, lang.pick("усно", "by word of mouth")),
    ];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, l)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The QR code does not fit: what it needs and what there is.
pub fn qr_too_small(lang: Lang, need_w: u16, need_h: u16, w: u16, h: u16) -> String {
    match lang {
        Lang::Uk => format!(
            "Замале вікно для QR-коду: потрібно щонайменше {need_w}×{need_h}, зараз {w}×{h}. Збільште вікно термінала або зменште шрифт."
        ),
        Lang::En => format!(
            "The window is too small for the QR code: it needs at least {need_w}×{need_h}, it is {w}×{h}. Enlarge the terminal or use a smaller font."
        ),
    }
}

/// "пошкоджених записів пропущено: 2".
pub fn damaged_records(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Uk => format!("пошкоджених записів журналу пропущено: {n}"),
        Lang::En => format!("damaged log records skipped: {n}"),
    }
}

/// "12 результатів".
pub fn count(lang: Lang, noun: Noun, n: usize) -> String {
    noun.count(lang, n as u64)
}

/// Closed agencies, after «ще»: «ще 1 закрита», «ще 3 закриті», «ще 5 закритих».
pub const CLOSED: Noun = Noun {
    uk: ["закрита", "закриті", "закритих"],
    en: ["closed", "closed"],
};

/// The title's right side: "124 установи, ще 1 закрита · 2 попередження (F8)". Closed agencies
/// are never listed; the title says how many are kept out of sight.
pub fn title_counts(
    lang: Lang,
    agencies: usize,
    closed: usize,
    errors: usize,
    warnings: usize,
) -> String {
    let mut s = count(lang, i18n::AGENCY, agencies);
    if closed > 0 {
        s.push_str(&match lang {
            Lang::Uk => format!(", ще {}", count(lang, CLOSED, closed)),
            Lang::En => format!(", {} more closed", closed),
        });
    }
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

#[cfg(test)]
mod tests;

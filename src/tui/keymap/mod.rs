//! Key bindings as data. The same table answers "what does this key do here" for the event loop
//! and "which key does this" for the hint bar and the help screen, so what the screen says is
//! always what the keys do.
//!
//! No plain letter is ever bound: every printable character goes into the search (or a picker's
//! filter, or the print preview's «Для:» field). F11 is left free: desktop terminals take it
//! for full screen. Every other function key is taken, so the next visitor is Ctrl-L: free in
//! every scope, sent alike by every terminal (form feed), and already "a clean screen" to
//! anyone who knows it from a shell — it repaints the screen as well.

mod hints;
pub use hints::{HINT_RULES, HintContext, HintRule, Show, When, hint_key, hint_show};

use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Something the user can ask for with a key, a hint click or a mouse gesture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    /// Enter: open the selected result's card / take the picked item.
    Open,
    /// Esc: close the top overlay, else leave the card, else clear the query.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    ClearQuery,
    Left,
    Right,
    Home,
    End,
    NextService,
    PrevService,
    Print,
    Copy,
    ShowQr,
    CategoryFilter,
    LocalityFilter,
    ToggleOpenNow,
    Problems,
    /// Count a referral given by word of mouth (the card was read out).
    MarkReferred,
    /// This month's referrals by category.
    Stats,
    /// In the print preview: the next output (printer, PDF file, text file).
    NextOutput,
    /// «Наступний відвідувач»: forget everything about this visit and start afresh.
    NextVisitor,
    /// «Повідомити про помилку»: the field that is wrong and a short note, into the corrections
    /// file.
    Report,
    /// «Перевірено сьогодні»: `verified` = today, `verified_by` = the maintainer.
    Verify,
    /// «Редагувати»: the edit form over the agency's fields.
    Edit,
    /// «Нова установа»: the edit form for a new agency.
    NewAgency,
    /// In the edit form: save.
    Save,
    /// In the edit form, after a save refused because the file changed on disk: open the form
    /// again on the file as it is now, with the edits carried over.
    Merge,
    /// In the edit form: pick the line's value from a list (the directory's categories,
    /// topics, localities, or the choice's words).
    Choose,
    /// In the edit form: the next field / the one before.
    NextField,
    PrevField,
    /// Add the selected agency (with the chosen service) to the visit's plan.
    AddToPlan,
    /// Add the last step: back to this office.
    AddReturn,
    /// Move into the plan panel, or back out of it.
    FocusPlan,
    /// In the plan: move the selected step up / down.
    StepUp,
    StepDown,
    /// In the plan: remove the selected step.
    RemoveStep,
    /// In the plan: the next / previous common step note (none, «спочатку», …).
    NextNote,
    PrevNote,
    /// Take back the visit's last count from the statistics.
    UndoCount,
}

/// Where the keyboard is: decides which bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The result list with the search line.
    List,
    /// An agency's card.
    Card,
    /// A category or locality picker (type to filter).
    Picker,
    /// Help, the problems list, the QR code, the statistics (read and scroll).
    Pager,
    /// The print preview: typing goes into the «Для:» field, Enter prints.
    Preview,
    /// A small window with a line to type (a correction report, the maintainer's name, the
    /// first start's lines): ↑↓ and Tab choose, Enter sends or goes on.
    Dialog,
    /// The edit form: typing goes into the field, Tab / ↑↓ / Enter move between fields,
    /// Ctrl-S saves.
    Form,
    /// The visit's plan panel: ↑↓ choose a step, keys move, remove and annotate it.
    Plan,
    /// Typing a step's own note: typing goes into it, Enter keeps it.
    Note,
}

const ALL: &[Scope] = &[
    Scope::List,
    Scope::Card,
    Scope::Picker,
    Scope::Pager,
    Scope::Preview,
    Scope::Dialog,
    Scope::Form,
    Scope::Plan,
    Scope::Note,
];
const FORM: &[Scope] = &[Scope::Form];
/// Lines to move between with Tab: the edit form's, the dialogs' (the first start's lines,
/// the report's field).
const FIELDS: &[Scope] = &[Scope::Form, Scope::Dialog];
const CARD: &[Scope] = &[Scope::Card];
const LIST_CARD: &[Scope] = &[Scope::List, Scope::Card];
/// What gives the referral works on the plan too: F2 and F5 take the whole plan.
const GIVE: &[Scope] = &[Scope::List, Scope::Card, Scope::Plan];
const PLAN: &[Scope] = &[Scope::Plan];
/// Tab chooses the service wherever one is shown: the card and the print preview.
const SERVICE: &[Scope] = &[Scope::Card, Scope::Preview];
const PREVIEW: &[Scope] = &[Scope::Preview];
const EDIT: &[Scope] = &[
    Scope::List,
    Scope::Picker,
    Scope::Preview,
    Scope::Note,
    Scope::Dialog,
    Scope::Form,
];
const MOVE: &[Scope] = &[
    Scope::List,
    Scope::Card,
    Scope::Picker,
    Scope::Pager,
    Scope::Preview,
    Scope::Plan,
    Scope::Dialog,
    Scope::Form,
];

/// A key with its modifiers, as written in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn with(code: KeyCode, mods: KeyModifiers) -> Key {
    Key { code, mods }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub struct Binding {
    pub key: Key,
    pub command: Command,
    pub scopes: &'static [Scope],
}

const fn b(key: Key, command: Command, scopes: &'static [Scope]) -> Binding {
    Binding {
        key,
        command,
        scopes,
    }
}

/// The key map. The first key listed for a command is the one the hint bar shows.
pub static BINDINGS: &[Binding] = &[
    b(k(KeyCode::F(10)), Command::Quit, ALL),
    b(ctrl('q'), Command::Quit, ALL),
    b(ctrl('c'), Command::Quit, ALL),
    b(k(KeyCode::F(1)), Command::Help, ALL),
    b(
        k(KeyCode::Enter),
        Command::Open,
        &[
            Scope::List,
            Scope::Picker,
            Scope::Pager,
            Scope::Preview,
            Scope::Dialog,
            Scope::Form,
            Scope::Plan,
            Scope::Note,
        ],
    ),
    b(k(KeyCode::Esc), Command::Back, ALL),
    b(k(KeyCode::Up), Command::Up, MOVE),
    b(ctrl('p'), Command::Up, MOVE),
    b(ctrl('k'), Command::Up, MOVE),
    b(k(KeyCode::Down), Command::Down, MOVE),
    b(ctrl('n'), Command::Down, MOVE),
    b(ctrl('j'), Command::Down, MOVE),
    b(k(KeyCode::PageUp), Command::PageUp, MOVE),
    b(k(KeyCode::PageDown), Command::PageDown, MOVE),
    b(k(KeyCode::Backspace), Command::DeleteBack, EDIT),
    b(k(KeyCode::Delete), Command::DeleteForward, EDIT),
    b(ctrl('w'), Command::DeleteWord, EDIT),
    b(ctrl('u'), Command::ClearQuery, EDIT),
    b(k(KeyCode::Left), Command::Left, EDIT),
    b(k(KeyCode::Right), Command::Right, EDIT),
    b(k(KeyCode::Home), Command::Home, EDIT),
    b(ctrl('a'), Command::Home, EDIT),
    b(k(KeyCode::End), Command::End, EDIT),
    b(ctrl('e'), Command::End, EDIT),
    b(k(KeyCode::Tab), Command::NextService, SERVICE),
    b(k(KeyCode::BackTab), Command::PrevService, SERVICE),
    b(k(KeyCode::F(2)), Command::Print, GIVE),
    b(k(KeyCode::F(3)), Command::CategoryFilter, LIST_CARD),
    b(k(KeyCode::F(4)), Command::LocalityFilter, LIST_CARD),
    b(k(KeyCode::F(5)), Command::Copy, GIVE),
    b(k(KeyCode::F(6)), Command::ShowQr, LIST_CARD),
    b(k(KeyCode::F(7)), Command::ToggleOpenNow, LIST_CARD),
    b(k(KeyCode::F(8)), Command::Problems, LIST_CARD),
    // F9 again closes the statistics, as it opened them.
    b(
        k(KeyCode::F(9)),
        Command::Stats,
        &[Scope::List, Scope::Card, Scope::Pager],
    ),
    // Ctrl-R first (shown in the hints): some desktop terminals (Guake, Yakuake) take F12.
    b(ctrl('r'), Command::MarkReferred, GIVE),
    b(k(KeyCode::F(12)), Command::MarkReferred, GIVE),
    // F2 again, in the window F2 opened: where the slip goes. Three outputs need no way back.
    b(k(KeyCode::F(2)), Command::NextOutput, PREVIEW),
    // Everywhere, the print preview too: the visitor may leave before the slip is printed.
    b(ctrl('l'), Command::NextVisitor, ALL),
    // Keeping the data true, from the card (or the selected result); the plan has Ctrl-D,
    // Ctrl-O and Ctrl-T, and B (tmux), H, I, M (Backspace, Tab, Enter) and V (paste) are
    // the terminal's. F for "flag": the frontliner flags an error in two keys (Ctrl-F, then
    // Enter after a short note); G for "good" — verified today; E for "edit", on the card
    // only (wherever a line is typed, Ctrl-E is its end); X for a new entry. In the form,
    // Ctrl-S saves, as in every editor.
    b(ctrl('f'), Command::Report, LIST_CARD),
    b(ctrl('g'), Command::Verify, LIST_CARD),
    b(ctrl('e'), Command::Edit, CARD),
    b(ctrl('x'), Command::NewAgency, LIST_CARD),
    b(ctrl('s'), Command::Save, FORM),
    // R for «re-read»: the file as changed on disk, with the form's edits on top.
    b(ctrl('r'), Command::Merge, FORM),
    // F3 picks a category in the list and on the card; in the form, whatever the line takes.
    b(k(KeyCode::F(3)), Command::Choose, FORM),
    b(k(KeyCode::Tab), Command::NextField, FIELDS),
    b(k(KeyCode::BackTab), Command::PrevField, FIELDS),
    // The plan of the visit. Ctrl-D «додати»; Ctrl-O «office», the step back to us; Ctrl-T
    // in and out of the plan panel. Inside it Ctrl-↑/↓ (Alt-↑/↓ where the desktop takes
    // Ctrl-arrows) move a step, Del removes it, Tab picks a common note, Enter types one.
    b(ctrl('d'), Command::AddToPlan, LIST_CARD),
    b(ctrl('o'), Command::AddReturn, GIVE),
    b(ctrl('t'), Command::FocusPlan, GIVE),
    b(
        with(KeyCode::Up, KeyModifiers::CONTROL),
        Command::StepUp,
        PLAN,
    ),
    b(with(KeyCode::Up, KeyModifiers::ALT), Command::StepUp, PLAN),
    b(
        with(KeyCode::Down, KeyModifiers::CONTROL),
        Command::StepDown,
        PLAN,
    ),
    b(
        with(KeyCode::Down, KeyModifiers::ALT),
        Command::StepDown,
        PLAN,
    ),
    b(k(KeyCode::Delete), Command::RemoveStep, PLAN),
    b(k(KeyCode::Tab), Command::NextNote, PLAN),
    b(k(KeyCode::BackTab), Command::PrevNote, PLAN),
    // Ctrl-Z: the usual undo; raw mode keeps it from suspending the program.
    b(ctrl('z'), Command::UndoCount, GIVE),
];

/// The bound command for a key press in a scope. Key releases (Windows) are ignored.
pub fn lookup(scope: Scope, ev: &KeyEvent) -> Option<Command> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let (code, mods) = normalise(ev);
    BINDINGS
        .iter()
        .find(|b| b.key.code == code && b.key.mods == mods && b.scopes.contains(&scope))
        .map(|b| b.command)
}

/// Terminals disagree on how they report some keys; fold the variants into the table's form.
fn normalise(ev: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match ev.code {
        // Ctrl-letters arrive lower-case from most terminals, upper-case from some.
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_ascii_lowercase())
        }
        KeyCode::BackTab => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        c => {
            // Shift on a function or arrow key is not a different command here.
            mods.remove(KeyModifiers::SHIFT);
            c
        }
    };
    (code, mods)
}

/// A printable character to type, when the key is one: plain or shifted, and AltGr
/// (Ctrl+Alt) combinations that layouts use for letters like ґ or €.
pub fn typed_char(ev: &KeyEvent) -> Option<char> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let KeyCode::Char(c) = ev.code else {
        return None;
    };
    let m = ev.modifiers;
    let altgr = m.contains(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let plain = !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    ((plain || altgr) && !c.is_control()).then_some(c)
}

/// Every key bound to `command` in `scope`, in table order.
pub fn keys_for(command: Command, scope: Scope) -> impl Iterator<Item = Key> {
    BINDINGS
        .iter()
        .filter(move |b| b.command == command && b.scopes.contains(&scope))
        .map(|b| b.key)
}

/// Every key bound to `command` in any scope, without repeats.
pub fn all_keys_for(command: Command) -> Vec<Key> {
    let mut v: Vec<Key> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.command == command) {
        if !v.contains(&b.key) {
            v.push(b.key);
        }
    }
    v
}

/// "F10", "Ctrl-Q", "Enter", "↑", "Shift-Tab".
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => c.to_uppercase().to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

impl Command {
    /// The short label for the hint bar ("картка", "друк"). Esc's label depends on what it will
    /// do, which only the state knows; see [`back_label`].
    pub fn hint(self, lang: Lang) -> &'static str {
        use Command::*;
        let (uk, en) = match self {
            Quit => ("вихід", "quit"),
            Help => ("довідка", "help"),
            Open => ("картка", "card"),
            Back => ("назад", "back"),
            Up | Down => ("вибір", "move"),
            PageUp | PageDown => ("сторінка", "page"),
            DeleteBack | DeleteForward | DeleteWord | ClearQuery => ("стерти", "delete"),
            Left | Right | Home | End => ("курсор", "cursor"),
            NextService | PrevService => ("послуга", "service"),
            Print => ("друк", "print"),
            Copy => ("копіювати", "copy"),
            ShowQr => ("QR", "QR"),
            CategoryFilter => ("категорія", "category"),
            LocalityFilter => ("місто", "town"),
            ToggleOpenNow => ("відчинені", "open now"),
            Problems => ("проблеми", "problems"),
            MarkReferred => ("направлено", "referred"),
            Stats => ("статистика", "statistics"),
            NextOutput => ("куди", "output"),
            NextVisitor => ("новий візит", "next visitor"),
            Report => ("помилка", "report error"),
            Verify => ("перевірено", "verified"),
            Edit => ("редагувати", "edit"),
            NewAgency => ("нова установа", "new agency"),
            Save => ("зберегти", "save"),
            Merge => ("перенести зміни", "carry over"),
            Choose => ("вибрати", "choose"),
            NextField | PrevField => ("поле", "field"),
            AddToPlan => ("до плану", "add to plan"),
            AddReturn => ("крок «до нас»", "step back to us"),
            FocusPlan => ("план", "plan"),
            StepUp | StepDown => ("перемістити", "move"),
            RemoveStep => ("вилучити", "remove"),
            NextNote | PrevNote => ("примітка", "note"),
            UndoCount => ("скасувати облік", "undo count"),
        };
        lang.pick(uk, en)
    }

    /// The longer description for the help screen.
    #[allow(clippy::too_many_lines)] // a table of phrases (data), one arm per command
    pub fn describe(self, lang: Lang) -> &'static str {
        use Command::*;
        let (uk, en) = match self {
            Quit => ("вийти з програми", "quit"),
            Help => ("ця довідка", "this help"),
            Open => (
                "відкрити картку вибраної установи (у списку вибору — вибрати; у вікні друку — надрукувати чи зберегти)",
                "open the selected agency's card (in a picker: take the item; in the print window: print or save)",
            ),
            Back => (
                "закрити вікно, інакше повернутися з картки, інакше очистити пошук (ніколи не виходить)",
                "close a window, else leave the card, else clear the search (never quits)",
            ),
            Up => ("вище", "up"),
            Down => ("нижче", "down"),
            PageUp => ("сторінка вгору", "page up"),
            PageDown => ("сторінка вниз", "page down"),
            DeleteBack => (
                "стерти символ ліворуч",
                "delete the character before the cursor",
            ),
            DeleteForward => (
                "стерти символ праворуч",
                "delete the character after the cursor",
            ),
            DeleteWord => ("стерти слово", "delete a word"),
            ClearQuery => ("очистити рядок", "clear the line"),
            Left => ("курсор ліворуч", "cursor left"),
            Right => ("курсор праворуч", "cursor right"),
            Home => ("на початок рядка", "to the start of the line"),
            End => ("у кінець рядка", "to the end of the line"),
            NextService => (
                "наступна послуга (у картці й у вікні друку)",
                "next service (in the card and the print window)",
            ),
            PrevService => ("попередня послуга", "previous service"),
            Print => (
                "направлення: попередній перегляд, вибір послуги, поле «Для:», друк чи збереження у файл",
                "referral slip: preview, the service, the «For:» field, print or save to a file",
            ),
            Copy => (
                "скопіювати текст направлення (без внутрішніх приміток) у буфер обміну",
                "copy the slip text (without internal notes) to the clipboard",
            ),
            ShowQr => (
                "показати QR-код з телефоном",
                "show a QR code with the phone number",
            ),
            CategoryFilter => ("фільтр за категорією", "filter by category"),
            LocalityFilter => ("фільтр за містом", "filter by town"),
            ToggleOpenNow => ("лише ті, що зараз відчинені", "only those open now"),
            Problems => (
                "проблеми в даних (файл:рядок) і останні зміни файлів",
                "problems in the data (file:line) and recent file changes",
            ),
            MarkReferred => (
                "позначити направлення, дане усно (лише для статистики)",
                "count a referral given by word of mouth (statistics only)",
            ),
            Stats => (
                "направлення цього місяця за категоріями",
                "this month's referrals by category",
            ),
            NextOutput => (
                "у вікні друку: куди — принтер, PDF-файл, текстовий файл",
                "in the print window: where to — printer, PDF file, text file",
            ),
            NextVisitor => (
                "новий візит: забути все про попередній (запит, фільтри, картку, вікна, ім'я в полі «Для:») і почати з чистого екрана для наступного відвідувача",
                "next visitor: forget everything about this visit (the query, filters, card, windows, the name in «For:») and start from a clean screen",
            ),
            Report => (
                "повідомити про помилку в даних установи: вибрати поле (чи «інше») і коротко написати, що не так; повідомлення отримає упорядник",
                "report an error in the agency's data: choose the field (or «other») and say briefly what is wrong; the maintainer gets the report",
            ),
            Verify => (
                "перевірено сьогодні: записати в дані установи сьогоднішню дату перевірки й ім'я упорядника",
                "verified today: write today's date and the maintainer's name into the agency's data",
            ),
            Edit => (
                "редагувати дані установи у формі: кожне поле перевіряється, поки ви пишете",
                "edit the agency's data in a form: every field is checked as you type",
            ),
            NewAgency => (
                "нова установа: та сама форма для нового запису",
                "new agency: the same form for a new entry",
            ),
            Save => (
                "у формі: зберегти (лише якщо помилок немає і файл не змінив хтось інший)",
                "in the form: save (only with no errors, and if nobody else changed the file)",
            ),
            Merge => (
                "у формі, коли збереження не вдалося через зміни файлу на диску: узяти версію з диска й перенести на неї ваші зміни (поля, які змінили обидва, позначено)",
                "in the form, when a save was refused because the file changed on disk: take the version on disk and carry your changes over onto it (fields both changed are marked)",
            ),
            Choose => (
                "у формі: вибрати значення поля зі списку (категорії й теми довідника, населені пункти, варіанти на вибір)",
                "in the form: pick the line's value from a list (the directory's categories and topics, localities, the choices)",
            ),
            NextField => (
                "наступне поле у формі чи віконці (у формі також ↓ і Enter; PgDn, PgUp — наступний і попередній розділ)",
                "next field in the form or a small window (in the form also ↓ and Enter; PgDn, PgUp: the next and previous section)",
            ),
            PrevField => (
                "попереднє поле у формі чи віконці (також ↑)",
                "previous field in the form or a small window (also ↑)",
            ),
            AddToPlan => (
                "додати вибрану установу (з вибраною послугою) до плану візиту",
                "add the selected agency (with the chosen service) to the visit's plan",
            ),
            AddReturn => (
                "додати до плану останній крок: повернутися до нас (адреса й телефон бюро)",
                "add the plan's last step: come back to us (the office's address and phone)",
            ),
            FocusPlan => (
                "перейти до плану візиту (там же — текст для читання вголос) або повернутися до списку",
                "go to the visit's plan (with its text to read aloud) or back to the list",
            ),
            StepUp => (
                "у плані: перемістити крок вище",
                "in the plan: move the step up",
            ),
            StepDown => (
                "у плані: перемістити крок нижче",
                "in the plan: move the step down",
            ),
            RemoveStep => ("у плані: вилучити крок", "in the plan: remove the step"),
            NextNote => (
                "у плані: примітка до кроку («спочатку», «коли отримаєте документ», «потім поверніться до нас»); Enter — написати свою",
                "in the plan: the step's note («спочатку», «коли отримаєте документ», «потім поверніться до нас»); Enter to type one",
            ),
            PrevNote => (
                "у плані: попередня примітка",
                "in the plan: the previous note",
            ),
            UndoCount => (
                "скасувати останній облік направлення в цьому візиті (його рядок зникає зі статистики)",
                "take back the visit's last counted referral (its line leaves the statistics)",
            ),
        };
        lang.pick(uk, en)
    }
}

/// Help screen groups: (group, commands in order).
pub const HELP_GROUPS: &[(super::strings::Msg, &[Command])] = {
    use super::strings::Msg;
    use Command::*;
    &[
        (
            Msg::HelpGroupSearch,
            &[
                DeleteBack,
                DeleteForward,
                DeleteWord,
                ClearQuery,
                Left,
                Right,
                Home,
                End,
            ],
        ),
        (
            Msg::HelpGroupList,
            &[
                Up,
                Down,
                PageUp,
                PageDown,
                Open,
                NextService,
                PrevService,
                Back,
            ],
        ),
        (
            Msg::HelpGroupCard,
            &[
                Print,
                Copy,
                ShowQr,
                MarkReferred,
                CategoryFilter,
                LocalityFilter,
                ToggleOpenNow,
                Report,
                Verify,
                Edit,
                NewAgency,
            ],
        ),
        (
            Msg::HelpGroupForm,
            &[Save, Merge, Choose, NextField, PrevField],
        ),
        (Msg::HelpGroupPreview, &[NextOutput]),
        (
            Msg::HelpGroupPlan,
            &[
                AddToPlan, AddReturn, FocusPlan, StepUp, StepDown, RemoveStep, NextNote, PrevNote,
                UndoCount,
            ],
        ),
        (
            Msg::HelpGroupGlobal,
            &[NextVisitor, Problems, Stats, Help, Quit],
        ),
    ]
};

/// The hint bar's commands for a scope, in display order, each with a priority: when the bar is
/// too narrow the lowest priorities are dropped first (quit is never dropped). The way out of
/// a window or the card (Esc) outranks help: a person who can read F1 but not Esc is stuck.
pub fn hint_commands(scope: Scope) -> &'static [(Command, u8)] {
    use Command::*;
    match scope {
        Scope::List => &[
            (Open, 8),
            (Back, 2),
            (Print, 6),
            // Building the visit's plan from the list: before the QR code, which is on the
            // card's bar too and gives way to it.
            (AddToPlan, 4),
            (CategoryFilter, 5),
            (LocalityFilter, 5),
            // Copying is on the card's bar too; here it is the first to give way.
            (Copy, 3),
            (ShowQr, 3),
            // The open-now toggle is also a chip on the search line, clickable; the monthly
            // figures have only this key, so they stay on the bar at 120 columns.
            (ToggleOpenNow, 2),
            (Problems, 3),
            (MarkReferred, 2),
            (Stats, 4),
            // Shown only while there is a visit to forget; gives way before the filters.
            (NextVisitor, 5),
            // The way into the plan shows once it has steps, the undo once something was
            // counted.
            (FocusPlan, 6),
            (UndoCount, 1),
            (Help, 9),
            (Quit, 10),
        ],
        Scope::Card => &[
            (Back, 9),
            (NextService, 7),
            (Print, 6),
            (Copy, 4),
            (ShowQr, 2),
            (MarkReferred, 1),
            (AddToPlan, 6),
            (AddReturn, 3),
            (FocusPlan, 5),
            (UndoCount, 1),
            // After the QR code: on a narrow bar it goes before it.
            (NextVisitor, 2),
            // Last to get room: F1 lists them, and the bar keeps the referral's own keys.
            (Report, 1),
            (Verify, 1),
            (Edit, 1),
            (Help, 8),
            (Quit, 10),
        ],
        Scope::Plan => &[
            (Back, 9),
            (Up, 3),
            (StepUp, 6),
            (RemoveStep, 6),
            (NextNote, 5),
            (Open, 4),
            (AddReturn, 5),
            (Print, 7),
            (Copy, 4),
            (MarkReferred, 2),
            (UndoCount, 2),
            (NextVisitor, 3),
            (Help, 8),
            (Quit, 10),
        ],
        Scope::Note => &[(Open, 9), (Back, 9), (Help, 8), (Quit, 10)],
        Scope::Picker => &[(Open, 9), (Back, 9), (Up, 3), (Help, 8), (Quit, 10)],
        Scope::Pager => &[(Back, 9), (Up, 3), (Help, 8), (Quit, 10)],
        Scope::Preview => &[
            (Open, 9),
            (NextService, 8),
            (NextOutput, 7),
            (Back, 9),
            (Up, 3),
            (Help, 8),
            (Quit, 10),
        ],
        Scope::Dialog => &[(Open, 9), (Back, 9), (Up, 3), (Help, 8), (Quit, 10)],
        Scope::Form => &[
            (Save, 9),
            (Merge, 9),
            (Choose, 8),
            (NextField, 7),
            (Back, 9),
            (Help, 8),
            (Quit, 10),
        ],
    }
}

#[cfg(test)]
mod tests;

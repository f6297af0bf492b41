//! Why an `hours` or `lunch` string could not be read: a typed problem with the data it is
//! about, and its text in each language, rendered at the edge (`message(lang)`). `diagnose`
//! decides which problem it is; this file only words it.

use jiff::civil::Time;

use super::week::hhmm;
use crate::i18n::Lang;

const DAY_HINT: &str = "use Пн Вт Ср Чт Пт Сб Нд or Mo Tu We Th Fr Sa Su";
const DAYS_UK: &str = "Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
const DAY_HINT_UK: &str = "пишіть Пн Вт Ср Чт Пт Сб Нд або Mo Tu We Th Fr Sa Su";
const EXAMPLE: &str = "Пн-Пт 09:00-18:00";
pub(super) const LUNCH_EXAMPLE: &str = "13:00-13:45";

/// An `hours` or `lunch` string that could not be read: where, and what is wrong.
///
/// `Display` (logs, `?` at the edges) is English; people read [`HoursError::message`] in the
/// interface language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct HoursError {
    /// Character (not byte) offset into the original string where the problem is.
    pub offset: usize,
    pub problem: Problem,
}

/// What is wrong, by where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The whole `hours` is empty.
    Empty,
    /// A word (outside a comment) that is not a day name.
    Word(WordProblem),
    /// A word in the wrong place.
    Placed(PlacedWord),
    /// A malformed time, a space or a stray character.
    Syntax(SyntaxProblem),
    /// The opening-hours grammar accepted the text but a value is wrong; `detail` is the
    /// crate's own (English) wording, the most precise there is for the rare cases.
    Value { detail: String, value: ValueProblem },
    /// The `lunch` field.
    Lunch(LunchProblem),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordProblem {
    MixedScripts(String),
    /// «щодня» and friends.
    EveryDay(String),
    /// «цілодобово».
    RoundTheClock(String),
    /// «вихідний», «зачинено».
    Closed(String),
    /// «перерва», «обід».
    Break(String),
    /// «Вс», «воскресенье».
    Sunday(String),
    /// «з», «до», «год».
    Filler(String),
    UnknownDay(String),
    Unknown(String),
}

/// A word the grammar found where it does not belong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacedWord {
    /// A day name right after a time, without «;».
    DayStartsRule(String),
    DayOutOfPlace(String),
    /// `ph`/`sh` not in capitals.
    Lowercase(String),
    KeywordOutOfPlace(String, Expected),
    Unexpected(String, Expected),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxProblem {
    /// A separator with nothing after it.
    TrailingSeparator(char),
    EndsEarly(Expected),
    Time(TimeProblem),
    UnexpectedToken(String, Expected),
    ExtraSpace,
    SpacedDash,
    UnexpectedSpace(Expected),
    UnexpectedChar(char, Expected),
}

/// A time that cannot be read; `example` is the one the message shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeProblem {
    Dotted(String),
    /// No colon; `fixed` is the maintainer's own time corrected when it is obvious.
    NoMinutes {
        token: String,
        fixed: Option<String>,
        example: &'static str,
    },
    StartsAt24,
    OutOfRange(String),
    Expected(char, &'static str),
    NotATime(String, &'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    Time(String),
    Overflow {
        value: String,
        min: String,
        max: String,
    },
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LunchProblem {
    Empty,
    Separator(char),
    NoEnd,
    Trailing(String),
    Zero(Time),
    Inverted { start: Time, end: Time },
}

/// What the parser expected at an error, most useful first; empty: a whole rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expected(pub Vec<Expect>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    TimeRange,
    Day,
    Separator,
    Modifier,
}

impl HoursError {
    pub(super) fn new(offset: usize, problem: impl Into<Problem>) -> Self {
        Self {
            offset,
            problem: problem.into(),
        }
    }

    /// What is wrong and how to fix it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (en, uk) = match &self.problem {
            Problem::Empty => (
                format!("hours are empty — write them like {EXAMPLE}, or 24/7 for round the clock"),
                format!(
                    "години роботи не вказано — пишіть так: {EXAMPLE}, а для цілодобової роботи — 24/7"
                ),
            ),
            Problem::Word(w) => w.texts(),
            Problem::Placed(w) => w.texts(),
            Problem::Syntax(s) => s.texts(),
            Problem::Value { detail, value } => (
                format!("{detail} — write hours like {EXAMPLE}; {DAY_HINT}"),
                format!(
                    "{} — пишіть години так: {EXAMPLE} (дні: {DAYS_UK})",
                    value.uk(detail)
                ),
            ),
            Problem::Lunch(l) => l.texts(),
        };
        match lang {
            Lang::Uk => uk,
            Lang::En => en,
        }
    }
}

impl From<WordProblem> for Problem {
    fn from(p: WordProblem) -> Self {
        Problem::Word(p)
    }
}

impl From<PlacedWord> for Problem {
    fn from(p: PlacedWord) -> Self {
        Problem::Placed(p)
    }
}

impl From<SyntaxProblem> for Problem {
    fn from(p: SyntaxProblem) -> Self {
        Problem::Syntax(p)
    }
}

impl From<TimeProblem> for Problem {
    fn from(p: TimeProblem) -> Self {
        Problem::Syntax(SyntaxProblem::Time(p))
    }
}

impl From<LunchProblem> for Problem {
    fn from(p: LunchProblem) -> Self {
        Problem::Lunch(p)
    }
}

impl Expected {
    /// (English, Ukrainian nominative — it follows «тут має бути»).
    fn texts(&self) -> (String, String) {
        let join = |parts: Vec<&str>, or: &str| match parts.split_last() {
            None => None,
            Some((last, [])) => Some((*last).to_owned()),
            Some((last, rest)) => Some(format!("{} {or} {last}", rest.join(", "))),
        };
        let words: Vec<(&str, &str)> = self.0.iter().map(|e| e.words()).collect();
        let en = join(words.iter().map(|p| p.0).collect(), "or");
        let uk = join(words.iter().map(|p| p.1).collect(), "або");
        (
            en.unwrap_or_else(|| format!("a rule like {EXAMPLE}")),
            uk.unwrap_or_else(|| format!("правило, як-от {EXAMPLE}")),
        )
    }
}

impl Expect {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Expect::TimeRange => (
                "a time range like 09:00-18:00",
                "проміжок часу, як-от 09:00-18:00",
            ),
            Expect::Day => ("a day such as Пн or Mo", "день, як-от Пн або Mo"),
            Expect::Separator => (
                "\";\" before the next rule",
                "\";\" перед наступним правилом",
            ),
            Expect::Modifier => ("off (or a \"comment\")", "off (чи \"коментар\")"),
        }
    }
}

impl WordProblem {
    /// (English, Ukrainian).
    fn texts(&self) -> (String, String) {
        match self {
            WordProblem::MixedScripts(word) => (
                format!("\"{word}\" mixes Cyrillic and Latin letters — retype it: {DAY_HINT}"),
                format!(
                    "у \"{word}\" змішано кириличні й латинські літери — наберіть слово заново; {DAY_HINT_UK}"
                ),
            ),
            WordProblem::EveryDay(word) => (
                format!(
                    "\"{word}\" is not understood — for every day write Пн-Нд 09:00-18:00 (or Mo-Su 09:00-18:00)"
                ),
                format!("замість \"{word}\" пишіть Пн-Нд 09:00-18:00 (або Mo-Su 09:00-18:00)"),
            ),
            WordProblem::RoundTheClock(word) => (
                format!("\"{word}\" is not understood — write 24/7 for round the clock"),
                format!("замість \"{word}\" пишіть 24/7"),
            ),
            WordProblem::Closed(word) => (
                format!(
                    "\"{word}\" is not understood — days that are not listed are closed; to mark days closed explicitly write off, e.g. Сб-Нд off"
                ),
                format!(
                    "слово \"{word}\" тут не потрібне — дні, яких немає в записі, і так вихідні; щоб позначити вихідні явно, пишіть off, наприклад Сб-Нд off"
                ),
            ),
            WordProblem::Break(word) => (
                format!(
                    "\"{word}\" is not understood — give the break in the field \"lunch\" (lunch = \"13:00-13:45\") or split the hours: Пн-Пт 09:00-13:00,13:45-18:00"
                ),
                format!(
                    "слово \"{word}\" тут не підходить — вкажіть перерву в полі \"lunch\" (lunch = \"13:00-13:45\") або розбийте час на два проміжки: Пн-Пт 09:00-13:00,13:45-18:00"
                ),
            ),
            WordProblem::Sunday(word) => (
                format!("unknown day \"{word}\" — Sunday is Нд; {DAY_HINT}"),
                format!("невідомий день \"{word}\" — неділя позначається Нд; {DAY_HINT_UK}"),
            ),
            WordProblem::Filler(word) => (
                format!(
                    "\"{word}\" is not understood — write days and times without words, e.g. {EXAMPLE}"
                ),
                format!(
                    "слово \"{word}\" тут зайве — пишіть дні й час без слів, наприклад {EXAMPLE}"
                ),
            ),
            WordProblem::UnknownDay(word) => (
                format!("unknown day \"{word}\" — {DAY_HINT}"),
                format!("невідомий день \"{word}\" — {DAY_HINT_UK}"),
            ),
            WordProblem::Unknown(word) => (
                format!(
                    "unknown word \"{word}\" — write day names ({DAY_HINT}) and times like 09:00-18:00; put remarks in the field \"hours_note\""
                ),
                format!(
                    "невідоме слово \"{word}\" — пишіть лише дні ({DAYS_UK}) і час, як-от 09:00-18:00; примітки пишіть у поле \"hours_note\""
                ),
            ),
        }
    }
}

impl PlacedWord {
    /// (English, Ukrainian).
    fn texts(&self) -> (String, String) {
        match self {
            PlacedWord::DayStartsRule(word) => (
                format!(
                    "day \"{word}\" starts a new rule — put \";\" before it, e.g. Пн-Пт 09:00-18:00; Сб 10:00-14:00"
                ),
                format!(
                    "день \"{word}\" починає нове правило — поставте перед ним \";\", наприклад Пн-Пт 09:00-18:00; Сб 10:00-14:00"
                ),
            ),
            PlacedWord::DayOutOfPlace(word) => (
                format!(
                    "day \"{word}\" is out of place — join days with \",\" or \"-\" (Пн,Ср or Пн-Пт), then a space and the times, e.g. {EXAMPLE}"
                ),
                format!(
                    "день \"{word}\" стоїть не на місці — дні пишіть через \",\" або \"-\" (Пн,Ср чи Пн-Пт), далі пробіл і час, наприклад {EXAMPLE}"
                ),
            ),
            PlacedWord::Lowercase(word) => {
                let upper = word.to_uppercase();
                (
                    format!("write \"{word}\" in capitals: {upper}, e.g. {EXAMPLE}; {upper} off"),
                    format!(
                        "пишіть \"{word}\" великими літерами: {upper}, наприклад {EXAMPLE}; {upper} off"
                    ),
                )
            }
            PlacedWord::KeywordOutOfPlace(word, expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("\"{word}\" is out of place here — expected {expected}"),
                    format!("\"{word}\" тут не на місці — тут має бути {expected_uk}"),
                )
            }
            PlacedWord::Unexpected(word, expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("unexpected \"{word}\" — expected {expected}"),
                    format!("неочікуване слово \"{word}\" — тут має бути {expected_uk}"),
                )
            }
        }
    }
}

impl SyntaxProblem {
    /// (English, Ukrainian).
    fn texts(&self) -> (String, String) {
        match self {
            SyntaxProblem::TrailingSeparator(sep) => (
                format!(
                    "nothing follows the final \"{sep}\" — remove it or add another rule after it"
                ),
                format!(
                    "після останнього \"{sep}\" нічого немає — приберіть його або допишіть після нього ще одне правило"
                ),
            ),
            SyntaxProblem::EndsEarly(expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("the hours end too early — expected {expected}"),
                    format!("запис обривається надто рано — далі має бути {expected_uk}"),
                )
            }
            SyntaxProblem::Time(t) => t.texts(),
            SyntaxProblem::UnexpectedToken(token, expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("unexpected \"{token}\" — expected {expected}"),
                    format!("неочікуваний запис \"{token}\" — тут має бути {expected_uk}"),
                )
            }
            SyntaxProblem::ExtraSpace => (
                "extra space — use a single space between days and times".to_owned(),
                "зайвий пробіл — між днями й часом ставте один пробіл".to_owned(),
            ),
            SyntaxProblem::SpacedDash => (
                "no spaces around \"-\" between days — write Пн-Пт".to_owned(),
                "між днями пишіть \"-\" без пробілів: Пн-Пт".to_owned(),
            ),
            SyntaxProblem::UnexpectedSpace(expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("unexpected space — expected {expected}"),
                    format!("неочікуваний пробіл — тут має бути {expected_uk}"),
                )
            }
            SyntaxProblem::UnexpectedChar(c, expected) => {
                let (expected, expected_uk) = expected.texts();
                (
                    format!("unexpected \"{c}\" — expected {expected}"),
                    format!("неочікуваний символ \"{c}\" — тут має бути {expected_uk}"),
                )
            }
        }
    }
}

impl TimeProblem {
    /// (English, Ukrainian).
    fn texts(&self) -> (String, String) {
        match self {
            TimeProblem::Dotted(token) => (
                format!("time \"{token}\" — write times with a colon, e.g. 09:00"),
                format!("час \"{token}\" — пишіть час через двокрапку, наприклад 09:00"),
            ),
            TimeProblem::NoMinutes {
                token,
                fixed,
                example,
            } => (
                format!("time \"{token}\" needs minutes — write times as HH:MM, e.g. {example}"),
                match fixed {
                    Some(fixed) if token.len() <= 2 => {
                        format!("час без хвилин — пишіть {fixed}, а не {token}")
                    }
                    Some(fixed) => format!("час без двокрапки — пишіть {fixed}, а не {token}"),
                    None => format!(
                        "час \"{token}\" без хвилин — пишіть час як ГГ:ХХ, наприклад {example}"
                    ),
                },
            ),
            TimeProblem::StartsAt24 => (
                "24:00 can only end a time range — start the day at 00:00".to_owned(),
                "24:00 може лише завершувати проміжок — початок доби пишіть як 00:00".to_owned(),
            ),
            TimeProblem::OutOfRange(token) => (
                format!(
                    "\"{token}\" is not a valid time — hours go from 00 to 23 and minutes from 00 to 59 (24:00 only ends a range)"
                ),
                format!(
                    "\"{token}\" — неможливий час: години бувають від 00 до 23, хвилини — від 00 до 59 (24:00 — лише як кінець проміжку)"
                ),
            ),
            TimeProblem::Expected(c, example) => (
                format!("unexpected \"{c}\" — expected a time, e.g. {example}"),
                format!("неочікуваний символ \"{c}\" — тут має бути час, наприклад {example}"),
            ),
            TimeProblem::NotATime(token, example) => (
                format!("\"{token}\" is not a time — write times as HH:MM, e.g. {example}"),
                format!("\"{token}\" — це не час; пишіть час як ГГ:ХХ, наприклад {example}"),
            ),
        }
    }
}

impl ValueProblem {
    /// The Ukrainian head of the message; `detail` is the crate's English.
    fn uk(&self, detail: &str) -> String {
        match self {
            ValueProblem::Time(time) => format!("неправильний час {time}"),
            ValueProblem::Overflow { value, min, max } => {
                format!("число {value} завелике: має бути від {min} до {max}")
            }
            ValueProblem::Other => format!("запис не вдалося прочитати ({detail})"),
        }
    }
}

impl LunchProblem {
    /// (English, Ukrainian).
    fn texts(&self) -> (String, String) {
        match self {
            LunchProblem::Empty => (
                format!("lunch break is empty — write it like {LUNCH_EXAMPLE}"),
                format!("обідню перерву не вказано — пишіть так: {LUNCH_EXAMPLE}"),
            ),
            LunchProblem::Separator(c) => (
                format!(
                    "unexpected \"{c}\" — separate the start and the end of the lunch break with \"-\", e.g. {LUNCH_EXAMPLE}"
                ),
                format!(
                    "неочікуваний символ \"{c}\" — розділіть початок і кінець перерви знаком \"-\", наприклад {LUNCH_EXAMPLE}"
                ),
            ),
            LunchProblem::NoEnd => (
                format!("the lunch break has no end time — write it like {LUNCH_EXAMPLE}"),
                format!(
                    "не вказано, коли закінчується обідня перерва — пишіть так: {LUNCH_EXAMPLE}"
                ),
            ),
            LunchProblem::Trailing(rest) => (
                format!(
                    "unexpected \"{rest}\" after the lunch break — write one break like {LUNCH_EXAMPLE}"
                ),
                format!(
                    "зайвий текст \"{rest}\" після обідньої перерви — вкажіть одну перерву, наприклад {LUNCH_EXAMPLE}"
                ),
            ),
            LunchProblem::Zero(at) => (
                format!(
                    "the lunch break starts and ends at {} — write it like {LUNCH_EXAMPLE}",
                    hhmm(*at)
                ),
                format!(
                    "обідня перерва починається й закінчується о {} — пишіть так: {LUNCH_EXAMPLE}",
                    hhmm(*at)
                ),
            ),
            LunchProblem::Inverted { start, end } => (
                format!(
                    "the lunch break ends ({}) before it starts ({}) — write the earlier time first, e.g. {LUNCH_EXAMPLE}",
                    hhmm(*end),
                    hhmm(*start)
                ),
                format!(
                    "обідня перерва закінчується ({}) раніше, ніж починається ({}) — спершу пишіть раніший час, наприклад {LUNCH_EXAMPLE}",
                    hhmm(*end),
                    hhmm(*start)
                ),
            ),
        }
    }
}

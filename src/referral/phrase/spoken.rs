//! Text from the data made speakable: what the frontliner can read aloud without stumbling.
//!
//! Abbreviations become words in the case the preposition before them asks for («вхід з вул.
//! Хлібної» → «вхід з вулиці Хлібної», «у каб. 112» → «у кабінеті 112», «кабінет 21–23» →
//! «кабінети 21–23»), floors become ordinals («на 1 поверсі» → «на першому поверсі»), dates,
//! sums and sizes become words («з 01.11.2026 по 31.12.2026» → «з 1 листопада по 31 грудня 2026
//! року», «34 грн» → «34 гривні», «3×4 см» → «3 на 4 сантиметри»), weekday abbreviations become
//! days («Вт і Чт» → «у вівторок і четвер»), phone numbers are grouped as in the phone list, and
//! web addresses are left out (the slip carries them). Anything not recognised stays as written.

pub use super::words::has_url;
use super::words::{
    dates_spoken, phones_spoken, times_spoken, units_spoken, weekdays_spoken, without_urls,
};

/// Abbreviations read as whole words (nominative; the case is chosen afterwards).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("вул.", "вулиця"),
    ("просп.", "проспект"),
    ("пр-т", "проспект"),
    ("пл.", "площа"),
    ("бул.", "бульвар"),
    ("б-р", "бульвар"),
    ("пров.", "провулок"),
    ("буд.", "будинок"),
    ("корп.", "корпус"),
    ("каб.", "кабінет"),
    ("кімн.", "кімната"),
    ("оф.", "офіс"),
    ("кв.", "квартира"),
    ("пов.", "поверх"),
    ("м.", "місто"),
    ("смт", "селище міського типу"),
    ("с.", "село"),
    ("сел.", "селище"),
    ("обл.", "область"),
    ("р-н", "район"),
    ("р-ну", "району"),
    ("ім.", "імені"),
    ("наб.", "набережна"),
    ("майд.", "майдан"),
    ("туп.", "тупик"),
    ("узв.", "узвіз"),
    ("№", "номер"),
];

/// Nouns whose case follows the preposition before them: nominative, genitive, locative,
/// nominative plural, genitive plural, locative plural.
const NOUNS: &[[&str; 6]] = &[
    ["вулиця", "вулиці", "вулиці", "вулиці", "вулиць", "вулицях"],
    [
        "проспект",
        "проспекту",
        "проспекті",
        "проспекти",
        "проспектів",
        "проспектах",
    ],
    ["площа", "площі", "площі", "площі", "площ", "площах"],
    [
        "бульвар",
        "бульвару",
        "бульварі",
        "бульвари",
        "бульварів",
        "бульварах",
    ],
    [
        "провулок",
        "провулку",
        "провулку",
        "провулки",
        "провулків",
        "провулках",
    ],
    [
        "будинок",
        "будинку",
        "будинку",
        "будинки",
        "будинків",
        "будинках",
    ],
    [
        "корпус",
        "корпусу",
        "корпусі",
        "корпуси",
        "корпусів",
        "корпусах",
    ],
    [
        "кабінет",
        "кабінету",
        "кабінеті",
        "кабінети",
        "кабінетів",
        "кабінетах",
    ],
    [
        "кімната",
        "кімнати",
        "кімнаті",
        "кімнати",
        "кімнат",
        "кімнатах",
    ],
    ["офіс", "офісу", "офісі", "офіси", "офісів", "офісах"],
    ["вікно", "вікна", "вікні", "вікна", "вікон", "вікнах"],
    [
        "поверх",
        "поверху",
        "поверсі",
        "поверхи",
        "поверхів",
        "поверхах",
    ],
    ["місто", "міста", "місті", "міста", "міст", "містах"],
    ["село", "села", "селі", "села", "сіл", "селах"],
    ["селище", "селища", "селищі", "селища", "селищ", "селищах"],
    [
        "область",
        "області",
        "області",
        "області",
        "областей",
        "областях",
    ],
    ["район", "району", "районі", "райони", "районів", "районах"],
    [
        "набережна",
        "набережної",
        "набережній",
        "набережні",
        "набережних",
        "набережних",
    ],
    [
        "майдан",
        "майдану",
        "майдані",
        "майдани",
        "майданів",
        "майданах",
    ],
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Nominative,
    Genitive,
    Locative,
}

/// Prepositions (and «з боку») after which a place word is in the genitive.
const GENITIVE_PREPOSITIONS: &[&str] = &[
    "з",
    "із",
    "зі",
    "від",
    "біля",
    "до",
    "навпроти",
    "поруч",
    "поблизу",
    "вздовж",
    "боку",
    "посеред",
    "після",
    "коло",
    "для",
];

/// Words after which a bare number is a house number: «вулиця Київська, 24» → «…, будинок 24».
const STREET_WORDS: &[&str] = &[
    "вулиця",
    "проспект",
    "площа",
    "бульвар",
    "провулок",
    "майдан",
    "набережна",
    "тупик",
    "узвіз",
    "шосе",
    "алея",
    "проїзд",
];

/// Ordinals 1–10 in the masculine: nominative, genitive, locative.
const ORDINALS: &[[&str; 3]] = &[
    ["перший", "першого", "першому"],
    ["другий", "другого", "другому"],
    ["третій", "третього", "третьому"],
    ["четвертий", "четвертого", "четвертому"],
    ["п'ятий", "п'ятого", "п'ятому"],
    ["шостий", "шостого", "шостому"],
    ["сьомий", "сьомого", "сьомому"],
    ["восьмий", "восьмого", "восьмому"],
    ["дев'ятий", "дев'ятого", "дев'ятому"],
    ["десятий", "десятого", "десятому"],
];

/// Text from the data made speakable (see the module documentation).
pub fn spoken(text: &str) -> String {
    let text = without_urls(text);
    let text = phones_spoken(&text);
    let text = dates_spoken(&text);
    let text = times_spoken(&text);
    let text = weekdays_spoken(&text);
    let text = units_spoken(&text);
    text.split(',')
        .map(|seg| spoken_segment(seg.trim()))
        .fold(Vec::<String>::new(), |mut acc, seg| {
            // «вулиця Київська, 24», «на вулиці Пушкінській, 32/8»: any case of a street word.
            let after_street = acc.last().is_some_and(|prev| {
                prev.split_whitespace().any(|w| {
                    let w = w.to_lowercase();
                    STREET_WORDS.contains(&w.as_str())
                        || NOUNS
                            .iter()
                            .any(|f| STREET_WORDS.contains(&f[0]) && f.contains(&w.as_str()))
                })
            });
            if after_street && is_house_number(&seg) {
                acc.push(format!("будинок {seg}"));
            } else {
                acc.push(seg);
            }
            acc
        })
        .join(", ")
        .replace(" ,", ",")
}

fn ordinal(n: &str) -> Option<&'static [&'static str; 3]> {
    let digits = n.trim_end_matches("-й").trim_end_matches("-ий");
    digits
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=ORDINALS.len()).contains(n))
        .map(|n| &ORDINALS[n - 1])
}

/// A number range or list after a room word («21–23», «10-12»): the noun goes plural.
fn is_plural_number(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';', '.', ')']);
    let parts: Vec<&str> = w.split(['–', '-', '—']).collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Verbs after which «у»/«в»/«на» says where to go, not where something is.
const MOTION_VERBS: &[&str] = &[
    "прийти",
    "приходьте",
    "прийдіть",
    "підійти",
    "підійдіть",
    "зайти",
    "зайдіть",
    "пройти",
    "пройдіть",
    "піти",
    "йти",
    "іти",
    "звернутися",
    "зверніться",
    "звертатися",
    "звертайтеся",
    "повернутися",
    "поверніться",
    "прибути",
];

fn case_after(prev: Option<&str>) -> Case {
    match prev {
        Some("у" | "в" | "на") => Case::Locative,
        Some(p) if GENITIVE_PREPOSITIONS.contains(&p) => Case::Genitive,
        _ => Case::Nominative,
    }
}

#[allow(clippy::too_many_lines)] // one ordered list of spoken-form rewrites; order matters, read top to bottom
fn spoken_segment(seg: &str) -> String {
    // Split «вул.Київська» into «вул.» «Київська» so that the abbreviation is seen.
    let mut words: Vec<String> = Vec::new();
    for w in seg.split_whitespace() {
        match ABBREVIATIONS
            .iter()
            .find(|(abbr, _)| abbr.ends_with('.') && w.len() > abbr.len() && w.starts_with(abbr))
        {
            Some((abbr, _)) => {
                words.push(abbr.to_string());
                words.push(w[abbr.len()..].to_string());
            }
            None => words.push(w.to_string()),
        }
    }
    // First the abbreviations, in the nominative.
    let mut expanded: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        // «(м. Київ)»: the abbreviation is seen through an opening bracket or quote.
        let lead_len = word.len() - word.trim_start_matches(['(', '«', '"', '[']).len();
        let (lead, w) = word.split_at(lead_len);
        // «с.» and «м.» are only settlement types before a capitalised name; otherwise (an
        // initial, the end of a sentence) leave them alone.
        let next_capital = words
            .get(i + 1)
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_uppercase);
        let bare = matches!(w, "м." | "с.") && !next_capital;
        // «Житомирської обл.» / «в Житомирській обл.»: the case is the adjective's.
        let prev = expanded.last().map(|p| p.to_lowercase());
        if w == "обл."
            && prev
                .as_deref()
                .is_some_and(|p| p.ends_with("ої") || p.ends_with("ій"))
        {
            expanded.push(format!("{lead}області"));
            continue;
        }
        match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, full)) if !bare => {
                // Word by word, so that «селище міського типу» declines its first word.
                for (k, part) in full.split(' ').enumerate() {
                    expanded.push(if k == 0 {
                        format!("{lead}{part}")
                    } else {
                        part.to_string()
                    });
                }
            }
            _ => expanded.push(word.clone()),
        }
    }
    // Then the case and number each noun needs, and floors as ordinals.
    let mut out: Vec<String> = Vec::with_capacity(expanded.len());
    for (i, word) in expanded.iter().enumerate() {
        let lead_len = word.len() - word.trim_start_matches(['(', '«', '"', '[']).len();
        let (lead, w) = word.split_at(lead_len);
        let prev = out.last().map(|p| p.to_lowercase());
        let mut case = case_after(prev.as_deref());
        // «прийти в каб. 305»: after a verb of motion «у»/«в» says where to go, not where
        // something is; «прийти до кабінету 305» says it without the locative.
        let before = out.len().checked_sub(2).map(|k| out[k].to_lowercase());
        if case == Case::Locative
            && matches!(prev.as_deref(), Some("у" | "в"))
            && NOUNS.iter().any(|f| f[0] == w)
            && before.is_some_and(|b| MOTION_VERBS.contains(&b.as_str()))
        {
            if let Some(p) = out.last_mut() {
                *p = "до".to_string();
            }
            case = Case::Genitive;
        }
        let next = expanded.get(i + 1).map(String::as_str).unwrap_or("");
        if let Some(forms) = NOUNS.iter().find(|f| f[0] == w) {
            // «селище міського типу»: only the first word declines.
            let plural = is_plural_number(next)
                && !["місто", "село", "селище", "область", "район"].contains(&w);
            let form = match (case, plural) {
                (Case::Nominative, false) => forms[0],
                (Case::Genitive, false) => forms[1],
                (Case::Locative, false) => forms[2],
                (Case::Nominative, true) => forms[3],
                (Case::Genitive, true) => forms[4],
                (Case::Locative, true) => forms[5],
            };
            // After «у»/«на» the locative is certain only before a number or a name («у
            // кабінеті 112», «на вулиці Пушкінській») or for a settlement («у місті
            // Житомирі»); «вхід у будинок» is a direction.
            let numbered = next.starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
                || next == "номер";
            let settlement = ["місто", "село", "селище", "область"].contains(&w);
            if case == Case::Locative && !numbered && !settlement {
                out.push(word.clone());
            } else {
                out.push(format!("{lead}{form}"));
            }
            continue;
        }
        // «1 поверх», «на 2 поверсі», «2 і 3 поверхи» → ordinals agreeing with «поверх».
        if let Some(o) = ordinal(w) {
            let floor_word = expanded[i + 1..]
                .iter()
                .take(4)
                .find(|x| ordinal(x).is_none() && !matches!(x.as_str(), "і" | "та" | "й" | ","))
                .map(|x| x.trim_end_matches([',', ';', '.', ')']).to_string());
            let idx = match floor_word.as_deref() {
                Some("поверх" | "поверхи") => Some(0),
                Some("поверху" | "поверхів") => Some(1),
                Some("поверсі" | "поверхах") => Some(2),
                _ => None,
            };
            if let Some(idx) = idx {
                out.push(format!("{lead}{}", o[idx]));
                continue;
            }
        }
        out.push(word.clone());
    }
    // «поверх 2» → «другий поверх»
    let joined = out.join(" ");
    let ws: Vec<&str> = joined.split_whitespace().collect();
    match ws.as_slice() {
        ["поверх", n] => match ordinal(n) {
            Some(o) => format!("{} поверх", o[0]),
            None => joined,
        },
        _ => joined,
    }
}

/// «24», «16-Є», «4/2», «7а», «12 А».
fn is_house_number(seg: &str) -> bool {
    let mut chars = seg.chars().peekable();
    if !chars.peek().is_some_and(char::is_ascii_digit) {
        return false;
    }
    let rest: String = chars.skip_while(char::is_ascii_digit).collect();
    let rest = rest.trim_start_matches(['-', '/', ' ']);
    rest.chars().count() <= 3 && rest.chars().all(|c| c.is_alphanumeric())
}

/// The phrase's sentences end with one full stop (text from the data may already end with one).
pub fn sentence(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    if s.ends_with(['?', '!', '…']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

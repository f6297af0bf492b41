//! Ukrainian noun-phrase grammar for agency names: the gender of the head noun and the name in
//! the genitive case, as needed after «звернутися до …».
//!
//! Only what can be done reliably is done: an official name is a noun phrase whose head noun
//! (управління, центр, служба, …) comes after the adjectives that agree with it and before
//! everything that depends on it (already in the genitive: «… праці та соціального захисту
//! населення», «у м. Житомирі», «"Надія"»). So declining the name means declining the leading
//! adjectives and the head noun and keeping the rest as written. A name whose head noun is not
//! in the table, or whose leading words do not agree with it (an abbreviation such as «ЦНАП», a
//! number), gives `None`, and the phrase then uses wording that needs no agreement.

use serde::{Deserialize, Serialize};

pub mod person;

/// Grammatical gender of an agency name's head noun («який/яка/яке/які розташован…»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    #[serde(rename = "m")]
    Masculine,
    #[serde(rename = "f")]
    Feminine,
    #[serde(rename = "n")]
    Neuter,
    #[serde(rename = "pl")]
    Plural,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Gender> {
        Some(match s {
            "m" => Gender::Masculine,
            "f" => Gender::Feminine,
            "n" => Gender::Neuter,
            "pl" => Gender::Plural,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Gender::Masculine => "m",
            Gender::Feminine => "f",
            Gender::Neuter => "n",
            Gender::Plural => "pl",
        }
    }
}

/// Known head nouns: nominative, genitive singular (plural for `Plural`), gender.
const HEADS: &[(&str, &str, Gender)] = &[
    ("управління", "управління", Gender::Neuter),
    ("відділення", "відділення", Gender::Neuter),
    ("бюро", "бюро", Gender::Neuter),
    ("товариство", "товариства", Gender::Neuter),
    ("підприємство", "підприємства", Gender::Neuter),
    ("міністерство", "міністерства", Gender::Neuter),
    ("агентство", "агентства", Gender::Neuter),
    ("представництво", "представництва", Gender::Neuter),
    ("об'єднання", "об'єднання", Gender::Neuter),
    ("консульство", "консульства", Gender::Neuter),
    ("центр", "центру", Gender::Masculine),
    ("відділ", "відділу", Gender::Masculine),
    ("фонд", "фонду", Gender::Masculine),
    ("суд", "суду", Gender::Masculine),
    ("сектор", "сектору", Gender::Masculine),
    ("департамент", "департаменту", Gender::Masculine),
    ("комітет", "комітету", Gender::Masculine),
    ("заклад", "закладу", Gender::Masculine),
    ("офіс", "офісу", Gender::Masculine),
    ("пункт", "пункту", Gender::Masculine),
    ("притулок", "притулку", Gender::Masculine),
    ("хаб", "хабу", Gender::Masculine),
    ("інститут", "інституту", Gender::Masculine),
    ("університет", "університету", Gender::Masculine),
    ("коледж", "коледжу", Gender::Masculine),
    ("ліцей", "ліцею", Gender::Masculine),
    ("диспансер", "диспансеру", Gender::Masculine),
    ("госпіталь", "госпіталю", Gender::Masculine),
    ("архів", "архіву", Gender::Masculine),
    ("секретаріат", "секретаріату", Gender::Masculine),
    ("штаб", "штабу", Gender::Masculine),
    ("будинок", "будинку", Gender::Masculine),
    ("палац", "палацу", Gender::Masculine),
    ("клуб", "клубу", Gender::Masculine),
    ("служба", "служби", Gender::Feminine),
    ("філія", "філії", Gender::Feminine),
    ("інспекція", "інспекції", Gender::Feminine),
    ("лікарня", "лікарні", Gender::Feminine),
    ("амбулаторія", "амбулаторії", Gender::Feminine),
    ("контора", "контори", Gender::Feminine),
    ("організація", "організації", Gender::Feminine),
    ("лінія", "лінії", Gender::Feminine),
    ("комісія", "комісії", Gender::Feminine),
    ("рада", "ради", Gender::Feminine),
    ("установа", "установи", Gender::Feminine),
    ("поліклініка", "поліклініки", Gender::Feminine),
    ("клініка", "клініки", Gender::Feminine),
    ("прокуратура", "прокуратури", Gender::Feminine),
    ("поліція", "поліції", Gender::Feminine),
    ("палата", "палати", Gender::Feminine),
    ("адміністрація", "адміністрації", Gender::Feminine),
    ("приймальня", "приймальні", Gender::Feminine),
    ("консультація", "консультації", Gender::Feminine),
    ("дільниця", "дільниці", Gender::Feminine),
    ("спілка", "спілки", Gender::Feminine),
    ("асоціація", "асоціації", Gender::Feminine),
    ("академія", "академії", Gender::Feminine),
    ("лабораторія", "лабораторії", Gender::Feminine),
    ("станція", "станції", Gender::Feminine),
    ("частина", "частини", Gender::Feminine),
    ("бібліотека", "бібліотеки", Gender::Feminine),
    ("школа", "школи", Gender::Feminine),
    ("громада", "громади", Gender::Feminine),
    ("курси", "курсів", Gender::Plural),
];

/// Latin-script names that belong in Ukrainian text as they are (services, apps, document
/// codes).
const LATIN_ALLOWED: &[&str] = &[
    "Viber",
    "Telegram",
    "WhatsApp",
    "Signal",
    "Helsi",
    "BankID",
    "ID",
    "SMS",
    "QR",
    "PDF",
    "IBAN",
    "Wi-Fi",
    "Google",
    "Facebook",
    "Instagram",
    "online",
];

/// English (Latin-script) words in a Ukrainian text, such as «(reception)»: the phrase would
/// read them aloud. Web and e-mail addresses and the names in [`LATIN_ALLOWED`] are not
/// counted.
pub fn latin_words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| {
            !w.contains(['@', '/', '.']) || w.ends_with('.') && !w[..w.len() - 1].contains('.')
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !LATIN_ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(w)))
        .filter(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect()
}

/// How many adjectives may precede the head noun («Житомирський окружний адміністративний суд»
/// has three); beyond that the name is not a shape this module understands.
const MAX_ADJECTIVES: usize = 5;

/// The gender of the name's head noun, when the program knows the noun and the words before it
/// agree with it.
pub fn head_gender(name: &str) -> Option<Gender> {
    analyse(name).map(|a| a.gender)
}

/// The name declined into the genitive («звернутися до …»), when it can be done reliably.
pub fn genitive(name: &str) -> Option<String> {
    let a = analyse(name)?;
    let mut out = String::with_capacity(name.len() + 8);
    let mut at = 0;
    for (range, replacement) in &a.replacements {
        out.push_str(&name[at..range.start]);
        out.push_str(replacement);
        at = range.end;
    }
    out.push_str(&name[at..]);
    Some(out)
}

struct Analysis {
    gender: Gender,
    /// Byte ranges of `name` (in order) and their genitive forms.
    replacements: Vec<(std::ops::Range<usize>, String)>,
}

/// Folds the apostrophe variants met in real text to `'` and lowercases.
fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '’' | 'ʼ' | '`' | '‘' | '´' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\'' | '’' | 'ʼ' | '`' | '-')
}

/// The words of `name` (byte ranges of whitespace-separated tokens), at most `n`.
fn tokens(name: &str, n: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in name.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
                if out.len() == n {
                    return out;
                }
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..name.len());
    }
    out.truncate(n);
    out
}

/// The leading run of word characters of a token (its trailing punctuation, such as a comma,
/// is kept as written). `None` when the token does not start with a letter («"Надія"», «№»).
fn core(name: &str, token: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let t = &name[token.clone()];
    if !t.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let len = t
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(t.len(), |(i, _)| i);
    Some(token.start..token.start + len)
}

fn is_all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// Cased like `model`: all capitals when the model is, else as given (the stem keeps its case).
fn cased(model: &str, ending: &str) -> String {
    if is_all_caps(model) {
        ending.to_uppercase()
    } else {
        ending.to_string()
    }
}

fn lookup_head(word: &str) -> Option<(&'static str, &'static str, Gender)> {
    let folded = fold(word);
    // A compound such as «кол-центр» declines its last part.
    let last = folded.rsplit('-').next().unwrap_or(&folded);
    HEADS
        .iter()
        .find(|(nom, _, _)| *nom == last)
        .map(|&(n, g, gender)| (n, g, gender))
}

/// The genitive of the head noun `word` (cased as written): the part of the nominative shared
/// with the genitive is kept from the original, the rest replaced.
fn decline_head(word: &str, nom: &str, gen_form: &str) -> String {
    let nom_chars: Vec<char> = nom.chars().collect();
    let gen_chars: Vec<char> = gen_form.chars().collect();
    let common = nom_chars
        .iter()
        .zip(&gen_chars)
        .take_while(|(a, b)| a == b)
        .count();
    let word_chars: Vec<char> = word.chars().collect();
    // The matched noun is the word's last `nom_chars.len()` characters (a compound's prefix is
    // kept); of those, keep the shared part.
    let keep = word_chars.len() - nom_chars.len() + common;
    let stem: String = word_chars[..keep].iter().collect();
    let tail: String = gen_chars[common..].iter().collect();
    format!("{stem}{}", cased(word, &tail))
}

/// The genitive of an adjective agreeing with a head of `gender`, or `None` when the word does
/// not look like such an adjective (so that the name is left alone rather than broken).
fn decline_adjective(word: &str, gender: Gender) -> Option<String> {
    if !word.chars().all(is_word_char) || word.ends_with('-') {
        return None;
    }
    let folded = fold(word);
    // A compound adjective («медико-соціальна») declines its last part.
    let last = folded.rsplit('-').next().unwrap_or(&folded);
    if last.chars().count() < 3 || !last.chars().all(is_cyrillic_letter) {
        return None;
    }
    // (nominative ending, characters to drop, genitive ending)
    let rules: &[(&str, usize, &str)] = match gender {
        Gender::Masculine => &[("ій", 2, "ього"), ("ий", 2, "ого")],
        Gender::Feminine => &[("я", 1, "ьої"), ("а", 1, "ої")],
        Gender::Neuter => &[("є", 1, "ього"), ("е", 1, "ого")],
        Gender::Plural => &[("і", 1, "их")],
    };
    let (_, drop, ending) = rules.iter().find(|(nom, _, _)| last.ends_with(nom))?;
    let chars: Vec<char> = word.chars().collect();
    let stem: String = chars[..chars.len() - drop].iter().collect();
    Some(format!("{stem}{}", cased(word, ending)))
}

fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ґ' | 'є' | 'і' | 'ї' | '\'')
}

fn analyse(name: &str) -> Option<Analysis> {
    let toks = tokens(name, MAX_ADJECTIVES + 1);
    for (i, tok) in toks.iter().enumerate() {
        let range = core(name, tok.clone())?;
        let word = &name[range.clone()];
        let Some((nom, gen_form, gender)) = lookup_head(word) else {
            continue;
        };
        let mut replacements = Vec::with_capacity(i + 1);
        for adj_tok in &toks[..i] {
            // An adjective is a whole token: «Державна», not «Державна,».
            let adj = &name[adj_tok.clone()];
            replacements.push((adj_tok.clone(), decline_adjective(adj, gender)?));
        }
        replacements.push((range, decline_head(word, nom, gen_form)));
        return Some(Analysis {
            gender,
            replacements,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Gender::*;

    /// (name, expected genitive, expected gender); `None` where the program must not guess.
    const CASES: &[(&str, Option<&str>, Option<Gender>)] = &[
        (
            "Головне управління Пенсійного фонду України в Житомирській області",
            Some("Головного управління Пенсійного фонду України в Житомирській області"),
            Some(Neuter),
        ),
        (
            "Державна міграційна служба",
            Some("Державної міграційної служби"),
            Some(Feminine),
        ),
        ("Обласний центр", Some("Обласного центру"), Some(Masculine)),
        (
            "Центр надання адміністративних послуг м. Житомира",
            Some("Центру надання адміністративних послуг м. Житомира"),
            Some(Masculine),
        ),
        (
            "Управління соціального захисту населення Житомирської міської ради",
            Some("Управління соціального захисту населення Житомирської міської ради"),
            Some(Neuter),
        ),
        (
            "Житомирський міський центр зайнятості",
            Some("Житомирського міського центру зайнятості"),
            Some(Masculine),
        ),
        (
            "Відділ державної реєстрації актів цивільного стану",
            Some("Відділу державної реєстрації актів цивільного стану"),
            Some(Masculine),
        ),
        (
            "Відділення поліції № 1 Житомирського районного управління поліції",
            Some("Відділення поліції № 1 Житомирського районного управління поліції"),
            Some(Neuter),
        ),
        (
            "Філія державної установи «Центр пробації» в Житомирській області",
            Some("Філії державної установи «Центр пробації» в Житомирській області"),
            Some(Feminine),
        ),
        (
            "Благодійний фонд «Надія»",
            Some("Благодійного фонду «Надія»"),
            Some(Masculine),
        ),
        (
            "Житомирський окружний адміністративний суд",
            Some("Житомирського окружного адміністративного суду"),
            Some(Masculine),
        ),
        (
            "Державна податкова інспекція у м. Житомирі",
            Some("Державної податкової інспекції у м. Житомирі"),
            Some(Feminine),
        ),
        (
            "Обласна дитяча лікарня",
            Some("Обласної дитячої лікарні"),
            Some(Feminine),
        ),
        (
            "Сільська лікарська амбулаторія",
            Some("Сільської лікарської амбулаторії"),
            Some(Feminine),
        ),
        (
            "Бердичівське бюро правової допомоги",
            Some("Бердичівського бюро правової допомоги"),
            Some(Neuter),
        ),
        (
            "Перша житомирська державна нотаріальна контора",
            Some("Першої житомирської державної нотаріальної контори"),
            Some(Feminine),
        ),
        (
            "Громадська організація «Право на захист»",
            Some("Громадської організації «Право на захист»"),
            Some(Feminine),
        ),
        (
            "Українське товариство сліпих",
            Some("Українського товариства сліпих"),
            Some(Neuter),
        ),
        (
            "Урядова контактна лінія",
            Some("Урядової контактної лінії"),
            Some(Feminine),
        ),
        (
            "Сектор ювенальної превенції",
            Some("Сектору ювенальної превенції"),
            Some(Masculine),
        ),
        (
            "Департамент соціальної політики Житомирської міської ради",
            Some("Департаменту соціальної політики Житомирської міської ради"),
            Some(Masculine),
        ),
        (
            "Медико-соціальна експертна комісія",
            Some("Медико-соціальної експертної комісії"),
            Some(Feminine),
        ),
        (
            "Житомирська міська рада",
            Some("Житомирської міської ради"),
            Some(Feminine),
        ),
        (
            "Служба у справах дітей Житомирської міської ради",
            Some("Служби у справах дітей Житомирської міської ради"),
            Some(Feminine),
        ),
        (
            "Територіальний центр соціального обслуговування",
            Some("Територіального центру соціального обслуговування"),
            Some(Masculine),
        ),
        ("Третій відділ", Some("Третього відділу"), Some(Masculine)),
        (
            "Третя державна нотаріальна контора",
            Some("Третьої державної нотаріальної контори"),
            Some(Feminine),
        ),
        (
            "ГОЛОВНЕ УПРАВЛІННЯ ДПС",
            Some("ГОЛОВНОГО УПРАВЛІННЯ ДПС"),
            Some(Neuter),
        ),
        (
            "Безкоштовні курси української мови",
            Some("Безкоштовних курсів української мови"),
            Some(Plural),
        ),
        (
            "Громадське об’єднання «Ветерани Житомирщини»",
            Some("Громадського об’єднання «Ветерани Житомирщини»"),
            Some(Neuter),
        ),
        (
            "Обласний контакт-центр",
            Some("Обласного контакт-центру"),
            Some(Masculine),
        ),
        (
            "Притулок для осіб, які постраждали від домашнього насильства",
            Some("Притулку для осіб, які постраждали від домашнього насильства"),
            Some(Masculine),
        ),
        (
            "Житомирська обласна прокуратура",
            Some("Житомирської обласної прокуратури"),
            Some(Feminine),
        ),
        (
            "Комунальне некомерційне підприємство «Міська лікарня № 1»",
            Some("Комунального некомерційного підприємства «Міська лікарня № 1»"),
            Some(Neuter),
        ),
        ("ЦНАП", None, None),
        ("ДМС у Житомирській області", None, None),
        ("ГУ ДПС у Житомирській області", None, None),
        (
            "КНП «Центр первинної медико-санітарної допомоги»",
            None,
            None,
        ),
        // The adjective does not agree with the head: do not guess.
        ("Обласна центр", None, None),
        // A nominative noun before the head is not an adjective.
        ("Мережа правової допомоги", None, None),
        ("«Центр пробації»", None, None),
        ("1-ша державна нотаріальна контора", None, None),
        ("Приватний нотаріус Іваненко Марія Петрівна", None, None),
    ];

    #[test]
    fn genitive_and_gender_of_agency_names() {
        assert!(CASES.len() >= 30);
        for &(name, want_gen, want_gender) in CASES {
            assert_eq!(genitive(name).as_deref(), want_gen, "genitive of «{name}»");
            assert_eq!(head_gender(name), want_gender, "gender of «{name}»");
        }
    }

    #[test]
    fn genitive_keeps_spacing_and_trailing_punctuation() {
        assert_eq!(
            genitive("Центр,  що надає послуги").as_deref(),
            Some("Центру,  що надає послуги")
        );
        assert_eq!(genitive("Служба").as_deref(), Some("Служби"));
    }

    #[test]
    fn english_words_are_found_and_names_of_apps_are_not() {
        assert_eq!(
            latin_words("поліклініка — за розкладом прийому (reception)."),
            vec!["reception"]
        );
        assert_eq!(
            latin_words("запис, Viber; Telegram; ID-картка; форма 070/о"),
            Vec::<&str>::new()
        );
        assert_eq!(
            latin_words("на https://id.court.gov.ua або mail@x.org"),
            Vec::<&str>::new()
        );
        assert_eq!(latin_words("call-центр open daily"), vec!["open", "daily"]);
    }

    #[test]
    fn empty_and_blank_names_have_no_genitive() {
        assert_eq!(genitive(""), None);
        assert_eq!(genitive("   "), None);
        assert_eq!(head_gender(""), None);
    }
}

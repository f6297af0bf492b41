//! Ukrainian personal names («Прізвище Ім'я По батькові»): the person's sex and the full name
//! in the genitive, as needed after «Зверніться до …».
//!
//! The rules are those of the Ukrainian orthography (Правопис 2019, §§ 91–93 on surnames, given
//! names and patronymics): men's surnames decline by their ending (Бондаренко → Бондаренка,
//! Мельник → Мельника, Лозовий → Лозового, Заїка → Заїки); women's surnames ending in a
//! consonant or -о do not decline (Кравчук, Левченко), those in -а/-я decline as nouns (Заїка →
//! Заїки) and the adjectival ones as adjectives (Савицька → Савицької, Соловйова →
//! Соловйової); each part of a double surname follows its own rule. Where the rules leave a
//! choice (a vowel that may alternate, as in Рябокінь → Рябоконя; -ар, which may be hard or
//! soft; -ина, which may be a noun or an adjective), the answer is `None` and the caller uses
//! wording that needs no declension: a wrong case in a name is worse than the nominative.

/// The sex of a person, from the patronymic (or, without one, the given name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A full name split into its parts: «Прізвище Ім'я По батькові».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FullName<'a> {
    pub surname: &'a str,
    pub given: &'a str,
    pub patronymic: &'a str,
    pub sex: Sex,
}

/// Recognises «Прізвище Ім'я По батькові». Two words are not enough: «Олена Петренко» and
/// «Петренко Олена» cannot be told apart by their endings.
pub fn parse(name: &str) -> Option<FullName<'_>> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [surname, given, patronymic] => {
            let sex = patronymic_sex(patronymic)?;
            // A given name that contradicts the patronymic means the order is not the expected one.
            if given_sex(given).is_some_and(|s| s != sex) {
                return None;
            }
            Some(FullName {
                surname,
                given,
                patronymic,
                sex,
            })
        }
        _ => None,
    }
}

/// The sex of the person named «Прізвище Ім'я По батькові», when it can be told.
pub fn sex(name: &str) -> Option<Sex> {
    parse(name).map(|n| n.sex)
}

/// The full name in the genitive («Кравчук Світлани Олександрівни»), or `None` when some part
/// cannot be declined with certainty.
pub fn genitive(name: &str) -> Option<String> {
    let n = parse(name)?;
    Some(format!(
        "{} {} {}",
        surname_genitive(n.surname, n.sex)?,
        given_genitive(n.given, n.sex)?,
        patronymic_genitive(n.patronymic)?
    ))
}

fn lower(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '’' | 'ʼ' | '`' | '‘' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drops `n` characters from the end of `word` and appends `ending`.
fn replace_end(word: &str, n: usize, ending: &str) -> String {
    let keep = word.chars().count() - n;
    let stem: String = word.chars().take(keep).collect();
    format!("{stem}{ending}")
}

fn patronymic_sex(p: &str) -> Option<Sex> {
    let l = lower(p);
    if l.ends_with("ович")
        || l.ends_with("евич")
        || (l.ends_with("ич") || l.ends_with("іч")) && l.chars().count() > 4
    {
        Some(Sex::Male)
    } else if l.ends_with("івна") || l.ends_with("ївна") || l.ends_with("овна") {
        Some(Sex::Female)
    } else {
        None
    }
}

fn patronymic_genitive(p: &str) -> Option<String> {
    match patronymic_sex(p)? {
        // Олександрович → Олександровича, Ілліч → Ілліча
        Sex::Male => Some(format!("{p}а")),
        // Олександрівна → Олександрівни
        Sex::Female => Some(replace_end(p, 1, "и")),
    }
}

/// Given names whose genitive the endings do not tell, or whose sex they do not tell.
const GIVEN: &[(&str, &str, Sex)] = &[
    ("Ігор", "Ігоря", Sex::Male),
    ("Лазар", "Лазаря", Sex::Male),
    ("Лев", "Лева", Sex::Male),
    ("Павло", "Павла", Sex::Male),
    ("Микола", "Миколи", Sex::Male),
    ("Кузьма", "Кузьми", Sex::Male),
    ("Лука", "Луки", Sex::Male),
    ("Сава", "Сави", Sex::Male),
    ("Фома", "Фоми", Sex::Male),
    ("Ілля", "Іллі", Sex::Male),
    ("Олекса", "Олекси", Sex::Male),
    ("Данила", "Данили", Sex::Male),
    ("Ярема", "Яреми", Sex::Male),
    ("Любов", "Любові", Sex::Female),
    ("Нінель", "Нінелі", Sex::Female),
];

fn given_sex(g: &str) -> Option<Sex> {
    if let Some(&(_, _, sex)) = GIVEN.iter().find(|(n, _, _)| lower(n) == lower(g)) {
        return Some(sex);
    }
    let l = lower(g);
    let last = l.chars().last()?;
    match last {
        'а' | 'я' => Some(Sex::Female),
        'о' | 'й' | 'ь' => Some(Sex::Male),
        c if is_consonant(c) => Some(Sex::Male),
        _ => None,
    }
}

fn given_genitive(g: &str, sex: Sex) -> Option<String> {
    if let Some((_, genitive, s)) = GIVEN.iter().find(|(n, _, _)| lower(n) == lower(g)) {
        return (*s == sex).then(|| genitive.to_string());
    }
    let l = lower(g);
    let last = l.chars().last()?;
    match (sex, last) {
        // Петро → Петра
        (Sex::Male, 'о') => Some(replace_end(g, 1, "а")),
        // Андрій → Андрія, Сергій → Сергія
        (Sex::Male, 'й') => Some(replace_end(g, 1, "я")),
        // Василь → Василя
        (Sex::Male, 'ь') => Some(replace_end(g, 1, "я")),
        // Олександр → Олександра
        (Sex::Male, c) if is_consonant(c) => Some(format!("{g}а")),
        // Світлана → Світлани, Ольга → Ольги, Марія → Марії, Леся → Лесі, Зоя → Зої
        (Sex::Female, 'а' | 'я') => noun_a_genitive(g),
        _ => None,
    }
}

fn is_consonant(c: char) -> bool {
    "бвгґджзйклмнпрстфхцчшщ".contains(c)
}

fn is_vowel(c: char) -> bool {
    "аеєиіїоуюя".contains(c)
}

/// A noun of the first declension in -а/-я, genitive: hard -а → -и, after ж ч ш щ → -і,
/// -я after a consonant → -і, after a vowel or an apostrophe → -ї.
fn noun_a_genitive(word: &str) -> Option<String> {
    let l: Vec<char> = lower(word).chars().collect();
    let (&last, rest) = l.split_last()?;
    let before = *rest.last()?;
    Some(match last {
        'а' if "жчшщ".contains(before) => replace_end(word, 1, "і"),
        'а' => replace_end(word, 1, "и"),
        'я' if is_vowel(before) || before == '\'' || before == 'й' => replace_end(word, 1, "ї"),
        'я' => replace_end(word, 1, "і"),
        _ => return None,
    })
}

/// Men's surnames in -ар whose genitive is known (the ending is soft in most, hard in some).
const SURNAMES_AR: &[(&str, &str)] = &[
    ("Бондар", "Бондаря"),
    ("Кобзар", "Кобзаря"),
    ("Пономар", "Пономаря"),
    ("Шинкар", "Шинкаря"),
    ("Лихвар", "Лихваря"),
    ("Кухар", "Кухаря"),
    ("Токар", "Токаря"),
    ("Пекар", "Пекаря"),
    ("Косар", "Косаря"),
    ("Гончар", "Гончара"),
    ("Гусар", "Гусара"),
    ("Захар", "Захара"),
    ("Макар", "Макара"),
    ("Назар", "Назара"),
];

/// One part of a surname (a double surname declines part by part).
fn surname_part_genitive(s: &str, sex: Sex) -> Option<String> {
    let l = lower(s);
    let chars: Vec<char> = l.chars().collect();
    let n = chars.len();
    if n < 2 || !chars.iter().all(|c| c.is_alphabetic() || *c == '\'') {
        return None;
    }
    let last = chars[n - 1];
    let ends = |e: &str| l.ends_with(e);
    // Indeclinable for both sexes: Черних, Довгих; Живаго, Дурново; foreign endings.
    if ends("их") || ends("іх") || ends("аго") || ends("яго") || ends("ово") {
        return Some(s.to_string());
    }
    if matches!(last, 'е' | 'є' | 'і' | 'ї' | 'у' | 'ю' | 'и') {
        return Some(s.to_string());
    }
    match sex {
        Sex::Female => {
            // Adjectival: Савицька → Савицької, Лозова → Лозової, Соловйова → Соловйової.
            if ["ська", "цька", "зька"].iter().any(|e| ends(e)) {
                return Some(replace_end(s, 1, "ої"));
            }
            if ["ова", "ева", "єва", "іна", "їна"].iter().any(|e| ends(e)) {
                return Some(replace_end(s, 1, "ої"));
            }
            match last {
                // Any other -а/-я: a noun (Заїка → Заїки, Калина → Калини) or an adjective
                // (Біла → Білої, Висока → Високої) — the ending does not tell which.
                'а' | 'я' => None,
                // Кравчук, Ковальчук, Левченко, Мельник: women's surnames on a consonant or
                // -о do not decline.
                'о' | 'й' | 'ь' => Some(s.to_string()),
                c if is_consonant(c) => Some(s.to_string()),
                _ => None,
            }
        }
        Sex::Male => {
            // Adjectival: Лозовий → Лозового, Савицький → Савицького.
            if ends("ий") {
                return Some(replace_end(s, 2, "ого"));
            }
            // -ній is an adjective (Крайній → Крайнього) or a noun (Чорній → Чорнія); -ой
            // is a Russian adjective.
            if ends("ній") || ends("ой") {
                return None;
            }
            if let Some((_, g)) = SURNAMES_AR.iter().find(|(nom, _)| lower(nom) == l) {
                return Some(g.to_string());
            }
            // Choices the rules leave open: a vowel that may alternate (Рябокінь →
            // Рябоконя, Петрів), a fleeting vowel (-ок, -ень), hard or soft -ар.
            if ["інь", "іль", "ів", "їв", "ок", "ень", "ар"]
                .iter()
                .any(|e| ends(e))
            {
                return None;
            }
            if ends("єць") {
                // Коломієць → Коломійця: є stands for й + е, and the е drops.
                return Some(replace_end(s, 3, "йця"));
            }
            if ends("ець") {
                // Кравець → Кравця, Стрілець → Стрільця; a one-syllable stem (Швець) varies.
                let stem_vowels = chars[..n - 3].iter().filter(|c| is_vowel(**c)).count();
                if stem_vowels == 0 {
                    return None;
                }
                let soft = chars[n - 4] == 'л';
                return Some(replace_end(s, 3, if soft { "ьця" } else { "ця" }));
            }
            match last {
                // Бондаренко → Бондаренка, Сахно → Сахна, Шило → Шила; a foreign -о (Гюго,
                // Карузо) does not decline, so only the Ukrainian endings are taken.
                'о' if ["ко", "но", "ло", "ро", "хо", "то", "во"]
                    .iter()
                    .any(|e| ends(e)) =>
                {
                    Some(replace_end(s, 1, "а"))
                }
                'о' => None,
                // Заїка → Заїки, Кучма → Кучми
                'а' | 'я' => noun_a_genitive(s),
                // Коваль → Коваля
                'ь' => Some(replace_end(s, 1, "я")),
                // Бабій → Бабія, Нечуй → Нечуя, Гай → Гая
                'й' if n > 2 && is_vowel(chars[n - 2]) => Some(replace_end(s, 1, "я")),
                // Мельник → Мельника, Кушнір → Кушніра, Кравчишин → Кравчишина
                c if is_consonant(c) => Some(format!("{s}а")),
                _ => None,
            }
        }
    }
}

fn surname_genitive(s: &str, sex: Sex) -> Option<String> {
    let parts: Option<Vec<String>> = s
        .split('-')
        .map(|p| surname_part_genitive(p, sex))
        .collect();
    Some(parts?.join("-"))
}

#[cfg(test)]
mod tests;

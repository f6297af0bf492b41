//! Dates, times, weekdays, sums, sizes, phone numbers and web addresses inside free text,
//! made speakable (see [`super::spoken`]).

use crate::i18n::{Plural, plural_uk};

const MONTHS: &[&str] = &[
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
];

/// Weekday abbreviations: the abbreviation, «у …» (accusative), «з …» (genitive), «по …».
const WEEKDAYS: &[(&str, &str, &str)] = &[
    ("Пн", "понеділок", "понеділка"),
    ("Вт", "вівторок", "вівторка"),
    ("Ср", "середу", "середи"),
    ("Чт", "четвер", "четверга"),
    ("Пт", "п'ятницю", "п'ятниці"),
    ("Сб", "суботу", "суботи"),
    ("Нд", "неділю", "неділі"),
];

/// A web address in the text (`https://…`, `www.…` or a bare `name.gov.ua`).
pub fn has_url(text: &str) -> bool {
    text.split_whitespace().any(is_url)
}

fn is_url(word: &str) -> bool {
    let w = word.trim_matches(|c: char| "()[]«»\"',;:".contains(c));
    let w = w.trim_end_matches('.');
    if w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.") {
        return true;
    }
    // A bare domain: Latin letters with a dot and a known top-level domain.
    w.is_ascii()
        && w.contains('.')
        && !w.contains('@')
        && [".ua", ".org", ".com", ".net", ".info", ".gov"]
            .iter()
            .any(|tld| w.ends_with(tld) || w.contains(&format!("{tld}/")))
}

/// The text without web addresses; a preposition left hanging («на https://…», «за адресою
/// https://…») goes with the address, and so do brackets left empty.
pub(super) fn without_urls(text: &str) -> String {
    if !has_url(text) {
        return text.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if is_url(word) {
            let trailing: String = word
                .trim_end_matches(|c: char| !"),;.".contains(c) || c == '/')
                .chars()
                .rev()
                .take_while(|c| "),;".contains(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let opening = word.starts_with('(');
            while out
                .last()
                .is_some_and(|w| matches!(w.as_str(), "на" | "адресою" | "за"))
            {
                out.pop();
            }
            // «Назва: https://…» — the colon goes too.
            if let Some(last) = out.last_mut()
                && last.ends_with(':')
            {
                last.pop();
            }
            match (opening, trailing.contains(')')) {
                (true, true) => {}
                (true, false) => out.push("(".to_string()),
                (false, _) => {
                    let rest = trailing.trim_start_matches(')');
                    if !rest.is_empty()
                        && let Some(last) = out.last_mut()
                    {
                        last.push_str(rest);
                    } else if trailing.contains(')')
                        && let Some(last) = out.last_mut()
                    {
                        last.push(')');
                    }
                }
            }
            continue;
        }
        out.push(word.to_string());
    }
    out.join(" ")
        .replace("( ", "(")
        .replace("()", "")
        .replace(" )", ")")
        .trim()
        .to_string()
}

/// Phone numbers inside text, grouped as in the phone list (`0412 42 44 09`), never `+380…`.
pub(super) fn phones_spoken(text: &str) -> String {
    let is_phone_char = |c: char| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | ' ' | '-');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c == '+' || c == '(' || c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let run_len = rest[start..]
            .find(|c: char| !is_phone_char(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        // The run may end in spaces or a bracket that belong to the text.
        let trimmed = run.trim_end_matches([' ', '-', '(']);
        let trimmed = if trimmed.matches('(').count() < trimmed.matches(')').count() {
            trimmed.trim_end_matches(')')
        } else {
            trimmed
        };
        let digits = trimmed.chars().filter(char::is_ascii_digit).count();
        let starts_like_phone =
            trimmed.starts_with('+') || trimmed.starts_with("(0") || trimmed.starts_with('0');
        // A short line number (1545, 1547) is grouped as in the phone list too.
        let short_line = trimmed.len() == 4 && trimmed.starts_with("15");
        let spoken = ((starts_like_phone && (10..=12).contains(&digits)) || short_line)
            .then(|| crate::phone::parse(trimmed).ok())
            .flatten();
        match spoken {
            Some(p) => {
                out.push_str(&p.spoken());
                rest = &rest[start + trimmed.len()..];
            }
            None => {
                let step = run
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8)
                    .max(trimmed.len());
                out.push_str(&rest[start..start + step]);
                rest = &rest[start + step..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A date found in text: day, month (1–12), year if written, bytes used.
type DateAt = (u32, usize, Option<u32>, usize);

/// A date `dd.mm.yyyy` or `dd.mm` at the start of `s`.
fn date_at(s: &str) -> Option<DateAt> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = s.get(from..from + n)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let day = digits(0, 2)?;
    if b.get(2) != Some(&b'.') {
        return None;
    }
    let month = digits(3, 2)? as usize;
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let (year, used) = match (b.get(5), digits(6, 4)) {
        (Some(b'.'), Some(y)) if !b.get(10).is_some_and(u8::is_ascii_digit) => (Some(y), 10),
        _ if b.get(5).is_some_and(u8::is_ascii_digit) => return None,
        _ => (None, 5),
    };
    Some((day, month, year, used))
}

/// «01.11.2026» → «1 листопада 2026 року»; in «з 01.11.2026 по 31.12.2026» the first year
/// is left out when both are the same.
pub(super) fn dates_spoken(text: &str) -> String {
    let mut found: Vec<(usize, DateAt)> = Vec::new();
    for (i, _) in text.char_indices() {
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.');
        if boundary && let Some(d) = date_at(&text[i..]) {
            found.push((i, d));
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for (k, &(i, (day, month, year, used))) in found.iter().enumerate() {
        if i < at {
            continue;
        }
        out.push_str(&text[at..i]);
        // «з D1 по D2» in one year: the year is said once, at the end.
        let next_same_year = found
            .get(k + 1)
            .is_some_and(|&(j, (_, _, y2, _))| y2 == year && text[i + used..j].trim() == "по");
        out.push_str(&format!("{day} {}", MONTHS[month - 1]));
        if let (Some(y), false) = (year, next_same_year) {
            out.push_str(&format!(" {y} року"));
        }
        at = i + used;
    }
    out.push_str(&text[at..]);
    out
}

/// «08:00-20:00» → «з 8:00 до 20:00», «08:00» → «8:00».
pub(super) fn times_spoken(text: &str) -> String {
    let time_at = |s: &str| -> Option<(String, usize)> {
        let b = s.as_bytes();
        let (h, used) = match (b.first(), b.get(1), b.get(2)) {
            (Some(a), Some(c), Some(b':')) if a.is_ascii_digit() && c.is_ascii_digit() => {
                ((a - b'0') as u32 * 10 + (c - b'0') as u32, 2)
            }
            (Some(a), Some(b':'), _) if a.is_ascii_digit() => ((a - b'0') as u32, 1),
            _ => return None,
        };
        let m = s.get(used + 1..used + 3)?;
        if h > 24 || !m.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some((format!("{h}:{m}"), used + 3))
    };
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let prev_ok = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_digit());
        if prev_ok && let Some((t1, n1)) = time_at(&text[i..]) {
            let after = &text[i + n1..];
            let dash = after.chars().next().filter(|c| matches!(c, '-' | '–'));
            if let Some(d) = dash
                && let Some((t2, n2)) = time_at(&after[d.len_utf8()..])
            {
                let said_from = out.trim_end().ends_with(" з") || out.trim_end() == "з";
                if said_from {
                    out.push_str(&format!("{t1} до {t2}"));
                } else {
                    out.push_str(&format!("з {t1} до {t2}"));
                }
                i += n1 + d.len_utf8() + n2;
                continue;
            }
            out.push_str(&t1);
            i += n1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// «Вт і Чт з 10:00» → «у вівторок і четвер з 10:00»; «Пн-Пт» → «з понеділка по п'ятницю».
pub(super) fn weekdays_spoken(text: &str) -> String {
    let day = |w: &str| WEEKDAYS.iter().position(|(a, _, _)| *a == w);
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let core = w.trim_end_matches([',', ';']);
        let tail = &w[core.len()..];
        // A range «Пн-Пт».
        if let Some((a, b)) = core.split_once(['-', '–'])
            && let (Some(a), Some(b)) = (day(a), day(b))
        {
            out.push(format!("з {} по {}{tail}", WEEKDAYS[a].2, WEEKDAYS[b].1));
            i += 1;
            continue;
        }
        if let Some(d) = day(core) {
            // A list «Вт і Чт», «Пн, Ср».
            let mut names = vec![WEEKDAYS[d].1.to_string()];
            let mut j = i + 1;
            let mut sep_tail = tail.to_string();
            while j + 1 < words.len() + 1 {
                let joiner = if sep_tail == "," {
                    Some(",")
                } else if j < words.len() && matches!(words[j], "і" | "та" | "й") {
                    Some(words[j])
                } else {
                    None
                };
                let next_at = if joiner == Some(",") { j } else { j + 1 };
                let Some(next) = words.get(next_at) else {
                    break;
                };
                let ncore = next.trim_end_matches([',', ';']);
                let (Some(joiner), Some(nd)) = (joiner, day(ncore)) else {
                    break;
                };
                if joiner == "," {
                    if let Some(n) = names.last_mut() {
                        n.push(',');
                    }
                } else {
                    names.push(joiner.to_string());
                }
                names.push(WEEKDAYS[nd].1.to_string());
                sep_tail = next[ncore.len()..].to_string();
                j = next_at + 1;
            }
            let prep = if matches!(out.last().map(String::as_str), Some("у" | "в")) {
                ""
            } else {
                "у "
            };
            out.push(format!("{prep}{}{sep_tail}", names.join(" ")));
            i = j;
            continue;
        }
        out.push(w.to_string());
        i += 1;
    }
    out.join(" ")
}

/// Feminine cardinal numbers (for «шт.», i.e. «штука»).
const FEMININE: &[&str] = &[
    "одна",
    "дві",
    "три",
    "чотири",
    "п'ять",
    "шість",
    "сім",
    "вісім",
    "дев'ять",
    "десять",
];

fn counted(n: u64, forms: [&str; 3]) -> &str {
    match plural_uk(n) {
        Plural::One => forms[0],
        Plural::Few => forms[1],
        Plural::Many => forms[2],
    }
}

/// «2 шт.» → «дві», «3×4 см» → «3 на 4 сантиметри», «34 грн» → «34 гривні», «8,50 грн» →
/// «8 гривень 50 копійок», «30 хв» → «30 хвилин».
pub(super) fn units_spoken(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let unit = next.trim_end_matches([',', ';', ')']);
        let unit_tail = &next[unit.len()..];
        let unit_core = unit.trim_end_matches('.');
        // «3×4» before «см»
        if let Some((a, b)) = w.split_once(['×', 'х', 'x'])
            && let (Ok(a), Ok(b)) = (a.parse::<u64>(), b.parse::<u64>())
            && unit_core == "см"
        {
            let cm = counted(b, ["сантиметр", "сантиметри", "сантиметрів"]);
            out.push(format!("{a} на {b} {cm}{unit_tail}"));
            i += 2;
            continue;
        }
        if let Ok(n) = w.parse::<u64>() {
            let said = match unit_core {
                "шт" if (1..=10).contains(&n) => Some(FEMININE[n as usize - 1].to_string()),
                "шт" => Some(format!("{n} {}", counted(n, ["штука", "штуки", "штук"]))),
                "грн" => Some(format!(
                    "{n} {}",
                    counted(n, ["гривня", "гривні", "гривень"])
                )),
                "см" => Some(format!(
                    "{n} {}",
                    counted(n, ["сантиметр", "сантиметри", "сантиметрів"])
                )),
                "хв" => Some(format!(
                    "{n} {}",
                    counted(n, ["хвилину", "хвилини", "хвилин"])
                )),
                _ => None,
            };
            if let Some(s) = said {
                out.push(format!("{s}{unit_tail}"));
                i += 2;
                continue;
            }
        }
        // «8,50 грн» → «8 гривень 50 копійок»
        if let Some((h, k)) = w.split_once(',')
            && unit_core == "грн"
            && let (Ok(h), Ok(k)) = (h.parse::<u64>(), k.parse::<u64>())
        {
            let mut s = Vec::new();
            if h > 0 {
                s.push(format!(
                    "{h} {}",
                    counted(h, ["гривня", "гривні", "гривень"])
                ));
            }
            if k > 0 || h == 0 {
                s.push(format!(
                    "{k} {}",
                    counted(k, ["копійка", "копійки", "копійок"])
                ));
            }
            out.push(format!("{}{unit_tail}", s.join(" ")));
            i += 2;
            continue;
        }
        out.push(w.to_string());
        i += 1;
    }
    out.join(" ")
}

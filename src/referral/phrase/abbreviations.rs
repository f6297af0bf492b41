//! Abbreviations a visitor may not know («ГУНП», «ІРЦ», «МЦ БПД») said in full, in the case
//! their place in the sentence asks for. The table is data: `data/abbreviations.toml` is built
//! in, and a directory adds or replaces entries with `[[directory.abbreviation]]`.

use crate::directory::{Abbreviation, LoadOptions, load_texts};
use std::sync::LazyLock;

static BUILTIN: LazyLock<Vec<Abbreviation>> = LazyLock::new(|| {
    let opts = LoadOptions {
        today: jiff::civil::date(2026, 1, 1),
        lang: crate::i18n::Lang::En,
    };
    load_texts(
        &[(
            "data/abbreviations.toml",
            include_str!("../../../data/abbreviations.toml"),
        )],
        &opts,
    )
    .meta
    .abbreviations
});

/// The built-in table (`data/abbreviations.toml`).
pub fn builtin() -> &'static [Abbreviation] {
    &BUILTIN
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Nominative,
    Genitive,
    Locative,
    Accusative,
}

/// The form after the word `prev` (`None` at the start of a sentence or a bracket).
fn form_after(prev: Option<&str>) -> Form {
    let Some(p) = prev else {
        return Form::Nominative;
    };
    if p.ends_with([':', '.', '(', '—', '–']) || p == "-" {
        return Form::Nominative;
    }
    match p.to_lowercase().as_str() {
        "у" | "в" | "на" => Form::Locative,
        "через" | "про" | "за" => Form::Accusative,
        // After a noun («посвідчення УБД», «системи БПД»), «з», «до», «від» or a conjunction
        // joining genitives («від служби або МЦ БПД»).
        _ => Form::Genitive,
    }
}

/// `text` with every known abbreviation said in full. `own` (the directory's entries) wins
/// over the built-in table. An abbreviation whose full form the text already says («кваліфікований
/// електронний підпис — КЕП») is left as written.
pub fn expand(text: &str, own: &[Abbreviation]) -> String {
    let mut table: Vec<&Abbreviation> = own.iter().collect();
    table.extend(
        builtin()
            .iter()
            .filter(|b| own.iter().all(|o| o.short != b.short)),
    );
    // Longest first: «МЦ БПД» before «БПД».
    table.sort_by_key(|a| std::cmp::Reverse(a.short.split_whitespace().count()));
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'tokens: while i < tokens.len() {
        for a in &table {
            let words: Vec<&str> = a.short.split_whitespace().collect();
            let Some(span) = tokens.get(i..i + words.len()) else {
                continue;
            };
            let first = span[0];
            let lead_len = first.len() - first.trim_start_matches(['(', '«']).len();
            let last = span[span.len() - 1];
            let trail = [',', ';', '.', ':', ')', '»'];
            let tail = &last[last.trim_end_matches(trail).len()..];
            let cores: Vec<&str> = span
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let t = if k == 0 { &t[lead_len..] } else { t };
                    if k == span.len() - 1 {
                        t.trim_end_matches(trail)
                    } else {
                        t
                    }
                })
                .collect();
            if cores != words || lower.contains(&a.full.to_lowercase()) {
                continue;
            }
            let prev = if lead_len > 0 {
                None
            } else {
                out.last().map(String::as_str)
            };
            let said = match form_after(prev) {
                Form::Nominative => Some(a.full.as_str()),
                Form::Genitive => a.genitive.as_deref(),
                Form::Locative => a.locative.as_deref(),
                Form::Accusative => a.accusative.as_deref().or(Some(a.full.as_str())),
            };
            let Some(said) = said else { continue };
            // A sentence starts with a capital letter.
            let said = if prev.is_none_or(|p| p.ends_with('.')) && lead_len == 0 {
                let mut c = said.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            } else {
                said.to_string()
            };
            out.push(format!("{}{said}{tail}", &first[..lead_len]));
            i += words.len();
            continue 'tokens;
        }
        out.push(tokens[i].to_string());
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_take_the_case_of_their_place() {
        let cases = [
            (
                "управління поліції ГУНП в області",
                "управління поліції Головного управління Національної поліції в області",
            ),
            (
                "бланк видають у ЦОП.",
                "бланк видають у центрі обслуговування платників.",
            ),
            (
                "звернутися до ЦОК",
                "звернутися до центру обслуговування клієнтів",
            ),
            ("вхід через КПП;", "вхід через контрольно-пропускний пункт;"),
            (
                "від служби або МЦ БПД, документ",
                "від служби або місцевого центру з надання безоплатної правничої допомоги, документ",
            ),
            ("(ПІБ, дата)", "(прізвище, ім’я та по батькові, дата)"),
            // Already explained in the same text: left as written.
            (
                "кваліфікований електронний підпис — КЕП",
                "кваліфікований електронний підпис — КЕП",
            ),
            // Widely known ones are not in the table.
            ("у ЦНАП або ПФУ", "у ЦНАП або ПФУ"),
            // No locative in the table for УБД: left as written rather than guessed.
            ("в УБД", "в УБД"),
        ];
        for (written, said) in cases {
            assert_eq!(expand(written, &[]), said, "{written}");
        }
    }

    #[test]
    fn a_directory_entry_replaces_the_built_in_one() {
        let own = [Abbreviation {
            short: "ЦОП".into(),
            full: "сервісний зал".into(),
            genitive: Some("сервісного залу".into()),
            locative: Some("сервісному залі".into()),
            accusative: None,
        }];
        assert_eq!(expand("подати в ЦОП", &own), "подати в сервісному залі");
        assert!(builtin().len() >= 10);
    }
}

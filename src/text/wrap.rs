//! The one word wrapper for screen and paper, with the one rule for what never breaks across
//! lines: a phone number's digit groups, and an abbreviation with the word it belongs to.
//! Slips (text, PDF, ESC/POS) wrap with [`wrap`], measured in columns or in font units; the
//! screen wraps with `textwrap` (it must keep padded columns) over [`glue`]d text. Either way
//! [`keeps_together`] decides, so a number never wraps one way on screen and another on paper.

/// Short words that belong with the next one: «м. Київ», «тел. (044) …», «№ 5».
const LEADING: &[&str] = &[
    "м.",
    "с.",
    "смт",
    "тел.",
    "вул.",
    "просп.",
    "пл.",
    "бул.",
    "пров.",
    "буд.",
    "каб.",
    "кімн.",
    "корп.",
    "№",
];

/// The words of `text`, with a phone number's digit groups («0 800 213 103», «+380 67 123 45
/// 67», «(0412) 42-05-10») kept together as one unbreakable unit.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&str> = None;
    for w in text.split_whitespace() {
        match out.last_mut() {
            Some(last) if prev.is_some_and(|p| keeps_together(p, w)) => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        prev = Some(w);
    }
    out
}

/// The one keep-together rule: the space between the words `prev` and `next` must not end a
/// line when both are digit groups of one phone number («0 800 213 103», «(0412) 42-05-10»; a
/// trailing comma or full stop ends the number but still belongs to it), or when `prev` is an
/// abbreviation that belongs with what follows («м. Київ», «тел. (044) …», «№ 5»).
pub fn keeps_together(prev: &str, next: &str) -> bool {
    let is_digits = |w: &str| {
        !w.is_empty()
            && w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-'))
    };
    let core = |w: &str| w.trim_end_matches([',', ';', '.']).len();
    let number = is_digits(prev) && core(prev) == prev.len() && {
        let n = &next[..core(next)];
        is_digits(n)
    };
    number || LEADING.contains(&prev.trim_start_matches(['(', '«']))
}

/// `text` with every space that [`keeps_together`] forbids breaking at turned into a no-break
/// space, for wrappers that break at plain spaces only (the screen's); other whitespace is kept
/// as it is, so columns padded with spaces stay aligned. [`unglue`] turns them back.
pub fn glue(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_word: Option<&str> = None;
    let mut rest = text;
    while !rest.is_empty() {
        let space_len = rest.len() - rest.trim_start().len();
        let (space, tail) = rest.split_at(space_len);
        let word_len = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let (word, after) = tail.split_at(word_len);
        let single_space = space == " ";
        match prev_word {
            Some(p) if single_space && !word.is_empty() && keeps_together(p, word) => {
                out.push('\u{A0}')
            }
            _ => out.push_str(space),
        }
        out.push_str(word);
        if !word.is_empty() {
            prev_word = Some(word);
        }
        rest = after;
    }
    out
}

/// The no-break spaces [`glue`] put in become plain spaces again: same width, and what is
/// shown (and copied) is an ordinary space.
pub fn unglue(line: &str) -> String {
    line.replace('\u{A0}', " ")
}

/// Greedy word wrap on spaces: the first line at most `first` wide, the others `rest`, widths
/// measured by `measure`. Words are never cut unless one alone is wider than a line (a long
/// URL), which is then broken between characters.
pub fn wrap(text: &str, first: f32, rest: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
    let mut queue: std::collections::VecDeque<String> = units(text).into();
    while let Some(word) = queue.pop_front() {
        let word = word.as_str();
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= limit(&lines) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if measure(word) <= limit(&lines) {
            line = word.to_string();
            continue;
        }
        // An abbreviation glued to what follows, too wide together: apart, then.
        if let Some((abbr, after)) = word.split_once(' ')
            && LEADING.contains(&abbr.trim_start_matches(['(', '«']))
        {
            queue.push_front(after.to_string());
            queue.push_front(abbr.to_string());
            continue;
        }
        // A word wider than a whole line (a long URL): break it after the last «/», «.» or
        // «-» that fits, else between characters.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if measure(&next) > limit(&lines) && !line.is_empty() {
                let cut = line
                    .char_indices()
                    .filter(|&(i, ch)| i > 0 && matches!(ch, '/' | '.' | '-'))
                    .map(|(i, ch)| i + ch.len_utf8())
                    .next_back()
                    .filter(|&i| i < line.len());
                match cut {
                    Some(i) => {
                        let tail = line.split_off(i);
                        lines.push(std::mem::replace(&mut line, tail));
                        line.push(c);
                    }
                    None => {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrap_breaks_only_overlong_words() {
        let cols = |s: &str| UnicodeWidthStr::width(s) as f32;
        assert_eq!(
            wrap("один два три чотири", 9.0, 9.0, &cols),
            vec!["один два", "три", "чотири"]
        );
        // A URL wider than a line breaks after «/» or «.», not in the middle of a word.
        assert_eq!(
            wrap("https://example.org/abc", 10.0, 10.0, &cols),
            vec!["https://", "example.", "org/abc"]
        );
        // Abbreviations stay with the word they belong to.
        assert_eq!(
            wrap("Оболонське бюро, м. Київ", 18.0, 18.0, &cols),
            vec!["Оболонське бюро,", "м. Київ"]
        );
        assert_eq!(wrap("", 10.0, 10.0, &cols), vec![""]);
        // Phone numbers are not split between their digit groups.
        assert_eq!(
            wrap("Безоплатна допомога: 0 800 213 103", 24.0, 24.0, &cols),
            vec!["Безоплатна допомога:", "0 800 213 103"]
        );
        assert_eq!(
            wrap("тел. (0412) 42-05-10, 24 год", 16.0, 16.0, &cols),
            vec!["тел.", "(0412) 42-05-10,", "24 год"]
        );
    }

    #[test]
    fn glue_keeps_phones_and_abbreviations_and_leaves_padding_alone() {
        assert_eq!(
            glue("тел. (04143) 2-11-27 або 0412 42 61 32"),
            "тел.\u{A0}(04143)\u{A0}2-11-27 або 0412\u{A0}42\u{A0}61\u{A0}32"
        );
        assert_eq!(glue("F1      довідка"), "F1      довідка");
        assert_eq!(glue("м. Київ, 5 км"), "м.\u{A0}Київ, 5 км");
        assert_eq!(unglue(&glue("м. Київ")), "м. Київ");
    }
}

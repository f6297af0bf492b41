//! The slip laid out in monospaced columns (the text format and ESC/POS), and the word wrap
//! the PDF shares.

use super::{Card, Item, MIN_WIDTH, Slip, SlipContext, build};
use unicode_width::UnicodeWidthStr;

/// A laid-out line of a monospaced slip (text, ESC/POS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub text: String,
    /// Printed emphasised where the format can (the title, notices).
    pub bold: bool,
}

/// The slip as plain text, no line wider than `ctx.width` terminal columns.
pub fn render_text(card: &Card, ctx: &SlipContext) -> String {
    lines_to_string(&layout_text(&build(card, ctx), ctx.width))
}

/// Laid-out lines as text, each ended by a newline.
pub(super) fn lines_to_string(lines: &[TextLine]) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.text);
        s.push('\n');
    }
    s
}

/// Lays the items out in `width` columns (measured as a terminal does: `unicode-width`).
pub fn layout_text(slip: &Slip, width: usize) -> Vec<TextLine> {
    let width = width.max(MIN_WIDTH);
    // Continuation lines of a field: a hanging indent, smaller on narrow receipts.
    let indent = if width >= 48 { 8 } else { 2 };
    let cols = |s: &str| UnicodeWidthStr::width(s) as f32;
    let mut out = Vec::new();
    let mut push = |text: String, bold: bool| out.push(TextLine { text, bold });
    for item in &slip.items {
        match item {
            Item::Title { title, date } => {
                let (tw, dw) = (cols(title) as usize, cols(date) as usize);
                if tw + 1 + dw <= width {
                    push(
                        format!("{title}{}{date}", " ".repeat(width - tw - dw)),
                        true,
                    );
                } else {
                    push(title.clone(), true);
                    push(date.clone(), false);
                }
            }
            Item::Text(t) | Item::Heading(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, false);
                }
            }
            Item::Notice(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, true);
                }
            }
            Item::Field { label, value } => {
                let pad = " ".repeat(indent);
                for (i, part) in value.split('\n').enumerate() {
                    let (text, first) = if i == 0 {
                        (format!("{label}: {part}"), width as f32)
                    } else {
                        (part.to_string(), (width - indent) as f32)
                    };
                    for (j, l) in wrap(&text, first, (width - indent) as f32, &cols)
                        .into_iter()
                        .enumerate()
                    {
                        if i == 0 && j == 0 {
                            push(l, false);
                        } else {
                            push(format!("{pad}{l}"), false);
                        }
                    }
                }
            }
            Item::Check(t) => {
                let lines = wrap(t, (width - 6) as f32, (width - 6) as f32, &cols);
                for (j, l) in lines.into_iter().enumerate() {
                    let lead = if j == 0 { "  [ ] " } else { "      " };
                    push(format!("{lead}{l}"), false);
                }
            }
            Item::Rule => push("-".repeat(width), false),
        }
    }
    out
}

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
    let is_digits = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-'))
    };
    let mut out: Vec<String> = Vec::new();
    let mut prev_digits = false;
    let mut glue_next = false;
    for w in text.split_whitespace() {
        // A trailing comma or full stop ends the number but still belongs to it.
        let core = w.trim_end_matches([',', ';', '.']);
        let d = is_digits(core) && !core.is_empty();
        match out.last_mut() {
            Some(last) if (prev_digits && d) || glue_next => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        prev_digits = d && core.len() == w.len();
        glue_next = LEADING.contains(&w.trim_start_matches(['(', '«']));
    }
    out
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

//! Fitting text into cells: widths, cutting with «…», highlights, wrapping fields.

pub(super) use crate::text::wrap::{glue, unglue};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Directory text is drawn through [`crate::sanitize`]: one character in, one character out, so
/// highlight positions computed on the original text still line up.
pub use crate::sanitize::line as clean;

pub(super) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts spans to `max` columns, ending with '…' when something was cut.
pub(super) fn fit(spans: Vec<Span<'static>>, max: usize) -> (Vec<Span<'static>>, usize) {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= max {
        return (spans, total);
    }
    let mut out = Vec::new();
    let mut used = 0;
    let budget = max.saturating_sub(1);
    let mut last_style = Style::new();
    'outer: for s in spans {
        let mut piece = String::new();
        for c in s.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > budget {
                if !piece.is_empty() {
                    out.push(Span::styled(piece, s.style));
                }
                last_style = s.style;
                break 'outer;
            }
            used += w;
            piece.push(c);
        }
        last_style = s.style;
        out.push(Span::styled(piece, s.style));
    }
    if max > 0 {
        out.push(Span::styled("…", last_style));
        used += 1;
    }
    (out, used)
}

pub(super) fn truncate(s: &str, max: usize) -> String {
    let (spans, _) = fit(vec![Span::raw(s.to_string())], max);
    spans.into_iter().map(|s| s.content.into_owned()).collect()
}

/// `text` with the characters at `marks` in `hl`, the rest in `base`.
pub(super) fn marked(text: &str, marks: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_hl = false;
    for (i, c) in clean(text).chars().enumerate() {
        let h = marks.contains(&i);
        if h != cur_hl && !cur.is_empty() {
            out.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hl { base.patch(hl) } else { base },
            ));
        }
        cur_hl = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(Span::styled(
            cur,
            if cur_hl { base.patch(hl) } else { base },
        ));
    }
    out
}

/// When the first highlighted part of `text` would be cut off at `room` columns, a window of the
/// text that shows the matched part: «…» and the text from a little before the matched part (at a word start
/// where one is near). Returns the text to draw and the marks moved to match it.
pub(super) fn window_at_match(text: &str, marks: &[usize], room: usize) -> (String, Vec<usize>) {
    let chars: Vec<char> = clean(text).chars().collect();
    let unchanged = || (text.to_string(), marks.to_vec());
    let cw = |c: &char| c.width().unwrap_or(0);
    let span_w = |a: usize, b: usize| chars[a..b].iter().map(cw).sum::<usize>();
    let mut sorted: Vec<usize> = marks.iter().copied().filter(|&m| m < chars.len()).collect();
    sorted.sort_unstable();
    sorted.dedup();
    // The line is cut with «…» at the end, so one column less is really shown.
    let shown = room.saturating_sub(1);
    // The first run of marked characters is fully in view: the row already shows why it is
    // here, and the start of the name reads best.
    let Some(&first) = sorted.first() else {
        return unchanged();
    };
    let mut first_end = first;
    while sorted.binary_search(&(first_end + 1)).is_ok() {
        first_end += 1;
    }
    if span_w(0, first_end + 1) <= shown {
        return unchanged();
    }
    const CONTEXT: usize = 10;
    // Query words are marked wherever they occur; the window goes where most of the marked
    // characters are together (the earliest such place), starting at a run of marks.
    let budget = shown.saturating_sub(1 + CONTEXT);
    let in_window = |from: usize| {
        sorted
            .iter()
            .filter(|&&m| m >= from && span_w(from, m + 1) <= budget)
            .count()
    };
    let starts = sorted
        .iter()
        .copied()
        .filter(|&m| m == 0 || sorted.binary_search(&(m - 1)).is_err());
    let Some(from) = starts.rev().max_by_key(|&m| in_window(m)) else {
        return unchanged();
    };
    // Already in view as the line is: nothing to move.
    if sorted
        .iter()
        .filter(|&&m| m >= from && span_w(from, m + 1) <= budget)
        .all(|&m| span_w(0, m + 1) <= shown)
    {
        return unchanged();
    }
    let mut start = from;
    let mut ctx = 0;
    while start > 0 && ctx + cw(&chars[start - 1]) <= CONTEXT {
        start -= 1;
        ctx += cw(&chars[start]);
    }
    if let Some(word) = (start..from).find(|&i| i == 0 || chars[i - 1].is_whitespace()) {
        start = word;
    }
    if start == 0 {
        return unchanged();
    }
    let out: String = std::iter::once('…')
        .chain(chars[start..].iter().copied())
        .collect();
    let moved = sorted
        .into_iter()
        .filter(|&m| m >= start)
        .map(|m| m - start + 1)
        .collect();
    (out, moved)
}

/// Pads a line with spaces to `w` columns in `style` (for full-width selection bars).
pub(super) fn pad_line(
    mut spans: Vec<Span<'static>>,
    used: usize,
    w: usize,
    style: Style,
) -> Line<'static> {
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), style));
    }
    Line::from(spans)
}

/// Wrapping options for screen text: lines break at spaces only (never inside a URL, a time
/// range like 08:00–16:00 or a hyphenated number), and a word is split only when it is longer
/// than a whole line.
pub(super) fn wrap_options<'a>(w: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(w)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Word-wraps "label: text" into lines of `w` columns, indented by `indent`, the label in
/// `label_style`; lines after the first hang `hang` columns further in. Paragraph breaks in the
/// text start new lines.
#[allow(clippy::too_many_arguments)]
pub(super) fn wrap_field(
    out: &mut Vec<Line<'static>>,
    label: Option<&str>,
    text: &str,
    label_style: Style,
    style: Style,
    w: u16,
    indent: usize,
    hang: usize,
) {
    let w = (w as usize).max(indent + hang + 4);
    let pad = " ".repeat(indent);
    let cont = " ".repeat(indent + hang);
    for (i, para) in text.split('\n').enumerate() {
        let para = clean(para);
        let prefix = match (i, label) {
            (0, Some(l)) => format!("{}: ", clean(l)),
            _ => String::new(),
        };
        let first_indent = if i == 0 { pad.as_str() } else { cont.as_str() };
        let full = glue(&format!("{prefix}{para}"));
        let opts = wrap_options(w)
            .initial_indent(first_indent)
            .subsequent_indent(&cont);
        for (j, l) in textwrap::wrap(&full, opts).into_iter().enumerate() {
            let l = unglue(&l);
            let head = format!("{first_indent}{prefix}");
            if j == 0 && !prefix.is_empty() && l.starts_with(&head) {
                let rest = l[head.len()..].to_string();
                out.push(Line::from(vec![
                    Span::raw(first_indent.to_string()),
                    Span::styled(prefix.clone(), label_style),
                    Span::styled(rest, style),
                ]));
            } else {
                out.push(Line::styled(l, style));
            }
        }
    }
}

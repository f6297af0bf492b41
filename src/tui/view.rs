//! Drawing: a pure function of [`State`] that paints a frame and returns where things were drawn
//! ([`Hits`]), which the event loop keeps for mouse hit-testing.
//!
//! The layout is also a pure function of the state (its size), so `update` can ask how many
//! rows fit for paging without having drawn anything. Every string that comes from the directory
//! goes through [`clean`] before it reaches the buffer.

use super::keymap::{self, Command, Scope};
use super::state::{
    Action, Marks, Overlay, Picker, PickerKind, Preview, Screen, SlipDest, State, StatsView,
};
use super::strings::{self, Msg};
use crate::directory::{Agency, Severity};
use crate::hours::OpenState;
use crate::i18n;
use crate::referral::card::ServiceChoice;
use crate::referral::{Card, phrase::phrase, qr, slip, vcard};
use crate::stats::{self, How};
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::merge::MergeStrategy;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

// --- sanitising -----------------------------------------------------------------------------

/// Directory text is drawn through [`crate::sanitize`]: one character in, one character out, so
/// highlight positions computed on the original text still line up.
pub use crate::sanitize::line as clean;
use crate::sanitize::line_char as clean_char;

// --- theme ----------------------------------------------------------------------------------

/// Emphasis that reads on dark and light themes: the terminal's own foreground and background,
/// reverse video for the selection, bold/underline for matches; colour only as an extra cue,
/// and none at all under `NO_COLOR`.
#[derive(Clone, Copy)]
struct Theme {
    color: bool,
}

impl Theme {
    fn of(state: &State) -> Theme {
        Theme {
            color: state.settings.color,
        }
    }
    fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    fn accent(self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    fn matched(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.color { s.fg(Color::Cyan) } else { s }
    }
    fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    fn warn(self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    fn caution(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    /// The demo-data marker: reversed and bold, with no colour of its own, so it reads on
    /// dark and light themes alike.
    fn demo(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    /// The agency's alert: a reversed bar, red where there is colour.
    fn alert(self) -> Style {
        self.warn().add_modifier(Modifier::REVERSED)
    }
    /// The "verified long ago" note in a result row: visible but quieter than an alert.
    fn stale(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            self.dim()
        }
    }
    fn internal(self) -> Style {
        let s = Style::new().add_modifier(Modifier::ITALIC);
        if self.color { s.fg(Color::Magenta) } else { s }
    }
    fn mark(self, st: Option<OpenState>) -> Style {
        if !self.color {
            return match st {
                Some(OpenState::Open { .. }) => self.bold(),
                _ => Style::new(),
            };
        }
        match st {
            Some(OpenState::Open { .. }) => Style::new().fg(Color::Green),
            Some(OpenState::Lunch { .. }) => Style::new().fg(Color::Yellow),
            Some(OpenState::Closed { .. } | OpenState::NoReceptionToday { .. }) => self.dim(),
            None => Style::new().fg(Color::Red),
        }
    }
}

// --- layout ---------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// ≥ 100 columns: the list and a preview side by side.
    Wide,
    /// One pane; the card opens over the list.
    Narrow,
    /// Below 60×15: one line per result, no frame.
    Compact,
    /// Below 20×5: only a note.
    TooSmall,
}

pub fn mode(width: u16, height: u16) -> Mode {
    if width < 20 || height < 5 {
        Mode::TooSmall
    } else if width < 60 || height < 15 {
        Mode::Compact
    } else if width >= 100 {
        Mode::Wide
    } else {
        Mode::Narrow
    }
}

/// Where each part goes for a terminal size.
#[derive(Clone, Copy, Debug)]
pub struct Areas {
    pub mode: Mode,
    pub full: Rect,
    pub search: Rect,
    pub info: Option<Rect>,
    pub list: Rect,
    /// Wide mode: the preview / card pane.
    pub side: Option<Rect>,
    /// Where the card is drawn when open.
    pub card: Rect,
    pub hints: Rect,
    /// Wide mode: the column of the divider.
    pub split: Option<u16>,
}

pub fn areas(width: u16, height: u16) -> Areas {
    let full = Rect::new(0, 0, width, height);
    let m = mode(width, height);
    let zero = Rect::default();
    match m {
        Mode::TooSmall => Areas {
            mode: m,
            full,
            search: zero,
            info: None,
            list: zero,
            side: None,
            card: zero,
            hints: zero,
            split: None,
        },
        Mode::Compact => {
            let info = (height >= 8).then(|| Rect::new(0, 1, width, 1));
            let top = if info.is_some() { 2 } else { 1 };
            let list = Rect::new(0, top, width, height - top - 1);
            Areas {
                mode: m,
                full,
                search: Rect::new(0, 0, width, 1),
                info,
                list,
                side: None,
                card: Rect::new(0, 1, width, height - 2),
                hints: Rect::new(0, height - 1, width, 1),
                split: None,
            }
        }
        Mode::Wide | Mode::Narrow => {
            let body_h = height - 7;
            // One column of padding inside the frame, except for result rows, which carry
            // their own so the selection bar reaches the border.
            let search = Rect::new(2, 1, width - 4, 1);
            let info = Some(Rect::new(2, 2, width - 4, 1));
            let hints = Rect::new(2, height - 2, width - 4, 1);
            if m == Mode::Wide {
                // u32: a very wide terminal must not overflow the multiplication.
                let split = ((width as u32 * 42 / 100) as u16).max(40);
                let list = Rect::new(1, 4, split - 1, body_h);
                let side = Rect::new(split + 2, 4, width - split - 4, body_h);
                Areas {
                    mode: m,
                    full,
                    search,
                    info,
                    list,
                    side: Some(side),
                    card: side,
                    hints,
                    split: Some(split),
                }
            } else {
                let list = Rect::new(1, 4, width - 2, body_h);
                Areas {
                    mode: m,
                    full,
                    search,
                    info,
                    list,
                    side: None,
                    card: Rect::new(2, 4, width - 4, body_h),
                    hints,
                    split: None,
                }
            }
        }
    }
}

fn state_areas(state: &State) -> Areas {
    areas(state.size.0, state.size.1)
}

fn row_height(m: Mode) -> u16 {
    if m == Mode::Compact { 1 } else { 2 }
}

/// How many results fit on screen.
pub fn list_capacity(state: &State) -> usize {
    let a = state_areas(state);
    (a.list.height / row_height(a.mode)) as usize
}

/// The first row to show so that `selected` is visible, moving `offset` as little as possible.
pub fn list_offset(offset: usize, selected: usize, cap: usize) -> usize {
    if cap == 0 {
        return selected;
    }
    let mut off = offset.min(selected);
    if selected >= off + cap {
        off = selected + 1 - cap;
    }
    off
}

/// Lines of card text that fit.
pub fn card_page(state: &State) -> usize {
    state_areas(state).card.height as usize
}

fn open_card_text(state: &State) -> Option<CardText> {
    let Screen::Card(cv) = state.screen else {
        return None;
    };
    let area = state_areas(state).card;
    Some(card_text(state, cv.agency, cv.service, area.width, true))
}

/// How far the open card can scroll.
pub fn card_max_scroll(state: &State) -> usize {
    open_card_text(state)
        .map(|t| t.lines.len().saturating_sub(card_page(state)))
        .unwrap_or(0)
}

/// The line of the selected service's heading in the open card.
pub fn card_service_line(state: &State) -> Option<usize> {
    let Screen::Card(cv) = state.screen else {
        return None;
    };
    let t = open_card_text(state)?;
    t.services.get(cv.service?).copied()
}

pub fn help_line_count(state: &State) -> usize {
    let r = overlay_rect(state_areas(state));
    help_lines(state, help_width(r)).len()
}

/// The help's text width in its window `r`: inside the frame and the margin.
fn help_width(r: Rect) -> u16 {
    padded(Rect::new(0, 0, r.width.saturating_sub(2), 1)).width
}

fn overlay_rect(a: Areas) -> Rect {
    match a.mode {
        Mode::TooSmall => Rect::default(),
        Mode::Compact => Rect::new(0, 0, a.full.width, a.full.height - 1),
        Mode::Wide | Mode::Narrow => {
            let w = a.full.width.saturating_sub(4).min(90);
            let h = a.full.height.saturating_sub(4).min(40);
            Rect::new(
                (a.full.width - w) / 2,
                (a.full.height.saturating_sub(1) - h) / 2,
                w,
                h,
            )
        }
    }
}

// --- text helpers ---------------------------------------------------------------------------

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts spans to `max` columns, ending with '…' when something was cut.
fn fit(spans: Vec<Span<'static>>, max: usize) -> (Vec<Span<'static>>, usize) {
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

fn truncate(s: &str, max: usize) -> String {
    let (spans, _) = fit(vec![Span::raw(s.to_string())], max);
    spans.into_iter().map(|s| s.content.into_owned()).collect()
}

/// `text` with the characters at `marks` in `hl`, the rest in `base`.
fn marked(text: &str, marks: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
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
fn window_at_match(text: &str, marks: &[usize], room: usize) -> (String, Vec<usize>) {
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
fn pad_line(mut spans: Vec<Span<'static>>, used: usize, w: usize, style: Style) -> Line<'static> {
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), style));
    }
    Line::from(spans)
}

/// Wrapping options for screen text: lines break at spaces only (never inside a URL, a time
/// range like 08:00–16:00 or a hyphenated number), and a word is split only when it is longer
/// than a whole line.
fn wrap_options<'a>(w: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(w)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Glues the digit groups of phone numbers together before wrapping: a space between two digits,
/// or between ')' and a digit, becomes a no-break space, so "0412 42 61 32" and "(04143) 2-11-27"
/// never break across lines. [`unglue`] turns them back into plain spaces after wrapping.
fn glue(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = c == ' '
            && i > 0
            && (chars[i - 1].is_ascii_digit() || chars[i - 1] == ')')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        out.push(if joins { '\u{A0}' } else { c });
    }
    out
}

/// The no-break spaces [`glue`] put in become plain spaces again: same width, and what the
/// terminal shows (and copies) is an ordinary space.
fn unglue(line: &str) -> String {
    line.replace('\u{A0}', " ")
}

/// Word-wraps "label: text" into lines of `w` columns, indented by `indent`, the label in
/// `label_style`; lines after the first hang `hang` columns further in. Paragraph breaks in the
/// text start new lines.
#[allow(clippy::too_many_arguments)]
fn wrap_field(
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

// --- the card -------------------------------------------------------------------------------

/// A card laid out for a width: its lines, and the line of each service's heading.
pub struct CardText {
    pub lines: Vec<Line<'static>>,
    pub services: Vec<usize>,
}

fn card_for<'a>(state: &'a State, a: &'a Agency, service: Option<usize>) -> Card<'a> {
    let mut card = Card::new(&state.dir, a, state.lang());
    card.service = service.and_then(|i| a.services.get(i).map(|s| (i + 1, s)));
    card
}

/// The read-out phrase in a box, so it stands out and can be read aloud as it is.
fn phrase_box(out: &mut Vec<Line<'static>>, title: &str, text: &str, w: u16, t: Theme) {
    let w = w as usize;
    let text = clean(text);
    if w < 12 {
        wrap_field(out, None, &text, t.bold(), t.bold(), w as u16, 0, 0);
        return;
    }
    let border = t.accent();
    let inner = w - 4;
    let title = truncate(title, inner.saturating_sub(2));
    let fill = w.saturating_sub(width(&title) + 5);
    out.push(Line::from(vec![
        Span::styled("╭─ ", border),
        Span::styled(title, border),
        Span::styled(format!(" {}╮", "─".repeat(fill)), border),
    ]));
    let glued = glue(&text);
    for l in textwrap::wrap(&glued, wrap_options(inner)) {
        let l = unglue(&l);
        let lw = width(&l);
        out.push(Line::from(vec![
            Span::styled("│ ", border),
            Span::styled(l, t.bold()),
            Span::raw(" ".repeat(inner.saturating_sub(lw))),
            Span::styled(" │", border),
        ]));
    }
    out.push(Line::styled(format!("╰{}╯", "─".repeat(w - 2)), border));
}

/// The card of an agency (with a selected service) laid out for width `w`. `with_phrase`: the
/// full card opens with the read-out phrase; the preview leaves it out to show more fields.
#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
pub fn card_text(
    state: &State,
    agency: usize,
    service: Option<usize>,
    w: u16,
    with_phrase: bool,
) -> CardText {
    let t = Theme::of(state);
    let lang = state.lang();
    let mut lines = Vec::new();
    let mut services = Vec::new();
    let Some(a) = state.dir.agencies.get(agency) else {
        return CardText { lines, services };
    };
    let card = card_for(state, a, service);
    if with_phrase {
        phrase_box(&mut lines, Msg::ReadAloud.text(lang), &phrase(&card), w, t);
        lines.push(Line::default());
    }
    wrap_field(&mut lines, None, &a.name, t.bold(), t.bold(), w, 0, 0);
    if card.demo {
        wrap_field(
            &mut lines,
            None,
            Msg::DemoBanner.text(lang),
            t.demo(),
            t.demo(),
            w,
            0,
            0,
        );
    }
    let st = card.open_state(state.now);
    let state_line = vec![
        Span::styled(strings::open_mark(st).to_string(), t.mark(st)),
        Span::raw(" "),
        Span::styled(strings::open_state(lang, st), t.mark(st)),
    ];
    lines.push(Line::from(fit(state_line, w as usize).0));
    freshness_lines(&mut lines, state, a, w, t);
    if with_phrase {
        for f in card.agency_fields(false) {
            // The alert already stands out above.
            if a.alert.as_deref() == Some(f.value.as_str()) {
                continue;
            }
            let warn = card.status_text() == Some(f.value.as_str());
            let style = if warn { t.warn() } else { Style::new() };
            wrap_field(
                &mut lines,
                Some(f.label),
                &f.value,
                t.bold(),
                style,
                w,
                0,
                2,
            );
        }
    } else {
        // The preview is for scanning: where, how to call, when, whom to ask.
        let l = |uk, en| lang.pick(uk, en);
        let mut brief: Vec<(&str, Option<String>, Style)> = vec![
            (
                l("Стан", "Status"),
                card.status_text().map(str::to_string),
                t.warn(),
            ),
            (
                l("Адреса", "Address"),
                card.address_with_note(),
                Style::new(),
            ),
            (
                if card.phones().len() == 1 {
                    l("Телефон", "Phone")
                } else {
                    l("Телефони", "Phones")
                },
                Some(card.phones_line()),
                Style::new(),
            ),
            (l("Графік", "Hours"), Some(card.hours_line()), Style::new()),
            (
                l("Прийом", "Reception"),
                card.reception_line(),
                Style::new(),
            ),
        ];
        for p in card.contacts() {
            brief.push((
                l("Контакт", "Contact"),
                Some(card.person_line(p)),
                Style::new(),
            ));
        }
        brief.push((
            l("Перевірено", "Verified"),
            Some(a.verified.strftime("%d.%m.%Y").to_string()),
            t.dim(),
        ));
        for (label, value, style) in brief {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                wrap_field(&mut lines, Some(label), &v, t.bold(), style, w, 0, 2);
            }
        }
    }
    if let Some(notes) = &a.notes {
        // Internal notes are for staff: marked on every line so they are never read out by
        // mistake, and never part of a slip.
        lines.push(Line::styled(
            truncate(&format!("▌ {}", Msg::Internal.text(lang)), w as usize),
            t.internal().add_modifier(Modifier::BOLD),
        ));
        let mut inner = Vec::new();
        wrap_field(
            &mut inner,
            None,
            notes,
            t.internal(),
            t.internal(),
            w.saturating_sub(2),
            0,
            0,
        );
        for l in inner {
            let mut spans = vec![Span::styled("▌ ", t.internal())];
            spans.extend(l.spans);
            lines.push(Line::from(spans));
        }
    }
    if !a.services.is_empty() {
        lines.push(Line::default());
        let head = if with_phrase {
            format!(
                "{} ({}):",
                Msg::Services.text(lang),
                Msg::ServicesHint.text(lang)
            )
        } else {
            format!("{}:", Msg::Services.text(lang))
        };
        lines.push(Line::styled(truncate(&head, w as usize), t.bold()));
    }
    for (i, s) in a.services.iter().enumerate() {
        let chosen = service == Some(i);
        services.push(lines.len());
        let text = format!(
            "{} {}. {}",
            if chosen { "▶" } else { " " },
            i + 1,
            clean(&s.name)
        );
        let style = if chosen { t.bold() } else { Style::new() };
        let mut head = Vec::new();
        wrap_field(&mut head, None, &text, style, style, w, 0, 5);
        lines.extend(head);
        if !chosen {
            continue;
        }
        for f in card.service_fields(s) {
            wrap_field(
                &mut lines,
                Some(f.label),
                &f.value,
                t.bold(),
                Style::new(),
                w,
                4,
                2,
            );
        }
        if !s.documents.is_empty() {
            lines.push(Line::styled(
                format!("    {}:", Msg::Documents.text(lang)),
                t.bold(),
            ));
            for d in &s.documents {
                wrap_field(
                    &mut lines,
                    None,
                    &format!("– {d}"),
                    t.bold(),
                    Style::new(),
                    w,
                    6,
                    2,
                );
            }
        }
        if !s.steps.is_empty() {
            lines.push(Line::styled(
                format!("    {}:", Msg::Steps.text(lang)),
                t.bold(),
            ));
            for (k, st) in s.steps.iter().enumerate() {
                wrap_field(
                    &mut lines,
                    None,
                    &format!("{}) {st}", k + 1),
                    t.bold(),
                    Style::new(),
                    w,
                    6,
                    3,
                );
            }
        }
    }
    CardText { lines, services }
}

/// The lines that must not be missed: the agency's alert as a highlighted bar, and a warning
/// when its data was last verified more than a year ago.
fn freshness_lines(out: &mut Vec<Line<'static>>, state: &State, a: &Agency, w: u16, t: Theme) {
    let lang = state.lang();
    if let Some(alert) = a.alert.as_deref().filter(|s| !s.trim().is_empty()) {
        let mut bar = Vec::new();
        wrap_field(
            &mut bar,
            None,
            &format!("⚠ {}: {alert}", Msg::Alert.text(lang)),
            t.alert(),
            t.alert(),
            w,
            0,
            2,
        );
        // Full width, so the bar reads as one block.
        for l in bar {
            let used = l.width();
            let mut line = pad_line(l.spans, used, w as usize, t.alert());
            line.style = t.alert();
            out.push(line);
        }
    }
    if a.is_stale(state.now.date()) {
        wrap_field(
            out,
            None,
            &format!("⚠ {}", strings::stale_note(lang, a.verified)),
            t.caution(),
            t.caution(),
            w,
            0,
            2,
        );
    }
}

// --- help -----------------------------------------------------------------------------------

pub fn help_lines(state: &State, w: u16) -> Vec<Line<'static>> {
    let t = Theme::of(state);
    let lang = state.lang();
    let mut out = Vec::new();
    let keys_text = |c: Command| {
        keymap::all_keys_for(c)
            .into_iter()
            .map(keymap::key_label)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kw = keymap::HELP_GROUPS
        .iter()
        .flat_map(|(_, cs)| cs.iter())
        .map(|c| width(&keys_text(*c)))
        .max()
        .unwrap_or(0)
        .min(24)
        .min(w as usize / 3);
    wrap_field(
        &mut out,
        None,
        Msg::HelpTyping.text(lang),
        t.bold(),
        Style::new(),
        w,
        0,
        0,
    );
    // One row: the keys (or a mark) in a column `kw` wide, then what it does, wrapped under it.
    let row = |out: &mut Vec<Line<'static>>, keys: &str, what: &str| {
        let pad = kw.saturating_sub(width(keys));
        let text = format!("{keys}{}  {what}", " ".repeat(pad));
        wrap_field(out, None, &text, Style::new(), Style::new(), w, 2, kw + 2);
    };
    for (group, commands) in keymap::HELP_GROUPS {
        out.push(Line::default());
        out.push(Line::styled(group.text(lang).to_string(), t.accent()));
        for c in *commands {
            row(&mut out, &keys_text(*c), c.describe(lang));
        }
    }
    // The marks, from the same characters the list draws.
    out.push(Line::default());
    out.push(Line::styled(
        Msg::HelpGroupMarks.text(lang).to_string(),
        t.accent(),
    ));
    for (mark, meaning) in strings::mark_legend(lang) {
        row(&mut out, &mark.to_string(), meaning);
    }
    out.push(Line::default());
    out.push(Line::styled(
        Msg::HelpGroupMouse.text(lang).to_string(),
        t.accent(),
    ));
    wrap_field(
        &mut out,
        None,
        Msg::HelpMouse.text(lang),
        Style::new(),
        Style::new(),
        w,
        2,
        0,
    );
    out
}

// --- hit areas ------------------------------------------------------------------------------

/// Where things were drawn, for the mouse.
#[derive(Debug, Default, Clone)]
pub struct Hits {
    /// Result rows: (area, row index).
    pub rows: Vec<(Rect, usize)>,
    /// Hints and filter chips: clicking runs the command.
    pub commands: Vec<(Rect, Command)>,
    pub picker_rows: Vec<(Rect, usize)>,
    pub services: Vec<(Rect, usize)>,
    /// The open overlay: a click outside closes it.
    pub overlay: Option<Rect>,
}

/// The action a mouse event asks for, given where things were drawn. `at_ms` is a monotonic
/// timestamp for double-click detection.
pub fn mouse_action(hits: &Hits, ev: &MouseEvent, at_ms: u64) -> Option<Action> {
    let p = Position::new(ev.column, ev.row);
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel { down: true }),
        MouseEventKind::ScrollUp => Some(Action::Wheel { down: false }),
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some((_, c)) = hits.commands.iter().find(|(r, _)| r.contains(p)) {
                return Some(Action::Cmd(*c));
            }
            if let Some(o) = hits.overlay {
                if let Some((_, i)) = hits.picker_rows.iter().find(|(r, _)| r.contains(p)) {
                    return Some(Action::ClickPicker(*i));
                }
                return (!o.contains(p)).then_some(Action::Cmd(Command::Back));
            }
            if let Some((_, row)) = hits.rows.iter().find(|(r, _)| r.contains(p)) {
                return Some(Action::ClickRow { row: *row, at_ms });
            }
            hits.services
                .iter()
                .find(|(r, _)| r.contains(p))
                .map(|(_, i)| Action::ClickService(*i))
        }
        _ => None,
    }
}

// --- drawing --------------------------------------------------------------------------------

/// The first frame, drawn while the directory loads.
pub fn draw_loading(lang: i18n::Lang, f: &mut Frame) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = truncate(Msg::Loading.text(lang), area.width as usize);
    let x = area.width.saturating_sub(width(&msg) as u16) / 2;
    f.render_widget(
        Paragraph::new(Line::styled(msg, Style::new().add_modifier(Modifier::BOLD))),
        Rect::new(x, area.height / 2, area.width - x, 1),
    );
}

/// Draws the whole screen and returns where things went.
pub fn draw(state: &State, f: &mut Frame) -> Hits {
    let mut hits = Hits::default();
    let area = f.area();
    let a = areas(area.width, area.height);
    if a.mode == Mode::TooSmall {
        let msg = Msg::TooSmall.text(state.lang());
        f.render_widget(
            Paragraph::new(truncate(msg, area.width as usize)),
            Rect::new(0, 0, area.width, area.height.min(1)),
        );
        return hits;
    }
    let t = Theme::of(state);
    if a.mode != Mode::Compact {
        draw_frame(state, f, a, t);
    }
    let cursor = draw_search(state, f, a, t, &mut hits);
    if let Some(info) = a.info {
        draw_info(state, f, info, t);
    }
    match (state.screen, a.mode) {
        (Screen::Card(cv), Mode::Wide) => {
            draw_list(state, f, a, t, &mut hits);
            draw_card(state, f, a.card, cv, t, &mut hits);
        }
        (Screen::Card(cv), _) => draw_card(state, f, a.card, cv, t, &mut hits),
        (Screen::List, _) => {
            draw_list(state, f, a, t, &mut hits);
            if let Some(side) = a.side {
                draw_preview(state, f, side);
            }
        }
    }
    let mut hints_area = a.hints;
    if a.mode == Mode::Compact && state.dir.meta.demo {
        // No title here: the hint line carries a short demo marker.
        let mark = Msg::DemoShort.text(state.lang());
        let mw = (width(mark) as u16).min(hints_area.width);
        f.render_widget(
            Paragraph::new(Line::styled(mark, t.demo())),
            Rect::new(hints_area.x, hints_area.y, mw, hints_area.height),
        );
        hints_area = Rect::new(
            hints_area.x + mw.saturating_add(1).min(hints_area.width),
            hints_area.y,
            hints_area.width.saturating_sub(mw + 1),
            hints_area.height,
        );
    }
    draw_hints(state, f, hints_area, t, &mut hits);
    let overlay_cursor = draw_overlay(state, f, a, t, &mut hits);
    match (state.overlays.last(), state.screen) {
        (Some(_), _) => {
            if let Some(p) = overlay_cursor {
                f.set_cursor_position(p);
            }
        }
        (None, Screen::List) => f.set_cursor_position(cursor),
        (None, Screen::Card(_)) => {}
    }
    hits
}

fn draw_frame(state: &State, f: &mut Frame, a: Areas, t: Theme) {
    let (w, h) = (a.full.width, a.full.height);
    let lang = state.lang();
    let dir = &state.dir;
    let closed = dir
        .agencies
        .iter()
        .filter(|a| a.status == crate::directory::Status::Closed)
        .count();
    let right = format!(
        " {} ",
        strings::title_counts(
            lang,
            // Only what can be offered: closed agencies are kept for history, never listed;
            // the title says how many there are.
            dir.agencies.len() - closed,
            closed,
            dir.error_count(),
            dir.warning_count()
        )
    );
    let room = (w as usize).saturating_sub(4);
    let (right, left_max) = if width(&right) + 12 <= room {
        (Some(right.clone()), room - width(&right) - 1)
    } else {
        (None, room)
    };
    let demo = dir.meta.demo.then(|| Msg::DemoData.text(lang));
    let left = title_spans(
        Msg::AppTitle.text(lang),
        state.settings.office.as_deref().map(clean).as_deref(),
        demo,
        left_max.saturating_sub(2),
        t,
    );
    let mut top = Block::bordered()
        .merge_borders(MergeStrategy::Exact)
        .title_top(Line::from(left));
    if let Some(r) = right {
        let style = if dir.error_count() > 0 {
            t.warn()
        } else if dir.warning_count() > 0 {
            t.caution()
        } else {
            Style::new()
        };
        top = top.title_top(Line::styled(r, style).right_aligned());
    }
    f.render_widget(top, Rect::new(0, 0, w, 4));
    let body = |x: u16, wd: u16| Rect::new(x, 3, wd, h - 5);
    let block = || Block::bordered().merge_borders(MergeStrategy::Exact);
    match a.split {
        Some(split) => {
            f.render_widget(block(), body(0, split + 1));
            f.render_widget(block(), body(split, w - split));
        }
        None => f.render_widget(block(), body(0, w)),
    }
    f.render_widget(block(), Rect::new(0, h - 3, w, 3));
}

/// The title's left side in at most `max` columns (plus a space each side): the app's name,
/// the office, the demo marker. The demo marker is what must never be lost, so the office is cut
/// first, then dropped, then the app's name.
fn title_spans(
    app: &str,
    office: Option<&str>,
    demo: Option<&str>,
    max: usize,
    t: Theme,
) -> Vec<Span<'static>> {
    let sep = " · ";
    let demo_w = demo.map(|d| width(sep) + width(d)).unwrap_or(0);
    let mut head = app.to_string();
    if let Some(o) = office {
        // Room for the office after the name and the marker; a stub of a name is no use.
        let office_room = max.saturating_sub(width(app) + width(sep) + demo_w);
        if width(o) <= office_room {
            head = format!("{app}{sep}{o}");
        } else if office_room >= 8 {
            head = format!("{app}{sep}{}", truncate(o, office_room));
        }
    }
    let mut spans = vec![Span::raw(" ")];
    match demo {
        Some(d) => {
            let head_room = max.saturating_sub(demo_w);
            if width(app) <= head_room {
                spans.push(Span::styled(truncate(&head, head_room), t.bold()));
                spans.push(Span::styled(sep, t.bold()));
                spans.push(Span::styled(d.to_string(), t.demo()));
            } else {
                spans.push(Span::styled(truncate(d, max), t.demo()));
            }
        }
        None => spans.push(Span::styled(truncate(&head, max), t.bold())),
    }
    spans.push(Span::raw(" "));
    spans
}

/// Draws the query line with the filter chips; returns where the cursor goes.
#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
fn draw_search(state: &State, f: &mut Frame, a: Areas, t: Theme, hits: &mut Hits) -> Position {
    let area = a.search;
    let lang = state.lang();
    let compact = a.mode == Mode::Compact;
    let label = if compact {
        "› "
    } else {
        Msg::SearchLabel.text(lang)
    };
    let cat_label = state
        .filters
        .category
        .as_ref()
        .map(|c| {
            state
                .dir
                .category(c)
                .map(|x| x.label(lang).to_string())
                .unwrap_or_else(|| c.clone())
        })
        .unwrap_or_else(|| Msg::AllCategories.text(lang).to_string());
    let loc_label = match state.filters.locality.as_deref() {
        Some(crate::search::NATIONWIDE) => Msg::Nationwide.text(lang).to_string(),
        Some(l) => l.to_string(),
        None => Msg::AllLocalities.text(lang).to_string(),
    };
    let chips_all = [
        (
            format!("[{}]", clean(&cat_label)),
            Command::CategoryFilter,
            state.filters.category.is_some(),
        ),
        (
            format!("[{}]", clean(&loc_label)),
            Command::LocalityFilter,
            state.filters.locality.is_some(),
        ),
        (
            format!(
                "[{}] {}",
                if state.filters.open_now { "✓" } else { " " },
                Msg::OpenNowOnly.text(lang)
            ),
            Command::ToggleOpenNow,
            state.filters.open_now,
        ),
    ];
    let min_query = 16;
    let avail = (area.width as usize).saturating_sub(width(label) + min_query);
    // Active filters are always shown (truncated if need be); inactive ones only when there is
    // room, so the query keeps its space on narrow screens.
    let mut chips: Vec<(String, Command, bool)> = Vec::new();
    let mut used = 0;
    for active_pass in [true, false] {
        for (text, c, active) in &chips_all {
            // A compact screen has no room for chips that say nothing.
            if *active != active_pass || (compact && !active) {
                continue;
            }
            let wd = width(text) + 1;
            if used + wd <= avail {
                chips.push((text.clone(), *c, *active));
                used += wd;
            } else if *active && avail > used + 4 {
                let tx = truncate(text, avail - used - 1);
                used += width(&tx) + 1;
                chips.push((tx, *c, true));
            }
        }
    }
    chips.sort_by_key(|(_, c, _)| chips_all.iter().position(|(_, x, _)| x == c));
    let chips_w: usize = chips.iter().map(|(s, _, _)| width(s) + 1).sum();
    let qw = (area.width as usize)
        .saturating_sub(width(label) + chips_w)
        .max(1);
    // Scroll the query so the cursor stays in view.
    let chars: Vec<char> = state.query.chars().collect();
    let cur = state.cursor.min(chars.len());
    let mut start = 0;
    let wof = |s: &[char]| s.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    while start < cur && wof(&chars[start..cur]) >= qw {
        start += 1;
    }
    let shown: String = {
        let mut s = String::new();
        let mut used = 0;
        for c in &chars[start..] {
            let cw = c.width().unwrap_or(0);
            if used + cw > qw {
                break;
            }
            used += cw;
            s.push(clean_char(*c));
        }
        s
    };
    let mut spans = vec![
        Span::styled(label.to_string(), t.dim()),
        Span::raw(shown.clone()),
    ];
    let pad = qw.saturating_sub(width(&shown));
    spans.push(Span::raw(" ".repeat(pad)));
    let mut x = area.x + (width(label) + qw) as u16;
    for (text, c, active) in &chips {
        spans.push(Span::raw(" "));
        x += 1;
        let wd = width(text) as u16;
        spans.push(Span::styled(
            text.clone(),
            if *active { t.accent() } else { t.dim() },
        ));
        if state.overlays.is_empty() {
            hits.commands.push((Rect::new(x, area.y, wd, 1), *c));
        }
        x += wd;
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    Position::new(
        (area.x + (width(label) + wof(&chars[start..cur])) as u16)
            .min(area.right().saturating_sub(1)),
        area.y,
    )
}

fn draw_info(state: &State, f: &mut Frame, area: Rect, t: Theme) {
    let lang = state.lang();
    let mut left: Vec<Span<'static>> = Vec::new();
    match &state.shown {
        None => left.push(Span::styled(Msg::Searching.text(lang), t.dim())),
        Some(s) => {
            left.push(Span::styled(
                strings::count(lang, i18n::RESULT, s.total),
                t.dim(),
            ));
            if state.filters.any() {
                left.push(Span::styled(
                    format!(" ({})", Msg::Filters.text(lang)),
                    t.dim(),
                ));
            }
            if let Some(note) = strings::reading_note(lang, &s.reading) {
                left.push(Span::raw(" · "));
                left.push(Span::styled(clean(&note), t.caution()));
            }
            // The words of the need the selected agency does not cover.
            if let Some(h) = s.hits.get(state.selected) {
                let unused: Vec<&str> = s
                    .words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| h.matched & 1 << i == 0)
                    .map(|(_, w)| w.as_str())
                    .collect();
                if !unused.is_empty() {
                    left.push(Span::raw(" · "));
                    left.push(Span::styled(
                        clean(&format!(
                            "{}: {}",
                            Msg::NotUsed.text(lang),
                            unused.join(", ")
                        )),
                        t.caution(),
                    ));
                }
            }
        }
    }
    let status = state.status.as_deref().map(clean).unwrap_or_default();
    let sw = width(&status);
    let room = (area.width as usize).saturating_sub(if sw > 0 { sw + 2 } else { 0 });
    let (mut spans, used) = fit(left, room);
    if sw > 0 {
        let sw = sw.min(area.width as usize);
        let pad = (area.width as usize).saturating_sub(used + sw);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(truncate(&status, sw), t.accent()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn empty_message(state: &State) -> Option<&'static str> {
    if state.dir.agencies.is_empty() {
        return Some(if state.dir.diagnostics.is_empty() {
            Msg::EmptyDirectory.text(state.lang())
        } else {
            Msg::EmptyDirectoryWithProblems.text(state.lang())
        });
    }
    match &state.shown {
        Some(s) if s.hits.is_empty() => Some(Msg::NothingFound.text(state.lang())),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
fn draw_list(state: &State, f: &mut Frame, a: Areas, t: Theme, hits: &mut Hits) {
    let area = a.list;
    if area.height == 0 || area.width == 0 {
        return;
    }
    if let Some(msg) = empty_message(state) {
        let mut lines = Vec::new();
        let inner = Rect::new(
            area.x + 1,
            area.y,
            area.width.saturating_sub(2),
            area.height,
        );
        wrap_field(&mut lines, None, msg, t.bold(), t.bold(), inner.width, 0, 0);
        // Never empty-handed: what is near, plainly labelled as suggestions.
        if let Some(s) = state.shown.as_ref().and_then(|s| s.suggestions.as_ref()) {
            for l in s.lines(&state.dir, state.lang()) {
                let indent = l.len() - l.trim_start().len();
                let style = if indent == 0 {
                    t.caution()
                } else {
                    Style::default()
                };
                wrap_field(
                    &mut lines,
                    None,
                    &clean(l.trim_start()),
                    style,
                    style,
                    inner.width,
                    indent,
                    2,
                );
            }
        }
        f.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let compact = a.mode == Mode::Compact;
    let rh = row_height(a.mode);
    let cap = list_capacity(state);
    let offset = list_offset(state.offset, state.selected, cap);
    let w = area.width as usize;
    let lang = state.lang();
    let Some(shown) = &state.shown else { return };
    let in_card = matches!(state.screen, Screen::Card(_));
    for (i, row) in (offset..shown.hits.len()).take(cap).enumerate() {
        let hit = &shown.hits[row];
        let Some(ag) = state.dir.agencies.get(hit.agency) else {
            continue;
        };
        let selected = row == state.selected;
        let sel = if selected {
            if in_card {
                t.bold().add_modifier(Modifier::UNDERLINED)
            } else {
                t.selected()
            }
        } else {
            Style::new()
        };
        let marks = match shown.marks.get(row) {
            Some(Marks::Known(m)) => Some(m),
            _ => None,
        };
        let card = Card::new(&state.dir, ag, lang);
        let st = card.open_state(state.now);
        let loc = clean(ag.locality_or_country());
        let mut name = marked(
            ag.display_name(),
            marks.map(|m| m.name.as_slice()).unwrap_or(&[]),
            sel,
            t.matched(),
        );
        // An alert is marked before the name, so it is seen before the agency is chosen.
        if ag.alert.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            name.insert(
                0,
                Span::styled(format!("{} ", strings::ALERT_MARK), sel.patch(t.warn())),
            );
        }
        let stale = ag.is_stale(state.now.date());
        let y = area.y + i as u16 * rh;
        let mut spans = vec![
            Span::styled(" ", sel),
            Span::styled(strings::open_mark(st).to_string(), sel.patch(t.mark(st))),
            Span::styled(" ", sel),
        ];
        let line1 = if compact {
            let mut name = name;
            if stale {
                name.push(Span::styled(
                    format!(" {}", strings::STALE_MARK),
                    sel.patch(t.stale()),
                ));
            }
            name.push(Span::styled(format!(" · {loc}"), sel.patch(t.dim())));
            let (name, used) = fit(name, w.saturating_sub(3));
            spans.extend(name);
            pad_line(spans, used + 3, w, sel)
        } else {
            let lw = width(&loc);
            let show_loc = w >= 3 + 8 + lw + 2;
            let room = if show_loc {
                w - 3 - lw - 2
            } else {
                w.saturating_sub(3)
            };
            let (name, used) = fit(name, room);
            spans.extend(name);
            let mut used = used + 3;
            if show_loc {
                let pad = w.saturating_sub(used + lw + 1);
                spans.push(Span::styled(" ".repeat(pad), sel));
                spans.push(Span::styled(loc, sel.patch(t.dim())));
                used += pad + lw;
            }
            pad_line(spans, used, w, sel)
        };
        f.render_widget(Paragraph::new(line1), Rect::new(area.x, y, area.width, 1));
        if !compact {
            // The second line says why this agency is here: the matching service, else where
            // it is.
            let note_w = note_width(state, ag, w);
            let room = w.saturating_sub(4 + if note_w > 0 { note_w + 2 } else { 0 });
            let second = match hit.service.and_then(|s| ag.services.get(s)) {
                Some(svc) => {
                    // A long service name whose matched part would be cut off shows the part
                    // around the match instead, so the row says why it is here.
                    let (text, svc_marks) = window_at_match(
                        &svc.name,
                        marks.map(|m| m.service.as_slice()).unwrap_or(&[]),
                        room,
                    );
                    marked(&text, &svc_marks, sel.patch(t.dim()), t.matched())
                }
                None => vec![Span::styled(
                    clean(
                        &card
                            .address()
                            .unwrap_or_else(|| card.category_label.to_string()),
                    ),
                    sel.patch(t.dim()),
                )],
            };
            // A stale entry says when it was last verified, at the right (dropped first when
            // the row is narrow).
            let note = stale.then(|| {
                format!(
                    "{} {}",
                    strings::STALE_MARK,
                    strings::stale_short(lang, ag.verified)
                )
            });
            let (second, used) = fit(second, room);
            let mut spans = vec![Span::styled("   ", sel)];
            spans.extend(second);
            let mut used = used + 3;
            if let (Some(note), true) = (note, note_w > 0) {
                let pad = w.saturating_sub(used + note_w + 1);
                spans.push(Span::styled(" ".repeat(pad), sel));
                spans.push(Span::styled(note, sel.patch(t.stale())));
                used += pad + note_w;
            }
            f.render_widget(
                Paragraph::new(pad_line(spans, used, w, sel)),
                Rect::new(area.x, y + 1, area.width, 1),
            );
        }
        hits.rows.push((Rect::new(area.x, y, area.width, rh), row));
    }
}

/// The width of a result row's "verified long ago" note on a row `w` wide; 0 when there is
/// none or no room for it.
fn note_width(state: &State, ag: &Agency, w: usize) -> usize {
    if !ag.is_stale(state.now.date()) {
        return 0;
    }
    let nw = width(&format!(
        "{} {}",
        strings::STALE_MARK,
        strings::stale_short(state.lang(), ag.verified)
    ));
    if w >= 4 + 12 + nw + 2 { nw } else { 0 }
}

fn draw_preview(state: &State, f: &mut Frame, area: Rect) {
    let Some(hit) = state.selected_hit() else {
        return;
    };
    let text = card_text(state, hit.agency, hit.service, area.width, false);
    f.render_widget(Paragraph::new(text.lines), area);
}

fn draw_card(
    state: &State,
    f: &mut Frame,
    area: Rect,
    cv: super::state::CardView,
    _t: Theme,
    hits: &mut Hits,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let text = card_text(state, cv.agency, cv.service, area.width, true);
    let max = text.lines.len().saturating_sub(area.height as usize);
    let scroll = cv.scroll.min(max);
    let visible: Vec<Line> = text
        .lines
        .into_iter()
        .skip(scroll)
        .take(area.height as usize)
        .collect();
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(visible), area);
    for (i, line) in text.services.iter().enumerate() {
        if (scroll..scroll + area.height as usize).contains(line) {
            let y = area.y + (line - scroll) as u16;
            hits.services.push((Rect::new(area.x, y, area.width, 1), i));
        }
    }
}

#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
fn draw_hints(state: &State, f: &mut Frame, area: Rect, t: Theme, hits: &mut Hits) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lang = state.lang();
    let scope = state.scope();
    // (key, label, shorter label for a tight bar, command, priority)
    let mut items: Vec<(String, String, Option<String>, Command, u8)> = Vec::new();
    for (c, prio) in keymap::hint_commands(scope) {
        let mut short = None;
        let Some(key) = keymap::keys_for(*c, scope).next() else {
            continue;
        };
        let mut key = keymap::key_label(key);
        let label = match (c, scope) {
            (Command::Back, Scope::List) => {
                if state.query.is_empty() {
                    continue;
                }
                lang.pick("очистити", "clear").to_string()
            }
            (Command::Back, Scope::Picker | Scope::Pager) => {
                lang.pick("закрити", "close").to_string()
            }
            (Command::Back, Scope::Preview) => {
                short = Some(lang.pick("назад", "back").to_string());
                lang.pick("скасувати", "cancel").to_string()
            }
            // Nothing prints until the service is chosen: Tab is the way on.
            (Command::Open, Scope::Preview) if matches!(state.overlays.last(), Some(Overlay::Preview(p)) if state.needs_service(p)) =>
            {
                continue;
            }
            (Command::Open, Scope::Preview) => {
                let saves =
                    matches!(state.overlays.last(), Some(Overlay::Preview(p)) if p.dest.saves());
                if saves {
                    lang.pick("зберегти", "save").to_string()
                } else {
                    short = Some(lang.pick("друк", "print").to_string());
                    lang.pick("друкувати", "print").to_string()
                }
            }
            // Output commands need an agency: with nothing selected they would only say so.
            (
                Command::Print | Command::Copy | Command::ShowQr | Command::MarkReferred,
                Scope::List,
            ) if state.selected_hit().is_none() => continue,
            (Command::Open, Scope::Picker) => lang.pick("вибрати", "choose").to_string(),
            // Tab in the print window only where there is a service to choose.
            (Command::NextService, Scope::Preview)
                if !matches!(
                    state.overlays.last(),
                    Some(Overlay::Preview(p)) if choosable(state, p).is_some()
                ) =>
            {
                continue;
            }
            (Command::Open, Scope::List) if state.hits().is_empty() => continue,
            // Nothing to forget yet: the start screen keeps its room for the other keys.
            (Command::NextVisitor, _) if state.visit_is_blank() => continue,
            (Command::Problems, _)
                if state.dir.diagnostics.is_empty() && state.changes.is_empty() =>
            {
                continue;
            }
            // The QR code, the statistics and a notice have nothing to move through.
            (Command::Up, Scope::Pager)
                if matches!(
                    state.overlays.last(),
                    Some(Overlay::Qr { .. } | Overlay::Stats(_) | Overlay::Notice(_))
                ) =>
            {
                continue;
            }
            (Command::Up, Scope::Preview) => {
                key = "↑↓".into();
                lang.pick("прокрутити", "scroll").to_string()
            }
            (Command::Up, _) => {
                key = "↑↓".into();
                c.hint(lang).to_string()
            }
            _ => c.hint(lang).to_string(),
        };
        items.push((key, label, short, *c, *prio));
    }
    let item_w = |k: &str, l: &str| width(k) + 1 + width(l);
    let total = |items: &[(String, String, Option<String>, Command, u8)]| {
        items
            .iter()
            .map(|(k, l, _, _, _)| item_w(k, l) + 2)
            .sum::<usize>()
    };
    // Too wide: drop the least needed hints; when only the essential ones are left (the main
    // action, the way back, quit), shorten their labels before dropping any of them.
    while total(&items) > area.width as usize + 2 {
        let droppable = |items: &[(String, String, Option<String>, Command, u8)], min: u8| {
            items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.4 < min)
                .min_by_key(|(i, it)| (it.4, usize::MAX - i))
                .map(|(i, _)| i)
        };
        if let Some(i) = droppable(&items, 9) {
            items.remove(i);
        } else if let Some(it) = items.iter_mut().find(|it| it.2.is_some()) {
            // One at a time, in display order, until the bar fits.
            if let Some(s) = it.2.take() {
                it.1 = s;
            }
        } else if let Some(i) = droppable(&items, 10) {
            items.remove(i);
        } else {
            break;
        }
    }
    let mut spans = Vec::new();
    let mut x = area.x;
    for (i, (k, l, _, c, _)) in items.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
            x += 2;
        }
        spans.push(Span::styled(k.clone(), t.accent()));
        spans.push(Span::raw(format!(" {l}")));
        let wd = item_w(k, l) as u16;
        let r = Rect::new(x, area.y, wd, 1).intersection(area);
        hits.commands.push((r, *c));
        x = x.saturating_add(wd);
    }
    let (spans, _) = fit(spans, area.width as usize);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the top overlay; returns the cursor position when it has a text field.
#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
fn draw_overlay(
    state: &State,
    f: &mut Frame,
    a: Areas,
    t: Theme,
    hits: &mut Hits,
) -> Option<Position> {
    let top = state.overlays.last()?;
    let lang = state.lang();
    let mut r = overlay_rect(a);
    match top {
        Overlay::Picker(p) if a.mode != Mode::Compact => {
            // A list of short names needs no more room than it has items.
            let w = r.width.min(60);
            let h = r.height.min(p.items.len() as u16 + 3);
            r = Rect::new(r.x + (r.width - w) / 2, r.y, w, h);
        }
        Overlay::Preview(_) => r = preview_rect(state),
        Overlay::Qr { agency } => {
            // Too small: the usual box, with a note saying what size is needed.
            if let Ok(q) = qr_layout(state, *agency, a) {
                r = q.rect;
            }
        }
        Overlay::Notice(_) if a.mode != Mode::Compact => {
            let w = r.width.min(72);
            let h = r.height.min(12);
            r = Rect::new(r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h);
        }
        _ => {}
    }
    if r.width < 3 || r.height < 3 {
        return None;
    }
    hits.overlay = Some(r);
    hits.rows.clear();
    hits.services.clear();
    let title: String = match top {
        Overlay::Help { .. } => Msg::HelpTitle.text(lang).into(),
        Overlay::Problems { .. } => Msg::ProblemsTitle.text(lang).into(),
        Overlay::Picker(p) => match p.kind {
            PickerKind::Category => Msg::PickCategory.text(lang).into(),
            PickerKind::Locality => Msg::PickLocality.text(lang).into(),
        },
        Overlay::Preview(p) => match state.dir.agencies.get(p.agency) {
            Some(ag) => format!(
                "{}: {}",
                Msg::PreviewTitle.text(lang),
                clean(ag.display_name())
            ),
            None => Msg::PreviewTitle.text(lang).into(),
        },
        Overlay::Qr { agency } => match state.dir.agencies.get(*agency) {
            Some(ag) => format!("{} · {}", Msg::QrTitle.text(lang), clean(ag.display_name())),
            None => Msg::QrTitle.text(lang).into(),
        },
        Overlay::Stats(_) => format!(
            "{}: {}",
            Msg::StatsTitle.text(lang),
            strings::month_year(lang, state.now.date())
        ),
        Overlay::Notice(_) => Msg::NoticeTitle.text(lang).into(),
    };
    let border = match top {
        Overlay::Notice(_) => t.warn(),
        _ => t.accent(),
    };
    let block = Block::bordered()
        .border_style(border)
        .title_top(Line::styled(
            format!(" {} ", truncate(&title, r.width.saturating_sub(4) as usize)),
            t.bold(),
        ));
    let inner = block.inner(r);
    f.render_widget(Clear, r);
    f.render_widget(block, r);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    // Reading windows get a column of margin inside the frame.
    let padded = padded(inner);
    match top {
        Overlay::Help { scroll } => {
            // Reading text: a column of margin inside the frame, like the other windows.
            let lines = help_lines(state, help_width(r));
            let max = lines.len().saturating_sub(padded.height as usize);
            let visible: Vec<Line> = lines.into_iter().skip((*scroll).min(max)).collect();
            f.render_widget(Paragraph::new(visible), padded);
            None
        }
        Overlay::Problems { selected } => {
            draw_problems(state, f, inner, *selected, t);
            None
        }
        Overlay::Picker(p) => Some(draw_picker(state, f, inner, p, t, hits)),
        Overlay::Preview(p) => Some(draw_preview_overlay(state, f, padded, p, t, hits)),
        Overlay::Qr { agency } => {
            draw_qr(state, f, inner, *agency, a);
            None
        }
        Overlay::Stats(v) => {
            f.render_widget(
                Paragraph::new(stats_lines(state, v, padded.width, t)),
                padded,
            );
            None
        }
        Overlay::Notice(text) => {
            let mut lines = Vec::new();
            wrap_field(
                &mut lines,
                None,
                text,
                Style::new(),
                Style::new(),
                padded.width,
                0,
                2,
            );
            f.render_widget(Paragraph::new(lines), padded);
            None
        }
    }
}

/// Changes from live reloads (newest first, marked ↻ with the time), then the load problems.
fn problem_entries(state: &State, t: Theme) -> Vec<(String, Style)> {
    let lang = state.lang();
    let mut v: Vec<(String, Style)> = state
        .changes
        .iter()
        .map(|(at, c)| {
            let style = if c.is_warning() {
                t.caution()
            } else {
                Style::new()
            };
            (
                format!("↻ {} {}", at.strftime("%H:%M"), c.message(lang)),
                style,
            )
        })
        .collect();
    for d in &state.dir.diagnostics {
        let sev = if d.severity == Severity::Error {
            t.warn()
        } else {
            t.caution()
        };
        v.push((d.render(lang), sev));
    }
    v
}

fn draw_problems(state: &State, f: &mut Frame, area: Rect, selected: usize, t: Theme) {
    let lang = state.lang();
    let entries = problem_entries(state, t);
    if entries.is_empty() {
        f.render_widget(Paragraph::new(Msg::NoProblems.text(lang)), area);
        return;
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::new();
    for (i, (text, sev)) in entries.iter().enumerate() {
        starts.push(lines.len());
        let mut one = Vec::new();
        wrap_field(&mut one, None, text, *sev, Style::new(), area.width, 0, 4);
        if i == selected {
            for l in &mut one {
                *l = l.clone().patch_style(t.selected());
            }
        }
        lines.extend(one);
    }
    starts.push(lines.len());
    let h = area.height as usize;
    let sel = selected.min(entries.len() - 1);
    let (a, b) = (starts[sel], starts[sel + 1]);
    let scroll = if b > h { (b - h).min(a) } else { 0 };
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(visible), area);
}

// --- the print preview ----------------------------------------------------------------------

/// The slip as the preview shows it: exactly the lines that will be printed, or saved (then
/// without the visitor's name).
/// Until a service is chosen for an agency with several, nothing will print: the preview asks
/// which one instead, listing them.
pub fn preview_slip(state: &State, p: &Preview) -> Vec<slip::TextLine> {
    let Some(card) = state.slip_card(p.agency, p.service) else {
        return Vec::new();
    };
    let ctx = state.slip_context(p.printed_name());
    if state.needs_service(p) {
        let cols = |s: &str| width(s) as f32;
        let w = ctx.width as f32;
        let line = |text: String, bold: bool| slip::TextLine { text, bold };
        let mut out: Vec<slip::TextLine> =
            slip::wrap(Msg::ChooseService.text(state.lang()), w, w, &cols)
                .into_iter()
                .map(|l| line(l, true))
                .collect();
        for (i, s) in card.agency.services.iter().enumerate() {
            let lead = format!("{}. ", i + 1);
            let rest = w - cols(&lead);
            for (j, l) in slip::wrap(&s.name, rest, rest, &cols)
                .into_iter()
                .enumerate()
            {
                let pad = if j == 0 {
                    lead.clone()
                } else {
                    " ".repeat(lead.len())
                };
                out.push(line(format!("{pad}{l}"), false));
            }
        }
        return out;
    }
    slip::layout_text(&slip::build(&card, &ctx), ctx.width)
}

fn preview_rect(state: &State) -> Rect {
    let a = state_areas(state);
    let base = overlay_rect(a);
    if matches!(a.mode, Mode::Compact | Mode::TooSmall) {
        return base;
    }
    // Room for the slip's own width, the frame and a margin; never narrower than the header
    // needs.
    let want = (state.slip_context(None).width as u16)
        .saturating_add(4)
        .max(84);
    let w = base.width.min(want);
    Rect::new(base.x + (base.width - w) / 2, base.y, w, base.height)
}

/// How the configured printer is named in the preview.
fn printer_label(state: &State) -> String {
    let lang = state.lang();
    let p = &state.settings.config.printer;
    if let Some(d) = &p.device {
        format!("{} {}", lang.pick("принтер", "printer"), d.display())
    } else if let Some(c) = p.command.as_ref().and_then(|c| c.first()) {
        format!("{} «{c}»", lang.pick("команда", "command"))
    } else if let Some(n) = p.name.as_deref().filter(|n| !n.trim().is_empty()) {
        format!("{} «{n}»", lang.pick("принтер", "printer"))
    } else {
        Msg::DefaultPrinter.text(lang).to_string()
    }
}

fn dest_label(state: &State, d: SlipDest) -> String {
    let lang = state.lang();
    match d {
        SlipDest::Printer => printer_label(state),
        SlipDest::SavePdf => Msg::DestPdf.text(lang).to_string(),
        SlipDest::SaveText => Msg::DestText.text(lang).to_string(),
    }
}

/// The previewed agency when it has services to choose between (Tab, the «Послуга:» line).
fn choosable<'a>(state: &'a State, p: &Preview) -> Option<&'a Agency> {
    state
        .dir
        .agencies
        .get(p.agency)
        .filter(|a| a.services.len() > 1)
}

/// The preview's fixed lines above the slip: the name field, the output choice, notes. Also
/// returns the cursor's column in the first line.
#[allow(clippy::too_many_lines)] // tuiarch splits src/tui/ (issue 11)
fn preview_header(state: &State, p: &Preview, w: u16, t: Theme) -> (Vec<Line<'static>>, usize) {
    let lang = state.lang();
    let wu = w as usize;
    let mut out = Vec::new();
    // The name field, scrolled so the cursor stays visible.
    let label = Msg::ForLabel.text(lang);
    let room = wu.saturating_sub(width(label) + 1).max(1);
    let chars: Vec<char> = p.for_name.chars().collect();
    let cur = p.cursor.min(chars.len());
    let wof = |s: &[char]| s.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    let mut start = 0;
    while start < cur && wof(&chars[start..cur]) >= room {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in &chars[start..] {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        used += cw;
        shown.push(clean_char(*c));
    }
    let name_style = if p.dest.saves() {
        t.dim().add_modifier(Modifier::CROSSED_OUT)
    } else {
        t.bold()
    };
    out.push(Line::from(vec![
        Span::styled(label, t.dim()),
        Span::styled(shown, name_style),
    ]));
    let cursor = width(label) + wof(&chars[start..cur]);
    // The output choice: every option when it fits, else the chosen one.
    let olabel = Msg::OutputLabel.text(lang);
    let mut spans = vec![Span::styled(olabel, t.dim())];
    for (i, d) in SlipDest::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let on = *d == p.dest;
        spans.push(Span::styled(
            format!("({}) {}", if on { "•" } else { " " }, dest_label(state, *d)),
            if on { t.accent() } else { Style::new() },
        ));
    }
    let full_w: usize = spans.iter().map(|s| width(&s.content)).sum();
    if full_w <= wu {
        out.push(Line::from(spans));
    } else {
        let short = vec![
            Span::styled(olabel, t.dim()),
            Span::styled(dest_label(state, p.dest), t.accent()),
        ];
        out.push(Line::from(fit(short, wu).0));
    }
    if let Some(a) = choosable(state, p) {
        let (value, style) = match p.service {
            ServiceChoice::One(i) => (
                format!(
                    "{}/{} · {}",
                    i + 1,
                    a.services.len(),
                    a.services.get(i).map_or("", |s| s.name.as_str())
                ),
                t.accent(),
            ),
            ServiceChoice::All => (
                format!("{} ({})", Msg::AllServices.text(lang), a.services.len()),
                t.accent(),
            ),
            ServiceChoice::Unchosen => (Msg::NotChosen.text(lang).to_string(), t.warn()),
        };
        let spans = vec![
            Span::styled(Msg::ServiceLabel.text(lang), t.dim()),
            Span::styled(clean(&value), style),
        ];
        out.push(Line::from(fit(spans, wu).0));
    }
    if p.dest.saves() {
        if !p.for_name.trim().is_empty() {
            wrap_field(
                &mut out,
                None,
                Msg::NameNotSaved.text(lang),
                t.caution(),
                t.caution(),
                w,
                0,
                2,
            );
        }
        if let Some(dir) = &state.settings.save_dir {
            wrap_field(
                &mut out,
                Some(Msg::SaveFolder.text(lang)),
                &dir.display().to_string(),
                t.dim(),
                t.dim(),
                w,
                0,
                2,
            );
        }
    }
    if let Some(a) = state.dir.agencies.get(p.agency) {
        freshness_lines(&mut out, state, a, w, t);
    }
    out.push(Line::styled("─".repeat(wu), t.dim()));
    (out, cursor)
}

/// An overlay's inside with one column of margin each side, when there is room for it.
fn padded(inner: Rect) -> Rect {
    if inner.width >= 24 {
        Rect::new(inner.x + 1, inner.y, inner.width - 2, inner.height)
    } else {
        inner
    }
}

/// Where the preview's text goes (inside its frame and margin).
fn preview_inner(state: &State) -> Rect {
    let r = preview_rect(state);
    padded(Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    ))
}

/// How far the open print preview can scroll.
pub fn preview_max_scroll(state: &State) -> usize {
    let Some(Overlay::Preview(p)) = state.overlays.last() else {
        return 0;
    };
    let inner = preview_inner(state);
    let (header, _) = preview_header(state, p, inner.width, Theme::of(state));
    let body = (inner.height as usize).saturating_sub(header.len());
    preview_slip(state, p).len().saturating_sub(body)
}

fn draw_preview_overlay(
    state: &State,
    f: &mut Frame,
    area: Rect,
    p: &Preview,
    t: Theme,
    hits: &mut Hits,
) -> Position {
    let (header, cursor) = preview_header(state, p, area.width, t);
    let hh = (header.len() as u16).min(area.height);
    f.render_widget(
        Paragraph::new(header),
        Rect::new(area.x, area.y, area.width, hh),
    );
    if hh >= 2 {
        // Clicking the output line cycles it, like F2; the service line, like Tab.
        hits.commands.push((
            Rect::new(area.x, area.y + 1, area.width, 1),
            Command::NextOutput,
        ));
    }
    if hh >= 3 && choosable(state, p).is_some() {
        hits.commands.push((
            Rect::new(area.x, area.y + 2, area.width, 1),
            Command::NextService,
        ));
    }
    let mut body = Rect::new(area.x, area.y + hh, area.width, area.height - hh);
    let lines = preview_slip(state, p);
    // The slip sits in the middle, like the paper it will be.
    let slip_w = lines.iter().map(|l| width(&l.text)).max().unwrap_or(0) as u16;
    if slip_w < body.width {
        let shift = (body.width - slip_w) / 2;
        body = Rect::new(body.x + shift, body.y, body.width - shift, body.height);
    }
    let max = lines.len().saturating_sub(body.height as usize);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(p.scroll.min(max))
        .take(body.height as usize)
        .map(|l| {
            let style = if l.bold { t.bold() } else { Style::new() };
            // The slip may be wider than a small terminal: cut, never wrap, so the lines
            // keep the shape they print with.
            Line::styled(truncate(&clean(&l.text), body.width as usize), style)
        })
        .collect();
    f.render_widget(Paragraph::new(visible), body);
    Position::new(
        (area.x + cursor as u16).min(area.right().saturating_sub(1)),
        area.y,
    )
}

// --- the QR code ----------------------------------------------------------------------------

/// What the F6 code holds: the `tel:` URI of the first phone, else a minimal vCard (name and
/// phones).
pub fn qr_payload(card: &Card) -> String {
    vcard::tel_uri(card).unwrap_or_else(|| vcard::minimal(card))
}

struct QrLayout {
    rect: Rect,
    lines: Vec<String>,
    caption: String,
}

/// Where the QR overlay goes, or (Err) the size it needs when the terminal is smaller.
fn qr_layout(state: &State, agency: usize, a: Areas) -> Result<QrLayout, (u16, u16)> {
    let Some(ag) = state.dir.agencies.get(agency) else {
        return Err((0, 0));
    };
    let card = Card::new(&state.dir, ag, state.lang());
    let lines = qr::terminal_lines(&qr_payload(&card));
    let caption = match card.phones().first() {
        Some(p) => clean(&Card::phone_line(p)),
        None => Msg::QrNoPhone.text(state.lang()).to_string(),
    };
    let qw = lines.first().map(|l| l.chars().count()).unwrap_or(0) as u16;
    let qh = lines.len() as u16;
    // The frame, one column of margin each side, the caption under the code.
    let need_w = qw + 4;
    let need_h = qh + 3;
    let full = a.full;
    if lines.is_empty() || full.width < need_w || full.height < need_h {
        return Err((need_w, need_h));
    }
    let w = need_w
        .max((width(&caption) as u16).saturating_add(4))
        .min(full.width);
    let h = (need_h + 1).min(full.height);
    Ok(QrLayout {
        rect: Rect::new((full.width - w) / 2, (full.height - h) / 2, w, h),
        lines,
        caption,
    })
}

fn draw_qr(state: &State, f: &mut Frame, area: Rect, agency: usize, a: Areas) {
    let lang = state.lang();
    let q = match qr_layout(state, agency, a) {
        Ok(q) => q,
        Err((w, h)) => {
            let msg = strings::qr_too_small(lang, w, h, a.full.width, a.full.height);
            let mut lines = Vec::new();
            wrap_field(
                &mut lines,
                None,
                &msg,
                Style::new(),
                Style::new(),
                area.width,
                0,
                0,
            );
            f.render_widget(Paragraph::new(lines), area);
            return;
        }
    };
    // Dark modules on a light ground, whatever the terminal's theme: a scanner needs the
    // contrast the right way round, so this is the one place colours are fixed.
    let paper = Style::new().fg(Color::Black).bg(Color::White);
    let qw = q.lines.first().map(|l| l.chars().count()).unwrap_or(0) as u16;
    let x = area.x + area.width.saturating_sub(qw) / 2;
    for (i, l) in q.lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        f.render_widget(
            Paragraph::new(Line::styled(l.clone(), paper)),
            Rect::new(x, y, qw.min(area.width), 1),
        );
    }
    let cy = area.y + q.lines.len() as u16;
    if cy < area.bottom() {
        let cap = truncate(&q.caption, area.width as usize);
        let cx = area.x + area.width.saturating_sub(width(&cap) as u16) / 2;
        f.render_widget(
            Paragraph::new(Line::styled(cap, Style::new().add_modifier(Modifier::BOLD))),
            Rect::new(cx, cy, area.width - (cx - area.x), 1),
        );
    }
}

// --- statistics -----------------------------------------------------------------------------

fn stats_lines(state: &State, v: &StatsView, w: u16, t: Theme) -> Vec<Line<'static>> {
    let lang = state.lang();
    let wu = w as usize;
    let mut out = Vec::new();
    let contents = match v {
        StatsView::Loading => {
            out.push(Line::styled(Msg::StatsLoading.text(lang), t.dim()));
            return out;
        }
        StatsView::Failed(e) => {
            wrap_field(
                &mut out,
                Some(Msg::StatsFailed.text(lang)),
                e,
                t.warn(),
                Style::new(),
                w,
                0,
                2,
            );
            return out;
        }
        StatsView::Loaded(c) => c,
    };
    let today = state.now.date();
    let bars = stats::month_by_category(&contents.records, &state.dir, today, lang);
    if bars.is_empty() {
        out.push(Line::styled(Msg::StatsEmpty.text(lang), t.bold()));
    } else {
        let (from, to) = stats::month_bounds(today);
        let month: Vec<&stats::Record> = contents
            .records
            .iter()
            .filter(|r| (from..=to).contains(&r.at.date()))
            .collect();
        let by = |h: How| month.iter().filter(|r| r.how == h).count() as u64;
        let total: u64 = bars.iter().map(|b| b.count).sum();
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", Msg::StatsTotal.text(lang)), t.bold()),
            Span::styled(
                strings::count(lang, i18n::REFERRAL, total as usize),
                t.bold(),
            ),
        ]));
        out.push(Line::styled(
            truncate(
                &strings::how_counts(lang, by(How::Printed), by(How::Copied), by(How::Read)),
                wu,
            ),
            t.dim(),
        ));
        out.push(Line::default());
        let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let num_w = max.to_string().len();
        let label_w = bars
            .iter()
            .map(|b| width(&b.label))
            .max()
            .unwrap_or(0)
            .min(wu / 2);
        let bar_room = wu.saturating_sub(label_w + 2 + num_w + 1);
        for b in &bars {
            let label = truncate(&clean(&b.label), label_w);
            let pad = label_w.saturating_sub(width(&label));
            // At least one block for any count, so a category with one referral is seen.
            let n = ((b.count as usize * bar_room) / max as usize)
                .max(1)
                .min(bar_room);
            out.push(Line::from(vec![
                Span::raw(format!("{label}{}  ", " ".repeat(pad))),
                Span::styled("█".repeat(n), t.accent()),
                Span::raw(format!(" {}", b.count)),
            ]));
        }
    }
    if !contents.damaged.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(
            truncate(&strings::damaged_records(lang, contents.damaged.len()), wu),
            t.caution(),
        ));
    }
    out
}

fn draw_picker(
    state: &State,
    f: &mut Frame,
    area: Rect,
    p: &Picker,
    t: Theme,
    hits: &mut Hits,
) -> Position {
    let lang = state.lang();
    let label = Msg::PickerFilter.text(lang);
    let filter = clean(&p.filter);
    let shown = truncate(
        &filter,
        (area.width as usize).saturating_sub(width(label) + 1),
    );
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label, t.dim()),
            Span::raw(shown.clone()),
        ])),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let cursor = Position::new(
        (area.x + (width(label) + width(&shown)) as u16).min(area.right().saturating_sub(1)),
        area.y,
    );
    let list = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let visible = p.visible();
    let cap = list.height as usize;
    if cap == 0 {
        return cursor;
    }
    let offset = list_offset(0, p.selected, cap);
    let w = list.width as usize;
    for (i, idx) in (offset..visible.len()).take(cap).enumerate() {
        let item = visible[idx];
        let sel = if idx == p.selected {
            t.selected()
        } else {
            Style::new()
        };
        let count = format!(" {} ", item.count);
        let (name, used) = fit(
            vec![Span::styled(format!(" {}", clean(&item.label)), sel)],
            w.saturating_sub(width(&count) + 1),
        );
        let mut spans = name;
        let pad = w.saturating_sub(used + width(&count));
        spans.push(Span::styled(" ".repeat(pad), sel));
        spans.push(Span::styled(count, sel.patch(t.dim())));
        let y = list.y + i as u16;
        let r = Rect::new(list.x, y, list.width, 1);
        f.render_widget(Paragraph::new(Line::from(spans)), r);
        hits.picker_rows.push((r, idx));
    }
    cursor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_replaces_escape_sequences_one_for_one() {
        let s = "a\u{1b}[31mb\tc\u{202E}d";
        let c = clean(s);
        assert!(!c.contains('\u{1b}'));
        assert!(!c.contains('\u{202E}'));
        assert_eq!(c.chars().count(), s.chars().count());
        assert_eq!(c, "a\u{FFFD}[31mb c\u{FFFD}d");
    }

    #[test]
    fn modes_follow_the_size_thresholds() {
        assert_eq!(mode(120, 40), Mode::Wide);
        assert_eq!(mode(100, 15), Mode::Wide);
        assert_eq!(mode(99, 40), Mode::Narrow);
        assert_eq!(mode(60, 15), Mode::Narrow);
        assert_eq!(mode(59, 40), Mode::Compact);
        assert_eq!(mode(100, 14), Mode::Compact);
        assert_eq!(mode(20, 5), Mode::Compact);
        assert_eq!(mode(19, 5), Mode::TooSmall);
        assert_eq!(mode(1, 1), Mode::TooSmall);
        assert_eq!(mode(0, 0), Mode::TooSmall);
    }

    #[test]
    fn list_offset_keeps_the_selection_visible() {
        assert_eq!(list_offset(0, 0, 5), 0);
        assert_eq!(list_offset(0, 7, 5), 3);
        assert_eq!(list_offset(3, 7, 5), 3);
        assert_eq!(list_offset(6, 2, 5), 2);
        assert_eq!(list_offset(0, 4, 0), 4);
    }

    #[test]
    fn a_match_beyond_the_width_is_shown_in_a_window() {
        let text = "Видача відомостей з реєстру про суми доходів (довідка про доходи)";
        let n = text.chars().count();
        let marks: Vec<usize> = (n - 19..n - 1).collect();
        let (out, moved) = window_at_match(text, &marks, 40);
        assert!(out.starts_with('…'), "{out}");
        let chars: Vec<char> = out.chars().collect();
        let hl: String = moved.iter().map(|&i| chars[i]).collect();
        assert_eq!(hl, "довідка про доходи");
        let last = *moved.iter().max().unwrap();
        let w: usize = chars[..=last].iter().map(|c| c.width().unwrap_or(0)).sum();
        assert!(w <= 39, "the match is within the shown width: {out}");
        // A match already in view changes nothing.
        let (same, m) = window_at_match(text, &[0, 1], 40);
        assert_eq!((same.as_str(), m.as_slice()), (text, &[0usize, 1][..]));
    }

    fn lines_text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// Phone numbers, time ranges and URLs are never broken across lines, in fields and in the
    /// read-aloud phrase; nothing is wider than the width; no no-break space reaches the screen.
    #[test]
    fn wrapping_keeps_phones_times_and_urls_whole() {
        let tokens = [
            "(04143) 2-11-27",
            "0412 42 61 32",
            "08:00–16:00",
            "https://cabinet.tax.gov.ua",
        ];
        let text = "Телефон для запису (04143) 2-11-27 або телефон 0412 42 61 32; Fri 08:00–16:00; онлайн https://cabinet.tax.gov.ua — кабінет";
        let t = Theme { color: false };
        for w in 30..70u16 {
            let mut field = Vec::new();
            wrap_field(
                &mut field,
                Some("Телефони"),
                text,
                t.bold(),
                Style::new(),
                w,
                0,
                2,
            );
            let mut boxed = Vec::new();
            phrase_box(&mut boxed, "Прочитайте", text, w + 4, t);
            for (what, lines) in [("field", field), ("phrase", boxed)] {
                let lines = lines_text(&lines);
                for tok in tokens {
                    assert!(
                        lines.iter().any(|l| l.contains(tok)),
                        "{what} at {w}: «{tok}» broken:\n{}",
                        lines.join("\n")
                    );
                }
                for l in &lines {
                    assert!(!l.contains('\u{A0}'), "{what}: a no-break space is drawn");
                    assert!(width(l) <= w as usize + 4, "{what} at {w}: too wide: {l}");
                }
            }
        }
        // A word longer than a whole line is still broken, not lost.
        let mut long = Vec::new();
        wrap_field(
            &mut long,
            None,
            &"x".repeat(50),
            t.bold(),
            Style::new(),
            20,
            0,
            0,
        );
        let joined: String = lines_text(&long).concat();
        assert_eq!(joined.matches('x').count(), 50);
    }

    #[test]
    fn the_loading_frame_says_the_directory_is_loading() {
        for (lang, text) in [
            (i18n::Lang::Uk, "Завантаження довідника…"),
            (i18n::Lang::En, "Loading the directory…"),
        ] {
            for (w, h) in [(120, 40), (40, 12), (20, 5), (1, 1), (0, 0)] {
                let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
                    .expect("test backend");
                term.draw(|f| draw_loading(lang, f)).expect("draw");
                if w >= 40 {
                    let screen = term.backend().to_string();
                    assert!(screen.contains(text), "{w}x{h}:\n{screen}");
                }
            }
        }
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_at_the_width() {
        let (s, w) = fit(vec![Span::raw("Центр обслуговування")], 8);
        let text: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Центр о…");
        assert_eq!(w, 8);
        let (_, w) = fit(vec![Span::raw("abc")], 8);
        assert_eq!(w, 3);
    }
}

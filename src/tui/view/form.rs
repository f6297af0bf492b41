//! The edit form: the file it edits, why a save was refused, then one line per field with
//! its problems under it, the value the program would derive (genitive, gender, id) and the
//! hours as the program reads them, live.

use super::text::{clean, truncate, width, wrap_field};
use super::theme::Theme;
use crate::directory::Severity;
use crate::tui::state::form::fields::{Known, choices_of};
use crate::tui::state::{Blocked, FieldKey, Form, State};
use crate::tui::strings::Msg;
use crate::tui::strings::form as form_text;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The form's title: «Редагування: ЦНАП», «Нова установа».
pub(super) fn form_title(state: &State, form: &Form) -> String {
    let lang = state.lang();
    if form.new {
        return Msg::NewTitle.text(lang).to_string();
    }
    match state.dir.agency(&form.agency) {
        Some(a) => format!("{}: {}", Msg::FormTitle.text(lang), clean(a.display_name())),
        None => Msg::FormTitle.text(lang).to_string(),
    }
}

/// A note under a field, indented to the values' column.
fn note(out: &mut Vec<Line<'static>>, text: &str, style: Style, w: u16, indent: usize) {
    wrap_field(out, None, text, style, style, w, indent, 2);
}

/// The form's head, always in view above the fields: the file, what the last key did not do,
/// why a save was refused and what changed on disk, what a merge did, the entry's own problems.
fn head_lines(state: &State, form: &Form, w: u16) -> Vec<Line<'static>> {
    let lang = state.lang();
    let t = Theme::of(state);
    let mut out = Vec::new();
    let file = form.snapshot.path.display().to_string();
    wrap_field(
        &mut out,
        Some(Msg::FormFile.text(lang)),
        &file,
        t.dim(),
        t.dim(),
        w,
        0,
        2,
    );
    if let Some(n) = &form.notice {
        note(&mut out, n, t.warn(), w, 0);
    }
    match (&form.refused, &form.disk) {
        (Some(_), Some(disk)) => disk_lines(state, disk, &mut out, w),
        (Some(message), None) => note(&mut out, &format!("✗ {message}"), t.warn(), w, 0),
        _ => {}
    }
    if let Some(m) = &form.merged {
        note(
            &mut out,
            &form_text::merged(lang, m.carried),
            t.accent(),
            w,
            0,
        );
        if !m.conflicts.is_empty() {
            let labels: Vec<String> = m.conflicts.iter().map(|c| c.key.full_label(lang)).collect();
            note(
                &mut out,
                &form_text::conflicts(lang, &labels),
                t.caution(),
                w,
                0,
            );
        }
    }
    for p in form.problems.iter().filter(|p| p.field.is_none()) {
        note(
            &mut out,
            &format!("⚠ {}", p.message),
            severity_style(p.severity, t),
            w,
            0,
        );
    }
    out
}

/// A save refused because the file changed on disk: why, the way on, and what changed, field
/// by field (last, so a short window cuts the list rather than the way on).
fn disk_lines(
    state: &State,
    disk: &crate::tui::state::DiskChanges,
    out: &mut Vec<Line<'static>>,
    w: u16,
) {
    let lang = state.lang();
    let t = Theme::of(state);
    note(
        out,
        &format!("✗ {}", form_text::changed_on_disk(lang)),
        t.warn(),
        w,
        0,
    );
    match &disk.blocked {
        Some(Blocked::Gone) => return note(out, form_text::entry_gone(lang), t.warn(), w, 0),
        Some(Blocked::Unreadable(why)) => {
            let text = form_text::unreadable(lang, &crate::sanitize::line(why));
            return note(out, &text, t.warn(), w, 0);
        }
        None => {}
    }
    note(out, form_text::merge_offer(lang), t.accent(), w, 0);
    if disk.fields.is_empty() && disk.other.is_empty() {
        note(out, form_text::other_entries(lang), t.warn(), w, 2);
    } else {
        note(out, form_text::what_changed(lang), t.warn(), w, 0);
    }
    for c in &disk.fields {
        let label = c.key.full_label(lang);
        let line = form_text::field_change(lang, &label, &c.before, &c.now, c.mine.as_deref());
        note(out, &line, t.warn(), w, 2);
    }
    if !disk.other.is_empty() {
        note(
            out,
            &form_text::other_fields(lang, &disk.other),
            t.warn(),
            w,
            2,
        );
    }
}

/// The form's fields for width `w`; returns them, where the focused field is — the line to
/// show from (its section's heading, when it opens the section), its own line and its last
/// note's — and the cursor's column on its line.
fn form_lines(
    state: &State,
    form: &Form,
    w: u16,
) -> (Vec<Line<'static>>, (usize, usize, usize), usize) {
    let lang = state.lang();
    let t = Theme::of(state);
    let wu = w as usize;
    let mut out = Vec::new();
    let lw = form
        .fields
        .iter()
        .map(|f| width(&f.key.label(lang)))
        .max()
        .unwrap_or(0)
        .min(wu / 3)
        + 2;
    let mut focus = (0, 0, 0);
    let mut cursor = 0;
    for (i, f) in form.fields.iter().enumerate() {
        let heading = heading(form, i, lang, t, &mut out);
        let start = out.len();
        let label = truncate(&f.key.label(lang), lw - 2);
        let pad = " ".repeat(lw - width(&label));
        let room = wu.saturating_sub(lw).max(1);
        let focused = i == form.focus;
        let window = if focused {
            f.input.window(room)
        } else {
            crate::tui::line_input::Window {
                text: f.text(),
                cursor: 0,
            }
        };
        let value = truncate(&clean(window.text), room);
        let label_style = if focused { t.selected() } else { t.bold() };
        let value_style = if f.changed() {
            t.accent()
        } else {
            Style::new()
        };
        out.push(Line::from(vec![
            Span::styled(format!("{label}{pad}"), label_style),
            Span::styled(value, value_style),
        ]));
        if focused {
            cursor = lw + window.cursor;
        }
        field_notes(state, form, f, &mut out, w, lw);
        if focused {
            choice_note(state, form, f, &mut out, w, lw);
            focus = (heading.unwrap_or(start), start, out.len().saturating_sub(1));
        }
    }
    (out, focus, cursor)
}

/// The heading of line `i`'s section, when the line opens it (after an empty line, but for
/// the first); returns the heading's line.
fn heading(
    form: &Form,
    i: usize,
    lang: crate::i18n::Lang,
    t: Theme,
    out: &mut Vec<Line<'static>>,
) -> Option<usize> {
    let section = form.fields[i].key.section();
    if i > 0 && form.fields[i - 1].key.section() == section {
        return None;
    }
    if i > 0 {
        out.push(Line::default());
    }
    out.push(Line::styled(
        format!("── {}", section.heading(lang, form.services)),
        t.bold(),
    ));
    Some(out.len() - 1)
}

/// Under a field: its problems, the value the program would derive, the value as read.
fn field_notes(
    state: &State,
    form: &Form,
    f: &crate::tui::state::FormField,
    out: &mut Vec<Line<'static>>,
    w: u16,
    lw: usize,
) {
    let lang = state.lang();
    let t = Theme::of(state);
    for p in form.problems.iter().filter(|p| p.field == Some(f.key)) {
        note(
            out,
            &format!("⚠ {}", p.message),
            severity_style(p.severity, t),
            w,
            lw,
        );
    }
    if let Some(c) = form.conflict(f.key) {
        note(
            out,
            &form_text::on_disk_was(lang, &c.theirs),
            t.caution(),
            w,
            lw,
        );
    }
    if let Some(s) = form
        .suggestion(f.key)
        .filter(|s| s.trim() != f.text().trim())
    {
        let text = format!("{}: {}", Msg::FormSuggestion.text(lang), s);
        note(out, &text, t.dim(), w, lw);
    }
    let category = state.dir.category(f.text().trim()).map(|c| c.label(lang));
    let parsed = match f.key {
        FieldKey::Field(None, "hours" | "lunch") => form.parsed_hours.as_deref(),
        FieldKey::Field(None, "reception") => form.parsed_reception.as_deref(),
        FieldKey::Field(None, "category") => category,
        _ => None,
    };
    if let Some(p) = parsed.filter(|_| !f.text().trim().is_empty()) {
        let text = format!("{}: {p}", Msg::FormParsed.text(lang));
        note(out, &text, t.dim(), w, lw);
    }
}

/// Under the focused line with values to pick: the choice's words, or that F3 lists the
/// directory's own.
fn choice_note(
    state: &State,
    form: &Form,
    f: &crate::tui::state::FormField,
    out: &mut Vec<Line<'static>>,
    w: u16,
    lw: usize,
) {
    let lang = state.lang();
    let Some(spec) = f
        .key
        .spec()
        .filter(|_| matches!(f.key, FieldKey::Field(..)))
    else {
        return;
    };
    let words: Vec<&str> = choices_of(spec.kind)
        .iter()
        .map(|c| lang.pick(c.word.0, c.word.1))
        .collect();
    let text = match spec.known {
        Known::None => return,
        Known::Choices => form_text::choice_words(lang, &words),
        _ if !form.can_choose(f.key, &state.dir) => return,
        _ => form_text::pick_from_directory(lang).to_string(),
    };
    note(out, &text, Theme::of(state).dim(), w, lw);
}

fn severity_style(s: Severity, t: Theme) -> Style {
    match s {
        Severity::Error => t.warn(),
        Severity::Warning => t.caution(),
    }
}

/// Draws the form: its head, then the fields scrolled so the focused one and its notes are in
/// view; returns the cursor's place. The head takes at most half the height (its end cut).
pub(super) fn draw_form(state: &State, f: &mut Frame, area: Rect, form: &Form) -> Option<Position> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let mut head = head_lines(state, form, area.width);
    let most = (area.height as usize / 2).max(1);
    if head.len() > most {
        head.truncate(most - 1);
        head.push(Line::styled("…", Theme::of(state).dim()));
    }
    head.push(Line::default());
    let head_h = head.len().min(area.height as usize);
    f.render_widget(
        Paragraph::new(head),
        Rect::new(area.x, area.y, area.width, head_h as u16),
    );
    let h = area.height as usize - head_h;
    if h == 0 {
        return None;
    }
    let (lines, (from, first, last), col) = form_lines(state, form, area.width);
    let top = if last + 1 > h {
        (last + 1 - h).min(from)
    } else {
        0
    };
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    let y = area.y + head_h as u16;
    f.render_widget(
        Paragraph::new(visible),
        Rect::new(area.x, y, area.width, h as u16),
    );
    Some(Position::new(
        (area.x + col as u16).min(area.right().saturating_sub(1)),
        y + (first - top) as u16,
    ))
}

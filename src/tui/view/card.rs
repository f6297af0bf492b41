//! The agency's card: laid out for a width (with the service headings' lines), drawn
//! scrolled, and the short form in the wide screen's side pane.

use super::mouse::Hits;
use super::text::{clean, fit, glue, pad_line, truncate, unglue, width, wrap_field, wrap_options};
use super::theme::Theme;
use crate::directory::Agency;
use crate::i18n::Lang;
use crate::referral::{Card, phrase::phrase};
use crate::tui::msg::Scrolled;
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// A card laid out for a width: its lines, and the line of each service's heading.
pub struct CardText {
    pub lines: Vec<Line<'static>>,
    pub services: Vec<usize>,
}

/// The read-out phrase in a box, so it stands out and can be read aloud as it is.
pub(super) fn phrase_box(out: &mut Vec<Line<'static>>, title: &str, text: &str, w: u16, t: Theme) {
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
pub fn card_text(
    state: &State,
    agency: &str,
    service: Option<usize>,
    w: u16,
    with_phrase: bool,
) -> CardText {
    let t = Theme::of(state);
    let lang = state.lang();
    let mut lines = Vec::new();
    let Some(card) = state.card(agency, service, lang) else {
        return CardText {
            lines,
            services: Vec::new(),
        };
    };
    let a = card.agency;
    if with_phrase {
        phrase_box(&mut lines, Msg::ReadAloud.text(lang), &phrase(&card), w, t);
        lines.push(Line::default());
    }
    wrap_field(&mut lines, None, &a.name, t.bold(), t.bold(), w, 0, 0);
    if card.demo {
        let demo = Msg::DemoBanner.text(lang);
        wrap_field(&mut lines, None, demo, t.demo(), t.demo(), w, 0, 0);
    }
    let st = card.open_state(state.now);
    let state_line = vec![
        Span::styled(strings::open_mark(st).to_string(), t.mark(st)),
        Span::raw(" "),
        Span::styled(strings::open_state(lang, st), t.mark(st)),
    ];
    lines.push(Line::from(fit(state_line, w as usize).0));
    if state.visit.has(&a.id) {
        let given = format!("{} {}", strings::GIVEN_MARK, Msg::Given.text(lang));
        wrap_field(&mut lines, None, &given, t.accent(), t.accent(), w, 0, 2);
    }
    freshness_lines(&mut lines, state, a, w, t);
    if with_phrase {
        full_fields(&mut lines, &card, w, t);
    } else {
        brief_fields(&mut lines, &card, w, t);
    }
    if let Some(notes) = &a.notes {
        internal_notes(&mut lines, notes, lang, w, t);
    }
    let services = services_block(&mut lines, &card, service, w, t, with_phrase);
    CardText { lines, services }
}

/// Every field of the agency, as the full card shows them.
fn full_fields(lines: &mut Vec<Line<'static>>, card: &Card, w: u16, t: Theme) {
    let a = card.agency;
    for f in card.agency_fields(false) {
        // The alert already stands out above.
        if a.alert.as_deref() == Some(f.value.as_str()) {
            continue;
        }
        let warn = card.status_text() == Some(f.value.as_str());
        let style = if warn { t.warn() } else { Style::new() };
        wrap_field(lines, Some(f.label), &f.value, t.bold(), style, w, 0, 2);
    }
}

/// The preview's fields, for scanning: where, how to call, when, whom to ask.
fn brief_fields(lines: &mut Vec<Line<'static>>, card: &Card, w: u16, t: Theme) {
    let (a, lang) = (card.agency, card.lang);
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
            wrap_field(lines, Some(label), &v, t.bold(), style, w, 0, 2);
        }
    }
}

/// Internal notes are for staff: marked on every line so they are never read out by mistake,
/// and never part of a slip.
fn internal_notes(lines: &mut Vec<Line<'static>>, notes: &str, lang: Lang, w: u16, t: Theme) {
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

/// The services, the chosen one with its details; returns the line of each one's heading.
fn services_block(
    lines: &mut Vec<Line<'static>>,
    card: &Card,
    service: Option<usize>,
    w: u16,
    t: Theme,
    with_phrase: bool,
) -> Vec<usize> {
    let (a, lang) = (card.agency, card.lang);
    let mut services = Vec::new();
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
                lines,
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
                    lines,
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
                    lines,
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
    services
}

/// The lines that must not be missed: the agency's alert as a highlighted bar, and a warning
/// when its data was last verified more than a year ago.
pub(super) fn freshness_lines(
    out: &mut Vec<Line<'static>>,
    state: &State,
    a: &Agency,
    w: u16,
    t: Theme,
) {
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
    // A frontliner said something here is wrong: the card warns until the report is closed
    // (the phrase and the slip stay as the data says).
    for c in state.open_reports(&a.id) {
        wrap_field(
            out,
            None,
            &format!("⚠ {}", strings::report_warning(lang, c)),
            t.caution(),
            t.caution(),
            w,
            0,
            2,
        );
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

pub(super) fn draw_preview(state: &State, f: &mut Frame, area: Rect) {
    let Some(hit) = state.selected_hit() else {
        return;
    };
    let Some(a) = state.dir.agencies.get(hit.agency) else {
        return;
    };
    let text = card_text(state, &a.id, hit.service, area.width, false);
    f.render_widget(Paragraph::new(text.lines), area);
}

/// Draws the open card from its first line shown, stopping at its end; returns where it
/// scrolled to and how far it can go.
pub(super) fn draw_card(
    state: &State,
    f: &mut Frame,
    area: Rect,
    cv: &crate::tui::state::CardView,
    hits: &mut Hits,
) -> Option<Scrolled> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let text = card_text(state, &cv.agency, cv.service, area.width, true);
    let page = area.height as usize;
    let max = text.lines.len().saturating_sub(page);
    let mut scroll = cv.scroll;
    // A service just chosen whose heading is above the view or in its lower half (its details
    // would be cut off) goes to the top.
    if cv.reveal_service
        && let Some(&line) = cv.service.and_then(|i| text.services.get(i))
        && (line < scroll || line >= scroll + page / 2)
    {
        scroll = line;
    }
    let scroll = scroll.min(max);
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
    Some(Scrolled {
        top: scroll,
        max_top: max,
    })
}

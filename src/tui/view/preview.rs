//! The print preview (F2): the «Для:» field, the output choice, and the slip as printed.

use super::card::freshness_lines;
use super::mouse::Hits;
use super::text::{clean, fit, truncate, width, wrap_field};
use super::theme::Theme;
use crate::directory::Agency;
use crate::referral::card::ServiceChoice;
use crate::referral::{plan, slip};
use crate::tui::keymap::Command;
use crate::tui::layout::Areas;
use crate::tui::msg::{Scrolled, SlipDest};
use crate::tui::state::{Preview, State};
use crate::tui::strings::Msg;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The slip as the preview shows it: exactly the lines that will be printed, or saved (then
/// without the visitor's name).
/// Until a service is chosen for an agency with several, nothing will print: the preview asks
/// which one instead, listing them.
pub fn preview_slip(state: &State, p: &Preview) -> Vec<slip::TextLine> {
    let ctx = state.slip_context(p.printed_name());
    if p.plan {
        let (steps, _) = plan::resolve(&state.plan, &state.dir, crate::i18n::Lang::Uk);
        return slip::layout_text(&plan::slip::build(&steps, &ctx).slip, ctx.width);
    }
    let Some(card) = state.slip_card(&p.agency, p.service) else {
        return Vec::new();
    };
    if state.needs_service(p) {
        let cols = |s: &str| width(s) as f32;
        let w = ctx.width as f32;
        let line = |text: String, bold: bool| slip::TextLine { text, bold };
        let mut out: Vec<slip::TextLine> =
            crate::text::wrap::wrap(Msg::ChooseService.text(state.lang()), w, w, &cols)
                .into_iter()
                .map(|l| line(l, true))
                .collect();
        for (i, s) in card.agency.services.iter().enumerate() {
            let lead = format!("{}. ", i + 1);
            let rest = w - cols(&lead);
            for (j, l) in crate::text::wrap::wrap(&s.name, rest, rest, &cols)
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

pub(super) fn preview_rect(state: &State, a: Areas) -> Rect {
    crate::tui::layout::preview_rect(a, state.slip_context(None).width)
}

/// How the configured printer is named in the preview.
pub(super) fn printer_label(state: &State) -> String {
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

pub(super) fn dest_label(state: &State, d: SlipDest) -> String {
    let lang = state.lang();
    match d {
        SlipDest::Printer => printer_label(state),
        SlipDest::SavePdf => Msg::DestPdf.text(lang).to_string(),
        SlipDest::SaveText => Msg::DestText.text(lang).to_string(),
    }
}

/// The previewed agency when it has services to choose between (Tab, the «Послуга:» line).
pub(super) fn choosable<'a>(state: &'a State, p: &Preview) -> Option<&'a Agency> {
    if p.plan {
        return None;
    }
    state.dir.agency(&p.agency).filter(|a| a.services.len() > 1)
}

/// The preview's fixed lines above the slip: the name field, the output choice, notes. Also
/// returns the cursor's column in the first line.
pub(super) fn preview_header(
    state: &State,
    p: &Preview,
    w: u16,
    t: Theme,
) -> (Vec<Line<'static>>, usize) {
    let lang = state.lang();
    let wu = w as usize;
    let mut out = Vec::new();
    // The name field, scrolled so the cursor stays visible.
    let label = Msg::ForLabel.text(lang);
    let room = wu.saturating_sub(width(label) + 1).max(1);
    let window = p.for_name.window(room);
    let shown = clean(window.text);
    let name_style = if p.dest.saves() {
        t.dim().add_modifier(Modifier::CROSSED_OUT)
    } else {
        t.bold()
    };
    out.push(Line::from(vec![
        Span::styled(label, t.dim()),
        Span::styled(shown, name_style),
    ]));
    let cursor = width(label) + window.cursor;
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
        if !p.for_name.text().trim().is_empty() {
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
    if let Some(a) = state.dir.agency(&p.agency).filter(|_| !p.plan) {
        freshness_lines(&mut out, state, a, w, t);
    }
    out.push(Line::styled("─".repeat(wu), t.dim()));
    (out, cursor)
}

/// How far the open print preview can scroll.
pub(super) fn draw_preview_overlay(
    state: &State,
    f: &mut Frame,
    area: Rect,
    p: &Preview,
    t: Theme,
    hits: &mut Hits,
) -> (Position, Scrolled) {
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
    let top = p.scroll.min(max);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(body.height as usize)
        .map(|l| {
            let style = if l.bold { t.bold() } else { Style::new() };
            // The slip may be wider than a small terminal: cut, never wrap, so the lines
            // keep the shape they print with.
            Line::styled(truncate(&clean(&l.text), body.width as usize), style)
        })
        .collect();
    f.render_widget(Paragraph::new(visible), body);
    let cursor = Position::new(
        (area.x + cursor as u16).min(area.right().saturating_sub(1)),
        area.y,
    );
    (cursor, Scrolled { top, max_top: max })
}

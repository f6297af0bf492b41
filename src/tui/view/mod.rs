//! Drawing: a pure function of [`State`] that paints a frame and hands back where things were
//! drawn ([`Hits`], for the mouse) and what it measured ([`Viewport`], for scrolling).
//!
//! Geometry comes from the terminal's size alone ([`crate::tui::layout`]); every string that comes
//! from the directory goes through [`clean`] before it reaches the buffer. One file per pane or
//! window, as in television's `screen/`.

mod card;
mod dialog;
mod form;
mod frame;
mod help;
mod hints;
mod list;
mod mouse;
mod overlay;
mod picker;
mod plan;
mod preview;
mod problems;
mod qr;
mod search_bar;
mod setup;
mod stats;
mod text;
mod theme;

pub use card::{CardText, card_text};
pub use help::help_lines;
pub use mouse::{Hits, mouse_action};
pub use plan::plan_lines;
pub use preview::preview_slip;
pub use qr::qr_payload;
pub use text::clean;

use crate::i18n;
use crate::tui::layout::Mode;
use crate::tui::msg::Viewport;
use crate::tui::state::{Screen, State};
use crate::tui::strings::Msg;
use card::{draw_card, draw_preview};
use frame::draw_frame;
use hints::draw_hints;
use list::draw_list;
use overlay::draw_overlay;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use search_bar::{draw_info, draw_search};
use text::{truncate, width};
use theme::Theme;

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

/// What a frame hands back: where things went (for the mouse) and what it measured (for
/// scrolling).
#[derive(Debug, Default, Clone)]
pub struct Drawn {
    pub hits: Hits,
    pub viewport: Viewport,
}

/// Draws the whole screen and returns where things went and how long the scrolling parts were.
pub fn draw(state: &State, f: &mut Frame) -> Drawn {
    let mut hits = Hits::default();
    let mut viewport = Viewport::default();
    let area = f.area();
    let a = crate::tui::layout::areas_with_plan(area.width, area.height, state.plan.len());
    if a.mode == Mode::TooSmall {
        let msg = Msg::TooSmall.text(state.lang());
        f.render_widget(
            Paragraph::new(truncate(msg, area.width as usize)),
            Rect::new(0, 0, area.width, area.height.min(1)),
        );
        return Drawn { hits, viewport };
    }
    let t = Theme::of(state);
    if a.mode != Mode::Compact {
        draw_frame(state, f, a, t);
    }
    let cursor = draw_search(state, f, a, t, &mut hits);
    if let Some(info) = a.info {
        draw_info(state, f, info, t);
    }
    match (&state.screen, a.mode) {
        (Screen::Card(cv), Mode::Wide) => {
            draw_list(state, f, a, t, &mut hits);
            viewport.card = draw_card(state, f, a.card, cv, &mut hits);
        }
        (Screen::Card(cv), _) => {
            viewport.card = draw_card(state, f, a.card, cv, &mut hits);
        }
        (Screen::List, _) => {
            draw_list(state, f, a, t, &mut hits);
            if let Some(side) = a.side {
                draw_preview(state, f, side);
            }
        }
    }
    // While the plan has the keyboard, its text to read aloud takes the card's place (beside
    // the list, or over it on a narrow or compact screen, where there is no panel).
    if state.plan_cursor.is_some() {
        viewport.plan_phrase = plan::draw_plan_phrase(state, f, a.card);
    }
    if let Some(panel) = a.plan {
        plan::draw_plan(state, f, panel);
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
    let overlay_cursor = draw_overlay(state, f, a, t, &mut hits, &mut viewport);
    match (state.overlays.last(), &state.screen) {
        (Some(_), _) => {
            if let Some(p) = overlay_cursor {
                f.set_cursor_position(p);
            }
        }
        (None, Screen::List) => f.set_cursor_position(cursor),
        (None, Screen::Card(_)) => {}
    }
    Drawn { hits, viewport }
}

#[cfg(test)]
mod tests {
    use super::card::phrase_box;
    use super::text::{fit, window_at_match, wrap_field};
    use super::*;
    use ratatui::text::Span;
    use unicode_width::UnicodeWidthChar;

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

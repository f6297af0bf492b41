//! The help window's text, generated from the key map.

use super::text::{width, wrap_field};
use super::theme::Theme;
use crate::tui::keymap::{self, Command};
use crate::tui::state::State;
use crate::tui::strings::{self, Msg};
use ratatui::style::Style;
use ratatui::text::Line;

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

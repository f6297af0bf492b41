//! Emphasis that reads on dark and light themes, and without colour.

use crate::hours::OpenState;
use crate::tui::state::State;
use ratatui::style::{Color, Modifier, Style};

/// Emphasis that reads on dark and light themes: the terminal's own foreground and background,
/// reverse video for the selection, bold/underline for matches; colour only as an extra cue,
/// and none at all under `NO_COLOR`.
#[derive(Clone, Copy)]
pub(super) struct Theme {
    pub(super) color: bool,
}

impl Theme {
    pub(super) fn of(state: &State) -> Theme {
        Theme {
            color: state.settings.color,
        }
    }
    pub(super) fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    pub(super) fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub(super) fn accent(self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    pub(super) fn matched(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.color { s.fg(Color::Cyan) } else { s }
    }
    pub(super) fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub(super) fn warn(self) -> Style {
        if self.color {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    pub(super) fn caution(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            self.bold()
        }
    }
    /// The demo-data marker: reversed and bold, with no colour of its own, so it reads on
    /// dark and light themes alike.
    pub(super) fn demo(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    /// The agency's alert: a reversed bar, red where there is colour.
    pub(super) fn alert(self) -> Style {
        self.warn().add_modifier(Modifier::REVERSED)
    }
    /// The "verified long ago" note in a result row: visible but quieter than an alert.
    pub(super) fn stale(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            self.dim()
        }
    }
    pub(super) fn internal(self) -> Style {
        let s = Style::new().add_modifier(Modifier::ITALIC);
        if self.color { s.fg(Color::Magenta) } else { s }
    }
    pub(super) fn mark(self, st: Option<OpenState>) -> Style {
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

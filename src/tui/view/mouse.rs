//! Where things were drawn, and what a mouse event there asks for.

use crate::tui::keymap::Command;
use crate::tui::msg::Action;
use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

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

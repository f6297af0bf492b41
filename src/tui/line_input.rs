//! One editable line of text — the query, the picker's filter, the print preview's «Для:» field
//! — with its cursor and the window of it that fits on screen (atuin's `Cursor`, helix's
//! `Prompt`). The cursor counts characters, never bytes, so no edit can split one.

use super::keymap::Command;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// In characters, `0..=len`.
    cursor: usize,
    /// The most characters the line takes.
    limit: usize,
}

impl Default for LineInput {
    fn default() -> Self {
        LineInput::with_limit(usize::MAX)
    }
}

/// The part of a line that fits in a field, scrolled so the cursor stays in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<'a> {
    /// The characters shown.
    pub text: &'a str,
    /// The cursor's column inside the field.
    pub cursor: usize,
}

impl LineInput {
    /// An empty line that takes at most `limit` characters.
    pub fn with_limit(limit: usize) -> Self {
        LineInput {
            text: String::new(),
            cursor: 0,
            limit,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// The byte where character `i` starts (the end for `i` past it).
    fn byte_at(&self, i: usize) -> usize {
        self.text
            .char_indices()
            .nth(i)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Inserts at the cursor, as much as the limit leaves room for; true when anything went in.
    pub fn insert(&mut self, s: &str) -> bool {
        let room = self.limit.saturating_sub(self.len());
        let s: String = s.chars().take(room).collect();
        if s.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &s);
        self.cursor += s.chars().count();
        true
    }

    /// Empties the line; true when there was anything to empty.
    pub fn clear(&mut self) -> bool {
        let had = !self.text.is_empty();
        self.text.clear();
        self.cursor = 0;
        had
    }

    /// Applies an editing command; true when the text changed (a cursor move is not a change).
    pub fn edit(&mut self, c: Command) -> bool {
        let len = self.len();
        self.cursor = self.cursor.min(len);
        match c {
            Command::Left => self.cursor = self.cursor.saturating_sub(1),
            Command::Right => self.cursor = (self.cursor + 1).min(len),
            Command::Home => self.cursor = 0,
            Command::End => self.cursor = len,
            Command::DeleteBack if self.cursor > 0 => {
                self.cursor -= 1;
                let b = self.byte_at(self.cursor);
                self.text.remove(b);
                return true;
            }
            Command::DeleteForward if self.cursor < len => {
                let b = self.byte_at(self.cursor);
                self.text.remove(b);
                return true;
            }
            Command::DeleteWord if self.cursor > 0 => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
                return true;
            }
            Command::ClearQuery => return self.clear(),
            _ => {}
        }
        false
    }

    /// What fits in `room` columns: from the first character that keeps the cursor in view
    /// (the line scrolls left only as far as it must), as many characters as fit.
    pub fn window(&self, room: usize) -> Window<'_> {
        let width = |c: char| c.width().unwrap_or(0);
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let cur = self.cursor.min(chars.len());
        let cols = |from: usize, to: usize| chars[from..to].iter().map(|&(_, c)| width(c)).sum();
        let mut start = 0;
        while start < cur && cols(start, cur) >= room {
            start += 1;
        }
        let mut used = 0;
        let mut end = start;
        while let Some(&(_, c)) = chars.get(end) {
            if used + width(c) > room {
                break;
            }
            used += width(c);
            end += 1;
        }
        let byte = |i: usize| chars.get(i).map_or(self.text.len(), |&(b, _)| b);
        Window {
            text: &self.text[byte(start)..byte(end)],
            cursor: cols(start, cur),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineInput {
        let mut l = LineInput::default();
        l.insert(s);
        l
    }

    #[test]
    fn editing_counts_characters_not_bytes() {
        let mut l = typed("довідка про доходи");
        assert_eq!(l.cursor(), 18);
        assert!(l.edit(Command::DeleteWord));
        assert_eq!(l.text(), "довідка про ");
        l.edit(Command::Home);
        l.edit(Command::Right);
        assert!(l.edit(Command::DeleteBack));
        assert_eq!((l.text(), l.cursor()), ("овідка про ", 0));
        assert!(l.edit(Command::DeleteForward));
        assert!(!l.edit(Command::DeleteBack), "nothing before the cursor");
        assert!(!l.edit(Command::Left));
        assert!(l.edit(Command::ClearQuery));
        assert!(!l.edit(Command::ClearQuery), "already empty");
    }

    #[test]
    fn the_limit_cuts_what_is_inserted() {
        let mut l = LineInput::with_limit(5);
        assert!(l.insert("Тарас Шевченко"));
        assert_eq!(l.text(), "Тарас");
        assert!(!l.insert("!"));
    }

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        let l = typed("abcdefghij");
        assert_eq!(
            l.window(4),
            Window {
                text: "hij",
                cursor: 3
            }
        );
        let mut l = l;
        l.edit(Command::Home);
        assert_eq!(
            l.window(4),
            Window {
                text: "abcd",
                cursor: 0
            }
        );
        // Wide characters take two columns.
        let l = typed("中文中文");
        assert_eq!(l.window(5).cursor, 4);
        assert_eq!(l.window(5).text, "中文");
    }
}

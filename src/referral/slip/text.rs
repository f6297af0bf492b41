//! The slip laid out in monospaced columns (the text format and ESC/POS). Words wrap with the
//! one wrapper, [`crate::text::wrap`].

use super::{Card, Item, MIN_WIDTH, Slip, SlipContext, build};
use crate::text::wrap::wrap;
use unicode_width::UnicodeWidthStr;

/// A laid-out line of a monospaced slip (text, ESC/POS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    pub text: String,
    /// Printed emphasised where the format can (the title, notices).
    pub bold: bool,
}

/// The slip as plain text, no line wider than `ctx.width` terminal columns.
pub fn render_text(card: &Card, ctx: &SlipContext) -> String {
    lines_to_string(&layout_text(&build(card, ctx), ctx.width))
}

/// Laid-out lines as text, each ended by a newline.
pub(super) fn lines_to_string(lines: &[TextLine]) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.text);
        s.push('\n');
    }
    s
}

/// Lays the items out in `width` columns (measured as a terminal does: `unicode-width`).
pub fn layout_text(slip: &Slip, width: usize) -> Vec<TextLine> {
    let width = width.max(MIN_WIDTH);
    // Continuation lines of a field: a hanging indent, smaller on narrow receipts.
    let indent = if width >= 48 { 8 } else { 2 };
    let cols = |s: &str| UnicodeWidthStr::width(s) as f32;
    let mut out = Vec::new();
    let mut push = |text: String, bold: bool| out.push(TextLine { text, bold });
    for item in &slip.items {
        match item {
            Item::Title { title, date } => {
                let (tw, dw) = (cols(title) as usize, cols(date) as usize);
                if tw + 1 + dw <= width {
                    push(
                        format!("{title}{}{date}", " ".repeat(width - tw - dw)),
                        true,
                    );
                } else {
                    push(title.clone(), true);
                    push(date.clone(), false);
                }
            }
            Item::Text(t) | Item::Heading(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, false);
                }
            }
            Item::Notice(t) => {
                for l in wrap(t, width as f32, width as f32, &cols) {
                    push(l, true);
                }
            }
            Item::Field { label, value } => {
                let pad = " ".repeat(indent);
                for (i, part) in value.split('\n').enumerate() {
                    let (text, first) = if i == 0 {
                        (format!("{label}: {part}"), width as f32)
                    } else {
                        (part.to_string(), (width - indent) as f32)
                    };
                    for (j, l) in wrap(&text, first, (width - indent) as f32, &cols)
                        .into_iter()
                        .enumerate()
                    {
                        if i == 0 && j == 0 {
                            push(l, false);
                        } else {
                            push(format!("{pad}{l}"), false);
                        }
                    }
                }
            }
            Item::Check(t) => {
                let lines = wrap(t, (width - 6) as f32, (width - 6) as f32, &cols);
                for (j, l) in lines.into_iter().enumerate() {
                    let lead = if j == 0 { "  [ ] " } else { "      " };
                    push(format!("{lead}{l}"), false);
                }
            }
            Item::Rule => push("-".repeat(width), false),
        }
    }
    out
}

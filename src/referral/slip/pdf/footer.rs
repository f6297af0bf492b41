//! The slip's footer: the text again beside a QR code, fitted into the room left on the last
//! page (the code shrinks, down to a readable module, before the footer moves to a new page).

use super::{
    Code, Geometry, Item, MM, Metrics, Op, Pages, QR_GOOD_MODULE, QR_MIN_MODULE, QR_MIN_SIDE,
    QR_QUIET, Row, rows, wrap,
};

/// The footer block: see [`layout`](super::layout).
pub(super) fn footer(p: &mut Pages, items: &[Item], m: &Metrics, codes: &[Code]) {
    if codes.is_empty() {
        // A document without a QR code (a call sheet) is all body: no footer, no page added.
        return;
    }
    let g = p.g;
    let rule: Vec<Row> = items
        .iter()
        .filter(|i| **i == Item::Rule)
        .take(1)
        .flat_map(|i| rows(i, g, m))
        .collect();
    let rule_h: f32 = rule.iter().map(|r| r.h).sum();
    let fit = FooterFit {
        g,
        m,
        texts: footer_texts(items),
    };
    let (code, side) = match fit.find(codes, g.bottom() - p.y - rule_h) {
        Some(found) => found,
        None => {
            // Not even the smallest code fits: the footer starts the next page. Should no code
            // be drawable at a readable module even there, the smallest one fills `qr_max`.
            p.new_page();
            fit.find(codes, g.bottom() - p.y - rule_h)
                .unwrap_or_else(|| {
                    let smallest = (0..codes.len()).min_by_key(|&i| codes[i].modules);
                    (smallest.unwrap_or(0), g.qr_max)
                })
        }
    };
    for row in rule {
        for op in row.ops {
            p.push(op.shifted(p.y));
        }
        p.y += row.h;
    }
    let default = Code {
        modules: 21,
        caption: "",
    };
    let c = codes.get(code).copied().unwrap_or(default);
    fit.draw(p, code, side, &c);
}

/// The slip's text as the footer repeats it beside the code, one string per item.
fn footer_texts(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Text(t) | Item::Notice(t) | Item::Heading(t) | Item::Check(t) => Some(t.clone()),
            Item::Field { label, value } => Some(format!("{label}: {}", value.replace('\n', " "))),
            Item::Title { title, date } => Some(format!("{title} {date}")),
            Item::Rule => None,
        })
        .collect()
}

/// Fitting the footer (the text beside a QR code, the code's caption under the text) into
/// the room left on the page.
struct FooterFit<'m> {
    g: Geometry,
    m: &'m Metrics,
    texts: Vec<String>,
}

impl FooterFit<'_> {
    fn gap(&self) -> f32 {
        self.g.size
    }

    fn small(&self) -> f32 {
        self.g.size * 0.85
    }

    /// The text column beside a code of `side`: its lines, the caption's, and their height.
    fn set(&self, side: f32, caption: &str) -> (Vec<String>, Vec<String>, f32) {
        let (g, small) = (self.g, self.small());
        let regular = |s: &str| self.m.width(s, false, g.size);
        let small_w = |s: &str| self.m.width(s, false, small);
        let column = g.content() - side - self.gap();
        let lines: Vec<String> = self
            .texts
            .iter()
            .flat_map(|t| wrap(t, column, column, &regular))
            .collect();
        let caption = wrap(caption, column, column, &small_w);
        let h = lines.len() as f32 * g.leading() + (caption.len() as f32 + 0.5) * small * 1.3;
        (lines, caption, h)
    }

    /// The quiet zone above the code, and the block's height below the rule, with a code of
    /// `side`.
    fn block(&self, side: f32, code: &Code) -> (f32, f32) {
        let quiet = (QR_QUIET * side / code.modules as f32).max(self.g.leading() * 0.3);
        let (_, _, text_h) = self.set(side, code.caption);
        (quiet, (quiet + side).max(text_h))
    }

    /// Sides from the best down to the smallest acceptable, in half-millimetre steps.
    fn sides(&self, code: &Code) -> impl Iterator<Item = f32> {
        let g = self.g;
        let lo = (code.modules as f32 * QR_MIN_MODULE).max(QR_MIN_SIDE);
        let hi = (code.modules as f32 * QR_GOOD_MODULE).min(g.qr_max).max(lo);
        let steps = if lo > g.qr_max {
            0
        } else {
            ((hi - lo) / (0.5 * MM)).floor() as usize + 1
        };
        (0..steps).map(move |i| hi - i as f32 * 0.5 * MM)
    }

    /// The first code (and its largest side) whose block fits in `room`.
    fn find(&self, codes: &[Code], room: f32) -> Option<(usize, f32)> {
        codes.iter().enumerate().find_map(|(i, code)| {
            self.sides(code)
                .find(|&side| self.block(side, code).1 <= room)
                .map(|side| (i, side))
        })
    }

    /// Draws the block below the rule: the code at the right, the text and caption beside it.
    fn draw(&self, p: &mut Pages, code: usize, side: f32, c: &Code) {
        let (g, small) = (self.g, self.small());
        let (quiet, _) = self.block(side, c);
        let (lines, caption, _) = self.set(side, c.caption);
        p.y += quiet;
        let top = p.y;
        p.push(Op::Qr {
            x: g.width - g.margin - side,
            y: top,
            side,
            code,
        });
        for l in lines {
            p.push(Op::Text {
                x: g.margin,
                y: p.y + g.size,
                bold: false,
                size: g.size,
                text: l,
            });
            p.y += g.leading();
        }
        p.y += small * 0.5;
        for l in caption {
            p.push(Op::Text {
                x: g.margin,
                y: p.y + small,
                bold: false,
                size: small,
                text: l,
            });
            p.y += small * 1.3;
        }
        p.y = p.y.max(top + side);
    }
}

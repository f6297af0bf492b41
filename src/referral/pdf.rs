//! The slip as a PDF (A6 or A5): Liberation Sans embedded as a subset (full Ukrainian
//! coverage, shipped under assets/fonts with its OFL-1.1 licence), the QR code as vector
//! squares, and text that `pdftotext` reads back in order.
//!
//! Layout happens first into pages of drawing operations, then each page is drawn with krilla;
//! that keeps page breaks out of krilla's borrow of the document.

use super::slip::{Item, Slip, wrap};
use crate::cli::Paper;
use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// The PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font could not be read")]
    Font,
    #[error("PDF: {0}")]
    Krilla(String),
}

const MM: f32 = 72.0 / 25.4;

/// Page geometry and type sizes for one paper.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    width: f32,
    height: f32,
    margin: f32,
    size: f32,
    title_size: f32,
    qr_side: f32,
}

impl Geometry {
    fn of(paper: Paper) -> Geometry {
        match paper {
            Paper::A6 => Geometry {
                width: 105.0 * MM,
                height: 148.0 * MM,
                margin: 7.0 * MM,
                size: 8.0,
                title_size: 12.0,
                qr_side: 26.0 * MM,
            },
            Paper::A5 => Geometry {
                width: 148.0 * MM,
                height: 210.0 * MM,
                margin: 14.0 * MM,
                size: 11.0,
                title_size: 17.0,
                qr_side: 40.0 * MM,
            },
        }
    }
    fn content(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
    fn leading(&self) -> f32 {
        self.size * 1.22
    }
}

/// Glyph advances for measuring text, from the same font files that are embedded.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

fn metrics() -> Option<&'static Metrics> {
    static M: OnceLock<Option<Metrics>> = OnceLock::new();
    M.get_or_init(|| {
        Some(Metrics {
            regular: ttf_parser::Face::parse(REGULAR, 0).ok()?,
            bold: ttf_parser::Face::parse(BOLD, 0).ok()?,
        })
    })
    .as_ref()
}

impl Metrics {
    fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(face.units_per_em() / 2) as u32
            })
            .sum();
        units as f32 * size / face.units_per_em() as f32
    }
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        bold: bool,
        size: f32,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
    },
    CheckBox {
        x: f32,
        y: f32,
        side: f32,
    },
    Qr {
        x: f32,
        y: f32,
        side: f32,
    },
}

/// Accumulates operations, starting a new page when the next block does not fit.
struct Pages {
    g: Geometry,
    pages: Vec<Vec<Op>>,
    /// The top of the next line.
    y: f32,
}

impl Pages {
    fn new(g: Geometry) -> Pages {
        Pages {
            g,
            pages: vec![Vec::new()],
            y: g.margin,
        }
    }
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.g.height - self.g.margin && self.y > self.g.margin {
            self.pages.push(Vec::new());
            self.y = self.g.margin;
        }
    }
    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }
    /// One line of text at `x`, advancing by the leading. `y` in ops is the baseline.
    fn line(&mut self, x: f32, text: String, bold: bool) {
        let lead = self.g.leading();
        self.ensure(lead);
        let baseline = self.y + self.g.size;
        self.push(Op::Text {
            x,
            y: baseline,
            bold,
            size: self.g.size,
            text,
        });
        self.y += lead;
    }
}

fn layout(slip: &Slip, g: Geometry, m: &Metrics) -> Vec<Vec<Op>> {
    let mut p = Pages::new(g);
    let left = g.margin;
    let right = g.width - g.margin;
    let content = g.content();
    let regular = |s: &str| m.width(s, false, g.size);
    let bold = |s: &str| m.width(s, true, g.size);
    let indent = g.size * 1.2;
    // The footer (after the last rule) is set in a narrower column beside the QR code, which
    // keeps a typical slip on one A6 page.
    let footer_at = slip
        .items
        .iter()
        .rposition(|i| *i == Item::Rule)
        .map_or(slip.items.len(), |i| i + 1);
    for item in &slip.items[..footer_at] {
        match item {
            Item::Title { title, date } => {
                let h = g.title_size * 1.4;
                p.ensure(h);
                let baseline = p.y + g.title_size;
                p.push(Op::Text {
                    x: left,
                    y: baseline,
                    bold: true,
                    size: g.title_size,
                    text: title.clone(),
                });
                p.push(Op::Text {
                    x: right - m.width(date, false, g.size),
                    y: baseline,
                    bold: false,
                    size: g.size,
                    text: date.clone(),
                });
                p.y += h;
            }
            Item::Text(t) => {
                for l in wrap(t, content, content, &regular) {
                    p.line(left, l, false);
                }
            }
            Item::Notice(t) | Item::Heading(t) => {
                for l in wrap(t, content, content, &bold) {
                    p.line(left, l, true);
                }
            }
            Item::Field { label, value } => {
                let label = format!("{label}:");
                let label_w = bold(&label) + regular(" ");
                for (i, part) in value.split('\n').enumerate() {
                    let first = if i == 0 {
                        content - label_w
                    } else {
                        content - indent
                    };
                    for (j, l) in wrap(part, first, content - indent, &regular)
                        .into_iter()
                        .enumerate()
                    {
                        if i == 0 && j == 0 {
                            p.ensure(g.leading());
                            let baseline = p.y + g.size;
                            p.push(Op::Text {
                                x: left,
                                y: baseline,
                                bold: true,
                                size: g.size,
                                text: label.clone(),
                            });
                            p.line(left + label_w, l, false);
                        } else {
                            p.line(left + indent, l, false);
                        }
                    }
                }
            }
            Item::Check(t) => {
                let side = g.size * 0.75;
                let text_x = left + indent + side + g.size * 0.5;
                for (j, l) in wrap(t, right - text_x, right - text_x, &regular)
                    .into_iter()
                    .enumerate()
                {
                    if j == 0 {
                        p.ensure(g.leading());
                        // The box sits on the baseline, as tall as a capital letter.
                        p.push(Op::CheckBox {
                            x: left + indent,
                            y: p.y + g.size - side,
                            side,
                        });
                    }
                    p.line(text_x, l, false);
                }
            }
            Item::Rule => {
                let h = g.leading() * 0.8;
                p.ensure(h);
                p.push(Op::Rule {
                    x1: left,
                    x2: right,
                    y: p.y + h / 2.0,
                });
                p.y += h;
            }
        }
    }
    let gap = g.size;
    let column = content - g.qr_side - gap;
    let mut lines: Vec<(String, f32)> = Vec::new();
    for item in &slip.items[footer_at..] {
        let text = match item {
            Item::Text(t) | Item::Notice(t) | Item::Heading(t) | Item::Check(t) => t.clone(),
            Item::Field { label, value } => format!("{label}: {}", value.replace('\n', " ")),
            Item::Title { title, date } => format!("{title} {date}"),
            Item::Rule => continue,
        };
        lines.extend(
            wrap(&text, column, column, &regular)
                .into_iter()
                .map(|l| (l, g.size)),
        );
    }
    let small = g.size * 0.85;
    let caption = "QR-код: адреса, телефони й графік установи — для телефону";
    let caption_lines = wrap(caption, column, column, &|s| m.width(s, false, small));
    let text_h =
        lines.len() as f32 * g.leading() + (caption_lines.len() as f32 + 0.5) * small * 1.3;
    p.y += g.leading() * 0.3;
    p.ensure(text_h.max(g.qr_side));
    let top = p.y;
    p.push(Op::Qr {
        x: right - g.qr_side,
        y: top,
        side: g.qr_side,
    });
    for (l, size) in lines {
        p.push(Op::Text {
            x: left,
            y: p.y + size,
            bold: false,
            size,
            text: l,
        });
        p.y += g.leading();
    }
    p.y += small * 0.5;
    for l in caption_lines {
        p.push(Op::Text {
            x: left,
            y: p.y + small,
            bold: false,
            size: small,
            text: l,
        });
        p.y += small * 1.3;
    }
    p.y = p.y.max(top + g.qr_side);
    p.pages
}

/// The slip as PDF bytes.
pub fn render(slip: &Slip, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let g = Geometry::of(paper);
    let m = metrics().ok_or(PdfError::Font)?;
    let regular = Font::new(REGULAR.into(), 0).ok_or(PdfError::Font)?;
    let bold = Font::new(BOLD.into(), 0).ok_or(PdfError::Font)?;
    let qr = super::qr::encode(&slip.qr).ok();
    let pages = layout(slip, g, m);

    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title("Направлення".to_string())
            .language("uk".to_string())
            .creator("refdesk".to_string()),
    );
    for ops in pages {
        let settings = PageSettings::from_wh(g.width, g.height)
            .ok_or_else(|| PdfError::Krilla("page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    bold: b,
                    size,
                    text,
                } => {
                    s.set_fill(Some(Fill::default()));
                    s.set_stroke(None);
                    let font = if b { bold.clone() } else { regular.clone() };
                    s.draw_text(
                        Point::from_xy(x, y),
                        font,
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rule { x1, x2, y } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y);
                    pb.line_to(x2, y);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            width: 0.5,
                            ..Default::default()
                        }));
                        s.draw_path(&path);
                    }
                }
                Op::CheckBox { x, y, side } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(x, y, side, side) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke {
                            width: 0.6,
                            ..Default::default()
                        }));
                        s.draw_path(&path);
                    }
                }
                Op::Qr { x, y, side } => {
                    if let Some(m) = &qr {
                        // Runs of dark modules in a row as one rectangle each: fewer path
                        // segments, and no hairline gaps between neighbours in viewers.
                        let module = side / m.width() as f32;
                        let mut pb = PathBuilder::new();
                        for row in 0..m.width() {
                            let mut col = 0;
                            while col < m.width() {
                                if !m.is_dark(col, row) {
                                    col += 1;
                                    continue;
                                }
                                let start = col;
                                while col < m.width() && m.is_dark(col, row) {
                                    col += 1;
                                }
                                // A hair of overlap with the next row and column hides
                                // the anti-aliasing seams viewers draw between abutting
                                // rectangles (which also confuse some decoders).
                                let bleed = module * 0.04;
                                if let Some(r) = Rect::from_xywh(
                                    x + start as f32 * module,
                                    y + row as f32 * module,
                                    (col - start) as f32 * module + bleed,
                                    module + bleed,
                                ) {
                                    pb.push_rect(r);
                                }
                            }
                        }
                        if let Some(path) = pb.finish() {
                            s.set_stroke(None);
                            s.set_fill(Some(Fill::default()));
                            s.draw_path(&path);
                        }
                    }
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_letters_have_glyphs_in_both_fonts() {
        let m = metrics().expect("fonts parse");
        for c in "ҐґЄєІіЇїʼ№—«»’АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгдежзийклмнопрстуфхцчшщьюя".chars()
        {
            assert!(m.regular.glyph_index(c).is_some(), "regular lacks {c}");
            assert!(m.bold.glyph_index(c).is_some(), "bold lacks {c}");
        }
    }

    #[test]
    fn long_slips_flow_onto_more_pages() {
        let items: Vec<Item> = (0..200)
            .map(|i| Item::Check(format!("документ {i}")))
            .collect();
        let slip = Slip {
            items,
            qr: "x".into(),
        };
        let g = Geometry::of(Paper::A6);
        let pages = layout(&slip, g, metrics().expect("fonts"));
        assert!(pages.len() > 2);
        for ops in &pages {
            for op in ops {
                if let Op::Text { y, .. } = op {
                    assert!(
                        *y <= g.height - g.margin + 0.01,
                        "text below the margin: {y}"
                    );
                }
            }
        }
    }
}

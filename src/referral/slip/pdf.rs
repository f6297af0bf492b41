//! The slip as a PDF (A6 or A5): Liberation Sans embedded as a subset (full Ukrainian
//! coverage, shipped under assets/fonts with its OFL-1.1 licence), the QR code as vector
//! squares, and text that `pdftotext` reads back in order.
//!
//! Layout happens first into pages of drawing operations, then each page is drawn with krilla;
//! that keeps page breaks out of krilla's borrow of the document.

mod footer;
mod plan;

use footer::footer;
pub use plan::{lay_out_plan, render_plan};

use super::format::Paper;
use super::{Item, Slip};
use crate::referral::qr::Matrix;
use crate::text::wrap::wrap;
use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

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
    /// The smallest type a slip is shrunk to, in half-point steps, to keep it on one page.
    min_size: f32,
    title_size: f32,
    /// The largest QR code side; it shrinks (down to [`QR_MIN_MODULE`] per module and
    /// [`QR_MIN_SIDE`]) to keep the footer on the page.
    qr_max: f32,
}

/// The smallest QR module a phone camera reads reliably from a laser or inkjet print.
const QR_MIN_MODULE: f32 = 0.3 * MM;
/// The module size a QR code is drawn at when there is room (capped by `qr_max`).
const QR_GOOD_MODULE: f32 = 0.35 * MM;
/// No QR code is drawn smaller than this: it is aimed at with a phone.
const QR_MIN_SIDE: f32 = 18.0 * MM;
/// Light modules kept clear around the code (the standard's quiet zone).
const QR_QUIET: f32 = 4.0;

impl Geometry {
    fn of(paper: Paper) -> Geometry {
        match paper {
            Paper::A6 => Geometry {
                width: 105.0 * MM,
                height: 148.0 * MM,
                margin: 6.0 * MM,
                size: 8.0,
                min_size: 7.5,
                title_size: 12.0,
                qr_max: 28.0 * MM,
            },
            // Its own geometry, not A6 scaled up: slightly larger type in a much wider column,
            // so a long slip still fits one page.
            Paper::A5 => Geometry {
                width: 148.0 * MM,
                height: 210.0 * MM,
                margin: 10.0 * MM,
                size: 9.5,
                min_size: 8.5,
                title_size: 14.0,
                qr_max: 34.0 * MM,
            },
        }
    }
    /// The same page with type `size` (the title in proportion).
    fn with_size(self, size: f32) -> Geometry {
        Geometry {
            title_size: self.title_size * size / self.size,
            size,
            ..self
        }
    }
    fn content(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
    fn leading(&self) -> f32 {
        self.size * 1.2
    }
    fn bottom(&self) -> f32 {
        self.height - self.margin
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
pub(crate) enum Op {
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
        /// Which of the codes given to [`layout`].
        code: usize,
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
    /// Starts a new page unless `h` fits below `y` (or the page is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.g.bottom() && self.y > self.g.margin {
            self.new_page();
        }
    }
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.g.margin;
    }
    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }
}

/// A QR code the footer can carry: its modules per side and what the caption says it holds.
#[derive(Debug, Clone, Copy)]
struct Code {
    modules: usize,
    caption: &'static str,
}

/// One line of a laid-out item: its height and its operations, `y` relative to its top.
struct Row {
    h: f32,
    ops: Vec<Op>,
}

impl Op {
    fn shifted(self, dy: f32) -> Op {
        match self {
            Op::Text {
                x,
                y,
                bold,
                size,
                text,
            } => Op::Text {
                x,
                y: y + dy,
                bold,
                size,
                text,
            },
            Op::Rule { x1, x2, y } => Op::Rule { x1, x2, y: y + dy },
            Op::CheckBox { x, y, side } => Op::CheckBox { x, y: y + dy, side },
            Op::Qr { x, y, side, code } => Op::Qr {
                x,
                y: y + dy,
                side,
                code,
            },
        }
    }
}

/// The rows of one slip item set in the full column.
fn rows(item: &Item, g: Geometry, m: &Metrics) -> Vec<Row> {
    let left = g.margin;
    let right = g.width - g.margin;
    let content = g.content();
    let regular = |s: &str| m.width(s, false, g.size);
    let bold = |s: &str| m.width(s, true, g.size);
    match item {
        Item::Title { title, date } => vec![Row {
            h: g.title_size * 1.4,
            ops: vec![
                Op::Text {
                    x: left,
                    y: g.title_size,
                    bold: true,
                    size: g.title_size,
                    text: title.clone(),
                },
                Op::Text {
                    x: right - m.width(date, false, g.size),
                    y: g.title_size,
                    bold: false,
                    size: g.size,
                    text: date.clone(),
                },
            ],
        }],
        Item::Text(t) => wrap(t, content, content, &regular)
            .into_iter()
            .map(|l| line(g, vec![text(g, left, false, l)]))
            .collect(),
        Item::Notice(t) | Item::Heading(t) => wrap(t, content, content, &bold)
            .into_iter()
            .map(|l| line(g, vec![text(g, left, true, l)]))
            .collect(),
        Item::Field { label, value } => field_rows(label, value, g, m),
        Item::Check(t) => check_rows(t, g, m),
        Item::Rule => {
            let h = g.leading() * 0.8;
            vec![Row {
                h,
                ops: vec![Op::Rule {
                    x1: left,
                    x2: right,
                    y: h / 2.0,
                }],
            }]
        }
    }
}

/// Text at `x` on a body line.
fn text(g: Geometry, x: f32, bold: bool, text: String) -> Op {
    Op::Text {
        x,
        y: g.size,
        bold,
        size: g.size,
        text,
    }
}

/// A body line holding `ops`.
fn line(g: Geometry, ops: Vec<Op>) -> Row {
    Row {
        h: g.leading(),
        ops,
    }
}

/// «Label: value», the value's further lines (and paragraphs) indented.
fn field_rows(label: &str, value: &str, g: Geometry, m: &Metrics) -> Vec<Row> {
    let left = g.margin;
    let content = g.content();
    let indent = g.size * 1.2;
    let regular = |s: &str| m.width(s, false, g.size);
    let label = format!("{label}:");
    let label_w = m.width(&label, true, g.size) + regular(" ");
    let mut out = Vec::new();
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
            out.push(line(
                g,
                if i == 0 && j == 0 {
                    vec![
                        text(g, left, true, label.clone()),
                        text(g, left + label_w, false, l),
                    ]
                } else {
                    vec![text(g, left + indent, false, l)]
                },
            ));
        }
    }
    out
}

/// A tick box and its text.
fn check_rows(t: &str, g: Geometry, m: &Metrics) -> Vec<Row> {
    let left = g.margin;
    let right = g.width - g.margin;
    let indent = g.size * 1.2;
    let regular = |s: &str| m.width(s, false, g.size);
    let side = g.size * 0.75;
    let text_x = left + indent + side + g.size * 0.5;
    wrap(t, right - text_x, right - text_x, &regular)
        .into_iter()
        .enumerate()
        .map(|(j, l)| {
            let mut ops = vec![text(g, text_x, false, l)];
            if j == 0 {
                // The box sits on the baseline, as tall as a capital letter.
                ops.push(Op::CheckBox {
                    x: left + indent,
                    y: g.size - side,
                    side,
                });
            }
            line(g, ops)
        })
        .collect()
}

/// Lays the slip out in pages. The body flows down the page; an item (a tick box, a field) is
/// never split between pages unless it is taller than a page, and the «Візьміть із собою:»
/// heading stays with its first tick box. The footer — from the last rule to the end — is one
/// block: its text in a column beside the QR code (`codes[0]` the full vCard, then fallbacks),
/// the code as large as fits the rest of the page between [`QR_GOOD_MODULE`] and
/// [`QR_MIN_MODULE`] per module; when the full code does not fit even at that, the next code
/// (the minimal vCard) is tried; only when none fits does the footer start a new page.
fn layout(slip: &Slip, g: Geometry, m: &Metrics, codes: &[Code]) -> Vec<Vec<Op>> {
    let mut p = Pages::new(g);
    let footer_at = match codes.is_empty() {
        true => slip.items.len(),
        false => slip
            .items
            .iter()
            .rposition(|i| *i == Item::Rule)
            .unwrap_or(slip.items.len()),
    };
    let body: Vec<Vec<Row>> = slip.items[..footer_at]
        .iter()
        .map(|i| rows(i, g, m))
        .collect();
    let height = |rows: &[Row]| rows.iter().map(|r| r.h).sum::<f32>();
    for (k, item_rows) in body.into_iter().enumerate() {
        let mut keep = height(&item_rows);
        if matches!(slip.items[k], Item::Heading(_))
            && let Some(next @ Item::Check(_)) = slip.items.get(k + 1)
        {
            keep += height(&rows(next, g, m));
        }
        p.ensure(keep);
        for row in item_rows {
            p.ensure(row.h);
            for op in row.ops {
                p.push(op.shifted(p.y));
            }
            p.y += row.h;
        }
    }
    footer(&mut p, &slip.items[footer_at..], m, codes);
    p.pages
}

/// The layout at the paper's type size, or — when that takes more than one page — at the
/// largest smaller size (half-point steps down to `min_size`) that fits one page. A slip that
/// needs more pages even then keeps the full size: it is easier to read.
fn fitted(g: Geometry, layout: impl Fn(Geometry) -> Vec<Vec<Op>>) -> Vec<Vec<Op>> {
    let full = layout(g);
    if full.len() == 1 {
        return full;
    }
    let mut size = g.size - 0.5;
    while size >= g.min_size - 0.01 {
        let pages = layout(g.with_size(size));
        if pages.len() == 1 {
            return pages;
        }
        size -= 0.5;
    }
    full
}

/// The slip as PDF bytes.
pub fn render(slip: &Slip, paper: Paper) -> Result<Vec<u8>, PdfError> {
    render_titled(slip, paper, "Направлення")
}

/// A document of slip items (a call sheet) as PDF bytes, titled `title` in its metadata; an
/// empty `slip.qr` draws no QR code.
pub fn render_titled(slip: &Slip, paper: Paper, title: &str) -> Result<Vec<u8>, PdfError> {
    lay_out(slip, paper)?.to_pdf(title)
}

/// A slip or a plan laid out on its paper: pages of drawing operations in points from the
/// top-left corner (text at its baseline), and the QR codes `Op::Qr { code }` refers to. The
/// PDF and the Windows printer (GDI, `referral::winprint`) draw the same operations.
pub struct Laid {
    pub(crate) paper: Paper,
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) codes: Vec<Option<Matrix>>,
}

impl Laid {
    /// The pages as PDF bytes, `title` in the document's metadata.
    pub fn to_pdf(self, title: &str) -> Result<Vec<u8>, PdfError> {
        let codes: Vec<Option<&Matrix>> = self.codes.iter().map(Option::as_ref).collect();
        draw(self.pages, Geometry::of(self.paper), &codes, title)
    }
}

/// The bundled fonts (Liberation Sans regular and bold) the layout is measured with.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn fonts() -> (&'static [u8], &'static [u8]) {
    (REGULAR, BOLD)
}

/// Lays the slip out on `paper`, one page when it fits.
pub fn lay_out(slip: &Slip, paper: Paper) -> Result<Laid, PdfError> {
    let g = Geometry::of(paper);
    let m = metrics().ok_or(PdfError::Font)?;
    // The full vCard, and the minimal one (name, address, a phone) for when the full code
    // cannot be drawn large enough to scan in the room the footer has.
    let matrices: Vec<(crate::referral::qr::Matrix, &'static str)> = [
        (
            slip.qr.clone(),
            "QR-код: адреса, телефони й графік установи — для телефону",
        ),
        (
            crate::referral::vcard::minimal_from(&slip.qr),
            "QR-код: назва, адреса й телефон установи — для телефону",
        ),
    ]
    .into_iter()
    // A document without a QR payload (a call sheet) has no code and no footer beside one.
    .filter(|_| !slip.qr.is_empty())
    .filter_map(|(data, caption)| {
        crate::referral::qr::encode(&data)
            .ok()
            .map(|m| (m, caption))
    })
    .collect();
    let codes: Vec<Code> = matrices
        .iter()
        .map(|(m, caption)| Code {
            modules: m.width(),
            caption,
        })
        .collect();
    let pages = fitted(g, |g| layout(slip, g, m, &codes));
    Ok(Laid {
        paper,
        pages,
        codes: matrices.into_iter().map(|(m, _)| Some(m)).collect(),
    })
}

/// Draws laid-out pages; `Op::Qr { code }` is `codes[code]` (nothing where that is `None`);
/// `title` is the document's title in its metadata.
fn draw(
    pages: Vec<Vec<Op>>,
    g: Geometry,
    codes: &[Option<&Matrix>],
    title: &str,
) -> Result<Vec<u8>, PdfError> {
    let regular = Font::new(REGULAR.into(), 0).ok_or(PdfError::Font)?;
    let bold = Font::new(BOLD.into(), 0).ok_or(PdfError::Font)?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("uk".to_string())
            .creator("refdesk".to_string()),
    );
    for ops in pages {
        let settings = PageSettings::from_wh(g.width, g.height)
            .ok_or_else(|| PdfError::Krilla("page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        for op in ops {
            draw_op(&mut s, op, (&regular, &bold), codes);
        }
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Krilla(format!("{e:?}")))
}

/// One operation on a page.
fn draw_op(s: &mut Surface, op: Op, (regular, bold): (&Font, &Font), codes: &[Option<&Matrix>]) {
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
            stroke(s, pb, 0.5);
        }
        Op::CheckBox { x, y, side } => {
            let mut pb = PathBuilder::new();
            if let Some(r) = Rect::from_xywh(x, y, side, side) {
                pb.push_rect(r);
            }
            stroke(s, pb, 0.6);
        }
        Op::Qr { x, y, side, code } => {
            if let Some(Some(m)) = codes.get(code)
                && let Some(path) = qr_path(m, x, y, side).finish()
            {
                s.set_stroke(None);
                s.set_fill(Some(Fill::default()));
                s.draw_path(&path);
            }
        }
    }
}

/// Strokes the path, unfilled, `width` points wide.
fn stroke(s: &mut Surface, pb: PathBuilder, width: f32) {
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke {
            width,
            ..Default::default()
        }));
        s.draw_path(&path);
    }
}

/// The QR code's dark modules with its top left corner at (`x`, `y`). Runs of dark modules in
/// a row are one rectangle each: fewer path segments, and no hairline gaps between neighbours
/// in viewers.
fn qr_path(m: &Matrix, x: f32, y: f32, side: f32) -> PathBuilder {
    let module = side / m.width() as f32;
    let mut pb = PathBuilder::new();
    for (row, start, end) in m.dark_runs() {
        // A hair of overlap with the next row and column hides the anti-aliasing seams
        // viewers draw between abutting rectangles (which also confuse some decoders).
        let bleed = module * 0.04;
        if let Some(r) = Rect::from_xywh(
            x + start as f32 * module,
            y + row as f32 * module,
            (end - start) as f32 * module + bleed,
            module + bleed,
        ) {
            pb.push_rect(r);
        }
    }
    pb
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
    fn a_tick_box_item_is_never_split_between_pages() {
        let long = "бланка (крім тих, хто звільнений від оплати) ".repeat(3);
        for paper in [Paper::A6, Paper::A5] {
            let g = Geometry::of(paper);
            let m = metrics().expect("fonts");
            let lines = wrap(&long, g.content() / 2.0, g.content() / 2.0, &|_| 0.0).len();
            assert_eq!(lines, 1, "the measure is a stub");
            let mut items: Vec<Item> = (0..7).map(|i| Item::Text(format!("рядок {i}"))).collect();
            items.extend((0..40).map(|_| Item::Check(long.clone())));
            let slip = Slip {
                items,
                qr: "x".into(),
            };
            let codes = [Code {
                modules: 21,
                caption: "QR",
            }];
            let pages = layout(&slip, g, m, &codes);
            assert!(pages.len() > 1);
            let per_item = rows(&Item::Check(long.clone()), g, m).len();
            assert!(per_item >= 2, "the item wraps: {per_item}");
            for ops in &pages {
                let boxes = ops
                    .iter()
                    .filter(|o| matches!(o, Op::CheckBox { .. }))
                    .count();
                let texts = ops
                    .iter()
                    .filter(|o| matches!(o, Op::Text { text, .. } if !text.starts_with("рядок") && text != "QR"))
                    .count();
                assert_eq!(texts, boxes * per_item, "{paper:?}: a split item");
            }
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
        let codes = [Code {
            modules: 21,
            caption: "QR",
        }];
        let pages = layout(&slip, g, metrics().expect("fonts"), &codes);
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

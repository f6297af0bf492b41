//! QR codes: the module matrix (for PDF vectors and ESC/POS payloads) and a terminal rendering
//! in half-block characters for the screen (F6).

use qrcode::bits::Bits;
use qrcode::optimize::{Optimizer, Parser, Segment};
use qrcode::types::Mode;
use qrcode::{Color, EcLevel, QrCode, Version};

/// Light modules around the code on a terminal. The standard asks for 4; 2 is what common
/// phone scanners need when the code is drawn on a light background, and saves 4 rows.
pub const TERMINAL_QUIET_ZONE: usize = 2;

/// The data does not fit in a QR code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("QR code: {0}")]
pub struct QrError(String);

/// A square QR module matrix; `true` is a dark module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    width: usize,
    dark: Vec<bool>,
}

impl Matrix {
    /// Modules per side, without a quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; outside the matrix is light (the
    /// quiet zone).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The dark modules as horizontal runs `(row, first column, column after the last)`, row by
    /// row: what a page draws as one rectangle each (fewer shapes, and no seams between
    /// neighbours in a row).
    pub fn dark_runs(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.width).flat_map(move |row| {
            let mut col = 0;
            std::iter::from_fn(move || {
                while col < self.width && !self.is_dark(col, row) {
                    col += 1;
                }
                let start = col;
                while col < self.width && self.is_dark(col, row) {
                    col += 1;
                }
                (col > start).then_some((row, start, col))
            })
        })
    }
}

/// Encodes `data` (UTF-8 bytes) at error-correction level M, as the slips use it, in the
/// smallest version, with numeric, alphanumeric and byte segments but never Kanji ones: the
/// `qrcode` crate's optimiser puts byte pairs of Cyrillic UTF-8 that happen to fall in the
/// Shift JIS ranges (`я` is D1 8F: `8F D1` across two letters) into Kanji segments, which
/// phone scanners decode as Japanese characters — a garbled contact.
pub fn encode(data: &str) -> Result<Matrix, QrError> {
    let bytes = data.as_bytes();
    let segments: Vec<Segment> = Parser::new(bytes)
        .map(|s| match s.mode {
            Mode::Kanji => Segment {
                mode: Mode::Byte,
                ..s
            },
            _ => s,
        })
        .collect();
    let code = (1..=40i16)
        .find_map(|v| {
            let version = Version::Normal(v);
            let mut bits = Bits::new(version);
            bits.push_segments(bytes, Optimizer::new(segments.iter().copied(), version))
                .ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
        .ok_or_else(|| QrError("data too long".to_string()))?;
    Ok(Matrix {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

/// Modules per side (without the quiet zone) of the level-M QR code that a printer makes of
/// `data` in byte mode, as ESC/POS `GS ( k` stores it: the smallest version whose capacity
/// holds the data. This is the widest the printer's code can be — one that splits the data
/// into numeric or alphanumeric segments makes a code no wider — so it is the safe figure for
/// sizing the code on a print head. `None` when the data does not fit even version 40.
pub fn byte_mode_width(data: &[u8]) -> Option<usize> {
    (1..=40i16).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        let fits = bits.push_byte_data(data).is_ok()
            && bits.max_len(EcLevel::M).is_ok_and(|max| bits.len() <= max);
        fits.then(|| 17 + 4 * v as usize)
    })
}

/// The QR code of `data` as terminal lines of half blocks, two module rows per line, with a
/// quiet zone of [`TERMINAL_QUIET_ZONE`] modules. A block paints a dark module: draw the lines
/// with a dark foreground on a light background (e.g. black on white), whatever the terminal's
/// own colours are. Empty when the data does not fit in a QR code (a `tel:` URI always does).
pub fn terminal_lines(data: &str) -> Vec<String> {
    match encode(data) {
        Ok(m) => half_blocks(&m, TERMINAL_QUIET_ZONE),
        Err(_) => Vec::new(),
    }
}

/// Renders a matrix as half blocks with `quiet` light modules on each side.
pub fn half_blocks(m: &Matrix, quiet: usize) -> Vec<String> {
    let side = m.width() + 2 * quiet;
    let dark = |x: usize, y: usize| x >= quiet && y >= quiet && m.is_dark(x - quiet, y - quiet);
    (0..side.div_ceil(2))
        .map(|row| {
            (0..side)
                .map(|x| match (dark(x, 2 * row), dark(x, 2 * row + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_runs_cover_every_dark_module_once() {
        let m = encode("Житомир, вул. Київська, 1").unwrap();
        let mut seen = vec![false; m.width() * m.width()];
        let mut last = None;
        for (row, a, b) in m.dark_runs() {
            assert!(a < b && b <= m.width());
            // Maximal runs: light (or the edge) on both sides.
            assert!(a == 0 || !m.is_dark(a - 1, row));
            assert!(!m.is_dark(b, row));
            assert!(
                last.is_none_or(|l| l <= (row, a)),
                "row by row, left to right"
            );
            last = Some((row, b));
            for col in a..b {
                seen[row * m.width() + col] = true;
            }
        }
        for row in 0..m.width() {
            for col in 0..m.width() {
                assert_eq!(seen[row * m.width() + col], m.is_dark(col, row));
            }
        }
    }

    /// Reads half-block lines back into module rows (dark = true).
    fn unblock(lines: &[String]) -> Vec<Vec<bool>> {
        let mut rows = Vec::new();
        for l in lines {
            let (mut top, mut bottom) = (Vec::new(), Vec::new());
            for c in l.chars() {
                top.push(matches!(c, '█' | '▀'));
                bottom.push(matches!(c, '█' | '▄'));
            }
            rows.push(top);
            rows.push(bottom);
        }
        rows
    }

    fn decode_rows(rows: &[Vec<bool>]) -> String {
        // Scale each module to 4×4 pixels so that the detector sees a real image.
        let scale = 4;
        let side = rows[0].len();
        let h = rows.len();
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(side * scale, h * scale, |x, y| {
                if rows[y / scale][x / scale] { 0 } else { 255 }
            });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code found");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn terminal_tel_code_decodes_back() {
        let lines = terminal_lines("tel:+380412420510");
        assert!(!lines.is_empty());
        // Version 1 (21 modules) plus the quiet zone: narrow enough for any terminal.
        let w = lines[0].chars().count();
        assert_eq!(w, 21 + 2 * TERMINAL_QUIET_ZONE);
        assert!(lines.iter().all(|l| l.chars().count() == w));
        assert_eq!(lines.len(), w.div_ceil(2));
        // A wider quiet zone for the detector (the terminal's own margin in practice).
        let mut rows = unblock(&lines);
        rows.truncate(w);
        let pad = 4;
        let mut padded = vec![vec![false; w + 2 * pad]; pad];
        for r in rows {
            let mut line = vec![false; pad];
            line.extend(r);
            line.extend(vec![false; pad]);
            padded.push(line);
        }
        padded.extend(vec![vec![false; w + 2 * pad]; pad]);
        assert_eq!(decode_rows(&padded), "tel:+380412420510");
    }

    #[test]
    fn cyrillic_payload_survives_the_matrix() {
        let data = "FN:Центр надання адміністративних послуг ґ є ї ʼ №";
        let m = encode(data).expect("fits");
        let q = 4;
        let side = m.width() + 2 * q;
        let rows: Vec<Vec<bool>> = (0..side)
            .map(|y| {
                (0..side)
                    .map(|x| x >= q && y >= q && m.is_dark(x - q, y - q))
                    .collect()
            })
            .collect();
        assert_eq!(decode_rows(&rows), data);
    }

    #[test]
    fn byte_mode_width_matches_the_encoder_for_byte_data() {
        // Cyrillic UTF-8 is one byte segment for the encoder (no Kanji), so the widths agree.
        for n in [1, 10, 50, 100, 200, 400, 800, 1165] {
            let data = "я".repeat(n);
            let m = encode(&data).expect("fits");
            assert_eq!(byte_mode_width(data.as_bytes()), Some(m.width()), "{n}");
        }
        // The crate's own optimiser would have packed `я я` pairs as Kanji: narrower, and
        // read as Japanese by phones.
        // Digits still pack tighter in numeric mode than the byte-mode figure.
        let digits = "tel:+380412420510";
        assert_eq!(encode(digits).expect("fits").width(), 21);
        assert_eq!(byte_mode_width(digits.as_bytes()), Some(25));
        let data = "я".repeat(100);
        let kanji = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).expect("fits");
        assert!(kanji.width() < encode(&data).expect("fits").width());
        assert_eq!(
            byte_mode_width(&[b'x'; 2331]),
            Some(177),
            "version 40-M holds 2331 bytes"
        );
        assert_eq!(byte_mode_width(&[b'x'; 2332]), None);
    }

    #[test]
    fn too_much_data_is_an_error_not_a_panic() {
        let data = "я".repeat(3000);
        assert!(encode(&data).is_err());
        assert!(terminal_lines(&data).is_empty());
    }
}

//! QR codes: the module matrix (for PDF vectors and ESC/POS payloads) and a terminal rendering
//! in half-block characters for the screen (F6).

use qrcode::{Color, EcLevel, QrCode};

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
}

/// Encodes `data` (UTF-8 bytes) at error-correction level M, as the slips use it.
pub fn encode(data: &str) -> Result<Matrix, QrError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| QrError(e.to_string()))?;
    Ok(Matrix {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
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
    fn too_much_data_is_an_error_not_a_panic() {
        let data = "я".repeat(3000);
        assert!(encode(&data).is_err());
        assert!(terminal_lines(&data).is_empty());
    }
}

//! What a slip is made into: the format, the PDF paper, the ESC/POS printer's encoding and code
//! page, and the `[printer]` settings that choose among them. Plain data; the renderers are
//! `text`, `pdf` and `escpos`, and `render` picks one.

use super::DEFAULT_WIDTH;
use serde::Deserialize;
use std::path::PathBuf;

/// The slip's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlipFormat {
    Text,
    Pdf,
    Escpos,
}

/// PDF paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A6,
    A5,
}

/// The text encoding sent to the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    #[default]
    Cp1251,
    /// DOS Cyrillic; it has no І і Ґ ґ, which become Latin I i and Г г.
    Cp866,
}

impl Encoding {
    /// The `ESC t n` number most printers use for this encoding (Epson numbering).
    pub fn default_codepage(self) -> u8 {
        match self {
            Encoding::Cp1251 => 46,
            Encoding::Cp866 => 17,
        }
    }
}

/// How to print on one particular printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscPosOptions {
    pub encoding: Encoding,
    /// The `ESC t n` number.
    pub codepage: u8,
    /// Characters per line (font A).
    pub width: usize,
}

impl Default for EscPosOptions {
    fn default() -> Self {
        EscPosOptions {
            encoding: Encoding::Cp1251,
            codepage: Encoding::Cp1251.default_codepage(),
            width: DEFAULT_WIDTH,
        }
    }
}

/// The `[printer]` table of the settings.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Printer {
    /// The printer: a CUPS queue for `lp -d` on Linux, a Windows printer on Windows; empty
    /// means the system default.
    pub name: Option<String>,
    /// A command given as an argument list, run directly (never through a shell). An argument
    /// `{file}` is replaced by the path of a temporary file holding the slip, deleted as soon
    /// as the command ends; without `{file}` the slip is written to the command's standard
    /// input, so it never touches the disk.
    pub command: Option<Vec<String>>,
    /// A device file for raw ESC/POS bytes, e.g. /dev/usb/lp0; on Windows the receipt
    /// printer's spooler name, which gets them as a RAW job.
    pub device: Option<PathBuf>,
    /// Slip format sent to the printer: "text", "pdf" or "escpos" (default: "escpos" for a
    /// device, "pdf" otherwise).
    pub format: Option<SlipFormat>,
    /// Characters per line for text and ESC/POS slips.
    pub width: Option<usize>,
    /// The `ESC t n` code page number (Windows-1251: Epson 46, many XPrinter models 73).
    pub escpos_codepage: Option<u8>,
    /// The text encoding for ESC/POS: "cp1251" (default) or "cp866".
    pub escpos_encoding: Option<Encoding>,
    /// PDF paper: "a6" or "a5".
    pub paper: Option<Paper>,
}

/// Which bytes to produce: the format, the PDF paper, the ESC/POS printer's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    pub format: SlipFormat,
    pub paper: Paper,
    pub escpos: EscPosOptions,
}

impl Output {
    /// The output for `format`, the rest from the printer's settings (paper A6, Windows-1251
    /// with the Epson `ESC t 46` unless configured).
    pub fn for_printer(p: &Printer, format: SlipFormat, paper: Option<Paper>) -> Output {
        let encoding = p.escpos_encoding.unwrap_or_default();
        Output {
            format,
            paper: paper.or(p.paper).unwrap_or(Paper::A6),
            escpos: EscPosOptions {
                encoding,
                codepage: p.escpos_codepage.unwrap_or(encoding.default_codepage()),
                width: p.width.unwrap_or(DEFAULT_WIDTH),
            },
        }
    }

    /// The file name extension for this format.
    pub fn extension(&self) -> &'static str {
        match self.format {
            SlipFormat::Text => "txt",
            SlipFormat::Pdf => "pdf",
            SlipFormat::Escpos => "bin",
        }
    }
}

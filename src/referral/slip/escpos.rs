//! ESC/POS bytes for thermal receipt printers: initialise, select the code page, the slip's
//! lines in a single-byte Cyrillic encoding, the QR code (model 2), feed and cut.
//!
//! Vendors number code pages differently, so the `ESC t n` number is configurable (Epson 46
//! and many XPrinter models 73 for Windows-1251; 17 for CP866). Characters the code page lacks
//! are transliterated (ʼ → ’, ☎ → «тел.», Latin accents dropped) rather than sent as garbage.

use super::format::{Encoding, EscPosOptions};
use super::{Slip, text};
use std::collections::HashMap;
use std::sync::OnceLock;

pub const ESC: u8 = 0x1b;
pub const GS: u8 = 0x1d;
pub const LF: u8 = 0x0a;

impl Encoding {
    fn encoding(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Cp1251 => encoding_rs::WINDOWS_1251,
            Encoding::Cp866 => encoding_rs::IBM866,
        }
    }

    /// char → byte for the upper half (0x80–0xFF), built from encoding_rs's decoder.
    fn table(self) -> &'static HashMap<char, u8> {
        static CP1251: OnceLock<HashMap<char, u8>> = OnceLock::new();
        static CP866: OnceLock<HashMap<char, u8>> = OnceLock::new();
        let cell = match self {
            Encoding::Cp1251 => &CP1251,
            Encoding::Cp866 => &CP866,
        };
        cell.get_or_init(|| {
            (0x80u8..=0xff)
                .filter_map(|b| {
                    let byte = [b];
                    let (s, _, bad) = self.encoding().decode(&byte);
                    let c = s.chars().next()?;
                    (!bad && c != '\u{fffd}').then_some((c, b))
                })
                .collect()
        })
    }

    /// Encodes text, transliterating what the code page lacks.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let table = self.table();
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            self.encode_char(c, table, &mut out);
        }
        out
    }

    fn encode_char(self, c: char, table: &HashMap<char, u8>, out: &mut Vec<u8>) {
        if c.is_ascii() {
            // Control characters would be read as printer commands.
            out.push(if c.is_ascii_control() { b' ' } else { c as u8 });
            return;
        }
        if let Some(&b) = table.get(&c) {
            out.push(b);
            return;
        }
        match substitute(c) {
            // Substitutes never lead back to themselves, so this ends.
            Some(s) => {
                for sc in s.chars() {
                    self.encode_char(sc, table, out);
                }
            }
            None => {
                // Latin letters with accents: the base letter.
                use unicode_normalization::UnicodeNormalization;
                let base: String = c.nfd().filter(|c| c.is_ascii_alphanumeric()).collect();
                if base.is_empty() {
                    out.push(b'?');
                } else {
                    out.extend(base.bytes());
                }
            }
        }
    }

    /// Decodes printer bytes back to text (for tests and previews).
    pub fn decode(self, bytes: &[u8]) -> String {
        self.encoding().decode(bytes).0.into_owned()
    }
}

/// Replacements for characters missing from a code page. Each replacement is closer to ASCII
/// than what it replaces, so that a chain of them always ends.
fn substitute(c: char) -> Option<&'static str> {
    Some(match c {
        'ʼ' | '´' | '′' => "’",
        '’' | '‘' => "'",
        '“' | '”' | '„' | '«' | '»' => "\"",
        '—' | '–' | '‐' | '‑' => "-",
        '…' => "...",
        '№' => "N",
        '•' | '●' => "·",
        '·' => ".",
        '☎' | '📞' => "тел.",
        'Ł' => "L",
        'ł' => "l",
        'ß' => "ss",
        '→' => "->",
        '←' => "<-",
        '≤' => "<=",
        '≥' => ">=",
        '×' | '✕' => "x",
        '\u{a0}' | '\u{202f}' | '\u{2009}' => " ",
        // CP866 lacks these Ukrainian letters.
        'І' => "I",
        'і' => "i",
        'Ґ' => "Г",
        'ґ' => "г",
        _ => return None,
    })
}

/// The slip as ESC/POS bytes.
pub fn render(slip: &Slip, opts: &EscPosOptions) -> Vec<u8> {
    let mut b = vec![ESC, b'@', ESC, b't', opts.codepage];
    for line in text::layout_text(slip, opts.width) {
        if line.bold {
            b.extend([ESC, b'E', 1]);
        }
        b.extend(opts.encoding.encode(&line.text));
        if line.bold {
            b.extend([ESC, b'E', 0]);
        }
        b.push(LF);
    }
    // A slip without an agency (a plan with only the step back to the office) has no code.
    if !slip.qr.is_empty()
        && let Some((data, module)) = qr_payload(&slip.qr, opts.width)
        && let Ok(qr) = qr_commands(data.as_bytes(), module)
    {
        b.extend([ESC, b'a', 1]); // centre
        b.extend(qr);
        b.push(LF);
        b.extend([ESC, b'a', 0]);
    }
    // Feed to the cutter and cut (GS V 65 n: feed n lines, full cut).
    b.extend([GS, b'V', 65, 3]);
    b
}

/// The QR payload is too long for the printer's store command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("QR payload of {0} bytes is too long for ESC/POS")]
pub struct QrTooLong(usize);

/// Dots across the print head for a slip `width` characters wide (facts.md): 58 mm paper has a
/// 384-dot head, 32 columns in font A (12 dots) or 42 in font B (9 dots); 80 mm paper has 576
/// dots (48 font A / 64 font B) or, on some models, 512 (42 / 56). 42 columns is also font A on
/// a 512-dot head, so it is taken as the narrower 58 mm head; widths that name no paper are
/// taken as the narrowest head they could be printed on.
pub fn head_dots(width: usize) -> usize {
    match width {
        0..=42 => 384,
        48 | 64 => 576,
        _ => 512,
    }
}

/// Light modules on each side of a QR code (the standard's quiet zone). The printer prints
/// only the symbol; the quiet zone must fit on the head with it, since the paper's edge beyond
/// the head is not reliably blank (or there at all).
pub const QR_QUIET_ZONE: usize = 4;

/// Module sizes `GS ( k` accepts (dots per module).
pub const MAX_QR_MODULE: u8 = 8;

/// The smallest module that common phone cameras read reliably from thermal paper: 3 dots at
/// 203 dpi, 0.375 mm.
pub const MIN_SCANNABLE_QR_MODULE: u8 = 3;

/// The largest module size (1..=[`MAX_QR_MODULE`] dots) at which the level-M QR code of
/// `data`, with its quiet zone, fits a head of `dots`; `None` when not even 1 does.
pub fn qr_module_size(data: &[u8], dots: usize) -> Option<u8> {
    let side = crate::referral::qr::byte_mode_width(data)? + 2 * QR_QUIET_ZONE;
    let module = (dots / side).min(MAX_QR_MODULE as usize);
    (module >= 1).then_some(module as u8)
}

/// What the ESC/POS QR code holds and its module size for a slip `width` characters wide.
///
/// The full vCard (165–849 bytes in the demo directory, up to version 23: 109 modules) is
/// printed at the largest module that fits the head. When that would be under
/// [`MIN_SCANNABLE_QR_MODULE`] dots — too dense to scan — the code holds the minimal vCard
/// instead (short name, address, one phone; the hours are printed on the slip anyway), which
/// is far smaller and so prints at a larger module. `None` when neither fits at all.
pub fn qr_payload(vcard: &str, width: usize) -> Option<(String, u8)> {
    let dots = head_dots(width);
    let full = qr_module_size(vcard.as_bytes(), dots);
    if full.is_some_and(|m| m >= MIN_SCANNABLE_QR_MODULE) {
        return full.map(|m| (vcard.to_string(), m));
    }
    let small = crate::referral::vcard::minimal_from(vcard);
    match qr_module_size(small.as_bytes(), dots) {
        Some(m) if full.is_none_or(|f| m > f) => Some((small, m)),
        _ => full.map(|m| (vcard.to_string(), m)),
    }
}

/// `GS ( k` commands: model 2, module size in dots, error correction M, store the data,
/// print.
pub fn qr_commands(data: &[u8], module: u8) -> Result<Vec<u8>, QrTooLong> {
    // Store: data plus the three bytes `cn fn m`; the printers' limit is 7089.
    let len = data.len() + 3;
    if len > 7092 {
        return Err(QrTooLong(data.len()));
    }
    let module = module.clamp(1, MAX_QR_MODULE);
    let mut b = vec![
        GS, b'(', b'k', 4, 0, 49, 65, 50, 0, // model 2
        GS, b'(', b'k', 3, 0, 49, 67, module, // module size
        GS, b'(', b'k', 3, 0, 49, 69, 49, // error correction M
    ];
    b.extend([
        GS,
        b'(',
        b'k',
        (len & 0xff) as u8,
        (len >> 8) as u8,
        49,
        80,
        48,
    ]);
    b.extend(data);
    b.extend([GS, b'(', b'k', 3, 0, 49, 81, 48]); // print
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_letters_round_trip_through_cp1251() {
        let s = "Ґґ Єє Іі Її — «№ 5» Щастя’";
        let bytes = Encoding::Cp1251.encode(s);
        assert_eq!(bytes.len(), s.chars().count(), "one byte per character");
        assert_eq!(Encoding::Cp1251.decode(&bytes), s);
    }

    #[test]
    fn missing_characters_are_transliterated() {
        let e = Encoding::Cp1251;
        assert_eq!(e.decode(&e.encode("Вʼячеслав")), "В’ячеслав");
        assert_eq!(e.decode(&e.encode("☎ 1545")), "тел. 1545");
        assert_eq!(e.decode(&e.encode("Łódź café")), "Lodz cafe");
        assert_eq!(e.decode(&e.encode("≥ 😀")), ">= ?");
        assert_eq!(e.decode(&e.encode("a\u{1b}b")), "a b", "no stray commands");
        let c = Encoding::Cp866;
        assert_eq!(
            c.decode(&c.encode("Ґудзь Іван, Їжак, Євген")),
            "Гудзь Iван, Їжак, Євген"
        );
    }

    #[test]
    fn qr_store_command_carries_the_length() {
        let q = qr_commands(b"BEGIN:VCARD", 6).expect("short");
        let store = q
            .windows(3)
            .position(|w| w == [49, 80, 48])
            .expect("store command");
        let len = q[store - 2] as usize | (q[store - 1] as usize) << 8;
        assert_eq!(len, 11 + 3);
        assert_eq!(&q[store + 3..store + 3 + 11], b"BEGIN:VCARD");
        assert!(qr_commands(&[b'x'; 8000], 6).is_err());
    }

    #[test]
    fn qr_module_fits_the_head_with_its_quiet_zone() {
        // Version 23 (109 modules) + 8 quiet modules = 117: 3 dots on 384, 4 on 576.
        let v23 = vec![b'x'; 800];
        assert_eq!(crate::referral::qr::byte_mode_width(&v23), Some(109));
        assert_eq!(qr_module_size(&v23, 384), Some(3));
        assert_eq!(qr_module_size(&v23, 576), Some(4));
        // A tiny code is capped at 8 dots.
        assert_eq!(qr_module_size(b"tel:1545", 576), Some(8));
        assert_eq!(qr_module_size(&[b'x'; 2331], 100), None);
        assert_eq!(head_dots(32), 384);
        assert_eq!(head_dots(42), 384);
        assert_eq!(head_dots(48), 576);
        assert_eq!(head_dots(56), 512);
        assert_eq!(head_dots(64), 576);
    }

    #[test]
    fn a_vcard_too_dense_to_scan_falls_back_to_the_minimal_one() {
        let note = "NOTE:".to_string() + &"Графік роботи ".repeat(60);
        let full = format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:ЦНАП;;;;\r\nFN:Центр надання послуг\r\n\
             ADR;TYPE=WORK:;;вул. Київська\\, 1;Житомир;;;Україна\r\nTEL:+380412000000\r\n\
             TEL:+380412000001\r\n{note}\r\nEND:VCARD\r\n"
        );
        let (data, module) = qr_payload(&full, 32).expect("fits");
        assert!(module >= MIN_SCANNABLE_QR_MODULE, "{module}");
        assert!(data.contains("FN:ЦНАП\r\n"), "{data}");
        assert!(data.contains("ADR;TYPE=WORK:;;вул. Київська"));
        assert!(data.contains("TEL:+380412000000\r\n"));
        assert!(!data.contains("+380412000001") && !data.contains("NOTE:"));
        // The wider head prints the full card.
        let (data, module) = qr_payload(&full, 48).expect("fits");
        assert_eq!(data, full);
        assert!(module >= MIN_SCANNABLE_QR_MODULE);
    }
}

//! Copying a card's text to the clipboard from a terminal program: the OSC 52 escape sequence
//! (crossterm's `CopyToClipboard`), which works over SSH in most modern terminals (not in
//! VTE-based ones such as GNOME Terminal). Nothing is written anywhere but the terminal.

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;
use std::io::Write;

/// Terminals cap the length of an OSC 52 payload (xterm's default is about 100 000 bytes of
/// base64); a card is far shorter, and longer text is refused rather than silently cut.
pub const MAX_BYTES: usize = 74_000;

/// The text is too long for OSC 52.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("text of {0} bytes is too long for the terminal clipboard")]
pub struct TooLong(pub usize);

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn copy_osc52(text: &str) -> Result<String, TooLong> {
    if text.len() > MAX_BYTES {
        return Err(TooLong(text.len()));
    }
    let mut seq = String::new();
    CopyToClipboard::to_clipboard_from(text.as_bytes())
        .write_ansi(&mut seq)
        .map_err(|_| TooLong(text.len()))?;
    Ok(seq)
}

/// Writes the OSC 52 sequence for `text` to the terminal and flushes it.
pub fn send_osc52(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    let seq = copy_osc52(text).map_err(std::io::Error::other)?;
    out.write_all(seq.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbase64(s: &str) -> Vec<u8> {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut n = 0;
        let mut out = Vec::new();
        for c in s.bytes().filter(|&c| c != b'=') {
            let v = alphabet.iter().position(|&a| a == c).expect("base64") as u32;
            bits = bits << 6 | v;
            n += 6;
            if n >= 8 {
                n -= 8;
                out.push((bits >> n) as u8);
                bits &= (1 << n) - 1;
            }
        }
        out
    }

    #[test]
    fn sequence_carries_the_text_in_base64() {
        let text = "Центр «Надія», вулиця Київська, 24 — ґ є ї ʼ №";
        let seq = copy_osc52(text).expect("short");
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .expect("OSC 52 for the clipboard");
        let b64 = body
            .strip_suffix("\x1b\\")
            .or_else(|| body.strip_suffix('\x07'))
            .expect("terminated");
        assert_eq!(String::from_utf8(unbase64(b64)).expect("utf-8"), text);
        let mut out = Vec::new();
        send_osc52(&mut out, text).expect("written");
        assert_eq!(out, seq.as_bytes());
    }

    #[test]
    fn too_long_text_is_refused() {
        assert_eq!(
            copy_osc52(&"a".repeat(MAX_BYTES + 1)),
            Err(TooLong(MAX_BYTES + 1))
        );
    }
}

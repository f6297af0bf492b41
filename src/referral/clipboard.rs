//! Copying a card's text to the clipboard from a terminal program, two ways at once:
//!
//! - the OSC 52 escape sequence (crossterm's `CopyToClipboard`), which the terminal turns into
//!   a clipboard write; it works over SSH in most modern terminals (not in VTE-based ones such
//!   as GNOME Terminal), and it is always sent;
//! - the system clipboard of the display the program runs under ([`SystemClipboard`], through
//!   `arboard`), when there is one (`DISPLAY` or `WAYLAND_DISPLAY` is set), which covers the
//!   terminals that ignore OSC 52.
//!
//! Nothing is written anywhere but the terminal and the display's clipboard.

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

/// Whether a graphical display is there to hold a system clipboard: on Linux and the BSDs only
/// when `DISPLAY` (X11) or `WAYLAND_DISPLAY` is set, so a console or an SSH session without
/// forwarding never tries to connect; Windows and macOS always have one.
pub fn display_present(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    cfg!(any(windows, target_os = "macos")) || set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// The system clipboard could not be reached or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unavailable(pub String);

/// The display's clipboard, connected on first use and then kept for the life of the screen.
///
/// Keeping it matters on X11: there the clipboard has no storage of its own, and the text
/// lives in the process that owns the selection, which answers every paste. `arboard` serves
/// those requests from a thread that lives as long as its `Clipboard`; dropping it right after
/// the copy would take the text away before anyone pasted it (unless a clipboard manager took
/// it over within arboard's 100 ms). So one instance is held by the screen's run loop; when
/// the screen closes, `arboard` offers the text to the desktop's clipboard manager, if any.
#[derive(Default)]
pub struct SystemClipboard {
    held: Option<arboard::Clipboard>,
}

impl SystemClipboard {
    /// Nothing is connected until the first [`SystemClipboard::copy`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts `text` on the system clipboard. `Ok(false)` when there is no display to use
    /// ([`display_present`] with the process environment).
    pub fn copy(&mut self, text: &str) -> Result<bool, Unavailable> {
        if !display_present(|name| std::env::var_os(name)) {
            return Ok(false);
        }
        let clipboard = match &mut self.held {
            Some(c) => c,
            // A failed connection is not kept: the display may come back by the next copy.
            None => self
                .held
                .insert(arboard::Clipboard::new().map_err(|e| Unavailable(e.to_string()))?),
        };
        match clipboard.set_text(text) {
            Ok(()) => Ok(true),
            Err(e) => {
                // The connection may have died with the display; connect afresh next time.
                self.held = None;
                Err(Unavailable(e.to_string()))
            }
        }
    }
}

/// Which ways a copy reached the clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// The system clipboard and OSC 52.
    Both,
    /// OSC 52 only: no display, or (with the reason) the display's clipboard failed.
    Osc52 { system: Option<Unavailable> },
    /// The system clipboard only: OSC 52 could not be sent (the reason), e.g. the text was
    /// too long for it.
    System { osc52: String },
}

/// Neither way reached a clipboard: OSC 52's reason, and the display's when one was tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{osc52}{}", system.as_ref().map(|s| format!("; {}", s.0)).unwrap_or_default())]
pub struct CopyError {
    pub osc52: String,
    pub system: Option<Unavailable>,
}

/// Copies `text` both ways: the system clipboard where a display exists, and OSC 52 to `term`
/// always (it is what reaches the clipboard of the computer in front of the person over SSH).
/// An error only when neither way worked; it carries OSC 52's reason, and the display's too
/// when one was tried.
pub fn copy_everywhere(
    system: &mut SystemClipboard,
    term: &mut dyn Write,
    text: &str,
) -> Result<Copied, CopyError> {
    let native = system.copy(text);
    let osc = send_osc52(term, text);
    match (native, osc) {
        (Ok(true), Ok(())) => Ok(Copied::Both),
        (Ok(false), Ok(())) => Ok(Copied::Osc52 { system: None }),
        (Err(e), Ok(())) => Ok(Copied::Osc52 { system: Some(e) }),
        (Ok(true), Err(e)) => Ok(Copied::System {
            osc52: e.to_string(),
        }),
        (Ok(false), Err(e)) => Err(CopyError {
            osc52: e.to_string(),
            system: None,
        }),
        (Err(n), Err(e)) => Err(CopyError {
            osc52: e.to_string(),
            system: Some(n),
        }),
    }
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
    fn a_display_is_needed_only_where_the_desktop_may_be_absent() {
        use std::ffi::OsString;
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let always = cfg!(any(windows, target_os = "macos"));
        assert!(display_present(env(&[("DISPLAY", ":0")])));
        assert!(display_present(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        assert_eq!(display_present(env(&[])), always);
        assert_eq!(display_present(env(&[("DISPLAY", "")])), always);
    }

    #[test]
    fn too_long_text_is_refused() {
        assert_eq!(
            copy_osc52(&"a".repeat(MAX_BYTES + 1)),
            Err(TooLong(MAX_BYTES + 1))
        );
    }
}

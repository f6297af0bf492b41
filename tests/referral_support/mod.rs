//! Shared by the referral integration tests: an isolated `refdesk` command, external tools
//! (poppler) that CI must have and a developer machine may lack, and PDF/QR read-back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const NOW: &str = "2026-11-25T10:30";

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/referral/agencies.toml")
}

/// Private home, config, data, cache, state and temporary directories under `root`.
pub struct Sandbox {
    pub root: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::tempdir().expect("tempdir");
        for d in ["home", "config", "data", "cache", "state", "tmp"] {
            std::fs::create_dir_all(root.path().join(d)).expect("mkdir");
        }
        Sandbox { root }
    }

    pub fn path(&self, p: &str) -> PathBuf {
        self.root.path().join(p)
    }

    /// Writes the settings where refdesk looks for them by default.
    pub fn write_config(&self, text: &str) {
        let dir = self.path("config");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("refdesk.toml"), text).expect("config");
    }

    /// `refdesk --data FIXTURE` with every directory it could write to inside the sandbox.
    pub fn refdesk(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("refdesk").expect("binary");
        // REFDESK_HOME puts settings, data and cache under the sandbox (`config`, `data`,
        // `cache`) on every platform.
        c.env("HOME", self.path("home"))
            .env("REFDESK_HOME", self.path(""))
            .env("TMPDIR", self.path("tmp"))
            .env("TMP", self.path("tmp"))
            .env("TEMP", self.path("tmp"))
            .env("REFDESK_NOW", NOW)
            .env_remove("REFDESK_CONFIG")
            .env_remove("REFDESK_DATA")
            .env_remove("REFDESK_LANG")
            .arg("--data")
            .arg(fixture());
        c
    }
}

/// A poppler tool (pdftotext, pdftoppm, pdfinfo). Under Wine, `.ci/windows-test.sh` sets
/// `REFDESK_WINE_TOOLS` to the Linux folder that has them (Wine runs a Linux program given by
/// its full path); give such a tool its paths through [`tool_path`].
pub fn tool(name: &str) -> Command {
    match std::env::var_os("REFDESK_WINE_TOOLS") {
        Some(dir) if cfg!(windows) => Command::new(Path::new(&dir).join(name)),
        _ => Command::new(name),
    }
}

/// A path as [`tool`]'s program reads it: unchanged, but under Wine the Linux path of a
/// Windows one (`Z:\x\y` → `/x/y`; the script keeps the temporary folder on drive Z:, Wine's
/// view of `/`).
pub fn tool_path(p: &Path) -> PathBuf {
    if !cfg!(windows) || std::env::var_os("REFDESK_WINE_TOOLS").is_none() {
        return p.to_path_buf();
    }
    let s = p.to_string_lossy();
    let rest = s
        .strip_prefix("Z:")
        .or_else(|| s.strip_prefix("z:"))
        .or_else(|| s.strip_prefix("\\\\?\\Z:"))
        .unwrap_or_else(|| panic!("{s} is not on Wine's drive Z: (set TEMP to Z:\\…)"));
    PathBuf::from(rest.replace('\\', "/"))
}

/// In CI a missing tool is a failure; elsewhere the test is skipped with a note.
pub fn have_tool(name: &str) -> bool {
    let found = tool(name).arg("-v").stderr(Stdio::null()).status().is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{name} is required in CI (apt-get install poppler-utils)");
        }
        eprintln!("SKIPPED: {name} is not installed (apt-get install poppler-utils)");
    }
    found
}

/// A tool's standard output; panics when it fails. The output goes through a temporary file,
/// not a pipe: under Wine a Linux program writes to a file it is handed, but nothing it writes
/// into a Windows pipe arrives.
pub fn tool_stdout(cmd: &mut Command) -> Vec<u8> {
    let out = tempfile::NamedTempFile::new().expect("tempfile");
    let status = cmd
        .stdout(out.reopen().expect("reopen"))
        .status()
        .unwrap_or_else(|e| panic!("{cmd:?} does not start: {e}"));
    assert!(status.success(), "{cmd:?} failed: {status}");
    std::fs::read(out.path()).expect("read the output")
}

/// `pdftotext` of a PDF file, in reading order.
pub fn pdf_text(pdf: &Path) -> String {
    let out = tool_stdout(tool("pdftotext").arg(tool_path(pdf)).arg("-"));
    String::from_utf8(out).expect("utf-8")
}

/// `pdfinfo` of a PDF file (pages, page size, title…).
pub fn pdf_info(pdf: &Path) -> String {
    String::from_utf8_lossy(&tool_stdout(tool("pdfinfo").arg(tool_path(pdf)))).into_owned()
}

/// Renders the first page at 600 dpi (about what a phone camera resolves at a hand's length)
/// and decodes every QR code on it.
pub fn pdf_qr_codes(pdf: &Path, dir: &Path) -> Vec<String> {
    let prefix = dir.join("page");
    let st = tool("pdftoppm")
        .args(["-r", "600", "-gray", "-f", "1", "-l", "1"])
        .arg(tool_path(pdf))
        .arg(tool_path(&prefix))
        .status()
        .expect("pdftoppm runs");
    assert!(st.success());
    let pgm = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "pgm"))
        .expect("a PGM page");
    let (w, h, px) = read_pgm(&std::fs::read(pgm).expect("read pgm"));
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w, h, |x, y| px[y * w + x] < 128);
    img.detect_grids()
        .iter()
        .map(|g| g.decode().expect("QR decodes").1)
        .collect()
}

/// A binary PGM (P5, maxval 255).
fn read_pgm(b: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i] == b'#' {
            while b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&b[start..i]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, b[i + 1..i + 1 + w * h].to_vec())
}

/// One parsed piece of an ESC/POS stream.
#[derive(Debug, PartialEq)]
pub enum Esc {
    Init,
    CodePage(u8),
    Bold(bool),
    Align(u8),
    Qr { function: u8, data: Vec<u8> },
    Cut(u8, u8),
    Line(Vec<u8>),
}

/// Parses the commands refdesk emits; anything else fails the test.
pub fn parse_escpos(b: &[u8]) -> Vec<Esc> {
    let mut out = Vec::new();
    let mut text = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x1b => {
                match b[i + 1] {
                    b'@' => {
                        out.push(Esc::Init);
                        i += 2;
                        continue;
                    }
                    b't' => out.push(Esc::CodePage(b[i + 2])),
                    b'E' => out.push(Esc::Bold(b[i + 2] == 1)),
                    b'a' => out.push(Esc::Align(b[i + 2])),
                    c => panic!("unexpected ESC {c:#x} at {i}"),
                }
                i += 3;
            }
            0x1d => match b[i + 1] {
                b'(' => {
                    assert_eq!(b[i + 2], b'k');
                    let len = b[i + 3] as usize | (b[i + 4] as usize) << 8;
                    let body = &b[i + 5..i + 5 + len];
                    assert_eq!(body[0], 49, "cn = 49 (QR)");
                    out.push(Esc::Qr {
                        function: body[1],
                        data: body[2..].to_vec(),
                    });
                    i += 5 + len;
                }
                b'V' => {
                    out.push(Esc::Cut(b[i + 2], b[i + 3]));
                    i += 4;
                }
                c => panic!("unexpected GS {c:#x} at {i}"),
            },
            0x0a => {
                out.push(Esc::Line(std::mem::take(&mut text)));
                i += 1;
            }
            c => {
                assert!(c >= 0x20, "control byte {c:#x} in text at {i}");
                text.push(c);
                i += 1;
            }
        }
    }
    assert!(text.is_empty(), "text after the last command");
    out
}

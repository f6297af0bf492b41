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

/// A poppler tool (pdftotext, pdftoppm, pdfinfo), run with [`run_tool`]. Under Wine,
/// `.ci/windows-test.sh` sets `REFDESK_WINE_TOOLS` to the Linux folder that has them; give such
/// a tool its paths through [`tool_path`].
pub fn tool(name: &str) -> Command {
    match wine_tools() {
        Some(dir) => Command::new(format!("{dir}/{name}")),
        None => Command::new(name),
    }
}

/// The Linux folder of the poppler tools when the tests run under Wine.
fn wine_tools() -> Option<String> {
    std::env::var("REFDESK_WINE_TOOLS")
        .ok()
        .filter(|_| cfg!(windows))
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
    match run_tool(tool(name).arg("-v").stderr(Stdio::null())) {
        Ok(_) => true,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{name} is required in CI (apt-get install poppler-utils): {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED: {name} cannot run ({e}; apt-get install poppler-utils)");
            false
        }
    }
}

/// A tool's standard output; panics when it does not start or fails.
pub fn tool_stdout(cmd: &mut Command) -> Vec<u8> {
    match run_tool(cmd) {
        Ok((true, out)) => out,
        Ok((false, _)) => panic!("{cmd:?} failed"),
        Err(e) => panic!("{cmd:?} does not start: {e}"),
    }
}

/// Runs a tool: whether it succeeded, and its standard output. The output goes through a
/// temporary file, not a pipe: under Wine a Linux program writes to a file it is handed, but
/// nothing it writes into a Windows pipe arrives. Under Wine 8 a Windows program can start a
/// Linux one but not wait for it (the process handle it gets is not waitable: "invalid
/// handle"), so there the tool runs through `/bin/sh`, which writes the tool's exit code last,
/// into a file the test waits for.
pub fn run_tool(cmd: &mut Command) -> std::io::Result<(bool, Vec<u8>)> {
    cmd.stdin(Stdio::null());
    if wine_tools().is_none() {
        let out = tempfile::NamedTempFile::new()?;
        let status = cmd.stdout(out.reopen()?).status()?;
        return Ok((status.success(), std::fs::read(out.path())?));
    }
    let dir = tempfile::tempdir()?;
    let (out, done, err) = (
        dir.path().join("out"),
        dir.path().join("done"),
        dir.path().join("err"),
    );
    let mut sh = Command::new("/bin/sh");
    sh.arg("-c")
        .arg(r#"o=$1 d=$2 e=$3; shift 3; "$@" >"$o" 2>"$e"; echo $? >"$d.part"; mv "$d.part" "$d""#)
        .arg("sh")
        .arg(tool_path(&out))
        .arg(tool_path(&done))
        .arg(tool_path(&err))
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // The spawn reports the unwaitable handle as an error although the shell runs.
    let _ = sh.spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let code = loop {
        if let Ok(c) = std::fs::read_to_string(&done) {
            break c;
        }
        if std::time::Instant::now() > deadline {
            return Err(std::io::Error::other(format!("{sh:?} did not finish")));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let said = std::fs::read_to_string(&err).unwrap_or_default();
    if !said.is_empty() || code.trim() != "0" {
        eprintln!(
            "{}: exit {}: {said}",
            cmd.get_program().to_string_lossy(),
            code.trim()
        );
    }
    if code.trim() == "127" {
        return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
    }
    Ok((code.trim() == "0", std::fs::read(&out)?))
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
    tool_stdout(
        tool("pdftoppm")
            .args(["-r", "600", "-gray", "-f", "1", "-l", "1"])
            .arg(tool_path(pdf))
            .arg(tool_path(&prefix)),
    );
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

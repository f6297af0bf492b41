//! End to end through CUPS: `refdesk print` to the file-backed queue `refdesk-test` (created by
//! `.ci/cups-setup.sh`), then `pdftotext` of what CUPS wrote must hold the Cyrillic address.
//! Skipped with a note where the queue does not exist; in CI (`CI=true`) that is a failure.

// Linux only: CUPS through `lp`/`lpstat`. Windows printing into the same queue, through Wine,
// is tests/print_windows.rs.
#![cfg(unix)]

mod referral_support;

use referral_support::*;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const QUEUE: &str = "refdesk-test";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn skip(why: &str) {
    assert!(
        !in_ci(),
        "CUPS end-to-end test cannot run in CI: {why} (run .ci/cups-setup.sh as root first)"
    );
    eprintln!("SKIPPED: {why}; run .ci/cups-setup.sh as root to set up the {QUEUE} queue");
}

/// The file the queue prints to, from `lpstat -v QUEUE` («device for Q: file:///…/slip.pdf»).
fn queue_file() -> Result<PathBuf, String> {
    let out = Command::new("lpstat")
        .args(["-v", QUEUE])
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| format!("lpstat is not available ({e})"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let uri = text
        .lines()
        .find_map(|l| {
            l.split_once(&format!("device for {QUEUE}:"))
                .map(|(_, u)| u.trim().to_string())
        })
        .ok_or_else(|| format!("there is no CUPS queue named {QUEUE}"))?;
    // lpstat shows file:///x as ///x or file:///x depending on the version.
    let path = uri.trim_start_matches("file:").trim_start_matches("//");
    if !path.starts_with('/') {
        return Err(format!("{QUEUE} does not print to a file ({uri})"));
    }
    Ok(PathBuf::from(path))
}

#[test]
fn printed_slip_reaches_cups_with_the_cyrillic_address() {
    let target = match queue_file() {
        Ok(p) => p,
        Err(why) => return skip(&why),
    };
    if !have_tool("pdftotext") {
        return;
    }
    // CUPS 2.4 overwrites the file from the start without truncating it: empty it first so the
    // tail of an earlier, longer job cannot survive behind this one. Where that is not allowed
    // (not root, locally), a newer modification time is the sign of a new job instead.
    let emptied = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&target)
        .is_ok();
    let before = std::fs::metadata(&target).and_then(|m| m.modified()).ok();
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args(["print", "zt-cop", "--service", "1", "--printer", QUEUE])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "refdesk print failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(QUEUE));

    // CUPS converts and writes the job asynchronously: poll, bounded.
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut last = String::new();
    loop {
        let fresh = std::fs::metadata(&target).is_ok_and(|m| {
            if emptied {
                m.len() > 0
            } else {
                m.modified().is_ok_and(|t| before.is_none_or(|b| t > b))
            }
        });
        if fresh {
            let o = Command::new("pdftotext").arg(&target).arg("-").output();
            if let Ok(o) = o
                && o.status.success()
            {
                last = String::from_utf8_lossy(&o.stdout).to_string();
                let flat = last.split_whitespace().collect::<Vec<_>>().join(" ");
                if flat.contains("вул. Велика Бердичівська, 24") {
                    assert!(flat.contains("НАПРАВЛЕННЯ"));
                    assert!(flat.contains("Ґудзь Євгенія Їжакова"));
                    return;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no printed output with the address in {} after 90 s; last text:\n{last}",
            target.display()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

//! Windows printing end to end, through Wine into the file-backed CUPS queue `refdesk-test`
//! (Wine shows CUPS queues as Windows printers): `refdesk print --list-printers` names the queue,
//! the ESC/POS slip arrives byte for byte as a RAW spooler job, and the slip drawn with GDI
//! arrives as a page whose text holds the agency's address and the documents to bring.
//!
//! `.ci/windows-test.sh` sets `REFDESK_CUPS_FILE` to the queue's output file. Without it (a real
//! Windows PC, where no such queue exists) the test is skipped with a note; under CI it fails.

#![cfg(windows)]

mod referral_support;

use referral_support::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const QUEUE: &str = "refdesk-test";

fn queue_file() -> Option<PathBuf> {
    let out = std::env::var_os("REFDESK_CUPS_FILE").map(PathBuf::from);
    if out.is_none() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "REFDESK_CUPS_FILE is required in CI (.ci/windows-test.sh sets it)"
        );
        eprintln!("SKIPPED: REFDESK_CUPS_FILE is not set (run through .ci/windows-test.sh)");
    }
    out
}

/// Empties the queue's file, prints, and waits (bounded) for CUPS to write the job.
fn print_and_collect(sb: &Sandbox, target: &PathBuf, args: &[&str]) -> Vec<u8> {
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)
        .expect("the queue's file can be emptied (.ci/cups-setup.sh makes it writable)");
    let out = sb.refdesk().arg("print").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "refdesk print failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut last = 0;
    loop {
        let len = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
        // Written and no longer growing: CUPS has finished the job.
        if len > 0 && len == last {
            return std::fs::read(target).expect("read the printed file");
        }
        last = len;
        assert!(
            Instant::now() < deadline,
            "nothing arrived at {QUEUE} in 90 s"
        );
        std::thread::sleep(Duration::from_millis(1000));
    }
}

#[test]
fn windows_printing_reaches_the_cups_queue_as_escpos_and_as_a_drawn_page() {
    let Some(target) = queue_file() else {
        return;
    };
    let sb = Sandbox::new();

    let out = sb
        .refdesk()
        .args(["print", "--list-printers"])
        .output()
        .expect("runs");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.lines().any(|l| l.split('\t').next() == Some(QUEUE)),
        "{listed}{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // ESC/POS as a RAW job: the very bytes `refdesk slip` produces reach CUPS. CUPS 2.4's
    // file: device writes nothing for a raw job, so the bytes are read from the job's document
    // in CUPS' spool folder (REFDESK_CUPS_SPOOL, readable by root, which CI is).
    let spool = PathBuf::from(std::env::var_os("REFDESK_CUPS_SPOOL").expect("REFDESK_CUPS_SPOOL"));
    let before = spool_documents(&spool);
    let args = [
        "zt-cop",
        "-s",
        "1",
        "--format",
        "escpos",
        "--printer",
        QUEUE,
    ];
    let out = sb.refdesk().arg("print").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = sb
        .refdesk()
        .args(["slip", "zt-cop", "-s", "1", "--format", "escpos"])
        .output()
        .expect("runs")
        .stdout;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let new: Vec<Vec<u8>> = spool_documents(&spool)
            .into_iter()
            .filter(|d| !before.contains(d))
            .filter_map(|d| std::fs::read(d).ok())
            .collect();
        if new.contains(&expected) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the ESC/POS bytes did not arrive untouched ({} new jobs)",
            new.len()
        );
        std::thread::sleep(Duration::from_millis(500));
    }

    // The office printer: the slip drawn with GDI, turned into PDF by the queue.
    let args = ["zt-cop", "-s", "1", "--format", "pdf", "--printer", QUEUE];
    let printed = print_and_collect(&sb, &target, &args);
    // The queue's generic PPD wraps the PDF in a PJL envelope (`@PJL ENTER LANGUAGE = PDF`).
    let at = printed
        .windows(5)
        .position(|w| w == b"%PDF-")
        .unwrap_or_else(|| {
            panic!(
                "the queue writes PDF: {:?}",
                &printed[..printed.len().min(200)]
            )
        });
    let printed = &printed[at..];
    if !have_tool("pdftotext") {
        return;
    }
    let pdf = sb.path("tmp").join("drawn.pdf");
    std::fs::write(&pdf, printed).expect("copy");
    let text = pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "вул. Велика Бердичівська, 24",
        "паспорт громадянина України",
    ] {
        assert!(
            flat.contains(want),
            "«{want}» not in the drawn page:\n{text}"
        );
    }
    // The QR code drawn with GDI scans: a phone gets the agency's card.
    let codes = pdf_qr_codes(&pdf, &sb.path("tmp"));
    assert!(codes.iter().any(|c| c.contains("BEGIN:VCARD")), "{codes:?}");
}

#[test]
fn a_printer_windows_does_not_know_saves_the_slip_and_says_so_in_windows_terms() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args([
            "print",
            "zt-cop",
            "-s",
            "1",
            "--printer",
            "Немає такого принтера",
        ])
        .args(["--for", "Тарас Шевченко"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("у Windows немає принтера «Немає такого принтера»"),
        "{said}"
    );
    assert!(said.contains("refdesk print --list-printers"), "{said}");
    assert!(!said.contains("CUPS") && !said.contains("cups"), "{said}");
    let saved = sb.path("data").join("unprinted");
    let files: Vec<_> = std::fs::read_dir(&saved)
        .expect("the slip was saved in the data folder")
        .collect();
    assert_eq!(files.len(), 1, "{said}");
}

/// The job documents in CUPS' spool folder (`dNNNNN-001`).
fn spool_documents(spool: &std::path::Path) -> Vec<PathBuf> {
    std::fs::read_dir(spool)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('d'))
                })
                .collect()
        })
        .unwrap_or_default()
}

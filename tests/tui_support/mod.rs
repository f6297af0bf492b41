//! Shared set-up for the screen tests: the fixture directory, a fixed "now", a harness.
#![allow(dead_code)]

use refdesk::config::{Config, Office};
use refdesk::directory::{Directory, LoadOptions, load_path};
use refdesk::i18n::Lang;
use refdesk::referral::print::{Destination, PrintError, PrintReport};
use refdesk::tui::msg::PrintOutcome;
use refdesk::tui::{Harness, Settings};
use std::path::{Path, PathBuf};

/// Wednesday 25 November 2026, 10:30: a working day, mid-morning.
pub fn now() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 11, 25).at(10, 30, 0, 0)
}

pub fn load(sub: &str, lang: Lang) -> Directory {
    // Relative (cargo runs tests in the package root), so file names in the problems list and
    // in snapshots do not depend on where the checkout lives.
    let p = Path::new("tests/fixtures/tui").join(sub);
    load_path(
        &p,
        &LoadOptions {
            today: now().date(),
            lang,
        },
    )
}

/// The good fixture's files copied into `to` (made if missing): a directory the test may edit.
pub fn copy_good_fixture(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/good");
    for f in ["zhytomyr.toml", "berdychiv.toml"] {
        std::fs::copy(src.join(f), to.join(f)).expect("copy");
    }
}

/// The desk's settings file the screen tests run with: an office, no printer configured.
pub fn config() -> Config {
    Config {
        office: Office {
            name: Some("Житомирське бюро правової допомоги".into()),
            address: Some("вул. Тестова, 5".into()),
            phone: Some("+380 412 40 00 00".into()),
        },
        home_locality: Some("Житомир".into()),
        ..Config::default()
    }
}

pub fn settings(lang: Lang) -> Settings {
    Settings {
        lang,
        office: Some("Житомирське бюро правової допомоги".into()),
        home_locality: Some("Житомир".into()),
        color: false,
        config: config(),
        save_dir: Some(PathBuf::from("/home/desk/.local/share/refdesk/unprinted")),
    }
}

/// The good fixture directory on a screen of the given size.
pub fn harness(width: u16, height: u16) -> Harness {
    harness_lang(width, height, Lang::Uk)
}

pub fn harness_lang(width: u16, height: u16, lang: Lang) -> Harness {
    Harness::new(load("good", lang), settings(lang), now(), width, height)
}

/// The id of the agency a result row points at.
pub fn row_id(h: &Harness, row: usize) -> String {
    let hit = &h.state.hits()[row];
    h.state.dir.agencies[hit.agency].id.clone()
}

/// A print job's answer: sent to printer queue `queue`.
pub fn printed_on(queue: &str) -> PrintOutcome {
    PrintOutcome::Printer(PrintReport::Printed {
        destination: Destination::Queue(queue.into()),
    })
}

/// A print job's answer: the print command failed with `stderr`, and the slip was saved to
/// `path` instead.
pub fn saved_instead(stderr: &str, path: &str) -> PrintOutcome {
    PrintOutcome::Printer(PrintReport::Saved {
        error: failed_lp(stderr),
        path: path.into(),
        name_omitted: false,
    })
}

/// A print job's answer: the print command failed with `stderr`, and saving failed too.
pub fn lost(stderr: &str) -> PrintOutcome {
    PrintOutcome::Printer(PrintReport::Lost {
        error: failed_lp(stderr),
        save_error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    })
}

fn failed_lp(stderr: &str) -> PrintError {
    PrintError::Failed {
        program: "lp".into(),
        code: Some(1),
        stderr: stderr.into(),
    }
}

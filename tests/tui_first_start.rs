//! The first start end to end: the real binary in a real terminal (tmux) on a copy of the demo
//! data in a temporary folder, with `REFDESK_HOME` pointing at an empty folder and no settings
//! file anywhere. The screen asks for the office once, writes the settings file where its
//! status line says, and the next slip names the office; the next start asks nothing. The
//! built-in demo asks nothing at all.

// tmux is a Unix terminal multiplexer; the screen on Windows is not driven by tests (README,
// Windows).
#![cfg(unix)]

mod tmux_support;

use refdesk::config::Config;
use std::path::{Path, PathBuf};
use std::process::Command;
use tmux_support::*;

const OFFICE: &str = "Бюро правничої допомоги у м. Бердичів";

/// The demo data's files, copied into `to`.
fn copy_demo_data(to: &Path) {
    std::fs::create_dir_all(to).expect("data folder");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for e in std::fs::read_dir(&demo).expect("data/").flatten() {
        if e.path().extension().is_some_and(|x| x == "toml") {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// The CUPS test queue (`.ci/cups-setup.sh`) when this system lists it; required in CI.
fn test_queue() -> Option<&'static str> {
    const QUEUE: &str = "refdesk-test";
    let listed = Command::new("lpstat")
        .arg("-e")
        .env("LC_ALL", "C")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l == QUEUE)
        });
    if !listed {
        assert!(!in_ci(), "the CUPS queue {QUEUE} is required in CI");
        eprintln!("note: no CUPS queue {QUEUE}; the printer stays the system default");
    }
    listed.then_some(QUEUE)
}

/// A desk with no settings yet: its temporary folder (removed when dropped), the home folder
/// for REFDESK_HOME, and the `--data` argument of a copy of the demo data.
fn fresh_desk() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path().join("home");
    let data = tmp.path().join("data");
    copy_demo_data(&data);
    let data_arg = data.display().to_string();
    (tmp, home, data_arg)
}

/// Everyone's environment here: the home folder, and no settings file named.
fn start(name: &str, args: &[&str], home: &Path) -> Tmux {
    Tmux::start_with(
        name,
        args,
        &[("REFDESK_HOME", home), ("REFDESK_CONFIG", Path::new(""))],
    )
}

#[test]
fn real_data_without_settings_asks_once_and_the_slip_names_the_office() {
    if !require_tmux() {
        return;
    }
    let (_tmp, home, data_arg) = fresh_desk();
    let t = start("first", &["--data", &data_arg], &home);
    t.wait_for("the first-start window", |s| {
        s.contains("Налаштування бюро") && s.contains("▶ Назва бюро:")
    });
    for line in [
        OFFICE,
        "вул. Європейська, 12",
        "(04143) 2-10-10",
        "Бердичів",
    ] {
        t.type_text(line);
        t.keys(&["Enter"]);
    }
    t.wait_for("the printers listed", |s| {
        s.contains("▶ Принтер:") && !s.contains("шукаю принтери")
    });
    let queue = test_queue();
    if let Some(q) = queue {
        // The system's printers follow the default, in lpstat's order: round until it shows,
        // each press waited for until the window shows another printer.
        let chosen = |s: &str| {
            let from = s.find("◀ ")? + "◀ ".len();
            let len = s[from..].find(" ▶")?;
            Some(s[from..from + len].to_string())
        };
        let mut now = chosen(&t.screen());
        for _ in 0..20 {
            if now.as_deref() == Some(q) {
                break;
            }
            t.keys(&["Right"]);
            let s = t.wait_for("the next printer", |s| {
                chosen(s).is_some_and(|c| Some(c) != now)
            });
            now = chosen(&s);
        }
        assert_eq!(now.as_deref(), Some(q), "{q} is offered:\n{}", t.screen());
    }
    t.keys(&["Enter"]);
    let file = home.join("config").join("refdesk.toml");
    let s = t.wait_for("where the settings went", |s| {
        s.contains("налаштування записано:")
    });
    assert!(s.contains(&file.display().to_string()), "{s}");
    let settings = Config::parse(
        "refdesk.toml",
        &std::fs::read_to_string(&file).expect("the settings file"),
    )
    .expect("valid settings");
    assert_eq!(settings.office.name.as_deref(), Some(OFFICE));
    assert_eq!(
        settings.office.address.as_deref(),
        Some("вул. Європейська, 12")
    );
    assert_eq!(settings.office.phone.as_deref(), Some("(04143) 2-10-10"));
    assert_eq!(settings.home_locality.as_deref(), Some("Бердичів"));
    assert_eq!(settings.printer.name.as_deref(), queue);

    // A slip saved as a text file names the office.
    t.type_text("пенсія");
    t.wait_for("the pension office", |s| {
        first_result(s).is_some_and(|l| l.contains("Пенсійний фонд"))
    });
    t.keys(&["F2"]);
    t.wait_for("the print preview", |s| s.contains("Спосіб (F2)"));
    t.keys(&["F2", "F2"]);
    t.wait_for("text file chosen", |s| s.contains("(•) текстовий файл"));
    t.keys(&["Enter"]);
    t.wait_for("the saved slip", |s| {
        s.contains("Направлення збережено у файл")
    });
    let saved = poll("the saved slip", || {
        files_under(&home.join("data").join("unprinted"))
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "txt"))
    });
    let slip = std::fs::read_to_string(&saved).expect("slip");
    assert!(slip.contains(OFFICE), "{slip}");
    assert!(!slip.contains("Демонстраційне бюро"), "{slip}");
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");

    // The next start has its office: no window, the search at once.
    let t = start("again", &["--data", &data_arg], &home);
    let s = t.wait_for("the first frame with results", |s| {
        s.contains("Пошук:") && first_result(s).is_some()
    });
    assert!(!s.contains("Налаштування бюро"), "asked again:\n{s}");
}

#[test]
fn skipping_asks_again_at_the_next_start() {
    if !require_tmux() {
        return;
    }
    let (_tmp, home, data_arg) = fresh_desk();
    let t = start("skip", &["--data", &data_arg], &home);
    t.wait_for("the first-start window", |s| {
        s.contains("Налаштування бюро")
    });
    t.keys(&["Escape"]);
    t.wait_for("the note that it asks again", |s| {
        s.contains("програма спитає знову наступного разу")
    });
    t.keys(&["F10"]);
    t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(!home.join("config").join("refdesk.toml").exists());
    let t = start("skip-again", &["--data", &data_arg], &home);
    t.wait_for("the window again", |s| s.contains("Налаштування бюро"));
}

#[test]
fn the_built_in_demo_asks_nothing_and_writes_no_settings() {
    if !require_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path().join("home");
    let t = start("demo", &[], &home);
    let s = t.wait_for("the first frame with results", |s| {
        s.contains("Пошук:") && first_result(s).is_some()
    });
    assert!(!s.contains("Налаштування бюро"), "{s}");
    // Typing searches: nothing stands in the way.
    t.type_text("пенсія");
    t.wait_for("the pension office", |s| {
        s.contains("Пошук: пенсія") && first_result(s).is_some_and(|l| l.contains("Пенсійний"))
    });
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
    assert!(!home.join("config").exists(), "no settings were written");
}

//! End to end: the real binary in a real terminal (tmux). Type a query, see the agency, open the
//! card, see the phrase, quit with F10, and check the terminal was given back as it was: normal
//! screen, no mouse capture, cursor shown, raw mode off.
//!
//! Every wait polls the pane against a deadline; nothing relies on a fixed sleep. Without tmux
//! the tests are skipped with a message, except in CI (`CI` set), where tmux is required.

// Linux only: tmux is a Unix terminal multiplexer. The screen on Windows is not driven by
// tests (README, Windows).
#![cfg(unix)]

mod tmux_support;
mod tui_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tmux_support::*;

fn search_open_read_quit(t: &Tmux, typed: &str, expect_note: bool) {
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    t.type_text(typed);
    t.wait_for("the tax office as the best match", |s| {
        first_result(s).is_some_and(|l| l.contains("ДПС"))
            && s.contains(typed.split(' ').next().unwrap_or(typed))
            && (!expect_note || s.contains("розкладку виправлено"))
    });
    t.keys(&["Enter"]);
    t.wait_for("the read-out phrase", |s| s.contains("З цим питанням"));
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
    assert!(s.contains("COOKED-MODE"), "raw mode left on:\n{s}");
    assert!(!s.contains("Пошук:"), "the app is still on screen:\n{s}");
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture left on");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor left hidden");
}

/// The "done when" scenario on the built-in demo directory: «довідка про доходи» typed on the
/// Latin layout finds the tax office. Needs the real search engine and the demo data.
#[test]
fn wrong_layout_query_finds_the_tax_office_and_quits_cleanly() {
    if !require_tmux() {
        return;
    }
    let t = Tmux::start("layout", &[]);
    search_open_read_quit(&t, "ljdslrf ghj lj[jlb", true);
}

/// The same walk through the fixture directory with the query typed correctly: the terminal
/// plumbing on its own.
#[test]
fn typed_query_opens_the_card_and_f10_restores_the_terminal() {
    if !require_tmux() {
        return;
    }
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui/good");
    let t = Tmux::start("typed", &["--data", data]);
    search_open_read_quit(&t, "довідка про доходи", false);
}

/// F2 → type a name into «Для:» → Enter: the configured printer command gets the slip with the
/// address and the name; the statistics log gets one "printed" record without the name. Then
/// the same slip saved as a text file: no name in it. Nothing typed — the query or the name —
/// is anywhere on disk except the one slip deliberately printed.
#[test]
#[allow(clippy::too_many_lines)] // one end-to-end scenario, step by step (tuiarch's test)
fn f2_prints_the_slip_with_the_name_and_keeps_no_trace_of_it() {
    if !require_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let printed = root.join("printed.txt");
    let config = root.join("refdesk.toml");
    let data_home = root.join("data");
    let stats = root.join("stats").join("referrals.log");
    let tmpdir = root.join("tmp");
    std::fs::create_dir_all(&tmpdir).expect("tmp");
    // Commands run without a shell; {file} is a temporary file holding the slip.
    std::fs::write(
        &config,
        format!(
            "[office]\nname = \"Тестове бюро правничої допомоги\"\n[printer]\ncommand = [\"cp\", \"{{file}}\", \"{}\"]\nformat = \"text\"\n",
            printed.display()
        ),
    )
    .expect("config");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui/good");
    let query = "платників головного";
    let name = "Соломія Крушельницька";
    let t = Tmux::start_with(
        "print",
        &["--data", data, "--config", &config.display().to_string()],
        &[
            ("XDG_DATA_HOME", &data_home),
            ("REFDESK_STATS_FILE", &stats),
            ("TMPDIR", &tmpdir),
        ],
    );
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    t.type_text(query);
    t.wait_for("the tax office", |s| {
        first_result(s).is_some_and(|l| l.contains("ДПС"))
    });
    t.keys(&["F2"]);
    t.wait_for("the print preview", |s| {
        s.contains("Для:") && s.contains("НАПРАВЛЕННЯ")
    });
    t.type_text(name);
    t.wait_for("the name in the field and on the slip", |s| {
        s.matches(name).count() >= 2
    });
    t.keys(&["Enter"]);
    let slip = poll("the printed slip", || {
        std::fs::read_to_string(&printed)
            .ok()
            .filter(|s| s.contains("Дані перевірено"))
    });
    assert!(slip.contains("вул. Прикладна"), "{slip}");
    assert!(slip.contains(&format!("Для: {name}")), "{slip}");
    // The service the result was found for: the procedure is on the slip.
    assert!(
        slip.contains("Питання: Реєстрація платника податків"),
        "{slip}"
    );
    assert!(slip.contains("Тестове бюро правничої допомоги"), "{slip}");
    t.wait_for("the printer's report", |s| {
        s.contains("Направлення надіслано: команда «cp")
    });
    let log = poll("the statistics record", || {
        std::fs::read_to_string(&stats)
            .ok()
            .filter(|s| !s.is_empty())
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("\"id\":\"dps-cop-zhytomyr\""), "{log}");
    assert!(log.contains("\"how\":\"printed\""), "{log}");
    assert!(log.contains("\"at\":\"2026-11-25T10:30\""), "{log}");

    // The same slip saved as a text file: F2 twice more (PDF, then text), a name, Enter.
    t.keys(&["F2"]);
    t.wait_for("the print preview again", |s| s.contains("Спосіб (F2)"));
    t.keys(&["F2", "F2"]);
    t.wait_for("text file chosen", |s| s.contains("(•) текстовий файл"));
    t.type_text(name);
    t.wait_for("the note that the name is not saved", |s| {
        s.contains("ім'я у файл не записується")
    });
    t.keys(&["Enter"]);
    t.wait_for("the saved report", |s| {
        s.contains("Направлення збережено у файл")
    });
    let saved = poll("the saved slip", || {
        files_under(&data_home.join("refdesk").join("unprinted"))
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "txt"))
    });
    let text = std::fs::read_to_string(&saved).expect("saved slip");
    assert!(text.contains("вул. Прикладна"), "{text}");
    assert!(!text.contains(name), "a saved slip has no name:\n{text}");
    let log = std::fs::read_to_string(&stats).expect("log");
    // The same agency saved after it was printed, in the same visit: counted once.
    assert_eq!(log.lines().count(), 1, "once per agency per visit: {log}");

    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
    // Privacy: neither the query nor the name is in any file the program wrote, except the
    // slip that was printed on purpose.
    let files = files_under(root);
    assert!(
        files.contains(&stats) && files.contains(&saved),
        "{files:?}"
    );
    for f in files.iter().filter(|f| **f != printed) {
        let bytes = std::fs::read(f).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(name), "the name is in {}", f.display());
        assert!(!text.contains(query), "the query is in {}", f.display());
    }
    assert!(
        files_under(&tmpdir).is_empty(),
        "the printer's temporary file is gone"
    );
}

/// Live reload through the real watcher: an edited file shows on screen, the query stays, and
/// the search thread searches the new directory.
#[test]
fn an_edited_data_file_is_reloaded_while_the_screen_is_open() {
    if !require_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    tui_support::copy_good_fixture(tmp.path());
    let t = Tmux::start("reload", &["--data", &tmp.path().display().to_string()]);
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    t.type_text("пенсію");
    t.wait_for("the pension office", |s| {
        first_result(s).is_some_and(|l| l.contains("ПФУ"))
    });
    let z = tmp.path().join("zhytomyr.toml");
    let text = std::fs::read_to_string(&z).expect("read");
    std::fs::write(
        &z,
        text.replace("Довідка про пенсію", "Довідка про пенсійний стаж"),
    )
    .expect("write");
    let s = t.wait_for("the reload", |s| {
        s.contains("довідник оновлено: 1 зміна") && s.contains("пенсійний стаж")
    });
    assert!(s.contains("Пошук: пенсію"), "the query is kept:\n{s}");
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
}

/// A crash mid-session (a panic in the screen's loop, triggered in debug builds by
/// `REFDESK_TEST_PANIC_ON`) still leaves the terminal usable: cooked mode, main screen, mouse
/// capture off, cursor visible — and the panic message readable on the restored screen.
#[test]
#[cfg(debug_assertions)]
fn a_panic_restores_the_terminal() {
    if !require_tmux() {
        return;
    }
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui/good");
    let marker = Path::new("boom");
    let t = Tmux::start_with(
        "panic",
        &["--data", data],
        &[("REFDESK_TEST_PANIC_ON", marker)],
    );
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    t.type_text("boom");
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:101"), "a panic exits with 101:\n{s}");
    assert!(
        s.contains("test panic requested"),
        "the panic message is shown:\n{s}"
    );
    assert!(s.contains("COOKED-MODE"), "raw mode left on:\n{s}");
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "mouse capture left on");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor left hidden");
}

/// The process running in the pane (the child of the pane's shell).
fn program_pid(t: &Tmux) -> u32 {
    let shell: u32 = t.format("#{pane_pid}").parse().expect("pane pid");
    poll("the program's process", || {
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // pid (comm) state ppid ...: the fields after the last ')'.
            let ppid: u32 = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            (ppid == shell).then_some(pid)
        })
    })
}

/// SIGTERM (a shutdown, `kill`) and SIGHUP (the terminal window closed) end the program through
/// its normal quit path: the alternate screen is left, mouse capture is off, raw mode is off.
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    if !require_tmux() {
        return;
    }
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let t = Tmux::start(&format!("sig{sig}"), &[]);
        t.wait_for("the first frame", |s| s.contains("Пошук:"));
        assert_eq!(t.format("#{alternate_on}"), "1", "the screen is up");
        let pid = program_pid(&t);
        let status = Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
        assert!(
            s.contains(&format!("EXIT:{code}")),
            "SIG{sig} exit status:\n{s}"
        );
        assert!(
            s.contains("COOKED-MODE"),
            "SIG{sig}: raw mode left on:\n{s}"
        );
        assert_eq!(
            t.format("#{alternate_on}"),
            "0",
            "SIG{sig}: still on the alternate screen"
        );
        assert_eq!(
            t.format("#{mouse_any_flag}"),
            "0",
            "SIG{sig}: mouse capture left on"
        );
        assert_eq!(
            t.format("#{cursor_flag}"),
            "1",
            "SIG{sig}: cursor left hidden"
        );
    }
}

/// Whether a process still runs (a zombie waiting to be reaped has ended).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let state = s.rsplit_once(')')?.1.split_whitespace().next()?.to_string();
            Some(state != "Z" && state != "X")
        })
        .unwrap_or(false)
}

/// Closing the terminal (the window closed, the pane killed): the terminal hangs up under the
/// program, which must end through its quit path, not spin on the dead tty.
#[test]
fn closing_the_terminal_ends_the_program() {
    if !require_tmux() {
        return;
    }
    let t = Tmux::start("killpane", &[]);
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    let pid = program_pid(&t);
    assert!(running(pid));
    // A second window keeps the tmux server up after the program's pane is gone.
    assert!(t.run(&["new-window", "-d", "sleep 600"]).status.success());
    assert!(t.run(&["kill-pane", "-t", "main:0"]).status.success());
    let start = Instant::now();
    while running(pid) && start.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !running(pid),
        "refdesk still runs 2 s after its terminal was closed"
    );
}

/// «Наступний відвідувач» in a real terminal: a query, a town filter, open now and a name typed
/// into the print preview; Ctrl-L gives back the start screen, cell for cell apart from the
/// note that it was cleared. After quitting, neither the query nor the name is in any file
/// under the program's folders, nor anywhere in the pane's history.
#[test]
fn ctrl_l_gives_the_next_visitor_the_empty_start_screen() {
    if !require_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui/good");
    let query = "платників головного";
    let name = "Леся Українка";
    let t = Tmux::start_with(
        "next",
        &["--data", data],
        &[
            ("XDG_DATA_HOME", &root.join("data")),
            ("XDG_CACHE_HOME", &root.join("cache")),
            ("XDG_STATE_HOME", &root.join("state")),
            ("REFDESK_STATS_FILE", &root.join("stats.log")),
            ("TMPDIR", root),
        ],
    );
    t.wait_for("the first frame", |s| {
        s.contains("Пошук:") && first_result(s).is_some()
    });
    // The first frame may still be filling in (the title's count of problems, the hint bar):
    // the start screen to compare with is the one that no longer changes.
    let mut start = t.screen();
    let settling = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = t.screen();
        if now == start || settling.elapsed() > DEADLINE {
            break;
        }
        start = now;
    }
    // The information line (the count, and a status on its right) is the third.
    let body = |s: &str| -> Vec<String> {
        s.lines()
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, l)| l.to_string())
            .collect()
    };
    t.type_text(query);
    t.wait_for("the tax office", |s| {
        first_result(s).is_some_and(|l| l.contains("ДПС"))
    });
    t.keys(&["F4"]);
    t.wait_for("the town picker", |s| s.contains("┌ Місто"));
    t.type_text("житом");
    t.keys(&["Enter"]);
    t.wait_for("the town filter", |s| s.contains("[Житомир]"));
    t.keys(&["F7"]);
    t.wait_for("open now", |s| s.contains("[✓]"));
    t.keys(&["F2"]);
    t.wait_for("the print preview", |s| s.contains("Для:"));
    t.type_text(name);
    t.wait_for("the name", |s| s.contains(name));
    t.keys(&["C-l"]);
    let after = t.wait_for("the start screen", |s| {
        s.contains("екран очищено для нового відвідувача") && body(s) == body(&start)
    });
    assert!(!after.contains(name) && !after.contains(query), "{after}");
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
    let history = t.run(&["capture-pane", "-p", "-S", "-", "-t", "main"]);
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(
        !history.contains(name) && !history.contains(query),
        "{history}"
    );
    for f in files_under(root) {
        let text = String::from_utf8_lossy(&std::fs::read(&f).expect("read")).into_owned();
        assert!(!text.contains(name), "the name is in {}", f.display());
        assert!(!text.contains(query), "the query is in {}", f.display());
    }
}

/// The edit form end to end: on a copy of the data in a temporary folder, open the card,
/// Ctrl-E, go to the first phone, type a new number, Ctrl-S — the file is written in place and
/// the running screen's live reload shows the new number on the card.
#[test]
fn a_phone_edited_in_the_form_is_saved_and_reloaded() {
    if !require_tmux() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    tui_support::copy_good_fixture(tmp.path());
    let t = Tmux::start("edit", &["--data", &tmp.path().display().to_string()]);
    t.wait_for("the first frame", |s| s.contains("Пошук:"));
    t.type_text("пенсію");
    t.wait_for("the pension office", |s| {
        first_result(s).is_some_and(|l| l.contains("ПФУ"))
    });
    t.keys(&["Enter"]);
    t.wait_for("the card", |s| s.contains("Прочитайте"));
    t.keys(&["C-e"]);
    t.wait_for("the form", |s| {
        s.contains("Редагування:") && s.contains("── Назва й категорія")
    });
    // PgDn twice: past «Назва й категорія» and «Де це» to «Зв'язок», whose first line is the
    // first phone.
    t.keys(&["NPage", "NPage"]);
    t.wait_for("the phones", |s| s.contains("Телефон 1"));
    t.keys(&["C-u"]);
    t.type_text("+380 412 42 11 77");
    t.wait_for("the typed number", |s| s.contains("+380 412 42 11 77"));
    t.keys(&["C-s"]);
    let s = t.wait_for("the reload", |s| {
        s.contains("довідник оновлено: 1 зміна") && s.contains("42-11-77")
    });
    assert!(!s.contains("Редагування:"), "the form closed:\n{s}");
    let text = std::fs::read_to_string(tmp.path().join("zhytomyr.toml")).expect("read");
    assert!(text.contains("phones = [\"+380 412 42 11 77\"]"), "{text}");
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
}

/// The CUPS queue the end-to-end print goes to (`.ci/cups-setup.sh`), and the file it prints
/// to; `None` (with a note) where there is no such queue, which fails in CI.
fn cups_queue_file() -> Option<PathBuf> {
    const QUEUE: &str = "refdesk-test";
    let out = Command::new("lpstat")
        .args(["-v", QUEUE])
        .env("LC_ALL", "C")
        .output();
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let path = text.lines().find_map(|l| {
        l.split_once(&format!("device for {QUEUE}:")).map(|(_, u)| {
            u.trim()
                .trim_start_matches("file:")
                .trim_start_matches("//")
                .to_string()
        })
    });
    match path.filter(|p| p.starts_with('/')) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            assert!(
                !in_ci(),
                "the CUPS queue {QUEUE} is required in CI (.ci/cups-setup.sh)"
            );
            eprintln!("skipping: no CUPS queue {QUEUE} printing to a file");
            None
        }
    }
}

/// The handbook's chain at the desk (issue 12), on the built-in demo directory: search, add
/// the centre for people released from prison; search, add the migration service; add the step
/// back to us; F2, the name typed once, Enter: one plan slip reaches the CUPS test queue with
/// both agencies, the way back and the name. Then Ctrl-L: the plan and the name are gone from
/// the screen, the log has one line per agency, and nothing typed is in any file.
#[test]
#[allow(clippy::too_many_lines)] // one end-to-end scenario, step by step
fn the_visit_plan_prints_through_cups_and_the_next_visitor_starts_empty() {
    if !require_tmux() {
        return;
    }
    let Some(printed) = cups_queue_file() else {
        return;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        assert!(!in_ci(), "pdftotext is required in CI");
        eprintln!("skipping: pdftotext is not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let config = root.join("refdesk.toml");
    let stats = root.join("stats").join("referrals.log");
    std::fs::write(
        &config,
        "[office]\nname = \"Житомирське бюро правничої допомоги\"\naddress = \"вул. Тестова, 5\"\nphone = \"+380 412 40 00 00\"\n[printer]\nname = \"refdesk-test\"\n",
    )
    .expect("config");
    // CUPS rewrites the file in place: empty it where allowed, so that only this job's text
    // can be found in it (the name below is this test's own).
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&printed);
    let name = "Григорій Сковорода";
    let (q1, q2) = ("звільнився з колонії", "втратив паспорт");
    let t = Tmux::start_with(
        "plan",
        &["--config", &config.display().to_string()],
        &[
            ("XDG_DATA_HOME", &root.join("data")),
            ("XDG_CACHE_HOME", &root.join("cache")),
            ("XDG_STATE_HOME", &root.join("state")),
            ("REFDESK_STATS_FILE", &stats),
            ("TMPDIR", root),
        ],
    );
    t.wait_for("the first frame", |s| {
        s.contains("Пошук:") && first_result(s).is_some()
    });
    t.type_text(q1);
    t.wait_for("the centre for people released from prison", |s| {
        first_result(s).is_some_and(|l| l.contains("Центр соцадаптації"))
    });
    t.keys(&["C-d"]);
    t.wait_for("the plan's first step", |s| {
        s.contains("План візиту · 1 крок")
    });
    t.keys(&["C-u"]);
    t.type_text(q2);
    t.wait_for("the migration service", |s| {
        first_result(s).is_some_and(|l| l.contains("ДМС"))
    });
    t.keys(&["C-d"]);
    t.wait_for("the second step", |s| s.contains("План візиту · 2 кроки"));
    t.keys(&["C-o"]);
    t.wait_for("the step back to us", |s| {
        s.contains("План візиту · 3 кроки") && s.contains("Повернутися до нас")
    });
    // The whole plan read aloud, from the panel.
    t.keys(&["C-t"]);
    t.wait_for("the plan's text", |s| {
        s.contains("Прочитайте відвідувачу весь план")
    });
    t.keys(&["F2"]);
    t.wait_for("the plan's print preview", |s| {
        s.contains("Для:") && s.contains("План візиту: 3 кроки")
    });
    t.type_text(name);
    t.wait_for("the name", |s| s.contains(name));
    t.keys(&["Enter"]);
    t.wait_for("the printer's report", |s| {
        s.contains("Направлення надіслано")
    });
    let text = poll("the plan slip in the CUPS queue's file", || {
        let o = Command::new("pdftotext")
            .arg(&printed)
            .arg("-")
            .output()
            .ok()?;
        let flat = String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        flat.contains(name).then_some(flat)
    });
    for want in [
        "План візиту: 3 кроки",
        "КРОК 1",
        "КРОК 2",
        "КРОК 3",
        "Житомирське бюро правничої допомоги",
        "вул. Тестова, 5",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    assert_eq!(text.matches(name).count(), 1, "the name once:\n{text}");
    let log = poll("two statistics lines", || {
        std::fs::read_to_string(&stats)
            .ok()
            .filter(|s| s.lines().count() >= 2)
    });
    assert_eq!(log.lines().count(), 2, "one line per agency: {log}");
    assert!(
        log.contains("\"id\":\"zt-resocializacia\"") && log.contains("\"step\":2"),
        "{log}"
    );

    t.keys(&["C-l"]);
    let after = t.wait_for("the start screen", |s| {
        s.contains("екран очищено для нового відвідувача") && !s.contains("План візиту")
    });
    assert!(!after.contains(name), "{after}");
    assert!(!after.contains(q1) && !after.contains(q2), "{after}");
    assert!(
        !after.contains('✓'),
        "the marks of the visit are gone:\n{after}"
    );
    t.keys(&["F10"]);
    let s = t.wait_for("the program to exit", |s| s.contains("-MODE"));
    assert!(s.contains("EXIT:0"), "exit status:\n{s}");
    for f in files_under(root) {
        let text = String::from_utf8_lossy(&std::fs::read(&f).expect("read")).into_owned();
        assert!(!text.contains(name), "the name is in {}", f.display());
        assert!(
            !text.contains(q1) && !text.contains(q2),
            "the query is in {}",
            f.display()
        );
    }
}

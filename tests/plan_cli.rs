//! The visit's plan on the command line: `slip`/`print`/`show` with several `ID[:SERVICE]`,
//! `--note N=TEXT` and `--return` — the PDF read back with `pdftotext`, the ESC/POS bytes
//! decoded, the read-out text, and the statistics (one line per agency step, a preview on the
//! terminal counts nothing).

mod referral_support;

use referral_support::*;

const OFFICE: &str = "[office]\nname = \"Житомирське бюро правничої допомоги\"\n\
                      address = \"Житомир, вул. Київська, 1\"\nphone = \"(0412) 11-22-33\"\n";

/// The tax office for an income certificate, the charity fund for aid, then back to us.
const PLAN: [&str; 6] = [
    "zt-cop:1",
    "bd-fund",
    "--return",
    "--note",
    "3=коли отримаєте довідку",
    "--for=Шевченко Тарас",
];

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn log_lines(sb: &Sandbox) -> Vec<serde_json::Value> {
    match std::fs::read_to_string(sb.path("data").join("referrals.log")) {
        Ok(t) => t
            .lines()
            .map(|l| serde_json::from_str(l).expect("a record"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn pdf_of_a_three_step_plan_has_every_address_and_document_on_one_a5_page() {
    if !have_tool("pdftotext") {
        return;
    }
    let sb = Sandbox::new();
    sb.write_config(OFFICE);
    let pdf = sb.path("tmp/plan.pdf");
    let out = sb
        .refdesk()
        .args(["slip", "--format", "pdf", "--paper", "a5", "-o"])
        .arg(&pdf)
        .args(PLAN)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = pdf_info(&pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 1")),
        "{info}"
    );
    let text = flat(&pdf_text(&pdf));
    let order = [
        "Для: Шевченко Тарас",
        "План візиту: 3 кроки",
        "КРОК 1",
        "Адреса: Житомир, вул. Велика Бердичівська, 24",
        "паспорт громадянина України",
        "РНОКПП (ідентифікаційний код)",
        "КРОК 2",
        "Адреса: Бердичів, пров. В’ячеслава Чорновола, 7а",
        "довідка ВПО",
        "КРОК 3 — коли отримаєте довідку",
        "Поверніться до нас: Житомирське бюро правничої допомоги",
        "Адреса: Житомир, вул. Київська, 1",
    ];
    let mut at = 0;
    for want in order {
        match text[at..].find(want) {
            Some(i) => at += i + want.len(),
            None => panic!("{want:?} missing or out of order in:\n{text}"),
        }
    }
    assert_eq!(text.matches("Шевченко Тарас").count(), 1, "the name once");
    // One QR code per agency step, each holding its own agency.
    if have_tool("pdftoppm") {
        let dir = sb.path("tmp/qr");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let codes = pdf_qr_codes(&pdf, &dir);
        assert_eq!(codes.len(), 2, "{codes:?}");
        assert!(
            codes.iter().any(|c| c.contains("Велика Бердичівська")),
            "{codes:?}"
        );
        assert!(codes.iter().any(|c| c.contains("Чорновола")), "{codes:?}");
    }
}

#[test]
fn escpos_of_a_two_step_plan_decodes_back_with_the_first_steps_code() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args([
            "slip", "zt-cop:1", "bd-fund", "--format", "escpos", "--width", "42",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cmds = parse_escpos(&out.stdout);
    assert_eq!(cmds[0], Esc::Init);
    assert!(matches!(cmds.last(), Some(Esc::Cut(65, _))));
    let lines: Vec<String> = cmds
        .iter()
        .filter_map(|c| match c {
            Esc::Line(b) => Some(encoding_rs::WINDOWS_1251.decode(b).0.into_owned()),
            _ => None,
        })
        .collect();
    assert!(lines.iter().all(|l| l.chars().count() <= 42), "{lines:#?}");
    let text = flat(&lines.join("\n"));
    for want in [
        "План візиту: 2 кроки",
        "КРОК 1",
        "Куди: Центр обслуговування платників",
        "Житомир, вул. Велика Бердичівська, 24",
        "[ ] паспорт громадянина України",
        "КРОК 2",
        "Куди: Благодійний фонд «Надія»",
        "[ ] довідка ВПО",
        "Якщо питання не вирішено — поверніться до нас:",
        "QR-код нижче — установа кроку 1",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    // One code: the first step's agency.
    let stored: Vec<String> = cmds
        .iter()
        .filter_map(|c| match c {
            Esc::Qr { function: 80, data } => {
                Some(String::from_utf8(data[1..].to_vec()).expect("UTF-8"))
            }
            _ => None,
        })
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].contains("Центр обслуговування платників"),
        "{}",
        stored[0]
    );
}

#[test]
fn show_script_reads_the_plan_aloud_and_a_single_id_is_as_before() {
    let sb = Sandbox::new();
    sb.write_config(OFFICE);
    let out = sb
        .refdesk()
        .args(["show", "--script", "zt-cop:1", "bd-fund", "--return"])
        .args(["--note", "3=коли отримаєте довідку"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        said.starts_with("Спочатку Вам слід звернутися до Центру обслуговування"),
        "{said}"
    );
    assert!(
        said.contains(" Після цього зверніться до Благодійного фонду «Надія»"),
        "{said}"
    );
    assert!(
        said.contains(
            " Коли отримаєте довідку, поверніться, будь ласка, до нас: Житомирське бюро \
             правничої допомоги, Житомир, вулиця Київська, будинок 1. Наш телефон: 0412 11 22 33."
        ),
        "{said}"
    );
    assert!(!said.contains("+380") && !said.contains("http"), "{said}");

    let single = |args: &[&str]| sb.refdesk().args(args).output().expect("runs").stdout;
    assert_eq!(
        single(&["show", "--script", "zt-cop:1"]),
        single(&["show", "--script", "zt-cop", "--service", "1"])
    );
}

#[test]
fn plan_arguments_that_cannot_be_a_plan_are_usage_errors() {
    let sb = Sandbox::new();
    let run = |args: &[&str]| {
        let out = sb.refdesk().args(args).output().expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // A service for several agencies at once, a note on a step that does not exist, an
    // agency with several services and none named.
    let (code, err) = run(&["slip", "zt-cop", "bd-fund", "--service", "1"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("ID:ПОСЛУГА"), "{err}");
    let (code, err) = run(&["slip", "zt-cop:1", "bd-fund", "--note", "3=потім"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("від 1 до 2"), "{err}");
    let (code, err) = run(&["slip", "zt-cop", "bd-fund"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("zt-cop:1"), "{err}");
    let (code, err) = run(&["slip", "zt-cop:1", "no-such-agency"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(log_lines(&sb).is_empty(), "nothing given, nothing counted");
}

#[test]
fn a_plan_counts_one_line_per_agency_step_and_stats_counts_the_visit() {
    let sb = Sandbox::new();
    sb.write_config(OFFICE);
    let out = sb
        .refdesk()
        .args(["slip", "-o"])
        .arg(sb.path("tmp/plan.txt"))
        // The same agency twice (two services) is one referral of the visit.
        .args(["zt-cop:1", "bd-fund", "zt-cop:2", "--return"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = log_lines(&sb);
    let steps: Vec<(&str, u64)> = lines
        .iter()
        .map(|l| {
            (
                l["id"].as_str().expect("id"),
                l["step"].as_u64().expect("step"),
            )
        })
        .collect();
    assert_eq!(steps, [("zt-cop", 1), ("bd-fund", 2)]);
    // A single slip is a visit of its own, with one step.
    let out = sb
        .refdesk()
        .args(["slip", "bd-fund", "-o"])
        .arg(sb.path("tmp/one.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(log_lines(&sb)[2]["step"], 1);
    let out = sb
        .refdesk()
        .args(["stats", "--json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        (v["total"].as_u64(), v["multi_step_visits"].as_u64()),
        (Some(3), Some(1))
    );
}

/// `refdesk slip` on a real terminal (a tmux pane): shown, not given — nothing is counted.
#[test]
#[cfg(unix)] // tmux: a Unix terminal
fn a_slip_shown_on_the_terminal_is_a_preview_and_counts_nothing() {
    use std::process::Command;
    let have_tmux = Command::new("tmux").arg("-V").output().is_ok();
    if !have_tmux {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is required in CI"
        );
        eprintln!("SKIPPED: tmux is not installed");
        return;
    }
    let sb = Sandbox::new();
    let socket = format!("refdesk-plan-{}", std::process::id());
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux runs")
    };
    let log = sb.path("data").join("referrals.log");
    let env = [
        format!("REFDESK_STATS_FILE={}", log.display()),
        "REFDESK_NOW=2026-11-25T10:30".to_string(),
        "REFDESK_NO_CACHE=1".to_string(),
        format!("REFDESK_HOME={}", sb.path("").display()),
    ];
    let fixture = fixture();
    let mut args: Vec<&str> = vec!["new-session", "-d", "-x", "100", "-y", "40"];
    for e in &env {
        args.extend(["-e", e]);
    }
    let bin = env!("CARGO_BIN_EXE_refdesk");
    let data = fixture.to_str().expect("utf-8 path");
    args.extend([
        bin, "--data", data, "slip", "zt-cop:1", "bd-fund", "--return",
    ]);
    // The pane stays after the program ends, so its output and exit status can be read.
    let started = tmux(
        &["set-option", "-g", "remain-on-exit", "on", ";"]
            .iter()
            .chain(&args)
            .copied()
            .collect::<Vec<_>>(),
    );
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut dead_since = None;
    let status = loop {
        // How the program ended, once tmux knows. A program this quick can leave a dead pane
        // whose status tmux never records (seen under load): then the status is unknown and
        // only what the pane shows and what is on disk are checked.
        let out = tmux(&[
            "display-message",
            "-p",
            "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}",
        ]);
        let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let now = std::time::Instant::now();
        match s.split('|').collect::<Vec<_>>()[..] {
            ["1", code, _] if !code.is_empty() => break Some(code.to_string()),
            ["1", _, signal] if !signal.is_empty() => break Some(format!("signal {signal}")),
            ["1", ..] => {
                let since = *dead_since.get_or_insert(now);
                if now.duration_since(since) > std::time::Duration::from_secs(2) {
                    break None;
                }
            }
            _ => {}
        }
        assert!(now < deadline, "refdesk did not end: {s}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let screen = tmux(&["capture-pane", "-p", "-S", "-200"]);
    tmux(&["kill-server"]);
    let screen = String::from_utf8_lossy(&screen.stdout);
    if let Some(status) = status {
        assert_eq!(status, "0", "{screen}");
    }
    assert!(flat(&screen).contains("План візиту: 3 кроки"), "{screen}");
    assert!(!log.exists(), "a preview is not a referral");
}

//! `refdesk setup`: the answers on standard input end up in the settings file in the settings
//! folder (under REFDESK_HOME here, the same on every platform), and the command says where.

use assert_cmd::Command;

#[test]
fn setup_writes_the_answers_where_it_says_and_keeps_what_was_not_answered() {
    let home = tempfile::tempdir().expect("tempdir");
    let run = |stdin: &str| {
        Command::cargo_bin("refdesk")
            .expect("binary")
            .env("REFDESK_HOME", home.path())
            .env_remove("REFDESK_CONFIG")
            .env_remove("REFDESK_LANG")
            .arg("setup")
            .write_stdin(stdin)
            .output()
            .expect("runs")
    };
    let out =
        run("Бюро у м. Коростень\nвул. Грушевського, 5\n0 800 213 103\nКоростень\nFront Desk\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = home.path().join("config").join("refdesk.toml");
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(said.contains(&file.display().to_string()), "{said}");
    let text = std::fs::read_to_string(&file).expect("settings written");
    let c = refdesk::config::Config::parse("refdesk.toml", &text).expect("valid");
    assert_eq!(c.office.name.as_deref(), Some("Бюро у м. Коростень"));
    assert_eq!(c.office.phone.as_deref(), Some("0 800 213 103"));
    assert_eq!(c.home_locality.as_deref(), Some("Коростень"));
    assert_eq!(c.printer.name.as_deref(), Some("Front Desk"));

    // A second run with only a new phone: the rest stays, and the old answers are offered.
    let out = run("\n\n0 412 00 00 00\n\n\n");
    assert!(out.status.success());
    let said = String::from_utf8(out.stdout).expect("utf-8");
    assert!(said.contains("[Бюро у м. Коростень]"), "{said}");
    let c = refdesk::config::Config::parse(
        "refdesk.toml",
        &std::fs::read_to_string(&file).expect("settings"),
    )
    .expect("valid");
    assert_eq!(c.office.phone.as_deref(), Some("0 412 00 00 00"));
    assert_eq!(c.office.name.as_deref(), Some("Бюро у м. Коростень"));
    assert_eq!(c.printer.name.as_deref(), Some("Front Desk"));
}

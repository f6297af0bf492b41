//! The command line as a user meets it: exit codes, located problems, the complete card.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn refdesk() -> Command {
    let mut c = Command::cargo_bin("refdesk").unwrap();
    // Reproducible: a fixed "now", no user settings, Ukrainian.
    c.env("REFDESK_NOW", "2026-11-25T10:30")
        // Tests never leave a parsed-directory cache in the real cache folder.
        .env("REFDESK_NO_CACHE", "1")
        .env_remove("REFDESK_DATA")
        .env_remove("REFDESK_LANG")
        .env("REFDESK_CONFIG", fixture("cli/none.toml"))
        .env(
            "REFDESK_HOME",
            std::env::temp_dir().join("refdesk-test-no-config"),
        );
    c
}

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn stdout_of(args: &[&str]) -> String {
    let out = refdesk().args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn demo_directory_validates_clean_and_says_it_is_demo_data() {
    let out = refdesk()
        .arg("validate")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("ДЕМОНСТРАЦІЙНІ ДАНІ"), "{out}");
    assert!(out.contains("0 помилок"), "{out}");
    assert!(!out.contains(": помилка:"), "{out}");
}

#[test]
fn demo_directory_has_forty_agencies_covering_every_builtin_category() {
    let out = stdout_of(&["validate", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["demo"], true);
    assert!(v["agencies"].as_u64().unwrap() >= 40, "{}", v["agencies"]);
    let opts = refdesk::directory::LoadOptions {
        today: jiff::civil::date(2026, 11, 25),
        lang: refdesk::i18n::Lang::Uk,
    };
    let dir = refdesk::directory::load_demo(&opts);
    for (id, _, _) in refdesk::directory::BUILTIN_CATEGORIES {
        assert!(
            dir.agencies.iter().any(|a| a.category == *id),
            "no demo agency in category {id}"
        );
    }
    assert!(
        dir.agencies.iter().any(|a| a.remote),
        "national hotlines are remote entries"
    );
}

#[test]
fn broken_file_reports_its_line_and_exits_1_while_the_rest_loads() {
    let out = refdesk()
        .args([
            "--data",
            fixture("validate/syntax.toml").to_str().unwrap(),
            "validate",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("syntax.toml:25:"), "{out}");
    assert!(out.contains(": помилка: синтаксична помилка TOML"), "{out}");
    assert!(out.contains("1 помилка"), "{out}");
    assert!(
        out.contains("2 установи"),
        "the two valid entries still load: {out}"
    );
    // And the entry after the broken one is served.
    refdesk()
        .args([
            "--data",
            fixture("validate/syntax.toml").to_str().unwrap(),
            "show",
            "after",
        ])
        .assert()
        .success();
}

#[test]
fn summary_uses_ukrainian_plural_forms() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, f) in [
        "invalid-phone.toml",
        "invalid-hours.toml",
        "future-verified.toml",
        "wrong-type.toml",
        "invalid-value.toml",
    ]
    .iter()
    .enumerate()
    {
        let text = std::fs::read_to_string(fixture("validate").join(f)).unwrap();
        // Give every copy its own ids so that only the intended errors remain.
        let text = text
            .replace("\"good\"", &format!("\"good{i}\""))
            .replace("\"bad\"", &format!("\"bad{i}\""));
        let text = text.replace("вул. Тестова, 1", &format!("вул. Тестова, 1{i}"));
        std::fs::write(tmp.path().join(f), text).unwrap();
        let n = i + 1;
        let out = refdesk()
            .args(["--data", tmp.path().to_str().unwrap(), "validate"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let out = String::from_utf8(out.stdout).unwrap();
        let want = match n {
            1 => "1 помилка",
            2..=4 => &format!("{n} помилки"),
            _ => &format!("{n} помилок"),
        };
        assert!(out.contains(&format!("— {want},")), "{n} errors: {out}");
    }
}

#[test]
fn validate_json_lists_every_problem_with_its_place() {
    let out = stdout_of(&[
        "--data",
        fixture("validate/unknown-field.toml").to_str().unwrap(),
        "validate",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 0);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["line"], 25);
    assert_eq!(d["column"], 1);
}

#[test]
fn english_messages_with_lang_en() {
    let out = stdout_of(&[
        "--lang",
        "en",
        "--data",
        fixture("validate/unknown-field.toml").to_str().unwrap(),
        "validate",
    ]);
    assert!(
        out.contains("warning: unknown field \"adress\" — did you mean \"address\"?"),
        "{out}"
    );
    assert!(out.contains("0 errors, 1 warning"), "{out}");
}

#[test]
fn show_prints_every_field_of_the_agency_and_its_services() {
    let out = stdout_of(&[
        "--data",
        fixture("cli/full.toml").to_str().unwrap(),
        "show",
        "zt-test-cop",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    let has = |want: &str| {
        assert!(
            lines.iter().any(|l| l.trim_start() == want),
            "missing line {want:?} in\n{out}"
        )
    };
    has("Центр обслуговування платників Головного управління ДПС у Житомирській області");
    has("id: zt-test-cop");
    has("Увага: з 01.12 прийом у вікні 5");
    has("Коротко: ЦОП ДПС");
    has("Категорія: Податки, ДПС");
    has("Опис: Видає відомості про доходи.");
    has("Адреса: Житомир, вул. Приклад, 1, каб. 105");
    has("Район: Корольовський район");
    has("Індекс: 10003");
    has("Як знайти: вхід з боку парку");
    has("Доступність: пандус, ліфт");
    has("Координати: 50.25, 28.66");
    has("Телефони: (0412) 42-05-10 · 0 800 213 103 (безкоштовно)");
    has("Ел. пошта: cop@example.org");
    has("Сайт: https://cop.example.org");
    has("Графік: Пн–Чт 09:00–18:00, Пт 09:00–16:45; перерва 13:00–13:45");
    has("Прийом: Вт, Чт 09:00–12:00");
    has("Примітка до графіка: під час повітряної тривоги прийом не ведеться");
    has("Керівник: Яковенко Віталій Миколайович, начальник центру");
    has(
        "Контакт: Кравчук Світлана Олександрівна, головний державний інспектор, вікно 3, тел. (0412) 42-05-11, k@example.org",
    );
    has("Теми: довідка про доходи, РНОКПП");
    has("Перевірено: 15.10.2026 (Петренко О.)");
    has("Внутрішня примітка (не друкується): краще телефонувати зранку");
    has(
        "У фразі: до Центру обслуговування платників Головного управління ДПС у Житомирській області, чоловічий рід",
    );
    has("1. Видача відомостей про доходи (довідка про доходи)");
    has("Опис: Відомості з Державного реєстру.");
    has("Попередній запис: бажано");
    has("Як записатися: за телефоном центру");
    has("Графік послуги: Пн–Пт 09:00–12:00");
    has("Хто може отримати: будь-яка фізична особа щодо себе");
    has("Вартість: безоплатно");
    has("Строк: до 5 робочих днів");
    has("Онлайн: Електронний кабінет платника податків (потрібен КЕП)");
    has("Контакт: Олійник Тарас Ігорович, інспектор, вікно 5");
    has("– паспорт громадянина України");
    has("– РНОКПП (ідентифікаційний код)");
    has("1) подати запит");
    has("2) отримати відомості");
    has("2. Реєстрація платника податків");
    has("Попередній запис: не потрібен");
    assert!(
        !out.contains("ДЕМОНСТРАЦІЙНІ"),
        "a non-demo directory is not labelled demo"
    );
}

#[test]
fn show_of_demo_agency_is_labelled_demo_data() {
    let out = refdesk()
        .args(["show", "zt-dps-cop"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("[ДЕМОНСТРАЦІЙНІ ДАНІ")
    );
}

#[test]
fn show_json_carries_the_fields() {
    let out = stdout_of(&[
        "--data",
        fixture("cli/full.toml").to_str().unwrap(),
        "show",
        "zt-test-cop",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "zt-test-cop");
    assert_eq!(v["gender"], "m");
    assert_eq!(v["services"][0]["appointment"], "recommended");
    assert_eq!(
        v["services"][0]["documents"][1],
        "РНОКПП (ідентифікаційний код)"
    );
    assert_eq!(v["verified"], "2026-10-15");
    assert_eq!(v["demo"], false);
}

#[test]
fn unknown_id_exits_1_and_suggests_the_nearest_ids() {
    refdesk()
        .args([
            "--data",
            fixture("cli/full.toml").to_str().unwrap(),
            "show",
            "zt-test-cp",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("zt-test-cop"));
}

#[test]
fn unknown_service_exits_1_and_lists_the_services() {
    refdesk()
        .args([
            "--data",
            fixture("cli/full.toml").to_str().unwrap(),
            "show",
            "zt-test-cop",
            "--service",
            "7",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2. Реєстрація платника податків"));
}

#[test]
fn missing_data_path_is_an_io_error_exit_2() {
    refdesk()
        .args(["--data", "/nonexistent/refdesk-data", "validate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/refdesk-data"));
}

#[test]
fn usage_error_exits_2() {
    refdesk().args(["show"]).assert().code(2);
    refdesk()
        .args(["--lang", "fr", "validate"])
        .assert()
        .code(2);
}

#[test]
fn bad_config_is_reported_with_its_line_and_the_program_still_runs() {
    refdesk()
        .env("REFDESK_CONFIG", fixture("cli/bad-config.toml"))
        .args([
            "--data",
            fixture("cli/full.toml").to_str().unwrap(),
            "validate",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("bad-config.toml:2:"));
}

#[test]
fn malformed_test_clock_is_a_usage_error() {
    refdesk()
        .env("REFDESK_NOW", "yesterday")
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("REFDESK_NOW=yesterday"));
}

#[test]
fn show_keeps_the_locality_of_a_remote_service() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("line.toml");
    std::fs::write(
        &file,
        "[[agency]]\nid = \"city-line\"\nname = \"Міська гаряча лінія\"\ncategory = \"other\"\n\
         remote = true\nlocality = \"Житомир\"\nphones = [\"1545\"]\nhours = \"24/7\"\n\
         head = { name = \"Тестенко Іван Петрович\" }\nverified = 2026-10-01\n",
    )
    .unwrap();
    let out = refdesk()
        .args(["--data", file.to_str().unwrap(), "show", "city-line"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("дистанційно (телефон / онлайн), Житомир"),
        "{text}"
    );
    assert!(!text.contains("вся Україна"), "{text}");
}

#[test]
fn the_only_service_of_an_agency_is_in_the_phrase_without_asking() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("one.toml");
    std::fs::write(
        &file,
        "[[agency]]\nid = \"one\"\nname = \"Відділ тестування\"\nname_genitive = \"Відділу тестування\"\n\
         gender = \"m\"\ncategory = \"other\"\nlocality = \"Житомир\"\naddress = \"вул. Тестова, 1\"\n\
         phones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"\n\
         head = { name = \"Тестенко Іван Петрович\" }\nverified = 2026-10-01\n\n\
         [[agency.service]]\nname = \"Видача довідки\"\nappointment = \"required\"\n\
         booking = \"за телефоном\"\ndocuments = [\"заява\", \"паспорт\"]\n",
    )
    .unwrap();
    let out = refdesk()
        .args(["--data", file.to_str().unwrap(), "show", "one", "--script"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Потрібно попередньо записатися за телефоном."),
        "{text}"
    );
    assert!(
        text.contains("Потрібні документи: заява, паспорт."),
        "{text}"
    );
}

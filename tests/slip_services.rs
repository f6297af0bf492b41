//! A slip never loses the procedure: `refdesk slip` / `refdesk print` for an agency with several
//! services refuses with the numbered list (exit 2) unless `--service` or `--all-services` says
//! which; `--all-services` carries every service's booking and documents in text, PDF and ESC/POS.

mod referral_support;

use referral_support::*;

/// What every service of the fixture's `zt-cop` puts on a slip, in order: its name, then
/// its booking, documents and online way.
const ZT_COP_SERVICES: [[&str; 3]; 2] = [
    [
        "Питання: Видача відомостей про суми виплачених доходів",
        "РНОКПП (ідентифікаційний код)",
        "Онлайн: Електронний кабінет платника",
    ],
    [
        "Питання: Реєстрація РНОКПП",
        "Попередній запис: обов",
        "собою: паспорт",
    ],
];

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn slip_and_print_for_several_services_refuse_with_the_numbered_list() {
    let sb = Sandbox::new();
    for command in ["slip", "print"] {
        let out = sb
            .refdesk()
            .args([command, "zt-cop"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            out.stdout.is_empty(),
            "{command}: no slip without a service"
        );
        let err = String::from_utf8(out.stderr).expect("UTF-8");
        for want in [
            "кілька послуг",
            "--service",
            "--all-services",
            "\n  1. Видача відомостей про суми виплачених доходів (довідка про доходи)\n",
            "\n  2. Реєстрація РНОКПП\n",
            &format!("refdesk {command} zt-cop --service 1"),
        ] {
            assert!(err.contains(want), "{command}: {want:?} not in:\n{err}");
        }
    }
}

#[test]
fn the_refusal_is_in_english_with_lang_en() {
    let out = Sandbox::new()
        .refdesk()
        .args(["--lang", "en", "slip", "zt-cop"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(err.contains("has several services"), "{err}");
    assert!(err.contains("\n  2. Реєстрація РНОКПП\n"), "{err}");
    assert!(!err.contains("кілька"), "{err}");
}

#[test]
fn the_only_service_is_taken_without_asking_and_a_chosen_one_is_printed() {
    let sb = Sandbox::new();
    let only = sb
        .refdesk()
        .args(["slip", "bd-fund"])
        .output()
        .expect("runs");
    assert!(only.status.success());
    let text = flat(&String::from_utf8(only.stdout).expect("UTF-8"));
    assert!(
        text.contains("Питання: Гуманітарна допомога внутрішньо переміщеним особам"),
        "{text}"
    );
    // An agency without services has no procedure to lose.
    let none = sb
        .refdesk()
        .args(["slip", "zt-pfu"])
        .output()
        .expect("runs");
    assert!(none.status.success());

    let chosen = sb
        .refdesk()
        .args(["slip", "zt-cop", "--service", "рнокпп"])
        .output()
        .expect("runs");
    assert!(chosen.status.success());
    let text = flat(&String::from_utf8(chosen.stdout).expect("UTF-8"));
    assert!(text.contains("Питання: Реєстрація РНОКПП"), "{text}");
    assert!(!text.contains("Видача відомостей"), "{text}");
}

#[test]
fn service_and_all_services_cannot_be_given_together() {
    let out = Sandbox::new()
        .refdesk()
        .args(["slip", "zt-cop", "--service", "1", "--all-services"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

fn assert_every_service(text: &str, what: &str) {
    // PDF draws its tick boxes; text and ESC/POS print them as «[ ]».
    let text = flat(&text.replace("[ ] ", ""));
    let mut at = 0;
    for service in ZT_COP_SERVICES {
        for want in service {
            match text[at..].find(want) {
                Some(i) => at += i + want.len(),
                None => panic!("{what}: {want:?} missing or out of order in:\n{text}"),
            }
        }
    }
}

#[test]
fn all_services_as_text_lists_every_procedure() {
    let out = Sandbox::new()
        .refdesk()
        .args(["slip", "zt-cop", "--all-services", "--width", "64"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_every_service(&text, "text");
}

#[test]
fn all_services_as_pdf_reads_back_every_procedure() {
    if !have_tool("pdftotext") {
        return;
    }
    let sb = Sandbox::new();
    let pdf = sb.path("all.pdf");
    let out = sb
        .refdesk()
        .args(["slip", "zt-cop", "--all-services", "--format", "pdf", "-o"])
        .arg(&pdf)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_every_service(&pdf_text(&pdf), "pdf");
}

#[test]
fn all_services_as_escpos_decodes_to_every_procedure() {
    let out = Sandbox::new()
        .refdesk()
        .args(["slip", "zt-cop", "--all-services", "--format", "escpos"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = encoding_rs::WINDOWS_1251.decode(&out.stdout).0.into_owned();
    assert_every_service(&text, "escpos");
}

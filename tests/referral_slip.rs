//! `refdesk show --script` and `refdesk slip` in every format, each read back: line widths of
//! the text, `pdftotext` and the decoded QR code of the PDF, the parsed ESC/POS byte stream.

mod referral_support;

use referral_support::*;
use unicode_width::UnicodeWidthStr;

const INTERNAL: &str = "ВНУТРІШНЄ";

#[test]
fn show_script_prints_only_the_phrase() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args([
            "show",
            "zt-cop",
            "--service",
            "довідка про доходи",
            "--script",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(s.lines().count(), 1, "one line: {s}");
    assert!(s.starts_with(
        "З цим питанням Вам слід звернутися до Центру обслуговування платників Головного \
         управління ДПС у Житомирській області, який розташований за адресою: Житомир, вулиця \
         Велика Бердичівська, будинок 24, кабінет 105"
    ));
    assert!(s.contains("Потрібні документи: паспорт громадянина України"));
    assert!(!s.contains(INTERNAL));
    // The service number as `show` lists it selects the same service.
    let by_number = sb
        .refdesk()
        .args(["show", "zt-cop", "-s", "1", "--script"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8(by_number.stdout).expect("utf-8"), s);
}

#[test]
fn show_text_starts_with_the_phrase() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args(["show", "zt-pfu"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = s.lines();
    assert_eq!(lines.next(), Some("Фраза для відвідувача:"));
    assert!(
        lines.next().is_some_and(|l| l.starts_with(
            "  З цим питанням Вам слід звернутися до Головного управління Пенсійного фонду \
             України в Житомирській області, яке розташоване за адресою:"
        )),
        "{s}"
    );
}

#[test]
fn unknown_service_and_agency_are_reported() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args(["slip", "zt-cop", "-s", "9"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1. Видача відомостей"));
    let out = sb
        .refdesk()
        .args(["slip", "zt-copp"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zt-cop"));
}

#[test]
fn text_slip_fits_every_paper_width() {
    let sb = Sandbox::new();
    for (id, service) in [
        ("zt-cop", Some("1")),
        ("zt-cop", Some("2")),
        ("zt-pfu", None),
        ("zt-cnap", None),
        ("hotline", None),
        ("bd-fund", Some("1")),
    ] {
        for width in [32, 42, 48, 64, 80] {
            let mut cmd = sb.refdesk();
            cmd.args([
                "slip",
                id,
                "--width",
                &width.to_string(),
                "--for",
                "Шевченко Тарас",
            ]);
            if let Some(s) = service {
                cmd.args(["--service", s]);
            }
            let out = cmd.output().expect("runs");
            assert!(out.status.success(), "{id} {width}");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            for l in text.lines() {
                assert!(UnicodeWidthStr::width(l) <= width, "{id} at {width}: {l:?}");
            }
            assert!(text.starts_with("НАПРАВЛЕННЯ"), "{text}");
            assert!(text.contains("25.11.2026"));
            assert!(text.contains("Для: Шевченко Тарас"));
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("Безоплатна правнича допомога: 0 800 213 103"));
            assert!(!text.contains(INTERNAL));
        }
    }
}

#[test]
fn width_out_of_range_is_a_usage_error() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args(["slip", "zt-cop", "-s", "1", "--width", "10"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--width 10"));
}

#[test]
fn issuing_office_comes_from_the_settings() {
    let sb = Sandbox::new();
    sb.write_config(
        "[office]\nname = \"Житомирське бюро правової допомоги\"\nphone = \"(0412) 11-22-33\"\n",
    );
    let out = sb
        .refdesk()
        .args(["slip", "hotline", "--width", "80"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("Житомирське бюро правової допомоги · тел."),
        "{text}"
    );
    assert_eq!(
        text.matches("Житомирське бюро правової допомоги").count(),
        2
    );
}

#[test]
fn pdf_slip_reads_back_with_its_qr_code() {
    if !have_tool("pdftotext") || !have_tool("pdftoppm") || !have_tool("pdfinfo") {
        return;
    }
    let sb = Sandbox::new();
    for (paper, size) in [("a6", "297.638 x 419.528"), ("a5", "419.528 x 595.276")] {
        let pdf = sb.path(&format!("slip-{paper}.pdf"));
        let out = sb
            .refdesk()
            .args([
                "slip", "zt-cop", "-s", "1", "--format", "pdf", "--paper", paper,
            ])
            .arg("-o")
            .arg(&pdf)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&pdf).expect("pdf written");
        assert!(bytes.starts_with(b"%PDF-"));
        let text = pdf_text(&pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            "НАПРАВЛЕННЯ",
            "Адреса: Житомир, вул. Велика Бердичівська, 24, каб. 105",
            "Контактна особа: Ґудзь Євгенія Їжакова",
            "Попередній запис: бажано — за телефоном центру",
            "паспорт громадянина України",
            "Безоплатна правнича допомога: 0 800 213 103",
            "Дані перевірено 15.10.2026",
        ] {
            assert!(flat.contains(want), "{paper}: {want:?} not in:\n{text}");
        }
        // Reading order: where to go before what to bring before the footer.
        let at = |s: &str| flat.find(s).unwrap_or(usize::MAX);
        assert!(at("Куди:") < at("Візьміть із собою:"));
        assert!(at("Візьміть із собою:") < at("поверніться до нас"));
        assert!(!flat.contains(INTERNAL));

        let info = pdf_info(&pdf);
        assert!(info.contains(size), "{paper}: {info}");

        let dir = tempfile::tempdir().expect("tempdir");
        let codes = pdf_qr_codes(&pdf, dir.path());
        assert_eq!(codes.len(), 1, "{paper}: one QR code");
        let v = &codes[0];
        assert!(v.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"), "{v}");
        assert!(v.contains(
            "FN:Центр обслуговування платників Головного управління ДПС у Житомирській області"
        ));
        assert!(v.contains("ADR;TYPE=WORK:;вхід з двору\\, 1 поверх;вул. Велика Бердичівська"));
        assert!(v.contains("TEL;TYPE=WORK,VOICE:"));
        assert!(v.contains("NOTE:Графік: "));
        assert!(v.contains("перерва 13:00–13:45"));
    }
}

#[test]
fn pdf_keeps_every_ukrainian_letter() {
    if !have_tool("pdftotext") {
        return;
    }
    let sb = Sandbox::new();
    let pdf = sb.path("fund.pdf");
    let out = sb
        .refdesk()
        .args([
            "slip",
            "bd-fund",
            "-s",
            "1",
            "--format",
            "pdf",
            "--for",
            "Ґалаґан Євгенія Їжак",
        ])
        .arg("-o")
        .arg(&pdf)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = pdf_text(&pdf);
    // The data's «Вʼячеслава» (U+02BC) is printed with the one paper apostrophe, ’.
    assert!(!text.contains('ʼ'), "{text}");
    for want in [
        "В’ячеслава",
        "Ґалаґан Євгенія Їжак",
        "Благодійний фонд «Надія»",
        "—",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
}

#[test]
fn escpos_stream_decodes_to_the_slip() {
    let sb = Sandbox::new();
    sb.write_config("[printer]\nescpos_codepage = 73\nwidth = 42\n");
    let out = sb
        .refdesk()
        .args([
            "slip",
            "bd-fund",
            "-s",
            "1",
            "--format",
            "escpos",
            "--for",
            "Шевченко Тарас",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let cmds = parse_escpos(&out.stdout);
    assert_eq!(cmds[0], Esc::Init);
    assert_eq!(cmds[1], Esc::CodePage(73), "the configured ESC t number");
    assert!(
        matches!(cmds.last(), Some(Esc::Cut(65, _))),
        "feed and cut at the end"
    );

    let lines: Vec<String> = cmds
        .iter()
        .filter_map(|c| match c {
            Esc::Line(b) => Some(encoding_rs::WINDOWS_1251.decode(b).0.into_owned()),
            _ => None,
        })
        .collect();
    for l in &lines {
        assert!(l.chars().count() <= 42, "{l:?}");
    }
    let text = lines.join("\n");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.starts_with("НАПРАВЛЕННЯ"));
    assert!(flat.contains("Для: Шевченко Тарас"));
    // ʼ is not in Windows-1251: sent as ’, not as garbage.
    assert!(
        flat.contains("Адреса: Бердичів, пров. В’ячеслава Чорновола, 7а, оф. 3"),
        "{text}"
    );
    assert!(flat.contains("[ ] довідка ВПО"));
    assert!(flat.contains("Безоплатна правнича допомога: 0 800 213 103"));
    // ☎ in the alert is transliterated.
    assert!(flat.contains("прийом лише за записом тел."), "{text}");
    assert!(!flat.contains('?'), "nothing unencodable: {text}");
    assert!(cmds.contains(&Esc::Bold(true)));

    let qr: Vec<&Esc> = cmds
        .iter()
        .filter(|c| matches!(c, Esc::Qr { .. }))
        .collect();
    let functions: Vec<u8> = qr
        .iter()
        .map(|c| match c {
            Esc::Qr { function, .. } => *function,
            _ => 0,
        })
        .collect();
    // Model, size, error correction, store, print.
    assert_eq!(functions, vec![65, 67, 69, 80, 81]);
    assert!(
        matches!(qr[0], Esc::Qr { data, .. } if data == &[50, 0]),
        "model 2"
    );
    let stored = match qr[3] {
        Esc::Qr { data, .. } => String::from_utf8(data[1..].to_vec()).expect("UTF-8 vCard"),
        _ => unreachable!(),
    };
    assert!(stored.starts_with("BEGIN:VCARD\r\n"));
    assert!(stored.contains("FN:Благодійний фонд «Надія»"));
    assert!(stored.contains("ADR;TYPE=WORK:;;пров. Вʼячеслава Чорновола\\, 7а\\, оф. 3;Бердичів"));
}

#[test]
fn escpos_default_code_page_is_epson_windows_1251() {
    let sb = Sandbox::new();
    let out = sb
        .refdesk()
        .args(["slip", "hotline", "--format", "escpos"])
        .output()
        .expect("runs");
    let cmds = parse_escpos(&out.stdout);
    assert_eq!(cmds[1], Esc::CodePage(46));
}

/// Every agency of the built-in demo directory with `--service 1` where it has services, as
/// `refdesk slip` renders it with no settings, in `format` (`width` for text and ESC/POS,
/// `paper` for PDF). In-process: spawning the debug binary 150 times takes minutes.
fn demo_slips(
    format: refdesk::referral::slip::SlipFormat,
    width: usize,
    paper: Option<refdesk::referral::slip::Paper>,
) -> Vec<(String, Vec<u8>)> {
    use refdesk::config::Config;
    use refdesk::directory::{LoadOptions, load_demo};
    use refdesk::i18n::Lang;
    use refdesk::referral::Card;
    use refdesk::referral::slip::{self, Output, SlipContext};
    let today = jiff::civil::date(2026, 11, 25);
    let dir = load_demo(&LoadOptions {
        today,
        lang: Lang::Uk,
    });
    assert!(
        dir.agencies.len() >= 50,
        "the demo directory has its agencies"
    );
    let config = Config::default();
    let mut ctx = SlipContext::new(&config, today);
    ctx.width = width;
    let out = Output::from_config(&config, format, paper);
    dir.agencies
        .iter()
        .map(|a| {
            let mut card = Card::new(&dir, a, Lang::Uk);
            if !a.services.is_empty() {
                card = card.with_service("1").expect("service 1");
            }
            let bytes = slip::render(&card, &ctx, &out).expect("renders");
            (a.id.clone(), bytes)
        })
        .collect()
}

/// Modules per side of the level-M QR code a printer builds from `data` with `GS ( k`: byte
/// mode, the smallest version that holds it (ISO/IEC 18004 capacities, via the qrcode crate's
/// tables). Computed here independently of refdesk's own sizing.
fn printer_qr_modules(data: &[u8]) -> usize {
    use qrcode::bits::Bits;
    use qrcode::{EcLevel, Version};
    (1..=40i16)
        .find(|&v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_byte_data(data).is_ok()
                && bits.len() <= bits.max_len(EcLevel::M).expect("version 1-40")
        })
        .map(|v| 17 + 4 * v as usize)
        .expect("fits version 40")
}

#[test]
fn escpos_qr_code_fits_the_print_head_for_every_demo_agency() {
    // facts.md: 58 mm heads are 384 dots (32 columns font A, 42 font B); an 80 mm head at 48
    // columns (font A) is 576 dots. The standard's quiet zone is 4 modules each side.
    let quiet = 4;
    let mut minimal = Vec::new();
    for (width, head) in [(32, 384), (42, 384), (48, 576)] {
        for (id, bytes) in demo_slips(refdesk::referral::slip::SlipFormat::Escpos, width, None) {
            let cmds = parse_escpos(&bytes);
            let qr = |f: u8| {
                cmds.iter().find_map(|c| match c {
                    Esc::Qr { function, data } if *function == f => Some(data.clone()),
                    _ => None,
                })
            };
            let module =
                qr(67).unwrap_or_else(|| panic!("{id} at {width}: no QR size"))[0] as usize;
            let stored = qr(80).unwrap_or_else(|| panic!("{id} at {width}: no QR data"));
            assert_eq!(qr(69), Some(vec![49]), "{id}: error correction M");
            let payload = &stored[1..];
            let modules = printer_qr_modules(payload);
            let dots = (modules + 2 * quiet) * module;
            assert!(
                dots <= head,
                "{id} at {width} columns: {modules} modules + quiet zone at {module} dots = \
                 {dots} dots, wider than the {head}-dot head ({} bytes)",
                payload.len()
            );
            assert!(
                module >= 3,
                "{id} at {width}: {module}-dot modules are too dense to scan"
            );
            let v = String::from_utf8(payload.to_vec()).expect("UTF-8 vCard");
            assert!(
                v.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n") && v.ends_with("END:VCARD\r\n"),
                "{id}: {v}"
            );
            assert!(v.contains("\r\nFN:"), "{id}: {v}");
            if !v.contains("NOTE:") {
                minimal.push(format!("{id}@{width}"));
                assert!(
                    v.contains("\r\nTEL"),
                    "{id}: the minimal vCard keeps a phone: {v}"
                );
            }
        }
    }
    eprintln!("minimal vCards: {minimal:?}");
}

/// `pdfinfo`'s page count of PDF bytes.
fn pdf_pages(bytes: &[u8], dir: &std::path::Path, name: &str) -> usize {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    pdf_info(&path)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name}: no page count"))
}

#[test]
fn pdf_slip_of_every_demo_agency_is_one_page_with_a_readable_qr_code() {
    if !have_tool("pdfinfo") || !have_tool("pdftoppm") {
        return;
    }
    use refdesk::referral::slip::{Paper, SlipFormat};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut longer = Vec::new();
    // The QR code is decoded (at 600 dpi, slow) for the longest slips, where the footer had the
    // least room: a shrunk code, the minimal vCard, type shrunk to fit on A6.
    let decode = [
        "zt-dms",
        "zt-dps-cop",
        "zt-uszn-bohunskyi",
        "brd-cnap",
        "zt-cnap",
    ];
    let mut decoded = 0;
    for (paper, name) in [(Paper::A6, "a6"), (Paper::A5, "a5")] {
        for (id, bytes) in demo_slips(SlipFormat::Pdf, 48, Some(paper)) {
            let file = format!("{id}-{name}");
            let pages = pdf_pages(&bytes, dir.path(), &file);
            if pages != 1 {
                longer.push(format!("{id} {name}: {pages} pages"));
            }
            if decode.contains(&id.as_str()) {
                let png = tempfile::tempdir().expect("tempdir");
                let codes = pdf_qr_codes(&dir.path().join(format!("{file}.pdf")), png.path());
                assert_eq!(codes.len(), 1, "{file}: one readable QR code");
                let v = &codes[0];
                assert!(
                    v.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"),
                    "{file}: {v}"
                );
                for want in ["\r\nFN:", "\r\nADR;", "\r\nTEL;"] {
                    assert!(v.contains(want), "{file}: {want:?} not in {v}");
                }
                decoded += 1;
            }
        }
    }
    assert_eq!(
        decoded,
        2 * decode.len(),
        "every sampled agency is in the demo"
    );
    assert!(longer.is_empty(), "slips longer than one page: {longer:#?}");
}

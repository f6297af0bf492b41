//! The referral keys on the screen — print preview (F2), copy (F5), QR (F6), the "referred"
//! mark, statistics (F9) — plus live reload and the freshness marks, as key sequences through
//! the real keymap, update and view. Nothing here prints, copies or writes: the harness keeps
//! print jobs, copied text and statistics records in memory.

mod sink_support;
mod tui_support;

use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use refdesk::directory::watch::{Change, WatchEvent, reload_from};
use refdesk::directory::{LoadOptions, load_path};
use refdesk::i18n::Lang;
use refdesk::referral::card::ServiceChoice;
use refdesk::referral::clipboard::{Copied, CopyError, Unavailable};
use refdesk::referral::print::PrintReport;
use refdesk::referral::slip::{SlipContext, render_text};
use refdesk::referral::{Card, vcard};
use refdesk::stats::{How, Record, StatsError};
use refdesk::tui::msg::{Action, DirHandle, Effect, PrintJob, PrintOutcome, SlipDest};
use refdesk::tui::state::{Overlay, Screen, StatsView};
use refdesk::tui::{Harness, output};
use std::path::Path;
use std::sync::Arc;
use tui_support::*;

const NAME: &str = "Тарас Шевченко";

fn preview(h: &Harness) -> &refdesk::tui::state::Preview {
    match h.state.overlays.last() {
        Some(Overlay::Preview(p)) => p,
        o => panic!("expected the print preview, got {o:?}"),
    }
}

/// The slip text `refdesk slip` would print for the agency and service, with the test office.
fn slip_text(h: &Harness, agency: &str, service: ServiceChoice, name: Option<&str>) -> String {
    let dir = &h.state.dir;
    let card = Card::new(dir, dir.agency(agency).expect("agency"), Lang::Uk).with_choice(service);
    let mut ctx = SlipContext::new(&config(), now().date());
    ctx.for_name = name.map(str::to_string);
    render_text(&card, &ctx)
}

fn first_print_job(h: &Harness) -> &PrintJob {
    h.ports.print_jobs.first().expect("a print job")
}

fn index_of(h: &Harness, id: &str) -> usize {
    h.state
        .dir
        .agencies
        .iter()
        .position(|a| a.id == id)
        .expect("agency in the fixture")
}

// --- F2: the print preview ------------------------------------------------------------------

#[test]
fn f2_previews_exactly_the_slip_that_will_print() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    let hit = h.state.hits()[0].clone();
    assert_eq!(
        h.press(KeyCode::F(2)),
        Effect::None,
        "F2 only opens the preview"
    );
    let p = preview(&h);
    assert_eq!(hit.service, Some(0), "the result is for the first service");
    let id = h.state.dir.agencies[hit.agency].id.clone();
    assert_eq!((&p.agency, p.service), (&id, ServiceChoice::One(0)));
    assert_eq!(p.dest, SlipDest::Printer);
    let screen = h.screen();
    let expected = slip_text(&h, &id, ServiceChoice::One(0), None);
    let shown: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(shown.len() > 10, "a real slip: {expected}");
    // Every line of the slip that fits in the window is on screen, as printed.
    for line in shown.iter().take(20) {
        assert!(
            screen.contains(line.trim_end()),
            "missing «{line}» in\n{screen}"
        );
    }
    assert!(screen.contains("Питання: Видача відомостей про доходи"));
    assert!(
        !screen.contains("Черга найменша"),
        "internal notes are never on a slip"
    );
}

#[test]
fn typing_in_the_preview_fills_the_for_field_not_the_search() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    assert_eq!(h.state.query.text(), "доходи", "the query is untouched");
    assert_eq!(preview(&h).for_name.text(), NAME);
    let screen = h.screen();
    assert!(screen.contains(&format!("Для: {NAME}")), "{screen}");
    // Once in the field, once on the slip itself.
    assert_eq!(screen.matches(NAME).count(), 2, "{screen}");
    h.ctrl('w');
    assert_eq!(preview(&h).for_name.text(), "Тарас ");
    h.press(KeyCode::Backspace);
    h.press(KeyCode::Home);
    h.type_text("п. ");
    assert_eq!(preview(&h).for_name.text(), "п. Тарас");
    h.ctrl('u');
    assert_eq!(preview(&h).for_name.text(), "");
    // A pasted name is one line.
    h.act(Action::Paste("Марко\nВовчок".into()));
    assert_eq!(preview(&h).for_name.text(), "Марко Вовчок");
}

#[test]
fn the_name_is_dropped_when_the_preview_closes() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    h.press(KeyCode::Esc);
    assert!(h.state.overlays.is_empty());
    assert!(!h.screen().contains(NAME));
    h.press(KeyCode::F(2));
    assert_eq!(
        preview(&h).for_name.text(),
        "",
        "a new preview starts empty"
    );
}

#[test]
fn enter_prints_in_the_background_and_counts_the_referral_when_done() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    let hit = h.state.hits()[0].clone();
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    let e = h.press(KeyCode::Enter);
    let Effect::Print(job) = e else {
        panic!("Enter must print, got {e:?}");
    };
    assert_eq!(job.for_name.as_deref(), Some(NAME));
    assert_eq!(hit.service, Some(0));
    assert_eq!(
        (&job.agency, job.service),
        (&h.state.dir.agencies[hit.agency].id, ServiceChoice::One(0))
    );
    assert_eq!(job.dest, SlipDest::Printer);
    assert!(
        h.state.overlays.is_empty(),
        "the preview (and the name) is gone"
    );
    assert_eq!(h.state.status.as_deref(), Some("друкую…"));
    assert_eq!(h.state.printing, 1);
    assert!(
        h.ports.records.is_empty(),
        "not counted before it is printed"
    );
    h.finish_print(printed_on("front"));
    assert_eq!(h.state.printing, 0);
    assert!(
        h.screen()
            .contains("Направлення надіслано: принтер «front»")
    );
    assert_eq!(h.ports.records.len(), 1);
    let r = &h.ports.records[0];
    assert_eq!(r.how, How::Printed);
    assert_eq!(r.id, "dps-cop-zhytomyr");
    assert_eq!(r.category, "tax");
    assert_eq!(
        r.service.as_deref(),
        Some("Видача відомостей про доходи (довідка про доходи)")
    );
    assert_eq!(r.at, now());
    assert!(!r.to_line().contains("Тарас"), "{}", r.to_line());
}

#[test]
fn a_lost_slip_is_not_counted_and_a_saved_one_is_shown_in_a_window() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    h.finish_print(lost("lp зламався"));
    assert!(h.ports.records.is_empty(), "a lost slip was not given");
    assert!(matches!(h.state.overlays.last(), Some(Overlay::Notice(_))));
    let screen = h.screen();
    assert!(screen.contains("Друк не вдався"), "{screen}");
    assert!(screen.contains("зламався"), "{screen}");
    // Both reasons in the screen's language, the system's too.
    assert!(
        screen.contains("Не вдалося й зберегти направлення у файл: немає дозволу"),
        "{screen}"
    );
    h.press(KeyCode::Esc);
    h.press(KeyCode::F(2));
    h.press(KeyCode::Enter);
    h.finish_print(saved_instead("немає принтера", "/tmp/n.pdf"));
    assert_eq!(h.ports.records.len(), 1, "saved for printing later: given");
    let screen = h.screen();
    assert!(screen.contains("/tmp/n.pdf"), "{screen}");
    assert!(screen.contains("не надруковано — направлення збережено у файл"));
}

#[test]
fn a_slip_that_could_not_be_saved_or_whose_agency_left_says_so_in_the_screens_language() {
    for (lang, not_saved, gone) in [
        (
            Lang::Uk,
            "Не вдалося зберегти направлення: немає дозволу на доступ",
            "установи вже немає в довіднику",
        ),
        (
            Lang::En,
            "Could not save the slip: permission denied",
            "the agency is no longer in the directory",
        ),
    ] {
        let mut h = harness_lang(120, 40, lang);
        h.type_text("доходи");
        for (outcome, want) in [
            (
                PrintOutcome::NotSaved(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
                not_saved,
            ),
            (PrintOutcome::Gone, gone),
        ] {
            h.press(KeyCode::F(2));
            h.press(KeyCode::Enter);
            h.finish_print(outcome);
            let screen = h.screen();
            assert!(screen.contains(want), "{lang:?}:\n{screen}");
            assert!(h.ports.records.is_empty(), "nothing kept, nothing counted");
            h.press(KeyCode::Esc);
        }
    }
}

#[test]
fn f2_again_chooses_the_output_and_a_saved_slip_never_has_the_name() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    assert!(h.screen().contains("Спосіб (F2): (•) типовий принтер"));
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).dest, SlipDest::SavePdf);
    let screen = h.screen();
    assert!(screen.contains("(•) PDF-файл"), "{screen}");
    assert!(screen.contains("ім'я у файл не записується"), "{screen}");
    assert!(
        screen.contains("тека: /home/desk/.local/share/refdesk/unprinted"),
        "{screen}"
    );
    assert_eq!(
        screen.matches(NAME).count(),
        1,
        "only in the field, not on the slip:\n{screen}"
    );
    assert!(screen.contains("Enter зберегти"), "{screen}");
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).dest, SlipDest::SaveText);
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).dest, SlipDest::Printer, "it cycles");
    h.press(KeyCode::F(2));
    h.press(KeyCode::F(2));
    // Tab is the service's key here, as on the card: it leaves the output alone.
    h.press(KeyCode::Tab);
    assert_eq!(preview(&h).dest, SlipDest::SaveText);
    assert_eq!(preview(&h).service, ServiceChoice::One(1));
    h.press(KeyCode::Enter);
    let job = first_print_job(&h);
    assert_eq!(job.dest, SlipDest::SaveText);
    assert_eq!(job.for_name, None, "a saved slip never carries the name");
    assert_eq!(h.state.status.as_deref(), Some("зберігаю…"));
    h.finish_print(PrintOutcome::Saved {
        path: "/home/desk/n.txt".into(),
    });
    assert!(
        h.screen()
            .contains("Направлення збережено у файл /home/desk/n.txt")
    );
    assert_eq!(h.ports.records.len(), 1);
}

#[test]
fn the_preview_scrolls_within_the_slip() {
    let mut h = harness(80, 24);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    for _ in 0..100 {
        h.press(KeyCode::Down);
    }
    let end = preview(&h).scroll;
    assert!(end > 0, "a slip longer than the window scrolls");
    let screen = h.screen();
    assert!(
        screen.contains("Безоплатна правнича допомога: 0 800 213 103"),
        "the footer is reachable:\n{screen}"
    );
    h.press(KeyCode::Up);
    assert_eq!(preview(&h).scroll, end - 1, "no overshoot");
    h.press(KeyCode::PageUp);
    h.press(KeyCode::PageUp);
    assert_eq!(preview(&h).scroll, 0);
}

#[test]
fn f2_on_a_card_prints_the_service_chosen_there() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    h.press(KeyCode::F(2));
    assert_eq!(preview(&h).service, ServiceChoice::One(1));
    assert!(h.screen().contains("Питання: Реєстрація платника податків"));
}

#[test]
fn output_keys_with_nothing_selected_explain_why() {
    let mut h = harness(120, 40);
    h.type_text("жодної такої установи немає");
    assert!(h.state.hits().is_empty());
    for k in [KeyCode::F(2), KeyCode::F(5), KeyCode::F(6), KeyCode::F(12)] {
        assert_eq!(h.press(k), Effect::None, "{k:?}");
        assert!(h.state.overlays.is_empty());
        assert!(h.screen().contains("спершу виберіть установу"));
    }
    assert!(h.ports.records.is_empty());
}

// --- F5, Ctrl-R -----------------------------------------------------------------------------

#[test]
fn f5_copies_the_slip_text_without_internal_notes() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    let hit = h.state.hits()[0].clone();
    let e = h.press(KeyCode::F(5));
    let Effect::Copy { text, given } = e else {
        panic!("F5 must copy, got {e:?}");
    };
    assert_eq!(hit.service, Some(0));
    let id = &h.state.dir.agencies[hit.agency].id;
    assert_eq!(text, slip_text(&h, id, ServiceChoice::One(0), None));
    assert!(text.contains("вул. Прикладна"));
    assert!(
        !text.contains("Черга найменша"),
        "internal notes stay inside"
    );
    assert_eq!(given.len(), 1);
    assert_eq!(given[0].agency, *id);
    assert_eq!(h.ports.copied, [text]);
    // The harness reports a copy by OSC 52 alone, as in a console or over SSH.
    assert!(h.screen().contains("скопійовано (через термінал)"));
    assert_eq!(h.ports.records.len(), 1);
    assert_eq!(h.ports.records[0].how, How::Copied);
}

#[test]
fn the_status_says_which_ways_the_copy_went_in_both_languages() {
    let cases = [
        (
            Copied::Both,
            "скопійовано (буфер обміну системи і через термінал)",
            "copied (system clipboard and through the terminal)",
        ),
        (
            Copied::Osc52 { system: None },
            "скопійовано (через термінал)",
            "copied (through the terminal)",
        ),
        (
            Copied::Osc52 {
                system: Some(Unavailable("no X server".into())),
            },
            "скопійовано (через термінал); буфер обміну системи недоступний: no X server",
            "copied (through the terminal); system clipboard unavailable: no X server",
        ),
        (
            Copied::System {
                osc52: "too long".into(),
            },
            "скопійовано (буфер обміну системи); через термінал не надіслано (OSC 52): too long",
            "copied (system clipboard); not sent through the terminal (OSC 52): too long",
        ),
    ];
    for (how, uk, en) in cases {
        for (lang, want) in [(Lang::Uk, uk), (Lang::En, en)] {
            let mut h = harness_lang(160, 40, lang);
            h.type_text("доходи");
            let Effect::Copy { given, .. } = h.press(KeyCode::F(5)) else {
                panic!("copy");
            };
            // The harness answered at once: counted once for the visit. A second answer (a
            // copy after a copy) counts nothing; a new visit counts it again.
            let counted = h.ports.records.clone();
            assert_eq!(counted.len(), 1);
            h.state.visit.clear();
            // A copy that reached the clipboard any way is a referral given.
            let e = h.act(Action::Copied {
                result: Ok(how.clone()),
                given: given.clone(),
            });
            let Effect::Record(r) = e else {
                panic!("{how:?}: {e:?}");
            };
            assert_eq!(
                (r.id.as_str(), r.how),
                (counted[0].id.as_str(), How::Copied)
            );
            assert_eq!(h.state.status.as_deref(), Some(want), "{how:?} {lang:?}");
        }
    }
}

#[test]
fn a_failed_copy_is_reported_and_not_counted() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    let Effect::Copy { given, .. } = h.press(KeyCode::F(5)) else {
        panic!("copy");
    };
    h.ports.records.clear();
    h.state.visit.clear();
    let e = h.act(Action::Copied {
        result: Err(CopyError {
            osc52: "text of 80000 bytes is too long for the terminal clipboard".into(),
            system: None,
        }),
        given,
    });
    assert_eq!(e, Effect::None);
    assert!(h.ports.records.is_empty());
    assert!(h.screen().contains("не вдалося скопіювати"));
}

#[test]
fn ctrl_r_and_f12_count_a_referral_given_by_word_of_mouth() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    let Effect::Record(r) = h.ctrl('r') else {
        panic!("Ctrl-R records");
    };
    assert_eq!(r.how, How::Read);
    assert_eq!(r.id, "dps-cop-zhytomyr");
    assert!(h.screen().contains("направлення враховано"));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    // The same agency again in the same visit: not counted twice.
    h.press(KeyCode::F(12));
    assert_eq!(h.ports.records.len(), 1);
    assert!(h.screen().contains("уже враховано в цьому візиті"));
    // The next visitor's referral counts, with the service chosen on the card.
    h.ctrl('l');
    h.type_text("доходи");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab);
    h.press(KeyCode::F(12));
    assert_eq!(h.ports.records.len(), 2);
    assert_eq!(
        h.ports.records[1].service.as_deref(),
        Some("Реєстрація платника податків (РНОКПП)")
    );
    // A failed append is said, not hidden, and not counted: the next try counts it.
    let record = h.ports.records.pop().expect("the second record");
    h.act(Action::Recorded {
        record,
        error: StatsError::Io {
            path: "/ro/referrals.log".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        },
    });
    assert!(
        h.screen().contains(
            "не вдалося записати до статистики: /ro/referrals.log: немає дозволу на доступ"
        )
    );
    assert!(h.state.visit.is_empty(), "the failed count is forgotten");
    h.ctrl('r');
    assert_eq!(h.ports.records.len(), 2, "the retry counts");
}

// --- F6 -------------------------------------------------------------------------------------

/// Reads the black-on-white cells of a drawn frame back into QR modules and decodes them.
fn decode_screen_qr(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut rows: Vec<Vec<bool>> = Vec::new();
    for y in 0..area.height {
        let cells: Vec<&ratatui::buffer::Cell> = (0..area.width)
            .map(|x| &buf[(x, y)])
            .filter(|c| c.bg == Color::White)
            .collect();
        if cells.is_empty() {
            continue;
        }
        assert!(
            cells.iter().all(|c| c.fg == Color::Black),
            "dark modules are black"
        );
        let top = cells
            .iter()
            .map(|c| matches!(c.symbol(), "█" | "▀"))
            .collect();
        let bottom = cells
            .iter()
            .map(|c| matches!(c.symbol(), "█" | "▄"))
            .collect();
        rows.push(top);
        rows.push(bottom);
    }
    assert!(!rows.is_empty(), "no QR code on screen");
    let w = rows[0].len();
    // A wide light margin and 4×4 pixels a module, as a phone camera would see it.
    let pad = 4;
    let scale = 4;
    let side_w = w + 2 * pad;
    let side_h = rows.len() + 2 * pad;
    let dark = |x: usize, y: usize| {
        x >= pad && y >= pad && rows.get(y - pad).and_then(|r| r.get(x - pad)) == Some(&true)
    };
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(side_w * scale, side_h * scale, |x, y| {
            if dark(x / scale, y / scale) { 0 } else { 255 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

#[test]
fn f6_shows_a_scannable_tel_qr_with_the_number_under_it() {
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(6));
    let agency = h.state.hits()[0].agency;
    let id = h.state.dir.agencies[agency].id.clone();
    assert_eq!(h.state.overlays.last(), Some(&Overlay::Qr { agency: id }));
    let dir = h.state.dir.clone();
    let card = Card::new(&dir, &dir.agencies[agency], Lang::Uk);
    let want = vcard::tel_uri(&card).expect("the fixture agency has a phone");
    let buf = h.render_buffer();
    assert_eq!(decode_screen_qr(&buf), want);
    let screen = h.screen();
    assert!(
        screen.contains(&Card::phone_line(&card.phones()[0])),
        "{screen}"
    );
    // F6 again, or Esc, closes it.
    h.press(KeyCode::Esc);
    assert!(h.state.overlays.is_empty());
}

#[test]
fn f6_on_a_too_small_terminal_says_what_size_it_needs() {
    let mut h = harness(40, 12);
    h.type_text("доходи");
    h.press(KeyCode::F(6));
    let screen = h.screen();
    assert!(screen.contains("Замале вікно"), "{screen}");
    assert!(
        !h.render_buffer()
            .content
            .iter()
            .any(|c| c.bg == Color::White),
        "no half-drawn code"
    );
}

// --- F9 -------------------------------------------------------------------------------------

fn rec(h: &Harness, id: &str, how: How, at: jiff::civil::DateTime) -> Record {
    let a = &h.state.dir.agencies[index_of(h, id)];
    Record::new(how, a, None, at)
}

#[test]
fn f9_with_no_referrals_this_month_says_so() {
    let mut h = harness(120, 40);
    let last_month = jiff::civil::date(2026, 10, 31).at(17, 0, 0, 0);
    let r = rec(&h, "pfu-zhytomyr", How::Printed, last_month);
    h.ports.records.push(r);
    assert_eq!(h.press(KeyCode::F(9)), Effect::LoadStats);
    let screen = h.screen();
    assert!(screen.contains("Направлення: листопад 2026"), "{screen}");
    assert!(
        screen.contains("Ще немає направлень цього місяця."),
        "{screen}"
    );
    h.press(KeyCode::F(9));
    assert!(h.state.overlays.is_empty(), "F9 again closes it");
}

#[test]
fn f9_counts_this_months_referrals_by_category_with_plurals() {
    let mut h = harness(120, 40);
    let day = |d: i8| jiff::civil::date(2026, 11, d).at(9, 0, 0, 0);
    for (i, (id, how)) in [
        ("dps-cop-zhytomyr", How::Printed),
        ("dps-cop-zhytomyr", How::Read),
        ("dps-cop-zhytomyr", How::Copied),
        ("dps-cop-zhytomyr", How::Printed),
        ("dps-cop-zhytomyr", How::Printed),
        ("pfu-zhytomyr", How::Read),
        ("pfu-zhytomyr", How::Read),
        ("cnap-zhytomyr", How::Printed),
        ("cnap-zhytomyr", How::Printed),
        ("cnap-zhytomyr", How::Printed),
        ("upszn-berdychiv", How::Copied),
        ("bpd-hotline", How::Read),
    ]
    .into_iter()
    .enumerate()
    {
        let r = rec(&h, id, how, day(i as i8 + 1));
        h.ports.records.push(r);
    }
    let r = rec(
        &h,
        "bpd-hotline",
        How::Read,
        jiff::civil::date(2026, 12, 1).at(9, 0, 0, 0),
    );
    h.ports.records.push(r);
    h.press(KeyCode::F(9));
    let Some(Overlay::Stats(StatsView::Loaded(c))) = h.state.overlays.last() else {
        panic!("stats loaded");
    };
    assert_eq!(c.records.len(), 13);
    let screen = h.screen();
    assert!(screen.contains("Усього: 12 направлень"), "{screen}");
    assert!(
        screen.contains("надруковано 6 · скопійовано 2 · усно 4"),
        "{screen}"
    );
    let line = |label: &str| {
        screen
            .lines()
            .find(|l| l.contains(label) && l.contains('█'))
            .unwrap_or_else(|| panic!("no bar for {label}:\n{screen}"))
            .to_string()
    };
    let bar_len = |l: &str| l.matches('█').count();
    let tax = dir_label(&h, "tax");
    let pension = dir_label(&h, "pension");
    assert!(line(&tax).trim_end_matches([' ', '│']).ends_with(" 5"));
    assert!(bar_len(&line(&tax)) > bar_len(&line(&pension)));
    assert!(line(&pension).trim_end_matches([' ', '│']).ends_with(" 2"));
    // The most referrals first.
    let pos = |l: &str| screen.find(l).unwrap_or(usize::MAX);
    assert!(pos(&tax) < pos(&pension));
}

fn dir_label(h: &Harness, category: &str) -> String {
    h.state
        .dir
        .category(category)
        .expect("category")
        .label(Lang::Uk)
        .to_string()
}

#[test]
fn the_statistics_total_uses_the_right_plural() {
    for (n, want) in [
        (1, "Усього: 1 направлення"),
        (3, "Усього: 3 направлення"),
        (21, "Усього: 21 направлення"),
    ] {
        let mut h = harness(120, 40);
        for _ in 0..n {
            let r = rec(&h, "pfu-zhytomyr", How::Read, now());
            h.ports.records.push(r);
        }
        h.press(KeyCode::F(9));
        let screen = h.screen();
        assert!(screen.contains(want), "{n}: {screen}");
    }
}

#[test]
fn a_log_that_cannot_be_read_is_reported() {
    let mut h = harness(120, 40);
    h.press(KeyCode::F(9));
    h.act(Action::StatsLoaded(Err(StatsError::Io {
        path: "/data/referrals.log".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    })));
    let screen = h.screen();
    assert!(
        screen.contains("не вдалося прочитати журнал направлень"),
        "{screen}"
    );
    // The system's reason, in the screen's language.
    assert!(screen.contains("немає дозволу на доступ"), "{screen}");
}

// --- live reload ----------------------------------------------------------------------------

/// A copy of the good fixture in a temporary folder, to edit while the screen shows it.
fn editable_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_good_fixture(tmp.path());
    tmp
}

fn opts() -> LoadOptions {
    LoadOptions {
        today: now().date(),
        lang: Lang::Uk,
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

fn selected_id(h: &Harness) -> String {
    let hit = h.state.selected_hit().expect("a selection");
    h.state.dir.agencies[hit.agency].id.clone()
}

/// Delivers a file change and the reload it asks for, as the event loop would.
fn reload(h: &mut Harness, folder: &Path) -> Effect {
    let e = h.act(Action::Watch(WatchEvent::Changed(vec![
        folder.join("zhytomyr.toml"),
    ])));
    assert!(matches!(e, Effect::Reload { .. }), "{e:?}");
    let (dir, changes) = reload_from(&h.state.dir, folder, &opts());
    h.act(Action::Reloaded {
        dir: DirHandle(Arc::new(dir)),
        changes,
    })
}

#[test]
fn a_reload_keeps_the_query_filters_and_selection() {
    let tmp = editable_copy();
    let mut h = Harness::new(
        load_path(tmp.path(), &opts()),
        settings(Lang::Uk),
        now(),
        120,
        40,
    );
    h.press(KeyCode::F(4));
    h.type_text("житомир");
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    assert_eq!(h.state.filters.locality.as_deref(), Some("Житомир"));
    let row = h
        .state
        .hits()
        .iter()
        .position(|x| h.state.dir.agencies[x.agency].id == "cnap-zhytomyr")
        .expect("listed");
    for _ in 0..row {
        h.press(KeyCode::Down);
    }
    let before = selected_id(&h);
    assert_eq!(before, "cnap-zhytomyr");
    let old_index = h.state.selected_hit().unwrap().agency;
    // Remove the first agency of the file (every later index shifts) and change another.
    let z = tmp.path().join("zhytomyr.toml");
    let text = std::fs::read_to_string(&z).unwrap();
    let second = text.find("[[agency]]\nid = \"pfu-zhytomyr\"").unwrap();
    let first = text.find("[[agency]]").unwrap();
    std::fs::write(&z, format!("{}{}", &text[..first], &text[second..])).unwrap();
    edit(&z, "вул. Вигадана, 12", "вул. Вигадана, 14");
    let e = reload(&mut h, tmp.path());
    assert!(matches!(e, Effect::Swap { .. }), "{e:?}");
    assert_eq!(h.state.query.text(), "");
    assert_eq!(h.state.filters.locality.as_deref(), Some("Житомир"));
    assert_eq!(selected_id(&h), before, "the same agency stays selected");
    assert_ne!(
        h.state.selected_hit().unwrap().agency,
        old_index,
        "found by id, not by index"
    );
    assert!(
        h.state.dir.agency("dps-cop-zhytomyr").is_none(),
        "the reloaded directory is in place"
    );
    let screen = h.screen();
    assert!(
        screen.contains("довідник оновлено: 2 зміни (F8)"),
        "{screen}"
    );
    // F8: the changes first, marked, then the load problems.
    h.press(KeyCode::F(8));
    let screen = h.screen();
    let removed = screen.find("↻ 10:30 вилучено: dps-cop-zhytomyr");
    let changed = screen.find("↻ 10:30 змінено: pfu-zhytomyr");
    let problem = screen.find("berdychiv.toml:16:");
    assert!(removed.is_some() && changed.is_some(), "{screen}");
    assert!(changed < problem && problem.is_some(), "{screen}");
}

#[test]
fn the_open_card_and_preview_follow_their_agency_across_a_reload() {
    let tmp = editable_copy();
    let mut h = Harness::new(
        load_path(tmp.path(), &opts()),
        settings(Lang::Uk),
        now(),
        120,
        40,
    );
    h.type_text("субсидії");
    h.press(KeyCode::Enter);
    h.press(KeyCode::F(2));
    let old = preview(&h).agency.clone();
    let position = |h: &Harness| h.state.dir.agencies.iter().position(|a| a.id == old);
    let old_position = position(&h);
    // A new agency at the top of the file moves every index.
    let b = tmp.path().join("berdychiv.toml");
    let text = std::fs::read_to_string(&b).unwrap();
    let at = text.find("[[agency]]").unwrap();
    let new_one = "[[agency]]\nid = \"new-one\"\nname = \"Нова установа\"\ncategory = \"tax\"\nlocality = \"Бердичів\"\naddress = \"вул. Нова, 1\"\nphones = [\"+380 4143 2 33 33\"]\nhours = \"Пн-Пт 09:00-17:00\"\nverified = 2026-11-01\n\n";
    std::fs::write(&b, format!("{}{new_one}{}", &text[..at], &text[at..])).unwrap();
    edit(&b, "вул. Зразкова, 7", "вул. Зразкова, 9");
    reload(&mut h, tmp.path());
    assert_ne!(
        position(&h),
        old_position,
        "the agency moved in the directory"
    );
    let p = preview(&h);
    assert_eq!(p.agency, old, "the preview stays with its agency");
    assert_eq!(p.agency, "upszn-berdychiv");
    assert_eq!(p.service, ServiceChoice::One(0));
    assert!(
        h.screen().contains("вул. Зразкова, 9"),
        "the slip is redrawn"
    );
    h.press(KeyCode::Esc);
    let Screen::Card(c) = &h.state.screen else {
        panic!("still on the card");
    };
    assert_eq!(c.agency, "upszn-berdychiv");
    // Removing it closes the card.
    std::fs::write(&b, new_one).unwrap();
    reload(&mut h, tmp.path());
    assert_eq!(h.state.screen, Screen::List);
}

#[test]
fn a_file_that_no_longer_parses_keeps_its_last_good_entries_and_says_so() {
    let tmp = editable_copy();
    let mut h = Harness::new(
        load_path(tmp.path(), &opts()),
        settings(Lang::Uk),
        now(),
        120,
        40,
    );
    let before = h.state.dir.agencies.len();
    // Half-way through an edit: an unclosed string.
    edit(
        &tmp.path().join("zhytomyr.toml"),
        "name = \"Центр надання",
        "name = \"Центр надання\n",
    );
    reload(&mut h, tmp.path());
    assert_eq!(h.state.dir.agencies.len(), before, "nothing disappeared");
    assert!(h.state.dir.agency("cnap-zhytomyr").is_some());
    let status = h.state.status.clone().unwrap_or_default();
    assert!(
        status.contains("zhytomyr.toml більше не читається"),
        "{status}"
    );
    h.press(KeyCode::F(8));
    let screen = h.screen();
    assert!(screen.contains("↻ 10:30 файл"), "{screen}");
}

#[test]
fn changes_during_a_reload_are_reloaded_once_more_afterwards() {
    let mut h = harness(120, 40);
    let e = h.act(Action::Watch(WatchEvent::Changed(vec![])));
    assert!(matches!(e, Effect::Reload { .. }));
    assert_eq!(h.ports.reload_requests, 1);
    let e = h.act(Action::Watch(WatchEvent::Changed(vec![])));
    assert_eq!(e, Effect::None, "one reload at a time");
    let same = h.state.dir.clone();
    let dir = Arc::new(refdesk::directory::watch::reload(&same, clone_dir(&same)).0);
    let e = h.act(Action::Reloaded {
        dir: DirHandle(dir),
        changes: vec![],
    });
    let Effect::Batch(effects) = e else {
        panic!("swap, then reload again: {e:?}");
    };
    assert!(matches!(effects[0], Effect::Swap { .. }));
    assert!(matches!(effects[1], Effect::Reload { .. }));
    assert_eq!(h.ports.reload_requests, 2);
    assert!(h.screen().contains("довідник перечитано: змін немає"));
    h.act(Action::Watch(WatchEvent::Error("inotify limit".into())));
    assert!(
        h.screen()
            .contains("стеження за файлами даних: inotify limit")
    );
}

fn clone_dir(d: &refdesk::directory::Directory) -> refdesk::directory::Directory {
    d.clone()
}

#[test]
fn change_messages_say_what_happened() {
    // The problems list shows Change::message; check the words it is built from.
    assert_eq!(
        Change::Removed { id: "x".into() }.message(Lang::Uk),
        "вилучено: x"
    );
}

// --- freshness ------------------------------------------------------------------------------

/// July 2027: the Бердичів agencies verified in June and July 2026 are now stale.
fn later() -> jiff::civil::DateTime {
    jiff::civil::date(2027, 7, 5).at(10, 30, 0, 0)
}

#[test]
fn stale_entries_are_marked_in_the_row_the_card_and_the_preview() {
    let mut h = Harness::new(load("good", Lang::Uk), settings(Lang::Uk), later(), 120, 40);
    h.type_text("субсидії");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("УСЗН Бердичів"))
        .expect("the row");
    let row = lines[at + 1];
    assert!(row.contains("⚠ перев. 01.07.2026"), "{row}");
    h.press(KeyCode::Enter);
    assert!(
        h.screen()
            .contains("⚠ Дані перевірено понад рік тому: 01.07.2026")
    );
    h.press(KeyCode::F(2));
    assert!(
        h.screen()
            .contains("⚠ Дані перевірено понад рік тому: 01.07.2026")
    );
    // A fresh entry has no such mark.
    let mut h = Harness::new(load("good", Lang::Uk), settings(Lang::Uk), later(), 120, 40);
    h.type_text("доходи");
    let screen = h.screen();
    assert!(!screen.contains("перев."), "{screen}");
    assert!(!screen.contains("понад рік"), "{screen}");
}

#[test]
fn an_alert_is_a_highlighted_line_on_the_card_and_marked_in_the_row() {
    let mut h = harness(120, 40);
    h.type_text("місця проживання");
    let screen = h.screen();
    assert!(screen.contains("● ! ЦНАП Житомир"), "{screen}");
    for open_card in [false, true] {
        if open_card {
            h.press(KeyCode::Enter);
        }
        let buf = h.render_buffer();
        let text = "⚠ Увага: З 01.12 прийом у залі № 2.";
        let screen = h.screen();
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(text))
            .unwrap_or_else(|| panic!("no alert line:\n{screen}"));
        let x = unicode_width::UnicodeWidthStr::width(&line[..line.find(text).unwrap()]);
        let cell = &buf[(x as u16 + 2, y as u16)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "the alert is a highlighted bar"
        );
        assert!(
            !screen.contains("│ Увага: З 01.12"),
            "not repeated as a field below:\n{screen}"
        );
    }
}

// --- hints and help -------------------------------------------------------------------------

#[test]
fn the_hint_bar_and_help_name_the_new_keys() {
    // Wide enough for every key of the list, the plan's Ctrl-D too.
    let mut h = harness(220, 40);
    h.type_text("доходи");
    let screen = h.screen();
    for hint in [
        "F2 друк",
        "F5 копіювати",
        "F6 QR",
        "Ctrl-R направлено",
        "F9 статистика",
    ] {
        assert!(screen.contains(hint), "{hint}:\n{screen}");
    }
    // The monthly figures have no other way in: their key is on the bar at a common width
    // between visitors; while a visitor is at the desk, adding to the plan takes its place.
    let mut h120 = harness(120, 40);
    let screen = h120.screen();
    assert!(screen.contains("F9 статистика"), "{screen}");
    h120.type_text("доходи");
    let screen = h120.screen();
    assert!(screen.contains("Ctrl-D до плану"), "{screen}");
    h.press(KeyCode::F(2));
    let screen = h.screen();
    for hint in ["Enter друкувати", "Tab послуга", "F2 куди", "Esc скасувати"]
    {
        assert!(screen.contains(hint), "{hint}:\n{screen}");
    }
    h.press(KeyCode::Esc);
    h.press(KeyCode::F(1));
    let help = refdesk::tui::view::help_lines(&h.state, 120)
        .into_iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "Ctrl-R, F12",
        "позначити направлення, дане усно",
        "F9",
        "направлення цього місяця за категоріями",
        "Вікно друку (F2)",
        "у вікні друку: куди — принтер, PDF-файл, текстовий файл",
        "наступна послуга (у картці й у вікні друку)",
    ] {
        assert!(help.contains(want), "{want}:\n{help}");
    }
}

// --- the print job itself -------------------------------------------------------------------

#[test]
fn a_print_job_sends_the_slip_with_the_name_to_the_configured_command() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("printed.txt");
    let mut cfg = config();
    let mut command = sink_support::sink(&["copy-file", &out.display().to_string()]);
    command.push("{file}".into());
    cfg.printer.command = Some(command);
    cfg.printer.format = Some(refdesk::referral::slip::SlipFormat::Text);
    let mut h = harness(120, 40);
    h.type_text("доходи");
    h.press(KeyCode::F(2));
    h.type_text(NAME);
    h.press(KeyCode::Enter);
    let job = first_print_job(&h).clone();
    let outcome = output::print_job(&job, &cfg);
    let PrintOutcome::Printer(report @ PrintReport::Printed { .. }) = outcome else {
        panic!("printed: {outcome:?}");
    };
    let message = report.message(Lang::Uk);
    assert!(message.contains("print_sink"), "{message}");
    let printed = std::fs::read_to_string(&out).expect("the command got the slip");
    assert_eq!(
        printed,
        slip_text(&h, &job.agency, job.service, Some(NAME)),
        "what printed is what the preview showed"
    );
    assert!(printed.contains(&format!("Для: {NAME}")));
}

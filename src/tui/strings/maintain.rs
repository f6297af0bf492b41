//! The texts of keeping the directory true: freshness, «перевірено сьогодні», the settings
//! written, the verification queue and correction reports.

use super::{Msg, count};
use crate::i18n::{self, Lang, Noun};

/// "Дані перевірено понад рік тому: 12.06.2025".
pub fn stale_note(lang: Lang, verified: jiff::civil::Date) -> String {
    let d = verified.strftime("%d.%m.%Y");
    match lang {
        Lang::Uk => format!("Дані перевірено понад рік тому: {d}"),
        Lang::En => format!("Last verified more than a year ago: {d}"),
    }
}

/// The short form for a result row: "перев. 12.06.2025".
pub fn stale_short(lang: Lang, verified: jiff::civil::Date) -> String {
    let d = verified.strftime("%d.%m.%Y");
    match lang {
        Lang::Uk => format!("перев. {d}"),
        Lang::En => format!("verified {d}"),
    }
}

/// The status after «перевірено сьогодні», as `refdesk verify` says it: «ЦНАП: перевірено
/// 25.11.2026, хто перевіряв: Петренко О.».
pub fn verified_today(lang: Lang, name: &str, today: jiff::civil::Date, by: &str) -> String {
    let d = today.strftime("%d.%m.%Y");
    match lang {
        Lang::Uk => format!("{name}: перевірено {d}, хто перевіряв: {by}"),
        Lang::En => format!("{name}: verified {d} by {by}"),
    }
}

/// The status after the first start's answers were written: «налаштування записано:
/// C:\…\refdesk.toml».
pub fn setup_saved(lang: Lang, path: &std::path::Path) -> String {
    let path = path.display();
    match lang {
        Lang::Uk => format!("налаштування записано: {path}"),
        Lang::En => format!("settings written to {path}"),
    }
}

/// F8's line about the verification queue: «Черга перевірки (строк минув або настане за 30
/// днів): 3 установи — список для обдзвону: refdesk due».
pub fn due_count(lang: Lang, n: usize, days: u32) -> String {
    let agencies = count(lang, i18n::AGENCY, n);
    match lang {
        Lang::Uk => format!(
            "Черга перевірки (строк минув або настане за {}): {agencies} — список для обдзвону: refdesk due",
            DAY.count(lang, u64::from(days))
        ),
        Lang::En => format!(
            "Due for verification (overdue or due within {}): {agencies} — the call sheet: refdesk due",
            DAY.count(lang, u64::from(days))
        ),
    }
}

/// Days, after «за» / «within»: «за 30 днів», «за 1 день».
const DAY: Noun = Noun {
    uk: ["день", "дні", "днів"],
    en: ["day", "days"],
};

/// Correction reports, after a colon.
const REPORT: Noun = Noun {
    uk: ["повідомлення", "повідомлення", "повідомлень"],
    en: ["report", "reports"],
};

/// «Відкриті повідомлення про помилки: 2 повідомлення (закрити: refdesk corrections --resolve N)».
pub fn open_reports_head(lang: Lang, n: usize) -> String {
    let reports = count(lang, REPORT, n);
    match lang {
        Lang::Uk => format!(
            "Відкриті повідомлення про помилки: {reports} (закрити: refdesk corrections --resolve N)"
        ),
        Lang::En => {
            format!("Open error reports: {reports} (close one: refdesk corrections --resolve N)")
        }
    }
}

/// One open report as F8 lists it, numbered as `refdesk corrections` numbers it:
/// «1. 24.11.2026 ЦНАП (zt-cnap) — телефони: «телефон не відповідає» (Вікно 1)».
pub fn report_line(
    lang: Lang,
    n: usize,
    c: &crate::maintain::corrections::Correction,
    name: Option<&str>,
) -> String {
    let who = name.map_or(c.agency.clone(), |n| format!("{n} ({})", c.agency));
    let desk = c
        .desk
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    format!(
        "{n}. {} {who} — {}: «{}»{desk}",
        c.date.strftime("%d.%m.%Y"),
        crate::maintain::corrections::field_label(&c.field, lang),
        c.note
    )
}

/// The card's warning for one open report: «є повідомлення про помилку: телефони —
/// «телефон не відповідає» (24.11.2026, Вікно 1)».
pub fn report_warning(lang: Lang, c: &crate::maintain::corrections::Correction) -> String {
    let mut when = c.date.strftime("%d.%m.%Y").to_string();
    if let Some(d) = &c.desk {
        when.push_str(&format!(", {d}"));
    }
    format!(
        "{}: {} — «{}» ({when})",
        Msg::ReportOnCard.text(lang),
        crate::maintain::corrections::field_label(&c.field, lang),
        c.note
    )
}

/// "листопад 2026".
pub fn month_year(lang: Lang, d: jiff::civil::Date) -> String {
    const UK: [&str; 12] = [
        "січень",
        "лютий",
        "березень",
        "квітень",
        "травень",
        "червень",
        "липень",
        "серпень",
        "вересень",
        "жовтень",
        "листопад",
        "грудень",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (d.month() as usize).saturating_sub(1).min(11);
    let m = match lang {
        Lang::Uk => UK[i],
        Lang::En => EN[i],
    };
    format!("{m} {}", d.year())
}

//! `refdesk show ID`: the complete card as readable text, or JSON.

use crate::app::App;
use crate::cli::ShowArgs;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::sanitize;
use std::io::Write;

pub fn run(
    app: &App,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let Some(card) = super::card_for(app, &args.id, args.service.as_deref(), err)? else {
        return Ok(super::NOT_FOUND);
    };
    let agency = card.agency;
    if args.script {
        let phrase = crate::referral::phrase::phrase(&card);
        writeln!(out, "{}", crate::sanitize::text(&phrase))?;
        return Ok(0);
    }
    if args.json {
        let mut v = serde_json::to_value(agency)?;
        v["demo"] = serde_json::Value::Bool(app.dir.meta.demo);
        v["category_label"] = card.category_label.into();
        v["address_full"] = card.address_with_note().into();
        v["hours_display"] = card.hours_line().into();
        v["phones_display"] = agency
            .phones
            .iter()
            .map(|p| p.display())
            .collect::<Vec<_>>()
            .into();
        writeln!(
            out,
            "{}",
            sanitize::json(&serde_json::to_string_pretty(&v)?)
        )?;
        return Ok(0);
    }
    write!(out, "{}", sanitize::text(&render_text(app, &card)))?;
    Ok(0)
}

/// The card as plain text: every field of the agency, then every service, numbered.
pub fn render_text(app: &App, card: &Card) -> String {
    let mut s = String::new();
    let t = |uk, en| app.lang.pick(uk, en);
    if let Some(b) = app.demo_banner() {
        s.push_str(&format!("[{b}]\n"));
    }
    let a = card.agency;
    s.push_str(&format!(
        "{}:\n  {}\n\n",
        t("Фраза для відвідувача", "Phrase to read out (Ukrainian)"),
        crate::referral::phrase::phrase(card)
    ));
    s.push_str(&format!("{}\n", a.name));
    s.push_str(&format!("id: {}\n", a.id));
    push_fields(&mut s, &card.agency_fields(true), "");
    // For the maintainer: the grammar the phrase is built with, and whether it came from the
    // data or was worked out from the name.
    if let (Some(g), Some(gender)) = (card.name_genitive(), card.gender()) {
        use crate::directory::Gender;
        let gender = match (gender, app.lang) {
            (Gender::Masculine, Lang::Uk) => "чоловічий рід",
            (Gender::Feminine, Lang::Uk) => "жіночий рід",
            (Gender::Neuter, Lang::Uk) => "середній рід",
            (Gender::Plural, Lang::Uk) => "множина",
            (Gender::Masculine, Lang::En) => "masculine",
            (Gender::Feminine, Lang::En) => "feminine",
            (Gender::Neuter, Lang::En) => "neuter",
            (Gender::Plural, Lang::En) => "plural",
        };
        let derived = if a.name_genitive.is_some() && a.gender.is_some() {
            ""
        } else {
            t(" (виведено з назви)", " (worked out from the name)")
        };
        s.push_str(&format!(
            "{}: до {g}, {gender}{derived}\n",
            t("У фразі", "In the phrase")
        ));
    }
    if !a.services.is_empty() {
        s.push_str(&format!("\n{}:\n", t("Послуги", "Services")));
    }
    for (i, svc) in a.services.iter().enumerate() {
        let chosen = card.service.is_some_and(|(n, _)| n == i + 1);
        s.push_str(&format!(
            "\n{}{}. {}\n",
            if chosen { "▶ " } else { "" },
            i + 1,
            svc.name
        ));
        push_fields(&mut s, &card.service_fields(svc), "   ");
        if !svc.documents.is_empty() {
            s.push_str(&format!("   {}:\n", t("Документи", "Documents")));
            for d in &svc.documents {
                s.push_str(&format!("     – {d}\n"));
            }
        }
        if !svc.steps.is_empty() {
            s.push_str(&format!("   {}:\n", t("Порядок дій", "Steps")));
            for (k, st) in svc.steps.iter().enumerate() {
                s.push_str(&format!("     {}) {st}\n", k + 1));
            }
        }
    }
    s
}

fn push_fields(s: &mut String, fields: &[crate::referral::Field], indent: &str) {
    for f in fields {
        s.push_str(&format!("{indent}{}: {}\n", f.label, f.value));
    }
}

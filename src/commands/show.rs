//! `refdesk show ID`: the complete card as readable text, or JSON.

use super::plan::{PlanArgs, Referral};
use crate::app::App;
use crate::cli::ShowArgs;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::slip::IssuingOffice;
use crate::sanitize;
use std::io::Write;

pub fn run(
    app: &App,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let pa = PlanArgs {
        command: "show",
        ids: &args.ids,
        service: args.service.as_deref(),
        all_services: false,
        notes: &args.notes,
        back: args.back,
    };
    if pa.is_plan() {
        return plan(app, args, &pa, out, err);
    }
    let (id, inline) = super::target::split_target(args.ids.first().map_or("", String::as_str));
    let service = inline.or(args.service.as_deref());
    let Some(card) = super::target::card_for(app, id, service, err)? else {
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

/// A plan: its text read aloud (`--script`), else that text and then every step's card
/// (`--json`: the cards as an array, in order).
fn plan(
    app: &App,
    args: &ShowArgs,
    pa: &PlanArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let plan = match super::plan::plan(app, pa, err)? {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let (steps, _) = crate::referral::plan::resolve(&plan, &app.dir, app.lang);
    let office = IssuingOffice::from_config(&app.config.office);
    let said = crate::referral::plan::phrase::phrase(&steps, &office);
    let referral = Referral::Plan(steps);
    if args.script {
        writeln!(out, "{}", sanitize::text(&said))?;
        return Ok(0);
    }
    if args.json {
        let cards: Vec<serde_json::Value> = referral
            .cards()
            .iter()
            .map(|c| serde_json::to_value(c.agency))
            .collect::<Result<_, _>>()?;
        let v = serde_json::json!({ "phrase": said, "agencies": cards });
        writeln!(
            out,
            "{}",
            sanitize::json(&serde_json::to_string_pretty(&v)?)
        )?;
        return Ok(0);
    }
    let t = |uk, en| app.lang.pick(uk, en);
    let mut s = format!(
        "{}:\n  {said}\n",
        t(
            "План візиту — текст для відвідувача",
            "The visit's plan, to read out (Ukrainian)"
        )
    );
    for card in referral.cards() {
        s.push_str(&format!("\n{}\n", "=".repeat(40)));
        s.push_str(&render_text(app, &card));
    }
    write!(out, "{}", sanitize::text(&s))?;
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

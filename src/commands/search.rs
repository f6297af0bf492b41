//! `refdesk search QUERY...`: the screen's search from the command line, best match first.

use crate::app::App;
use crate::cli::SearchArgs;
use crate::i18n::Lang;
use crate::search::{Engine, Reading, Results, SearchOptions, WordMatch};
use serde::Serialize;
use std::io::Write;
use std::sync::Arc;

/// One result as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub locality: Option<&'a str>,
    pub category: &'a str,
    /// The best-matching service's name; null when the agency itself matched.
    pub service: Option<&'a str>,
    pub score: i64,
    /// How the weakest query word matched: exact, prefix, word-form, russian, thesaurus, typo,
    /// fallback.
    pub r#match: Option<&'static str>,
    pub temporarily_closed: bool,
    /// The agency's temporary notice, shown wherever the agency appears.
    pub alert: Option<&'a str>,
    /// `as-typed`, `layout` or `translit`.
    pub reading: &'static str,
    /// The query as it was read, when not as typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<&'a str>,
    /// The query's words this agency did not match («не враховано»); empty when it matched
    /// them all.
    pub unused: Vec<&'a str>,
    /// For each query word: how it matched (`exact`, `word-form`, `thesaurus`…, `unused`), in
    /// which field, which word of the directory, through which thesaurus entry.
    pub explain: Vec<WordMatch>,
}

pub fn run(
    app: App,
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let lang = app.lang;
    let query = args.query.join(" ");
    let opts = SearchOptions {
        limit: args.limit,
        near: args
            .near
            .clone()
            .or_else(|| app.config.home_locality.clone()),
        ..Default::default()
    };
    let banner = app.demo_banner();
    let mut engine = Engine::cached(Arc::new(app.dir), app.cache.as_ref());
    // The words are complete: nothing more is being typed.
    let results = engine.search(&format!("{query} "), &opts);
    if results.hits.is_empty() {
        if args.json {
            // Still a JSON array, so a script can parse the answer either way.
            writeln!(out, "[]")?;
        }
        match lang {
            Lang::Uk => writeln!(err, "нічого не знайдено: «{query}»")?,
            Lang::En => writeln!(err, "nothing found for \"{query}\"")?,
        }
        if let Some(s) = &results.suggestions {
            let text: String = s
                .lines(engine.directory(), lang)
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            let text = crate::sanitize::text(&text);
            // With --json, stdout stays a parsable array; the suggestions go beside it.
            if args.json {
                write!(err, "{text}")?;
            } else {
                write!(out, "{text}")?;
            }
        }
        return Ok(super::NOT_FOUND);
    }
    let explained = engine.explain_hits(&query, &results, &results.hits);
    if args.json {
        let hits = json_hits(&engine, &results, explained);
        let json = serde_json::to_string_pretty(&hits)?;
        writeln!(out, "{}", crate::sanitize::json(&json))?;
    } else {
        if let Some(b) = banner {
            writeln!(out, "[{b}]")?;
        }
        let explain = args.explain.then_some(explained.as_slice());
        let text = render_text(&engine, &results, explain, lang);
        write!(out, "{}", crate::sanitize::text(&text))?;
    }
    Ok(0)
}

pub fn json_hits<'a>(
    engine: &'a Engine,
    r: &'a Results,
    explained: Vec<Vec<WordMatch>>,
) -> Vec<JsonHit<'a>> {
    let dir = engine.directory();
    r.hits
        .iter()
        .zip(explained)
        .map(|(h, explain)| {
            let a = &dir.agencies[h.agency];
            JsonHit {
                id: &a.id,
                name: &a.name,
                short_name: a.short_name.as_deref(),
                locality: a.locality.as_deref(),
                category: &a.category,
                service: h
                    .service
                    .and_then(|s| a.services.get(s))
                    .map(|s| s.name.as_str()),
                score: h.score,
                r#match: h.tier.map(|t| t.code()),
                temporarily_closed: h.temporarily_closed,
                alert: a.alert.as_deref(),
                reading: r.reading.code(),
                corrected: r.reading.text(),
                unused: r.unused(h),
                explain,
            }
        })
        .collect()
}

/// The readable list: a note on how the query was read, then for each agency its rank, list
/// name and locality, the matching service on a second line, the query's words it did not
/// use, and with `explain` how each word matched.
pub fn render_text(
    engine: &Engine,
    r: &Results,
    explain: Option<&[Vec<WordMatch>]>,
    lang: Lang,
) -> String {
    let dir = engine.directory();
    let mut s = String::new();
    match &r.reading {
        Reading::AsTyped => {}
        Reading::Layout { text } => s.push_str(&match lang {
            Lang::Uk => format!("розкладку виправлено: {text}\n"),
            Lang::En => format!("keyboard layout corrected: {text}\n"),
        }),
        Reading::Translit { text } => s.push_str(&match lang {
            Lang::Uk => format!("прочитано як транслітерацію: {text}\n"),
            Lang::En => format!("read as transliteration: {text}\n"),
        }),
    }
    let width = r.hits.len().to_string().len();
    for (i, h) in r.hits.iter().enumerate() {
        let a = &dir.agencies[h.agency];
        let closed = if h.temporarily_closed {
            lang.pick(" (тимчасово не працює)", " (temporarily closed)")
        } else {
            ""
        };
        s.push_str(&format!(
            "{:>width$}. {} — {}{closed}\n",
            i + 1,
            a.display_name(),
            a.locality_or_country(),
        ));
        if let Some(svc) = h.service.and_then(|x| a.services.get(x)) {
            s.push_str(&format!("{:width$}  {}\n", "", svc.name));
        }
        if let Some(alert) = &a.alert {
            s.push_str(&format!("{:width$}  ! {alert}\n", ""));
        }
        let unused = r.unused(h);
        if !unused.is_empty() {
            s.push_str(&format!(
                "{:width$}  {}: {}\n",
                "",
                lang.pick("не враховано", "not used"),
                unused.join(", ")
            ));
        }
        if let Some(x) = explain.and_then(|x| x.get(i)) {
            for m in x {
                s.push_str(&format!("{:width$}  · {}\n", "", explain_line(m, lang)));
            }
        }
    }
    if r.total > r.hits.len() {
        // «усього» takes the nominative, so the plain counted noun reads right.
        let all = crate::i18n::AGENCY.count(lang, r.total as u64);
        s.push_str(&match lang {
            Lang::Uk => format!("показано {}; усього {all}\n", r.hits.len()),
            Lang::En => format!("showing {} of {all}\n", r.hits.len()),
        });
    }
    s
}

/// «загубила» → тема послуги: «загубив» (word-form), with the thesaurus entry when there is
/// one.
fn explain_line(m: &WordMatch, lang: Lang) -> String {
    let how = match (m.how, lang) {
        ("exact", Lang::Uk) => "те саме слово",
        ("prefix", Lang::Uk) => "початок слова",
        ("word-form", Lang::Uk) => "інша форма слова",
        ("russian", Lang::Uk) => "російське написання",
        ("thesaurus", Lang::Uk) => "через тезаурус",
        ("typo", Lang::Uk) => "з одруківкою",
        ("fallback", Lang::Uk) => "частина слова",
        ("nationwide", Lang::Uk) => "установа для всієї України",
        ("area", Lang::Uk) => "установа обслуговує й цей населений пункт",
        ("unused", Lang::Uk) => "не враховано",
        (code, _) => code,
    };
    let mut line = format!("«{}»: {how}", m.word);
    if let (Some(field), Some(found)) = (m.field, &m.found) {
        line.push_str(&format!(" — {} «{found}»", field_label(field, lang)));
    }
    if let Some(t) = &m.thesaurus {
        line.push_str(&format!(" ({}: {t})", lang.pick("тезаурус", "thesaurus")));
    }
    line
}

fn field_label(code: &str, lang: Lang) -> &str {
    let uk = match code {
        "name" => "назва",
        "short-name" => "коротка назва",
        "topic" => "тема",
        "description" => "опис",
        "category" => "категорія",
        "locality" => "населений пункт",
        "district" => "район",
        "address" => "адреса",
        "person" => "особа",
        "phone" => "телефон",
        "service-name" => "назва послуги",
        "service-topic" => "тема послуги",
        "service-description" => "опис послуги",
        "service-person" => "особа послуги",
        other => other,
    };
    lang.pick(uk, code)
}

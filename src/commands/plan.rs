//! Several agencies on the command line — `refdesk slip ID[:SERVICE] ID[:SERVICE]… [--note
//! N=TEXT] [--return]`, the same for `print` and `show`: the visit's plan, on one slip and in
//! one text read aloud. A single ID without `--note` or `--return` is a single referral, as
//! before.

use super::target::{Ask, split_target, target};
use crate::app::App;
use crate::i18n::Lang;
use crate::referral::Card;
use crate::referral::pdf::Laid;
use crate::referral::plan::{Plan, Resolved, ResolvedStop, StepNote, Target, resolve};
use crate::referral::print::Printable;
use crate::referral::slip::{Output, Paper, SlipContext, SlipError};
use std::io::Write;

/// What the command line asks for, whichever command it is.
#[derive(Debug, Clone, Copy)]
pub struct PlanArgs<'a> {
    pub command: &'a str,
    pub ids: &'a [String],
    /// `--service`: only with one ID.
    pub service: Option<&'a str>,
    pub all_services: bool,
    pub notes: &'a [String],
    pub back: bool,
}

impl<'a> PlanArgs<'a> {
    /// The plan options of `slip` and `print`.
    pub fn of_slip(command: &'a str, o: &'a crate::cli::SlipOptions) -> PlanArgs<'a> {
        PlanArgs {
            command,
            ids: &o.ids,
            service: o.service.as_deref(),
            all_services: o.all_services,
            notes: &o.notes,
            back: o.back,
        }
    }

    /// Several IDs, a note or the step back: a plan rather than one referral.
    pub fn is_plan(&self) -> bool {
        self.ids.len() > 1 || self.back || !self.notes.is_empty()
    }
}

/// The plan the command line describes, or the exit code after telling the user what is wrong.
pub fn plan(app: &App, a: &PlanArgs, err: &mut dyn Write) -> anyhow::Result<Result<Plan, u8>> {
    let usage = |err: &mut dyn Write, uk: String, en: String| -> anyhow::Result<Result<Plan, u8>> {
        writeln!(
            err,
            "refdesk: {}",
            if app.lang == Lang::Uk { uk } else { en }
        )?;
        Ok(Err(super::USAGE))
    };
    if a.service.is_some() && a.ids.len() > 1 {
        return usage(
            err,
            "з кількома установами вкажіть послугу кожної після двокрапки: ID:ПОСЛУГА \
             (наприклад, zt-dms:1), а не --service"
                .into(),
            "with several agencies give each one's service after a colon: ID:SERVICE \
             (e.g. zt-dms:1), not --service"
                .into(),
        );
    }
    let mut plan = Plan::new();
    for arg in a.ids {
        let (id, inline) = split_target(arg);
        let service = inline.or(a.service);
        let ask = Ask::Colon { command: a.command };
        let (agency, choice) = match target(app, id, service, a.all_services, ask, err)? {
            Ok(t) => t,
            Err(code) => return Ok(Err(code)),
        };
        plan.add(Target::new(agency.id.clone(), choice));
    }
    if a.back {
        plan.add_return();
    }
    for n in a.notes {
        let parsed = n
            .split_once('=')
            .and_then(|(k, v)| Some((k.trim().parse::<usize>().ok()?, v)));
        match parsed {
            Some((k, text)) if (1..=plan.len()).contains(&k) => {
                plan.set_note(k - 1, StepNote::typed(text));
            }
            _ => {
                let steps = plan.len();
                return usage(
                    err,
                    format!(
                        "--note {n}: має бути НОМЕР=ТЕКСТ, де НОМЕР — крок плану від 1 до \
                         {steps} (наприклад, --note \"2=коли отримаєте документ\")"
                    ),
                    format!(
                        "--note {n}: it must be N=TEXT, N a step of the plan from 1 to {steps} \
                         (e.g. --note \"2=коли отримаєте документ\")"
                    ),
                );
            }
        }
    }
    Ok(Ok(plan))
}

/// What a command gives the visitor: one referral, or a plan's steps.
pub enum Referral<'a> {
    One(Card<'a>),
    Plan(Vec<Resolved<'a>>),
}

impl<'a> Referral<'a> {
    /// The plan's steps (every agency is still in the directory: they were just looked up).
    pub fn of_plan(app: &'a App, plan: &'a Plan) -> Referral<'a> {
        Referral::Plan(resolve(plan, &app.dir, app.lang).0)
    }

    /// The agencies the visitor is sent to, in order (for the statistics).
    pub fn cards(&self) -> Vec<Card<'a>> {
        match self {
            Referral::One(card) => vec![*card],
            Referral::Plan(steps) => steps
                .iter()
                .filter_map(|s| match s.stop {
                    ResolvedStop::Agency(c) => Some(c),
                    ResolvedStop::Office => None,
                })
                .collect(),
        }
    }

    /// A name for a file holding the slip: the agency's id, or «plan-» and the first one's.
    pub fn file_stem(&self) -> String {
        match self.cards().first() {
            Some(c) if matches!(self, Referral::One(_)) => c.agency.id.clone(),
            Some(c) => format!("plan-{}", c.agency.id),
            None => "plan".to_string(),
        }
    }
}

/// The slip in the requested format, or laid out for drawing (a Windows office printer).
impl Printable for Referral<'_> {
    fn render(&self, ctx: &SlipContext, out: &Output) -> Result<Vec<u8>, SlipError> {
        match self {
            Referral::One(card) => card.render(ctx, out),
            Referral::Plan(steps) => steps.render(ctx, out),
        }
    }

    fn lay_out(&self, ctx: &SlipContext, paper: Paper) -> Option<Result<Laid, SlipError>> {
        match self {
            Referral::One(card) => card.lay_out(ctx, paper),
            Referral::Plan(steps) => steps.lay_out(ctx, paper),
        }
    }
}

/// The referral the command line asks for: a plan (see [`PlanArgs::is_plan`]) stored in
/// `plan`, or one card; the exit code after telling the user what is wrong.
pub fn referral<'a>(
    app: &'a App,
    a: &PlanArgs,
    single: impl FnOnce(&mut dyn Write) -> anyhow::Result<Result<Card<'a>, u8>>,
    plan_store: &'a mut Option<Plan>,
    err: &mut dyn Write,
) -> anyhow::Result<Result<Referral<'a>, u8>> {
    if !a.is_plan() {
        return Ok(single(err)?.map(Referral::One));
    }
    match plan(app, a, err)? {
        Ok(p) => Ok(Ok(Referral::of_plan(app, plan_store.insert(p)))),
        Err(code) => Ok(Err(code)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args<'a>(ids: &'a [String], notes: &'a [String], back: bool) -> PlanArgs<'a> {
        PlanArgs {
            command: "slip",
            ids,
            service: None,
            all_services: false,
            notes,
            back,
        }
    }

    #[test]
    fn a_plan_is_several_ids_a_note_or_the_return() {
        let one = ["a".to_string()];
        let two = ["a".to_string(), "b".to_string()];
        let note = ["1=спочатку".to_string()];
        assert!(!args(&one, &[], false).is_plan());
        assert!(args(&two, &[], false).is_plan());
        assert!(args(&one, &[], true).is_plan());
        assert!(args(&one, &note, false).is_plan());
    }
}

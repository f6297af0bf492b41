//! The hint bar's state-dependent rules as data: which hint hides, or shows another label, in
//! which scope and on what condition (atuin's key rules with conditions over an `EvalContext`).

use super::{Command, Scope};

/// What the hint rules look at: a snapshot of the screen, taken by the view before it draws
/// the bar (atuin's `EvalContext`). Conditions are data over it, not code in the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HintContext {
    pub query_empty: bool,
    pub nothing_selected: bool,
    pub no_results: bool,
    pub visit_blank: bool,
    pub no_problems: bool,
    /// The print preview waits for a service to be chosen.
    pub service_unchosen: bool,
    /// The print preview's agency has no services to choose between.
    pub no_service_choice: bool,
    /// The print preview saves to a file.
    pub saves: bool,
    /// The window open has nothing to move through (the QR code, the statistics, a notice).
    pub nothing_to_scroll: bool,
    /// The dialog open is a single line with nothing to choose (the maintainer's name).
    pub nothing_to_choose: bool,
    /// The first-start window is open.
    pub first_start: bool,
    /// The first-start window has lines below the one the keyboard is in: Enter goes on.
    pub more_lines: bool,
    /// The visit's plan has no steps.
    pub plan_empty: bool,
    /// The plan already ends with the step back to the office.
    pub plan_has_return: bool,
    /// Nothing was counted in this visit: no count to undo.
    pub nothing_counted: bool,
    /// The edit form has no version from disk to carry its edits over onto.
    pub nothing_to_merge: bool,
    /// The form's line has no list of values to pick from.
    pub free_line: bool,
}

/// A condition of a hint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    QueryEmpty,
    NothingSelected,
    NoResults,
    VisitBlank,
    NoProblems,
    ServiceUnchosen,
    NoServiceChoice,
    Saves,
    NothingToScroll,
    NothingToChoose,
    FirstStart,
    MoreLines,
    PlanEmpty,
    PlanHasReturn,
    PlanNotEmpty,
    NothingCounted,
    NothingToMerge,
    FreeLine,
}

impl When {
    pub fn holds(self, cx: &HintContext) -> bool {
        match self {
            When::Always => true,
            When::QueryEmpty => cx.query_empty,
            When::NothingSelected => cx.nothing_selected,
            When::NoResults => cx.no_results,
            When::VisitBlank => cx.visit_blank,
            When::NoProblems => cx.no_problems,
            When::ServiceUnchosen => cx.service_unchosen,
            When::NoServiceChoice => cx.no_service_choice,
            When::Saves => cx.saves,
            When::NothingToScroll => cx.nothing_to_scroll,
            When::NothingToChoose => cx.nothing_to_choose,
            When::FirstStart => cx.first_start,
            When::MoreLines => cx.more_lines,
            When::PlanEmpty => cx.plan_empty,
            When::PlanHasReturn => cx.plan_has_return,
            When::PlanNotEmpty => !cx.plan_empty,
            When::NothingCounted => cx.nothing_counted,
            When::NothingToMerge => cx.nothing_to_merge,
            When::FreeLine => cx.free_line,
        }
    }
}

/// How a hint shows when its rule holds: not at all, or with its own label (Ukrainian,
/// English) and a shorter one for a tight bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Hide,
    Label {
        long: (&'static str, &'static str),
        short: Option<(&'static str, &'static str)>,
    },
}

/// One rule: for `command` in `scopes` (every scope when empty), when `when` holds, `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintRule {
    pub command: Command,
    pub scopes: &'static [Scope],
    pub when: When,
    pub show: Show,
}

const fn rule(command: Command, scopes: &'static [Scope], when: When, show: Show) -> HintRule {
    HintRule {
        command,
        scopes,
        when,
        show,
    }
}

const fn label(uk: &'static str, en: &'static str) -> Show {
    Show::Label {
        long: (uk, en),
        short: None,
    }
}

/// The state-dependent hint rules, first match wins; a hint no rule matches shows with the
/// command's own label ([`Command::hint`]).
pub const HINT_RULES: &[HintRule] = {
    use Command::*;
    use Scope::{Card, Dialog, Form, List, Note, Pager, Picker, Plan, Preview};
    use When::*;
    &[
        // Nothing to clear yet: Esc on an empty query does nothing, so it is not offered.
        rule(Back, &[List], QueryEmpty, Show::Hide),
        rule(Back, &[List], Always, label("очистити", "clear")),
        rule(Back, &[Picker, Pager], Always, label("закрити", "close")),
        rule(
            Back,
            &[Preview],
            Always,
            Show::Label {
                long: ("скасувати", "cancel"),
                short: Some(("назад", "back")),
            },
        ),
        // Nothing prints until the service is chosen: Tab is the way on.
        rule(Open, &[Preview], ServiceUnchosen, Show::Hide),
        rule(Open, &[Preview], Saves, label("зберегти", "save")),
        rule(
            Open,
            &[Preview],
            Always,
            Show::Label {
                long: ("друкувати", "print"),
                short: Some(("друк", "print")),
            },
        ),
        // With a plan, F2 and F5 give the whole plan, whatever is selected.
        rule(
            Print,
            &[List, Card, Plan],
            PlanNotEmpty,
            label("друк плану", "print plan"),
        ),
        rule(
            Copy,
            &[List, Card, Plan],
            PlanNotEmpty,
            label("копіювати план", "copy plan"),
        ),
        // Output commands need an agency: with nothing selected they would only say so.
        rule(Print, &[List], NothingSelected, Show::Hide),
        rule(Copy, &[List], NothingSelected, Show::Hide),
        rule(ShowQr, &[List], NothingSelected, Show::Hide),
        rule(MarkReferred, &[List], NothingSelected, Show::Hide),
        rule(AddToPlan, &[List], NothingSelected, Show::Hide),
        rule(Open, &[Picker], Always, label("вибрати", "choose")),
        // Tab in the print window only where there is a service to choose.
        rule(NextService, &[Preview], NoServiceChoice, Show::Hide),
        rule(Open, &[List], NoResults, Show::Hide),
        // Nothing to forget yet: the start screen keeps its room for the other keys.
        rule(NextVisitor, &[], VisitBlank, Show::Hide),
        rule(Problems, &[], NoProblems, Show::Hide),
        // The QR code, the statistics and a notice have nothing to move through.
        rule(Up, &[Pager], NothingToScroll, Show::Hide),
        rule(Up, &[Preview], Always, label("прокрутити", "scroll")),
        // The first start: Esc skips until the next start, Enter goes on, then saves.
        rule(Back, &[Dialog], FirstStart, label("пропустити", "skip")),
        rule(Open, &[Dialog], MoreLines, label("далі", "next")),
        rule(Open, &[Dialog], FirstStart, label("зберегти", "save")),
        rule(Back, &[Dialog], Always, label("скасувати", "cancel")),
        rule(Back, &[Form], Always, label("закрити", "close")),
        // Ctrl-R shows only after a save refused for changes on disk.
        rule(Merge, &[Form], NothingToMerge, Show::Hide),
        rule(Choose, &[Form], FreeLine, Show::Hide),
        rule(Open, &[Dialog], NothingToChoose, label("зберегти", "save")),
        rule(Open, &[Dialog], Always, label("надіслати", "send")),
        rule(Up, &[Dialog], NothingToChoose, Show::Hide),
        rule(Up, &[Dialog], Always, label("поле", "field")),
        // The plan: its keys show once it has steps; F2 and F5 then give the whole plan.
        rule(FocusPlan, &[], PlanEmpty, Show::Hide),
        rule(AddReturn, &[], PlanEmpty, Show::Hide),
        rule(AddReturn, &[], PlanHasReturn, Show::Hide),
        rule(UndoCount, &[], NothingCounted, Show::Hide),
        rule(Back, &[Plan], Always, label("до списку", "to the list")),
        rule(Up, &[Plan], Always, label("крок", "step")),
        rule(Open, &[Plan], Always, label("своя примітка", "own note")),
        rule(Open, &[Note], Always, label("зберегти", "keep")),
        rule(Back, &[Note], Always, label("скасувати", "cancel")),
    ]
};

/// How the hint for `command` shows in `scope` given the screen `cx`; `None` when no rule
/// applies (the command's own label).
pub fn hint_show(command: Command, scope: Scope, cx: &HintContext) -> Option<Show> {
    HINT_RULES
        .iter()
        .find(|r| {
            r.command == command
                && (r.scopes.is_empty() || r.scopes.contains(&scope))
                && r.when.holds(cx)
        })
        .map(|r| r.show)
}

/// The hint bar shows Up as the pair it stands for.
pub fn hint_key(command: Command) -> Option<&'static str> {
    (command == Command::Up).then_some("↑↓")
}

#[cfg(test)]
mod tests {
    use super::super::hint_commands;
    use super::*;

    /// Every hint rule is about a hint that some bar shows: a rule for a command no scope
    /// offers would be dead data.
    #[test]
    fn every_hint_rule_is_about_a_shown_hint() {
        let all = [
            Scope::List,
            Scope::Card,
            Scope::Picker,
            Scope::Pager,
            Scope::Preview,
            Scope::Dialog,
            Scope::Form,
            Scope::Plan,
            Scope::Note,
        ];
        for r in HINT_RULES {
            let scopes: Vec<Scope> = if r.scopes.is_empty() {
                all.to_vec()
            } else {
                r.scopes.to_vec()
            };
            assert!(
                scopes
                    .iter()
                    .any(|s| hint_commands(*s).iter().any(|(c, _)| *c == r.command)),
                "{r:?} is about a hint no bar shows"
            );
        }
    }
}

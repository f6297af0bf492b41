//! The windows over the screen: help, problems, the pickers, statistics, notices.

use super::{Preview, State};
use crate::directory::Status;
use crate::stats::LogContents;
use crate::tui::keymap::Command;
use crate::tui::line_input::LineInput;
use crate::tui::msg::AgencyId;
use crate::tui::msg::Effect;
use crate::tui::strings::Msg;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Category,
    Locality,
    /// F3 in the edit form: a value for line `key` (`append`: added to its list).
    Field {
        key: super::FieldKey,
        append: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// None is "all".
    pub value: Option<String>,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: LineInput,
    pub items: Vec<PickItem>,
    /// Index into [`Picker::visible`].
    pub selected: usize,
}

impl Picker {
    /// The items matching the filter; "all" always stays.
    pub fn visible(&self) -> Vec<&PickItem> {
        let f = self.filter.text().to_lowercase();
        self.items
            .iter()
            .filter(|i| i.value.is_none() || f.is_empty() || i.label.to_lowercase().contains(&f))
            .collect()
    }

    /// Where the highlight goes after the filter changed: with a filter typed, on the first
    /// real match (so Enter takes what was typed for), not on "all"; without one, on "all".
    pub fn first_match(&self) -> usize {
        if self.filter.is_empty() {
            return 0;
        }
        self.visible()
            .iter()
            .position(|i| i.value.is_some())
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Problems {
        selected: usize,
    },
    Picker(Picker),
    /// F2: the slip as it will be printed, with the «Для:» field and the output choice.
    Preview(Preview),
    /// F6: a `tel:` QR code for the agency (index into `Directory::agencies`).
    Qr {
        agency: AgencyId,
    },
    /// F9: this month's referrals.
    Stats(StatsView),
    /// A message too important for the status line (a slip that could not be printed).
    Notice(String),
    /// A correction report, the maintainer's name, or a write that failed.
    Dialog(super::Dialog),
    /// The edit form («Редагувати», «Нова установа»).
    Form(Box<super::Form>),
    /// Enter in the plan panel: the selected step's own note, typed.
    Note(super::NoteEdit),
    /// The first start on real data: the office, the home town, the printer.
    Setup(Box<super::SetupDialog>),
}

/// The statistics overlay: waiting for the log, or what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsView {
    Loading,
    Loaded(LogContents),
    Failed(String),
}

impl State {
    pub(super) fn open_stats(&mut self) -> Effect {
        if matches!(self.overlays.last(), Some(Overlay::Stats(_))) {
            self.overlays.pop();
            return Effect::None;
        }
        self.overlays.retain(|o| !matches!(o, Overlay::Stats(_)));
        self.overlays.push(Overlay::Stats(StatsView::Loading));
        Effect::LoadStats
    }

    /// Closes every window but the first-start one and the edit form, which belong to the
    /// desk and its maintainer, not to the visit: typing a query, a click on the list or the
    /// next visitor leave them open (the form's unsaved edits are never dropped by the way).
    pub(super) fn close_windows(&mut self) {
        self.overlays
            .retain(|o| matches!(o, Overlay::Setup(_) | Overlay::Form(_)));
    }

    pub(super) fn toggle_overlay(&mut self, o: Overlay) {
        let same = |top: &Overlay| std::mem::discriminant(top) == std::mem::discriminant(&o);
        if self.overlays.last().is_some_and(same) {
            self.overlays.pop();
        } else {
            self.overlays.retain(|x| !same(x));
            self.overlays.push(o);
        }
    }

    /// F3, F4: the filter pickers (the form's lists are opened by `form_choices`).
    pub(super) fn open_picker(&mut self, kind: PickerKind) {
        let dir = self.dir.clone();
        let lang = self.lang();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in dir.agencies.iter().filter(|a| a.status != Status::Closed) {
            let key = match kind {
                PickerKind::Category => Some(a.category.as_str()),
                PickerKind::Locality => a.locality.as_deref(),
                PickerKind::Field { .. } => None,
            };
            if let Some(k) = key {
                *counts.entry(k).or_default() += 1;
            }
        }
        let mut items: Vec<PickItem> = counts
            .into_iter()
            .map(|(value, count)| PickItem {
                value: Some(value.to_string()),
                label: match kind {
                    PickerKind::Category => dir
                        .category(value)
                        .map(|c| c.label(lang).to_string())
                        .unwrap_or_else(|| value.to_string()),
                    PickerKind::Locality | PickerKind::Field { .. } => value.to_string(),
                },
                count,
            })
            .collect();
        // Most used first: the desk's own town and the busiest categories are at the top.
        items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let (all, current) = match kind {
            PickerKind::Category => (Msg::AllCategories, &self.filters.category),
            PickerKind::Locality => (Msg::AllLocalities, &self.filters.locality),
            PickerKind::Field { .. } => return,
        };
        items.insert(
            0,
            PickItem {
                value: None,
                label: all.text(lang).to_string(),
                count: dir
                    .agencies
                    .iter()
                    .filter(|a| a.status != Status::Closed)
                    .count(),
            },
        );
        if kind == PickerKind::Locality {
            // The lines that serve the whole country: a town filter keeps them anyway, this
            // choice shows them alone.
            let remote = dir
                .agencies
                .iter()
                .filter(|a| {
                    (a.locality.is_none() || a.serves_country()) && a.status != Status::Closed
                })
                .count();
            if remote > 0 {
                items.insert(
                    1,
                    PickItem {
                        value: Some(crate::search::NATIONWIDE.to_string()),
                        label: Msg::Nationwide.text(lang).to_string(),
                        count: remote,
                    },
                );
            }
        }
        let selected = items.iter().position(|i| &i.value == current).unwrap_or(0);
        let p = Picker {
            kind,
            filter: LineInput::default(),
            items,
            selected,
        };
        self.overlays.retain(|o| !matches!(o, Overlay::Picker(_)));
        self.overlays.push(Overlay::Picker(p));
    }

    pub(super) fn picker_mut(&mut self) -> Option<&mut Picker> {
        match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => Some(p),
            _ => None,
        }
    }

    pub(super) fn pick(&mut self) -> Effect {
        let Some(Overlay::Picker(p)) = self.overlays.pop() else {
            return Effect::None;
        };
        let Some(item) = p.visible().get(p.selected).map(|i| i.value.clone()) else {
            return Effect::None;
        };
        let slot = match p.kind {
            PickerKind::Category => &mut self.filters.category,
            PickerKind::Locality => &mut self.filters.locality,
            PickerKind::Field { key, append } => {
                if let Some(v) = item {
                    self.form_chosen(key, &v, append);
                }
                return Effect::None;
            }
        };
        if *slot == item {
            return Effect::None;
        }
        *slot = item;
        self.research()
    }

    pub(super) fn picker_edit(&mut self, c: Command) {
        let Some(p) = self.picker_mut() else { return };
        match c {
            // The cursor stays at the end: Backspace takes the last character, and a word is
            // the whole filter.
            Command::DeleteBack => {
                p.filter.edit(Command::DeleteBack);
            }
            Command::DeleteWord | Command::ClearQuery => {
                p.filter.clear();
            }
            // The filter has no cursor to move, so Home and End go to the first and last item.
            Command::Home => {
                p.selected = 0;
                return;
            }
            Command::End => {
                p.selected = p.visible().len().saturating_sub(1);
                return;
            }
            _ => return,
        }
        p.selected = p.first_match();
    }

    /// The entries of F8's list: reload changes, maintenance lines, data problems.
    pub fn problem_count(&self) -> usize {
        self.changes.len() + self.maintenance_lines().len() + self.dir.diagnostics.len()
    }

    pub(super) fn move_overlay(&mut self, delta: isize) {
        let help_len = self.viewport.help_lines.unwrap_or(usize::MAX);
        let problems = self.problem_count();
        match self.overlays.last_mut() {
            Some(Overlay::Picker(p)) => {
                let n = p.visible().len();
                p.selected = p
                    .selected
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
            Some(Overlay::Help { scroll }) => {
                *scroll = scroll
                    .saturating_add_signed(delta)
                    .min(help_len.saturating_sub(1));
            }
            Some(Overlay::Problems { selected }) => {
                *selected = selected
                    .saturating_add_signed(delta)
                    .min(problems.saturating_sub(1));
            }
            Some(
                Overlay::Preview(_)
                | Overlay::Qr { .. }
                | Overlay::Stats(_)
                | Overlay::Notice(_)
                | Overlay::Dialog(_)
                | Overlay::Form(_)
                | Overlay::Note(_)
                | Overlay::Setup(_),
            )
            | None => {}
        }
    }
}

//! Live reload: asking for a reload, and putting the reloaded directory in place.

use super::{Marks, Overlay, Screen, State};
use crate::directory::Directory;
use crate::directory::watch::Change;
use crate::referral::card::ServiceChoice;
use crate::search::Hit;
use crate::tui::msg::{DirHandle, Effect};
use crate::tui::strings::{self, Msg};
use jiff::civil::DateTime;
use std::collections::HashMap;
use std::sync::Arc;

/// The state of live reloading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reloading {
    /// A reload is running on a background thread.
    pub running: bool,
    /// Files changed again while it ran: reload once more when it is done.
    pub again: bool,
}

/// The most reload changes the problems list keeps.
pub const MAX_CHANGES: usize = 100;

impl State {
    pub(super) fn files_changed(&mut self) -> Effect {
        if self.reloading.running {
            self.reloading.again = true;
            return Effect::None;
        }
        self.reloading.running = true;
        Effect::Reload {
            old: DirHandle(self.dir.clone()),
            today: self.now.date(),
        }
    }

    pub(super) fn reloaded(&mut self, dir: DirHandle, changes: Vec<Change>) -> Effect {
        let lang = self.lang();
        self.reloading.running = false;
        let warning = changes
            .iter()
            .find(|c| c.is_warning())
            .map(|c| c.message(lang));
        self.status = Some(match warning {
            Some(w) => w,
            None if changes.is_empty() => Msg::ReloadedNoChanges.text(lang).to_string(),
            None => format!(
                "{}: {} (F8)",
                Msg::Reloaded.text(lang),
                strings::count(lang, strings::CHANGE, changes.len())
            ),
        });
        let mut all: Vec<(DateTime, Change)> = changes.into_iter().map(|c| (self.now, c)).collect();
        all.append(&mut self.changes);
        all.truncate(MAX_CHANGES);
        self.changes = all;
        self.swap_directory(dir.0.clone());
        self.generation += 1;
        let swap = Effect::Swap {
            dir,
            search: self.search_request(),
        };
        if self.reloading.again {
            self.reloading.again = false;
            self.reloading.running = true;
            Effect::Batch(vec![
                swap,
                Effect::Reload {
                    old: DirHandle(self.dir.clone()),
                    today: self.now.date(),
                },
            ])
        } else {
            swap
        }
    }

    /// Puts a reloaded directory in place. The open card and the windows name their agency by
    /// id, so they stay with it, their service found again by name; what no longer exists is
    /// closed. Only the results on screen are positions (the search's), moved until the new
    /// search answers.
    pub(super) fn swap_directory(&mut self, new: Arc<Directory>) {
        let old = std::mem::replace(&mut self.dir, new.clone());
        self.move_results(&old, &new);
        let service = |id: &str, s: usize| {
            let name = &old.agency(id)?.services.get(s)?.name;
            new.agency(id)?
                .services
                .iter()
                .position(|x| &x.name == name)
        };
        let card_gone = matches!(&self.screen, Screen::Card(c) if new.agency(&c.agency).is_none());
        if card_gone {
            self.screen = Screen::List;
        } else if let Screen::Card(c) = &mut self.screen {
            c.service = c.service.and_then(|s| service(&c.agency, s));
        }
        let problems = self.problem_count();
        self.overlays.retain_mut(|o| match o {
            Overlay::Preview(p) => {
                // A service that is gone leaves nothing chosen: the preview asks again.
                if let ServiceChoice::One(i) = p.service {
                    p.service =
                        service(&p.agency, i).map_or(ServiceChoice::Unchosen, ServiceChoice::One);
                }
                new.agency(&p.agency).is_some()
            }
            Overlay::Qr { agency } => new.agency(agency).is_some(),
            Overlay::Problems { selected } => {
                *selected = (*selected).min(problems.saturating_sub(1));
                true
            }
            _ => true,
        });
        self.keep_selection_visible();
    }

    /// The results on screen point into the directory by position: each moves to the same
    /// agency in the new one (the same service by name), or goes.
    fn move_results(&mut self, old: &Directory, new: &Directory) {
        let ids: HashMap<&str, usize> = new
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let agency = |i: usize| {
            old.agencies
                .get(i)
                .and_then(|a| ids.get(a.id.as_str()).copied())
        };
        let service = |old_a: usize, new_a: usize, s: Option<usize>| {
            let name = &old.agencies.get(old_a)?.services.get(s?)?.name;
            new.agencies
                .get(new_a)?
                .services
                .iter()
                .position(|x| &x.name == name)
        };
        let selected = self.selected;
        let Some(shown) = self.shown.as_mut() else {
            return;
        };
        let keep = shown.hits.get(selected).and_then(|h| agency(h.agency));
        let before = shown.hits.len();
        shown.hits = shown
            .hits
            .iter()
            .filter_map(|h| {
                let a = agency(h.agency)?;
                Some(Hit {
                    agency: a,
                    service: service(h.agency, a, h.service),
                    ..h.clone()
                })
            })
            .collect();
        shown.total = shown.total.saturating_sub(before - shown.hits.len());
        shown.marks = vec![Marks::Missing; shown.hits.len()];
        self.selected = keep
            .and_then(|a| shown.hits.iter().position(|h| h.agency == a))
            .unwrap_or(selected.min(shown.hits.len().saturating_sub(1)));
    }
}

//! Search: normalisation, alternative readings of the query, the index, scoring and ranking.
//! Pure: no I/O, no UI.
//!
//! TEMPORARY: a plain substring engine with the final API; the real engine replaces the insides.

use crate::directory::{Directory, Status};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Filters and preferences for one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// At most this many hits (0 = no limit).
    pub limit: usize,
    /// Rank this locality's agencies first among equals.
    pub near: Option<String>,
    /// Only this category id.
    pub category: Option<String>,
    /// Only this locality.
    pub locality: Option<String>,
}

/// How the query was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    AsTyped,
    /// Typed on the other keyboard layout; `text` is what was meant.
    Layout {
        text: String,
    },
    /// Latin transliteration of Ukrainian; `text` is the Cyrillic reading.
    Translit {
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Directory::agencies`.
    pub agency: usize,
    /// Index into that agency's services when the match came from a service.
    pub service: Option<usize>,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub reading: Reading,
    /// Matches before the limit was applied.
    pub total: usize,
}

/// The search engine over one loaded directory.
pub struct Engine {
    dir: Arc<Directory>,
}

impl Engine {
    pub fn new(dir: Arc<Directory>) -> Engine {
        Engine { dir }
    }

    pub fn directory(&self) -> &Arc<Directory> {
        &self.dir
    }

    /// Runs a query. An empty query lists every offered agency.
    pub fn search(&mut self, query: &str, opts: &SearchOptions) -> Results {
        self.search_cancellable(query, opts, &AtomicU64::new(0), 0)
            .expect("never cancelled")
    }

    /// Like [`Engine::search`], but gives up (None) as soon as `generation` no longer equals
    /// `mine`: the screen bumps the counter on every keystroke.
    pub fn search_cancellable(
        &mut self,
        query: &str,
        opts: &SearchOptions,
        generation: &AtomicU64,
        mine: u64,
    ) -> Option<Results> {
        let q = query.trim().to_lowercase();
        let mut hits = Vec::new();
        for (i, a) in self.dir.agencies.iter().enumerate() {
            if generation.load(Ordering::Relaxed) != mine {
                return None;
            }
            if a.status == Status::Closed {
                continue;
            }
            if opts.category.as_ref().is_some_and(|c| *c != a.category) {
                continue;
            }
            if opts
                .locality
                .as_ref()
                .is_some_and(|l| Some(l) != a.locality.as_ref())
            {
                continue;
            }
            let service = a
                .services
                .iter()
                .position(|s| s.name.to_lowercase().contains(&q));
            if q.is_empty() || a.name.to_lowercase().contains(&q) || service.is_some() {
                hits.push(Hit {
                    agency: i,
                    service: service.filter(|_| !q.is_empty()),
                    score: 0,
                });
            }
        }
        let total = hits.len();
        if opts.limit > 0 {
            hits.truncate(opts.limit);
        }
        Some(Results {
            hits,
            reading: Reading::AsTyped,
            total,
        })
    }

    /// Character indices of `query`'s matches in `text` (for highlighting visible rows).
    pub fn match_indices(&self, text: &str, query: &str) -> Vec<usize> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let lower = text.to_lowercase();
        match lower.find(&q) {
            Some(b) => {
                let start = lower[..b].chars().count();
                (start..start + q.chars().count()).collect()
            }
            None => Vec::new(),
        }
    }
}

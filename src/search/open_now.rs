//! The "open now" filter over a search's answer. The engine ranks by need and place and knows
//! nothing about opening hours; this keeps the agencies that receive visitors at a given time,
//! for the screen (F7) and for anyone else who asks.

use super::Results;
use crate::directory::Directory;
use crate::hours::OpenState;
use jiff::civil::DateTime;

/// Keeps the hits whose agency receives visitors at `at` (open, not at lunch, a reception
/// day), and counts what is left. Ask the engine for every match (`limit: 0`) first, or the
/// count is of a cut-off list.
pub fn keep_open(results: &mut Results, dir: &Directory, at: DateTime) {
    results.hits.retain(|h| {
        dir.agencies
            .get(h.agency)
            .and_then(|a| a.open_state(at))
            .is_some_and(OpenState::receives_visitors)
    });
    results.total = results.hits.len();
}

//! One module per subcommand; each returns the process exit code (0 ok, 1 nothing found or
//! validation errors, 2 usage or I/O error).

pub mod corrections;
pub mod due;
pub mod export;
pub mod import;
pub mod plan;
pub mod print;
pub mod search;
pub mod setup;
pub mod sheet;
pub mod show;
pub mod slip;
pub mod stats;
pub mod target;
pub mod validate;
pub mod verify;

/// Exit code for "nothing found" / "the data has errors".
pub const NOT_FOUND: u8 = 1;
/// Exit code for usage and I/O errors.
pub const USAGE: u8 = 2;

/// Counts the referrals a command gave for the anonymous statistics. One command is one
/// visit: each agency once, numbered as the visit's steps (a plan's agencies are steps 1, 2, …).
/// A log that can't be written must never cost the visitor the referral, so a failure is only
/// a warning.
pub fn record_referrals(
    app: &crate::app::App,
    cards: &[crate::referral::Card],
    how: crate::stats::How,
    err: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut visit = crate::stats::Visit::new();
    // This desk's own log when it has a name (stats::desk).
    let result = crate::stats::desk::log_for(&app.config).and_then(|log| {
        cards
            .iter()
            .try_for_each(|card| visit.give(&log, card, how, app.now).map(drop))
    });
    match result {
        Ok(()) => Ok(()),
        Err(e) => writeln!(
            err,
            "refdesk: {}: {}",
            app.lang.pick(
                "направлення не враховано у статистиці",
                "the referral was not counted in the statistics"
            ),
            e.message(app.lang)
        ),
    }
}

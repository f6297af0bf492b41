//! One module per subcommand; each returns the process exit code (0 ok, 1 nothing found or
//! validation errors, 2 usage or I/O error).

pub mod export;
pub mod import;
pub mod print;
pub mod search;
pub mod setup;
pub mod show;
pub mod slip;
pub mod stats;
pub mod validate;

/// Exit code for "nothing found" / "the data has errors".
pub const NOT_FOUND: u8 = 1;
/// Exit code for usage and I/O errors.
pub const USAGE: u8 = 2;

/// Counts a referral for the anonymous statistics. A log that can't be written must never cost
/// the visitor the referral, so a failure is only a warning.
pub fn record_referral(
    app: &crate::app::App,
    card: &crate::referral::Card,
    how: crate::stats::How,
    err: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match crate::stats::record_referral(card, how, app.now) {
        Ok(()) => Ok(()),
        Err(e) => writeln!(
            err,
            "refdesk: {}: {e}",
            app.lang.pick(
                "направлення не враховано у статистиці",
                "the referral was not counted in the statistics"
            )
        ),
    }
}

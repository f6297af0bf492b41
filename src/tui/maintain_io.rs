//! The maintenance jobs that reach outside the screen — the corrections file, «перевірено
//! сьогодні», the settings' maintainer name, the git audit line — as one plain synchronous
//! function, so the running screen runs it on a thread and the test harness in place.

use super::msg::{MaintainDone, MaintainJob};
use crate::i18n::Lang;
use crate::maintain::edit::SaveError;
use crate::maintain::{audit, corrections, verify};
use std::path::Path;

/// Carries out `job` for the data path `data` (`None`: the built-in demo, which is read-only)
/// and the settings file `config`.
pub fn run(
    job: MaintainJob,
    data: Option<&Path>,
    config: Option<&Path>,
    lang: Lang,
) -> MaintainDone {
    let demo = || SaveError::Demo.message(lang);
    match job {
        MaintainJob::LoadCorrections => MaintainDone::Corrections(match data {
            Some(d) => corrections::load(&corrections::path_for(d), lang).0,
            None => Vec::new(),
        }),
        MaintainJob::Report(report) => MaintainDone::Reported(match data {
            Some(d) => {
                corrections::append(&corrections::path_for(d), &report).map_err(|e| e.message(lang))
            }
            None => Err(demo()),
        }),
        MaintainJob::Verify {
            dir,
            agency,
            by,
            today,
        } => {
            let result = verify::verify(&dir.0, &agency, &by, today)
                .map(|_| ())
                .map_err(|e| e.message(lang));
            MaintainDone::Verified { agency, result }
        }
        MaintainJob::SaveMaintainer(name) => MaintainDone::MaintainerSaved(match config {
            Some(path) => crate::config::save_maintainer(path, &name).map_err(|e| {
                format!(
                    "{}: {}",
                    crate::sanitize::line(&path.display().to_string()),
                    crate::i18n::io_error(&e, lang)
                )
            }),
            None => Err(lang
                .pick(
                    "не знайдено, де зберігати налаштування",
                    "there is no place for the settings file",
                )
                .to_string()),
        }),
        MaintainJob::Audit => {
            MaintainDone::Audit(data.and_then(audit::audit).map(|a| a.line(lang)))
        }
    }
}

//! The maintenance jobs that reach outside the screen — the corrections file, «перевірено
//! сьогодні», the settings file (the maintainer's name, the first start's answers), the system's
//! printers, the git audit line — as one plain synchronous function, so the running screen runs
//! it on a thread and the test harness in place.

use super::msg::{MaintainDone, MaintainJob, SaveRefused, SettingsNotSaved};
use crate::directory::Directory;
use crate::i18n::Lang;
use crate::maintain::edit::{self, SaveError, Snapshot};
use crate::maintain::{audit, corrections, verify};
use crate::setup::DeskSetup;
use std::path::{Path, PathBuf};

/// Carries out `job` for the data path `data` (`None`: the built-in demo, which is read-only)
/// and the settings file `config`.
pub fn run(
    job: MaintainJob,
    data: Option<&Path>,
    config: Option<&Path>,
    lang: Lang,
) -> MaintainDone {
    // Without a data path (the built-in demo) nothing in the data is ever written, whatever
    // directory a job names.
    if data.is_none()
        && let Some(done) = refused(&job)
    {
        return done;
    }
    match job {
        MaintainJob::LoadCorrections => MaintainDone::Corrections(match data {
            Some(d) => corrections::load(&corrections::path_for(d), lang).0,
            None => Vec::new(),
        }),
        MaintainJob::Report(report) => MaintainDone::Reported(match data {
            Some(d) => corrections::append(&corrections::path_for(d), &report),
            None => Err(SaveError::Demo),
        }),
        MaintainJob::Verify {
            dir,
            agency,
            by,
            today,
        } => {
            let result = verify::verify(&dir.0, &agency, &by, today).map(|_| ());
            MaintainDone::Verified { agency, result }
        }
        MaintainJob::SaveMaintainer(name) => {
            let answers = DeskSetup {
                maintainer: Some(name),
                ..DeskSetup::default()
            };
            MaintainDone::MaintainerSaved(save_settings(config, &answers).map(|_| ()))
        }
        MaintainJob::SaveSetup(answers) => {
            MaintainDone::SetupSaved(save_settings(config, &answers))
        }
        MaintainJob::ListPrinters => {
            MaintainDone::Printers(crate::referral::print::list_printers().unwrap_or_default())
        }
        MaintainJob::Audit => MaintainDone::Audit(data.and_then(audit::audit)),
        MaintainJob::OpenEdit { dir, agency } => MaintainDone::EditOpened {
            result: verify::open_agency(&dir.0, &agency),
            agency,
            new: false,
        },
        MaintainJob::OpenNew { dir, near } => MaintainDone::EditOpened {
            agency: String::new(),
            new: true,
            result: new_file(&dir.0, near.as_deref(), data)
                .and_then(|p| Snapshot::open_or_create(&p)),
        },
        MaintainJob::SaveEdit {
            snapshot,
            agency,
            edits,
            new,
        } => {
            let saved = if new {
                edit::save_new(&snapshot, &agency, &edits.0)
            } else {
                edit::save(&snapshot, &agency, &edits.0)
            };
            MaintainDone::EditSaved(saved.map(|_| ()).map_err(|error| SaveRefused {
                // Read again now, so the form can show what changed and build on it.
                on_disk: match error {
                    SaveError::Changed { .. } => Snapshot::read(&snapshot.path).ok(),
                    _ => None,
                },
                error,
            }))
        }
    }
}

/// Writes `answers` into the settings file `config`; returns the file, or why not.
fn save_settings(config: Option<&Path>, answers: &DeskSetup) -> Result<PathBuf, SettingsNotSaved> {
    let path = config.ok_or(SettingsNotSaved::NoPlace)?;
    crate::setup::write_settings(path, answers)?;
    Ok(path.to_path_buf())
}

/// The answer to a job that would read an agency's file for writing or write one, given
/// without doing it: demo data is read-only.
fn refused(job: &MaintainJob) -> Option<MaintainDone> {
    Some(match job {
        MaintainJob::Verify { agency, .. } => MaintainDone::Verified {
            agency: agency.clone(),
            result: Err(SaveError::Demo),
        },
        MaintainJob::OpenEdit { agency, .. } => MaintainDone::EditOpened {
            agency: agency.clone(),
            new: false,
            result: Err(SaveError::Demo),
        },
        MaintainJob::OpenNew { .. } => MaintainDone::EditOpened {
            agency: String::new(),
            new: true,
            result: Err(SaveError::Demo),
        },
        MaintainJob::SaveEdit { .. } => MaintainDone::EditSaved(Err(SaveRefused {
            error: SaveError::Demo,
            on_disk: None,
        })),
        _ => return None,
    })
}

/// The file a new agency is added to: the file of the agency on screen, else the data file,
/// else `нові-установи.toml` in the data folder.
fn new_file(
    dir: &Directory,
    near: Option<&str>,
    data: Option<&Path>,
) -> Result<PathBuf, SaveError> {
    if dir.meta.demo {
        return Err(SaveError::Demo);
    }
    if let Some(a) = near.and_then(|id| dir.agency(id)) {
        return Ok(PathBuf::from(&a.origin.file));
    }
    match data {
        Some(d) if d.is_dir() => Ok(d.join(NEW_FILE)),
        Some(d) => Ok(d.to_path_buf()),
        None => Err(SaveError::Demo),
    }
}

/// Where new agencies go in a data folder when no agency's file is at hand.
pub const NEW_FILE: &str = "нові-установи.toml";

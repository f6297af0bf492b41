//! Why a save did not happen, worded per language at the edge.

use crate::i18n::Lang;
use std::path::{Path, PathBuf};

/// Why a save did not happen. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("demo data is read-only")]
    Demo,
    #[error("{}: the file changed on disk since it was read", path.display())]
    Changed { path: PathBuf },
    #[error("{}: another program is saving this file", path.display())]
    Busy { path: PathBuf },
    #[error("no agency with id {0} in the directory")]
    UnknownId(String),
    #[error("{}: an agency with id {id} is already there", path.display())]
    Exists { path: PathBuf, id: String },
    #[error("{}: no agency with id {id}", path.display())]
    NotFound { path: PathBuf, id: String },
    #[error("{}: agency {id} has no service {number}", path.display())]
    NoService {
        path: PathBuf,
        id: String,
        number: usize,
    },
    #[error("{}: not valid TOML ({message})", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl SaveError {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let p = |p: &Path| crate::sanitize::line(&p.display().to_string());
        match (self, lang) {
            (SaveError::Demo, Lang::Uk) => "це демонстраційні дані, їх не можна змінювати — \
                вкажіть власний довідник (--data або REFDESK_DATA)"
                .into(),
            (SaveError::Demo, Lang::En) => "this is demo data, which is read-only — \
                use your own directory (--data or REFDESK_DATA)"
                .into(),
            (SaveError::Changed { path }, Lang::Uk) => format!(
                "{}: файл змінився на диску після того, як його прочитали (інше робоче місце, \
                 редактор чи git) — зміни не записано, щоб не втратити чужі; відкрийте запис \
                 знову й повторіть",
                p(path)
            ),
            (SaveError::Changed { path }, Lang::En) => format!(
                "{}: the file changed on disk after it was read (another desk, an editor or \
                 git) — nothing was written, so no one's edit is lost; open the entry again \
                 and repeat",
                p(path)
            ),
            (SaveError::Busy { path }, Lang::Uk) => format!(
                "{}: цей файл саме записує інша програма — нічого не записано; спробуйте ще раз",
                p(path)
            ),
            (SaveError::Busy { path }, Lang::En) => format!(
                "{}: another program is saving this file right now — nothing was written; try again",
                p(path)
            ),
            (SaveError::UnknownId(id), Lang::Uk) => format!(
                "установи з id «{id}» у довіднику немає (або її запис пропущено через помилки — \
                 див. refdesk validate)"
            ),
            (SaveError::UnknownId(id), Lang::En) => format!(
                "there is no agency with id \"{id}\" in the directory (or its entry was left out \
                 for its errors — see refdesk validate)"
            ),
            (SaveError::Exists { path, id }, Lang::Uk) => format!(
                "{}: установа з id «{id}» у файлі вже є — виберіть інший id",
                p(path)
            ),
            (SaveError::Exists { path, id }, Lang::En) => format!(
                "{}: an agency with id \"{id}\" is already in the file — choose another id",
                p(path)
            ),
            (SaveError::NotFound { path, id }, Lang::Uk) => {
                format!("{}: установи з id «{id}» у файлі немає", p(path))
            }
            (SaveError::NotFound { path, id }, Lang::En) => {
                format!(
                    "{}: there is no agency with id \"{id}\" in the file",
                    p(path)
                )
            }
            (SaveError::NoService { path, id, number }, Lang::Uk) => format!(
                "{}: в установи «{id}» немає послуги № {}",
                p(path),
                number + 1
            ),
            (SaveError::NoService { path, id, number }, Lang::En) => {
                format!("{}: agency \"{id}\" has no service {}", p(path), number + 1)
            }
            (SaveError::Syntax { path, .. }, Lang::Uk) => format!(
                "{}: файл не є правильним TOML — виправте його (refdesk validate) і повторіть",
                p(path)
            ),
            (SaveError::Syntax { path, .. }, Lang::En) => format!(
                "{}: the file is not valid TOML — fix it (refdesk validate) and repeat",
                p(path)
            ),
            (SaveError::Io { path, source }, _) => {
                format!("{}: {}", p(path), crate::i18n::io_error(source, lang))
            }
        }
    }
}

pub(super) fn io(path: &Path) -> impl Fn(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

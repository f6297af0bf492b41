//! Live reload: a watcher that reports changes to the directory's `*.toml` files, and the pure
//! step that merges a freshly loaded directory into the one on screen.
//!
//! The watcher uses `notify` (inotify, FSEvents, ReadDirectoryChangesW) and debounces on its
//! own thread: an editor's save is several events (write, close, often a rename of a temporary
//! file), and one reload per save is what the desk wants. Events that do not change content
//! (a file opened or read — including by our own reload) are ignored, or every reload would
//! trigger the next.
//!
//! [`reload`] never lets a half-edited file empty the screen: a file that no longer parses keeps
//! its last good entries, and the change list says so.

use super::{Agency, Directory, LoadOptions, Severity, load_path};
use crate::i18n::Lang;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// Quiet time after the last event before a change is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// These `*.toml` files were written, created, removed or renamed.
    Changed(Vec<PathBuf>),
    /// The platform watcher reported a problem (e.g. too many watched files).
    Error(String),
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("не вдалося стежити за {}", path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    #[error("не вдалося запустити потік спостереження")]
    Thread(#[source] std::io::Error),
}

/// A running watcher; dropping it stops watching and ends its thread.
pub struct DirWatcher {
    // Field order matters: the watcher is dropped first, which closes the channel the debounce
    // thread reads, so the thread ends on its own. The thread holds it only weakly, to watch
    // the folder again when it is replaced.
    _watcher: Arc<Mutex<RecommendedWatcher>>,
    _thread: std::thread::JoinHandle<()>,
}

/// How often the watched folder itself is checked: a folder deleted, or replaced by another
/// (copied back, moved over), ends or strands its file system watch, so it has to be seen to
/// come back and be watched anew.
const ROOT_CHECK: Duration = Duration::from_secs(1);

/// Which folder is at a path: `None` when there is none. On Unix the device and inode, so a new
/// folder moved in under the same name counts as different; elsewhere only whether one exists.
fn folder_identity(p: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(p).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

/// The watched folder, and how to watch it again once it is replaced.
struct Root {
    path: PathBuf,
    mode: RecursiveMode,
    identity: Option<(u64, u64)>,
    watcher: Weak<Mutex<RecommendedWatcher>>,
}

impl Root {
    /// Whether the folder went away or was replaced since the last look; a new one is watched.
    fn replaced(&mut self) -> bool {
        let now = folder_identity(&self.path);
        if now == self.identity {
            return false;
        }
        self.identity = now;
        if now.is_some()
            && let Some(w) = self.watcher.upgrade()
        {
            let mut w = w.lock().unwrap_or_else(|e| e.into_inner());
            let _ = w.unwatch(&self.path);
            // A failure here is seen again on the next look: the identity is then reset.
            if w.watch(&self.path, self.mode).is_err() {
                self.identity = None;
            }
        }
        true
    }
}

/// Which paths under the watched root matter.
#[derive(Debug, Clone)]
struct Filter {
    /// The watched folder: only the part of a path below it is checked for hidden names (the
    /// folder itself may well live under a hidden one, such as `~/.local/share`).
    root: PathBuf,
    /// Watching a single file: only that file's name in its folder.
    single: Option<std::ffi::OsString>,
}

impl Filter {
    fn wants(&self, p: &Path) -> bool {
        if let Some(name) = &self.single {
            return p.file_name() == Some(name.as_os_str());
        }
        // Editors' swap and backup files (.x.toml.swp, .#x.toml) are hidden; the loader skips
        // hidden files and folders too.
        let below = p.strip_prefix(&self.root).unwrap_or(p);
        let hidden = below
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')));
        !hidden && p.extension().is_some_and(|e| e == "toml")
    }
}

fn is_content_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Watches `path` (a folder, recursively, or one file) and calls `on_event` once per burst of
/// changes, after `debounce` of quiet.
pub fn watch(
    path: &Path,
    debounce: Duration,
    mut on_event: impl FnMut(WatchEvent) + Send + 'static,
) -> Result<DirWatcher, WatchError> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|source| WatchError::Watch {
        path: path.to_path_buf(),
        source,
    })?;
    // A single file is watched through its folder: editors save by writing a new file and
    // renaming it over the old one, which would end a watch on the old file itself.
    let (root, mode, filter) = if path.is_dir() {
        (
            path.to_path_buf(),
            RecursiveMode::Recursive,
            Filter {
                root: path.to_path_buf(),
                single: None,
            },
        )
    } else {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        (
            parent.clone(),
            RecursiveMode::NonRecursive,
            Filter {
                root: parent,
                single: path.file_name().map(|n| n.to_os_string()),
            },
        )
    };
    watcher
        .watch(&root, mode)
        .map_err(|source| WatchError::Watch {
            path: root.clone(),
            source,
        })?;
    let watcher = Arc::new(Mutex::new(watcher));
    let root = Root {
        identity: folder_identity(&root),
        path: root,
        mode,
        watcher: Arc::downgrade(&watcher),
    };
    let thread = std::thread::Builder::new()
        .name("refdesk-watch".into())
        .spawn(move || debounce_loop(rx, debounce, filter, root, &mut on_event))
        .map_err(WatchError::Thread)?;
    Ok(DirWatcher {
        _watcher: watcher,
        _thread: thread,
    })
}

/// [`watch`] with the default debounce, delivering events on a channel the screen's loop can
/// poll with `try_recv`.
pub fn watch_channel(path: &Path) -> Result<(DirWatcher, Receiver<WatchEvent>), WatchError> {
    let (tx, rx) = mpsc::channel();
    let w = watch(path, DEBOUNCE, move |e| {
        // The receiver is gone only when the screen has closed; nothing left to tell.
        let _ = tx.send(e);
    })?;
    Ok((w, rx))
}

fn debounce_loop(
    rx: Receiver<notify::Result<notify::Event>>,
    debounce: Duration,
    filter: Filter,
    mut root: Root,
    on_event: &mut dyn FnMut(WatchEvent),
) {
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut last = Instant::now();
    loop {
        let msg = if pending.is_empty() {
            rx.recv_timeout(ROOT_CHECK)
        } else {
            rx.recv_timeout(debounce.saturating_sub(last.elapsed()))
        };
        // The folder gone (the reload then keeps the last good directory and says so) or back:
        // either is a change of every file in it.
        if root.replaced() {
            pending.insert(root.path.clone());
            last = Instant::now();
        }
        match msg {
            Ok(Ok(ev)) => {
                if is_content_change(&ev.kind) {
                    let wanted: Vec<PathBuf> =
                        ev.paths.into_iter().filter(|p| filter.wants(p)).collect();
                    // Every write restarts the quiet period, also to a file already pending: a
                    // long save must not be read half-way.
                    if !wanted.is_empty() {
                        pending.extend(wanted);
                        last = Instant::now();
                    }
                }
            }
            Ok(Err(e)) => on_event(WatchEvent::Error(e.to_string())),
            Err(RecvTimeoutError::Timeout) => {
                if !pending.is_empty() && last.elapsed() >= debounce {
                    on_event(WatchEvent::Changed(
                        std::mem::take(&mut pending).into_iter().collect(),
                    ));
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// What a reload changed, for the screen's problems list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        id: String,
    },
    Removed {
        id: String,
    },
    Changed {
        id: String,
    },
    /// The file has a syntax or encoding error (or cannot be read); its entries that did not
    /// load were kept as they were before.
    KeptLastGood {
        file: String,
        kept: usize,
    },
    /// The data folder (or file) is gone: the last good directory stays on screen, and the
    /// watcher reads it again when it is back.
    DataGone {
        path: String,
        folder: bool,
    },
    /// The data folder is there but holds no data file any more (being replaced, a network
    /// share that answers empty, or a deleted folder Windows still shows while it is watched):
    /// the last good directory stays, as for [`Change::DataGone`].
    DataEmpty {
        path: String,
    },
}

impl Change {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Change::Added { id }, Lang::Uk) => format!("додано: {id}"),
            (Change::Added { id }, Lang::En) => format!("added: {id}"),
            (Change::Removed { id }, Lang::Uk) => format!("вилучено: {id}"),
            (Change::Removed { id }, Lang::En) => format!("removed: {id}"),
            (Change::Changed { id }, Lang::Uk) => format!("змінено: {id}"),
            (Change::Changed { id }, Lang::En) => format!("changed: {id}"),
            (Change::KeptLastGood { file, kept }, Lang::Uk) => format!(
                "файл {file} більше не читається; збережено {} з останньої справної версії",
                crate::i18n::AGENCY_ACC.count(Lang::Uk, *kept as u64)
            ),
            (Change::KeptLastGood { file, kept }, Lang::En) => format!(
                "file {file} no longer parses; kept its {} last good {}",
                kept,
                if *kept == 1 { "entry" } else { "entries" }
            ),
            (Change::DataGone { path, folder }, Lang::Uk) => format!(
                "{} {path} більше немає — показано останню справну версію; щойно {}",
                if *folder {
                    "теки з даними"
                } else {
                    "файлу з даними"
                },
                if *folder {
                    "тека з'явиться знову, її буде прочитано"
                } else {
                    "файл з'явиться знову, його буде прочитано"
                },
            ),
            (Change::DataEmpty { path }, Lang::Uk) => format!(
                "у теці з даними {path} більше немає жодного файлу .toml — показано останню справну версію; щойно файли з'являться, їх буде прочитано"
            ),
            (Change::DataEmpty { path }, Lang::En) => format!(
                "the data folder {path} has no .toml file any more — showing the last good version; the files are read again as soon as they are back"
            ),
            (Change::DataGone { path, folder }, Lang::En) => format!(
                "the data {} {path} is gone — showing the last good version; it is read again as soon as it is back",
                if *folder { "folder" } else { "file" },
            ),
        }
    }

    /// A warning for a file that no longer parses; everything else is information.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Change::KeptLastGood { .. } | Change::DataGone { .. } | Change::DataEmpty { .. }
        )
    }
}

/// Diagnostic codes that mean a file (or part of it) could not be read at all, as opposed to an
/// entry that was read and found invalid.
const UNREADABLE: &[&str] = &["syntax", "encoding", "io", "not-a-file", "too-big"];

/// Everything that shows on a card, for change detection (the place in the file is not part of
/// it: an entry that merely moved down a line has not changed).
fn content(a: &Agency) -> serde_json::Value {
    let mut v = serde_json::to_value(a).unwrap_or(serde_json::Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("origin");
    }
    v
}

/// Merges a freshly loaded directory into the one on screen: a file that no longer parses keeps
/// its last good entries (those of `old` that are missing from `new`), and the result says what
/// was added, removed and changed.
pub fn reload(old: &Directory, mut new: Directory) -> (Directory, Vec<Change>) {
    let mut changes = Vec::new();
    let broken: BTreeSet<String> = new
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && UNREADABLE.contains(&d.code))
        .map(|d| d.file.clone())
        .collect();
    for file in &broken {
        let present: HashSet<&str> = new.agencies.iter().map(|a| a.id.as_str()).collect();
        let kept: Vec<Agency> = old
            .agencies
            .iter()
            .filter(|a| &a.origin.file == file && !present.contains(a.id.as_str()))
            .cloned()
            .collect();
        changes.push(Change::KeptLastGood {
            file: file.clone(),
            kept: kept.len(),
        });
        new.agencies.extend(kept);
    }
    if !broken.is_empty() {
        // Back into load order: by file as loaded, then by line.
        let order: HashMap<&str, usize> = new
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i))
            .collect();
        let mut keyed: Vec<(usize, usize, Agency)> = std::mem::take(&mut new.agencies)
            .into_iter()
            .map(|a| {
                let f = order
                    .get(a.origin.file.as_str())
                    .copied()
                    .unwrap_or(usize::MAX);
                (f, a.origin.line, a)
            })
            .collect();
        keyed.sort_by_key(|(f, l, _)| (*f, *l));
        new.agencies = keyed.into_iter().map(|(_, _, a)| a).collect();
    }
    let before: HashMap<&str, &Agency> = old.agencies.iter().map(|a| (a.id.as_str(), a)).collect();
    let after: HashSet<&str> = new.agencies.iter().map(|a| a.id.as_str()).collect();
    for a in &new.agencies {
        match before.get(a.id.as_str()) {
            None => changes.push(Change::Added { id: a.id.clone() }),
            Some(o) if content(o) != content(a) => {
                changes.push(Change::Changed { id: a.id.clone() })
            }
            Some(_) => {}
        }
    }
    for a in &old.agencies {
        if !after.contains(a.id.as_str()) {
            changes.push(Change::Removed { id: a.id.clone() });
        }
    }
    (new, changes)
}

/// Loads `path` again and merges it into `old` with [`reload`].
pub fn reload_from(old: &Directory, path: &Path, opts: &LoadOptions) -> (Directory, Vec<Change>) {
    if !path.exists() {
        // Deleted, or in the middle of being replaced: an empty screen helps nobody.
        let folder = old.files.first().is_none_or(|f| Path::new(f) != path);
        let gone = Change::DataGone {
            path: path.display().to_string(),
            folder,
        };
        return (old.clone(), vec![gone]);
    }
    let new = load_path(path, opts);
    if new.files.is_empty() && !old.files.is_empty() {
        let empty = Change::DataEmpty {
            path: path.display().to_string(),
        };
        return (old.clone(), vec![empty]);
    }
    reload(old, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::load_texts;

    fn opts() -> LoadOptions {
        LoadOptions {
            today: jiff::civil::date(2026, 11, 25),
            lang: Lang::Uk,
        }
    }

    fn agency(id: &str, name: &str) -> String {
        format!(
            "[[agency]]\nid = \"{id}\"\nname = \"{name}\"\ncategory = \"tax\"\nlocality = \"Житомир\"\n\
             address = \"вул. Київська, 1\"\nphones = [\"+380 412 42 05 10\"]\nhours = \"Пн-Пт 09:00-18:00\"\n\
             verified = 2026-10-01\n\n"
        )
    }

    #[test]
    fn reload_reports_added_removed_and_changed_ids() {
        let a = agency("a", "Перша");
        let b = agency("b", "Друга");
        let old = load_texts(&[("x.toml", &format!("{a}{b}"))], &opts());
        let b2 = agency("b", "Друга змінена");
        let c = agency("c", "Третя");
        let new = load_texts(&[("x.toml", &format!("{b2}{c}"))], &opts());
        let (dir, changes) = reload(&old, new);
        assert_eq!(dir.agencies.len(), 2);
        assert_eq!(
            changes,
            vec![
                Change::Changed { id: "b".into() },
                Change::Added { id: "c".into() },
                Change::Removed { id: "a".into() },
            ]
        );
    }

    #[test]
    fn a_folder_emptied_of_its_files_keeps_the_last_good_directory() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("x.toml"), agency("a", "Перша")).unwrap();
        let old = load_path(tmp.path(), &opts());
        std::fs::remove_file(tmp.path().join("x.toml")).unwrap();
        let (kept, changes) = reload_from(&old, tmp.path(), &opts());
        assert_eq!(kept.agencies.len(), 1);
        assert!(
            matches!(&changes[..], [Change::DataEmpty { .. }]),
            "{changes:?}"
        );
        assert!(changes[0].is_warning());
        assert!(
            changes[0]
                .message(Lang::Uk)
                .contains("більше немає жодного файлу .toml — показано останню справну версію")
        );
        // A file back: read as usual.
        std::fs::write(tmp.path().join("y.toml"), agency("b", "Друга")).unwrap();
        let (back, _) = reload_from(&kept, tmp.path(), &opts());
        assert!(back.agency("b").is_some() && back.agency("a").is_none());
    }

    #[test]
    fn unchanged_entry_that_moved_down_is_not_reported() {
        let a = agency("a", "Перша");
        let old = load_texts(&[("x.toml", &a)], &opts());
        let new = load_texts(&[("x.toml", &format!("# коментар\n\n{a}"))], &opts());
        let (_, changes) = reload(&old, new);
        assert!(changes.is_empty(), "{changes:?}");
    }

    #[test]
    fn file_that_no_longer_parses_keeps_its_last_good_entries() {
        let a = agency("a", "Перша");
        let b = agency("b", "Друга");
        let other = agency("z", "Інша");
        let old = load_texts(
            &[("x.toml", &format!("{a}{b}")), ("y.toml", &other)],
            &opts(),
        );
        // Half-way through an edit: an unclosed string in entry b.
        let broken_b = agency("b", "Друга").replace("\"Друга\"", "\"Друга");
        let new = load_texts(
            &[("x.toml", &format!("{a}{broken_b}")), ("y.toml", &other)],
            &opts(),
        );
        assert!(
            new.agency("b").is_none(),
            "the loader drops the broken entry"
        );
        let (dir, changes) = reload(&old, new);
        let ids: Vec<&str> = dir.agencies.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "z"], "kept in load order");
        assert_eq!(
            changes,
            vec![Change::KeptLastGood {
                file: "x.toml".into(),
                kept: 1
            }]
        );
        assert_eq!(
            changes[0].message(Lang::Uk),
            "файл x.toml більше не читається; збережено 1 установу з останньої справної версії"
        );
        assert!(
            dir.diagnostics.iter().any(|d| d.code == "syntax"),
            "the error still shows"
        );
    }

    #[test]
    fn filter_takes_toml_files_and_skips_hidden_ones() {
        let f = Filter {
            root: PathBuf::from("/home/u/.local/d"),
            single: None,
        };
        assert!(f.wants(Path::new("/home/u/.local/d/zt/tax.toml")));
        assert!(!f.wants(Path::new("/home/u/.local/d/zt/.tax.toml.swp")));
        assert!(!f.wants(Path::new("/home/u/.local/d/.git/x.toml")));
        assert!(!f.wants(Path::new("/home/u/.local/d/notes.txt")));
        let one = Filter {
            root: PathBuf::from("/d"),
            single: Some("a.toml".into()),
        };
        assert!(one.wants(Path::new("/d/a.toml")));
        assert!(!one.wants(Path::new("/d/b.toml")));
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        assert!(!is_content_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_content_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
    }
}

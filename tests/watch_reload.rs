//! Live reload: the watcher reports a saved directory file within a bounded wait, and the
//! reload that follows says what changed and keeps the last good entries of a broken file.

use refdesk::directory::watch::{self, Change, WatchEvent};
use refdesk::directory::{LoadOptions, load_path};
use refdesk::i18n::Lang;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// Generous: a loaded CI machine may be slow, and the wait ends as soon as the event arrives.
const WAIT: Duration = Duration::from_secs(15);

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

/// Waits (polling with a deadline) until a change naming `file` arrives; returns every path
/// reported until then.
fn wait_for(rx: &Receiver<WatchEvent>, file: &Path) -> Vec<PathBuf> {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    let name = file.file_name().unwrap();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(WatchEvent::Changed(paths)) => {
                let hit = paths.iter().any(|p| p.file_name() == Some(name));
                seen.extend(paths);
                if hit {
                    return seen;
                }
            }
            Ok(WatchEvent::Error(e)) => panic!("watcher error: {e}"),
            Err(_) => panic!(
                "no change reported for {} within {WAIT:?}; saw {seen:?}",
                file.display()
            ),
        }
    }
}

#[test]
fn saving_a_directory_file_is_reported_and_reloaded() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("tax.toml");
    std::fs::write(
        &file,
        format!("{}{}", agency("a", "Перша"), agency("b", "Друга")),
    )
    .unwrap();
    let old = load_path(tmp.path(), &opts());
    assert_eq!(old.agencies.len(), 2);
    let (_watcher, rx) = watch::watch_channel(tmp.path()).unwrap();

    std::fs::write(tmp.path().join("notes.txt"), "не довідник").unwrap();
    std::fs::write(
        &file,
        format!(
            "{}{}",
            agency("a", "Перша"),
            agency("b", "Друга, нова назва")
        ),
    )
    .unwrap();
    let seen = wait_for(&rx, &file);
    assert!(
        seen.iter()
            .all(|p| p.extension().is_some_and(|e| e == "toml")),
        "only *.toml files are reported: {seen:?}"
    );
    let (new, changes) = watch::reload_from(&old, tmp.path(), &opts());
    assert_eq!(changes, vec![Change::Changed { id: "b".into() }]);
    assert_eq!(new.agency("b").unwrap().name, "Друга, нова назва");
}

#[test]
fn a_file_broken_mid_edit_keeps_its_last_good_entries() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("tax.toml");
    std::fs::write(
        &file,
        format!("{}{}", agency("a", "Перша"), agency("b", "Друга")),
    )
    .unwrap();
    let old = load_path(tmp.path(), &opts());
    let (_watcher, rx) = watch::watch_channel(tmp.path()).unwrap();

    // An unclosed quote in b's name, as happens while typing.
    let broken = agency("b", "Друга").replace("\"Друга\"", "\"Друга");
    std::fs::write(&file, format!("{}{broken}", agency("a", "Перша"))).unwrap();
    wait_for(&rx, &file);
    let (new, changes) = watch::reload_from(&old, tmp.path(), &opts());
    let ids: Vec<&str> = new.agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        changes,
        vec![Change::KeptLastGood {
            file: file.display().to_string(),
            kept: 1
        }]
    );
    assert!(changes[0].message(Lang::Uk).contains("більше не читається"));
    assert!(changes[0].is_warning());
}

#[test]
fn a_single_watched_file_saved_by_rename_is_reported() {
    // Editors often write a temporary file and rename it over the original.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("one.toml");
    std::fs::write(&file, agency("a", "Перша")).unwrap();
    let (_watcher, rx) = watch::watch_channel(&file).unwrap();
    let temp = tmp.path().join(".one.toml.swp");
    std::fs::write(&temp, agency("a", "Перша, змінена")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    let seen = wait_for(&rx, &file);
    assert!(
        seen.iter().all(|p| p.file_name() == file.file_name()),
        "{seen:?}"
    );
}

/// Waits for the next reported change, whatever it names.
fn wait_any(rx: &Receiver<WatchEvent>) -> Vec<PathBuf> {
    match rx.recv_timeout(WAIT) {
        Ok(WatchEvent::Changed(paths)) => paths,
        Ok(WatchEvent::Error(e)) => panic!("watcher error: {e}"),
        Err(_) => panic!("no change reported within {WAIT:?}"),
    }
}

/// The data folder deleted under the screen: the last good directory stays and the change says
/// the folder is gone; copied back, it is read again; a new folder moved over it is watched
/// (the last two where the platform allows, see [`back_again`]).
#[test]
fn a_deleted_data_folder_keeps_the_last_good_directory_and_is_picked_up_again() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("tax.toml"), agency("a", "Перша")).unwrap();
    let old = load_path(&data, &opts());
    let (_watcher, rx) = watch::watch_channel(&data).unwrap();

    std::fs::remove_dir_all(&data).unwrap();
    wait_any(&rx);
    let (kept, changes) = watch::reload_from(&old, &data, &opts());
    assert_eq!(kept.agencies.len(), 1, "the last good directory stays");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].is_warning());
    // Windows keeps a deleted folder that is being watched until the watch lets go of it: it
    // is then seen as a folder with no files.
    let m = changes[0].message(Lang::Uk);
    let gone = m.contains("теки з даними") || m.contains("у теці з даними");
    assert!(gone && m.contains("більше немає"), "{m}");

    #[cfg(unix)]
    back_again(&tmp, &data, &rx, &kept);
}

/// The second half of the test above: the deleted folder copied back, then a new folder moved
/// over it. Unix only: Windows keeps a deleted folder that is being watched (delete pending)
/// until the watch lets go of it, so a new one cannot be made under its name meanwhile.
#[cfg(unix)]
fn back_again(
    tmp: &tempfile::TempDir,
    data: &Path,
    rx: &Receiver<WatchEvent>,
    kept: &refdesk::directory::Directory,
) {
    // Copied back, with a change.
    std::fs::create_dir(data).unwrap();
    std::fs::write(data.join("tax.toml"), agency("a", "Перша, повернена")).unwrap();
    wait_any(rx);
    let (back, changes) = watch::reload_from(kept, data, &opts());
    assert_eq!(back.agency("a").unwrap().name, "Перша, повернена");
    assert_eq!(changes, vec![Change::Changed { id: "a".into() }]);

    // A new folder moved over it: reported, and edits inside it are seen from then on.
    let fresh = tmp.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    std::fs::write(fresh.join("tax.toml"), agency("b", "Друга")).unwrap();
    std::fs::rename(data, tmp.path().join("old")).unwrap();
    std::fs::rename(&fresh, data).unwrap();
    wait_any(rx);
    let file = data.join("tax.toml");
    let deadline = Instant::now() + WAIT;
    // The swap may be reported in more than one burst; the edit after it must arrive too.
    while rx.try_recv().is_ok() && Instant::now() < deadline {}
    std::fs::write(&file, agency("b", "Друга, змінена")).unwrap();
    wait_for(rx, &file);
    let (now, _) = watch::reload_from(&back, data, &opts());
    assert_eq!(now.agency("b").unwrap().name, "Друга, змінена");
}

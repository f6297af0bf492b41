//! Where refdesk keeps its files — the one owner of the platform folders.
//!
//! Linux: `~/.config/refdesk`, `~/.local/share/refdesk`, `~/.cache/refdesk` (the `XDG_*`
//! variables move them). Windows: `%APPDATA%\refdesk\refdesk\config`,
//! `%APPDATA%\refdesk\refdesk\data` and `%LOCALAPPDATA%\refdesk\refdesk\cache` (what the
//! `directories` crate gives, through the Known Folders API). `REFDESK_HOME` puts all three under
//! one folder on every platform (`config`, `data`, `cache` inside it) — for a portable install on
//! a USB stick, and for tests, which must not touch the desk's own files.

use std::path::PathBuf;

/// The variable that moves every folder under one.
pub const HOME_ENV: &str = "REFDESK_HOME";

fn home_override() -> Option<PathBuf> {
    std::env::var_os(HOME_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("ua", "refdesk", "refdesk")
}

/// The settings folder (`refdesk.toml` lives here).
pub fn config_dir() -> Option<PathBuf> {
    match home_override() {
        Some(h) => Some(h.join("config")),
        None => project().map(|d| d.config_dir().to_path_buf()),
    }
}

/// The data folder: the referral log and unprinted slips.
pub fn data_dir() -> Option<PathBuf> {
    match home_override() {
        Some(h) => Some(h.join("data")),
        None => project().map(|d| d.data_dir().to_path_buf()),
    }
}

/// The cache folder: the parsed directory, safe to delete.
pub fn cache_dir() -> Option<PathBuf> {
    match home_override() {
        Some(h) => Some(h.join("cache")),
        None => project().map(|d| d.cache_dir().to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_folders_differ_and_end_in_refdesk_or_its_parts() {
        // Without REFDESK_HOME (the test runner does not set it) the platform folders apply.
        if home_override().is_some() {
            return;
        }
        let (c, d, k) = (
            config_dir().expect("config"),
            data_dir().expect("data"),
            cache_dir().expect("cache"),
        );
        assert_ne!(d, k);
        for p in [&c, &d, &k] {
            assert!(
                p.components().any(|c| c.as_os_str() == "refdesk"),
                "{}",
                p.display()
            );
        }
        #[cfg(windows)]
        {
            let local = std::env::var_os("LOCALAPPDATA").map(PathBuf::from);
            let roaming = std::env::var_os("APPDATA").map(PathBuf::from);
            assert!(
                k.starts_with(local.expect("LOCALAPPDATA")),
                "{}",
                k.display()
            );
            assert!(c.starts_with(roaming.expect("APPDATA")), "{}", c.display());
        }
    }
}

//! Statistics per desk: desks that share one folder (a network share) never write one log.
//! Each desk with a name in its settings (`desk = "Вікно 1"`) appends to its own
//! `referrals-Вікно-1.log`; `stats` sums the folder's logs.

use super::{Log, LogContents, StatsError};
use crate::config::Config;
use std::path::{Path, PathBuf};

/// The file name of a desk's log: letters and digits kept (Cyrillic too), anything else «-».
pub fn file_name(desk: &str) -> String {
    let mut name = String::new();
    for c in desk.trim().chars() {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    format!("referrals-{}.log", name.trim_matches('-'))
}

/// The folder the logs are in: `stats_folder` from the settings, else the default log's.
fn folder(config: &Config) -> Result<PathBuf, StatsError> {
    if let Some(f) = &config.stats_folder {
        return Ok(f.clone());
    }
    let default = Log::default_location()?;
    Ok(match default.path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    })
}

/// Where this desk appends: its own file when it has a name, else the shared log as before.
pub fn log_for(config: &Config) -> Result<Log, StatsError> {
    let desk = config.desk.as_deref().filter(|d| !d.trim().is_empty());
    match (desk, &config.stats_folder) {
        (Some(d), _) => Ok(Log::at(folder(config)?.join(file_name(d)))),
        (None, Some(f)) => Ok(Log::at(f.join("referrals.log"))),
        (None, None) => Log::default_location(),
    }
}

/// Every log to sum: the shared one and each desk's (`referrals-*.log`) in the folder, in
/// name order.
pub fn logs(config: &Config) -> Result<Vec<Log>, StatsError> {
    let shared = match &config.stats_folder {
        Some(f) => Log::at(f.join("referrals.log")),
        None => Log::default_location()?,
    };
    let dir = folder(config)?;
    let mut desks: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_desk_log(p))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => return Err(StatsError::Io { path: dir, source }),
    };
    desks.sort();
    let mut out = vec![shared];
    for p in desks {
        if p != out[0].path {
            out.push(Log::at(p));
        }
    }
    Ok(out)
}

fn is_desk_log(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("referrals-") && n.ends_with(".log"))
}

/// Reads every log; each one's contents with its log, so damaged lines are named by file.
pub fn read_all(config: &Config) -> Result<Vec<(Log, LogContents)>, StatsError> {
    logs(config)?
        .into_iter()
        .map(|l| l.read().map(|c| (l, c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{How, Record, summarize};

    #[test]
    fn each_desk_writes_its_own_file_and_stats_sums_them_all() {
        let tmp = tempfile::tempdir().unwrap();
        let desk = |name: Option<&str>| Config {
            desk: name.map(str::to_string),
            stats_folder: Some(tmp.path().to_path_buf()),
            ..Config::default()
        };
        let rec = |id: &str| Record {
            at: "2026-11-25T10:30".parse().unwrap(),
            id: id.into(),
            category: "tax".into(),
            service: None,
            how: How::Printed,
            step: None,
        };
        let one = log_for(&desk(Some("Вікно 1"))).unwrap();
        let two = log_for(&desk(Some("Бердичів / приймальня"))).unwrap();
        assert_eq!(one.path, tmp.path().join("referrals-Вікно-1.log"));
        assert_eq!(
            two.path,
            tmp.path().join("referrals-Бердичів-приймальня.log")
        );
        one.append(&rec("a")).unwrap();
        one.append(&rec("a")).unwrap();
        two.append(&rec("b")).unwrap();
        log_for(&desk(None)).unwrap().append(&rec("c")).unwrap();
        let all = read_all(&desk(None)).unwrap();
        assert_eq!(all.len(), 3);
        let records: Vec<Record> = all.into_iter().flat_map(|(_, c)| c.records).collect();
        let s = summarize(&records, None, None);
        assert_eq!(s.total, 4);
        assert_eq!(
            (s.by_agency[0].key.as_str(), s.by_agency[0].count),
            ("a", 2)
        );
    }
}

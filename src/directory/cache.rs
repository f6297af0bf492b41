//! A cache of the parsed directory, so that starting does not re-read and re-check 100 MB of
//! TOML every time (performance.md: parsing is most of a cold start at 100k agencies).
//!
//! Only what the directory files say is cached — agencies, categories, the `[directory]` table
//! and the diagnostics — never anything typed at the desk. One cache file per data path, in the
//! platform cache folder ([`crate::paths::cache_dir`]).
//!
//! The cache is an optimisation and is never trusted: it is used only when its key matches
//! exactly, and any doubt (wrong magic or format version, wrong length, checksum mismatch, a
//! value that no longer parses) means a fresh parse and a rewrite. The key holds everything the
//! parse result depends on: the cache format, the program (version plus the executable's size
//! and modification time, so a rebuilt binary with a changed parser never reads stale results),
//! the language (diagnostics are localised), and every source file's path, size and
//! modification time. Not today's date: the checks that depend on it (stale, verified in the
//! future) are made after loading, on the cached result as on a fresh one
//! ([`super::load::check_dates`]), so the first start of a day does not parse everything again.
//!
//! Layout: magic (8) | format version u32 | key length u32 | payload length u64 | CRC-32 of key
//! and payload u32 | key | payload (postcard). Phones are stored parsed (re-parsing them was
//! ~0.45 s of a 0.9 s warm load at 10k agencies); hours are stored as text and parsed again,
//! once per distinct text (their parsed form holds the `opening-hours` expression, which has no
//! serde). Writes go to a temporary file renamed into place, so a crash never leaves a torn
//! cache behind under the real name.

use super::load::{LoadOptions, check_dates, load_path, load_path_undated, source_files};
use super::{Agency, Category, Diagnostic, Directory, DirectoryMeta, SkippedDate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"RDSKDIR\0";
/// Bump whenever the model's serialised shape or the layout changes.
const FORMAT_VERSION: u32 = 3;
const HEADER: usize = 8 + 4 + 4 + 8 + 4;
/// A file modified this recently may be modified again within the file system's timestamp
/// granularity without its size changing; such a directory is not cached (the "racily clean"
/// problem git has), so an edit can never be hidden behind an equal key.
const RACY: Duration = Duration::from_secs(2);

/// What happened on a load through the cache (for tests and `--verbose`-style reporting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// `REFDESK_NO_CACHE` is set, or there is no cache folder: parsed, nothing written.
    Disabled,
    /// Read from the cache; nothing was parsed.
    Hit,
    /// No usable cache for this data path yet: parsed and written.
    Miss,
    /// A cache file existed but was stale, corrupt or from another version: parsed and rewritten.
    Rebuilt,
    /// Parsed; the cache was not written (a file changed in the last moments, or the cache
    /// folder is not writable).
    NotWritten,
}

/// The platform cache folder for refdesk ([`crate::paths::cache_dir`]).
pub fn default_cache_dir() -> Option<PathBuf> {
    crate::paths::cache_dir()
}

/// `REFDESK_NO_CACHE` set to anything but empty or `0`.
pub fn disabled_by_env() -> bool {
    std::env::var_os("REFDESK_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A directory as loaded, with where values derived from it (the search index) may be cached.
/// The handle is kept beside the directory, not in it, so that a directory edited or reloaded
/// in memory can never carry a handle that no longer matches it.
#[derive(Debug, Clone, Default)]
pub struct LoadedDirectory {
    pub dir: Directory,
    /// Set only when the directory came through the parsed-directory cache unchanged.
    pub cache: Option<CacheHandle>,
}

impl LoadedDirectory {
    /// A directory that did not come through the cache.
    pub fn uncached(dir: Directory) -> Self {
        LoadedDirectory { dir, cache: None }
    }
}

/// Loads `path` like [`load_path`], through the cache in the default folder unless disabled.
pub fn load_path_cached(path: &Path, opts: &LoadOptions) -> (LoadedDirectory, CacheOutcome) {
    match default_cache_dir() {
        Some(dir) if !disabled_by_env() => load_path_cached_in(path, opts, &dir),
        _ => (
            LoadedDirectory::uncached(load_path(path, opts)),
            CacheOutcome::Disabled,
        ),
    }
}

/// Loads `path` through a cache kept in `cache_dir`.
pub fn load_path_cached_in(
    path: &Path,
    opts: &LoadOptions,
    cache_dir: &Path,
) -> (LoadedDirectory, CacheOutcome) {
    let Some((key, newest)) = cache_key(path, opts) else {
        return (
            LoadedDirectory::uncached(load_path(path, opts)),
            CacheOutcome::NotWritten,
        );
    };
    let name = cache_file_name(path);
    let file = cache_dir.join(&name);
    let handle = CacheHandle {
        dir: cache_dir.to_path_buf(),
        stem: name.trim_end_matches(".bin").to_string(),
        key: key.clone(),
    };
    let dated = |mut dir: Directory, outcome| {
        // An entry left out by the date checks makes the directory differ from the cached one.
        let left_out = check_dates(&mut dir, opts.today, opts.lang);
        let cache = (!left_out).then_some(handle);
        (LoadedDirectory { dir, cache }, outcome)
    };
    if let Some(dir) = decode(&file, &key) {
        return dated(dir, CacheOutcome::Hit);
    }
    let existed = file.exists();
    let mut dir = load_path_undated(path, opts.lang);
    let racy = SystemTime::now()
        .checked_sub(RACY)
        .is_none_or(|limit| newest > limit);
    if racy || write_dir(cache_dir, &file, &key, &dir).is_err() {
        check_dates(&mut dir, opts.today, opts.lang);
        return (LoadedDirectory::uncached(dir), CacheOutcome::NotWritten);
    }
    let outcome = if existed {
        CacheOutcome::Rebuilt
    } else {
        CacheOutcome::Miss
    };
    dated(dir, outcome)
}

/// The cache file for one data path: a hash of its absolute path, so two folders never share
/// a file (and the file name reveals nothing of the path).
pub fn cache_file_name(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!(
        "directory-{:016x}.bin",
        fnv1a(abs.as_os_str().as_encoded_bytes())
    )
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Everything the parse result depends on, as bytes, plus the newest source modification time.
/// `None` when a file cannot even be examined (then the parse reports it, and nothing is cached).
fn cache_key(path: &Path, opts: &LoadOptions) -> Option<(Vec<u8>, SystemTime)> {
    let mut key = Vec::with_capacity(4096);
    let mut put = |b: &[u8]| {
        key.extend_from_slice(&(b.len() as u64).to_le_bytes());
        key.extend_from_slice(b);
    };
    put(env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    put(&exe.len().to_le_bytes());
    put(&stamp(exe.modified().ok()?).to_le_bytes());
    put(format!("{:?}", opts.lang).as_bytes());
    let mut newest = UNIX_EPOCH;
    for f in source_files(path) {
        let meta = std::fs::metadata(&f).ok()?;
        let modified = meta.modified().ok()?;
        newest = newest.max(modified);
        put(f.as_os_str().as_encoded_bytes());
        put(&meta.len().to_le_bytes());
        put(&stamp(modified).to_le_bytes());
    }
    Some((key, newest))
}

/// Nanoseconds since the epoch (negative before it); exact, so any change of mtime counts.
fn stamp(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

type Payload = (
    DirectoryMeta,
    Vec<Agency>,
    Vec<Category>,
    Vec<Diagnostic>,
    Vec<String>,
    Vec<SkippedDate>,
    Vec<super::thesaurus::Entry>,
);

fn decode(file: &Path, key: &[u8]) -> Option<Directory> {
    let (meta, agencies, categories, diagnostics, files, skipped_dates, thesaurus): Payload =
        super::model::with_hours_memo(|| read_checked(file, key))?;
    Some(Directory {
        meta,
        agencies,
        categories,
        diagnostics,
        files,
        skipped_dates,
        thesaurus,
    })
}

/// Reads the value in a cache file whose magic, version, length, key and checksum all check
/// out. The payload is decoded as it streams in (the checksum is compared at the end, before
/// the value is returned), so the file is never held in memory whole: at 100k agencies that
/// would be 300 MB on top of the directory itself.
fn read_checked<T: DeserializeOwned>(file: &Path, key: &[u8]) -> Option<T> {
    let f = std::fs::File::open(file).ok()?;
    let len = f.metadata().ok()?.len();
    let mut f = std::io::BufReader::new(f);
    let mut header = [0u8; HEADER];
    f.read_exact(&mut header).ok()?;
    if &header[..8] != MAGIC {
        return None;
    }
    let u32_at = |i: usize| header[i..i + 4].try_into().ok().map(u32::from_le_bytes);
    if u32_at(8)? != FORMAT_VERSION {
        return None;
    }
    let key_len = u32_at(12)?;
    let payload_len = u64::from_le_bytes(header[16..24].try_into().ok()?);
    let crc = u32_at(24)?;
    if (HEADER as u64)
        .checked_add(u64::from(key_len))?
        .checked_add(payload_len)?
        != len
        || key_len as usize != key.len()
    {
        return None;
    }
    let mut stored_key = vec![0; key.len()];
    f.read_exact(&mut stored_key).ok()?;
    if stored_key != key {
        return None;
    }
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&stored_key);
    let mut body = std::io::BufReader::with_capacity(
        1 << 16,
        Hashing {
            inner: f.take(payload_len),
            hasher,
        },
    );
    // Scratch for one string at a time (postcard reuses it for owned strings); a longer field
    // makes the read fail, which only means a fresh parse.
    let mut scratch = vec![0u8; 16 << 20];
    let (value, _) = postcard::from_io::<T, _>((&mut body, &mut scratch)).ok()?;
    // Whatever the decoder left unread still counts towards the checksum, and must be nothing.
    let mut rest = Vec::new();
    body.read_to_end(&mut rest).ok()?;
    let hashing = body.into_inner();
    (rest.is_empty() && hashing.inner.limit() == 0 && hashing.hasher.finalize() == crc)
        .then_some(value)
}

/// A reader that checksums what passes through it.
struct Hashing<R> {
    inner: std::io::Take<R>,
    hasher: crc32fast::Hasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn encode<T: Serialize + ?Sized>(key: &[u8], value: &T) -> Result<Vec<u8>, postcard::Error> {
    let mut buf = Vec::with_capacity(HEADER + key.len() + 1024);
    buf.extend_from_slice(MAGIC);
    buf.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    buf.extend_from_slice(&(key.len() as u32).to_le_bytes());
    buf.extend_from_slice(&[0; 8 + 4]);
    buf.extend_from_slice(key);
    let mut buf = postcard::to_extend(value, buf)?;
    let payload_len = (buf.len() - HEADER - key.len()) as u64;
    buf[16..24].copy_from_slice(&payload_len.to_le_bytes());
    let crc = crc32fast::hash(&buf[HEADER..]);
    buf[24..28].copy_from_slice(&crc.to_le_bytes());
    Ok(buf)
}

fn write_dir(cache_dir: &Path, file: &Path, key: &[u8], dir: &Directory) -> std::io::Result<()> {
    let payload = (
        &dir.meta,
        &dir.agencies,
        &dir.categories,
        &dir.diagnostics,
        &dir.files,
        &dir.skipped_dates,
        &dir.thesaurus,
    );
    write(cache_dir, file, key, &payload)
}

/// Where values derived from a cached directory (the search index) are kept: beside the
/// directory's cache file, under the same key, so they go stale exactly when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheHandle {
    dir: PathBuf,
    stem: String,
    key: Vec<u8>,
}

impl CacheHandle {
    /// The value named `name` (format `version`), from the cache when it is there and sound,
    /// otherwise built and stored. `valid` rejects a decoded value that does not fit the
    /// directory (a cheap sanity check on top of the checksum and key).
    pub fn derived<T: Serialize + DeserializeOwned>(
        &self,
        name: &str,
        version: u32,
        valid: impl FnOnce(&T) -> bool,
        build: impl FnOnce() -> T,
    ) -> (T, CacheOutcome) {
        let mut key = self.key.clone();
        key.extend_from_slice(name.as_bytes());
        key.extend_from_slice(&version.to_le_bytes());
        let file = self.dir.join(format!("{}.{name}.bin", self.stem));
        if let Some(v) = read_checked::<T>(&file, &key).filter(valid) {
            return (v, CacheOutcome::Hit);
        }
        let existed = file.exists();
        let value = build();
        let outcome = match write(&self.dir, &file, &key, &value) {
            Err(_) => CacheOutcome::NotWritten,
            Ok(()) if existed => CacheOutcome::Rebuilt,
            Ok(()) => CacheOutcome::Miss,
        };
        (value, outcome)
    }
}

fn write<T: Serialize + ?Sized>(
    cache_dir: &Path,
    file: &Path,
    key: &[u8],
    value: &T,
) -> std::io::Result<()> {
    let bytes = encode(key, value).map_err(std::io::Error::other)?;
    std::fs::create_dir_all(cache_dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(cache_dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

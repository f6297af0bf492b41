//! Reading input files without ever blocking or running out of memory.
//!
//! A folder can hold more than files: a FIFO named `x.toml` would make a plain `read` wait
//! forever for a writer, and a symbolic link to `/dev/zero` would be read until memory runs
//! out. Files are opened without blocking (O_NONBLOCK on Unix, which does nothing to a regular
//! file), checked on the open handle (so nothing can be swapped in between), and read up to a
//! limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest directory file read: far above any real one (the 100,000-agency benchmark
/// directory is split into files of a few MB).
pub const DATA_FILE_LIMIT: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A FIFO, device, socket or folder.
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {limit} bytes")]
    TooBig { limit: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Opens `path` for reading without waiting for a writer (a FIFO) or a device.
fn open(path: &Path) -> io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Reads at most `limit` bytes of `f`; more is [`ReadError::TooBig`].
fn read_up_to(f: File, limit: u64, expected: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize);
    f.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig { limit });
    }
    Ok(bytes)
}

/// A regular file's bytes (a symbolic link is followed), at most `limit` of them.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let f = open(path).map_err(|e| match std::fs::metadata(path) {
        // Windows does not open a folder as a file at all.
        Ok(m) if m.is_dir() => ReadError::NotRegular,
        _ => ReadError::Io(e),
    })?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooBig { limit });
    }
    read_up_to(f, limit, meta.len())
}

/// Any readable file's bytes, at most `limit` of them, without blocking: a settings file may
/// well be `/dev/null`; a FIFO with no writer reads as empty.
pub fn read_any(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let f = open(path)?;
    let len = f.metadata()?.len();
    read_up_to(f, limit, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_big_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "x = 1\n").unwrap();
        assert_eq!(read_regular(&p, 100).unwrap(), b"x = 1\n");
        assert!(matches!(
            read_regular(&p, 3),
            Err(ReadError::TooBig { limit: 3 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_never_block_nor_fill_memory() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.toml");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(ReadError::NotRegular)
        ));
        assert_eq!(read_any(&fifo, 100).unwrap(), b"");
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_regular(&zero, 100),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_any(&zero, 100),
            Err(ReadError::TooBig { limit: 100 })
        ));
        assert_eq!(read_any(Path::new("/dev/null"), 100).unwrap(), b"");
    }
}

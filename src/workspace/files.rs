//! File-system edge: bounded reads of regular files, atomic writes that respect the file that is
//! there (symlinks followed, permission bits kept, read-only files left alone, new files by the
//! umask), file identity through symlinks, and clean-up of temp files a killed save left.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// The largest input lineup reads: a FOSDEM schedule is 2 MB, 100,000 talks as frab XML 110 MB.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// How temp files are named: `.<target file name>.lineup-XXXXXX.tmp`, so a save can tell its own
/// leftovers from anything else in the folder.
const TEMP_TAG: &str = ".lineup-";
const TEMP_SUFFIX: &str = ".tmp";

/// Temp files of an older lineup (`.lineup-XXXXXX.tmp`, not tied to a file) are removed once
/// they are this old.
const LEGACY_TEMP_AGE: Duration = Duration::from_secs(3600);

fn read_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens `path` for reading when it is a regular file of at most `limit` bytes. A folder, FIFO
/// or device is refused before it is opened (opening a FIFO with no writer would block).
pub fn open_regular(path: &Path, what: &'static str, limit: u64) -> Result<File> {
    let meta = fs::metadata(path).map_err(read_err(path))?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what,
            stdin_ok: what == "schedule",
        });
    }
    if meta.len() > limit {
        return Err(Error::TooBig {
            path: path.to_path_buf(),
            bytes: meta.len(),
            limit,
            what,
        });
    }
    File::open(path).map_err(read_err(path))
}

/// Reads all of `src`, refusing more than `limit` bytes (a file that grows while it is read, or
/// standard input); `what` names its kind in the refusal.
pub fn read_limited(
    src: impl Read,
    (path, what): (&Path, &'static str),
    limit: u64,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_limited_into(src, (path, what), limit, &mut bytes)?;
    Ok(bytes)
}

/// Reads all of `src` after what `bytes` holds, refusing more than `limit` bytes in all. Give
/// `bytes` the capacity the file needs, and the text is read into one allocation, not copied
/// from one doubling buffer to the next.
pub fn read_limited_into(
    src: impl Read,
    (path, what): (&Path, &'static str),
    limit: u64,
    bytes: &mut Vec<u8>,
) -> Result<()> {
    let room = limit.saturating_add(1).saturating_sub(bytes.len() as u64);
    src.take(room).read_to_end(bytes).map_err(read_err(path))?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooBig {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
            limit,
            what,
        });
    }
    Ok(())
}

/// Reads a whole regular file of at most `limit` bytes; `what` names its kind in errors.
pub fn read_regular(path: &Path, what: &'static str, limit: u64) -> Result<Vec<u8>> {
    read_limited(open_regular(path, what, limit)?, (path, what), limit)
}

/// The file a path names once symlinks are followed (the last link's target when it does not
/// exist yet, so saving through a dangling link creates the target).
pub fn resolve_target(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(to) = fs::read_link(&p) else { break };
        p = match p.parent() {
            Some(dir) if to.is_relative() => dir.join(to),
            _ => to,
        };
    }
    p
}

/// Whether something (a file, a link, even a dangling one) is at `path`.
pub fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Whether two paths name the same existing file (through symlinks and hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Keep temp names well under the 255-byte limit of most file systems.
    let cut = name
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= 100)
        .last()
        .unwrap_or(0);
    let name = if name.len() > 100 {
        &name[..cut]
    } else {
        &name
    };
    format!(".{name}{TEMP_TAG}")
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old file or the new
/// one, never a torn one: a temp file in the same folder, fsync, rename over, fsync the folder.
///
/// A symlink stays a symlink (its target is replaced), an existing file keeps its permission
/// bits, a read-only file or anything that is not a regular file is refused, and a new file gets
/// the mode the umask gives.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes as it goes (buffered): nothing is held in memory
/// whole, and the file appears only once complete. Returns what `write` returns.
pub fn write_atomic_with<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> Result<T> {
    let target = resolve_target(path);
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let existing = match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => {
            return Err(Error::NotAFile {
                path: path.to_path_buf(),
                what: "regular",
                stdin_ok: false,
            });
        }
        Ok(meta) if meta.permissions().readonly() => {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(meta) => Some(meta.permissions()),
        Err(_) => None,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if existing.is_none() {
        // Created through open(2) with 0666, which the umask narrows as for any new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    if let Some(perms) = existing {
        // The exact bits of the file being replaced (fchmod: the umask does not apply).
        tmp.as_file().set_permissions(perms).map_err(err)?;
    }
    let made = {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        let made = write(&mut out).map_err(err)?;
        out.flush().map_err(err)?;
        made
    };
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    if let Ok(d) = File::open(dir) {
        // Make the rename itself durable; not every platform allows syncing a folder, and the
        // new file is already in place either way.
        let _ = d.sync_all();
    }
    Ok(made)
}

/// Whether a file name is one of lineup's temp files (`.<target>.lineup-XXXXXX.tmp`, or an
/// older lineup's `.lineup-XXXXXX.tmp`).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_TAG) && name.ends_with(TEMP_SUFFIX)
}

/// Removes what killed saves of `path` left behind: its own temp files (call this only while
/// holding the lock every writer of `path` takes, so none of them is in use), and temp files of
/// older lineups more than an hour old. Returns how many were removed.
pub fn remove_stale_temps(path: &Path) -> usize {
    let target = resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let own = temp_prefix(&target);
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        let stale = name.starts_with(&own)
            || (name.starts_with(TEMP_TAG)
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > LEGACY_TEMP_AGE));
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes `value` as pretty JSON with a final newline, atomically, making the folder when it is
/// missing: how lineup's own small files (library, views, friends) are saved.
pub fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    write_atomic_with(path, |out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    })
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn symlinks_stay_links_and_modes_stay() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link.json");
        symlink("real.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o644);
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&real, b"again").unwrap();
        assert_eq!(mode(&real), 0o640);
        assert!(same_file(&link, &real));
        assert!(!same_file(&link, &dir.path().join("none")));
    }

    #[test]
    fn read_only_files_and_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro.json");
        fs::write(&ro, "keep").unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_atomic(&ro, b"x").unwrap_err().to_string();
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(fs::read_to_string(&ro).unwrap(), "keep");
        let e = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(matches!(e, Error::NotAFile { .. }), "{e}");
        let e = read_regular(Path::new("/dev/zero"), "schedule", 10).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }

    #[test]
    fn own_stale_temps_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let agenda = dir.path().join("a.json");
        for name in [
            ".a.json.lineup-abc123.tmp",
            ".b.json.lineup-abc123.tmp",
            ".lineup-new.tmp",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(&agenda), 1);
        assert!(!dir.path().join(".a.json.lineup-abc123.tmp").exists());
        assert!(dir.path().join(".b.json.lineup-abc123.tmp").exists());
        assert!(
            dir.path().join(".lineup-new.tmp").exists(),
            "a recent legacy temp stays"
        );
    }
}

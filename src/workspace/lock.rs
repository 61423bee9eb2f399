//! Locks between lineups: an exclusive `flock`-style lock on a small file beside what it guards
//! (the agenda, the library, friends, a conference's cache), held while a file is re-read,
//! changed and written, released when dropped (and by the system when the process dies, so a
//! killed lineup never leaves a lock behind). The lock file itself stays: it is empty, and
//! removing it while another lineup runs would defeat it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a lock is waited for, unless told otherwise, and when the wait is said.
pub const WAIT: Duration = Duration::from_secs(5);
const NOTICE_AFTER: Duration = Duration::from_secs(1);
const POLL: Duration = Duration::from_millis(50);

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    path: PathBuf,
}

impl Lock {
    /// The lock file, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `<file>.lock` beside `file`: the lock every writer of `file` takes.
pub fn beside(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    file.with_file_name(name)
}

fn open(path: &Path) -> Result<File> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(err)?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(err)
}

/// Takes the lock at `path` (its folder made when missing), waiting at most `wait` for another
/// lineup to let go; `notice` is told once when the wait passes a second. `holder` says in the
/// error what the other lineup is probably doing ("saving this agenda").
pub fn acquire(
    path: &Path,
    wait: Duration,
    holder: &'static str,
    notice: Option<&dyn Fn(&Path)>,
) -> Result<Lock> {
    let file = open(path)?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(Lock {
                    _file: file,
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(Error::Write {
                    path: path.to_path_buf(),
                    source,
                });
            }
            Err(TryLockError::WouldBlock) => {}
        }
        let waited = started.elapsed();
        if waited >= wait {
            return Err(Error::Locked {
                lock: path.to_path_buf(),
                seconds: waited.as_secs(),
                holder,
            });
        }
        if !told && waited >= NOTICE_AFTER {
            told = true;
            if let Some(notice) = notice {
                notice(path);
            }
        }
        std::thread::sleep(POLL);
    }
}

/// Takes the lock at `path` when nobody holds it; `None` when another lineup does. A lock file
/// that is not there is not made (nothing to guard).
pub fn try_acquire(path: &Path) -> Option<Lock> {
    let file = OpenOptions::new().write(true).open(path).ok()?;
    file.try_lock().ok()?;
    Some(Lock {
        _file: file,
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_waited_for_then_refused_and_free_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("x.lock");
        let held = acquire(&p, WAIT, "testing", None).unwrap();
        assert!(try_acquire(&p).is_none());
        let said = std::sync::atomic::AtomicBool::new(false);
        let notice = |_: &Path| said.store(true, std::sync::atomic::Ordering::SeqCst);
        let e = acquire(&p, Duration::from_millis(1100), "testing", Some(&notice))
            .unwrap_err()
            .to_string();
        assert!(e.contains("testing") && e.contains("x.lock"), "{e}");
        assert!(said.load(std::sync::atomic::Ordering::SeqCst));
        drop(held);
        assert!(try_acquire(&p).is_some());
        assert!(try_acquire(&dir.path().join("none.lock")).is_none());
        assert_eq!(beside(Path::new("/a/b.json")), Path::new("/a/b.json.lock"));
    }
}

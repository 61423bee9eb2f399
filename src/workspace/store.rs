//! The agenda on disk: saving that never loses a pick. Every change is an
//! [`Op`]; saving takes a lock, re-reads the file (another running copy may have saved), applies
//! the pending ops on top and writes atomically. A file that cannot be read is never written.

use std::path::{Path, PathBuf};

use super::files as fsx;
use super::lock::{self, Lock};
use crate::agenda::{Agenda, ConferenceRef, Op};
use crate::error::{Error, Result};
use crate::message;

/// What a save does when it has to wait for the lock (the CLI prints a line, the TUI shows it in
/// the status line); it is told the lock file.
pub type LockNotice = Box<dyn Fn(&Path) + Send>;

/// An agenda file opened for a conference.
pub struct Store {
    path: PathBuf,
    agenda: Agenda,
    pending: Vec<Op>,
    notice: Option<LockNotice>,
    writes: usize,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("agenda", &self.agenda)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the agenda at `path` (a missing file is an empty agenda, created on the first save).
    /// A file that is unreadable, corrupt, of a newer version or of another conference is an
    /// error and will not be touched.
    pub fn open(path: PathBuf, conference: ConferenceRef) -> Result<Store> {
        let agenda = read(&path)?.unwrap_or_else(|| Agenda::new(conference.clone()));
        if agenda.conference.id != conference.id {
            return Err(Error::BadAgenda {
                path,
                line: 0,
                column: 0,
                message: format!(
                    "this agenda is for {} ({}), not {} ({})",
                    message::title(&agenda.conference.title),
                    message::quote(&agenda.conference.id),
                    message::title(&conference.title),
                    message::quote(&conference.id)
                ),
            });
        }
        Ok(Store {
            path,
            agenda,
            pending: Vec::new(),
            notice: None,
            writes: 0,
        })
    }

    /// Says something when a save has to wait for another lineup's lock.
    pub fn on_lock_wait(&mut self, notice: LockNotice) {
        self.notice = Some(notice);
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The agenda as last saved or loaded, with any unsaved changes applied.
    pub fn agenda(&self) -> &Agenda {
        &self.agenda
    }

    /// How many times this store wrote the file.
    pub fn writes(&self) -> usize {
        self.writes
    }

    /// Whether changes are waiting for a successful save.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Applies a change and saves at once. Returns whether the change did anything. When the
    /// save fails the change stays applied in memory and pending, and the next save retries it.
    pub fn apply(&mut self, op: Op) -> Result<bool> {
        let changed = op.apply(&mut self.agenda);
        if changed {
            self.pending.push(op);
        }
        self.save()?;
        Ok(changed)
    }

    /// Applies several changes and saves once (one lock, one re-read, one write).
    pub fn apply_all(&mut self, ops: Vec<Op>) -> Result<usize> {
        let mut changed = 0;
        for op in ops {
            if op.apply(&mut self.agenda) {
                self.pending.push(op);
                changed += 1;
            }
        }
        self.save()?;
        Ok(changed)
    }

    /// Writes pending changes: under the lock, re-read the file, apply them, write atomically.
    pub fn save(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let _lock = self.lock()?;
        let on_disk = read(&self.path)?;
        let mut merged = on_disk
            .clone()
            .unwrap_or_else(|| Agenda::new(self.agenda.conference.clone()));
        for op in &self.pending {
            op.apply(&mut merged);
        }
        if on_disk.as_ref() != Some(&merged) {
            fsx::write_atomic(&self.path, merged.to_json()?.as_bytes())?;
            self.writes += 1;
        }
        // Under the lock no other save of this agenda is running: any temp file of its is
        // what a killed save left.
        fsx::remove_stale_temps(&self.path);
        self.agenda = merged;
        self.pending.clear();
        Ok(())
    }

    /// Re-reads the file to pick up another copy's changes, keeping unsaved ones on top.
    /// Returns whether the agenda changed.
    pub fn refresh(&mut self) -> Result<bool> {
        let Some(mut fresh) = read(&self.path)? else {
            return Ok(false);
        };
        for op in &self.pending {
            op.apply(&mut fresh);
        }
        let changed = fresh != self.agenda;
        self.agenda = fresh;
        Ok(changed)
    }

    /// An exclusive lock on `<agenda>.lock` beside the file, released when dropped. Waits at most
    /// [`lock::WAIT`] for another lineup to finish its save, saying so after a second.
    fn lock(&self) -> Result<Lock> {
        let notice = self.notice.as_ref().map(|n| n as &dyn Fn(&Path));
        lock::acquire(
            &lock::beside(&self.path),
            lock::WAIT,
            "saving this agenda",
            notice,
        )
    }
}

/// The agenda in the file, `None` when there is no file. A folder, pipe or device is refused
/// before it is opened. Only reads: a friend's agenda is read this way too.
pub fn read(path: &Path) -> Result<Option<Agenda>> {
    let bytes = match fsx::read_regular(path, "agenda", fsx::MAX_INPUT_BYTES) {
        Ok(b) => b,
        Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(Error::NotAFile { .. }) => {
            return Err(Error::BadAgenda {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                message: "not a regular file (a folder, device or pipe)".into(),
            });
        }
        Err(e) => return Err(e),
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| Error::BadAgenda {
        path: path.to_path_buf(),
        line: memchr::memchr_iter(b'\n', &bytes[..e.valid_up_to()]).count() + 1,
        column: 0,
        message: "the agenda file is not UTF-8 text".into(),
    })?;
    Agenda::from_json(text, path).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Op, Pick};
    use crate::model::Stamp;

    fn conf() -> ConferenceRef {
        ConferenceRef {
            id: "demo".into(),
            title: "Demo".into(),
            time_zone: None,
        }
    }

    fn pick(id: &str, hour: u32) -> Pick {
        let at = chrono::NaiveDate::from_ymd_opt(2012, 3, 9)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap();
        Pick {
            id: id.into(),
            title: id.to_uppercase(),
            start: Stamp::floating(at),
            end: Stamp::floating(at + chrono::Duration::minutes(40)),
            room: None,
            picked_at: chrono::DateTime::UNIX_EPOCH,
            priority: Default::default(),
            exported: None,
        }
    }

    #[test]
    fn two_copies_keep_each_others_picks_and_unpicks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/agenda.json");
        let mut a = Store::open(path.clone(), conf()).unwrap();
        a.apply(Op::Pick(pick("x", 9))).unwrap();
        let mut b = Store::open(path.clone(), conf()).unwrap();
        assert!(b.agenda().is_picked("x"));
        // A unpicks x; B, still seeing x, picks y: x must stay unpicked.
        a.apply(Op::Unpick("x".into())).unwrap();
        b.apply(Op::Pick(pick("y", 10))).unwrap();
        let c = Store::open(path.clone(), conf()).unwrap();
        let ids: Vec<&str> = c.agenda().picks().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["y"]);
        // A learns about y on refresh.
        assert!(a.refresh().unwrap());
        assert!(a.agenda().is_picked("y"));
    }

    #[test]
    fn file_is_sorted_by_start_then_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let mut s = Store::open(path.clone(), conf()).unwrap();
        for (id, h) in [("b", 10), ("c", 9), ("a", 10)] {
            s.apply(Op::Pick(pick(id, h))).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let order: Vec<usize> = ["\"c\"", "\"a\"", "\"b\""]
            .iter()
            .map(|id| text.find(id).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.starts_with("{\n  \"format\": \"lineup-agenda\",\n  \"version\": 1,"));
    }

    #[test]
    fn apply_all_writes_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let mut s = Store::open(path.clone(), conf()).unwrap();
        let ops = (0..50)
            .map(|h| Op::Pick(pick(&format!("p{h}"), 9)))
            .collect();
        assert_eq!(s.apply_all(ops).unwrap(), 50);
        assert!(!s.has_pending());
        let again = Store::open(path, conf()).unwrap();
        assert_eq!(again.agenda().len(), 50);
    }

    #[test]
    fn another_conference_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        Store::open(path.clone(), conf())
            .unwrap()
            .apply(Op::Pick(pick("x", 9)))
            .unwrap();
        let other = ConferenceRef {
            id: "other".into(),
            ..conf()
        };
        let e = Store::open(path, other).unwrap_err().to_string();
        assert!(e.contains("this agenda is for \"Demo\" (`demo`)"), "{e}");
        assert!(e.contains("move it aside"), "{e}");
    }
}

//! A mapped `schedule.bin`: kept for the run by the file's identity (so texts can point into
//! it, and reopening the same file maps it once), and the [`Check`] that says its bytes are
//! those written.

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

use crate::model::{Bytes, Shared};

/// The files mapped and kept for the run, by identity: a `schedule.bin` is never written in
/// place (a new one is a new file), so the same file seen again is the same bytes, and
/// reopening it (a benchmark, a command run in a loop) maps it once.
static KEPT: std::sync::Mutex<Vec<(FileId, Shared)>> = std::sync::Mutex::new(Vec::new());

/// What tells files apart: device, inode, size and the time last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64, u64, i64);

impl FileId {
    #[cfg(unix)]
    fn of(file: &std::fs::File) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        let m = file.metadata().ok()?;
        Some(FileId(
            m.dev(),
            m.ino(),
            m.len(),
            m.mtime_nsec() + m.mtime() * 1_000_000_000,
        ))
    }

    #[cfg(not(unix))]
    fn of(_: &std::fs::File) -> Option<FileId> {
        None
    }
}

/// `file` mapped (what comes after byte `from`) and kept for the run, so texts can point into
/// it; when the run already keeps as many mappings as it can, the mapping itself, for the
/// caller to copy from.
pub(super) fn kept(
    file: &std::fs::File,
    from: usize,
) -> Option<std::result::Result<Shared, Bytes>> {
    let id = FileId::of(file);
    let mut known = KEPT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, shared)) = known.iter().find(|(k, _)| Some(*k) == id) {
        return Some(Ok(*shared));
    }
    // SAFETY: lineup never writes a `schedule.bin` in place: a new one is written beside it
    // and renamed over it (`files::write_atomic_with`), so the file mapped here keeps its
    // bytes while mapped. Nothing read from the mapping is trusted: every range is checked
    // against its size, every text checked as UTF-8 when read, and the `Check` finds a file
    // changed by hand. (A file cut short by hand while lineup runs is the one way in which
    // reading the mapping fails, as with any mapped file.)
    let map = unsafe { memmap2::Mmap::map(file) }.ok()?;
    let kept = Shared::keep(Box::new(Blob { map, from }));
    if let (Ok(shared), Some(id)) = (&kept, id) {
        known.push((id, *shared));
    }
    Some(kept)
}

/// The part of a mapped `schedule.bin` after its lead: what the offsets in it count from.
struct Blob {
    map: memmap2::Mmap,
    from: usize,
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        self.map.get(self.from..).unwrap_or_default()
    }
}

/// Whether a mapped `schedule.bin` holds the bytes written: its checksum, read through the
/// file (the pages read stay out of lineup's memory).
#[derive(Debug, Clone)]
pub struct Check {
    file: Arc<std::fs::File>,
    from: u64,
    len: u64,
    crc: u32,
}

impl Check {
    /// The check of `len` bytes of `file` from `from`, which should hash to `crc`.
    pub(super) fn new(file: std::fs::File, from: u64, len: u64, crc: u32) -> Check {
        Check {
            file: Arc::new(file),
            from,
            len,
            crc,
        }
    }

    pub fn passes(&self) -> bool {
        let mut hasher = crc32fast::Hasher::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut file = &*self.file;
        if file.seek(SeekFrom::Start(self.from)).is_err() {
            return false;
        }
        let mut left = self.len;
        while left > 0 {
            let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            let Some(chunk) = buf.get_mut(..n) else {
                return false;
            };
            if file.read_exact(chunk).is_err() {
                return false;
            }
            hasher.update(chunk);
            left -= n as u64;
        }
        hasher.finalize() == self.crc
    }
}

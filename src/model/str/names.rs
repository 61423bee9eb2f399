//! Names many sessions share (rooms, tracks, languages, kinds), held once for the run: a
//! schedule of 100,000 talks in 1,700 rooms and 20 tracks held 200,000 copies of them, 3 MB
//! at 16 bytes each. Each name is kept in a chunk that is never freed, laid out as an owned
//! text's block is (its length, then its bytes), so it reads the same way; a refresh names the
//! same rooms again and adds nothing. What the run holds is bounded ([`HELD_MAX`]); past it,
//! and for a name longer than any a schedule keeps, the caller makes an owned text.

use std::alloc::{Layout, alloc, handle_alloc_error};
use std::collections::HashSet;
use std::num::NonZeroU64;
use std::sync::{LazyLock, Mutex};

/// The bytes of one chunk of names.
const CHUNK: usize = 64 * 1024;
/// At most this is held for names in a run (chunks and the table that finds them): a hostile
/// schedule of endless distinct names ends up with owned texts, freed with it, past this.
const HELD_MAX: usize = 32 << 20;
/// Names longer than this are not shared (a schedule's names are cut at 200 characters).
const LONGEST: usize = 1024;
/// What the table costs for each name, besides the name (its key, and room).
const PER_NAME: usize = 32;

/// The low bits of an interned text: its record is aligned to 4, and bit 0 is a kept text's.
pub(super) const NAMED: u64 = 2;

struct Names {
    /// Each name's text in its record: the record, and so the interned text, is found from it.
    seen: HashSet<&'static str, foldhash::fast::RandomState>,
    /// The chunk names are added to, and how much of it is written.
    chunk: *mut u8,
    used: usize,
    /// Chunks and table, as counted against [`HELD_MAX`].
    held: usize,
}

// SAFETY: `chunk` is only written through while the mutex is held, past every record handed
// out; the records themselves are never written again, so any thread may read them.
unsafe impl Send for Names {}

static NAMES: LazyLock<Mutex<Names>> = LazyLock::new(|| {
    Mutex::new(Names {
        seen: HashSet::default(),
        chunk: std::ptr::null_mut(),
        used: 0,
        held: 0,
    })
});

/// The interned text of a name's text in its record: the record starts 4 bytes before it.
fn interned(text: &'static str) -> Option<NonZeroU64> {
    NonZeroU64::new(text.as_ptr().wrapping_sub(4).expose_provenance() as u64 | NAMED)
}

/// The interned text of `name` (its record's address, tagged [`NAMED`]); `None` when it is
/// empty, too long, or the run holds all it may.
pub(super) fn intern(name: &str) -> Option<NonZeroU64> {
    if name.is_empty() || name.len() > LONGEST {
        return None;
    }
    // A poisoned lock (a panic elsewhere while adding) only costs sharing.
    let mut names = NAMES.lock().ok()?;
    match names.seen.get(name) {
        Some(&text) => interned(text),
        None => names.add(name),
    }
}

impl Names {
    fn add(&mut self, name: &str) -> Option<NonZeroU64> {
        let size = (4 + name.len()).next_multiple_of(4);
        if self.chunk.is_null() || self.used + size > CHUNK {
            if self.held + CHUNK > HELD_MAX {
                return None;
            }
            let layout = Layout::from_size_align(CHUNK, 4).ok()?;
            // SAFETY: the layout's size is not zero. The chunk is never freed: its records
            // are read as `&'static str`.
            let chunk = unsafe { alloc(layout) };
            if chunk.is_null() {
                handle_alloc_error(layout);
            }
            (self.chunk, self.used) = (chunk, 0);
            self.held += CHUNK;
        }
        if self.held + PER_NAME > HELD_MAX {
            return None;
        }
        self.held += PER_NAME;
        // SAFETY: `used + size <= CHUNK` (a name is at most `LONGEST` bytes), so the record
        // lies inside the chunk, past every record written before; `used` is a multiple of 4,
        // so it is aligned for its length. Once written it is never written again.
        unsafe {
            let at = self.chunk.add(self.used);
            at.cast::<u32>().write(name.len() as u32);
            at.add(4)
                .copy_from_nonoverlapping(name.as_ptr(), name.len());
            self.used += size;
            let text =
                std::str::from_utf8_unchecked(std::slice::from_raw_parts(at.add(4), name.len()));
            self.seen.insert(text);
            interned(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_held_once_and_reads_back() {
        let a = intern("Janson — room 1").unwrap();
        let b = intern(&String::from("Janson — room 1")).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.get() & 3, NAMED);
        assert_ne!(intern("Janson — room 2"), Some(a));
        assert_eq!(intern(""), None);
        assert_eq!(intern(&"x".repeat(LONGEST + 1)), None);
        assert!(intern(&"x".repeat(LONGEST)).is_some());
    }

    #[test]
    fn the_run_holds_no_more_than_its_bound() {
        let mut names = Names {
            seen: HashSet::default(),
            chunk: std::ptr::null_mut(),
            used: 0,
            held: HELD_MAX - CHUNK - 3 * PER_NAME,
        };
        let got: Vec<_> = (0..5).map(|k| names.add(&format!("speaker {k}"))).collect();
        assert_eq!(got.iter().filter(|v| v.is_some()).count(), 3);
        assert!(names.held <= HELD_MAX);
        // A name that no longer fits its chunk needs a chunk the bound has no room for.
        names.used = CHUNK - 4;
        names.held = HELD_MAX - CHUNK + 1;
        assert_eq!(names.add("one more"), None);
        assert!(names.held <= HELD_MAX);
    }
}

//! A counting allocator for the whole test crate: how many bytes a thread allocated, and the
//! most it held at once, so a test can say "this costs a screen, not the whole text" or "this
//! holds the sessions, not the file" without timing anything.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub(crate) struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    /// Bytes allocated less bytes freed on this thread (a block freed on another thread is
    /// never taken off: a test reads single-threaded work).
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

/// Adds `by` (less than 0 for a free) to what this thread holds.
fn held(by: i64) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + by);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

// SAFETY: every call is passed to the system allocator unchanged; only a thread-local counter
// is added to.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + layout.size() as u64));
        held(layout.size() as i64);
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        held(-(layout.size() as i64));
        // SAFETY: the pointer came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + new_size as u64));
        held(new_size as i64 - layout.size() as i64);
        // SAFETY: as for `dealloc` and `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes this thread has allocated so far.
pub(crate) fn allocated() -> u64 {
    ALLOCATED.with(Cell::get)
}

/// What `work` gives, the bytes this thread holds more after it than before, and the most it
/// held more at once while it ran.
pub(crate) fn held_by<T>(work: impl FnOnce() -> T) -> (T, i64, i64) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = work();
    let (after, peak) = (LIVE.with(Cell::get), PEAK.with(Cell::get));
    (out, after - before, peak - before)
}

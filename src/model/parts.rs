//! Work on a large slice in a part per core, at once (scoped threads, joined in order), so
//! opening a big schedule uses the machine's cores; small slices stay on the caller's thread.

use std::mem::MaybeUninit;
use std::sync::{Mutex, PoisonError};

/// How many parts to work in at once: the cores there are, at most four. Asked once (on Linux
/// the answer reads three cgroup files).
pub fn workers() -> usize {
    static WORKERS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WORKERS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
}

/// Runs `f` on consecutive parts of `items` (at least `least` items each) at once and returns
/// their results in order.
pub fn each_part<T: Send, R: Send>(
    items: &mut [T],
    least: usize,
    f: impl Fn(&mut [T]) -> R + Sync,
) -> Vec<R> {
    let size = part_size(items.len(), least);
    if size >= items.len() {
        return vec![f(items)];
    }
    let chunks: Vec<Mutex<&mut [T]>> = items.chunks_mut(size).map(Mutex::new).collect();
    each(&chunks, |chunk| match chunk.lock() {
        Ok(mut part) => f(&mut part),
        Err(poisoned) => f(&mut poisoned.into_inner()),
    })
}

/// How many parts `len` items are worked in: as many as there are workers, each at least
/// `least` items (one part when there are fewer); never 0.
pub fn parts(len: usize, least: usize) -> usize {
    workers().min(len / least.max(1)).max(1)
}

/// How many of `len` items each part takes ([`parts`]); never 0.
fn part_size(len: usize, least: usize) -> usize {
    len.div_ceil(parts(len, least)).max(1)
}

/// Runs `f` on every job at once, the first on the caller's thread, and returns the results in
/// the jobs' order. A panic in a job goes on in the caller, as if it ran there.
pub fn each<J: Sync, R: Send>(jobs: &[J], f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let Some((first, rest)) = jobs.split_first() else {
        return Vec::new();
    };
    let f = &f;
    std::thread::scope(|s| {
        let others: Vec<_> = rest.iter().map(|j| s.spawn(move || f(j))).collect();
        std::iter::once(f(first))
            .chain(others.into_iter().map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }))
            .collect()
    })
}

/// `a` and `b`, at once on two threads when `apart`, else one after the other on this one. A
/// panic in either goes on in the caller.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
    apart: bool,
) -> (A, B) {
    if !apart {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let other = s.spawn(b);
        let first = a();
        let second = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    })
}

/// Room for items `first..first + room()` of a vector being made, written in order by one
/// part ([`fill_parts`]); what was written is dropped with it unless the vector takes it.
pub struct Slots<'a, T> {
    first: usize,
    slots: &'a mut [MaybeUninit<T>],
    filled: usize,
}

impl<T> Slots<'_, T> {
    /// The index in the vector of this part's first item.
    pub fn first(&self) -> usize {
        self.first
    }

    /// How many items this part holds.
    pub fn room(&self) -> usize {
        self.slots.len()
    }

    /// Writes the next item; `false` (the item dropped) when the part is full.
    #[must_use]
    pub fn push(&mut self, item: T) -> bool {
        match self.slots.get_mut(self.filled) {
            Some(slot) => {
                slot.write(item);
                self.filled += 1;
                true
            }
            None => false,
        }
    }

    fn is_full(&self) -> bool {
        self.filled == self.slots.len()
    }
}

impl<T> Drop for Slots<'_, T> {
    fn drop(&mut self) {
        for slot in self.slots.iter_mut().take(self.filled) {
            // SAFETY: the first `filled` slots were written by `push` and are still owned
            // here (`fill_parts` sets `filled` to 0 once the vector owns them).
            unsafe { slot.assume_init_drop() };
        }
    }
}

/// A vector of `len` items made in parts (at least `least` items each) on the cores at once,
/// each part writing its items in place with `fill` (no part's items copied after), so a large
/// vector's pages are first touched by several threads. `None`, and every item written dropped,
/// when a part is not filled.
pub fn fill_parts<T: Send>(
    len: usize,
    least: usize,
    fill: impl Fn(&mut Slots<'_, T>) + Sync,
) -> Option<Vec<T>> {
    let mut items: Vec<T> = Vec::with_capacity(len);
    advise_huge(items.spare_capacity_mut());
    let size = part_size(len, least);
    {
        let spare = items.spare_capacity_mut().get_mut(..len)?;
        let ahead = worth_populating(spare);
        let jobs: Vec<Mutex<Slots<'_, T>>> = spare
            .chunks_mut(size)
            .enumerate()
            .map(|(k, slots)| {
                Mutex::new(Slots {
                    first: k * size,
                    slots,
                    filled: 0,
                })
            })
            .collect();
        let fill_all = || {
            each(&jobs, |job| {
                let mut part = job.lock().unwrap_or_else(PoisonError::into_inner);
                fill(&mut part);
                part.is_full()
            })
        };
        // One part leaves a core free: it hands the part its pages, from the back, while the
        // part writes from the front (they meet about halfway).
        let full = match ahead {
            Some(pages) if jobs.len() == 1 => std::thread::scope(|s| {
                s.spawn(move || populate_from_the_back(pages));
                fill_all()
            }),
            _ => fill_all(),
        };
        if !full.iter().all(|&f| f) {
            return None;
        }
        for job in jobs {
            // The vector owns them now: not dropped with the part.
            job.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .filled = 0;
        }
    }
    // SAFETY: the parts cover `0..len` (chunks of the first `len` slots) and each wrote every
    // one of its slots (`is_full`); no part drops them (`filled` is 0).
    unsafe { items.set_len(len) };
    Some(items)
}

/// The whole pages of `room`, as (address, length), when it is large enough (256 KiB) that
/// a thread handing them over saves more than it costs. A fresh page costs a fault when first
/// written (about 2 µs on the VM this was measured on: 0.7 ms for the 1.4 MB of 10,000
/// sessions, on the thread that decodes them).
#[cfg(target_os = "linux")]
fn worth_populating<T>(room: &mut [MaybeUninit<T>]) -> Option<(usize, usize)> {
    const PAGE: usize = 4096;
    let at = room.as_mut_ptr() as usize;
    let size = std::mem::size_of_val(room);
    let start = at.next_multiple_of(PAGE);
    let end = (at + size) / PAGE * PAGE;
    (size >= 256 * 1024 && end > start).then(|| (start, end - start))
}

#[cfg(not(target_os = "linux"))]
fn worth_populating<T>(_room: &mut [MaybeUninit<T>]) -> Option<(usize, usize)> {
    None
}

/// Makes the pages of `(start, len)` present and writable, 64 KiB at a time from the end, so
/// the thread writing them from the front finds them ready. Pages it already wrote are left
/// as they are: the advice only faults in what is missing and never changes what memory holds.
#[cfg(target_os = "linux")]
fn populate_from_the_back((start, len): (usize, usize)) {
    const STEP: usize = 64 * 1024;
    let mut end = start + len;
    while end > start {
        let from = end.saturating_sub(STEP).max(start);
        // SAFETY: the range lies inside memory this process owns (a vector's spare room,
        // borrowed for as long as this runs); MADV_POPULATE_WRITE changes only how it is
        // backed. A kernel older than 5.14 refuses it and nothing changes.
        unsafe {
            libc::madvise(
                std::ptr::with_exposed_provenance_mut::<libc::c_void>(from),
                end - from,
                libc::MADV_POPULATE_WRITE,
            );
        }
        end = from;
    }
}

#[cfg(not(target_os = "linux"))]
fn populate_from_the_back(_pages: (usize, usize)) {}

/// Asks the kernel to back `room` with huge pages (2 MiB, where it allows them): a vector
/// written whole at once then costs one page fault each 2 MiB, not each 4 KiB (at 100,000
/// sessions, 15 MB: 3,700 faults fewer, 2–3 ms of opening a cached schedule). Only the whole
/// huge pages inside `room` are advised, so nothing around it grows.
#[cfg(target_os = "linux")]
pub fn advise_huge<T>(room: &mut [MaybeUninit<T>]) {
    const HUGE: usize = 2 << 20;
    let at = room.as_mut_ptr() as usize;
    let start = at.next_multiple_of(HUGE);
    let end = (at + std::mem::size_of_val(room)) / HUGE * HUGE;
    if end > start {
        // SAFETY: the range lies inside `room`, memory this process owns; the advice changes
        // how it is backed, never what it holds. A kernel that refuses it changes nothing.
        unsafe {
            libc::madvise(
                std::ptr::with_exposed_provenance_mut::<libc::c_void>(start),
                end - start,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn advise_huge<T>(_room: &mut [MaybeUninit<T>]) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_vector_made_in_one_part_holds_what_was_written_while_its_pages_were_handed_over() {
        // 512 KiB in one part: a thread populates its pages while it is written.
        let len = 4096;
        let made = fill_parts(len, usize::MAX, |part| {
            let first = part.first();
            for i in first..first + part.room() {
                assert!(part.push([i as u64; 16]));
            }
        });
        let made = made.unwrap();
        assert_eq!(made.len(), len);
        assert!(made.iter().enumerate().all(|(i, x)| *x == [i as u64; 16]));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn populating_pages_already_written_keeps_what_they_hold() {
        let mut room: Vec<MaybeUninit<u64>> = Vec::with_capacity(64 * 1024);
        room.resize_with(64 * 1024, || MaybeUninit::new(7));
        let pages = worth_populating(&mut room).unwrap();
        populate_from_the_back(pages);
        // SAFETY: every slot was written above.
        assert!(room.iter().all(|x| unsafe { x.assume_init() } == 7));
    }

    #[test]
    fn parts_cover_the_slice_in_order() {
        let mut v: Vec<u64> = (0..10_001).collect();
        let sums = each_part(&mut v, 100, |part| {
            part.iter_mut().for_each(|x| *x *= 2);
            (part[0], part.len())
        });
        assert!((1..=4).contains(&sums.len()));
        assert_eq!(sums.iter().map(|(_, n)| n).sum::<usize>(), 10_001);
        assert!(sums.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(v.iter().enumerate().all(|(i, &x)| x == 2 * i as u64));
        // Small slices: one part, on this thread.
        assert_eq!(each_part(&mut v[..50], 100, |p| p.len()), vec![50]);
        assert_eq!(each(&[3, 1, 2], |x| x * 10), vec![30, 10, 20]);
        assert!(each(&[] as &[u8], |x| *x).is_empty());
    }

    #[test]
    fn both_gives_each_result_in_its_place_whether_apart_or_not() {
        for apart in [false, true] {
            let here = std::thread::current().id();
            let (a, b) = both(|| (1, std::thread::current().id()), || "b", apart);
            assert_eq!((a.0, b), (1, "b"));
            assert_eq!(a.1, here, "the first runs on the caller's thread");
        }
    }

    #[test]
    fn a_vector_filled_in_parts_holds_every_item_in_place() {
        for len in [0, 1, 7, 100, 10_001] {
            let v = fill_parts(len, 10, |part| {
                for i in part.first()..part.first() + part.room() {
                    assert!(part.push(i.to_string()));
                }
                assert!(!part.push("one more".into()));
            });
            let want: Vec<String> = (0..len).map(|i| i.to_string()).collect();
            assert_eq!(v, Some(want), "{len} items");
        }
    }

    #[test]
    fn a_part_left_short_gives_nothing_and_drops_what_was_written() {
        use std::sync::Arc;
        let counted = Arc::new(());
        let v = fill_parts(1000, 10, |part| {
            // The part holding item 500 stops half way.
            let stop = (part.first()..part.first() + part.room()).contains(&500);
            let n = if stop { part.room() / 2 } else { part.room() };
            for _ in 0..n {
                assert!(part.push(Arc::clone(&counted)));
            }
        });
        assert!(v.is_none());
        assert_eq!(
            Arc::strong_count(&counted),
            1,
            "every item written was dropped"
        );
    }
}

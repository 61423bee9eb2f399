//! Work on a large slice in a part per core, at once (scoped threads, joined in order), so
//! opening a big schedule uses the machine's cores; small slices stay on the caller's thread.

/// How many parts to work in at once: the cores there are, at most four.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Runs `f` on consecutive parts of `items` (at least `least` items each) at once and returns
/// their results in order.
pub fn each_part<T: Send, R: Send>(
    items: &mut [T],
    least: usize,
    f: impl Fn(&mut [T]) -> R + Sync,
) -> Vec<R> {
    let parts = workers().min(items.len() / least.max(1)).max(1);
    if parts == 1 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(parts);
    let chunks: Vec<std::sync::Mutex<&mut [T]>> =
        items.chunks_mut(size).map(std::sync::Mutex::new).collect();
    each(&chunks, |chunk| match chunk.lock() {
        Ok(mut part) => f(&mut part),
        Err(poisoned) => f(&mut poisoned.into_inner()),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

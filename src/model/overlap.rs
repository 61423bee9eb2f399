//! Overlap checks over half-open intervals `[start, end)` in seconds: an [`Index`] that counts
//! an interval's clashes in O(log n) and lists them in O((k + 1) log n), all clashing pairs in
//! O(n log n + k), clash groups, and back-to-back room changes. Nothing here is quadratic in
//! the number of intervals: 40,000 picks at the same moment cost what 40,000 apart do, until
//! someone asks for all 800 million pairs.

use std::collections::HashMap;

/// Two intervals that share time. `a` starts no later than `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clash {
    pub a: usize,
    pub b: usize,
    /// Shared time in seconds.
    pub seconds: i64,
}

impl Clash {
    /// Shared time in whole minutes, rounded up so a clash is never "0 minutes".
    pub fn minutes(&self) -> i64 {
        (self.seconds + 59) / 60
    }
}

/// Whether `[a0, a1)` and `[b0, b1)` share time (an empty interval shares none).
pub fn overlap(a: (i64, i64), b: (i64, i64)) -> i64 {
    (a.1.min(b.1) - a.0.max(b.0)).max(0)
}

fn by_start(spans: &[(i64, i64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_unstable_by_key(|&i| (spans[i].0, spans[i].1, i));
    order
}

/// Overlap queries over a fixed set of intervals. Empty intervals (end ≤ start) clash with
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Index {
    spans: Vec<(i64, i64)>,
    /// Interval indexes by (start, end, index).
    order: Vec<usize>,
    /// Each interval's place in `order`.
    place: Vec<usize>,
    /// Starts in `order` order.
    starts: Vec<i64>,
    /// Starts and ends of the non-empty intervals, each sorted.
    live_starts: Vec<i64>,
    live_ends: Vec<i64>,
    /// A max segment tree of ends over `order` (leaves from `leaves`; empty intervals count as
    /// `i64::MIN`), to find the intervals still running at a time without walking the others.
    tree: Vec<i64>,
    leaves: usize,
}

impl Index {
    pub fn new(spans: &[(i64, i64)]) -> Index {
        let order = by_start(spans);
        let mut place = vec![0; spans.len()];
        for (p, &i) in order.iter().enumerate() {
            place[i] = p;
        }
        let starts = order.iter().map(|&i| spans[i].0).collect();
        let live = spans.iter().filter(|(s, e)| e > s);
        let mut live_starts: Vec<i64> = live.clone().map(|s| s.0).collect();
        let mut live_ends: Vec<i64> = live.map(|s| s.1).collect();
        live_starts.sort_unstable();
        live_ends.sort_unstable();
        let leaves = spans.len().next_power_of_two().max(1);
        let mut tree = vec![i64::MIN; 2 * leaves];
        for (p, &i) in order.iter().enumerate() {
            let (s, e) = spans[i];
            tree[leaves + p] = if e > s { e } else { i64::MIN };
        }
        for k in (1..leaves).rev() {
            tree[k] = tree[2 * k].max(tree[2 * k + 1]);
        }
        Index {
            spans: spans.to_vec(),
            order,
            place,
            starts,
            live_starts,
            live_ends,
            tree,
            leaves,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// How many other intervals share time with interval `i`, in O(log n).
    pub fn count(&self, i: usize) -> usize {
        let (s, e) = self.spans[i];
        if e <= s {
            return 0;
        }
        // Those starting before i ends, less those that ended by the time i starts, less i.
        let started = self.live_starts.partition_point(|&x| x < e);
        let ended = self.live_ends.partition_point(|&x| x <= s);
        started - ended - 1
    }

    /// Up to `limit` intervals sharing time with interval `i`, in start order; each one found
    /// costs O(log n), intervals that do not clash cost nothing.
    pub fn overlapping(&self, i: usize, limit: usize) -> Vec<usize> {
        let (s, e) = self.spans[i];
        let mut out = Vec::new();
        if e <= s || limit == 0 {
            return out;
        }
        // Candidates start before i ends: places [0, upto). Of those, the ones still running
        // after s, found by walking down the max tree.
        let upto = self.starts.partition_point(|&x| x < e);
        let mut stack = vec![(1usize, 0usize, self.leaves)];
        while let Some((node, lo, hi)) = stack.pop() {
            if lo >= upto || self.tree[node] <= s {
                continue;
            }
            if hi - lo == 1 {
                let j = self.order[lo];
                if j != i {
                    out.push(j);
                    if out.len() == limit {
                        break;
                    }
                }
                continue;
            }
            let mid = (lo + hi) / 2;
            // Right first: the stack pops the left half first, keeping start order.
            stack.push((2 * node + 1, mid, hi));
            stack.push((2 * node, lo, mid));
        }
        out
    }

    /// Every clashing pair once, `a` before `b` in start order, in O(n log n + k).
    pub fn pairs(&self) -> impl Iterator<Item = Clash> + '_ {
        self.order.iter().enumerate().flat_map(move |(p, &a)| {
            let (s, e) = self.spans[a];
            let upto = if e > s {
                self.starts.partition_point(|&x| x < e)
            } else {
                p + 1
            };
            // Everything placed after a that starts before a ends shares time with it, unless
            // it is empty.
            self.order[(p + 1).min(upto)..upto]
                .iter()
                .filter(move |&&b| self.spans[b].1 > self.spans[b].0)
                .map(move |&b| Clash {
                    a,
                    b,
                    seconds: overlap(self.spans[a], self.spans[b]),
                })
        })
    }

    /// Where interval `i` sits in start order.
    pub fn place(&self, i: usize) -> usize {
        self.place[i]
    }
}

/// Every pair of intervals that share time, in the order the sweep meets them.
pub fn clashes(spans: &[(i64, i64)]) -> Vec<Clash> {
    let mut out = Vec::new();
    // Intervals still running at the sweep line. Every one that survives the retain clashes
    // with the new interval, so keeping it costs O(k) over the whole sweep.
    let mut active: Vec<(i64, usize)> = Vec::new();
    for i in by_start(spans) {
        let (start, end) = spans[i];
        let live = end > start;
        // One pass: drop what ended, report a clash with each one still running.
        let mut kept = 0;
        for k in 0..active.len() {
            let (other_end, j) = active[k];
            if other_end > start {
                active[kept] = (other_end, j);
                kept += 1;
                if live {
                    out.push(Clash {
                        a: j,
                        b: i,
                        seconds: other_end.min(end) - start,
                    });
                }
            }
        }
        active.truncate(kept);
        if live {
            active.push((end, i));
        }
    }
    out
}

/// Clash groups: sets of two or more intervals connected by clashes, each sorted by start.
pub fn groups(spans: &[(i64, i64)]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut run_end = i64::MIN;
    for i in by_start(spans) {
        let (start, end) = spans[i];
        if end <= start {
            continue;
        }
        if start < run_end {
            run.push(i);
            run_end = run_end.max(end);
        } else {
            if run.len() > 1 {
                out.push(std::mem::take(&mut run));
            }
            run = vec![i];
            run_end = end;
        }
    }
    if run.len() > 1 {
        out.push(run);
    }
    out
}

/// Pairs `(a, b)` where `b` starts exactly when `a` ends and they are in different (known) rooms:
/// no time to walk. A warning, not a clash. For each `a` only the first such `b` (by index) is
/// given, so the answer is at most one pair per interval.
pub fn room_changes(spans: &[(i64, i64)], rooms: &[Option<&str>]) -> Vec<(usize, usize)> {
    // For each start time: the first interval starting then, and the first in another room
    // than that one. Whatever room `a` is in, one of the two is in another room when any is.
    let mut starting: HashMap<i64, (usize, Option<usize>)> = HashMap::new();
    for (i, &(s, e)) in spans.iter().enumerate() {
        let Some(room) = rooms.get(i).copied().flatten().filter(|_| e > s) else {
            continue;
        };
        let slot = starting.entry(s).or_insert((i, None));
        if slot.1.is_none() && rooms[slot.0] != Some(room) {
            slot.1 = Some(i);
        }
    }
    let mut out = Vec::new();
    for a in by_start(spans) {
        let (Some(&(first, second)), Some(ra)) = (starting.get(&spans[a].1), rooms[a]) else {
            continue;
        };
        let other = [Some(first), second]
            .into_iter()
            .flatten()
            .find(|&b| b != a && rooms[b] != Some(ra));
        if let Some(b) = other {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute(spans: &[(i64, i64)]) -> Vec<(usize, usize, i64)> {
        let mut out = Vec::new();
        for i in 0..spans.len() {
            for j in i + 1..spans.len() {
                let o = overlap(spans[i], spans[j]);
                if o > 0 {
                    out.push((i.min(j), i.max(j), o));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn sweep(spans: &[(i64, i64)]) -> Vec<(usize, usize, i64)> {
        let mut out: Vec<_> = clashes(spans)
            .into_iter()
            .map(|c| (c.a.min(c.b), c.a.max(c.b), c.seconds))
            .collect();
        out.sort_unstable();
        out
    }

    proptest! {
        #[test]
        fn index_matches_brute_force(raw in prop::collection::vec((0i64..100, 0i64..30), 0..50)) {
            let spans: Vec<(i64, i64)> = raw.iter().map(|&(s, len)| (s, s + len)).collect();
            let index = Index::new(&spans);
            let brute_pairs = brute(&spans);
            let mut pairs: Vec<_> = index.pairs().map(|c| (c.a.min(c.b), c.a.max(c.b), c.seconds)).collect();
            pairs.sort_unstable();
            prop_assert_eq!(&pairs, &brute_pairs);
            for i in 0..spans.len() {
                let mut want: Vec<usize> = brute_pairs
                    .iter()
                    .filter_map(|&(a, b, _)| if a == i { Some(b) } else if b == i { Some(a) } else { None })
                    .collect();
                prop_assert_eq!(index.count(i), want.len());
                let mut got = index.overlapping(i, usize::MAX);
                // In start order, and exactly the brute-force set.
                prop_assert!(got.windows(2).all(|w| index.place(w[0]) < index.place(w[1])));
                got.sort_unstable();
                want.sort_unstable();
                prop_assert_eq!(&got, &want);
                prop_assert_eq!(index.overlapping(i, 2).len(), want.len().min(2));
            }
        }

        #[test]
        fn sweep_matches_brute_force(raw in prop::collection::vec((0i64..200, 0i64..60), 0..60)) {
            let spans: Vec<(i64, i64)> = raw.iter().map(|&(s, len)| (s * 60, (s + len) * 60)).collect();
            prop_assert_eq!(sweep(&spans), brute(&spans));
            // Groups are the connected components of the clash graph.
            let gs = groups(&spans);
            let mut seen = std::collections::HashSet::new();
            for g in &gs {
                for &i in g { prop_assert!(seen.insert(i)); }
            }
            for (a, b, _) in brute(&spans) {
                prop_assert!(gs.iter().any(|g| g.contains(&a) && g.contains(&b)));
            }
        }
    }

    #[test]
    fn half_open_and_empty_intervals() {
        assert!(clashes(&[(0, 40), (40, 80)]).is_empty());
        assert!(clashes(&[(0, 40), (10, 10)]).is_empty());
        assert_eq!(clashes(&[(0, 60), (30, 90)])[0].seconds, 30);
        assert_eq!(
            Clash {
                a: 0,
                b: 1,
                seconds: 61
            }
            .minutes(),
            2
        );
    }

    #[test]
    fn room_change_without_gap() {
        let spans = [(0, 40), (40, 80), (40, 90), (100, 120)];
        let rooms = [Some("E1"), Some("E2"), Some("E1"), Some("E3")];
        assert_eq!(room_changes(&spans, &rooms), [(0, 1)]);
    }

    #[test]
    fn many_picks_at_one_moment_cost_n_log_n() {
        // 40,000 identical intervals: 800 million pairs, none of them built to count.
        let spans = vec![(0, 60); 40_000];
        let index = Index::new(&spans);
        assert_eq!(index.count(123), 39_999);
        assert_eq!(index.overlapping(123, 3), [0, 1, 2]);
        let ends_then_starts: Vec<(i64, i64)> = (0..40_000)
            .map(|i| if i < 20_000 { (0, 60) } else { (60, 120) })
            .collect();
        let rooms: Vec<Option<&str>> = (0..40_000)
            .map(|i| Some(if i % 2 == 0 { "A" } else { "B" }))
            .collect();
        assert_eq!(room_changes(&ends_then_starts, &rooms).len(), 20_000);
        let one_room = vec![Some("A"); 40_000];
        assert!(room_changes(&ends_then_starts, &one_room).is_empty());
    }
}

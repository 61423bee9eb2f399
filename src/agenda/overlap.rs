//! Overlap checks over half-open intervals `[start, end)` in seconds: all clashing pairs with
//! their overlap, clash groups, and back-to-back room changes. A sweep over the intervals sorted
//! by start, O(n log n + k) for k clashing pairs.

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
/// no time to walk. A warning, not a clash.
pub fn room_changes(spans: &[(i64, i64)], rooms: &[Option<&str>]) -> Vec<(usize, usize)> {
    let mut starting: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, &(s, _)) in spans.iter().enumerate() {
        starting.entry(s).or_default().push(i);
    }
    let mut out = Vec::new();
    for a in by_start(spans) {
        let Some(next) = starting.get(&spans[a].1) else {
            continue;
        };
        for &b in next {
            let (Some(ra), Some(rb)) = (rooms[a], rooms.get(b).copied().flatten()) else {
                continue;
            };
            if a != b && ra != rb && spans[b].1 > spans[b].0 {
                out.push((a, b));
            }
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
}

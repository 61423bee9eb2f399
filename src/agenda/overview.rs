//! The clash overview: every pick placed against the schedule and grouped by day, with the
//! clashes among them, free gaps and room changes without time to walk (the plan, which picks
//! to attend, is `agenda::plan`). The agenda view, `lineup agenda`, `lineup clashes` and the
//! printable exports all read this one report. Building it is O(n log n) in the picks, however
//! many of them clash: clashing pairs are counted, and listed only when asked for. A pick or an
//! unpick rebuilds only the part of the overview it touches (its day, as a rule).

use chrono::NaiveDate;

use super::{Agenda, Placed, place_picks};
use crate::model::overlap;
use crate::model::{Schedule, Stamp};

/// A clash between two picks (indexes into [`Overview::picks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickClash {
    pub a: usize,
    pub b: usize,
    pub minutes: i64,
}

/// One line of a day's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A pick (index into [`Overview::picks`]).
    Pick(usize),
    /// Free time between picks.
    Gap { start: Stamp, end: Stamp },
}

/// A day of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub lines: Vec<Line>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    pub picks: Vec<Placed>,
    pub days: Vec<Day>,
    /// Back-to-back picks in different rooms: `(earlier, later)`, at most one per earlier pick,
    /// sorted by the earlier one.
    pub room_changes: Vec<(usize, usize)>,
    /// Sets of two or more picks connected by clashes, each in time order.
    pub clash_groups: Vec<Vec<usize>>,
    /// The picks cut where no clash, room change or day crosses: each part is indexed on its
    /// own, so a pick or an unpick rebuilds its part (a day, as a rule), not the whole plan.
    parts: Vec<Part>,
    /// How many other picks each pick clashes with.
    clash_counts: Vec<usize>,
    /// How many clashing pairs there are.
    pairs: u64,
    /// How many picks clash with at least one other.
    clashing: usize,
}

/// Picks `from..from + overlaps.len()`, with their overlap index (local indexes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Part {
    from: usize,
    overlaps: overlap::Index,
}

impl Part {
    fn to(&self) -> usize {
        self.from + self.overlaps.len()
    }
}

/// What a range of picks adds to the plan (indexes are the plan's).
struct Built {
    parts: Vec<Part>,
    days: Vec<Day>,
    room_changes: Vec<(usize, usize)>,
    clash_groups: Vec<Vec<usize>>,
    clash_counts: Vec<usize>,
}

/// The order picks keep: start, end, id.
fn order(p: &Placed) -> (Stamp, Stamp, &str) {
    (p.start, p.end, p.id.as_str())
}

impl Overview {
    /// Builds the plan, optionally for one day only.
    pub fn build(schedule: &Schedule, agenda: &Agenda, only_day: Option<NaiveDate>) -> Overview {
        Self::from_placed(place_picks(schedule, agenda), only_day)
    }

    /// The plan of picks already placed against the schedule, in time order (start, end, id).
    pub fn from_placed(mut picks: Vec<Placed>, only_day: Option<NaiveDate>) -> Overview {
        if let Some(d) = only_day {
            picks.retain(|p| p.day == d);
        }
        let built = build_range(&picks, 0);
        let mut plan = Overview {
            picks,
            days: built.days,
            room_changes: built.room_changes,
            clash_groups: built.clash_groups,
            parts: built.parts,
            clash_counts: built.clash_counts,
            pairs: 0,
            clashing: 0,
        };
        plan.count();
        plan
    }

    /// Adds a pick in its place (in time order) and rebuilds only the part of the plan it
    /// falls in. Returns the pick's index.
    pub fn insert(&mut self, pick: Placed) -> usize {
        let k = self.picks.partition_point(|p| order(p) < order(&pick));
        self.picks.insert(k, pick);
        self.rebuild(k, 1);
        k
    }

    /// The index of the pick with this id: O(n) string comparisons, no allocation.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.picks.iter().position(|p| p.id == id)
    }

    /// Takes away the pick with this id and rebuilds only the part of the plan it was in.
    pub fn remove(&mut self, id: &str) -> Option<Placed> {
        let k = self.find(id)?;
        let gone = self.picks.remove(k);
        self.rebuild(k, -1);
        Some(gone)
    }

    /// After a pick was inserted at `at` (`delta` 1) or removed from there (`delta` -1):
    /// rebuilds the parts the change can reach and shifts every index after them.
    ///
    /// A cut before `at` still holds (what decides it lies before it). The rebuilt range runs
    /// from the last cut before `at` to the first old cut after it that still holds; cuts
    /// after that one hold too, since everything before it ends before it starts.
    fn rebuild(&mut self, at: usize, delta: isize) {
        let shift = |i: usize| {
            if i >= at {
                i.saturating_add_signed(delta)
            } else {
                i
            }
        };
        let later = self.parts.partition_point(|p| p.from < at);
        let from = later.checked_sub(1).map_or(0, |k| self.parts[k].from);
        // The first old cut after the change that still holds, in new indexes.
        let mut busy_until = i64::MIN;
        let mut scanned = from;
        let mut to = self.picks.len();
        let first_after = if delta > 0 {
            later
        } else {
            self.parts.partition_point(|p| p.from <= at)
        };
        for part in &self.parts[first_after..] {
            let t = shift(part.from);
            for p in &self.picks[scanned..t] {
                busy_until = busy_until.max(busy_end(p));
            }
            scanned = t;
            if t > 0 && t < self.picks.len() && cut_before(&self.picks, t, busy_until) {
                to = t;
                break;
            }
        }
        let old_to = if to == self.picks.len() {
            self.picks.len().saturating_add_signed(-delta)
        } else {
            to.saturating_add_signed(-delta)
        };
        self.replace(
            from,
            old_to,
            build_range(&self.picks[from..to], from),
            shift,
        );
    }

    /// Puts `built` in place of what the plan had for old picks `from..old_to`, shifting the
    /// indexes after them.
    fn replace(
        &mut self,
        from: usize,
        old_to: usize,
        built: Built,
        shift: impl Fn(usize) -> usize,
    ) {
        let first = self.parts.partition_point(|p| p.from < from);
        let last = self.parts.partition_point(|p| p.from < old_to);
        for p in &mut self.parts[last..] {
            p.from = shift(p.from);
        }
        self.parts.splice(first..last, built.parts);
        // Days: no day crosses a cut, so the range holds whole days.
        let first = self.days.partition_point(|d| day_start(d) < from);
        let last = self.days.partition_point(|d| day_start(d) < old_to);
        for d in &mut self.days[last..] {
            for l in &mut d.lines {
                if let Line::Pick(i) = l {
                    *i = shift(*i);
                }
            }
        }
        self.days.splice(first..last, built.days);
        // Room changes and clash groups, sorted by their first pick.
        let first = self.room_changes.partition_point(|c| c.0 < from);
        let last = self.room_changes.partition_point(|c| c.0 < old_to);
        for c in &mut self.room_changes[last..] {
            *c = (shift(c.0), shift(c.1));
        }
        self.room_changes.splice(first..last, built.room_changes);
        let first = self.clash_groups.partition_point(|g| g[0] < from);
        let last = self.clash_groups.partition_point(|g| g[0] < old_to);
        for g in &mut self.clash_groups[last..] {
            g.iter_mut().for_each(|i| *i = shift(*i));
        }
        self.clash_groups.splice(first..last, built.clash_groups);
        self.clash_counts.splice(from..old_to, built.clash_counts);
        self.count();
    }

    fn count(&mut self) {
        self.pairs = self.clash_counts.iter().map(|&c| c as u64).sum::<u64>() / 2;
        self.clashing = self.clash_counts.iter().filter(|&&c| c > 0).count();
    }

    /// How many clashing pairs there are (a group of n picks at one moment is n(n−1)/2).
    pub fn clash_count(&self) -> u64 {
        self.pairs
    }

    /// Every clashing pair, in time order of the earlier pick: O(n log n + k) for k pairs.
    pub fn clashes(&self) -> impl Iterator<Item = PickClash> + '_ {
        self.parts.iter().flat_map(|part| {
            part.overlaps.pairs().map(move |c| PickClash {
                a: part.from + c.a.min(c.b),
                b: part.from + c.a.max(c.b),
                minutes: c.minutes(),
            })
        })
    }

    /// How many picks pick `i` clashes with, in O(1).
    pub fn clashes_with(&self, i: usize) -> usize {
        self.clash_counts.get(i).copied().unwrap_or(0)
    }

    /// Up to `limit` of the picks pick `i` clashes with, in time order, with the overlap in
    /// minutes: `(other pick, minutes)`.
    pub fn clashes_of(&self, i: usize, limit: usize) -> Vec<(usize, i64)> {
        let Some(part) = self.parts.get(self.parts.partition_point(|p| p.to() <= i)) else {
            return Vec::new();
        };
        let me = self.span(i);
        part.overlaps
            .overlapping(i - part.from, limit)
            .into_iter()
            .map(|j| {
                let j = part.from + j;
                let seconds = overlap::overlap(me, self.span(j));
                (
                    j,
                    overlap::Clash {
                        a: i,
                        b: j,
                        seconds,
                    }
                    .minutes(),
                )
            })
            .collect()
    }

    fn span(&self, i: usize) -> (i64, i64) {
        let p = &self.picks[i];
        (p.start.timestamp(), p.end.timestamp())
    }

    /// The pick after `i` that starts in another room with no time to walk, if any.
    pub fn tight_change_after(&self, i: usize) -> Option<usize> {
        let k = self.room_changes.partition_point(|(a, _)| *a < i);
        self.room_changes
            .get(k)
            .filter(|(a, _)| *a == i)
            .map(|(_, b)| *b)
    }

    /// How many picks clash with at least one other, in O(1).
    pub fn clashing_picks(&self) -> usize {
        self.clashing
    }

    /// How many picks are live (not cancelled by the schedule, not gone from it).
    pub fn live_count(&self) -> usize {
        self.picks.iter().filter(|p| p.state.is_live()).count()
    }
}

fn day_start(d: &Day) -> usize {
    d.lines
        .iter()
        .find_map(|l| match l {
            Line::Pick(i) => Some(*i),
            Line::Gap { .. } => None,
        })
        .unwrap_or(0)
}

/// Whether the picks can be cut before pick `i` (`i > 0`): it is of another day than the pick
/// before it and starts after `busy_until`, when every earlier pick has ended. So no clash, no
/// back-to-back room change and no day crosses a cut.
fn cut_before(picks: &[Placed], i: usize, busy_until: i64) -> bool {
    picks[i].day != picks[i - 1].day && picks[i].start.timestamp() > busy_until
}

/// Until when a pick keeps time busy: its end, its start when empty; a pick that is not live
/// (cancelled, gone) keeps no time and clashes with nothing.
fn busy_end(p: &Placed) -> i64 {
    if p.state.is_live() {
        p.end.timestamp().max(p.start.timestamp())
    } else {
        i64::MIN
    }
}

/// The span a pick takes in the overview's clash checks: empty when it is not live.
fn span_of(p: &Placed) -> (i64, i64) {
    let start = p.start.timestamp();
    if p.state.is_live() {
        (start, p.end.timestamp())
    } else {
        (start, start)
    }
}

/// Where the picks can be cut into parts: 0, each place [`cut_before`] allows, the end.
fn cuts(picks: &[Placed]) -> Vec<usize> {
    let mut out = vec![0];
    let mut busy_until = i64::MIN;
    for (i, p) in picks.iter().enumerate() {
        if i > 0 && cut_before(picks, i, busy_until) {
            out.push(i);
        }
        busy_until = busy_until.max(busy_end(p));
    }
    out.push(picks.len());
    out
}

/// The plan of `picks`, the first of which is the plan's pick `offset`.
fn build_range(picks: &[Placed], offset: usize) -> Built {
    let mut built = Built {
        parts: Vec::new(),
        days: Vec::new(),
        room_changes: Vec::new(),
        clash_groups: Vec::new(),
        clash_counts: Vec::with_capacity(picks.len()),
    };
    let cuts = cuts(picks);
    for w in cuts.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        if lo == hi {
            continue;
        }
        let part = &picks[lo..hi];
        let from = offset + lo;
        let spans: Vec<(i64, i64)> = part.iter().map(span_of).collect();
        let overlaps = overlap::Index::new(&spans);
        built
            .clash_counts
            .extend((0..part.len()).map(|i| overlaps.count(i)));
        let rooms: Vec<Option<&str>> = part.iter().map(|p| p.room.as_deref()).collect();
        let mut changes = overlap::room_changes(&spans, &rooms);
        changes.retain(|&(a, b)| part[a].state.is_live() && part[b].state.is_live());
        changes.sort_unstable();
        built
            .room_changes
            .extend(changes.into_iter().map(|(a, b)| (from + a, from + b)));
        built.clash_groups.extend(
            overlap::groups(&spans)
                .into_iter()
                .map(|g| g.into_iter().map(|i| from + i).collect()),
        );
        built.days.extend(days_of(part, from));
        built.parts.push(Part { from, overlaps });
    }
    built
}

/// The picks (in time order) by day, with the free gaps between them; the first pick is the
/// plan's pick `offset`.
fn days_of(picks: &[Placed], offset: usize) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    let mut busy_until: Option<Stamp> = None;
    for (i, p) in picks.iter().enumerate() {
        if days.last().is_none_or(|d| d.date != p.day) {
            days.push(Day {
                date: p.day,
                lines: Vec::new(),
            });
            busy_until = None;
        }
        let Some(day) = days.last_mut() else { continue };
        if let Some(until) = busy_until
            && p.start > until
        {
            day.lines.push(Line::Gap {
                start: until,
                end: p.start,
            });
        }
        day.lines.push(Line::Pick(offset + i));
        if p.state.is_live() {
            busy_until = Some(busy_until.map_or(p.end, |u| u.max(p.end)));
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Standing;
    use crate::model::Kind;
    use proptest::prelude::*;

    /// A pick on conference day `day` (0..3) starting `start` minutes after that day's 09:00
    /// (past midnight, or even on another date, as odd sources have it), `len` minutes long.
    fn placed(n: usize, day: u32, start: i64, len: i64, room: u8) -> Placed {
        let d = NaiveDate::from_ymd_opt(2020, 2, 1 + day).unwrap();
        let at = |m: i64| {
            Stamp::floating(d.and_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(m))
        };
        Placed {
            id: format!("p{n:03}"),
            title: format!("Talk {n}"),
            speakers: Vec::new(),
            day: d,
            start: at(start),
            end: at(start + len),
            room: (room > 0).then(|| format!("R{room}")),
            kind: Kind::Talk,
            language: None,
            state: Standing::Live,
        }
    }

    fn pool() -> impl Strategy<Value = Vec<Placed>> {
        prop::collection::vec((0u32..3, -600i64..1800, 0i64..240, 0u8..4), 1..30).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(n, (day, start, len, room))| placed(n, day, start, len, room))
                .collect()
        })
    }

    proptest! {
        /// Picking and unpicking one at a time gives the plan built from scratch, whatever the
        /// days, overlaps across midnight, empty talks and rooms.
        #[test]
        fn a_plan_changed_one_pick_at_a_time_is_the_plan_built_whole(
            pool in pool(),
            steps in prop::collection::vec(0usize..30, 1..60),
        ) {
            let mut plan = Overview::default();
            let mut picked: Vec<Placed> = Vec::new();
            for s in steps {
                let p = &pool[s % pool.len()];
                if let Some(k) = picked.iter().position(|q| q.id == p.id) {
                    picked.remove(k);
                    prop_assert_eq!(plan.remove(&p.id).map(|q| q.id), Some(p.id.clone()));
                } else {
                    picked.push(p.clone());
                    let k = plan.insert(p.clone());
                    prop_assert_eq!(&plan.picks[k].id, &p.id);
                }
                picked.sort_by(|a, b| order(a).cmp(&order(b)));
                let whole = Overview::from_placed(picked.clone(), None);
                prop_assert_eq!(&plan, &whole);
            }
        }
    }

    #[test]
    fn a_pick_rebuilds_its_day_only() {
        // Three days apart: three parts; a pick on the middle day leaves the others' indexes.
        let picks: Vec<Placed> = (0..9)
            .map(|n| placed(n, (n / 3) as u32, (n % 3) as i64 * 20, 30, 1))
            .collect();
        let mut plan = Overview::from_placed(picks, None);
        assert_eq!(plan.parts.len(), 3);
        let first = plan.parts[0].clone();
        plan.insert(placed(20, 1, 5, 30, 2));
        assert_eq!(plan.parts.len(), 3);
        assert_eq!(plan.parts[0], first);
        assert_eq!(plan.parts[2].from, 7);
        assert_eq!(plan.clashes_with(4), 2);
    }
}

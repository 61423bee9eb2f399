//! The best plan of one day: of the picks (wishes), a set with no two overlapping and, between
//! picks in different rooms, at least the walking time; exactly optimal for this order,
//! compared lexicographically: most *must*, then most *want*, then most *maybe*, then the fewest
//! chosen talks that are recorded, then the most minutes attended. Every pick left out gets the
//! chosen pick that keeps it out (a clash or a walk too short).
//!
//! The search is weighted interval scheduling: picks in order of start; the best chain ending
//! with a pick is its own score plus the best chain ending early enough before it, found in
//! O(log n) with a prefix-maximum tree over ends (one for any room, one per room for the
//! same-room case, where no walk is needed). O(n log n) a day.

use std::collections::HashMap;

use super::Priority;
use super::walking::Walking;
use crate::model::Stamp;

/// A pick as the plan weighs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    pub id: String,
    pub title: String,
    pub start: Stamp,
    pub end: Stamp,
    pub room: Option<String>,
    pub priority: Priority,
    /// The talk is recorded (it can be watched later).
    pub recorded: bool,
}

impl Wish {
    fn minutes(&self) -> i64 {
        self.start.minutes_until(&self.end).max(0)
    }

    /// Whether `self` then `next` can both be attended: `self` ends in time to walk (none in the
    /// same room).
    pub fn fits_before(&self, next: &Wish, walk: i64) -> bool {
        self.fits_before_by(next, &Walking::uniform(walk))
    }

    /// [`Wish::fits_before`] with the walk between their two rooms as `walking` has it.
    pub fn fits_before_by(&self, next: &Wish, walking: &Walking) -> bool {
        self.end.plus_minutes(walk_between(self, next, walking)) <= next.start
    }
}

fn walk_between(a: &Wish, b: &Wish, walking: &Walking) -> i64 {
    walking.minutes(a.room.as_deref(), b.room.as_deref())
}

/// A fixed appointment of the person's own (a meeting, lunch, a shift): the plan keeps it
/// whatever else is picked and leaves out the talks it leaves no time for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub start: Stamp,
    pub end: Stamp,
    /// Where it is: a room of the schedule or any place; `None`: no walk is counted to or
    /// from it (lineup cannot know where it is).
    pub place: Option<String>,
}

impl Fixed {
    /// Why `w` cannot be attended beside this appointment: the minutes they overlap, or 0
    /// when they do not but there is no time to walk between them. `None`: both fit.
    #[cfg(test)]
    fn keeps_out(&self, w: &Wish, walking: &Walking) -> Option<i64> {
        self.keeps_out_within(w, walking, walking.longest())
    }

    /// [`Fixed::keeps_out`] with the longest walk there is known (far apart, no walk is
    /// looked up).
    fn keeps_out_within(&self, w: &Wish, walking: &Walking, longest: i64) -> Option<i64> {
        let minutes = overlap_of((w.start, w.end), (self.start, self.end));
        if minutes > 0 || (w.start < self.end && self.start < w.end) {
            return Some(minutes);
        }
        if w.end.plus_minutes(longest) <= self.start || self.end.plus_minutes(longest) <= w.start {
            return None;
        }
        let walk = match &self.place {
            Some(place) => walking.minutes(w.room.as_deref(), Some(place)),
            None => 0,
        };
        let fits = if w.end <= self.start {
            w.end.plus_minutes(walk) <= self.start
        } else {
            self.end.plus_minutes(walk) <= w.start
        };
        (!fits).then_some(0)
    }
}

/// What a set of picks is worth, compared field by field in this order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    pub must: i64,
    pub want: i64,
    pub maybe: i64,
    /// Minus the chosen talks that are recorded (fewer is better).
    pub unrecorded: i64,
    pub minutes: i64,
}

impl Score {
    pub fn of(w: &Wish) -> Score {
        Score {
            must: i64::from(w.priority == Priority::Must),
            want: i64::from(w.priority == Priority::Want),
            maybe: i64::from(w.priority == Priority::Maybe),
            unrecorded: -i64::from(w.recorded),
            minutes: w.minutes(),
        }
    }

    fn plus(self, o: Score) -> Score {
        Score {
            must: self.must + o.must,
            want: self.want + o.want,
            maybe: self.maybe + o.maybe,
            unrecorded: self.unrecorded + o.unrecorded,
            minutes: self.minutes + o.minutes,
        }
    }

    /// The score of several picks.
    pub fn sum<'a>(wishes: impl IntoIterator<Item = &'a Wish>) -> Score {
        wishes
            .into_iter()
            .fold(Score::default(), |s, w| s.plus(Score::of(w)))
    }
}

/// Why a pick was left out: the chosen pick that keeps it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// It overlaps chosen pick `with` by `minutes`.
    Clash { with: usize, minutes: i64 },
    /// No time to walk from `from` (ending) to `to` (starting); one of them is the dropped pick.
    Walk { from: usize, to: usize },
    /// It overlaps the person's own appointment `event` (an index into the fixed ones) by
    /// `minutes`, or (0) leaves no time to walk to or from it.
    Busy { event: usize, minutes: i64 },
}

/// The plan of a day: the chosen picks in time order and each dropped one with its reason
/// (indexes into the wishes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    pub chosen: Vec<usize>,
    pub dropped: Vec<(usize, Reason)>,
}

/// Chooses the best plan of `wishes` (one day's) with `walk` minutes between rooms.
pub fn choose(wishes: &[Wish], walk: i64) -> Choice {
    choose_with(wishes, walk, false)
}

/// [`choose`], and with `partial` the plan may keep two picks that overlap a little (see
/// [`cut`]) by leaving the earlier one early; the minutes it then attends count what is seen.
pub fn choose_with(wishes: &[Wish], walk: i64, partial: bool) -> Choice {
    choose_around(wishes, &[], &Walking::uniform(walk), partial)
}

/// The best plan of `wishes` around the person's `fixed` appointments (kept whatever else is
/// picked: a talk they leave no time for is left out first, with [`Reason::Busy`]), walking
/// between rooms as `walking` has it.
pub fn choose_around(wishes: &[Wish], fixed: &[Fixed], walking: &Walking, partial: bool) -> Choice {
    let busy = busy_of(wishes, fixed, walking);
    // The plan is made of the talks the appointments leave room for.
    let run = |list: &[Wish]| {
        if partial {
            best_partial(list, walking)
        } else {
            best(list, walking)
        }
    };
    let chosen: Vec<usize> = if busy.iter().all(Option::is_none) {
        run(wishes)
    } else {
        let free: Vec<usize> = (0..wishes.len()).filter(|&i| busy[i].is_none()).collect();
        let open: Vec<Wish> = free.iter().map(|&i| wishes[i].clone()).collect();
        run(&open).into_iter().map(|k| free[k]).collect()
    };
    let mut kept = vec![false; wishes.len()];
    for &i in &chosen {
        kept[i] = true;
    }
    let dropped = (0..wishes.len())
        .filter(|&i| !kept[i])
        .map(|i| {
            let r = busy[i]
                .or_else(|| reason(wishes, &chosen, i, walking))
                .unwrap_or_else(|| nearest(wishes, &chosen, i));
            (i, r)
        })
        .collect();
    Choice { chosen, dropped }
}

/// The chosen pick closest in time to `d`, as the reason when no clash or walk names one (a
/// dropped pick always has one; this keeps every pick accounted for).
fn nearest(wishes: &[Wish], chosen: &[usize], d: usize) -> Reason {
    let w = &wishes[d];
    let with = chosen
        .iter()
        .copied()
        .min_by_key(|&c| (wishes[c].start.minutes_until(&w.start)).abs())
        .unwrap_or(d);
    Reason::Clash {
        with,
        minutes: overlap(w, &wishes[with]),
    }
}

/// For each wish, the first fixed appointment (by index) that keeps it out. Only the
/// appointments near a wish in time are looked at: those starting before it ends (and the
/// longest walk), back to the longest appointment's length before it starts.
fn busy_of(wishes: &[Wish], fixed: &[Fixed], walking: &Walking) -> Vec<Option<Reason>> {
    if fixed.is_empty() {
        return vec![None; wishes.len()];
    }
    let longest = walking.longest();
    let mut order: Vec<usize> = (0..fixed.len()).collect();
    order.sort_by_key(|&k| fixed[k].start.timestamp());
    let starts: Vec<i64> = order.iter().map(|&k| fixed[k].start.timestamp()).collect();
    let reach = fixed
        .iter()
        .map(|f| f.end.timestamp() - f.start.timestamp())
        .max()
        .unwrap_or(0)
        + longest * 60;
    wishes
        .iter()
        .map(|w| {
            let (ws, we) = (w.start.timestamp(), w.end.timestamp());
            let from = starts.partition_point(|&s| s < ws - reach);
            let to = starts.partition_point(|&s| s < we + longest * 60);
            order[from..to]
                .iter()
                .filter_map(|&event| {
                    fixed[event]
                        .keeps_out_within(w, walking, longest)
                        .map(|minutes| (event, minutes))
                })
                .min_by_key(|&(event, _)| event)
                .map(|(event, minutes)| Reason::Busy { event, minutes })
        })
        .collect()
}

/// When `b` follows `a` in a plan that may cut: the minutes `a` is left early to reach `b` in
/// time (0 when no cut is needed), or `None` when the two cannot both be kept: `b` starts
/// first, or the cut is more than the partial way allows or would leave nothing of `a`.
pub fn cut(a: &Wish, b: &Wish, walk: i64) -> Option<i64> {
    cut_by(a, b, &Walking::uniform(walk))
}

/// [`cut`] with the walk between their rooms as `walking` has it.
pub fn cut_by(a: &Wish, b: &Wish, walking: &Walking) -> Option<i64> {
    if a.fits_before_by(b, walking) {
        return Some(0);
    }
    let walk = walk_between(a, b, walking);
    let minutes = b.start.minutes_until(&a.end.plus_minutes(walk));
    let small = |w: &Wish| minutes * 100 <= w.minutes() * PARTIAL_PERCENT;
    (a.start < b.start
        && minutes < a.minutes()
        && (minutes <= PARTIAL_MINUTES || small(a) || small(b)))
    .then_some(minutes)
}

/// The best plan when picks may be cut: O(n²), from the last start back (the minutes of a
/// pick depend on the one after it).
fn best_partial(wishes: &[Wish], walking: &Walking) -> Vec<usize> {
    let n = wishes.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (wishes[i].start, wishes[i].end, i));
    let mut value: Vec<Score> = vec![Score::default(); n];
    let mut next: Vec<Option<usize>> = vec![None; n];
    for (k, &i) in order.iter().enumerate().rev() {
        value[i] = Score::of(&wishes[i]);
        for &j in &order[k + 1..] {
            let Some(c) = cut_by(&wishes[i], &wishes[j], walking) else {
                continue;
            };
            let with = Score {
                minutes: -c,
                ..Score::default()
            }
            .plus(Score::of(&wishes[i]))
            .plus(value[j]);
            if with > value[i] {
                value[i] = with;
                next[i] = Some(j);
            }
        }
    }
    follow(&order, &value, &next)
}

/// The chain from the wish with the best value (the lowest index among equals), following
/// `link` from it.
fn follow(order: &[usize], value: &[Score], link: &[Option<usize>]) -> Vec<usize> {
    let Some(mut at) = order
        .iter()
        .copied()
        .max_by(|&a, &b| value[a].cmp(&value[b]).then(b.cmp(&a)))
    else {
        return Vec::new();
    };
    let mut chain = vec![at];
    while let Some(j) = link[at] {
        chain.push(j);
        at = j;
    }
    chain
}

/// A prefix-maximum tree (Fenwick) of chains by position of their end.
struct Tree(Vec<Option<(Score, usize)>>);

impl Tree {
    fn new(n: usize) -> Self {
        Tree(vec![None; n + 1])
    }

    fn put(&mut self, pos: usize, v: (Score, usize)) {
        let mut i = pos + 1;
        while i < self.0.len() {
            if self.0[i].is_none_or(|cur| v.0 > cur.0) {
                self.0[i] = Some(v);
            }
            i += i & i.wrapping_neg();
        }
    }

    /// The best chain among the first `count` positions.
    fn best(&self, count: usize) -> Option<(Score, usize)> {
        let mut i = count.min(self.0.len() - 1);
        let mut out: Option<(Score, usize)> = None;
        while i > 0 {
            if let Some(v) = self.0[i]
                && out.is_none_or(|o| v.0 > o.0)
            {
                out = Some(v);
            }
            i -= i & i.wrapping_neg();
        }
        out
    }
}

/// Ends in order (of all wishes, or of one room's).
struct Ends {
    ends: Vec<Stamp>,
}

impl Ends {
    /// The ends of `members`, and where each member's end sits among them, written to `pos`.
    fn of(wishes: &[Wish], mut members: Vec<usize>, pos: &mut [usize]) -> Self {
        members.sort_by_key(|&i| (wishes[i].end, i));
        for (p, &i) in members.iter().enumerate() {
            pos[i] = p;
        }
        Ends {
            ends: members.iter().map(|&i| wishes[i].end).collect(),
        }
    }

    /// How many end at or before `t`.
    fn upto(&self, t: Stamp) -> usize {
        self.ends.partition_point(|e| *e <= t)
    }
}

/// The chosen indexes, in time order. A wish's best predecessor is looked up once per area
/// of the venue (each with the walk from there), and once in its own room (no walk).
fn best(wishes: &[Wish], walking: &Walking) -> Vec<usize> {
    let n = wishes.len();
    // Areas by index; wishes in no area share the last bucket.
    let none = walking.areas.len();
    let area: Vec<usize> = wishes
        .iter()
        .map(|w| {
            w.room
                .as_deref()
                .and_then(|r| walking.area_of(r))
                .unwrap_or(none)
        })
        .collect();
    let mut pos_area = vec![0; n];
    let mut areas: Vec<(usize, Ends, Tree)> = Vec::new();
    for b in 0..=none {
        let list: Vec<usize> = (0..n).filter(|&i| area[i] == b).collect();
        if !list.is_empty() {
            let size = list.len();
            areas.push((b, Ends::of(wishes, list, &mut pos_area), Tree::new(size)));
        }
    }
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in wishes.iter().enumerate() {
        if let Some(r) = w.room.as_deref() {
            members.entry(r).or_default().push(i);
        }
    }
    // Each wish is in one room: one position array serves every room.
    let mut pos_room = vec![0; n];
    let mut rooms: HashMap<&str, (Ends, Tree)> = HashMap::new();
    for (r, list) in members {
        let size = list.len();
        let ends = Ends::of(wishes, list, &mut pos_room);
        rooms.insert(r, (ends, Tree::new(size)));
    }
    let as_area = |b: usize| (b < none).then_some(b);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (wishes[i].start, wishes[i].end, i));
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut value: Vec<Score> = vec![Score::default(); n];
    for &j in &order {
        let w = &wishes[j];
        let mut prev: Option<(Score, usize)> = None;
        let mut take = |cand: Option<(Score, usize)>| {
            if cand.is_some_and(|c| prev.is_none_or(|p| c.0 > p.0)) {
                prev = cand;
            }
        };
        for (b, ends, tree) in &areas {
            let walk = walking.between_areas(as_area(*b), as_area(area[j]));
            take(tree.best(ends.upto(w.start.plus_minutes(-walk))));
        }
        if let Some((ends, tree)) = w.room.as_deref().and_then(|r| rooms.get(r)) {
            take(tree.best(ends.upto(w.start)));
        }
        value[j] = Score::of(w).plus(prev.map_or(Score::default(), |p| p.0));
        parent[j] = prev.map(|p| p.1);
        if let Some((_, _, tree)) = areas.iter_mut().find(|(b, _, _)| *b == area[j]) {
            tree.put(pos_area[j], (value[j], j));
        }
        if let Some((_, tree)) = w.room.as_deref().and_then(|r| rooms.get_mut(r)) {
            tree.put(pos_room[j], (value[j], j));
        }
    }
    // Followed back from its end; the plan reads in time order.
    let mut chain = follow(&order, &value, &parent);
    chain.reverse();
    chain
}

/// The chosen pick that keeps `d` out: the one it overlaps most (the highest priority first),
/// else a neighbour too far to walk.
fn reason(wishes: &[Wish], chosen: &[usize], d: usize, walking: &Walking) -> Option<Reason> {
    let w = &wishes[d];
    let walk = walking.longest();
    // Chosen picks are in time order and do not overlap, so their ends are in order too.
    let from = chosen.partition_point(|&c| wishes[c].end.plus_minutes(walk) <= w.start);
    let near = &chosen[from.saturating_sub(1)..];
    let clash = near
        .iter()
        .take_while(|&&c| wishes[c].start < w.end.plus_minutes(walk))
        .filter_map(|&c| {
            let o = &wishes[c];
            let minutes = overlap(w, o);
            (minutes > 0 || (o.start < w.end && w.start < o.end)).then_some((c, minutes))
        })
        .max_by_key(|&(c, minutes)| (std::cmp::Reverse(wishes[c].priority), minutes));
    if let Some((with, minutes)) = clash {
        return Some(Reason::Clash { with, minutes });
    }
    near.iter()
        .take_while(|&&c| wishes[c].start < w.end.plus_minutes(walk))
        .find_map(|&c| {
            let o = &wishes[c];
            if o.end <= w.start && !o.fits_before_by(w, walking) {
                Some(Reason::Walk { from: c, to: d })
            } else if w.end <= o.start && !w.fits_before_by(o, walking) {
                Some(Reason::Walk { from: d, to: c })
            } else {
                None
            }
        })
}

/// A small overlap that can be lived with: leave the earlier talk early or arrive late to the
/// later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partial {
    /// Leave `talk` (the earlier one) this many minutes early.
    LeaveEarly { talk: usize, minutes: i64 },
    /// Arrive this many minutes late to `talk` (the later one).
    ArriveLate { talk: usize, minutes: i64 },
}

/// The most an overlap may be, in minutes, to be offered as a partial way.
pub const PARTIAL_MINUTES: i64 = 15;
/// … or as a share of either talk, in percent.
pub const PARTIAL_PERCENT: i64 = 25;

/// For a pick `dropped` left out for chosen pick `kept` by a small overlap (at most
/// [`PARTIAL_MINUTES`], or [`PARTIAL_PERCENT`] % of either talk), the partial way to see both:
/// cut the chosen one, whichever end overlaps.
pub fn partial(wishes: &[Wish], dropped: usize, kept: usize) -> Option<Partial> {
    let (d, k) = (&wishes[dropped], &wishes[kept]);
    let minutes = overlap(d, k);
    let small = |w: &Wish| minutes * 100 <= w.minutes() * PARTIAL_PERCENT;
    if minutes == 0 || !(minutes <= PARTIAL_MINUTES || small(d) || small(k)) {
        return None;
    }
    // Cutting the chosen talk must leave something of it.
    if minutes >= k.minutes() {
        return None;
    }
    Some(if k.start <= d.start {
        Partial::LeaveEarly {
            talk: kept,
            minutes,
        }
    } else {
        Partial::ArriveLate {
            talk: kept,
            minutes,
        }
    })
}

/// Minutes two picks overlap (0 when they only touch or not at all).
pub fn overlap(a: &Wish, b: &Wish) -> i64 {
    overlap_of((a.start, a.end), (b.start, b.end))
}

/// Minutes two spans overlap.
fn overlap_of(a: (Stamp, Stamp), b: (Stamp, Stamp)) -> i64 {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    start.minutes_until(&end).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::walking::Area;
    use proptest::prelude::*;

    fn at(minute: i64) -> Stamp {
        Stamp::parse("2020-02-01T09:00:00+01:00")
            .unwrap()
            .plus_minutes(minute)
    }

    fn wish(i: usize, start: i64, len: i64, room: u8, priority: u8, recorded: bool) -> Wish {
        Wish {
            id: format!("w{i}"),
            title: format!("W{i}"),
            start: at(start),
            end: at(start + len),
            room: (room > 0).then(|| format!("R{room}")),
            priority: Priority::ALL[usize::from(priority % 3)],
            recorded,
        }
    }

    /// Every subset, the feasible ones scored: the best score there is.
    fn brute(wishes: &[Wish], walk: i64) -> Score {
        brute_around(wishes, &[], &Walking::uniform(walk))
    }

    fn arb_wishes() -> impl Strategy<Value = Vec<Wish>> {
        prop::collection::vec(
            (0i64..300, 0i64..120, 0u8..4, 0u8..3, any::<bool>()),
            0..=14,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (s, l, r, p, rec))| wish(i, s / 5 * 5, l / 5 * 5, r, p, rec))
                .collect()
        })
    }

    /// Every subset, feasible when each pick can be cut to reach the next: the best score.
    fn brute_partial(wishes: &[Wish], walk: i64) -> Score {
        let n = wishes.len();
        let mut best = Score::default();
        for mask in 0u32..(1 << n) {
            let mut set: Vec<&Wish> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &wishes[i])
                .collect();
            set.sort_by_key(|w| (w.start, w.end));
            let cuts: Option<Vec<i64>> = set.windows(2).map(|p| cut(p[0], p[1], walk)).collect();
            if let Some(cuts) = cuts {
                let mut score = Score::sum(set);
                score.minutes -= cuts.iter().sum::<i64>();
                best = best.max(score);
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_partial_plan_is_as_good_as_every_subset(wishes in arb_wishes(), walk in 0i64..20) {
            let c = choose_with(&wishes, walk, true);
            let chosen: Vec<&Wish> = c.chosen.iter().map(|&i| &wishes[i]).collect();
            let cuts: Option<Vec<i64>> = chosen.windows(2).map(|p| cut(p[0], p[1], walk)).collect();
            prop_assert!(cuts.is_some());
            let mut score = Score::sum(chosen);
            score.minutes -= cuts.unwrap_or_default().iter().sum::<i64>();
            prop_assert_eq!(score, brute_partial(&wishes, walk));
            prop_assert_eq!(c.chosen.len() + c.dropped.len(), wishes.len());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_plan_is_as_good_as_every_subset_and_feasible(wishes in arb_wishes(), walk in 0i64..20) {
            let c = choose(&wishes, walk);
            let chosen: Vec<&Wish> = c.chosen.iter().map(|&i| &wishes[i]).collect();
            prop_assert!(chosen.windows(2).all(|p| p[0].fits_before(p[1], walk)));
            prop_assert_eq!(Score::sum(chosen), brute(&wishes, walk));
            // Every pick is chosen or dropped with a reason naming a chosen pick.
            prop_assert_eq!(c.chosen.len() + c.dropped.len(), wishes.len());
            for (_, r) in &c.dropped {
                let named = match r {
                    Reason::Clash { with, .. } => *with,
                    Reason::Walk { from, to } => if c.chosen.contains(from) { *from } else { *to },
                    Reason::Busy { .. } => unreachable!("no events here"),
                };
                prop_assert!(c.chosen.contains(&named));
            }
        }
    }

    /// Every subset that keeps clear of the fixed events and walks between rooms as `walking`
    /// has it: the best score.
    fn brute_around(wishes: &[Wish], fixed: &[Fixed], walking: &Walking) -> Score {
        let n = wishes.len();
        let mut best = Score::default();
        for mask in 0u32..(1 << n) {
            let mut set: Vec<&Wish> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &wishes[i])
                .collect();
            set.sort_by_key(|w| (w.start, w.end));
            let clear = set
                .iter()
                .all(|w| fixed.iter().all(|f| f.keeps_out(w, walking).is_none()));
            if clear && set.windows(2).all(|p| p[0].fits_before_by(p[1], walking)) {
                best = best.max(Score::sum(set));
            }
        }
        best
    }

    /// A venue of rooms R1–R3 (and wishes in no room), each room in area A, B or none, with
    /// minutes within and between areas.
    fn arb_walking() -> impl Strategy<Value = Walking> {
        (
            prop::collection::vec(0u8..3, 3),
            0i64..15,
            prop::collection::vec(0i64..25, 3),
        )
            .prop_map(|(area_of, default, minutes)| {
                let rooms = |a: u8| -> Vec<String> {
                    (1..=3)
                        .filter(|r| area_of[r - 1] == a)
                        .map(|r| format!("R{r}"))
                        .collect()
                };
                let areas = vec![
                    Area {
                        name: "A".into(),
                        rooms: rooms(1),
                        within: Some(minutes[0]),
                    },
                    Area {
                        name: "B".into(),
                        rooms: rooms(2),
                        within: Some(minutes[1]),
                    },
                ];
                Walking::with_areas(default, areas, &[("A".into(), "B".into(), minutes[2])])
                    .unwrap_or_default()
            })
    }

    fn arb_fixed() -> impl Strategy<Value = Vec<Fixed>> {
        prop::collection::vec((0i64..300, 5i64..90, 0u8..5), 0..=3).prop_map(|v| {
            v.into_iter()
                .map(|(s, l, place)| Fixed {
                    start: at(s / 5 * 5),
                    end: at(s / 5 * 5 + l / 5 * 5),
                    place: match place {
                        0 => None,
                        4 => Some("Café".into()),
                        r => Some(format!("R{r}")),
                    },
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// The planner's brute-force oracle with the person's own events and walking by area.
        #[test]
        fn the_plan_around_events_with_areas_is_as_good_as_every_subset(
            wishes in arb_wishes(),
            fixed in arb_fixed(),
            walking in arb_walking(),
        ) {
            let c = choose_around(&wishes, &fixed, &walking, false);
            let chosen: Vec<&Wish> = c.chosen.iter().map(|&i| &wishes[i]).collect();
            prop_assert!(chosen.windows(2).all(|p| p[0].fits_before_by(p[1], &walking)));
            for w in &chosen {
                prop_assert!(fixed.iter().all(|f| f.keeps_out(w, &walking).is_none()));
            }
            prop_assert_eq!(Score::sum(chosen), brute_around(&wishes, &fixed, &walking));
            prop_assert_eq!(c.chosen.len() + c.dropped.len(), wishes.len());
            for (i, r) in &c.dropped {
                match r {
                    Reason::Busy { event, .. } => {
                        prop_assert!(fixed[*event].keeps_out(&wishes[*i], &walking).is_some());
                    }
                    Reason::Clash { with, .. } => prop_assert!(c.chosen.contains(with)),
                    Reason::Walk { from, to } => {
                        prop_assert!(c.chosen.contains(from) || c.chosen.contains(to));
                    }
                }
            }
        }
    }

    #[test]
    fn an_event_keeps_out_what_overlaps_it_and_what_leaves_no_time_to_walk() {
        // Lunch 60–120 in R2; a talk 0–55 in R1 with 10 min to walk cannot reach it.
        let w = [
            wish(0, 0, 55, 1, 0, false),
            wish(1, 90, 60, 3, 0, false),
            wish(2, 130, 30, 2, 2, false),
        ];
        let lunch = Fixed {
            start: at(60),
            end: at(120),
            place: Some("R2".into()),
        };
        let c = choose_around(
            &w,
            std::slice::from_ref(&lunch),
            &Walking::uniform(10),
            false,
        );
        // The must talks both give way; the maybe in R2 right after it (no walk) is kept.
        assert_eq!(c.chosen, [2]);
        assert!(c.dropped.contains(&(
            0,
            Reason::Busy {
                event: 0,
                minutes: 0
            }
        )));
        assert!(c.dropped.contains(&(
            1,
            Reason::Busy {
                event: 0,
                minutes: 30
            }
        )));
        // With no place, no walk is counted: the first talk fits before it.
        let nowhere = Fixed {
            place: None,
            ..lunch
        };
        assert_eq!(
            choose_around(&w, &[nowhere], &Walking::uniform(10), false).chosen,
            [0, 2]
        );
    }

    #[test]
    fn small_overlaps_offer_a_partial_way_and_large_ones_do_not() {
        // Kept 0–60 (must), dropped 50–90: 10 min overlap, leave the kept one early.
        let w = [wish(0, 0, 60, 1, 0, false), wish(1, 50, 40, 2, 1, false)];
        assert_eq!(
            partial(&w, 1, 0),
            Some(Partial::LeaveEarly {
                talk: 0,
                minutes: 10
            })
        );
        // Dropped 0–40, kept 30–120 (must): arrive 10 min late to the kept one.
        let w = [wish(0, 0, 40, 1, 1, false), wish(1, 30, 90, 2, 0, false)];
        assert_eq!(
            partial(&w, 0, 1),
            Some(Partial::ArriveLate {
                talk: 1,
                minutes: 10
            })
        );
        // 20 min of a 120-min talk is under 25 %: offered; 40 of 55 and 40 is not.
        let w = [wish(0, 0, 120, 1, 0, false), wish(1, 100, 60, 2, 1, false)];
        assert!(partial(&w, 1, 0).is_some());
        let w = [wish(0, 0, 55, 1, 0, false), wish(1, 15, 40, 2, 1, false)];
        assert_eq!(partial(&w, 1, 0), None);
    }

    #[test]
    fn a_must_beats_two_wants_and_walking_matters_between_rooms_only() {
        // W0 must 0–60 R1; W1, W2 want 0–25 and 30–60 R2: the must wins.
        let w = [
            wish(0, 0, 60, 1, 0, false),
            wish(1, 0, 25, 2, 1, false),
            wish(2, 30, 30, 2, 1, false),
        ];
        let c = choose(&w, 0);
        assert_eq!(c.chosen, [0]);
        assert_eq!(
            c.dropped[0],
            (
                1,
                Reason::Clash {
                    with: 0,
                    minutes: 25
                }
            )
        );
        // Back to back in one room needs no walk; in two rooms it needs `walk`.
        let same = [wish(0, 0, 40, 1, 1, false), wish(1, 40, 40, 1, 1, false)];
        assert_eq!(choose(&same, 5).chosen, [0, 1]);
        let apart = [wish(0, 0, 40, 1, 1, false), wish(1, 40, 40, 2, 2, false)];
        let c = choose(&apart, 5);
        assert_eq!(c.chosen, [0]);
        assert_eq!(c.dropped, [(1, Reason::Walk { from: 0, to: 1 })]);
        // Recorded talks give way when all else is equal.
        let rec = [wish(0, 0, 40, 1, 1, true), wish(1, 0, 40, 2, 1, false)];
        assert_eq!(choose(&rec, 0).chosen, [1]);
        assert!(choose(&[], 0).chosen.is_empty());
    }
}

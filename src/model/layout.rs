//! The schedule laid out by day for a grid: for each conference day, its columns (a room each,
//! "(no room)" for talks given none), the plenaries that span them, the changeovers that span some
//! ("Arena, Room 8, Room 5"), and every session's minutes from the day's first hour. Built once;
//! what moving through and drawing a day reads.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Kind, Lens, Memo, Schedule, Stamp};

impl Schedule {
    /// The conference days, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.sessions.iter().map(|s| s.day).collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// One [`DayIndex`] per conference day, in order.
    pub fn day_indexes(&self) -> Vec<DayIndex> {
        self.sessions_by_day()
            .iter()
            .map(|(d, v)| DayIndex::build(self, *d, v, &Lens::default()))
            .collect()
    }

    /// Each conference day's sessions (indexes), by start, in day order.
    pub fn sessions_by_day(&self) -> Vec<(NaiveDate, Vec<usize>)> {
        self.sessions_by_day_ending().0
    }

    /// [`Schedule::sessions_by_day`], and each day's session ending last (an index), found in
    /// the same pass (where now falls and the plan's last gap ask for it: reading 100,000 ends
    /// again took 1.3 ms).
    pub fn sessions_by_day_ending(&self) -> (Vec<(NaiveDate, Vec<usize>)>, Vec<usize>) {
        let ss = &self.sessions;
        // Sessions in time order whose days never go back (what `normalize` leaves, unless a
        // talk after midnight belongs to the day before while another day has begun) are their
        // days' order already: cut where the day changes, without sorting 100,000 indexes, in
        // the one pass that also checks the order.
        let mut per_day: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
        let mut latest: Vec<usize> = Vec::new();
        let (mut from, mut last) = (0, 0);
        for i in 1..=ss.len() {
            if let Some(s) = ss.get(i) {
                let before = &ss[i - 1];
                if (before.day, before.start) > (s.day, s.start) {
                    let per_day = self.sessions_by_day_sorted();
                    let latest = per_day
                        .iter()
                        .filter_map(|(_, all)| self.ending_last(all))
                        .collect();
                    return (per_day, latest);
                }
                if s.day == ss[from].day {
                    if s.end > ss[last].end {
                        last = i;
                    }
                    continue;
                }
            }
            per_day.push((ss[from].day, (from..i).collect()));
            latest.push(last);
            (from, last) = (i, i);
        }
        (per_day, latest)
    }

    /// The session of `all` (indexes) ending last.
    fn ending_last(&self, all: &[usize]) -> Option<usize> {
        all.iter().copied().max_by_key(|&i| self.sessions[i].end)
    }

    /// [`Schedule::sessions_by_day`] for sessions in any order.
    fn sessions_by_day_sorted(&self) -> Vec<(NaiveDate, Vec<usize>)> {
        let mut per_day: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..self.sessions.len()).collect();
        order.sort_by_key(|&i| (self.sessions[i].day, self.sessions[i].start, i));
        for i in order {
            let d = self.sessions[i].day;
            match per_day.last_mut() {
                Some((date, v)) if *date == d => v.push(i),
                _ => per_day.push((d, vec![i])),
            }
        }
        per_day
    }
}

/// A column of the grid: a room, or the sessions given no room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// Sessions shown in the column (its own and the plenaries), by start: what moving walks.
    pub sessions: Vec<usize>,
    /// Only the column's own sessions, by start: what the column draws (plenaries are drawn
    /// once, across all columns).
    pub own: Vec<usize>,
    /// The track every one of the column's own sessions is in, when they share one (a FOSDEM
    /// devroom): shown under the room's name.
    pub track: Option<String>,
    /// The own sessions as they are drawn: runs in time order, each a list of lanes side by side
    /// (each lane by start). Sessions that overlap in the room (36C3 has 117 such pairs) share a
    /// run in lanes of their own, so each keeps its true start and end; a run of one lane holds
    /// sessions that overlap nothing.
    pub runs: Vec<Vec<Vec<usize>>>,
}

/// The runs of a room's sessions (`own`, by start, each the place of its start and end in
/// `times`): see [`Column::runs`].
fn runs(times: &[(Stamp, Stamp)], own: &[usize]) -> Vec<Vec<Vec<usize>>> {
    let mut runs: Vec<Vec<Vec<usize>>> = Vec::new();
    // The run being read, its lanes' ends and its end. A run of one lane after another is
    // moved into it, and its emptied lane takes the next run: at 25,000 talks a day, a new
    // lane (and a new list of ends) for each talk was two allocations a talk.
    let mut lanes: Vec<Vec<usize>> = Vec::new();
    let mut lane_ends: Vec<Stamp> = Vec::new();
    let mut run_end: Option<Stamp> = None;
    let flush = |runs: &mut Vec<Vec<Vec<usize>>>, lanes: &mut Vec<Vec<usize>>| {
        match (runs.last_mut(), lanes.as_mut_slice()) {
            (_, []) => {}
            // Two runs of one lane in a row are one run.
            (Some(last), [lane]) if last.len() == 1 => last[0].append(lane),
            _ => runs.push(std::mem::take(lanes)),
        }
    };
    for &i in own {
        let (start, end) = times[i];
        if run_end.is_some_and(|e| start < e) {
            match lane_ends.iter().position(|e| *e <= start) {
                Some(l) => {
                    lanes[l].push(i);
                    lane_ends[l] = end;
                }
                None => {
                    lanes.push(vec![i]);
                    lane_ends.push(end);
                }
            }
            run_end = run_end.max(Some(end));
        } else {
            flush(&mut runs, &mut lanes);
            match lanes.as_mut_slice() {
                [emptied] => emptied.push(i),
                _ => lanes = vec![vec![i]],
            }
            lane_ends.clear();
            lane_ends.push(end);
            run_end = Some(end);
        }
    }
    flush(&mut runs, &mut lanes);
    runs
}

/// One day of the schedule, indexed for drawing and moving.
#[derive(Debug, Clone)]
pub struct DayIndex {
    pub date: NaiveDate,
    /// Minute 0 of the grid, as a timestamp in seconds (the first start, floored to the hour).
    pub base: i64,
    /// A stamp at minute 0, for labels in the venue's zone.
    pub base_stamp: Stamp,
    pub columns: Vec<Column>,
    /// Plenary sessions (drawn across all columns), by start.
    pub plenaries: Vec<usize>,
    /// Sessions whose room is a list of rooms ("Arena, Room 8, Room 5": a changeover), drawn
    /// across those rooms' columns (the range from the first to the last), by start.
    pub wide: Vec<(usize, std::ops::Range<usize>)>,
    /// Every session of the day with its [start, end) in minutes from `base`.
    pub spans: Vec<(usize, i64, i64)>,
    pub end_minute: i64,
}

impl DayIndex {
    /// The layout of `date`, whose sessions (indexes into the schedule) are `sessions`; rooms
    /// the lens hides get no column.
    pub fn build(
        schedule: &Schedule,
        date: NaiveDate,
        sessions: &[usize],
        lens: &Lens,
    ) -> DayIndex {
        let ss = &schedule.sessions;
        let base_stamp = first_hour(schedule, date, sessions);
        let base = base_stamp.timestamp();
        let minute = |s: &Stamp| (s.timestamp() - base).div_euclid(60);
        // Everything below works on places in `sessions` and reads what it needs of each
        // session from `facts`, read in one pass in the day's order: the sessions of one room
        // lie far apart in memory (at 25,000 a day, a room's next talk is 50 sessions on), and
        // each column reading them again cost a cache miss a session.
        let facts = Facts::of(schedule, sessions);
        let plenaries: Vec<usize> = (0..sessions.len())
            .filter(|&p| ss[sessions[p]].kind.spans_rooms() && ss[sessions[p]].room.is_none())
            .collect();
        let (mut columns, wide) = columns(schedule, sessions, !plenaries.is_empty(), lens);
        for (p, range) in &wide {
            for c in range.clone() {
                columns[c].sessions.push(*p);
            }
        }
        // The day's sessions come in time order when the schedule's are (what `normalize`
        // leaves): each column's, taken in that order, are then in it already and are not
        // sorted again. One pass in order checks it.
        let by_time = |&p: &usize| (facts.times[p].0, facts.times[p].1, sessions[p]);
        let in_order = (0..sessions.len()).is_sorted_by_key(|p| by_time(&p));
        for c in &mut columns {
            if !in_order {
                c.own.sort_by_key(by_time);
            }
            c.runs = runs(&facts.times, &c.own);
            c.track = facts.one_track(&c.own).map(String::from);
            // Changeovers and plenaries joined the column's own: their places are found.
            let joined = c.sessions.len() != c.own.len() || !plenaries.is_empty();
            c.sessions.extend(&plenaries);
            if !in_order || joined {
                c.sessions.sort_by_key(by_time);
            }
            c.places_to_indexes(sessions);
        }
        let spans: Vec<(usize, i64, i64)> = sessions
            .iter()
            .zip(&facts.times)
            .map(|(&i, (start, end))| (i, minute(start), minute(end)))
            .collect();
        let end_minute = spans.iter().map(|s| s.2).max().unwrap_or(60);
        DayIndex {
            date,
            base,
            base_stamp,
            columns,
            plenaries: plenaries.iter().map(|&p| sessions[p]).collect(),
            wide: wide.into_iter().map(|(p, r)| (sessions[p], r)).collect(),
            spans,
            end_minute,
        }
    }

    /// The layout of `date` holding only what `lens` shows of `sessions` (the day's, by start).
    /// A day left empty is still a day, so the tabs do not move as tracks are chosen.
    pub fn through(
        schedule: &Schedule,
        date: NaiveDate,
        sessions: &[usize],
        lens: &Lens,
    ) -> DayIndex {
        if lens.is_clear() {
            return DayIndex::build(schedule, date, sessions, lens);
        }
        let kept: Vec<usize> = sessions
            .iter()
            .copied()
            .filter(|&i| lens.keeps(&schedule.sessions[i]))
            .collect();
        DayIndex::build(schedule, date, &kept, lens)
    }

    /// Minutes from the grid's start to a stamp.
    pub fn minute(&self, s: &Stamp) -> i64 {
        (s.timestamp() - self.base).div_euclid(60)
    }

    /// The columns a session is drawn across: its room's; a changeover's range; for a
    /// plenary, `None` (all of them).
    pub fn columns_of(
        &self,
        schedule: &Schedule,
        session: usize,
    ) -> Option<std::ops::Range<usize>> {
        let s = &schedule.sessions[session];
        if s.kind.spans_rooms() && s.room.is_none() {
            return None;
        }
        if let Some((_, range)) = self.wide.iter().find(|(i, _)| *i == session) {
            return Some(range.clone());
        }
        self.columns
            .iter()
            .position(|c| {
                c.own
                    .binary_search_by_key(&(s.start, s.end, session), |&i| {
                        let o = &schedule.sessions[i];
                        (o.start, o.end, i)
                    })
                    .is_ok()
            })
            .map(|c| c..c + 1)
    }
}

/// Minute 0 of a day's grid: its first start, floored to the hour (midnight for an empty day).
fn first_hour(schedule: &Schedule, date: NaiveDate, sessions: &[usize]) -> Stamp {
    let first = sessions.first().map(|&i| schedule.sessions[i].start);
    first.map_or(
        Stamp::floating(date.and_time(chrono::NaiveTime::MIN)),
        |s| {
            let wall = s.wall();
            let floor = wall.date().and_time(chrono::NaiveTime::MIN)
                + chrono::Duration::hours(i64::from(chrono::Timelike::hour(&wall)));
            s.plus_minutes(-(wall - floor).num_minutes())
        },
    )
}

/// A day's columns, each with its own sessions (`sessions` and `own` alike, unsorted, as
/// places in `sessions` until [`Column::places_to_indexes`]): a
/// column for each room with sessions that day or a changeover in it, "(no room)" for talks
/// given none, "(all rooms)" when there are only plenaries. With them the changeovers and the
/// columns each spans.
fn columns(
    schedule: &Schedule,
    sessions: &[usize],
    has_plenaries: bool,
    lens: &Lens,
) -> (Vec<Column>, Vec<(usize, std::ops::Range<usize>)>) {
    let ss = &schedule.sessions;
    let room_ix: RoomIx = schedule
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_str(), i))
        .collect();
    let hidden: Vec<bool> = schedule.rooms.iter().map(|r| lens.hides_room(r)).collect();
    let mut by_room: Vec<Vec<usize>> = vec![Vec::new(); schedule.rooms.len()];
    let mut unassigned = Vec::new();
    let mut wide_rooms: Vec<(usize, Vec<usize>)> = Vec::new();
    // A room's name a cached schedule stores once is looked up once, not once a session.
    let mut placed: Memo<Placed> = Memo::default();
    for (p, &i) in sessions.iter().enumerate() {
        let place = ss[i].room.as_ref().map_or(Placed::Nowhere, |r| {
            placed.get(r, |r| match rooms_listed(r, &room_ix) {
                Some(rooms) => Placed::Across(rooms),
                None => room_ix.get(r).map_or(Placed::Nowhere, |&c| Placed::In(c)),
            })
        });
        match place {
            Placed::Across(rooms) => {
                wide_rooms.push((p, rooms.into_iter().filter(|&r| !hidden[r]).collect()));
            }
            Placed::In(c) => by_room[c].push(p),
            Placed::Nowhere if ss[i].kind == Kind::Talk => unassigned.push(p),
            Placed::Nowhere => {}
        }
    }
    let mut column_of_room: Vec<Option<usize>> = vec![None; schedule.rooms.len()];
    let mut columns: Vec<Column> = Vec::new();
    let column = |name: String, list: Vec<usize>| Column {
        name,
        own: list.clone(),
        sessions: list,
        track: None,
        runs: Vec::new(),
    };
    for (r, list) in by_room.into_iter().enumerate() {
        let in_wide = wide_rooms.iter().any(|(_, rooms)| rooms.contains(&r));
        if (list.is_empty() && !in_wide) || hidden[r] {
            continue;
        }
        column_of_room[r] = Some(columns.len());
        columns.push(column(schedule.rooms[r].clone(), list));
    }
    if !unassigned.is_empty() {
        columns.push(column("(no room)".into(), unassigned));
    }
    if columns.is_empty() && has_plenaries {
        columns.push(column("(all rooms)".into(), Vec::new()));
    }
    let wide = wide_rooms
        .into_iter()
        .filter_map(|(i, rooms)| {
            let cols: Vec<usize> = rooms.iter().filter_map(|&r| column_of_room[r]).collect();
            let (lo, hi) = (*cols.iter().min()?, *cols.iter().max()?);
            Some((i, lo..hi + 1))
        })
        .collect();
    (columns, wide)
}

/// What laying out a day reads of each of its sessions, in the day's order.
struct Facts<'a> {
    /// Start and end.
    times: Vec<(Stamp, Stamp)>,
    /// The track, as a number the same for the same name (`NO_TRACK` for none).
    tracks: Vec<u32>,
    /// The tracks' names, by number.
    names: Vec<&'a str>,
}

const NO_TRACK: u32 = u32::MAX;

impl<'a> Facts<'a> {
    fn of(schedule: &'a Schedule, sessions: &[usize]) -> Self {
        let mut numbers: HashMap<&'a str, u32> = HashMap::new();
        let mut names: Vec<&'a str> = Vec::new();
        let mut memo: Memo<u32> = Memo::default();
        let (mut times, mut tracks) = (Vec::with_capacity(sessions.len()), Vec::new());
        tracks.reserve_exact(sessions.len());
        for &i in sessions {
            let s = &schedule.sessions[i];
            times.push((s.start, s.end));
            tracks.push(s.track.as_ref().map_or(NO_TRACK, |t| {
                memo.get(t, |name| {
                    *numbers.entry(name).or_insert_with(|| {
                        names.push(name);
                        u32::try_from(names.len() - 1).unwrap_or(NO_TRACK)
                    })
                })
            }));
        }
        Facts {
            times,
            tracks,
            names,
        }
    }

    /// The track all of `own` (places) share, if they share one.
    fn one_track(&self, own: &[usize]) -> Option<&'a str> {
        let first = *self.tracks.get(*own.first()?)?;
        let shared = own.iter().all(|&p| self.tracks[p] == first);
        (shared && first != NO_TRACK)
            .then(|| self.names.get(first as usize).copied())
            .flatten()
    }
}

impl Column {
    /// The column's places in the day's `sessions` made the sessions' indexes.
    fn places_to_indexes(&mut self, sessions: &[usize]) {
        for list in [&mut self.own, &mut self.sessions] {
            list.iter_mut().for_each(|p| *p = sessions[*p]);
        }
        for lane in self.runs.iter_mut().flatten() {
            lane.iter_mut().for_each(|p| *p = sessions[*p]);
        }
    }
}

/// Where a session's room puts it: across the rooms a changeover lists, in one room, or in
/// none the schedule lists.
#[derive(Clone)]
enum Placed {
    Across(Vec<usize>),
    In(usize),
    Nowhere,
}

/// Rooms by name, looked up once or twice a session of the day (a fast seeded hasher).
type RoomIx<'a> = HashMap<&'a str, usize, foldhash::fast::RandomState>;

/// The rooms a room name lists, when it is a list of two or more known rooms separated by
/// commas ("Arena, Room 8, Room 5, Room 6, Room 7").
fn rooms_listed(name: &str, rooms: &RoomIx) -> Option<Vec<usize>> {
    if !name.contains(',') {
        return None;
    }
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| rooms.get(p).copied()).collect()
}

#[cfg(test)]
mod tests {
    use crate::model::Kind;
    use crate::native::default_schedule;
    use proptest::prelude::*;

    /// Sessions in one room from (start, length) minutes after 10:00.
    fn room(slots: &[(i64, i64)]) -> Vec<crate::model::Session> {
        let mut s = default_schedule().unwrap().sessions[0].clone();
        s.room = Some("R".into());
        let at = s.start;
        slots
            .iter()
            .map(|&(from, len)| {
                let mut x = s.clone();
                x.start = at.plus_minutes(from);
                x.end = at.plus_minutes(from + len.max(0));
                x
            })
            .collect()
    }

    fn times(ss: &[crate::model::Session]) -> Vec<(crate::model::Stamp, crate::model::Stamp)> {
        ss.iter().map(|s| (s.start, s.end)).collect()
    }

    fn by_start(ss: &[crate::model::Session]) -> Vec<usize> {
        let mut own: Vec<usize> = (0..ss.len()).collect();
        own.sort_by_key(|&i| (ss[i].start, ss[i].end, i));
        own
    }

    #[test]
    fn sessions_that_overlap_in_a_room_get_lanes_the_rest_one() {
        // 0–30, 40–60; then a film 100–250 with a talk 120–140 and one 150–170 beside it;
        // then 260–280.
        let ss = room(&[
            (0, 30),
            (40, 20),
            (100, 150),
            (120, 20),
            (150, 20),
            (260, 20),
        ]);
        let runs = super::runs(&times(&ss), &by_start(&ss));
        assert_eq!(
            runs,
            vec![vec![vec![0, 1]], vec![vec![2], vec![3, 4]], vec![vec![5]],]
        );
    }

    proptest! {
        /// Days cut from sessions in order are the days sorting gives, whatever the order, and
        /// each day's latest end is found with them.
        #[test]
        fn days_cut_in_order_are_the_days_sorting_gives(
            slots in prop::collection::vec((0i64..3, 0i64..4, 0u8..4), 0..40),
            sorted in any::<bool>(),
        ) {
            let mut schedule = default_schedule().unwrap();
            let first = schedule.sessions[0].clone();
            schedule.sessions = slots
                .iter()
                .map(|&(day, hour, minute)| {
                    let mut s = first.clone();
                    s.day = s.day + chrono::Days::new(day as u64);
                    // A talk may start on the next calendar day and belong to this one.
                    s.start = s.start.plus_minutes(hour * 600 + i64::from(minute) * 15);
                    s.end = s.start.plus_minutes(30 + 200 * i64::from(3 - minute));
                    s
                })
                .collect();
            if sorted {
                schedule.sessions.sort_by_key(|s| (s.day, s.start));
            }
            let (days, ending) = schedule.sessions_by_day_ending();
            prop_assert_eq!(&days, &schedule.sessions_by_day_sorted());
            // Each day's latest end, as reading all its sessions' ends gives it, from one of
            // the day's own sessions.
            let latest: Vec<crate::model::Stamp> = days
                .iter()
                .map(|(_, all)| all.iter().map(|&i| schedule.sessions[i].end).max().unwrap())
                .collect();
            let ends: Vec<crate::model::Stamp> =
                ending.iter().map(|&i| schedule.sessions[i].end).collect();
            prop_assert_eq!(ends, latest);
            for ((_, all), i) in days.iter().zip(&ending) {
                prop_assert!(all.contains(i));
            }
        }

        /// Each column's sessions are in time order whether the day's come in it or not, and a
        /// column holds the same sessions either way: rooms, changeovers across two rooms,
        /// plenaries, and talks with no room.
        #[test]
        fn a_day_s_columns_are_in_time_order_whatever_order_its_sessions_come_in(
            talks in prop::collection::vec((0i64..8, 0i64..4, 0usize..5), 1..30),
            order in prop::collection::vec(any::<prop::sample::Index>(), 0..30),
        ) {
            let mut schedule = default_schedule().unwrap();
            let first = schedule.sessions[0].clone();
            let rooms = [Some("E1"), Some("E2"), Some("E1, E2"), None, None];
            schedule.sessions = talks
                .iter()
                .map(|&(at, len, room)| {
                    let mut s = first.clone();
                    s.start = first.start.plus_minutes(at * 15);
                    s.end = s.start.plus_minutes(15 + len * 15);
                    s.room = rooms[room].map(Into::into);
                    s.kind = if room == 4 { Kind::Plenary } else { Kind::Talk };
                    s
                })
                .collect();
            let day = first.day;
            let in_order = by_start(&schedule.sessions);
            let mut shuffled = in_order.clone();
            for (k, swap) in order.iter().enumerate() {
                let n = shuffled.len();
                shuffled.swap(k % n, swap.index(n));
            }
            let lens = crate::model::Lens::default();
            let a = super::DayIndex::build(&schedule, day, &in_order, &lens);
            let b = super::DayIndex::build(&schedule, day, &shuffled, &lens);
            let ss = &schedule.sessions;
            let timed = |list: &[usize]| list.is_sorted_by_key(|&i| (ss[i].start, ss[i].end, i));
            let set = |list: &[usize]| {
                let mut l = list.to_vec();
                l.sort_unstable();
                l
            };
            prop_assert_eq!(a.columns.len(), b.columns.len());
            for (x, y) in a.columns.iter().zip(&b.columns) {
                for c in [x, y] {
                    prop_assert!(timed(&c.own) && timed(&c.sessions), "{:?}", c);
                }
                prop_assert_eq!(&x.name, &y.name);
                prop_assert_eq!(set(&x.own), set(&y.own));
                prop_assert_eq!(set(&x.sessions), set(&y.sessions));
            }
        }

        /// Every session is drawn once; no two in a lane overlap; runs do not overlap each
        /// other; a run of several lanes is needed (two of its sessions overlap); no lane is
        /// empty, and no two runs of one lane follow each other (they are one run).
        #[test]
        fn runs_draw_every_session_once_without_overlap_in_a_lane(
            slots in prop::collection::vec((0i64..600, 0i64..120), 0..40)
        ) {
            let ss = room(&slots);
            let runs = super::runs(&times(&ss), &by_start(&ss));
            let mut seen: Vec<usize> = runs.iter().flatten().flatten().copied().collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..ss.len()).collect::<Vec<_>>());
            let overlap = |a: usize, b: usize| ss[a].start < ss[b].end && ss[b].start < ss[a].end;
            for run in &runs {
                for lane in run {
                    for w in lane.windows(2) {
                        prop_assert!(ss[w[0]].end <= ss[w[1]].start);
                    }
                }
                if run.len() > 1 {
                    let all: Vec<usize> = run.iter().flatten().copied().collect();
                    prop_assert!(all.iter().any(|&a| all.iter().any(|&b| a != b && overlap(a, b))));
                }
            }
            prop_assert!(runs.iter().flatten().all(|lane| !lane.is_empty()), "{:?}", runs);
            for w in runs.windows(2) {
                prop_assert!(w[0].len() > 1 || w[1].len() > 1, "{:?}", runs);
            }
            for (k, a) in runs.iter().enumerate() {
                for b in &runs[k + 1..] {
                    for &x in a.iter().flatten() {
                        for &y in b.iter().flatten() {
                            prop_assert!(!overlap(x, y), "{} and {} in two runs", x, y);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_built_in_day_has_five_rooms_a_roomless_talk_and_three_keynotes() {
        let s = default_schedule().unwrap();
        let days = s.days();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].to_string(), "2012-03-09");
        let layout = s.day_indexes();
        assert_eq!(layout.len(), 1);
        let day = &layout[0];
        let names: Vec<&str> = day.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["E1", "E2", "E3", "E4", "D5", "(no room)"]);
        assert_eq!(day.spans.len(), 33);
        assert_eq!(day.plenaries.len(), 3);
        assert!(
            day.plenaries
                .iter()
                .all(|&i| s.sessions[i].kind == Kind::Plenary)
        );
        assert_eq!(day.columns[5].own.len(), 1, "Introduction to PDB");
        // Each column walks its own talks and the plenaries, in time order.
        for c in &day.columns {
            assert_eq!(c.sessions.len(), c.own.len() + 3);
            assert!(
                c.sessions
                    .windows(2)
                    .all(|w| s.sessions[w[0]].start <= s.sessions[w[1]].start)
            );
        }
    }

    #[test]
    fn minutes_count_from_the_first_hour() {
        let s = default_schedule().unwrap();
        let day = &s.day_indexes()[0];
        // 14:40 is when Jinja ends and Cassandra starts: half-open, they meet at minute 340.
        let at = |id: &str| {
            let i = s.sessions.iter().position(|x| x.id == id).unwrap();
            *day.spans.iter().find(|(k, _, _)| *k == i).unwrap()
        };
        assert_eq!(at("code-generation-in-python-dismantling-jinja").2, 340);
        assert_eq!(at("apache-cassandra-and-python").1, 340);
        assert_eq!(day.minute(&s.sessions[0].start), 0, "09:00 is minute 0");
    }
}

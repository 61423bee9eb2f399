//! The planner: the one place every fact about a pick is worked out, for every surface (the
//! TUI, each command, the exports, undo). It owns the picks with their priorities (the agenda),
//! each pick's standing against the schedule (live, moved, cancelled by the schedule, gone),
//! the clash overview and the best plan per day with its gaps; operations and a new schedule
//! (a refresh, another zone) bring them up to date, the plan a day at a time.
//!
//! Picks that are not live (cancelled, gone) stay in the agenda and the overview, marked; they
//! clash with nothing, are never planned, never next, never counted among the picks.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::ids::Ids;
use super::plan::{self, Plan, Settings};
use super::{Agenda, Op, Overview, Pick, Placed, Priority, Standing, place_picks_with};
use crate::model::{Days, Schedule, Session, Stamp};

/// How many picks there are, of each standing, and how many clash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Live picks (as picked, or moved).
    pub picks: usize,
    /// Live picks that clash with another.
    pub clashing: usize,
    /// Picks the schedule marks cancelled.
    pub cancelled: usize,
    /// Picks whose session left the schedule.
    pub gone: usize,
}

/// The person's picks worked out against one schedule.
#[derive(Debug, Clone)]
pub struct Planner {
    schedule: Arc<Schedule>,
    /// Sessions by id: made when first asked (a schedule opened with no picks never needs it).
    ids: Ids,
    /// Every day's sessions by start (what the plan's gaps look at), with its latest end.
    days: Arc<Days>,
    agenda: Agenda,
    overview: Overview,
    plan: Plan,
    settings: Settings,
    /// Sessions (by index) picked, picked and clashing, picked and left out by the plan,
    /// picked and cancelled by the schedule.
    picked: HashSet<usize>,
    clashing: HashSet<usize>,
    dropped: HashSet<usize>,
    cancelled: HashSet<usize>,
}

impl Planner {
    /// Works out `agenda` against `schedule`, planning with `settings`.
    pub fn new(schedule: Arc<Schedule>, agenda: Agenda, settings: Settings) -> Planner {
        let days = Arc::new(Days::of(&schedule));
        Planner::with_days(schedule, days, agenda, settings)
    }

    /// [`Planner::new`] with the schedule's days already grouped (opening groups them first,
    /// to lay out the day it shows while the picks are planned).
    pub fn with_days(
        schedule: Arc<Schedule>,
        days: Arc<Days>,
        agenda: Agenda,
        settings: Settings,
    ) -> Planner {
        let mut planner = Planner {
            schedule,
            ids: Ids::default(),
            days,
            agenda,
            overview: Overview::default(),
            plan: Plan::default(),
            settings,
            picked: HashSet::new(),
            clashing: HashSet::new(),
            dropped: HashSet::new(),
            cancelled: HashSet::new(),
        };
        planner.rebuild();
        planner
    }

    pub fn schedule(&self) -> &Arc<Schedule> {
        &self.schedule
    }

    pub fn agenda(&self) -> &Agenda {
        &self.agenda
    }

    /// Every pick placed, with clashes, room changes and gaps among the live ones.
    pub fn overview(&self) -> &Overview {
        &self.overview
    }

    /// The best plan of the live picks, day by day.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn settings(&self) -> Settings {
        self.settings.clone()
    }

    /// The index of the session with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.of(&self.schedule, id)
    }

    /// Every day's sessions by start.
    pub fn days(&self) -> &[(NaiveDate, Vec<usize>)] {
        self.days.sessions()
    }

    /// The conference day `now` belongs to: the day whose sessions span it (a talk at 00:15
    /// after the first evening belongs to the first day), else the next day to start. Every
    /// session counts, whatever a screen shows.
    pub fn day_holding(&self, now: &Stamp) -> Option<usize> {
        self.days.holding(&self.schedule, now)
    }

    /// Whether session `i` is picked (whatever its standing).
    pub fn is_picked(&self, i: usize) -> bool {
        self.picked.contains(&i)
    }

    /// Whether session `i` is a live pick that clashes with another.
    pub fn is_clashing(&self, i: usize) -> bool {
        self.clashing.contains(&i)
    }

    /// Whether session `i` is a live pick the plan leaves out.
    pub fn is_dropped(&self, i: usize) -> bool {
        self.dropped.contains(&i)
    }

    /// Whether session `i` is a pick the schedule marks cancelled.
    pub fn is_cancelled(&self, i: usize) -> bool {
        self.cancelled.contains(&i)
    }

    /// A pick's priority, when picked.
    pub fn priority(&self, id: &str) -> Option<Priority> {
        self.agenda.get(id).map(|p| p.priority)
    }

    /// The standing of the pick of session `id`, when picked.
    pub fn standing(&self, id: &str) -> Option<&Standing> {
        self.overview
            .find(id)
            .map(|k| &self.overview.picks[k].state)
    }

    /// How many picks there are of each standing, and how many clash.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            clashing: self.overview.clashing_picks(),
            ..Counts::default()
        };
        for p in &self.overview.picks {
            match p.state {
                Standing::Live | Standing::Moved { .. } => counts.picks += 1,
                Standing::Cancelled => counts.cancelled += 1,
                Standing::Gone => counts.gone += 1,
            }
        }
        counts
    }

    /// Applies a change to the picks and brings everything up to date: the overview rebuilds
    /// only the part the pick falls in, the plan only the days it touches. Whether it changed
    /// anything.
    pub fn apply(&mut self, op: &Op) -> bool {
        let id = match op {
            Op::Pick(p) | Op::Update(p) => p.id.as_str(),
            Op::Unpick(id) | Op::Priority(id, _) | Op::Exported(id, _) | Op::Missed(id) => {
                id.as_str()
            }
            // A refresh's: rare, and everything is worked out again.
            Op::Follow { .. } => {
                let changed = op.apply(&mut self.agenda);
                if changed {
                    self.rebuild();
                }
                return changed;
            }
            // A saved search: nothing the plan depends on.
            Op::Watch(_) | Op::Unwatch(_) => return op.apply(&mut self.agenda),
            // An event of the person's own: only its day is planned again.
            Op::AddEvent(_) | Op::RemoveEvent(_) => {
                let day = match op {
                    Op::AddEvent(e) => Some(e.start.date()),
                    Op::RemoveEvent(id) => self.agenda.event(id).map(|e| e.start.date()),
                    _ => None,
                };
                if !op.apply(&mut self.agenda) {
                    return false;
                }
                if let Some(d) = day {
                    self.replan(d);
                }
                return true;
            }
        };
        let before = self.day_of(id);
        if !op.apply(&mut self.agenda) {
            return false;
        }
        if matches!(op, Op::Missed(_) | Op::Pick(_)) {
            // A missed talk that is recorded is one to watch later (until picked again).
            self.plan.missed = self.agenda.missed().map(|p| p.id.clone()).collect();
        }
        match op {
            Op::Pick(p) => self.place(p),
            Op::Unpick(id) | Op::Missed(id) => self.unplace(id),
            Op::Update(p) => {
                self.unplace(&p.id);
                if let Some(now) = self.agenda.get(&p.id).cloned() {
                    self.place(&now);
                }
            }
            Op::Priority(..) => {}
            Op::Exported(..)
            | Op::Follow { .. }
            | Op::AddEvent(_)
            | Op::RemoveEvent(_)
            | Op::Watch(_)
            | Op::Unwatch(_) => {
                return true;
            }
        }
        let after = match op {
            Op::Pick(p) | Op::Update(p) => self.day_of(&p.id),
            _ => None,
        };
        if let Some(d) = before {
            self.replan(d);
        }
        if let Some(d) = after.filter(|a| Some(*a) != before) {
            self.replan(d);
        }
        true
    }

    /// Takes the agenda as saved (another lineup's changes merged in); works it out again when
    /// anything the plan depends on differs.
    pub fn set_agenda(&mut self, agenda: Agenda) {
        let same = agenda.plans_as(&self.agenda);
        self.agenda = agenda;
        if !same {
            self.rebuild();
        }
    }

    /// Takes a new copy of the schedule (a refresh): every pick's standing, the overview and
    /// the plan are worked out again.
    pub fn set_schedule(&mut self, schedule: Arc<Schedule>) {
        self.ids = Ids::default();
        self.days = Arc::new(Days::of(&schedule));
        self.schedule = schedule;
        self.rebuild();
    }

    /// Takes the same schedule with its times shown in another zone (the same sessions in the
    /// same order: the id index and the days stay); the overview and the plan follow.
    pub fn retime(&mut self, schedule: Arc<Schedule>) {
        self.schedule = schedule;
        self.rebuild();
    }

    /// Plans with other settings (walking time, gaps).
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.rebuild();
    }

    /// The agenda of only the picks the plan keeps: what a calendar of the plan holds (the
    /// others it was told of become withdrawn, so it cancels them).
    pub fn kept(&self) -> Agenda {
        let chosen = self.plan.chosen_ids();
        self.agenda.keeping(|p| chosen.contains(p.id.as_str()))
    }

    /// The planned pick under way at `now`: of those the plan keeps, the one that started
    /// last.
    pub fn pick_now(&self, now: Stamp) -> Option<usize> {
        self.planned()
            .filter(|&i| {
                let s = &self.schedule.sessions[i];
                s.start <= now && now < s.end
            })
            .max_by_key(|&i| (self.schedule.sessions[i].start, std::cmp::Reverse(i)))
    }

    /// The next planned pick after `now`: of those the plan keeps, the first to start.
    pub fn pick_next(&self, now: Stamp) -> Option<usize> {
        self.planned()
            .filter(|&i| self.schedule.sessions[i].start > now)
            .min_by_key(|&i| (self.schedule.sessions[i].start, i))
    }

    /// The person's own event under way at `now` (the latest to start).
    pub fn event_now(&self, now: Stamp) -> Option<&super::Event> {
        self.agenda
            .events()
            .filter(|e| e.start <= now && now < e.end)
            .max_by_key(|e| e.start)
    }

    /// The person's own event next after `now`.
    pub fn event_next(&self, now: Stamp) -> Option<&super::Event> {
        self.agenda.events().find(|e| e.start > now)
    }

    /// The sessions of the picks the plan keeps.
    fn planned(&self) -> impl Iterator<Item = usize> + '_ {
        self.plan.days.iter().flat_map(move |d| {
            d.choice
                .chosen
                .iter()
                .filter_map(move |&k| self.index_of(&d.wishes[k].id))
        })
    }

    /// The sessions not picked that fit whole between `start` and `end`, by start (sessions are
    /// kept in start order, so only those starting inside are looked at).
    pub fn fits_between(&self, start: Stamp, end: Stamp) -> Vec<usize> {
        let sessions = &self.schedule.sessions;
        let from = sessions.partition_point(|s| s.start < start);
        (from..sessions.len())
            .take_while(|&i| sessions[i].start < end)
            .filter(|&i| sessions[i].end <= end && !self.picked.contains(&i))
            .collect()
    }

    /// "I couldn't get in" to session `i`: what to do instead at `at`, running then or starting
    /// within `soon` minutes, nearest first (see [`super::missed`]). The day's words are those
    /// of the picks its plan keeps.
    pub fn alternatives(&self, i: usize, at: Stamp, soon: i64) -> Vec<super::missed::Alternative> {
        let s = &self.schedule.sessions[i];
        let day = self.days.on(s.day);
        let kept: Vec<&super::choose::Wish> = self
            .plan
            .days
            .iter()
            .filter(|d| d.date == s.day)
            .flat_map(|d| d.choice.chosen.iter().map(|&k| &d.wishes[k]))
            .collect();
        let (ids, schedule) = (&self.ids, &self.schedule);
        let words = plan::words_of(&self.schedule, &|id| ids.of(schedule, id), kept.into_iter());
        let walking = self.settings.walking.knowing(&self.schedule.rooms);
        let m = super::missed::Missed {
            schedule: &self.schedule,
            session: i,
            day,
            words: &words,
            walking: &walking,
        };
        super::missed::alternatives(&m, at, soon, |id| self.priority(id))
    }

    /// The conference day of the pick or session `id`.
    fn day_of(&self, id: &str) -> Option<NaiveDate> {
        self.overview
            .find(id)
            .map(|k| self.overview.picks[k].day)
            .or_else(|| self.index_of(id).map(|i| self.schedule.sessions[i].day))
    }

    fn session(&self, id: &str) -> Option<&Session> {
        self.index_of(id).map(|i| &self.schedule.sessions[i])
    }

    /// Works everything out from the agenda and the schedule.
    fn rebuild(&mut self) {
        for pick in self.agenda.picks().iter() {
            self.ids.note(&self.schedule, &self.days, pick);
        }
        let (schedule, ids) = (&self.schedule, &self.ids);
        let placed = place_picks_with(&self.agenda, |id| {
            ids.of(schedule, id).map(|i| &schedule.sessions[i])
        });
        self.overview = Overview::from_placed(placed, None);
        self.picked = self
            .overview
            .picks
            .iter()
            .filter_map(|p| self.ids.of(&self.schedule, &p.id))
            .collect();
        self.clashing = (0..self.overview.picks.len())
            .filter(|&k| self.overview.clashes_with(k) > 0)
            .filter_map(|k| self.ids.of(&self.schedule, &self.overview.picks[k].id))
            .collect();
        self.cancelled = self
            .overview
            .picks
            .iter()
            .filter(|p| p.state == Standing::Cancelled)
            .filter_map(|p| self.ids.of(&self.schedule, &p.id))
            .collect();
        let ids = &self.ids;
        let picked = &self.picked;
        self.plan = plan::plan_with(
            &self.schedule,
            (&|id| ids.of(schedule, id), &|i| picked.contains(&i)),
            &self.days,
            &self.agenda,
            self.settings.clone(),
        );
        self.mark_dropped();
    }

    /// The plan of day `date` again, after a pick on it changed: only that day's live picks
    /// and sessions are looked at.
    fn replan(&mut self, date: NaiveDate) {
        if self.settings.only_day.is_some_and(|d| d != date) {
            return;
        }
        let wishes = self
            .overview
            .picks
            .iter()
            .filter(|p| p.day == date && p.state.is_live())
            .map(|p| plan::wish(p.clone(), &self.agenda, self.session(&p.id)))
            .collect();
        let events = plan::events_on(&self.agenda, date);
        let (ids, schedule) = (&self.ids, &self.schedule);
        // The picked sessions as placing and unplacing keep them (not found again from the
        // agenda: 10,000 lookups a key at 10,000 picks).
        let picked = |i: usize| self.picked.contains(&i);
        plan::replan_day(
            &mut self.plan,
            &self.schedule,
            &|id| ids.of(schedule, id),
            &picked,
            plan::Day::of(&self.days, date),
            (wishes, events),
            &self.settings,
        );
        self.mark_dropped();
    }

    fn mark_dropped(&mut self) {
        let (ids, schedule) = (&self.ids, &self.schedule);
        self.dropped = self
            .plan
            .days
            .iter()
            .flat_map(|d| d.choice.dropped.iter().map(move |&(i, _)| &d.wishes[i].id))
            .filter_map(|id| ids.of(schedule, id.as_str()))
            .collect();
    }

    /// Puts a pick in the overview and marks what it now clashes with.
    fn place(&mut self, pick: &Pick) {
        self.ids.note(&self.schedule, &self.days, pick);
        let session = self.index_of(&pick.id);
        let k = self.overview.insert(Placed::of(
            pick,
            session.map(|i| &self.schedule.sessions[i]),
        ));
        if let Some(i) = session {
            self.picked.insert(i);
            if self.overview.picks[k].state == Standing::Cancelled {
                self.cancelled.insert(i);
            }
        }
        let others = self.overview.clashes_of(k, usize::MAX);
        let touched: Vec<usize> = std::iter::once(k)
            .chain(others.into_iter().map(|(j, _)| j))
            .collect();
        self.mark_clashes(&touched);
    }

    /// Takes a pick out of the overview and unmarks what it clashed with.
    fn unplace(&mut self, id: &str) {
        let Some(k) = self.overview.find(id) else {
            return;
        };
        // Where the picks it clashed with will be once it is gone.
        let others: Vec<usize> = self
            .overview
            .clashes_of(k, usize::MAX)
            .into_iter()
            .map(|(j, _)| if j > k { j - 1 } else { j })
            .collect();
        self.overview.remove(id);
        if let Some(i) = self.index_of(id) {
            self.picked.remove(&i);
            self.clashing.remove(&i);
            self.cancelled.remove(&i);
        }
        self.mark_clashes(&others);
    }

    /// Marks or unmarks these picks' sessions as clashing, as the overview now says.
    fn mark_clashes(&mut self, picks: &[usize]) {
        for &k in picks {
            let Some(i) = self
                .overview
                .picks
                .get(k)
                .and_then(|p| self.ids.of(&self.schedule, &p.id))
            else {
                continue;
            };
            if self.overview.clashes_with(k) > 0 {
                self.clashing.insert(i);
            } else {
                self.clashing.remove(&i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::native::default_schedule;

    /// Now's day from every day's first start and last end, read from the sessions.
    fn by_every_bound(planner: &Planner, now: &Stamp) -> Option<usize> {
        let ss = &planner.schedule().sessions;
        let bounds = |all: &[usize]| {
            let first = all.first().map(|&i| ss[i].start.timestamp());
            let last = all.iter().map(|&i| ss[i].end.timestamp()).max();
            first.zip(last)
        };
        let spans: Vec<(usize, (i64, i64))> = planner
            .days()
            .iter()
            .enumerate()
            .filter_map(|(k, (_, all))| bounds(all).map(|b| (k, b)))
            .collect();
        crate::model::days::holding(&spans, now.timestamp())
    }

    proptest::proptest! {
        /// Now's day, from the days' last ends found with the days, is the one every day's
        /// bounds read again give: talks of three days, some running past midnight into the
        /// next day's, and now before, during, between and after them.
        #[test]
        fn now_s_day_is_the_one_every_day_s_bounds_give(
            talks in proptest::collection::vec((0u64..3, 0i64..34, 1i64..24), 1..30),
            now in -20i64..160,
        ) {
            let mut schedule = default_schedule().unwrap();
            let first = schedule.sessions[0].clone();
            schedule.sessions = talks
                .iter()
                .enumerate()
                .map(|(k, &(day, half_hours, length))| {
                    let mut t = first.clone();
                    t.id = format!("t{k}").into();
                    t.day = first.day.checked_add_days(chrono::Days::new(day)).unwrap();
                    t.start = first.start.plus_minutes(day as i64 * 1440 + half_hours * 30);
                    t.end = t.start.plus_minutes(length * 30);
                    t
                })
                .collect();
            let agenda = Agenda::new((&schedule.conference).into());
            let planner = Planner::new(Arc::new(schedule), agenda, Settings::default());
            let at = first.start.plus_minutes(now * 30);
            proptest::prop_assert_eq!(planner.day_holding(&at), by_every_bound(&planner, &at));
        }
    }

    const JINJA: &str = "code-generation-in-python-dismantling-jinja";
    const SECURITY: &str = "advanced-security-topics";

    fn planner(ids: &[&str]) -> Planner {
        let schedule = default_schedule().unwrap();
        let now = chrono::Utc::now();
        let agenda = Agenda::with_picks(
            (&schedule.conference).into(),
            ids.iter()
                .map(|id| Pick::of(schedule.session(id).unwrap(), now)),
        );
        Planner::new(Arc::new(schedule), agenda, Settings::default())
    }

    /// What the planner says, compared: built whole, and changed one op at a time.
    fn facts(p: &Planner) -> (Overview, Plan, [Vec<usize>; 4]) {
        let sorted = |s: &HashSet<usize>| {
            let mut v: Vec<usize> = s.iter().copied().collect();
            v.sort_unstable();
            v
        };
        (
            p.overview.clone(),
            p.plan.clone(),
            [
                sorted(&p.picked),
                sorted(&p.clashing),
                sorted(&p.dropped),
                sorted(&p.cancelled),
            ],
        )
    }

    #[test]
    fn picks_where_they_were_picked_are_found_without_indexing_every_id() {
        let p = planner(&[JINJA, SECURITY]);
        let by_id = |id: &str| p.schedule().sessions.iter().position(|s| s.id == id);
        for id in [JINJA, SECURITY] {
            assert_eq!(p.index_of(id), by_id(id), "{id}");
        }
        assert_eq!(p.overview().picks.len(), 2);
        assert!(
            p.ids.all.get().is_none(),
            "no id was looked up in the index"
        );
        // A pick whose session moved since is not where it says: the index finds it.
        let schedule = Arc::clone(p.schedule());
        let moved = schedule.session(JINJA).unwrap();
        let mut pick = Pick::of(moved, chrono::Utc::now());
        pick.start = pick.start.plus_minutes(-30);
        let agenda = Agenda::with_picks((&schedule.conference).into(), [pick]);
        let p = Planner::new(Arc::clone(&schedule), agenda, Settings::default());
        assert!(p.ids.noted.is_empty());
        assert_eq!(p.index_of(JINJA), by_id(JINJA));
        assert!(p.ids.all.get().is_some());
        assert_eq!(p.overview().picks.len(), 1);
    }

    #[test]
    fn a_talk_fits_a_gap_by_the_walk_from_the_pick_before_and_to_the_pick_after() {
        // Picks in rooms X (to minute 60) and Y (from minute 120), ten minutes' walk apart:
        // a talk fits the gap when the walk from X to its room and from its room to Y do.
        let mut schedule = default_schedule().unwrap();
        let first = schedule.sessions[0].clone();
        let talk = |id: &str, room: &str, from: i64, to: i64| {
            let mut t = first.clone();
            t.id = id.into();
            t.room = Some(crate::model::Str::name(room));
            t.start = first.start.plus_minutes(from);
            t.end = first.start.plus_minutes(to);
            t
        };
        schedule.sessions = vec![
            talk("a", "X", 0, 60),
            talk("x-60-110", "X", 60, 110),
            talk("x-60-115", "X", 60, 115),
            talk("y-65-100", "Y", 65, 100),
            talk("y-70-120", "Y", 70, 120),
            talk("b", "Y", 120, 180),
        ];
        let schedule = Arc::new(schedule);
        let now = chrono::Utc::now();
        let picks = ["a", "b"].map(|id| Pick::of(schedule.session(id).unwrap(), now));
        let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
        let settings = Settings {
            min_gap: Some(5),
            ..Settings::default()
        }
        .walking(10);
        let p = Planner::new(Arc::clone(&schedule), agenda, settings);
        let gap = p.plan().days[0]
            .gaps
            .iter()
            .find(|g| g.start == first.start.plus_minutes(60))
            .unwrap();
        let mut fits: Vec<&str> = gap
            .fits
            .iter()
            .map(|&i| schedule.sessions[i].id.as_str())
            .collect();
        fits.sort_unstable();
        assert_eq!(fits, ["x-60-110", "y-70-120"]);
    }

    #[test]
    fn the_last_gap_ends_with_the_session_ending_last_not_the_last_to_start() {
        // The day's first talk runs past every other: the free time after the last pick
        // lasts until it ends, found with the days, whether planned whole or one op at a time.
        let mut schedule = default_schedule().unwrap();
        let last_start = schedule.sessions.iter().map(|s| s.start).max().unwrap();
        let long_end = last_start.plus_minutes(180);
        schedule.sessions[0].end = long_end;
        let schedule = Arc::new(schedule);
        let settings = Settings {
            min_gap: Some(5),
            ..Settings::default()
        };
        let pick = Pick::of(schedule.session(JINJA).unwrap(), chrono::Utc::now());
        let agenda = Agenda::with_picks((&schedule.conference).into(), [pick.clone()]);
        let whole = Planner::new(Arc::clone(&schedule), agenda, settings.clone());
        let empty = Agenda::new((&schedule.conference).into());
        let mut by_op = Planner::new(Arc::clone(&schedule), empty, settings);
        by_op.apply(&Op::Pick(pick));
        for p in [&whole, &by_op] {
            let gaps = &p.plan().days[0].gaps;
            assert_eq!(gaps.last().map(|g| g.end), Some(long_end), "{gaps:?}");
        }
    }

    #[test]
    fn ops_one_at_a_time_give_what_a_whole_rebuild_gives() {
        // Without gaps, and with them.
        let gaps = Settings {
            min_gap: Some(5),
            ..Settings::default()
        };
        for settings in [Settings::default(), gaps] {
            // A cancelled pick is picked but not planned: its time is free, and the talks
            // that fit the gap must not list it.
            let mut schedule = default_schedule().unwrap();
            schedule.sessions[3].cancelled = true;
            let schedule = Arc::new(schedule);
            let agenda = Agenda::new((&schedule.conference).into());
            let mut p = Planner::new(Arc::clone(&schedule), agenda, settings.clone());
            let now = chrono::Utc::now();
            let ops = vec![
                Op::Pick(Pick::of(schedule.session(JINJA).unwrap(), now)),
                Op::Pick(Pick::of(schedule.session(SECURITY).unwrap(), now)),
                Op::Priority(SECURITY.into(), Priority::Must),
                Op::Pick(Pick::of(&schedule.sessions[3], now)),
                Op::Unpick(JINJA.into()),
                Op::Priority(SECURITY.into(), Priority::Maybe),
            ];
            for op in ops {
                assert!(p.apply(&op), "{op:?}");
                let whole =
                    Planner::new(Arc::clone(&schedule), p.agenda.clone(), p.settings.clone());
                assert_eq!(facts(&p), facts(&whole), "after {op:?}");
            }
            if settings.min_gap.is_some() {
                let fits = p.plan().days.iter().flat_map(|d| &d.gaps);
                assert!(fits.flat_map(|g| &g.fits).count() > 0, "gaps were listed");
            }
        }
    }

    #[test]
    fn a_cancelled_or_gone_pick_is_kept_but_never_planned_next_or_clashing() {
        let p = planner(&[JINJA, SECURITY]);
        assert_eq!(p.counts().clashing, 2);
        let mut schedule = (**p.schedule()).clone();
        let at = schedule
            .sessions
            .iter()
            .position(|s| s.id == JINJA)
            .unwrap();
        schedule.sessions[at].title = format!("CANCELLED: {}", schedule.sessions[at].title).into();
        let mut q = p.clone();
        q.set_schedule(Arc::new(schedule.clone()));
        assert_eq!(
            q.counts(),
            Counts {
                picks: 1,
                clashing: 0,
                cancelled: 1,
                gone: 0
            }
        );
        assert_eq!(q.standing(JINJA), Some(&Standing::Cancelled));
        assert!(!q.plan().chosen_ids().contains(JINJA));
        assert!(q.is_picked(at) && !q.is_clashing(at) && !q.is_dropped(at));
        let before = schedule.sessions[at].start.plus_minutes(-5);
        let next = q
            .pick_next(before)
            .map(|i| q.schedule().sessions[i].id.clone());
        assert_ne!(next.as_deref(), Some(JINJA));
        // Gone from the schedule: the same.
        schedule.sessions.remove(at);
        q.set_schedule(Arc::new(schedule));
        assert_eq!(q.counts().gone, 1);
        assert_eq!(q.counts().clashing, 0);
        assert_eq!(q.standing(JINJA), Some(&Standing::Gone));
    }

    #[test]
    fn next_and_now_follow_the_plan() {
        let mut p = planner(&[JINJA, SECURITY]);
        // Security (13:45–14:40) clashes with Jinja (14:00–14:40); make Jinja a must.
        assert!(p.apply(&Op::Priority(JINJA.into(), Priority::Must)));
        let schedule = Arc::clone(p.schedule());
        let jinja = p.index_of(JINJA).unwrap();
        let noon = schedule.sessions[jinja].start.plus_minutes(-120);
        assert_eq!(
            p.pick_next(noon),
            Some(jinja),
            "the plan keeps Jinja, not Security"
        );
        let during = schedule.sessions[jinja].start.plus_minutes(5);
        assert_eq!(p.pick_now(during), Some(jinja));
        assert!(p.is_dropped(p.index_of(SECURITY).unwrap()));
    }

    #[test]
    fn a_recorded_talk_missed_is_to_watch_later_until_picked_again() {
        let mut schedule = default_schedule().unwrap();
        let i = schedule
            .sessions
            .iter()
            .position(|s| s.id == JINJA)
            .unwrap();
        schedule.sessions[i].recorded = Some(true);
        let schedule = Arc::new(schedule);
        let now = chrono::Utc::now();
        let agenda = Agenda::with_picks(
            (&schedule.conference).into(),
            [Pick::of(&schedule.sessions[i], now)],
        );
        let mut p = Planner::new(Arc::clone(&schedule), agenda, Settings::default());
        assert!(p.plan().watch_later.is_empty());
        assert!(p.apply(&Op::Missed(JINJA.into())));
        let later: Vec<&str> = p.plan().watch_later.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(later, [JINJA]);
        // The same as planning it whole.
        let whole = Planner::new(Arc::clone(&schedule), p.agenda().clone(), p.settings());
        assert_eq!(facts(&p), facts(&whole));
        assert!(p.apply(&Op::Pick(Pick::of(&schedule.sessions[i], now))));
        assert!(p.plan().watch_later.is_empty());
    }
}

//! The TUI's state: the schedule indexed by day and room, the selection, the view (zoom,
//! scroll, mode), search, picks and the status line. Built once; no terminal here.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::timeline::{Timeline, ZOOMS};
use crate::agenda::{Agenda, Plan};
use crate::model::{Kind, Schedule, Session, Stamp};

/// Which screen is in front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Grid,
    /// The selected session in full, scrolled by this many lines.
    Detail {
        scroll: u16,
    },
    /// My agenda, cursor on the n-th pick.
    Agenda {
        cursor: usize,
    },
    Help {
        scroll: u16,
    },
    /// Typing a search; the query lives in [`App::query`].
    Search,
    /// Typing the export path (format guessed from the extension).
    Export {
        path: super::line::LineEdit,
    },
    /// The export path names an existing file: replace it? (y/n in the prompt line)
    ConfirmReplace {
        path: String,
    },
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
    fn build(schedule: &Schedule, date: NaiveDate, sessions: &[usize]) -> DayIndex {
        let ss = &schedule.sessions;
        let first = sessions.first().map(|&i| ss[i].start);
        let base_stamp = first.map_or(
            Stamp::floating(date.and_time(chrono::NaiveTime::MIN)),
            |s| {
                let wall = s.wall();
                let floor = wall.date().and_time(chrono::NaiveTime::MIN)
                    + chrono::Duration::hours(i64::from(chrono::Timelike::hour(&wall)));
                s.plus_minutes(-(wall - floor).num_minutes())
            },
        );
        let base = base_stamp.timestamp();
        let minute = |s: &Stamp| (s.timestamp() - base).div_euclid(60);
        let plenaries: Vec<usize> = sessions
            .iter()
            .copied()
            .filter(|&i| ss[i].kind == Kind::Plenary && ss[i].room.is_none())
            .collect();
        let room_ix: HashMap<&str, usize> = schedule
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let listed = |i: usize| rooms_listed(ss[i].room.as_deref()?, &room_ix);
        let mut by_room: Vec<Vec<usize>> = vec![Vec::new(); schedule.rooms.len()];
        let mut unassigned = Vec::new();
        let mut wide_rooms: Vec<(usize, Vec<usize>)> = Vec::new();
        for &i in sessions {
            if let Some(rooms) = listed(i) {
                wide_rooms.push((i, rooms));
                continue;
            }
            match ss[i].room.as_deref().and_then(|r| room_ix.get(r)) {
                Some(&c) => by_room[c].push(i),
                None if ss[i].kind == Kind::Talk => unassigned.push(i),
                None => {}
            }
        }
        // A room's column, when it has sessions of its own that day (or a changeover in it).
        let mut column_of_room: Vec<Option<usize>> = vec![None; schedule.rooms.len()];
        let mut columns: Vec<Column> = Vec::new();
        for (r, list) in by_room.into_iter().enumerate() {
            let in_wide = wide_rooms.iter().any(|(_, rooms)| rooms.contains(&r));
            if list.is_empty() && !in_wide {
                continue;
            }
            column_of_room[r] = Some(columns.len());
            columns.push(Column {
                name: schedule.rooms[r].clone(),
                sessions: list,
                own: Vec::new(),
            });
        }
        if !unassigned.is_empty() {
            columns.push(Column {
                name: "(no room)".into(),
                sessions: unassigned,
                own: Vec::new(),
            });
        }
        if columns.is_empty() && !plenaries.is_empty() {
            columns.push(Column {
                name: "(all rooms)".into(),
                sessions: Vec::new(),
                own: Vec::new(),
            });
        }
        let wide: Vec<(usize, std::ops::Range<usize>)> = wide_rooms
            .into_iter()
            .filter_map(|(i, rooms)| {
                let cols: Vec<usize> = rooms.iter().filter_map(|&r| column_of_room[r]).collect();
                let (lo, hi) = (*cols.iter().min()?, *cols.iter().max()?);
                Some((i, lo..hi + 1))
            })
            .collect();
        for c in &mut columns {
            c.own = c.sessions.clone();
        }
        for (i, range) in &wide {
            for c in range.clone() {
                columns[c].sessions.push(*i);
            }
        }
        for c in &mut columns {
            c.own.sort_by_key(|&i| (ss[i].start, ss[i].end, i));
            c.sessions.extend(&plenaries);
            c.sessions.sort_by_key(|&i| (ss[i].start, ss[i].end, i));
        }
        let spans: Vec<(usize, i64, i64)> = sessions
            .iter()
            .map(|&i| (i, minute(&ss[i].start), minute(&ss[i].end)))
            .collect();
        let end_minute = spans.iter().map(|s| s.2).max().unwrap_or(60);
        DayIndex {
            date,
            base,
            base_stamp,
            columns,
            plenaries,
            wide,
            spans,
            end_minute,
        }
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
        if s.kind == Kind::Plenary && s.room.is_none() {
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

/// The rooms a room name lists, when it is a list of two or more known rooms separated by
/// commas ("Arena, Room 8, Room 5, Room 6, Room 7").
fn rooms_listed(name: &str, rooms: &HashMap<&str, usize>) -> Option<Vec<usize>> {
    let parts: Vec<&str> = name.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| rooms.get(p).copied()).collect()
}

/// Sessions matching the search, as sorted indexes: cheap to narrow, clone and look up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches(Vec<usize>);

impl Matches {
    pub fn contains(&self, i: &usize) -> bool {
        self.0.binary_search(i).is_ok()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl FromIterator<usize> for Matches {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut v: Vec<usize> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Matches(v)
    }
}

impl IntoIterator for Matches {
    type Item = usize;
    type IntoIter = std::vec::IntoIter<usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Everything the TUI shows and remembers.
#[derive(Debug)]
pub struct App {
    pub schedule: Arc<Schedule>,
    pub days: Vec<DayIndex>,
    pub day: usize,
    /// The current column (kept when the selection is a plenary spanning all columns).
    pub column: usize,
    pub selected: Option<usize>,
    pub zoom: usize,
    pub fold: bool,
    /// First visible row of the grid body, first visible column.
    pub scroll_row: usize,
    pub scroll_col: usize,
    pub mode: Mode,
    pub query: super::line::LineEdit,
    pub matches: Matches,
    /// Match sets of the shorter queries typed so far, so typing narrows and Backspace
    /// restores without scanning the whole schedule again.
    pub(crate) earlier_matches: Vec<Matches>,
    pub agenda: Agenda,
    pub picked: HashSet<usize>,
    pub clashing: HashSet<usize>,
    pub plan: Plan,
    pub message: String,
    /// The time used for "now" and for stamping picks, as the edge read it, with the machine's
    /// local offset (a floating schedule's "now" is its wall-clock time; nothing here asks the
    /// system for its zone).
    pub clock: DateTime<FixedOffset>,
    /// `--now` given: "now" stays there instead of following the clock.
    pub fixed_now: Option<Stamp>,
    pub width: u16,
    pub height: u16,
    pub palette: super::theme::Palette,
    pub quit: bool,
    pub(crate) timeline: Timeline,
    pub(crate) by_id: HashMap<String, usize>,
}

impl App {
    pub fn new(
        schedule: impl Into<Arc<Schedule>>,
        agenda: Agenda,
        clock: impl Into<DateTime<FixedOffset>>,
    ) -> App {
        let schedule = schedule.into();
        let clock = clock.into();
        let mut per_day: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
        let mut order: Vec<usize> = (0..schedule.sessions.len()).collect();
        order.sort_by_key(|&i| (schedule.sessions[i].day, schedule.sessions[i].start, i));
        for i in order {
            let d = schedule.sessions[i].day;
            match per_day.last_mut() {
                Some((date, v)) if *date == d => v.push(i),
                _ => per_day.push((d, vec![i])),
            }
        }
        let days: Vec<DayIndex> = per_day
            .iter()
            .map(|(d, v)| DayIndex::build(&schedule, *d, v))
            .collect();
        let by_id = schedule
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut app = App {
            schedule,
            days,
            day: 0,
            column: 0,
            selected: None,
            zoom: 2,
            fold: false,
            scroll_row: 0,
            scroll_col: 0,
            mode: Mode::Grid,
            query: Default::default(),
            matches: Matches::default(),
            earlier_matches: Vec::new(),
            agenda,
            picked: HashSet::new(),
            clashing: HashSet::new(),
            plan: Plan::default(),
            message: String::new(),
            clock,
            fixed_now: None,
            width: 80,
            height: 24,
            palette: super::theme::Palette::default(),
            quit: false,
            timeline: Timeline::new(0, 60, 10, &[], false),
            by_id,
        };
        app.refresh_picks();
        app.relayout();
        app.selected = app.first_in_column(app.column);
        app
    }

    pub fn session(&self, i: usize) -> &Session {
        &self.schedule.sessions[i]
    }

    pub fn selected_session(&self) -> Option<&Session> {
        self.selected.map(|i| self.session(i))
    }

    pub fn day_index(&self) -> Option<&DayIndex> {
        self.days.get(self.day)
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn per_row(&self) -> i64 {
        ZOOMS.get(self.zoom).copied().unwrap_or(10)
    }

    /// Rebuilds the time axis for the current day, zoom and folding (only when those change).
    pub fn relayout(&mut self) {
        let per_row = self.per_row();
        self.timeline = match self.days.get(self.day) {
            None => Timeline::new(0, 60, per_row, &[], false),
            Some(d) => {
                let busy: Vec<(i64, i64)> = d.spans.iter().map(|&(_, s, e)| (s, e)).collect();
                Timeline::new(0, d.end_minute, per_row, &busy, self.fold)
            }
        };
    }

    pub(crate) fn first_in_column(&self, column: usize) -> Option<usize> {
        self.day_index()?
            .columns
            .get(column)?
            .sessions
            .first()
            .copied()
    }

    /// Recomputes the plan, which sessions are picked and which picks clash (after the agenda
    /// changed; not on every key).
    pub fn refresh_picks(&mut self) {
        let (sessions, by_id) = (&self.schedule.sessions, &self.by_id);
        let placed = crate::agenda::place_picks_with(&self.agenda, |id| {
            by_id.get(id).map(|&i| &sessions[i])
        });
        self.plan = Plan::from_placed(placed, None);
        let ix = |id: &str| self.by_id.get(id).copied();
        self.picked = self.plan.picks.iter().filter_map(|p| ix(&p.id)).collect();
        self.clashing = (0..self.plan.picks.len())
            .filter(|&k| self.plan.clashes_with(k) > 0)
            .filter_map(|k| ix(&self.plan.picks[k].id))
            .collect();
    }

    /// The time "now" is: `--now` when given, else the clock in the venue's zone.
    pub fn now(&self) -> Stamp {
        self.fixed_now.unwrap_or_else(|| {
            if self.schedule.is_floating() {
                Stamp::floating(self.clock.naive_local())
            } else {
                Stamp::zoned(self.clock).in_zone(self.schedule.conference.time_zone)
            }
        })
    }

    /// Selects the session with this id (switching day and column); false when there is none.
    pub fn select_id(&mut self, id: &str) -> bool {
        match self.by_id.get(id).copied() {
            Some(i) => {
                super::update::select_session(self, i);
                true
            }
            None => false,
        }
    }

    /// Opens on "now" when now falls during the conference (always true with `--now` inside
    /// it); otherwise stays at the first day's start.
    pub fn start_at_now(&mut self) {
        let now = self.now();
        if super::update::day_of_now(self, &now).is_some() {
            let message = std::mem::take(&mut self.message);
            super::update::update(self, super::Action::JumpNow);
            self.message = message;
        }
    }

    /// The status line's counts: picks, and picks that clash with another.
    pub fn pick_counts(&self) -> (usize, usize) {
        (self.plan.picks.len(), self.plan.clashing_picks())
    }
}

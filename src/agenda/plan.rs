//! The person's plan: picks placed against the schedule and grouped by day, with clashes, free
//! gaps and room changes without time to walk. The agenda view, `lineup agenda` and the
//! printable exports all read this one report. Building it is O(n log n) in the picks, however
//! many of them clash: clashing pairs are counted, and listed only when asked for.

use chrono::NaiveDate;

use super::{Agenda, Placed, place_picks};
use crate::model::overlap;
use crate::model::{Schedule, Stamp};

/// A clash between two picks (indexes into [`Plan::picks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanClash {
    pub a: usize,
    pub b: usize,
    pub minutes: i64,
}

/// One line of a day's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A pick (index into [`Plan::picks`]).
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
pub struct Plan {
    pub picks: Vec<Placed>,
    pub days: Vec<Day>,
    /// Back-to-back picks in different rooms: `(earlier, later)`, at most one per earlier pick,
    /// sorted by the earlier one.
    pub room_changes: Vec<(usize, usize)>,
    /// Sets of two or more picks connected by clashes, each in time order.
    pub clash_groups: Vec<Vec<usize>>,
    overlaps: overlap::Index,
    /// How many other picks each pick clashes with.
    clash_counts: Vec<usize>,
    /// How many clashing pairs there are.
    pairs: u64,
}

impl Plan {
    /// Builds the plan, optionally for one day only.
    pub fn build(schedule: &Schedule, agenda: &Agenda, only_day: Option<NaiveDate>) -> Plan {
        Self::from_placed(place_picks(schedule, agenda), only_day)
    }

    /// The plan of picks already placed against the schedule.
    pub fn from_placed(mut picks: Vec<Placed>, only_day: Option<NaiveDate>) -> Plan {
        if let Some(d) = only_day {
            picks.retain(|p| p.day == d);
        }
        let spans: Vec<(i64, i64)> = picks
            .iter()
            .map(|p| (p.start.timestamp(), p.end.timestamp()))
            .collect();
        let overlaps = overlap::Index::new(&spans);
        let clash_counts: Vec<usize> = (0..picks.len()).map(|i| overlaps.count(i)).collect();
        let pairs = clash_counts.iter().map(|&c| c as u64).sum::<u64>() / 2;
        let rooms: Vec<Option<&str>> = picks.iter().map(|p| p.room.as_deref()).collect();
        let mut room_changes = overlap::room_changes(&spans, &rooms);
        room_changes.sort_unstable();
        let clash_groups = overlap::groups(&spans);
        let days = days_of(&picks);
        Plan {
            picks,
            days,
            room_changes,
            clash_groups,
            overlaps,
            clash_counts,
            pairs,
        }
    }

    /// How many clashing pairs there are (a group of n picks at one moment is n(n−1)/2).
    pub fn clash_count(&self) -> u64 {
        self.pairs
    }

    /// Every clashing pair, in time order of the earlier pick: O(n log n + k) for k pairs.
    pub fn clashes(&self) -> impl Iterator<Item = PlanClash> + '_ {
        self.overlaps.pairs().map(|c| PlanClash {
            a: c.a.min(c.b),
            b: c.a.max(c.b),
            minutes: c.minutes(),
        })
    }

    /// How many picks pick `i` clashes with, in O(1).
    pub fn clashes_with(&self, i: usize) -> usize {
        self.clash_counts.get(i).copied().unwrap_or(0)
    }

    /// Up to `limit` of the picks pick `i` clashes with, in time order, with the overlap in
    /// minutes: `(other pick, minutes)`.
    pub fn clashes_of(&self, i: usize, limit: usize) -> Vec<(usize, i64)> {
        let me = self.span(i);
        self.overlaps
            .overlapping(i, limit)
            .into_iter()
            .map(|j| {
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

    /// How many picks clash with at least one other.
    pub fn clashing_picks(&self) -> usize {
        self.clash_counts.iter().filter(|&&c| c > 0).count()
    }
}

/// The picks (in time order) by day, with the free gaps between them.
fn days_of(picks: &[Placed]) -> Vec<Day> {
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
        day.lines.push(Line::Pick(i));
        busy_until = Some(busy_until.map_or(p.end, |u| u.max(p.end)));
    }
    days
}

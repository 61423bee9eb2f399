//! The person's plan: picks placed against the schedule and grouped by day, with clashes, free
//! gaps and room changes without time to walk. The agenda view, `lineup agenda` and the
//! printable exports all read this one report.

use chrono::NaiveDate;

use super::overlap;
use super::{Agenda, Placed, place_picks};
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
    pub clashes: Vec<PlanClash>,
    /// Back-to-back picks in different rooms: `(earlier, later)`.
    pub room_changes: Vec<(usize, usize)>,
    /// Sets of two or more picks connected by clashes, each in time order.
    pub clash_groups: Vec<Vec<usize>>,
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
        let mut clashes: Vec<PlanClash> = overlap::clashes(&spans)
            .into_iter()
            .map(|c| PlanClash {
                a: c.a.min(c.b),
                b: c.a.max(c.b),
                minutes: c.minutes(),
            })
            .collect();
        clashes.sort_by_key(|c| (c.a, c.b));
        let rooms: Vec<Option<&str>> = picks.iter().map(|p| p.room.as_deref()).collect();
        let room_changes = overlap::room_changes(&spans, &rooms);
        let clash_groups = overlap::groups(&spans);

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
        Plan {
            picks,
            days,
            clashes,
            room_changes,
            clash_groups,
        }
    }

    /// The clashes of pick `i`: `(other pick, minutes)`.
    pub fn clashes_of(&self, i: usize) -> impl Iterator<Item = (usize, i64)> + '_ {
        self.clashes.iter().filter_map(move |c| {
            if c.a == i {
                Some((c.b, c.minutes))
            } else if c.b == i {
                Some((c.a, c.minutes))
            } else {
                None
            }
        })
    }

    /// The pick after `i` that starts in another room with no time to walk, if any.
    pub fn tight_change_after(&self, i: usize) -> Option<usize> {
        self.room_changes
            .iter()
            .find(|(a, _)| *a == i)
            .map(|(_, b)| *b)
    }

    /// How many picks clash with at least one other.
    pub fn clashing_picks(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        for c in &self.clashes {
            seen.insert(c.a);
            seen.insert(c.b);
        }
        seen.len()
    }
}

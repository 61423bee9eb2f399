//! The schedule's conference days, grouped once: each day's sessions by start and each day's
//! latest end. What the planner, the day opening shows and "now" read.

use chrono::NaiveDate;

use super::{Schedule, Stamp};

/// Each conference day's sessions (indexes, by start) in day order, with the one among them
/// ending last (the same sessions when the zone shown changes, so these stay true).
#[derive(Debug, Clone, Default)]
pub struct Days {
    by_day: Vec<(NaiveDate, Vec<usize>)>,
    ending_last: Vec<usize>,
}

impl Days {
    /// The days of `schedule`, in one pass over its sessions when they are in time order.
    pub fn of(schedule: &Schedule) -> Days {
        let (by_day, ending_last) = schedule.sessions_by_day_ending();
        Days {
            by_day,
            ending_last,
        }
    }

    /// Every day's sessions by start.
    pub fn sessions(&self) -> &[(NaiveDate, Vec<usize>)] {
        &self.by_day
    }

    /// The sessions of day `date`, by start (none when it is not a conference day).
    pub fn on(&self, date: NaiveDate) -> &[usize] {
        self.day(date).map_or(&[], |k| &self.by_day[k].1)
    }

    /// The session of day `date` ending last.
    pub fn ending_last_on(&self, date: NaiveDate) -> Option<usize> {
        self.day(date).map(|k| self.ending_last[k])
    }

    fn day(&self, date: NaiveDate) -> Option<usize> {
        self.by_day.binary_search_by_key(&date, |(d, _)| *d).ok()
    }

    /// Each day's session ending last, in the order of [`Days::sessions`].
    pub fn ending_last(&self) -> &[usize] {
        &self.ending_last
    }

    /// The conference day `now` belongs to: the day whose sessions span it (a talk at 00:15
    /// after the first evening belongs to the first day), else the next day to start. Every
    /// session counts, whatever a screen shows.
    pub fn holding(&self, schedule: &Schedule, now: &Stamp) -> Option<usize> {
        // Each day's first start and last end (their sessions found with the days).
        let spans: Vec<(usize, (i64, i64))> = self
            .by_day
            .iter()
            .zip(&self.ending_last)
            .enumerate()
            .filter_map(|(k, ((_, all), &last))| {
                let first = schedule.sessions.get(*all.first()?)?;
                let last = schedule.sessions.get(last)?;
                Some((k, (first.start.timestamp(), last.end.timestamp())))
            })
            .collect();
        holding(&spans, now.timestamp())
    }
}

/// Of days `(k, (first start, last end))`, the one holding `at`; when two do (a night event
/// of the day before still running), the one that started last. Else the next day to start.
pub(crate) fn holding(spans: &[(usize, (i64, i64))], at: i64) -> Option<usize> {
    let holding = spans
        .iter()
        .filter(|&&(_, (first, last))| first <= at && at < last)
        .max_by_key(|&&(_, (first, _))| first)
        .map(|&(k, _)| k);
    holding.or_else(|| {
        spans
            .iter()
            .filter(|&&(_, (first, _))| first > at)
            .min_by_key(|&&(_, (first, _))| first)
            .map(|&(k, _)| k)
    })
}

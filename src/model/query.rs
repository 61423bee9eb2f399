//! Read-only questions asked of a schedule: its days, the rooms and sessions of a day, what runs
//! at an instant.

use chrono::NaiveDate;

use super::{Kind, Schedule, Session, Stamp};

impl Schedule {
    /// The conference days, in order.
    pub fn days(&self) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self.sessions.iter().map(|s| s.day).collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The rooms used on `day`, in display order.
    pub fn rooms_of_day(&self, day: NaiveDate) -> Vec<&str> {
        self.rooms
            .iter()
            .filter(|r| {
                self.sessions
                    .iter()
                    .any(|s| s.day == day && s.room.as_deref() == Some(r.as_str()))
            })
            .map(String::as_str)
            .collect()
    }

    /// The sessions of `day` in time order.
    pub fn sessions_of_day(&self, day: NaiveDate) -> Vec<&Session> {
        self.sessions.iter().filter(|s| s.day == day).collect()
    }

    /// The sessions running at `at` (start inclusive, end exclusive).
    pub fn running_at(&self, at: Stamp) -> Vec<&Session> {
        self.sessions
            .iter()
            .filter(|s| s.start <= at && at < s.end)
            .collect()
    }

    /// Sessions that belong to no room and are not plenaries.
    pub fn unassigned(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|s| s.room.is_none() && s.kind == Kind::Talk)
    }
}

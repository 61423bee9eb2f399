//! Reminders: what is due a few minutes before each planned pick and each event of the
//! person's own, with where it is and the walk from the place before it in the day's plan.
//! Pure: the clock and the way a reminder is sent are the caller's.

use super::Planner;
use crate::model::Stamp;

/// One reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The session's or event's id and its start: a talk that moves is reminded of again.
    pub key: String,
    pub id: String,
    pub title: String,
    pub start: Stamp,
    pub end: Stamp,
    /// Where it is: the room, or the event's place.
    pub place: Option<String>,
    /// The planned place before it that day and the minutes to walk from there.
    pub from: Option<(String, i64)>,
    /// One of the person's own events (not a talk).
    pub own: bool,
}

impl Reminder {
    /// When it is due: `before` minutes before it starts.
    pub fn due_at(&self, before: i64) -> Stamp {
        self.start.plus_minutes(-before)
    }
}

/// Every planned pick and event of the person's own, in time order, each as a reminder.
pub fn all(planner: &Planner) -> Vec<Reminder> {
    of_days(planner, |_| true)
}

/// The reminders of the days `keep` keeps.
fn of_days(planner: &Planner, keep: impl Fn(chrono::NaiveDate) -> bool) -> Vec<Reminder> {
    let walking = &planner.settings().walking;
    let mut out = Vec::new();
    for day in planner.plan().days.iter().filter(|d| keep(d.date)) {
        let entries = day.entries();
        let mut before: Option<super::choose::Wish> = None;
        for entry in entries {
            let w = day.entry_wish(entry);
            let own = matches!(entry, super::plan::Entry::Event(_));
            let from = before.as_ref().and_then(|b| {
                let place = b.room.clone()?;
                (w.room.as_ref() != Some(&place)).then(|| {
                    (
                        place.clone(),
                        walking.minutes(Some(&place), w.room.as_deref()),
                    )
                })
            });
            out.push(Reminder {
                key: format!("{}@{}", w.id, w.start.to_rfc3339()),
                id: w.id.clone(),
                title: w.title.clone(),
                start: w.start,
                end: w.end,
                place: w.room.clone(),
                from,
                own,
            });
            before = Some(w);
        }
    }
    out.sort_by_key(|r| (r.start, r.key.clone()));
    out
}

/// The reminders due in `(since, now]`: their time (`before` minutes ahead of the start) came
/// in that stretch, and they have not started by `now`.
pub fn due(planner: &Planner, before: i64, (since, now): (Stamp, Stamp)) -> Vec<Reminder> {
    all(planner)
        .into_iter()
        .filter(|r| {
            let at = r.due_at(before);
            since < at && at <= now && now < r.start
        })
        .collect()
}

/// The next reminder whose talk has not started by `now` and whose time has come (the TUI's
/// banner): within `before` minutes of its start.
pub fn upcoming(planner: &Planner, before: i64, now: Stamp) -> Option<Reminder> {
    // Only the days around now are looked at (a tick must cost little at 10,000 picks).
    let today = now.date();
    of_days(planner, |d| (d - today).num_days().abs() <= 1)
        .into_iter()
        .find(|r| r.due_at(before) <= now && now < r.start)
}

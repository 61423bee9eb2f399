//! "I couldn't get in": the best things to do instead of a planned talk whose room is full,
//! running now or starting within a few minutes, nearest first by walking time, then ranked as
//! the gap finder ranks (a pick's priority, the missed talk's track, words shared with the
//! day's picks), then by start.

use std::collections::HashSet;

use super::Priority;
use super::walking::Walking;
use crate::model::{Schedule, Stamp};

/// One thing to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alternative {
    /// An index into the schedule's sessions.
    pub session: usize,
    /// Minutes to walk there from the missed talk's room.
    pub walk: i64,
    /// Minutes it has been running at the time asked (0: it starts then or later).
    pub running: i64,
    /// Minutes until it starts (0: it runs already).
    pub starts_in: i64,
    /// Its priority, when it is a pick (one the plan left out, say).
    pub priority: Option<Priority>,
}

/// What the alternatives are weighed against.
pub struct Missed<'a> {
    pub schedule: &'a Schedule,
    /// The missed talk (an index into the sessions).
    pub session: usize,
    /// The sessions of its day by start.
    pub day: &'a [usize],
    /// The words of the day's kept picks (titles and abstracts).
    pub words: &'a HashSet<String>,
    pub walking: &'a Walking,
}

/// The alternatives at `at`: sessions running then (not about to end: at least a quarter of
/// them, or ten minutes, left) or starting within `soon` minutes; cancelled ones and the missed
/// talk left out. `priority` says which are picks, and how much.
pub fn alternatives(
    m: &Missed<'_>,
    at: Stamp,
    soon: i64,
    priority: impl Fn(&str) -> Option<Priority>,
) -> Vec<Alternative> {
    let sessions = &m.schedule.sessions;
    let missed = &sessions[m.session];
    let until = at.plus_minutes(soon);
    // Sessions are by start: only those starting before `until` can be.
    let upto = m.day.partition_point(|&i| sessions[i].start < until);
    let mut out: Vec<(Alternative, (bool, usize))> = m.day[..upto]
        .iter()
        .copied()
        .filter(|&i| i != m.session && !sessions[i].is_cancelled())
        .filter_map(|i| {
            let s = &sessions[i];
            let left = at.minutes_until(&s.end);
            let length = s.start.minutes_until(&s.end).max(1);
            let worth = left >= 10.min(length) && left * 4 >= length;
            (s.end > at && worth).then(|| {
                let same_track = s.track.is_some() && s.track == missed.track;
                let shared = super::plan::shared_words(&s.title, m.words);
                let alt = Alternative {
                    session: i,
                    walk: m.walking.minutes(missed.room.as_deref(), s.room.as_deref()),
                    running: s.start.minutes_until(&at).max(0),
                    starts_in: at.minutes_until(&s.start).max(0),
                    priority: priority(&s.id),
                };
                (alt, (same_track, shared))
            })
        })
        .collect();
    out.sort_by_key(|(a, (same_track, shared))| {
        (
            a.walk,
            a.priority.map_or(3, |p| p as u8),
            !same_track,
            std::cmp::Reverse(*shared),
            sessions[a.session].start,
            a.session,
        )
    });
    out.into_iter().map(|(a, _)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::walking::Area;

    /// A morning in two buildings: K (two rooms) and U (one).
    fn day() -> Schedule {
        let s = |id: &str, title: &str, room: &str, from: &str, to: &str| {
            format!(
                r#"{{"id":"{id}","title":"{title}","day":"2026-02-01","start":"2026-02-01T{from}:00+01:00","end":"2026-02-01T{to}:00+01:00","room":"{room}"}}"#
            )
        };
        let json = format!(
            r#"{{"format":"lineup-schedule","version":1,
              "conference":{{"id":"c","title":"C","time_zone":"Europe/Brussels","venue":null}},
              "rooms":["K.1","K.2","U.1"],
              "sessions":[{}]}}"#,
            [
                s("missed", "Rust async internals", "K.1", "10:00", "11:00"),
                s("next-door", "Postgres tuning", "K.2", "10:00", "11:00"),
                s("far", "Rust in embedded", "U.1", "10:00", "11:00"),
                s("same-room", "Lightning talk", "K.1", "10:10", "10:40"),
                s("later", "Too late", "K.2", "10:30", "11:00"),
                s("ending", "Almost over", "K.2", "09:00", "10:10"),
                s("off", "CANCELLED: Gone", "U.1", "10:00", "11:00"),
            ]
            .join(",")
        );
        crate::native::from_json(&json, "day.json").unwrap()
    }

    fn walking() -> Walking {
        let area = |name: &str, room: &str| Area {
            name: name.into(),
            rooms: vec![room.into()],
            within: Some(2),
        };
        Walking::with_areas(
            5,
            vec![area("K", "K.*"), area("U", "U.*")],
            &[("K".into(), "U".into(), 8)],
        )
        .unwrap()
    }

    fn ids(schedule: &Schedule, list: &[Alternative]) -> Vec<String> {
        list.iter()
            .map(|a| schedule.sessions[a.session].id.to_string())
            .collect()
    }

    #[test]
    fn nearest_first_running_or_soon_never_ending_or_cancelled() {
        let schedule = day();
        let missed = schedule
            .sessions
            .iter()
            .position(|s| s.id == "missed")
            .unwrap();
        let day: Vec<usize> = schedule.sessions_by_day()[0].1.clone();
        let words = HashSet::new();
        let w = walking();
        let m = Missed {
            schedule: &schedule,
            session: missed,
            day: &day,
            words: &words,
            walking: &w,
        };
        let at = schedule.sessions[missed].start.plus_minutes(5);
        let list = alternatives(&m, at, 10, |_| None);
        assert_eq!(ids(&schedule, &list), ["same-room", "next-door", "far"]);
        let walks: Vec<i64> = list.iter().map(|a| a.walk).collect();
        assert_eq!(walks, [0, 2, 8]);
        assert_eq!((list[0].running, list[0].starts_in), (0, 5));
        assert_eq!((list[1].running, list[1].starts_in), (5, 0));
        // A pick (one the plan left out, say) comes before a talk as near that is not one;
        // a track or words shared with the day's picks break ties the same way.
        let list = alternatives(&m, at, 10, |id| (id == "far").then_some(Priority::Maybe));
        assert_eq!(ids(&schedule, &list), ["same-room", "next-door", "far"]);
        let uniform = Walking::uniform(5);
        let m = Missed {
            walking: &uniform,
            ..m
        };
        let words: HashSet<String> = ["rust".to_string()].into();
        let m = Missed { words: &words, ..m };
        let list = alternatives(&m, at, 10, |_| None);
        assert_eq!(ids(&schedule, &list), ["same-room", "far", "next-door"]);
    }
}

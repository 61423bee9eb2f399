//! Picks against the current schedule: each pick's standing. Still there as picked, moved (time
//! or room changed since picking), marked cancelled by the schedule, or gone from it. Only live
//! picks (as picked, or moved) take part in clashes, the plan, now and next, and a calendar's
//! events; the others stay in the agenda, marked, until the person unpicks them.

use chrono::NaiveDate;

use super::{Agenda, Pick};
use crate::model::{Kind, Schedule, Session, Stamp};

/// A pick's standing against the schedule now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// As picked.
    Live,
    /// The session's time or room changed since picking; these are the values when picked.
    Moved {
        start: Stamp,
        end: Stamp,
        room: Option<String>,
    },
    /// The schedule still lists the session but marks it cancelled (its title says so).
    Cancelled,
    /// The session is no longer in the schedule; the pick is kept with what was seen.
    Gone,
}

impl Standing {
    /// Whether the pick still happens (as picked, or moved): only live picks clash, are planned
    /// and become calendar events.
    pub fn is_live(&self) -> bool {
        matches!(self, Standing::Live | Standing::Moved { .. })
    }

    /// The word files and JSON use: `current`, `moved`, `cancelled`, `missing`.
    pub fn name(&self) -> &'static str {
        match self {
            Standing::Live => "current",
            Standing::Moved { .. } => "moved",
            Standing::Cancelled => "cancelled",
            Standing::Gone => "missing",
        }
    }
}

/// A pick placed in time: the schedule's current values when the session exists, the pick's
/// copy otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub id: String,
    pub title: String,
    pub speakers: Vec<String>,
    pub day: NaiveDate,
    pub start: Stamp,
    pub end: Stamp,
    pub room: Option<String>,
    /// The session's kind (a talk, when the session is gone).
    pub kind: Kind,
    /// The language it is given in, when the schedule says.
    pub language: Option<String>,
    pub state: Standing,
}

impl Placed {
    /// The pick against its session as the schedule has it now (`None`: gone).
    pub fn of(pick: &Pick, session: Option<&Session>) -> Self {
        match session {
            None => Placed {
                id: pick.id.clone(),
                title: pick.title.clone(),
                speakers: Vec::new(),
                day: pick.start.date(),
                start: pick.start,
                end: pick.end,
                room: pick.room.clone(),
                kind: Kind::Talk,
                language: None,
                state: Standing::Gone,
            },
            Some(s) => {
                let moved = !s.start.same_placement(&pick.start)
                    || !s.end.same_placement(&pick.end)
                    || s.room.as_deref() != pick.room.as_deref();
                Placed {
                    id: s.id.to_string(),
                    title: s.title.to_string(),
                    speakers: s.speakers.iter().map(String::from).collect(),
                    day: s.day,
                    start: s.start,
                    end: s.end,
                    room: s.room.as_deref().map(str::to_string),
                    kind: s.kind,
                    language: s.language.as_deref().map(str::to_string),
                    state: if s.is_cancelled() {
                        Standing::Cancelled
                    } else if moved {
                        Standing::Moved {
                            start: pick.start,
                            end: pick.end,
                            room: pick.room.clone(),
                        }
                    } else {
                        Standing::Live
                    },
                }
            }
        }
    }
}

/// Every pick placed against the schedule, in time order (start, end, id).
pub fn place_picks(schedule: &Schedule, agenda: &Agenda) -> Vec<Placed> {
    let index: std::collections::HashMap<&str, &Session> = schedule
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    place_picks_with(agenda, |id| index.get(id).copied())
}

/// [`place_picks`] with a lookup the caller already has (the TUI keeps an id index, so a pick
/// costs O(picks), not O(schedule)).
pub fn place_picks_with<'s>(
    agenda: &Agenda,
    lookup: impl Fn(&str) -> Option<&'s Session>,
) -> Vec<Placed> {
    let mut placed: Vec<Placed> = agenda
        .picks()
        .iter()
        .map(|p| Placed::of(p, lookup(&p.id)))
        .collect();
    placed.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    placed
}

//! The person's agenda: picks kept in a versioned JSON file (`lineup-agenda`), saved atomically
//! and merged safely between two running copies, with overlap checks against the schedule.

mod file;
pub mod overlap;
mod plan;
mod reconcile;
mod store;

pub use file::{FORMAT, VERSION};
pub use plan::{Day, Line, Plan, PlanClash};
pub use reconcile::{PickState, Placed, place_picks, place_picks_with};
pub use store::{Store, default_path, resolve_path};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{Conference, Session, Stamp};

/// The conference an agenda belongs to, as recorded in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConferenceRef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub time_zone: Option<String>,
}

impl From<&Conference> for ConferenceRef {
    fn from(c: &Conference) -> Self {
        ConferenceRef {
            id: c.id.clone(),
            title: c.title.clone(),
            time_zone: c.time_zone.map(|tz| tz.name().to_string()),
        }
    }
}

/// What the person saw of a session when they picked it, and what was last exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub id: String,
    pub title: String,
    pub start: Stamp,
    pub end: Stamp,
    #[serde(default)]
    pub room: Option<String>,
    pub picked_at: DateTime<Utc>,
    /// Set by calendar export: the times and room last exported and the iCalendar SEQUENCE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<Exported>,
}

/// What an iCalendar export last said about a pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    pub start: Stamp,
    pub end: Stamp,
    #[serde(default)]
    pub room: Option<String>,
    pub sequence: u32,
}

impl Pick {
    /// A pick of `s` made at `now`.
    pub fn of(s: &Session, now: DateTime<Utc>) -> Self {
        Pick {
            id: s.id.clone(),
            title: s.title.clone(),
            start: s.start,
            end: s.end,
            room: s.room.clone(),
            picked_at: now.trunc_subsecs(0),
            exported: None,
        }
    }
}

/// The picks of one conference, kept in start-then-id order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub conference: ConferenceRef,
    picks: Vec<Pick>,
}

impl Agenda {
    pub fn new(conference: ConferenceRef) -> Self {
        Agenda {
            conference,
            picks: Vec::new(),
        }
    }

    /// The picks, by start then id.
    pub fn picks(&self) -> &[Pick] {
        &self.picks
    }

    pub fn get(&self, id: &str) -> Option<&Pick> {
        self.picks.iter().find(|p| p.id == id)
    }

    pub fn is_picked(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub fn len(&self) -> usize {
        self.picks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.picks.is_empty()
    }

    /// Adds a pick; false when the session was already picked (the old pick is kept).
    pub fn add(&mut self, pick: Pick) -> bool {
        if self.is_picked(&pick.id) {
            return false;
        }
        let at = self
            .picks
            .partition_point(|p| (p.start, &p.id) < (pick.start, &pick.id));
        self.picks.insert(at, pick);
        true
    }

    /// Removes a pick; the removed one, if it was there.
    pub fn remove(&mut self, id: &str) -> Option<Pick> {
        let at = self.picks.iter().position(|p| p.id == id)?;
        Some(self.picks.remove(at))
    }

    /// Replaces a pick in place (same id), keeping the order.
    pub fn replace(&mut self, pick: Pick) {
        if self.remove(&pick.id).is_some() {
            self.add(pick);
        }
    }
}

/// A change the person made, applied to whatever is on disk when saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Pick(Pick),
    Unpick(String),
    /// Record an export (the pick's `exported` mark).
    Exported(String, Exported),
}

impl Op {
    /// Applies the change; true when it changed anything.
    pub fn apply(&self, agenda: &mut Agenda) -> bool {
        match self {
            Op::Pick(p) => agenda.add(p.clone()),
            Op::Unpick(id) => agenda.remove(id).is_some(),
            Op::Exported(id, mark) => match agenda.get(id) {
                Some(p) if p.exported.as_ref() != Some(mark) => {
                    let mut p = p.clone();
                    p.exported = Some(mark.clone());
                    agenda.replace(p);
                    true
                }
                _ => false,
            },
        }
    }
}

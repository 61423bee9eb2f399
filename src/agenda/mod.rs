//! The person's agenda: picks kept in a versioned JSON file (`lineup-agenda`), saved atomically
//! and merged safely between two running copies, with overlap checks against the schedule.

pub mod changes;
pub mod choose;
mod event;
pub mod favourites;
mod file;
mod ids;
pub mod missed;
mod overview;
pub mod plan;
mod planner;
mod reconcile;
pub mod remind;
pub mod walking;

pub use event::{Event, parse_line, span_on};
pub use file::{FORMAT, VERSION};
pub use overview::{Day, Line, Overview, PickClash};
pub use planner::{Counts, Planner};
pub use reconcile::{Placed, Standing, place_picks, place_picks_with};

use std::collections::{BTreeMap, HashMap};

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

/// How much a pick matters when picks clash: a plan keeps every *must* it can, then as many
/// *want*, then as many *maybe*.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Must,
    #[default]
    Want,
    Maybe,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Must, Priority::Want, Priority::Maybe];

    /// "must", "want", "maybe".
    pub fn name(self) -> &'static str {
        match self {
            Priority::Must => "must",
            Priority::Want => "want",
            Priority::Maybe => "maybe",
        }
    }

    fn is_want(&self) -> bool {
        *self == Priority::Want
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
    /// *want* unless the person said otherwise (files without it read as *want*).
    #[serde(default, skip_serializing_if = "Priority::is_want")]
    pub priority: Priority,
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
    /// The last export told the calendar the event is cancelled (the pick was unpicked, or its
    /// session left the schedule).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

impl Pick {
    /// A pick of `s` made at `now`.
    pub fn of(s: &Session, now: DateTime<Utc>) -> Self {
        Pick {
            id: s.id.to_string(),
            title: s.title.to_string(),
            start: s.start,
            end: s.end,
            room: s.room.as_deref().map(str::to_string),
            picked_at: now.trunc_subsecs(0),
            priority: Priority::Want,
            exported: None,
        }
    }
}

/// The picks of one conference, kept in start-then-id order, found by id in O(log n).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub conference: ConferenceRef,
    picks: BTreeMap<(Stamp, String), Pick>,
    /// Each pick's start, to find it in `picks` by id.
    starts: HashMap<String, Stamp>,
    /// Picks a calendar export told of and that were unpicked since: the next export cancels
    /// them (same UID, higher SEQUENCE), so a calendar does not keep a ghost.
    withdrawn: BTreeMap<String, Pick>,
    /// The person's own events, by start then id.
    events: BTreeMap<(Stamp, String), Event>,
    /// Picks the person could not get into ("I couldn't get in"), by id: no longer planned,
    /// kept to say so (and picked again if they get in after all).
    missed: BTreeMap<String, Pick>,
    /// Saved searches: a refresh reports the new talks that match them.
    watches: std::collections::BTreeSet<String>,
}

/// The picks of an agenda in start-then-id order.
#[derive(Debug, Clone, Copy)]
pub struct Picks<'a>(&'a BTreeMap<(Stamp, String), Pick>);

impl<'a> Picks<'a> {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a Pick> + ExactSizeIterator + 'a {
        self.0.values()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for Picks<'a> {
    type Item = &'a Pick;
    type IntoIter = std::collections::btree_map::Values<'a, (Stamp, String), Pick>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.values()
    }
}

impl Agenda {
    pub fn new(conference: ConferenceRef) -> Self {
        Agenda {
            conference,
            picks: BTreeMap::new(),
            starts: HashMap::new(),
            withdrawn: BTreeMap::new(),
            events: BTreeMap::new(),
            missed: BTreeMap::new(),
            watches: Default::default(),
        }
    }

    /// The saved searches, in order.
    pub fn watches(&self) -> impl ExactSizeIterator<Item = &String> {
        self.watches.iter()
    }

    /// Saves a search (trimmed); false when it is empty or saved already.
    pub fn watch(&mut self, words: &str) -> bool {
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        !words.is_empty() && self.watches.insert(words)
    }

    /// Forgets a saved search; whether it was there.
    pub fn unwatch(&mut self, words: &str) -> bool {
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        self.watches.remove(&words)
    }

    /// The picks the person could not get into, by id.
    pub fn missed(&self) -> impl ExactSizeIterator<Item = &Pick> {
        self.missed.values()
    }

    /// Marks a pick missed: it leaves the picks (a calendar told of it has it cancelled) and is
    /// kept as missed; false when it was not picked.
    pub fn miss(&mut self, id: &str) -> bool {
        match self.remove(id) {
            Some(p) => {
                self.missed.insert(p.id.clone(), p);
                true
            }
            None => false,
        }
    }

    /// The person's own events, by start then id.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator {
        self.events.values()
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.values().find(|e| e.id == id)
    }

    /// Adds an event; false when one with its id is there already.
    pub fn add_event(&mut self, event: Event) -> bool {
        if self.event(&event.id).is_some() {
            return false;
        }
        self.events.insert((event.start, event.id.clone()), event);
        true
    }

    /// Removes the event with this id; the removed one, if it was there.
    pub fn remove_event(&mut self, id: &str) -> Option<Event> {
        let key = self
            .events
            .iter()
            .find(|(_, e)| e.id == id)
            .map(|(k, _)| k.clone())?;
        self.events.remove(&key)
    }

    /// An agenda holding `picks`; of picks sharing an id, the first is kept. O(n log n).
    pub fn with_picks(conference: ConferenceRef, picks: impl IntoIterator<Item = Pick>) -> Self {
        let mut agenda = Agenda::new(conference);
        for p in picks {
            agenda.add(p);
        }
        agenda
    }

    /// The picks, by start then id.
    pub fn picks(&self) -> Picks<'_> {
        Picks(&self.picks)
    }

    pub fn get(&self, id: &str) -> Option<&Pick> {
        let start = self.starts.get(id)?;
        self.picks.get(&(*start, id.to_string()))
    }

    /// Whether `other` holds the same picks at the same times, rooms and titles with the same
    /// priorities, the same events of the person's own and the same missed talks (what a plan
    /// is made of), whatever else differs (when they were picked, what was exported). O(n).
    pub fn plans_as(&self, other: &Agenda) -> bool {
        self.picks.len() == other.picks.len()
            && self.events == other.events
            && self.missed.keys().eq(other.missed.keys())
            && self.picks.values().zip(other.picks.values()).all(|(a, b)| {
                (&a.id, a.start, a.end, &a.room, &a.title, a.priority)
                    == (&b.id, b.start, b.end, &b.room, &b.title, b.priority)
            })
    }

    pub fn is_picked(&self, id: &str) -> bool {
        self.starts.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.picks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.picks.is_empty()
    }

    /// Picks that were exported to a calendar and unpicked since, by id.
    pub fn withdrawn(&self) -> impl Iterator<Item = &Pick> {
        self.withdrawn.values()
    }

    /// Adds a pick; false when the session was already picked (the old pick is kept). A pick
    /// withdrawn from a calendar and picked again takes its export mark back, so the calendar
    /// sees the event again with a higher SEQUENCE.
    pub fn add(&mut self, mut pick: Pick) -> bool {
        if self.is_picked(&pick.id) {
            return false;
        }
        self.missed.remove(&pick.id);
        if let Some(old) = self.withdrawn.remove(&pick.id)
            && pick.exported.is_none()
        {
            pick.exported = old.exported;
        }
        self.starts.insert(pick.id.clone(), pick.start);
        self.picks.insert((pick.start, pick.id.clone()), pick);
        true
    }

    /// Removes a pick; the removed one, if it was there. One a calendar was told of is kept
    /// as withdrawn, for the next export to cancel.
    pub fn remove(&mut self, id: &str) -> Option<Pick> {
        let start = self.starts.remove(id)?;
        let pick = self.picks.remove(&(start, id.to_string()))?;
        if pick.exported.is_some() {
            self.withdrawn.insert(pick.id.clone(), pick.clone());
        }
        Some(pick)
    }

    /// Keeps `pick` as withdrawn (reading an agenda file).
    fn keep_withdrawn(&mut self, pick: Pick) {
        if !self.is_picked(&pick.id) {
            self.withdrawn.insert(pick.id.clone(), pick);
        }
    }

    /// Replaces a pick in place (same id), keeping the order.
    pub fn replace(&mut self, pick: Pick) {
        if self.remove(&pick.id).is_some() {
            self.add(pick);
        }
    }

    /// Takes a pick's new time, room and title, keeping when it was made and its export mark;
    /// whether anything changed.
    pub fn update(&mut self, new: &Pick) -> bool {
        let Some(old) = self.get(&new.id).cloned() else {
            return false;
        };
        let updated = Pick {
            picked_at: old.picked_at,
            priority: old.priority,
            exported: old.exported.clone(),
            ..new.clone()
        };
        if updated == old {
            return false;
        }
        self.replace(updated);
        true
    }

    /// A copy with only the picks `keep` says yes to; the others a calendar was told of become
    /// withdrawn, so a calendar export of the copy cancels them (exporting the plan, not the
    /// wishes).
    pub fn keeping(&self, keep: impl Fn(&Pick) -> bool) -> Agenda {
        let mut copy = Agenda::new(self.conference.clone());
        copy.withdrawn = self.withdrawn.clone();
        for p in self.picks.values() {
            if keep(p) {
                copy.add(p.clone());
            } else if p.exported.is_some() {
                copy.withdrawn.insert(p.id.clone(), p.clone());
            }
        }
        copy
    }

    /// The pick of `from` becomes `to` (a renumbered session): when it made and its priority
    /// kept; whether anything changed (nothing when `from` is not picked or `to` already is).
    pub fn follow(&mut self, from: &str, to: &Pick) -> bool {
        if from == to.id || self.is_picked(&to.id) {
            return false;
        }
        let Some(old) = self.remove(from) else {
            return false;
        };
        self.add(Pick {
            picked_at: old.picked_at,
            priority: old.priority,
            exported: None,
            ..to.clone()
        })
    }

    /// Sets a pick's priority; whether it changed.
    pub fn set_priority(&mut self, id: &str, priority: Priority) -> bool {
        let Some(start) = self.starts.get(id) else {
            return false;
        };
        match self.picks.get_mut(&(*start, id.to_string())) {
            Some(p) if p.priority != priority => {
                p.priority = priority;
                true
            }
            _ => false,
        }
    }

    /// Sets a pick's (or a withdrawn pick's) export mark; whether it changed.
    fn mark_exported(&mut self, id: &str, mark: &Exported) -> bool {
        let Some(start) = self.starts.get(id) else {
            return match self.withdrawn.get_mut(id) {
                Some(p) if p.exported.as_ref() != Some(mark) => {
                    p.exported = Some(mark.clone());
                    true
                }
                _ => false,
            };
        };
        match self.picks.get_mut(&(*start, id.to_string())) {
            Some(p) if p.exported.as_ref() != Some(mark) => {
                p.exported = Some(mark.clone());
                true
            }
            _ => false,
        }
    }
}

/// A change the person made, applied to whatever is on disk when saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Pick(Pick),
    Unpick(String),
    /// Take the session's current time and room into a pick that moved (when the person
    /// accepts the move); the pick keeps when it was made and what was exported.
    Update(Pick),
    /// Record an export (the pick's `exported` mark).
    Exported(String, Exported),
    /// Set a pick's priority.
    Priority(String, Priority),
    /// Follow a session the schedule renumbered: the pick of the old id becomes a pick of the
    /// new one, keeping when it was made and its priority (a calendar told of the old id has
    /// it cancelled and the new one added).
    Follow {
        from: String,
        to: Pick,
    },
    /// Add an event of the person's own.
    AddEvent(Event),
    /// Remove the event with this id.
    RemoveEvent(String),
    /// "I couldn't get in": the pick leaves the plan, kept as missed.
    Missed(String),
    /// Save a search to watch for new talks.
    Watch(String),
    /// Forget a saved search.
    Unwatch(String),
}

impl Op {
    /// Applies the change; true when it changed anything.
    pub fn apply(&self, agenda: &mut Agenda) -> bool {
        match self {
            Op::Pick(p) => agenda.add(p.clone()),
            Op::Unpick(id) => agenda.remove(id).is_some(),
            Op::Exported(id, mark) => agenda.mark_exported(id, mark),
            Op::Update(p) => agenda.update(p),
            Op::Priority(id, priority) => agenda.set_priority(id, *priority),
            Op::Follow { from, to } => agenda.follow(from, to),
            Op::AddEvent(e) => agenda.add_event(e.clone()),
            Op::RemoveEvent(id) => agenda.remove_event(id).is_some(),
            Op::Missed(id) => agenda.miss(id),
            Op::Watch(w) => agenda.watch(w),
            Op::Unwatch(w) => agenda.unwatch(w),
        }
    }
}

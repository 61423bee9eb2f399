//! What the last refresh changed, session by session (new, moved, cancelled): the grid marks
//! each until the person selects it.

use std::collections::HashMap;

use crate::model::search::Query;
use crate::model::{Schedule, Session};

/// How a session changed in the last refresh, marked in the grid until it is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    /// New in the schedule.
    New,
    /// New, and it matches one of the person's saved searches (`lineup watch`).
    Watched,
    /// Another start, end or room.
    Moved,
    /// The schedule cancelled it.
    Cancelled,
}

impl Fresh {
    /// Its mark in the grid, before the title.
    pub fn mark(self) -> &'static str {
        match self {
            Fresh::New => "✚",
            Fresh::Watched => "◉",
            Fresh::Moved => "↻",
            Fresh::Cancelled => "⊘",
        }
    }
}

/// What a new copy of a schedule added (matching one of `watches` or not), moved or cancelled
/// against the old, by index in the new.
pub fn fresh(old: &Schedule, new: &Schedule, watches: &[Query]) -> HashMap<usize, Fresh> {
    let before: HashMap<&str, &Session> = old.sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    new.sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let how = match before.get(s.id.as_str()) {
                None if watches.iter().any(|q| q.matches(s)) => Fresh::Watched,
                None => Fresh::New,
                Some(o) if s.is_cancelled() && !o.is_cancelled() => Fresh::Cancelled,
                Some(o) if (o.start, o.end, &o.room) != (s.start, s.end, &s.room) => Fresh::Moved,
                Some(_) => return None,
            };
            Some((i, how))
        })
        .collect()
}

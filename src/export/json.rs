//! JSON export: the picks (or all sessions) with full session data, in time order, with the
//! agenda's view of each (picked when, moved, clashes). Versioned as `lineup-export`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ExportSet;
use crate::agenda::PickState;
use crate::error::{Error, Result};
use crate::model::{Conference, Session, Stamp};

pub const FORMAT: &str = "lineup-export";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub conference: Conference,
    pub exported_at: DateTime<Utc>,
    /// `picks` or `schedule`.
    pub contents: String,
    pub sessions: Vec<ExportedSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedSession {
    #[serde(flatten)]
    pub session: Session,
    #[serde(default)]
    pub picked_at: Option<DateTime<Utc>>,
    /// `current`, `moved` or `missing` (no longer in the schedule).
    pub state: String,
    #[serde(default)]
    pub moved_from: Option<MovedFrom>,
    #[serde(default)]
    pub clashes: Vec<ClashRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedFrom {
    pub start: Stamp,
    pub end: Stamp,
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClashRef {
    pub id: String,
    pub minutes: i64,
}

pub fn render(set: &ExportSet) -> Result<String> {
    let sessions = set
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| ExportedSession {
            session: item.session.clone(),
            picked_at: item.pick.as_ref().map(|p| p.picked_at),
            state: match item.state {
                PickState::Current => "current",
                PickState::Moved { .. } => "moved",
                PickState::Missing => "missing",
            }
            .into(),
            moved_from: match &item.state {
                PickState::Moved { start, end, room } => Some(MovedFrom {
                    start: *start,
                    end: *end,
                    room: room.clone(),
                }),
                _ => None,
            },
            clashes: set
                .plan
                .as_ref()
                .map(|plan| {
                    plan.clashes_of(i, usize::MAX)
                        .into_iter()
                        .map(|(j, minutes)| ClashRef {
                            id: plan.picks[j].id.clone(),
                            minutes,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let file = ExportFile {
        format: FORMAT.into(),
        version: VERSION,
        conference: set.schedule.conference.clone(),
        exported_at: set.now,
        contents: if set.plan.is_some() {
            "picks"
        } else {
            "schedule"
        }
        .into(),
        sessions,
    };
    let mut s = serde_json::to_string_pretty(&file).map_err(|e| {
        Error::Usage(format!(
            "cannot write the export as JSON: {}",
            crate::message::foreign(&e.to_string())
        ))
    })?;
    s.push('\n');
    Ok(s)
}

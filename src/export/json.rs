//! JSON export: the picks (or all sessions) with full session data, in time order, with the
//! agenda's view of each (picked when, moved, clashes). Versioned as `lineup-export`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::io::{self, Write};

use super::{ExportSet, Item};
use crate::agenda::Standing;
use crate::model::{Conference, Session, Stamp};

pub const FORMAT: &str = "lineup-export";
pub const VERSION: u32 = 1;

/// The export file as it reads back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub conference: Conference,
    pub exported_at: DateTime<Utc>,
    /// `picks` or `schedule`.
    pub contents: String,
    pub sessions: Vec<ExportedSession>,
    /// Recorded picks the best plan leaves out.
    #[serde(default)]
    pub watch_later: Vec<LaterRef>,
}

/// A talk to watch later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaterRef {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
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

/// The file as written: the same fields as [`ExportFile`], the sessions made one at a time as
/// the JSON is written.
#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u32,
    conference: &'a Conference,
    exported_at: DateTime<Utc>,
    contents: &'static str,
    sessions: Sessions<'a>,
    watch_later: Vec<LaterRef>,
    /// The person's own events (not sessions: a schedule read back from this file has none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    events: &'a [crate::agenda::Event],
}

struct Sessions<'a>(&'a ExportSet<'a>);

impl Serialize for Sessions<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> std::result::Result<S::Ok, S::Error> {
        let set = self.0;
        ser.collect_seq(
            set.items
                .iter()
                .enumerate()
                .map(|(i, item)| one(set, i, item)),
        )
    }
}

/// One session as written (what [`ExportedSession`] reads back).
#[derive(Serialize)]
struct OneOut<'a> {
    #[serde(flatten)]
    session: &'a Session,
    picked_at: Option<DateTime<Utc>>,
    state: &'static str,
    moved_from: Option<MovedFrom>,
    clashes: Vec<ClashRef>,
}

fn one<'a>(set: &'a ExportSet, i: usize, item: &'a Item) -> OneOut<'a> {
    OneOut {
        session: &item.session,
        picked_at: item.pick.as_ref().map(|p| p.picked_at),
        state: item.state.name(),
        moved_from: match &item.state {
            Standing::Moved { start, end, room } => Some(MovedFrom {
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
    }
}

/// Writes the export as it goes, one session at a time.
pub fn write(set: &ExportSet, out: &mut dyn Write) -> io::Result<()> {
    let file = Out {
        format: FORMAT,
        version: VERSION,
        conference: &set.schedule.conference,
        exported_at: set.now,
        contents: if set.plan.is_some() {
            "picks"
        } else {
            "schedule"
        },
        sessions: Sessions(set),
        watch_later: set
            .watch_later
            .iter()
            .map(|l| LaterRef {
                id: l.id.clone(),
                title: l.title.clone(),
                url: l.url.clone(),
            })
            .collect(),
        events: &set.events,
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")
}

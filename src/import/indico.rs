//! Indico's export API (`/export/event/<id>.json?detail=contributions`, or `detail=sessions`),
//! as scientific conferences publish it: `results[]` of conferences, each with its
//! `contributions` (and its sessions' contributions), times as `{date, time, tz}`. A
//! contribution with no time in the timetable is counted, not shown.

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Deserialize;

use super::draft::{Draft as EventDraft, finish_all};
use super::{Context, Draft, Warning};
use crate::error::Result;
use crate::model::Stamp;

/// What the errors call this format.
const WHAT: &str = "an Indico export";

/// Whether the start of a JSON text looks like Indico's export API.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"HTTPAPIResult\"")
        || (head.contains("\"results\"") && head.contains("\"_type\": \"Conference\""))
        || (head.contains("\"results\"") && head.contains("\"_type\":\"Conference\""))
}

#[derive(Deserialize)]
struct Api {
    #[serde(default)]
    results: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    contributions: Vec<Contribution>,
    #[serde(default)]
    sessions: Vec<Session>,
}

#[derive(Deserialize)]
struct Session {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    contributions: Vec<Contribution>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contribution {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    db_id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    start_date: Option<When>,
    #[serde(default)]
    end_date: Option<When>,
    #[serde(default)]
    duration: Option<serde_json::Value>,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    room_fullname: Option<String>,
    #[serde(default)]
    track: Option<String>,
    #[serde(default)]
    session: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    speakers: Vec<Person>,
}

/// A time as Indico writes it: a date, a clock and the zone they are in.
#[derive(Deserialize)]
struct When {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tz: Option<String>,
}

#[derive(Deserialize)]
struct Person {
    #[serde(default, rename = "fullName")]
    full_name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

impl Person {
    fn name(self) -> String {
        let parts = [self.first_name, self.last_name]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [self.full_name, Some(parts), self.name]
            .into_iter()
            .flatten()
            .find(|n| !n.trim().is_empty())
            .unwrap_or_default()
    }
}

impl When {
    /// The instant, as a date-time with its offset (RFC 3339) in the zone it names (else
    /// `fallback`), or as a wall time when no zone is known.
    fn stamp(&self, fallback: Option<Tz>) -> Option<String> {
        let wall = NaiveDateTime::parse_from_str(
            &format!("{} {}", self.date.trim(), self.time.trim()),
            "%Y-%m-%d %H:%M:%S",
        )
        .ok()?;
        let tz = self
            .tz
            .as_deref()
            .and_then(|t| t.trim().parse::<Tz>().ok())
            .or(fallback);
        Some(Stamp::local_lenient(wall, tz).0.to_rfc3339())
    }
}

/// Reads an Indico export held in memory (every event in `results` into one schedule).
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let api: Api =
        serde_json::from_str(input).map_err(|e| super::frab_json::json_error(&e, origin, WHAT))?;
    let mut title = String::new();
    let mut venue = None;
    let mut zone_name = String::new();
    let mut drafts = Vec::new();
    let mut unscheduled = 0;
    for event in api.results {
        if title.is_empty() {
            title = event.title.unwrap_or_default();
            venue = event.location;
            zone_name = event.timezone.unwrap_or_default();
        }
        let tz = zone_name.trim().parse::<Tz>().ok().or(cx.flag_zone());
        let in_sessions = event.sessions.into_iter().flat_map(|s| {
            let name = s.title.unwrap_or_default();
            s.contributions.into_iter().map(move |c| (c, name.clone()))
        });
        let all = event
            .contributions
            .into_iter()
            .map(|c| (c, String::new()))
            .chain(in_sessions);
        for (c, session) in all {
            match draft(c, &session, tz) {
                Some(d) => drafts.push(d),
                None => unscheduled += 1,
            }
        }
    }
    let tz = cx.zone(&zone_name);
    if unscheduled > 0 {
        cx.warnings
            .push(Warning::Unscheduled { count: unscheduled });
    }
    let sessions = finish_all(drafts, origin, tz, &mut cx.warnings)?;
    Ok(Draft {
        title,
        venue,
        zone: tz,
        sessions,
        ..Draft::default()
    })
}

/// A contribution as a draft; `None` when it has no place in the timetable.
fn draft(c: Contribution, session: &str, tz: Option<Tz>) -> Option<EventDraft> {
    let start = c.start_date.as_ref()?.stamp(tz)?;
    let id = [&c.id, &c.db_id]
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        })
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default();
    let duration = match c.duration {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    Some(EventDraft {
        id,
        title: c.title.unwrap_or_default(),
        description: c.description.unwrap_or_default(),
        date: start,
        end: c
            .end_date
            .as_ref()
            .and_then(|e| e.stamp(tz))
            .unwrap_or_default(),
        duration,
        room: [c.room, c.room_fullname]
            .into_iter()
            .flatten()
            .find(|r| !r.trim().is_empty())
            .unwrap_or_default(),
        track: [c.track, c.session, Some(session.to_string())]
            .into_iter()
            .flatten()
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default(),
        kind: c.kind.unwrap_or_default(),
        url: c.url.unwrap_or_default(),
        speakers: c.speakers.into_iter().map(Person::name).collect(),
        ..EventDraft::default()
    })
}

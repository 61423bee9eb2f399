//! lineup's own schedule file: versioned JSON (`"format": "lineup-schedule", "version": 1`) that
//! every command reads back with `--schedule FILE`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::frab_json::json_error;
use crate::model::{Conference, Schedule, Session};

pub const FORMAT: &str = "lineup-schedule";
pub const VERSION: u32 = 1;

/// The embedded default schedule: PyCon US 2012, Friday 9 March, built from the seed pages.
pub const PYCON_2012: &str = include_str!("../data/pycon-us-2012.json");

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    conference: &'a Conference,
    rooms: &'a [String],
    sessions: &'a [Session],
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
struct FileIn {
    conference: Conference,
    #[serde(default)]
    rooms: Vec<String>,
    sessions: Vec<Session>,
}

/// Pretty JSON with a trailing newline.
pub fn to_json(schedule: &Schedule) -> Result<String> {
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        conference: &schedule.conference,
        rooms: &schedule.rooms,
        sessions: &schedule.sessions,
    };
    let mut text = serde_json::to_string_pretty(&out).map_err(|e| {
        Error::Usage(format!(
            "cannot write the schedule as JSON: {}",
            crate::message::foreign(&e.to_string())
        ))
    })?;
    text.push('\n');
    Ok(text)
}

/// Whether the text is a lineup schedule (the format tag comes first in files lineup writes;
/// anywhere in the first 4 KiB is accepted).
pub fn looks_like(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.contains(&format!("\"{FORMAT}\""))
}

/// Reads a lineup schedule file; `origin` names it in errors.
pub fn from_json(text: &str, origin: &str) -> Result<Schedule> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_err = |e: serde_json::Error, what: &str| json_error(&e, origin, what);
    let header: Header =
        serde_json::from_str(text).map_err(|e| json_err(e, "a valid lineup schedule"))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(Error::parse(
            origin,
            0,
            format!(
                "not a lineup schedule (no \"format\": \"{FORMAT}\"); import it with `lineup import`"
            ),
        ));
    }
    match header.version {
        Some(VERSION) => {}
        Some(v) => {
            return Err(Error::parse(
                origin,
                0,
                format!(
                    "schedule format version {v} is newer than this lineup reads ({VERSION}); update lineup"
                ),
            ));
        }
        None => return Err(Error::parse(origin, 0, "the schedule has no \"version\"")),
    }
    let file: FileIn =
        serde_json::from_str(text).map_err(|e| json_err(e, "a valid lineup schedule"))?;
    let mut schedule = Schedule {
        conference: file.conference,
        rooms: file.rooms,
        sessions: file.sessions,
    };
    schedule.normalize();
    Ok(schedule)
}

/// The embedded PyCon US 2012 schedule.
pub fn default_schedule() -> Result<Schedule> {
    from_json(PYCON_2012, "the embedded PyCon US 2012 schedule")
}

//! lineup's own schedule file: versioned JSON (`"format": "lineup-schedule", "version": 1`) that
//! `lineup import` writes and every command reads back with `--schedule FILE`.

use serde::{Deserialize, Serialize};

use super::header::{self, Problem};
use super::{Draft, Format, Options};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Conference, Schedule, Session};

pub const FORMAT: &str = "lineup-schedule";
pub const VERSION: u32 = 1;

/// The embedded default schedule: PyCon US 2012, Friday 9 March, built from the seed pages.
pub const PYCON_2012: &str = include_str!("../../data/pycon-us-2012.json");

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    conference: &'a Conference,
    rooms: &'a [String],
    /// Tracks' colours, `#rrggbb` by track name.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    track_colours: std::collections::BTreeMap<&'a str, String>,
    sessions: &'a [Session],
}

#[derive(Deserialize)]
struct FileIn {
    conference: Conference,
    #[serde(default)]
    rooms: Vec<String>,
    #[serde(default)]
    track_colours: std::collections::BTreeMap<String, String>,
    sessions: Vec<Session>,
}

/// Pretty JSON with a trailing newline.
pub fn to_json(schedule: &Schedule) -> Result<String> {
    let out = FileOut {
        format: FORMAT,
        version: VERSION,
        conference: &schedule.conference,
        rooms: &schedule.rooms,
        track_colours: schedule
            .track_colours
            .iter()
            .map(|(t, [r, g, b])| (t.as_str(), format!("#{r:02x}{g:02x}{b:02x}")))
            .collect(),
        sessions: &schedule.sessions,
    };
    let mut text = serde_json::to_string_pretty(&out).map_err(|e| Error::Serialize {
        what: "the schedule as JSON",
        message: message::foreign(&e.to_string()),
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

/// Reads a lineup schedule into a draft: the conference as the file has it (its id kept).
pub(super) fn read(text: &str, origin: &str) -> Result<Draft> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_err =
        |e: serde_json::Error| super::frab_json::json_error(&e, origin, "a valid lineup schedule");
    let parse = |message: String| Error::parse(origin, 0, message);
    match header::check(text, FORMAT, VERSION) {
        Ok(()) => {}
        Err(Problem::Json(e)) => return Err(json_err(e)),
        Err(Problem::Format(_)) => {
            return Err(parse(format!(
                "not a lineup schedule (no \"format\": \"{FORMAT}\"); import it with `lineup import`"
            )));
        }
        Err(Problem::Newer(v)) => {
            return Err(parse(format!(
                "schedule format version {v} is newer than this lineup reads ({VERSION}); update lineup"
            )));
        }
        Err(Problem::NoVersion) => return Err(parse("the schedule has no \"version\"".into())),
    }
    let file: FileIn = serde_json::from_str(text).map_err(json_err)?;
    Ok(Draft {
        title: file.conference.title,
        id: Some(file.conference.id),
        venue: file.conference.venue,
        zone: file.conference.time_zone,
        rooms: file.rooms,
        sessions: file.sessions,
        track_colours: file.track_colours.into_iter().collect(),
        ..Draft::default()
    })
}

/// Reads a lineup schedule file's text; `origin` names it in errors.
pub fn from_json(text: &str, origin: &str) -> Result<Schedule> {
    let opts = Options {
        format: Some(Format::Lineup),
        ..Options::default()
    };
    super::read_bytes(text.as_bytes(), origin, &opts).map(|i| i.schedule)
}

/// The embedded PyCon US 2012 schedule.
pub fn default_schedule() -> Result<Schedule> {
    from_json(PYCON_2012, "the embedded PyCon US 2012 schedule")
}

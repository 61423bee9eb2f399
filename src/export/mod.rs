//! Exports of a personal agenda (or the whole schedule): iCalendar, Markdown, plain text,
//! Lanyrd-style text and JSON. Each format is a pure function of an [`ExportSet`] (built from the
//! schedule, the picks and the time it is) to text; writing files and recording what was
//! exported happen at the edge (`workspace::exports`).

pub mod ical;
pub mod json;
pub mod lanyrd;
pub mod markdown;
pub mod text;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::agenda::{Exported, Overview, Pick, Planner, Standing};
use crate::error::{Error, Result};
use crate::model::{Schedule, Session};

/// The formats lineup writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// iCalendar (RFC 5545), for calendar programs.
    Ics,
    /// Markdown, printable and pasteable.
    Md,
    /// Plain text, 80 columns.
    Txt,
    /// Text in the shape of a Lanyrd listing page (reads back with the Lanyrd importer).
    Lanyrd,
    /// JSON with the full session data.
    Json,
}

impl Format {
    /// The format a file name asks for: `.ics`, `.md`/`.markdown`, `.txt`, `.json`, `.lanyrd`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ics" | "ical" | "ifb" => Format::Ics,
            "md" | "markdown" => Format::Md,
            "txt" | "text" => Format::Txt,
            "json" => Format::Json,
            "lanyrd" => Format::Lanyrd,
            _ => return None,
        })
    }
}

/// One exported session with what the agenda knows about it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// The session as the schedule has it now (borrowed), or rebuilt from the pick when it is
    /// gone.
    pub session: Cow<'a, Session>,
    pub pick: Option<Pick>,
    pub state: Standing,
}

/// What an export writes: the picks (with their plan) or the whole schedule.
#[derive(Debug, Clone)]
pub struct ExportSet<'a> {
    pub schedule: &'a Schedule,
    pub items: Vec<Item<'a>>,
    /// The picks' clash overview (clashes, gaps, room changes); `None` when exporting the
    /// whole schedule.
    pub plan: Option<Overview>,
    /// Picks a calendar was told of and that were unpicked since (a calendar export cancels
    /// them); empty when exporting the whole schedule.
    pub withdrawn: Vec<Pick>,
    /// Minutes before each event a calendar reminds (an iCalendar VALARM); none when `None`.
    pub alarm: Option<u32>,
    /// Recorded picks the plan leaves out (Markdown and JSON list them to watch later).
    pub watch_later: Vec<crate::agenda::plan::Later>,
    /// The person's own events (of the day exported); none when exporting the schedule.
    pub events: Vec<crate::agenda::Event>,
    pub now: DateTime<Utc>,
}

impl<'a> ExportSet<'a> {
    /// The person's picks (optionally one day), in time order, as the planner works them out:
    /// the ones the schedule cancelled or dropped are items too, marked, so a calendar cancels
    /// them and the printed formats list them apart.
    pub fn picks(planner: &'a Planner, day: Option<NaiveDate>, now: DateTime<Utc>) -> Self {
        let schedule: &'a Schedule = planner.schedule();
        let agenda = planner.agenda();
        let overview = Overview::from_placed(planner.overview().picks.clone(), day);
        let items: Vec<Item<'a>> = overview
            .picks
            .iter()
            .map(|p| {
                let session = planner.index_of(&p.id).map_or_else(
                    || {
                        Cow::Owned(Session {
                            day: p.day,
                            ..gone(&p.id, &p.title, p.start, p.end, p.room.as_ref())
                        })
                    },
                    |i| Cow::Borrowed(&schedule.sessions[i]),
                );
                Item {
                    session,
                    pick: agenda.get(&p.id).cloned(),
                    state: p.state.clone(),
                }
            })
            .collect();
        // The plan's picks to watch later, of the day exported.
        let watch_later = planner
            .plan()
            .watch_later
            .iter()
            .filter(|l| overview.find(&l.id).is_some())
            .cloned()
            .collect();
        let withdrawn = agenda
            .withdrawn()
            .filter(|w| day.is_none_or(|d| w.start.date() == d))
            .cloned()
            .collect();
        let events = agenda
            .events()
            .filter(|e| day.is_none_or(|d| e.start.date() == d))
            .cloned()
            .collect();
        ExportSet {
            schedule,
            items,
            plan: Some(overview),
            withdrawn,
            alarm: None,
            watch_later,
            events,
            now,
        }
    }

    /// Every session of the schedule (optionally one day).
    pub fn all(schedule: &'a Schedule, day: Option<NaiveDate>, now: DateTime<Utc>) -> Self {
        let items = schedule
            .sessions
            .iter()
            .filter(|s| day.is_none_or(|d| s.day == d))
            .map(|s| Item {
                session: Cow::Borrowed(s),
                pick: None,
                state: Standing::Live,
            })
            .collect();
        ExportSet {
            schedule,
            items,
            plan: None,
            withdrawn: Vec::new(),
            alarm: None,
            watch_later: Vec::new(),
            events: Vec::new(),
            now,
        }
    }
}

/// A session rebuilt from what a pick kept of it (the schedule no longer has it).
pub fn gone(
    id: &str,
    title: &str,
    start: crate::model::Stamp,
    end: crate::model::Stamp,
    room: Option<&String>,
) -> Session {
    Session::stand_in(id, title, (start, end), room)
}

/// Writes a set in a format as it goes (constant memory beyond the set), and returns the export
/// marks to record in the agenda (iCalendar only: the SEQUENCE of each event).
pub fn write(set: &ExportSet, format: Format, out: &mut dyn Write) -> io::Result<Marks> {
    match format {
        Format::Ics => ical::write(set, out),
        Format::Md => markdown::write(set, out).map(|()| Vec::new()),
        Format::Txt => text::write(set, 80, out).map(|()| Vec::new()),
        Format::Lanyrd => lanyrd::write(set, out).map(|()| Vec::new()),
        Format::Json => json::write(set, out).map(|()| Vec::new()),
    }
}

/// What an iCalendar export tells the calendar of each pick: `(pick id, mark)`.
pub type Marks = Vec<(String, Exported)>;

/// The file's text in a format, and its marks ([`write`] into memory).
pub fn render(set: &ExportSet, format: Format) -> Result<(String, Marks)> {
    let mut out = Vec::new();
    let marks = write(set, format, &mut out).map_err(|e| Error::Serialize {
        what: "the export",
        message: crate::message::foreign(&e.to_string()),
    })?;
    Ok((String::from_utf8_lossy(&out).into_owned(), marks))
}

//! frab / c3voc JSON (`schedule.conference.days[].rooms{name: [events]}`), including pretalx's
//! variant (persons with code and biography). Read as a walk (serde seeds) that turns each
//! event into a session as it goes, so neither a tree of values nor a list of all the raw
//! events is built; from a file it is read as a stream.

mod fields;
mod stream;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::de::DeserializeSeed;

use super::draft::Draft as EventDraft;
use super::{Context, Draft};
use crate::error::{Error, Result};
use crate::message;
use crate::model::Session;
use crate::text;
use fields::{Ev, Person, Scalar, owned};

/// A serde_json error as one short sentence; JSON that stops in the middle ends early.
pub(crate) fn json_error(e: &serde_json::Error, origin: &str, what: &str) -> Error {
    let message = if e.classify() == serde_json::error::Category::Eof {
        super::ENDS_EARLY.to_string()
    } else {
        format!("not {what} ({})", message::foreign(&e.to_string()))
    };
    Error::Parse {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Whether the text looks like frab JSON.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"schedule\"")
}

/// What the errors call this format.
const WHAT: &str = "a frab/c3voc JSON schedule";

/// Reads a frab/c3voc JSON schedule held in memory into a draft (strings borrowed where the
/// JSON has no escapes).
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    read_from(&mut serde_json::Deserializer::from_str(input), origin, cx)
}

/// Reads a frab/c3voc JSON schedule as a stream: memory holds the sessions, not the file.
pub(super) fn read_reader(
    src: impl std::io::Read,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft> {
    read_from(&mut serde_json::Deserializer::from_reader(src), origin, cx)
}

fn read_from<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft> {
    let mut sink = Sink::new(origin, cx);
    let walked = stream::Root(&mut sink)
        .deserialize(&mut *de)
        .and_then(|()| de.end());
    if let Some(e) = sink.failed.take() {
        return Err(e);
    }
    walked.map_err(|e| json_error(&e, origin, WHAT))?;
    sink.into_draft()
}

/// One day as it is read: its date and start (which may come after its rooms), and the drafts
/// of its events.
#[derive(Default)]
struct DayFields {
    date: String,
    start: String,
    drafts: Vec<EventDraft>,
}

/// What the reader builds as it goes. Each event becomes a draft when read; a day's drafts
/// become sessions when the day ends, once the zone is known (it is named before the days in
/// every file seen; when it is not, the drafts wait for the end of the conference).
struct Sink<'c> {
    origin: &'c str,
    cx: &'c mut Context,
    saw_schedule: bool,
    saw_conference: bool,
    title: String,
    acronym: String,
    zone_name: Option<String>,
    /// The zone, once settled.
    zone: Option<Option<Tz>>,
    days: usize,
    day: DayFields,
    waiting: Vec<EventDraft>,
    rooms: Vec<String>,
    sessions: Vec<Session>,
    /// The error that stopped the walk (serde is told only that it stopped).
    failed: Option<Error>,
}

impl<'c> Sink<'c> {
    fn new(origin: &'c str, cx: &'c mut Context) -> Self {
        Sink {
            origin,
            cx,
            saw_schedule: false,
            saw_conference: false,
            title: String::new(),
            acronym: String::new(),
            zone_name: None,
            zone: None,
            days: 0,
            day: DayFields::default(),
            waiting: Vec::new(),
            rooms: Vec::new(),
            sessions: Vec::new(),
            failed: None,
        }
    }

    fn day_begins(&mut self) {
        self.days += 1;
        self.day = DayFields::default();
    }

    fn room(&mut self, name: &str) {
        self.rooms.push(text::clean_line(name));
    }

    fn event(&mut self, ev: Ev<'_>, listed_in: &str) {
        self.day.drafts.push(event(ev, listed_in));
    }

    /// The day is read: its drafts get its date and start, and become sessions when the zone
    /// is known.
    fn day_done(&mut self) -> std::result::Result<(), ()> {
        let day = std::mem::take(&mut self.day);
        let Ok(date) = NaiveDate::parse_from_str(day.date.trim(), "%Y-%m-%d") else {
            let message = format!(
                "day {} has date {}, not YYYY-MM-DD",
                self.days,
                message::quote(&day.date)
            );
            return self.fail(Error::parse(self.origin, 0, message));
        };
        let start = chrono::DateTime::parse_from_rfc3339(day.start.trim()).ok();
        let drafts = day.drafts.into_iter().map(|mut d| {
            d.day = Some(date);
            d.day_start = start;
            d
        });
        if self.zone.is_none() && self.zone_name.is_none() {
            self.waiting.extend(drafts);
            return Ok(());
        }
        self.finish(drafts.collect())
    }

    /// The conference is read: the zone is settled and the drafts that waited for it finish.
    fn conference_done(&mut self) -> std::result::Result<(), ()> {
        let waiting = std::mem::take(&mut self.waiting);
        self.settle_zone();
        self.finish(waiting)
    }

    fn settle_zone(&mut self) -> Option<Tz> {
        match self.zone {
            Some(z) => z,
            None => {
                let z = self.cx.zone(self.zone_name.as_deref().unwrap_or(""));
                *self.zone.insert(z)
            }
        }
    }

    fn finish(&mut self, drafts: Vec<EventDraft>) -> std::result::Result<(), ()> {
        let tz = self.settle_zone();
        for d in drafts {
            match d.finish(self.origin, tz, &mut self.cx.warnings) {
                Ok(s) => self.sessions.push(s),
                Err(e) => return self.fail(e),
            }
        }
        Ok(())
    }

    fn fail(&mut self, e: Error) -> std::result::Result<(), ()> {
        self.failed = Some(e);
        Err(())
    }

    fn into_draft(mut self) -> Result<Draft> {
        if !self.saw_schedule || !self.saw_conference {
            let missing = if self.saw_schedule {
                "conference"
            } else {
                "schedule"
            };
            return Err(Error::parse(
                self.origin,
                0,
                format!("not {WHAT} (no `{missing}` object)"),
            ));
        }
        Ok(Draft {
            zone: self.settle_zone(),
            title: self.title,
            acronym: self.acronym,
            rooms: self.rooms,
            sessions: self.sessions,
            ..Draft::default()
        })
    }
}

/// An event as the structured importers collect it (its room, when it names none, the one it
/// is listed under).
fn event(ev: Ev<'_>, listed_in: &str) -> EventDraft {
    let ev_room = ev.room.text();
    EventDraft {
        id: ev.id.text(),
        guid: ev.guid.text(),
        title: owned(ev.title),
        subtitle: owned(ev.subtitle),
        speakers: ev
            .persons
            .unwrap_or_default()
            .into_iter()
            .map(Person::name)
            .collect(),
        abstract_text: owned(ev.abstract_text),
        description: owned(ev.description),
        room: if ev_room.trim().is_empty() {
            listed_in.to_string()
        } else {
            ev_room
        },
        track: ev.track.text(),
        kind: ev.kind.text(),
        url: ev.url.text(),
        links: ev
            .links
            .unwrap_or_default()
            .into_iter()
            .map(|l| (owned(l.url), owned(l.title)))
            .collect(),
        do_not_record: match ev.do_not_record {
            Scalar::Bool(b) => Some(b),
            Scalar::Text(t) => Some(t.trim() == "true"),
            Scalar::Number(n) => Some(n != "0"),
            Scalar::Null => None,
        },
        date: ev.date.text(),
        start: ev.start.text(),
        duration: ev.duration.text(),
        ..EventDraft::default()
    }
}

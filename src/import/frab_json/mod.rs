//! frab / c3voc JSON (`schedule.conference.days[].rooms{name: [events]}`), including pretalx's
//! variant (persons with code and biography), and the c3voc schedule v2 (`schedule.events[]`
//! with start and end date-times, localized texts, rooms and tracks by reference). Read as a walk (serde seeds) that turns each
//! event into a session as it goes, so neither a tree of values nor a list of all the raw
//! events is built; from a file it is read as a stream.

mod cut;
mod fields;
mod parts;
mod stream;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use serde::de::DeserializeSeed;

use super::draft::Draft as EventDraft;
use super::three_parts::ThreeParts;
use super::{Context, Draft};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Session, Stamp};
use crate::text;
use fields::{Ev, Named, Person, Scalar, V2Ev, owned};

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
    has_key(head, "schedule")
}

/// Whether `"key"` appears as a key (followed by a colon) in the start of a JSON text.
pub(crate) fn has_key(head: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    head.match_indices(&quoted)
        .any(|(at, _)| head[at + quoted.len()..].trim_start().starts_with(':'))
}

/// What the errors call this format.
const WHAT: &str = "a frab/c3voc JSON schedule";

/// Reads a frab/c3voc JSON schedule held in memory into a draft (strings borrowed where the
/// JSON has no escapes), a large one in two parts at once.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    parts::read_text(input, origin, cx)
}

/// Reads the first `len` bytes of `src`, a frab/c3voc JSON file, as a stream (memory holds
/// the sessions, not the file), a large one in two parts at once.
pub(super) fn read_at<S: super::at::ReadAt + ?Sized>(
    src: &S,
    len: u64,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft> {
    parts::read_file(src, len, origin, cx)
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
    sink.walk(de)?;
    sink.into_draft()
}

impl Sink<'_> {
    /// Walks the whole text `de` reads (or up to where this part stops).
    fn walk<'de, R: serde_json::de::Read<'de>>(
        &mut self,
        de: &mut serde_json::Deserializer<R>,
    ) -> Result<()> {
        let walked = stream::Root(&mut *self)
            .deserialize(&mut *de)
            .and_then(|()| de.end());
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        walked.map_err(|e| json_error(&e, self.origin, WHAT))
    }
}

/// One day as it is read: its date and start (which may come after its rooms), and the drafts
/// of its events.
#[derive(Default)]
struct DayFields {
    date: String,
    start: String,
    end: String,
    drafts: Vec<EventDraft>,
    /// The date and start the day's events were made sessions with as they were read (both
    /// named before the rooms, as every file seen does), so a day's drafts need not wait;
    /// with them as read, parsed once for the day.
    read_with: Option<(String, String)>,
    parsed: Option<(NaiveDate, Option<DateTime<FixedOffset>>)>,
}

/// A conference day as v2 events are placed in it: its date, start and end.
struct Span {
    date: NaiveDate,
    start: Option<DateTime<FixedOffset>>,
    end: Option<DateTime<FixedOffset>>,
}

/// A v2 event read, waiting for the end of the file to have its room and track named from the
/// conference's lists.
struct V2Draft {
    draft: EventDraft,
    room: Named,
    track: Named,
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
    /// The conference's own list of rooms and tracks (v2 events refer to them).
    listed_rooms: Vec<Named>,
    tracks: Vec<Named>,
    /// The days as read, for placing v2 events.
    spans: Vec<Span>,
    /// v2 events, finished when the file is read.
    v2: Vec<V2Draft>,
    three_parts: ThreeParts,
    /// The part of the file this walk reads (all of it, or one of two).
    part: parts::Part<'c>,
    /// Events of rooms' lists begun.
    events_read: u64,
    /// The walk stopped where the first of two parts ends.
    at_cut: bool,
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
            listed_rooms: Vec::new(),
            tracks: Vec::new(),
            spans: Vec::new(),
            v2: Vec::new(),
            three_parts: ThreeParts::default(),
            part: parts::Part::Whole,
            events_read: 0,
            at_cut: false,
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

    /// An event read: a session at once when its day's date and start and the zone are known
    /// and no draft of the day waits (so sessions keep the file's order), else a draft.
    fn event(&mut self, ev: Ev<'_>, listed_in: &str) -> std::result::Result<(), ()> {
        let mut draft = event(ev, listed_in);
        let known = self.zone.is_some() || self.zone_name.is_some();
        let day = &mut self.day;
        if day.parsed.is_none()
            && known
            && !day.start.is_empty()
            && day.drafts.is_empty()
            && let Ok(date) = NaiveDate::parse_from_str(day.date.trim(), "%Y-%m-%d")
        {
            let start = DateTime::parse_from_rfc3339(day.start.trim()).ok();
            day.parsed = Some((date, start));
            day.read_with = Some((day.date.clone(), day.start.clone()));
        }
        match day.parsed {
            Some((date, start)) => {
                draft.day = Some(date);
                draft.day_start = start;
                self.finish(vec![draft])
            }
            None => {
                day.drafts.push(draft);
                Ok(())
            }
        }
    }

    fn v2_event(&mut self, ev: V2Ev<'_>) {
        self.v2.push(v2_event(ev));
    }

    /// The day is read: its drafts get its date and start, and become sessions when the zone
    /// is known.
    fn day_done(&mut self) -> std::result::Result<(), ()> {
        let day = std::mem::take(&mut self.day);
        if let Some((date, start)) = &day.read_with
            && (*date != day.date || *start != day.start)
        {
            let message = format!(
                "day {} names its date or start twice, differently ({} before its rooms, {} after): give each once",
                self.days,
                message::quote(&format!("{date} {start}")),
                message::quote(&format!("{} {}", day.date, day.start)),
            );
            return self.fail(Error::parse(self.origin, 0, message));
        }
        let Ok(date) = NaiveDate::parse_from_str(day.date.trim(), "%Y-%m-%d") else {
            let message = format!(
                "day {} has date {}, not YYYY-MM-DD",
                self.days,
                message::quote(&day.date)
            );
            return self.fail(Error::parse(self.origin, 0, message));
        };
        let start = DateTime::parse_from_rfc3339(day.start.trim()).ok();
        self.spans.push(Span {
            date,
            start,
            end: DateTime::parse_from_rfc3339(day.end.trim()).ok(),
        });
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
            self.three_parts.note(&d, self.sessions.len());
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

    /// The v2 events become sessions: each room and track named from the conference's lists,
    /// each placed in the day it starts in. An event the v1 days already gave (the same guid)
    /// is not read twice.
    fn finish_v2(&mut self) -> Result<()> {
        let tz = self.settle_zone();
        let seen: HashSet<String> = if self.sessions.is_empty() {
            HashSet::new()
        } else {
            self.sessions
                .iter()
                .filter_map(|s| s.guid.as_deref().map(str::to_string))
                .collect()
        };
        let rooms = Lookup::new(&self.listed_rooms);
        let tracks = Lookup::new(&self.tracks);
        let mut used = HashSet::new();
        for v in std::mem::take(&mut self.v2) {
            let mut d = v.draft;
            if !d.guid.is_empty() && seen.contains(d.guid.trim()) {
                continue;
            }
            d.room = rooms.name(&v.room);
            d.track = tracks.name(&v.track);
            if !used.contains(&d.room) {
                used.insert(d.room.clone());
            }
            let start = Stamp::parse(d.date.trim());
            if let Some(span) = start.and_then(|at| place(&self.spans, &at)) {
                d.day = Some(span.date);
                d.day_start = span.start;
            }
            // Parsed once here; the draft need not read the text again.
            d.start_at = start;
            if let Some(end) = Stamp::parse(d.end.trim()) {
                d.end_at = Some(end);
                d.end.clear();
            }
            self.three_parts.note(&d, self.sessions.len());
            let session = d.finish(self.origin, tz, &mut self.cx.warnings)?;
            self.sessions.push(session);
        }
        // Rooms in the conference's order, then any it does not list.
        let listed: Vec<String> = self.listed_rooms.iter().map(|r| r.name.clone()).collect();
        for name in listed {
            if used.remove(&name) {
                self.room(&name);
            }
        }
        Ok(())
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
        self.finish_v2()?;
        let mut sessions = std::mem::take(&mut self.sessions);
        std::mem::take(&mut self.three_parts).settle(&mut sessions, &mut self.cx.warnings);
        Ok(Draft {
            zone: self.settle_zone(),
            title: self.title,
            acronym: self.acronym,
            rooms: self.rooms,
            sessions,
            track_colours: self
                .tracks
                .iter()
                .filter(|t| !t.colour.trim().is_empty())
                .map(|t| (t.name.clone(), t.colour.clone()))
                .collect(),
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
        language: ev.language.text(),
        ..EventDraft::default()
    }
}

/// A v2 event as the structured importers collect it; its room and track wait for the
/// conference's lists.
fn v2_event(ev: V2Ev<'_>) -> V2Draft {
    let language = ev.language.text();
    let speakers: Vec<String> = match ev.participants {
        Some(ps) => ps
            .into_iter()
            .filter(fields::Participant::presents)
            .map(|p| owned(p.name))
            .collect(),
        None => ev
            .persons
            .unwrap_or_default()
            .into_iter()
            .map(Person::name)
            .collect(),
    };
    let cancelled = match &ev.state {
        Scalar::Text(t) => t.to_ascii_lowercase().contains("cancel"),
        _ => false,
    };
    let draft = EventDraft {
        id: match ev.id.text() {
            id if id.trim().is_empty() => ev.code.text(),
            id => id,
        },
        guid: ev.guid.text(),
        title: ev.title.pick(&language),
        subtitle: ev.subtitle.pick(&language),
        speakers,
        abstract_text: ev.abstract_text.pick(&language),
        description: ev.description.pick(&language),
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
            _ => None,
        },
        date: ev.start.text(),
        end: ev.end.text(),
        duration: ev.duration.text(),
        cancelled,
        language,
        ..EventDraft::default()
    };
    V2Draft {
        draft,
        room: ev.room,
        track: ev.track,
    }
}

/// Names a v2 reference by a conference list: by guid, else slug, else its own name.
struct Lookup<'n> {
    by_guid: HashMap<&'n str, &'n str>,
    by_slug: HashMap<&'n str, &'n str>,
}

impl<'n> Lookup<'n> {
    fn new(list: &'n [Named]) -> Self {
        let pairs = |key: fn(&Named) -> &str| {
            list.iter()
                .filter(|n| !key(n).is_empty() && !n.name.is_empty())
                .map(move |n| (key(n), n.name.as_str()))
                .collect()
        };
        Lookup {
            by_guid: pairs(|n| n.guid.as_str()),
            by_slug: pairs(|n| n.slug.as_str()),
        }
    }

    fn name(&self, r: &Named) -> String {
        if !r.name.trim().is_empty() {
            return r.name.clone();
        }
        self.by_guid
            .get(r.guid.as_str())
            .or_else(|| self.by_slug.get(r.slug.as_str()))
            .map_or_else(|| r.slug.clone(), |n| (*n).to_string())
    }
}

/// The day an event starting at `at` is in: the one whose span holds it, else the one with its
/// date.
fn place<'s>(spans: &'s [Span], at: &Stamp) -> Option<&'s Span> {
    let utc = at.utc();
    spans
        .iter()
        .find(|s| match (s.start, s.end) {
            (Some(a), Some(b)) => a <= utc && utc < b,
            _ => false,
        })
        .or_else(|| spans.iter().find(|s| s.date == at.date()))
}

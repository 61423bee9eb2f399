//! Pentabarf / frab XML (FOSDEM, CCC, wafer and every frab- or pretalx-run event), read as a
//! stream with quick-xml: `schedule/conference`, `day[@date]`, `room[@name]`, `event[@id @guid]`,
//! and the old layout with events directly under `day`. A large file is read in two parts at
//! once ([`parts`]).

use std::collections::HashMap;
use std::io::BufRead;

use chrono::{DateTime, FixedOffset, NaiveDate};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::draft::Draft as EventDraft;
use super::three_parts::ThreeParts;
use super::{Context, Draft, ENDS_EARLY};
use crate::error::{Error, Result};
use crate::message;
use crate::model::Session;
use crate::text;

mod parts;
pub use super::at::ReadAt;
pub(super) use parts::read_at;

/// An error at a byte offset of the XML; the caller, who has the bytes, turns the offset into a
/// line (so the happy path never counts lines).
#[derive(Debug)]
pub struct XmlError {
    pub offset: u64,
    pub message: String,
}

/// The 1-based line of a byte offset in `text`.
pub fn line_at(text: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    memchr::memchr_iter(b'\n', &text[..end]).count() + 1
}

/// A name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|b| *b == b':').next().unwrap_or(name)
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The elements lineup reads; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Schedule,
    Conference,
    Day,
    Room,
    Event,
    Title,
    Subtitle,
    Start,
    Duration,
    Date,
    Track,
    Type,
    Abstract,
    Description,
    Url,
    Persons,
    Person,
    Links,
    Link,
    Recording,
    Optout,
    Acronym,
    Venue,
    City,
    TimeZoneName,
    Language,
    Other,
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        match name {
            b"schedule" => Tag::Schedule,
            b"conference" => Tag::Conference,
            b"day" => Tag::Day,
            b"room" => Tag::Room,
            b"event" => Tag::Event,
            b"title" => Tag::Title,
            b"subtitle" => Tag::Subtitle,
            b"start" => Tag::Start,
            b"duration" => Tag::Duration,
            b"date" => Tag::Date,
            b"track" => Tag::Track,
            b"type" => Tag::Type,
            b"abstract" => Tag::Abstract,
            b"description" => Tag::Description,
            b"url" => Tag::Url,
            b"persons" => Tag::Persons,
            b"person" => Tag::Person,
            b"links" => Tag::Links,
            b"link" => Tag::Link,
            b"recording" => Tag::Recording,
            b"optout" => Tag::Optout,
            b"acronym" => Tag::Acronym,
            b"venue" => Tag::Venue,
            b"city" => Tag::City,
            b"time_zone_name" => Tag::TimeZoneName,
            b"language" => Tag::Language,
            _ => Tag::Other,
        }
    }
}

#[derive(Default)]
struct Conf {
    title: String,
    acronym: String,
    venue: String,
    city: String,
    time_zone_name: String,
    /// `<track color="#F9B000">Art</track>` (or `name="Art"`) outside the events: the track's
    /// name attribute and colour while it is open, then every track's colour.
    track_open: Option<(String, String)>,
    track_colours: Vec<(String, String)>,
}

/// Reads a Pentabarf/frab XML schedule held in memory.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    read_reader(input.as_bytes(), origin, cx)
        .map_err(|e| Error::parse(origin, line_at(input.as_bytes(), e.offset), e.message))
}

/// Reads a Pentabarf/frab XML schedule as a stream (a large file never sits in memory whole).
/// Errors carry a byte offset for the caller to turn into a line.
pub(super) fn read_reader<R: BufRead>(
    src: R,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft, XmlError> {
    let mut walk = Walk::new(src, Parser::new(origin, std::mem::take(cx)), 0, 0);
    let read = walk.run(|_, _| false).and_then(|_| walk.finish());
    *cx = std::mem::take(&mut walk.p.cx);
    read
}

/// A reader and the parser it feeds, which can stop between two events and go on later.
struct Walk<'a, R> {
    reader: Reader<R>,
    p: Parser<'a>,
    evbuf: Vec<u8>,
    /// Where in the file the reader's first byte after `lead` is.
    from: u64,
    /// Bytes the reader is given before the file's: the start tags a part begins inside.
    lead: u64,
}

impl<'a, R: BufRead> Walk<'a, R> {
    fn new(src: R, p: Parser<'a>, from: u64, lead: u64) -> Self {
        let mut reader = Reader::from_reader(src);
        reader.config_mut().trim_text(false);
        Walk {
            reader,
            p,
            evbuf: Vec::new(),
            from,
            lead,
        }
    }

    /// The file's offset of the reader's position `pos` (the start of a part's file bytes
    /// while it reads its lead).
    fn offset(&self, pos: u64) -> u64 {
        (pos + self.from).saturating_sub(self.lead).max(self.from)
    }

    /// Reads events until the file ends (`false`) or `halt`, asked before each event with the
    /// reader's position there (the file's offset, for a walk without a lead), says to stop
    /// (`true`).
    fn run(&mut self, mut halt: impl FnMut(u64, &Parser<'a>) -> bool) -> Result<bool, XmlError> {
        loop {
            if halt(self.reader.buffer_position(), &self.p) {
                return Ok(true);
            }
            let pos = self.offset(self.reader.buffer_position());
            self.evbuf.clear();
            let p = &mut self.p;
            let ev = match self.reader.read_event_into(&mut self.evbuf) {
                Ok(ev) => ev,
                Err(e) => {
                    let at = (self.reader.error_position() + self.from).saturating_sub(self.lead);
                    return Err(p.fail(at, well_formed(&e)));
                }
            };
            match ev {
                Event::Start(ref e) => p.open(e, pos, false)?,
                Event::Empty(ref e) => p.open(e, pos, true)?,
                Event::Text(t) => p.buf.push_str(&t.decode().map_err(|_| p.not_utf8(pos))?),
                Event::CData(t) => p
                    .buf
                    .push_str(std::str::from_utf8(&t).map_err(|_| p.not_utf8(pos))?),
                Event::GeneralRef(r) => p.reference(&r),
                Event::End(_) => p.close(pos)?,
                Event::Eof => return Ok(false),
                _ => {}
            }
        }
    }

    /// The draft of everything read, once the file has ended.
    fn finish(&mut self) -> Result<Draft, XmlError> {
        let end = self.offset(self.reader.buffer_position());
        self.p.finish(end)
    }
}

/// quick-xml's complaint in one short sentence; input that stops inside markup ends early.
fn well_formed(e: &quick_xml::Error) -> String {
    match e {
        quick_xml::Error::Syntax(_) => ENDS_EARLY.to_string(),
        other => format!(
            "not well-formed XML ({})",
            message::foreign(&other.to_string())
        ),
    }
}

/// The reader's state between events.
struct Parser<'a> {
    origin: &'a str,
    cx: Context,
    stack: Vec<Tag>,
    /// The names of the open elements as written, end to end, and where each ends: what the
    /// reader checks closing tags against.
    names: Vec<u8>,
    name_ends: Vec<usize>,
    /// The root element's start tag as written (without `<` and `>`).
    root: Vec<u8>,
    /// Something outside the events told the conference (its header, a track's colour).
    told_conference: bool,
    /// Text of the element being read.
    buf: String,
    conf: Conf,
    day: Option<NaiveDate>,
    day_start: Option<DateTime<FixedOffset>>,
    room_name: String,
    rooms: Vec<String>,
    draft: Option<EventDraft>,
    draft_pos: u64,
    link_href: String,
    sessions: Vec<Session>,
    /// The zone, settled at the first event (the conference header comes before the days).
    zone: Option<Option<chrono_tz::Tz>>,
    saw_schedule: bool,
    /// How the file writes three-part durations.
    three_parts: ThreeParts,
    /// The elements seen before the first event, to say what a file without events holds.
    shape: Shape,
}

/// The root and the count of each element name, kept until the first event is read (so a
/// file of an unknown shape can be told what it holds, at no cost to one that reads).
#[derive(Default)]
struct Shape {
    root: Option<String>,
    counts: HashMap<Vec<u8>, usize>,
}

impl Shape {
    fn see(&mut self, name: &[u8]) {
        if self.root.is_none() {
            self.root = Some(String::from_utf8_lossy(name).into_owned());
        } else if self.counts.len() < 1000 || self.counts.contains_key(name) {
            *self.counts.entry(name.to_vec()).or_default() += 1;
        }
    }

    /// The element there is most of, with its count, when there are several (`foreign`: only
    /// elements outside the schedule's vocabulary).
    fn most(&self, foreign: bool) -> Option<(String, usize)> {
        self.counts
            .iter()
            .filter(|(name, n)| **n > 1 && (!foreign || Tag::of(local(name)) == Tag::Other))
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(name, n)| (String::from_utf8_lossy(name).into_owned(), *n))
    }

    /// What the file holds, for a message: "root <feed>, 120 <entry> elements".
    fn words(&self, foreign: bool) -> String {
        // Names come from the file: quoted, so no control character reaches a terminal.
        let tag = |name: &str| crate::message::quote(&format!("<{name}>"));
        let root = tag(self.root.as_deref().unwrap_or(""));
        match self.most(foreign) {
            Some((name, n)) => format!("root {root}, with {n} {} elements", tag(&name)),
            None => format!("root {root}"),
        }
    }
}

impl<'a> Parser<'a> {
    fn new(origin: &'a str, cx: Context) -> Self {
        Parser {
            origin,
            cx,
            stack: Vec::new(),
            names: Vec::new(),
            name_ends: Vec::new(),
            root: Vec::new(),
            told_conference: false,
            buf: String::new(),
            conf: Conf::default(),
            day: None,
            day_start: None,
            room_name: String::new(),
            rooms: Vec::new(),
            draft: None,
            draft_pos: 0,
            link_href: String::new(),
            sessions: Vec::new(),
            zone: None,
            saw_schedule: false,
            three_parts: ThreeParts::default(),
            shape: Shape::default(),
        }
    }

    fn fail(&self, offset: u64, message: String) -> XmlError {
        XmlError { offset, message }
    }

    fn not_utf8(&self, pos: u64) -> XmlError {
        self.fail(
            pos,
            "the file is not UTF-8 text; convert it to UTF-8 first".into(),
        )
    }

    fn open(&mut self, e: &BytesStart, pos: u64, empty: bool) -> Result<(), XmlError> {
        if self.sessions.is_empty() && self.draft.is_none() {
            self.shape.see(e.name().as_ref());
        }
        let name = Tag::of(e.local_name().as_ref());
        self.buf.clear();
        if self.stack.is_empty() && self.root.is_empty() {
            self.root = e.to_vec();
        }
        match name {
            Tag::Schedule => self.saw_schedule = true,
            // A schedule's word inside an event (`<day>1</day>` in a generated file) is one of
            // the event's own fields, not the schedule's structure.
            Tag::Day if self.draft.is_none() => {
                let date = attr(e, b"date").unwrap_or_default();
                let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
                    self.fail(
                        pos,
                        format!("day date {} is not YYYY-MM-DD", message::quote(&date)),
                    )
                })?;
                self.day = Some(day);
                self.day_start =
                    attr(e, b"start").and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok());
            }
            Tag::Room if self.draft.is_none() => {
                self.room_name = attr(e, b"name").unwrap_or_default();
                self.rooms.push(text::clean_line(&self.room_name));
            }
            Tag::Event if self.draft.is_none() => {
                self.draft = Some(EventDraft {
                    id: attr(e, b"id").unwrap_or_default(),
                    guid: attr(e, b"guid").unwrap_or_default(),
                    room: self.room_name.clone(),
                    day: self.day,
                    day_start: self.day_start,
                    ..EventDraft::default()
                });
                self.draft_pos = pos;
            }
            Tag::Link => self.link_href = attr(e, b"href").unwrap_or_default(),
            Tag::Track if self.draft.is_none() => {
                self.told_conference = true;
                let colour = attr(e, b"color").unwrap_or_default();
                let named = attr(e, b"name").unwrap_or_default();
                if empty {
                    self.conf.track_colours.push((named, colour));
                } else {
                    self.conf.track_open = Some((named, colour));
                }
            }
            _ => {}
        }
        if !empty {
            self.stack.push(name);
            self.names.extend_from_slice(e.name().as_ref());
            self.name_ends.push(self.names.len());
        } else if name == Tag::Room && self.draft.is_none() {
            self.room_name.clear();
        }
        Ok(())
    }

    fn reference(&mut self, r: &quick_xml::events::BytesRef) {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            self.buf.push(c);
            return;
        }
        let name = r.xml_content().unwrap_or_default();
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(s) => self.buf.push_str(s),
            None => {
                self.buf.push('&');
                self.buf.push_str(&name);
                self.buf.push(';');
            }
        }
    }

    fn close(&mut self, pos: u64) -> Result<(), XmlError> {
        let Some(name) = self.stack.pop() else {
            return Err(self.fail(pos, "a closing tag without an opening one".into()));
        };
        self.name_ends.pop();
        self.names
            .truncate(self.name_ends.last().copied().unwrap_or(0));
        let parent = self.stack.last().copied().unwrap_or(Tag::Other);
        // An exact-size copy; `buf` keeps its capacity for the next element.
        let value = self.buf.as_str().to_owned();
        self.buf.clear();
        if name == Tag::Event && !self.stack.contains(&Tag::Event) {
            return self.end_event();
        }
        if let Some(d) = self.draft.as_mut() {
            match (parent, name) {
                (Tag::Event, Tag::Title) => d.title = value,
                (Tag::Event, Tag::Subtitle) => d.subtitle = value,
                (Tag::Event, Tag::Start) => d.start = value,
                (Tag::Event, Tag::Duration) => d.duration = value,
                (Tag::Event, Tag::Date) => d.date = value,
                (Tag::Event, Tag::Room) if !value.trim().is_empty() => d.room = value,
                (Tag::Event, Tag::Track) => d.track = value,
                (Tag::Event, Tag::Type) => d.kind = value,
                (Tag::Event, Tag::Abstract) => d.abstract_text = value,
                (Tag::Event, Tag::Description) => d.description = value,
                (Tag::Event, Tag::Url) => d.url = value,
                (Tag::Event, Tag::Language) => d.language = value,
                (Tag::Persons, Tag::Person) => d.speakers.push(value),
                (Tag::Links, Tag::Link) => {
                    d.links.push((std::mem::take(&mut self.link_href), value))
                }
                (Tag::Recording, Tag::Optout) => d.do_not_record = Some(value.trim() == "true"),
                _ => {}
            }
        } else if name == Tag::Track
            && let Some((named, colour)) = self.conf.track_open.take()
        {
            let track = if named.trim().is_empty() {
                value
            } else {
                named
            };
            self.conf.track_colours.push((track, colour));
        } else if parent == Tag::Conference {
            self.told_conference = true;
            match name {
                Tag::Title => self.conf.title = value,
                Tag::Acronym => self.conf.acronym = value,
                Tag::Venue => self.conf.venue = value,
                Tag::City => self.conf.city = value,
                Tag::TimeZoneName => self.conf.time_zone_name = value,
                _ => {}
            }
        } else if name == Tag::Room {
            self.room_name.clear();
        }
        Ok(())
    }

    fn end_event(&mut self) -> Result<(), XmlError> {
        let Some(d) = self.draft.take() else {
            return Ok(());
        };
        let tz = match self.zone {
            Some(z) => z,
            None => *self.zone.insert(self.cx.zone(&self.conf.time_zone_name)),
        };
        self.three_parts.note(&d, self.sessions.len());
        let session = d
            .finish(self.origin, tz, &mut self.cx.warnings)
            .map_err(|e| match e {
                Error::Parse { message, .. } => self.fail(self.draft_pos, message),
                other => self.fail(self.draft_pos, other.to_string()),
            })?;
        self.sessions.push(session);
        Ok(())
    }

    fn finish(&mut self, end: u64) -> Result<Draft, XmlError> {
        if !self.saw_schedule {
            return Err(self.fail(
                0,
                format!(
                    "not a Pentabarf/frab schedule (no <schedule> element): an XML file of an unknown shape, {}",
                    self.shape.words(false)
                ),
            ));
        }
        if self.sessions.is_empty() && self.shape.most(true).is_some_and(|(_, n)| n >= 3) {
            return Err(self.fail(
                0,
                format!(
                    "no <event> elements: a <schedule> of an unknown shape, {}; lineup reads schedule/day/room/event",
                    self.shape.words(true)
                ),
            ));
        }
        if !self.stack.is_empty() {
            return Err(self.fail(end, ENDS_EARLY.into()));
        }
        let zone = match self.zone {
            Some(z) => z,
            None => self.cx.zone(&self.conf.time_zone_name),
        };
        let mut sessions = std::mem::take(&mut self.sessions);
        std::mem::take(&mut self.three_parts).settle(&mut sessions, &mut self.cx.warnings);
        let conf = std::mem::take(&mut self.conf);
        let venue = [conf.venue.trim(), conf.city.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        Ok(Draft {
            title: conf.title,
            acronym: conf.acronym,
            venue: Some(venue),
            zone,
            rooms: std::mem::take(&mut self.rooms),
            sessions,
            track_colours: conf.track_colours,
            ..Draft::default()
        })
    }
}

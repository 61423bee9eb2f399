//! Pentabarf / frab XML (FOSDEM, CCC and every frab- or pretalx-run event), read as a stream
//! with quick-xml: `schedule/conference`, `day[@date]`, `room[@name]`, `event[@id @guid]`, and
//! the old layout with events directly under `day`.

use std::io::BufRead;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::draft::Draft;
use crate::error::{Error, Result};
use crate::model::{Conference, Schedule};
use crate::text;

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
}

/// Reads a Pentabarf/frab XML schedule held in memory. `tz` is used when the file names no zone.
pub fn parse(input: &str, origin: &str, tz: Option<Tz>) -> Result<(Schedule, Vec<String>)> {
    parse_reader(input.as_bytes(), origin, tz)
        .map_err(|e| Error::parse(origin, line_at(input.as_bytes(), e.offset), e.message))
}

/// Reads a Pentabarf/frab XML schedule as a stream (a large file never sits in memory whole).
/// Errors carry a byte offset for the caller to turn into a line.
pub fn parse_reader<R: BufRead>(
    src: R,
    origin: &str,
    tz: Option<Tz>,
) -> Result<(Schedule, Vec<String>), XmlError> {
    let mut reader = Reader::from_reader(src);
    reader.config_mut().trim_text(false);
    let mut evbuf: Vec<u8> = Vec::new();
    let fail = |offset: u64, message: String| XmlError { offset, message };
    let mut stack: Vec<Tag> = Vec::new();
    let mut buf = String::new();
    let mut conf = Conf::default();
    let mut day: Option<NaiveDate> = None;
    let mut day_start: Option<NaiveTime> = None;
    let mut room_name = String::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut seen_rooms: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut draft: Option<Draft> = None;
    let mut link_href = String::new();
    let mut sessions = Vec::new();
    let mut warnings = Vec::new();
    let mut zone: Option<Option<Tz>> = None;
    let mut saw_schedule = false;
    let mut draft_pos: u64 = 0;

    loop {
        evbuf.clear();
        let pos = reader.buffer_position();
        let ev = reader.read_event_into(&mut evbuf).map_err(|e| {
            fail(
                reader.error_position(),
                format!("not well-formed XML ({e})"),
            )
        })?;
        let not_utf8 = || {
            fail(
                pos,
                "the file is not UTF-8 text; convert it to UTF-8 first".into(),
            )
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = Tag::of(e.local_name().as_ref());
                buf.clear();
                match name {
                    Tag::Schedule => saw_schedule = true,
                    Tag::Day => {
                        let date = attr(e, b"date").unwrap_or_default();
                        day = Some(NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(
                            |_| fail(pos, format!("day date `{date}` is not YYYY-MM-DD")),
                        )?);
                        day_start = attr(e, b"start").and_then(|s| {
                            chrono::DateTime::parse_from_rfc3339(s.trim())
                                .ok()
                                .map(|d| d.time())
                        });
                    }
                    Tag::Room if draft.is_none() => {
                        room_name = attr(e, b"name").unwrap_or_default();
                        let clean = text::clean_line(&room_name);
                        if !clean.is_empty() && !seen_rooms.contains(&clean) {
                            seen_rooms.insert(clean.clone());
                            rooms.push(clean);
                        }
                    }
                    Tag::Event => {
                        draft = Some(Draft {
                            id: attr(e, b"id").unwrap_or_default(),
                            guid: attr(e, b"guid").unwrap_or_default(),
                            room: room_name.clone(),
                            day,
                            day_start,
                            ..Draft::default()
                        });
                        draft_pos = pos;
                    }
                    Tag::Link => link_href = attr(e, b"href").unwrap_or_default(),
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                } else if name == Tag::Room && draft.is_none() {
                    room_name.clear();
                }
            }
            Event::Text(t) => buf.push_str(&t.decode().map_err(|_| not_utf8())?),
            Event::CData(t) => buf.push_str(std::str::from_utf8(&t).map_err(|_| not_utf8())?),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    buf.push(c);
                } else {
                    let name = r.xml_content().unwrap_or_default();
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => buf.push_str(s),
                        None => {
                            buf.push('&');
                            buf.push_str(&name);
                            buf.push(';');
                        }
                    }
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else {
                    return Err(fail(pos, "a closing tag without an opening one".into()));
                };
                let parent = stack.last().copied().unwrap_or(Tag::Other);
                // An exact-size copy; `buf` keeps its capacity for the next element.
                let value = buf.as_str().to_owned();
                buf.clear();
                if name == Tag::Event {
                    if let Some(d) = draft.take() {
                        let tz =
                            *zone.get_or_insert_with(|| resolve_zone(&conf, tz, &mut warnings));
                        let session = d.finish(origin, tz).map_err(|e| match e {
                            Error::Parse { message, .. } => fail(draft_pos, message),
                            other => fail(draft_pos, other.to_string()),
                        })?;
                        sessions.push(session);
                    }
                } else if let Some(d) = draft.as_mut() {
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
                        (Tag::Persons, Tag::Person) => d.speakers.push(value),
                        (Tag::Links, Tag::Link) => {
                            d.links.push((std::mem::take(&mut link_href), value))
                        }
                        (Tag::Recording, Tag::Optout) => {
                            d.do_not_record = Some(value.trim() == "true")
                        }
                        _ => {}
                    }
                } else if parent == Tag::Conference {
                    match name {
                        Tag::Title => conf.title = value,
                        Tag::Acronym => conf.acronym = value,
                        Tag::Venue => conf.venue = value,
                        Tag::City => conf.city = value,
                        Tag::TimeZoneName => conf.time_zone_name = value,
                        _ => {}
                    }
                } else if name == Tag::Room {
                    room_name.clear();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_schedule {
        return Err(fail(
            0,
            "not a Pentabarf/frab schedule: no <schedule> element".into(),
        ));
    }
    if sessions.is_empty() {
        return Err(fail(
            reader.buffer_position(),
            "the schedule holds no events".into(),
        ));
    }
    let tz = zone.unwrap_or_else(|| resolve_zone(&conf, tz, &mut warnings));
    let title = text::clean_line(&conf.title);
    let venue = [conf.venue.trim(), conf.city.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let mut schedule = Schedule {
        conference: Conference {
            id: text::slug(if conf.acronym.trim().is_empty() {
                &title
            } else {
                &conf.acronym
            }),
            title: if title.is_empty() {
                origin.to_string()
            } else {
                title
            },
            time_zone: tz,
            venue: Some(venue).filter(|v| !v.is_empty()),
        },
        rooms,
        sessions,
    };
    warnings.extend(schedule.normalize());
    Ok((schedule, warnings))
}

/// The zone the file names, else `--tz`.
fn resolve_zone(conf: &Conf, tz: Option<Tz>, warnings: &mut Vec<String>) -> Option<Tz> {
    let name = conf.time_zone_name.trim();
    if name.is_empty() {
        return tz;
    }
    match name.parse::<Tz>() {
        Ok(z) => Some(z),
        Err(_) => {
            warnings.push(format!(
                "the schedule names an unknown time zone `{name}`; pass --tz"
            ));
            tz
        }
    }
}

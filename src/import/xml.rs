//! Pentabarf / frab XML (FOSDEM, CCC and every frab- or pretalx-run event), read as a stream
//! with quick-xml: `schedule/conference`, `day[@date]`, `room[@name]`, `event[@id @guid]`, and
//! the old layout with events directly under `day`.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::draft::Draft;
use crate::error::{Error, Result};
use crate::model::{Conference, Schedule};
use crate::text;

/// Counts lines up to a byte offset, incrementally (offsets only grow).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> usize {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if offset >= self.pos {
            self.line += self.text.as_bytes()[self.pos..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.pos = offset;
        }
        self.line
    }
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[derive(Default)]
struct Conf {
    title: String,
    acronym: String,
    venue: String,
    city: String,
    time_zone_name: String,
}

/// Reads a Pentabarf/frab XML schedule. `tz` is used when the file names no zone.
pub fn parse(input: &str, origin: &str, tz: Option<Tz>) -> Result<(Schedule, Vec<String>)> {
    let mut reader = Reader::from_str(input);
    reader.config_mut().trim_text(false);
    let mut lines = Lines {
        text: input,
        pos: 0,
        line: 1,
    };
    let mut stack: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut conf = Conf::default();
    let mut day: Option<NaiveDate> = None;
    let mut day_start: Option<NaiveTime> = None;
    let mut room_name = String::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut link_href = String::new();
    let mut sessions = Vec::new();
    let mut warnings = Vec::new();
    let mut zone: Option<Option<Tz>> = None;
    let mut saw_schedule = false;

    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| {
            let line = lines.at(reader.error_position());
            Error::parse(origin, line, format!("not well-formed XML ({e})"))
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                buf.clear();
                match name.as_str() {
                    "schedule" => saw_schedule = true,
                    "day" => {
                        let date = attr(e, b"date").unwrap_or_default();
                        day = Some(NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(
                            |_| {
                                Error::parse(
                                    origin,
                                    lines.at(pos),
                                    format!("day date `{date}` is not YYYY-MM-DD"),
                                )
                            },
                        )?);
                        day_start = attr(e, b"start").and_then(|s| {
                            chrono::DateTime::parse_from_rfc3339(s.trim())
                                .ok()
                                .map(|d| d.time())
                        });
                    }
                    "room" if draft.is_none() => {
                        room_name = attr(e, b"name").unwrap_or_default();
                        let clean = text::clean_line(&room_name);
                        if !clean.is_empty() && !rooms.contains(&clean) {
                            rooms.push(clean);
                        }
                    }
                    "event" => {
                        draft = Some(Draft {
                            id: attr(e, b"id").unwrap_or_default(),
                            guid: attr(e, b"guid").unwrap_or_default(),
                            room: room_name.clone(),
                            day,
                            day_start,
                            line: lines.at(pos),
                            ..Draft::default()
                        });
                    }
                    "link" => link_href = attr(e, b"href").unwrap_or_default(),
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                } else if name == "room" && draft.is_none() {
                    room_name.clear();
                }
            }
            Event::Text(t) => buf.push_str(&t.xml_content().unwrap_or_default()),
            Event::CData(t) => buf.push_str(&String::from_utf8_lossy(&t)),
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
                    return Err(Error::parse(
                        origin,
                        lines.at(pos),
                        "a closing tag without an opening one",
                    ));
                };
                let parent = stack.last().map_or("", String::as_str);
                let value = std::mem::take(&mut buf);
                if name == "event" {
                    if let Some(d) = draft.take() {
                        let tz =
                            *zone.get_or_insert_with(|| resolve_zone(&conf, tz, &mut warnings));
                        sessions.push(d.finish(origin, tz)?);
                    }
                } else if let Some(d) = draft.as_mut() {
                    match (parent, name.as_str()) {
                        ("event", "title") => d.title = value,
                        ("event", "subtitle") => d.subtitle = value,
                        ("event", "start") => d.start = value,
                        ("event", "duration") => d.duration = value,
                        ("event", "date") => d.date = value,
                        ("event", "room") if !value.trim().is_empty() => d.room = value,
                        ("event", "track") => d.track = value,
                        ("event", "type") => d.kind = value,
                        ("event", "abstract") => d.abstract_text = value,
                        ("event", "description") => d.description = value,
                        ("event", "url") => d.url = value,
                        ("persons", "person") => d.speakers.push(value),
                        ("links", "link") => d.links.push((std::mem::take(&mut link_href), value)),
                        ("recording", "optout") => d.do_not_record = Some(value.trim() == "true"),
                        _ => {}
                    }
                } else if parent == "conference" {
                    match name.as_str() {
                        "title" => conf.title = value,
                        "acronym" => conf.acronym = value,
                        "venue" => conf.venue = value,
                        "city" => conf.city = value,
                        "time_zone_name" => conf.time_zone_name = value,
                        _ => {}
                    }
                } else if name == "room" {
                    room_name.clear();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_schedule {
        return Err(Error::parse(
            origin,
            1,
            "not a Pentabarf/frab schedule: no <schedule> element",
        ));
    }
    if sessions.is_empty() {
        return Err(Error::parse(
            origin,
            lines.at(reader.buffer_position()),
            "the schedule holds no events",
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

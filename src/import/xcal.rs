//! xCal as pretalx and frab serve it (`schedule.xcal`: Pentabarf-style, properties as flat
//! elements of `vevent`, `pentabarf:` extras) and as RFC 6321 writes it (properties inside
//! `<properties>`, values inside a typed child such as `<date-time>`), read as a stream with
//! quick-xml.

use std::io::BufRead;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::draft::Draft as EventDraft;
use super::three_parts::ThreeParts;
use super::xml::{XmlError, line_at};
use super::{Context, Draft, ENDS_EARLY};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Session, Stamp};

/// Reads an xCal file held in memory.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    read_reader(input.as_bytes(), origin, cx)
        .map_err(|e| Error::parse(origin, line_at(input.as_bytes(), e.offset), e.message))
}

/// One property as read: its name (without a namespace prefix, `pentabarf:` kept apart), its
/// `tzid` parameter when it has one, and its text.
#[derive(Default)]
struct Property {
    name: String,
    pentabarf: bool,
    tzid: String,
    text: String,
}

/// What the reader keeps between elements.
struct Parser<'a> {
    origin: &'a str,
    cx: &'a mut Context,
    /// Local names of the open elements.
    stack: Vec<String>,
    /// Depth of the open `vevent`, when one is open.
    event_at: Option<usize>,
    draft: EventDraft,
    uid: String,
    pentabarf_title: String,
    pentabarf_duration: String,
    start_zone: String,
    property: Option<Property>,
    calname: String,
    caldesc: String,
    zone_name: String,
    saw_calendar: bool,
    sessions: Vec<Session>,
    rooms: Vec<String>,
    three_parts: ThreeParts,
}

/// Reads xCal as a stream. Errors carry a byte offset.
pub(super) fn read_reader<R: BufRead>(
    src: R,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft, XmlError> {
    let mut reader = Reader::from_reader(src);
    reader.config_mut().trim_text(false);
    let mut p = Parser {
        origin,
        cx,
        stack: Vec::new(),
        event_at: None,
        draft: EventDraft::default(),
        uid: String::new(),
        pentabarf_title: String::new(),
        pentabarf_duration: String::new(),
        start_zone: String::new(),
        property: None,
        calname: String::new(),
        caldesc: String::new(),
        zone_name: String::new(),
        saw_calendar: false,
        sessions: Vec::new(),
        rooms: Vec::new(),
        three_parts: ThreeParts::default(),
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let pos = reader.buffer_position();
        let ev = reader.read_event_into(&mut buf).map_err(|e| XmlError {
            offset: reader.error_position(),
            message: match e {
                quick_xml::Error::Syntax(_) => ENDS_EARLY.to_string(),
                other => format!(
                    "not well-formed XML ({})",
                    message::foreign(&other.to_string())
                ),
            },
        })?;
        match ev {
            Event::Start(ref e) => p.open(e, false),
            Event::Empty(ref e) => p.open(e, true),
            Event::Text(t) => {
                let text = t.decode().map_err(|_| not_utf8(pos))?;
                p.text(&text);
            }
            Event::CData(t) => {
                let text = std::str::from_utf8(&t)
                    .map_err(|_| not_utf8(pos))?
                    .to_string();
                p.text(&text);
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.xml_content().unwrap_or_default();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map_or_else(|| format!("&{name};"), str::to_string)
                    }
                };
                p.text(&s);
            }
            Event::End(_) => p.close(pos)?,
            Event::Eof => break,
            _ => {}
        }
    }
    if !p.stack.is_empty() {
        return Err(XmlError {
            offset: reader.buffer_position(),
            message: ENDS_EARLY.into(),
        });
    }
    p.finish()
}

fn not_utf8(pos: u64) -> XmlError {
    XmlError {
        offset: pos,
        message: "the file is not UTF-8 text; convert it to UTF-8 first".into(),
    }
}

/// The `tzid` parameter of a property element (an attribute, as Pentabarf writes it).
fn tzid(e: &BytesStart) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(b"tzid"))
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        .unwrap_or_default()
}

impl Parser<'_> {
    fn open(&mut self, e: &BytesStart, empty: bool) {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
        let prefixed = e
            .name()
            .prefix()
            .is_some_and(|p| p.as_ref() == b"pentabarf");
        match name.as_str() {
            "vcalendar" => self.saw_calendar = true,
            "vevent" if self.event_at.is_none() => {
                self.event_at = Some(self.stack.len());
                self.draft = EventDraft::default();
                self.uid.clear();
                self.pentabarf_title.clear();
                self.pentabarf_duration.clear();
                self.start_zone.clear();
            }
            "properties" | "components" | "parameters" => {}
            _ if self.property.is_none() && !empty => {
                // A property: directly in the event or calendar, or in its <properties>.
                let parent = self.stack.last().map(String::as_str);
                if matches!(parent, Some("vevent" | "vcalendar" | "properties")) {
                    self.property = Some(Property {
                        name: name.clone(),
                        pentabarf: prefixed,
                        tzid: tzid(e),
                        text: String::new(),
                    });
                }
            }
            _ => {}
        }
        if !empty {
            self.stack.push(name);
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(p) = self.property.as_mut() {
            // RFC 6321 puts a parameter's value in <parameters><tzid><text>: kept apart.
            if self.stack.iter().any(|s| s == "parameters") {
                if self.stack.iter().any(|s| s == "tzid") {
                    p.tzid.push_str(t);
                }
            } else {
                p.text.push_str(t);
            }
        }
    }

    fn close(&mut self, pos: u64) -> Result<(), XmlError> {
        let Some(name) = self.stack.pop() else {
            return Err(XmlError {
                offset: pos,
                message: "a closing tag without an opening one".into(),
            });
        };
        if self.property.as_ref().is_some_and(|p| p.name == name)
            && !self.stack.iter().any(|s| s == &name)
            && let Some(p) = self.property.take()
        {
            self.property_done(p);
        }
        if name == "vevent" && self.event_at == Some(self.stack.len()) {
            self.event_at = None;
            return self.event_done(pos);
        }
        Ok(())
    }

    fn property_done(&mut self, p: Property) {
        let value = p.text.trim().to_string();
        if self.event_at.is_none() {
            match p.name.as_str() {
                "x-wr-calname" => self.calname = value,
                "x-wr-caldesc" => self.caldesc = value,
                "x-wr-timezone" => self.zone_name = value,
                _ => {}
            }
            return;
        }
        let d = &mut self.draft;
        match (p.pentabarf, p.name.as_str()) {
            (true, "event-id") => d.id = value,
            (true, "title") => self.pentabarf_title = value,
            (true, "subtitle") => d.subtitle = value,
            (true, "language") if d.language.is_empty() => d.language = value,
            (true, "language-code") => d.language = value,
            (true, "track") => d.track = value,
            (false, "uid") => self.uid = value,
            (false, "summary") => d.title = value,
            (false, "description") => d.description = value,
            (false, "location") => d.room = value,
            (false, "url") => d.url = value,
            (false, "category" | "categories") if d.kind.is_empty() => d.kind = value,
            (false, "attendee") if !value.is_empty() => d.speakers.push(value),
            (false, "status") => d.cancelled = value.eq_ignore_ascii_case("cancelled"),
            (false, "dtstart") => {
                d.date = value;
                self.start_zone = p.tzid;
            }
            (false, "dtend") => d.end = value,
            (false, "duration") => self.pentabarf_duration = value,
            _ => {}
        }
    }

    /// The calendar's zone: its `X-WR-TIMEZONE`, else `--tz`.
    fn zone(&mut self) -> Option<Tz> {
        self.cx.zone(&self.zone_name.clone())
    }

    fn event_done(&mut self, pos: u64) -> Result<(), XmlError> {
        let tz = self.zone();
        let mut d = std::mem::take(&mut self.draft);
        if !self.pentabarf_title.is_empty() {
            d.title = std::mem::take(&mut self.pentabarf_title);
        }
        if d.id.trim().is_empty() {
            d.id = self.uid.split('@').next().unwrap_or("").to_string();
        }
        d.guid = std::mem::take(&mut self.uid);
        let start_tz = self.start_zone.trim().parse::<Tz>().ok().or(tz);
        d.date = date_time(&d.date, start_tz);
        d.end = date_time(&d.end, start_tz);
        if d.end.is_empty() {
            d.duration = duration(&self.pentabarf_duration);
        }
        if !d.room.trim().is_empty() && !self.rooms.contains(&d.room) {
            self.rooms.push(d.room.clone());
        }
        self.three_parts.note(&d, self.sessions.len());
        let session = d
            .finish(self.origin, tz, &mut self.cx.warnings)
            .map_err(|e| XmlError {
                offset: pos,
                message: match e {
                    Error::Parse { message, .. } => message,
                    other => other.to_string(),
                },
            })?;
        self.sessions.push(session);
        Ok(())
    }

    fn finish(mut self) -> Result<Draft, XmlError> {
        if !self.saw_calendar {
            return Err(XmlError {
                offset: 0,
                message: "not an xCal file: no <vcalendar> element".into(),
            });
        }
        let zone = self.zone();
        let mut sessions = std::mem::take(&mut self.sessions);
        self.three_parts
            .settle(&mut sessions, &mut self.cx.warnings);
        let title = if self.calname.trim().is_empty() {
            self.caldesc
        } else {
            self.calname
        };
        Ok(Draft {
            title,
            zone,
            rooms: self.rooms,
            sessions,
            ..Draft::default()
        })
    }
}

/// An iCalendar date-time (`20210402T100000`, `…Z`, or ISO as RFC 6321 writes it) as the
/// draft takes it: RFC 3339 when its instant is known, else a wall time to be placed in the
/// zone.
fn date_time(value: &str, tz: Option<Tz>) -> String {
    let v = value.trim();
    if v.is_empty() {
        return String::new();
    }
    let (basic, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (v, false),
    };
    let wall = NaiveDateTime::parse_from_str(basic, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(basic, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(basic, "%Y%m%dT%H%M"));
    match (wall, utc) {
        (Ok(w), true) => Stamp::zoned(w.and_utc()).to_rfc3339(),
        (Ok(w), false) => match tz {
            Some(_) => Stamp::local_lenient(w, tz).0.to_rfc3339(),
            None => w.format("%Y-%m-%dT%H:%M:%S").to_string(),
        },
        (Err(_), _) => v.to_string(),
    }
}

/// A duration as the draft takes it: ISO 8601 as it is, Pentabarf's `D.HMMSS` (`0.01500` is
/// 15 minutes) as `H:MM`.
fn duration(value: &str) -> String {
    let v = value.trim();
    let Some((days, rest)) = v.split_once('.') else {
        return v.to_string();
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(days) || !all_digits(rest) || rest.len() < 5 {
        return v.to_string();
    }
    let (hours, minutes) = rest.split_at(rest.len() - 4);
    let (Ok(d), Ok(h), Ok(m)) = (
        days.parse::<i64>(),
        hours.parse::<i64>(),
        minutes[..2].parse::<i64>(),
    ) else {
        return v.to_string();
    };
    format!("{}:{m:02}", d.saturating_mul(24).saturating_add(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pentabarf_durations_are_read() {
        assert_eq!(duration("0.01500"), "0:15");
        assert_eq!(duration("0.13000"), "1:30");
        assert_eq!(duration("1.020000"), "26:00");
        assert_eq!(duration("PT1H"), "PT1H");
    }

    #[test]
    fn ical_date_times_are_placed() {
        assert_eq!(
            date_time("20210402T100000Z", None),
            "2021-04-02T10:00:00+00:00"
        );
        assert_eq!(date_time("20210402T100000", None), "2021-04-02T10:00:00");
        let berlin: Tz = "Europe/Berlin".parse().unwrap_or(Tz::UTC);
        assert_eq!(
            date_time("20210402T100000", Some(berlin)),
            "2021-04-02T10:00:00+02:00"
        );
    }
}

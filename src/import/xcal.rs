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
    read_str(input, origin, cx)
        .map_err(|e| Error::parse(origin, line_at(input.as_bytes(), e.offset), e.message))
}

/// The elements the reader tells apart; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    VCalendar,
    VEvent,
    /// RFC 6321's wrappers.
    Properties,
    Components,
    Parameters,
    Tzid,
    Prop(Prop),
    Other,
}

/// The properties read (a `pentabarf:` one apart from a plain one of the same name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prop {
    CalName,
    CalDesc,
    Timezone,
    Uid,
    Summary,
    Description,
    Location,
    Url,
    Category,
    Attendee,
    Status,
    DtStart,
    DtEnd,
    Duration,
    EventId,
    Title,
    Subtitle,
    Language,
    LanguageCode,
    Track,
    Other,
}

impl Tag {
    fn of(e: &BytesStart) -> Tag {
        let name = e.local_name();
        let n = name.as_ref();
        let is = |s: &[u8]| n.eq_ignore_ascii_case(s);
        let pentabarf = e
            .name()
            .prefix()
            .is_some_and(|p| p.as_ref() == b"pentabarf");
        if pentabarf {
            return Tag::Prop(if is(b"event-id") {
                Prop::EventId
            } else if is(b"title") {
                Prop::Title
            } else if is(b"subtitle") {
                Prop::Subtitle
            } else if is(b"language") {
                Prop::Language
            } else if is(b"language-code") {
                Prop::LanguageCode
            } else if is(b"track") {
                Prop::Track
            } else {
                Prop::Other
            });
        }
        let prop = |p: Prop| Tag::Prop(p);
        let lower: std::borrow::Cow<[u8]> = if n.iter().any(u8::is_ascii_uppercase) {
            std::borrow::Cow::Owned(n.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(n)
        };
        match lower.as_ref() {
            b"vcalendar" => Tag::VCalendar,
            b"vevent" => Tag::VEvent,
            b"properties" => Tag::Properties,
            b"components" => Tag::Components,
            b"parameters" => Tag::Parameters,
            b"tzid" => Tag::Tzid,
            b"x-wr-calname" => prop(Prop::CalName),
            b"x-wr-caldesc" => prop(Prop::CalDesc),
            b"x-wr-timezone" => prop(Prop::Timezone),
            b"uid" => prop(Prop::Uid),
            b"summary" => prop(Prop::Summary),
            b"description" => prop(Prop::Description),
            b"location" => prop(Prop::Location),
            b"url" => prop(Prop::Url),
            b"category" | b"categories" => prop(Prop::Category),
            b"attendee" => prop(Prop::Attendee),
            b"status" => prop(Prop::Status),
            b"dtstart" => prop(Prop::DtStart),
            b"dtend" => prop(Prop::DtEnd),
            b"duration" => prop(Prop::Duration),
            _ => Tag::Other,
        }
    }
}

/// A property being read: which, where it opened, its `tzid` parameter (an attribute as
/// Pentabarf writes it, or RFC 6321's `<parameters><tzid>`).
struct Open {
    prop: Prop,
    depth: usize,
    tzid: String,
}

/// What the reader keeps between elements.
struct Parser<'a> {
    origin: &'a str,
    cx: &'a mut Context,
    /// The open elements.
    stack: Vec<Tag>,
    /// Depth of the open `vevent`, when one is open.
    event_at: Option<usize>,
    draft: EventDraft,
    uid: String,
    pentabarf_title: String,
    pentabarf_duration: String,
    start_zone: String,
    property: Option<Open>,
    /// The text of the property being read (its capacity kept from one to the next).
    buf: String,
    calname: String,
    caldesc: String,
    zone_name: String,
    saw_calendar: bool,
    sessions: Vec<Session>,
    rooms: Vec<String>,
    three_parts: ThreeParts,
    /// The zone, once settled (at the first event: the calendar's properties come first).
    zone: Option<Option<Tz>>,
    /// A part of a calendar read apart: closing tags of what opened before it are counted,
    /// not refused.
    partial: bool,
    unmatched: usize,
}

/// Reads xCal as a stream. Errors carry a byte offset.
pub(super) fn read_reader<R: BufRead>(
    src: R,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft, XmlError> {
    let mut reader = Reader::from_reader(src);
    reader.config_mut().trim_text(false);
    let mut p = Parser::new(origin, cx);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let pos = reader.buffer_position();
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| broken(reader.error_position(), &e))?;
        if !p.event(ev, pos)? {
            break;
        }
    }
    p.end(reader.buffer_position())
}

/// The least a part of a calendar read on a thread of its own holds.
const PART_BYTES: usize = 256 * 1024;

/// Reads xCal held in memory, events borrowing the text: a large calendar in parts at once (a
/// part per core, each cut where a `<vevent` starts, after the calendar's own properties are
/// read), joined in file order; what one reader would say, faster.
fn read_str(input: &str, origin: &str, cx: &mut Context) -> Result<Draft, XmlError> {
    let bytes = input.as_bytes();
    let (Some(first), Some(last_end)) = (
        memchr::memmem::find(bytes, b"<vevent"),
        memchr::memmem::rfind(bytes, b"</vevent>"),
    ) else {
        return read_whole(input, origin, cx);
    };
    // The events end with the last `</vevent>`; what closes the calendar after it is checked
    // apart (a reader of a part would refuse closing tags it did not see open).
    let body_end = last_end + b"</vevent>".len();
    let tail = input[body_end..].to_ascii_lowercase();
    if first >= body_end {
        return read_whole(input, origin, cx);
    }
    let cuts = cuts(&bytes[..body_end], first);
    if cuts.len() < 2 {
        return read_whole(input, origin, cx);
    }
    // The calendar's name and zone, before its first event.
    let mut head = Parser::new(origin, cx);
    head.partial = true;
    run(&mut head, &input[..first], 0)?;
    let zone = head.zone();
    let open = head.stack.len();
    let (calname, caldesc, saw) = (head.calname, head.caldesc, head.saw_calendar);
    let (tz, year) = (cx.tz, cx.year);
    let parts = crate::model::parts::each(&cuts, |&(from, to)| {
        let mut local = Context {
            tz,
            year,
            warnings: Vec::new(),
        };
        let mut p = Parser::new(origin, &mut local);
        p.partial = true;
        p.zone = Some(zone);
        run(&mut p, &input[from..to], from as u64)?;
        let (closed, unmatched) = (p.stack.is_empty(), p.unmatched);
        let (sessions, rooms, three) = (p.sessions, p.rooms, p.three_parts);
        Ok::<_, XmlError>((sessions, rooms, three, local.warnings, closed, unmatched))
    });
    let mut sessions = Vec::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut three = ThreeParts::default();
    let mut warnings = Vec::new();
    let last = parts.len() - 1;
    for (k, part) in parts.into_iter().enumerate() {
        // A part that does not read (a cut inside a CDATA section that holds "<vevent"): the
        // whole is read on one thread, which names what is wrong where one reader would.
        let Ok((s, r, t, w, closed, unmatched)) = part else {
            return read_whole(input, origin, cx);
        };
        if !closed || unmatched > 0 {
            // A part that ends inside an element, or closes the calendar: not what it seemed;
            // one reader reads it whole and says what is wrong.
            return read_whole(input, origin, cx);
        }
        if k == last && open > 0 && !tail.contains("vcalendar>") {
            return Err(XmlError {
                offset: bytes.len() as u64,
                message: ENDS_EARLY.into(),
            });
        }
        three.append(t, sessions.len());
        sessions.extend(s);
        for room in r {
            if !rooms.contains(&room) {
                rooms.push(room);
            }
        }
        warnings.extend(w);
    }
    cx.warnings.extend(warnings);
    if !saw {
        return Err(XmlError {
            offset: 0,
            message: "not an xCal file: no <vcalendar> element".into(),
        });
    }
    three.settle(&mut sessions, &mut cx.warnings);
    Ok(Draft {
        title: if calname.trim().is_empty() {
            caldesc
        } else {
            calname
        },
        zone,
        rooms,
        sessions,
        ..Draft::default()
    })
}

/// Where to cut the events of a calendar (from `first`, its first `<vevent`) into parts of at
/// least [`PART_BYTES`], each starting at a `<vevent`.
fn cuts(bytes: &[u8], first: usize) -> Vec<(usize, usize)> {
    let parts = crate::model::parts::workers()
        .min((bytes.len() - first) / PART_BYTES)
        .max(1);
    let finder = memchr::memmem::Finder::new(b"<vevent");
    let mut starts = vec![first];
    for k in 1..parts {
        let from = first + (bytes.len() - first) / parts * k;
        if let Some(at) = finder.find(&bytes[from..]).map(|i| from + i)
            && Some(&at) != starts.last()
        {
            starts.push(at);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &from)| (from, starts.get(k + 1).copied().unwrap_or(bytes.len())))
        .collect()
}

/// Reads `text` (at `offset` in the file) into `p`, to its end.
fn run(p: &mut Parser<'_>, text: &str, offset: u64) -> Result<(), XmlError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    // A part closes what opened before it: the parser counts those, quick-xml must not refuse.
    reader.config_mut().check_end_names = !p.partial;
    loop {
        let pos = offset + reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| broken(offset + reader.error_position(), &e))?;
        if !p.event(ev, pos)? {
            return Ok(());
        }
    }
}

/// Reads a calendar held in memory on this thread.
fn read_whole(input: &str, origin: &str, cx: &mut Context) -> Result<Draft, XmlError> {
    let mut p = Parser::new(origin, cx);
    run(&mut p, input, 0)?;
    p.end(input.len() as u64)
}

/// quick-xml's complaint in one short sentence; input that stops inside markup ends early.
fn broken(offset: u64, e: &quick_xml::Error) -> XmlError {
    XmlError {
        offset,
        message: match e {
            quick_xml::Error::Syntax(_) => ENDS_EARLY.to_string(),
            other => format!(
                "not well-formed XML ({})",
                message::foreign(&other.to_string())
            ),
        },
    }
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

impl<'a> Parser<'a> {
    fn new(origin: &'a str, cx: &'a mut Context) -> Self {
        Parser {
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
            buf: String::new(),
            calname: String::new(),
            caldesc: String::new(),
            zone_name: String::new(),
            saw_calendar: false,
            sessions: Vec::new(),
            rooms: Vec::new(),
            three_parts: ThreeParts::default(),
            zone: None,
            partial: false,
            unmatched: 0,
        }
    }

    /// Takes one XML event; `false` at the end of the input.
    fn event(&mut self, ev: Event<'_>, pos: u64) -> Result<bool, XmlError> {
        match ev {
            Event::Start(ref e) => self.open(e, false),
            Event::Empty(ref e) => self.open(e, true),
            Event::Text(t) if self.property.is_some() => {
                let text = t.decode().map_err(|_| not_utf8(pos))?;
                self.text(&text);
            }
            Event::CData(t) if self.property.is_some() => {
                let text = std::str::from_utf8(&t).map_err(|_| not_utf8(pos))?;
                self.text(text);
            }
            Event::GeneralRef(r) if self.property.is_some() => {
                let mut one = [0u8; 4];
                match r.resolve_char_ref() {
                    Ok(Some(c)) => self.text(c.encode_utf8(&mut one)),
                    _ => {
                        let name = r.xml_content().unwrap_or_default();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => self.text(s),
                            None => self.text(&format!("&{name};")),
                        }
                    }
                }
            }
            Event::End(_) => self.close(pos)?,
            Event::Eof => return Ok(false),
            _ => {}
        }
        Ok(true)
    }

    /// The input is read: every element must be closed.
    fn end(self, at: u64) -> Result<Draft, XmlError> {
        if !self.stack.is_empty() {
            return Err(XmlError {
                offset: at,
                message: ENDS_EARLY.into(),
            });
        }
        self.finish()
    }

    fn open(&mut self, e: &BytesStart, empty: bool) {
        let tag = Tag::of(e);
        let parent = self.stack.last().copied();
        match tag {
            Tag::VCalendar => self.saw_calendar = true,
            Tag::VEvent if self.event_at.is_none() => {
                self.event_at = Some(self.stack.len());
                self.draft = EventDraft::default();
                self.uid.clear();
                self.pentabarf_title.clear();
                self.pentabarf_duration.clear();
                self.start_zone.clear();
            }
            Tag::Prop(prop)
                if self.property.is_none()
                    && !empty
                    && matches!(parent, Some(Tag::VEvent | Tag::VCalendar | Tag::Properties)) =>
            {
                self.buf.clear();
                self.property = Some(Open {
                    prop,
                    depth: self.stack.len(),
                    tzid: tzid(e),
                });
            }
            _ => {}
        }
        if !empty {
            self.stack.push(tag);
        }
    }

    fn text(&mut self, t: &str) {
        let Some(p) = self.property.as_mut() else {
            return;
        };
        // RFC 6321 puts a parameter's value in <parameters><tzid><text>: kept apart.
        if self.stack[p.depth..].contains(&Tag::Parameters) {
            if self.stack[p.depth..].contains(&Tag::Tzid) {
                p.tzid.push_str(t);
            }
        } else {
            self.buf.push_str(t);
        }
    }

    fn close(&mut self, pos: u64) -> Result<(), XmlError> {
        let Some(tag) = self.stack.pop() else {
            if self.partial {
                self.unmatched += 1;
                return Ok(());
            }
            return Err(XmlError {
                offset: pos,
                message: "a closing tag without an opening one".into(),
            });
        };
        if self
            .property
            .as_ref()
            .is_some_and(|p| p.depth == self.stack.len())
            && let Some(p) = self.property.take()
        {
            self.property_done(p);
        }
        if tag == Tag::VEvent && self.event_at == Some(self.stack.len()) {
            self.event_at = None;
            return self.event_done(pos);
        }
        Ok(())
    }

    fn property_done(&mut self, p: Open) {
        let value = self.buf.trim();
        if self.event_at.is_none() {
            match p.prop {
                Prop::CalName => self.calname = value.to_string(),
                Prop::CalDesc => self.caldesc = value.to_string(),
                Prop::Timezone => self.zone_name = value.to_string(),
                _ => {}
            }
            return;
        }
        let d = &mut self.draft;
        let set = |field: &mut String| value.clone_into(field);
        match p.prop {
            Prop::EventId => set(&mut d.id),
            Prop::Title => set(&mut self.pentabarf_title),
            Prop::Subtitle => set(&mut d.subtitle),
            Prop::Language if d.language.is_empty() => set(&mut d.language),
            Prop::LanguageCode if !value.is_empty() => set(&mut d.language),
            Prop::Track => set(&mut d.track),
            Prop::Uid => set(&mut self.uid),
            Prop::Summary => set(&mut d.title),
            Prop::Description => set(&mut d.description),
            Prop::Location => set(&mut d.room),
            Prop::Url => set(&mut d.url),
            Prop::Category if d.kind.is_empty() => set(&mut d.kind),
            Prop::Attendee if !value.is_empty() => d.speakers.push(value.to_string()),
            Prop::Status => d.cancelled = value.eq_ignore_ascii_case("cancelled"),
            Prop::DtStart => {
                set(&mut d.date);
                self.start_zone = p.tzid;
            }
            Prop::DtEnd => set(&mut d.end),
            Prop::Duration => set(&mut self.pentabarf_duration),
            _ => {}
        }
    }

    /// The calendar's zone: its `X-WR-TIMEZONE`, else `--tz`.
    fn zone(&mut self) -> Option<Tz> {
        match self.zone {
            Some(z) => z,
            None => {
                let z = self.cx.zone(&self.zone_name.clone());
                *self.zone.insert(z)
            }
        }
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
        // What does not read stays text, for the draft to name in its error.
        if let Some(at) = instant(&d.date, start_tz) {
            d.start_at = Some(at);
        }
        if let Some(at) = instant(&d.end, start_tz) {
            d.end_at = Some(at);
            d.end.clear();
        }
        if d.end.is_empty() && d.end_at.is_none() {
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

/// [`instant`] as text, for the tests.
#[cfg(test)]
fn date_time(value: &str, tz: Option<Tz>) -> String {
    instant(value, tz).map_or_else(|| value.trim().to_string(), |s| s.to_rfc3339())
}

/// An iCalendar date-time (`20210402T100000`, `…Z`, or ISO as RFC 6321 writes it) as an
/// instant: UTC for `Z`, else in `tz`, else floating; `None` when it does not read.
fn instant(value: &str, tz: Option<Tz>) -> Option<Stamp> {
    let v = value.trim();
    let (basic, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (v, false),
    };
    let wall = basic_form(basic)
        .ok_or(())
        .or_else(|()| NaiveDateTime::parse_from_str(basic, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(basic, "%Y%m%dT%H%M"))
        .ok()?;
    Some(match (utc, tz) {
        (true, _) => Stamp::zoned(wall.and_utc()),
        (false, Some(_)) => Stamp::local_lenient(wall, tz).0,
        (false, None) => Stamp::floating(wall),
    })
}

/// iCalendar's basic form `20210402T100000`, read digit by digit (most of an xCal file's
/// times; chrono's format parser costs several times more).
fn basic_form(v: &str) -> Option<NaiveDateTime> {
    let b = v.as_bytes();
    if b.len() != 15 || b[8] != b'T' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(4..6)?, num(6..8)?)?;
    date.and_hms_opt(num(9..11)?, num(11..13)?, num(13..15)?)
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
    fn the_basic_form_reads_as_chrono_does() {
        for v in [
            "20210402T100000",
            "20240229T235959",
            "20230229T100000",
            "2021040T1000000",
            "20210402T250000",
        ] {
            assert_eq!(
                basic_form(v),
                NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok(),
                "{v}"
            );
        }
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

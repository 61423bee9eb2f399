//! Importers: detect a schedule's format from its content and read it into the model; merge
//! several schedules into one.
//!
//! The contract: every reader turns its format into a [`Draft`] (the conference as the source
//! names it, and the sessions, timed with the zone [`Context::zone`] settles) and this module
//! alone finishes it: it names the conference, says "no events", tidies the schedule (the one
//! call of `normalize`, shared with [`merge`]), counts warnings of a kind after the first few and
//! tells whether the times float. Parsing only: files and standard input are read by the
//! workspace.

mod at;
mod draft;
pub mod frab_json;
pub mod giggity;
pub mod header;
mod html;
pub mod ical;
pub mod indico;
pub mod lanyrd;
mod loose;
pub mod native;
pub mod open_event;
pub mod page;
pub mod sessionize;
mod shape;
mod three_parts;
mod warning;
pub mod xcal;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono_tz::Tz;

pub use warning::Warning;

use crate::error::{Error, Result};
use crate::model::{Conference, Schedule, Session};
use crate::text;

/// What a schedule that stops in the middle is told.
pub const ENDS_EARLY: &str = "the file ends early (downloaded only in part?)";

/// The formats lineup reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// lineup's own JSON schedule.
    Lineup,
    /// A Lanyrd session listing (plain text).
    Lanyrd,
    /// Pentabarf / frab XML.
    Xml,
    /// frab / c3voc JSON (pretalx writes it too), schedule v1 and v2.
    Json,
    /// iCalendar.
    Ics,
    /// Pentabarf-style xCal (pretalx's and frab's `schedule.xcal`) and RFC 6321 xCal.
    Xcal,
    /// Sessionize's API views (All, GridSmart, Sessions).
    Sessionize,
    /// Indico's export API JSON.
    Indico,
    /// Open Event / eventyay sessions.
    OpenEvent,
}

impl Format {
    /// The format as a noun phrase ("an xCal file").
    pub fn noun(self) -> &'static str {
        match self {
            Format::Lineup => "a lineup schedule",
            Format::Lanyrd => "a Lanyrd listing",
            Format::Xml => "a Pentabarf/frab XML schedule",
            Format::Json => "a frab/c3voc JSON schedule",
            Format::Ics => "an iCalendar file",
            Format::Xcal => "an xCal file",
            Format::Sessionize => "a Sessionize export",
            Format::Indico => "an Indico export",
            Format::OpenEvent => "Open Event sessions",
        }
    }
}

/// The formats lineup reads, in words, for messages.
pub const READS: &str = "lineup JSON, Lanyrd text, Pentabarf/frab XML, xCal, frab/c3voc/pretalx JSON (schedule v1 and v2), Sessionize, Indico, Open Event and iCalendar";

/// Choices the file itself may not settle.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    /// The venue's time zone, for sources that give none.
    pub tz: Option<Tz>,
    /// The year, for Lanyrd pages whose title gives none.
    pub year: Option<i32>,
    /// The flag that forces a format where these options come from (`--schedule-format`, or
    /// `--format` for `lineup import`), named when a file's format cannot be told.
    pub format_flag: &'static str,
}

/// A schedule read from a source, with what the reader noticed on the way.
#[derive(Debug)]
pub struct Imported {
    pub schedule: Schedule,
    pub warnings: Vec<Warning>,
    /// The source gave neither a zone nor offsets (and no `--tz`): its times are floating, and
    /// the caller says how to pin them ([`floating_hint`]) or pins them itself.
    pub floating: bool,
}

/// What a reader makes of a source, before lineup's own rules are applied.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The conference's name as the source gives it ("" when none).
    pub title: String,
    /// The conference's id, when the source has one of lineup's (its own files).
    pub id: Option<String>,
    /// A short name for the id (frab's acronym), when given.
    pub acronym: String,
    pub venue: Option<String>,
    /// The zone the sessions were timed in.
    pub zone: Option<Tz>,
    /// Rooms in the order the source lists them (repeats and blanks are tidied here).
    pub rooms: Vec<String>,
    pub sessions: Vec<Session>,
    /// All-day events the reader skipped.
    pub all_day: usize,
    /// Tracks' colours as the source writes them ("#F9B000"), by track name.
    pub track_colours: Vec<(String, String)>,
}

/// A colour as schedules write it: `#rrggbb` or `#rgb`.
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    let h = hex.trim().strip_prefix('#')?;
    let digit = |k: usize, n: usize| u8::from_str_radix(h.get(k..k + n)?, 16).ok();
    match h.len() {
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

/// The tracks' colours a schedule keeps: valid ones, names cleaned and bounded, 1,000 at most.
fn track_colours(given: Vec<(String, String)>) -> std::collections::BTreeMap<String, [u8; 3]> {
    given
        .into_iter()
        .filter_map(|(name, hex)| {
            let mut name = text::clean_line(&name);
            text::bound_in_place(&mut name, text::NAME_MAX);
            Some((name, rgb(&hex)?)).filter(|(n, _)| !n.is_empty())
        })
        .take(1000)
        .collect()
}

/// What readers consult and report to while reading: the zone rule, the year, the warnings.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// `--tz`.
    tz: Option<Tz>,
    /// `--year`.
    pub year: Option<i32>,
    pub warnings: Vec<Warning>,
}

impl Context {
    fn new(opts: &Options) -> Self {
        Context {
            tz: opts.tz,
            year: opts.year,
            warnings: Vec::new(),
        }
    }

    /// The venue's zone: the one the file names, when it is an IANA name; else `--tz`. A name
    /// that is not one is a warning.
    pub(crate) fn zone(&mut self, named: &str) -> Option<Tz> {
        let name = named.trim();
        if name.is_empty() {
            return self.tz;
        }
        match name.parse::<Tz>() {
            Ok(z) => Some(z),
            Err(_) => {
                self.warnings.push(Warning::UnknownZone {
                    name: name.to_string(),
                });
                self.tz
            }
        }
    }

    /// A context for a part of the same source read apart: the same rules, no warnings yet.
    pub(crate) fn fork(&self) -> Self {
        Context {
            tz: self.tz,
            year: self.year,
            warnings: Vec::new(),
        }
    }

    /// `--tz` alone (for formats that name no zone).
    pub(crate) fn flag_zone(&self) -> Option<Tz> {
        self.tz
    }
}

/// Tells the format from the first bytes.
pub fn detect(text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let start: String = head.chars().take(4096).collect();
    if head.starts_with('{') && native::looks_like(head) {
        Some(Format::Lineup)
    } else if head.starts_with(['{', '[']) {
        json_format(&start)
    } else if ical::calendar_starts(&start).is_some() {
        Some(Format::Ics)
    } else if head.starts_with('<') {
        xml_format(&start)
    } else if lanyrd::looks_like(head) {
        Some(Format::Lanyrd)
    } else {
        None
    }
}

/// Which JSON format the start of a file is, by the keys it uses.
fn json_format(start: &str) -> Option<Format> {
    if frab_json::looks_like(start) {
        Some(Format::Json)
    } else if sessionize::looks_like(start) {
        Some(Format::Sessionize)
    } else if indico::looks_like(start) {
        Some(Format::Indico)
    } else if open_event::looks_like(start) {
        Some(Format::OpenEvent)
    } else {
        None
    }
}

/// Which XML format the start of a file is, by its root element: xCal's `<iCalendar>` (or a
/// bare `<vcalendar>`), none for an HTML page, else Pentabarf/frab (whose reader says what an
/// unknown root is; so is a root past a long comment).
fn xml_format(start: &str) -> Option<Format> {
    let mut rest = start;
    loop {
        let Some(at) = rest.find('<') else {
            return Some(Format::Xml);
        };
        rest = &rest[at + 1..];
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
        return match local.as_str() {
            "icalendar" | "vcalendar" => Some(Format::Xcal),
            "html" | "head" | "body" => None,
            _ => Some(Format::Xml),
        };
    }
}

/// Reads a schedule from bytes; `origin` names the source in errors.
pub fn read_bytes(bytes: &[u8], origin: &str, opts: &Options) -> Result<Imported> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let joined;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // An iCalendar producer may fold a line inside a character: unfold those bytes
            // first, then decode.
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
            let ics = opts.format == Some(Format::Ics)
                || (opts.format.is_none() && detect(&head) == Some(Format::Ics));
            joined = ics.then(|| ical::lines::join_split_characters(bytes));
            match joined.as_deref().map(std::str::from_utf8) {
                Some(Ok(t)) => t,
                _ => return Err(not_utf8(bytes, e.valid_up_to(), origin)),
            }
        }
    };
    let format = opts.format.or_else(|| detect(text)).ok_or_else(|| {
        Error::parse(
            origin,
            1,
            format!(
                "this is {}, not a schedule lineup can read (it reads {READS}); if it is one, pass {} to say which",
                shape::describe(text),
                if opts.format_flag.is_empty() { "--schedule-format" } else { opts.format_flag }
            ),
        )
    })?;
    let mut cx = Context::new(opts);
    let read = match format {
        Format::Lineup => native::read(text, origin),
        Format::Lanyrd => lanyrd::read(text, origin, &mut cx),
        Format::Xml => xml::read(text, origin, &mut cx),
        Format::Json => frab_json::read(text, origin, &mut cx),
        Format::Ics => ical::read(text, origin, &mut cx),
        Format::Xcal => xcal::read(text, origin, &mut cx),
        Format::Sessionize => sessionize::read(text, origin, &mut cx),
        Format::Indico => indico::read(text, origin, &mut cx),
        Format::OpenEvent => open_event::read(text, origin, &mut cx),
    };
    let draft = read.map_err(|e| other_format(e, text, format, opts.format_flag))?;
    if draft.sessions.is_empty() && draft.all_day == 0 {
        return Err(no_events(text, origin, format));
    }
    finish(draft, cx.warnings, origin, format)
}

/// A reader's error on a file whose content says it is another format (read so because the
/// format was forced): the error, and what the file is.
fn other_format(e: Error, text: &str, format: Format, flag: &str) -> Error {
    match (e, detect(text)) {
        (
            Error::Parse {
                origin,
                line,
                column,
                message,
            },
            Some(found),
        ) if found != format => Error::Parse {
            origin,
            line,
            column,
            message: format!(
                "{message}; the file is {}: read it without {}",
                shape::describe(text),
                if flag.is_empty() {
                    "--schedule-format"
                } else {
                    flag
                }
            ),
        },
        (e, _) => e,
    }
}

/// A file read without a single event: what it looks like when that is not the format it was
/// read as (never "holds no events" for a file full of them), else that it holds none.
fn no_events(text: &str, origin: &str, format: Format) -> Error {
    let looks = shape::describe(text);
    let message = if looks == format.noun() {
        "the schedule holds no events".to_string()
    } else {
        format!(
            "lineup found no events in this as {}: it is {looks}",
            format.noun()
        )
    };
    Error::parse(origin, 0, message)
}

/// Reads a Pentabarf/frab XML schedule or an xCal file (`format`) as a stream (a large file
/// never sits in memory whole). Errors carry a byte offset for the caller, who has the
/// bytes, to turn into a line.
pub fn read_xml<R: std::io::BufRead>(
    src: R,
    origin: &str,
    opts: &Options,
    format: Format,
) -> Result<Imported, xml::XmlError> {
    let mut cx = Context::new(opts);
    let draft = if format == Format::Xcal {
        xcal::read_reader(src, origin, &mut cx)?
    } else {
        xml::read_reader(src, origin, &mut cx)?
    };
    finish_xml(draft, cx, origin, format)
}

/// [`finish`] for the XML readers, whose errors carry an offset (0: the file as a whole).
fn finish_xml(
    draft: Draft,
    cx: Context,
    origin: &str,
    format: Format,
) -> Result<Imported, xml::XmlError> {
    finish(draft, cx.warnings, origin, format).map_err(|e| xml::XmlError {
        offset: 0,
        message: match e {
            Error::Parse { message, .. } => message,
            other => other.to_string(),
        },
    })
}

/// Reads the first `len` bytes of `src`, a Pentabarf/frab XML schedule, as [`read_xml`] does:
/// a large one in two parts at once (see [`xml::ReadAt`]).
pub fn read_xml_at<S: xml::ReadAt + ?Sized>(
    src: &S,
    len: u64,
    origin: &str,
    opts: &Options,
) -> Result<Imported, xml::XmlError> {
    let mut cx = Context::new(opts);
    let draft = xml::read_at(src, len, origin, &mut cx)?;
    finish_xml(draft, cx, origin, Format::Xml)
}

/// Reads a frab/c3voc JSON schedule as a stream: each event becomes a session as it is read,
/// so memory holds the sessions, not the file.
pub fn read_json(src: impl std::io::Read, origin: &str, opts: &Options) -> Result<Imported> {
    let mut cx = Context::new(opts);
    let draft = frab_json::read_reader(src, origin, &mut cx)?;
    finish(draft, cx.warnings, origin, Format::Json)
}

/// Reads the first `len` bytes of `src`, a frab/c3voc JSON schedule, as [`read_json`] does: a
/// large one in two parts at once.
pub fn read_json_at<S: xml::ReadAt + ?Sized>(
    src: &S,
    len: u64,
    origin: &str,
    opts: &Options,
) -> Result<Imported> {
    let mut cx = Context::new(opts);
    let draft = frab_json::read_at(src, len, origin, &mut cx)?;
    finish(draft, cx.warnings, origin, Format::Json)
}

/// Reads a large iCalendar schedule as a stream, half a megabyte of text at a time (memory
/// holds the sessions, not the file); `open` gives the stream from its start, once for each of
/// the two passes. `Ok(None)`: this calendar is one to read whole with [`read_bytes`] (text
/// around it, bytes that are not UTF-8, lone CRs, an event left open, no events).
pub fn read_ics<R: std::io::Read>(
    open: impl FnMut() -> std::io::Result<R>,
    origin: &str,
    opts: &Options,
) -> Result<Option<Imported>> {
    let mut cx = Context::new(opts);
    match ical::stream::read_stream(open, origin, &mut cx)? {
        Some(draft) if !draft.sessions.is_empty() => {
            finish(draft, cx.warnings, origin, Format::Ics).map(Some)
        }
        _ => Ok(None),
    }
}

/// Finishes a reader's draft: names the conference (its own id, else a slug of its acronym or
/// title; a title from the file name when it has none), refuses one without sessions, tidies
/// it, and says whether its times float.
fn finish(
    draft: Draft,
    mut warnings: Vec<Warning>,
    origin: &str,
    format: Format,
) -> Result<Imported> {
    if draft.all_day > 0 {
        warnings.push(Warning::AllDaySkipped {
            count: draft.all_day,
        });
    }
    if draft.sessions.is_empty() {
        let what = if draft.all_day > 0 {
            "the calendar holds no timed events"
        } else {
            "the schedule holds no events"
        };
        return Err(Error::parse(origin, 0, what));
    }
    let mut title = text::clean_name(&draft.title);
    if title.is_empty() {
        title = Path::new(origin).file_stem().map_or_else(
            || "Conference".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
    }
    let id = draft.id.unwrap_or_else(|| {
        text::slug(if draft.acronym.trim().is_empty() {
            &title
        } else {
            &draft.acronym
        })
    });
    let mut schedule = Schedule {
        conference: Conference {
            id,
            title,
            time_zone: draft.zone,
            venue: draft.venue.filter(|v| !v.trim().is_empty()),
        },
        rooms: draft.rooms,
        sessions: draft.sessions,
        track_colours: track_colours(draft.track_colours),
        shown_in: None,
    };
    warnings.extend(tidy(&mut schedule));
    let floating = format != Format::Lineup && schedule.is_floating();
    Ok(Imported {
        schedule,
        warnings: warning::summarize(warnings),
        floating,
    })
}

/// The one place a schedule is normalized: rooms listed once, text cleaned, sessions in order,
/// ids unique; what changed becomes warnings.
fn tidy(schedule: &mut Schedule) -> Vec<Warning> {
    schedule.normalize().into_iter().map(Warning::Fix).collect()
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, origin: &str) -> Error {
    let line = memchr::memchr_iter(b'\n', &bytes[..valid_up_to]).count() + 1;
    Error::parse(
        origin,
        line,
        "the file is not UTF-8 text; convert it to UTF-8 first",
    )
}

/// What to say about a source with floating times when no zone is known to pin them.
pub fn floating_hint(origin: &str) -> String {
    format!(
        "{origin} gives no time zone, so times are kept as written; pin them with --tz ZONE, the venue's IANA time zone"
    )
}

/// Merges schedules into the first one's conference: exact duplicates (same id, title, times and
/// room) are kept once; sessions whose id collides with different content are both kept, the
/// later one under a new id (reported as a warning). Linear in the number of sessions.
pub fn merge(mut schedules: Vec<Schedule>) -> Option<(Schedule, Vec<Warning>)> {
    if schedules.is_empty() {
        return None;
    }
    let mut merged = schedules.remove(0);
    let mut rooms: HashSet<String> = merged.rooms.iter().cloned().collect();
    // Sessions already in, by id: an exact duplicate is only ever one with the same id.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in merged.sessions.iter().enumerate() {
        by_id.entry(s.id.to_string()).or_default().push(i);
    }
    for other in schedules {
        if merged.conference.venue.is_none() {
            merged.conference.venue = other.conference.venue.clone();
        }
        if merged.conference.time_zone.is_none() {
            merged.conference.time_zone = other.conference.time_zone;
        }
        for room in other.rooms {
            if rooms.insert(room.clone()) {
                merged.rooms.push(room);
            }
        }
        for s in other.sessions {
            let same = by_id.entry(s.id.to_string()).or_default();
            if same.iter().any(|&i| merged.sessions[i] == s) {
                continue;
            }
            same.push(merged.sessions.len());
            merged.sessions.push(s);
        }
    }
    let warnings = warning::summarize(tidy(&mut merged));
    Some((merged, warnings))
}

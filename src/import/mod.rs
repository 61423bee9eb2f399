//! Importers: detect a schedule's format from its content and read it into the model; merge
//! several schedules into one.

mod draft;
pub mod frab_json;
mod html;
pub mod ical;
pub mod lanyrd;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::model::Schedule;
use crate::{fsx, native};

/// The formats lineup reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// lineup's own JSON schedule.
    Lineup,
    /// A Lanyrd session listing (plain text).
    Lanyrd,
    /// Pentabarf / frab XML.
    Xml,
    /// frab / c3voc JSON (pretalx writes it too).
    Json,
    /// iCalendar.
    Ics,
}

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
    pub warnings: Vec<String>,
    /// The source gave neither a zone nor offsets (and no `--tz`): its times are floating, and
    /// the caller says how to pin them ([`floating_hint`]) or pins them itself.
    pub floating: bool,
}

/// Tells the format from the first bytes.
pub fn detect(text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let start: String = head.chars().take(4096).collect();
    if head.starts_with('{') && native::looks_like(head) {
        Some(Format::Lineup)
    } else if head.starts_with('{') && frab_json::looks_like(&start) {
        Some(Format::Json)
    } else if head.starts_with("<?xml") || head.starts_with("<schedule") {
        Some(Format::Xml)
    } else if start
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        Some(Format::Ics)
    } else if lanyrd::looks_like(head) {
        Some(Format::Lanyrd)
    } else {
        None
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
            let ics = opts.format == Some(Format::Ics)
                || (opts.format.is_none()
                    && detect(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)]))
                        == Some(Format::Ics));
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
                "cannot tell what kind of schedule this is (lineup reads lineup JSON, Lanyrd text, Pentabarf/frab XML, frab/c3voc/pretalx JSON and iCalendar); pass {} to say which",
                if opts.format_flag.is_empty() { "--schedule-format" } else { opts.format_flag }
            ),
        )
    })?;
    let (schedule, warnings) = match format {
        Format::Lineup => (native::from_json(text, origin)?, Vec::new()),
        Format::Lanyrd => {
            let o = lanyrd::Options {
                year: opts.year,
                tz: opts.tz,
            };
            lanyrd::parse(text, origin, &o)?
        }
        Format::Xml => xml::parse(text, origin, opts.tz)?,
        Format::Json => frab_json::parse(text, origin, opts.tz)?,
        Format::Ics => ical::parse(text, origin, opts.tz)?,
    };
    let floating = schedule.is_floating() && format != Format::Lineup;
    Ok(Imported {
        schedule,
        warnings,
        floating,
    })
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, origin: &str) -> Error {
    let line = memchr::memchr_iter(b'\n', &bytes[..valid_up_to]).count() + 1;
    Error::parse(
        origin,
        line,
        "the file is not UTF-8 text; convert it to UTF-8 first",
    )
}

/// Reads a schedule file (`-` reads standard input). Only regular files of at most
/// [`fsx::MAX_INPUT_BYTES`] are read; XML is read as a stream, other formats whole.
pub fn read_file(path: &Path, opts: &Options) -> Result<Imported> {
    if path == Path::new("-") {
        let bytes = fsx::read_limited(std::io::stdin().lock(), path, fsx::MAX_INPUT_BYTES)?;
        return read_bytes(&bytes, "standard input", opts);
    }
    let origin = path.display().to_string();
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = fsx::open_regular(path, "schedule", fsx::MAX_INPUT_BYTES)?;
    let limited = std::io::Read::take(file, fsx::MAX_INPUT_BYTES + 1);
    let mut src = std::io::BufReader::with_capacity(1 << 20, limited);
    let head = std::io::BufRead::fill_buf(&mut src).map_err(read_err)?;
    let format = opts
        .format
        .or_else(|| detect(&String::from_utf8_lossy(head)));
    if format == Some(Format::Xml) {
        let (schedule, warnings) = xml::parse_reader(src, &origin, opts.tz).map_err(|e| {
            // Only now count lines, reading the file again up to the error.
            let line = fsx::read_regular(path, "schedule", fsx::MAX_INPUT_BYTES)
                .map_or(0, |bytes| xml::line_at(&bytes, e.offset));
            Error::parse(&origin, line, e.message)
        })?;
        let floating = schedule.is_floating();
        return Ok(Imported {
            schedule,
            warnings,
            floating,
        });
    }
    let bytes = fsx::read_limited(src, path, fsx::MAX_INPUT_BYTES)?;
    read_bytes(&bytes, &origin, opts)
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
pub fn merge(mut schedules: Vec<Schedule>) -> Option<(Schedule, Vec<String>)> {
    if schedules.is_empty() {
        return None;
    }
    let mut merged = schedules.remove(0);
    let mut rooms: HashSet<String> = merged.rooms.iter().cloned().collect();
    // Sessions already in, by id: an exact duplicate is only ever one with the same id.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in merged.sessions.iter().enumerate() {
        by_id.entry(s.id.clone()).or_default().push(i);
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
            let same = by_id.entry(s.id.clone()).or_default();
            if same.iter().any(|&i| merged.sessions[i] == s) {
                continue;
            }
            same.push(merged.sessions.len());
            merged.sessions.push(s);
        }
    }
    let warnings = merged.normalize();
    Some((merged, warnings))
}

//! Importers: detect a schedule's format from its content and read it into the model; merge
//! several schedules into one.

mod draft;
pub mod frab_json;
mod html;
pub mod ical;
pub mod lanyrd;
pub mod xml;

use std::path::Path;

use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::model::Schedule;
use crate::native;

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
}

/// A schedule read from a source, with what the reader noticed on the way.
#[derive(Debug)]
pub struct Imported {
    pub schedule: Schedule,
    pub warnings: Vec<String>,
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
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Error::parse(
            origin,
            line,
            "the file is not UTF-8 text; convert it to UTF-8 first",
        )
    })?;
    let format = opts.format.or_else(|| detect(text)).ok_or_else(|| {
        Error::parse(
            origin,
            1,
            "cannot tell what kind of schedule this is (lineup reads lineup JSON, Lanyrd text, Pentabarf/frab XML, frab JSON and iCalendar); pass --format",
        )
    })?;
    let mut warnings = Vec::new();
    let schedule = match format {
        Format::Lineup => native::from_json(text, origin)?,
        Format::Lanyrd => {
            let o = lanyrd::Options {
                year: opts.year,
                tz: opts.tz,
            };
            lanyrd::parse(text, origin, &o)?
        }
        Format::Xml => {
            let (s, w) = xml::parse(text, origin, opts.tz)?;
            warnings.extend(w);
            s
        }
        Format::Json => {
            let (s, w) = frab_json::parse(text, origin, opts.tz)?;
            warnings.extend(w);
            s
        }
        Format::Ics => {
            let (s, w) = ical::parse(text, origin, opts.tz)?;
            warnings.extend(w);
            s
        }
    };
    // Said once, here, for every source that can leave times without a zone.
    if schedule.is_floating() && format != Format::Lineup {
        warnings.push(floating_hint(origin));
    }
    Ok(Imported { schedule, warnings })
}

/// Reads a schedule file. XML is read as a stream; other formats are read whole.
pub fn read_file(path: &Path, opts: &Options) -> Result<Imported> {
    let origin = path.display().to_string();
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut src = std::io::BufReader::with_capacity(1 << 20, file);
    let head = std::io::BufRead::fill_buf(&mut src).map_err(read_err)?;
    let format = opts
        .format
        .or_else(|| detect(&String::from_utf8_lossy(head)));
    if format == Some(Format::Xml) {
        let (schedule, mut warnings) = xml::parse_reader(src, &origin, opts.tz).map_err(|e| {
            // Only now count lines, reading the file again up to the error.
            let line = std::fs::read(path).map_or(0, |bytes| xml::line_at(&bytes, e.offset));
            Error::parse(&origin, line, e.message)
        })?;
        if schedule.is_floating() {
            warnings.push(floating_hint(&origin));
        }
        return Ok(Imported { schedule, warnings });
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut src, &mut bytes).map_err(read_err)?;
    read_bytes(&bytes, &origin, opts)
}

fn floating_hint(origin: &str) -> String {
    format!(
        "{origin} gives no time zone, so times are kept as written; pin them with --tz (for example --tz Europe/Brussels)"
    )
}

/// Merges schedules into the first one's conference: exact duplicates (same id, title, times and
/// room) are kept once; sessions whose id collides with different content are both kept, the
/// later one under a new id (reported as a warning).
pub fn merge(mut schedules: Vec<Schedule>) -> Option<(Schedule, Vec<String>)> {
    if schedules.is_empty() {
        return None;
    }
    let mut merged = schedules.remove(0);
    for other in schedules {
        if merged.conference.venue.is_none() {
            merged.conference.venue = other.conference.venue.clone();
        }
        if merged.conference.time_zone.is_none() {
            merged.conference.time_zone = other.conference.time_zone;
        }
        for room in other.rooms {
            if !merged.rooms.contains(&room) {
                merged.rooms.push(room);
            }
        }
        for s in other.sessions {
            if !merged.sessions.contains(&s) {
                merged.sessions.push(s);
            }
        }
    }
    let warnings = merged.normalize();
    Some((merged, warnings))
}

//! One session block of a Lanyrd page: the bullet's title, then (indented) an optional "by A, B
//! and C", the description, the time line "At 9:00am to 9:10am, Friday 9th March", and after it
//! an optional "In ROOM, VENUE" and "Coverage …" lines.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::BULLET;
use super::dates::{month_name, time_line, weekday_name};
use crate::error::{Error, Result};
use crate::import::Warning;
use crate::message;
use crate::model::{Kind, Session, Stamp, Str};
use crate::text;

/// What every session of a page shares.
pub(super) struct Page<'a> {
    pub origin: &'a str,
    pub year: i32,
    pub tz: Option<Tz>,
}

/// A body line without its four-space indent, with its 1-based line number.
type BodyLine = (usize, String);

/// Where a session is and whether it is recorded: what follows the time line.
struct Place {
    room: Option<String>,
    venue: Option<String>,
    recorded: Option<bool>,
}

impl Page<'_> {
    fn err(&self, line: usize, message: String) -> Error {
        Error::parse(self.origin, line, message)
    }

    /// One session block: `block[0]` is the bullet line, at 1-based line `at`. Returns the
    /// session and the venue its "In" line names.
    pub(super) fn session(
        &self,
        block: &[&str],
        at: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<(Session, Option<String>)> {
        let title = text::clean_line(&block[0][BULLET.len()..]);
        if title.is_empty() {
            return Err(self.err(at, "a session bullet with no title".into()));
        }
        let body: Vec<BodyLine> = block[1..]
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let l = l.strip_prefix("    ").unwrap_or(l.trim_start());
                (at + 1 + i, l.trim_end().replace('\u{a0}', " "))
            })
            .collect();
        // The time line is the last line that reads as one: descriptions may start with "At".
        let time_at = body
            .iter()
            .rposition(|(_, l)| time_line(l).is_some())
            .ok_or_else(|| {
                self.err(
                    at,
                    format!(
                        "session {} has no time line such as \"At 9:00am to 9:10am, Friday 9th March\"",
                        message::title(&title)
                    ),
                )
            })?;
        let (date, start, end) = self.when(&body[time_at], &title, warnings)?;
        let place = self.place(&body[time_at + 1..], &title)?;
        let (speakers, abstract_text, description) = texts(&body[..time_at]);
        let kind = if place.room.is_none() && abstract_text.is_empty() {
            Kind::Plenary
        } else {
            Kind::Talk
        };
        let session = Session {
            id: text::slug(&title).into(),
            title: title.into(),
            speakers: Str::list(speakers),
            abstract_text: abstract_text.into(),
            description: description.into(),
            day: date,
            start,
            end,
            room: place.room.map(|r| Str::name(&r)),
            recorded: place.recorded,
            url: None,
            track: None,
            kind,
            language: None,
            guid: None,
            cancelled: false,
            session_type: None,
        };
        Ok((session, place.venue))
    }

    /// The date, start and end of a time line; the weekday must agree with the date.
    fn when(
        &self,
        (line_no, line): &BodyLine,
        title: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<(NaiveDate, Stamp, Stamp)> {
        let Some((from, to, weekday, day, month)) = time_line(line) else {
            return Err(self.err(*line_no, "not a time line".into()));
        };
        let year = self.year;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            self.err(
                *line_no,
                format!("{day} {} {year} is not a date", month_name(month)),
            )
        })?;
        if date.weekday() != weekday {
            return Err(self.err(
                *line_no,
                format!(
                    "{} is a {}, not a {}; check the year (pass --year) or the line",
                    date.format("%Y-%m-%d"),
                    date.format("%A"),
                    weekday_name(weekday)
                ),
            ));
        }
        let start_at = date.and_time(from);
        let mut end_at = date.and_time(to);
        if end_at < start_at {
            end_at += chrono::Duration::days(1);
        }
        let (start, moved_start) = Stamp::local_lenient(start_at, self.tz);
        let (end, moved_end) = Stamp::local_lenient(end_at, self.tz);
        if moved_start || moved_end {
            warnings.push(Warning::DstGap {
                session: message::title(title),
                written: format!("{} (line {line_no})", line.trim()),
                shown: format!(
                    "{}–{}",
                    start.time().format("%H:%M"),
                    end.time().format("%H:%M")
                ),
            });
        }
        Ok((date, start, end))
    }

    /// The lines after the time line: "In ROOM, VENUE" and "Coverage …", nothing else.
    fn place(&self, lines: &[BodyLine], title: &str) -> Result<Place> {
        let mut place = Place {
            room: None,
            venue: None,
            recorded: None,
        };
        for (n, l) in lines {
            let l = l.trim();
            if l.is_empty() {
                continue;
            }
            if let Some(at) = l.strip_prefix("In ") {
                let (r, v) = match at.split_once(", ") {
                    Some((r, v)) => (r, Some(v)),
                    None => (at, None),
                };
                place.room = Some(text::clean_line(r));
                place.venue = v.map(text::clean_line);
            } else if l == "Coverage" || l.starts_with("Coverage ") {
                if l.split_whitespace().any(|w| w == "video") {
                    place.recorded = Some(true);
                }
            } else {
                return Err(self.err(
                    *n,
                    format!(
                        "unexpected line after the time of {}: expected \"In ROOM, VENUE\" or \"Coverage …\"",
                        message::title(title)
                    ),
                ));
            }
        }
        Ok(place)
    }
}

/// The lines before the time line: an optional "by A, B and C", then the abstract (the first
/// paragraph) and the description.
fn texts(lines: &[BodyLine]) -> (Vec<String>, String, String) {
    let mut lines = lines;
    while lines.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines = &lines[1..];
    }
    let mut speakers = Vec::new();
    if let Some((_, first)) = lines.first()
        && let Some(names) = first.trim().strip_prefix("by ")
    {
        speakers = text::split_and(names);
        lines = &lines[1..];
    }
    let all: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    let all = text::clean_block(&all.join("\n"));
    match all.split_once("\n\n") {
        Some((a, d)) => (speakers, a.to_string(), d.to_string()),
        None => (speakers, all, String::new()),
    }
}

//! The Lanyrd listing importer: reads the plain-text session listings Lanyrd showed ("Sessions at
//! PyCon US 2012 on Friday 9th March", "… matching your filters"), as in the seed pages.
//!
//! A session starts at a two-space bullet `  • Title`. Inside it, lines are indented four
//! spaces: an optional `by A, B and C`, the description (where four-space bullets are just
//! text), then `At 9:00am to 9:10am, Friday 9th March`, an optional `In Room, Venue` and
//! optional `Coverage …` lines.

mod dates;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use dates::{month_name, time_line, weekday_name};

use crate::error::{Error, Result};
use crate::message;
use crate::model::{Conference, Kind, Schedule, Session, Stamp};
use crate::text;

/// What the page itself cannot say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The year of the dates; by default the last four-digit year in the conference title.
    pub year: Option<i32>,
    /// The venue's time zone; without one, times are floating.
    pub tz: Option<Tz>,
}

const BULLET: &str = "  \u{2022} ";

/// Whether `text` looks like a Lanyrd listing page.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(12)
        .any(|l| l.trim_start().starts_with("Sessions at "))
}

/// Reads a Lanyrd listing page, with what was noticed on the way. `origin` names the file in
/// errors.
pub fn parse(input: &str, origin: &str, opts: &Options) -> Result<(Schedule, Vec<String>)> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let lines: Vec<&str> = input.lines().collect();
    let first_bullet = lines.iter().position(|l| l.starts_with(BULLET));
    let header_end = first_bullet.unwrap_or(lines.len());

    let title = lines[..header_end]
        .iter()
        .find_map(|l| conference_title(l))
        .ok_or_else(|| {
            Error::parse(
                origin,
                1,
                "not a Lanyrd listing: no \"Sessions at CONFERENCE …\" header line",
            )
        })?;
    let year = match opts.year.or_else(|| year_in(&title)) {
        Some(y) => y,
        None => {
            return Err(Error::parse(
                origin,
                1,
                format!(
                    "cannot tell the year: the title {} holds none; pass --year",
                    message::title(&title)
                ),
            ));
        }
    };

    let mut sessions = Vec::new();
    let mut warnings = Vec::new();
    let mut venue = None;
    let mut start = header_end;
    while start < lines.len() {
        let end = lines[start + 1..]
            .iter()
            .position(|l| l.starts_with(BULLET))
            .map_or(lines.len(), |p| start + 1 + p);
        let (session, v) = parse_session(
            &lines[start..end],
            start + 1,
            origin,
            year,
            opts,
            &mut warnings,
        )?;
        venue = venue.or(v);
        sessions.push(session);
        start = end;
    }

    let mut schedule = Schedule {
        conference: Conference {
            id: text::slug(&title),
            title,
            time_zone: opts.tz,
            venue,
        },
        rooms: room_order(&sessions),
        sessions,
    };
    warnings.extend(schedule.normalize());
    Ok((schedule, warnings))
}

/// "Sessions at PyCon US 2012 on Friday 9th March" gives "PyCon US 2012".
fn conference_title(line: &str) -> Option<String> {
    let rest = text::clean_line(line);
    let rest = rest.strip_prefix("Sessions at ")?;
    let cut = [" on ", " matching ", " in ", " tagged "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let title = rest[..cut].trim();
    (!title.is_empty()).then(|| title.to_string())
}

fn year_in(title: &str) -> Option<i32> {
    title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .next_back()
}

/// Rooms in display order: rooms sharing a letter prefix (a wing) together, wings in the order
/// the page first mentions them, and within a wing by number.
fn room_order(sessions: &[Session]) -> Vec<String> {
    let mut rooms: Vec<&str> = Vec::new();
    for s in sessions {
        if let Some(r) = s.room.as_deref()
            && !rooms.contains(&r)
        {
            rooms.push(r);
        }
    }
    let wing = |r: &str| -> String { r.chars().take_while(|c| !c.is_ascii_digit()).collect() };
    let mut wings: Vec<String> = Vec::new();
    for r in &rooms {
        let w = wing(r);
        if !wings.contains(&w) {
            wings.push(w);
        }
    }
    let number = |r: &str| -> u64 {
        let digits: String = r.chars().filter(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(u64::MAX)
    };
    let mut sorted: Vec<String> = rooms.iter().map(|r| r.to_string()).collect();
    sorted.sort_by_key(|r| {
        let w = wing(r);
        (wings.iter().position(|x| *x == w), number(r), r.clone())
    });
    sorted
}

/// One session block: `block[0]` is the bullet line, at 1-based line `at`.
fn parse_session(
    block: &[&str],
    at: usize,
    origin: &str,
    year: i32,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<(Session, Option<String>)> {
    let title = text::clean_line(&block[0][BULLET.len()..]);
    if title.is_empty() {
        return Err(Error::parse(origin, at, "a session bullet with no title"));
    }
    // Body lines without their four-space indent, with their 1-based line numbers.
    let body: Vec<(usize, String)> = block[1..]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = l.strip_prefix("    ").unwrap_or(l.trim_start());
            (at + 1 + i, l.trim_end().replace('\u{a0}', " "))
        })
        .collect();

    let (time_at, (from, to, weekday, day, month)) = body
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, (_, l))| time_line(l).map(|t| (i, t)))
        .ok_or_else(|| {
            Error::parse(
                origin,
                at,
                format!(
                    "session {} has no time line such as \"At 9:00am to 9:10am, Friday 9th March\"",
                    message::title(&title)
                ),
            )
        })?;
    let line_no = &body[time_at].0;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        Error::parse(
            origin,
            *line_no,
            format!("{day} {} {year} is not a date", month_name(month)),
        )
    })?;
    if date.weekday() != weekday {
        return Err(Error::parse(
            origin,
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
    let (start, moved_start) = Stamp::local_lenient(start_at, opts.tz);
    let (end, moved_end) = Stamp::local_lenient(end_at, opts.tz);
    if moved_start || moved_end {
        warnings.push(format!(
            "{origin}:{line_no}: {} is at a time skipped by a daylight-saving change; it is shown at {}–{} (RFC 5545)",
            message::title(&title),
            start.time().format("%H:%M"),
            end.time().format("%H:%M")
        ));
    }

    let mut room = None;
    let mut venue = None;
    let mut recorded = None;
    for (n, l) in &body[time_at + 1..] {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(place) = l.strip_prefix("In ") {
            let (r, v) = match place.split_once(", ") {
                Some((r, v)) => (r, Some(v)),
                None => (place, None),
            };
            room = Some(text::clean_line(r));
            venue = v.map(text::clean_line);
        } else if l == "Coverage" || l.starts_with("Coverage ") {
            if l.split_whitespace().any(|w| w == "video") {
                recorded = Some(true);
            }
        } else {
            return Err(Error::parse(
                origin,
                *n,
                format!(
                    "unexpected line after the time of {}: expected \"In ROOM, VENUE\" or \"Coverage …\"",
                    message::title(&title)
                ),
            ));
        }
    }

    let mut text_lines = &body[..time_at];
    while text_lines.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        text_lines = &text_lines[1..];
    }
    let mut speakers = Vec::new();
    if let Some((_, first)) = text_lines.first()
        && let Some(names) = first.trim().strip_prefix("by ")
    {
        speakers = text::split_and(names);
        text_lines = &text_lines[1..];
    }
    let all: Vec<&str> = text_lines.iter().map(|(_, l)| l.as_str()).collect();
    let all = text::clean_block(&all.join("\n"));
    let (abstract_text, description) = match all.split_once("\n\n") {
        Some((a, d)) => (a.to_string(), d.to_string()),
        None => (all, String::new()),
    };
    let kind = if room.is_none() && abstract_text.is_empty() {
        Kind::Plenary
    } else {
        Kind::Talk
    };
    Ok((
        Session {
            id: text::slug(&title),
            title,
            speakers,
            abstract_text,
            description,
            day: date,
            start,
            end,
            room,
            recorded,
            url: None,
            track: None,
            kind,
        },
        venue,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> Options {
        Options {
            year: None,
            tz: Some("America/Los_Angeles".parse().unwrap()),
        }
    }

    const PAGE: &str = "Sessions at Demo Conf 2012 matching your filters\n\nYour current filters are…\n\n  \u{2022} Keynote\n\n    At 9:00am to 9:10am, Friday 9th March\n\n  \u{2022} A Talk\n\n    by A, B and C\n\n    Short abstract.\n\n    • a bullet\n    • another\n    At 9:00am at the start is text\n\n    At 2:00pm to 2:40pm, Friday 9th March\n\n    In E2, Santa Clara Convention Center\n\n    Coverage video note\n";

    #[test]
    fn reads_sessions_speakers_rooms_and_coverage() {
        let (s, _) = parse(PAGE, "page.txt", &tz()).unwrap();
        assert_eq!(s.conference.title, "Demo Conf 2012");
        assert_eq!(s.conference.id, "demo-conf-2012");
        assert_eq!(s.sessions.len(), 2);
        let talk = s.session("a-talk").unwrap();
        assert_eq!(talk.speakers, ["A", "B", "C"]);
        assert_eq!(talk.abstract_text, "Short abstract.");
        assert_eq!(
            talk.description,
            "• a bullet\n• another\nAt 9:00am at the start is text"
        );
        assert_eq!(talk.room.as_deref(), Some("E2"));
        assert_eq!(talk.recorded, Some(true));
        assert_eq!(talk.start.to_rfc3339(), "2012-03-09T14:00:00-08:00");
        assert_eq!(talk.minutes(), 40);
        let keynote = s.session("keynote").unwrap();
        assert_eq!(keynote.kind, Kind::Plenary);
        assert_eq!(keynote.room, None);
        assert_eq!(
            keynote.recorded, None,
            "Lanyrd says only when there is a video"
        );
        assert_eq!(
            s.conference.venue.as_deref(),
            Some("Santa Clara Convention Center")
        );
    }

    #[test]
    fn weekday_must_agree_with_date() {
        let page = PAGE.replace("Friday 9th March\n\n  ", "Monday 9th March\n\n  ");
        let e = parse(&page, "page.txt", &tz()).unwrap_err().to_string();
        assert!(
            e.starts_with("page.txt:7: 2012-03-09 is a Friday, not a Monday"),
            "{e}"
        );
    }

    #[test]
    fn explicit_year_wins() {
        let opts = Options {
            year: Some(2013),
            tz: None,
        };
        let e = parse(PAGE, "p", &opts).unwrap_err().to_string();
        assert!(e.contains("2013-03-09 is a Saturday"), "{e}");
    }

    #[test]
    fn missing_time_line_names_the_session_line() {
        let page = "Sessions at X 2012 on Friday 9th March\n\n  \u{2022} Lost\n\n    by Nobody\n";
        let e = parse(page, "lost.txt", &tz()).unwrap_err().to_string();
        assert!(
            e.starts_with("lost.txt:3: session \"Lost\" has no time line"),
            "{e}"
        );
    }

    #[test]
    fn no_header_is_an_error() {
        let e = parse("hello\n", "x.txt", &tz()).unwrap_err().to_string();
        assert!(e.starts_with("x.txt:1: not a Lanyrd listing"), "{e}");
    }
}

//! The Lanyrd listing importer: reads the plain-text session listings Lanyrd showed ("Sessions at
//! PyCon US 2012 on Friday 9th March", "… matching your filters"), as in the seed pages.
//!
//! A session starts at a two-space bullet `  • Title`. Inside it, lines are indented four
//! spaces: an optional `by A, B and C`, the description (where four-space bullets are just
//! text), then `At 9:00am to 9:10am, Friday 9th March`, an optional `In Room, Venue` and
//! optional `Coverage …` lines.

mod dates;
mod session;

use chrono_tz::Tz;

use super::{Context, Draft, Warning};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Schedule, Session};
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

/// Reads a Lanyrd listing page into a draft.
pub(in crate::import) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
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
    let Some(year) = cx.year.or_else(|| year_in(&title)) else {
        return Err(Error::parse(
            origin,
            1,
            format!(
                "cannot tell the year: the title {} holds none; pass --year",
                message::title(&title)
            ),
        ));
    };
    let page = session::Page {
        origin,
        year,
        tz: cx.flag_zone(),
    };
    let mut sessions = Vec::new();
    let mut venue = None;
    let mut start = header_end;
    while start < lines.len() {
        let end = lines[start + 1..]
            .iter()
            .position(|l| l.starts_with(BULLET))
            .map_or(lines.len(), |p| start + 1 + p);
        let (session, v) = page.session(&lines[start..end], start + 1, &mut cx.warnings)?;
        venue = venue.or(v);
        sessions.push(session);
        start = end;
    }
    Ok(Draft {
        title,
        venue,
        zone: page.tz,
        rooms: room_order(&sessions),
        sessions,
        ..Draft::default()
    })
}

/// Reads a Lanyrd listing page on its own (the importer's rules applied), with its warnings.
pub fn parse(input: &str, origin: &str, opts: &Options) -> Result<(Schedule, Vec<Warning>)> {
    let opts = super::Options {
        format: Some(super::Format::Lanyrd),
        tz: opts.tz,
        year: opts.year,
        ..super::Options::default()
    };
    let i = super::read_bytes(input.as_bytes(), origin, &opts)?;
    Ok((i.schedule, i.warnings))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

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
        assert_eq!(*talk.speakers, ["A", "B", "C"]);
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

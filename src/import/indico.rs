//! Indico's export API (`/export/event/<id>.json?detail=contributions`, or `detail=sessions`),
//! as scientific conferences publish it: `results[]` of conferences, each with its
//! `contributions` (and its sessions' contributions), times as `{date, time, tz}`. A
//! contribution with no time in the timetable is counted, not shown.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::Deserialize;

use super::draft::Draft as EventDraft;
use super::loose::Loose;
use super::three_parts::finish_all;
use super::{Context, Draft, Warning};
use crate::error::Result;
use crate::model::Stamp;

/// What the errors call this format.
const WHAT: &str = "an Indico export";

/// Whether the start of a JSON text looks like Indico's export API.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"HTTPAPIResult\"")
        || (head.contains("\"results\"") && head.contains("\"_type\": \"Conference\""))
        || (head.contains("\"results\"") && head.contains("\"_type\":\"Conference\""))
}

#[derive(Deserialize)]
struct Api {
    #[serde(default)]
    results: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    contributions: Vec<Contribution>,
    #[serde(default)]
    sessions: Vec<Session>,
}

#[derive(Deserialize)]
struct Session {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    contributions: Vec<Contribution>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contribution {
    #[serde(default)]
    id: Loose,
    #[serde(default, rename = "db_id")]
    db_id: Loose,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    start_date: Option<When>,
    #[serde(default)]
    end_date: Option<When>,
    #[serde(default)]
    duration: Loose,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    room_fullname: Option<String>,
    #[serde(default)]
    track: Option<String>,
    #[serde(default)]
    session: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    speakers: Vec<Person>,
}

/// A time as Indico writes it: a date, a clock and the zone they are in.
#[derive(Deserialize)]
struct When {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tz: Option<String>,
}

#[derive(Deserialize)]
struct Person {
    #[serde(default, rename = "fullName")]
    full_name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

impl Person {
    fn name(self) -> String {
        let parts = [self.first_name, self.last_name]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [self.full_name, Some(parts), self.name]
            .into_iter()
            .flatten()
            .find(|n| !n.trim().is_empty())
            .unwrap_or_default()
    }
}

impl When {
    /// The instant in the zone it names (the event's, `event`, parsed once; else `--tz`), or a
    /// floating wall time when no zone is known.
    fn stamp(&self, event: (&str, Option<Tz>), fallback: Option<Tz>) -> Option<Stamp> {
        let date = ymd(self.date.trim())?;
        let time = hms(self.time.trim())?;
        let tz = match self.tz.as_deref().map(str::trim) {
            Some(t) if t == event.0 => event.1,
            Some(t) => t.parse::<Tz>().ok(),
            None => None,
        }
        .or(event.1)
        .or(fallback);
        Some(Stamp::local_lenient(date.and_time(time), tz).0)
    }
}

/// The digits of `s` as a number (no sign, no spaces).
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.bytes().try_fold(0u32, |n, d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `2031-03-03`, read by hand (chrono's format parser is most of the cost of a contribution).
fn ymd(s: &str) -> Option<NaiveDate> {
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    NaiveDate::from_ymd_opt(i32::try_from(digits(y)?).ok()?, digits(m)?, digits(d)?)
}

/// `09:30:00` or `09:30`.
fn hms(s: &str) -> Option<NaiveTime> {
    let mut it = s.splitn(3, ':');
    let (h, m) = (digits(it.next()?)?, digits(it.next()?)?);
    let sec = it.next().map_or(Some(0), digits)?;
    NaiveTime::from_hms_opt(h, m, sec)
}

/// Reads an Indico export held in memory (every event in `results` into one schedule).
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let api: Api =
        serde_json::from_str(input).map_err(|e| super::frab_json::json_error(&e, origin, WHAT))?;
    let mut title = String::new();
    let mut venue = None;
    let mut zone_name = String::new();
    let mut drafts = Vec::new();
    let mut unscheduled = 0;
    for event in api.results {
        if title.is_empty() {
            title = event.title.unwrap_or_default();
            venue = event.location;
            zone_name = event.timezone.unwrap_or_default();
        }
        let event_zone = zone_name.trim().parse::<Tz>().ok();
        let zones = ((zone_name.trim(), event_zone), cx.flag_zone());
        let in_sessions = event.sessions.into_iter().flat_map(|s| {
            let name = s.title.unwrap_or_default();
            s.contributions.into_iter().map(move |c| (c, name.clone()))
        });
        let all = event
            .contributions
            .into_iter()
            .map(|c| (c, String::new()))
            .chain(in_sessions);
        for (c, session) in all {
            match draft(c, &session, zones) {
                Some(d) => drafts.push(d),
                None => unscheduled += 1,
            }
        }
    }
    let tz = cx.zone(&zone_name);
    if unscheduled > 0 {
        cx.warnings
            .push(Warning::Unscheduled { count: unscheduled });
    }
    let sessions = finish_all(drafts, origin, tz, &mut cx.warnings)?;
    Ok(Draft {
        title,
        venue,
        zone: tz,
        sessions,
        ..Draft::default()
    })
}

/// A contribution as a draft; `None` when it has no place in the timetable.
fn draft(
    c: Contribution,
    session: &str,
    (event, fallback): ((&str, Option<Tz>), Option<Tz>),
) -> Option<EventDraft> {
    let start = c.start_date.as_ref()?.stamp(event, fallback)?;
    let id = [c.id.0, c.db_id.0]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default();
    let duration = c.duration.0;
    Some(EventDraft {
        id,
        title: c.title.unwrap_or_default(),
        description: c.description.unwrap_or_default(),
        start_at: Some(start),
        end_at: c.end_date.as_ref().and_then(|e| e.stamp(event, fallback)),
        duration,
        room: [c.room, c.room_fullname]
            .into_iter()
            .flatten()
            .find(|r| !r.trim().is_empty())
            .unwrap_or_default(),
        track: [c.track, c.session, Some(session.to_string())]
            .into_iter()
            .flatten()
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default(),
        kind: c.kind.unwrap_or_default(),
        url: c.url.unwrap_or_default(),
        speakers: c.speakers.into_iter().map(Person::name).collect(),
        ..EventDraft::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_chrono_reads_them() {
        for d in [
            "2031-03-03",
            "2024-02-29",
            "2023-02-29",
            "2031-3-3",
            "31-03-03",
            "2031-03",
            "x",
        ] {
            assert_eq!(ymd(d), NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(), "{d}");
        }
        assert_eq!(hms("09:30:00"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(hms("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(hms("25:00:00"), None);
        assert_eq!(hms("9:3x"), None);
    }
}

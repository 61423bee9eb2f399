//! frab / c3voc JSON (`schedule.conference.days[].rooms{name: [events]}`), including pretalx's
//! variant (persons with code and biography).

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde_json::Value;

use super::draft::Draft;
use crate::error::{Error, Result};
use crate::model::{Conference, Schedule};
use crate::text;

/// A JSON value as text: strings as they are, numbers and booleans written out, others empty.
fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Whether the text looks like frab JSON.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"schedule\"")
}

/// Reads a frab/c3voc JSON schedule. `tz` is used when the file names no zone.
pub fn parse(input: &str, origin: &str, tz: Option<Tz>) -> Result<(Schedule, Vec<String>)> {
    let root: Value = serde_json::from_str(input).map_err(|e| Error::Parse {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message: format!("not valid JSON ({e})"),
    })?;
    let not_frab =
        |what: &str| Error::parse(origin, 1, format!("not a frab/c3voc JSON schedule: {what}"));
    let conf = root
        .get("schedule")
        .and_then(|s| s.get("conference"))
        .ok_or_else(|| not_frab("no schedule.conference"))?;
    let days = conf
        .get("days")
        .and_then(Value::as_array)
        .ok_or_else(|| not_frab("no schedule.conference.days list"))?;
    let mut warnings = Vec::new();
    let zone_name = s(conf.get("time_zone_name"));
    let tz = if zone_name.trim().is_empty() {
        tz
    } else {
        match zone_name.trim().parse::<Tz>() {
            Ok(z) => Some(z),
            Err(_) => {
                warnings.push(format!(
                    "the schedule names an unknown time zone `{}`; pass --tz",
                    zone_name.trim()
                ));
                tz
            }
        }
    };
    let mut rooms: Vec<String> = Vec::new();
    let mut sessions = Vec::new();
    for (di, day) in days.iter().enumerate() {
        let date_text = s(day.get("date"));
        let date = NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d").map_err(|_| {
            Error::parse(
                origin,
                0,
                format!("day {} has date `{date_text}`, not YYYY-MM-DD", di + 1),
            )
        })?;
        let day_start = day
            .get("day_start")
            .and_then(Value::as_str)
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.time());
        let Some(day_rooms) = day.get("rooms").and_then(Value::as_object) else {
            continue;
        };
        for (room, events) in day_rooms {
            let clean = text::clean_line(room);
            if !clean.is_empty() && !rooms.contains(&clean) {
                rooms.push(clean);
            }
            for ev in events.as_array().map(Vec::as_slice).unwrap_or(&[]) {
                let speakers = ev
                    .get("persons")
                    .and_then(Value::as_array)
                    .map(|ps| {
                        ps.iter()
                            .map(|p| match p {
                                Value::String(n) => n.clone(),
                                p => ["public_name", "full_public_name", "name"]
                                    .iter()
                                    .map(|k| s(p.get(*k)))
                                    .find(|n| !n.trim().is_empty())
                                    .unwrap_or_default(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let links = ev
                    .get("links")
                    .and_then(Value::as_array)
                    .map(|ls| {
                        ls.iter()
                            .map(|l| (s(l.get("url")), s(l.get("title"))))
                            .collect()
                    })
                    .unwrap_or_default();
                let ev_room = s(ev.get("room"));
                let draft = Draft {
                    id: s(ev.get("id")),
                    guid: s(ev.get("guid")),
                    title: s(ev.get("title")),
                    subtitle: s(ev.get("subtitle")),
                    speakers,
                    abstract_text: s(ev.get("abstract")),
                    description: s(ev.get("description")),
                    room: if ev_room.trim().is_empty() {
                        room.clone()
                    } else {
                        ev_room
                    },
                    track: s(ev.get("track")),
                    kind: s(ev.get("type")),
                    url: s(ev.get("url")),
                    links,
                    do_not_record: ev.get("do_not_record").and_then(Value::as_bool),
                    date: s(ev.get("date")),
                    start: s(ev.get("start")),
                    duration: s(ev.get("duration")),
                    day: Some(date),
                    day_start,
                    line: 0,
                };
                sessions.push(draft.finish(origin, tz)?);
            }
        }
    }
    if sessions.is_empty() {
        return Err(Error::parse(origin, 0, "the schedule holds no events"));
    }
    let title = text::clean_line(&s(conf.get("title")));
    let acronym = s(conf.get("acronym"));
    let mut schedule = Schedule {
        conference: Conference {
            id: text::slug(if acronym.trim().is_empty() {
                &title
            } else {
                &acronym
            }),
            title: if title.is_empty() {
                origin.to_string()
            } else {
                title
            },
            time_zone: tz,
            venue: None,
        },
        rooms,
        sessions,
    };
    warnings.extend(schedule.normalize());
    Ok((schedule, warnings))
}

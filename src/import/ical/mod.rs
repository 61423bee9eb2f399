//! iCalendar (RFC 5545) schedules: VEVENTs with DTSTART and DTEND or DURATION, TZID with or
//! without a matching VTIMEZONE, UTC and floating times, folded lines, CRLF or LF.

pub(crate) mod lines;
mod zone;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use lines::{ContentLines, Prop, unescape};
use zone::{Change, PartialChange, VZone, When, Zones, parse_offset, parse_rule};

use super::{html, xml};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Conference, Kind, Schedule, Session};
use crate::text;

/// "PT1H30M", "P1D", "PT45M", "-PT5M" (negative is refused) as minutes.
fn parse_duration(v: &str) -> Option<i64> {
    let v = v.trim().strip_prefix('+').unwrap_or(v.trim());
    let body = v.strip_prefix('P')?;
    let mut minutes: i64 = 0;
    let mut num = String::new();
    let mut in_time = false;
    for c in body.chars() {
        match c {
            '0'..='9' => num.push(c),
            'T' => in_time = true,
            unit => {
                let n: i64 = num.parse().ok()?;
                num.clear();
                let m = match (unit, in_time) {
                    ('W', false) => n.checked_mul(7 * 1440)?,
                    ('D', false) => n.checked_mul(1440)?,
                    ('H', true) => n.checked_mul(60)?,
                    ('M', true) => n,
                    ('S', true) => (n + 59) / 60,
                    _ => return None,
                };
                minutes = minutes.checked_add(m)?;
            }
        }
    }
    num.is_empty().then_some(minutes)
}

/// Whether the producer writes "Title - Speaker" summaries (frab, pretalx).
fn splits_summary(p: &Prop) -> bool {
    let v = p.value.to_ascii_lowercase();
    (p.name == "PRODID" && (v.contains("pretalx") || v.contains("frab")))
        || (p.name == "UID" && v.contains("frab"))
}

/// What the first pass learns about the calendar before any event is read.
#[derive(Default)]
struct Calendar {
    name: String,
    wr_tz: Option<Tz>,
    vzones: HashMap<String, VZone>,
    tzid_counts: HashMap<String, usize>,
    split_summary: bool,
    last_line: usize,
}

/// First pass: calendar properties, VTIMEZONEs, which TZIDs the events use, and the producer.
fn survey(input: &str) -> Calendar {
    let mut cal = Calendar::default();
    let mut stack: Vec<String> = Vec::new();
    let mut zone_id = String::new();
    let mut zone = VZone::default();
    let mut change: Option<PartialChange> = None;
    // Only the short properties this pass needs are split (and unfolded, when folded); long
    // ones such as DESCRIPTION are skipped by their first line.
    const WANTED: [&str; 10] = [
        "BEGIN",
        "END",
        "PRODID",
        "UID",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
        "TZID",
        "TZOFFSETTO",
        "DTSTART",
        "RRULE",
    ];
    let mut lines = ContentLines::new(input);
    for (n, head) in lines::heads(input) {
        cal.last_line = n;
        if !WANTED.contains(&lines::name_of(head).as_ref()) {
            continue;
        }
        let Some(p) = lines.skip_to(n) else { break };
        cal.split_summary |= splits_summary(&p);
        match p.name.as_ref() {
            "BEGIN" => {
                stack.push(p.value.trim().to_ascii_uppercase());
                if matches!(
                    stack.last().map(String::as_str),
                    Some("STANDARD" | "DAYLIGHT")
                ) {
                    change = Some((0, None, None));
                }
            }
            "END" => match stack.pop().unwrap_or_default().as_str() {
                "STANDARD" | "DAYLIGHT" => {
                    if let Some((off, Some(start), rule)) = change.take() {
                        zone.changes.push(Change {
                            offset_to: off,
                            start,
                            rule,
                        });
                    }
                }
                "VTIMEZONE" => {
                    cal.vzones
                        .insert(std::mem::take(&mut zone_id), std::mem::take(&mut zone));
                }
                _ => {}
            },
            name => match (stack.last().map(String::as_str), name) {
                (Some("VCALENDAR"), "X-WR-CALNAME") => cal.name = unescape(&p.value),
                (Some("VCALENDAR"), "X-WR-TIMEZONE") => {
                    cal.wr_tz = p.value.trim().parse::<Tz>().ok()
                }
                (Some("VTIMEZONE"), "TZID") => {
                    zone_id = p.value.trim().trim_start_matches('/').to_string()
                }
                (Some("STANDARD" | "DAYLIGHT"), "TZOFFSETTO") => {
                    if let (Some(c), Some(o)) = (change.as_mut(), parse_offset(&p.value)) {
                        c.0 = o;
                    }
                }
                (Some("STANDARD" | "DAYLIGHT"), "DTSTART") => {
                    if let Some(c) = change.as_mut() {
                        c.1 = NaiveDateTime::parse_from_str(p.value.trim(), "%Y%m%dT%H%M%S").ok();
                    }
                }
                (Some("STANDARD" | "DAYLIGHT"), "RRULE") => {
                    if let Some(c) = change.as_mut() {
                        c.2 = parse_rule(&p.value);
                    }
                }
                (Some("VEVENT"), "DTSTART") => {
                    if let Some(id) = p.param("TZID") {
                        *cal.tzid_counts
                            .entry(id.trim_start_matches('/').to_string())
                            .or_default() += 1;
                    }
                }
                _ => {}
            },
        }
    }
    cal
}

/// Reads an iCalendar schedule. `tz` is the venue's zone for floating times and display.
pub fn parse(input: &str, origin: &str, tz: Option<Tz>) -> Result<(Schedule, Vec<String>)> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    // Some producers end lines with a lone CR (old Mac style): read those as line ends too.
    let lf;
    let input = if !input.contains('\n') && input.contains('\r') {
        lf = input.replace('\r', "\n");
        lf.as_str()
    } else {
        input
    };
    let first = ContentLines::new(input).next();
    if first.is_none_or(|p| p.name != "BEGIN" || !p.value.trim().eq_ignore_ascii_case("VCALENDAR"))
    {
        return Err(Error::parse(
            origin,
            1,
            "not an iCalendar file: it does not start with BEGIN:VCALENDAR",
        ));
    }
    let mut warnings = Vec::new();
    let cal = survey(input);

    // The venue's zone: --tz, else the calendar's, else the IANA zone most events name.
    let named = cal
        .tzid_counts
        .iter()
        .filter_map(|(id, n)| {
            id.parse::<Tz>()
                .ok()
                .map(|tz| (*n, std::cmp::Reverse(id.as_str()), tz))
        })
        .max_by_key(|(n, id, _)| (*n, *id))
        .map(|(_, _, tz)| tz);
    let venue_tz = tz.or(cal.wr_tz).or(named);
    let zones = Zones {
        vzones: cal.vzones,
        default_tz: venue_tz,
    };

    // Second pass: one VEVENT at a time.
    let mut sessions: Vec<Session> = Vec::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut seen_rooms = std::collections::HashSet::new();
    let mut event_props: Option<(usize, Vec<Prop>)> = None;
    let mut all_day = 0usize;
    let mut ended = false;
    for p in ContentLines::new(input) {
        match p.name.as_ref() {
            "END" if p.value.trim().eq_ignore_ascii_case("VCALENDAR") => ended = true,
            "BEGIN" if p.value.trim().eq_ignore_ascii_case("VEVENT") && event_props.is_none() => {
                event_props = Some((p.line, Vec::new()));
            }
            "END" if p.value.trim().eq_ignore_ascii_case("VEVENT") => {
                let Some((line, ev)) = event_props.take() else {
                    continue;
                };
                match event(&ev, line, origin, &zones, cal.split_summary, &mut warnings)? {
                    Some(s) => {
                        if let Some(r) = &s.room
                            && seen_rooms.insert(r.clone())
                        {
                            rooms.push(r.clone());
                        }
                        sessions.push(s);
                    }
                    None => all_day += 1,
                }
            }
            _ => {
                if let Some((_, ev)) = event_props.as_mut() {
                    ev.push(p);
                }
            }
        }
    }
    if !ended {
        return Err(Error::parse(origin, cal.last_line, xml::ENDS_EARLY));
    }
    if all_day > 0 {
        warnings.push(format!("{all_day} all-day events were skipped"));
    }
    if sessions.is_empty() {
        return Err(Error::parse(
            origin,
            cal.last_line,
            "the calendar holds no timed events",
        ));
    }
    assign_night_owls(&mut sessions);
    let title = text::clean_line(&cal.name);
    let title = if title.is_empty() {
        std::path::Path::new(origin).file_stem().map_or_else(
            || "Conference".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    } else {
        title
    };
    rooms.sort_by_key(|r| natural_key(r));
    let mut schedule = Schedule {
        conference: Conference {
            id: text::slug(&title),
            title,
            time_zone: venue_tz,
            venue: None,
        },
        rooms,
        sessions,
    };
    warnings.extend(schedule.normalize());
    Ok((schedule, warnings))
}

/// Rooms sort by name with numbers compared as numbers ("Saal 2" before "Saal 10").
fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
        } else {
            if !num.is_empty() {
                out.push((std::mem::take(&mut word), num.parse().unwrap_or(u64::MAX)));
                num.clear();
            }
            word.push(c);
        }
    }
    out.push((word, num.parse().unwrap_or(0)));
    out
}

/// A session that starts after midnight (before 05:00) belongs to the conference day before,
/// when that day has sessions: calendars carry no conference days of their own.
fn assign_night_owls(sessions: &mut [Session]) {
    let dates: std::collections::HashSet<NaiveDate> =
        sessions.iter().map(|s| s.start.date()).collect();
    for s in sessions.iter_mut() {
        if s.start.time().hour() < 5
            && let Some(prev) = s.start.date().pred_opt().filter(|d| dates.contains(d))
        {
            s.day = prev;
        }
    }
}

fn event(
    props: &[Prop],
    line: usize,
    origin: &str,
    zones: &Zones,
    split_summary: bool,
    warnings: &mut Vec<String>,
) -> Result<Option<Session>> {
    let get = |n: &str| props.iter().find(|p| p.name == n);
    let summary = get("SUMMARY")
        .map(|p| unescape(&p.value))
        .unwrap_or_default();
    let label = if summary.trim().is_empty() {
        format!("the event at line {line}")
    } else {
        message::title(&summary)
    };
    let gap = |p: &Prop, moved: bool, at: &crate::model::Stamp| {
        moved.then(|| {
            format!(
                "{label}: {} {} is a time skipped by a daylight-saving change; it is read as {} (RFC 5545)",
                p.name,
                message::quote(&p.value),
                at.time().format("%H:%M")
            )
        })
    };
    let start = match get("DTSTART") {
        None => return Err(Error::parse(origin, line, "an event has no DTSTART")),
        Some(p) => match zones.stamp(p, origin, warnings)? {
            When::AllDay => return Ok(None),
            When::At(s, moved) => {
                warnings.extend(gap(p, moved, &s));
                s
            }
        },
    };
    let end = match (get("DTEND"), get("DURATION")) {
        (Some(p), _) => match zones.stamp(p, origin, warnings)? {
            When::At(s, moved) => {
                warnings.extend(gap(p, moved, &s));
                s
            }
            When::AllDay => start,
        },
        (None, Some(p)) => {
            let m = parse_duration(&p.value).ok_or_else(|| {
                Error::parse(
                    origin,
                    p.line,
                    format!("DURATION {} is not like PT45M", message::quote(&p.value)),
                )
            })?;
            start
                .checked_plus_minutes(m)
                .ok_or_else(|| Error::parse(origin, p.line, "the event ends out of range"))?
        }
        // No end: the event ends when it starts (RFC 5545, 3.6.1).
        (None, None) => start,
    };
    let (mut title, mut speakers) = (text::clean_line(&summary), Vec::new());
    for p in props
        .iter()
        .filter(|p| p.name == "ATTENDEE" || p.name == "ORGANIZER")
    {
        if let Some(cn) = p.param("CN") {
            speakers.push(text::clean_line(cn));
        }
    }
    if speakers.is_empty() && split_summary {
        // "Title - A, B"; frab writes "Title - " when there is no speaker.
        if let Some(t) = title.strip_suffix(" -") {
            title = t.trim().to_string();
        } else if let Some((t, who)) = title.rsplit_once(" - ") {
            let names: Vec<String> = who
                .split(", ")
                .map(text::clean_line)
                .filter(|n| !n.is_empty())
                .collect();
            title = t.trim().to_string();
            speakers = names;
        }
    }
    let mut description = get("DESCRIPTION")
        .map(|p| unescape(&p.value))
        .unwrap_or_default();
    if html::looks_like_html(&description) {
        description = html::to_text(&description);
    }
    if speakers.is_empty() {
        // Symposion writes "Speaker: Name" as the first line of the description.
        let first = description.lines().next().unwrap_or("");
        if let Some(names) = first
            .strip_prefix("Speakers: ")
            .or_else(|| first.strip_prefix("Speaker: "))
        {
            speakers = text::split_and(names);
            description = description.lines().skip(1).collect::<Vec<_>>().join("\n");
        }
    }
    text::clean_block_in_place(&mut description);
    // The first paragraph is the abstract; split without copying the text.
    let (abstract_text, description) = match description.find("\n\n") {
        Some(at) => {
            let rest = description.split_off(at + 2);
            description.truncate(at);
            (description, rest)
        }
        None => (description, String::new()),
    };
    let categories = get("CATEGORIES")
        .map(|p| unescape(&p.value))
        .unwrap_or_default();
    Ok(Some(Session {
        id: get("UID")
            .map(|p| p.value.trim().to_string())
            .unwrap_or_default(),
        title,
        speakers,
        abstract_text,
        description,
        day: start.date(),
        start,
        end,
        room: get("LOCATION")
            .map(|p| text::clean_line(&unescape(&p.value)))
            .filter(|r| !r.is_empty()),
        recorded: None,
        url: get("URL")
            .map(|p| p.value.trim().to_string())
            .filter(|u| !u.is_empty()),
        track: Some(
            categories
                .split(',')
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
        )
        .filter(|c| !c.is_empty()),
        kind: Kind::Talk,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M"), Some(90));
        assert_eq!(parse_duration("P1D"), Some(1440));
        assert_eq!(parse_duration("PT45M"), Some(45));
        assert_eq!(parse_duration("P1W"), Some(10080));
        assert_eq!(parse_duration("PT"), Some(0));
        assert_eq!(parse_duration("1H"), None);
        assert_eq!(parse_duration("PT99999999999999999999M"), None);
    }
}

//! iCalendar (RFC 5545) schedules: VEVENTs with DTSTART and DTEND or DURATION, TZID with or
//! without a matching VTIMEZONE, UTC and floating times, folded lines, CRLF or LF.

use std::collections::HashMap;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use super::html;
use crate::error::{Error, Result};
use crate::model::{Conference, Kind, Schedule, Session, Stamp};
use crate::text;

/// One content line: name, parameters, value, and its 1-based line.
#[derive(Debug, Clone)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
    line: usize,
}

impl Prop {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Unfolds lines (a line starting with a space or tab continues the one before) and splits
/// each into name, parameters and value.
fn content_lines(input: &str) -> Vec<Prop> {
    let mut out: Vec<Prop> = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(cont) = raw.strip_prefix([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.value.push_str(cont);
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        out.push(split_line(raw, i + 1));
    }
    out
}

fn split_line(raw: &str, line: usize) -> Prop {
    // The value starts at the first ':' outside double quotes.
    let mut quoted = false;
    let mut colon = None;
    for (i, c) in raw.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let (head, value) = match colon {
        Some(i) => (&raw[..i], &raw[i + 1..]),
        None => (raw, ""),
    };
    let mut parts = head.split(';');
    let name = parts.next().unwrap_or("").trim().to_ascii_uppercase();
    let params = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            )
        })
        .collect();
    Prop {
        name,
        params,
        value: value.to_string(),
        line,
    }
}

/// TEXT value unescaping: `\n`, `\,`, `\;`, `\\`.
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// A VTIMEZONE reduced to what lineup needs: its offsets (STANDARD, DAYLIGHT) with the month
/// and weekday rule of each change, good enough for the zones conferences publish.
#[derive(Debug, Clone, Default)]
struct VZone {
    changes: Vec<Change>,
}

#[derive(Debug, Clone)]
struct Change {
    offset_to: i32,
    start: NaiveDateTime,
    /// (month, nth weekday: 1..=5 or -1, weekday) from RRULE BYMONTH/BYDAY.
    rule: Option<(u32, i32, chrono::Weekday)>,
}

fn parse_offset(v: &str) -> Option<i32> {
    let v = v.trim();
    let sign = match v.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = &v[1..];
    if digits.len() < 4 || !digits.is_ascii() {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

fn parse_rule(rrule: &str) -> Option<(u32, i32, chrono::Weekday)> {
    let mut month = None;
    let mut byday = None;
    for part in rrule.split(';') {
        if let Some(m) = part.strip_prefix("BYMONTH=") {
            month = m.parse().ok();
        } else if let Some(d) = part.strip_prefix("BYDAY=") {
            let wd = d.get(d.len().saturating_sub(2)..)?;
            let n: i32 = d.get(..d.len().saturating_sub(2))?.parse().unwrap_or(1);
            let weekday = match wd {
                "MO" => chrono::Weekday::Mon,
                "TU" => chrono::Weekday::Tue,
                "WE" => chrono::Weekday::Wed,
                "TH" => chrono::Weekday::Thu,
                "FR" => chrono::Weekday::Fri,
                "SA" => chrono::Weekday::Sat,
                "SU" => chrono::Weekday::Sun,
                _ => return None,
            };
            byday = Some((n, weekday));
        }
    }
    let (n, wd) = byday?;
    Some((month?, n, wd))
}

impl VZone {
    /// The offset in force at a local wall-clock time.
    fn offset_at(&self, at: NaiveDateTime) -> Option<FixedOffset> {
        let mut best: Option<(NaiveDateTime, i32)> = None;
        for c in &self.changes {
            let mut candidates = vec![c.start];
            if let Some((month, n, wd)) = c.rule {
                for year in [at.year() - 1, at.year()] {
                    let day = if n > 0 {
                        NaiveDate::from_weekday_of_month_opt(
                            year,
                            month,
                            wd,
                            u8::try_from(n).unwrap_or(1),
                        )
                    } else {
                        // Last such weekday of the month.
                        (1..=5u8)
                            .rev()
                            .find_map(|k| NaiveDate::from_weekday_of_month_opt(year, month, wd, k))
                    };
                    if let Some(d) = day {
                        candidates.push(d.and_time(c.start.time()));
                    }
                }
            }
            for when in candidates {
                if when >= c.start && when <= at && best.is_none_or(|(b, _)| when > b) {
                    best = Some((when, c.offset_to));
                }
            }
        }
        let secs = match best {
            Some((_, o)) => o,
            None => self.changes.first()?.offset_to,
        };
        FixedOffset::east_opt(secs)
    }
}

/// A STANDARD or DAYLIGHT block being read: offset, DTSTART, rule.
type PartialChange = (
    i32,
    Option<NaiveDateTime>,
    Option<(u32, i32, chrono::Weekday)>,
);

/// How to read a DATE-TIME value.
struct Zones {
    vzones: HashMap<String, VZone>,
    default_tz: Option<Tz>,
}

enum When {
    At(Stamp),
    AllDay,
}

impl Zones {
    fn stamp(&self, p: &Prop, origin: &str, warnings: &mut Vec<String>) -> Result<When> {
        let v = p.value.trim();
        let bad = || {
            Error::parse(
                origin,
                p.line,
                format!(
                    "{} `{v}` is not an iCalendar date-time like 20200201T093000",
                    p.name
                ),
            )
        };
        if p.param("VALUE")
            .is_some_and(|x| x.eq_ignore_ascii_case("DATE"))
            || (v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()))
        {
            return Ok(When::AllDay);
        }
        let (body, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(b) => (b, true),
            None => (v, false),
        };
        let wall = NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M%S")
            .or_else(|_| NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M"))
            .map_err(|_| bad())?;
        if utc {
            let at = Utc.from_utc_datetime(&wall);
            return Ok(When::At(Stamp::zoned(at).in_zone(self.default_tz)));
        }
        let Some(tzid) = p.param("TZID") else {
            // Floating: the venue's local time when a zone is known.
            return Stamp::local(wall, self.default_tz)
                .map(When::At)
                .ok_or_else(bad);
        };
        let tzid = tzid.trim_start_matches('/');
        if let Ok(tz) = tzid.parse::<Tz>() {
            let at = tz.from_local_datetime(&wall).earliest().ok_or_else(|| {
                Error::parse(
                    origin,
                    p.line,
                    format!("{wall} does not exist in {tzid} (daylight-saving gap)"),
                )
            })?;
            return Ok(When::At(
                Stamp::zoned(at).in_zone(self.default_tz.or(Some(tz))),
            ));
        }
        if let Some(off) = self.vzones.get(tzid).and_then(|z| z.offset_at(wall)) {
            let at = off.from_local_datetime(&wall).earliest().ok_or_else(bad)?;
            return Ok(When::At(Stamp::zoned(at).in_zone(self.default_tz)));
        }
        let msg = format!(
            "unknown TZID `{tzid}` with no VTIMEZONE; its times are read as local time, pin them with --tz"
        );
        if !warnings.contains(&msg) {
            warnings.push(msg);
        }
        Stamp::local(wall, self.default_tz)
            .map(When::At)
            .ok_or_else(bad)
    }
}

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
fn splits_summary(props: &[Prop]) -> bool {
    props.iter().any(|p| {
        (p.name == "PRODID" && {
            let v = p.value.to_ascii_lowercase();
            v.contains("pretalx") || v.contains("frab")
        }) || (p.name == "UID" && p.value.to_ascii_lowercase().contains("frab"))
    })
}

/// Reads an iCalendar schedule. `tz` is the venue's zone for floating times and display.
pub fn parse(input: &str, origin: &str, tz: Option<Tz>) -> Result<(Schedule, Vec<String>)> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let props = content_lines(input);
    if props
        .first()
        .is_none_or(|p| p.name != "BEGIN" || !p.value.trim().eq_ignore_ascii_case("VCALENDAR"))
    {
        return Err(Error::parse(
            origin,
            1,
            "not an iCalendar file: it does not start with BEGIN:VCALENDAR",
        ));
    }
    let mut warnings = Vec::new();
    let split_summary = splits_summary(&props);

    // Calendar-level properties and time zones first.
    let mut cal_name = String::new();
    let mut wr_tz = None;
    let mut vzones: HashMap<String, VZone> = HashMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut zone_id = String::new();
    let mut zone = VZone::default();
    let mut change: Option<PartialChange> = None;
    for p in &props {
        match p.name.as_str() {
            "BEGIN" => {
                stack.push(p.value.trim().to_ascii_uppercase());
                if matches!(
                    stack.last().map(String::as_str),
                    Some("STANDARD" | "DAYLIGHT")
                ) {
                    change = Some((0, None, None));
                }
            }
            "END" => {
                let ended = stack.pop().unwrap_or_default();
                match ended.as_str() {
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
                        vzones.insert(std::mem::take(&mut zone_id), std::mem::take(&mut zone));
                    }
                    _ => {}
                }
            }
            name => match (stack.last().map(String::as_str), name) {
                (Some("VCALENDAR"), "X-WR-CALNAME") => cal_name = unescape(&p.value),
                (Some("VCALENDAR"), "X-WR-TIMEZONE") => wr_tz = p.value.trim().parse::<Tz>().ok(),
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
                _ => {}
            },
        }
    }

    // The venue's zone: --tz, else the calendar's, else the zone most events name.
    let mut tzid_counts: HashMap<&str, usize> = HashMap::new();
    for p in props.iter().filter(|p| p.name == "DTSTART") {
        if let Some(id) = p.param("TZID") {
            *tzid_counts.entry(id.trim_start_matches('/')).or_default() += 1;
        }
    }
    let named = tzid_counts
        .iter()
        .filter_map(|(id, n)| {
            id.parse::<Tz>()
                .ok()
                .map(|tz| (*n, std::cmp::Reverse(*id), tz))
        })
        .max_by_key(|(n, id, _)| (*n, *id))
        .map(|(_, _, tz)| tz);
    let venue_tz = tz.or(wr_tz).or(named);
    let zones = Zones {
        vzones,
        default_tz: venue_tz,
    };

    // Events.
    let mut sessions: Vec<Session> = Vec::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut depth_event: Option<(usize, Vec<&Prop>)> = None;
    let mut all_day = 0usize;
    let mut depth = 0usize;
    for p in &props {
        match p.name.as_str() {
            "BEGIN" => {
                depth += 1;
                if p.value.trim().eq_ignore_ascii_case("VEVENT") && depth_event.is_none() {
                    depth_event = Some((p.line, Vec::new()));
                }
            }
            "END" => {
                depth = depth.saturating_sub(1);
                if p.value.trim().eq_ignore_ascii_case("VEVENT")
                    && let Some((line, ev)) = depth_event.take()
                {
                    match event(&ev, line, origin, &zones, split_summary, &mut warnings)? {
                        Some(s) => {
                            if let Some(r) = &s.room
                                && !rooms.contains(r)
                            {
                                rooms.push(r.clone());
                            }
                            sessions.push(s);
                        }
                        None => all_day += 1,
                    }
                }
            }
            _ => {
                if let Some((_, ev)) = depth_event.as_mut() {
                    ev.push(p);
                }
            }
        }
    }
    if all_day > 0 {
        warnings.push(format!("{all_day} all-day events were skipped"));
    }
    if sessions.is_empty() {
        return Err(Error::parse(
            origin,
            props.len(),
            "the calendar holds no timed events",
        ));
    }
    if sessions.iter().all(|s| s.start.is_floating()) {
        warnings.push(format!(
            "{origin} gives no time zone, so times are kept as written; pin them with --tz (for example --tz Europe/Brussels)"
        ));
    }
    assign_night_owls(&mut sessions);
    let title = text::clean_line(&cal_name);
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
    props: &[&Prop],
    line: usize,
    origin: &str,
    zones: &Zones,
    split_summary: bool,
    warnings: &mut Vec<String>,
) -> Result<Option<Session>> {
    let get = |n: &str| props.iter().find(|p| p.name == n).copied();
    let summary = get("SUMMARY")
        .map(|p| unescape(&p.value))
        .unwrap_or_default();
    let start = match get("DTSTART") {
        None => return Err(Error::parse(origin, line, "an event has no DTSTART")),
        Some(p) => match zones.stamp(p, origin, warnings)? {
            When::AllDay => return Ok(None),
            When::At(s) => s,
        },
    };
    let end = match (get("DTEND"), get("DURATION")) {
        (Some(p), _) => match zones.stamp(p, origin, warnings)? {
            When::At(s) => s,
            When::AllDay => start,
        },
        (None, Some(p)) => {
            let m = parse_duration(&p.value).ok_or_else(|| {
                Error::parse(
                    origin,
                    p.line,
                    format!("DURATION `{}` is not like PT45M", p.value.trim()),
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
    let description = text::clean_block(&description);
    let (abstract_text, description) = match description.split_once("\n\n") {
        Some((a, d)) => (a.to_string(), d.to_string()),
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
        recorded: false,
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

    #[test]
    fn folded_lines_params_and_escapes() {
        let props = content_lines("SUMMARY;LANGUAGE=\"en:gb\":Hello\\, wor\r\n ld\\nnext\r\nX:1\n");
        assert_eq!(props[0].name, "SUMMARY");
        assert_eq!(props[0].param("language"), Some("en:gb"));
        assert_eq!(unescape(&props[0].value), "Hello, world\nnext");
        assert_eq!(props[1].line, 3);
    }

    #[test]
    fn vtimezone_rules_give_summer_and_winter_offsets() {
        let zone = VZone {
            changes: vec![
                Change {
                    offset_to: 3600,
                    start: NaiveDate::from_ymd_opt(1996, 10, 27)
                        .unwrap()
                        .and_hms_opt(3, 0, 0)
                        .unwrap(),
                    rule: Some((10, -1, chrono::Weekday::Sun)),
                },
                Change {
                    offset_to: 7200,
                    start: NaiveDate::from_ymd_opt(1981, 3, 29)
                        .unwrap()
                        .and_hms_opt(2, 0, 0)
                        .unwrap(),
                    rule: Some((3, -1, chrono::Weekday::Sun)),
                },
            ],
        };
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            zone.offset_at(at("2020-07-01T12:00"))
                .unwrap()
                .local_minus_utc(),
            7200
        );
        assert_eq!(
            zone.offset_at(at("2020-12-27T12:00"))
                .unwrap()
                .local_minus_utc(),
            3600
        );
        assert_eq!(
            zone.offset_at(at("2020-02-01T12:00"))
                .unwrap()
                .local_minus_utc(),
            3600
        );
    }
}

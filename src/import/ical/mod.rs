//! iCalendar (RFC 5545) schedules: VEVENTs with DTSTART and DTEND or DURATION, TZID with or
//! without a matching VTIMEZONE, UTC and floating times, folded lines, CRLF or LF.

mod event;
pub(crate) mod lines;
mod zone;

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use lines::{ContentLines, Prop, unescape};
use zone::{Change, PartialChange, VZone, Zones, parse_offset, parse_rule};

use super::{Context, Draft, ENDS_EARLY, Warning};
use crate::error::{Error, Result};
use crate::model::Session;

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
    /// X-WR-TIMEZONE, as written.
    wr_tz: String,
    vzones: HashMap<String, VZone>,
    tzid_counts: HashMap<String, usize>,
    split_summary: bool,
    last_line: usize,
}

impl Calendar {
    /// The zone the calendar names for its venue: X-WR-TIMEZONE when it is an IANA name, else
    /// the IANA zone most events' TZIDs name (ties to the first name), else X-WR-TIMEZONE as
    /// written (so an unknown name is reported), else none.
    fn named_zone(&self) -> String {
        let most = self
            .tzid_counts
            .iter()
            .filter(|(id, _)| id.parse::<Tz>().is_ok())
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(id.as_str())))
            .map(|(id, _)| id.clone());
        match most {
            _ if self.wr_tz.parse::<Tz>().is_ok() => self.wr_tz.clone(),
            Some(id) => id,
            None => self.wr_tz.clone(),
        }
    }
}

/// Only the short properties the first pass needs are split (and unfolded, when folded); long
/// ones such as DESCRIPTION are skipped by their first line.
const SURVEYED: [&str; 10] = [
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

/// First pass: calendar properties, VTIMEZONEs, which TZIDs the events use, and the producer.
fn survey(input: &str) -> Calendar {
    let mut s = Survey::default();
    let mut lines = ContentLines::new(input);
    while let Some(p) = lines.next_named(|name| SURVEYED.contains(&name)) {
        s.cal.split_summary |= splits_summary(&p);
        match p.name.as_ref() {
            "BEGIN" => s.begin(&p.value),
            "END" => s.end(),
            _ => s.property(&p),
        }
    }
    s.cal.last_line = lines.last_line();
    s.cal
}

/// The first pass's state: the calendar so far, the components it is inside, the VTIMEZONE and
/// the STANDARD/DAYLIGHT block being read.
#[derive(Default)]
struct Survey {
    cal: Calendar,
    stack: Vec<String>,
    zone_id: String,
    zone: VZone,
    change: Option<PartialChange>,
}

impl Survey {
    fn inside(&self) -> Option<&str> {
        self.stack.last().map(String::as_str)
    }

    fn begin(&mut self, what: &str) {
        self.stack.push(what.trim().to_ascii_uppercase());
        if matches!(self.inside(), Some("STANDARD" | "DAYLIGHT")) {
            self.change = Some((0, None, None));
        }
    }

    fn end(&mut self) {
        match self.stack.pop().unwrap_or_default().as_str() {
            "STANDARD" | "DAYLIGHT" => {
                if let Some((off, Some(start), rule)) = self.change.take() {
                    self.zone.changes.push(Change {
                        offset_to: off,
                        start,
                        rule,
                    });
                }
            }
            "VTIMEZONE" => {
                self.cal.vzones.insert(
                    std::mem::take(&mut self.zone_id),
                    std::mem::take(&mut self.zone),
                );
            }
            _ => {}
        }
    }

    fn property(&mut self, p: &Prop) {
        let in_change = matches!(self.inside(), Some("STANDARD" | "DAYLIGHT"));
        match (self.inside(), p.name.as_ref()) {
            (Some("VCALENDAR"), "X-WR-CALNAME") => self.cal.name = unescape(&p.value),
            (Some("VCALENDAR"), "X-WR-TIMEZONE") => self.cal.wr_tz = p.value.trim().to_string(),
            (Some("VTIMEZONE"), "TZID") => {
                self.zone_id = p.value.trim().trim_start_matches('/').to_string()
            }
            (Some("VEVENT"), "DTSTART") => {
                if let Some(id) = p.param("TZID") {
                    *self
                        .cal
                        .tzid_counts
                        .entry(id.trim_start_matches('/').to_string())
                        .or_default() += 1;
                }
            }
            (_, name) if in_change => {
                let Some(c) = self.change.as_mut() else {
                    return;
                };
                match name {
                    "TZOFFSETTO" => {
                        if let Some(o) = parse_offset(&p.value) {
                            c.0 = o;
                        }
                    }
                    "DTSTART" => {
                        c.1 = NaiveDateTime::parse_from_str(p.value.trim(), "%Y%m%dT%H%M%S").ok()
                    }
                    "RRULE" => c.2 = parse_rule(&p.value),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Reads an iCalendar schedule into a draft.
pub(in crate::import) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
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
    let cal = survey(input);
    let venue_tz = cx.zone(&cal.named_zone());
    let zones = Zones {
        vzones: cal.vzones.clone(),
        default_tz: venue_tz,
        iana: cal
            .tzid_counts
            .keys()
            .map(|id| (id.clone(), id.parse::<Tz>().ok()))
            .collect(),
    };
    let events = events(input, origin, &zones, cal.split_summary, &mut cx.warnings)?;
    if !events.ended {
        return Err(Error::parse(origin, cal.last_line, ENDS_EARLY));
    }
    let mut sessions = events.sessions;
    assign_night_owls(&mut sessions);
    let mut rooms: Vec<String> = sessions
        .iter()
        .filter_map(|s| s.room.as_deref())
        .collect::<std::collections::HashSet<&str>>()
        .into_iter()
        .map(str::to_string)
        .collect();
    // Ties ("Room 01", "Room 1") by the name itself: the set's order is not the file's.
    rooms.sort_by_cached_key(|r| (natural_key(r), r.clone()));
    Ok(Draft {
        title: cal.name,
        zone: venue_tz,
        rooms,
        sessions,
        all_day: events.all_day,
        ..Draft::default()
    })
}

/// What the second pass finds: the timed sessions, how many all-day events it skipped, and
/// whether the calendar ends with END:VCALENDAR.
struct Events {
    sessions: Vec<Session>,
    all_day: usize,
    ended: bool,
}

/// Second pass: the VEVENTs. A large calendar is cut at BEGIN:VEVENT lines into a part for
/// each core, read at once; the parts are joined in file order, so sessions, warnings and the
/// first error are those one reader would give. When a part ends inside an event (a VEVENT
/// without its END, where one reader would have read on), the calendar is read again whole.
fn events(
    input: &str,
    origin: &str,
    zones: &Zones,
    split_summary: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Events> {
    let cuts = cuts(input, crate::model::parts::workers(), 256 * 1024);
    events_in(input, &cuts, origin, zones, split_summary, warnings)
}

/// The VEVENTs of a calendar cut at `cuts`, the parts read at once.
fn events_in(
    input: &str,
    cuts: &[(usize, usize, usize)],
    origin: &str,
    zones: &Zones,
    split_summary: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Events> {
    let read = |&(from, to, lines): &(usize, usize, usize)| {
        let lines = ContentLines::after_lines(&input[from..to], lines);
        read_part(lines, origin, zones, split_summary)
    };
    let parts: Vec<Result<Part>> = match cuts.split_first() {
        Some((first, rest)) if !rest.is_empty() => std::thread::scope(|s| {
            let others: Vec<_> = rest.iter().map(|c| s.spawn(move || read(c))).collect();
            std::iter::once(read(first))
                .chain(others.into_iter().map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                }))
                .collect()
        }),
        _ => vec![read_part(
            ContentLines::new(input),
            origin,
            zones,
            split_summary,
        )],
    };
    let mut out = Events {
        sessions: Vec::new(),
        all_day: 0,
        ended: false,
    };
    let last = parts.len().saturating_sub(1);
    for (k, part) in parts.into_iter().enumerate() {
        let part = part?;
        if part.open_at_end && k < last {
            return read_part(ContentLines::new(input), origin, zones, split_summary)
                .map(|whole| whole.into_events(warnings));
        }
        out.all_day += part.events.all_day;
        out.ended |= part.events.ended;
        out.sessions.extend(part.events.sessions);
        for w in part.warnings {
            // An unknown TZID is named once, however many parts met it.
            if !matches!(w, Warning::UnknownTzid { .. }) || !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    Ok(out)
}

/// Where to cut a calendar into `parts` parts of at least `least` bytes: `(start, end, lines
/// before start)`, each cut at the start of a BEGIN:VEVENT line.
fn cuts(input: &str, parts: usize, least: usize) -> Vec<(usize, usize, usize)> {
    let b = input.as_bytes();
    let parts = parts.min(b.len() / least.max(1)).max(1);
    let finder = memchr::memmem::Finder::new(b"\nBEGIN:VEVENT");
    let mut starts = vec![0];
    for k in 1..parts {
        let from = (b.len() / parts * k).max(starts.last().copied().unwrap_or(0));
        let at = finder
            .find_iter(&b[from..])
            .map(|i| from + i + 1)
            .find(|&i| matches!(b.get(i + "BEGIN:VEVENT".len()), Some(b'\r' | b'\n')));
        match at {
            Some(at) if Some(&at) != starts.last() => starts.push(at),
            _ => {}
        }
    }
    let mut lines = 0;
    let mut out = Vec::with_capacity(starts.len());
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(b.len());
        out.push((from, to, lines));
        lines += memchr::memchr_iter(b'\n', &b[from..to]).count();
    }
    out
}

/// What one part of the calendar holds, and whether it ends inside a VEVENT.
struct Part {
    events: Events,
    warnings: Vec<Warning>,
    open_at_end: bool,
}

impl Part {
    fn into_events(self, warnings: &mut Vec<Warning>) -> Events {
        warnings.extend(self.warnings);
        self.events
    }
}

/// One VEVENT at a time, from a part of the calendar (or all of it).
fn read_part(
    lines: ContentLines<'_>,
    origin: &str,
    zones: &Zones,
    split_summary: bool,
) -> Result<Part> {
    let mut out = Events {
        sessions: Vec::new(),
        all_day: 0,
        ended: false,
    };
    let mut warnings = Vec::new();
    let mut open: Option<(usize, Vec<Prop>)> = None;
    for p in lines {
        let value = p.value.trim();
        match p.name.as_ref() {
            "END" if value.eq_ignore_ascii_case("VCALENDAR") => out.ended = true,
            "BEGIN" if value.eq_ignore_ascii_case("VEVENT") && open.is_none() => {
                open = Some((p.line, Vec::new()));
            }
            "END" if value.eq_ignore_ascii_case("VEVENT") => {
                let Some((line, props)) = open.take() else {
                    continue;
                };
                let ev = event::Event {
                    props: &props,
                    line,
                };
                match ev.session(origin, zones, split_summary, &mut warnings)? {
                    Some(s) => out.sessions.push(s),
                    None => out.all_day += 1,
                }
            }
            _ => {
                if let Some((_, props)) = open.as_mut() {
                    props.push(p);
                }
            }
        }
    }
    Ok(Part {
        events: out,
        warnings,
        open_at_end: open.is_some(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A calendar with what makes parts differ from a whole: folds, an all-day event, a time in
    /// a daylight-saving gap, an unknown TZID twice, and (when `broken`) a VEVENT whose END is
    /// missing, so the event after it is read inside it.
    fn calendar(broken: bool) -> String {
        let mut out = String::from("BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Berlin\r\n");
        for i in 0..40 {
            let (start, tzid) = match i {
                7 => ("20200329T023000", "Europe/Berlin"),
                11 | 29 => ("20200301T100000", "Mars/Olympus"),
                _ => ("20200301T100000", "Europe/Berlin"),
            };
            out.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:e{i}\r\nSUMMARY:Talk {i} with a title long enough to\r\n  fold\r\nDTSTART;TZID={tzid}:{start}\r\nDURATION:PT30M\r\n"
            ));
            if i == 13 {
                out.push_str(
                    "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20200302\r\nEND:VEVENT\r\n",
                );
            }
            if !(broken && i == 20) {
                out.push_str("END:VEVENT\r\n");
            }
        }
        out.push_str("END:VCALENDAR\r\n");
        out
    }

    #[test]
    fn parts_read_at_once_give_what_one_reader_gives() {
        let zones = Zones {
            vzones: HashMap::new(),
            default_tz: "Europe/Berlin".parse().ok(),
            iana: HashMap::new(),
        };
        for broken in [false, true] {
            let input = calendar(broken);
            let whole = cuts(&input, 1, 1);
            assert_eq!(whole.len(), 1);
            let mut w1 = Vec::new();
            let one = events_in(&input, &whole, "x.ics", &zones, false, &mut w1).unwrap();
            assert_eq!(one.sessions.len(), if broken { 39 } else { 40 });
            assert!(
                w1.iter().any(|w| matches!(w, Warning::DstGap { .. })),
                "{w1:?}"
            );
            let mut ways: Vec<Vec<(usize, usize, usize)>> =
                (2..=6).map(|parts| cuts(&input, parts, 1)).collect();
            assert!(ways.iter().enumerate().all(|(k, cut)| cut.len() == k + 2));
            // And a cut at every BEGIN:VEVENT line, the one inside the broken event included.
            for (at, _) in input.match_indices("\nBEGIN:VEVENT") {
                let lines = input[..=at].matches('\n').count();
                ways.push(vec![(0, at + 1, 0), (at + 1, input.len(), lines)]);
            }
            for cut in ways {
                let mut w = Vec::new();
                let many = events_in(&input, &cut, "x.ics", &zones, false, &mut w).unwrap();
                assert_eq!(many.sessions, one.sessions, "{cut:?}");
                assert_eq!((many.all_day, many.ended), (one.all_day, one.ended));
                assert_eq!(w, w1, "{cut:?}");
            }
        }
    }

    #[test]
    fn an_error_in_a_later_part_is_the_error_one_reader_gives() {
        let zones = Zones {
            vzones: HashMap::new(),
            default_tz: None,
            iana: HashMap::new(),
        };
        let input = calendar(false).replace("e33\r\nSUMMARY", "e33\r\nDTSTART:soon\r\nSUMMARY");
        let message = |parts| {
            let cut = cuts(&input, parts, 1);
            events_in(&input, &cut, "x.ics", &zones, false, &mut Vec::new())
                .err()
                .map(|e| e.to_string())
        };
        let one = message(1).unwrap();
        assert!(one.contains("x.ics"), "{one}");
        assert_eq!(message(4).as_deref(), Some(one.as_str()));
    }

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

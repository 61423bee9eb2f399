//! iCalendar (RFC 5545) schedules: VEVENTs with DTSTART and DTEND or DURATION, TZID with or
//! without a matching VTIMEZONE, UTC and floating times, folded lines, CRLF or LF.

mod event;
pub(crate) mod lines;
mod recur;
pub(in crate::import) mod stream;
mod survey;
mod zone;

use chrono::{NaiveDate, Timelike};
use chrono_tz::Tz;

use lines::{ContentLines, Prop};
use zone::Zones;

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

/// Where the calendar starts: the byte offset of the first line that is `BEGIN:VCALENDAR`,
/// when what comes before it is no more than blank lines, a BOM or markup that is not an
/// element (an HTML comment a static-site generator wraps the file in).
pub(crate) fn calendar_starts(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let bare = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if bare.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
            return Some(at + line.find(['B', 'b']).unwrap_or(0));
        }
        let element = bare
            .match_indices('<')
            .any(|(i, _)| bare[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()));
        if element || at > 64 * 1024 {
            return None;
        }
        at += line.len();
    }
    None
}

/// Where the calendar ends: the byte just after its last `END:VCALENDAR` line.
fn calendar_ends(text: &str) -> usize {
    calendar_end(text).unwrap_or(text.len())
}

/// The byte just after the last `END:VCALENDAR` line, when there is one: lines (each ending
/// after its CR or LF) are looked at from the end, so a calendar's whole text is not walked
/// to find its last line.
fn calendar_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut end = b.len();
    while end > 0 {
        let start = memchr::memrchr2(b'\n', b'\r', &b[..end - 1]).map_or(0, |i| i + 1);
        if text[start..end]
            .trim()
            .eq_ignore_ascii_case("END:VCALENDAR")
        {
            return Some(end);
        }
        end = start;
    }
    None
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
    let Some(begin) = calendar_starts(input) else {
        return Err(Error::parse(
            origin,
            1,
            "not an iCalendar file: it does not start with BEGIN:VCALENDAR",
        ));
    };
    let end = calendar_ends(input).max(begin);
    let (before, after) = (&input[..begin], &input[end..]);
    let lines = |s: &str| s.lines().filter(|l| !l.trim().is_empty()).count();
    if lines(before) + lines(after) > 0 {
        cx.warnings.push(Warning::OutsideCalendar {
            before: lines(before),
            after: lines(after),
        });
    }
    let input = &input[begin..end];
    let cuts = cuts(input, crate::model::parts::workers(), 256 * 1024);
    let cal = survey::survey(input, &cuts);
    let (venue_tz, zones) = zones(&cal, cx);
    let (events, _) = events(
        input,
        &cuts,
        origin,
        &zones,
        cal.split_summary,
        &mut cx.warnings,
    )?;
    finish(cal, venue_tz, events, origin, cx)
}

/// The zone the calendar names for its venue, and the zones its events' times are read in.
fn zones(cal: &survey::Calendar, cx: &mut Context) -> (Option<Tz>, Zones) {
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
    (venue_tz, zones)
}

/// The draft of a calendar surveyed and read: recurring events expanded, night owls placed,
/// rooms listed.
fn finish(
    cal: survey::Calendar,
    venue_tz: Option<Tz>,
    events: Events,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft> {
    if !events.ended {
        return Err(Error::parse(origin, cal.last_line, ENDS_EARLY));
    }
    let mut sessions = recur::expand(events.sessions, events.series, venue_tz, &mut cx.warnings);
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
        title: cal
            .name
            .filter(|n| !n.trim().is_empty())
            .or(cal.description)
            .unwrap_or_default(),
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
    /// The recurring events among them.
    series: Vec<recur::Series>,
    all_day: usize,
    ended: bool,
}

/// Second pass: the VEVENTs, the parts read at once and joined in file order, so sessions,
/// warnings and the first error are those one reader would give. When a part ends inside an
/// event (a VEVENT without its END, where one reader would have read on), the calendar is read
/// again whole.
fn events(
    input: &str,
    cuts: &[Cut],
    origin: &str,
    zones: &Zones,
    split_summary: bool,
    warnings: &mut Vec<Warning>,
) -> Result<(Events, bool)> {
    let parts = crate::model::parts::each(cuts, |cut| {
        let lines = ContentLines::after_lines(&input[cut.from..cut.to], cut.lines);
        read_part(lines, origin, zones, split_summary)
    });
    let mut out = Events {
        sessions: Vec::new(),
        series: Vec::new(),
        all_day: 0,
        ended: false,
    };
    let last = parts.len().saturating_sub(1);
    let mut open = false;
    for (k, part) in parts.into_iter().enumerate() {
        let part = part?;
        if part.open_at_end && k < last {
            let lines = ContentLines::after_lines(input, cuts.first().map_or(0, |c| c.lines));
            return read_part(lines, origin, zones, split_summary).map(|whole| {
                let open = whole.open_at_end;
                (whole.into_events(warnings), open)
            });
        }
        open = part.open_at_end;
        out.take(part.events);
        for w in part.warnings {
            // An unknown TZID is named once, however many parts met it.
            if !matches!(w, Warning::UnknownTzid { .. }) || !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }
    Ok((out, open))
}

impl Events {
    /// Adds what a later part read, its recurring events renumbered after these sessions.
    fn take(&mut self, later: Events) {
        self.all_day += later.all_day;
        self.ended |= later.ended;
        let before = self.sessions.len();
        self.series.extend(later.series.into_iter().map(|mut s| {
            s.at += before;
            s
        }));
        // The first part's sessions are taken as they are (no second copy of them), unless
        // room was made for all of them.
        if self.sessions.capacity() == 0 {
            self.sessions = later.sessions;
        } else {
            self.sessions.extend(later.sessions);
        }
    }
}

/// A part of a calendar: its bytes `from..to`, and how many lines come before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    from: usize,
    to: usize,
    lines: usize,
}

/// Where to cut a calendar into `parts` parts of at least `least` bytes, each cut at the start
/// of a BEGIN:VEVENT line (one part, the whole, when it is small).
fn cuts(input: &str, parts: usize, least: usize) -> Vec<Cut> {
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
        out.push(Cut { from, to, lines });
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
        series: Vec::new(),
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
                    Some(mut s) => {
                        if let Some(id) = ev.overrides(&s.id, origin, zones, &mut warnings)? {
                            s.id = id.into();
                        } else if let Some(series) =
                            ev.series(out.sessions.len(), origin, zones, &mut warnings)?
                        {
                            out.series.push(series);
                        }
                        out.sessions.push(s);
                    }
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
    use std::collections::HashMap;

    use super::*;

    /// The last `END:VCALENDAR` line found walking every line from the start: the oracle.
    fn calendar_end_walking(text: &str) -> Option<usize> {
        let mut end = None;
        let mut at = 0;
        for line in text.split_inclusive(['\n', '\r']) {
            at += line.len();
            if line.trim().eq_ignore_ascii_case("END:VCALENDAR") {
                end = Some(at);
            }
        }
        end
    }

    proptest::proptest! {
        #[test]
        fn the_calendar_end_found_from_the_end_is_the_last_one_from_the_start(
            pieces in proptest::collection::vec(0usize..10, 0..30)
        ) {
            const PIECES: [&str; 10] = [
                "END:VCALENDAR", "end:vcalendar", " END:VCALENDAR\t", "\r", "\n", "\r\n",
                "x", "\u{2003}", "END:VEVENT", "é",
            ];
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(calendar_end(&text), calendar_end_walking(&text));
        }
    }

    /// A calendar with what makes parts differ from a whole: folds, an all-day event, a time in
    /// a daylight-saving gap, an unknown TZID twice, and (when `broken`) a VEVENT whose END is
    /// missing, so the event after it is read inside it.
    pub(super) fn calendar(broken: bool) -> String {
        let mut out = String::from(
            "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Early\r\nX-WR-TIMEZONE:Europe/Berlin\r\n\
             BEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n\
             TZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
        );
        for i in 0..40 {
            let (start, tzid) = match i {
                7 => ("20200329T023000", "Europe/Berlin"),
                11 | 29 => ("20200301T100000", "Mars/Olympus"),
                25 => ("20200301T100000", "Custom"),
                _ => ("20200301T100000", "Europe/Berlin"),
            };
            if i == 30 {
                out.push_str("X-WR-CALNAME:Late\r\n");
            }
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
            let one = events(&input, &whole, "x.ics", &zones, false, &mut w1)
                .unwrap()
                .0;
            assert_eq!(one.sessions.len(), if broken { 39 } else { 40 });
            assert!(
                w1.iter().any(|w| matches!(w, Warning::DstGap { .. })),
                "{w1:?}"
            );
            let mut ways: Vec<Vec<Cut>> = (2..=6).map(|parts| cuts(&input, parts, 1)).collect();
            assert!(ways.iter().enumerate().all(|(k, cut)| cut.len() == k + 2));
            // And a cut at every BEGIN:VEVENT line, the one inside the broken event included.
            for (at, _) in input.match_indices("\nBEGIN:VEVENT") {
                let lines = input[..=at].matches('\n').count();
                ways.push(vec![
                    Cut {
                        from: 0,
                        to: at + 1,
                        lines: 0,
                    },
                    Cut {
                        from: at + 1,
                        to: input.len(),
                        lines,
                    },
                ]);
            }
            let all = survey::survey(&input, &whole);
            // The broken event swallows the later name.
            let name = if broken { "Early" } else { "Late" };
            assert_eq!(all.name.as_deref(), Some(name));
            for cut in ways {
                let part = survey::survey(&input, &cut);
                assert_eq!(part.name, all.name);
                assert_eq!(part.named_zone(), all.named_zone());
                assert_eq!(part.tzid_counts, all.tzid_counts);
                assert_eq!(part.vzones.len(), 1);
                assert_eq!(part.last_line, all.last_line);
                let mut w = Vec::new();
                let many = events(&input, &cut, "x.ics", &zones, false, &mut w)
                    .unwrap()
                    .0;
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
            events(&input, &cut, "x.ics", &zones, false, &mut Vec::new())
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

//! iCalendar (RFC 5545) export: one VEVENT a session, times in UTC (floating when the schedule
//! has no zone), text escaped, lines folded at 75 octets on character boundaries, CRLF ends.

use std::io::{self, Write};

use super::{ExportSet, Item};
use crate::agenda::{Exported, Standing};
use crate::model::{Session, Stamp};

/// TEXT escaping: backslash, semicolon, comma and newline; other control characters (never in a
/// cleaned schedule, but a calendar line must not carry one) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets a line, continuation lines start with a space, and no
/// UTF-8 character is split.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74; // the leading space counts
    }
}

fn when(s: &Stamp) -> String {
    if s.is_floating() {
        s.wall().format("%Y%m%dT%H%M%S").to_string()
    } else {
        s.utc().format("%Y%m%dT%H%M%SZ").to_string()
    }
}

/// Writes the calendar as it goes, one event at a time, and returns the export marks
/// (SEQUENCE) to record for each pick.
pub fn write(set: &ExportSet, out: &mut dyn Write) -> io::Result<Vec<(String, Exported)>> {
    for l in header(set) {
        line(out, &l)?;
    }
    let stamp = set.now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut marks = Vec::new();
    for item in &set.items {
        let sequence = match &item.pick {
            None => 0,
            Some(p) => {
                // A pick the schedule cancelled or dropped is cancelled in the calendar too.
                let off = !item.state.is_live();
                let mark = mark(&item.session, p.exported.as_ref(), off);
                let seq = mark.sequence;
                marks.push((item.session.id.to_string(), mark));
                seq
            }
        };
        let cancelled = item.pick.is_some() && !item.state.is_live();
        for l in event(set, item, &stamp, sequence, cancelled) {
            line(out, &l)?;
        }
    }
    // Unpicked since a calendar was told of them: cancelled, so the calendar drops them.
    for w in &set.withdrawn {
        let session = super::gone(&w.id, &w.title, w.start, w.end, w.room.as_ref());
        let mark = mark(&session, w.exported.as_ref(), true);
        let item = Item {
            session: std::borrow::Cow::Owned(session),
            pick: Some(w.clone()),
            state: Standing::Gone,
        };
        for l in event(set, &item, &stamp, mark.sequence, true) {
            line(out, &l)?;
        }
        marks.push((w.id.to_string(), mark));
    }
    // The person's own events, each with a UID of its own (made from its id, so a calendar
    // updates it in place on the next import).
    for e in &set.events {
        for l in own_event(set, e, &stamp) {
            line(out, &l)?;
        }
    }
    line(out, "END:VCALENDAR")?;
    Ok(marks)
}

/// One content line, folded, with its CRLF.
fn line(out: &mut dyn Write, l: &str) -> io::Result<()> {
    out.write_all(fold(l).as_bytes())?;
    out.write_all(b"\r\n")
}

/// What the calendar is told of a session now: the last SEQUENCE, one higher when its time or
/// room changed since the last export, or it was cancelled (or came back).
fn mark(s: &Session, last: Option<&Exported>, cancelled: bool) -> Exported {
    let sequence = match last {
        None => 0,
        Some(m)
            if m.start == s.start
                && m.end == s.end
                && m.room.as_deref() == s.room.as_deref()
                && m.cancelled == cancelled =>
        {
            m.sequence
        }
        Some(m) => m.sequence.saturating_add(1),
    };
    Exported {
        start: s.start,
        end: s.end,
        room: s.room.as_deref().map(str::to_string),
        sequence,
        cancelled,
    }
}

/// The calendar's own lines: version, producer, name, zone.
fn header(set: &ExportSet) -> Vec<String> {
    let conf = &set.schedule.conference;
    let what = if set.plan.is_some() {
        "my agenda"
    } else {
        "schedule"
    };
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//lineup//lineup {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("{} — {what}", conf.title))
        ),
    ];
    if let Some(tz) = conf.time_zone {
        lines.push(format!("X-WR-TIMEZONE:{}", tz.name()));
    }
    lines
}

/// One VEVENT's lines.
fn event(set: &ExportSet, item: &Item, stamp: &str, sequence: u32, cancelled: bool) -> Vec<String> {
    let conf = &set.schedule.conference;
    let s = &item.session;
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(&format!("{}@{}.lineup", s.id, conf.id))),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART:{}", when(&s.start)),
        format!("DTEND:{}", when(&s.end)),
        format!("SEQUENCE:{sequence}"),
        match s.language.as_deref() {
            // RFC 5545's LANGUAGE parameter: the language the title is in.
            Some(l) => format!("SUMMARY;LANGUAGE={l}:{}", escape(&s.title)),
            None => format!("SUMMARY:{}", escape(&s.title)),
        },
    ];
    if cancelled {
        lines.push("STATUS:CANCELLED".into());
    }
    let place = [s.room.as_deref(), conf.venue.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !place.is_empty() {
        lines.push(format!("LOCATION:{}", escape(&place)));
    }
    let desc = description(item);
    if !desc.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(&desc)));
    }
    if let Some(u) = &s.url {
        lines.push(format!("URL:{}", u.replace(|c: char| c.is_control(), "")));
    }
    if let Some(t) = &s.track {
        lines.push(format!("CATEGORIES:{}", escape(t)));
    }
    if let (Some(minutes), false) = (set.alarm, cancelled) {
        lines.extend([
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!("DESCRIPTION:{}", escape(&s.title)),
            format!("TRIGGER:-PT{minutes}M"),
            "END:VALARM".to_string(),
        ]);
    }
    lines.push("END:VEVENT".into());
    lines
}

/// One VEVENT of the person's own event.
fn own_event(set: &ExportSet, e: &crate::agenda::Event, stamp: &str) -> Vec<String> {
    let conf = &set.schedule.conference;
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!(
            "UID:{}",
            escape(&format!("event-{}@{}.lineup", e.id, conf.id))
        ),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART:{}", when(&e.start)),
        format!("DTEND:{}", when(&e.end)),
        format!("SUMMARY:{}", escape(&e.title)),
        "CATEGORIES:lineup personal".to_string(),
    ];
    if let Some(p) = &e.place {
        lines.push(format!("LOCATION:{}", escape(p)));
    }
    if let Some(minutes) = set.alarm {
        lines.extend([
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!("DESCRIPTION:{}", escape(&e.title)),
            format!("TRIGGER:-PT{minutes}M"),
            "END:VALARM".to_string(),
        ]);
    }
    lines.push("END:VEVENT".into());
    lines
}

/// The speakers, a note when the session is gone, and the texts.
fn description(item: &Item) -> String {
    let s = &item.session;
    let mut desc = String::new();
    if !s.speakers.is_empty() {
        let label = if s.speakers.len() == 1 {
            "Speaker"
        } else {
            "Speakers"
        };
        desc.push_str(&format!("{label}: {}\n", s.speakers.join(", ")));
    }
    match item.state {
        Standing::Gone => desc.push_str("(no longer in the schedule)\n"),
        Standing::Cancelled => desc.push_str("(cancelled by the schedule)\n"),
        _ => {}
    }
    desc.push_str(&s.full_text());
    desc.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds_on_char_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "日本語".repeat(20));
        let folded = fold(&long);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}

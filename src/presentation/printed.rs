//! Text for printing: the personal agenda (what `lineup agenda` prints and the `.txt` export
//! writes) and the whole schedule by day, wrapped to a width in terminal columns.

use super::days::{Row, agenda_days};
use super::plan::MINE;
use super::{counts, duration, notes, place, span};
use crate::agenda::{Event, Overview};
use crate::model::{Schedule, Session};
use crate::text;
use std::io::{self, Write};

/// The agenda as text at most `width` columns wide (80 for print).
pub fn agenda(schedule: &Schedule, (plan, events): (&Overview, &[Event]), width: usize) -> String {
    to_string(|out| write_agenda(out, schedule, (plan, events), width))
}

/// Text written into memory.
fn to_string(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing into memory does not fail; the text is all ours, UTF-8 by construction.
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// [`agenda`], written as it goes.
pub fn write_agenda(
    out: &mut dyn Write,
    schedule: &Schedule,
    (plan, events): (&Overview, &[Event]),
    width: usize,
) -> io::Result<()> {
    let width = width.max(40);
    let c = &schedule.conference;
    let zone = super::zone_words(schedule);
    for l in text::wrap(&format!("{} — my agenda ({zone})", c.title), width) {
        out.write_all(l.as_bytes())?;
        out.write_all(b"\n")?;
    }
    if plan.picks.is_empty() && events.is_empty() {
        out.write_all("\nNo picks yet.\n".as_bytes())?;
    }
    let room_w = plan
        .picks
        .iter()
        .map(|p| text::width(&place(p.room.as_deref(), p.kind)))
        .chain(
            events
                .iter()
                .filter_map(|e| e.place.as_deref().map(text::width)),
        )
        .max()
        .unwrap_or(1)
        .clamp(2, 24.min(width / 3).max(2));
    let indent = 2 + 11 + 2 + room_w + 2;
    let text_w = width.saturating_sub(indent).max(20);
    let pad = " ".repeat(indent);
    let pick_lines = |out: &mut dyn Write, i: usize| -> io::Result<()> {
        let p = &plan.picks[i];
        let room = text::pad(&place(p.room.as_deref(), p.kind), room_w);
        let mut body = text::wrap(&p.title, text_w);
        if !p.speakers.is_empty() {
            body.extend(text::wrap(&text::join_and(&p.speakers), text_w));
        }
        for n in notes(plan, i) {
            body.extend(text::wrap(&n.line(), text_w));
        }
        for (k, b) in body.iter().enumerate() {
            if k == 0 {
                writeln!(out, "  {}  {room}  {b}", span(&p.start, &p.end),)?;
            } else {
                writeln!(out, "{pad}{b}")?;
            }
        }
        Ok(())
    };
    // A day of only picks the schedule cancelled or dropped is listed with them, below.
    for (date, rows) in agenda_days(plan, events) {
        out.write_all(b"\n")?;
        out.write_all(date.format("%A %-d %B %Y").to_string().as_bytes())?;
        out.write_all(b"\n")?;
        for row in rows {
            match row {
                Row::Free(start, end) => {
                    writeln!(
                        out,
                        "  {}  free ({})",
                        span(&start, &end),
                        duration(start.minutes_until(&end))
                    )?;
                }
                Row::Pick(i) => pick_lines(out, i)?,
                Row::Mine(e) => {
                    let place =
                        text::pad(&text::fit(e.place.as_deref().unwrap_or(""), room_w), room_w);
                    for (k, b) in text::wrap(&format!("{MINE} {}", e.title), text_w)
                        .iter()
                        .enumerate()
                    {
                        if k == 0 {
                            writeln!(out, "  {}  {place}  {b}", span(&e.start, &e.end))?;
                        } else {
                            writeln!(out, "{pad}{b}")?;
                        }
                    }
                }
            }
        }
    }
    let off: Vec<usize> = (0..plan.picks.len())
        .filter(|&i| !plan.picks[i].state.is_live())
        .collect();
    if !off.is_empty() {
        out.write_all(b"\nCancelled by the schedule, or gone from it\n")?;
        for i in off {
            writeln!(out, "  {}", plan.picks[i].start.date().format("%a %-d %b"))?;
            pick_lines(out, i)?;
        }
    }
    out.write_all(b"\n")?;
    for l in text::wrap(&counts(plan), width) {
        out.write_all(l.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The whole schedule (or the given sessions of it) by day, at most `width` columns wide,
/// written as it goes.
pub fn write_schedule<'a>(
    out: &mut dyn Write,
    schedule: &Schedule,
    sessions: impl ExactSizeIterator<Item = &'a Session>,
    width: usize,
) -> io::Result<()> {
    let width = width.max(40);
    let count = sessions.len();
    let zone = super::zone_words(schedule);
    writeln!(out, "{} — schedule ({zone})", schedule.conference.title)?;
    let mut day = None;
    // Room names whole where the page allows: as wide as the schedule's widest, 9 to 24.
    let room_w = schedule
        .rooms
        .iter()
        .map(|r| text::width(r))
        .max()
        .unwrap_or(9)
        .clamp(9, 24.min(width / 3));
    let indent = " ".repeat(2 + 11 + 2 + room_w + 2);
    for s in sessions {
        if day != Some(s.day) {
            day = Some(s.day);
            write!(out, "\n{}\n", s.day.format("%A %-d %B %Y"))?;
        }
        let room = text::pad(
            &text::fit(&place(s.room.as_deref(), s.kind), room_w),
            room_w,
        );
        let mut body = text::wrap(&s.title, width.saturating_sub(indent.len()).max(20));
        if !s.speakers.is_empty() {
            body.extend(text::wrap(
                &s.speaker_line(),
                width.saturating_sub(indent.len()).max(20),
            ));
        }
        for (k, b) in body.iter().enumerate() {
            if k == 0 {
                writeln!(out, "  {}  {room}  {b}", span(&s.start, &s.end))?;
            } else {
                writeln!(out, "{indent}{b}")?;
            }
        }
    }
    write!(out, "\n{count} sessions\n")?;
    Ok(())
}

//! Text for printing: the personal agenda (what `lineup agenda` prints and the `.txt` export
//! writes) and the whole schedule by day, wrapped to a width in terminal columns.

use super::{counts, duration, notes, place, span};
use crate::agenda::{Line, Plan};
use crate::model::{Schedule, Session};
use crate::text;

/// The agenda as text at most `width` columns wide (80 for print).
pub fn agenda(schedule: &Schedule, plan: &Plan, width: usize) -> String {
    let width = width.max(40);
    let c = &schedule.conference;
    let zone = c.time_zone.map_or("local time".to_string(), |tz| {
        format!("times in {}", tz.name())
    });
    let mut out = String::new();
    for l in text::wrap(&format!("{} — my agenda ({zone})", c.title), width) {
        out.push_str(&l);
        out.push('\n');
    }
    if plan.picks.is_empty() {
        out.push_str("\nNo picks yet.\n");
    }
    let room_w = plan
        .picks
        .iter()
        .map(|p| text::width(&place(p.room.as_deref(), p.kind)))
        .max()
        .unwrap_or(1)
        .clamp(2, 12);
    let indent = 2 + 11 + 2 + room_w + 2;
    let text_w = width.saturating_sub(indent).max(20);
    let pad = " ".repeat(indent);
    for day in &plan.days {
        out.push('\n');
        out.push_str(&day.date.format("%A %-d %B %Y").to_string());
        out.push('\n');
        for line in &day.lines {
            match line {
                Line::Gap { start, end } => {
                    out.push_str(&format!(
                        "  {}  free ({})\n",
                        span(start, end),
                        duration(start.minutes_until(end))
                    ));
                }
                Line::Pick(i) => {
                    let p = &plan.picks[*i];
                    let room = text::pad(&place(p.room.as_deref(), p.kind), room_w);
                    let mut body = text::wrap(&p.title, text_w);
                    if !p.speakers.is_empty() {
                        body.extend(text::wrap(&text::join_and(&p.speakers), text_w));
                    }
                    for n in notes(plan, *i) {
                        body.extend(text::wrap(&n.line(), text_w));
                    }
                    for (k, b) in body.iter().enumerate() {
                        if k == 0 {
                            out.push_str(&format!("  {}  {room}  {b}\n", span(&p.start, &p.end),));
                        } else {
                            out.push_str(&format!("{pad}{b}\n"));
                        }
                    }
                }
            }
        }
    }
    out.push('\n');
    for l in text::wrap(&counts(plan), width) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The whole schedule (or the given sessions of it) by day, at most `width` columns wide.
pub fn schedule<'a>(
    schedule: &Schedule,
    sessions: impl ExactSizeIterator<Item = &'a Session>,
    width: usize,
) -> String {
    let width = width.max(40);
    let count = sessions.len();
    let mut out = format!("{} — schedule\n", schedule.conference.title);
    let mut day = None;
    for s in sessions {
        if day != Some(s.day) {
            day = Some(s.day);
            out.push_str(&format!("\n{}\n", s.day.format("%A %-d %B %Y")));
        }
        let room = text::pad(&place(s.room.as_deref(), s.kind), 9);
        let indent = " ".repeat(2 + 11 + 2 + 9 + 2);
        let mut body = text::wrap(&s.title, width.saturating_sub(indent.len()).max(20));
        if !s.speakers.is_empty() {
            body.extend(text::wrap(
                &s.speaker_line(),
                width.saturating_sub(indent.len()).max(20),
            ));
        }
        for (k, b) in body.iter().enumerate() {
            if k == 0 {
                out.push_str(&format!("  {}  {room}  {b}\n", span(&s.start, &s.end)));
            } else {
                out.push_str(&format!("{indent}{b}\n"));
            }
        }
    }
    out.push_str(&format!("\n{count} sessions\n"));
    out
}

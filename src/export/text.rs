//! The printable plain-text agenda: grouped by day, start–end, room, title, speakers, clashes
//! with their overlap, free gaps, room changes, and a footer with counts. Wraps at a width.

use crate::agenda::{Line, PickState, Plan};
use crate::model::{Kind, Schedule, Stamp};
use crate::text;

fn hm(s: &Stamp) -> String {
    s.time().format("%H:%M").to_string()
}

/// "14:00–14:40".
pub fn span(a: &Stamp, b: &Stamp) -> String {
    format!("{}–{}", hm(a), hm(b))
}

/// Where a session is, the same words in every output: its room, "all rooms" for a plenary,
/// "no room" for a talk the schedule gives none.
pub fn place(room: Option<&str>, kind: Kind) -> String {
    match (room, kind) {
        (Some(r), _) => r.to_string(),
        (None, Kind::Plenary) => "all rooms".into(),
        (None, Kind::Talk) => "no room".into(),
    }
}

/// "40 min", "1 h 5 min".
pub fn duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many clashes a pick's notes name one by one; the rest are counted.
pub const CLASHES_NAMED: usize = 3;

/// The footer: "5 picks, 1 clash, 1 room change without time to walk, 1 moved".
pub fn counts(plan: &Plan) -> String {
    let mut parts = vec![plural(plan.picks.len() as u64, "pick", "picks")];
    parts.push(plural(plan.clash_count(), "clash", "clashes"));
    if !plan.room_changes.is_empty() {
        parts.push(plural(
            plan.room_changes.len() as u64,
            "room change without time to walk",
            "room changes without time to walk",
        ));
    }
    let moved = plan
        .picks
        .iter()
        .filter(|p| matches!(p.state, PickState::Moved { .. }))
        .count();
    if moved > 0 {
        parts.push(format!("{moved} moved"));
    }
    let missing = plan
        .picks
        .iter()
        .filter(|p| p.state == PickState::Missing)
        .count();
    if missing > 0 {
        parts.push(format!("{missing} no longer in the schedule"));
    }
    parts.join(", ")
}

/// The notes under a pick: clashes, moves, missing, a tight room change.
pub fn notes(plan: &Plan, i: usize) -> Vec<String> {
    let p = &plan.picks[i];
    let mut out = Vec::new();
    for (j, minutes) in plan.clashes_of(i, CLASHES_NAMED) {
        let o = &plan.picks[j];
        out.push(format!(
            "!! clashes {} with {} ({}{})",
            duration(minutes),
            o.title,
            span(&o.start, &o.end),
            o.room
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default()
        ));
    }
    let more = plan.clashes_with(i).saturating_sub(CLASHES_NAMED);
    if more > 0 {
        out.push(format!(
            "!! and {more} more {} (`lineup clashes` lists them)",
            if more == 1 { "clash" } else { "clashes" }
        ));
    }
    match &p.state {
        PickState::Current => {}
        PickState::Moved { start, end, room } => out.push(format!(
            "~ moved: was {} {}{}",
            start.date().format("%a %d %b"),
            span(start, end),
            room.as_deref()
                .map(|r| format!(" in {r}"))
                .unwrap_or_default()
        )),
        PickState::Missing => out.push("? no longer in the schedule".into()),
    }
    if let Some(j) = plan.tight_change_after(i) {
        let next = &plan.picks[j];
        out.push(format!(
            "> next: {} in {} starts as this ends, no time to walk",
            next.title,
            place(next.room.as_deref(), next.kind)
        ));
    }
    out
}

/// The agenda as text at most `width` columns wide (80 for print).
pub fn render(schedule: &Schedule, plan: &Plan, width: usize) -> String {
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
                        body.extend(text::wrap(&n, text_w));
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

/// The text export: the plan of the picks, or the whole schedule by day.
pub fn render_set(set: &super::ExportSet, width: usize) -> String {
    if let Some(plan) = &set.plan {
        return render(set.schedule, plan, width);
    }
    let width = width.max(40);
    let mut out = format!("{} — schedule\n", set.schedule.conference.title);
    let mut day = None;
    for item in &set.items {
        let s = &item.session;
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
    out.push_str(&format!("\n{} sessions\n", set.items.len()));
    out
}

/// A session's facts as `lineup show` and the detail view print them: (label, value) for when,
/// where, video, track, link and id.
pub fn session_facts(
    schedule: &crate::model::Schedule,
    s: &crate::model::Session,
) -> Vec<(&'static str, String)> {
    let conf = &schedule.conference;
    let zone = conf
        .time_zone
        .map_or("(local time, no zone known)".to_string(), |tz| {
            tz.name().to_string()
        });
    let mut facts = vec![(
        "When",
        format!(
            "{}, {} {} ({})",
            s.start.date().format("%A %Y-%m-%d"),
            span(&s.start, &s.end),
            zone,
            duration(s.minutes())
        ),
    )];
    // "room E2", but "Room 5" and "all rooms" as they are.
    let named = place(s.room.as_deref(), s.kind);
    let place = match &s.room {
        Some(r) if !r.to_lowercase().starts_with("room") => format!("room {named}"),
        _ => named,
    };
    let venue = conf
        .venue
        .as_ref()
        .map(|v| format!(", {v}"))
        .unwrap_or_default();
    facts.push(("Where", format!("{place}{venue}")));
    if let Some(rec) = s.recorded {
        facts.push((
            "Video",
            if rec { "recorded" } else { "not recorded" }.into(),
        ));
    }
    if let Some(t) = &s.track {
        facts.push(("Track", t.clone()));
    }
    if let Some(u) = &s.url {
        facts.push(("Link", u.clone()));
    }
    facts.push(("Id", s.id.clone()));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::default_schedule;

    #[test]
    fn where_does_not_double_the_word_room() {
        let schedule = default_schedule().unwrap();
        let mut s = schedule.sessions[10].clone();
        let where_ = |s: &crate::model::Session| {
            session_facts(&schedule, s)
                .into_iter()
                .find(|(l, _)| *l == "Where")
                .unwrap()
                .1
        };
        s.room = Some("Room 5".into());
        assert_eq!(where_(&s), "Room 5, Santa Clara Convention Center");
        s.room = Some("E2".into());
        assert_eq!(where_(&s), "room E2, Santa Clara Convention Center");
        s.room = None;
        s.kind = Kind::Plenary;
        assert_eq!(where_(&s), "all rooms, Santa Clara Convention Center");
    }
}

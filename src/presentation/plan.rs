//! The plan in words: why a pick was left out, each day's chosen picks, dropped picks, free
//! time with what fits, and what to watch later.

use std::fmt::Write;

use super::{duration, hm, plural, span};
use crate::agenda::Priority;
use crate::agenda::choose::{self, Partial, Reason, Wish};
use crate::agenda::plan::{DayPlan, Plan};
use crate::agenda::walking::Walking;
use crate::message;
use crate::model::Schedule;

fn room(w: &Wish) -> &str {
    w.room.as_deref().unwrap_or("no room")
}

/// Whether a dropped pick is a *must* left out for another *must*: a choice for the person.
pub fn is_decision(day: &DayPlan, dropped: usize, reason: &Reason) -> bool {
    let named = match reason {
        Reason::Clash { with, .. } => *with,
        Reason::Walk { from, to } => {
            if *from == dropped {
                *to
            } else {
                *from
            }
        }
        // The person's own event is not a pick: nothing to decide between picks.
        Reason::Busy { .. } => return false,
    };
    day.wishes[dropped].priority == Priority::Must && day.wishes[named].priority == Priority::Must
}

/// "clashes with must "Advanced Security Topics" (E1, 13:45–14:40) for 40 min", or "no time to
/// walk from E1 (ends 14:40) to E3 (starts 14:40)".
pub fn reason(day: &DayPlan, reason: &Reason) -> String {
    let w = &day.wishes;
    match reason {
        Reason::Clash { with, minutes } => {
            let c = &w[*with];
            format!(
                "clashes with {} {} ({}, {}) for {}",
                c.priority.name(),
                message::title(&c.title),
                room(c),
                span(&c.start, &c.end),
                duration(*minutes)
            )
        }
        Reason::Walk { from, to } => format!(
            "no time to walk from {} (ends {}) to {} (starts {})",
            room(&w[*from]),
            hm(&w[*from].end),
            room(&w[*to]),
            hm(&w[*to].start)
        ),
        Reason::Busy { event, minutes } => {
            let Some(e) = day.events.get(*event) else {
                return "your own event".into();
            };
            let place = e
                .place
                .as_deref()
                .map_or_else(String::new, |p| format!("{}, ", message::for_terminal(p)));
            if *minutes > 0 {
                format!(
                    "clashes with your event {} ({place}{}) for {}",
                    message::title(&e.title),
                    span(&e.start, &e.end),
                    duration(*minutes)
                )
            } else {
                format!(
                    "no time to walk to or from your event {} ({place}{})",
                    message::title(&e.title),
                    span(&e.start, &e.end)
                )
            }
        }
    }
}

pub use crate::agenda::plan::Entry;

/// When an alternative to a missed talk runs: "starts now", "starts in 5 min", "started 5 min
/// ago".
pub fn alternative_when(a: &crate::agenda::missed::Alternative) -> String {
    match (a.running, a.starts_in) {
        (0, 0) => "starts now".to_string(),
        (0, m) => format!("starts in {}", duration(m)),
        (m, _) => format!("started {} ago", duration(m)),
    }
}

/// The mark an event of the person's own carries wherever it is listed.
pub const MINE: &str = "◆";

/// Between two chosen picks: "leave 10 min early for "X" (E3, 14:40)" when the plan cuts the
/// first, else for different rooms "then to E3 for 14:40 (10 min between, 5 to walk)".
pub fn walk_note(from: &Wish, to: &Wish, walking: &Walking) -> Option<String> {
    let walk = walking.minutes(from.room.as_deref(), to.room.as_deref());
    if let Some(c) = choose::cut_by(from, to, walking).filter(|c| *c > 0) {
        return Some(format!(
            "leave {} early for {} ({}, {})",
            duration(c),
            message::title(&to.title),
            room(to),
            hm(&to.start)
        ));
    }
    if matches!((&from.room, &to.room), (Some(a), Some(b)) if a == b) {
        return None;
    }
    let between = from.end.minutes_until(&to.start);
    Some(format!(
        "then to {} for {} ({} between{})",
        room(to),
        hm(&to.start),
        duration(between.max(0)),
        if walk > 0 {
            format!(", {} to walk", duration(walk))
        } else {
            String::new()
        }
    ))
}

/// The partial way to see a dropped pick too, when its overlap is small: "leave "X" 10 min
/// early", "arrive 10 min late to "X"".
pub fn partial(day: &DayPlan, dropped: usize, reason: &Reason) -> Option<String> {
    let Reason::Clash { with, .. } = reason else {
        return None;
    };
    choose::partial(&day.wishes, dropped, *with).map(|p| match p {
        Partial::LeaveEarly { talk, minutes } => format!(
            "leave {} {} early",
            message::title(&day.wishes[talk].title),
            duration(minutes)
        ),
        Partial::ArriveLate { talk, minutes } => format!(
            "arrive {} late to {}",
            duration(minutes),
            message::title(&day.wishes[talk].title)
        ),
    })
}

/// The plan as text: per day the chosen picks, the dropped ones with their reasons, the gaps
/// with how many talks fit (and the first few), then the watch-later list.
pub fn text(best: &Plan, schedule: &Schedule, walking: &Walking) -> String {
    let mut out = String::new();
    let areas = if walking.has_areas() {
        format!(
            ", by area: {}",
            walking
                .areas
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{} — the plan (walking {} between rooms{areas})",
        schedule.conference.title,
        duration(walking.default)
    );
    if best.days.is_empty() {
        out.push_str("No picks yet: `lineup pick SESSION` adds some.\n");
    }
    for day in &best.days {
        let _ = writeln!(out, "\n{}", day.date.format("%A %-d %B %Y"));
        let entries = day.entries();
        for (n, &entry) in entries.iter().enumerate() {
            let w = day.entry_wish(entry);
            let (what, title) = match entry {
                Entry::Pick(_) => (w.priority.name(), w.title.clone()),
                Entry::Event(_) => ("mine", format!("{MINE} {}", w.title)),
            };
            let _ = writeln!(
                out,
                "  {}  {:<10} {:<5} {}",
                span(&w.start, &w.end),
                crate::text::fit(room(&w), 10),
                what,
                message::for_terminal(&title)
            );
            if let Some(note) = entries
                .get(n + 1)
                .and_then(|&next| walk_note(&w, &day.entry_wish(next), walking))
            {
                let _ = writeln!(out, "{:>31}{note}", "");
            }
        }
        for (i, r) in &day.choice.dropped {
            let w = &day.wishes[*i];
            let decide = if is_decision(day, *i, r) {
                " — two musts: decide which"
            } else {
                ""
            };
            let partial =
                partial(day, *i, r).map_or_else(String::new, |p| format!(" (to see both: {p})"));
            let _ = writeln!(
                out,
                "  dropped {} {}: {}{decide}{partial}",
                w.priority.name(),
                message::title(&w.title),
                reason(day, r)
            );
        }
        for g in &day.gaps {
            let names: Vec<String> = g
                .fits
                .iter()
                .take(3)
                .map(|&i| message::title(&schedule.sessions[i].title))
                .collect();
            let _ = writeln!(
                out,
                "  free {} ({}): {}{}",
                span(&g.start, &g.end),
                duration(g.start.minutes_until(&g.end)),
                plural(g.fits.len() as u64, "talk fits", "talks fit"),
                if names.is_empty() {
                    String::new()
                } else {
                    format!(", e.g. {}", names.join(", "))
                }
            );
        }
    }
    if !best.watch_later.is_empty() {
        out.push_str("\nWatch later (recorded, left out):\n");
        for l in &best.watch_later {
            let _ = writeln!(
                out,
                "  {}{}",
                message::title(&l.title),
                l.url
                    .as_deref()
                    .map_or_else(String::new, |u| format!("  {u}"))
            );
        }
    }
    out
}

/// The plan for scripts: `{"days": [{"date", "chosen", "dropped", "gaps"}], "watch_later"}`.
pub fn json(best: &Plan, schedule: &Schedule) -> serde_json::Value {
    use serde_json::json;
    let days: Vec<serde_json::Value> = best
        .days
        .iter()
        .map(|day| {
            let chosen: Vec<_> = day
                .choice
                .chosen
                .iter()
                .map(|&i| {
                    let w = &day.wishes[i];
                    json!({"id": w.id, "priority": w.priority, "title": w.title,
                           "start": w.start, "end": w.end, "room": w.room})
                })
                .collect();
            let dropped: Vec<_> = day
                .choice
                .dropped
                .iter()
                .map(|(i, r)| {
                    let w = &day.wishes[*i];
                    json!({"id": w.id, "priority": w.priority, "title": w.title,
                           "reason": reason(day, r), "decide": is_decision(day, *i, r),
                           "partial": partial(day, *i, r)})
                })
                .collect();
            let gaps: Vec<_> = day
                .gaps
                .iter()
                .map(|g| {
                    let fits: Vec<&str> = g
                        .fits
                        .iter()
                        .map(|&i| schedule.sessions[i].id.as_str())
                        .collect();
                    json!({"start": g.start, "end": g.end, "fits": fits})
                })
                .collect();
            let events: Vec<_> = day
                .events
                .iter()
                .map(|e| {
                    json!({"id": e.id, "title": e.title, "start": e.start, "end": e.end,
                                "place": e.place})
                })
                .collect();
            json!({"date": day.date, "events": events, "chosen": chosen, "dropped": dropped,
                   "gaps": gaps})
        })
        .collect();
    let later: Vec<_> = best
        .watch_later
        .iter()
        .map(|l| json!({"id": l.id, "title": l.title, "url": l.url}))
        .collect();
    json!({"days": days, "watch_later": later})
}

/// The gaps of the plan, each with every talk that fits (time, room, title), best first.
pub fn gaps_text(best: &Plan, schedule: &Schedule) -> String {
    let mut out = String::new();
    for day in &best.days {
        let _ = writeln!(out, "{}", day.date.format("%A %-d %B %Y"));
        if day.gaps.is_empty() {
            out.push_str("  no free time between your picks\n");
        }
        for g in &day.gaps {
            let _ = writeln!(
                out,
                "  free {} ({}): {}",
                span(&g.start, &g.end),
                duration(g.start.minutes_until(&g.end)),
                plural(g.fits.len() as u64, "talk fits", "talks fit")
            );
            // Room names whole, as wide as the widest here (up to 32 columns).
            let room = |i: usize| {
                let s = &schedule.sessions[i];
                super::place(s.room.as_deref(), s.kind)
            };
            let room_w = g
                .fits
                .iter()
                .map(|&i| crate::text::width(&room(i)))
                .max()
                .unwrap_or(4)
                .clamp(4, 32);
            for &i in &g.fits {
                let s = &schedule.sessions[i];
                let _ = writeln!(
                    out,
                    "    {}  {} {}",
                    span(&s.start, &s.end),
                    crate::text::pad(&crate::text::fit(&room(i), room_w), room_w),
                    s.title
                );
            }
        }
    }
    if best.days.is_empty() {
        out.push_str("No picks yet: `lineup pick SESSION` adds some.\n");
    }
    out
}

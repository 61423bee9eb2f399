//! Words and marks shown to people, the same on every surface (the TUI, the command line, the
//! printed exports): times and spans, durations, plurals, where a session is, a session's facts,
//! and typed marks ([`Badge`]) and notes ([`Note`]) for picks, whose kind says how they read.
//! Nothing here decides anything or touches a file; it only says what the model and plan hold.

pub mod changes;
pub mod days;
pub mod now;
pub mod plan;
pub mod printed;

use crate::agenda::{Overview, Standing};
use crate::model::{Kind, Schedule, Session, Stamp};

/// The mark before a picked title.
pub const PICKED: &str = "★";
/// The mark before a picked title that clashes with another pick.
pub const CLASH: &str = "‼";
/// The mark before a *must* pick's title (when it does not clash).
pub const MUST: &str = "✪";
/// The mark before a *maybe* pick's title (when it does not clash).
pub const MAYBE: &str = "☆";

/// The mark before a pick the plan leaves out (it clashes with a pick that matters more).
pub const LEFT_OUT: &str = "✗";

/// The mark before a pick the schedule cancelled, or dropped: it is not happening.
pub const OFF: &str = "⊘";

/// The mark of session `i` when it is picked, as the planner has it: [`OFF`] when the schedule
/// cancelled it, else [`pick_mark`] of its priority, clash and place in the plan. The grid,
/// now-and-next and every other list of sessions show this one mark.
pub fn mark_of(planner: &crate::agenda::Planner, i: usize) -> Option<&'static str> {
    if !planner.is_picked(i) {
        return None;
    }
    if planner.is_cancelled(i) {
        return Some(OFF);
    }
    let id = &planner.schedule().sessions[i].id;
    Some(pick_mark(
        planner.priority(id).unwrap_or_default(),
        planner.is_clashing(i),
        planner.is_dropped(i),
    ))
}

/// The mark of a pick in the overview: [`OFF`] when it is not live, else [`pick_mark`].
pub fn placed_mark(planner: &crate::agenda::Planner, k: usize) -> &'static str {
    let overview = planner.overview();
    let p = &overview.picks[k];
    if !p.state.is_live() {
        return OFF;
    }
    let dropped = planner
        .index_of(&p.id)
        .is_some_and(|i| planner.is_dropped(i));
    pick_mark(
        planner.priority(&p.id).unwrap_or_default(),
        overview.clashes_with(k) > 0,
        dropped,
    )
}

/// The mark of a pick: left out by the plan first, then a clash (it needs attention), else its
/// priority.
pub fn pick_mark(
    priority: crate::agenda::Priority,
    clashing: bool,
    left_out: bool,
) -> &'static str {
    use crate::agenda::Priority;
    match (left_out, clashing, priority) {
        (true, _, _) => LEFT_OUT,
        (false, true, _) => CLASH,
        (false, false, Priority::Must) => MUST,
        (false, false, Priority::Want) => PICKED,
        (false, false, Priority::Maybe) => MAYBE,
    }
}

/// How many clashes a pick's notes name one by one; the rest are counted.
pub const CLASHES_NAMED: usize = 3;

/// "14:00".
pub fn hm(s: &Stamp) -> String {
    s.time().format("%H:%M").to_string()
}

/// "14:00–14:40".
pub fn span(a: &Stamp, b: &Stamp) -> String {
    format!("{}–{}", hm(a), hm(b))
}

/// "40 min", "1 h", "1 h 5 min".
pub fn duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "1 pick", "2 picks".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where a session is: its room, "all rooms" for a plenary, "no room" for a talk the schedule
/// gives none.
pub fn place(room: Option<&str>, kind: Kind) -> String {
    match (room, kind) {
        (Some(r), _) => r.to_string(),
        (None, Kind::Plenary | Kind::Break) => "all rooms".into(),
        (None, Kind::Talk) => "no room".into(),
    }
}

/// The zone a schedule's times are in, in words: "times in Europe/Brussels", "times at
/// UTC+01:00" for a schedule that gives offsets but no zone name, "local time" only for times
/// that float (no zone, no offsets).
pub fn zone_words(schedule: &Schedule) -> String {
    if let Some(tz) = schedule.shown_zone() {
        return format!("times in {}", tz.name());
    }
    match offset_label(schedule) {
        Some(offset) => format!("times at {offset}"),
        None => "local time".to_string(),
    }
}

/// "UTC+01:00": the offset of a schedule whose times carry offsets but no zone name (from its
/// first session); `None` when the times float or there are none.
pub fn offset_label(schedule: &Schedule) -> Option<String> {
    offset_of(&schedule.sessions.first()?.start)
}

/// "UTC+01:00": the offset a zoned time carries; `None` for a floating time.
pub fn offset_of(stamp: &Stamp) -> Option<String> {
    let (_, _, offset, floating) = stamp.to_parts();
    (!floating).then(|| {
        let sign = if offset < 0 { '-' } else { '+' };
        let m = offset.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
    })
}

/// The counts: "5 picks, 1 clash, 1 room change without time to walk, 1 moved, 1 cancelled by
/// the schedule" (the picks counted first are the live ones; cancelled and gone ones after).
pub fn counts(plan: &Overview) -> String {
    let mut parts = vec![plural(plan.live_count() as u64, "pick", "picks")];
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
        .filter(|p| matches!(p.state, Standing::Moved { .. }))
        .count();
    if moved > 0 {
        parts.push(format!("{moved} moved"));
    }
    let cancelled = plan
        .picks
        .iter()
        .filter(|p| p.state == Standing::Cancelled)
        .count();
    if cancelled > 0 {
        parts.push(format!("{cancelled} cancelled by the schedule"));
    }
    let missing = plan
        .picks
        .iter()
        .filter(|p| p.state == Standing::Gone)
        .count();
    if missing > 0 {
        parts.push(format!("{missing} no longer in the schedule"));
    }
    parts.join(", ")
}

/// How a mark or note reads: a warning, or information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Warning,
    Information,
}

/// The mark of a picked session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    Picked,
    /// Picked, and clashing with this many other picks.
    Clash {
        others: usize,
    },
}

impl Badge {
    /// The badge of a pick that clashes with `others` other picks.
    pub fn of(others: usize) -> Badge {
        if others > 0 {
            Badge::Clash { others }
        } else {
            Badge::Picked
        }
    }

    pub fn mark(&self) -> &'static str {
        match self {
            Badge::Picked => PICKED,
            Badge::Clash { .. } => CLASH,
        }
    }

    pub fn tone(&self) -> Tone {
        match self {
            Badge::Picked => Tone::Information,
            Badge::Clash { .. } => Tone::Warning,
        }
    }
}

/// A note under a pick in the agenda, typed: its kind says its tone and mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Clashes with another pick for `minutes`.
    Clash {
        title: String,
        span: String,
        room: Option<String>,
        minutes: i64,
    },
    /// More clashes than are named one by one.
    MoreClashes { count: usize },
    /// The session moved since it was picked; where it was.
    Moved { was: String, room: Option<String> },
    /// The session is no longer in the schedule.
    Missing,
    /// The schedule marks the session cancelled.
    Cancelled,
    /// The next pick starts as this one ends, in another room.
    NoTimeToWalk { next: String, place: String },
}

impl Note {
    pub fn tone(&self) -> Tone {
        match self {
            Note::Clash { .. } | Note::MoreClashes { .. } => Tone::Warning,
            _ => Tone::Information,
        }
    }

    /// The mark a note line starts with in text: "!!" a clash, "~" a move, "?" gone, ">" a walk.
    pub fn mark(&self) -> &'static str {
        match self {
            Note::Clash { .. } | Note::MoreClashes { .. } => "!!",
            Note::Moved { .. } => "~",
            Note::Missing | Note::Cancelled => "?",
            Note::NoTimeToWalk { .. } => ">",
        }
    }

    /// The note as a line of text, its mark first.
    pub fn line(&self) -> String {
        format!("{} {self}", self.mark())
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::Clash {
                title,
                span,
                room,
                minutes,
            } => write!(
                f,
                "clashes {} with {title} ({span}{})",
                duration(*minutes),
                room.as_deref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default()
            ),
            Note::MoreClashes { count } => write!(
                f,
                "and {count} more {} (`lineup clashes` lists them)",
                if *count == 1 { "clash" } else { "clashes" }
            ),
            Note::Moved { was, room } => write!(
                f,
                "moved: was {was}{}",
                room.as_deref()
                    .map(|r| format!(" in {r}"))
                    .unwrap_or_default()
            ),
            Note::Missing => {
                f.write_str("no longer in the schedule: unpick it, or keep it as a reminder")
            }
            Note::Cancelled => {
                f.write_str("cancelled by the schedule: unpick it, or keep it as a reminder")
            }
            Note::NoTimeToWalk { next, place } => write!(
                f,
                "next: {next} in {place} starts as this ends, no time to walk"
            ),
        }
    }
}

/// The notes under pick `i`: its clashes (a few named, the rest counted), a move, a session
/// gone, a room change with no time to walk.
pub fn notes(plan: &Overview, i: usize) -> Vec<Note> {
    let p = &plan.picks[i];
    let mut out: Vec<Note> = plan
        .clashes_of(i, CLASHES_NAMED)
        .into_iter()
        .map(|(j, minutes)| {
            let o = &plan.picks[j];
            Note::Clash {
                title: o.title.clone(),
                span: span(&o.start, &o.end),
                room: o.room.clone(),
                minutes,
            }
        })
        .collect();
    let more = plan.clashes_with(i).saturating_sub(CLASHES_NAMED);
    if more > 0 {
        out.push(Note::MoreClashes { count: more });
    }
    match &p.state {
        Standing::Live => {}
        Standing::Moved { start, end, room } => out.push(Note::Moved {
            was: format!("{} {}", start.date().format("%a %d %b"), span(start, end)),
            room: room.clone(),
        }),
        Standing::Gone => out.push(Note::Missing),
        Standing::Cancelled => out.push(Note::Cancelled),
    }
    if let Some(j) = plan.tight_change_after(i) {
        let next = &plan.picks[j];
        out.push(Note::NoTimeToWalk {
            next: next.title.clone(),
            place: place(next.room.as_deref(), next.kind),
        });
    }
    out
}

/// How many notes [`notes`] gives pick `i`, without making them (for laying out a long agenda).
pub fn note_count(plan: &Overview, i: usize) -> usize {
    let clashes = plan.clashes_with(i);
    let moved_or_gone = plan
        .picks
        .get(i)
        .is_some_and(|p| !matches!(p.state, Standing::Live));
    clashes.min(CLASHES_NAMED)
        + usize::from(clashes > CLASHES_NAMED)
        + usize::from(moved_or_gone)
        + usize::from(plan.tight_change_after(i).is_some())
}

/// A session's facts as `lineup show` and the detail view give them: (label, value) for when,
/// where, video (only when the source says), track, language, link, id and guid.
pub fn session_facts(schedule: &Schedule, s: &Session) -> Vec<(&'static str, String)> {
    let conf = &schedule.conference;
    let zone = schedule
        .shown_zone()
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
        facts.push(("Track", t.to_string()));
    }
    if let Some(l) = &s.language {
        facts.push(("Language", crate::text::language_label(l)));
    }
    if let Some(t) = &s.session_type {
        facts.push(("Kind", t.to_string()));
    }
    if let Some(u) = &s.url {
        facts.push(("Link", u.to_string()));
    }
    facts.push(("Id", s.id.to_string()));
    if let Some(g) = s.guid.as_ref().filter(|g| **g != s.id) {
        facts.push(("Guid", g.to_string()));
    }
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
        let where_ = |s: &Session| {
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

    proptest::proptest! {
        /// Laying out a long agenda counts notes without making them: the count is the notes'.
        #[test]
        fn note_count_is_how_many_notes_there_are(
            picks in proptest::collection::vec((0i64..600, 10i64..120, 0usize..3, 0u8..3), 0..40)
        ) {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 2, 1).unwrap();
            let at = |m: i64| Stamp::floating(day.and_hms_opt(9, 0, 0).unwrap() + chrono::Duration::minutes(m));
            let mut placed: Vec<crate::agenda::Placed> = picks
                .iter()
                .enumerate()
                .map(|(k, &(start, len, room, state))| crate::agenda::Placed {
                    id: format!("p{k}"),
                    title: format!("Talk {k}"),
                    speakers: Vec::new(),
                    day,
                    start: at(start),
                    end: at(start + len),
                    room: Some(format!("R{room}")),
                    kind: Kind::Talk,
                    language: None,
                    state: match state {
                        0 => Standing::Live,
                        1 => Standing::Gone,
                        _ => Standing::Moved { start: at(0), end: at(10), room: None },
                    },
                })
                .collect();
            placed.sort_by_key(|p| (p.start, p.end));
            let plan = Overview::from_placed(placed, None);
            for i in 0..plan.picks.len() {
                proptest::prop_assert_eq!(note_count(&plan, i), notes(&plan, i).len());
            }
        }
    }

    #[test]
    fn notes_and_badges_are_typed() {
        let clash = Note::Clash {
            title: "Code".into(),
            span: "14:00–14:40".into(),
            room: Some("E2".into()),
            minutes: 40,
        };
        assert_eq!(clash.tone(), Tone::Warning);
        assert_eq!(
            clash.line(),
            "!! clashes 40 min with Code (14:00–14:40, E2)"
        );
        assert_eq!(Note::Missing.tone(), Tone::Information);
        assert_eq!(
            Note::Missing.line(),
            "? no longer in the schedule: unpick it, or keep it as a reminder"
        );
        assert_eq!(Badge::of(0), Badge::Picked);
        assert_eq!(Badge::of(2).mark(), CLASH);
        assert_eq!(Badge::of(2).tone(), Tone::Warning);
    }
}

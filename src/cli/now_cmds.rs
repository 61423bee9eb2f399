//! `lineup now` and `lineup next`: one line for a status bar, exit status 1 when nothing is on.

use std::process::ExitCode;

use super::{AgendaArgs, SourceArgs, open, print, resolve};
use crate::error::Result;
use crate::model::{Schedule, Stamp};
use crate::presentation::now::{NEXT_FORMAT, NOW_FORMAT, fill};
use crate::workspace::clock;

/// Which talk: the one under way, or the next to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    Now,
    Next,
}

/// `lineup now|next [--all] [--format STR]`.
pub(super) fn now_or_next(
    source: &SourceArgs,
    args: &AgendaArgs,
    (when, all): (When, bool),
    format: Option<&str>,
    typed_now: Option<&str>,
) -> Result<ExitCode> {
    let open::Planned { planner, .. } =
        open::planned(source, args, crate::agenda::plan::Settings::default())?;
    let schedule = planner.schedule();
    let now = match typed_now {
        Some(t) => resolve::now(t, schedule)?,
        None => now_of(schedule),
    };
    // My picks as the plan keeps them (a pick it leaves out, or the schedule cancelled, is
    // never now or next); with --all, any session.
    let found = match (when, all) {
        (When::Now, false) => planner.pick_now(now).map(|i| &schedule.sessions[i]),
        (When::Next, false) => planner.pick_next(now).map(|i| &schedule.sessions[i]),
        (When::Now, true) => schedule
            .sessions
            .iter()
            .filter(|s| s.start <= now && now < s.end && !s.is_cancelled())
            .min_by_key(|s| (std::cmp::Reverse(s.start), s.end)),
        (When::Next, true) => schedule
            .sessions
            .iter()
            .filter(|s| s.start > now && !s.is_cancelled())
            .min_by_key(|s| (s.start, s.end)),
    };
    // An event of your own counts as much as a talk: the one that comes first is now or next.
    let own = match (when, all) {
        (When::Now, false) => planner.event_now(now),
        (When::Next, false) => planner.event_next(now),
        _ => None,
    }
    .map(|e| crate::model::Session::stand_in(&e.id, &e.title, (e.start, e.end), e.place.as_ref()));
    let found = match (found, own.as_ref()) {
        (Some(s), Some(e)) => Some(match when {
            When::Now if e.start > s.start => e,
            When::Next if e.start < s.start => e,
            _ => s,
        }),
        (s, e) => s.or(e),
    };
    let Some(s) = found else {
        return Ok(ExitCode::from(1));
    };
    let template = format.unwrap_or(match when {
        When::Now => NOW_FORMAT,
        When::Next => NEXT_FORMAT,
    });
    let line = fill(template, s, &now)?;
    print(&format!("{line}\n"))
}

/// Now, in the schedule's zone (a floating schedule's wall-clock time is this machine's).
pub(super) fn now_of(schedule: &Schedule) -> Stamp {
    if schedule.is_floating() {
        Stamp::floating(clock::local_now().naive_local())
    } else {
        Stamp::zoned(clock::now()).in_zone(schedule.conference.time_zone)
    }
}

/// How often `lineup remind` looks at the clock, the agenda and the schedule again.
const REMIND_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// `lineup remind [--before MIN] [--once] [--command CMD]`.
pub(super) fn remind(
    source: &SourceArgs,
    args: &AgendaArgs,
    (before, once, command): (Option<u32>, bool, Option<&str>),
    typed_now: Option<&str>,
) -> Result<ExitCode> {
    use crate::agenda::remind;
    use crate::workspace::notify::{self, Via};
    let settings = &open::config().settings;
    let before = i64::from(before.or(settings.remind_before).unwrap_or(5));
    let via = match command
        .map(str::to_string)
        .or(settings.remind_command.clone())
    {
        Some(cmd) => Via::Command(cmd),
        None => Via::Desktop,
    };
    let mut sent: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut since: Option<Stamp> = None;
    loop {
        // The agenda and the schedule as they are now: a pick or a move since is followed.
        let open::Planned { planner, .. } = open::planned_walking(source, args)?;
        let schedule = std::sync::Arc::clone(planner.schedule());
        let now = match typed_now {
            Some(t) => resolve::now(t, &schedule)?,
            None => now_of(&schedule),
        };
        // The first look catches what came due while nothing ran (the talk not begun yet);
        // --once, only the last minute's (run every minute, nothing twice).
        let from = since.unwrap_or_else(|| now.plus_minutes(if once { -1 } else { -before }));
        for r in remind::due(&planner, before, (from, now)) {
            if !sent.insert(r.key.clone()) {
                continue;
            }
            let text = crate::presentation::now::reminder_line(&r, now.minutes_until(&r.start));
            println!("{text}");
            if let Err(e) = notify::send(&r, &text, &via) {
                eprintln!("lineup: {e}");
            }
        }
        let last = schedule.sessions.iter().map(|s| s.end).max();
        if once || typed_now.is_some() || last.is_none_or(|l| now >= l) {
            return Ok(ExitCode::SUCCESS);
        }
        since = Some(now);
        std::thread::sleep(REMIND_EVERY);
    }
}

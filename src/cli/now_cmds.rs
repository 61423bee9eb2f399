//! `lineup now` and `lineup next`: one line for a status bar, exit status 1 when nothing is on.

use std::process::ExitCode;

use super::{AgendaArgs, SourceArgs, open, print, resolve, warn};
use crate::agenda::plan;
use crate::error::{Error, Result};
use crate::model::{Schedule, Session, Stamp};
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
    let opened = open::both(source, args)?;
    warn(&opened.notes);
    let schedule = &opened.schedule;
    let now = match typed_now {
        Some(t) => resolve::now(t, schedule)?,
        None => now_of(schedule),
    };
    let agenda = opened.store.agenda();
    // The plan's choice comes first among picks that clash.
    let kept = plan::plan(schedule, agenda, plan::Settings::default());
    let chosen = kept.chosen_ids();
    let candidates = schedule
        .sessions
        .iter()
        .filter(|s| all || agenda.is_picked(&s.id));
    let rank = |s: &Session| !chosen.contains(s.id.as_str());
    let found = match when {
        When::Now => candidates
            .filter(|s| s.start <= now && now < s.end)
            .min_by_key(|s| (rank(s), std::cmp::Reverse(s.start), s.end)),
        When::Next => candidates
            .filter(|s| s.start > now)
            .min_by_key(|s| (s.start, rank(s), s.end)),
    };
    let Some(s) = found else {
        return Ok(ExitCode::from(1));
    };
    let template = format.unwrap_or(match when {
        When::Now => NOW_FORMAT,
        When::Next => NEXT_FORMAT,
    });
    let line = fill(template, s, &now).map_err(Error::Usage)?;
    print(&format!("{line}\n"))
}

/// Now, in the schedule's zone (a floating schedule's wall-clock time is this machine's).
fn now_of(schedule: &Schedule) -> Stamp {
    if schedule.is_floating() {
        Stamp::floating(clock::local_now().naive_local())
    } else {
        Stamp::zoned(clock::now()).in_zone(schedule.conference.time_zone)
    }
}

//! Opening what a command works on: the schedule (`--schedule`, else the built-in one) and the
//! agenda for it, with what to tell the person about them. A schedule that gives no zone is read
//! in the zone the agenda was made with, when it has one.

use std::path::PathBuf;

use chrono_tz::Tz;

use super::{AgendaArgs, SourceArgs, say};
use crate::agenda::{self, Store};
use crate::error::Result;
use crate::import;
use crate::model::Schedule;
use crate::native;

/// A schedule read, with the warnings to show and whether its times float.
pub struct Read {
    pub schedule: Schedule,
    pub notes: Vec<String>,
    floating: Option<String>,
}

/// Reads the schedule `source` names.
pub fn read(source: &SourceArgs) -> Result<Read> {
    let Some(path) = &source.schedule else {
        return Ok(Read {
            schedule: native::default_schedule()?,
            notes: Vec::new(),
            floating: None,
        });
    };
    let opts = import::Options {
        format: source.schedule_format.map(Into::into),
        tz: source.zone.tz,
        year: source.zone.year,
        format_flag: "--schedule-format",
    };
    let imported = import::read_file(path, &opts)?;
    Ok(Read {
        schedule: imported.schedule,
        notes: imported.warnings.iter().map(ToString::to_string).collect(),
        floating: imported
            .floating
            .then(|| import::floating_hint(&path.display().to_string())),
    })
}

/// The schedule, for a command that does not use the agenda: its notes printed.
pub fn schedule(source: &SourceArgs) -> Result<Schedule> {
    let mut read = read(source)?;
    read.notes.extend(read.floating.take());
    super::warn(&read.notes);
    Ok(read.schedule)
}

/// The schedule and its agenda, with what to tell the person (printed by the CLI, shown in the
/// status line by the TUI). A schedule with floating times is read in the zone the agenda was
/// made with, when `--tz` gives none.
pub fn both(source: &SourceArgs, agenda: &AgendaArgs) -> Result<(Schedule, Store, Vec<String>)> {
    let Read {
        mut schedule,
        mut notes,
        floating,
    } = read(source)?;
    let store = store(agenda, &schedule)?;
    let made_in = store
        .agenda()
        .conference
        .time_zone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok());
    match (floating, made_in) {
        (Some(_), Some(tz)) => {
            let moved = schedule.pin_zone(tz);
            notes.push(format!(
                "the schedule gives no time zone; its times are read in {}, the zone your agenda was made with (--tz sets another){}",
                tz.name(),
                if moved > 0 {
                    format!("; {moved} times skipped by a daylight-saving change moved forward")
                } else {
                    String::new()
                }
            ));
        }
        (Some(hint), None) => notes.push(hint),
        (None, _) => {}
    }
    Ok((schedule, store, notes))
}

/// The agenda file for this schedule's conference (see [`agenda::resolve_path`]); a save that
/// has to wait for another lineup says so.
pub fn store(agenda: &AgendaArgs, schedule: &Schedule) -> Result<Store> {
    let path = agenda_path(agenda, &schedule.conference.id)?;
    let mut store = Store::open(path, (&schedule.conference).into())?;
    store.on_lock_wait(Box::new(|lock| {
        say(&format!(
            "waiting for {} (another lineup is saving this agenda)…",
            lock.display()
        ));
    }));
    Ok(store)
}

/// `--agenda`, else `LINEUP_AGENDA`, else the conference's file in the data folder.
pub fn agenda_path(agenda: &AgendaArgs, conference_id: &str) -> Result<PathBuf> {
    agenda::resolve_path(agenda.agenda.as_deref(), conference_id)
}

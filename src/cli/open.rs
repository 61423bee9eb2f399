//! The command line's options turned into what the workspace opens: the schedule source, the
//! agenda, a line on stderr when a save waits for another lineup.

use std::path::PathBuf;

use super::{AgendaArgs, SourceArgs, say, warn};
use crate::error::Result;
use crate::import;
use crate::model::Schedule;
use crate::workspace::{self, LockNotice, Opened, Store};

impl SourceArgs {
    /// The source these options name (`--schedule-format` is what forces a format here):
    /// `--schedule`, else `--conference`, else the library's current conference, else the
    /// built-in schedule.
    pub fn source(&self) -> Result<workspace::Source> {
        let conference = if self.schedule.is_some() {
            None
        } else {
            workspace::conferences::chosen(self.conference.as_deref())?
        };
        Ok(workspace::Source {
            conference,
            path: self.schedule.clone(),
            options: import::Options {
                format: self.schedule_format.map(Into::into),
                tz: self.zone.tz,
                year: self.zone.year,
                format_flag: "--schedule-format",
            },
        })
    }
}

impl SourceArgs {
    /// The schedule file in use, which no command may write over: `--schedule`, else the file a
    /// library conference was added from (its cached copy is lineup's own).
    pub fn schedule_file(&self) -> Option<PathBuf> {
        if self.schedule.is_some() {
            return self.schedule.clone();
        }
        let entry = workspace::conferences::chosen(self.conference.as_deref()).ok()?;
        entry
            .filter(|e| !e.is_url())
            .map(|e| PathBuf::from(e.source))
    }
}

fn lock_notice() -> LockNotice {
    Box::new(|lock| {
        say(&format!(
            "waiting for {} (another lineup is saving this agenda)…",
            lock.display()
        ));
    })
}

/// The schedule, for a command that does not use the agenda: its notes printed.
pub(super) fn schedule(source: &SourceArgs) -> Result<Schedule> {
    let (schedule, notes) = workspace::schedule(&source.source()?)?;
    warn(&notes);
    Ok(schedule)
}

/// The schedule and its agenda, with the notes (printed by the caller, or shown by the TUI).
pub(super) fn both(source: &SourceArgs, agenda: &AgendaArgs) -> Result<Opened> {
    workspace::open(
        &source.source()?,
        agenda.agenda.as_deref(),
        Some(lock_notice()),
    )
}

/// The agenda store for this schedule's conference.
pub(super) fn store(agenda: &AgendaArgs, schedule: &Schedule) -> Result<Store> {
    workspace::open_store(agenda.agenda.as_deref(), schedule, Some(lock_notice()))
}

/// Where the agenda for a conference is.
pub(super) fn agenda_path(agenda: &AgendaArgs, conference_id: &str) -> Result<PathBuf> {
    workspace::paths::agenda_path(agenda.agenda.as_deref(), conference_id)
}

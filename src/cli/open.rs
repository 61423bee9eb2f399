//! The command line's options turned into what the workspace opens: the schedule source, the
//! agenda, a line on stderr when a save waits for another lineup.

use std::path::PathBuf;

use super::{AgendaArgs, SourceArgs, say, warn};
use crate::agenda::Planner;
use crate::error::Result;
use crate::import;
use crate::model::Schedule;
use crate::workspace::clock::DisplayZone;
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
            check_later: false,
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
        self.source().ok()?.schedule_file()
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
    let (mut schedule, mut notes) = workspace::schedule(&source.source()?)?;
    notes.extend(show(&mut schedule, source));
    warn(&notes);
    Ok(schedule)
}

/// The schedule and its agenda, with the notes (printed by the caller, or shown by the TUI).
pub(super) fn both(source: &SourceArgs, agenda: &AgendaArgs) -> Result<Opened> {
    let mut opened = as_read(source.source()?, agenda)?;
    opened.notes.extend(show(&mut opened.schedule, source));
    Ok(opened)
}

/// The picks worked out against the schedule (in the display zone) by the one planner every
/// surface reads, and the agenda store to save changes to; the notes are printed.
pub(super) struct Planned {
    pub planner: Planner,
    pub store: Store,
}

/// [`Planned`] with these planning settings.
pub(super) fn planned(
    source: &SourceArgs,
    agenda: &AgendaArgs,
    settings: crate::agenda::plan::Settings,
) -> Result<Planned> {
    planned_with(source, agenda, |_| Ok(settings))
}

/// [`planned`] with settings that depend on the schedule (a day as typed, the conference's
/// walking): worked out before the one plan is made.
pub(super) fn planned_with(
    source: &SourceArgs,
    agenda: &AgendaArgs,
    settings_for: impl FnOnce(&Schedule) -> Result<crate::agenda::plan::Settings>,
) -> Result<Planned> {
    let Opened {
        schedule,
        store,
        notes,
        ..
    } = both(source, agenda)?;
    warn(&notes);
    let settings = settings_for(&schedule)?;
    let planner = Planner::new(
        std::sync::Arc::new(schedule),
        store.agenda().clone(),
        settings,
    );
    Ok(Planned { planner, store })
}

/// [`planned`] walking as the config has it for the conference (its `walk` and areas).
pub(super) fn planned_walking(source: &SourceArgs, agenda: &AgendaArgs) -> Result<Planned> {
    planned_with(source, agenda, |schedule| {
        Ok(crate::agenda::plan::Settings {
            walking: std::sync::Arc::new(walking(&schedule.conference.id, None)),
            ..crate::agenda::plan::Settings::default()
        })
    })
}

/// The schedule of `source` (times as the schedule gives them) and its agenda: what the TUI
/// starts from.
pub(super) fn as_read(source: workspace::Source, agenda: &AgendaArgs) -> Result<Opened> {
    let source = workspace::Source {
        check_later: true,
        ..source
    };
    workspace::open(&source, agenda.agenda.as_deref(), Some(lock_notice()))
}

/// The zone times are shown in: `--display-tz`, else the config's, else the venue's.
pub(super) fn display_zone(
    source: &SourceArgs,
    config: &crate::tui::config::Loaded,
) -> DisplayZone {
    source
        .display_tz
        .or(config.settings.display_tz)
        .unwrap_or_default()
}

/// The config file, read once a run (a command may open the schedule twice, as `--now` does).
pub(super) fn config() -> &'static crate::tui::config::Loaded {
    static CONFIG: std::sync::OnceLock<crate::tui::config::Loaded> = std::sync::OnceLock::new();
    CONFIG.get_or_init(crate::tui::config::load)
}

/// How walking goes at conference `id`: `--walk` minutes (else the config's `walk`, else
/// none) between rooms, by the config's areas for the conference when it names them.
pub(super) fn walking(id: &str, walk: Option<u32>) -> crate::agenda::walking::Walking {
    config().settings.walking_for(id, walk)
}

/// Shows the schedule's times in the display zone; says why not when they cannot be. A config
/// file with a mistake is named here, once a run, for every command that shows times.
fn show(schedule: &mut Schedule, source: &SourceArgs) -> Option<String> {
    static SAID: std::sync::Once = std::sync::Once::new();
    let config = config();
    if let Some(problem) = &config.problem {
        SAID.call_once(|| warn(&[problem]));
    }
    let zone = display_zone(source, config);
    let Some(tz) = zone.resolve() else {
        return (zone == DisplayZone::Local).then(|| {
            "this computer's time zone is not known (set TZ, e.g. TZ=Europe/Brussels), so times are the venue's".to_string()
        });
    };
    if schedule.show_in(tz) {
        return None;
    }
    Some(format!(
        "the schedule's times give no zone, so they are shown as written, not in {}",
        tz.name()
    ))
}

/// The agenda store for this schedule's conference.
pub(super) fn store(agenda: &AgendaArgs, schedule: &Schedule) -> Result<Store> {
    workspace::open_store(agenda.agenda.as_deref(), schedule, Some(lock_notice()))
}

/// Where the agenda for a conference is.
pub(super) fn agenda_path(agenda: &AgendaArgs, conference_id: &str) -> Result<PathBuf> {
    workspace::paths::agenda_path(agenda.agenda.as_deref(), conference_id)
}

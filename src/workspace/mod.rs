//! The workspace: the edge between lineup and the machine it runs on. It opens what the person
//! works on (the schedule from its source, the agenda store for it, the agenda's zone for a
//! schedule that gives none), writes exports to paths, and owns the paths, the files and the
//! clock. Everything below it (model, import, agenda, presentation, export) is pure; the TUI and
//! the command line above it only ask it.

pub mod cache;
pub mod clock;
pub mod conferences;
pub mod exports;
pub mod favourites;
pub mod fetch;
pub mod files;
pub mod friends;
pub mod library;
pub mod lock;
pub mod notify;
pub mod paths;
mod source;
mod store;
pub mod views;

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

pub use source::read_schedule;
pub use store::{LockNotice, Store, read as read_agenda};

use crate::error::Result;
use crate::import;
use crate::model::Schedule;
use crate::model::search::Index;
use cache::Check;
use std::sync::Arc;

/// Where a schedule comes from and how to read it: a file (`-` for standard input), else a
/// conference of the library (from its cache), else the built-in PyCon US 2012.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub path: Option<PathBuf>,
    pub options: import::Options,
    pub conference: Option<library::Entry>,
    /// A library conference's cached copy is opened without checking its bytes; the check is
    /// handed back ([`Opened::check`]) for the caller to run beside its work (the TUI).
    pub check_later: bool,
}

impl Source {
    /// The schedule file in use, which no command may write over: the file given, else the
    /// file a library conference was added from (its cached copy is lineup's own).
    pub fn schedule_file(&self) -> Option<PathBuf> {
        self.path.clone().or_else(|| {
            self.conference
                .as_ref()
                .filter(|e| !e.is_url())
                .map(|e| PathBuf::from(&e.source))
        })
    }
}

/// A schedule as read, with what to tell the person about it.
struct Read {
    schedule: Schedule,
    /// Its search index, when one was kept with it.
    index: Option<Arc<Index>>,
    /// The check of its cached copy, not yet run.
    check: Option<Check>,
    notes: Vec<String>,
    /// What to say when the times float and nothing pins them.
    floating: Option<String>,
}

fn read(source: &Source) -> Result<Read> {
    if let (None, Some(entry)) = (&source.path, &source.conference) {
        let (mut cached, mut check) = if source.check_later {
            conferences::open_unchecked(entry)?
        } else {
            (conferences::open(entry)?, None)
        };
        let mut notes = Vec::new();
        // `--tz` for a library conference whose times float: it takes effect, and is kept.
        if let (true, Some(tz)) = (cached.floating, source.options.tz) {
            let kept = conferences::set_zone(entry, tz)?;
            cached = conferences::open(&kept)?;
            check = None;
            notes.push(format!(
                "{}'s times are read in {} from now on (remembered; --tz is no longer needed)",
                entry.id,
                tz.name()
            ));
        }
        notes.extend(cached.notes);
        return Ok(Read {
            schedule: cached.schedule,
            index: cached.index,
            check,
            notes,
            floating: cached.floating.then(|| library_floating_hint(&entry.id)),
        });
    }
    let Some(path) = &source.path else {
        return Ok(Read {
            schedule: import::native::default_schedule()?,
            index: None,
            check: None,
            notes: Vec::new(),
            floating: None,
        });
    };
    let imported = read_schedule(path, &source.options)?;
    Ok(Read {
        schedule: imported.schedule,
        index: None,
        check: None,
        notes: imported.warnings.iter().map(ToString::to_string).collect(),
        floating: imported
            .floating
            .then(|| import::floating_hint(&path.display().to_string())),
    })
}

/// What to say about a library conference whose times float: how to pin them, once.
pub fn library_floating_hint(id: &str) -> String {
    format!(
        "{id}'s schedule gives no time zone, so its times are kept as written; give the venue's once and lineup keeps it: `lineup --conference {id} --tz ZONE sessions` (ZONE such as Europe/Brussels)"
    )
}

/// The schedule alone (for commands that do not use the agenda), with its notes.
pub fn schedule(source: &Source) -> Result<(Schedule, Vec<String>)> {
    let mut read = read(source)?;
    read.notes.extend(read.floating.take());
    Ok((read.schedule, read.notes))
}

/// The schedule, its agenda and what to tell the person.
pub struct Opened {
    pub schedule: Schedule,
    /// The schedule's search index when it was kept with it (a library conference's cache)
    /// and the sessions are as it was made for.
    pub index: Option<Arc<Index>>,
    /// The check of a library conference's cached copy, when [`Source::check_later`] asked for
    /// it to be left to the caller: if it fails, [`conferences::rebuild`] reads it again.
    pub check: Option<Check>,
    pub store: Store,
    pub notes: Vec<String>,
}

/// Opens the schedule and its agenda (`agenda` given, else `LINEUP_AGENDA`, else the
/// conference's file in the data folder). A schedule with floating times is read in the zone
/// the agenda was made with, when the options give none; `notice` is told when a save waits
/// for another lineup's lock.
pub fn open(source: &Source, agenda: Option<&Path>, notice: Option<LockNotice>) -> Result<Opened> {
    let Read {
        mut schedule,
        mut index,
        check,
        mut notes,
        floating,
    } = read(source)?;
    let store = open_store(agenda, &schedule, notice)?;
    let made_in = store
        .agenda()
        .conference
        .time_zone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok());
    match (floating, made_in) {
        (Some(_), Some(tz)) => {
            // Its times moved: the sessions may be in another order than the index knows.
            index = None;
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
    Ok(Opened {
        schedule,
        index,
        check,
        store,
        notes,
    })
}

/// The agenda store for `schedule`'s conference.
pub fn open_store(
    agenda: Option<&Path>,
    schedule: &Schedule,
    notice: Option<LockNotice>,
) -> Result<Store> {
    let path = paths::agenda_path(agenda, &schedule.conference.id)?;
    let mut store = Store::open(path, (&schedule.conference).into())?;
    if let Some(notice) = notice {
        store.on_lock_wait(notice);
    }
    Ok(store)
}

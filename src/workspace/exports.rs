//! Exports at the edge: what to export (the picks or the whole schedule, a day or all days),
//! refusing to write over the agenda or a schedule in use (by file identity, through symlinks),
//! writing the file atomically, and recording an iCalendar export's marks in the agenda. The CLI
//! and the TUI both export through here; the formats themselves are `export`'s pure functions.

use std::path::Path;

use chrono::NaiveDate;

pub use crate::export::{ExportSet, Format};

use super::{Store, files};
use crate::agenda::{Op, Planner};
use crate::error::{Error, Result};
use crate::export;
use crate::model::Schedule;

/// The person's picks (one day, or all) as `planner` works them out, at this moment.
pub fn picks(planner: &Planner, day: Option<NaiveDate>) -> ExportSet<'_> {
    ExportSet::picks(planner, day, super::clock::now())
}

/// Every session of `schedule` (one day, or all), at this moment.
pub fn all(schedule: &Schedule, day: Option<NaiveDate>) -> ExportSet<'_> {
    ExportSet::all(schedule, day, super::clock::now())
}

/// Writes an export to a stream (standard output, say) as it is made.
pub fn to_writer(
    set: &ExportSet,
    format: Format,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    export::write(set, format, out).map(|_| ())
}

/// Writes an export to `path` as it is made, atomically (a temp file beside it, renamed when
/// complete); a calendar's marks go into the agenda with one save. Returns how many sessions
/// it holds.
pub fn to_path(
    path: &Path,
    set: &ExportSet,
    format: Format,
    store: Option<&mut Store>,
) -> Result<usize> {
    let marks = files::write_atomic_with(path, |out| export::write(set, format, out))?;
    if let Some(store) = store {
        store.apply_all(
            marks
                .into_iter()
                .map(|(id, mark)| Op::Exported(id, mark))
                .collect(),
        )?;
    }
    Ok(set.items.len())
}

/// Refuses an output path that names (through symlinks) the agenda or a schedule in use.
pub fn refuse_files_in_use(
    output: &Path,
    agenda: Option<&Path>,
    schedule: Option<&Path>,
) -> Result<()> {
    if agenda.is_some_and(|a| files::same_file(output, a)) {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "the agenda file that holds your picks",
        });
    }
    if schedule.is_some_and(|s| files::same_file(output, s)) {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "a schedule in use",
        });
    }
    Ok(())
}

/// The format a file name asks for (`.ics`, `.md`, `.txt`, `.json`, `.lanyrd`), or a sentence
/// saying which names work.
pub fn format_of(path: &Path) -> Result<Format> {
    Format::from_path(path).ok_or_else(|| Error::NoFormatFromName {
        path: path.to_path_buf(),
    })
}

//! Exports at the edge: what to export (the picks or the whole schedule, a day or all days),
//! refusing to write over the agenda or a schedule in use (by file identity, through symlinks),
//! writing the file atomically, and recording an iCalendar export's marks in the agenda. The CLI
//! and the TUI both export through here; the formats themselves are `export`'s pure functions.

use std::path::Path;

use chrono::NaiveDate;

pub use crate::export::Format;

use super::{Store, files};
use crate::agenda::{Agenda, Exported, Op};
use crate::error::{Error, Result};
use crate::export::{self, ExportSet};
use crate::model::Schedule;

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The picks (with their clashes, gaps and notes).
    Picks,
    /// Every session of the schedule.
    All,
}

/// An export made and ready to print or write.
#[derive(Debug)]
pub struct Rendered {
    pub text: String,
    /// How many sessions it holds.
    pub count: usize,
    /// What an iCalendar export told the calendar about each pick (recorded when written).
    pub marks: Vec<(String, Exported)>,
}

/// Makes an export of `schedule` (and `agenda` for the picks) at this moment.
pub fn make(
    schedule: &Schedule,
    agenda: &Agenda,
    scope: Scope,
    day: Option<NaiveDate>,
    format: Format,
) -> Result<Rendered> {
    let now = super::clock::now();
    let set = match scope {
        Scope::Picks => ExportSet::picks(schedule, agenda, day, now),
        Scope::All => ExportSet::all(schedule, day, now),
    };
    let count = set.items.len();
    let (text, marks) = export::render(&set, format)?;
    Ok(Rendered { text, count, marks })
}

/// Writes an export to `path` atomically; a calendar's marks go into the agenda with one save.
pub fn write(path: &Path, rendered: Rendered, store: Option<&mut Store>) -> Result<()> {
    files::write_atomic(path, rendered.text.as_bytes())?;
    if let Some(store) = store {
        store.apply_all(
            rendered
                .marks
                .into_iter()
                .map(|(id, mark)| Op::Exported(id, mark))
                .collect(),
        )?;
    }
    Ok(())
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
    Format::from_path(path).ok_or_else(|| {
        Error::Usage(format!(
            "cannot tell the format of {} from its extension: end the name with .ics, .md, .txt, .json or .lanyrd, or pass --format",
            path.display()
        ))
    })
}

//! Exports of a personal agenda (or the whole schedule): plain text, Markdown, iCalendar,
//! Lanyrd-style text and JSON. Each format is a pure function from the plan to a string; writing
//! the file happens at the edge.

pub mod text;

use std::path::Path;

use crate::agenda::Store;
use crate::error::{Error, Result};
use crate::model::Schedule;

/// Writes the agenda to `path` in the format its extension names; returns what to tell the
/// person.
pub fn to_path(_schedule: &Schedule, _store: &mut Store, path: &Path) -> Result<String> {
    Err(Error::Usage(format!(
        "cannot export to {} yet",
        path.display()
    )))
}

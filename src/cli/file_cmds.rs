//! The commands that write files: `export` and `import`. Neither writes over the agenda or a
//! schedule in use.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{AgendaArgs, SourceArgs, ZoneArgs, open, print, say, warn};
use crate::error::{Error, Result};
use crate::export::{self, ExportSet, Format};
use crate::import;
use crate::{fsx, native};

/// What `lineup export` was asked.
pub struct ExportArgs<'a> {
    pub source: &'a SourceArgs,
    pub agenda: &'a AgendaArgs,
    pub format: Option<super::ExportFormat>,
    pub output: Option<&'a Path>,
    pub all: bool,
    pub day: Option<&'a str>,
}

pub fn export(a: ExportArgs) -> Result<ExitCode> {
    let format = match (a.format, a.output) {
        (Some(f), _) => export_format(f),
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format of {} from its extension; pass --format ics|md|txt|lanyrd|json",
                path.display()
            ))
        })?,
        (None, None) => Format::Txt,
    };
    let now = chrono::Utc::now();
    if a.all {
        let schedule = open::schedule(a.source)?;
        let day = day_of(&schedule, a.day)?;
        if let Some(path) = a.output {
            let agenda = open::agenda_path(a.agenda, &schedule.conference.id).ok();
            refuse_files_in_use(path, agenda.as_deref(), a.source.schedule.as_deref())?;
        }
        let set = ExportSet::all(&schedule, day, now);
        return write(set, format, a.output, None);
    }
    let (schedule, mut store, notes) = open::both(a.source, a.agenda)?;
    warn(&notes);
    let day = day_of(&schedule, a.day)?;
    if let Some(path) = a.output {
        refuse_files_in_use(path, Some(store.path()), a.source.schedule.as_deref())?;
    }
    let set = ExportSet::picks(&schedule, store.agenda(), day, now);
    write(set, format, a.output, Some(&mut store))
}

fn day_of(schedule: &crate::model::Schedule, day: Option<&str>) -> Result<Option<NaiveDate>> {
    day.map(|d| super::resolve::day(schedule, d)).transpose()
}

/// Renders and writes (or prints) an export; a calendar written to a file records its marks.
fn write(
    set: ExportSet,
    format: Format,
    output: Option<&Path>,
    store: Option<&mut crate::agenda::Store>,
) -> Result<ExitCode> {
    let n = set.items.len();
    let (text, marks) = export::render(&set, format);
    let Some(path) = output else {
        // Only a calendar that was written to a file counts as exported.
        return print(&text);
    };
    export::write(path, &text, marks, store)?;
    say(&format!(
        "exported {n} session{} to {}",
        if n == 1 { "" } else { "s" },
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `lineup import FILE… [-o OUT]`.
fn export_format(f: super::ExportFormat) -> Format {
    match f {
        super::ExportFormat::Ics => Format::Ics,
        super::ExportFormat::Md => Format::Md,
        super::ExportFormat::Txt => Format::Txt,
        super::ExportFormat::Lanyrd => Format::Lanyrd,
        super::ExportFormat::Json => Format::Json,
    }
}

pub fn import(
    files: &[PathBuf],
    format: Option<super::ScheduleFormat>,
    zone: &ZoneArgs,
    output: Option<&Path>,
) -> Result<ExitCode> {
    if let Some(path) = output {
        for f in files {
            refuse_files_in_use(path, None, Some(f))?;
        }
    }
    let opts = import::Options {
        format: format.map(Into::into),
        tz: zone.tz,
        year: zone.year,
        format_flag: "--format",
    };
    let mut schedules = Vec::new();
    for f in files {
        let imported = import::read_file(f, &opts)?;
        warn(&imported.warnings);
        if imported.floating {
            warn(&[import::floating_hint(&f.display().to_string())]);
        }
        schedules.push(imported.schedule);
    }
    let Some((merged, warnings)) = import::merge(schedules) else {
        return Err(Error::Usage("give at least one file to import".into()));
    };
    warn(&warnings);
    let json = native::to_json(&merged)?;
    let Some(path) = output else {
        return print(&json);
    };
    if let Ok(agenda) = crate::agenda::resolve_path(None, &merged.conference.id) {
        refuse_files_in_use(path, Some(&agenda), None)?;
    }
    fsx::write_atomic(path, json.as_bytes())?;
    say(&format!(
        "wrote {} sessions in {} rooms to {}",
        merged.sessions.len(),
        merged.rooms.len(),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output path that names (through symlinks) the agenda or a schedule in use.
fn refuse_files_in_use(
    output: &Path,
    agenda: Option<&Path>,
    schedule: Option<&Path>,
) -> Result<()> {
    if agenda.is_some_and(|a| fsx::same_file(output, a)) {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "the agenda file that holds your picks",
        });
    }
    if schedule.is_some_and(|s| fsx::same_file(output, s)) {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "a schedule this command reads",
        });
    }
    Ok(())
}

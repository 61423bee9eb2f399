//! The commands that write files: `export` and `import`. Neither writes over the agenda or a
//! schedule in use.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{
    AgendaArgs, ExportFormat, ScheduleFormat, SourceArgs, open, print, print_with, say, warn,
};
use crate::agenda::Planner;
use crate::agenda::plan::Settings;
use crate::error::{Error, Result};
use crate::import;
use crate::model::Schedule;
use crate::workspace::exports::{self, Format};
use crate::workspace::{self, files};

/// What `lineup export` was asked.
pub(super) struct ExportArgs<'a> {
    pub source: &'a SourceArgs,
    pub agenda: &'a AgendaArgs,
    pub format: Option<ExportFormat>,
    pub output: Option<&'a Path>,
    pub all: bool,
    pub day: Option<&'a str>,
    /// Only the picks the plan chooses, with this many minutes to walk between rooms.
    /// Only the plan's picks, walking `--walk` minutes (else as the config has it).
    pub plan_walk: Option<Option<u32>>,
    /// Minutes before each event a calendar reminds.
    pub alarm: Option<u32>,
    /// With `all`: only sessions on these tracks.
    pub tracks: &'a [String],
    /// With `all`: only sessions in these languages.
    pub languages: &'a [String],
    /// With `all`: only sessions of these kinds.
    pub types: &'a [String],
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Md => Format::Md,
            ExportFormat::Txt => Format::Txt,
            ExportFormat::Lanyrd => Format::Lanyrd,
            ExportFormat::Json => Format::Json,
        }
    }
}

pub(super) fn export(a: ExportArgs) -> Result<ExitCode> {
    let format = match (a.format, a.output) {
        (Some(f), _) => f.into(),
        (None, Some(path)) => exports::format_of(path)?,
        (None, None) => Format::Txt,
    };
    let schedule_file = a.source.schedule_file();
    let schedule_path = schedule_file.as_deref();
    if a.all {
        let schedule = open::schedule(a.source)?;
        let day = day_of(&schedule, a.day)?;
        if let Some(path) = a.output {
            let agenda = open::agenda_path(a.agenda, &schedule.conference.id).ok();
            exports::refuse_files_in_use(path, agenda.as_deref(), schedule_path)?;
        }
        let lens = crate::model::Lens::default()
            .on_tracks(&super::resolve::tracks(&schedule, a.tracks)?)
            .in_languages(&super::resolve::languages(&schedule, a.languages)?)
            .of_types(&super::resolve::types(&schedule, a.types)?);
        let mut set = exports::all(&schedule, day);
        set.items.retain(|i| lens.keeps(&i.session));
        return finish(&set, format, a.output, None);
    }
    let open::Planned { planner, mut store } =
        open::planned(a.source, a.agenda, Settings::default())?;
    let day = day_of(planner.schedule(), a.day)?;
    if let Some(path) = a.output {
        exports::refuse_files_in_use(path, Some(store.path()), schedule_path)?;
    }
    let planner = match a.plan_walk {
        None => planner,
        Some(walk) => {
            // Only the picks the plan keeps: the others a calendar knows are cancelled there.
            let mut all = planner;
            all.set_settings(Settings {
                walking: Arc::new(super::open::walking(&all.schedule().conference.id, walk)),
                only_day: day,
                ..Settings::default()
            });
            Planner::new(Arc::clone(all.schedule()), all.kept(), all.settings())
        }
    };
    let mut set = exports::picks(&planner, day);
    set.alarm = a.alarm;
    finish(&set, format, a.output, Some(&mut store))
}

fn day_of(schedule: &Schedule, day: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    day.map(|d| super::resolve::day(schedule, d)).transpose()
}

/// Prints an export, or writes it (a calendar written to a file records its marks), as it is
/// made.
fn finish(
    set: &exports::ExportSet,
    format: Format,
    output: Option<&Path>,
    store: Option<&mut workspace::Store>,
) -> Result<ExitCode> {
    let Some(path) = output else {
        return print_with(|out| exports::to_writer(set, format, out));
    };
    let n = exports::to_path(path, set, format, store)?;
    say(&format!(
        "exported {n} session{} to {}",
        if n == 1 { "" } else { "s" },
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `lineup import FILE… [-o OUT]` (options before it that do nothing here are refused).
pub(super) fn import(
    args: &super::Args,
    files_in: &[PathBuf],
    format: Option<ScheduleFormat>,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let zone = &args.source.zone;
    if args.source.schedule.is_some() || args.agenda.agenda.is_some() || args.now.is_some() {
        return Err(Error::ImportTakesFiles);
    }
    if let Some(path) = output {
        for f in files_in {
            exports::refuse_files_in_use(path, None, Some(f))?;
        }
    }
    let opts = import::Options {
        format: format.map(Into::into),
        tz: zone.tz,
        year: zone.year,
        format_flag: "--format",
    };
    let mut schedules = Vec::new();
    for f in files_in {
        let imported = workspace::read_schedule(f, &opts)?;
        warn(&imported.warnings);
        if imported.floating {
            warn(&[import::floating_hint(&f.display().to_string())]);
        }
        schedules.push(imported.schedule);
    }
    let Some((merged, warnings)) = import::merge(schedules) else {
        // clap asks for one file at least.
        return Err(Error::ImportTakesFiles);
    };
    warn(&warnings);
    let json = import::native::to_json(&merged)?;
    let Some(path) = output else {
        return print(&json);
    };
    if let Ok(agenda) = workspace::paths::agenda_path(None, &merged.conference.id) {
        exports::refuse_files_in_use(path, Some(&agenda), None)?;
    }
    files::write_atomic(path, json.as_bytes())?;
    say(&format!(
        "wrote {} in {} to {}",
        crate::presentation::plural(merged.sessions.len() as u64, "session", "sessions"),
        crate::presentation::plural(merged.rooms.len() as u64, "room", "rooms"),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

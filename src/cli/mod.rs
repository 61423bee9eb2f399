//! The command line: argument definitions (clap) and dispatch to the commands. Loading and
//! printing happen here, at the edge; the commands' logic lives in the library modules.

mod agenda_cmds;
mod schedule_cmds;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use chrono_tz::Tz;
use clap::{Parser, Subcommand};

use crate::agenda::{self, Plan, Store};
use crate::error::{Error, Result};
use crate::import::{self, Format};
use crate::model::Schedule;
use crate::native;

/// A terminal agenda planner for conferences.
///
/// Without a command, opens the schedule grid. The default schedule is PyCon US 2012 (Friday 9
/// March), built in.
#[derive(Debug, Parser)]
#[command(name = "lineup", version, about, long_about = None)]
pub struct Args {
    /// Schedule file to use instead of the built-in PyCon US 2012: lineup JSON, Pentabarf/frab XML,
    /// frab/c3voc/pretalx JSON, iCalendar or a Lanyrd listing; `-` reads standard input.
    #[arg(long, global = true, value_name = "FILE")]
    pub schedule: Option<PathBuf>,

    /// Force the `--schedule` file's format instead of detecting it.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub schedule_format: Option<Format>,

    /// The venue's time zone for schedules that give none (IANA name, e.g. Europe/Brussels).
    #[arg(long, global = true, value_name = "ZONE")]
    pub tz: Option<Tz>,

    /// Year of the dates, for Lanyrd pages whose title holds none.
    #[arg(long, global = true, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Agenda file to keep picks in (default: one per conference in your data folder; the
    /// environment variable LINEUP_AGENDA also sets it).
    #[arg(long, global = true, value_name = "FILE")]
    pub agenda: Option<PathBuf>,

    /// Pretend it is this time, for trying out "now" (e.g. 2012-03-09T14:10, venue time).
    #[arg(long, global = true, value_name = "TIME")]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List sessions in time order.
    Sessions {
        /// Only this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        day: Option<NaiveDate>,
        /// Only this room (exact name, any case).
        #[arg(long, value_name = "ROOM")]
        room: Option<String>,
        /// Only sessions whose title, speakers or text contain TEXT (any case).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print one session in full.
    Show {
        /// The session id (see `lineup sessions`).
        id: String,
    },
    /// Pick sessions (saved at once).
    Pick {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Remove picks.
    Unpick {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Your picks by day, with clashes, free gaps and room changes.
    Agenda {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Only this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        day: Option<NaiveDate>,
    },
    /// List clashing picks; exit status 1 when there is any clash, 0 when none.
    Clashes {
        /// Print every clashing pair as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export your agenda (or the whole schedule) as iCalendar, Markdown, text, Lanyrd text or
    /// JSON.
    Export {
        /// The format; guessed from the file's extension when not given (text on stdout).
        #[arg(long, value_name = "FORMAT")]
        format: Option<crate::export::Format>,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export every session of the schedule, not just your picks.
        #[arg(long)]
        all: bool,
        /// Only this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        day: Option<NaiveDate>,
    },
    /// Convert schedule files (any supported format) into one lineup schedule.
    Import {
        /// Files to read and merge.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Force the files' format instead of detecting it.
        #[arg(long, value_name = "FORMAT")]
        format: Option<Format>,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

/// Runs lineup with the process arguments and returns the exit status.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            say(&e.to_string());
            ExitCode::from(2)
        }
    }
}

/// The one place the command line prints a message to stderr: through the terminal gate.
fn say(message: &str) {
    eprintln!("lineup: {}", crate::message::for_terminal(message));
}

/// At most this many warnings are printed; the rest are counted.
const WARNINGS_SHOWN: usize = 10;

fn warn(warnings: &[String]) {
    for w in warnings.iter().take(WARNINGS_SHOWN) {
        say(&format!("warning: {w}"));
    }
    if warnings.len() > WARNINGS_SHOWN {
        say(&format!(
            "and {} more warnings",
            warnings.len() - WARNINGS_SHOWN
        ));
    }
}

fn run(args: Args) -> Result<ExitCode> {
    let opts = import::Options {
        format: args.schedule_format,
        tz: args.tz,
        year: args.year,
    };
    match &args.command {
        None => open_tui(&args, &opts),
        Some(Command::Sessions {
            day,
            room,
            search,
            json,
        }) => {
            let schedule = load_schedule(&args, &opts)?;
            let filter = schedule_cmds::Filter {
                day: *day,
                room: room.clone(),
                search: search.clone(),
            };
            let out = if *json {
                schedule_cmds::sessions_json(&schedule, &filter)
            } else {
                schedule_cmds::sessions_table(&schedule, &filter)
            };
            print(&out)
        }
        Some(Command::Show { id }) => {
            let schedule = load_schedule(&args, &opts)?;
            let s = schedule
                .session(id)
                .ok_or_else(|| Error::UnknownSession(id.clone()))?;
            print(&schedule_cmds::show(&schedule, s))
        }
        Some(Command::Pick { ids }) => {
            let schedule = load_schedule(&args, &opts)?;
            let mut store = open_store(&args, &schedule)?;
            print(&agenda_cmds::pick(&schedule, &mut store, ids)?)
        }
        Some(Command::Unpick { ids }) => {
            let schedule = load_schedule(&args, &opts)?;
            let mut store = open_store(&args, &schedule)?;
            print(&agenda_cmds::unpick(&mut store, ids)?)
        }
        Some(Command::Agenda { json, day }) => {
            let schedule = load_schedule(&args, &opts)?;
            let store = open_store(&args, &schedule)?;
            let plan = Plan::build(&schedule, store.agenda(), *day);
            if *json {
                print_with(|out| agenda_cmds::write_agenda_json(&plan, out))
            } else {
                print(&crate::export::text::render(&schedule, &plan, 80))
            }
        }
        Some(Command::Clashes { json }) => {
            let schedule = load_schedule(&args, &opts)?;
            let store = open_store(&args, &schedule)?;
            let plan = Plan::build(&schedule, store.agenda(), None);
            if *json {
                print_with(|out| agenda_cmds::write_clashes_json(&plan, out))?;
            } else {
                print(&agenda_cmds::clashes_text(&plan))?;
            }
            Ok(if plan.clash_count() == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Export {
            format,
            output,
            all,
            day,
        }) => export(&args, &opts, *format, output.as_deref(), *all, *day),
        Some(Command::Import {
            files,
            output,
            format,
        }) => {
            let opts = import::Options {
                format: format.or(opts.format),
                ..opts
            };
            import_files(&args, &opts, files, output.as_deref())
        }
    }
}

fn open_tui(args: &Args, opts: &import::Options) -> Result<ExitCode> {
    let schedule = load_schedule(args, opts)?;
    let store = open_store(args, &schedule)?;
    let now = match &args.now {
        None => None,
        Some(t) => Some(parse_now(t, &schedule)?),
    };
    let tui_opts = crate::tui::Options {
        now,
        color: crate::tui::color_wanted(),
        schedule_path: args.schedule.clone(),
    };
    crate::tui::run(schedule, store, tui_opts)?;
    Ok(ExitCode::SUCCESS)
}

fn export(
    args: &Args,
    opts: &import::Options,
    format: Option<crate::export::Format>,
    output: Option<&Path>,
    all: bool,
    day: Option<NaiveDate>,
) -> Result<ExitCode> {
    let schedule = load_schedule(args, opts)?;
    let mut store = if all {
        None
    } else {
        Some(open_store(args, &schedule)?)
    };
    let format = match (format, output) {
        (Some(f), _) => f,
        (None, Some(path)) => crate::export::Format::from_path(path).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the format of {} from its extension; pass --format ics|md|txt|lanyrd|json",
                path.display()
            ))
        })?,
        (None, None) => crate::export::Format::Txt,
    };
    if let Some(path) = output {
        let agenda = match &store {
            Some(st) => Some(st.path().to_path_buf()),
            None => agenda::resolve_path(args.agenda.as_deref(), &schedule.conference.id).ok(),
        };
        refuse_files_in_use(
            path,
            agenda.as_deref(),
            args.schedule.iter().map(PathBuf::as_path),
        )?;
    }
    let now = chrono::Utc::now();
    let set = match &store {
        Some(st) => crate::export::ExportSet::picks(&schedule, st.agenda(), day, now),
        None => crate::export::ExportSet::all(&schedule, day, now),
    };
    let n = set.items.len();
    let (text, marks) = crate::export::render(&set, format);
    let Some(path) = output else {
        // Only a calendar that was written to a file counts as exported.
        return print(&text);
    };
    crate::export::write(path, &text, marks, store.as_mut())?;
    say(&format!(
        "exported {n} session{} to {}",
        if n == 1 { "" } else { "s" },
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn import_files(
    args: &Args,
    opts: &import::Options,
    files: &[PathBuf],
    output: Option<&Path>,
) -> Result<ExitCode> {
    if let Some(path) = output {
        let inputs = files
            .iter()
            .chain(args.schedule.iter())
            .map(PathBuf::as_path);
        refuse_files_in_use(path, args.agenda.as_deref(), inputs)?;
    }
    let mut schedules = Vec::new();
    for f in files {
        let imported = import::read_file(f, opts)?;
        warn(&imported.warnings);
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
    if let Ok(agenda) = agenda::resolve_path(args.agenda.as_deref(), &merged.conference.id) {
        refuse_files_in_use(path, Some(&agenda), std::iter::empty())?;
    }
    crate::fsx::write_atomic(path, json.as_bytes())?;
    say(&format!(
        "wrote {} sessions in {} rooms to {}",
        merged.sessions.len(),
        merged.rooms.len(),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output path that names (through symlinks) the agenda or a schedule in use.
fn refuse_files_in_use<'a>(
    output: &Path,
    agenda: Option<&Path>,
    schedules: impl IntoIterator<Item = &'a Path>,
) -> Result<()> {
    if agenda.is_some_and(|a| crate::fsx::same_file(output, a)) {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "the agenda file that holds your picks",
        });
    }
    if schedules
        .into_iter()
        .any(|s| crate::fsx::same_file(output, s))
    {
        return Err(Error::WouldOverwrite {
            path: output.to_path_buf(),
            what: "a schedule this command reads",
        });
    }
    Ok(())
}

/// `--now`: RFC 3339, or a date-time without offset read as the venue's local time.
fn parse_now(text: &str, schedule: &Schedule) -> Result<crate::model::Stamp> {
    let bad = || {
        Error::Usage(format!(
            "--now {}: give a time like 2012-03-09T14:10 (venue time) or 2012-03-09T14:10:00-08:00",
            crate::message::quote(text)
        ))
    };
    let stamp = crate::model::Stamp::parse(text).ok_or_else(bad)?;
    let tz = schedule.conference.time_zone;
    if stamp.is_floating() {
        crate::model::Stamp::local(stamp.wall(), tz).ok_or_else(bad)
    } else if tz.is_none() {
        Ok(crate::model::Stamp::floating(stamp.wall()))
    } else {
        Ok(stamp.in_zone(tz))
    }
}

/// The schedule named by `--schedule`, or the built-in one.
pub fn load_schedule(args: &Args, opts: &import::Options) -> Result<Schedule> {
    match &args.schedule {
        None => native::default_schedule(),
        Some(path) => {
            let imported = import::read_file(path, opts)?;
            warn(&imported.warnings);
            Ok(imported.schedule)
        }
    }
}

/// The agenda file for this schedule's conference (see [`agenda::resolve_path`]); a save that
/// has to wait for another lineup says so.
pub fn open_store(args: &Args, schedule: &Schedule) -> Result<Store> {
    let path = agenda::resolve_path(args.agenda.as_deref(), &schedule.conference.id)?;
    let mut store = Store::open(path, (&schedule.conference).into())?;
    store.on_lock_wait(Box::new(|lock| {
        say(&format!(
            "waiting for {} (another lineup is saving this agenda)…",
            lock.display()
        ));
    }));
    Ok(store)
}

/// Writes to standard output; a closed pipe (`lineup sessions | head`) is not an error.
fn print(text: &str) -> Result<ExitCode> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output as `write` goes, buffered.
fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(source) => Err(Error::Write {
            path: PathBuf::from("<standard output>"),
            source,
        }),
    }
}

//! The command line: argument definitions (clap) and dispatch to the commands. Loading and
//! printing happen here, at the edge; the commands' logic lives in the library modules.

mod agenda_cmds;
mod args;
mod event_cmds;
mod file_cmds;
mod friend_cmds;
mod library_cmds;
mod now_cmds;
mod open;
mod plan_cmds;
mod resolve;
mod schedule_cmds;
mod shell_cmds;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::{Error, Result};

pub use args::*;

/// Runs lineup with the process arguments and returns the exit status.
pub fn main() -> ExitCode {
    // The completion scripts ask for ids this way, outside the commands people see.
    if let Some(what) = std::env::var_os(shell_cmds::COMPLETE_ENV) {
        return shell_cmds::ids(&what.to_string_lossy()).unwrap_or_else(|e| {
            say(&e.to_string());
            ExitCode::from(2)
        });
    }
    let args = match Args::from_command_line() {
        Ok(args) => args,
        Err(e) if e.use_stderr() => {
            say(&usage_sentence(&e.to_string()));
            return ExitCode::from(2);
        }
        // --help and --version print to stdout as clap does.
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            say(&e.to_string());
            ExitCode::from(2)
        }
    }
}

/// A usage error from clap as one sentence: its lines joined, without the "error:" prefix and
/// the usage block, pointing to `--help`.
fn usage_sentence(rendered: &str) -> String {
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let text = parts.join(" ");
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    format!("{text}; see `lineup --help`")
}

/// The one place the command line prints a message to stderr: through the terminal gate.
pub(crate) fn say(message: &str) {
    eprintln!("lineup: {}", crate::message::for_terminal(message));
}

/// At most this many warnings are printed; the rest are counted.
const WARNINGS_SHOWN: usize = 10;

pub(crate) fn warn<W: std::fmt::Display>(warnings: &[W]) {
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

/// Runs one command. The options every command takes (`--schedule`, `--agenda`, `--now`…) are
/// the same wherever they were typed; each command opens what it reads once. The match names
/// every command: one forgotten does not compile.
fn run(args: Args) -> Result<ExitCode> {
    if let Some(now) = &args.now {
        // Its form is checked once, for every command; the commands that use it read it in
        // the schedule's zone.
        resolve::now_form(now)?;
    }
    let Some(command) = &args.command else {
        return open_tui(&args);
    };
    let (s, a) = (&args.source, &args.agenda);
    let secs = |f: &FetchArgs| std::time::Duration::from_secs(f.timeout.max(1));
    match command {
        Command::Sessions {
            day,
            room,
            track,
            language,
            kind,
            search,
            json,
        } => schedule_cmds::sessions(
            s,
            a,
            day.as_deref(),
            (room.as_deref(), track, language, kind),
            search.as_deref(),
            *json,
        ),
        Command::Show { id } => schedule_cmds::show_cmd(s, id),
        Command::Pick {
            ids,
            priority,
            from: Some(from),
            dry_run,
            fetch,
        } => agenda_cmds::pick_from(
            s,
            a,
            (from, *dry_run, secs(fetch)),
            (ids, priority.map(Into::into)),
        ),
        Command::Pick { ids, priority, .. } => {
            agenda_cmds::pick_cmd(s, a, ids, priority.map(Into::into))
        }
        Command::Unpick { ids } => agenda_cmds::unpick_cmd(s, a, ids),
        Command::Agenda { json, day, track } => {
            agenda_cmds::agenda(s, a, (day.as_deref(), track), *json)
        }
        Command::Plan {
            day,
            walk,
            partial,
            json,
            with,
        } => plan_cmds::plan(
            s,
            a,
            (day.as_deref(), with.as_deref()),
            (*walk, *partial),
            *json,
        ),
        Command::Now { line } => now_cmds::now_or_next(
            s,
            a,
            (now_cmds::When::Now, line.all),
            line.format.as_deref(),
            args.now.as_deref(),
        ),
        Command::Next { line } => now_cmds::now_or_next(
            s,
            a,
            (now_cmds::When::Next, line.all),
            line.format.as_deref(),
            args.now.as_deref(),
        ),
        Command::Gaps { day, min, walk } => {
            plan_cmds::gaps(s, a, day.as_deref(), i64::from(*min), *walk)
        }
        Command::Clashes { json } => agenda_cmds::clashes(s, a, *json),
        Command::Export {
            format,
            output,
            all,
            track,
            language,
            kind,
            plan,
            walk,
            alarm,
            day,
        } => file_cmds::export(file_cmds::ExportArgs {
            source: s,
            agenda: a,
            format: *format,
            output: output.as_deref(),
            all: *all,
            day: day.as_deref(),
            plan_walk: plan.then_some(*walk),
            alarm: *alarm,
            tracks: track,
            languages: language,
            types: kind,
        }),
        Command::Add {
            source,
            name,
            fetch,
        } => library_cmds::add(source, s.zone.tz, name.as_deref(), secs(fetch)),
        Command::Conferences => library_cmds::list(a),
        Command::Use { id } => library_cmds::use_cmd(id),
        Command::Remove { id } => library_cmds::remove(id, a),
        Command::Refresh { id, fetch, report } => library_cmds::refresh(
            id.as_deref().or(s.conference.as_deref()),
            a,
            secs(fetch),
            report.all,
            report.json,
        ),
        Command::Changes { id, report } => library_cmds::changes(
            id.as_deref().or(s.conference.as_deref()),
            report.all,
            report.json,
        ),
        Command::Import {
            files,
            format,
            output,
        } => file_cmds::import(&args, files, *format, output.as_deref()),
        Command::Completions { shell } => shell_cmds::completions(*shell),
        Command::Man => shell_cmds::man(),
        Command::Friend { action } => match action {
            FriendAction::Add {
                name,
                source,
                fetch,
            } => friend_cmds::add(name, source, s, secs(fetch)),
            FriendAction::List => friend_cmds::list(s),
            FriendAction::Remove { name } => friend_cmds::remove(name),
        },
        Command::Together { name } => friend_cmds::together(s, a, name.as_deref()),
        Command::Missed { id, take, soon } => plan_cmds::missed(
            s,
            a,
            (id.as_deref(), *take, i64::from(*soon)),
            args.now.as_deref(),
        ),
        Command::Remind {
            before,
            once,
            command,
        } => now_cmds::remind(
            s,
            a,
            (*before, *once, command.as_deref()),
            args.now.as_deref(),
        ),
        Command::Watch { action } => match action {
            WatchAction::Add { words } => event_cmds::watch(s, a, words, true),
            WatchAction::Remove { words } => event_cmds::watch(s, a, words, false),
            WatchAction::List => event_cmds::watches(s, a),
        },
        Command::Event { action } => match action {
            EventAction::Add {
                title,
                day,
                span,
                place,
            } => event_cmds::add(s, a, (title, day, span), place.as_deref()),
            EventAction::List { json } => event_cmds::list(s, a, *json),
            EventAction::Remove { event } => event_cmds::remove(s, a, event),
        },
        Command::Config {
            example,
            check: _,
            keys,
        } => shell_cmds::config(*example, *keys),
    }
}

fn open_tui(args: &Args) -> Result<ExitCode> {
    // The library read once: the conference, the file no command may write over, the source.
    let source = args.source.source()?;
    let conference = source.conference.clone();
    let schedule_path = source.schedule_file();
    // The terminal's cells are made on another thread beside what leaves a core free: the
    // cache's decoding when it takes one thread (a thread started later began about 1 ms late
    // on a 2-core VM, and opening waited for it), else the app's setup (a large cache is
    // decoded on every core, and sharing them cost its decoding 1.7-3.5 ms).
    let early = conference
        .as_ref()
        .is_some_and(|e| crate::workspace::cache::Cache::decoded_on_one_thread(e.sessions));
    let mut ready = early.then(crate::tui::terminal::ready).flatten();
    let opened = open::as_read(source, &args.agenda)?;
    let config = open::config().clone();
    let display = open::display_zone(&args.source, &config).resolve();
    let now = match &args.now {
        None => None,
        Some(t) => Some(resolve::now(t, &opened.schedule)?),
    };
    let (friends, friend_notes) = crate::workspace::friends::agendas(&opened.schedule);
    let mut notes = opened.notes;
    notes.extend(friend_notes);
    let tui_opts = crate::tui::Options {
        friends,
        now,
        palette: crate::tui::Palette::detect(),
        schedule_path,
        notes,
        conference,
        agenda_path: args.agenda.agenda.clone(),
        index: opened.index,
        check: opened.check,
        config,
        display,
    };
    if !early {
        ready = crate::tui::terminal::ready();
    }
    crate::tui::run(opened.schedule, opened.store, tui_opts, ready)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output; a closed pipe (`lineup sessions | head`) is not an error.
pub(crate) fn print(text: &str) -> Result<ExitCode> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Writes a message for people to standard output: every line through the terminal gate (no
/// escape sequence from a schedule, a path or a name reaches the terminal), line breaks kept.
pub(crate) fn print_message(text: &str) -> Result<ExitCode> {
    print(&crate::message::lines_for_terminal(text))
}

/// Writes to standard output as `write` goes, buffered.
pub(crate) fn print_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<ExitCode> {
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

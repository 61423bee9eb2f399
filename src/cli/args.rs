//! The command line's definitions (clap): the options, the commands and the values they take,
//! with the `--help` text each shows. Dispatch is in `cli/mod.rs`.

use std::path::PathBuf;

use chrono_tz::Tz;
use clap::{Parser, Subcommand};

use super::resolve;
use crate::import;

/// A terminal agenda planner for conferences.
///
/// Without a command, opens the schedule grid. The default schedule is PyCon US 2012 (Friday 9
/// March), built in.
#[derive(Debug, Parser)]
#[command(name = "lineup", version, about)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,

    #[command(flatten)]
    pub agenda: AgendaArgs,

    /// Pretend it is this time, for trying out "now" (venue time, e.g. 2012-03-09T14:10; an
    /// offset or Z as written: 2012-03-09T22:10Z).
    #[arg(long, value_name = "TIME", global = true, help_heading = GLOBAL)]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The command line. A bare `lineup` (opening the grid, what people do most) is answered
    /// without clap: the global options make clap build every command's options before it
    /// reads an argument, 0.3 ms of a 10,000-talk start. What it answers is what clap reads
    /// from no arguments (tested).
    pub fn from_command_line() -> Result<Args, clap::Error> {
        if std::env::args_os().len() <= 1 {
            return Ok(Args::bare());
        }
        Args::try_parse()
    }

    /// What no arguments mean: every option unset, no command.
    fn bare() -> Args {
        Args {
            source: SourceArgs::default(),
            agenda: AgendaArgs::default(),
            now: None,
            command: None,
        }
    }
}

/// Where the options every command takes are listed in its `--help`, after its own.
const GLOBAL: &str = "Options of every command";

/// Where the schedule comes from (before or after the command: `lineup --schedule F sessions`
/// and `lineup sessions --schedule F` are the same).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SourceArgs {
    /// The schedule instead of the built-in PyCon US 2012: lineup JSON, Pentabarf/frab XML,
    /// frab/c3voc/pretalx JSON, iCalendar or a Lanyrd listing, told apart by content; `-` reads
    /// standard input.
    #[arg(long, value_name = "FILE", global = true, help_heading = GLOBAL)]
    pub schedule: Option<PathBuf>,

    /// Read the `--schedule` file as this format instead of telling it from the content.
    #[arg(long, value_name = "FORMAT", global = true, help_heading = GLOBAL)]
    pub schedule_format: Option<ScheduleFormat>,

    /// A conference of the library (`lineup conferences` lists them) instead of the current one,
    /// for this command.
    #[arg(long, value_name = "ID", global = true, help_heading = GLOBAL)]
    pub conference: Option<String>,

    #[command(flatten)]
    pub zone: ZoneArgs,

    /// Show times in this zone: `venue` (the schedule's own, the default), `local` (this
    /// computer's) or an IANA zone such as America/New_York. Exports keep the exact instants.
    #[arg(long, value_name = "ZONE", value_parser = resolve::display_zone, global = true, help_heading = GLOBAL)]
    pub display_tz: Option<crate::workspace::clock::DisplayZone>,
}

/// What a schedule may not say itself.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ZoneArgs {
    /// The venue's time zone for schedules that give none (IANA name, e.g. Europe/Brussels).
    #[arg(long, value_name = "ZONE", value_parser = resolve::zone, global = true, help_heading = GLOBAL)]
    pub tz: Option<Tz>,

    /// Year of the dates, for Lanyrd pages whose title holds none.
    #[arg(long, value_name = "YEAR", global = true, help_heading = GLOBAL)]
    pub year: Option<i32>,
}

/// What `now` and `next` print.
#[derive(Debug, Clone, clap::Args)]
pub struct LineArgs {
    /// Any session of the schedule, not only your picks.
    #[arg(long)]
    pub all: bool,
    /// The line's shape, with fields {title} {room} {start} {end} {in} {left} {speakers} {id}
    /// {day} ({{ and }} for braces).
    #[arg(long, value_name = "STR")]
    pub format: Option<String>,
}

/// How a schedule is fetched.
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Give up fetching after this many seconds (1 to 86400, a day).
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=crate::workspace::fetch::MAX_TIMEOUT_SECS))]
    pub timeout: u64,
}

/// How a change report is shown.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// List the sessions added and removed elsewhere too (not only counted).
    #[arg(long)]
    pub all: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Where the picks are kept.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AgendaArgs {
    /// Agenda file to keep picks in (default: one per conference in your data folder; the
    /// environment variable LINEUP_AGENDA also sets it).
    #[arg(long, value_name = "FILE", global = true, help_heading = GLOBAL)]
    pub agenda: Option<PathBuf>,
}

/// A schedule format, as `--schedule-format` and `import --format` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScheduleFormat {
    /// lineup's own JSON schedule.
    Lineup,
    /// A Lanyrd session listing (plain text).
    Lanyrd,
    /// Pentabarf / frab XML.
    Xml,
    /// frab / c3voc JSON, schedule v1 and v2 (pretalx writes it too).
    Json,
    /// iCalendar.
    Ics,
    /// Pentabarf-style xCal (pretalx's and frab's schedule.xcal).
    Xcal,
    /// Sessionize API (All, GridSmart or Sessions view).
    Sessionize,
    /// Indico export API JSON.
    Indico,
    /// Open Event / eventyay sessions.
    OpenEvent,
}

impl From<ScheduleFormat> for import::Format {
    fn from(f: ScheduleFormat) -> Self {
        match f {
            ScheduleFormat::Lineup => import::Format::Lineup,
            ScheduleFormat::Lanyrd => import::Format::Lanyrd,
            ScheduleFormat::Xml => import::Format::Xml,
            ScheduleFormat::Json => import::Format::Json,
            ScheduleFormat::Ics => import::Format::Ics,
            ScheduleFormat::Xcal => import::Format::Xcal,
            ScheduleFormat::Sessionize => import::Format::Sessionize,
            ScheduleFormat::Indico => import::Format::Indico,
            ScheduleFormat::OpenEvent => import::Format::OpenEvent,
        }
    }
}

/// A pick's priority, as `pick --priority` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PriorityArg {
    /// Keep it whatever else clashes (two musts that clash are a decision).
    Must,
    /// The default.
    Want,
    /// Only if nothing more important is on.
    Maybe,
}

impl From<PriorityArg> for crate::agenda::Priority {
    fn from(p: PriorityArg) -> Self {
        match p {
            PriorityArg::Must => crate::agenda::Priority::Must,
            PriorityArg::Want => crate::agenda::Priority::Want,
            PriorityArg::Maybe => crate::agenda::Priority::Maybe,
        }
    }
}

/// An export format, as `export --format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// iCalendar (RFC 5545), for calendar programs.
    Ics,
    /// Markdown, printable and pasteable.
    Md,
    /// Plain text, 80 columns.
    Txt,
    /// Text in the shape of a Lanyrd listing page (reads back with the Lanyrd importer).
    Lanyrd,
    /// JSON with the full session data.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List sessions in time order (★ marks your picks).
    Sessions {
        /// Only this day: a date (2012-03-09), a weekday (friday, fri) or a day of the month.
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// Only this room (its name, any case).
        #[arg(long, value_name = "ROOM")]
        room: Option<String>,
        /// Only this track (its name or a piece of it; again for several).
        #[arg(long, value_name = "TRACK")]
        track: Vec<String>,
        /// Only sessions in this language (a code such as de or pt-br, or its English name;
        /// again for several).
        #[arg(long, value_name = "LANG")]
        language: Vec<String>,
        /// Only sessions of this kind as the schedule types them (lecture, workshop…; a piece
        /// of one is enough; again for several).
        #[arg(long = "type", value_name = "KIND")]
        kind: Vec<String>,
        /// Only sessions where each word of TEXT begins a word of the title, speakers, track, room
        /// or text (any order, any case, accents ignored).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print one session in full.
    Show {
        /// The session: its id, or a piece of its title only it has.
        id: String,
    },
    /// Pick sessions (saved at once); picking a moved session again takes its new time.
    Pick {
        /// Sessions: ids, or pieces of titles (`lineup pick jinja`).
        #[arg(required_unless_present = "from", value_name = "ID")]
        ids: Vec<String>,
        /// How much they matter when picks clash (also changes an existing pick's).
        #[arg(long, value_name = "LEVEL")]
        priority: Option<PriorityArg>,
        /// Pick the favourites made elsewhere: an iCalendar of starred sessions (pretalx's,
        /// FOSDEM Companion's bookmarks, lineup's own export, any calendar of chosen talks) as
        /// a file or URL, or a Giggity share link.
        #[arg(long, value_name = "FILE|URL")]
        from: Option<String>,
        /// With --from: say what would be picked, and save nothing.
        #[arg(long, requires = "from")]
        dry_run: bool,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// Remove picks.
    Unpick {
        /// Picks: ids, or pieces of titles.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Your picks by day, with clashes, free gaps and room changes.
    Agenda {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Only this day: a date, a weekday or a day of the month.
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// Only picks on this track (its name or a piece of it; again for several).
        #[arg(long, value_name = "TRACK")]
        track: Vec<String>,
    },
    /// The best clash-free plan of your picks, with a reason for each one left out.
    Plan {
        /// Only this day: a date, a weekday or a day of the month.
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// Minutes to walk between two rooms (a talk in the same room needs none); default: the
        /// config's walk, else 0.
        #[arg(long, value_name = "MIN")]
        walk: Option<u32>,
        /// Keep two picks that overlap a little (at most 15 min, or 25 % of either) by leaving
        /// the earlier one early.
        #[arg(long)]
        partial: bool,
        /// Prefer the talks this friend picked too: each counts one level higher (maybe → want,
        /// want → must).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Your pick under way now, in one line for a status bar; exit status 1 when none is.
    Now {
        #[command(flatten)]
        line: LineArgs,
    },
    /// Your next pick, in one line for a status bar; exit status 1 when there is none.
    Next {
        #[command(flatten)]
        line: LineArgs,
    },
    /// Free time in the plan and the talks that fit it whole, best first.
    Gaps {
        /// Only this day: a date, a weekday or a day of the month.
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// Only gaps at least this many minutes long.
        #[arg(long, value_name = "MIN", default_value_t = 15)]
        min: u32,
        /// Minutes to walk between two rooms; default: the config's walk, else 0.
        #[arg(long, value_name = "MIN")]
        walk: Option<u32>,
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
        format: Option<ExportFormat>,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export every session of the schedule, not just your picks.
        #[arg(long, conflicts_with = "plan")]
        all: bool,
        /// With --all: only sessions on this track (again for several).
        #[arg(long, value_name = "TRACK", requires = "all")]
        track: Vec<String>,
        /// With --all: only sessions in this language (a code or its English name; again for
        /// several).
        #[arg(long, value_name = "LANG", requires = "all")]
        language: Vec<String>,
        /// With --all: only sessions of this kind as the schedule types them (lecture,
        /// workshop…; again for several).
        #[arg(long = "type", value_name = "KIND", requires = "all")]
        kind: Vec<String>,
        /// Export only the picks the plan keeps (`lineup plan`), so a calendar has no clashes;
        /// picks it leaves out that a calendar was told of are cancelled there.
        #[arg(long)]
        plan: bool,
        /// With --plan: minutes to walk between rooms; default: the config's walk, else 0.
        #[arg(long, value_name = "MIN", requires = "plan")]
        walk: Option<u32>,
        /// A calendar reminder this long before each talk (iCalendar): `10m`, `1h`, `90` (minutes).
        #[arg(long, value_name = "TIME", value_parser = resolve::alarm)]
        alarm: Option<u32>,
        /// Only this day: a date, a weekday or a day of the month.
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
    },
    /// Add a conference from a schedule file or an http(s) URL: imported, remembered, cached,
    /// and made current.
    Add {
        /// A schedule file, or its URL (a pretalx or frab event's schedule page is turned into
        /// its export).
        #[arg(value_name = "SOURCE")]
        source: String,
        /// The id to use it by (default: the schedule's own).
        #[arg(long, value_name = "ID")]
        name: Option<String>,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// List the conferences added (* marks the current one).
    Conferences,
    /// Make a conference of the library the current one.
    Use {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Forget a conference of the library (its agenda file stays).
    Remove {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Fetch a conference again (the current one by default) and report what changed for your
    /// picks.
    Refresh {
        #[arg(value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        fetch: FetchArgs,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Show the last change report again.
    Changes {
        #[arg(value_name = "ID")]
        id: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Convert schedule files (any supported format) into one lineup schedule.
    Import {
        /// Files to read and merge.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Read the files as this format instead of telling it from their content.
        #[arg(long, value_name = "FORMAT")]
        format: Option<ScheduleFormat>,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print a completion script for a shell (bash and fish complete session and conference
    /// ids too): `lineup completions bash > ~/.local/share/bash-completion/completions/lineup`.
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `lineup man | man -l -`.
    Man,
    /// Friends' agendas: add a friend's agenda file (or URL), list them, remove one. lineup only
    /// reads them; the grid marks talks they picked.
    Friend {
        #[command(subcommand)]
        action: FriendAction,
    },
    /// The talks you and a friend (any friend, without NAME) both picked.
    Together {
        #[arg(value_name = "NAME")]
        name: Option<String>,
    },
    /// "I couldn't get in": mark a planned talk missed (its room was full) and list the best
    /// things to do instead, running now or starting within minutes, nearest first; the rest of
    /// the day is planned again without it.
    Missed {
        /// The talk (its id or a piece of its title); without it, your planned talk now (or
        /// the one about to start).
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// Also pick the N-th alternative listed.
        #[arg(long, value_name = "N")]
        take: Option<usize>,
        /// How many minutes ahead an alternative may start.
        #[arg(long, value_name = "MIN", default_value_t = 10)]
        soon: u32,
    },
    /// Remind before each planned talk and event of your own: a desktop notification (or the
    /// config's [remind] command), naming the room and the walk from the place before. Runs
    /// until the conference ends, following changes to the agenda and the schedule.
    Remind {
        /// Minutes ahead (else the config's `before`, else 5).
        #[arg(long, value_name = "MIN", value_parser = clap::value_parser!(u32).range(1..=720))]
        before: Option<u32>,
        /// Send what is due in the last minute and stop (for cron or a systemd timer that runs
        /// it every minute).
        #[arg(long)]
        once: bool,
        /// Run this (sh -c, the reminder in LINEUP_* variables) instead of a desktop
        /// notification.
        #[arg(long, value_name = "CMD")]
        command: Option<String>,
    },
    /// Saved searches: each refresh reports the new talks that match them (the TUI marks them
    /// `◉`).
    Watch {
        #[command(subcommand)]
        action: WatchAction,
    },
    /// Your own events (a meeting, lunch, a volunteer shift): kept in your agenda, fixed in the
    /// plan (talks they leave no time for give way), shown and exported with your picks.
    Event {
        #[command(subcommand)]
        action: EventAction,
    },
    /// Check the config file (keys, colours, walk, display zone, minutes per row), or print a
    /// commented example of it.
    Config {
        /// Print a commented example with every setting: `lineup config --example >
        /// ~/.config/lineup/config.toml`.
        #[arg(long, conflicts_with_all = ["check", "keys"])]
        example: bool,
        /// Read the config file and say what is wrong with it (exit status 2), or what it sets.
        #[arg(long)]
        check: bool,
        /// List every command's name and keys, as the config's [keys] names them.
        #[arg(long)]
        keys: bool,
    },
}

/// What `lineup friend` does.
#[derive(Debug, Subcommand)]
pub enum WatchAction {
    /// Watch for new talks matching these words (as search matches them: each word begins a
    /// word of the title, speakers, track, room or text).
    Add {
        #[arg(value_name = "WORDS")]
        words: String,
    },
    /// List the watches, each with how many talks match it now.
    List,
    /// Stop watching these words.
    Remove {
        #[arg(value_name = "WORDS")]
        words: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EventAction {
    /// Add one: `lineup event add "Lunch with Ana" sat 12:30-13:30 --place "Café Belga"`.
    Add {
        #[arg(value_name = "TITLE")]
        title: String,
        /// A date, a weekday or a day of the month, among the conference's days.
        #[arg(value_name = "DAY")]
        day: String,
        /// Start and end: 12:30-13:30, 9am-10am, 1230-1330.
        #[arg(value_name = "START-END")]
        span: String,
        /// Where: a room of the schedule (walking to and from it counts) or any place.
        #[arg(long, value_name = "PLACE")]
        place: Option<String>,
    },
    /// List them, by start.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Remove one, by id or title.
    Remove {
        #[arg(value_name = "EVENT")]
        event: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FriendAction {
    /// Add a friend's agenda: a file (shared through git or any file sync; read, never written)
    /// or an http(s) URL (fetched now; add again to fetch again). It must be for this
    /// conference.
    Add {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(value_name = "FILE|URL")]
        source: String,
        #[command(flatten)]
        fetch: FetchArgs,
    },
    /// List the friends, with their picks.
    List,
    /// Forget a friend (their file is left as it is).
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_command_line_reads_as_clap_reads_no_arguments() {
        let parsed = Args::try_parse_from(["lineup"]).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Args::bare()));
    }
}

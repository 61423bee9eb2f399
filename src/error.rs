//! The crate's error type: every variant names the file (and line where there is one) and says
//! what to do, so the CLI can print it as one sentence.

use std::path::PathBuf;

/// Everything that can go wrong in lineup.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}; check the path and its permissions", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {}: {source}; check that the folder exists and is writable", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Input that an importer or loader could not read. `line` is 1-based; 0 when unknown.
    #[error("{origin}{}: {message}", line_suffix(*line, *column))]
    Parse {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },

    /// An agenda file that exists but cannot be used; it is left untouched.
    #[error("{}{}: {message}; the file was left untouched: move it aside or start with `--agenda OTHER_FILE`", path.display(), line_suffix(*line, *column))]
    BadAgenda {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A library-of-conferences file that exists but cannot be used; it is left untouched.
    #[error("{}{}: {message}; the file was left untouched: fix or move it aside", path.display(), line_suffix(*line, *column))]
    BadLibrary {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A settings file (hidden rooms, the config) that exists but cannot be used: lineup goes
    /// on without it and never writes over it.
    #[error("{}{}: {message}; lineup went on with the defaults and left the file as it is: fix or move it aside", path.display(), line_suffix(*line, *column))]
    BadSettings {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A schedule that could not be fetched; nothing cached was changed.
    #[error("cannot fetch {}: {message}", crate::message::quote(&crate::message::redact_url(url)))]
    Fetch { url: String, message: String },

    /// A session typed that no id, id start or title piece finds.
    #[error(
        "no session with id or title {}{}; `lineup sessions` lists them",
        crate::message::quote(typed),
        suggest(near)
    )]
    UnknownSession { typed: String, near: Vec<String> },

    /// A title piece several sessions (or picks) hold.
    #[error(
        "{} matches {count} titles: {listed}; give more of the title or the id",
        crate::message::quote(typed)
    )]
    SeveralTitles {
        typed: String,
        count: usize,
        listed: String,
    },

    /// A reminder that could not be sent.
    #[error("{message}; set `command` under [remind] in the config to send reminders another way")]
    Notify { message: String },

    /// `lineup missed` with no planned talk now or about to start.
    #[error(
        "no planned talk runs now or starts within 15 minutes; name the one you missed: `lineup missed ID`"
    )]
    NothingPlannedNow,

    /// `--take N` past the alternatives listed.
    #[error("--take {n}: there are {count} alternatives listed; take one of 1 to {count}")]
    NoSuchAlternative { n: usize, count: usize },

    /// A time span typed that is not one.
    #[error(
        "{}: give the times as start-end, like 12:30-13:30 (or 12h30-13h30, 9am-10am), the end after the start",
        crate::message::quote(typed)
    )]
    BadSpan { typed: String },

    /// An event of the person's own typed that is not in the agenda.
    #[error(
        "no event of yours is {}{}; `lineup event list` lists them",
        crate::message::quote(typed),
        suggest(near)
    )]
    NoEvent { typed: String, near: Vec<String> },

    /// A watch typed that is not one.
    #[error(
        "you do not watch {}{}; `lineup watch list` lists your watches",
        crate::message::quote(typed),
        suggest(near)
    )]
    NoWatch { typed: String, near: Vec<String> },

    /// A pick typed that is not picked.
    #[error(
        "{} is not picked{}; `lineup agenda` lists your picks",
        crate::message::quote(typed),
        suggest(near)
    )]
    NotPicked { typed: String, near: Vec<String> },

    /// A day typed that is not one of the conference's.
    #[error(
        "--day {}: no such day in {conference}; its days are {days} (give a date like {example}, a weekday or a day of the month)",
        crate::message::quote(typed)
    )]
    UnknownDay {
        typed: String,
        conference: String,
        days: String,
        example: String,
    },

    /// A day typed that fits several of the conference's.
    #[error(
        "--day {} is more than one day of {conference} ({dates}); give the date",
        crate::message::quote(typed)
    )]
    SeveralDays {
        typed: String,
        conference: String,
        dates: String,
    },

    /// A room typed that the schedule has not.
    #[error(
        "no room {} in {conference}{}; its rooms are {rooms}",
        crate::message::quote(typed),
        suggest(near)
    )]
    UnknownRoom {
        typed: String,
        conference: String,
        near: Vec<String>,
        rooms: String,
    },

    /// A kind of session asked for in a schedule that types none.
    #[error(
        "{conference} says of no session what kind it is, so --type {} finds nothing",
        crate::message::quote(typed)
    )]
    NoTypes { conference: String, typed: String },

    /// A kind typed that the schedule has not (or a piece several kinds hold).
    #[error(
        "--type {} names {}; the kinds are {types}",
        crate::message::quote(typed),
        if *several { "several kinds" } else { "no kind of session" }
    )]
    UnknownType {
        typed: String,
        several: bool,
        types: String,
    },

    /// A track asked for in a schedule that gives none.
    #[error(
        "{conference} gives no tracks, so --track {} finds nothing",
        crate::message::quote(typed)
    )]
    NoTracks { conference: String, typed: String },

    /// A language asked for of a schedule that gives none.
    #[error(
        "{conference} gives its talks no languages, so --language {} matches nothing",
        crate::message::quote(typed)
    )]
    NoLanguages { conference: String, typed: String },

    /// A language typed that no talk of the schedule is given in.
    #[error(
        "no talk is given in {}{}; the languages are {languages}",
        crate::message::quote(typed),
        suggest(near)
    )]
    UnknownLanguage {
        typed: String,
        near: Vec<String>,
        languages: String,
    },

    /// `lineup add` of a web page that links to no schedule lineup can find.
    #[error(
        "{url} is a web page, and it links to no schedule lineup knows (a c3voc <link rel=\"alternate\" type=\"application/vnd.c3voc.schedule+xml\">, or an export ending schedule.xml, .json, .xcal or .ics); add the schedule's own URL"
    )]
    PageWithoutSchedule { url: String },

    /// A track typed that the schedule has not.
    #[error(
        "no track {}{}; the tracks are {tracks}",
        crate::message::quote(typed),
        suggest(near)
    )]
    UnknownTrack {
        typed: String,
        near: Vec<String>,
        tracks: String,
    },

    /// A track piece several tracks hold.
    #[error(
        "--track {} names several tracks: {tracks}; type more of one",
        crate::message::quote(typed)
    )]
    SeveralTracks { typed: String, tracks: String },

    /// `--now` that is not a date and time.
    #[error(
        "--now {}: give a time like 2012-03-09T14:10 (venue time), 2012-03-09T14:10-08:00 or 2012-03-09T22:10Z",
        crate::message::quote(typed)
    )]
    BadNow { typed: String },

    /// A `--format` field that is not one.
    #[error(
        "{} is not a field; the fields are {fields} (write {{{{ and }}}} for braces)",
        crate::message::quote(what)
    )]
    UnknownField { what: String, fields: String },

    /// A conference typed that the library has not.
    #[error("{}", unknown_conference(typed, known, near))]
    UnknownConference {
        typed: String,
        known: Vec<String>,
        near: Vec<String>,
    },

    /// A conference id piece several ids begin with.
    #[error("{} fits several conferences: {}; type more of the id", crate::message::quote(typed), crate::text::join_or(&ids.iter().map(|i| crate::message::quote(i)).collect::<Vec<_>>()))]
    SeveralConferences { typed: String, ids: Vec<String> },

    /// A command about the current conference when none is.
    #[error(
        "no conference is current (the built-in one never changes); `lineup add FILE|URL` adds one"
    )]
    NoCurrentConference,

    /// A library conference whose cache holds no copy, fetched from a URL.
    #[error(
        "no copy of {id} is cached (the cache folder was emptied?); `lineup refresh {id}` fetches it again"
    )]
    NotCached { id: String },

    /// A file source that is empty.
    #[error("{origin} is empty")]
    EmptySource { origin: String },

    /// A conference another lineup removed meanwhile.
    #[error(
        "{} is no longer in the library (another lineup removed it?)",
        crate::message::quote(id)
    )]
    NoLongerInLibrary { id: String },

    /// A zone in the library this lineup does not know.
    #[error(
        "the library gives {id} the zone {}, which this lineup does not know; add it again with --tz",
        crate::message::quote(zone)
    )]
    UnknownLibraryZone { id: String, zone: String },

    /// A source that now holds another conference than the one added from it.
    #[error(
        "{} now holds another conference ({}, not {}); nothing was changed. `lineup add` it as a new one",
        crate::message::quote(origin),
        crate::message::quote(found),
        crate::message::quote(expected)
    )]
    AnotherConference {
        origin: String,
        found: String,
        expected: String,
    },

    /// The kept change report cannot be read.
    #[error(
        "the last change report of {id} cannot be read (another lineup version?); the next `lineup refresh` makes a new one"
    )]
    BadChangeReport { id: String },

    /// No refresh made a change report yet.
    #[error("{id} has no change report yet; `lineup refresh` makes one")]
    NoChangeReport { id: String },

    /// No home folder: nowhere to keep `what`; `instead` says what to do.
    #[error("cannot find a home folder to keep {what} in{instead}")]
    NoHome {
        what: &'static str,
        instead: &'static str,
    },

    /// Something lineup made that it could not write out as `what` (JSON, a script).
    #[error("cannot write {what}: {message}")]
    Serialize { what: &'static str, message: String },

    /// A name with no letter or digit.
    #[error(
        "{what} {} has no letter or digit; give {example}",
        crate::message::quote(typed)
    )]
    NoLetterOrDigit {
        what: &'static str,
        typed: String,
        example: &'static str,
    },

    /// A value longer than lineup keeps.
    #[error("{what} is {length} {unit} long, more than the {max} lineup keeps; give a shorter one")]
    TooLong {
        what: &'static str,
        length: usize,
        max: usize,
        unit: &'static str,
    },

    /// An export file name whose extension says no format.
    #[error("cannot tell the format of {} from its extension: end the name with .ics, .md, .txt, .json or .lanyrd, or pass --format", path.display())]
    NoFormatFromName { path: PathBuf },

    /// A friend's agenda that cannot be used: lineup only reads it.
    #[error("{}'s agenda {}{}: {message}; lineup only reads it: ask them for a good copy, or `lineup friend remove {name}`", crate::message::quote(name), path.display(), line_suffix(*line, 0))]
    FriendAgenda {
        name: String,
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// A friend's agenda made for another conference.
    #[error("{}'s agenda {} is for {} ({}), not {} ({}); add their agenda for this conference", crate::message::quote(name), path.display(), crate::message::quote(&theirs.0), crate::message::quote(&theirs.1), crate::message::quote(&ours.0), crate::message::quote(&ours.1))]
    FriendOtherConference {
        name: String,
        path: PathBuf,
        /// (title, id) of the agenda's conference, and of this one.
        theirs: Box<(String, String)>,
        ours: Box<(String, String)>,
    },

    /// A friend's name that slugs like another friend's.
    #[error(
        "{} is too like the friend {} already added (names are told apart by their letters and digits); add again as {} to fetch again, or give another name",
        crate::message::quote(name),
        crate::message::quote(other),
        crate::message::quote(other)
    )]
    FriendTooLike { name: String, other: String },

    /// A friend typed that is not one (for this conference, when given).
    #[error("no friend named {}{}; the friends are: {}", crate::message::quote(name), conference.as_deref().map(|c| format!(" for {}", crate::message::quote(c))).unwrap_or_default(), if known.is_empty() { "none yet".to_string() } else { known.join(", ") })]
    NoFriend {
        name: String,
        conference: Option<String>,
        known: Vec<String>,
    },

    /// `lineup import` given options it does not use.
    #[error(
        "`lineup import` reads the files it is given: --schedule, --agenda and --now do nothing there"
    )]
    ImportTakesFiles,

    /// The zsh script clap_complete made is of a shape this lineup cannot add ids to.
    #[error(
        "the zsh completion script from clap_complete has a shape this lineup does not know; take `lineup completions bash` or fish meanwhile"
    )]
    ZshScriptShape,

    /// `LINEUP_COMPLETE` asking for what lineup does not complete.
    #[error(
        "LINEUP_COMPLETE={} is not something lineup completes; it completes sessions or conferences",
        crate::message::quote(what)
    )]
    NotCompletable { what: String },

    /// A path that is a folder, device or pipe where a file was expected.
    #[error("{} is not a regular file (a folder, device or pipe); give a {what} file{}", path.display(), if *stdin_ok { ", or - for standard input" } else { "" })]
    NotAFile {
        path: PathBuf,
        what: &'static str,
        stdin_ok: bool,
    },

    /// Input larger than lineup reads of its kind (`what`: "schedule", "library"…).
    #[error("{} is {}, more than the {} lineup reads of {} {what} file; check that it is one", path.display(), size(*bytes), size(*limit), if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" })]
    TooBig {
        path: PathBuf,
        bytes: u64,
        limit: u64,
        what: &'static str,
    },

    /// A write aimed at a file lineup is using.
    #[error("refusing to write {}: it is {what}; choose another file", path.display())]
    WouldOverwrite { path: PathBuf, what: &'static str },

    /// A file the person made read-only.
    #[error("{} is read-only, so lineup left it as it is; make it writable (chmod u+w) to save there", path.display())]
    ReadOnly { path: PathBuf },

    /// Another process holds a lock for too long; `holder` says what it is probably doing.
    #[error("another program (another lineup {holder}?) has held {} for {seconds} s; close it, or wait, and try again", lock.display())]
    Locked {
        lock: PathBuf,
        seconds: u64,
        holder: &'static str,
    },

    #[error(
        "the terminal failed: {0}; run lineup in an interactive terminal, or use a subcommand such as `lineup sessions`"
    )]
    Terminal(#[source] std::io::Error),
}

/// A size as people read it: "3 MiB", "640 KiB", "12 bytes".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{} MiB", b.div_ceil(1 << 20)),
        b if b >= 1 << 10 => format!("{} KiB", b.div_ceil(1 << 10)),
        b => format!("{b} bytes"),
    }
}

/// "; did you mean `a` or `b`?", or nothing.
fn suggest(near: &[String]) -> String {
    let near: Vec<&str> = near.iter().map(String::as_str).collect();
    crate::message::did_you_mean(&near)
}

/// The sentence for a conference the library has not.
fn unknown_conference(typed: &str, known: &[String], near: &[String]) -> String {
    let quoted = crate::message::quote(typed);
    if known.is_empty() {
        return format!(
            "no conference {quoted} in the library; add one with `lineup add FILE|URL`"
        );
    }
    let hint = suggest(near);
    if hint.is_empty() {
        format!(
            "no conference {quoted} in the library; there is {} (`lineup conferences` lists them)",
            known.join(", ")
        )
    } else {
        format!("no conference {quoted} in the library{hint}")
    }
}

fn line_suffix(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(":{l}"),
        (l, c) => format!(":{l}:{c}"),
    }
}

impl Error {
    /// A parse error at a line of `origin`.
    pub fn parse(origin: &str, line: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            origin: origin.to_string(),
            line,
            column: 0,
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

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

    #[error("no session with id {}; `lineup sessions` lists the ids", crate::message::quote(.0))]
    UnknownSession(String),

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

    #[error("{0}")]
    Usage(String),

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

//! The library commands: `add`, `conferences`, `use`, `remove`, `refresh`, `changes`.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use chrono_tz::Tz;

use super::{AgendaArgs, print, print_message, say, warn};
use crate::error::{Error, Result};
use crate::presentation::{changes::report_text, plural};
use crate::workspace::conferences::{self, Kept, Refreshed};
use crate::workspace::library::{self, Entry};
use crate::workspace::{cache::Cache, clock, paths};

/// `lineup add SOURCE`.
pub(super) fn add(
    source: &str,
    tz: Option<Tz>,
    name: Option<&str>,
    timeout: Duration,
) -> Result<ExitCode> {
    let (entry, cached, linked) = conferences::add(source, tz, name, timeout, clock::now())?;
    if let Some(link) = linked {
        print_message(&format!(
            "{} is a web page; it links to {}: {}, taken\n",
            crate::message::redact_url(source),
            link.what,
            crate::message::redact_url(&link.url)
        ))?;
    }
    warn(&cached.notes);
    if cached.floating {
        warn(&[crate::workspace::library_floating_hint(&entry.id)]);
    }
    print_message(&format!(
        "added {}: {}, {} in {} (from {}); it is the current conference now\n",
        entry.id,
        crate::message::title(&entry.title),
        plural(entry.sessions as u64, "session", "sessions"),
        plural(cached.schedule.rooms.len() as u64, "room", "rooms"),
        crate::message::redact_url(&entry.source)
    ))
}

/// How many picks the agenda of `entry` holds (none when it cannot be read).
fn picks_of(entry: &Entry, agenda: &AgendaArgs) -> Option<usize> {
    let path = paths::agenda_path(agenda.agenda.as_deref(), &entry.conference).ok()?;
    let bytes = std::fs::read_to_string(&path).ok()?;
    crate::agenda::Agenda::from_json(&bytes, &path)
        .ok()
        .map(|a| a.len())
}

/// `lineup conferences`.
pub(super) fn list(agenda: &AgendaArgs) -> Result<ExitCode> {
    let lib = library::load()?;
    let mut out = Vec::new();
    if lib.conferences.is_empty() {
        writeln!(
            out,
            "No conferences added; the built-in PyCon US 2012 is current. `lineup add FILE|URL` adds one."
        )
        .map_err(io)?;
    }
    for e in &lib.conferences {
        let mark = if lib.current.as_deref() == Some(e.id.as_str()) {
            "*"
        } else {
            " "
        };
        let picks = picks_of(e, agenda)
            .map_or_else(|| "no agenda".into(), |n| plural(n as u64, "pick", "picks"));
        writeln!(
            out,
            "{mark} {}  {}  {}, {}, fetched {}\n    {}",
            e.id,
            crate::message::title(&e.title),
            plural(e.sessions as u64, "session", "sessions"),
            picks,
            e.fetched.format("%Y-%m-%d %H:%M UTC"),
            crate::message::redact_url(&e.source)
        )
        .map_err(io)?;
    }
    if !lib.conferences.is_empty() && lib.current().is_none() {
        writeln!(
            out,
            "None is current: the built-in PyCon US 2012 is; `lineup use ID` chooses one."
        )
        .map_err(io)?;
    }
    print_message(&String::from_utf8_lossy(&out))
}

fn io(source: std::io::Error) -> Error {
    Error::Write {
        path: "<standard output>".into(),
        source,
    }
}

/// `lineup use ID`.
pub(super) fn use_cmd(id: &str) -> Result<ExitCode> {
    let entry = library::change(|lib| {
        let entry = lib.find(id)?.clone();
        lib.current = Some(entry.id.clone());
        Ok(entry)
    })?;
    print_message(&format!(
        "{} ({}) is the current conference now\n",
        entry.id,
        crate::message::title(&entry.title)
    ))
}

/// `lineup remove ID`: the entry goes, then its cache folder (under the library's lock, so an
/// add at the same time never loses its folder to this one).
pub(super) fn remove(id: &str, agenda: &AgendaArgs) -> Result<ExitCode> {
    let (entry, none_current) = library::change(|lib| {
        let entry = lib.find(id)?.clone();
        lib.remove(&entry.id);
        let cache = Cache::of(&entry.id)?;
        if let Err(e) = std::fs::remove_dir_all(cache.dir())
            && e.kind() != std::io::ErrorKind::NotFound
        {
            say(&format!(
                "warning: the cached copy in {} stays: {e}",
                cache.dir().display()
            ));
        }
        Ok((entry, lib.current.is_none()))
    })?;
    let kept = paths::agenda_path(agenda.agenda.as_deref(), &entry.conference)?;
    print_message(&format!(
        "forgot {}; its agenda stays in {}{}\n",
        entry.id,
        kept.display(),
        if none_current {
            " (the built-in PyCon US 2012 is current now)"
        } else {
            ""
        }
    ))
}

/// `lineup refresh [ID]`.
pub(super) fn refresh(
    id: Option<&str>,
    agenda: &AgendaArgs,
    timeout: Duration,
    all: bool,
    json: bool,
) -> Result<ExitCode> {
    let entry = chosen(id)?;
    let refreshed = conferences::refresh(&entry, agenda.agenda.as_deref(), timeout, clock::now())
        .map_err(|e| match e {
        Error::Fetch { url, message } if conferences::has_copy(&entry) => Error::Fetch {
            url,
            message: format!(
                "{message}; the copy fetched {} stays in use",
                entry.fetched.format("%Y-%m-%d %H:%M UTC")
            ),
        },
        Error::Fetch { url, message } => Error::Fetch {
            url,
            message: format!("{message}; lineup has no copy of it yet"),
        },
        other => other,
    })?;
    match refreshed {
        Refreshed::Unchanged { fetched } if json => print(&format!(
            "{{\"conference\": {}, \"unchanged\": true, \"fetched\": \"{}\"}}\n",
            serde_json::Value::from(entry.id.as_str()),
            fetched.to_rfc3339()
        )),
        Refreshed::Unchanged { fetched } => print_message(&format!(
            "{}: unchanged since {}\n",
            entry.id,
            fetched.format("%Y-%m-%d %H:%M UTC")
        )),
        Refreshed::Changed(kept) => show(&kept, all, json),
    }
}

/// `lineup changes [ID]`.
pub(super) fn changes(id: Option<&str>, all: bool, json: bool) -> Result<ExitCode> {
    let entry = chosen(id)?;
    match conferences::last_report(&entry)? {
        Some(kept) => show(&kept, all, json),
        None => Err(Error::NoChangeReport { id: entry.id }),
    }
}

fn chosen(id: Option<&str>) -> Result<Entry> {
    conferences::chosen(id)?.ok_or(Error::NoCurrentConference)
}

fn show(kept: &Kept, all: bool, json: bool) -> Result<ExitCode> {
    if json {
        let mut text = serde_json::to_string_pretty(kept).map_err(|e| Error::Serialize {
            what: "the change report as JSON",
            message: e.to_string(),
        })?;
        text.push('\n');
        return print(&text);
    }
    print_message(&format!(
        "{} ({}): changes from the copy of {} to the copy of {}\n{}",
        kept.conference,
        crate::message::title(&kept.title),
        kept.before.format("%Y-%m-%d %H:%M UTC"),
        kept.after.format("%Y-%m-%d %H:%M UTC"),
        report_text(&kept.report, all)
    ))
}

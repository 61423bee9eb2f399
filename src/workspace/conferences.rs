//! The conferences of the library at work: adding one (a file or a URL, fetched, imported,
//! cached), opening one (from the cache, without parsing when it can), refreshing one (fetched
//! again, compared with the copy before, the change report kept), and the last report.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::cache::{Cache, Cached, Meta};
use super::fetch::{self, Fetched, Validators};
use super::library::{self, Entry};
use super::{files, open_store};
use crate::agenda::changes::{self, Report};
use crate::error::{Error, Result};
use crate::import;
use crate::message;
use crate::model::Schedule;

/// The version of the saved change report.
const REPORT_VERSION: u32 = 1;

/// A change report as kept: which conference, between which copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    #[serde(rename = "lineup_changes")]
    pub version: u32,
    pub conference: String,
    pub title: String,
    /// When the copy compared against was fetched.
    pub before: DateTime<Utc>,
    /// When the new copy was fetched.
    pub after: DateTime<Utc>,
    #[serde(flatten)]
    pub report: Report,
}

/// What a refresh found.
#[derive(Debug)]
pub enum Refreshed {
    /// The server's (or the file's) copy is the one in the cache.
    Unchanged { fetched: DateTime<Utc> },
    /// A new copy, now cached, and what changed.
    Changed(Box<Kept>),
}

/// Adds `source` (a file or an `http(s)://` URL) to the library as `name` (else the
/// schedule's own id), with zone `tz` for schedules that give none; it becomes current.
pub fn add(
    source: &str,
    tz: Option<Tz>,
    name: Option<&str>,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<(Entry, Cached)> {
    let source = if library::is_url(source) {
        fetch::export_url(source)
    } else {
        absolute(Path::new(source))?.display().to_string()
    };
    let Some((bytes, meta)) = get(&source, None, timeout, now)? else {
        return Err(Error::Usage(format!(
            "nothing came from {}",
            message::quote(&source)
        )));
    };
    let cached = import_checked(&bytes, &source, tz)?;
    let mut lib = library::load()?;
    let wanted = name.map_or_else(
        || crate::text::slug(&cached.schedule.conference.id),
        str::to_string,
    );
    let id = lib.free_id(&wanted, &source);
    let entry = Entry {
        id: id.clone(),
        conference: cached.schedule.conference.id.clone(),
        title: cached.schedule.conference.title.clone(),
        source,
        tz: tz.map(|z| z.name().to_string()),
        added: lib.get(&id).map_or(now, |e| e.added),
        fetched: meta.fetched,
        sessions: cached.schedule.sessions.len(),
    };
    Cache::of(&id)?.store(&bytes, &meta, &cached, entry.tz.as_deref())?;
    lib.put(entry.clone());
    library::save(&lib)?;
    Ok((entry, cached))
}

/// A file source as an absolute path (relative ones would mean another file elsewhere).
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Opens a library conference from its cache: the imported copy when it is there, else the
/// cached source imported again (and the imported copy kept), else the file read again.
pub fn open(entry: &Entry) -> Result<Cached> {
    let cache = Cache::of(&entry.id)?;
    let tz = entry.tz.as_deref();
    if let Some(meta) = cache.meta() {
        if let Some(cached) = cache.schedule(&meta, tz) {
            return Ok(cached);
        }
        let bytes = cache.source()?;
        let cached = import_checked(&bytes, &entry.source, zone(entry)?)?;
        // A cache that cannot be written only costs the next start the parse again.
        let _ = cache.store_schedule(&cached, &meta, tz);
        return Ok(cached);
    }
    if entry.is_url() {
        return Err(Error::Usage(format!(
            "no copy of {} is cached (the cache folder was emptied?); `lineup refresh {}` fetches it again",
            entry.id, entry.id
        )));
    }
    let now = Utc::now();
    let Some((bytes, meta)) = get(&entry.source, None, fetch::DEFAULT_TIMEOUT, now)? else {
        return Err(Error::Usage(format!("{} is empty", entry.source)));
    };
    let cached = import_checked(&bytes, &entry.source, zone(entry)?)?;
    let _ = cache.store(&bytes, &meta, &cached, tz);
    Ok(cached)
}

/// The entry's zone.
fn zone(entry: &Entry) -> Result<Option<Tz>> {
    entry
        .tz
        .as_deref()
        .map(|z| {
            z.parse::<Tz>().map_err(|_| {
                Error::Usage(format!(
                    "the library gives {} the zone {}, which this lineup does not know; add it again with --tz",
                    entry.id,
                    message::quote(z)
                ))
            })
        })
        .transpose()
}

/// Fetches `entry` again, compares the new copy with the cached one for the picks in the agenda
/// (`agenda` given, else the usual place), keeps the new copy and the report. Any failure leaves
/// the cache, the library and the agenda as they were.
pub fn refresh(
    entry: &Entry,
    agenda: Option<&Path>,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<Refreshed> {
    let cache = Cache::of(&entry.id)?;
    let known = cache.meta();
    let old = open(entry).ok();
    let got = get(&entry.source, known.as_ref(), timeout, now)?;
    // A file read again is unchanged when its bytes are the cached ones.
    let got = got.filter(|(bytes, _)| {
        entry.is_url()
            || known.is_none()
            || cache.source().ok().as_deref() != Some(bytes.as_slice())
    });
    let Some((bytes, meta)) = got else {
        return Ok(Refreshed::Unchanged {
            fetched: known.map_or(entry.fetched, |m| m.fetched),
        });
    };
    let new = import_checked(&bytes, &entry.source, zone(entry)?)?;
    if new.schedule.conference.id != entry.conference {
        return Err(Error::Usage(format!(
            "{} now holds another conference ({}, not {}); nothing was changed. `lineup add` it as a new one",
            message::quote(&entry.source),
            message::quote(&new.schedule.conference.id),
            message::quote(&entry.conference)
        )));
    }
    let store = open_store(agenda, &new.schedule, None)?;
    let before = known.as_ref().map_or(entry.fetched, |m| m.fetched);
    let old_schedule = old.map_or_else(|| empty_like(&new.schedule), |o| o.schedule);
    let report = changes::compare(&old_schedule, &new.schedule, store.agenda());
    cache.store(&bytes, &meta, &new, entry.tz.as_deref())?;
    let kept = Kept {
        version: REPORT_VERSION,
        conference: entry.id.clone(),
        title: new.schedule.conference.title.clone(),
        before,
        after: meta.fetched,
        report,
    };
    files::write_atomic_with(&cache.changes_path(), |out| {
        serde_json::to_writer_pretty(&mut *out, &kept).map_err(std::io::Error::other)
    })?;
    let mut lib = library::load()?;
    if let Some(e) = lib.conferences.iter_mut().find(|e| e.id == entry.id) {
        e.fetched = meta.fetched;
        e.sessions = new.schedule.sessions.len();
        e.title.clone_from(&new.schedule.conference.title);
    }
    library::save(&lib)?;
    Ok(Refreshed::Changed(Box::new(kept)))
}

fn empty_like(s: &Schedule) -> Schedule {
    Schedule {
        conference: s.conference.clone(),
        rooms: Vec::new(),
        sessions: Vec::new(),
        shown_in: None,
    }
}

/// The last change report of `entry`, if a refresh made one.
pub fn last_report(entry: &Entry) -> Result<Option<Kept>> {
    let path = Cache::of(&entry.id)?.changes_path();
    if !files::exists(&path) {
        return Ok(None);
    }
    let bytes = files::read_regular(&path, "change report", 64 << 20)?;
    serde_json::from_slice::<Kept>(&bytes)
        .ok()
        .filter(|k| k.version == REPORT_VERSION)
        .map(Some)
        .ok_or_else(|| {
            Error::Usage(format!(
                "the last change report of {} cannot be read (another lineup version?); the next `lineup refresh` makes a new one",
                entry.id
            ))
        })
}

/// The conference a command works on: `id`, else the current one (none: the built-in
/// schedule).
pub fn chosen(id: Option<&str>) -> Result<Option<Entry>> {
    let lib = library::load()?;
    Ok(match id {
        Some(id) => Some(lib.find(id)?.clone()),
        None => lib.current().cloned(),
    })
}

/// The source's bytes: fetched for a URL (sending `known`'s validators; `None` when the server
/// says its copy is that one), read for a file.
fn get(
    source: &str,
    known: Option<&Meta>,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<Option<(Vec<u8>, Meta)>> {
    if library::is_url(source) {
        let validators = known.map_or_else(Validators::default, |m| m.validators.clone());
        return Ok(match fetch::fetch(source, &validators, timeout)? {
            Fetched::Unchanged => None,
            Fetched::Body {
                bytes,
                validators,
                url,
            } => {
                let size = bytes.len() as u64;
                Some((
                    bytes,
                    Meta {
                        version: 0,
                        fetched: now,
                        url: Some(url),
                        validators,
                        size,
                    },
                ))
            }
        });
    }
    let bytes = files::read_regular(Path::new(source), "schedule", files::MAX_INPUT_BYTES)?;
    let size = bytes.len() as u64;
    Ok(Some((
        bytes,
        Meta {
            version: 0,
            fetched: now,
            url: None,
            validators: Validators::default(),
            size,
        },
    )))
}

/// Imports fetched or copied bytes, with one sentence for what is plainly not a schedule.
fn import_checked(bytes: &[u8], origin: &str, tz: Option<Tz>) -> Result<Cached> {
    let not = |what: &str| Error::Fetch {
        url: origin.to_string(),
        message: format!(
            "{what}, not a schedule; nothing was changed. Give the schedule's export link (an .xml, .json or .ics file)"
        ),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(not("the answer is empty"));
    }
    if looks_like_html(bytes) {
        return Err(not(
            "the answer is a web page (a login page, or an error page?)",
        ));
    }
    let opts = import::Options {
        tz,
        ..import::Options::default()
    };
    let imported = import::read_bytes(bytes, origin, &opts)?;
    Ok(Cached {
        notes: imported.warnings.iter().map(ToString::to_string).collect(),
        floating: imported.floating,
        schedule: imported.schedule,
    })
}

/// An HTML page: `<!DOCTYPE html` or `<html` first (after a BOM, blanks and comments).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<!doctype html") || text.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_pages_and_empty_answers_are_named() {
        for page in [
            "<!DOCTYPE html><html>",
            "\u{feff}  <HTML lang=en>",
            "\n<!doctype HTML>",
        ] {
            assert!(looks_like_html(page.as_bytes()), "{page}");
        }
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><schedule>"));
        let e = import_checked(b"<html><body>Sign in</body></html>", "http://x/s", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("web page") && e.contains("nothing was changed"),
            "{e}"
        );
        let e = import_checked(b" \n", "http://x/s", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("empty"), "{e}");
    }
}

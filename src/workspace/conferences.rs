//! The conferences of the library at work: adding one (a file or a URL, fetched, imported,
//! cached), opening one (from the cache, without parsing when it can), refreshing one (fetched
//! again, compared with the copy before, the change report kept), and the last report.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::cache::{Cache, Cached, Check, Meta};
use super::fetch::{self, Fetched, Validators};
use super::library::{self, Entry};
use super::{files, open_store};
use crate::agenda::changes::{self, Report};
use crate::error::{Error, Result};
use crate::import;
use crate::import::page::Link;
use crate::message;
use crate::model::Schedule;
use crate::model::search::Index;
use std::sync::Arc;

/// The version of the saved change report.
const REPORT_VERSION: u32 = 1;

/// The largest change report read back: a report is bounded when kept
/// ([`Report::bounded`]), far below this.
const REPORT_MAX_BYTES: u64 = 64 << 20;

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
/// schedule's own id), with zone `tz` for schedules that give none; it becomes current. The
/// fetch and the import happen first; the library and the cache are then changed under the
/// library's lock, so adds at once lose nothing, and cache folders no entry names (left by a
/// killed add) are removed.
pub fn add(
    source: &str,
    tz: Option<Tz>,
    name: Option<&str>,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<(Entry, Cached, Option<Link>)> {
    let mut source = checked_source(source)?;
    if let Some(name) = name
        && !crate::text::has_slug(name)
    {
        return Err(Error::NoLetterOrDigit {
            what: "--name",
            typed: name.to_string(),
            example: "the conference a name such as fosdem-2026",
        });
    }
    let Some((mut bytes, mut meta)) = get(&source, None, timeout, now)? else {
        return Err(unconditional_304(&source));
    };
    // A conference's web page: the schedule it links to is added instead (and refreshed).
    let linked = linked_schedule(&bytes, &source)?;
    if let Some(link) = &linked {
        source = checked_source(&link.url)?;
        (bytes, meta) =
            get(&source, None, timeout, now)?.ok_or_else(|| unconditional_304(&source))?;
    }
    let cached = import_checked(&bytes, &source, tz)?;
    let entry = library::change(|lib| {
        let wanted = name.unwrap_or(&cached.schedule.conference.id);
        let id = lib.free_id(wanted, &source);
        let meta = Cache::of(&id)?.store(&bytes, &meta, &cached, tz.map(|z| z.name()))?;
        let entry = Entry {
            id: id.clone(),
            conference: cached.schedule.conference.id.clone(),
            title: Entry::short_title(&cached.schedule.conference.title),
            source: source.clone(),
            tz: tz.map(|z| z.name().to_string()),
            added: lib.get(&id).map_or(now, |e| e.added),
            fetched: meta.fetched,
            sessions: cached.schedule.sessions.len(),
        };
        lib.put(entry.clone());
        Cache::remove_orphans(lib);
        Ok(entry)
    })?;
    Ok((entry, cached, linked))
}

/// When `bytes` fetched from the URL `source` are a web page, not a schedule: the schedule it
/// links to, or an error saying what a page must link; `None` for anything else.
fn linked_schedule(bytes: &[u8], source: &str) -> Result<Option<Link>> {
    if !library::is_url(source) {
        return Ok(None);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let page = head.trim_start_matches('\u{feff}').trim_start();
    let html = (page.starts_with("<!doctype html") || page.contains("<html"))
        && import::detect(&head).is_none();
    if !html {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(bytes);
    match import::page::schedule_link(&text, source) {
        Some(link) => Ok(Some(link)),
        None => Err(Error::PageWithoutSchedule {
            url: message::redact_url(source),
        }),
    }
}

/// A source as the library keeps it: a URL without credentials (refused, see
/// [`fetch::check_url`]), or a file as an absolute path; at most [`library::SOURCE_MAX`] bytes.
fn checked_source(source: &str) -> Result<String> {
    let kept = if library::is_url(source) {
        fetch::check_url(source)?;
        fetch::export_url(source)
    } else {
        absolute(Path::new(source))?.display().to_string()
    };
    if kept.len() > library::SOURCE_MAX {
        return Err(Error::TooLong {
            what: "the source (a URL or path)",
            length: kept.len(),
            max: library::SOURCE_MAX,
            unit: "bytes",
        });
    }
    Ok(kept)
}

/// A file source as an absolute path (relative ones would mean another file elsewhere).
fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// What a server is told when it answers 304 Not Modified to a request that had nothing to
/// compare (lineup sent no validators): there is no copy to keep.
fn unconditional_304(url: &str) -> Error {
    Error::Fetch {
        url: url.to_string(),
        message: "the server answered 304 Not Modified although lineup asked for the whole schedule (it has no copy to compare); try again later".into(),
    }
}

/// The cached copy of `entry`: its bytes and meta, the copy a killed write left without its
/// meta taken up again. `None` when the cache holds no copy.
fn cached_copy(cache: &Cache, entry: &Entry) -> Result<Option<(Vec<u8>, Meta)>> {
    if let Some(meta) = cache.meta() {
        return Ok(Some((cache.source(&meta)?, meta)));
    }
    Ok(cache.recover(entry.fetched))
}

/// Opens a library conference from its cache: the imported copy when it is there and whole,
/// else the cached source imported again (and the imported copy kept), else the file read
/// again.
pub fn open(entry: &Entry) -> Result<Cached> {
    let (cached, check) = open_unchecked(entry)?;
    if check.is_some_and(|c| !c.passes()) {
        return rebuild(entry);
    }
    Ok(cached)
}

/// [`open`] without checking a cached copy's bytes: the check is returned for the caller to
/// run (the TUI runs it beside the event loop and calls [`rebuild`] when it fails).
pub fn open_unchecked(entry: &Entry) -> Result<(Cached, Option<Check>)> {
    let cache = Cache::of(&entry.id)?;
    let tz = entry.tz.as_deref();
    if let Some(meta) = cache.meta()
        && let Some((cached, check)) = cache.schedule(&meta, tz)
    {
        return Ok((cached, Some(check)));
    }
    if let Some((bytes, meta)) = cached_copy(&cache, entry)? {
        let mut cached = import_checked(&bytes, &entry.source, zone(entry)?)?;
        cached.index = Some(Arc::new(Index::build(&cached.schedule)));
        // A cache that cannot be written only costs the next start the parse again.
        cache.keep_schedule(&cached, &meta, tz);
        return Ok((cached, None));
    }
    if entry.is_url() {
        return Err(Error::NotCached {
            id: entry.id.clone(),
        });
    }
    let now = Utc::now();
    let Some((bytes, meta)) = get(&entry.source, None, fetch::DEFAULT_TIMEOUT, now)? else {
        return Err(Error::EmptySource {
            origin: entry.source.clone(),
        });
    };
    let cached = import_checked(&bytes, &entry.source, zone(entry)?)?;
    let _ = cache.store(&bytes, &meta, &cached, tz);
    Ok((cached, None))
}

/// Opens a conference whose imported copy failed its check: the copy is removed and made
/// again from the cached source.
pub fn rebuild(entry: &Entry) -> Result<Cached> {
    Cache::of(&entry.id)?.discard_schedule();
    Ok(open_unchecked(entry)?.0)
}

/// Reads `entry`'s schedule in zone `tz` from now on (its times float without one): kept in
/// the library, under its lock; the cached schedule is made again for the zone on the next
/// open. Returns the entry as kept.
pub fn set_zone(entry: &Entry, tz: Tz) -> Result<Entry> {
    library::change(|lib| {
        let e = lib
            .conferences
            .iter_mut()
            .find(|e| e.id == entry.id)
            .ok_or_else(|| lib_missing(&entry.id))?;
        e.tz = Some(tz.name().to_string());
        Ok(e.clone())
    })
}

fn lib_missing(id: &str) -> Error {
    Error::NoLongerInLibrary { id: id.to_string() }
}

/// Whether the cache holds a copy of `entry` to fall back on.
pub fn has_copy(entry: &Entry) -> bool {
    Cache::of(&entry.id).is_ok_and(|c| c.meta().is_some() || c.has_source())
}

/// The entry's zone.
fn zone(entry: &Entry) -> Result<Option<Tz>> {
    entry
        .tz
        .as_deref()
        .map(|z| {
            z.parse::<Tz>().map_err(|_| Error::UnknownLibraryZone {
                id: entry.id.clone(),
                zone: z.to_string(),
            })
        })
        .transpose()
}

/// Fetches `entry` again, compares the new copy with the cached one for the picks in the agenda
/// (`agenda` given, else the usual place), keeps the new copy and the report. Any failure leaves
/// the cache, the library and the agenda as they were. The cached copy's validators are sent
/// only when that copy opens: with nothing to compare, the schedule is fetched whole.
pub fn refresh(
    entry: &Entry,
    agenda: Option<&Path>,
    timeout: Duration,
    now: DateTime<Utc>,
) -> Result<Refreshed> {
    if entry.is_url() {
        fetch::check_url(&entry.source)?;
    }
    let cache = Cache::of(&entry.id)?;
    let old = open(entry).ok();
    let known = old.as_ref().and_then(|_| cache.meta());
    let got = get(&entry.source, known.as_ref(), timeout, now)?;
    let Some((bytes, meta)) = got else {
        return match known {
            Some(m) => Ok(Refreshed::Unchanged { fetched: m.fetched }),
            None => Err(unconditional_304(&entry.source)),
        };
    };
    // A file read again is unchanged when its bytes are the cached ones.
    if !entry.is_url()
        && let Some(m) = &known
        && cache.source(m).ok().as_deref() == Some(bytes.as_slice())
    {
        return Ok(Refreshed::Unchanged { fetched: m.fetched });
    }
    let new = import_checked(&bytes, &entry.source, zone(entry)?)?;
    if new.schedule.conference.id != entry.conference {
        return Err(Error::AnotherConference {
            origin: message::redact_url(&entry.source),
            found: new.schedule.conference.id.clone(),
            expected: entry.conference.clone(),
        });
    }
    let mut store = open_store(agenda, &new.schedule, None)?;
    let before = known.as_ref().map_or(entry.fetched, |m| m.fetched);
    let old_schedule = old.map_or_else(|| empty_like(&new.schedule), |o| o.schedule);
    let full = changes::compare(&old_schedule, &new.schedule, store.agenda());
    // Picks follow their renumbered sessions before the new copy is kept: if saving them
    // fails, nothing has changed and a refresh again does it all.
    store.apply_all(follows(&full, &new.schedule))?;
    let report = full.bounded();
    let meta = cache.store(&bytes, &meta, &new, entry.tz.as_deref())?;
    let kept = Kept {
        version: REPORT_VERSION,
        conference: entry.id.clone(),
        title: Entry::short_title(&new.schedule.conference.title),
        before,
        after: meta.fetched,
        report,
    };
    files::write_atomic_with(&cache.changes_path(), |out| {
        serde_json::to_writer_pretty(&mut *out, &kept).map_err(std::io::Error::other)
    })?;
    library::change(|lib| {
        if let Some(e) = lib.conferences.iter_mut().find(|e| e.id == entry.id) {
            e.fetched = meta.fetched;
            e.sessions = new.schedule.sessions.len();
            e.title = Entry::short_title(&new.schedule.conference.title);
        }
        Ok(())
    })?;
    Ok(Refreshed::Changed(Box::new(kept)))
}

/// The picks a refresh moves to their sessions' new ids (the report's renumbered picks).
fn follows(report: &Report, schedule: &Schedule) -> Vec<crate::agenda::Op> {
    let by_id: std::collections::HashMap<&str, &crate::model::Session> = schedule
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    report
        .picks
        .iter()
        .filter_map(|c| {
            let from = c.changes.iter().find_map(|ch| match ch {
                changes::Change::Renumbered { from } => Some(from.clone()),
                _ => None,
            })?;
            let session = by_id.get(c.id.as_str())?;
            Some(crate::agenda::Op::Follow {
                from,
                to: crate::agenda::Pick::of(session, super::clock::now()),
            })
        })
        .collect()
}

fn empty_like(s: &Schedule) -> Schedule {
    Schedule {
        conference: s.conference.clone(),
        rooms: Vec::new(),
        sessions: Vec::new(),
        track_colours: Default::default(),
        shown_in: None,
    }
}

/// The last change report of `entry`, if a refresh made one.
pub fn last_report(entry: &Entry) -> Result<Option<Kept>> {
    let path = Cache::of(&entry.id)?.changes_path();
    if !files::exists(&path) {
        return Ok(None);
    }
    let bytes = files::read_regular(&path, "change report", REPORT_MAX_BYTES)?;
    serde_json::from_slice::<Kept>(&bytes)
        .ok()
        .filter(|k| k.version == REPORT_VERSION)
        .map(Some)
        .ok_or_else(|| Error::BadChangeReport {
            id: entry.id.clone(),
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
                        url: Some(message::redact_url(&url)),
                        validators,
                        size,
                        file: String::new(),
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
            file: String::new(),
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
        index: None,
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

//! The library of conferences: which schedules the person added (a file or a URL each), the
//! zone to read each in, which one is current. One small versioned JSON file in the data folder
//! (`<data dir>/lineup/library.json`), written atomically; a file lineup cannot read is never
//! overwritten.
//!
//! ```json
//! {
//!   "lineup_library": 1,
//!   "current": "fosdem-2020",
//!   "conferences": [
//!     { "id": "fosdem-2020", "conference": "fosdem-2020", "title": "FOSDEM 2020",
//!       "source": "https://fosdem.org/2020/schedule/xml", "tz": "Europe/Brussels",
//!       "added": "2026-11-23T14:00:00Z", "fetched": "2026-11-23T14:00:00Z", "sessions": 872 }
//!   ]
//! }
//! ```
//!
//! `id` is the name people type (`lineup use ID`): a slug (`--name "FOSDEM 2020"` is
//! `fosdem-2020`), so two ids never share a cache folder; `conference` is the schedule's own id,
//! which names the agenda file. `fetched` is when the source was last read (downloaded or
//! copied). Every change is made under the library's lock ([`change`]): read, changed and
//! written by one lineup at a time, so conferences added at once are all kept. What is kept is
//! bounded (a title is cut), so the file always reads back.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{files, lock, paths};
use crate::error::{Error, Result};
use crate::{message, text};

/// The version this lineup writes and reads.
pub const VERSION: u32 = 1;

/// A library file larger than this is not a library lineup wrote (each entry is bounded: an id
/// of at most [`text::STEM_MAX`] bytes, a title of [`TITLE_MAX`] characters, a source of
/// [`SOURCE_MAX`] bytes; hundreds of conferences fit).
const MAX_BYTES: u64 = 16 << 20;

/// The longest title kept in the library (the schedule keeps its own).
pub const TITLE_MAX: usize = 200;

/// The longest source kept: a URL or a path longer than this is refused when added.
pub const SOURCE_MAX: usize = 8192;

/// How long a change of the library waits for another lineup changing it (adding a conference
/// writes its cache under the lock: a large schedule takes a second or two).
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// One conference in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The name people type: `lineup use ID`, `--conference ID`.
    pub id: String,
    /// The schedule's own conference id (it names the agenda file).
    pub conference: String,
    pub title: String,
    /// A file path (absolute) or an `http(s)://` URL.
    pub source: String,
    /// The zone given with `--tz` when the schedule was added (for schedules that give none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    pub added: DateTime<Utc>,
    /// When the source was last read.
    pub fetched: DateTime<Utc>,
    /// Sessions at the last read.
    pub sessions: usize,
}

impl Entry {
    /// A title as the library keeps it: at most [`TITLE_MAX`] characters.
    pub fn short_title(title: &str) -> String {
        text::cut_chars(title, TITLE_MAX)
    }

    /// Whether the source is fetched over HTTP.
    pub fn is_url(&self) -> bool {
        is_url(&self.source)
    }
}

/// Whether a source names an `http://` or `https://` URL (else it is a file).
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The library: the conferences added and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    #[serde(rename = "lineup_library")]
    pub version: u32,
    #[serde(default)]
    pub current: Option<String>,
    #[serde(default)]
    pub conferences: Vec<Entry>,
}

impl Library {
    /// The entry named `id`: exactly, else the one whose id is `id`'s slug (`lineup use "FOSDEM
    /// 2020"` finds `fosdem-2020`), else the one whose id begins with it (any case) when only
    /// one does.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.resolve(id).ok()
    }

    /// [`Library::get`], or what to say: the ids a fragment fits, or the closest ones.
    fn resolve(&self, id: &str) -> std::result::Result<&Entry, Vec<&Entry>> {
        if let Some(e) = self.conferences.iter().find(|e| e.id == id) {
            return Ok(e);
        }
        let stem = text::file_stem(id);
        if let Some(e) = self.conferences.iter().find(|e| e.id == stem) {
            return Ok(e);
        }
        let typed = id.trim().to_lowercase();
        let fits: Vec<&Entry> = self
            .conferences
            .iter()
            .filter(|e| {
                !typed.is_empty()
                    && (e.id.to_lowercase().starts_with(&typed) || e.id.starts_with(&stem))
            })
            .collect();
        match fits[..] {
            [one] => Ok(one),
            _ => Err(fits),
        }
    }

    /// The current conference, if one was added and chosen.
    pub fn current(&self) -> Option<&Entry> {
        self.current.as_deref().and_then(|id| self.get(id))
    }

    /// The entry for `id` (as [`Library::get`] finds it), or a sentence: the ids a fragment
    /// fits, the closest ids, or the ids there are.
    pub fn find(&self, id: &str) -> Result<&Entry> {
        let several = match self.resolve(id) {
            Ok(e) => return Ok(e),
            Err(several) => several,
        };
        if several.len() > 1 {
            return Err(Error::SeveralConferences {
                typed: id.to_string(),
                ids: several.iter().map(|e| e.id.clone()).collect(),
            });
        }
        let known: Vec<&str> = self.conferences.iter().map(|e| e.id.as_str()).collect();
        Err(Error::UnknownConference {
            typed: id.to_string(),
            near: message::closest(id, known.iter().copied())
                .into_iter()
                .map(str::to_string)
                .collect(),
            known: known.into_iter().map(str::to_string).collect(),
        })
    }

    /// Adds `entry` (replacing one with the same id) and makes it current.
    pub fn put(&mut self, entry: Entry) {
        self.current = Some(entry.id.clone());
        match self.conferences.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => *e = entry,
            None => self.conferences.push(entry),
        }
    }

    /// Forgets `id`; the current conference becomes none when it was that one.
    pub fn remove(&mut self, id: &str) -> Option<Entry> {
        let id = self.get(id)?.id.clone();
        let at = self.conferences.iter().position(|e| e.id == id)?;
        if self.current.as_deref() == Some(id.as_str()) {
            self.current = None;
        }
        Some(self.conferences.remove(at))
    }

    /// An id for a new conference: the slug of `wanted` (bounded, so it can name a folder), or
    /// that with `-2`, `-3`… when another source has it. Ids are compared by their slug, so
    /// `Foo` and `foo` never share a cache folder.
    pub fn free_id(&self, wanted: &str, source: &str) -> String {
        let wanted = text::file_stem(wanted);
        let taken = |id: &str| {
            self.conferences
                .iter()
                .any(|e| text::file_stem(&e.id) == id && e.source != source)
        };
        if !taken(&wanted) {
            return wanted;
        }
        (2..)
            .map(|n| text::file_stem(&format!("{wanted}-{n}")))
            .find(|id| !taken(id))
            .unwrap_or(wanted)
    }
}

/// `<data dir>/lineup/library.json`.
pub fn path() -> Result<PathBuf> {
    paths::dirs()
        .map(|d| d.data_dir().join("library.json"))
        .ok_or(Error::NoHome {
            what: "the library of conferences",
            instead: "",
        })
}

/// Reads the library; none yet is an empty one.
pub fn load() -> Result<Library> {
    load_from(&path()?)
}

/// Reads the library at `path`; a missing file is an empty library.
pub fn load_from(path: &Path) -> Result<Library> {
    if !files::exists(path) {
        return Ok(Library {
            version: VERSION,
            ..Library::default()
        });
    }
    let bytes = files::read_regular(path, "library", MAX_BYTES)?;
    let bad = |line: usize, column: usize, message: String| Error::BadLibrary {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let header: Header = serde_json::from_slice(&bytes)
        .map_err(|e| bad(e.line(), e.column(), message::foreign(&e.to_string())))?;
    match header.lineup_library {
        Some(VERSION) => {}
        Some(v) => {
            return Err(bad(
                0,
                0,
                format!(
                    "it is version {v} of the library file and this lineup reads version {VERSION}; use a newer lineup"
                ),
            ));
        }
        None => {
            return Err(bad(
                0,
                0,
                "it is not a lineup library file (no \"lineup_library\" version)".into(),
            ));
        }
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| bad(e.line(), e.column(), message::foreign(&e.to_string())))
}

/// Just the version, to say which problem a file has before reading it whole.
#[derive(Deserialize)]
struct Header {
    lineup_library: Option<u32>,
}

/// Changes the library: under its lock, read it, let `f` change it, write it atomically (when
/// `f` succeeds). Another lineup changing it at once waits, so nothing either does is lost.
pub fn change<T>(f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
    change_at(&path()?, f)
}

/// [`change`] of the library at `path`.
pub fn change_at<T>(path: &Path, f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
    let _lock = lock::acquire(
        &lock::beside(path),
        LOCK_WAIT,
        "changing the library of conferences",
        None,
    )?;
    let mut library = load_from(path)?;
    let made = f(&mut library)?;
    // A password in a URL an older lineup kept leaves the file with this write.
    for e in &mut library.conferences {
        e.source = message::redact_url(&e.source);
    }
    save_to(path, &library)?;
    Ok(made)
}

fn save_to(path: &Path, library: &Library) -> Result<()> {
    files::write_json(path, library)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, source: &str) -> Entry {
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        Entry {
            id: id.into(),
            conference: id.into(),
            title: id.to_uppercase(),
            source: source.into(),
            tz: None,
            added: at,
            fetched: at,
            sessions: 3,
        }
    }

    #[test]
    fn put_use_remove_and_free_ids() {
        let mut lib = Library::default();
        lib.put(entry("a", "/x.xml"));
        lib.put(entry("b", "https://e.org/s.xml"));
        assert_eq!(lib.current().unwrap().id, "b");
        assert!(lib.get("b").unwrap().is_url());
        assert_eq!(lib.free_id("a", "/x.xml"), "a");
        assert_eq!(lib.free_id("a", "/y.xml"), "a-2");
        // Ids that slug alike are the same id.
        assert_eq!(lib.free_id("A", "/y.xml"), "a-2");
        assert_eq!(lib.free_id("B", "https://e.org/s.xml"), "b");
        assert_eq!(lib.get("B").unwrap().id, "b");
        lib.put(entry("a", "/x.xml"));
        assert_eq!(lib.conferences.len(), 2);
        assert_eq!(lib.remove("a").unwrap().id, "a");
        assert_eq!(lib.current, None);
        let e = lib.find("zz").unwrap_err().to_string();
        assert!(e.contains("there is b"), "{e}");
        // Any case, a unique start, the closest when none fits.
        lib.put(entry("fosdem-2020", "/f.xml"));
        lib.put(entry("33c3", "/c.xml"));
        assert_eq!(lib.find("FOSDEM").unwrap().id, "fosdem-2020");
        assert_eq!(lib.find("33C3").unwrap().id, "33c3");
        let e = lib.find("fosdme-2020").unwrap_err().to_string();
        assert!(e.contains("did you mean `fosdem-2020`"), "{e}");
        lib.put(entry("fosdem-2021", "/g.xml"));
        let e = lib.find("fosdem").unwrap_err().to_string();
        assert!(e.contains("fits several"), "{e}");
    }

    #[test]
    fn files_round_trip_and_bad_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lib").join("library.json");
        assert_eq!(load_from(&p).unwrap().conferences.len(), 0);
        let mut lib = Library {
            version: VERSION,
            ..Library::default()
        };
        lib.put(entry("a", "/x.xml"));
        change_at(&p, |l| {
            l.put(entry("a", "/x.xml"));
            Ok(())
        })
        .unwrap();
        assert_eq!(load_from(&p).unwrap(), lib);
        std::fs::write(&p, r#"{"lineup_library": 9}"#).unwrap();
        let e = load_from(&p).unwrap_err().to_string();
        assert!(
            e.contains("version 9") && e.contains("left untouched"),
            "{e}"
        );
        std::fs::write(&p, "{\n\"lineup_library\": 1,\n\"current\": 3}").unwrap();
        let e = load_from(&p).unwrap_err().to_string();
        assert!(e.contains(":3:"), "{e}");
        assert!(is_url("HTTPS://x") && !is_url("./http.xml"));
    }
}

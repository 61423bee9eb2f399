//! The cache of each conference in the library, in `<cache dir>/lineup/conferences/<id>/`:
//! `source-<n>` (the bytes as last fetched or copied, for offline use and the change report),
//! `meta.json` (which `source-<n>` is the copy, when and where it came from, the server's
//! validators) and `schedule.bin`, the schedule already imported, in postcard (see the README
//! for why), so reopening skips the importer. A `schedule.bin` of another lineup version,
//! another source copy or another zone is rebuilt from the source, never misread.
//!
//! Every state an interruption can leave opens: a new copy is written beside the old one under
//! a new name, complete, before `meta.json` is replaced to name it (the one step that switches
//! copies), and only then does the old copy go. A copy whose `meta.json` is missing or damaged
//! is taken up again ([`Cache::recover`]); what a killed write left (temp files, a copy no meta
//! names) is removed by the next write, under the cache's lock.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::fetch::Validators;
use super::{files, lock, paths};
use crate::error::{Error, Result};
use crate::model::{Conference, Kind, Schedule, Session, Stamp, parts};

/// What `schedule.bin` starts with.
const MAGIC: [u8; 8] = *b"lineup\x00c";
/// The layout of `schedule.bin`; with the lineup version it must match to be read.
const FORMAT: u32 = 3;
/// How many parts the sessions are stored in (read back at once, a part per core)…
const PARTS: usize = 4;
/// … each of at least this many sessions (fewer are read on one thread).
const PART_LEAST: usize = 2048;
/// The layout of `meta.json`.
const META_VERSION: u32 = 1;
/// How copies of the source are named: `source-<n>`; `source` alone is the name lineup used
/// before copies were switched by `meta.json`.
const SOURCE: &str = "source";
/// How long a refresh or add waits for another lineup writing the same cache.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A conference's cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What is known about the cached copy of the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(rename = "lineup_cache")]
    pub version: u32,
    pub fetched: DateTime<Utc>,
    /// The URL the bytes came from after redirects (none for a file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub validators: Validators,
    /// The size of the copy: a `schedule.bin` made from another copy does not match it.
    pub size: u64,
    /// The file in the cache folder holding the copy (`source-<n>`; `source` in caches made
    /// before copies were named).
    #[serde(default = "legacy_source")]
    pub file: String,
}

fn legacy_source() -> String {
    SOURCE.to_string()
}

/// Whether `name` is a copy of the source this module wrote (never a path elsewhere).
fn is_source_name(name: &str) -> bool {
    name == SOURCE
        || name
            .strip_prefix("source-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
}

/// A schedule as imported, with the notes the importer had about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub schedule: Schedule,
    pub notes: Vec<String>,
    /// The times float and nothing pinned them.
    pub floating: bool,
}

impl Cache {
    /// The cache folder of library conference `id`.
    pub fn of(id: &str) -> Result<Self> {
        let dirs = paths::dirs().ok_or(Error::NoHome {
            what: "the schedule cache",
            instead: "",
        })?;
        Ok(Self::at(
            dirs.cache_dir()
                .join("conferences")
                .join(crate::text::file_stem(id)),
        ))
    }

    /// A cache in `dir` (tests).
    pub fn at(dir: PathBuf) -> Self {
        Cache { dir }
    }

    /// The folder holding every conference's cache.
    fn root() -> Option<PathBuf> {
        paths::dirs().map(|d| d.cache_dir().join("conferences"))
    }

    /// Removes the cache folders no conference of `library` names (what a killed `add` left,
    /// or a `remove` that could not finish), unless a lineup is writing one now. Call it holding
    /// the library's lock, under which every new conference's cache is written. Returns how many
    /// were removed.
    pub fn remove_orphans(library: &super::library::Library) -> usize {
        let Some(root) = Self::root() else { return 0 };
        let Ok(entries) = std::fs::read_dir(&root) else {
            return 0;
        };
        let named: std::collections::HashSet<String> = library
            .conferences
            .iter()
            .map(|e| crate::text::file_stem(&e.id))
            .collect();
        let mut removed = 0;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if !is_dir || named.contains(&name) || Cache::at(e.path()).in_use() {
                continue;
            }
            if std::fs::remove_dir_all(e.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    /// Whether the folder holds a copy of the source, named by a meta or not.
    pub fn has_source(&self) -> bool {
        std::fs::read_dir(&self.dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_str().is_some_and(is_source_name))
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file holding the copy `meta` describes.
    pub fn source_path(&self, meta: &Meta) -> PathBuf {
        self.dir.join(&meta.file)
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join("meta.json")
    }

    fn schedule_path(&self) -> PathBuf {
        self.dir.join("schedule.bin")
    }

    /// The lock every writer of this cache takes.
    fn lock_path(&self) -> PathBuf {
        self.dir.join(".lock")
    }

    /// Where the last change report is kept.
    pub fn changes_path(&self) -> PathBuf {
        self.dir.join("changes.json")
    }

    /// The metadata of the cached copy; `None` when there is none, it cannot be read, or the
    /// copy it names is not there whole.
    pub fn meta(&self) -> Option<Meta> {
        let bytes = files::read_regular(&self.meta_path(), "cache", 1 << 20).ok()?;
        let meta: Meta = serde_json::from_slice(&bytes).ok()?;
        if meta.version != META_VERSION || !is_source_name(&meta.file) {
            return None;
        }
        let size = std::fs::metadata(self.source_path(&meta)).ok()?.len();
        (meta.size == size).then_some(meta)
    }

    /// The cached source bytes of the copy `meta` describes.
    pub fn source(&self, meta: &Meta) -> Result<Vec<u8>> {
        files::read_regular(
            &self.source_path(meta),
            "cached schedule",
            files::MAX_INPUT_BYTES,
        )
    }

    /// A copy of the source whose `meta.json` is missing or damaged (a write interrupted by an
    /// older lineup, a disk error): the newest copy in the folder, with a meta made for it (no
    /// validators, so the next refresh fetches in full), written back. `None` when the folder
    /// holds no copy.
    pub fn recover(&self, fetched: DateTime<Utc>) -> Option<(Vec<u8>, Meta)> {
        let _lock = lock::try_acquire(&self.lock_path());
        let mut copies: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&self.dir)
            .ok()?
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let meta = e.metadata().ok()?;
                let modified = meta.modified().ok()?;
                (is_source_name(&name) && meta.is_file()).then_some((modified, name))
            })
            .collect();
        copies.sort();
        let (_, file) = copies.pop()?;
        let mut meta = Meta {
            version: META_VERSION,
            fetched,
            url: None,
            validators: Validators::default(),
            size: 0,
            file,
        };
        let bytes = self.source(&meta).ok()?;
        meta.size = bytes.len() as u64;
        // Written back when it can be; the copy opens either way.
        let _ = self.write_meta(&meta);
        Some((bytes, meta))
    }

    /// Keeps a new copy of the source: written complete under a new name beside the old copy,
    /// then `meta.json` replaced to name it (the switch, one rename), then the imported
    /// schedule; the old copy and what killed writes left go last. Interrupted anywhere, the
    /// cache holds the old copy with its meta or the new one with its. Returns the meta kept.
    pub fn store(
        &self,
        bytes: &[u8],
        meta: &Meta,
        imported: &Cached,
        tz: Option<&str>,
    ) -> Result<Meta> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::Write {
            path: self.dir.clone(),
            source,
        })?;
        let _lock = lock::acquire(
            &self.lock_path(),
            LOCK_WAIT,
            "writing this conference's cache",
            None,
        )?;
        let meta = Meta {
            size: bytes.len() as u64,
            version: META_VERSION,
            file: self.new_source_name(meta.fetched),
            ..meta.clone()
        };
        files::write_atomic(&self.source_path(&meta), bytes)?;
        self.write_meta(&meta)?;
        self.store_schedule(imported, &meta, tz)?;
        self.sweep(&meta.file);
        Ok(meta)
    }

    /// A name for a new copy that no file in the folder has.
    fn new_source_name(&self, fetched: DateTime<Utc>) -> String {
        let base = format!("{SOURCE}-{}", fetched.timestamp_micros().max(0));
        (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|name| !files::exists(&self.dir.join(name)))
            .unwrap_or(base)
    }

    fn write_meta(&self, meta: &Meta) -> Result<()> {
        files::write_atomic_with(&self.meta_path(), |out| {
            serde_json::to_writer_pretty(&mut *out, meta).map_err(std::io::Error::other)
        })
    }

    /// Removes copies of the source other than `keep` and every temp file a killed write left.
    /// Call it holding the cache's lock: no other write of this cache is under way.
    fn sweep(&self, keep: &str) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            let stale = (is_source_name(name) && name != keep) || files::is_temp_name(name);
            if stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// Whether some lineup is writing this cache now.
    pub fn in_use(&self) -> bool {
        files::exists(&self.lock_path()) && lock::try_acquire(&self.lock_path()).is_none()
    }

    /// Writes `schedule.bin` for the copy `meta` describes when no other lineup is writing this
    /// cache (opening rebuilds it this way; when busy, the next start parses again).
    pub fn keep_schedule(&self, cached: &Cached, meta: &Meta, tz: Option<&str>) {
        if let Some(_lock) = lock::try_acquire(&self.lock_path()) {
            let _ = self.store_schedule(cached, meta, tz);
        }
    }

    /// Writes `schedule.bin` for the copy `meta` describes: the head, the conference and rooms,
    /// then the sessions in up to [`PARTS`] parts that are read back at once, one per core.
    fn store_schedule(&self, cached: &Cached, meta: &Meta, tz: Option<&str>) -> Result<()> {
        let sessions = &cached.schedule.sessions;
        let size = sessions.len().div_ceil(PARTS).max(PART_LEAST);
        let parts = sessions
            .chunks(size)
            .map(|part| postcard::to_stdvec(&part.iter().map(Stored::from).collect::<Vec<_>>()))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::Write {
                path: self.schedule_path(),
                source: std::io::Error::other(e),
            })?;
        let body = Body::new(cached, parts.iter().map(|p| p.len() as u64).collect());
        let lead = postcard::to_stdvec(&Head::new(meta, tz))
            .and_then(|head| postcard::to_extend(&body, head))
            .map_err(|e| Error::Write {
                path: self.schedule_path(),
                source: std::io::Error::other(e),
            })?;
        files::write_atomic_with(&self.schedule_path(), |out| {
            out.write_all(&MAGIC)?;
            out.write_all(&(lead.len() as u64).to_le_bytes())?;
            out.write_all(&lead)?;
            parts.iter().try_for_each(|p| out.write_all(p))
        })
    }

    /// The imported schedule of the copy `meta` describes, read with zone `tz`; `None` when
    /// `schedule.bin` is missing, of another version, copy or zone, or damaged. The parts of
    /// sessions are read and decoded at once, one per core.
    pub fn schedule(&self, meta: &Meta, tz: Option<&str>) -> Option<Cached> {
        let path = self.schedule_path();
        let mut file = files::open_regular(&path, "cache", files::MAX_INPUT_BYTES).ok()?;
        let size = file.metadata().ok()?.len();
        let mut start = [0u8; MAGIC.len() + 8];
        file.read_exact(&mut start).ok()?;
        let lead_len = start.strip_prefix(&MAGIC)?;
        let lead_len = u64::from_le_bytes(lead_len.try_into().ok()?);
        let mut lead = Vec::new();
        (&mut file).take(lead_len).read_to_end(&mut lead).ok()?;
        let (head, rest) = postcard::take_from_bytes::<Head>(&lead).ok()?;
        if head != Head::new(meta, tz) {
            return None;
        }
        let body: Body = postcard::from_bytes(rest).ok()?;
        let mut at = (MAGIC.len() + 8) as u64 + lead_len;
        let mut jobs = Vec::with_capacity(body.parts.len());
        for &len in &body.parts {
            jobs.push((at, len));
            at = at.checked_add(len)?;
        }
        if at != size {
            return None;
        }
        let parts = parts::each(&jobs, |&(offset, len)| read_part(&path, offset, len));
        let mut sessions = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
        for part in parts {
            sessions.extend(part?);
        }
        body.into_cached(sessions)
    }
}

/// One part of sessions: `len` bytes at `offset` of the file, decoded.
fn read_part(path: &Path, offset: u64, len: u64) -> Option<Vec<Session>> {
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?);
    file.take(len).read_to_end(&mut bytes).ok()?;
    postcard::from_bytes::<Vec<Stored>>(&bytes)
        .ok()?
        .into_iter()
        .map(Stored::into_session)
        .collect()
}

/// What a `schedule.bin` was made by and from.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Head {
    format: u32,
    lineup: String,
    size: u64,
    fetched: i64,
    tz: Option<String>,
}

impl Head {
    fn new(meta: &Meta, tz: Option<&str>) -> Self {
        Head {
            format: FORMAT,
            lineup: env!("CARGO_PKG_VERSION").to_string(),
            size: meta.size,
            fetched: meta.fetched.timestamp_micros(),
            tz: tz.map(str::to_string),
        }
    }
}

/// The schedule in plain numbers and strings (stamps as seconds and offsets, days as day
/// numbers): nothing to parse on the way back.
#[derive(Serialize, Deserialize)]
struct Body {
    id: String,
    title: String,
    time_zone: Option<String>,
    venue: Option<String>,
    rooms: Vec<String>,
    track_colours: Vec<(String, [u8; 3])>,
    notes: Vec<String>,
    floating: bool,
    /// The byte lengths of the parts of sessions that follow.
    parts: Vec<u64>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    id: String,
    title: String,
    speakers: Vec<String>,
    abstract_text: String,
    description: String,
    day: i32,
    start: (i64, u32, i32, bool),
    end: (i64, u32, i32, bool),
    room: Option<String>,
    recorded: Option<bool>,
    url: Option<String>,
    track: Option<String>,
    kind: Kind,
    language: Option<String>,
    guid: Option<String>,
    cancelled: bool,
    session_type: Option<String>,
}

impl Body {
    fn new(c: &Cached, parts: Vec<u64>) -> Self {
        let conf = &c.schedule.conference;
        Body {
            id: conf.id.clone(),
            title: conf.title.clone(),
            time_zone: conf.time_zone.map(|z| z.name().to_string()),
            venue: conf.venue.clone(),
            rooms: c.schedule.rooms.clone(),
            track_colours: c
                .schedule
                .track_colours
                .iter()
                .map(|(t, c)| (t.clone(), *c))
                .collect(),
            notes: c.notes.clone(),
            floating: c.floating,
            parts,
        }
    }

    fn into_cached(self, sessions: Vec<Session>) -> Option<Cached> {
        let time_zone = match self.time_zone {
            Some(z) => Some(z.parse().ok()?),
            None => None,
        };
        Some(Cached {
            schedule: Schedule {
                conference: Conference {
                    id: self.id,
                    title: self.title,
                    time_zone,
                    venue: self.venue,
                },
                rooms: self.rooms,
                sessions,
                track_colours: self.track_colours.into_iter().collect(),
                shown_in: None,
            },
            notes: self.notes,
            floating: self.floating,
        })
    }
}

impl From<&Session> for Stored {
    fn from(s: &Session) -> Self {
        Stored {
            id: s.id.to_string(),
            title: s.title.to_string(),
            speakers: s.speakers.iter().map(String::from).collect::<Vec<_>>(),
            abstract_text: s.abstract_text.to_string(),
            description: s.description.to_string(),
            day: s.day.num_days_from_ce(),
            start: s.start.to_parts(),
            end: s.end.to_parts(),
            room: s.room.as_deref().map(str::to_string),
            recorded: s.recorded,
            url: s.url.as_deref().map(str::to_string),
            track: s.track.as_deref().map(str::to_string),
            kind: s.kind,
            language: s.language.as_deref().map(str::to_string),
            guid: s.guid.as_deref().map(str::to_string),
            cancelled: s.cancelled,
            session_type: s.session_type.as_deref().map(str::to_string),
        }
    }
}

impl Stored {
    fn into_session(self) -> Option<Session> {
        let stamp =
            |(secs, nanos, offset, floating)| Stamp::from_parts(secs, nanos, offset, floating);
        Some(Session {
            id: self.id.into(),
            title: self.title.into(),
            speakers: (self.speakers).into_iter().map(crate::model::Str::from).collect::<Vec<_>>(),
            abstract_text: self.abstract_text.into(),
            description: self.description.into(),
            day: NaiveDate::from_num_days_from_ce_opt(self.day)?,
            start: stamp(self.start)?,
            end: stamp(self.end)?,
            room: (self.room).map(crate::model::Str::from),
            recorded: self.recorded,
            url: (self.url).map(crate::model::Str::from),
            track: (self.track).map(crate::model::Str::from),
            kind: self.kind,
            language: (self.language).map(crate::model::Str::from),
            guid: (self.guid).map(crate::model::Str::from),
            cancelled: self.cancelled,
            session_type: (self.session_type).map(crate::model::Str::from),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached() -> Cached {
        let mut schedule = crate::import::native::default_schedule().unwrap();
        schedule.sessions[0].recorded = Some(true);
        schedule.sessions[1].track = Some("Web".into());
        Cached {
            schedule,
            notes: vec!["a note".into()],
            floating: false,
        }
    }

    fn meta(size: u64) -> Meta {
        Meta {
            version: META_VERSION,
            fetched: DateTime::from_timestamp(1_700_000_000, 5_000).unwrap(),
            url: Some("http://127.0.0.1/s.xml".into()),
            validators: Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
            size,
            file: legacy_source(),
        }
    }

    #[test]
    fn a_stored_schedule_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let imp = cached();
        let kept = cache
            .store(b"the source", &meta(0), &imp, Some("UTC"))
            .unwrap();
        let m = cache.meta().unwrap();
        assert_eq!(m, kept);
        assert_eq!(m.size, 10);
        assert_eq!(cache.source(&m).unwrap(), b"the source");
        assert_eq!(cache.schedule(&m, Some("UTC")), Some(imp));
        // Another zone, another copy of the source, a damaged file: not read.
        assert_eq!(cache.schedule(&m, None), None);
        let other = Meta {
            size: 11,
            ..m.clone()
        };
        assert_eq!(cache.schedule(&other, Some("UTC")), None);
        let bin = cache.schedule_path();
        let mut bytes = std::fs::read(&bin).unwrap();
        let half = bytes.len() / 2;
        bytes.truncate(half);
        std::fs::write(&bin, &bytes).unwrap();
        assert_eq!(cache.schedule(&m, Some("UTC")), None);
        // A source changed behind lineup's back: its meta no longer matches.
        std::fs::write(cache.source_path(&m), b"other").unwrap();
        assert_eq!(cache.meta(), None);
    }

    /// The files of the cache folder, sorted.
    fn names(cache: &Cache) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    #[test]
    fn a_new_copy_replaces_the_old_by_its_meta_and_leftovers_go() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let first = cache.store(b"one", &meta(0), &cached(), None).unwrap();
        // What a killed write leaves: a temp file and a complete copy no meta names.
        std::fs::write(cache.dir().join(".source-9.lineup-abc123.tmp"), "x").unwrap();
        std::fs::write(cache.dir().join("source-9"), "orphan").unwrap();
        assert_eq!(cache.meta().unwrap(), first, "the old copy still opens");
        let later = Meta {
            fetched: first.fetched + chrono::Duration::seconds(5),
            ..meta(0)
        };
        let second = cache.store(b"two!", &later, &cached(), None).unwrap();
        assert_ne!(second.file, first.file);
        assert_eq!(cache.source(&cache.meta().unwrap()).unwrap(), b"two!");
        assert_eq!(
            names(&cache),
            [".lock", "meta.json", "schedule.bin", second.file.as_str()]
        );
    }

    #[test]
    fn a_copy_without_its_meta_is_taken_up_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let kept = cache.store(b"bytes", &meta(0), &cached(), None).unwrap();
        std::fs::remove_file(cache.dir().join("meta.json")).unwrap();
        assert_eq!(cache.meta(), None);
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let (bytes, m) = cache.recover(at).unwrap();
        assert_eq!(bytes, b"bytes");
        assert_eq!((m.file.as_str(), m.fetched), (kept.file.as_str(), at));
        assert_eq!(
            m.validators,
            Validators::default(),
            "no validators: fetched in full"
        );
        assert_eq!(cache.meta(), Some(m), "written back");
        // A damaged meta.json too; an older lineup's `source` alone too.
        std::fs::write(cache.dir().join("meta.json"), "{\"lineup_cache\": 1, \"fet").unwrap();
        assert!(cache.recover(at).is_some());
        let old = Cache::at(dir.path().join("old"));
        std::fs::create_dir_all(old.dir()).unwrap();
        std::fs::write(old.dir().join("source"), "legacy").unwrap();
        assert_eq!(old.recover(at).unwrap().0, b"legacy");
        // Nothing to take up: none.
        let empty = Cache::at(dir.path().join("empty"));
        assert!(empty.recover(at).is_none());
        // A meta naming a file outside the folder is not trusted.
        std::fs::write(
            cache.dir().join("meta.json"),
            serde_json::to_string(&Meta {
                file: "../../etc/passwd".into(),
                ..meta(0)
            })
            .unwrap(),
        )
        .unwrap();
        assert_eq!(cache.meta(), None);
    }
}

//! The cache of each conference in the library, in `<cache dir>/lineup/conferences/<id>/`:
//! `source` (the bytes as last fetched or copied, for offline use and the change report),
//! `meta.json` (when, from where, the server's validators) and `schedule.bin`, the schedule
//! already imported, in postcard (see the README for why), so reopening skips the importer.
//! Every file is written atomically. A `schedule.bin` of another lineup version, another
//! source copy or another zone is rebuilt from `source`, never misread.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::fetch::Validators;
use super::{files, paths};
use crate::error::{Error, Result};
use crate::model::{Conference, Kind, Schedule, Session, Stamp, parts};

/// What `schedule.bin` starts with.
const MAGIC: [u8; 8] = *b"lineup\x00c";
/// The layout of `schedule.bin`; with the lineup version it must match to be read.
const FORMAT: u32 = 1;
/// How many parts the sessions are stored in (read back at once, a part per core)…
const PARTS: usize = 4;
/// … each of at least this many sessions (fewer are read on one thread).
const PART_LEAST: usize = 2048;
/// The layout of `meta.json`.
const META_VERSION: u32 = 1;

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
    /// The size of `source`: a `schedule.bin` made from another copy does not match it.
    pub size: u64,
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
        let dirs = paths::dirs().ok_or_else(|| {
            Error::Usage("cannot find a home folder to keep the schedule cache in".into())
        })?;
        Ok(Self::at(
            dirs.cache_dir()
                .join("conferences")
                .join(crate::text::slug(id)),
        ))
    }

    /// A cache in `dir` (tests).
    pub fn at(dir: PathBuf) -> Self {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn source_path(&self) -> PathBuf {
        self.dir.join("source")
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join("meta.json")
    }

    fn schedule_path(&self) -> PathBuf {
        self.dir.join("schedule.bin")
    }

    /// Where the last change report is kept.
    pub fn changes_path(&self) -> PathBuf {
        self.dir.join("changes.json")
    }

    /// The metadata of the cached copy; `None` when there is none or it cannot be read.
    pub fn meta(&self) -> Option<Meta> {
        let bytes = files::read_regular(&self.meta_path(), "cache", 1 << 20).ok()?;
        let meta: Meta = serde_json::from_slice(&bytes).ok()?;
        let size = std::fs::metadata(self.source_path()).ok()?.len();
        (meta.version == META_VERSION && meta.size == size).then_some(meta)
    }

    /// The cached source bytes.
    pub fn source(&self) -> Result<Vec<u8>> {
        files::read_regular(&self.source_path(), "schedule", files::MAX_INPUT_BYTES)
    }

    /// Keeps a new copy of the source: the bytes first, then what describes them (a copy
    /// without its `meta.json` is not trusted), then the imported schedule.
    pub fn store(
        &self,
        bytes: &[u8],
        meta: &Meta,
        imported: &Cached,
        tz: Option<&str>,
    ) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::Write {
            path: self.dir.clone(),
            source,
        })?;
        // The old meta goes first, so a crash between the writes leaves no meta that
        // matches the new bytes by accident.
        let _ = std::fs::remove_file(self.meta_path());
        files::write_atomic(&self.source_path(), bytes)?;
        let meta = Meta {
            size: bytes.len() as u64,
            version: META_VERSION,
            ..meta.clone()
        };
        files::write_atomic_with(&self.meta_path(), |out| {
            serde_json::to_writer_pretty(&mut *out, &meta).map_err(std::io::Error::other)
        })?;
        self.store_schedule(imported, &meta, tz)
    }

    /// Writes `schedule.bin` for the copy `meta` describes: the head, the conference and rooms,
    /// then the sessions in up to [`PARTS`] parts that are read back at once, one per core.
    pub fn store_schedule(&self, cached: &Cached, meta: &Meta, tz: Option<&str>) -> Result<()> {
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
    plenary: bool,
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
            id: s.id.clone(),
            title: s.title.clone(),
            speakers: s.speakers.clone(),
            abstract_text: s.abstract_text.clone(),
            description: s.description.clone(),
            day: s.day.num_days_from_ce(),
            start: s.start.to_parts(),
            end: s.end.to_parts(),
            room: s.room.clone(),
            recorded: s.recorded,
            url: s.url.clone(),
            track: s.track.clone(),
            plenary: s.kind == Kind::Plenary,
        }
    }
}

impl Stored {
    fn into_session(self) -> Option<Session> {
        let stamp =
            |(secs, nanos, offset, floating)| Stamp::from_parts(secs, nanos, offset, floating);
        Some(Session {
            id: self.id,
            title: self.title,
            speakers: self.speakers,
            abstract_text: self.abstract_text,
            description: self.description,
            day: NaiveDate::from_num_days_from_ce_opt(self.day)?,
            start: stamp(self.start)?,
            end: stamp(self.end)?,
            room: self.room,
            recorded: self.recorded,
            url: self.url,
            track: self.track,
            kind: if self.plenary {
                Kind::Plenary
            } else {
                Kind::Talk
            },
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
        }
    }

    #[test]
    fn a_stored_schedule_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let imp = cached();
        cache
            .store(b"the source", &meta(0), &imp, Some("UTC"))
            .unwrap();
        let m = cache.meta().unwrap();
        assert_eq!(m.size, 10);
        assert_eq!(cache.source().unwrap(), b"the source");
        assert_eq!(cache.schedule(&m, Some("UTC")), Some(imp));
        // Another zone, another copy of the source, a damaged file: not read.
        assert_eq!(cache.schedule(&m, None), None);
        assert_eq!(cache.schedule(&meta(11), Some("UTC")), None);
        let bin = cache.schedule_path();
        let mut bytes = std::fs::read(&bin).unwrap();
        let half = bytes.len() / 2;
        bytes.truncate(half);
        std::fs::write(&bin, &bytes).unwrap();
        assert_eq!(cache.schedule(&m, Some("UTC")), None);
        // A source changed behind lineup's back: its meta no longer matches.
        std::fs::write(cache.source_path(), b"other").unwrap();
        assert_eq!(cache.meta(), None);
    }
}

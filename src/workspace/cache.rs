//! The cache of each conference in the library, in `<cache dir>/lineup/conferences/<id>/`:
//! `source-<n>` (the bytes as last fetched or copied, for offline use and the change report),
//! `meta.json` (which `source-<n>` is the copy, when and where it came from, the server's
//! validators) and `schedule.bin`, the schedule already imported with its search index, laid
//! out to be mapped and read in place ([`layout`]), so reopening skips the importer and copies
//! no text. A `schedule.bin` of another lineup version, another source copy or another zone is
//! rebuilt from the source, never misread; one whose bytes changed fails its [`Check`].
//!
//! Every state an interruption can leave opens: a new copy is written beside the old one under
//! a new name, complete, before `meta.json` is replaced to name it (the one step that switches
//! copies), and only then does the old copy go. A copy whose `meta.json` is missing or damaged
//! is taken up again ([`Cache::recover`]); what a killed write left (temp files, a copy no meta
//! names) is removed by the next write, under the cache's lock.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::fetch::Validators;
use super::{files, lock, paths};
use crate::error::{Error, Result};
use crate::model::Schedule;
use crate::model::search::Index;

mod layout;
mod lead;
mod mapped;

use lead::{Body, Head};
pub use mapped::Check;
use mapped::kept;

/// What `schedule.bin` starts with.
const MAGIC: [u8; 8] = *b"lineup\x00c";
/// The layout of `schedule.bin`; with the lineup version it must match to be read. 5: the lead
/// (head and body) has a checksum of its own beside its length.
const FORMAT: u32 = 5;
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
    /// The schedule's search index, when it was kept with it.
    pub index: Option<Arc<Index>>,
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

    /// Removes `schedule.bin` (found damaged): the next open imports the source copy again.
    pub fn discard_schedule(&self) {
        let _ = std::fs::remove_file(self.schedule_path());
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

    /// Writes `schedule.bin` for the copy `meta` describes (see [`layout`]): the head, the
    /// conference and rooms, then the sessions, their texts and the search index as they will
    /// be read in place.
    fn store_schedule(&self, cached: &Cached, meta: &Meta, tz: Option<&str>) -> Result<()> {
        let failed = |e: std::io::Error| Error::Write {
            path: self.schedule_path(),
            source: e,
        };
        let index = match &cached.index {
            Some(index) => Arc::clone(index),
            None => Arc::new(Index::build(&cached.schedule)),
        };
        let (blob, places) = layout::encode(&cached.schedule, &index)
            .ok_or_else(|| failed(std::io::Error::other("the schedule is over 4 GiB")))?;
        let body = Body::new(cached, places, crc32fast::hash(&blob));
        let lead = postcard::to_stdvec(&Head::new(meta, tz))
            .and_then(|head| postcard::to_extend(&body, head))
            .map_err(|e| failed(std::io::Error::other(e)))?;
        let lead_len = u32::try_from(lead.len())
            .map_err(|_| failed(std::io::Error::other("the schedule's head is over 4 GiB")))?;
        files::write_atomic_with(&self.schedule_path(), |out| {
            out.write_all(&MAGIC)?;
            out.write_all(&lead_len.to_le_bytes())?;
            out.write_all(&crc32fast::hash(&lead).to_le_bytes())?;
            out.write_all(&lead)?;
            out.write_all(&blob)
        })
    }

    /// Whether opening a cache of `sessions` sessions decodes them on one thread, leaving the
    /// other cores free meanwhile.
    pub fn decoded_on_one_thread(sessions: usize) -> bool {
        layout::decoded_on_one_thread(sessions)
    }

    /// The imported schedule of the copy `meta` describes, read with zone `tz`, and the check
    /// that its bytes are the ones written; `None` when `schedule.bin` is missing, of another
    /// version, copy or zone, or not whole. The file is mapped, not read: the sessions' texts
    /// and the search index stay in it until something reads them, and the [`Check`] (a
    /// checksum of every byte, read apart from the mapping) is for the caller to run, on
    /// another thread when it has one.
    pub fn schedule(&self, meta: &Meta, tz: Option<&str>) -> Option<(Cached, Check)> {
        let path = self.schedule_path();
        let mut file = files::open_regular(&path, "cache", files::MAX_INPUT_BYTES).ok()?;
        let size = file.metadata().ok()?.len();
        let mut start = [0u8; MAGIC.len() + 8];
        file.read_exact(&mut start).ok()?;
        let (lead_len, lead_crc) = start.strip_prefix(&MAGIC)?.split_at(4);
        let lead_len = u64::from(u32::from_le_bytes(lead_len.try_into().ok()?));
        let mut lead = Vec::new();
        (&mut file).take(lead_len).read_to_end(&mut lead).ok()?;
        // The lead is read now, whole and small: a changed byte in it (a title, where the
        // sessions lie) refuses the copy here; the blob's own checksum is the `Check`.
        if crc32fast::hash(&lead).to_le_bytes() != lead_crc {
            return None;
        }
        let (head, rest) = postcard::take_from_bytes::<Head>(&lead).ok()?;
        if head != Head::new(meta, tz) {
            return None;
        }
        let body: Body = postcard::from_bytes(rest).ok()?;
        let from = (MAGIC.len() + 8) as u64 + lead_len;
        let len = size.checked_sub(from)?;
        if len != body.places.size as u64 {
            return None;
        }
        let at = usize::try_from(from).ok()?;
        let (sessions, index) = match kept(&file, at)? {
            Ok(kept) => (
                layout::decode(&file, from, layout::Source::kept(kept), &body.places)?,
                body.places
                    .index
                    .as_ref()
                    .and_then(|parts| Index::from_parts(kept, parts))
                    .map(Arc::new),
            ),
            Err(blob) => {
                // The run keeps as many mappings as it can: the texts are copied from this
                // one, which then goes.
                let copied = layout::Source::Copied((*blob).as_ref());
                (layout::decode(&file, from, copied, &body.places)?, None)
            }
        };
        let check = Check::new(file, from, len, body.crc);
        Some((body.into_cached(sessions, index)?, check))
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
            index: None,
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

    /// Read back, rooms and tracks are texts the sessions share (looked up once each): the
    /// counts and each day's columns must be those of the schedule stored.
    #[test]
    fn a_stored_schedule_counts_and_lays_out_as_the_one_stored() {
        use crate::model::{Catalogue, DayIndex, Lens};
        let mut imp = cached();
        let rooms = imp.schedule.rooms.clone();
        for (k, s) in imp.schedule.sessions.iter_mut().enumerate() {
            s.track = (k % 3 > 0).then(|| ["Web", "Data"][k % 2].into());
            s.language = (k % 4 == 0).then(|| "de".into());
        }
        // A changeover across two rooms, and a room no list names.
        imp.schedule.sessions[2].room = Some(format!("{}, {}", rooms[0], rooms[1]).into());
        imp.schedule.sessions[3].room = Some("Nowhere".into());
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let m = cache.store(b"s", &meta(0), &imp, Some("UTC")).unwrap();
        let (back, _) = cache.schedule(&m, Some("UTC")).unwrap();
        let (a, b) = (&imp.schedule, &back.schedule);
        assert_eq!(Catalogue::of(b), Catalogue::of(a));
        assert!(Catalogue::of(a).tracks.len() == 3 && Catalogue::of(a).rooms[0].1 > 0);
        let lens = Lens::default();
        for ((date, all), (_, again)) in a.sessions_by_day().iter().zip(b.sessions_by_day()) {
            let (x, y) = (
                DayIndex::build(a, *date, all, &lens),
                DayIndex::build(b, *date, &again, &lens),
            );
            assert_eq!((x.columns, x.wide, x.spans), (y.columns, y.wide, y.spans));
        }
    }

    /// A schedule large enough to be decoded in a part per core reads back the same, and a
    /// record that does not hold together in the last part refuses the whole file (what the
    /// first parts made is dropped, not half a schedule shown).
    #[test]
    fn a_large_stored_schedule_is_read_in_parts_the_same_and_a_bad_record_refuses_it() {
        let mut imp = cached();
        let one = imp.schedule.sessions.clone();
        imp.schedule.sessions = (0..40_000)
            .map(|k| {
                let mut s = one[k % one.len()].clone();
                s.id = format!("s{k}").into();
                s.speakers = (0..k % 3).map(|n| format!("Speaker {n}").into()).collect();
                s
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let m = cache.store(b"s", &meta(0), &imp, Some("UTC")).unwrap();
        let (back, check) = cache.schedule(&m, Some("UTC")).unwrap();
        assert!(check.passes());
        assert_eq!(back.schedule, imp.schedule);
        // The kind of the last record made unknown: the file is not read.
        let bin = cache.schedule_path();
        let mut bytes = std::fs::read(&bin).unwrap();
        let lead = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().unwrap());
        let from = MAGIC.len() + 8 + lead as usize;
        let kind = from + 39_999 * layout::RECORD + 4 + 2 * layout::STAMP;
        assert!(bytes[kind] <= 2, "a kind where the layout puts it");
        bytes[kind] = 9;
        std::fs::write(&bin, &bytes).unwrap();
        assert_eq!(cache.schedule(&m, Some("UTC")).map(|(c, _)| c), None);
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
        let read = |m: &Meta, tz| cache.schedule(m, tz).map(|(c, _)| c);
        let (back, check) = cache.schedule(&m, Some("UTC")).unwrap();
        assert!(check.passes());
        assert_eq!(back.schedule, imp.schedule);
        assert_eq!(
            (back.notes, back.floating),
            (imp.notes.clone(), imp.floating)
        );
        assert_eq!(
            back.index.as_deref(),
            Some(&Index::build(&imp.schedule)),
            "the search index kept with it"
        );
        // Another zone, another copy of the source, a file cut short: not read.
        assert_eq!(read(&m, None), None);
        let other = Meta {
            size: 11,
            ..m.clone()
        };
        assert_eq!(read(&other, Some("UTC")), None);
        let bin = cache.schedule_path();
        let whole = std::fs::read(&bin).unwrap();
        std::fs::write(&bin, &whole[..whole.len() / 2]).unwrap();
        assert_eq!(read(&m, Some("UTC")), None);
        // A byte changed inside a text: read (nothing checks the texts at opening), but its
        // check fails, and the text reads as what it is, never a crash.
        let mut changed = whole.clone();
        let title = &imp.schedule.sessions[3].title;
        let at = changed
            .windows(title.len())
            .position(|w| w == title.as_bytes())
            .unwrap();
        changed[at] = 0xFF;
        std::fs::write(&bin, &changed).unwrap();
        let (damaged, check) = cache.schedule(&m, Some("UTC")).unwrap();
        assert!(!check.passes());
        assert_eq!(damaged.schedule.sessions[3].title.as_str(), "");
        std::fs::write(&bin, &whole).unwrap();
        // A source changed behind lineup's back: its meta no longer matches.
        std::fs::write(cache.source_path(&m), b"other").unwrap();
        assert_eq!(cache.meta(), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any bytes of a `schedule.bin` changed: opening it never panics, whatever is read
        /// from it reads without panicking, and a copy that opens but differs fails its check.
        #[test]
        fn a_changed_schedule_bin_never_panics_and_fails_its_check(
            flips in proptest::collection::vec((0.0f64..1.0, 1u8..=255), 1..6),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let cache = Cache::at(dir.path().join("c"));
            let imp = cached();
            let m = cache.store(b"src", &meta(0), &imp, None).unwrap();
            let bin = cache.schedule_path();
            let mut bytes = std::fs::read(&bin).unwrap();
            for (at, x) in &flips {
                let k = ((bytes.len() - 1) as f64 * at) as usize;
                bytes[k] ^= x;
            }
            std::fs::write(&bin, &bytes).unwrap();
            if let Some((back, check)) = cache.schedule(&m, None) {
                let mut n = 0;
                for s in &back.schedule.sessions {
                    n += s.id.len() + s.title.len() + s.abstract_text.len() + s.description.len();
                    n += s.speakers.iter().map(|p| p.len()).sum::<usize>();
                    n += [&s.room, &s.track, &s.url, &s.guid, &s.language, &s.session_type]
                        .iter()
                        .map(|t| t.as_deref().map_or(0, str::len))
                        .sum::<usize>();
                }
                if let Some(index) = &back.index {
                    n += index.find(&crate::model::search::Query::new("python web")).len();
                }
                proptest::prop_assert!(n > 0 || back.schedule.sessions.is_empty());
                proptest::prop_assert!(!check.passes(), "a changed copy passed its check");
            }
        }
    }

    #[test]
    fn reopening_the_same_file_maps_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("c"));
        let m = cache.store(b"src", &meta(0), &cached(), None).unwrap();
        // More opens than the run can keep blocks: each still points into the one mapping
        // (with the index kept; a copied fallback has none).
        for _ in 0..600 {
            let (back, _) = cache.schedule(&m, None).unwrap();
            assert!(back.index.is_some());
        }
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

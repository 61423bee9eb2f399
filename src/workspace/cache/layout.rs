//! The sessions of a `schedule.bin` as they are read in place: one fixed-size record a session
//! (times, flags and where each text is), the speakers' `(at, len)` pairs, the texts (the ids,
//! those a screen shows, then abstracts and descriptions), then the search index. Every number is
//! little-endian; every `at` counts from the start of this part. Opening reads the records and
//! makes each text a [`Str`] pointing into the mapped file: no text is copied or checked until
//! something reads it.

#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom};

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::model::parts::Slots;
use crate::model::search::{Index, Parts};
use crate::model::{Dates, Kind, Schedule, Session, Shared, Speakers, Stamp, Str};

/// The bytes of one session's record.
pub(super) const RECORD: usize = 4 + 2 * STAMP + 3 + TEXTS * 8 + 8;
/// A stamp: seconds, nanoseconds, offset, floating.
pub(super) const STAMP: usize = 8 + 4 + 4 + 1;
/// The texts of a record, in this order: id, title, abstract, description, url, guid, room,
/// track, language, session type.
const TEXTS: usize = 10;
/// The `at` of a text that is not there (`None`).
const NONE: u32 = u32::MAX;
/// How many records are read at once: 33 KB, a buffer that stays in the core's cache. A fresh
/// buffer is memory the kernel must first hand over a page at a time: 4,096 records (528 KB)
/// cost each part 129 page faults, more than the 39 reads 256 records take for 10,000.
const BATCH: usize = 256;
/// The fewest records a part decodes: below it one thread does, where starting a second costs
/// more than it saves (10,000 records take about 2 ms on one). Where a read moves the file's
/// shared position, always one part.
#[cfg(unix)]
const PART: usize = 16_384;
#[cfg(not(unix))]
const PART: usize = usize::MAX;

/// Whether a cache of `sessions` sessions is decoded in one part, on one thread, so another
/// core is free while it is read.
pub(super) fn decoded_on_one_thread(sessions: usize) -> bool {
    crate::model::parts::parts(sessions, PART) == 1
}

/// Where the parts are, and how big the whole is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Places {
    pub(super) sessions: usize,
    pub(super) speakers: (usize, usize),
    pub(super) index: Option<Parts>,
    pub(super) size: usize,
}

/// The texts written so far: each `(at, len)` counted from the start of the texts; names
/// (rooms, tracks, speakers, languages, kinds) written once however often they come.
#[derive(Default)]
struct Texts<'a> {
    bytes: Vec<u8>,
    names: HashMap<&'a str, (u32, u32)>,
}

impl<'a> Texts<'a> {
    fn put(&mut self, s: &str) -> Option<(u32, u32)> {
        let at = u32::try_from(self.bytes.len()).ok()?;
        let len = u32::try_from(s.len()).ok()?;
        at.checked_add(len)?;
        self.bytes.extend_from_slice(s.as_bytes());
        Some((at, len))
    }

    fn name(&mut self, s: &'a str) -> Option<(u32, u32)> {
        if let Some(&place) = self.names.get(s) {
            return Some(place);
        }
        let place = self.put(s)?;
        self.names.insert(s, place);
        Some(place)
    }
}

/// The sessions and the index as bytes, and where their parts are; `None` past 4 GiB.
pub(super) fn encode(schedule: &Schedule, index: &Index) -> Option<(Vec<u8>, Places)> {
    let sessions = &schedule.sessions;
    let mut texts = Texts::default();
    let mut places: Vec<[(u32, u32); TEXTS]> = Vec::with_capacity(sessions.len());
    let mut speakers: Vec<(u32, u32)> = Vec::new();
    let mut first_speaker: Vec<(u32, u32)> = Vec::with_capacity(sessions.len());
    let none = (NONE, 0);
    // The ids first, together: finding a pick's session reads a few, and a schedule's whole
    // index of ids reads them all, each read mapping the 64 KiB around it (at 100,000 talks,
    // 200 picks mapped 10 MB of titles and links lying between ids). Then what a screen
    // shows; the long texts after them all.
    let mut ids = Vec::with_capacity(sessions.len());
    for s in sessions {
        ids.push(texts.put(&s.id)?);
    }
    for (s, id) in sessions.iter().zip(ids) {
        let opt = |t: &mut Texts, v: Option<&str>| v.map_or(Some(none), |v| t.put(v));
        let mut p = [none; TEXTS];
        p[0] = id;
        p[1] = texts.put(&s.title)?;
        p[4] = opt(&mut texts, s.url.as_deref())?;
        p[5] = opt(&mut texts, s.guid.as_deref())?;
        for (k, v) in [
            (6, &s.room),
            (7, &s.track),
            (8, &s.language),
            (9, &s.session_type),
        ] {
            p[k] = match v {
                Some(v) => texts.name(v.as_str())?,
                None => none,
            };
        }
        first_speaker.push((
            u32::try_from(speakers.len()).ok()?,
            u32::try_from(s.speakers.len()).ok()?,
        ));
        for name in &s.speakers {
            speakers.push(texts.name(name.as_str())?);
        }
        places.push(p);
    }
    for (s, p) in sessions.iter().zip(&mut places) {
        p[2] = texts.put(&s.abstract_text)?;
        p[3] = texts.put(&s.description)?;
    }
    let records = sessions.len().checked_mul(RECORD)?;
    let texts_at = u32::try_from(records.checked_add(speakers.len() * 8)?).ok()?;
    u32::try_from(usize::try_from(texts_at).ok()? + texts.bytes.len()).ok()?;
    let shift = |(at, len): (u32, u32)| {
        if at == NONE {
            (at, len)
        } else {
            (at + texts_at, len)
        }
    };
    let mut out = Vec::with_capacity(usize::try_from(texts_at).ok()? + texts.bytes.len());
    for ((s, p), sp) in sessions.iter().zip(&places).zip(&first_speaker) {
        record(&mut out, s, p.map(shift), *sp);
    }
    let speakers_at = out.len();
    for sp in &speakers {
        let (at, len) = shift(*sp);
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
    }
    let speakers_place = (speakers_at, out.len() - speakers_at);
    out.extend_from_slice(&texts.bytes);
    let parts = index.write(&mut out, 0);
    let size = out.len();
    Some((
        out,
        Places {
            sessions: sessions.len(),
            speakers: speakers_place,
            index: Some(parts),
            size,
        },
    ))
}

fn record(out: &mut Vec<u8>, s: &Session, texts: [(u32, u32); TEXTS], speakers: (u32, u32)) {
    out.extend_from_slice(&s.day.num_days_from_ce().to_le_bytes());
    for stamp in [&s.start, &s.end] {
        let (secs, nanos, offset, floating) = stamp.to_parts();
        out.extend_from_slice(&secs.to_le_bytes());
        out.extend_from_slice(&nanos.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.push(u8::from(floating));
    }
    out.push(match s.kind {
        Kind::Talk => 0,
        Kind::Plenary => 1,
        Kind::Break => 2,
    });
    out.push(match s.recorded {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
    out.push(u8::from(s.cancelled));
    for (at, len) in texts {
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
    }
    out.extend_from_slice(&speakers.0.to_le_bytes());
    out.extend_from_slice(&speakers.1.to_le_bytes());
}

/// The sessions of the part starting at byte `from` of `file`, whose bytes are also `bytes`
/// (mapped): records read from the file a batch at a time (so they pass through a small
/// buffer, not lineup's memory for good), texts pointing into `bytes`. A large schedule's
/// records are read in a part per core, each part writing its sessions in place. `None` when a
/// record does not hold together.
pub(super) fn decode(
    file: &std::fs::File,
    from: u64,
    texts: Source<'_>,
    places: &Places,
) -> Option<Vec<Session>> {
    let bytes = texts.all();
    let all = places.sessions.checked_mul(RECORD)?;
    if all > places.size || places.speakers.0 != all {
        return None;
    }
    let speakers =
        bytes.get(places.speakers.0..places.speakers.0.checked_add(places.speakers.1)?)?;
    crate::model::parts::fill_parts(places.sessions, PART, |part| {
        // A record that does not hold together leaves its part short, which `fill_parts`
        // answers with `None`.
        let _ = fill(file, from, part, texts, speakers);
    })
}

/// Fills `part` with the sessions of its records, until one does not hold together.
fn fill(
    file: &std::fs::File,
    from: u64,
    part: &mut Slots<'_, Session>,
    texts: Source<'_>,
    speakers: &[u8],
) -> Option<()> {
    let mut buf = vec![0u8; part.room().min(BATCH) * RECORD];
    let mut dates = KeptDates::default();
    let (mut at, end) = (part.first(), part.first() + part.room());
    while at < end {
        let n = (end - at).min(BATCH);
        let chunk = buf.get_mut(..n * RECORD)?;
        read_at(file, chunk, from + (at * RECORD) as u64)?;
        for r in chunk.chunks_exact(RECORD) {
            if !part.push(session(r, texts, speakers, &mut dates)?) {
                return None;
            }
        }
        at += n;
    }
    Some(())
}

/// Reads `buf.len()` bytes at `offset` without moving the file's position, which the parts
/// reading at once share.
#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> Option<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset).ok()
}

#[cfg(not(unix))]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> Option<()> {
    // One part only where reads move the shared position (`PART`).
    let mut file = file;
    file.seek(SeekFrom::Start(offset)).ok()?;
    file.read_exact(buf).ok()
}

/// Reads numbers off the front of a record.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Option<i32> {
        self.take().map(i32::from_le_bytes)
    }
    fn i64(&mut self) -> Option<i64> {
        self.take().map(i64::from_le_bytes)
    }
    fn stamp(&mut self, dates: &mut Dates) -> Option<Stamp> {
        let (secs, nanos, offset) = (self.i64()?, self.u32()?, self.i32()?);
        Stamp::from_parts_in(dates, secs, nanos, offset, self.u8()? != 0)
    }
}

/// Where a record's texts are read from.
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    /// Bytes kept for the run (and those bytes, looked up once): texts point into them.
    Kept(Shared, &'static [u8]),
    /// Bytes the run could not keep: texts are copied (and checked) from them.
    Copied(&'a [u8]),
}

impl Source<'_> {
    pub(super) fn kept(bytes: Shared) -> Self {
        Source::Kept(bytes, bytes.bytes())
    }

    fn all(&self) -> &[u8] {
        match self {
            Source::Kept(_, b) => b,
            Source::Copied(b) => b,
        }
    }

    /// The text at `at`, `len` bytes long: pointed to, else (past what a kept text can point
    /// to, or not kept) copied; `None` when it is not all there.
    fn text(&self, at: u32, len: u32) -> Option<Str> {
        if let Source::Kept(s, b) = self
            && let Some(t) = Str::shared_sized(*s, b.len(), at, len)
        {
            return Some(t);
        }
        let (at, len) = (at as usize, len as usize);
        let b = self.all().get(at..at.checked_add(len)?)?;
        Some(Str::from(std::str::from_utf8(b).unwrap_or("")))
    }
}

/// The dates last made, for a session's day and for its times (a day's sessions share both).
#[derive(Default)]
struct KeptDates {
    day: Dates,
    times: Dates,
}

fn session(
    record: &[u8],
    texts: Source<'_>,
    speakers: &[u8],
    dates: &mut KeptDates,
) -> Option<Session> {
    let mut r = Reader(record);
    let day = dates.day.from_ce(i64::from(r.i32()?))?;
    let (start, end) = (r.stamp(&mut dates.times)?, r.stamp(&mut dates.times)?);
    let kind = match r.u8()? {
        0 => Kind::Talk,
        1 => Kind::Plenary,
        2 => Kind::Break,
        _ => return None,
    };
    let recorded = match r.u8()? {
        0 => None,
        1 => Some(false),
        2 => Some(true),
        _ => return None,
    };
    let cancelled = r.u8()? != 0;
    let mut fields: [Option<Str>; TEXTS] = Default::default();
    for t in &mut fields {
        let (at, len) = (r.u32()?, r.u32()?);
        *t = if at == NONE {
            None
        } else {
            Some(texts.text(at, len)?)
        };
    }
    let (first, count) = (r.u32()? as usize, r.u32()? as usize);
    // The pairs are found before room is made for them: a damaged count asks for no memory.
    let pairs = speakers.get(first.checked_mul(8)?..first.checked_add(count)?.checked_mul(8)?)?;
    let name = |pair: &[u8]| {
        let mut p = Reader(pair);
        texts.text(p.u32()?, p.u32()?)
    };
    // One name, most sessions' count, is held in place: no allocation of its own.
    let names = match pairs.len() {
        8 => Speakers::from(name(pairs)?),
        _ => pairs
            .chunks_exact(8)
            .map(name)
            .collect::<Option<Vec<Str>>>()?
            .into(),
    };
    let [
        id,
        title,
        abstract_text,
        description,
        url,
        guid,
        room,
        track,
        language,
        session_type,
    ] = fields;
    Some(Session {
        id: id?,
        title: title?,
        speakers: names,
        abstract_text: abstract_text?,
        description: description?,
        day,
        start,
        end,
        room,
        recorded,
        url,
        track,
        kind,
        language,
        guid,
        cancelled,
        session_type,
    })
}

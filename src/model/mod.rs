//! The schedule model: a conference, its rooms in display order and its sessions. No I/O.

pub mod days;
mod layout;
pub(crate) mod lens;
pub mod overlap;
pub mod parts;
pub mod search;
mod speakers;
mod stamp;
mod str;

pub use days::Days;
pub use layout::{Column, DayIndex};
pub use lens::{Catalogue, Lens};
pub use speakers::Speakers;
pub use stamp::{Dates, Stamp};
pub use str::{Bytes, Memo, Shared, Str};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use std::collections::{HashMap, HashSet};

use crate::{message, text};

/// The conference a schedule belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conference {
    /// A stable slug such as `pycon-us-2012`; agenda files are named after it.
    pub id: String,
    pub title: String,
    /// The venue's IANA time zone; `None` when the source gave none (times are then floating).
    #[serde(with = "tz_name", default)]
    pub time_zone: Option<Tz>,
    #[serde(default)]
    pub venue: Option<String>,
}

/// What kind of session this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Talk,
    /// A keynote or plenary: everyone is expected, it spans all rooms.
    #[serde(alias = "keynote")]
    Plenary,
    /// A break, a meal, registration: a slot of the day's frame (Sessionize's service
    /// sessions), kept and shown, across all rooms when it names none.
    Break,
}

impl Kind {
    /// Whether a session of this kind with no room spans every room (a plenary, a break).
    pub fn spans_rooms(self) -> bool {
        self != Kind::Talk
    }
}

/// One session of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Stable within the schedule; picks refer to it.
    pub id: Str,
    pub title: Str,
    #[serde(default)]
    pub speakers: Speakers,
    /// The short summary, lines kept.
    #[serde(rename = "abstract", default)]
    pub abstract_text: Str,
    /// The long description or outline, lines kept.
    #[serde(default)]
    pub description: Str,
    /// The conference day the session belongs to (a talk after midnight may belong to the day
    /// before).
    pub day: NaiveDate,
    /// Start, inclusive.
    pub start: Stamp,
    /// End, exclusive: a talk ending 2:40pm and one starting 2:40pm do not overlap.
    pub end: Stamp,
    #[serde(default)]
    pub room: Option<Str>,
    /// Whether the talk is recorded: `None` when the source does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<bool>,
    #[serde(default)]
    pub url: Option<Str>,
    #[serde(default)]
    pub track: Option<Str>,
    #[serde(default)]
    pub kind: Kind,
    /// The language it is given in, as the source names it, lower case (`en`, `de`, `pt-br`;
    /// ISO 639-3 codes such as `eng` made two letters where there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Str>,
    /// The source's globally unique id (frab and c3voc GUIDs), when it gives one: a session is
    /// found by it as by its id, and a refresh follows it when ids are renumbered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<Str>,
    /// The schedule says the session is cancelled (a state, not only a title).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// What kind of session the source says it is, as it writes it, lower case ("lecture",
    /// "workshop", "lightning talk"): what the grid's kind chooser shows.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub session_type: Option<Str>,
}

impl Session {
    /// Length in whole minutes.
    pub fn minutes(&self) -> i64 {
        self.start.minutes_until(&self.end)
    }

    /// Whether the schedule marks the session cancelled: its state says so (c3voc v2, Open
    /// Event), or its title does ("CANCELLED: …", "[Canceled] …"), as frab, pretalx and FOSDEM
    /// write it.
    /// A session made of a few facts (a pick whose session left the schedule, an event of the
    /// person's own shown as now or next): a talk, nothing else known.
    pub fn stand_in(
        id: &str,
        title: &str,
        (start, end): (Stamp, Stamp),
        room: Option<&String>,
    ) -> Session {
        Session {
            id: id.into(),
            title: title.into(),
            speakers: Speakers::default(),
            abstract_text: Str::default(),
            description: Str::default(),
            day: start.date(),
            start,
            end,
            room: room.map(Str::from),
            recorded: None,
            url: None,
            track: None,
            kind: Kind::Talk,
            language: None,
            guid: None,
            cancelled: false,
            session_type: None,
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled || says_cancelled(&self.title)
    }

    /// The speakers as "A, B and C".
    pub fn speaker_line(&self) -> String {
        text::join_and(&self.speakers)
    }

    /// Abstract and description as one text, separated by a blank line.
    pub fn full_text(&self) -> String {
        match (self.abstract_text.is_empty(), self.description.is_empty()) {
            (true, _) => self.description.to_string(),
            (false, true) => self.abstract_text.to_string(),
            (false, false) => format!("{}\n\n{}", self.abstract_text, self.description),
        }
    }

    /// Bounds the fields that name things (see [`text::TITLE_MAX`] and the rest): a title, name
    /// or id of a megabyte is not one, and ids and names end up in file names and in small
    /// files lineup must always read back. Returns what was cut.
    fn bound(&mut self) -> Vec<Fix> {
        let mut fixes = Vec::new();
        let cut = |fixes: &mut Vec<Fix>, what: &'static str, chars: usize, max: usize| {
            fixes.push(Fix::Cut {
                title: String::new(),
                what,
                chars,
                max,
            });
        };
        if self.title.len() > text::TITLE_MAX
            && let Some(n) = self
                .title
                .edit(|t| text::bound_in_place(t, text::TITLE_MAX))
        {
            cut(&mut fixes, "title", n, text::TITLE_MAX);
        }
        let id_chars = self.id.chars().count();
        if self.id.len() > text::ID_MAX && self.id.edit(text::bound_id_in_place) {
            cut(&mut fixes, "id", id_chars, text::ID_MAX);
        }
        let mut names = 0;
        for v in self
            .speakers
            .iter_mut()
            .chain(self.room.iter_mut())
            .chain(self.track.iter_mut())
        {
            if v.len() > text::NAME_MAX
                && let Some(n) = v.edit(|v| text::bound_in_place(v, text::NAME_MAX))
            {
                names = names.max(n);
            }
        }
        if names > 0 {
            cut(&mut fixes, "room, track or speaker", names, text::NAME_MAX);
        }
        if self.speakers.len() > SPEAKERS_MAX {
            cut(
                &mut fixes,
                "list of speakers",
                self.speakers.len(),
                SPEAKERS_MAX,
            );
            let mut kept = std::mem::take(&mut self.speakers).into_vec();
            kept.truncate(SPEAKERS_MAX);
            self.speakers = kept.into();
        }
        if self.url.as_ref().is_some_and(|u| u.len() > text::URL_MAX) {
            let n = self.url.take().map_or(0, |u| u.len());
            cut(&mut fixes, "link", n, 0);
        }
        for f in &mut fixes {
            if let Fix::Cut { title, .. } = f {
                *title = self.title.to_string();
            }
        }
        fixes
    }

    /// The same session with every text field cleaned of terminal control characters.
    fn sanitize(&mut self) {
        // Edited only when cleaning changes something: an edit copies the text.
        let line = |s: &mut Str, clean: fn(&mut String)| {
            if text::needs_clean_line(s) {
                s.edit(clean);
            }
        };
        line(&mut self.id, text::clean_id_in_place);
        line(&mut self.title, text::clean_name_in_place);
        for s in &mut self.speakers {
            line(s, text::clean_name_in_place);
        }
        for s in [&mut self.abstract_text, &mut self.description] {
            if text::needs_clean_block(s) {
                s.edit(text::clean_block_in_place);
            }
        }
        for v in [&mut self.room, &mut self.track].into_iter().flatten() {
            line(v, text::clean_name_in_place);
        }
        if let Some(u) = &mut self.url {
            line(u, text::clean_id_in_place);
        }
        if let Some(g) = &mut self.guid
            && (text::needs_clean_line(g) || g.len() > text::ID_MAX)
        {
            g.edit(|g| {
                text::clean_id_in_place(g);
                text::bound_id_in_place(g);
            });
        }
        if let Some(l) = &mut self.language {
            *l = Str::name(&text::language_code(l));
        }
        if self.language.as_deref().is_some_and(str::is_empty) {
            self.language = None;
        }
        if self.guid.as_deref().is_some_and(|g| g.trim().is_empty()) {
            self.guid = None;
        }
        if self.room.as_deref().is_some_and(|r| r.trim().is_empty()) {
            self.room = None;
        }
        if self.track.as_deref().is_some_and(|r| r.trim().is_empty()) {
            self.track = None;
        }
    }

    /// Cleans the session, shows its times in the venue's zone `tz` (whatever offset the
    /// source or arithmetic left) and mends an end before the start; says what it found.
    fn tidy(&mut self, tz: Option<chrono_tz::Tz>) -> Vec<Fix> {
        self.sanitize();
        let mut fixes = self.bound();
        self.start = self.start.in_zone(tz);
        self.end = self.end.in_zone(tz);
        if self.end < self.start {
            fixes.push(Fix::EndsBeforeStart {
                title: self.title.to_string(),
                end: self.end.wall(),
                start: self.start.wall(),
            });
            self.end = self.start;
        }
        if !PLAUSIBLE_YEARS.contains(&chrono::Datelike::year(&self.start.date())) {
            fixes.push(Fix::OddYear {
                title: self.title.to_string(),
                date: self.start.date(),
            });
        }
        fixes
    }
}

/// A conference schedule: what the importers produce and everything else reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub conference: Conference,
    /// Room names in display order.
    pub rooms: Vec<String>,
    /// Sessions in time order (start, end, room order, id) once [`Schedule::normalize`] ran.
    pub sessions: Vec<Session>,
    /// The colours the schedule gives its tracks (c3voc's and pretalx's `#F9B000`), by track
    /// name, as red, green and blue.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub track_colours: std::collections::BTreeMap<String, [u8; 3]>,
    /// The zone the times are shown in, when not the venue's ([`Schedule::show_in`]); never
    /// written to a file.
    #[serde(skip)]
    pub shown_in: Option<Tz>,
}

impl Schedule {
    /// A place as typed (an event's): one of the schedule's rooms named as the schedule names
    /// it (case aside), else the text cleaned.
    pub fn place_named(&self, typed: &str) -> String {
        let typed = typed.trim();
        self.rooms
            .iter()
            .find(|r| r.eq_ignore_ascii_case(typed))
            .cloned()
            .unwrap_or_else(|| text::clean_name(typed))
    }

    /// Brings a schedule from any source into the shape the rest of lineup relies on: text
    /// without control characters, every room listed once, sessions in time order, ids unique,
    /// no session ending before it starts. Returns what it changed or wants checked.
    pub fn normalize(&mut self) -> Vec<Fix> {
        let mut conference_fixes = self.bound_conference();
        for r in &mut self.rooms {
            text::clean_name_in_place(r);
            text::bound_in_place(r, text::NAME_MAX);
        }
        self.rooms.retain(|r| !r.trim().is_empty());
        let mut seen_rooms: HashSet<String> = HashSet::new();
        self.rooms.retain(|r| seen_rooms.insert(r.clone()));
        let tz = self.conference.time_zone;
        let mut fixes: Vec<Fix> = parts::each_part(&mut self.sessions, 2_000, |part| {
            part.iter_mut()
                .flat_map(|s| s.tidy(tz))
                .collect::<Vec<Fix>>()
        })
        .into_iter()
        .flatten()
        .collect();
        for s in &self.sessions {
            if let Some(r) = &s.room
                && !seen_rooms.contains(r.as_str())
            {
                seen_rooms.insert(r.to_string());
                self.rooms.push(r.to_string());
            }
        }
        fixes.extend(self.make_ids_unique());
        self.sort();
        conference_fixes.extend(fixes);
        conference_fixes
    }

    /// The conference's fields cleaned and bounded (its id names the agenda file; its title is
    /// kept in the library).
    fn bound_conference(&mut self) -> Vec<Fix> {
        let c = &mut self.conference;
        text::clean_name_in_place(&mut c.title);
        text::clean_id_in_place(&mut c.id);
        let mut fixes = Vec::new();
        if let Some(n) = text::bound_in_place(&mut c.title, text::NAME_MAX) {
            fixes.push(Fix::Cut {
                title: c.title.clone(),
                what: "conference title",
                chars: n,
                max: text::NAME_MAX,
            });
        }
        let id_chars = c.id.chars().count();
        if text::bound_id_in_place(&mut c.id) {
            fixes.push(Fix::Cut {
                title: c.title.clone(),
                what: "conference id",
                chars: id_chars,
                max: text::ID_MAX,
            });
        }
        if let Some(v) = &mut c.venue {
            text::clean_name_in_place(v);
            text::bound_in_place(v, text::NAME_MAX);
        }
        fixes
    }

    /// Sorts sessions by start, end, room display order, then id.
    pub fn sort(&mut self) {
        self.sort_keyed_up_to(KEYED_UP_TO);
    }

    /// [`Schedule::sort`], through keys when there are at most `keyed` sessions.
    fn sort_keyed_up_to(&mut self, keyed: usize) {
        let order: HashMap<&str, u32> = (self.rooms.iter().zip(1..))
            .map(|(r, i)| (r.as_str(), i))
            .collect();
        // A room's place is looked up once a name (rooms are shared names).
        let mut places: Memo<u32> = Memo::default();
        let mut key = |s: &Session| {
            let room = s
                .room
                .as_ref()
                .map_or(0, |r| places.get(r, |r| order.get(r).copied().unwrap_or(0)));
            (s.start.timestamp(), s.end.timestamp(), room)
        };
        // Most sources list sessions in order: that is seen in one pass, before any memory
        // is taken (the keys of 100,000 sessions were 3.2 MB at the peak of an import).
        let mut last = None;
        let in_order = self.sessions.iter().all(|s| {
            let k = key(s);
            let ok = last.is_none_or(|(l, id): ((i64, i64, u32), &Str)| (l, id) <= (k, &s.id));
            last = Some((k, &s.id));
            ok
        });
        if in_order {
            return;
        }
        let n = self.sessions.len();
        // A schedule holds fewer than 2^32 sessions (its file is at most 512 MiB).
        if n > keyed || u32::try_from(n).is_err() {
            sort_where_they_lie(&mut self.sessions, key);
            return;
        }
        // Each key with the session it is of.
        let mut keys: Vec<(i64, i64, u32, u32)> = (self.sessions.iter().zip(0u32..))
            .map(|(s, i)| {
                let (start, end, room) = key(s);
                (start, end, room, i)
            })
            .collect();
        keys.sort_unstable_by(|a, b| {
            (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)).then_with(|| {
                self.sessions[a.3 as usize]
                    .id
                    .cmp(&self.sessions[b.3 as usize].id)
            })
        });
        // Apply the order in place, cycle by cycle (no second copy of the sessions): `keys[at].3`
        // is the session that goes at `at`, set to `at` once it is there.
        for start in 0..keys.len() {
            let mut at = start;
            while keys[at].3 as usize != start {
                let next = keys[at].3 as usize;
                self.sessions.swap(at, next);
                keys[at].3 = at as u32;
                at = next;
            }
            keys[at].3 = at as u32;
        }
    }

    /// Renames sessions whose id is taken (`x`, `x-2`, `x-3`…), in one pass: each id keeps the
    /// next suffix to try, so 20,000 sessions sharing one id cost 20,000 steps, not 200 million.
    fn make_ids_unique(&mut self) -> Vec<Fix> {
        // Most schedules have no empty or shared id: seen from the ids' hashes, 8 bytes a
        // session (a set of the ids was 2.2 MB at 100,000 sessions, at an import's peak). Two
        // ids with one hash take the way below, which tells them apart.
        use std::hash::BuildHasher;
        let hasher = foldhash::fast::FixedState::with_seed(0);
        let mut hashes = Vec::with_capacity(self.sessions.len());
        for s in &self.sessions {
            if s.id.trim().is_empty() {
                hashes.clear();
                break;
            }
            hashes.push(hasher.hash_one(s.id.as_str()));
        }
        hashes.sort_unstable();
        if hashes.len() == self.sessions.len() && hashes.windows(2).all(|w| w[0] != w[1]) {
            return Vec::new();
        }
        drop(hashes);
        let mut renamed = Vec::new();
        let mut seen: HashSet<String> = HashSet::with_capacity(self.sessions.len());
        let mut next: HashMap<String, usize> = HashMap::new();
        for s in &mut self.sessions {
            if s.id.trim().is_empty() {
                s.id = text::file_stem(&s.title).into();
            }
            if seen.contains(s.id.as_str()) {
                let base = std::mem::take(&mut s.id);
                let n = next.entry(base.to_string()).or_insert(2);
                while seen.contains(&format!("{base}-{n}")) {
                    *n += 1;
                }
                s.id = format!("{base}-{n}").into();
                *n += 1;
                renamed.push(Fix::DuplicateId {
                    base: base.to_string(),
                    title: s.title.to_string(),
                    id: s.id.to_string(),
                });
            }
            seen.insert(s.id.to_string());
        }
        renamed
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// Reads a floating schedule's wall-clock times as times in `tz` (a time skipped by a
    /// daylight-saving change moves forward); the schedule's zone becomes `tz`. Returns how many
    /// times had to move. Does nothing to a zoned schedule.
    pub fn pin_zone(&mut self, tz: Tz) -> usize {
        if !self.is_floating() {
            return 0;
        }
        let mut moved = 0;
        for s in &mut self.sessions {
            for stamp in [&mut s.start, &mut s.end] {
                let (pinned, shifted) = Stamp::local_lenient(stamp.wall(), Some(tz));
                *stamp = pinned;
                moved += usize::from(shifted);
            }
        }
        self.conference.time_zone = Some(tz);
        moved
    }

    /// The same schedule with every time shown in `tz` (the same instants; each session keeps
    /// its conference day; the venue's zone stays the conference's). Returns false, changing nothing, when the times float: a zone cannot
    /// be known for them.
    pub fn show_in(&mut self, tz: Tz) -> bool {
        if self.is_floating() {
            return false;
        }
        for s in &mut self.sessions {
            s.start = s.start.in_zone(Some(tz));
            s.end = s.end.in_zone(Some(tz));
        }
        self.shown_in = (self.conference.time_zone != Some(tz)).then_some(tz);
        true
    }

    /// The zone the times are shown in: [`Schedule::shown_in`], else the venue's.
    pub fn shown_zone(&self) -> Option<Tz> {
        self.shown_in.or(self.conference.time_zone)
    }

    /// The offset the venue's times had nearest to wall-clock time `at`, for a schedule that
    /// gives offsets but no zone name (the session starting nearest to it says); `None` when
    /// the schedule names its zone, floats, or has no sessions.
    pub fn offset_near(&self, at: chrono::NaiveDateTime) -> Option<chrono::FixedOffset> {
        if self.conference.time_zone.is_some() || self.is_floating() {
            return None;
        }
        self.sessions
            .iter()
            .min_by_key(|s| (s.start.wall() - at).num_seconds().abs())
            .map(|s| s.start.offset())
    }

    /// Whether times are floating wall-clock times (no zone and no offsets known).
    pub fn is_floating(&self) -> bool {
        match self.sessions.first() {
            Some(s) => s.start.is_floating(),
            None => self.conference.time_zone.is_none(),
        }
    }
}

/// Whether a title says the session is cancelled ("CANCELLED: …", "[Canceled] …").
pub fn says_cancelled(title: &str) -> bool {
    let t = title.trim_start_matches(|c: char| !c.is_alphanumeric());
    let head: String = t.chars().take(9).flat_map(char::to_lowercase).collect();
    head.starts_with("cancelled") || head.starts_with("canceled")
}

/// At most this many speakers are kept for a session.
const SPEAKERS_MAX: usize = 100;

/// Sessions dated outside these years are kept, with a warning to check the file.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

/// What [`Schedule::normalize`] changed in a schedule, or wants the person to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Two sessions had the same id; the later one was renamed.
    DuplicateId {
        base: String,
        title: String,
        id: String,
    },
    /// A session ended before it started; it is kept with no length.
    EndsBeforeStart {
        title: String,
        end: chrono::NaiveDateTime,
        start: chrono::NaiveDateTime,
    },
    /// A session is dated far from any plausible conference.
    OddYear { title: String, date: NaiveDate },
    /// A field far longer than its kind ever is was cut (a link that long is dropped).
    Cut {
        title: String,
        what: &'static str,
        chars: usize,
        max: usize,
    },
}

impl std::fmt::Display for Fix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let when = |t: &chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
        match self {
            Fix::DuplicateId { base, title, id } => write!(
                f,
                "two sessions share the id {}; the one titled {} is now {}",
                message::quote(base),
                message::title(title),
                message::quote(id)
            ),
            Fix::EndsBeforeStart { title, end, start } => write!(
                f,
                "{} ends ({}) before it starts ({}); it is kept with no length",
                message::title(title),
                when(end),
                when(start)
            ),
            Fix::OddYear { title, date } => write!(
                f,
                "{} is dated {}; check the file",
                message::title(title),
                date.format("%Y-%m-%d")
            ),
            Fix::Cut {
                title,
                what,
                chars,
                max: 0,
            } => write!(
                f,
                "the {what} of {} is {chars} characters long; lineup left it out",
                message::title(title)
            ),
            Fix::Cut {
                title,
                what: "list of speakers",
                chars,
                max,
            } => write!(
                f,
                "{} names {chars} speakers; lineup keeps the first {max}",
                message::title(title)
            ),
            Fix::Cut {
                title,
                what,
                chars,
                max,
            } => write!(
                f,
                "the {what} of {} is {chars} characters long; lineup keeps the first {max}",
                message::title(title)
            ),
        }
    }
}

/// Serde helper for an optional IANA zone written as its name.
mod tz_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(tz: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
        match tz {
            Some(tz) => s.serialize_str(tz.name()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(name) => name.parse::<Tz>().map(Some).map_err(|_| {
                serde::de::Error::custom(format!(
                    "{} is not an IANA time zone name such as Europe/Brussels",
                    crate::message::quote(&name)
                ))
            }),
        }
    }
}

/// Up to this many sessions are sorted through keys, 24 bytes a session (the fastest way); more
/// are sorted where they lie, taking no memory: the keys of 100,000 sessions were 2.4 MB at the
/// peak of an import, which is then the sessions and their texts alone.
const KEYED_UP_TO: usize = 1 << 15;

/// Sorts `sessions` in place by `key` (start, end, room's place) and then id: by start and end
/// first, then each run with one start and end (the rooms used at once, a few) by the rest.
fn sort_where_they_lie(sessions: &mut [Session], mut key: impl FnMut(&Session) -> (i64, i64, u32)) {
    let span = |s: &Session| (s.start.timestamp(), s.end.timestamp());
    sessions.sort_unstable_by_key(span);
    for run in sessions.chunk_by_mut(|a, b| span(a) == span(b)) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| (key(a).2, &a.id).cmp(&(key(b).2, &b.id)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::native::default_schedule;
    use proptest::prelude::*;

    /// A schedule of sessions made from (start, length in half hours, room, id) choices: rooms
    /// listed, unlisted and none; ids shared, empty and numbered; "talk k" the k-th's title.
    fn made(given: &[(i64, i64, usize, usize)]) -> super::Schedule {
        let mut schedule = default_schedule().unwrap();
        let template = schedule.sessions[0].clone();
        let at = template.start;
        let rooms = [None, Some("B"), Some("A"), Some("C"), Some("Annex")];
        schedule.rooms = vec!["A".into(), "B".into(), "C".into()];
        schedule.sessions = given
            .iter()
            .enumerate()
            .map(|(k, &(start, length, room, id))| {
                let mut s = template.clone();
                s.start = at.plus_minutes(start * 30);
                s.end = at.plus_minutes(start * 30 + length * 30);
                s.room = rooms[room].map(Into::into);
                s.id = ["x", "x-2", "y", "", "z", "x"][id].into();
                s.title = format!("talk {k}").into();
                s
            })
            .collect();
        schedule
    }

    proptest! {
        /// Sorting where the sessions lie (as for a large schedule) gives the order sorting
        /// through keys gives.
        #[test]
        fn sessions_sorted_where_they_lie_come_out_as_through_keys(
            given in proptest::collection::vec((0i64..4, 0i64..3, 0usize..5, 0usize..6), 0..60),
        ) {
            let mut schedule = made(&given);
            schedule.make_ids_unique();
            let mut keyed = schedule.clone();
            keyed.sort_keyed_up_to(usize::MAX);
            schedule.sort_keyed_up_to(0);
            let titles = |s: &super::Schedule| s.sessions.iter().map(|s| s.title.to_string()).collect::<Vec<_>>();
            prop_assert_eq!(titles(&schedule), titles(&keyed));
        }

        /// Tidying puts sessions in the one order (start, end, room as listed, id) whether
        /// they come in order or not, keeps every one, and leaves no id empty or shared.
        #[test]
        fn sessions_come_out_in_order_with_ids_apart(
            given in proptest::collection::vec((0i64..4, 0i64..3, 0usize..5, 0usize..6), 0..40),
            sorted_first in any::<bool>(),
        ) {
            let mut schedule = made(&given);
            if sorted_first {
                schedule.normalize();
            }
            schedule.normalize();
            let rank = |s: &super::Session| {
                s.room.as_ref().map_or(0, |r| {
                    1 + schedule.rooms.iter().position(|x| x == r.as_str()).unwrap()
                })
            };
            let key = |s: &super::Session| (s.start, s.end, rank(s), s.id.to_string());
            let mut titles: Vec<String> = schedule.sessions.iter().map(|s| s.title.to_string()).collect();
            titles.sort();
            let mut want: Vec<String> = (0..given.len()).map(|k| format!("talk {k}")).collect();
            want.sort();
            prop_assert_eq!(titles, want);
            for pair in schedule.sessions.windows(2) {
                prop_assert!(key(&pair[0]) < key(&pair[1]), "{:?} before {:?}", key(&pair[0]), key(&pair[1]));
            }
            let ids: std::collections::HashSet<&str> =
                schedule.sessions.iter().map(|s| s.id.as_str()).collect();
            prop_assert_eq!(ids.len(), schedule.sessions.len());
            prop_assert!(!ids.contains(""));
        }
    }
}

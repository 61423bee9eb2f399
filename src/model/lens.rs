//! The one session filter: which sessions the grid shows, `lineup sessions` lists and the
//! exports hold (the tracks chosen, the rooms hidden, one day, one room, a search); and what
//! there is to choose from (each track and room with its number of sessions). A lens never
//! changes the schedule, the picks or the plan; it only decides which sessions are shown.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::search::Query;
use super::{Memo, Schedule, Session, Stamp, Str};

/// Which sessions are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lens {
    /// Only the sessions of these tracks (`None`: sessions given no track); empty: every track.
    pub tracks: BTreeSet<Option<String>>,
    /// Only the sessions in these languages (`None`: sessions given none); empty: every one.
    pub languages: BTreeSet<Option<String>>,
    /// Only the sessions of these types (`None`: sessions given none); empty: every type.
    pub types: BTreeSet<Option<String>>,
    /// Rooms not drawn, by name.
    pub hidden_rooms: BTreeSet<String>,
    /// Only this conference day.
    pub day: Option<NaiveDate>,
    /// Only this room, by name.
    pub room: Option<String>,
    /// Only sessions where each word of the search begins a word of the session.
    pub search: Option<Query>,
    /// Only these sessions, by id (the grid's "only my picks").
    pub only_ids: Option<BTreeSet<String>>,
    /// Only sessions running at some moment from the first instant to the second (the grid's
    /// "only now and next").
    pub window: Option<(Stamp, Stamp)>,
}

impl Lens {
    /// Shows everything.
    pub fn is_clear(&self) -> bool {
        self.tracks.is_empty()
            && self.languages.is_empty()
            && self.types.is_empty()
            && self.hidden_rooms.is_empty()
            && self.day.is_none()
            && self.room.is_none()
            && self.search.as_ref().is_none_or(Query::is_empty)
            && self.only_ids.is_none()
            && self.window.is_none()
    }

    /// Only the sessions on these tracks (a track by name; none given: every track).
    pub fn on_tracks(mut self, tracks: &[String]) -> Self {
        self.tracks = tracks.iter().cloned().map(Some).collect();
        self
    }

    /// Only the sessions of these kinds (as the schedule types them; none given: all).
    pub fn of_types(mut self, types: &[String]) -> Self {
        self.types = types.iter().cloned().map(Some).collect();
        self
    }

    /// Only the sessions in these languages (codes as lineup keeps them; none given: all).
    pub fn in_languages(mut self, languages: &[String]) -> Self {
        self.languages = languages.iter().cloned().map(Some).collect();
        self
    }

    /// Whether this session is shown: its track and language are chosen (or none are), its room is not
    /// hidden (a changeover across several rooms stays while one of them is shown; a plenary
    /// given no room always stays), and it is on the day, in the room and of the search asked
    /// for.
    pub fn keeps(&self, s: &Session) -> bool {
        if !self.tracks.is_empty() && !has(&self.tracks, s.track.as_deref()) {
            return false;
        }
        if !self.languages.is_empty() && !has(&self.languages, s.language.as_deref()) {
            return false;
        }
        if !self.types.is_empty() && !has(&self.types, s.session_type.as_deref()) {
            return false;
        }
        if self
            .only_ids
            .as_ref()
            .is_some_and(|ids| !ids.contains(s.id.as_str()))
            || self
                .window
                .is_some_and(|(from, to)| s.end <= from || to <= s.start)
        {
            return false;
        }
        if self.day.is_some_and(|d| s.day != d)
            || self
                .room
                .as_deref()
                .is_some_and(|r| s.room.as_deref() != Some(r))
            || self
                .search
                .as_ref()
                .is_some_and(|q| !q.is_empty() && !q.matches(s))
        {
            return false;
        }
        s.room.as_deref().is_none_or(|r| !self.hides_room(r))
    }

    /// Whether a room name is hidden: by name, or, for a list of rooms ("Arena, Room 8"), when
    /// every room listed is.
    pub fn hides_room(&self, room: &str) -> bool {
        if self.hidden_rooms.is_empty() {
            return false;
        }
        if self.hidden_rooms.contains(room) {
            return true;
        }
        let parts: Vec<&str> = room.split(',').map(str::trim).collect();
        parts.len() > 1 && parts.iter().all(|p| self.hidden_rooms.contains(*p))
    }
}

/// How many sessions each track and each room holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// Sorted by name; `None` (no track) last, when some sessions have none.
    pub tracks: Vec<(Option<String>, usize)>,
    /// Sorted by code; `None` (not given) last; empty when no session gives one.
    pub languages: Vec<(Option<String>, usize)>,
    /// Sorted by name; `None` (not given) last; empty when no session gives one.
    pub types: Vec<(Option<String>, usize)>,
    /// In the schedule's room order.
    pub rooms: Vec<(String, usize)>,
}

impl Catalogue {
    pub fn of(schedule: &Schedule) -> Catalogue {
        // Counted once a session, 100,000 times on a big schedule: a fast hasher, and a name a
        // cached schedule stores once looked up once.
        let room_ix: HashMap<&str, usize, foldhash::fast::RandomState> = schedule
            .rooms
            .iter()
            .enumerate()
            .map(|(k, r)| (r.as_str(), k))
            .collect();
        let mut rooms = vec![0usize; schedule.rooms.len()];
        // Shared, not copied, each time a room's list is met again.
        let mut named: Memo<std::rc::Rc<[usize]>> = Memo::default();
        let (mut tracks, mut languages, mut types) =
            (Tally::default(), Tally::default(), Tally::default());
        for s in &schedule.sessions {
            tracks.add(s.track.as_ref());
            types.add(s.session_type.as_ref());
            languages.add(s.language.as_ref());
            let Some(room) = s.room.as_ref() else {
                continue;
            };
            // A changeover ("Arena, Room 8") counts in each room it lists.
            let listed = named.get(room, |room| {
                room_ix.get(room).map(|&k| [k].into()).unwrap_or_else(|| {
                    room.split(',')
                        .filter_map(|p| room_ix.get(p.trim()).copied())
                        .collect()
                })
            });
            for &k in listed.iter() {
                rooms[k] += 1;
            }
        }
        Catalogue {
            tracks: tracks.counted(),
            languages: languages.counted(),
            types: types.counted(),
            rooms: schedule.rooms.iter().cloned().zip(rooms).collect(),
        }
    }
}

/// How many sessions have each name (or none).
#[derive(Default)]
struct Tally<'a> {
    slot: HashMap<Option<&'a str>, usize, foldhash::fast::RandomState>,
    counts: Vec<(Option<&'a str>, usize)>,
    kept: Memo<usize>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, name: Option<&'a Str>) {
        let Tally { slot, counts, kept } = self;
        let mut slot_of = |name: Option<&'a str>| {
            *slot.entry(name).or_insert_with(|| {
                counts.push((name, 0));
                counts.len() - 1
            })
        };
        let k = match name {
            Some(s) => kept.get(s, |s| slot_of(Some(s))),
            None => slot_of(None),
        };
        counts[k].1 += 1;
    }

    /// Counts by name, sorted, the unnamed last; none when nothing is named.
    fn counted(self) -> Vec<(Option<String>, usize)> {
        let mut out: Vec<(Option<String>, usize)> = self
            .counts
            .into_iter()
            .map(|(t, n)| (t.map(str::to_string), n))
            .collect();
        out.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
        if out.len() == 1 && out[0].0.is_none() {
            out.clear();
        }
        out
    }
}

/// Whether a chosen set of tracks, languages or kinds holds `v` (`None`: the sessions with none).
pub(crate) fn has(set: &BTreeSet<Option<String>>, v: Option<&str>) -> bool {
    set.iter().any(|x| x.as_deref() == v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::default_schedule;

    #[test]
    fn a_clear_lens_keeps_every_session() {
        let s = default_schedule().unwrap();
        let lens = Lens::default();
        assert!(lens.is_clear());
        assert!(s.sessions.iter().all(|x| lens.keeps(x)));
    }

    #[test]
    fn hidden_rooms_drop_their_talks_but_not_roomless_plenaries() {
        let s = default_schedule().unwrap();
        let lens = Lens {
            hidden_rooms: ["E1".to_string()].into(),
            ..Lens::default()
        };
        for x in &s.sessions {
            assert_eq!(lens.keeps(x), x.room.as_deref() != Some("E1"), "{}", x.id);
        }
    }

    #[test]
    fn only_ids_and_a_window_keep_what_they_name_and_what_runs_in_it() {
        let s = default_schedule().unwrap();
        let first = &s.sessions[0];
        let lens = Lens {
            only_ids: Some([first.id.to_string()].into()),
            ..Lens::default()
        };
        assert!(!lens.is_clear());
        assert_eq!(s.sessions.iter().filter(|x| lens.keeps(x)).count(), 1);
        // A window from 14:10 to 15:10: what runs at 14:10 and what starts before 15:10; a
        // session ending at 14:10 or starting at 15:10 is out.
        let at = |t: &str| Stamp::parse(&format!("2012-03-09T{t}:00-08:00")).unwrap();
        let lens = Lens {
            window: Some((at("14:10"), at("15:10"))),
            ..Lens::default()
        };
        for x in &s.sessions {
            let runs = x.start < at("15:10") && at("14:10") < x.end;
            assert_eq!(lens.keeps(x), runs, "{}", x.id);
        }
        assert!(s.sessions.iter().any(|x| lens.keeps(x)));
        assert!(s.sessions.iter().any(|x| !lens.keeps(x)));
    }

    #[test]
    fn a_changeover_stays_while_one_of_its_rooms_is_shown() {
        let mut lens = Lens {
            hidden_rooms: ["Arena".to_string()].into(),
            ..Lens::default()
        };
        assert!(!lens.hides_room("Arena, Room 8"));
        lens.hidden_rooms.insert("Room 8".into());
        assert!(lens.hides_room("Arena, Room 8"));
        assert!(!lens.hides_room("Room 9"));
    }

    #[test]
    fn a_track_filter_keeps_only_its_tracks_and_none_means_no_track() {
        let s = default_schedule().unwrap();
        let mut talk = s.sessions[0].clone();
        let lens = Lens {
            tracks: [Some("Rust".to_string()), None].into(),
            ..Lens::default()
        };
        talk.track = None;
        assert!(lens.keeps(&talk));
        talk.track = Some("Rust".into());
        assert!(lens.keeps(&talk));
        talk.track = Some("Go".into());
        assert!(!lens.keeps(&talk));
    }
}

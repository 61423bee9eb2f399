//! What changed between two copies of a schedule, the person's picks first: moved, cancelled,
//! renamed, new speakers, new length, and clashes a change created; then the sessions added and
//! removed elsewhere. Sessions are matched by id, and by title and speakers when a schedule
//! renumbered its ids.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Agenda, Overview, Pick};
use crate::model::{Schedule, Session, Stamp, says_cancelled};
use crate::text;

/// Where and when a session is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub day: NaiveDate,
    pub start: Stamp,
    pub end: Stamp,
    pub room: Option<String>,
}

impl Place {
    pub fn of(s: &Session) -> Self {
        Place {
            day: s.day,
            start: s.start,
            end: s.end,
            room: s.room.as_deref().map(str::to_string),
        }
    }
}

/// One change to a picked session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Another start or room.
    Moved {
        from: Place,
        to: Place,
    },
    /// Gone from the schedule (`marked: false`) or still there with a title that says so.
    Cancelled {
        place: Place,
        marked: bool,
    },
    Renamed {
        from: String,
        to: String,
    },
    Speakers {
        from: Vec<String>,
        to: Vec<String>,
    },
    /// Another length, in minutes.
    Length {
        from: i64,
        to: i64,
    },
    /// The schedule gave the session another id (matched by its guid, else by title and
    /// speakers).
    Renumbered {
        from: String,
    },
}

/// A pick whose session changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickChange {
    /// The session's id now (the old one when it is gone).
    pub id: String,
    pub title: String,
    pub changes: Vec<Change>,
}

/// Two picks that clash now and did not before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewClash {
    pub a: String,
    pub a_title: String,
    pub b: String,
    pub b_title: String,
    pub start: Stamp,
    pub minutes: i64,
}

/// A session in a list of those added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub id: String,
    pub title: String,
    pub start: Stamp,
    pub room: Option<String>,
}

impl Brief {
    fn of(s: &Session) -> Self {
        Brief {
            id: s.id.to_string(),
            title: s.title.to_string(),
            start: s.start,
            room: s.room.as_deref().map(str::to_string),
        }
    }
}

/// What changed, for one person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Picks whose session changed, in the new schedule's time order (gone ones last).
    pub picks: Vec<PickChange>,
    pub new_clashes: Vec<NewClash>,
    /// Sessions new in the schedule.
    pub added: Vec<Brief>,
    /// Sessions gone that were not picked.
    pub removed: Vec<Brief>,
    /// Sessions not picked that moved, were renamed or changed otherwise.
    pub changed_elsewhere: usize,
    /// Added sessions, new clashes and removed sessions beyond those listed (a kept report
    /// lists at most [`Report::LISTED`] of each).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub added_beyond: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub removed_beyond: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub new_clashes_beyond: usize,
    /// The new sessions that match the person's saved searches, a list per search (at most
    /// [`Report::LISTED`] each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watched: Vec<Watched>,
}

/// New sessions that match one saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watched {
    pub words: String,
    pub sessions: Vec<Brief>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    /// At most this many sessions added, removed or newly clashing are listed in a report kept
    /// on disk; the rest are counted. Every field of a session is bounded when imported, so a
    /// kept report stays a few megabytes whatever the schedule.
    pub const LISTED: usize = 1000;

    /// The report as kept: the lists cut at [`Report::LISTED`], the rest counted.
    pub fn bounded(mut self) -> Report {
        fn cut<T>(list: &mut Vec<T>, beyond: &mut usize) {
            if list.len() > Report::LISTED {
                *beyond += list.len() - Report::LISTED;
                list.truncate(Report::LISTED);
            }
        }
        cut(&mut self.added, &mut self.added_beyond);
        cut(&mut self.removed, &mut self.removed_beyond);
        cut(&mut self.new_clashes, &mut self.new_clashes_beyond);
        for w in &mut self.watched {
            w.sessions.truncate(Report::LISTED);
        }
        self
    }

    /// How many sessions were added, listed or not.
    pub fn added_count(&self) -> usize {
        self.added.len() + self.added_beyond
    }

    /// How many sessions not picked were removed, listed or not.
    pub fn removed_count(&self) -> usize {
        self.removed.len() + self.removed_beyond
    }

    pub fn is_empty(&self) -> bool {
        self.picks.is_empty()
            && self.new_clashes.is_empty()
            && self.added_count() == 0
            && self.removed_count() == 0
            && self.changed_elsewhere == 0
    }
}

/// Compares `old` with `new` for the picks in `agenda`.
pub fn compare(old: &Schedule, new: &Schedule, agenda: &Agenda) -> Report {
    let pairs = match_sessions(old, new);
    let mut report = Report::default();
    let mut matched_new: HashSet<usize> = HashSet::new();
    let mut picked = Vec::new();
    for (i, s) in old.sessions.iter().enumerate() {
        let partner = pairs.get(&i).map(|&j| &new.sessions[j]);
        if let Some(&j) = pairs.get(&i) {
            matched_new.insert(j);
        }
        let changes = changes_of(s, partner);
        if agenda.is_picked(&s.id) {
            if !changes.is_empty() {
                let now = partner.unwrap_or(s);
                picked.push((
                    partner.map(|p| p.start),
                    PickChange {
                        id: now.id.to_string(),
                        title: now.title.to_string(),
                        changes,
                    },
                ));
            }
        } else if partner.is_none() {
            report.removed.push(Brief::of(s));
        } else if !changes.is_empty() {
            report.changed_elsewhere += 1;
        }
    }
    // In the new schedule's order; the gone ones after, in the old order.
    picked.sort_by_key(|(start, _)| (start.is_none(), *start));
    report.picks = picked.into_iter().map(|(_, c)| c).collect();
    let added: Vec<usize> = (0..new.sessions.len())
        .filter(|j| !matched_new.contains(j))
        .collect();
    report.added = added.iter().map(|&j| Brief::of(&new.sessions[j])).collect();
    report.watched = agenda
        .watches()
        .filter_map(|words| {
            let query = crate::model::search::Query::new(words);
            let sessions: Vec<Brief> = added
                .iter()
                .map(|&j| &new.sessions[j])
                .filter(|s| query.matches(s) && !s.is_cancelled())
                .map(Brief::of)
                .collect();
            (!sessions.is_empty()).then(|| Watched {
                words: words.clone(),
                sessions,
            })
        })
        .collect();
    report.new_clashes = new_clashes(old, new, agenda, &pairs);
    report
}

/// Old session index → new session index: by guid when both give one (a renumbered session is
/// itself), then by id, then by title and speakers among the rest.
fn match_sessions(old: &Schedule, new: &Schedule) -> HashMap<usize, usize> {
    let new_by_id: HashMap<&str, usize> = new
        .sessions
        .iter()
        .enumerate()
        .map(|(j, s)| (s.id.as_str(), j))
        .collect();
    let new_by_guid: HashMap<&str, usize> = new
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.guid.as_deref().map(|g| (g, j)))
        .collect();
    let mut pairs = HashMap::new();
    let mut taken: HashSet<usize> = HashSet::new();
    for (i, s) in old.sessions.iter().enumerate() {
        if let Some(&j) = s.guid.as_deref().and_then(|g| new_by_guid.get(g)) {
            pairs.insert(i, j);
            taken.insert(j);
        }
    }
    let old_ids: HashSet<&str> = old.sessions.iter().map(|s| s.id.as_str()).collect();
    let mut by_content: HashMap<(String, Vec<String>), Vec<usize>> = HashMap::new();
    for (j, s) in new.sessions.iter().enumerate() {
        if !old_ids.contains(s.id.as_str()) && !taken.contains(&j) {
            by_content.entry(content_key(s)).or_default().push(j);
        }
    }
    for (i, s) in old.sessions.iter().enumerate() {
        if pairs.contains_key(&i) {
            continue;
        }
        if let Some(&j) = new_by_id.get(s.id.as_str()).filter(|j| !taken.contains(j)) {
            pairs.insert(i, j);
        } else if let Some(list) = by_content.get_mut(&content_key(s))
            && !list.is_empty()
        {
            pairs.insert(i, list.remove(0));
        }
    }
    pairs
}

fn content_key(s: &Session) -> (String, Vec<String>) {
    (
        text::fold(&s.title),
        s.speakers.iter().map(|p| text::fold(p)).collect(),
    )
}

/// What changed from `old` to `new` (`None`: gone).
fn changes_of(old: &Session, new: Option<&Session>) -> Vec<Change> {
    let Some(new) = new else {
        return vec![Change::Cancelled {
            place: Place::of(old),
            marked: false,
        }];
    };
    let mut changes = Vec::new();
    if new.id != old.id {
        changes.push(Change::Renumbered {
            from: old.id.to_string(),
        });
    }
    if says_cancelled(&new.title) && !says_cancelled(&old.title) {
        changes.push(Change::Cancelled {
            place: Place::of(new),
            marked: true,
        });
    } else if new.title != old.title {
        changes.push(Change::Renamed {
            from: old.title.to_string(),
            to: new.title.to_string(),
        });
    }
    if !new.start.same_placement(&old.start) || new.room != old.room {
        changes.push(Change::Moved {
            from: Place::of(old),
            to: Place::of(new),
        });
    }
    if new.minutes() != old.minutes() {
        changes.push(Change::Length {
            from: old.minutes(),
            to: new.minutes(),
        });
    }
    if new.speakers != old.speakers {
        changes.push(Change::Speakers {
            from: old.speakers.iter().map(String::from).collect(),
            to: new.speakers.iter().map(String::from).collect(),
        });
    }
    changes
}

/// Pairs of picks that clash in `new` and did not in `old` (picks followed to new ids).
fn new_clashes(
    old: &Schedule,
    new: &Schedule,
    agenda: &Agenda,
    pairs: &HashMap<usize, usize>,
) -> Vec<NewClash> {
    let renamed: HashMap<&str, &str> = pairs
        .iter()
        .map(|(&i, &j)| (old.sessions[i].id.as_str(), new.sessions[j].id.as_str()))
        .filter(|(a, b)| a != b)
        .collect();
    let followed = Agenda::with_picks(
        agenda.conference.clone(),
        agenda.picks().iter().map(|p| Pick {
            id: renamed
                .get(p.id.as_str())
                .map_or(p.id.clone(), |n| (*n).to_string()),
            ..p.clone()
        }),
    );
    let before: HashSet<(String, String)> = clash_ids(&Overview::build(old, agenda, None))
        .into_iter()
        .map(|(a, b, _)| {
            let follow = |id: String| renamed.get(id.as_str()).map_or(id, |n| (*n).to_string());
            ordered(follow(a), follow(b))
        })
        .collect();
    let plan = Overview::build(new, &followed, None);
    let at: HashMap<&str, usize> = plan
        .picks
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    clash_ids(&plan)
        .into_iter()
        .filter(|(a, b, _)| !before.contains(&ordered(a.clone(), b.clone())))
        .filter_map(|(a, b, minutes)| {
            let (pa, pb) = (
                &plan.picks[*at.get(a.as_str())?],
                &plan.picks[*at.get(b.as_str())?],
            );
            Some(NewClash {
                a_title: pa.title.clone(),
                b_title: pb.title.clone(),
                start: pa.start.max(pb.start),
                a,
                b,
                minutes,
            })
        })
        .collect()
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Every clashing pair of a plan, by id, with the overlap in minutes.
fn clash_ids(plan: &Overview) -> Vec<(String, String, i64)> {
    plan.clashes()
        .map(|c| {
            (
                plan.picks[c.a].id.clone(),
                plan.picks[c.b].id.clone(),
                c.minutes,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::native::default_schedule;

    fn picked(s: &Schedule, ids: &[&str]) -> Agenda {
        let now = chrono::Utc::now();
        Agenda::with_picks(
            (&s.conference).into(),
            ids.iter()
                .map(|id| Pick::of(s.sessions.iter().find(|x| x.id == *id).unwrap(), now)),
        )
    }

    #[test]
    fn moves_cancellations_renames_renumbering_and_new_clashes() {
        let old = default_schedule().unwrap();
        // Three talks at different times, and one more never picked.
        let talks: Vec<&Session> = old.sessions.iter().filter(|s| s.room.is_some()).collect();
        let (a, b, c, d, e) = (talks[0], talks[6], talks[12], talks[18], talks[20]);
        assert!(a.end <= b.start && b.end <= c.start, "talks in time order");
        let agenda = picked(&old, &[&a.id, &b.id, &c.id, &d.id]);
        let mut new = old.clone();
        let at = |s: &Schedule, id: &str| s.sessions.iter().position(|x| x.id == id).unwrap();
        // a moves onto b's time and room: a move and a new clash with b.
        let (ia, ib) = (at(&new, &a.id), at(&new, &b.id));
        let (start, end, room) = (b.start, b.end, b.room.clone());
        new.sessions[ia].start = start;
        new.sessions[ia].end = end;
        new.sessions[ia].room = room;
        // b is renumbered and renamed? No: renumbered only (same title and speakers).
        new.sessions[ib].id = "new-id".into();
        // c is marked cancelled; d is gone; e (not picked) is gone.
        let ic = at(&new, &c.id);
        new.sessions[ic].title = format!("CANCELLED: {}", c.title).into();
        new.sessions.retain(|x| x.id != d.id && x.id != e.id);
        let report = compare(&old, &new, &agenda);
        let kinds: Vec<(String, Vec<&str>)> = report
            .picks
            .iter()
            .map(|p| {
                let names = p
                    .changes
                    .iter()
                    .map(|c| match c {
                        Change::Moved { .. } => "moved",
                        Change::Cancelled { marked: true, .. } => "marked",
                        Change::Cancelled { .. } => "gone",
                        Change::Renamed { .. } => "renamed",
                        Change::Speakers { .. } => "speakers",
                        Change::Length { .. } => "length",
                        Change::Renumbered { .. } => "renumbered",
                    })
                    .collect();
                (p.id.clone(), names)
            })
            .collect();
        assert!(
            kinds.contains(&(a.id.to_string(), vec!["moved"])),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("new-id".into(), vec!["renumbered"])),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&(c.id.to_string(), vec!["marked"])),
            "{kinds:?}"
        );
        assert_eq!(kinds.last().unwrap(), &(d.id.to_string(), vec!["gone"]));
        assert_eq!(report.new_clashes.len(), 1, "{:?}", report.new_clashes);
        let clash = &report.new_clashes[0];
        let ids = ordered(clash.a.clone(), clash.b.clone());
        assert_eq!(ids, ordered(a.id.to_string(), "new-id".into()));
        assert_eq!(clash.minutes, b.minutes());
        assert_eq!(report.removed, vec![Brief::of(e)]);
        assert!(report.added.is_empty());
        // Unchanged: an empty report.
        assert!(compare(&old, &old, &agenda).is_empty());
    }

    #[test]
    fn titles_that_say_cancelled() {
        for t in [
            "CANCELLED: x",
            "[Canceled] x",
            "*** cancelled ***",
            "Cancelled",
        ] {
            assert!(says_cancelled(t), "{t}");
        }
        for t in ["Why we cancelled the rewrite", "Cancel culture", "x"] {
            assert!(!says_cancelled(t), "{t}");
        }
    }
}

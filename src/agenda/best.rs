//! The plan of the whole agenda: each day's picks weighed and chosen ([`choose`]), the free
//! time left between chosen picks with the talks that fit it, and the dropped picks that are
//! recorded, to watch later.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::choose::{Choice, Wish, choose};
use super::{Agenda, Priority, place_picks_with};
use crate::model::{Schedule, Session, Stamp};

/// Free time between chosen picks (or before the first, after the last, within the day's
/// sessions) and the sessions not picked that fit it whole, walking included, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub start: Stamp,
    pub end: Stamp,
    /// Indexes into the schedule's sessions.
    pub fits: Vec<usize>,
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub wishes: Vec<Wish>,
    pub choice: Choice,
    pub gaps: Vec<Gap>,
}

/// A recorded pick the plan left out: watch it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Later {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

/// The plan of every day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Best {
    pub days: Vec<DayPlan>,
    pub watch_later: Vec<Later>,
}

impl Best {
    /// The ids of every chosen pick.
    pub fn chosen_ids(&self) -> HashSet<&str> {
        self.days
            .iter()
            .flat_map(|d| d.choice.chosen.iter().map(|&i| d.wishes[i].id.as_str()))
            .collect()
    }
}

/// How to plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// Minutes to walk between two rooms.
    pub walk: i64,
    /// Only gaps at least this long are listed.
    pub min_gap: i64,
    pub only_day: Option<NaiveDate>,
}

/// Plans the agenda's picks against the schedule.
pub fn plan(schedule: &Schedule, agenda: &Agenda, settings: Settings) -> Best {
    let by_id: HashMap<&str, usize> = schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let session = |id: &str| by_id.get(id).map(|&i| &schedule.sessions[i]);
    let mut days: Vec<(NaiveDate, Vec<Wish>)> = Vec::new();
    for p in place_picks_with(agenda, session) {
        if settings.only_day.is_some_and(|d| d != p.day) {
            continue;
        }
        let wish = Wish {
            priority: agenda.get(&p.id).map_or(Priority::Want, |k| k.priority),
            recorded: session(&p.id).is_some_and(|s| s.recorded == Some(true)),
            id: p.id,
            title: p.title,
            start: p.start,
            end: p.end,
            room: p.room,
        };
        match days.iter_mut().find(|(d, _)| *d == p.day) {
            Some((_, list)) => list.push(wish),
            None => days.push((p.day, vec![wish])),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    let picked: HashSet<&str> = agenda.picks().iter().map(|p| p.id.as_str()).collect();
    let mut best = Best::default();
    for (date, wishes) in days {
        let choice = choose(&wishes, settings.walk);
        for &(i, _) in &choice.dropped {
            let w = &wishes[i];
            if w.recorded {
                best.watch_later.push(Later {
                    id: w.id.clone(),
                    title: w.title.clone(),
                    url: session(&w.id).and_then(|s| s.url.clone()),
                });
            }
        }
        let gaps = gaps(schedule, &by_id, &picked, date, &wishes, &choice, settings);
        best.days.push(DayPlan {
            date,
            wishes,
            choice,
            gaps,
        });
    }
    best
}

/// The free stretches of a day around its chosen picks, each with what fits.
fn gaps(
    schedule: &Schedule,
    by_id: &HashMap<&str, usize>,
    picked: &HashSet<&str>,
    date: NaiveDate,
    wishes: &[Wish],
    choice: &Choice,
    settings: Settings,
) -> Vec<Gap> {
    let mut day: Vec<usize> = (0..schedule.sessions.len())
        .filter(|&i| schedule.sessions[i].day == date)
        .collect();
    day.sort_by_key(|&i| (schedule.sessions[i].start, i));
    let (Some(first), Some(last)) = (
        day.iter().map(|&i| schedule.sessions[i].start).min(),
        day.iter().map(|&i| schedule.sessions[i].end).max(),
    ) else {
        return Vec::new();
    };
    let chosen: Vec<&Wish> = choice.chosen.iter().map(|&i| &wishes[i]).collect();
    let mut bounds: Vec<(Stamp, Stamp, Option<&Wish>, Option<&Wish>)> = Vec::new();
    let mut from = (first, None);
    for w in &chosen {
        bounds.push((from.0, w.start, from.1, Some(*w)));
        from = (w.end, Some(*w));
    }
    bounds.push((from.0, last, from.1, None));
    bounds
        .into_iter()
        .filter(|(s, e, _, _)| s.minutes_until(e) >= settings.min_gap.max(1))
        .map(|(start, end, before, after)| Gap {
            start,
            end,
            fits: fitting(
                schedule,
                by_id,
                picked,
                &day,
                (before, after),
                settings.walk,
                (start, end),
            ),
        })
        .collect()
}

/// The sessions of `day` not picked that fit between `before` and `after` (walking included),
/// the ones on a neighbour's track first, then by start.
fn fitting(
    schedule: &Schedule,
    by_id: &HashMap<&str, usize>,
    picked: &HashSet<&str>,
    day: &[usize],
    (before, after): (Option<&Wish>, Option<&Wish>),
    walk: i64,
    (start, end): (Stamp, Stamp),
) -> Vec<usize> {
    let as_wish = |s: &Session| Wish {
        id: s.id.clone(),
        title: String::new(),
        start: s.start,
        end: s.end,
        room: s.room.clone(),
        priority: Priority::Want,
        recorded: false,
    };
    let track_of = |w: Option<&Wish>| {
        w.and_then(|w| by_id.get(w.id.as_str()))
            .and_then(|&i| schedule.sessions[i].track.clone())
    };
    let tracks: Vec<String> = [track_of(before), track_of(after)]
        .into_iter()
        .flatten()
        .collect();
    // The day's sessions are in start order: only those starting inside the gap are looked at.
    let from = day.partition_point(|&i| schedule.sessions[i].start < start);
    let mut fits: Vec<usize> = day[from..]
        .iter()
        .copied()
        .take_while(|&i| schedule.sessions[i].start < end)
        .filter(|&i| {
            let s = &schedule.sessions[i];
            if picked.contains(s.id.as_str()) || s.start < start || s.end > end {
                return false;
            }
            let me = as_wish(s);
            before.is_none_or(|b| b.fits_before(&me, walk))
                && after.is_none_or(|a| me.fits_before(a, walk))
        })
        .collect();
    fits.sort_by_key(|&i| {
        let s = &schedule.sessions[i];
        let same_track = s.track.as_ref().is_some_and(|t| tracks.contains(t));
        (!same_track, s.start, i)
    });
    fits
}

//! The plan of the whole agenda: each day's picks weighed and chosen ([`choose`]), the free
//! time left between chosen picks with the talks that fit it, and the dropped picks that are
//! recorded, to watch later.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use std::sync::Arc;

use super::choose::{Choice, Wish, choose_around};
use super::walking::Walking;
use super::{Agenda, Event, Placed, Priority};
use crate::model::{Days, Memo, Schedule, Session, Stamp, Str};

/// Free time between chosen picks (or before the first, after the last, within the day's
/// sessions) and the sessions not picked that fit it whole, walking included, best first: on a
/// neighbouring pick's track, then sharing the most words with the picks the day's plan keeps,
/// then by start.
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
    /// The person's own events that day, by start: fixed ([`Reason::Busy`] names them by
    /// index here).
    ///
    /// [`Reason::Busy`]: super::choose::Reason::Busy
    pub events: Vec<Event>,
    pub wishes: Vec<Wish>,
    pub choice: Choice,
    pub gaps: Vec<Gap>,
}

/// One line of a day's plan in time order: a chosen pick (an index into the wishes) or an
/// event of the person's own (an index into the events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Pick(usize),
    Event(usize),
}

impl DayPlan {
    /// The day's chosen picks and the person's events, in time order.
    pub fn entries(&self) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .choice
            .chosen
            .iter()
            .map(|&i| Entry::Pick(i))
            .chain((0..self.events.len()).map(Entry::Event))
            .collect();
        out.sort_by_key(|e| match *e {
            Entry::Pick(i) => (self.wishes[i].start, 1),
            Entry::Event(k) => (self.events[k].start, 0),
        });
        out
    }

    /// An entry as a wish (an event in its place, as the plan weighs walking to it).
    pub fn entry_wish(&self, entry: Entry) -> Wish {
        match entry {
            Entry::Pick(i) => self.wishes[i].clone(),
            Entry::Event(k) => event_as_wish(&self.events[k]),
        }
    }
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
pub struct Plan {
    pub days: Vec<DayPlan>,
    pub watch_later: Vec<Later>,
    /// The picks marked missed ("I couldn't get in"), by id: the recorded ones are to watch
    /// later too.
    pub missed: Vec<String>,
}

impl Plan {
    /// The ids of every chosen pick.
    pub fn chosen_ids(&self) -> HashSet<&str> {
        self.days
            .iter()
            .flat_map(|d| d.choice.chosen.iter().map(|&i| d.wishes[i].id.as_str()))
            .collect()
    }
}

/// Where a session id is among the schedule's sessions.
type IndexOf<'a> = &'a dyn Fn(&str) -> Option<usize>;
/// Whether a session (by index) is picked: answered without reading its id, which at
/// 100,000 talks meant reading the id of nearly every session the gaps look at. The planner
/// answers from the set it keeps as picks change; [`plan`] from the picks' ids.
pub type IsPicked<'a> = &'a dyn Fn(usize) -> bool;

/// How to plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Minutes to walk between rooms (one number, or by area of the venue).
    pub walking: Arc<Walking>,
    /// Only gaps at least this long are listed; `None` lists none (and skips the pass over the
    /// schedule's sessions the gaps need).
    pub min_gap: Option<i64>,
    pub only_day: Option<NaiveDate>,
    /// Picks that overlap a little may both be kept, the earlier left early.
    pub partial: bool,
    /// Talks that fit a gap are ranked by the words their titles share with the titles and
    /// abstracts of the picks the day's plan keeps (after the neighbours' track), not only by
    /// start.
    pub rank: bool,
}

impl Settings {
    /// Minutes to walk between any two rooms no area rule covers.
    pub fn walk(&self) -> i64 {
        self.walking.default
    }

    /// These settings with one number of minutes between any two rooms.
    pub fn walking(self, minutes: i64) -> Settings {
        Settings {
            walking: Arc::new(Walking::uniform(minutes)),
            ..self
        }
    }
}

/// Plans the agenda's picks against the schedule.
pub fn plan(schedule: &Schedule, agenda: &Agenda, settings: Settings) -> Plan {
    let by_id: HashMap<&str, usize> = schedule
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Only the gaps read the days' sessions.
    let days = match settings.min_gap {
        Some(_) => Days::of(schedule),
        None => Days::default(),
    };
    let index = |id: &str| by_id.get(id).copied();
    // Ids are unique in a schedule: a session is picked when a pick's id finds it.
    let picked: HashSet<usize> = agenda.picks().iter().filter_map(|p| index(&p.id)).collect();
    plan_with(
        schedule,
        (&index, &|i| picked.contains(&i)),
        &days,
        agenda,
        settings,
    )
}

/// `settings` with the area of each of the schedule's rooms worked out once.
fn knowing_rooms(settings: &Settings, schedule: &Schedule) -> Settings {
    if !settings.walking.has_areas() {
        return settings.clone();
    }
    Settings {
        walking: Arc::new(settings.walking.knowing(&schedule.rooms)),
        ..settings.clone()
    }
}

/// [`plan`] with an id index, the picked sessions and the schedule's days the caller keeps
/// (the planner has all three): grouping 100,000 sessions by day again cost a pass over all
/// of them on every plan.
pub fn plan_with(
    schedule: &Schedule,
    (index, picked): (IndexOf<'_>, IsPicked<'_>),
    days_of: &Days,
    agenda: &Agenda,
    settings: Settings,
) -> Plan {
    let settings = knowing_rooms(&settings, schedule);
    let mut by_date: std::collections::BTreeMap<NaiveDate, Vec<Wish>> = Default::default();
    for (day, wish) in live_wishes(schedule, index, agenda) {
        by_date.entry(day).or_default().push(wish);
    }
    // A day with only events of the person's own is planned too (they show in it).
    for e in agenda.events() {
        by_date.entry(e.start.date()).or_default();
    }
    let days: Vec<(NaiveDate, Vec<Wish>)> = by_date
        .into_iter()
        .filter(|(d, _)| settings.only_day.is_none_or(|o| o == *d))
        .collect();
    let mut best = Plan {
        days: days
            .into_iter()
            .map(|(date, wishes)| {
                let day = Day::of(days_of, date);
                let events = events_on(agenda, date);
                plan_day(schedule, index, picked, day, (wishes, events), &settings)
            })
            .collect(),
        watch_later: Vec::new(),
        missed: Vec::new(),
    };
    best.missed = agenda.missed().map(|p| p.id.clone()).collect();
    best.watch_later = watch_later(&best, schedule, index);
    best
}

/// The person's own events on `date`, by start.
pub fn events_on(agenda: &Agenda, date: NaiveDate) -> Vec<Event> {
    agenda
        .events()
        .filter(|e| e.start.date() == date)
        .cloned()
        .collect()
}

/// The sessions of one day, in start order, and the one ending last (indexes into the
/// schedule's sessions).
#[derive(Debug, Clone, Copy)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub sessions: &'a [usize],
    pub ending_last: Option<usize>,
}

impl Day<'_> {
    /// Day `date` of `days` (no sessions when it is not a conference day).
    pub fn of(days: &Days, date: NaiveDate) -> Day<'_> {
        Day {
            date,
            sessions: days.on(date),
            ending_last: days.ending_last_on(date),
        }
    }
}

/// Plans `day` again after a pick on it changed, from its `wishes` (the other days stay as
/// they were). `picked` says whether a session is picked.
pub fn replan_day(
    best: &mut Plan,
    schedule: &Schedule,
    index: IndexOf<'_>,
    picked: IsPicked<'_>,
    day: Day<'_>,
    (wishes, events): (Vec<Wish>, Vec<Event>),
    settings: &Settings,
) {
    best.days.retain(|d| d.date != day.date);
    let settings = &knowing_rooms(settings, schedule);
    if !wishes.is_empty() || !events.is_empty() {
        let plan = plan_day(schedule, index, picked, day, (wishes, events), settings);
        let at = best.days.partition_point(|d| d.date < day.date);
        best.days.insert(at, plan);
    }
    best.watch_later = watch_later(best, schedule, index);
}

/// Every live pick as a wish, with its conference day (a pick the schedule cancelled or
/// dropped is never planned), by start, end and id: made straight from the picks and their
/// sessions (at 10,000 picks, without the copies placing them would make). The planner's
/// day-by-day [`wish`] of a placed pick gives the same (tested).
fn live_wishes<'a>(
    schedule: &'a Schedule,
    index: IndexOf<'a>,
    agenda: &'a Agenda,
) -> Vec<(NaiveDate, Wish)> {
    let mut out: Vec<(NaiveDate, Wish)> = agenda
        .picks()
        .iter()
        .filter_map(|p| {
            let s = &schedule.sessions[index(&p.id)?];
            (!s.is_cancelled()).then(|| {
                (
                    s.day,
                    Wish {
                        id: s.id.to_string(),
                        title: s.title.to_string(),
                        start: s.start,
                        end: s.end,
                        room: s.room.as_deref().map(str::to_string),
                        priority: p.priority,
                        recorded: s.recorded == Some(true),
                    },
                )
            })
        })
        .collect();
    out.sort_by(|a, b| (a.1.start, a.1.end, &a.1.id).cmp(&(b.1.start, b.1.end, &b.1.id)));
    out
}

/// A placed pick as the plan weighs it (its priority from the agenda, recorded from its
/// session).
pub fn wish(p: Placed, agenda: &Agenda, session: Option<&Session>) -> Wish {
    Wish {
        priority: agenda.get(&p.id).map_or(Priority::Want, |k| k.priority),
        recorded: session.is_some_and(|s| s.recorded == Some(true)),
        id: p.id,
        title: p.title,
        start: p.start,
        end: p.end,
        room: p.room,
    }
}

fn plan_day(
    schedule: &Schedule,
    index: IndexOf<'_>,
    picked: IsPicked<'_>,
    day: Day<'_>,
    (wishes, events): (Vec<Wish>, Vec<Event>),
    settings: &Settings,
) -> DayPlan {
    let fixed: Vec<_> = events.iter().map(Event::fixed).collect();
    let choice = choose_around(&wishes, &fixed, &settings.walking, settings.partial);
    let gaps = gaps(
        schedule,
        index,
        picked,
        day,
        (&wishes, &events),
        &choice,
        settings,
    );
    DayPlan {
        date: day.date,
        events,
        wishes,
        choice,
        gaps,
    }
}

/// The recorded picks the plan left out, day by day, then the recorded talks missed.
pub(crate) fn watch_later(best: &Plan, schedule: &Schedule, index: IndexOf<'_>) -> Vec<Later> {
    let missed = best.missed.iter().filter_map(|id| {
        let s = &schedule.sessions[index(id)?];
        (s.recorded == Some(true)).then(|| Later {
            id: s.id.to_string(),
            title: s.title.to_string(),
            url: s.url.as_deref().map(str::to_string),
        })
    });
    best.days
        .iter()
        .flat_map(|day| {
            let url = |k: usize| {
                index(&day.wishes[k].id)
                    .and_then(|i| schedule.sessions[i].url.as_deref().map(str::to_string))
            };
            left_out_recorded(&day.wishes, &day.choice, url)
        })
        .chain(missed)
        .collect()
}

/// The recorded picks a day's plan leaves out (to watch later), with their links: `url` of a
/// wish's index.
pub fn left_out_recorded<'a>(
    wishes: &'a [Wish],
    choice: &'a Choice,
    url: impl Fn(usize) -> Option<String> + 'a,
) -> impl Iterator<Item = Later> + 'a {
    choice
        .dropped
        .iter()
        .filter(|&&(i, _)| wishes[i].recorded)
        .map(move |&(i, _)| Later {
            id: wishes[i].id.clone(),
            title: wishes[i].title.clone(),
            url: url(i),
        })
}

/// The free stretches of a day around its chosen picks, each with what fits.
fn gaps(
    schedule: &Schedule,
    index: IndexOf<'_>,
    picked: IsPicked<'_>,
    day: Day<'_>,
    (wishes, events): (&[Wish], &[Event]),
    choice: &Choice,
    settings: &Settings,
) -> Vec<Gap> {
    let Some(min_gap) = settings.min_gap else {
        return Vec::new();
    };
    // The day's sessions are by start, and the one ending last was found with them: its
    // bounds are not read again from 25,000 sessions a day at 100,000 talks.
    let (Some(&first), Some(last)) = (day.sessions.first(), day.ending_last) else {
        return Vec::new();
    };
    let (first, last) = (schedule.sessions[first].start, schedule.sessions[last].end);
    let day = day.sessions;
    let chosen: Vec<&Wish> = choice.chosen.iter().map(|&i| &wishes[i]).collect();
    let mine = settings
        .rank
        .then(|| words_of(schedule, index, chosen.iter().copied()));
    // The person's events bound the free time as the chosen picks do (as wishes in their
    // place, so walking to and from them counts).
    let fixed: Vec<Wish> = events.iter().map(event_as_wish).collect();
    let mut taken: Vec<&Wish> = chosen.iter().copied().chain(&fixed).collect();
    taken.sort_by_key(|w| (w.start, w.end));
    let mut bounds: Vec<(Stamp, Stamp, Option<&Wish>, Option<&Wish>)> = Vec::new();
    let mut from = (first.min(taken.first().map_or(first, |w| w.start)), None);
    for w in &taken {
        if w.start > from.0 {
            bounds.push((from.0, w.start, from.1, Some(*w)));
        }
        if w.end >= from.0 {
            from = (w.end, Some(*w));
        }
    }
    bounds.push((from.0, last, from.1, None));
    bounds
        .into_iter()
        .filter(|(s, e, _, _)| s.minutes_until(e) >= min_gap.max(1))
        .map(|(start, end, before, after)| Gap {
            start,
            end,
            fits: fitting(
                schedule,
                (index, picked),
                day,
                (before, after),
                (&settings.walking, mine.as_ref()),
                (start, end),
            ),
        })
        .collect()
}

/// The sessions of `day` not picked that fit between `before` and `after` (walking included),
/// the ones on a neighbour's track first, then by start.
fn fitting(
    schedule: &Schedule,
    (index, picked): (IndexOf<'_>, IsPicked<'_>),
    day: &[usize],
    (before, after): (Option<&Wish>, Option<&Wish>),
    (walking, mine): (&Walking, Option<&HashSet<String>>),
    (start, end): (Stamp, Stamp),
) -> Vec<usize> {
    // A cached schedule's texts are checked as UTF-8 each time they are read, and nearly
    // every session of a planned day is looked at: the walk from or to a room, and whether a
    // track is a neighbour's, are found once a room or track, not once a session.
    let (mut from_before, mut to_after): (Memo<i64>, Memo<i64>) = Default::default();
    let walk = |memo: &mut Memo<i64>, wish: &Wish, room: Option<&Str>| match room {
        Some(r) => memo.get(r, |r| walking.minutes(wish.room.as_deref(), Some(r))),
        None => walking.minutes(wish.room.as_deref(), None),
    };
    let track_of = |w: Option<&Wish>| {
        w.and_then(|w| index(&w.id))
            .and_then(|i| schedule.sessions[i].track.as_deref().map(str::to_string))
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
            !picked(i)
                && s.start >= start
                && s.end <= end
                && before.is_none_or(|b| {
                    b.end
                        .plus_minutes(walk(&mut from_before, b, s.room.as_ref()))
                        <= s.start
                })
                && after.is_none_or(|a| {
                    s.end.plus_minutes(walk(&mut to_after, a, s.room.as_ref())) <= a.start
                })
        })
        .collect();
    let mut neighbours: Memo<bool> = Memo::default();
    fits.sort_by_cached_key(|&i| {
        let s = &schedule.sessions[i];
        let same_track = s
            .track
            .as_ref()
            .is_some_and(|t| neighbours.get(t, |t| tracks.iter().any(|x| x == t)));
        let shared = mine.map_or(0, |m| shared_words(&s.title, m));
        (!same_track, std::cmp::Reverse(shared), s.start, i)
    });
    fits
}

/// An event of the person's own as the gaps and walking notes see it: a fixed stretch in its
/// place (with no place, the walk to and from it is the default one: the talks listed as
/// fitting around it err on the side of time to spare).
fn event_as_wish(e: &Event) -> Wish {
    Wish {
        id: e.id.clone(),
        title: e.title.clone(),
        start: e.start,
        end: e.end,
        room: e.place.clone(),
        priority: Priority::Must,
        recorded: false,
    }
}

/// Words that say little about a talk.
const COMMON: [&str; 12] = [
    "with", "from", "that", "this", "your", "what", "about", "into", "using", "more", "than",
    "talk",
];

/// Calls `each` with the words of `text` that can tell talks apart: folded (case and
/// accents), four letters or more, not among the most common. Each word is folded into one
/// buffer (no allocation for plain ASCII words).
fn each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut buf = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 4 || w.chars().count() < 4 {
            continue;
        }
        buf.clear();
        if w.is_ascii() {
            buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            buf.push_str(&crate::text::fold(w));
        }
        if !COMMON.contains(&buf.as_str()) {
            each(&buf);
        }
    }
}

/// The words of the titles and abstracts of picks (the ones a day's plan keeps).
pub(crate) fn words_of<'w>(
    schedule: &Schedule,
    index: IndexOf<'_>,
    wishes: impl Iterator<Item = &'w Wish>,
) -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    let mut add = |w: &str| {
        if !out.contains(w) {
            out.insert(w.to_string());
        }
    };
    for w in wishes {
        each_word(&w.title, &mut add);
        if let Some(i) = index(&w.id) {
            each_word(&schedule.sessions[i].abstract_text, &mut add);
        }
    }
    out
}

/// How many distinct words of `title` are among `mine`.
pub(crate) fn shared_words(title: &str, mine: &HashSet<String>) -> usize {
    let mut seen: Vec<String> = Vec::new();
    each_word(title, |w| {
        if mine.contains(w) && !seen.iter().any(|s| s == w) {
            seen.push(w.to_string());
        }
    });
    seen.len()
}

//! The agenda commands: `pick`, `unpick`, `agenda`, `clashes`. Output that grows with the
//! number of clashing pairs (`--json`) is written as it is made.

use std::collections::HashSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use super::{AgendaArgs, SourceArgs, open, print, print_with, resolve, warn};
use crate::agenda::plan::Settings;
use crate::agenda::{Op, Overview, Pick, Planner, Priority, Standing};
use crate::error::Result;
use crate::model::{Lens, Schedule, Session};
use crate::presentation::{self, duration, place, span};
use crate::text;
use crate::workspace::{Store, clock};

/// `lineup pick SESSION…`.
pub(super) fn pick_cmd(
    source: &SourceArgs,
    args: &AgendaArgs,
    ids: &[String],
    priority: Option<Priority>,
) -> Result<ExitCode> {
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    print(&pick(&opened.schedule, &mut opened.store, ids, priority)?)
}

/// `lineup pick --from FILE|URL [--dry-run]`: the favourites made elsewhere, matched and
/// picked (with any ids given too), each said how it was found or why not; nothing twice.
pub(super) fn pick_from(
    source: &SourceArgs,
    args: &AgendaArgs,
    (from, dry_run, timeout): (&str, bool, std::time::Duration),
    (ids, priority): (&[String], Option<Priority>),
) -> Result<ExitCode> {
    use crate::agenda::favourites::{Found, Index};
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    let schedule = &opened.schedule;
    let (favourites, origin) =
        crate::workspace::favourites::read(from, schedule.conference.time_zone, timeout)?;
    let index = Index::new(schedule);
    let mut out = String::new();
    let mut chosen: Vec<usize> = Vec::new();
    let mut matched = 0;
    let title_of = |f: &crate::agenda::favourites::Favourite| match (f.title.is_empty(), &f.uid) {
        (false, _) => crate::message::title(&f.title),
        (true, Some(uid)) => format!("id {}", crate::message::quote(uid)),
        (true, None) => "an entry without title or id".into(),
    };
    for f in &favourites {
        match index.find(f) {
            Found::Session(i, how) => {
                matched += 1;
                let s = &schedule.sessions[i];
                let what = if chosen.contains(&i) {
                    "listed twice, picked once"
                } else if opened.store.agenda().is_picked(&s.id) {
                    "already picked"
                } else if dry_run {
                    "would pick"
                } else {
                    "picked"
                };
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
                out.push_str(&format!(
                    "  {what}: {} ({}), found {}\n",
                    crate::message::title(&s.title),
                    crate::message::for_terminal(&s.id),
                    how.words()
                ));
            }
            Found::ElsewhenOnly(i) => {
                let s = &schedule.sessions[i];
                out.push_str(&format!(
                    "  not matched: {}: the schedule has it at another time ({} {}, {}), not picked on a guess; `lineup pick {}` if it is the one\n",
                    title_of(f),
                    s.start.wall().format("%a %-d %b"),
                    presentation::span(&s.start, &s.end),
                    presentation::place(s.room.as_deref(), s.kind),
                    crate::message::for_terminal(&s.id)
                ));
            }
            Found::Several(list) => {
                let mut ids: Vec<String> = list
                    .iter()
                    .map(|&i| crate::message::for_terminal(&schedule.sessions[i].id))
                    .collect();
                ids.sort();
                out.push_str(&format!(
                    "  not matched: {}: several sessions have this title at this time ({}); pick the one you mean by id\n",
                    title_of(f),
                    ids.join(", ")
                ));
            }
            Found::Nothing => out.push_str(&format!(
                "  not matched: {}: no session of {} has its UID, link or title\n",
                title_of(f),
                crate::message::for_terminal(&schedule.conference.title)
            )),
            Found::OwnEvent => out.push_str(&format!(
                "  skipped: {}: one of lineup's own events in that calendar, not a talk (`lineup event add` adds one)\n",
                title_of(f)
            )),
        }
    }
    let head = format!(
        "{matched} of {} from {} matched to {}{}\n",
        favourites.len(),
        crate::message::for_terminal(&origin),
        crate::message::for_terminal(&schedule.conference.title),
        if dry_run {
            " (a dry run: nothing saved)"
        } else {
            ""
        }
    );
    let mut all_ids: Vec<String> = chosen
        .iter()
        .map(|&i| schedule.sessions[i].id.to_string())
        .filter(|id| !opened.store.agenda().is_picked(id))
        .collect();
    all_ids.extend(ids.iter().cloned());
    let mut text = format!("{head}{out}");
    if !dry_run && !all_ids.is_empty() {
        // Quietly: each was said above (ids typed beside --from say their own line).
        let said = pick(&opened.schedule, &mut opened.store, &all_ids, priority)?;
        for line in said.lines().skip(all_ids.len() - ids.len()) {
            text.push_str(&format!("{line}\n"));
        }
    }
    print(&text)
}

/// `lineup unpick SESSION…`.
pub(super) fn unpick_cmd(
    source: &SourceArgs,
    args: &AgendaArgs,
    ids: &[String],
) -> Result<ExitCode> {
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    let ids = resolve::guids_as_ids(&opened.schedule, ids);
    print(&unpick(&mut opened.store, &ids)?)
}

/// Picks each session (ids or title pieces, all found before anything is saved); picking a
/// session whose time or room changed since it was picked takes the new ones. Returns what to
/// tell the person.
pub(super) fn pick(
    schedule: &Schedule,
    store: &mut Store,
    ids: &[String],
    priority: Option<Priority>,
) -> Result<String> {
    let sessions = resolve::sessions(schedule, ids)?;
    let now = clock::now();
    let mut out = String::new();
    let mut ops = Vec::new();
    for s in &sessions {
        let fresh = Pick {
            priority: priority.unwrap_or_default(),
            ..Pick::of(s, now)
        };
        let old = store.agenda().get(&s.id);
        let what = match old {
            None => "picked",
            Some(p) if moved(p, s) => "moved, now updated",
            Some(p) if priority.is_some_and(|n| n != p.priority) => "priority set",
            Some(_) => "already picked",
        };
        out.push_str(&format!(
            "{what}: {} ({}){}\n",
            s.title,
            s.id,
            match (priority, old) {
                (Some(p), _) => format!(", {}", p.name()),
                (None, Some(p)) if p.priority != Priority::Want =>
                    format!(", {}", p.priority.name()),
                _ => String::new(),
            }
        ));
        match old {
            Some(_) => {
                ops.push(Op::Update(fresh));
                if let Some(p) = priority {
                    ops.push(Op::Priority(s.id.to_string(), p));
                }
            }
            None => ops.push(Op::Pick(fresh)),
        }
    }
    // One save for all of them.
    store.apply_all(ops)?;
    Ok(out)
}

/// Whether the session's time or room is not what the pick remembers.
fn moved(p: &Pick, s: &Session) -> bool {
    !p.start.same_placement(&s.start)
        || !p.end.same_placement(&s.end)
        || p.room.as_deref() != s.room.as_deref()
}

/// Unpicks each pick (by id or title piece, sessions gone from the schedule included), with
/// one save; an id that is not picked is an error and nothing is unpicked.
pub(super) fn unpick(store: &mut Store, ids: &[String]) -> Result<String> {
    let picks: Vec<(String, String)> = ids
        .iter()
        .map(|id| resolve::pick(store.agenda(), id).map(|p| (p.id.clone(), p.title.clone())))
        .collect::<Result<_>>()?;
    let mut out = String::new();
    for (id, title) in &picks {
        out.push_str(&format!("unpicked: {title} ({id})\n"));
    }
    store.apply_all(picks.into_iter().map(|(id, _)| Op::Unpick(id)).collect())?;
    Ok(out)
}

/// `lineup agenda [--day DAY] [--json]`.
pub(super) fn agenda(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, tracks): (Option<&str>, &[String]),
    json: bool,
) -> Result<ExitCode> {
    let open::Planned { planner, store } = open::planned(source, args, Settings::default())?;
    let schedule = Arc::clone(planner.schedule());
    let day = day.map(|d| resolve::day(&schedule, d)).transpose()?;
    let lens = Lens::default().on_tracks(&resolve::tracks(&schedule, tracks)?);
    let planner = if lens.is_clear() {
        planner
    } else {
        // Only the picks whose session the lens keeps (on one of the tracks).
        let on: HashSet<&str> = schedule
            .sessions
            .iter()
            .filter(|s| lens.keeps(s))
            .map(|s| s.id.as_str())
            .collect();
        let kept = planner.agenda().keeping(|p| on.contains(p.id.as_str()));
        Planner::new(Arc::clone(&schedule), kept, Settings::default())
    };
    let overview = Overview::from_placed(planner.overview().picks.clone(), day);
    let events: Vec<crate::agenda::Event> = store
        .agenda()
        .events()
        .filter(|e| day.is_none_or(|d| e.start.date() == d))
        .cloned()
        .collect();
    if json {
        // An array of picks, as scripts read it; `lineup event list --json` gives the events.
        return print_with(|out| write_agenda_json(&overview, out));
    }
    match day {
        Some(d) if overview.picks.is_empty() && events.is_empty() && !store.agenda().is_empty() => {
            print(&format!(
                "No picks on {} ({} on other days).\n",
                d.format("%a %-d %b"),
                store.agenda().len()
            ))
        }
        _ => print_with(|out| {
            presentation::printed::write_agenda(out, &schedule, (&overview, &events), 80)
        }),
    }
}

/// `lineup clashes [--json]`: exit status 1 when there is a clash.
pub(super) fn clashes(source: &SourceArgs, args: &AgendaArgs, json: bool) -> Result<ExitCode> {
    let open::Planned { planner, .. } = open::planned(source, args, Settings::default())?;
    let plan = planner.overview();
    if json {
        print_with(|out| write_clashes_json(plan, out))?;
    } else {
        print(&clashes_text(plan))?;
    }
    Ok(if plan.clash_count() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[derive(Serialize)]
struct ClashJson<'a> {
    id: &'a str,
    minutes: i64,
}

#[derive(Serialize)]
struct PickJson<'a> {
    id: &'a str,
    title: &'a str,
    day: chrono::NaiveDate,
    start: String,
    end: String,
    room: Option<&'a str>,
    state: &'static str,
    moved_from: Option<MovedJson>,
    clashes: Vec<ClashJson<'a>>,
    no_time_to_walk_to: Option<&'a str>,
}

#[derive(Serialize)]
struct MovedJson {
    start: String,
    end: String,
    room: Option<String>,
}

fn json_err(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

/// `lineup agenda --json`: the picks in time order with their state and every clash, written
/// one pick at a time.
pub(super) fn write_agenda_json(plan: &Overview, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, p) in plan.picks.iter().enumerate() {
        let clashes = plan.clashes_of(i, usize::MAX);
        let row = PickJson {
            id: &p.id,
            title: &p.title,
            day: p.day,
            start: p.start.to_rfc3339(),
            end: p.end.to_rfc3339(),
            room: p.room.as_deref(),
            state: p.state.name(),
            moved_from: match &p.state {
                Standing::Moved { start, end, room } => Some(MovedJson {
                    start: start.to_rfc3339(),
                    end: end.to_rfc3339(),
                    room: room.clone(),
                }),
                _ => None,
            },
            clashes: clashes
                .iter()
                .map(|&(j, minutes)| ClashJson {
                    id: &plan.picks[j].id,
                    minutes,
                })
                .collect(),
            no_time_to_walk_to: plan
                .tight_change_after(i)
                .map(|j| plan.picks[j].id.as_str()),
        };
        out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &row).map_err(json_err)?;
    }
    out.write_all(if plan.picks.is_empty() {
        b"]\n"
    } else {
        b"\n]\n"
    })
}

#[derive(Serialize)]
struct PairJson<'a> {
    day: chrono::NaiveDate,
    a: &'a str,
    b: &'a str,
    minutes: i64,
}

/// `lineup clashes --json`: every clashing pair, written as it is found.
pub(super) fn write_clashes_json(plan: &Overview, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (k, c) in plan.clashes().enumerate() {
        let row = PairJson {
            day: plan.picks[c.a].day,
            a: &plan.picks[c.a].id,
            b: &plan.picks[c.b].id,
            minutes: c.minutes,
        };
        out.write_all(if k == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut *out, &row).map_err(json_err)?;
    }
    out.write_all(if plan.clash_count() == 0 {
        b"]\n"
    } else {
        b"\n]\n"
    })
}

/// Titles a clash group's line names; the rest are counted.
const GROUP_TITLES: usize = 5;

/// `lineup clashes`: a clash of two picks with both talks and the overlap; a group of more as one
/// line with its span and titles. Its size grows with the picks, never with the pairs.
pub(super) fn clashes_text(plan: &Overview) -> String {
    if plan.clash_count() == 0 {
        return format!("No clashes among {} picks.\n", plan.picks.len());
    }
    let mut out = String::new();
    for group in &plan.clash_groups {
        match group[..] {
            [a, b] => out.push_str(&pair_text(plan, a, b)),
            _ => out.push_str(&group_text(plan, group)),
        }
    }
    let groups = plan.clash_groups.len();
    out.push_str(&format!(
        "{} clash{} among {} picks, in {} group{}{}.\n",
        plan.clash_count(),
        if plan.clash_count() == 1 { "" } else { "es" },
        plan.picks.len(),
        groups,
        if groups == 1 { "" } else { "s" },
        if plan.clash_groups.iter().any(|g| g.len() > 2) {
            "; `lineup clashes --json` lists every pair"
        } else {
            ""
        }
    ));
    out
}

fn pair_text(plan: &Overview, a: usize, b: usize) -> String {
    let minutes = plan.clashes_of(a, 1).first().map_or(0, |&(_, m)| m);
    let (a, b) = (&plan.picks[a], &plan.picks[b]);
    let room_w = [a, b]
        .iter()
        .map(|p| text::width(&place(p.room.as_deref(), p.kind)))
        .max()
        .unwrap_or(4)
        .max(4);
    format!(
        "{} {} overlap:\n  {}  {}  {} ({})\n  {}  {}  {} ({})\n",
        a.day,
        duration(minutes),
        span(&a.start, &a.end),
        text::pad(&place(a.room.as_deref(), a.kind), room_w),
        a.title,
        a.id,
        span(&b.start, &b.end),
        text::pad(&place(b.room.as_deref(), b.kind), room_w),
        b.title,
        b.id,
    )
}

fn group_text(plan: &Overview, group: &[usize]) -> String {
    let first = &plan.picks[group[0]];
    let end = group
        .iter()
        .map(|&i| plan.picks[i].end)
        .max()
        .unwrap_or(first.end);
    let named: Vec<String> = group
        .iter()
        .take(GROUP_TITLES)
        .map(|&i| {
            let p = &plan.picks[i];
            format!(
                "{} ({}, {})",
                p.title,
                place(p.room.as_deref(), p.kind),
                span(&p.start, &p.end)
            )
        })
        .collect();
    let more = group.len().saturating_sub(GROUP_TITLES);
    format!(
        "{} {}: {} picks clash: {}{}\n",
        first.day,
        span(&first.start, &end),
        group.len(),
        named.join("; "),
        if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::default_schedule;

    #[test]
    fn pick_and_unpick_of_several_ids_save_once() {
        let schedule = default_schedule().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(dir.path().join("a.json"), (&schedule.conference).into()).unwrap();
        let ids: Vec<String> = schedule.sessions[..3]
            .iter()
            .map(|s| s.id.to_string())
            .collect();
        pick(&schedule, &mut store, &ids, None).unwrap();
        assert_eq!(store.writes(), 1);
        let e = unpick(&mut store, &[ids[0].clone(), "nope".into()]).unwrap_err();
        assert!(e.to_string().contains("`nope` is not picked"), "{e}");
        assert_eq!(
            store.writes(),
            1,
            "nothing is unpicked when one is not picked"
        );
        unpick(&mut store, &[ids[0].clone(), ids[2].clone()]).unwrap();
        assert_eq!(store.writes(), 2, "one save for the whole unpick");
        assert_eq!(store.agenda().len(), 1);
    }
}

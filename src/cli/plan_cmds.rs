//! The plan commands: `plan` (the best clash-free choice of the picks, with reasons) and `gaps`
//! (free time in it and what fits).

use std::process::ExitCode;

use std::sync::Arc;

use super::{AgendaArgs, SourceArgs, open, print, resolve};
use crate::agenda::{Op, Planner, plan};
use crate::error::{Error, Result};
use crate::{message, presentation};

/// The planner of the picks, `day` given as people type it; with `with`, a friend's picks
/// count one level higher.
fn planned(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, with): (Option<&str>, Option<&str>),
    (walk, settings): (Option<u32>, plan::Settings),
) -> Result<Planner> {
    let open::Planned { planner, .. } = open::planned_with(source, args, |schedule| {
        let only_day = day.map(|d| resolve::day(schedule, d)).transpose()?;
        Ok(plan::Settings {
            only_day,
            walking: Arc::new(open::walking(&schedule.conference.id, walk)),
            ..settings
        })
    })?;
    if let Some(name) = with {
        let theirs = super::friend_cmds::agendas(planner.schedule(), Some(name))?;
        let (_, agenda) = &theirs[0];
        let mine = super::friend_cmds::preferring(planner.agenda(), agenda);
        return Ok(Planner::new(
            Arc::clone(planner.schedule()),
            mine,
            planner.settings(),
        ));
    }
    Ok(planner)
}

/// `lineup plan [--day DAY] [--walk MIN] [--partial] [--json]`: the best clash-free plan, with
/// reasons.
pub(super) fn plan(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, with): (Option<&str>, Option<&str>),
    (walk, partial): (Option<u32>, bool),
    json: bool,
) -> Result<ExitCode> {
    let settings = plan::Settings {
        walking: Default::default(),
        min_gap: Some(15),
        only_day: None,
        partial,
        rank: true,
    };
    let planner = planned(source, args, (day, with), (walk, settings))?;
    let (plan, schedule) = (planner.plan(), planner.schedule());
    if json {
        let mut text = presentation::plan::json(plan, schedule).to_string();
        text.push('\n');
        return print(&text);
    }
    let text = presentation::plan::text(plan, schedule, &planner.settings().walking);
    match with {
        Some(name) => print(&format!(
            "Preferring the talks {} picked too (each counted one level higher).\n{text}",
            crate::message::for_terminal(name)
        )),
        None => print(&text),
    }
}

/// `lineup gaps [--day DAY] [--min MIN] [--walk MIN]`: free time in the plan and what fits.
pub(super) fn gaps(
    source: &SourceArgs,
    args: &AgendaArgs,
    day: Option<&str>,
    min: i64,
    walk: Option<u32>,
) -> Result<ExitCode> {
    let settings = plan::Settings {
        walking: Default::default(),
        min_gap: Some(min),
        only_day: None,
        partial: false,
        rank: true,
    };
    let planner = planned(source, args, (day, None), (walk, settings))?;
    print(&presentation::plan::gaps_text(
        planner.plan(),
        planner.schedule(),
    ))
}

/// `lineup missed [ID] [--take N] [--soon MIN]`: the talk marked missed and what to do
/// instead, nearest first.
pub(super) fn missed(
    source: &SourceArgs,
    args: &AgendaArgs,
    (typed, take, soon): (Option<&str>, Option<usize>, i64),
    typed_now: Option<&str>,
) -> Result<ExitCode> {
    let open::Planned { planner, mut store } = open::planned_walking(source, args)?;
    let schedule = Arc::clone(planner.schedule());
    let now = match typed_now {
        Some(t) => resolve::now(t, &schedule)?,
        None => super::now_cmds::now_of(&schedule),
    };
    let i = match typed {
        Some(t) => {
            let p = resolve::pick(planner.agenda(), t)?;
            planner.index_of(&p.id).ok_or_else(|| Error::NotPicked {
                typed: t.to_string(),
                near: Vec::new(),
            })?
        }
        None => planner
            .pick_now(now)
            .or_else(|| {
                planner
                    .pick_next(now)
                    .filter(|&i| now.minutes_until(&schedule.sessions[i].start) <= 15)
            })
            .ok_or(Error::NothingPlannedNow)?,
    };
    let s = &schedule.sessions[i];
    // Asked before the talk (or after it), the alternatives are those of its start.
    let at = if s.start <= now && now < s.end {
        now
    } else {
        s.start
    };
    let alternatives = planner.alternatives(i, at, soon);
    store.apply_all(vec![Op::Missed(s.id.to_string())])?;
    let mut out = format!(
        "missed: {} ({}, {}); the rest of the day is planned without it\n",
        message::title(&s.title),
        presentation::place(s.room.as_deref(), s.kind),
        presentation::span(&s.start, &s.end)
    );
    if alternatives.is_empty() {
        out.push_str(&format!(
            "Nothing else runs at {} or starts within {soon} min.\n",
            presentation::hm(&at)
        ));
        return print(&out);
    }
    out.push_str(&format!(
        "Instead, from {} at {} (nearest first):\n",
        presentation::place(s.room.as_deref(), s.kind),
        presentation::hm(&at)
    ));
    for (n, a) in alternatives.iter().take(10).enumerate() {
        out.push_str(&format!(
            "  {}. {}\n",
            n + 1,
            alternative_line(&schedule, a)
        ));
    }
    if let Some(n) = take {
        let Some(a) = alternatives.get(n.wrapping_sub(1)) else {
            return Err(Error::NoSuchAlternative {
                n,
                count: alternatives.len().min(10),
            });
        };
        let id = schedule.sessions[a.session].id.clone();
        out.push_str(&super::agenda_cmds::pick(
            &schedule,
            &mut store,
            &[id.to_string()],
            None,
        )?);
    } else {
        out.push_str("`lineup pick ID` (or `--take N` here) picks one.\n");
    }
    print(&out)
}

/// "14:05–14:45  K.1.105  3 min walk, started 5 min ago  "Title" (id)".
fn alternative_line(
    schedule: &crate::model::Schedule,
    a: &crate::agenda::missed::Alternative,
) -> String {
    let s = &schedule.sessions[a.session];
    let when = presentation::plan::alternative_when(a);
    let pick = a
        .priority
        .map_or_else(String::new, |p| format!(", your {} pick", p.name()));
    format!(
        "{}  {}  {} walk, {when}{pick}  {} ({})",
        presentation::span(&s.start, &s.end),
        presentation::place(s.room.as_deref(), s.kind),
        presentation::duration(a.walk),
        message::title(&s.title),
        message::for_terminal(&s.id)
    )
}

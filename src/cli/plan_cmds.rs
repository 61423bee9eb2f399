//! The plan commands: `plan` (the best clash-free choice of the picks, with reasons) and `gaps`
//! (free time in it and what fits).

use std::process::ExitCode;

use super::{AgendaArgs, SourceArgs, open, print, resolve, warn};
use crate::agenda::plan;
use crate::error::Result;
use crate::presentation;

/// The schedule and the plan of its picks, `day` given as people type it.
fn planned(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, with): (Option<&str>, Option<&str>),
    settings: plan::Settings,
) -> Result<(crate::model::Schedule, plan::Plan)> {
    let opened = open::both(source, args)?;
    warn(&opened.notes);
    let only_day = day.map(|d| resolve::day(&opened.schedule, d)).transpose()?;
    let settings = plan::Settings {
        only_day,
        ..settings
    };
    let mine = match with {
        Some(name) => {
            let theirs = super::friend_cmds::agendas(&opened.schedule, Some(name))?;
            let (_, agenda) = &theirs[0];
            super::friend_cmds::preferring(opened.store.agenda(), agenda)
        }
        None => opened.store.agenda().clone(),
    };
    let best = plan::plan(&opened.schedule, &mine, settings);
    Ok((opened.schedule, best))
}

/// `lineup plan [--day DAY] [--walk MIN] [--partial] [--json]`: the best clash-free plan, with
/// reasons.
pub(super) fn plan(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, with): (Option<&str>, Option<&str>),
    (walk, partial): (i64, bool),
    json: bool,
) -> Result<ExitCode> {
    let settings = plan::Settings {
        walk,
        min_gap: Some(15),
        only_day: None,
        partial,
        rank: true,
    };
    let (schedule, best) = planned(source, args, (day, with), settings)?;
    if json {
        let mut text = presentation::plan::json(&best, &schedule).to_string();
        text.push('\n');
        return print(&text);
    }
    let text = presentation::plan::text(&best, &schedule, walk);
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
    walk: i64,
) -> Result<ExitCode> {
    let settings = plan::Settings {
        walk,
        min_gap: Some(min),
        only_day: None,
        partial: false,
        rank: true,
    };
    let (schedule, best) = planned(source, args, (day, None), settings)?;
    print(&presentation::plan::gaps_text(&best, &schedule))
}

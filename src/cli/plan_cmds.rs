//! The plan commands: `plan` (the best clash-free choice of the picks, with reasons) and `gaps`
//! (free time in it and what fits).

use std::process::ExitCode;

use std::sync::Arc;

use super::{AgendaArgs, SourceArgs, open, print, resolve};
use crate::agenda::{Planner, plan};
use crate::error::Result;
use crate::presentation;

/// The planner of the picks, `day` given as people type it; with `with`, a friend's picks
/// count one level higher.
fn planned(
    source: &SourceArgs,
    args: &AgendaArgs,
    (day, with): (Option<&str>, Option<&str>),
    (walk, settings): (Option<u32>, plan::Settings),
) -> Result<Planner> {
    let open::Planned { mut planner, .. } = open::planned(source, args, plan::Settings::default())?;
    let only_day = day
        .map(|d| resolve::day(planner.schedule(), d))
        .transpose()?;
    let settings = plan::Settings {
        only_day,
        walking: Arc::new(open::walking(&planner.schedule().conference.id, walk)),
        ..settings
    };
    if let Some(name) = with {
        let theirs = super::friend_cmds::agendas(planner.schedule(), Some(name))?;
        let (_, agenda) = &theirs[0];
        let mine = super::friend_cmds::preferring(planner.agenda(), agenda);
        return Ok(Planner::new(Arc::clone(planner.schedule()), mine, settings));
    }
    planner.set_settings(settings);
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

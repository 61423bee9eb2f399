//! The plan commands: `plan` (the best clash-free choice of the picks, with reasons) and `gaps`
//! (free time in it and what fits).

use std::process::ExitCode;

use super::{AgendaArgs, SourceArgs, open, print, resolve, warn};
use crate::agenda::best;
use crate::error::Result;
use crate::presentation;

/// The schedule and the plan of its picks, `day` given as people type it.
fn planned(
    source: &SourceArgs,
    args: &AgendaArgs,
    day: Option<&str>,
    settings: best::Settings,
) -> Result<(crate::model::Schedule, best::Best)> {
    let opened = open::both(source, args)?;
    warn(&opened.notes);
    let only_day = day.map(|d| resolve::day(&opened.schedule, d)).transpose()?;
    let settings = best::Settings {
        only_day,
        ..settings
    };
    let best = best::plan(&opened.schedule, opened.store.agenda(), settings);
    Ok((opened.schedule, best))
}

/// `lineup plan [--day DAY] [--walk MIN] [--partial] [--json]`: the best clash-free plan, with
/// reasons.
pub(super) fn plan(
    source: &SourceArgs,
    args: &AgendaArgs,
    day: Option<&str>,
    (walk, partial): (i64, bool),
    json: bool,
) -> Result<ExitCode> {
    let settings = best::Settings {
        walk,
        min_gap: Some(15),
        only_day: None,
        partial,
        rank: true,
    };
    let (schedule, best) = planned(source, args, day, settings)?;
    if json {
        let mut text = presentation::plan::json(&best, &schedule).to_string();
        text.push('\n');
        return print(&text);
    }
    print(&presentation::plan::text(&best, &schedule, walk))
}

/// `lineup gaps [--day DAY] [--min MIN] [--walk MIN]`: free time in the plan and what fits.
pub(super) fn gaps(
    source: &SourceArgs,
    args: &AgendaArgs,
    day: Option<&str>,
    min: i64,
    walk: i64,
) -> Result<ExitCode> {
    let settings = best::Settings {
        walk,
        min_gap: Some(min),
        only_day: None,
        partial: false,
        rank: true,
    };
    let (schedule, best) = planned(source, args, day, settings)?;
    print(&presentation::plan::gaps_text(&best, &schedule))
}

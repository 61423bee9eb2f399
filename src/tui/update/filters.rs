//! The grid's own filters, over the tracks, languages and rooms chosen: only my picks (kept in
//! step with them as they change) and only what runs now and in the next hour (kept in step
//! with the clock).

use super::nav::{ensure_visible, jump_now};
use crate::model::Lens;
use crate::tui::app::App;
use crate::tui::choose_rows::left_out;
use crate::tui::said::Said;

/// How far ahead "now and next" looks, in minutes.
const NEXT_MINUTES: i64 = 60;

/// The ids of every pick, for the lens.
fn picked(app: &App) -> std::collections::BTreeSet<String> {
    app.agenda().picks().iter().map(|p| p.id.clone()).collect()
}

/// `P`: only my picks, or everything again.
pub(super) fn toggle_picks(app: &mut App) {
    let mut lens = app.lens.clone();
    lens.only_ids = match lens.only_ids {
        Some(_) => None,
        None if app.agenda().picks().is_empty() => {
            app.message = Said::NothingPickedToShow;
            return;
        }
        None => Some(picked(app)),
    };
    show(app, lens);
}

/// `W`: only what runs now and in the next hour, or everything again; turned on, the grid
/// goes to now.
pub(super) fn toggle_now(app: &mut App) {
    let mut lens = app.lens.clone();
    if lens.window.take().is_none() {
        let now = app.now();
        let until = now.plus_minutes(NEXT_MINUTES);
        let soon = app
            .schedule()
            .sessions
            .iter()
            .any(|s| now < s.end && s.start < until);
        if !soon {
            app.message = Said::NothingSoon { now: now.wall() };
            return;
        }
        lens.window = Some((now, until));
        show(app, lens);
        jump_now(app);
    } else {
        show(app, lens);
    }
    app.message = Said::LensShows(left_out(app));
}

fn show(app: &mut App, lens: Lens) {
    app.set_lens(lens);
    ensure_visible(app);
    app.message = Said::LensShows(left_out(app));
}

/// After the picks changed: "only my picks" shows the picks as they are now.
pub(super) fn follow_picks(app: &mut App) {
    if app.lens.only_ids.is_some() {
        let mut lens = app.lens.clone();
        lens.only_ids = Some(picked(app));
        if lens != app.lens {
            app.set_lens(lens);
            ensure_visible(app);
        }
    }
}

/// After the clock moved: "now and next" moves with it, a minute at a time.
pub(super) fn follow_clock(app: &mut App) {
    let Some((from, _)) = app.lens.window else {
        return;
    };
    let now = app.now();
    if now.timestamp().div_euclid(60) != from.timestamp().div_euclid(60) {
        let mut lens = app.lens.clone();
        lens.window = Some((now, now.plus_minutes(NEXT_MINUTES)));
        app.set_lens(lens);
        ensure_visible(app);
    }
}

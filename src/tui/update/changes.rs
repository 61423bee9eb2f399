//! Refreshing from the TUI: `r` asks the edge to fetch the conference again; its answer
//! replaces the schedule and opens the change report, where Enter shows a talk in the grid and
//! `m` accepts a move.

use super::nav;
use crate::agenda::changes::{Change, Report};
use crate::agenda::{Op, Pick};
use crate::model::Schedule;
use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Mode};
use crate::tui::change_rows::ChangeRow;
use crate::tui::said::Said;

/// `r`: a refresh, unless one is under way or the schedule is not one that changes.
pub(super) fn start(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(id) = &app.refreshable else {
        app.message = Said::NotRefreshable;
        return;
    };
    if app.refreshing {
        app.message = Said::AlreadyFetching { id: id.clone() };
        return;
    }
    app.refreshing = true;
    app.message = Said::Fetching { id: id.clone() };
    effects.push(Effect::Refresh);
}

/// The edge's answer: a new schedule and its report, or a sentence.
pub(super) fn finished(
    app: &mut App,
    schedule: Option<std::sync::Arc<Schedule>>,
    report: Option<Report>,
    message: Said,
) {
    app.refreshing = false;
    app.message = message;
    if let Some(s) = schedule {
        // The new copy comes in the venue's zone; it is shown in the zone chosen.
        let zone = app.zone;
        app.replace_schedule(s);
        if zone > 0 {
            let said = std::mem::take(&mut app.message);
            super::show_zone(app, zone);
            app.message = said;
        }
        app.fetched = Some(app.clock.to_utc());
    }
    if let Some(report) = report {
        app.changes = ChangeRow::of(&report);
        app.clear_list_filter();
        app.mode = Mode::Changes { cursor: 0 };
    }
}

/// A key on the change report.
pub(super) fn command(app: &mut App, c: Command, cursor: usize, effects: &mut Vec<Effect>) {
    let shown = crate::tui::change_rows::shown(app).len();
    if let Some(cursor) = super::list::moved(c, cursor, shown, super::list::page(app)) {
        app.mode = Mode::Changes { cursor };
        return;
    }
    let row = |app: &App| {
        crate::tui::change_rows::shown(app)
            .get(cursor)
            .map(|r| (*r).clone())
    };
    match c {
        Command::StartFilter => super::filter::start(app),
        Command::Close => {
            app.clear_list_filter();
            app.mode = Mode::Grid;
        }
        Command::Open => {
            let Some(id) = row(app).and_then(|r| r.id) else {
                return;
            };
            match app.index_of(&id) {
                Some(i) => {
                    nav::show_session(app, i);
                }
                None => app.message = Said::NoLongerInSchedule,
            }
        }
        Command::AcceptMove => {
            if let Some(r) = row(app) {
                accept(app, &r, effects);
            }
        }
        _ => {}
    }
}

/// `m` on a moved pick: the pick takes the new time and room.
fn accept(app: &mut App, row: &ChangeRow, effects: &mut Vec<Effect>) {
    let (Some(id), Some(Change::Moved { .. })) = (&row.id, &row.change) else {
        app.message = Said::OnlyMovedTakesPlace;
        return;
    };
    let Some(i) = app.index_of(id) else {
        return;
    };
    let op = Op::Update(Pick::of(app.session(i), app.clock.to_utc()));
    if super::undo::apply(app, &op) {
        effects.push(Effect::Save(op));
        app.message = Said::TookNewPlace {
            title: app.session(i).title.to_string(),
        };
    } else {
        app.message = Said::AlreadyInPlace;
    }
}

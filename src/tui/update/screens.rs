//! The screens in front of the grid: a session's details and the help (pages that scroll), and
//! my agenda (a list of picks with a cursor).

use super::{nav, toggle_pick};
use crate::agenda::{Op, Pick, PickState};
use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Mode};
use crate::tui::geometry::Geometry;
use crate::tui::pages;

pub(super) fn detail(app: &mut App, c: Command, scroll: u16, effects: &mut Vec<Effect>) {
    let page = Geometry::of(app).height.saturating_sub(4).max(1);
    let scroll = match c {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        Command::TogglePick => {
            toggle_pick(app, effects);
            scroll
        }
        Command::Close | Command::Open => {
            app.mode = Mode::Grid;
            return;
        }
        _ => scroll,
    };
    let scroll = scroll.min(pages::detail_max_scroll(app));
    app.mode = Mode::Detail { scroll };
}

pub(super) fn help(app: &mut App, c: Command, scroll: u16) {
    let max = pages::help_max_scroll(app);
    let scroll = scroll.min(max);
    app.mode = match c {
        Command::Up => Mode::Help {
            scroll: scroll.saturating_sub(1),
        },
        Command::Down => Mode::Help {
            scroll: scroll.saturating_add(1).min(max),
        },
        Command::Close => Mode::Grid,
        _ => Mode::Help { scroll },
    };
}

/// My agenda, its cursor on the selected session's pick (else the first).
pub(super) fn open_agenda(app: &mut App) {
    let cursor = app
        .selected
        .and_then(|i| {
            app.plan
                .picks
                .iter()
                .position(|p| p.id == app.session(i).id)
        })
        .unwrap_or(0);
    app.mode = Mode::Agenda { cursor };
}

pub(super) fn agenda(app: &mut App, c: Command, cursor: usize, effects: &mut Vec<Effect>) {
    let n = app.plan.picks.len();
    match c {
        Command::Up => {
            app.mode = Mode::Agenda {
                cursor: cursor.saturating_sub(1),
            }
        }
        Command::Down => {
            app.mode = Mode::Agenda {
                cursor: (cursor + 1).min(n.saturating_sub(1)),
            }
        }
        Command::Close | Command::ShowAgenda => app.mode = Mode::Grid,
        Command::StartExport => super::prompt::start_export(app),
        Command::Open => {
            let Some(p) = app.plan.picks.get(cursor) else {
                return;
            };
            match app.by_id.get(&p.id).copied() {
                Some(i) => {
                    nav::select_session(app, i);
                    app.mode = Mode::Grid;
                }
                None => app.message = "that talk is no longer in the schedule".into(),
            }
        }
        Command::AcceptMove => accept_move(app, cursor, effects),
        Command::TogglePick => {
            let Some(p) = app.plan.picks.get(cursor) else {
                return;
            };
            let (id, title) = (p.id.clone(), p.title.clone());
            let op = Op::Unpick(id);
            op.apply(&mut app.agenda);
            app.refresh_picks();
            clamp_agenda_cursor(app);
            app.message = format!("unpicked {title}");
            effects.push(Effect::Save(op));
        }
        _ => {}
    }
}

/// A moved pick takes its session's new time and room.
fn accept_move(app: &mut App, cursor: usize, effects: &mut Vec<Effect>) {
    let Some(p) = app.plan.picks.get(cursor) else {
        return;
    };
    if !matches!(p.state, PickState::Moved { .. }) {
        app.message = "this pick has not moved".into();
        return;
    }
    let Some(&i) = app.by_id.get(&p.id) else {
        return;
    };
    let op = Op::Update(Pick::of(app.session(i), app.clock.to_utc()));
    op.apply(&mut app.agenda);
    app.refresh_picks();
    app.message = format!("{} now at its new time and room", app.session(i).title);
    effects.push(Effect::Save(op));
}

pub(super) fn clamp_agenda_cursor(app: &mut App) {
    if let Mode::Agenda { cursor } = app.mode {
        app.mode = Mode::Agenda {
            cursor: cursor.min(app.plan.picks.len().saturating_sub(1)),
        };
    }
}

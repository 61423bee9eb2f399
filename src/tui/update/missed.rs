//! `X` ("I couldn't get in") on a pick: it is marked missed (the plan goes on without it; `u`
//! takes it back) and a list opens of what runs near it now or starts within minutes, nearest
//! first; Enter picks one and shows it in the grid.

use super::{list, nav, undo};
use crate::agenda::{Op, Pick};
use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Mode};
use crate::tui::said::Said;

/// How many minutes ahead an alternative may start.
pub(crate) const SOON: i64 = 10;

/// Marks the selected pick missed and lists the alternatives.
pub(super) fn start(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = Said::NothingSelected;
        return;
    };
    let s = app.session(i).clone();
    if !app.agenda().is_picked(&s.id) {
        app.message = Said::MissedNotPicked {
            title: crate::message::title(&s.title),
        };
        return;
    }
    let now = app.now();
    // Asked before the talk (or after it), the alternatives are those of its start.
    let at = if s.start <= now && now < s.end {
        now
    } else {
        s.start
    };
    app.alternatives = app.planner.alternatives(i, at, SOON);
    let op = Op::Missed(s.id.to_string());
    if undo::apply(app, &op) {
        effects.push(Effect::Save(op));
    }
    app.missed_title = crate::message::title(&s.title);
    app.message = Said::Missed {
        title: app.missed_title.clone(),
        alternatives: app.alternatives.len(),
    };
    app.mode = Mode::Alternatives { cursor: 0 };
}

/// A key in the list.
pub(super) fn command(app: &mut App, c: Command, cursor: usize, effects: &mut Vec<Effect>) {
    let count = app.alternatives.len();
    if let Some(cursor) = list::moved(c, cursor, count, list::page(app)) {
        app.mode = Mode::Alternatives { cursor };
        return;
    }
    match c {
        Command::Close => app.mode = Mode::Grid,
        Command::Open => {
            let Some(a) = app.alternatives.get(cursor).copied() else {
                return;
            };
            let s = app.session(a.session).clone();
            if !app.agenda().is_picked(&s.id) {
                let op = Op::Pick(Pick::of(&s, app.clock.to_utc()));
                if undo::apply(app, &op) {
                    effects.push(Effect::Save(op));
                }
            }
            nav::show_session(app, a.session);
            app.message = Said::Picked {
                title: s.title.to_string(),
                clash: app.planner.is_clashing(a.session),
            };
        }
        _ => {}
    }
}

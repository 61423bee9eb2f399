//! `1` `2` `3`: a pick's priority (must, want, maybe) from the grid, the details or the agenda;
//! a talk not picked yet is picked with that priority.

use crate::agenda::{Op, Pick, Priority};
use crate::tui::action::{Command, Effect};
use crate::tui::app::App;
use crate::tui::said::Said;

/// The priority a command names.
pub(super) fn level(c: Command) -> Option<Priority> {
    match c {
        Command::Must => Some(Priority::Must),
        Command::Want => Some(Priority::Want),
        Command::Maybe => Some(Priority::Maybe),
        _ => None,
    }
}

/// Sets the priority of the pick with `id` (picking session `session` when it is not picked).
pub(super) fn set(
    app: &mut App,
    id: &str,
    session: Option<usize>,
    priority: Priority,
    effects: &mut Vec<Effect>,
) {
    let op = if app.agenda().is_picked(id) {
        Op::Priority(id.to_string(), priority)
    } else if let Some(i) = session {
        Op::Pick(Pick {
            priority,
            ..Pick::of(app.session(i), app.clock.to_utc())
        })
    } else {
        app.message = Said::NothingSelected;
        return;
    };
    let title = app
        .agenda()
        .get(id)
        .map(|p| p.title.clone())
        .or_else(|| session.map(|i| app.session(i).title.to_string()))
        .unwrap_or_default();
    if !super::undo::apply(app, &op) {
        app.message = Said::AlreadyPriority { title, priority };
        return;
    }
    app.message = match &op {
        Op::Pick(_) => Said::PickedAs { title, priority },
        _ => Said::PriorityNow { title, priority },
    };
    effects.push(Effect::Save(op));
}

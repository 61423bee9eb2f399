//! `u`: the last pick, unpick, priority change, accepted move or change to the rooms hidden
//! taken back (up to [`UNDO_DEPTH`] of them), saved like any other change.

use crate::agenda::Op;
use crate::tui::action::Effect;
use crate::tui::app::App;
pub(super) use crate::tui::app::Undo;
use crate::tui::said::{Said, Undone};

/// How many changes `u` can take back.
pub(crate) const UNDO_DEPTH: usize = 100;

/// Applies `op` to the picks (through the planner), remembering how to take it back; whether
/// it changed anything.
pub(super) fn apply(app: &mut App, op: &Op) -> bool {
    let inverse = inverse(app, op);
    if !app.apply(op) {
        return false;
    }
    super::filters::follow_picks(app);
    if let Some(inv) = inverse {
        remember(app, Undo::Picks(inv));
    }
    true
}

/// Keeps how to take a change back, the oldest let go past [`UNDO_DEPTH`].
pub(super) fn remember(app: &mut App, how: Undo) {
    app.undo.push(how);
    if app.undo.len() > UNDO_DEPTH {
        app.undo.remove(0);
    }
}

/// The change that takes `op` back, as the agenda is before it.
fn inverse(app: &App, op: &Op) -> Option<Op> {
    match op {
        Op::Pick(p) => Some(Op::Unpick(p.id.clone())),
        Op::Unpick(id) | Op::Missed(id) => app.agenda().get(id).cloned().map(Op::Pick),
        Op::Update(p) => app.agenda().get(&p.id).cloned().map(Op::Update),
        Op::Priority(id, _) => app
            .agenda()
            .get(id)
            .map(|old| Op::Priority(id.clone(), old.priority)),
        Op::AddEvent(e) => Some(Op::RemoveEvent(e.id.clone())),
        Op::RemoveEvent(id) => app.agenda().event(id).cloned().map(Op::AddEvent),
        Op::Watch(w) => Some(Op::Unwatch(w.clone())),
        Op::Unwatch(w) => Some(Op::Watch(w.clone())),
        Op::Exported(..) | Op::Follow { .. } => None,
    }
}

/// `u`: takes the last change back.
pub(super) fn undo(app: &mut App, effects: &mut Vec<Effect>) {
    let op = match app.undo.pop() {
        None => {
            app.message = Said::NothingToUndo;
            return;
        }
        Some(Undo::Rooms(hidden)) => {
            let mut lens = app.lens.clone();
            lens.hidden_rooms = hidden;
            app.set_lens(lens);
            super::nav::ensure_visible(app);
            effects.push(Effect::SaveHiddenRooms(app.lens.hidden_rooms.clone()));
            app.message = Said::Undone {
                what: Undone::Rooms {
                    hidden: app.lens.hidden_rooms.len(),
                },
                left: app.undo.len(),
            };
            return;
        }
        Some(Undo::Picks(op)) => op,
    };
    let title = |id: &str| {
        app.agenda()
            .get(id)
            .map_or(id.to_string(), |p| p.title.clone())
    };
    let what = match &op {
        Op::Pick(p) => Undone::PickedAgain {
            title: p.title.clone(),
        },
        Op::Unpick(id) => Undone::Unpicked { title: title(id) },
        Op::Update(p) => Undone::BackInPlace {
            title: p.title.clone(),
        },
        Op::Priority(id, level) => Undone::PriorityAgain {
            title: title(id),
            priority: *level,
        },
        // Exports and a refresh's follows are never in the undo list.
        Op::Exported(id, _) => Undone::Unpicked { title: title(id) },
        Op::Follow { to, .. } => Undone::PickedAgain {
            title: to.title.clone(),
        },
        Op::AddEvent(e) => Undone::EventBack {
            title: e.title.clone(),
        },
        Op::Missed(id) => Undone::Unpicked { title: title(id) },
        Op::Watch(w) | Op::Unwatch(w) => Undone::Watch { words: w.clone() },
        Op::RemoveEvent(id) => Undone::EventGone {
            title: app
                .agenda()
                .event(id)
                .map_or(id.clone(), |e| e.title.clone()),
        },
    };
    if app.apply(&op) {
        super::filters::follow_picks(app);
        effects.push(Effect::Save(op));
    }
    let left = app.undo.len();
    app.message = Said::Undone { what, left };
}

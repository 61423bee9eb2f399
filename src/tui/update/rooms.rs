//! Going to a room by typing part of its name (`R`): the first room of the day whose name
//! begins with what was typed, else the first that holds it, case and accents aside; at the time
//! one is at.

use super::nav::{at_minute, land, leave_here};
use crate::tui::action::Command;
use crate::tui::app::{App, Mode};
use crate::tui::line::LineEdit;
use crate::tui::said::Said;

/// A command while typing a room's name.
pub(super) fn command(app: &mut App, c: Command, mut name: LineEdit) {
    match c {
        Command::Submit => {
            app.mode = Mode::Grid;
            go(app, name.text());
        }
        Command::Close => app.mode = Mode::Grid,
        other => {
            if let Some(e) = super::prompt::edit_of(other) {
                name.apply(e);
            }
            app.mode = Mode::Room { name };
        }
    }
}

/// A room of the day's schedule the grid leaves out that `typed` names: its name, and whether
/// it is hidden (else only the tracks or languages shown leave it empty).
fn left_out(app: &App, typed: &str) -> Option<(String, bool)> {
    let want = crate::text::fold(typed.trim());
    let date = app.day_index()?.date;
    let (_, all) = app.planner.days().iter().find(|(d, _)| *d == date)?;
    let rooms = all.iter().filter_map(|&i| app.session(i).room.as_deref());
    let mut names: Vec<&str> = rooms.collect();
    names.sort_unstable();
    names.dedup();
    let folded = |n: &&str| crate::text::fold(n);
    let room = names
        .iter()
        .find(|n| folded(n).starts_with(&want))
        .or_else(|| names.iter().find(|n| folded(n).contains(&want)))?;
    Some((room.to_string(), app.lens.hides_room(room)))
}

/// The column of the room `typed` names, at the time one is at.
fn go(app: &mut App, typed: &str) {
    if typed.trim().is_empty() {
        return;
    }
    let Some(&col) = app.rooms_named(typed).first() else {
        app.message = match left_out(app, typed) {
            Some((name, hidden)) => Said::RoomLeftOut { name, hidden },
            None => Said::NoRoomNamed {
                typed: typed.to_string(),
                rooms: app
                    .day_index()
                    .map(|d| d.columns.iter().map(|c| c.name.clone()).collect())
                    .unwrap_or_default(),
            },
        };
        return;
    };
    let Some(room) = app
        .day_index()
        .and_then(|d| d.columns.get(col))
        .map(|c| c.name.clone())
    else {
        return;
    };
    // At the time one is at: the session running then, else that room's gap.
    leave_here(app);
    let m = at_minute(app);
    land(app, col, m);
    if app.selected.is_some() {
        app.message = Said::AtRoom { name: room };
    }
}

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

/// The column of the room `typed` names, and its session nearest the selected time.
fn go(app: &mut App, typed: &str) {
    let want = crate::text::fold(typed.trim());
    if want.is_empty() {
        return;
    }
    let Some(day) = app.day_index() else { return };
    let names: Vec<String> = day
        .columns
        .iter()
        .map(|c| crate::text::fold(&c.name))
        .collect();
    let found = names
        .iter()
        .position(|n| n.starts_with(&want))
        .or_else(|| names.iter().position(|n| n.contains(&want)));
    let Some(col) = found else {
        let rooms = day.columns.iter().map(|c| c.name.clone()).collect();
        app.message = Said::NoRoomNamed {
            typed: typed.to_string(),
            rooms,
        };
        return;
    };
    let room = day.columns[col].name.clone();
    // At the time one is at: the session running then, else that room's gap.
    leave_here(app);
    let m = at_minute(app);
    land(app, col, m);
    if app.selected.is_some() {
        app.message = Said::AtRoom { name: room };
    }
}

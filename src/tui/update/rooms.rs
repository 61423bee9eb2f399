//! Going to a room by typing part of its name (`R`): the first room of the day whose name
//! begins with what was typed, else the first that holds it, case and accents aside.

use super::nav::{column_sessions, ensure_visible, minute_of};
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
    let at = app.selected.map_or(0, |i| minute_of(app, i).0);
    // The session running at the selected time, else the one starting nearest to it.
    let pick = column_sessions(app, col).iter().copied().min_by_key(|&x| {
        let (s, e) = minute_of(app, x);
        if s <= at && at < e {
            0
        } else {
            (s - at).abs() + 1
        }
    });
    app.column = col;
    if let Some(x) = pick {
        app.selected = Some(x);
    }
    ensure_visible(app);
    app.message = Said::AtRoom { name: room };
}

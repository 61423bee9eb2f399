//! Narrowing the list in front by typing (`/` in a chooser or the help): the list behind narrows
//! as each character comes, the arrows move in it, Enter keeps the filter, Esc clears it.

use crate::tui::action::Command;
use crate::tui::app::{App, Mode};
use crate::tui::line::{Edit, LineEdit};

/// `/`: typing starts, over the list as it is.
pub(super) fn start(app: &mut App) {
    let back = Box::new(std::mem::replace(&mut app.mode, Mode::Grid));
    app.mode = Mode::Filter {
        line: app.list_filter.clone(),
        back,
    };
}

/// A character typed or an edit: the list narrows, its cursor back at the top.
pub(super) fn edit(app: &mut App, mut line: LineEdit, back: Mode, e: Edit) {
    line.apply(e);
    app.list_filter = line.clone();
    app.lay_out_agenda();
    let back = match to_top(back) {
        // The agenda's cursor is a pick: the first one shown.
        Mode::Agenda { .. } => Mode::Agenda {
            cursor: app.agenda_rows.shown().first().copied().unwrap_or(0),
        },
        other => other,
    };
    app.mode = Mode::Filter {
        line,
        back: Box::new(back),
    };
}

/// The list's own mode with its cursor (or scroll) at the first line.
fn to_top(mode: Mode) -> Mode {
    match mode {
        Mode::Choose { list, .. } => Mode::Choose { list, cursor: 0 },
        Mode::Help { .. } => Mode::Help { scroll: 0 },
        Mode::Plan { .. } => Mode::Plan { cursor: 0 },
        Mode::NowNext { .. } => Mode::NowNext { cursor: 0 },
        Mode::Changes { .. } => Mode::Changes { cursor: 0 },
        Mode::Fits {
            start, end, back, ..
        } => Mode::Fits {
            start,
            end,
            cursor: 0,
            back,
        },
        other => other,
    }
}

/// A command while typing the filter.
pub(super) fn command(app: &mut App, c: Command, line: LineEdit, back: Box<Mode>) {
    match c {
        // Enter: the filter stays, the keys are the list's again (Space marks, j/k move).
        Command::Submit => app.mode = *back,
        Command::Close => {
            app.clear_list_filter();
            app.mode = to_top(*back);
            app.clamp_agenda_cursor();
        }
        Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
            // Moves in the list behind, the line kept.
            app.mode = *back;
            super::command(app, c, &mut Vec::new());
            let back = Box::new(std::mem::replace(&mut app.mode, Mode::Grid));
            app.mode = Mode::Filter { line, back };
        }
        other => match super::prompt::edit_of(other) {
            Some(e) => edit(app, line, *back, e),
            None => app.mode = Mode::Filter { line, back },
        },
    }
}

//! The prompt line's export: the path typed and edited, and the question before a file is
//! replaced.

use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Mode};
use crate::tui::line::{Edit, LineEdit};
use crate::tui::said::Said;

/// The edit a command makes to the prompt line, if it is one.
pub(super) fn edit_of(c: Command) -> Option<Edit> {
    Some(match c {
        Command::Backspace => Edit::Backspace,
        Command::DeleteForward => Edit::Delete,
        Command::CursorLeft => Edit::Left,
        Command::CursorRight => Edit::Right,
        Command::LineStart => Edit::Home,
        Command::LineEnd => Edit::End,
        Command::KillToStart => Edit::KillToStart,
        Command::KillWord => Edit::KillWord,
        _ => return None,
    })
}

pub(super) fn start_export(app: &mut App, plan: bool) {
    // `~` is expanded by the edge when writing; update reads no environment.
    let path = format!(
        "~/{}-{}.ics",
        crate::text::file_stem(&app.schedule().conference.id),
        if plan { "plan" } else { "agenda" }
    );
    app.export_plan = plan;
    let from = std::mem::replace(&mut app.mode, Mode::Export { path: path.into() });
    *app.export_from = from;
}

/// Back to the screen the export was started from (kept: the edge may still ask before
/// replacing a file, and that question returns there too).
fn back(app: &mut App) {
    app.mode = (*app.export_from).clone();
}

/// An edit of the export path.
pub(super) fn edit(app: &mut App, mut path: LineEdit, e: Edit) {
    path.apply(e);
    app.mode = Mode::Export { path };
}

pub(super) fn export(app: &mut App, c: Command, path: LineEdit, effects: &mut Vec<Effect>) {
    match c {
        Command::Submit => {
            back(app);
            if !path.text().trim().is_empty() {
                effects.push(Effect::Export {
                    path: path.text().trim().to_string(),
                    replace: false,
                    plan: app.export_plan,
                });
            }
        }
        Command::Close => {
            back(app);
            app.message = Said::ExportCancelled;
        }
        other => match edit_of(other) {
            Some(e) => edit(app, path, e),
            None => app.mode = Mode::Export { path },
        },
    }
}

/// "Replace it?": yes exports over the file; no goes back to the path to change it.
pub(super) fn confirm_replace(app: &mut App, c: Command, path: String, effects: &mut Vec<Effect>) {
    match c {
        Command::Confirm => {
            back(app);
            effects.push(Effect::Export {
                path,
                replace: true,
                plan: app.export_plan,
            });
        }
        Command::Close => {
            app.message = Said::NotReplaced;
            app.mode = Mode::Export { path: path.into() };
        }
        _ => app.mode = Mode::ConfirmReplace { path },
    }
}

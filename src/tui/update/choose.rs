//! The choosers: which tracks and languages the grid shows (several at once) and which rooms it hides
//! (remembered per conference through an effect). Each mark changes the grid behind at once.

use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Chooser, Mode};
use crate::tui::choose_rows::{rows, shown};
use crate::tui::said::Said;

/// Opens a chooser, its cursor on the line of the selected session's track or room.
pub(super) fn open(app: &mut App, list: Chooser) {
    app.clear_list_filter();
    let lines = rows(app, list);
    if lines.is_empty() {
        app.message = match list {
            Chooser::Tracks => Said::NoTracks,
            Chooser::Languages => Said::NoLanguages,
            Chooser::Types => Said::NoTypes,
            Chooser::Rooms => Said::NoRooms,
        };
        return;
    }
    let here = app.selected_session().map(|s| match list {
        Chooser::Tracks => s.track.clone(),
        Chooser::Languages => s.language.clone(),
        Chooser::Types => s.session_type.clone(),
        Chooser::Rooms => s.room.clone(),
    });
    let cursor = here
        .and_then(|k| lines.iter().position(|r| r.key.as_deref() == k.as_deref()))
        .unwrap_or(0);
    app.mode = Mode::Choose { list, cursor };
}

pub(super) fn command(
    app: &mut App,
    c: Command,
    (list, cursor): (Chooser, usize),
    effects: &mut Vec<Effect>,
) {
    let lines = shown(app, list);
    let to = |cursor: usize| Mode::Choose { list, cursor };
    if let Some(cursor) = super::list::moved(c, cursor, lines.len(), super::list::page(app)) {
        app.mode = to(cursor);
        return;
    }
    match c {
        Command::Close
        | Command::ChooseTracks
        | Command::ChooseLanguages
        | Command::ChooseTypes
        | Command::ChooseRooms => {
            app.clear_list_filter();
            app.mode = Mode::Grid;
            super::nav::ensure_visible(app);
        }
        Command::TogglePick => {
            if let Some(row) = lines.get(cursor) {
                toggle(
                    app,
                    list,
                    std::slice::from_ref(&row.key),
                    !row.marked,
                    effects,
                );
            }
        }
        Command::StartFilter => super::filter::start(app),
        Command::ToggleAll => {
            let keys: Vec<Option<String>> = lines.iter().map(|r| r.key.clone()).collect();
            let all = lines.iter().all(|r| r.marked);
            toggle(app, list, &keys, !all, effects);
        }
        _ => {}
    }
}

/// Marks (or unmarks) these lines, lays the grid out again and says what it shows.
fn toggle(
    app: &mut App,
    list: Chooser,
    keys: &[Option<String>],
    mark: bool,
    effects: &mut Vec<Effect>,
) {
    let mut lens = app.lens.clone();
    for key in keys {
        match (list, key) {
            (Chooser::Tracks, _) if mark => drop(lens.tracks.insert(key.clone())),
            (Chooser::Tracks, _) => drop(lens.tracks.remove(key)),
            (Chooser::Languages, _) if mark => drop(lens.languages.insert(key.clone())),
            (Chooser::Languages, _) => drop(lens.languages.remove(key)),
            (Chooser::Types, _) if mark => drop(lens.types.insert(key.clone())),
            (Chooser::Types, _) => drop(lens.types.remove(key)),
            (Chooser::Rooms, Some(room)) if mark => drop(lens.hidden_rooms.remove(room)),
            (Chooser::Rooms, Some(room)) => drop(lens.hidden_rooms.insert(room.clone())),
            (Chooser::Rooms, None) => {}
        }
    }
    let rooms_changed = lens.hidden_rooms != app.lens.hidden_rooms;
    if rooms_changed {
        // u shows them again.
        let before = app.lens.hidden_rooms.clone();
        super::undo::remember(app, super::undo::Undo::Rooms(before));
    }
    app.set_lens(lens);
    if rooms_changed {
        effects.push(Effect::SaveHiddenRooms(app.lens.hidden_rooms.clone()));
    }
    app.message = Said::LensShows(crate::tui::choose_rows::left_out(app));
}

//! The chooser's lines: the schedule's tracks ("(no track)" too when some talks have none), its
//! languages ("(not given)" too) or its rooms, each with how many sessions it holds and whether it is marked. `update` and the
//! view read the same lines; the counts ([`crate::model::Catalogue`]) are made once per schedule.

use super::app::{App, Chooser};
use super::said::Narrowed;

/// A line of a chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    /// The track (`None`: no track) or the room.
    pub key: Option<String>,
    pub label: String,
    pub sessions: usize,
    pub marked: bool,
}

/// The lines of a chooser. Tracks are marked when chosen (none marked shows every track);
/// rooms are marked when shown.
pub fn rows(app: &App, list: Chooser) -> Vec<ChoiceRow> {
    match list {
        Chooser::Tracks => app
            .catalogue
            .tracks
            .iter()
            .map(|(t, n)| ChoiceRow {
                key: t.clone(),
                label: t.clone().unwrap_or_else(|| "(no track)".into()),
                sessions: *n,
                marked: app.lens.tracks.contains(t),
            })
            .collect(),
        Chooser::Languages => app
            .catalogue
            .languages
            .iter()
            .map(|(l, n)| ChoiceRow {
                key: l.clone(),
                label: l
                    .as_deref()
                    .map_or_else(|| "(not given)".into(), crate::text::language_label),
                sessions: *n,
                marked: app.lens.languages.contains(l),
            })
            .collect(),
        Chooser::Types => app
            .catalogue
            .types
            .iter()
            .map(|(t, n)| ChoiceRow {
                key: t.clone(),
                label: t.clone().unwrap_or_else(|| "(not given)".into()),
                sessions: *n,
                marked: app.lens.types.contains(t),
            })
            .collect(),
        Chooser::Rooms => app
            .catalogue
            .rooms
            .iter()
            .map(|(r, n)| ChoiceRow {
                key: Some(r.clone()),
                label: r.clone(),
                sessions: *n,
                marked: !app.lens.hidden_rooms.contains(r),
            })
            .collect(),
    }
}

/// The lines of a chooser that hold what is typed after `/` (case and accents aside): what the
/// cursor moves over and marks.
pub fn shown(app: &App, list: Chooser) -> Vec<ChoiceRow> {
    let all = rows(app, list);
    let want = crate::text::fold(app.list_filter.text().trim());
    if want.is_empty() {
        return all;
    }
    all.into_iter()
        .filter(|r| crate::text::fold(&r.label).contains(&want))
        .collect()
}

/// What the chooser's title says: how many lines are marked, and what that shows.
pub fn title(list: Chooser, rows: &[ChoiceRow]) -> String {
    let marked = rows.iter().filter(|r| r.marked).count();
    match list {
        Chooser::Tracks if marked == 0 => {
            format!(" Tracks: all {} shown ", rows.len())
        }
        Chooser::Tracks => format!(" Tracks: {marked} of {} shown ", rows.len()),
        Chooser::Languages if marked == 0 => {
            format!(" Languages: all {} shown ", rows.len())
        }
        Chooser::Languages => format!(" Languages: {marked} of {} shown ", rows.len()),
        Chooser::Types if marked == 0 => format!(" Kinds: all {} shown ", rows.len()),
        Chooser::Types => format!(" Kinds: {marked} of {} shown ", rows.len()),
        Chooser::Rooms => format!(" Rooms: {marked} of {} shown ", rows.len()),
    }
}

/// "3 of 30 tracks, 2 rooms hidden": what the grid leaves out, for the status line (`None` when
/// it shows everything).
pub fn lens_note(app: &App) -> Option<String> {
    let n = left_out(app);
    (!n.is_nothing()).then(|| crate::tui::said::lens_note(n))
}

/// What the lens leaves out: the tracks and languages shown of how many (when some are
/// chosen), and how many rooms are hidden.
pub fn left_out(app: &App) -> Narrowed {
    let tracks = (!app.lens.tracks.is_empty())
        .then_some((app.lens.tracks.len(), app.catalogue.tracks.len()));
    let languages = (!app.lens.languages.is_empty())
        .then_some((app.lens.languages.len(), app.catalogue.languages.len()));
    let types =
        (!app.lens.types.is_empty()).then_some((app.lens.types.len(), app.catalogue.types.len()));
    let hidden = app
        .catalogue
        .rooms
        .iter()
        .filter(|(r, _)| app.lens.hidden_rooms.contains(r))
        .count();
    Narrowed {
        tracks,
        languages,
        types,
        rooms_hidden: hidden,
        picks_only: app.lens.only_ids.is_some(),
        now_next: app.lens.window.is_some(),
    }
}

//! Search: matches as the person types (narrowing, Backspace restoring), and n/N through them
//! in time order.

use super::nav::{leave_here, select_session, show_session};
use crate::tui::said::Said;
use std::ops::Not;

use crate::model::search::{Found, Query};
use crate::tui::action::Command;
use crate::tui::app::{App, Matches, Mode};
use crate::tui::line::Edit;

/// A command while typing the search.
pub(super) fn command(app: &mut App, c: Command) {
    match c {
        Command::Submit => {
            app.mode = Mode::Grid;
            match app.ranked.get(app.result).copied() {
                Some(i) if !app.shows(i) => show_session(app, i),
                Some(i) => {
                    leave_here(app);
                    select_session(app, i);
                    app.message = Said::SearchAt {
                        at: app.result + 1,
                        of: app.ranked.len(),
                        query: app.query.text().to_string(),
                    };
                }
                // No match: the same sentence n gives.
                None if !app.query.is_empty() => next_match(app, true),
                None => {}
            }
        }
        Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
            // The results list shows eight at a time.
            app.result = super::list::moved(c, app.result, app.ranked.len(), 8).unwrap_or(0);
        }
        Command::Close => {
            app.query.clear();
            app.matches.clear();
            app.ranked.clear();
            app.earlier_matches.clear();
            app.mode = Mode::Grid;
        }
        other => {
            if let Some(e) = super::prompt::edit_of(other) {
                edit(app, e);
            }
        }
    }
}

/// An edit of the query: typing at the end narrows the matches, Backspace at the end restores
/// the wider ones, any other edit matches again.
pub(super) fn edit(app: &mut App, edit: Edit) {
    let at_end = app.query.at_end();
    let narrowing = at_end && matches!(edit, Edit::Insert(_));
    let widening = at_end && edit == Edit::Backspace;
    // A longer query matches a subset: look only among the current matches.
    let narrow_from = (narrowing && !app.query.is_empty()).then(|| app.matches.clone());
    let before = std::mem::take(&mut app.matches);
    if !app.query.apply(edit) {
        app.matches = before;
        return;
    }
    if narrowing {
        app.earlier_matches.push(before);
        refresh_matches(app, narrow_from);
    } else if widening && let Some(earlier) = app.earlier_matches.pop() {
        app.matches = earlier;
        rerank(app);
    } else {
        // An edit inside the line: match again from the whole schedule.
        app.earlier_matches.clear();
        refresh_matches(app, None);
    }
}

/// Schedules larger than this wait for the search index rather than being read on a key.
pub(super) const READ_AT_MOST: usize = 5_000;

/// The matches of the query: from the search index once the edge has built it, else by reading
/// the sessions (among `within`, the matches of a shorter query, when given) when there are few
/// enough to read within a frame; a larger schedule's matches come with its index.
pub(super) fn refresh_matches(app: &mut App, within: Option<Matches>) {
    let q = Query::new(app.query.text());
    let schedule = std::sync::Arc::clone(app.schedule());
    let sessions = &schedule.sessions;
    app.searching =
        q.is_empty().not() && app.search_index.is_none() && sessions.len() > READ_AT_MOST;
    let found: Vec<Found> = match (&app.search_index, within) {
        _ if q.is_empty() || app.searching => Vec::new(),
        (Some(index), _) => index.find(&q),
        (None, Some(prev)) => prev
            .into_iter()
            .filter_map(|i| {
                q.hits(&sessions[i])
                    .map(|strong| Found { session: i, strong })
            })
            .collect(),
        (None, None) => (0..sessions.len())
            .filter_map(|i| {
                q.hits(&sessions[i])
                    .map(|strong| Found { session: i, strong })
            })
            .collect(),
    };
    app.matches = found.iter().map(|f| f.session).collect();
    app.ranked = rank(&found);
    app.result = 0;
}

/// The results list again for the matches there are (after Backspace restored wider ones).
fn rerank(app: &mut App) {
    let q = Query::new(app.query.text());
    let found: Vec<Found> = match &app.search_index {
        Some(index) if !q.is_empty() => index.find(&q),
        _ => app
            .matches
            .clone()
            .into_iter()
            .filter_map(|i| {
                q.hits(&app.schedule().sessions[i])
                    .map(|strong| Found { session: i, strong })
            })
            .collect(),
    };
    app.ranked = rank(&found);
    app.result = 0;
}

/// Title and speaker matches first, then the rest; each in time order (sessions are).
fn rank(found: &[Found]) -> Vec<usize> {
    let strong = found.iter().filter(|f| f.strong).map(|f| f.session);
    let weak = found.iter().filter(|f| !f.strong).map(|f| f.session);
    strong.chain(weak).collect()
}

/// Selects the next (or previous) match in time order, wrapping around (to the selection
/// itself when it is the only match).
pub(super) fn next_match(app: &mut App, forward: bool) {
    if app.query.is_empty() {
        app.message = Said::NoSearch;
        return;
    }
    if app.matches.is_empty() {
        app.message = Said::NoMatch {
            query: app.query.text().to_string(),
        };
        return;
    }
    let n = app.schedule().sessions.len();
    let from = app.selected.unwrap_or(0);
    // Offsets from the selection: n last (itself again).
    let found = (1..n + 1)
        .map(|k| {
            let i = if forward {
                (from + k) % n
            } else {
                (from + n - k % n) % n
            };
            (k, i)
        })
        .find(|(_, i)| app.matches.contains(i) && app.shows(*i));
    let Some((k, i)) = found else {
        app.message = Said::MatchesLeftOut {
            count: app.matches.len(),
            query: app.query.text().to_string(),
        };
        return;
    };
    let wrapped = if forward {
        from + k >= n || k == n
    } else {
        k > from || k == n
    };
    // Like vim's n: a jump Ctrl-O comes back from.
    leave_here(app);
    select_session(app, i);
    app.message = Said::Matches {
        at: app.matches.position(i).map_or(0, |k| k + 1),
        count: app.matches.len(),
        query: app.query.text().to_string(),
        wrapped,
    };
}

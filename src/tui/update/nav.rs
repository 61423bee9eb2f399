//! Moving around the grid: between rooms and sessions, pages, days, "now", clicks, and keeping
//! the selection on screen.

use crate::text;
use crate::tui::app::{App, Mode};
use crate::tui::geometry::{AXIS_W, Geometry, boxes, head};
use crate::tui::said::{LeftOut, Said};

pub(super) fn column_sessions(app: &App, column: usize) -> &[usize] {
    app.day_index()
        .and_then(|d| d.columns.get(column))
        .map_or(&[][..], |c| c.sessions.as_slice())
}

pub(super) fn minute_of(app: &App, i: usize) -> (i64, i64) {
    let s = app.session(i);
    app.day_index()
        .map_or((0, 0), |d| (d.minute(&s.start), d.minute(&s.end)))
}

/// Shows a session chosen in a list: in the grid when the grid shows it, else (its track or
/// room left out) in its details, saying why.
pub(super) fn show_session(app: &mut App, i: usize) {
    select_session(app, i);
    if app.shows(i) {
        app.mode = Mode::Grid;
        return;
    }
    app.mode = Mode::Detail { scroll: 0 };
    let s = app.session(i);
    app.message = Said::NotInGrid(
        if s.room.as_deref().is_some_and(|r| app.lens.hides_room(r)) {
            LeftOut::RoomHidden
        } else if !app.lens.languages.is_empty() && !app.lens.languages.contains(&s.language) {
            LeftOut::LanguageNotShown
        } else {
            LeftOut::TrackNotShown
        },
    );
}

/// Selects a session: switches day and column if needed, and scrolls it into view.
pub(super) fn select_session(app: &mut App, i: usize) {
    let day = app.session(i).day;
    if app.day_index().is_none_or(|d| d.date != day)
        && let Some(k) = app.days.iter().position(|d| d.date == day)
    {
        app.day = k;
        app.relayout();
    }
    if let Some(range) = app
        .day_index()
        .and_then(|d| d.columns_of(app.schedule(), i))
        && !range.contains(&app.column)
    {
        app.column = range.start;
    }
    app.selected = Some(i);
    if app.shows(i) {
        ensure_visible(app);
    }
}

pub(super) fn step(app: &mut App, dir: isize) {
    let list = column_sessions(app, app.column);
    if list.is_empty() {
        return;
    }
    let next = match app.selected.and_then(|s| list.iter().position(|&x| x == s)) {
        Some(p) => p.checked_add_signed(dir).filter(|&p| p < list.len()),
        None => {
            // Nothing in this column selected: start from the top of the view.
            let m = app.timeline().minute_at(app.scroll_row);
            Some(
                list.iter()
                    .position(|&x| minute_of(app, x).1 > m)
                    .unwrap_or(0),
            )
        }
    };
    if let Some(p) = next {
        let i = list[p];
        app.selected = Some(i);
        ensure_visible(app);
    }
}

pub(super) fn select_nth(app: &mut App, nth: Option<usize>) {
    let list = column_sessions(app, app.column);
    let pick = match nth {
        Some(n) => list.get(n),
        None => list.last(),
    };
    if let Some(&i) = pick {
        app.selected = Some(i);
        ensure_visible(app);
    }
}

pub(super) fn page(app: &mut App, dir: i64) {
    let rows = i64::from(Geometry::of(app).body_h.max(2) - 1);
    let delta = rows * app.per_row() * dir;
    let list = column_sessions(app, app.column);
    let Some(&first) = list.first() else { return };
    let from = app
        .selected
        .map_or(minute_of(app, first).0, |s| minute_of(app, s).0);
    let target = from + delta;
    let found = if dir > 0 {
        list.iter()
            .copied()
            .find(|&x| minute_of(app, x).0 >= target)
            .or(list.last().copied())
    } else {
        list.iter()
            .rev()
            .copied()
            .find(|&x| minute_of(app, x).0 <= target)
            .or(Some(first))
    };
    app.selected = found;
    // Scroll by a page even when the selection cannot move that far.
    let scroll = i64::try_from(app.scroll_row).unwrap_or(0) + rows * dir;
    let max = app
        .timeline()
        .rows()
        .saturating_sub(usize::from(Geometry::of(app).body_h));
    app.scroll_row = usize::try_from(scroll.max(0)).unwrap_or(0).min(max);
    ensure_visible(app);
}

/// Moves to the neighbouring room's session that overlaps the selected time, skipping rooms
/// with nothing then.
pub(super) fn sideways(app: &mut App, right: bool) {
    let Some(day) = app.day_index() else { return };
    let ncols = day.columns.len();
    let (s, e) = app.selected.map_or_else(
        || {
            let m = app.timeline().minute_at(app.scroll_row);
            (m, m + 1)
        },
        |i| minute_of(app, i),
    );
    let mid = (s, e.max(s + 1));
    let mut c = app.column;
    loop {
        c = match (right, c) {
            (true, c) if c + 1 < ncols => c + 1,
            (false, c) if c > 0 => c - 1,
            _ => {
                app.message = Said::NoSessionThere;
                return;
            }
        };
        let best = column_sessions(app, c)
            .iter()
            .copied()
            .filter(|&x| !app.session(x).kind.spans_rooms() || Some(x) == app.selected)
            .map(|x| {
                let (xs, xe) = minute_of(app, x);
                (crate::model::overlap::overlap(mid, (xs, xe)), x)
            })
            .filter(|(o, _)| *o > 0)
            .max_by_key(|(o, x)| (*o, std::cmp::Reverse(*x)));
        if let Some((_, x)) = best {
            app.column = c;
            app.selected = Some(x);
            ensure_visible(app);
            return;
        }
    }
}

pub(super) fn switch_day(app: &mut App, dir: isize) {
    let n = app.days.len();
    if n < 2 {
        app.message = Said::OneDay;
        return;
    }
    let time = app.selected.map(|i| app.session(i).start.time());
    app.day = (app.day as isize + dir).rem_euclid(n as isize) as usize;
    app.relayout();
    clamp_columns(app);
    let list = column_sessions(app, app.column);
    let pick = time
        .and_then(|t| {
            list.iter()
                .copied()
                .find(|&x| app.session(x).end.time() > t)
        })
        .or_else(|| list.first().copied());
    app.selected = pick;
    app.scroll_row = 0;
    ensure_visible(app);
}

/// The conference day "now" belongs to: the day whose sessions span it (a talk at 00:15 after
/// the first evening belongs to the first day), else the day of its date.
/// Every session counts, whatever the grid shows.
pub(super) fn day_of_now(app: &App, now: &crate::model::Stamp) -> Option<usize> {
    let at = now.timestamp();
    let bounds = |all: &[usize]| {
        let first = all.first().map(|&i| app.session(i).start.timestamp());
        let last = all.iter().map(|&i| app.session(i).end.timestamp()).max();
        first.zip(last)
    };
    let days = app.planner.days();
    // The day holding now; when two do (a night event of the day before still running), the
    // one that started last. Else the next day to start.
    let holding = (0..days.len())
        .filter_map(|k| bounds(&days[k].1).map(|b| (k, b)))
        .filter(|&(_, (first, last))| first <= at && at < last)
        .max_by_key(|&(_, (first, _))| first)
        .map(|(k, _)| k);
    holding.or_else(|| {
        (0..days.len())
            .filter_map(|k| bounds(&days[k].1).map(|(first, _)| (k, first)))
            .filter(|&(_, first)| first > at)
            .min_by_key(|&(_, first)| first)
            .map(|(k, _)| k)
    })
}

/// Jumps to now: its day, the session running now in this room (else the next one), with now
/// about a quarter down the grid so what comes next is on screen.
pub(super) fn jump_now(app: &mut App) {
    let now = app.now();
    let Some(k) = day_of_now(app, &now) else {
        app.message = Said::NotDuringConference {
            now: now.wall(),
            first: app.days.first().map(|d| d.date),
        };
        return;
    };
    if app.day != k {
        app.day = k;
        app.relayout();
        clamp_columns(app);
    }
    let m = app.days[k].minute(&now);
    let list = column_sessions(app, app.column);
    let running = list.iter().copied().find(|&x| {
        let (s, e) = minute_of(app, x);
        s <= m && m < e
    });
    let pick = running
        .or_else(|| list.iter().copied().find(|&x| minute_of(app, x).0 > m))
        .or_else(|| list.last().copied());
    app.selected = pick;
    app.message = Said::NowIs { at: now.wall() };
    let body = usize::from(Geometry::of(app).body_h);
    app.scroll_row = app.timeline().row_of(m).saturating_sub(body / 4);
    ensure_visible(app);
}

pub(super) fn click(app: &mut App, x: u16, y: u16) {
    let g = Geometry::of(app);
    if y < g.header_h {
        click_header(app, &g, x, y);
        return;
    }
    if y >= g.header_h + g.body_h {
        return;
    }
    let Some(rel) = g.col_at(x) else { return };
    let column = app.scroll_col + rel;
    let row = app.scroll_row + usize::from(y - g.header_h);
    let m = app.timeline().minute_at(row);
    // The same boxes the grid draws: room sessions, changeovers over this column, plenaries;
    // each list with the x where its boxes' text starts.
    let Some(day) = app.day_index() else { return };
    let first_visible =
        |range: &std::ops::Range<usize>| range.start.max(app.scroll_col) - app.scroll_col;
    let mut lists: Vec<(Vec<usize>, u16)> = Vec::new();
    if let Some(c) = day.columns.get(column) {
        lists.push((c.own.clone(), g.col_x(rel)));
    }
    for (i, range) in day.wide.iter().filter(|(_, r)| r.contains(&column)) {
        lists.push((vec![*i], g.col_x(first_visible(range))));
    }
    lists.push((day.plenaries.clone(), AXIS_W));
    let hit = lists.iter().find_map(|(list, box_x)| {
        boxes(app, list, app.scroll_row, usize::from(g.body_h))
            .into_iter()
            .find(|b| b.top <= row && row < b.bottom)
            .map(|b| {
                let dx = usize::from(x.saturating_sub(box_x + 1));
                b.session_at(row, app.scroll_row, dx, |i| text::width(&head(app, i)))
            })
    });
    if column < day.columns.len() {
        app.column = column;
    }
    match hit {
        Some(i) => {
            app.selected = Some(i);
            ensure_visible(app);
        }
        None => {
            app.message = Said::NothingInRoom {
                room: app
                    .day_index()
                    .and_then(|d| d.columns.get(column))
                    .map_or("?".into(), |c| c.name.clone()),
                at: app.day_index().map(|d| {
                    d.base_stamp
                        .plus_minutes(m)
                        .time()
                        .format("%H:%M")
                        .to_string()
                }),
            }
        }
    }
}

/// A click on "N more ▶" (right of the tab row) or "◀ more" (left of the room row): the rooms
/// off screen on that side come into view, the session there at the selected time selected.
fn click_header(app: &mut App, g: &Geometry, x: u16, y: u16) {
    let Some(n) = app.day_index().map(|d| d.columns.len()) else {
        return;
    };
    let end = (app.scroll_col + g.visible_cols).min(n);
    let more = format!(" {} more ▶", n - end);
    let more_w = u16::try_from(text::width(&more)).unwrap_or(0);
    if y == 0
        && let Some(&(k, _, _)) = crate::tui::geometry::tab_row(app, g.width)
            .days
            .iter()
            .find(|&&(_, a, b)| a <= x && x < b)
    {
        if k != app.day {
            switch_day(app, k as isize - app.day as isize);
        }
        return;
    }
    let target = if y == 0 && end < n && x >= g.width.saturating_sub(more_w) {
        end
    } else if y == 1 && app.scroll_col > 0 && x < AXIS_W {
        app.scroll_col - 1
    } else {
        return;
    };
    // The session there at the selected time when there is one; the rooms come into view
    // either way.
    let right = target >= end;
    let selected = app.selected;
    app.column = if right { target - 1 } else { target + 1 };
    sideways(app, right);
    if app.selected == selected {
        app.column = target;
        app.message = Said::NothingInRoom {
            room: app
                .day_index()
                .and_then(|d| d.columns.get(target))
                .map_or("?".into(), |c| c.name.clone()),
            at: None,
        };
    }
    ensure_visible(app);
}

pub(super) fn clamp_columns(app: &mut App) {
    let n = app.day_index().map_or(0, |d| d.columns.len());
    app.column = app.column.min(n.saturating_sub(1));
}

/// Scrolls so the selected session (and its column) are on screen.
pub(super) fn ensure_visible(app: &mut App) {
    let g = Geometry::of(app);
    let body = usize::from(g.body_h.max(1));
    let rows = app.timeline().rows();
    if let Some(i) = app.selected {
        let (s, e) = minute_of(app, i);
        let top = app.timeline().row_of(s);
        let bottom = app.timeline().row_end(e).max(top + 1);
        if top < app.scroll_row {
            app.scroll_row = top;
        } else if bottom > app.scroll_row + body {
            app.scroll_row = bottom.saturating_sub(body).min(top);
        }
    }
    app.scroll_row = app.scroll_row.min(rows.saturating_sub(body));
    if app.column < app.scroll_col {
        app.scroll_col = app.column;
    } else if app.column >= app.scroll_col + g.visible_cols {
        app.scroll_col = app.column + 1 - g.visible_cols;
    }
    let ncols = app.day_index().map_or(0, |d| d.columns.len());
    app.scroll_col = app.scroll_col.min(ncols.saturating_sub(g.visible_cols));
}

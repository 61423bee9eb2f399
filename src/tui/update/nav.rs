//! Moving around the grid: between rooms and sessions, pages, days, "now", clicks, and keeping
//! the selection on screen.

use crate::text;
use crate::tui::app::{App, Mode};
use crate::tui::geometry::{AXIS_W, Geometry, boxes, head};
use crate::tui::place::At;
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
    leave_here(app);
    select_session(app, i);
    if app.shows(i) {
        app.mode = Mode::Grid;
        return;
    }
    app.mode = Mode::Detail { scroll: 0 };
    let s = app.session(i);
    let lens = &app.lens;
    app.message = Said::NotInGrid(if s.room.as_deref().is_some_and(|r| lens.hides_room(r)) {
        LeftOut::RoomHidden
    } else if lens
        .only_ids
        .as_ref()
        .is_some_and(|ids| !ids.contains(s.id.as_str()))
    {
        LeftOut::NotPicked
    } else if lens.window.is_some_and(|(a, b)| s.end <= a || b <= s.start) {
        LeftOut::NotNow
    } else if !lens.languages.is_empty()
        && !crate::model::lens::has(&lens.languages, s.language.as_deref())
    {
        LeftOut::LanguageNotShown
    } else if !lens.types.is_empty()
        && !crate::model::lens::has(&lens.types, s.session_type.as_deref())
    {
        LeftOut::TypeNotShown
    } else {
        LeftOut::TrackNotShown
    });
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
            // In a gap (or nothing selected here): the next session after the time one is at,
            // or the last before it.
            let m = at_minute(app);
            if dir > 0 {
                list.iter()
                    .position(|&x| minute_of(app, x).1 > m)
                    .or(Some(list.len() - 1))
            } else {
                list.iter()
                    .rposition(|&x| minute_of(app, x).0 < m)
                    .or(Some(0))
            }
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

/// A screen (or, `half`, half a screen) earlier or later: the view scrolls by that much and the
/// selection follows to the session in this room nearest that far away.
pub(super) fn page(app: &mut App, dir: i64, half: bool) {
    let screen = i64::from(Geometry::of(app).body_h.max(2) - 1);
    let rows = if half { (screen / 2).max(1) } else { screen };
    let delta = rows * app.per_row() * dir;
    let target = at_minute(app) + delta;
    let list = column_sessions(app, app.column);
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
            .or(list.first().copied())
    };
    if found.is_some() {
        app.selected = found;
    }
    // Scroll by a page even when the selection cannot move that far.
    let scroll = i64::try_from(app.scroll_row).unwrap_or(0) + rows * dir;
    let max = app
        .timeline()
        .rows()
        .saturating_sub(usize::from(Geometry::of(app).body_h));
    app.scroll_row = usize::try_from(scroll.max(0)).unwrap_or(0).min(max);
    ensure_visible(app);
}

/// The minute the person is at: the sticky time while the selection is still the one it was
/// set with; else the selected session's start (the top of the view when the session began above
/// it); else the top of the view.
pub(super) fn at_minute(app: &App) -> i64 {
    let top = app.timeline().minute_at(app.scroll_row);
    if let Some(at) = app
        .at
        .filter(|a| a.day == app.day && a.session == app.selected)
    {
        return at.minute;
    }
    match app.selected {
        Some(i) => {
            let (s, e) = minute_of(app, i);
            if s < top && top < e { top } else { s }
        }
        None => top,
    }
}

/// The session running at minute `m` in column `c`: the one that started last (the selected one
/// when two started together, then the first in the schedule).
fn covering(app: &App, c: usize, m: i64) -> Option<usize> {
    column_sessions(app, c)
        .iter()
        .copied()
        .filter(|&x| {
            let (s, e) = minute_of(app, x);
            s <= m && m < e
        })
        .max_by_key(|&x| {
            (
                minute_of(app, x).0,
                Some(x) == app.selected,
                std::cmp::Reverse(x),
            )
        })
}

/// The clock time of minute `m` of the day shown, as the axis writes it.
pub(super) fn clock_label(app: &App, m: i64) -> Option<String> {
    app.day_index().map(|d| {
        d.base_stamp
            .plus_minutes(m)
            .time()
            .format("%H:%M")
            .to_string()
    })
}

/// Stands in column `c` at minute `m`: on the session running then, or in the room's gap (said
/// so); the time is kept for the next `h`/`l`.
pub(super) fn land(app: &mut App, c: usize, m: i64) {
    app.column = c;
    app.selected = covering(app, c, m);
    app.at = Some(At {
        day: app.day,
        session: app.selected,
        minute: m,
    });
    if app.selected.is_none() {
        app.message = Said::NothingInRoom {
            room: app
                .day_index()
                .and_then(|d| d.columns.get(c))
                .map_or("?".into(), |col| col.name.clone()),
            at: clock_label(app, m),
        };
    }
    ensure_visible(app);
}

/// The room to the left or right, at the same time: the session running then, else the room's
/// gap. The time stays where it was, so going back returns to the same session.
pub(super) fn sideways(app: &mut App, right: bool) {
    let Some(ncols) = app.day_index().map(|d| d.columns.len()) else {
        return;
    };
    let c = match (right, app.column) {
        (true, c) if c + 1 < ncols => c + 1,
        (false, c) if c > 0 && c <= ncols => c - 1,
        _ => {
            app.message = Said::LastRoom { right };
            return;
        }
    };
    let m = at_minute(app);
    land(app, c, m);
}

/// Minute of the day `k`'s grid at `date` and `time` on the wall clock (exact across a change of
/// daylight-saving time that day).
pub(super) fn minute_on(
    app: &App,
    k: usize,
    date: chrono::NaiveDate,
    time: chrono::NaiveTime,
) -> i64 {
    let Some(d) = app.days.get(k) else { return 0 };
    let target = date.and_time(time);
    let m = (target - d.base_stamp.wall()).num_minutes();
    let got = d.base_stamp.plus_minutes(m).wall();
    m + (target - got).num_minutes()
}

/// The column of `room` on the day shown, else the current one kept in range.
fn column_named(app: &App, room: Option<&str>) -> usize {
    let columns = app.day_index().map_or(&[][..], |d| d.columns.as_slice());
    room.and_then(|r| columns.iter().position(|c| c.name == r))
        .unwrap_or(app.column)
        .min(columns.len().saturating_sub(1))
}

pub(super) fn switch_day(app: &mut App, dir: isize) {
    let n = app.days.len();
    if n < 2 {
        app.message = Said::OneDay;
        return;
    }
    let m = at_minute(app);
    let time = app.day_index().map(|d| d.base_stamp.plus_minutes(m).time());
    let room = app
        .day_index()
        .and_then(|d| d.columns.get(app.column))
        .map(|c| c.name.clone());
    app.day = (app.day as isize + dir).rem_euclid(n as isize) as usize;
    app.relayout();
    let c = column_named(app, room.as_deref());
    let date = app.days[app.day].date;
    let m = time.map_or(0, |t| minute_on(app, app.day, date, t));
    app.scroll_row = 0;
    land(app, c, m.clamp(0, app.days[app.day].end_minute.max(1) - 1));
}

/// The conference day "now" belongs to ([`crate::agenda::Planner::day_holding`]).
pub(super) fn day_of_now(app: &App, now: &crate::model::Stamp) -> Option<usize> {
    app.planner.day_holding(now)
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
    jump_now_on(app, k, &now);
}

/// [`jump_now`] once day `k` is known to be now's.
pub(super) fn jump_now_on(app: &mut App, k: usize, now: &crate::model::Stamp) {
    if app.day != k {
        app.day = k;
        app.relayout();
        clamp_columns(app);
    }
    let m = app.days[k].minute(now);
    let list = column_sessions(app, app.column);
    let running = list.iter().copied().find(|&x| {
        let (s, e) = minute_of(app, x);
        s <= m && m < e
    });
    let pick = running
        .or_else(|| list.iter().copied().find(|&x| minute_of(app, x).0 > m))
        .or_else(|| list.last().copied());
    app.selected = pick;
    // One is at now: h and l keep it (the session running then in the next room).
    app.at = Some(At {
        day: app.day,
        session: pick,
        minute: m,
    });
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
        // In each run, the lane under the mouse (the lanes share the column as drawn).
        let (x0, w) = (g.col_x(rel), g.col_width(rel).saturating_sub(1));
        for run in &c.runs {
            let n = run.len();
            let hit = (0..n).find(|&l| {
                let (lx, lw) = crate::tui::geometry::lane_span(x0, w, l, n);
                lx <= x && x < lx + lw.max(1)
            });
            if let Some(l) = hit {
                let (lx, _) = crate::tui::geometry::lane_span(x0, w, l, n);
                lists.push((run[l].clone(), lx));
            }
        }
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

/// A click on "N more ▶" (right of the tab row) or "◀ N" (left of the room row): the rooms
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
    // The session there at the time one is at, else that room's gap; the rooms come into view
    // either way.
    let m = at_minute(app);
    land(app, target, m);
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
    } else if let Some(at) = app.at.filter(|a| a.day == app.day && a.session.is_none()) {
        // The gap one stands in.
        let row = app.timeline().row_of(at.minute);
        if row < app.scroll_row {
            app.scroll_row = row;
        } else if row >= app.scroll_row + body {
            app.scroll_row = row + 1 - body;
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

/// Where the person is now, as the jump list keeps it.
pub(super) fn here(app: &App) -> Option<crate::tui::place::Place> {
    let d = app.day_index()?;
    Some(crate::tui::place::Place {
        date: d.date,
        room: d.columns.get(app.column).map(|c| c.name.clone()),
        session: app.selected.map(|i| app.session(i).id.to_string()),
        minute: at_minute(app),
        scroll: (app.scroll_row, app.scroll_col),
    })
}

/// Remembers where the person is before a jump.
pub(super) fn leave_here(app: &mut App) {
    if let Some(p) = here(app) {
        app.jumps.leave(p);
    }
}

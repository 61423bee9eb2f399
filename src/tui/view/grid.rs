//! The rooms × time grid: day tabs, room names, the time axis, session boxes whose height
//! follows their duration, plenaries across all rooms, changeovers across their rooms, folded
//! stretches and the "now" line.
//!
//! Drawn in two layers. First what lies between boxes: the axis, hour rules, folded stretches
//! and the now line. Then the boxes, each of which resets every cell it covers before drawing,
//! so a cell's style comes only from what is in it: a box's text is never restyled by a rule or
//! by now.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::put;
use crate::model::DayIndex;
use crate::presentation::plan::MINE;
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::geometry::{
    AXIS_W, Geometry, GridBox, HEADER_H, PACK_SEPARATOR, boxes, head, lane_span,
};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

/// The rows of the body on screen: first row of the timeline shown, how many, and the y of the
/// first.
#[derive(Clone, Copy)]
struct View {
    top_row: usize,
    rows: usize,
    y0: u16,
}

impl View {
    fn y(&self, row: usize) -> u16 {
        self.y0 + u16::try_from(row - self.top_row).unwrap_or(0)
    }
}

pub(super) fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.base());
    let g = Geometry {
        width: area.width,
        height: area.height + 1,
        ..Geometry::of(app)
    };
    let Some(day) = app.day_index() else {
        tabs(app, theme, area, area.right(), buf);
        put(
            buf,
            area.x + 1,
            area.y + HEADER_H,
            "This schedule has no sessions.",
            area.width,
            Style::new(),
        );
        return;
    };
    if day.columns.is_empty() {
        tabs(app, theme, area, area.right(), buf);
        let key = |c| app.keymap.hint(Context::Grid, c);
        let msg = format!(
            "Nothing this day in the tracks and rooms shown ({}: tracks, {}: rooms).",
            key(Command::ChooseTracks),
            key(Command::ChooseRooms)
        );
        put(
            buf,
            area.x + 1,
            area.y + HEADER_H,
            &msg,
            area.width - 1,
            Style::new(),
        );
        return;
    }
    let cols = app.scroll_col..(app.scroll_col + g.visible_cols).min(day.columns.len());
    let tabs_end = more_rooms(day, &cols, theme, area, buf);
    tabs(app, theme, area, tabs_end, buf);
    room_names(app, day, &g, &cols, theme, area, buf);
    let tl = app.timeline();
    let body_h = area.height.saturating_sub(g.header_h);
    let v = View {
        top_row: app.scroll_row,
        rows: usize::from(body_h).min(tl.rows().saturating_sub(app.scroll_row)),
        y0: area.y + g.header_h,
    };
    between_boxes(app, day, theme, area, v, buf);
    for (rel, c) in cols.clone().enumerate() {
        let x = area.x + g.col_x(rel);
        let w = g.col_width(rel).saturating_sub(1);
        // Sessions overlapping in the room side by side, each in its lane.
        for run in &day.columns[c].runs {
            for (l, lane) in run.iter().enumerate() {
                let (lx, lw) = lane_span(x, w, l, run.len());
                for b in boxes(app, lane, v.top_row, v.rows) {
                    session_box(app, theme, &b, (lx, lw), v, buf);
                }
            }
        }
    }
    for (i, range) in &day.wide {
        let from = range.start.max(cols.start);
        let to = range.end.min(cols.end);
        if from >= to {
            continue;
        }
        let (first, last) = (from - cols.start, to - 1 - cols.start);
        let x = area.x + g.col_x(first);
        let w = (g.col_x(last) + g.col_width(last)).saturating_sub(g.col_x(first) + 1);
        for b in boxes(app, &[*i], v.top_row, v.rows) {
            session_box(app, theme, &b, (x, w), v, buf);
        }
    }
    let (x, w) = (area.x + AXIS_W, area.width.saturating_sub(AXIS_W + 1));
    for b in boxes(app, &day.plenaries, v.top_row, v.rows) {
        session_box(app, theme, &b, (x, w), v, buf);
    }
    gap_cursor(app, &g, &cols, theme, (area, v), buf);
    own_events(app, day, theme, (area, v), buf);
}

/// The person's own events: a band at each one's start where no box covers it (drawn under
/// the boxes, in [`between_boxes`]), and here, over everything, a `◆` in the axis on every
/// row one covers, so they show whatever the boxes hide.
fn own_events(app: &App, day: &DayIndex, theme: &Theme, (area, v): (Rect, View), buf: &mut Buffer) {
    let w = area.width.saturating_sub(AXIS_W);
    for (row, e) in event_rows(app, day, v) {
        let y = v.y(row);
        put(buf, area.x + AXIS_W - 1, y, MINE, 1, theme.title);
        // Its name over whatever is there, so it is read whole.
        if let Some(e) = e {
            put(buf, area.x + AXIS_W, y, &event_label(e), w, theme.title);
        }
    }
}

/// "◆ Lunch with Ana 12:30–13:30 @ Café Belga ".
fn event_label(e: &crate::agenda::Event) -> String {
    let place = e
        .place
        .as_deref()
        .map_or_else(String::new, |p| format!(" @ {p}"));
    format!(
        "{MINE} {} {}{place} ",
        e.title,
        crate::presentation::span(&e.start, &e.end)
    )
}

/// The rows on screen an event of the person's own covers, each with whether it starts there
/// (and the event).
fn event_rows<'a>(
    app: &'a App,
    day: &'a DayIndex,
    v: View,
) -> impl Iterator<Item = (usize, Option<&'a crate::agenda::Event>)> + 'a {
    let tl = app.timeline();
    app.agenda()
        .events()
        .filter(move |e| e.start.date() == day.date)
        .flat_map(move |e| {
            let (s, en) = (day.minute(&e.start), day.minute(&e.end));
            let (from, to) = (
                tl.row_of(s.max(tl.start())),
                tl.row_of((en - 1).min(tl.end() - 1)),
            );
            (from..=to).map(move |r| (r, (r == from).then_some(e)))
        })
        .filter(move |(r, _)| *r >= v.top_row && *r < v.top_row + v.rows)
}

/// The rule at an event's start, across the grid under the boxes (its name is drawn over
/// them, in [`own_events`]).
fn event_bands(app: &App, day: &DayIndex, theme: &Theme, area: Rect, v: View, buf: &mut Buffer) {
    let w = area.width.saturating_sub(AXIS_W);
    for (row, e) in event_rows(app, day, v) {
        if e.is_some() {
            put(
                buf,
                area.x + AXIS_W,
                v.y(row),
                &"╌".repeat(usize::from(w)),
                w,
                theme.title,
            );
        }
    }
}

/// Where one stands in a room's gap (after `h`/`l` into a room with nothing at that time): a
/// row in the selection's style at that time, so the place is seen, not guessed.
fn gap_cursor(
    app: &App,
    g: &Geometry,
    cols: &std::ops::Range<usize>,
    theme: &Theme,
    (area, v): (Rect, View),
    buf: &mut Buffer,
) {
    let Some(at) = app
        .at
        .filter(|a| a.day == app.day && a.session.is_none() && app.selected.is_none())
    else {
        return;
    };
    let row = app.timeline().row_of(at.minute);
    if !cols.contains(&app.column) || row < v.top_row || row >= v.top_row + v.rows {
        return;
    }
    let rel = app.column - cols.start;
    let (x, w) = (area.x + g.col_x(rel), g.col_width(rel).saturating_sub(1));
    let label = app
        .day_index()
        .map(|d| d.base_stamp.plus_minutes(at.minute).time().format("%H:%M"))
        .map_or_else(String::new, |t| format!("▸{t} free"));
    put(
        buf,
        x,
        v.y(row),
        &text::pad(&label, usize::from(w)),
        w,
        theme.selected,
    );
}

/// "N more ▶" at the right of the tab row when rooms are off screen to the right ("◀ N" sits
/// on the axis of the room row); returns where the tabs must stop.
fn more_rooms(
    day: &DayIndex,
    cols: &std::ops::Range<usize>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    if cols.start > 0 {
        // "◀ 12": how many rooms lie to the left, with a column's space before the first name.
        let left = text::fit(&format!("◀ {}", cols.start), usize::from(AXIS_W - 1));
        put(buf, area.x, area.y + 1, &left, AXIS_W - 1, theme.axis);
    }
    if cols.end >= day.columns.len() {
        return area.right();
    }
    let more = format!(" {} more ▶", day.columns.len() - cols.end);
    let w = u16::try_from(text::width(&more)).unwrap_or(0);
    let x = area.right().saturating_sub(w);
    put(buf, x, area.y, &more, w, theme.axis);
    x
}

/// The conference title and the day tabs, scrolled so the current day is always shown; "‹" and
/// "›" say when days are hidden on either side.
fn tabs(app: &App, theme: &Theme, area: Rect, end: u16, buf: &mut Buffer) {
    // The layout is geometry's, so a click finds the day drawn under it.
    let row = crate::tui::geometry::tab_row(app, area.width);
    let labels = &row.labels;
    put(buf, area.x, area.y, &row.title, end - area.x, theme.title);
    if row.from > 0
        && let Some(&(_, first, _)) = row.days.first()
    {
        put(buf, area.x + first - 2, area.y, "‹", 1, theme.axis);
    }
    let mut last = area.x + crate::text::width(&row.title) as u16;
    for &(k, x, to) in &row.days {
        put(buf, area.x + x - 1, area.y, "│", 1, theme.axis);
        let style = if k == app.day {
            theme.tab_current
        } else {
            theme.tab
        };
        put(
            buf,
            area.x + x,
            area.y,
            &labels[k]["│".len()..],
            to - x,
            style,
        );
        last = area.x + to;
    }
    if row.to < labels.len() {
        put(buf, last, area.y, "›", end.saturating_sub(last), theme.axis);
    }
}

fn room_names(
    app: &App,
    day: &DayIndex,
    g: &Geometry,
    cols: &std::ops::Range<usize>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    for (rel, c) in cols.clone().enumerate() {
        let x = area.x + g.col_x(rel);
        let w = usize::from(g.col_width(rel).saturating_sub(1));
        let label = centred(&day.columns[c].name, w);
        let style = if c == app.column {
            theme.header_current
        } else {
            theme.header
        };
        put(
            buf,
            x,
            area.y + 1,
            &label,
            u16::try_from(w).unwrap_or(0),
            style,
        );
        if let Some(track) = &day.columns[c].track {
            let colour = app
                .tracks
                .binary_search(track)
                .map_or(theme.axis, |k| app.track_style(theme, k));
            put(
                buf,
                x,
                area.y + 2,
                &centred(track, w),
                u16::try_from(w).unwrap_or(0),
                colour,
            );
        }
    }
}

/// `s` cut to `w` columns and centred in them.
fn centred(s: &str, w: usize) -> String {
    let fitted = text::fit(s, w);
    let pad = w.saturating_sub(text::width(&fitted));
    format!(
        "{}{fitted}{}",
        " ".repeat(pad / 2),
        " ".repeat(pad - pad / 2)
    )
}

/// The layer under the boxes: axis labels, hour rules, folded stretches and the now line.
fn between_boxes(app: &App, day: &DayIndex, theme: &Theme, area: Rect, v: View, buf: &mut Buffer) {
    let tl = app.timeline();
    let rule_w = area.width.saturating_sub(AXIS_W + 1);
    for row in v.top_row..v.top_row + v.rows {
        let y = v.y(row);
        if let Some((a, b)) = tl.folded_at(row) {
            let at = |m: i64| day.base_stamp.plus_minutes(m).time().format("%H:%M");
            put(buf, area.x, y, "  ┄┄  ", AXIS_W, theme.axis);
            let label = format!(
                " {}–{} nothing scheduled ({}) · {} unfolds ",
                at(a),
                at(b),
                crate::presentation::duration(b - a),
                app.keymap.hint(Context::Grid, Command::ToggleFold)
            );
            let line = center_in(&label, '┄', usize::from(rule_w));
            put(buf, area.x + AXIS_W, y, &line, rule_w, theme.rule);
            continue;
        }
        let wall = day.base_stamp.plus_minutes(tl.minute_at(row)).time();
        let minute = chrono::Timelike::minute(&wall);
        if minute == 0 || minute == 30 {
            let style = if minute == 0 {
                theme.axis_hour
            } else {
                theme.axis
            };
            put(buf, area.x, y, &wall.format("%H:%M").to_string(), 5, style);
        }
        if minute == 0 {
            let rule = "┈".repeat(usize::from(rule_w));
            put(buf, area.x + AXIS_W, y, &rule, rule_w, theme.rule);
        }
    }
    now_line(app, day, theme, area, v, buf);
    event_bands(app, day, theme, area, v, buf);
}

fn center_in(label: &str, fill: char, w: usize) -> String {
    let label = text::fit(label, w);
    let pad = w.saturating_sub(text::width(&label));
    let side = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    format!("{}{label}{}", side(pad / 2), side(pad - pad / 2))
}

/// The now line across its row (boxes drawn later cover it where they are).
fn now_line(app: &App, day: &DayIndex, theme: &Theme, area: Rect, v: View, buf: &mut Buffer) {
    let tl = app.timeline();
    let m = day.minute(&app.now());
    if m < tl.start() || m >= tl.end() {
        return;
    }
    let row = tl.row_of(m);
    if row < v.top_row || row >= v.top_row + v.rows {
        return;
    }
    let y = v.y(row);
    put(buf, area.x, y, "now───", AXIS_W, theme.now);
    let w = area.width.saturating_sub(AXIS_W);
    put(
        buf,
        area.x + AXIS_W,
        y,
        &"─".repeat(usize::from(w)),
        w,
        theme.now,
    );
}

/// A session's own style: clash, picked, plenary or plain, with the search's emphasis.
fn style_of(app: &App, theme: &Theme, i: usize) -> Style {
    let mut style = if app.planner.is_clashing(i) {
        theme.clash
    } else if app.planner.is_picked(i) {
        theme.picked
    } else if app.session(i).kind.spans_rooms() {
        theme.plenary
    } else if let Some(k) = app.track_index(i) {
        app.track_style(theme, k)
    } else {
        theme.session
    };
    if !app.query.is_empty() {
        style = style.patch(if app.matches.contains(&i) {
            theme.matched
        } else {
            theme.dimmed
        });
    }
    style
}

/// A line of a box: pieces of text with their styles.
type BoxLine = Vec<(String, Style)>;

/// The text lines of a box, for `rows` rows of `inner` columns: one session's head wrapped and
/// its speakers when there is room; several sessions' heads one a row, the last row listing
/// those that do not fit, each in its own style (so the selection shows on its own head).
fn box_lines(app: &App, theme: &Theme, b: &GridBox, inner: usize, first: usize) -> Vec<BoxLine> {
    let rows = b.bottom - first;
    let style = |i: usize| {
        let st = style_of(app, theme, i);
        if app.selected == Some(i) {
            st.patch(theme.selected)
        } else {
            st
        }
    };
    if let [i] = b.sessions[..] {
        let st = style(i);
        let mut lines: Vec<BoxLine> = text::wrap(&head(app, i), inner)
            .into_iter()
            .enumerate()
            .map(|(k, l)| {
                vec![(
                    l,
                    if k == 0 {
                        st.add_modifier(Modifier::BOLD)
                    } else {
                        st
                    },
                )]
            })
            .collect();
        let s = app.session(i);
        if !s.speakers.is_empty() && lines.len() < rows {
            let sp = st.patch(theme.speakers);
            lines.extend(
                text::wrap(&s.speaker_line(), inner)
                    .into_iter()
                    .map(|l| vec![(l, sp)]),
            );
        }
        return lines;
    }
    let fill = style_of(app, theme, b.sessions[0]);
    b.rows(first)
        .into_iter()
        .map(|on_row| {
            let mut pieces: BoxLine = Vec::new();
            for (k, &i) in on_row.iter().enumerate() {
                if k > 0 {
                    pieces.push((PACK_SEPARATOR.to_string(), fill));
                }
                pieces.push((head(app, i), style(i).add_modifier(Modifier::BOLD)));
            }
            pieces
        })
        .collect()
}

/// Draws a line's pieces from x, in at most `w` columns; the piece that reaches the edge is cut
/// with "…". Returns the columns used.
fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &BoxLine, w: u16) -> u16 {
    let mut used = 0u16;
    for (k, (piece, st)) in line.iter().enumerate() {
        let room = usize::from(w - used);
        let rest: usize = line[k..].iter().map(|(p, _)| text::width(p)).sum();
        let shown = if rest > room {
            text::fit(piece, room)
        } else {
            piece.clone()
        };
        used += put(buf, x + used, y, &shown, w - used, *st);
        if used >= w || shown != *piece {
            break;
        }
    }
    used
}

/// One box: `┌` on its first row, `│` down the side, `└` on its last, heavy when it holds the
/// selection. Its text starts on the first row shown, so a box that starts above the screen
/// still shows its start and title.
fn session_box(
    app: &App,
    theme: &Theme,
    b: &GridBox,
    (x, w): (u16, u16),
    v: View,
    buf: &mut Buffer,
) {
    let first = b.top.max(v.top_row);
    let last = b.bottom.min(v.top_row + v.rows);
    if first >= last || w == 0 {
        return;
    }
    let holds_selection = b.sessions.iter().any(|&i| app.selected == Some(i));
    let mut fill = style_of(app, theme, b.sessions[0]);
    if holds_selection && b.sessions.len() == 1 {
        fill = fill.patch(theme.selected);
    }
    let inner = usize::from(w.saturating_sub(1)).max(1);
    let lines = box_lines(app, theme, b, inner, first);
    for row in first..last {
        let y = v.y(row);
        for cx in x..x + w {
            let cell = &mut buf[(cx, y)];
            cell.reset();
            cell.set_style(fill);
        }
        let edge = match (row == b.top, row + 1 == b.bottom, holds_selection) {
            (true, _, false) => "┌",
            (true, _, true) => "┏",
            (false, true, false) => "└",
            (false, true, true) => "┗",
            (false, false, false) => "│",
            (false, false, true) => "┃",
        };
        put(buf, x, y, edge, 1, fill);
        let k = row - first;
        if let Some(line) = lines.get(k) {
            let used = put_line(buf, x + 1, y, line, w - 1);
            if row + 1 == b.bottom && lines.len() > k + 1 {
                // More text than rows: say so at the end of the last row.
                let at = (x + 1 + used).min(x + w - 1);
                let st = line.last().map_or(fill, |(_, st)| *st);
                put(buf, at, y, "…", 1, st);
            }
        }
    }
}

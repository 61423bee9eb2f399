//! The rooms × time grid: day tabs, room names, the time axis, session boxes whose height
//! follows their duration, plenaries across all rooms, folded stretches and the "now" line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::put;
use crate::model::Kind;
use crate::text;
use crate::tui::app::App;
use crate::tui::geometry::{AXIS_W, Geometry, HEADER_H, boxes};
use crate::tui::theme::{CLASH, PICKED, Theme};

pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let g = Geometry {
        width: area.width,
        height: area.height + 1,
        ..Geometry::of(app)
    };
    tabs(app, theme, area, buf);
    let Some(day) = app.day_index() else {
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
    let first_col = app.scroll_col;
    let cols = first_col..(first_col + g.visible_cols).min(day.columns.len());
    let y0 = area.y + HEADER_H;
    let body_h = area.height.saturating_sub(HEADER_H);
    let tl = app.timeline();
    let top_row = app.scroll_row;
    let rows_shown = usize::from(body_h).min(tl.rows().saturating_sub(top_row));

    // Room names.
    for (rel, c) in cols.clone().enumerate() {
        let x = area.x + g.col_x(rel);
        let w = g.col_width(rel).saturating_sub(1);
        let name = &day.columns[c].name;
        let label = format!("{:^width$}", name, width = usize::from(w));
        let style = if c == app.column {
            theme.header_current()
        } else {
            theme.header()
        };
        put(buf, x, area.y + 1, &label, w, style);
    }
    if first_col > 0 {
        put(buf, area.x, area.y + 1, "◀ more", AXIS_W, theme.axis());
    }
    if cols.end < day.columns.len() {
        let more = format!("{} more ▶", day.columns.len() - cols.end);
        let x = area
            .right()
            .saturating_sub(u16::try_from(more.chars().count()).unwrap_or(0));
        put(buf, x, area.y, &more, area.width, theme.axis());
    }

    // Time axis, hour rules and folded stretches.
    for r in 0..rows_shown {
        let row = top_row + r;
        let y = y0 + u16::try_from(r).unwrap_or(0);
        if let Some((a, b)) = tl.folded_at(row) {
            let from = day.base_stamp.plus_minutes(a).time().format("%H:%M");
            let to = day.base_stamp.plus_minutes(b).time().format("%H:%M");
            put(buf, area.x, y, "  ┄┄  ", AXIS_W, theme.axis());
            let label = format!(
                " {from}–{to} nothing scheduled ({} min) · z unfolds ",
                b - a
            );
            let w = area.width.saturating_sub(AXIS_W);
            let line = format!("{:┄^width$}", label, width = usize::from(w));
            put(buf, area.x + AXIS_W, y, &line, w, theme.rule());
            continue;
        }
        let m = tl.minute_at(row);
        let wall = day
            .base_stamp
            .plus_minutes(m)
            .in_zone(app.schedule.conference.time_zone)
            .time();
        let minute = chrono::Timelike::minute(&wall);
        let on_hour = minute == 0;
        if on_hour || minute == 30 {
            let style = if on_hour {
                theme.axis_hour()
            } else {
                theme.axis()
            };
            put(buf, area.x, y, &wall.format("%H:%M").to_string(), 5, style);
        }
        if on_hour {
            let w = area.width.saturating_sub(AXIS_W);
            put(
                buf,
                area.x + AXIS_W,
                y,
                &"┈".repeat(usize::from(w)),
                w,
                theme.rule(),
            );
        }
    }

    let now_row = now_line(app, theme, area, (top_row, rows_shown, y0), buf);

    // Room sessions; plenaries are drawn once, across all columns, below.
    for (rel, c) in cols.clone().enumerate() {
        let list = &day.columns[c].own;
        let x = area.x + g.col_x(rel);
        let w = g.col_width(rel).saturating_sub(1);
        for (i, top, bottom) in boxes(app, list, top_row, rows_shown) {
            session_box(
                app,
                theme,
                i,
                (x, w),
                (top, bottom),
                (top_row, rows_shown, y0),
                buf,
            );
        }
    }
    let (x, w) = (area.x + AXIS_W, area.width.saturating_sub(AXIS_W + 1));
    for (i, top, bottom) in boxes(app, &day.plenaries, top_row, rows_shown) {
        session_box(
            app,
            theme,
            i,
            (x, w),
            (top, bottom),
            (top_row, rows_shown, y0),
            buf,
        );
    }

    if let Some(y) = now_row {
        for x in (area.x + AXIS_W)..area.right() {
            let cell = &mut buf[(x, y)];
            if cell.symbol() != "─" {
                cell.modifier.insert(Modifier::UNDERLINED);
            }
        }
    }
}

fn tabs(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = format!(" {} ", app.schedule.conference.title);
    let mut x = area.x + put(buf, area.x, area.y, &title, area.width, theme.title());
    for (k, d) in app.days.iter().enumerate() {
        let label = format!(" {} ", d.date.format("%a %-d %b"));
        let style = if k == app.day {
            theme.tab_current()
        } else {
            theme.tab()
        };
        if x >= area.right() {
            break;
        }
        x += put(buf, x, area.y, "│", area.right() - x, theme.axis());
        x += put(
            buf,
            x,
            area.y,
            &label,
            area.right().saturating_sub(x),
            style,
        );
    }
}

/// One session as a box: `┌` on its first row (start time and title), `│` down the side, `└`
/// on its last row, title wrapped, then speakers if there is room.
fn session_box(
    app: &App,
    theme: &Theme,
    i: usize,
    (x, w): (u16, u16),
    (top, bottom): (usize, usize),
    (top_row, rows_shown, y0): (usize, usize, u16),
    buf: &mut Buffer,
) {
    let s = app.session(i);
    let picked = app.picked.contains(&i);
    let clash = app.clashing.contains(&i);
    let mut style = match (clash, picked, s.kind) {
        (true, _, _) => theme.clash(),
        (false, true, _) => theme.picked(),
        (false, false, Kind::Plenary) => theme.plenary(),
        _ => theme.session(),
    };
    if !app.query.is_empty() {
        style = if app.matches.contains(&i) {
            style.patch(theme.matched())
        } else {
            style.patch(theme.dimmed())
        };
    }
    if app.selected == Some(i) {
        style = style.patch(theme.selected());
    }
    let mark = if clash {
        format!("{CLASH} ")
    } else if picked {
        format!("{PICKED} ")
    } else {
        String::new()
    };
    let inner = usize::from(w.saturating_sub(1)).max(1);
    let head = format!("{} {}{}", s.start.time().format("%H:%M"), mark, s.title);
    // (text, is a speaker line)
    let mut lines: Vec<(String, bool)> = text::wrap(&head, inner)
        .into_iter()
        .map(|l| (l, false))
        .collect();
    let height = bottom - top;
    if !s.speakers.is_empty() && lines.len() < height {
        lines.extend(
            text::wrap(&s.speaker_line(), inner)
                .into_iter()
                .map(|l| (l, true)),
        );
    }
    for row in top.max(top_row)..bottom.min(top_row + rows_shown) {
        let y = y0 + u16::try_from(row - top_row).unwrap_or(0);
        let k = row - top;
        let selected = app.selected == Some(i);
        let edge = match (k, height, selected) {
            (0, _, false) => "┌",
            (0, _, true) => "┏",
            (k, h, false) if k + 1 == h => "└",
            (k, h, true) if k + 1 == h => "┗",
            (_, _, false) => "│",
            (_, _, true) => "┃",
        };
        let blank = " ".repeat(usize::from(w));
        put(buf, x, y, &blank, w, style);
        put(buf, x, y, edge, 1, style);
        if let Some((line, speaker)) = lines.get(k) {
            let st = match (speaker, k) {
                (true, _) => style.patch(theme.speakers()),
                (false, 0) => style.add_modifier(Modifier::BOLD),
                (false, _) => style,
            };
            let used = put(buf, x + 1, y, line, w.saturating_sub(1), st);
            if k + 1 == height && lines.len() > height {
                // More text than rows: say so at the end of the last row.
                let at = (x + 1 + used).min(x + w.saturating_sub(1));
                put(buf, at, y, "…", 1, st);
            }
        }
    }
}

/// Draws the "now" line across the empty cells of its row; returns the row's y when drawn.
fn now_line(
    app: &App,
    theme: &Theme,
    area: Rect,
    (top_row, rows_shown, y0): (usize, usize, u16),
    buf: &mut Buffer,
) -> Option<u16> {
    let day = app.day_index()?;
    let now = app.now();
    let m = day.minute(&now);
    let tl = app.timeline();
    if m < tl.start() || m >= tl.end() {
        return None;
    }
    let row = tl.row_of(m);
    if row < top_row || row >= top_row + rows_shown {
        return None;
    }
    let y = y0 + u16::try_from(row - top_row).unwrap_or(0);
    put(buf, area.x, y, "now──", AXIS_W, theme.now());
    for x in (area.x + AXIS_W)..area.right() {
        let cell = &mut buf[(x, y)];
        cell.set_symbol("─");
        cell.set_style(theme.now());
    }
    Some(y)
}

//! Drawing: reads the state only. One screen at a time, a status line at the bottom, and a
//! message instead of a broken layout when the terminal is too small.

mod agenda;
mod changes;
mod choose;
pub mod detail;
mod emoji;
mod grid;
mod help;
mod message;
mod plan;
mod results;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Command;
use super::app::{App, Mode};
use super::geometry::{Geometry, MIN_HEIGHT, MIN_WIDTH};
use super::hints;
use super::keymap::Context;
use super::status;
use super::theme::Theme;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    render(app, area, buf);
}

/// Draws into any buffer (the benchmarks and tests use this without a terminal).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let mut theme = Theme::new(app.palette);
    if !app.background {
        theme = theme.without_backgrounds();
    }
    theme.change(&app.styles);
    let g = Geometry {
        width: area.width,
        height: area.height,
        ..Geometry::of(app)
    };
    if g.too_small() {
        too_small(app, area, buf);
        return;
    }
    let status = status::lines(app, area.width);
    let hint_rows = u16::from(hints::shown_at(app, area.height));
    let rows = status_rows(&status, area);
    let body = body_above(area, rows + hint_rows);
    // While a filter is typed, the list it narrows is drawn behind the prompt.
    // While an export's path is typed, the screen it was started from.
    let shown = match &app.mode {
        Mode::Filter { back, .. } => back.as_ref(),
        Mode::Export { .. } | Mode::ConfirmReplace { .. } => app.export_from.as_ref(),
        mode => mode,
    };
    match shown {
        Mode::Grid
        | Mode::Filter { .. }
        | Mode::Export { .. }
        | Mode::Room { .. }
        | Mode::Goto { .. }
        | Mode::NewEvent { .. }
        | Mode::ConfirmReplace { .. } => grid::draw(app, &theme, body, buf),
        Mode::Search => {
            grid::draw(app, &theme, body, buf);
            results::draw(app, &theme, body, buf);
        }
        Mode::Detail { scroll } => detail::draw(app, &theme, *scroll, body, buf),
        Mode::Message { scroll, .. } => message::draw(app, &theme, *scroll, body, buf),
        Mode::Agenda { cursor } => agenda::draw(app, &theme, *cursor, body, buf),
        Mode::Help { scroll } => help::draw(app, &theme, *scroll, body, buf),
        Mode::Changes { cursor } => changes::draw(app, &theme, *cursor, body, buf),
        Mode::Plan { cursor } => plan::draw(app, &theme, *cursor, body, buf),
        Mode::NowNext { cursor } => plan::draw_now(app, &theme, *cursor, body, buf),
        Mode::Choose { list, cursor } => {
            grid::draw(app, &theme, body, buf);
            choose::draw(app, &theme, (*list, *cursor), body, buf);
        }
        Mode::Fits {
            start, end, cursor, ..
        } => plan::draw_fits(app, &theme, (*start, *end, *cursor), body, buf),
        Mode::Alternatives { cursor } => plan::draw_alternatives(app, &theme, *cursor, body, buf),
    }
    let bottom = Rect {
        y: area.bottom() - rows,
        height: rows,
        ..area
    };
    if hint_rows > 0 {
        hint_bar(
            app,
            &theme,
            Rect {
                y: body.bottom(),
                height: 1,
                ..area
            },
            buf,
        );
    }
    buf.set_style(bottom, theme.status);
    for (k, line) in status.iter().enumerate().take(usize::from(rows)) {
        let y = bottom.y + u16::try_from(k).unwrap_or(0);
        buf.set_stringn(area.x, y, line, usize::from(area.width), Style::new());
    }
    emoji::make_plain(buf, area);
}

fn status_rows(status: &[String], area: Rect) -> u16 {
    u16::try_from(status.len())
        .unwrap_or(1)
        .min(area.height.saturating_sub(1))
}

/// The part of a screen `area` the current view draws in: all but the status area and the
/// hint bar.
pub fn body(app: &App, area: Rect) -> Rect {
    let rows = status_rows(&status::lines(app, area.width), area);
    body_above(area, rows + u16::from(hints::shown_at(app, area.height)))
}

/// `area` without its last `rows` rows.
fn body_above(area: Rect, rows: u16) -> Rect {
    Rect {
        height: area.height.saturating_sub(rows),
        ..area
    }
}

/// The row of the screen's main keys: each key in the key style, then what it does.
fn hint_bar(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut x = area.x + 1;
    for (key, what) in hints::fitting(app, usize::from(area.width)) {
        let room = area.right().saturating_sub(x);
        x += put(buf, x, area.y, &key, room, theme.title);
        let room = area.right().saturating_sub(x);
        x += put(buf, x, area.y, &format!(" {what}  "), room, theme.dimmed);
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "Terminal too small ({}×{}): lineup needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Make the window bigger, or press {} to quit.",
        area.width,
        area.height,
        app.keymap.hint(Context::Grid, Command::Quit)
    );
    Paragraph::new(msg)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Writes `s` at (x, y), at most `w` cells; returns the cells used.
fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, style: Style) -> u16 {
    if w == 0 {
        return 0;
    }
    if s.chars().all(one_cell) {
        // Most of a grid (names, titles, box edges, rules): a cell a character, where
        // `set_stringn` would put them, without its walk over graphemes (a fifth of drawing
        // the first screen).
        let fits = buf.area.right().saturating_sub(x).min(w);
        let mut used = 0;
        for (at, c) in (x..x.saturating_add(fits)).zip(s.chars()) {
            buf[(at, y)].set_char(c).set_style(style);
            used += 1;
        }
        return used;
    }
    let (end, _) = buf.set_stringn(x, y, s, usize::from(w), style);
    end.saturating_sub(x)
}

/// A character that is a grapheme of its own, one cell wide, whatever comes beside it:
/// printable ASCII and Latin-1 (not the soft hyphen), box drawing, the ellipsis.
fn one_cell(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{ff}' | '\u{2500}'..='\u{257f}' | '…')
}

/// Lines of a wrapped paragraph, for views that scroll by line.
fn wrapped_lines<'a>(lines: Vec<Line<'a>>) -> Paragraph<'a> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// A bordered list with a cursor, as the change report, the plan, the talks that fit and now
/// and next draw it: the window of `count` rows that keeps the cursor `keep` rows above the
/// bottom, each row made by `line(index, at_cursor, inner width)`.
/// A bordered list with a cursor, scrolled so the cursor's row is whole on screen with about
/// `keep` lines below it; a row may take several lines (long text wrapped under its indent).
fn cursor_rows(
    theme: &Theme,
    (area, buf): (Rect, &mut Buffer),
    title: String,
    (count, cursor, keep): (usize, usize, usize),
    row: impl Fn(usize, bool, usize) -> Vec<Line<'static>>,
) {
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Borders};
    let height = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let lines_of = |i: usize| row(i, i == cursor, width);
    // From the cursor's row back, as many rows as leave `keep` lines free below it.
    let mut top = cursor.min(count.saturating_sub(1));
    let mut used = if count == 0 { 0 } else { lines_of(top).len() };
    let room = (height + 1).saturating_sub(keep);
    while top > 0 {
        let h = lines_of(top - 1).len();
        if used + h > room {
            break;
        }
        used += h;
        top -= 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    for i in top..count {
        if lines.len() >= height {
            break;
        }
        lines.extend(lines_of(i));
    }
    lines.truncate(height);
    // Where the cursor is, when the list is longer than the screen (first, so a narrow screen
    // cuts the keys, not the place).
    let title = if count > height {
        format!(" [{}/{count}]{title}", cursor.min(count - 1) + 1)
    } else {
        title
    };
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.axis)),
        )
        .render(area, buf);
}

fn cursor_list(
    theme: &Theme,
    screen: (Rect, &mut Buffer),
    title: String,
    place: (usize, usize, usize),
    line: impl Fn(usize, bool, usize) -> Line<'static>,
) {
    cursor_rows(theme, screen, title, place, |i, at, width| {
        vec![line(i, at, width)]
    });
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};

    proptest! {
        /// `put` writes what ratatui's `set_stringn` writes, on the same cells, ASCII or not.
        #[test]
        fn put_writes_as_set_stringn_does(
            s in "([ -~]{0,30}|[ -~é日\u{301}\t]{0,12}|[a-z\u{a0}-\u{ff}\u{2500}-\u{2580}…\u{fe0f}\u{200d}]{0,16})",
            x in 0u16..24,
            w in 0u16..40,
        ) {
            let area = Rect::new(2, 1, 20, 3);
            let style = Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD);
            let mut ours = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            let x = x.clamp(area.left(), area.right() - 1);
            let used = super::put(&mut ours, x, 2, &s, w, style);
            let (end, _) = if w == 0 {
                (x, 2)
            } else {
                theirs.set_stringn(x, 2, &s, usize::from(w), style)
            };
            prop_assert_eq!(used, end - x);
            prop_assert_eq!(ours, theirs);
        }
    }
}

//! The help screen, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::wrapped_lines;
use crate::presentation::{CLASH, PICKED};
use crate::text;
use crate::tui::keymap::help_rows;
use crate::tui::theme::{Palette, Theme};

pub fn draw(theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys · ? or Esc closes ", theme.axis));
    wrapped_lines(lines(theme, area.width.saturating_sub(2)))
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// How far the help can scroll at this size.
pub fn max_scroll(width: u16, height: u16) -> u16 {
    let lines = lines(&Theme::new(Palette::Mono), width.saturating_sub(2));
    super::max_scroll(&lines, width, height)
}

/// The keys column's width, and the indent of the text after it.
const KEYS_W: usize = 18;
const INDENT: usize = 2 + KEYS_W + 1;

/// A row of two columns, the second wrapped to `width` and its continuation lines indented
/// under it.
fn row(theme: &Theme, first: &str, what: &str, width: u16) -> Vec<Line<'static>> {
    let text_w = usize::from(width).saturating_sub(INDENT).max(12);
    let mut out = Vec::new();
    for (k, part) in text::wrap(what, text_w).into_iter().enumerate() {
        let head = if k == 0 {
            format!("  {} ", text::pad(first, KEYS_W))
        } else {
            " ".repeat(INDENT)
        };
        out.push(Line::from(vec![
            Span::styled(head, theme.header),
            Span::raw(part),
        ]));
    }
    out
}

fn lines(theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut last = None;
    for (ctx, keys, what) in help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(ctx.title(), theme.title));
            last = Some(ctx);
        }
        lines.extend(row(theme, &keys, what, width));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.title));
    lines.extend(row(theme, PICKED, "picked", width));
    lines.extend(row(
        theme,
        CLASH,
        "picked, and clashes with another pick",
        width,
    ));
    lines.extend(row(theme, "reversed", "the selected session", width));
    lines.extend(row(
        theme,
        "heavy edges ┏┃┗",
        "the box holding the selection",
        width,
    ));
    lines.push(Line::raw(""));
    lines.extend(row(
        theme,
        "mouse",
        "a click selects a session, the wheel scrolls",
        width,
    ));
    lines
}

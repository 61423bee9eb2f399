//! The help screen, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::wrapped_lines;
use crate::tui::keymap::help_rows;
use crate::tui::theme::{CLASH, PICKED, Theme};

pub fn draw(theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys · ? or Esc closes ", theme.axis()));
    wrapped_lines(lines(theme))
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// How far the help can scroll at this size.
pub fn max_scroll(width: u16, height: u16) -> u16 {
    super::max_scroll(&lines(&Theme::new(false)), width, height)
}

fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut last = None;
    for (ctx, keys, what) in help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(ctx.title(), theme.title()));
            last = Some(ctx);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<18}"), theme.header()),
            Span::raw(what),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.title()));
    lines.push(Line::raw(format!("  {PICKED}                 picked")));
    lines.push(Line::raw(format!(
        "  {CLASH}                 picked, and clashes with another pick"
    )));
    lines.push(Line::raw("  reversed           the selected session"));
    lines.push(Line::raw(
        "  The mouse selects on click and scrolls with the wheel.",
    ));
    lines
}

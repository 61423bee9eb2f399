//! The session detail view: everything about the selected session, scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use super::wrapped_lines;
use crate::tui::app::App;
use crate::tui::pages;
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(pages::detail_title(app), theme.axis));
    wrapped_lines(pages::detail(app, theme))
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

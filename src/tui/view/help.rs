//! The help screen, generated from the keymap.

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
        .title(Span::styled(pages::help_title(&app.keymap), theme.axis));
    wrapped_lines(pages::help(
        &app.keymap,
        theme,
        area.width.saturating_sub(2),
        &app.track_legend(theme),
        (app.list_filter.text(), app.help_from),
    ))
    .block(block)
    .scroll((scroll, 0))
    .render(area, buf);
}

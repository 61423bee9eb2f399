//! The message view: a message too long for the status line (a problem, the schedule's
//! warnings), in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use crate::tui::app::App;
use crate::tui::pages;
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(pages::message_title(&app.keymap), theme.axis));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = pages::message_rows(app, usize::from(inner.width).max(1));
    for (k, row) in rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(k).unwrap_or(u16::MAX);
        buf.set_stringn(inner.x, y, row, usize::from(inner.width), theme.base());
    }
}

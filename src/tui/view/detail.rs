//! The session detail view: everything about the selected session, scrollable. Only the rows on
//! screen are made (a text of any length draws in the time of a screen).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Widget};

use crate::tui::app::App;
use crate::tui::pages;
use crate::tui::theme::Theme;

/// The detail page's frame in the body `area`: at most a readable width, centred on a wide
/// screen.
pub fn page(area: Rect) -> Rect {
    let w = area
        .width
        .min(u16::try_from(pages::DETAIL_MAX + 2).unwrap_or(u16::MAX));
    Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    }
}

pub(super) fn draw(app: &App, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let area = page(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(pages::detail_title(app), theme.axis));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = pages::detail_rows(
        app,
        theme,
        usize::from(inner.width).max(1),
        (scroll, usize::from(inner.height)),
    );
    for (k, (row, style)) in rows.iter().enumerate() {
        let y = inner.y + u16::try_from(k).unwrap_or(u16::MAX);
        buf.set_stringn(inner.x, y, row, usize::from(inner.width), *style);
    }
}

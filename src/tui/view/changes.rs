//! The change report of the last refresh: one row a change, the cursor's row marked, coloured
//! by what happened (cancelled and new clashes as clashes, moves as warnings).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::agenda::changes::Change;
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::{App, ChangeRow};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, cursor: usize, area: Rect, buf: &mut Buffer) {
    let key = |c| app.keymap.hint(Context::Changes, c);
    let title = format!(
        " What changed — {}: show in the grid · {}: take a move · {}: back ",
        key(Command::Open),
        key(Command::AcceptMove),
        key(Command::Close)
    );
    let height = usize::from(area.height.saturating_sub(2));
    let top = cursor.saturating_sub(height.saturating_sub(1));
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = app
        .changes
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, row)| line(row, theme, i == cursor, width))
        .collect();
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.axis)),
        )
        .render(area, buf);
}

fn line(row: &ChangeRow, theme: &Theme, at_cursor: bool, width: usize) -> Line<'static> {
    let tone = tone(row, theme);
    let label = format!(" {:<10} ", row.label);
    let rest = width.saturating_sub(text::width(&label));
    let what = text::fit(&row.text, rest);
    let (label_style, text_style) = if at_cursor {
        (theme.selected, theme.selected)
    } else {
        (tone, theme.base())
    };
    Line::from(vec![
        Span::styled(label, label_style),
        Span::styled(text::pad(&what, rest), text_style),
    ])
}

/// The colour of a row's label, from what happened (not from its words).
fn tone(row: &ChangeRow, theme: &Theme) -> Style {
    match (&row.change, row.id.is_some()) {
        (Some(Change::Cancelled { .. }), _) | (None, true) => theme.clash,
        (Some(Change::Moved { .. } | Change::Length { .. }), _) => theme.warn,
        (Some(_), _) => theme.note,
        (None, false) => theme.axis,
    }
}

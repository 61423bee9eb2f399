//! The change report of the last refresh: one row a change, the cursor's row marked, coloured
//! by what happened (cancelled and new clashes as clashes, moves as warnings).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::agenda::changes::Change;
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::change_rows::ChangeRow;
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
    let rows = crate::tui::change_rows::shown(app);
    super::cursor_list(
        theme,
        (area, buf),
        title,
        (rows.len(), cursor, 1),
        |i, at, width| line(rows[i], theme, at, width),
    );
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

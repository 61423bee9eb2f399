//! The search results list, over the bottom of the grid while typing a search: best first
//! (title or speaker matches, then the rest), the cursor's row marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::presentation::{hm, place};
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

/// How many results the list shows at once.
const SHOWN: usize = 8;

pub(super) fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if app.query.is_empty() || app.searching || area.height < 6 || area.width < 30 {
        return;
    }
    let n = app.ranked.len();
    let rows = n.clamp(1, SHOWN);
    let height = u16::try_from(rows + 2).unwrap_or(3).min(area.height - 2);
    let width = area.width.saturating_sub(4).min(110);
    let popup = Rect {
        x: area.x + 2,
        y: area.bottom().saturating_sub(height + 1),
        width,
        height,
    };
    let key = |c| app.keymap.hint(Context::Typing, c);
    let title = format!(
        " {}{} — {} {}: choose · {}: show ",
        if n > 0 {
            format!("[{}/{n}] ", app.result + 1)
        } else {
            String::new()
        },
        crate::presentation::plural(n as u64, "match", "matches"),
        key(Command::Up),
        key(Command::Down),
        key(Command::Submit)
    );
    let inner = usize::from(width.saturating_sub(2));
    let top = app.result.saturating_sub(rows.saturating_sub(1));
    // Room names whole when the list has room for them (a third of it at most).
    let room_w = app
        .ranked
        .iter()
        .skip(top)
        .take(rows)
        .map(|&i| {
            let s = app.session(i);
            text::width(&place(s.room.as_deref(), s.kind))
        })
        .max()
        .unwrap_or(0)
        .clamp(4, (inner / 3).max(4));
    let mut lines: Vec<Line> = app
        .ranked
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(k, &i)| {
            let s = app.session(i);
            let body = format!(
                " {} {} {}  {}{}",
                s.start.date().format("%a"),
                hm(&s.start),
                text::pad(
                    &text::fit(&place(s.room.as_deref(), s.kind), room_w),
                    room_w
                ),
                s.title,
                if s.speakers.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", s.speaker_line())
                }
            );
            let style = if k == app.result {
                theme.selected
            } else {
                theme.base()
            };
            Line::from(Span::styled(
                text::pad(&text::fit(&body, inner), inner),
                style,
            ))
        })
        .collect();
    if n == 0 {
        lines.push(Line::raw(" no session matches"));
    }
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.axis)),
        )
        .render(popup, buf);
}

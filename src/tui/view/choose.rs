//! The track and room choosers: a list over the right of the grid, which changes behind it as
//! lines are marked. Each line: its mark, the track's colour, the name and how many sessions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::text;
use crate::tui::action::Command;
use crate::tui::app::{App, Chooser};
use crate::tui::choose_rows::{rows, shown, title};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;

pub(super) fn draw(
    app: &App,
    theme: &Theme,
    (list, cursor): (Chooser, usize),
    area: Rect,
    buf: &mut Buffer,
) {
    let lines = shown(app, list);
    let all = rows(app, list);
    let key = |c| app.keymap.hint(Context::Choose, c);
    let narrowed = if lines.len() < all.len() {
        format!("[{}/{}] ", lines.len(), all.len())
    } else {
        String::new()
    };
    let head = format!(
        "{}{narrowed}· {} mark · {} all/none · {} filter · {} done ",
        title(list, &all),
        key(Command::TogglePick),
        key(Command::ToggleAll),
        key(Command::StartFilter),
        key(Command::Close)
    );
    // As wide as its title, up to the screen, at least 64 columns where there is room.
    let want = u16::try_from(text::width(&head) + 2)
        .unwrap_or(u16::MAX)
        .max(64);
    let width = area.width.saturating_sub(2).min(want);
    let popup = Rect {
        x: area.right().saturating_sub(width + 1),
        y: area.y + 1,
        width,
        height: u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height.saturating_sub(2)),
    };
    Clear.render(popup, buf);
    let row = |k: usize, at: bool, w: usize| {
        let r = &lines[k];
        let style = if at { theme.selected } else { theme.base() };
        let colour = match list {
            Chooser::Tracks => r
                .key
                .as_ref()
                .and_then(|t| app.tracks.binary_search(t).ok())
                .map(|k| app.track_style(theme, k)),
            Chooser::Languages | Chooser::Types | Chooser::Rooms => None,
        };
        let mark = if r.marked { "[x] " } else { "[ ] " };
        let count = format!(" {}", r.sessions);
        let swatch = match (list, colour) {
            (Chooser::Languages | Chooser::Types | Chooser::Rooms, _) => None,
            (Chooser::Tracks, Some(c)) => Some(Span::styled(" ■  ", c)),
            (Chooser::Tracks, None) => Some(Span::styled("    ", style)),
        };
        let used = 4 + swatch.as_ref().map_or(0, |s| text::width(&s.content));
        let name_w = w.saturating_sub(used + text::width(&count));
        let mut spans = vec![Span::styled(mark, style)];
        spans.extend(swatch);
        spans.push(Span::styled(
            text::pad(&text::fit(&r.label, name_w), name_w),
            style,
        ));
        spans.push(Span::styled(count, style));
        Line::from(spans)
    };
    super::cursor_list(theme, (popup, buf), head, (lines.len(), cursor, 1), row);
}

//! The session detail view: everything about the selected session, scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::wrapped_lines;
use crate::presentation::{CLASH, CLASHES_NAMED, PICKED, duration, session_facts, span};
use crate::tui::app::App;
use crate::tui::theme::{Palette, Theme};

pub fn draw(app: &App, theme: &Theme, scroll: u16, area: Rect, buf: &mut Buffer) {
    let lines = lines(app, theme);
    let picked = app.selected.is_some_and(|i| app.picked.contains(&i));
    let title = format!(
        " Session · Esc back · Space {} · j/k scroll ",
        if picked { "unpick" } else { "pick" }
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.axis));
    wrapped_lines(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// How far the detail view can scroll at the current size (the last line at the bottom).
pub fn max_scroll(app: &App) -> u16 {
    let body = app.height.saturating_sub(crate::tui::status::rows(app));
    super::max_scroll(&lines(app, &Theme::new(Palette::Mono)), app.width, body)
}

fn lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let Some(i) = app.selected else {
        return Vec::new();
    };
    let s = app.session(i);
    let mut lines: Vec<Line> = vec![Line::styled(s.title.clone(), theme.title)];
    if !s.speakers.is_empty() {
        lines.push(Line::styled(
            format!("by {}", s.speaker_line()),
            theme.speakers,
        ));
    }
    lines.push(Line::raw(""));
    for (label, value) in session_facts(&app.schedule, s) {
        lines.push(Line::raw(format!("{label:<6} {value}")));
    }
    if app.picked.contains(&i) {
        lines.push(Line::styled(format!("{PICKED} in my agenda"), theme.picked));
        let me = app.plan.picks.iter().position(|p| p.id == s.id);
        if let Some(me) = me {
            for (j, minutes) in app.plan.clashes_of(me, CLASHES_NAMED) {
                let o = &app.plan.picks[j];
                lines.push(Line::styled(
                    format!(
                        "{CLASH} clashes {} with {} ({})",
                        duration(minutes),
                        o.title,
                        span(&o.start, &o.end)
                    ),
                    theme.warn,
                ));
            }
            let more = app.plan.clashes_with(me).saturating_sub(CLASHES_NAMED);
            if more > 0 {
                lines.push(Line::styled(
                    format!("{CLASH} and {more} more clashes (see my agenda)"),
                    theme.warn,
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    for l in s.full_text().lines() {
        lines.push(Line::raw(l.to_string()));
    }
    lines
}

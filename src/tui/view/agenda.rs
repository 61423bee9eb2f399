//! My agenda view: the picks of each day in time order, clashes with their overlap, free gaps,
//! room changes without time to walk, moved and vanished picks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::agenda::Line as PlanLine;
use crate::presentation::{Badge, Tone, duration, notes, place, span};
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, cursor: usize, area: Rect, buf: &mut Buffer) {
    let (lines, cursor_line) = lines(app, theme, cursor);
    let inner_h = area.height.saturating_sub(2);
    let scroll = u16::try_from(cursor_line)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner_h.saturating_sub(3));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title(&app.keymap), theme.axis));
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// The agenda's lines, and which one holds the cursor.
fn lines(app: &App, theme: &Theme, cursor: usize) -> (Vec<Line<'static>>, usize) {
    let plan = &app.plan;
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    // The room column as wide as its longest place (at most 12); notes start under the mark.
    let room_w = plan
        .picks
        .iter()
        .map(|p| text::width(&place(p.room.as_deref(), p.kind)))
        .max()
        .unwrap_or(2)
        .clamp(2, 12);
    if plan.picks.is_empty() {
        lines.push(Line::raw(format!(
            "No picks yet: select a talk in the grid and press {}.",
            app.keymap.hint(Context::Grid, Command::TogglePick)
        )));
    }
    for day in &plan.days {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            day.date.format("%A %-d %B %Y").to_string(),
            theme.title,
        ));
        for l in &day.lines {
            match l {
                PlanLine::Gap { start, end } => lines.push(Line::styled(
                    format!(
                        "  {}  free ({})",
                        span(start, end),
                        duration(start.minutes_until(end))
                    ),
                    theme.axis,
                )),
                PlanLine::Pick(k) => {
                    if *k == cursor {
                        cursor_line = lines.len();
                    }
                    lines.extend(pick_lines(app, theme, *k, *k == cursor, room_w));
                }
            }
        }
    }
    (lines, cursor_line)
}

/// A pick's line (its badge, its style) and the notes under it.
fn pick_lines(
    app: &App,
    theme: &Theme,
    k: usize,
    at_cursor: bool,
    room_w: usize,
) -> Vec<Line<'static>> {
    let plan = &app.plan;
    let p = &plan.picks[k];
    let badge = Badge::of(plan.clashes_with(k));
    let mut style = match badge.tone() {
        Tone::Warning => theme.clash,
        Tone::Information => theme.picked,
    };
    if at_cursor {
        style = style.patch(theme.selected);
    }
    let mut out = vec![Line::from(vec![Span::styled(
        format!(
            "  {}  {} {} {}",
            span(&p.start, &p.end),
            text::pad(&place(p.room.as_deref(), p.kind), room_w),
            badge.mark(),
            p.title
        ),
        style,
    )])];
    let indent = " ".repeat(2 + 11 + 2 + room_w + 1);
    for n in notes(plan, k) {
        let st = match n.tone() {
            Tone::Warning => theme.warn,
            Tone::Information => theme.note,
        };
        out.push(Line::styled(format!("{indent}{}", n.line()), st));
    }
    out
}

/// The agenda's title, with its keys.
fn title(km: &Keymap) -> String {
    let key = |c| km.hint(Context::Agenda, c);
    format!(
        " My agenda · {} show in grid · {} unpick · {} export · {} back ",
        key(Command::Open),
        key(Command::TogglePick),
        key(Command::StartExport),
        key(Command::Close)
    )
}

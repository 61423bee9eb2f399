//! My agenda view: the picks of each day in time order, clashes with their overlap, free gaps,
//! room changes without time to walk, moved and vanished picks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::presentation::{Badge, Tone, duration, notes, place, span};
use crate::text;
use crate::tui::action::Command;
use crate::tui::agenda_rows::Row;
use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, cursor: usize, area: Rect, buf: &mut Buffer) {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let top = first_line(app, cursor, inner_h);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title(&app.keymap), theme.axis));
    Paragraph::new(lines(app, theme, cursor, top, inner_h))
        .block(block)
        .render(area, buf);
}

/// The first line on screen: the cursor's pick stays three lines above the bottom.
pub(crate) fn first_line(app: &App, cursor: usize, height: usize) -> usize {
    app.agenda_rows
        .line_of_pick(cursor)
        .saturating_sub(height.saturating_sub(3))
}

/// The `height` lines from line `top` on: only the rows on screen are made.
fn lines(app: &App, theme: &Theme, cursor: usize, top: usize, height: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Line> = Vec::with_capacity(height.min(app.agenda_rows.lines()));
    let room_w = app.agenda_rows.room_width;
    for (start, row) in app.agenda_rows.from_line(top) {
        if start >= top.saturating_add(height) {
            break;
        }
        let made = match row {
            Row::Empty if !app.list_filter.text().trim().is_empty() => vec![Line::raw(format!(
                "No pick holds {}.",
                crate::message::quote(app.list_filter.text())
            ))],
            Row::Empty => vec![Line::raw(format!(
                "No picks yet: select a talk in the grid and press {}.",
                app.keymap.hint(Context::Grid, Command::TogglePick)
            ))],
            Row::Blank => vec![Line::raw("")],
            Row::Day(date) => vec![Line::styled(
                date.format("%A %-d %B %Y").to_string(),
                theme.title,
            )],
            Row::Gap { start, end } => vec![Line::styled(
                format!(
                    "  {}  free ({}) · {}",
                    span(&start, &end),
                    duration(start.minutes_until(&end)),
                    crate::presentation::plural(
                        app.planner.fits_between(start, end).len() as u64,
                        "talk fits",
                        "talks fit"
                    )
                ),
                theme.axis,
            )],
            Row::Pick(k) => pick_lines(app, theme, k, k == cursor, room_w),
            Row::Event(k) => match app.agenda().events().nth(k) {
                Some(e) => vec![Line::styled(
                    format!(
                        "  {}  {} {} {}",
                        span(&e.start, &e.end),
                        text::pad(&text::fit(e.place.as_deref().unwrap_or(""), room_w), room_w),
                        crate::presentation::plan::MINE,
                        e.title
                    ),
                    theme.title,
                )],
                None => Vec::new(),
            },
        };
        out.extend(made.into_iter().skip(top.saturating_sub(start)));
    }
    out.truncate(height);
    out
}

/// A pick's line (its badge, its style) and the notes under it.
fn pick_lines(
    app: &App,
    theme: &Theme,
    k: usize,
    at_cursor: bool,
    room_w: usize,
) -> Vec<Line<'static>> {
    let plan = app.overview();
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
            crate::presentation::placed_mark(&app.planner, k),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Agenda, Pick};
    use crate::native::default_schedule;
    use crate::tui::theme::Palette;

    #[test]
    fn the_lines_on_screen_are_those_of_the_whole_agenda() {
        let schedule = default_schedule().unwrap();
        let picks: Vec<Pick> = schedule
            .sessions
            .iter()
            .map(|s| Pick::of(s, chrono::Utc::now()))
            .collect();
        let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
        let app = App::new(schedule, agenda, chrono::Utc::now());
        let theme = Theme::new(Palette::Ansi);
        let all = lines(&app, &theme, 5, 0, usize::MAX);
        assert_eq!(all.len(), app.agenda_rows.lines());
        for top in [0, 1, 2, 7, 30, all.len() - 3, all.len()] {
            for height in [1, 5, 19] {
                let shown = lines(&app, &theme, 5, top, height);
                let end = (top + height).min(all.len());
                assert_eq!(shown, all[top.min(end)..end], "from {top}, {height} lines");
            }
        }
    }
}

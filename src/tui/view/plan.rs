//! The plan view: the rows of [`plan_rows`](crate::tui::plan_rows), the cursor's marked,
//! styled by kind (chosen by priority, left out as a clash, free time dimmed).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::agenda::Priority;
use crate::presentation::{MAYBE, MUST, PICKED};
use crate::text;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::plan_rows::{PlanKind, PlanRow, rows};
use crate::tui::theme::Theme;

pub(super) fn draw(app: &App, theme: &Theme, cursor: usize, area: Rect, buf: &mut Buffer) {
    let key = |c| app.keymap.hint(Context::Plan, c);
    let title = format!(
        " The plan — {}: show in the grid · {} {} {}: must want maybe · {}: back ",
        key(Command::Open),
        key(Command::Must),
        key(Command::Want),
        key(Command::Maybe),
        key(Command::Close)
    );
    let all = rows(app);
    super::cursor_rows(
        theme,
        (area, buf),
        title,
        (all.len(), cursor, 3),
        |i, at, width| line(&all[i], theme, at, width),
    );
}

/// A row of the plan: one line, or, for a pick left out with its reasons, as many as the
/// reasons need, wrapped under the mark.
fn line(r: &PlanRow, theme: &Theme, at_cursor: bool, width: usize) -> Vec<Line<'static>> {
    let (mark, style): (&str, Style) = match r.kind {
        PlanKind::Day | PlanKind::Heading => ("", theme.title),
        PlanKind::Chosen(Priority::Must) => (MUST, theme.picked),
        PlanKind::Chosen(Priority::Want) => (PICKED, theme.picked),
        PlanKind::Chosen(Priority::Maybe) => (MAYBE, theme.picked),
        PlanKind::Dropped { .. } => ("✗", theme.clash),
        PlanKind::Gap => ("·", theme.axis),
        PlanKind::Later => ("▶", theme.note),
        PlanKind::Note => (" ", theme.note),
        PlanKind::Mine => (crate::presentation::plan::MINE, theme.title),
        PlanKind::Empty => ("", theme.base()),
    };
    let indent = if matches!(r.kind, PlanKind::Day | PlanKind::Heading) {
        String::new()
    } else {
        format!("  {mark} ")
    };
    let style = if at_cursor {
        style.patch(theme.selected)
    } else {
        style
    };
    if !matches!(r.kind, PlanKind::Dropped { .. }) {
        let body = text::pad(&text::fit(&format!("{indent}{}", r.text), width), width);
        return vec![Line::from(Span::styled(body, style))];
    }
    let under = " ".repeat(text::width(&indent));
    text::wrap(&r.text, width.saturating_sub(under.len()).max(10))
        .into_iter()
        .enumerate()
        .map(|(k, part)| {
            let lead = if k == 0 { &indent } else { &under };
            let body = text::pad(&text::fit(&format!("{lead}{part}"), width), width);
            Line::from(Span::styled(body, style))
        })
        .collect()
}

/// The talks that fit a free stretch of the plan, the cursor's marked.
pub(super) fn draw_fits(
    app: &App,
    theme: &Theme,
    (start, end, cursor): (crate::model::Stamp, crate::model::Stamp, usize),
    area: Rect,
    buf: &mut Buffer,
) {
    let key = |c| app.keymap.hint(Context::Fits, c);
    let title = format!(
        " Talks that fit {} — {}: show in the grid · {}: back ",
        crate::presentation::span(&start, &end),
        key(Command::Open),
        key(Command::Close)
    );
    let fits = app.fits_shown(start, end);
    // Room names whole, as wide as the widest listed (up to 32 columns).
    let room_w = fits
        .iter()
        .map(|&i| {
            let s = app.session(i);
            text::width(&crate::presentation::place(s.room.as_deref(), s.kind))
        })
        .max()
        .unwrap_or(4)
        .clamp(4, 32);
    if fits.is_empty() {
        super::cursor_list(theme, (area, buf), title, (1, 1, 3), |_, _, _| {
            Line::raw("  No talk fits this stretch whole.")
        });
        return;
    }
    super::cursor_list(
        theme,
        (area, buf),
        title,
        (fits.len(), cursor, 3),
        |n, at, width| {
            let s = app.session(fits[n]);
            let room = crate::presentation::place(s.room.as_deref(), s.kind);
            let body = format!(
                "  {}  {}  {}",
                crate::presentation::span(&s.start, &s.end),
                text::pad(&text::fit(&room, room_w), room_w),
                s.title
            );
            let style = if at { theme.selected } else { theme.base() };
            Line::from(Span::styled(
                text::pad(&text::fit(&body, width), width),
                style,
            ))
        },
    );
}

/// Now and next: the rows of [`now_rows`](crate::tui::now_rows), the cursor's marked.
pub(super) fn draw_now(app: &App, theme: &Theme, cursor: usize, area: Rect, buf: &mut Buffer) {
    let key = |c| app.keymap.hint(Context::NowNext, c);
    let title = format!(
        " Now and next — {}: show in the grid · {}: back ",
        key(Command::Open),
        key(Command::Close)
    );
    let rows = crate::tui::now_rows::rows(app, app.now());
    super::cursor_list(
        theme,
        (area, buf),
        title,
        (rows.len(), cursor, 3),
        |n, at, width| {
            let r = &rows[n];
            let style = match (at, r.heading) {
                (true, _) => theme.selected,
                (false, true) => theme.title,
                (false, false) => theme.base(),
            };
            let body = if r.heading {
                r.text.clone()
            } else {
                format!("  {}", r.text)
            };
            Line::from(Span::styled(
                text::pad(&text::fit(&body, width), width),
                style,
            ))
        },
    );
}

/// "I couldn't get in": what runs near the missed talk, nearest first, with the walk and how
/// long it has run or until it starts.
pub(super) fn draw_alternatives(
    app: &App,
    theme: &Theme,
    cursor: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let key = |c| app.keymap.hint(Context::Fits, c);
    let title = format!(
        " Instead of {} — {}: pick it and show it in the grid · {}: back ",
        app.missed_title,
        key(Command::Open),
        key(Command::Close)
    );
    let list = &app.alternatives;
    if list.is_empty() {
        super::cursor_list(theme, (area, buf), title, (1, 1, 3), |_, _, _| {
            Line::raw("  Nothing else runs near it now or starts within minutes.")
        });
        return;
    }
    let room_w = list
        .iter()
        .map(|a| {
            let s = app.session(a.session);
            text::width(&crate::presentation::place(s.room.as_deref(), s.kind))
        })
        .max()
        .unwrap_or(4)
        .clamp(4, 32);
    super::cursor_list(
        theme,
        (area, buf),
        title,
        (list.len(), cursor, 3),
        |n, at, width| {
            let a = &list[n];
            let s = app.session(a.session);
            let room = crate::presentation::place(s.room.as_deref(), s.kind);
            let when = crate::presentation::plan::alternative_when(a);
            let mark = a.priority.map_or(" ", |p| match p {
                Priority::Must => MUST,
                Priority::Want => PICKED,
                Priority::Maybe => MAYBE,
            });
            let body = format!(
                "  {}  {}  {:>9} walk · {:<18} {mark} {}",
                crate::presentation::span(&s.start, &s.end),
                text::pad(&text::fit(&room, room_w), room_w),
                crate::presentation::duration(a.walk),
                when,
                s.title
            );
            let style = if at { theme.selected } else { theme.base() };
            Line::from(Span::styled(
                text::pad(&text::fit(&body, width), width),
                style,
            ))
        },
    );
}

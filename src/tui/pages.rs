//! The scrolling pages, a session's details and the help: their lines with the theme's styles,
//! their titles (key hints from the keymap), and how far each scrolls at a size. `update` reads
//! the limits and the views draw the lines; neither imports the other.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::action::Command;
use super::app::App;
use super::keymap::{Context, Keymap};
use super::status;
use super::text_rows;
use super::theme::{Palette, Theme};
use crate::presentation::{CLASH, CLASHES_NAMED, PICKED, duration, session_facts, span};
use crate::text;

/// The detail page's title, with its keys.
pub fn detail_title(app: &App) -> String {
    let picked = app.selected.is_some_and(|i| app.planner.is_picked(i));
    let km = &app.keymap;
    format!(
        " Session · {} back · {} {} · {}/{} scroll ",
        km.hint(Context::Detail, Command::Close),
        km.hint(Context::Detail, Command::TogglePick),
        if picked { "unpick" } else { "pick" },
        km.hint(Context::Detail, Command::Down),
        km.hint(Context::Detail, Command::Up),
    )
}

/// The help page's title, with its keys.
pub fn help_title(keymap: &Keymap) -> String {
    format!(
        " Keys · {} or {} closes ",
        keymap.hint(Context::Help, Command::ShowHelp),
        keymap.hint(Context::Help, Command::Close)
    )
}

/// The largest useful scroll of bordered, wrapped lines in a view `height` rows high (the
/// borders take two rows and two columns).
fn max_scroll(lines: &[Line], width: u16, height: u16) -> u16 {
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            text::wrap(&t, inner_w).len().max(1)
        })
        .sum();
    let visible = usize::from(height.saturating_sub(2)).max(1);
    u16::try_from(rows.saturating_sub(visible)).unwrap_or(u16::MAX)
}

/// The rows a page has on screen: all but the status area.
fn page_height(app: &App) -> u16 {
    app.height.saturating_sub(status::rows(app))
}

/// The detail page's size at the current terminal size: its inner width and the rows it shows.
pub fn detail_size(app: &App) -> (usize, usize) {
    (
        usize::from(app.width.saturating_sub(2)).clamp(1, DETAIL_MAX),
        usize::from(page_height(app).saturating_sub(2)).max(1),
    )
}

/// The widest the details' text runs: lines longer than this are hard to read.
pub const DETAIL_MAX: usize = 100;

/// The detail page's head (everything above the session's text) as rows `cols` wide, each with
/// its style.
pub fn detail_head_rows(app: &App, theme: &Theme, cols: usize) -> Vec<(String, Style)> {
    let mut rows = Vec::new();
    for line in detail_head(app, theme) {
        let t: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let style = line
            .spans
            .first()
            .map_or(line.style, |s| line.style.patch(s.style));
        // A line that fits keeps its spaces (the facts' labels line up); a longer one wraps.
        if text::width(&t) <= cols {
            rows.push((t, style));
            continue;
        }
        for row in text::wrap(&t, cols) {
            rows.push((row, style));
        }
    }
    rows
}

/// Rows `from..from + count` of the detail page, `cols` wide: the head's rows, then the
/// session's text from where [`App::detail_rows`] knows its rows start (else made from the
/// start, as far as asked).
pub fn detail_rows(
    app: &App,
    theme: &Theme,
    cols: usize,
    (from, count): (usize, usize),
) -> Vec<(String, Style)> {
    let Some(i) = app.selected else {
        return Vec::new();
    };
    let head = detail_head_rows(app, theme, cols);
    let mut rows: Vec<(String, Style)> = head.iter().skip(from).take(count).cloned().collect();
    let wanted = count - rows.len();
    if wanted == 0 {
        return rows;
    }
    let body_from = from.saturating_sub(head.len());
    let s = app.session(i);
    let pieces = text_rows::pieces(s);
    let known = app.detail_rows.start((i, cols), body_from);
    let (at, skip) = known.map_or(((0, 0), body_from), |at| (at, 0));
    rows.extend(
        text_rows::PieceRows::new(&pieces, cols, at)
            .skip(skip)
            .take(wanted)
            .map(|(row, _)| (row, Style::new())),
    );
    rows
}

/// Scrolls the detail page to `wanted` rows down, as far as its last row at the bottom: the
/// rows of the text are made (and kept in `app.detail_rows`) only as far as that needs.
pub fn scroll_detail(app: &mut App, wanted: usize) -> usize {
    let Some(i) = app.selected else { return 0 };
    let (cols, visible) = detail_size(app);
    let head = detail_head_rows(app, &Theme::new(Palette::Mono), cols).len();
    let schedule = std::sync::Arc::clone(app.schedule());
    let pieces = text_rows::pieces(&schedule.sessions[i]);
    let rows = (wanted + visible + 1).saturating_sub(head);
    app.detail_rows.ensure((i, cols), &pieces, rows);
    let total = head + app.detail_rows.known();
    wanted.min(total.saturating_sub(visible))
}

/// The message view's rows: the status line's message in full, wrapped to the page.
pub fn message_rows(app: &App, cols: usize) -> Vec<String> {
    text::wrap(&crate::message::for_terminal(&app.said()), cols)
}

/// How far the message view can scroll at the current size.
pub fn message_max_scroll(app: &App) -> usize {
    let (cols, visible) = detail_size(app);
    message_rows(app, cols).len().saturating_sub(visible)
}

/// The message view's title, with its keys.
pub fn message_title(keymap: &Keymap) -> String {
    format!(
        " Message · {} back · {}/{} scroll ",
        keymap.hint(Context::Message, Command::Close),
        keymap.hint(Context::Message, Command::Down),
        keymap.hint(Context::Message, Command::Up),
    )
}

/// How far the help can scroll at the current size.
pub fn help_max_scroll(app: &App) -> u16 {
    let mono = Theme::new(Palette::Mono);
    let lines = help(
        &app.keymap,
        &mono,
        app.width.saturating_sub(2),
        &app.track_legend(&mono),
        (app.list_filter.text(), app.help_from),
    );
    max_scroll(&lines, app.width, page_height(app))
}

/// The lines of the selected session's details above its text.
fn detail_head(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let Some(i) = app.selected else {
        return Vec::new();
    };
    let s = app.session(i);
    let mut lines: Vec<Line> = vec![Line::styled(s.title.to_string(), theme.title)];
    if !s.speakers.is_empty() {
        lines.push(Line::styled(
            format!("by {}", s.speaker_line()),
            theme.speakers,
        ));
    }
    lines.push(Line::raw(""));
    for (label, value) in session_facts(app.schedule(), s) {
        lines.push(Line::raw(format!("{label:<6} {value}")));
    }
    if app.planner.is_cancelled(i) {
        lines.push(Line::styled(
            format!(
                "{} in my agenda, but the schedule cancelled it: unpick it, or keep it as a reminder",
                crate::presentation::OFF
            ),
            theme.warn,
        ));
    } else if app.planner.is_picked(i) {
        lines.push(Line::styled(format!("{PICKED} in my agenda"), theme.picked));
        let me = app.overview().picks.iter().position(|p| p.id == s.id);
        if let Some(me) = me {
            for (j, minutes) in app.overview().clashes_of(me, CLASHES_NAMED) {
                let o = &app.overview().picks[j];
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
            let more = app
                .overview()
                .clashes_with(me)
                .saturating_sub(CLASHES_NAMED);
            if more > 0 {
                lines.push(Line::styled(
                    format!("{CLASH} and {more} more clashes (see my agenda)"),
                    theme.warn,
                ));
            }
        }
    }
    let friends = app.friends_of(i);
    if !friends.is_empty() {
        lines.push(Line::styled(
            format!("Also picked by {}", friends.join(", ")),
            theme.note,
        ));
    }
    if !app.planner.is_picked(i) {
        lines.extend(
            if_picked(app, i)
                .into_iter()
                .map(|t| Line::styled(t, theme.note)),
        );
    }
    lines.push(Line::raw(""));
    lines
}

/// For a talk not picked: the picks it would clash with, and whether the plan would take it
/// (as a *want*) over them or keep them.
fn if_picked(app: &App, i: usize) -> Vec<String> {
    let s = app.session(i);
    let Some(day) = app.plan().days.iter().find(|d| d.date == s.day) else {
        return Vec::new();
    };
    let me = crate::agenda::choose::Wish {
        id: s.id.to_string(),
        title: s.title.to_string(),
        start: s.start,
        end: s.end,
        room: s.room.as_deref().map(str::to_string),
        priority: crate::agenda::Priority::Want,
        recorded: s.recorded == Some(true),
    };
    let clashing: Vec<&crate::agenda::choose::Wish> = day
        .wishes
        .iter()
        .filter(|w| w.start < me.end && me.start < w.end)
        .collect();
    if clashing.is_empty() {
        return vec!["not picked; picking it would clash with none of your picks".into()];
    }
    let mut wishes = day.wishes.clone();
    wishes.push(me);
    // Weighed as the plan weighs: around the day's events of your own, walking as it walks.
    let fixed: Vec<_> = day.events.iter().map(crate::agenda::Event::fixed).collect();
    let choice = crate::agenda::choose::choose_around(
        &wishes,
        &fixed,
        &app.planner.settings().walking,
        app.planner.settings().partial,
    );
    let taken = choice.chosen.contains(&(wishes.len() - 1));
    let names: Vec<String> = clashing
        .iter()
        .take(CLASHES_NAMED)
        .map(|w| format!("{} ({})", w.title, span(&w.start, &w.end)))
        .collect();
    let more = clashing.len().saturating_sub(CLASHES_NAMED);
    let list = if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    };
    // The picks the plan keeps now and would leave out for it.
    let beaten: Vec<&str> = day
        .choice
        .chosen
        .iter()
        .filter(|k| !choice.chosen.contains(k))
        .map(|&k| day.wishes[k].title.as_str())
        .collect();
    let verdict = match (taken, beaten.is_empty()) {
        (false, _) => "the plan would keep your picks instead".to_string(),
        (true, true) => "the plan would take it too".to_string(),
        (true, false) => format!("the plan would take it and leave out {}", beaten.join(", ")),
    };
    vec![format!(
        "not picked; picking it as a want would clash with {list}; {verdict}"
    )]
}

/// The keys column's width, and the indent of the text after it.
const KEYS_W: usize = 18;
const INDENT: usize = 2 + KEYS_W + 1;

/// A row of two columns, the second wrapped to `width` and its continuation lines indented
/// under it.
fn row(theme: &Theme, first: &str, what: &str, width: u16) -> Vec<Line<'static>> {
    let text_w = usize::from(width).saturating_sub(INDENT).max(12);
    let mut out = Vec::new();
    for (k, part) in text::wrap(what, text_w).into_iter().enumerate() {
        let head = if k == 0 {
            format!("  {} ", text::pad(first, KEYS_W))
        } else {
            " ".repeat(INDENT)
        };
        out.push(Line::from(vec![
            Span::styled(head, theme.header),
            Span::raw(part),
        ]));
    }
    out
}

/// The help's lines, wrapped to `width` columns, read from the keymap.
pub fn help(
    keymap: &Keymap,
    theme: &Theme,
    width: u16,
    tracks: &[(String, Style)],
    (filter, from): (&str, Context),
) -> Vec<Line<'static>> {
    if !filter.trim().is_empty() {
        return help_matching(keymap, theme, width, tracks, filter);
    }
    let mut lines = key_rows(theme, width, first_from(keymap.help_rows(), from));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Marks", theme.title));
    lines.extend(row(theme, PICKED, "picked (want)", width));
    lines.extend(row(theme, crate::presentation::MUST, "picked, must", width));
    lines.extend(row(
        theme,
        crate::presentation::MAYBE,
        "picked, maybe",
        width,
    ));
    lines.extend(row(
        theme,
        CLASH,
        "picked, clashes with another pick, and the plan keeps it",
        width,
    ));
    lines.extend(row(
        theme,
        crate::presentation::LEFT_OUT,
        "picked, and the plan leaves it out (p shows why)",
        width,
    ));
    lines.extend(row(
        theme,
        crate::presentation::OFF,
        "picked, but the schedule cancelled it (unpick it, or keep it as a reminder)",
        width,
    ));
    lines.extend(row(theme, "reversed", "the selected session", width));
    lines.extend(row(
        theme,
        "heavy edges ┏┃┗",
        "the box holding the selection",
        width,
    ));
    lines.extend(row(
        theme,
        "▸14:10 free",
        "you stand in a room's gap (h and l keep the time; j goes on to its next talk)",
        width,
    ));
    lines.extend(row(
        theme,
        "[AB] [4]",
        "friends who picked the talk: their initials, or how many when more than three",
        width,
    ));
    lines.extend(row(
        theme,
        "✚ ◉ ↻ ⊘",
        "new, new and matching a watch of yours, moved, cancelled in the last refresh (until you select the talk)",
        width,
    ));
    lines.extend(row(theme, "now───", "the time now, across the grid", width));
    lines.extend(row(
        theme,
        "◀ N  N more ▶",
        "rooms off screen on that side (a click brings them in)",
        width,
    ));
    lines.extend(row(
        theme,
        "side by side",
        "sessions that overlap in one room, each in its lane",
        width,
    ));
    lines.push(Line::raw(""));
    lines.extend(row(
        theme,
        "mouse",
        "a click selects a session, the wheel scrolls",
        width,
    ));
    if !tracks.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Tracks (the colour of their talks)",
            theme.title,
        ));
        lines.extend(tracks.iter().map(track_line));
    }
    lines
}

/// A track in the legend: a swatch and its name, in its colour.
fn track_line((name, style): &(String, Style)) -> Line<'static> {
    Line::from(vec![
        Span::raw("  "),
        Span::styled(" ■ ".to_string(), *style),
        Span::raw(" "),
        Span::styled(name.clone(), *style),
    ])
}

/// Key rows under their screens' titles, a blank line between screens.
fn key_rows(
    theme: &Theme,
    width: u16,
    rows: impl IntoIterator<Item = (Context, String, &'static str)>,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut last = None;
    for (ctx, keys, what) in rows {
        if last != Some(ctx) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(ctx.title(), theme.title));
            last = Some(ctx);
        }
        lines.extend(row(theme, &keys, what, width));
    }
    lines
}

/// The help's rows with the keys of the screen it was opened from first, then those that apply
/// everywhere and on every list, then the rest in the table's order.
fn first_from(
    rows: Vec<(Context, String, &'static str)>,
    from: Context,
) -> Vec<(Context, String, &'static str)> {
    let rank = |c: Context| match c {
        c if c == from => 0,
        Context::Global => 1,
        Context::Lists if from.is_list() => 2,
        _ => 3,
    };
    let mut rows = rows;
    // A stable sort keeps each screen's keys in the table's order.
    rows.sort_by_key(|(c, _, _)| rank(*c));
    rows
}

/// The help's rows whose keys, words or screen hold what is typed (case and accents aside),
/// under their screens' titles; the marks and tracks likewise.
fn help_matching(
    keymap: &Keymap,
    theme: &Theme,
    width: u16,
    tracks: &[(String, Style)],
    filter: &str,
) -> Vec<Line<'static>> {
    let want = text::fold(filter.trim());
    let hit = |parts: &[&str]| parts.iter().any(|p| text::fold(p).contains(&want));
    let matching = keymap
        .help_rows()
        .into_iter()
        .filter(|(ctx, keys, what)| hit(&[keys, what, ctx.title()]));
    let mut lines = key_rows(theme, width, matching);
    let named: Vec<&(String, Style)> = tracks.iter().filter(|(t, _)| hit(&[t.as_str()])).collect();
    if !named.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Tracks", theme.title));
        lines.extend(named.into_iter().map(track_line));
    }
    if lines.is_empty() {
        lines.push(Line::raw(format!(
            "  no key, screen or track holds {}",
            crate::message::quote(filter)
        )));
    }
    lines
}

//! What the status area at the bottom says, as text: the prompt while typing (a message such as
//! an export's error above it), the question while asking, else the counts, the message and the
//! help key. A long message wraps onto more rows (at most a quarter of the screen) instead of
//! being cut at the edge. Geometry reads how many rows it takes; the view draws it.

use super::action::Command;
use super::app::{App, Mode};
use super::keymap::Context;
use crate::message;
use crate::text;

/// The rows of the status area for a screen `width` columns wide.
pub fn lines(app: &App, width: u16) -> Vec<String> {
    let w = usize::from(width).max(1);
    let max_rows = usize::from(app.height / 4).max(1);
    let msg = message::for_terminal(&app.message);
    let key = |context, command| app.keymap.hint(context, command);
    let (submit, close) = (
        key(Context::Typing, Command::Submit),
        key(Context::Typing, Command::Close),
    );
    let prompt = match &app.mode {
        Mode::Search => Some(format!(
            "/{}  {}   {submit}: show the chosen result · {close}: clear",
            with_cursor(app.query.split()),
            if app.searching {
                "searching…".to_string()
            } else {
                plural(app.matches.len(), "match", "matches")
            }
        )),
        Mode::Export { path } => Some(format!(
            "Export {}to: {}  (.ics .md .txt .json .lanyrd)  {submit}: write · {close}: cancel",
            if app.export_plan { "the plan " } else { "" },
            with_cursor(path.split())
        )),
        Mode::Room { name } => Some(format!(
            "Room: {}  {submit}: go · {close}: cancel",
            with_cursor(name.split())
        )),
        Mode::ConfirmReplace { path } => Some(format!(
            "{} exists: replace it? {}: replace · {}: change the name",
            message::for_terminal(path),
            key(Context::Question, Command::Confirm),
            key(Context::Question, Command::Close)
        )),
        _ => None,
    };
    if let Some(prompt) = prompt {
        let mut rows: Vec<String> = if msg.is_empty() {
            Vec::new()
        } else {
            text::wrap(&format!(" {msg}"), w)
        };
        rows.truncate(max_rows.saturating_sub(1));
        rows.push(text::fit(&prompt, w));
        return rows;
    }
    let left = match super::choose_rows::lens_note(app) {
        Some(note) => format!(" {} · {note} │ ", counts(app)),
        None => format!(" {} │ ", counts(app)),
    };
    let right = format!(" {} help ", key(Context::Grid, Command::ShowHelp));
    let room = w
        .saturating_sub(text::width(&left) + text::width(&right))
        .max(1);
    let mut parts = text::wrap(&msg, room);
    let first = parts.first().cloned().unwrap_or_default();
    let mut rows = vec![format!("{left}{}{right}", text::pad(&first, room))];
    // The rest of the message wraps under it, the full width.
    let rest = parts.split_off(1.min(parts.len())).join(" ");
    if !rest.is_empty() {
        rows.extend(text::wrap(&format!(" {rest}"), w));
    }
    if rows.len() > max_rows {
        rows.truncate(max_rows);
        if let Some(last) = rows.last_mut() {
            *last = text::fit(&format!("{last} …"), w);
        }
    }
    rows
}

/// How many rows the status area takes.
pub fn rows(app: &App) -> u16 {
    u16::try_from(lines(app, app.width).len())
        .unwrap_or(1)
        .max(1)
}

/// "2 picks · 1 clash · 1 cancelled": the live picks and their clashes (the same words as the
/// printed agenda's footer), then the picks the schedule cancelled or dropped, apart.
pub fn counts(app: &App) -> String {
    let counts = app.planner.counts();
    let clashes = app.overview().clash_count();
    let mut out = format!(
        "{} · {}",
        plural(counts.picks, "pick", "picks"),
        plural(
            usize::try_from(clashes).unwrap_or(usize::MAX),
            "clash",
            "clashes"
        )
    );
    let off = counts.cancelled + counts.gone;
    if off > 0 {
        out.push_str(&format!(" · {off} cancelled"));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line's text with a bar where the cursor is.
fn with_cursor((before, after): (&str, &str)) -> String {
    format!(
        "{}▏{}",
        message::for_terminal(before),
        message::for_terminal(after)
    )
}

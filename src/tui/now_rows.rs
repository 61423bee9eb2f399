//! The "now and next" view's rows: my next pick first (the one the plan keeps, with the time
//! to it), then what runs now in every room with the minutes left and what starts next, each
//! session with the grid's mark. `update` (Enter) and the view read the same rows.

use crate::model::Stamp;
use crate::presentation::{duration, hm, place};
use crate::text;

use super::app::App;

/// A row: a heading, or a session (index) with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NowRow {
    pub session: Option<usize>,
    pub heading: bool,
    pub text: String,
}

fn heading(text: String) -> NowRow {
    NowRow {
        session: None,
        heading: true,
        text,
    }
}

fn line(app: &App, i: usize, what: String) -> NowRow {
    let s = app.session(i);
    let mark = crate::presentation::mark_of(&app.planner, i)
        .map(|m| format!("{m} "))
        .unwrap_or_default();
    NowRow {
        session: Some(i),
        heading: false,
        text: format!(
            "{}  {mark}{}  {what}",
            text::pad(&text::fit(&place(s.room.as_deref(), s.kind), 12), 12),
            s.title
        ),
    }
}

/// The rows at `now`.
pub fn rows(app: &App, now: Stamp) -> Vec<NowRow> {
    let sessions = &app.schedule().sessions;
    let mut out = Vec::new();
    match app.planner.pick_next(now) {
        Some(i) => {
            let s = &sessions[i];
            out.push(heading(format!(
                "My next pick: {} {} (in {})",
                s.start.date().format("%a"),
                hm(&s.start),
                duration(now.minutes_until(&s.start))
            )));
            out.push(line(app, i, String::new()));
        }
        None => out.push(heading("My next pick: none after now".into())),
    }
    // What the grid shows: its tracks, languages, rooms and filters, said in the heading.
    let lens = crate::tui::choose_rows::lens_note(app)
        .map_or_else(String::new, |note| format!(" · {note}"));
    out.push(heading(format!("Now ({}){lens}", hm(&now))));
    let running: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions[i].start <= now && now < sessions[i].end && app.shows(i))
        .collect();
    if running.is_empty() {
        out.push(heading("  nothing is on".into()));
    }
    for &i in &running {
        let left = duration(now.minutes_until(&sessions[i].end).max(0));
        out.push(line(app, i, format!("({left} left)")));
    }
    // Sessions are in start order: the next start is the first shown after now.
    let from = sessions.partition_point(|s| s.start <= now);
    let from = (from..sessions.len())
        .find(|&i| app.shows(i))
        .unwrap_or(sessions.len());
    match sessions.get(from).map(|s| s.start) {
        Some(next) => {
            out.push(heading(format!(
                "Next: {} (in {})",
                hm(&next),
                duration(now.minutes_until(&next))
            )));
            for i in (from..sessions.len())
                .take_while(|&i| sessions[i].start == next)
                .filter(|&i| app.shows(i))
            {
                out.push(line(app, i, String::new()));
            }
        }
        None => out.push(heading("Next: nothing more in this schedule".into())),
    }
    out
}

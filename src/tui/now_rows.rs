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

/// The widest a room name gets in the list before it is cut with "…".
const ROOM_MAX: usize = 32;

fn line(app: &App, i: usize, what: String, room_w: usize) -> NowRow {
    let s = app.session(i);
    let mark = crate::presentation::mark_of(&app.planner, i)
        .map(|m| format!("{m} "))
        .unwrap_or_default();
    NowRow {
        session: Some(i),
        heading: false,
        text: format!(
            "{}  {mark}{}  {what}",
            text::pad(
                &text::fit(&place(s.room.as_deref(), s.kind), room_w),
                room_w
            ),
            s.title
        ),
    }
}

/// The rows at `now`: all of them, or, while a filter is typed (`/`), the headings and the rows
/// that hold it.
pub fn rows(app: &App, now: Stamp) -> Vec<NowRow> {
    let all = all_rows(app, now);
    let want = text::fold(app.list_filter.text().trim());
    if want.is_empty() {
        return all;
    }
    all.into_iter()
        .filter(|r| r.heading || text::fold(&r.text).contains(&want))
        .collect()
}

fn all_rows(app: &App, now: Stamp) -> Vec<NowRow> {
    let sessions = &app.schedule().sessions;
    let mine = app.planner.pick_next(now);
    let running: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions[i].start <= now && now < sessions[i].end && app.shows(i))
        .collect();
    // Sessions are in start order: the next start is the first shown after now.
    let from = sessions.partition_point(|s| s.start <= now);
    let from = (from..sessions.len())
        .find(|&i| app.shows(i))
        .unwrap_or(sessions.len());
    let next_start = sessions.get(from).map(|s| s.start);
    let next: Vec<usize> = (from..sessions.len())
        .take_while(|&i| Some(sessions[i].start) == next_start)
        .filter(|&i| app.shows(i))
        .collect();
    // Room names whole, as wide as the widest listed (up to a limit).
    let room_w = mine
        .iter()
        .chain(&running)
        .chain(&next)
        .map(|&i| text::width(&place(sessions[i].room.as_deref(), sessions[i].kind)))
        .max()
        .unwrap_or(4)
        .clamp(4, ROOM_MAX);
    let line = |i: usize, what: String| line(app, i, what, room_w);
    let mut out = Vec::new();
    match mine {
        Some(i) => {
            let s = &sessions[i];
            out.push(heading(format!(
                "My next pick: {} {} (in {})",
                s.start.date().format("%a"),
                hm(&s.start),
                duration(now.minutes_until(&s.start))
            )));
            out.push(line(i, String::new()));
        }
        None => out.push(heading("My next pick: none after now".into())),
    }
    if let Some(e) = app
        .planner
        .event_now(now)
        .or_else(|| app.planner.event_next(now))
    {
        let when = if e.start <= now {
            format!("now, {} left", duration(now.minutes_until(&e.end).max(0)))
        } else {
            format!("in {}", duration(now.minutes_until(&e.start)))
        };
        out.push(heading(format!(
            "My own: {} {} ({when})",
            e.start.date().format("%a"),
            hm(&e.start)
        )));
        out.push(NowRow {
            session: None,
            heading: false,
            text: format!(
                "{}  {} {}",
                text::pad(&text::fit(e.place.as_deref().unwrap_or(""), room_w), room_w),
                crate::presentation::plan::MINE,
                e.title
            ),
        });
    }
    // What the grid shows: its tracks, languages, rooms and filters, said in the heading.
    let lens = crate::tui::choose_rows::lens_note(app)
        .map_or_else(String::new, |note| format!(" · {note}"));
    out.push(heading(format!("Now ({}){lens}", hm(&now))));
    if running.is_empty() {
        out.push(heading("  nothing is on".into()));
    }
    for &i in &running {
        let left = duration(now.minutes_until(&sessions[i].end).max(0));
        out.push(line(i, format!("({left} left)")));
    }
    match next_start {
        Some(at) => {
            out.push(heading(format!(
                "Next: {} (in {})",
                hm(&at),
                duration(now.minutes_until(&at))
            )));
            for &i in &next {
                out.push(line(i, String::new()));
            }
        }
        None => out.push(heading("Next: nothing more in this schedule".into())),
    }
    out
}

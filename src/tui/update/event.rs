//! `M`: an event of the person's own added at the selected time, its title (and, if wanted,
//! its span and place) typed in one line; `u` takes it back.

use super::{nav, undo};
use crate::agenda::choose::Reason;
use crate::agenda::{Event, Op, parse_line};
use crate::model::Stamp;
use crate::tui::action::{Command, Effect};
use crate::tui::app::{App, Mode};
use crate::tui::line::LineEdit;
use crate::tui::said::Said;

/// Opens the line at the selected session's time (else the time the cursor is at, an hour).
pub(super) fn start(app: &mut App) {
    let (start, end) = match app.selected_session() {
        Some(s) => (s.start, s.end),
        None => match app.day_index() {
            Some(day) => {
                let at = day.base_stamp.plus_minutes(nav::at_minute(app));
                (at, at.plus_minutes(60))
            }
            None => return,
        },
    };
    app.mode = Mode::NewEvent {
        line: LineEdit::default(),
        start,
        end,
    };
}

/// A key while the line is typed.
pub(super) fn command(
    app: &mut App,
    c: Command,
    (mut line, start, end): (LineEdit, Stamp, Stamp),
    effects: &mut Vec<Effect>,
) {
    match c {
        Command::Submit => submit(app, line.text(), (start, end), effects),
        Command::Close => app.mode = Mode::Grid,
        other => {
            if let Some(e) = super::prompt::edit_of(other) {
                line.apply(e);
            }
            app.mode = Mode::NewEvent { line, start, end };
        }
    }
}

fn submit(app: &mut App, typed: &str, (start, end): (Stamp, Stamp), effects: &mut Vec<Effect>) {
    let zone = app.schedule().conference.time_zone;
    let (title, span, place) = parse_line(typed, start.date(), zone);
    let title = crate::text::clean_name(&title);
    if !title.chars().any(char::is_alphanumeric) {
        app.message = Said::EventNeedsTitle;
        return;
    }
    app.mode = Mode::Grid;
    let place = place.map(|p| app.schedule().place_named(&p));
    let span = span.unwrap_or((start, end));
    let agenda = app.agenda();
    let event = Event::new(
        &title,
        span,
        place,
        app.clock.with_timezone(&chrono::Utc),
        |id| agenda.event(id).is_some(),
    );
    let op = Op::AddEvent(event.clone());
    if undo::apply(app, &op) {
        effects.push(Effect::Save(op));
    }
    app.message = Said::EventAdded {
        title: crate::message::title(&event.title),
        span: crate::presentation::span(&event.start, &event.end),
        yielding: yielding(app, &event.id),
    };
}

/// How many picks the plan leaves out for the event `id`.
fn yielding(app: &App, id: &str) -> usize {
    app.plan()
        .days
        .iter()
        .filter_map(|d| d.events.iter().position(|e| e.id == id).map(|k| (d, k)))
        .map(|(d, k)| {
            d.choice
                .dropped
                .iter()
                .filter(|(_, r)| matches!(r, Reason::Busy { event, .. } if *event == k))
                .count()
        })
        .sum()
}

//! `lineup event add|list|remove`: the person's own events, kept in the agenda file and fixed
//! in the plan; and `lineup watch add|list|remove`, the saved searches kept beside them.

use std::process::ExitCode;
use std::sync::Arc;

use super::args::{AgendaArgs, SourceArgs};
use super::{open, print, resolve, warn};
use crate::agenda::choose::Reason;
use crate::agenda::{Event, Op, Planner, plan};
use crate::error::{Error, Result};
use crate::model::{Schedule, Stamp};
use crate::presentation::span;
use crate::workspace::clock;
use crate::{message, text};

/// `lineup event add TITLE DAY START-END [--place PLACE]`: adds it, then says which picks
/// the plan now leaves out for it.
pub(super) fn add(
    source: &SourceArgs,
    args: &AgendaArgs,
    (title, day, typed_span): (&str, &str, &str),
    place: Option<&str>,
) -> Result<ExitCode> {
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    let schedule = &opened.schedule;
    if !title.chars().any(char::is_alphanumeric) {
        return Err(Error::NoLetterOrDigit {
            what: "The event's title",
            typed: title.to_string(),
            example: "one like \"Lunch with Ana\"",
        });
    }
    let date = resolve::day(schedule, day)?;
    let (start, end) = times(schedule, date, typed_span)?;
    let place = place.map(|p| schedule.place_named(p));
    let store = &mut opened.store;
    let event = Event::new(
        &text::clean_name(title),
        (start, end),
        place,
        clock::now(),
        |id| store.agenda().event(id).is_some(),
    );
    store.apply_all(vec![Op::AddEvent(event.clone())])?;
    let mut out = format!("added: {}\n", line(&event));
    let walking = Arc::new(open::walking(&schedule.conference.id, None));
    let settings = plan::Settings {
        walking,
        only_day: Some(date),
        ..plan::Settings::default()
    };
    let planner = Planner::new(Arc::new(opened.schedule), store.agenda().clone(), settings);
    out.push_str(&yielding(&planner, &event));
    print(&out)
}

/// Start and end on `date` in the venue's zone, from "12:30-13:30".
fn times(schedule: &Schedule, date: chrono::NaiveDate, typed: &str) -> Result<(Stamp, Stamp)> {
    crate::agenda::span_on(date, typed, schedule.conference.time_zone).ok_or_else(|| {
        Error::BadSpan {
            typed: typed.to_string(),
        }
    })
}

/// "Lunch with Ana, Sat 10 Mar 12:30–13:30 at Café Belga (lunch-with-ana-0310-1230)".
fn line(e: &Event) -> String {
    format!(
        "{}, {} {}{} ({})",
        message::for_terminal(&e.title),
        e.start.wall().format("%a %-d %b"),
        span(&e.start, &e.end),
        e.place
            .as_deref()
            .map_or_else(String::new, |p| format!(" at {}", message::for_terminal(p))),
        message::for_terminal(&e.id)
    )
}

/// The picks the plan leaves out for `event`, each with why.
fn yielding(planner: &Planner, event: &Event) -> String {
    let mut out = String::new();
    for day in &planner.plan().days {
        let Some(k) = day.events.iter().position(|e| e.id == event.id) else {
            continue;
        };
        for (i, r) in &day.choice.dropped {
            if matches!(r, Reason::Busy { event, .. } if *event == k) {
                out.push_str(&format!(
                    "  the plan leaves out {}: {}\n",
                    message::title(&day.wishes[*i].title),
                    crate::presentation::plan::reason(day, r)
                ));
            }
        }
    }
    out
}

/// `lineup event list [--json]`.
pub(super) fn list(source: &SourceArgs, args: &AgendaArgs, json: bool) -> Result<ExitCode> {
    let opened = open::both(source, args)?;
    warn(&opened.notes);
    let agenda = opened.store.agenda();
    if json {
        let events: Vec<&Event> = agenda.events().collect();
        let mut text = serde_json::to_string_pretty(&events).map_err(|e| Error::Serialize {
            what: "the events as JSON",
            message: message::foreign(&e.to_string()),
        })?;
        text.push('\n');
        return print(&text);
    }
    if agenda.events().len() == 0 {
        return print(
            "No events of your own: `lineup event add \"Lunch\" sat 12:30-13:30` adds one.\n",
        );
    }
    let out: String = agenda.events().map(|e| format!("{}\n", line(e))).collect();
    print(&out)
}

/// `lineup event remove EVENT`: by id, or by title when one event has it.
pub(super) fn remove(source: &SourceArgs, args: &AgendaArgs, typed: &str) -> Result<ExitCode> {
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    let agenda = opened.store.agenda();
    let named: Vec<&Event> = match agenda.event(typed) {
        Some(e) => vec![e],
        None => agenda.events().filter(|e| e.is_named(typed)).collect(),
    };
    let event = match named[..] {
        [e] => e.clone(),
        _ => {
            let near = if named.is_empty() {
                agenda.events().map(|e| e.id.clone()).collect()
            } else {
                named.iter().map(|e| e.id.clone()).collect()
            };
            return Err(Error::NoEvent {
                typed: typed.to_string(),
                near,
            });
        }
    };
    opened
        .store
        .apply_all(vec![Op::RemoveEvent(event.id.clone())])?;
    print(&format!("removed: {}\n", line(&event)))
}

/// `lineup watch add|remove WORDS`.
pub(super) fn watch(
    source: &SourceArgs,
    args: &AgendaArgs,
    words: &str,
    add: bool,
) -> Result<ExitCode> {
    let mut opened = open::both(source, args)?;
    warn(&opened.notes);
    let words = text::clean_name(words);
    let shown = message::quote(&words);
    if add {
        if crate::model::search::Query::new(&words).is_empty() {
            return Err(Error::NoLetterOrDigit {
                what: "The watch",
                typed: words,
                example: "words such as \"rust async\"",
            });
        }
        let now = now_matching(&opened.schedule, &words);
        if opened.store.agenda().watches().any(|w| *w == words) {
            return print(&format!("already watching {shown} ({now} now)\n"));
        }
        opened.store.apply_all(vec![Op::Watch(words.clone())])?;
        return print(&format!(
            "watching {shown}: {now} now; each refresh reports new ones\n"
        ));
    }
    if !opened.store.agenda().watches().any(|w| *w == words) {
        return Err(Error::NoWatch {
            typed: words,
            near: opened.store.agenda().watches().cloned().collect(),
        });
    }
    opened.store.apply_all(vec![Op::Unwatch(words)])?;
    print(&format!("no longer watching {shown}\n"))
}

/// "3 talks match" for a watch in this schedule.
fn now_matching(schedule: &Schedule, words: &str) -> String {
    let q = crate::model::search::Query::new(words);
    let n = schedule.sessions.iter().filter(|s| q.matches(s)).count();
    crate::presentation::plural(n as u64, "talk matches", "talks match")
}

/// `lineup watch list`.
pub(super) fn watches(source: &SourceArgs, args: &AgendaArgs) -> Result<ExitCode> {
    let opened = open::both(source, args)?;
    warn(&opened.notes);
    let agenda = opened.store.agenda();
    if agenda.watches().len() == 0 {
        return print("No watches: `lineup watch add \"rust\"` adds one.\n");
    }
    let out: String = agenda
        .watches()
        .map(|w| {
            format!(
                "{}  ({})\n",
                message::for_terminal(w),
                now_matching(&opened.schedule, w)
            )
        })
        .collect();
    print(&out)
}

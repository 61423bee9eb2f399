//! Friends' agendas on the command line: `friend add|list|remove`, `together` (talks you and
//! friends both picked), and what `plan --with` needs.

use std::process::ExitCode;
use std::time::Duration;

use super::{AgendaArgs, SourceArgs, open, print, warn};
use crate::agenda::{Agenda, Priority};
use crate::error::{Error, Result};
use crate::message;
use crate::presentation::{place, plural, span};
use crate::workspace::friends;

/// `lineup friend add NAME FILE|URL`.
pub(super) fn add(
    name: &str,
    source: &str,
    from: &SourceArgs,
    timeout: Duration,
) -> Result<ExitCode> {
    let schedule = open::schedule(from)?;
    let (friend, picks) = friends::add(name, source, &schedule, timeout)?;
    print(&format!(
        "added {}: {} in {} (read from {}; lineup only reads it)\n",
        message::for_terminal(&friend.name),
        plural(picks as u64, "pick", "picks"),
        message::title(&schedule.conference.title),
        message::for_terminal(&friend.source)
    ))
}

/// `lineup friend list`.
pub(super) fn list(from: &SourceArgs) -> Result<ExitCode> {
    let all = friends::list()?;
    if all.is_empty() {
        return print(
            "No friends yet: lineup friend add NAME FILE (their agenda file, or its URL)\n",
        );
    }
    let schedule = open::schedule(from).ok();
    let mut out = String::new();
    for f in &all {
        let state = match &schedule {
            Some(s) if s.conference.id == f.conference => match friends::read(f, s) {
                Ok(a) => plural(a.picks().len() as u64, "pick", "picks"),
                Err(e) => format!("cannot be read: {e}"),
            },
            _ => format!("for {}", f.conference),
        };
        out.push_str(&message::for_terminal(&format!(
            "{}  {}  {state}",
            f.name, f.source
        )));
        out.push('\n');
    }
    print(&out)
}

/// `lineup friend remove NAME`.
pub(super) fn remove(name: &str) -> Result<ExitCode> {
    let gone = friends::remove(name)?;
    print(&format!(
        "removed {} (their file is left as it is)\n",
        message::for_terminal(&gone.name)
    ))
}

/// The agendas of the friends for this schedule, only `name`'s when given (which must exist).
pub(super) fn agendas(
    schedule: &crate::model::Schedule,
    name: Option<&str>,
) -> Result<Vec<(String, Agenda)>> {
    let (mut found, notes) = friends::agendas(schedule);
    warn(&notes);
    if let Some(name) = name {
        found.retain(|(n, _)| n == name);
        if found.is_empty() {
            return Err(Error::NoFriend {
                name: name.to_string(),
                conference: Some(schedule.conference.id.clone()),
                known: friends::list()?.into_iter().map(|f| f.name).collect(),
            });
        }
    }
    Ok(found)
}

/// `lineup together [NAME]`: the talks you and a friend (or any friend) both picked, in time
/// order, each with who.
pub(super) fn together(
    source: &SourceArgs,
    agenda: &AgendaArgs,
    name: Option<&str>,
) -> Result<ExitCode> {
    let opened = open::both(source, agenda)?;
    warn(&opened.notes);
    let schedule = &opened.schedule;
    let theirs = agendas(schedule, name)?;
    let mine = opened.store.agenda();
    let mut out = String::new();
    let mut shared = 0;
    for s in schedule.sessions.iter().filter(|s| mine.is_picked(&s.id)) {
        let who: Vec<&str> = theirs
            .iter()
            .filter(|(_, a)| a.is_picked(&s.id))
            .map(|(n, _)| n.as_str())
            .collect();
        if who.is_empty() {
            continue;
        }
        shared += 1;
        out.push_str(&message::for_terminal(&format!(
            "{} {}  {}  {} — with {}",
            s.start.date().format("%a %-d"),
            span(&s.start, &s.end),
            crate::text::pad(&place(s.room.as_deref(), s.kind), 9),
            s.title,
            who.join(", ")
        )));
        out.push('\n');
    }
    if shared == 0 {
        let whom = name.map_or("any friend".to_string(), message::for_terminal);
        return print(&format!("No talk picked by both you and {whom}.\n"));
    }
    print(&out)
}

/// My agenda with each pick a friend also picked counted one level higher (maybe → want,
/// want → must): what `plan --with NAME` plans.
pub(super) fn preferring(mine: &Agenda, theirs: &Agenda) -> Agenda {
    let mut out = mine.clone();
    for p in mine.picks().iter().filter(|p| theirs.is_picked(&p.id)) {
        let higher = match p.priority {
            Priority::Maybe => Priority::Want,
            _ => Priority::Must,
        };
        out.set_priority(&p.id, higher);
    }
    out
}

//! Recurring events: a VEVENT with `RRULE` or `RDATE` becomes one session per occurrence
//! (the rules are the `rrule` crate's, RFC 5545 in full), less its `EXDATE`s and the
//! occurrences another VEVENT of the same UID overrides with a `RECURRENCE-ID`. Each
//! occurrence's id is the UID and its original start, so a pick on one keeps to it across
//! refreshes. A series is cut at [`PER_SERIES`] occurrences or a year after its start, and a
//! file at [`PER_FILE`], with a warning naming what was cut.

use std::collections::HashSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;

use crate::import::Warning;
use crate::message;
use crate::model::{Session, Stamp};

/// The most occurrences one series gives.
pub(super) const PER_SERIES: u16 = 500;
/// The most occurrences a whole file gives (lineup is measured at 100,000 talks).
pub(super) const PER_FILE: usize = 100_000;
/// The most bytes of text the copies may hold in all: a long description repeated 500 times
/// is cut sooner (memory stays bounded by what the file is worth).
const COPIED_BYTES: usize = 64 * 1024 * 1024;
/// How far after its first start a series is followed.
const HORIZON_DAYS: i64 = 366;

/// A recurring event as read: where its session is, the zone its rule runs in (`None`:
/// floating), the rule, and its extra and excluded dates.
#[derive(Debug, Clone)]
pub(super) struct Series {
    pub at: usize,
    pub tz: Option<Tz>,
    pub rule: Option<String>,
    pub rdates: Vec<Stamp>,
    pub exdates: Vec<Stamp>,
}

/// The id of the occurrence of `uid` that starts (or started, before an override moved it)
/// at `start`: its instant in UTC, or its wall time when it floats.
pub(super) fn occurrence_id(uid: &str, start: &Stamp) -> String {
    if start.is_floating() {
        format!("{uid}/{}", start.wall().format("%Y%m%dT%H%M"))
    } else {
        format!("{uid}/{}Z", start.utc().format("%Y%m%dT%H%M"))
    }
}

/// A stamp in the rule's zone (floating stamps as if at UTC, and back).
fn in_rule_zone(s: &Stamp, tz: Option<Tz>) -> DateTime<rrule::Tz> {
    match tz {
        Some(tz) if !s.is_floating() => s.utc().with_timezone(&rrule::Tz::Tz(tz)),
        _ => rrule::Tz::UTC.from_utc_datetime(&s.wall()),
    }
}

fn from_rule_zone(d: &DateTime<rrule::Tz>, tz: Option<Tz>, like: &Stamp) -> Stamp {
    match tz {
        Some(_) if !like.is_floating() => Stamp::zoned(d.with_timezone(&Utc)),
        _ => Stamp::floating(d.naive_utc()),
    }
}

/// The starts of a series (its own first), at most [`PER_SERIES`] and a year; whether it was
/// cut; `Err` with the rule when the rule cannot be read.
fn starts(first: &Stamp, s: &Series) -> Result<(Vec<Stamp>, bool), String> {
    let dt_start = in_rule_zone(first, s.tz);
    let mut set = rrule::RRuleSet::new(dt_start);
    if let Some(rule) = &s.rule {
        let parsed = rule
            .parse::<rrule::RRule<rrule::Unvalidated>>()
            .and_then(|r| r.validate(dt_start))
            .map_err(|_| rule.clone())?;
        set = set.rrule(parsed);
    }
    for d in &s.rdates {
        set = set.rdate(in_rule_zone(d, s.tz));
    }
    for d in &s.exdates {
        set = set.exdate(in_rule_zone(d, s.tz));
    }
    let horizon = dt_start + Duration::days(HORIZON_DAYS);
    let set = set.before(horizon);
    let result = set.all(PER_SERIES);
    let mut cut = result.limited;
    let mut out: Vec<Stamp> = result
        .dates
        .iter()
        .map(|d| from_rule_zone(d, s.tz, first))
        .collect();
    // Whether the rule goes on past the horizon.
    if !cut
        && s.rule.as_deref().is_some_and(|r| {
            let r = r.to_ascii_uppercase();
            !r.contains("COUNT=") && !r.contains("UNTIL=")
        })
    {
        cut = true;
    }
    out.dedup();
    Ok((out, cut))
}

/// About how many bytes a copy of a session holds.
fn weight(s: &Session) -> usize {
    let speakers: usize = s.speakers.iter().map(|p| p.len()).sum();
    256 + s.id.len() + s.title.len() + s.abstract_text.len() + s.description.len() + speakers
}

/// Every series in `sessions` becomes its occurrences; what was cut or could not be read is
/// said in `warnings`.
pub(super) fn expand(
    sessions: Vec<Session>,
    series: Vec<Series>,
    venue: Option<Tz>,
    warnings: &mut Vec<Warning>,
) -> Vec<Session> {
    if series.is_empty() {
        return sessions;
    }
    let taken: HashSet<String> = sessions.iter().map(|s| s.id.to_string()).collect();
    let mut by_at: Vec<Option<Series>> = vec![None; sessions.len()];
    for s in series {
        if let Some(slot) = by_at.get_mut(s.at) {
            *slot = Some(s);
        }
    }
    let mut made = 0usize;
    let mut copied = 0usize;
    let mut out = Vec::with_capacity(sessions.len());
    for (session, s) in sessions.into_iter().zip(by_at) {
        let Some(s) = s else {
            out.push(session);
            continue;
        };
        let label = message::title(&session.title);
        let (starts, cut) = match starts(&session.start, &s) {
            Ok(found) => found,
            Err(rule) => {
                warnings.push(Warning::BadRule {
                    session: label,
                    rule,
                });
                out.push(session);
                continue;
            }
        };
        let weight = weight(&session);
        let by_bytes = COPIED_BYTES.saturating_sub(copied) / weight;
        let room = PER_FILE.saturating_sub(made).min(by_bytes).max(1);
        let file_cut = starts.len() > room;
        if cut || file_cut {
            warnings.push(Warning::RecurrenceCut {
                session: label,
                kept: starts.len().min(room),
            });
        }
        let length = session.minutes();
        for start in starts.into_iter().take(room) {
            let id = occurrence_id(&session.id, &start);
            if taken.contains(&id) {
                continue;
            }
            let start = start.in_zone(venue);
            let mut one = session.clone();
            one.id = id.into();
            one.day = start.date();
            one.start = start;
            one.end = start.plus_minutes(length);
            out.push(one);
            made += 1;
            copied += weight;
        }
    }
    out
}

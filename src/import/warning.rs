//! What an import noticed and says, as typed values: each kind has its own words, and when one
//! kind comes many times the first few are given and the rest counted.

use std::collections::HashMap;

use crate::message;
use crate::model::Fix;

/// A warning about a schedule that was read anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// What `normalize` changed (a duplicate id, an end before the start, an odd year).
    Fix(Fix),
    /// The file names a time zone that is not an IANA name.
    UnknownZone { name: String },
    /// An iCalendar TZID with no VTIMEZONE and no IANA name.
    UnknownTzid { tzid: String },
    /// A time skipped by a daylight-saving change, moved forward (RFC 5545). `session` is the
    /// session as quoted in messages, `written` the time the file gives, `shown` where it is.
    DstGap {
        session: String,
        written: String,
        shown: String,
    },
    /// A duration that cannot be read; the session is kept with no length.
    BadDuration { session: String, value: String },
    /// A duration over 14 days; the session is kept with no length.
    TooLong { session: String, minutes: i64 },
    /// A three-part duration that reads as `H:MM:SS` and as days (`D:HH:MM`) with nothing in
    /// the file to tell which: read as `H:MM:SS`.
    AmbiguousDuration {
        session: String,
        written: String,
        days_minutes: i64,
    },
    /// Contributions with no time in the timetable (Indico), which lineup cannot place.
    Unscheduled { count: usize },
    /// Lines before `BEGIN:VCALENDAR` or after `END:VCALENDAR` (an HTML comment around the
    /// calendar), skipped.
    OutsideCalendar { before: usize, after: usize },
    /// A recurring event's occurrences were cut at the bound (a rule without end, or more than
    /// lineup keeps).
    RecurrenceCut { session: String, kept: usize },
    /// A recurrence rule that cannot be read: the event is kept once.
    BadRule { session: String, rule: String },
    /// All-day events, which lineup skips.
    AllDaySkipped { count: usize },
    /// More warnings like the one before it, not given one by one.
    More { count: usize },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Fix(fix) => write!(f, "{fix}"),
            Warning::UnknownZone { name } => write!(
                f,
                "the schedule names an unknown time zone {}; pass --tz",
                message::quote(name)
            ),
            Warning::UnknownTzid { tzid } => write!(
                f,
                "unknown TZID {} with no VTIMEZONE; its times are read as local time, pin them with --tz",
                message::quote(tzid)
            ),
            Warning::DstGap {
                session,
                written,
                shown,
            } => write!(
                f,
                "{session} is at {written}, a time skipped by a daylight-saving change; it is shown at {shown} (RFC 5545)"
            ),
            Warning::BadDuration { session, value } => write!(
                f,
                "{session}: duration {} is not HH:MM; it is kept with no length",
                message::quote(value)
            ),
            Warning::TooLong { session, minutes } => write!(
                f,
                "{session} lasts {minutes} minutes, more than 14 days; it is kept with no length"
            ),
            Warning::AmbiguousDuration {
                session,
                written,
                days_minutes,
            } => write!(
                f,
                "{session}: duration {} is read as hours:minutes:seconds; if it means days:hours:minutes ({}, {}, {}), the schedule is wrong by that much",
                message::quote(written),
                count(days_minutes / 1440, "day", "days"),
                count(days_minutes % 1440 / 60, "hour", "hours"),
                count(days_minutes % 60, "minute", "minutes")
            ),
            Warning::Unscheduled { count: n } => write!(
                f,
                "{} no time in the timetable and {} not shown",
                count(
                    i64::try_from(*n).unwrap_or(i64::MAX),
                    "contribution has",
                    "contributions have"
                ),
                if *n == 1 { "is" } else { "are" }
            ),
            Warning::OutsideCalendar { before, after } => {
                let lines = |n: &usize| if *n == 1 { "line" } else { "lines" };
                write!(
                    f,
                    "{before} {} before BEGIN:VCALENDAR and {after} {} after END:VCALENDAR are not part of the calendar and were skipped",
                    lines(before),
                    lines(after)
                )
            }
            Warning::RecurrenceCut { session, kept } => write!(
                f,
                "{session} recurs beyond what lineup keeps; its first {kept} occurrences (at most a year of them) are shown"
            ),
            Warning::BadRule { session, rule } => write!(
                f,
                "{session} has a recurrence rule lineup cannot read ({}); it is shown once",
                message::quote(rule)
            ),
            Warning::AllDaySkipped { count } => write!(f, "{count} all-day events were skipped"),
            Warning::More { count } => write!(f, "and {count} more like these"),
        }
    }
}

/// "1 day", "2 days".
fn count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most this many warnings of one kind are given one by one; the rest are counted.
const OF_A_KIND: usize = 3;

/// A warning's kind: what counts as "like these".
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Fix(std::mem::Discriminant<Fix>),
    Other(std::mem::Discriminant<Warning>),
}

fn kind(w: &Warning) -> Kind {
    match w {
        Warning::Fix(fix) => Kind::Fix(std::mem::discriminant(fix)),
        other => Kind::Other(std::mem::discriminant(other)),
    }
}

/// The first few warnings of each kind, in order, each kind's count of the rest after its last
/// one given: 20,000 renamed ids are four lines, not 20,000.
pub(crate) fn summarize(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut total: HashMap<Kind, usize> = HashMap::new();
    for w in &warnings {
        *total.entry(kind(w)).or_default() += 1;
    }
    let mut given: HashMap<Kind, usize> = HashMap::new();
    let mut out = Vec::new();
    for w in warnings {
        let k = kind(&w);
        let n = given.entry(k).or_default();
        *n += 1;
        if *n <= OF_A_KIND {
            out.push(w);
        }
        if *n == OF_A_KIND && total[&k] > OF_A_KIND {
            out.push(Warning::More {
                count: total[&k] - OF_A_KIND,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_of_a_kind_are_counted_after_three() {
        let gap = |i: usize| Warning::BadDuration {
            session: format!("s{i}"),
            value: "x".into(),
        };
        let mut ws: Vec<Warning> = (0..10).map(gap).collect();
        ws.insert(1, Warning::AllDaySkipped { count: 2 });
        let out = summarize(ws);
        let shown: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(out.len(), 5, "{shown:?}");
        assert_eq!(shown[4], "and 7 more like these");
        assert!(shown[1].contains("all-day"));
    }
}

//! Three-part durations, which producers write two ways: `H:MM:SS` (most) and `D:HH:MM` (EMF's
//! frab exporter, for slots of a day or more, writing `H:MM` for the rest). A duration that
//! reads both ways is settled by the rest of the same file: two-part durations beside it mean
//! days; a three-part one that only reads as a clock (`0:40:00`) means a clock. When nothing
//! tells, it is read as a clock and a warning names the session.

use chrono_tz::Tz;

use super::Warning;
use super::draft::{Draft, MAX_MINUTES};
use crate::error::Result;
use crate::model::Session;

/// What a file's durations say about how it writes three parts, and the sessions that wait for
/// it.
#[derive(Debug, Default)]
pub(super) struct ThreeParts {
    /// A two-part duration (`H:MM`) was seen.
    two_part: bool,
    /// A three-part duration that only reads as `H:MM:SS` (its middle part is 24 or more).
    clock_only: bool,
    /// Sessions whose duration reads both ways: their index, how messages name them, the
    /// duration as written and its minutes as days.
    either: Vec<Either>,
}

#[derive(Debug)]
struct Either {
    index: usize,
    session: String,
    written: String,
    days_minutes: i64,
}

/// A duration's numeric parts when it is made of two or three of them.
fn parts(duration: &str) -> Option<Vec<i64>> {
    let parts: Vec<i64> = duration
        .trim()
        .split(':')
        .map(|p| p.trim().parse::<i64>().ok().filter(|n| *n >= 0))
        .collect::<Option<Vec<_>>>()?;
    matches!(parts.len(), 2 | 3).then_some(parts)
}

impl ThreeParts {
    /// Notes the duration of `draft`, whose session will be the `index`-th read. A draft with an
    /// end of its own needs nothing of its duration.
    pub(super) fn note(&mut self, draft: &Draft, index: usize) {
        if !draft.end.trim().is_empty() || draft.end_at.is_some() {
            return;
        }
        let Some(p) = parts(&draft.duration) else {
            return;
        };
        match p[..] {
            [_, m] if m < 60 => self.two_part = true,
            [_, m, _] if m >= 24 => self.clock_only = true,
            [d, h, m] if h < 24 && m < 60 => {
                let clock = h + d * 60 + i64::from(m > 0);
                let days = d.saturating_mul(1440).saturating_add(h * 60 + m);
                if days != clock {
                    self.either.push(Either {
                        index,
                        session: draft.label(),
                        written: draft.duration.trim().to_string(),
                        days_minutes: days,
                    });
                }
            }
            _ => {}
        }
    }

    /// Takes what a part read apart found, its sessions placed from `offset` on.
    pub(super) fn append(&mut self, other: ThreeParts, offset: usize) {
        self.two_part |= other.two_part;
        self.clock_only |= other.clock_only;
        self.either.extend(other.either.into_iter().map(|mut e| {
            e.index += offset;
            e
        }));
    }

    /// Settles the sessions that waited: as days when the file writes two-part durations and
    /// no three-part one that only reads as a clock; else as they were read (a clock), with a
    /// warning for each when nothing in the file told.
    pub(super) fn settle(self, sessions: &mut [Session], warnings: &mut Vec<Warning>) {
        if self.two_part && !self.clock_only {
            for e in self.either {
                let Some(s) = sessions.get_mut(e.index) else {
                    continue;
                };
                if e.days_minutes <= MAX_MINUTES {
                    s.end = s.start.plus_minutes(e.days_minutes);
                } else {
                    warnings.push(Warning::TooLong {
                        session: e.session,
                        minutes: e.days_minutes,
                    });
                    s.end = s.start;
                }
            }
        } else if !self.clock_only {
            warnings.extend(self.either.into_iter().map(|e| Warning::AmbiguousDuration {
                session: e.session,
                written: e.written,
                days_minutes: e.days_minutes,
            }));
        }
    }
}

/// Drafts read whole become sessions, in order, with three-part durations settled by the rest
/// of the file (the readers that hold a whole file share this).
pub(super) fn finish_all(
    drafts: Vec<Draft>,
    origin: &str,
    tz: Option<Tz>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Session>> {
    let mut three = ThreeParts::default();
    let mut sessions = Vec::with_capacity(drafts.len());
    for d in drafts {
        three.note(&d, sessions.len());
        sessions.push(d.finish(origin, tz, warnings)?);
    }
    three.settle(&mut sessions, warnings);
    Ok(sessions)
}

//! What the structured importers (XML, JSON) collect about an event before it becomes a
//! session: times and the conference day are resolved here, the same way for every format, and
//! what is slightly off (a time in a daylight-saving gap, a duration like "99:99") becomes a
//! warning naming the session instead of refusing the whole file.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::{Warning, html};
use crate::error::{Error, Result};
use crate::message;
use crate::model::{Kind, Session, Stamp, Str};
use crate::text;

/// The longest session accepted; a longer one is kept with no length, with a warning.
pub(super) const MAX_MINUTES: i64 = 14 * 24 * 60;

/// Talks starting on the next date before this hour belong to the day before (when the day
/// gives no start of its own).
const NIGHT_ENDS: NaiveTime = match NaiveTime::from_hms_opt(5, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

#[derive(Debug, Default, Clone)]
pub(super) struct Draft {
    pub id: String,
    pub guid: String,
    pub title: String,
    pub subtitle: String,
    pub speakers: Vec<String>,
    pub abstract_text: String,
    pub description: String,
    pub room: String,
    pub track: String,
    pub kind: String,
    pub url: String,
    pub links: Vec<(String, String)>,
    pub do_not_record: Option<bool>,
    /// ISO date-time with offset, when the source gives one.
    pub date: String,
    /// HH:MM on the day.
    pub start: String,
    /// HH:MM or HH:MM:SS, or ISO 8601 (`PT1H30M`).
    pub duration: String,
    /// The end as an ISO date-time, when the source gives one (c3voc v2, Sessionize, xCal):
    /// the length is the time from the start to it.
    pub end: String,
    /// The start and end as instants, when the reader has them already (no text to parse).
    pub start_at: Option<Stamp>,
    pub end_at: Option<Stamp>,
    /// The language, as the source names it.
    pub language: String,
    /// The source marks the event cancelled.
    pub cancelled: bool,
    /// The day the source files the event under (from the enclosing day; some producers write
    /// it in UTC, so the conference day is worked out from the start).
    pub day: Option<NaiveDate>,
    /// When the listed day starts, as the source gives it (any offset).
    pub day_start: Option<DateTime<FixedOffset>>,
    /// 1-based line of the event in the source (0 when unknown).
    pub line: usize,
}

/// "01:30", "01:30:00", "90" (minutes), "1:02:03:00" (days) as minutes; `None` for anything
/// else, "99:99" included (minutes and seconds are below 60, hours below 24 after days).
pub(super) fn parse_duration(s: &str) -> Option<i64> {
    if let Some(iso) = s.trim().strip_prefix(['P', 'p']) {
        return iso_duration(iso);
    }
    let parts: Vec<i64> = s
        .trim()
        .split(':')
        .map(|p| p.trim().parse::<i64>().ok().filter(|n| *n >= 0))
        .collect::<Option<Vec<_>>>()?;
    let minutes = match parts[..] {
        [m] => m,
        [h, m] if m < 60 => h.checked_mul(60)?.checked_add(m)?,
        [h, m, sec] if m < 60 && sec < 60 => h
            .checked_mul(60)?
            .checked_add(m)?
            .checked_add((sec + 59) / 60)?,
        [d, h, m, sec] if h < 24 && m < 60 && sec < 60 => d
            .checked_mul(1440)?
            .checked_add(h.checked_mul(60)?)?
            .checked_add(m)?,
        _ => return None,
    };
    Some(minutes)
}

/// The part of an ISO 8601 duration after its `P` (`T1H30M`, `1DT2H`, `45M` read as minutes
/// only after `T`) in minutes, seconds rounded up.
fn iso_duration(s: &str) -> Option<i64> {
    let mut minutes: i64 = 0;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut time = false;
    for c in s.chars() {
        match c.to_ascii_uppercase() {
            '0'..='9' => number.push(c),
            'T' if number.is_empty() => time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let add = match (unit, time) {
                    ('W', false) => n.checked_mul(7 * 1440)?,
                    ('D', false) => n.checked_mul(1440)?,
                    ('H', true) => n.checked_mul(60)?,
                    ('M', true) => n,
                    ('S', true) => {
                        seconds = seconds.checked_add(n)?;
                        0
                    }
                    _ => return None,
                };
                minutes = minutes.checked_add(add)?;
            }
        }
    }
    if !number.is_empty() {
        return None;
    }
    minutes.checked_add((seconds + 59) / 60)
}

fn parse_clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
}

/// Text as plain lines, HTML converted when it looks like HTML. (Control characters and
/// blank-line runs are left to `Schedule::normalize`, which cleans every field once.)
pub(super) fn body_text(s: String) -> String {
    if html::looks_like_html(&s) {
        html::to_text(&s)
    } else if s.contains('&') {
        html::decode_entities(&s)
    } else {
        s
    }
}

/// The conference day of a session starting at `start` that the source files under `listed`:
/// the venue-local date of its start, except that a talk after midnight, before the day's own
/// start (or 05:00), stays on the day before.
fn conference_day(start: &Stamp, listed: Option<NaiveDate>, night_ends: NaiveTime) -> NaiveDate {
    let local = start.date();
    match listed {
        Some(d) if d.succ_opt() == Some(local) && start.time() < night_ends => d,
        _ => local,
    }
}

impl Draft {
    /// How messages name the event: its title, else its id.
    pub(super) fn label(&self) -> String {
        if self.title.trim().is_empty() {
            format!("event {}", message::quote(&self.id))
        } else {
            message::title(&self.title)
        }
    }

    /// The session this draft describes. `tz` is the conference's zone when known; what is
    /// slightly off is said in `warnings`.
    pub(super) fn finish(
        mut self,
        origin: &str,
        tz: Option<Tz>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Session> {
        let title = std::mem::take(&mut self.title);
        // How a message names the event: made only when one is given.
        let label = || {
            if title.trim().is_empty() {
                format!("event {}", message::quote(&self.id))
            } else {
                message::title(&title)
            }
        };
        let night_ends = self
            .day_start
            .map(|d| match tz {
                Some(tz) => d.with_timezone(&tz).time(),
                None => d.time(),
            })
            .unwrap_or(NIGHT_ENDS);
        // A floating instant a reader made is placed in the zone, as text would be.
        let placed = |at: Stamp| {
            if at.is_floating() {
                Stamp::local_lenient(at.wall(), tz).0
            } else {
                at.in_zone(tz)
            }
        };
        let start = match self.start_at {
            Some(at) => placed(at),
            None => self.start_stamp(origin, tz, &label, night_ends, warnings)?,
        };
        let given_end = self
            .end_at
            .map(|e| start.minutes_until(&placed(e)))
            .filter(|m| *m <= MAX_MINUTES);
        let minutes = match given_end.or_else(|| self.end_minutes(&start, tz)) {
            Some(m) => m,
            None => self.minutes(&label, warnings),
        };
        let end = start.plus_minutes(minutes);
        let day = conference_day(&start, self.day, night_ends);
        let mut abstract_text = body_text(std::mem::take(&mut self.abstract_text));
        let subtitle = text::clean_line(&self.subtitle);
        if !subtitle.is_empty() {
            abstract_text = if abstract_text.is_empty() {
                subtitle
            } else {
                format!("{subtitle}\n\n{abstract_text}")
            };
        }
        let kind_l = self.kind.to_ascii_lowercase();
        let kind = if kind_l.contains("keynote") || kind_l.contains("plenary") {
            Kind::Plenary
        } else if ["break", "service", "pause", "lunch"].contains(&kind_l.trim()) {
            Kind::Break
        } else {
            Kind::Talk
        };
        let recorded = match self.do_not_record {
            Some(optout) => Some(!optout),
            None => self
                .links
                .iter()
                .any(|(_, t)| t.to_ascii_lowercase().contains("video"))
                .then_some(true),
        };
        let url = Some(self.url.trim().to_string()).filter(|u| !u.is_empty());
        let id = [self.id.trim(), self.guid.trim()]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or_else(|| text::slug(&title), str::to_string);
        Ok(Session {
            id: id.into(),
            title: title.into(),
            speakers: Str::list(
                std::mem::take(&mut self.speakers)
                    .into_iter()
                    .filter(|s| !s.trim().is_empty()),
            ),
            abstract_text: abstract_text.into(),
            description: body_text(std::mem::take(&mut self.description)).into(),
            day,
            start,
            end,
            room: Some(self.room.as_str())
                .filter(|r| !r.trim().is_empty())
                .map(Str::name),
            recorded,
            url: url.map(Str::from),
            track: Some(self.track.as_str())
                .filter(|t| !t.trim().is_empty())
                .map(Str::name),
            kind,
            language: (Some(self.language.as_str()).filter(|l| !l.trim().is_empty()))
                .map(Str::name),
            guid: Some(self.guid)
                .filter(|g| !g.trim().is_empty())
                .map(Str::from),
            cancelled: self.cancelled,
            session_type: (Some(text::clean_line(&self.kind).to_lowercase())
                .filter(|t| !t.is_empty()))
            .map(|t| Str::name(&t)),
        })
    }

    /// The minutes from `start` to the end the source gives, when it gives one that reads
    /// (an end before the start is left to the model, which warns and keeps no length).
    fn end_minutes(&self, start: &Stamp, tz: Option<Tz>) -> Option<i64> {
        let end = self.end.trim();
        if end.is_empty() {
            return None;
        }
        let stamp = match DateTime::parse_from_rfc3339(end) {
            Ok(at) => Stamp::zoned(at),
            Err(_) => Stamp::local_lenient(Stamp::parse(end)?.wall(), tz).0,
        };
        Some(start.minutes_until(&stamp)).filter(|m| *m <= MAX_MINUTES)
    }

    /// The start: the ISO `date` when given, else the listed day and `start` clock (a clock
    /// before the day's start is on the next date).
    fn start_stamp(
        &self,
        origin: &str,
        tz: Option<Tz>,
        label: &dyn Fn() -> String,
        night_ends: NaiveTime,
        warnings: &mut Vec<Warning>,
    ) -> Result<Stamp> {
        let err = |m: String| Error::parse(origin, self.line, m);
        let date = self.date.trim();
        let wall = if !date.is_empty() {
            let stamp = Stamp::parse(date).ok_or_else(|| {
                err(format!(
                    "{}: date {} is not an ISO date-time",
                    label(),
                    message::quote(date)
                ))
            })?;
            if !stamp.is_floating() {
                return Ok(stamp.in_zone(tz));
            }
            stamp.wall()
        } else {
            let day = self
                .day
                .ok_or_else(|| err(format!("{} has neither a date nor a day", label())))?;
            let clock = parse_clock(&self.start).ok_or_else(|| {
                err(format!(
                    "{}: start {} is not HH:MM",
                    label(),
                    message::quote(&self.start)
                ))
            })?;
            let date = if clock < night_ends {
                day.succ_opt().unwrap_or(day)
            } else {
                day
            };
            date.and_time(clock)
        };
        let (stamp, moved) = Stamp::local_lenient(wall, tz);
        if moved {
            warnings.push(Warning::DstGap {
                session: label(),
                written: wall.format("%Y-%m-%d %H:%M").to_string(),
                shown: stamp.time().format("%H:%M").to_string(),
            });
        }
        Ok(stamp)
    }

    /// The length in minutes; a duration that cannot be read or is over 14 days is a warning
    /// and the session is kept with no length.
    fn minutes(&self, label: &dyn Fn() -> String, warnings: &mut Vec<Warning>) -> i64 {
        let d = self.duration.trim();
        if d.is_empty() {
            return 0;
        }
        match parse_duration(d) {
            Some(m) if m <= MAX_MINUTES => m,
            Some(m) => {
                warnings.push(Warning::TooLong {
                    session: label(),
                    minutes: m,
                });
                0
            }
            None => {
                warnings.push(Warning::BadDuration {
                    session: label(),
                    value: d.to_string(),
                });
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("00:25"), Some(25));
        assert_eq!(parse_duration("01:30:00"), Some(90));
        assert_eq!(parse_duration("12:00"), Some(720));
        assert_eq!(parse_duration("45"), Some(45));
        assert_eq!(parse_duration("1:02:03:00"), Some(1440 + 123));
        assert_eq!(parse_duration("x:10"), None);
        assert_eq!(parse_duration("99:99"), None);
        assert_eq!(parse_duration("00:10:75"), None);
        assert_eq!(parse_duration("999999999999999999:00"), None);
        assert_eq!(parse_duration("PT1H30M"), Some(90));
        assert_eq!(parse_duration("PT45M"), Some(45));
        assert_eq!(parse_duration("P1DT2H"), Some(1560));
        assert_eq!(parse_duration("PT90S"), Some(2));
        assert_eq!(parse_duration("P2M"), None, "months are not minutes");
        assert_eq!(parse_duration("PT1H3"), None);
    }

    fn draft(start: &str, duration: &str) -> Draft {
        Draft {
            title: "Late".into(),
            start: start.into(),
            duration: duration.into(),
            day: NaiveDate::from_ymd_opt(2016, 12, 27),
            day_start: DateTime::parse_from_rfc3339("2016-12-27T10:00:00+01:00").ok(),
            ..Draft::default()
        }
    }

    #[test]
    fn times_before_the_day_start_belong_to_the_next_date() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let mut w = Vec::new();
        let s = draft("01:00", "00:30")
            .finish("x", Some(tz), &mut w)
            .unwrap();
        assert_eq!(s.start.to_rfc3339(), "2016-12-28T01:00:00+01:00");
        assert_eq!(s.day, NaiveDate::from_ymd_opt(2016, 12, 27).unwrap());
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn slightly_off_values_are_warnings_naming_the_session() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let mut w = Vec::new();
        let s = draft("12:00", "99:99")
            .finish("x", Some(tz), &mut w)
            .unwrap();
        assert_eq!(s.minutes(), 0);
        assert!(
            w[0].to_string()
                .contains("\"Late\": duration `99:99` is not HH:MM"),
            "{w:?}"
        );
        // 2017-03-26 02:30 does not exist in Berlin: moved to 03:30 with a warning. (Listed
        // on the 25th: 02:30 is after that day's midnight.)
        let mut d = draft("02:30", "00:30");
        d.day = NaiveDate::from_ymd_opt(2017, 3, 25);
        d.day_start = None;
        let mut w = Vec::new();
        let s = d.finish("x", Some(tz), &mut w).unwrap();
        assert_eq!(s.start.to_rfc3339(), "2017-03-26T03:30:00+02:00");
        assert!(w[0].to_string().contains("daylight-saving"), "{w:?}");
    }

    #[test]
    fn the_conference_day_is_the_venue_date_when_the_listing_is_in_utc() {
        // wafer (DebConf): <day date> and <date> in UTC, the venue at +05:30.
        let tz: Tz = "Asia/Kolkata".parse().unwrap();
        let d = Draft {
            title: "Morning talk".into(),
            date: "2023-09-10T04:30:00+00:00".into(),
            duration: "00:45".into(),
            day: NaiveDate::from_ymd_opt(2023, 9, 9),
            day_start: DateTime::parse_from_rfc3339("2023-09-09T18:30:00+00:00").ok(),
            ..Draft::default()
        };
        let s = d.finish("x", Some(tz), &mut Vec::new()).unwrap();
        assert_eq!(s.start.to_rfc3339(), "2023-09-10T10:00:00+05:30");
        assert_eq!(s.day, NaiveDate::from_ymd_opt(2023, 9, 10).unwrap());
    }
}

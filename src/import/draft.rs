//! What the structured importers (XML, JSON) collect about an event before it becomes a
//! session: times are resolved here, the same way for every format.

use chrono::{DateTime, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::html;
use crate::error::{Error, Result};
use crate::model::{Kind, Session, Stamp};
use crate::text;

/// The longest session accepted (longer durations are errors, not silent nonsense).
const MAX_MINUTES: i64 = 14 * 24 * 60;

#[derive(Debug, Default, Clone)]
pub struct Draft {
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
    /// HH:MM or HH:MM:SS.
    pub duration: String,
    /// The conference day (from the enclosing day).
    pub day: Option<NaiveDate>,
    /// When the day starts (times before it belong to the next calendar date).
    pub day_start: Option<NaiveTime>,
    /// 1-based line of the event in the source (0 when unknown).
    pub line: usize,
}

/// "01:30", "01:30:00", "90" (minutes), "1:02:03:00" (days) as minutes.
pub fn parse_duration(s: &str) -> Option<i64> {
    let parts: Vec<i64> = s
        .trim()
        .split(':')
        .map(|p| p.trim().parse::<i64>().ok().filter(|n| *n >= 0))
        .collect::<Option<Vec<_>>>()?;
    let minutes = match parts[..] {
        [m] => m,
        [h, m] => h.checked_mul(60)?.checked_add(m)?,
        [h, m, sec] => h
            .checked_mul(60)?
            .checked_add(m)?
            .checked_add((sec + 59) / 60)?,
        [d, h, m, _] => d
            .checked_mul(1440)?
            .checked_add(h.checked_mul(60)?)?
            .checked_add(m)?,
        _ => return None,
    };
    Some(minutes)
}

fn parse_clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
}

/// Text as plain lines, HTML converted when it looks like HTML. (Control characters and
/// blank-line runs are left to `Schedule::normalize`, which cleans every field once.)
pub fn body_text(s: String) -> String {
    if html::looks_like_html(&s) {
        html::to_text(&s)
    } else if s.contains('&') {
        html::decode_entities(&s)
    } else {
        s
    }
}

impl Draft {
    /// The session this draft describes. `tz` is the conference's zone when known.
    pub fn finish(mut self, origin: &str, tz: Option<Tz>) -> Result<Session> {
        let line = self.line;
        let err = |m: String| Error::parse(origin, line, m);
        let title = std::mem::take(&mut self.title);
        let label = if title.is_empty() {
            format!("event {}", self.id)
        } else {
            format!("\"{title}\"")
        };
        let start = if !self.date.trim().is_empty() {
            let at = DateTime::parse_from_rfc3339(self.date.trim())
                .map(|d| Stamp::zoned(d).in_zone(tz))
                .ok()
                .or_else(|| {
                    Stamp::parse(self.date.trim()).and_then(|s| Stamp::local(s.wall(), tz))
                });
            at.ok_or_else(|| {
                err(format!(
                    "{label}: date `{}` is not an ISO date-time",
                    self.date.trim()
                ))
            })?
        } else {
            let day = self
                .day
                .ok_or_else(|| err(format!("{label} has neither a date nor a day")))?;
            let clock = parse_clock(&self.start).ok_or_else(|| {
                err(format!(
                    "{label}: start `{}` is not HH:MM",
                    self.start.trim()
                ))
            })?;
            let date = match self.day_start {
                Some(ds) if clock < ds => day.succ_opt().unwrap_or(day),
                _ => day,
            };
            Stamp::local(date.and_time(clock), tz).ok_or_else(|| {
                err(format!(
                    "{label}: {date} {clock} does not exist in the time zone (daylight-saving gap)"
                ))
            })?
        };
        let minutes = if self.duration.trim().is_empty() {
            0
        } else {
            parse_duration(&self.duration).ok_or_else(|| {
                err(format!(
                    "{label}: duration `{}` is not HH:MM",
                    self.duration.trim()
                ))
            })?
        };
        if minutes > MAX_MINUTES {
            return Err(err(format!(
                "{label} lasts {minutes} minutes, more than 14 days"
            )));
        }
        let end = start
            .checked_plus_minutes(minutes)
            .ok_or_else(|| err(format!("{label}: the end time is out of range")))?;
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
        } else {
            Kind::Talk
        };
        let recorded = match self.do_not_record {
            Some(optout) => !optout,
            None => self
                .links
                .iter()
                .any(|(_, t)| t.to_ascii_lowercase().contains("video")),
        };
        let url = Some(self.url.trim().to_string()).filter(|u| !u.is_empty());
        let id = [self.id.trim(), self.guid.trim()]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or_else(|| text::slug(&title), str::to_string);
        Ok(Session {
            id,
            title,
            speakers: std::mem::take(&mut self.speakers)
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect(),
            abstract_text,
            description: body_text(std::mem::take(&mut self.description)),
            day: self.day.unwrap_or_else(|| start.date()),
            start,
            end,
            room: Some(self.room).filter(|r| !r.trim().is_empty()),
            recorded,
            url,
            track: Some(self.track).filter(|t| !t.trim().is_empty()),
            kind,
        })
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
        assert_eq!(parse_duration("x:10"), None);
        assert_eq!(parse_duration("999999999999999999:00"), None);
    }

    #[test]
    fn times_before_the_day_start_belong_to_the_next_date() {
        let d = Draft {
            title: "Late".into(),
            start: "01:00".into(),
            duration: "00:30".into(),
            day: NaiveDate::from_ymd_opt(2016, 12, 27),
            day_start: NaiveTime::from_hms_opt(10, 0, 0),
            ..Draft::default()
        };
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let s = d.finish("x", Some(tz)).unwrap();
        assert_eq!(s.start.to_rfc3339(), "2016-12-28T01:00:00+01:00");
        assert_eq!(s.day, NaiveDate::from_ymd_opt(2016, 12, 27).unwrap());
    }
}

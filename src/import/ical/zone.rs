//! VTIMEZONE support: a zone's offsets and the month/weekday rules of its changes, and reading
//! DATE-TIME values (UTC, floating, TZID by IANA name or by the file's VTIMEZONE).

use std::collections::HashMap;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::lines::Prop;
use crate::error::{Error, Result};
use crate::import::Warning;
use crate::message;
use crate::model::Stamp;

/// A VTIMEZONE reduced to what lineup needs: its offsets (STANDARD, DAYLIGHT) with the month
/// and weekday rule of each change, good enough for the zones conferences publish.
#[derive(Debug, Clone, Default)]
pub(super) struct VZone {
    pub(super) changes: Vec<Change>,
}

#[derive(Debug, Clone)]
pub(super) struct Change {
    pub(super) offset_to: i32,
    pub(super) start: NaiveDateTime,
    /// (month, nth weekday: 1..=5 or -1, weekday) from RRULE BYMONTH/BYDAY.
    pub(super) rule: Option<(u32, i32, chrono::Weekday)>,
}

pub(super) fn parse_offset(v: &str) -> Option<i32> {
    let v = v.trim();
    let sign = match v.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = &v[1..];
    if digits.len() < 4 || !digits.is_ascii() {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

pub(super) fn parse_rule(rrule: &str) -> Option<(u32, i32, chrono::Weekday)> {
    let mut month = None;
    let mut byday = None;
    for part in rrule.split(';') {
        if let Some(m) = part.strip_prefix("BYMONTH=") {
            month = m.parse().ok();
        } else if let Some(d) = part.strip_prefix("BYDAY=") {
            let wd = d.get(d.len().saturating_sub(2)..)?;
            let n: i32 = d.get(..d.len().saturating_sub(2))?.parse().unwrap_or(1);
            let weekday = match wd {
                "MO" => chrono::Weekday::Mon,
                "TU" => chrono::Weekday::Tue,
                "WE" => chrono::Weekday::Wed,
                "TH" => chrono::Weekday::Thu,
                "FR" => chrono::Weekday::Fri,
                "SA" => chrono::Weekday::Sat,
                "SU" => chrono::Weekday::Sun,
                _ => return None,
            };
            byday = Some((n, weekday));
        }
    }
    let (n, wd) = byday?;
    Some((month?, n, wd))
}

impl VZone {
    /// The offset in force at a local wall-clock time.
    pub(super) fn offset_at(&self, at: NaiveDateTime) -> Option<FixedOffset> {
        let mut best: Option<(NaiveDateTime, i32)> = None;
        for c in &self.changes {
            let mut candidates = vec![c.start];
            if let Some((month, n, wd)) = c.rule {
                for year in [at.year() - 1, at.year()] {
                    let day = if n > 0 {
                        NaiveDate::from_weekday_of_month_opt(
                            year,
                            month,
                            wd,
                            u8::try_from(n).unwrap_or(1),
                        )
                    } else {
                        // Last such weekday of the month.
                        (1..=5u8)
                            .rev()
                            .find_map(|k| NaiveDate::from_weekday_of_month_opt(year, month, wd, k))
                    };
                    if let Some(d) = day {
                        candidates.push(d.and_time(c.start.time()));
                    }
                }
            }
            for when in candidates {
                if when >= c.start && when <= at && best.is_none_or(|(b, _)| when > b) {
                    best = Some((when, c.offset_to));
                }
            }
        }
        let secs = match best {
            Some((_, o)) => o,
            None => self.changes.first()?.offset_to,
        };
        FixedOffset::east_opt(secs)
    }
}

/// A STANDARD or DAYLIGHT block being read: offset, DTSTART, rule.
pub(super) type PartialChange = (
    i32,
    Option<NaiveDateTime>,
    Option<(u32, i32, chrono::Weekday)>,
);

/// How to read a DATE-TIME value.
pub(super) struct Zones {
    pub(super) vzones: HashMap<String, VZone>,
    pub(super) default_tz: Option<Tz>,
    /// The TZIDs the events name, each looked up among IANA names once (not once an event).
    pub(super) iana: HashMap<String, Option<Tz>>,
}

/// A DATE-TIME's digits, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMM`, read without a format parser.
fn wall_clock(v: &str) -> Option<NaiveDateTime> {
    let b = v.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if !(b.len() == 15 || b.len() == 13) || b[8] != b'T' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(4..6)?, num(6..8)?)?;
    let seconds = if b.len() == 15 { num(13..15)? } else { 0 };
    date.and_hms_opt(num(9..11)?, num(11..13)?, seconds)
}

pub(super) enum When {
    /// A time, and whether it fell in a daylight-saving gap and was moved forward.
    At(Stamp, bool),
    AllDay,
}

impl Zones {
    /// The IANA zone a date-time property's recurrences run in: its TZID's, UTC for a `Z`
    /// time, the venue's for a floating one; `None` when none is known (the wall clock).
    pub(super) fn rule_zone(&self, p: &Prop) -> Option<Tz> {
        if p.value.trim().ends_with(['Z', 'z']) {
            return Some(Tz::UTC);
        }
        match p.param("TZID") {
            Some(id) => {
                let id = id.trim_start_matches('/');
                match self.iana.get(id) {
                    Some(known) => *known,
                    None => id.parse::<Tz>().ok(),
                }
                .or(self.default_tz)
            }
            None => self.default_tz,
        }
    }

    pub(super) fn stamp(
        &self,
        p: &Prop,
        origin: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<When> {
        let v = p.value.trim();
        let bad = || {
            Error::parse(
                origin,
                p.line,
                format!(
                    "{} {} is not an iCalendar date-time like 20200201T093000",
                    p.name,
                    message::quote(v)
                ),
            )
        };
        if p.param("VALUE")
            .is_some_and(|x| x.eq_ignore_ascii_case("DATE"))
            || (v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()))
        {
            return Ok(When::AllDay);
        }
        let (body, utc) = match v.strip_suffix(['Z', 'z']) {
            Some(b) => (b, true),
            None => (v, false),
        };
        let wall = wall_clock(body).ok_or_else(bad)?;
        if utc {
            let at = Utc.from_utc_datetime(&wall);
            return Ok(When::At(Stamp::zoned(at).in_zone(self.default_tz), false));
        }
        let Some(tzid) = p.param("TZID") else {
            // Floating: the venue's local time when a zone is known.
            let (at, moved) = Stamp::local_lenient(wall, self.default_tz);
            return Ok(When::At(at, moved));
        };
        let tzid = tzid.trim_start_matches('/');
        let iana = match self.iana.get(tzid) {
            Some(known) => *known,
            None => tzid.parse::<Tz>().ok(),
        };
        if let Some(tz) = iana {
            let (at, moved) = Stamp::local_lenient(wall, Some(tz));
            return Ok(When::At(at.in_zone(self.default_tz.or(Some(tz))), moved));
        }
        if let Some(off) = self.vzones.get(tzid).and_then(|z| z.offset_at(wall)) {
            let at = off.from_local_datetime(&wall).earliest().ok_or_else(bad)?;
            return Ok(When::At(Stamp::zoned(at).in_zone(self.default_tz), false));
        }
        let unknown = Warning::UnknownTzid {
            tzid: tzid.to_string(),
        };
        if !warnings.contains(&unknown) {
            warnings.push(unknown);
        }
        let (at, moved) = Stamp::local_lenient(wall, self.default_tz);
        Ok(When::At(at, moved))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vtimezone_rules_give_summer_and_winter_offsets() {
        let zone = VZone {
            changes: vec![
                Change {
                    offset_to: 3600,
                    start: NaiveDate::from_ymd_opt(1996, 10, 27)
                        .unwrap()
                        .and_hms_opt(3, 0, 0)
                        .unwrap(),
                    rule: Some((10, -1, chrono::Weekday::Sun)),
                },
                Change {
                    offset_to: 7200,
                    start: NaiveDate::from_ymd_opt(1981, 3, 29)
                        .unwrap()
                        .and_hms_opt(2, 0, 0)
                        .unwrap(),
                    rule: Some((3, -1, chrono::Weekday::Sun)),
                },
            ],
        };
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            zone.offset_at(at("2020-07-01T12:00"))
                .unwrap()
                .local_minus_utc(),
            7200
        );
        assert_eq!(
            zone.offset_at(at("2020-12-27T12:00"))
                .unwrap()
                .local_minus_utc(),
            3600
        );
        assert_eq!(
            zone.offset_at(at("2020-02-01T12:00"))
                .unwrap()
                .local_minus_utc(),
            3600
        );
    }
}

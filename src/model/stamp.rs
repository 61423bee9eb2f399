//! `Stamp`: a point in time that is either zoned (an exact instant with its local offset) or
//! floating (a wall-clock time with no zone, as some schedules publish).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Days from the first day of the common era to 1 January 1970.
const UNIX_EPOCH_FROM_CE: i64 = 719_163;

/// The last date made from a count of days, kept: making a date from a count is the dearest
/// part of reading 100,000 stored sessions, and one after another they share their days.
#[derive(Debug, Default, Clone, Copy)]
pub struct Dates {
    last: Option<(i64, NaiveDate)>,
}

impl Dates {
    /// The date `days` after the first day of the common era (day 1 is 1 January of year 1).
    pub fn from_ce(&mut self, days: i64) -> Option<NaiveDate> {
        match self.last {
            Some((d, date)) if d == days => Some(date),
            _ => {
                let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)?;
                self.last = Some((days, date));
                Some(date)
            }
        }
    }
}

/// A start or end time.
///
/// Zoned stamps keep the local offset of the conference so they print as the venue's wall-clock
/// time and compare as exact instants. Floating stamps are stored with offset zero and compare as
/// written; a schedule is either all zoned or all floating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    at: DateTime<FixedOffset>,
    floating: bool,
}

impl Stamp {
    /// An exact instant shown in the given zone.
    pub fn zoned<Z: TimeZone>(at: DateTime<Z>) -> Self {
        Stamp {
            at: at.fixed_offset(),
            floating: false,
        }
    }

    /// A wall-clock time with no zone.
    pub fn floating(at: NaiveDateTime) -> Self {
        Stamp {
            at: Utc.from_utc_datetime(&at).fixed_offset(),
            floating: true,
        }
    }

    /// A local wall-clock time in `tz`, or floating when `tz` is `None`. Returns `None` for a
    /// time that does not exist in the zone (skipped by a daylight-saving change); an ambiguous
    /// time (repeated hour) takes the earlier instant.
    pub fn local(at: NaiveDateTime, tz: Option<Tz>) -> Option<Self> {
        match tz {
            None => Some(Self::floating(at)),
            Some(tz) => tz.from_local_datetime(&at).earliest().map(Self::zoned),
        }
    }

    /// A local wall-clock time read the way RFC 5545 reads one: a time skipped by a
    /// daylight-saving change takes the offset in force before the gap (02:30 on a one-hour
    /// spring-forward night is the instant shown as 03:30). The flag says it was moved.
    pub fn local_lenient(at: NaiveDateTime, tz: Option<Tz>) -> (Self, bool) {
        if let Some(s) = Self::local(at, tz) {
            return (s, false);
        }
        let Some(tz) = tz else {
            return (Self::floating(at), false);
        };
        // The offset before the gap: the last valid local time before `at` (gaps are at most a
        // day long: Samoa skipped 30 December 2011).
        let before = (1..=26).find_map(|h| {
            let earlier = at.checked_sub_signed(chrono::Duration::hours(h))?;
            tz.offset_from_local_datetime(&earlier).earliest()
        });
        let instant = before.and_then(|off| {
            let secs = i64::from(chrono::Offset::fix(&off).local_minus_utc());
            at.checked_sub_signed(chrono::Duration::seconds(secs))
        });
        match instant {
            Some(utc) => (Self::zoned(tz.from_utc_datetime(&utc)), true),
            None => (Self::floating(at), true),
        }
    }

    /// Whether two stamps put a session at the same time: exact instants when both are zoned,
    /// wall-clock times when either floats (a pick made with `--tz` and the same schedule read
    /// without it are the same placement).
    pub fn same_placement(&self, other: &Stamp) -> bool {
        if self.floating || other.floating {
            self.wall() == other.wall()
        } else {
            self.at == other.at
        }
    }

    pub fn is_floating(&self) -> bool {
        self.floating
    }

    /// The wall-clock time at the venue (or as written, when floating).
    pub fn wall(&self) -> NaiveDateTime {
        self.at.naive_local()
    }

    pub fn date(&self) -> NaiveDate {
        self.wall().date()
    }

    pub fn time(&self) -> NaiveTime {
        self.wall().time()
    }

    /// Seconds since the Unix epoch; for floating stamps, of the wall-clock time read as UTC.
    pub fn timestamp(&self) -> i64 {
        self.at.timestamp()
    }

    /// The instant in UTC (for floating stamps, the wall-clock time read as UTC).
    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// The same instant shown in another zone (floating stamps stay as written).
    pub fn in_zone(&self, tz: Option<Tz>) -> Self {
        match (self.floating, tz) {
            (false, Some(tz)) => Self::zoned(self.at.with_timezone(&tz)),
            _ => *self,
        }
    }

    /// The offset east of UTC this stamp is shown at (zero for a floating one).
    pub fn offset(&self) -> FixedOffset {
        *self.at.offset()
    }

    /// A wall-clock time at a fixed offset (a schedule that gives offsets but no zone name).
    pub fn at_offset(at: NaiveDateTime, offset: FixedOffset) -> Option<Self> {
        offset.from_local_datetime(&at).single().map(Self::zoned)
    }

    /// The same instant shown at another offset (floating stamps stay as written).
    pub fn in_offset(&self, offset: FixedOffset) -> Self {
        if self.floating {
            *self
        } else {
            Self::zoned(self.at.with_timezone(&offset))
        }
    }

    /// This stamp moved by a number of minutes (saturating at chrono's range).
    pub fn plus_minutes(&self, minutes: i64) -> Self {
        self.checked_plus_minutes(minutes).unwrap_or(*self)
    }

    /// This stamp moved by a number of minutes; `None` outside chrono's range.
    pub fn checked_plus_minutes(&self, minutes: i64) -> Option<Self> {
        let d = chrono::Duration::try_minutes(minutes)?;
        Some(Stamp {
            at: self.at.checked_add_signed(d)?,
            floating: self.floating,
        })
    }

    /// Whole minutes from `self` to `later` (negative when `later` is earlier).
    pub fn minutes_until(&self, later: &Stamp) -> i64 {
        (later.timestamp() - self.timestamp()).div_euclid(60)
    }

    /// The stamp as plain numbers (seconds since the epoch, nanoseconds, the offset east of UTC
    /// in seconds, floating or not), for compact stores such as the schedule cache.
    pub fn to_parts(&self) -> (i64, u32, i32, bool) {
        (
            self.at.timestamp(),
            self.at.timestamp_subsec_nanos(),
            self.at.offset().local_minus_utc(),
            self.floating,
        )
    }

    /// What [`Stamp::to_parts`] gave; `None` for numbers no stamp has.
    pub fn from_parts(secs: i64, nanos: u32, offset: i32, floating: bool) -> Option<Self> {
        Self::from_parts_in(&mut Dates::default(), secs, nanos, offset, floating)
    }

    /// [`Stamp::from_parts`], its date looked up in `dates` (stamps read one after another
    /// mostly fall on the same day as the one before).
    pub fn from_parts_in(
        dates: &mut Dates,
        secs: i64,
        nanos: u32,
        offset: i32,
        floating: bool,
    ) -> Option<Self> {
        let offset = FixedOffset::east_opt(offset)?;
        let date = dates.from_ce(secs.div_euclid(86_400).checked_add(UNIX_EPOCH_FROM_CE)?)?;
        let second = u32::try_from(secs.rem_euclid(86_400)).ok()?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nanos)?;
        let at = DateTime::from_naive_utc_and_offset(date.and_time(time), offset);
        Some(Stamp { at, floating })
    }

    /// RFC 3339 with the offset, or without one when floating.
    pub fn to_rfc3339(&self) -> String {
        if self.floating {
            self.wall().format("%Y-%m-%dT%H:%M:%S").to_string()
        } else {
            self.at.to_rfc3339()
        }
    }

    /// Reads what [`Stamp::to_rfc3339`] writes (a date-time with an offset or `Z`, or without one
    /// for a floating time), seconds optional as people type it (`2016-12-28T00:16+01:00`).
    pub fn parse(text: &str) -> Option<Self> {
        // An offset or `Z` can only come after the date: without one, only wall times are
        // tried (Sessionize and xCal write every time so; failed parses are not free).
        let zoned = text.ends_with(['Z', 'z'])
            || text
                .get(10..)
                .is_some_and(|clock| clock.contains(['+', '-']));
        if !zoned {
            return Self::parse_wall(text);
        }
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Some(Stamp {
                at,
                floating: false,
            });
        }
        let zulu = text.strip_suffix(['Z', 'z']).map(|t| format!("{t}+00:00"));
        let with_offset = zulu.as_deref().unwrap_or(text);
        // Offsets with or without a colon (`+0200` as some generators write it).
        let parsed = [
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%dT%H:%M%z",
            "%Y-%m-%d %H:%M:%S%z",
            "%Y-%m-%d %H:%M%:z",
        ]
        .iter()
        .find_map(|f| DateTime::parse_from_str(with_offset, f).ok());
        if let Some(at) = parsed {
            return Some(Stamp {
                at,
                floating: false,
            });
        }
        Self::parse_wall(text)
    }

    /// A wall time with no offset, seconds optional, `T` or a space between date and time.
    fn parse_wall(text: &str) -> Option<Self> {
        [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(Self::floating)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Stamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{} is not a date-time like 2012-03-09T14:00:00-08:00",
                crate::message::quote(&text)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    proptest::proptest! {
        /// Stamps read one after another with their dates kept are the stamps chrono makes of
        /// each alone, and refused where it refuses them.
        #[test]
        fn stamps_read_with_kept_dates_are_those_read_alone(
            parts in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        -3_000_000_000i64..3_000_000_000,
                        1_700_000_000i64..1_700_300_000,
                        proptest::num::i64::ANY,
                    ],
                    proptest::prop_oneof![0u32..1_000_000_000, proptest::num::u32::ANY],
                    -100_000i32..100_000,
                ),
                0..40,
            )
        ) {
            let mut dates = Dates::default();
            for (secs, nanos, offset) in parts {
                let alone = FixedOffset::east_opt(offset).and_then(|o| {
                    DateTime::from_timestamp(secs, nanos).map(|at| at.with_timezone(&o))
                });
                let kept = Stamp::from_parts_in(&mut dates, secs, nanos, offset, false);
                proptest::prop_assert_eq!(kept.map(|s| s.at), alone);
            }
        }
    }

    #[test]
    fn zoned_round_trips_with_offset() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let s = Stamp::local(wall("2012-03-09T14:00"), Some(tz)).unwrap();
        assert_eq!(s.to_rfc3339(), "2012-03-09T14:00:00-08:00");
        assert_eq!(Stamp::parse(&s.to_rfc3339()), Some(s));
    }

    #[test]
    fn parts_round_trip_zoned_floating_and_fractions() {
        let tz: Tz = "Asia/Kolkata".parse().unwrap();
        let zoned = Stamp::local(wall("2012-03-09T14:00"), Some(tz)).unwrap();
        let fraction = Stamp::parse("2020-02-01T09:30:00.25+01:00").unwrap();
        let floating = Stamp::floating(wall("2020-02-01T09:30"));
        for s in [zoned, fraction, floating] {
            let (secs, nanos, offset, floats) = s.to_parts();
            let back = Stamp::from_parts(secs, nanos, offset, floats).unwrap();
            assert_eq!(back, s);
            assert_eq!(back.to_rfc3339(), s.to_rfc3339());
        }
        assert_eq!(Stamp::from_parts(0, 0, 100_000, false), None);
        assert_eq!(Stamp::from_parts(i64::MAX, 0, 0, false), None);
    }

    #[test]
    fn floating_has_no_offset() {
        let s = Stamp::floating(wall("2020-02-01T09:30"));
        assert_eq!(s.to_rfc3339(), "2020-02-01T09:30:00");
        assert_eq!(Stamp::parse("2020-02-01T09:30:00"), Some(s));
        assert!(s.is_floating());
    }

    #[test]
    fn instants_are_exact_across_dst() {
        // 2012-03-11 02:00 America/Los_Angeles springs forward to 03:00.
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let a = Stamp::local(wall("2012-03-11T01:30"), Some(tz)).unwrap();
        let b = Stamp::local(wall("2012-03-11T03:30"), Some(tz)).unwrap();
        assert_eq!(a.minutes_until(&b), 60);
        assert!(Stamp::local(wall("2012-03-11T02:30"), Some(tz)).is_none());
    }

    #[test]
    fn floating_and_zoned_at_the_same_wall_time_are_the_same_placement() {
        let tz: Tz = "Europe/Brussels".parse().unwrap();
        let zoned = Stamp::local(wall("2020-02-01T10:30"), Some(tz)).unwrap();
        let floating = Stamp::floating(wall("2020-02-01T10:30"));
        assert!(zoned.same_placement(&floating) && floating.same_placement(&zoned));
        assert!(!zoned.same_placement(&Stamp::floating(wall("2020-02-01T11:30"))));
        assert_ne!(zoned, floating, "equality stays exact");
    }

    #[test]
    fn a_time_in_a_dst_gap_moves_forward_as_rfc_5545_says() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let (s, moved) = Stamp::local_lenient(wall("2012-03-11T02:30"), Some(tz));
        assert!(moved);
        assert_eq!(s.to_rfc3339(), "2012-03-11T03:30:00-07:00");
        let (s, moved) = Stamp::local_lenient(wall("2012-03-11T01:30"), Some(tz));
        assert!(!moved);
        assert_eq!(s.to_rfc3339(), "2012-03-11T01:30:00-08:00");
        // Samoa skipped a whole day.
        let samoa: Tz = "Pacific/Apia".parse().unwrap();
        let (s, moved) = Stamp::local_lenient(wall("2011-12-30T10:00"), Some(samoa));
        assert!(moved);
        assert_eq!(s.to_rfc3339(), "2011-12-31T10:00:00+14:00");
    }
}

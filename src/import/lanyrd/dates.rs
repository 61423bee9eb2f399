//! The Lanyrd date grammar: "At 9:00am to 9:10am, Friday 9th March", 12-hour clocks,
//! ordinals and month names.

use chrono::{NaiveTime, Weekday};

type TimeLine = (NaiveTime, NaiveTime, Weekday, u32, u32);

/// "At 9:00am to 9:10am, Friday 9th March" (the day and month may come in either order).
pub(super) fn time_line(line: &str) -> Option<TimeLine> {
    let rest = line.trim().strip_prefix("At ")?;
    let (times, date) = rest.split_once(", ")?;
    let (from, to) = times.split_once(" to ")?;
    let (from, to) = (clock(from)?, clock(to)?);
    let mut words = date.split_whitespace();
    let weekday: Weekday = words.next()?.parse().ok()?;
    let (a, b) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let (day, month) = match (ordinal(a), month(b)) {
        (Some(d), Some(m)) => (d, m),
        _ => (ordinal(b)?, month(a)?),
    };
    Some((from, to, weekday, day, month))
}

/// "9:00am", "12:10pm", "4pm".
fn clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim().to_ascii_lowercase();
    let (num, pm) = if let Some(n) = s.strip_suffix("am") {
        (n, false)
    } else {
        (s.strip_suffix("pm")?, true)
    };
    let (h, m) = match num.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None => (num.parse::<u32>().ok()?, 0),
    };
    if !(1..=12).contains(&h) {
        return None;
    }
    let h = h % 12 + if pm { 12 } else { 0 };
    NaiveTime::from_hms_opt(h, m, 0)
}

fn ordinal(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    if s.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&s))
        .and_then(|i| u32::try_from(i + 1).ok())
}

pub(super) fn month_name(m: u32) -> &'static str {
    MONTHS.get(m as usize - 1).copied().unwrap_or("?")
}

pub(super) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(clock("12:10pm"), NaiveTime::from_hms_opt(12, 10, 0));
        assert_eq!(clock("12:30am"), NaiveTime::from_hms_opt(0, 30, 0));
        assert_eq!(clock("4pm"), NaiveTime::from_hms_opt(16, 0, 0));
        assert_eq!(clock("13:00pm"), None);
        assert_eq!(clock("9:5am"), None);
    }
}

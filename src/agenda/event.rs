//! The person's own events (a meeting, lunch with a friend, a volunteer shift): kept in the
//! agenda file beside the picks, fixed in the plan (the talks they leave no time for give
//! way), shown and exported with the picks.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::choose::Fixed;
use crate::model::Stamp;
use crate::text;

/// One event of the person's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Stable, typeable, unique in the agenda: the title's slug and when it starts
    /// (`lunch-with-ana-0310-1230`); calendar UIDs are made from it.
    pub id: String,
    pub title: String,
    pub start: Stamp,
    pub end: Stamp,
    /// A room of the schedule or any place ("Café Belga"); walking to and from a room counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Event {
    /// A new event; its id is made unique against `taken` (a `-2`, `-3`… when needed).
    pub fn new(
        title: &str,
        (start, end): (Stamp, Stamp),
        place: Option<String>,
        now: DateTime<Utc>,
        taken: impl Fn(&str) -> bool,
    ) -> Event {
        let stem = format!(
            "{}-{}",
            text::slug(title).chars().take(60).collect::<String>(),
            start.wall().format("%m%d-%H%M")
        );
        let id = std::iter::once(stem.clone())
            .chain((2..).map(|n| format!("{stem}-{n}")))
            .find(|id| !taken(id))
            .unwrap_or(stem);
        Event {
            id,
            title: title.trim().to_string(),
            start,
            end,
            place: place.filter(|p| !p.trim().is_empty()),
            created_at: now.trunc_subsecs(0),
        }
    }

    /// The event as the plan keeps it fixed.
    pub fn fixed(&self) -> Fixed {
        Fixed {
            start: self.start,
            end: self.end,
            place: self.place.clone(),
        }
    }

    /// Cleans the text of an event read from a file (as schedule text is cleaned).
    pub(super) fn cleaned(mut self) -> Event {
        text::clean_id_in_place(&mut self.id);
        text::clean_name_in_place(&mut self.title);
        if let Some(p) = &mut self.place {
            text::clean_name_in_place(p);
        }
        self
    }

    /// Whether the text a person typed names this event: its id, or its title or a piece of
    /// it (case and accents ignored).
    pub fn is_named(&self, name: &str) -> bool {
        let typed = text::fold(name.trim());
        self.id == name || (!typed.is_empty() && text::fold(&self.title).contains(&typed))
    }
}

/// A time span on `date` as people type it (`12:30-13:30`, `9am-10am`, `1230–1330`), in
/// `zone`; `None` when it is not one, or ends before it starts.
pub fn span_on(
    date: chrono::NaiveDate,
    typed: &str,
    zone: Option<chrono_tz::Tz>,
) -> Option<(Stamp, Stamp)> {
    let (a, b) = typed.split_once(['-', '–'])?;
    let at = |t: &str| Stamp::local(date.and_time(text::clock_time(t)?), zone);
    let (start, end) = (at(a)?, at(b)?);
    (start < end).then_some((start, end))
}

/// What a person types to add an event in one line: `Lunch with Ana 12:30-13:30 @ Café
/// Belga` (the span and the place may be left out). Returns the title, the span if typed,
/// and the place if typed.
pub fn parse_line(
    typed: &str,
    date: chrono::NaiveDate,
    zone: Option<chrono_tz::Tz>,
) -> (String, Option<(Stamp, Stamp)>, Option<String>) {
    let (rest, place) = match typed.rsplit_once(" @ ").or_else(|| typed.rsplit_once('@')) {
        Some((rest, place)) if !place.trim().is_empty() => (rest, Some(place.trim().to_string())),
        _ => (typed, None),
    };
    let rest = rest.trim();
    match rest.rsplit_once(' ') {
        Some((title, last)) if !title.trim().is_empty() => match span_on(date, last, zone) {
            Some(span) => (title.trim().to_string(), Some(span), place),
            None => (rest.to_string(), None, place),
        },
        _ => (rest.to_string(), None, place),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_title_and_start_and_unique() {
        let at = |t: &str| Stamp::parse(t).unwrap();
        let span = (
            at("2026-02-01T12:30:00+01:00"),
            at("2026-02-01T13:30:00+01:00"),
        );
        let now = Utc::now();
        let e = Event::new("Lunch with Ana!", span, None, now, |_| false);
        assert_eq!(e.id, "lunch-with-ana-0201-1230");
        let taken = |id: &str| id == "lunch-with-ana-0201-1230";
        assert_eq!(
            Event::new("Lunch with Ana", span, None, now, taken).id,
            "lunch-with-ana-0201-1230-2"
        );
        assert!(e.is_named("lunch with ana!"));
        assert!(e.is_named("Ana"));
        assert!(!e.is_named(" "));
        assert!(e.is_named("lunch-with-ana-0201-1230"));
        assert_eq!(
            Event::new("x", span, Some(" ".into()), now, |_| false).place,
            None
        );
    }

    #[test]
    fn a_line_gives_a_title_a_span_and_a_place() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let zone = Some(chrono_tz::Europe::Brussels);
        let (title, span, place) =
            parse_line("Lunch with Ana 12:30-13:30 @ Café Belga", date, zone);
        assert_eq!(
            (title.as_str(), place.as_deref()),
            ("Lunch with Ana", Some("Café Belga"))
        );
        let (s, e) = span.unwrap();
        assert_eq!(
            (s.wall().to_string(), e.minutes_until(&s)),
            ("2026-02-01 12:30:00".into(), -60)
        );
        assert_eq!(
            parse_line("Booth duty", date, zone),
            ("Booth duty".into(), None, None)
        );
        assert_eq!(parse_line("Call 9am-10am", date, zone).0, "Call");
        // Not a span: part of the title.
        assert_eq!(parse_line("Meet at 14-12", date, zone).0, "Meet at 14-12");
        assert_eq!(span_on(date, "13:00-12:00", zone), None);
    }
}

//! One VEVENT into a session: its times (DTSTART with DTEND, DURATION or neither; a time in a
//! daylight-saving gap moved forward with a warning), its title and speakers (ATTENDEE and
//! ORGANIZER names, "Title - Speaker" summaries, a "Speaker:" first line), and its texts.

use super::lines::{Prop, unescape};
use super::parse_duration;
use super::recur::{Series, occurrence_id};
use super::zone::{When, Zones};
use crate::error::{Error, Result};
use crate::import::{Warning, html};
use crate::message;
use crate::model::{Kind, Session, Stamp, Str};
use crate::text;

/// The properties of one VEVENT and where it starts in the file.
pub(super) struct Event<'a, 'p> {
    pub props: &'a [Prop<'p>],
    pub line: usize,
}

impl Event<'_, '_> {
    fn get(&self, name: &str) -> Option<&Prop<'_>> {
        self.props.iter().find(|p| p.name == name)
    }

    fn text_of(&self, name: &str) -> String {
        self.get(name)
            .map(|p| unescape(&p.value))
            .unwrap_or_default()
    }

    /// The session, or `None` for an all-day event.
    pub(super) fn session(
        &self,
        origin: &str,
        zones: &Zones,
        split_summary: bool,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<Session>> {
        let summary = self.text_of("SUMMARY");
        // Named in a warning only: made when one is given, not for every event.
        let label = || {
            if summary.trim().is_empty() {
                format!("the event at line {}", self.line)
            } else {
                message::title(&summary)
            }
        };
        let Some((start, end)) = self.times(origin, zones, &label, warnings)? else {
            return Ok(None);
        };
        let (title, speakers) = self.title_and_speakers(&summary, split_summary);
        let categories = self.text_of("CATEGORIES");
        let track = categories.split(',').next().unwrap_or("").trim();
        let (abstract_text, description, speakers) = self.texts(speakers, track);
        Ok(Some(Session {
            id: self
                .get("UID")
                .map(|p| p.value.trim().to_string())
                .unwrap_or_default()
                .into(),
            title: title.into(),
            speakers: Str::list(speakers),
            abstract_text: abstract_text.into(),
            description: description.into(),
            day: start.date(),
            start,
            end,
            room: (Some(text::clean_line(&self.text_of("LOCATION"))).filter(|r| !r.is_empty()))
                .map(|r| Str::name(&r)),
            recorded: None,
            url: (self
                .get("URL")
                .map(|p| p.value.trim().to_string())
                .filter(|u| !u.is_empty()))
            .map(Str::from),
            track: (Some(track).filter(|c| !c.is_empty())).map(Str::name),
            kind: Kind::Talk,
            language: None,
            guid: None,
            cancelled: self
                .get("STATUS")
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED")),
            session_type: None,
        }))
    }

    /// The event's place in a series: `Some` when it recurs (`RRULE` or `RDATE`), with the zone
    /// its rule runs in and its extra and excluded dates; `at` is where its session is.
    pub(super) fn series(
        &self,
        at: usize,
        origin: &str,
        zones: &Zones,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<Series>> {
        let rule = self.get("RRULE").map(|p| p.value.trim().to_string());
        if rule.is_none() && self.get("RDATE").is_none() {
            return Ok(None);
        }
        let dates = |name: &str, warnings: &mut Vec<Warning>| -> Result<Vec<Stamp>> {
            let mut out = Vec::new();
            for p in self.props.iter().filter(|p| p.name == name) {
                for value in p.value.split(',') {
                    let one = Prop {
                        value: value.into(),
                        ..p.clone()
                    };
                    if let When::At(s, _) = zones.stamp(&one, origin, warnings)? {
                        out.push(s);
                    }
                }
            }
            Ok(out)
        };
        Ok(Some(Series {
            at,
            tz: self.get("DTSTART").and_then(|p| zones.rule_zone(p)),
            rule,
            rdates: dates("RDATE", warnings)?,
            exdates: dates("EXDATE", warnings)?,
        }))
    }

    /// For an event that overrides one occurrence of a series (`RECURRENCE-ID`), that
    /// occurrence's id.
    pub(super) fn overrides(
        &self,
        uid: &str,
        origin: &str,
        zones: &Zones,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<String>> {
        let Some(p) = self.get("RECURRENCE-ID") else {
            return Ok(None);
        };
        Ok(match zones.stamp(p, origin, warnings)? {
            When::At(s, _) => Some(occurrence_id(uid, &s)),
            When::AllDay => None,
        })
    }

    /// Start and end; `None` for an all-day event.
    fn times(
        &self,
        origin: &str,
        zones: &Zones,
        label: &dyn Fn() -> String,
        warnings: &mut Vec<Warning>,
    ) -> Result<Option<(Stamp, Stamp)>> {
        let timed = |p: &Prop, warnings: &mut Vec<Warning>| -> Result<Option<Stamp>> {
            Ok(match zones.stamp(p, origin, warnings)? {
                When::AllDay => None,
                When::At(s, moved) => {
                    if moved {
                        warnings.push(Warning::DstGap {
                            session: label(),
                            written: format!("{} {}", p.name, message::quote(&p.value)),
                            shown: s.time().format("%H:%M").to_string(),
                        });
                    }
                    Some(s)
                }
            })
        };
        let Some(p) = self.get("DTSTART") else {
            return Err(Error::parse(origin, self.line, "an event has no DTSTART"));
        };
        let Some(start) = timed(p, warnings)? else {
            return Ok(None);
        };
        let end = match (self.get("DTEND"), self.get("DURATION")) {
            (Some(p), _) => timed(p, warnings)?.unwrap_or(start),
            (None, Some(p)) => {
                let m = parse_duration(&p.value).ok_or_else(|| {
                    Error::parse(
                        origin,
                        p.line,
                        format!("DURATION {} is not like PT45M", message::quote(&p.value)),
                    )
                })?;
                start
                    .checked_plus_minutes(m)
                    .ok_or_else(|| Error::parse(origin, p.line, "the event ends out of range"))?
            }
            // No end: the event ends when it starts (RFC 5545, 3.6.1).
            (None, None) => start,
        };
        Ok(Some((start, end)))
    }

    /// The title, and speakers from ATTENDEE/ORGANIZER names, else from a "Title - A, B"
    /// summary when the producer writes those (frab, pretalx).
    fn title_and_speakers(&self, summary: &str, split_summary: bool) -> (String, Vec<String>) {
        let mut title = text::clean_line(summary);
        let mut speakers: Vec<String> = self
            .props
            .iter()
            .filter(|p| p.name == "ATTENDEE" || p.name == "ORGANIZER")
            .filter_map(|p| p.param("CN").map(text::clean_line))
            .collect();
        if speakers.is_empty() && split_summary {
            // "Title - A, B"; frab writes "Title - " when there is no speaker.
            if let Some(t) = title.strip_suffix(" -") {
                title = t.trim().to_string();
            } else if let Some((t, who)) = title.rsplit_once(" - ") {
                speakers = who
                    .split(", ")
                    .map(text::clean_line)
                    .filter(|n| !n.is_empty())
                    .collect();
                title = t.trim().to_string();
            }
        }
        (title, speakers)
    }

    /// Abstract (the first paragraph) and description, HTML turned into text; speakers from a
    /// "Speaker: Name" first line (Symposion) when there are none yet. First lines that only
    /// say again who speaks and in which track ("Speakers: …" naming the speakers the event
    /// has, "Track: …" naming its track, as some exporters begin a description) are left out:
    /// the session shows both already.
    fn texts(&self, mut speakers: Vec<String>, track: &str) -> (String, String, Vec<String>) {
        let mut description = self.text_of("DESCRIPTION");
        if html::looks_like_html(&description) {
            description = html::to_text(&description);
        }
        let first = description.lines().next().unwrap_or("");
        if let Some(names) = first
            .strip_prefix("Speakers: ")
            .or_else(|| first.strip_prefix("Speaker: "))
        {
            let named = text::split_and(names);
            if speakers.is_empty() {
                speakers = named;
                drop_first_line(&mut description);
            } else if named
                .iter()
                .map(|n| text::clean_line(n))
                .eq(speakers.iter().cloned())
            {
                drop_first_line(&mut description);
            }
        }
        let first = description.lines().next().unwrap_or("");
        if !track.is_empty()
            && first
                .strip_prefix("Track: ")
                .is_some_and(|t| t.trim() == track)
        {
            drop_first_line(&mut description);
        }
        text::clean_block_in_place(&mut description);
        // The first paragraph is the abstract; split without copying the text.
        match description.find("\n\n") {
            Some(at) => {
                let rest = description.split_off(at + 2);
                description.truncate(at);
                (description, rest, speakers)
            }
            None => (description, String::new(), speakers),
        }
    }
}

/// Takes the first line (and its line break) off `text`.
fn drop_first_line(text: &mut String) {
    match text.find('\n') {
        Some(end) => {
            text.drain(..=end);
        }
        None => text.clear(),
    }
}

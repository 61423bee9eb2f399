//! The first pass over a calendar: its name and zone, its VTIMEZONEs, which TZIDs the events
//! name, and whether its producer writes "Title - Speaker" summaries. Only the short
//! properties it needs are split; a large calendar is surveyed in parts at once.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use chrono_tz::Tz;

use super::Cut;
use super::lines::{ContentLines, Prop, unescape};
use super::zone::{Change, PartialChange, VZone, parse_offset, parse_rule};
use crate::model::parts;

/// Whether the producer writes "Title - Speaker" summaries (frab, pretalx).
fn splits_summary(p: &Prop) -> bool {
    let v = p.value.to_ascii_lowercase();
    (p.name == "PRODID" && (v.contains("pretalx") || v.contains("frab")))
        || (p.name == "UID" && v.contains("frab"))
}

/// What the first pass learns about the calendar before any event is read.
#[derive(Default)]
pub(super) struct Calendar {
    /// X-WR-CALNAME, when the calendar has one (the last, when it has several).
    pub(super) name: Option<String>,
    /// X-WR-CALDESC, which some calendars name themselves in instead (linux.conf.au's).
    pub(super) description: Option<String>,
    /// X-WR-TIMEZONE, as written.
    wr_tz: Option<String>,
    pub(super) vzones: HashMap<String, VZone>,
    pub(super) tzid_counts: HashMap<String, usize>,
    pub(super) split_summary: bool,
    /// The line of the last content line.
    pub(super) last_line: usize,
    /// How many VEVENTs begin (room for the sessions read from a stream is made once).
    pub(super) events: usize,
}

impl Calendar {
    /// The zone the calendar names for its venue: X-WR-TIMEZONE when it is an IANA name, else
    /// the IANA zone most events' TZIDs name (ties to the first name), else X-WR-TIMEZONE as
    /// written (so an unknown name is reported), else none.
    pub(super) fn named_zone(&self) -> String {
        let wr_tz = self.wr_tz.as_deref().unwrap_or("");
        let most = self
            .tzid_counts
            .iter()
            .filter(|(id, _)| id.parse::<Tz>().is_ok())
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(id.as_str())))
            .map(|(id, _)| id.clone());
        match most {
            _ if wr_tz.parse::<Tz>().is_ok() => wr_tz.to_string(),
            Some(id) => id,
            None => wr_tz.to_string(),
        }
    }
}

/// Only the short properties the first pass needs are split (and unfolded, when folded); long
/// ones such as DESCRIPTION are skipped by their first line.
const SURVEYED: [&str; 11] = [
    "BEGIN",
    "END",
    "PRODID",
    "UID",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "X-WR-TIMEZONE",
    "TZID",
    "TZOFFSETTO",
    "DTSTART",
    "RRULE",
];

/// First pass: calendar properties, VTIMEZONEs, which TZIDs the events use, and the producer.
/// The parts are surveyed at once, each after the first as if inside VCALENDAR (where a cut at
/// BEGIN:VEVENT is in a well-formed calendar); when a part does not end there, the calendar is
/// surveyed again whole.
pub(super) fn survey(input: &str, cuts: &[Cut]) -> Calendar {
    let parts = parts::each(cuts, |cut| {
        let inside = if cut.from == 0 {
            vec![]
        } else {
            vec!["VCALENDAR".to_string()]
        };
        survey_part(
            ContentLines::after_lines(&input[cut.from..cut.to], cut.lines),
            inside,
        )
    });
    let last = parts.len().saturating_sub(1);
    if parts
        .iter()
        .take(last)
        .any(|p| p.stack.len() != 1 || p.stack[0] != "VCALENDAR")
    {
        return survey_part(ContentLines::new(input), Vec::new()).cal;
    }
    let mut cal = Calendar::default();
    for part in parts {
        cal.take(part.cal);
    }
    cal
}

fn survey_part(lines: ContentLines<'_>, stack: Vec<String>) -> Survey {
    survey_on(
        lines,
        Survey {
            stack,
            ..Survey::default()
        },
    )
}

/// The survey `s` read on through `lines`.
fn survey_on(mut lines: ContentLines<'_>, mut s: Survey) -> Survey {
    while let Some(p) = lines.next_named(|name| SURVEYED.contains(&name)) {
        s.cal.split_summary |= splits_summary(&p);
        match p.name.as_ref() {
            "BEGIN" => s.begin(&p.value),
            "END" => s.end(),
            _ => s.property(&p),
        }
    }
    s.cal.last_line = s.cal.last_line.max(lines.last_line());
    s
}

/// The first pass over a calendar read a window at a time: each window's lines read on from
/// where the one before left off (inside a component or not), as one pass over the whole.
#[derive(Default)]
pub(super) struct Carried(Survey);

impl Carried {
    pub(super) fn read(&mut self, lines: ContentLines<'_>) {
        let so_far = std::mem::take(&mut self.0);
        self.0 = survey_on(lines, so_far);
    }

    pub(super) fn calendar(self) -> Calendar {
        self.0.cal
    }
}

impl Calendar {
    /// Adds what a later part of the calendar found: what it names again wins, counts add up.
    fn take(&mut self, later: Calendar) {
        self.name = later.name.or(self.name.take());
        self.description = later.description.or(self.description.take());
        self.wr_tz = later.wr_tz.or(self.wr_tz.take());
        self.vzones.extend(later.vzones);
        for (id, n) in later.tzid_counts {
            *self.tzid_counts.entry(id).or_default() += n;
        }
        self.split_summary |= later.split_summary;
        self.last_line = self.last_line.max(later.last_line);
        self.events += later.events;
    }
}

/// The first pass's state: the calendar so far, the components it is inside, the VTIMEZONE and
/// the STANDARD/DAYLIGHT block being read.
#[derive(Default)]
struct Survey {
    cal: Calendar,
    stack: Vec<String>,
    zone_id: String,
    zone: VZone,
    change: Option<PartialChange>,
}

impl Survey {
    fn inside(&self) -> Option<&str> {
        self.stack.last().map(String::as_str)
    }

    fn begin(&mut self, what: &str) {
        self.stack.push(what.trim().to_ascii_uppercase());
        self.cal.events += usize::from(self.inside() == Some("VEVENT"));
        if matches!(self.inside(), Some("STANDARD" | "DAYLIGHT")) {
            self.change = Some((0, None, None));
        }
    }

    fn end(&mut self) {
        match self.stack.pop().unwrap_or_default().as_str() {
            "STANDARD" | "DAYLIGHT" => {
                if let Some((off, Some(start), rule)) = self.change.take() {
                    self.zone.changes.push(Change {
                        offset_to: off,
                        start,
                        rule,
                    });
                }
            }
            "VTIMEZONE" => {
                self.cal.vzones.insert(
                    std::mem::take(&mut self.zone_id),
                    std::mem::take(&mut self.zone),
                );
            }
            _ => {}
        }
    }

    fn property(&mut self, p: &Prop) {
        let in_change = matches!(self.inside(), Some("STANDARD" | "DAYLIGHT"));
        match (self.inside(), p.name.as_ref()) {
            (Some("VCALENDAR"), "X-WR-CALNAME") => self.cal.name = Some(unescape(&p.value)),
            (Some("VCALENDAR"), "X-WR-CALDESC") => {
                self.cal.description = Some(unescape(&p.value)).filter(|d| !d.trim().is_empty())
            }
            (Some("VCALENDAR"), "X-WR-TIMEZONE") => {
                self.cal.wr_tz = Some(p.value.trim().to_string())
            }
            (Some("VTIMEZONE"), "TZID") => {
                self.zone_id = p.value.trim().trim_start_matches('/').to_string()
            }
            (Some("VEVENT"), "DTSTART") => {
                if let Some(id) = p.param("TZID") {
                    *self
                        .cal
                        .tzid_counts
                        .entry(id.trim_start_matches('/').to_string())
                        .or_default() += 1;
                }
            }
            (_, name) if in_change => {
                let Some(c) = self.change.as_mut() else {
                    return;
                };
                match name {
                    "TZOFFSETTO" => {
                        if let Some(o) = parse_offset(&p.value) {
                            c.0 = o;
                        }
                    }
                    "DTSTART" => {
                        c.1 = NaiveDateTime::parse_from_str(p.value.trim(), "%Y%m%dT%H%M%S").ok()
                    }
                    "RRULE" => c.2 = parse_rule(&p.value),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

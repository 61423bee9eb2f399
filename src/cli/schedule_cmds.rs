//! Text for the schedule commands: `sessions` (table or JSON) and `show`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Kind, Schedule, Session};
use crate::text;

/// Which sessions `lineup sessions` lists.
#[derive(Debug, Default)]
pub struct Filter {
    pub day: Option<NaiveDate>,
    pub room: Option<String>,
    pub search: Option<String>,
}

impl Filter {
    fn keeps(&self, s: &Session, needle: &str) -> bool {
        self.day.is_none_or(|d| s.day == d)
            && self.room.as_deref().is_none_or(|r| {
                s.room
                    .as_deref()
                    .is_some_and(|sr| sr.eq_ignore_ascii_case(r))
            })
            && s.matches(needle)
    }
}

fn selected<'a>(schedule: &'a Schedule, filter: &Filter) -> Vec<&'a Session> {
    let needle = filter.search.as_deref().unwrap_or("").to_lowercase();
    schedule
        .sessions
        .iter()
        .filter(|s| filter.keeps(s, &needle))
        .collect()
}

/// One line a session: id, day, start–end, room, title, speakers.
pub fn sessions_table(schedule: &Schedule, filter: &Filter) -> String {
    let rows = selected(schedule, filter);
    let id_w = rows.iter().map(|s| s.id.chars().count()).max().unwrap_or(2);
    let room_w = rows
        .iter()
        .map(|s| room_label(s).chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    for s in rows {
        let speakers = s.speaker_line();
        let who = if speakers.is_empty() {
            String::new()
        } else {
            format!(" — {speakers}")
        };
        out.push_str(&format!(
            "{:<id_w$}  {}  {}–{}  {:<room_w$}  {}{}\n",
            s.id,
            s.day,
            s.start.time().format("%H:%M"),
            s.end.time().format("%H:%M"),
            room_label(s),
            s.title,
            who,
        ));
    }
    out
}

fn room_label(s: &Session) -> String {
    match (&s.room, s.kind) {
        (Some(r), _) => r.clone(),
        (None, Kind::Plenary) => "(all)".into(),
        (None, Kind::Talk) => "-".into(),
    }
}

#[derive(Serialize)]
struct SessionJson<'a> {
    id: &'a str,
    title: &'a str,
    speakers: &'a [String],
    day: NaiveDate,
    start: String,
    end: String,
    room: Option<&'a str>,
    kind: Kind,
    recorded: bool,
    track: Option<&'a str>,
    url: Option<&'a str>,
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    description: &'a str,
}

/// The filtered sessions as a pretty JSON array.
pub fn sessions_json(schedule: &Schedule, filter: &Filter) -> String {
    let rows: Vec<SessionJson> = selected(schedule, filter)
        .into_iter()
        .map(|s| SessionJson {
            id: &s.id,
            title: &s.title,
            speakers: &s.speakers,
            day: s.day,
            start: s.start.to_rfc3339(),
            end: s.end.to_rfc3339(),
            room: s.room.as_deref(),
            kind: s.kind,
            recorded: s.recorded,
            track: s.track.as_deref(),
            url: s.url.as_deref(),
            abstract_text: &s.abstract_text,
            description: &s.description,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_default();
    out.push('\n');
    out
}

/// One session in full.
pub fn show(schedule: &Schedule, s: &Session) -> String {
    let mut out = format!("{}\n", s.title);
    if !s.speakers.is_empty() {
        out.push_str(&format!("by {}\n", s.speaker_line()));
    }
    out.push('\n');
    for (label, value) in crate::export::text::session_facts(schedule, s) {
        out.push_str(&format!("{:<9} {value}\n", format!("{label}:")));
    }
    let body = s.full_text();
    if !body.is_empty() {
        out.push('\n');
        for line in body.lines() {
            for l in text::wrap(line, 78) {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    out
}

//! The schedule commands: `sessions` (a table that fits the terminal, or JSON) and `show`.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::{AgendaArgs, SourceArgs, open, print, print_with, resolve, warn};
use crate::error::Result;
use crate::model::search::Query;
use crate::model::{Kind, Lens, Schedule, Session};
use crate::text;

/// `lineup sessions`: day and room checked against the schedule (a room that is not there is
/// an error naming the rooms), picks marked.
pub(super) fn sessions(
    source: &SourceArgs,
    agenda: &AgendaArgs,
    day: Option<&str>,
    (room, tracks, languages, kinds): (Option<&str>, &[String], &[String], &[String]),
    search: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let schedule = open::schedule(source)?;
    let filter = Lens {
        day: day.map(|d| resolve::day(&schedule, d)).transpose()?,
        room: room.map(|r| resolve::room(&schedule, r)).transpose()?,
        search: search.map(Query::new),
        ..Lens::default()
    }
    .on_tracks(&resolve::tracks(&schedule, tracks)?)
    .in_languages(&resolve::languages(&schedule, languages)?)
    .of_types(&resolve::types(&schedule, kinds)?);
    if json {
        return print_with(|out| write_sessions_json(&schedule, &filter, out));
    }
    // Picks are marked when the agenda can be read; listing works without it.
    let picked: HashSet<String> = match open::store(agenda, &schedule) {
        Ok(store) => store
            .agenda()
            .picks()
            .iter()
            .map(|p| p.id.clone())
            .collect(),
        Err(e) => {
            warn(&[format!("picks are not marked: {e}")]);
            HashSet::new()
        }
    };
    // Written as it is made: 100,000 sessions made a table of 8 MB held whole before.
    let width = terminal_width();
    print_with(|out| write_sessions_table(&schedule, &filter, &picked, width, out))
}

/// The terminal's width when standard output is one, else 80.
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(w).max(40);
    }
    80
}

/// The sessions the filter keeps, walked once for the columns' widths and once for the rows
/// (not collected: a list of 100,000 would be 0.8 MB).
fn selected<'a>(schedule: &'a Schedule, filter: &Lens) -> impl Iterator<Item = &'a Session> {
    schedule.sessions.iter().filter(|s| filter.keeps(s))
}

/// One line a session, `width` columns at most: ★ when picked, id, day, start–end, room, title
/// and speakers (cut with "…" to fit). An id longer than its column (a fifth of the line) is cut
/// too: `pick` and `show` take the start of an id.
fn write_sessions_table(
    schedule: &Schedule,
    filter: &Lens,
    picked: &HashSet<String>,
    width: usize,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    // The columns' widths in one walk of the selection (a search is matched once a walk), the
    // rows in a second.
    let (mut id_w, mut room_w, mut lang_w) = (None, None, None);
    for s in selected(schedule, filter) {
        id_w = id_w.max(Some(text::width(&s.id)));
        room_w = room_w.max(Some(text::width(&place(s))));
        // A column of languages when the schedule gives any ("de", "pt-br").
        lang_w = lang_w.max(s.language.as_deref().map(text::width));
    }
    let id_w = id_w.unwrap_or(2).min((width / 5).max(12));
    let room_w = room_w.unwrap_or(4).clamp(4, 16);
    let lang_w = lang_w.map_or(0, |w| w.min(5) + 2);
    let fixed = 2 + id_w + 2 + 6 + 2 + 11 + 2 + room_w + 2 + lang_w;
    let rest = width.saturating_sub(fixed).max(10);
    for s in selected(schedule, filter) {
        let speakers = s.speaker_line();
        let what = if speakers.is_empty() {
            s.title.to_string()
        } else {
            format!("{} — {speakers}", s.title)
        };
        let mark = if picked.contains(s.id.as_str()) {
            "★ "
        } else {
            "  "
        };
        // In another zone than the venue's, the date there (Friday 14:00 in California is
        // Saturday 07:00 in Tokyo); at the venue, the conference day (a talk at 00:15 belongs to
        // the evening before).
        let date = match schedule.shown_in {
            Some(_) => s.start.date(),
            None => s.day,
        };
        let language = if lang_w == 0 {
            String::new()
        } else {
            let code = text::fit(s.language.as_deref().unwrap_or(""), lang_w - 2);
            format!("{}  ", text::pad(&code, lang_w - 2))
        };
        writeln!(
            out,
            "{mark}{}  {}  {}–{}  {}  {language}{}",
            text::pad(&s.id, id_w),
            text::pad(&date.format("%a %-d").to_string(), 6),
            s.start.time().format("%H:%M"),
            s.end.time().format("%H:%M"),
            text::pad(&place(s), room_w),
            text::fit(&what, rest),
        )?;
    }
    Ok(())
}

fn place(s: &Session) -> String {
    crate::presentation::place(s.room.as_deref(), s.kind)
}

#[derive(Serialize)]
struct SessionJson<'a> {
    id: &'a str,
    title: &'a str,
    speakers: &'a [crate::model::Str],
    day: NaiveDate,
    start: String,
    end: String,
    room: Option<&'a str>,
    kind: Kind,
    recorded: Option<bool>,
    track: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cancelled: bool,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    session_type: Option<&'a str>,
    url: Option<&'a str>,
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    description: &'a str,
}

/// The filtered sessions as a pretty JSON array, written one session at a time.
pub(super) fn write_sessions_json(
    schedule: &Schedule,
    filter: &Lens,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let rows = schedule
        .sessions
        .iter()
        .filter(|s| filter.keeps(s))
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
            language: s.language.as_deref(),
            guid: s.guid.as_deref(),
            cancelled: s.is_cancelled(),
            session_type: s.session_type.as_deref(),
            url: s.url.as_deref(),
            abstract_text: &s.abstract_text,
            description: &s.description,
        });
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    serde::Serializer::collect_seq(&mut ser, rows)?;
    out.write_all(b"\n")
}

/// `lineup show SESSION`.
pub(super) fn show_cmd(source: &SourceArgs, typed: &str) -> Result<ExitCode> {
    let schedule = open::schedule(source)?;
    print(&show(&schedule, resolve::session(&schedule, typed)?))
}

/// One session in full.
pub(super) fn show(schedule: &Schedule, s: &Session) -> String {
    let mut out = format!("{}\n", s.title);
    if !s.speakers.is_empty() {
        out.push_str(&format!("by {}\n", s.speaker_line()));
    }
    out.push('\n');
    for (label, value) in crate::presentation::session_facts(schedule, s) {
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

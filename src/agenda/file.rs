//! The agenda file format: versioned, pretty-printed JSON with picks in a stable order (by
//! start, then id) so it diffs well. Text read from a file is cleaned as schedule text is: no
//! control characters, no invisible characters in ids.

use std::path::Path;

use serde::{Deserialize, Serialize, Serializer};

use super::{Agenda, ConferenceRef, Pick, Picks};
use crate::error::{Error, Result};
use crate::import::ENDS_EARLY;
use crate::import::header::{self, Problem};
use crate::{message, text};

pub const FORMAT: &str = "lineup-agenda";
/// The newest version this lineup reads. Version 2 adds the person's own events and the picks
/// they could not get into; a file with neither is still written as version 1, so an older
/// lineup keeps reading it.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    conference: &'a ConferenceRef,
    #[serde(serialize_with = "picks_in_order")]
    picks: Picks<'a>,
    /// Picks a calendar was told of and that were unpicked since (the next export cancels them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    withdrawn: Vec<&'a Pick>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<&'a super::Event>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    missed: Vec<&'a Pick>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    watches: Vec<&'a String>,
}

fn picks_in_order<S: Serializer>(picks: &Picks<'_>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(picks.iter())
}

#[derive(Deserialize)]
struct FileIn {
    conference: ConferenceRef,
    #[serde(default)]
    picks: Vec<Pick>,
    #[serde(default)]
    withdrawn: Vec<Pick>,
    #[serde(default)]
    events: Vec<super::Event>,
    #[serde(default)]
    missed: Vec<Pick>,
    #[serde(default)]
    watches: Vec<String>,
}

/// A pick as read from a file someone else may have written: every text field cleaned.
fn cleaned(mut p: Pick) -> Pick {
    text::clean_id_in_place(&mut p.id);
    text::clean_name_in_place(&mut p.title);
    if let Some(r) = &mut p.room {
        text::clean_name_in_place(r);
    }
    if let Some(r) = p.exported.as_mut().and_then(|e| e.room.as_mut()) {
        text::clean_name_in_place(r);
    }
    p
}

impl Agenda {
    /// The file's text: pretty JSON, stable order, trailing newline.
    pub fn to_json(&self) -> Result<String> {
        let out = FileOut {
            format: FORMAT,
            version: if self.events().len() > 0
                || self.missed().len() > 0
                || self.watches().len() > 0
            {
                VERSION
            } else {
                1
            },
            conference: &self.conference,
            picks: self.picks(),
            withdrawn: self.withdrawn().collect(),
            events: self.events().collect(),
            missed: self.missed().collect(),
            watches: self.watches().collect(),
        };
        let mut s = serde_json::to_string_pretty(&out).map_err(|e| Error::Serialize {
            what: "the agenda as JSON",
            message: message::foreign(&e.to_string()),
        })?;
        s.push('\n');
        Ok(s)
    }

    /// Reads an agenda file's text; `path` names it in errors. Any problem is a
    /// [`Error::BadAgenda`], which tells the caller never to overwrite the file.
    pub fn from_json(text: &str, path: &Path) -> Result<Agenda> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bad = |line, column, message: String| Error::BadAgenda {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        let json = |e: serde_json::Error, what: &str| {
            let message = if e.classify() == serde_json::error::Category::Eof {
                ENDS_EARLY.to_string()
            } else {
                format!("{what} ({})", message::foreign(&e.to_string()))
            };
            bad(e.line(), e.column(), message)
        };
        if text.trim().is_empty() {
            return Err(bad(0, 0, "the agenda file is empty".into()));
        }
        match header::check(text, FORMAT, VERSION) {
            Ok(()) => {}
            Err(Problem::Json(e)) => return Err(json(e, "not valid JSON")),
            Err(Problem::Format(other)) => {
                return Err(bad(
                    0,
                    0,
                    format!(
                        "not a lineup agenda (\"format\" is {}, expected \"{FORMAT}\")",
                        other.map_or("missing".to_string(), |f| message::quote(&f))
                    ),
                ));
            }
            Err(Problem::Newer(v)) => {
                return Err(bad(
                    0,
                    0,
                    format!(
                        "agenda format version {v} is newer than this lineup reads ({VERSION}); update lineup"
                    ),
                ));
            }
            Err(Problem::NoVersion) => {
                return Err(bad(0, 0, "the agenda has no valid \"version\"".into()));
            }
        }
        let file: FileIn = serde_json::from_str(text).map_err(|e| json(e, "not a valid agenda"))?;
        let mut conference = file.conference;
        text::clean_id_in_place(&mut conference.id);
        text::clean_name_in_place(&mut conference.title);
        if let Some(z) = &mut conference.time_zone {
            text::clean_id_in_place(z);
        }
        let mut agenda = Agenda::with_picks(conference, file.picks.into_iter().map(cleaned));
        for p in file.withdrawn {
            agenda.keep_withdrawn(cleaned(p));
        }
        for e in file.events {
            agenda.add_event(e.cleaned());
        }
        for w in file.watches {
            agenda.watch(&text::clean_name(&w));
        }
        for p in file.missed {
            let p = cleaned(p);
            if !agenda.is_picked(&p.id) {
                agenda.missed.insert(p.id.clone(), p);
            }
        }
        Ok(agenda)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_file_is_cleaned() {
        let json = "\u{feff}{\"format\":\"lineup-agenda\",\"version\":1,\
          \"conference\":{\"id\":\"x\\u001b]0;t\\u0007\",\"title\":\"T\\u009b2J\"},\
          \"picks\":[{\"id\":\"jin\\u200bja\\u001b[31m\",\"title\":\"J\\u001b]52;c;x\\u0007\",\
          \"start\":\"2012-03-09T14:00:00-08:00\",\"end\":\"2012-03-09T14:40:00-08:00\",\
          \"room\":\"E2\\r\\n\",\"picked_at\":\"2026-01-01T00:00:00Z\"}]}";
        let a = Agenda::from_json(json, Path::new("a.json")).unwrap();
        let p = a.picks().iter().next().unwrap();
        for t in [
            &p.id,
            &p.title,
            p.room.as_ref().unwrap(),
            &a.conference.id,
            &a.conference.title,
        ] {
            assert!(
                !t.chars().any(|c| c.is_control() || c == '\u{200b}'),
                "{t:?}"
            );
        }
        assert_eq!(p.id, "jinja [31m");
        assert!(a.is_picked("jinja [31m"));
    }

    #[test]
    fn a_file_cut_short_ends_early() {
        let e = Agenda::from_json("{\"format\": \"lineup-agenda\", \"ver", Path::new("a.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("ends early"), "{e}");
    }
}

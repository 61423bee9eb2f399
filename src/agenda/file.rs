//! The agenda file format: versioned, pretty-printed JSON with picks in a stable order (by
//! start, then id) so it diffs well.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Agenda, ConferenceRef, Pick};
use crate::error::{Error, Result};
use crate::text;

pub const FORMAT: &str = "lineup-agenda";
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    conference: &'a ConferenceRef,
    picks: &'a [Pick],
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct FileIn {
    conference: ConferenceRef,
    #[serde(default)]
    picks: Vec<Pick>,
}

impl Agenda {
    /// The file's text: pretty JSON, stable order, trailing newline.
    pub fn to_json(&self) -> String {
        let out = FileOut {
            format: FORMAT,
            version: VERSION,
            conference: &self.conference,
            picks: &self.picks,
        };
        let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads an agenda file's text; `path` names it in errors. Any problem is a
    /// [`Error::BadAgenda`], which tells the caller never to overwrite the file.
    pub fn from_json(text: &str, path: &Path) -> Result<Agenda> {
        let bad = |line, column, message: String| Error::BadAgenda {
            path: path.to_path_buf(),
            line,
            column,
            message,
        };
        if text.trim().is_empty() {
            return Err(bad(0, 0, "the agenda file is empty".into()));
        }
        let header: Header = serde_json::from_str(text)
            .map_err(|e| bad(e.line(), e.column(), format!("not valid JSON ({e})")))?;
        match header.format.as_deref() {
            Some(FORMAT) => {}
            other => {
                return Err(bad(
                    0,
                    0,
                    format!(
                        "not a lineup agenda (\"format\" is {}, expected \"{FORMAT}\")",
                        other.map_or("missing".to_string(), |f| format!("\"{f}\""))
                    ),
                ));
            }
        }
        match header.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(bad(
                    0,
                    0,
                    format!(
                        "agenda format version {v} is newer than this lineup reads ({VERSION}); update lineup"
                    ),
                ));
            }
            _ => return Err(bad(0, 0, "the agenda has no valid \"version\"".into())),
        }
        let file: FileIn = serde_json::from_str(text)
            .map_err(|e| bad(e.line(), e.column(), format!("not a valid agenda ({e})")))?;
        let mut agenda = Agenda::new(file.conference);
        for mut p in file.picks {
            p.title = text::clean_line(&p.title);
            p.room = p.room.map(|r| text::clean_line(&r));
            agenda.add(p);
        }
        Ok(agenda)
    }
}

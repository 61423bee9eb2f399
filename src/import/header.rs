//! The versioned header lineup's own files start with (`"format": "lineup-…", "version": N`),
//! checked the same way for schedules and agendas: the right format, a version this lineup reads.

use serde::Deserialize;

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// What is wrong with a file's header.
#[derive(Debug)]
pub enum Problem {
    /// Not JSON at all (line and column, and the parser's words).
    Json(serde_json::Error),
    /// Another kind of file: the format it names, if any.
    Format(Option<String>),
    /// A version newer than this lineup reads.
    Newer(u64),
    /// No version, or not a number.
    NoVersion,
}

/// Reads the header of `text` and checks it names `format` at a version up to `version`.
pub fn check(text: &str, format: &str, version: u32) -> Result<(), Problem> {
    let header: Header = serde_json::from_str(text).map_err(Problem::Json)?;
    if header.format.as_deref() != Some(format) {
        return Err(Problem::Format(header.format));
    }
    match header.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if (1..=u64::from(version)).contains(&v) => Ok(()),
        Some(v) if v > u64::from(version) => Err(Problem::Newer(v)),
        _ => Err(Problem::NoVersion),
    }
}

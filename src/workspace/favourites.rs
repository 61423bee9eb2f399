//! Favourites from elsewhere read at the edge: a Giggity share link decoded, a URL fetched, a
//! file read (at most [`MAX_BYTES`]), then read as a calendar or any schedule lineup reads.

use std::path::Path;
use std::time::Duration;

use super::{fetch, files, library};
use crate::agenda::favourites::Favourite;
use crate::error::{Error, Result};
use crate::import;

/// The most a favourites file or answer may be.
pub const MAX_BYTES: u64 = 16 << 20;

/// The favourites `source` holds, and the name it goes by in messages. `tz` pins times that
/// float (a calendar that gives no zone) to the venue's.
pub fn read(
    source: &str,
    tz: Option<chrono_tz::Tz>,
    timeout: Duration,
) -> Result<(Vec<Favourite>, String)> {
    if import::giggity::is_share_link(source) {
        let ids = import::giggity::starred_ids(source).ok_or_else(|| {
            Error::parse(
                "the Giggity link",
                1,
                "its `see=` part is not a list of talks Giggity wrote (base64 of deflated JSON); copy the whole link again",
            )
        })?;
        let favourites = ids
            .into_iter()
            .map(|id| Favourite {
                uid: Some(id),
                ..Favourite::default()
            })
            .collect();
        return Ok((favourites, "the Giggity link".into()));
    }
    let (bytes, origin) = if library::is_url(source) {
        match fetch::fetch_at_most(source, &fetch::Validators::default(), timeout, MAX_BYTES)? {
            fetch::Fetched::Body { bytes, url, .. } => (bytes, crate::message::redact_url(&url)),
            fetch::Fetched::Unchanged => {
                return Err(Error::Fetch {
                    url: source.to_string(),
                    message: "the server sent nothing".into(),
                });
            }
        }
    } else {
        let path = Path::new(source);
        (
            files::read_regular(path, "favourites", MAX_BYTES)?,
            path.display().to_string(),
        )
    };
    let opts = import::Options {
        format: None,
        tz,
        year: None,
        format_flag: "",
    };
    let imported = import::read_bytes(&bytes, &origin, &opts)?;
    let favourites = imported
        .schedule
        .sessions
        .iter()
        .map(Favourite::of)
        .collect();
    Ok((favourites, origin))
}

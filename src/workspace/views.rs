//! What the grid hides, remembered per conference: the rooms a person hid, in
//! `<data dir>/lineup/views/<conference id>.json`. A file that cannot be read is left as it is
//! and never written over.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{files, paths};
use crate::error::{Error, Result};
use crate::{message, text};

const VERSION: u32 = 1;
/// A view file is a list of room names; anything bigger is not one.
const MAX_BYTES: u64 = 4 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct ViewFile {
    lineup_view: u32,
    #[serde(default)]
    hidden_rooms: BTreeSet<String>,
}

/// Where a conference's view is kept (`None` without a home folder).
pub fn path(conference_id: &str) -> Option<PathBuf> {
    paths::dirs().map(|d| {
        d.data_dir()
            .join("views")
            .join(format!("{}.json", text::file_stem(conference_id)))
    })
}

/// The rooms hidden; none when there is no file yet.
pub fn load(path: &Path) -> Result<BTreeSet<String>> {
    if !files::exists(path) {
        return Ok(BTreeSet::new());
    }
    let bytes = files::read_regular(path, "view", MAX_BYTES)?;
    let bad = |line: usize, column: usize, message: String| Error::BadSettings {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let file: ViewFile = serde_json::from_slice(&bytes)
        .map_err(|e| bad(e.line(), e.column(), message::foreign(&e.to_string())))?;
    if file.lineup_view != VERSION {
        return Err(bad(
            0,
            0,
            format!(
                "it is version {} of the view file and this lineup reads version {VERSION}",
                file.lineup_view
            ),
        ));
    }
    Ok(file
        .hidden_rooms
        .iter()
        .map(|r| text::clean_name(r))
        .collect())
}

/// Writes the rooms hidden atomically (the folder made when missing).
pub fn save(path: &Path, hidden_rooms: &BTreeSet<String>) -> Result<()> {
    let file = ViewFile {
        lineup_view: VERSION,
        hidden_rooms: hidden_rooms.clone(),
    };
    files::write_json(path, &file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rooms_round_trip_and_no_file_hides_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("views").join("c.json");
        assert!(load(&p).unwrap().is_empty());
        let rooms: BTreeSet<String> = ["H.1302".to_string(), "Janson".to_string()].into();
        save(&p, &rooms).unwrap();
        assert_eq!(load(&p).unwrap(), rooms);
    }

    #[test]
    fn a_bad_file_names_itself_and_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, "{\"lineup_view\": 1,\n \"hidden_rooms\": 3}").unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("c.json:2"), "{e}");
        assert!(e.contains("went on with the defaults"), "{e}");
    }
}

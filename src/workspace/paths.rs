//! Where lineup keeps things on this machine: the data folder (agendas), and `~` in paths
//! people type. One place, so every command and the TUI agree.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text;

/// The agenda file for a conference when neither `--agenda` nor `LINEUP_AGENDA` says otherwise:
/// `<data dir>/lineup/agendas/<conference id>.json`.
pub fn agenda_default(conference_id: &str) -> Option<PathBuf> {
    dirs().map(|d| {
        d.data_dir()
            .join("agendas")
            .join(format!("{}.json", text::file_stem(conference_id)))
    })
}

/// `--agenda FILE`, else `LINEUP_AGENDA`, else [`agenda_default`].
pub fn agenda_path(flag: Option<&Path>, conference_id: &str) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("LINEUP_AGENDA").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    agenda_default(conference_id).ok_or(Error::NoHome {
        what: "the agenda",
        instead: "; pass --agenda FILE or set LINEUP_AGENDA",
    })
}

/// lineup's folders for this user and platform (`directories`).
pub fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "lineup")
}

/// Expands a leading `~/` to the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The config file: `$XDG_CONFIG_HOME/lineup/config.toml` (`~/.config/lineup/…` on Linux).
pub fn config_file() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("config.toml"))
}

/// A config file's text; `None` when there is none.
pub fn read_config(path: &Path) -> Result<Option<String>> {
    if !super::files::exists(path) {
        return Ok(None);
    }
    let bytes = super::files::read_regular(path, "config", 1 << 20)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::BadSettings {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: "it is not UTF-8 text".into(),
        })
}

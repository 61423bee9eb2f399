//! Friends' agendas: names given to other people's agenda files (shared through git or any file
//! sync) or URLs, kept in `<data dir>/lineup/friends.json`. A friend's file is only ever read;
//! one fetched from a URL is kept as a copy in `<data dir>/lineup/friends/<name>.json` (adding
//! the friend again fetches it again). Names are told apart by their slug (`Alice` and `alice`
//! are one friend), `friends.json` is changed under its lock, and a friend's agenda is read
//! bounded: at most [`AGENDA_MAX_BYTES`], and only its picks of this conference kept.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{fetch, files, library, lock, paths};
use crate::agenda::Agenda;
use crate::error::{Error, Result};
use crate::model::Schedule;
use crate::{message, text};

const VERSION: u32 = 1;

/// The largest friend's agenda read (tens of thousands of picks; nobody picks more).
pub const AGENDA_MAX_BYTES: u64 = 16 << 20;

/// The longest friend's name.
const NAME_MAX: usize = 100;

/// A friend: a name and where their agenda is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Friend {
    pub name: String,
    /// A file path (absolute), or the URL it was fetched from.
    pub source: String,
    /// The conference the agenda is for (its id), checked when added.
    pub conference: String,
}

impl Friend {
    /// The file to read: the source, or the copy of what the URL gave.
    pub fn file(&self) -> Option<PathBuf> {
        if library::is_url(&self.source) {
            copy_path(&self.name)
        } else {
            Some(PathBuf::from(&self.source))
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct FriendsFile {
    lineup_friends: u32,
    #[serde(default)]
    friends: Vec<Friend>,
}

fn data_file(name: &str) -> Option<PathBuf> {
    paths::dirs().map(|d| d.data_dir().join(name))
}

fn copy_path(name: &str) -> Option<PathBuf> {
    data_file("friends").map(|d| d.join(format!("{}.json", text::file_stem(name))))
}

fn list_path() -> Result<PathBuf> {
    data_file("friends.json").ok_or(Error::NoHome {
        what: "friends",
        instead: "",
    })
}

/// Every friend added.
pub fn list() -> Result<Vec<Friend>> {
    load(&list_path()?)
}

fn load(path: &Path) -> Result<Vec<Friend>> {
    if !files::exists(path) {
        return Ok(Vec::new());
    }
    let bytes = files::read_regular(path, "friends", 4 << 20)?;
    let bad = |line, column, message| Error::BadSettings {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let version: Version = serde_json::from_slice(&bytes)
        .map_err(|e| bad(e.line(), e.column(), message::foreign(&e.to_string())))?;
    match version.lineup_friends {
        Some(VERSION) => {}
        Some(v) => {
            return Err(bad(
                0,
                0,
                format!(
                    "it is version {v} of the friends file and this lineup reads version {VERSION}; use a newer lineup"
                ),
            ));
        }
        None => {
            return Err(bad(
                0,
                0,
                "it is not a lineup friends file (no \"lineup_friends\" version)".into(),
            ));
        }
    }
    let file: FriendsFile = serde_json::from_slice(&bytes)
        .map_err(|e| bad(e.line(), e.column(), message::foreign(&e.to_string())))?;
    Ok(file.friends)
}

/// Just the version, read before the rest.
#[derive(Deserialize)]
struct Version {
    lineup_friends: Option<u32>,
}

/// Changes the friends: under the lock of `friends.json`, read, changed by `f`, written.
fn change<T>(f: impl FnOnce(&mut Vec<Friend>) -> Result<T>) -> Result<T> {
    let path = list_path()?;
    let _lock = lock::acquire(
        &lock::beside(&path),
        lock::WAIT,
        "changing your friends",
        None,
    )?;
    let mut friends = load(&path)?;
    let made = f(&mut friends)?;
    for friend in &mut friends {
        friend.source = message::redact_url(&friend.source);
    }
    let file = FriendsFile {
        lineup_friends: VERSION,
        friends,
    };
    files::write_json(&path, &file)?;
    Ok(made)
}

/// Reads a friend's agenda (at most [`AGENDA_MAX_BYTES`]); refuses one made for another
/// conference than `schedule`'s, and keeps only the picks of sessions `schedule` has.
pub fn read(friend: &Friend, schedule: &Schedule) -> Result<Agenda> {
    let path = friend.file().ok_or(Error::NoHome {
        what: "friends",
        instead: "",
    })?;
    let bytes = files::read_regular(&path, "friend's agenda", AGENDA_MAX_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::BadAgenda {
        path: path.clone(),
        line: 0,
        column: 0,
        message: "the agenda file is not UTF-8 text".into(),
    });
    let agenda = text
        .and_then(|t| Agenda::from_json(&t, &path))
        .map_err(|e| friendly(e, &friend.name))?;
    same_conference(&agenda, schedule, &friend.name, &path)?;
    let ids: std::collections::HashSet<&str> =
        schedule.sessions.iter().map(|s| s.id.as_str()).collect();
    Ok(agenda.keeping(|p| ids.contains(p.id.as_str())))
}

/// A friend's agenda that cannot be used, said as theirs: lineup never writes it, so the way
/// out is a good copy from them, or forgetting the friend.
fn friendly(e: Error, name: &str) -> Error {
    match e {
        Error::BadAgenda {
            path,
            line,
            message,
            ..
        } => Error::FriendAgenda {
            name: name.to_string(),
            path,
            line,
            message,
        },
        other => other,
    }
}

fn same_conference(agenda: &Agenda, schedule: &Schedule, name: &str, path: &Path) -> Result<()> {
    if agenda.conference.id == schedule.conference.id {
        return Ok(());
    }
    Err(Error::FriendOtherConference {
        name: name.to_string(),
        path: path.to_path_buf(),
        theirs: Box::new((
            agenda.conference.title.clone(),
            agenda.conference.id.clone(),
        )),
        ours: Box::new((
            schedule.conference.title.clone(),
            schedule.conference.id.clone(),
        )),
    })
}

/// Adds (or replaces) a friend: the file is read, or the URL fetched and a copy kept, and the
/// agenda must be for `schedule`'s conference. Returns the friend and their picks' count.
pub fn add(
    name: &str,
    source: &str,
    schedule: &Schedule,
    timeout: Duration,
) -> Result<(Friend, usize)> {
    let name = text::clean_name(name);
    if !text::has_slug(&name) {
        return Err(Error::NoLetterOrDigit {
            what: "the friend's name",
            typed: name,
            example: "the friend a name such as alice: lineup friend add NAME FILE",
        });
    }
    if name.chars().count() > NAME_MAX {
        return Err(Error::TooLong {
            what: "the friend's name",
            length: name.chars().count(),
            max: NAME_MAX,
            unit: "characters",
        });
    }
    if let Some(other) = list()?
        .into_iter()
        .find(|f| f.name != name && text::file_stem(&f.name) == text::file_stem(&name))
    {
        return Err(Error::FriendTooLike {
            name,
            other: other.name,
        });
    }
    let (_, source) = if library::is_url(source) {
        let fetched = fetch::fetch_at_most(
            source,
            &fetch::Validators::default(),
            timeout,
            AGENDA_MAX_BYTES,
        )?;
        let fetch::Fetched::Body { bytes, .. } = fetched else {
            return Err(Error::Fetch {
                url: source.to_string(),
                message: "the server sent nothing new".into(),
            });
        };
        let copy = copy_path(&name).ok_or(Error::NoHome {
            what: "friends",
            instead: "",
        })?;
        // Checked before the copy is kept.
        let text = String::from_utf8(bytes).map_err(|_| Error::Fetch {
            url: source.to_string(),
            message: "it is not an agenda (not UTF-8 text)".into(),
        })?;
        let agenda = Agenda::from_json(&text, Path::new(source)).map_err(|e| friendly(e, &name))?;
        same_conference(&agenda, schedule, &name, Path::new(source))?;
        if let Some(dir) = copy.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        files::write_atomic(&copy, text.as_bytes())?;
        (copy, message::redact_url(source))
    } else {
        let path = std::path::absolute(paths::expand_home(source)).map_err(|e| Error::Read {
            path: PathBuf::from(source),
            source: e,
        })?;
        (path.clone(), path.display().to_string())
    };
    let friend = Friend {
        name: name.clone(),
        source,
        conference: schedule.conference.id.clone(),
    };
    let agenda = read(&friend, schedule)?;
    change(|friends| {
        friends.retain(|f| f.name != name);
        friends.push(friend.clone());
        Ok(())
    })?;
    Ok((friend, agenda.picks().len()))
}

/// Forgets a friend (their file is left alone; a fetched copy is deleted).
pub fn remove(name: &str) -> Result<Friend> {
    let gone = change(|friends| take(friends, name))?;
    if library::is_url(&gone.source)
        && let Some(copy) = copy_path(&gone.name)
    {
        let _ = std::fs::remove_file(copy);
    }
    Ok(gone)
}

/// Takes the friend named `name` (or whose name is its slug) out of `friends`.
fn take(friends: &mut Vec<Friend>, name: &str) -> Result<Friend> {
    let k = friends.iter().position(|f| f.name == name).or_else(|| {
        let stem = text::file_stem(name);
        friends
            .iter()
            .position(|f| text::file_stem(&f.name) == stem)
    });
    let Some(k) = k else {
        return Err(Error::NoFriend {
            name: name.to_string(),
            conference: None,
            known: friends.iter().map(|f| f.name.clone()).collect(),
        });
    };
    Ok(friends.remove(k))
}

/// The friends for this conference whose agendas can be read, with their agendas; what could
/// not be read is said.
pub fn agendas(schedule: &Schedule) -> (Vec<(String, Agenda)>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let friends = match list() {
        Ok(f) => f,
        Err(e) => return (out, vec![e.to_string()]),
    };
    for f in friends
        .iter()
        .filter(|f| f.conference == schedule.conference.id)
    {
        match read(f, schedule) {
            Ok(a) => out.push((f.name.clone(), a)),
            Err(e) => notes.push(format!("{}'s agenda left out: {e}", f.name)),
        }
    }
    (out, notes)
}

//! Favourites made elsewhere (a conference website's starred sessions, FOSDEM Companion's
//! bookmarks, lineup's own export, a Giggity share link) matched to this schedule's sessions:
//! by UID (or the GUID in it), then by link, then by title and start. Every entry is matched
//! or said why not.

use std::collections::HashMap;

use crate::model::{Schedule, Session, Stamp};
use crate::text;

/// One favourite as the other tool gave it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Favourite {
    /// The calendar's UID, or the tool's own id for the session.
    pub uid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub start: Option<Stamp>,
}

impl Favourite {
    /// A favourite read as a session of a calendar (its id the UID).
    pub fn of(s: &Session) -> Favourite {
        Favourite {
            uid: Some(s.id.to_string()),
            url: s.url.as_deref().map(str::to_string),
            title: s.title.to_string(),
            start: Some(s.start),
        }
    }
}

/// How a favourite was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Uid,
    Link,
    TitleAndStart,
}

impl How {
    pub fn words(self) -> &'static str {
        match self {
            How::Uid => "by its UID",
            How::Link => "by its link",
            How::TitleAndStart => "by its title and start",
        }
    }
}

/// What became of one favourite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The session (an index into the schedule's sessions).
    Session(usize, How),
    /// A session of this title is in the schedule, at another time (moved since?): not taken
    /// on a guess.
    ElsewhenOnly(usize),
    /// Several sessions have this title at this start.
    Several(Vec<usize>),
    /// Nothing in the schedule is like it.
    Nothing,
    /// One of lineup's own events (not a session).
    OwnEvent,
}

/// What the schedule is looked up by, built once for many favourites.
pub struct Index<'a> {
    schedule: &'a Schedule,
    ids: HashMap<&'a str, usize>,
    guids: HashMap<String, usize>,
    urls: HashMap<String, usize>,
    titles: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(schedule: &'a Schedule) -> Index<'a> {
        let mut index = Index {
            schedule,
            ids: HashMap::new(),
            guids: HashMap::new(),
            urls: HashMap::new(),
            titles: HashMap::new(),
        };
        for (i, s) in schedule.sessions.iter().enumerate() {
            index.ids.insert(s.id.as_str(), i);
            if let Some(g) = &s.guid {
                index.guids.insert(g.to_ascii_lowercase(), i);
            }
            if let Some(u) = &s.url {
                index.urls.entry(link_key(u)).or_insert(i);
            }
            index
                .titles
                .entry(text::fold(s.title.trim()))
                .or_default()
                .push(i);
        }
        index
    }

    /// Finds one favourite.
    pub fn find(&self, f: &Favourite) -> Found {
        if let Some(uid) = &f.uid {
            if is_own_event(uid, &self.schedule.conference.id) {
                return Found::OwnEvent;
            }
            if let Some(i) = self.by_uid(uid) {
                return Found::Session(i, How::Uid);
            }
        }
        if let Some(i) = f.url.as_deref().and_then(|u| self.urls.get(&link_key(u))) {
            return Found::Session(*i, How::Link);
        }
        let Some(same) = self.titles.get(&text::fold(f.title.trim())) else {
            return Found::Nothing;
        };
        let at: Vec<usize> = match f.start {
            Some(t) => same
                .iter()
                .copied()
                .filter(|&i| self.schedule.sessions[i].start.timestamp() == t.timestamp())
                .collect(),
            None => same.clone(),
        };
        match at[..] {
            [i] => Found::Session(i, How::TitleAndStart),
            [] => Found::ElsewhenOnly(same[0]),
            _ => Found::Several(at),
        }
    }

    /// A UID as lineup's export writes it (`<id>@<conference>.lineup`), the session's own id,
    /// or a frab GUID (`<guid>@frab.…`), or a Giggity or pretalx id after the last `-`.
    fn by_uid(&self, uid: &str) -> Option<usize> {
        let head = uid.split_once('@').map_or(uid, |(h, _)| h);
        [uid, head]
            .into_iter()
            .find_map(|k| self.ids.get(k).copied())
            .or_else(|| self.guids.get(&head.to_ascii_lowercase()).copied())
            .or_else(|| {
                // pretalx: "pretalx-<event>-<CODE>@host"; the code is the session's id there.
                let code = head.rsplit('-').next().filter(|c| *c != head)?;
                self.ids.get(code).copied()
            })
    }
}

/// Whether `uid` is one of lineup's exported events of the person's own.
fn is_own_event(uid: &str, conference: &str) -> bool {
    uid.starts_with("event-") && uid.ends_with(&format!("@{conference}.lineup"))
}

/// A link as compared: no scheme, no `www.`, no trailing `/`, no fragment, host in lower case.
fn link_key(url: &str) -> String {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    format!(
        "{}/{}",
        host.to_ascii_lowercase(),
        path.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_compare_without_scheme_www_slash_and_fragment() {
        assert_eq!(
            link_key("https://www.Pretalx.com/pyconau-2023/talk/EJWEMK/"),
            link_key("http://pretalx.com/pyconau-2023/talk/EJWEMK#x")
        );
        assert_ne!(
            link_key("https://a.org/talk/1"),
            link_key("https://a.org/talk/2")
        );
    }

    #[test]
    fn own_events_are_told_apart() {
        assert!(is_own_event("event-lunch-0309-1200@pycon.lineup", "pycon"));
        assert!(!is_own_event("jinja@pycon.lineup", "pycon"));
    }
}

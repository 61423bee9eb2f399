//! Sessionize's API views (behind most developer conferences): "All" (`{sessions, speakers,
//! categories, rooms}`, speakers and categories by id), "GridSmart" (`[{date, rooms: [{name,
//! sessions}]}]`) and "Sessions" (`[{groupName, sessions}]`), where sessions carry their
//! speakers and categories. Times carry no zone: `--tz` pins them, as for any zoneless
//! schedule. Service sessions (breaks, lunch) are kept, as breaks; plenum sessions span the
//! rooms.

use std::collections::HashMap;

use serde::Deserialize;

use super::draft::Draft as EventDraft;
use super::loose::Loose;
use super::three_parts::finish_all;
use super::{Context, Draft};
use crate::error::Result;

/// What the errors call this format.
const WHAT: &str = "a Sessionize export";

/// Whether the start of a JSON text looks like one of Sessionize's views.
pub fn looks_like(head: &str) -> bool {
    let all = head.contains("\"sessions\"")
        && (head.contains("\"categoryItems\"")
            || head.contains("\"isServiceSession\"")
            || head.contains("\"startsAt\""));
    all && !head.contains("\"schedule\"")
}

/// The "All" view.
#[derive(Deserialize)]
struct All {
    #[serde(default)]
    sessions: Vec<SessionItem>,
    #[serde(default)]
    speakers: Vec<Speaker>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    rooms: Vec<Room>,
}

/// A day of "GridSmart" (rooms, each with its sessions) or a group of "Sessions".
#[derive(Deserialize)]
struct Group {
    #[serde(default)]
    rooms: Vec<GridRoom>,
    #[serde(default)]
    sessions: Vec<SessionItem>,
}

#[derive(Deserialize)]
struct GridRoom {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sessions: Vec<SessionItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionItem {
    #[serde(default)]
    id: Loose,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    starts_at: Option<String>,
    #[serde(default)]
    ends_at: Option<String>,
    #[serde(default)]
    is_service_session: bool,
    #[serde(default)]
    is_plenum_session: bool,
    /// "All": speakers' ids; the other views: `{id, name}`, read as the name.
    #[serde(default)]
    speakers: Vec<Loose>,
    /// "All": the ids of the category items.
    #[serde(default)]
    category_items: Vec<Loose>,
    /// The other views: the categories with their items.
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    room_id: Loose,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Speaker {
    #[serde(default)]
    id: String,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Category {
    /// "All" names a category `title`, the other views `name`.
    #[serde(default, alias = "name")]
    title: String,
    #[serde(default, alias = "categoryItems")]
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    id: Loose,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Room {
    #[serde(default)]
    id: Loose,
    #[serde(default)]
    name: String,
    #[serde(default)]
    sort: i64,
}

/// What a category is for, by its title: the track (a title like "Track", else "Topic",
/// "Category", "Theme"), the language ("Language", "Sprache"…), or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Track,
    Language,
    /// The session's format ("Session format": talk, workshop, lightning talk).
    Format,
    Neither,
}

/// The role of each of these category titles (worked out once per export, or per session in
/// the views that carry categories with each session).
fn roles<'c>(titles: impl Iterator<Item = &'c str> + Clone) -> impl Fn(&str) -> Role {
    let find = |words: &[&str]| {
        let titles = titles.clone();
        let all: Vec<String> = titles.map(|t| t.trim().to_lowercase()).collect();
        words
            .iter()
            .find_map(|w| all.iter().find(|t| t.contains(w)))
            .cloned()
    };
    let track = find(&["track", "topic", "category", "theme"]);
    let language = find(&["language", "sprache", "langue", "idioma"]);
    let format = find(&["format", "session type", "type"]).filter(|f| Some(f) != track.as_ref());
    move |title: &str| {
        let t = title.trim().to_lowercase();
        if track.as_deref() == Some(t.as_str()) {
            Role::Track
        } else if language.as_deref() == Some(t.as_str()) {
            Role::Language
        } else if format.as_deref() == Some(t.as_str()) {
            Role::Format
        } else {
            Role::Neither
        }
    }
}

/// Puts a category item's name where its role says, the first of each role winning.
fn take_item(role: Role, name: &str, d: &mut EventDraft) {
    let field = match role {
        Role::Track => &mut d.track,
        Role::Language => &mut d.language,
        Role::Format => &mut d.kind,
        Role::Neither => return,
    };
    if field.is_empty() {
        name.clone_into(field);
    }
}

/// Reads a Sessionize export held in memory.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let json_error = |e: serde_json::Error| super::frab_json::json_error(&e, origin, WHAT);
    // "All" is an object; "GridSmart" and "Sessions" are lists of groups.
    let (drafts, rooms) = if input
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[')
    {
        group_views(serde_json::from_str(input).map_err(json_error)?)
    } else {
        all_view(serde_json::from_str(input).map_err(json_error)?)
    };
    let tz = cx.flag_zone();
    let sessions = finish_all(drafts, origin, tz, &mut cx.warnings)?;
    Ok(Draft {
        title: event_name(origin),
        zone: tz,
        rooms,
        sessions,
        ..Draft::default()
    })
}

/// Sessionize gives no conference name: one from its API address (`…/api/v2/<event>/view/All`
/// is "Sessionize <event>"); else none, and the file's name is used.
fn event_name(origin: &str) -> String {
    let Some((_, after)) = origin.split_once("/api/v2/") else {
        return String::new();
    };
    let event = after.split('/').next().unwrap_or("");
    if event.is_empty() {
        String::new()
    } else {
        format!("Sessionize {event}")
    }
}

/// The "All" view: speakers, categories and rooms looked up by id.
fn all_view(all: All) -> (Vec<EventDraft>, Vec<String>) {
    let speakers: HashMap<&str, String> = all
        .speakers
        .iter()
        .map(|s| (s.id.as_str(), speaker_name(s)))
        .collect();
    let role_of = roles(all.categories.iter().map(|c| c.title.as_str()));
    let items: HashMap<&str, (Role, &str)> = all
        .categories
        .iter()
        .flat_map(|c| {
            let role = role_of(&c.title);
            c.items
                .iter()
                .map(move |i| (i.id.0.as_str(), (role, i.name.as_str())))
        })
        .collect();
    let mut rooms: Vec<&Room> = all.rooms.iter().collect();
    rooms.sort_by_key(|r| r.sort);
    let room_names: HashMap<&str, &str> = rooms
        .iter()
        .map(|r| (r.id.0.as_str(), r.name.as_str()))
        .collect();
    let drafts = all
        .sessions
        .into_iter()
        .map(|mut s| {
            let mut d = draft(&mut s);
            d.room = room_names
                .get(s.room_id.0.as_str())
                .map(|r| (*r).to_string())
                .or(s.room.clone())
                .unwrap_or_default();
            d.speakers = s
                .speakers
                .iter()
                .filter_map(|id| speakers.get(id.0.as_str()).cloned())
                .collect();
            for (role, name) in s
                .category_items
                .iter()
                .filter_map(|i| items.get(i.0.as_str()))
            {
                take_item(*role, name, &mut d);
            }
            d
        })
        .collect();
    (drafts, rooms.iter().map(|r| r.name.clone()).collect())
}

/// "GridSmart" and "Sessions": each session carries its room, speakers and categories.
fn group_views(groups: Vec<Group>) -> (Vec<EventDraft>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut rooms = Vec::new();
    for g in groups {
        let in_rooms = g.rooms.into_iter().flat_map(|r| {
            rooms.push(r.name.clone());
            let name = r.name;
            r.sessions.into_iter().map(move |s| (s, name.clone()))
        });
        let loose = g.sessions.into_iter().map(|s| (s, String::new()));
        for (mut s, room) in in_rooms.collect::<Vec<_>>().into_iter().chain(loose) {
            let mut d = draft(&mut s);
            d.room = s
                .room
                .clone()
                .filter(|r| !r.trim().is_empty())
                .unwrap_or(room);
            d.speakers = s
                .speakers
                .iter()
                .map(|name| name.0.clone())
                .filter(|n| !n.trim().is_empty())
                .collect();
            let role_of = roles(s.categories.iter().map(|c| c.title.as_str()));
            for c in &s.categories {
                let role = role_of(&c.title);
                for i in &c.items {
                    take_item(role, &i.name, &mut d);
                }
            }
            drafts.push(d);
        }
    }
    (drafts, rooms)
}

fn speaker_name(s: &Speaker) -> String {
    s.full_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| {
            [s.first_name.as_deref(), s.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        })
}

/// What every view gives of a session alike (its texts taken, not copied).
fn draft(s: &mut SessionItem) -> EventDraft {
    let kind = if s.is_plenum_session {
        "plenary"
    } else if s.is_service_session {
        "break"
    } else {
        ""
    };
    EventDraft {
        id: std::mem::take(&mut s.id.0),
        title: s.title.take().unwrap_or_default(),
        description: s.description.take().unwrap_or_default(),
        date: s.starts_at.take().unwrap_or_default(),
        end: s.ends_at.take().unwrap_or_default(),
        kind: kind.to_string(),
        cancelled: s
            .status
            .as_deref()
            .is_some_and(|st| st.to_ascii_lowercase().contains("cancel")),
        ..EventDraft::default()
    }
}

//! Sessionize's API views (behind most developer conferences): "All" (`{sessions, speakers,
//! categories, rooms}`, speakers and categories by id), "GridSmart" (`[{date, rooms: [{name,
//! sessions}]}]`) and "Sessions" (`[{groupName, sessions}]`), where sessions carry their
//! speakers and categories. Times carry no zone: `--tz` pins them, as for any zoneless
//! schedule. Service sessions (breaks, lunch) are kept, as breaks; plenum sessions span the
//! rooms.

use std::collections::HashMap;

use serde::Deserialize;

use super::draft::{Draft as EventDraft, finish_all};
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
    id: serde_json::Value,
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
    #[serde(default)]
    speakers: Vec<SpeakerRef>,
    /// "All": the ids of the category items.
    #[serde(default)]
    category_items: Vec<serde_json::Value>,
    /// The other views: the categories with their items.
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    room_id: serde_json::Value,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SpeakerRef {
    Id(String),
    Named {
        #[serde(default)]
        name: Option<String>,
    },
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
    id: serde_json::Value,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Room {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    name: String,
    #[serde(default)]
    sort: i64,
}

/// A JSON id (a number or a string) as text.
fn id_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Which category holds the track and which the language: by their titles.
#[derive(Default)]
struct Roles {
    track: Option<String>,
    language: Option<String>,
}

impl Roles {
    fn of<'c>(titles: impl Iterator<Item = &'c str>) -> Self {
        let titles: Vec<String> = titles.map(|t| t.trim().to_lowercase()).collect();
        let find = |words: &[&str]| {
            words
                .iter()
                .find_map(|w| titles.iter().find(|t| t.contains(w)))
                .cloned()
        };
        Roles {
            track: find(&["track", "topic", "category", "theme"]),
            language: find(&["language", "sprache", "langue", "idioma"]),
        }
    }

    /// The item of `category` that `items` hold, when the category has this role.
    fn pick(role: &Option<String>, category: &str, item: &str, out: &mut String) {
        if out.is_empty() && role.as_deref() == Some(category.trim().to_lowercase().as_str()) {
            item.clone_into(out);
        }
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
    let roles = Roles::of(all.categories.iter().map(|c| c.title.as_str()));
    let items: HashMap<String, (&str, &str)> = all
        .categories
        .iter()
        .flat_map(|c| {
            c.items
                .iter()
                .map(move |i| (id_text(&i.id), (c.title.as_str(), i.name.as_str())))
        })
        .collect();
    let mut rooms: Vec<&Room> = all.rooms.iter().collect();
    rooms.sort_by_key(|r| r.sort);
    let room_names: HashMap<String, &str> = rooms
        .iter()
        .map(|r| (id_text(&r.id), r.name.as_str()))
        .collect();
    let drafts = all
        .sessions
        .into_iter()
        .map(|s| {
            let mut d = draft(&s);
            d.room = room_names
                .get(&id_text(&s.room_id))
                .map(|r| (*r).to_string())
                .or(s.room.clone())
                .unwrap_or_default();
            d.speakers = s
                .speakers
                .iter()
                .filter_map(|r| match r {
                    SpeakerRef::Id(id) => speakers.get(id.as_str()).cloned(),
                    SpeakerRef::Named { name } => name.clone(),
                })
                .collect();
            for (category, item) in s
                .category_items
                .iter()
                .filter_map(|i| items.get(&id_text(i)))
            {
                Roles::pick(&roles.track, category, item, &mut d.track);
                Roles::pick(&roles.language, category, item, &mut d.language);
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
        for (s, room) in in_rooms.collect::<Vec<_>>().into_iter().chain(loose) {
            let mut d = draft(&s);
            d.room = s
                .room
                .clone()
                .filter(|r| !r.trim().is_empty())
                .unwrap_or(room);
            d.speakers = s
                .speakers
                .iter()
                .filter_map(|r| match r {
                    SpeakerRef::Named { name } => name.clone(),
                    SpeakerRef::Id(_) => None,
                })
                .collect();
            let roles = Roles::of(s.categories.iter().map(|c| c.title.as_str()));
            for c in &s.categories {
                for i in &c.items {
                    Roles::pick(&roles.track, &c.title, &i.name, &mut d.track);
                    Roles::pick(&roles.language, &c.title, &i.name, &mut d.language);
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

/// What every view gives of a session alike.
fn draft(s: &SessionItem) -> EventDraft {
    let kind = if s.is_plenum_session {
        "plenary"
    } else if s.is_service_session {
        "break"
    } else {
        ""
    };
    EventDraft {
        id: id_text(&s.id),
        title: s.title.clone().unwrap_or_default(),
        description: s.description.clone().unwrap_or_default(),
        date: s.starts_at.clone().unwrap_or_default(),
        end: s.ends_at.clone().unwrap_or_default(),
        kind: kind.to_string(),
        cancelled: s
            .status
            .as_deref()
            .is_some_and(|st| st.to_ascii_lowercase().contains("cancel")),
        ..EventDraft::default()
    }
}

//! Open Event / eventyay sessions (FOSSASIA and the events run on eventyay): the legacy
//! `sessions` list (`start_time`, `end_time`, `microlocation`, `track`, `speakers`) and the
//! JSON:API form of the server's `/v1/events/<id>/sessions` (`data[].attributes` with
//! `starts-at`, `ends-at`, the room and track in `included`). Times carry their offsets.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::draft::{Draft as EventDraft, finish_all};
use super::{Context, Draft};
use crate::error::Result;

/// What the errors call this format.
const WHAT: &str = "Open Event sessions";

/// Whether the start of a JSON text looks like Open Event sessions.
pub fn looks_like(head: &str) -> bool {
    let legacy = head.contains("\"start_time\"")
        && (head.contains("\"microlocation\"") || head.contains("\"long_abstract\""));
    let api = head.contains("\"data\"")
        && (head.contains("\"starts-at\"") || head.contains("\"starts_at\""));
    legacy || api
}

/// A JSON:API document: the sessions and what they refer to.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    data: Vec<Resource>,
    #[serde(default)]
    included: Vec<Resource>,
}

#[derive(Deserialize)]
struct Resource {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    id: Value,
    #[serde(default)]
    attributes: HashMap<String, Value>,
    #[serde(default)]
    relationships: HashMap<String, Relationship>,
}

#[derive(Deserialize)]
struct Relationship {
    #[serde(default)]
    data: Value,
}

/// A field as text: a string, a number, or the `name` of an object.
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Object(o)) => text(o.get("name")),
        _ => String::new(),
    }
}

/// The first of `keys` an object gives as text (the API writes `starts-at`, older dumps
/// `starts_at`).
fn field(o: &HashMap<String, Value>, keys: &[&str]) -> String {
    keys.iter()
        .map(|k| text(o.get(*k)))
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default()
}

/// Reads Open Event sessions held in memory.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let json_error = |e: serde_json::Error| super::frab_json::json_error(&e, origin, WHAT);
    let drafts = if input
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[')
    {
        let list: Vec<HashMap<String, Value>> = serde_json::from_str(input).map_err(json_error)?;
        list.iter().map(legacy).collect()
    } else {
        let doc: Document = serde_json::from_str(input).map_err(json_error)?;
        api(&doc)
    };
    let tz = cx.flag_zone();
    let sessions = finish_all(drafts, origin, tz, &mut cx.warnings)?;
    Ok(Draft {
        zone: tz,
        sessions,
        ..Draft::default()
    })
}

/// A session of the legacy list: rooms, tracks and speakers inline.
fn legacy(s: &HashMap<String, Value>) -> EventDraft {
    let speakers = match s.get("speakers") {
        Some(Value::Array(list)) => list.iter().map(|p| text(Some(p))).collect(),
        _ => Vec::new(),
    };
    let mut d = common(s);
    d.id = field(s, &["id"]);
    d.room = field(s, &["microlocation", "room"]);
    d.track = field(s, &["track"]);
    d.kind = field(s, &["session_type", "type"]);
    d.speakers = speakers;
    d
}

/// The JSON:API form: each session's room, track and speakers from `included`.
fn api(doc: &Document) -> Vec<EventDraft> {
    let included: HashMap<(String, String), &Resource> = doc
        .included
        .iter()
        .map(|r| ((r.kind.clone(), text(Some(&r.id))), r))
        .collect();
    let named = |rel: &Relationship| -> Vec<String> {
        let refs = match &rel.data {
            Value::Array(list) => list.iter().collect(),
            Value::Object(_) => vec![&rel.data],
            _ => Vec::new(),
        };
        refs.into_iter()
            .filter_map(|r| {
                let key = (text(r.get("type")), text(r.get("id")));
                included
                    .get(&key)
                    .map(|res| field(&res.attributes, &["name"]))
            })
            .filter(|n| !n.trim().is_empty())
            .collect()
    };
    let related = |s: &Resource, key: &str| s.relationships.get(key).map(named).unwrap_or_default();
    doc.data
        .iter()
        .filter(|r| r.kind.is_empty() || r.kind.starts_with("session"))
        .map(|s| {
            let mut d = common(&s.attributes);
            d.id = text(Some(&s.id));
            d.room = related(s, "microlocation")
                .into_iter()
                .next()
                .unwrap_or_default();
            d.track = related(s, "track").into_iter().next().unwrap_or_default();
            d.kind = related(s, "session-type")
                .into_iter()
                .next()
                .unwrap_or_default();
            d.speakers = related(s, "speakers");
            d
        })
        .collect()
}

/// What both forms give alike.
fn common(a: &HashMap<String, Value>) -> EventDraft {
    let state = field(a, &["state"]).to_ascii_lowercase();
    EventDraft {
        title: field(a, &["title"]),
        subtitle: field(a, &["subtitle"]),
        abstract_text: field(a, &["short-abstract", "short_abstract"]),
        description: field(a, &["long-abstract", "long_abstract", "description"]),
        date: field(a, &["starts-at", "starts_at", "start_time"]),
        end: field(a, &["ends-at", "ends_at", "end_time"]),
        language: field(a, &["language"]),
        url: field(a, &["signup-url", "signup_url"]),
        cancelled: state.contains("cancel") || state == "withdrawn",
        ..EventDraft::default()
    }
}

//! Open Event / eventyay sessions (FOSSASIA and the events run on eventyay): the legacy
//! `sessions` list (`start_time`, `end_time`, `microlocation`, `track`, `speakers`) and the
//! JSON:API form of the server's `/v1/events/<id>/sessions` (`data[].attributes` with
//! `starts-at`, `ends-at`, the room and track in `included`). Times carry their offsets.

use std::collections::HashMap;

use serde::Deserialize;

use super::draft::Draft as EventDraft;
use super::loose::Loose;
use super::three_parts::finish_all;
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

/// A session's fields, in the legacy list and in the API's `attributes` alike (the API writes
/// `starts-at`, older dumps `starts_at` or `start_time`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Fields {
    id: Loose,
    title: Loose,
    subtitle: Loose,
    #[serde(alias = "short-abstract")]
    short_abstract: Loose,
    #[serde(alias = "long-abstract", alias = "description")]
    long_abstract: Loose,
    #[serde(alias = "starts-at", alias = "starts_at")]
    start_time: Loose,
    #[serde(alias = "ends-at", alias = "ends_at")]
    end_time: Loose,
    language: Loose,
    state: Loose,
    #[serde(alias = "signup-url")]
    signup_url: Loose,
    track: Loose,
    #[serde(alias = "room")]
    microlocation: Loose,
    #[serde(alias = "type")]
    session_type: Loose,
    speakers: Vec<Loose>,
}

/// A JSON:API document: the sessions and what they refer to.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    data: Vec<Resource>,
    #[serde(default)]
    included: Vec<Included>,
}

#[derive(Deserialize)]
struct Resource {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    id: Loose,
    #[serde(default)]
    attributes: Fields,
    #[serde(default)]
    relationships: HashMap<String, Relationship>,
}

/// What `included` holds: a room, track, speaker or type, by its type and id, with a name.
#[derive(Deserialize)]
struct Included {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    id: Loose,
    #[serde(default)]
    attributes: Named,
}

#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    name: Loose,
}

#[derive(Deserialize)]
struct Relationship {
    #[serde(default)]
    data: Refs,
}

/// A relationship's `data`: one reference, a list of them, or null.
#[derive(Default)]
struct Refs(Vec<(String, String)>);

#[derive(Deserialize)]
struct Ref {
    #[serde(default, rename = "type")]
    kind: Loose,
    #[serde(default)]
    id: Loose,
}

impl<'de> Deserialize<'de> for Refs {
    fn deserialize<D: serde::de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            // A list first: serde would read a list as a struct too, by position.
            Many(Vec<Ref>),
            One(Ref),
            Nothing(()),
        }
        Ok(Refs(match OneOrMany::deserialize(d)? {
            OneOrMany::One(r) => vec![(r.kind.0, r.id.0)],
            OneOrMany::Many(list) => list.into_iter().map(|r| (r.kind.0, r.id.0)).collect(),
            OneOrMany::Nothing(()) => Vec::new(),
        }))
    }
}

/// Reads Open Event sessions held in memory.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let json_error = |e: serde_json::Error| super::frab_json::json_error(&e, origin, WHAT);
    let drafts = if input
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[')
    {
        let list: Vec<Fields> = serde_json::from_str(input).map_err(json_error)?;
        list.into_iter().map(draft).collect()
    } else {
        let doc: Document = serde_json::from_str(input).map_err(json_error)?;
        api(doc)
    };
    let tz = cx.flag_zone();
    let sessions = finish_all(drafts, origin, tz, &mut cx.warnings)?;
    Ok(Draft {
        zone: tz,
        sessions,
        ..Draft::default()
    })
}

/// The JSON:API form: each session's room, track, type and speakers named from `included`.
fn api(doc: Document) -> Vec<EventDraft> {
    let included: HashMap<(String, String), String> = doc
        .included
        .into_iter()
        .map(|r| ((r.kind, r.id.0), r.attributes.name.0))
        .collect();
    let named = |rels: &HashMap<String, Relationship>, key: &str| -> Vec<String> {
        rels.get(key)
            .map(|r| {
                r.data
                    .0
                    .iter()
                    .filter_map(|k| included.get(k).cloned())
                    .filter(|n| !n.trim().is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    doc.data
        .into_iter()
        .filter(|r| r.kind.is_empty() || r.kind.starts_with("session"))
        .map(|s| {
            let rels = &s.relationships;
            let first = |key: &str| named(rels, key).into_iter().next().map(Loose);
            let mut fields = s.attributes;
            fields.id = s.id;
            fields.microlocation = first("microlocation").unwrap_or(fields.microlocation);
            fields.track = first("track").unwrap_or(fields.track);
            fields.session_type = first("session-type").unwrap_or(fields.session_type);
            let speakers = named(rels, "speakers");
            if !speakers.is_empty() {
                fields.speakers = speakers.into_iter().map(Loose).collect();
            }
            draft(fields)
        })
        .collect()
}

/// A session's fields as a draft.
fn draft(f: Fields) -> EventDraft {
    let state = f.state.0.to_ascii_lowercase();
    EventDraft {
        id: f.id.0,
        title: f.title.0,
        subtitle: f.subtitle.0,
        abstract_text: f.short_abstract.0,
        description: f.long_abstract.0,
        date: f.start_time.0,
        end: f.end_time.0,
        language: f.language.0,
        url: f.signup_url.0,
        track: f.track.0,
        room: f.microlocation.0,
        kind: f.session_type.0,
        speakers: f.speakers.into_iter().map(Loose::into_string).collect(),
        cancelled: state.contains("cancel") || state == "withdrawn",
        ..EventDraft::default()
    }
}

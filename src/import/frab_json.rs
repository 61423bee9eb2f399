//! frab / c3voc JSON (`schedule.conference.days[].rooms{name: [events]}`), including pretalx's
//! variant (persons with code and biography). Deserialized into typed structs that borrow
//! strings from the input where they can, so a large file does not become a tree of values.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::draft::Draft as EventDraft;
use super::{Context, Draft};
use crate::error::{Error, Result};
use crate::message;

use crate::text;

/// A serde_json error as one short sentence; JSON that stops in the middle ends early.
pub(crate) fn json_error(e: &serde_json::Error, origin: &str, what: &str) -> Error {
    let message = if e.classify() == serde_json::error::Category::Eof {
        super::ENDS_EARLY.to_string()
    } else {
        format!("not {what} ({})", message::foreign(&e.to_string()))
    };
    Error::Parse {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// A small field that producers write as a string, a number or a boolean (read without
/// serde's buffering of untagged enums).
#[derive(Debug, Default)]
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(String),
    Bool(bool),
    #[default]
    Null,
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Scalar<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl Scalar<'_> {
    fn text(self) -> String {
        match self {
            Scalar::Text(s) => s.into_owned(),
            Scalar::Number(n) => n,
            Scalar::Bool(b) => b.to_string(),
            Scalar::Null => String::new(),
        }
    }
}

/// Long text: borrowed when the JSON string has no escapes.
type Text<'a> = Option<Cow<'a, str>>;

fn owned(t: Text<'_>) -> String {
    t.map(Cow::into_owned).unwrap_or_default()
}

#[derive(Deserialize)]
struct Root<'a> {
    #[serde(borrow)]
    schedule: Sched<'a>,
}

#[derive(Deserialize)]
struct Sched<'a> {
    #[serde(borrow)]
    conference: Conf<'a>,
}

#[derive(Deserialize)]
struct Conf<'a> {
    #[serde(default, borrow)]
    title: Scalar<'a>,
    #[serde(default, borrow)]
    acronym: Scalar<'a>,
    #[serde(default, borrow)]
    time_zone_name: Scalar<'a>,
    #[serde(default, borrow)]
    days: Vec<Day<'a>>,
}

#[derive(Deserialize)]
struct Day<'a> {
    #[serde(default, borrow)]
    date: Scalar<'a>,
    #[serde(default, borrow)]
    day_start: Scalar<'a>,
    #[serde(default, borrow)]
    rooms: Rooms<'a>,
}

/// Rooms in the order the file lists them.
#[derive(Default)]
struct Rooms<'a>(Vec<(Cow<'a, str>, Vec<Ev<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Rooms<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Rooms<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of rooms, each a list of events")
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut m: M,
            ) -> std::result::Result<Rooms<'a>, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<Cow<'de, str>, Option<Vec<Ev<'de>>>>()? {
                    out.push((k, v.unwrap_or_default()));
                }
                Ok(Rooms(out))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Rooms<'a>, E> {
                Ok(Rooms(Vec::new()))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
struct Ev<'a> {
    #[serde(default, borrow)]
    id: Scalar<'a>,
    #[serde(default, borrow)]
    guid: Scalar<'a>,
    #[serde(default, borrow)]
    date: Scalar<'a>,
    #[serde(default, borrow)]
    start: Scalar<'a>,
    #[serde(default, borrow)]
    duration: Scalar<'a>,
    #[serde(default, borrow)]
    room: Scalar<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    subtitle: Text<'a>,
    #[serde(default, borrow)]
    track: Scalar<'a>,
    #[serde(default, borrow, rename = "type")]
    kind: Scalar<'a>,
    #[serde(default, borrow, rename = "abstract")]
    abstract_text: Text<'a>,
    #[serde(default, borrow)]
    description: Text<'a>,
    #[serde(default, borrow)]
    url: Scalar<'a>,
    #[serde(default, borrow)]
    do_not_record: Scalar<'a>,
    #[serde(default, borrow)]
    persons: Option<Vec<Person<'a>>>,
    #[serde(default, borrow)]
    links: Option<Vec<Link<'a>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Person<'a> {
    Name(#[serde(borrow)] Cow<'a, str>),
    Full {
        #[serde(default, borrow)]
        public_name: Text<'a>,
        #[serde(default, borrow)]
        full_public_name: Text<'a>,
        #[serde(default, borrow)]
        name: Text<'a>,
    },
}

impl Person<'_> {
    fn name(self) -> String {
        match self {
            Person::Name(n) => n.into_owned(),
            Person::Full {
                public_name,
                full_public_name,
                name,
            } => [public_name, full_public_name, name]
                .into_iter()
                .flatten()
                .find(|n| !n.trim().is_empty())
                .map(Cow::into_owned)
                .unwrap_or_default(),
        }
    }
}

/// A link: `{"url": …, "title": …}` as frab writes it, or a plain URL string as c3voc's merged
/// schedules do.
struct Link<'a> {
    url: Text<'a>,
    title: Text<'a>,
}

#[derive(Deserialize)]
struct LinkObject<'a> {
    #[serde(default, borrow)]
    url: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Link<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Link<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a link: a URL, or an object with url and title")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Link<'a>, E> {
                Ok(Link {
                    url: Some(Cow::Borrowed(v)),
                    title: None,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Link<'a>, E> {
                Ok(Link {
                    url: Some(Cow::Owned(v.to_string())),
                    title: None,
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, m: M) -> std::result::Result<Link<'a>, M::Error> {
                let o = LinkObject::deserialize(de::value::MapAccessDeserializer::new(m))?;
                Ok(Link {
                    url: o.url,
                    title: o.title,
                })
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Whether the text looks like frab JSON.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"schedule\"")
}

/// Reads a frab/c3voc JSON schedule into a draft.
pub(super) fn read(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let root: Root = serde_json::from_str(input)
        .map_err(|e| json_error(&e, origin, "a frab/c3voc JSON schedule"))?;
    let conf = root.schedule.conference;
    let tz = cx.zone(&conf.time_zone_name.text());
    let mut rooms: Vec<String> = Vec::new();
    let mut sessions = Vec::new();
    for (di, day) in conf.days.into_iter().enumerate() {
        let date_text = day.date.text();
        let date = NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d").map_err(|_| {
            Error::parse(
                origin,
                0,
                format!(
                    "day {} has date {}, not YYYY-MM-DD",
                    di + 1,
                    message::quote(&date_text)
                ),
            )
        })?;
        let day_start = chrono::DateTime::parse_from_rfc3339(day.day_start.text().trim()).ok();
        for (room, events) in day.rooms.0 {
            rooms.push(text::clean_line(&room));
            for ev in events {
                let mut draft = event(ev, &room);
                draft.day = Some(date);
                draft.day_start = day_start;
                sessions.push(draft.finish(origin, tz, &mut cx.warnings)?);
            }
        }
    }
    Ok(Draft {
        title: conf.title.text(),
        acronym: conf.acronym.text(),
        zone: tz,
        rooms,
        sessions,
        ..Draft::default()
    })
}

/// An event as the structured importers collect it (its room, when it names none, the one it
/// is listed under).
fn event(ev: Ev<'_>, listed_in: &str) -> EventDraft {
    let ev_room = ev.room.text();
    EventDraft {
        id: ev.id.text(),
        guid: ev.guid.text(),
        title: owned(ev.title),
        subtitle: owned(ev.subtitle),
        speakers: ev
            .persons
            .unwrap_or_default()
            .into_iter()
            .map(Person::name)
            .collect(),
        abstract_text: owned(ev.abstract_text),
        description: owned(ev.description),
        room: if ev_room.trim().is_empty() {
            listed_in.to_string()
        } else {
            ev_room
        },
        track: ev.track.text(),
        kind: ev.kind.text(),
        url: ev.url.text(),
        links: ev
            .links
            .unwrap_or_default()
            .into_iter()
            .map(|l| (owned(l.url), owned(l.title)))
            .collect(),
        do_not_record: match ev.do_not_record {
            Scalar::Bool(b) => Some(b),
            Scalar::Text(t) => Some(t.trim() == "true"),
            Scalar::Number(n) => Some(n != "0"),
            Scalar::Null => None,
        },
        date: ev.date.text(),
        start: ev.start.text(),
        duration: ev.duration.text(),
        ..EventDraft::default()
    }
}

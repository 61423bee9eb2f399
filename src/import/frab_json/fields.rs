//! The fields of one frab / c3voc / pretalx event as serde reads them: strings borrowed from the
//! input where they can be, small fields that producers write as a string, a number or a
//! boolean, persons as names or objects, links as URLs or objects.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// A small field that producers write as a string, a number or a boolean (read without
/// serde's buffering of untagged enums).
#[derive(Debug, Default)]
pub(super) enum Scalar<'a> {
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
    pub(super) fn text(self) -> String {
        match self {
            Scalar::Text(s) => s.into_owned(),
            Scalar::Number(n) => n,
            Scalar::Bool(b) => b.to_string(),
            Scalar::Null => String::new(),
        }
    }
}

/// Long text: borrowed when the JSON string has no escapes.
pub(super) type Text<'a> = Option<Cow<'a, str>>;

pub(super) fn owned(t: Text<'_>) -> String {
    t.map(Cow::into_owned).unwrap_or_default()
}

/// One event's fields (others are passed over).
#[derive(Deserialize)]
pub(super) struct Ev<'a> {
    #[serde(default, borrow)]
    pub(super) id: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) guid: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) date: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) start: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) duration: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) room: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) title: Text<'a>,
    #[serde(default, borrow)]
    pub(super) subtitle: Text<'a>,
    #[serde(default, borrow)]
    pub(super) track: Scalar<'a>,
    #[serde(default, borrow, rename = "type")]
    pub(super) kind: Scalar<'a>,
    #[serde(default, borrow, rename = "abstract")]
    pub(super) abstract_text: Text<'a>,
    #[serde(default, borrow)]
    pub(super) description: Text<'a>,
    #[serde(default, borrow)]
    pub(super) url: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) do_not_record: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) persons: Option<Vec<Person<'a>>>,
    #[serde(default, borrow)]
    pub(super) links: Option<Vec<Link<'a>>>,
    /// frab's and c3voc's `language`; pretalx's API calls it `content_locale`.
    #[serde(default, borrow, alias = "content_locale")]
    pub(super) language: Scalar<'a>,
}

/// One event of the c3voc schedule v2 (`schedule.events[]`): start and end as date-times,
/// localized texts, the room and track as references, participants with roles, a state.
#[derive(Deserialize)]
pub(super) struct V2Ev<'a> {
    #[serde(default, borrow)]
    pub(super) id: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) guid: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) code: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) start: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) end: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) duration: Scalar<'a>,
    #[serde(default)]
    pub(super) room: Named,
    #[serde(default, borrow)]
    pub(super) title: Localized<'a>,
    #[serde(default, borrow)]
    pub(super) subtitle: Localized<'a>,
    #[serde(default)]
    pub(super) track: Named,
    #[serde(default, borrow, rename = "type")]
    pub(super) kind: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) language: Scalar<'a>,
    #[serde(default, borrow, rename = "abstract")]
    pub(super) abstract_text: Localized<'a>,
    #[serde(default, borrow)]
    pub(super) description: Localized<'a>,
    #[serde(default, borrow)]
    pub(super) url: Scalar<'a>,
    #[serde(default, borrow, alias = "status")]
    pub(super) state: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) do_not_record: Scalar<'a>,
    #[serde(default, borrow)]
    pub(super) participants: Option<Vec<Participant<'a>>>,
    #[serde(default, borrow)]
    pub(super) persons: Option<Vec<Person<'a>>>,
    #[serde(default, borrow)]
    pub(super) links: Option<Vec<Link<'a>>>,
}

/// A participant of a v2 event: a name and a role (`SPEAKER`, `MODERATOR`, `CONTRIBUTOR`…).
#[derive(Deserialize)]
pub(super) struct Participant<'a> {
    #[serde(default, borrow)]
    pub(super) name: Text<'a>,
    #[serde(default, borrow)]
    pub(super) role: Text<'a>,
}

impl Participant<'_> {
    /// Whether the participant is on stage: a speaker, moderator or host, or given no role
    /// (contributors and organizers are not).
    pub(super) fn presents(&self) -> bool {
        self.role.as_deref().is_none_or(|r| {
            let r = r.trim().to_ascii_lowercase();
            r.is_empty() || ["speaker", "moderator", "host", "presenter"].contains(&r.as_str())
        })
    }
}

/// A text that v2 gives as a string or per language (`{"en": "…", "de": "…"}`).
#[derive(Debug, Default)]
pub(super) enum Localized<'a> {
    #[default]
    None,
    One(Cow<'a, str>),
    Many(Vec<(Cow<'a, str>, Cow<'a, str>)>),
}

impl<'a> Localized<'a> {
    /// The text in `language` when given in it, else in English, else the first given.
    pub(super) fn pick(self, language: &str) -> String {
        match self {
            Localized::None => String::new(),
            Localized::One(t) => t.into_owned(),
            Localized::Many(all) => {
                let find = |want: &str| all.iter().position(|(l, t)| l == want && !t.is_empty());
                let at = find(language)
                    .or_else(|| find("en"))
                    .or_else(|| all.iter().position(|(_, t)| !t.is_empty()));
                at.and_then(|i| all.into_iter().nth(i))
                    .map(|(_, t)| t.into_owned())
                    .unwrap_or_default()
            }
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Localized<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Localized<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or an object of texts by language")
            }
            fn visit_borrowed_str<E: de::Error>(
                self,
                v: &'de str,
            ) -> std::result::Result<Self::Value, E> {
                Ok(Localized::One(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Localized::One(Cow::Owned(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Localized::None)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Localized::None)
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut m: M,
            ) -> std::result::Result<Self::Value, M::Error> {
                let mut all = Vec::new();
                while let Some((k, v)) = m.next_entry::<Cow<'de, str>, Option<Cow<'de, str>>>()? {
                    all.push((k, v.unwrap_or_default()));
                }
                Ok(Localized::Many(all))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A room or track as v2 refers to it: a name, or an object with a name, slug and guid (any of
/// which may be missing; the conference's lists fill them in).
#[derive(Debug, Default)]
pub(super) struct Named {
    pub(super) name: String,
    pub(super) slug: String,
    pub(super) guid: String,
    /// A track's colour as written (`#F9B000`): pretalx's `color`, c3voc v2's `colors.dark`
    /// (or `light`).
    pub(super) colour: String,
}

#[derive(Deserialize)]
struct NamedObject<'a> {
    #[serde(default, borrow)]
    name: Localized<'a>,
    #[serde(default, borrow)]
    slug: Scalar<'a>,
    #[serde(default, borrow)]
    guid: Scalar<'a>,
    #[serde(default, borrow)]
    color: Scalar<'a>,
    #[serde(default, borrow)]
    colors: Option<Colours<'a>>,
}

/// c3voc v2's colours of a track, for dark and light backgrounds.
#[derive(Deserialize)]
struct Colours<'a> {
    #[serde(default, borrow)]
    dark: Scalar<'a>,
    #[serde(default, borrow)]
    light: Scalar<'a>,
}

impl NamedObject<'_> {
    fn named(self) -> Named {
        let own = self.color.text();
        let colour = match self.colors {
            _ if !own.trim().is_empty() => own,
            Some(c) => Some(c.dark.text())
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| c.light.text()),
            None => String::new(),
        };
        Named {
            name: self.name.pick("en"),
            slug: self.slug.text(),
            guid: self.guid.text(),
            colour,
        }
    }
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Named;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, or an object with a name, slug or guid")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Named {
                    name: v.to_string(),
                    ..Named::default()
                })
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Named::default())
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<Self::Value, E> {
                Ok(Named::default())
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                m: M,
            ) -> std::result::Result<Self::Value, M::Error> {
                NamedObject::deserialize(de::value::MapAccessDeserializer::new(m))
                    .map(NamedObject::named)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Person<'a> {
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
    pub(super) fn name(self) -> String {
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
pub(super) struct Link<'a> {
    pub(super) url: Text<'a>,
    pub(super) title: Text<'a>,
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

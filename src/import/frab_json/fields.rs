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

//! A JSON field as text whatever producers write there: a string, a number, a boolean, null,
//! or an object named by its `name` (Open Event's `{"id": 1, "name": "Theatre 1"}`). Read by a
//! visitor, without serde's buffering of untagged enums or a tree of values.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The text of a loosely typed field ("" for null, a list or an object without a name).
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Loose(pub String);

impl Loose {
    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean or named object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
                Ok(Loose(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::default())
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
                Loose::deserialize(d)
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<Loose, S::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Loose::default())
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Loose, M::Error> {
                let mut name = Loose::default();
                while let Some(key) = m.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "name" {
                        name = m.next_value()?;
                    } else {
                        m.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(name)
            }
        }
        d.deserialize_any(V)
    }
}

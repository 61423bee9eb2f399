//! The walk down `schedule.conference.days[].rooms{name: [events]}` as serde seeds: each event
//! is handed to the [`Sink`] as soon as it is read, so no tree of all the events is ever built
//! (read from a file as a stream, memory holds the sessions and little else).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Sink;
use super::fields::{Ev, Named, Scalar, V2Ev};

/// The top-level object: only `schedule` is read.
pub(super) struct Root<'s, 'c>(pub(super) &'s mut Sink<'c>);
/// `schedule`: only `conference` is read.
struct Sched<'s, 'c>(&'s mut Sink<'c>);
/// `conference`: its names, its zone and its days.
struct Conf<'s, 'c>(&'s mut Sink<'c>);
/// `days`, one at a time.
struct Days<'s, 'c>(&'s mut Sink<'c>);
/// One day: its date and start, and its rooms.
struct Day<'s, 'c>(&'s mut Sink<'c>);
/// A day's rooms in the order the file lists them, each with its events.
struct Rooms<'s, 'c>(&'s mut Sink<'c>);
/// The v2 `events` list, one event at a time.
struct V2Events<'s, 'c>(&'s mut Sink<'c>);
/// A list of rooms or tracks in the conference (anything else is passed over).
struct NamedList<'v>(&'v mut Vec<Named>);
/// One room's list of events (or `null`).
struct Events<'s, 'c, 'r> {
    sink: &'s mut Sink<'c>,
    room: &'r str,
}

/// Walks a map, giving each key to `each`, which reads its value (or passes it over).
fn each_key<'de, M: MapAccess<'de>>(
    mut m: M,
    mut each: impl FnMut(&str, &mut M) -> Result<(), M::Error>,
) -> Result<(), M::Error> {
    while let Some(key) = m.next_key::<Cow<'de, str>>()? {
        each(&key, &mut m)?;
    }
    Ok(())
}

fn skip<'de, M: MapAccess<'de>>(m: &mut M) -> Result<(), M::Error> {
    m.next_value::<IgnoredAny>().map(|_| ())
}

/// Implements `DeserializeSeed` for a seed that is its own visitor, read as `$how`.
macro_rules! seed {
    ($seed:ty, $how:ident) => {
        impl<'de> DeserializeSeed<'de> for $seed {
            type Value = ();
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.$how(self)
            }
        }
    };
}

seed!(Root<'_, '_>, deserialize_map);
seed!(Sched<'_, '_>, deserialize_map);
seed!(Conf<'_, '_>, deserialize_map);
seed!(Days<'_, '_>, deserialize_seq);
seed!(Day<'_, '_>, deserialize_map);
seed!(Rooms<'_, '_>, deserialize_any);
seed!(Events<'_, '_, '_>, deserialize_option);
seed!(V2Events<'_, '_>, deserialize_any);
seed!(NamedList<'_>, deserialize_any);

impl<'de> Visitor<'de> for Root<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a schedule")
    }
    fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<(), M::Error> {
        let sink = self.0;
        each_key(m, |key, m| match key {
            "schedule" => {
                sink.saw_schedule = true;
                m.next_value_seed(Sched(sink))
            }
            _ => skip(m),
        })
    }
}

impl<'de> Visitor<'de> for Sched<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a schedule object with a conference")
    }
    fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<(), M::Error> {
        let sink = self.0;
        each_key(m, |key, m| match key {
            "conference" => {
                m.next_value_seed(Conf(&mut *sink))?;
                sink.conference_done().map_err(|()| de::Error::custom(STOP))
            }
            "events" => m.next_value_seed(V2Events(&mut *sink)),
            _ => skip(m),
        })
    }
}

impl<'de> Visitor<'de> for Conf<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a conference object")
    }
    fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<(), M::Error> {
        let sink = self.0;
        sink.saw_conference = true;
        each_key(m, |key, m| {
            match key {
                "title" => sink.title = m.next_value::<Scalar>()?.text(),
                "acronym" => sink.acronym = m.next_value::<Scalar>()?.text(),
                "time_zone_name" => sink.zone_name = Some(m.next_value::<Scalar>()?.text()),
                "days" => m.next_value_seed(Days(&mut *sink))?,
                "rooms" => m.next_value_seed(NamedList(&mut sink.listed_rooms))?,
                "tracks" => m.next_value_seed(NamedList(&mut sink.tracks))?,
                _ => skip(m)?,
            }
            Ok(())
        })
    }
}

impl<'de> Visitor<'de> for Days<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of days")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        while s.next_element_seed(Day(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

impl<'de> Visitor<'de> for Day<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a day object")
    }
    fn visit_map<M: MapAccess<'de>>(self, m: M) -> Result<(), M::Error> {
        let sink = self.0;
        sink.day_begins();
        each_key(m, |key, m| {
            match key {
                "date" => sink.day.date = m.next_value::<Scalar>()?.text(),
                "day_start" | "start" => sink.day.start = m.next_value::<Scalar>()?.text(),
                "day_end" | "end" => sink.day.end = m.next_value::<Scalar>()?.text(),
                "rooms" => m.next_value_seed(Rooms(&mut *sink))?,
                _ => skip(m)?,
            }
            Ok(())
        })?;
        sink.day_done().map_err(|()| de::Error::custom(STOP))
    }
}

impl<'de> Visitor<'de> for Rooms<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of rooms, each a list of events")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<(), M::Error> {
        let sink = self.0;
        while let Some(room) = m.next_key::<Cow<'de, str>>()? {
            sink.room(&room);
            m.next_value_seed(Events {
                sink: &mut *sink,
                room: &room,
            })?;
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

impl<'de> Visitor<'de> for Events<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        while let Some(ev) = s.next_element_seed(Event(&mut *self.sink))? {
            self.sink
                .event(ev, self.room)
                .map_err(|()| de::Error::custom(STOP))?;
        }
        Ok(())
    }
}

/// One event of a room's list, counted as it begins; a part that ends at it stops there.
struct Event<'s, 'c>(&'s mut Sink<'c>);

impl<'de> DeserializeSeed<'de> for Event<'_, '_> {
    type Value = Ev<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Ev<'de>, D::Error> {
        if self.0.stops_before_event() {
            return Err(de::Error::custom(STOP));
        }
        self.0.events_read += 1;
        serde::Deserialize::deserialize(d)
    }
}

impl<'de> Visitor<'de> for V2Events<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        while let Some(ev) = s.next_element::<V2Ev>()? {
            self.0.v2_event(ev);
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for NamedList<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rooms or tracks")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut s: S) -> Result<(), S::Error> {
        while let Some(n) = s.next_element::<Named>()? {
            self.0.push(n);
        }
        Ok(())
    }
    fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<(), M::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
}

/// What a seed says to serde when the sink has failed (the sink keeps the real error).
pub(super) const STOP: &str = "stopped";

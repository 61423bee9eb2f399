//! The lead of a `schedule.bin`: what made it and from what ([`Head`], compared whole before
//! anything else is read), and the schedule apart from its sessions with where those lie
//! ([`Body`]).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::layout::Places;
use super::{Cached, FORMAT, Meta};
use crate::model::search::Index;
use crate::model::{Conference, Schedule, Session};

/// What a `schedule.bin` was made by and from.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Head {
    format: u32,
    lineup: String,
    size: u64,
    fetched: i64,
    tz: Option<String>,
}

impl Head {
    pub(super) fn new(meta: &Meta, tz: Option<&str>) -> Self {
        Head {
            format: FORMAT,
            lineup: env!("CARGO_PKG_VERSION").to_string(),
            size: meta.size,
            fetched: meta.fetched.timestamp_micros(),
            tz: tz.map(str::to_string),
        }
    }
}

/// The schedule apart from its sessions, and where those are.
#[derive(Serialize, Deserialize)]
pub(super) struct Body {
    id: String,
    title: String,
    time_zone: Option<String>,
    venue: Option<String>,
    rooms: Vec<String>,
    track_colours: Vec<(String, [u8; 3])>,
    notes: Vec<String>,
    floating: bool,
    pub(super) places: Places,
    /// The CRC-32 of every byte after the lead.
    pub(super) crc: u32,
}

impl Body {
    pub(super) fn new(c: &Cached, places: Places, crc: u32) -> Self {
        let conf = &c.schedule.conference;
        Body {
            id: conf.id.clone(),
            title: conf.title.clone(),
            time_zone: conf.time_zone.map(|z| z.name().to_string()),
            venue: conf.venue.clone(),
            rooms: c.schedule.rooms.clone(),
            track_colours: c
                .schedule
                .track_colours
                .iter()
                .map(|(t, c)| (t.clone(), *c))
                .collect(),
            notes: c.notes.clone(),
            floating: c.floating,
            places,
            crc,
        }
    }

    pub(super) fn into_cached(
        self,
        sessions: Vec<Session>,
        index: Option<Arc<Index>>,
    ) -> Option<Cached> {
        let time_zone = match self.time_zone {
            Some(z) => Some(z.parse().ok()?),
            None => None,
        };
        Some(Cached {
            schedule: Schedule {
                conference: Conference {
                    id: self.id,
                    title: self.title,
                    time_zone,
                    venue: self.venue,
                },
                rooms: self.rooms,
                sessions,
                track_colours: self.track_colours.into_iter().collect(),
                shown_in: None,
            },
            notes: self.notes,
            floating: self.floating,
            index,
        })
    }
}

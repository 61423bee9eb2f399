//! `cargo bench --bench formats`: each reader at 10,000 events, on the same talks written in
//! every format by the generator below (titles, speakers, abstracts, rooms, tracks, languages),
//! so the times per event compare: frab JSON is the yardstick.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lineup::import::{self, Format, Options};
use serde_json::{Value, json};

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EVENTS: usize = 10_000;
const ROOMS: usize = 40;

/// One talk, as every format is written from it.
struct Talk {
    id: usize,
    title: String,
    speakers: Vec<String>,
    abstract_text: String,
    day: usize,
    /// Minutes after 09:00.
    at: usize,
    minutes: usize,
    room: usize,
    language: &'static str,
}

impl Talk {
    fn date(&self) -> String {
        format!("2031-07-{:02}", 10 + self.day)
    }
    fn start(&self) -> String {
        format!("{:02}:{:02}", 9 + self.at / 60, self.at % 60)
    }
    fn end(&self) -> String {
        let e = self.at + self.minutes;
        format!("{:02}:{:02}", 9 + e / 60, e % 60)
    }
    /// ISO local date-time, `+02:00` (Europe/Berlin in July).
    fn iso(&self, clock: &str) -> String {
        format!("{}T{clock}:00+02:00", self.date())
    }
    fn guid(&self) -> String {
        format!("{:08x}-0000-4000-8000-{:012x}", self.id, self.id)
    }
    fn room(&self) -> String {
        format!("Room {:02}", self.room)
    }
    fn track(&self) -> String {
        format!("Track {:02}", self.room % 12)
    }
}

/// The talks: 40 rooms, 10:00 of talks of 20–50 minutes each day, as many days as it takes.
fn talks() -> Vec<Talk> {
    let words = [
        "rust",
        "kernel",
        "privacy",
        "mesh",
        "radio",
        "compilers",
        "solder",
        "ethics",
        "maps",
        "fonts",
        "queues",
        "zines",
    ];
    let mut out = Vec::with_capacity(EVENTS);
    let (mut day, mut room, mut at) = (0, 0, 0);
    for id in 0..EVENTS {
        let minutes = 20 + (id * 7) % 31;
        if at + minutes > 600 {
            at = 0;
            room += 1;
            if room == ROOMS {
                room = 0;
                day += 1;
            }
        }
        let w = |k: usize| words[(id / k + k) % words.len()];
        out.push(Talk {
            id,
            title: format!("On {} and {} & \"{}\" {id}", w(1), w(3), w(7)),
            speakers: (0..1 + id % 3)
                .map(|k| format!("Speaker {}", (id + k * 37) % 4000))
                .collect(),
            abstract_text: (0..40).map(|k| w(k + 1)).collect::<Vec<_>>().join(" "),
            day,
            at,
            minutes,
            room,
            language: if id % 4 == 0 { "de" } else { "en" },
        });
        at += minutes;
    }
    out
}

fn frab_json(t: &[Talk]) -> String {
    let days = t.last().map_or(0, |x| x.day) + 1;
    let days: Vec<Value> = (0..days)
        .map(|d| {
            let mut rooms = serde_json::Map::new();
            for x in t.iter().filter(|x| x.day == d) {
                let e = json!({"id": x.id, "guid": x.guid(), "date": x.iso(&x.start()),
                    "start": x.start(), "duration": format!("00:{:02}", x.minutes), "room": x.room(),
                    "title": x.title, "subtitle": "", "track": x.track(), "type": "talk",
                    "language": x.language, "abstract": x.abstract_text, "description": "",
                    "persons": x.speakers.iter().map(|s| json!({"public_name": s})).collect::<Vec<_>>(),
                    "links": []});
                rooms.entry(x.room()).or_insert_with(|| json!([])).as_array_mut().unwrap().push(e);
            }
            json!({"index": d + 1, "date": format!("2031-07-{:02}", 10 + d), "rooms": rooms})
        })
        .collect();
    json!({"schedule": {"version": "bench", "conference": {"acronym": "bench31",
        "title": "Bench 2031", "time_zone_name": "Europe/Berlin", "days": days}}})
    .to_string()
}

fn v2_json(t: &[Talk]) -> String {
    let rooms: Vec<Value> = (0..ROOMS)
        .map(|r| json!({"name": format!("Room {r:02}"), "guid": format!("r-{r}")}))
        .collect();
    let tracks: Vec<Value> = (0..12)
        .map(|k| json!({"name": format!("Track {k:02}"), "slug": format!("track-{k}")}))
        .collect();
    let events: Vec<Value> = t
        .iter()
        .map(|x| {
            json!({"guid": x.guid(), "code": format!("C{}", x.id), "start": x.iso(&x.start()),
                "end": x.iso(&x.end()), "room": {"guid": format!("r-{}", x.room)},
                "title": {"en": x.title, "de": x.title}, "subtitle": null, "language": x.language,
                "track": {"slug": format!("track-{}", x.room % 12)}, "type": "talk",
                "abstract": x.abstract_text, "url": "https://example.org/",
                "participants": x.speakers.iter().map(|s| json!({"name": s, "role": "SPEAKER"})).collect::<Vec<_>>(),
                "links": []})
        })
        .collect();
    json!({"schedule": {"version": "bench", "conference": {"acronym": "bench31", "title": "Bench 2031",
        "time_zone_name": "Europe/Berlin", "rooms": rooms, "tracks": tracks, "days": []},
        "events": events}})
    .to_string()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

fn xcal(t: &[Talk]) -> String {
    let mut out = String::from(
        "<?xml version='1.0' encoding='utf-8' ?>\n<iCalendar xmlns:pentabarf='http://pentabarf.org' xmlns:xCal='urn:ietf:params:xml:ns:xcal'>\n<vcalendar>\n<x-wr-calname>Bench 2031</x-wr-calname>\n",
    );
    for x in t {
        let stamp =
            |clock: &str| format!("{}T{}00", x.date().replace('-', ""), clock.replace(':', ""));
        write!(
            out,
            "<vevent><uid>{}@bench</uid><pentabarf:event-id>{}</pentabarf:event-id><pentabarf:title>{}</pentabarf:title><pentabarf:language>{}</pentabarf:language><dtstart>{}</dtstart><dtend>{}</dtend><summary>{}</summary><description>{}</description><category>{}</category><location>{}</location>",
            x.guid(),
            x.id,
            xml_escape(&x.title),
            x.language,
            stamp(&x.start()),
            stamp(&x.end()),
            xml_escape(&x.title),
            xml_escape(&x.abstract_text),
            x.track(),
            x.room()
        )
        .unwrap();
        for s in &x.speakers {
            write!(out, "<attendee>{s}</attendee>").unwrap();
        }
        out.push_str("</vevent>\n");
    }
    out.push_str("</vcalendar>\n</iCalendar>\n");
    out
}

fn sessionize(t: &[Talk]) -> String {
    let sessions: Vec<Value> = t
        .iter()
        .map(|x| {
            json!({"id": x.id.to_string(), "title": x.title, "description": x.abstract_text,
                "startsAt": format!("{}T{}:00", x.date(), x.start()),
                "endsAt": format!("{}T{}:00", x.date(), x.end()),
                "isServiceSession": false, "isPlenumSession": false,
                "speakers": x.speakers.iter().map(|s| s.replace(' ', "-")).collect::<Vec<_>>(),
                "categoryItems": [100 + x.room % 12, if x.language == "de" { 201 } else { 200 }],
                "questionAnswers": [], "roomId": x.room})
        })
        .collect();
    let speakers: Vec<Value> = (0..4000)
        .map(|k| json!({"id": format!("Speaker-{k}"), "fullName": format!("Speaker {k}")}))
        .collect();
    let rooms: Vec<Value> = (0..ROOMS)
        .map(|r| json!({"id": r, "name": format!("Room {r:02}"), "sort": r}))
        .collect();
    let tracks: Vec<Value> = (0..12)
        .map(|k| json!({"id": 100 + k, "name": format!("Track {k:02}")}))
        .collect();
    json!({"sessions": sessions, "speakers": speakers, "questions": [], "rooms": rooms,
        "categories": [{"id": 1, "title": "Track", "items": tracks},
                       {"id": 2, "title": "Language", "items": [{"id": 200, "name": "English"}, {"id": 201, "name": "German"}]}]})
    .to_string()
}

fn indico(t: &[Talk]) -> String {
    let when = |x: &Talk, clock: &str| json!({"date": x.date(), "time": format!("{clock}:00"), "tz": "Europe/Berlin"});
    let contributions: Vec<Value> = t
        .iter()
        .map(|x| {
            json!({"_type": "Contribution", "id": x.id.to_string(), "title": x.title,
                "description": x.abstract_text, "startDate": when(x, &x.start()),
                "endDate": when(x, &x.end()), "duration": x.minutes, "room": x.room(),
                "track": x.track(), "session": null, "type": "Talk",
                "speakers": x.speakers.iter().map(|s| json!({"fullName": s})).collect::<Vec<_>>()})
        })
        .collect();
    json!({"count": 1, "_type": "HTTPAPIResult", "results": [{"_type": "Conference",
        "title": "Bench 2031", "timezone": "Europe/Berlin", "contributions": contributions}]})
    .to_string()
}

fn open_event(t: &[Talk]) -> String {
    let sessions: Vec<Value> = t
        .iter()
        .map(|x| {
            json!({"id": x.id, "title": x.title, "subtitle": "", "short_abstract": x.abstract_text,
                "long_abstract": "", "language": x.language, "state": "accepted",
                "track": {"id": x.room % 12, "name": x.track()},
                "start_time": x.iso(&x.start()), "end_time": x.iso(&x.end()),
                "speakers": x.speakers.iter().map(|s| json!({"name": s})).collect::<Vec<_>>(),
                "microlocation": {"id": x.room, "name": x.room()}})
        })
        .collect();
    Value::Array(sessions).to_string()
}

fn formats(c: &mut Criterion) {
    let t = talks();
    let files: [(&str, Format, String); 6] = [
        ("frab JSON (the yardstick)", Format::Json, frab_json(&t)),
        ("c3voc schedule v2 JSON", Format::Json, v2_json(&t)),
        ("xCal", Format::Xcal, xcal(&t)),
        ("Sessionize All", Format::Sessionize, sessionize(&t)),
        ("Indico export", Format::Indico, indico(&t)),
        ("Open Event sessions", Format::OpenEvent, open_event(&t)),
    ];
    let opts = Options {
        tz: Some("Europe/Berlin".parse().unwrap()),
        ..Options::default()
    };
    let mut g = c.benchmark_group("read 10,000 events");
    g.sample_size(20);
    for (name, format, text) in &files {
        // Each file reads whole, detected as what it is, with every talk.
        assert_eq!(import::detect(text), Some(*format), "{name}");
        let read = import::read_bytes(text.as_bytes(), name, &opts).unwrap();
        assert_eq!(read.schedule.sessions.len(), EVENTS, "{name}");
        g.bench_function(format!("{name}, {} MB", text.len() / 1_000_000), |b| {
            b.iter(|| import::read_bytes(black_box(text.as_bytes()), name, &opts).unwrap());
        });
    }
    g.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);

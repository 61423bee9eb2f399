//! `cargo bench`: load, import, one frame of the grid, overlap checks and agenda saves, on the
//! built-in schedule, the FOSDEM 2020 corpus file (when ../shared is beside the repository) and
//! synthetic schedules built here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use lineup::agenda::{Agenda, Op, Overview, Pick};
use lineup::import::{self, Options};
use lineup::model::overlap;
use lineup::model::search::{Index, Query};
use lineup::model::{Conference, Kind, Schedule, Session, Stamp};
use lineup::tui::{Action, App, Command, update, view};
use lineup::workspace::Store;
use lineup::workspace::cache::{Cache, Cached, Meta};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (no extra crate for a benchmark).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// About 90 words of made-up prose (from a vocabulary of 3,000 words): what search reads.
fn prose(rng: &mut Lcg) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "ro", "mi", "tes", "py", "lan", "go", "rust", "da", "ta", "ser", "ver", "é", "no",
        "dé", "ops",
    ];
    let mut out = String::new();
    for w in 0..90 {
        let id = rng.next(3_000);
        let word: String = (0..2 + id % 3)
            .map(|k| SYLLABLES[((id >> (4 * k)) % 16) as usize])
            .collect();
        if w > 0 {
            out.push(if w % 15 == 0 { '\n' } else { ' ' });
        }
        out.push_str(&word);
    }
    out
}

/// `n` talks over `days` days in `rooms` rooms, 15–60 minutes each, rooms never double-booked.
fn synthetic(n: usize, rooms: usize, days: usize) -> Schedule {
    let tz: chrono_tz::Tz = "Europe/Brussels".parse().unwrap();
    let mut rng = Lcg(42);
    let mut sessions = Vec::with_capacity(n);
    let per_room = n.div_ceil(rooms * days);
    'outer: for d in 0..days {
        let date = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap() + chrono::Duration::days(d as i64);
        for r in 0..rooms {
            let mut minute = 9 * 60 + rng.next(30) as i64;
            for _ in 0..per_room {
                if sessions.len() == n {
                    break 'outer;
                }
                let len = 15 + rng.next(46) as i64;
                let start = date.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(minute);
                let id = sessions.len();
                sessions.push(Session {
                    id: format!("s{id}").into(),
                    title: format!(
                        "Talk {id}: Ünïcode, CJK 日本語 and a rather long title to wrap"
                    )
                    .into(),
                    speakers: vec![format!("Speaker {id}").into(), "Ada Lovelace".into()].into(),
                    abstract_text: prose(&mut rng).into(),
                    description: String::new().into(),
                    day: date,
                    start: Stamp::local(start, Some(tz)).unwrap(),
                    end: Stamp::local(start + chrono::Duration::minutes(len), Some(tz)).unwrap(),
                    room: Some(format!("Room {r:03}").into()),
                    recorded: None,
                    url: None,
                    // A track per room, forty in all, as devrooms have.
                    track: Some(format!("Track {:02}", r % 40).into()),
                    kind: Kind::Talk,
                    language: Some(["en", "de"][r % 2].to_string().into()),
                    guid: None,
                    cancelled: false,
                    session_type: Some(["lecture", "workshop"][r % 2].to_string().into()),
                });
                minute += len + rng.next(20) as i64;
            }
        }
    }
    let mut s = Schedule {
        conference: Conference {
            id: "synthetic".into(),
            title: "Synthetic".into(),
            time_zone: Some(tz),
            venue: None,
        },
        rooms: (0..rooms).map(|r| format!("Room {r:03}")).collect(),
        sessions,
        track_colours: Default::default(),
        shown_in: None,
    };
    s.normalize();
    s
}

/// The schedule as frab XML text, to measure the importer on a large file.
fn as_frab_xml(s: &Schedule) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<schedule><conference><title>Synthetic</title><time_zone_name>Europe/Brussels</time_zone_name></conference>\n",
    );
    for day in s.days() {
        writeln!(out, "<day index=\"1\" date=\"{day}\">").unwrap();
        for room in &s.rooms {
            writeln!(out, "<room name=\"{room}\">").unwrap();
            for x in s
                .sessions
                .iter()
                .filter(|x| x.day == day && x.room.as_deref() == Some(room))
            {
                writeln!(
                    out,
                    "<event id=\"{}\"><date>{}</date><start>{}</start><duration>{:02}:{:02}</duration><room>{room}</room><title>{} &amp; more</title><abstract>&lt;p&gt;{}&lt;/p&gt;</abstract><persons>{}</persons></event>",
                    x.id,
                    x.start.to_rfc3339(),
                    x.start.time().format("%H:%M"),
                    x.minutes() / 60,
                    x.minutes() % 60,
                    x.title,
                    x.abstract_text,
                    x.speakers.iter().map(|p| format!("<person>{p}</person>")).collect::<String>()
                )
                .unwrap();
            }
            out.push_str("</room>\n");
        }
        out.push_str("</day>\n");
    }
    out.push_str("</schedule>\n");
    out
}

/// The same schedule as frab JSON text (the days' rooms in the schedule's order).
fn as_frab_json(s: &Schedule) -> String {
    let days: Vec<serde_json::Value> = s
        .days()
        .into_iter()
        .enumerate()
        .map(|(k, day)| {
            let mut rooms = serde_json::Map::new();
            for room in &s.rooms {
                let events: Vec<serde_json::Value> = s
                    .sessions
                    .iter()
                    .filter(|x| x.day == day && x.room.as_deref() == Some(room))
                    .map(|x| {
                        serde_json::json!({"id": x.id.as_str(), "date": x.start.to_rfc3339(),
                            "start": x.start.time().format("%H:%M").to_string(),
                            "duration": format!("{:02}:{:02}", x.minutes() / 60, x.minutes() % 60),
                            "room": room, "title": format!("{} & more", x.title),
                            "abstract": format!("<p>{}</p>", x.abstract_text),
                            "persons": x.speakers.iter().map(|p| serde_json::json!({"public_name": p.as_str()})).collect::<Vec<_>>()})
                    })
                    .collect();
                rooms.insert(room.clone(), events.into());
            }
            serde_json::json!({"index": k + 1, "date": day.to_string(),
                "day_start": format!("{day}T06:00:00+02:00"), "rooms": rooms})
        })
        .collect();
    serde_json::json!({"schedule": {"version": "bench", "conference": {"title": "Synthetic",
        "time_zone_name": "Europe/Brussels", "days": days}}})
    .to_string()
}

fn load(c: &mut Criterion) {
    c.bench_function("load built-in PyCon 2012", |b| {
        b.iter(|| black_box(lineup::native::default_schedule().unwrap()))
    });
    let fosdem =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/fosdem-2020.xml");
    if let Ok(bytes) = std::fs::read(&fosdem) {
        c.bench_function("import fosdem-2020.xml (872 events)", |b| {
            b.iter(|| black_box(import::read_bytes(&bytes, "fosdem", &Options::default()).unwrap()))
        });
    }
    let big = as_frab_xml(&synthetic(100_000, 200, 2));
    let mut g = c.benchmark_group("import 100k");
    g.sample_size(10);
    g.bench_function("import synthetic frab XML (100,000 events)", |b| {
        b.iter(|| {
            black_box(import::read_bytes(big.as_bytes(), "big", &Options::default()).unwrap())
        })
    });
    // As a file is read: where it lies, in two parts at once when there are two cores.
    let len = big.len() as u64;
    g.bench_function("the same read where it lies, in two parts", |b| {
        b.iter(|| {
            black_box(import::read_xml_at(big.as_bytes(), len, "big", &Options::default()).unwrap())
        })
    });
    // frab JSON: one reader (a stream), then in two parts at once, from a whole text and as a
    // file is read.
    let json = as_frab_json(&synthetic(100_000, 200, 2));
    let len = json.len() as u64;
    g.bench_function("the same as frab JSON, one reader (a stream)", |b| {
        b.iter(|| {
            black_box(import::read_json(json.as_bytes(), "big", &Options::default()).unwrap())
        })
    });
    g.bench_function("the same as frab JSON, whole, in two parts", |b| {
        b.iter(|| {
            black_box(import::read_bytes(json.as_bytes(), "big", &Options::default()).unwrap())
        })
    });
    g.bench_function(
        "the same as frab JSON read where it lies, in two parts",
        |b| {
            b.iter(|| {
                black_box(
                    import::read_json_at(json.as_bytes(), len, "big", &Options::default()).unwrap(),
                )
            })
        },
    );
    g.finish();
}

/// A conference's cache: the schedule stored after import, read back instead of parsing.
fn cache_of(bytes: &[u8], dir: &std::path::Path) -> (Cache, Meta) {
    let imported = import::read_bytes(bytes, "bench", &Options::default()).unwrap();
    let cached = Cached {
        schedule: imported.schedule,
        notes: Vec::new(),
        floating: false,
        index: None,
    };
    let cache = Cache::at(dir.to_path_buf());
    let meta = Meta {
        version: 0,
        fetched: chrono::Utc::now(),
        url: None,
        validators: Default::default(),
        size: 0,
        file: String::new(),
    };
    let meta = cache.store(bytes, &meta, &cached, None).unwrap();
    (cache, meta)
}

/// Reopening a library conference from its cache against parsing its file, same data.
fn cached_reopen(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let fosdem =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/fosdem-2020.xml");
    let mut g = c.benchmark_group("cached reopen");
    g.sample_size(10);
    if let Ok(bytes) = std::fs::read(&fosdem) {
        let (cache, meta) = cache_of(&bytes, &dir.path().join("fosdem"));
        g.bench_function("fosdem-2020 (872): parse the XML", |b| {
            b.iter(|| black_box(import::read_bytes(&bytes, "fosdem", &Options::default()).unwrap()))
        });
        g.bench_function("fosdem-2020 (872): read the cache", |b| {
            b.iter(|| black_box(cache.schedule(&meta, None).unwrap()))
        });
        g.bench_function(
            "fosdem-2020 (872): read the cache, first 200x60 frame",
            |b| {
                let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
                b.iter(|| {
                    let s = cache.schedule(&meta, None).unwrap().0.schedule;
                    let agenda = Agenda::new((&s.conference).into());
                    let mut app = App::new(s, agenda, chrono::Utc::now());
                    update(
                        &mut app,
                        Action::Resize {
                            width: 200,
                            height: 60,
                        },
                    );
                    view::render(&app, Rect::new(0, 0, 200, 60), &mut buf);
                    black_box(&buf);
                })
            },
        );
    }
    let big = as_frab_xml(&synthetic(100_000, 200, 2));
    let (cache, meta) = cache_of(big.as_bytes(), &dir.path().join("big"));
    g.bench_function("100,000 talks: parse the XML", |b| {
        b.iter(|| {
            black_box(import::read_bytes(big.as_bytes(), "big", &Options::default()).unwrap())
        })
    });
    g.bench_function("100,000 talks: read the cache", |b| {
        b.iter(|| black_box(cache.schedule(&meta, None).unwrap()))
    });
    g.bench_function("100,000 talks: read the cache, first 200x60 frame", |b| {
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
        b.iter(|| black_box(first_frame(&cache, &meta, &mut buf)))
    });
    g.bench_function(
        "100,000 talks: read the cache, search `rust` at once (the index kept with it)",
        |b| {
            b.iter(|| {
                let (cached, _) = cache.schedule(&meta, None).unwrap();
                let index = cached.index.unwrap();
                black_box(index.find(&Query::new("rust")).len())
            })
        },
    );
    g.bench_function(
        "100,000 talks: check the cache (CRC-32, beside the event loop)",
        |b| {
            let (_, check) = cache.schedule(&meta, None).unwrap();
            b.iter(|| assert!(check.passes()))
        },
    );
    g.finish();
}

/// A cached schedule opened as the TUI opens it (on now's day, the cursor at now), now being an
/// hour after its second day's first start, and its first frame drawn.
fn first_frame(cache: &Cache, meta: &Meta, buf: &mut Buffer) -> usize {
    let (cached, _) = cache.schedule(meta, None).unwrap();
    let s = cached.schedule;
    let second = s.sessions.iter().map(|x| x.day).max().unwrap();
    let now = s.sessions.iter().find(|x| x.day == second).unwrap().start;
    let now = Some(now.plus_minutes(60));
    let agenda = Agenda::new((&s.conference).into());
    let clock = chrono::Utc::now();
    let opening = (Default::default(), lineup::tui::app::plan_settings());
    let mut app = App::at_now(s, agenda, clock, now, opening);
    app.search_index = cached.index;
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    app.start_at_now();
    view::render(&app, Rect::new(0, 0, 200, 60), buf);
    buf.content.len()
}

/// The best plan: 10,000 picks over four days among 100,000 talks (gaps and what fits them
/// included), and one day of 500 picks planned again (as after a pick).
fn planning(c: &mut Criterion) {
    use lineup::agenda::Priority;
    use lineup::agenda::choose::{Wish, choose};
    use lineup::agenda::plan::{Settings, plan};
    let s = synthetic(100_000, 250, 4);
    let mut rng = Lcg(7);
    let level = |rng: &mut Lcg| Priority::ALL[rng.next(3) as usize];
    let picks: Vec<Pick> = s
        .sessions
        .iter()
        .step_by(10)
        .map(|x| Pick {
            priority: level(&mut rng),
            ..Pick::of(x, chrono::Utc::now())
        })
        .collect();
    let agenda = Agenda::with_picks((&s.conference).into(), picks);
    let settings = Settings {
        min_gap: Some(15),
        only_day: None,
        partial: false,
        rank: true,
        ..Settings::default()
    }
    .walking(5);
    let mut g = c.benchmark_group("plan");
    g.sample_size(10);
    g.bench_function(
        "10,000 picks over 4 days among 100,000 talks, with gaps",
        |b| b.iter(|| black_box(plan(&s, &agenda, settings.clone()))),
    );
    // The same with 500 events of the person's own (125 a day) and walking by area: rooms in
    // five buildings by name pattern, minutes within each and between each pair.
    let mut with_events = agenda.clone();
    let days = s.days();
    for k in 0..500 {
        let day = days[k % days.len()];
        let first = s.sessions.iter().find(|x| x.day == day).map(|x| x.start);
        let Some(at) = first else { continue };
        let start = at.plus_minutes(i64::try_from(k / days.len() * 5).unwrap_or(0));
        with_events.add_event(lineup::agenda::Event::new(
            &format!("Meeting {k}"),
            (start, start.plus_minutes(20)),
            Some(format!("Room {:03}", k % 40)),
            chrono::Utc::now(),
            |_| false,
        ));
    }
    let areas: Vec<lineup::agenda::walking::Area> = (0..5)
        .map(|b| lineup::agenda::walking::Area {
            name: format!("B{b}"),
            rooms: vec![format!("Room {b}*")],
            within: Some(2),
        })
        .collect();
    let between: Vec<(String, String, i64)> = (0..5)
        .flat_map(|a| (a + 1..5).map(move |b| (format!("B{a}"), format!("B{b}"), 3 + a + b)))
        .collect();
    let by_area = Settings {
        walking: std::sync::Arc::new(
            lineup::agenda::walking::Walking::with_areas(5, areas, &between).unwrap_or_default(),
        ),
        ..settings.clone()
    };
    g.bench_function(
        "10,000 picks and 500 events of my own over 4 days among 100,000 talks, walking by area",
        |b| b.iter(|| black_box(plan(&s, &with_events, by_area.clone()))),
    );
    let no_gaps = Settings {
        min_gap: None,
        ..settings.clone()
    };
    let unranked = Settings {
        rank: false,
        ..settings.clone()
    };
    g.bench_function("the same, talks that fit not ranked by shared words", |b| {
        b.iter(|| black_box(plan(&s, &agenda, unranked.clone())))
    });
    g.bench_function("the same without gaps (gaps cost the difference)", |b| {
        b.iter(|| black_box(plan(&s, &agenda, no_gaps.clone())))
    });
    let day = s.sessions[0].day;
    let wishes: Vec<Wish> = s
        .sessions
        .iter()
        .filter(|x| x.day == day)
        .step_by(50)
        .take(500)
        .map(|x| Wish {
            id: x.id.to_string(),
            title: x.title.to_string(),
            start: x.start,
            end: x.end,
            room: x.room.as_deref().map(str::to_string),
            priority: level(&mut rng),
            recorded: rng.next(4) == 0,
        })
        .collect();
    g.bench_function("one day of 500 picks planned again", |b| {
        b.iter(|| black_box(choose(&wishes, 5)))
    });
    // "I couldn't get in" to a pick mid-morning of a day of 25,000 talks: what runs near it
    // now or starts within 10 minutes, ranked, walking by area.
    let planner = lineup::agenda::Planner::new(
        std::sync::Arc::new(s.clone()),
        with_events.clone(),
        by_area.clone(),
    );
    let missed = planner
        .plan()
        .days
        .first()
        .and_then(|d| {
            d.choice
                .chosen
                .get(d.choice.chosen.len() / 3)
                .map(|&k| d.wishes[k].id.clone())
        })
        .and_then(|id| planner.index_of(&id))
        .unwrap_or(0);
    let at = s.sessions[missed].start.plus_minutes(3);
    g.bench_function(
        "alternatives to a missed talk among 25,000 that day (100,000 talks, 10,000 picks)",
        |b| b.iter(|| black_box(planner.alternatives(missed, at, 10))),
    );
    // What the TUI does each second for its reminder: the next planned talk or event.
    g.bench_function(
        "the reminder a TUI tick looks for (10,000 picks, 500 events)",
        |b| b.iter(|| black_box(lineup::agenda::remind::upcoming(&planner, 5, at))),
    );
    g.finish();
}

fn frame(c: &mut Criterion) {
    let s = synthetic(1_000, 60, 2);
    let agenda = Agenda::new((&s.conference).into());
    let mut app = App::new(s, agenda, chrono::Utc::now());
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    update(&mut app, Action::Do(Command::Down));
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    c.bench_function("frame 200x60, 1,000 sessions in 60 rooms", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    c.bench_function("key: move right then down", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::Right));
            update(&mut app, Action::Do(Command::Down));
        })
    });
}

/// A day of 1,000 talks in 100 rooms where one talk in ten has another beside it in its room
/// (lanes), as 36C3's double-booked rooms: a frame with lanes, with each grid filter, and the
/// sticky-time keys.
fn hundred_rooms(c: &mut Criterion) {
    let mut s = synthetic(1_000, 100, 1);
    let extra: Vec<Session> = s
        .sessions
        .iter()
        .step_by(10)
        .map(|x| Session {
            id: format!("{}-beside", x.id).into(),
            start: x.start.plus_minutes(10),
            end: x.end.plus_minutes(20),
            ..x.clone()
        })
        .collect();
    s.sessions.extend(extra);
    s.normalize();
    let agenda = Agenda::new((&s.conference).into());
    let mut app = App::new(s, agenda, chrono::Utc::now());
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    // 200 picks, every fifth talk, for "only my picks".
    let picks: Vec<Op> = app
        .schedule()
        .sessions
        .iter()
        .step_by(5)
        .map(|x| Op::Pick(Pick::of(x, chrono::Utc::now())))
        .collect();
    for op in &picks {
        app.apply(op);
    }
    update(&mut app, Action::Do(Command::Down));
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    let mut g = c.benchmark_group("100 rooms x 1,100 talks a day, lanes");
    g.bench_function("frame 200x60", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    update(&mut app, Action::Do(Command::OnlyPicks));
    g.bench_function("frame 200x60, only my picks (P)", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    g.bench_function("P twice (all, then only my picks again) + frame", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::OnlyPicks));
            update(&mut app, Action::Do(Command::OnlyPicks));
            buf.reset();
            view::render(&app, area, &mut buf);
            black_box(&buf);
        })
    });
    update(&mut app, Action::Do(Command::OnlyPicks));
    g.bench_function("ten l then ten h, a frame after each", |b| {
        b.iter(|| {
            for command in [Command::Right, Command::Left] {
                for _ in 0..10 {
                    update(&mut app, Action::Do(command));
                    buf.reset();
                    view::render(&app, area, &mut buf);
                }
            }
            black_box(&buf);
        })
    });
    g.finish();
}

fn keys_on_100k(c: &mut Criterion) {
    let s = synthetic(100_000, 200, 2);
    let agenda = Agenda::new((&s.conference).into());
    let mut g = c.benchmark_group("100k sessions");
    g.sample_size(20);
    // What opening costs before the first frame: days laid out, ids indexed, the plan.
    let shared = std::sync::Arc::new(s);
    g.bench_function("App::new (no picks)", |b| {
        b.iter(|| {
            black_box(App::new(
                std::sync::Arc::clone(&shared),
                agenda.clone(),
                chrono::Utc::now(),
            ))
        })
    });
    let mut app = opened(App::new(shared, agenda, chrono::Utc::now()));
    g.bench_function("search: type 3 letters", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::StartSearch));
            for ch in ['t', 'a', 'l'] {
                update(&mut app, Action::Input(ch));
            }
            update(&mut app, Action::Do(Command::Close));
        })
    });
    g.bench_function("pick and unpick", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::TogglePick));
            update(&mut app, Action::Do(Command::TogglePick));
        })
    });
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    g.bench_function("frame 200x60", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
        })
    });
    // The track chooser: each mark lays every day out again (two marks per iteration).
    update(&mut app, Action::Do(Command::ChooseTracks));
    g.bench_function("track chooser: mark and unmark a track", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::TogglePick));
            update(&mut app, Action::Do(Command::TogglePick));
        })
    });
    for _ in 0..2 {
        update(&mut app, Action::Do(Command::TogglePick));
        update(&mut app, Action::Do(Command::Down));
        update(&mut app, Action::Do(Command::Down));
    }
    update(&mut app, Action::Do(Command::Close));
    assert_eq!(app.lens.tracks.len(), 2);
    g.bench_function("frame 200x60 with a track filter (2 of 40 tracks)", |b| {
        b.iter(|| {
            buf.reset();
            view::render(&app, area, &mut buf);
        })
    });
    // Z: every time shown in another zone (the schedule copied, laid out and planned again).
    app.zones = vec![None, Some(chrono_tz::Asia::Tokyo)];
    g.bench_function("Z: times in another zone and back", |b| {
        b.iter(|| {
            update(&mut app, Action::Do(Command::SwitchZone));
            update(&mut app, Action::Do(Command::SwitchZone));
        })
    });
    g.finish();
}

fn overlaps(c: &mut Criterion) {
    let mut rng = Lcg(7);
    let spans: Vec<(i64, i64)> = (0..10_000)
        .map(|_| {
            let s = rng.next(3 * 24 * 60) as i64 * 60;
            (s, s + (15 + rng.next(46) as i64) * 60)
        })
        .collect();
    c.bench_function("overlap check of 10,000 picks", |b| {
        b.iter(|| black_box(overlap::clashes(&spans)))
    });
}

fn save(c: &mut Criterion) {
    let s = synthetic(1_000, 60, 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.json");
    let mut store = Store::open(path, (&s.conference).into()).unwrap();
    for x in &s.sessions[1..] {
        store
            .apply(Op::Pick(Pick::of(x, chrono::Utc::now())))
            .unwrap();
    }
    let first = &s.sessions[0];
    c.bench_function("save a 1,000-pick agenda (pick + unpick)", |b| {
        b.iter(|| {
            store
                .apply(Op::Pick(Pick::of(first, chrono::Utc::now())))
                .unwrap();
            store.apply(Op::Unpick(first.id.to_string())).unwrap();
        })
    });
}

/// The paths that were quadratic on hostile input (issue 9), at 20,000 and 100,000: ids shared by
/// every session, merging two big imports, reading a big agenda, and a plan (with its printed
/// report) of picks that all happen at the same moment.
fn formerly_quadratic(c: &mut Criterion) {
    let mut g = c.benchmark_group("formerly quadratic");
    g.sample_size(10);
    for n in [20_000, 100_000] {
        let base = synthetic(n, 200, 2);
        let mut same_id = base.clone();
        for x in &mut same_id.sessions {
            x.id = "same".into();
        }
        g.bench_function(format!("normalize {n} sessions sharing one id"), |b| {
            b.iter_batched(
                || same_id.clone(),
                |mut s| black_box(s.normalize()),
                criterion::BatchSize::LargeInput,
            )
        });
        g.bench_function(format!("merge two imports of {n}"), |b| {
            b.iter_batched(
                || vec![base.clone(), base.clone()],
                |v| black_box(import::merge(v)),
                criterion::BatchSize::LargeInput,
            )
        });
        let stamp = base.sessions[0].start;
        let picks: Vec<Pick> = base
            .sessions
            .iter()
            .map(|x| {
                let mut x = x.clone();
                (x.start, x.end) = (stamp, stamp.plus_minutes(40));
                Pick::of(&x, chrono::Utc::now())
            })
            .collect();
        let agenda = Agenda::with_picks((&base.conference).into(), picks);
        let text = agenda.to_json().unwrap();
        let path = std::path::Path::new("agenda.json");
        g.bench_function(format!("read an agenda of {n} picks"), |b| {
            b.iter(|| black_box(Agenda::from_json(&text, path).unwrap()))
        });
        let placed = lineup::agenda::place_picks(&base, &agenda);
        g.bench_function(format!("plan of {n} picks at one moment"), |b| {
            b.iter(|| black_box(Overview::from_placed(placed.clone(), None)))
        });
        let plan = Overview::from_placed(placed.clone(), None);
        g.bench_function(format!("agenda text of {n} picks at one moment"), |b| {
            b.iter(|| {
                black_box(lineup::presentation::printed::agenda(
                    &base,
                    (&plan, &[]),
                    80,
                ))
            })
        });
    }
    g.finish();
}

/// An app on 100,000 talks (250 rooms, 20 days) with 10,000 picks: `sparse` spreads them over
/// every day (about 25 at any moment), `dense` packs them into the first two days (about 250 at
/// any moment), sized 200x60 with the grid on a picked talk.
fn app_with_picks(s: &Schedule, dense: bool) -> App {
    let picks: Vec<Pick> = if dense {
        s.sessions[..10_000]
            .iter()
            .map(|x| Pick::of(x, chrono::Utc::now()))
            .collect()
    } else {
        s.sessions
            .iter()
            .step_by(10)
            .map(|x| Pick::of(x, chrono::Utc::now()))
            .collect()
    };
    let agenda = Agenda::with_picks((&s.conference).into(), picks);
    opened(App::new(s.clone(), agenda, chrono::Utc::now()))
}

/// The app as the TUI has it a moment after opening: sized 200×60, the search index built
/// beside the loop (without it a search this big waits for it).
fn opened(mut app: App) -> App {
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    let index = std::sync::Arc::new(Index::build(app.schedule()));
    let schedule = std::sync::Arc::clone(app.schedule());
    update(&mut app, Action::SearchReady { index, schedule });
    app
}

/// A key as a person meets it: the update, then the frame it leads to.
fn key(app: &mut App, buf: &mut Buffer, action: Action) {
    update(app, action);
    buf.reset();
    view::render(app, Rect::new(0, 0, 200, 60), buf);
}

/// Every key of the TUI, and the command line's agenda, clashes and export, at 100,000 talks
/// and 10,000 picks.
fn many_picks(c: &mut Criterion) {
    let s = synthetic(100_000, 250, 20);
    let mut g = c.benchmark_group("100k talks");
    g.sample_size(10);
    g.bench_function("search index, built once beside the event loop", |b| {
        b.iter(|| black_box(Index::build(&s)))
    });
    let q = Query::new("rust");
    let index = Index::build(&s);
    g.bench_function(
        "search 'rust' by reading every session (before the index)",
        |b| b.iter(|| black_box(s.sessions.iter().filter(|x| q.matches(x)).count())),
    );
    g.bench_function("search 'rust' in the index", |b| {
        b.iter(|| black_box(index.find(&q)))
    });
    g.finish();
    for (name, dense) in [("sparse", false), ("dense", true)] {
        let mut g = c.benchmark_group(format!("100k talks, 10k picks, {name}"));
        g.sample_size(10);
        let mut app = app_with_picks(&s, dense);
        let at_open = (app.day, app.selected);
        let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
        g.bench_function("j (next session) + frame", |b| {
            b.iter(|| key(&mut app, &mut buf, Action::Do(Command::Down)))
        });
        g.bench_function("] (next day) + frame", |b| {
            b.iter(|| key(&mut app, &mut buf, Action::Do(Command::NextDay)))
        });
        g.bench_function("Space twice (pick, unpick) + frames", |b| {
            // On the session the app opened on: the `j` and `]` benches move the cursor as
            // often as criterion runs them, and a pick costs what its day holds.
            (app.day, app.selected) = at_open;
            app.relayout();
            b.iter(|| {
                key(&mut app, &mut buf, Action::Do(Command::TogglePick));
                key(&mut app, &mut buf, Action::Do(Command::TogglePick));
            })
        });
        g.bench_function("/ and 4 letters + frames", |b| {
            b.iter(|| {
                key(&mut app, &mut buf, Action::Do(Command::StartSearch));
                for ch in ['r', 'u', 's', 't'] {
                    key(&mut app, &mut buf, Action::Input(ch));
                }
                key(&mut app, &mut buf, Action::Do(Command::Close));
                key(&mut app, &mut buf, Action::Do(Command::Close));
            })
        });
        g.bench_function("a (open my agenda) + frame, Esc", |b| {
            b.iter(|| {
                key(&mut app, &mut buf, Action::Do(Command::ShowAgenda));
                key(&mut app, &mut buf, Action::Do(Command::Close));
            })
        });
        key(&mut app, &mut buf, Action::Do(Command::ShowAgenda));
        g.bench_function("agenda: j + frame", |b| {
            b.iter(|| key(&mut app, &mut buf, Action::Do(Command::Down)))
        });
        g.bench_function("agenda: PageDown + frame", |b| {
            b.iter(|| key(&mut app, &mut buf, Action::Do(Command::PageDown)))
        });
        let plan = app.overview().clone();
        g.bench_function("lineup agenda (text)", |b| {
            b.iter(|| black_box(lineup::presentation::printed::agenda(&s, (&plan, &[]), 80)))
        });
        g.bench_function("lineup clashes (pairs listed)", |b| {
            b.iter(|| black_box(plan.clashes().map(|c| c.minutes).sum::<i64>()))
        });
        let agenda = app.agenda().clone();
        g.bench_function("export ics", |b| {
            b.iter(|| {
                let set = lineup::export::ExportSet::picks(&app.planner, None, chrono::Utc::now());
                black_box(lineup::export::render(&set, lineup::export::Format::Ics).unwrap())
            })
        });
        let text = agenda.to_json().unwrap();
        let path = std::path::Path::new("agenda.json");
        g.bench_function("read the agenda file", |b| {
            b.iter(|| black_box(Agenda::from_json(&text, path).unwrap()))
        });
        g.finish();
    }
}

/// A session whose description is 100 MB on one line (what a hostile schedule can hold): open
/// its details, page down, each with the 200×60 frame it leads to.
fn long_text(c: &mut Criterion) {
    let mut schedule = lineup::native::default_schedule().unwrap();
    schedule.sessions[5].description = "word ".repeat(20 << 20).into();
    let id = schedule.sessions[5].id.clone();
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = opened(App::new(schedule, agenda, chrono::Utc::now()));
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
    let mut g = c.benchmark_group("100 MB description");
    g.sample_size(20);
    g.bench_function("Enter: open the details", |b| {
        b.iter(|| {
            app.select_id(&id);
            app.mode = lineup::tui::Mode::Grid;
            key(&mut app, &mut buf, Action::Do(Command::Open));
        })
    });
    g.bench_function("PgDn in the details", |b| {
        b.iter(|| key(&mut app, &mut buf, Action::Do(Command::PageDown)))
    });
    g.finish();
}

criterion_group!(
    benches,
    long_text,
    load,
    frame,
    hundred_rooms,
    keys_on_100k,
    overlaps,
    save,
    formerly_quadratic,
    many_picks,
    cached_reopen,
    planning
);
criterion_main!(benches);

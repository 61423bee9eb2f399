//! Exports: round trips through a well-kept iCalendar parser, the Lanyrd importer and serde;
//! SEQUENCE across re-exports; snapshots of the printable formats.

use chrono::{DateTime, Utc};
use icalendar::{CalendarComponent, Component, DatePerhapsTime};
use lineup::agenda::{Agenda, Op, Pick, Planner};
use lineup::export::{self, ExportSet, Format};
use lineup::import::{self, lanyrd};
use lineup::model::{Conference, Kind, Schedule, Session, Stamp};
use lineup::native::default_schedule;
use lineup::workspace::Store;
use proptest::prelude::*;

use crate::util::{PAGE_PICKS, data, lineup, stdout};

/// The picks of `agenda` as the one planner works them out against `schedule`.
fn planned(schedule: &Schedule, agenda: &Agenda) -> Planner {
    Planner::new(
        std::sync::Arc::new(schedule.clone()),
        agenda.clone(),
        lineup::agenda::plan::Settings::default(),
    )
}

const SECOND_PAGE: [&str; 5] = [
    "code-generation-in-python-dismantling-jinja",
    "apache-cassandra-and-python",
    "make-sure-your-programs-crash",
    "python-metaprogramming-for-mad-scientists-and-evil-geniuses",
    "introspecting-running-python-processes",
];

fn now() -> DateTime<Utc> {
    "2026-11-21T12:00:00Z".parse().unwrap()
}

fn store_with(schedule: &Schedule, dir: &tempfile::TempDir, ids: &[&str]) -> Store {
    let mut store = Store::open(
        dir.path().join("agenda.json"),
        (&schedule.conference).into(),
    )
    .unwrap();
    for id in ids {
        store
            .apply(Op::Pick(Pick::of(schedule.session(id).unwrap(), now())))
            .unwrap();
    }
    store
}

/// (UID, SUMMARY, start, end) of every VEVENT, as a well-kept parser reads them.
/// UID, SUMMARY, start, end, SEQUENCE, DESCRIPTION.
type Ev = (
    String,
    String,
    DateTime<Utc>,
    DateTime<Utc>,
    Option<u32>,
    String,
);

fn parse_ics(text: &str) -> Vec<Ev> {
    let cal: icalendar::Calendar = text.parse().unwrap();
    let utc = |d: Option<DatePerhapsTime>| match d.unwrap() {
        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(dt)) => dt,
        other => panic!("expected a UTC time, got {other:?}"),
    };
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_string(),
                e.get_summary().unwrap().to_string(),
                utc(e.get_start()),
                utc(e.get_end()),
                e.get_sequence(),
                e.get_description().unwrap_or("").to_string(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn ics_reads_back_with_the_same_events_and_instants() {
    let schedule = default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&schedule, &dir, &SECOND_PAGE);
    let planner = planned(&schedule, store.agenda());
    let set = ExportSet::picks(&planner, None, now());
    let (text, marks) = export::render(&set, Format::Ics).unwrap();
    assert_eq!(marks.len(), 5);
    // CRLF everywhere, no line over 75 octets.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let events = parse_ics(&text);
    assert_eq!(events.len(), 5);
    let jinja = &events[0];
    assert_eq!(
        jinja.0,
        "code-generation-in-python-dismantling-jinja@pycon-us-2012.lineup"
    );
    assert_eq!(jinja.1, "Code Generation in Python: Dismantling Jinja");
    assert_eq!(
        jinja.2,
        "2012-03-09T22:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(
        jinja.3,
        "2012-03-09T22:40:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(jinja.4, Some(0));
    // Our own importer reads it back too, speakers included.
    let back = import::read_bytes(text.as_bytes(), "a.ics", &import::Options::default())
        .unwrap()
        .schedule;
    assert_eq!(back.sessions.len(), SECOND_PAGE.len());
    for (s, id) in back.sessions.iter().zip(SECOND_PAGE) {
        let orig = schedule.session(id).unwrap();
        assert_eq!(
            (s.title.as_str(), s.start, s.end),
            (orig.title.as_str(), orig.start, orig.end)
        );
        assert_eq!(s.speakers, orig.speakers);
    }
}

#[test]
fn uid_is_stable_and_sequence_grows_when_a_pick_moves() {
    let mut schedule = default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with(&schedule, &dir, &SECOND_PAGE[..2]);
    let export_once = |schedule: &Schedule, store: &mut Store| {
        let planner = planned(schedule, store.agenda());
        let set = ExportSet::picks(&planner, None, now());
        let path = dir.path().join("a.ics");
        lineup::workspace::exports::to_path(&path, &set, Format::Ics, Some(store)).unwrap();
        parse_ics(&std::fs::read_to_string(&path).unwrap())
    };
    let first = export_once(&schedule, &mut store);
    assert_eq!(
        first.iter().map(|e| e.4).collect::<Vec<_>>(),
        [Some(0), Some(0)]
    );
    // Same again: nothing changed, nothing grows.
    let again = export_once(&schedule, &mut store);
    assert_eq!(
        again.iter().map(|e| (e.0.clone(), e.4)).collect::<Vec<_>>(),
        first.iter().map(|e| (e.0.clone(), e.4)).collect::<Vec<_>>()
    );
    // The schedule moves Cassandra by 30 minutes: its SEQUENCE grows, the other stays.
    let moved = schedule
        .sessions
        .iter_mut()
        .find(|s| s.id == SECOND_PAGE[1])
        .unwrap();
    moved.start = moved.start.plus_minutes(30);
    moved.end = moved.end.plus_minutes(30);
    let third = export_once(&schedule, &mut store);
    let seq: Vec<(String, Option<u32>)> = third.iter().map(|e| (e.0.clone(), e.4)).collect();
    assert!(
        seq.contains(&(format!("{}@pycon-us-2012.lineup", SECOND_PAGE[0]), Some(0))),
        "{seq:?}"
    );
    assert!(
        seq.contains(&(format!("{}@pycon-us-2012.lineup", SECOND_PAGE[1]), Some(1))),
        "{seq:?}"
    );
    // And the mark survives on disk for the next run.
    let reopened = Store::open(
        dir.path().join("agenda.json"),
        (&schedule.conference).into(),
    )
    .unwrap();
    assert_eq!(
        reopened
            .agenda()
            .get(SECOND_PAGE[1])
            .unwrap()
            .exported
            .as_ref()
            .unwrap()
            .sequence,
        1
    );
}

#[test]
fn lanyrd_export_of_the_second_page_imports_to_the_same_five_sessions() {
    let schedule = default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&schedule, &dir, &SECOND_PAGE);
    let (text, _) = export::render(
        &ExportSet::picks(&planned(&schedule, store.agenda()), None, now()),
        Format::Lanyrd,
    )
    .unwrap();
    assert!(text.starts_with("Sessions at PyCon US 2012 matching your filters\n"));
    let opts = lanyrd::Options {
        year: None,
        tz: Some("America/Los_Angeles".parse().unwrap()),
    };
    let (back, _) = lanyrd::parse(&text, "export.txt", &opts).unwrap();
    let (page, _) = lanyrd::parse(
        &std::fs::read_to_string(data(PAGE_PICKS)).unwrap(),
        "page",
        &opts,
    )
    .unwrap();
    assert_eq!(back.sessions, page.sessions);
    assert_eq!(back.conference, page.conference);
}

#[test]
fn json_export_reads_back_with_serde() {
    let schedule = default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(
        &schedule,
        &dir,
        &["advanced-security-topics", SECOND_PAGE[0]],
    );
    let (text, _) = export::render(
        &ExportSet::picks(&planned(&schedule, store.agenda()), None, now()),
        Format::Json,
    )
    .unwrap();
    let file: export::json::ExportFile = serde_json::from_str(&text).unwrap();
    assert_eq!(file.format, "lineup-export");
    assert_eq!(file.contents, "picks");
    assert_eq!(
        file.sessions[0].session,
        *schedule.session("advanced-security-topics").unwrap()
    );
    assert_eq!(file.sessions[0].clashes[0].minutes, 40);
    assert_eq!(file.sessions[1].picked_at, Some(now()));
}

#[test]
fn printable_exports_snapshot() {
    let schedule = default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "advanced-security-topics",
        SECOND_PAGE[0],
        SECOND_PAGE[1],
        SECOND_PAGE[3],
        SECOND_PAGE[4],
    ];
    let store = store_with(&schedule, &dir, &ids);
    let planner = planned(&schedule, store.agenda());
    let set = ExportSet::picks(&planner, None, now());
    let md = export::render(&set, Format::Md).unwrap().0;
    let txt = export::render(&set, Format::Txt).unwrap().0;
    assert!(txt.lines().all(|l| l.chars().count() <= 80), "{txt}");
    for t in [&md, &txt] {
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'));
    }
    insta::assert_snapshot!("agenda_md", md);
    insta::assert_snapshot!("agenda_txt", txt);
}

#[test]
fn cli_export_guesses_the_format_and_all_exports_the_schedule() {
    let home = tempfile::tempdir().unwrap();
    let agenda = home.path().join("a.json");
    let run = |args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--agenda").arg(&agenda).args(args);
        c
    };
    stdout(&mut run(&["pick", SECOND_PAGE[0]]));
    let ics = home.path().join("out.ics");
    run(&["export", "-o", ics.to_str().unwrap()])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&ics)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
    let all = stdout(&mut run(&["export", "--all", "--format", "json"]));
    let file: export::json::ExportFile = serde_json::from_str(&all).unwrap();
    assert_eq!(file.sessions.len(), 33);
    let day = stdout(&mut run(&["export", "--all", "--day", "2012-03-10"]));
    assert!(day.contains("0 sessions"));
    let bad = run(&["export", "-o", "agenda.pdf"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--format"));
}

// ---- property round trips ----

fn arb_text() -> impl Strategy<Value = String> {
    // Accents, CJK, emoji, RTL, commas, semicolons, backslashes, quotes; long enough to fold.
    "[a-zA-Zéü日本語🎉ש,;:\\\\\"' ]{1,120}".prop_map(|s| {
        let t = lineup::text::clean_line(&s);
        if t.is_empty() { "x".to_string() } else { t }
    })
}

fn arb_schedule() -> impl Strategy<Value = Schedule> {
    prop::collection::vec(
        (
            arb_text(),
            arb_text(),
            0i64..600,
            5i64..120,
            0usize..3,
            any::<bool>(),
        ),
        1..8,
    )
    .prop_map(|rows| {
        let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        let base = chrono::NaiveDate::from_ymd_opt(2020, 3, 28)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let sessions = rows
            .into_iter()
            .enumerate()
            .map(|(i, (title, speaker, at, len, room, rec))| {
                let start = Stamp::local(base + chrono::Duration::minutes(at), Some(tz)).unwrap();
                Session {
                    id: format!("s{i}").into(),
                    title: format!("{title} {i}").into(),
                    speakers: vec![speaker.replace([',', ';'], " ").trim().to_string()]
                        .into_iter()
                        .filter(|s| !s.is_empty() && !s.contains(" and "))
                        .map(Into::into)
                        .collect(),
                    abstract_text: format!("Abstract of {i}; with, punctuation \\ and 日本語")
                        .into(),
                    description: Default::default(),
                    day: start.date(),
                    start,
                    end: start.plus_minutes(len),
                    room: Some(["Saal 1", "Room, B", "Hall; C"][room].into()),
                    recorded: rec.then_some(true),
                    url: None,
                    track: None,
                    kind: Kind::Talk,
                    language: (i % 3 == 0).then(|| "de".into()),
                    guid: Some(format!("{i:08x}-0000-4000-8000-000000000000").into()),
                    cancelled: false,
                    session_type: (i % 4 == 0).then(|| "workshop".into()),
                }
            })
            .collect();
        let mut s = Schedule {
            conference: Conference {
                id: "prop".into(),
                title: "Prop Conf 2020".into(),
                time_zone: Some(tz),
                venue: Some("Venue".into()),
            },
            rooms: Vec::new(),
            sessions,
            track_colours: Default::default(),
            shown_in: None,
        };
        s.normalize();
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn exports_round_trip(schedule in arb_schedule()) {
        let set = ExportSet::all(&schedule, None, now());
        // iCalendar through the icalendar crate.
        let (ics, _) = export::render(&set, Format::Ics).unwrap();
        let events = parse_ics(&ics);
        prop_assert_eq!(events.len(), schedule.sessions.len());
        for (e, s) in events.iter().zip(&schedule.sessions) {
            prop_assert_eq!(&e.1, &s.title);
            prop_assert_eq!(e.2, s.start.utc());
            prop_assert_eq!(e.3, s.end.utc());
        }
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75);
        }
        // JSON through serde.
        let (json, _) = export::render(&set, Format::Json).unwrap();
        let file: export::json::ExportFile = serde_json::from_str(&json).unwrap();
        let back: Vec<Session> = file.sessions.into_iter().map(|s| s.session).collect();
        prop_assert_eq!(&back, &schedule.sessions);
        // Lanyrd text through the Lanyrd importer.
        let (text, _) = export::render(&set, Format::Lanyrd).unwrap();
        let opts = lanyrd::Options { year: None, tz: schedule.conference.time_zone };
        let (page, _) = lanyrd::parse(&text, "p", &opts).unwrap();
        prop_assert_eq!(page.sessions.len(), schedule.sessions.len());
        // Ids are made again from titles, so sessions at the same time in the same room may
        // come back in another order: compare them in an order of what they say.
        let by_content = |v: &[Session]| {
            let mut v = v.to_vec();
            v.sort_by(|a, b| (a.start, a.end, &a.title).cmp(&(b.start, b.end, &b.title)));
            v
        };
        let (back, sent) = (by_content(&page.sessions), by_content(&schedule.sessions));
        for (a, b) in back.iter().zip(&sent) {
            prop_assert_eq!(&a.title, &b.title);
            prop_assert_eq!(&a.speakers, &b.speakers);
            prop_assert_eq!((a.start, a.end), (b.start, b.end));
            prop_assert_eq!(a.room.as_deref(), b.room.as_ref().map(|r| r.split(", ").next().unwrap_or(r)));
            prop_assert_eq!(a.recorded, b.recorded);
        }
    }
}

/// A schedule with CJK rooms, titles and speakers, and emoji.
fn wide_schedule(home: &std::path::Path) -> std::path::PathBuf {
    let file = serde_json::json!({
        "format": "lineup-schedule", "version": 1,
        "conference": {"id": "wide", "title": "幅の広い文字 Conf 2020", "time_zone": "Asia/Tokyo"},
        "rooms": ["大ホール", "B"],
        "sessions": [
            {"id": "cjk", "title": "日本語のタイトルはとても長いですがこれは八十列に収まらなければなりません", "speakers": ["山田太郎", "鈴木花子"],
             "day": "2020-02-01", "start": "2020-02-01T10:00:00+09:00", "end": "2020-02-01T10:40:00+09:00", "room": "大ホール"},
            {"id": "b", "title": "A talk in room B with a long English title that wraps", "speakers": ["Zoë 👩\u{200d}💻"],
             "day": "2020-02-01", "start": "2020-02-01T10:00:00+09:00", "end": "2020-02-01T10:40:00+09:00", "room": "B"}
        ]
    });
    let path = home.join("wide.json");
    std::fs::write(&path, file.to_string()).unwrap();
    path
}

#[test]
fn text_outputs_pad_and_wrap_by_display_width() {
    let home = tempfile::tempdir().unwrap();
    let schedule = wide_schedule(home.path());
    let run = |args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--schedule")
            .arg(&schedule)
            .args(["--agenda", "a.json"])
            .current_dir(home.path())
            .args(args);
        c
    };
    stdout(&mut run(&["pick", "cjk", "b"]));
    for out in [
        stdout(&mut run(&["export", "--format", "txt"])),
        stdout(&mut run(&["export", "--all", "--format", "txt"])),
        stdout(&mut run(&["agenda"])),
    ] {
        for line in out.lines() {
            assert!(
                lineup::text::width(line) <= 80,
                "{} columns: {line}",
                lineup::text::width(line)
            );
        }
    }
    // In `sessions` the titles start in the same column after "大ホール" and "B".
    let out = stdout(&mut run(&["sessions"]));
    let starts: Vec<usize> = out
        .lines()
        .map(|l| {
            let at = l.find(['日', 'A']).unwrap();
            lineup::text::width(&l[..at])
        })
        .collect();
    assert_eq!(starts.len(), 2);
    assert_eq!(starts[0], starts[1], "{out}");
}

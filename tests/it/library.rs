//! The library of conferences against a real HTTP server on 127.0.0.1: add, refresh with
//! validators, redirects, gzip, failures named in one sentence with nothing changed, the change
//! report line by line and as JSON, offline use once the server is gone.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::server::{Answer, Server};
use crate::util::{lineup, stdout};

/// A frab XML schedule: `(id, title, start HH:MM, room)`, 30 minutes each, on 2030-05-04.
pub(crate) fn schedule(events: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let mut rooms: Vec<&str> = Vec::new();
    for e in events {
        if !rooms.contains(&e.3) {
            rooms.push(e.3);
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<schedule><conference><acronym>conf30</acronym><title>Conf 2030</title>\
         <time_zone_name>Europe/Brussels</time_zone_name></conference>\
         <day index=\"1\" date=\"2030-05-04\">",
    );
    for room in rooms {
        xml.push_str(&format!("<room name=\"{room}\">"));
        for (id, title, start, _) in events.iter().filter(|e| e.3 == room) {
            xml.push_str(&format!(
                "<event id=\"{id}\"><date>2030-05-04T{start}:00+02:00</date><start>{start}</start>\
                 <duration>00:30</duration><room>{room}</room><title>{title}</title>\
                 <persons><person id=\"1\">Ada</person></persons></event>"
            ));
        }
        xml.push_str("</room>");
    }
    xml.push_str("</day></schedule>\n");
    xml.into_bytes()
}

/// The first copy's sessions: (id, title, start, room).
pub(crate) const FIRST: [(&str, &str, &str, &str); 5] = [
    ("1", "Opening", "09:00", "Hall"),
    ("2", "Rust in space", "10:00", "Hall"),
    ("3", "Gardening", "11:00", "Hall"),
    ("4", "Knitting", "11:30", "Side"),
    ("5", "Closing", "12:00", "Hall"),
];

pub(crate) fn first() -> Vec<u8> {
    schedule(&FIRST)
}

pub(crate) fn ok(body: Vec<u8>, headers: &[(&str, &str)]) -> Answer {
    Answer {
        status: 200,
        body,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Answer::default()
    }
}

pub(crate) fn env(home: &Path) -> assert_cmd::Command {
    let mut cmd = lineup(home);
    cmd.env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy");
    cmd
}

/// The copy of the source a conference's cache holds: the file its `meta.json` names.
pub(crate) fn cached_source(cache: &Path) -> Vec<u8> {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cache.join("meta.json")).unwrap()).unwrap();
    std::fs::read(cache.join(meta["file"].as_str().unwrap())).unwrap()
}

pub(crate) fn fails(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn add_pick_refresh_report_and_offline() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(ok(first(), &[("ETag", "\"v1\"")]));
    let added = stdout(env(h).args(["add", &server.url("/old")]));
    assert!(
        added.starts_with("added conf30: \"Conf 2030\", 5 sessions in 2 rooms"),
        "{added}"
    );
    // The redirect was followed, and a User-Agent names lineup.
    assert!(server.last_request().starts_with("GET /s.xml "));
    assert!(
        server
            .last_request()
            .to_lowercase()
            .contains("user-agent: lineup/")
    );
    // Every command now works on it without flags.
    let list = stdout(env(h).args(["sessions"]));
    assert!(list.contains("Rust in space"), "{list}");
    stdout(env(h).args(["pick", "2", "3", "4"]));
    let confs = stdout(env(h).args(["conferences"]));
    assert!(
        confs.starts_with("* conf30  \"Conf 2030\"  5 sessions, 3 picks"),
        "{confs}"
    );

    // Unchanged: the ETag goes back and a 304 transfers nothing.
    server.set(Answer {
        status: 304,
        ..Answer::default()
    });
    let same = stdout(env(h).args(["refresh"]));
    assert!(same.starts_with("conf30: unchanged since "), "{same}");
    assert!(
        server
            .last_request()
            .to_lowercase()
            .contains("if-none-match: \"v1\""),
        "{}",
        server.last_request()
    );

    // Talk 2 moves onto Knitting's time and room, 3 is cancelled (gone), 1 is renamed (not picked).
    let second = schedule(&[
        ("1", "Opening!", "09:00", "Hall"),
        ("2", "Rust in space", "11:30", "Side"),
        ("4", "Knitting", "11:30", "Side"),
        ("5", "Closing", "12:00", "Hall"),
        ("6", "Lightning talks", "13:00", "Hall"),
    ]);
    server.set(ok(
        second,
        &[("Last-Modified", "Sat, 04 May 2030 08:00:00 GMT")],
    ));
    let report = stdout(env(h).args(["refresh"]));
    let lines: Vec<&str> = report.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "2 of your picks changed:",
            "  moved      \"Rust in space\": Sat 10:00 Hall → Sat 11:30 Side",
            "  cancelled  \"Gardening\" (Sat 11:00 Hall): gone from the schedule",
            "New clashes:",
            "  \"Rust in space\" and \"Knitting\" overlap 30 min (Sat 11:30)",
            "Elsewhere: 1 session added, 0 removed, 1 changed (--all lists the added and removed).",
        ],
        "{report}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(env(h).args(["changes", "--json"]))).unwrap();
    assert_eq!(json["picks"][0]["id"], "2");
    assert_eq!(json["picks"][0]["changes"][0]["change"], "moved");
    assert_eq!(json["picks"][0]["changes"][0]["to"]["room"], "Side");
    assert_eq!(json["picks"][1]["changes"][0]["change"], "cancelled");
    assert_eq!(json["new_clashes"][0]["minutes"], 30);
    assert_eq!(json["added"][0]["id"], "6");
    let all = stdout(env(h).args(["changes", "--all"]));
    assert!(
        all.contains("  added      Sat 13:00 \"Lightning talks\" (Hall)"),
        "{all}"
    );

    // Last-Modified goes back next time.
    server.set(Answer {
        status: 304,
        ..Answer::default()
    });
    stdout(env(h).args(["refresh"]));
    assert!(
        server
            .last_request()
            .to_lowercase()
            .contains("if-modified-since: sat, 04 may 2030 08:00:00 gmt"),
        "{}",
        server.last_request()
    );

    // A server error: one sentence, the cached copy stays.
    server.set(Answer {
        status: 500,
        ..Answer::default()
    });
    let e = fails(env(h).args(["refresh"]));
    assert!(
        e.contains("answered 500") && e.contains("stays in use"),
        "{e}"
    );
    // The server goes away: the agenda still opens from the cache; a refresh says so.
    server.stop();
    let agenda = stdout(env(h).args(["agenda"]));
    assert!(agenda.contains("Rust in space"), "{agenda}");
    let e = fails(env(h).args(["refresh"]));
    assert!(e.contains("refused") && e.contains("stays in use"), "{e}");
}

#[test]
fn failures_are_one_sentence_and_change_nothing() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let url = server.url("/s.xml");
    server.set(ok(first(), &[]));
    stdout(env(h).args(["add", &url]));
    let cache = h.join("cache/lineup/conferences/conf30");
    let before = cached_source(&cache);
    let cases: Vec<(Answer, &str)> = vec![
        (
            Answer {
                status: 404,
                ..Answer::default()
            },
            "answered 404",
        ),
        (
            ok(b"<!DOCTYPE html><html>Sign in</html>".to_vec(), &[]),
            "web page",
        ),
        (ok(Vec::new(), &[]), "empty"),
        (
            Answer {
                short_by: 500,
                ..ok(first()[..200].to_vec(), &[])
            },
            "ends early",
        ),
        (ok(first().replace_conf(), &[]), "another conference"),
    ];
    for (answer, says) in cases {
        server.set(answer);
        let e = fails(env(h).args(["refresh"]));
        assert!(e.contains(says), "{says}: {e}");
        assert_eq!(e.lines().count(), 1, "{e}");
        assert_eq!(cached_source(&cache), before, "{says}");
    }
    // A server that never answers: the timeout ends it in seconds.
    server.set(Answer {
        silent: true,
        ..Answer::default()
    });
    let started = std::time::Instant::now();
    let e = fails(env(h).args(["refresh", "--timeout", "1"]));
    assert!(e.contains("timeout"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(20));
    // Nothing listens (port 1 is privileged and unused): refused.
    let e = fails(env(h).args(["add", "http://127.0.0.1:1/s.xml"]));
    assert!(e.contains("refused"), "{e}");
    assert_eq!(cached_source(&cache), before);
}

trait ReplaceConf {
    fn replace_conf(self) -> Vec<u8>;
}

impl ReplaceConf for Vec<u8> {
    /// The same schedule under another conference's name.
    fn replace_conf(self) -> Vec<u8> {
        String::from_utf8(self)
            .unwrap()
            .replace("conf30", "other29")
            .into_bytes()
    }
}

#[test]
fn gzip_bodies_are_read_and_library_commands_work() {
    let server = Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&first()).unwrap();
    server.set(ok(gz.finish().unwrap(), &[("Content-Encoding", "gzip")]));
    stdout(env(h).args(["add", &server.url("/s.xml"), "--name", "mine"]));
    assert!(
        server
            .last_request()
            .to_lowercase()
            .contains("accept-encoding: gzip")
    );
    // A file source too; `use` switches, `--conference` picks one for one command.
    let file = h.join("other.xml");
    std::fs::write(&file, first().replace_conf()).unwrap();
    let added = stdout(env(h).args(["add", file.to_str().unwrap()]));
    assert!(added.starts_with("added other29:"), "{added}");
    let s = stdout(env(h).args(["sessions", "--conference", "mine"]));
    assert!(s.contains("Rust in space"));
    stdout(env(h).args(["use", "mine"]));
    assert!(stdout(env(h).args(["conferences"])).starts_with("* mine"));
    // A file read again unchanged; then changed.
    assert!(stdout(env(h).args(["refresh", "other29"])).contains("unchanged"));
    std::fs::write(
        &file,
        schedule(&[("1", "Opening", "09:30", "Hall")]).replace_conf(),
    )
    .unwrap();
    let r = stdout(env(h).args(["refresh", "other29"]));
    assert!(
        r.contains("None of your picks changed.") && r.contains("4 removed"),
        "{r}"
    );
    // Export never writes over the file a conference was added from.
    let e = fails(env(h).args([
        "--conference",
        "other29",
        "export",
        "--all",
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]));
    assert!(e.contains("refusing to write"), "{e}");
    let removed = stdout(env(h).args(["remove", "mine"]));
    assert!(
        removed.contains("its agenda stays in") && removed.contains("built-in"),
        "{removed}"
    );
    assert!(!h.join("cache/lineup/conferences/mine").exists());
    let e = fails(env(h).args(["use", "nope"]));
    assert!(e.contains("there is other29"), "{e}");
}

/// (UID, SEQUENCE, STATUS) of each event, as the icalendar crate reads them.
fn events(text: &str) -> Vec<(String, u32, Option<String>)> {
    use icalendar::{CalendarComponent, Component};
    let cal: icalendar::Calendar = text.parse().unwrap();
    let mut out: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_string(),
                e.get_sequence().unwrap(),
                e.property_value("STATUS").map(str::to_string),
            )),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_calendar_follows_moves_cancellations_and_comebacks_over_three_exports() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = h.join("conf.xml");
    std::fs::write(&file, first()).unwrap();
    stdout(env(h).args(["add", file.to_str().unwrap()]));
    stdout(env(h).args(["pick", "2", "3"]));
    let cal = h.join("cal.ics");
    let export = |h: &Path| {
        stdout(env(h).args(["export", "-o", cal.to_str().unwrap()]));
        events(&std::fs::read_to_string(&cal).unwrap())
    };
    let (two, three) = ("2@conf30.lineup".to_string(), "3@conf30.lineup".to_string());
    assert_eq!(
        export(h),
        [(two.clone(), 0, None), (three.clone(), 0, None)]
    );
    // 3 is unpicked, 2 moves: 2 gets a higher SEQUENCE, 3 is cancelled (same UID).
    stdout(env(h).args(["unpick", "3"]));
    std::fs::write(&file, first_with(&[("2", "11:30", "Side")], &[])).unwrap();
    stdout(env(h).args(["refresh"]));
    let cancelled = Some("CANCELLED".to_string());
    assert_eq!(
        export(h),
        [
            (two.clone(), 1, None),
            (three.clone(), 1, cancelled.clone())
        ]
    );
    // 3 comes back; 2 leaves the schedule: 3 is an event again, 2 is cancelled.
    stdout(env(h).args(["pick", "3"]));
    std::fs::write(&file, first_with(&[("2", "11:30", "Side")], &["2"])).unwrap();
    stdout(env(h).args(["refresh"]));
    assert_eq!(
        export(h),
        [
            (two.clone(), 2, cancelled.clone()),
            (three.clone(), 2, None)
        ]
    );
    // Exported again unchanged: the same SEQUENCEs (the calendar has nothing new to do).
    assert_eq!(export(h), [(two, 2, cancelled), (three, 2, None)]);
}

/// [`first`] with talks moved to `(id, start, room)` and talks `gone` left out.
fn first_with(moved: &[(&str, &str, &str)], gone: &[&str]) -> Vec<u8> {
    let base = [
        ("1", "Opening", "09:00", "Hall"),
        ("2", "Rust in space", "10:00", "Hall"),
        ("3", "Gardening", "11:00", "Hall"),
        ("4", "Knitting", "11:30", "Side"),
        ("5", "Closing", "12:00", "Hall"),
    ];
    let events: Vec<(&str, &str, &str, &str)> = base
        .iter()
        .filter(|e| !gone.contains(&e.0))
        .map(
            |&(id, title, start, room)| match moved.iter().find(|m| m.0 == id) {
                Some(&(_, s, r)) => (id, title, s, r),
                None => (id, title, start, room),
            },
        )
        .collect();
    schedule(&events)
}

#[test]
fn a_friends_agenda_by_url_is_fetched_kept_and_refused_for_another_conference() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let server = Server::start();
    let mine = r#"{"format":"lineup-agenda","version":1,"conference":{"id":"pycon-us-2012","title":"PyCon US 2012"},"picks":[{"id":"advanced-security-topics","title":"Advanced Security Topics","day":"2012-03-09","start":"2012-03-09T13:45:00-08:00","end":"2012-03-09T14:25:00-08:00","room":"E1","picked_at":"2026-01-01T00:00:00Z"}]}"#;
    server.set(ok(mine.as_bytes().to_vec(), &[]));
    let said = stdout(env(h).args(["friend", "add", "zoe", &server.url("/zoe.json")]));
    assert!(said.contains("added zoe: 1 pick"), "{said}");
    stdout(env(h).args(["pick", "advanced-security-topics"]));
    // Read from the copy: the server can be gone.
    server.stop();
    let together = stdout(env(h).arg("together"));
    assert!(
        together.contains("Advanced Security Topics — with zoe"),
        "{together}"
    );

    let server = Server::start();
    server.set(ok(
        mine.replace("pycon-us-2012", "fosdem-2020").into_bytes(),
        &[],
    ));
    let err = fails(env(h).args(["friend", "add", "yan", &server.url("/yan.json")]));
    assert!(err.contains("not `PyCon US 2012`"), "{err}");
    assert!(!h.join("data/lineup/friends/yan.json").exists());
}

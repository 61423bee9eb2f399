//! Favourites from elsewhere: `lineup pick --from` on calendars in each shape people export
//! (pretalx's starred sessions, FOSDEM's and frab's UIDs, lineup's own export, a calendar
//! served over HTTP) and Giggity's share links, with every miss said and nothing picked twice.

use std::io::Write;
use std::path::Path;

use base64::Engine;

use crate::server::{Answer, Server};
use crate::util::{lineup, stdout};

/// A small conference of our own: ids as pretalx codes, links as pretalx makes them.
fn schedule(dir: &Path) -> std::path::PathBuf {
    // Each an hour from `at`.
    let session = |id: &str, title: &str, room: &str, at: &str, guid: &str| {
        let h: u32 = at[..2].parse().unwrap();
        let end = format!("{:02}{}", h + 1, &at[2..]);
        format!(
            r#"{{"id":"{id}","title":"{title}","day":"2026-02-01","start":"2026-02-01T{at}:00+01:00","end":"2026-02-01T{end}:00+01:00","room":"{room}","url":"https://pretalx.example/conf/talk/{id}/","guid":"{guid}"}}"#
        )
    };
    let path = dir.join("conf.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"format":"lineup-schedule","version":1,
              "conference":{{"id":"conf","title":"Conf 2026","time_zone":"Europe/Brussels","venue":null}},
              "rooms":["K.1.105","UA2.114","H.2215"],
              "sessions":[{},{},{},{},{}]}}"#,
            session("ABC123", "Rust in the kernel", "K.1.105", "10:00", "0f1e2d3c-0000-4000-8000-000000000001"),
            session("DEF456", "Postgres at scale", "UA2.114", "10:00", "0f1e2d3c-0000-4000-8000-000000000002"),
            session("GHI789", "Lightning talks", "H.2215", "11:00", "0f1e2d3c-0000-4000-8000-000000000003"),
            session("JKL012", "Lightning talks", "K.1.105", "11:00", "0f1e2d3c-0000-4000-8000-000000000004"),
            session("MNO345", "Closing", "H.2215", "12:00", "0f1e2d3c-0000-4000-8000-000000000005"),
        ),
    )
    .unwrap();
    path
}

fn vevent(uid: &str, summary: &str, start: &str, url: Option<&str>) -> String {
    let url = url.map_or_else(String::new, |u| format!("URL:{u}\r\n"));
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\nDURATION:PT1H\r\nSUMMARY:{summary}\r\n{url}END:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

fn run(home: &Path, args: &[&str]) -> String {
    let sched = schedule(home);
    let agenda = home.join("agenda.json");
    stdout(
        lineup(home)
            .args(["--schedule", sched.to_str().unwrap()])
            .args(["--agenda", agenda.to_str().unwrap()])
            .args(args),
    )
}

fn picked(home: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(home.join("agenda.json")).unwrap_or_default();
    if text.is_empty() {
        return Vec::new();
    }
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut ids: Vec<String> = v["picks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_pretalx_starred_calendar_matches_by_uid_link_and_title_and_says_each_miss() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ics = h.join("starred.ics");
    std::fs::write(
        &ics,
        calendar(&[
            // pretalx's UID: the code after the event's slug.
            vevent(
                "pretalx-conf-ABC123@pretalx.example",
                "Rust in the kernel",
                "20260201T090000Z",
                None,
            ),
            // An unknown UID, but the talk's link (http, no slash).
            vevent(
                "x-1@elsewhere",
                "Postgres @ scale",
                "20260201T090000Z",
                Some("http://www.pretalx.example/conf/talk/DEF456"),
            ),
            // Title and start only.
            vevent("x-2@elsewhere", "closing", "20260201T110000Z", None),
            // Its title at another time: not taken on a guess.
            vevent(
                "x-3@elsewhere",
                "Rust in the kernel",
                "20260201T150000Z",
                None,
            ),
            // Two of that title at that time.
            vevent("x-4@elsewhere", "Lightning talks", "20260201T100000Z", None),
            vevent(
                "x-5@elsewhere",
                "Not in this conference",
                "20260201T100000Z",
                None,
            ),
            // The same talk twice.
            vevent(
                "pretalx-conf-ABC123@pretalx.example",
                "Rust in the kernel",
                "20260201T090000Z",
                None,
            ),
        ]),
    )
    .unwrap();
    let dry = run(h, &["pick", "--from", ics.to_str().unwrap(), "--dry-run"]);
    assert!(dry.starts_with("4 of 7 from"), "{dry}");
    assert!(dry.contains("(a dry run: nothing saved)"), "{dry}");
    assert!(picked(h).is_empty(), "a dry run saves nothing");
    let out = run(h, &["pick", "--from", ics.to_str().unwrap()]);
    for want in [
        "picked: \"Rust in the kernel\" (ABC123), found by its UID",
        "picked: \"Postgres at scale\" (DEF456), found by its link",
        "picked: \"Closing\" (MNO345), found by its title and start",
        "listed twice, picked once: \"Rust in the kernel\"",
        "not matched: \"Rust in the kernel\": the schedule has it at another time",
        "not matched: \"Lightning talks\": several sessions have this title at this time (GHI789, JKL012)",
        "not matched: \"Not in this conference\": no session of Conf 2026",
    ] {
        assert!(out.contains(want), "{want}\n{out}");
    }
    assert_eq!(picked(h), ["ABC123", "DEF456", "MNO345"]);
    // Again: nothing new, each said already picked.
    let again = run(h, &["pick", "--from", ics.to_str().unwrap()]);
    assert_eq!(again.matches("already picked").count(), 3, "{again}");
    assert_eq!(picked(h), ["ABC123", "DEF456", "MNO345"]);
}

#[test]
fn frab_guids_fosdem_uids_and_lineups_own_export_match_by_uid() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ics = h.join("bookmarks.ics");
    std::fs::write(
        &ics,
        calendar(&[
            // frab: the GUID before the @.
            vevent(
                "0f1e2d3c-0000-4000-8000-000000000002@frab.example",
                "Postgres at scale",
                "20260201T090000Z",
                None,
            ),
            // FOSDEM's shape: the event's id first.
            vevent(
                "GHI789@FOSDEM26@fosdem.org",
                "Lightning talks",
                "20260201T100000Z",
                None,
            ),
        ]),
    )
    .unwrap();
    let out = run(h, &["pick", "--from", ics.to_str().unwrap()]);
    assert_eq!(out.matches("found by its UID").count(), 2, "{out}");
    assert_eq!(picked(h), ["DEF456", "GHI789"]);
    // lineup's own export, read into another agenda: the same picks; its events skipped.
    run(h, &["event", "add", "Lunch", "sun", "12:00-13:00"]);
    let exported = h.join("mine.ics");
    run(h, &["export", "-o", exported.to_str().unwrap()]);
    let other = tempfile::tempdir().unwrap();
    let out = run(
        other.path(),
        &["pick", "--from", exported.to_str().unwrap()],
    );
    assert!(out.starts_with("2 of 3 from"), "{out}");
    assert!(
        out.contains("skipped: \"Lunch\": one of lineup's own events"),
        "{out}"
    );
    assert_eq!(picked(other.path()), ["DEF456", "GHI789"]);
}

#[test]
fn a_calendar_served_over_http_is_fetched_and_matched() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let server = Server::start();
    server.set(Answer {
        status: 200,
        body: calendar(&[vevent(
            "pretalx-conf-MNO345@pretalx.example",
            "Closing",
            "20260201T110000Z",
            None,
        )])
        .into_bytes(),
        headers: vec![("Content-Type".into(), "text/calendar".into())],
        ..Answer::default()
    });
    let out = run(h, &["pick", "--from", &server.url("/starred.ics")]);
    assert!(out.starts_with("1 of 1 from http://127.0.0.1:"), "{out}");
    assert_eq!(picked(h), ["MNO345"]);
}

#[test]
fn a_giggity_share_link_picks_its_ids_and_a_broken_one_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(br#"["ABC123","MNO345","nope"]"#).unwrap();
    let see = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(z.finish().unwrap());
    let link = format!("https://ggt.gaa.st/#url=https://conf.example/schedule.xml&see={see}");
    let out = run(h, &["pick", "--from", &link]);
    assert!(out.starts_with("2 of 3 from the Giggity link"), "{out}");
    assert!(out.contains("not matched: id `nope`"), "{out}");
    assert_eq!(picked(h), ["ABC123", "MNO345"]);
    let sched = schedule(h);
    let bad = lineup(h)
        .args(["--schedule", sched.to_str().unwrap()])
        .args(["pick", "--from", "https://ggt.gaa.st/#see=%%%"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("copy the whole link again"));
}

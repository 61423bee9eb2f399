//! Finding talks: `lineup now` and `lineup next` for status bars.

use crate::util::{lineup, stdout};

/// stdout and the exit status of `lineup --now NOW WHAT…`.
fn at(home: &std::path::Path, now: &str, what: &[&str]) -> (String, i32) {
    let out = lineup(home)
        .arg("--now")
        .arg(now)
        .args(what)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn now_and_next_before_during_between_and_after_the_conference() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args(["pick", "jinja", "apache-cassandra-and-python"]));
    // Before: nothing on, the first pick next.
    assert_eq!(at(h, "2012-03-09T08:00", &["now"]), (String::new(), 1));
    assert_eq!(
        at(h, "2012-03-09T08:00", &["next"]),
        (
            "in 6 h: 14:00 E2 Code Generation in Python: Dismantling Jinja\n".into(),
            0
        )
    );
    // During: the pick under way with the time left; next is the one after it.
    assert_eq!(
        at(h, "2012-03-09T14:10", &["now"]).0,
        "E2 14:00–14:40 Code Generation in Python: Dismantling Jinja (30 min left)\n"
    );
    assert_eq!(
        at(
            h,
            "2012-03-09T14:10",
            &["next", "--format", "{start} {title} in {in}"]
        )
        .0,
        "14:40 Apache Cassandra and Python in 30 min\n"
    );
    // Between picks, at the seam: the second has begun, nothing after it.
    assert_eq!(
        at(h, "2012-03-09T14:40", &["now", "--format", "{id}|{left}"]).0,
        "apache-cassandra-and-python|40 min\n"
    );
    assert_eq!(at(h, "2012-03-09T14:40", &["next"]), (String::new(), 1));
    // After: nothing on, nothing next; --all looks at every session.
    assert_eq!(at(h, "2012-03-10T09:00", &["now"]).1, 1);
    assert_eq!(at(h, "2012-03-10T09:00", &["next"]).1, 1);
    assert_eq!(
        at(
            h,
            "2012-03-09T10:00",
            &["now", "--all", "--format", "{room}: {title}"]
        )
        .0,
        "all rooms: Paul Graham, Y Combinator\n"
    );
    // A bad field is one sentence naming the fields, exit 2.
    let out = lineup(h)
        .args(["--now", "2012-03-09T14:10", "now", "--format", "{titel}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("`titel` is not a field") && e.contains("{left}"),
        "{e}"
    );
}

/// A schedule with tracks: two rooms, three tracks.
fn tracked(home: &std::path::Path) -> String {
    let events = [
        ("r1", "Rust ownership", "10:00", "A", "Rust"),
        ("r2", "Async Rust", "11:00", "A", "Rust"),
        ("p1", "Python typing", "10:00", "B", "Python"),
        ("d1", "Databases for all", "11:00", "B", "Data Science"),
    ];
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><schedule><conference><acronym>t1</acronym><title>T</title>\
         <time_zone_name>UTC</time_zone_name></conference><day index=\"1\" date=\"2030-01-01\">",
    );
    for room in ["A", "B"] {
        xml.push_str(&format!("<room name=\"{room}\">"));
        for (id, title, start, _, track) in events.iter().filter(|e| e.3 == room) {
            xml.push_str(&format!(
                "<event id=\"{id}\"><date>2030-01-01T{start}:00+00:00</date><start>{start}</start>\
                 <duration>00:45</duration><room>{room}</room><title>{title}</title>\
                 <track>{track}</track></event>"
            ));
        }
        xml.push_str("</room>");
    }
    xml.push_str("</day></schedule>");
    let path = home.join("t.xml");
    std::fs::write(&path, xml).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn track_filters_for_sessions_agenda_and_the_whole_schedule_export() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let f = tracked(h);
    let ids = |out: String| -> Vec<String> {
        out.lines()
            .map(|l| l.split_whitespace().next().unwrap().to_string())
            .collect()
    };
    // Any case, a piece of a name, several at once.
    let rust = stdout(lineup(h).args(["--schedule", &f, "sessions", "--track", "rust"]));
    assert_eq!(ids(rust), ["r1", "r2"]);
    let two = stdout(lineup(h).args([
        "--schedule",
        &f,
        "sessions",
        "--track",
        "RUST",
        "--track",
        "science",
    ]));
    assert_eq!(ids(two), ["r1", "r2", "d1"]);
    // An unknown track names the tracks, with the closest.
    let out = lineup(h)
        .args(["--schedule", &f, "sessions", "--track", "pyton"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("did you mean") && e.contains("Data Science, Python, Rust"),
        "{e}"
    );
    // My agenda on one track; the whole schedule of one track as JSON.
    stdout(lineup(h).args(["--schedule", &f, "pick", "r1", "p1", "d1"]));
    let agenda = stdout(lineup(h).args(["--schedule", &f, "agenda", "--track", "python"]));
    assert!(
        agenda.contains("Python typing") && !agenda.contains("Rust ownership"),
        "{agenda}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(lineup(h).args([
        "--schedule",
        &f,
        "export",
        "--all",
        "--track",
        "rust",
        "--format",
        "json",
    ])))
    .unwrap();
    let got: Vec<&str> = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["r1", "r2"]);
}

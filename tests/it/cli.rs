//! The command line, run as the real binary.

use crate::util::{PAGE_DAY, PAGE_PICKS, data, lineup, stdout};

#[test]
fn sessions_lists_33_in_time_order() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(lineup(home.path()).arg("sessions"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 33);
    assert!(lines[0].contains("09:00–09:10") && lines[0].contains("Introduction and Welcome"));
    assert!(lines[32].contains("17:20–18:00") && lines[32].contains("Introspecting Running"));
}

#[test]
fn sessions_by_room_and_search() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(lineup(home.path()).args(["sessions", "--room", "E2"]));
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(out.lines().all(|l| l.contains(" E2 ")));
    let out = stdout(lineup(home.path()).args(["sessions", "--search", "RONACHER"]));
    assert_eq!(out.lines().count(), 1);
    let out = stdout(lineup(home.path()).args(["sessions", "--day", "2012-03-10"]));
    assert_eq!(out, "");
}

#[test]
fn sessions_json_has_offsets_and_null_rooms() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(lineup(home.path()).args(["sessions", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 33);
    assert_eq!(a[0]["start"], "2012-03-09T09:00:00-08:00");
    assert_eq!(a[0]["room"], serde_json::Value::Null);
    assert!(a[0]["speakers"].is_array());
    assert!(
        a.iter()
            .all(|s| s["id"].is_string() && s["end"].is_string())
    );
}

#[test]
fn show_prints_one_session_in_full() {
    let home = tempfile::tempdir().unwrap();
    let out =
        stdout(lineup(home.path()).args(["show", "code-generation-in-python-dismantling-jinja"]));
    assert!(out.starts_with("Code Generation in Python: Dismantling Jinja\nby Armin Ronacher\n"));
    assert!(
        out.contains("Friday 2012-03-09, 14:00–14:40 America/Los_Angeles (40 min)"),
        "{out}"
    );
    assert!(out.contains("room E2, Santa Clara Convention Center"));
    assert!(out.contains("Design of Jinja2"));
}

#[test]
fn unknown_id_and_unreadable_file_exit_2_with_one_sentence() {
    let home = tempfile::tempdir().unwrap();
    let out = lineup(home.path()).args(["show", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains("`nope`") && err.contains("lineup sessions"),
        "{err}"
    );

    let out = lineup(home.path())
        .args(["--schedule", "/no/such/file.json", "sessions"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/no/such/file.json"), "{err}");

    let out = lineup(home.path())
        .args(["sessions", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_merges_pages_and_schedule_reads_it_back() {
    let home = tempfile::tempdir().unwrap();
    let merged = home.path().join("merged.json");
    lineup(home.path())
        .args(["import", "--tz", "America/Los_Angeles", "-o"])
        .arg(&merged)
        .arg(data(PAGE_DAY))
        .arg(data(PAGE_PICKS))
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&merged).unwrap(),
        lineup::native::PYCON_2012
    );
    let out = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(&merged)
            .arg("sessions"),
    );
    assert_eq!(out.lines().count(), 33);

    let only = stdout(lineup(home.path()).arg("import").arg(data(PAGE_PICKS)));
    let s = lineup::native::from_json(&only, "stdout").unwrap();
    assert_eq!(s.sessions.len(), 5);

    // A Lanyrd page can be used directly as a schedule, too.
    let out = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(data(PAGE_PICKS))
            .arg("sessions"),
    );
    assert_eq!(out.lines().count(), 5);
}

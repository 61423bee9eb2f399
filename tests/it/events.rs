//! The person's own events end to end: added, planned around, listed, exported, removed, in
//! the agenda file's version 2 (and version 1 again once none is left).

use std::path::Path;

use crate::util::{lineup, stdout};

const SECURITY: &str = "advanced-security-topics";
const JINJA: &str = "code-generation-in-python-dismantling-jinja";

fn agenda_file(home: &Path) -> serde_json::Value {
    let path = home.join("agenda.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn run(home: &Path, args: &[&str]) -> String {
    let agenda = home.join("agenda.json");
    stdout(
        lineup(home)
            .args(["--agenda", agenda.to_str().unwrap()])
            .args(args),
    )
}

#[test]
fn an_event_is_planned_around_listed_exported_and_removed() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["pick", SECURITY, JINJA]);
    assert_eq!(agenda_file(h)["version"], 1);
    // Lunch in E1 over both talks: the plan says so at once.
    let added = run(
        h,
        &[
            "event",
            "add",
            "Lunch with Ana",
            "fri",
            "13:30-14:30",
            "--place",
            "e1",
        ],
    );
    assert!(
        added.starts_with(
            "added: Lunch with Ana, Fri 9 Mar 13:30–14:30 at E1 (lunch-with-ana-0309-1330)"
        ),
        "{added}"
    );
    assert_eq!(added.matches("the plan leaves out").count(), 2, "{added}");
    assert!(
        added.contains("clashes with your event \"Lunch with Ana\""),
        "{added}"
    );
    let file = agenda_file(h);
    assert_eq!(file["version"], 2);
    assert_eq!(file["events"][0]["place"], "E1");
    let plan = run(h, &["plan"]);
    assert!(
        plan.contains("13:30–14:30  E1         mine  ◆ Lunch with Ana"),
        "{plan}"
    );
    assert!(
        plan.contains("dropped want \"Advanced Security Topics\": clashes with your event"),
        "{plan}"
    );
    // The free time is around it, not across it.
    assert!(!plan.contains("free 13:30"), "{plan}");
    let agenda = run(h, &["agenda"]);
    assert!(
        agenda.contains("13:30–14:30  E1  ◆ Lunch with Ana"),
        "{agenda}"
    );
    assert_eq!(run(h, &["event", "list"]).lines().count(), 1);
    // The calendar has it as an event of its own, read back by the icalendar crate.
    let ics = run(h, &["export", "--format", "ics"]);
    let cal: icalendar::Calendar = ics.parse().unwrap();
    let uids: Vec<String> = cal
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| icalendar::Component::get_uid(e).map(str::to_string))
        .collect();
    assert!(
        uids.contains(&"event-lunch-with-ana-0309-1330@pycon-us-2012.lineup".to_string()),
        "{uids:?}"
    );
    let md = run(h, &["export", "--format", "md"]);
    assert!(
        md.contains("| 13:30–14:30 | E1 | ◆ Lunch with Ana |  | my own |"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(h, &["export", "--format", "json"])).unwrap();
    assert_eq!(json["events"][0]["title"], "Lunch with Ana");
    // Removed by a piece of its title; the file is version 1 again.
    let removed = run(h, &["event", "remove", "ana"]);
    assert!(removed.starts_with("removed: Lunch with Ana"), "{removed}");
    assert_eq!(agenda_file(h)["version"], 1);
    assert!(run(h, &["plan"]).contains("Advanced Security Topics"));
}

#[test]
fn a_span_or_an_event_that_is_not_there_is_refused_with_a_sentence() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = h.join("agenda.json");
    let err = |args: &[&str]| {
        let out = lineup(h)
            .args(["--agenda", agenda.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(err(&["event", "add", "x", "fri", "14:00-13:00"]).contains("the end after the start"));
    assert!(err(&["event", "add", "x", "fri", "lunch"]).contains("like 12:30-13:30"));
    assert!(err(&["event", "add", "!!", "fri", "12:00-13:00"]).contains("no letter or digit"));
    assert!(err(&["event", "add", "x", "sun", "12:00-13:00"]).contains("no such day"));
    assert!(err(&["event", "remove", "nothing"]).contains("no event of yours"));
    // Nothing was written by the refusals.
    assert!(!agenda.exists());
}

/// An agenda of a newer version (a later lineup's, with what this one does not know) is
/// refused and never written over.
#[test]
fn a_newer_agenda_is_left_byte_for_byte() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = h.join("agenda.json");
    let text = r#"{"format":"lineup-agenda","version":3,"conference":{"id":"pycon-us-2012","title":"PyCon US 2012"},"picks":[],"reminders":[1]}"#;
    std::fs::write(&agenda, text).unwrap();
    let out = lineup(h)
        .args(["--agenda", agenda.to_str().unwrap()])
        .args(["event", "add", "Lunch", "fri", "12:00-13:00"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer than this lineup reads"));
    assert_eq!(std::fs::read_to_string(&agenda).unwrap(), text);
}

#[test]
fn now_and_next_count_your_own_events_as_talks_do() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run(h, &["pick", JINJA]);
    run(
        h,
        &[
            "event",
            "add",
            "Coffee",
            "fri",
            "13:30-13:50",
            "--place",
            "Lobby",
        ],
    );
    let next = run(
        h,
        &[
            "--now",
            "2012-03-09T13:00",
            "next",
            "--format",
            "{start} {room} {title}",
        ],
    );
    assert_eq!(next, "13:30 Lobby Coffee\n");
    let now = run(
        h,
        &["--now", "2012-03-09T13:40", "now", "--format", "{title}"],
    );
    assert_eq!(now, "Coffee\n");
    let next = run(
        h,
        &["--now", "2012-03-09T13:40", "next", "--format", "{title}"],
    );
    assert_eq!(next, "Code Generation in Python: Dismantling Jinja\n");
}

//! The plan from the command line: priorities, the best clash-free choice with reasons, walking
//! time between rooms, gaps and what fits them, JSON for scripts.

use crate::util::{lineup, stdout};

const SECURITY: &str = "advanced-security-topics";
const JINJA: &str = "code-generation-in-python-dismantling-jinja";
const CASSANDRA: &str = "apache-cassandra-and-python";
const INTERFACES: &str = "interfaces-and-python";

fn json(home: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(lineup(home).args(args))).unwrap()
}

#[test]
fn a_must_keeps_its_place_and_the_want_it_clashes_with_is_told_why() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let said = stdout(lineup(h).args(["pick", SECURITY, "--priority", "must"]));
    assert_eq!(
        said,
        "picked: Advanced Security Topics (advanced-security-topics), must\n"
    );
    stdout(lineup(h).args(["pick", JINJA]));
    let plan = stdout(lineup(h).args(["plan"]));
    assert!(
        plan.contains("  13:45–14:40  E1         must  Advanced Security Topics\n"),
        "{plan}"
    );
    assert!(
        plan.contains(
            "  dropped want \"Code Generation in Python: Dismantling Jinja\": clashes with must \"Advanced Security Topics\" (E1, 13:45–14:40) for 40 min\n"
        ),
        "{plan}"
    );
    let j = json(h, &["plan", "--json"]);
    let day = &j["days"][0];
    assert_eq!(day["date"], "2012-03-09");
    assert_eq!(day["chosen"][0]["id"], SECURITY);
    assert_eq!(day["chosen"][0]["priority"], "must");
    assert_eq!(day["dropped"][0]["id"], JINJA);
    assert_eq!(day["dropped"][0]["decide"], false);
    assert!(day["gaps"][0]["fits"].as_array().unwrap().len() > 3);
    assert_eq!(j["watch_later"], serde_json::json!([]));
    // Jinja raised to must too: two musts clash, a decision for the person.
    let said = stdout(lineup(h).args(["pick", JINJA, "--priority", "must"]));
    assert!(said.starts_with("priority set: "), "{said}");
    let j = json(h, &["plan", "--json"]);
    assert_eq!(j["days"][0]["dropped"][0]["decide"], true);
    assert!(stdout(lineup(h).args(["plan"])).contains("two musts: decide which"));
    // The agenda file keeps the level; a pick without one is a want.
    let agenda = std::fs::read_to_string(h.join("data/lineup/agendas/pycon-us-2012.json")).unwrap();
    assert_eq!(
        agenda.matches("\"priority\": \"must\"").count(),
        2,
        "{agenda}"
    );
}

#[test]
fn walking_time_parts_picks_in_different_rooms_only() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Jinja (E2 14:00–14:40) then Cassandra (E2 14:40): same room, no walk needed.
    stdout(lineup(h).args(["pick", JINJA, CASSANDRA]));
    let j = json(h, &["plan", "--walk", "5", "--json"]);
    assert_eq!(j["days"][0]["chosen"].as_array().unwrap().len(), 2, "{j}");
    // Jinja then Interfaces (E3 14:40): with 5 minutes to walk, not both.
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args(["pick", JINJA, INTERFACES]));
    let j = json(h, &["plan", "--walk", "5", "--json"]);
    let day = &j["days"][0];
    assert_eq!(day["chosen"].as_array().unwrap().len(), 1, "{j}");
    assert_eq!(
        day["dropped"][0]["reason"], "no time to walk from E2 (ends 14:40) to E3 (starts 14:40)",
        "{j}"
    );
    // Without walking time both fit, and the plan says where to go next.
    let j = json(h, &["plan", "--json"]);
    assert_eq!(j["days"][0]["chosen"].as_array().unwrap().len(), 2);
    let text = stdout(lineup(h).args(["plan"]));
    assert!(
        text.contains("then to E3 for 14:40 (0 min between)"),
        "{text}"
    );
}

#[test]
fn gaps_between_the_five_talks_of_the_second_page() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args([
        "pick",
        JINJA,
        CASSANDRA,
        "make-sure-your-programs-crash",
        "python-metaprogramming-for-mad-scientists-and-evil-geniuses",
        "introspecting-running-python-processes",
    ]));
    let gaps = stdout(lineup(h).args(["gaps"]));
    let lines: Vec<&str> = gaps.lines().collect();
    assert_eq!(lines[0], "Friday 9 March 2012");
    assert_eq!(lines[1], "  free 09:00–14:00 (5 h): 18 talks fit");
    // Plan first: titles sharing words with the picks ("Python" and the like) before the rest,
    // each group by start.
    assert_eq!(
        lines[2],
        // Rooms as wide as the widest in the gap, "(no room)".
        "    10:50–11:30  E1        PBS KIDS: Building a login system for kids and teens in Python"
    );
    assert_eq!(
        lines[3],
        "    10:50–11:30  E4        Graph Processing in Python"
    );
    let welcome = lines
        .iter()
        .position(|l| l.ends_with("Introduction and Welcome"))
        .unwrap();
    assert!(welcome > 3, "{gaps}");
    assert_eq!(
        lines.last().unwrap(),
        &"  free 15:50–16:25 (35 min): 0 talks fit"
    );
    // --min leaves out the shorter gap.
    let long = stdout(lineup(h).args(["gaps", "--min", "60"]));
    assert!(!long.contains("15:50"), "{long}");
    assert!(long.contains("free 09:00–14:00"));
}

#[test]
fn exporting_the_plan_leaves_out_and_cancels_what_it_drops_and_reminds() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args(["pick", SECURITY, "--priority", "must"]));
    stdout(lineup(h).args(["pick", JINJA, CASSANDRA]));
    let cal = h.join("cal.ics");
    let c = cal.to_str().unwrap();
    // The wishes: all three, Jinja among them.
    stdout(lineup(h).args(["export", "-o", c]));
    let wishes = std::fs::read_to_string(&cal).unwrap();
    assert_eq!(wishes.matches("BEGIN:VEVENT").count(), 3);
    // The plan: Jinja clashes with the must, so the calendar is told it is cancelled.
    stdout(lineup(h).args(["export", "--plan", "--alarm", "10m", "-o", c]));
    let plan = std::fs::read_to_string(&cal).unwrap();
    let events: Vec<&str> = plan.split("BEGIN:VEVENT").skip(1).collect();
    assert_eq!(events.len(), 3, "{plan}");
    let jinja = events.iter().find(|e| e.contains(JINJA)).unwrap();
    assert!(
        jinja.contains("STATUS:CANCELLED") && jinja.contains("SEQUENCE:1"),
        "{jinja}"
    );
    assert!(!jinja.contains("VALARM"), "{jinja}");
    let security = events.iter().find(|e| e.contains(SECURITY)).unwrap();
    assert!(security.contains("TRIGGER:-PT10M") && !security.contains("CANCELLED"));
    // The calendar crate reads it all.
    let _: icalendar::Calendar = plan.parse().unwrap();
    // Reminder times are checked.
    let out = lineup(h)
        .args(["export", "--alarm", "soon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10m, 1h or 90"));
    let ics = stdout(lineup(h).args(["export", "--alarm", "1h30m", "--format", "ics"]));
    assert!(ics.contains("TRIGGER:-PT90M"), "{ics}");
}

#[test]
fn a_recorded_pick_left_out_is_to_watch_later_in_the_plan_and_the_exports() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Security (recorded) and Jinja clash, both wants: the plan keeps Jinja, Security is
    // recorded and can be watched later.
    stdout(lineup(h).args(["pick", SECURITY, JINJA]));
    let j = json(h, &["plan", "--json"]);
    assert_eq!(j["days"][0]["chosen"][0]["id"], JINJA);
    assert_eq!(j["watch_later"][0]["id"], SECURITY);
    assert!(
        stdout(lineup(h).args(["plan"]))
            .contains("Watch later (recorded, left out):\n  \"Advanced Security Topics\"")
    );
    let export = json(h, &["export", "--format", "json"]);
    assert_eq!(export["watch_later"][0]["id"], SECURITY);
    let md = stdout(lineup(h).args(["export", "--format", "md"]));
    assert!(
        md.contains(
            "## Watch later\n\nRecorded, and left out of the plan:\n\n- Advanced Security Topics"
        ),
        "{md}"
    );
}

#[test]
fn with_partial_two_picks_that_overlap_a_little_are_both_kept() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = h.join("s.xml");
    std::fs::write(
        &file,
        "<?xml version=\"1.0\"?><schedule><conference><acronym>p1</acronym><title>P</title>\
         <time_zone_name>Europe/Brussels</time_zone_name></conference>\
         <day index=\"1\" date=\"2030-05-04\"><room name=\"Hall\">\
         <event id=\"a\"><date>2030-05-04T10:00:00+02:00</date><start>10:00</start>\
         <duration>01:00</duration><room>Hall</room><title>Long one</title></event></room>\
         <room name=\"Side\"><event id=\"b\"><date>2030-05-04T10:50:00+02:00</date>\
         <start>10:50</start><duration>00:30</duration><room>Side</room><title>Short one</title>\
         </event></room></day></schedule>",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    stdout(lineup(h).args(["--schedule", f, "pick", "a", "b"]));
    // Without --partial: the short one is left out, and the partial way is offered.
    let plan = stdout(lineup(h).args(["--schedule", f, "plan"]));
    assert!(
        plan.contains("dropped want \"Short one\": clashes with want \"Long one\" (Hall, 10:00–11:00) for 10 min (to see both: leave \"Long one\" 10 min early)"),
        "{plan}"
    );
    let j = json(h, &["--schedule", f, "plan", "--json"]);
    assert_eq!(
        j["days"][0]["dropped"][0]["partial"],
        "leave \"Long one\" 10 min early"
    );
    // With it: both, the long one left 10 minutes early.
    let plan = stdout(lineup(h).args(["--schedule", f, "plan", "--partial"]));
    assert!(
        plan.contains("leave 10 min early for \"Short one\" (Side, 10:50)"),
        "{plan}"
    );
    assert!(!plan.contains("dropped"), "{plan}");
}

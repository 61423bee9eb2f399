//! The agenda file under stress: kills mid-save, two copies at once, files lineup must not touch,
//! and the PyCon overlap cases.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use lineup::agenda::{Agenda, Overview};
use lineup::native::default_schedule;
use lineup::workspace::Store;

use crate::util::{lineup, stdout};

const SECURITY: &str = "advanced-security-topics";
const JINJA: &str = "code-generation-in-python-dismantling-jinja";
const CASSANDRA: &str = "apache-cassandra-and-python";
const SECOND_PAGE: [&str; 5] = [
    JINJA,
    CASSANDRA,
    "make-sure-your-programs-crash",
    "python-metaprogramming-for-mad-scientists-and-evil-geniuses",
    "introspecting-running-python-processes",
];

fn plan_of(ids: &[&str]) -> Overview {
    let schedule = default_schedule().unwrap();
    let mut agenda = Agenda::new((&schedule.conference).into());
    for id in ids {
        agenda.add(lineup::agenda::Pick::of(
            schedule.session(id).unwrap(),
            chrono::Utc::now(),
        ));
    }
    Overview::build(&schedule, &agenda, None)
}

#[test]
fn pycon_overlap_cases() {
    let p = plan_of(&[SECURITY, JINJA]);
    assert_eq!(p.clashes().count(), 1);
    assert_eq!(p.clashes().next().unwrap().minutes, 40);
    assert_eq!(plan_of(&[JINJA, CASSANDRA]).clash_count(), 0);
    let p = plan_of(&SECOND_PAGE);
    assert_eq!(p.clash_count(), 0);
    // 16:25–17:20 in E3, then 17:20 in E1: no time to walk.
    assert_eq!(p.room_changes.len(), 2);
}

fn ids_in(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let a = Agenda::from_json(&text, path).unwrap();
    a.picks().iter().map(|p| p.id.clone()).collect()
}

#[test]
fn pick_unpick_agenda_and_clashes_exit_status() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("my.json");
    let run = |args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--agenda").arg(&file).args(args);
        c
    };
    run(&["clashes"]).assert().code(0);
    stdout(&mut run(&["pick", SECURITY, JINJA]));
    let out = run(&["clashes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("40 min overlap") && text.contains("Advanced Security Topics"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&mut run(&["agenda", "--json"]))).unwrap();
    assert_eq!(json[0]["clashes"][0]["minutes"], 40);
    stdout(&mut run(&["unpick", SECURITY]));
    run(&["clashes"]).assert().code(0);
    assert_eq!(ids_in(&file), [JINJA]);
    // Nothing is saved when one id is unknown.
    run(&["pick", CASSANDRA, "nope"]).assert().code(2);
    assert_eq!(ids_in(&file), [JINJA]);
}

#[test]
fn default_location_is_per_conference_in_the_data_folder() {
    let home = tempfile::tempdir().unwrap();
    stdout(lineup(home.path()).args(["pick", JINJA]));
    let expected = home.path().join("data/lineup/agendas/pycon-us-2012.json");
    assert_eq!(ids_in(&expected), [JINJA]);
    // LINEUP_AGENDA overrides it.
    let other = home.path().join("env.json");
    stdout(
        lineup(home.path())
            .env("LINEUP_AGENDA", &other)
            .args(["pick", CASSANDRA]),
    );
    assert_eq!(ids_in(&other), [CASSANDRA]);
}

#[test]
fn bad_files_are_never_overwritten() {
    let home = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 6] = [
        ("corrupt", b"{\"format\": \"lineup-agenda\",\n  \"version\": 1,\n  oops }", ":3:3"),
        ("truncated", b"{\"format\": \"lineup-agenda\", \"version\": 1, \"conference\": {\"id\": \"pycon-us-2012\", \"ti", ":1:"),
        ("empty", b"", "empty"),
        ("future", b"{\"format\": \"lineup-agenda\", \"version\": 7, \"conference\": {\"id\": \"pycon-us-2012\", \"title\": \"x\"}, \"picks\": []}", "version 7 is newer"),
        ("foreign", b"{\"format\": \"something-else\"}", "not a lineup agenda"),
        ("binary", b"\xff\xfe\x00garbage", "not UTF-8"),
    ];
    for (name, bytes, says) in cases {
        let file = home.path().join(format!("{name}.json"));
        std::fs::write(&file, bytes).unwrap();
        let out = lineup(home.path())
            .arg("--agenda")
            .arg(&file)
            .args(["pick", JINJA])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(&file.display().to_string()), "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
        assert!(err.contains("move it aside"), "{name}: {err}");
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "{name} was touched");
    }
}

/// An agenda of `n` picks of sessions not in the schedule (kept, never dropped), so each save
/// writes a few hundred kilobytes and a kill often lands in the middle of one.
fn big_agenda(path: &Path, n: usize) {
    let schedule = default_schedule().unwrap();
    let mut store = Store::open(path.to_path_buf(), (&schedule.conference).into()).unwrap();
    let mut agenda = store.agenda().clone();
    let base = schedule.session(JINJA).unwrap();
    for i in 0..n {
        let mut s = base.clone();
        s.id = format!("gone-{i:05}").into();
        s.title = format!("A session that is no longer in the schedule, number {i}").into();
        agenda.add(lineup::agenda::Pick::of(&s, chrono::Utc::now()));
    }
    std::fs::write(path, agenda.to_json().unwrap()).unwrap();
    store.refresh().unwrap();
}

#[test]
fn killing_a_save_at_any_moment_leaves_old_or_new_file() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("big.json");
    big_agenda(&file, 2000);
    let bin = assert_cmd::cargo::cargo_bin("lineup");
    let mut torn = 0;
    for round in 0..40u64 {
        let verb = if round % 2 == 0 { "pick" } else { "unpick" };
        let mut child = Command::new(&bin)
            .env("HOME", home.path())
            .arg("--agenda")
            .arg(&file)
            .args([verb, JINJA])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(500 + (round * 997) % 9000));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever happened, the file parses and holds the 2,000 picks, with or without JINJA.
        let text = std::fs::read_to_string(&file).unwrap();
        match Agenda::from_json(&text, &file) {
            Ok(a) => {
                let n = a.picks().len();
                assert!(
                    n == 2000 || (n == 2001 && a.is_picked(JINJA)),
                    "round {round}: {n}"
                );
            }
            Err(e) => {
                torn += 1;
                eprintln!("round {round}: {e}");
            }
        }
    }
    assert_eq!(torn, 0);
    // No temp files are left behind that could be mistaken for an agenda.
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert_eq!(leftovers, ["big.json"]);
}

#[test]
fn copies_picking_at_the_same_time_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("shared.json");
    big_agenda(&file, 300);
    let schedule = default_schedule().unwrap();
    let ids: Vec<&str> = schedule
        .sessions
        .iter()
        .take(8)
        .map(|s| s.id.as_str())
        .collect();
    let bin = assert_cmd::cargo::cargo_bin("lineup");
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            Command::new(&bin)
                .env("HOME", home.path())
                .arg("--agenda")
                .arg(&file)
                .args(["pick", id])
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let saved = ids_in(&file);
    assert_eq!(saved.len(), 308);
    for id in ids {
        assert!(saved.iter().any(|s| s == id), "{id} was lost");
    }
}

#[test]
fn picks_of_vanished_and_moved_sessions_are_kept_and_flagged() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("a.json");
    let run = |schedule: Option<&Path>, args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--agenda").arg(&file);
        if let Some(s) = schedule {
            c.arg("--schedule").arg(s);
        }
        c.args(args);
        c
    };
    stdout(&mut run(None, &["pick", SECURITY, JINJA, CASSANDRA]));
    // A new version of the schedule: Jinja is gone, Cassandra moved to 15:00 in E4.
    let mut s = default_schedule().unwrap();
    s.sessions.retain(|x| x.id != JINJA);
    let c = s.sessions.iter_mut().find(|x| x.id == CASSANDRA).unwrap();
    c.start = c.start.plus_minutes(20);
    c.end = c.end.plus_minutes(20);
    c.room = Some("E4".into());
    let changed = home.path().join("changed.json");
    std::fs::write(&changed, lineup::native::to_json(&s).unwrap()).unwrap();

    let text = stdout(&mut run(Some(&changed), &["agenda"]));
    assert!(text.contains("? no longer in the schedule"), "{text}");
    assert!(
        text.contains("~ moved: was Fri 09 Mar 14:40–15:20 in E2"),
        "{text}"
    );
    assert!(text.contains("15:00–15:40  E4"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&mut run(Some(&changed), &["agenda", "--json"]))).unwrap();
    let states: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["current", "missing", "moved"]);
    // Saving through the changed schedule never drops the vanished pick.
    stdout(&mut run(Some(&changed), &["unpick", SECURITY]));
    assert_eq!(ids_in(&file), [JINJA, CASSANDRA]);
}

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

// ---- messages that say what is true (issue 10) ----

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs lineup; (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const JINJA: &str = "code-generation-in-python-dismantling-jinja";

#[test]
fn agenda_on_a_day_without_picks_says_how_many_are_on_other_days() {
    let home = tempfile::tempdir().unwrap();
    stdout(lineup(home.path()).args(["pick", JINJA, "advanced-security-topics"]));
    let out = stdout(lineup(home.path()).args(["agenda", "--day", "2012-03-10"]));
    assert_eq!(out, "No picks on Sat 10 Mar (2 on other days).\n");
}

#[test]
fn sessions_in_a_room_that_is_not_there_exits_2_naming_the_rooms() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(lineup(home.path()).args(["sessions", "--room", "E7"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("its rooms are E1, E2, E3, E4, D5"), "{err}");
    let out = stdout(lineup(home.path()).args(["sessions", "--room", "e2"]));
    assert_eq!(out.lines().count(), 5, "any case");
}

#[test]
fn unpick_of_what_is_not_picked_exits_2() {
    let home = tempfile::tempdir().unwrap();
    stdout(lineup(home.path()).args(["pick", JINJA]));
    let (code, _, err) =
        run(lineup(home.path()).args(["unpick", JINJA, "advanced-security-topics"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("`advanced-security-topics` is not picked"),
        "{err}"
    );
    let left = stdout(lineup(home.path()).args(["agenda", "--json"]));
    assert!(left.contains(JINJA), "nothing was unpicked: {left}");
}

#[test]
fn typos_in_ids_rooms_days_and_zones_name_the_closest() {
    let home = tempfile::tempdir().unwrap();
    for (args, says) in [
        (
            &["show", "advanced-securty-topics"][..],
            "did you mean `advanced-security-topics`",
        ),
        (
            &["pick", "code-generaton-in-python"][..],
            "did you mean `code-generation-in-python-dismantling-jinja`",
        ),
        (&["sessions", "--room", "E22"][..], "did you mean `E2`"),
        (
            &["sessions", "--day", "sunday"][..],
            "its days are Fri 9 Mar",
        ),
        (
            &["--tz", "Europe/Bruxelles", "sessions"][..],
            "did you mean `Europe/Brussels`",
        ),
    ] {
        let (code, _, err) = run(lineup(home.path()).args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn a_day_in_every_form_people_type() {
    let home = tempfile::tempdir().unwrap();
    for day in ["friday", "fri", "Fri", "9", "2012-03-09"] {
        let out = stdout(lineup(home.path()).args(["sessions", "--day", day]));
        assert_eq!(out.lines().count(), 33, "{day}");
    }
}

#[test]
fn a_bad_now_is_refused_the_same_way_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let mut said = Vec::new();
    for args in [
        &["--now", "tomorrow"][..],
        &["--now", "tomorrow", "sessions"],
        &["--now", "tomorrow", "agenda"],
    ] {
        let (code, _, err) = run(lineup(home.path()).args(args));
        assert_eq!(code, 2, "{args:?}");
        said.push(err);
    }
    assert!(
        said[0].starts_with("lineup: --now `tomorrow`: give a time like"),
        "{}",
        said[0]
    );
    assert!(said.iter().all(|e| *e == said[0]), "{said:?}");
}

#[test]
fn help_lists_every_format_and_every_command_the_options_of_every_command() {
    let home = tempfile::tempdir().unwrap();
    let help = stdout(lineup(home.path()).arg("--help"));
    for format in [
        "lineup JSON",
        "Pentabarf/frab XML",
        "frab/c3voc/pretalx JSON",
        "iCalendar",
        "Lanyrd",
    ] {
        assert!(help.contains(format), "{format}: {help}");
    }
    let import = stdout(lineup(home.path()).args(["import", "--help"]));
    assert!(
        import.contains("--tz") && import.contains("--format"),
        "{import}"
    );
    // Each command's help lists its own options, then the options of every command.
    for command in [
        "now",
        "next",
        "sessions",
        "refresh",
        "changes",
        "conferences",
        "import",
    ] {
        let help = stdout(lineup(home.path()).args([command, "--help"]));
        let global = help.find("Options of every command").unwrap();
        for option in ["--now", "--conference", "--agenda", "--schedule", "--tz"] {
            assert!(
                help[global..].contains(option),
                "{command}: {option}\n{help}"
            );
        }
    }
    let (code, _, err) = run(lineup(home.path()).args(["--agenda", "a.json", "import", "x.xml"]));
    assert_eq!(code, 2);
    assert!(err.contains("do nothing there"), "{err}");
}

#[test]
fn an_unrecognised_file_names_the_flag_that_applies() {
    let home = tempfile::tempdir().unwrap();
    let odd = home.path().join("odd.txt");
    std::fs::write(&odd, "hello\n").unwrap();
    let (_, _, err) = run(lineup(home.path())
        .arg("--schedule")
        .arg(&odd)
        .arg("sessions"));
    assert!(err.contains("pass --schedule-format"), "{err}");
    let (_, _, err) = run(lineup(home.path()).arg("import").arg(&odd));
    assert!(err.contains("pass --format"), "{err}");
}

#[test]
fn pick_and_unpick_by_a_piece_of_the_title() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(lineup(home.path()).args(["pick", "jinja"]));
    assert_eq!(
        out,
        format!("picked: Code Generation in Python: Dismantling Jinja ({JINJA})\n")
    );
    let (code, _, err) = run(lineup(home.path()).args(["pick", "testing"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("matches") && err.contains("Stop Mocking"),
        "{err}"
    );
    let out = stdout(lineup(home.path()).args(["unpick", "JINJA"]));
    assert!(out.starts_with("unpicked: Code Generation"), "{out}");
}

#[test]
fn sessions_marks_picks_and_fits_80_columns() {
    let home = tempfile::tempdir().unwrap();
    stdout(lineup(home.path()).args(["pick", JINJA]));
    let out = stdout(lineup(home.path()).arg("sessions"));
    for line in out.lines() {
        assert!(
            lineup::text::width(line) <= 80,
            "{} columns: {line}",
            lineup::text::width(line)
        );
    }
    let marked: Vec<&str> = out.lines().filter(|l| l.starts_with('★')).collect();
    assert_eq!(marked.len(), 1);
    assert!(marked[0].contains("Code Generation"), "{}", marked[0]);
    // The cut id shown can be typed.
    let shown = marked[0][3..].split_whitespace().next().unwrap();
    let show = stdout(lineup(home.path()).args(["show", shown]));
    assert!(show.starts_with("Code Generation"), "{shown}: {show}");
}

#[test]
fn a_missing_tz_does_not_flag_picks_as_moved() {
    let home = tempfile::tempdir().unwrap();
    let schedule = fixture("fosdem-old.xml");
    let with = |tz: Option<&str>, args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--schedule")
            .arg(&schedule)
            .args(["--agenda", "a.json"])
            .current_dir(home.path());
        if let Some(tz) = tz {
            c.args(["--tz", tz]);
        }
        c.args(args);
        c
    };
    stdout(&mut with(Some("Europe/Brussels"), &["pick", "1"]));
    let (code, out, err) = run(&mut with(None, &["agenda"]));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("moved"), "{out}");
    assert!(
        err.contains("read in Europe/Brussels, the zone your agenda was made with"),
        "{err}"
    );
    let again = stdout(&mut with(None, &["pick", "1"]));
    assert_eq!(again, "already picked: Welcome (1)\n");
}

#[test]
fn picking_a_moved_session_again_takes_its_new_time() {
    let home = tempfile::tempdir().unwrap();
    stdout(
        lineup(home.path())
            .args(["--agenda", "a.json", "pick", JINJA])
            .current_dir(home.path()),
    );
    let mut s = lineup::native::default_schedule().unwrap();
    let j = s.sessions.iter_mut().find(|x| x.id == JINJA).unwrap();
    j.start = j.start.plus_minutes(60);
    j.end = j.end.plus_minutes(60);
    let moved = home.path().join("moved.json");
    std::fs::write(&moved, lineup::native::to_json(&s).unwrap()).unwrap();
    let cmd = |args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--schedule")
            .arg(&moved)
            .args(["--agenda", "a.json"])
            .current_dir(home.path())
            .args(args);
        c
    };
    assert!(stdout(&mut cmd(&["agenda"])).contains("~ moved: was Fri 09 Mar 14:00–14:40"));
    let out = stdout(&mut cmd(&["pick", JINJA]));
    assert!(out.starts_with("moved, now updated:"), "{out}");
    let agenda = stdout(&mut cmd(&["agenda"]));
    assert!(
        !agenda.contains("moved") && agenda.contains("15:00–15:40"),
        "{agenda}"
    );
}

#[test]
fn plenaries_and_roomless_talks_read_the_same_in_every_output() {
    let home = tempfile::tempdir().unwrap();
    let welcome = "introduction-and-welcome";
    let pdb = "introduction-to-pdb";
    stdout(lineup(home.path()).args(["pick", welcome, pdb]));
    let sessions = stdout(lineup(home.path()).arg("sessions"));
    let agenda = stdout(lineup(home.path()).arg("agenda"));
    let md = stdout(lineup(home.path()).args(["export", "--format", "md"]));
    let txt = stdout(lineup(home.path()).args(["export", "--format", "txt"]));
    for out in [&sessions, &agenda, &md, &txt] {
        assert!(
            out.contains("all rooms") && out.contains("no room"),
            "{out}"
        );
    }
    let show = stdout(lineup(home.path()).args(["show", welcome]));
    assert!(show.contains("Where:    all rooms"), "{show}");
    let show = stdout(lineup(home.path()).args(["show", pdb]));
    assert!(show.contains("Where:    no room"), "{show}");
}

#[test]
fn sessions_type_lists_one_kind_and_names_the_kinds_when_it_finds_none() {
    let h = tempfile::tempdir().unwrap();
    let frab = fixture("frab.xml");
    let frab = frab.to_str().unwrap();
    let out =
        stdout(lineup(h.path()).args(["sessions", "--schedule", frab, "--type", "LECT", "--json"]));
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(list.len(), 2, "{out}");
    assert!(list.iter().all(|s| s["type"] == "lecture"), "{out}");
    let (code, _, err) =
        run(lineup(h.path()).args(["sessions", "--schedule", frab, "--type", "film"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("no kind of session") && err.contains("keynote, lecture"),
        "{err}"
    );
    let (code, _, err) = run(lineup(h.path()).args(["sessions", "--type", "talk"]));
    assert_eq!(code, 2);
    assert!(err.contains("says of no session what kind it is"), "{err}");
}

#[test]
fn export_all_type_holds_only_that_kind() {
    let h = tempfile::tempdir().unwrap();
    let frab = fixture("frab.xml");
    let out = stdout(lineup(h.path()).args([
        "export",
        "--all",
        "--type",
        "keynote",
        "--format",
        "ics",
        "--schedule",
        frab.to_str().unwrap(),
    ]));
    assert_eq!(out.matches("BEGIN:VEVENT").count(), 1, "{out}");
}

//! The config file and the display zone through the real binary: a bad file is one sentence and
//! the defaults; the settings reach the commands; times shown in another zone keep their
//! instants in every export.

use crate::util::{lineup, stdout};

fn write_config(home: &std::path::Path, text: &str) {
    let dir = home.join("config/lineup");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), text).unwrap();
}

#[test]
fn a_bad_config_is_one_sentence_and_the_defaults() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        "[grid]\ndisplay_tz = \"Asia/Tokyo\"\n[colours]\npicked = \"greeen\"\n",
    );
    let out = lineup(home.path())
        .args(["config", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("config.toml:4") && err.contains("#rrggbb"),
        "{err}"
    );
    // Commands still run, with the defaults (venue times, not Tokyo's), and say why once.
    let out = lineup(home.path()).arg("sessions").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().next().unwrap().contains("09:00–09:10"),
        "{text}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("greeen").count(), 1, "{err}");
}

#[test]
fn the_config_sets_the_display_zone_and_the_walk_and_flags_win() {
    let home = tempfile::tempdir().unwrap();
    write_config(
        home.path(),
        "[grid]\ndisplay_tz = \"Asia/Tokyo\"\nwalk = 5\n",
    );
    let said = stdout(lineup(home.path()).args(["config", "--check"]));
    assert!(
        said.contains("walk 5 min") && said.contains("Asia/Tokyo"),
        "{said}"
    );
    let tokyo = stdout(lineup(home.path()).arg("sessions"));
    assert!(
        tokyo.lines().next().unwrap().contains("02:00–02:10"),
        "{tokyo}"
    );
    let venue = stdout(lineup(home.path()).args(["sessions", "--display-tz", "venue"]));
    assert!(
        venue.lines().next().unwrap().contains("09:00–09:10"),
        "{venue}"
    );
    // The walk reaches the plan: back-to-back picks in two rooms no longer both fit.
    stdout(lineup(home.path()).args([
        "pick",
        "pbs-kids-building-a-login-system-for-kids",
        "extracting-musical-information-from-sound",
    ]));
    let plan = stdout(lineup(home.path()).args(["plan", "--display-tz", "venue"]));
    let zero = stdout(lineup(home.path()).args(["plan", "--walk", "0", "--display-tz", "venue"]));
    assert!(plan.contains("no time to walk from E1"), "{plan}");
    assert!(!zero.contains("no time to walk"), "{zero}");
}

#[test]
fn exports_keep_their_instants_in_any_display_zone_and_text_says_the_zone() {
    let home = tempfile::tempdir().unwrap();
    let export = |zone: &str, format: &str| {
        stdout(lineup(home.path()).args([
            "export",
            "--all",
            "--format",
            format,
            "--display-tz",
            zone,
        ]))
    };
    let no_stamp = |ics: String| {
        ics.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let venue = no_stamp(export("venue", "ics"));
    assert_eq!(venue, no_stamp(export("Asia/Tokyo", "ics")));
    assert_eq!(venue, no_stamp(export("America/New_York", "ics")));
    assert!(
        venue.contains("DTSTART:20120309T170000Z"),
        "09:00 PST is 17:00 UTC"
    );
    let md = export("Asia/Tokyo", "md");
    assert!(md.contains("Times are in Asia/Tokyo."), "{}", &md[..200]);
    let txt = export("America/New_York", "txt");
    assert!(
        txt.lines()
            .next()
            .unwrap()
            .contains("times in America/New_York"),
        "{txt}"
    );
    assert!(
        txt.contains("12:00"),
        "09:00 in Santa Clara is 12:00 in New York"
    );
    // Floating times cannot move: said once, shown as written.
    let floating = home.path().join("f.ics");
    std::fs::write(
        &floating,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Talk\r\nDTSTART:20200101T100000\r\nDTEND:20200101T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let out = lineup(home.path())
        .args(["sessions", "--display-tz", "Asia/Tokyo", "--schedule"])
        .arg(&floating)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("10:00–11:00")
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("shown as written")
    );
}

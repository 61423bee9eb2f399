//! One test per bug fixed, each named for what it guards. Most drive the real binary the way
//! the bug was first seen.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lineup::agenda::{Agenda, Overview};
use lineup::import::{self, Options};

use crate::util::{lineup, stdout};

const JINJA: &str = "code-generation-in-python-dismantling-jinja";
const SECURITY: &str = "advanced-security-topics";

/// Runs lineup and returns (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_no_escapes(stderr: &str) {
    assert!(
        !stderr
            .chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
        "control characters reached stderr: {stderr:?}"
    );
}

/// A frab XML schedule of one event; `zone` and `title` go in as they are (hostile ones too).
fn xml_with(zone: &str, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<schedule><conference><title>X</title><time_zone_name>{zone}</time_zone_name></conference>\
         <day date=\"2020-01-01\"><room name=\"A\"><event id=\"1\"><start>10:00</start><duration>00:30</duration>\
         <title>{title}</title></event></room></day></schedule>\n"
    )
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

// ---- escape codes through messages ----

#[test]
fn osc52_in_a_time_zone_name_is_shown_escaped_not_sent() {
    let home = tempfile::tempdir().unwrap();
    let f = write(
        home.path(),
        "osc.xml",
        xml_with("\u{1b}]52;c;aGVsbG8=\u{7}Evil", "T"),
    );
    let (code, _, err) = run(lineup(home.path())
        .arg("--schedule")
        .arg(&f)
        .arg("sessions"));
    assert_eq!(code, 0);
    assert_no_escapes(&err);
    assert!(err.contains("\\u{1b}]52;c;aGVsbG8=\\u{7}Evil"), "{err}");
}

#[test]
fn a_window_title_sequence_in_another_agendas_title_is_not_sent() {
    let home = tempfile::tempdir().unwrap();
    let agenda = write(
        home.path(),
        "other.json",
        "{\"format\":\"lineup-agenda\",\"version\":1,\"conference\":{\"id\":\"other\",\"title\":\"\\u001b]0;pwned\\u0007\"},\"picks\":[]}",
    );
    let (code, _, err) = run(lineup(home.path())
        .arg("--agenda")
        .arg(&agenda)
        .args(["pick", JINJA]));
    assert_eq!(code, 2);
    assert_no_escapes(&err);
    assert!(err.contains("this agenda is for"), "{err}");
}

#[test]
fn one_mismatched_closing_tag_gives_a_short_message() {
    let home = tempfile::tempdir().unwrap();
    let f = write(
        home.path(),
        "big.xml",
        format!(
            "<?xml version=\"1.0\"?>\n<schedule>\n<a>x</{}>\n</schedule>",
            "b".repeat(1_000_000)
        ),
    );
    let (code, _, err) = run(lineup(home.path())
        .arg("--schedule")
        .arg(&f)
        .arg("sessions"));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.len() < 400, "{} bytes", err.len());
}

#[test]
fn a_huge_value_in_a_serde_message_is_cut() {
    let home = tempfile::tempdir().unwrap();
    // A number where the schedule wants a list of sessions, after a 300 KB title.
    let f = write(
        home.path(),
        "x.json",
        format!(
            "{{\"format\":\"lineup-schedule\",\"version\":1,\"conference\":{{\"id\":\"x\",\"title\":\"{}\"}},\"sessions\":\"{}\"}}",
            "t".repeat(300_000),
            "s".repeat(300_000)
        ),
    );
    let (code, _, err) = run(lineup(home.path())
        .arg("--schedule")
        .arg(&f)
        .arg("sessions"));
    assert_eq!(code, 2);
    assert!(err.len() < 400, "{} bytes: {}", err.len(), &err[..200]);
}

#[test]
fn control_characters_in_an_agenda_never_reach_an_ics_uid() {
    let home = tempfile::tempdir().unwrap();
    let agenda = write(
        home.path(),
        "a.json",
        "{\"format\":\"lineup-agenda\",\"version\":1,\"conference\":{\"id\":\"pycon-us-2012\",\"title\":\"PyCon US 2012\"},\
         \"picks\":[{\"id\":\"gone\\u001b[2J\\r\\nX-EVIL:1\",\"title\":\"Gone \\u0007\",\"start\":\"2012-03-09T14:00:00-08:00\",\
         \"end\":\"2012-03-09T14:40:00-08:00\",\"room\":\"E9\",\"picked_at\":\"2026-01-01T00:00:00Z\"}]}",
    );
    let ics = stdout(
        lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .args(["export", "--format", "ics"]),
    );
    for line in ics.split("\r\n") {
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(!line.starts_with("X-EVIL"), "{ics}");
    }
    assert!(
        ics.contains("UID:gone [2J X-EVIL:1@pycon-us-2012.lineup"),
        "{ics}"
    );
}

#[test]
fn zero_width_characters_leave_ids_so_a_shown_id_can_be_typed() {
    let home = tempfile::tempdir().unwrap();
    let f = write(
        home.path(),
        "zw.xml",
        xml_with("Europe/Berlin", "Zero\u{200b}width talk")
            .replace("event id=\"1\"", "event id=\"jin\u{200b}ja\u{feff}\""),
    );
    let listed = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(&f)
            .arg("sessions"),
    );
    assert!(
        listed.trim_start().starts_with("jinja ") && listed.contains("Zerowidth talk"),
        "{listed:?}"
    );
    let picked = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(&f)
            .args(["--agenda", "a.json"])
            .current_dir(home.path())
            .args(["pick", "jinja"]),
    );
    assert!(picked.starts_with("picked:"), "{picked}");
}

// ---- never lose a pick to a file operation ----

fn agenda_with_a_pick(home: &Path) -> PathBuf {
    let agenda = home.join("agenda.json");
    stdout(
        lineup(home)
            .arg("--agenda")
            .arg(&agenda)
            .args(["pick", JINJA, SECURITY]),
    );
    agenda
}

#[test]
fn export_onto_the_agenda_in_use_is_refused_also_through_a_symlink() {
    let home = tempfile::tempdir().unwrap();
    let agenda = agenda_with_a_pick(home.path());
    let before = fs::read(&agenda).unwrap();
    let (code, _, err) = run(lineup(home.path())
        .arg("--agenda")
        .arg(&agenda)
        .args(["export", "--format", "json", "-o"])
        .arg(&agenda));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1);
    assert!(
        err.contains("refusing to write") && err.contains("picks"),
        "{err}"
    );
    #[cfg(unix)]
    {
        let link = home.path().join("link.json");
        std::os::unix::fs::symlink(&agenda, &link).unwrap();
        let (code, _, _) = run(lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .args(["export", "-o"])
            .arg(&link));
        assert_eq!(code, 2);
    }
    assert_eq!(fs::read(&agenda).unwrap(), before);
}

#[test]
fn import_onto_its_own_input_or_the_schedule_in_use_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let input = write(home.path(), "in.xml", xml_with("Europe/Berlin", "T"));
    let before = fs::read(&input).unwrap();
    let (code, _, err) = run(lineup(home.path())
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&input));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing to write"), "{err}");
    assert_eq!(fs::read(&input).unwrap(), before);
}

#[test]
fn the_tui_export_asks_before_replacing_a_file() {
    use lineup::tui::{Action, App, Command, Effect, Mode, update};
    let schedule = lineup::native::default_schedule().unwrap();
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = App::new(schedule, agenda, chrono::Utc::now());
    update(&mut app, Action::Do(Command::StartExport));
    let fx = update(&mut app, Action::Do(Command::Submit));
    assert!(
        matches!(&fx[..], [Effect::Export { replace: false, .. }]),
        "{fx:?}"
    );
    // The edge finds the file there and asks.
    update(&mut app, Action::AskReplace("~/x.ics".into()));
    assert_eq!(
        app.mode,
        Mode::ConfirmReplace {
            path: "~/x.ics".into()
        }
    );
    // "n" goes back to the name; "y" replaces.
    update(&mut app, Action::Do(Command::Close));
    assert_eq!(
        app.mode,
        Mode::Export {
            path: "~/x.ics".into()
        }
    );
    update(&mut app, Action::AskReplace("~/x.ics".into()));
    let fx = update(&mut app, Action::Do(Command::Confirm));
    assert_eq!(
        fx,
        [Effect::Export {
            path: "~/x.ics".into(),
            replace: true,
            plan: false,
        }]
    );
}

#[cfg(unix)]
mod files {
    use std::os::unix::fs::{PermissionsExt, symlink};

    use super::*;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_symlinked_agenda_stays_a_symlink() {
        let home = tempfile::tempdir().unwrap();
        let real = agenda_with_a_pick(home.path());
        let link = home.path().join("link.json");
        symlink(&real, &link).unwrap();
        stdout(
            lineup(home.path())
                .arg("--agenda")
                .arg(&link)
                .args(["unpick", JINJA]),
        );
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let text = fs::read_to_string(&real).unwrap();
        assert!(!text.contains(JINJA) && text.contains(SECURITY), "{text}");
    }

    #[test]
    fn saving_keeps_the_agendas_permission_bits() {
        let home = tempfile::tempdir().unwrap();
        let agenda = agenda_with_a_pick(home.path());
        for bits in [0o644, 0o600, 0o664] {
            fs::set_permissions(&agenda, fs::Permissions::from_mode(bits)).unwrap();
            stdout(
                lineup(home.path())
                    .arg("--agenda")
                    .arg(&agenda)
                    .args(["unpick", JINJA]),
            );
            stdout(
                lineup(home.path())
                    .arg("--agenda")
                    .arg(&agenda)
                    .args(["pick", JINJA]),
            );
            assert_eq!(mode(&agenda), bits);
        }
    }

    #[test]
    fn a_read_only_agenda_is_not_replaced() {
        let home = tempfile::tempdir().unwrap();
        let agenda = agenda_with_a_pick(home.path());
        fs::set_permissions(&agenda, fs::Permissions::from_mode(0o444)).unwrap();
        let before = fs::read(&agenda).unwrap();
        let (code, _, err) = run(lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .args(["unpick", JINJA]));
        assert_eq!(code, 2);
        assert_eq!(err.lines().count(), 1);
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(fs::read(&agenda).unwrap(), before);
    }

    #[test]
    fn new_agendas_and_exports_get_the_umasks_mode() {
        let home = tempfile::tempdir().unwrap();
        let bin = assert_cmd::cargo::cargo_bin("lineup");
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask 027 && '{bin}' --agenda a.json pick {JINJA} && '{bin}' --agenda a.json export -o out.ics",
                bin = bin.display()
            ))
            .current_dir(home.path())
            .env("HOME", home.path())
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
        assert_eq!(mode(&home.path().join("a.json")), 0o640);
        assert_eq!(mode(&home.path().join("out.ics")), 0o640);
    }

    #[test]
    fn a_fifo_a_device_and_a_folder_are_refused_at_once() {
        let home = tempfile::tempdir().unwrap();
        let fifo = home.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        for path in [
            fifo.as_path(),
            Path::new("/dev/zero"),
            Path::new("/dev/urandom"),
            home.path(),
        ] {
            let started = Instant::now();
            let (code, _, err) = run(lineup(home.path())
                .arg("--schedule")
                .arg(path)
                .arg("sessions"));
            assert_eq!(code, 2, "{}", path.display());
            assert!(err.contains("not a regular file"), "{err}");
            assert!(started.elapsed() < Duration::from_secs(10));
        }
        let (code, _, err) = run(lineup(home.path())
            .arg("--agenda")
            .arg(&fifo)
            .args(["pick", JINJA]));
        assert_eq!(code, 2);
        assert!(err.contains("not a regular file"), "{err}");
    }
}

#[test]
fn a_schedule_over_the_size_limit_is_refused_without_reading_it() {
    let home = tempfile::tempdir().unwrap();
    let big = home.path().join("big.xml");
    // Sparse: no disk space used, but its size is over the limit.
    fs::File::create(&big)
        .unwrap()
        .set_len(lineup::workspace::files::MAX_INPUT_BYTES + 1)
        .unwrap();
    let (code, _, err) = run(lineup(home.path())
        .arg("--schedule")
        .arg(&big)
        .arg("sessions"));
    assert_eq!(code, 2);
    assert!(
        err.contains("is 513 MiB, more than the 512 MiB lineup reads"),
        "{err}"
    );
}

#[test]
fn a_held_lock_fails_in_seconds_naming_the_lock_file() {
    let home = tempfile::tempdir().unwrap();
    let agenda = agenda_with_a_pick(home.path());
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(home.path().join("agenda.json.lock"))
        .unwrap();
    lock.lock().unwrap();
    let started = Instant::now();
    let (code, _, err) = run(lineup(home.path())
        .arg("--agenda")
        .arg(&agenda)
        .args(["unpick", JINJA]));
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(code, 2);
    assert!(
        err.contains("waiting for") && err.contains("agenda.json.lock"),
        "{err}"
    );
    assert!(err.lines().last().unwrap().contains("has held"), "{err}");
    lock.unlock().unwrap();
    stdout(
        lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .args(["unpick", JINJA]),
    );
}

#[test]
fn the_next_save_removes_what_a_killed_save_left() {
    let home = tempfile::tempdir().unwrap();
    let agenda = agenda_with_a_pick(home.path());
    let litter = write(home.path(), ".agenda.json.lineup-Ab12Cd.tmp", "{\"half\": ");
    let other = write(home.path(), ".other.json.lineup-Ab12Cd.tmp", "not ours");
    stdout(
        lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .args(["unpick", JINJA]),
    );
    assert!(!litter.exists());
    assert!(other.exists(), "another file's temp is left alone");
}

// ---- input cut short or slightly off ----

#[test]
fn a_truncated_schedule_ends_early_in_every_format() {
    for (name, text) in [
        (
            "cut.xml",
            "<?xml version=\"1.0\"?>\n<schedule><day date=\"2020-01-01\"><room name=\"A\"><event id=\"1\"><start>10:00</start><duration>00:30</duration><title>T</title></event>\n",
        ),
        (
            "cut.json",
            "{\"schedule\": {\"conference\": {\"title\": \"X\", \"days\": [{\"date\": \"2020-01-01\", \"rooms\": {\"A\": [{\"id\": 1, \"start\": \"10:00\"",
        ),
        (
            "cut.ics",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20200101T100000Z\r\nSUMMARY:T\r\nEND:VEVENT\r\n",
        ),
    ] {
        let e = import::read_bytes(text.as_bytes(), name, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the file ends early (downloaded only in part?)"),
            "{name}: {e}"
        );
    }
}

#[test]
fn icalendar_folded_inside_a_character_reads() {
    let mut bytes = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20200101T100000Z\r\nDTEND:20200101T110000Z\r\nSUMMARY:Caf\xc3".to_vec();
    bytes.extend(b"\r\n \xa9 talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let s = import::read_bytes(&bytes, "fold.ics", &Options::default())
        .unwrap()
        .schedule;
    assert_eq!(s.sessions[0].title, "Café talk");
}

#[test]
fn a_cr_only_icalendar_file_reads() {
    let text = "BEGIN:VCALENDAR\rBEGIN:VEVENT\rUID:1\rDTSTART:20200101T100000Z\rDTEND:20200101T110000Z\rSUMMARY:Old Mac\rEND:VEVENT\rEND:VCALENDAR\r";
    let s = import::read_bytes(text.as_bytes(), "cr.ics", &Options::default())
        .unwrap()
        .schedule;
    assert_eq!(s.sessions[0].title, "Old Mac");
}

#[test]
fn c3voc_links_as_plain_url_strings_read() {
    let text = r#"{"schedule": {"conference": {"title": "Merged", "time_zone_name": "Europe/Berlin", "days": [
      {"date": "2020-01-01", "rooms": {"A": [
        {"id": 1, "start": "10:00", "duration": "00:30", "title": "Strings", "links": ["https://example.org/video"]},
        {"id": 2, "start": "11:00", "duration": "00:30", "title": "Objects", "links": [{"url": "https://x", "title": "Video"}]}
      ]}}]}}}"#;
    let s = import::read_bytes(text.as_bytes(), "merged.json", &Options::default())
        .unwrap()
        .schedule;
    assert_eq!(s.sessions.len(), 2);
    assert!(
        s.sessions[1].recorded == Some(true),
        "a link titled Video marks it recorded"
    );
}

#[test]
fn wafer_days_listed_in_utc_are_the_venues_days() {
    // DebConf 23 (Kochi, +05:30): wafer lists <day date> and <date> in UTC, <start> in venue time.
    let text = "<?xml version=\"1.0\"?><schedule><conference><title>DebConf 23</title><time_zone_name>Asia/Kolkata</time_zone_name></conference>\
        <day index=\"1\" date=\"2023-09-09\" start=\"2023-09-09T18:30:00+00:00\"><room name=\"Anamudi\">\
        <event id=\"1\"><date>2023-09-10T04:30:00+00:00</date><start>10:00</start><duration>00:45</duration><title>Sunday talk</title></event>\
        </room></day></schedule>";
    let s = import::read_bytes(text.as_bytes(), "dc23.xml", &Options::default())
        .unwrap()
        .schedule;
    assert_eq!(s.sessions[0].day.to_string(), "2023-09-10");
    assert_eq!(
        s.sessions[0].start.to_rfc3339(),
        "2023-09-10T10:00:00+05:30"
    );
}

#[test]
fn a_bom_before_a_json_schedule_or_agenda_is_skipped() {
    let home = tempfile::tempdir().unwrap();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(lineup::native::PYCON_2012.as_bytes());
    let schedule = write(home.path(), "bom.json", &bytes);
    assert_eq!(
        stdout(
            lineup(home.path())
                .arg("--schedule")
                .arg(&schedule)
                .arg("sessions")
        )
        .lines()
        .count(),
        33
    );
    let agenda = agenda_with_a_pick(home.path());
    let mut with_bom = b"\xef\xbb\xbf".to_vec();
    with_bom.extend(fs::read(&agenda).unwrap());
    fs::write(&agenda, with_bom).unwrap();
    let out = stdout(
        lineup(home.path())
            .arg("--agenda")
            .arg(&agenda)
            .arg("agenda"),
    );
    assert!(out.contains("2 picks"), "{out}");
}

#[test]
fn an_event_in_a_daylight_saving_gap_moves_forward_with_a_warning() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Europe/Berlin:20200329T023000\r\nDTEND;TZID=Europe/Berlin:20200329T033000\r\nSUMMARY:Gap\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nDTSTART;TZID=Europe/Berlin:20200329T100000\r\nDTEND;TZID=Europe/Berlin:20200329T110000\r\nSUMMARY:Fine\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let i = import::read_bytes(text.as_bytes(), "gap.ics", &Options::default()).unwrap();
    assert_eq!(
        i.schedule.sessions.len(),
        2,
        "the file is read, not refused"
    );
    assert_eq!(
        i.schedule.sessions[0].start.to_rfc3339(),
        "2020-03-29T03:30:00+02:00"
    );
    assert!(
        i.warnings
            .iter()
            .map(ToString::to_string)
            .any(|w| w.contains("\"Gap\"") && w.contains("daylight-saving")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn dtend_before_dtstart_a_99_99_duration_and_year_0_warn_naming_the_session() {
    let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20200101T110000Z\r\nDTEND:20200101T100000Z\r\nSUMMARY:Backwards\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nDTSTART:00000101T100000Z\r\nDTEND:00000101T110000Z\r\nSUMMARY:Ancient\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let i = import::read_bytes(ics.as_bytes(), "odd.ics", &Options::default()).unwrap();
    let w = i
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        w.contains("\"Backwards\" ends") && w.contains("before it starts"),
        "{w}"
    );
    assert!(w.contains("\"Ancient\" is dated 0000-01-01"), "{w}");
    let xml = xml_with("Europe/Berlin", "Odd length").replace("00:30", "99:99");
    let i = import::read_bytes(xml.as_bytes(), "odd.xml", &Options::default()).unwrap();
    assert!(
        i.warnings
            .iter()
            .map(ToString::to_string)
            .any(|w| w.contains("\"Odd length\": duration `99:99`")),
        "{:?}",
        i.warnings
    );
}

// ---- nothing quadratic ----

#[test]
fn twenty_thousand_events_sharing_one_id_are_renamed_with_four_warning_lines() {
    let events: String = (0..20_000)
        .map(|i| format!("<event id=\"same\"><start>10:00</start><duration>00:30</duration><room>R{i}</room><title>T{i}</title></event>"))
        .collect();
    let text = format!(
        "<?xml version=\"1.0\"?><schedule><conference><title>Dup</title><time_zone_name>Europe/Berlin</time_zone_name></conference><day date=\"2020-01-01\"><room name=\"R\">{events}</room></day></schedule>"
    );
    let i = import::read_bytes(text.as_bytes(), "dup.xml", &Options::default()).unwrap();
    let ids: std::collections::HashSet<&str> =
        i.schedule.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), 20_000);
    assert!(ids.contains("same") && ids.contains("same-20000"));
    assert_eq!(i.warnings.len(), 4, "{:?}", &i.warnings);
    assert_eq!(i.warnings[3].to_string(), "and 19996 more like these");
}

#[test]
fn many_picks_at_one_moment_give_a_bounded_report_and_every_pair_in_json() {
    let home = tempfile::tempdir().unwrap();
    let n = 300;
    let rooms: String = (0..n)
        .map(|i| format!("<room name=\"R{i}\"><event id=\"e{i}\"><start>10:00</start><duration>00:40</duration><title>Same time {i}</title></event></room>"))
        .collect();
    let schedule = write(
        home.path(),
        "same.xml",
        format!(
            "<?xml version=\"1.0\"?><schedule><conference><title>Same</title><time_zone_name>Europe/Berlin</time_zone_name></conference><day date=\"2020-01-01\">{rooms}</day></schedule>"
        ),
    );
    let cmd = |args: &[&str]| {
        let mut c = lineup(home.path());
        c.arg("--schedule")
            .arg(&schedule)
            .args(["--agenda", "a.json"])
            .current_dir(home.path())
            .args(args);
        c
    };
    let ids: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
    stdout(cmd(&["pick"]).args(&ids));
    let agenda = stdout(&mut cmd(&["agenda"]));
    // A title line and at most four notes a pick, however many it clashes with.
    assert!(
        agenda.lines().count() < 6 * n,
        "{} lines",
        agenda.lines().count()
    );
    assert!(agenda.contains("and 296 more clashes"), "{agenda}");
    let (code, text, _) = run(&mut cmd(&["clashes"]));
    assert_eq!(code, 1);
    assert_eq!(
        text.lines().count(),
        2,
        "one line for the group and the total:\n{text}"
    );
    assert!(text.contains("300 picks clash"), "{text}");
    let (_, json, _) = run(&mut cmd(&["clashes", "--json"]));
    let pairs: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(pairs.as_array().unwrap().len(), n * (n - 1) / 2);
}

#[test]
fn reading_an_agenda_of_many_picks_keeps_every_pick() {
    let schedule = lineup::native::default_schedule().unwrap();
    let base = schedule.session(JINJA).unwrap();
    let picks = (0..20_000).map(|i| {
        let mut s = base.clone();
        s.id = format!("p{i:05}").into();
        s.start = s.start.plus_minutes(i % 500);
        lineup::agenda::Pick::of(&s, chrono::Utc::now())
    });
    let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
    let text = agenda.to_json().unwrap();
    let back = Agenda::from_json(&text, Path::new("a.json")).unwrap();
    assert_eq!(back.len(), 20_000);
    assert_eq!(back, agenda);
    let plan = Overview::build(&schedule, &back, None);
    assert_eq!(plan.picks.len(), 20_000);
}

#[test]
fn merging_two_big_imports_keeps_exact_duplicates_once() {
    let make = |extra: &str| {
        let events: String = (0..5_000)
            .map(|i| format!("<event id=\"{i}\"><start>10:00</start><duration>00:30</duration><room>R{i}</room><title>T{i}{extra}</title></event>"))
            .collect();
        let text = format!(
            "<?xml version=\"1.0\"?><schedule><conference><title>M</title><time_zone_name>Europe/Berlin</time_zone_name></conference><day date=\"2020-01-01\"><room name=\"R\">{events}</room></day></schedule>"
        );
        import::read_bytes(text.as_bytes(), "m.xml", &Options::default())
            .unwrap()
            .schedule
    };
    let (merged, _) = import::merge(vec![make(""), make(""), make(" (changed)")]).unwrap();
    assert_eq!(
        merged.sessions.len(),
        10_000,
        "the same file twice counts once; changed content is kept"
    );
}

// ---- issue 16: speed at scale ----

/// The TUI no longer rebuilds its plan when a save hands back the agenda it already has; it
/// must still rebuild when another copy of lineup changed the picks.
#[test]
fn a_save_that_brings_another_copys_pick_rebuilds_the_plan() {
    use lineup::agenda::{Op, Pick};
    use lineup::tui::{Action, App, update};
    let schedule = lineup::native::default_schedule().unwrap();
    let mut app = App::new(
        schedule.clone(),
        Agenda::new((&schedule.conference).into()),
        chrono::Utc::now(),
    );
    let jinja = schedule.sessions.iter().find(|s| s.id == JINJA).unwrap();
    let security = schedule.sessions.iter().find(|s| s.id == SECURITY).unwrap();
    let mine = Op::Pick(Pick::of(jinja, chrono::Utc::now()));
    app.apply(&mine);
    // The saver's answer for our own change: the same picks.
    let same = app.agenda().clone();
    update(&mut app, Action::AgendaSaved(same));
    assert_eq!(app.planner.counts().picks, 1);
    // Another copy picked a talk: the saved agenda has it, and so must the plan and the grid.
    let mut theirs = app.agenda().clone();
    Op::Pick(Pick::of(security, chrono::Utc::now())).apply(&mut theirs);
    update(&mut app, Action::AgendaSaved(theirs));
    assert_eq!(app.planner.counts().picks, 2);
    let i = app.index_of(SECURITY).unwrap();
    assert!(app.planner.is_picked(i));
}

/// `lineup pick` of a long list of ids found each by scanning every session (ids × sessions);
/// now exact ids go through an index. The answer must stay the same: each id picked once, in
/// the order given, title pieces still resolved.
#[test]
fn picking_many_ids_at_once_picks_each_and_still_takes_title_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("a.json");
    let schedule = lineup::native::default_schedule().unwrap();
    let mut args: Vec<String> = schedule.sessions.iter().map(|s| s.id.to_string()).collect();
    args.push("Dismantling".into());
    let (code, out, err) = run(lineup(dir.path())
        .arg("--agenda")
        .arg(&agenda)
        .arg("pick")
        .args(&args));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), schedule.sessions.len() + 1);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .contains(": Code Generation in Python"),
        "{out}"
    );
    let picked = Agenda::from_json(&fs::read_to_string(&agenda).unwrap(), &agenda).unwrap();
    assert_eq!(picked.len(), schedule.sessions.len());
}

/// A schedule with offsets but no zone name (33c3.json) was shown in another zone by `Z` and
/// could not come back: "the venue's zone" had no name to convert to. Other zones are now made
/// from the times as read, and the header names the offset.
#[test]
fn z_comes_back_to_a_schedule_that_gives_offsets_but_no_zone_name() {
    use lineup::tui::{Action, App, Command, update};
    let mut s = lineup::native::default_schedule().unwrap();
    s.conference.time_zone = None;
    let agenda = Agenda::new((&s.conference).into());
    let mut app = App::new(s, agenda, chrono::Utc::now());
    app.zones = vec![None, Some(chrono_tz::Asia::Tokyo)];
    let wall = |app: &App| app.schedule().sessions[0].start.time().to_string();
    assert_eq!(wall(&app), "09:00:00");
    assert_eq!(
        lineup::tui::geometry::zone_label(&app).as_deref(),
        Some("UTC-08:00")
    );
    update(&mut app, Action::Do(Command::SwitchZone));
    assert_eq!(wall(&app), "02:00:00");
    update(&mut app, Action::Do(Command::SwitchZone));
    assert_eq!(app.zone, 0, "{}", app.said());
    assert_eq!(wall(&app), "09:00:00");
}

/// With `--now`, a command opens the schedule twice (the check, then the command), and a config
/// mistake was said twice; the config is now read once a run and its mistake said once.
#[test]
fn a_config_mistake_is_said_once_even_when_the_schedule_is_opened_twice() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lineup");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("config.toml"), "[grid]\nwalks = 1\n").unwrap();
    let out = lineup(home.path())
        .args(["--now", "2012-03-09T10:00", "plan"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("walks").count(), 1, "{err}");
}

// ---- trust, part two: completion, interrupted refreshes, inputs that locked people out ----

/// Ids that are shell syntax: a command substitution, backticks, a `;`, a subshell, a glob, a
/// tilde and a parameter. Each command writes a marker file in `marks`, which must never appear.
pub(crate) fn hostile_ids(marks: &Path) -> Vec<String> {
    let m = marks.display();
    vec![
        format!("$(touch${{IFS}}{m}/one)"),
        format!("`touch {m}/two`"),
        format!("a;touch {m}/three"),
        format!("(touch {m}/four)"),
        "*".to_string(),
        "~root".to_string(),
        "${HOME}x".to_string(),
    ]
}

/// A frab XML schedule whose sessions have `ids` (escaped for XML), made current with `add`.
pub(crate) fn add_conference_with_ids(home: &Path, ids: &[String]) {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<schedule><conference><acronym>evil</acronym><title>Evil</title>\
         <time_zone_name>UTC</time_zone_name></conference><day date=\"2020-01-01\"><room name=\"A\">",
    );
    for (k, id) in ids.iter().enumerate() {
        let id = id
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        xml.push_str(&format!(
            "<event id=\"{id}\"><start>{:02}:00</start><duration>00:30</duration><title>T{k}</title></event>",
            8 + k
        ));
    }
    xml.push_str("</room></day></schedule>\n");
    let file = write(home, "evil.xml", xml);
    stdout(lineup(home).arg("add").arg(&file));
}

/// The bash script fed `LINEUP_COMPLETE=sessions lineup` to `compgen -W`, which expands every word
/// again: an id `$(touch…)` ran on `lineup pick <TAB>`, and `*`, `~root` and `${HOME}` expanded.
/// Now ids are literal words, inserted quoted: read back by the shell, each is the id itself.
#[test]
fn bash_completion_never_runs_or_expands_an_id_from_a_schedule() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let marks = h.join("marks");
    fs::create_dir_all(&marks).unwrap();
    // Files a glob would find, in the folder completion runs in.
    fs::write(marks.join("glob-would-find-me"), "").unwrap();
    let ids = hostile_ids(&marks);
    add_conference_with_ids(h, &ids);
    let script = h.join("lineup.bash");
    fs::write(&script, stdout(lineup(h).args(["completions", "bash"]))).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("lineup");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // For each prefix typed: what completion offers, then each offer as the shell reads it back
    // from the command line (eval of the inserted word, as pressing Enter would).
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c"])
        .arg(format!(
            "cd {marks}; source {script}; \
             for cur in '' '$' '`' a '(' '*' '~' ; do \
               COMP_WORDS=(lineup pick \"$cur\"); COMP_CWORD=2; \
               _lineup_ids lineup \"$cur\" pick; \
               for w in \"${{COMPREPLY[@]}}\"; do eval \"printf '%s\\n' $w\"; done; \
             done",
            marks = marks.display(),
            script = script.display()
        ))
        .env("PATH", path)
        .env("HOME", h)
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_CONFIG_HOME", h.join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let mut names: Vec<String> = fs::read_dir(&marks)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["glob-would-find-me"], "a completion ran a command");
    // Typing nothing offers every id, each exactly (no glob, tilde or parameter expanded).
    let mut all: Vec<String> = offered[..ids.len()].to_vec();
    all.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(all, want);
    // Each prefix offers exactly the ids that begin with it.
    let rest = &offered[ids.len()..];
    for prefix in ["$", "`", "a", "(", "*", "~"] {
        assert!(
            rest.iter().any(|w| w.starts_with(prefix)),
            "{prefix}: {rest:?}"
        );
    }
    assert!(rest.iter().all(|w| ids.contains(w)), "{rest:?}");
}

/// A frab XML schedule of `n` events (conference `conf30`, as the library tests'), `version`
/// in every title so two versions differ everywhere.
fn many_events(n: usize, version: u32) -> Vec<u8> {
    let events: Vec<(String, String, String, String)> = (0..n)
        .map(|k| {
            (
                format!("{k}"),
                format!("Talk {k} v{version}"),
                format!("{:02}:{:02}", 8 + (k / 4) % 12, (k % 4) * 15),
                format!("Room {}", k % 40),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str, &str)> = events
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str()))
        .collect();
    let mut xml = crate::library::schedule(&refs);
    // Bulk the importer skips but the cache writes: the moment between writing the new copy and
    // switching to it is then long enough for kills to land in it.
    let at = xml.iter().position(|&b| b == b'\n').unwrap() + 1;
    let pad = format!("<!-- {} -->\n", "padding ".repeat(2_500_000));
    xml.splice(at..at, pad.into_bytes());
    xml
}

/// Every way a person meets a conference opens it: the sessions, their own agenda, the ids
/// completion asks for.
fn opens(home: &Path) {
    use crate::library::env;
    let sessions = stdout(env(home).arg("sessions"));
    assert!(sessions.contains("Talk 1 v"), "{sessions}");
    let agenda = stdout(env(home).arg("agenda"));
    assert!(agenda.contains("Talk 2 v"), "{agenda}");
    let ids = stdout(env(home).env("LINEUP_COMPLETE", "sessions"));
    assert!(ids.lines().any(|l| l == "2"), "{ids}");
}

/// kill -9 in the middle of a refresh (8 kills of 25 did) left the new `source` without its
/// `meta.json`, and every command then refused the conference, offline too. Now the new copy is
/// complete and named before the meta switches to it: after kills at random moments, every
/// command opens the conference, a refresh finishes, and no leftover stays.
#[test]
fn a_refresh_killed_at_any_moment_never_locks_the_conference_out() {
    use crate::library::{env, ok};
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(ok(many_events(4000, 0), &[]));
    stdout(env(h).args(["add", &server.url("/s.xml")]));
    stdout(env(h).args(["pick", "2"]));
    // How long a whole refresh takes here, so the kills fall anywhere in it.
    server.set(ok(many_events(4000, 1), &[]));
    let started = Instant::now();
    stdout(env(h).arg("refresh"));
    let whole = started.elapsed().as_micros().max(1) as u64;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id());
    let mut killed = 0;
    let mut round = 0u32;
    while killed < 25 && round < 100 {
        round += 1;
        server.set(ok(many_events(4000, round + 1), &[]));
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = Duration::from_micros(seed % whole);
        let mut child = crate::util::lineup_std(h).arg("refresh").spawn().unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        opens(h);
    }
    assert!(
        killed >= 20,
        "only {killed} of {round} refreshes were killed while running"
    );
    // A refresh that finishes leaves one copy and no temp file of the killed ones.
    server.set(ok(many_events(4000, 99), &[]));
    stdout(env(h).arg("refresh"));
    let cache = h.join("cache/lineup/conferences/conf30");
    let mut names: Vec<String> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names.iter().filter(|n| n.starts_with("source")).count(),
        1,
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    // The server gone, it opens from the cache.
    server.stop();
    opens(h);
    assert!(stdout(env(h).arg("sessions")).contains("Talk 1 v99"));
}

/// The cache folder of library conference `id` in `home`.
fn cache_of(home: &Path, id: &str) -> PathBuf {
    home.join("cache/lineup/conferences").join(id)
}

/// A copy whose `meta.json` was lost (an older lineup killed mid-refresh) or damaged made every
/// command refuse the conference; now the copy is taken up again, offline too.
#[test]
fn a_copy_without_its_meta_or_with_a_damaged_one_still_opens() {
    use crate::library::{env, ok};
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(ok(many_events(10, 0), &[("ETag", "\"v0\"")]));
    stdout(env(h).args(["add", &server.url("/s.xml")]));
    stdout(env(h).args(["pick", "2"]));
    server.stop();
    let meta = cache_of(h, "conf30").join("meta.json");
    fs::remove_file(&meta).unwrap();
    fs::remove_file(cache_of(h, "conf30").join("schedule.bin")).unwrap();
    opens(h);
    assert!(fs::metadata(&meta).is_ok(), "the meta is written back");
    fs::write(&meta, "{\"lineup_cache\": 1, \"fetch").unwrap();
    opens(h);
}

/// A server answering 304 to a request that had nothing to compare made `refresh` say
/// "unchanged" forever with no copy at all; now that is said for what it is, the cache's
/// validators are sent only when its copy opens, and a good answer brings the copy back.
#[test]
fn a_304_with_nothing_to_compare_is_never_unchanged() {
    use crate::library::{env, fails, ok};
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(ok(many_events(10, 0), &[("ETag", "\"v0\"")]));
    stdout(env(h).args(["add", &server.url("/s.xml")]));
    stdout(env(h).args(["pick", "2"]));
    // The cache emptied; the server answers 304 whatever it is asked.
    fs::remove_dir_all(cache_of(h, "conf30")).unwrap();
    server.set(crate::server::Answer {
        status: 304,
        ..Default::default()
    });
    let e = fails(env(h).arg("refresh"));
    assert!(e.contains("304") && e.contains("no copy"), "{e}");
    assert!(!e.contains("unchanged since"), "{e}");
    assert!(
        !server
            .last_request()
            .to_lowercase()
            .contains("if-none-match"),
        "nothing to compare, so no validator: {}",
        server.last_request()
    );
    server.set(ok(many_events(10, 1), &[("ETag", "\"v1\"")]));
    stdout(env(h).arg("refresh"));
    opens(h);
    // A copy that no longer imports (same size, other bytes): fetched whole, not 304'd.
    let cache = cache_of(h, "conf30");
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(cache.join("meta.json")).unwrap()).unwrap();
    let source = cache.join(meta["file"].as_str().unwrap());
    let size = fs::metadata(&source).unwrap().len() as usize;
    fs::write(&source, vec![b'#'; size]).unwrap();
    fs::remove_file(cache.join("schedule.bin")).unwrap();
    // And a temp file a killed write of an older lineup left: the next write removes it.
    fs::write(cache.join(".source.lineup-AbC123.tmp"), "half").unwrap();
    server.set(ok(many_events(10, 2), &[("ETag", "\"v2\"")]));
    stdout(env(h).arg("refresh"));
    assert!(
        !server
            .last_request()
            .to_lowercase()
            .contains("if-none-match"),
        "{}",
        server.last_request()
    );
    assert!(!cache.join(".source.lineup-AbC123.tmp").exists());
    opens(h);
}

/// A frab XML schedule of two events in conference `acronym` titled `title`.
fn titled(acronym: &str, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<schedule><conference><acronym>{acronym}</acronym><title>{title}</title>\
         <time_zone_name>UTC</time_zone_name></conference><day date=\"2020-01-01\"><room name=\"A\">\
         <event id=\"1\"><start>10:00</start><duration>00:30</duration><title>One</title></event>\
         <event id=\"2\"><start>11:00</start><duration>00:30</duration><title>Two</title></event>\
         </room></day></schedule>\n"
    )
}

/// A 5 MiB conference title went into `library.json`, which lineup then refused to read (over
/// 4 MiB): every command exited 2. Titles are now bounded where they are kept, on add and on
/// refresh.
#[test]
fn a_five_mib_title_never_makes_the_library_unreadable() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let huge = "T".repeat(5 << 20);
    let file = write(h, "big.xml", titled("big", &huge));
    stdout(env(h).arg("add").arg(&file));
    let small = write(h, "small.xml", titled("small", "Small"));
    stdout(env(h).arg("add").arg(&small));
    fs::write(&small, titled("small", &huge)).unwrap();
    stdout(env(h).args(["refresh", "small"]));
    let library = h.join("data/lineup/library.json");
    assert!(
        fs::metadata(&library).unwrap().len() < 8192,
        "{} bytes",
        fs::metadata(&library).unwrap().len()
    );
    for args in [
        &["conferences"][..],
        &["use", "big"],
        &["sessions"],
        &["agenda"],
        &["remove", "small"],
    ] {
        stdout(env(h).args(args));
    }
}

/// Three `lineup add` at once lost library entries (17 of 60): the library was read, changed
/// and written without a lock. Now every add is kept.
#[test]
fn three_adds_at_once_lose_no_conference() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let mut expected = Vec::new();
    for round in 0..20 {
        let children: Vec<std::process::Child> = (0..3)
            .map(|k| {
                let id = format!("c{round}x{k}");
                let file = write(h, &format!("{id}.xml"), titled(&id, &id));
                expected.push(id);
                crate::util::lineup_std(h)
                    .arg("add")
                    .arg(&file)
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
    }
    let lib: serde_json::Value =
        serde_json::from_slice(&fs::read(h.join("data/lineup/library.json")).unwrap()).unwrap();
    let mut ids: Vec<String> = lib["conferences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
    // Every one has its own cache, and no folder is left over.
    let folders = fs::read_dir(h.join("cache/lineup/conferences"))
        .unwrap()
        .count();
    assert_eq!(folders, 60);
}

/// `--name "FOSDEM 2020"` and `fosdem-2020` (or `Foo` and `foo`) shared one cache folder, and
/// removing one deleted the other's; a blank `--name` was taken; friends `Alice` and `alice`
/// shared one fetched copy. Ids are now their slugs, unique, never empty.
#[test]
fn ids_that_slug_alike_never_share_files() {
    use crate::library::{env, fails};
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let a = write(h, "a.xml", titled("aaa", "A conf"));
    let b = write(h, "b.xml", titled("bbb", "B conf"));
    let added = stdout(env(h).arg("add").arg(&a).args(["--name", "FOSDEM 2020"]));
    assert!(added.starts_with("added fosdem-2020:"), "{added}");
    let added = stdout(env(h).arg("add").arg(&b).args(["--name", "fosdem-2020"]));
    assert!(added.starts_with("added fosdem-2020-2:"), "{added}");
    let s = stdout(env(h).args(["agenda", "--conference", "FOSDEM 2020"]));
    assert!(s.starts_with("A conf"), "{s}");
    let s = stdout(env(h).args(["agenda", "--conference", "fosdem-2020-2"]));
    assert!(s.starts_with("B conf"), "{s}");
    stdout(env(h).args(["remove", "fosdem-2020-2"]));
    assert!(cache_of(h, "fosdem-2020").is_dir());
    stdout(env(h).args(["sessions", "--conference", "fosdem-2020"]));
    let added = stdout(env(h).arg("add").arg(&b).args(["--name", "Foo"]));
    assert!(added.starts_with("added foo:"), "{added}");
    let c = write(h, "c.xml", titled("ccc", "C conf"));
    let added = stdout(env(h).arg("add").arg(&c).args(["--name", "foo"]));
    assert!(added.starts_with("added foo-2:"), "{added}");
    for blank in ["", "   ", "!!!"] {
        let e = fails(env(h).arg("add").arg(&c).args(["--name", blank]));
        assert!(e.contains("no letter or digit"), "{e}");
    }
    let friend = write(
        h,
        "alice.json",
        r#"{"format":"lineup-agenda","version":1,"conference":{"id":"pycon-us-2012","title":"PyCon US 2012"},"picks":[]}"#,
    );
    stdout(
        lineup(h)
            .args(["--schedule", "-"])
            .arg("friend")
            .arg("add")
            .arg("Alice")
            .arg(&friend)
            .write_stdin(fs::read(crate::util::data("pycon-us-2012.json")).unwrap()),
    );
    let e = fails(
        lineup(h)
            .args(["--schedule", "-"])
            .args(["friend", "add", "alice"])
            .arg(&friend)
            .write_stdin(fs::read(crate::util::data("pycon-us-2012.json")).unwrap()),
    );
    assert!(e.contains("too like the friend `Alice`"), "{e}");
}

/// `add`, `conferences`, fetch errors and `friend list` printed `http://alice:Sup3rSecret@…`,
/// and lineup's files kept it. URLs with credentials are now refused, never printed, and an
/// older library's are shown without them and leave the file at its next write.
#[test]
fn urls_with_credentials_are_refused_never_printed_nor_kept() {
    use crate::library::{env, fails, ok};
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(ok(many_events(5, 0), &[]));
    let secret = server.url("/s.xml").replace("://", "://alice:Sup3rSecret@");
    let e = fails(env(h).args(["add", &secret]));
    assert!(e.contains("password") && !e.contains("Sup3rSecret"), "{e}");
    let e = fails(env(h).args(["friend", "add", "bob", &secret]));
    assert!(!e.contains("Sup3rSecret"), "{e}");
    assert!(!h.join("data/lineup/library.json").exists());
    // A library an older lineup wrote with the password in it.
    stdout(env(h).args(["add", &server.url("/s.xml")]));
    let library = h.join("data/lineup/library.json");
    let text = fs::read_to_string(&library)
        .unwrap()
        .replace("http://127", "http://alice:Sup3rSecret@127");
    fs::write(&library, text).unwrap();
    let list = stdout(env(h).arg("conferences"));
    assert!(!list.contains("Sup3rSecret"), "{list}");
    let e = fails(env(h).arg("refresh"));
    assert!(!e.contains("Sup3rSecret"), "{e}");
    stdout(env(h).args(["use", "conf30"]));
    assert!(
        !fs::read_to_string(&library)
            .unwrap()
            .contains("Sup3rSecret")
    );
}

/// Runs lineup with `args` under GNU time: its exit status, standard error and peak memory in
/// KiB. (A child's own rusage would count the test process it was spawned from: Linux carries
/// the parent's peak across the exec.) `None` where GNU time is missing, except in CI, which
/// installs it.
fn measured(home: &Path, args: &[&str]) -> Option<(i32, String, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI installs GNU time");
        eprintln!("SKIPPED: /usr/bin/time (GNU time) is not installed");
        return None;
    }
    let report = home.join("time.txt");
    let mut timed = std::process::Command::new(time);
    timed
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("lineup"))
        .args(args);
    let out = crate::util::lineup_env(&mut timed, home).output().unwrap();
    let kib = fs::read_to_string(&report)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .next_back()
        .unwrap();
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        kib,
    ))
}

/// Refusing a 512 MiB answer cost 1.34 GB, and a 1 MB download that inflates to 500 MiB was
/// accepted (1.68 GB). Now an answer is refused at its limit holding no more than it, and gzip
/// may not grow more than a hundred times.
#[test]
fn answers_are_refused_at_their_limit_without_holding_more() {
    use crate::library::ok;
    use std::io::Write;
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    server.set(crate::server::Answer {
        endless: true,
        ..ok(vec![b'x'; 1 << 16], &[])
    });
    let Some((code, err, kib)) = measured(h, &["add", &server.url("/s")]) else {
        return;
    };
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than the 512 MiB"), "{err}");
    assert!(kib < 640 << 10, "{kib} KiB to refuse 512 MiB");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 500 << 20]).unwrap();
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    server.set(ok(bomb, &[("Content-Encoding", "gzip")]));
    let (code, err, kib) = measured(h, &["add", &server.url("/s")]).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("decompression bomb"), "{err}");
    assert!(kib < 256 << 10, "{kib} KiB");
    assert!(!h.join("data/lineup/library.json").exists());
}

/// A 100 MB description took the TUI to 4.25 GB and 10–13 s to open, 3–6 s a scroll key: every
/// frame wrapped and copied the whole text. Now only the rows on screen are made: opening and
/// paging through a 50 MB text allocates about what a few screens need.
#[test]
fn a_huge_description_opens_and_scrolls_in_the_memory_of_a_screen() {
    use lineup::tui::{Action, App, Command, update, view};
    let mut schedule = lineup::native::default_schedule().unwrap();
    schedule.sessions[5].description = "word ".repeat(10 << 20).into();
    let id = schedule.sessions[5].id.clone();
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = App::new(schedule, agenda, chrono::Utc::now());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app.select_id(&id);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let before = crate::alloc::allocated();
    update(&mut app, Action::Do(Command::Open));
    for _ in 0..20 {
        update(&mut app, Action::Do(Command::PageDown));
        terminal.draw(|f| view::draw(f, &app)).unwrap();
    }
    let spent = crate::alloc::allocated() - before;
    assert!(spent < 16 << 20, "{} MiB allocated", spent >> 20);
    let shown = terminal.backend().to_string();
    assert!(shown.contains("word word word"), "{shown}");
    let lineup::tui::Mode::Detail { scroll } = app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(scroll > 20 * 30, "{scroll}");
}

/// `add` and `conferences` printed a path with raw escape sequences (their output skipped the
/// message gate). Every line they print now passes it.
#[test]
fn printed_paths_pass_the_message_gate() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = write(h, "x\u{1b}]0;pwned\u{7}.xml", titled("esc", "Esc"));
    for args in [
        vec!["add".to_string(), file.display().to_string()],
        vec!["conferences".into()],
    ] {
        let out = stdout(env(h).args(&args));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("\\u{1b}]0;pwned\\u{7}"), "{out}");
    }
}

/// A `friends.json` of a newer version was read as version 1 and written back without what it
/// did not know. It is now refused, and left as it is.
#[test]
fn a_newer_friends_file_is_refused_and_left_as_it_is() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let path = h.join("data/lineup/friends.json");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let newer = r#"{"lineup_friends": 2, "friends": [], "groups": ["kept"]}"#;
    fs::write(&path, newer).unwrap();
    let friend = write(
        h,
        "zoe.json",
        r#"{"format":"lineup-agenda","version":1,"conference":{"id":"pycon-us-2012","title":"PyCon US 2012"},"picks":[]}"#,
    );
    let (code, _, err) = run(lineup(h).args(["friend", "add", "zoe"]).arg(&friend));
    assert_eq!(code, 2);
    assert!(
        err.contains("version 2") && err.contains("friends"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

/// `[keys] quit = "Q"` passed `config --check`, and then typing Q in the search line quit. A
/// change for every screen now leaves the line its own keys, and a key that types text is
/// refused for the line.
#[test]
fn a_config_key_that_types_text_never_quits_the_search_line() {
    use lineup::tui::Action as KeyAction;
    use lineup::tui::keymap::Context;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let q = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::NONE);
    let path = Path::new("config.toml");
    let (_, keymap) = lineup::tui::config::check("[keys]\nquit = \"Q\"\n", path).unwrap();
    assert_eq!(
        keymap.action_for(Context::Grid, &q),
        Some(KeyAction::Do(lineup::tui::Command::Quit))
    );
    assert_eq!(
        keymap.action_for(Context::Typing, &q),
        Some(KeyAction::Input('Q'))
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap.action_for(Context::Typing, &ctrl_c),
        Some(KeyAction::Do(lineup::tui::Command::Quit)),
        "the line keeps its own way out"
    );
    let e = lineup::tui::config::check("[keys.typing]\nquit = \"Q\"\n", path)
        .unwrap_err()
        .to_string();
    assert!(e.contains("typed into the search"), "{e}");
}

/// `--timeout 9223372036854775807` panicked (exit 101). Durations are bounded.
#[test]
fn a_huge_timeout_is_refused_in_a_sentence() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run(lineup(home.path()).args([
        "add",
        "http://127.0.0.1:1/s.xml",
        "--timeout",
        "9223372036854775807",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1..=86400"), "{err}");
}

/// A change report of 120 MiB was written and then refused on reading. A kept report lists at
/// most a thousand sessions of each kind and counts the rest.
#[test]
fn a_change_report_is_bounded_and_reads_back() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = write(h, "s.xml", many_events(5, 0));
    stdout(env(h).arg("add").arg(&file));
    fs::write(&file, many_events(3000, 1)).unwrap();
    let report = stdout(env(h).arg("refresh"));
    assert!(report.contains("2995 sessions added"), "{report}");
    let all = stdout(env(h).args(["changes", "--all"]));
    assert!(all.contains("added      and 1995 more"), "{all}");
    let kept: serde_json::Value =
        serde_json::from_slice(&fs::read(cache_of(h, "conf30").join("changes.json")).unwrap())
            .unwrap();
    assert_eq!(kept["added"].as_array().unwrap().len(), 1000);
    assert_eq!(kept["added_beyond"], 1995);
}

/// A 300-character acronym made every pick fail ("File name too long"): it names the agenda
/// file. File names made from ids are bounded.
#[test]
fn a_300_character_acronym_can_be_picked() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = write(h, "long.xml", titled(&"a".repeat(300), "Long"));
    stdout(env(h).arg("add").arg(&file));
    let picked = stdout(env(h).args(["pick", "1"]));
    assert!(picked.contains("One"), "{picked}");
    stdout(env(h).args(["agenda"]));
}

/// Killed `add`s left their cache folders behind (1.2 GB after 15 kills). The next add, under
/// the library's lock, removes the folders no conference names.
#[test]
fn cache_folders_of_killed_adds_are_removed() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let orphan = cache_of(h, "killed-add");
    fs::create_dir_all(&orphan).unwrap();
    fs::write(orphan.join("source-1"), vec![b'x'; 1 << 20]).unwrap();
    let file = write(h, "s.xml", titled("kept", "Kept"));
    stdout(env(h).arg("add").arg(&file));
    assert!(!orphan.exists());
    assert!(cache_of(h, "kept").is_dir());
}

/// A 1,000,000-pick friend's agenda cost 2.85 s and 784 MB at every TUI start. A friend's file
/// is read only up to a bound, and only their picks of this conference are kept.
#[test]
fn a_friends_agenda_is_read_bounded_and_for_this_conference_only() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let pick = |id: &str| {
        format!(
            r#"{{"id":"{id}","title":"T","start":"2012-03-09T13:45:00-08:00","end":"2012-03-09T14:25:00-08:00","room":"E1","picked_at":"2026-01-01T00:00:00Z"}}"#
        )
    };
    let agenda = |picks: Vec<String>| {
        format!(
            r#"{{"format":"lineup-agenda","version":1,"conference":{{"id":"pycon-us-2012","title":"PyCon US 2012"}},"picks":[{}]}}"#,
            picks.join(",")
        )
    };
    let mut picks = vec![pick(SECURITY)];
    picks.extend((0..20).map(|k| pick(&format!("not-in-the-schedule-{k}"))));
    let zoe = write(h, "zoe.json", agenda(picks));
    let said = stdout(lineup(h).args(["friend", "add", "zoe"]).arg(&zoe));
    assert!(said.contains("1 pick"), "{said}");
    let many: Vec<String> = (0..150_000).map(|k| pick(&format!("p{k}"))).collect();
    fs::write(&zoe, agenda(many)).unwrap();
    let list = stdout(lineup(h).args(["friend", "list"]));
    assert!(
        list.contains("cannot be read") && list.contains("friend's agenda file"),
        "{list}"
    );
}

/// Size refusals of lineup's own files said "check that it is a schedule". Each names its kind.
#[test]
fn each_size_refusal_names_its_kind_of_file() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let library = h.join("data/lineup/library.json");
    fs::create_dir_all(library.parent().unwrap()).unwrap();
    fs::write(&library, vec![b' '; 17 << 20]).unwrap();
    let (code, _, err) = run(lineup(h).arg("conferences"));
    assert_eq!(code, 2);
    assert!(
        err.contains("library file") && !err.contains("schedule"),
        "{err}"
    );
}

// ---- one truth: every surface reads one planner ----

/// After a refresh whose report says one pick was cancelled and one is gone, the plan still
/// scheduled both, `next` announced the cancelled one, the status line counted both, the report
/// named a new clash with the gone one and the calendar kept the cancelled one as an event. Now
/// the plan, `next`, now-and-next, the status line, the clash overview and every export agree
/// with the report.
#[test]
fn a_refresh_that_cancels_picks_is_followed_by_every_surface() {
    use lineup::agenda::{Pick, Standing, changes};
    use lineup::tui::{Action, App, Command, Mode, update};
    const LATER: &str = "introspecting-running-python-processes";
    let old = lineup::native::default_schedule().unwrap();
    let now = chrono::Utc::now();
    let agenda = Agenda::with_picks(
        (&old.conference).into(),
        [JINJA, SECURITY, LATER]
            .iter()
            .map(|id| Pick::of(old.session(id).unwrap(), now)),
    );
    let mut app = App::new(old.clone(), agenda, now);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(app.planner.counts().clashing, 2);
    // The new copy: Jinja marked cancelled, Security gone, and the later pick moved onto
    // Security's old time (a view that kept the gone pick would see a new clash there).
    let mut new = old.clone();
    let j = new.sessions.iter().position(|s| s.id == JINJA).unwrap();
    new.sessions[j].title = format!("CANCELLED: {}", new.sessions[j].title).into();
    let security = old.session(SECURITY).unwrap().clone();
    let l = new.sessions.iter().position(|s| s.id == LATER).unwrap();
    new.sessions[l].start = security.start;
    new.sessions[l].end = security.end;
    new.sessions[l].day = security.day;
    new.sessions.retain(|s| s.id != SECURITY);
    new.sort();
    let report = changes::compare(&old, &new, app.agenda());
    let cancelled: Vec<&str> = report
        .picks
        .iter()
        .filter(|p| {
            p.changes
                .iter()
                .any(|c| matches!(c, changes::Change::Cancelled { .. }))
        })
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(cancelled, [JINJA, SECURITY]);
    assert!(report.new_clashes.is_empty(), "{:?}", report.new_clashes);
    update(
        &mut app,
        Action::Refreshed {
            schedule: Some(std::sync::Arc::new(new.clone())),
            report: Some(report),
            message: lineup::tui::Said::Fetched {
                id: "pycon".into(),
                changed: 2,
            },
        },
    );
    let planner = &app.planner;
    // Standing, counts, clashes.
    assert_eq!(planner.standing(JINJA), Some(&Standing::Cancelled));
    assert_eq!(planner.standing(SECURITY), Some(&Standing::Gone));
    let counts = planner.counts();
    assert_eq!(
        (counts.picks, counts.clashing, counts.cancelled, counts.gone),
        (1, 0, 1, 1)
    );
    assert_eq!(planner.overview().clash_count(), 0);
    // The plan keeps only the live pick; next and now-and-next name it.
    let chosen = planner.plan().chosen_ids();
    assert_eq!(chosen.into_iter().collect::<Vec<_>>(), [LATER]);
    let noon = security.start.plus_minutes(-60);
    let next = planner.pick_next(noon).map(|i| new.sessions[i].id.clone());
    assert_eq!(next.as_deref(), Some(LATER));
    app.fixed_now = Some(noon);
    update(&mut app, Action::Do(Command::Close));
    update(&mut app, Action::Do(Command::ShowNow));
    assert_eq!(app.mode, Mode::NowNext { cursor: 0 });
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| lineup::tui::view::draw(f, &app)).unwrap();
    let shown = terminal.backend().to_string();
    assert!(shown.contains("Introspecting Running"), "{shown}");
    assert!(
        shown.contains("1 pick · 0 clashes · 2 cancelled"),
        "{shown}"
    );
    // The calendar cancels both (the cancelled one is no longer a live event); Markdown lists
    // them apart; the command line's clashes agree.
    let set = lineup::export::ExportSet::picks(&app.planner, None, now);
    let (ics, _) = lineup::export::render(&set, lineup::export::Format::Ics).unwrap();
    for id in [JINJA, SECURITY] {
        let event = ics
            .split("BEGIN:VEVENT")
            .find(|e| e.contains(&format!("UID:{id}@")))
            .unwrap();
        assert!(event.contains("STATUS:CANCELLED"), "{id}: {event}");
    }
    let live = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("UID:{LATER}@")))
        .unwrap();
    assert!(!live.contains("STATUS:CANCELLED"));
    let (md, _) = lineup::export::render(&set, lineup::export::Format::Md).unwrap();
    let apart = md
        .find("## Cancelled by the schedule, or gone from it")
        .unwrap();
    assert!(md[apart..].contains("CANCELLED: Code Generation"), "{md}");
    assert!(md[..apart].contains("Introspecting"), "{md}");
    assert!(md.contains("1 pick, 0 clashes"), "{md}");
    // The same through the command line: `clashes` exits 0, `next` names the live pick.
    let home = tempfile::tempdir().unwrap();
    let file = write(
        home.path(),
        "new.json",
        lineup::native::to_json(&new).unwrap(),
    );
    let agenda_file = home.path().join("agenda.json");
    fs::write(&agenda_file, app.agenda().to_json().unwrap()).unwrap();
    let run_with = |args: &[&str]| {
        run(lineup(home.path())
            .arg("--schedule")
            .arg(&file)
            .arg("--agenda")
            .arg(&agenda_file)
            .args(args))
    };
    assert_eq!(run_with(&["clashes"]).0, 0);
    let (code, next, _) = run_with(&["--now", "2012-03-09T12:45", "next"]);
    assert_eq!(code, 0);
    assert!(next.contains("Introspecting"), "{next}");
    let (_, plan, _) = run_with(&["plan"]);
    assert!(!plan.contains("Code Generation"), "{plan}");
}

/// A frab XML schedule with offsets (+01:00) and no zone name, as 33C3 published it: a day
/// whose last talk runs past midnight, and a next day starting at 11:00.
fn offsets_no_zone() -> String {
    let event = |id: &str, date: &str, start: &str, dur: &str, title: &str| {
        format!(
            "<event id=\"{id}\"><date>{date}T{start}:00+01:00</date><start>{start}</start>\
             <duration>{dur}</duration><room>Saal 1</room><title>{title}</title></event>"
        )
    };
    format!(
        "<?xml version=\"1.0\"?>\n<schedule><conference><acronym>off</acronym><title>Offsets</title></conference>\
         <day index=\"1\" date=\"2016-12-27\" start=\"2016-12-27T10:00:00+01:00\" end=\"2016-12-28T04:00:00+01:00\"><room name=\"Saal 1\">{}{}{}</room></day>\
         <day index=\"2\" date=\"2016-12-28\" start=\"2016-12-28T10:00:00+01:00\" end=\"2016-12-29T04:00:00+01:00\"><room name=\"Saal 1\">{}</room></day></schedule>\n",
        event("1", "2016-12-27", "14:00", "01:00", "Afternoon"),
        event("2", "2016-12-27", "23:00", "01:00", "Late"),
        event("3", "2016-12-28", "00:15", "01:00", "After midnight"),
        event("4", "2016-12-28", "11:00", "01:00", "Next morning"),
    )
}

/// `--now` was read as UTC on schedules that give offsets but no zone name (an hour off at
/// +01:00), and an explicit offset in it was ignored. Now it is venue time, and an offset or Z
/// is honoured.
#[test]
fn now_is_venue_time_on_a_schedule_with_offsets_but_no_zone_name() {
    let home = tempfile::tempdir().unwrap();
    let file = write(home.path(), "off.xml", offsets_no_zone());
    let at = |now: &str| {
        run(lineup(home.path())
            .arg("--schedule")
            .arg(&file)
            .args(["--now", now, "now", "--all"]))
        .1
    };
    assert!(at("2016-12-27T14:10").contains("Afternoon"));
    for same in [
        "2016-12-28T00:16",
        "2016-12-28T00:16+01:00",
        "2016-12-27T23:16Z",
        "2016-12-27T23:16:00Z",
    ] {
        assert!(at(same).contains("After midnight"), "{same}: {}", at(same));
    }
    let agenda = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(&file)
            .arg("agenda"),
    );
    assert!(agenda.contains("(times at UTC+01:00)"), "{agenda}");
}

/// After midnight the grid opened on the next day with no now line (now read an hour late);
/// and `t` in the night stayed on a day whose night event still ran. Opening and `t` now go
/// to the conference day holding now, the one that started last, else the next to start.
#[test]
fn opening_at_night_goes_to_the_day_that_holds_now() {
    use lineup::tui::{Action, App, update};
    let schedule = import::read_bytes(offsets_no_zone().as_bytes(), "off.xml", &Options::default())
        .unwrap()
        .schedule;
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = App::new(schedule, agenda, chrono::Utc::now());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let day = |app: &App| app.days[app.day].date.to_string();
    app.fixed_now = lineup::model::Stamp::parse("2016-12-28T00:16:00+01:00");
    app.start_at_now();
    assert_eq!(
        day(&app),
        "2016-12-27",
        "the night belongs to the day before"
    );
    assert_eq!(app.selected_session().unwrap().id, "3");
    // Between days: the next day to start.
    app.fixed_now = lineup::model::Stamp::parse("2016-12-28T05:00:00+01:00");
    app.start_at_now();
    assert_eq!(day(&app), "2016-12-28");
}

/// `lineup now --now …`, `next --now`, `sessions --now`, `refresh --conference X`, `changes
/// --conference X` and `conferences --conference X` were refused ("unexpected argument"). The
/// options of every command are now taken before or after any command.
#[test]
fn the_options_of_every_command_are_taken_after_any_command() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args(["pick", JINJA]));
    let next = stdout(lineup(h).args(["next", "--now", "2012-03-09T11:00"]));
    assert!(next.contains("Code Generation"), "{next}");
    let now = run(lineup(h).args(["now", "--now", "2012-03-09T14:10"]));
    assert!(now.1.contains("Code Generation"), "{now:?}");
    stdout(lineup(h).args(["sessions", "--now", "2012-03-09T11:00"]));
    stdout(lineup(h).args(["conferences", "--conference", "x"]));
    for command in ["refresh", "changes"] {
        let (code, _, err) = run(lineup(h).args([command, "--conference", "x"]));
        assert_eq!(code, 2);
        assert!(!err.contains("unexpected argument"), "{command}: {err}");
        assert!(err.contains("no conference `x`"), "{command}: {err}");
    }
}

/// `lineup use fosdem` or `use 33C3` failed: no prefix, no case folding, no suggestion.
/// Conference ids now resolve as session ids do.
#[test]
fn conference_ids_resolve_by_any_case_a_unique_start_or_a_suggestion() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    for acronym in ["fosdem-2020", "33c3"] {
        let f = write(h, &format!("{acronym}.xml"), titled(acronym, acronym));
        stdout(env(h).arg("add").arg(&f));
    }
    assert!(stdout(env(h).args(["use", "fosdem"])).starts_with("fosdem-2020 "));
    assert!(stdout(env(h).args(["use", "33C3"])).starts_with("33c3 "));
    let (code, _, err) = run(env(h).args(["use", "fosdme-2020"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `fosdem-2020`"), "{err}");
}

/// `lineup add` of a schedule without a zone said nothing, later commands said "pin them with
/// --tz ZONE", and `lineup --tz ZONE agenda` changed nothing and warned again. Now the add says
/// so at once with the command that fixes it, and a `--tz` given later takes effect and is kept.
#[test]
fn a_zone_given_later_to_a_library_conference_takes_effect_and_is_kept() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let f = write(
        h,
        "float.xml",
        "<?xml version=\"1.0\"?>\n<schedule><conference><acronym>flt</acronym><title>Float</title></conference>\
         <day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\"><start>10:00</start><duration>00:30</duration>\
         <title>One</title></event></room></day></schedule>\n",
    );
    let (code, _, err) = run(env(h).arg("add").arg(&f));
    assert_eq!(code, 0);
    assert!(
        err.contains("gives no time zone") && err.contains("lineup --conference flt --tz ZONE"),
        "{err}"
    );
    let (_, agenda, err) = run(env(h).args(["--tz", "Europe/Brussels", "agenda"]));
    assert!(agenda.contains("times in Europe/Brussels"), "{agenda}");
    assert!(err.contains("remembered"), "{err}");
    let (_, agenda, err) = run(env(h).arg("agenda"));
    assert!(agenda.contains("times in Europe/Brussels"), "{agenda}");
    assert!(!err.contains("no time zone"), "{err}");
}

// ---- schedules as conferences publish them (issue 24) ----

fn read_text(text: &str, name: &str) -> lineup::Result<import::Imported> {
    import::read_bytes(text.as_bytes(), name, &Options::default())
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

const FORTNIGHTLY: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:call@x\r\n\
DTSTART;TZID=Europe/Berlin:20240305T170000\r\nDTEND;TZID=Europe/Berlin:20240305T180000\r\n\
RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=16\r\nEXDATE;TZID=Europe/Berlin:20240319T170000\r\n\
SUMMARY:Fortnightly call\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:call@x\r\n\
RECURRENCE-ID;TZID=Europe/Berlin:20240402T170000\r\nDTSTART;TZID=Europe/Berlin:20240402T190000\r\n\
DTEND;TZID=Europe/Berlin:20240402T200000\r\nSUMMARY:Fortnightly call (moved)\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

/// One VEVENT with RRULE (a fortnightly call, 16 times) became one session, silently. Now each
/// occurrence is a session with an id of its own that a refresh keeps; EXDATE takes one out, a
/// RECURRENCE-ID moves one, across a daylight-saving change the wall clock holds.
#[test]
fn an_rrule_event_becomes_every_occurrence() {
    let s = read_text(FORTNIGHTLY, "calls.ics").unwrap().schedule;
    assert_eq!(s.sessions.len(), 15, "16 less the EXDATE");
    assert!(s.sessions.iter().all(|x| x.minutes() == 60));
    let moved: Vec<_> = s
        .sessions
        .iter()
        .filter(|x| x.title.contains("moved"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].start.wall().to_string(), "2024-04-02 19:00:00");
    assert_eq!(
        moved[0].id, "call@x/20240402T1500Z",
        "the id of the occurrence it replaces"
    );
    assert!(
        s.sessions
            .iter()
            .all(|x| x.start.time().to_string() == "17:00:00" || x.title.contains("moved"))
    );
    assert!(
        !s.sessions
            .iter()
            .any(|x| x.start.date().to_string() == "2024-03-19")
    );
    let again = read_text(FORTNIGHTLY, "calls.ics").unwrap().schedule;
    let ids =
        |s: &lineup::model::Schedule| s.sessions.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&s), ids(&again), "ids are stable");
    // A rule without an end is cut at a year, and says so.
    let forever = FORTNIGHTLY
        .replace("COUNT=16", "FREQ=DAILY")
        .replace("FREQ=WEEKLY;INTERVAL=2;", "");
    let i = read_text(&forever, "daily.ics").unwrap();
    assert!(i.schedule.sessions.len() > 300 && i.schedule.sessions.len() <= 368);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.to_string().contains("recurs beyond what lineup keeps")),
        "{:?}",
        i.warnings
    );
    // A rule it cannot read keeps the event once, with a word.
    let bad = FORTNIGHTLY.replace("FREQ=WEEKLY;INTERVAL=2;COUNT=16", "FREQ=SOMETIMES");
    let i = read_text(&bad, "bad.ics").unwrap();
    assert_eq!(i.schedule.sessions.len(), 2);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.to_string().contains("cannot read"))
    );
}

/// An iCalendar file wrapped in an HTML comment, as a static-site generator writes it, was
/// refused: "cannot tell what kind of schedule this is".
#[test]
fn an_icalendar_file_inside_an_html_comment_reads() {
    let text = format!("\u{feff}<!--\n\n{FORTNIGHTLY}-->\n");
    let i = read_text(&text, "wrapped.ics").unwrap();
    assert_eq!(i.schedule.sessions.len(), 15);
    assert!(
        i.warnings.iter().any(|w| w
            .to_string()
            .contains("1 line before BEGIN:VCALENDAR and 1 line after")),
        "{:?}",
        i.warnings
    );
}

/// linux.conf.au's calendar names itself only in X-WR-CALDESC; lineup titled it from the
/// file name.
#[test]
fn a_calendar_named_only_in_its_description_takes_that_name() {
    let text = FORTNIGHTLY.replace(
        "VERSION:2.0\r\n",
        "VERSION:2.0\r\nX-WR-CALDESC:linux.conf.au 2031\r\n",
    );
    let s = read_text(&text, "schedule.ics").unwrap().schedule;
    assert_eq!(s.conference.title, "linux.conf.au 2031");
    let named = text.replace("X-WR-CALDESC", "X-WR-CALNAME:LCA\r\nX-WR-CALDESC");
    assert_eq!(
        read_text(&named, "schedule.ics")
            .unwrap()
            .schedule
            .conference
            .title,
        "LCA"
    );
}

/// A generated frab XML whose <event> holds <day>1</day> was refused ("day date `` is not
/// YYYY-MM-DD"); then its `2016-07-12T11:00:00+0200` (no colon in the offset) was refused too.
#[test]
fn a_day_inside_an_event_and_an_offset_without_a_colon_read() {
    let s = read_text(&fixture_text("generated.xml"), "generated.xml")
        .unwrap()
        .schedule;
    assert_eq!(s.sessions.len(), 1);
    let x = &s.sessions[0];
    assert_eq!(x.start.to_rfc3339(), "2016-07-12T11:00:00+02:00");
    assert_eq!(x.minutes(), 30);
    assert_eq!(x.language.as_deref(), Some("de"));
    assert_eq!(
        x.guid.as_deref(),
        Some("bbbbbbbb-0000-4000-8000-000000000007")
    );
}

/// EMF writes slots of a day or more as days:hours:minutes (`2:06:00`) beside `H:MM` for the
/// rest; lineup read them as H:MM:SS and ended two sessions two days early, without a word.
/// A three-part duration nothing in the file settles is read as H:MM:SS with a warning.
#[test]
fn three_part_durations_are_days_when_the_file_says_so() {
    let text = fixture_text("emf-durations.xml");
    let s = read_text(&text, "emf.xml").unwrap().schedule;
    let long = s.sessions.iter().find(|x| x.id == "2").unwrap();
    assert_eq!(long.minutes(), 2 * 1440 + 6 * 60);
    // Another producer's `0:40:00` (only a clock) says three parts are clocks.
    let clocks = text.replace("<duration>0:40</duration>", "<duration>0:40:00</duration>");
    let i = read_text(&clocks, "clocks.xml").unwrap();
    assert_eq!(
        i.schedule
            .sessions
            .iter()
            .find(|x| x.id == "2")
            .unwrap()
            .minutes(),
        126
    );
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    // Nothing tells: read as a clock, and said, naming the session.
    let unsure = text.replace("<duration>0:40</duration>", "<duration>1:00:00</duration>");
    let i = read_text(&unsure, "unsure.xml").unwrap();
    assert_eq!(
        i.schedule
            .sessions
            .iter()
            .find(|x| x.id == "2")
            .unwrap()
            .minutes(),
        126
    );
    let said: Vec<String> = i.warnings.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|w| w.contains("\"The long installation\"") && w.contains("2 days, 6 hours")),
        "{said:?}"
    );
}

/// A v2 JSON file full of events was refused as "the schedule holds no events"; pretalx's
/// xCal got "no <schedule> element"; Sessionize and Open Event "cannot tell what kind of
/// schedule this is". Each now reads.
#[test]
fn v2_xcal_sessionize_indico_and_open_event_files_read() {
    for (name, n) in [
        ("c3voc-v2.json", 3),
        ("schedule.xcal", 2),
        ("sessionize-all.json", 5),
        ("sessionize-grid.json", 3),
        ("indico.json", 2),
        ("open-event.json", 2),
        ("open-event-api.json", 1),
    ] {
        let i = read_text(&fixture_text(name), name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(i.schedule.sessions.len(), n, "{name}");
    }
}

/// A file lineup cannot read says what it looks like, never "holds no events" for a file full
/// of them.
#[test]
fn a_file_lineup_cannot_read_says_what_it_looks_like() {
    let feed = format!(
        "<?xml version=\"1.0\"?>\n<feed>{}</feed>\n",
        "<entry><title>t</title><when>2031-01-01T10:00</when></entry>".repeat(12)
    );
    let e = read_text(&feed, "feed.xml").unwrap_err().to_string();
    assert!(
        e.contains("unknown shape") && e.contains("12 `<entry>` elements"),
        "{e}"
    );
    let schedule_of_entries = feed.replace("feed>", "schedule>");
    let e = read_text(&schedule_of_entries, "s.xml")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("12 `<entry>` elements") && !e.contains("holds no events"),
        "{e}"
    );
    let json = r#"{"talks": [{"name": "x"}], "venue": "y"}"#;
    let e = read_text(json, "talks.json").unwrap_err().to_string();
    assert!(
        e.contains("a JSON object of an unknown shape") && e.contains("talks"),
        "{e}"
    );
    let html = "<!DOCTYPE html>\n<html><head><title>Schedule</title></head><body></body></html>";
    let e = read_text(html, "page.html").unwrap_err().to_string();
    assert!(e.contains("an HTML page"), "{e}");
    // Read as the wrong format, the message names the right one.
    let opts = Options {
        format: Some(import::Format::Json),
        ..Options::default()
    };
    let e = import::read_bytes(
        fixture_text("sessionize-all.json").as_bytes(),
        "s.json",
        &opts,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("a Sessionize export"), "{e}");
}

/// A recurring event with a long description, repeated at every minute, would have made 500
/// copies of it; the copies are bounded by what they hold, with a warning.
#[test]
fn recurring_copies_stay_bounded_by_what_the_file_is_worth() {
    let long = "x".repeat(2 * 1024 * 1024);
    let text = FORTNIGHTLY
        .replace("FREQ=WEEKLY;INTERVAL=2;COUNT=16", "FREQ=MINUTELY;COUNT=500")
        .replace(
            "SUMMARY:Fortnightly call\r\n",
            &format!("SUMMARY:Fortnightly call\r\nDESCRIPTION:{long}\r\n"),
        );
    let i = read_text(&text, "heavy.ics").unwrap();
    let copies = i
        .schedule
        .sessions
        .iter()
        .filter(|x| !x.title.contains("moved"))
        .count();
    assert!(copies <= 32, "{copies} copies of 2 MiB");
    assert!(
        i.warnings
            .iter()
            .any(|w| w.to_string().contains("recurs beyond"))
    );
}

/// A refresh said of a renumbered pick "your pick follows it", but the pick kept the old id and
/// showed as gone from the schedule; and a session renumbered and retitled at once was lost.
/// Now the pick follows, found by guid first.
#[test]
fn a_refresh_makes_picks_follow_renumbered_sessions_by_guid_first() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = h.join("renum.xml");
    let xml = |one: &str, title: &str, two: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<schedule><conference><title>Renum 2031</title><acronym>renum31</acronym><time_zone_name>Europe/Berlin</time_zone_name></conference>\n\
<day date=\"2031-01-10\"><room name=\"A\">\n\
<event id=\"{one}\" guid=\"aaaaaaaa-1111-4111-8111-000000000001\"><start>10:00</start><duration>00:30</duration><title>{title}</title><persons><person>X</person></persons></event>\n\
<event id=\"{two}\" guid=\"aaaaaaaa-1111-4111-8111-000000000002\"><start>11:00</start><duration>00:30</duration><title>Talk two</title></event>\n\
</room></day></schedule>\n"
        )
    };
    fs::write(&file, xml("1", "Talk one", "2")).unwrap();
    let env = |args: &[&str]| {
        let mut c = crate::library::env(h);
        c.args(args);
        c
    };
    stdout(&mut env(&["add", file.to_str().unwrap()]));
    stdout(&mut env(&["pick", "1", "2", "--priority", "must"]));
    // Both renumbered; the first retitled too: only its guid says it is the same talk.
    fs::write(&file, xml("101", "Talk one, retitled", "202")).unwrap();
    let report = stdout(&mut env(&["refresh"]));
    assert!(report.contains("your pick follows it"), "{report}");
    let agenda = stdout(&mut env(&["agenda", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&agenda).unwrap();
    let text = v.to_string();
    assert!(
        text.contains("\"101\"") && text.contains("\"202\""),
        "{agenda}"
    );
    assert!(!text.contains("missing"), "no pick is gone: {agenda}");
    let file = fs::read_to_string(h.join("data/lineup/agendas/renum31.json")).unwrap();
    assert_eq!(
        file.matches("\"must\"").count(),
        2,
        "the priority is kept: {file}"
    );
    // A guid is a session argument like an id.
    let shown = stdout(&mut env(&["show", "aaaaaaaa-1111-4111-8111-000000000002"]));
    assert!(
        shown.starts_with("Talk two") && shown.contains("Guid:"),
        "{shown}"
    );
    let out = stdout(&mut env(&[
        "unpick",
        "AAAAAAAA-1111-4111-8111-000000000002",
    ]));
    assert!(out.contains("unpicked: Talk two (202)"), "{out}");
}

/// A session's language is kept from every format that gives one, and read everywhere: the
/// details, `sessions` (a column, JSON, a filter), search, the exports.
#[test]
fn languages_are_shown_filtered_searched_and_exported() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let v2 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/c3voc-v2.json");
    let env = |args: &[&str]| {
        let mut c = crate::library::env(h);
        c.args(args);
        c
    };
    stdout(&mut env(&["add", v2.to_str().unwrap()]));
    let shown = stdout(&mut env(&["show", "AAAA11"]));
    assert!(shown.contains("Language: de (German)"), "{shown}");
    let de = stdout(&mut env(&["sessions", "--language", "German"]));
    assert_eq!(de.lines().count(), 1, "{de}");
    assert!(de.contains(" de ") && de.contains("Sterne"), "{de}");
    let en = stdout(&mut env(&["sessions", "--language", "EN", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&en).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v.as_array().unwrap().iter().all(|s| s["language"] == "en"));
    assert_eq!(v[1]["cancelled"], true);
    let found = stdout(&mut env(&["sessions", "--search", "german"]));
    assert!(found.contains("Sterne"), "{found}");
    let (code, _, err) = run(&mut env(&["sessions", "--language", "fr"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("de (German), en (English)"), "{err}");
    let ics = stdout(&mut env(&[
        "export",
        "--all",
        "--language",
        "de",
        "--format",
        "ics",
    ]));
    assert!(ics.contains("SUMMARY;LANGUAGE=de:Sterne zählen"), "{ics}");
    let md = stdout(&mut env(&["export", "--all", "--format", "md"]));
    assert!(md.contains("**Sterne zählen** (de)"), "{md}");
}

/// `lineup add` of a conference's web page (not an export) refused the HTML; now the schedule
/// the page links to is found, named and added, and a refresh fetches that schedule.
#[test]
fn adding_a_conference_page_adds_the_schedule_it_links_to() {
    use crate::library::{env, fails, ok};
    let server = crate::server::Server::start();
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let page = "<!DOCTYPE html>\n<html><head><title>Congress</title>\n\
<link rel=\"alternate\" type=\"application/vnd.c3voc.schedule+xml\" title=\"Fahrplan\" href=\"fahrplan/schedule.xml\">\n\
</head><body><a href=\"/about\">about</a></body></html>\n";
    server.route("/congress/", ok(page.as_bytes().to_vec(), &[]));
    server.route(
        "/congress/fahrplan/schedule.xml",
        ok(fixture_text("generated.xml").into_bytes(), &[]),
    );
    let out = stdout(env(h).args(["add", &server.url("/congress/")]));
    assert!(
        out.contains("is a web page; it links to the c3voc schedule XML")
            && out.contains("/congress/fahrplan/schedule.xml, taken"),
        "{out}"
    );
    assert!(out.contains("Generated Con 2016"), "{out}");
    let listed = stdout(env(h).arg("conferences"));
    assert!(listed.contains("Generated Con 2016"), "{listed}");
    stdout(env(h).arg("refresh"));
    assert!(
        server
            .last_request()
            .starts_with("GET /congress/fahrplan/schedule.xml ")
    );
    // A page that links to no schedule says what it would need.
    server.route(
        "/blog/",
        ok(
            b"<html><body><a href='/x'>x</a></body></html>".to_vec(),
            &[],
        ),
    );
    let e = fails(env(h).args(["add", &server.url("/blog/")]));
    assert!(
        e.contains("is a web page, and it links to no schedule"),
        "{e}"
    );
}

/// `h`/`l` drifted: ten rooms right and ten back on a 72-room day ended in another room at
/// another time (empty rooms were skipped, the time snapped to every long session met).
#[test]
fn ten_rooms_right_and_ten_left_return_to_the_same_room_and_time() {
    use lineup::tui::{Action, App, Command, update};
    let xml = crate::util::many_rooms_xml(72);
    let schedule = import::read_bytes(xml.as_bytes(), "many.xml", &Options::default())
        .unwrap()
        .schedule;
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2024-12-27T12:00:00+01:00").unwrap();
    let mut app = App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    // Room 04 at its fourth talk; rooms 7, 14 … are empty until 14:00, room 5 opens with three
    // hours.
    assert!(app.select_id("r4-3"));
    let (column, selected, scroll) = (app.column, app.selected, app.scroll_row);
    for _ in 0..10 {
        update(&mut app, Action::Do(Command::Right));
    }
    assert_eq!(app.column, column + 10, "one room a key, empty ones too");
    for _ in 0..10 {
        update(&mut app, Action::Do(Command::Left));
    }
    assert_eq!(
        (app.column, app.selected, app.scroll_row),
        (column, selected, scroll)
    );
}

/// The TUI on the built-in day at 120×40, as a person starts it.
fn pycon_app() -> lineup::tui::App {
    use lineup::tui::{Action, App, update};
    let schedule = lineup::native::default_schedule().unwrap();
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2012-03-08T12:00:00-08:00").unwrap();
    let mut app = App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

/// `+` at the finest zoom said nothing (nor `-` at the coarsest).
#[test]
fn zooming_past_the_last_zoom_says_so() {
    use lineup::tui::{Action, Command, update};
    let mut app = pycon_app();
    for _ in 0..8 {
        update(&mut app, Action::Do(Command::ZoomIn));
    }
    assert_eq!(app.said(), "already the finest zoom: 2 minutes per row");
    for _ in 0..8 {
        update(&mut app, Action::Do(Command::ZoomOut));
    }
    assert_eq!(app.said(), "already the coarsest zoom: 30 minutes per row");
}

/// After `n` the status line's "11 of 66" became "66 matches": where one is was lost.
#[test]
fn n_says_which_match_of_how_many() {
    use lineup::tui::{Action, Command, update};
    let mut app = pycon_app();
    update(&mut app, Action::Do(Command::StartSearch));
    for c in "test".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Do(Command::Submit));
    let n = app.matches.len();
    assert!(n > 2, "{n}");
    update(&mut app, Action::Do(Command::NextMatch));
    let said = app.said();
    let (at, rest) = said.split_once(" of ").unwrap_or_else(|| panic!("{said}"));
    assert!(
        at.parse::<usize>().is_ok_and(|k| (1..=n).contains(&k)),
        "{said}"
    );
    assert!(
        rest.starts_with(&format!("{n} matches for \"test\"")),
        "{said}"
    );
}

/// `R` said "no room E1" for a room only hidden, and listed nothing while typing.
#[test]
fn r_names_a_hidden_room_as_hidden_and_lists_rooms_while_typing() {
    use lineup::tui::{Action, Command, update};
    let mut app = pycon_app();
    let mut lens = app.lens.clone();
    lens.hidden_rooms.insert("E1".into());
    app.set_lens(lens);
    update(&mut app, Action::Do(Command::StartRoomJump));
    update(&mut app, Action::Input('e'));
    let prompt = lineup::tui::status::lines(&app, 120).join("\n");
    assert!(prompt.contains("→ E2 (+2 more: E3, E4)"), "{prompt}");
    update(&mut app, Action::Input('1'));
    let prompt = lineup::tui::status::lines(&app, 120).join("\n");
    assert!(prompt.contains("(no room of this day)"), "{prompt}");
    update(&mut app, Action::Do(Command::Submit));
    assert_eq!(app.said(), "E1 is hidden (H shows it again)");
}

/// `w` listed the talks of rooms hidden with `H` (and of tracks not chosen with `T`).
#[test]
fn now_and_next_follow_the_rooms_hidden() {
    let mut app = pycon_app();
    let now = lineup::model::Stamp::parse("2012-03-09T14:10:00-08:00").unwrap();
    let mut lens = app.lens.clone();
    lens.hidden_rooms.insert("E1".into());
    app.set_lens(lens);
    let rows = lineup::tui::now_rows::rows(&app, now);
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.session.map(|i| app.session(i).id.as_str()))
        .collect();
    assert!(!ids.contains(&"advanced-security-topics"), "{ids:?}");
    assert!(
        ids.contains(&"code-generation-in-python-dismantling-jinja"),
        "{ids:?}"
    );
}

/// Sessions overlapping in one room were drawn with wrong times: a later start cut the earlier
/// box (36C3: a 21:30–23:59 film "ended" at 23:20). Now they stand side by side, each whole.
#[test]
fn a_session_overlapping_another_in_its_room_keeps_its_true_end_on_screen() {
    use lineup::tui::{Action, App, update};
    let json = r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"film","title":"Film","time_zone":"Europe/Berlin","venue":null},
      "rooms":["Saal A"],
      "sessions":[
        {"id":"film","title":"Film","day":"2019-12-27","start":"2019-12-27T21:30:00+01:00","end":"2019-12-27T23:59:00+01:00","room":"Saal A"},
        {"id":"talk","title":"Talk","day":"2019-12-27","start":"2019-12-27T22:40:00+01:00","end":"2019-12-27T23:20:00+01:00","room":"Saal A"}
      ]}"#;
    let schedule = lineup::native::from_json(json, "film.json").unwrap();
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2019-12-01T12:00:00+01:00").unwrap();
    let mut app = App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 30,
        },
    );
    app.select_id("film");
    let rows = rendered(&app, 80, 30);
    let top = rows.iter().position(|r| r.contains("┏21:30")).unwrap();
    let bottom = rows.iter().rposition(|r| r.contains('┗')).unwrap();
    // 21:30 to 23:59 at 10 minutes a row: 15 rows, the last holding 23:50.
    assert_eq!(bottom - top, 14, "{}", rows.join("\n"));
}

/// The rows a terminal of `w`×`h` shows of the app.
fn rendered(app: &lineup::tui::App, w: u16, h: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| lineup::tui::view::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

/// A session's details ran 190 columns wide on a 200-column screen: hard to read.
#[test]
fn the_details_run_at_most_a_hundred_columns_on_a_wide_screen() {
    use lineup::tui::{Action, Command, update};
    let mut app = pycon_app();
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    app.select_id("code-generation-in-python-dismantling-jinja");
    update(&mut app, Action::Do(Command::Open));
    let rows = rendered(&app, 200, 60);
    let widest = rows
        .iter()
        .filter(|r| r.trim_start().starts_with('│'))
        .map(|r| r.trim().chars().count() - 2)
        .max()
        .unwrap();
    assert_eq!(widest, 100, "{}", rows.join("\n"));
    // The text is wrapped to that width, none of it lost.
    assert!(rows.iter().any(|r| r.contains("When   Friday 2012-03-09")));
}

/// An element name with a control character in a file of an unknown shape reached the message
/// as it was (found by the importer's fuzz test): names from the file are quoted and cleaned.
#[test]
fn an_unknown_root_element_s_name_is_quoted_clean_in_the_message() {
    let xml = "<?xml version=\"1.0\"?>\n<schedu\u{1e}e><x/><x/></schedu\u{1e}e>";
    let e = read_text(xml, "odd.xml").unwrap_err().to_string();
    assert!(!e.chars().any(char::is_control), "{e:?}");
    assert!(e.contains("unknown shape"), "{e}");
}

/// Hyphenated words broke after the hyphen's neighbour ("CCC-J│ahresrückblick"); they break
/// after the hyphen.
#[test]
fn a_hyphenated_word_breaks_after_its_hyphen() {
    assert_eq!(
        lineup::text::wrap("CCC-Jahresrückblick 2024", 17),
        ["CCC-", "Jahresrückblick", "2024"]
    );
}

/// `u` did not take back a room hidden with `H` (H Space Enter twice hid two rooms, and only
/// the chooser could bring them back).
#[test]
fn u_shows_again_the_rooms_just_hidden() {
    use lineup::tui::{Action, Command, Effect, update};
    let mut app = pycon_app();
    // H opens on the selected talk's room: twice hides that room, then the next one's.
    app.select_id("code-generation-in-python-dismantling-jinja");
    for _ in 0..2 {
        for c in [Command::ChooseRooms, Command::TogglePick, Command::Close] {
            update(&mut app, Action::Do(c));
        }
    }
    assert_eq!(
        app.lens.hidden_rooms.len(),
        2,
        "{:?}",
        app.lens.hidden_rooms
    );
    let effects = update(&mut app, Action::Do(Command::Undo));
    assert_eq!(app.lens.hidden_rooms.len(), 1);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::SaveHiddenRooms(h) if h.len() == 1)),
        "remembered for the conference: {effects:?}"
    );
    assert_eq!(
        app.said(),
        "undone: the rooms as they were: 1 hidden (1 more to undo)"
    );
    update(&mut app, Action::Do(Command::Undo));
    assert!(app.lens.hidden_rooms.is_empty());
    assert_eq!(app.said(), "undone: every room shown again");
}

/// `E` from the plan closed the plan: the export now returns to the screen it was started from,
/// drawn behind the prompt meanwhile.
#[test]
fn an_export_started_from_the_plan_returns_to_the_plan() {
    use lineup::tui::{Action, Command, Mode, update};
    let mut app = pycon_app();
    app.select_id("code-generation-in-python-dismantling-jinja");
    update(&mut app, Action::Do(Command::TogglePick));
    update(&mut app, Action::Do(Command::ShowPlan));
    update(&mut app, Action::Do(Command::StartPlanExport));
    assert!(matches!(app.mode, Mode::Export { .. }));
    assert!(
        rendered(&app, 120, 40)
            .iter()
            .any(|r| r.contains("The plan"))
    );
    update(&mut app, Action::Do(Command::Close));
    assert_eq!(app.mode, Mode::Plan { cursor: 0 });
    // Written, and asked whether to replace a file: back to the plan either way.
    update(&mut app, Action::Do(Command::StartPlanExport));
    update(&mut app, Action::Do(Command::Submit));
    assert_eq!(app.mode, Mode::Plan { cursor: 0 });
    update(&mut app, Action::AskReplace("~/x.ics".into()));
    update(&mut app, Action::Do(Command::Confirm));
    assert_eq!(app.mode, Mode::Plan { cursor: 0 });
}

/// Room names were cut to 9–12 columns in `w` and `gaps` even on a wide screen: at 11, 21 of
/// 38C3's 72 rooms read alike. They are now as wide as the widest listed (up to 32).
#[test]
fn now_and_next_and_gaps_show_room_names_whole() {
    let json = r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"rooms","title":"Rooms","time_zone":"Europe/Brussels","venue":null},
      "rooms":["UB2.252A (Lameere)","UB2.252B (Lameere)"],
      "sessions":[
        {"id":"a","title":"In A","day":"2026-02-01","start":"2026-02-01T10:00:00+01:00","end":"2026-02-01T11:00:00+01:00","room":"UB2.252A (Lameere)"},
        {"id":"b","title":"In B","day":"2026-02-01","start":"2026-02-01T10:00:00+01:00","end":"2026-02-01T11:00:00+01:00","room":"UB2.252B (Lameere)"},
        {"id":"c","title":"Later","day":"2026-02-01","start":"2026-02-01T12:00:00+01:00","end":"2026-02-01T13:00:00+01:00","room":"UB2.252A (Lameere)"}
      ]}"#;
    let schedule = lineup::native::from_json(json, "rooms.json").unwrap();
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2026-02-01T10:30:00+01:00").unwrap();
    let app = lineup::tui::App::new(schedule, agenda, clock);
    let now = lineup::model::Stamp::parse("2026-02-01T10:30:00+01:00").unwrap();
    let rows = lineup::tui::now_rows::rows(&app, now);
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("UB2.252A (Lameere)  In A")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("UB2.252B (Lameere)  In B")),
        "{texts:#?}"
    );
}

/// Titles with emoji sequences (🏳️‍⚧️, 🏴‍☠️, ❤️) left stale cells: lineup counted them two
/// columns, tmux one, and every cell after drifted ("halblegale und" showed as
/// "halblegaleund"). No frame sends a variation selector or a joiner now; the tmux test
/// `emoji_sequences_in_titles_leave_no_stale_cell_in_tmux` checks the pane.
#[test]
fn no_frame_sends_a_variation_selector_or_a_joiner() {
    use lineup::tui::{Action, App, update};
    let json = r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"e","title":"E ❤️","time_zone":"Europe/Berlin","venue":null},
      "rooms":["A 🏳️‍⚧️"],
      "sessions":[{"id":"a","title":"🏳️‍⚧️ halblegale und ❤️","day":"2024-12-27","start":"2024-12-27T10:00:00+01:00","end":"2024-12-27T11:00:00+01:00","room":"A 🏳️‍⚧️"}]}"#;
    let schedule = lineup::native::from_json(json, "e.json").unwrap();
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2024-12-01T12:00:00+01:00").unwrap();
    let mut app = App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    for rows in [rendered(&app, 80, 24), {
        update(&mut app, Action::Do(lineup::tui::Command::Open));
        rendered(&app, 80, 24)
    }] {
        let all = rows.join("\n");
        assert!(!all.contains(['\u{fe0f}', '\u{200d}']), "{all}");
        assert!(all.contains("halblegale"), "{all}");
    }
}

/// The room row's "◀ more" ran into the first room's name ("◀ moreUB2.252A (Lameer…"): it is
/// "◀ N" now, the rooms to the left counted, with a column to spare before the names.
#[test]
fn the_rooms_to_the_left_are_counted_apart_from_the_first_name() {
    use lineup::tui::{Action, App, Command, update};
    let xml = crate::util::many_rooms_xml(72);
    let schedule = import::read_bytes(xml.as_bytes(), "many.xml", &Options::default())
        .unwrap()
        .schedule;
    let agenda = Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2024-12-01T12:00:00+01:00").unwrap();
    let mut app = App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    for _ in 0..12 {
        update(&mut app, Action::Do(Command::Right));
    }
    let rows = rendered(&app, 80, 24);
    let room_row: Vec<char> = rows[1].chars().collect();
    let left: String = room_row[..5].iter().collect();
    assert!(
        left.starts_with("◀ ") && left.trim_end().len() > 2,
        "{}",
        rows[1]
    );
    assert_eq!(room_row[5], ' ', "a column before the names: {}", rows[1]);
}

/// The plan's reasons were cut at the screen's edge ("clashes w…"): a pick left out now has its
/// reasons wrapped under its mark, whole.
#[test]
fn a_plan_reason_wraps_instead_of_being_cut() {
    use lineup::tui::{Action, Command, update};
    let mut app = pycon_app();
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    for (id, c) in [
        ("advanced-security-topics", Command::Must),
        (
            "code-generation-in-python-dismantling-jinja",
            Command::TogglePick,
        ),
    ] {
        app.select_id(id);
        update(&mut app, Action::Do(c));
    }
    update(&mut app, Action::Do(Command::ShowPlan));
    let rows = rendered(&app, 80, 24).join("\n");
    assert!(rows.contains("for 40 min"), "{rows}");
    assert!(!rows.contains("clashes w…"), "{rows}");
}

/// The tab row clipped days (three of six at 80 columns, "‹" before them) with 13 columns to
/// spare, and cut the conference's name at a third of the row even when every day fitted.
#[test]
fn the_tab_row_shows_every_day_it_has_room_for_and_the_title_whole_when_it_fits() {
    use lineup::tui::geometry::tab_row;
    let mut app = pycon_app();
    let row = tab_row(&app, 120);
    assert_eq!(
        row.title.trim_end(),
        " PyCon US 2012 · PST",
        "{}",
        row.title
    );
    assert_eq!((row.from, row.to), (0, app.days.len()));
    // Six days at 80 columns: screen::six_day_tabs_at_80_columns_… checks every day shows.
    let _ = &mut app;
}

/// `schedule` stored in a cache in `dir/c`, with the meta of its copy.
fn stored_in_cache(
    dir: &Path,
    schedule: &lineup::model::Schedule,
) -> (
    lineup::workspace::cache::Cache,
    lineup::workspace::cache::Meta,
) {
    use lineup::workspace::cache::{Cache, Cached, Meta};
    let cache = Cache::at(dir.join("c"));
    let meta = Meta {
        version: 1,
        fetched: chrono::Utc::now(),
        url: None,
        validators: Default::default(),
        size: 0,
        file: String::new(),
    };
    let cached = Cached {
        schedule: schedule.clone(),
        notes: Vec::new(),
        floating: false,
        index: None,
    };
    let meta = cache.store(b"source", &meta, &cached, None).unwrap();
    (cache, meta)
}

/// Reopening a cached conference decoded and copied every text of every session (150 MB and
/// 72 ms at 100,000 talks, more than parsing the XML held); now the texts stay in the mapped
/// cache until read: opening allocates the sessions' records, not their texts.
#[test]
fn a_cached_schedule_opens_without_copying_its_texts() {
    let mut schedule = lineup::native::default_schedule().unwrap();
    for (k, s) in schedule.sessions.iter_mut().enumerate() {
        s.abstract_text = format!("{k} {}", "An abstract that goes on. ".repeat(400)).into();
    }
    let texts: usize = schedule
        .sessions
        .iter()
        .map(|s| s.title.len() + s.abstract_text.len() + s.description.len())
        .sum();
    let dir = tempfile::tempdir().unwrap();
    let (cache, meta) = stored_in_cache(dir.path(), &schedule);
    let before = crate::alloc::allocated();
    let (back, check) = cache.schedule(&meta, None).unwrap();
    let spent = crate::alloc::allocated() - before;
    assert!(
        (spent as usize) < texts / 4,
        "opening allocated {spent} bytes for {texts} bytes of text"
    );
    assert!(check.passes());
    assert_eq!(back.schedule, schedule, "and reads as what was stored");
    let index = back.index.unwrap();
    let found = index.find(&lineup::model::search::Query::new("dismantling"));
    assert_eq!(
        found.len(),
        1,
        "searched at once with the index kept with it"
    );
}

/// The CRC-32 of `schedule.bin` covered the sessions' part, not the head before it: a byte
/// changed in the conference's name (or where the sessions lie) opened, and passed its check.
/// The head has a checksum of its own now, checked as it is opened.
#[test]
fn a_changed_byte_in_the_cache_head_refuses_the_copy() {
    let schedule = lineup::native::default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cache, meta) = stored_in_cache(dir.path(), &schedule);
    let (back, check) = cache.schedule(&meta, None).unwrap();
    assert!(check.passes());
    assert_eq!(back.schedule, schedule);
    let bin = dir.path().join("c").join("schedule.bin");
    let mut bytes = fs::read(&bin).unwrap();
    let title = schedule.conference.title.as_bytes();
    let at = bytes.windows(title.len()).position(|w| w == title).unwrap();
    bytes[at] ^= 1;
    fs::write(&bin, &bytes).unwrap();
    let opened = cache.schedule(&meta, None);
    assert!(
        opened.is_none_or(|(c, check)| !check.passes() && c.schedule == schedule),
        "a changed head is refused, never shown as the conference"
    );
}

/// A cache changed behind lineup's back (a bit flipped on disk, a file edited) must never be
/// shown as the schedule: its checksum fails and it is made again from the source copy.
#[test]
fn a_damaged_cache_is_made_again_from_its_source_copy() {
    use crate::library::env;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = h.join("s.xml");
    fs::write(&file, many_events(10, 7)).unwrap();
    stdout(env(h).args(["add", file.to_str().unwrap()]));
    let bin = cache_of(h, "conf30").join("schedule.bin");
    let mut bytes = fs::read(&bin).unwrap();
    let at = bytes.windows(9).position(|w| w == b"Talk 3 v7").unwrap();
    bytes[at + 5] = b'X';
    fs::write(&bin, &bytes).unwrap();
    let sessions = stdout(env(h).arg("sessions"));
    assert!(sessions.contains("Talk 3 v7"), "{sessions}");
    assert!(!sessions.contains("Talk X v7"), "{sessions}");
    let again = fs::read(&bin).unwrap();
    assert!(
        again.windows(9).any(|w| w == b"Talk 3 v7"),
        "schedule.bin is written again"
    );
}

/// A damaged count of a session's speakers in the cache (the last four bytes of its record)
/// made lineup ask for room for that many names before finding them missing: at four billion
/// the allocation failed and the process aborted. Opening for the TUI decodes before the
/// checksum is read (beside the first frame), so a damaged copy reached it. The record is
/// refused now.
#[test]
fn a_damaged_speakers_count_in_the_cache_is_refused_not_a_crash() {
    let schedule = lineup::native::default_schedule().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cache, meta) = stored_in_cache(dir.path(), &schedule);
    let bin = dir.path().join("c").join("schedule.bin");
    let mut bytes = fs::read(&bin).unwrap();
    // The magic (8 bytes), the lead's length and checksum, the lead, then the records of
    // 129 bytes, each ending in its count of speakers.
    assert_eq!(&bytes[..8], b"lineup\x00c", "the layout this test reads");
    let lead = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let count = 16 + lead + 129 - 4;
    assert_eq!(
        bytes[count..count + 4],
        (schedule.sessions[0].speakers.len() as u32).to_le_bytes(),
        "a count where the layout puts it"
    );
    bytes[count..count + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    fs::write(&bin, &bytes).unwrap();
    assert!(cache.schedule(&meta, None).is_none());
}

/// The TUI checks its cache beside the event loop; when the check fails the schedule read
/// again replaces the one shown, and it says why (the time fetched stays the copy's).
#[test]
fn the_tui_takes_the_schedule_read_again_after_a_failed_cache_check() {
    use lineup::tui::said::Said;
    use lineup::tui::{Action, update};
    let mut app = pycon_app();
    let fetched = app.fetched;
    let mut again = (**app.schedule()).clone();
    again.sessions[0].title = "Read again".into();
    update(
        &mut app,
        Action::CacheRebuilt {
            schedule: Some(std::sync::Arc::new(again)),
            message: Said::CacheRebuilt {
                id: "pycon".into(),
                reason: None,
            },
        },
    );
    assert_eq!(app.schedule().sessions[0].title, "Read again");
    assert_eq!(app.fetched, fetched);
    let rows = rendered(&app, 120, 40).join("\n");
    assert!(rows.contains("cached copy was damaged"), "{rows}");
}

/// A frab JSON day's events waited as drafts until the day's end before becoming sessions, so
/// reading a 123 MB file held a day of drafts beside the sessions (1.08 times the file at
/// 100,000 talks). Now each event becomes a session as it is read, once its day's date and
/// start are known: reading holds the sessions and little more.
#[test]
fn a_frab_json_stream_holds_its_sessions_not_a_day_of_drafts_beside_them() {
    let events: Vec<serde_json::Value> = (0..2000)
        .map(|k| {
            serde_json::json!({
                "id": k, "guid": format!("g{k}"), "date": "2020-03-28T11:00:00+01:00",
                "start": "11:00", "duration": "00:30", "room": "Saal 1",
                "title": format!("Talk {k}"), "persons": [],
                "abstract": format!("{k} {}", "An abstract that goes on. ".repeat(40)),
            })
        })
        .collect();
    let doc = serde_json::json!({"schedule": {"conference": {
        "title": "One day", "time_zone_name": "Europe/Berlin",
        "days": [{"date": "2020-03-28", "day_start": "2020-03-28T10:00:00+01:00",
                  "rooms": {"Saal 1": events}}]}}});
    let bytes = serde_json::to_vec(&doc).unwrap();
    let opts = lineup::import::Options::default();
    let (read, kept, peak) =
        crate::alloc::held_by(|| lineup::import::read_json(bytes.as_slice(), "x.json", &opts));
    assert_eq!(read.unwrap().schedule.sessions.len(), 2000);
    assert!(
        peak - kept < kept / 5,
        "held {kept} bytes after reading, {peak} at most while reading"
    );
}

/// Collecting the speakers' `Vec<String>` into `Vec<Str>` reused the first buffer, so each
/// session kept room for 12 to 36 names (96 to 288 bytes; 19 MB of a frab JSON file's 100,000
/// talks). Every reader's lists now hold their number.
#[test]
fn a_sessions_speakers_take_the_room_they_need() {
    for name in [
        "frab.xml",
        "frab.json",
        "pretalx.ics",
        "schedule.xcal",
        "sessionize-all.json",
        "indico.json",
        "open-event.json",
    ] {
        let text = fixture_text(name);
        let read =
            lineup::import::read_bytes(text.as_bytes(), name, &lineup::import::Options::default())
                .unwrap();
        let listed: usize = read
            .schedule
            .sessions
            .iter()
            .map(|s| s.speakers.len())
            .sum();
        assert!(listed > 0, "{name} names speakers");
    }
    // The list is now a boxed slice, which holds its number by its type (and 8 bytes less a
    // session than a `Vec`): a session's size is a budget, 100,000 of them at a time.
    assert_eq!(std::mem::size_of::<lineup::model::Session>(), 144);
}

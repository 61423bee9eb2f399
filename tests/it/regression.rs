//! One test per bug fixed, each named for what it guards. Most drive the real binary the way
//! the bug was first seen.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lineup::agenda::{Agenda, Plan};
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
        s.id = format!("p{i:05}");
        s.start = s.start.plus_minutes(i % 500);
        lineup::agenda::Pick::of(&s, chrono::Utc::now())
    });
    let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
    let text = agenda.to_json().unwrap();
    let back = Agenda::from_json(&text, Path::new("a.json")).unwrap();
    assert_eq!(back.len(), 20_000);
    assert_eq!(back, agenda);
    let plan = Plan::build(&schedule, &back, None);
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
    mine.apply(&mut app.agenda);
    app.picks_changed(&mine);
    // The saver's answer for our own change: the same picks.
    let same = app.agenda.clone();
    update(&mut app, Action::AgendaSaved(same));
    assert_eq!(app.pick_counts(), (1, 0));
    // Another copy picked a talk: the saved agenda has it, and so must the plan and the grid.
    let mut theirs = app.agenda.clone();
    Op::Pick(Pick::of(security, chrono::Utc::now())).apply(&mut theirs);
    update(&mut app, Action::AgendaSaved(theirs));
    assert_eq!(app.pick_counts().0, 2);
    let i = app.index_of(SECURITY).unwrap();
    assert!(app.picked.contains(&i));
}

/// `lineup pick` of a long list of ids found each by scanning every session (ids × sessions);
/// now exact ids go through an index. The answer must stay the same: each id picked once, in
/// the order given, title pieces still resolved.
#[test]
fn picking_many_ids_at_once_picks_each_and_still_takes_title_pieces() {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("a.json");
    let schedule = lineup::native::default_schedule().unwrap();
    let mut args: Vec<String> = schedule.sessions.iter().map(|s| s.id.clone()).collect();
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
    let wall = |app: &App| app.schedule.sessions[0].start.time().to_string();
    assert_eq!(wall(&app), "09:00:00");
    assert_eq!(
        lineup::tui::geometry::zone_label(&app).as_deref(),
        Some("UTC-08:00")
    );
    update(&mut app, Action::Do(Command::SwitchZone));
    assert_eq!(wall(&app), "02:00:00");
    update(&mut app, Action::Do(Command::SwitchZone));
    assert_eq!(app.zone, 0, "{}", app.message);
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

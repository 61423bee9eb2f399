//! Reminders: `lineup remind --once` with a fake clock (`--now`), through the command mode
//! (what the command is given) and through a real session bus the test starts (what goes out
//! on it, seen by `dbus-monitor`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::lineup;

const JINJA: &str = "code-generation-in-python-dismantling-jinja";
const CLASSES: &str = "stop-writing-classes";

fn setup(h: &Path) -> std::path::PathBuf {
    let agenda = h.join("agenda.json");
    std::fs::create_dir_all(h.join("config/lineup")).unwrap();
    std::fs::write(h.join("config/lineup/config.toml"), "[grid]\nwalk = 4\n").unwrap();
    lineup(h)
        .args(["--agenda", agenda.to_str().unwrap(), "pick", CLASSES, JINJA])
        .assert()
        .success();
    agenda
}

#[test]
fn a_command_is_given_the_reminder_in_variables_and_nothing_is_sent_twice() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = setup(h);
    let out = h.join("sent.txt");
    // The title reaches the command as a variable: its text is never shell.
    let cmd = format!(
        "printf '%s|%s|%s|%s|%s|%s\\n' \"$LINEUP_TITLE\" \"$LINEUP_PLACE\" \"$LINEUP_START\" \"$LINEUP_FROM\" \"$LINEUP_WALK\" \"$LINEUP_KIND\" >> {}",
        out.display()
    );
    let run = |now: &str| {
        lineup(h)
            .args(["--agenda", agenda.to_str().unwrap(), "--now", now])
            .args(["remind", "--once", "--command", &cmd])
            .output()
            .unwrap()
    };
    // Five minutes before 14:00 (the default), Jinja is due: in E2, walking from E3.
    let first = run("2012-03-09T13:55");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let said = String::from_utf8_lossy(&first.stdout);
    assert_eq!(
        said,
        "in 5 min: \"Code Generation in Python: Dismantling Jinja\" at 14:00, E2 (4 min walk from E3)\n"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "Code Generation in Python: Dismantling Jinja|E2|14:00|E3|4|talk\n"
    );
    // A minute later (--once is run every minute) it is not sent again; at 13:50, not yet.
    assert!(run("2012-03-09T13:56").stdout.is_empty());
    assert!(run("2012-03-09T13:50").stdout.is_empty());
    // An event of your own is reminded of too; an unpicked talk no more.
    lineup(h)
        .args(["--agenda", agenda.to_str().unwrap()])
        .args(["event", "add", "Call home", "fri", "16:00-16:15"])
        .assert()
        .success();
    let ev = run("2012-03-09T15:55");
    assert!(
        String::from_utf8_lossy(&ev.stdout)
            .starts_with("in 5 min: your event \"Call home\" at 16:00"),
        "{}",
        String::from_utf8_lossy(&ev.stdout)
    );
    lineup(h)
        .args(["--agenda", agenda.to_str().unwrap(), "unpick", JINJA])
        .assert()
        .success();
    assert!(run("2012-03-09T13:55").stdout.is_empty());
}

/// Starts a private session bus; its address, and the daemon to kill.
fn session_bus() -> Option<(String, std::process::Child)> {
    let mut daemon = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut line = String::new();
    let mut out = std::io::BufReader::new(daemon.stdout.take()?);
    std::io::BufRead::read_line(&mut out, &mut line).ok()?;
    Some((line.trim().to_string(), daemon))
}

#[test]
fn a_desktop_notification_goes_out_on_the_session_bus() {
    let Some((address, mut daemon)) = session_bus() else {
        // CI installs dbus-daemon (see .ci/run); elsewhere say so rather than pass silently.
        assert!(std::env::var_os("CI").is_none(), "CI must have dbus-daemon");
        eprintln!("skipped: no dbus-daemon here to start a session bus");
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = setup(h);
    let seen = h.join("monitor.txt");
    let mut monitor = Command::new("dbus-monitor")
        .args([
            "--address",
            &address,
            "interface='org.freedesktop.Notifications'",
        ])
        .stdout(Stdio::from(std::fs::File::create(&seen).unwrap()))
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-monitor (CI installs dbus-bin)");
    // The monitor is listening once it has said so.
    let start = Instant::now();
    while std::fs::read_to_string(&seen)
        .unwrap_or_default()
        .is_empty()
        && start.elapsed() < Duration::from_secs(5)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    // No notification server runs on this bus: the call goes out and fails, said on stderr.
    let run = lineup(h)
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .args([
            "--agenda",
            agenda.to_str().unwrap(),
            "--now",
            "2012-03-09T13:55",
        ])
        .args(["remind", "--once"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let start = Instant::now();
    let mut text = String::new();
    while start.elapsed() < Duration::from_secs(5) {
        text = std::fs::read_to_string(&seen).unwrap_or_default();
        if text.contains("Dismantling Jinja") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = monitor.kill();
    let _ = monitor.wait();
    let _ = daemon.kill();
    let _ = daemon.wait();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(text.contains("member=Notify"), "{text}");
    assert!(text.contains("string \"lineup\""), "{text}");
    assert!(
        text.contains("in 5 min: \\\"Code Generation in Python: Dismantling Jinja\\\" at 14:00, E2 (4 min walk from E3)")
            || text.contains("in 5 min: \"Code Generation in Python: Dismantling Jinja\" at 14:00, E2 (4 min walk from E3)"),
        "{text}"
    );
}

#[test]
fn the_tui_shows_the_next_planned_talk_in_the_status_line_and_rings_once_if_asked() {
    use lineup::tui::{Action, Command, Effect, update};
    let schedule = lineup::native::default_schedule().unwrap();
    let agenda = lineup::agenda::Agenda::new((&schedule.conference).into());
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    let mut app = lineup::tui::App::new(schedule, agenda, at("2012-03-09T13:50:00-08:00"));
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app.bell = true;
    assert!(app.select_id(JINJA));
    update(&mut app, Action::Do(Command::TogglePick));
    update(&mut app, Action::Do(Command::Close));
    // Ten minutes ahead: nothing yet.
    assert!(update(&mut app, Action::Tick(at("2012-03-09T13:50:00-08:00"))).is_empty());
    assert!(app.reminder.is_none());
    app.message = Default::default();
    let effects = update(&mut app, Action::Tick(at("2012-03-09T13:56:00-08:00")));
    assert_eq!(effects, [Effect::Bell]);
    let line = lineup::tui::status::lines(&app, 120).join("\n");
    assert!(
        line.contains("in 4 min: \"Code Generation in Python: Dismantling Jinja\" at 14:00, E2"),
        "{line}"
    );
    // The same reminder rings once.
    assert!(update(&mut app, Action::Tick(at("2012-03-09T13:57:00-08:00"))).is_empty());
    // Once it starts, the banner goes.
    update(&mut app, Action::Tick(at("2012-03-09T14:00:00-08:00")));
    assert!(app.reminder.is_none());
}

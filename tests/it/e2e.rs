//! End to end: the real binary in a real terminal (tmux): move, pick two talks that clash, open
//! the agenda, quit; then check the screen and the agenda file on disk.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use lineup::agenda::Agenda;

pub(crate) struct Tmux {
    pub(crate) socket: String,
}

impl Tmux {
    pub(crate) fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    }

    pub(crate) fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "e2e", k]);
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    pub(crate) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    pub(crate) fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(what) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never saw {what:?} on:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.cmd(&["kill-server"]);
    }
}

pub(crate) fn tmux_available() -> bool {
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => true,
        _ => {
            // CI installs tmux (see .ci/run), so there it must be present.
            assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
            eprintln!("SKIPPED: tmux is not installed; install it to run the end-to-end test");
            false
        }
    }
}

fn picks(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    Agenda::from_json(&text, path)
        .unwrap()
        .picks()
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

#[test]
fn pick_two_clashing_talks_in_tmux() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let agenda = home.path().join("agenda.json");
    let tmux = Tmux {
        socket: format!("lineup-e2e-{}", std::process::id()),
    };
    let args = format!("--agenda {} --now 2012-03-09T14:10", agenda.display());
    start(&tmux, home.path(), &args, (120, 40));
    tmux.cmd(&["set-option", "-t", "e2e", "remain-on-exit", "on"]);

    // It opens at "now" (14:10), on Advanced Security Topics in E1.
    let first = tmux.wait_for("now──");
    assert!(
        first.contains("PyCon US 2012") && first.contains("Advanced"),
        "{first}"
    );

    // Pick it, move right to Code Generation (E2, overlapping) and pick that too.
    tmux.keys(&["Space", "l", "Space"]);
    let grid = tmux.wait_for("2 picks · 1 clash");
    assert!(grid.contains("‼ Code"), "{grid}");
    assert_eq!(
        picks(&agenda),
        [
            "advanced-security-topics",
            "code-generation-in-python-dismantling-jinja"
        ]
    );

    // The agenda view flags the clash with its minutes.
    tmux.keys(&["a"]);
    let view = tmux.wait_for("My agenda");
    assert!(
        view.contains("!! clashes 40 min with Code Generation"),
        "{view}"
    );

    // Help lists the keys from the same table.
    tmux.keys(&["Escape", "?"]);
    let help = tmux.wait_for("Keys");
    assert!(help.contains("pick or unpick the session"), "{help}");

    // Export from the TUI: e offers ~/pycon-us-2012-agenda.ics, Enter writes it.
    tmux.keys(&["Escape", "e"]);
    tmux.wait_for("Export to: ~/pycon-us-2012-agenda.ics");
    tmux.keys(&["Enter"]);
    let done = tmux.wait_for("exported 2 picks");
    assert!(done.contains("pycon-us-2012-agenda.ics"), "{done}");
    let ics = std::fs::read_to_string(home.path().join("pycon-us-2012-agenda.ics")).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);

    // Exporting again asks before replacing the file; "n" goes back to the name, "y" replaces.
    tmux.keys(&["e", "Enter"]);
    tmux.wait_for("exists: replace it?");
    tmux.keys(&["n"]);
    tmux.wait_for("Export to: ~/pycon-us-2012-agenda.ics");
    tmux.keys(&["Enter"]);
    tmux.wait_for("exists: replace it?");
    tmux.keys(&["y"]);
    tmux.wait_for("exported 2 picks");

    // Too small: the screen says so, and keys that would move or pick do nothing.
    tmux.cmd(&["resize-window", "-t", "e2e", "-x", "30", "-y", "8"]);
    tmux.wait_for("too small");
    tmux.keys(&["j", "Space", "j", "Space"]);
    assert_eq!(
        picks(&agenda).len(),
        2,
        "nothing was picked behind the message"
    );
    tmux.cmd(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"]);
    tmux.wait_for("2 picks · 1 clash");

    // Quit: the picks stay on disk and the terminal is back to normal (alternate screen left).
    tmux.keys(&["q"]);
    let start = Instant::now();
    loop {
        let dead = tmux.cmd(&["display-message", "-p", "-t", "e2e", "#{pane_dead}"]);
        if String::from_utf8_lossy(&dead.stdout).trim() == "1" {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "lineup did not quit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let after = tmux.screen();
    assert!(
        !after.contains("My agenda") && !after.contains("Keys ·"),
        "{after}"
    );
    assert_eq!(picks(&agenda).len(), 2);
}

#[test]
fn opens_at_now_after_midnight_on_a_schedule_without_a_zone() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let schedule = home.path().join("night.json");
    std::fs::write(
        &schedule,
        r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"night","title":"Night Conf","time_zone":null},
      "rooms":["Saal 1"],
      "sessions":[
        {"id":"eve","title":"Evening talk","day":"2016-12-27","start":"2016-12-27T22:00:00","end":"2016-12-27T23:30:00","room":"Saal 1"},
        {"id":"owl","title":"Night owl talk","day":"2016-12-27","start":"2016-12-28T00:15:00","end":"2016-12-28T01:00:00","room":"Saal 1"},
        {"id":"morning","title":"Day two morning","day":"2016-12-28","start":"2016-12-28T11:00:00","end":"2016-12-28T12:00:00","room":"Saal 1"}
      ]}"#,
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("lineup-e2e-night-{}", std::process::id()),
    };
    let args = format!(
        "--schedule {} --agenda {} --now 2016-12-28T00:30",
        schedule.display(),
        home.path().join("a.json").display()
    );
    start(&tmux, home.path(), &args, (80, 24));
    // The first day, with the now line, the night owl talk selected (heavy edges).
    let screen = tmux.wait_for("now──");
    assert!(
        screen.contains("Tue 27 Dec") && screen.contains("┏00:15 Night owl talk"),
        "{screen}"
    );
    tmux.keys(&["q"]);
}

/// Starts the real binary in a new tmux session of `width`×`height` with HOME and the data
/// folder in `home`.
fn start(tmux: &Tmux, home: &Path, args: &str, (width, height): (u16, u16)) {
    let command = format!(
        "env HOME={home} XDG_DATA_HOME={home}/data NO_COLOR=1 TERM=xterm-256color {bin} {args}",
        home = home.display(),
        bin = assert_cmd::cargo::cargo_bin("lineup").display(),
    );
    let out = tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        &width.to_string(),
        "-y",
        &height.to_string(),
        &command,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rooms_hidden_are_remembered_for_the_conference() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let args = format!(
        "--agenda {} --now 2012-03-09T14:10",
        home.path().join("a.json").display()
    );
    let tmux = Tmux {
        socket: format!("lineup-e2e-rooms-{}", std::process::id()),
    };
    start(&tmux, home.path(), &args, (120, 40));
    let grid = tmux.wait_for("now──");
    assert!(grid.contains(" E1 "), "{grid}");
    // H opens the rooms on the selected session's (E1); Space hides it, behind the list too.
    tmux.keys(&["H"]);
    tmux.wait_for("Rooms: 5 of 5 shown");
    tmux.keys(&["Space"]);
    tmux.wait_for("Rooms: 4 of 5 shown");
    tmux.keys(&["Enter"]);
    let hidden = tmux.wait_for("1 room hidden");
    assert!(!hidden.contains(" E1 "), "{hidden}");
    tmux.keys(&["q"]);
    let file = home.path().join("data/lineup/views/pycon-us-2012.json");
    let start_wait = Instant::now();
    while !file.exists() {
        assert!(
            start_wait.elapsed() < Duration::from_secs(10),
            "no {file:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"E1\""));
    tmux.cmd(&["kill-server"]);

    // Opened again, E1 is still hidden; its talks are still found, and shown in their details.
    let tmux = Tmux {
        socket: format!("lineup-e2e-rooms2-{}", std::process::id()),
    };
    start(&tmux, home.path(), &args, (120, 40));
    let again = tmux.wait_for("1 room hidden");
    assert!(!again.contains(" E1 ") && again.contains(" E2 "), "{again}");
    tmux.keys(&["/", "advanced security", "Enter"]);
    let detail = tmux.wait_for("not in the grid: its room is hidden");
    assert!(detail.contains("Advanced Security Topics"), "{detail}");
    tmux.keys(&["q"]);
}

/// The screen without its last row (the status line, which says what each key did).
fn body(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

/// The screen's body once it has stopped changing (two captures alike, 150 ms apart): the keys
/// sent are all drawn, however busy the machine.
fn settled(tmux: &Tmux) -> String {
    let start = Instant::now();
    let mut last = body(&tmux.screen());
    loop {
        std::thread::sleep(Duration::from_millis(150));
        let now = body(&tmux.screen());
        if now == last || start.elapsed() > Duration::from_secs(10) {
            return now;
        }
        last = now;
    }
}

/// Waits until the screen's body is `want` (10 s at most), then compares.
fn wait_for_body(tmux: &Tmux, want: &str) {
    let start = Instant::now();
    while body(&tmux.screen()) != want && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(body(&tmux.screen()), want);
}

#[test]
fn seventy_two_rooms_right_and_back_returns_and_a_time_jump_lands_in_tmux() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let schedule = home.path().join("many.xml");
    std::fs::write(&schedule, crate::util::many_rooms_xml(72)).unwrap();
    let tmux = Tmux {
        socket: format!("lineup-e2e-seventy-two-{}", std::process::id()),
    };
    let args = format!(
        "--schedule {} --agenda {}",
        schedule.display(),
        home.path().join("a.json").display()
    );
    start(&tmux, home.path(), &args, (120, 40));
    tmux.wait_for("Many Rooms");
    // Into the day a little, then ten rooms right (past empty rooms and a three-hour session)
    // and ten back: the same screen.
    tmux.keys(&["j", "j", "j"]);
    let before = settled(&tmux);
    assert!(before.contains("Room 01"), "{before}");
    tmux.keys(&["l"; 10]);
    let away = tmux.wait_for("Room 11");
    assert!(!away.contains("Room 01 "), "scrolled right: {away}");
    tmux.keys(&["h"; 10]);
    wait_for_body(&tmux, &before);
    // A time jump: ":" then 16:00 lands there, a quarter down the grid.
    tmux.keys(&[":"]);
    tmux.wait_for("Go to:");
    tmux.keys(&["16:00", "Enter"]);
    let there = tmux.wait_for("at Fri 16:00");
    let row = there
        .lines()
        .position(|l| l.starts_with("16:00"))
        .unwrap_or_else(|| panic!("no 16:00 on the axis: {there}"));
    assert!((5..=15).contains(&row), "16:00 on row {row}: {there}");
    // Ctrl-O goes back to where the jump came from.
    tmux.keys(&["C-o"]);
    wait_for_body(&tmux, &before);
    // Only my picks, and back: pick the talk here, then P: its room alone is left.
    tmux.keys(&["Space", "P"]);
    let mine = tmux.wait_for("only my picks");
    assert!(
        mine.contains("1 pick") && mine.contains("Room 01"),
        "{mine}"
    );
    assert!(
        !mine.contains("Room 02"),
        "only the pick's room is left: {mine}"
    );
    tmux.keys(&["P"]);
    let all = tmux.wait_for("every track");
    assert!(all.contains("Room 02"), "{all}");
    // A list scrolled a page and narrowed by typing: the help.
    tmux.keys(&["?"]);
    let help = tmux.wait_for("Keys ·");
    assert!(help.contains("session in the room to the left"), "{help}");
    tmux.keys(&["PageDown"]);
    let paged = settled(&tmux);
    assert!(
        !paged.contains("session in the room to the left"),
        "a page on: {paged}"
    );
    tmux.keys(&["/", "j", "u", "m", "p"]);
    let narrowed = tmux.wait_for("back to where the last jump came from");
    assert!(!narrowed.contains("zoom in"), "{narrowed}");
    tmux.keys(&["Escape", "Escape"]);
    tmux.keys(&["q"]);
}

/// The display column of each box edge (`┌`, `│`, `┏`, `┃`) in a pane line, measured as the
/// terminal lays the characters out.
fn edges(line: &str) -> Vec<usize> {
    let mut col = 0;
    let mut out = Vec::new();
    for c in line.chars() {
        if matches!(c, '┌' | '│' | '┏' | '┃') {
            out.push(col);
        }
        col += lineup::text::width(&c.to_string());
    }
    out
}

#[test]
fn emoji_sequences_in_titles_leave_no_stale_cell_in_tmux() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let schedule = home.path().join("emoji.json");
    let session = |id: &str, title: &str, room: &str, from: &str, to: &str| {
        format!(
            r#"{{"id":"{id}","title":"{title}","day":"2024-12-27","start":"2024-12-27T{from}:00+01:00","end":"2024-12-27T{to}:00+01:00","room":"{room}"}}"#
        )
    };
    std::fs::write(
        &schedule,
        format!(
            r#"{{"format":"lineup-schedule","version":1,
          "conference":{{"id":"emoji","title":"Emoji","time_zone":"Europe/Berlin","venue":null}},
          "rooms":["A","B","C"],
          "sessions":[{},{},{},{},{}]}}"#,
            session("a", "🏳️‍⚧️ halblegale und ❤️ mehr", "A", "10:00", "11:00"),
            session("b", "🏴‍☠️ Piraten ❤️ Party 👩‍👩‍👧", "B", "10:00", "11:00"),
            session("c", "Plain talk 🇩🇪", "C", "10:00", "11:00"),
            session("d", "Later ❤️", "A", "11:00", "12:00"),
            session("e", "Later too", "C", "11:00", "12:00"),
        ),
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("lineup-e2e-emoji-{}", std::process::id()),
    };
    let args = format!(
        "--schedule {} --agenda {} --now 2024-12-27T10:20",
        schedule.display(),
        home.path().join("a.json").display()
    );
    start(&tmux, home.path(), &args, (80, 24));
    tmux.wait_for("now──");
    // Around the grid, over the overlays and back.
    tmux.keys(&["l", "l", "h", "w", "Escape", "H", "Escape", "j", "k", "h"]);
    settled(&tmux);
    let screen = tmux.screen();
    // The words keep their space (it was eaten: "halblegaleund").
    assert!(
        screen.contains("halblegale ") && screen.contains("und ❤"),
        "{screen}"
    );
    assert!(!screen.contains("halblegaleund"), "{screen}");
    // Every box edge of the title row stands where the row below has it: nothing drifted.
    let lines: Vec<&str> = screen.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.contains("halblegale") || l.contains("Piraten"))
        .unwrap_or_else(|| panic!("{screen}"));
    let row_of = |k: usize| edges(lines[k]);
    let first = lines
        .iter()
        .position(|l| l.contains("10:00 ") && (l.contains('┌') || l.contains('┏')))
        .unwrap_or_else(|| panic!("{screen}"));
    assert_eq!(row_of(first).len(), 3, "three boxes: {}", lines[first]);
    for k in first..=title + 1 {
        assert_eq!(row_of(k), row_of(first), "row {k} drifted:\n{screen}");
    }
    tmux.keys(&["q"]);
}

/// The detail page's link reaches the terminal as an OSC 8 hyperlink around the very text the
/// screen shows; a URL that could carry anything else is shown and never linked.
#[test]
fn a_sessions_link_is_an_osc8_hyperlink_and_an_unsafe_one_is_plain_text_in_tmux() {
    if !tmux_available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let schedule = home.path().join("links.json");
    let session = |id: &str, room: &str, url: &str| {
        format!(
            r#"{{"id":"{id}","title":"Talk {id}","day":"2024-12-27","start":"2024-12-27T10:00:00+01:00","end":"2024-12-27T11:00:00+01:00","room":"{room}","url":{url}}}"#
        )
    };
    std::fs::write(
        &schedule,
        format!(
            r#"{{"format":"lineup-schedule","version":1,
          "conference":{{"id":"links","title":"Links","time_zone":"Europe/Berlin","venue":null}},
          "rooms":["A","B"],
          "sessions":[{},{}]}}"#,
            session("a", "A", r#""https://example.org/talks/a-1""#),
            session("b", "B", r#""javascript:alert(1)""#),
        ),
    )
    .unwrap();
    let tmux = Tmux {
        socket: format!("lineup-e2e-links-{}", std::process::id()),
    };
    let args = format!(
        "--schedule {} --agenda {} --now 2024-12-27T10:20",
        schedule.display(),
        home.path().join("a.json").display()
    );
    start(&tmux, home.path(), &args, (80, 24));
    tmux.wait_for("Talk a");
    let raw = home.path().join("raw");
    tmux.cmd(&[
        "pipe-pane",
        "-o",
        "-t",
        "e2e",
        &format!("cat >> {}", raw.display()),
    ]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("https://example.org/talks/a-1");
    assert!(
        screen.contains("Link   https://example.org/talks/a-1"),
        "{screen}"
    );
    tmux.keys(&["Escape", "l", "Enter"]);
    tmux.wait_for("javascript:alert(1)");
    settled(&tmux);
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(300));
    let bytes = std::fs::read(&raw).unwrap();
    // Without its colour and cursor sequences (CSI), what the pane was sent.
    let out = without_csi(&String::from_utf8_lossy(&bytes));
    let open =
        "\x1b]8;;https://example.org/talks/a-1\x1b\\https://example.org/talks/a-1\x1b]8;;\x1b\\";
    assert!(out.contains(open), "{out:?}");
    assert_eq!(out.matches("\x1b]8;;").count(), 2, "{out:?}");
    assert!(!out.contains("8;;javascript"), "{out:?}");
}

/// `text` without its CSI sequences (`ESC [` … a letter).
fn without_csi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn the_plan_in_the_tui_walks_as_the_config_says_from_the_first_frame_in_tmux() {
    if !tmux_available() {
        return;
    }
    // The config's walk is planned with from the start (it used to be set after opening,
    // planning every pick twice): the plan's first line between two rooms says the walk.
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = h.join("agenda.json");
    std::fs::create_dir_all(h.join(".config/lineup")).unwrap();
    std::fs::write(h.join(".config/lineup/config.toml"), "[grid]\nwalk = 4\n").unwrap();
    crate::util::lineup(h)
        .args(["--agenda", agenda.to_str().unwrap(), "pick"])
        .args([
            "stop-writing-classes",
            "code-generation-in-python-dismantling-jinja",
        ])
        .assert()
        .success();
    let tmux = Tmux {
        socket: format!("lineup-e2e-walk-{}", std::process::id()),
    };
    let args = format!("--agenda {} --now 2012-03-09T13:30", agenda.display());
    start(&tmux, h, &args, (120, 40));
    tmux.wait_for("now──");
    tmux.keys(&["p"]);
    let plan = tmux.wait_for("to walk");
    assert!(plan.contains("then to E2 for 14:00"), "{plan}");
    assert!(plan.contains("4 min to walk"), "{plan}");
}

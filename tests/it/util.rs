//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

pub(crate) fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel)
}

pub(crate) const PAGE_DAY: &str = "seeds/000_ce91043f354ad689.txt";
pub(crate) const PAGE_PICKS: &str = "seeds/001_5e8e2203ff028795.txt";

/// The real binary, with HOME and the data folders pointed into `home` so tests never touch the
/// person's own files.
pub(crate) fn lineup(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("lineup").unwrap();
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LINEUP_AGENDA")
        .env("NO_COLOR", "1");
    cmd
}

/// [`lineup`] as a `std::process::Command`, to spawn and kill: the cache in `home/cache` too,
/// no proxy, output to nowhere.
pub(crate) fn lineup_std(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lineup"));
    lineup_env(&mut cmd, home)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// The environment lineup runs in for a test: its folders in `home`, no proxy, no colour.
pub(crate) fn lineup_env<'a>(
    cmd: &'a mut std::process::Command,
    home: &Path,
) -> &'a mut std::process::Command {
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("LINEUP_AGENDA")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env("NO_COLOR", "1")
}

pub(crate) fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `../shared/corpus`, the published schedules beside the repository (`LINEUP_CORPUS` names
/// another folder: CI points it nowhere to run the tests as a clone with nothing beside it);
/// in CI it must be there.
pub(crate) fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("LINEUP_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI runs with ../shared beside the repository"
    );
    eprintln!("SKIPPED: ../shared/corpus is not beside the repository");
    None
}

/// A frab XML day of `rooms` rooms ("Room 01" …), 10:00 to 20:00 on 2024-12-27 in Berlin, made
/// to catch a grid that drifts: every seventh room is empty until 14:00, every eleventh opens
/// with a three-hour session, the rest hold talks of 30 to 75 minutes with breaks between, each
/// room's rhythm its own. Session ids are `r<room>-<n>`.
pub(crate) fn many_rooms_xml(rooms: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<schedule><conference><title>Many Rooms</title>\
         <time_zone_name>Europe/Berlin</time_zone_name></conference>\n\
         <day index=\"1\" date=\"2024-12-27\">\n",
    );
    for r in 1..=rooms {
        out.push_str(&format!("<room name=\"Room {r:02}\">\n"));
        let mut m = if r % 7 == 3 {
            14 * 60
        } else {
            10 * 60 + (r as i64 * 5) % 30
        };
        let mut n = 0;
        while m < 20 * 60 {
            let len = if n == 0 && r % 11 == 5 {
                180
            } else {
                30 + ((r as i64 * 17 + n * 13) % 4) * 15
            };
            let (h, min) = (m / 60, m % 60);
            out.push_str(&format!(
                "<event id=\"r{r}-{n}\"><date>2024-12-27T{h:02}:{min:02}:00+01:00</date>\
                 <start>{h:02}:{min:02}</start><duration>{:02}:{:02}</duration>\
                 <room>Room {r:02}</room><title>Talk {n} in room {r}</title><type>lecture</type>\
                 </event>\n",
                len / 60,
                len % 60
            ));
            m += len + 5 + (r as i64 + n) % 3 * 10;
            n += 1;
        }
        out.push_str("</room>\n");
    }
    out.push_str("</day></schedule>\n");
    out
}

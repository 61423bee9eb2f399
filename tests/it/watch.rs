//! Keyword watches: saved, listed, forgotten; a refresh reports the new talks that match.

use crate::library::{FIRST, env, first, ok, schedule};
use crate::server::Server;
use crate::util::stdout;

#[test]
fn a_refresh_reports_new_talks_matching_a_watch() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let server = Server::start();
    server.set(ok(first(), &[]));
    stdout(env(h).args(["add", &server.url("/s.xml")]));
    let added = stdout(env(h).args(["watch", "add", "  rust "]));
    assert_eq!(
        added,
        "watching `rust`: 1 talk matches now; each refresh reports new ones\n"
    );
    assert!(stdout(env(h).args(["watch", "add", "rust"])).starts_with("already watching"));
    stdout(env(h).args(["watch", "add", "lightning"]));
    assert_eq!(
        stdout(env(h).args(["watch", "list"])),
        "lightning  (0 talks match)\nrust  (1 talk matches)\n"
    );
    // The schedule grows: a Rust talk and lightning talks, and knitting nobody watches.
    let mut grown = FIRST.to_vec();
    grown.extend([
        ("6", "Async Rust, live", "13:00", "Side"),
        ("7", "Lightning talks", "13:00", "Hall"),
        ("8", "Knitting II", "14:00", "Side"),
    ]);
    server.set(ok(schedule(&grown), &[]));
    let report = stdout(env(h).args(["refresh"]));
    assert!(
        report.contains("New talks matching your watches:\n"),
        "{report}"
    );
    assert!(
        report.contains("  lightning  Sat 13:00 \"Lightning talks\" (Hall)"),
        "{report}"
    );
    assert!(
        report.contains("  rust       Sat 13:00 \"Async Rust, live\" (Side)"),
        "{report}"
    );
    assert!(!report.contains("watches:\n  knitting"), "{report}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(env(h).args(["changes", "--json"]))).unwrap();
    assert_eq!(json["watched"].as_array().unwrap().len(), 2, "{json}");
    assert_eq!(
        stdout(env(h).args(["watch", "remove", "rust"])),
        "no longer watching `rust`\n"
    );
    let gone = env(h).args(["watch", "remove", "rust"]).output().unwrap();
    assert!(!gone.status.success());
    assert!(String::from_utf8_lossy(&gone.stderr).contains("you do not watch `rust`"));
}

#[test]
fn new_talks_matching_a_watch_are_marked_apart_in_the_grid() {
    use lineup::model::search::Query;
    use lineup::tui::fresh::{Fresh, fresh};
    let old = lineup::native::default_schedule().unwrap();
    let mut new = old.clone();
    let mut extra = new.sessions[3].clone();
    extra.id = "rusty".into();
    extra.title = "Rust for Pythonistas".into();
    new.sessions.push(extra.clone());
    extra.id = "other".into();
    extra.title = "Knitting".into();
    new.sessions.push(extra);
    let marks = fresh(&old, &new, &[Query::new("rust")]);
    let n = new.sessions.len();
    assert_eq!(marks.get(&(n - 2)), Some(&Fresh::Watched));
    assert_eq!(marks.get(&(n - 1)), Some(&Fresh::New));
    assert_eq!(Fresh::Watched.mark(), "◉");
}

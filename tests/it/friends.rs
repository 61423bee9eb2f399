//! Friends' agendas: added by file, only ever read, marked in the grid, listed by `together`,
//! preferred by `plan --with`; another conference's agenda refused.

use crate::util::{lineup, stdout};

/// An agenda file at `path` with these picks, made by lineup itself.
fn agenda_with(home: &std::path::Path, path: &std::path::Path, ids: &[&str]) {
    let mut cmd = lineup(home);
    cmd.arg("pick").arg("--agenda").arg(path).args(ids);
    stdout(&mut cmd);
}

const SECURITY: &str = "advanced-security-topics";
const JINJA: &str = "code-generation-in-python-dismantling-jinja";
const CASSANDRA: &str = "apache-cassandra-and-python";

#[test]
fn together_lists_shared_picks_and_friends_files_are_never_written() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (alice, bob) = (h.join("alice.json"), h.join("bob.json"));
    agenda_with(h, &alice, &[JINJA, CASSANDRA]);
    agenda_with(h, &bob, &[JINJA]);
    stdout(lineup(h).args(["pick", SECURITY, JINJA, CASSANDRA]));
    let before = (std::fs::read(&alice).unwrap(), std::fs::read(&bob).unwrap());

    let said = stdout(lineup(h).args(["friend", "add", "alice"]).arg(&alice));
    assert!(said.contains("added alice: 2 picks"), "{said}");
    stdout(lineup(h).args(["friend", "add", "Bob"]).arg(&bob));
    let list = stdout(lineup(h).args(["friend", "list"]));
    assert!(
        list.contains("alice") && list.contains("Bob") && list.contains("1 pick"),
        "{list}"
    );

    let all = stdout(lineup(h).arg("together"));
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(lines.len(), 2, "{all}");
    assert!(lines[0].contains("Code Generation") && lines[0].ends_with("with alice, Bob"));
    assert!(lines[1].contains("Apache Cassandra") && lines[1].ends_with("with alice"));
    let just_bob = stdout(lineup(h).args(["together", "Bob"]));
    assert_eq!(just_bob.lines().count(), 1, "{just_bob}");
    let out = lineup(h).args(["together", "carol"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the friends are: alice, Bob"));

    // The plan prefers what a friend picked too: Security and Jinja clash. Alone the plan
    // keeps Jinja; with Erin, who picked Security, it keeps Security.
    stdout(lineup(h).args(["unpick", CASSANDRA]));
    let erin = h.join("erin.json");
    agenda_with(h, &erin, &[SECURITY]);
    stdout(lineup(h).args(["friend", "add", "Erin"]).arg(&erin));
    let alone = stdout(lineup(h).arg("plan"));
    let with_erin = stdout(lineup(h).args(["plan", "--with", "Erin"]));
    let with_bob = stdout(lineup(h).args(["plan", "--with", "Bob"]));
    assert!(
        with_bob.starts_with("Preferring the talks Bob picked too"),
        "{with_bob}"
    );
    let kept = |plan: &str, title: &str| {
        plan.lines()
            .any(|l| l.contains(title) && l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    };
    assert!(
        kept(&with_bob, "Code Generation") && !kept(&with_bob, "Advanced Security"),
        "{with_bob}"
    );
    assert!(
        kept(&alone, "Code Generation") && !kept(&alone, "Advanced Security"),
        "{alone}"
    );
    assert!(
        kept(&with_erin, "Advanced Security") && !kept(&with_erin, "Code Generation"),
        "{with_erin}"
    );

    stdout(lineup(h).args(["friend", "remove", "alice"]));
    assert!(!stdout(lineup(h).args(["friend", "list"])).contains("alice"));
    assert_eq!(
        (std::fs::read(&alice).unwrap(), std::fs::read(&bob).unwrap()),
        before,
        "a friend's file is only read"
    );
}

#[test]
fn an_agenda_for_another_conference_is_refused_with_a_sentence() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let other = h.join("other.json");
    std::fs::write(
        &other,
        r#"{"format":"lineup-agenda","version":1,"conference":{"id":"fosdem-2020","title":"FOSDEM 2020"},"picks":[]}"#,
    )
    .unwrap();
    let out = lineup(h)
        .args(["friend", "add", "dana"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("is for `FOSDEM 2020`") && err.contains("not `PyCon US 2012`"),
        "{err}"
    );
    assert!(stdout(lineup(h).args(["friend", "list"])).starts_with("No friends yet"));
    // A broken file is theirs to fix: said so, and left as it is.
    let broken = h.join("broken.json");
    std::fs::write(&broken, "{\"format\":\"lineup-agenda\",").unwrap();
    let out = lineup(h)
        .args(["friend", "add", "fay"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`fay`'s agenda") && err.contains("lineup only reads it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "{\"format\":\"lineup-agenda\","
    );
}

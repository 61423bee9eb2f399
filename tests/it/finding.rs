//! Finding talks: `lineup now` and `lineup next` for status bars.

use crate::util::{lineup, stdout};

/// stdout and the exit status of `lineup --now NOW WHAT…`.
fn at(home: &std::path::Path, now: &str, what: &[&str]) -> (String, i32) {
    let out = lineup(home)
        .arg("--now")
        .arg(now)
        .args(what)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn now_and_next_before_during_between_and_after_the_conference() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    stdout(lineup(h).args(["pick", "jinja", "apache-cassandra-and-python"]));
    // Before: nothing on, the first pick next.
    assert_eq!(at(h, "2012-03-09T08:00", &["now"]), (String::new(), 1));
    assert_eq!(
        at(h, "2012-03-09T08:00", &["next"]),
        (
            "in 6 h: 14:00 E2 Code Generation in Python: Dismantling Jinja\n".into(),
            0
        )
    );
    // During: the pick under way with the time left; next is the one after it.
    assert_eq!(
        at(h, "2012-03-09T14:10", &["now"]).0,
        "E2 14:00–14:40 Code Generation in Python: Dismantling Jinja (30 min left)\n"
    );
    assert_eq!(
        at(
            h,
            "2012-03-09T14:10",
            &["next", "--format", "{start} {title} in {in}"]
        )
        .0,
        "14:40 Apache Cassandra and Python in 30 min\n"
    );
    // Between picks, at the seam: the second has begun, nothing after it.
    assert_eq!(
        at(h, "2012-03-09T14:40", &["now", "--format", "{id}|{left}"]).0,
        "apache-cassandra-and-python|40 min\n"
    );
    assert_eq!(at(h, "2012-03-09T14:40", &["next"]), (String::new(), 1));
    // After: nothing on, nothing next; --all looks at every session.
    assert_eq!(at(h, "2012-03-10T09:00", &["now"]).1, 1);
    assert_eq!(at(h, "2012-03-10T09:00", &["next"]).1, 1);
    assert_eq!(
        at(
            h,
            "2012-03-09T10:00",
            &["now", "--all", "--format", "{room}: {title}"]
        )
        .0,
        "all rooms: Paul Graham, Y Combinator\n"
    );
    // A bad field is one sentence naming the fields, exit 2.
    let out = lineup(h)
        .args(["--now", "2012-03-09T14:10", "now", "--format", "{titel}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("`titel` is not a field") && e.contains("{left}"),
        "{e}"
    );
}

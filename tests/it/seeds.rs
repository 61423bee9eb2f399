//! The default schedule is exactly what the two Lanyrd seed pages import to.

use lineup::import::{self, lanyrd};
use lineup::model::Kind;

use crate::util::{PAGE_DAY, PAGE_PICKS, data};

fn opts() -> import::Options {
    import::Options {
        tz: Some("America/Los_Angeles".parse().unwrap()),
        ..Default::default()
    }
}

fn page(rel: &str) -> lineup::model::Schedule {
    lineup::workspace::read_schedule(&data(rel), &opts())
        .unwrap()
        .schedule
}

#[test]
fn embedded_schedule_equals_reimported_seed_pages() {
    let (merged, warnings) = import::merge(vec![page(PAGE_DAY), page(PAGE_PICKS)]).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let embedded = lineup::native::default_schedule().unwrap();
    assert_eq!(merged, embedded);
    // The file on disk is byte for byte what `lineup import` writes, so it cannot drift either.
    assert_eq!(
        lineup::native::to_json(&merged).unwrap(),
        lineup::native::PYCON_2012
    );
}

#[test]
fn page_counts() {
    assert_eq!(page(PAGE_DAY).sessions.len(), 30);
    assert_eq!(page(PAGE_PICKS).sessions.len(), 5);
    let s = lineup::native::default_schedule().unwrap();
    assert_eq!(s.sessions.len(), 33);
    assert_eq!(s.rooms, ["E1", "E2", "E3", "E4", "D5"]);
    assert_eq!(
        s.conference.time_zone.unwrap().name(),
        "America/Los_Angeles"
    );
    assert_eq!(s.conference.title, "PyCon US 2012");
}

#[test]
fn roomless_sessions_are_kept() {
    let s = lineup::native::default_schedule().unwrap();
    let roomless: Vec<(&str, Kind)> = s
        .sessions
        .iter()
        .filter(|x| x.room.is_none())
        .map(|x| (x.title.as_str(), x.kind))
        .collect();
    assert_eq!(
        roomless,
        [
            ("Introduction and Welcome", Kind::Plenary),
            ("Stormy Peters, Mozilla Corporation", Kind::Plenary),
            ("Paul Graham, Y Combinator", Kind::Plenary),
            ("Introduction to PDB", Kind::Talk),
        ]
    );
}

#[test]
fn coverage_marks_recording_but_not_inside_an_outline() {
    let s = lineup::native::default_schedule().unwrap();
    let rec = |id: &str| s.session(id).unwrap().recorded == Some(true);
    assert!(rec("paul-graham-y-combinator"));
    assert!(rec(
        "python-metaprogramming-for-mad-scientists-and-evil-geniuses"
    )); // "Coverage video note"
    // Its outline lists "Coverage" as a tool; no Coverage line follows its time.
    assert!(!rec(
        "fake-it-til-you-make-it-unit-testing-patterns-with-mocks-and-fakes"
    ));
    assert!(
        s.session("fake-it-til-you-make-it-unit-testing-patterns-with-mocks-and-fakes")
            .unwrap()
            .description
            .contains("\nCoverage\n")
    );
    assert_eq!(
        s.sessions
            .iter()
            .filter(|x| x.recorded == Some(true))
            .count(),
        16
    );
}

#[test]
fn speakers_and_lines_inside_descriptions() {
    let s = lineup::native::default_schedule().unwrap();
    let ipython = s.session("ipython-python-at-your-fingertips").unwrap();
    assert_eq!(
        *ipython.speakers,
        [
            "Fernando Pérez",
            "Brian E. Granger",
            "Min Ragan-Kelley",
            "Thomas Kluyver"
        ]
    );
    // "At the end of the talk …" starts like a time line but is description text.
    let zmq = s
        .session("build-reliable-traceable-distributed-systems-with-zeromq")
        .unwrap();
    assert!(
        zmq.full_text()
            .contains("At the end of the talk (or in a separate talk)")
    );
    assert_eq!(zmq.start.to_rfc3339(), "2012-03-09T14:00:00-08:00");
    // "In 2.6, Python introduced …" starts like a room line but is description text.
    let interfaces = s.session("interfaces-and-python").unwrap();
    assert!(
        interfaces
            .abstract_text
            .starts_with("In 2.6, Python introduced")
    );
    assert_eq!(interfaces.room.as_deref(), Some("E3"));
    // Four-space bullets stay in the description, one per line.
    let cassandra = s.session("apache-cassandra-and-python").unwrap();
    assert!(
        cassandra
            .description
            .starts_with("• Very brief intro to Apache Cassandra\n• What is")
    );
}

#[test]
fn lanyrd_year_can_come_from_an_option() {
    let text = std::fs::read_to_string(data(PAGE_PICKS)).unwrap();
    let text = text.replace("PyCon US 2012", "PyCon US");
    let e = lanyrd::parse(&text, "p.txt", &lanyrd::Options::default()).unwrap_err();
    assert!(e.to_string().contains("pass --year"), "{e}");
    let o = lanyrd::Options {
        year: Some(2012),
        tz: None,
    };
    let (s, _) = lanyrd::parse(&text, "p.txt", &o).unwrap();
    assert_eq!(s.sessions.len(), 5);
    assert!(s.is_floating());
    assert_eq!(s.sessions[0].start.to_rfc3339(), "2012-03-09T14:00:00");
}

//! The importers on small fixtures of our own (tests/fixtures), on the published corpus beside
//! the repository, and on hostile bytes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lineup::import::{self, Format, Options};
use lineup::model::{Kind, Schedule};
use proptest::prelude::*;

use crate::util::{corpus, lineup, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str, tz: Option<&str>) -> (Schedule, Vec<String>) {
    let opts = Options {
        tz: tz.map(|t| t.parse().unwrap()),
        ..Options::default()
    };
    let i = lineup::workspace::read_schedule(&fixture(name), &opts).unwrap();
    (
        i.schedule,
        i.warnings.iter().map(ToString::to_string).collect(),
    )
}

/// Title, start and end instants, room: what must agree across formats.
fn essence(s: &Schedule) -> BTreeSet<(String, i64, i64, Option<String>)> {
    s.sessions
        .iter()
        .map(|x| {
            (
                x.title.to_string(),
                x.start.timestamp(),
                x.end.timestamp(),
                x.room.as_deref().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn detection_is_by_content() {
    let cases = [
        ("frab.xml", Format::Xml),
        ("fosdem-old.xml", Format::Xml),
        ("frab.json", Format::Json),
        ("pretalx.ics", Format::Ics),
        ("plain.ics", Format::Ics),
        ("c3voc-v2.json", Format::Json),
        ("schedule.xcal", Format::Xcal),
        ("sessionize-all.json", Format::Sessionize),
        ("sessionize-grid.json", Format::Sessionize),
        ("indico.json", Format::Indico),
        ("open-event.json", Format::OpenEvent),
        ("open-event-api.json", Format::OpenEvent),
        ("emf-durations.xml", Format::Xml),
    ];
    for (f, fmt) in cases {
        let text = std::fs::read_to_string(fixture(f)).unwrap();
        assert_eq!(import::detect(&text), Some(fmt), "{f}");
    }
    assert_eq!(
        import::detect(lineup::native::PYCON_2012),
        Some(Format::Lineup)
    );
    assert_eq!(import::detect("hello"), None);
}

#[test]
fn frab_xml_fields_html_and_real_world_mess() {
    let (s, warnings) = read("frab.xml", None);
    assert_eq!(s.conference.id, "demo20");
    assert_eq!(s.conference.title, "Démo Congress");
    assert_eq!(s.conference.time_zone.unwrap().name(), "Europe/Berlin");
    assert_eq!(s.sessions.len(), 4);
    let opening = s.session("101").unwrap();
    assert_eq!(*opening.speakers, ["Ada", "Grace Hopper"]);
    assert_eq!(
        opening.abstract_text,
        "Ünïcödé ✓ 日本語\n\nFirst & best.\n\n• one\n• two"
    );
    assert_eq!(opening.recorded, Some(true));
    assert_eq!(opening.track.as_deref(), Some("CCC"));
    // Duplicate ids: both kept, the second renamed, with a warning.
    let other = s.session("101-2").unwrap();
    assert_eq!(other.title, "Same id, other talk");
    assert_eq!(other.kind, Kind::Plenary);
    assert_eq!(other.minutes(), 45);
    assert!(warnings.iter().any(|w| w.contains("101")), "{warnings:?}");
    // No persons, empty room names, 12 hours long.
    let hack = s.session("103").unwrap();
    assert_eq!(hack.room, None);
    assert_eq!(hack.minutes(), 720);
    // After midnight stays on its conference day, and the DST change is exact: 01:30 CET plus
    // two hours is 04:30 CEST.
    let night = s.session("102").unwrap();
    assert_eq!(night.day.to_string(), "2020-03-28");
    assert_eq!(night.start.to_rfc3339(), "2020-03-29T01:30:00+01:00");
    assert_eq!(night.end.to_rfc3339(), "2020-03-29T04:30:00+02:00");
    assert_eq!(night.minutes(), 120);
    assert!(night.speakers.is_empty());
}

#[test]
fn old_fosdem_layout_without_a_zone_is_floating_until_pinned() {
    let (s, warnings) = read("fosdem-old.xml", None);
    assert_eq!(s.sessions.len(), 2);
    assert_eq!(s.rooms, ["Janson", "K.1.105"]);
    assert!(s.is_floating());
    assert_eq!(s.sessions[0].start.to_rfc3339(), "2009-02-07T09:30:00");
    assert_eq!(
        s.sessions[0].recorded,
        Some(true),
        "a video link marks it recorded"
    );
    assert_eq!(s.sessions[1].title, "Kernel & friends");
    assert!(warnings.is_empty(), "{warnings:?}");
    let imported =
        lineup::workspace::read_schedule(&fixture("fosdem-old.xml"), &Options::default()).unwrap();
    assert!(imported.floating, "the caller is told the times float");
    let hint = import::floating_hint("fosdem-old.xml");
    assert!(
        hint.contains("--tz ZONE") && !hint.contains("Brussels"),
        "{hint}"
    );
    let (s, warnings) = read("fosdem-old.xml", Some("Europe/Brussels"));
    assert!(warnings.is_empty());
    assert_eq!(
        s.sessions[0].start.to_rfc3339(),
        "2009-02-07T09:30:00+01:00"
    );
}

#[test]
fn floating_times_are_written_without_offset() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(
        lineup(home.path())
            .arg("--schedule")
            .arg(fixture("fosdem-old.xml"))
            .args(["sessions", "--json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["start"], "2009-02-07T09:30:00");
}

#[test]
fn frab_json_and_pretalx_persons() {
    let (s, _) = read("frab.json", None);
    assert_eq!(s.sessions.len(), 3);
    assert_eq!(s.rooms, ["Saal 1", "Saal 2"]);
    let p = s.session("104").unwrap();
    assert_eq!(*p.speakers, ["Chris"]);
    assert_eq!(p.url.as_deref(), Some("https://pretalx.example/talk/ABC/"));
    assert_eq!(
        s.session("101").unwrap().abstract_text,
        "Ünïcödé ✓ 日本語\n\nFirst & best.\n\n• one\n• two"
    );
}

#[test]
fn icalendar_zones_durations_and_speakers() {
    let (s, warnings) = read("pretalx.ics", None);
    assert_eq!(s.conference.title, "Démo Congress");
    assert_eq!(s.sessions.len(), 3, "the all-day event is skipped");
    assert!(
        warnings.iter().any(|w| w.contains("all-day")),
        "{warnings:?}"
    );
    let opening = s.session("aaaa-1@demo").unwrap();
    assert_eq!(opening.title, "Opening, with commas; and semicolons");
    assert_eq!(
        *opening.speakers,
        ["Ada", "Grace Hopper"],
        "folded line joined"
    );
    assert_eq!(
        opening.start.to_rfc3339(),
        "2020-03-28T11:00:00+01:00",
        "VTIMEZONE rules"
    );
    assert_eq!(opening.abstract_text, "First & best.");
    let night = s.session("aaaa-2@demo").unwrap();
    assert_eq!(night.title, "Through the night (and the DST change)");
    assert_eq!(
        night.end.to_rfc3339(),
        "2020-03-29T04:30:00+02:00",
        "UTC + DURATION, shown in the venue zone"
    );
    assert_eq!(
        night.day.to_string(),
        "2020-03-28",
        "after midnight stays on the day before"
    );
    let open_end = s.session("aaaa-3@demo").unwrap();
    assert_eq!(open_end.minutes(), 0);
    assert_eq!(open_end.start.to_rfc3339(), "2020-03-29T11:00:00+02:00");

    let (s, _) = read("plain.ics", None);
    let floating = s.session("f1").unwrap();
    assert_eq!(floating.title, "Floating talk - not a speaker split");
    assert_eq!(*floating.speakers, ["Dr. Who"]);
    // The named zone (no VTIMEZONE) is the venue's, and floating times are read in it.
    assert_eq!(s.conference.time_zone.unwrap().name(), "Australia/Brisbane");
    assert_eq!(floating.start.to_rfc3339(), "2020-02-01T09:30:00+10:00");
}

/// A description that begins by saying again who speaks and in which track (as some exporters
/// write it) keeps only what it adds; a line naming other people stays.
#[test]
fn icalendar_lines_that_repeat_the_speakers_and_track_are_left_out() {
    let event = |uid: &str, description: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:Talk\r\nDTSTART:20250602T100000Z\r\n\
             DTEND:20250602T103000Z\r\nCATEGORIES:Keynotes\r\n\
             ATTENDEE;CN=\"Ada L.\":invalid:nomail\r\nATTENDEE;CN=Grace:invalid:nomail\r\n\
             DESCRIPTION:{description}\r\nEND:VEVENT\r\n"
        )
    };
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}{}{}END:VCALENDAR\r\n",
        event(
            "a",
            r"Speakers: Ada L. and Grace\nTrack: Keynotes\n\nThe talk.\n\nMore."
        ),
        event("b", r"Speakers: Someone Else\nTrack: Keynotes\n\nThe talk."),
        event("c", r"Track: Other\n\nThe talk."),
    );
    let read = import::read_bytes(text.as_bytes(), "x.ics", &Options::default()).unwrap();
    let s = &read.schedule;
    let a = s.session("a").unwrap();
    assert_eq!(*a.speakers, ["Ada L.", "Grace"]);
    assert_eq!(a.track.as_deref(), Some("Keynotes"));
    assert_eq!((&*a.abstract_text, &*a.description), ("The talk.", "More."));
    let b = s.session("b").unwrap();
    assert_eq!(&*b.abstract_text, "Speakers: Someone Else\nTrack: Keynotes");
    let c = s.session("c").unwrap();
    assert_eq!(&*c.abstract_text, "Track: Other");
}

#[test]
fn the_same_talks_in_three_formats_give_the_same_sessions() {
    let (x, _) = read("frab.xml", None);
    let (j, _) = read("frab.json", None);
    let (i, _) = read("pretalx.ics", None);
    let common = |s: &Schedule| -> BTreeSet<_> {
        essence(s)
            .into_iter()
            .filter(|(t, ..)| t.starts_with("Opening") || t.starts_with("Through"))
            .collect()
    };
    assert_eq!(common(&x).len(), 2);
    assert_eq!(common(&x), common(&j));
    assert_eq!(common(&x), common(&i));
}

#[test]
fn merge_drops_exact_duplicates_and_keeps_id_collisions() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("merged.json");
    let run = lineup(home.path())
        .arg("import")
        .arg(fixture("frab.xml"))
        .arg(fixture("frab.xml"))
        .arg(fixture("frab.json"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let merged = lineup::native::from_json(&std::fs::read_to_string(&out).unwrap(), "m").unwrap();
    // frab.xml twice counts once (4); frab.json adds 104 and its own 101/102 differ in content
    // (no recording flag on 102, JSON has no <recording>), so they are kept under new ids.
    let ids: Vec<&str> = merged.sessions.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"104"));
    assert_eq!(
        merged
            .sessions
            .iter()
            .filter(|s| s.title.starts_with("Opening"))
            .count(),
        1,
        "{ids:?}"
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("wrote"), "{stderr}");
}

#[test]
fn errors_name_the_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<schedule>\n<day date=\"2020-13-45\">\n</day></schedule>",
    )
    .unwrap();
    let e = lineup::workspace::read_schedule(&bad, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("{}:3:", bad.display())), "{e}");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<schedule>\n<a></b>\n</schedule>",
    )
    .unwrap();
    let e = lineup::workspace::read_schedule(&bad, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("bad.xml:3") && e.contains("not well-formed"),
        "{e}"
    );
    let ics = home.path().join("bad.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let e = lineup::workspace::read_schedule(&ics, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("{}:3:", ics.display())), "{e}");
}

/// frab.json with the zone named after the days and each day's date after its rooms (JSON
/// objects have no order; a reader that walks them must not depend on one).
fn frab_json_reordered() -> String {
    let text = std::fs::read_to_string(fixture("frab.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let conf = v["schedule"]["conference"].as_object_mut().unwrap();
    let zone = conf.shift_remove("time_zone_name").unwrap();
    for day in conf["days"].as_array_mut().unwrap() {
        let day = day.as_object_mut().unwrap();
        for key in ["date", "day_start"] {
            if let Some(x) = day.shift_remove(key) {
                day.insert(key.to_string(), x);
            }
        }
    }
    conf.insert("time_zone_name".into(), zone);
    let out = serde_json::to_string(&v).unwrap();
    assert!(out.find("time_zone_name") > out.find("\"days\""));
    out
}

#[test]
fn frab_json_read_as_a_stream_gives_what_reading_it_whole_gives() {
    let mut texts = vec![
        std::fs::read_to_string(fixture("frab.json")).unwrap(),
        frab_json_reordered(),
    ];
    if let Some(dir) = corpus() {
        for name in ["33c3.json", "rc3-pretalx.json"] {
            texts.push(std::fs::read_to_string(dir.join(name)).unwrap());
        }
    }
    let opts = Options {
        format: Some(Format::Json),
        ..Options::default()
    };
    let first = import::read_bytes(texts[0].as_bytes(), "x.json", &opts).unwrap();
    assert_eq!(first.schedule.sessions.len(), 3);
    for text in &texts {
        let whole = import::read_bytes(text.as_bytes(), "x.json", &opts).unwrap();
        let stream = import::read_json(text.as_bytes(), "x.json", &opts).unwrap();
        assert_eq!(whole.schedule, stream.schedule);
        assert_eq!(words(&whole), words(&stream));
        assert_eq!(whole.floating, stream.floating);
    }
    // The order of keys changes nothing.
    let reordered = import::read_json(texts[1].as_bytes(), "x.json", &opts).unwrap();
    assert_eq!(reordered.schedule, first.schedule);
}

/// A day's events become sessions as they are read once its date and start are known; a day
/// that names them again after its rooms, differently, is refused rather than read half by one
/// date and half by the other (the same date again changes nothing).
#[test]
fn a_frab_json_day_naming_its_date_twice_differently_is_refused() {
    let day = |again: &str| {
        format!(
            r#"{{"schedule": {{"conference": {{"title": "T", "time_zone_name": "Europe/Berlin",
            "days": [{{"date": "2020-03-28", "day_start": "2020-03-28T10:00:00+01:00",
            "rooms": {{"Saal 1": [{{"id": 1, "guid": "g1", "date": "2020-03-28T11:00:00+01:00",
            "start": "11:00", "duration": "00:30", "room": "Saal 1", "title": "One",
            "persons": []}}]}}{again}}}]}}}}}}"#
        )
    };
    let opts = Options {
        format: Some(Format::Json),
        ..Options::default()
    };
    for text in [day(""), day(r#", "date": "2020-03-28""#)] {
        let read = import::read_json(text.as_bytes(), "x.json", &opts).unwrap();
        assert_eq!(read.schedule.sessions.len(), 1);
        assert_eq!(
            read.schedule,
            import::read_bytes(text.as_bytes(), "x.json", &opts)
                .unwrap()
                .schedule
        );
    }
    let twice = day(r#", "date": "2020-03-29""#);
    for e in [
        import::read_json(twice.as_bytes(), "x.json", &opts).unwrap_err(),
        import::read_bytes(twice.as_bytes(), "x.json", &opts).unwrap_err(),
    ] {
        let e = e.to_string();
        assert!(
            e.contains("day 1 names its date or start twice") && e.contains("give each once"),
            "{e}"
        );
    }
}

/// What a reading warned of, as said.
fn words(read: &import::Imported) -> Vec<String> {
    read.warnings.iter().map(|w| w.to_string()).collect()
}

/// An iCalendar file over the size from which it is streamed (a window of text at a time, two
/// passes) reads as the same schedule, with the same warnings, as the same bytes read whole.
#[test]
fn a_large_icalendar_file_is_read_as_a_stream_with_the_same_result() {
    let long = "A description that goes on\\, and on. ".repeat(13_000);
    let mut text =
        String::from("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Long\r\nX-WR-TIMEZONE:Europe/Berlin\r\n");
    for k in 0..40 {
        let zone = if k == 7 {
            "Mars/Olympus"
        } else {
            "Europe/Berlin"
        };
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:e{k}\r\nSUMMARY:Talk {k}\r\nLOCATION:Room {}\r\n\
             DTSTART;TZID={zone}:202003{:02}T100000\r\nDURATION:PT30M\r\n\
             DESCRIPTION:{long}\r\nEND:VEVENT\r\n",
            k % 3,
            1 + k % 4
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    assert!(text.len() > 17 << 20, "{} bytes", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ics");
    std::fs::write(&path, &text).unwrap();
    let opts = Options::default();
    let open = || std::fs::File::open(&path);
    assert!(
        import::read_ics(open, "big.ics", &opts).unwrap().is_some(),
        "read as a stream, not left to the whole-text reader"
    );
    let streamed = lineup::workspace::read_schedule(&path, &opts).unwrap();
    let whole = import::read_bytes(text.as_bytes(), &path.display().to_string(), &opts).unwrap();
    assert_eq!(streamed.schedule.sessions.len(), 40);
    assert_eq!(streamed.schedule, whole.schedule);
    assert_eq!(words(&streamed), words(&whole));
    assert!(words(&streamed).iter().any(|w| w.contains("Mars/Olympus")));
}

/// A frab XML file over the size from which it is read in two parts at once reads as the same
/// schedule, with the same warnings, as the same bytes read by one reader; an error in its
/// second half still names its line.
#[test]
fn a_large_xml_file_is_read_in_two_parts_with_the_same_result() {
    let mut text = String::from(
        "<?xml version=\"1.0\"?>\n<schedule><conference><title>Two</title>\
         <time_zone_name>Europe/Berlin</time_zone_name></conference>\n",
    );
    let mut n = 0;
    for day in 1..=3 {
        text += &format!("<day index=\"{day}\" date=\"2020-03-0{day}\">\n");
        for room in 0..4 {
            text += &format!("  <room name=\"Room {room}\">\n");
            for k in 0..150 {
                n += 1;
                // Durations in three parts that read both ways, and nothing in the file to tell
                // which: settled once both halves are read, with a warning for each.
                let duration = "0:20:00";
                text += &format!(
                    "    <event id=\"{n}\" guid=\"g{n}\"><date>2020-03-0{day}T{:02}:{:02}:00+01:00</date>\
                     <start>{:02}:{:02}</start><duration>{duration}</duration>\
                     <room>Room {room}</room><title>Talk {n}</title><abstract>{}</abstract>\
                     <description><![CDATA[<day date=\"1999-01-01\"> <event id=\"x\">]]></description>\
                     <persons><person id=\"{n}\">Speaker {n}</person></persons></event>\n",
                    8 + k / 12,
                    k % 12 * 5,
                    8 + k / 12,
                    k % 12 * 5,
                    "Words &amp; more words. ".repeat(20)
                );
            }
            text += "  </room>\n";
        }
        text += "</day>\n";
    }
    text += "</schedule>\n";
    assert!(text.len() > 1 << 20, "{} bytes", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xml");
    std::fs::write(&path, &text).unwrap();
    let opts = Options::default();
    let read = lineup::workspace::read_schedule(&path, &opts).unwrap();
    let one = import::read_bytes(text.as_bytes(), &path.display().to_string(), &opts).unwrap();
    assert_eq!(read.schedule.sessions.len(), 1800);
    assert_eq!(read.schedule, one.schedule);
    assert_eq!(words(&read), words(&one));
    assert!(words(&read).len() >= 2, "{:?}", words(&read));
    // A bad start near the end: the line of that event, as one reader names it.
    // (Its date-time left out: a start is read only without one.)
    let bad = text.rfind("<date>").unwrap();
    let end = bad + text[bad..].find("</start>").unwrap();
    let broken = format!("{}<start>soon{}", &text[..bad], &text[end..]);
    std::fs::write(&path, &broken).unwrap();
    let e = lineup::workspace::read_schedule(&path, &opts)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let line = broken[..bad].matches('\n').count() + 1;
    assert!(e.contains(&format!("big.xml:{line}:")), "{e}");
}

#[test]
fn a_large_frab_json_file_is_read_as_a_stream_with_the_same_result() {
    // Over the size from which the file is streamed: the fixture with a long field it ignores.
    let text = std::fs::read_to_string(fixture("frab.json")).unwrap();
    let body = text.trim_end().strip_suffix('}').unwrap();
    let padded = format!("{body}, \"padding\": \"{}\"}}", "x".repeat(17 << 20));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, &padded).unwrap();
    let read = lineup::workspace::read_schedule(&path, &Options::default()).unwrap();
    let whole = import::read_bytes(
        text.as_bytes(),
        &path.display().to_string(),
        &Options::default(),
    );
    assert_eq!(read.schedule, whole.unwrap().schedule);
    // An error in a streamed file still names its line.
    std::fs::write(
        &path,
        padded.replacen("\"duration\": \"00:30\"", "\"duration\": [", 1),
    )
    .unwrap();
    let e = lineup::workspace::read_schedule(&path, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("big.json:6:"), "{e}");
}

/// 500 events, those at `bad` with a start that is no time, the file cut short when `cut`.
fn many_events(bad: &[usize], cut: bool, json: bool) -> String {
    let start = |i: usize| {
        if bad.contains(&i) {
            "soon".to_string()
        } else {
            "10:00".to_string()
        }
    };
    let mut out = String::new();
    if json {
        out.push_str("{\"schedule\": {\"conference\": {\"title\": \"M\", \"time_zone_name\": \"Europe/Berlin\", \"days\": [{\"date\": \"2020-01-01\", \"rooms\": {\"A\": [\n");
        for i in 0..500 {
            out.push_str(&format!(
                "{}{{\"id\": {i}, \"start\": \"{}\", \"duration\": \"00:30\", \"title\": \"T{i}\"}}\n",
                if i > 0 { "," } else { "" },
                start(i)
            ));
        }
        out.push_str(if cut { "]" } else { "]}}]}}}\n" });
    } else {
        out.push_str("<?xml version=\"1.0\"?>\n<schedule><conference><title>M</title><time_zone_name>Europe/Berlin</time_zone_name></conference>\n<day date=\"2020-01-01\"><room name=\"A\">\n");
        for i in 0..500 {
            out.push_str(&format!(
                "<event id=\"{i}\"><start>{}</start><duration>00:30</duration><title>T{i}</title></event>\n",
                start(i)
            ));
        }
        out.push_str(if cut {
            "</room>"
        } else {
            "</room></day></schedule>\n"
        });
    }
    out
}

#[test]
fn the_first_bad_event_is_the_error_in_xml_and_json() {
    for json in [false, true] {
        let read = |text: String| {
            import::read_bytes(text.as_bytes(), "m", &Options::default())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        let first = read(many_events(&[200, 400], false, json));
        assert!(first.contains("soon"), "{first}");
        // XML names the event's line (one event a line, the first on line 4).
        if !json {
            assert!(first.starts_with("m:204:"), "{first}");
        }
        // The same error when the file also ends early after it (JSON finishes a day's events
        // when the day is read whole, so there the end comes first), none when all are good.
        let cut = read(many_events(&[200, 400], true, json));
        if json {
            assert!(cut.contains("ends early"), "{cut}");
        } else {
            assert_eq!(cut, first);
        }
        let ok = import::read_bytes(
            many_events(&[], false, json).as_bytes(),
            "m",
            &Options::default(),
        );
        assert_eq!(ok.unwrap().schedule.sessions.len(), 500);
        assert!(read(many_events(&[], true, json)).contains("ends early"));
    }
}

/// Our fixtures of the formats read since the first five (and of files written in the wild).
const NEW_FORMATS: [&str; 9] = [
    "c3voc-v2.json",
    "schedule.xcal",
    "sessionize-all.json",
    "sessionize-grid.json",
    "indico.json",
    "open-event.json",
    "open-event-api.json",
    "emf-durations.xml",
    "generated.xml",
];

/// One session's facts as a line, to compare a reading with what the fixture says.
fn line_of(x: &lineup::model::Session) -> String {
    format!(
        "{} | {} | {}–{} | {} | {} | {} | {} | {:?}{}",
        x.id,
        x.title,
        x.start.wall().format("%m-%d %H:%M"),
        x.end.wall().format("%m-%d %H:%M"),
        x.room.as_deref().unwrap_or("-"),
        x.track.as_deref().unwrap_or("-"),
        x.language.as_deref().unwrap_or("-"),
        x.speakers.join(", "),
        x.kind,
        if x.cancelled { " cancelled" } else { "" }
    )
}

fn lines_of(name: &str, tz: Option<&str>) -> (String, Vec<String>, Vec<String>) {
    let (s, warnings) = read(name, tz);
    (
        s.conference.title.clone(),
        s.sessions.iter().map(line_of).collect(),
        warnings,
    )
}

#[test]
fn sessionize_all_and_gridsmart_views_read_the_same_talks() {
    let (title, all, warnings) = lines_of("sessionize-all.json", Some("Europe/Oslo"));
    assert_eq!(title, "sessionize-all");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        all,
        [
            "901 | Registration & Coffee | 05-17 08:00–05-17 08:45 | Hall A | - | - |  | Break",
            "902 | Opening keynote | 05-17 08:45–05-17 09:30 | Hall A | Keynotes | - | Ada Quill | Plenary",
            "904 | Compose bis ins Detail | 05-17 09:45–05-17 10:25 | Hall A | Android | de | Cem Sato | Talk",
            "903 | Kotlin flows in anger | 05-17 09:45–05-17 10:25 | Hall B | Android | en | Bo Renn, Cem Sato | Talk",
            "905 | Lunch | 05-17 12:00–05-17 13:00 | - | - | - |  | Break",
        ]
    );
    let (s, _) = read("sessionize-all.json", Some("Europe/Oslo"));
    assert_eq!(
        s.rooms,
        ["Hall A", "Hall B"],
        "rooms in Sessionize's sort order"
    );
    assert_eq!(
        s.sessions[0].start.offset().local_minus_utc(),
        7200,
        "--tz pins"
    );
    let (_, grid, _) = lines_of("sessionize-grid.json", Some("Europe/Oslo"));
    let talks: Vec<&String> = all.iter().filter(|l| l.starts_with("90")).collect();
    assert!(grid.iter().all(|g| talks.contains(&g)), "{grid:?}");
    assert_eq!(grid.len(), 3);
}

#[test]
fn c3voc_v2_reads_rooms_and_tracks_by_reference_and_localized_texts() {
    let (title, got, warnings) = lines_of("c3voc-v2.json", None);
    assert_eq!(title, "Fixture Congress 2031");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        got,
        [
            "AAAA11 | Sterne zählen | 12-27 11:00–12-27 11:40 | Hall One | Science & Stars | de | Dora Ohm | Talk",
            "BBBB22 | Soldering after midnight | 12-28 00:30–12-28 01:15 | Hall Zero | Hardware | en | Eli Flux | Talk",
            "CCCC33 | A talk that will not be | 12-28 14:00–12-28 15:30 | Hall One | - | en |  | Talk cancelled",
        ]
    );
    let (s, _) = read("c3voc-v2.json", None);
    assert_eq!(s.rooms, ["Hall Zero", "Hall One"], "the conference's order");
    assert_eq!(
        s.sessions[1].day.to_string(),
        "2031-12-27",
        "after midnight, in the day that holds it"
    );
    assert_eq!(
        s.sessions[0].guid.as_deref(),
        Some("11111111-1111-4111-8111-111111111111")
    );
    assert!(s.sessions[2].is_cancelled());
}

#[test]
fn xcal_indico_and_open_event_read_their_fields() {
    let (title, got, _) = lines_of("schedule.xcal", Some("Europe/Berlin"));
    assert_eq!(
        title, "Fixture Camp 2031",
        "X-WR-CALDESC when the name is empty"
    );
    assert_eq!(
        got,
        [
            "4101 | Tents & tensors | 08-10 10:00–08-10 10:45 | Big Tent | - | de | Fay Grid, Gus Hull | Talk",
            "QQ22BB | Night walk | 08-10 23:00–08-11 23:15 | Gate | - | en |  | Talk cancelled",
        ]
    );
    let (title, got, warnings) = lines_of("indico.json", None);
    assert_eq!(title, "Workshop on Fixtures 2031");
    assert_eq!(
        got,
        [
            "1 | Muon timing | 03-03 09:30–03-03 09:50 | Main Auditorium | Detectors | - | Lutz, Ina | Talk",
            "3 | Trigger menus | 03-04 14:00–03-04 15:00 | Council Chamber | Trigger session | - | Omar Pike | Talk",
        ]
    );
    assert_eq!(
        warnings,
        ["1 contribution has no time in the timetable and is not shown"]
    );
    let (s, _) = read("indico.json", None);
    assert_eq!(s.sessions[0].description, "Fast muons.", "HTML made text");
    let (_, got, _) = lines_of("open-event.json", None);
    assert_eq!(
        got,
        [
            "11 | Opening | 03-14 09:00–03-14 09:30 | Auditorium | General | en | Hana Ito | Plenary",
            "12 | Open hardware in schools | 03-14 10:00–03-14 10:45 | Lab 2 | Hardware | zh |  | Talk cancelled",
        ]
    );
    let (_, got, _) = lines_of("open-event-api.json", None);
    assert_eq!(
        got,
        ["21 | Robots at dawn | 03-15 08:00–03-15 08:40 | Hall 5 | Robotics | en | Ivo Jun | Talk"]
    );
}

// ---- the published corpus, beside the repository ----

#[test]
fn every_corpus_file_imports() {
    let Some(dir) = corpus() else { return };
    let expected = [
        ("fosdem-2020.xml", 872),
        ("33c3.xml", 150),
        ("33c3.json", 150),
        ("33c3.ics", 150),
        ("rc3-pretalx.json", 48),
        ("pyconau-2023.ics", 94),
        ("lca-2020.ics", 262),
        ("sessionize-orlando-2020.json", 99),
        ("c3voc-v2-example.json", 2),
        ("pretalx-divoc-2021.xcal", 45),
    ];
    for (name, n) in expected {
        let s = lineup::workspace::read_schedule(&dir.join(name), &Options::default())
            .unwrap()
            .schedule;
        assert_eq!(s.sessions.len(), n, "{name}");
        assert!(
            s.sessions
                .iter()
                .all(|x| x.end >= x.start && !x.title.is_empty()),
            "{name}"
        );
    }
}

#[test]
fn the_three_33c3_files_agree() {
    let Some(dir) = corpus() else { return };
    let load = |n: &str| {
        lineup::workspace::read_schedule(&dir.join(n), &Options::default())
            .unwrap()
            .schedule
    };
    let x = essence(&load("33c3.xml"));
    assert_eq!(x.len(), 150);
    assert_eq!(x, essence(&load("33c3.json")));
    assert_eq!(x, essence(&load("33c3.ics")));
}

// ---- hostile input ----

fn seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = [
        "frab.xml",
        "fosdem-old.xml",
        "frab.json",
        "pretalx.ics",
        "plain.ics",
    ]
    .iter()
    .chain(NEW_FORMATS.iter())
    .map(|f| std::fs::read(fixture(f)).unwrap())
    .collect();
    v.push(std::fs::read(crate::util::data(crate::util::PAGE_PICKS)).unwrap());
    v.push(lineup::native::PYCON_2012.as_bytes()[..4000].to_vec());
    v
}

/// The seeds again with a byte-order mark, and with lone CRs for line ends.
fn seed_variants() -> Vec<Vec<u8>> {
    let mut v = seeds();
    for s in seeds() {
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend(&s);
        v.push(bom);
        v.push(
            s.iter()
                .filter(|&&b| b != b'\r')
                .map(|&b| if b == b'\n' { b'\r' } else { b })
                .collect(),
        );
    }
    v
}

/// No message lineup makes from hostile input carries a control character or quotes much of
/// it; no line of any export carries a control character.
fn assert_clean_message(m: &str) {
    assert!(
        !m.chars().any(lineup::message::is_unsafe),
        "unsafe character in {m:?}"
    );
    assert!(
        m.chars().count() <= 400,
        "{} characters: {m}",
        m.chars().count()
    );
}

fn assert_clean_exports(schedule: &lineup::model::Schedule) {
    let set = lineup::export::ExportSet::all(schedule, None, chrono::Utc::now());
    for format in [
        lineup::export::Format::Ics,
        lineup::export::Format::Md,
        lineup::export::Format::Txt,
        lineup::export::Format::Lanyrd,
        lineup::export::Format::Json,
    ] {
        let (text, _) = lineup::export::render(&set, format).unwrap();
        let ends = if format == lineup::export::Format::Ics {
            "\r\n"
        } else {
            "\n"
        };
        for line in text.split(ends) {
            assert!(
                !line.chars().any(char::is_control),
                "{format:?} line {line:?}"
            );
        }
    }
}

fn try_all_formats(bytes: &[u8]) {
    for format in [
        None,
        Some(Format::Xml),
        Some(Format::Json),
        Some(Format::Ics),
        Some(Format::Lanyrd),
        Some(Format::Lineup),
        Some(Format::Xcal),
        Some(Format::Sessionize),
        Some(Format::Indico),
        Some(Format::OpenEvent),
    ] {
        let opts = Options {
            format,
            ..Options::default()
        };
        match import::read_bytes(bytes, "fuzz", &opts) {
            Ok(i) => {
                for s in &i.schedule.sessions {
                    assert!(!s.title.chars().any(char::is_control));
                    assert!(s.end >= s.start);
                }
                i.warnings
                    .iter()
                    .for_each(|w| assert_clean_message(&w.to_string()));
                assert_clean_exports(&i.schedule);
            }
            Err(e) => assert_clean_message(&e.to_string()),
        }
    }
    // The streaming JSON reader meets the same bytes.
    match import::read_json(bytes, "fuzz", &Options::default()) {
        Ok(i) => assert!(i.schedule.sessions.iter().all(|s| s.end >= s.start)),
        Err(e) => assert_clean_message(&e.to_string()),
    }
}

/// Where events start in a seed: cutting there leaves a schedule that ends early.
fn event_boundaries(text: &str) -> Vec<usize> {
    ["<event", "BEGIN:VEVENT", "{\"id\""]
        .iter()
        .flat_map(|m| text.match_indices(m).map(|(i, _)| i))
        .collect()
}

#[test]
fn a_cut_at_any_event_boundary_ends_early() {
    let mut texts: Vec<(String, String)> = [
        "frab.xml",
        "fosdem-old.xml",
        "frab.json",
        "pretalx.ics",
        "plain.ics",
    ]
    .iter()
    .map(|f| (f.to_string(), std::fs::read_to_string(fixture(f)).unwrap()))
    .collect();
    if let Some(dir) = corpus() {
        for f in ["33c3.xml", "33c3.json", "33c3.ics", "pyconau-2023.ics"] {
            texts.push((f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()));
        }
    }
    for (name, text) in &texts {
        // Every file is cut at two places at least, so none passes by being cut nowhere (with
        // or without the corpus beside the repository).
        let boundaries = event_boundaries(text);
        assert!(
            boundaries.len() >= 2,
            "{name}: {} event boundaries found to cut at, 2 at least wanted",
            boundaries.len()
        );
        for at in boundaries {
            let e = import::read_bytes(&text.as_bytes()[..at], name, &Options::default())
                .unwrap_err()
                .to_string();
            assert!(e.contains("ends early"), "{name} cut at {at}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        try_all_formats(&bytes);
    }

    #[test]
    fn mutated_schedules_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12),
    ) {
        let variants = seed_variants();
        let mut bytes = variants[which.index(variants.len())].clone();
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.insert(i, byte); }
                _ => { bytes.truncate(i); }
            }
        }
        try_all_formats(&bytes);
    }
}

/// Any text, control characters and bidi marks included.
fn any_text() -> impl Strategy<Value = String> {
    "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}])*"
        .prop_map(|s| s.chars().take(60).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever a schedule's fields hold, no export line carries a control character.
    #[test]
    fn any_text_in_any_field_never_reaches_an_export_raw(
        fields in prop::collection::vec(any_text(), 10),
    ) {
        let session = serde_json::json!({
            "id": fields[0], "title": fields[1], "speakers": [fields[2], fields[3]],
            "abstract": fields[4], "description": fields[5], "room": fields[6],
            "track": fields[7], "url": fields[8], "day": "2020-01-01",
            "start": "2020-01-01T10:00:00+01:00", "end": "2020-01-01T11:00:00+01:00"
        });
        let file = serde_json::json!({
            "format": "lineup-schedule", "version": 1,
            "conference": {"id": fields[9], "title": fields[1], "venue": fields[6], "time_zone": "Europe/Berlin"},
            "rooms": [fields[6]], "sessions": [session]
        });
        let s = lineup::native::from_json(&file.to_string(), "any.json").unwrap();
        assert_clean_exports(&s);
    }
}

/// A large xCal file is read in parts at once: what it gives is what one reader gives (the
/// streaming one), a cut file still ends early, and "<vevent" inside a CDATA section does not
/// fool the cuts.
#[test]
fn a_large_xcal_read_in_parts_gives_what_one_reader_gives() {
    let fixture = std::fs::read_to_string(fixture("schedule.xcal")).unwrap();
    let (head, rest) = fixture.split_at(fixture.find("<vevent>").unwrap());
    let events = &rest[..rest.rfind("</vevent>").unwrap() + "</vevent>".len()];
    let tail = &rest[events.len()..];
    let build = |cdata_at: usize| {
        let mut big = head.to_string();
        for k in 0..2500 {
            big.push_str(
                &events
                    .replace("QQ", &format!("Q{k}Q"))
                    .replace("4101", &format!("9{k}")),
            );
            if k == cdata_at {
                // Long enough that a cut near the middle may fall inside it.
                let text = format!("a <vevent> in text{}", " <vevent>".repeat(4000));
                big.push_str(&format!(
                    "<vevent><uid>cdata@x</uid><summary><![CDATA[{text}]]></summary><dtstart>20310811T090000</dtstart><dtend>20310811T093000</dtend></vevent>"
                ));
            }
        }
        big.push_str(tail);
        big
    };
    let opts = Options {
        tz: Some("Europe/Berlin".parse().unwrap()),
        ..Options::default()
    };
    let mut big = String::new();
    for cdata_at in [1180, 1210, 1240, 1270] {
        big = build(cdata_at);
        let whole = import::read_bytes(big.as_bytes(), "big.xcal", &opts).unwrap();
        let streamed = import::read_xml(big.as_bytes(), "big.xcal", &opts, Format::Xcal).unwrap();
        assert_eq!(whole.schedule.sessions.len(), 5001);
        assert_eq!(whole.schedule, streamed.schedule);
        assert_eq!(whole.warnings, streamed.warnings);
        let cdata = whole.schedule.sessions.iter().find(|s| s.id == "cdata");
        assert!(cdata.is_some_and(|s| s.title.starts_with("a <vevent> in text")));
    }
    // Cut inside the last event, or before the calendar closes: it ends early.
    let cut = &big[..big.rfind("<dtstart>").unwrap()];
    let e = import::read_bytes(cut.as_bytes(), "cut.xcal", &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ends early"), "{e}");
    let unclosed = &big[..big.rfind("</vcalendar>").unwrap()];
    let e = import::read_bytes(unclosed.as_bytes(), "cut.xcal", &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ends early"), "{e}");
}

#[test]
fn the_colours_a_schedule_gives_its_tracks_are_kept() {
    let read = |name: &str| {
        import::read_bytes(
            &std::fs::read(fixture(name)).unwrap(),
            name,
            &Options::default(),
        )
        .unwrap()
        .schedule
    };
    let v2 = read("c3voc-v2.json");
    assert_eq!(
        v2.track_colours.get("Science & Stars"),
        Some(&[0x00, 0xA3, 0x56])
    );
    assert_eq!(v2.track_colours.get("Hardware"), Some(&[0x68, 0x5B, 0x9D]));
    let xml = read("frab.xml");
    assert_eq!(xml.track_colours.get("CCC"), Some(&[0xF9, 0xB0, 0x00]));
    // A schedule file lineup writes keeps them.
    let json = lineup::native::to_json(&xml).unwrap();
    assert!(json.contains("\"CCC\": \"#f9b000\""), "{json}");
    let back = lineup::native::from_json(&json, "back.json").unwrap();
    assert_eq!(back.track_colours, xml.track_colours);
    assert_eq!(lineup::import::rgb("#abc"), Some([0xAA, 0xBB, 0xCC]));
    assert_eq!(lineup::import::rgb("F9B000"), None);
    assert_eq!(lineup::import::rgb("#F9B00G"), None);
}

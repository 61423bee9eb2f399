//! A large frab JSON schedule read in two parts at once. The second starts at an event near the
//! middle, behind the lead [`cut`](super::cut) finds, so it reads as if the file began there;
//! the walk that finds it runs on the second part's thread while the first part reads from the
//! start. The first part stops at that event, found by counting events (it waits for the walk
//! only if it catches up with it), and must have nothing waiting there for what the file says
//! later (its zone, its day's date and start). The two are then joined as one reader would
//! have read them. When there is no cut, the first part reads on alone; when the second part
//! fails or they do not meet, the file is read again by one reader: it costs time, never a
//! different result.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde_json::Deserializer;

use super::{Sink, cut, read_from};
use crate::error::Result;
use crate::import::at::{ReadAt, stream as part};
use crate::import::{Context, Draft, Warning};

/// Files from this size on are read in two parts (below it, a thread costs more than it saves).
const PARTS_FROM: u64 = 1 << 20;

/// Whether a text of `len` bytes is read in two parts.
fn in_parts(len: u64) -> bool {
    len >= PARTS_FROM && crate::model::parts::workers() > 1
}

/// The part of a file a walk reads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Part<'m> {
    Whole,
    /// Up to the cut, once the walk to it has found it.
    First(&'m Meet),
    /// From the cut (stopping if the first part read on alone).
    Second(&'m Meet),
}

/// A cut's count before it is found, and once there is none.
const UNKNOWN: u64 = u64::MAX;
const NO_CUT: u64 = u64::MAX - 1;

/// What the two parts tell each other as they read.
#[derive(Debug)]
pub(super) struct Meet {
    /// Events the walk to the cut has passed (none of them is the cut).
    passed: AtomicU64,
    /// The events before the cut, once found; [`NO_CUT`] when there is none.
    cut: AtomicU64,
    /// The first part read on alone: the second stops.
    alone: AtomicBool,
}

impl Meet {
    fn new() -> Self {
        Meet {
            passed: AtomicU64::new(0),
            cut: AtomicU64::new(UNKNOWN),
            alone: AtomicBool::new(false),
        }
    }

    /// Whether the event a first part begins, having begun `read` before it, is the cut; while
    /// the walk has not passed it, waits.
    fn is_cut(&self, read: u64) -> bool {
        loop {
            match self.cut.load(Ordering::Acquire) {
                UNKNOWN => {}
                cut => return cut == read,
            }
            if self.passed.load(Ordering::Acquire) > read {
                return false;
            }
            std::thread::yield_now();
        }
    }
}

/// Tells the first part there is no cut, unless one was found: set when the walk ends however
/// it ends (a read error, a panic), so the first part never waits for it in vain.
struct Verdict<'m>(&'m Meet);

impl Verdict<'_> {
    fn found(&self, cut: &cut::Cut) {
        self.0.cut.store(cut.events, Ordering::Release);
    }
}

impl Drop for Verdict<'_> {
    fn drop(&mut self) {
        if self.0.cut.load(Ordering::Acquire) == UNKNOWN {
            self.0.cut.store(NO_CUT, Ordering::Release);
        }
    }
}

impl Sink<'_> {
    /// Whether the walk stops before the event it is about to read: a first part at the cut, a
    /// second part when the first read on alone.
    pub(super) fn stops_before_event(&mut self) -> bool {
        match self.part {
            Part::Whole => false,
            Part::First(meet) => {
                self.at_cut = meet.is_cut(self.events_read);
                self.at_cut
            }
            Part::Second(meet) => meet.alone.load(Ordering::Relaxed),
        }
    }
}

/// Reads a whole frab JSON text, a large one in two parts at once.
pub(super) fn read_text(input: &str, origin: &str, cx: &mut Context) -> Result<Draft> {
    let len = input.len() as u64;
    read_text_near(input, in_parts(len).then_some(len / 2), origin, cx).0
}

/// [`read_text`], its second part from the first event at or after `near` (none: one part),
/// and whether the second part was kept.
fn read_text_near(
    input: &str,
    near: Option<u64>,
    origin: &str,
    cx: &mut Context,
) -> (Result<Draft>, bool) {
    near.and_then(|near| {
        in_two(
            |sink| sink.walk(&mut Deserializer::from_str(input)),
            |verdict, sink| {
                let cut = cut::in_text(input.as_bytes(), near, Some(&verdict.0.passed))?;
                verdict.found(&cut);
                let at = usize::try_from(cut.at).ok()?;
                let lead = std::str::from_utf8(&cut.lead).ok()?;
                let tail = input.get(at..)?;
                // The second part is one text (a slice reads a quarter faster than a stream).
                let mut later = String::with_capacity(lead.len() + tail.len());
                later.push_str(lead);
                later.push_str(tail);
                Some(sink.walk(&mut Deserializer::from_str(&later)))
            },
            origin,
            cx,
        )
    })
    .unwrap_or_else(|| {
        let read = read_from(&mut Deserializer::from_str(input), origin, cx);
        (read, false)
    })
}

/// Reads the first `len` bytes of `src`, a frab JSON file, as a stream, a large one in two parts
/// at once.
pub(super) fn read_file<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft> {
    read_file_near(src, len, in_parts(len).then_some(len / 2), origin, cx).0
}

/// [`read_file`], its second part from the first event at or after `near` (none: one part),
/// and whether the second part was kept.
fn read_file_near<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    near: Option<u64>,
    origin: &str,
    cx: &mut Context,
) -> (Result<Draft>, bool) {
    let whole = || Deserializer::from_reader(part(src, Vec::new(), 0, len));
    near.and_then(|near| {
        in_two(
            |sink| sink.walk(&mut whole()),
            |verdict, sink| {
                let cut = cut::in_file(src, len, near, Some(&verdict.0.passed))?;
                verdict.found(&cut);
                let rest = part(src, cut.lead, cut.at, len);
                Some(sink.walk(&mut Deserializer::from_reader(rest)))
            },
            origin,
            cx,
        )
    })
    .unwrap_or_else(|| (read_from(&mut whole(), origin, cx), false))
}

/// Reads the first part (`one`, from the start) and the second (`two`: the walk to the cut,
/// told through the verdict, then the rest from there) at once, each into a sink of its own.
/// The result, and whether the second part was kept; `None` when the file is to be read again
/// by one reader (the second part failed, or the two do not meet).
fn in_two(
    one: impl FnOnce(&mut Sink<'_>) -> Result<()> + Send,
    two: impl FnOnce(&Verdict<'_>, &mut Sink<'_>) -> Option<Result<()>> + Send,
    origin: &str,
    cx: &mut Context,
) -> Option<(Result<Draft>, bool)> {
    let meet = Meet::new();
    let (mut cx1, mut cx2) = (cx.fork(), cx.fork());
    let (c1, c2, m) = (&mut cx1, &mut cx2, &meet);
    let (first, second) = crate::model::parts::both(
        move || {
            let mut sink = Sink::new(origin, c1);
            sink.part = Part::First(m);
            let walked = one(&mut sink);
            if !sink.at_cut {
                m.alone.store(true, Ordering::Relaxed);
            }
            (walked, sink)
        },
        move || {
            let verdict = Verdict(m);
            let mut sink = Sink::new(origin, c2);
            sink.part = Part::Second(m);
            let walked = two(&verdict, &mut sink);
            drop(verdict);
            (walked, sink)
        },
        true,
    );
    let (walked, mut sink) = first;
    if !sink.at_cut {
        // No cut, or an error before it: what one reader reads.
        let read = walked.and_then(|()| sink.into_draft());
        cx.warnings.append(&mut cx1.warnings);
        return Some((read, false));
    }
    let (Some(Ok(())), later) = second else {
        return None;
    };
    let nothing_waits = sink.day.drafts.is_empty() && sink.waiting.is_empty();
    if !nothing_waits || !sink.join(later) {
        return None;
    }
    let draft = sink.into_draft();
    cx.warnings.append(&mut cx1.warnings);
    Some((draft, true))
}

impl Sink<'_> {
    /// Goes on as `later`, the second part read to the end from the event where this one
    /// stopped, keeping what this one read before it; false when they do not meet (the room
    /// this one stopped in is not the one the lead named).
    fn join(&mut self, later: Sink<'_>) -> bool {
        let Sink {
            origin: _,
            cx,
            saw_schedule,
            saw_conference,
            title,
            acronym,
            zone_name,
            zone,
            days,
            day,
            waiting,
            mut rooms,
            mut sessions,
            listed_rooms,
            tracks,
            mut spans,
            v2,
            three_parts,
            part: _,
            events_read: _,
            at_cut: _,
            failed,
        } = later;
        if rooms.is_empty() || self.rooms.last() != rooms.first() {
            return false;
        }
        let offset = self.sessions.len();
        // Exactly the room for both (appending would double the room, a third more at the peak).
        self.sessions.reserve_exact(sessions.len());
        self.sessions.append(&mut sessions);
        self.three_parts.append(three_parts, offset);
        self.rooms.extend(rooms.drain(1..));
        self.spans.append(&mut spans);
        self.days += days.saturating_sub(1);
        for w in cx.warnings.drain(..) {
            // An unknown zone is named once, though both parts met it.
            if !matches!(w, Warning::UnknownZone { .. }) || !self.cx.warnings.contains(&w) {
                self.cx.warnings.push(w);
            }
        }
        // What the conference says is read again in the lead, and after its days only by the
        // later part; where the walk ended is the later part's.
        self.saw_schedule = saw_schedule;
        self.saw_conference = saw_conference;
        self.title = title;
        self.acronym = acronym;
        self.zone_name = zone_name;
        self.zone = zone;
        self.day = day;
        self.waiting = waiting;
        self.listed_rooms = listed_rooms;
        self.tracks = tracks;
        self.v2 = v2;
        self.failed = failed;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What reading `text` gives in a form to compare (the draft and the warnings, or the
    /// error), and whether a second part was kept: from the text whole, or from it as a file.
    fn read(text: &str, near: Option<u64>, file: bool) -> (String, bool) {
        let mut cx = Context::default();
        let (read, kept) = if file {
            let b = text.as_bytes();
            read_file_near(b, b.len() as u64, near, "t.json", &mut cx)
        } else {
            read_text_near(text, near, "t.json", &mut cx)
        };
        let shown = match read {
            Ok(draft) => format!("{draft:?}\n{:?}", cx.warnings),
            Err(e) => format!("{e:?}"),
        };
        (shown, kept)
    }

    /// A frab JSON schedule made from `choices`: days, rooms and events, names and texts with
    /// escapes and brackets, the zone or none, a day's date before or after its rooms, lists
    /// of rooms and tracks before or after the days, durations that read two ways, and now
    /// and then a syntax error or a key given twice.
    fn made(choices: &[u8]) -> String {
        let mut i = 0;
        let mut pick = |n: u8| {
            i += 1;
            choices[(i - 1) % choices.len()] % n
        };
        const ROOMS: [&str; 5] = [
            "Hall A",
            r#"Sa\u006cle \"B\""#,
            "{[Room]}, ",
            "日本 ホール",
            "Hall A",
        ];
        const TITLES: [&str; 4] = [
            "Talk",
            r#"quote \" and \\ backslash"#,
            r#"}]},{\"rooms\":{\"x\":["#,
            "Ünïcode ✓",
        ];
        const DURATIONS: [&str; 4] = ["00:30", "0:30:00", "1:00:00", "01:00"];
        let sep = if pick(2) == 0 { "," } else { ",\n    " };
        let mut conf = String::from(r#"{"title": "Parts""#);
        if pick(4) != 0 {
            conf += r#", "time_zone_name": "Europe/Brussels""#;
        }
        if pick(3) == 0 {
            conf += r#", "rooms": [{"name": "Hall A", "guid": "r1"}]"#;
        }
        conf += r#", "days": ["#;
        let mut id = 0;
        for d in 1..=1 + pick(3) {
            if d > 1 {
                conf += sep;
            }
            let date =
                format!(r#""date": "2020-02-0{d}", "day_start": "2020-02-0{d}T09:00:00+01:00""#);
            let before = pick(5) != 0;
            conf += &format!(r#"{{"index": {d}{sep}"#);
            if before {
                conf += &format!("{date}{sep}");
            }
            conf += r#""rooms": {"#;
            for r in 0..1 + pick(3) {
                if r > 0 {
                    conf += sep;
                }
                let room = ROOMS[usize::from(pick(5))];
                if pick(8) == 0 {
                    conf += &format!(r#""{room}": null"#);
                    continue;
                }
                conf += &format!(r#""{room}": ["#);
                for e in 0..pick(5) {
                    id += 1;
                    if e > 0 {
                        conf += sep;
                    }
                    if pick(40) == 0 {
                        conf += r#"{"id": }"#;
                        continue;
                    }
                    let title = TITLES[usize::from(pick(4))];
                    let duration = DURATIONS[usize::from(pick(4))];
                    conf += &format!(
                        r#"{{"id": {id}, "guid": "g-{id}", "date": "2020-02-0{d}T1{h}:00:00+01:00", "start": "1{h}:00", "duration": "{duration}", "room": "{room}", "title": "{title} {id}", "persons": [{{"public_name": "P {id}"}}], "links": [], "abstract": "[{{\"x\": {id}}}]"}}"#,
                        h = e % 10
                    );
                }
                conf += "]";
            }
            conf += "}";
            if !before {
                conf += &format!("{sep}{date}");
            }
            if pick(12) == 0 {
                id += 1;
                conf += &format!(
                    r#", "rooms": {{"Hall A": [{{"id": {id}, "date": "2020-02-0{d}T12:00:00+01:00", "start": "12:00", "duration": "00:20", "title": "Again"}}]}}"#
                );
            }
            conf += "}";
        }
        conf += "]";
        if pick(3) == 0 {
            conf += r##", "tracks": [{"name": "T", "color": "#ff0000"}]"##;
        }
        if pick(10) == 0 {
            conf += r#", "days": []"#;
        }
        conf += "}";
        format!(r#"{{"schedule": {{"version": "1", "conference": {conf}}}}}"#)
    }

    #[test]
    fn a_schedule_is_read_in_two_and_gives_what_one_reader_gives() {
        let text = made(&[1, 1, 1, 2, 1, 1, 2, 4, 3, 1, 2, 4, 1, 1, 1]);
        let one = read(&text, None, false);
        assert!(!one.0.starts_with("Parse"), "{}", one.0);
        for file in [false, true] {
            let two = read(&text, Some(text.len() as u64 / 2), file);
            assert!(two.1, "the second part was not kept: {text}");
            assert_eq!(two.0, one.0);
        }
    }

    /// The second part's lead holds its day up to its rooms: a day that names its rooms twice
    /// would have the first ones read again, so it is read by one reader.
    #[test]
    fn a_day_that_names_its_rooms_twice_is_read_by_one_reader() {
        let text = r#"{"schedule": {"conference": {"time_zone_name": "Europe/Brussels", "days": [
            {"date": "2020-02-01", "day_start": "2020-02-01T09:00:00+01:00",
             "rooms": {"A": [{"id": 1, "date": "2020-02-01T10:00:00+01:00", "duration": "00:30", "title": "One"}]},
             "rooms": {"A": [{"id": 2, "date": "2020-02-01T12:00:00+01:00", "duration": "00:20", "title": "Two"}]}}]}}}"#;
        let near = text.find(r#"{"id": 2"#).map(|at| at as u64);
        let two = read(text, near, false);
        assert!(!two.1, "a second part was kept");
        assert_eq!(two.0, read(text, None, false).0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The oracle: one reader. Wherever the second part is asked to start, the parts read
        /// what one reader reads, from a text or a file.
        #[test]
        fn two_parts_read_what_one_reader_reads(
            choices in proptest::collection::vec(any::<u8>(), 1..60),
            near in any::<proptest::sample::Index>(),
            file in any::<bool>(),
        ) {
            let text = made(&choices);
            let near = near.index(text.len() + 1) as u64;
            prop_assert_eq!(read(&text, Some(near), file).0, read(&text, None, false).0);
        }
    }
}

//! A large frab XML file read in two parts at once. The second part starts at an event near the
//! middle, behind copies of the start tags that event sits inside (the root's, its day's and its
//! room's, found by reading back from it), so it reads as if the file began there. It is kept
//! only when the first part, read up to that event, stands exactly where the second began: the
//! same open elements, day, room and zone. Otherwise the first part reads on alone. A file the
//! guess does not fit (a comment or CDATA around the cut, an unusual layout, an error) costs
//! the other core's work, never a different result.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use super::{Parser, Tag, Walk, XmlError};
use crate::import::at::{ReadAt, Stream, stream};
use crate::import::{Context, Draft};

/// Files from this size on are read in two parts (below it, a thread costs more than it saves).
const PARTS_FROM: u64 = 1 << 20;

/// How far from the middle the second part's first event is looked for.
const FIND_EVENT: u64 = 1 << 20;

/// The piece read at a time when reading back for the start tags, and how far a tag may reach
/// past it.
const BACK: u64 = 1 << 20;
const LONGEST_TAG: u64 = 16 * 1024;

/// Reads the first `len` bytes of `src`, a frab XML file, in two parts at once when it is large
/// and there are cores for it; the draft is the one a single reader makes.
pub(in crate::import) fn read_at<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    origin: &str,
    cx: &mut Context,
) -> Result<Draft, XmlError> {
    let split = (len >= PARTS_FROM && crate::model::parts::workers() > 1)
        .then(|| middle_event(src, len))
        .flatten();
    read_split(src, len, split, origin, cx).map(|(draft, _)| draft)
}

/// [`read_at`] with the second part starting at `split` (none: one part), and whether a second
/// part was read and kept.
fn read_split<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    split: Option<u64>,
    origin: &str,
    cx: &mut Context,
) -> Result<(Draft, bool), XmlError> {
    let parser = Parser::new(origin, std::mem::take(cx));
    let mut first = Walk::new(stream(src, Vec::new(), 0, len), parser, 0, 0);
    let read = match split {
        Some(at) => in_two(&mut first, src, len, at),
        None => first.run(|_, _| false).map(|_| false),
    };
    let draft = read.and_then(|kept| Ok((first.finish()?, kept)));
    *cx = std::mem::take(&mut first.p.cx);
    draft
}

/// Reads the file through `first`, with a second part from `split` on another thread when the
/// first has settled the zone before it; whether the second part was kept.
fn in_two<'a, 's, S: ReadAt + ?Sized>(
    first: &mut Walk<'a, Stream<'s, S>>,
    src: &'s S,
    len: u64,
    split: u64,
) -> Result<bool, XmlError> {
    // The first event settles the zone, which both parts need.
    first.run(|pos, p| pos >= split || (p.zone.is_some() && p.draft.is_none()))?;
    let zone = match first.p.zone {
        Some(zone) if first.reader.buffer_position() < split => zone,
        _ => return first.run(|_, _| false).map(|_| false),
    };
    let origin = first.p.origin;
    let cx = first.p.cx.fork();
    let root = first.p.root.clone();
    std::thread::scope(|scope| {
        let second = scope.spawn(move || {
            let mut parser = Parser::new(origin, cx);
            parser.zone = Some(zone);
            second_part(src, len, split, &root, parser)
        });
        let stopped = first.run(|pos, p| pos == split && p.draft.is_none());
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (stopped?, second) {
            (true, Some(second)) if first.p.place() == second.start => {
                first.absorb(second.walk, second.rooms);
                Ok(true)
            }
            _ => first.run(|_, _| false).map(|_| false),
        }
    })
}

/// The second part, read to the end, with where it stood when its file bytes began.
struct Second<'a, R> {
    walk: Walk<'a, R>,
    start: Place,
    /// The rooms its lead named, which the first part has named already.
    rooms: usize,
}

/// Reads from `split` to the end behind the lead of start tags found before `split`; `None` when
/// there is no lead, or the part cannot be read as it stands (the first part then reads it).
fn second_part<'a, 's, S: ReadAt + ?Sized>(
    src: &'s S,
    len: u64,
    split: u64,
    root: &[u8],
    parser: Parser<'a>,
) -> Option<Second<'a, Stream<'s, S>>> {
    let lead = lead(src, split, root)?;
    let n = lead.len() as u64;
    let mut walk = Walk::new(stream(src, lead, split, len), parser, split, n);
    let led = walk.run(|pos, _| pos >= n).ok()?;
    if !led || walk.reader.buffer_position() != n {
        return None;
    }
    let start = walk.p.place();
    let rooms = walk.p.rooms.len();
    walk.run(|_, _| false).ok()?;
    (!walk.p.told_conference).then_some(Second { walk, start, rooms })
}

/// Where the first `<event` start tag at or after the middle of the file begins (outside the
/// CDATA sections and comments seen to open before it).
fn middle_event<S: ReadAt + ?Sized>(src: &S, len: u64) -> Option<u64> {
    let middle = len / 2;
    let from = middle.saturating_sub(FIND_EVENT / 16);
    let buf = read_exact(src, from, (middle + FIND_EVENT).min(len) - from)?;
    let skip = (middle - from) as usize;
    let markup = Markup::of(&buf);
    starts_of(&buf, b"event")
        .find(|at| *at >= skip && !markup.hides(*at))
        .map(|at| from + at as u64)
        .filter(|at| *at > 0)
}

/// The lead of a part starting at `split`: `<root>`, then the nearest `<day …>` before `split`
/// and the nearest `<room …>` after that day, as written. `None` without such a day.
fn lead<S: ReadAt + ?Sized>(src: &S, split: u64, root: &[u8]) -> Option<Vec<u8>> {
    let mut room: Option<Vec<u8>> = None;
    let mut end = split;
    while end > 0 {
        let from = end.saturating_sub(BACK);
        let buf = read_exact(src, from, (end + LONGEST_TAG).min(split) - from)?;
        let limit = (end - from) as usize;
        let markup = Markup::of(&buf);
        let day = last_tag(&buf, &markup, limit, b"day");
        if room.is_none() {
            room = last_tag(&buf, &markup, limit, b"room")
                .filter(|(at, _)| day.as_ref().is_none_or(|(d, _)| at > d))
                .map(|(_, tag)| tag.to_vec());
        }
        if let Some((_, day)) = day {
            let mut lead = Vec::with_capacity(root.len() + day.len() + 2 + 512);
            lead.push(b'<');
            lead.extend_from_slice(root);
            lead.push(b'>');
            lead.extend_from_slice(day);
            lead.extend_from_slice(room.as_deref().unwrap_or_default());
            return Some(lead);
        }
        end = from;
    }
    None
}

/// The last start tag `<name …>` with attributes that begins before `limit` in `buf`, outside
/// what `markup` hides: where it begins and its bytes through `>`. Each byte is looked at a
/// bounded number of times, however many tags there are that do not qualify.
fn last_tag<'b>(
    buf: &'b [u8],
    markup: &Markup,
    limit: usize,
    name: &[u8],
) -> Option<(usize, &'b [u8])> {
    let mut open = Vec::with_capacity(name.len() + 1);
    open.push(b'<');
    open.extend_from_slice(name);
    // The first `>` at or after the tag looked at: tags come last first, so each stretch of
    // bytes is searched once.
    let (mut searched_from, mut close) = (buf.len(), None);
    memchr::memmem::rfind_iter(buf, &open)
        .filter(|at| *at < limit)
        .find_map(|at| {
            if let Some(i) = memchr::memchr(b'>', &buf[at..searched_from]) {
                close = Some(at + i);
            }
            searched_from = at;
            if !buf.get(at + open.len())?.is_ascii_whitespace() || markup.hides(at) {
                return None;
            }
            Some((at, &buf[at..=close?]))
        })
}

/// Where CDATA sections and comments open and close in a piece of the file, to tell at once
/// whether a tag is inside one that opens in the piece.
struct Markup {
    cdata: Spans,
    comments: Spans,
}

/// Where one kind of section opens and closes (each in order), and the lengths of its marks.
struct Spans {
    opens: Vec<usize>,
    closes: Vec<usize>,
    open_len: usize,
    close_len: usize,
}

impl Spans {
    fn of(buf: &[u8], open: &[u8], close: &[u8]) -> Spans {
        Spans {
            opens: memchr::memmem::find_iter(buf, open).collect(),
            closes: memchr::memmem::find_iter(buf, close).collect(),
            open_len: open.len(),
            close_len: close.len(),
        }
    }

    /// Whether the last section to open wholly before `at` does not close wholly before it.
    fn hides(&self, at: usize) -> bool {
        let opened = self.opens.partition_point(|o| o + self.open_len <= at);
        let Some(&o) = opened.checked_sub(1).and_then(|i| self.opens.get(i)) else {
            return false;
        };
        let next_close = self.closes.partition_point(|c| *c < o);
        self.closes
            .get(next_close)
            .is_none_or(|c| c + self.close_len > at)
    }
}

impl Markup {
    fn of(buf: &[u8]) -> Markup {
        Markup {
            cdata: Spans::of(buf, b"<![CDATA[", b"]]>"),
            comments: Spans::of(buf, b"<!--", b"-->"),
        }
    }

    /// Whether what begins at `at` is inside a CDATA section or a comment that opens before it.
    fn hides(&self, at: usize) -> bool {
        self.cdata.hides(at) || self.comments.hides(at)
    }
}

/// Where start tags `<name` (followed by a space or `>`) begin in `buf`, in order.
fn starts_of<'b>(buf: &'b [u8], name: &'b [u8]) -> impl Iterator<Item = usize> + 'b {
    memchr::memmem::find_iter(buf, b"<").filter(move |at| {
        let rest = &buf[at + 1..];
        rest.starts_with(name)
            && rest
                .get(name.len())
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
    })
}

/// `len` bytes of `src` from `from`; `None` when they cannot all be read.
fn read_exact<S: ReadAt + ?Sized>(src: &S, from: u64, len: u64) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; usize::try_from(len).ok()?];
    let mut got = 0;
    while got < buf.len() {
        match src.read_at(&mut buf[got..], from + got as u64) {
            Ok(0) => return None,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(buf)
}

/// Where a reader stands between two events: everything that decides how the rest is read.
#[derive(Debug, PartialEq)]
pub(super) struct Place {
    stack: Vec<Tag>,
    names: Vec<u8>,
    name_ends: Vec<usize>,
    day: Option<NaiveDate>,
    /// The day's start with its offset (two equal instants at different offsets differ here).
    day_start: Option<(NaiveDateTime, i32)>,
    room_name: String,
    zone: Option<Option<chrono_tz::Tz>>,
    saw_schedule: bool,
    between_events: bool,
}

impl Parser<'_> {
    pub(super) fn place(&self) -> Place {
        let start = |d: &DateTime<FixedOffset>| (d.naive_local(), d.offset().local_minus_utc());
        Place {
            stack: self.stack.clone(),
            names: self.names.clone(),
            name_ends: self.name_ends.clone(),
            day: self.day,
            day_start: self.day_start.as_ref().map(start),
            room_name: self.room_name.clone(),
            zone: self.zone,
            saw_schedule: self.saw_schedule,
            between_events: self.draft.is_none(),
        }
    }
}

impl<'a, R> Walk<'a, R> {
    /// Goes on as `next`, which read on from where this walk stopped, keeping what this one read
    /// first (`rooms`: how many of `next`'s rooms its lead named).
    fn absorb(&mut self, next: Walk<'a, R>, rooms: usize) {
        let Walk {
            reader,
            p: parser,
            from,
            lead,
            ..
        } = next;
        let mut first = std::mem::replace(&mut self.p, parser);
        let p = &mut self.p;
        let offset = first.sessions.len();
        // Exactly the room for both (appending would double the room, a third more at the peak).
        first.sessions.reserve_exact(p.sessions.len());
        first.sessions.append(&mut p.sessions);
        p.sessions = first.sessions;
        first
            .three_parts
            .append(std::mem::take(&mut p.three_parts), offset);
        p.three_parts = first.three_parts;
        first
            .rooms
            .extend(p.rooms.drain(rooms.min(p.rooms.len())..));
        p.rooms = first.rooms;
        first.cx.warnings.append(&mut p.cx.warnings);
        p.cx = first.cx;
        p.conf = first.conf;
        p.shape = first.shape;
        p.root = first.root;
        p.told_conference = first.told_conference;
        self.reader = reader;
        self.from = from;
        self.lead = lead;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What reading `text` gives, split at `split`, in a form to compare: the draft and the
    /// warnings, or the error; and whether a second part was kept.
    fn read(text: &str, split: Option<u64>) -> (String, bool) {
        let mut cx = Context::default();
        let bytes = text.as_bytes();
        match read_split(bytes, bytes.len() as u64, split, "t.xml", &mut cx) {
            Ok((draft, kept)) => (format!("{draft:?}\n{:?}", cx.warnings), kept),
            Err(e) => (format!("error at {}: {}", e.offset, e.message), false),
        }
    }

    /// An event as frab writes it, with the fields that carry a day and a room of their own.
    fn event(id: usize, room: &str, start: &str, duration: &str) -> String {
        format!(
            r#"
      <event guid="g-{id}" id="{id}">
        <date>2020-02-01T{start}:00+01:00</date>
        <start>{start}</start>
        <duration>{duration}</duration>
        <room>{room}</room>
        <day>1</day>
        <title>Talk {id} &amp; more</title>
        <track>Track {t}</track>
        <description><![CDATA[<event id="x"> <day date="2020-01-01"> in a description]]></description>
        <persons><person id="{id}">Speaker {id}</person></persons>
        <links><link href="https://example.org/{id}">Slides</link></links>
      </event>"#,
            t = id % 3
        )
    }

    /// A frab schedule of `days` days, `rooms` rooms each, `per_room` events each.
    fn schedule(days: usize, rooms: usize, per_room: usize) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1</version>
  <conference>
    <title>Parts</title>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>"#,
        );
        let mut id = 0;
        for d in 1..=days {
            x += &format!(
                "\n  <day index=\"{d}\" date=\"2020-02-0{d}\" start=\"2020-02-0{d}T09:00:00+01:00\">"
            );
            for r in 0..rooms {
                x += &format!("\n    <room name=\"Room {r}\" guid=\"r{r}\">");
                for e in 0..per_room {
                    id += 1;
                    let start = format!("{:02}:{:02}", 9 + e / 6, e % 6 * 10);
                    x += &event(id, &format!("Room {r}"), &start, "00:10");
                }
                x += "\n    </room>";
            }
            x += "\n  </day>";
        }
        x + "\n</schedule>\n"
    }

    #[test]
    fn a_split_at_any_byte_reads_what_one_reader_reads() {
        let text = schedule(2, 2, 1);
        let (one, kept) = read(&text, None);
        assert!(!kept);
        assert!(one.contains("Talk 4 & more"), "{one}");
        for split in 0..=text.len() as u64 + 1 {
            assert_eq!(read(&text, Some(split)).0, one, "split at {split}");
        }
    }

    #[test]
    fn a_split_at_an_event_between_events_keeps_the_second_part() {
        let text = schedule(2, 3, 3);
        let (one, _) = read(&text, None);
        let events: Vec<usize> = starts_of(text.as_bytes(), b"event").collect();
        // Every event but the first, which settles the zone (and the ones in CDATA).
        let mut kept = 0;
        for at in events.iter().skip(1) {
            let (got, k) = read(&text, Some(*at as u64));
            assert_eq!(got, one, "split at {at}");
            kept += usize::from(k);
        }
        assert_eq!(
            kept, 17,
            "every top-level event after the first is a place to split"
        );
    }

    #[test]
    fn the_middle_event_is_found_and_a_large_file_is_read_in_two() {
        let text = schedule(3, 8, 60);
        let bytes = text.as_bytes();
        let middle = middle_event(bytes, bytes.len() as u64).unwrap();
        assert!(middle >= bytes.len() as u64 / 2);
        assert!(text[middle as usize..].starts_with("<event "));
        let (one, _) = read(&text, None);
        assert!(one.contains("Talk 1440 & more"), "{}", &one[..200]);
        let (two, kept) = read(&text, Some(middle));
        assert!(kept);
        assert_eq!(two, one);
    }

    /// A file can hold a hundred thousand start tags that never close, with no CDATA or
    /// comment in sight: each is looked at once, not scanned from again.
    #[test]
    fn tags_that_never_close_are_looked_at_once_each() {
        let mut text = String::from("<schedule>");
        text += &"<day <room ".repeat(200_000);
        let at = text.len() as u64;
        text += "<event id=\"1\"></event>";
        assert!(super::lead(text.as_bytes(), at, b"schedule").is_none());
        let mut text = "<![CDATA[<event ".repeat(60_000);
        text += &"<event ".repeat(60_000);
        assert!(middle_event(text.as_bytes(), text.len() as u64).is_none());
    }

    #[test]
    fn the_lead_is_the_root_the_day_and_the_room_an_event_sits_in() {
        let text = schedule(2, 2, 2);
        let at = text.rfind("<event").unwrap() as u64;
        let lead = lead(text.as_bytes(), at, b"schedule").unwrap();
        assert_eq!(
            String::from_utf8(lead).unwrap(),
            "<schedule><day index=\"2\" date=\"2020-02-02\" start=\"2020-02-02T09:00:00+01:00\">\
             <room name=\"Room 1\" guid=\"r1\">"
        );
        // Events straight under a day: no room.
        let old = "<schedule><day date=\"2020-02-01\">\n<event id=\"1\"></event>";
        let lead = super::lead(
            old.as_bytes(),
            old.rfind("<event").unwrap() as u64,
            b"schedule",
        );
        assert_eq!(lead.unwrap(), b"<schedule><day date=\"2020-02-01\">");
        assert!(super::lead(&b"<schedule><event id=\"1\">"[..], 11, b"schedule").is_none());
    }

    /// A schedule made from `choices`: days, rooms and events with the pieces that could
    /// mislead a cut (tags in comments and CDATA, a room's name written another way, a track
    /// outside the events, an unknown zone, bad dates and durations, stray closing tags).
    fn made(zone: u8, choices: &[u8]) -> String {
        let zone = ["Europe/Brussels", "", "Mars/Base"][usize::from(zone % 3)];
        let mut x =
            format!("<schedule><conference><time_zone_name>{zone}</time_zone_name></conference>\n");
        let (mut day, mut room) = (false, false);
        for (i, c) in choices.iter().enumerate() {
            match c % 14 {
                0 | 1 => {
                    close_room(&mut x, &mut room);
                    if day {
                        x += "</day>\n";
                    }
                    let date = if *c == 14 { "2020-13-01" } else { "2020-02-01" };
                    x += &format!(
                        "<day date=\"{date}\" start=\"2020-02-01T09:00:00+0{}:00\">\n",
                        c % 2
                    );
                    day = true;
                }
                2 => {
                    close_room(&mut x, &mut room);
                    x += &format!("<room name=\"R{}\">\n", i % 3);
                    room = true;
                }
                3 => {
                    close_room(&mut x, &mut room);
                    x += "<x:room xmlns:x=\"urn:x\" name=\"R1\">\n";
                    x += &event(i, "R1", "10:00", "00:30");
                    x += "</x:room>\n";
                }
                4..=8 => {
                    let duration =
                        ["00:45", "1:00:00", "0:01:30", "1:30", "bad"][usize::from(c % 5)];
                    x += &event(i, "R", &format!("{:02}:15", 9 + i % 10), duration);
                }
                9 => x += "<!-- <event id=\"c\"> <day date=\"2020-01-01\"> <room name=\"C\"> -->\n",
                10 => x += "<track color=\"#ffffff\">Art</track>\n",
                11 => x += "text &amp; &#x41; &unknown; <![CDATA[<event id=\"d\">]]>\n",
                12 => x += "<wrapper>\n",
                // Tags that look like a day's and a room's inside an event.
                13 if i % 2 == 0 => {
                    x += "<event id=\"in\"><room name=\"Inner\">R</room>\
                          <day index=\"9\" date=\"2020-03-01\">9</day>\
                          <date>2020-02-01T10:00:00+01:00</date><start>10:00</start>\
                          <duration>00:30</duration><title>Inner</title></event>\n"
                }
                _ => x += "</wrapper>\n",
            }
        }
        close_room(&mut x, &mut room);
        if day {
            x += "</day>\n";
        }
        x + "</schedule>\n"
    }

    fn close_room(x: &mut String, room: &mut bool) {
        if std::mem::take(room) {
            x.push_str("</room>\n");
        }
    }

    /// Whether what follows `before` is inside a CDATA section or a comment that opens in it,
    /// searched back from the end: the oracle for [`Markup::hides`].
    fn hidden(before: &[u8]) -> bool {
        let open = |starts: &[u8], ends: &[u8]| {
            memchr::memmem::rfind(before, starts)
                .is_some_and(|s| memchr::memmem::rfind(&before[s..], ends).is_none())
        };
        open(b"<![CDATA[", b"]]>") || open(b"<!--", b"-->")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn markup_hides_what_a_search_back_finds_hidden(
            pieces in proptest::collection::vec(0usize..8, 0..40),
        ) {
            const PIECES: [&str; 8] = ["<![CDATA[", "]]>", "<!--", "-->", "<day ", "-", "]", ">"];
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let b = text.as_bytes();
            let markup = Markup::of(b);
            for at in 0..=b.len() {
                prop_assert_eq!(markup.hides(at), hidden(&b[..at]), "at {} of {:?}", at, text);
            }
        }

        /// The oracle: one reader. A second part is a guess that is kept only when it reads
        /// what one reader reads.
        #[test]
        fn two_parts_read_what_one_reader_reads(
            zone in any::<u8>(),
            choices in proptest::collection::vec(any::<u8>(), 1..40),
            cut in any::<proptest::sample::Index>(),
            at_event in any::<bool>(),
        ) {
            let text = made(zone, &choices);
            let split = if at_event {
                let events: Vec<usize> = starts_of(text.as_bytes(), b"event").collect();
                if events.is_empty() { 0 } else { events[cut.index(events.len())] }
            } else {
                cut.index(text.len() + 1)
            };
            prop_assert_eq!(read(&text, Some(split as u64)).0, read(&text, None).0);
        }
    }
}

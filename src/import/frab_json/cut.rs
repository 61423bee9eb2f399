//! Where a frab JSON text can be read in two: the start of an event near its middle, found by
//! following the text's nesting from its start (strings and escapes as JSON reads them), and
//! the lead, the text that puts a reader where that event sits: the root, schedule and
//! conference up to their days (every byte of them, so the reader knows what the first part
//! knows there), the event's day up to its rooms, and its room's name.

use std::sync::atomic::{AtomicU64, Ordering};

use memchr::{memchr2, memchr3};

use crate::import::at::ReadAt;

/// The most the lead's copies may take; a conference or day that says more before its days or
/// rooms is read by one reader.
const LEAD_MAX: u64 = 1 << 20;

/// How far past the place asked for an event is looked for.
const FIND: u64 = 4 << 20;

/// The keys the path to the events is found under, by depth: `schedule`, `conference`,
/// `days`, (a day), `rooms`, (a room's name).
const KEYS: [&[u8]; 5] = [b"schedule", b"conference", b"days", b"", b"rooms"];

/// The depth of a room's list of events, on the path.
const EVENTS: usize = 6;

/// A container on the way to the events: where it opens, whether a key or a value is next (in
/// an object), and whether the value next is the path's.
#[derive(Debug, Clone, Copy)]
struct Frame {
    open: u64,
    object: bool,
    want_key: bool,
    next_on_path: bool,
    /// This object's path key has been seen (a second one is refused).
    seen: bool,
    /// Where the key of the value next begins (its quote).
    key_at: u64,
}

/// The bytes the lead is made of: `top` (the root to the conference's days), `[`, `day` (the
/// day to its rooms), `{`, `room` (the room's name to its list's `[`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lead {
    top: std::ops::Range<u64>,
    day: std::ops::Range<u64>,
    room: std::ops::Range<u64>,
}

/// Where to cut: the offset of the event there, how many events of rooms' lists come before
/// it, and the lead of the part from there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cut {
    pub(super) at: u64,
    pub(super) events: u64,
    pub(super) lead: Vec<u8>,
}

/// The walk's state, kept across the chunks it is given.
#[derive(Debug, Default)]
struct Scan<'t> {
    /// Events of rooms' lists begun (any value in such a list counts, as a reader counts it).
    events: u64,
    /// Where the walk tells how many events it has passed, as it goes.
    tell: Option<&'t AtomicU64>,
    /// In a room's list of events, where a value (or its end) is next.
    event_next: bool,
    /// The containers on the path (at most [`EVENTS`] + 1).
    path: Vec<Frame>,
    /// How deep the walk is in containers off the path, counting only the brackets of the
    /// outermost one (in valid JSON the others pair up inside it).
    off: u64,
    off_brackets: (u8, u8),
    in_string: bool,
    escaped: bool,
    /// A key of a path object being read (its bytes, without quotes), while it is short.
    key: Option<Vec<u8>>,
    /// A key's bytes held a backslash (it is unescaped to be compared).
    key_escaped: bool,
    /// No cut is to be found: a path key came twice, the root closed, or the lead would be too
    /// long.
    refused: bool,
}

/// The first event at or after `near` in `text` (a whole frab JSON text), with its lead; the
/// events passed are told to `tell` as they are.
pub(super) fn in_text(text: &[u8], near: u64, tell: Option<&AtomicU64>) -> Option<Cut> {
    let end = near.saturating_add(FIND).min(text.len() as u64);
    let mut scan = Scan {
        tell,
        ..Scan::default()
    };
    let (at, lead) = scan.feed(text.get(..usize::try_from(end).ok()?)?, 0, near)?;
    let piece = |r: &std::ops::Range<u64>| {
        let (from, to) = (usize::try_from(r.start).ok()?, usize::try_from(r.end).ok()?);
        text.get(from..to).map(<[u8]>::to_vec)
    };
    Some(Cut {
        at,
        events: scan.events,
        lead: lead.bytes(piece)?,
    })
}

/// [`in_text`] for the first `len` bytes of `src`, read a megabyte at a time.
pub(super) fn in_file<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    near: u64,
    tell: Option<&AtomicU64>,
) -> Option<Cut> {
    in_chunks(src, len, near, tell, 1 << 20)
}

/// [`in_file`], read `chunk` bytes at a time.
fn in_chunks<S: ReadAt + ?Sized>(
    src: &S,
    len: u64,
    near: u64,
    tell: Option<&AtomicU64>,
    chunk: usize,
) -> Option<Cut> {
    let end = near.saturating_add(FIND).min(len);
    let mut scan = Scan {
        tell,
        ..Scan::default()
    };
    let mut buf = vec![0; chunk];
    let mut pos = 0;
    while pos < end {
        let want = usize::try_from(end - pos).map_or(buf.len(), |w| w.min(buf.len()));
        let n = src.read_at(&mut buf[..want], pos).ok()?;
        if n == 0 {
            return None;
        }
        if let Some((at, lead)) = scan.feed(&buf[..n], pos, near) {
            let lead = lead.bytes(|r| {
                let mut piece = vec![0; usize::try_from(r.end - r.start).ok()?];
                let got = src.read_at(&mut piece, r.start).ok()?;
                (got == piece.len()).then_some(piece)
            })?;
            return Some(Cut {
                at,
                events: scan.events,
                lead,
            });
        }
        if scan.refused {
            return None;
        }
        pos += n as u64;
    }
    None
}

impl Lead {
    /// The lead's bytes, its pieces read by `read`.
    fn bytes(&self, read: impl Fn(&std::ops::Range<u64>) -> Option<Vec<u8>>) -> Option<Vec<u8>> {
        let mut out = read(&self.top)?;
        out.push(b'[');
        out.extend(read(&self.day)?);
        out.push(b'{');
        out.extend(read(&self.room)?);
        Some(out)
    }
}

impl Scan<'_> {
    /// Walks `chunk`, which starts at offset `base`; the first event at or after `near` and the
    /// lead to it, when the chunk holds it.
    fn feed(&mut self, chunk: &[u8], base: u64, near: u64) -> Option<(u64, Lead)> {
        let mut i = 0;
        while i < chunk.len() && !self.refused {
            if self.in_string {
                i = self.string(chunk, i);
                continue;
            }
            if self.off > 0 {
                i = self.off_path(chunk, i);
                continue;
            }
            let b = chunk[i];
            let at = base + i as u64;
            i += 1;
            // (Here the walk is on the path: strings and values off it are read above.)
            if self.event_next && !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.event_next = false;
                if b != b']'
                    && let Some(cut) = self.event(b, at, near)
                {
                    return Some(cut);
                }
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.key_begins(at);
                }
                b':' => self.colon(),
                b',' => {
                    self.event_next = self.path.len() == EVENTS + 1;
                    if let Some(top) = self.path.last_mut() {
                        top.want_key = top.object;
                        top.next_on_path = false;
                    }
                }
                b'{' | b'[' => {
                    self.open(b == b'{', at);
                }
                b'}' | b']' => {
                    // The root closed: nothing after it is read.
                    self.refused |= self.path.pop().is_some() && self.path.is_empty();
                }
                _ => {}
            }
        }
        None
    }

    /// Reads on inside a value off the path from `i`, to its next string or bracket; where the
    /// walk goes on.
    fn off_path(&mut self, chunk: &[u8], i: usize) -> usize {
        let (open, close) = self.off_brackets;
        let Some(n) = memchr3(b'"', open, close, &chunk[i..]) else {
            return chunk.len();
        };
        match chunk[i + n] {
            b'"' => self.in_string = true,
            b if b == open => self.off += 1,
            _ => self.off -= 1,
        }
        i + n + 1
    }

    /// Steps off the path into a container that opens with `object`'s bracket.
    fn step_off(&mut self, object: bool) {
        if self.off == 0 {
            self.off_brackets = if object { (b'{', b'}') } else { (b'[', b']') };
        }
        self.off += 1;
    }

    /// Reads on inside a string from `i`; where the walk goes on.
    fn string(&mut self, chunk: &[u8], i: usize) -> usize {
        if self.escaped {
            self.escaped = false;
            self.key_byte(&chunk[i..=i]);
            return i + 1;
        }
        let Some(n) = memchr2(b'"', b'\\', &chunk[i..]) else {
            self.key_byte(&chunk[i..]);
            return chunk.len();
        };
        self.key_byte(&chunk[i..i + n]);
        if chunk[i + n] == b'\\' {
            self.escaped = true;
            self.key_escaped = true;
            self.key_byte(b"\\");
        } else {
            self.in_string = false;
            self.key_ends();
        }
        i + n + 1
    }

    /// A string begins at `at`: a key of a path object is noted (and read when the path needs
    /// its name).
    fn key_begins(&mut self, at: u64) {
        let depth = self.path.len();
        let Some(top) = self.path.last_mut() else {
            return;
        };
        if !top.want_key {
            return;
        }
        top.key_at = at;
        if depth <= KEYS.len() && !KEYS[depth - 1].is_empty() {
            self.key = Some(Vec::new());
            self.key_escaped = false;
        }
    }

    fn key_byte(&mut self, bytes: &[u8]) {
        if let Some(k) = &mut self.key {
            if k.len() + bytes.len() > 256 {
                self.key = None;
            } else {
                k.extend_from_slice(bytes);
            }
        }
    }

    /// A key of a path object is read: whether it is the path's is known at its colon.
    fn key_ends(&mut self) {
        let Some(raw) = self.key.take() else {
            return;
        };
        let depth = self.path.len();
        let Some(top) = self.path.last_mut() else {
            return;
        };
        let is_path = if self.key_escaped {
            let mut quoted = Vec::with_capacity(raw.len() + 2);
            quoted.push(b'"');
            quoted.extend(&raw);
            quoted.push(b'"');
            serde_json::from_slice::<String>(&quoted).is_ok_and(|k| k.as_bytes() == KEYS[depth - 1])
        } else {
            raw == KEYS[depth - 1]
        };
        if is_path {
            if top.seen {
                self.refused = true;
            }
            top.seen = true;
            top.next_on_path = true;
        }
    }

    fn colon(&mut self) {
        let rooms = self.path.len() == EVENTS;
        if let Some(top) = self.path.last_mut() {
            top.want_key = false;
            // A room's name: every key of the rooms object leads to events.
            top.next_on_path |= rooms;
        }
    }

    /// A value begins at `at` in a room's list, with byte `b`: an object at or after `near` is
    /// the cut (none when its lead would be too long); else it is counted.
    fn event(&mut self, b: u8, at: u64, near: u64) -> Option<(u64, Lead)> {
        if b == b'{' && at >= near {
            let lead = self.lead();
            self.refused |= lead.is_none();
            return lead.map(|lead| (at, lead));
        }
        self.events += 1;
        if let Some(tell) = self.tell {
            tell.store(self.events, Ordering::Release);
        }
        None
    }

    /// A container opens at `at` (the walk on the path): on the path or off it.
    fn open(&mut self, object: bool, at: u64) {
        let depth = self.path.len();
        let on_path = match self.path.last() {
            None => object,
            Some(top) => {
                // Days and events are lists of objects; the rest are objects, but for the days
                // and a room's events, which are lists.
                let list_next = depth == 3 || depth == EVENTS;
                let in_list = depth == 4 || depth == EVENTS + 1;
                if in_list {
                    object
                } else {
                    top.next_on_path && object != list_next
                }
            }
        };
        if !on_path {
            self.step_off(object);
            return;
        }
        if depth == EVENTS + 1 {
            // An event in a room's list (counted as it began): not a container the walk
            // follows.
            self.step_off(object);
            return;
        }
        self.event_next = depth == EVENTS;
        if let Some(top) = self.path.last_mut() {
            top.next_on_path = false;
        }
        self.path.push(Frame {
            open: at,
            object,
            want_key: object,
            next_on_path: false,
            seen: false,
            key_at: at,
        });
    }

    /// The lead to the event list the walk is in.
    fn lead(&self) -> Option<Lead> {
        let [root, _, _, days, day, rooms, events] = self.path[..] else {
            return None;
        };
        let lead = Lead {
            top: root.open..days.open,
            day: day.open..rooms.open,
            room: rooms.key_at..events.open + 1,
        };
        (lead.top.end - lead.top.start <= LEAD_MAX && lead.day.end - lead.day.start <= LEAD_MAX)
            .then_some(lead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lead is the root to the days, the day to its rooms and the room's name, whatever
    /// the strings before hold; a key is read as JSON reads it (escapes and all).
    #[test]
    fn the_lead_is_the_way_down_to_the_event() {
        let text = concat!(
            r#"{"sched\u0075le": {"conference": {"title": "a \"{[\" b", "days": ["#,
            r#"{"date": "d1", "rooms": {"R1": [{"id": 1, "title": "]}"}]}}, "#,
            r#"{"date": "d2", "rooms": {"R\"2": [{"id": 2}, {"id": 3}]}}]}}}"#
        );
        let at = text.find(r#"{"id": 3}"#).map(|a| a as u64);
        let cut = at.and_then(|a| in_text(text.as_bytes(), a - 3, None));
        let lead = concat!(
            r#"{"sched\u0075le": {"conference": {"title": "a \"{[\" b", "days": "#,
            r#"[{"date": "d2", "rooms": {"R\"2": ["#
        );
        assert_eq!(
            cut,
            at.map(|at| Cut {
                at,
                events: 2,
                lead: lead.as_bytes().to_vec()
            })
        );
        // The same from a file, read in chunks that end anywhere (in a key, after a backslash).
        let b = text.as_bytes();
        for chunk in 1..=b.len() {
            let near = at.unwrap_or(0) - 3;
            assert_eq!(
                in_chunks(b, b.len() as u64, near, None, chunk),
                cut,
                "{chunk}"
            );
        }
    }

    /// A path that is not frab's (no `schedule` key, the days not a list) has no cut.
    #[test]
    fn a_text_of_another_shape_has_no_cut() {
        for text in [
            r#"{"schedulex": {"conference": {"days": [{"rooms": {"R": [{"id": 1}]}}]}}}"#,
            r#"{"schedule": {"conference": {"days": {"rooms": {"R": [{"id": 1}]}}}}}"#,
            r#"[{"schedule": {"conference": {"days": [{"rooms": {"R": [{"id": 1}]}}]}}}]"#,
        ] {
            assert_eq!(in_text(text.as_bytes(), 0, None), None, "{text}");
        }
    }
}

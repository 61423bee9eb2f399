//! A large calendar read from a stream a window at a time: each window is whole lines ending
//! just before a BEGIN:VEVENT line, so memory holds one window of text and the sessions, not
//! the file. Two passes, as for a text in memory: the survey over every window, then the
//! events. What this reader cannot read as the whole-text reader would (text around the
//! calendar, lone CRs, bytes that are not UTF-8, an event a window cuts) it leaves to that
//! reader.

use std::io::Read;

use super::lines::ContentLines;
use super::{Draft, Events, survey};
use crate::error::Result;
use crate::import::Context;

/// About how much text a window holds (a window grows to hold an event longer than this).
/// Each window is read in parts at once; at 2 MiB, the window and its parts' sessions not yet
/// joined were 2 MB of the peak of reading 100,000 talks, at no gain in time.
const WINDOW: usize = 512 << 10;

/// The windows of a stream, in order, each with how many lines come before it.
struct Windows<R> {
    src: R,
    /// About how much text a window holds.
    size: usize,
    /// Bytes read and not yet given out; the first `given` of them are the window given last.
    buf: Vec<u8>,
    given: usize,
    /// Lines before the window given next, and bytes before it.
    lines: usize,
    bytes: u64,
    eof: bool,
}

/// Why a window could not be given: the stream failed or is not UTF-8 there.
struct Unreadable;

impl<R: Read> Windows<R> {
    fn new(src: R, size: usize) -> Self {
        Windows {
            src,
            size,
            buf: Vec::new(),
            given: 0,
            lines: 0,
            bytes: 0,
            eof: false,
        }
    }

    /// The next window (`None` after the last) and the lines before it.
    fn next(&mut self) -> std::result::Result<Option<(usize, &str)>, Unreadable> {
        let given = std::mem::take(&mut self.given);
        self.lines += memchr::memchr_iter(b'\n', &self.buf[..given]).count();
        self.bytes += given as u64;
        self.buf.drain(..given);
        let mut want = self.size;
        let cut = loop {
            self.fill(want)?;
            if self.eof {
                break self.buf.len();
            }
            match last_event_start(&self.buf) {
                Some(at) => break at,
                // One event longer than a window: read on until the next one starts.
                None => want = want.saturating_mul(2),
            }
        };
        if cut == 0 {
            return Ok(None);
        }
        let text = std::str::from_utf8(&self.buf[..cut]).map_err(|_| Unreadable)?;
        self.given = cut;
        Ok(Some((self.lines, text)))
    }

    /// Reads until the buffer holds `want` bytes or the stream ends.
    fn fill(&mut self, want: usize) -> std::result::Result<(), Unreadable> {
        let mut chunk = vec![0u8; want.min(1 << 16)];
        while !self.eof && self.buf.len() < want {
            let room = (want - self.buf.len()).min(chunk.len());
            match self.src.read(&mut chunk[..room]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Unreadable),
            }
        }
        Ok(())
    }
}

/// Where the last BEGIN:VEVENT line of `b` starts (never at 0: a window holds something).
fn last_event_start(b: &[u8]) -> Option<usize> {
    const LINE: &[u8] = b"\nBEGIN:VEVENT";
    let mut end = b.len();
    while let Some(i) = memchr::memmem::rfind(&b[..end], LINE) {
        if matches!(b.get(i + LINE.len()), Some(b'\r' | b'\n')) && i > 0 {
            return Some(i + 1);
        }
        end = i;
    }
    None
}

/// Reads the calendar `open` gives (from its start, once a pass) into a draft; `Ok(None)` when
/// it is one for the whole-text reader (see the module's note), or it changed between passes.
pub(in crate::import) fn read_stream<R: Read>(
    open: impl FnMut() -> std::io::Result<R>,
    origin: &str,
    cx: &mut Context,
) -> Result<Option<Draft>> {
    read_windows(open, WINDOW, origin, cx)
}

/// [`read_stream`] with windows of about `window` bytes.
fn read_windows<R: Read>(
    mut open: impl FnMut() -> std::io::Result<R>,
    window: usize,
    origin: &str,
    cx: &mut Context,
) -> Result<Option<Draft>> {
    let Ok(src) = open() else {
        return Ok(None);
    };
    let Some((cal, size)) = survey_windows(Windows::new(src, window)) else {
        return Ok(None);
    };
    let (venue_tz, zones) = super::zones(&cal, cx);
    let Ok(src) = open() else {
        return Ok(None);
    };
    let mut windows = Windows::new(src, window);
    let mut all = Events {
        // Room for every event at once: growing by doubling would hold the old buffer and
        // the new one (a third more than the sessions) at once.
        sessions: Vec::with_capacity(cal.events),
        series: Vec::new(),
        all_day: 0,
        ended: false,
    };
    let mut open_at_end = false;
    loop {
        let (lines, text) = match windows.next() {
            Ok(Some(w)) => w,
            Ok(None) => break,
            Err(Unreadable) => return Ok(None),
        };
        // An event the window before left open runs on into this one.
        if open_at_end {
            return Ok(None);
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut cuts = super::cuts(text, crate::model::parts::workers(), 256 * 1024);
        for c in &mut cuts {
            c.lines += lines;
        }
        let (events, open) = super::events(
            text,
            &cuts,
            origin,
            &zones,
            cal.split_summary,
            &mut cx.warnings,
        )?;
        open_at_end = open;
        all.take(events);
    }
    if windows.bytes != size {
        return Ok(None);
    }
    super::finish(cal, venue_tz, all, origin, cx).map(Some)
}

/// The first pass over every window: the survey, and the stream's size; `None` when the
/// calendar needs the whole-text reader (it does not start at BEGIN:VCALENDAR, has no line
/// feed in its first window, does not end at its one END:VCALENDAR, or cannot be read).
fn survey_windows<R: Read>(mut windows: Windows<R>) -> Option<(survey::Calendar, u64)> {
    let mut carried = survey::Carried::default();
    let mut first = true;
    let mut ended_last = false;
    loop {
        let (lines, text) = match windows.next() {
            Ok(Some(w)) => w,
            Ok(None) => break,
            Err(Unreadable) => return None,
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if first {
            if !text.contains('\n') || super::calendar_starts(text) != Some(0) {
                return None;
            }
            first = false;
        } else if ended_last {
            // END:VCALENDAR before this window: text after the calendar.
            return None;
        }
        ended_last = match super::calendar_end(text) {
            Some(end) if text[end..].trim().is_empty() => true,
            Some(_) => return None,
            None => false,
        };
        carried.read(ContentLines::after_lines(text, lines));
    }
    let size = windows.bytes + windows.given as u64;
    (!first && ended_last).then(|| (carried.calendar(), size))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::import::Options;

    /// What a reader gives, to compare: the draft's sessions, rooms, title and all-day count,
    /// and the warnings.
    fn read_both(text: &str, window: usize) -> Option<(String, String)> {
        let opts = Options::default();
        let mut whole = Context::new(&opts);
        let one = super::super::read(text, "x.ics", &mut whole);
        let mut cx = Context::new(&opts);
        let open = || Ok::<_, std::io::Error>(text.as_bytes());
        let streamed = read_windows(open, window, "x.ics", &mut cx).transpose()?;
        let show = |d: Result<Draft>, w: &[crate::import::Warning]| match d {
            Ok(d) => format!(
                "{:?} {:?} {:?} {} {:?}",
                d.sessions, d.rooms, d.title, d.all_day, w
            ),
            Err(e) => e.to_string(),
        };
        Some((show(one, &whole.warnings), show(streamed, &cx.warnings)))
    }

    /// The tests' calendar without the all-day event it nests inside another (a window may
    /// end inside that one, and leaves it to the whole-text reader).
    fn flat() -> String {
        super::super::tests::calendar(false).replace(
            "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20200302\r\nEND:VEVENT\r\n",
            "",
        )
    }

    #[test]
    fn windows_give_what_the_whole_text_gives() {
        let calendars = [
            flat(),
            format!("\u{feff}{}", flat()),
            include_str!("../../../tests/fixtures/pretalx.ics").to_string(),
            include_str!("../../../tests/fixtures/plain.ics").to_string(),
        ];
        for text in &calendars {
            for window in [1, 100, 700, 5000, 1 << 20] {
                let (whole, streamed) = read_both(text, window).expect("read as a stream");
                assert_eq!(whole, streamed, "window {window}");
            }
        }
        // An event nested in another: the same, or left to the whole-text reader.
        let nested = super::super::tests::calendar(false);
        for window in [1, 100, 700, 5000, 1 << 20] {
            if let Some((whole, streamed)) = read_both(&nested, window) {
                assert_eq!(whole, streamed, "window {window}");
            }
        }
        assert!(read_both(&nested, 1 << 20).is_some());
    }

    #[test]
    fn what_needs_the_whole_text_is_left_to_that_reader() {
        let good = super::super::tests::calendar(false);
        let cases = [
            ("text before the calendar", format!("hello\n{good}")),
            ("text after it", format!("{good}more\n")),
            ("a second calendar", format!("{good}{good}")),
            ("lone CRs", good.replace("\r\n", "\r")),
            ("not an end", good.replace("END:VCALENDAR\r\n", "")),
        ];
        for (what, text) in cases {
            assert_eq!(read_both(&text, 200), None, "{what}");
        }
        // An event left open runs into the next: read as the whole text reads it, or, when a
        // window ends inside it, left to that reader.
        let broken = super::super::tests::calendar(true);
        let mut left = 0;
        for window in [1, 50, 200, 700, 5000] {
            match read_both(&broken, window) {
                Some((whole, streamed)) => assert!(whole == streamed, "window {window}"),
                None => left += 1,
            }
        }
        assert!(left > 0);
        let mut bytes = good.into_bytes();
        let at = bytes.len() / 2;
        bytes[at] = 0xff;
        let open = || Ok::<_, std::io::Error>(bytes.as_slice());
        let mut cx = Context::new(&Options::default());
        assert!(matches!(
            read_windows(open, 200, "x.ics", &mut cx),
            Ok(None)
        ));
        // A stream that cannot be read.
        let fails = || Err::<&[u8], _>(std::io::Error::other("gone"));
        assert!(matches!(
            read_windows(fails, 200, "x.ics", &mut cx),
            Ok(None)
        ));
    }

    /// An error in a later window names the line the whole-text reader names.
    #[test]
    fn an_error_in_a_later_window_is_the_whole_texts_error() {
        let text = flat().replace("DTSTART;TZID=Europe/Berlin:20200301T100000\r\nDURATION:PT30M\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:e33", "DTSTART;TZID=Europe/Berlin:tomorrow\r\nDURATION:PT30M\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:e33");
        assert!(text.contains("tomorrow"));
        for window in [100, 1000] {
            let (whole, streamed) = read_both(&text, window).expect("read as a stream");
            assert!(whole.starts_with("x.ics:"), "{whole}");
            assert_eq!(whole, streamed, "window {window}");
        }
    }

    /// However long the calendar, the reader holds about a window of it.
    #[test]
    fn a_window_is_all_that_is_held() {
        let event = "BEGIN:VEVENT\nUID:x\nDTSTART:20200301T100000Z\nSUMMARY:A talk\nEND:VEVENT\n";
        let text = format!("BEGIN:VCALENDAR\n{}END:VCALENDAR\n", event.repeat(20_000));
        let mut windows = Windows::new(text.as_bytes(), 4096);
        let (mut most, mut count) = (0, 0);
        while let Ok(Some(_)) = windows.next() {
            most = most.max(windows.buf.capacity());
            count += 1;
        }
        assert_eq!(windows.bytes, text.len() as u64);
        assert!(count > 300, "{count} windows");
        assert!(most <= 3 * 4096, "held {most} bytes of {}", text.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any window size, any calendar of the shapes above: the same as read whole.
        #[test]
        fn any_window_gives_the_same(window in 1usize..4000, crlf in any::<bool>()) {
            let mut text = flat();
            if !crlf {
                text = text.replace("\r\n", "\n");
            }
            let (whole, streamed) = read_both(&text, window).expect("read as a stream");
            prop_assert_eq!(whole, streamed);
        }
    }
}

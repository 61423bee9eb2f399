//! Fetching a schedule over HTTP(S) with ureq (rustls, no OpenSSL, no async runtime): gzip,
//! redirects, the proxy variables (`http_proxy`, `https_proxy`, `ALL_PROXY`, `NO_PROXY`), a
//! timeout, a size limit and a User-Agent naming lineup. A refresh sends the validators of the
//! copy it has (ETag as If-None-Match, Last-Modified as If-Modified-Since), so an unchanged
//! schedule transfers nothing. Every failure is one sentence in an [`Error::Fetch`].
//!
//! The body is read here, not by ureq: in pieces of [`PIECE`] bytes joined once it is whole,
//! so an answer refused at its limit never held more than the limit; gzip is undone here too
//! (flate2), counting the compressed bytes, so an answer that grows more than
//! [`INFLATE_RATIO`] times is refused as the decompression bomb it is. URLs with a
//! `user:password@` are refused: lineup keeps and shows the URLs it fetches.

use std::io::Read;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;

use super::files::MAX_INPUT_BYTES;
use crate::error::{Error, Result};
use crate::message;

/// How long a fetch may take in all, unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The longest a fetch may be given (`--timeout`): a day.
pub const MAX_TIMEOUT_SECS: u64 = 24 * 60 * 60;

/// A gzip answer may grow at most this many times its compressed size (schedules compress 5 to
/// 15 times)…
pub const INFLATE_RATIO: u64 = 100;
/// … once past this size, below which any ratio is fine.
const INFLATE_FREE: u64 = 16 << 20;

/// The body is read in pieces of this size and joined once whole.
const PIECE: usize = 1 << 20;

/// What the server said identifies its copy, sent back on the next fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// What a fetch brought.
#[derive(Debug)]
pub enum Fetched {
    /// A body (gzip already undone), the validators that came with it, and the URL it came
    /// from after redirects.
    Body {
        bytes: Vec<u8>,
        validators: Validators,
        url: String,
    },
    /// 304 Not Modified: the copy lineup has is the server's.
    Unchanged,
}

/// Refuses a URL lineup will not fetch and keep: one with a `user:password@` (lineup writes the
/// URLs it fetches into its files and messages, and will not keep a password in them).
pub fn check_url(url: &str) -> Result<()> {
    if message::redact_url(url) == url {
        return Ok(());
    }
    Err(Error::Fetch {
        url: url.to_string(),
        message: "the URL holds a user name or password, and lineup keeps and shows the URLs it fetches, never passwords; give the URL without `user:password@` (for a schedule behind a login, download it and `lineup add FILE`)".into(),
    })
}

/// Fetches `url`, sending `known` so an unchanged schedule answers 304; a body of at most
/// [`MAX_INPUT_BYTES`].
pub fn fetch(url: &str, known: &Validators, timeout: Duration) -> Result<Fetched> {
    fetch_at_most(url, known, timeout, MAX_INPUT_BYTES)
}

/// [`fetch`] of a body of at most `limit` bytes (once gzip is undone).
pub fn fetch_at_most(
    url: &str,
    known: &Validators,
    timeout: Duration,
    limit: u64,
) -> Result<Fetched> {
    check_url(url)?;
    let fail = |message: String| Error::Fetch {
        url: url.to_string(),
        message,
    };
    let timeout = timeout.min(Duration::from_secs(MAX_TIMEOUT_SECS));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .accept_encoding("gzip")
        .user_agent(concat!(
            "lineup/",
            env!("CARGO_PKG_VERSION"),
            " (terminal conference planner)"
        ))
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(etag) = &known.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(when) = &known.last_modified {
        request = request.header("If-Modified-Since", when);
    }
    let mut response = request.call().map_err(|e| fail(explain(&e, timeout)))?;
    let status = response.status();
    if status == ureq::http::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::Unchanged);
    }
    if !status.is_success() {
        return Err(fail(format!(
            "the server answered {} {}; check the URL, or try again later",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(message::foreign)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let gzip = header("content-encoding").is_some_and(|e| e.to_ascii_lowercase().contains("gzip"));
    let final_url = message::redact_url(&response.get_uri().to_string());
    let declared = if gzip {
        None
    } else {
        response.body().content_length()
    };
    if declared.is_some_and(|n| n > limit) {
        return Err(fail(too_large(limit)));
    }
    let raw = response.body_mut().as_reader();
    let bytes = read_body(raw, gzip, limit).map_err(|e| match e {
        BodyError::TooLarge => fail(too_large(limit)),
        BodyError::Bomb { read } => fail(format!(
            "the gzip-compressed answer grew more than {INFLATE_RATIO} times its size (a decompression bomb?); lineup stopped reading it at {} MiB",
            read >> 20
        )),
        BodyError::Damaged => fail("the gzip-compressed answer is damaged".into()),
        BodyError::Io(io) => fail(explain_io(&io, timeout)),
    })?;
    Ok(Fetched::Body {
        bytes,
        validators,
        url: final_url,
    })
}

fn too_large(limit: u64) -> String {
    format!(
        "the answer is larger than the {} MiB lineup reads; check that it is a schedule",
        limit >> 20
    )
}

/// Why a body was not read whole.
#[derive(Debug)]
enum BodyError {
    TooLarge,
    Bomb { read: u64 },
    Damaged,
    Io(std::io::Error),
}

/// Counts the bytes read through it (the compressed ones, under a gzip decoder).
struct Counting<R> {
    inner: R,
    count: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Reads a body of at most `limit` bytes (after gzip when `gzip`), in pieces joined once whole:
/// refused, it never held more than `limit` bytes and a piece. A gzip body may grow at most
/// [`INFLATE_RATIO`] times its compressed size past [`INFLATE_FREE`].
fn read_body(raw: impl Read, gzip: bool, limit: u64) -> std::result::Result<Vec<u8>, BodyError> {
    let came = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let counting = Counting {
        inner: raw,
        count: std::rc::Rc::clone(&came),
    };
    let mut src: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            counting,
        )))
    } else {
        Box::new(counting)
    };
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let mut piece = Vec::with_capacity(PIECE);
        let n = (&mut src)
            .take(PIECE as u64)
            .read_to_end(&mut piece)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData if gzip => {
                    BodyError::Damaged
                }
                _ => BodyError::Io(e),
            })?;
        total += n as u64;
        if total > limit {
            return Err(BodyError::TooLarge);
        }
        if gzip && total > INFLATE_FREE && total > came.get().saturating_mul(INFLATE_RATIO) {
            return Err(BodyError::Bomb { read: total });
        }
        if n == 0 {
            break;
        }
        pieces.push(piece);
        if n < PIECE {
            // Either the end, or a short read: go on until a read gives nothing.
            continue;
        }
    }
    // Joined piece by piece, each dropped once copied.
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(usize::MAX));
    for piece in pieces {
        bytes.extend_from_slice(&piece);
    }
    Ok(bytes)
}

/// One sentence for what went wrong.
fn explain(e: &ureq::Error, timeout: Duration) -> String {
    use ureq::Error as E;
    match e {
        E::HostNotFound => {
            "the host name was not found (DNS); check the URL and the network".into()
        }
        E::Timeout(_) => format!(
            "no complete answer within {} s (timeout); try again later, or give more with --timeout",
            timeout.as_secs()
        ),
        E::Io(io) => explain_io(io, timeout),
        E::Rustls(tls) => format!(
            "the secure connection failed (TLS: {})",
            message::foreign(&tls.to_string())
        ),
        E::Tls(what) => format!("the secure connection failed (TLS: {what})"),
        E::TooManyRedirects => "the server redirected more than 10 times".into(),
        E::BadUri(_) | E::Http(_) => "it is not a URL lineup can fetch".into(),
        E::BodyExceedsLimit(limit) => format!(
            "the answer is larger than the {} MiB lineup reads; check that it is a schedule",
            limit >> 20
        ),
        E::Protocol(_) => "the server's answer is not valid HTTP".into(),
        E::ConnectionFailed => "could not connect to the server".into(),
        other => message::foreign(&other.to_string()),
    }
}

fn explain_io(io: &std::io::Error, timeout: Duration) -> String {
    use std::io::ErrorKind as K;
    // ureq passes its own errors through readers as io errors.
    if let Some(inner) = io.get_ref().and_then(|e| e.downcast_ref::<ureq::Error>()) {
        return explain(inner, timeout);
    }
    match io.kind() {
        K::UnexpectedEof => {
            "the file ends early: the connection closed before the whole schedule came".into()
        }
        K::ConnectionRefused => "the server refused the connection (nothing listens there?)".into(),
        K::TimedOut | K::WouldBlock => format!(
            "no complete answer within {} s (timeout); try again later, or give more with --timeout",
            timeout.as_secs()
        ),
        K::ConnectionReset | K::ConnectionAborted => {
            "the file ends early: the server closed the connection".into()
        }
        _ => message::foreign(&io.to_string()),
    }
}

/// The export a schedule page stands for: a pretalx event's `…/EVENT/schedule/` becomes
/// `…/EVENT/schedule/export/schedule.xml`, a frab `…/public/schedule` becomes
/// `…/public/schedule.xml`; any other URL stays as it is.
pub fn export_url(url: &str) -> String {
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (base, _) = url.split_at(cut);
    let trimmed = base.trim_end_matches('/');
    if trimmed.ends_with("/public/schedule") {
        return format!("{trimmed}.xml");
    }
    let host_start = trimmed.find("://").map_or(0, |i| i + 3);
    let path = trimmed[host_start..]
        .find('/')
        .map_or("", |i| &trimmed[host_start + i..]);
    // `/EVENT/schedule`: an event name before it.
    if path.ends_with("/schedule") && path.matches('/').count() >= 2 {
        return format!("{trimmed}/export/schedule.xml");
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_read_whole_and_refused_at_their_limit_or_ratio() {
        use std::io::Write;
        let plain = vec![b'x'; 3 * PIECE + 17];
        assert_eq!(
            read_body(&plain[..], false, 4 * PIECE as u64).unwrap(),
            plain
        );
        assert!(matches!(
            read_body(&plain[..], false, 3 * PIECE as u64),
            Err(BodyError::TooLarge)
        ));
        let gz = |bytes: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(bytes).unwrap();
            e.finish().unwrap()
        };
        assert_eq!(read_body(&gz(&plain)[..], true, u64::MAX).unwrap(), plain);
        // Zeros compress about a thousand times: past the free size, a bomb.
        let zeros = vec![0u8; 40 << 20];
        let bomb = gz(&zeros);
        assert!(bomb.len() < (1 << 20), "{}", bomb.len());
        assert!(matches!(
            read_body(&bomb[..], true, u64::MAX),
            Err(BodyError::Bomb { .. })
        ));
        assert!(matches!(
            read_body(&b"\x1f\x8b not gzip at all"[..], true, u64::MAX),
            Err(BodyError::Damaged) | Err(BodyError::Io(_))
        ));
    }

    #[test]
    fn urls_with_credentials_are_refused() {
        let e = check_url("https://alice:Sup3rSecret@example.org/s.xml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("password") && !e.contains("Sup3rSecret"), "{e}");
        assert!(check_url("https://example.org/s.xml?token=a@b").is_ok());
    }

    #[test]
    fn event_pages_become_their_exports() {
        assert_eq!(
            export_url("https://pretalx.com/pyconde-2024/schedule/"),
            "https://pretalx.com/pyconde-2024/schedule/export/schedule.xml"
        );
        assert_eq!(
            export_url("https://cfp.example.org/ev/schedule?x=1"),
            "https://cfp.example.org/ev/schedule/export/schedule.xml"
        );
        assert_eq!(
            export_url("https://frab.example.org/en/36c3/public/schedule"),
            "https://frab.example.org/en/36c3/public/schedule.xml"
        );
        for same in [
            "https://fosdem.org/2020/schedule/xml",
            "https://pretalx.com/ev/schedule/export/schedule.json",
            "https://example.org/schedule",
            "http://127.0.0.1:8000/schedule.xml",
        ] {
            assert_eq!(export_url(same), same);
        }
    }
}

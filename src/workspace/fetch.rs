//! Fetching a schedule over HTTP(S) with ureq (rustls, no OpenSSL, no async runtime): gzip,
//! redirects, the proxy variables (`http_proxy`, `https_proxy`, `ALL_PROXY`, `NO_PROXY`), a
//! timeout, a size limit and a User-Agent naming lineup. A refresh sends the validators of the
//! copy it has (ETag as If-None-Match, Last-Modified as If-Modified-Since), so an unchanged
//! schedule transfers nothing. Every failure is one sentence in an [`Error::Fetch`].

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;

use super::files::MAX_INPUT_BYTES;
use crate::error::{Error, Result};
use crate::message;

/// How long a fetch may take in all, unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

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

/// Fetches `url`, sending `known` so an unchanged schedule answers 304.
pub fn fetch(url: &str, known: &Validators, timeout: Duration) -> Result<Fetched> {
    let fail = |message: String| Error::Fetch {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
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
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_INPUT_BYTES)
        .read_to_vec()
        .map_err(|e| fail(explain(&e, timeout)))?;
    Ok(Fetched::Body {
        bytes,
        validators,
        url: final_url,
    })
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
        E::Decompress(kind, _) => format!("the {kind}-compressed answer is damaged"),
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

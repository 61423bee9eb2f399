//! Sending a reminder: a desktop notification over the session bus (the freedesktop
//! Notifications interface, through the `notify-rust` crate; on macOS its equivalent), or a
//! command of the person's, run by `sh -c` with the reminder in environment variables (never in
//! the command's text, so nothing of a schedule's can become shell).

use std::process::Command;

use crate::agenda::remind::Reminder;
use crate::error::{Error, Result};

/// How reminders go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    Desktop,
    /// `sh -c` this, with `LINEUP_*` set.
    Command(String),
}

/// Sends one reminder, worded `text`.
pub fn send(r: &Reminder, text: &str, via: &Via) -> Result<()> {
    match via {
        Via::Desktop => desktop(r, text),
        Via::Command(cmd) => run(r, text, cmd),
    }
}

fn desktop(r: &Reminder, text: &str) -> Result<()> {
    notify_rust::Notification::new()
        .appname("lineup")
        .summary(&crate::message::for_terminal(&r.title))
        .body(text)
        .show()
        .map(|_| ())
        .map_err(|e| Error::Notify {
            message: crate::message::foreign(&e.to_string()),
        })
}

fn run(r: &Reminder, text: &str, cmd: &str) -> Result<()> {
    let (from, walk) = r
        .from
        .as_ref()
        .map_or((String::new(), 0), |(f, m)| (f.clone(), *m));
    let status = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .env("LINEUP_MESSAGE", text)
        .env("LINEUP_TITLE", &r.title)
        .env("LINEUP_START", r.start.wall().format("%H:%M").to_string())
        .env("LINEUP_END", r.end.wall().format("%H:%M").to_string())
        .env("LINEUP_PLACE", r.place.as_deref().unwrap_or(""))
        .env("LINEUP_FROM", from)
        .env("LINEUP_WALK", walk.to_string())
        .env("LINEUP_ID", &r.id)
        .env("LINEUP_KIND", if r.own { "event" } else { "talk" })
        .status()
        .map_err(|e| Error::Notify {
            message: format!("cannot run the reminder command: {e}"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Notify {
            message: format!("the reminder command failed ({status})"),
        })
    }
}

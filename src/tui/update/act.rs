//! Acting on the selected talk: `o` opens its page (or video) in the browser, `y` copies its
//! title, time and room as one line. The edge does both; here only what and whether.

use crate::presentation::{place, span};
use crate::tui::action::Effect;
use crate::tui::app::App;

/// `o`: the selected talk's URL, when it is an http(s) one.
pub(super) fn open_url(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = "nothing selected".into();
        return;
    };
    let url = app.session(i).url.clone();
    match url.as_deref().filter(|u| is_web(u)) {
        Some(web) => {
            app.message = format!("opening {web}");
            effects.push(Effect::OpenUrl(web.to_string()));
        }
        None if url.is_some() => {
            app.message = "this talk's link is not a web page (http or https); not opened".into();
        }
        None => app.message = "the schedule gives this talk no link".into(),
    }
}

/// Only web pages are opened: a schedule could hold `file:` or stranger links.
fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `y`: "Title — Fri 9 Mar 14:00–14:40, E2" to the clipboard.
pub(super) fn copy(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = "nothing selected".into();
        return;
    };
    let s = app.session(i);
    let line = format!(
        "{} — {} {}, {}",
        s.title,
        s.start.date().format("%a %-d %b"),
        span(&s.start, &s.end),
        place(s.room.as_deref(), s.kind)
    );
    app.message = format!("copied: {line}");
    effects.push(Effect::Copy(line));
}

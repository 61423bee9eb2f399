//! Acting on the selected talk: `o` opens its page (or video) in the browser, `y` copies its
//! title, time and room as one line. The edge does both; here only what and whether.

use crate::presentation::{place, span};
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::said::Said;

/// `o`: the selected talk's URL, when it is an http(s) one.
pub(super) fn open_url(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = Said::NothingSelected;
        return;
    };
    let url = app.session(i).url.clone();
    match url.as_deref().filter(|u| is_web(u)) {
        Some(web) => {
            app.message = Said::Opening {
                url: web.to_string(),
            };
            effects.push(Effect::OpenUrl(web.to_string()));
        }
        None if url.is_some() => {
            app.message = Said::NotAWebLink;
        }
        None => app.message = Said::NoLink,
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
        app.message = Said::NothingSelected;
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
    app.message = Said::Copied { line: line.clone() };
    effects.push(Effect::Copy(line));
}

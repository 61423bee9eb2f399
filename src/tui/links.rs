//! Links on screen: where the detail page shows the session's link, cell by cell, so the
//! terminal edge can make those cells an OSC 8 hyperlink (clickable in terminals that know
//! them, plain text elsewhere). Only a URL safe to hand to a terminal is ever linked.

use ratatui::layout::Rect;

use super::app::{App, Mode};
use super::pages;
use super::theme::{Palette, Theme};

/// A run of cells on one row that shows (part of) a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub url: String,
}

/// The longest URL lineup links (what browsers take; a longer one is shown, not linked).
const URL_MAX: usize = 2048;

/// Whether `url` may go into an OSC 8 sequence: http, https or mailto, printable ASCII only
/// (no escape, bell, space or anything a terminal could read as the sequence's end).
pub fn linkable(url: &str) -> bool {
    let scheme = ["http://", "https://", "mailto:"].iter().any(|s| {
        url.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    });
    scheme && url.len() <= URL_MAX && url.bytes().all(|b| b.is_ascii_graphic())
}

/// Whether a terminal named `term` (`$TERM`) is sent OSC 8 at all: not when there is none, nor
/// to the Linux console (which reads `ESC ]` as its own palette commands) or a dumb one. Every
/// other terminal either opens the link or ignores the sequence, as the spec asks.
pub fn terminal_takes_links(term: Option<&str>) -> bool {
    term.is_some_and(|t| !t.is_empty() && t != "dumb" && t != "linux" && !t.starts_with("vt"))
}

/// The links the current screen shows, for a screen `area` (the whole terminal).
pub fn on_screen(app: &App, area: Rect) -> Vec<Link> {
    let Mode::Detail { scroll } = app.mode else {
        return Vec::new();
    };
    let Some(url) = app
        .selected
        .and_then(|i| app.session(i).url.clone())
        .filter(|u| linkable(u))
    else {
        return Vec::new();
    };
    let page = super::view::detail::page(super::view::body(app, area));
    let inner = Rect {
        x: page.x + 1,
        y: page.y + 1,
        width: page.width.saturating_sub(2),
        height: page.height.saturating_sub(2),
    };
    let cols = usize::from(inner.width).max(1);
    let head = pages::detail_head_rows(app, &Theme::new(Palette::Mono), cols);
    let Some(first) = head
        .iter()
        .position(|(row, _)| row.strip_prefix("Link ").is_some() || row.trim_end() == "Link")
    else {
        return Vec::new();
    };
    // The URL's pieces, row by row: after the label on the first (the wrap may have put the
    // whole URL on the next row), whole rows after it.
    let mut shown = 0;
    let mut out = Vec::new();
    for (k, (row, _)) in head.iter().enumerate().skip(first) {
        let after = if k == first { &row[4..] } else { row.as_str() };
        let piece = after.trim();
        let x = row.len() - after.trim_start().len();
        if piece.is_empty() && k == first {
            continue;
        }
        if shown >= url.len() || piece.is_empty() || !url[shown..].starts_with(piece) {
            break;
        }
        shown += piece.len();
        let Some(y) = k
            .checked_sub(scroll)
            .filter(|&r| r < usize::from(inner.height))
        else {
            continue;
        };
        out.push(Link {
            x: inner.x + u16::try_from(x).unwrap_or(u16::MAX),
            y: inner.y + u16::try_from(y).unwrap_or(u16::MAX),
            width: u16::try_from(piece.len()).unwrap_or(u16::MAX),
            url: url.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_and_mail_urls_are_linked() {
        assert!(linkable(
            "https://us.pycon.org/2012/schedule/presentation/1/"
        ));
        assert!(linkable("HTTP://example.org/a?b=c&d=%20"));
        assert!(linkable("mailto:ana@example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://example.org/\u{1b}]8;;https://evil\u{7}",
            "https://example.org/\u{7}",
            "https://example.org/a b",
            "https://exämple.org/",
            "",
        ] {
            assert!(!linkable(bad), "{bad:?}");
        }
        assert!(!linkable(&format!("https://e.org/{}", "a".repeat(URL_MAX))));
    }

    #[test]
    fn the_linux_console_and_dumb_terminals_get_no_sequences() {
        for t in [
            "xterm-256color",
            "tmux-256color",
            "xterm-kitty",
            "foot",
            "alacritty",
        ] {
            assert!(terminal_takes_links(Some(t)), "{t}");
        }
        for t in [None, Some(""), Some("dumb"), Some("linux"), Some("vt100")] {
            assert!(!terminal_takes_links(t), "{t:?}");
        }
    }
}

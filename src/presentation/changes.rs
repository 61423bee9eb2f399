//! A change report in words: the person's picks first (one line a change), then the clashes a
//! change created, then what happened elsewhere (counted, or listed with `all`).

use std::fmt::Write;

use super::{duration, hm, plural};
use crate::agenda::changes::{Brief, Change, NewClash, Place, Report};
use crate::message;

/// "Sat 14:00 H.2215".
fn at(p: &Place) -> String {
    let day = p.start.date().format("%a").to_string();
    match &p.room {
        Some(r) => format!("{day} {} {r}", hm(&p.start)),
        None => format!("{day} {}", hm(&p.start)),
    }
}

/// One change of a pick as (label, what).
pub fn change_line(title: &str, change: &Change) -> (&'static str, String) {
    let t = message::title(title);
    match change {
        Change::Moved { from, to } => ("moved", format!("{t}: {} → {}", at(from), at(to))),
        Change::Cancelled {
            place,
            marked: false,
        } => (
            "cancelled",
            format!("{t} ({}): gone from the schedule", at(place)),
        ),
        Change::Cancelled { place, .. } => (
            "cancelled",
            format!("{t} ({}): the schedule marks it cancelled", at(place)),
        ),
        Change::Renamed { from, to } => (
            "renamed",
            format!("{} → {}", message::title(from), message::title(to)),
        ),
        Change::Speakers { from, to } => {
            ("speakers", format!("{t}: {} → {}", names(from), names(to)))
        }
        Change::Length { from, to } => (
            "length",
            format!("{t}: {} → {}", duration(*from), duration(*to)),
        ),
        Change::Renumbered { from } => (
            "new id",
            format!("{t} (was {}; your pick follows it)", message::quote(from)),
        ),
    }
}

fn names(list: &[String]) -> String {
    if list.is_empty() {
        "nobody".into()
    } else {
        crate::text::join_and(list)
    }
}

fn brief(b: &Brief) -> String {
    format!(
        "{} {} {}{}",
        b.start.date().format("%a"),
        hm(&b.start),
        message::title(&b.title),
        b.room
            .as_deref()
            .map_or_else(String::new, |r| format!(" ({r})"))
    )
}

/// "‹A› and ‹B› overlap 30 min (Sat 11:30)".
pub fn clash_line(c: &NewClash) -> String {
    format!(
        "{} and {} overlap {} ({} {})",
        message::title(&c.a_title),
        message::title(&c.b_title),
        duration(c.minutes),
        c.start.date().format("%a"),
        hm(&c.start)
    )
}

/// "1 session added, 0 removed, 1 changed" (sessions not picked).
pub fn elsewhere_line(report: &Report) -> String {
    format!(
        "{} added, {} removed, {} changed",
        plural(report.added_count() as u64, "session", "sessions"),
        report.removed_count(),
        report.changed_elsewhere
    )
}

/// The report as lines of text.
pub fn report_text(report: &Report, all: bool) -> String {
    let mut out = String::new();
    let changed = report.picks.len();
    if changed == 0 {
        out.push_str("None of your picks changed.\n");
    } else {
        let _ = writeln!(out, "{changed} of your picks changed:");
        for p in &report.picks {
            for c in &p.changes {
                let (label, what) = change_line(&p.title, c);
                let _ = writeln!(out, "  {label:<10} {what}");
            }
        }
    }
    if !report.new_clashes.is_empty() {
        let _ = writeln!(out, "New clashes:");
        for c in &report.new_clashes {
            let _ = writeln!(out, "  {}", clash_line(c));
        }
        if report.new_clashes_beyond > 0 {
            let _ = writeln!(out, "  and {} more", report.new_clashes_beyond);
        }
    }
    if !report.watched.is_empty() {
        let _ = writeln!(out, "New talks matching your watches:");
        for w in &report.watched {
            for b in &w.sessions {
                let _ = writeln!(
                    out,
                    "  {:<10} {}",
                    crate::text::fit(&crate::message::for_terminal(&w.words), 10),
                    brief(b)
                );
            }
        }
    }
    let _ = write!(out, "Elsewhere: {}", elsewhere_line(report));
    if all {
        out.push_str(".\n");
        for (label, list, beyond) in [
            ("added", &report.added, report.added_beyond),
            ("removed", &report.removed, report.removed_beyond),
        ] {
            for b in list {
                let _ = writeln!(out, "  {label:<10} {}", brief(b));
            }
            if beyond > 0 {
                let _ = writeln!(out, "  {label:<10} and {beyond} more");
            }
        }
    } else if report.added_count() == 0 && report.removed_count() == 0 {
        out.push_str(".\n");
    } else {
        out.push_str(" (--all lists the added and removed).\n");
    }
    out
}

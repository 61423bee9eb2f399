//! Lanyrd-style text: the picks written the way Lanyrd's "matching your filters" page was, so
//! the Lanyrd importer reads them back to the same sessions.

use chrono::Datelike;

use std::io::{self, Write};

use super::ExportSet;
use crate::model::Stamp;

fn clock(s: &Stamp) -> String {
    s.time().format("%-I:%M%P").to_string()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Writes the page as it goes.
pub fn write(set: &ExportSet, out: &mut dyn Write) -> io::Result<()> {
    let conf = &set.schedule.conference;
    // The importer takes the year from the title; add it when the title has none.
    let year = set.items.first().map(|i| i.session.day.year());
    let has_year = conf
        .title
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4);
    let title = match (has_year, year) {
        (false, Some(y)) => format!("{} {y}", conf.title),
        _ => conf.title.clone(),
    };
    write!(
        out,
        "Sessions at {title} matching your filters\n\nYour current filters are…\n"
    )?;
    for item in &set.items {
        let s = &item.session;
        write!(out, "\n  • {}\n", s.title)?;
        if !s.speakers.is_empty() {
            write!(out, "\n    by {}\n", s.speaker_line())?;
        }
        let body = s.full_text();
        if !body.is_empty() {
            out.write_all(b"\n")?;
            for line in body.lines() {
                if line.is_empty() {
                    out.write_all(b"\n")?;
                } else {
                    writeln!(out, "    {line}")?;
                }
            }
        }
        let d = s.start.date();
        write!(
            out,
            "\n    At {} to {}, {} {} {}\n",
            clock(&s.start),
            clock(&s.end),
            d.format("%A"),
            ordinal(d.day()),
            d.format("%B")
        )?;
        if let Some(r) = &s.room {
            match &conf.venue {
                Some(v) => write!(out, "\n    In {r}, {v}\n")?,
                None => write!(out, "\n    In {r}\n")?,
            }
        }
        if s.recorded == Some(true) {
            out.write_all("\n    Coverage video\n".as_bytes())?;
        }
    }
    Ok(())
}

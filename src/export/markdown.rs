//! The printable Markdown agenda: a table a day (time, room, session, speakers, notes), free gaps,
//! clashes with their overlap, and a footer with counts.

use std::io::{self, Write};

use super::ExportSet;
use crate::presentation::days::{Row, agenda_days};
use crate::presentation::plan::MINE;
use crate::presentation::{counts, duration, notes, place, span};

/// Escapes what Markdown would read as markup, and the table's `|`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

const HEAD: &str =
    "| Time | Room | Session | Speakers | Notes |\n| --- | --- | --- | --- | --- |\n";

/// Writes the Markdown as it goes.
pub fn write(set: &ExportSet, out: &mut dyn Write) -> io::Result<()> {
    let conf = &set.schedule.conference;
    let what = if set.plan.is_some() {
        "my agenda"
    } else {
        "schedule"
    };
    write!(out, "# {} — {what}\n\n", esc(&conf.title))?;
    match (
        set.schedule.shown_zone(),
        crate::presentation::offset_label(set.schedule),
    ) {
        (Some(tz), _) => writeln!(out, "Times are in {}.", tz.name())?,
        (None, Some(offset)) => writeln!(out, "Times are at {offset}.")?,
        (None, None) => out.write_all(b"Times are local to the venue.\n")?,
    }
    let Some(plan) = &set.plan else {
        let mut day = None;
        for item in &set.items {
            let s = &item.session;
            if day != Some(s.day) {
                day = Some(s.day);
                write!(out, "\n## {}\n\n{HEAD}", s.day.format("%A %-d %B %Y"))?;
            }
            writeln!(
                out,
                "| {} | {} | **{}**{} | {} |  |",
                span(&s.start, &s.end),
                esc(&place(s.room.as_deref(), s.kind)),
                esc(&s.title),
                in_language(s.language.as_deref()),
                esc(&s.speaker_line())
            )?;
        }
        write!(out, "\n---\n\n{} sessions\n", set.items.len())?;
        return Ok(());
    };
    if plan.picks.is_empty() && set.events.is_empty() {
        out.write_all("\nNo picks yet.\n".as_bytes())?;
    }
    let row = |out: &mut dyn Write, i: usize| -> io::Result<()> {
        let p = &plan.picks[i];
        let n: Vec<String> = notes(plan, i).iter().map(|n| esc(&n.line())).collect();
        writeln!(
            out,
            "| {} | {} | **{}**{} | {} | {} |",
            span(&p.start, &p.end),
            esc(&place(p.room.as_deref(), p.kind)),
            esc(&p.title),
            in_language(p.language.as_deref()),
            esc(&crate::text::join_and(&p.speakers)),
            n.join("<br>")
        )
    };
    for (date, rows) in agenda_days(plan, &set.events) {
        write!(out, "\n## {}\n\n{HEAD}", date.format("%A %-d %B %Y"))?;
        for r in rows {
            match r {
                Row::Free(start, end) => writeln!(
                    out,
                    "| {} |  | _free ({})_ |  |  |",
                    span(&start, &end),
                    duration(start.minutes_until(&end))
                )?,
                Row::Pick(i) => row(out, i)?,
                Row::Mine(e) => writeln!(
                    out,
                    "| {} | {} | {MINE} {} |  | my own |",
                    span(&e.start, &e.end),
                    esc(e.place.as_deref().unwrap_or("")),
                    esc(&e.title)
                )?,
            }
        }
    }
    let off: Vec<usize> = (0..plan.picks.len())
        .filter(|&i| !plan.picks[i].state.is_live())
        .collect();
    if !off.is_empty() {
        write!(
            out,
            "\n## Cancelled by the schedule, or gone from it\n\n{HEAD}"
        )?;
        for i in off {
            row(out, i)?;
        }
    }
    if !set.watch_later.is_empty() {
        out.write_all(b"\n## Watch later\n\nRecorded, and left out of the plan:\n\n")?;
        for l in &set.watch_later {
            match &l.url {
                Some(u) => writeln!(out, "- {} — <{}>", esc(&l.title), u.replace('>', "%3E"))?,
                None => writeln!(out, "- {}", esc(&l.title))?,
            }
        }
    }
    write!(out, "\n---\n\n{}\n", counts(plan))?;
    Ok(())
}

/// " (de)" after a title given in a language, as the table shows it.
fn in_language(language: Option<&str>) -> String {
    language.map_or_else(String::new, |l| format!(" ({})", esc(l)))
}

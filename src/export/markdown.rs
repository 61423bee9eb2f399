//! The printable Markdown agenda: a table a day (time, room, session, speakers, notes), free gaps,
//! clashes with their overlap, and a footer with counts.

use super::ExportSet;
use crate::agenda::Line;
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

pub fn render(set: &ExportSet) -> String {
    let conf = &set.schedule.conference;
    let what = if set.plan.is_some() {
        "my agenda"
    } else {
        "schedule"
    };
    let mut out = format!("# {} — {what}\n\n", esc(&conf.title));
    match conf.time_zone {
        Some(tz) => out.push_str(&format!("Times are in {}.\n", tz.name())),
        None => out.push_str("Times are local to the venue.\n"),
    }
    let Some(plan) = &set.plan else {
        let mut day = None;
        for item in &set.items {
            let s = &item.session;
            if day != Some(s.day) {
                day = Some(s.day);
                out.push_str(&format!("\n## {}\n\n{HEAD}", s.day.format("%A %-d %B %Y")));
            }
            out.push_str(&format!(
                "| {} | {} | **{}** | {} |  |\n",
                span(&s.start, &s.end),
                esc(&place(s.room.as_deref(), s.kind)),
                esc(&s.title),
                esc(&s.speaker_line())
            ));
        }
        out.push_str(&format!("\n---\n\n{} sessions\n", set.items.len()));
        return out;
    };
    if plan.picks.is_empty() {
        out.push_str("\nNo picks yet.\n");
    }
    for day in &plan.days {
        out.push_str(&format!(
            "\n## {}\n\n{HEAD}",
            day.date.format("%A %-d %B %Y")
        ));
        for line in &day.lines {
            match line {
                Line::Gap { start, end } => out.push_str(&format!(
                    "| {} |  | _free ({})_ |  |  |\n",
                    span(start, end),
                    duration(start.minutes_until(end))
                )),
                Line::Pick(i) => {
                    let p = &plan.picks[*i];
                    let n: Vec<String> = notes(plan, *i).iter().map(|n| esc(&n.line())).collect();
                    out.push_str(&format!(
                        "| {} | {} | **{}** | {} | {} |\n",
                        span(&p.start, &p.end),
                        esc(&place(p.room.as_deref(), p.kind)),
                        esc(&p.title),
                        esc(&crate::text::join_and(&p.speakers)),
                        n.join("<br>")
                    ));
                }
            }
        }
    }
    out.push_str(&format!("\n---\n\n{}\n", counts(plan)));
    out
}

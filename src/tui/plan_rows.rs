//! The plan view's rows, from the plan the app keeps: per day the chosen picks in time order,
//! the dropped ones with their reasons, the free time with how many talks fit; then what to
//! watch later. `update` (Enter, 1 2 3) and the view read the same rows.

use crate::agenda::Priority;
use crate::model::Stamp;
use crate::presentation::plan::{Entry, is_decision, partial, reason, walk_note};
use crate::presentation::{duration, place, plural, span};
use crate::text;

use super::app::App;

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    Day,
    Chosen(Priority),
    /// Left out; `decide` when it is a must left out for another must.
    Dropped {
        decide: bool,
    },
    Gap,
    Heading,
    Later,
    /// A note under a chosen pick (the way to the next room).
    Note,
    /// An event of the person's own.
    Mine,
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// The pick the row is about.
    pub id: Option<String>,
    pub kind: PlanKind,
    pub text: String,
    /// The free stretch a gap row is about.
    pub span: Option<(Stamp, Stamp)>,
}

fn row(id: Option<&str>, kind: PlanKind, text: String) -> PlanRow {
    PlanRow {
        id: id.map(str::to_string),
        kind,
        text,
        span: None,
    }
}

/// The rows of the plan view: all of them, or, while a filter is typed (`/`), the day headings
/// and the rows that hold it.
pub fn rows(app: &App) -> Vec<PlanRow> {
    let all = all_rows(app);
    let want = crate::text::fold(app.list_filter.text().trim());
    if want.is_empty() {
        return all;
    }
    all.into_iter()
        .filter(|r| {
            matches!(r.kind, PlanKind::Day | PlanKind::Heading)
                || crate::text::fold(&r.text).contains(&want)
        })
        .collect()
}

fn all_rows(app: &App) -> Vec<PlanRow> {
    let mut out = Vec::new();
    if app.plan().days.is_empty() {
        out.push(row(
            None,
            PlanKind::Empty,
            "No picks yet: nothing to plan.".into(),
        ));
    }
    // Room names whole, as wide as the widest planned (up to 32 columns).
    let room_w = app
        .plan()
        .days
        .iter()
        .flat_map(|d| d.choice.chosen.iter().map(|&i| &d.wishes[i]))
        .map(|w| text::width(&place(w.room.as_deref(), crate::model::Kind::Talk)))
        .max()
        .unwrap_or(4)
        .clamp(4, 32);
    for day in &app.plan().days {
        out.push(row(
            None,
            PlanKind::Day,
            day.date.format("%A %-d %B %Y").to_string(),
        ));
        let entries = day.entries();
        let walking = app.planner.settings().walking;
        for (n, &entry) in entries.iter().enumerate() {
            let w = day.entry_wish(entry);
            let room = place(w.room.as_deref(), crate::model::Kind::Talk);
            let (id, kind, what) = match entry {
                Entry::Pick(_) => (
                    Some(w.id.as_str()),
                    PlanKind::Chosen(w.priority),
                    w.priority.name(),
                ),
                Entry::Event(_) => (None, PlanKind::Mine, "mine"),
            };
            out.push(row(
                id,
                kind,
                format!(
                    "{}  {}  {:<5} {}",
                    span(&w.start, &w.end),
                    text::pad(&text::fit(&room, room_w), room_w),
                    what,
                    w.title
                ),
            ));
            let next = entries.get(n + 1).map(|&e| day.entry_wish(e));
            if let Some(note) = next.and_then(|b| walk_note(&w, &b, &walking)) {
                out.push(row(None, PlanKind::Note, format!("    {note}")));
            }
        }
        for (i, r) in &day.choice.dropped {
            let w = &day.wishes[*i];
            let decide = is_decision(day, *i, r);
            out.push(row(
                Some(&w.id),
                PlanKind::Dropped { decide },
                format!(
                    "{}left out: {} {} — {}{}",
                    if decide { "two musts, decide: " } else { "" },
                    w.priority.name(),
                    crate::message::title(&w.title),
                    reason(day, r),
                    partial(day, *i, r)
                        .map_or_else(String::new, |p| format!(" (to see both: {p})"))
                ),
            ));
        }
        for g in &day.gaps {
            out.push(PlanRow {
                span: Some((g.start, g.end)),
                ..row(
                    None,
                    PlanKind::Gap,
                    format!(
                        "free {} ({}): {}",
                        span(&g.start, &g.end),
                        duration(g.start.minutes_until(&g.end)),
                        plural(g.fits.len() as u64, "talk fits", "talks fit")
                    ),
                )
            });
        }
    }
    if !app.plan().watch_later.is_empty() {
        out.push(row(
            None,
            PlanKind::Heading,
            "Watch later (recorded, left out)".into(),
        ));
        for l in &app.plan().watch_later {
            let url = l
                .url
                .as_deref()
                .map_or_else(String::new, |u| format!("  {u}"));
            out.push(row(
                Some(&l.id),
                PlanKind::Later,
                format!("{}{url}", l.title),
            ));
        }
    }
    out
}

//! A personal agenda's days as the printed surfaces list them: the live picks, the free time
//! between them and the person's own events, in time order (free time split around events).

use chrono::NaiveDate;

use crate::agenda::{Event, Line, Overview};
use crate::model::Stamp;

/// One row of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row<'a> {
    /// A live pick (an index into the overview's picks).
    Pick(usize),
    Free(Stamp, Stamp),
    /// An event of the person's own.
    Mine(&'a Event),
}

/// Each day with a live pick or an event, its rows in time order.
pub fn agenda_days<'a>(plan: &Overview, events: &'a [Event]) -> Vec<(NaiveDate, Vec<Row<'a>>)> {
    days_of(plan, events, true)
}

/// [`agenda_days`], with `live_only` false also the picks the schedule cancelled or dropped
/// in their days (the TUI's agenda marks them there).
pub fn days_of<'a>(
    plan: &Overview,
    events: &'a [Event],
    live_only: bool,
) -> Vec<(NaiveDate, Vec<Row<'a>>)> {
    let shown = |l: &Line| matches!(l, Line::Pick(_)) && (!live_only || live(plan, l));
    let mut dates: Vec<NaiveDate> = plan
        .days
        .iter()
        .filter(|d| d.lines.iter().any(shown))
        .map(|d| d.date)
        .chain(events.iter().map(|e| e.start.date()))
        .collect();
    dates.sort();
    dates.dedup();
    dates
        .into_iter()
        .map(|date| {
            let mine: Vec<&Event> = events.iter().filter(|e| e.start.date() == date).collect();
            let mut rows: Vec<Row> = mine.iter().map(|e| Row::Mine(e)).collect();
            for line in plan
                .days
                .iter()
                .filter(|d| d.date == date)
                .flat_map(|d| &d.lines)
            {
                match line {
                    Line::Pick(i) if !live_only || plan.picks[*i].state.is_live() => {
                        rows.push(Row::Pick(*i))
                    }
                    Line::Pick(_) => {}
                    Line::Gap { start, end } => {
                        rows.extend(free_around(*start, *end, &mine).map(|(a, b)| Row::Free(a, b)))
                    }
                }
            }
            rows.sort_by_key(|r| match r {
                Row::Pick(i) => (plan.picks[*i].start, 1),
                Row::Free(a, _) => (*a, 2),
                Row::Mine(e) => (e.start, 0),
            });
            (date, rows)
        })
        .collect()
}

fn live(plan: &Overview, l: &Line) -> bool {
    matches!(l, Line::Pick(i) if plan.picks[*i].state.is_live())
}

/// The parts of the free stretch `start`–`end` no event covers.
fn free_around(
    start: Stamp,
    end: Stamp,
    events: &[&Event],
) -> impl Iterator<Item = (Stamp, Stamp)> {
    let mut parts = vec![(start, end)];
    for e in events {
        parts = parts
            .into_iter()
            .flat_map(|(a, b)| {
                if e.end <= a || b <= e.start {
                    vec![(a, b)]
                } else {
                    [(a, e.start.min(b)), (e.end.max(a), b)]
                        .into_iter()
                        .filter(|(x, y)| x < y)
                        .collect()
                }
            })
            .collect();
    }
    parts.into_iter()
}

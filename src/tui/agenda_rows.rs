//! The agenda view's rows laid out once per change of the picks: which line each day header,
//! gap and pick starts on. A frame then draws only the lines on screen and a page key knows
//! where a page ends, however many picks there are.

use chrono::NaiveDate;

use crate::agenda::{Event, Overview};
use crate::model::Stamp;
use crate::presentation::days::{Row as DayRow, days_of};
use crate::presentation::{note_count, place};
use crate::text;

/// One row of the agenda view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// "No picks yet".
    Empty,
    /// The blank line between days.
    Blank,
    /// A day's heading.
    Day(NaiveDate),
    /// Free time between picks.
    Gap { start: Stamp, end: Stamp },
    /// A pick (index into the plan's picks): its line and its notes.
    Pick(usize),
    /// An event of the person's own (index into the agenda's events, by start).
    Event(usize),
}

/// The rows, where each starts, and the widths they share.
#[derive(Debug, Clone, Default)]
pub struct AgendaRows {
    rows: Vec<Row>,
    /// The first line of each row; one more entry, the number of lines in all.
    starts: Vec<usize>,
    /// The row of each pick.
    pick_row: Vec<usize>,
    /// The picks shown, in row order (all of them unless a filter narrows the agenda).
    shown: Vec<usize>,
    /// The room column's width: the longest place, at most 32 columns.
    pub room_width: usize,
}

impl AgendaRows {
    /// Lays out the plan's days: O(picks).
    pub fn of(plan: &Overview) -> Self {
        Self::of_matching(plan, &[], "")
    }

    /// Lays out the picks whose title, room or speakers hold `filter` (case and accents aside)
    /// under their days' headings; with no filter, everything with the free time between.
    pub fn of_matching(plan: &Overview, events: &[Event], filter: &str) -> Self {
        let want = text::fold(filter.trim());
        let keep = |k: usize| {
            let p = &plan.picks[k];
            want.is_empty()
                || [p.title.as_str(), p.room.as_deref().unwrap_or("")]
                    .into_iter()
                    .chain(p.speakers.iter().map(String::as_str))
                    .any(|t| text::fold(t).contains(&want))
        };
        let mut out = AgendaRows {
            room_width: plan
                .picks
                .iter()
                .map(|p| text::width(&place(p.room.as_deref(), p.kind)))
                .chain(
                    events
                        .iter()
                        .filter_map(|e| e.place.as_deref().map(text::width)),
                )
                .max()
                .unwrap_or(2)
                .clamp(2, 32),
            pick_row: vec![0; plan.picks.len()],
            ..AgendaRows::default()
        };
        let mut line = 0;
        let mut push = |out: &mut AgendaRows, row: Row, height: usize| {
            out.rows.push(row);
            out.starts.push(line);
            line += height;
        };
        let keep_event = |e: &Event| {
            want.is_empty()
                || [e.title.as_str(), e.place.as_deref().unwrap_or("")]
                    .into_iter()
                    .any(|t| text::fold(t).contains(&want))
        };
        if plan.picks.is_empty() && events.is_empty() {
            push(&mut out, Row::Empty, 1);
        }
        let mut days_shown = 0;
        let mut any_event = false;
        for (date, rows) in days_of(plan, events, false) {
            let kept: Vec<DayRow> = rows
                .into_iter()
                .filter(|r| match r {
                    DayRow::Pick(k) => keep(*k),
                    DayRow::Free(..) => want.is_empty(),
                    DayRow::Mine(e) => keep_event(e),
                })
                .collect();
            if !kept.iter().any(|r| !matches!(r, DayRow::Free(..))) {
                continue;
            }
            if days_shown > 0 {
                push(&mut out, Row::Blank, 1);
            }
            days_shown += 1;
            push(&mut out, Row::Day(date), 1);
            for r in kept {
                match r {
                    DayRow::Free(start, end) => push(&mut out, Row::Gap { start, end }, 1),
                    DayRow::Pick(k) => {
                        if let Some(r) = out.pick_row.get_mut(k) {
                            *r = out.rows.len();
                        }
                        out.shown.push(k);
                        push(&mut out, Row::Pick(k), 1 + note_count(plan, k));
                    }
                    DayRow::Mine(e) => {
                        any_event = true;
                        let k = events.iter().position(|x| x.id == e.id).unwrap_or(0);
                        push(&mut out, Row::Event(k), 1);
                    }
                }
            }
        }
        if (!plan.picks.is_empty() || !events.is_empty()) && out.shown.is_empty() && !any_event {
            push(&mut out, Row::Empty, 1);
        }
        out.starts.push(line);
        out
    }

    /// The picks shown, in row order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Where pick `k` is among those shown (the first when it is not shown).
    pub fn position(&self, k: usize) -> usize {
        self.shown.iter().position(|&x| x == k).unwrap_or(0)
    }

    /// How many lines the agenda has.
    pub fn lines(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The line pick `k` starts on.
    pub fn line_of_pick(&self, k: usize) -> usize {
        self.pick_row
            .get(k)
            .and_then(|&r| self.starts.get(r))
            .copied()
            .unwrap_or(0)
    }

    /// The rows from the one holding `line` on, each with the line it starts on.
    pub fn from_line(&self, line: usize) -> impl Iterator<Item = (usize, Row)> + '_ {
        let first = self
            .starts
            .partition_point(|&s| s <= line)
            .saturating_sub(1);
        self.rows
            .iter()
            .zip(&self.starts)
            .skip(first)
            .map(|(row, start)| (*start, *row))
    }

    /// The first pick that starts on `line` or after it, else the last pick.
    pub fn pick_from_line(&self, line: usize) -> Option<usize> {
        let mut last = None;
        for (start, row) in self.from_line(line) {
            if let Row::Pick(k) = row {
                if start >= line {
                    return Some(k);
                }
                last = Some(k);
            }
        }
        last.or_else(|| self.shown.last().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Agenda, Pick};
    use crate::native::default_schedule;

    #[test]
    fn rows_start_where_the_lines_before_them_end() {
        let schedule = default_schedule().unwrap();
        let picks: Vec<Pick> = schedule
            .sessions
            .iter()
            .step_by(2)
            .map(|s| Pick::of(s, chrono::Utc::now()))
            .collect();
        let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
        let plan = Overview::build(&schedule, &agenda, None);
        let rows = AgendaRows::of(&plan);
        let mut line = 0;
        for (start, row) in rows.from_line(0) {
            assert_eq!(start, line, "{row:?}");
            line += match row {
                Row::Pick(k) => 1 + crate::presentation::notes(&plan, k).len(),
                _ => 1,
            };
        }
        assert_eq!(line, rows.lines());
        // Every pick is where its row is, and found again from its line.
        for k in 0..plan.picks.len() {
            let at = rows.line_of_pick(k);
            assert_eq!(rows.from_line(at).next(), Some((at, Row::Pick(k))));
            assert_eq!(rows.pick_from_line(at), Some(k));
        }
        assert!(plan.picks.len() > 10);
        assert_eq!(
            rows.pick_from_line(rows.lines() + 5),
            Some(plan.picks.len() - 1)
        );
    }

    #[test]
    fn no_picks_is_one_row() {
        let rows = AgendaRows::of(&Overview::default());
        assert_eq!(rows.lines(), 1);
        assert_eq!(rows.from_line(0).next(), Some((0, Row::Empty)));
        assert_eq!(rows.pick_from_line(0), None);
    }
}

//! The grid's time axis: maps minutes of a day to rows at a zoom (minutes per row), with long
//! empty stretches optionally folded into one row.

/// Minutes per row the person can zoom between.
pub const ZOOMS: [i64; 6] = [2, 5, 10, 15, 20, 30];
/// An empty stretch at least this long can be folded.
pub const FOLD_MINUTES: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Seg {
    start: i64,
    end: i64,
    /// For a folded stretch: the time truly free, from the end of what came before to the start
    /// of what comes after (`start` and `end` are aligned to rows).
    free: Option<(i64, i64)>,
    row: usize,
}

/// Minute ↔ row mapping for one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub per_row: i64,
    segs: Vec<Seg>,
    rows: usize,
}

fn floor_to(m: i64, step: i64) -> i64 {
    m.div_euclid(step) * step
}

fn ceil_to(m: i64, step: i64) -> i64 {
    floor_to(m + step - 1, step)
}

impl Timeline {
    /// A timeline from `start` to `end` (minutes, `start` aligned to the hour by the caller).
    /// `busy` are the day's session intervals; with `fold`, empty stretches of
    /// [`FOLD_MINUTES`] or more take one row.
    pub fn new(start: i64, end: i64, per_row: i64, busy: &[(i64, i64)], fold: bool) -> Self {
        let per_row = per_row.max(1);
        let end = ceil_to(end.max(start + per_row), per_row);
        // (row-aligned start, end, truly free from, to)
        let mut folds: Vec<(i64, i64, i64, i64)> = Vec::new();
        if fold {
            let mut spans: Vec<(i64, i64)> = busy.to_vec();
            spans.sort_unstable();
            let mut cursor = start;
            for (s, e) in spans.into_iter().chain([(end, end)]) {
                let (a, b) = (ceil_to(cursor, per_row), floor_to(s, per_row));
                if s > cursor && b - a >= FOLD_MINUTES {
                    folds.push((a, b, cursor, s));
                }
                cursor = cursor.max(e);
            }
        }
        let mut segs = Vec::new();
        let mut row = 0usize;
        let mut at = start;
        let mut push = |s: i64, e: i64, free: Option<(i64, i64)>, row: &mut usize| {
            if e <= s {
                return;
            }
            segs.push(Seg {
                start: s,
                end: e,
                free,
                row: *row,
            });
            *row += if free.is_some() {
                1
            } else {
                usize::try_from((e - s) / per_row).unwrap_or(0)
            };
        };
        for (a, b, from, to) in folds {
            push(at, a, None, &mut row);
            push(a, b, Some((from, to)), &mut row);
            at = b;
        }
        push(at, end, None, &mut row);
        Timeline {
            per_row,
            segs,
            rows: row,
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn start(&self) -> i64 {
        self.segs.first().map_or(0, |s| s.start)
    }

    pub fn end(&self) -> i64 {
        self.segs.last().map_or(0, |s| s.end)
    }

    fn seg_of(&self, minute: i64) -> Option<&Seg> {
        let i = self.segs.partition_point(|s| s.end <= minute);
        self.segs.get(i)
    }

    /// The row a minute falls in (clamped to the timeline).
    pub fn row_of(&self, minute: i64) -> usize {
        match self.seg_of(minute) {
            None => self.rows,
            Some(s) if minute < s.start => s.row,
            Some(s) if s.free.is_some() => s.row,
            Some(s) => s.row + usize::try_from((minute - s.start) / self.per_row).unwrap_or(0),
        }
    }

    /// The first row after a minute: the exclusive end row of an interval ending there.
    pub fn row_end(&self, minute: i64) -> usize {
        match self.seg_of(minute) {
            None => self.rows,
            Some(s) if minute <= s.start => s.row,
            Some(s) if s.free.is_some() => s.row + 1,
            Some(s) => {
                s.row
                    + usize::try_from((minute - s.start + self.per_row - 1) / self.per_row)
                        .unwrap_or(0)
            }
        }
    }

    /// The first minute shown on a row.
    pub fn minute_at(&self, row: usize) -> i64 {
        let i = self
            .segs
            .partition_point(|s| s.row <= row)
            .saturating_sub(1);
        match self.segs.get(i) {
            None => self.start(),
            Some(s) if s.free.is_some() => s.start,
            Some(s) => s.start + i64::try_from(row - s.row).unwrap_or(0) * self.per_row,
        }
    }

    /// When a row is a folded stretch: the minutes truly free there (from the end of what came
    /// before to the start of what comes after, not rounded to rows).
    pub fn folded_at(&self, row: usize) -> Option<(i64, i64)> {
        let i = self.segs.partition_point(|s| s.row < row);
        self.segs
            .get(i)
            .filter(|s| s.row == row)
            .and_then(|s| s.free)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_duration() {
        let t = Timeline::new(0, 120, 10, &[], false);
        assert_eq!(t.rows(), 12);
        assert_eq!(t.row_end(45) - t.row_of(0), 5);
        assert_eq!(t.row_end(40) - t.row_of(0), 4);
        assert_eq!(t.row_end(30) - t.row_of(0), 3);
        assert_eq!(t.minute_at(7), 70);
    }

    #[test]
    fn folding_shrinks_empty_stretches_to_one_row() {
        let busy = [(0, 60), (120, 180)];
        let t = Timeline::new(0, 180, 10, &busy, true);
        assert_eq!(t.rows(), 6 + 1 + 6);
        assert_eq!(t.folded_at(6), Some((60, 120)));
        assert_eq!(t.row_of(120), 7);
        assert_eq!(t.minute_at(7), 120);
        assert_eq!(t.row_of(90), 6);
        // Short breaks stay as they are.
        let t = Timeline::new(0, 180, 10, &[(0, 60), (80, 180)], true);
        assert_eq!(t.rows(), 18);
        // The label says what is free, not the rows: lunch 12:55–13:45 folds rows 13:00–13:40.
        let t = Timeline::new(0, 240, 10, &[(0, 115), (165, 240)], true);
        assert_eq!(t.folded_at(12), Some((115, 165)));
    }
}

//! Where things are on screen, computed from the state alone so drawing and mouse clicks agree.

use super::app::App;

/// The smallest screen lineup draws on.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Width of the time axis ("14:30 ").
pub const AXIS_W: u16 = 6;
/// Columns never get narrower than this; more rooms scroll sideways.
pub const MIN_COL_W: u16 = 18;
/// Rows above the grid body: day tabs, room names.
pub const HEADER_H: u16 = 2;

/// The grid's layout for the current size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: u16,
    pub height: u16,
    /// Rows of the grid body (between the header and the status line).
    pub body_h: u16,
    pub col_w: u16,
    pub visible_cols: usize,
}

impl Geometry {
    pub fn of(app: &App) -> Geometry {
        let ncols = app.day_index().map_or(1, |d| d.columns.len()).max(1);
        let avail = app.width.saturating_sub(AXIS_W).max(1);
        let visible_cols = usize::from((avail / MIN_COL_W).max(1)).min(ncols);
        let col_w = avail / u16::try_from(visible_cols).unwrap_or(1).max(1);
        Geometry {
            width: app.width,
            height: app.height,
            body_h: app.height.saturating_sub(HEADER_H + 1),
            col_w,
            visible_cols,
        }
    }

    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The x of a visible column (index relative to the first visible one).
    pub fn col_x(&self, rel: usize) -> u16 {
        AXIS_W + u16::try_from(rel).unwrap_or(0).saturating_mul(self.col_w)
    }

    /// Width of a visible column; the last one takes the rounding remainder.
    pub fn col_width(&self, rel: usize) -> u16 {
        if rel + 1 == self.visible_cols {
            self.width.saturating_sub(self.col_x(rel))
        } else {
            self.col_w
        }
    }

    /// The visible column under x, relative to the first visible one.
    pub fn col_at(&self, x: u16) -> Option<usize> {
        if x < AXIS_W || self.col_w == 0 {
            return None;
        }
        let rel = usize::from((x - AXIS_W) / self.col_w).min(self.visible_cols.saturating_sub(1));
        Some(rel)
    }
}

/// The boxes of a list of sessions (a column, or the plenaries) that touch the rows
/// `[top_row, top_row + rows)`: `(session, first row, end row)`. At coarse zooms two short
/// sessions can fall in one row: a box then starts below the one before it, so none hides
/// another; a box ends where the next one in the list starts.
pub fn boxes(app: &App, list: &[usize], top_row: usize, rows: usize) -> Vec<(usize, usize, usize)> {
    let Some(day) = app.day_index() else {
        return Vec::new();
    };
    let tl = app.timeline();
    let span = |i: usize| {
        let s = app.session(i);
        let top = tl.row_of(day.minute(&s.start));
        (top, tl.row_end(day.minute(&s.end)).max(top + 1))
    };
    // Start one before the first box that reaches the view, to know where it ended.
    let first = list
        .partition_point(|&i| span(i).1 <= top_row)
        .saturating_sub(1);
    let mut out = Vec::new();
    let mut prev_bottom = 0;
    for (k, &i) in list.iter().enumerate().skip(first) {
        let (t, b) = span(i);
        let top = t.max(prev_bottom);
        let mut bottom = b.max(top + 1);
        if let Some(&next) = list.get(k + 1) {
            let next_top = span(next).0;
            if next_top > top {
                bottom = bottom.min(next_top);
            }
        }
        prev_bottom = bottom;
        if top >= top_row + rows {
            break;
        }
        if bottom > top_row {
            out.push((i, top, bottom));
        }
    }
    out
}

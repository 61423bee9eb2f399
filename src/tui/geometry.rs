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

//! Where things are on screen, computed from the state alone so drawing and mouse clicks agree.

use super::app::App;

/// The smallest screen lineup draws on.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Width of the time axis ("14:30 ").
pub const AXIS_W: u16 = 6;
/// Columns never get narrower than this; more rooms scroll sideways.
pub const MIN_COL_W: u16 = 18;
/// Rows above the grid body: day tabs, room names (and a row of tracks when a room holds one
/// track all day; see [`Geometry::header_h`]).
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
    /// Rows above the body: [`HEADER_H`], and one more for the tracks under the room names
    /// when a room of the day holds one track all day.
    pub header_h: u16,
}

impl Geometry {
    pub fn of(app: &App) -> Geometry {
        let ncols = app.day_index().map_or(1, |d| d.columns.len()).max(1);
        let avail = app.width.saturating_sub(AXIS_W).max(1);
        let visible_cols = usize::from((avail / MIN_COL_W).max(1)).min(ncols);
        let col_w = avail / u16::try_from(visible_cols).unwrap_or(1).max(1);
        let tracks_row = app
            .day_index()
            .is_some_and(|d| d.columns.iter().any(|c| c.track.is_some()));
        let header_h = HEADER_H + u16::from(tracks_row);
        Geometry {
            width: app.width,
            height: app.height,
            body_h: app
                .height
                .saturating_sub(header_h + super::status::rows(app)),
            header_h,
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

/// Where lane `l` of `n` side by side lies in a column's `w` columns from `x`: its x and width
/// (the lanes share the width, the first ones a column less when it does not divide).
pub fn lane_span(x: u16, w: u16, l: usize, n: usize) -> (u16, u16) {
    let n = n.max(1);
    let at = |k: usize| u16::try_from(usize::from(w) * k / n).unwrap_or(w);
    (x + at(l), at(l + 1) - at(l))
}

/// A box of the grid: the sessions of a column (or of the plenaries) that start in the same row,
/// from that row to where the next box starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridBox {
    /// In start order; more than one only when the zoom puts several starts in one row.
    pub sessions: Vec<usize>,
    /// First row (the row that holds the first start) and end row (exclusive).
    pub top: usize,
    pub bottom: usize,
}

/// Between the heads a packed row lists.
pub const PACK_SEPARATOR: &str = " · ";

impl GridBox {
    /// The sessions shown on each row of the box when its first row on screen is `first_shown`:
    /// a row each while rows last; when there are more sessions than rows, the last row lists
    /// the rest ("packed").
    pub fn rows(&self, first_shown: usize) -> Vec<&[usize]> {
        let rows = self.bottom - first_shown.max(self.top);
        let n = self.sessions.len();
        if n <= rows {
            return self.sessions.chunks(1).collect();
        }
        let own = rows.saturating_sub(1);
        let mut out: Vec<&[usize]> = self.sessions[..own].chunks(1).collect();
        out.push(&self.sessions[own..]);
        out
    }

    /// The session under a point of the box: `row` of the grid and `dx` columns into the box's
    /// text. On a packed row it is the session whose head is under `dx`, measured with `width`
    /// (the columns a session's head takes); past the last row it is the last session.
    pub fn session_at(
        &self,
        row: usize,
        first_shown: usize,
        dx: usize,
        width: impl Fn(usize) -> usize,
    ) -> usize {
        let rows = self.rows(first_shown);
        let line = row.saturating_sub(first_shown.max(self.top));
        let Some(on_row) = rows.get(line).or(rows.last()) else {
            return self.sessions[0];
        };
        let mut at = 0;
        for &i in *on_row {
            at += width(i) + crate::text::width(PACK_SEPARATOR);
            if dx < at {
                return i;
            }
        }
        on_row[on_row.len() - 1]
    }
}

/// What a box shows first for a session: "14:00 ★ Title" (the mark only when picked, "‼" when
/// it clashes).
pub fn head(app: &App, i: usize) -> String {
    let s = app.session(i);
    let mut mark = crate::presentation::mark_of(&app.planner, i)
        .map(|m| format!("{m} "))
        .unwrap_or_default();
    // What the last refresh changed, until seen (a cancelled pick has its mark already).
    if let Some(f) = app.fresh.get(&i)
        && !mark.starts_with(f.mark())
    {
        mark = format!("{} {mark}", f.mark());
    }
    format!(
        "{} {mark}{}{}",
        s.start.time().format("%H:%M"),
        friends_mark(app, i),
        s.title
    )
}

/// "[AB] " when friends A… and B… picked the session (their initials, up to three; a count
/// beyond), else nothing.
pub fn friends_mark(app: &App, i: usize) -> String {
    let who = app.friends_of(i);
    match who.len() {
        0 => String::new(),
        1..=3 => {
            let initials: String = who
                .iter()
                .filter_map(|n| n.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            format!("[{initials}] ")
        }
        n => format!("[{n}] "),
    }
}

/// The boxes of a list of sessions (a column's own, the plenaries, a changeover) that touch the
/// rows `[top_row, top_row + rows)`. Every box starts on the row that holds its start time;
/// sessions starting in the same row share a box, so none hides another at a coarse zoom; a box
/// ends where the next one starts.
pub fn boxes(app: &App, list: &[usize], top_row: usize, rows: usize) -> Vec<GridBox> {
    let Some(day) = app.day_index() else {
        return Vec::new();
    };
    let tl = app.timeline();
    let span = |i: usize| {
        let s = app.session(i);
        let top = tl.row_of(day.minute(&s.start));
        (top, tl.row_end(day.minute(&s.end)).max(top + 1))
    };
    // Tops only grow along the list, and a box ends where the next starts: of the boxes that
    // start above the view, only the last one can reach into it. Start there.
    let mut k = list.partition_point(|&i| span(i).0 < top_row);
    if k > 0 {
        k -= 1;
        while k > 0 && span(list[k - 1]).0 == span(list[k]).0 {
            k -= 1;
        }
    }
    let mut out: Vec<GridBox> = Vec::new();
    while k < list.len() {
        let (top, mut bottom) = span(list[k]);
        if top >= top_row + rows {
            break;
        }
        let mut sessions = vec![list[k]];
        k += 1;
        while k < list.len() && span(list[k]).0 == top {
            bottom = bottom.max(span(list[k]).1);
            sessions.push(list[k]);
            k += 1;
        }
        if let Some(&next) = list.get(k) {
            bottom = bottom.min(span(next).0);
        }
        if bottom > top_row {
            out.push(GridBox {
                sessions,
                top,
                bottom,
            });
        }
    }
    out
}

/// The tabs `[from, to)` that fit in `room` columns with the current one among them, as many
/// before it as after when not all fit.
pub fn tab_window(labels: &[String], current: usize, room: usize) -> (usize, usize) {
    let w = |k: usize| crate::text::width(&labels[k]);
    let (mut from, mut to) = (current, (current + 1).min(labels.len()));
    let mut used = if current < labels.len() {
        w(current)
    } else {
        0
    };
    loop {
        let grew_right = to < labels.len() && used + w(to) <= room;
        if grew_right {
            used += w(to);
            to += 1;
        }
        let grew_left = from > 0 && used + w(from - 1) <= room;
        if grew_left {
            from -= 1;
            used += w(from);
        }
        if !grew_right && !grew_left {
            return (from, to);
        }
    }
}

/// The forms a day's tab can take, longest first: "Fri 9 Mar", "Fri 9", "Fri".
const TAB_FORMS: [&str; 3] = ["%a %-d %b", "%a %-d", "%a"];

/// The day labels of the tab row in one of [`TAB_FORMS`], "│ Fri 9 Mar ".
pub fn tab_labels(app: &App, form: &str) -> Vec<String> {
    app.days
        .iter()
        .map(|d| format!("│ {} ", d.date.format(form)))
        .collect()
}

/// Where the tab row ends: before "N more ▶" when rooms are off screen to the right.
pub fn tabs_end(app: &App, width: u16) -> u16 {
    let g = Geometry::of(app);
    let n = app.day_index().map_or(0, |d| d.columns.len());
    let end = (app.scroll_col + g.visible_cols).min(n);
    if end >= n {
        return width;
    }
    let more = format!(" {} more ▶", n - end);
    width.saturating_sub(u16::try_from(crate::text::width(&more)).unwrap_or(0))
}

/// The zone the times are in, as the header names it: its abbreviation on the day shown
/// ("PST", "CET"; an offset where the zone has none), with "(local)" or the zone's name when
/// it is not the venue's. `None` for times that float.
pub fn zone_label(app: &App) -> Option<String> {
    use chrono::TimeZone;
    use chrono_tz::OffsetName;
    let Some(tz) = app.schedule().shown_zone() else {
        // Times with offsets but no zone name: the day's offset ("UTC+01:00").
        let day = app.day_index()?;
        let first = app
            .schedule()
            .sessions
            .get(*day.columns.first()?.sessions.first()?)?;
        return crate::presentation::offset_of(&first.start);
    };
    let at = app
        .day_index()
        .map_or_else(|| app.clock.naive_utc(), |d| d.base_stamp.utc().naive_utc());
    let abbreviation = tz
        .offset_from_utc_datetime(&at)
        .abbreviation()
        .map_or_else(|| tz.name().to_string(), str::to_string);
    Some(match app.schedule().shown_in {
        None => abbreviation,
        Some(_) => format!("{} {abbreviation}", tz.name()),
    })
}

/// The tab row as drawn on a screen `width` wide: the title, then the days `[from, to)` shown
/// (a "‹" before them when days are hidden on the left), each day as (day, x where its text
/// starts, x where it ends), with the labels drawn. The view draws from it; a click finds the
/// day under it.
pub struct TabRow {
    pub title: String,
    pub from: usize,
    pub to: usize,
    pub days: Vec<(usize, u16, u16)>,
    pub labels: Vec<String>,
}

/// The fewest columns the conference's name keeps in the tab row when the days need the rest.
const TITLE_MIN: usize = 10;

/// The row uses the width it has: every day in the longest form that fits beside the title
/// (the title cut only as far as the days need), else the shortest form, as many days round
/// the current one as fit.
pub fn tab_row(app: &App, width: u16) -> TabRow {
    let end = tabs_end(app, width);
    let zone = zone_label(app).map_or(String::new(), |z| format!("· {z} "));
    let full = format!(" {} ", app.schedule().conference.title);
    let width_of = crate::text::width;
    let title_min = (width_of(&zone) + TITLE_MIN).min(width_of(&full) + width_of(&zone));
    let all = |labels: &[String]| labels.iter().map(|l| width_of(l)).sum::<usize>() + 2;
    let (labels, title_room) = TAB_FORMS
        .iter()
        .map(|form| tab_labels(app, form))
        .find_map(|labels| {
            let need = all(&labels);
            let room = usize::from(end).checked_sub(need)?;
            (room >= title_min).then_some((labels, room))
        })
        .unwrap_or_else(|| (tab_labels(app, TAB_FORMS[2]), title_min));
    let name = crate::text::fit(&full, title_room.saturating_sub(width_of(&zone)).max(4));
    let title = crate::text::fit(&format!("{name}{zone}"), title_room.max(width_of(&zone)));
    let cols = |s: &str| u16::try_from(width_of(s)).unwrap_or(u16::MAX);
    let mut x = cols(&title).min(end);
    let room = usize::from(end.saturating_sub(x)).saturating_sub(2);
    let (from, to) = tab_window(&labels, app.day, room);
    if from > 0 {
        x = (x + 1).min(end);
    }
    let mut days = Vec::new();
    for (k, label) in labels.iter().enumerate().take(to).skip(from) {
        x = (x + 1).min(end);
        let w = cols(&label["│".len()..]).min(end - x);
        days.push((k, x, x + w));
        x += w;
    }
    TabRow {
        title,
        from,
        to,
        days,
        labels,
    }
}

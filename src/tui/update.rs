//! The pure heart of the TUI: `update(&mut App, Action)` changes the state and returns the
//! effects (saves, exports) for the edge to carry out. No terminal, no files.

use super::action::{Action, Effect};
use super::app::{App, Mode};
use super::geometry::{Geometry, HEADER_H};
use super::timeline::ZOOMS;
use crate::agenda::{Op, Pick};
use crate::model::Kind;

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Quit => app.quit = true,
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            clamp_columns(app);
            ensure_visible(app);
        }
        Action::Tick(now) => app.clock = now,
        Action::Status(msg) => app.message = msg,
        Action::AgendaSaved(agenda) => {
            app.agenda = agenda;
            app.refresh_picks();
            clamp_agenda_cursor(app);
        }
        Action::ShowHelp => {
            app.mode = match app.mode {
                Mode::Help { .. } => Mode::Grid,
                _ => Mode::Help { scroll: 0 },
            }
        }
        other => match app.mode.clone() {
            Mode::Grid => grid(app, other, &mut effects),
            Mode::Detail { scroll } => detail(app, other, scroll, &mut effects),
            Mode::Agenda { cursor } => agenda(app, other, cursor, &mut effects),
            Mode::Help { scroll } => help(app, other, scroll),
            Mode::Search => search(app, other),
            Mode::Export { path } => export(app, other, path, &mut effects),
        },
    }
    effects
}

fn grid(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    match action {
        Action::Left => sideways(app, false),
        Action::Right => sideways(app, true),
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => page(app, -1),
        Action::PageDown => page(app, 1),
        Action::Home => select_nth(app, Some(0)),
        Action::End => select_nth(app, None),
        Action::NextDay => switch_day(app, 1),
        Action::PrevDay => switch_day(app, -1),
        Action::ZoomIn | Action::ZoomOut => {
            let z = if action == Action::ZoomIn {
                app.zoom.saturating_sub(1)
            } else {
                (app.zoom + 1).min(ZOOMS.len() - 1)
            };
            app.zoom = z;
            app.relayout();
            app.message = format!("{} minutes per row", app.per_row());
            ensure_visible(app);
        }
        Action::ToggleFold => {
            app.fold = !app.fold;
            app.relayout();
            app.message = if app.fold {
                "long empty stretches folded (z to unfold)".into()
            } else {
                "empty stretches shown in full".into()
            };
            ensure_visible(app);
        }
        Action::JumpNow => jump_now(app),
        Action::Open if app.selected.is_some() => {
            app.mode = Mode::Detail { scroll: 0 };
        }
        Action::Close if !app.query.is_empty() => {
            app.query.clear();
            app.matches.clear();
            app.message = "search cleared".into();
        }
        Action::TogglePick => toggle_pick(app, effects),
        Action::ShowAgenda => {
            let cursor = app
                .selected
                .and_then(|i| {
                    app.plan
                        .picks
                        .iter()
                        .position(|p| p.id == app.session(i).id)
                })
                .unwrap_or(0);
            app.mode = Mode::Agenda { cursor };
        }
        Action::StartSearch => {
            app.mode = Mode::Search;
            app.query.clear();
            app.matches.clear();
            app.earlier_matches.clear();
        }
        Action::NextMatch => next_match(app, true, false),
        Action::PrevMatch => next_match(app, false, false),
        Action::StartExport => start_export(app),
        Action::Click { x, y } => click(app, x, y),
        Action::ScrollUp => app.scroll_row = app.scroll_row.saturating_sub(3),
        Action::ScrollDown => {
            let max = app
                .timeline()
                .rows()
                .saturating_sub(usize::from(Geometry::of(app).body_h));
            app.scroll_row = (app.scroll_row + 3).min(max);
        }
        _ => {}
    }
}

fn detail(app: &mut App, action: Action, scroll: u16, effects: &mut Vec<Effect>) {
    let page = Geometry::of(app).height.saturating_sub(4).max(1);
    let scroll = match action {
        Action::Up | Action::ScrollUp => scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll.saturating_add(page),
        Action::TogglePick => {
            toggle_pick(app, effects);
            scroll
        }
        Action::Close | Action::Open => {
            app.mode = Mode::Grid;
            return;
        }
        _ => scroll,
    };
    app.mode = Mode::Detail { scroll };
}

fn agenda(app: &mut App, action: Action, cursor: usize, effects: &mut Vec<Effect>) {
    let n = app.plan.picks.len();
    match action {
        Action::Up | Action::ScrollUp => {
            app.mode = Mode::Agenda {
                cursor: cursor.saturating_sub(1),
            }
        }
        Action::Down | Action::ScrollDown => {
            app.mode = Mode::Agenda {
                cursor: (cursor + 1).min(n.saturating_sub(1)),
            }
        }
        Action::Close | Action::ShowAgenda => app.mode = Mode::Grid,
        Action::StartExport => start_export(app),
        Action::Open => {
            let Some(p) = app.plan.picks.get(cursor) else {
                return;
            };
            match app.by_id.get(&p.id).copied() {
                Some(i) => {
                    select_session(app, i);
                    app.mode = Mode::Grid;
                }
                None => app.message = "that talk is no longer in the schedule".into(),
            }
        }
        Action::TogglePick => {
            let Some(p) = app.plan.picks.get(cursor) else {
                return;
            };
            let (id, title) = (p.id.clone(), p.title.clone());
            let op = Op::Unpick(id);
            op.apply(&mut app.agenda);
            app.refresh_picks();
            clamp_agenda_cursor(app);
            app.message = format!("unpicked {title}");
            effects.push(Effect::Save(op));
        }
        _ => {}
    }
}

fn clamp_agenda_cursor(app: &mut App) {
    if let Mode::Agenda { cursor } = app.mode {
        app.mode = Mode::Agenda {
            cursor: cursor.min(app.plan.picks.len().saturating_sub(1)),
        };
    }
}

fn help(app: &mut App, action: Action, scroll: u16) {
    app.mode = match action {
        Action::Up | Action::ScrollUp => Mode::Help {
            scroll: scroll.saturating_sub(1),
        },
        Action::Down | Action::ScrollDown => Mode::Help {
            scroll: scroll.saturating_add(1),
        },
        Action::Close => Mode::Grid,
        _ => Mode::Help { scroll },
    };
}

fn search(app: &mut App, action: Action) {
    match action {
        Action::Input(c) => {
            // A longer query matches a subset: look only among the current matches.
            let narrow_from = (!app.query.is_empty()).then(|| app.matches.clone());
            app.earlier_matches.push(std::mem::take(&mut app.matches));
            app.query.push(c);
            refresh_matches(app, narrow_from);
        }
        Action::Backspace if app.query.pop().is_some() => {
            app.matches = app.earlier_matches.pop().unwrap_or_default();
        }
        Action::Submit => {
            app.mode = Mode::Grid;
            if app.query.is_empty() {
                return;
            }
            next_match(app, true, true);
        }
        Action::Close => {
            app.query.clear();
            app.matches.clear();
            app.earlier_matches.clear();
            app.mode = Mode::Grid;
        }
        _ => {}
    }
}

fn refresh_matches(app: &mut App, within: Option<super::app::Matches>) {
    let needle = app.query.to_lowercase();
    let sessions = &app.schedule.sessions;
    app.matches = match within {
        _ if needle.is_empty() => Default::default(),
        Some(prev) => prev
            .into_iter()
            .filter(|&i| sessions[i].matches(&needle))
            .collect(),
        None => sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.matches(&needle))
            .map(|(i, _)| i)
            .collect(),
    };
}

/// Selects the next (or previous) match in time order, wrapping around. `inclusive`: the
/// selection itself counts when it matches (Enter in the search line).
fn next_match(app: &mut App, forward: bool, inclusive: bool) {
    if app.query.is_empty() {
        app.message = "no search: press / to search".into();
        return;
    }
    if app.matches.is_empty() {
        app.message = format!("no session matches \"{}\"", app.query);
        return;
    }
    let n = app.schedule.sessions.len();
    let from = app.selected.unwrap_or(0);
    // Offsets from the selection: 0 first when inclusive; n last (itself again) when not.
    let offsets = if inclusive { 0..n } else { 1..n + 1 };
    let found = offsets
        .map(|k| {
            let i = if forward {
                (from + k) % n
            } else {
                (from + n - k % n) % n
            };
            (k, i)
        })
        .find(|(_, i)| app.matches.contains(i));
    let Some((k, i)) = found else { return };
    let wrapped = if forward {
        from + k >= n || k == n
    } else {
        k > from || k == n
    };
    select_session(app, i);
    app.message = format!(
        "{} match{} for \"{}\"{}",
        app.matches.len(),
        if app.matches.len() == 1 { "" } else { "es" },
        app.query,
        if wrapped { " (wrapped around)" } else { "" }
    );
}

fn start_export(app: &mut App) {
    // `~` is expanded by the edge when writing; update reads no environment.
    let path = format!(
        "~/{}-agenda.ics",
        crate::text::slug(&app.schedule.conference.id)
    );
    app.mode = Mode::Export { path };
}

fn export(app: &mut App, action: Action, mut path: String, effects: &mut Vec<Effect>) {
    match action {
        Action::Input(c) => path.push(c),
        Action::Backspace => {
            path.pop();
        }
        Action::Submit => {
            app.mode = Mode::Grid;
            if !path.trim().is_empty() {
                effects.push(Effect::Export {
                    path: path.trim().to_string(),
                });
            }
            return;
        }
        Action::Close => {
            app.mode = Mode::Grid;
            app.message = "export cancelled".into();
            return;
        }
        _ => {}
    }
    app.mode = Mode::Export { path };
}

fn toggle_pick(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = "nothing selected".into();
        return;
    };
    let s = app.session(i);
    let (title, op) = if app.agenda.is_picked(&s.id) {
        (format!("unpicked {}", s.title), Op::Unpick(s.id.clone()))
    } else {
        (
            format!("picked {}", s.title),
            Op::Pick(Pick::of(s, app.clock)),
        )
    };
    op.apply(&mut app.agenda);
    app.refresh_picks();
    let clash = app.clashing.contains(&i);
    app.message = if clash {
        format!("{title} — it clashes with another pick")
    } else {
        title
    };
    effects.push(Effect::Save(op));
}

// ---- moving around the grid ----

fn column_sessions(app: &App, column: usize) -> &[usize] {
    app.day_index()
        .and_then(|d| d.columns.get(column))
        .map_or(&[][..], |c| c.sessions.as_slice())
}

fn minute_of(app: &App, i: usize) -> (i64, i64) {
    let s = app.session(i);
    app.day_index()
        .map_or((0, 0), |d| (d.minute(&s.start), d.minute(&s.end)))
}

/// Selects a session: switches day and column if needed, and scrolls it into view.
pub(crate) fn select_session(app: &mut App, i: usize) {
    let day = app.session(i).day;
    if app.day_index().is_none_or(|d| d.date != day)
        && let Some(k) = app.days.iter().position(|d| d.date == day)
    {
        app.day = k;
        app.relayout();
    }
    if let Some(c) = app.day_index().and_then(|d| d.column_of(&app.schedule, i)) {
        app.column = c;
    }
    app.selected = Some(i);
    ensure_visible(app);
}

fn step(app: &mut App, dir: isize) {
    let list = column_sessions(app, app.column);
    if list.is_empty() {
        return;
    }
    let next = match app.selected.and_then(|s| list.iter().position(|&x| x == s)) {
        Some(p) => p.checked_add_signed(dir).filter(|&p| p < list.len()),
        None => {
            // Nothing in this column selected: start from the top of the view.
            let m = app.timeline().minute_at(app.scroll_row);
            Some(
                list.iter()
                    .position(|&x| minute_of(app, x).1 > m)
                    .unwrap_or(0),
            )
        }
    };
    if let Some(p) = next {
        let i = list[p];
        app.selected = Some(i);
        ensure_visible(app);
    }
}

fn select_nth(app: &mut App, nth: Option<usize>) {
    let list = column_sessions(app, app.column);
    let pick = match nth {
        Some(n) => list.get(n),
        None => list.last(),
    };
    if let Some(&i) = pick {
        app.selected = Some(i);
        ensure_visible(app);
    }
}

fn page(app: &mut App, dir: i64) {
    let rows = i64::from(Geometry::of(app).body_h.max(2) - 1);
    let delta = rows * app.per_row() * dir;
    let list = column_sessions(app, app.column);
    let Some(&first) = list.first() else { return };
    let from = app
        .selected
        .map_or(minute_of(app, first).0, |s| minute_of(app, s).0);
    let target = from + delta;
    let found = if dir > 0 {
        list.iter()
            .copied()
            .find(|&x| minute_of(app, x).0 >= target)
            .or(list.last().copied())
    } else {
        list.iter()
            .rev()
            .copied()
            .find(|&x| minute_of(app, x).0 <= target)
            .or(Some(first))
    };
    app.selected = found;
    // Scroll by a page even when the selection cannot move that far.
    let scroll = i64::try_from(app.scroll_row).unwrap_or(0) + rows * dir;
    let max = app
        .timeline()
        .rows()
        .saturating_sub(usize::from(Geometry::of(app).body_h));
    app.scroll_row = usize::try_from(scroll.max(0)).unwrap_or(0).min(max);
    ensure_visible(app);
}

/// Moves to the neighbouring room's session that overlaps the selected time, skipping rooms
/// with nothing then.
fn sideways(app: &mut App, right: bool) {
    let Some(day) = app.day_index() else { return };
    let ncols = day.columns.len();
    let (s, e) = app.selected.map_or_else(
        || {
            let m = app.timeline().minute_at(app.scroll_row);
            (m, m + 1)
        },
        |i| minute_of(app, i),
    );
    let mid = (s, e.max(s + 1));
    let mut c = app.column;
    loop {
        c = match (right, c) {
            (true, c) if c + 1 < ncols => c + 1,
            (false, c) if c > 0 => c - 1,
            _ => {
                app.message = "no session there at this time".into();
                return;
            }
        };
        let best = column_sessions(app, c)
            .iter()
            .copied()
            .filter(|&x| app.session(x).kind != Kind::Plenary || Some(x) == app.selected)
            .map(|x| {
                let (xs, xe) = minute_of(app, x);
                (crate::agenda::overlap::overlap(mid, (xs, xe)), x)
            })
            .filter(|(o, _)| *o > 0)
            .max_by_key(|(o, x)| (*o, std::cmp::Reverse(*x)));
        if let Some((_, x)) = best {
            app.column = c;
            app.selected = Some(x);
            ensure_visible(app);
            return;
        }
    }
}

fn switch_day(app: &mut App, dir: isize) {
    let n = app.days.len();
    if n < 2 {
        app.message = "the schedule has one day".into();
        return;
    }
    let time = app.selected.map(|i| app.session(i).start.time());
    app.day = (app.day as isize + dir).rem_euclid(n as isize) as usize;
    app.relayout();
    clamp_columns(app);
    let list = column_sessions(app, app.column);
    let pick = time
        .and_then(|t| {
            list.iter()
                .copied()
                .find(|&x| app.session(x).end.time() > t)
        })
        .or_else(|| list.first().copied());
    app.selected = pick;
    app.scroll_row = 0;
    ensure_visible(app);
}

fn jump_now(app: &mut App) {
    let now = app.now();
    let Some(k) = app.days.iter().position(|d| {
        let (first, last) = d
            .spans
            .iter()
            .fold((i64::MAX, i64::MIN), |(a, b), &(_, s, e)| {
                (a.min(s), b.max(e))
            });
        let m = d.minute(&now);
        d.date == now.date() || (first <= m && m < last)
    }) else {
        app.message = format!(
            "now ({}) is not during the conference; try --now {}T10:00",
            now.wall().format("%Y-%m-%d %H:%M"),
            app.days
                .first()
                .map_or("2012-03-09".into(), |d| d.date.to_string())
        );
        return;
    };
    if app.day != k {
        app.day = k;
        app.relayout();
        clamp_columns(app);
    }
    let m = app.days[k].minute(&now);
    let list = column_sessions(app, app.column);
    let pick = list
        .iter()
        .copied()
        .find(|&x| minute_of(app, x).1 > m)
        .or_else(|| list.last().copied());
    app.selected = pick;
    app.message = format!("now is {}", now.wall().format("%a %H:%M"));
    ensure_visible(app);
    // Show the now line, not just the session.
    let row = app.timeline().row_of(m);
    let body = usize::from(Geometry::of(app).body_h);
    if row < app.scroll_row || row >= app.scroll_row + body {
        app.scroll_row = row.saturating_sub(body / 3);
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let g = Geometry::of(app);
    if y < HEADER_H || y >= HEADER_H + g.body_h {
        return;
    }
    let Some(rel) = g.col_at(x) else { return };
    let column = app.scroll_col + rel;
    let row = app.scroll_row + usize::from(y - HEADER_H);
    let m = app.timeline().minute_at(row);
    let tl = app.timeline();
    let hit = column_sessions(app, column).iter().copied().find(|&i| {
        let (s, e) = minute_of(app, i);
        tl.row_of(s) <= row && row < tl.row_end(e).max(tl.row_of(s) + 1)
    });
    if column < app.day_index().map_or(0, |d| d.columns.len()) {
        app.column = column;
    }
    match hit {
        Some(i) => {
            app.selected = Some(i);
            ensure_visible(app);
        }
        None => {
            app.message = format!(
                "nothing in {} at {}",
                app.day_index()
                    .and_then(|d| d.columns.get(column))
                    .map_or("?", |c| c.name.as_str()),
                app.day_index().map_or(String::new(), |d| d
                    .base_stamp
                    .plus_minutes(m)
                    .time()
                    .format("%H:%M")
                    .to_string())
            )
        }
    }
}

fn clamp_columns(app: &mut App) {
    let n = app.day_index().map_or(0, |d| d.columns.len());
    app.column = app.column.min(n.saturating_sub(1));
}

/// Scrolls so the selected session (and its column) are on screen.
pub(crate) fn ensure_visible(app: &mut App) {
    let g = Geometry::of(app);
    let body = usize::from(g.body_h.max(1));
    let rows = app.timeline().rows();
    if let Some(i) = app.selected {
        let (s, e) = minute_of(app, i);
        let top = app.timeline().row_of(s);
        let bottom = app.timeline().row_end(e).max(top + 1);
        if top < app.scroll_row {
            app.scroll_row = top;
        } else if bottom > app.scroll_row + body {
            app.scroll_row = bottom.saturating_sub(body).min(top);
        }
    }
    app.scroll_row = app.scroll_row.min(rows.saturating_sub(body));
    if app.column < app.scroll_col {
        app.scroll_col = app.column;
    } else if app.column >= app.scroll_col + g.visible_cols {
        app.scroll_col = app.column + 1 - g.visible_cols;
    }
    let ncols = app.day_index().map_or(0, |d| d.columns.len());
    app.scroll_col = app.scroll_col.min(ncols.saturating_sub(g.visible_cols));
}

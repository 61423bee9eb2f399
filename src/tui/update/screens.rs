//! The screens in front of the grid: a session's details and the help (pages that scroll), and
//! my agenda (a list of picks with a cursor).

use super::{nav, toggle_pick};
use crate::agenda::{Op, Pick, Standing};
use crate::tui::action::{Command, Effect};
use crate::tui::agenda_rows::Row;
use crate::tui::app::{App, Mode};
use crate::tui::geometry::Geometry;
use crate::tui::pages;
use crate::tui::said::Said;

pub(super) fn detail(app: &mut App, c: Command, scroll: usize, effects: &mut Vec<Effect>) {
    let page = usize::from(Geometry::of(app).height.saturating_sub(4)).max(1);
    let scroll = match c {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        Command::HalfPageUp => scroll.saturating_sub(page / 2),
        Command::HalfPageDown => scroll.saturating_add(page / 2),
        Command::Home => 0,
        // The end of the text: its rows are made that far once, a line at a time.
        Command::End => usize::MAX / 4,
        Command::TogglePick => {
            toggle_pick(app, effects);
            scroll
        }
        Command::Must | Command::Want | Command::Maybe => {
            super::selected_priority(app, c, effects);
            scroll
        }
        Command::Close | Command::Open => {
            app.mode = Mode::Grid;
            return;
        }
        Command::Missed => {
            super::missed::start(app, effects);
            return;
        }
        _ => scroll,
    };
    let scroll = pages::scroll_detail(app, scroll);
    app.mode = Mode::Detail { scroll };
}

pub(super) fn help(app: &mut App, c: Command, scroll: u16) {
    let max = pages::help_max_scroll(app);
    let scroll = scroll.min(max);
    let page = super::list::page(app);
    if let Some(to) = super::list::moved(c, usize::from(scroll), usize::from(max) + 1, page) {
        app.mode = Mode::Help {
            scroll: u16::try_from(to).unwrap_or(max),
        };
        return;
    }
    if c == Command::StartFilter {
        super::filter::start(app);
        return;
    }
    app.mode = match c {
        Command::Close => {
            app.clear_list_filter();
            Mode::Grid
        }
        _ => Mode::Help { scroll },
    };
}

/// My agenda, its cursor on the selected session's pick (else the first).
pub(super) fn open_agenda(app: &mut App) {
    app.clear_list_filter();
    let cursor = app
        .selected
        .and_then(|i| {
            app.overview()
                .picks
                .iter()
                .position(|p| p.id == app.session(i).id)
        })
        .unwrap_or(0);
    app.mode = Mode::Agenda { cursor };
}

pub(super) fn agenda(app: &mut App, c: Command, cursor: usize, effects: &mut Vec<Effect>) {
    // A page: the lines the agenda shows, less the three kept below the cursor.
    let page = usize::from(Geometry::of(app).height.saturating_sub(5)).max(1);
    let at = app.agenda_rows.line_of_pick(cursor);
    let to = |cursor: usize| Mode::Agenda { cursor };
    // The cursor walks the picks shown (all, unless `/` narrowed them).
    let shown = app.agenda_rows.shown().to_vec();
    let pos = app.agenda_rows.position(cursor);
    let at_pos = |p: usize| to(shown.get(p).copied().unwrap_or(cursor));
    match c {
        Command::Up | Command::Down | Command::Home | Command::End => {
            app.mode = at_pos(super::list::moved(c, pos, shown.len(), 1).unwrap_or(pos));
        }
        Command::HalfPageUp | Command::HalfPageDown => {
            let half = super::list::page(app) / 2;
            app.mode = at_pos(super::list::moved(c, pos, shown.len(), half * 2).unwrap_or(pos));
        }
        Command::PageDown => {
            let next = app.agenda_rows.pick_from_line(at + page).unwrap_or(cursor);
            let p = app.agenda_rows.position(next).max(pos + 1);
            app.mode = at_pos(p.min(shown.len().saturating_sub(1)));
        }
        Command::PageUp => {
            let back = app
                .agenda_rows
                .pick_from_line(at.saturating_sub(page))
                .unwrap_or(cursor);
            let p = app.agenda_rows.position(back).min(pos.saturating_sub(1));
            app.mode = at_pos(p);
        }
        Command::StartFilter => super::filter::start(app),
        Command::Close | Command::ShowAgenda => {
            app.clear_list_filter();
            app.mode = Mode::Grid;
        }
        Command::StartExport => super::prompt::start_export(app, false),
        Command::StartPlanExport => super::prompt::start_export(app, true),
        Command::Open => {
            let Some(p) = app.overview().picks.get(cursor) else {
                return;
            };
            match app.index_of(&p.id) {
                Some(i) => {
                    nav::show_session(app, i);
                }
                None => app.message = Said::NoLongerInSchedule,
            }
        }
        Command::AcceptMove => accept_move(app, cursor, effects),
        Command::ShowFits => {
            // The free stretch after the cursor's pick, before the next pick.
            let from = app.agenda_rows.line_of_pick(cursor);
            let gap = app
                .agenda_rows
                .from_line(from + 1)
                .map(|(_, row)| row)
                .take_while(|row| !matches!(row, Row::Pick(_)))
                .find_map(|row| match row {
                    Row::Gap { start, end } => Some((start, end)),
                    _ => None,
                });
            match gap {
                Some((start, end)) => {
                    app.clear_list_filter();
                    app.mode = Mode::Fits {
                        start,
                        end,
                        cursor: 0,
                        back: Box::new(Mode::Agenda { cursor }),
                    }
                }
                None => app.message = Said::NoFreeTimeAfter,
            }
        }
        Command::Must | Command::Want | Command::Maybe => {
            let (Some(p), Some(level)) =
                (app.overview().picks.get(cursor), super::priority::level(c))
            else {
                return;
            };
            let id = p.id.clone();
            let session = app.index_of(&id);
            super::priority::set(app, &id, session, level, effects);
        }
        Command::TogglePick => {
            let Some(p) = app.overview().picks.get(cursor) else {
                return;
            };
            let (id, title) = (p.id.clone(), p.title.clone());
            let op = Op::Unpick(id);
            super::undo::apply(app, &op);
            clamp_agenda_cursor(app);
            app.message = Said::Unpicked { title };
            effects.push(Effect::Save(op));
        }
        _ => {}
    }
}

/// A moved pick takes its session's new time and room.
fn accept_move(app: &mut App, cursor: usize, effects: &mut Vec<Effect>) {
    let Some(p) = app.overview().picks.get(cursor) else {
        return;
    };
    if !matches!(p.state, Standing::Moved { .. }) {
        app.message = Said::NotMoved;
        return;
    }
    let Some(i) = app.index_of(&p.id) else {
        return;
    };
    let op = Op::Update(Pick::of(app.session(i), app.clock.to_utc()));
    super::undo::apply(app, &op);
    app.message = Said::TookNewPlace {
        title: app.session(i).title.to_string(),
    };
    effects.push(Effect::Save(op));
}

pub(super) fn clamp_agenda_cursor(app: &mut App) {
    app.clamp_agenda_cursor();
}

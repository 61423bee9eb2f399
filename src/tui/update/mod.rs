//! The pure heart of the TUI: `update(&mut App, Action)` changes the state and returns the
//! effects (saves, exports) for the edge to carry out. No terminal, no files.

mod nav;
mod search;

use nav::{clamp_columns, click, jump_now, page, select_nth, sideways, step, switch_day};
pub(crate) use nav::{day_of_now, ensure_visible, select_session};
use search::{next_match, search};

use super::action::{Action, Effect};
use super::app::{App, Mode};
use super::geometry::Geometry;
use super::line::{Edit, LineEdit};
use super::timeline::ZOOMS;
use crate::agenda::{Op, Pick};

/// Whether an action may act while the screen is too small to show anything: quitting, help,
/// a new size and what the edge reports; keys that would move or pick behind the "too small"
/// message do nothing.
fn acts_when_too_small(action: &Action) -> bool {
    matches!(
        action,
        Action::Quit
            | Action::ShowHelp
            | Action::Suspend
            | Action::Resize { .. }
            | Action::Tick(_)
            | Action::Status(_)
            | Action::AgendaSaved(_)
            | Action::AskReplace(_)
            | Action::ExportFailed { .. }
    )
}

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if Geometry::of(app).too_small() && !acts_when_too_small(&action) {
        return effects;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => effects.push(Effect::Suspend),
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
        Action::AskReplace(path) => {
            app.mode = Mode::ConfirmReplace { path };
        }
        Action::ExportFailed { path, message } => {
            app.message = message;
            app.mode = Mode::Export { path: path.into() };
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
            Mode::ConfirmReplace { path } => confirm_replace(app, other, path, &mut effects),
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
    let scroll = scroll.min(super::view::detail::max_scroll(app));
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
        Action::AcceptMove => accept_move(app, cursor, effects),
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

/// A moved pick takes its session's new time and room.
fn accept_move(app: &mut App, cursor: usize, effects: &mut Vec<Effect>) {
    let Some(p) = app.plan.picks.get(cursor) else {
        return;
    };
    if !matches!(p.state, crate::agenda::PickState::Moved { .. }) {
        app.message = "this pick has not moved".into();
        return;
    }
    let Some(&i) = app.by_id.get(&p.id) else {
        return;
    };
    let op = Op::Update(Pick::of(app.session(i), app.clock.to_utc()));
    op.apply(&mut app.agenda);
    app.refresh_picks();
    app.message = format!("{} now at its new time and room", app.session(i).title);
    effects.push(Effect::Save(op));
}

fn clamp_agenda_cursor(app: &mut App) {
    if let Mode::Agenda { cursor } = app.mode {
        app.mode = Mode::Agenda {
            cursor: cursor.min(app.plan.picks.len().saturating_sub(1)),
        };
    }
}

fn help(app: &mut App, action: Action, scroll: u16) {
    let body = app.height.saturating_sub(super::status::rows(app));
    let max = super::view::help::max_scroll(app.width, body);
    let scroll = scroll.min(max);
    app.mode = match action {
        Action::Up | Action::ScrollUp => Mode::Help {
            scroll: scroll.saturating_sub(1),
        },
        Action::Down | Action::ScrollDown => Mode::Help {
            scroll: scroll.saturating_add(1).min(max),
        },
        Action::Close => Mode::Grid,
        _ => Mode::Help { scroll },
    };
}

fn start_export(app: &mut App) {
    // `~` is expanded by the edge when writing; update reads no environment.
    let path = format!(
        "~/{}-agenda.ics",
        crate::text::slug(&app.schedule.conference.id)
    );
    app.mode = Mode::Export { path: path.into() };
}

fn export(app: &mut App, action: Action, mut path: LineEdit, effects: &mut Vec<Effect>) {
    let edit = match action {
        Action::Input(c) => Edit::Insert(c),
        Action::Backspace => Edit::Backspace,
        Action::Edit(e) => e,
        Action::Submit => {
            app.mode = Mode::Grid;
            if !path.text().trim().is_empty() {
                effects.push(Effect::Export {
                    path: path.text().trim().to_string(),
                    replace: false,
                });
            }
            return;
        }
        Action::Close => {
            app.mode = Mode::Grid;
            app.message = "export cancelled".into();
            return;
        }
        _ => {
            app.mode = Mode::Export { path };
            return;
        }
    };
    path.apply(edit);
    app.mode = Mode::Export { path };
}

/// "Replace it?": `y` exports over the file, anything that cancels goes back to the path to
/// change it.
fn confirm_replace(app: &mut App, action: Action, path: String, effects: &mut Vec<Effect>) {
    match action {
        Action::Confirm => {
            app.mode = Mode::Grid;
            effects.push(Effect::Export {
                path,
                replace: true,
            });
        }
        Action::Close => {
            app.message = "not replaced: change the name, or Esc to cancel".into();
            app.mode = Mode::Export { path: path.into() };
        }
        _ => app.mode = Mode::ConfirmReplace { path },
    }
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
            Op::Pick(Pick::of(s, app.clock.to_utc())),
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

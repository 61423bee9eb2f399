//! The pure heart of the TUI: `update(&mut App, Action)` changes the state and returns the
//! effects (saves, exports, suspending) for the edge to carry out. No terminal, no files, no
//! clock: what it needs of those comes in as actions.

mod act;
mod changes;
mod choose;
mod event;
mod filter;
mod filters;
mod goto;
mod list;
pub(super) mod missed;
mod nav;
mod priority;
mod prompt;
mod rooms;
mod screens;
mod search;
mod undo;

use nav::show_session;
use nav::{clamp_columns, click, ensure_visible, jump_now, page, select_nth, select_session};
use nav::{sideways, step, switch_day};

use super::action::{Action, Command, Effect};
use super::app::{App, Mode};
use super::geometry::Geometry;
use super::timeline::ZOOMS;
use crate::agenda::{Op, Pick};
use crate::tui::said::Said;

/// Whether an action may act while the screen is too small to show anything: quitting, help,
/// a new size and what the edge reports; keys that would move or pick behind the "too small"
/// message do nothing.
fn acts_when_too_small(action: &Action) -> bool {
    matches!(
        action,
        Action::Do(Command::Quit | Command::ShowHelp | Command::Suspend)
            | Action::Resize { .. }
            | Action::Tick(_)
            | Action::Select(_)
            | Action::StartAtNow
            | Action::Opening { .. }
            | Action::Status(_)
            | Action::AgendaSaved(_)
            | Action::AskReplace(_)
            | Action::Refreshed { .. }
            | Action::CacheRebuilt { .. }
            | Action::ExportFailed { .. }
    )
}

/// Applies one action. A problem or warnings said in a message longer than the status line
/// open in full at once.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let before = app.message.clone();
    let effects = apply(app, action);
    // A change the last refresh marked is seen once selected.
    if let Some(i) = app.selected
        && !app.fresh.is_empty()
    {
        app.fresh.remove(&i);
    }
    let typing = matches!(
        app.mode,
        Mode::Search
            | Mode::Export { .. }
            | Mode::Room { .. }
            | Mode::Goto { .. }
            | Mode::NewEvent { .. }
            | Mode::Filter { .. }
            | Mode::ConfirmReplace { .. }
            | Mode::Message { .. }
    );
    if app.message != before
        && app.message.is_report()
        && !typing
        && !Geometry::of(app).too_small()
        && super::status::overflows(app)
    {
        open_message(app);
    }
    effects
}

/// The message in full over the screen it was said on.
fn open_message(app: &mut App) {
    let back = Box::new(std::mem::replace(&mut app.mode, Mode::Grid));
    app.mode = Mode::Message { scroll: 0, back };
}

/// A key in the message view: scroll, or back (the message said and read, the line clears).
fn message_view(app: &mut App, c: Command, scroll: usize, back: Box<Mode>) {
    let max = crate::tui::pages::message_max_scroll(app);
    if let Some(scroll) = list::moved(c, scroll, max + 1, list::page(app)) {
        app.mode = Mode::Message { scroll, back };
        return;
    }
    app.mode = match c {
        Command::Close | Command::Open | Command::ShowMessage => {
            app.message = Said::Nothing;
            *back
        }
        _ => Mode::Message { scroll, back },
    };
}

/// [`update`] of one action, before a long report opens.
fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if Geometry::of(app).too_small() && !acts_when_too_small(&action) {
        return effects;
    }
    match action {
        Action::Do(c) => command(app, c, &mut effects),
        Action::Input(c) => match app.mode.clone() {
            Mode::Search => search::edit(app, super::line::Edit::Insert(c)),
            Mode::Export { path } => prompt::edit(app, path, super::line::Edit::Insert(c)),
            Mode::Room { mut name } => {
                name.apply(super::line::Edit::Insert(c));
                app.mode = Mode::Room { name };
            }
            Mode::Goto { mut line } => {
                line.apply(super::line::Edit::Insert(c));
                app.mode = Mode::Goto { line };
            }
            Mode::NewEvent {
                mut line,
                start,
                end,
            } => {
                line.apply(super::line::Edit::Insert(c));
                app.mode = Mode::NewEvent { line, start, end };
            }
            Mode::Filter { line, back } => {
                filter::edit(app, line, *back, super::line::Edit::Insert(c))
            }
            _ => {}
        },
        Action::Click { x, y } if app.mode == Mode::Grid => click(app, x, y),
        Action::Click { .. } => {}
        Action::ScrollUp | Action::ScrollDown => {
            scroll(app, action == Action::ScrollUp, &mut effects)
        }
        Action::ScrollLeft | Action::ScrollRight if app.mode == Mode::Grid => {
            sideways(app, action == Action::ScrollRight);
        }
        Action::ScrollLeft | Action::ScrollRight => {}
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            clamp_columns(app);
            ensure_visible(app);
            if let Mode::Detail { scroll } = app.mode {
                // The text's rows at the new width, as far as the page was scrolled.
                let scroll = crate::tui::pages::scroll_detail(app, scroll);
                app.mode = Mode::Detail { scroll };
            }
        }
        Action::Tick(now) => {
            app.clock = now;
            filters::follow_clock(app);
            let next = crate::agenda::remind::upcoming(&app.planner, app.remind_before, app.now());
            let new = next
                .as_ref()
                .is_some_and(|r| app.reminder.as_ref().is_none_or(|o| o.key != r.key));
            if new && app.bell {
                effects.push(Effect::Bell);
            }
            app.reminder = next;
        }
        Action::Select(id) => {
            if let Some(i) = app.index_of(&id) {
                select_session(app, i);
            }
        }
        Action::StartAtNow => start_at_now(app),
        Action::Opening { warnings, problem } => app.message = opening(app, warnings, problem),
        Action::Status(msg) => app.message = msg,
        Action::AgendaSaved(agenda) => {
            // Mostly the agenda the TUI already has (its own change, saved): rebuilt only when
            // another copy of lineup changed picks.
            app.set_agenda(agenda);
            filters::follow_picks(app);
            screens::clamp_agenda_cursor(app);
        }
        Action::SearchReady { index, schedule } => {
            if std::sync::Arc::ptr_eq(&schedule, app.schedule()) {
                app.search_index = Some(index);
                if app.searching {
                    app.earlier_matches.clear();
                    search::refresh_matches(app, None);
                }
            }
        }
        Action::Refreshed {
            schedule,
            report,
            message,
        } => changes::finished(app, schedule, report, message),
        Action::CacheRebuilt { schedule, message } => {
            // The same copy read again: not fetched now.
            let fetched = app.fetched;
            changes::finished(app, schedule, None, message);
            app.fetched = fetched;
        }
        Action::AskReplace(path) => app.mode = Mode::ConfirmReplace { path },
        Action::ExportFailed { path, reason } => {
            app.message = Said::ExportFailed { reason };
            app.mode = Mode::Export { path: path.into() };
        }
    }
    effects
}

/// Shows the times in the `k`-th of the app's zones (the same instants; the selection, picks
/// and search follow), and returns the schedule as now shown, for the edge's exports.
pub fn show_zone(app: &mut App, k: usize) -> Option<std::sync::Arc<crate::model::Schedule>> {
    let wanted = *app.zones.get(k)?;
    // Made from the times as read: the venue's need no zone name to come back to.
    let mut shown = (*app.as_read).clone();
    if let Some(tz) = wanted
        && !shown.show_in(tz)
    {
        app.message = Said::CannotShowZone;
        return None;
    }
    app.zone = k;
    app.retime(shown);
    app.message = Said::ZoneShown { zone: wanted };
    Some(std::sync::Arc::clone(app.schedule()))
}

/// A command in the mode it was given in.
fn command(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    match c {
        Command::Quit => app.quit = true,
        Command::Suspend => effects.push(Effect::Suspend),
        Command::Refresh => changes::start(app, effects),
        Command::Undo => undo::undo(app, effects),
        Command::OpenUrl => act::open_url(app, effects),
        Command::Copy => act::copy(app, effects),
        Command::ShowNow if !matches!(app.mode, Mode::NowNext { .. }) => {
            app.clear_list_filter();
            app.mode = Mode::NowNext { cursor: 0 };
        }
        Command::ShowPlan if !matches!(app.mode, Mode::Plan { .. }) => {
            app.clear_list_filter();
            app.mode = Mode::Plan { cursor: 0 };
        }
        Command::ShowHelp => {
            app.clear_list_filter();
            app.help_from = app.mode.context();
            app.mode = match app.mode {
                Mode::Help { .. } => Mode::Grid,
                _ => Mode::Help { scroll: 0 },
            }
        }
        Command::ShowMessage if !matches!(app.mode, Mode::Message { .. }) => {
            if !app.message.is_empty() {
                open_message(app);
            }
        }
        other => match app.mode.clone() {
            Mode::Message { scroll, back } => message_view(app, other, scroll, back),
            Mode::Grid => grid(app, other, effects),
            Mode::Detail { scroll } => screens::detail(app, other, scroll, effects),
            Mode::Agenda { cursor } => screens::agenda(app, other, cursor, effects),
            Mode::Help { scroll } => screens::help(app, other, scroll),
            Mode::Search => search::command(app, other),
            Mode::Export { path } => prompt::export(app, other, path, effects),
            Mode::Room { name } => rooms::command(app, other, name),
            Mode::Goto { line } => goto::command(app, other, line),
            Mode::NewEvent { line, start, end } => {
                event::command(app, other, (line, start, end), effects)
            }
            Mode::Filter { line, back } => filter::command(app, other, line, back),
            Mode::ConfirmReplace { path } => prompt::confirm_replace(app, other, path, effects),
            Mode::Changes { cursor } => changes::command(app, other, cursor, effects),
            Mode::Plan { cursor } => plan_view(app, other, cursor, effects),
            Mode::NowNext { cursor } => now_view(app, other, cursor),
            Mode::Choose { list, cursor } => choose::command(app, other, (list, cursor), effects),
            Mode::Fits {
                start,
                end,
                cursor,
                back,
            } => fits_view(app, other, (start, end), cursor, back),
            Mode::Alternatives { cursor } => missed::command(app, other, cursor, effects),
        },
    }
}

/// The mouse wheel: the grid scrolls three rows; pages and the agenda move as ↑/↓ do.
fn scroll(app: &mut App, up: bool, effects: &mut Vec<Effect>) {
    match app.mode {
        Mode::Grid => {
            let max = app
                .timeline()
                .rows()
                .saturating_sub(usize::from(Geometry::of(app).body_h));
            app.scroll_row = if up {
                app.scroll_row.saturating_sub(3)
            } else {
                (app.scroll_row + 3).min(max)
            };
        }
        Mode::Detail { .. }
        | Mode::Agenda { .. }
        | Mode::Help { .. }
        | Mode::Changes { .. }
        | Mode::Choose { .. }
        | Mode::Message { .. }
        | Mode::Plan { .. } => command(app, if up { Command::Up } else { Command::Down }, effects),
        _ => {}
    }
}

fn grid(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    match c {
        Command::Left => sideways(app, false),
        Command::Right => sideways(app, true),
        Command::Up => step(app, -1),
        Command::Down => step(app, 1),
        Command::PageUp => page(app, -1, false),
        Command::PageDown => page(app, 1, false),
        Command::HalfPageUp => page(app, -1, true),
        Command::HalfPageDown => page(app, 1, true),
        Command::StartGoto => {
            app.mode = Mode::Goto {
                line: Default::default(),
            }
        }
        Command::StartEvent => event::start(app),
        Command::Missed => missed::start(app, effects),
        Command::WatchSearch => watch_search(app, effects),
        Command::JumpBack => goto::retrace(app, true),
        Command::JumpForward => goto::retrace(app, false),
        Command::Home => select_nth(app, Some(0)),
        Command::End => select_nth(app, None),
        Command::NextDay => switch_day(app, 1),
        Command::PrevDay => switch_day(app, -1),
        Command::ZoomIn | Command::ZoomOut => {
            let zoom = if c == Command::ZoomIn {
                app.zoom.saturating_sub(1)
            } else {
                (app.zoom + 1).min(ZOOMS.len() - 1)
            };
            if zoom == app.zoom {
                app.message = Said::ZoomLimit {
                    finest: c == Command::ZoomIn,
                    minutes: app.per_row(),
                };
                return;
            }
            app.zoom = zoom;
            app.relayout();
            app.message = Said::MinutesPerRow {
                minutes: app.per_row(),
            };
            ensure_visible(app);
        }
        Command::ToggleFold => {
            app.fold = !app.fold;
            app.relayout();
            app.message = if app.fold {
                Said::Folded
            } else {
                Said::Unfolded
            };
            ensure_visible(app);
        }
        Command::JumpNow => {
            goto::leave_here(app);
            jump_now(app);
        }
        Command::Open if app.selected.is_some() => app.mode = Mode::Detail { scroll: 0 },
        Command::Close if !app.query.is_empty() => {
            app.query.clear();
            app.matches.clear();
            app.message = Said::SearchCleared;
        }
        Command::TogglePick => toggle_pick(app, effects),
        Command::Must | Command::Want | Command::Maybe => selected_priority(app, c, effects),
        Command::ShowAgenda => screens::open_agenda(app),
        Command::StartSearch => {
            app.mode = Mode::Search;
            app.query.clear();
            app.matches.clear();
            app.earlier_matches.clear();
        }
        Command::NextMatch => search::next_match(app, true),
        Command::PrevMatch => search::next_match(app, false),
        Command::StartExport => prompt::start_export(app, false),
        Command::StartRoomJump => {
            app.mode = Mode::Room {
                name: Default::default(),
            }
        }
        Command::StartPlanExport => prompt::start_export(app, true),
        Command::ChooseTracks => choose::open(app, super::app::Chooser::Tracks),
        Command::SwitchZone => {
            if app.zones.len() < 2 {
                app.message = Said::OnlyVenueZone;
            } else if let Some(s) = show_zone(app, (app.zone + 1) % app.zones.len()) {
                effects.push(Effect::Shown(s));
            }
        }
        Command::ChooseRooms => choose::open(app, super::app::Chooser::Rooms),
        Command::OnlyPicks => filters::toggle_picks(app),
        Command::OnlyNowNext => filters::toggle_now(app),
        Command::ChooseLanguages => choose::open(app, super::app::Chooser::Languages),
        Command::ChooseTypes => choose::open(app, super::app::Chooser::Types),
        _ => {}
    }
}

/// What the status line says as the screen opens: a file that could not be used, else the
/// schedule's warnings, else picks that left the schedule or moved, else which copy is shown.
fn opening(app: &App, warnings: Vec<String>, problem: Option<String>) -> Said {
    if let Some(reason) = problem {
        return Said::Problem { reason };
    }
    if let Some(first) = warnings.first() {
        return Said::Warnings {
            first: first.clone(),
            more: warnings.len() - 1,
        };
    }
    let counts = app.planner.counts();
    let moved = app
        .overview()
        .picks
        .iter()
        .filter(|p| matches!(p.state, crate::agenda::Standing::Moved { .. }))
        .count();
    match (
        counts.gone + counts.cancelled,
        moved,
        &app.refreshable,
        app.fetched,
    ) {
        (0, 0, Some(_), Some(at)) => Said::CopyFetched { at },
        (0, 0, _, _) => Said::Nothing,
        (0, count, _, _) => Said::PicksMoved { count },
        (count, _, _, _) => Said::PicksGone { count },
    }
}

/// Opens on now when now falls during the conference (the message stays what it was).
fn start_at_now(app: &mut App) {
    let now = app.now();
    if let Some(k) = nav::day_of_now(app, &now) {
        let message = std::mem::take(&mut app.message);
        nav::jump_now_on(app, k, &now);
        app.message = message;
    }
}

/// A key in the plan view.
fn plan_view(app: &mut App, c: Command, cursor: usize, effects: &mut Vec<Effect>) {
    let rows = super::plan_rows::rows(app);
    let id = rows.get(cursor).and_then(|r| r.id.clone());
    let gap = rows.get(cursor).and_then(|r| r.span);
    if let Some(cursor) = list::moved(c, cursor, rows.len(), list::page(app)) {
        app.mode = Mode::Plan { cursor };
        return;
    }
    match c {
        Command::StartFilter => filter::start(app),
        Command::Close | Command::ShowPlan => {
            app.clear_list_filter();
            app.mode = Mode::Grid;
        }
        Command::StartPlanExport => prompt::start_export(app, true),
        Command::Open => match (id.as_deref().and_then(|id| app.index_of(id)), gap) {
            (Some(i), _) => {
                show_session(app, i);
            }
            (None, Some((start, end))) => {
                app.clear_list_filter();
                app.mode = Mode::Fits {
                    start,
                    end,
                    cursor: 0,
                    back: Box::new(Mode::Plan { cursor }),
                }
            }
            (None, None) => app.message = Said::NoTalkOnLine,
        },
        Command::Must | Command::Want | Command::Maybe => {
            let (Some(id), Some(level)) = (id, priority::level(c)) else {
                return;
            };
            if app.agenda().is_picked(&id) {
                let session = app.index_of(&id);
                priority::set(app, &id, session, level, effects);
                // The rows may reorder: the cursor stays on the same pick.
                let rows = super::plan_rows::rows(app);
                let at = rows
                    .iter()
                    .position(|r| r.id.as_deref() == Some(id.as_str()));
                app.mode = Mode::Plan {
                    cursor: at.unwrap_or(cursor).min(rows.len().saturating_sub(1)),
                };
            }
        }
        _ => {}
    }
}

/// A key in the now-and-next view.
fn now_view(app: &mut App, c: Command, cursor: usize) {
    let rows = super::now_rows::rows(app, app.now());
    if let Some(cursor) = list::moved(c, cursor, rows.len(), list::page(app)) {
        app.mode = Mode::NowNext { cursor };
        return;
    }
    match c {
        Command::StartFilter => filter::start(app),
        Command::Close | Command::ShowNow => {
            app.clear_list_filter();
            app.mode = Mode::Grid;
        }
        Command::Open => match rows.get(cursor).and_then(|r| r.session) {
            Some(i) => {
                show_session(app, i);
            }
            None => app.message = Said::NoTalkOnLine,
        },
        _ => {}
    }
}

/// A key in the list of talks that fit a free stretch.
fn fits_view(
    app: &mut App,
    c: Command,
    (start, end): (crate::model::Stamp, crate::model::Stamp),
    cursor: usize,
    back: Box<Mode>,
) {
    let fits = app.fits_shown(start, end);
    let to = |cursor: usize| Mode::Fits {
        start,
        end,
        cursor,
        back: back.clone(),
    };
    if let Some(cursor) = list::moved(c, cursor, fits.len(), list::page(app)) {
        app.mode = to(cursor);
        return;
    }
    match c {
        Command::StartFilter => filter::start(app),
        Command::Close => {
            app.clear_list_filter();
            app.mode = *back;
        }
        Command::Open => {
            if let Some(&i) = fits.get(cursor) {
                show_session(app, i);
            }
        }
        _ => {}
    }
}

/// `1` `2` `3` on the selected session (grid and details).
pub(super) fn selected_priority(app: &mut App, c: Command, effects: &mut Vec<Effect>) {
    let (Some(i), Some(level)) = (app.selected, priority::level(c)) else {
        app.message = Said::NothingSelected;
        return;
    };
    let id = app.session(i).id.clone();
    priority::set(app, &id, Some(i), level, effects);
}

fn toggle_pick(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(i) = app.selected else {
        app.message = Said::NothingSelected;
        return;
    };
    let s = app.session(i);
    let title = s.title.clone();
    let picked = app.agenda().is_picked(&s.id);
    let op = if picked {
        Op::Unpick(s.id.to_string())
    } else {
        Op::Pick(Pick::of(s, app.clock.to_utc()))
    };
    undo::apply(app, &op);
    app.message = if picked {
        Said::Unpicked {
            title: title.to_string(),
        }
    } else {
        Said::Picked {
            title: title.to_string(),
            clash: app.planner.is_clashing(i),
        }
    };
    effects.push(Effect::Save(op));
}

impl App {
    /// Selects the session with this id, switching day and column ([`Action::Select`]); false
    /// when there is none.
    pub fn select_id(&mut self, id: &str) -> bool {
        let found = self.index_of(id).is_some();
        update(self, Action::Select(id.to_string()));
        found
    }

    /// Opens on now when now falls during the conference ([`Action::StartAtNow`]).
    pub fn start_at_now(&mut self) {
        update(self, Action::StartAtNow);
    }
}

/// `*`: the last search kept as a watch (`u` forgets it again).
fn watch_search(app: &mut App, effects: &mut Vec<Effect>) {
    let words = crate::text::clean_name(app.query.text());
    if crate::model::search::Query::new(&words).is_empty() {
        app.message = Said::NothingToWatch;
        return;
    }
    let matching = app.matches.len();
    let op = Op::Watch(words.clone());
    let added = undo::apply(app, &op);
    if added {
        effects.push(Effect::Save(op));
    }
    app.message = Said::Watching {
        words,
        matching,
        already: !added,
    };
}

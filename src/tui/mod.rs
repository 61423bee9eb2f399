//! The terminal UI, Elm style: [`App`] is the state, [`Action`]s come from the [`keymap`] table,
//! the mouse and the clock, [`update`] is pure, [`view`] only reads the state. This module's
//! [`run`] is the edge: the terminal, the event loop and the effects (saving, exporting).

pub mod action;
pub mod app;
pub mod geometry;
pub mod keymap;
mod saver;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

pub use action::{Action, Effect};
pub use app::{App, Mode};
pub use update::update;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::agenda::Store;
use crate::error::{Error, Result};
use crate::model::{Schedule, Stamp};
use saver::{Job, Saver};

/// How the TUI starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Pretend it is this time (`--now`).
    pub now: Option<Stamp>,
    /// Draw with colour (off when `NO_COLOR` is set).
    pub color: bool,
    /// The schedule file in use, which an export never writes over.
    pub schedule_path: Option<PathBuf>,
}

/// Whether colour is wanted: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn term_err(source: std::io::Error) -> Error {
    Error::Terminal(source)
}

/// How long the loop waits for a key before looking at the saver's answers and the clock.
const POLL: Duration = Duration::from_millis(100);
/// How often the clock ticks into `update`.
const TICK: Duration = Duration::from_secs(1);

/// Runs the TUI until the person quits. The terminal is restored on every exit, a panic
/// included; saving happens on the saver thread, and the last save finishes before this
/// returns.
pub fn run(schedule: Schedule, store: Store, opts: Options) -> Result<()> {
    let mut app = App::new(
        schedule,
        store.agenda().clone(),
        chrono::Local::now().fixed_offset(),
    );
    app.fixed_now = opts.now;
    app.color = opts.color;
    app.start_at_now();
    if app
        .plan
        .picks
        .iter()
        .any(|p| p.state == crate::agenda::PickState::Missing)
    {
        app.message = "some picks are no longer in the schedule: see my agenda (a)".into();
    } else {
        app.message = format!("agenda: {}", store.path().display());
    }
    let saver = Saver::start(store, Arc::clone(&app.schedule), opts.schedule_path);

    let mut terminal = ratatui::try_init().map_err(term_err)?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &saver);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if let Some(unsaved) = saver.finish() {
        eprintln!("lineup: {}", crate::message::for_terminal(&unsaved));
    }
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, saver: &Saver) -> Result<()> {
    let size = terminal.size().map_err(term_err)?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut last_tick = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| view::draw(f, app)).map_err(term_err)?;
            dirty = false;
        }
        if app.quit {
            break;
        }
        let mut actions: Vec<Action> = Vec::new();
        if event::poll(POLL).map_err(term_err)? {
            actions.extend(terminal_action(app, event::read().map_err(term_err)?));
        }
        actions.extend(saver.answers.try_iter());
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            actions.push(Action::Tick(chrono::Local::now().fixed_offset()));
        }
        for action in actions {
            dirty = true;
            for effect in update(app, action) {
                saver.send(match effect {
                    Effect::Save(op) => Job::Save(op),
                    Effect::Export { path, replace } => Job::Export { path, replace },
                });
            }
        }
    }
    Ok(())
}

/// The action for a terminal event: a key through the keymap, the mouse, a resize.
fn terminal_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => keymap::action_for(&app.mode, &k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

//! The terminal UI, Elm style: [`App`] is the state, [`Action`]s come from the [`keymap`] table,
//! the mouse and the clock, [`update`] is pure, [`view`] only reads the state. This module's
//! [`run`] is the edge: the terminal, the event loop and the effects (saving, exporting).

pub mod action;
pub mod app;
pub mod geometry;
pub mod keymap;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

pub use action::{Action, Effect};
pub use app::{App, Mode};
pub use update::update;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::agenda::Store;
use crate::error::{Error, Result};
use crate::model::{Schedule, Stamp};

/// How the TUI starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Pretend it is this time (`--now`).
    pub now: Option<Stamp>,
    /// Draw with colour (off when `NO_COLOR` is set).
    pub color: bool,
}

/// Whether colour is wanted: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn term_err(source: std::io::Error) -> Error {
    Error::Terminal(source)
}

/// Runs the TUI until the person quits. The terminal is restored on every exit, a panic
/// included.
pub fn run(schedule: Schedule, mut store: Store, opts: Options) -> Result<()> {
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

    let mut terminal = ratatui::try_init().map_err(term_err)?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        hook(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &mut store);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &mut Store,
) -> Result<()> {
    let size = terminal.size().map_err(term_err)?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut last_refresh = Instant::now();
    loop {
        terminal.draw(|f| view::draw(f, app)).map_err(term_err)?;
        if app.quit {
            break;
        }
        let action = if event::poll(Duration::from_millis(1000)).map_err(term_err)? {
            match event::read().map_err(term_err)? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    keymap::action_for(&app.mode, &k)
                }
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
        } else {
            Some(Action::Tick(chrono::Local::now().fixed_offset()))
        };
        let Some(action) = action else { continue };
        let effects = update(app, action);
        for effect in effects {
            run_effect(app, store, effect);
        }
        // Another copy of lineup may have saved: look every few seconds, and retry failed saves.
        if last_refresh.elapsed() > Duration::from_secs(3) {
            last_refresh = Instant::now();
            let result = store.save().and_then(|()| store.refresh());
            match result {
                Ok(true) => {
                    update(app, Action::AgendaSaved(store.agenda().clone()));
                }
                Ok(false) => {}
                Err(e) => {
                    update(app, Action::Status(e.to_string()));
                }
            }
        }
    }
    Ok(())
}

fn run_effect(app: &mut App, store: &mut Store, effect: Effect) {
    let status = match effect {
        Effect::Save(op) => match store.apply(op) {
            Ok(_) => {
                update(app, Action::AgendaSaved(store.agenda().clone()));
                None
            }
            Err(e) => Some(format!("not saved yet (will retry): {e}")),
        },
        Effect::Export { path } => Some(
            match crate::export::to_path(&app.schedule, store, std::path::Path::new(&path)) {
                Ok(msg) => msg,
                Err(e) => e.to_string(),
            },
        ),
    };
    if let Some(s) = status {
        update(app, Action::Status(s));
    }
}

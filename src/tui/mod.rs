//! The terminal UI, Elm style: [`App`] is the state, [`Action`]s come from the [`keymap`] table,
//! the mouse and the clock, [`update`] is pure, [`view`] only reads the state. This module's
//! [`run`] is the edge: the terminal, the event loop and the effects (saving, exporting).

pub mod action;
pub mod agenda_rows;
pub mod app;
mod background;
pub mod change_rows;
pub mod choose_rows;
pub mod config;
pub mod fresh;
pub mod geometry;
pub mod hints;
pub mod keymap;
pub mod line;
pub mod links;
pub mod now_rows;
pub mod pages;
pub mod place;
pub mod plan_rows;
pub mod said;
mod saver;
pub mod status;
pub mod terminal;
pub mod text_rows;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

pub use action::{Action, Command, Effect};
pub use app::{App, Mode};
pub use said::Said;
pub use theme::Palette;
pub use update::update;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::error::{Error, Result};
use crate::model::{Schedule, Stamp};
use crate::workspace::{Store, clock};
use background::Background;
use saver::{Job, Saver};

/// How the TUI starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Pretend it is this time (`--now`).
    pub now: Option<Stamp>,
    /// The colours the terminal can show ([`Palette::detect`]).
    pub palette: Palette,
    /// The schedule file in use, which an export never writes over.
    pub schedule_path: Option<PathBuf>,
    /// What to tell the person as the screen opens (warnings about the schedule), shown in the
    /// status line.
    pub notes: Vec<String>,
    /// Friends' agendas for this conference, by name (only read).
    pub friends: Vec<(String, crate::agenda::Agenda)>,
    /// The config file's settings and keys (or the defaults, and why).
    pub config: config::Loaded,
    /// The zone times are shown in first (`--display-tz`, else the config's; `None`: the
    /// venue's); `Z` goes through the venue's, this one and this computer's.
    pub display: Option<chrono_tz::Tz>,
    /// The library conference shown (`r` fetches it again), and the `--agenda` file given.
    pub conference: Option<crate::workspace::library::Entry>,
    pub agenda_path: Option<PathBuf>,
    /// The schedule's search index, when it was kept with it (else one is built beside the
    /// event loop after the first frame).
    pub index: Option<Arc<crate::model::search::Index>>,
    /// The check of the library conference's cached copy, run beside the event loop after the
    /// first frame (see [`crate::workspace::Opened::check`]).
    pub check: Option<crate::workspace::cache::Check>,
}

/// The config's keys, colours, walk and rows, and the zones `Z` goes through.
fn configure(app: &mut App, opts: &Options) {
    app.friends = opts
        .friends
        .iter()
        .map(|(name, agenda)| {
            let ids = agenda.picks().iter().map(|p| p.id.clone()).collect();
            (name.clone(), ids)
        })
        .collect();
    let settings = &opts.config.settings;
    app.keymap = opts.config.keymap.clone();
    app.styles = settings.styles.clone();
    app.background = settings.background.unwrap_or(false);
    app.hints = settings.hints.unwrap_or(true);
    app.remind_before = i64::from(settings.remind_before.unwrap_or(5));
    app.bell = settings.remind_bell.unwrap_or(false);
    app.links = settings.links.unwrap_or(true)
        && links::terminal_takes_links(std::env::var("TERM").ok().as_deref());
    if let Some(k) = settings
        .minutes_per_row
        .and_then(|m| timeline::ZOOMS.iter().position(|&z| z == m))
    {
        app.zoom = k;
    }
    let venue = app.schedule().conference.time_zone;
    let mut zones = vec![None];
    for tz in [opts.display, clock::local_zone()].into_iter().flatten() {
        if Some(tz) != venue && !zones.contains(&Some(tz)) {
            zones.push(Some(tz));
        }
    }
    app.zones = zones;
    if let Some(k) = opts
        .display
        .and_then(|tz| app.zones.iter().position(|z| *z == Some(tz)))
    {
        update::show_zone(app, k);
    }
    app.relayout();
}

fn term_err(source: std::io::Error) -> Error {
    Error::Terminal(source)
}

/// A link on screen and its cells, in runs of one style: what [`write_links`] writes again.
type Linked = Vec<(links::Link, Vec<(ratatui::style::Style, String)>)>;

/// The links on the frame just drawn and their cells, read from its buffer: most frames hold
/// none, and a copy of the whole buffer (12,000 cells at 200×60) to find that out cost each
/// frame half a megabyte.
fn linked_cells(app: &App, buf: &ratatui::buffer::Buffer) -> Linked {
    let area = buf.area;
    links::on_screen(app, area)
        .into_iter()
        .map(|link| {
            let mut runs: Vec<(ratatui::style::Style, String)> = Vec::new();
            for x in link.x..link.x.saturating_add(link.width).min(area.right()) {
                let cell = &buf[(x, link.y)];
                match runs.last_mut() {
                    Some((style, text)) if *style == cell.style() => text.push_str(cell.symbol()),
                    _ => runs.push((cell.style(), cell.symbol().to_string())),
                }
            }
            (link, runs)
        })
        .collect()
}

/// Makes the links on screen OSC 8 hyperlinks: their cells written again, the same text in
/// the same style, inside the sequence (a terminal that does not know it shows the text as
/// it was). Only [`links::linkable`] URLs get here, so nothing of the schedule's can end the
/// sequence early.
fn write_links(terminal: &mut terminal::Term, linked: Linked) -> std::io::Result<()> {
    use ratatui::backend::IntoCrossterm;
    use ratatui::crossterm::style::{Print, PrintStyledContent, ResetColor, SetAttribute};
    use ratatui::crossterm::{cursor::MoveTo, queue};
    use std::io::Write;
    if linked.is_empty() {
        return Ok(());
    }
    let out = terminal.backend_mut();
    for (link, runs) in linked {
        queue!(
            out,
            MoveTo(link.x, link.y),
            Print(format!("\x1b]8;;{}\x1b\\", link.url))
        )?;
        for (style, text) in runs {
            let plain = |c: Option<ratatui::style::Color>| {
                matches!(c, None | Some(ratatui::style::Color::Reset))
            };
            if plain(style.fg) && plain(style.bg) && style.add_modifier.is_empty() {
                queue!(out, Print(text))?;
            } else {
                queue!(out, PrintStyledContent(style.into_crossterm().apply(text)))?;
            }
        }
        queue!(out, Print("\x1b]8;;\x1b\\"))?;
    }
    queue!(
        out,
        SetAttribute(ratatui::crossterm::style::Attribute::Reset),
        ResetColor
    )?;
    out.flush()
}

/// How long the loop waits for a key before looking at the saver's answers and the clock.
const POLL: Duration = Duration::from_millis(100);
/// How often the clock ticks into `update`.
const TICK: Duration = Duration::from_secs(1);

/// Runs the TUI until the person quits. The terminal is restored on every exit, a panic
/// included; saving happens on the saver thread, and the last save finishes before this
/// returns.
pub fn run(
    schedule: Schedule,
    store: Store,
    opts: Options,
    ready: Option<terminal::Ready>,
) -> Result<()> {
    let rooms = HiddenRooms::open(&schedule.conference.id);
    let lens = crate::model::Lens {
        hidden_rooms: rooms.hidden.clone(),
        ..Default::default()
    };
    // The config's walk is planned with from the start (planning again after opening cost a
    // second plan of every pick before the first frame).
    let walking = opts
        .config
        .settings
        .walking_for(&schedule.conference.id, None);
    let plan = crate::agenda::plan::Settings {
        walking: Arc::new(walking),
        ..app::plan_settings()
    };
    let mut app = App::at_now(
        schedule,
        store.agenda().clone(),
        clock::local_now(),
        opts.now,
        (lens, plan),
    );
    app.search_index = opts.index.clone();
    app.palette = opts.palette;
    configure(&mut app, &opts);
    app.refreshable = opts.conference.as_ref().map(|e| e.id.clone());
    app.fetched = opts.conference.as_ref().map(|e| e.fetched);
    update(
        &mut app,
        Action::Opening {
            warnings: opts.notes.clone(),
            problem: rooms.problem.clone().or(opts.config.problem.clone()),
        },
    );
    let saver = Saver::start(
        store,
        Arc::clone(app.schedule()),
        opts.schedule_path.clone(),
        Arc::clone(&app.planner.settings().walking),
    );

    terminal::close_on_panic();
    let mut terminal = terminal::open(ready).map_err(term_err)?;
    // The real size first: opening at now puts now a quarter down the screen there is.
    let result = terminal.size().map_err(term_err).and_then(|size| {
        update(
            &mut app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        app.start_at_now();
        let mut background = Background::new(opts.conference.clone(), opts.agenda_path.clone());
        background.check_later(opts.check.clone());
        event_loop(&mut terminal, &mut app, (&saver, &rooms), background)
    });
    terminal::close();
    if let Some(unsaved) = saver.finish() {
        eprintln!("lineup: {}", crate::message::for_terminal(&unsaved));
    }
    result
}

/// The rooms hidden for the conference shown, and where they are remembered: `file` is `None`
/// when there is nowhere to keep them, or the file there cannot be read (it is then never
/// written over, and `problem` says why).
struct HiddenRooms {
    hidden: std::collections::BTreeSet<String>,
    file: Option<PathBuf>,
    problem: Option<String>,
}

impl HiddenRooms {
    fn open(conference_id: &str) -> HiddenRooms {
        let path = crate::workspace::views::path(conference_id);
        match path.as_deref().map(crate::workspace::views::load) {
            Some(Ok(hidden)) => HiddenRooms {
                hidden,
                file: path,
                problem: None,
            },
            Some(Err(e)) => HiddenRooms {
                hidden: Default::default(),
                file: None,
                problem: Some(format!("rooms hidden are not remembered: {e}")),
            },
            None => HiddenRooms {
                hidden: Default::default(),
                file: None,
                problem: None,
            },
        }
    }
}

fn event_loop(
    terminal: &mut terminal::Term,
    app: &mut App,
    (saver, rooms): (&Saver, &HiddenRooms),
    mut background: Background,
) -> Result<()> {
    let mut last_tick = Instant::now();
    let mut dirty = true;
    loop {
        if dirty {
            let drawn = terminal.draw(|f| view::draw(f, app)).map_err(term_err)?;
            // Only the links' cells are kept past the draw, to be written over it.
            let linked = if app.links {
                linked_cells(app, drawn.buffer)
            } else {
                Vec::new()
            };
            write_links(terminal, linked).map_err(term_err)?;
            dirty = false;
        }
        // After the first frame, not before it: opening does not wait for the index.
        background.keep_up(app);
        if app.quit {
            break;
        }
        let mut actions: Vec<Action> = Vec::new();
        if event::poll(POLL).map_err(term_err)? {
            actions.extend(terminal_action(app, event::read().map_err(term_err)?));
        }
        actions.extend(saver.answers.try_iter());
        actions.extend(background.answers.try_iter());
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            actions.push(Action::Tick(clock::local_now()));
        }
        for action in actions {
            dirty = true;
            if let Action::Refreshed {
                schedule: Some(s), ..
            } = &action
            {
                saver.send(Job::Schedule(Arc::clone(s)));
            }
            for effect in update(app, action) {
                match effect {
                    Effect::Save(op) => saver.send(Job::Save(op)),
                    Effect::Export {
                        path,
                        replace,
                        plan,
                    } => saver.send(Job::Export {
                        path,
                        replace,
                        plan,
                    }),
                    Effect::Suspend => suspend(terminal)?,
                    Effect::Bell => {
                        use std::io::Write;
                        let mut out = std::io::stdout();
                        out.write_all(b"\x07")
                            .and_then(|()| out.flush())
                            .map_err(term_err)?;
                    }
                    Effect::Refresh => background.refresh(),
                    Effect::OpenUrl(url) => {
                        // Detached: the browser never holds up a key.
                        if let Err(e) = open::that_detached(&url) {
                            let reason = e.to_string();
                            update(app, Action::Status(Said::NoBrowser { reason, url }));
                        }
                    }
                    Effect::Copy(text) => copy_osc52(&text),
                    Effect::Shown(schedule) => saver.send(Job::Schedule(schedule)),
                    Effect::SaveHiddenRooms(hidden) => match (&rooms.file, &rooms.problem) {
                        (Some(path), _) => saver.send(Job::Rooms {
                            path: path.clone(),
                            hidden,
                        }),
                        (None, problem) => {
                            let said = Said::RoomsNotRemembered {
                                reason: problem.clone(),
                            };
                            update(app, Action::Status(said));
                        }
                    },
                }
            }
        }
    }
    Ok(())
}

/// Puts `text` on the clipboard through the terminal (OSC 52: `ESC ] 52 ; c ; base64 BEL`), which
/// works over ssh and in tmux with `set -g set-clipboard on`; terminals that do not take it
/// ignore it. The text has no control characters (schedule text is cleaned when read).
fn copy_osc52(text: &str) {
    use base64::Engine;
    use std::io::Write;
    let clean: String = text
        .chars()
        .filter(|c| !crate::message::is_unsafe(*c))
        .collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    let mut out = std::io::stdout();
    // Nothing to do when the terminal is gone: the message already said what was copied.
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Ctrl-Z: the terminal goes back to how the shell left it, the process stops until `fg`, then
/// the screen is set up again and drawn whole.
fn suspend(terminal: &mut terminal::Term) -> Result<()> {
    terminal::close();
    #[cfg(unix)]
    // SAFETY: raise(3) only sends a signal to this process; SIGTSTP stops it until SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    *terminal = terminal::open(None).map_err(term_err)?;
    terminal.clear().map_err(term_err)
}

/// The action for a terminal event: a key through the keymap, the mouse, a resize.
fn terminal_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.mode.context(), &k)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollLeft => Some(Action::ScrollLeft),
            MouseEventKind::ScrollRight => Some(Action::ScrollRight),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

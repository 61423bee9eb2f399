//! The terminal lineup draws on: raw mode, the alternate screen and mouse reports set up and
//! put back (on a panic too), behind a backend that sends each frame in one write; the
//! terminal value itself can be made on another thread while the app is set up.
//!
//! `ratatui::init` writes through `Stdout`, whose line buffer holds 1 KiB: a 200×60 frame left
//! in ten writes, each a trip through the terminal's pty. Here a frame is gathered whole and
//! leaves when ratatui flushes at the end of the draw.

use std::io::{self, BufWriter, Stdout, stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

/// The terminal the TUI draws on.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Room for a whole frame: at 200×60 the built-in PyCon's first frame is 9.4 KB, that of
/// 100,000 cached talks under 26 KB (measured on a pty). A larger frame leaves in writes of
/// this size.
pub const FRAME_BUFFER: usize = 128 * 1024;

/// A terminal value made on another thread while the app is set up: its two screens of cells
/// (at 200×60, 0.8 ms of a start) are filled beside that work. Nothing is written to the
/// terminal until [`open`].
pub struct Ready(std::thread::JoinHandle<io::Result<Term>>);

/// Starts making the terminal value; `None` when no thread could start ([`open`] makes it).
pub fn ready() -> Option<Ready> {
    if !io::IsTerminal::is_terminal(&stdout()) {
        return None;
    }
    std::thread::Builder::new()
        .name("terminal".into())
        .spawn(|| Terminal::new(backend()))
        .ok()
        .map(Ready)
}

/// Raw mode, the alternate screen and mouse reports, then the terminal `ready` made (else one
/// made now); a terminal that refuses mouse reports is still drawn on (the keys do everything
/// the mouse does).
pub fn open(ready: Option<Ready>) -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    let _ = execute!(stdout(), EnableMouseCapture);
    // A thread that failed or panicked only made a value: it is made again here, where an
    // error is reported.
    match ready.map(|r| r.0.join()) {
        Some(Ok(Ok(term))) => Ok(term),
        _ => Terminal::new(backend()),
    }
}

/// What frames are written through: gathered whole in a buffer, sent when ratatui flushes.
fn backend() -> CrosstermBackend<BufWriter<Stdout>> {
    CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, stdout()))
}

/// The terminal as the shell left it. Each step is tried whatever the one before did: there is
/// nothing better to do with a terminal that is gone.
pub fn close() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Puts the terminal back before a panic's message is printed, so the message is readable and
/// the shell usable. Called once, before [`open`].
pub fn close_on_panic() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        close();
        hook(info);
    }));
}

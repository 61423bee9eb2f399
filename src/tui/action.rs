//! What can happen in the TUI: every key, click and outside event becomes an [`Action`]; `update`
//! turns actions into state changes and [`Effect`]s that the edge carries out.

use crate::agenda::Op;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Take a moved pick's new time and room (the agenda's selected pick).
    AcceptMove,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    NextDay,
    PrevDay,
    ZoomIn,
    ZoomOut,
    ToggleFold,
    JumpNow,
    Open,
    Close,
    TogglePick,
    ShowAgenda,
    ShowHelp,
    StartSearch,
    NextMatch,
    PrevMatch,
    StartExport,
    /// "y" to a question in the prompt line (replace the file?).
    Confirm,
    /// A character typed into the search or export line.
    Input(char),
    Backspace,
    /// Any other edit of the search or export line (cursor moves, Delete, Ctrl-U, Ctrl-W).
    Edit(super::line::Edit),
    Submit,
    Click {
        x: u16,
        y: u16,
    },
    ScrollUp,
    ScrollDown,
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock moved (the edge sends it on ticks, with the machine's local offset).
    Tick(chrono::DateTime<chrono::FixedOffset>),
    /// The edge finished something and has this to say (a save error, an export's path).
    Status(String),
    /// The edge reloaded the agenda (after saving, or another copy saved).
    AgendaSaved(crate::agenda::Agenda),
    /// The export path names a file that exists: ask before replacing it.
    AskReplace(String),
    /// The export to this path failed (the message is the status): the prompt opens again with
    /// the path, to change it.
    ExportFailed {
        path: String,
        message: String,
    },
}

/// Work for the edge: the only way `update` reaches a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Save(Op),
    /// Export the picks to `path`; an existing file is replaced only when `replace` says so
    /// (otherwise the edge answers with [`Action::AskReplace`]).
    Export {
        path: String,
        replace: bool,
    },
    /// Give the terminal back to the shell until the person resumes lineup.
    Suspend,
}

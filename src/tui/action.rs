//! What can happen in the TUI. A [`Command`] is what a key can be bound to (each has a
//! snake_case name, for key bindings by name); the other [`Action`]s are events from the mouse,
//! the terminal, the clock and the edge. `update` turns actions into state changes and
//! [`Effect`]s that the edge carries out.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agenda::changes::Report;
use crate::agenda::{Agenda, Op};
use crate::model::Schedule;
use crate::model::search::Index;

/// Everything a key can do; the keymap binds keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Quit (picks are already saved).
    Quit,
    /// Hand the terminal back to the shell until `fg`.
    Suspend,
    /// Show or hide the help.
    ShowHelp,
    /// Read the status line's message in full (when it is longer than the line).
    ShowMessage,
    /// The session in the room to the left at this time (grid).
    Left,
    /// The session in the room to the right at this time (grid).
    Right,
    /// The previous session in this room; scroll up in a page.
    Up,
    /// The next session in this room; scroll down in a page.
    Down,
    PageUp,
    PageDown,
    /// Half a screen earlier (the grid), like vim's Ctrl-U.
    HalfPageUp,
    /// Half a screen later (the grid), like vim's Ctrl-D.
    HalfPageDown,
    /// Go to a time and day typed in the prompt line (`16:00`, `sat 10:30`, `now`).
    StartGoto,
    /// Add an event of the person's own at the selected time, its title typed.
    StartEvent,
    /// "I couldn't get in": the selected pick missed, and what to do instead.
    Missed,
    /// Watch for new talks matching the last search (a refresh reports them).
    WatchSearch,
    /// Back to where the last jump came from (Enter from a list, a time jump, a room, now).
    JumpBack,
    /// Forward again to where `jump_back` came from.
    JumpForward,
    /// The first session of the day in this room.
    Home,
    /// The last session of the day in this room.
    End,
    NextDay,
    PrevDay,
    ZoomIn,
    ZoomOut,
    /// Fold or unfold long empty stretches.
    ToggleFold,
    /// Jump to now.
    JumpNow,
    /// Open the selection (a session's details; a pick in the grid).
    Open,
    /// Back, cancel, or clear the search.
    Close,
    /// Pick or unpick.
    TogglePick,
    /// Take back the last pick, unpick, priority change or accepted move.
    Undo,
    /// Open the talk's page (or its video) in the browser.
    OpenUrl,
    /// Copy the talk's title, time and room as one line (OSC 52).
    Copy,
    /// Pick as *must* (or make a pick one).
    Must,
    /// Pick as *want* (or make a pick one).
    Want,
    /// Pick as *maybe* (or make a pick one).
    Maybe,
    /// My agenda.
    ShowAgenda,
    /// The plan: the best clash-free choice of my picks.
    ShowPlan,
    /// Now and next: what runs in every room, what starts next, my next pick.
    ShowNow,
    /// The talks that fit the free time after a pick (my agenda).
    ShowFits,
    StartSearch,
    NextMatch,
    PrevMatch,
    /// Export my agenda to a file.
    StartExport,
    /// Go to a room by typing part of its name.
    StartRoomJump,
    /// Choose the tracks the grid shows.
    ChooseTracks,
    /// Choose the rooms the grid shows (remembered per conference).
    ChooseRooms,
    /// Choose the languages the grid shows.
    ChooseLanguages,
    /// Choose the kinds of session the grid shows (talk, workshop…, as the schedule types them).
    ChooseTypes,
    /// The grid shows only my picks, or everything again.
    OnlyPicks,
    /// The grid shows only what runs now and in the next hour, or everything again.
    OnlyNowNext,
    /// Narrow the list in front (a chooser, the help) by typing.
    StartFilter,
    /// Mark every line of a chooser, or none.
    ToggleAll,
    /// Show times in the next zone: the venue's, the one asked for, this computer's.
    SwitchZone,
    /// Export only the picks the plan keeps (a calendar with no clashes).
    StartPlanExport,
    /// "Yes" to the question in the prompt line.
    Confirm,
    /// A moved pick takes its new time and room.
    AcceptMove,
    /// Fetch the conference again (in the background) and show what changed for my picks.
    Refresh,
    /// Enter in the prompt line.
    Submit,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    DeleteForward,
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    /// Delete everything before the cursor (Ctrl-U).
    KillToStart,
    /// Delete the word before the cursor (Ctrl-W).
    KillWord,
}

impl Command {
    /// The command's name, as the config file's `[keys]` gives it (`toggle_pick`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// What `update` is given: a command, or an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A command, from a key.
    Do(Command),
    /// A character typed into the search or export line.
    Input(char),
    Click {
        x: u16,
        y: u16,
    },
    ScrollUp,
    ScrollDown,
    /// The horizontal wheel (or Shift+wheel in some terminals): rooms to the left or right.
    ScrollLeft,
    ScrollRight,
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock moved (the edge sends it on ticks, with the machine's local offset).
    Tick(chrono::DateTime<chrono::FixedOffset>),
    /// Select the session with this id, switching day and column.
    Select(String),
    /// Open on now when now falls during the conference.
    StartAtNow,
    /// The screen opens: the schedule's warnings, and a file read at start that could not be
    /// used (the config, the rooms hidden).
    Opening {
        warnings: Vec<String>,
        problem: Option<String>,
    },
    /// The edge finished something and has this to say (a save error, an export's path).
    Status(super::said::Said),
    /// The edge reloaded the agenda (after saving, or another copy saved).
    AgendaSaved(Agenda),
    /// The edge built the search index of this schedule (taken only if it is still the one
    /// shown).
    SearchReady {
        index: Arc<Index>,
        schedule: Arc<Schedule>,
    },
    /// The cached copy shown failed its check: the schedule read again from its source (none
    /// when that failed), and what to say.
    CacheRebuilt {
        schedule: Option<Arc<Schedule>>,
        message: super::said::Said,
    },
    /// A refresh ended: the new schedule and what changed (`None` both when nothing changed or
    /// it failed), and what to say.
    Refreshed {
        schedule: Option<Arc<Schedule>>,
        report: Option<Report>,
        message: super::said::Said,
    },
    /// The export path names a file that exists: ask before replacing it.
    AskReplace(String),
    /// The export to this path failed (the message is the status): the prompt opens again with
    /// the path, to change it.
    ExportFailed {
        path: String,
        reason: String,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Do(c)
    }
}

/// Work for the edge: the only way `update` reaches a file or the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Save(Op),
    /// Export the picks to `path`; an existing file is replaced only when `replace` says so
    /// (otherwise the edge answers with [`Action::AskReplace`]).
    Export {
        path: String,
        replace: bool,
        /// Only the picks the plan keeps (the others a calendar was told of are cancelled).
        plan: bool,
    },
    /// Give the terminal back to the shell until the person resumes lineup.
    Suspend,
    /// Ring the terminal's bell (a reminder came, and the config asks for it).
    Bell,
    /// Fetch the conference again and compare (answered with [`Action::Refreshed`]).
    Refresh,
    /// Open this http(s) URL in the browser (without waiting for it).
    OpenUrl(String),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// The schedule is now shown in another zone: exports use this copy.
    Shown(Arc<Schedule>),
    /// Remember these rooms as hidden for the conference shown.
    SaveHiddenRooms(std::collections::BTreeSet<String>),
}

//! The one table that maps keys to actions, per screen; the help screen is generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::Mode;
use super::line::Edit;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Every screen except while typing.
    Global,
    Grid,
    Detail,
    Agenda,
    Help,
    /// Typing a search or a path.
    Typing,
    /// A yes/no question in the prompt line.
    Question,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Grid => "Grid",
            Context::Detail => "Session details",
            Context::Agenda => "My agenda",
            Context::Help => "Help",
            Context::Typing => "Search and export line",
            Context::Question => "Replace the file?",
        }
    }
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Code(code) => match code {
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Delete".into(),
                other => format!("{other:?}"),
            },
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

use Context::*;
use Key::{Char, Code, Ctrl};

/// Every key lineup knows. Earlier rows win.
pub const KEYMAP: &[Binding] = &[
    Binding {
        context: Global,
        keys: &[Char('q'), Ctrl('c')],
        action: Action::Quit,
        help: "quit (picks are already saved)",
    },
    Binding {
        context: Global,
        keys: &[Char('?')],
        action: Action::ShowHelp,
        help: "show or hide this help",
    },
    Binding {
        context: Global,
        keys: &[Ctrl('z')],
        action: Action::Suspend,
        help: "suspend to the shell (fg resumes)",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Left), Char('h')],
        action: Action::Left,
        help: "session in the room to the left at this time",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Right), Char('l')],
        action: Action::Right,
        help: "session in the room to the right at this time",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        help: "previous session in this room",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        help: "next session in this room",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "a screen earlier",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "a screen later",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Home), Char('g')],
        action: Action::Home,
        help: "first session of the day in this room",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::End), Char('G')],
        action: Action::End,
        help: "last session of the day in this room",
    },
    Binding {
        context: Grid,
        keys: &[Char(']'), Code(KeyCode::Tab)],
        action: Action::NextDay,
        help: "next day",
    },
    Binding {
        context: Grid,
        keys: &[Char('['), Code(KeyCode::BackTab)],
        action: Action::PrevDay,
        help: "previous day",
    },
    Binding {
        context: Grid,
        keys: &[Char('+'), Char('=')],
        action: Action::ZoomIn,
        help: "zoom in (fewer minutes per row)",
    },
    Binding {
        context: Grid,
        keys: &[Char('-')],
        action: Action::ZoomOut,
        help: "zoom out (more minutes per row)",
    },
    Binding {
        context: Grid,
        keys: &[Char('z')],
        action: Action::ToggleFold,
        help: "fold or unfold long empty stretches",
    },
    Binding {
        context: Grid,
        keys: &[Char('t')],
        action: Action::JumpNow,
        help: "jump to now",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Open,
        help: "open the session",
    },
    Binding {
        context: Grid,
        keys: &[Char(' ')],
        action: Action::TogglePick,
        help: "pick or unpick the session",
    },
    Binding {
        context: Grid,
        keys: &[Char('/')],
        action: Action::StartSearch,
        help: "search titles, speakers and abstracts",
    },
    Binding {
        context: Grid,
        keys: &[Char('n')],
        action: Action::NextMatch,
        help: "next search match",
    },
    Binding {
        context: Grid,
        keys: &[Char('N')],
        action: Action::PrevMatch,
        help: "previous search match",
    },
    Binding {
        context: Grid,
        keys: &[Code(KeyCode::Esc)],
        action: Action::Close,
        help: "clear the search",
    },
    Binding {
        context: Grid,
        keys: &[Char('a')],
        action: Action::ShowAgenda,
        help: "my agenda",
    },
    Binding {
        context: Grid,
        keys: &[Char('e')],
        action: Action::StartExport,
        help: "export my agenda (.ics .md .txt .json .lanyrd)",
    },
    Binding {
        context: Detail,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        help: "scroll up",
    },
    Binding {
        context: Detail,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        help: "scroll down",
    },
    Binding {
        context: Detail,
        keys: &[Code(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "scroll a page up",
    },
    Binding {
        context: Detail,
        keys: &[Code(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "scroll a page down",
    },
    Binding {
        context: Detail,
        keys: &[Char(' ')],
        action: Action::TogglePick,
        help: "pick or unpick this session",
    },
    Binding {
        context: Detail,
        keys: &[Code(KeyCode::Esc), Code(KeyCode::Enter)],
        action: Action::Close,
        help: "back to the grid",
    },
    Binding {
        context: Agenda,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        help: "previous pick",
    },
    Binding {
        context: Agenda,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        help: "next pick",
    },
    Binding {
        context: Agenda,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Open,
        help: "show the talk in the grid",
    },
    Binding {
        context: Agenda,
        keys: &[Char(' ')],
        action: Action::TogglePick,
        help: "unpick",
    },
    Binding {
        context: Agenda,
        keys: &[Char('m')],
        action: Action::AcceptMove,
        help: "a moved pick: take its new time and room",
    },
    Binding {
        context: Agenda,
        keys: &[Char('e')],
        action: Action::StartExport,
        help: "export my agenda",
    },
    Binding {
        context: Agenda,
        keys: &[Code(KeyCode::Esc), Char('a')],
        action: Action::Close,
        help: "back to the grid",
    },
    Binding {
        context: Help,
        keys: &[Code(KeyCode::Up), Char('k')],
        action: Action::Up,
        help: "scroll up",
    },
    Binding {
        context: Help,
        keys: &[Code(KeyCode::Down), Char('j')],
        action: Action::Down,
        help: "scroll down",
    },
    Binding {
        context: Help,
        keys: &[Code(KeyCode::Esc)],
        action: Action::Close,
        help: "close the help",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Enter)],
        action: Action::Submit,
        help: "search: select the next match; export: write the file",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Esc)],
        action: Action::Close,
        help: "cancel (search: clear it)",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Backspace)],
        action: Action::Backspace,
        help: "delete the character before the cursor",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Delete), Ctrl('d')],
        action: Action::Edit(Edit::Delete),
        help: "delete the character under the cursor",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Left), Ctrl('b')],
        action: Action::Edit(Edit::Left),
        help: "cursor left",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Right), Ctrl('f')],
        action: Action::Edit(Edit::Right),
        help: "cursor right",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::Home), Ctrl('a')],
        action: Action::Edit(Edit::Home),
        help: "cursor to the start",
    },
    Binding {
        context: Typing,
        keys: &[Code(KeyCode::End), Ctrl('e')],
        action: Action::Edit(Edit::End),
        help: "cursor to the end",
    },
    Binding {
        context: Typing,
        keys: &[Ctrl('u')],
        action: Action::Edit(Edit::KillToStart),
        help: "delete everything before the cursor",
    },
    Binding {
        context: Typing,
        keys: &[Ctrl('w')],
        action: Action::Edit(Edit::KillWord),
        help: "delete the word before the cursor",
    },
    Binding {
        context: Typing,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        context: Question,
        keys: &[Char('y')],
        action: Action::Confirm,
        help: "yes: replace the file with the export",
    },
    Binding {
        context: Question,
        keys: &[Char('n'), Code(KeyCode::Esc)],
        action: Action::Close,
        help: "no: back to the file name",
    },
    Binding {
        context: Question,
        keys: &[Ctrl('c')],
        action: Action::Quit,
        help: "quit",
    },
];

fn context_of(mode: &Mode) -> Context {
    match mode {
        Mode::Grid => Grid,
        Mode::Detail { .. } => Detail,
        Mode::Agenda { .. } => Agenda,
        Mode::Help { .. } => Help,
        Mode::Search | Mode::Export { .. } => Typing,
        Mode::ConfirmReplace { .. } => Question,
    }
}

/// The action for a key in a mode, if any. While typing, other characters are input.
pub fn action_for(mode: &Mode, ev: &KeyEvent) -> Option<Action> {
    let ctx = context_of(mode);
    let found = KEYMAP
        .iter()
        .filter(|b| b.context == ctx || (b.context == Global && !matches!(ctx, Typing | Question)))
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action.clone());
    if found.is_some() || ctx != Typing {
        return found;
    }
    match ev.code {
        KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Input(c)),
        _ => None,
    }
}

/// Help rows: (context, keys, what they do), in table order.
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    KEYMAP
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (b.context, keys.join(" "), b.help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_takes_letters_but_not_ctrl_c() {
        assert_eq!(
            action_for(&Mode::Search, &key(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&Mode::Search, &ctrl_c), Some(Action::Quit));
        assert_eq!(action_for(&Mode::Grid, &ctrl_c), Some(Action::Quit));
        assert_eq!(
            action_for(&Mode::Grid, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_grid_action_has_help() {
        assert!(
            help_rows()
                .iter()
                .all(|(_, k, h)| !k.is_empty() && !h.is_empty())
        );
        assert_eq!(
            action_for(&Mode::Grid, &key(KeyCode::Char('l'))),
            Some(Action::Right)
        );
        assert_eq!(
            action_for(&Mode::Grid, &key(KeyCode::Tab)),
            Some(Action::NextDay)
        );
    }
}

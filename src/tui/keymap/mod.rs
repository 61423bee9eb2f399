//! Keys as data: a [`Keymap`] value built from the default bindings maps a key in a context to a
//! [`Command`]. The help screen, the README's key table (a test keeps it equal) and every key
//! hint on screen are read from it, so no key is written anywhere else.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Command};

mod defaults;
use defaults::DEFAULTS;

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
    /// The change report of a refresh.
    Changes,
    /// The best plan of my picks.
    Plan,
    /// The talks that fit a free stretch.
    Fits,
    /// What runs now and what is next.
    NowNext,
    /// Choosing tracks or rooms to show.
    Choose,
    /// A message too long for the status line, in full.
    Message,
    /// Every screen that is a list or a page (all but the grid, the prompt line and the
    /// question): its own keys first, then these.
    Lists,
}

impl Context {
    /// Every context, in the help screen's order.
    pub const ALL: [Context; 14] = [
        Context::Global,
        Context::Grid,
        Context::Detail,
        Context::Agenda,
        Context::Help,
        Context::Typing,
        Context::Question,
        Context::Changes,
        Context::Plan,
        Context::Fits,
        Context::NowNext,
        Context::Choose,
        Context::Message,
        Context::Lists,
    ];

    /// The name the config file uses for the screen (`[keys.agenda]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Grid => "grid",
            Context::Detail => "detail",
            Context::Agenda => "agenda",
            Context::Help => "help",
            Context::Typing => "typing",
            Context::Question => "question",
            Context::Changes => "changes",
            Context::Plan => "plan",
            Context::Fits => "fits",
            Context::NowNext => "now_next",
            Context::Choose => "choose",
            Context::Message => "message",
            Context::Lists => "lists",
        }
    }

    /// The context the config file names.
    pub fn named(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Grid => "Grid",
            Context::Detail => "Session details",
            Context::Agenda => "My agenda",
            Context::Help => "Help",
            Context::Typing => "Search and export line",
            Context::Question => "Replace the file?",
            Context::Changes => "What changed (after r)",
            Context::Plan => "The plan",
            Context::Fits => "Talks that fit",
            Context::NowNext => "Now and next",
            Context::Choose => "Choosing tracks or rooms",
            Context::Message => "A long message",
            Context::Lists => "Every list and page (after its own keys)",
        }
    }

    /// Whether the screen is a list or a page, where [`Context::Lists`]' keys apply too.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Context::Detail
                | Context::Agenda
                | Context::Help
                | Context::Changes
                | Context::Plan
                | Context::Fits
                | Context::NowNext
                | Context::Choose
                | Context::Message
        )
    }

    /// Whether bindings of `self` and of `other` can be met on one screen.
    fn meets(self, other: Context) -> bool {
        let wide = |c: Context, on: Context| {
            (c == Context::Global && !matches!(on, Context::Typing | Context::Question))
                || (c == Context::Lists && on.is_list())
        };
        self == other || wide(self, other) || wide(other, self)
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
    /// Whether the key types a character into a line (a letter, a digit, Space…).
    pub fn types_text(self) -> bool {
        matches!(self, Key::Char(_))
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Key::Code(code) => ev.code == code,
        }
    }

    /// The named keys the config file takes (besides characters and Ctrl-x).
    pub const NAMES: [&'static str; 16] = [
        "Space",
        "Enter",
        "Esc",
        "Tab",
        "Shift-Tab",
        "Backspace",
        "Delete",
        "Up",
        "Down",
        "Left",
        "Right",
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "Insert",
    ];

    /// A key as the config file or [`Key::label`] writes it: a character, `Ctrl-x`, a name
    /// (any case) or an arrow.
    pub fn parse(text: &str) -> Option<Key> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(match c {
                '←' => Key::Code(KeyCode::Left),
                '→' => Key::Code(KeyCode::Right),
                '↑' => Key::Code(KeyCode::Up),
                '↓' => Key::Code(KeyCode::Down),
                c if c.is_control() => return None,
                c => Key::Char(c),
            });
        }
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-") {
            let mut cs = rest.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        let code = match lower.as_str() {
            "space" => return Some(Key::Char(' ')),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "insert" => KeyCode::Insert,
            _ => return None,
        };
        Some(Key::Code(code))
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

/// Keys bound to a command in a context, and what the help screen says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub command: Command,
    pub help: &'static str,
}

/// The keymap: bindings looked up by context and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|b| Binding {
                    context: b.context,
                    keys: b.keys.to_vec(),
                    command: b.command,
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The bindings, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Every command some key is bound to, each once, in table order.
    pub fn commands(&self) -> Vec<Command> {
        let mut out: Vec<Command> = Vec::new();
        for b in &self.bindings {
            if !out.contains(&b.command) {
                out.push(b.command);
            }
        }
        out
    }

    /// This keymap with new keys for commands (in one context, or wherever the command is
    /// bound). A key another command already has on the same screen is refused, naming both.
    pub fn with_keys(
        &self,
        changes: &[(Option<Context>, Command, Vec<Key>)],
    ) -> Result<Keymap, String> {
        let mut map = self.clone();
        let mut changed: Vec<usize> = Vec::new();
        for (context, command, keys) in changes {
            // A change for every screen leaves the search and export line its own keys, unless
            // the command is one of the line's alone: a letter there is text being typed.
            let line_only = self
                .bindings
                .iter()
                .filter(|b| b.command == *command)
                .all(|b| b.context == Context::Typing);
            let found: Vec<usize> = (0..map.bindings.len())
                .filter(|&k| {
                    let b = &map.bindings[k];
                    b.command == *command
                        && match context {
                            Some(c) => b.context == *c,
                            None => b.context != Context::Typing || line_only,
                        }
                })
                .collect();
            if let Some(text) = keys.iter().find(|k| k.types_text())
                && found
                    .iter()
                    .any(|&k| map.bindings[k].context == Context::Typing)
            {
                return Err(format!(
                    "{} would be typed into the search and export line, so it cannot be {} there; give that screen a key with Ctrl ([keys.typing] {} = \"Ctrl-Q\")",
                    crate::message::quote(&text.label()),
                    command.name(),
                    command.name()
                ));
            }
            if found.is_empty() {
                return Err(format!(
                    "{} has no key on the {} screen to change; it is on: {}",
                    command.name(),
                    context.map_or("", Context::name),
                    self.contexts_of(*command).join(", ")
                ));
            }
            for k in found {
                map.bindings[k].keys = keys.clone();
                changed.push(k);
            }
        }
        for &k in &changed {
            map.clash(k)?;
        }
        Ok(map)
    }

    /// The screens a command has a key on.
    fn contexts_of(&self, command: Command) -> Vec<&'static str> {
        self.bindings
            .iter()
            .filter(|b| b.command == command)
            .map(|b| b.context.name())
            .collect()
    }

    /// Refuses binding `k` when one of its keys is another command's on a screen they share.
    fn clash(&self, k: usize) -> Result<(), String> {
        let b = &self.bindings[k];
        let shared = |o: &Binding| o.context.meets(b.context);
        for other in self
            .bindings
            .iter()
            .filter(|o| o.command != b.command && shared(o))
        {
            if let Some(key) = b.keys.iter().find(|key| other.keys.contains(key)) {
                return Err(format!(
                    "{} for {} is already {} on the {} screen; choose another key or give {} another too",
                    crate::message::quote(&key.label()),
                    b.command.name(),
                    other.command.name(),
                    other.context.name(),
                    other.command.name(),
                ));
            }
        }
        Ok(())
    }

    /// The bindings that apply in `context`: its own and the global ones (but for typing and
    /// questions, where every key is the line's), then, on a list or a page, the lists' keys.
    fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        let own = self.bindings.iter().filter(move |b| {
            b.context == context
                || (b.context == Context::Global
                    && !matches!(context, Context::Typing | Context::Question))
        });
        let lists = self
            .bindings
            .iter()
            .filter(move |b| b.context == Context::Lists && context.is_list());
        own.chain(lists)
    }

    /// The command a key gives in a context.
    pub fn command_for(&self, context: Context, ev: &KeyEvent) -> Option<Command> {
        self.in_context(context)
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.command)
    }

    /// The action for a key in a context: its command, or, while typing, the character.
    pub fn action_for(&self, context: Context, ev: &KeyEvent) -> Option<Action> {
        if let Some(c) = self.command_for(context, ev) {
            return Some(Action::Do(c));
        }
        match ev.code {
            KeyCode::Char(c)
                if context == Context::Typing && !ev.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    /// Help rows: (context, keys, what they do), in table order.
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str)> {
        self.bindings
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                (b.context, keys.join(" "), b.help)
            })
            .collect()
    }

    /// The key to name in a hint for a command in a context ("Esc", "Space", "j"): the first
    /// bound key that is not an arrow (people see the letter next to the arrow), else the first.
    /// Empty when the command is not bound there.
    pub fn hint(&self, context: Context, command: Command) -> String {
        let Some(b) = self.in_context(context).find(|b| b.command == command) else {
            return String::new();
        };
        let arrow = |k: &Key| {
            matches!(
                k,
                Key::Code(KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right)
            )
        };
        b.keys
            .iter()
            .find(|k| !arrow(k))
            .or(b.keys.first())
            .map(|k| k.label())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn typing_takes_letters_but_not_ctrl_c() {
        let km = Keymap::default();
        assert_eq!(
            km.action_for(Context::Typing, &key(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            km.action_for(Context::Typing, &ctrl_c),
            Some(Action::Do(Command::Quit))
        );
        assert_eq!(
            km.action_for(Context::Grid, &ctrl_c),
            Some(Action::Do(Command::Quit))
        );
        assert_eq!(
            km.action_for(Context::Grid, &key(KeyCode::Char('q'))),
            Some(Action::Do(Command::Quit))
        );
    }

    #[test]
    fn every_grid_action_has_help() {
        let km = Keymap::default();
        assert!(
            km.help_rows()
                .iter()
                .all(|(_, k, h)| !k.is_empty() && !h.is_empty())
        );
        assert_eq!(
            km.command_for(Context::Grid, &key(KeyCode::Char('l'))),
            Some(Command::Right)
        );
        // Terminals send Ctrl-I as Tab: it walks the jump list forward, as in vim.
        assert_eq!(
            km.command_for(Context::Grid, &key(KeyCode::Tab)),
            Some(Command::JumpForward)
        );
    }

    #[test]
    fn hints_name_a_bound_key() {
        let km = Keymap::default();
        assert_eq!(km.hint(Context::Detail, Command::Down), "j");
        assert_eq!(km.hint(Context::Detail, Command::Close), "Esc");
        assert_eq!(km.hint(Context::Grid, Command::TogglePick), "Space");
        assert_eq!(
            km.hint(Context::Grid, Command::ShowHelp),
            "?",
            "global keys count"
        );
        assert_eq!(
            km.hint(Context::Typing, Command::ShowHelp),
            "",
            "not while typing"
        );
    }

    #[test]
    fn command_names_are_snake_case() {
        let name = serde_json::to_string(&Command::ToggleFold).unwrap();
        assert_eq!(name, "\"toggle_fold\"");
        let back: Command = serde_json::from_str("\"kill_word\"").unwrap();
        assert_eq!(back, Command::KillWord);
    }
}

//! The config file (`$XDG_CONFIG_HOME/lineup/config.toml`): key bindings by command name,
//! colours by style name, the walking time between rooms, the zone times are shown in and the
//! minutes per row to open with. Parsed here into typed settings; a file with a mistake gives one
//! sentence naming the file, the line and the valid choices, and lineup goes on with the
//! defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier};
use serde::Deserialize;
use toml::Spanned;

use super::action::Command;
use super::keymap::{Context, Key, Keymap};
use super::theme::{StyleChange, Theme};
use super::timeline::ZOOMS;
use crate::agenda::walking::{Area, Walking};
use crate::error::{Error, Result};
use crate::message;
use crate::workspace::clock::DisplayZone;

/// What the config file sets; `None` and empty lists leave the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// New keys for a command: in one screen (`Some`), or wherever it is bound.
    pub keys: Vec<(Option<Context>, Command, Vec<Key>)>,
    pub styles: Vec<(String, StyleChange)>,
    pub walk: Option<u32>,
    pub display_tz: Option<DisplayZone>,
    pub minutes_per_row: Option<i64>,
    /// `true`: lineup paints its own background (the rich palettes' panel and box fills).
    pub background: Option<bool>,
    /// `false`: no hint bar of the screen's main keys.
    pub hints: Option<bool>,
    /// `false`: links are plain text, never OSC 8 hyperlinks.
    pub links: Option<bool>,
    /// The venue's areas and the minutes between them, per conference id (`*`: any other).
    pub walking: BTreeMap<String, Walking>,
    /// `[remind]`: minutes ahead, a command to run instead of a desktop notification, a bell.
    pub remind_before: Option<u32>,
    pub remind_command: Option<String>,
    pub remind_bell: Option<bool>,
}

impl Settings {
    /// How walking goes at conference `id`: `walk` minutes (else the config's `walk`, else
    /// none) between rooms no area covers, and the config's areas for that conference.
    pub fn walking_for(&self, id: &str, walk: Option<u32>) -> Walking {
        let default = i64::from(walk.or(self.walk).unwrap_or(0));
        match self.walking.get(id).or_else(|| self.walking.get("*")) {
            Some(w) => w.clone().with_default(default),
            None => Walking::uniform(default),
        }
    }
}

/// The config as lineup starts with it: the file's settings, or the defaults and why.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub settings: Settings,
    pub path: Option<PathBuf>,
    /// Why the file was not used (lineup then runs with the defaults).
    pub problem: Option<String>,
    /// The keys as the file sets them (the defaults when it does not).
    pub keymap: Keymap,
}

/// Reads and checks the config file: its settings and keys, `None` when there is none (or no
/// home folder); a mistake is the error naming its file and line.
pub fn read() -> Result<Option<(Settings, Keymap)>> {
    let Some(path) = crate::workspace::paths::config_file() else {
        return Ok(None);
    };
    crate::workspace::paths::read_config(&path)
        .and_then(|text| text.map(|t| check(&t, &path)).transpose())
}

/// Reads the config file, if there is one; a bad one gives the defaults and a problem.
pub fn load() -> Loaded {
    let Some(path) = crate::workspace::paths::config_file() else {
        return Loaded::default();
    };
    let read = read();
    match read {
        Ok(Some((settings, keymap))) => Loaded {
            settings,
            path: Some(path),
            problem: None,
            keymap,
        },
        Ok(None) => Loaded {
            path: Some(path),
            ..Loaded::default()
        },
        Err(e) => Loaded {
            path: Some(path),
            problem: Some(e.to_string()),
            ..Loaded::default()
        },
    }
}

/// Parses a config and builds the keymap it asks for: every mistake is an error.
pub fn check(text: &str, path: &Path) -> Result<(Settings, Keymap)> {
    let settings = parse(text, path)?;
    let keymap = Keymap::default()
        .with_keys(&settings.keys)
        .map_err(|message| bad(path, 0, message))?;
    Ok((settings, keymap))
}

fn bad(path: &Path, line: usize, message: String) -> Error {
    Error::BadSettings {
        path: path.to_path_buf(),
        line,
        column: 0,
        message,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    grid: Grid,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<KeysValue>>,
    #[serde(default)]
    colours: BTreeMap<String, Spanned<ColourValue>>,
    /// `[walking.<conference id>]`: the venue's areas.
    #[serde(default)]
    walking: BTreeMap<String, Spanned<WalkingTable>>,
    #[serde(default)]
    remind: Remind,
}

/// `[remind]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Remind {
    before: Option<Spanned<u32>>,
    command: Option<String>,
    bell: Option<bool>,
}

/// `[walking.fosdem-2026]`: areas by room-name patterns, minutes within each and between two.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WalkingTable {
    areas: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    within: BTreeMap<String, u32>,
    #[serde(default)]
    between: Vec<(String, String, u32)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Grid {
    minutes_per_row: Option<Spanned<i64>>,
    walk: Option<Spanned<u32>>,
    display_tz: Option<Spanned<String>>,
    background: Option<Spanned<String>>,
    hints: Option<bool>,
    links: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeysValue {
    One(String),
    Many(Vec<String>),
    /// `[keys.agenda]`: keys for the commands of one screen.
    Screen(BTreeMap<String, OneOrMany>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(k) => vec![k.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ColourValue {
    Fg(String),
    Full(StyleTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleTable {
    fg: Option<String>,
    bg: Option<String>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underlined: Option<bool>,
    reversed: Option<bool>,
}

/// A conference's `[walking.…]` table as the planner takes it.
fn walking_of(table: &WalkingTable) -> std::result::Result<Walking, String> {
    if let Some(name) = table.within.keys().find(|k| !table.areas.contains_key(*k)) {
        return Err(format!(
            "within names {}, which is not among the areas",
            message::quote(name)
        ));
    }
    let areas = table
        .areas
        .iter()
        .map(|(name, rooms)| Area {
            name: name.clone(),
            rooms: rooms.clone(),
            within: table.within.get(name).map(|&m| i64::from(m)),
        })
        .collect();
    let between: Vec<(String, String, i64)> = table
        .between
        .iter()
        .map(|(a, b, m)| (a.clone(), b.clone(), i64::from(*m)))
        .collect();
    Walking::with_areas(0, areas, &between)
}

/// The settings of a config file's text.
pub fn parse(text: &str, path: &Path) -> Result<Settings> {
    let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| line_of(s.start));
        bad(path, line, message::foreign(e.message().trim()))
    })?;
    let mut settings = Settings::default();
    if let Some(m) = &file.grid.minutes_per_row {
        if !ZOOMS.contains(m.get_ref()) {
            return Err(bad(
                path,
                line_of(m.span().start),
                format!("minutes_per_row is {}; it is one of {ZOOMS:?}", m.get_ref()),
            ));
        }
        settings.minutes_per_row = Some(*m.get_ref());
    }
    settings.walk = file.grid.walk.as_ref().map(|w| *w.get_ref());
    if let Some(b) = &file.remind.before {
        if !(1..=720).contains(b.get_ref()) {
            return Err(bad(
                path,
                line_of(b.span().start),
                format!("before is {}; give minutes from 1 to 720", b.get_ref()),
            ));
        }
        settings.remind_before = Some(*b.get_ref());
    }
    settings.remind_command = file.remind.command.clone().filter(|c| !c.trim().is_empty());
    settings.remind_bell = file.remind.bell;
    for (id, table) in &file.walking {
        let line = line_of(table.span().start);
        let walking = walking_of(table.get_ref()).map_err(|m| bad(path, line, m))?;
        settings.walking.insert(id.clone(), walking);
    }
    if let Some(z) = &file.grid.display_tz {
        let zone = DisplayZone::parse(z.get_ref()).ok_or_else(|| {
            bad(
                path,
                line_of(z.span().start),
                format!(
                    "display_tz is {}; give venue, local or an IANA zone such as America/New_York",
                    message::quote(z.get_ref())
                ),
            )
        })?;
        settings.display_tz = Some(zone);
    }
    if let Some(b) = &file.grid.background {
        settings.background = Some(match b.get_ref().as_str() {
            "lineup" => true,
            "terminal" => false,
            other => {
                return Err(bad(
                    path,
                    line_of(b.span().start),
                    format!(
                        "background is {}; it is \"terminal\" (the terminal's own) or \"lineup\" (lineup's panel, with 24-bit colour)",
                        message::quote(other)
                    ),
                ));
            }
        });
    }
    settings.hints = file.grid.hints;
    settings.links = file.grid.links;
    for (name, value) in &file.keys {
        let line = line_of(value.span().start);
        settings
            .keys
            .extend(keys_of(name, value.get_ref()).map_err(|m| bad(path, line, m))?);
    }
    for (name, value) in &file.colours {
        let line = line_of(value.span().start);
        let change = style_of(name, value.get_ref()).map_err(|m| bad(path, line, m))?;
        settings.styles.push((name.clone(), change));
    }
    // One screen's keys win over a command's keys everywhere, whatever the file's order.
    settings
        .keys
        .sort_by_key(|(context, _, _)| context.is_some());
    Ok(settings)
}

type KeyChange = (Option<Context>, Command, Vec<Key>);

/// `name = keys` (a command) or `[keys.screen]` (commands of one screen).
fn keys_of(name: &str, value: &KeysValue) -> std::result::Result<Vec<KeyChange>, String> {
    let one = |context: Option<Context>, command: &str, keys: Vec<&str>| {
        let command = command_named(command)?;
        let keys = keys
            .into_iter()
            .map(|k| {
                Key::parse(k).ok_or_else(|| {
                    format!(
                        "{} is not a key lineup knows; name a character (x, X, ?), Ctrl-x, or one of {}",
                        message::quote(k),
                        Key::NAMES.join(", ")
                    )
                })
            })
            .collect::<std::result::Result<Vec<Key>, String>>()?;
        if keys.is_empty() {
            return Err(format!("{} is given no key", command_name(command)));
        }
        Ok((context, command, keys))
    };
    match value {
        KeysValue::One(k) => Ok(vec![one(None, name, vec![k])?]),
        KeysValue::Many(v) => Ok(vec![one(
            None,
            name,
            v.iter().map(String::as_str).collect(),
        )?]),
        KeysValue::Screen(map) => {
            let context = Context::named(name).ok_or_else(|| {
                format!(
                    "[keys.{name}] is not a screen; the screens are {}, or give a command's keys directly under [keys]",
                    Context::ALL.map(Context::name).join(", ")
                )
            })?;
            map.iter()
                .map(|(command, keys)| one(Some(context), command, keys.list()))
                .collect()
        }
    }
}

/// A command by its config name (`toggle_pick`).
fn command_named(name: &str) -> std::result::Result<Command, String> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|_| {
        let mut names: Vec<String> = Keymap::default()
            .commands()
            .into_iter()
            .map(command_name)
            .collect();
        names.sort_unstable();
        format!(
            "{} is not a command; the commands are {}",
            message::quote(name),
            names.join(", ")
        )
    })
}

/// A command's config name.
pub fn command_name(c: Command) -> String {
    c.name()
}

fn colour(name: &str, value: &str) -> std::result::Result<Color, String> {
    value.parse::<Color>().map_err(|_| {
        format!(
            "{} for {name} is not a colour; give a name (red, light-blue, dark-gray …), a number 0–255, #rrggbb, or reset",
            message::quote(value)
        )
    })
}

fn style_of(name: &str, value: &ColourValue) -> std::result::Result<StyleChange, String> {
    if !Theme::NAMES.contains(&name) {
        return Err(format!(
            "{} is not a style; the styles are {}",
            message::quote(name),
            Theme::NAMES.join(", ")
        ));
    }
    match value {
        ColourValue::Fg(c) => Ok(StyleChange {
            fg: Some(colour(name, c)?),
            ..StyleChange::default()
        }),
        ColourValue::Full(t) => {
            let mut change = StyleChange {
                fg: t.fg.as_deref().map(|c| colour(name, c)).transpose()?,
                bg: t.bg.as_deref().map(|c| colour(name, c)).transpose()?,
                ..StyleChange::default()
            };
            for (flag, m) in [
                (t.bold, Modifier::BOLD),
                (t.dim, Modifier::DIM),
                (t.italic, Modifier::ITALIC),
                (t.underlined, Modifier::UNDERLINED),
                (t.reversed, Modifier::REVERSED),
            ] {
                match flag {
                    Some(true) => change.on |= m,
                    Some(false) => change.off |= m,
                    None => {}
                }
            }
            Ok(change)
        }
    }
}

/// `lineup config --example`: every setting, commented, with its default.
pub const EXAMPLE: &str = r##"# lineup's config: $XDG_CONFIG_HOME/lineup/config.toml (~/.config/lineup/config.toml).
# Every setting is optional; `lineup config --check` reads this file and says what is wrong.
# A mistake makes lineup say so (file, line, the valid choices) and start with the defaults.

[grid]
# Minutes per row the grid opens with: 2, 5, 10, 15, 20 or 30 (+ and - zoom).
# minutes_per_row = 10
# Minutes to walk between two rooms, for the plan (p, E) and `lineup plan`, `gaps`,
# `export --plan` when --walk is not given.
# walk = 0
# The zone times are shown in: "venue" (the schedule's own), "local" (this computer's) or an
# IANA zone such as "America/New_York" (--display-tz overrides it; Z switches in the grid).
# display_tz = "venue"
# Whose background shows: "terminal" (its own; lineup paints none) or "lineup" (with 24-bit
# colour, a dark or light panel and filled boxes of its own).
# background = "terminal"
# A row above the status line with the screen's main keys, from 30 rows up (false: none).
# hints = true
# A session's link as a hyperlink the terminal can open (OSC 8; false: plain text).
# links = true

[keys]
# A command's name, then its keys: they replace the command's default keys on every screen
# that has it. Keys: a character ("x", "X", "?"), "Ctrl-x", or Space, Enter, Esc, Tab,
# Shift-Tab, Backspace, Delete, Up, Down, Left, Right, PgUp, PgDn, Home, End.
# `lineup config --keys` lists the commands with their keys.
# toggle_pick = ["Space", "x"]
# show_agenda = "A"
#
# Keys for one screen only: grid, detail, agenda, help, typing, question, changes, plan, fits,
# now_next, choose, message, everywhere; lists holds the keys every list and page shares
# (page_down, half_page_down, home, end …).
# [keys.agenda]
# toggle_pick = "d"

[colours]
# A style's name, then a colour (red, light-blue, dark-gray …, 0–255, "#rrggbb", reset) for
# its text, or a table with fg, bg, bold, dim, italic, underlined, reversed. With NO_COLOR or
# TERM=dumb only the attributes apply.
# picked = "green"
# clash = { fg = "white", bg = "red", bold = true }
# track1 = "#7aa2f7"

[remind]
# Minutes before each planned talk and event of your own that `lineup remind` notifies and the
# TUI shows a banner.
# before = 5
# Run this instead of a desktop notification, through sh -c, with the reminder in environment
# variables: LINEUP_MESSAGE, LINEUP_TITLE, LINEUP_START, LINEUP_END, LINEUP_PLACE, LINEUP_FROM,
# LINEUP_WALK (minutes), LINEUP_ID, LINEUP_KIND (talk or event). Quote them: "$LINEUP_TITLE".
# command = "notify-send lineup \"$LINEUP_MESSAGE\""
# Ring the terminal's bell in the TUI when a reminder comes.
# bell = false

# [walking.fosdem-2026]
# Per conference (its id, as `lineup conferences` lists it; "*" for any other): the venue's
# areas by room-name patterns (* matches any run of letters, case is ignored), the minutes
# between two rooms of one area, and between two areas. Rooms no area names, and any two areas
# not listed, take `walk`. The plan, gaps, the walking notes and `lineup missed` use it.
# areas = { K = ["K.*"], U = ["UA*", "UB*", "UD*"], H = ["H.*", "Janson"] }
# within = { K = 3, U = 2, H = 2 }
# between = [["K", "U", 8], ["K", "H", 4], ["U", "H", 6]]
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("/home/me/.config/lineup/config.toml")
    }

    #[test]
    fn the_example_parses_and_changes_nothing() {
        let (settings, keymap) = check(EXAMPLE, p()).unwrap();
        assert_eq!(settings, Settings::default());
        assert_eq!(keymap, Keymap::default());
    }

    #[test]
    fn the_example_with_its_settings_uncommented_parses() {
        let text: String = EXAMPLE
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.contains(" = ")
                        || rest.starts_with("[keys.")
                        || rest.starts_with("[walking.") =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let (settings, keymap) = check(&text, p()).unwrap();
        assert_eq!(settings.minutes_per_row, Some(10));
        assert_eq!(settings.background, Some(false));
        assert_eq!(settings.hints, Some(true));
        assert_eq!(settings.links, Some(true));
        assert_eq!(settings.remind_before, Some(5));
        assert!(settings.remind_command.is_some());
        assert_eq!(settings.remind_bell, Some(false));
        let fosdem = settings.walking_for("fosdem-2026", Some(5));
        assert_eq!(fosdem.minutes(Some("K.3.401"), Some("UB2.252A")), 8);
        assert_eq!(fosdem.minutes(Some("K.3.401"), Some("K.4.201")), 3);
        assert_eq!(fosdem.minutes(Some("AW1.120"), Some("K.4.201")), 5);
        // Another conference walks the one number.
        assert!(!settings.walking_for("pycon-2012", None).has_areas());
        assert_eq!(settings.styles.len(), 3);
        assert_eq!(keymap.hint(Context::Agenda, Command::TogglePick), "d");
        assert_eq!(keymap.hint(Context::Grid, Command::ShowAgenda), "A");
    }

    #[test]
    fn mistakes_name_the_file_line_and_choices() {
        let cases = [
            ("[grid]\nwalks = 3\n", ":2", "walk"),
            ("[grid]\nbackground = \"dark\"\n", ":2", "\"terminal\""),
            (
                "[walking.x]\nareas = { K = [\"K.*\"] }\nbetween = [[\"K\", \"U\", 8]]\n",
                ":1",
                "no area is called `U`",
            ),
            (
                "[walking.x]\nareas = { K = [\"K.*\"] }\nwithin = { H = 2 }\n",
                ":1",
                "within names `H`",
            ),
            ("[keys]\npik = \"x\"\n", ":2", "toggle_pick"),
            ("[keys]\ntoggle_pick = \"Spcae\"\n", ":2", "Space"),
            ("[colours]\npicked = \"greeen\"\n", ":2", "#rrggbb"),
            ("[colours]\npickd = \"green\"\n", ":2", "picked"),
            (
                "[grid]\nminutes_per_row = 7\n",
                ":2",
                "[2, 5, 10, 15, 20, 30]",
            ),
            (
                "[grid]\ndisplay_tz = \"Mars/Olympus\"\n",
                ":2",
                "venue, local",
            ),
            ("[keys.gird]\nquit = \"x\"\n", "", "grid"),
        ];
        for (text, line, choice) in cases {
            let e = parse(text, p())
                .and_then(|_| check(text, p()).map(|_| Settings::default()))
                .unwrap_err()
                .to_string();
            assert!(e.contains(&format!("config.toml{line}")), "{text}: {e}");
            assert!(e.contains(choice), "{text}: {e}");
            assert!(e.contains("went on with the defaults"), "{e}");
        }
    }

    #[test]
    fn a_key_taken_by_another_command_on_the_same_screen_is_refused() {
        let e = check("[keys]\ntoggle_pick = \"q\"\n", p())
            .unwrap_err()
            .to_string();
        assert!(e.contains("`q`") && e.contains("quit"), "{e}");
    }

    #[test]
    fn every_command_and_style_name_round_trips() {
        for c in Keymap::default().commands() {
            let name = command_name(c);
            assert_eq!(command_named(&name), Ok(c), "{name}");
            let text = format!("[keys]\n{name} = \"F5\"\n");
            // F5 is no key lineup names: the sentence lists the names, so it is an error.
            assert!(parse(&text, p()).is_err());
        }
        for name in Theme::NAMES {
            let text = format!("[colours]\n{name} = \"red\"\n");
            let s = parse(&text, p()).unwrap();
            assert_eq!(s.styles[0].0, *name);
            let mut theme = Theme::new(super::super::theme::Palette::Ansi);
            theme.change(&s.styles);
            assert_eq!(
                theme.style(name).and_then(|st| st.fg),
                Some(Color::Red),
                "{name}"
            );
        }
    }
}

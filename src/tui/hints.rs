//! The hint bar: one row above the status line naming the current screen's main keys, read
//! from the keymap (so a key the config moves shows where it went). Shown from
//! [`MIN_ROWS`] rows up unless the config turns it off; a screen too narrow for every hint
//! shows the first ones that fit whole.

use super::action::Command;
use super::app::App;
use super::keymap::{Context, Keymap};
use crate::text;

/// The fewest terminal rows that get a hint bar: below that every row goes to the schedule.
pub const MIN_ROWS: u16 = 30;

/// The main commands of a screen with the word the bar says for each, in the bar's order.
fn main_commands(context: Context) -> &'static [(Command, &'static str)] {
    use Command::*;
    match context {
        Context::Grid => &[
            (TogglePick, "pick"),
            (Open, "details"),
            (StartSearch, "search"),
            (StartGoto, "go to"),
            (ShowAgenda, "agenda"),
            (ShowPlan, "plan"),
            (ShowNow, "now"),
            (OnlyPicks, "my picks"),
            (ChooseTracks, "tracks"),
            (JumpBack, "back"),
            (Undo, "undo"),
            (Quit, "quit"),
        ],
        Context::Detail => &[
            (TogglePick, "pick"),
            (Must, "must"),
            (Want, "want"),
            (Maybe, "maybe"),
            (OpenUrl, "open link"),
            (Copy, "copy"),
            (Close, "back"),
        ],
        Context::Agenda => &[
            (Open, "go to"),
            (TogglePick, "unpick"),
            (Must, "must"),
            (Want, "want"),
            (Maybe, "maybe"),
            (StartFilter, "filter"),
            (ShowFits, "talks that fit"),
            (StartExport, "export"),
            (Close, "back"),
        ],
        Context::Plan => &[
            (Open, "go to"),
            (Must, "must"),
            (Want, "want"),
            (Maybe, "maybe"),
            (StartFilter, "filter"),
            (StartPlanExport, "export"),
            (Close, "back"),
        ],
        Context::Changes => &[
            (Open, "go to"),
            (AcceptMove, "accept move"),
            (StartFilter, "filter"),
            (Close, "back"),
        ],
        Context::Fits => &[
            (Open, "go to"),
            (TogglePick, "pick"),
            (StartFilter, "filter"),
            (Close, "back"),
        ],
        Context::NowNext => &[(Open, "go to"), (StartFilter, "filter"), (Close, "back")],
        Context::Choose => &[
            (TogglePick, "show/hide"),
            (ToggleAll, "all"),
            (StartFilter, "filter"),
            (Close, "done"),
        ],
        Context::Help => &[(StartFilter, "filter"), (Close, "back")],
        Context::Message => &[(Close, "back")],
        Context::Global | Context::Typing | Context::Question | Context::Lists => &[],
    }
}

/// The key for a command as the screen sees it: its own binding, else everywhere's.
fn key_of(keymap: &Keymap, context: Context, command: Command) -> String {
    let own = keymap.hint(context, command);
    if own.is_empty() {
        keymap.hint(Context::Global, command)
    } else {
        own
    }
}

/// The hints of a screen: (key, what it does), the commands it has no key for left out, and a
/// list's paging keys after its own.
pub fn of(keymap: &Keymap, context: Context) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = main_commands(context)
        .iter()
        .map(|&(c, what)| (key_of(keymap, context, c), what))
        .filter(|(key, _)| !key.is_empty())
        .collect();
    if context.is_list() {
        let page = keymap.hint(Context::Lists, Command::PageDown);
        if !page.is_empty() {
            out.insert(out.len().saturating_sub(1), (page, "page"));
        }
    }
    out
}

/// Whether the bar is drawn: turned on, tall enough, and a screen that has main keys (the
/// typing line and the question say their keys themselves).
pub fn shown(app: &App) -> bool {
    shown_at(app, app.height)
}

/// Whether the bar is drawn on a screen `height` rows tall.
pub fn shown_at(app: &App, height: u16) -> bool {
    app.hints && height >= MIN_ROWS && !of(&app.keymap, app.mode.context()).is_empty()
}

/// The hints that fit whole in `width` columns, each as (key, what), two spaces apart.
pub fn fitting(app: &App, width: usize) -> Vec<(String, &'static str)> {
    let mut used = 1;
    of(&app.keymap, app.mode.context())
        .into_iter()
        .take_while(|(key, what)| {
            used += text::width(key) + 1 + text::width(what) + 2;
            used <= width + 2
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_with_keys_has_a_way_back_or_out() {
        let keymap = Keymap::default();
        for context in Context::ALL {
            let hints = of(&keymap, context);
            if hints.is_empty() {
                continue;
            }
            assert!(
                hints
                    .iter()
                    .any(|(_, what)| matches!(*what, "back" | "done" | "quit")),
                "{context:?}: {hints:?}"
            );
        }
    }

    #[test]
    fn every_hint_names_a_key_bound_to_its_command_on_that_screen() {
        let keymap = Keymap::default();
        for context in Context::ALL {
            for (key, what) in of(&keymap, context) {
                let bound = keymap.bindings().iter().any(|b| {
                    [context, Context::Global, Context::Lists].contains(&b.context)
                        && b.keys.iter().any(|k| k.label() == key)
                        && main_commands(context)
                            .iter()
                            .chain(&[(Command::PageDown, "page")])
                            .any(|&(c, w)| c == b.command && w == what)
                });
                assert!(bound, "{context:?}: {key} {what}");
            }
        }
    }

    #[test]
    fn a_moved_key_is_hinted_where_it_went() {
        let keymap = Keymap::default()
            .with_keys(&[(
                Some(Context::Grid),
                Command::ShowAgenda,
                vec![super::super::keymap::Key::Char('A')],
            )])
            .unwrap_or_default();
        let hints = of(&keymap, Context::Grid);
        assert!(hints.contains(&("A".to_string(), "agenda")), "{hints:?}");
    }
}

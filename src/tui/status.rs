//! What the status area at the bottom says, as text: the prompt while typing (a message such as
//! an export's error above it), the question while asking, else one row: the counts, the
//! message and the help key, each in a cell of its own. A message longer than its cell is cut
//! with the key that reads it in full (a problem or warnings open in full at once). Geometry
//! reads how many rows it takes; the view draws it. `text` puts every message in words.

use super::action::Command;
use super::app::{App, Mode};
use super::keymap::{Context, Keymap};
use super::said::{LeftOut, Said, Undone};
use crate::message;
use crate::text;

/// The rows of the status area for a screen `width` columns wide.
pub fn lines(app: &App, width: u16) -> Vec<String> {
    let w = usize::from(width).max(1);
    let msg = message::for_terminal(&app.said());
    let key = |context, command| app.keymap.hint(context, command);
    let (submit, close) = (
        key(Context::Typing, Command::Submit),
        key(Context::Typing, Command::Close),
    );
    let prompt = match &app.mode {
        Mode::Search => Some(format!(
            "/{}  {}   {submit}: show the chosen result · {close}: clear",
            with_cursor(app.query.split()),
            if app.searching {
                "searching…".to_string()
            } else {
                plural(app.matches.len(), "match", "matches")
            }
        )),
        Mode::Export { path } => Some(format!(
            "Export {}to: {}  (.ics .md .txt .json .lanyrd)  {submit}: write · {close}: cancel",
            if app.export_plan { "the plan " } else { "" },
            with_cursor(path.split())
        )),
        Mode::Room { name } => Some(format!(
            "Room: {}  {}  {submit}: go · {close}: cancel",
            with_cursor(name.split()),
            room_candidates(app, name.text())
        )),
        Mode::Filter { line, .. } => Some(format!(
            "Filter: {}  {submit}: keep it · {close}: clear it · ↑/↓: move",
            with_cursor(line.split())
        )),
        Mode::NewEvent { line, start, end } => Some(format!(
            "Your event, {}: {}  (a span, @ a place)  {submit}: add · {close}: cancel",
            crate::presentation::span(start, end),
            with_cursor(line.split())
        )),
        Mode::Goto { line } => Some(format!(
            "Go to: {}  (16:00, sat 10:30, now)  {submit}: go · {close}: cancel",
            with_cursor(line.split())
        )),
        Mode::ConfirmReplace { path } => Some(format!(
            "{} exists: replace it? {}: replace · {}: change the name",
            message::for_terminal(path),
            key(Context::Question, Command::Confirm),
            key(Context::Question, Command::Close)
        )),
        _ => None,
    };
    if let Some(prompt) = prompt {
        // The message (an export's error, say) in a row of its own above the prompt.
        let mut rows = Vec::new();
        if !msg.is_empty() {
            rows.push(text::fit(&format!(" {msg}"), w));
        }
        rows.push(text::fit(&prompt, w));
        return rows;
    }
    let (left, right) = cells(app);
    let room = message_room(app, w);
    // With nothing else to say, the next planned talk or event about to start.
    let msg = match (&app.reminder, msg.is_empty()) {
        (Some(r), true) => {
            crate::presentation::now::reminder_line(r, app.now().minutes_until(&r.start))
        }
        _ => msg,
    };
    let shown = if text::width(&msg) > room {
        // Cut, with the key that reads it all.
        let more = format!(" … {} more", key(Context::Global, Command::ShowMessage));
        let keep = room.saturating_sub(text::width(&more));
        format!("{}{more}", text::fit(&msg, keep).trim_end_matches('…'))
    } else {
        msg
    };
    vec![format!(
        "{left}{}{right}",
        text::pad(&text::fit(&shown, room), room)
    )]
}

/// The status line's fixed cells: the counts (and what the lens leaves out) on the left, the
/// help key on the right, each of its own; the message goes between them.
fn cells(app: &App) -> (String, String) {
    let left = match super::choose_rows::lens_note(app) {
        Some(note) => format!(" {} · {note} │ ", counts(app)),
        None => format!(" {} │ ", counts(app)),
    };
    let right = format!(
        " │ {} help ",
        app.keymap.hint(Context::Grid, Command::ShowHelp)
    );
    (left, right)
}

/// How many columns the message has in the status line, `width` columns wide.
fn message_room(app: &App, width: usize) -> usize {
    let (left, right) = cells(app);
    width
        .saturating_sub(text::width(&left) + text::width(&right))
        .max(1)
}

/// Whether the message is longer than its cell of the status line.
pub fn overflows(app: &App) -> bool {
    let room = message_room(app, usize::from(app.width).max(1));
    text::width(&message::for_terminal(&app.said())) > room
}

/// How many rows the status area takes.
pub fn rows(app: &App) -> u16 {
    u16::try_from(lines(app, app.width).len())
        .unwrap_or(1)
        .max(1)
        + u16::from(super::hints::shown(app))
}

/// "2 picks · 1 clash · 1 cancelled": the live picks and their clashes (the same words as the
/// printed agenda's footer), then the picks the schedule cancelled or dropped, apart.
pub fn counts(app: &App) -> String {
    let counts = app.planner.counts();
    let clashes = app.overview().clash_count();
    let mut out = format!(
        "{} · {}",
        plural(counts.picks, "pick", "picks"),
        plural(
            usize::try_from(clashes).unwrap_or(usize::MAX),
            "clash",
            "clashes"
        )
    );
    let off = counts.cancelled + counts.gone;
    if off > 0 {
        out.push_str(&format!(" · {off} cancelled"));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The line's text with a bar where the cursor is.
fn with_cursor((before, after): (&str, &str)) -> String {
    format!(
        "{}▏{}",
        message::for_terminal(before),
        message::for_terminal(after)
    )
}

impl App {
    /// What the status line says, as it reads.
    pub fn said(&self) -> String {
        text(&self.message, &self.keymap)
    }
}

/// How a [`Said`] reads, with the keys `keymap` gives the commands it names: the one place
/// every status message is put in words.
pub fn text(said: &Said, keymap: &Keymap) -> String {
    let key = |c| keymap.hint(Context::Grid, c);
    match said {
            Said::Nothing => String::new(),
            Said::NothingSelected => "nothing selected".into(),
            Said::Picked { title, clash: false } => format!("picked {title}"),
            Said::Picked { title, clash: true } => {
                format!("picked {title} — it clashes with another pick")
            }
            Said::Unpicked { title } => format!("unpicked {title}"),
            Said::PickedAs { title, priority } => {
                format!("picked {title} as {}", priority.name())
            }
            Said::PriorityNow { title, priority } => format!("{title} is {} now", priority.name()),
            Said::AlreadyPriority { title, priority } => {
                format!("{title} is already {}", priority.name())
            }
            Said::Undone { what, left } => {
                let what = match what {
                    Undone::PickedAgain { title } => format!("picked {title} again"),
                    Undone::Unpicked { title } => format!("unpicked {title}"),
                    Undone::BackInPlace { title } => {
                        format!("{title} back at its old time and room")
                    }
                    Undone::PriorityAgain { title, priority } => {
                        format!("{title} is {} again", priority.name())
                    }
                    Undone::Rooms { hidden: 0 } => "every room shown again".into(),
                    Undone::Rooms { hidden: 1 } => "the rooms as they were: 1 hidden".into(),
                    Undone::Rooms { hidden } => {
                        format!("the rooms as they were: {hidden} hidden")
                    }
                    Undone::EventBack { title } => format!("{title} is back in your day"),
                    Undone::Watch { words } => format!("the watch for {words} as it was"),
                    Undone::EventGone { title } => format!("{title} taken out of your day"),
                };
                match left {
                    0 => format!("undone: {what}"),
                    n => format!("undone: {what} ({n} more to undo)"),
                }
            }
            Said::NothingToUndo => "nothing to undo".into(),
            Said::TookNewPlace { title } => format!("{title} now at its new time and room"),
            Said::AlreadyInPlace => "your pick already has that time and room".into(),
            Said::NotMoved => "this pick has not moved".into(),
            Said::OnlyMovedTakesPlace => "only a moved pick can take a new time".into(),
            Said::NoLongerInSchedule => "that talk is no longer in the schedule".into(),
            Said::NoFreeTimeAfter => "no free time right after this pick".into(),
            Said::NoTalkOnLine => "no talk on this line".into(),
            Said::Opening { url } => format!("opening {url}"),
            Said::NotAWebLink => {
                "this talk's link is not a web page (http or https); not opened".into()
            }
            Said::NoLink => "the schedule gives this talk no link".into(),
            Said::NoBrowser { reason, url } => {
                format!("cannot open a browser here ({reason}); the link is {url}")
            }
            Said::Copied { line } => format!("copied: {line}"),
            Said::NoTracks => {
                "this schedule gives its talks no tracks".into()
            }
            Said::NoRooms => "this schedule names no rooms".into(),
            Said::NoLanguages => "this schedule gives its talks no languages".into(),
            Said::NoTypes => "this schedule says of no session what kind it is".into(),
            Said::LensShows(n) if n.is_nothing() => {
                "the grid shows every track, language and room".into()
            }
            Said::LensShows(n) if n.picks_only || n.now_next => format!(
                "the grid shows {} ({} my picks or all, {} now and next or all)",
                super::said::lens_note(*n),
                key(Command::OnlyPicks),
                key(Command::OnlyNowNext),
            ),
            Said::LensShows(n) => format!(
                "the grid shows {} ({} chooses tracks, {} languages, {} rooms)",
                super::said::lens_note(*n),
                key(Command::ChooseTracks),
                key(Command::ChooseLanguages),
                key(Command::ChooseRooms)
            ),
            Said::NothingSoon { now } => format!(
                "nothing runs now ({}) or in the next hour: the grid shows all",
                now.format("%a %-d %b %H:%M")
            ),
            Said::NothingPickedToShow => format!(
                "nothing picked yet: {} picks the selected talk",
                key(Command::TogglePick)
            ),
            Said::NotInGrid(why) => {
                let (what, command) = match why {
                    LeftOut::RoomHidden => ("its room is hidden", Command::ChooseRooms),
                    LeftOut::TrackNotShown => {
                        ("its track is not among those shown", Command::ChooseTracks)
                    }
                    LeftOut::LanguageNotShown => (
                        "its language is not among those shown",
                        Command::ChooseLanguages,
                    ),
                    LeftOut::TypeNotShown => {
                        ("its kind is not among those shown", Command::ChooseTypes)
                    }
                    LeftOut::NotPicked => (
                        "only your picks are shown and it is not one",
                        Command::OnlyPicks,
                    ),
                    LeftOut::NotNow => (
                        "only now and the next hour are shown",
                        Command::OnlyNowNext,
                    ),
                };
                format!("not in the grid: {what} ({} chooses)", key(command))
            }
            Said::SearchAt { at, of, query } => format!(
                "{at} of {of} match{} for \"{query}\" (n/N: the next and previous in time)",
                if *of == 1 { "" } else { "es" }
            ),
            Said::NoSearch => format!("no search: press {} to search", key(Command::StartSearch)),
            Said::NoMatch { query } => format!("no session matches {}", message::quote(query)),
            Said::MatchesLeftOut { count, query } => format!(
                "the {} for {} are all left out of the grid (tracks and rooms chosen)",
                if *count == 1 { "match" } else { "matches" },
                message::quote(query)
            ),
            Said::Matches {
                at,
                count,
                query,
                wrapped,
            } => format!(
                "{at} of {count} match{} for \"{query}\" in time order{}",
                if *count == 1 { "" } else { "es" },
                if *wrapped { " (wrapped around)" } else { "" }
            ),
            Said::SearchCleared => "search cleared".into(),
            Said::NoRoomNamed { typed, rooms } => format!(
                "no room {} on this day; the rooms are {}",
                message::quote(typed),
                rooms.join(", ")
            ),
            Said::AtRoom { name } => format!("room {name}"),
            Said::RoomLeftOut { name, hidden: true } => format!(
                "{name} is hidden ({} shows it again)",
                key(Command::ChooseRooms)
            ),
            Said::RoomLeftOut {
                name,
                hidden: false,
            } => format!(
                "{name} has nothing this day in the tracks and languages shown ({} and {} choose)",
                key(Command::ChooseTracks),
                key(Command::ChooseLanguages)
            ),
            Said::LastRoom { right: true } => "no room further right".into(),
            Said::LastRoom { right: false } => "no room further left".into(),
            Said::WentTo { at } => format!("at {at}"),
            Said::OutsideDay { typed, first, last } => {
                format!("{typed} is outside this day's grid ({first}–{last}): at its edge")
            }
            Said::EventAdded {
                title,
                span,
                yielding,
            } => match yielding {
                0 => format!("added your event {title}, {span}"),
                n => format!(
                    "added your event {title}, {span}: the plan leaves out {n} pick{} for it",
                    if *n == 1 { "" } else { "s" }
                ),
            },
            Said::EventNeedsTitle => "an event needs a title: type one, then Enter".into(),
            Said::NothingToWatch => format!(
                "nothing to watch: search first ({}), then {} watches it",
                key(Command::StartSearch),
                key(Command::WatchSearch)
            ),
            Said::Watching {
                words,
                matching,
                already,
            } => format!(
                "{} {} ({matching} match now): each refresh reports new talks that match, marked ◉",
                if *already { "already watching" } else { "watching" },
                crate::message::quote(words)
            ),
            Said::MissedNotPicked { title } => {
                format!("{title} is not a pick: only a planned talk can be missed")
            }
            Said::Missed {
                title,
                alternatives: 0,
            } => format!(
                "missed {title} (u takes it back); nothing else runs near or starts soon"
            ),
            Said::Missed {
                title,
                alternatives,
            } => format!(
                "missed {title} (u takes it back): {alternatives} things to do instead, nearest first"
            ),
            Said::NotATime { typed, days } => format!(
                "{typed}: no time or day; try 16:00, 1600, sat 10:30 or now (days: {})",
                days.join(", ")
            ),
            Said::NoJump { back: true } => "no earlier place to go back to".into(),
            Said::NoJump { back: false } => "no later place to go forward to".into(),
            Said::NothingInRoom { room, at: Some(at) } => format!("nothing in {room} at {at}"),
            Said::NothingInRoom { room, at: None } => format!("nothing in {room} at this time"),
            Said::OneDay => "the schedule has one day".into(),
            Said::NowIs { at } => format!("now is {}", at.format("%a %H:%M")),
            Said::NotDuringConference { now, first } => format!(
                "now ({}) is not during the conference; try --now {}T10:00",
                now.format("%Y-%m-%d %H:%M"),
                first.map_or("2012-03-09".into(), |d| d.to_string())
            ),
            Said::MinutesPerRow { minutes } => format!("{minutes} minutes per row"),
            Said::ZoomLimit { finest, minutes } => format!(
                "already the {} zoom: {minutes} minutes per row",
                if *finest { "finest" } else { "coarsest" }
            ),
            Said::Folded => format!(
                "long empty stretches folded ({} to unfold)",
                key(Command::ToggleFold)
            ),
            Said::Unfolded => "empty stretches shown in full".into(),
            Said::ZoneShown { zone: Some(tz) } => format!("times in {}", tz.name()),
            Said::ZoneShown { zone: None } => {
                "times in the venue's zone, as the schedule gives them".into()
            }
            Said::CannotShowZone => {
                "the schedule's times give no zone, so they cannot be shown in another".into()
            }
            Said::OnlyVenueZone => "times are in the venue's zone; --display-tz ZONE or display_tz in the config adds another".into(),
            Said::ExportCancelled => "export cancelled".into(),
            Said::NotReplaced => format!(
                "not replaced: change the name, or {} to cancel",
                keymap.hint(Context::Typing, Command::Close)
            ),
            Said::Exported { count, plan, path } => format!(
                "exported {count} {}{} to {}",
                if *plan { "planned pick" } else { "pick" },
                if *count == 1 { "" } else { "s" },
                path.display()
            ),
            Said::ExportFailed { reason } => reason.clone(),
            Said::NotRefreshable => format!(
                "this schedule is not from the library; `lineup add FILE|URL` adds a conference that {} refreshes",
                key(Command::Refresh)
            ),
            Said::AlreadyFetching { id } => format!("already fetching {id}…"),
            Said::Fetching { id } => format!("fetching {id}… (the screen stays live)"),
            Said::Unchanged { id, since } => format!(
                "{id}: unchanged since {}",
                since.format("%Y-%m-%d %H:%M UTC")
            ),
            Said::Fetched { id, changed } => {
                format!("{id}: fetched; {changed} of your picks changed")
            }
            Said::RefreshFailed {
                reason,
                since: Some(at),
            } => format!(
                "{reason}; the copy fetched {} stays in use",
                at.format("%Y-%m-%d %H:%M UTC")
            ),
            Said::RefreshFailed {
                reason,
                since: None,
            } => reason.clone(),
            Said::WaitingForLock { lock } => format!(
                "waiting for {} (another lineup is saving this agenda)…",
                lock.display()
            ),
            Said::NotSavedYet { reason } => format!("not saved yet (will retry): {reason}"),
            Said::NotSaved { reason } => format!("your last changes could not be saved: {reason}"),
            Said::RoomsNotRemembered { reason: Some(r) } => {
                format!("rooms hidden not remembered: {r}")
            }
            Said::RoomsNotRemembered { reason: None } => {
                "rooms hidden are not remembered: no home folder to keep them in".into()
            }
            Said::Problem { reason } => reason.clone(),
            Said::Warnings { first, more: 0 } => first.clone(),
            Said::Warnings { first, more } => format!(
                "{first} (and {more} more warnings: run `lineup sessions` to see them)"
            ),
            Said::PicksMoved { count } => format!(
                "{count} of your picks moved: see my agenda ({})",
                key(Command::ShowAgenda)
            ),
            Said::PicksGone { count } => format!(
                "{count} of your picks are no longer in the schedule: see my agenda ({})",
                key(Command::ShowAgenda)
            ),
            Said::CacheRebuilt { id, reason: None } => format!(
                "{id}: the cached copy was damaged; read again from its source (the screen shows it now)"
            ),
            Said::CacheRebuilt {
                id,
                reason: Some(r),
            } => format!(
                "{id}: the cached copy was damaged and could not be read again ({r}); the screen may show blanks: restart lineup"
            ),
            Said::CopyFetched { at } => format!(
                "the copy fetched {}; {} fetches it again",
                at.format("%Y-%m-%d %H:%M UTC"),
                key(Command::Refresh)
            ),
        }
}

/// The rooms `R` would go to for what is typed so far: the first named, the rest counted.
fn room_candidates(app: &App, typed: &str) -> String {
    let found = app.rooms_named(typed);
    let Some(day) = app.day_index() else {
        return String::new();
    };
    let names: Vec<&str> = found
        .iter()
        .filter_map(|&k| day.columns.get(k).map(|c| c.name.as_str()))
        .collect();
    match names[..] {
        [] if typed.trim().is_empty() => String::new(),
        [] => "(no room of this day)".into(),
        [one] => format!("→ {}", message::for_terminal(one)),
        [first, ..] => format!(
            "→ {} (+{} more: {})",
            message::for_terminal(first),
            names.len() - 1,
            names[1..]
                .iter()
                .take(3)
                .map(|n| message::for_terminal(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

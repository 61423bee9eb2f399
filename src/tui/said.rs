//! What the status line says: every message the TUI shows is a [`Said`], a typed value with the
//! facts it is about; `status::text` is the one way each reads (the keys it names come from
//! the keymap). Only `update` sets it; the edge's answers arrive as actions carrying a `Said`.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::agenda::Priority;

/// Why a talk shown in its details is not in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    RoomHidden,
    TrackNotShown,
    LanguageNotShown,
    TypeNotShown,
    /// Only my picks are shown, and it is not one.
    NotPicked,
    /// Only now and the next hour are shown, and it is not then.
    NotNow,
}

/// What the lens leaves out: the tracks and the languages shown of how many (when some are
/// chosen), and how many rooms are hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Narrowed {
    pub tracks: Option<(usize, usize)>,
    pub languages: Option<(usize, usize)>,
    pub types: Option<(usize, usize)>,
    pub rooms_hidden: usize,
    /// Only my picks are shown.
    pub picks_only: bool,
    /// Only what runs now and in the next hour is shown.
    pub now_next: bool,
}

impl Narrowed {
    /// Whether the grid shows everything.
    pub fn is_nothing(&self) -> bool {
        self.tracks.is_none()
            && self.languages.is_none()
            && self.types.is_none()
            && self.rooms_hidden == 0
            && !self.picks_only
            && !self.now_next
    }
}

/// A change taken back with `u`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    PickedAgain {
        title: String,
    },
    Unpicked {
        title: String,
    },
    BackInPlace {
        title: String,
    },
    PriorityAgain {
        title: String,
        priority: Priority,
    },
    /// The rooms hidden are as they were: this many.
    Rooms {
        hidden: usize,
    },
    /// A saved search saved or forgotten again.
    Watch {
        words: String,
    },
    /// An event of the person's own is back (its removal undone).
    EventBack {
        title: String,
    },
    /// An event of the person's own is gone again (its adding undone).
    EventGone {
        title: String,
    },
}

/// Something the status line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Said {
    #[default]
    Nothing,
    NothingSelected,
    Picked {
        title: String,
        clash: bool,
    },
    Unpicked {
        title: String,
    },
    PickedAs {
        title: String,
        priority: Priority,
    },
    PriorityNow {
        title: String,
        priority: Priority,
    },
    AlreadyPriority {
        title: String,
        priority: Priority,
    },
    Undone {
        what: Undone,
        left: usize,
    },
    NothingToUndo,
    /// A moved pick took its session's new time and room.
    TookNewPlace {
        title: String,
    },
    AlreadyInPlace,
    NotMoved,
    OnlyMovedTakesPlace,
    NoLongerInSchedule,
    NoFreeTimeAfter,
    NoTalkOnLine,
    Opening {
        url: String,
    },
    NotAWebLink,
    NoLink,
    NoBrowser {
        reason: String,
        url: String,
    },
    Copied {
        line: String,
    },
    /// The schedule gives its talks no tracks.
    NoTracks,
    /// The schedule names no rooms.
    NoRooms,
    /// The schedule gives its talks no languages.
    NoLanguages,
    /// The schedule gives its sessions no types.
    NoTypes,
    /// What the grid shows after a chooser changed it.
    LensShows(Narrowed),
    /// "Only my picks" asked for with nothing picked.
    NothingPickedToShow,
    /// "Only now and next" asked for when nothing runs now or in the next hour.
    NothingSoon {
        now: NaiveDateTime,
    },
    NotInGrid(LeftOut),
    SearchAt {
        at: usize,
        of: usize,
        query: String,
    },
    NoSearch,
    NoMatch {
        query: String,
    },
    MatchesLeftOut {
        count: usize,
        query: String,
    },
    Matches {
        /// The selected match's place among them in time order, from 1.
        at: usize,
        count: usize,
        query: String,
        wrapped: bool,
    },
    SearchCleared,
    NoRoomNamed {
        typed: String,
        rooms: Vec<String>,
    },
    AtRoom {
        name: String,
    },
    /// `R` named a room the grid leaves out: hidden (`H`), or emptied by the tracks or
    /// languages shown.
    RoomLeftOut {
        name: String,
        hidden: bool,
    },
    /// No room further that way.
    LastRoom {
        right: bool,
    },
    /// The grid went to a time typed after `:`.
    WentTo {
        at: String,
    },
    /// The time typed lies outside the day's grid: the grid went to its edge.
    OutsideDay {
        typed: String,
        first: String,
        last: String,
    },
    /// An event of the person's own added.
    EventAdded {
        title: String,
        span: String,
        /// How many picks the plan now leaves out for it.
        yielding: usize,
    },
    /// An event typed with no title.
    EventNeedsTitle,
    /// `*` with no search typed.
    NothingToWatch,
    /// `*`: the search is watched (or was already); this many talks match it now.
    Watching {
        words: String,
        matching: usize,
        already: bool,
    },
    /// `X` on a talk that is not picked.
    MissedNotPicked {
        title: String,
    },
    /// A pick marked missed; this many alternatives listed.
    Missed {
        title: String,
        alternatives: usize,
    },
    /// What was typed after `:` is no time or day.
    NotATime {
        typed: String,
        days: Vec<String>,
    },
    /// `Ctrl-O` or `Tab` with nowhere to go.
    NoJump {
        back: bool,
    },
    NothingInRoom {
        room: String,
        at: Option<String>,
    },
    OneDay,
    NowIs {
        at: NaiveDateTime,
    },
    NotDuringConference {
        now: NaiveDateTime,
        first: Option<NaiveDate>,
    },
    MinutesPerRow {
        minutes: i64,
    },
    /// `+` at the finest zoom, `-` at the coarsest.
    ZoomLimit {
        finest: bool,
        minutes: i64,
    },
    Folded,
    Unfolded,
    ZoneShown {
        zone: Option<Tz>,
    },
    OnlyVenueZone,
    /// Times with no zone and no offsets cannot be shown in another zone.
    CannotShowZone,
    ExportCancelled,
    NotReplaced,
    Exported {
        count: usize,
        plan: bool,
        path: PathBuf,
    },
    ExportFailed {
        reason: String,
    },
    NotRefreshable,
    AlreadyFetching {
        id: String,
    },
    Fetching {
        id: String,
    },
    Unchanged {
        id: String,
        since: DateTime<Utc>,
    },
    Fetched {
        id: String,
        changed: usize,
    },
    RefreshFailed {
        reason: String,
        since: Option<DateTime<Utc>>,
    },
    WaitingForLock {
        lock: PathBuf,
    },
    NotSavedYet {
        reason: String,
    },
    NotSaved {
        reason: String,
    },
    RoomsNotRemembered {
        reason: Option<String>,
    },
    /// A file lineup reads at start (the config, the hidden rooms) could not be used.
    Problem {
        reason: String,
    },
    /// The schedule's warnings as the screen opens: the first, and how many more.
    Warnings {
        first: String,
        more: usize,
    },
    PicksMoved {
        count: usize,
    },
    PicksGone {
        count: usize,
    },
    CopyFetched {
        at: DateTime<Utc>,
    },
    /// The cached copy opened failed its check: made again from the cached source (`reason`
    /// `None`), or it could not be (why).
    CacheRebuilt {
        id: String,
        reason: Option<String>,
    },
}

impl Said {
    /// Whether there is something to say.
    pub fn is_empty(&self) -> bool {
        *self == Said::Nothing
    }

    /// Whether it reports a problem or warnings: too long for the status line, it opens in
    /// full at once (a short note is cut, and `!` reads it).
    pub fn is_report(&self) -> bool {
        matches!(
            self,
            Said::Problem { .. }
                | Said::Warnings { .. }
                | Said::ExportFailed { .. }
                | Said::RefreshFailed { .. }
                | Said::CacheRebuilt {
                    reason: Some(_),
                    ..
                }
                | Said::NotSaved { .. }
                | Said::NotSavedYet { .. }
                | Said::NoBrowser { .. }
                | Said::RoomsNotRemembered { .. }
                | Said::NoRoomNamed { .. }
        )
    }
}

/// "2 of 4 tracks, 1 of 3 languages, 1 room hidden": what the lens leaves out.
pub fn lens_note(n: Narrowed) -> String {
    let Narrowed {
        tracks,
        languages,
        types,
        rooms_hidden,
        picks_only,
        now_next,
    } = n;
    let mut parts = Vec::new();
    if picks_only {
        parts.push("only my picks".to_string());
    }
    if now_next {
        parts.push("only now and the next hour".to_string());
    }
    if let Some((shown, of)) = tracks {
        parts.push(format!("{shown} of {of} tracks"));
    }
    if let Some((shown, of)) = languages {
        parts.push(format!("{shown} of {of} languages"));
    }
    if let Some((shown, of)) = types {
        parts.push(format!("{shown} of {of} kinds"));
    }
    if rooms_hidden > 0 {
        let rooms = if rooms_hidden == 1 { "room" } else { "rooms" };
        parts.push(format!("{rooms_hidden} {rooms} hidden"));
    }
    parts.join(", ")
}

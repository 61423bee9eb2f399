//! The TUI's state: the schedule indexed by day and room, the selection, the view (zoom,
//! scroll, mode), search, picks and the status line. Built once; no terminal here.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::agenda_rows::AgendaRows;
use super::keymap::{Context, Keymap};
use super::timeline::{Timeline, ZOOMS};
use crate::agenda::plan::{self, Plan};
use crate::agenda::{Agenda, Op, Overview, Planner};
use crate::model::search::Index;
use crate::model::{DayIndex, Days, Lens, Schedule, Session, Stamp};

/// Which screen is in front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Grid,
    /// The selected session in full, scrolled by this many rows.
    Detail {
        scroll: usize,
    },
    /// My agenda, cursor on the n-th pick.
    Agenda {
        cursor: usize,
    },
    Help {
        scroll: u16,
    },
    /// Typing a search; the query lives in [`App::query`].
    Search,
    /// Typing a time (and day) to go to: `16:00`, `sat 10:30`, `now`.
    Goto {
        line: super::line::LineEdit,
    },
    /// Typing an event of the person's own, at `start`–`end` unless the line gives a span:
    /// `Lunch with Ana 12:30-13:30 @ Café Belga`.
    NewEvent {
        line: super::line::LineEdit,
        start: crate::model::Stamp,
        end: crate::model::Stamp,
    },
    /// Typing the export path (format guessed from the extension).
    Export {
        path: super::line::LineEdit,
    },
    /// Typing part of a room's name to go to it.
    Room {
        name: super::line::LineEdit,
    },
    /// The export path names an existing file: replace it? (y/n in the prompt line)
    ConfirmReplace {
        path: String,
    },
    /// The last refresh's change report, cursor on the n-th row.
    Changes {
        cursor: usize,
    },
    /// The best plan of the picks, cursor on the n-th row.
    Plan {
        cursor: usize,
    },
    /// What runs now and what is next, cursor on the n-th row.
    NowNext {
        cursor: usize,
    },
    /// Choosing the tracks or the rooms the grid shows, cursor on the n-th.
    Choose {
        list: Chooser,
        cursor: usize,
    },
    /// A message too long for the status line, in full, scrolled by this many rows; `back` is
    /// the screen it was said on.
    Message {
        scroll: usize,
        back: Box<Mode>,
    },
    /// Typing what narrows the list of `back` (a chooser, the help), shown behind as it narrows.
    Filter {
        line: super::line::LineEdit,
        back: Box<Mode>,
    },
    /// The talks not picked that fit a free stretch whole, cursor on the n-th; `back` is the
    /// screen to return to.
    /// "I couldn't get in": what to do instead of the talk just marked missed
    /// ([`App::alternatives`]), cursor on the n-th.
    Alternatives {
        cursor: usize,
    },
    Fits {
        start: Stamp,
        end: Stamp,
        cursor: usize,
        back: Box<Mode>,
    },
}

impl Mode {
    /// Where the keys of this screen are looked up.
    pub fn context(&self) -> Context {
        match self {
            Mode::Grid => Context::Grid,
            Mode::Detail { .. } => Context::Detail,
            Mode::Agenda { .. } => Context::Agenda,
            Mode::Help { .. } => Context::Help,
            Mode::Search
            | Mode::Export { .. }
            | Mode::Room { .. }
            | Mode::Goto { .. }
            | Mode::NewEvent { .. }
            | Mode::Filter { .. } => Context::Typing,
            Mode::ConfirmReplace { .. } => Context::Question,
            Mode::Changes { .. } => Context::Changes,
            Mode::Plan { .. } => Context::Plan,
            Mode::Fits { .. } | Mode::Alternatives { .. } => Context::Fits,
            Mode::NowNext { .. } => Context::NowNext,
            Mode::Choose { .. } => Context::Choose,
            Mode::Message { .. } => Context::Message,
        }
    }
}

/// How to take a change back (`u`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A change to the picks: the change that takes it back.
    Picks(Op),
    /// A change to the rooms hidden: the rooms hidden before it.
    Rooms(std::collections::BTreeSet<String>),
}

/// What a chooser chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chooser {
    /// The tracks to show (none marked: all).
    Tracks,
    /// The languages to show (none marked: all).
    Languages,
    /// The kinds of session to show, as the schedule types them (none marked: all).
    Types,
    /// The rooms to show (remembered per conference).
    Rooms,
}

/// How the TUI plans: no walking time between rooms, gaps from 15 minutes.
pub fn plan_settings() -> plan::Settings {
    plan::Settings {
        walking: Default::default(),
        min_gap: Some(15),
        only_day: None,
        partial: false,
        rank: false,
    }
}

/// Sessions matching the search, as sorted indexes: cheap to narrow, clone and look up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches(Vec<usize>);

impl Matches {
    pub fn contains(&self, i: &usize) -> bool {
        self.0.binary_search(i).is_ok()
    }
    /// Where session `i` is among the matches, in time order (sessions are).
    pub fn position(&self, i: usize) -> Option<usize> {
        self.0.binary_search(&i).ok()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl FromIterator<usize> for Matches {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut v: Vec<usize> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        Matches(v)
    }
}

impl IntoIterator for Matches {
    type Item = usize;
    type IntoIter = std::vec::IntoIter<usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Everything the TUI shows and remembers.
#[derive(Debug)]
pub struct App {
    /// The person's picks worked out against the schedule shown: every fact about a pick the
    /// screens show comes from here.
    pub planner: Planner,
    /// The schedule with its times as read (the venue's), which other zones are made from.
    pub(crate) as_read: Arc<Schedule>,
    pub days: Vec<DayIndex>,
    pub day: usize,
    /// The current column (kept when the selection is a plenary spanning all columns).
    pub column: usize,
    pub selected: Option<usize>,
    pub zoom: usize,
    pub fold: bool,
    /// First visible row of the grid body, first visible column.
    pub scroll_row: usize,
    pub scroll_col: usize,
    pub mode: Mode,
    pub query: super::line::LineEdit,
    pub matches: Matches,
    /// Match sets of the shorter queries typed so far, so typing narrows and Backspace
    /// restores without scanning the whole schedule again.
    pub(crate) earlier_matches: Vec<Matches>,
    /// The schedule's search index, once the edge has built it (searching reads the sessions
    /// until then).
    pub search_index: Option<Arc<Index>>,
    /// The query waits for the search index (its matches come with it).
    pub searching: bool,
    /// The agenda view's rows, laid out when the picks change.
    pub agenda_rows: AgendaRows,
    /// What the status line says (only `update` sets it).
    pub message: super::said::Said,
    /// The time used for "now" and for stamping picks, as the edge read it, with the machine's
    /// local offset (a floating schedule's "now" is its wall-clock time; nothing here asks the
    /// system for its zone).
    pub clock: DateTime<FixedOffset>,
    /// `--now` given: "now" stays there instead of following the clock.
    pub fixed_now: Option<Stamp>,
    pub width: u16,
    pub height: u16,
    pub palette: super::theme::Palette,
    /// The keys: what each does, and what hints on screen name.
    pub keymap: Keymap,
    pub quit: bool,
    /// The library conference shown, which `r` fetches again (`None`: the built-in schedule
    /// or a `--schedule` file, which do not change).
    pub refreshable: Option<String>,
    /// A refresh is under way.
    pub refreshing: bool,
    /// When the copy shown was fetched (a library conference).
    pub fetched: Option<chrono::DateTime<chrono::Utc>>,
    /// The rows of the last change report.
    pub changes: Vec<super::change_rows::ChangeRow>,
    /// The export being typed writes the plan, not every pick.
    pub export_plan: bool,
    /// The screen the export was started from (the grid, the agenda, the plan): shown behind
    /// the prompt, and where the export returns.
    pub export_from: Box<Mode>,
    /// How to take back the last changes to the picks and the rooms hidden, the last one last.
    pub undo: Vec<Undo>,
    /// The schedule's tracks, sorted: a talk's colour is its track's place here.
    pub tracks: Vec<String>,
    /// The colour the schedule gives each of `tracks`, if any (24-bit terminals draw it).
    pub track_rgb: Vec<Option<[u8; 3]>>,
    /// The search's matches best first (title or speaker matches, then the rest; each by
    /// start), for the results list, and the cursor in it.
    pub ranked: Vec<usize>,
    pub result: usize,
    /// The tracks and rooms the grid shows.
    pub lens: Lens,
    /// The config's colour changes, over the palette's styles.
    pub styles: Vec<(String, super::theme::StyleChange)>,
    /// lineup paints its own background (the rich palettes' panel and box fills) only when the
    /// config asks (`[grid] background = "lineup"`); else the terminal's shows.
    pub background: bool,
    /// The hint bar of the screen's main keys is drawn (from [`super::hints::MIN_ROWS`] rows).
    pub hints: bool,
    /// What to do instead of the talk last marked missed (`X`), and its title.
    pub alternatives: Vec<crate::agenda::missed::Alternative>,
    /// Minutes before a planned talk or event the banner shows (the config's `[remind]`), the
    /// reminder shown, and whether a new one rings the bell.
    pub remind_before: i64,
    pub reminder: Option<crate::agenda::remind::Reminder>,
    pub bell: bool,
    pub missed_title: String,
    /// Links on screen are written as OSC 8 hyperlinks (the config, and a terminal that is not
    /// the Linux console or dumb).
    pub links: bool,
    /// Friends' picks: each friend's name and the ids they picked (read once, at start).
    pub friends: Vec<(String, HashSet<String>)>,
    /// The zones `Z` goes through, the first the venue's (`None`), and which is shown.
    pub zones: Vec<Option<chrono_tz::Tz>>,
    pub zone: usize,
    /// How many sessions each track and room holds (the choosers' lines).
    pub catalogue: crate::model::Catalogue,
    /// Days laid out through an earlier lens, to lay out again when shown (a lens change lays
    /// out only the day on screen).
    pub(crate) stale: Vec<bool>,
    pub(crate) timeline: Timeline,
    /// Where the rows of the detail page's text start, as far as it was scrolled.
    pub detail_rows: super::text_rows::TextRows,
    /// The time `h`/`l` keep, while the selection is the one it was set with.
    pub at: Option<super::place::At>,
    /// Where jumps came from, for `Ctrl-O` and `Tab`.
    pub jumps: super::place::Jumps,
    /// The screen the help was opened from: its keys come first.
    pub help_from: Context,
    /// What narrows the list in front (a chooser, the help), as typed after `/`.
    pub list_filter: super::line::LineEdit,
    /// The sessions the last refresh added, moved or cancelled, by index, until each is seen
    /// (selected).
    pub fresh: std::collections::HashMap<usize, super::fresh::Fresh>,
}

/// Now on `schedule`: `fixed` (`--now`), else `clock` in the zone shown (a floating schedule's
/// now is the clock's wall time).
fn now_in(schedule: &Schedule, clock: DateTime<FixedOffset>, fixed: Option<Stamp>) -> Stamp {
    fixed.unwrap_or_else(|| {
        if schedule.is_floating() {
            Stamp::floating(clock.naive_local())
        } else {
            Stamp::zoned(clock).in_zone(schedule.shown_zone())
        }
    })
}

/// The fewest sessions for which opening lays out the day shown, plans and counts on threads
/// of their own: at 100,000 each takes 3-4 ms, at 10,000 about 0.4 ms. When the layout and
/// the counting ran on two threads at 10,000 while the cache was decoded on two, the first
/// frame came no sooner (19.0 ms against 16.1); with the three apart and the cache decoded
/// in one part, it came sooner in three of four interleaved comparisons (medians 11.57 ->
/// 10.85, 10.38 -> 9.79, 12.70 -> 12.52 ms) and the same in the fourth (10.04, 10.08).
const BOTH_AT_ONCE: usize = 10_000;

impl App {
    /// An app on the schedule's first day.
    pub fn new(
        schedule: impl Into<Arc<Schedule>>,
        agenda: Agenda,
        clock: impl Into<DateTime<FixedOffset>>,
    ) -> App {
        App::on_day(
            schedule.into(),
            agenda,
            clock.into(),
            (Lens::default(), plan_settings()),
            |_, _| 0,
        )
    }

    /// An app on the day now belongs to (`fixed_now`, else the clock's), the day opening
    /// jumps to, seen through `lens` (the rooms hidden) and planned with `plan` (the config's
    /// walk): that day is laid out, and the picks planned, once, not the first day and then
    /// that one, nor without the lens or the walk and then with it (at 100,000 talks each
    /// day's layout takes 3-10 ms, and planning 200 picks about as long).
    pub fn at_now(
        schedule: impl Into<Arc<Schedule>>,
        agenda: Agenda,
        clock: impl Into<DateTime<FixedOffset>>,
        fixed_now: Option<Stamp>,
        (lens, plan): (Lens, plan::Settings),
    ) -> App {
        let clock = clock.into();
        let on = |schedule: &Schedule, days: &Days| {
            let now = now_in(schedule, clock, fixed_now);
            days.holding(schedule, &now).unwrap_or(0)
        };
        let mut app = App::on_day(schedule.into(), agenda, clock, (lens, plan), on);
        app.fixed_now = fixed_now;
        app
    }

    /// An app on the day `day` chooses once the days are known, seen through `lens`.
    fn on_day(
        schedule: Arc<Schedule>,
        agenda: Agenda,
        clock: DateTime<FixedOffset>,
        (lens, plan): (Lens, plan::Settings),
        day: impl FnOnce(&Schedule, &Days) -> usize + Send,
    ) -> App {
        // Counting the tracks and rooms, and planning the picks, each read every session; the
        // day opening shows is laid out from the days, grouped first. At 100,000 talks with
        // 200 picks, planning took as long as the layout: on a large schedule the three run
        // at once (the layout on this thread).
        let apart = schedule.sessions.len() >= BOTH_AT_ONCE;
        let ((first_day, planner), catalogue) = crate::model::parts::both(
            || {
                let days = Arc::new(Days::of(&schedule));
                let k = day(&schedule, &days);
                crate::model::parts::both(
                    || {
                        let (date, all) = days.sessions().get(k)?;
                        Some((k, DayIndex::through(&schedule, *date, all, &lens)))
                    },
                    || {
                        let days = Arc::clone(&days);
                        Planner::with_days(Arc::clone(&schedule), days, agenda, plan)
                    },
                    apart,
                )
            },
            || crate::model::Catalogue::of(&schedule),
            apart,
        );
        let mut app = App {
            as_read: Arc::clone(&schedule),
            planner,
            days: Vec::new(),
            day: 0,
            column: 0,
            selected: None,
            zoom: 2,
            fold: false,
            scroll_row: 0,
            scroll_col: 0,
            mode: Mode::Grid,
            query: Default::default(),
            matches: Matches::default(),
            earlier_matches: Vec::new(),
            search_index: None,
            searching: false,
            agenda_rows: AgendaRows::default(),
            message: super::said::Said::Nothing,
            clock,
            fixed_now: None,
            width: 80,
            height: 24,
            palette: super::theme::Palette::default(),
            keymap: Keymap::default(),
            quit: false,
            refreshable: None,
            refreshing: false,
            fetched: None,
            changes: Vec::new(),
            export_plan: false,
            export_from: Box::new(Mode::Grid),
            undo: Vec::new(),
            ranked: Vec::new(),
            result: 0,
            tracks: Vec::new(),
            track_rgb: Vec::new(),
            lens,
            styles: Vec::new(),
            background: false,
            hints: true,
            alternatives: Vec::new(),
            remind_before: 5,
            reminder: None,
            bell: false,
            missed_title: String::new(),
            links: false,
            zones: vec![None],
            friends: Vec::new(),
            zone: 0,
            catalogue: Default::default(),
            stale: Vec::new(),
            timeline: Timeline::new(0, 60, 10, &[], false),
            detail_rows: Default::default(),
            at: None,
            jumps: Default::default(),
            list_filter: Default::default(),
            help_from: Context::Grid,
            fresh: Default::default(),
        };
        app.index_schedule(catalogue);
        // Laid out through the lens the app opens with, as `relayout` would.
        if let Some((k, day)) = first_day
            && let (Some(slot), Some(stale)) = (app.days.get_mut(k), app.stale.get_mut(k))
        {
            *slot = day;
            *stale = false;
            app.day = k;
        }
        app.lay_out_agenda();
        app.relayout();
        app.selected = app.first_in_column(app.column);
        app
    }

    /// The style of the `k`-th track: the theme's colour for its place, or, on a 24-bit terminal,
    /// the colour the schedule gives it.
    pub fn track_style(&self, theme: &super::theme::Theme, k: usize) -> ratatui::style::Style {
        let base = theme.tracks[k % super::theme::TRACK_COLOURS];
        let rich = matches!(
            self.palette,
            super::theme::Palette::Rich | super::theme::Palette::RichLight
        );
        match self.track_rgb.get(k).copied().flatten() {
            Some([r, g, b]) if rich => base.fg(ratatui::style::Color::Rgb(r, g, b)),
            _ => base,
        }
    }

    /// Every track with its style, for the legend.
    pub fn track_legend(
        &self,
        theme: &super::theme::Theme,
    ) -> Vec<(String, ratatui::style::Style)> {
        (0..self.tracks.len())
            .map(|k| (self.tracks[k].clone(), self.track_style(theme, k)))
            .collect()
    }

    /// Keeps the agenda's cursor on a pick that is there and shown (a filter may leave it out).
    pub fn clamp_agenda_cursor(&mut self) {
        if let Mode::Agenda { cursor } = self.mode {
            let mut cursor = cursor.min(self.overview().picks.len().saturating_sub(1));
            let shown = self.agenda_rows.shown();
            if !shown.is_empty() && !shown.contains(&cursor) {
                cursor = shown[0];
            }
            self.mode = Mode::Agenda { cursor };
        }
    }

    /// Forgets what narrows the list in front (the agenda's rows laid out whole again).
    pub fn clear_list_filter(&mut self) {
        if !self.list_filter.text().is_empty() {
            self.list_filter = Default::default();
            self.lay_out_agenda();
        }
    }

    /// Lays the agenda view's rows out again, narrowed by what is typed after `/` there.
    pub fn lay_out_agenda(&mut self) {
        let events: Vec<crate::agenda::Event> = self.agenda().events().cloned().collect();
        self.agenda_rows =
            AgendaRows::of_matching(self.planner.overview(), &events, self.list_filter.text());
    }

    /// Where session `i`'s track is among the schedule's tracks (its colour).
    pub fn track_index(&self, i: usize) -> Option<usize> {
        let t = self.session(i).track.as_deref()?;
        self.tracks.binary_search_by(|x| x.as_str().cmp(t)).ok()
    }

    /// The schedule shown (in the zone shown).
    pub fn schedule(&self) -> &Arc<Schedule> {
        self.planner.schedule()
    }

    /// The picks, as saved or about to be.
    pub fn agenda(&self) -> &Agenda {
        self.planner.agenda()
    }

    /// Every pick placed, with clashes, room changes and gaps among the live ones.
    pub fn overview(&self) -> &Overview {
        self.planner.overview()
    }

    /// The best plan of the live picks.
    pub fn plan(&self) -> &Plan {
        self.planner.plan()
    }

    /// The index of the session with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.planner.index_of(id)
    }

    pub fn session(&self, i: usize) -> &Session {
        &self.planner.schedule().sessions[i]
    }

    pub fn selected_session(&self) -> Option<&Session> {
        self.selected.map(|i| self.session(i))
    }

    pub fn day_index(&self) -> Option<&DayIndex> {
        self.days.get(self.day)
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn per_row(&self) -> i64 {
        ZOOMS.get(self.zoom).copied().unwrap_or(10)
    }

    /// Rebuilds the time axis for the current day, zoom and folding (only when those change),
    /// laying the day out first if the lens changed since it was.
    pub fn relayout(&mut self) {
        self.lay_out_day();
        let per_row = self.per_row();
        self.timeline = match self.days.get(self.day) {
            None => Timeline::new(0, 60, per_row, &[], false),
            Some(d) => {
                let busy: Vec<(i64, i64)> = d.spans.iter().map(|&(_, s, e)| (s, e)).collect();
                Timeline::new(0, d.end_minute, per_row, &busy, self.fold)
            }
        };
    }

    /// What the app keeps of a schedule it takes: each day's sessions, the days (laid out when
    /// shown: opening lays out one day, not all), the ids, and the tracks and rooms with their
    /// counts (`catalogue`, counted already: the chooser's lines, and the tracks' colours).
    fn index_schedule(&mut self, catalogue: crate::model::Catalogue) {
        let schedule = self.planner.schedule();
        self.days = self
            .planner
            .days()
            .iter()
            .map(|(date, _)| DayIndex::build(schedule, *date, &[], &self.lens))
            .collect();
        self.stale = vec![true; self.days.len()];
        self.catalogue = catalogue;
        self.tracks = self
            .catalogue
            .tracks
            .iter()
            .filter_map(|(t, _)| t.clone())
            .collect();
        let colours = &self.planner.schedule().track_colours;
        self.track_rgb = self
            .tracks
            .iter()
            .map(|t| colours.get(t).copied())
            .collect();
    }

    /// Lays the current day out through the lens, if it was laid out through another.
    fn lay_out_day(&mut self) {
        let k = self.day;
        if !self.stale.get(k).copied().unwrap_or(false) {
            return;
        }
        if let Some((date, all)) = self.planner.days().get(k) {
            self.days[k] = DayIndex::through(self.planner.schedule(), *date, all, &self.lens);
        }
        self.stale[k] = false;
    }

    pub(crate) fn first_in_column(&self, column: usize) -> Option<usize> {
        self.day_index()?
            .columns
            .get(column)?
            .sessions
            .first()
            .copied()
    }

    /// Applies a change to the picks (through the planner, which brings the overview and the
    /// plan up to date) and lays the agenda's rows out again; whether it changed anything.
    pub fn apply(&mut self, op: &Op) -> bool {
        if !self.planner.apply(op) {
            return false;
        }
        self.lay_out_agenda();
        true
    }

    /// Takes the agenda as saved (another lineup's changes merged in).
    pub fn set_agenda(&mut self, agenda: Agenda) {
        self.planner.set_agenda(agenda);
        self.lay_out_agenda();
    }

    /// The time "now" is: `--now` when given, else the clock in the venue's zone.
    pub fn now(&self) -> Stamp {
        now_in(self.planner.schedule(), self.clock, self.fixed_now)
    }

    /// Takes a new version of the schedule (a refresh): the selection, the picks' places and the
    /// search follow their sessions by id; what is gone is let go.
    pub fn replace_schedule(&mut self, schedule: impl Into<Arc<Schedule>>) {
        let schedule = schedule.into();
        let old = Arc::clone(self.planner.schedule());
        self.as_read = Arc::clone(&schedule);
        self.planner.set_schedule(schedule);
        self.zone = 0;
        // The index was the old schedule's; the edge builds one for the new.
        self.search_index = None;
        let ids = |i: usize| old.sessions.get(i).map(|s| s.id.to_string());
        let selected = self.selected.and_then(ids);
        let matched: Vec<String> = self.matches.clone().into_iter().filter_map(ids).collect();
        self.index_schedule(crate::model::Catalogue::of(self.planner.schedule()));
        let watches: Vec<crate::model::search::Query> = self
            .agenda()
            .watches()
            .map(|w| crate::model::search::Query::new(w))
            .collect();
        self.fresh = super::fresh::fresh(&old, self.planner.schedule(), &watches);
        self.selected = selected.and_then(|id| self.index_of(&id));
        self.matches = matched.iter().filter_map(|id| self.index_of(id)).collect();
        self.earlier_matches.clear();
        if let Some(i) = self.selected {
            let day = self.session(i).day;
            self.day = self.days.iter().position(|d| d.date == day).unwrap_or(0);
        }
        self.day = self.day.min(self.days.len().saturating_sub(1));
        self.lay_out_day();
        let columns = self.day_index().map_or(0, |d| d.columns.len());
        self.column = self.column.min(columns.saturating_sub(1));
        self.lay_out_agenda();
        self.relayout();
    }

    /// Takes the same schedule with its times shown in another zone: the same sessions in the
    /// same order, so the id index, the search index, the catalogue and the days' session lists
    /// all stay; the plan is made again (its times are shown) and the days are laid out again,
    /// the one on screen now and the others when shown.
    pub fn retime(&mut self, schedule: Schedule) {
        self.planner.retime(Arc::new(schedule));
        self.lay_out_agenda();
        self.stale = vec![true; self.days.len()];
        self.relayout();
    }

    /// Shows only what `lens` lets through: the days are laid out again, the selection kept
    /// when it is still shown, the column kept on the same room when it is.
    pub fn set_lens(&mut self, lens: Lens) {
        // The same lens again (opening with no room hidden) lays nothing out again.
        if lens == self.lens {
            return;
        }
        let room = self
            .day_index()
            .and_then(|d| d.columns.get(self.column))
            .map(|c| c.name.clone());
        self.lens = lens;
        self.stale = vec![true; self.days.len()];
        self.lay_out_day();
        let columns = self.day_index().map_or(&[][..], |d| d.columns.as_slice());
        self.column = room
            .and_then(|r| columns.iter().position(|c| c.name == r))
            .unwrap_or(self.column)
            .min(columns.len().saturating_sub(1));
        if self.selected.is_some_and(|i| !self.shows(i)) {
            self.selected = self.first_in_column(self.column);
        }
        self.relayout();
    }

    /// The friends who picked session `i`, by name.
    pub fn friends_of(&self, i: usize) -> Vec<&str> {
        let id = &self.session(i).id;
        self.friends
            .iter()
            .filter(|(_, ids)| ids.contains(id.as_str()))
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The columns of the day shown whose room `typed` names, best first: names that begin with it,
    /// then names that hold it (case and accents aside). What `R` goes to and what its prompt lists
    /// while typing.
    pub fn rooms_named(&self, typed: &str) -> Vec<usize> {
        let want = crate::text::fold(typed.trim());
        let Some(day) = self.day_index() else {
            return Vec::new();
        };
        if want.is_empty() {
            return Vec::new();
        }
        let names: Vec<String> = day
            .columns
            .iter()
            .map(|c| crate::text::fold(&c.name))
            .collect();
        let starts = (0..names.len()).filter(|&k| names[k].starts_with(&want));
        let holds =
            (0..names.len()).filter(|&k| !names[k].starts_with(&want) && names[k].contains(&want));
        starts.chain(holds).collect()
    }

    /// The talks that fit a free stretch whole, best first, as shown: all, or while a filter is
    /// typed (`/`) those whose title, speakers or room hold it.
    pub fn fits_shown(&self, start: Stamp, end: Stamp) -> Vec<usize> {
        let fits = self.planner.fits_between(start, end);
        let want = crate::text::fold(self.list_filter.text().trim());
        if want.is_empty() {
            return fits;
        }
        fits.into_iter()
            .filter(|&i| {
                let s = self.session(i);
                [
                    s.title.as_str(),
                    &s.speaker_line(),
                    s.room.as_deref().unwrap_or(""),
                ]
                .iter()
                .any(|t| crate::text::fold(t).contains(&want))
            })
            .collect()
    }

    /// Whether the grid shows session `i` (the lens lets it through).
    pub fn shows(&self, i: usize) -> bool {
        self.lens.keeps(self.session(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::update::update;
    use ratatui::{Terminal, backend::TestBackend};

    /// PyCon's day, and the same talks again the next day.
    fn two_days() -> Schedule {
        let mut schedule = crate::import::native::default_schedule().unwrap();
        let next: Vec<Session> = schedule
            .sessions
            .iter()
            .map(|s| {
                let mut t = s.clone();
                t.id = format!("{}-again", s.id).into();
                t.day = s.day.succ_opt().unwrap();
                t.start = s.start.plus_minutes(24 * 60);
                t.end = s.end.plus_minutes(24 * 60);
                t
            })
            .collect();
        schedule.sessions.extend(next);
        schedule
    }

    fn drawn(app: &mut App) -> ratatui::buffer::Buffer {
        update(
            app,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        app.start_at_now();
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| crate::tui::view::draw(f, app)).unwrap();
        t.backend().buffer().clone()
    }

    #[test]
    fn opening_at_now_lays_out_now_s_day_once_and_shows_what_jumping_there_shows() {
        let schedule = two_days();
        let now = schedule.sessions[0].start.plus_minutes(24 * 60 + 90);
        let agenda = || Agenda::new((&schedule.conference).into());
        let clock = chrono::Utc::now();
        for hidden in [vec![], vec!["E1", "D5"]] {
            let lens = Lens {
                hidden_rooms: hidden.iter().map(|r| r.to_string()).collect(),
                ..Default::default()
            };
            let opening = (lens.clone(), plan_settings());
            let mut at_now = App::at_now(schedule.clone(), agenda(), clock, Some(now), opening);
            assert_eq!(at_now.day, 1, "now is on the second day");
            assert_eq!(
                at_now.stale,
                [true, false],
                "the first day was never laid out"
            );
            let names: Vec<&str> = at_now.days[1]
                .columns
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            assert!(hidden.iter().all(|r| !names.contains(r)), "{names:?}");
            // The way opening went before: the first day, then the lens, then now's day.
            let mut jumped = App::new(schedule.clone(), agenda(), clock);
            jumped.fixed_now = Some(now);
            jumped.set_lens(lens);
            assert_eq!(drawn(&mut at_now), drawn(&mut jumped), "hiding {hidden:?}");
            assert_eq!(
                (
                    at_now.day,
                    at_now.column,
                    at_now.selected,
                    at_now.scroll_row
                ),
                (
                    jumped.day,
                    jumped.column,
                    jumped.selected,
                    jumped.scroll_row
                )
            );
            assert!(at_now.selected.is_some());
        }
    }
}

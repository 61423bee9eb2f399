//! The TUI without a terminal: `update` driven by actions, and snapshots of `TestBackend`
//! screens.

use chrono::{DateTime, Utc};
use lineup::agenda::{Agenda, Op, Pick};
use lineup::model::{Schedule, Stamp};
use lineup::native::default_schedule;
use lineup::tui::{Action, App, Command, Effect, Mode, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SECURITY: &str = "advanced-security-topics";
const JINJA: &str = "code-generation-in-python-dismantling-jinja";

fn clock() -> DateTime<Utc> {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

fn app_for(schedule: Schedule) -> App {
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = App::new(schedule, agenda, clock());
    app.palette = lineup::tui::Palette::Mono;
    // "Now" before the conference: no now line unless a test asks for one.
    app.fixed_now = Stamp::parse("2012-03-08T12:00:00-08:00");
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

fn pycon() -> App {
    app_for(default_schedule().unwrap())
}

fn selected(app: &App) -> &str {
    &app.selected_session().unwrap().id
}

fn press(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| update(app, a.clone()))
        .collect()
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    update(app, Action::Resize { width, height });
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().to_string()
}

// ---- moving ----

#[test]
fn right_and_left_keep_the_time_so_there_and_back_returns() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(selected(&app), "the-magic-of-metaprogramming");
    press(
        &mut app,
        &[Action::Do(Command::Right), Action::Do(Command::Right)],
    );
    assert_eq!(selected(&app), "ipython-python-at-your-fingertips");
    // The last room has nothing at 14:00: one stands in its gap, said so.
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(app.selected, None);
    assert!(app.said().starts_with("nothing in "), "{}", app.said());
    assert!(app.said().ends_with(" at 14:00"), "{}", app.said());
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(app.said(), "no room further right");
    // Back four rooms: where one started, though Magic began at 13:45.
    for _ in 0..4 {
        press(&mut app, &[Action::Do(Command::Left)]);
    }
    assert_eq!(selected(&app), JINJA);
    // E4 is empty at 15:20: its gap, then D5; and back.
    app.select_id("decorators-and-context-managers");
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(app.selected, None);
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(
        selected(&app),
        "fake-it-til-you-make-it-unit-testing-patterns-with-mocks-and-fakes"
    );
    press(
        &mut app,
        &[Action::Do(Command::Left), Action::Do(Command::Left)],
    );
    assert_eq!(selected(&app), "decorators-and-context-managers");
}

#[test]
fn up_and_down_stay_in_the_room_through_plenaries() {
    let mut app = pycon();
    assert_eq!(selected(&app), "introduction-and-welcome");
    press(
        &mut app,
        &[
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
        ],
    );
    assert_eq!(
        selected(&app),
        "pbs-kids-building-a-login-system-for-kids-and-teens-in-python"
    );
    app.select_id(SECURITY);
    press(&mut app, &[Action::Do(Command::Down)]);
    assert_eq!(selected(&app), "make-sure-your-programs-crash");
    press(
        &mut app,
        &[Action::Do(Command::Down), Action::Do(Command::Down)],
    );
    assert_eq!(selected(&app), "introspecting-running-python-processes");
    // E2 is shorter: its last talk ends at 15:20.
    app.select_id("stepping-through-cpython");
    press(
        &mut app,
        &[
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
        ],
    );
    assert_eq!(selected(&app), "apache-cassandra-and-python");
    press(&mut app, &[Action::Do(Command::Home)]);
    assert_eq!(selected(&app), "introduction-and-welcome");
    press(&mut app, &[Action::Do(Command::End)]);
    assert_eq!(selected(&app), "apache-cassandra-and-python");
    // From a plenary, right keeps the session and moves the column.
    press(&mut app, &[Action::Do(Command::Home)]);
    let col = app.column;
    press(&mut app, &[Action::Do(Command::Right)]);
    assert_eq!(selected(&app), "introduction-and-welcome");
    assert_eq!(app.column, col + 1);
}

fn two_days() -> Schedule {
    let json = r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"two","title":"Two Days","time_zone":"Europe/Brussels","venue":null},
      "rooms":["A","B","C"],
      "sessions":[
        {"id":"d1a","title":"Day one in A","day":"2020-02-01","start":"2020-02-01T09:00:00+01:00","end":"2020-02-01T10:00:00+01:00","room":"A"},
        {"id":"d1c","title":"Day one in C","day":"2020-02-01","start":"2020-02-01T09:30:00+01:00","end":"2020-02-01T10:00:00+01:00","room":"C"},
        {"id":"d2a","title":"Day two early","day":"2020-02-02","start":"2020-02-02T08:00:00+01:00","end":"2020-02-02T09:00:00+01:00","room":"A"},
        {"id":"d2b","title":"Day two later","day":"2020-02-02","start":"2020-02-02T09:30:00+01:00","end":"2020-02-02T10:30:00+01:00","room":"A"},
        {"id":"late","title":"After midnight","day":"2020-02-02","start":"2020-02-03T00:30:00+01:00","end":"2020-02-03T01:00:00+01:00","room":"B"}
      ]}"#;
    lineup::native::from_json(json, "two.json").unwrap()
}

#[test]
fn days_switch_with_brackets_keeping_the_time_and_the_room() {
    let mut app = app_for(two_days());
    assert_eq!(app.days.len(), 2);
    app.select_id("d1a");
    press(&mut app, &[Action::Do(Command::Right)]);
    // Nothing runs in C at 09:00 (its talk starts at 09:30): one stands in its gap, and j
    // goes on to what comes next there.
    assert_eq!(app.selected, None);
    assert_eq!(app.said(), "nothing in C at 09:00");
    press(&mut app, &[Action::Do(Command::Down)]);
    assert_eq!(selected(&app), "d1c");
    app.select_id("d1a");
    press(&mut app, &[Action::Do(Command::NextDay)]);
    assert_eq!(app.day, 1);
    // Room A at 09:00 on day two: between its two talks.
    assert_eq!(app.selected, None);
    assert_eq!(app.said(), "nothing in A at 09:00");
    press(&mut app, &[Action::Do(Command::PrevDay)]);
    assert_eq!(app.day, 0);
    assert_eq!(selected(&app), "d1a", "there and back is where one was");
    press(
        &mut app,
        &[Action::Do(Command::NextDay), Action::Do(Command::NextDay)],
    );
    assert_eq!(app.day, 0, "wraps around");
    assert_eq!(selected(&app), "d1a");
    // A talk after midnight stays on its conference day.
    assert!(app.select_id("late"));
    assert_eq!(app.day, 1);
}

// ---- search ----

#[test]
fn search_highlights_selects_and_wraps() {
    let mut app = pycon();
    app.select_id(SECURITY);
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    for c in "PYTHON".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    assert_eq!(app.mode, Mode::Search);
    let n = app.matches.len();
    assert!(n > 10, "{n}");
    // The results list: title and speaker matches first (Advanced Security mentions Python
    // only in its abstract, so it comes after them).
    let best = app.ranked[0];
    assert!(
        app.session(best).title.contains("Python"),
        "{}",
        app.session(best).title
    );
    let security = app.index_of(SECURITY).unwrap();
    let at = app.ranked.iter().position(|&i| i == security).unwrap();
    assert!(at > 0);
    // ↓ then Enter shows the second result in the grid.
    press(
        &mut app,
        &[Action::Do(Command::Down), Action::Do(Command::Submit)],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(app.selected, Some(app.ranked[1]));
    assert!(app.said().starts_with("2 of "), "{}", app.said());
    // n steps through the matches in time order from there.
    let from = app.ranked[1];
    press(&mut app, &[Action::Do(Command::NextMatch)]);
    let next = app.selected.unwrap();
    assert!(app.matches.contains(&next) && next != from);
    // Narrow to one match; n wraps to itself, N too.
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    for c in "ronacher".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    assert_eq!(app.matches.len(), 1);
    // Backspace widens the search again, to exactly what the shorter query matched.
    let one = app.matches.clone();
    press(
        &mut app,
        &[
            Action::Do(Command::Backspace),
            Action::Do(Command::Backspace),
        ],
    );
    let mut fresh = pycon();
    press(&mut fresh, &[Action::Do(Command::StartSearch)]);
    for c in "ronach".chars() {
        press(&mut fresh, &[Action::Input(c)]);
    }
    assert_eq!(app.matches, fresh.matches);
    press(&mut app, &[Action::Input('e'), Action::Input('r')]);
    assert_eq!(app.matches, one);
    press(&mut app, &[Action::Do(Command::Submit)]);
    assert_eq!(selected(&app), JINJA);
    press(&mut app, &[Action::Do(Command::NextMatch)]);
    assert_eq!(selected(&app), JINJA);
    assert!(app.said().contains("wrapped"), "{}", app.said());
    press(&mut app, &[Action::Do(Command::Close)]);
    assert!(app.query.is_empty() && app.matches.is_empty());
    press(&mut app, &[Action::Do(Command::NextMatch)]);
    assert!(app.said().contains("press /"));
}

/// Types a search and gives its matches.
fn search_for(app: &mut App, typed: &str) -> Vec<usize> {
    press(app, &[Action::Do(Command::StartSearch)]);
    for c in typed.chars() {
        press(app, &[Action::Input(c)]);
    }
    let found = app.matches.clone().into_iter().collect();
    press(app, &[Action::Do(Command::Close)]);
    found
}

#[test]
fn search_finds_the_same_with_the_index_as_without_and_by_word_starts() {
    let mut plain = pycon();
    let mut indexed = pycon();
    let index = std::sync::Arc::new(lineup::model::search::Index::build(indexed.schedule()));
    let schedule = std::sync::Arc::clone(indexed.schedule());
    update(&mut indexed, Action::SearchReady { index, schedule });
    assert!(indexed.search_index.is_some());
    for typed in [
        "python",
        "PYTHON testing",
        "testing python",
        "jinja ronacher",
        "ing",
        "py t",
        "é",
    ] {
        assert_eq!(
            search_for(&mut plain, typed),
            search_for(&mut indexed, typed),
            "{typed}"
        );
    }
    // Words in any order, each the start of a word: "ing" begins none.
    assert!(search_for(&mut indexed, "ing").is_empty());
    assert_eq!(
        search_for(&mut indexed, "generation code jinja").len(),
        1,
        "Code Generation in Python: Dismantling Jinja"
    );
}

#[test]
fn a_big_schedule_waits_for_its_index_instead_of_reading_on_a_key() {
    // 6,600 sessions: PyCon two hundred times over, each copy on its own ids.
    let mut s = default_schedule().unwrap();
    let one = s.sessions.clone();
    for k in 1..200 {
        s.sessions.extend(one.iter().map(|x| {
            let mut x = x.clone();
            x.id = format!("{}-{k}", x.id).into();
            x
        }));
    }
    s.normalize();
    let mut app = app_for(s);
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    for c in "jinja".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    assert!(app.searching && app.matches.is_empty());
    assert!(screen(&mut app, 120, 40).contains("searching…"));
    let index = std::sync::Arc::new(lineup::model::search::Index::build(app.schedule()));
    let schedule = std::sync::Arc::clone(app.schedule());
    update(&mut app, Action::SearchReady { index, schedule });
    assert!(!app.searching);
    assert_eq!(app.matches.len(), 200);
    assert!(screen(&mut app, 120, 40).contains("200 matches"));
}

#[test]
fn an_index_built_for_another_schedule_is_not_taken() {
    let mut app = pycon();
    let other = std::sync::Arc::new(two_days());
    let index = std::sync::Arc::new(lineup::model::search::Index::build(&other));
    update(
        &mut app,
        Action::SearchReady {
            index,
            schedule: other,
        },
    );
    assert!(app.search_index.is_none());
}

// ---- picking ----

#[test]
fn space_picks_and_unpicks_through_the_agenda() {
    let mut app = pycon();
    app.select_id(SECURITY);
    let fx = press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert!(matches!(&fx[..], [Effect::Save(Op::Pick(p))] if p.id == SECURITY));
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (1, 0)
    );
    app.select_id(JINJA);
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (2, 2)
    );
    assert!(app.said().contains("clashes"));
    let fx = press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert_eq!(fx, [Effect::Save(Op::Unpick(JINJA.into()))]);
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (1, 0)
    );
}

#[test]
fn agenda_view_jumps_and_unpicks() {
    let mut app = pycon();
    for id in [SECURITY, JINJA, "introspecting-running-python-processes"] {
        app.select_id(id);
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    app.select_id("introduction-and-welcome");
    press(
        &mut app,
        &[
            Action::Do(Command::ShowAgenda),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Open),
        ],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), "introspecting-running-python-processes");
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    assert_eq!(app.mode, Mode::Agenda { cursor: 2 });
    let fx = press(
        &mut app,
        &[Action::Do(Command::Up), Action::Do(Command::TogglePick)],
    );
    assert_eq!(fx, [Effect::Save(Op::Unpick(JINJA.into()))]);
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (2, 0)
    );
}

/// PyCon with every session picked: 33 picks, most clashing, over one screen at 120x20.
fn pycon_all_picked(height: u16) -> App {
    let schedule = default_schedule().unwrap();
    let picks: Vec<Pick> = schedule
        .sessions
        .iter()
        .map(|s| Pick::of(s, clock()))
        .collect();
    let agenda = Agenda::with_picks((&schedule.conference).into(), picks);
    let mut app = App::new(schedule, agenda, clock());
    app.palette = lineup::tui::Palette::Mono;
    update(&mut app, Action::Resize { width: 120, height });
    app
}

#[test]
fn the_agenda_pages_and_jumps_and_the_cursor_stays_on_screen() {
    let mut app = pycon_all_picked(20);
    let last = app.overview().picks.len() - 1;
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    let cursor = |app: &App| match app.mode {
        Mode::Agenda { cursor } => cursor,
        ref other => panic!("{other:?}"),
    };
    let mut seen = vec![0];
    loop {
        press(&mut app, &[Action::Do(Command::PageDown)]);
        let c = cursor(&app);
        // Each page moves on, and the cursor's title is on the screen drawn.
        assert!(c > *seen.last().unwrap() || c == last, "{seen:?} then {c}");
        let title = app.overview().picks[c]
            .title
            .chars()
            .take(20)
            .collect::<String>();
        assert!(screen(&mut app, 120, 20).contains(&title), "{title}");
        seen.push(c);
        if c == last {
            break;
        }
    }
    assert!(seen.len() > 3 && seen.len() < 20, "{seen:?}");
    press(&mut app, &[Action::Do(Command::PageUp)]);
    assert!(cursor(&app) < last);
    press(&mut app, &[Action::Do(Command::Home)]);
    assert_eq!(cursor(&app), 0);
    press(&mut app, &[Action::Do(Command::End)]);
    assert_eq!(cursor(&app), last);
    let bottom = screen(&mut app, 120, 20);
    assert!(
        bottom.contains(&app.overview().picks[last].title[..20]),
        "{bottom}"
    );
}

proptest::proptest! {
    /// Space on one talk after another keeps the plan and the marks as a fresh start on the
    /// same agenda would have them (the TUI changes them one pick at a time).
    #[test]
    fn picking_one_at_a_time_keeps_the_plan_a_fresh_start_makes(
        steps in proptest::collection::vec(0usize..33, 1..40),
    ) {
        let mut app = pycon();
        let ids: Vec<String> = app.schedule().sessions.iter().map(|s| s.id.to_string()).collect();
        for (n, s) in steps.into_iter().enumerate() {
            app.select_id(&ids[s]);
            // Now from the grid, now from the agenda (where Space unpicks the pick under the cursor).
            if n % 3 == 2 && !app.overview().picks.is_empty() {
                press(&mut app, &[Action::Do(Command::ShowAgenda), Action::Do(Command::TogglePick), Action::Do(Command::Close)]);
            } else {
                press(&mut app, &[Action::Do(Command::TogglePick)]);
            }
            let fresh = App::new(app.schedule().clone(), app.agenda().clone(), clock());
            proptest::prop_assert_eq!(app.overview(), fresh.overview());
            proptest::prop_assert_eq!(app.plan(), fresh.plan());
            for i in 0..ids.len() {
                proptest::prop_assert_eq!(app.planner.is_picked(i), fresh.planner.is_picked(i));
                proptest::prop_assert_eq!(app.planner.is_clashing(i), fresh.planner.is_clashing(i));
                proptest::prop_assert_eq!(app.planner.is_dropped(i), fresh.planner.is_dropped(i));
            }
            proptest::prop_assert_eq!(app.agenda_rows.lines(), fresh.agenda_rows.lines());
        }
    }
}

#[test]
fn enter_opens_details_and_esc_closes() {
    let mut app = pycon();
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    app.select_id(JINJA);
    press(
        &mut app,
        &[
            Action::Do(Command::Open),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
        ],
    );
    assert_eq!(app.mode, Mode::Detail { scroll: 2 });
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Grid);
    // Scrolling stops at the end of the text: one key back up is one line up.
    app.select_id("introduction-and-welcome");
    press(
        &mut app,
        &[
            Action::Do(Command::Open),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
        ],
    );
    assert_eq!(app.mode, Mode::Detail { scroll: 0 }, "nothing to scroll");
    press(&mut app, &[Action::Do(Command::Close)]);
    app.select_id(JINJA);
    press(&mut app, &[Action::Do(Command::Open)]);
    for _ in 0..500 {
        press(&mut app, &[Action::Do(Command::Down)]);
    }
    let Mode::Detail { scroll: bottom } = app.mode else {
        panic!()
    };
    assert!(bottom > 0 && bottom < 100, "{bottom}");
    press(&mut app, &[Action::Do(Command::Up)]);
    assert_eq!(app.mode, Mode::Detail { scroll: bottom - 1 });
    press(&mut app, &[Action::Do(Command::Down)]);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("are otherwise widely used."),
        "the last line shows at the bottom:\n{text}"
    );
}

#[test]
fn zoom_changes_box_heights() {
    let mut app = pycon();
    app.select_id("practical-machine-learning-in-python");
    let rows = |app: &App, id: &str| {
        let d = app.day_index().unwrap();
        let s = app.schedule().session(id).unwrap();
        app.timeline().row_end(d.minute(&s.end)) - app.timeline().row_of(d.minute(&s.start))
    };
    // 30, 40 and 45 minutes side by side look different.
    let (a, b, c) = (
        rows(&app, "practical-machine-learning-in-python"),
        rows(&app, "extracting-musical-information-from-sound"),
        rows(&app, "data-design-meaning"),
    );
    assert!(a < b && b < c, "{a} {b} {c}");
    press(&mut app, &[Action::Do(Command::ZoomIn)]);
    assert_eq!(rows(&app, "practical-machine-learning-in-python"), 6);
    press(
        &mut app,
        &[
            Action::Do(Command::ZoomOut),
            Action::Do(Command::ZoomOut),
            Action::Do(Command::ZoomOut),
            Action::Do(Command::ZoomOut),
        ],
    );
    assert_eq!(app.per_row(), 30);
    assert!(rows(&app, "practical-machine-learning-in-python") < a);
}

#[test]
fn click_selects_the_session_under_the_mouse() {
    let mut app = pycon();
    let text = screen(&mut app, 120, 40);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Extracting"))
        .unwrap();
    let x = line.chars().position(|c| c == 'E').unwrap();
    // The backend's text has a leading quote per line.
    update(
        &mut app,
        Action::Click {
            x: u16::try_from(x - 1).unwrap(),
            y: u16::try_from(y).unwrap(),
        },
    );
    assert_eq!(selected(&app), "extracting-musical-information-from-sound");
}

#[test]
fn e_asks_for_a_path_and_enter_exports() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::StartExport)]);
    assert_eq!(
        app.mode,
        Mode::Export {
            path: "~/pycon-us-2012-agenda.ics".into()
        }
    );
    for _ in 0..3 {
        press(&mut app, &[Action::Do(Command::Backspace)]);
    }
    let fx = press(
        &mut app,
        &[
            Action::Input('m'),
            Action::Input('d'),
            Action::Do(Command::Submit),
        ],
    );
    assert_eq!(
        fx,
        [Effect::Export {
            path: "~/pycon-us-2012-agenda.md".into(),
            replace: false,
            plan: false,
        }]
    );
    assert_eq!(app.mode, Mode::Grid);
    // E exports the plan: its own name, and the effect says so.
    press(&mut app, &[Action::Do(Command::StartPlanExport)]);
    let fx = press(&mut app, &[Action::Do(Command::Submit)]);
    assert_eq!(
        fx,
        [Effect::Export {
            path: "~/pycon-us-2012-plan.ics".into(),
            replace: false,
            plan: true,
        }]
    );
    press(
        &mut app,
        &[Action::Do(Command::StartExport), Action::Do(Command::Close)],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert!(app.said().contains("cancelled"));
}

#[test]
fn coarse_zoom_hides_no_session_and_clicks_match_the_boxes() {
    // At 30 minutes a row, "Introduction and Welcome" (9:00-9:10) and the 9:10 keynote fall in
    // one row: they share the 09:00 row's box instead of one hiding the other or moving down.
    let mut app = pycon();
    press(
        &mut app,
        &[
            Action::Do(Command::ZoomOut),
            Action::Do(Command::ZoomOut),
            Action::Do(Command::ZoomOut),
        ],
    );
    assert_eq!(app.per_row(), 30);
    let text = screen(&mut app, 120, 60);
    // Every session's title is on screen (its first four letters: titles wrap, and the last row
    // of a box ends in "…" when there is more).
    for s in &app.schedule().sessions {
        assert!(
            text.contains(&s.title[..4]),
            "{} is not on screen:\n{text}",
            s.title
        );
    }
    // Each box starts on the row that holds its start time.
    let row_label = |what: &str| {
        let line = text.lines().find(|l| l.contains(what)).unwrap();
        line[1..6].to_string()
    };
    assert_eq!(row_label("09:10 Stormy"), "09:00");
    assert_eq!(row_label("09:50 Paul Graham"), "09:30");
    assert_eq!(row_label("10:50 A Noob"), "10:30");
    assert!(text.contains("09:00 Introduction and Welcome"), "{text}");
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("09:10 Stormy"))
        .unwrap();
    let x = line.chars().position(|c| c == 'S').unwrap();
    update(
        &mut app,
        Action::Click {
            x: u16::try_from(x).unwrap(),
            y: u16::try_from(y).unwrap(),
        },
    );
    assert_eq!(selected(&app), "stormy-peters-mozilla-corporation");
}

// ---- always usable ----

#[test]
fn any_size_down_to_1x1_draws_without_panic() {
    let mut app = pycon();
    for w in 1..=45 {
        for h in 1..=12 {
            screen(&mut app, w, h);
        }
    }
    let small = screen(&mut app, 30, 8);
    assert!(small.contains("too small"), "{small}");
}

#[test]
fn control_characters_from_a_schedule_never_reach_the_screen() {
    let json = "{\"format\":\"lineup-schedule\",\"version\":1,\
      \"conference\":{\"id\":\"x\",\"title\":\"Evil\\u001b]0;pwned\\u0007 Conf\",\"time_zone\":null},\
      \"rooms\":[\"R\\u001b[31m\"],\
      \"sessions\":[{\"id\":\"e\",\"title\":\"Clear \\u001b[2J screen \\u009b now\",\"speakers\":[\"\\u202eevil\"],\
      \"abstract\":\"line\\u0008\\u0008 one\\r\\nline two\",\"day\":\"2020-01-01\",\"start\":\"2020-01-01T10:00:00\",\"end\":\"2020-01-01T11:00:00\",\"room\":\"R\\u001b[31m\"}]}";
    let s = lineup::native::from_json(json, "evil.json").unwrap();
    let mut app = app_for(s);
    for mode in [Action::Do(Command::Close), Action::Do(Command::Open)] {
        press(&mut app, &[mode]);
        let text = screen(&mut app, 100, 30);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
    }
}

// ---- snapshots ----

fn snap(app: &mut App, name: &str) {
    for (w, h) in [(120, 40), (80, 24)] {
        let text = screen(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn snapshot_grid_morning() {
    let mut app = pycon();
    app.select_id("a-noob-speaks-to-noobs-your-first-site-in-the-cloud");
    snap(&mut app, "grid_morning");
}

#[test]
fn snapshot_grid_at_2pm_with_now_line() {
    let mut app = pycon();
    app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
    update(&mut app, Action::Do(Command::JumpNow));
    snap(&mut app, "grid_2pm");
}

#[test]
fn snapshot_picked_and_clashing() {
    let mut app = pycon();
    app.select_id(JINJA);
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    snap(&mut app, "picked");
    app.select_id(SECURITY);
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    snap(&mut app, "clashing");
}

#[test]
fn snapshot_detail_agenda_help_search() {
    let mut app = pycon();
    for id in [
        SECURITY,
        JINJA,
        "apache-cassandra-and-python",
        "introspecting-running-python-processes",
    ] {
        app.select_id(id);
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    app.select_id(JINJA);
    press(&mut app, &[Action::Do(Command::Open)]);
    snap(&mut app, "detail");
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::ShowAgenda)],
    );
    snap(&mut app, "agenda");
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::ShowHelp)],
    );
    snap(&mut app, "help");
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::StartSearch)],
    );
    for c in "test".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    snap(&mut app, "search");
}

#[test]
fn snapshot_too_small() {
    let mut app = pycon();
    let text = screen(&mut app, 36, 8);
    insta::assert_snapshot!("too_small_36x8", text);
}

// ---- what the screen shows is true (issue 10) ----

#[test]
fn keys_do_nothing_behind_terminal_too_small() {
    let mut app = pycon();
    let before = app.selected;
    update(
        &mut app,
        Action::Resize {
            width: 30,
            height: 8,
        },
    );
    let fx = press(
        &mut app,
        &[
            Action::Do(Command::Down),
            Action::Do(Command::TogglePick),
            Action::Do(Command::ShowAgenda),
        ],
    );
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.selected, before);
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (0, 0)
    );
    press(&mut app, &[Action::Do(Command::ShowHelp)]);
    assert!(matches!(app.mode, Mode::Help { .. }), "help still opens");
    press(&mut app, &[Action::Do(Command::Quit)]);
    assert!(app.quit);
}

/// A zoneless schedule (as 33c3's JSON) with a talk at 00:15 after the first evening.
fn night() -> Schedule {
    let json = r#"{"format":"lineup-schedule","version":1,
      "conference":{"id":"night","title":"Night","time_zone":null},
      "rooms":["Saal 1","Saal 2"],
      "sessions":[
        {"id":"eve","title":"Evening","day":"2016-12-27","start":"2016-12-27T22:00:00","end":"2016-12-27T23:30:00","room":"Saal 1"},
        {"id":"owl","title":"Night owl talk","day":"2016-12-27","start":"2016-12-28T00:15:00","end":"2016-12-28T01:00:00","room":"Saal 1"},
        {"id":"late","title":"Other room late","day":"2016-12-27","start":"2016-12-27T23:45:00","end":"2016-12-28T00:45:00","room":"Saal 2"},
        {"id":"morning","title":"Day two morning","day":"2016-12-28","start":"2016-12-28T11:00:00","end":"2016-12-28T12:00:00","room":"Saal 1"}
      ]}"#;
    lineup::native::from_json(json, "night.json").unwrap()
}

#[test]
fn now_after_midnight_belongs_to_the_day_whose_sessions_span_it() {
    let mut app = app_for(night());
    app.fixed_now = Stamp::parse("2016-12-28T00:30:00");
    app.start_at_now();
    assert_eq!(app.day_index().unwrap().date.to_string(), "2016-12-27");
    assert_eq!(selected(&app), "owl", "the talk running now in this room");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("now──"), "{text}");
    // t from the other day comes back to it.
    press(
        &mut app,
        &[Action::Do(Command::NextDay), Action::Do(Command::JumpNow)],
    );
    assert_eq!(app.day_index().unwrap().date.to_string(), "2016-12-27");
    assert_eq!(selected(&app), "owl");
}

#[test]
fn a_moved_pick_is_accepted_with_m() {
    let mut schedule = default_schedule().unwrap();
    let mut agenda = Agenda::new((&schedule.conference).into());
    agenda.add(lineup::agenda::Pick::of(
        schedule.session(JINJA).unwrap(),
        clock(),
    ));
    let j = schedule
        .sessions
        .iter_mut()
        .find(|s| s.id == JINJA)
        .unwrap();
    j.start = j.start.plus_minutes(60);
    j.end = j.end.plus_minutes(60);
    let mut app = App::new(schedule, agenda, clock());
    app.palette = lineup::tui::Palette::Mono;
    assert!(app.said().is_empty() || !app.said().contains("agenda:"));
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    let fx = press(&mut app, &[Action::Do(Command::AcceptMove)]);
    assert!(
        matches!(&fx[..], [Effect::Save(Op::Update(p))] if p.id == JINJA),
        "{fx:?}"
    );
    assert!(matches!(
        app.overview().picks[0].state,
        lineup::agenda::Standing::Live
    ));
    let fx = press(&mut app, &[Action::Do(Command::AcceptMove)]);
    assert!(fx.is_empty());
    assert!(app.said().contains("has not moved"), "{}", app.said());
}

#[test]
fn the_export_line_edits_like_a_shell_line_and_an_error_keeps_it_open() {
    let mut app = pycon();
    press(
        &mut app,
        &[
            Action::Do(Command::StartExport),
            Action::Do(Command::KillWord),
        ],
    );
    assert_eq!(app.mode, Mode::Export { path: "~/".into() });
    press(&mut app, &[Action::Do(Command::KillToStart)]);
    for c in "agenda.md".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    press(
        &mut app,
        &[
            Action::Do(Command::LineStart),
            Action::Input('/'),
            Action::Do(Command::LineEnd),
        ],
    );
    let Mode::Export { path } = &app.mode else {
        panic!()
    };
    assert_eq!(path.text(), "/agenda.md");
    // The edge reports a failure: the prompt opens again with the path and says why.
    update(
        &mut app,
        Action::ExportFailed {
            path: "/agenda.md".into(),
            reason: "cannot write /agenda.md: Permission denied (os error 13); check that the folder exists and is writable".into(),
        },
    );
    assert!(matches!(&app.mode, Mode::Export { path } if path.text() == "/agenda.md"));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Permission denied") && text.contains("Export to: /agenda.md▏"),
        "{text}"
    );
}

#[test]
fn the_status_line_is_one_row_and_a_long_message_is_read_in_full() {
    use lineup::tui::Said;
    let mut app = pycon();
    // A short note longer than its cell: cut, with the key that reads it all; the help key
    // keeps a cell of its own.
    let title = "word ".repeat(20);
    update(
        &mut app,
        Action::Status(Said::TookNewPlace {
            title: title.clone(),
        }),
    );
    let text = screen(&mut app, 80, 24);
    let last = text.lines().last().unwrap();
    assert!(
        last.contains("… ! more") && last.ends_with("│ ? help \""),
        "{last}"
    );
    assert_eq!(app.mode, Mode::Grid);
    press(&mut app, &[Action::Do(Command::ShowMessage)]);
    assert!(matches!(app.mode, Mode::Message { .. }));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("now at its new time and room"), "{text}");
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Grid);
    assert!(app.message.is_empty());
    // A problem too long for the line opens in full at once, over the screen it was said on.
    let long = format!("start {} end of the message", "word ".repeat(30));
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    update(&mut app, Action::Status(Said::Problem { reason: long }));
    assert!(
        matches!(&app.mode, Mode::Message { back, .. } if **back == Mode::Agenda { cursor: 0 })
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("start") && text.contains("end of the message"),
        "{text}"
    );
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Agenda { cursor: 0 });
}

#[test]
fn help_wraps_under_its_text_at_40_columns() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::ShowHelp)]);
    let text = screen(&mut app, 40, 24);
    // The second line of "session in the room to the left at this time" starts under its
    // first, not at the left edge.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("session in the"))
        .unwrap();
    let next = lines[at + 1].trim_start_matches(['"', '│']);
    assert!(next.starts_with(&" ".repeat(21)), "{next:?}");
}

#[test]
fn a_new_schedule_keeps_the_selection_picks_and_search_by_id() {
    let mut app = pycon();
    app.select_id(SECURITY);
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    app.select_id(JINJA);
    press(
        &mut app,
        &[
            Action::Do(Command::TogglePick),
            Action::Do(Command::StartSearch),
        ],
    );
    for c in "jinja".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    press(&mut app, &[Action::Do(Command::Submit)]);
    // A new version: a session gone (so indexes shift), Jinja an hour later.
    let mut s = default_schedule().unwrap();
    s.sessions.remove(0);
    let j = s.sessions.iter_mut().find(|x| x.id == JINJA).unwrap();
    j.start = j.start.plus_minutes(60);
    j.end = j.end.plus_minutes(60);
    app.replace_schedule(s);
    assert_eq!(selected(&app), JINJA);
    assert_eq!(app.matches.len(), 1);
    assert!(app.matches.contains(&app.index_of(JINJA).unwrap()));
    // Both picks still placed, Jinja now moved; they no longer clash.
    assert_eq!(
        (app.planner.counts().picks, app.planner.counts().clashing),
        (2, 0)
    );
    let text = screen(&mut app, 120, 40);
    // Moved onto Apache Cassandra's time in E2: the two side by side, each whole.
    assert!(text.contains("│Cassandr┏15:00 ★ "), "{text}");
}

// ---- refreshing ----

#[test]
fn a_refresh_opens_the_report_where_enter_shows_a_talk_and_m_takes_a_move() {
    use lineup::agenda::changes;
    let mut app = pycon();
    // Not a library conference: r says why it does nothing.
    assert!(press(&mut app, &[Action::Do(Command::Refresh)]).is_empty());
    assert!(app.said().contains("lineup add"), "{}", app.said());
    app.refreshable = Some("pycon".into());
    let old = (**app.schedule()).clone();
    let now = clock();
    let pick =
        |s: &Schedule, id: &str| Pick::of(s.sessions.iter().find(|x| x.id == id).unwrap(), now);
    press(
        &mut app,
        &[Action::AgendaSaved(Agenda::with_picks(
            (&old.conference).into(),
            [pick(&old, JINJA)],
        ))],
    );
    // r: one fetch at a time, the screen stays live.
    assert_eq!(
        press(&mut app, &[Action::Do(Command::Refresh)]),
        [Effect::Refresh]
    );
    assert!(press(&mut app, &[Action::Do(Command::Refresh)]).is_empty());
    assert!(app.said().contains("already"), "{}", app.said());
    // The answer: Jinja moved an hour later.
    let mut new = old.clone();
    let i = new.sessions.iter().position(|s| s.id == JINJA).unwrap();
    new.sessions[i].start = new.sessions[i].start.plus_minutes(60);
    new.sessions[i].end = new.sessions[i].end.plus_minutes(60);
    let report = changes::compare(&old, &new, app.agenda());
    press(
        &mut app,
        &[Action::Refreshed {
            schedule: Some(std::sync::Arc::new(new)),
            report: Some(report),
            message: lineup::tui::Said::Fetched {
                id: "pycon".into(),
                changed: 1,
            },
        }],
    );
    assert_eq!(app.mode, Mode::Changes { cursor: 0 });
    assert!(!app.refreshing);
    let text = screen(&mut app, 120, 20);
    assert!(text.contains("moved"), "{text}");
    assert!(text.contains("Code Generation in Python"), "{text}");
    // m: the pick takes the new time (saved); Enter shows the talk in the grid.
    let effects = press(&mut app, &[Action::Do(Command::AcceptMove)]);
    assert!(matches!(effects.as_slice(), [Effect::Save(Op::Update(p))] if p.id == JINJA));
    assert_eq!(
        app.agenda().get(JINJA).unwrap().start,
        app.schedule().sessions[i].start
    );
    press(&mut app, &[Action::Do(Command::Open)]);
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), JINJA);
    // A failed refresh only says so.
    press(&mut app, &[Action::Do(Command::Refresh)]);
    press(
        &mut app,
        &[Action::Refreshed {
            schedule: None,
            report: None,
            message: lineup::tui::Said::RefreshFailed {
                reason: "cannot fetch".into(),
                since: None,
            },
        }],
    );
    assert_eq!(
        (app.mode.clone(), app.said().as_str()),
        (Mode::Grid, "cannot fetch")
    );
}

// ---- priorities ----

#[test]
fn one_two_three_set_priorities_from_the_grid_and_the_agenda_with_marks_that_need_no_colour() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    // 1 on a talk not picked: picked as must.
    let effects = press(&mut app, &[Action::Do(Command::Must)]);
    assert!(
        matches!(effects.as_slice(), [Effect::Save(Op::Pick(p))] if p.id == JINJA && p.priority == lineup::agenda::Priority::Must)
    );
    assert!(
        app.said().starts_with("picked Code Generation"),
        "{}",
        app.said()
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("14:00 ✪ Code"), "{text}");
    // 3: the same pick becomes a maybe; 3 again changes nothing and says so.
    let effects = press(&mut app, &[Action::Do(Command::Maybe)]);
    assert_eq!(
        effects,
        [Effect::Save(Op::Priority(
            JINJA.into(),
            lineup::agenda::Priority::Maybe
        ))]
    );
    assert!(screen(&mut app, 120, 40).contains("14:00 ☆ Code"));
    assert!(press(&mut app, &[Action::Do(Command::Maybe)]).is_empty());
    assert!(app.said().contains("already maybe"), "{}", app.said());
    // In the agenda, 2 makes the pick under the cursor a want again.
    press(
        &mut app,
        &[Action::Do(Command::ShowAgenda), Action::Do(Command::Want)],
    );
    assert_eq!(
        app.agenda().get(JINJA).unwrap().priority,
        lineup::agenda::Priority::Want
    );
    assert!(screen(&mut app, 120, 40).contains("★ Code Generation"));
}

#[test]
fn the_plan_view_follows_each_pick_and_enter_shows_a_talk() {
    let mut app = pycon();
    for (id, command) in [(SECURITY, Command::Must), (JINJA, Command::Want)] {
        assert!(app.select_id(id));
        press(&mut app, &[Action::Do(command)]);
    }
    // The grid marks the pick the plan leaves out.
    assert!(app.planner.is_dropped(app.index_of(JINJA).unwrap()));
    press(&mut app, &[Action::Do(Command::ShowPlan)]);
    assert_eq!(app.mode, Mode::Plan { cursor: 0 });
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("✪ 13:45–14:40  E1    must  Advanced Security Topics"),
        "{text}"
    );
    assert!(
        text.contains("✗ left out: want \"Code Generation"),
        "{text}"
    );
    // Down to the left-out pick, 1 makes it a must too: a decision, and the plan follows.
    press(
        &mut app,
        &[Action::Do(Command::Down), Action::Do(Command::Down)],
    );
    let effects = press(&mut app, &[Action::Do(Command::Must)]);
    assert_eq!(effects.len(), 1);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("✗ two musts, decide: left out: must"),
        "{text}"
    );
    // Enter on it shows the talk in the grid.
    press(&mut app, &[Action::Do(Command::Open)]);
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), JINJA);
    // Unpicking re-plans that day: nothing left out.
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert!((0..app.schedule().sessions.len()).all(|i| !app.planner.is_dropped(i)));
    assert_eq!(app.plan().days[0].choice.chosen.len(), 1);
}

#[test]
fn the_details_of_a_talk_not_picked_say_what_it_would_clash_with_and_beat() {
    // The screen as one run of words: a sentence wrapped over rows reads whole.
    let flowed = |screen: String| {
        screen
            .replace(['│', '"'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut app = pycon();
    assert!(app.select_id(SECURITY));
    press(&mut app, &[Action::Do(Command::Must)]);
    // Jinja would clash with the must, and lose to it.
    assert!(app.select_id(JINJA));
    press(&mut app, &[Action::Do(Command::Open)]);
    let text = flowed(screen(&mut app, 200, 60));
    assert!(
        text.contains("not picked; picking it as a want would clash with Advanced Security Topics (13:45–14:40); the plan would keep your picks instead"),
        "{text}"
    );
    // As a maybe, Security loses to Jinja picked as a want.
    press(&mut app, &[Action::Do(Command::Close)]);
    assert!(app.select_id(SECURITY));
    press(&mut app, &[Action::Do(Command::Maybe)]);
    assert!(app.select_id(JINJA));
    press(&mut app, &[Action::Do(Command::Open)]);
    let text = flowed(screen(&mut app, 200, 60));
    assert!(
        text.contains("the plan would take it and leave out Advanced Security Topics"),
        "{text}"
    );
    // A talk at a free time clashes with nothing.
    press(&mut app, &[Action::Do(Command::Close)]);
    assert!(app.select_id("introspecting-running-python-processes"));
    press(&mut app, &[Action::Do(Command::Open)]);
    assert!(
        flowed(screen(&mut app, 200, 60))
            .contains("not picked; picking it would clash with none of your picks")
    );
}

#[test]
fn enter_on_free_time_in_the_plan_lists_the_talks_that_fit_and_enter_shows_one() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    press(
        &mut app,
        &[
            Action::Do(Command::TogglePick),
            Action::Do(Command::ShowPlan),
        ],
    );
    // Rows: the day, Jinja, then the free time before (09:00–14:00) and after it.
    press(
        &mut app,
        &[Action::Do(Command::Down), Action::Do(Command::Down)],
    );
    press(&mut app, &[Action::Do(Command::Open)]);
    assert!(
        matches!(&app.mode, Mode::Fits { cursor: 0, back, .. } if **back == Mode::Plan { cursor: 2 }),
        "{:?}",
        app.mode
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Talks that fit 09:00–14:00"), "{text}");
    assert!(
        text.contains("09:00–09:10  all rooms  Introduction and Welcome"),
        "{text}"
    );
    // Esc goes back to the same plan row; Enter on a talk shows it in the grid.
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Plan { cursor: 2 });
    press(
        &mut app,
        &[
            Action::Do(Command::Open),
            Action::Do(Command::Down),
            Action::Do(Command::Open),
        ],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), "stormy-peters-mozilla-corporation");
    // The agenda shows how many talks fit each free stretch.
    assert!(app.select_id("apache-cassandra-and-python"));
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert!(app.select_id("introspecting-running-python-processes"));
    press(
        &mut app,
        &[
            Action::Do(Command::TogglePick),
            Action::Do(Command::ShowAgenda),
        ],
    );
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("15:20–17:20  free (2 h) · 4 talks fit"),
        "{text}"
    );
    // f on Cassandra (the pick before that stretch) lists them; Esc comes back to the agenda.
    press(
        &mut app,
        &[
            Action::Do(Command::Home),
            Action::Do(Command::Down),
            Action::Do(Command::ShowFits),
        ],
    );
    assert!(matches!(app.mode, Mode::Fits { .. }), "{:?}", app.mode);
    assert!(screen(&mut app, 120, 40).contains("Talks that fit 15:20–17:20"));
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Agenda { cursor: 1 });
    // On the last pick there is no free time after it.
    press(
        &mut app,
        &[Action::Do(Command::End), Action::Do(Command::ShowFits)],
    );
    assert!(app.said().contains("no free time"), "{}", app.said());
}

#[test]
fn u_takes_back_picks_unpicks_and_priorities_one_at_a_time() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(app.said(), "nothing to undo");
    assert!(app.select_id(JINJA));
    press(
        &mut app,
        &[Action::Do(Command::TogglePick), Action::Do(Command::Must)],
    );
    assert!(app.select_id(SECURITY));
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert!(app.agenda().is_picked(SECURITY));
    // Undo the pick of Security: saved as an unpick.
    let fx = press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(fx, [Effect::Save(Op::Unpick(SECURITY.into()))]);
    assert!(!app.agenda().is_picked(SECURITY));
    assert!(app.said().contains("2 more to undo"), "{}", app.said());
    // Undo the priority: Jinja is a want again; undo the pick: nothing picked.
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(
        app.agenda().get(JINJA).unwrap().priority,
        lineup::agenda::Priority::Want
    );
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert!(app.agenda().is_empty());
    // An unpick comes back with what the pick was.
    assert!(app.select_id(JINJA));
    press(
        &mut app,
        &[Action::Do(Command::Maybe), Action::Do(Command::TogglePick)],
    );
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(
        app.agenda().get(JINJA).unwrap().priority,
        lineup::agenda::Priority::Maybe
    );
}

#[test]
fn o_opens_only_web_links_and_y_copies_one_line() {
    let mut schedule = default_schedule().unwrap();
    let i = schedule
        .sessions
        .iter()
        .position(|s| s.id == JINJA)
        .unwrap();
    schedule.sessions[i].url = Some("https://us.pycon.org/2012/schedule/presentation/1/".into());
    let j = schedule
        .sessions
        .iter()
        .position(|s| s.id == SECURITY)
        .unwrap();
    schedule.sessions[j].url = Some("file:///etc/passwd".into());
    let mut app = app_for(schedule);
    assert!(app.select_id(JINJA));
    assert_eq!(
        press(&mut app, &[Action::Do(Command::OpenUrl)]),
        [Effect::OpenUrl(
            "https://us.pycon.org/2012/schedule/presentation/1/".into()
        )]
    );
    assert_eq!(
        press(&mut app, &[Action::Do(Command::Copy)]),
        [Effect::Copy(
            "Code Generation in Python: Dismantling Jinja — Fri 9 Mar 14:00–14:40, E2".into()
        )]
    );
    // A link that is not a web page is not opened; a talk without one says so.
    assert!(app.select_id(SECURITY));
    assert!(press(&mut app, &[Action::Do(Command::OpenUrl)]).is_empty());
    assert!(app.said().contains("not a web page"), "{}", app.said());
    assert!(app.select_id("apache-cassandra-and-python"));
    assert!(press(&mut app, &[Action::Do(Command::OpenUrl)]).is_empty());
    assert!(app.said().contains("no link"), "{}", app.said());
}

#[test]
fn w_shows_what_runs_now_what_is_next_and_my_next_pick() {
    let mut app = pycon();
    app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
    assert!(app.select_id("apache-cassandra-and-python"));
    press(
        &mut app,
        &[
            Action::Do(Command::TogglePick),
            Action::Do(Command::ShowNow),
        ],
    );
    assert_eq!(app.mode, Mode::NowNext { cursor: 0 });
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Now (14:10)"), "{text}");
    assert!(
        // Room names padded to the widest listed.
        text.lines()
            .any(|l| l.contains("│  E1 ") && l.contains(" Advanced Security Topics  (30 min left)")),
        "{text}"
    );
    assert!(text.contains("Next: 14:40 (in 30 min)"), "{text}");
    assert!(
        text.contains("My next pick: Fri 14:40 (in 30 min)"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("│  E2 ") && l.contains(" ★ Apache Cassandra and Python")),
        "{text}"
    );
    // My next pick comes first, above what runs now.
    assert!(text.find("My next pick").unwrap() < text.find("Now (14:10)").unwrap());
    // Enter on a running talk shows it in the grid (below my next pick and the heading).
    press(
        &mut app,
        &[
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Open),
        ],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), SECURITY);
    // After the last talk: nothing on, nothing next.
    app.fixed_now = Stamp::parse("2012-03-09T23:00:00-08:00");
    press(&mut app, &[Action::Do(Command::ShowNow)]);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("nothing is on") && text.contains("nothing more in this schedule"),
        "{text}"
    );
}

#[test]
fn the_results_list_puts_title_matches_first_and_enter_shows_one() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    for c in "testing python".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    let first = app.ranked[0];
    assert_eq!(
        app.session(first).id,
        "pytest-rapid-and-simple-testing-with-python"
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Enter: show"), "{text}");
    assert!(
        text.contains("pytest - rapid and simple testing with Python"),
        "{text}"
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    assert_eq!(
        selected(&app),
        "pytest-rapid-and-simple-testing-with-python"
    );
}

#[test]
fn capital_r_goes_to_a_room_by_part_of_its_name() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    press(&mut app, &[Action::Do(Command::StartRoomJump)]);
    assert!(screen(&mut app, 120, 40).contains("Room: "));
    for c in "d5".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    press(&mut app, &[Action::Do(Command::Submit)]);
    assert_eq!(app.mode, Mode::Grid);
    // D5 at 14:00: the session running then.
    assert_eq!(
        app.session(app.selected.unwrap()).room.as_deref(),
        Some("D5")
    );
    assert_eq!(
        app.session(app.selected.unwrap()).start,
        app.session(app.index_of(JINJA).unwrap()).start
    );
    assert_eq!(app.said(), "room D5");
    // A name no room has says which rooms there are; Esc cancels.
    press(
        &mut app,
        &[
            Action::Do(Command::StartRoomJump),
            Action::Input('z'),
            Action::Do(Command::Submit),
        ],
    );
    assert!(
        app.said().contains("the rooms are E1, E2"),
        "{}",
        app.said()
    );
    press(
        &mut app,
        &[
            Action::Do(Command::StartRoomJump),
            Action::Do(Command::Close),
        ],
    );
    assert_eq!(app.mode, Mode::Grid);
}

#[test]
fn clicks_on_more_and_the_horizontal_wheel_bring_rooms_into_view() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    let text = screen(&mut app, 50, 30);
    let first = text.lines().next().unwrap().to_string();
    assert!(first.contains("more ▶"), "{text}");
    let before = app.scroll_col;
    // A click on "N more ▶" (the tab row's right end).
    press(&mut app, &[Action::Click { x: 49, y: 0 }]);
    assert!(app.scroll_col > before, "{} {}", app.scroll_col, before);
    let shown = screen(&mut app, 50, 30);
    assert!(
        shown.lines().nth(1).unwrap().starts_with("\"◀ 1 "),
        "{shown}"
    );
    // "◀ 1" (the room row's left end) goes back; so does the wheel to the left.
    let right = app.scroll_col;
    press(&mut app, &[Action::Click { x: 1, y: 1 }]);
    assert!(app.scroll_col < right);
    press(&mut app, &[Action::ScrollRight, Action::ScrollRight]);
    let col = app.column;
    press(&mut app, &[Action::ScrollLeft]);
    assert!(app.column < col);
}

// ---- getting around: the sticky time, jumps, half pages ----

fn many_rooms() -> App {
    let xml = crate::util::many_rooms_xml(72);
    let schedule = lineup::import::read_bytes(
        xml.as_bytes(),
        "many.xml",
        &lineup::import::Options::default(),
    )
    .unwrap()
    .schedule;
    app_for(schedule)
}

fn typed(app: &mut App, start: Command, text: &str) {
    press(app, &[Action::Do(start)]);
    for c in text.chars() {
        press(app, &[Action::Input(c)]);
    }
    press(app, &[Action::Do(Command::Submit)]);
}

/// The clock time the grid is at (the sticky time), as the axis writes it.
fn at_clock(app: &App) -> String {
    let at = app.at.expect("a time one is at");
    app.days[app.day]
        .base_stamp
        .plus_minutes(at.minute)
        .time()
        .format("%H:%M")
        .to_string()
}

#[test]
fn a_time_typed_after_colon_is_where_the_grid_goes() {
    let mut app = many_rooms();
    typed(&mut app, Command::StartGoto, "16:00");
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(app.said(), "at Fri 16:00");
    assert_eq!(at_clock(&app), "16:00");
    // The session running at 16:00 in this room, or its gap.
    if let Some(i) = app.selected {
        let s = app.session(i);
        assert!(s.start.time() <= chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap());
        assert!(s.end.time() > chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap());
    }
    // 16:00 is on screen, a quarter down.
    let row = app.timeline().row_of(app.at.unwrap().minute);
    assert!(row >= app.scroll_row && row < app.scroll_row + 30, "{row}");
    for (text, at) in [("1130", "11:30"), ("4pm", "16:00"), ("fri 10:15", "10:15")] {
        typed(&mut app, Command::StartGoto, text);
        assert_eq!(at_clock(&app), at, "{text}");
    }
    typed(&mut app, Command::StartGoto, "7:00");
    assert_eq!(
        app.said(),
        "7:00 is outside this day's grid (10:00–21:10): at its edge"
    );
    assert_eq!(at_clock(&app), "10:00");
    typed(&mut app, Command::StartGoto, "sat 10:00");
    assert_eq!(
        app.said(),
        "sat 10:00: no time or day; try 16:00, 1600, sat 10:30 or now (days: Fri 27)"
    );
    assert_eq!(at_clock(&app), "10:00", "nothing moved");
    // Esc leaves the prompt without going anywhere.
    press(
        &mut app,
        &[Action::Do(Command::StartGoto), Action::Input('1')],
    );
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(at_clock(&app), "10:00");
}

#[test]
fn ctrl_o_and_tab_walk_back_and_forth_through_jumps() {
    let mut app = pycon();
    assert!(app.select_id(SECURITY));
    // A jump by search: Enter on the first result.
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    for c in "pdb".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    press(&mut app, &[Action::Do(Command::Submit)]);
    let found = selected(&app).to_string();
    assert_ne!(found, SECURITY);
    // A jump by time.
    typed(&mut app, Command::StartGoto, "10:00");
    let at_ten = app.selected;
    press(&mut app, &[Action::Do(Command::JumpBack)]);
    assert_eq!(selected(&app), found);
    press(&mut app, &[Action::Do(Command::JumpBack)]);
    assert_eq!(selected(&app), SECURITY);
    press(&mut app, &[Action::Do(Command::JumpBack)]);
    assert_eq!(app.said(), "no earlier place to go back to");
    assert_eq!(selected(&app), SECURITY);
    press(&mut app, &[Action::Do(Command::JumpForward)]);
    assert_eq!(selected(&app), found);
    press(&mut app, &[Action::Do(Command::JumpForward)]);
    assert_eq!(app.selected, at_ten);
    assert_eq!(at_clock(&app), "10:00");
    press(&mut app, &[Action::Do(Command::JumpForward)]);
    assert_eq!(app.said(), "no later place to go forward to");
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_screen() {
    let mut app = many_rooms();
    app.select_id("r1-0");
    let top = app.scroll_row;
    press(&mut app, &[Action::Do(Command::HalfPageDown)]);
    let half = app.scroll_row - top;
    // 40 rows: 3 of header, 1 of status, 36 of body; half of 35.
    assert!((15..=18).contains(&half), "{half}");
    let later = app.session(app.selected.unwrap()).start;
    assert!(later > app.session(app.index_of("r1-0").unwrap()).start);
    press(&mut app, &[Action::Do(Command::HalfPageUp)]);
    assert_eq!(app.scroll_row, top);
    assert_eq!(selected(&app), "r1-0");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 40, ..Default::default() })]

    /// Any number of rooms right and as many back left returns to the session (or gap) and the
    /// time one started from, whatever lies between: empty rooms, three-hour sessions.
    #[test]
    fn right_then_as_many_left_returns_where_one_was(
        start in 0usize..60,
        down in 0usize..8,
        k in 1usize..12,
    ) {
        let mut app = many_rooms();
        app.select_id(&format!("r{}-0", start + 1));
        for _ in 0..down {
            press(&mut app, &[Action::Do(Command::Down)]);
        }
        let (column, sel) = (app.column, app.selected);
        for _ in 0..k {
            press(&mut app, &[Action::Do(Command::Right)]);
        }
        proptest::prop_assert_eq!(app.column, column + k);
        for _ in 0..k {
            press(&mut app, &[Action::Do(Command::Left)]);
        }
        proptest::prop_assert_eq!(app.column, column);
        proptest::prop_assert_eq!(app.selected, sel);
    }
}

#[test]
fn every_list_and_page_moves_a_page_half_a_page_and_to_its_ends() {
    let mut app = pycon();
    // The help: a page, the end, the start.
    press(&mut app, &[Action::Do(Command::ShowHelp)]);
    press(&mut app, &[Action::Do(Command::PageDown)]);
    let Mode::Help { scroll: paged } = app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(usize::from(paged), 35, "a page of a 40-row screen");
    press(&mut app, &[Action::Do(Command::End)]);
    let Mode::Help { scroll: end } = app.mode else {
        panic!()
    };
    assert!(end > paged);
    press(&mut app, &[Action::Do(Command::PageDown)]);
    assert_eq!(
        app.mode,
        Mode::Help { scroll: end },
        "no further than the end"
    );
    press(&mut app, &[Action::Do(Command::HalfPageUp)]);
    assert_eq!(app.mode, Mode::Help { scroll: end - 17 });
    press(&mut app, &[Action::Do(Command::Home)]);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    press(&mut app, &[Action::Do(Command::Close)]);
    // A chooser: G to the last line, g to the first, by the keys themselves.
    press(&mut app, &[Action::Do(Command::ChooseRooms)]);
    let keys = |c: char| {
        app.keymap.action_for(
            lineup::tui::keymap::Context::Choose,
            &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)),
        )
    };
    let (big_g, small_g) = (keys('G').unwrap(), keys('g').unwrap());
    press(&mut app, &[big_g]);
    let Mode::Choose { cursor, .. } = app.mode else {
        panic!()
    };
    assert_eq!(cursor, app.catalogue.rooms.len() - 1);
    press(&mut app, &[small_g]);
    assert!(matches!(app.mode, Mode::Choose { cursor: 0, .. }));
}

#[test]
fn p_shows_only_my_picks_and_follows_them_as_they_change() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::OnlyPicks)]);
    assert_eq!(
        app.said(),
        "nothing picked yet: Space picks the selected talk"
    );
    assert!(app.lens.is_clear());
    for id in [SECURITY, JINJA] {
        app.select_id(id);
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    press(&mut app, &[Action::Do(Command::OnlyPicks)]);
    assert_eq!(
        app.said(),
        "the grid shows only my picks (P my picks or all, W now and next or all)"
    );
    let shown = |app: &App| {
        let mut v: Vec<String> = app.days[0]
            .spans
            .iter()
            .map(|s| app.session(s.0).id.to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(shown(&app), [SECURITY, JINJA]);
    // The plan's marks stay on them: the clash is drawn.
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("‼") && text.contains("✗"), "{text}");
    assert!(
        text.contains("only my picks"),
        "the status row names it: {text}"
    );
    // Unpicked, a talk leaves the grid at once; u brings it back.
    app.select_id(JINJA);
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert_eq!(shown(&app), [SECURITY]);
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(shown(&app), [SECURITY, JINJA]);
    press(&mut app, &[Action::Do(Command::OnlyPicks)]);
    assert!(app.lens.is_clear());
    assert!(shown(&app).len() > 20);
}

#[test]
fn w_capital_shows_only_now_and_the_next_hour_and_moves_with_the_clock() {
    let mut app = pycon();
    // Before the conference: nothing to show, said so.
    press(&mut app, &[Action::Do(Command::OnlyNowNext)]);
    assert!(app.lens.is_clear());
    assert_eq!(
        app.said(),
        "nothing runs now (Thu 8 Mar 12:00) or in the next hour: the grid shows all"
    );
    app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
    press(&mut app, &[Action::Do(Command::OnlyNowNext)]);
    let at = |t: &str| Stamp::parse(&format!("2012-03-09T{t}:00-08:00")).unwrap();
    let shown: Vec<usize> = app.days[0].spans.iter().map(|s| s.0).collect();
    assert!(!shown.is_empty());
    for &i in &shown {
        let s = app.session(i);
        assert!(s.end > at("14:10") && s.start < at("15:10"), "{}", s.id);
    }
    assert!(
        app.said().contains("only now and the next hour"),
        "{}",
        app.said()
    );
    // An hour later the window has moved on.
    app.fixed_now = Some(at("15:30"));
    press(&mut app, &[Action::Tick(clock().fixed_offset())]);
    for s in &app.days[0].spans {
        let s = app.session(s.0);
        assert!(s.end > at("15:30"), "{}", s.id);
    }
    press(&mut app, &[Action::Do(Command::OnlyNowNext)]);
    assert!(app.lens.is_clear());
}

#[test]
fn slash_narrows_a_chooser_and_the_help_as_one_types() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::ChooseRooms)]);
    press(&mut app, &[Action::Do(Command::StartFilter)]);
    assert!(matches!(app.mode, Mode::Filter { .. }));
    press(&mut app, &[Action::Input('e')]);
    let labels = |app: &App| -> Vec<String> {
        lineup::tui::choose_rows::shown(app, lineup::tui::app::Chooser::Rooms)
            .into_iter()
            .map(|r| r.label)
            .collect()
    };
    assert_eq!(labels(&app), ["E1", "E2", "E3", "E4"]);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("[4/5]"),
        "the list says it is narrowed: {text}"
    );
    assert!(text.contains("Filter: e"), "{text}");
    // Nothing matches: an empty list draws, and Space there marks nothing.
    press(&mut app, &[Action::Input('z')]);
    assert!(labels(&app).is_empty());
    let _ = screen(&mut app, 120, 40);
    press(&mut app, &[Action::Do(Command::Backspace)]);
    press(&mut app, &[Action::Input('3')]);
    assert_eq!(labels(&app), ["E3"]);
    // Enter keeps the filter; Space marks the line under the cursor: E3 hidden.
    press(
        &mut app,
        &[Action::Do(Command::Submit), Action::Do(Command::TogglePick)],
    );
    assert!(app.lens.hidden_rooms.contains("E3"));
    assert_eq!(app.lens.hidden_rooms.len(), 1);
    // Closing the chooser forgets the filter.
    press(&mut app, &[Action::Do(Command::Close)]);
    press(&mut app, &[Action::Do(Command::ChooseRooms)]);
    assert_eq!(labels(&app).len(), 5);
    press(&mut app, &[Action::Do(Command::Close)]);
    // The help: only the keys whose words hold "jump".
    press(
        &mut app,
        &[
            Action::Do(Command::ShowHelp),
            Action::Do(Command::StartFilter),
        ],
    );
    for c in "jump".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("back to where the last jump came from"),
        "{text}"
    );
    assert!(!text.contains("zoom in"), "{text}");
    // Esc clears it: every key again.
    press(&mut app, &[Action::Do(Command::Close)]);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    assert!(screen(&mut app, 120, 40).contains("zoom in"));
}

#[test]
fn after_a_refresh_the_grid_marks_what_is_new_moved_or_cancelled_until_seen() {
    let mut app = pycon();
    let mut s = default_schedule().unwrap();
    let moved = s.sessions.iter_mut().find(|x| x.id == JINJA).unwrap();
    moved.start = moved.start.plus_minutes(60);
    moved.end = moved.end.plus_minutes(60);
    s.sessions
        .iter_mut()
        .find(|x| x.id == SECURITY)
        .unwrap()
        .cancelled = true;
    let mut added = s.sessions[5].clone();
    added.id = "a-new-talk".into();
    added.title = "A New Talk".into();
    added.start = added.start.plus_minutes(5);
    s.sessions.push(added);
    s.normalize();
    press(
        &mut app,
        &[Action::Refreshed {
            schedule: Some(std::sync::Arc::new(s)),
            report: None,
            message: lineup::tui::Said::Nothing,
        }],
    );
    assert_eq!(app.fresh.len(), 3, "{:?}", app.fresh);
    let text = screen(&mut app, 200, 60);
    assert!(text.contains("↻ Code"), "{text}");
    assert!(text.contains("⊘ Advanced"), "{text}");
    assert!(text.contains("✚ A New"), "{text}");
    // Selected, a talk is seen: its mark goes, the others stay.
    app.select_id(JINJA);
    press(
        &mut app,
        &[Action::Do(Command::Down), Action::Do(Command::Up)],
    );
    assert_eq!(app.fresh.len(), 2);
    assert!(!screen(&mut app, 200, 60).contains("↻ Code"));
}

#[test]
fn the_help_shows_the_keys_of_the_screen_it_was_opened_from_first() {
    let mut app = pycon();
    press(
        &mut app,
        &[Action::Do(Command::ShowPlan), Action::Do(Command::ShowHelp)],
    );
    let text = screen(&mut app, 120, 40);
    let first = |t: &str, what: &str| t.find(what).unwrap_or(usize::MAX);
    assert!(
        first(&text, "The plan") < first(&text, "Everywhere"),
        "{text}"
    );
    assert!(
        first(&text, "Every list and page") < first(&text, "Grid"),
        "a list's shared keys come next: {text}"
    );
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::ShowHelp)],
    );
    let text = screen(&mut app, 120, 40);
    assert!(first(&text, "Grid") < first(&text, "Everywhere"), "{text}");
}

#[test]
fn k_shows_only_the_kinds_of_session_marked() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frab.xml");
    let bytes = std::fs::read(&path).unwrap();
    let schedule = lineup::import::read_bytes(&bytes, "frab.xml", &Default::default())
        .unwrap()
        .schedule;
    let types: Vec<Option<&str>> = schedule
        .sessions
        .iter()
        .map(|s| s.session_type.as_deref())
        .collect();
    assert!(
        types.contains(&Some("lecture")) && types.contains(&Some("keynote")),
        "{types:?}"
    );
    let mut app = app_for(schedule);
    press(&mut app, &[Action::Do(Command::ChooseTypes)]);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Kinds: all 3 shown"), "{text}");
    // Mark "lecture": only lectures in the grid, and the status row says so.
    let rows = lineup::tui::choose_rows::shown(&app, lineup::tui::app::Chooser::Types);
    let at = rows.iter().position(|r| r.label == "lecture").unwrap();
    let Mode::Choose { cursor, .. } = app.mode else {
        panic!()
    };
    for _ in cursor..at {
        press(&mut app, &[Action::Do(Command::Down)]);
    }
    for _ in at..cursor {
        press(&mut app, &[Action::Do(Command::Up)]);
    }
    press(&mut app, &[Action::Do(Command::TogglePick)]);
    assert!(app.said().contains("1 of 3 kinds"), "{}", app.said());
    let shown: Vec<usize> = app
        .days
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| s.0))
        .collect();
    assert!(!shown.is_empty());
    for i in shown {
        assert_eq!(app.session(i).session_type.as_deref(), Some("lecture"));
    }
}

#[test]
fn slash_narrows_the_plan_and_now_and_next() {
    let mut app = pycon();
    for id in [SECURITY, JINJA, "apache-cassandra-and-python"] {
        app.select_id(id);
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    press(
        &mut app,
        &[
            Action::Do(Command::ShowPlan),
            Action::Do(Command::StartFilter),
        ],
    );
    for c in "cassandra".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    let rows = lineup::tui::plan_rows::rows(&app);
    let talks: Vec<&str> = rows.iter().filter_map(|r| r.id.as_deref()).collect();
    assert_eq!(talks, ["apache-cassandra-and-python"], "{rows:?}");
    // Enter keeps it; Enter again shows the talk in the grid.
    press(&mut app, &[Action::Do(Command::Submit)]);
    let at = rows.iter().position(|r| r.id.is_some()).unwrap();
    for _ in 0..at {
        press(&mut app, &[Action::Do(Command::Down)]);
    }
    press(&mut app, &[Action::Do(Command::Open)]);
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(selected(&app), "apache-cassandra-and-python");
    // Opened again, the plan shows everything.
    press(&mut app, &[Action::Do(Command::ShowPlan)]);
    assert!(
        lineup::tui::plan_rows::rows(&app)
            .iter()
            .filter(|r| r.id.is_some())
            .count()
            >= 3
    );
}

#[test]
fn slash_narrows_what_changed_and_m_takes_the_move_under_the_cursor() {
    use lineup::agenda::changes;
    let mut app = pycon();
    let old = (**app.schedule()).clone();
    let now = clock();
    let pick =
        |s: &Schedule, id: &str| Pick::of(s.sessions.iter().find(|x| x.id == id).unwrap(), now);
    press(
        &mut app,
        &[Action::AgendaSaved(Agenda::with_picks(
            (&old.conference).into(),
            [pick(&old, JINJA), pick(&old, SECURITY)],
        ))],
    );
    let mut new = old.clone();
    for id in [JINJA, SECURITY] {
        let i = new.sessions.iter().position(|s| s.id == id).unwrap();
        new.sessions[i].start = new.sessions[i].start.plus_minutes(60);
        new.sessions[i].end = new.sessions[i].end.plus_minutes(60);
    }
    let report = changes::compare(&old, &new, app.agenda());
    press(
        &mut app,
        &[Action::Refreshed {
            schedule: Some(std::sync::Arc::new(new)),
            report: Some(report),
            message: lineup::tui::Said::Nothing,
        }],
    );
    assert!(matches!(app.mode, Mode::Changes { .. }));
    press(&mut app, &[Action::Do(Command::StartFilter)]);
    for c in "security".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    let shown = lineup::tui::change_rows::shown(&app);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].id.as_deref(), Some(SECURITY));
    // Enter keeps the filter; m takes the move of the row under the cursor, Security's.
    press(
        &mut app,
        &[Action::Do(Command::Submit), Action::Do(Command::AcceptMove)],
    );
    assert!(
        app.said().contains("Advanced Security Topics"),
        "{}",
        app.said()
    );
}

#[test]
fn slash_narrows_the_talks_that_fit() {
    let mut app = pycon();
    assert!(app.select_id(JINJA));
    press(
        &mut app,
        &[
            Action::Do(Command::TogglePick),
            Action::Do(Command::ShowPlan),
            Action::Do(Command::Down),
            Action::Do(Command::Down),
            Action::Do(Command::Open),
            Action::Do(Command::StartFilter),
        ],
    );
    for c in "noob".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    let Mode::Filter { back, .. } = &app.mode else {
        panic!("{:?}", app.mode)
    };
    let Mode::Fits { start, end, .. } = **back else {
        panic!("{back:?}")
    };
    let shown = app.fits_shown(start, end);
    assert_eq!(shown.len(), 1);
    assert!(app.session(shown[0]).title.starts_with("A Noob Speaks"));
    press(
        &mut app,
        &[Action::Do(Command::Submit), Action::Do(Command::Open)],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert!(app.selected_session().unwrap().title.starts_with("A Noob"));
}

#[test]
fn a_list_longer_than_the_screen_says_where_its_cursor_is() {
    let mut app = many_rooms();
    // Thirty picks: the plan runs past an 80×24 screen.
    for r in 1..=30 {
        app.select_id(&format!("r{r}-2"));
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    press(&mut app, &[Action::Do(Command::ShowPlan)]);
    let rows = lineup::tui::plan_rows::rows(&app).len();
    assert!(rows > 22, "{rows}");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&format!("[1/{rows}]")), "{text}");
    press(&mut app, &[Action::Do(Command::End)]);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&format!("[{rows}/{rows}]")), "{text}");
}

#[test]
fn slash_narrows_my_agenda_and_the_cursor_walks_the_picks_shown() {
    let mut app = pycon();
    let ids = [
        SECURITY,
        JINJA,
        "apache-cassandra-and-python",
        "introspecting-running-python-processes",
    ];
    for id in ids {
        app.select_id(id);
        press(&mut app, &[Action::Do(Command::TogglePick)]);
    }
    press(
        &mut app,
        &[
            Action::Do(Command::ShowAgenda),
            Action::Do(Command::StartFilter),
        ],
    );
    for c in "python".chars() {
        press(&mut app, &[Action::Input(c)]);
    }
    // Jinja's title, Cassandra's and Introspecting's hold "python"; Security's does not.
    let shown: Vec<String> = app
        .agenda_rows
        .shown()
        .iter()
        .map(|&k| app.overview().picks[k].id.clone())
        .collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(!shown.iter().any(|id| id == SECURITY));
    let text = screen(&mut app, 120, 40);
    // Security's own row is gone (Jinja's clash note still names it).
    assert!(!text.contains("13:45–14:40  E1"), "{text}");
    // Enter keeps the filter; j walks the picks shown, G goes to the last of them.
    press(&mut app, &[Action::Do(Command::Submit)]);
    let Mode::Agenda { cursor } = app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(app.overview().picks[cursor].id, shown[0]);
    press(&mut app, &[Action::Do(Command::Down)]);
    let Mode::Agenda { cursor } = app.mode else {
        panic!()
    };
    assert_eq!(app.overview().picks[cursor].id, shown[1]);
    press(&mut app, &[Action::Do(Command::End)]);
    let Mode::Agenda { cursor } = app.mode else {
        panic!()
    };
    assert_eq!(app.overview().picks[cursor].id, shown[2]);
    // A word no pick holds says so; closing the agenda forgets the filter.
    press(
        &mut app,
        &[Action::Do(Command::StartFilter), Action::Input('z')],
    );
    assert!(screen(&mut app, 120, 40).contains("No pick holds `pythonz`."));
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::Close)],
    );
    assert_eq!(app.mode, Mode::Grid);
    assert_eq!(app.agenda_rows.shown().len(), 4);
}

#[test]
fn the_hint_bar_names_the_screens_main_keys_from_thirty_rows_and_follows_the_keymap() {
    let mut app = pycon();
    let rows = screen(&mut app, 120, 40);
    let bar: Vec<&str> = rows.lines().filter(|l| l.contains("Space pick")).collect();
    assert_eq!(bar.len(), 1, "{rows}");
    assert!(bar[0].contains("Enter details") && bar[0].contains("/ search"));
    // The grid gives the bar its row: the status line stays the last row.
    let lines: Vec<&str> = rows.lines().collect();
    assert!(lines[lines.len() - 2].contains("Space pick"), "{rows}");
    // Another screen, its own keys.
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    let agenda = screen(&mut app, 120, 40);
    assert!(
        agenda.contains("Esc back") && !agenda.contains("Space pick"),
        "{agenda}"
    );
    press(&mut app, &[Action::Do(Command::Close)]);
    // Below thirty rows every row goes to the schedule.
    assert!(!screen(&mut app, 120, 29).contains("Space pick"));
    // A key the config moves is hinted where it went.
    app.keymap = app
        .keymap
        .with_keys(&[(
            None,
            Command::TogglePick,
            vec![lineup::tui::keymap::Key::Char('x')],
        )])
        .unwrap();
    assert!(screen(&mut app, 120, 40).contains("x pick"));
    // And the config can turn it off.
    app.hints = false;
    assert!(!screen(&mut app, 120, 40).contains("x pick"));
}

#[test]
fn the_links_on_screen_are_the_cells_that_show_the_sessions_url_wrapped_or_scrolled() {
    use lineup::tui::links;
    let mut schedule = default_schedule().unwrap();
    for (k, s) in schedule.sessions.iter_mut().enumerate() {
        s.url = Some(format!("https://us.pycon.org/2012/schedule/presentation/{k}/").into());
    }
    let mut app = app_for(schedule);
    press(&mut app, &[Action::Do(Command::Open)]);
    let url = app.selected_session().unwrap().url.clone().unwrap();
    for (w, h) in [(120, 40), (80, 24), (40, 30)] {
        update(
            &mut app,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view::draw(f, &app)).unwrap();
        let buf = t.backend().buffer().clone();
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let found = links::on_screen(&app, area);
        assert!(!found.is_empty(), "{w}×{h}");
        let shown: String = found
            .iter()
            .flat_map(|l| (l.x..l.x + l.width).map(move |x| (x, l.y)))
            .map(|(x, y)| buf[(x, y)].symbol().to_string())
            .collect();
        assert_eq!(shown, url, "{w}×{h}");
        assert!(found.iter().all(|l| l.url == url));
    }
    // Scrolled past it, no link is left on screen.
    update(
        &mut app,
        Action::Resize {
            width: 40,
            height: 12,
        },
    );
    for _ in 0..3 {
        press(&mut app, &[Action::Do(Command::PageDown)]);
    }
    let found = links::on_screen(&app, ratatui::layout::Rect::new(0, 0, 40, 12));
    assert!(found.iter().all(|l| l.y < 12));
    // Other screens have none.
    press(&mut app, &[Action::Do(Command::Close)]);
    assert!(links::on_screen(&app, ratatui::layout::Rect::new(0, 0, 40, 12)).is_empty());
}

#[test]
fn m_adds_an_event_at_the_selected_time_the_grid_shows_it_and_u_takes_it_back() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::StartGoto)]);
    press(
        &mut app,
        &"13:45".chars().map(Action::Input).collect::<Vec<_>>(),
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    let at = app.selected_session().unwrap().clone();
    press(&mut app, &[Action::Do(Command::StartEvent)]);
    assert!(matches!(app.mode, Mode::NewEvent { .. }));
    let typed = "Coffee with Bo @ Café";
    let effects = press(
        &mut app,
        &typed.chars().map(Action::Input).collect::<Vec<_>>(),
    );
    assert!(effects.is_empty(), "nothing saved while typing");
    let effects = press(&mut app, &[Action::Do(Command::Submit)]);
    assert!(matches!(app.mode, Mode::Grid));
    assert_eq!(effects.len(), 1, "{effects:?}");
    let e = app.agenda().events().next().unwrap().clone();
    assert_eq!(
        (e.title.as_str(), e.start, e.end, e.place.as_deref()),
        ("Coffee with Bo", at.start, at.end, Some("Café"))
    );
    let screen = screen(&mut app, 120, 40);
    assert!(screen.contains("◆ Coffee with Bo"), "{screen}");
    assert!(
        app.said()
            .starts_with("added your event \"Coffee with Bo\""),
        "{}",
        app.said()
    );
    // In the agenda and the plan too.
    press(&mut app, &[Action::Do(Command::ShowAgenda)]);
    assert!(screen_of(&mut app).contains("◆ Coffee with Bo"));
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::ShowPlan)],
    );
    assert!(screen_of(&mut app).contains("Coffee with Bo"));
    press(
        &mut app,
        &[Action::Do(Command::Close), Action::Do(Command::Undo)],
    );
    assert_eq!(app.agenda().events().len(), 0);
    assert!(
        app.said().contains("taken out of your day"),
        "{}",
        app.said()
    );
    // A span typed takes the place of the selection's; no title, no event.
    press(&mut app, &[Action::Do(Command::StartEvent)]);
    press(
        &mut app,
        &"Call 16:00-16:30"
            .chars()
            .map(Action::Input)
            .collect::<Vec<_>>(),
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    let e = app.agenda().events().next().unwrap().clone();
    assert_eq!(lineup::presentation::span(&e.start, &e.end), "16:00–16:30");
    press(
        &mut app,
        &[Action::Do(Command::StartEvent), Action::Input(' ')],
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    assert_eq!(app.agenda().events().len(), 1);
    assert!(
        matches!(app.mode, Mode::NewEvent { .. }),
        "the line stays open"
    );
}

fn screen_of(app: &mut App) -> String {
    screen(app, 120, 40)
}

#[test]
fn star_after_a_search_watches_it_and_u_forgets_it() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::WatchSearch)]);
    assert!(app.said().starts_with("nothing to watch"), "{}", app.said());
    press(&mut app, &[Action::Do(Command::StartSearch)]);
    press(
        &mut app,
        &"python".chars().map(Action::Input).collect::<Vec<_>>(),
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    let effects = press(&mut app, &[Action::Do(Command::WatchSearch)]);
    assert_eq!(effects.len(), 1, "{effects:?}");
    assert_eq!(
        app.agenda().watches().cloned().collect::<Vec<_>>(),
        ["python"]
    );
    assert!(
        app.said().starts_with("watching `python` ("),
        "{}",
        app.said()
    );
    press(&mut app, &[Action::Do(Command::Undo)]);
    assert_eq!(app.agenda().watches().len(), 0);
}

#[test]
fn now_and_next_lists_your_next_event_of_your_own() {
    let mut app = pycon();
    press(&mut app, &[Action::Do(Command::StartEvent)]);
    press(
        &mut app,
        &"Coffee 23:00-23:30 @ Lobby"
            .chars()
            .map(Action::Input)
            .collect::<Vec<_>>(),
    );
    press(&mut app, &[Action::Do(Command::Submit)]);
    press(&mut app, &[Action::Do(Command::ShowNow)]);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("My own: Fri 23:00"), "{shown}");
    assert!(shown.contains("◆ Coffee"), "{shown}");
    // Enter on it goes nowhere and breaks nothing.
    for _ in 0..3 {
        press(
            &mut app,
            &[Action::Do(Command::Down), Action::Do(Command::Open)],
        );
    }
}

//! What the grid shows is true: snapshots of `TestBackend` screens at 80×24, 120×40 and 200×60
//! that record each line's styles beside its text (so a style leaking from the now line or an
//! hour rule into a box shows in the diff), and direct checks of the cells.

use lineup::agenda::Agenda;
use lineup::model::{Schedule, Stamp};
use lineup::native::default_schedule;
use lineup::tui::app::Chooser;
use lineup::tui::{Action, App, Command, Effect, Mode, Palette, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn app_for(schedule: Schedule, palette: Palette) -> App {
    let agenda = Agenda::new((&schedule.conference).into());
    let mut app = App::new(
        schedule,
        agenda,
        "2026-01-01T00:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap(),
    );
    app.palette = palette;
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

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    update(
        app,
        Action::Resize {
            width: w,
            height: h,
        },
    );
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn style_name(s: Style) -> String {
    let color = |c: Option<Color>| match c {
        None | Some(Color::Reset) => "-".to_string(),
        Some(c) => format!("{c:?}"),
    };
    let mut out = format!("{}/{}", color(s.fg), color(s.bg));
    let m = s.add_modifier;
    for (flag, name) in [
        (Modifier::BOLD, "b"),
        (Modifier::DIM, "d"),
        (Modifier::ITALIC, "i"),
        (Modifier::UNDERLINED, "u"),
        (Modifier::REVERSED, "r"),
    ] {
        if m.contains(flag) {
            out.push_str(name);
        }
    }
    out
}

/// Each row as its text, then its runs of styles other than the plain one: `x..x style`.
fn styled(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let text = text_of(buf, y);
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            // A wide character covers the cell after it: the run goes on across both.
            let cell = &buf[(x, y)];
            let next = x + u16::try_from(lineup::text::width(cell.symbol()).max(1)).unwrap();
            let name = style_name(cell.style());
            match runs.last_mut() {
                Some((_, end, n)) if *n == name && *end == x => *end = next,
                _ => runs.push((x, next, name)),
            }
            x = next;
        }
        out.push_str(&format!("{text}\n"));
        let shown: Vec<String> = runs
            .into_iter()
            .filter(|(_, _, n)| n != "-/-")
            .map(|(a, b, n)| format!("{a}..{b} {n}"))
            .collect();
        if !shown.is_empty() {
            out.push_str(&format!("    {}\n", shown.join("  ")));
        }
    }
    out
}

fn snap_sizes(app: &mut App, name: &str) {
    for (w, h) in SIZES {
        let buf = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), styled(&buf));
    }
}

fn pycon(palette: Palette) -> App {
    app_for(default_schedule().unwrap(), palette)
}

/// A row as the terminal shows it: a wide character covers the cell after it.
fn text_of(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += u16::try_from(lineup::text::width(sym).max(1)).unwrap();
    }
    out
}

/// The cells of `word` on row `y`.
fn cells_of(buf: &Buffer, y: u16, word: &str) -> Vec<Style> {
    let line = text_of(buf, y);
    let at = line
        .find(word)
        .unwrap_or_else(|| panic!("{word} not on row {y}: {line}"));
    let x0 = line[..at].chars().count() as u16;
    (x0..x0 + word.chars().count() as u16)
        .map(|x| buf[(x, y)].style())
        .collect()
}

fn row_with(buf: &Buffer, what: &str) -> u16 {
    (0..buf.area.height)
        .find(|&y| text_of(buf, y).contains(what))
        .unwrap_or_else(|| panic!("no row holds {what}"))
}

#[test]
fn the_now_line_and_hour_rules_never_restyle_a_box() {
    for palette in [Palette::Ansi, Palette::Mono, Palette::Rich] {
        let mut app = pycon(palette);
        app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
        update(&mut app, Action::Do(Command::JumpNow));
        let buf = draw(&mut app, 120, 40);
        // The now row (14:10) crosses Jinja's box ("Generation in"): its text keeps the box's
        // style, the same as on the row below.
        let now = row_with(&buf, "now──");
        let in_box = cells_of(&buf, now, "Generation");
        let below = cells_of(&buf, now + 1, "Python:");
        for s in &in_box {
            assert!(
                !s.add_modifier.contains(Modifier::UNDERLINED),
                "{palette:?} {s:?}"
            );
            assert_ne!(
                s.fg,
                Some(Color::Red),
                "{palette:?}: box text drawn in the now colour"
            );
            assert_eq!(s.bg, below[0].bg, "{palette:?}");
            assert_eq!(s.add_modifier, below[0].add_modifier, "{palette:?}");
        }
        // The hour row (14:00): "Code" is bold like every title's first line, never dim.
        let hour = row_with(&buf, "14:00 Code");
        for s in cells_of(&buf, hour, "Code") {
            assert!(!s.add_modifier.contains(Modifier::DIM), "{palette:?} {s:?}");
            assert!(s.add_modifier.contains(Modifier::BOLD), "{palette:?} {s:?}");
        }
        // Between boxes the now line is drawn.
        let line = text_of(&buf, now);
        assert!(
            line.starts_with("now──") && line[6..].contains('─'),
            "{line}"
        );
    }
}

#[test]
fn snapshot_now_and_hour_rows_with_styles() {
    for (palette, name) in [
        (Palette::Ansi, "ansi"),
        (Palette::Rich, "rich"),
        (Palette::Mono, "mono"),
    ] {
        for (w, h) in SIZES {
            let mut app = pycon(palette);
            app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
            update(
                &mut app,
                Action::Resize {
                    width: w,
                    height: h,
                },
            );
            update(&mut app, Action::Do(Command::JumpNow));
            let buf = draw(&mut app, w, h);
            // Now sits about a quarter down the grid, so what comes next is on screen (unless
            // the whole day fits).
            let now = row_with(&buf, "now──");
            let body = h - 3;
            let whole_day = app.timeline().rows() <= usize::from(body);
            assert!(
                whole_day || (now >= 2 + body / 8 && now <= 2 + body / 2),
                "{w}x{h}: now on row {now}"
            );
            insta::assert_snapshot!(format!("now_{name}_{w}x{h}"), styled(&buf));
        }
    }
}

#[test]
fn snapshot_thirty_minutes_a_row() {
    let mut app = pycon(Palette::Ansi);
    for _ in 0..3 {
        update(&mut app, Action::Do(Command::ZoomOut));
    }
    assert_eq!(app.per_row(), 30);
    snap_sizes(&mut app, "zoom30");
}

#[test]
fn snapshot_folded_lunch_says_the_true_empty_span() {
    let mut app = pycon(Palette::Ansi);
    update(&mut app, Action::Do(Command::ToggleFold));
    assert!(app.select_id("advanced-security-topics"));
    let buf = draw(&mut app, 120, 40);
    let fold = text_of(&buf, row_with(&buf, "nothing scheduled"));
    assert!(
        fold.contains("12:55–13:45 nothing scheduled (50 min)"),
        "{fold}"
    );
    snap_sizes(&mut app, "fold");
}

#[test]
fn snapshot_a_box_cut_at_the_top_keeps_its_start_and_title() {
    let mut app = pycon(Palette::Ansi);
    // Select a talk below and scroll so the 10:50 boxes start two rows above the screen.
    assert!(app.select_id("scalability-at-youtube"));
    app.scroll_row = 13;
    let buf = draw(&mut app, 80, 24);
    let first = text_of(&buf, 2);
    assert!(first.contains("│10:50 PBS KIDS:"), "{first}");
    snap_sizes(&mut app, "cut_top");
}

/// A schedule of `days` days with `rooms` rooms and long room names, a talk a room a day.
fn many_days(days: u32, rooms: usize) -> Schedule {
    let mut sessions = Vec::new();
    for d in 0..days {
        for r in 0..rooms {
            let date = format!("2020-02-{:02}", 1 + d);
            sessions.push(serde_json::json!({
                "id": format!("d{d}r{r}"), "title": format!("Talk {r} of day {}", d + 1),
                "day": date, "start": format!("{date}T10:00:00+01:00"),
                "end": format!("{date}T10:40:00+01:00"),
                "room": format!("Room {r} in the very long building wing")
            }));
        }
    }
    let file = serde_json::json!({
        "format": "lineup-schedule", "version": 1,
        "conference": {"id": "six", "title": "A conference with a rather long name 2020", "time_zone": "Europe/Brussels"},
        "rooms": [], "sessions": sessions
    });
    lineup::native::from_json(&file.to_string(), "six.json").unwrap()
}

#[test]
fn six_day_tabs_at_80_columns_keep_the_current_day_and_the_room_indicator_apart() {
    let mut app = app_for(many_days(6, 8), Palette::Ansi);
    for day in 0..6 {
        let buf = draw(&mut app, 80, 24);
        let tabs = text_of(&buf, 0);
        let current = app.days[day].date.format("%a %-d").to_string();
        assert!(tabs.contains(&current), "day {day}: {tabs}");
        // The row uses its width: every day shows, in the shorter form, before the title is
        // cut further or a day hidden.
        for d in &app.days {
            let label = format!("│ {} ", d.date.format("%a %-d"));
            assert!(tabs.contains(&label), "{label} not in {tabs}");
        }
        // The current tab is drawn reversed, and none of its cells holds the indicator.
        let cells = cells_of(&buf, 0, &current);
        assert!(
            cells
                .iter()
                .all(|s| s.add_modifier.contains(Modifier::REVERSED)),
            "{tabs}"
        );
        assert!(tabs.trim_end().ends_with("more ▶"), "{tabs}");
        // Long room names are cut with an ellipsis.
        assert!(text_of(&buf, 1).contains('…'));
        if day == 5 {
            snap_sizes(&mut app, "six_days");
        }
        update(&mut app, Action::Do(Command::NextDay));
    }
}

fn cjk_and_emoji() -> Schedule {
    let file = serde_json::json!({
        "format": "lineup-schedule", "version": 1,
        "conference": {"id": "wide", "title": "幅の広い文字 Conf", "time_zone": "Asia/Tokyo"},
        "rooms": ["大ホール", "Room 🇧🇪"],
        "sessions": [
            {"id": "cjk", "title": "日本語のタイトルはとても長いです", "speakers": ["山田太郎"],
             "day": "2020-02-01", "start": "2020-02-01T10:00:00+09:00", "end": "2020-02-01T10:40:00+09:00", "room": "大ホール"},
            {"id": "emoji", "title": "👩\u{200d}💻 Coding 🇧🇪 with flags 🎉", "speakers": ["Zoë"],
             "day": "2020-02-01", "start": "2020-02-01T10:00:00+09:00", "end": "2020-02-01T10:40:00+09:00", "room": "Room 🇧🇪"}
        ]
    });
    lineup::native::from_json(&file.to_string(), "wide.json").unwrap()
}

#[test]
fn cjk_and_emoji_titles_keep_box_borders_in_place() {
    let mut app = app_for(cjk_and_emoji(), Palette::Ansi);
    app.fixed_now = None;
    for (w, h) in SIZES {
        let buf = draw(&mut app, w, h);
        // Every row's text is exactly the screen's width in columns.
        for y in 0..h {
            let line = text_of(&buf, y);
            assert_eq!(
                lineup::text::width(&line),
                usize::from(w),
                "row {y}: {line}"
            );
        }
        // The second column's left border is on the same x on every row of its box.
        let xs: Vec<usize> = (2..8)
            .filter_map(|y| {
                let line = text_of(&buf, y);
                line.char_indices()
                    .filter(|(_, c)| matches!(c, '┌' | '│' | '└' | '┏' | '┃' | '┗'))
                    .nth(1)
                    .map(|(i, _)| lineup::text::width(&line[..i]))
            })
            .collect();
        assert!(xs.windows(2).all(|p| p[0] == p[1]), "{w}x{h}: {xs:?}");
    }
    snap_sizes(&mut app, "cjk_emoji");
}

#[test]
fn snapshot_the_rich_palettes_dark_and_light() {
    for (palette, name) in [(Palette::Rich, "rich"), (Palette::RichLight, "rich_light")] {
        let mut app = pycon(palette);
        assert!(app.select_id("code-generation-in-python-dismantling-jinja"));
        snap_sizes(&mut app, name);
    }
}

/// lineup paints no background of its own (a truecolor terminal kept lineup's dark panel over
/// its own) unless the config asks for it.
#[test]
fn no_background_is_painted_unless_the_config_asks() {
    let mut app = pycon(Palette::Rich);
    assert!(app.select_id("code-generation-in-python-dismantling-jinja"));
    // The cells with a background of lineup's.
    let painted = |app: &mut lineup::tui::App| {
        let buf = draw(app, 120, 40);
        buf.content()
            .iter()
            .filter(|c| c.bg != ratatui::style::Color::Reset)
            .count()
    };
    assert_eq!(painted(&mut app), 0, "cells with a background of lineup's");
    app.background = true;
    let n = painted(&mut app);
    assert!(n > 120 * 30, "the panel everywhere: {n}");
    snap_sizes(&mut app, "rich_panel");
}

#[test]
fn a_room_that_lists_rooms_spans_them_like_a_plenary() {
    // linux.conf.au 2020's changeover: LOCATION "Arena, Room 8, Room 5".
    let file = serde_json::json!({
        "format": "lineup-schedule", "version": 1,
        "conference": {"id": "lca", "title": "LCA", "time_zone": "Australia/Brisbane"},
        "rooms": ["Arena", "Room 8", "Room 5", "Room 9"],
        "sessions": [
            {"id": "a", "title": "Arena talk", "day": "2020-01-13", "start": "2020-01-13T10:00:00+10:00", "end": "2020-01-13T10:45:00+10:00", "room": "Arena"},
            {"id": "b", "title": "Room 8 talk", "day": "2020-01-13", "start": "2020-01-13T10:00:00+10:00", "end": "2020-01-13T10:45:00+10:00", "room": "Room 8"},
            {"id": "c", "title": "Room 5 talk", "day": "2020-01-13", "start": "2020-01-13T10:00:00+10:00", "end": "2020-01-13T10:45:00+10:00", "room": "Room 5"},
            {"id": "d", "title": "Room 9 talk", "day": "2020-01-13", "start": "2020-01-13T10:00:00+10:00", "end": "2020-01-13T11:45:00+10:00", "room": "Room 9"},
            {"id": "x", "title": "Changeover", "day": "2020-01-13", "start": "2020-01-13T10:45:00+10:00", "end": "2020-01-13T11:00:00+10:00", "room": "Arena, Room 8, Room 5"}
        ]
    });
    let s = lineup::native::from_json(&file.to_string(), "lca.json").unwrap();
    let mut app = app_for(s, Palette::Ansi);
    app.fixed_now = None;
    let names: Vec<&str> = app
        .day_index()
        .unwrap()
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Arena", "Room 8", "Room 5", "Room 9"],
        "no column of its own"
    );
    let buf = draw(&mut app, 120, 40);
    let row = row_with(&buf, "Changeover");
    let line = text_of(&buf, row);
    // One box from Arena's column across Room 5's, not into Room 9's.
    let start = line.find("┌10:45 Changeover").unwrap();
    assert_eq!(line[..start].chars().count(), 6, "{line}");
    let room9_x: u16 = 6 + 3 * 28;
    assert_eq!(
        buf[(room9_x, row)].symbol(),
        "│",
        "Room 9's talk still shows: {line}"
    );
    // Walking down Room 5 reaches the changeover.
    assert!(app.select_id("c"));
    update(&mut app, Action::Do(Command::Down));
    assert_eq!(app.selected_session().unwrap().id, "x");
    snap_sizes(&mut app, "changeover");
}

#[test]
fn snapshot_the_plan_view_with_styles() {
    // A must at 13:45 keeps its place; the want it clashes with is left out and says why.
    let mut app = pycon(Palette::Ansi);
    for (id, command) in [
        ("advanced-security-topics", Command::Must),
        ("code-generation-in-python-dismantling-jinja", Command::Want),
        ("apache-cassandra-and-python", Command::Maybe),
    ] {
        assert!(app.select_id(id));
        update(&mut app, Action::Do(command));
    }
    update(&mut app, Action::Do(Command::ShowPlan));
    for (w, h) in [(80, 24), (120, 40)] {
        let buf = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("plan_{w}x{h}"), styled(&buf));
    }
}

#[test]
fn a_click_on_a_day_tab_goes_to_that_day() {
    let mut app = app_for(many_days(6, 8), Palette::Ansi);
    for target in [2usize, 1, 0] {
        let buf = draw(&mut app, 80, 24);
        let tabs = text_of(&buf, 0);
        // At 80 columns all six days fit, as "Mon 3".
        let label = app.days[target].date.format("%a %-d").to_string();
        // The column where the label is drawn (in cells, not bytes).
        let byte = tabs
            .find(&label)
            .unwrap_or_else(|| panic!("{label} not in {tabs}"));
        let x = u16::try_from(lineup::text::width(&tabs[..byte])).unwrap();
        update(&mut app, Action::Click { x: x + 1, y: 0 });
        assert_eq!(app.day, target, "{tabs}");
    }
    // The title is not a tab.
    update(&mut app, Action::Click { x: 1, y: 0 });
    assert_eq!(app.day, 0);
}

/// PyCon with a track for each of three rooms.
fn pycon_with_tracks() -> Schedule {
    let mut s = default_schedule().unwrap();
    for x in &mut s.sessions {
        x.track = match x.room.as_deref() {
            Some("E1") => Some("Security".into()),
            Some("E2") => Some("Web".into()),
            Some("E3") => Some("Core Python".into()),
            _ => None,
        };
    }
    s
}

#[test]
fn snapshot_talks_coloured_by_track_with_a_legend() {
    let mut app = app_for(pycon_with_tracks(), Palette::Ansi);
    assert!(app.select_id("a-noob-speaks-to-noobs-your-first-site-in-the-cloud"));
    let buf = draw(&mut app, 120, 40);
    insta::assert_snapshot!("tracks_120x40", styled(&buf));
    // Each track's talks take its colour (tracks sorted: Core Python, Security, Web).
    let row = row_with(&buf, "Introduction to");
    let cells = cells_of(&buf, row, "Introduction to");
    assert!(cells.iter().all(|c| c.fg == Some(Color::Cyan)), "{cells:?}");
    // The help ends with the legend, in the same colours.
    update(&mut app, Action::Do(Command::ShowHelp));
    for _ in 0..300 {
        update(&mut app, Action::Do(Command::Down));
    }
    let buf = draw(&mut app, 120, 40);
    let legend = row_with(&buf, "Tracks (the colour of their talks)");
    assert!(text_of(&buf, legend + 1).contains("Core Python"));
    assert_eq!(cells_of(&buf, legend + 3, "Web")[0].fg, Some(Color::Blue));
}

#[test]
fn the_track_chooser_shows_only_the_tracks_marked_and_empty_rooms_fold_away() {
    let mut app = app_for(pycon_with_tracks(), Palette::Ansi);
    assert!(app.select_id("a-noob-speaks-to-noobs-your-first-site-in-the-cloud"));
    update(&mut app, Action::Do(Command::ChooseTracks));
    // The cursor starts on the selected talk's track (Web); tracks sorted, "(no track)" last.
    assert_eq!(
        app.mode,
        Mode::Choose {
            list: Chooser::Tracks,
            cursor: 2
        }
    );
    update(&mut app, Action::Do(Command::TogglePick));
    update(&mut app, Action::Do(Command::Up));
    update(&mut app, Action::Do(Command::Up));
    update(&mut app, Action::Do(Command::TogglePick));
    let buf = draw(&mut app, 120, 40);
    insta::assert_snapshot!("track_chooser_120x40", styled(&buf));
    let names: Vec<&str> = app.days[0]
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["E2", "E3"], "Web and Core Python only");
    assert!(
        text_of(&buf, 39).contains("2 of 4 tracks"),
        "{}",
        text_of(&buf, 39)
    );
    // Every session left in the grid is in a track marked; the selection stayed on its talk.
    let shown: Vec<usize> = app.days[0].spans.iter().map(|s| s.0).collect();
    assert!(shown.iter().all(|&i| {
        let t = app.session(i).track.as_deref();
        t == Some("Web") || t == Some("Core Python")
    }));
    assert_eq!(
        app.selected_session().unwrap().id,
        "a-noob-speaks-to-noobs-your-first-site-in-the-cloud"
    );
    // a marks every line (every track, and talks given none), a again marks none: all shown.
    update(&mut app, Action::Do(Command::ToggleAll));
    assert_eq!(app.lens.tracks.len(), 4);
    assert_eq!(app.days[0].columns.len(), 6);
    update(&mut app, Action::Do(Command::ToggleAll));
    assert!(app.lens.is_clear());
    assert_eq!(app.days[0].columns.len(), 6);
    update(&mut app, Action::Do(Command::Close));
    assert_eq!(app.mode, Mode::Grid);
}

#[test]
fn rooms_hidden_fold_away_and_their_talks_open_in_details() {
    let mut app = app_for(pycon_with_tracks(), Palette::Ansi);
    assert!(app.select_id("advanced-security-topics"));
    update(&mut app, Action::Do(Command::ChooseRooms));
    let effects = update(&mut app, Action::Do(Command::TogglePick));
    assert_eq!(
        effects,
        [Effect::SaveHiddenRooms(["E1".to_string()].into())],
        "hiding a room asks the edge to remember it"
    );
    update(&mut app, Action::Do(Command::Close));
    assert!(app.days[0].columns.iter().all(|c| c.name != "E1"));
    let buf = draw(&mut app, 120, 40);
    assert!(!text_of(&buf, 1).contains("E1"), "{}", text_of(&buf, 1));
    assert!(text_of(&buf, 39).contains("1 room hidden"));
    // The talk is still found; Enter shows it in its details and says why not in the grid.
    update(&mut app, Action::Do(Command::StartSearch));
    for c in "advanced security".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Do(Command::Submit));
    assert_eq!(app.mode, Mode::Detail { scroll: 0 });
    assert!(
        app.said().contains("its room is hidden (H chooses)"),
        "{}",
        app.said()
    );
    // Keynotes given no room stay whatever rooms are hidden.
    update(&mut app, Action::Do(Command::Close));
    update(&mut app, Action::Do(Command::ChooseRooms));
    update(&mut app, Action::Do(Command::ToggleAll));
    assert!(
        app.lens.hidden_rooms.is_empty(),
        "not all shown: a shows all"
    );
    update(&mut app, Action::Do(Command::ToggleAll));
    assert_eq!(app.lens.hidden_rooms.len(), 5, "all shown: a hides all");
    let names: Vec<&str> = app.days[0]
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["(no room)"]);
    assert_eq!(app.days[0].plenaries.len(), 3);
}

#[test]
fn a_room_holding_one_track_all_day_shows_it_under_its_name() {
    let mut app = app_for(pycon_with_tracks(), Palette::Ansi);
    let buf = draw(&mut app, 120, 40);
    assert!(
        text_of(&buf, 2).contains("Security"),
        "{}",
        text_of(&buf, 2)
    );
    // E1's track sits under E1 (both in E1's column, 6..24), in the track's colour.
    let col = |y: u16, word: &str| {
        let line = text_of(&buf, y);
        line[..line.find(word).unwrap()].chars().count()
    };
    assert!((6..24).contains(&col(1, "E1")) && (6..24).contains(&col(2, "Security")));
    assert_eq!(cells_of(&buf, 2, "Security")[0].fg, Some(Color::Yellow));
    // A room whose talks are in different tracks gets no name there, and without tracks there is
    // no such row at all.
    let mut mixed = pycon_with_tracks();
    for x in mixed
        .sessions
        .iter_mut()
        .filter(|x| x.room.as_deref() == Some("E1"))
        .take(1)
    {
        x.track = Some("Web".into());
    }
    let mut app = app_for(mixed, Palette::Ansi);
    let buf = draw(&mut app, 120, 40);
    assert!(
        !text_of(&buf, 2).contains("Security"),
        "{}",
        text_of(&buf, 2)
    );
    let mut plain = app_for(default_schedule().unwrap(), Palette::Ansi);
    let buf = draw(&mut plain, 120, 40);
    assert!(
        text_of(&buf, 2).starts_with("09:00"),
        "{}",
        text_of(&buf, 2)
    );
}

/// The README's picture: the built-in day at 120×40 at 14:10, with two picks that clash.
fn readme_picture() -> Buffer {
    let mut app = app_for(default_schedule().unwrap(), Palette::Ansi);
    app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
    for id in [
        "advanced-security-topics",
        "code-generation-in-python-dismantling-jinja",
    ] {
        assert!(app.select_id(id));
        update(&mut app, Action::Do(Command::TogglePick));
    }
    app.start_at_now();
    draw(&mut app, 120, 40)
}

/// The picture as the README shows it: the screen's text, trailing spaces cut.
fn picture_text(buf: &Buffer) -> String {
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| text_of(buf, y).trim_end().to_string())
        .collect();
    format!("```text\n{}\n```\n", rows.join("\n"))
}

#[test]
fn the_readme_picture_is_the_grid_as_drawn() {
    let buf = readme_picture();
    insta::assert_snapshot!("readme_picture_120x40", styled(&buf));
    assert!(text_of(&buf, 39).contains("2 picks · 1 clash"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("<!-- picture: begin -->\n", "<!-- picture: end -->");
    let from = readme.find(begin).expect("README has the picture markers") + begin.len();
    let to = readme
        .find(end)
        .expect("README has the picture's end marker");
    let want = picture_text(&buf);
    if readme[from..to] != want && std::env::var_os("LINEUP_UPDATE_README").is_some() {
        std::fs::write(path, format!("{}{want}{}", &readme[..from], &readme[to..])).unwrap();
        return;
    }
    assert_eq!(
        readme[from..to],
        want,
        "the README's picture is out of date: run LINEUP_UPDATE_README=1 cargo test --test it readme_picture"
    );
}

/// Draws `schedule` at 120×40 with its times in each of the venue's zone and `others`, and
/// snapshots each screen as `name_<zone>`.
fn in_zones(
    schedule: Schedule,
    name: &str,
    select: &str,
    others: [chrono_tz::Tz; 2],
) -> Vec<Buffer> {
    let mut app = app_for(schedule, Palette::Ansi);
    app.zones = vec![None, Some(others[0]), Some(others[1])];
    assert!(app.select_id(select));
    let mut screens = Vec::new();
    for k in 0..3 {
        if k > 0 {
            let effects = update(&mut app, Action::Do(Command::SwitchZone));
            assert!(matches!(effects[..], [Effect::Shown(_)]), "{effects:?}");
        }
        assert_eq!(app.zone, k);
        // The selection follows its talk into the new zone.
        assert_eq!(app.selected_session().unwrap().id, select);
        let buf = draw(&mut app, 120, 40);
        let label = match k {
            0 => "venue".to_string(),
            _ => others[k - 1].name().replace('/', "_"),
        };
        insta::assert_snapshot!(format!("{name}_in_{label}"), styled(&buf));
        screens.push(buf);
    }
    // Z again: back to the venue's zone.
    update(&mut app, Action::Do(Command::SwitchZone));
    assert_eq!(app.zone, 0, "{}", app.said());
    assert!(app.schedule().shown_in.is_none());
    screens
}

#[test]
fn pycon_in_three_zones_keeps_instants_and_names_the_zone() {
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let tokyo: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
    let screens = in_zones(
        default_schedule().unwrap(),
        "pycon",
        "advanced-security-topics",
        [berlin, tokyo],
    );
    assert!(text_of(&screens[0], 0).contains("PyCon US 2012 · PST"));
    assert!(text_of(&screens[1], 0).contains("Europe/Berlin CET"));
    assert!(text_of(&screens[2], 0).contains("Asia/Tokyo JST"));
    // 13:45 in Santa Clara is 22:45 in Berlin and 06:45 the next morning in Tokyo.
    for (buf, at) in screens
        .iter()
        .zip(["13:45 Advanced", "22:45 Advanced", "06:45 Advanced"])
    {
        assert!(
            (0..40).any(|y| text_of(buf, y).contains(at)),
            "{at} not on screen"
        );
    }
}

#[test]
fn a_ccc_schedule_across_a_dst_change_in_three_zones() {
    let schedule = lineup::workspace::read_schedule(
        std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/frab.xml"
        )),
        &lineup::import::Options::default(),
    )
    .unwrap()
    .schedule;
    let first = schedule.sessions[0].id.clone();
    let new_york: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let kolkata: chrono_tz::Tz = "Asia/Kolkata".parse().unwrap();
    let screens = in_zones(schedule, "frab", &first, [new_york, kolkata]);
    assert!(
        text_of(&screens[0], 0).contains("· CET"),
        "{}",
        text_of(&screens[0], 0)
    );
    // Half-hour offsets stay half-hour: 11:00 in Berlin (CET) is 15:30 in Kolkata.
    assert!((0..40).any(|y| text_of(&screens[2], y).contains("15:30")));
}

#[test]
fn the_configs_keys_and_colours_reach_the_screen() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let text =
        "[keys]\ntoggle_pick = \"x\"\n[colours]\npicked = { fg = \"light-red\", bold = true }\n";
    let (settings, keymap) =
        lineup::tui::config::check(text, std::path::Path::new("config.toml")).unwrap();
    let mut app = app_for(default_schedule().unwrap(), Palette::Ansi);
    app.keymap = keymap;
    app.styles = settings.styles;
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
    let grid = lineup::tui::keymap::Context::Grid;
    assert_eq!(
        app.keymap.action_for(grid, &x),
        Some(Action::Do(Command::TogglePick))
    );
    assert_eq!(app.keymap.action_for(grid, &space), None);
    assert!(app.select_id("advanced-security-topics"));
    update(&mut app, Action::Do(Command::TogglePick));
    update(&mut app, Action::Do(Command::Down));
    let buf = draw(&mut app, 120, 40);
    let row = row_with(&buf, "Advanced");
    let cells = cells_of(&buf, row, "Advanced");
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Some(Color::LightRed) && c.add_modifier.contains(Modifier::BOLD)),
        "{cells:?}"
    );
    // Hints name the new key; in monochrome only the attribute applies.
    update(&mut app, Action::Do(Command::ShowHelp));
    let help = draw(&mut app, 120, 40);
    assert!((0..40).any(|y| text_of(&help, y).contains("  x   ")));
    update(&mut app, Action::Do(Command::Close));
    app.palette = Palette::Mono;
    let buf = draw(&mut app, 120, 40);
    let cells = cells_of(&buf, row_with(&buf, "Advanced"), "Advanced");
    assert!(
        cells
            .iter()
            .all(|c| matches!(c.fg, None | Some(Color::Reset))
                && c.add_modifier.contains(Modifier::BOLD)),
        "{cells:?}"
    );
}

#[test]
fn snapshot_friends_picks_marked_in_the_grid_and_named_in_details() {
    let mut app = app_for(default_schedule().unwrap(), Palette::Ansi);
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    app.friends = vec![
        (
            "Alice".into(),
            ids(&[
                "code-generation-in-python-dismantling-jinja",
                "apache-cassandra-and-python",
            ]),
        ),
        (
            "bob".into(),
            ids(&["code-generation-in-python-dismantling-jinja"]),
        ),
    ];
    app.fixed_now = Stamp::parse("2012-03-09T14:10:00-08:00");
    app.start_at_now();
    let buf = draw(&mut app, 120, 40);
    insta::assert_snapshot!("friends_120x40", styled(&buf));
    assert!((0..40).any(|y| text_of(&buf, y).contains("14:00 [AB] Code")));
    assert!((0..40).any(|y| text_of(&buf, y).contains("14:40 [A] Apache")));
    assert!(app.select_id("code-generation-in-python-dismantling-jinja"));
    update(&mut app, Action::Do(Command::Open));
    let detail = draw(&mut app, 120, 40);
    assert!((0..40).any(|y| text_of(&detail, y).contains("Also picked by Alice, bob")));
}

#[test]
fn the_published_33c3_schedule_in_three_zones() {
    let Some(corpus) = crate::util::corpus() else {
        return;
    };
    let schedule = lineup::workspace::read_schedule(
        &corpus.join("33c3.json"),
        &lineup::import::Options::default(),
    )
    .unwrap()
    .schedule;
    let first = schedule.sessions[0].id.clone();
    let new_york: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let kolkata: chrono_tz::Tz = "Asia/Kolkata".parse().unwrap();
    let screens = in_zones(schedule, "33c3", &first, [new_york, kolkata]);
    // The file gives offsets but no zone name: the header names the offset; Z comes back to
    // the times as read.
    assert!(
        text_of(&screens[0], 0).contains("· UTC+01:00"),
        "{}",
        text_of(&screens[0], 0)
    );
    assert!(text_of(&screens[1], 0).contains("America/New_York EST"));
    assert!(text_of(&screens[2], 0).contains("Asia/Kolkata IST"));
}

#[test]
fn the_language_chooser_shows_only_talks_in_the_languages_marked() {
    let mut s = default_schedule().unwrap();
    for x in &mut s.sessions {
        x.language = match x.room.as_deref() {
            Some("E1") => Some("de".into()),
            Some("E2") => Some("en".into()),
            _ => None,
        };
    }
    let mut app = app_for(s, Palette::Ansi);
    assert!(app.select_id("a-noob-speaks-to-noobs-your-first-site-in-the-cloud"));
    update(&mut app, Action::Do(Command::ChooseLanguages));
    // Codes sorted, "(not given)" last; the cursor on the selected talk's (E2: en).
    assert_eq!(
        app.mode,
        Mode::Choose {
            list: Chooser::Languages,
            cursor: 1
        }
    );
    let buf = draw(&mut app, 120, 40);
    let head = row_with(&buf, "Languages: all 3 shown");
    assert!(
        text_of(&buf, head + 1).contains("de (German)"),
        "{}",
        text_of(&buf, head + 1)
    );
    update(&mut app, Action::Do(Command::Up));
    update(&mut app, Action::Do(Command::TogglePick));
    assert_eq!(app.lens.languages.len(), 1);
    let shown: Vec<usize> = app.days[0].spans.iter().map(|s| s.0).collect();
    assert!(!shown.is_empty());
    assert!(
        shown
            .iter()
            .all(|&i| app.session(i).language.as_deref() == Some("de"))
    );
    let buf = draw(&mut app, 120, 40);
    assert!(
        text_of(&buf, 39).contains("1 of 3 languages"),
        "{}",
        text_of(&buf, 39)
    );
    // The key is in the help, from the one keymap.
    update(&mut app, Action::Do(Command::Close));
    update(&mut app, Action::Do(Command::ShowHelp));
    let buf = draw(&mut app, 120, 60);
    let all: String = (0..60)
        .map(|r| text_of(&buf, r))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("languages: show only talks in some"), "{all}");
}

/// A room where sessions overlap, as 36C3's do: a film from 21:30 to 23:59 with two talks
/// beside it, and a talk before that overlaps nothing.
fn overlapping_in_one_room() -> Schedule {
    let session = |id: &str, from: &str, to: &str| {
        format!(
            r#"{{"id":"{id}","title":"{id} title","day":"2019-12-27","start":"2019-12-27T{from}:00+01:00","end":"2019-12-27T{to}:00+01:00","room":"Saal A"}}"#
        )
    };
    let json = format!(
        r#"{{"format":"lineup-schedule","version":1,
      "conference":{{"id":"lanes","title":"Lanes","time_zone":"Europe/Berlin","venue":null}},
      "rooms":["Saal A","Saal B"],
      "sessions":[{},{},{},{},{}]}}"#,
        session("before", "20:00", "21:00"),
        session("film", "21:30", "23:59"),
        session("talk1", "21:45", "22:30"),
        session("talk2", "22:40", "23:20"),
        r#"{"id":"b","title":"In B","day":"2019-12-27","start":"2019-12-27T21:00:00+01:00","end":"2019-12-27T22:00:00+01:00","room":"Saal B"}"#,
    );
    lineup::native::from_json(&json, "lanes.json").unwrap()
}

#[test]
fn sessions_that_overlap_in_a_room_are_drawn_side_by_side_with_their_true_times() {
    let mut app = app_for(overlapping_in_one_room(), Palette::Ansi);
    assert!(app.select_id("film"));
    let buf = draw(&mut app, 80, 40);
    let rows: Vec<String> = (0..40).map(|y| text_of(&buf, y)).collect();
    let all = rows.join("\n");
    // The film's box runs from its start row to 23:59, not cut at 23:20 by talk2's end or at
    // 22:40 by talk2's start: its last row is the one holding 23:50 (10 minutes a row).
    let film_top = rows
        .iter()
        .position(|r| r.contains("┏21:30 film"))
        .expect(&all);
    let film_bottom = rows.iter().rposition(|r| r.contains('┗')).expect(&all);
    assert_eq!(film_bottom - film_top, 14, "21:30–23:59 is 15 rows: {all}");
    // The talks beside it, each at its own time.
    let row_of = |what: &str| rows.iter().position(|r| r.contains(what)).expect(&all);
    assert_eq!(row_of("21:45 talk1") - film_top, 1);
    assert_eq!(row_of("22:40 talk2") - film_top, 7);
    // Before the film the room has its whole width.
    assert!(all.contains("┌20:00 before title"), "{all}");
    snap_sizes(&mut app, "lanes");
}

/// In a 24-bit terminal a talk takes the colour its schedule gives its track (c3voc's
/// `colors`, pretalx's `color`, frab XML's `<track color>`); with 16 colours, lineup's own.
#[test]
fn a_track_s_own_colour_is_drawn_in_24_bit_terminals() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/c3voc-v2.json");
    let schedule = lineup::import::read_bytes(
        &std::fs::read(path).unwrap(),
        "v2.json",
        &Default::default(),
    )
    .unwrap()
    .schedule;
    let science = ratatui::style::Color::Rgb(0x00, 0xA3, 0x56);
    for (palette, want) in [(Palette::Rich, Some(science)), (Palette::Ansi, None)] {
        let mut app = app_for(schedule.clone(), palette);
        // Somewhere else selected, so the talk shows its own style.
        let in_track = |s: &lineup::model::Session| s.track.as_deref() == Some("Science & Stars");
        let count = app
            .schedule()
            .sessions
            .iter()
            .find(|s| in_track(s))
            .unwrap()
            .id
            .clone();
        let i = app.index_of(&count).unwrap();
        let word = app.session(i).title.split(' ').next().unwrap().to_string();
        // Selected, the talk keeps its colour (the selection is reverse video).
        update(&mut app, Action::Select(count.to_string()));
        assert_eq!(app.selected, Some(i));
        let buf = draw(&mut app, 120, 40);
        let y = row_with(&buf, &word);
        let fg = cells_of(&buf, y, &word)[0].fg;
        match want {
            Some(c) => assert_eq!(fg, Some(c), "{palette:?}"),
            None => assert!(
                !matches!(fg, Some(ratatui::style::Color::Rgb(..))),
                "{palette:?} {fg:?}"
            ),
        }
    }
}

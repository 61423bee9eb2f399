//! "I couldn't get in", end to end: `lineup missed` and `X` in the TUI.

use crate::util::{lineup, stdout};
use lineup::tui::{Action, Command, Mode, update};

const JINJA: &str = "code-generation-in-python-dismantling-jinja";

#[test]
fn lineup_missed_lists_what_runs_near_and_take_picks_it_and_the_plan_goes_on_without() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let agenda = h.join("agenda.json");
    let run = |args: &[&str]| {
        stdout(
            lineup(h)
                .args(["--agenda", agenda.to_str().unwrap()])
                .args(args),
        )
    };
    run(&["pick", JINJA, "make-sure-your-programs-crash"]);
    // Without an id: the planned talk now.
    let out = run(&["--now", "2012-03-09T14:02", "missed", "--take", "1"]);
    assert!(
        out.starts_with(
            "missed: \"Code Generation in Python: Dismantling Jinja\" (E2, 14:00–14:40)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Instead, from E2 at 14:02 (nearest first):"),
        "{out}"
    );
    let first = out
        .lines()
        .find(|l| l.trim_start().starts_with("1. "))
        .unwrap()
        .to_string();
    let id = first
        .rsplit('(')
        .next()
        .unwrap()
        .trim_end_matches(')')
        .to_string();
    assert!(out.contains("picked: "), "{out}");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&agenda).unwrap()).unwrap();
    assert_eq!(file["version"], 2);
    assert_eq!(file["missed"][0]["id"], JINJA);
    let ids: Vec<&str> = file["picks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&id.as_str()) && !ids.contains(&JINJA),
        "{ids:?}"
    );
    let plan = run(&["plan"]);
    assert!(!plan.contains("Dismantling Jinja"), "{plan}");
    // Picking it again (they got in after all) takes it out of missed.
    run(&["pick", JINJA]);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&agenda).unwrap()).unwrap();
    assert!(file.get("missed").is_none(), "{file}");
    // Nothing planned at 10:00: a sentence, not a guess.
    let out = lineup(h)
        .args(["--agenda", agenda.to_str().unwrap()])
        .args(["--now", "2012-03-09T10:00", "missed"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no planned talk runs now"));
}

#[test]
fn x_marks_the_pick_missed_enter_picks_an_alternative_and_u_takes_both_back() {
    let schedule = lineup::native::default_schedule().unwrap();
    let agenda = lineup::agenda::Agenda::new((&schedule.conference).into());
    let clock = chrono::DateTime::parse_from_rfc3339("2012-03-09T14:05:00-08:00").unwrap();
    let mut app = lineup::tui::App::new(schedule, agenda, clock);
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert!(app.select_id(JINJA));
    update(&mut app, Action::Do(Command::TogglePick));
    let effects = update(&mut app, Action::Do(Command::Missed));
    assert!(matches!(app.mode, Mode::Alternatives { cursor: 0 }));
    assert_eq!(effects.len(), 1, "saved: {effects:?}");
    assert!(!app.agenda().is_picked(JINJA));
    assert!(!app.alternatives.is_empty());
    assert!(
        app.said().starts_with("missed \"Code Generation"),
        "{}",
        app.said()
    );
    let first = app.alternatives[0].session;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| lineup::tui::view::draw(f, &app)).unwrap();
    let screen = t.backend().to_string();
    assert!(screen.contains("Instead of \"Code Generation"), "{screen}");
    assert!(screen.contains("started"), "{screen}");
    update(&mut app, Action::Do(Command::Down));
    update(&mut app, Action::Do(Command::Up));
    update(&mut app, Action::Do(Command::Open));
    assert!(matches!(app.mode, Mode::Grid));
    let id = app.session(first).id.clone();
    assert!(app.agenda().is_picked(&id));
    assert_eq!(app.selected, Some(first));
    update(&mut app, Action::Do(Command::Undo));
    assert!(!app.agenda().is_picked(&id));
    update(&mut app, Action::Do(Command::Undo));
    assert!(app.agenda().is_picked(JINJA));
    assert_eq!(app.agenda().missed().len(), 0);
    // Not a pick: said so, nothing changes.
    update(&mut app, Action::Do(Command::Down));
    if !app
        .agenda()
        .is_picked(&app.selected_session().unwrap().id.clone())
    {
        update(&mut app, Action::Do(Command::Missed));
        assert!(app.said().contains("is not a pick"), "{}", app.said());
        assert!(matches!(app.mode, Mode::Grid));
    }
}

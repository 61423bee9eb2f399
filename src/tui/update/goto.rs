//! Going to a time and day typed after `:` (`16:00`, `1600`, `16`, `16h30`, `sat`, `sat 10:30`,
//! `2012-03-09 9:00`, `now`), and the jump list's places: where a jump leaves from and how to
//! return there.

use chrono::{NaiveDate, NaiveTime};

pub(super) use super::nav::leave_here;
use super::nav::{at_minute, clock_label, ensure_visible, here, jump_now, land, minute_on};
use crate::tui::action::Command;
use crate::tui::app::{App, Mode};
use crate::tui::geometry::Geometry;
use crate::tui::line::LineEdit;
use crate::tui::place::Place;
use crate::tui::said::Said;

/// A command while typing where to go.
pub(super) fn command(app: &mut App, c: Command, mut line: LineEdit) {
    match c {
        Command::Submit => {
            app.mode = Mode::Grid;
            go(app, line.text());
        }
        Command::Close => app.mode = Mode::Grid,
        other => {
            if let Some(e) = super::prompt::edit_of(other) {
                line.apply(e);
            }
            app.mode = Mode::Goto { line };
        }
    }
}

/// What a typed place names: a day among the conference's, a time of day, or now.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    Now,
    At {
        day: Option<usize>,
        time: Option<NaiveTime>,
    },
}

/// A day among `days`: an ISO date, or a weekday's name or its first two letters or more.
fn day(days: &[NaiveDate], typed: &str) -> Option<usize> {
    let t = typed.trim().to_lowercase();
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return days.iter().position(|&x| x == d);
    }
    if t.len() < 2 || !t.chars().all(char::is_alphabetic) {
        return None;
    }
    let named = |d: &NaiveDate| d.format("%A").to_string().to_lowercase().starts_with(&t);
    let found: Vec<usize> = (0..days.len()).filter(|&k| named(&days[k])).collect();
    match found[..] {
        [k] => Some(k),
        _ => None,
    }
}

/// What `typed` names among `days`, if anything.
fn wanted(days: &[NaiveDate], typed: &str) -> Option<Wanted> {
    let words: Vec<&str> = typed.split_whitespace().collect();
    match words[..] {
        [w] if w.eq_ignore_ascii_case("now") => Some(Wanted::Now),
        [w] => match (day(days, w), crate::text::clock_time(w)) {
            (Some(k), _) => Some(Wanted::At {
                day: Some(k),
                time: None,
            }),
            (None, Some(t)) => Some(Wanted::At {
                day: None,
                time: Some(t),
            }),
            (None, None) => None,
        },
        [t, ap] if ["am", "pm"].contains(&ap.to_ascii_lowercase().as_str()) => Some(Wanted::At {
            day: None,
            time: Some(crate::text::clock_time(&format!("{t}{ap}"))?),
        }),
        [d, t] => Some(Wanted::At {
            day: Some(day(days, d)?),
            time: Some(crate::text::clock_time(t)?),
        }),
        [d, t, ampm] => Some(Wanted::At {
            day: Some(day(days, d)?),
            time: Some(crate::text::clock_time(&format!("{t}{ampm}"))?),
        }),
        _ => None,
    }
}

/// Goes where `typed` says, leaving a place in the jump list.
fn go(app: &mut App, typed: &str) {
    if typed.trim().is_empty() {
        return;
    }
    let dates: Vec<NaiveDate> = app.days.iter().map(|d| d.date).collect();
    let Some(w) = wanted(&dates, typed) else {
        app.message = Said::NotATime {
            typed: typed.trim().to_string(),
            days: dates
                .iter()
                .map(|d| d.format("%a %-d").to_string())
                .collect(),
        };
        return;
    };
    leave_here(app);
    let Wanted::At { day, time } = w else {
        jump_now(app);
        return;
    };
    let k = day.unwrap_or(app.day);
    let time = time.or_else(|| {
        app.day_index()
            .map(|d| d.base_stamp.plus_minutes(at_minute(app)).time())
    });
    if k != app.day {
        app.day = k;
        app.relayout();
        super::nav::clamp_columns(app);
    }
    let Some(t) = time else { return };
    let d = &app.days[k];
    let (date, end) = (d.date, d.end_minute.max(1));
    let mut m = minute_on(app, k, date, t);
    // 01:00 on a day whose grid runs past midnight is that night's.
    if m < 0 && m + 24 * 60 < end {
        m += 24 * 60;
    }
    let inside = (0..end).contains(&m);
    let m = m.clamp(0, end - 1);
    land(app, app.column, m);
    scroll_to(app, m);
    let at = clock_label(app, m).unwrap_or_default();
    app.message = if inside {
        Said::WentTo {
            at: format!("{} {at}", date.format("%a")),
        }
    } else {
        Said::OutsideDay {
            typed: typed.trim().to_string(),
            first: clock_label(app, 0).unwrap_or_default(),
            last: clock_label(app, end).unwrap_or_default(),
        }
    };
}

/// Scrolls so minute `m` sits a quarter down the grid.
fn scroll_to(app: &mut App, m: i64) {
    let body = usize::from(Geometry::of(app).body_h);
    app.scroll_row = app.timeline().row_of(m).saturating_sub(body / 4);
    ensure_visible(app);
}

/// `Ctrl-O` (back) and `Tab` (forward): the place the jump list holds that way.
pub(super) fn retrace(app: &mut App, back: bool) {
    let Some(now) = here(app) else { return };
    let to = if back {
        app.jumps.back(now)
    } else {
        app.jumps.forward(now)
    };
    match to {
        Some(p) => go_to_place(app, &p),
        None => app.message = Said::NoJump { back },
    }
}

/// Returns to a place: its day, its room when still shown, its session when still shown, and
/// the time it was at.
fn go_to_place(app: &mut App, p: &Place) {
    let Some(k) = app.days.iter().position(|d| d.date == p.date) else {
        return;
    };
    if k != app.day {
        app.day = k;
        app.relayout();
    }
    let columns = app.day_index().map_or(&[][..], |d| d.columns.as_slice());
    let c = p
        .room
        .as_deref()
        .and_then(|r| columns.iter().position(|c| c.name == r))
        .unwrap_or(app.column)
        .min(columns.len().saturating_sub(1));
    let session = p
        .session
        .as_deref()
        .and_then(|id| app.index_of(id))
        .filter(|&i| app.shows(i) && app.session(i).day == p.date);
    (app.scroll_row, app.scroll_col) = p.scroll;
    match session {
        Some(i) => {
            app.column = c;
            super::nav::select_session(app, i);
            app.at = Some(crate::tui::place::At {
                day: app.day,
                session: Some(i),
                minute: p.minute,
            });
            app.message = Said::Nothing;
        }
        None => land(app, c, p.minute),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn times_as_people_type_them() {
        for (typed, want) in [
            ("16:00", hm(16, 0)),
            ("9:05", hm(9, 5)),
            ("1600", hm(16, 0)),
            ("16", hm(16, 0)),
            ("16h", hm(16, 0)),
            ("16h30", hm(16, 30)),
            ("4pm", hm(16, 0)),
            ("4:30 pm", hm(16, 30)),
            ("12am", hm(0, 0)),
            ("12pm", hm(12, 0)),
            ("24:00", None),
            ("13pm", None),
            ("16:6x", None),
            ("", None),
            ("sat", None),
            ("123", None),
        ] {
            assert_eq!(crate::text::clock_time(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn days_by_name_or_date_among_the_conference_s() {
        let days: Vec<NaiveDate> = (27..=29)
            .filter_map(|d| NaiveDate::from_ymd_opt(2024, 12, d))
            .collect(); // Fri, Sat, Sun
        assert_eq!(day(&days, "sat"), Some(1));
        assert_eq!(day(&days, "SUNDAY"), Some(2));
        assert_eq!(day(&days, "s"), None, "too short");
        assert_eq!(day(&days, "mon"), None);
        assert_eq!(day(&days, "2024-12-27"), Some(0));
        assert_eq!(day(&days, "2024-12-30"), None);
        assert_eq!(
            wanted(&days, "sat 10:30"),
            Some(Wanted::At {
                day: Some(1),
                time: hm(10, 30)
            })
        );
        assert_eq!(
            wanted(&days, "su 4 pm"),
            Some(Wanted::At {
                day: Some(2),
                time: hm(16, 0)
            })
        );
        assert_eq!(wanted(&days, "Now"), Some(Wanted::Now));
        assert_eq!(
            wanted(&days, "4:30 PM"),
            Some(Wanted::At {
                day: None,
                time: hm(16, 30)
            })
        );
        assert_eq!(wanted(&days, "tomorrow"), None);
        assert_eq!(wanted(&days, "sat 25:00"), None);
    }
}

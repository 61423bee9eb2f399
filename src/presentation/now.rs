//! "Now" and "next" in one line for status bars (tmux, waybar, i3blocks): a session with the
//! minutes left or to wait, and a small template language for people who want another shape.

use super::{duration, hm, place};
use crate::error::Error;
use crate::model::{Session, Stamp};

/// The fields a `--format` template may use, with what each gives.
pub const FIELDS: [(&str, &str); 9] = [
    ("title", "the talk's title"),
    ("room", "its room (\"all rooms\" for a plenary)"),
    ("start", "its start, 14:00"),
    ("end", "its end, 14:40"),
    (
        "in",
        "time until it starts: \"25 min\", \"now\" once started",
    ),
    ("left", "time until it ends: \"15 min\""),
    ("speakers", "\"A, B and C\""),
    ("id", "its session id"),
    ("day", "its day, \"Fri 9 Mar\""),
];

/// The default line for a talk under way: "E2 14:00–14:40 Code Generation… (15 min left)".
pub const NOW_FORMAT: &str = "{room} {start}–{end} {title} ({left} left)";
/// The default line for the next talk: "in 25 min: 14:40 E2 Apache Cassandra and Python".
pub const NEXT_FORMAT: &str = "in {in}: {start} {room} {title}";

/// The value of one field for session `s` at `now`; `None` for a name that is not a field.
fn field(name: &str, s: &Session, now: &Stamp) -> Option<String> {
    Some(match name {
        "title" => s.title.to_string(),
        "room" => place(s.room.as_deref(), s.kind),
        "start" => hm(&s.start),
        "end" => hm(&s.end),
        "in" if s.start <= *now => "now".into(),
        "in" => duration(now.minutes_until(&s.start).max(0)),
        "left" => duration(now.minutes_until(&s.end).max(0)),
        "speakers" => s.speaker_line(),
        "id" => s.id.to_string(),
        "day" => s.day.format("%a %-d %b").to_string(),
        _ => return None,
    })
}

/// Fills `template` for session `s` at `now`: `{name}` is a field, `{{` and `}}` are braces.
/// An unknown field or an unclosed brace is an error naming it and the fields there are.
pub fn fill(template: &str, s: &Session, now: &Stamp) -> Result<String, Error> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(body) = tail.strip_prefix('{') {
            let end = body.find('}').ok_or_else(|| unknown(tail))?;
            let name = &body[..end];
            out.push_str(&field(name, s, now).ok_or_else(|| unknown(name))?);
            rest = &body[end + 1..];
        } else {
            return Err(unknown(tail));
        }
    }
    out.push_str(rest);
    // One line: a title with a line break would break a status bar.
    Ok(out.replace(['\n', '\r'], " "))
}

fn unknown(what: &str) -> Error {
    let names: Vec<String> = FIELDS.iter().map(|(n, _)| format!("{{{n}}}")).collect();
    Error::UnknownField {
        what: what.to_string(),
        fields: names.join(" "),
    }
}

/// A reminder in words, `minutes` before it starts: "in 5 min: "Rust in the kernel", K.1.105
/// (3 min walk from UA2.114)".
pub fn reminder_line(r: &crate::agenda::remind::Reminder, minutes: i64) -> String {
    let when = if minutes <= 0 {
        "now".to_string()
    } else {
        format!("in {}", super::duration(minutes))
    };
    let place = r.place.as_deref().map_or_else(String::new, |p| {
        format!(", {}", crate::message::for_terminal(p))
    });
    let walk = match &r.from {
        Some((from, m)) if *m > 0 => format!(
            " ({} walk from {})",
            super::duration(*m),
            crate::message::for_terminal(from)
        ),
        Some((from, _)) => format!(" (from {})", crate::message::for_terminal(from)),
        None => String::new(),
    };
    let what = if r.own { "your event " } else { "" };
    format!(
        "{when}: {what}{} at {}{place}{walk}",
        crate::message::title(&r.title),
        super::hm(&r.start)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_fields_and_name_the_bad_ones() {
        let schedule = crate::import::native::default_schedule().unwrap();
        let s = schedule
            .sessions
            .iter()
            .find(|s| s.id == "code-generation-in-python-dismantling-jinja")
            .unwrap();
        let now = s.start.plus_minutes(-25);
        assert_eq!(
            fill(NEXT_FORMAT, s, &now).unwrap(),
            "in 25 min: 14:00 E2 Code Generation in Python: Dismantling Jinja"
        );
        let during = s.start.plus_minutes(25);
        assert_eq!(
            fill("{{{id}}} {in}, {left} left", s, &during).unwrap(),
            "{code-generation-in-python-dismantling-jinja} now, 15 min left"
        );
        let e = fill("{titel}", s, &now).unwrap_err().to_string();
        assert!(
            e.contains("`titel` is not a field") && e.contains("{title}"),
            "{e}"
        );
        assert!(fill("{title", s, &now).is_err());
        assert!(fill("a } b", s, &now).is_err());
    }
}
